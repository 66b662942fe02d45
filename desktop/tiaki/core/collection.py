"""The collection event: no personal information is stored without a purpose, a source and a notice.

Every stored value links to the collection event that brought it in, which records the purposes, where the
information came from, and which notice (version, language, hash) the person was given, when, and whether
before or after collection (IPP 3 allows after, where before was not practicable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tiaki.core.clock import parse_iso
from tiaki.core.provenance import Source, SourceError
from tiaki.core.purposes import PurposeCatalogue


class NoticeTiming(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class CollectionError(ValueError):
    """Collection details that are missing or do not fit; the message names what, never a value."""


@dataclass(frozen=True)
class NoticeGiven:
    version: str
    language: str
    hash: str
    timing: NoticeTiming
    given_at: dt.datetime


@dataclass(frozen=True)
class Collection:
    purposes: frozenset[str]
    source: Source
    notice: NoticeGiven

    def check(self, purposes: PurposeCatalogue, *, anonymous: bool = False) -> None:
        if not self.purposes:
            raise CollectionError("Say why this information is being collected: choose at least one purpose.")
        unknown = sorted(p for p in self.purposes if p not in purposes)
        if unknown:
            raise CollectionError(f"Unknown purpose: {unknown[0][:40]}.")
        if anonymous and any(purposes.get(p).needs_identity for p in self.purposes):
            raise CollectionError("An anonymous contact can only be recorded for a purpose that does not need "
                                  "to know who the person is.")

    @classmethod
    def from_json(cls, raw: object, notice_version: str, notice_hash_for: Any) -> Collection:
        """Parse the CLI's ``collection`` member. ``notice_hash_for(language)`` gives the current template's hash
        (KeyError for a language with no notice)."""
        if not isinstance(raw, dict):
            raise CollectionError('"collection" must be an object with "purposes", "source" and "notice".')
        unknown = set(raw) - {"purposes", "source", "notice"}
        if unknown:
            raise CollectionError(f'"collection" has unknown member(s): {", ".join(sorted(unknown))[:80]}.')
        purposes = raw.get("purposes")
        if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
            raise CollectionError('"collection.purposes" must be a list of purpose keys.')
        if "source" not in raw:
            raise CollectionError('"collection.source" is required: {"kind": "person"} or another named source.')
        try:
            source = Source.from_json(raw["source"])
        except SourceError as exc:
            raise CollectionError(str(exc)) from None
        notice = raw.get("notice")
        if not isinstance(notice, dict):
            raise CollectionError('"collection.notice" is required: {"language": "en", "version": "...", '
                                  '"timing": "before"}.')
        extra = set(notice) - {"language", "version", "timing", "given_at"}
        if extra:
            raise CollectionError(f'"collection.notice" has unknown member(s): {", ".join(sorted(extra))[:80]}.')
        language, version = notice.get("language"), notice.get("version")
        if not isinstance(language, str) or not isinstance(version, str):
            raise CollectionError('"collection.notice" needs "language" and "version" as text.')
        if version != notice_version:
            raise CollectionError(f'"collection.notice.version" must be the current notice version, {notice_version}.')
        try:
            notice_hash = notice_hash_for(language)
        except KeyError:
            raise CollectionError('"collection.notice.language" has no notice in that language.') from None
        try:
            timing = NoticeTiming(notice.get("timing", "before"))
        except ValueError:
            raise CollectionError('"collection.notice.timing" must be "before" or "after".') from None
        given_at_raw = notice.get("given_at")
        if given_at_raw is None:
            given_at = dt.datetime.now(dt.UTC)
        else:
            try:
                given_at = parse_iso(str(given_at_raw))
            except ValueError:
                raise CollectionError('"collection.notice.given_at" must be an ISO 8601 time with offset.') from None
            if given_at.tzinfo is None:
                raise CollectionError('"collection.notice.given_at" needs a UTC offset.')
        return cls(frozenset(purposes), source, NoticeGiven(version, language, notice_hash, timing, given_at))
