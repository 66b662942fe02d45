"""The disclosure policy engine: which fields may go to a partner for a purpose, field by field, and why not.

``decide`` is a pure, deterministic function of its arguments. Every outgoing path (the "what will leave"
preview, referral packets, the sync worker's re-check at the moment of sending) calls it, so what a worker is
shown is what is sent.

Per requested field ``f`` (category ``c``), in this order:

1. an anonymous contact: withheld (``anonymous_record``), even with an override;
2. a serious-threat override (IPP 11(1)(f)): allowed on ``serious_threat`` and the decision needs review —
   for every requested field, including those that otherwise never leave the device;
3. a field that never leaves the device: withheld;
4. an overseas partner without an IPP 12 basis: withheld;
5. the partner's agreements: none → ``no_agreement``; none in force at ``now`` → ``agreement_expired``; none in
   force that covers (purpose, category, field) → ``not_covered``;
6. the covering agreements in force, statutory bases first (``BASIS_ORDER``, then agreement id); the first whose
   basis holds allows the field. A legal requirement, an approved information sharing agreement or an
   information matching agreement always holds. The purpose of collection holds when this value was collected
   for this purpose and the person has not actively refused (a deny consent). Consent and "authorised by the
   person" hold while an applicable permit is active and no applicable deny is. If none holds, the reason is
   the first agreement's.

The result lists fields in the order requested (a key requested twice appears once, at its first place) and does
not depend on the order of ``agreements`` or ``consents``.

Speed: per call, the client's consents are filtered and each one's status derived once, and each category's plan
(which agreements to try, what each gives) is worked out once and shared by that category's fields. The layout
of a fields *tuple* and the index of an agreements *tuple* (the partner's agreements for a purpose, valid until
the next instant an agreement starts or ends) are kept between calls, keyed by the tuple's identity; lists are
laid out and indexed on every call. ``Allowed``/``Withheld`` values are immutable, so equal ones are shared
between calls from small bounded caches instead of being rebuilt. None of this changes a result: the tests
check the engine against a field-at-a-time re-implementation of the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias

from tiaki.core.catalogue import FieldDef
from tiaki.core.reasons import Reason
from tiaki.core.sharing import (
    AGREEMENT_BASES,
    Basis,
    ConsentEventKind,
    ConsentRecord,
    ConsentStatus,
    Override,
    Partner,
    SharingAgreement,
)


@dataclass(frozen=True)
class ClientFacts:
    """What the engine needs to know about the client (the store builds it)."""

    id: str
    anonymous: bool = False
    collected_for: Mapping[str, frozenset[str]] = field(default_factory=dict)  # field key -> purposes


@dataclass(frozen=True)
class Allowed:
    field: str
    basis: Basis
    agreement_id: str | None
    consent_id: str | None


@dataclass(frozen=True)
class Withheld:
    field: str
    reason: Reason


@dataclass(frozen=True)
class Decision:
    client_id: str
    partner_id: str
    purpose: str
    decided_at: dt.datetime
    allowed: tuple[Allowed, ...]
    withheld: tuple[Withheld, ...]
    needs_review: bool = False  # True when a serious-threat override allowed something
    override_justification: str | None = None

    @property
    def allowed_fields(self) -> tuple[str, ...]:
        return tuple(a.field for a in self.allowed)

    def to_json(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "partner_id": self.partner_id,
            "purpose": self.purpose,
            "decided_at": self.decided_at.isoformat(),
            "allowed": [{"field": a.field, "basis": a.basis.value, "agreement_id": a.agreement_id,
                         "consent_id": a.consent_id} for a in self.allowed],
            "withheld": [{"field": w.field, "reason": w.reason.value} for w in self.withheld],
            "needs_review": self.needs_review,
            "override_justification": self.override_justification,
        }


# Statutory bases first (the person's consent does not change them), then the purpose of collection, then the
# person's own consent or authorisation.
BASIS_ORDER: Final[tuple[Basis, ...]] = (
    Basis.LEGAL_REQUIREMENT,
    Basis.APPROVED_SHARING_AGREEMENT,
    Basis.INFORMATION_MATCHING,
    Basis.PURPOSE_OF_COLLECTION,
    Basis.CONSENT,
    Basis.AUTHORISED_BY_PERSON,
)
assert frozenset(BASIS_ORDER) == AGREEMENT_BASES, "every basis an agreement may name has a place in the order"
_PRIORITY: Final[dict[Basis, int]] = {basis: i for i, basis in enumerate(BASIS_ORDER)}
_STATUTORY: Final = frozenset({Basis.LEGAL_REQUIREMENT, Basis.APPROVED_SHARING_AGREEMENT, Basis.INFORMATION_MATCHING})
_NOTHING: Final[frozenset[str]] = frozenset()

# What a step gives: allowed on (basis, agreement id, consent id), or withheld for a reason.
_Grant: TypeAlias = tuple[Basis, str | None, str | None]
_Outcome: TypeAlias = _Grant | Reason
# An agreement covering a category: (its basis, its grant without a consent, the fields it excludes).
_Cover: TypeAlias = tuple[Basis, _Grant, frozenset[str]]
# One step of a category's plan: (the agreement's excluded fields, is it the purpose-of-collection basis, outcome).
# For the purpose of collection the outcome is what a value collected for this purpose gets.
_Step: TypeAlias = tuple[frozenset[str], bool, _Outcome]
# The client's consents that concern this partner and purpose: (categories, permit, status, id).
_Consent: TypeAlias = tuple[frozenset[str], bool, ConsentStatus, str]
_Value: TypeAlias = Allowed | Withheld
_Bucket: TypeAlias = dict[str, _Value]  # field key -> the value for one outcome

_ACTIVE: Final = ConsentStatus.ACTIVE
_WITHDRAWN: Final = ConsentStatus.WITHDRAWN
_EXPIRED: Final = ConsentStatus.EXPIRED
_NOT_YET: Final = ConsentStatus.NOT_YET
_OVERRIDE: Final[_Grant] = (Basis.SERIOUS_THREAT, None, None)

# Equal Allowed/Withheld values are shared between calls: outcome -> field key -> value. Bounded; cleared when full.
_CACHE_LIMIT: Final = 4096
_values: dict[_Outcome, _Bucket] = {}
# The same for a run of keys that all get one outcome: (outcome, keys) -> values.
_runs: dict[tuple[_Outcome, tuple[str, ...]], tuple[_Value, ...]] = {}


@dataclass(slots=True)
class _Layout:
    """The requested fields as runs of one category (None: fields that never leave), first occurrence of each key.

    Worked out once per fields *tuple* (the catalogue's own, typically) and kept; a list is laid out afresh each
    call (it could change between calls)."""

    fields: Sequence[FieldDef]  # held, so that its id is not reused while the layout is kept
    keys: tuple[str, ...]
    runs: tuple[tuple[str | None, tuple[str, ...]], ...]


@dataclass(slots=True)
class _Index:
    """A partner's agreements for one purpose, valid for every instant in [since, until) (None: unbounded), in
    which no agreement of the partner starts or ends, so the same ones are in force.

    Worked out once per agreements *tuple* and kept; a list or other iterable is indexed afresh each call."""

    agreements: Iterable[SharingAgreement]  # held, so that its id is not reused while the index is kept
    since: dt.datetime | None
    until: dt.datetime | None
    blocked: Reason | None  # no agreement, or none in force
    for_purpose: list[SharingAgreement]  # in force and naming the purpose, in the order they are tried
    consent_needed: bool  # does any of them rest on the person's say (consent, authorisation, or refusal)?
    covering: dict[str, tuple[_Cover, ...]]  # category -> the agreements covering it, in order (filled lazily)

    def covers(self, category: str) -> tuple[_Cover, ...]:
        found = self.covering.get(category)
        if found is None:
            steps = []
            for agreement in self.for_purpose:
                if category in agreement.categories:
                    basis, excluded = agreement.basis, agreement.excluded_fields
                    steps.append((basis, (basis, agreement.id, None), excluded))
                    if basis in _STATUTORY and not excluded:
                        break  # holds for every field that reaches it: later agreements are never tried
            found = self.covering[category] = tuple(steps)
        return found


_KEPT_LIMIT: Final = 64
_layouts: dict[int, _Layout] = {}
_indexes: dict[tuple[int, str, str], _Index] = {}


def decide(
    client: ClientFacts,
    partner: Partner,
    purpose: str,
    fields: Sequence[FieldDef],
    agreements: Iterable[SharingAgreement],
    consents: Iterable[ConsentRecord],
    now: dt.datetime,
    override: Override | None = None,
) -> Decision:
    """Decide, field by field, what may go to ``partner`` for ``purpose`` at ``now`` (an aware datetime).

    Pass the catalogue's fields and the agreements as tuples where you can: they are then laid out and indexed
    once for many decisions. Raises ValueError for a naive ``now``, or when the partner's agreements are consulted
    and one names a basis an agreement may not name (a serious threat is only ever a one-off override)."""
    if now.utcoffset() is None:
        raise ValueError("the time of a decision must be timezone-aware (UTC)")
    layout = _layout(fields)
    allowed: list[Any] = []
    withheld: list[Any] = []
    used_override = False
    if client.anonymous:
        withheld.extend(_run(Reason.ANONYMOUS_RECORD, layout.keys))
    elif override is not None:
        allowed.extend(_run(_OVERRIDE, layout.keys))
        used_override = bool(allowed)
    else:
        _by_policy(client, partner, purpose, layout, agreements, consents, now, allowed, withheld)
    return Decision(client.id, partner.id, purpose, now, tuple(allowed), tuple(withheld), used_override,
                    None if override is None else override.justification)


def _layout(fields: Sequence[FieldDef]) -> _Layout:
    keep = type(fields) is tuple
    if keep:
        kept = _layouts.get(id(fields))
        if kept is not None and kept.fields is fields:
            return kept
    keys = [f.key for f in fields]
    groups = [f.category if f.may_leave_device else None for f in fields]
    if len(set(keys)) != len(keys):  # a key requested again counts once, where it was first requested
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        keys = [keys[i] for i in first.values()]
        groups = [groups[i] for i in first.values()]
    runs: list[tuple[str | None, tuple[str, ...]]] = []
    start = 0
    for i in range(1, len(keys)):
        if groups[i] != groups[start]:
            runs.append((groups[start], tuple(keys[start:i])))
            start = i
    if keys:
        runs.append((groups[start], tuple(keys[start:])))
    layout = _Layout(fields, tuple(keys), tuple(runs))
    if keep:
        if len(_layouts) >= _KEPT_LIMIT:
            _layouts.clear()
        _layouts[id(fields)] = layout
    return layout


def _index(agreements: Iterable[SharingAgreement], partner_id: str, purpose: str, now: dt.datetime) -> _Index:
    keep = type(agreements) is tuple
    key = (id(agreements), partner_id, purpose)
    if keep:
        kept = _indexes.get(key)
        if (kept is not None and kept.agreements is agreements and (kept.since is None or kept.since <= now)
                and (kept.until is None or now < kept.until)):
            return kept
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    has_own = has_in_force = False
    for_purpose: list[SharingAgreement] = []
    for agreement in agreements:
        if agreement.partner_id != partner_id:
            continue
        if agreement.basis not in _PRIORITY:
            raise ValueError(f"agreement {agreement.id} names {agreement.basis.value!r}, which is not a basis an "
                             "agreement may name")
        has_own = True
        for edge in (agreement.valid_from, agreement.valid_until) if keep else ():
            if edge is None:
                continue
            if edge <= now:
                since = edge if since is None or edge > since else since
            else:
                until = edge if until is None or edge < until else until
        if agreement.in_force(now):
            has_in_force = True
            if purpose in agreement.purposes:
                for_purpose.append(agreement)
    for_purpose.sort(key=_order)
    blocked = None if has_in_force else Reason.AGREEMENT_EXPIRED if has_own else Reason.NO_AGREEMENT
    index = _Index(agreements, since, until, blocked, for_purpose,
                   any(a.basis not in _STATUTORY for a in for_purpose), {})
    if keep:
        if len(_indexes) >= _KEPT_LIMIT:
            _indexes.clear()
        _indexes[key] = index
    return index


def _order(agreement: SharingAgreement) -> tuple[int, str]:
    return _PRIORITY[agreement.basis], agreement.id


def _bucket(outcome: _Outcome) -> _Bucket:
    bucket = _values.get(outcome)
    if bucket is None:
        if len(_values) >= _CACHE_LIMIT:
            _values.clear()
        bucket = _values[outcome] = {}
    return bucket


def _value(outcome: _Outcome, key: str, bucket: _Bucket) -> _Value:
    if len(bucket) >= _CACHE_LIMIT:
        bucket.clear()
    value = bucket[key] = Allowed(key, *outcome) if isinstance(outcome, tuple) else Withheld(key, outcome)
    return value


def _run(outcome: _Outcome, keys: tuple[str, ...]) -> tuple[_Value, ...]:
    """The values for a run of keys that all get the same outcome."""
    values = _runs.get((outcome, keys))
    if values is None:
        if len(_runs) >= _CACHE_LIMIT:
            _runs.clear()
        bucket = _bucket(outcome)
        values = _runs[(outcome, keys)] = tuple([bucket.get(k) or _value(outcome, k, bucket) for k in keys])
    return values


def _status(rec: ConsentRecord, now: dt.datetime) -> ConsentStatus:
    """``rec.status(now)``, without sorting a history of one event or none (the common cases)."""
    events = rec.events
    if len(events) > 1:
        return rec.status(now)
    if now < rec.given_at:
        return _NOT_YET
    expires = rec.expires_at
    if events and events[0].at <= now:
        kind = events[0].kind
        if kind is ConsentEventKind.WITHDRAWN:
            return _WITHDRAWN
        if kind is ConsentEventKind.EXPIRED:
            return _EXPIRED
        if kind is ConsentEventKind.RENEWED:
            expires = events[0].expires_at
    return _EXPIRED if expires is not None and now >= expires else _ACTIVE


def _by_policy(client: ClientFacts, partner: Partner, purpose: str, layout: _Layout,
               agreements: Iterable[SharingAgreement], consents: Iterable[ConsentRecord], now: dt.datetime,
               allowed: list[Any], withheld: list[Any]) -> None:
    """Rules 3 to 6 for every requested field (not anonymous, no override)."""
    never = Reason.NEVER_LEAVES_DEVICE
    index: _Index | None = None
    blocked: Reason | None = None
    if partner.overseas and not (partner.ipp12_basis or "").strip():
        blocked = Reason.OVERSEAS_WITHOUT_BASIS
    else:
        index = _index(agreements, partner.id, purpose, now)
        blocked = index.blocked
    if blocked is not None or index is None:
        for category, keys in layout.runs:
            withheld.extend(_run(never if category is None else blocked or never, keys))
        return

    mine: list[_Consent] = []
    if index.consent_needed:
        partner_id, kind = partner.id, partner.kind.value
        for rec in consents:
            recipients = rec.recipients
            if (rec.client_id == client.id and purpose in rec.purposes
                    and (partner_id in recipients or kind in recipients)):
                mine.append((rec.categories, rec.permit, _status(rec, now), rec.id))

    collected_for = client.collected_for
    plans: dict[str, _Outcome | list[_Step]] = {}
    routes: dict[_Outcome, tuple[_Bucket, list[Any]]] = {}  # an outcome's values and the list they go to
    for category, keys in layout.runs:
        if category is None:
            withheld.extend(_run(never, keys))
            continue
        plan = plans.get(category)
        if plan is None:
            plan = plans[category] = _plan(category, index.covers(category), mine)
        if not isinstance(plan, list):
            (allowed if isinstance(plan, tuple) else withheld).extend(_run(plan, keys))
            continue
        for key in keys:  # the first step that holds for this field, else the first applicable step's reason
            collected = purpose in collected_for.get(key, _NOTHING)
            first: Reason | None = None
            for excluded, by_collection, outcome in plan:
                if key in excluded:
                    continue
                if by_collection and not collected:
                    outcome = Reason.PURPOSE_NOT_COLLECTED
                if isinstance(outcome, tuple):
                    break
                if first is None:
                    first = outcome
            else:
                outcome = Reason.NOT_COVERED if first is None else first
            route = routes.get(outcome)
            if route is None:
                route = routes[outcome] = (_bucket(outcome), allowed if isinstance(outcome, tuple) else withheld)
            bucket, into = route
            into.append(bucket.get(key) or _value(outcome, key, bucket))


def _plan(category: str, covers: tuple[_Cover, ...], mine: list[_Consent]) -> _Outcome | list[_Step]:
    """The one outcome every field of the category gets, or — when it depends on the field (an exclusion, or
    what the value was collected for) — the steps to try for each field."""
    steps: list[_Step] = []
    varies = False  # does an earlier step depend on the field?
    consent: _Outcome | None = None
    for basis, grant, excluded in covers:
        outcome: _Outcome = grant
        if basis not in _STATUTORY:
            if consent is None:
                consent = _consent_outcome(category, mine)
            if basis is Basis.PURPOSE_OF_COLLECTION:
                # Collected for this purpose: allowed unless the person refused (an active deny).
                steps.append((excluded, True, consent if consent is Reason.CONSENT_DENIES else grant))
                varies = True
                continue
            outcome = (basis, grant[1], consent[2]) if isinstance(consent, tuple) else consent
        steps.append((excluded, False, outcome))
        if excluded:
            varies = True
        elif isinstance(outcome, tuple):
            if not varies:
                return outcome  # every field of the category reaches this step, and it holds
            break  # it holds for every field that reaches it: later agreements are never tried
    if varies:
        return steps
    return steps[0][2] if steps else Reason.NOT_COVERED


def _consent_outcome(category: str, mine: list[_Consent]) -> _Outcome:
    """The person's say for this category: a refusal, the active permit with the smallest id, or why not.

    The grant's basis is a placeholder; only its consent id is used."""
    denied = False
    permit: str | None = None
    withdrawn = expired = False
    for categories, is_permit, status, consent_id in mine:
        if category not in categories:
            continue
        if not is_permit:
            denied = denied or status is _ACTIVE
        elif status is _ACTIVE:
            permit = consent_id if permit is None or consent_id < permit else permit
        elif status is _WITHDRAWN:
            withdrawn = True
        elif status is _EXPIRED:
            expired = True
    if denied:
        return Reason.CONSENT_DENIES
    if permit is not None:
        return (Basis.CONSENT, None, permit)
    if withdrawn:
        return Reason.CONSENT_WITHDRAWN
    if expired:
        return Reason.CONSENT_EXPIRED
    return Reason.NO_CONSENT
