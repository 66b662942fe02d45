"""The review dashboard: how many disclosures wait for a supervisor, by kind, each a button that opens the
review queue filtered to that kind. It shows counts it is given (``ReviewQueue.counts``); it asks nothing."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from tiaki.core.review import NO_RECEIPT_DAYS, REVIEW_KINDS
from tiaki.ui.labels import QT_TRANSLATE_NOOP

CONTEXT = "ReviewDashboard"

# The four kinds of core.review.REVIEW_KINDS, in that order, as the dashboard and the queue name them.
KIND_TEXT: Mapping[str, str] = {
    "override": QT_TRANSLATE_NOOP("ReviewDashboard", "Overrides awaiting review"),
    "no_receipt": QT_TRANSLATE_NOOP("ReviewDashboard", "No receipt after {days} days"),
    "expired_agreement": QT_TRANSLATE_NOOP("ReviewDashboard", "Under an expired agreement"),
    "unacked_revocation": QT_TRANSLATE_NOOP("ReviewDashboard", "Revocations not acknowledged"),
}
BUTTON_TEXT: Mapping[str, str] = {
    "override": QT_TRANSLATE_NOOP("ReviewDashboard", "&Overrides awaiting review: {count}"),
    "no_receipt": QT_TRANSLATE_NOOP("ReviewDashboard", "No rece&ipt after {days} days: {count}"),
    "expired_agreement": QT_TRANSLATE_NOOP("ReviewDashboard", "Under an e&xpired agreement: {count}"),
    "unacked_revocation": QT_TRANSLATE_NOOP("ReviewDashboard", "Revocations not ac&knowledged: {count}"),
}
ATTENTION_STYLE = "font-weight: bold;"


def kind_label(kind: str) -> str:
    text = KIND_TEXT.get(kind)
    return QCoreApplication.translate(CONTEXT, text).format(days=NO_RECEIPT_DAYS) if text else kind


class ReviewDashboard(QWidget):
    """Four count buttons; pressing one emits ``kind_chosen`` with its kind."""

    kind_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {kind: 0 for kind in REVIEW_KINDS}
        layout = QGridLayout(self)  # two by two: four long labels in one row need more than a 200% screen has
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("To review:"), self)
        layout.addWidget(self.heading, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for index, kind in enumerate(REVIEW_KINDS):
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, k=kind: self.kind_chosen.emit(k))
            self.buttons[kind] = button
            layout.addWidget(button, index // 2, 1 + index % 2)
        layout.setColumnStretch(3, 1)
        self.setAccessibleName(self.tr("Review dashboard"))
        self.set_counts({})

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Show these counts; a kind that is missing counts as none."""
        self.counts = {kind: int(counts.get(kind, 0)) for kind in REVIEW_KINDS}
        for kind, button in self.buttons.items():
            count = self.counts[kind]
            text = QCoreApplication.translate(CONTEXT, BUTTON_TEXT[kind])
            button.setText(text.format(count=count, days=NO_RECEIPT_DAYS))
            button.setAccessibleName(f"{kind_label(kind)}: {count}")
            button.setToolTip(self.tr("Open the review queue showing only these"))
            button.setStyleSheet(ATTENTION_STYLE if count else "")
