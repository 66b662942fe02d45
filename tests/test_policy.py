"""The disclosure policy engine, by example: every reason code, every basis, overrides, boundaries and shape."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tiaki.core.catalogue import FieldDef, FieldType, Sensitivity
from tiaki.core.policy import BASIS_ORDER, Allowed, ClientFacts, Decision, Withheld, decide
from tiaki.core.reasons import REASON_TEXT, Reason, reason_text
from tiaki.core.sharing import (
    AGREEMENT_BASES,
    Basis,
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentRecord,
    GivenBy,
    Override,
    Partner,
    PartnerKind,
    SharingAgreement,
)

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
US = dt.timedelta(microseconds=1)
DAY = dt.timedelta(days=1)
CLIENT = "client-1"
NGO = Partner(id="partner-ngo", name="Te Whare Awhina", kind=PartnerKind.NGO)
JUSTIFICATION = "Threatened to harm their child tonight; police and Oranga Tamariki must know now."


def fdef(key: str, category: str = "contact", *, leaves: bool = True) -> FieldDef:
    return FieldDef(key=key, label=key, category=category, sensitivity=Sensitivity.ORDINARY, type=FieldType.TEXT,
                    may_leave_device=leaves)


PHONE = fdef("phone", "contact")
EMAIL = fdef("email", "contact")
HEALTH = fdef("health_conditions", "health")
NOTES = fdef("case_notes", "case_notes", leaves=False)


def agreement(aid: str = "agr-1", basis: Basis = Basis.CONSENT, *, partner: str = NGO.id,
              purposes: tuple[str, ...] = ("referral",), categories: tuple[str, ...] = ("contact", "health"),
              valid_from: dt.datetime = T0 - 100 * DAY, valid_until: dt.datetime | None = None,
              excluded: tuple[str, ...] = ()) -> SharingAgreement:
    return SharingAgreement(id=aid, partner_id=partner, purposes=frozenset(purposes),
                            categories=frozenset(categories), basis=basis, valid_from=valid_from,
                            valid_until=valid_until, excluded_fields=frozenset(excluded))


def consent(cid: str = "con-1", *, permit: bool = True, client: str = CLIENT,
            recipients: tuple[str, ...] = (NGO.id,), purposes: tuple[str, ...] = ("referral",),
            categories: tuple[str, ...] = ("contact", "health"), given_at: dt.datetime = T0 - 10 * DAY,
            expires_at: dt.datetime | None = None, events: tuple[ConsentEvent, ...] = ()) -> ConsentRecord:
    return ConsentRecord(id=cid, client_id=client, controller="org", recipients=frozenset(recipients),
                         purposes=frozenset(purposes), categories=frozenset(categories), permit=permit,
                         given_at=given_at, expires_at=expires_at, method=ConsentMethod.VERBAL, language="en",
                         notice_version="1", notice_hash="h", recorded_by="worker", given_by=GivenBy.PERSON,
                         events=events)


def event(kind: ConsentEventKind, at: dt.datetime, *, eid: str = "ev-1",
          expires_at: dt.datetime | None = None) -> ConsentEvent:
    return ConsentEvent(id=eid, kind=kind, at=at, recorded_by="worker", expires_at=expires_at)


def client(*, anonymous: bool = False, collected: dict[str, tuple[str, ...]] | None = None) -> ClientFacts:
    return ClientFacts(id=CLIENT, anonymous=anonymous,
                       collected_for={k: frozenset(v) for k, v in (collected or {}).items()})


def run(fields: list[FieldDef] | tuple[FieldDef, ...] = (PHONE,), agreements: tuple[SharingAgreement, ...] = (),
        consents: tuple[ConsentRecord, ...] = (), *, now: dt.datetime = T0, partner: Partner = NGO,
        purpose: str = "referral", facts: ClientFacts | None = None, override: Override | None = None) -> Decision:
    return decide(facts or client(), partner, purpose, fields, agreements, consents, now, override)


def reasons(d: Decision) -> dict[str, Reason]:
    return {w.field: w.reason for w in d.withheld}


def grants(d: Decision) -> dict[str, tuple[Basis, str | None, str | None]]:
    return {a.field: (a.basis, a.agreement_id, a.consent_id) for a in d.allowed}


# --- reasons ---------------------------------------------------------------------------------------------


def test_every_reason_has_english_text_and_a_stable_code() -> None:
    assert set(REASON_TEXT) == set(Reason)
    for reason in Reason:
        assert reason.value == reason.name.lower()
        text = REASON_TEXT[reason]
        assert text.strip() and text.endswith(".") and "_" not in text
        assert reason_text(reason.value) == text
    assert len(set(REASON_TEXT.values())) == len(Reason)


def test_no_agreement() -> None:
    other = agreement(partner="someone-else", basis=Basis.LEGAL_REQUIREMENT)
    assert reasons(run([PHONE], (other,))) == {"phone": Reason.NO_AGREEMENT}


def test_agreement_expired_when_none_is_in_force() -> None:
    ended = agreement(valid_until=T0 - DAY)
    not_yet = agreement("agr-2", valid_from=T0 + DAY)
    assert reasons(run([PHONE], (ended, not_yet))) == {"phone": Reason.AGREEMENT_EXPIRED}


def test_not_covered_by_purpose_category_or_exclusion() -> None:
    statutory = agreement(basis=Basis.LEGAL_REQUIREMENT, categories=("contact",), excluded=("email",))
    d = run([PHONE, EMAIL, HEALTH], (statutory,), purpose="referral")
    assert reasons(d) == {"email": Reason.NOT_COVERED, "health_conditions": Reason.NOT_COVERED}
    assert grants(d) == {"phone": (Basis.LEGAL_REQUIREMENT, "agr-1", None)}
    assert reasons(run([PHONE], (statutory,), purpose="housing_support")) == {"phone": Reason.NOT_COVERED}


def test_excluded_field_falls_through_to_the_next_agreement() -> None:
    excluding = agreement("agr-1", Basis.LEGAL_REQUIREMENT, excluded=("email",))
    consent_based = agreement("agr-2", Basis.CONSENT)
    d = run([PHONE, EMAIL], (excluding, consent_based), (consent("con-1"),))
    assert grants(d) == {"phone": (Basis.LEGAL_REQUIREMENT, "agr-1", None),
                         "email": (Basis.CONSENT, "agr-2", "con-1")}


def test_purpose_not_collected_and_purpose_of_collection() -> None:
    poc = agreement(basis=Basis.PURPOSE_OF_COLLECTION)
    facts = client(collected={"phone": ("referral", "case_management"), "email": ("case_management",)})
    d = run([PHONE, EMAIL, HEALTH], (poc,), facts=facts)
    assert grants(d) == {"phone": (Basis.PURPOSE_OF_COLLECTION, "agr-1", None)}
    assert reasons(d) == {"email": Reason.PURPOSE_NOT_COLLECTED, "health_conditions": Reason.PURPOSE_NOT_COLLECTED}


def test_purpose_of_collection_respects_an_active_refusal_but_not_a_lapsed_one() -> None:
    poc = agreement(basis=Basis.PURPOSE_OF_COLLECTION)
    facts = client(collected={"phone": ("referral",)})
    deny = consent("con-deny", permit=False, categories=("contact",))
    d = run([PHONE, EMAIL], (poc,), (deny,), facts=facts)
    # A refusal does not hide that the value was never collected for this purpose.
    assert reasons(d) == {"phone": Reason.CONSENT_DENIES, "email": Reason.PURPOSE_NOT_COLLECTED}
    withdrawn_deny = consent("con-deny", permit=False, events=(event(ConsentEventKind.WITHDRAWN, T0 - DAY),))
    assert grants(run([PHONE], (poc,), (withdrawn_deny,), facts=facts)) == {
        "phone": (Basis.PURPOSE_OF_COLLECTION, "agr-1", None)}
    other_clients_deny = consent("con-deny", permit=False, client="client-2")
    assert "phone" in grants(run([PHONE], (poc,), (other_clients_deny,), facts=facts))


def test_no_consent() -> None:
    assert reasons(run([PHONE], (agreement(),))) == {"phone": Reason.NO_CONSENT}
    other_purpose = consent(purposes=("housing_support",))
    other_category = consent(categories=("health",))
    other_partner = consent(recipients=("partner-other", PartnerKind.HEALTH_PROVIDER.value))
    other_client = consent(client="client-2")
    for c in (other_purpose, other_category, other_partner, other_client):
        assert reasons(run([PHONE], (agreement(),), (c,))) == {"phone": Reason.NO_CONSENT}


def test_consent_withdrawn_takes_effect_at_the_instant() -> None:
    at = T0 - DAY
    withdrawn = consent(events=(event(ConsentEventKind.WITHDRAWN, at),))
    assert grants(run([PHONE], (agreement(),), (withdrawn,), now=at - US)) == {
        "phone": (Basis.CONSENT, "agr-1", "con-1")}
    assert reasons(run([PHONE], (agreement(),), (withdrawn,), now=at)) == {"phone": Reason.CONSENT_WITHDRAWN}
    assert reasons(run([PHONE], (agreement(),), (withdrawn,), now=at + DAY)) == {"phone": Reason.CONSENT_WITHDRAWN}


def test_consent_expired_at_the_instant_and_by_an_expiry_event() -> None:
    at = T0 + DAY
    expiring = consent(expires_at=at)
    assert "phone" in grants(run([PHONE], (agreement(),), (expiring,), now=at - US))
    assert reasons(run([PHONE], (agreement(),), (expiring,), now=at)) == {"phone": Reason.CONSENT_EXPIRED}
    marked = consent(events=(event(ConsentEventKind.EXPIRED, at),))
    assert "phone" in grants(run([PHONE], (agreement(),), (marked,), now=at - US))
    assert reasons(run([PHONE], (agreement(),), (marked,), now=at)) == {"phone": Reason.CONSENT_EXPIRED}


def test_renewal_extends_the_expiry() -> None:
    first_expiry = T0
    renewed = consent(expires_at=first_expiry, given_at=T0 - 30 * DAY,
                      events=(event(ConsentEventKind.RENEWED, T0 - DAY, expires_at=T0 + 30 * DAY),))
    assert "phone" in grants(run([PHONE], (agreement(),), (renewed,), now=first_expiry + DAY))
    assert reasons(run([PHONE], (agreement(),), (renewed,), now=T0 + 30 * DAY)) == {"phone": Reason.CONSENT_EXPIRED}
    # The renewal only counts from when it was made: before it, the old expiry stood.
    late = consent(expires_at=first_expiry, given_at=T0 - 30 * DAY,
                   events=(event(ConsentEventKind.RENEWED, T0 + DAY, expires_at=T0 + 30 * DAY),))
    assert reasons(run([PHONE], (agreement(),), (late,), now=first_expiry)) == {"phone": Reason.CONSENT_EXPIRED}
    assert "phone" in grants(run([PHONE], (agreement(),), (late,), now=T0 + DAY))
    assert late.expires_as_of(T0) == first_expiry and late.expires_as_of(T0 + DAY) == T0 + 30 * DAY


def test_a_history_of_several_events_is_read_in_time_order() -> None:
    events = (event(ConsentEventKind.WITHDRAWN, T0 + 2 * DAY, eid="ev-2"),
              event(ConsentEventKind.RENEWED, T0 - DAY, eid="ev-1", expires_at=T0 + 10 * DAY))
    c = consent(expires_at=T0, events=events)
    assert "phone" in grants(run([PHONE], (agreement(),), (c,), now=T0 + DAY))
    assert reasons(run([PHONE], (agreement(),), (c,), now=T0 + 2 * DAY)) == {"phone": Reason.CONSENT_WITHDRAWN}


def test_not_yet_given_consent_counts_as_no_consent() -> None:
    future = consent(given_at=T0 + DAY)
    assert reasons(run([PHONE], (agreement(),), (future,))) == {"phone": Reason.NO_CONSENT}
    assert "phone" in grants(run([PHONE], (agreement(),), (future,), now=T0 + DAY))


def test_deny_beats_permit() -> None:
    permit = consent("con-a")
    deny = consent("con-b", permit=False, categories=("contact",))
    d = run([PHONE, HEALTH], (agreement(),), (permit, deny))
    assert reasons(d) == {"phone": Reason.CONSENT_DENIES}
    assert grants(d) == {"health_conditions": (Basis.CONSENT, "agr-1", "con-a")}


def test_withdrawn_beats_expired_and_the_smallest_active_permit_is_named() -> None:
    withdrawn = consent("con-b", events=(event(ConsentEventKind.WITHDRAWN, T0 - DAY),))
    expired = consent("con-c", expires_at=T0 - DAY)
    assert reasons(run([PHONE], (agreement(),), (expired, withdrawn))) == {"phone": Reason.CONSENT_WITHDRAWN}
    active = (consent("con-z"), consent("con-m"), withdrawn)
    assert grants(run([PHONE], (agreement(),), active)) == {"phone": (Basis.CONSENT, "agr-1", "con-m")}


def test_consent_to_a_partner_kind_covers_every_partner_of_that_kind() -> None:
    by_kind = consent(recipients=(PartnerKind.NGO.value,))
    assert "phone" in grants(run([PHONE], (agreement(),), (by_kind,)))
    clinic = Partner(id="partner-clinic", name="Clinic", kind=PartnerKind.HEALTH_PROVIDER)
    clinic_agreement = agreement(partner=clinic.id)
    assert reasons(run([PHONE], (clinic_agreement,), (by_kind,), partner=clinic)) == {"phone": Reason.NO_CONSENT}


def test_never_leaves_device() -> None:
    statutory = agreement(basis=Basis.LEGAL_REQUIREMENT, categories=("case_notes", "contact"))
    d = run([NOTES, PHONE], (statutory,))
    assert reasons(d) == {"case_notes": Reason.NEVER_LEAVES_DEVICE}
    # Checked before the partner and the agreements.
    assert reasons(run([NOTES], ())) == {"case_notes": Reason.NEVER_LEAVES_DEVICE}


def test_overseas_partner_needs_an_ipp12_basis() -> None:
    overseas = Partner(id=NGO.id, name="Overseas", kind=PartnerKind.NGO, overseas=True)
    statutory = agreement(basis=Basis.LEGAL_REQUIREMENT)
    assert reasons(run([PHONE, NOTES], (statutory,), partner=overseas)) == {
        "phone": Reason.OVERSEAS_WITHOUT_BASIS, "case_notes": Reason.NEVER_LEAVES_DEVICE}
    blank = Partner(id=NGO.id, name="Overseas", kind=PartnerKind.NGO, overseas=True, ipp12_basis="  ")
    assert reasons(run([PHONE], (statutory,), partner=blank)) == {"phone": Reason.OVERSEAS_WITHOUT_BASIS}
    safe = Partner(id=NGO.id, name="Overseas", kind=PartnerKind.NGO, overseas=True,
                   ipp12_basis="IPP 12(1)(b): comparable safeguards")
    assert "phone" in grants(run([PHONE], (statutory,), partner=safe))


def test_anonymous_record_is_never_disclosed_even_with_an_override() -> None:
    statutory = agreement(basis=Basis.LEGAL_REQUIREMENT)
    facts = client(anonymous=True)
    d = run([PHONE, NOTES], (statutory,), facts=facts)
    assert reasons(d) == {"phone": Reason.ANONYMOUS_RECORD, "case_notes": Reason.ANONYMOUS_RECORD}
    o = run([PHONE], (statutory,), facts=facts, override=Override(JUSTIFICATION, by="supervisor"))
    assert reasons(o) == {"phone": Reason.ANONYMOUS_RECORD}
    assert not o.needs_review and o.override_justification == JUSTIFICATION


# --- bases -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("basis", [Basis.LEGAL_REQUIREMENT, Basis.APPROVED_SHARING_AGREEMENT,
                                   Basis.INFORMATION_MATCHING])
def test_statutory_bases_hold_whatever_the_person_said(basis: Basis) -> None:
    deny = consent(permit=False)
    d = run([PHONE], (agreement(basis=basis),), (deny,))
    assert grants(d) == {"phone": (basis, "agr-1", None)}


@pytest.mark.parametrize("basis", [Basis.CONSENT, Basis.AUTHORISED_BY_PERSON])
def test_consent_bases_hold_only_on_an_active_permit(basis: Basis) -> None:
    assert reasons(run([PHONE], (agreement(basis=basis),))) == {"phone": Reason.NO_CONSENT}
    assert grants(run([PHONE], (agreement(basis=basis),), (consent("con-9"),))) == {
        "phone": (basis, "agr-1", "con-9")}


def test_statutory_bases_are_tried_first_then_by_agreement_id() -> None:
    agreements = (agreement("agr-a", Basis.CONSENT), agreement("agr-z", Basis.INFORMATION_MATCHING),
                  agreement("agr-m", Basis.INFORMATION_MATCHING), agreement("agr-b", Basis.PURPOSE_OF_COLLECTION))
    facts = client(collected={"phone": ("referral",)})
    d = run([PHONE], agreements, (consent(),), facts=facts)
    assert grants(d) == {"phone": (Basis.INFORMATION_MATCHING, "agr-m", None)}
    assert set(BASIS_ORDER) == AGREEMENT_BASES


def test_when_nothing_holds_the_first_agreements_reason_is_given() -> None:
    agreements = (agreement("agr-2", Basis.CONSENT), agreement("agr-1", Basis.PURPOSE_OF_COLLECTION))
    # Purpose of collection is tried first: its reason stands even though consent would also fail.
    assert reasons(run([PHONE], agreements)) == {"phone": Reason.PURPOSE_NOT_COLLECTED}
    # Later agreement holds: allowed.
    assert grants(run([PHONE], agreements, (consent(),))) == {"phone": (Basis.CONSENT, "agr-2", "con-1")}


def test_consent_basis_then_a_statutory_one_with_an_exclusion() -> None:
    agreements = (agreement("agr-1", Basis.LEGAL_REQUIREMENT, excluded=("phone",)),
                  agreement("agr-2", Basis.CONSENT))
    d = run([PHONE, EMAIL], agreements)
    assert reasons(d) == {"phone": Reason.NO_CONSENT}
    assert grants(d) == {"email": (Basis.LEGAL_REQUIREMENT, "agr-1", None)}
    # Every covering agreement excludes the field: not covered.
    only = (agreement("agr-1", Basis.PURPOSE_OF_COLLECTION, excluded=("phone",)),)
    assert reasons(run([PHONE], only)) == {"phone": Reason.NOT_COVERED}


def test_purpose_of_collection_then_a_statutory_basis() -> None:
    agreements = (agreement("agr-1", Basis.PURPOSE_OF_COLLECTION), agreement("agr-2", Basis.APPROVED_SHARING_AGREEMENT,
                                                                             excluded=("email",)),
                  agreement("agr-3", Basis.INFORMATION_MATCHING), agreement("agr-4", Basis.CONSENT))
    facts = client(collected={"phone": ("referral",)})
    d = run([PHONE, EMAIL], agreements, facts=facts)
    assert grants(d) == {"phone": (Basis.APPROVED_SHARING_AGREEMENT, "agr-2", None),
                         "email": (Basis.INFORMATION_MATCHING, "agr-3", None)}


def test_an_agreement_may_not_name_a_serious_threat() -> None:
    bad = agreement(basis=Basis.SERIOUS_THREAT)
    with pytest.raises(ValueError, match="not a basis an agreement may name"):
        run([PHONE], (bad,))
    # Another partner's agreements are not this decision's business.
    assert reasons(run([PHONE], (agreement("agr-x", Basis.SERIOUS_THREAT, partner="other"),))) == {
        "phone": Reason.NO_AGREEMENT}


# --- overrides -------------------------------------------------------------------------------------------


def test_override_allows_every_field_on_serious_threat_and_needs_review() -> None:
    o = Override(JUSTIFICATION, by="supervisor")
    d = run([PHONE, NOTES, HEALTH], (), override=o)
    assert grants(d) == {"phone": (Basis.SERIOUS_THREAT, None, None),
                         "case_notes": (Basis.SERIOUS_THREAT, None, None),
                         "health_conditions": (Basis.SERIOUS_THREAT, None, None)}
    assert d.withheld == () and d.needs_review and d.override_justification == JUSTIFICATION
    empty = run([], (), override=o)
    assert not empty.needs_review and empty.allowed == ()


def test_without_override_no_review() -> None:
    d = run([PHONE], (agreement(basis=Basis.LEGAL_REQUIREMENT),))
    assert not d.needs_review and d.override_justification is None


@pytest.mark.parametrize("text", ["", "   ", "because", "x" * 19, " " * 30 + "short"])
def test_override_needs_a_written_justification(text: str) -> None:
    with pytest.raises(ValueError, match="justification"):
        Override(text, by="supervisor")


# --- time boundaries -------------------------------------------------------------------------------------


def test_agreement_validity_from_inclusive_until_exclusive() -> None:
    start, end = T0, T0 + 10 * DAY
    a = (agreement(basis=Basis.LEGAL_REQUIREMENT, valid_from=start, valid_until=end),)
    assert reasons(run([PHONE], a, now=start - US)) == {"phone": Reason.AGREEMENT_EXPIRED}
    assert "phone" in grants(run([PHONE], a, now=start))
    assert "phone" in grants(run([PHONE], a, now=end - US))
    assert reasons(run([PHONE], a, now=end)) == {"phone": Reason.AGREEMENT_EXPIRED}


def test_a_kept_agreement_index_follows_time() -> None:
    """The same agreements tuple decided at many instants (the index is kept between calls)."""
    a = (agreement("agr-1", Basis.LEGAL_REQUIREMENT, valid_from=T0, valid_until=T0 + DAY),
         agreement("agr-2", Basis.CONSENT, valid_from=T0 + DAY),
         agreement("agr-3", Basis.CONSENT, partner="other", valid_from=T0 + 2 * DAY))
    c = (consent(given_at=T0),)
    expected = [(T0 - US, Reason.AGREEMENT_EXPIRED), (T0, "agr-1"), (T0 + DAY - US, "agr-1"), (T0 + DAY, "agr-2"),
                (T0 + 3 * DAY, "agr-2"), (T0 - DAY, Reason.AGREEMENT_EXPIRED), (T0 + DAY / 2, "agr-1")]
    for now, want in expected:
        d = run([PHONE], a, c, now=now)
        got = d.allowed[0].agreement_id if d.allowed else d.withheld[0].reason
        assert got == want, now


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        run([PHONE], (), now=dt.datetime(2026, 3, 1, 9, 0))


def test_time_in_another_offset_is_the_same_instant() -> None:
    nz = dt.timezone(dt.timedelta(hours=13))
    at = T0 - DAY
    withdrawn = consent(events=(event(ConsentEventKind.WITHDRAWN, at),))
    assert reasons(run([PHONE], (agreement(),), (withdrawn,), now=at.astimezone(nz))) == {
        "phone": Reason.CONSENT_WITHDRAWN}


# --- order, duplicates, shape ----------------------------------------------------------------------------


def test_output_follows_the_requested_order_and_each_key_once() -> None:
    statutory = agreement(basis=Basis.LEGAL_REQUIREMENT, categories=("contact",))
    fields = [EMAIL, HEALTH, PHONE, NOTES, EMAIL, fdef("phone", "health"), HEALTH]
    d = run(fields, (statutory,))
    assert [a.field for a in d.allowed] == ["email", "phone"]
    assert [w.field for w in d.withheld] == ["health_conditions", "case_notes"]
    assert d.allowed_fields == ("email", "phone")
    # A tuple (kept layout) and a list give the same decision.
    assert run(tuple(fields), (statutory,)) == d


def test_decision_does_not_depend_on_input_order() -> None:
    agreements = [agreement("agr-1", Basis.CONSENT), agreement("agr-2", Basis.PURPOSE_OF_COLLECTION),
                  agreement("agr-3", Basis.AUTHORISED_BY_PERSON, categories=("health",))]
    consents = [consent("con-3"), consent("con-1", categories=("health",)), consent("con-2", permit=False,
                                                                                   categories=("contact",))]
    fields = [PHONE, EMAIL, HEALTH]
    one = run(fields, tuple(agreements), tuple(consents))
    two = run(fields, tuple(reversed(agreements)), tuple(reversed(consents)))
    three = decide(client(), NGO, "referral", fields, iter(agreements[1:] + agreements[:1]), iter(consents[::-1]), T0)
    assert one == two == three


def test_to_json_shape() -> None:
    statutory = agreement("agr-1", Basis.LEGAL_REQUIREMENT, categories=("contact",))
    d = run([PHONE, NOTES], (statutory,))
    out = d.to_json()
    assert out["allowed"] == [{"field": "phone", "basis": "legal_requirement", "agreement_id": "agr-1",
                               "consent_id": None}]
    assert out["withheld"] == [{"field": "case_notes", "reason": "never_leaves_device"}]
    assert out["needs_review"] is False and out["override_justification"] is None
    assert out["client_id"] == CLIENT and out["partner_id"] == NGO.id and out["purpose"] == "referral"
    assert dt.datetime.fromisoformat(out["decided_at"]) == T0
    assert json.loads(json.dumps(out)) == out  # plain JSON types only
    for item in out["allowed"]:
        assert isinstance(item["basis"], str) and type(item["basis"]) is str
    assert all(type(w["reason"]) is str for w in out["withheld"])


def test_field_outcomes_are_immutable_values() -> None:
    a = Allowed("phone", Basis.CONSENT, "agr-1", "con-1")
    w = Withheld("phone", Reason.NO_CONSENT)
    with pytest.raises(AttributeError):
        a.field = "email"  # type: ignore[misc]
    assert a == Allowed("phone", Basis.CONSENT, "agr-1", "con-1") and w == Withheld("phone", Reason.NO_CONSENT)


def test_many_distinct_outcomes_and_layouts_stay_correct() -> None:
    """Thousands of decisions with ever-different consents, fields and agreements: each is decided afresh."""
    agreements = (agreement(basis=Basis.CONSENT),)
    fields = (PHONE,)
    for i in range(5000):  # one kept layout, ever more outcomes
        cid = f"con-{i:05d}"
        assert run(fields, agreements, (consent(cid),)).allowed == (Allowed("phone", Basis.CONSENT, "agr-1", cid),)
    many = [fdef(f"f{i}") for i in range(5000)]  # one outcome, ever more fields
    assert [w.field for w in run(many, facts=client(anonymous=True)).withheld] == [f.key for f in many]
    for i in range(100):  # layouts and indexes come and go
        a = (agreement(f"agr-{i}", Basis.LEGAL_REQUIREMENT),)
        assert run((fdef(f"f{i}"),), a).allowed == (Allowed(f"f{i}", Basis.LEGAL_REQUIREMENT, f"agr-{i}", None),)


def test_a_given_event_changes_nothing() -> None:
    c = consent(expires_at=T0 + DAY, events=(event(ConsentEventKind.GIVEN, T0 - 10 * DAY),))
    assert "phone" in grants(run([PHONE], (agreement(),), (c,)))
    assert reasons(run([PHONE], (agreement(),), (c,), now=T0 + DAY)) == {"phone": Reason.CONSENT_EXPIRED}


def test_the_same_request_decided_again_gives_an_equal_decision() -> None:
    fields = (PHONE, EMAIL, NOTES)
    agreements = (agreement(basis=Basis.LEGAL_REQUIREMENT, excluded=("email",)), agreement("agr-2"))
    first = run(fields, agreements, (consent(),))
    again = run(fields, agreements, (consent(),))
    assert first == again and first.to_json() == again.to_json()
    assert grants(first) == {"phone": (Basis.LEGAL_REQUIREMENT, "agr-1", None),
                             "email": (Basis.CONSENT, "agr-2", "con-1")}
