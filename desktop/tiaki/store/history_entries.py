"""History entries read from the ``disclosures`` index: one indexed query for the page, then one lookup of
names, seals and decisions for the (at most a page of) rows it returned.

Which fields an entry shows is the rule of ``store/history.py``: the version the partner holds (the seal an
accepting receipt names), else the last sealed, else what was queued less what was dropped. A printed form
shows its packet's fields.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tiaki.core.clock import iso, parse_iso
from tiaki.core.history_filter import HistoryFilter, Sort, bases_of
from tiaki.core.roles import Worker
from tiaki.store.database import Database, Row, Transaction
from tiaki.store.history import _SEAL, SentField
from tiaki.store.history_query import order_clause, source, where_clause

DISCLOSURE_COLUMNS = ("d.id, d.message_id, d.device_id, d.at, d.channel, d.kind, d.status, d.client_id, "
                      "d.partner_id, d.worker_id, d.purpose, d.bases, d.override")
PAGE = 200
MAX_PAGE = 1000


@dataclass(frozen=True)
class HistoryEntry:
    id: str
    message_id: str
    device_id: str
    at: dt.datetime
    channel: str
    kind: str
    status: str
    client_id: str
    client_name: str
    partner_id: str
    partner_name: str
    worker_id: str
    worker_name: str
    purpose: str | None
    bases: tuple[str, ...]  # from the bit set, in BASIS_BITS order
    override: bool
    fields: tuple[SentField, ...]
    withheld: tuple[str, ...]  # field keys withheld (reasons are in the detail)

    def to_json(self) -> dict[str, Any]:
        """Every attribute but the client's name (reports and the CLI name clients by id)."""
        return {
            "id": self.id, "message_id": self.message_id, "device_id": self.device_id, "at": iso(self.at),
            "channel": self.channel, "kind": self.kind, "status": self.status, "client_id": self.client_id,
            "partner_id": self.partner_id, "partner_name": self.partner_name, "worker_id": self.worker_id,
            "worker_name": self.worker_name, "purpose": self.purpose, "bases": list(self.bases),
            "override": self.override,
            "fields": [{"field": f.field, "basis": f.basis, "agreement_id": f.agreement_id,
                        "consent_id": f.consent_id} for f in self.fields],
            "withheld": list(self.withheld),
        }


def _ids(values: Sequence[str]) -> str:
    return json.dumps(sorted(set(values)))


def names_of(db: Database | Transaction, select: str, ids: Sequence[str]) -> dict[str, str]:
    """id -> name for the given ids (``select`` reads id and name from one table)."""
    return {str(i): str(n) for i, n in db.query(f"{select} WHERE id IN (SELECT value FROM json_each(?))",
                                                (_ids(ids),))}


def _fields(decision: str | None, sealed: str | None, withheld: str | None
            ) -> tuple[tuple[SentField, ...], tuple[str, ...]]:
    if sealed is not None:
        fields, held_back = json.loads(sealed), json.loads(withheld or "{}")
    else:
        planned = json.loads(decision) if decision else {"allowed": {}, "withheld": {}}
        dropped = planned.get("dropped", {})
        fields = {k: v for k, v in planned["allowed"].items() if k not in dropped}
        held_back = planned["withheld"]
    return (tuple(SentField(k, v["basis"], v["agreement_id"], v["consent_id"]) for k, v in sorted(fields.items())),
            tuple(sorted(held_back)))


def build_entries(db: Database | Transaction, rows: Sequence[Row]) -> list[HistoryEntry]:
    """Entries for rows read with ``DISCLOSURE_COLUMNS``: names, and the fields of each row's message."""
    if not rows:
        return []
    clients = names_of(db, "SELECT id, display_name FROM clients", [r[7] for r in rows])
    partners = names_of(db, "SELECT id, name FROM partners", [r[8] for r in rows])
    workers = names_of(db, "SELECT id, COALESCE(NULLIF(display_name, ''), name) FROM workers", [r[9] for r in rows])
    seals = {r[0]: r[1:] for r in db.query(
        f"SELECT m.id, m.decision, s.fields, s.withheld FROM messages m LEFT JOIN message_seals s "
        f"ON s.rowid = {_SEAL} WHERE m.id IN (SELECT value FROM json_each(?))", (_ids([r[1] for r in rows]),))}
    out = []
    for r in rows:
        decision, sealed, withheld = seals.get(r[1], (None, None, None))
        fields, held_back = ((), ()) if r[5] == "revocation" else _fields(decision, sealed, withheld)
        out.append(HistoryEntry(
            id=r[0], message_id=r[1], device_id=r[2], at=parse_iso(r[3]), channel=r[4], kind=r[5], status=r[6],
            client_id=r[7], client_name=clients.get(r[7], ""), partner_id=r[8], partner_name=partners.get(r[8], ""),
            worker_id=r[9], worker_name=workers.get(r[9], ""), purpose=r[10], bases=bases_of(int(r[11])),
            override=bool(r[12]), fields=fields, withheld=held_back))
    return out


def page_rows(db: Database, flt: HistoryFilter, sort: Sort, worker: Worker, *, offset: int, limit: int) -> list[Row]:
    where, params = where_clause(flt, worker)
    return db.query(f"SELECT {DISCLOSURE_COLUMNS} FROM {source(flt, sort)} WHERE {where} "
                    f"ORDER BY {order_clause(sort)} LIMIT ? OFFSET ?", (*params, limit, offset))


def all_rows(db: Database, flt: HistoryFilter, sort: Sort, worker: Worker, *, page: int = MAX_PAGE
             ) -> Iterator[list[Row]]:
    """Every matching row, a page at a time. In time order each page continues after the last row read (so a
    million rows cost no more than one pass); other orders page by offset."""
    where, params = where_clause(flt, worker)
    order = order_clause(sort)
    if sort.column != "at":
        offset = 0
        while rows := db.query(f"SELECT {DISCLOSURE_COLUMNS} FROM disclosures d WHERE {where} ORDER BY {order} "
                               "LIMIT ? OFFSET ?", (*params, page, offset)):
            yield rows
            offset += len(rows)
            if len(rows) < page:
                return
        return
    after = "(d.at, d.id) < (?, ?)" if sort.descending else "(d.at, d.id) > (?, ?)"
    table = source(flt, sort)
    rows = db.query(f"SELECT {DISCLOSURE_COLUMNS} FROM {table} WHERE {where} ORDER BY {order} LIMIT ?",
                    (*params, page))
    while rows:
        yield rows
        if len(rows) < page:
            return
        last = rows[-1]
        rows = db.query(f"SELECT {DISCLOSURE_COLUMNS} FROM {table} WHERE ({where}) AND {after} "
                        f"ORDER BY {order} LIMIT ?", (*params, last[3], last[0], page))
