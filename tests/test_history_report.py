"""The sharing history's reports: the CSV (columns, local times with their offset, formula cells neutralised)
and the PDF (a table over many pages, each marked Confidential and numbered, no row cut between pages)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from tiaki.core.history_filter import HistoryFilter, day_range
from tiaki.core.history_report import CSV_COLUMNS, safe_cell, write_csv

NZ = zoneinfo.ZoneInfo("Pacific/Auckland")


@dataclass(frozen=True)
class Field:
    field: str
    basis: str


@dataclass(frozen=True)
class Entry:
    """What a report reads of a history entry (the shape of store.sharing_history.HistoryEntry)."""

    id: str
    message_id: str
    device_id: str
    at: dt.datetime
    channel: str
    kind: str
    status: str
    client_id: str
    client_name: str
    partner_id: str
    partner_name: str
    worker_id: str
    worker_name: str
    purpose: str | None
    bases: tuple[str, ...]
    override: bool
    fields: tuple[Field, ...]
    withheld: tuple[str, ...]


def entry(n: int, **changes: object) -> Entry:
    base = Entry(f"d{n}", f"m{n}", "device-1", dt.datetime(2026, 1, 15, 11, 30, tzinfo=dt.UTC) - dt.timedelta(hours=n),
                 "sync", "share", "acknowledged", f"c{n}", f"Client {n} Ngata", "p1", "Kāinga Housing Trust", "w1",
                 "Tama Rāwiri", "referral", ("consent",), False,
                 (Field("given_name", "consent"), Field("phone", "consent")), ("case_notes",))
    return Entry(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def rows(entries: list[Entry]) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    assert write_csv(entries, out, NZ) == len(entries)
    table = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(table[0]) == CSV_COLUMNS
    return [dict(zip(CSV_COLUMNS, row, strict=True)) for row in table[1:]]


def test_one_row_per_entry_in_local_time_with_its_offset() -> None:
    [row] = rows([entry(0, bases=("consent", "serious_threat"), override=True,
                        fields=(Field("given_name", "consent"), Field("address", "serious_threat")))])
    assert row["at"] == "2026-01-16T00:30:00+13:00"  # 11:30 UTC is the next day in New Zealand (summer time)
    assert row["fields"] == "given_name:consent;address:serious_threat"
    assert (row["bases"], row["override"], row["withheld"]) == ("consent;serious_threat", "yes", "case_notes")
    assert (row["client_name"], row["partner_name"], row["worker_name"]) == ("Client 0 Ngata", "Kāinga Housing Trust",
                                                                             "Tama Rāwiri")
    assert (row["id"], row["message_id"], row["device_id"], row["purpose"]) == ("d0", "m0", "device-1", "referral")
    [plain] = rows([entry(1, purpose=None, at=dt.datetime(2026, 7, 1, 0, 0, tzinfo=dt.UTC))])
    assert (plain["override"], plain["purpose"], plain["at"]) == ("no", "", "2026-07-01T12:00:00+12:00")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝"])
def test_formula_cells_are_neutralised(start: str) -> None:
    attack = f"{start}HYPERLINK(\"http://evil.example\",\"x\")"
    [row] = rows([entry(0, client_name=attack, partner_name=attack, worker_name=attack, purpose=attack)])
    for column in ("client_name", "partner_name", "worker_name", "purpose"):
        assert row[column] == "'" + attack
    assert safe_cell("Ngata-Smith") == "Ngata-Smith" and safe_cell("") == ""


def test_a_comma_quote_or_newline_stays_in_its_cell() -> None:
    [row] = rows([entry(0, client_name='Te "Awa", Hine\nSecond line')])
    assert row["client_name"] == 'Te "Awa", Hine\nSecond line'


def test_an_empty_report_is_just_the_header() -> None:
    assert rows([]) == []


# --- PDF ------------------------------------------------------------------------------------------------------


def _text(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(path).pages]


def test_pdf_of_many_rows_numbers_every_page_and_cuts_no_row(qapp: object, tmp_path: Path) -> None:
    from tiaki.ui.history_report_pdf import write_history_pdf

    long_fields = tuple(Field(f"field_{k}", "consent") for k in range(14))
    entries = [entry(n, fields=long_fields if n % 7 == 0 else entry(0).fields,
                     bases=("consent", "approved_sharing_agreement") if n % 5 == 0 else ("consent",))
               for n in range(400)]
    path = tmp_path / "history.pdf"
    pages = write_history_pdf(entries, path, title="Sharing history", filter_lines=["Partner: Kāinga Housing Trust"],
                              made_by="Ngaio Tāwhiao", tz=NZ)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["history.pdf"]  # no temporary file left
    text = _text(path)
    assert len(text) == pages > 5
    for number, page in enumerate(text, 1):
        assert "Confidential" in page and f"Page {number} of {pages}" in page
    assert "Made by Ngaio Tāwhiao" in text[0] and "Partner: Kāinga Housing Trust" in text[0]
    # Each client's row is whole on one page: its name and the last of its fields are on the same page.
    for n in range(400):
        name = f"Client {n} Ngata "
        holding = [i for i, page in enumerate(text) if name in page]
        assert len(holding) == 1, n
        last_field = "field_13" if n % 7 == 0 else "Phone"  # a catalogue field reads as its label
        assert last_field in text[holding[0]].split(name, 1)[1], n


def test_pdf_with_no_entries_says_so(qapp: object, tmp_path: Path) -> None:
    from tiaki.ui.history_report_pdf import filter_lines, write_history_pdf

    since, until = day_range(dt.date(2026, 3, 1), dt.date(2026, 3, 31), NZ)
    lines = filter_lines(HistoryFilter(since=since, until=until, channel="packet", search="Hine"), {}, NZ)
    assert lines == ["From 2026-03-01", "Up to and including 2026-03-31", "Channel: Referral packet",
                     "Only entries matching a search (its text is not shown)"]
    path = tmp_path / "empty.pdf"
    assert write_history_pdf([], path, title="Sharing history", filter_lines=lines, made_by="A", tz=NZ) == 1
    [page] = _text(path)
    assert "No disclosure matches these filters." in page and "Page 1 of 1" in page and "Hine" not in page


def test_pdf_that_cannot_be_written_leaves_nothing(qapp: object, tmp_path: Path) -> None:
    from tiaki.ui.history_report_pdf import write_history_pdf

    with pytest.raises(OSError):
        write_history_pdf([entry(0)], tmp_path / "missing" / "x.pdf", title="t", filter_lines=[], made_by="A", tz=NZ)
    assert list(tmp_path.iterdir()) == []


def test_pdf_progress_counts_up_and_can_stop_it(qapp: object, tmp_path: Path) -> None:
    from tiaki.ui.history_report_pdf import write_history_pdf

    seen: list[tuple[int, int]] = []
    entries = [entry(n) for n in range(250)]
    write_history_pdf(entries, tmp_path / "done.pdf", title="t", filter_lines=[], made_by="A", tz=NZ,
                      progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (500, 500) and [d for d, _ in seen] == sorted(d for d, _ in seen)

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done > total // 2:
            raise Stop

    with pytest.raises(Stop):
        write_history_pdf(entries, tmp_path / "stopped.pdf", title="t", filter_lines=[], made_by="A", tz=NZ,
                          progress=stop)
    assert [p.name for p in tmp_path.iterdir()] == ["done.pdf"]
