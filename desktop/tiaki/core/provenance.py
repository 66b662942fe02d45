"""Where a value came from (IPP 2: from the person, unless a named other source and a reason apply)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiaki.core.text import bad_characters, nfc

PERSON = "person"
OTHER = "other"
_MAX = 300


class SourceError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    kind: str = PERSON
    name: str = ""
    reason: str = ""

    @classmethod
    def person(cls) -> Source:
        return cls(PERSON)

    @classmethod
    def other(cls, name: str, reason: str) -> Source:
        name, reason = nfc(name).strip(), nfc(reason).strip()
        if not name or not reason:
            raise SourceError("Information from someone other than the person needs the source's name and why.")
        for text in (name, reason):
            if len(text) > _MAX:
                raise SourceError(f"The source's name and reason may be at most {_MAX} characters each.")
            if bad_characters(text):
                raise SourceError("The source's name or reason contains a character that cannot be stored.")
        return cls(OTHER, name, reason)

    def detail(self) -> str | None:
        return None if self.kind == PERSON else f"{self.name} — {self.reason}"

    def to_json(self) -> dict[str, Any]:
        if self.kind == PERSON:
            return {"kind": PERSON}
        return {"kind": OTHER, "name": self.name, "reason": self.reason}

    @classmethod
    def from_json(cls, raw: object) -> Source:
        if not isinstance(raw, dict):
            raise SourceError('"source" must be an object such as {"kind": "person"}.')
        unknown = set(raw) - {"kind", "name", "reason"}
        if unknown:
            raise SourceError(f'"source" has unknown member(s): {", ".join(sorted(unknown))[:80]}.')
        kind = raw.get("kind")
        if kind == PERSON:
            return cls.person()
        if kind == OTHER:
            name, reason = raw.get("name"), raw.get("reason")
            if not isinstance(name, str) or not isinstance(reason, str):
                raise SourceError('A source of kind "other" needs "name" and "reason" as text.')
            return cls.other(name, reason)
        raise SourceError('"source.kind" must be "person" or "other".')
