"""Reading secrets and input for the CLI: files, environment, prompts — and errors that exit cleanly."""

from __future__ import annotations

import contextlib
import getpass
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

from tiaki.core.text import bad_characters, nfc

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_INVALID = 4

_MAX_SECRET_FILE = 4096


class CliError(Exception):
    """One line for stderr and the exit code that goes with it."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _read_secret_file(path: str, what: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(_MAX_SECRET_FILE + 1)
    except OSError:
        raise CliError(f"Cannot read the {what} file.", EXIT_INVALID) from None
    if len(data) > _MAX_SECRET_FILE:
        raise CliError(f"The {what} file is too large.", EXIT_INVALID)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(f"The {what} file is not UTF-8 text.", EXIT_INVALID) from None
    return text.rstrip("\r\n")


def secret(*, file: str | None, env: str, prompt: str, what: str, confirm: bool = False) -> str:
    """From --…-file, else the environment variable, else an interactive prompt (never echoed)."""
    if file:
        value = _read_secret_file(file, what)
    elif os.environ.get(env):
        value = os.environ[env]
    elif sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Again: ") != value:
            raise CliError("The two entries do not match.", EXIT_INVALID)
    else:
        raise CliError(f"No {what} given: use a file option, {env}, or run in a terminal.", EXIT_USAGE)
    if not value:
        raise CliError(f"The {what} is empty.", EXIT_INVALID)
    return value


def read_input(source: str, limit: int) -> bytes:
    """Read at most ``limit`` + 1 bytes from a file or '-' (stdin), so an absurd file cannot fill memory."""
    try:
        if source == "-":
            return sys.stdin.buffer.read(limit + 1)
        with Path(source).open("rb") as fh:
            return fh.read(limit + 1)
    except OSError:
        raise CliError("Cannot read the input file.", EXIT_INVALID) from None


def read_bounded_file(path: str, limit: int, what: str) -> bytes:
    """A whole file of at most ``limit`` bytes. A larger one is refused by its size before any of it is read
    (a 5 GB file named by mistake must not fill memory); the read is bounded too, for files that grow or lie."""
    try:
        with Path(path).open("rb") as fh:
            if os.fstat(fh.fileno()).st_size > limit:
                raise CliError(f"The {what} file is too large.", EXIT_INVALID)
            data = fh.read(limit + 1)
    except OSError:
        raise CliError(f"Cannot read the {what} file.", EXIT_INVALID) from None
    if len(data) > limit:
        raise CliError(f"The {what} file is too large.", EXIT_INVALID)
    return data


def confirm_fingerprint(who: str, fingerprint: str, *, assume_yes: bool, refused: str) -> None:
    """Take --yes or an interactive y/N after showing who and which fingerprint (stderr): the two people read the
    digits to each other by phone before a key is trusted. Without a terminal and without --yes, one error line
    that carries the fingerprint to compare. ``refused`` is the error when the answer is not yes."""
    if not assume_yes and (sys.stdin is None or not sys.stdin.isatty()):
        raise CliError(f"Compare the fingerprint {fingerprint} with {who} by phone, then run again with --yes.",
                       EXIT_INVALID)
    print(f"{who}\nFingerprint: {fingerprint}", file=sys.stderr)
    if assume_yes:
        return
    print("Read these digits with them by phone. Do they all match? [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if answer.strip().lower() not in ("y", "yes", "ae", "āe"):
        raise CliError(refused, EXIT_INVALID)


def card_name(text: str) -> str:
    """An organisation's name for a card it issues: 1 to 200 ordinary characters (what a card reader accepts)."""
    name = nfc(text).strip()
    if not name or len(name) > 200 or bad_characters(name):
        raise CliError("The name on the card must be 1 to 200 ordinary characters.", EXIT_INVALID)
    return name


MAX_JUSTIFICATION = 2000


def justification(text: str | None) -> str | None:
    """A serious-threat override's written justification (--serious-threat), checked before the store opens:
    at least 20 ordinary characters (what the policy asks), at most MAX_JUSTIFICATION."""
    if text is None:
        return None
    value = nfc(text).strip()
    if len(value) < 20 or len(value) > MAX_JUSTIFICATION or bad_characters(value, multiline=True):
        raise CliError(f"A serious-threat override needs a written justification of 20 to {MAX_JUSTIFICATION} "
                       "ordinary characters.", EXIT_INVALID)
    return value


class PrivateFile:
    """A new file only the current user can read, created *before* the secret it will hold exists, so that
    a bad path fails while nothing has changed yet (the recovery key must never be made and then lost)."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise CliError("That file already exists; choose a new file name.", EXIT_INVALID) from None
        except OSError as exc:
            raise CliError(f"Cannot create that file ({exc.strerror}).", EXIT_INVALID) from None
        self._written = False

    def write(self, text: str) -> None:
        data = (text + "\n").encode("utf-8")
        while data:
            data = data[os.write(self._fd, data):]
        os.fsync(self._fd)
        self._written = True

    def write_bytes(self, data: bytes) -> None:
        """The whole of ``data`` or nothing: written to a private temporary file beside this one, flushed, then
        renamed over the name reserved at creation, so a crash or a full disk never leaves half a file."""
        with self.staged() as temp:
            fd = os.open(temp, os.O_WRONLY)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)

    @contextlib.contextmanager
    def staged(self) -> Iterator[str]:
        """A private temporary file beside this one (created empty, 0600) for the caller to fill by its path —
        a report too large to hold in memory is streamed into it. When the block ends without an error the
        file is flushed and renamed over the reserved name; on any error it is removed and the reserved name
        stays empty (``close`` removes it)."""
        directory, name = os.path.split(os.path.abspath(self.path))
        temp = os.path.join(directory, f".{name}.{secrets.token_hex(6)}.tmp")
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            yield temp
            fd = os.open(temp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        self._written = True
        with contextlib.suppress(OSError):  # not every platform can open a directory
            dir_fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def close(self) -> None:
        """Close; a file that never received its secret is removed."""
        os.close(self._fd)
        if not self._written:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
