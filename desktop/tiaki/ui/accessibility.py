"""Small touches that keep every control named for screen readers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from tiaki.ui.colours import show_as_error


def _plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def name_buttons(buttons: Iterable[QAbstractButton]) -> None:
    """Give buttons an accessible name from their visible text (without the mnemonic ampersand)."""
    for button in buttons:
        if button.text():
            button.setAccessibleName(_plain(button.text()))


def name_button_box(box: QDialogButtonBox) -> None:
    name_buttons(box.buttons())


def name_wizard_buttons(wizard: QWizard) -> None:
    which = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
             QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton)
    name_buttons(wizard.button(w) for w in which)


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def problem_label(parent: QWidget) -> QLabel:
    """The red, word-wrapped line under a form that says what went wrong (screen readers read its text); a red
    that reads on the theme's window colour, light or dark (ui/colours.py). Its window grows to show it whole."""
    label = QLabel(parent)
    label.setWordWrap(True)
    show_as_error(label)
    grow_to_fit(label.window())
    return label


class _GrowToFit(QObject):
    """Makes a window taller when its word-wrapped text needs more lines than it has room for."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self.fit)  # once the layout has taken the new text in
        return False

    def fit(self) -> None:
        window = self._window
        needed = window.heightForWidth(window.width())
        if window.isVisible() and needed > window.height():
            window.resize(window.width(), needed)


def grow_to_fit(window: QWidget) -> None:
    """A window's size comes from its layout's minimum, which counts a word-wrapped label as one line: when a
    message appears or gets longer (a translation, a larger font), the window grows instead of squeezing text."""
    if window.isWindow() and window.findChild(_GrowToFit) is None:
        _GrowToFit(window)


def scrolling_body(window: QWidget, outer: QVBoxLayout) -> QVBoxLayout:
    """The layout for a tall dialog's contents, in a scroll area added to ``outer``: at 200% on a laptop a dialog
    can then be shorter than what it holds instead of running off the screen. Put what must stay in view (the
    problem line, the buttons) in ``outer``, below it."""
    scroll = QScrollArea(window)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    from PySide6.QtCore import Qt  # here, not at the top: importing Qt's namespace costs the unlock window 40 ms

    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside (shown as they get it)
    body = QWidget(scroll)
    scroll.setWidget(body)
    outer.addWidget(scroll, 1)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


def add_labelled_rows(form: QFormLayout, parent: QWidget, rows: Iterable[tuple[str, QWidget]]) -> None:
    """Form rows whose labels are the fields' buddies, so Alt+letter moves to the field."""
    for text, widget in rows:
        label = QLabel(text, parent)
        label.setBuddy(widget)
        form.addRow(label, widget)


def name_spin_box(box: QAbstractSpinBox, name: str) -> None:
    """A spin or date box and the line edit inside it (which takes the focus) share one accessible name."""
    box.setAccessibleName(name)
    inner = box.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)


def ok_cancel_buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (with a verb on it) and Cancel, named for screen readers, wired to accept and reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.setText(ok_text)
    name_button_box(box)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def read_only_rows(table: QTableView, name: str) -> None:
    """A table of whole rows to pick from: one row at a time, no editing, Tab leaves the table."""
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()


class _ReadableHeaders(QObject):
    """Keeps every column of a table at least as wide as its heading, again after the language changes."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._header = view.horizontalHeader()
        view.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self.fit)  # after the model's headings are in the new language
        return False

    def fit(self) -> None:
        header = self._header
        last = header.count() - 1
        for column in range(header.count()):
            mode = header.sectionResizeMode(column)
            if column == last and header.stretchLastSection():
                # Interactive keeps the width given here when there is no room left to fill (it still fills).
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            elif mode != QHeaderView.ResizeMode.Interactive:
                continue  # sized to its heading and cells, or stretching
            header.resizeSection(column, max(header.sectionSize(column), header.sectionSizeHint(column)))


def readable_headers(view: QTableView) -> None:
    """No column heading is cut short: each column the code gave a width or left at the default width, and a
    last column that stretches (into what may be no room at all), is made at least as wide as its heading — a
    translation is often much longer than the English. Call it once the view's columns are set up; a
    horizontal scroll bar takes what does not fit. (A column set to stretch is left to the caller.)"""
    _ReadableHeaders(view)
