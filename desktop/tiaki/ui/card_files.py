"""What the dialogs that read or hand out key files share: a file row with its chooser, the large fingerprint,
and the confirm-by-phone dialog that trusts a card only once every digit was read and ticked.

Trust is given by voice: the person reads the 20-digit fingerprint with the other organisation over a phone
line both already know, and the store is asked to trust the card only after "every digit matches" is ticked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.cards import MAX_CARD_BYTES, CardError, card_file_bytes
from tiaki.store.files import atomic_write
from tiaki.ui.accessibility import add_labelled_rows, name_buttons, ok_cancel_buttons, problem_label


def make_fingerprint_large(label: QLabel) -> None:
    """Digits read aloud over the phone: large and bold, so no one reads the wrong line."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)


def file_row(parent: QDialog, form: QFormLayout, *, label: str, name: str, caption: str, file_filter: str,
             load: Callable[[Path], object], on_enter_only: bool = False) -> tuple[QLineEdit, QPushButton]:
    """A form row "label: [path] [Choose file…]"; the file is loaded when chosen, and when the typed path is
    finished (or, with ``on_enter_only``, when Enter is pressed in it)."""
    path = QLineEdit(parent)
    path.setAccessibleName(name)
    finished = path.returnPressed if on_enter_only else path.editingFinished
    finished.connect(lambda: load(Path(path.text())))
    choose = QPushButton(QCoreApplication.translate("CardFiles", "&Choose file…"), parent)

    def pick() -> None:
        chosen, _ = QFileDialog.getOpenFileName(parent, caption, "", file_filter)
        if chosen:
            path.setText(chosen)
            load(Path(chosen))

    choose.clicked.connect(pick)
    name_buttons([choose])
    row = QHBoxLayout()
    row.addWidget(path, 1)
    row.addWidget(choose)
    buddy = QLabel(label, parent)
    buddy.setBuddy(path)
    form.addRow(buddy, row)
    return path, choose


def save_card_file(card: Any, path: Path) -> bool:
    """Write a card file whole (temporary file, rename); False when the place cannot be written."""
    try:
        atomic_write(path, card_file_bytes(card))
    except OSError:
        return False
    return True


class ConfirmCardDialog(QDialog):
    """Choose a card file, show whom it names and its fingerprint, and trust it only once confirmed by phone.

    A subclass says how to read its kind of card (``parse``), what to show of it (``show_card``, into
    ``row_labels``, one per ``rows`` entry of (label text, accessible name)), which sentence
    a file of the wrong kind gets (``wrong_kind``) and what trusting it means (``trust``: False keeps the dialog
    open with the problem shown)."""

    def __init__(self, parent: QWidget | None, *, title: str, intro: str, rows: Sequence[tuple[str, str]],
                 confirm: str, ok: str, caption: str, file_filter: str, size: tuple[int, int]) -> None:
        super().__init__(parent)
        self.card: Any = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.resize(*size)
        layout = QVBoxLayout(self)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.path, self.choose = file_row(self, form, label=QCoreApplication.translate("CardFiles", "Card &file:"),
                                          name=QCoreApplication.translate("CardFiles", "Card file"),
                                          caption=caption, file_filter=file_filter, load=self.load)
        self.row_labels: list[QLabel] = []
        for _, name in rows:
            label = QLabel(self)
            label.setAccessibleName(name)
            self.row_labels.append(label)
        self.fingerprint = QLabel(self)
        self.fingerprint.setAccessibleName(QCoreApplication.translate("CardFiles", "Fingerprint"))
        make_fingerprint_large(self.fingerprint)
        add_labelled_rows(form, self, [*((text, label) for (text, _), label in zip(rows, self.row_labels, strict=True)),
                                       (QCoreApplication.translate("CardFiles", "Fingerprint:"), self.fingerprint)])
        layout.addLayout(form)
        self.confirmed = QCheckBox(confirm, self)
        self.confirmed.toggled.connect(self._update_ok)
        name_buttons([self.confirmed])
        layout.addWidget(self.confirmed)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(QCoreApplication.translate("CardFiles", "Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons, self.ok_button = ok_cancel_buttons(self, ok)
        layout.addWidget(buttons)
        self._update_ok()
        self.path.setFocus()

    # --- what a subclass says --------------------------------------------------------------------------------

    def parse(self, data: bytes) -> Any:
        raise NotImplementedError

    def wrong_kind(self) -> str:
        raise NotImplementedError

    def trust(self, card: Any) -> bool:
        raise NotImplementedError

    # --- the shared flow -------------------------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def load(self, path: Path) -> Any:
        self.card = None
        self.confirmed.setChecked(False)
        for label in (*self.row_labels, self.fingerprint):
            label.clear()
        try:
            with path.open("rb") as handle:
                card = self.parse(handle.read(MAX_CARD_BYTES + 1))
        except OSError:
            self._show_problem(QCoreApplication.translate("CardFiles", "That file cannot be read."))
            card = None
        except CardError:
            self._show_problem(self.wrong_kind())
            card = None
        if card is not None:
            self._show_problem("")
            self.card = card
            self.fingerprint.setText(card.fingerprint())
            self.show_card(card)
        self._update_ok()
        return card

    def show_card(self, card: Any) -> None:
        raise NotImplementedError

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.card is not None and self.confirmed.isChecked())

    def accept(self) -> None:
        if self.card is None or not self.confirmed.isChecked():
            return
        if self.trust(self.card):
            super().accept()
