"""Helpers for the outbox tests: a partner identity that opens envelopes and signs receipts, and the sharing
set-up (client, enrolled partner, agreement, consent) through the real store API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from support import collected
from tiaki.core import envelope
from tiaki.core.cards import PartnerCard, new_partner_card, sign_rotation
from tiaki.core.clock import iso, utc_now
from tiaki.core.receipts import Receipt, sign_receipt
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.store.session import Session

PERSON: dict[str, object] = {"given_name": "Ana", "family_name": "Havili", "phone": "027 555 0101",
                             "health_conditions": "asthma", "case_notes": "private notes"}
IDENTITY = frozenset({"identity"})
CONTACT = frozenset({"contact"})


@dataclass
class PartnerIdentity:
    """The partner's side: its age identity and receipt key (as a partner inbox holds them)."""

    name: str
    inbox_url: str | None = "http://127.0.0.1:9/"
    kind: PartnerKind = PartnerKind.NGO
    identity: pyrage.x25519.Identity = field(default_factory=pyrage.x25519.Identity.generate)
    receipt_private: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    card: PartnerCard = field(init=False)
    old: list[tuple[pyrage.x25519.Identity, Ed25519PrivateKey, PartnerCard]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.card = self._card()

    def _card(self) -> PartnerCard:
        return new_partner_card(name=self.name, kind=self.kind, overseas=False, inbox_url=self.inbox_url,
                                age_recipient=str(self.identity.to_public()),
                                receipt_key=self.receipt_private.public_key(), created_at=iso(utc_now()))

    def rotate(self) -> PartnerCard:
        """A new key pair and a card signed by the current receipt key."""
        self.old.append((self.identity, self.receipt_private, self.card))
        old_private, old_id = self.receipt_private, self.card.key_id
        self.identity, self.receipt_private = pyrage.x25519.Identity.generate(), Ed25519PrivateKey.generate()
        self.card = sign_rotation(self._card(), old_private, old_key_id=old_id)
        return self.card

    def open(self, data: bytes) -> list[dict[str, Any]]:
        parsed = envelope.parse(data)
        for identity, _, card in [(self.identity, None, self.card), *self.old]:
            if card.key_id == parsed.header.recipient_key_id:
                return envelope.open_payload(parsed, identity, recipient_key_id=card.key_id)
        raise AssertionError("sealed to a key this partner never had")

    def receipt(self, message: dict[str, Any] | str, envelope_id: str, *, status: str = "accepted",
                reason: str = "", digest: str | None = None, key: Ed25519PrivateKey | None = None,
                key_id: str | None = None) -> Receipt:
        message_id = message if isinstance(message, str) else str(message["id"])
        if digest is None:
            assert not isinstance(message, str)
            digest = envelope.message_digest(message)
        return sign_receipt(message_id=message_id, envelope_id=envelope_id, digest=digest,
                            received_at=iso(utc_now()), status=status, reason=reason,
                            partner_key_id=key_id or self.card.key_id, key=key or self.receipt_private)


def add_client(session: Session, purposes: tuple[str, ...] = ("case_management",), **kw: Any) -> str:
    return session.clients.create(PERSON, collection=collected(session, *purposes), **kw).id


def enrol(session: Session, name: str = "Te Whare Awhina", **kw: Any) -> tuple[str, PartnerIdentity]:
    partner = PartnerIdentity(name, **kw)
    return session.outbox.enroll_partner(partner.card).id, partner


def agree(session: Session, partner_id: str, *, basis: Basis = Basis.CONSENT,
          categories: frozenset[str] = frozenset({"identity", "contact", "health"}),
          valid_until: dt.datetime | None = None, updates_flow: bool = False) -> str:
    return session.sharing.add_agreement(AgreementInput(
        partner_id=partner_id, name="", reference="Oranga Tamariki Act 1989 s 66"
        if basis is Basis.LEGAL_REQUIREMENT else "", basis=basis, purposes=frozenset({"referral"}),
        categories=categories, excluded_fields=frozenset(), valid_from=utc_now() - dt.timedelta(days=30),
        valid_until=valid_until, updates_flow=updates_flow)).id


def consent(session: Session, client_id: str, partner_id: str, categories: frozenset[str] = IDENTITY | CONTACT,
            *, expires: dt.datetime | None = None) -> str:
    return session.sharing.record_consent(client_id, ConsentInput(
        frozenset({partner_id}), frozenset({"referral"}), categories, True, utc_now() - dt.timedelta(days=1),
        expires, ConsentMethod.VERBAL, "en", GivenBy.PERSON)).id


def shared_client(session: Session, name: str = "Te Whare Awhina", **kw: Any
                  ) -> tuple[str, str, PartnerIdentity, str]:
    """A client with identity and contact consented for referral to an enrolled partner under a consent
    agreement: (client id, partner id, partner, consent id)."""
    cid = add_client(session)
    pid, partner = enrol(session, name)
    agree(session, pid, **kw)
    return cid, pid, partner, consent(session, cid, pid)


def count(session: Session, sql: str, *params: object) -> int:
    return int(session._db.scalar(sql, params))


def fail_audit_on(session: Session, action: str) -> None:
    """Make the database refuse the audit entry for ``action`` (as a full disk or a damaged page would)."""
    with session._db.transaction() as tx:
        tx.execute(f"CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = '{action}' "
                   "BEGIN SELECT RAISE(ABORT, 'audit refused'); END")


def allow_audit(session: Session) -> None:
    with session._db.transaction() as tx:
        tx.execute("DROP TRIGGER fail_audit")
