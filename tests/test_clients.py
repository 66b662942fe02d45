"""Client records through the store API: provenance, search folding, duplicates, roles, archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ADMIN_PASS, collected
from tiaki.core.collection import Collection
from tiaki.core.provenance import Source
from tiaki.core.roles import AccessDenied, Role
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session, unlock_store

MĀORI = {"given_name": "Māori", "family_name": "Te Whānau", "date_of_birth": "1990-01-02", "nhi": "ZZZ0016",
         "phone": "027 555 0101"}


def test_create_view_and_provenance(session: Session) -> None:
    record = session.clients.create(MĀORI, collection=Collection(
        frozenset({"case_management"}), Source.other("Whānau Ora navigator", "referral from partner"),
        session.notice_given("en")))
    got = session.clients.get(record.id)
    assert got.fields["given_name"] == "Māori"
    stored = got.values["family_name"]
    assert stored.recorded_by == session.worker.id
    assert stored.recorded_at.endswith("+00:00")
    assert stored.source == "other" and "navigator" in (stored.source_detail or "")
    assert session.audit.recent(1)[0].action == "client.view"


def test_edit_keeps_history_and_provenance_per_value(session: Session) -> None:
    cid = session.clients.create(MĀORI, collection=collected(session)).id
    updated = session.clients.update(cid, {"family_name": "Pārata", "phone": None}, collection=collected(session))
    assert updated.fields["family_name"] == "Pārata"
    assert "phone" not in updated.fields
    assert updated.values["given_name"].recorded_at <= updated.values["family_name"].recorded_at
    history = session.clients.history(cid, "family_name")
    assert [h.value for h in history] == ["Pārata", "Te Whānau"]
    with pytest.raises(InvalidInput):
        session.clients.update(cid, {"given_name": None}, collection=collected(session))
    with pytest.raises(InvalidInput):
        session.clients.update(cid, {"date_of_birth": "1990-02-31"}, collection=collected(session))


@pytest.mark.parametrize("typed", ["maori", "MAORI", "Māori", "mao", "whanau", "WHĀNAU", "te wha", "zzz0016",
                                   "0275550101", "027 555"])
def test_search_folds_case_and_macrons(session: Session, typed: str) -> None:
    cid = session.clients.create(MĀORI, collection=collected(session)).id
    session.clients.create({"given_name": "Jack", "family_name": "Brown"}, collection=collected(session))
    results = session.clients.list(typed)
    assert [r.id for r in results] == [cid]
    assert session.clients.count(typed) == 1


def test_search_odd_input_is_harmless(session: Session) -> None:
    session.clients.create(MĀORI, collection=collected(session))
    for typed in ['"', "AND", "OR NOT", "*", "(", "NEAR(", "ä" * 300, "\x00", "🙂", "'; DROP TABLE clients; --"]:
        session.clients.list(typed)
        session.clients.count(typed)
    assert session.clients.count() == 1


def test_list_is_in_name_order_and_pages(session: Session) -> None:
    for family in ["Ngata", "Ātaahua", "Brown", "Ōtāne", "Chen"]:
        session.clients.create({"given_name": "A", "family_name": family}, collection=collected(session))
    names = [s.display_name for s in session.clients.list(limit=10)]
    assert names == ["A Ātaahua", "A Brown", "A Chen", "A Ngata", "A Ōtāne"]
    assert [s.display_name for s in session.clients.list(offset=2, limit=2)] == ["A Chen", "A Ngata"]


def test_likely_duplicate_is_found_by_folded_name_and_birth_date(session: Session) -> None:
    first = session.clients.create(MĀORI, collection=collected(session))
    dup = session.clients.likely_duplicates({"given_name": "maori", "family_name": "TE WHANAU",
                                             "date_of_birth": "1990-01-02"})
    assert [d.id for d in dup.visible] == [first.id]
    none = session.clients.likely_duplicates({"given_name": "maori", "family_name": "te whanau",
                                              "date_of_birth": "1990-01-03"})
    assert not none.any


def test_archive_hides_from_list_and_search(session: Session) -> None:
    cid = session.clients.create(MĀORI, collection=collected(session)).id
    session.clients.archive(cid)
    assert session.clients.count() == 0 and session.clients.list("maori") == []
    assert session.clients.get(cid).archived_at is not None
    with pytest.raises(InvalidInput):
        session.clients.update(cid, {"family_name": "X"}, collection=collected(session))


def test_caseworker_cannot_read_another_caseworkers_client(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    mere = session.add_worker(name="mere", display_name="", role=Role.CASEWORKER, passphrase="tui in the kowhai")
    supervisor = session.add_worker(name="ngaio", display_name="", role=Role.SUPERVISOR,
                                    passphrase="kereru on the branch")
    tamas = session.clients.create(MĀORI, assign_to=tama.id, collection=collected(session)).id
    meres = session.clients.create({"given_name": "Mere's", "family_name": "Client"}, assign_to=mere.id,
                                   collection=collected(session)).id
    session.lock()

    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    assert as_tama.clients.get(tamas).id == tamas
    with pytest.raises(AccessDenied):
        as_tama.clients.get(meres)
    with pytest.raises(AccessDenied):
        as_tama.clients.update(meres, {"family_name": "Changed"}, collection=collected(as_tama))
    with pytest.raises(AccessDenied):
        as_tama.clients.history(meres, "given_name")
    with pytest.raises(AccessDenied):
        as_tama.clients.archive(meres)
    assert [s.id for s in as_tama.clients.list()] == [tamas]
    assert as_tama.clients.count() == 1 and as_tama.clients.list("client") == []
    assert as_tama.clients.summary_fields([meres], ("given_name",)) == {meres: {}}
    dup = as_tama.clients.likely_duplicates({"given_name": "Mere's", "family_name": "Client",
                                             "date_of_birth": "1990-01-01"})
    assert dup.visible == []
    with pytest.raises(AccessDenied):
        as_tama.add_worker(name="x", display_name="", role=Role.PRIVACY_OFFICER, passphrase="escalate me now")
    with pytest.raises(AccessDenied):
        as_tama.clients.assign(meres, tama.id)
    with pytest.raises(AccessDenied):
        as_tama.verify_audit()
    own = as_tama.clients.create({"given_name": "New", "family_name": "Person"}, collection=collected(as_tama))
    assert own.assigned_worker_id == tama.id
    with pytest.raises(AccessDenied):
        as_tama.clients.create({"given_name": "Other", "family_name": "Person"}, assign_to=mere.id,
                               collection=collected(as_tama))
    as_tama.lock()

    as_supervisor = unlock_store(data_dir, passphrase="kereru on the branch", worker_name="ngaio")
    assert as_supervisor.clients.count() == 3
    assert as_supervisor.clients.get(meres).id == meres
    assert as_supervisor.verify_audit().intact
    with pytest.raises(AccessDenied):
        as_supervisor.clients.update(meres, {"family_name": "Changed"}, collection=collected(as_supervisor))
    assert supervisor.role is Role.SUPERVISOR
    as_supervisor.lock()


def test_assign_moves_a_client_between_caseloads(session: Session, data_dir: Path) -> None:
    tama = session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    cid = session.clients.create(MĀORI, collection=collected(session)).id
    session.clients.assign(cid, tama.id)
    session.lock()
    as_tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    assert as_tama.clients.get(cid).assigned_worker_id == tama.id
    as_tama.lock()
    unlock_store(data_dir, passphrase=ADMIN_PASS, worker_name="aroha").lock()
