"""One editor widget per catalogue field type, behind the same small interface."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from tiaki.core.catalogue import FieldDef, FieldType, Value
from tiaki.ui.labels import choice_text, field_label


class _NotesEdit(QPlainTextEdit):
    """Multi-line text where Tab moves on (keyboard users must be able to leave it) and leaving is reported."""

    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class FieldEditor(QObject):
    """Wraps the widget for one field. ``raw()`` is what goes to ``catalogue.validate``; "" means empty."""

    edited = Signal()
    left = Signal()

    def __init__(self, fdef: FieldDef, parent: QWidget) -> None:
        super().__init__(parent)
        self.fdef = fdef
        label = field_label(fdef.label)
        if fdef.type is FieldType.MULTILINE:
            notes = _NotesEdit(parent)
            notes.setMinimumHeight(60)
            notes.textChanged.connect(self.edited)
            notes.left.connect(self.left)
            self.widget: QWidget = notes
        elif fdef.type is FieldType.CHOICE:
            combo = QComboBox(parent)
            combo.addItem(self.tr("(not recorded)"), "")
            for option in fdef.options:
                combo.addItem(field_label(option.label), option.value)
            combo.currentIndexChanged.connect(self.edited)
            combo.currentIndexChanged.connect(self.left)
            self.widget = combo
        else:
            line = QLineEdit(parent)
            if fdef.type is FieldType.DATE:
                line.setPlaceholderText(self.tr("YYYY-MM-DD"))
            elif fdef.hint:
                line.setPlaceholderText(field_label(fdef.hint))
            line.textEdited.connect(self.edited)
            line.editingFinished.connect(self.left)
            self.widget = line
        self.widget.setAccessibleName(label)
        if fdef.hint:
            self.widget.setAccessibleDescription(field_label(fdef.hint))

    def raw(self) -> str:
        widget = self.widget
        if isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
            return text if text.strip() else ""
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or "")
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def set_value(self, value: Value | None) -> None:
        text = "" if value is None else str(value)
        widget = self.widget
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QComboBox):
            found = widget.findData(text)
            if found < 0 and text:  # a value the catalogue no longer offers: keep it visible, do not lose it
                widget.addItem(text, text)
                found = widget.count() - 1
            widget.setCurrentIndex(max(found, 0))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(text)

    def shown_text(self) -> str:
        """What the worker sees (a choice's label rather than its stored value), for copying."""
        raw = self.raw()
        return choice_text(self.fdef, raw) if self.fdef.type is FieldType.CHOICE and raw else raw

    def set_read_only(self, read_only: bool) -> None:
        widget = self.widget
        if isinstance(widget, QComboBox):
            widget.setEnabled(not read_only)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setReadOnly(read_only)
