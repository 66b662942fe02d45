"""Keys and cards for envelope, receipt and inbox tests (real keys, made fresh)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tiaki.core.cards import PartnerCard, new_partner_card
from tiaki.core.clock import iso, new_id
from tiaki.core.sharing import PartnerKind

T0 = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class PartnerKeys:
    identity: pyrage.x25519.Identity
    receipt_key: Ed25519PrivateKey
    card: PartnerCard


def partner_keys(name: str = "Te Whare Āwhina", url: str | None = "http://127.0.0.1:8470") -> PartnerKeys:
    identity = pyrage.x25519.Identity.generate()
    receipt = Ed25519PrivateKey.generate()
    card = new_partner_card(name=name, kind=PartnerKind.NGO, overseas=False, inbox_url=url,
                            age_recipient=str(identity.to_public()), receipt_key=receipt.public_key(),
                            created_at=iso(T0))
    return PartnerKeys(identity, receipt, card)


def share_message(**fields: object) -> dict[str, object]:
    values = fields or {"given_name": "Aroha", "phone": "021 555 0101"}
    return {"id": new_id(), "kind": "share", "client_id": new_id(), "created_at": iso(T0), "sealed_at": iso(T0),
            "purpose": "referral", "organisation": "Te Whare Tiaki", "consent_ids": [],
            "fields": {k: {"value": v, "basis": "consent", "agreement_id": None, "consent_id": None}
                       for k, v in values.items()}}
