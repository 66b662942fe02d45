"""The collection step: why the information is collected, where it came from, and the notice the person got.

Shown before any new or changed personal information is saved (no purpose, no save). The dialog decides
nothing a rule should decide: it gathers the worker's answers into a ``core.collection.Collection`` and the
store checks it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.collection import Collection, NoticeGiven, NoticeTiming
from tiaki.core.notices import RenderedNotice
from tiaki.core.provenance import Source, SourceError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, problem_label, scrolling_body
from tiaki.ui.labels import ui_language

PURPOSE_KEY_ROLE = Qt.ItemDataRole.UserRole


class CollectionDialog(QDialog):
    """Asks for purposes, source, notice language and timing; ``collection()`` gives the answer once accepted."""

    def __init__(self, session: Session, parent: QWidget | None = None, *, anonymous: bool = False) -> None:
        super().__init__(parent)
        self._session = session
        self._anonymous = anonymous
        self._notice: RenderedNotice | None = None
        self.setWindowTitle(self.tr("Collecting information"))
        self.setAccessibleName(self.tr("Collecting information"))
        self.setModal(True)
        self.resize(680, 800)

        outer = QVBoxLayout(self)
        layout = scrolling_body(self, outer)
        intro = QLabel(self.tr("Before saving, record why this information is collected, where it came from, and "
                               "the notice the person was given."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._build_purposes())
        layout.addWidget(self._build_source())
        layout.addWidget(self._build_notice(), 1)
        layout.addWidget(self._build_timing())
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("What is still needed"))
        outer.addWidget(self.problem)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button: QPushButton = ok
        self.ok_button.setText(self.tr("&Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button: QPushButton = cancel
        name_button_box(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._show_notice()
        self._update_ok()
        self.purpose_list.setFocus()

    # --- building ------------------------------------------------------------------------------------

    def _build_purposes(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Purposes (choose at least one; Space ticks the selected one):"), box)
        self.purpose_list = QListWidget(box)
        self.purpose_list.setAccessibleName(self.tr("Purposes"))
        self.purpose_list.setAccessibleDescription(self.tr("Why this information is collected. Choose at least one."))
        label.setBuddy(self.purpose_list)
        language = ui_language()
        for purpose in self._session.purposes.purposes:
            if self._anonymous and purpose.needs_identity:
                continue  # an anonymous contact can only be recorded for a purpose that needs no identity
            item = QListWidgetItem(purpose.text_in(language), self.purpose_list)
            item.setData(PURPOSE_KEY_ROLE, purpose.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if self.purpose_list.count():
            self.purpose_list.setCurrentRow(0)
        row_height = max(self.purpose_list.sizeHintForRow(0), self.purpose_list.fontMetrics().height() + 1)
        self.purpose_list.setFixedHeight(row_height * min(max(self.purpose_list.count(), 2), 8)
                                         + 2 * self.purpose_list.frameWidth() + 4)
        self.purpose_list.itemChanged.connect(self._on_purposes_changed)
        column.addWidget(label)
        column.addWidget(self.purpose_list)
        return box

    def _build_source(self) -> QGroupBox:
        group = QGroupBox(self.tr("Where did the information come from?"), self)
        group.setAccessibleName(self.tr("Where did the information come from?"))
        column = QVBoxLayout(group)
        self.from_person = QRadioButton(self.tr("From the person &themselves"), group)
        self.from_other = QRadioButton(self.tr("From someone &else"), group)
        self._source_group = QButtonGroup(self)
        for button in (self.from_person, self.from_other):
            self._source_group.addButton(button)
            column.addWidget(button)
        name_buttons([self.from_person, self.from_other])
        self.from_person.setChecked(True)
        form = QFormLayout()
        self.source_name = QLineEdit(group)
        self.source_name.setAccessibleName(self.tr("Source's name"))
        self.source_reason = QLineEdit(group)
        self.source_reason.setAccessibleName(self.tr("Why not from the person"))
        self.source_reason.setPlaceholderText(self.tr("e.g. the person asked their daughter to speak for them"))
        add_labelled_rows(form, group, [(self.tr("Source's &name:"), self.source_name),
                                        (self.tr("&Why not from the person:"), self.source_reason)])
        column.addLayout(form)
        self.from_other.toggled.connect(self._on_source_kind)
        self.source_name.textChanged.connect(self._update_ok)
        self.source_reason.textChanged.connect(self._update_ok)
        self._on_source_kind(False)
        return group

    def _build_notice(self) -> QGroupBox:
        group = QGroupBox(self.tr("Collection notice"), self)
        group.setAccessibleName(self.tr("Collection notice"))
        column = QVBoxLayout(group)
        form = QFormLayout()
        self.language_combo = QComboBox(group)
        self.language_combo.setAccessibleName(self.tr("Notice language"))
        self.language_combo.setAccessibleDescription(self.tr("The language the person chose for the notice."))
        names = self._session.notices.language_names()
        for code, name in names.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(ui_language()), 0))
        add_labelled_rows(form, group, [(self.tr("Notice &language:"), self.language_combo)])
        column.addLayout(form)
        self.version_label = QLabel(group)
        self.version_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.version_label)
        self.notice_text = QPlainTextEdit(group)
        self.notice_text.setReadOnly(True)
        self.notice_text.setTabChangesFocus(True)
        self.notice_text.setMinimumHeight(160)
        self.notice_text.setAccessibleName(self.tr("Notice to read to the person"))
        column.addWidget(self.notice_text, 1)
        self.review_note = QLabel(self.tr("This translation is a first draft awaiting review by a fluent speaker."),
                                  group)
        self.review_note.setWordWrap(True)
        self.review_note.setAccessibleName(self.tr("Translation note"))
        font = self.review_note.font()
        font.setItalic(True)
        self.review_note.setFont(font)
        column.addWidget(self.review_note)
        self.language_combo.currentIndexChanged.connect(self._show_notice)
        return group

    def _build_timing(self) -> QGroupBox:
        group = QGroupBox(self.tr("When was the notice given?"), self)
        group.setAccessibleName(self.tr("When was the notice given?"))
        column = QVBoxLayout(group)
        self.before = QRadioButton(self.tr("&Before collecting the information"), group)
        self.after = QRadioButton(self.tr("&After collecting it (telling them before was not practicable)"), group)
        self._timing_group = QButtonGroup(self)
        for button in (self.before, self.after):
            self._timing_group.addButton(button)
            column.addWidget(button)
        name_buttons([self.before, self.after])
        self.before.setChecked(True)
        return group

    # --- state ---------------------------------------------------------------------------------------

    def chosen_purposes(self) -> list[str]:
        keys = []
        for row in range(self.purpose_list.count()):
            item = self.purpose_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(str(item.data(PURPOSE_KEY_ROLE)))
        return keys

    def offered_purposes(self) -> list[str]:
        return [str(self.purpose_list.item(row).data(PURPOSE_KEY_ROLE)) for row in range(self.purpose_list.count())]

    def set_purpose_checked(self, key: str, checked: bool = True) -> None:
        for row in range(self.purpose_list.count()):
            item = self.purpose_list.item(row)
            if item.data(PURPOSE_KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    @property
    def notice(self) -> RenderedNotice:
        assert self._notice is not None
        return self._notice

    def _on_purposes_changed(self, _item: QListWidgetItem) -> None:
        self._show_notice()
        self._update_ok()

    def _on_source_kind(self, other: bool) -> None:
        self.source_name.setEnabled(other)
        self.source_reason.setEnabled(other)
        self._update_ok()

    def _show_notice(self) -> None:
        language = str(self.language_combo.currentData() or "en")
        notice = self._session.collection_notice(language, self.chosen_purposes())
        self._notice = notice
        text = notice.text
        self.notice_text.setPlainText(text)
        self.notice_text.setAccessibleDescription(text)  # a screen reader reads the whole notice
        self.version_label.setText(self.tr("Notice version {version}").format(version=notice.version))
        self.review_note.setVisible(notice.review_needed)

    def _source(self) -> Source | None:
        """The source, or None with the reason shown in ``problem`` when it is incomplete."""
        if not self.from_other.isChecked():
            return Source.person()
        if not self.source_name.text().strip() or not self.source_reason.text().strip():
            self.problem.setText(self.tr("Give the source's name and why the information did not come from the "
                                         "person."))
            return None
        try:
            return Source.other(self.source_name.text(), self.source_reason.text())
        except SourceError:
            self.problem.setText(self.tr("The source's name and reason may be at most 300 characters each, "
                                         "with no characters that cannot be stored."))
            return None

    def _update_ok(self) -> None:
        if not hasattr(self, "ok_button"):
            return  # still building
        self.problem.setText("")
        ready = bool(self.chosen_purposes())
        if not ready:
            self.problem.setText(self.tr("Choose at least one purpose: no purpose, no save."))
        else:
            ready = self._source() is not None
        self.problem.setVisible(bool(self.problem.text()))
        self.ok_button.setEnabled(ready)

    def collection(self) -> Collection:
        """What the worker recorded, with the notice given now (UTC)."""
        source = self._source()
        purposes = self.chosen_purposes()
        if source is None or not purposes:
            raise ValueError("the collection step is not complete")
        notice = self.notice
        timing = NoticeTiming.AFTER if self.after.isChecked() else NoticeTiming.BEFORE
        return Collection(frozenset(purposes), source,
                          NoticeGiven(notice.version, notice.language, notice.hash, timing, dt.datetime.now(dt.UTC)))

    def accept(self) -> None:
        self._update_ok()
        if not self.ok_button.isEnabled():
            return
        super().accept()
