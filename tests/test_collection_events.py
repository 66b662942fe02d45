"""No personal information without a purpose, a source and a notice; anonymous contacts; IPP 3 notices."""

from __future__ import annotations

import datetime as dt

import pytest

from support import collected
from tiaki.core.collection import Collection, NoticeTiming
from tiaki.core.notices import ITEMS
from tiaki.core.provenance import Source
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session

PERSON = {"given_name": "Tūī", "family_name": "Rangihau", "date_of_birth": "1984-02-03"}


def test_every_value_links_to_its_collection_event(session: Session) -> None:
    record = session.clients.create(PERSON, collection=collected(session, "case_management", "referral"))
    events = {v.collection_event_id for v in record.values.values()}
    assert len(events) == 1 and None not in events
    assert all(v.purposes == {"case_management", "referral"} for v in record.values.values())
    changed = session.clients.update(record.id, {"family_name": "Pārata"},
                                     collection=collected(session, "housing_support"))
    assert changed.values["family_name"].purposes == {"housing_support"}
    assert changed.values["family_name"].collection_event_id not in events
    assert changed.values["given_name"].collection_event_id in events  # unchanged values keep theirs
    assert record.to_json()["provenance"]["given_name"]["purposes"] == ["case_management", "referral"]


def test_no_purpose_no_save(session: Session) -> None:
    empty = Collection(frozenset(), Source.person(), session.notice_given("en"))
    with pytest.raises(InvalidInput, match="purpose"):
        session.clients.create(PERSON, collection=empty)
    unknown = Collection(frozenset({"marketing"}), Source.person(), session.notice_given("en"))
    with pytest.raises(InvalidInput, match="purpose"):
        session.clients.create(PERSON, collection=unknown)
    assert session.clients.count() == 0
    cid = session.clients.create(PERSON, collection=collected(session)).id
    with pytest.raises(InvalidInput, match="purpose"):
        session.clients.update(cid, {"family_name": "X"}, collection=empty)
    assert session.clients.get(cid).fields["family_name"] == "Rangihau"


def test_other_source_needs_name_and_reason() -> None:
    from tiaki.core.provenance import SourceError

    with pytest.raises(SourceError):
        Source.other("Aunty", "")
    with pytest.raises(SourceError):
        Source.other("", "she rang us")


def test_source_and_notice_are_recorded(session: Session) -> None:
    given_at = dt.datetime(2026, 11, 24, 22, 0, tzinfo=dt.UTC)
    collection = Collection(frozenset({"referral"}), Source.other("Whānau Ora navigator", "referral by phone"),
                            session.notice_given("mi", timing=NoticeTiming.AFTER, at=given_at))
    record = session.clients.create(PERSON, collection=collection)
    row = session._db.query_one(
        "SELECT purposes, source, source_detail, notice_version, notice_language, notice_hash, notice_timing, "
        "notice_given_at, recorded_by FROM collection_events WHERE id = ?",
        (record.values["given_name"].collection_event_id,))
    assert row is not None
    assert row[:3] == ('["referral"]', "other", "Whānau Ora navigator — referral by phone")
    assert row[3] == session.notices.version and row[4] == "mi"
    assert row[5] == session.notices.template_hash("mi") and row[6] == "after"
    assert row[7].startswith("2026-11-24T22:00:00") and row[8] == session.worker.id


def test_anonymous_contact(session: Session) -> None:
    helpline = collected(session, "helpline_contact")
    record = session.clients.create({"region": "otago", "safety_concerns": "Rang about a friend"},
                                    collection=helpline, anonymous=True)
    assert record.anonymous and "given_name" not in record.fields
    with pytest.raises(InvalidInput):
        session.clients.create({"given_name": "Named"}, collection=helpline, anonymous=True)
    with pytest.raises(InvalidInput, match="anonymous"):
        session.clients.create({"region": "otago"}, collection=collected(session), anonymous=True)
    with pytest.raises(InvalidInput):
        session.clients.update(record.id, {"family_name": "Named"}, collection=helpline)
    session.clients.update(record.id, {"region": "southland"}, collection=helpline)


@pytest.mark.parametrize("language", ["en", "mi"])
def test_notice_has_every_ipp3_item(session: Session, language: str) -> None:
    notice = session.collection_notice(language, ["case_management", "referral"],
                                       recipients=("Te Whare Awhina (NGO)",), law="")
    assert set(notice.items) == set(ITEMS)
    assert all(text.strip() for text in notice.items.values())
    purposes = [session.purposes.get(p).text_in(language) for p in ("case_management", "referral")]
    assert all(p in notice.items["purpose"] for p in purposes)
    assert "Te Whare Awhina (NGO)" in notice.items["recipients"]
    assert session.organisation_name() in notice.items["agency"]
    assert notice.hash == session.notices.template_hash(language)
    assert notice.review_needed is (language == "mi")
    required = session.collection_notice(language, ["case_management"], required=True, law="Oranga Tamariki Act 1989")
    assert required.items["voluntary"] != notice.items["voluntary"]
    assert "Oranga Tamariki Act 1989" in required.items["law"]


def test_organisation_name_is_an_admin_setting(session: Session) -> None:
    session.set_organisation_name("Te Whare Tiaki Trust")
    assert session.organisation_name() == "Te Whare Tiaki Trust"
    with pytest.raises(InvalidInput):
        session.set_organisation_name("\u202e")


def test_legal_bases_catalogue_matches_the_engine() -> None:
    import json

    from tiaki.core.sharing import CONSENT_BASES, Basis, parse_legal_bases
    from tiaki.paths import resource_dir

    bases = parse_legal_bases(json.loads((resource_dir() / "legal_bases.json").read_text(encoding="utf-8")))
    assert set(bases) == set(Basis)
    assert {b for b, info in bases.items() if info.needs_consent} == set(CONSENT_BASES)
    assert [b for b, info in bases.items() if info.override_only] == [Basis.SERIOUS_THREAT]
    assert all(info.label for info in bases.values())
