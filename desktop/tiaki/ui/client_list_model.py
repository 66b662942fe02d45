"""The client list as a Qt table model that stays fluid at 100,000 clients.

``rowCount`` is one ``count`` query; rows are read on demand a page at a time through ``clients.list`` and
kept in a small least-recently-used page cache, so only the pages the view actually shows are ever read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from tiaki.core.client import ClientSummary
from tiaki.store.clients import ClientRepository
from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_date, local_time

COL_NAME = 0
COL_DATE_OF_BIRTH = 1
COL_UPDATED = 2

CLIENT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SUMMARY_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_HEADERS = {
    COL_NAME: QT_TRANSLATE_NOOP("ClientListModel", "Name"),
    COL_DATE_OF_BIRTH: QT_TRANSLATE_NOOP("ClientListModel", "Date of birth"),
    COL_UPDATED: QT_TRANSLATE_NOOP("ClientListModel", "Updated"),
}

Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractTableModel):
    def __init__(self, clients: ClientRepository | None, *, page_size: int = 200, max_pages: int = 8,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._clients = clients
        self._page_size = page_size
        self._max_pages = max_pages
        self._query = ""
        self._count = 0
        self._pages: OrderedDict[int, list[ClientSummary]] = OrderedDict()
        self.pages_fetched = 0  # how many page reads since the last reset (for tests and benchmarks)
        self._recount()

    # --- what the list shows ------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    def set_query(self, query: str) -> None:
        if query == self._query:
            return
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-read the count and drop cached rows (after a save, an archive or a new search)."""
        self.beginResetModel()
        self._pages.clear()
        self.pages_fetched = 0
        self._recount()
        self.endResetModel()

    def clear_session(self) -> None:
        """Forget the store entirely (on lock): no rows, no cached names."""
        self.beginResetModel()
        self._clients = None
        self._pages.clear()
        self._count = 0
        self._query = ""
        self.endResetModel()

    def _recount(self) -> None:
        self._count = self._clients.count(self._query) if self._clients is not None else 0

    def summary(self, row: int) -> ClientSummary | None:
        if self._clients is None or not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._clients.list(self._query, offset=number * self._page_size, limit=self._page_size)
            self.pages_fetched += 1
            self._pages[number] = page
            while len(self._pages) > self._max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    # --- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() not in _HEADERS:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, CLIENT_ID_ROLE, SUMMARY_ROLE):
            return None
        summary = self.summary(index.row())
        if summary is None:
            return None
        if role == CLIENT_ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        column = index.column()
        if column == COL_NAME:
            return summary.display_name
        if column == COL_DATE_OF_BIRTH:
            return local_date(summary.date_of_birth) if summary.date_of_birth else ""
        return local_time(summary.updated_at)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section in _HEADERS:
            return QCoreApplication.translate("ClientListModel", _HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._count:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
