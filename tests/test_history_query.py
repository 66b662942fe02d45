"""Every filtered read of the history (page, entries, count, weekly) equals a direct computation over messages,
seals and print entries written here, not over the disclosures index: one source of truth."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import closing

import pytest

from history_expected import Expected, expected
from history_support import HistoryWorld, history_world
from tiaki.core.clock import iso
from tiaki.core.history_filter import BASIS_BITS, CHANNELS, STATUSES, HistoryFilter, Sort
from tiaki.core.text import fold


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path_factory.mktemp("query"))) as w:
        yield w


def _direct(world: HistoryWorld, role: str, flt: HistoryFilter) -> list[str]:
    rows = list(expected(world.admin).values())
    if role in ("tama", "ana"):
        mine = {str(r[0]) for r in world.admin._db.query("SELECT id FROM clients WHERE assigned_worker_id = ?",
                                                          (world.workers[role],))}
        rows = [r for r in rows if r.client_id in mine]

    def keep(r: Expected) -> bool:
        checks = [
            flt.client_id is None or r.client_id == flt.client_id,
            flt.partner_id is None or r.partner_id == flt.partner_id,
            flt.worker_id is None or r.worker_id == flt.worker_id,
            flt.purpose is None or r.purpose == flt.purpose,
            flt.channel is None or r.channel == flt.channel,
            flt.status is None or r.status == flt.status,
            flt.basis is None or bool(r.bases & (1 << BASIS_BITS.index(flt.basis))),
            flt.since is None or r.at >= iso(flt.since),
            flt.until is None or r.at < iso(flt.until),
        ]
        if flt.search:
            names = {str(i): (fold(str(n)), fold(str(d))) for i, n, d in world.admin._db.query(
                "SELECT id, name, display_name FROM workers")}
            partners = {str(i): fold(str(n)) for i, n in world.admin._db.query("SELECT id, name FROM partners")}
            clients = {str(i): fold(str(n)) for i, n in world.admin._db.query("SELECT id, display_name FROM clients")}
            s = fold(flt.search)
            checks.append(s in partners[r.partner_id] or any(s in n for n in names[r.worker_id])
                          or any(w.startswith(s) for w in clients[r.client_id].split())
                          or flt.search in (r.id, r.message_id))
        return all(checks)

    return [r.id for r in sorted((r for r in rows if keep(r)), key=lambda r: (r.at, r.id), reverse=True)]


def _filters(world: HistoryWorld) -> list[HistoryFilter]:
    t0 = world.now() - dt.timedelta(days=21)
    out = [HistoryFilter()]
    out += [HistoryFilter(client_id=c) for c in world.clients.values()]
    out += [HistoryFilter(partner_id=p) for p in world.partners.values()]
    out += [HistoryFilter(worker_id=w) for w in world.workers.values()]
    out += [HistoryFilter(channel=c) for c in CHANNELS]
    out += [HistoryFilter(status=s) for s in STATUSES]
    out += [HistoryFilter(basis=b) for b in ("consent", "serious_threat", "legal_requirement")]
    out += [HistoryFilter(purpose="referral"), HistoryFilter(purpose="case_management")]
    out += [HistoryFilter(since=t0 + dt.timedelta(days=d)) for d in (0, 1.5, 2.5, 30)]
    out += [HistoryFilter(until=t0 + dt.timedelta(days=d)) for d in (1.01, 3)]
    out += [HistoryFilter(search=s) for s in ("Āwhina", "otautahi", "hemi", "Havili", "aroha", "zzz",
                                              world.ids["print"], world.ids["packet"])]
    out += [HistoryFilter(partner_id=world.partners["inbox"], status=s) for s in ("acknowledged", "sent", "queued")]
    out += [HistoryFilter(client_id=world.clients["tama_b"], basis="serious_threat", channel="packet"),
            HistoryFilter(worker_id=world.workers["coordinator"], since=t0 + dt.timedelta(days=2))]
    return out


@pytest.mark.parametrize("role", ["supervisor", "tama", "coordinator"])
def test_filters_read_what_a_direct_query_reads(world: HistoryWorld, role: str) -> None:
    history = world.sessions[role].history
    nonempty = 0
    for flt in _filters(world):
        want = _direct(world, role, flt)
        assert [e.id for e in history.page(flt)] == want, flt.describe()
        assert [e.id for e in history.entries(flt)] == want, flt.describe()
        assert history.count(flt) == len(want), flt.describe()
        nonempty += bool(want)
    assert nonempty > 15


def test_paging_and_sorting_are_total(world: HistoryWorld) -> None:
    history = world.supervisor.history
    whole = [e.id for e in history.page(HistoryFilter(), limit=1000)]
    assert [e.id for n in range(0, len(whole), 2) for e in history.page(HistoryFilter(), offset=n, limit=2)] == whole
    assert [e.id for e in history.page(HistoryFilter(), Sort("at", descending=False))] == whole[::-1]
    for column, descending in itertools.product(("client", "partner", "worker", "purpose", "channel", "status"),
                                                (True, False)):
        rows = history.page(HistoryFilter(), Sort(column, descending))
        assert sorted(e.id for e in rows) == sorted(whole)
        assert [e.id for e in history.entries(HistoryFilter(), Sort(column, descending))] == [e.id for e in rows]
    by_partner = [fold(e.partner_name) for e in history.page(HistoryFilter(), Sort("partner", descending=False))]
    assert by_partner == sorted(by_partner)


def test_entries_page_inside_in_time_order(world: HistoryWorld) -> None:
    """entries() continues after the last row read; with pages of one it still reads every row once."""
    from tiaki.store.history_entries import all_rows

    me = world.supervisor.current_worker()
    rows = [r[0] for page in all_rows(world.admin._db, HistoryFilter(), Sort(), me, page=1) for r in page]
    assert rows == _direct(world, "supervisor", HistoryFilter())


def test_the_weekly_picture_counts_what_the_filter_reads(world: HistoryWorld) -> None:
    picture = world.supervisor.history.weekly(HistoryFilter())
    assert len(picture.week_starts) == 12 and all(d.weekday() == 0 for d in picture.week_starts)
    assert picture.week_starts[-1] <= world.now().date() < picture.week_starts[-1] + dt.timedelta(days=7)
    rows = [r for r in expected(world.admin).values()
            if r.at >= iso(dt.datetime.combine(picture.week_starts[0], dt.time(0), tzinfo=dt.UTC))]
    assert picture.total == len(rows) == sum(picture.counts.values())
    for basis in BASIS_BITS:
        assert picture.bases[basis] == sum(1 for r in rows if r.bases & (1 << BASIS_BITS.index(basis)))
    for (partner_id, week), n in picture.counts.items():
        start = dt.datetime.combine(picture.week_starts[week], dt.time(0), tzinfo=dt.UTC)
        assert n == sum(1 for r in rows if r.partner_id == partner_id
                        and iso(start) <= r.at < iso(start + dt.timedelta(days=7)))
    assert {p for p, _ in picture.partners} == {r.partner_id for r in rows}
    tama = world.tama.history.weekly(HistoryFilter())
    assert tama.total == len(_direct(world, "tama", HistoryFilter()))
    assert world.supervisor.history.weekly(HistoryFilter(), now=world.now() + dt.timedelta(weeks=30)).total == 0


def test_choices(world: HistoryWorld) -> None:
    choices = world.tama.history.choices()
    assert {p for p, _ in choices.partners} == set(world.partners.values())
    assert choices.purposes == ("referral",)
    assert world.workers["supervisor"] not in {w for w, _ in choices.workers}
