"""What a reviewer asks of the sharing history: a filter, a sort, and the legal bases as a bit set.

The filter is plain data so that the UI, the CLI and the reports ask the store the very same question (the
store turns it into SQL in one place). Bases are kept as a bit set on each disclosure so that "which
disclosures relied on X" is one integer test on an indexed table rather than a JSON scan of a million rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from tiaki.core.sharing import Basis
from tiaki.core.text import bad_characters, nfc

CHANNELS = ("sync", "packet", "print")
STATUSES = ("queued", "sent", "acknowledged", "refused", "parked", "cancelled", "exported", "printed")
SORT_COLUMNS = ("at", "client", "partner", "worker", "purpose", "channel", "status")
# The order is stored (bit = 1 << index): append new bases, never reorder.
BASIS_BITS: tuple[str, ...] = (
    Basis.CONSENT.value,
    Basis.PURPOSE_OF_COLLECTION.value,
    Basis.AUTHORISED_BY_PERSON.value,
    Basis.APPROVED_SHARING_AGREEMENT.value,
    Basis.INFORMATION_MATCHING.value,
    Basis.LEGAL_REQUIREMENT.value,
    Basis.SERIOUS_THREAT.value,
)
MAX_SEARCH = 100


class HistoryFilterError(ValueError):
    """A filter that cannot be asked. `code` says which part: channel, status, basis, range, search or date."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def basis_bit(basis: str) -> int:
    try:
        return 1 << BASIS_BITS.index(basis)
    except ValueError:
        raise HistoryFilterError("basis", "That is not a legal basis Tiaki knows.") from None


def basis_mask(bases: Iterable[str]) -> int:
    mask = 0
    for basis in bases:
        mask |= basis_bit(basis)
    return mask


def bases_of(mask: int) -> tuple[str, ...]:
    return tuple(b for i, b in enumerate(BASIS_BITS) if mask & (1 << i))


def _clean_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


@dataclass(frozen=True)
class HistoryFilter:
    since: dt.datetime | None = None  # aware, inclusive
    until: dt.datetime | None = None  # aware, exclusive
    worker_id: str | None = None
    client_id: str | None = None
    partner_id: str | None = None
    purpose: str | None = None
    basis: str | None = None  # a Basis value
    channel: str | None = None
    status: str | None = None
    search: str = ""  # NFC, stripped, at most MAX_SEARCH characters

    def validated(self) -> HistoryFilter:
        """A normalised copy; HistoryFilterError names the part that cannot be asked (never its value)."""
        for moment in (self.since, self.until):
            if moment is not None and moment.utcoffset() is None:
                raise HistoryFilterError("date", "A date in the filter has no time zone.")
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise HistoryFilterError("range", "The end of the date range is before its start.")
        channel, status, basis = _clean_id(self.channel), _clean_id(self.status), _clean_id(self.basis)
        if channel is not None and channel not in CHANNELS:
            raise HistoryFilterError("channel", "That is not a channel: use sync, packet or print.")
        if status is not None and status not in STATUSES:
            raise HistoryFilterError("status", "That is not a status a disclosure can have.")
        if basis is not None and basis not in BASIS_BITS:
            raise HistoryFilterError("basis", "That is not a legal basis Tiaki knows.")
        search = nfc(self.search or "").strip()
        if len(search) > MAX_SEARCH:
            raise HistoryFilterError("search", f"The search text is longer than {MAX_SEARCH} characters.")
        if bad_characters(search):
            raise HistoryFilterError("search", "The search text has a character that cannot be searched for.")
        return replace(self, worker_id=_clean_id(self.worker_id), client_id=_clean_id(self.client_id),
                       partner_id=_clean_id(self.partner_id), purpose=_clean_id(self.purpose), basis=basis,
                       channel=channel, status=status, search=search)

    def describe(self) -> dict[str, Any]:
        """For audit details and report headers: ids and keys only; the search text only as whether there was one."""
        out: dict[str, Any] = {}
        if self.since is not None:
            out["since"] = self.since.astimezone(dt.UTC).isoformat(timespec="milliseconds")
        if self.until is not None:
            out["until"] = self.until.astimezone(dt.UTC).isoformat(timespec="milliseconds")
        for key in ("worker_id", "client_id", "partner_id", "purpose", "basis", "channel", "status"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["search"] = bool(self.search.strip())
        return out


@dataclass(frozen=True)
class Sort:
    column: str = "at"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise HistoryFilterError("sort", "The history cannot be sorted by that column.")


def day_range(since: dt.date | None, until: dt.date | None,
              tz: dt.tzinfo) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Whole days as a person means them: since's local midnight up to the local midnight after `until`."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=tz).astimezone(dt.UTC) if since is not None else None
    end = None
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    return start, end


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_day(text: str) -> dt.date:
    """'YYYY-MM-DD' and nothing looser (no times, no week dates, no other separators)."""
    value = text.strip()
    if len(value) != 10 or value[4] != "-" or value[7] != "-" or not _ascii_digits(value[:4] + value[5:7] + value[8:]):
        raise HistoryFilterError("date", "A date must be written YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HistoryFilterError("date", "That date does not exist.") from None
