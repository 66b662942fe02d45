"""A client record as the rest of the app sees it: current values with their provenance."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tiaki.core.catalogue import Catalogue, Value
from tiaki.core.text import fold


@dataclass(frozen=True)
class StoredValue:
    value: Value
    recorded_by: str
    recorded_at: str
    source: str
    source_detail: str | None = None
    collection_event_id: str | None = None
    purposes: frozenset[str] = frozenset()  # what the value was collected for


@dataclass(frozen=True)
class ClientRecord:
    id: str
    created_at: str
    updated_at: str
    assigned_worker_id: str | None
    archived_at: str | None
    values: Mapping[str, StoredValue] = field(default_factory=dict)
    anonymous: bool = False

    @property
    def fields(self) -> dict[str, Value]:
        return {key: stored.value for key, stored in self.values.items()}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fields": self.fields,
            "provenance": {
                key: {
                    "recorded_by": v.recorded_by,
                    "recorded_at": v.recorded_at,
                    "source": v.source,
                    **({"source_detail": v.source_detail} if v.source_detail else {}),
                    "purposes": sorted(v.purposes),
                    "collection_event_id": v.collection_event_id,
                }
                for key, v in self.values.items()
            },
            "assigned_worker_id": self.assigned_worker_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "archived": self.archived_at is not None,
            "anonymous": self.anonymous,
        }


@dataclass(frozen=True)
class ClientSummary:
    """What the list shows: enough to pick the right person, nothing more."""

    id: str
    display_name: str
    date_of_birth: str | None
    assigned_worker_id: str | None
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "display_name": self.display_name,
            "date_of_birth": self.date_of_birth,
            "assigned_worker_id": self.assigned_worker_id,
            "updated_at": self.updated_at,
        }


def display_name(fields: Mapping[str, Value]) -> str:
    given = str(fields.get("preferred_name") or fields.get("given_name") or "")
    family = str(fields.get("family_name") or "")
    return " ".join(part for part in (given, family) if part) or "—"


def sort_key(fields: Mapping[str, Value]) -> str:
    return fold(f"{fields.get('family_name') or ''}\x1f{fields.get('given_name') or ''}")


def duplicate_key(fields: Mapping[str, Value]) -> str | None:
    """Folded given and family name plus date of birth; None when any is missing."""
    given, family, dob = fields.get("given_name"), fields.get("family_name"), fields.get("date_of_birth")
    if not (given and family and dob):
        return None
    squash = re.compile(r"[\W_]+", re.UNICODE)
    return f"{squash.sub('', fold(str(given)))}|{squash.sub('', fold(str(family)))}|{dob}"


def search_text(catalogue: Catalogue, fields: Mapping[str, Value], kind: str) -> str:
    """Folded text for the search index; identifiers also without their spaces ("021 555" -> "021555")."""
    parts: list[str] = []
    for fdef in catalogue.search_fields(kind):
        value = fields.get(fdef.key)
        if value is None:
            continue
        text = fold(str(value))
        parts.append(text)
        if kind == "identifier":
            compact = re.sub(r"[\s\-()+]", "", text)
            if compact != text:
                parts.append(compact)
    return " ".join(parts)


def search_query(text: str) -> str | None:
    """Turn what a worker typed into an FTS5 query: every word must prefix-match. None when nothing to match."""
    words = [w for w in re.split(r"[\W_]+", fold(text), flags=re.UNICODE) if w]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:8])
