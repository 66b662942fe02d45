"""A minimal paging table model over session.clients, used by bench_memory.py only if the UI's own
tiaki.ui.client_list_model cannot be imported (it was being written when the benchmarks were)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tiaki.core.client import ClientSummary
from tiaki.store.clients import ClientRepository

PAGE = 200
MAX_PAGES = 8


class PagingModel(QAbstractTableModel):
    def __init__(self, clients: ClientRepository) -> None:
        super().__init__()
        self._clients = clients
        self._count = clients.count("")
        self._pages: OrderedDict[int, list[ClientSummary]] = OrderedDict()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        number, offset = divmod(index.row(), PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._clients.list("", offset=number * PAGE, limit=PAGE)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        if offset >= len(page):
            return None
        s = page[offset]
        return (s.display_name, s.date_of_birth or "", s.updated_at)[index.column()]
