"""The review queue's vocabulary: what a reviewer is asked to look at and what they record about it.

An item's id is "<kind>:<disclosure id>" so a reviewer can name it on the command line and the store can
refuse a second decision on the same question (one review per kind and disclosure).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tiaki.core.text import bad_characters, nfc

REVIEW_KINDS = ("override", "no_receipt", "expired_agreement", "unacked_revocation")
DECISIONS = ("accepted", "rejected")
NO_RECEIPT_DAYS = 7
MAX_COMMENT = 2000


class ReviewError(ValueError):
    """A review that cannot be recorded. `code`: decision, comment, item or already_reviewed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class ReviewItem:
    id: str  # f"{kind}:{disclosure_id}"
    kind: str
    disclosure_id: str
    at: dt.datetime  # the disclosure's time
    client_id: str
    partner_id: str
    partner_name: str
    worker_id: str
    worker_name: str
    purpose: str | None
    detail: str  # a short code-like fact, never a value: 'agreement:<id>:expired:<date>', 'days:12'

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "disclosure_id": self.disclosure_id, "at": _iso(self.at),
                "client_id": self.client_id, "partner_id": self.partner_id, "partner_name": self.partner_name,
                "worker_id": self.worker_id, "worker_name": self.worker_name, "purpose": self.purpose,
                "detail": self.detail}


@dataclass(frozen=True)
class ReviewRecord:
    id: str
    item_kind: str
    disclosure_id: str
    decision: str
    comment: str
    reviewer_id: str
    reviewer_name: str
    at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "item_kind": self.item_kind, "disclosure_id": self.disclosure_id,
                "decision": self.decision, "comment": self.comment, "reviewer_id": self.reviewer_id,
                "reviewer_name": self.reviewer_name, "at": _iso(self.at)}


def item_id(kind: str, disclosure_id: str) -> str:
    return f"{kind}:{disclosure_id}"


def parse_item_id(text: str) -> tuple[str, str]:
    """(kind, disclosure id) from 'kind:disclosure-id'; ReviewError('item') on any other form."""
    kind, sep, disclosure_id = text.strip().partition(":")
    if not sep or kind not in REVIEW_KINDS or not disclosure_id or not disclosure_id.isascii() \
            or any(ch.isspace() or ch == ":" for ch in disclosure_id) or len(disclosure_id) > 64:
        raise ReviewError("item", "A review item is named kind:disclosure-id (as 'tiaki review list' shows it).")
    return kind, disclosure_id


def check_decision(text: str) -> str:
    value = text.strip()
    if value not in DECISIONS:
        raise ReviewError("decision", "A review decision is 'accepted' or 'rejected'.")
    return value


def check_comment(text: str) -> str:
    """NFC, stripped, 1..MAX_COMMENT characters, nothing that has no place in stored text (newlines are fine)."""
    value = nfc(text).strip()
    if not value:
        raise ReviewError("comment", "A review needs a comment saying why.")
    if len(value) > MAX_COMMENT:
        raise ReviewError("comment", f"A review comment is at most {MAX_COMMENT} characters.")
    if bad_characters(value, multiline=True):
        raise ReviewError("comment", "The comment has a character that cannot be stored.")
    return value
