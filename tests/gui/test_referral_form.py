"""The printed referral form, read back from the PDF with pypdf: only permitted values, the withheld list with
reasons, "Confidential" and "Page N of M" on every page, and the person's language where a translation exists."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outbox_support import PartnerIdentity
from referral_support import DETAILS, referral_setup
from support import collected
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.store.errors import InvalidInput
from tiaki.ui.messages import reason_text
from tiaki.ui.referral_form import ReferralForm

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# A value no other text on a form contains, for each field that holds free text or an identifier.
CANARIES = {
    "given_name": "Qzgivencanary", "family_name": "Qzfamilycanary", "preferred_name": "Qzpreferredcanary",
    "nhi": "ZZZ0016", "msd_client_number": "987654321", "phone": "021 739 1446", "email": "qzmail@example.org",
    "address": "17 Qzaddresscanary Road", "household_members": "Qzhouseholdcanary", "iwi": "Qziwicanary",
    "health_conditions": "Qzhealthcanary", "disability": "Qzdisabilitycanary", "safety_concerns": "Qzsafetycanary",
    "case_notes": "Qznotescanary",
}
CATEGORIES = ("identity", "contact", "whanau", "ethnicity", "health", "income", "employment", "living", "safety",
              "case_notes")


def pages_text(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def squashed(text: str) -> str:
    """Without any whitespace: a value wrapped across lines or split by the extractor still matches."""
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _exported(session, details: ReferralDetails = DETAILS):  # type: ignore[no-untyped-def]
    setup = referral_setup(session)
    return setup, session.referrals.export(setup.client_id, setup.partner_id, "referral", details)


def test_form_shows_permitted_values_withheld_reasons_marking_and_page_numbers(qapp, session) -> None:
    _setup, packet = _exported(session)
    form = ReferralForm(packet, session.catalogue)
    pages = pages_text(form.pdf_bytes())
    text = words(" ".join(pages))
    for value in ("Ana", "Havili", "027 555 0101", packet.partner_name, packet.coordinator_name,
                  DETAILS.reason, DETAILS.services, DETAILS.note, "Urgent", "Referral"):
        assert value in text, value
    assert "asthma" not in text and "private notes" not in text
    assert "The person's consent" in text, "each value shows its basis"
    # The withheld list: "<information> — <reason>", for each withheld field.
    assert packet.withheld, "the setup withholds health and case notes"
    for line in form.withheld_lines():
        assert squashed(line) in squashed(text), line
    assert squashed("Health conditions — " + reason_text("no_consent")) in squashed(text)
    assert squashed("Case notes — " + reason_text("never_leaves_device")) in squashed(text)
    assert all("Confidential" in page for page in pages)
    assert words(pages[0]).count(f"Page 1 of {len(pages)}") == 1


def test_a_long_note_runs_to_more_pages_each_marked_and_numbered(qapp, session) -> None:
    note = "\n".join(f"Line {n} of a long note about the referral." for n in range(90))
    _setup, packet = _exported(session, dataclasses.replace(DETAILS, note=note))
    pages = pages_text(ReferralForm(packet, session.catalogue).pdf_bytes())
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Confidential" in page
        assert f"Page {number} of {len(pages)}" in words(page)
    assert "Line 89 of a long note" in words(" ".join(pages)), "nothing is cut off at a page break"


@pytest.mark.skipif(not (BIN / "pyside6-lrelease").exists(), reason="pyside6-lrelease is not installed")
def test_form_is_in_the_persons_language_where_a_translation_exists(qapp, session, tmp_path: Path) -> None:
    shutil.copy(ROOT / "i18n" / "tiaki_mi.ts", tmp_path / "tiaki_mi.ts")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(tmp_path / "tiaki_mi.ts"), "-qm",
                    str(tmp_path / "tiaki_mi.qm")], check=True, capture_output=True)
    _setup, packet = _exported(session)
    assert packet.language == "en"
    maori = ReferralForm(dataclasses.replace(packet, language="mi"), session.catalogue, i18n=tmp_path)
    assert maori.lang.language == "mi"
    pages = pages_text(maori.pdf_bytes())
    assert all("Matatapu" in page and "Confidential" not in page for page in pages)
    assert f"Whārangi 1 o {len(pages)}" in words(pages[0])
    assert "Ana" in words(pages[0]), "values are the person's own, whatever the language"
    # A language without a translation reads in English; so does the worker's language not matter.
    samoan = ReferralForm(dataclasses.replace(packet, language="sm"), session.catalogue, i18n=tmp_path)
    assert samoan.lang.language == "en" and "Confidential" in pages_text(samoan.pdf_bytes())[0]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(agreement=st.sets(st.sampled_from(CATEGORIES), min_size=1),
       basis=st.sampled_from([Basis.CONSENT, Basis.APPROVED_SHARING_AGREEMENT]),
       consented=st.sets(st.sampled_from(CATEGORIES)), permit=st.booleans(),
       excluded=st.sets(st.sampled_from(sorted(CANARIES)), max_size=3))
def test_no_withheld_value_ever_reaches_the_printed_form(qapp, session, agreement, basis, consented, permit,
                                                         excluded) -> None:
    import datetime as dt

    partner = PartnerIdentity(f"Partner {len(session.sharing.partners())}", inbox_url=None)
    partner_id = session.outbox.enroll_partner(partner.card).id
    now = dt.datetime.now(dt.UTC)
    session.sharing.add_agreement(AgreementInput(
        partner_id, "Referral agreement" if basis is Basis.APPROVED_SHARING_AGREEMENT else "", "", basis,
        frozenset({"referral"}), frozenset(agreement), frozenset(excluded), now - dt.timedelta(days=2), None))
    client_id = session.clients.create(CANARIES, collection=collected(session, "case_management", "referral")).id
    if consented:
        session.sharing.record_consent(client_id, ConsentInput(
            frozenset({partner_id}), frozenset({"referral"}), frozenset(consented), permit,
            now - dt.timedelta(days=1), None, ConsentMethod.VERBAL, "en", GivenBy.PERSON))
    try:
        packet = session.referrals.export(client_id, partner_id, "referral", DETAILS)
    except InvalidInput as exc:
        assert exc.code == "nothing_to_share"
        assert not session.sharing.preview(client_id, partner_id, "referral").allowed
        return
    text = squashed(" ".join(pages_text(ReferralForm(packet, session.catalogue).pdf_bytes())))
    for key, canary in CANARIES.items():
        if key in packet.fields:
            assert squashed(canary) in text, f"{key} was allowed but is missing from the form"
        else:
            assert squashed(canary) not in text, f"withheld {key} is on the printed form"
    assert set(packet.withheld) | set(packet.fields) >= set(CANARIES)
