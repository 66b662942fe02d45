"""The warning shown before creating a client who may already be recorded."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from tiaki.store.clients import DuplicateCheck
from tiaki.ui.accessibility import name_buttons

_MAX_OFFERED = 3


class DuplicateWarning(QMessageBox):
    """Non-blocking: emits ``save_anyway`` or ``open_existing(client_id)``; Cancel just closes it."""

    save_anyway = Signal()
    open_existing = Signal(str)

    def __init__(self, check: DuplicateCheck, parent: QWidget) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setAccessibleName(self.tr("Possible duplicate"))
        parts: list[str] = []
        if check.visible:
            names = "; ".join(
                f"{s.display_name} ({s.date_of_birth or self.tr('no date of birth')})" for s in check.visible)
            parts.append(self.tr("A client with the same name and date of birth may already exist: {names}.")
                         .format(names=names))
        if check.hidden_count:
            if not check.visible:
                parts.append(self.tr("A client with the same name and date of birth may already exist."))
            parts.append(self.tr("{n} more outside your caseload: ask your coordinator before adding a "
                                 "second record.").format(n=check.hidden_count))
        self.setText(" ".join(parts))
        self.setInformativeText(self.tr("Open the existing record, or save this one as a new client."))
        self.open_buttons: list[QPushButton] = []
        for summary in check.visible[:_MAX_OFFERED]:
            button = self.addButton(self.tr("Open {name}").format(name=summary.display_name),
                                    QMessageBox.ButtonRole.ActionRole)
            button.setProperty("client_id", summary.id)
            self.open_buttons.append(button)
        self.save_button = self.addButton(self.tr("Save as new client"), QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        name_buttons(self.buttons())
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.save_button:
            self.save_anyway.emit()
        elif button.property("client_id"):
            self.open_existing.emit(str(button.property("client_id")))
