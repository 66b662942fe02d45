"""A new passphrase typed twice, with the problem (if any) shown under it as the worker types."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tiaki.core.passphrase import passphrase_problem
from tiaki.ui.accessibility import grow_to_fit
from tiaki.ui.messages import passphrase_problem_text


class NewPassphraseFields(QWidget):
    """Two password fields. ``problem()`` is empty when they match and the passphrase will do."""

    changed = Signal()

    def __init__(self, worker_name: Callable[[], str] = lambda: "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker_name = worker_name
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("New passphrase again"))
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("Passphrase problem"))
        grow_to_fit(self.window())  # the problem appears as the worker types: the window makes room for it
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        first_label = QLabel(self.tr("&New passphrase:"), self)
        first_label.setBuddy(self.first)
        second_label = QLabel(self.tr("&Type it again:"), self)
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        column.addLayout(form)
        column.addWidget(self.problem_label)  # (below the form: a form row gives wrapped text too few lines)
        hint = QLabel(self.tr("A few words together is easy to remember and hard to guess."), self)
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.setTabOrder(self.first, self.second)

    def passphrase(self) -> str:
        return self.first.text()

    def problem(self) -> str:
        text = self.first.text()
        problem = passphrase_problem_text(passphrase_problem(text, self._worker_name()))
        if problem:
            return problem
        if self.second.text() != text:
            return self.tr("The two passphrases are not the same.")
        return ""

    def _update(self) -> None:
        # Say nothing until the worker has typed something: an error before they start is noise.
        self.problem_label.setText(self.problem() if self.first.text() else "")
        self.changed.emit()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
