"""Verify the audit chain in the background, with progress and a plain result.

Tools → Verify log… runs ``VerifyLogRun`` (a progress dialog, then a message box); the Verify tab of the sharing
history (ui/verify_panel.py) shows the same words inline through ``verification_text``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from tiaki.core.audit import Verification
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_buttons
from tiaki.ui.labels import QT_TRANSLATE_NOOP
from tiaki.ui.messages import store_error_text
from tiaki.ui.tasks import BackgroundTask, TaskCancelled


def verification_text(result: Verification) -> str:
    """The result in plain words: how much was checked, or the first bad entry and what to do."""
    if result.intact:
        return _tr(QT_TRANSLATE_NOOP("VerifyLogRun", "The audit log is intact: {entries} entries checked, "
                                     "{checkpoints} signed checkpoint(s) match.")).format(
            entries=result.entries, checkpoints=result.checkpoints)
    problem = result.problem.describe() if result.problem else ""
    return _tr(QT_TRANSLATE_NOOP("VerifyLogRun", "The audit log has been altered. The first bad entry: {problem}. "
                                 "Tell your privacy officer; do not change anything else.")).format(problem=problem)


def failure_text(exc: BaseException) -> str:
    return _tr(QT_TRANSLATE_NOOP("VerifyLogRun", "The log could not be checked: {problem}")).format(
        problem=store_error_text(exc))


def verify_task(session: Session, parent: QObject) -> BackgroundTask:
    """A task (not yet started) that checks the whole chain and its signed checkpoints, with progress."""

    def work(report: Callable[[int, int], None]) -> Verification:
        return session.verify_audit(report)

    return BackgroundTask(work, parent)


def _tr(text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP (lupdate does not see a literal passed to this function)."""
    return QCoreApplication.translate("VerifyLogRun", text)


class VerifyLogRun(QObject):
    """One verification: a progress dialog while it runs, then a message box with the result."""

    done = Signal(object)  # the Verification, or None when cancelled or failed

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self.result_box: QMessageBox | None = None
        self.progress = QProgressDialog(self.tr("Checking every entry of the audit log…"), self.tr("Cancel"), 0, 0,
                                        parent)
        self.progress.setWindowTitle(self.tr("Verify log"))
        self.progress.setAccessibleName(self.tr("Verifying the audit log"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

        self.task = verify_task(session, self)
        self.task.progress.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)

    def start(self) -> None:
        self.task.start()

    def cancel(self) -> None:
        self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    def _finished(self, result: Verification) -> None:
        self.progress.close()
        icon = QMessageBox.Icon.Information if result.intact else QMessageBox.Icon.Critical
        self._show(icon, verification_text(result))
        self.done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress.close()
        if not isinstance(exc, TaskCancelled) and self._session.is_open:
            self._show(QMessageBox.Icon.Warning, failure_text(exc))
        self.done.emit(None)

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Verify log"), text, QMessageBox.StandardButton.Ok, self._parent)
        box.setAccessibleName(self.tr("Audit log result"))
        name_buttons(box.buttons())
        self.result_box = box
        box.open()
