"""The sharing history as a CSV report a supervisor can hand on (the filtered history, one row per disclosure).

A report holds personal information (each row names the client), so callers warn before saving one and write it
readable by its owner only. Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) as a formula: every such cell is written with a leading apostrophe, so a name
or purpose typed as ``=HYPERLINK(...)`` stays text. Times are the reader's local time *with* its offset, so a
row means the same moment wherever the file is opened.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import Final, Protocol, TextIO

CSV_COLUMNS: Final = ("at", "client_id", "client_name", "partner_id", "partner_name", "worker_id", "worker_name",
                      "purpose", "channel", "kind", "status", "bases", "override", "fields", "withheld", "id",
                      "message_id", "device_id")

# What makes a spreadsheet read a cell as a formula (the full-width forms too: some programs fold them).
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class SentFieldLike(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def basis(self) -> str: ...


class EntryLike(Protocol):
    """What a report reads from ``store.sharing_history.HistoryEntry``."""

    @property
    def id(self) -> str: ...
    @property
    def message_id(self) -> str: ...
    @property
    def device_id(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def channel(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def client_name(self) -> str: ...
    @property
    def partner_id(self) -> str: ...
    @property
    def partner_name(self) -> str: ...
    @property
    def worker_id(self) -> str: ...
    @property
    def worker_name(self) -> str: ...
    @property
    def purpose(self) -> str | None: ...
    @property
    def bases(self) -> tuple[str, ...]: ...
    @property
    def override(self) -> bool: ...
    @property
    def fields(self) -> tuple[SentFieldLike, ...]: ...
    @property
    def withheld(self) -> tuple[str, ...]: ...


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: a leading apostrophe before a formula start."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def local_moment(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """E.g. ``2026-05-03T14:02:11+12:00``: the reader's local time and its offset (seconds are enough)."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def fields_text(entry: EntryLike) -> str:
    """``key:basis;key:basis`` in the entry's order (what went, on which basis; never a value)."""
    return ";".join(f"{f.field}:{f.basis}" for f in entry.fields)


def csv_row(entry: EntryLike, tz: dt.tzinfo) -> list[str]:
    row = [local_moment(entry.at, tz), entry.client_id, entry.client_name, entry.partner_id, entry.partner_name,
           entry.worker_id, entry.worker_name, entry.purpose or "", entry.channel, entry.kind, entry.status,
           ";".join(entry.bases), "yes" if entry.override else "no", fields_text(entry), ";".join(entry.withheld),
           entry.id, entry.message_id, entry.device_id]
    return [safe_cell(cell) for cell in row]


def write_csv(entries: Iterable[EntryLike], out: TextIO, tz: dt.tzinfo) -> int:
    """One header row (``CSV_COLUMNS``) and one row per entry, streamed to ``out`` (opened with ``newline=''``).
    Returns the number of entries written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(csv_row(entry, tz))
        count += 1
    return count
