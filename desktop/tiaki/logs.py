"""Tiaki's log: what happened, never about whom.

The log lives in the platform's log directory (``tiaki.paths.log_dir``, or ``TIAKI_LOG_DIR``), owner-only
(directory 0700, files 0600), rotated at 1 MB with five old files kept. ``setup`` runs once when ``tiaki``
starts (the app and every command).

What may be logged is decided here, not at each call site. A line's text must be one of the templates below
(``EVENTS``), and each argument must be of the ``Kind`` its template declares: a whole number, a random id,
code (a class, function or enum member, written as its qualified name), or a string of a shape no person's
name has (a version number, a command function's name, a Qt category or class) or from a fixed list.

``SafeFormatter`` renders every record that way: text that is not a listed template is replaced by the place
in the code that logged it; an argument of the wrong kind by ``<withheld>``; an exception by its type and its
frames' file, line and function (``tiaki.error_report.outline``) — never its message, notes or locals. So an
f-string or an exception message quoting a client cannot reach the file, whatever a call site does.
Nothing here imports Qt: core, store and sync log through it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import time
import types
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from tiaki import __version__
from tiaki.error_report import home_folder, outline
from tiaki.paths import log_dir

LOGGER_NAME = "tiaki"
FILE_NAME = "tiaki.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
WITHHELD = "<withheld>"


class Kind(Enum):
    """What one argument of a log line may be. None of them can hold a person's name: each is a number, a
    random id, code, or a string of a shape no name has (a version starts with a digit, a command name with
    ``cmd_``, a Qt category with ``qt.``, a Qt class with ``Q`` and a capital) or from a fixed list."""

    COUNT = "a whole number: a count, a schema version, an exit code, a process id"
    ID = "a random id (a UUID or 32 hex digits), such as a partner's"
    VERSION = "a version number: 0.1.0, 6.11.3, 3.11.7"
    COMMAND = "the function a tiaki command runs: cmd_client_add, cli_sync.cmd_sync, gui"
    PLATFORM = "an operating system or Qt platform plugin from a fixed list: linux, darwin, win32, xcb, wayland"
    QT_CATEGORY = "a Qt logging category: default, qt.qpa.xcb"
    QT_PREFIX = "the Qt class or function a Qt message starts with: QWidget::setLayout, or -"
    CODE = "a class, function or enum member, written as its qualified name"


COUNT, ID, VERSION, COMMAND, CODE = Kind.COUNT, Kind.ID, Kind.VERSION, Kind.COMMAND, Kind.CODE
PLATFORM, QT_CATEGORY, QT_PREFIX = Kind.PLATFORM, Kind.QT_CATEGORY, Kind.QT_PREFIX
_TEMPLATES: dict[str, tuple[Kind, ...]] = {}


def _template(text: str, *kinds: Kind) -> str:
    if text.count("%s") != len(kinds) or "%" in text.replace("%s", ""):
        raise ValueError("a log template takes only %s placeholders, one per declared kind")
    _TEMPLATES[text] = kinds
    return text


# --- every line Tiaki may log --------------------------------------------------------------------------------
STARTED = _template("started: Tiaki %s, Python %s on %s, process %s", VERSION, VERSION, PLATFORM, COUNT)
COMMAND_STARTED = _template("command started: %s", COMMAND)
COMMAND_FINISHED = _template("command finished: %s, exit code %s", COMMAND, COUNT)
COMMAND_FAILED = _template("command failed unexpectedly: %s", COMMAND)
APP_STARTED = _template("window app started: Qt %s, PySide6 %s, platform plugin %s", VERSION, VERSION, PLATFORM)
APP_STOPPED = _template("window app stopped: exit code %s", COUNT)
UNEXPECTED_ERROR = _template("unexpected error in the window app: %s", CODE)
UNEXPECTED_THREAD_ERROR = _template("unexpected error on a background thread: %s", CODE)
TASK_FAILED = _template("background task failed: %s", CODE)
QT_MESSAGE = _template("Qt %s, category %s: %s (the rest of Qt's text is not logged)", CODE, QT_CATEGORY,
                       QT_PREFIX)
STORE_CREATED = _template("store created")
UNLOCKED = _template("unlocked (failed attempts since the last unlock: %s)", COUNT)
UNLOCK_REFUSED = _template("unlock refused: wrong sign-in name or passphrase (failed attempts now: %s)", COUNT)
UNLOCK_DELAYED = _template("unlock refused: %s seconds still to wait after failed attempts", COUNT)
RECOVERED = _template("opened with the recovery key; a worker's passphrase was replaced")
RECOVERY_REFUSED = _template("recovery refused: wrong recovery key (failed attempts now: %s)", COUNT)
LOCKED = _template("locked")
MIGRATED = _template("store schema migrated from version %s to %s", COUNT, COUNT)
SYNC_STARTED = _template("sync run started: %s partners, %s messages waiting", COUNT, COUNT)
SYNC_PARTNER = _template("sync partner %s: %s acknowledged, %s waiting, %s refused, %s set aside, %s failures",
                         ID, COUNT, COUNT, COUNT, COUNT, COUNT)
SYNC_FINISHED = _template("sync run finished: %s acknowledged, %s waiting", COUNT, COUNT)
SYNC_ENDED_BY = _template("sync run ended by %s", CODE)
INSTANCE_SERVING = _template("single instance: this process answers further launches for its data directory")
INSTANCE_UNAVAILABLE = _template("single instance: cannot answer further launches (%s); running anyway", CODE)
SECOND_LAUNCH_SENT = _template("second launch: asked the running Tiaki for this data directory to come forward")
SECOND_LAUNCH_RAISED = _template("second launch: window raised")
_UNLISTED = "log line withheld: not one of Tiaki's listed lines (from %s line %s)"

EVENTS: Mapping[str, tuple[Kind, ...]] = types.MappingProxyType(_TEMPLATES)

# Qt's warnings start with the Qt class (and function) that raised them: "QLayout: Attempting to add ...",
# "QWidget::setLayout: ...". That prefix is Qt's code; the rest can quote a widget's text (a client's name).
_QT_CLASS = r"Q[A-Z][A-Za-z0-9_]*(?:::~?[A-Za-z_][A-Za-z0-9_]*)*(?:\(\))?"
_QT_PREFIX = re.compile(rf"({_QT_CLASS})\s*:")
_SHAPES = {
    ID: re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}"),
    VERSION: re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,6}){0,3}(?:[.+-]?[a-z0-9]{1,12}){0,2}"),
    COMMAND: re.compile(r"(?:[a-z][a-z0-9_]{0,30}\.){0,2}cmd_[a-z0-9_]{1,40}|gui|needs_subcommand"),
    QT_CATEGORY: re.compile(r"default|qt(?:\.[a-z0-9_-]{1,30}){1,5}"),
    QT_PREFIX: re.compile(rf"{_QT_CLASS}|-"),
}
PLATFORMS = frozenset({
    "linux", "darwin", "win32", "cygwin", "freebsd", "openbsd", "netbsd", "Linux", "Darwin", "Windows", "FreeBSD",
    "xcb", "wayland", "wayland-egl", "offscreen", "minimal", "windows", "cocoa", "eglfs", "linuxfb", "vnc",
    "direct2d",
})
_CALLABLE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType)


def render_argument(kind: Kind, value: object) -> str:
    """``value`` as the log may show it for ``kind``, else ``<withheld>``."""
    if kind is COUNT:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else WITHHELD
    if kind is PLATFORM:
        return value if isinstance(value, str) and value in PLATFORMS else WITHHELD
    if kind is CODE:
        return _code_name(value)
    shape = _SHAPES[kind]
    return value if isinstance(value, str) and value.isascii() and shape.fullmatch(value) else WITHHELD


def _code_name(value: object) -> str:
    if isinstance(value, type):
        return value.__qualname__ if value.__module__ == "builtins" else f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, _CALLABLE):
        return f"{getattr(value, '__module__', None) or '?'}.{value.__qualname__}"
    if isinstance(value, Enum):
        return f"{type(value).__qualname__}.{value.name}"
    return WITHHELD


def qt_message_prefix(message: str) -> str:
    """The Qt class or function a Qt message starts with ("QWidget::setLayout"), or "-" when it has none."""
    match = _QT_PREFIX.match(message)
    return match.group(1) if match and len(match.group(1)) <= 80 else "-"


def _module_name(name: str) -> str:
    """A logger's name as the log shows it: only a module that is loaded (code), never another string."""
    return name if name in sys.modules else WITHHELD


def render_message(record: logging.LogRecord) -> str:
    """The record's text from its template and checked arguments (see the module docstring)."""
    kinds = EVENTS.get(record.msg) if isinstance(record.msg, str) else None
    if kinds is None:
        return _UNLISTED % (_module_name(record.name), record.lineno)
    args: tuple[Any, ...] = record.args if isinstance(record.args, tuple) else ()
    if len(args) != len(kinds):
        args = (None,) * len(kinds)  # each then renders as <withheld>
    return record.msg % tuple(render_argument(kind, arg) for kind, arg in zip(kinds, args, strict=True))


class SafeFormatter(logging.Formatter):
    """``2026-05-09T22:52:58Z INFO tiaki.store.session: unlocked (...)``, and an exception's outline below."""

    def __init__(self, home: str) -> None:
        super().__init__()
        self._home = home

    def format(self, record: logging.LogRecord) -> str:
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))
        line = f"{when} {record.levelname} {_module_name(record.name)}: {render_message(record)}"
        if record.exc_info:
            kind, exc, tb = record.exc_info
            line += "".join(f"\n    {part}" for part in outline(kind, exc, tb, self._home))
        return line


def _private_opener(path: str, flags: int) -> int:
    fd = os.open(path, flags, 0o600)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)  # a file left by an older version with wider permissions
    return fd


class PrivateRotatingFile(logging.FileHandler):
    """Log files created owner-only, rotated when the next line would pass ``max_bytes`` (``tiaki.log`` becomes
    ``tiaki.log.1``, and so on up to ``backups``). A line that cannot be written is dropped silently: the
    standard handler would print the record to stderr instead. (Not ``logging.handlers.RotatingFileHandler``:
    importing that module brings sockets and pickling with it, 11 ms on every start of the app.)"""

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def _open(self) -> Any:
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
                    opener=_private_opener)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            if self.max_bytes and self.stream.tell() + len(line.encode("utf-8")) > self.max_bytes:
                self._rotate()
            self.stream.write(line)
            self.flush()
        except Exception:
            self.handleError(record)

    def _rotate(self) -> None:
        """Shift the old files along. When that fails (another Tiaki process has the file open on Windows, a
        name is taken) the log goes on growing in the current file rather than losing every later line."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        try:
            for number in range(self.backups - 1, 0, -1):
                older = f"{self.baseFilename}.{number}"
                if os.path.exists(older):
                    os.replace(older, f"{self.baseFilename}.{number + 1}")
            if self.backups > 0:
                os.replace(self.baseFilename, f"{self.baseFilename}.1")
            else:
                os.remove(self.baseFilename)
        except OSError:
            pass
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        return


def setup(directory: Path | None = None, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> Path | None:
    """Send Tiaki's log to ``directory`` (default ``log_dir()``), once per process; later calls return the
    directory already in use. Returns None, and Tiaki runs without a log, when it cannot be created."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in logger.handlers:
        if isinstance(handler, PrivateRotatingFile):
            return Path(handler.baseFilename).parent
    try:
        directory = directory or log_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            with contextlib.suppress(OSError):  # a folder someone else owns: the files are still 0600
                os.chmod(directory, 0o700)
        handler = PrivateRotatingFile(directory / FILE_NAME, max_bytes=max_bytes, backups=backups)
    except OSError:
        return None
    handler.setFormatter(SafeFormatter(home_folder()))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # a handler some library puts on the root logger never sees Tiaki's records
    logger.info(STARTED, __version__, "{}.{}.{}".format(*sys.version_info[:3]), sys.platform, os.getpid())
    return directory


def shutdown() -> None:
    """Close the log (tests that set it up in-process; the process's exit does it otherwise)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, PrivateRotatingFile):
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


# Until ``setup`` runs (tests, embedding), records go nowhere rather than to Python's last-resort stderr output.
logging.getLogger(LOGGER_NAME).addHandler(logging.NullHandler())
