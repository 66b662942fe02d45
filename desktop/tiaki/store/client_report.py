"""The "who has your information been shared with" report for one person (IPP 6), from this device's history.

Only disclosures that reached the partner count: a packet or a printed form (handed over), or a sync message
sent at least once that the partner did not refuse or set aside. A revocation carries no data and is left out.
Nothing about any other client is read: the query is on this client's id alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tiaki.core.history_filter import BASIS_BITS, CHANNELS
from tiaki.core.text import fold
from tiaki.store.database import Database
from tiaki.store.history_entries import DISCLOSURE_COLUMNS, HistoryEntry, build_entries

# Which disclosures reached the partner (the messages row tells whether a sync message was ever sent).
RECEIVED = ("d.kind != 'revocation' AND (d.channel IN ('packet', 'print') OR (d.channel = 'sync' "
            "AND d.status NOT IN ('refused', 'parked') AND (SELECT m.attempts FROM messages m "
            "WHERE m.id = d.message_id) > 0))")


@dataclass(frozen=True)
class ClientReportRow:
    partner_id: str
    partner_name: str
    first_at: dt.datetime
    last_at: dt.datetime
    times: int
    fields: tuple[str, ...]  # field keys that went (union), catalogue order
    bases: tuple[str, ...]
    channels: tuple[str, ...]
    purposes: tuple[str, ...]


@dataclass(frozen=True)
class ClientReport:
    client_id: str
    client_name: str
    organisation: str
    made_at: dt.datetime
    rows: tuple[ClientReportRow, ...]  # one per partner, by partner name


def _row(entries: Sequence[HistoryEntry], field_order: Sequence[str]) -> ClientReportRow:
    keys = {f.field for e in entries for f in e.fields}
    order = {k: i for i, k in enumerate(field_order)}
    bases = {b for e in entries for b in e.bases} | {f.basis for e in entries for f in e.fields}
    return ClientReportRow(
        partner_id=entries[0].partner_id, partner_name=entries[0].partner_name,
        first_at=min(e.at for e in entries), last_at=max(e.at for e in entries), times=len(entries),
        fields=tuple(sorted(keys, key=lambda k: (order.get(k, len(order)), k))),
        bases=tuple(b for b in BASIS_BITS if b in bases),
        channels=tuple(c for c in CHANNELS if any(e.channel == c for e in entries)),
        purposes=tuple(sorted({e.purpose for e in entries if e.purpose})))


def make_client_report(db: Database, client_id: str, organisation: str, made_at: dt.datetime,
                       field_order: Sequence[str]) -> ClientReport:
    """The report (the caller has checked the worker may read this client)."""
    rows = db.query(f"SELECT {DISCLOSURE_COLUMNS} FROM disclosures d WHERE d.client_id = ? AND {RECEIVED} "
                    "ORDER BY d.at, d.id", (client_id,))
    by_partner: dict[str, list[HistoryEntry]] = {}
    for entry in build_entries(db, rows):
        by_partner.setdefault(entry.partner_id, []).append(entry)
    name = db.scalar("SELECT display_name FROM clients WHERE id = ?", (client_id,))
    report_rows = sorted((_row(group, field_order) for group in by_partner.values()),
                         key=lambda r: (fold(r.partner_name), r.partner_id))
    return ClientReport(client_id, str(name or ""), organisation, made_at, tuple(report_rows))
