"""The sync window: each partner's queue (waiting, sent, delivered, stopped), the last and next attempt, the
last problem, and "Sync now" with progress. Sync itself runs in the background (``SyncController``); this
window only shows it, so closing it stops nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_button_box, name_buttons, read_only_rows, readable_headers
from tiaki.ui.messages import store_error_text
from tiaki.ui.sync_controller import SyncController
from tiaki.ui.sync_models import PartnerStatusModel, partner_summary


def online_text(online: bool | None) -> str:
    if online is None:
        return QCoreApplication.translate("SyncDialog", "Network: unknown — Tiaki tries on its schedule")
    if online:
        return QCoreApplication.translate("SyncDialog", "Online")
    return QCoreApplication.translate(
        "SyncDialog", "Offline — shares wait safely on this device until a connection returns")


def report_text(report: Any) -> str:
    """One line per partner, as ``tiaki sync --once`` prints them."""
    if report is None:
        return ""
    lines = [partner_summary(p) for p in report.partners]
    if not lines:
        return QCoreApplication.translate("SyncDialog", "Nothing to send: no partner is enrolled for sending.")
    return "\n".join(lines)


class SyncDialog(QDialog):
    def __init__(self, session: Session, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._controller = controller
        self.setWindowTitle(self.tr("Sync with partners"))
        self.setAccessibleName(self.tr("Sync with partners"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        self.network = QLabel(self)
        self.network.setAccessibleName(self.tr("Network status"))
        layout.addWidget(self.network)
        self.model = PartnerStatusModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, self.tr("Partners and their queues"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        layout.addWidget(self.table, 1)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Result of the last sync"))
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setFormat(self.tr("%v of %m messages"))
        self.progress.hide()
        self.sync_button = QPushButton(self.tr("&Sync now"), self)
        self.sync_button.clicked.connect(self.sync_now)
        name_buttons([self.sync_button])
        row.addWidget(self.progress, 1)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        layout.addWidget(buttons)

        controller.started.connect(self._on_started)
        controller.progress.connect(self._on_progress)
        controller.finished.connect(self._on_finished)
        controller.failed.connect(self._on_failed)
        controller.online_changed.connect(self._show_network)
        self._show_network(controller.online)
        self.outcome.setText(report_text(controller.last_report))
        self.sync_button.setEnabled(not controller.running)
        self.refresh()
        self.sync_button.setFocus()

    def refresh(self) -> None:
        try:
            self.model.set_rows(self._session.outbox.partner_status())
        except StoreError as exc:
            self.outcome.setText(store_error_text(exc))

    def _show_network(self, online: object) -> None:
        self.network.setText(online_text(online if isinstance(online, bool) else None))

    def sync_now(self) -> None:
        if not self._controller.sync_now():
            self.outcome.setText(self.tr("A sync is already running."))

    def _on_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.outcome.setText(self.tr("Syncing…"))

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_finished(self, report: object) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.outcome.setText(report_text(report))
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.outcome.setText(message)
        self.refresh()
