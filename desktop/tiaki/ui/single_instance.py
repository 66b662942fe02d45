"""One Tiaki per data directory: a second launch brings the running window forward instead of opening the
database a second time.

The first process for a data directory listens on a local socket (``QLocalServer``) whose name is a hash of the
user and the resolved directory — no path text in it — inside a directory only this user can use (see
``private_dir``), short enough for macOS's 104-byte socket paths. A later
launch for the same directory connects, asks it to show its window, and exits 0; a launch for another directory
finds no one listening and runs as usual. A crash leaves a stale socket behind: connecting to it fails, so it is
removed (``QLocalServer.removeServer``) and the new process listens in its place. A lock file beside the socket
(``QLockFile``, named from the same hash; a dead process's lock is taken over) makes check-then-listen one step,
so two launches at the same moment (a double double-click) still end with one window.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from tiaki import logs

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"shown\n"
CONNECT_MS = 5_000  # generous: a busy machine may take a while to accept
ANSWER_MS = 5_000
LOCK_MS = 20_000
_MAX_REQUEST = 64


def instance_name(data_dir: Path) -> str:
    """``tiaki-`` and 24 hex digits of SHA-256 over the user and the resolved data directory (on POSIX, inside
    the user's private directory: see ``private_dir``)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    material = f"{user}\0{data_dir.expanduser().resolve()}".encode("utf-8", "surrogateescape")
    name = "tiaki-" + hashlib.sha256(material).hexdigest()[:24]
    directory = private_dir()
    return str(directory / name) if directory is not None else name


def private_dir() -> Path | None:
    """On POSIX, ``<temp>/tiaki-<uid>``: made 0700 and checked to be this user's own real directory, so no other
    account can listen in Tiaki's place (a bare name would be a socket in the shared temp directory, which
    another user could take first and so stop Tiaki from starting). None where that cannot be had — then Tiaki
    runs without the one-instance check rather than trust a directory someone else controls. The path stays
    short (macOS allows 104 bytes for a socket's). Windows' named pipes are not files: None there."""
    if not hasattr(os, "getuid"):
        return None
    directory = Path(QDir.tempPath()) / f"tiaki-{os.getuid()}"
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(directory)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:
            os.chmod(directory, 0o700)
    except OSError:
        return None
    return directory


class SingleInstance(QObject):
    """``claim()`` once at start; then ``show_requested`` fires whenever another launch asks for the window."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_name(data_dir)
        self.server: QLocalServer | None = None
        self._pending: dict[QLocalSocket, bytes] = {}

    def claim(self) -> bool:
        """True when this process now answers for the data directory (or cannot, and runs anyway); False when
        a running Tiaki has it and was asked to come forward: this process should then exit."""
        if hasattr(os, "getuid") and not Path(self.name).is_absolute():  # no private directory to be had
            log.warning(logs.INSTANCE_UNAVAILABLE, QLocalSocket.LocalSocketError.SocketAccessError)
            return True
        lock = QLockFile(f"{self.name}.lock" if Path(self.name).is_absolute()
                         else str(Path(QDir.tempPath()) / f"{self.name}.lock"))
        locked = lock.tryLock(LOCK_MS)
        try:
            if self._ask_running_to_show():
                return False
            QLocalServer.removeServer(self.name)  # nobody answered: a crashed process's socket, if any
            self._listen()
            return True
        finally:
            if locked:
                lock.unlock()

    def _ask_running_to_show(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(SHOW)
        socket.waitForBytesWritten(ANSWER_MS)
        socket.waitForReadyRead(ANSWER_MS)  # its answer (best effort: a busy one reads the request later)
        socket.disconnectFromServer()
        return True

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning(logs.INSTANCE_UNAVAILABLE, server.serverError())
            server.deleteLater()
            return
        server.newConnection.connect(self._accept)
        self.server = server
        log.info(logs.INSTANCE_SERVING)

    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            self._pending[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._pending:
            return
        data = self._pending[socket] + bytes(socket.readAll().data())
        if b"\n" not in data and len(data) < _MAX_REQUEST:
            self._pending[socket] = data
            return
        self._pending.pop(socket, None)
        if data.startswith(SHOW):
            self.show_requested.emit()
            socket.write(SHOWN)
            socket.flush()
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        self._pending.pop(socket, None)
        socket.deleteLater()

    def close(self) -> None:
        """Stop answering (removes the socket); the next launch for this directory runs as the first."""
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None


def bring_forward(*windows: QWidget | None) -> QWidget | None:
    """Un-minimise, raise and activate the first visible window of ``windows`` (the app's current one: main,
    unlock or set-up), then any modal dialog open over it. Returns the window, or None when none is shown."""
    for window in windows:
        if window is None or not window.isVisible():
            continue
        from PySide6.QtCore import Qt  # not at the top: Qt's namespace costs start-up 40 ms

        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized)
                              | Qt.WindowState.WindowActive)
        window.raise_()
        window.activateWindow()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:
            modal.raise_()
            modal.activateWindow()
        QApplication.alert(window)  # where the window manager refuses to focus it, at least flag it
        log.info(logs.SECOND_LAUNCH_RAISED)
        return window
    return None
