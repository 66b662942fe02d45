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

Speed: the partner's agreements and the client's consents are indexed once per call, each consent's status is
derived once per call, and the plan for a category (which agreements to try, what each would give) is worked
out once per call and shared by that category's fields. ``Allowed``/``Withheld`` values are immutable, so equal
ones are shared between calls from a small bounded cache instead of being rebuilt.
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

# What one step of a plan gives: allowed on (basis, agreement id, consent id), or withheld for a reason.
_Grant: TypeAlias = tuple[Basis, str | None, str | None]
_Outcome: TypeAlias = _Grant | Reason
# One step of a category's plan: (the agreement's excluded fields, is it the purpose-of-collection basis, outcome).
# For the purpose of collection the outcome is what a value collected for this purpose gets.
_Step: TypeAlias = tuple[frozenset[str], bool, _Outcome]
# The client's consents that concern this partner and purpose: (categories, permit, status, id).
_Consent: TypeAlias = tuple[frozenset[str], bool, ConsentStatus, str]
_Value: TypeAlias = Allowed | Withheld
_Bucket: TypeAlias = dict[str, _Value]  # field key -> the value for one outcome
# A category whose every field gets the same outcome: its bucket, the outcome, and the list it goes to.
_Fixed: TypeAlias = tuple[_Bucket, _Outcome, list[Any]]

_ACTIVE: Final = ConsentStatus.ACTIVE
_WITHDRAWN: Final = ConsentStatus.WITHDRAWN
_EXPIRED: Final = ConsentStatus.EXPIRED
_NOT_YET: Final = ConsentStatus.NOT_YET
_OVERRIDE: Final[_Grant] = (Basis.SERIOUS_THREAT, None, None)

# Equal Allowed/Withheld values shared between calls: outcome -> field key -> value. Bounded; cleared when full.
_CACHE_LIMIT: Final = 4096
_values: dict[_Outcome, _Bucket] = {}


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

    Raises ValueError for a naive ``now``, or when an agreement with this partner names a basis an agreement may
    not name (a serious threat is only ever a one-off override)."""
    if now.utcoffset() is None:
        raise ValueError("the time of a decision must be timezone-aware (UTC)")
    if len({f.key for f in fields}) != len(fields):
        fields = _first_of_each(fields)
    allowed: list[Allowed] = []
    withheld: list[Withheld] = []
    used_override = False
    if client.anonymous:
        _all(fields, Reason.ANONYMOUS_RECORD, withheld)
    elif override is not None:
        _all(fields, _OVERRIDE, allowed)
        used_override = bool(allowed)
    else:
        _by_policy(client, partner, purpose, fields, agreements, consents, now, allowed, withheld)
    return Decision(client.id, partner.id, purpose, now, tuple(allowed), tuple(withheld), used_override,
                    None if override is None else override.justification)


def _first_of_each(fields: Sequence[FieldDef]) -> list[FieldDef]:
    seen: set[str] = set()
    unique = []
    for f in fields:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return unique


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


def _all(fields: Sequence[FieldDef], outcome: _Outcome, into: list[Any]) -> None:
    bucket = _bucket(outcome)
    for f in fields:
        into.append(bucket.get(f.key) or _value(outcome, f.key, bucket))


def _order(agreement: SharingAgreement) -> tuple[int, str]:
    return _PRIORITY[agreement.basis], agreement.id


def _status(rec: ConsentRecord, now: dt.datetime) -> ConsentStatus:
    """``rec.status(now)``, without sorting an empty history (the common case)."""
    if rec.events:
        return rec.status(now)
    if now < rec.given_at:
        return _NOT_YET
    expires = rec.expires_at
    return _EXPIRED if expires is not None and now >= expires else _ACTIVE


def _by_policy(client: ClientFacts, partner: Partner, purpose: str, fields: Sequence[FieldDef],
               agreements: Iterable[SharingAgreement], consents: Iterable[ConsentRecord], now: dt.datetime,
               allowed: list[Allowed], withheld: list[Withheld]) -> None:
    """Rules 3 to 6 for every requested field (not anonymous, no override)."""
    partner_id = partner.id
    has_own = has_in_force = False
    for_purpose: list[SharingAgreement] = []
    for agreement in agreements:
        if agreement.partner_id != partner_id:
            continue
        if agreement.basis not in _PRIORITY:
            raise ValueError(f"agreement {agreement.id} names {agreement.basis.value!r}, which is not a basis an "
                             "agreement may name")
        has_own = True
        if agreement.in_force(now):
            has_in_force = True
            if purpose in agreement.purposes:
                for_purpose.append(agreement)
    blocked: Reason | None = None
    if partner.overseas and not (partner.ipp12_basis or "").strip():
        blocked = Reason.OVERSEAS_WITHOUT_BASIS
    elif not has_own:
        blocked = Reason.NO_AGREEMENT
    elif not has_in_force:
        blocked = Reason.AGREEMENT_EXPIRED

    never = Reason.NEVER_LEAVES_DEVICE
    never_bucket = _bucket(never)
    fixed: dict[str, _Fixed] = {}
    stepped: dict[str, list[_Step]] = {}
    if blocked is not None:
        fixed = dict.fromkeys({f.category for f in fields}, (_bucket(blocked), blocked, withheld))
    else:
        for_purpose.sort(key=_order)
        mine: list[_Consent] = []
        if any(a.basis not in _STATUTORY for a in for_purpose):
            kind = partner.kind.value
            for rec in consents:
                recipients = rec.recipients
                if (rec.client_id == client.id and purpose in rec.purposes
                        and (partner_id in recipients or kind in recipients)):
                    mine.append((rec.categories, rec.permit, _status(rec, now), rec.id))

    collected_for = client.collected_for
    for f in fields:
        key = f.key
        if not f.may_leave_device:
            withheld.append(never_bucket.get(key) or _value(never, key, never_bucket))  # type: ignore[arg-type]
            continue
        category = f.category
        same = fixed.get(category)
        if same is None:
            steps = stepped.get(category)
            if steps is None:
                plan = _plan(category, for_purpose, mine)
                if isinstance(plan, list):
                    steps = stepped[category] = plan
                else:
                    same = fixed[category] = (_bucket(plan), plan, allowed if isinstance(plan, tuple) else withheld)
        if same is not None:
            bucket, outcome, into = same
            into.append(bucket.get(key) or _value(outcome, key, bucket))
            continue
        assert steps is not None
        first: Reason | None = None
        for excluded, by_collection, step in steps:
            if key in excluded:
                continue
            if by_collection and purpose not in collected_for.get(key, _NOTHING):
                step = Reason.PURPOSE_NOT_COLLECTED
            if isinstance(step, tuple):
                outcome = step
                break
            if first is None:
                first = step
        else:
            outcome = Reason.NOT_COVERED if first is None else first
        bucket = _bucket(outcome)
        value = bucket.get(key) or _value(outcome, key, bucket)
        if isinstance(value, Allowed):
            allowed.append(value)
        else:
            withheld.append(value)


def _plan(category: str, for_purpose: list[SharingAgreement], mine: list[_Consent]) -> _Outcome | list[_Step]:
    """What each in-force agreement covering (purpose, category) would give, in order; or the one outcome every
    field of the category gets, when that does not depend on the field."""
    steps: list[_Step] = []
    consent: _Outcome | None = None
    for agreement in for_purpose:
        if category not in agreement.categories:
            continue
        basis = agreement.basis
        outcome: _Outcome
        if basis in _STATUTORY:
            outcome = (basis, agreement.id, None)
        else:
            if consent is None:
                consent = _consent_outcome(category, mine)
            if basis is Basis.PURPOSE_OF_COLLECTION:
                # Collected for this purpose: allowed unless the person refused (an active deny).
                outcome = (basis, agreement.id, None) if consent is not Reason.CONSENT_DENIES else consent
            else:
                outcome = (basis, agreement.id, consent[2]) if isinstance(consent, tuple) else consent
        by_collection = basis is Basis.PURPOSE_OF_COLLECTION
        steps.append((agreement.excluded_fields, by_collection, outcome))
        if isinstance(outcome, tuple) and not by_collection and not agreement.excluded_fields:
            break  # holds for every field that reaches it: later agreements are never tried
    if any(excluded or by_collection for excluded, by_collection, _ in steps):
        return steps
    for _, _, outcome in steps:
        if isinstance(outcome, tuple):
            return outcome
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
