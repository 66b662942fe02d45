"""The client form's fields: one tab per catalogue category, each field with its copy button, problem line
and provenance line (who recorded it, when, from where, and what for).

Its strings keep the "ClientForm" translation context they have always had, so existing translations hold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.catalogue import Catalogue
from tiaki.core.client import StoredValue
from tiaki.ui.colours import show_as_error
from tiaki.ui.field_editors import FieldEditor
from tiaki.ui.labels import field_label, local_time, purpose_label, text_order


class FieldGroups(QTabWidget):
    """Emits ``edited(key)`` while typing, ``left(key)`` on leaving a field and ``copy_requested(key)``."""

    edited = Signal(str)
    left = Signal(str)
    copy_requested = Signal(str)

    def __init__(self, catalogue: Catalogue, worker_names: dict[str, str], clear_after_s: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = worker_names
        self._clear_after_s = clear_after_s
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.provenance_labels: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QToolButton] = {}
        self.setAccessibleName(QCoreApplication.translate("ClientForm", "Field groups"))
        self.tabBar().setAccessibleName(QCoreApplication.translate("ClientForm", "Field groups"))
        for category in catalogue.categories:
            fields = catalogue.fields_in(category.key)
            if not fields:
                continue
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for fdef in fields:
                editor = FieldEditor(fdef, page)
                label_text = field_label(fdef.label) + (" *" if fdef.required else "")
                label = QLabel(label_text + ":", page)
                label.setBuddy(editor.widget)
                form.addRow(label, self._field_cell(editor, page))
                self.editors[fdef.key] = editor
                editor.edited.connect(lambda key=fdef.key: self.edited.emit(key))
                editor.left.connect(lambda key=fdef.key: self.left.emit(key))
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            scroll.setAccessibleName(field_label(category.label))
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.addTab(scroll, field_label(category.label))

    def _field_cell(self, editor: FieldEditor, page: QWidget) -> QWidget:
        cell = QWidget(page)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(editor.widget, 1)
        label = field_label(editor.fdef.label)
        copy = QToolButton(cell)
        copy.setText(QCoreApplication.translate("ClientForm", "Copy"))
        copy.setAccessibleName(QCoreApplication.translate("ClientForm", "Copy {label}").format(label=label))
        copy.setToolTip(QCoreApplication.translate(
            "ClientForm", "Copy this value; the clipboard is cleared again after {s} seconds.").format(
            s=self._clear_after_s))
        copy.clicked.connect(lambda: self.copy_requested.emit(editor.fdef.key))
        row.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)
        self.copy_buttons[editor.fdef.key] = copy
        column.addLayout(row)
        error = QLabel(cell)
        error.setWordWrap(True)
        show_as_error(error)
        error.setAccessibleName(QCoreApplication.translate("ClientForm", "Problem with {label}").format(label=label))
        error.hide()
        column.addWidget(error)
        provenance = QLabel(cell)
        font = provenance.font()
        font.setItalic(True)  # set apart by style, not by a faint colour that fails contrast
        provenance.setFont(font)
        provenance.setWordWrap(True)
        provenance.hide()
        column.addWidget(provenance)
        self.error_labels[editor.fdef.key] = error
        self.provenance_labels[editor.fdef.key] = provenance
        return cell

    def show_provenance(self, key: str, stored: StoredValue | None) -> None:
        label = self.provenance_labels[key]
        if stored is None:
            label.hide()
            return
        label.setText(provenance_text(stored, self._names))
        self.editors[key].widget.setToolTip(label.text())
        label.show()

    def show_error(self, key: str, message: str) -> None:
        label = self.error_labels[key]
        label.setText(message)
        label.setVisible(bool(message))
        self.editors[key].widget.setAccessibleDescription(message)

    def focus_field(self, key: str) -> None:
        widget = self.editors[key].widget
        for index in range(self.count()):
            scroll = self.widget(index)
            page = scroll.widget() if isinstance(scroll, QScrollArea) else None
            if isinstance(scroll, QScrollArea) and page is not None and page.isAncestorOf(widget):
                self.setCurrentIndex(index)
                scroll.ensureWidgetVisible(widget)
        widget.setFocus()


def provenance_text(stored: StoredValue, worker_names: dict[str, str]) -> str:
    """E.g. "Recorded by Aroha, 2026-05-03 14:02, from the person, for: Case management"."""
    who = worker_names.get(stored.recorded_by) or QCoreApplication.translate("ClientForm", "an unknown worker")
    if stored.source == "person":
        source = QCoreApplication.translate("ClientForm", "from the person")
    else:
        source = QCoreApplication.translate("ClientForm", "from {detail}").format(
            detail=stored.source_detail or QCoreApplication.translate("ClientForm", "another source"))
    when = local_time(stored.recorded_at)
    if not stored.purposes:  # recorded before purposes were asked for
        return QCoreApplication.translate("ClientForm", "Recorded by {who}, {when}, {source}").format(
            who=who, when=when, source=source)
    purposes = ", ".join(sorted((purpose_label(p) for p in stored.purposes), key=text_order))
    return QCoreApplication.translate("ClientForm", "Recorded by {who}, {when}, {source}, for: {purposes}").format(
        who=who, when=when, source=source, purposes=purposes)
