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

Speed without state: per call, the client's consents for this partner and purpose are filtered and each one's
status derived once, and the person's say is worked out once per field category. Nothing is kept between calls
(no caches to go stale in the one function that decides what leaves the device).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, TypeAlias

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


class Allowed(NamedTuple):
    """A field that may go, and on what (immutable; a named tuple because it is built ~3x faster than a frozen
    dataclass, and a decision builds one per field)."""

    field: str
    basis: Basis
    agreement_id: str | None
    consent_id: str | None


class Withheld(NamedTuple):
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

# The person's say for one category: the active permit's id, or why there is none.
_Say: TypeAlias = str | Reason


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

    Raises ValueError for a naive ``now``, or when the partner's agreements are consulted and one names a basis
    an agreement may not name (a serious threat is only ever a one-off override)."""
    if now.utcoffset() is None:
        raise ValueError("the time of a decision must be timezone-aware (UTC)")
    first: dict[str, FieldDef] = {}
    for fdef in fields:  # a key requested twice counts once, as and where it was first requested
        first.setdefault(fdef.key, fdef)
    requested = list(first.values())
    if client.anonymous:
        return _decision(client, partner, purpose, now, [], [Withheld(f.key, Reason.ANONYMOUS_RECORD)
                                                              for f in requested], override)
    if override is not None:
        return _decision(client, partner, purpose, now, [Allowed(f.key, Basis.SERIOUS_THREAT, None, None)
                                                          for f in requested], [], override)
    return _by_policy(client, partner, purpose, requested, agreements, consents, now)


def _decision(client: ClientFacts, partner: Partner, purpose: str, now: dt.datetime, allowed: list[Allowed],
              withheld: list[Withheld], override: Override | None) -> Decision:
    return Decision(client.id, partner.id, purpose, now, tuple(allowed), tuple(withheld),
                    override is not None and bool(allowed), None if override is None else override.justification)


def _by_policy(client: ClientFacts, partner: Partner, purpose: str, requested: list[FieldDef],
               agreements: Iterable[SharingAgreement], consents: Iterable[ConsentRecord],
               now: dt.datetime) -> Decision:
    """Rules 3 to 6 (not anonymous, no override)."""
    allowed: list[Allowed] = []
    withheld: list[Withheld] = []
    blocked: Reason | None = None
    candidates: list[SharingAgreement] = []
    if partner.overseas and not (partner.ipp12_basis or "").strip():
        blocked = Reason.OVERSEAS_WITHOUT_BASIS
    else:
        own = [a for a in agreements if a.partner_id == partner.id]
        for agreement in own:
            if agreement.basis not in _PRIORITY:
                raise ValueError(f"agreement {agreement.id} names {agreement.basis.value!r}, which is not a basis "
                                 "an agreement may name")
        in_force = [a for a in own if a.in_force(now)]
        blocked = Reason.NO_AGREEMENT if not own else Reason.AGREEMENT_EXPIRED if not in_force else None
        candidates = sorted((a for a in in_force if purpose in a.purposes), key=lambda a: (_PRIORITY[a.basis], a.id))
    statuses = [(rec, rec.status(now)) for rec in consents
                if rec.client_id == client.id and purpose in rec.purposes
                and (partner.id in rec.recipients or partner.kind.value in rec.recipients)]
    says: dict[str, _Say] = {}
    covering: dict[str, list[SharingAgreement]] = {}
    for fdef in requested:
        if not fdef.may_leave_device:
            withheld.append(Withheld(fdef.key, Reason.NEVER_LEAVES_DEVICE))
            continue
        if blocked is not None:
            withheld.append(Withheld(fdef.key, blocked))
            continue
        category = fdef.category
        those = covering.get(category)
        if those is None:
            those = covering[category] = [a for a in candidates if category in a.categories]
        outcome = _field_outcome(fdef, purpose, client, those, statuses, says)
        if isinstance(outcome, Allowed):
            allowed.append(outcome)
        else:
            withheld.append(Withheld(fdef.key, outcome))
    return _decision(client, partner, purpose, now, allowed, withheld, None)


def _field_outcome(fdef: FieldDef, purpose: str, client: ClientFacts, covering: list[SharingAgreement],
                   statuses: list[tuple[ConsentRecord, ConsentStatus]], says: dict[str, _Say]) -> Allowed | Reason:
    """The first agreement covering the field whose basis holds allows it; else the first one's reason.

    ``covering``: the agreements in force for this purpose and the field's category, in the order tried."""
    first: Reason | None = None
    key = fdef.key
    for agreement in covering:
        if key in agreement.excluded_fields:
            continue
        basis = agreement.basis
        if basis in _STATUTORY:
            return Allowed(key, basis, agreement.id, None)
        say = says.get(fdef.category)
        if say is None:
            say = says[fdef.category] = _persons_say(fdef.category, statuses)
        if basis is Basis.PURPOSE_OF_COLLECTION:
            if purpose not in client.collected_for.get(key, frozenset()):
                reason: Reason = Reason.PURPOSE_NOT_COLLECTED
            elif say is Reason.CONSENT_DENIES:
                reason = say
            else:
                return Allowed(key, basis, agreement.id, None)
        elif isinstance(say, Reason):
            reason = say
        else:
            return Allowed(key, basis, agreement.id, say)
        first = first or reason
    return first or Reason.NOT_COVERED


def _persons_say(category: str, statuses: list[tuple[ConsentRecord, ConsentStatus]]) -> _Say:
    """For one category: a refusal beats everything; else the active permit with the smallest id; else why not."""
    permits: list[str] = []
    withdrawn = expired = False
    for record, status in statuses:
        if category not in record.categories:
            continue
        if not record.permit:
            if status is ConsentStatus.ACTIVE:
                return Reason.CONSENT_DENIES
        elif status is ConsentStatus.ACTIVE:
            permits.append(record.id)
        elif status is ConsentStatus.WITHDRAWN:
            withdrawn = True
        elif status is ConsentStatus.EXPIRED:
            expired = True
    if permits:
        return min(permits)
    if withdrawn:
        return Reason.CONSENT_WITHDRAWN
    return Reason.CONSENT_EXPIRED if expired else Reason.NO_CONSENT
