"""The Verify tab: check the audit log in the background and say, in the tab, whether it is intact — or which
entry is the first altered one — and list the signed checkpoints that anchor it.

Each checkpoint shows its signing key as the 20-digit fingerprint a device card shows (the same key id, from
the raw Ed25519 key), so a reviewer can compare it with the device's card or another device's; a key that is
not this device's is said so plainly. Verification itself is ``session.verify_audit`` (through
ui/verify_log.py's task and words); this panel decides nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.audit import Checkpoint, Verification
from tiaki.core.canonical import fingerprint, key_id_for
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_buttons, read_only_rows, readable_headers
from tiaki.ui.colours import show_as_error
from tiaki.ui.labels import local_time
from tiaki.ui.messages import store_error_text
from tiaki.ui.tasks import BackgroundTask, TaskCancelled
from tiaki.ui.verify_log import failure_text, verification_text, verify_task

COL_SEQ, COL_AT, COL_KEY, COL_DEVICE = range(4)


def checkpoint_fingerprint(checkpoint: Checkpoint) -> str:
    """The signing key's fingerprint, as the device's sender card shows it (core.cards.sender_key_id)."""
    try:
        return fingerprint(key_id_for(b"tiaki-sender", bytes.fromhex(checkpoint.public_key)))
    except ValueError:
        return "?"


class VerifyPanel(QWidget):
    finished = Signal(object)  # the Verification, or None when cancelled or failed

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.task: BackgroundTask | None = None
        self.result: Verification | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Check that no entry of this device's audit log has been changed, removed or added "
                               "since it was written, and that the log still matches its signed checkpoints."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Verify &log"), self)
        self.verify_button.clicked.connect(self.verify)
        self.cancel_button = QPushButton(self.tr("S&top"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        name_buttons([self.verify_button, self.cancel_button])
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Verification progress"))
        self.progress.hide()
        row.addWidget(self.verify_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        layout.addLayout(row)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Verification result"))
        self.result_label.setMinimumHeight(self.result_label.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.result_label)
        self.table_label = QLabel(self.tr("&Signed checkpoints:"), self)
        layout.addWidget(self.table_label)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Sequence"), self.tr("Signed at"),
                                              self.tr("Signing key fingerprint"), self.tr("Key")])
        read_only_rows(self.table, self.tr("Signed checkpoints"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        self.table_label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        self.refresh_checkpoints()

    # --- checkpoints ---------------------------------------------------------------------------------

    def refresh_checkpoints(self) -> None:
        try:
            checkpoints = self._session.checkpoints()
        except (StoreError, PermissionError) as exc:
            self.table.setRowCount(0)
            self.table_label.setText(self.tr("Signed checkpoints: {problem}").format(problem=store_error_text(exc)))
            return
        mine = self._session.audit.public_key_hex
        self.table.setRowCount(len(checkpoints))
        for row, cp in enumerate(sorted(checkpoints, key=lambda c: c.seq, reverse=True)):
            this_device = cp.public_key == mine
            cells = (str(cp.seq), local_time(cp.at), checkpoint_fingerprint(cp),
                     self.tr("This device's key") if this_device else self.tr("Another key (not this device's)"))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table_label.setText(self.tr("&Signed checkpoints ({count}), newest first:").format(
            count=len(checkpoints)))

    def checkpoint_rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (for tests and screen-reader summaries)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))  # type: ignore[union-attr]
                for r in range(self.table.rowCount())]

    # --- verifying -----------------------------------------------------------------------------------

    def verify(self) -> BackgroundTask | None:
        if self.task is not None:
            return None
        self.result = None
        self.task = verify_task(self._session, self)
        self.task.progress.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self._set_busy(True)
        self._show_failure(False)
        self.result_label.setText(self.tr("Checking every entry of the audit log…"))
        return self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _set_busy(self, busy: bool) -> None:
        self.verify_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        (self.cancel_button if busy else self.verify_button).setFocus()

    def _show_failure(self, failed: bool, *, bold: bool = False) -> None:
        """The result in a readable red (and bold for an altered log), or as plain text."""
        show_as_error(self.result_label, failed)
        font = self.result_label.font()
        font.setBold(failed and bold)
        self.result_label.setFont(font)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _finished(self, result: Verification) -> None:
        self.task = None
        self._set_busy(False)
        self.result = result
        self._show_failure(not result.intact, bold=True)
        self.result_label.setText(verification_text(result))
        self.refresh_checkpoints()
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, TaskCancelled):
            self.result_label.setText(self.tr("Verification stopped before the end; nothing was concluded."))
        elif self._session.is_open:
            self._show_failure(True)
            self.result_label.setText(failure_text(exc))
        self.finished.emit(None)
