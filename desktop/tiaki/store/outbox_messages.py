"""The outbox's messages as the sealer works with them, with no SQL: a messages row read, a queued share decided
again, the message as sealed (with the values that go) and the record kept of it (which fields went on which
basis, never a value).

Sealing turns an envelope's worth of these at once, so the JSON is made with care: a stored value that is a
plain JSON string is read without the decoder, and the seal record's JSON is assembled from pieces made once
per envelope. The text is the same as ``json.dumps(..., sort_keys=True)`` would give (tested).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tiaki.core.clock import iso
from tiaki.core.policy import Allowed, Decision
from tiaki.core.reasons import Reason
from tiaki.core.sharing import Override
from tiaki.store.database import Row

# Why a field allowed at queueing is not sent, when the policy engine has nothing to say about it: its value
# was cleared in the meantime.
NO_VALUE = "no_value"
MESSAGE_COLUMNS = ("id, partner_id, client_id, purpose, kind, state, created_at, created_by, decision, consent_id, "
                   "revokes, envelope_id, attempts, seq")
# A JSON string with nothing to unescape: its text between the quotes is its value.
_PLAIN_STRING = re.compile(r'"[^"\\\x00-\x1f]*"')


@dataclass(frozen=True)
class PendingEnvelope:
    envelope_id: str
    partner_id: str
    data: bytes
    message_ids: tuple[str, ...]
    attempts: int


@dataclass(frozen=True)
class Message:
    """A messages row as the outbox works with it."""

    id: str
    partner_id: str
    client_id: str
    purpose: str | None
    kind: str
    state: str
    created_at: str
    created_by: str
    decision: Mapping[str, Any] | None  # the queue-time decision (share/update)
    consent_id: str | None  # revocation
    revokes: tuple[str, ...]  # revocation
    envelope_id: str | None
    attempts: int
    seq: int

    @property
    def queued_fields(self) -> Mapping[str, Mapping[str, Any]]:
        """The fields allowed at queueing that may still go: less those dropped since (a withdrawn consent)."""
        if self.decision is None:
            return {}
        dropped = self.dropped_before
        return {f: basis for f, basis in self.decision["allowed"].items() if f not in dropped}

    @property
    def dropped_before(self) -> Mapping[str, str]:
        """Fields dropped from the queued decision before sealing (field -> reason): they never go."""
        return {} if self.decision is None else dict(self.decision.get("dropped", {}))

    @property
    def override(self) -> Override | None:
        """The serious-threat override the share was queued under (``decision_json``), for every re-decision:
        what a worker decided to disclose on a serious threat must not be dropped at sending because no agreement
        or consent covers it. None for a message queued without one (it never gains one)."""
        return stored_override(self.decision)


def message_from(row: Row) -> Message:
    """A row read with ``MESSAGE_COLUMNS``."""
    return Message(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                   None if row[8] is None else json.loads(row[8]), row[9],
                   tuple(json.loads(row[10])) if row[10] else (), row[11], int(row[12]), int(row[13]))


def stored_override(decision: Mapping[str, Any] | None) -> Override | None:
    """The override recorded in a queue-time decision, or None. A record that is not a valid override (it
    cannot be made by ``queue_share``) counts as none: the share is then decided by the policy alone."""
    doc = None if decision is None else decision.get("override")
    if not isinstance(doc, Mapping):
        return None
    justification, by = doc.get("justification"), doc.get("by")
    if not isinstance(justification, str):
        return None
    try:
        return Override(justification, by if isinstance(by, str) else "")
    except ValueError:
        return None


def basis_of(a: Allowed) -> dict[str, Any]:
    return {"basis": a.basis.value, "agreement_id": a.agreement_id, "consent_id": a.consent_id}


def decision_json(decision: Decision, only: Iterable[str] | None = None, *, by: str | None = None) -> str:
    """The queue-time decision as stored. A decision that needs review (a serious-threat override allowed
    something) keeps the override's justification and author here, in the encrypted store; audit entries
    carry ``needs_review`` only."""
    keep = None if only is None else set(only)
    doc: dict[str, Any] = {
        "decided_at": iso(decision.decided_at),
        "allowed": {a.field: basis_of(a) for a in decision.allowed if keep is None or a.field in keep},
        "withheld": {w.field: w.reason.value for w in decision.withheld if keep is None or w.field in keep},
    }
    if decision.needs_review:  # ``by``: the worker who made the override
        doc["override"] = {"justification": decision.override_justification or "", "by": by}
    return json.dumps(doc, sort_keys=True)


@dataclass(frozen=True)
class Redecision:
    """A share or update decided again: what goes (allowed at queueing and now), what is dropped (allowed at
    queueing, not now) and what the engine withholds now."""

    fields: dict[str, Allowed]
    withheld: dict[str, str]
    dropped: dict[str, str]

    @property
    def why_nothing(self) -> str:
        return next(iter(self.dropped.values()), Reason.NOT_COVERED.value)


def redecision(msg: Message, decision: Decision) -> Redecision:
    """A queued share or update against the engine's decision now."""
    now_allowed = {a.field: a for a in decision.allowed}
    now_withheld = {w.field: w.reason.value for w in decision.withheld}
    queued = msg.queued_fields
    dropped = {f: now_withheld.get(f, NO_VALUE) for f in queued if f not in now_allowed}
    dropped.update(msg.dropped_before)  # after the new ones: why_nothing names what changed last
    return Redecision({f: now_allowed[f] for f in queued if f in now_allowed},
                      {f: r for f, r in now_withheld.items() if f not in dropped}, dropped)


def stored_value(text: str) -> Any:
    """A field value from its stored JSON text (``json.loads``, without the decoder for a plain string)."""
    return text[1:-1] if _PLAIN_STRING.fullmatch(text) else json.loads(text)


def sealed_share(msg: Message, outcome: Redecision, values: Mapping[str, str], organisation: str,
                 sealed_at: str) -> dict[str, Any]:
    """The share or update as sealed: the values of the fields that go, from ``values`` (stored JSON text)."""
    return {
        "id": msg.id, "kind": msg.kind, "client_id": msg.client_id, "created_at": msg.created_at,
        "purpose": msg.purpose, "organisation": organisation, "sealed_at": sealed_at,
        "consent_ids": sorted({a.consent_id for a in outcome.fields.values() if a.consent_id}),
        "fields": {key: {"value": stored_value(values[key]), "basis": a.basis.value, "agreement_id": a.agreement_id,
                         "consent_id": a.consent_id} for key, a in outcome.fields.items()},  # value and basis_of(a)
    }


class SealRecordJson:
    """The JSON columns of message_seals for one envelope's messages, as ``json.dumps(..., sort_keys=True)``
    writes them, from pieces made once: each field name, each basis, each distinct withheld or dropped map."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._bases: dict[tuple[str, str | None, str | None], str] = {}
        self._reasons: dict[tuple[tuple[str, str], ...], str] = {}

    def _key(self, name: str) -> str:
        text = self._keys.get(name)
        if text is None:
            text = self._keys[name] = json.dumps(name)
        return text

    def fields(self, fields: Mapping[str, Allowed]) -> str:
        parts = []
        for name in sorted(fields):
            a = fields[name]
            ident = (a.basis.value, a.agreement_id, a.consent_id)
            basis = self._bases.get(ident)
            if basis is None:
                basis = self._bases[ident] = json.dumps(basis_of(a), sort_keys=True)
            parts.append(f"{self._key(name)}: {basis}")
        return "{" + ", ".join(parts) + "}"

    def reasons(self, reasons: Mapping[str, str]) -> str:
        """A withheld or dropped map (field name -> reason code)."""
        ident = tuple(sorted(reasons.items()))
        text = self._reasons.get(ident)
        if text is None:
            text = self._reasons[ident] = json.dumps(dict(ident), sort_keys=True)
        return text
