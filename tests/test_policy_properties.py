"""Properties of the policy engine over random catalogues, agreements, consents, withdrawals, expiries and times.

The engine is checked against a deliberately simple re-implementation of the rules written here (``oracle``): a
field at a time, every agreement and consent looked at afresh, using only the domain model's own methods
(``SharingAgreement.in_force``/``covers``, ``ConsentRecord.applies_to``/``status``) — none of the engine's helpers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiaki.core.catalogue import FieldDef, FieldType, Sensitivity
from tiaki.core.policy import ClientFacts, Decision, decide
from tiaki.core.reasons import Reason
from tiaki.core.sharing import (
    AGREEMENT_BASES,
    CONSENT_BASES,
    Basis,
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentRecord,
    ConsentStatus,
    GivenBy,
    Override,
    Partner,
    PartnerKind,
    SharingAgreement,
)

SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
UTC = dt.UTC
T0 = dt.datetime(2026, 1, 1, tzinfo=UTC)
US = dt.timedelta(microseconds=1)
HOUR = dt.timedelta(hours=1)
CATEGORIES = ["identity", "contact", "health"]
PURPOSES = ["referral", "housing_support"]
KEYS = [f"f{i}" for i in range(8)]
PARTNERS = ["p1", "p2"]
CLIENTS = ["c1", "c2"]
STATUTORY = {Basis.LEGAL_REQUIREMENT, Basis.APPROVED_SHARING_AGREEMENT, Basis.INFORMATION_MATCHING}
ORDER = [Basis.LEGAL_REQUIREMENT, Basis.APPROVED_SHARING_AGREEMENT, Basis.INFORMATION_MATCHING,
         Basis.PURPOSE_OF_COLLECTION, Basis.CONSENT, Basis.AUTHORISED_BY_PERSON]
JUSTIFICATION = "Immediate risk to a child's safety tonight; the partner must know now."


def subset(items: Sequence[str], min_size: int = 0) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(items), min_size=min_size, max_size=len(items))


# Times on an hour grid, nudged by a microsecond either way, so that boundaries are hit often.
instants = st.builds(lambda h, nudge: T0 + h * HOUR + nudge * US, st.integers(-6, 6), st.sampled_from([-1, 0, 0, 1]))


def mostly(value: str, *others: str) -> st.SearchStrategy[str]:
    """Usually ``value`` (the scenario's own partner, client or purpose), sometimes another."""
    return st.sampled_from([value, value, value, *others])


def with_mostly(value: str, universe: Sequence[str]) -> st.SearchStrategy[frozenset[str]]:
    """A non-empty set that usually contains ``value``."""
    return st.tuples(st.sampled_from([True, True, True, False]), subset(universe, 1)).map(
        lambda t: t[1] | {value} if t[0] else t[1])


@st.composite
def field_defs(draw: st.DrawFn) -> FieldDef:
    return FieldDef(key=draw(st.sampled_from(KEYS)), label="x", category=draw(st.sampled_from(CATEGORIES)),
                    sensitivity=Sensitivity.ORDINARY, type=FieldType.TEXT,
                    may_leave_device=draw(st.sampled_from([True, True, True, False])))


@st.composite
def agreement_lists(draw: st.DrawFn, partner: Partner, purpose: str) -> list[SharingAgreement]:
    out = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(instants) - draw(st.integers(0, 8)) * HOUR
        until = draw(st.none() | st.integers(1, 16).map(lambda h, s=start: s + h * HOUR))
        out.append(SharingAgreement(
            id=f"a{draw(st.integers(0, 99)):02d}-{i}", partner_id=draw(mostly(partner.id, *PARTNERS)),
            purposes=draw(with_mostly(purpose, PURPOSES)), categories=draw(subset(CATEGORIES, 1)),
            basis=draw(st.sampled_from(sorted(AGREEMENT_BASES))), valid_from=start, valid_until=until,
            excluded_fields=draw(st.sampled_from([frozenset(), frozenset()]) | subset(KEYS[:4]))))
    return out


@st.composite
def consent_records(draw: st.DrawFn, client_id: str, partner: Partner, purpose: str) -> ConsentRecord:
    given_at = draw(instants) - draw(st.integers(0, 12)) * HOUR
    expires = draw(st.none() | st.integers(1, 12).map(lambda h: given_at + h * HOUR))
    events = []
    for j in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):
        kind = draw(st.sampled_from(list(ConsentEventKind)))
        at = given_at + draw(st.integers(0, 12)) * HOUR + draw(st.sampled_from([0, 0, 1])) * US
        new_expiry = at + draw(st.integers(1, 8)) * HOUR if kind is ConsentEventKind.RENEWED else None
        events.append(ConsentEvent(id=f"e{j}", kind=kind, at=at, recorded_by="w", expires_at=new_expiry))
    recipient = draw(st.sampled_from([partner.id, partner.kind.value]))
    recipients = draw(with_mostly(recipient, [*PARTNERS, PartnerKind.NGO.value, PartnerKind.HEALTH_PROVIDER.value]))
    return ConsentRecord(
        id=f"k{draw(st.integers(0, 999)):03d}", client_id=draw(mostly(client_id, *CLIENTS)), controller="org",
        recipients=recipients, purposes=draw(with_mostly(purpose, PURPOSES)),
        categories=draw(subset(CATEGORIES, 1)), permit=draw(st.sampled_from([True, True, False])),
        given_at=given_at, expires_at=expires, method=ConsentMethod.VERBAL, language="en", notice_version="1",
        notice_hash="h", recorded_by="w", given_by=GivenBy.PERSON, events=tuple(events))


@st.composite
def consent_lists(draw: st.DrawFn, client_id: str, partner: Partner, purpose: str) -> list[ConsentRecord]:
    records = draw(st.lists(consent_records(client_id, partner, purpose), min_size=draw(st.sampled_from([0, 2])),
                            max_size=5))
    return [r for i, r in enumerate(records) if r.id not in {x.id for x in records[:i]}]  # ids are unique


partners = st.builds(Partner, id=st.sampled_from(PARTNERS), name=st.just("P"), kind=st.sampled_from(list(PartnerKind)),
                     overseas=st.sampled_from([False, False, False, True]),
                     ipp12_basis=st.sampled_from([None, "IPP 12(1)(b) comparable safeguards", " "]))
clients = st.builds(ClientFacts, id=st.sampled_from(CLIENTS), anonymous=st.sampled_from([False] * 5 + [True]),
                    collected_for=st.dictionaries(st.sampled_from(KEYS), subset(PURPOSES), max_size=len(KEYS)))


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    client, partner, purpose = draw(clients), draw(partners), draw(st.sampled_from(PURPOSES))
    return {
        "client": client, "partner": partner, "purpose": purpose,
        "fields": draw(st.lists(field_defs(), max_size=10)),
        "agreements": draw(agreement_lists(partner, purpose)),
        "consents": draw(consent_lists(client.id, partner, purpose)), "now": draw(instants),
    }


# --- the simple re-implementation ------------------------------------------------------------------------


Outcome = tuple[str, str, str | None, str | None]  # ("allowed", basis, agreement, consent) / ("withheld", reason, ..)


def oracle(client: ClientFacts, partner: Partner, purpose: str, fields: Sequence[FieldDef],
           agreements: Sequence[SharingAgreement], consents: Sequence[ConsentRecord], now: dt.datetime,
           override: Override | None = None) -> list[tuple[str, Outcome]]:
    out: list[tuple[str, Outcome]] = []
    done: set[str] = set()
    for f in fields:
        if f.key in done:
            continue
        done.add(f.key)
        out.append((f.key, oracle_field(client, partner, purpose, f, agreements, consents, now, override)))
    return out


def oracle_field(client: ClientFacts, partner: Partner, purpose: str, f: FieldDef,
                 agreements: Sequence[SharingAgreement], consents: Sequence[ConsentRecord], now: dt.datetime,
                 override: Override | None) -> Outcome:
    def withheld(reason: str) -> Outcome:
        return ("withheld", reason, None, None)

    if client.anonymous:
        return withheld("anonymous_record")
    if override is not None:
        return ("allowed", "serious_threat", None, None)
    if not f.may_leave_device:
        return withheld("never_leaves_device")
    if partner.overseas and not (partner.ipp12_basis and partner.ipp12_basis.strip()):
        return withheld("overseas_without_basis")
    mine = [a for a in agreements if a.partner_id == partner.id]
    if not mine:
        return withheld("no_agreement")
    live = [a for a in mine if a.in_force(now)]
    if not live:
        return withheld("agreement_expired")
    covering = [a for a in live if a.covers(purpose, f.category, f.key)]
    if not covering:
        return withheld("not_covered")
    covering.sort(key=lambda a: (ORDER.index(a.basis), a.id))
    applicable = [c for c in consents if c.client_id == client.id and c.applies_to(partner, purpose, f.category)]
    active_deny = any(not c.permit and c.status(now) == ConsentStatus.ACTIVE for c in applicable)
    permits = [c for c in applicable if c.permit]
    active_permits = sorted(c.id for c in permits if c.status(now) == ConsentStatus.ACTIVE)
    reasons = []
    for a in covering:
        if a.basis in STATUTORY:
            return ("allowed", a.basis.value, a.id, None)
        if a.basis == Basis.PURPOSE_OF_COLLECTION:
            if purpose not in client.collected_for.get(f.key, frozenset()):
                reasons.append("purpose_not_collected")
            elif active_deny:
                reasons.append("consent_denies")
            else:
                return ("allowed", a.basis.value, a.id, None)
        else:
            if active_deny:
                reasons.append("consent_denies")
            elif active_permits:
                return ("allowed", a.basis.value, a.id, active_permits[0])
            elif any(c.status(now) == ConsentStatus.WITHDRAWN for c in permits):
                reasons.append("consent_withdrawn")
            elif any(c.status(now) == ConsentStatus.EXPIRED for c in permits):
                reasons.append("consent_expired")
            else:
                reasons.append("no_consent")
    return withheld(reasons[0])


def first_of_each(fields: Sequence[FieldDef]) -> list[FieldDef]:
    """A key requested twice counts once, as first requested."""
    out: dict[str, FieldDef] = {}
    for f in fields:
        out.setdefault(f.key, f)
    return list(out.values())


def flatten(d: Decision, fields: Sequence[FieldDef]) -> list[tuple[str, Outcome]]:
    """The decision as (field, outcome) in the order of the request."""
    by_key: dict[str, Outcome] = {}
    for a in d.allowed:
        by_key[a.field] = ("allowed", a.basis.value, a.agreement_id, a.consent_id)
    for w in d.withheld:
        by_key[w.field] = ("withheld", w.reason.value, None, None)
    order = list(dict.fromkeys(f.key for f in fields))
    return [(k, by_key[k]) for k in order]


def run(s: dict[str, object], override: Override | None = None, **changes: object) -> Decision:
    args = {**s, **changes}
    return decide(args["client"], args["partner"], args["purpose"], args["fields"],  # type: ignore[arg-type]
                  args["agreements"], args["consents"], args["now"], override)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------------------


@SETTINGS
@given(scenarios())
def test_engine_matches_the_simple_reimplementation(s: dict[str, object]) -> None:
    d = run(s)
    expected = oracle(s["client"], s["partner"], s["purpose"], s["fields"], s["agreements"],  # type: ignore[arg-type]
                      s["consents"], s["now"])  # type: ignore[arg-type]
    assert flatten(d, s["fields"]) == expected  # type: ignore[arg-type]
    # The same again with tuples (kept layouts and indexes) gives the same decision.
    assert run(s, fields=tuple(s["fields"]), agreements=tuple(s["agreements"])) == d  # type: ignore[arg-type]


@SETTINGS
@given(scenarios())
def test_allowed_only_inside_agreement_and_basis_and_consent(s: dict[str, object]) -> None:
    """(a) Every allowed field has an in-force agreement with this partner covering (purpose, category, field)
    whose basis holds; for a consent basis, an active applicable permit and no active applicable deny."""
    d = run(s)
    client: ClientFacts = s["client"]  # type: ignore[assignment]
    partner: Partner = s["partner"]  # type: ignore[assignment]
    now: dt.datetime = s["now"]  # type: ignore[assignment]
    purpose: str = s["purpose"]  # type: ignore[assignment]
    consents: list[ConsentRecord] = s["consents"]  # type: ignore[assignment]
    by_key = {f.key: f for f in first_of_each(s["fields"])}  # type: ignore[arg-type]
    for a in d.allowed:
        f = by_key[a.field]
        assert f.may_leave_device and not client.anonymous
        assert not partner.overseas or partner.ipp12_basis
        [agreement] = [g for g in s["agreements"] if g.id == a.agreement_id]  # type: ignore[attr-defined]
        assert agreement.partner_id == partner.id and agreement.in_force(now)
        assert agreement.covers(purpose, f.category, f.key) and agreement.basis == a.basis
        applicable = [c for c in consents if c.client_id == client.id and c.applies_to(partner, purpose, f.category)]
        active = [c for c in applicable if c.status(now) == ConsentStatus.ACTIVE]
        if a.basis in CONSENT_BASES:
            assert any(c.permit and c.id == a.consent_id for c in active)
            assert all(c.permit for c in active)
        else:
            assert a.consent_id is None
        if a.basis == Basis.PURPOSE_OF_COLLECTION:
            assert purpose in client.collected_for.get(f.key, frozenset())
            assert all(c.permit for c in active)


@SETTINGS
@given(scenarios())
def test_never_leave_fields_never_go_without_an_override(s: dict[str, object]) -> None:
    """(b)"""
    d = run(s)
    never = {f.key for f in first_of_each(s["fields"]) if not f.may_leave_device}  # type: ignore[arg-type]
    assert not never & set(d.allowed_fields)
    assert not d.needs_review and d.override_justification is None


@SETTINGS
@given(scenarios())
def test_override_allows_every_field_of_a_named_client(s: dict[str, object]) -> None:
    """(c)"""
    o = Override(JUSTIFICATION, by="supervisor")
    d = run(s, o)
    keys = list(dict.fromkeys(f.key for f in s["fields"]))  # type: ignore[attr-defined]
    if s["client"].anonymous:  # type: ignore[attr-defined]
        assert d.allowed == () and [w.reason for w in d.withheld] == [Reason.ANONYMOUS_RECORD] * len(keys)
        assert not d.needs_review
    else:
        assert d.withheld == () and list(d.allowed_fields) == keys
        assert all(a.basis == Basis.SERIOUS_THREAT and a.agreement_id is None and a.consent_id is None
                   for a in d.allowed)
        assert d.needs_review == bool(keys)
    assert d.override_justification == JUSTIFICATION


@SETTINGS
@given(scenarios(), consent_records("c1", Partner("p1", "P", PartnerKind.NGO), "referral"),
       st.sampled_from(["withdrawn", "expired_event", "expires_at"]), st.integers(1, 6), st.integers(0, 48),
       st.booleans())
def test_withdrawal_or_expiry_takes_effect_at_that_instant(s: dict[str, object], base: ConsentRecord, how: str,
                                                           hours: int, later_h: int, only_this: bool) -> None:
    """(d) A permit withdrawn (or expiring) at T: before T it may allow; at T and after nothing is allowed on it."""
    client = ClientFacts("c1", False, s["client"].collected_for)  # type: ignore[attr-defined]
    partner: Partner = s["partner"]  # type: ignore[assignment]
    start = T0 - 12 * HOUR
    at = start + hours * HOUR
    permit = ConsentRecord(
        id="k-target", client_id="c1", controller="org", recipients=frozenset({partner.id}),
        purposes=frozenset({s["purpose"]}), categories=frozenset(CATEGORIES), permit=True,  # type: ignore[arg-type]
        given_at=start, expires_at=at if how == "expires_at" else None, method=ConsentMethod.VERBAL, language="en",
        notice_version="1", notice_hash="h", recorded_by="w", given_by=GivenBy.PERSON,
        events=() if how == "expires_at" else (ConsentEvent(
            id="e-end", kind=ConsentEventKind.WITHDRAWN if how == "withdrawn" else ConsentEventKind.EXPIRED, at=at,
            recorded_by="w"),))
    others = [] if only_this else [c for c in s["consents"] if c.id != permit.id]  # type: ignore[attr-defined]
    agreement = SharingAgreement(id="a-consent", partner_id=partner.id, purposes=frozenset(PURPOSES),
                                 categories=frozenset(CATEGORIES), basis=Basis.CONSENT, valid_from=start - HOUR)
    agreements = [agreement] + ([] if only_this else s["agreements"])  # type: ignore[operator]
    consents = [permit, base, *others]
    safe_partner = Partner(partner.id, partner.name, partner.kind)

    def decided(now: dt.datetime, consents: list[ConsentRecord] = consents) -> Decision:
        return decide(client, safe_partner, s["purpose"], s["fields"], agreements, consents, now)  # type: ignore[arg-type]

    for now in (at, at + US, at + later_h * HOUR):
        assert all(a.consent_id != permit.id for a in decided(now).allowed)
    before = decided(at - US, [permit])
    leaving = [f.key for f in first_of_each(s["fields"]) if f.may_leave_device]  # type: ignore[arg-type]
    if only_this:
        # Alone, the permit carries every field that may leave until the instant it ends.
        assert list(before.allowed_fields) == leaving
        assert all(a.consent_id == permit.id for a in before.allowed)
        after = decided(at, [permit])
        expected = Reason.CONSENT_WITHDRAWN if how == "withdrawn" else Reason.CONSENT_EXPIRED
        assert {w.reason for w in after.withheld if w.field in leaving} <= {expected}
        assert after.allowed == ()


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_decision_does_not_depend_on_the_order_of_records(s: dict[str, object], rnd: random.Random) -> None:
    """(e)"""
    d = run(s)
    agreements = list(s["agreements"])  # type: ignore[call-overload]
    consents = list(s["consents"])  # type: ignore[call-overload]
    for _ in range(3):
        rnd.shuffle(agreements)
        rnd.shuffle(consents)
        assert run(s, agreements=list(agreements), consents=tuple(consents)) == d
        assert run(s, agreements=tuple(agreements), consents=iter(consents)) == d


@SETTINGS
@given(scenarios(), st.booleans())
def test_every_requested_field_appears_exactly_once(s: dict[str, object], with_override: bool) -> None:
    """(f)"""
    d = run(s, Override(JUSTIFICATION, by="s") if with_override else None)
    keys = list(dict.fromkeys(f.key for f in s["fields"]))  # type: ignore[attr-defined]
    allowed = [a.field for a in d.allowed]
    withheld = [w.field for w in d.withheld]
    assert sorted(allowed + withheld) == sorted(keys)
    assert len(set(allowed + withheld)) == len(allowed) + len(withheld)
    # Each list keeps the order of the request.
    assert allowed == [k for k in keys if k in set(allowed)]
    assert withheld == [k for k in keys if k in set(withheld)]
