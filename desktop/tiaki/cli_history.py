"""``tiaki history`` and ``tiaki review``: the sharing history as JSON or a report file, and the review queue.

    history [--json] [filters]                       every disclosure the worker may see, newest first, as a JSON
                                                     array written entry by entry (a million entries never become
                                                     one string in memory); audited as a view of the history
    history report --format csv|pdf --out FILE [filters]
                                                     the same entries as a report file (new, readable by its
                                                     owner only, written whole or not at all); prints the count;
                                                     audited with the filter and the count
    review list --json                               the review queue's counts and undecided items
    review decide ID --decision accepted|rejected --comment TEXT
                                                     record a review; prints its id

Filters: --client ID, --partner PID, --made-by ID|NAME, --purpose KEY, --basis B, --channel C, --status S,
--search TEXT, --since DATE, --until DATE (YYYY-MM-DD, whole days in this computer's time zone; --until is
inclusive). Who sees what is the store's rule, as in the app: a caseworker sees their own caseload's
disclosures, and only supervisors and privacy officers review. A filter that cannot be asked is a usage error
(exit 2) in one line; a role that may not is exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import zoneinfo
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiaki.cli_commands import catalogues, client_id, emit, unlocked
from tiaki.cli_io import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliError, PrivateFile
from tiaki.core.history_filter import HistoryFilter, HistoryFilterError, day_range, parse_day
from tiaki.core.history_report import write_csv
from tiaki.core.review import ReviewError, check_comment, check_decision, parse_item_id
from tiaki.core.text import nfc

if TYPE_CHECKING:
    from tiaki.store.session import Session
    from tiaki.store.sharing_history import HistoryEntry

# A PDF is laid out in memory (about 1.2 ms an entry, some 70 entries a page): past this, CSV is the format.
MAX_PDF_ENTRIES = 20_000


def local_zone() -> dt.tzinfo:
    """This computer's time zone with its daylight-saving rules (TZ, else /etc/localtime), so that a whole day
    that starts or ends a change of clocks is the day a person means; a fixed offset only as a last resort."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.datetime.now().astimezone().tzinfo or dt.UTC
    try:
        with open("/etc/localtime", "rb") as fh:
            return zoneinfo.ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ValueError):
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


# --- the filter ------------------------------------------------------------------------------------------


# Which option each part of a filter came from, to name it in the one error line.
_OPTION = {"channel": "--channel", "status": "--status", "basis": "--basis", "search": "--search",
           "range": "--since/--until", "date": "--since/--until"}


def _usage(exc: HistoryFilterError) -> CliError:
    option = _OPTION.get(exc.code)
    return CliError(f"{option}: {exc}" if option else str(exc), EXIT_USAGE)


def _day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_day(text)
    except HistoryFilterError as exc:
        raise CliError(f"{option}: {exc}", EXIT_USAGE) from None


def _given(args: argparse.Namespace, name: str) -> str | None:
    value = getattr(args, name, None)
    return None if value is None else str(value)


def history_filter(args: argparse.Namespace, tz: dt.tzinfo) -> HistoryFilter:
    """The filter the options ask for, checked before the store is unlocked. The worker filter may be a sign-in
    name: it is turned into an id once the store is open (``_resolve_worker``)."""
    since, until = _day(_given(args, "since"), "--since"), _day(_given(args, "until"), "--until")
    if since is not None and until is not None and until < since:
        raise CliError("--until is a day before --since.", EXIT_USAGE)
    purpose = _given(args, "purpose")
    if purpose is not None and purpose.strip() not in catalogues()[1]:
        raise CliError("--purpose: There is no purpose with that key.", EXIT_USAGE)
    try:
        start, end = day_range(since, until, tz)
        client = _given(args, "client")
        return HistoryFilter(
            since=start, until=end, worker_id=_given(args, "filter_worker"),
            client_id=client_id(client) if client is not None else None, partner_id=_given(args, "partner"),
            purpose=purpose, basis=_given(args, "basis"), channel=_given(args, "channel"),
            status=_given(args, "status"), search=_given(args, "search") or "").validated()
    except HistoryFilterError as exc:
        raise _usage(exc) from None


def _resolve_worker(session: Session, flt: HistoryFilter) -> HistoryFilter:
    """--made-by names a worker by id or by sign-in name; an unknown one is an error rather than no results."""
    wanted = flt.worker_id
    if wanted is None:
        return flt
    workers = session.workers()
    match = next((w for w in workers if w.id == wanted.lower()), None)
    if match is None:
        name = nfc(wanted).strip().casefold()
        match = next((w for w in workers if w.name.casefold() == name), None)
    if match is None:
        raise CliError("There is no worker with that id or sign-in name.", EXIT_INVALID)
    return replace(flt, worker_id=match.id)


# --- history -------------------------------------------------------------------------------------------------


def write_json_array(items: Iterable[dict[str, Any]], out: Any) -> int:
    """A JSON array written one element at a time (one line each); returns how many."""
    count = 0
    out.write("[")
    for item in items:
        out.write(("," if count else "") + "\n  " + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def cmd_history(args: argparse.Namespace) -> int:
    flt = history_filter(args, local_zone())
    with unlocked(args) as session:
        flt = _resolve_worker(session, flt)
        session.history.open_view(flt)
        try:
            write_json_array((entry.to_json() for entry in session.history.entries(flt)), sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not an error, and nothing more to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
    return EXIT_OK


def _filter_lines(session: Session, flt: HistoryFilter, tz: dt.tzinfo) -> list[str]:
    """The filter as a report's heading says it: names for partners and workers, local days for the range."""
    from tiaki.ui.history_report_pdf import filter_lines

    choices = session.history.choices()
    names = dict(choices.partners) | dict(choices.workers)
    return filter_lines(flt, names, tz)


def _write_pdf(session: Session, entries: list[HistoryEntry], path: str, flt: HistoryFilter, tz: dt.tzinfo) -> None:
    if not os.environ.get("QT_QPA_PLATFORM"):  # no display is needed to write a PDF (a server, a cron job)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from tiaki.ui.history_report_pdf import report_title, write_history_pdf

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "tiaki"])
    me = session.worker
    write_history_pdf(entries, Path(path), title=report_title(), filter_lines=_filter_lines(session, flt, tz),
                      made_by=me.display_name or me.name, tz=tz, catalogue=session.catalogue)
    del app


def cmd_history_report(args: argparse.Namespace) -> int:
    tz = local_zone()
    flt = history_filter(args, tz)
    out = PrivateFile(args.out)  # a bad or existing path fails here, before the store is opened
    try:
        with unlocked(args) as session:
            flt = _resolve_worker(session, flt)
            with out.staged() as temp:
                if args.format == "csv":
                    with open(temp, "w", encoding="utf-8", newline="") as fh:
                        count = write_csv(session.history.entries(flt), fh, tz)
                else:
                    if session.history.count(flt) > MAX_PDF_ENTRIES:
                        raise CliError(f"A PDF report holds at most {MAX_PDF_ENTRIES:,} entries: narrow the filter "
                                       "or use --format csv.", EXIT_INVALID)
                    entries = list(session.history.entries(flt))
                    count = len(entries)
                    _write_pdf(session, entries, temp, flt, tz)
                # Audited before the file takes its name: a report the log does not know of is never left.
                session.history.record_report(fmt=args.format, flt=flt, entries=count)
    finally:
        out.close()
    print(count)
    return EXIT_OK


# --- review --------------------------------------------------------------------------------------------------


def cmd_review_list(args: argparse.Namespace) -> int:
    with unlocked(args) as session:
        counts = session.reviews.counts()
        items = session.reviews.items()
    emit({"counts": counts, "items": [item.to_json() for item in items]})
    return EXIT_OK


_REVIEW_EXIT = {"decision": EXIT_USAGE, "item": EXIT_INVALID, "comment": EXIT_INVALID,
                "already_reviewed": EXIT_INVALID}


def cmd_review_decide(args: argparse.Namespace) -> int:
    try:
        item = ":".join(parse_item_id(args.item_id))
        decision = check_decision(args.decision)
        comment = check_comment(args.comment)
    except ReviewError as exc:
        raise CliError(str(exc), EXIT_USAGE if exc.code in ("item", "decision") else EXIT_INVALID) from None
    with unlocked(args) as session:
        try:
            record = session.reviews.decide(item, decision, comment)
        except ReviewError as exc:
            raise CliError(str(exc), _REVIEW_EXIT.get(exc.code, EXIT_INVALID)) from None
    print(record.id)
    return EXIT_OK
