"""A list of tickable choices (purposes, categories, recipients): Space ticks the selected one."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class CheckList(QListWidget):
    """Emits ``changed`` whenever a tick changes; ``checked()`` gives the ticked keys in list order."""

    changed = Signal()

    def __init__(self, name: str, choices: Iterable[tuple[str, str]], parent: QWidget | None = None, *,
                 rows: int = 6) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        for key, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(KEY_ROLE, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)
        row_height = max(self.sizeHintForRow(0), self.fontMetrics().height() + 1)
        self.setFixedHeight(row_height * min(max(self.count(), 2), rows) + 2 * self.frameWidth() + 4)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def keys(self) -> list[str]:
        return [str(self.item(row).data(KEY_ROLE)) for row in range(self.count())]

    def checked(self) -> list[str]:
        return [str(self.item(row).data(KEY_ROLE)) for row in range(self.count())
                if self.item(row).checkState() == Qt.CheckState.Checked]

    def set_checked(self, key: str, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)
