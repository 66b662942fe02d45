"""Property: over random agreements and consents, a referral packet holds every allowed field's value and no
withheld field's value anywhere in its plaintext (header and Bundle), for a client with a distinctive value in
every field of the catalogue. Real store, real policy engine, real age encryption."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outbox_support import PartnerIdentity
from referral_support import DETAILS
from support import collected
from tiaki.core.clock import utc_now
from tiaki.core.packet import decrypt_packet
from tiaki.core.sharing import AGREEMENT_BASES, Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session

# A value no packet would hold by chance, for every field (choice fields: an option found nowhere else).
CANARIES: dict[str, object] = {
    "given_name": "Canarygivenqx", "family_name": "Canaryfamilyqx", "preferred_name": "Canarypreferredqx",
    "date_of_birth": "1911-02-03", "gender": "not_stated", "nhi": "ZQX48KV", "msd_client_number": "864213579",
    "phone": "+64 21 987 6543", "email": "canary.email.qx@example.org", "address": "17 Canary Lane Qx",
    "region": "chatham_islands", "household_members": "Canary household qx", "dependent_children": 3,
    "ethnicity": "cook_islands_maori", "iwi": "Canary iwi qx", "health_conditions": "Canary health qx",
    "disability": "Canary disability qx", "benefit_type": "supported_living", "weekly_income": 98765,
    "employment_status": "employed_part", "living_arrangement": "social_housing",
    "safety_concerns": "Canary safety qx", "case_notes": "Canary case notes qx",
}
CATEGORIES = ("identity", "contact", "whanau", "ethnicity", "health", "income", "employment", "living", "safety",
              "case_notes")
# Too short to look for as text (a time or an id may hold it): checked in the Bundle's structure only.
NOT_DISTINCTIVE = frozenset({"dependent_children"})
PURPOSES = ("referral", "case_management", "housing_support")
SETTINGS = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _some(options: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(options), min_size=1, max_size=len(options))


agreements = st.lists(st.fixed_dictionaries({
    "basis": st.sampled_from(sorted(AGREEMENT_BASES)),
    "purposes": _some(PURPOSES),
    "categories": _some(CATEGORIES),
    "excluded": st.frozensets(st.sampled_from(sorted(CANARIES)), max_size=4),
    "validity": st.sampled_from(("open", "open", "open", "ended", "not_yet")),
}), min_size=1, max_size=3)
consents = st.lists(st.fixed_dictionaries({
    "permit": st.booleans(),
    "to_kind": st.booleans(),
    "purposes": _some(PURPOSES),
    "categories": _some(CATEGORIES),
    "expiry": st.sampled_from(("none", "past", "future")),
}), max_size=3)
scenarios = st.fixed_dictionaries({
    "agreements": agreements, "consents": consents, "purpose": st.sampled_from(PURPOSES[:2]),
    "collected_for": _some(PURPOSES),
})


def _appears(value: object, text: str) -> bool:
    """Whether the value is in the plaintext: text as it is (and as JSON escapes it), a number as a whole token."""
    if isinstance(value, int):
        return re.search(rf"(?<![0-9A-Za-z.]){value}(?![0-9A-Za-z])", text) is not None
    return str(value) in text or json.dumps(str(value))[1:-1] in text


def test_no_withheld_value_ever_leaves_in_a_packet(session: Session) -> None:
    names = itertools.count()
    now = utc_now()
    days = dt.timedelta(days=1)

    @SETTINGS
    @given(scenarios)
    def check(scenario: dict[str, object]) -> None:
        partner = PartnerIdentity(f"Partner {next(names)}", inbox_url=None)
        partner_id = session.outbox.enroll_partner(partner.card).id
        client_id = session.clients.create(CANARIES, collection=collected(session, *sorted(scenario["collected_for"]))
                                           ).id  # type: ignore[arg-type]
        for a in scenario["agreements"]:  # type: ignore[attr-defined]
            valid_from = now + 10 * days if a["validity"] == "not_yet" else now - 30 * days
            session.sharing.add_agreement(AgreementInput(
                partner_id=partner_id, name="Agreement (test)", reference="Statute 1989 s 1", basis=Basis(a["basis"]),
                purposes=a["purposes"], categories=a["categories"], excluded_fields=a["excluded"],
                valid_from=valid_from, valid_until=now - days if a["validity"] == "ended" else None,
                updates_flow=False))
        for c in scenario["consents"]:  # type: ignore[attr-defined]
            expires = {"none": None, "past": now - days, "future": now + 10 * days}[c["expiry"]]
            session.sharing.record_consent(client_id, ConsentInput(
                frozenset({PartnerKind.NGO.value if c["to_kind"] else partner_id}), c["purposes"], c["categories"],
                c["permit"], now - 10 * days, expires, ConsentMethod.WRITTEN, "en", GivenBy.PERSON))
        purpose = str(scenario["purpose"])
        preview = session.sharing.preview(client_id, partner_id, purpose)
        try:
            packet = session.referrals.export(client_id, partner_id, purpose, DETAILS)
        except InvalidInput as refused:
            assert refused.code == "nothing_to_share" and not preview.allowed
            return
        assert set(packet.fields) == set(preview.allowed_fields)
        assert set(packet.fields) | set(packet.withheld) == set(CANARIES)
        assert not set(packet.fields) & set(packet.withheld)
        assert "case_notes" in packet.withheld  # never leaves the device
        text = decrypt_packet(packet.data, [partner.identity]).decode("utf-8")
        for key, value in CANARIES.items():
            if key in NOT_DISTINCTIVE:
                continue
            if key in packet.fields:
                assert packet.fields[key].value == value
                assert _appears(value, text), f"{key} was allowed but is not in the packet"
            else:
                assert not _appears(value, text), f"{key} was withheld but its value is in the packet"
        [patient] = [e["resource"] for e in packet.bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
        sent = {part["valueCode"] for field in patient.get("extension", []) for part in field["extension"]
                if part["url"] == "key"}
        assert sent == set(packet.fields)

    check()
