"""The sharing history as a PDF report: landscape A4, one table row per disclosure, "Confidential" and
"Page N of M" on every page (painted here, as ui/referral_form.py does: QTextDocument has no page header).

A report of 10,000 rows must not become one giant HTML string or one giant QTextDocument (Qt lays a table out
as a whole, so the cost grows faster than the rows). The table is laid out in chunks of a few pages: a chunk's
pages are kept except its last, whose rows start the next chunk, so no page is left half empty. "Page N of M"
needs M before page 1 is painted, so the same deterministic pagination runs twice: once to count, once to
paint. The report holds personal information (client names): callers warn before saving, and the file is
written atomically, readable by its owner only.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from tiaki.core.catalogue import Catalogue
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.history_report import EntryLike
from tiaki.store.files import replaced_whole
from tiaki.store.session import default_catalogue
from tiaki.ui.labels import FIELDS_CONTEXT, PURPOSE_TEXT, PURPOSES_CONTEXT, QT_TRANSLATE_NOOP

CONTEXT = "HistoryReport"
Progress = Callable[[int, int], None]  # (done, total) work units; may raise to stop
CHUNK_ROWS = 160  # rows laid out together (a few pages): small enough to stay fast, large enough to fill pages

REPORT_TEXT: Mapping[str, str] = {
    "title": QT_TRANSLATE_NOOP("HistoryReport", "Sharing history"),
    "confidential": QT_TRANSLATE_NOOP("HistoryReport", "Confidential"),
    "page": QT_TRANSLATE_NOOP("HistoryReport", "Page {page} of {pages}"),
    "made": QT_TRANSLATE_NOOP("HistoryReport", "Made by {who} on {when}"),
    "count": QT_TRANSLATE_NOOP("HistoryReport", "Disclosures in this report: {count}"),
    "none": QT_TRANSLATE_NOOP("HistoryReport", "No disclosure matches these filters."),
    "handling": QT_TRANSLATE_NOOP(
        "HistoryReport", "This report holds personal information. Keep it secure, share it only with the people "
                         "who need it, and destroy it when it is no longer needed."),
    "when": QT_TRANSLATE_NOOP("HistoryReport", "When"),
    "client": QT_TRANSLATE_NOOP("HistoryReport", "Client"),
    "partner": QT_TRANSLATE_NOOP("HistoryReport", "Partner"),
    "worker": QT_TRANSLATE_NOOP("HistoryReport", "Worker"),
    "purpose": QT_TRANSLATE_NOOP("HistoryReport", "Purpose"),
    "channel": QT_TRANSLATE_NOOP("HistoryReport", "Channel"),
    "status": QT_TRANSLATE_NOOP("HistoryReport", "Status"),
    "basis": QT_TRANSLATE_NOOP("HistoryReport", "Basis"),
    "fields": QT_TRANSLATE_NOOP("HistoryReport", "Information shared"),
    "override": QT_TRANSLATE_NOOP("HistoryReport", "Serious-threat override"),
    "yes": QT_TRANSLATE_NOOP("HistoryReport", "Yes"),
    "revocation": QT_TRANSLATE_NOOP("HistoryReport", "(a revocation: no information)"),
}

# How each part of a filter reads in a report's heading ({value}: a name, an id, a code or a local date).
FILTER_TEXT: Mapping[str, str] = {
    "since": QT_TRANSLATE_NOOP("HistoryReport", "From {value}"),
    "until": QT_TRANSLATE_NOOP("HistoryReport", "Up to and including {value}"),
    "worker_id": QT_TRANSLATE_NOOP("HistoryReport", "Worker: {value}"),
    "client_id": QT_TRANSLATE_NOOP("HistoryReport", "Client: {value}"),
    "partner_id": QT_TRANSLATE_NOOP("HistoryReport", "Partner: {value}"),
    "purpose": QT_TRANSLATE_NOOP("HistoryReport", "Purpose: {value}"),
    "basis": QT_TRANSLATE_NOOP("HistoryReport", "Basis: {value}"),
    "channel": QT_TRANSLATE_NOOP("HistoryReport", "Channel: {value}"),
    "status": QT_TRANSLATE_NOOP("HistoryReport", "Status: {value}"),
    "search": QT_TRANSLATE_NOOP("HistoryReport", "Only entries matching a search (its text is not shown)"),
    "everything": QT_TRANSLATE_NOOP("HistoryReport", "Every disclosure you may see"),
}

CHANNEL_TEXT: Mapping[str, str] = {
    "sync": QT_TRANSLATE_NOOP("HistoryReport", "Partner inbox"),
    "packet": QT_TRANSLATE_NOOP("HistoryReport", "Referral packet"),
    "print": QT_TRANSLATE_NOOP("HistoryReport", "Printed form"),
}

STATUS_TEXT: Mapping[str, str] = {
    "queued": QT_TRANSLATE_NOOP("HistoryReport", "Queued"),
    "sent": QT_TRANSLATE_NOOP("HistoryReport", "Sent, no receipt yet"),
    "acknowledged": QT_TRANSLATE_NOOP("HistoryReport", "Received (signed receipt)"),
    "refused": QT_TRANSLATE_NOOP("HistoryReport", "Refused"),
    "parked": QT_TRANSLATE_NOOP("HistoryReport", "Set aside"),
    "cancelled": QT_TRANSLATE_NOOP("HistoryReport", "Cancelled"),
    "exported": QT_TRANSLATE_NOOP("HistoryReport", "Exported"),
    "printed": QT_TRANSLATE_NOOP("HistoryReport", "Printed"),
}

# Short enough for a table cell (the full wording is in the app's detail panel).
BASIS_SHORT: Mapping[str, str] = {
    "consent": QT_TRANSLATE_NOOP("HistoryReport", "Consent"),
    "purpose_of_collection": QT_TRANSLATE_NOOP("HistoryReport", "Purpose of collection"),
    "authorised_by_person": QT_TRANSLATE_NOOP("HistoryReport", "Authorised by the person"),
    "approved_sharing_agreement": QT_TRANSLATE_NOOP("HistoryReport", "Approved sharing agreement"),
    "information_matching": QT_TRANSLATE_NOOP("HistoryReport", "Information matching"),
    "legal_requirement": QT_TRANSLATE_NOOP("HistoryReport", "Legal requirement"),
    "serious_threat": QT_TRANSLATE_NOOP("HistoryReport", "Serious threat"),
}

# (text key, share of the table's width in per cent)
COLUMNS: Sequence[tuple[str, int]] = (("when", 8), ("client", 11), ("partner", 12), ("worker", 9), ("purpose", 8),
                                      ("channel", 7), ("status", 8), ("basis", 11), ("fields", 20),
                                      ("override", 6))


def report_text(key: str) -> str:
    """The report's text for ``key`` in the worker's language. (Not called ``tr``: lupdate took every key passed
    to a ``tr`` for a text to translate.)"""
    return QCoreApplication.translate(CONTEXT, REPORT_TEXT[key])


def report_title() -> str:
    return report_text("title")


def filter_lines(flt: HistoryFilter, names: Mapping[str, str], tz: dt.tzinfo) -> list[str]:
    """The filter in words for a report's heading: partner and worker names from ``names`` (id -> name), the
    range as the local days it covers, codes in the interface's words; the search text never (only that there
    was one)."""
    def line(key: str, value: str = "") -> str:
        return QCoreApplication.translate(CONTEXT, FILTER_TEXT[key]).format(value=value)

    lines = []
    if flt.since is not None:
        lines.append(line("since", flt.since.astimezone(tz).date().isoformat()))
    if flt.until is not None:  # exclusive: the last whole day is the one before
        lines.append(line("until", (flt.until.astimezone(tz) - dt.timedelta(microseconds=1)).date().isoformat()))
    for key in ("worker_id", "client_id", "partner_id"):
        value = getattr(flt, key)
        if value is not None:
            lines.append(line(key, names.get(value, value)))
    if flt.purpose is not None:
        lines.append(line("purpose", _word(PURPOSE_TEXT, flt.purpose, PURPOSES_CONTEXT)))
    for key, table in (("basis", BASIS_SHORT), ("channel", CHANNEL_TEXT), ("status", STATUS_TEXT)):
        value = getattr(flt, key)
        if value is not None:
            lines.append(line(key, _word(table, value)))
    if flt.search:
        lines.append(line("search"))
    return lines or [line("everything")]


def _word(table: Mapping[str, str], code: str, context: str = CONTEXT) -> str:
    text = table.get(code)
    return QCoreApplication.translate(context, text) if text else code


class _Rows:
    """The table's HTML, row by row; where each page starts and ends; each page as a small document."""

    def __init__(self, entries: Sequence[EntryLike], *, preamble: str, tz: dt.tzinfo, body: QSizeF,
                 font: QFont, device: QPagedPaintDevice, catalogue: Catalogue) -> None:
        self._entries = entries
        self._labels = {f.key: QCoreApplication.translate(FIELDS_CONTEXT, f.label) for f in catalogue.fields}
        self._preamble = preamble
        self._tz = tz
        self._body = body
        self._font = font
        self._device = device
        e = html.escape
        self._head = "".join(f"<th align='left' width='{width}%'>{e(report_text(key))}</th>" for key, width in COLUMNS)

    def _row(self, entry: EntryLike) -> str:
        e = html.escape
        if entry.kind == "revocation":
            fields = report_text("revocation")
        elif len(entry.bases) > 1:
            fields = ", ".join(f"{self._label(f.field)} ({_word(BASIS_SHORT, f.basis)})" for f in entry.fields)
        else:
            fields = ", ".join(self._label(f.field) for f in entry.fields)
        purpose = _word(PURPOSE_TEXT, entry.purpose, PURPOSES_CONTEXT) if entry.purpose else ""
        cells = (entry.at.astimezone(self._tz).strftime("%Y-%m-%d %H:%M"), entry.client_name, entry.partner_name,
                 entry.worker_name, purpose, _word(CHANNEL_TEXT, entry.channel), _word(STATUS_TEXT, entry.status),
                 "; ".join(_word(BASIS_SHORT, b) for b in entry.bases), fields,
                 report_text("yes") if entry.override else "")
        return "<tr>" + "".join(f"<td valign='top'>{e(cell)}</td>" for cell in cells) + "</tr>"

    def _label(self, key: str) -> str:
        return self._labels.get(key, key)

    def document(self, start: int, end: int, *, first: bool) -> QTextDocument:
        """Rows [start, end) under the header row (and the report's heading on the first page), unpaginated:
        the pages are cut here, between rows, never inside one."""
        rows = "".join(self._row(entry) for entry in self._entries[start:end])
        table = (f"<table width='100%' border='1' cellspacing='0' cellpadding='3'><tr>{self._head}</tr>{rows}"
                 "</table>")
        document = QTextDocument()
        document.setDefaultFont(self._font)
        document.documentLayout().setPaintDevice(self._device)
        document.setTextWidth(self._body.width())
        document.setDocumentMargin(0)
        document.setHtml("<html><body>" + (self._preamble if first else "") + table + "</body></html>")
        return document

    def _measure(self, start: int, end: int, *, first: bool) -> _Layout:
        """Rows [start, end) laid out together, measured (see ``_Layout``)."""
        document = self.document(start, end, first=first)
        table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
        layout = document.documentLayout()
        tops, bottoms = [], []
        for row in range(table.rows()):
            cells = [table.cellAt(row, col) for col in range(table.columns())]
            tops.append(layout.blockBoundingRect(cells[0].firstCursorPosition().block()).top())
            bottoms.append(max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells))
        gap = tops[1] - bottoms[0] if len(tops) > 1 else 0.0
        return _Layout(lead=tops[0], head=bottoms[0] - tops[0] + gap,
                       rows=[bottom - top + gap for top, bottom in zip(tops[1:], bottoms[1:], strict=True)],
                       tail=document.size().height() - bottoms[-1] - (gap if len(tops) > 1 else 0.0))

    def page_ranges(self, progress: Progress | None = None) -> list[tuple[int, int]]:
        """[start, end) of each page's rows: as many whole rows as fit under the header row (and, on the first
        page, under the heading); a row taller than a page gets a page of its own."""
        total, height = len(self._entries), self._body.height() * 0.99  # a little room for rounding
        plain = self._measure(0, 0, first=False)  # a page with only the header row: its lead and tail
        ranges: list[tuple[int, int]] = []
        page_start, used = 0, 0.0
        for chunk_start in range(0, max(total, 1), CHUNK_ROWS):
            chunk_end = min(chunk_start + CHUNK_ROWS, total)
            measured = self._measure(chunk_start, chunk_end, first=chunk_start == 0)
            if progress is not None:
                progress(chunk_end, 2 * total)
            if chunk_start == 0:
                used = measured.lead + measured.head + plain.tail
            for offset, row_height in enumerate(measured.rows):
                index = chunk_start + offset
                if used + row_height > height and index > page_start:
                    ranges.append((page_start, index))
                    page_start, used = index, plain.lead + plain.head + plain.tail
                used += row_height
        ranges.append((page_start, total))
        return ranges


@dataclass(frozen=True)
class _Layout:
    """Heights in device pixels: above the header row's text (the heading, the table's top border and padding),
    the header row, each row (from its text's top to the next row's), and below the last row's text."""

    lead: float
    head: float
    rows: list[float]
    tail: float


def _preamble(*, title: str, filter_lines: Sequence[str], made_by: str, made_at: str, count: int) -> str:
    e = html.escape
    lines = "".join(f"<li>{e(line)}</li>" for line in filter_lines)
    return (f"<h2>{e(title)}</h2><p>{e(report_text('made').format(who=made_by, when=made_at))}</p>"
            + (f"<ul>{lines}</ul>" if lines else "")
            + f"<p>{e(report_text('count').format(count=count))}</p>"
            + (f"<p>{e(report_text('none'))}</p>" if not count else "")
            + f"<p><i>{e(report_text('handling'))}</i></p>")


def render_history(device: QPagedPaintDevice, entries: Sequence[EntryLike], *, title: str,
                   filter_lines: Sequence[str], made_by: str, tz: dt.tzinfo, made_at: dt.datetime | None = None,
                   progress: Progress | None = None, catalogue: Catalogue | None = None) -> int:
    """Paint the report onto a PDF writer or printer; returns the number of pages. ``progress(done, total)``
    is called as rows are measured and then painted (2 × rows in all); it may raise to stop. Fields read as
    the catalogue's labels (the default catalogue unless one is given)."""
    font = QFont()
    font.setPointSizeF(8)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters: the PDF's text searches as written
    mark_font = QFont(font)
    mark_font.setPointSizeF(9)
    mark_font.setBold(True)
    area = device.pageLayout().paintRectPixels(device.logicalDpiY())
    width, height = float(area.width()), float(area.height())
    band = QFontMetricsF(mark_font, device).height() * 2.2
    body = QSizeF(width, height - 2 * band)
    when = (made_at or dt.datetime.now(dt.UTC)).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    rows = _Rows(entries, preamble=_preamble(title=title, filter_lines=filter_lines, made_by=made_by,
                                             made_at=when, count=len(entries)),
                 tz=tz, body=body, font=font, device=device, catalogue=catalogue or default_catalogue())
    ranges = rows.page_ranges(progress)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened")
    try:
        for number, (start, end) in enumerate(ranges):
            if number:
                device.newPage()
            document = rows.document(start, end, first=number == 0)
            painter.save()
            painter.translate(0, band)
            over = document.size().height() / body.height()
            if over > 1:  # rounding in the measure, or one row taller than a page: shrink it rather than cut it
                painter.scale(1 / over, 1 / over)
            document.drawContents(painter)
            painter.restore()
            painter.setFont(mark_font)
            top = QRectF(0, 0, width, band)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             report_text("confidential"))
            painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), title)
            painter.drawText(QRectF(0, height - band, width, band), int(Qt.AlignmentFlag.AlignCenter),
                             report_text("page").format(page=number + 1, pages=len(ranges)))
            if progress is not None:
                progress(len(entries) + end, 2 * len(entries))
    finally:
        painter.end()
    return len(ranges)


def write_history_pdf(entries: Sequence[EntryLike], path: Path, *, title: str, filter_lines: Sequence[str],
                      made_by: str, tz: dt.tzinfo, made_at: dt.datetime | None = None,
                      progress: Progress | None = None, catalogue: Catalogue | None = None) -> int:
    """Write the report as a landscape A4 PDF at ``path``: atomically (a temporary file beside it, renamed once
    complete) and readable by its owner only. Needs a QGuiApplication. Returns the number of pages; raises
    OSError when the file cannot be written, or whatever ``progress`` raises to stop (nothing is left behind)."""
    with replaced_whole(Path(path)) as temp:
        writer = QPdfWriter(str(temp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setPageMargins(QMarginsF(12, 10, 12, 10), QPageLayout.Unit.Millimeter)
        writer.setTitle(title)  # the caller's title: no personal information in the metadata
        writer.setCreator("Tiaki")
        pages = render_history(writer, entries, title=title, filter_lines=filter_lines, made_by=made_by, tz=tz,
                               made_at=made_at, progress=progress, catalogue=catalogue)
        del writer  # finishes the file
        if temp.stat().st_size == 0:
            raise OSError("the PDF file could not be written")
    return pages
