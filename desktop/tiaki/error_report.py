"""What an unexpected error may say about itself: its type and where in the code it happened — nothing else.

An exception's message can quote a value ("invalid literal for int(): 'Aroha'"), its frames hold locals, and
its files' paths can hold the user's home folder name. So the outline of an error keeps only the exception's
qualified type and, for each frame, the code's file (home folder replaced by ``~``, the user's name by
``<user>``), line and function; the same outline goes into the log (``tiaki.logs``) and the error report the
worker may save. Message text, notes, locals and source lines are never read. Pure functions: no Qt, no I/O
but ``write_report``.
"""

from __future__ import annotations

import datetime as dt
import ntpath
import types
from collections.abc import Iterator
from pathlib import Path

MAX_FRAMES = 40  # a deep recursion keeps its first and last frames, not a thousand lines
FIRST_FRAMES = 10
MAX_CHAIN = 5  # causes and contexts followed, and exceptions listed from a group


def qualified_name(kind: type[BaseException]) -> str:
    """``ValueError`` for a builtin, ``tiaki.store.errors.DamagedStore`` for anything else (code, never data)."""
    module = str(getattr(kind, "__module__", "") or "")
    name = str(getattr(kind, "__qualname__", None) or getattr(kind, "__name__", "?"))
    return name if module in ("builtins", "") else f"{module}.{name}"


def home_folder() -> str:
    """The user's home folder, or "" when the system cannot say (nothing is then replaced by ``~``)."""
    try:
        return str(Path.home())
    except (RuntimeError, KeyError):
        return ""


def display_path(filename: str, home: str) -> str:
    """``filename`` with the home directory shown as ``~`` and any other path part equal to the home
    directory's name (the user's name: ``/media/aroha/...``) shown as ``<user>``."""
    home = home.rstrip("/\\")
    if not home:
        return filename
    path = filename
    norm_file, norm_home = filename.casefold(), home.casefold()  # over-matching only hides more
    if norm_file == norm_home or norm_file.startswith((norm_home + "/", norm_home + "\\")):
        path = "~" + filename[len(home):]
    user = ntpath.basename(home)
    if not user:
        return path
    parts = path.replace("\\", "/").split("/")
    folded = user.casefold()
    if not any(part.casefold() == folded for part in parts):
        return path
    separator = "\\" if "\\" in path and "/" not in path else "/"
    return separator.join("<user>" if part.casefold() == folded else part for part in parts)


def frame_lines(tb: types.TracebackType | None, home: str) -> list[str]:
    """One line per frame, outermost first: ``file:line in function`` (the code's names only)."""
    frames = [f"{display_path(frame.f_code.co_filename, home)}:{lineno} in {frame.f_code.co_qualname}"
              for frame, lineno in _walk(tb)]
    if len(frames) > MAX_FRAMES:
        left_out = len(frames) - MAX_FRAMES
        frames = [*frames[:FIRST_FRAMES], f"... {left_out} frames left out ...",
                  *frames[-(MAX_FRAMES - FIRST_FRAMES):]]
    return frames


def _walk(tb: types.TracebackType | None) -> Iterator[tuple[types.FrameType, int]]:
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def outline(kind: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None,
            home: str) -> list[str]:
    """The error as lines: its type, then its frames indented; then, likewise, what caused it or what it
    happened while handling, and the exceptions inside an exception group (each bounded)."""
    lines: list[str] = []
    _outline_into(lines, kind or (type(exc) if exc is not None else BaseException), exc, tb, home, "", 0)
    return lines


def _outline_into(lines: list[str], kind: type[BaseException], exc: BaseException | None,
                  tb: types.TracebackType | None, home: str, label: str, depth: int) -> None:
    lines.append(f"{label}{qualified_name(kind)}")
    lines.extend(f"  {line}" for line in frame_lines(tb, home))
    if exc is None or depth >= MAX_CHAIN:
        return
    if isinstance(exc, BaseExceptionGroup):
        inner = exc.exceptions
        for member in inner[:MAX_CHAIN]:
            _outline_into(lines, type(member), member, member.__traceback__, home, "in the group: ", depth + 1)
        if len(inner) > MAX_CHAIN:
            lines.append(f"... {len(inner) - MAX_CHAIN} more in the group")
    if exc.__cause__ is not None:
        cause = exc.__cause__
        _outline_into(lines, type(cause), cause, cause.__traceback__, home, "caused by: ", depth + 1)
    elif exc.__context__ is not None and not exc.__suppress_context__:
        context = exc.__context__
        _outline_into(lines, type(context), context, context.__traceback__, home, "while handling: ", depth + 1)


def build_report(kind: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None, *,
                 app_version: str, python_version: str, qt_version: str, platform_name: str, when: dt.datetime,
                 home: str) -> str:
    """The plain-text error report a worker may save or copy and hand to support. English: it is read by
    the people who maintain Tiaki, and it names only code."""
    return "\n".join([
        "Tiaki error report",
        "",
        "This report holds the kind of error and where in Tiaki's code it happened. It holds no client",
        "information, no message text and no file paths inside your home folder. Nothing was sent anywhere.",
        "",
        f"Tiaki: {app_version}",
        f"Python: {python_version}",
        f"Qt: {qt_version}",
        f"Platform: {platform_name}",
        f"Time (UTC): {when.astimezone(dt.UTC).strftime('%Y-%m-%d %H:%M:%S')}",
        "",
        "Error (most recent call last in each list):",
        *outline(kind, exc, tb, home),
        "",
    ])


def write_report(path: Path, report: str) -> None:
    """Write the report whole (a reader never sees half of it), readable only by the worker."""
    from tiaki.store.files import replaced_whole  # only when a report is saved: not on the start-up path

    with replaced_whole(path) as tmp:
        tmp.write_text(report, encoding="utf-8")
