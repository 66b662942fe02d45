"""The log's rules, enforced in one place (tiaki.logs), and the error outline it shares with the error report
(tiaki.error_report): listed lines only, arguments of their declared kind, exceptions as type and code frames,
files owner-only and rotated."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from tiaki import logs
from tiaki.error_report import build_report, display_path, outline, write_report

NAME = "Canarytest"
PHONE = "027 999 1234"


def _log_text(directory: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(directory.iterdir()))


def test_listed_lines_with_checked_arguments(tmp_path: Path) -> None:
    assert logs.setup(tmp_path) == tmp_path
    log = logging.getLogger("tiaki.store.session")
    log.info(logs.UNLOCK_REFUSED, 3)
    log.info(logs.COMMAND_STARTED, "cli_sync.cmd_sync")
    log.info(logs.SYNC_PARTNER, "0f8b5840-1dff-4d2a-9a1e-3c4b5d6e7f80", 2, 0, 0, 0, 1)
    text = _log_text(tmp_path)
    assert "unlock refused: wrong sign-in name or passphrase (failed attempts now: 3)" in text
    assert "command started: cli_sync.cmd_sync" in text
    assert "sync partner 0f8b5840-1dff-4d2a-9a1e-3c4b5d6e7f80: 2 acknowledged" in text
    assert f"started: Tiaki {logs.__version__}" in text
    assert " INFO tiaki.store.session: " in text


@pytest.mark.parametrize("kind, value", [
    (logs.COUNT, "12"), (logs.COUNT, True), (logs.ID, NAME), (logs.ID, "not-an-id"), (logs.VERSION, NAME),
    (logs.COMMAND, NAME), (logs.COMMAND, "cmd_x Canarytest"), (logs.PLATFORM, NAME), (logs.QT_CATEGORY, NAME),
    (logs.QT_PREFIX, NAME), (logs.CODE, NAME), (logs.CODE, 1234), (logs.VERSION, "1.2 Canarytest"),
])
def test_an_argument_of_the_wrong_kind_is_withheld(kind: logs.Kind, value: object) -> None:
    assert logs.render_argument(kind, value) == logs.WITHHELD


@pytest.mark.parametrize("kind, value, shown", [
    (logs.COUNT, 7, "7"), (logs.VERSION, "6.11.3", "6.11.3"), (logs.VERSION, "0.1.0.dev1", "0.1.0.dev1"),
    (logs.COMMAND, "gui", "gui"), (logs.COMMAND, "ui.self_check.cmd_self_check", "ui.self_check.cmd_self_check"),
    (logs.PLATFORM, "offscreen", "offscreen"), (logs.QT_CATEGORY, "qt.qpa.xcb", "qt.qpa.xcb"),
    (logs.QT_PREFIX, "QWidget::setLayout", "QWidget::setLayout"), (logs.CODE, ValueError, "ValueError"),
    (logs.CODE, logs.setup, "tiaki.logs.setup"), (logs.CODE, logs.Kind.ID, "Kind.ID"),
])
def test_an_argument_of_its_kind_is_shown(kind: logs.Kind, value: object, shown: str) -> None:
    assert logs.render_argument(kind, value) == shown


def test_misbehaving_call_sites_cannot_write_personal_text(tmp_path: Path) -> None:
    logs.setup(tmp_path)
    log = logging.getLogger("tiaki.store.clients")
    log.warning(f"saved {NAME} {PHONE}")  # not a listed line
    log.warning("saved %s", NAME)
    log.info(logs.UNLOCKED, NAME)  # wrong kind
    log.info(logs.MIGRATED, 1)  # too few arguments
    log.info(logs.LOCKED, PHONE)  # too many
    logging.getLogger(f"tiaki.{NAME.lower()}").info(logs.LOCKED)  # a logger named from data
    try:
        raise ValueError(f"invalid phone for {NAME}: {PHONE}")
    except ValueError as exc:
        log.error(logs.UNEXPECTED_ERROR, type(exc), exc_info=exc)
    text = _log_text(tmp_path)
    assert NAME not in text and NAME.lower() not in text and "999" not in text
    assert text.count("log line withheld: not one of Tiaki's listed lines (from tiaki.store.clients line") == 2
    assert "unlocked (failed attempts since the last unlock: <withheld>)" in text
    assert "store schema migrated from version <withheld> to <withheld>" in text
    assert "<withheld>: locked" in text
    assert "unexpected error in the window app: ValueError" in text
    assert "test_logs.py:" in text and "in test_misbehaving_call_sites_cannot_write_personal_text" in text


def test_the_log_rotates_and_stays_private(tmp_path: Path) -> None:
    directory = tmp_path / "logs"
    logs.setup(directory, max_bytes=4000, backups=2)
    log = logging.getLogger("tiaki.store.session")
    for count in range(400):  # about 40 kB: many times the limit
        log.info(logs.UNLOCK_REFUSED, count)
    logs.shutdown()
    names = sorted(p.name for p in directory.iterdir())
    assert names == ["tiaki.log", "tiaki.log.1", "tiaki.log.2"]
    for path in directory.iterdir():
        assert path.stat().st_size <= 4000
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    if os.name == "posix":
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert "(failed attempts now: 399)" in (directory / "tiaki.log").read_text(encoding="utf-8")


def test_a_rotation_that_cannot_happen_keeps_the_log_going(tmp_path: Path) -> None:
    directory = tmp_path / "logs"
    directory.mkdir()
    (directory / "tiaki.log.1").write_text("")
    (directory / "tiaki.log.2").mkdir()  # a name the rotation cannot take (a folder that is not empty)
    (directory / "tiaki.log.2" / "x").write_text("")
    logs.setup(directory, max_bytes=2000, backups=2)
    log = logging.getLogger("tiaki.store.session")
    for count in range(100):  # several times the limit
        log.info(logs.UNLOCK_REFUSED, count)
    logs.shutdown()
    text = (directory / "tiaki.log").read_text(encoding="utf-8")
    assert "(failed attempts now: 0)" in text and "(failed attempts now: 99)" in text, "no line was lost"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_log_with_wider_permissions_is_made_private(tmp_path: Path) -> None:
    (tmp_path / "tiaki.log").write_text("")
    os.chmod(tmp_path / "tiaki.log", 0o644)
    os.chmod(tmp_path, 0o755)
    logs.setup(tmp_path)
    assert stat.S_IMODE((tmp_path / "tiaki.log").stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_set_up_once_and_without_a_log_when_it_cannot_be_made(tmp_path: Path) -> None:
    assert logs.setup(tmp_path / "a") == tmp_path / "a"
    assert logs.setup(tmp_path / "b") == tmp_path / "a"
    assert not (tmp_path / "b").exists()
    logs.shutdown()
    (tmp_path / "file").write_text("")
    assert logs.setup(tmp_path / "file" / "logs") is None  # a file where the directory should be
    logging.getLogger("tiaki").info(logs.LOCKED)  # goes nowhere, raises nothing


def test_paths_under_home_and_the_users_name_are_hidden() -> None:
    assert display_path("/home/aroha/tiaki/ui/app.py", "/home/aroha") == "~/tiaki/ui/app.py"
    assert display_path("/home/aroha/tiaki/ui/app.py", "/home/aroha/") == "~/tiaki/ui/app.py"
    assert display_path("/media/aroha/USB/tiaki/app.py", "/home/aroha") == "/media/<user>/USB/tiaki/app.py"
    assert display_path("/opt/tiaki/app.py", "/home/aroha") == "/opt/tiaki/app.py"
    assert display_path("C:\\Users\\Aroha\\tiaki\\app.py", "C:\\Users\\Aroha") == "~\\tiaki\\app.py"
    assert display_path("D:\\aroha\\tiaki\\app.py", "C:\\Users\\Aroha") == "D:\\<user>\\tiaki\\app.py"
    assert display_path("<frozen runpy>", "/home/aroha") == "<frozen runpy>"
    assert display_path("/x/y.py", "") == "/x/y.py"


def _raise_nested() -> None:
    try:
        {}[f"{NAME} {PHONE}"]
    except KeyError as exc:
        raise RuntimeError(f"could not open {NAME}") from exc


def test_the_error_report_names_code_only(tmp_path: Path) -> None:
    here = str(Path(__file__).resolve().parent.parent)  # stands in for a home folder holding the code
    try:
        _raise_nested()
    except RuntimeError as exc:
        report = build_report(type(exc), exc, exc.__traceback__, app_version="0.1.0", python_version="3.11.7",
                              qt_version="6.11.3", platform_name="Linux-6.1-x86_64",
                              when=dt.datetime(2026, 5, 9, 10, 30, tzinfo=dt.UTC), home=here)
    assert NAME not in report and "999" not in report and here not in report
    assert "Tiaki: 0.1.0" in report and "Qt: 6.11.3" in report and "Time (UTC): 2026-05-09 10:30:00" in report
    lines = report.splitlines()
    assert "RuntimeError" in lines and "caused by: KeyError" in lines
    assert any(line.startswith("  ~/") and line.endswith("in _raise_nested") for line in lines)
    assert any(line.endswith("in test_the_error_report_names_code_only") for line in lines)
    write_report(tmp_path / "report.txt", report)
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == report
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == 0o600


def test_a_deep_recursion_keeps_its_ends() -> None:
    def down(n: int) -> None:
        if n == 0:
            raise ValueError(NAME)
        down(n - 1)

    try:
        down(200)
    except ValueError as exc:
        lines = outline(type(exc), exc, exc.__traceback__, "")
    assert len(lines) < 50
    assert any("frames left out" in line for line in lines)
    assert lines[-1].endswith("in test_a_deep_recursion_keeps_its_ends.<locals>.down")


def test_an_exception_group_lists_its_members() -> None:
    try:
        raise ExceptionGroup(NAME, [ValueError(NAME), KeyError(PHONE)])
    except ExceptionGroup as exc:
        lines = outline(type(exc), exc, exc.__traceback__, "")
    assert lines[0] == "ExceptionGroup"
    assert "in the group: ValueError" in lines and "in the group: KeyError" in lines
    assert not any(NAME in line or "999" in line for line in lines)


@pytest.mark.parametrize("message, prefix", [
    ("QWidget::setLayout: Attempting to set QLayout \"\" on Canarytest", "QWidget::setLayout"),
    ("QLayout: Attempting to add QLayout \"\" to QWidget \"\", which already has a layout", "QLayout"),
    ("QPainter::begin(): Returned false", "QPainter::begin()"),
    ("Canarytest Wharekura: 027 999 1234", "-"),
    ("This plugin does not support raise()", "-"),
])
def test_only_the_qt_class_of_a_qt_message_is_kept(message: str, prefix: str) -> None:
    assert logs.qt_message_prefix(message) == prefix
    assert logs.render_argument(logs.QT_PREFIX, logs.qt_message_prefix(message)) == prefix


def test_every_template_is_well_formed() -> None:
    for text, kinds in logs.EVENTS.items():
        assert text.count("%s") == len(kinds)
        assert text % tuple("x" for _ in kinds)
    assert sys.modules["tiaki.logs"] is logs


def test_every_command_name_can_be_logged() -> None:
    import argparse

    from tiaki import cli

    def runs(parser: argparse.ArgumentParser) -> list[object]:
        found = [parser.get_default("run")]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found += runs(sub)
        return found

    names = {cli._command_name(run) for run in runs(cli.build_parser())}  # type: ignore[arg-type]
    assert len(names) > 40
    assert [n for n in names if logs.render_argument(logs.COMMAND, n) == logs.WITHHELD] == []
