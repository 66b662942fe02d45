"""The unexpected-error dialog through the real hooks: an error raised in a slot (or on a thread) is logged
without its message, the dialog says so and offers the report — saved through the file dialog, copied — with no
client information, and the worker's unsaved form is still there afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from gui_support import type_text

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tiaki import logs
from tiaki.store.session import Session
from tiaki.ui.client_form import ClientForm
from tiaki.ui.error_dialog import ErrorHandling, UnexpectedErrorDialog
from tiaki.ui.main_window import MainWindow

GIVEN, FAMILY, PHONE = "Canarytest", "Wharekura", "027 999 1234"
CANARIES = (GIVEN, FAMILY, PHONE, "999 1234")


@contextmanager
def handling_errors(app: QApplication, log_dir: Path) -> Iterator[ErrorHandling]:
    """The app's error hooks, installed inside the test (pytest-qt puts its own in place for each phase)."""
    logs.setup(log_dir)
    handling = ErrorHandling(app).install()
    try:
        yield handling
    finally:
        handling.uninstall()
        if handling.dialog is not None:
            handling.dialog.close()
            handling.dialog.deleteLater()


def _shown_dialog(qtbot, handling: ErrorHandling) -> UnexpectedErrorDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: handling.dialog is not None and handling.dialog.isVisible(), timeout=20_000)
    assert handling.dialog is not None
    return handling.dialog


def _no_canary(text: str) -> None:
    found = [c for c in CANARIES if c.casefold() in text.casefold()]
    assert found == [], found


def _log_text(log_dir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(log_dir.iterdir()))


def _boom() -> None:
    raise ValueError(f"cannot save {GIVEN} {FAMILY} ({PHONE})")


def test_an_error_in_a_slot_shows_the_dialog_and_the_work_stays(
        qtbot, qapp, session: Session, make_desktop, tmp_path: Path,  # type: ignore[no-untyped-def]
        accessibility: Callable[[QWidget], list[str]]) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    assert isinstance(main, MainWindow)
    main.new_client_action.trigger()
    form = main.new_forms[-1]
    assert isinstance(form, ClientForm)
    type_text(qtbot, form.editors["given_name"].widget, GIVEN)
    type_text(qtbot, form.editors["phone"].widget, PHONE)
    log_dir = tmp_path / "logs"
    with handling_errors(qapp, log_dir) as handling:
        QTimer.singleShot(0, _boom)  # a slot that raises, as a bug in any handler would
        dialog = _shown_dialog(qtbot, handling)
        assert dialog.windowTitle() == "Something went wrong"
        assert "Nothing was sent anywhere" in dialog.privacy.text()
        assert accessibility(dialog) == []
        assert dialog.close_button.isDefault()
        report = dialog.report
        _no_canary(report)
        assert dialog.details.toPlainText() == report
        assert "ValueError" in report.splitlines() and report.rstrip().endswith("in _boom")

        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        file_dialog = dialog.file_dialog
        assert file_dialog is not None
        qtbot.waitUntil(file_dialog.isVisible)
        assert file_dialog.accessibleName() == "Save error report"
        target = tmp_path / "saved" / "error-report.txt"
        target.parent.mkdir()
        file_dialog.selectFile(str(target))
        file_dialog.accept()
        qtbot.waitUntil(target.exists)
        assert target.read_text(encoding="utf-8") == report
        assert dialog.status.text() == "Saved the report as error-report.txt."

        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        assert QApplication.clipboard().text() == report
        assert dialog.status.text() == "The report is on the clipboard."

        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # keyboard: Escape closes, as Close does
        assert not dialog.isVisible()

    assert main.isVisible() and form.isVisible(), "the app carries on after an unexpected error"
    assert form.editors["given_name"].widget.text() == GIVEN, "the worker's unsaved input is still there"
    text = _log_text(log_dir)
    _no_canary(text)
    assert "ERROR tiaki.ui.error_dialog: unexpected error in the window app: ValueError" in text
    assert "test_error_dialog.py:" in text and "in _boom" in text


def test_an_error_on_a_thread_and_a_second_error_while_the_dialog_is_open(
        qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log_dir = tmp_path / "logs"
    with handling_errors(qapp, log_dir) as handling:
        worker = threading.Thread(target=_boom)
        worker.start()
        worker.join()
        dialog = _shown_dialog(qtbot, handling)
        _no_canary(dialog.report)
        assert "in _boom" in dialog.report
        QTimer.singleShot(0, _boom)
        qtbot.waitUntil(lambda: dialog.later_errors == 1)
        assert handling.dialog is dialog, "one dialog at a time"
        assert dialog.status.text() == "Unexpected errors after this one: 1. Each is in Tiaki's log."
    text = _log_text(log_dir)
    _no_canary(text)
    assert "unexpected error on a background thread: ValueError" in text
    assert "unexpected error in the window app: ValueError" in text


def test_a_window_closed_after_an_error_does_not_take_the_next_report_with_it(
        qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The dialog belongs to no window: locking (which deletes every window's children) or closing a record
    between two errors must not leave the handler holding a deleted dialog (it would feed itself for ever)."""
    window = QWidget()
    window.show()
    window.activateWindow()
    with handling_errors(qapp, log_dir=tmp_path / "logs") as handling:
        QTimer.singleShot(0, _boom)
        first = _shown_dialog(qtbot, handling)
        first.close()
        window.deleteLater()  # as lock_down does with a record's window
        qtbot.waitUntil(lambda: not shiboken6.isValid(window))
        shown = []
        handling.report_ready.connect(shown.append)
        QTimer.singleShot(0, _boom)
        qtbot.waitUntil(lambda: handling.dialog is not first and handling.dialog is not None
                        and handling.dialog.isVisible())
        qtbot.wait(200)
        assert len(shown) == 1, "one error, one report"
        handling.dialog.close()


def test_a_report_that_cannot_be_written_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = UnexpectedErrorDialog("report")
    qtbot.addWidget(dialog)
    assert not dialog.save_to(tmp_path / "missing" / "report.txt")
    assert dialog.status.text().startswith("The report could not be saved (")


@pytest.mark.qt_log_ignore("Canarytest")  # the two messages this test emits on purpose
def test_qt_messages_are_logged_without_their_text(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import qCritical

    log_dir = tmp_path / "logs"
    with handling_errors(qapp, log_dir):
        qCritical(f"QWidget::setWindowTitle: {GIVEN} {FAMILY} {PHONE}")
        qCritical(f"{GIVEN} was typed into a widget")
    text = _log_text(log_dir)
    _no_canary(text)
    assert "ERROR tiaki.ui.error_dialog: Qt QtMsgType.QtCriticalMsg, category default: QWidget::setWindowTitle" in text
    assert "category default: - (the rest of Qt's text is not logged)" in text


def test_a_failed_background_task_is_logged_without_its_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tiaki.store.errors import WrongPassphrase
    from tiaki.ui.tasks import BackgroundTask

    def refused() -> None:
        raise WrongPassphrase

    logs.setup(tmp_path / "logs")
    for fn in (_boom, refused):
        task = BackgroundTask(fn)
        with qtbot.waitSignal(task.failed, timeout=20_000):
            task.start()
    text = _log_text(tmp_path / "logs")
    _no_canary(text)
    assert "WARNING tiaki.ui.tasks: background task failed: ValueError" in text and "in _boom" in text
    assert "WrongPassphrase" not in text, "an error the window explains in words is not an unexpected one"
