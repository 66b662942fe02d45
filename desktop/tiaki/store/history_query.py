"""The one place a history filter and a worker's scope become SQL over ``disclosures`` (alias ``d``).

The history window, the CLI, the reports, the picture and the client report all read through
``where_clause``, so they cannot disagree about which disclosures a filter means or which ones a worker may
see. The conditions are written so the indexes on ``disclosures`` can serve them (each filter column leads an
index with ``at`` after it; the serious-threat basis uses the partial override index).
"""

from __future__ import annotations

from typing import Any

from tiaki.core import roles
from tiaki.core.client import search_query
from tiaki.core.clock import iso
from tiaki.core.history_filter import HistoryFilter, Sort, basis_bit
from tiaki.core.roles import Worker
from tiaki.core.sharing import Basis
from tiaki.core.text import fold

# A display name folded in SQL as core.text.fold does for the letters te reo Māori writes with a macron
# (SQLite's lower() folds ASCII only; worker names are also matched on their stored folded form).
_FOLDED_DISPLAY = "lower(" + "".join("replace(" for _ in range(10)) + "w.display_name" + "".join(
    f", '{a}', '{b}')" for a, b in zip("āēīōūĀĒĪŌŪ", "aeiouAEIOU", strict=True)) + ")"

# Bases with a partial index of their own (migration 6): all but consent, which most disclosures rely on.
_PARTIAL_BASES = frozenset(b.value for b in Basis) - {Basis.CONSENT.value, Basis.SERIOUS_THREAT.value}

# Sort keys: people's names where a column shows a name (sorted as the client list sorts them).
_SORT_KEYS = {
    "at": "d.at",
    "client": "(SELECT c.sort_key FROM clients c WHERE c.id = d.client_id)",
    "partner": "(SELECT p.name_folded FROM partners p WHERE p.id = d.partner_id)",
    "worker": "(SELECT w.name_folded FROM workers w WHERE w.id = d.worker_id)",
    "purpose": "d.purpose",
    "channel": "d.channel",
    "status": "d.status",
}


def scope_clause(worker: Worker) -> tuple[str, list[Any]]:
    """What the worker may see: the team's disclosures, or a caseworker's own caseload's."""
    if roles.sees_whole_team(worker):
        return "1", []
    return "d.client_id IN (SELECT id FROM clients WHERE assigned_worker_id = ?)", [worker.id]


def where_clause(flt: HistoryFilter, worker: Worker) -> tuple[str, list[Any]]:
    """The filter (validated here) and the worker's scope as one SQL condition over ``disclosures d``."""
    flt = flt.validated()
    scope, params = scope_clause(worker)
    terms = [] if scope == "1" else [scope]
    for column, value in (("d.client_id", flt.client_id), ("d.partner_id", flt.partner_id),
                          ("d.worker_id", flt.worker_id), ("d.purpose", flt.purpose), ("d.channel", flt.channel),
                          ("d.status", flt.status)):
        if value is not None:
            terms.append(f"{column} = ?")
            params.append(value)
    if flt.since is not None:
        terms.append("d.at >= ?")
        params.append(iso(flt.since))
    if flt.until is not None:
        terms.append("d.at < ?")
        params.append(iso(flt.until))
    if flt.basis is not None:
        if flt.basis == Basis.SERIOUS_THREAT.value:
            terms.append("d.override = 1")  # the same rows, through the partial index
        else:  # the bit written out, as the partial indexes name it
            terms.append(f"(d.bases & {basis_bit(flt.basis)}) != 0")
    if flt.search:
        clause, search_params = _search(flt.search)
        terms.append(clause)
        params.extend(search_params)
    return (" AND ".join(terms) if terms else "1"), params


def _search(text: str) -> tuple[str, list[Any]]:
    """A disclosure or message id exactly; a client by the client search; a partner or worker by name."""
    folded = fold(text)
    options = ["d.id = ?", "d.message_id = ?",
               "d.partner_id IN (SELECT p.id FROM partners p WHERE instr(p.name_folded, ?) > 0)",
               f"d.worker_id IN (SELECT w.id FROM workers w WHERE instr(w.name_folded, ?) > 0 "
               f"OR instr({_FOLDED_DISPLAY}, ?) > 0)"]
    params: list[Any] = [text, text, folded, folded, folded]
    fts = search_query(text)
    if fts is not None:
        options.append("d.client_id IN (SELECT c.id FROM client_search s JOIN clients c ON c.num = s.rowid "
                       "WHERE client_search MATCH ?)")
        params.append(fts)
    return "(" + " OR ".join(options) + ")", params


def source(flt: HistoryFilter, sort: Sort) -> str:
    """The table as the page reads it. A basis other than consent filtered alone (in time order) reads its
    partial index: the planner, without statistics on a store that grew from new, may walk the whole history
    instead."""
    flt = flt.validated()
    alone = all(v is None for v in (flt.client_id, flt.partner_id, flt.worker_id, flt.purpose, flt.channel,
                                    flt.status)) and not flt.search
    if flt.basis in _PARTIAL_BASES and alone and sort.column == "at":
        return f"disclosures d INDEXED BY disclosures_basis_{basis_bit(flt.basis)}"
    if flt.basis == Basis.SERIOUS_THREAT.value and alone and sort.column == "at":
        return "disclosures d INDEXED BY disclosures_override"
    return "disclosures d"


def order_clause(sort: Sort) -> str:
    """The sort, then time and id, so every order is total (pages never repeat or skip a row)."""
    direction = "DESC" if sort.descending else "ASC"
    if sort.column == "at":
        return f"d.at {direction}, d.id {direction}"
    return f"{_SORT_KEYS[sort.column]} {direction}, d.at DESC, d.id DESC"
