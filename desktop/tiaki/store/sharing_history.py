"""``session.history``: the device's sharing history for people who oversee it (every active worker; a
caseworker sees their own caseload's).

Every read goes through ``history_query.where_clause`` over the trigger-kept ``disclosures`` index, so the
window, the CLI, the reports and the picture show the same rows for the same filter. Reading pages is not
audited row by row: opening the view (``open_view``), opening one disclosure's detail, and saving a report are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.clock import Clock, iso
from tiaki.core.history_filter import BASIS_BITS, HistoryFilter, Sort
from tiaki.core.roles import Worker
from tiaki.core.text import fold
from tiaki.store.audit_log import AuditLog
from tiaki.store.client_report import ClientReport, ClientReportRow, make_client_report
from tiaki.store.database import Database
from tiaki.store.errors import InvalidInput, NotFound
from tiaki.store.history_detail import ConsentInForce, DisclosureDetail, read_detail
from tiaki.store.history_entries import MAX_PAGE, HistoryEntry, all_rows, build_entries, names_of, page_rows
from tiaki.store.history_query import where_clause

__all__ = ["ClientReport", "ClientReportRow", "ConsentInForce", "DisclosureDetail", "FilterChoices", "HistoryEntry",
           "SharingHistory", "WeeklyPicture"]

REPORT_FORMATS = ("csv", "pdf")
NEWEST_FIRST = Sort()


@dataclass(frozen=True)
class FilterChoices:
    partners: tuple[tuple[str, str], ...]  # (id, name), by name
    workers: tuple[tuple[str, str], ...]  # (id, name), by name
    purposes: tuple[str, ...]  # purpose keys present in the history


@dataclass(frozen=True)
class WeeklyPicture:
    week_starts: tuple[dt.date, ...]  # Mondays (UTC), oldest first; the last contains `now`
    partners: tuple[tuple[str, str], ...]  # (id, name) of partners with any disclosure in the window
    counts: Mapping[tuple[str, int], int]  # (partner_id, week index) -> disclosures
    bases: Mapping[str, int]  # basis -> disclosures in the window that used it
    total: int


class SharingHistory:
    def __init__(self, db: Database, audit: AuditLog, worker: Callable[[], Worker], organisation: Callable[[], str],
                 clock: Clock, field_order: Sequence[str]) -> None:
        self._db = db
        self._audit = audit
        self._worker = worker
        self._organisation = organisation
        self._clock = clock
        self._field_order = tuple(field_order)

    def _me(self) -> Worker:
        me = self._worker()
        roles.require(roles.can_see_history(me), "see the sharing history")
        return me

    # --- reading --------------------------------------------------------------------------------------------

    def page(self, flt: HistoryFilter, sort: Sort = NEWEST_FIRST, *, offset: int = 0, limit: int = 200
             ) -> list[HistoryEntry]:
        """One page of the disclosures the filter matches and the worker may see, in the sort's order."""
        if offset < 0 or not 0 < limit <= MAX_PAGE:
            raise ValueError("offset must be >= 0 and limit 1..1000")
        me = self._me()
        return build_entries(self._db, page_rows(self._db, flt, sort, me, offset=offset, limit=limit))

    def count(self, flt: HistoryFilter) -> int:
        where, params = where_clause(flt, self._me())
        return int(self._db.scalar(f"SELECT count(*) FROM disclosures d WHERE {where}", params))

    def entries(self, flt: HistoryFilter, sort: Sort = NEWEST_FIRST) -> Iterator[HistoryEntry]:
        """Every matching entry, read a page at a time (a million entries are never held at once)."""
        me = self._me()
        for rows in all_rows(self._db, flt, sort, me):
            yield from build_entries(self._db, rows)

    def open_view(self, flt: HistoryFilter) -> None:
        """The history was looked at with this filter (audited like opening a record; never the search text)."""
        me = self._me()
        described = flt.validated().describe()
        with self._db.transaction() as tx:
            self._audit.append(tx, actor_id=me.id, action=Action.SHARING_HISTORY_VIEW, subject_type=None,
                               subject_id=None, detail={"filter": described})

    def detail(self, entry_id: str) -> DisclosureDetail:
        """One disclosure in full (audited: sharing.disclosure_view)."""
        me = self._me()
        with self._db.transaction() as tx:
            detail = read_detail(tx, me, entry_id, self._clock())
            self._audit.append(tx, actor_id=me.id, action=Action.DISCLOSURE_VIEW, subject_type="disclosure",
                               subject_id=entry_id, detail={"message_id": detail.entry.message_id,
                                                            "client_id": detail.entry.client_id})
        return detail

    def choices(self) -> FilterChoices:
        """What the filter bar offers: partners and workers with any disclosure, and the purposes present."""
        self._me()
        partners = tuple((str(i), str(n)) for i, n in self._db.query(
            "SELECT p.id, p.name FROM partners p WHERE EXISTS (SELECT 1 FROM disclosures d WHERE d.partner_id = p.id) "
            "ORDER BY p.name_folded"))
        workers = tuple((str(i), str(n)) for i, n in self._db.query(
            "SELECT w.id, COALESCE(NULLIF(w.display_name, ''), w.name) FROM workers w "
            "WHERE EXISTS (SELECT 1 FROM disclosures d WHERE d.worker_id = w.id) ORDER BY w.name_folded"))
        purposes = tuple(str(p) for (p,) in self._db.query(
            "SELECT DISTINCT purpose FROM disclosures WHERE purpose IS NOT NULL ORDER BY purpose"))
        return FilterChoices(partners, workers, purposes)

    def weekly(self, flt: HistoryFilter, *, weeks: int = 12, now: dt.datetime | None = None) -> WeeklyPicture:
        """Disclosures per partner per week (Monday to Monday, UTC) and per basis, for the filter's disclosures
        in the last ``weeks`` weeks."""
        if not 1 <= weeks <= 104:
            raise ValueError("weeks must be 1..104")
        me = self._me()
        today = (now or self._clock()).astimezone(dt.UTC).date()
        last = today - dt.timedelta(days=today.weekday())
        starts = tuple(last - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks))
        window_start = dt.datetime.combine(starts[0], dt.time(0), tzinfo=dt.UTC)
        window_end = window_start + dt.timedelta(weeks=weeks)
        where, params = where_clause(flt, me)
        window = f"{where} AND d.at >= ? AND d.at < ?"
        params = [*params, iso(window_start), iso(window_end)]
        counts: dict[tuple[str, int], int] = {}
        for partner_id, week, n in self._db.query(
                f"SELECT d.partner_id, CAST((julianday(substr(d.at, 1, 10)) - julianday(?)) / 7 AS INTEGER), "
                f"count(*) FROM disclosures d WHERE {window} GROUP BY 1, 2", (starts[0].isoformat(), *params)):
            counts[(str(partner_id), int(week))] = int(n)
        sums = ", ".join(f"COALESCE(SUM((d.bases & {1 << i}) != 0), 0)" for i in range(len(BASIS_BITS)))
        row = self._db.query_one(f"SELECT count(*), {sums} FROM disclosures d WHERE {window}", params)
        assert row is not None
        ids = sorted({p for p, _ in counts})
        names = names_of(self._db, "SELECT id, name FROM partners", ids)
        partners = tuple(sorted(((p, str(names.get(p, ""))) for p in ids), key=lambda pn: (fold(pn[1]), pn[0])))
        return WeeklyPicture(starts, partners, counts,
                             {b: int(row[1 + i]) for i, b in enumerate(BASIS_BITS)}, int(row[0]))

    # --- reports --------------------------------------------------------------------------------------------

    def client_report(self, client_id: str) -> ClientReport:
        """Who has this person's information (IPP 6): every partner that received some of it, from this device."""
        me = self._me()
        assigned = self._db.query_one("SELECT assigned_worker_id FROM clients WHERE id = ?", (client_id,))
        if assigned is None:
            raise NotFound("That client")
        roles.require(roles.can_read_client(me, assigned[0]), "see this client's sharing history")
        return make_client_report(self._db, client_id, self._organisation(), self._clock(), self._field_order)

    def record_report(self, *, fmt: str, flt: HistoryFilter, entries: int) -> None:
        """A filtered history report was saved (audited: the filter's ids and keys, the format, the count)."""
        me = self._me()
        if fmt not in REPORT_FORMATS or entries < 0:
            raise InvalidInput("field", message="A report is saved as csv or pdf.")
        described = flt.validated().describe()
        with self._db.transaction() as tx:
            self._audit.append(tx, actor_id=me.id, action=Action.HISTORY_REPORT, subject_type=None, subject_id=None,
                               detail={"format": fmt, "filter": described, "entries": entries})

    def record_client_report(self, client_id: str, *, fmt: str, language: str) -> None:
        """A client's report was made (printed or saved): audited against the client."""
        me = self._me()
        if fmt not in (*REPORT_FORMATS, "print") or language not in ("en", "mi"):
            raise InvalidInput("field", message="A client report is pdf or print, in en or mi.")
        with self._db.transaction() as tx:
            row = tx.query_one("SELECT assigned_worker_id FROM clients WHERE id = ?", (client_id,))
            if row is None:
                raise NotFound("That client")
            roles.require(roles.can_read_client(me, row[0]), "make this client's sharing report")
            self._audit.append(tx, actor_id=me.id, action=Action.CLIENT_REPORT, subject_type="client",
                               subject_id=client_id, detail={"format": fmt, "language": language})
