"""A consent record as JSON: the Kantara / ISO 27560 / FHIR Consent minimum, with its event history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tiaki.core.clock import iso
from tiaki.core.sharing import ConsentRecord


def consent_json(record: ConsentRecord, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": record.id,
        "subject": record.client_id,
        "controller": record.controller,
        "recipients": sorted(record.recipients),
        "purposes": sorted(record.purposes),
        "categories": sorted(record.categories),
        "decision": "permit" if record.permit else "deny",
        "given_at": iso(record.given_at),
        "expires_at": iso(record.expires_at) if record.expires_at else None,
        "method": record.method.value,
        "language": record.language,
        "notice": {"version": record.notice_version, "hash": record.notice_hash},
        "recorded_by": record.recorded_by,
        "given_by": record.given_by.value,
        "status": record.status(now).value,
        "events": [{"id": e.id, "kind": e.kind.value, "at": iso(e.at), "recorded_by": e.recorded_by,
                    **({"reason": e.reason} if e.reason else {}),
                    **({"expires_at": iso(e.expires_at)} if e.expires_at else {})} for e in record.events],
    }
