"""The review queue: disclosures a supervisor or privacy officer must look at (serious-threat overrides, no
receipt after a week, under an agreement that has since expired, revocations not acknowledged), and the
Decide… dialog that records "accepted" or "rejected" with a comment.

The queue and the rules are the store's (``session.reviews``): it refuses a reviewer's own disclosure whatever
this panel shows, and records each decision with its audit entry in one transaction. The panel only says ahead
of time why the Decide button is off for one's own disclosure, and shows the store's refusal if it comes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.review import MAX_COMMENT, REVIEW_KINDS, ReviewError, ReviewItem
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import ok_cancel_buttons, problem_label, read_only_rows, readable_headers
from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_time, purpose_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.review_dashboard import kind_label

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the ReviewItem
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
COL_KIND, COL_AT, COL_PARTNER, COL_WORKER, COL_PURPOSE, COL_FACT = range(6)
HEADERS = (QT_TRANSLATE_NOOP("ReviewItemModel", "Kind"), QT_TRANSLATE_NOOP("ReviewItemModel", "When"),
           QT_TRANSLATE_NOOP("ReviewItemModel", "Partner"), QT_TRANSLATE_NOOP("ReviewItemModel", "Worker"),
           QT_TRANSLATE_NOOP("ReviewItemModel", "Purpose"), QT_TRANSLATE_NOOP("ReviewItemModel", "Why it is here"))

REVIEW_ERROR_TEXT: Mapping[str, str] = {
    "decision": QT_TRANSLATE_NOOP("ReviewPanel", "Choose whether the disclosure is accepted or rejected."),
    "comment": QT_TRANSLATE_NOOP("ReviewPanel", "Write a comment saying why (at most {max} characters)."),
    "item": QT_TRANSLATE_NOOP("ReviewPanel", "This item is no longer in the review queue."),
    "already_reviewed": QT_TRANSLATE_NOOP("ReviewPanel", "This item has already been reviewed."),
}


def _tr(context: str, text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP (lupdate does not see a literal passed to this function)."""
    return QCoreApplication.translate(context, text)


def fact_text(item: ReviewItem) -> str:
    """The item's short fact in words: 'days:12', 'agreement:<id>:expired:<date>'; any other code as it is."""
    parts = item.detail.split(":")
    if parts[0] == "days" and len(parts) == 2 and parts[1].isdigit():
        return QCoreApplication.translate("ReviewItemModel", "No receipt after {days} days").format(days=parts[1])
    if parts[0] == "agreement" and len(parts) >= 4 and parts[2] == "expired":
        return QCoreApplication.translate("ReviewItemModel", "Agreement ended on {date}").format(
            date=":".join(parts[3:])[:10])
    if item.kind == "override":
        return QCoreApplication.translate("ReviewItemModel", "Shared under a serious-threat override")
    if item.kind == "unacked_revocation":
        return QCoreApplication.translate("ReviewItemModel", "The partner has not confirmed the withdrawal")
    return item.detail


def review_error_text(exc: BaseException) -> str:
    if isinstance(exc, ReviewError) and exc.code in REVIEW_ERROR_TEXT:
        return _tr("ReviewPanel", REVIEW_ERROR_TEXT[exc.code]).format(max=MAX_COMMENT)
    return store_error_text(exc)


class ReviewItemModel(QAbstractTableModel):
    """The undecided review items, one per row, as the store listed them (oldest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[ReviewItem] = []

    def set_items(self, items: Sequence[ReviewItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ReviewItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _tr("ReviewItemModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return item.at.isoformat() if column == COL_AT else self.data(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_KIND:
                return kind_label(item.kind)
            if column == COL_AT:
                return local_time(item.at.isoformat())
            if column == COL_PARTNER:
                return item.partner_name
            if column == COL_WORKER:
                return item.worker_name
            if column == COL_PURPOSE:
                return purpose_label(item.purpose) if item.purpose else ""
            if column == COL_FACT:
                return fact_text(item)
        return None


class DecideDialog(QDialog):
    """Accepted or rejected, and a comment (required, at most MAX_COMMENT characters). ``submit`` records it
    and returns None, or returns the problem to show (the dialog then stays open)."""

    def __init__(self, item: ReviewItem, submit: Callable[[str, str], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._submit = submit
        self.setWindowTitle(self.tr("Decide on a disclosure"))
        self.setAccessibleName(self.tr("Decide on a disclosure"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("{kind}: {partner}, {when}, shared by {worker}. {fact}.").format(
            kind=kind_label(item.kind), partner=item.partner_name, when=local_time(item.at.isoformat()),
            worker=item.worker_name, fact=fact_text(item)), self)
        about.setWordWrap(True)
        about.setAccessibleName(self.tr("The disclosure"))
        layout.addWidget(about)
        row = QHBoxLayout()
        self.accepted_choice = QRadioButton(self.tr("&Accepted: the disclosure was justified"), self)
        self.rejected_choice = QRadioButton(self.tr("&Rejected: it should not have happened"), self)
        self.choices = QButtonGroup(self)
        for button in (self.accepted_choice, self.rejected_choice):
            button.setAccessibleName(button.text().replace("&", ""))
            self.choices.addButton(button)
            row.addWidget(button)
        layout.addLayout(row)
        form = QFormLayout()
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("Why? Say what you checked and what follows (required)."))
        comment_label = QLabel(self.tr("&Comment:"), self)
        comment_label.setBuddy(self.comment)
        form.addRow(comment_label, self.comment)
        layout.addLayout(form)
        self.length = QLabel(self)
        self.length.setAccessibleName(self.tr("Comment length"))
        layout.addWidget(self.length)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("Record &decision"))
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self.record)
        self.ok_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.choices.buttonToggled.connect(lambda *_: self._update())
        self.comment.textChanged.connect(self._update)
        self._update()
        self.accepted_choice.setFocus()

    def decision(self) -> str | None:
        if self.accepted_choice.isChecked():
            return "accepted"
        if self.rejected_choice.isChecked():
            return "rejected"
        return None

    def _update(self) -> None:
        text = self.comment.toPlainText().strip()
        self.length.setText(self.tr("{count} of at most {max} characters").format(count=len(text), max=MAX_COMMENT))
        self.ok_button.setEnabled(self.decision() is not None and 0 < len(text) <= MAX_COMMENT)

    def record(self) -> None:
        decision = self.decision()
        if decision is None or not self.ok_button.isEnabled():
            return
        problem = self._submit(decision, self.comment.toPlainText())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


class ReviewPanel(QWidget):
    counts_changed = Signal(dict)  # kind -> undecided items, every REVIEW_KINDS key
    decided = Signal(object)  # the ReviewRecord

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._items: list[ReviewItem] = []
        self.dialog: DecideDialog | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Disclosures to look at. Record for each whether it was justified, with a comment; "
                               "no one can review a disclosure they made themselves."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Show"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in REVIEW_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        kind_caption = QLabel(self.tr("Sho&w:"), self)
        kind_caption.setBuddy(self.kind)
        top.addWidget(kind_caption)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = ReviewItemModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, self.tr("Disclosures to review"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        layout.addWidget(self.table, 1)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why you cannot decide"))
        self.reason.hide()
        layout.addWidget(self.reason)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Review status"))
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.decide_button = QPushButton(self.tr("&Decide…"), self)
        self.decide_button.setAccessibleName(self.tr("Decide"))
        self.decide_button.clicked.connect(self.decide)
        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.decide_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._show)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.activated.connect(lambda _index: self.decide())
        self._selection_changed()

    # --- the list ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the queue again; ``counts_changed`` follows."""
        self.problem.hide()
        try:
            self._items = self._session.reviews.items()
        except (StoreError, PermissionError) as exc:
            self._items = []
            self.problem.setText(store_error_text(exc))
            self.problem.show()
        self._show()
        counts = Counter(item.kind for item in self._items)
        self.counts_changed.emit({kind: counts.get(kind, 0) for kind in REVIEW_KINDS})

    def show_kind(self, kind: str | None) -> None:
        """Show only items of ``kind`` (None: all of them)."""
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0) if kind else 0)
        self._show()

    def _show(self) -> None:
        kind = self.kind.currentData()
        self.model.set_items([i for i in self._items if kind is None or i.kind == kind])
        if self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def current_item(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        item = self.current_item()
        own = item is not None and item.worker_id == self._session.worker.id
        self.decide_button.setEnabled(item is not None and not own)
        self.reason.setVisible(own)
        if own:
            self.reason.setText(self.tr("You made this disclosure yourself, so another supervisor or privacy "
                                        "officer must review it."))
        self.status.setText(self.tr("{count} item(s) shown.").format(count=self.model.rowCount()))

    # --- deciding ------------------------------------------------------------------------------------

    def decide(self) -> DecideDialog | None:
        item = self.current_item()
        if item is None or not self.decide_button.isEnabled():
            return None
        self.dialog = DecideDialog(item, lambda decision, comment: self._record(item, decision, comment), self)
        self.dialog.finished.connect(lambda _result: self.table.setFocus())
        self.dialog.open()
        return self.dialog

    def _record(self, item: ReviewItem, decision: str, comment: str) -> str | None:
        try:
            record = self._session.reviews.decide(item.id, decision, comment)
        except (ReviewError, StoreError, PermissionError) as exc:
            if isinstance(exc, ReviewError) and exc.code in ("item", "already_reviewed"):
                self.refresh()
            return review_error_text(exc)
        self.refresh()
        self.status.setText(self.tr("Decision recorded: {kind}, {partner}. {count} item(s) shown.").format(
            kind=kind_label(item.kind), partner=item.partner_name, count=self.model.rowCount()))
        self.decided.emit(record)
        return None
