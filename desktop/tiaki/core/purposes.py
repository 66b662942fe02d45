"""Purposes of collection (data, in resources/purposes.json): what a service user is told and why."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Purpose:
    key: str
    text: Mapping[str, str]  # language -> what the person is told
    benefit: Mapping[str, str]  # language -> the wellbeing benefit
    retention_days: int
    needs_identity: bool = True  # False: may be recorded for an anonymous contact

    def text_in(self, language: str) -> str:
        return self.text.get(language) or self.text["en"]


@dataclass(frozen=True)
class PurposeCatalogue:
    purposes: tuple[Purpose, ...]
    languages_needing_review: frozenset[str] = frozenset()

    def get(self, key: str) -> Purpose:
        for purpose in self.purposes:
            if purpose.key == key:
                return purpose
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return any(p.key == key for p in self.purposes)

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.purposes]


def parse_purposes(doc: Mapping[str, Any]) -> PurposeCatalogue:
    purposes = tuple(
        Purpose(key=item["key"], text=dict(item["text"]), benefit=dict(item["benefit"]),
                retention_days=int(item["retention_days"]), needs_identity=bool(item.get("needs_identity", True)))
        for item in doc["purposes"]
    )
    if len({p.key for p in purposes}) != len(purposes) or any("en" not in p.text for p in purposes):
        raise ValueError("purpose catalogue: duplicate keys or a purpose without English text")
    return PurposeCatalogue(purposes, frozenset(doc.get("translations_needing_review", ())))


def load_purposes(path: Path) -> PurposeCatalogue:
    with path.open(encoding="utf-8") as fh:
        return parse_purposes(json.load(fh))
