"""The sharing history as a Qt table model that stays fluid at a million disclosures.

Rows come from ``session.history.page`` a page of 200 at a time as the view scrolls (``canFetchMore`` /
``fetchMore``); sorting is the store's (a click on a header asks the store for a new first page). Which rows
match is decided by the store alone, from the ``HistoryFilter`` the filter bar built: the model never filters
or sorts a row itself, so the list, the CLI and the reports always agree. The total number of matching
disclosures can take a moment over a million rows, so it is counted on a worker thread and announced by
``total_changed`` (``None`` while counting).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import shiboken6

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from tiaki.core.history_filter import HistoryFilter, Sort
from tiaki.core.sharing import Basis
from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_time, purpose_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.sharing_labels import basis_label
from tiaki.ui.sync_models import kind_label, state_label
from tiaki.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from tiaki.store.sharing_history import HistoryEntry, SharingHistory

CONTEXT = "History"
PAGE_SIZE = 200

COL_TIME, COL_CLIENT, COL_PARTNER, COL_WORKER, COL_PURPOSE, COL_CHANNEL, COL_STATUS, COL_BASIS = range(8)
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the HistoryEntry
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the disclosure id

_HEADERS: Mapping[int, str] = {
    COL_TIME: QT_TRANSLATE_NOOP("History", "When"),
    COL_CLIENT: QT_TRANSLATE_NOOP("History", "Client"),
    COL_PARTNER: QT_TRANSLATE_NOOP("History", "Partner"),
    COL_WORKER: QT_TRANSLATE_NOOP("History", "Worker"),
    COL_PURPOSE: QT_TRANSLATE_NOOP("History", "Purpose"),
    COL_CHANNEL: QT_TRANSLATE_NOOP("History", "Channel"),
    COL_STATUS: QT_TRANSLATE_NOOP("History", "Status"),
    COL_BASIS: QT_TRANSLATE_NOOP("History", "Basis"),
}
# The store's sort keys (core.history_filter.SORT_COLUMNS) behind each header; the basis column has none.
SORT_BY_COLUMN: Mapping[int, str] = {
    COL_TIME: "at", COL_CLIENT: "client", COL_PARTNER: "partner", COL_WORKER: "worker", COL_PURPOSE: "purpose",
    COL_CHANNEL: "channel", COL_STATUS: "status",
}

CHANNEL_TEXT: Mapping[str, str] = {
    "sync": QT_TRANSLATE_NOOP("History", "Sync"),
    "packet": QT_TRANSLATE_NOOP("History", "Packet"),
    "print": QT_TRANSLATE_NOOP("History", "Print"),
}
CHANNEL_DESCRIPTION: Mapping[str, str] = {
    "sync": QT_TRANSLATE_NOOP("History", "Sent to the partner's inbox by sync"),
    "packet": QT_TRANSLATE_NOOP("History", "An encrypted referral packet, handed over as a file"),
    "print": QT_TRANSLATE_NOOP("History", "A referral form, printed or saved as PDF"),
}
# Statuses a sync message can have read as in the sync window (sync_models.STATE_TEXT); these are the rest.
STATUS_TEXT: Mapping[str, str] = {
    "exported": QT_TRANSLATE_NOOP("History", "Exported as an encrypted file"),
    "printed": QT_TRANSLATE_NOOP("History", "Printed"),
}
PRINT_KIND_TEXT: Mapping[str, str] = {
    "print": QT_TRANSLATE_NOOP("History", "Form printed"),
    "pdf": QT_TRANSLATE_NOOP("History", "Form saved as PDF"),
}
OVERRIDE_TEXT = QT_TRANSLATE_NOOP("History", "Serious-threat override")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def channel_label(channel: str) -> str:
    return _tr(CHANNEL_TEXT[channel]) if channel in CHANNEL_TEXT else channel


def channel_description(channel: str) -> str:
    return _tr(CHANNEL_DESCRIPTION[channel]) if channel in CHANNEL_DESCRIPTION else channel


def status_label(status: str) -> str:
    return _tr(STATUS_TEXT[status]) if status in STATUS_TEXT else state_label(status)


def history_kind_label(kind: str) -> str:
    return _tr(PRINT_KIND_TEXT[kind]) if kind in PRINT_KIND_TEXT else kind_label(kind)


def bases_label(bases: tuple[str, ...]) -> str:
    labels = []
    for basis in bases:
        try:
            labels.append(basis_label(Basis(basis)))
        except ValueError:
            labels.append(basis)
    return "; ".join(labels)


def basis_column_text(entry: HistoryEntry) -> str:
    text = bases_label(entry.bases)
    if entry.override:
        override = _tr(OVERRIDE_TEXT)
        return f"{override} — {text}" if text else override
    return text


def when_label(moment: dt.datetime) -> str:
    """A stored moment in the computer's local time."""
    return local_time(moment.isoformat())


Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """The disclosures one ``HistoryFilter`` and ``Sort`` select, read a page at a time."""

    total_changed = Signal(object)  # int once counted; None while counting or after a failure
    failed = Signal(str)  # a page or the count could not be read: one translated line

    def __init__(self, history: SharingHistory | None, *, page_size: int = PAGE_SIZE, parent: Any = None) -> None:
        super().__init__(parent)
        self._history = history
        self._page_size = page_size
        self._filter = HistoryFilter()
        self._sort = Sort()
        self._rows: list[HistoryEntry] = []
        self._ids: set[str] = set()
        self._more = False
        self._offset = 0  # rows read from the store so far (the next page starts here)
        self._total: int | None = None
        self._generation = 0  # a count that finishes after the filter changed is not this filter's count
        self.count_task: BackgroundTask | None = None
        self.pages_fetched = 0  # page reads since the last reset (for tests and benchmarks)

    # --- what the list shows ------------------------------------------------------------------------

    @property
    def filter(self) -> HistoryFilter:
        return self._filter

    @property
    def sort_order(self) -> Sort:
        return self._sort

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def counting(self) -> bool:
        return self.count_task is not None and self.count_task.running

    def entry(self, row: int) -> HistoryEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return None

    def set_filter(self, flt: HistoryFilter, sort: Sort | None = None) -> None:
        """Start again at the first page of what ``flt`` selects (sorted by ``sort``, else the current sort)."""
        self._filter = flt
        if sort is not None:
            self._sort = sort
        self.refresh()

    def refresh(self) -> None:
        """Re-read the first page and count again (after a filter or sort change, or new disclosures)."""
        self.beginResetModel()
        self._rows = []
        self._ids = set()
        self._more = self._history is not None
        self.pages_fetched = 0
        self._total = None
        self._offset = 0
        self._generation += 1
        self._rows = self._next_page()
        self.endResetModel()
        self._start_count()

    def clear_session(self) -> None:
        """Forget the store entirely (on lock): no rows, no names, no count."""
        self.beginResetModel()
        self._history = None
        self._rows = []
        self._ids = set()
        self._more = False
        self._total = None
        self._generation += 1
        self.endResetModel()
        if self.count_task is not None:
            self.count_task.cancel()
        self.total_changed.emit(None)

    def _next_page(self) -> list[HistoryEntry]:
        """The next page's new rows (not yet in the list), or nothing (and ``failed``) when the store cannot
        answer. A disclosure made while the worker scrolls shifts later pages by one: no row is shown twice."""
        if self._history is None or not self._more:
            return []
        try:
            page = self._history.page(self._filter, self._sort, offset=self._offset, limit=self._page_size)
        except Exception as exc:  # called from the view (fetchMore): no error may escape into Qt
            self._more = False
            self.failed.emit(store_error_text(exc))
            return []
        self.pages_fetched += 1
        self._offset += len(page)
        self._more = len(page) >= self._page_size
        fresh = [entry for entry in page if entry.id not in self._ids]
        self._ids.update(entry.id for entry in fresh)
        return fresh

    def _start_count(self) -> None:
        history, flt, generation = self._history, self._filter, self._generation
        self.total_changed.emit(None)
        if history is None:
            return
        task = BackgroundTask(lambda: history.count(flt), self)
        task.finished.connect(lambda total, g=generation: self._counted(g, total))
        task.failed.connect(lambda exc, g=generation: self._count_failed(g, exc))
        self.count_task = task
        task.start()

    def _counted(self, generation: int, total: object) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._total = int(total)  # type: ignore[call-overload]
        self.total_changed.emit(self._total)

    def _count_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.failed.emit(store_error_text(exc))

    # --- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._history is None:
            return
        # The store is asked before the rows are announced: beginInsertRows must name exactly what arrives.
        fresh = self._next_page()
        if not fresh:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() not in _HEADERS:
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        if role == ROW_ROLE:
            return entry
        if role == ID_ROLE:
            return entry.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(entry, index.column())
        return None

    @staticmethod
    def text(entry: HistoryEntry, column: int) -> str:
        if column == COL_TIME:
            return when_label(entry.at)
        if column == COL_CLIENT:
            return entry.client_name
        if column == COL_PARTNER:
            return entry.partner_name
        if column == COL_WORKER:
            return entry.worker_name
        if column == COL_PURPOSE:  # a revocation has no purpose: it says what it is instead
            return purpose_label(entry.purpose) if entry.purpose else history_kind_label(entry.kind)
        if column == COL_CHANNEL:
            return channel_label(entry.channel)
        if column == COL_STATUS:
            return status_label(entry.status)
        return basis_column_text(entry)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        text = _HEADERS.get(section)
        return _tr(text) if text else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the store sorts (the basis column cannot be sorted and keeps the current order)."""
        key = SORT_BY_COLUMN.get(column)
        if key is None:
            return
        wanted = Sort(key, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort or self._history is None:
            self.set_filter(self._filter, wanted)

    def sort_column(self) -> int:
        """The header section the current sort belongs to (for the header's sort indicator)."""
        for column, key in SORT_BY_COLUMN.items():
            if key == self._sort.column:
                return column
        return COL_TIME
