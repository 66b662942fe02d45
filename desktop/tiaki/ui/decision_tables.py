"""The policy engine's decision as two read-only tables: what goes (with its legal basis) and what is withheld
(with the reason in plain language).

Shared by the "what would be shared" preview and the referral dialog, so both read a decision the same way.
The widget only shows a ``Decision``; it decides nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.catalogue import Catalogue
from tiaki.core.policy import Decision
from tiaki.ui.messages import reason_text
from tiaki.ui.sharing_labels import basis_label, field_key_label


def plain(text: str) -> str:
    """A label's text without its mnemonic ampersand (for accessible names)."""
    return text.replace("&&", "\x00").replace("&", "").replace(":", "").replace("\x00", "&").strip()


def read_only_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A word-wrapping table of whole rows, not editable, that Tab leaves (its last column takes the rest)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    # Row heights follow the wrapped text at the width the columns really get (a few dozen rows at most).
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table


def set_rows(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    """Fill ``table`` with plain-text rows (each cell also its tooltip, for long reasons)."""
    table.setRowCount(len(rows))
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    table.resizeRowsToContents()


def table_rows(table: QTableWidget) -> list[tuple[str, ...]]:
    """The texts a table shows, row by row (for tests and screen-reader summaries)."""
    def text(row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    return [tuple(text(r, c) for c in range(table.columnCount())) for r in range(table.rowCount())]


class DecisionTables(QWidget):
    """Two labelled tables: "allowed" (information, basis) and "withheld" (information, why).

    ``allowed_title`` and ``withheld_title`` are the callers' own translated labels (with a mnemonic), since
    what the tables mean differs: "would be shared" in a preview, "goes in the packet" in a referral."""

    def __init__(self, catalogue: Catalogue, allowed_title: str, withheld_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        allowed_label = QLabel(allowed_title, self)
        self.allowed = read_only_table(self, plain(allowed_title), [self.tr("Information"), self.tr("Basis")])
        allowed_label.setBuddy(self.allowed)
        withheld_label = QLabel(withheld_title, self)
        self.withheld = read_only_table(self, plain(withheld_title),
                                        [self.tr("Information"), self.tr("Why it is withheld")])
        withheld_label.setBuddy(self.withheld)
        for widget in (allowed_label, self.allowed, withheld_label, self.withheld):
            layout.addWidget(widget, 1 if isinstance(widget, QTableWidget) else 0)

    def clear(self) -> None:
        self.allowed.setRowCount(0)
        self.withheld.setRowCount(0)

    def show_decision(self, decision: Decision) -> None:
        catalogue = self._catalogue
        set_rows(self.allowed, [(field_key_label(catalogue, a.field), basis_label(a.basis))
                                for a in decision.allowed])
        set_rows(self.withheld, [(field_key_label(catalogue, w.field), reason_text(w.reason))
                                 for w in decision.withheld])

    @staticmethod
    def rows(table: QTableWidget) -> list[tuple[str, str]]:
        """The (information, basis or reason) pairs a table shows."""
        return [(r[0], r[1]) for r in table_rows(table)]
