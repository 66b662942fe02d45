"""The unexpected-error dialog, and the hooks that log every uncaught error safely and then show it.

An error nobody caught (in a slot, an event handler, a thread) must neither lose the worker's unsaved work nor
leak a client's information. ``ErrorHandling`` replaces ``sys.excepthook`` and ``threading.excepthook``: the
error's type and code frames go to the log (``tiaki.logs``), and ``UnexpectedErrorDialog`` says that something
went wrong, that nothing was sent anywhere, and offers the report (``tiaki.error_report``: no message text, no
values, no home folder) to save or copy. The app keeps running, so open forms keep what was typed.

Qt's own messages go to the log as well, reduced to their type, category and the Qt class they start with
(``tiaki.logs.qt_message_prefix``): the rest of a Qt warning can quote a widget's text, such as a client's name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import platform
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6

import PySide6
from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, Signal, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tiaki import __version__, logs
from tiaki.error_report import build_report, home_folder, write_report
from tiaki.ui.accessibility import name_button_box

log = logging.getLogger(__name__)

_QT_LEVELS = {
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def error_report(kind: type[BaseException], exc: BaseException | None, tb: types.TracebackType | None) -> str:
    """The report for this error on this computer, now."""
    return build_report(kind, exc, tb, app_version=__version__, python_version=platform.python_version(),
                        qt_version=f"{qVersion()} (PySide6 {PySide6.__version__})",
                        platform_name=platform.platform(), when=dt.datetime.now(dt.UTC), home=home_folder())


class UnexpectedErrorDialog(QDialog):
    """Something went wrong; nothing was sent; the report, to save or copy; Close, and carry on."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.later_errors = 0
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setAccessibleName(self.tr("Something went wrong"))
        from PySide6.QtCore import Qt  # here, not at the top: Qt's namespace costs start-up 40 ms

        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr(
            "Tiaki ran into a problem it did not expect, and what you were doing may not have finished. Tiaki is "
            "still running and your windows are still open: check your work, and save it."), self)
        self.privacy = QLabel(self.tr(
            "Nothing was sent anywhere. The error report below holds no client information: only the kind of "
            "error and where in Tiaki's code it happened. You can save it or copy it for the people who "
            "support Tiaki."), self)
        for label in (self.summary, self.privacy):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.details = QPlainTextEdit(self)
        self.details.setPlainText(report)
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)  # Tab leaves the report for the buttons
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName(self.tr("Error report"))
        self.details.setAccessibleDescription(self.tr("The text that Save and Copy give; it has no client "
                                                      "information."))
        layout.addWidget(self.details, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("&Save error report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = buttons.addButton(self.tr("C&opy report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.ask_where_to_save)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        name_button_box(buttons)
        self.close_button.setDefault(True)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def another_error(self) -> None:
        """A later error while this dialog is open: counted here, in the log in full."""
        self.later_errors += 1
        self.status.setText(self.tr("Unexpected errors after this one: {count}. Each is in Tiaki's log.")
                            .format(count=self.later_errors))

    def ask_where_to_save(self) -> QFileDialog:
        """Ask for a file (without blocking the app); ``save_to`` writes it when the worker chooses one."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        suggested = Path(home_folder() or ".") / f"tiaki-error-report-{stamp}.txt"
        dialog = QFileDialog(self, self.tr("Save error report"), str(suggested), self.tr("Text files (*.txt)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("txt")
        dialog.setAccessibleName(self.tr("Save error report"))
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> bool:
        try:
            write_report(path, self.report)
        except OSError as exc:
            self.status.setText(self.tr("The report could not be saved ({reason}). Try another folder.")
                                .format(reason=exc.strerror or self.tr("system error")))
            return False
        self.status.setText(self.tr("Saved the report as {name}.").format(name=path.name))
        return True

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report)
        self.status.setText(self.tr("The report is on the clipboard."))


class ErrorHandling(QObject):
    """Installs the hooks for uncaught errors and Qt messages (``install``), and puts them back (``uninstall``)."""

    report_ready = Signal(str)  # emitted from any thread; the dialog is shown on the UI thread

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.dialog: UnexpectedErrorDialog | None = None
        self._connected = False  # report_ready to show_report, queued: made at the first error (see _deliver)
        self._connecting = threading.Lock()
        self._previous: tuple[Any, Any] | None = None
        self._previous_qt: QtMessageHandler | None = None
        self._showing = False

    def install(self) -> ErrorHandling:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.uncaught
        threading.excepthook = self.uncaught_in_thread
        self._previous_qt = qInstallMessageHandler(self.qt_message)
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            qInstallMessageHandler(self._previous_qt)
            self._previous = self._previous_qt = None

    def uncaught(self, kind: type[BaseException], exc: BaseException | None, tb: types.TracebackType | None) -> None:
        """``sys.excepthook``: log the error safely and show the dialog. Never raises: Python would then print
        both errors, message text included, to stderr."""
        if issubclass(kind, KeyboardInterrupt):
            return
        with contextlib.suppress(BaseException):
            log.error(logs.UNEXPECTED_ERROR, kind, exc_info=(kind, exc, tb) if exc is not None else None)
            self._deliver(error_report(kind, exc, tb))

    def uncaught_in_thread(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: as ``uncaught``, from a thread that is not the UI's."""
        if issubclass(args.exc_type, SystemExit):
            return
        with contextlib.suppress(BaseException):
            exc = args.exc_value
            log.error(logs.UNEXPECTED_THREAD_ERROR, args.exc_type,
                      exc_info=(args.exc_type, exc, args.exc_traceback) if exc is not None else None)
            self._deliver(error_report(args.exc_type, args.exc_value, args.exc_traceback))

    def _deliver(self, report: str) -> None:
        """Hand the report to the UI thread, always queued (so never shown from inside the failing call). The
        connection is made at the first error, not at start: naming its type imports Qt's namespace, which
        would cost every start 40 ms."""
        with self._connecting:
            if not self._connected:
                from PySide6.QtCore import Qt

                self.report_ready.connect(self.show_report, Qt.ConnectionType.QueuedConnection)
                self._connected = True
        self.report_ready.emit(report)

    def show_report(self, report: str) -> UnexpectedErrorDialog | None:
        """Show the report, or count it in the dialog already showing. The dialog has no parent, so closing or
        locking a window cannot delete it under us; and nothing here may raise, or the hook would feed itself."""
        if self._showing:
            return None
        self._showing = True
        try:
            current = self.dialog if self.dialog is not None and shiboken6.isValid(self.dialog) else None
            if current is not None and current.isVisible():
                current.another_error()
                return current
            if current is not None:
                current.deleteLater()
            dialog = UnexpectedErrorDialog(report, None)
            self.dialog = dialog
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        except Exception as exc:  # showing the dialog failed: the error is in the log already; say that, once
            with contextlib.suppress(BaseException):
                log.error(logs.UNEXPECTED_ERROR, type(exc), exc_info=exc)
            return None
        finally:
            self._showing = False

    def qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        """Qt's warnings and errors to the log without their text (debug and info messages are dropped)."""
        level = _QT_LEVELS.get(mode)
        if level is not None:
            log.log(level, logs.QT_MESSAGE, mode, context.category or "default", logs.qt_message_prefix(message))
        if self._previous_qt is not None:  # a handler installed before ours (pytest-qt's in tests)
            self._previous_qt(mode, context, message)
