"""The sharing history's table model: Qt's model checks, paging, the store's sort, and rows that are exactly
what the store's query returns for the same filter (one source of truth)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt

from history_support import HistoryWorld, history_world
from outbox_support import PERSON, agree, consent, enrol
from support import collected
from tiaki.core.history_filter import HistoryFilter, Sort
from tiaki.store.session import Session
from tiaki.ui.history_model import (
    COL_BASIS,
    COL_CHANNEL,
    COL_CLIENT,
    COL_PARTNER,
    COL_PURPOSE,
    COL_STATUS,
    COL_TIME,
    ID_ROLE,
    ROW_ROLE,
    HistoryModel,
)
from tiaki.ui.labels import moment_text


@dataclass
class Built:
    housing_id: str
    housing_name: str


def build_history(session: Session) -> Built:
    """Two clients shared with two partners through the real outbox: one share acknowledged by the partner's
    signed receipt, one sent without a receipt, the rest queued."""
    awhina_id, awhina = enrol(session, "Te Whare Āwhina")
    housing_id, _housing = enrol(session, "Kāinga Housing Trust")
    for pid in (awhina_id, housing_id):
        agree(session, pid)
    ana = session.clients.create(PERSON, collection=collected(session)).id
    wiremu = session.clients.create({"given_name": "Wiremu", "family_name": "Tamihana"},
                                    collection=collected(session)).id
    for cid in (ana, wiremu):
        for pid in (awhina_id, housing_id):
            consent(session, cid, pid)
    session.outbox.queue_share(ana, awhina_id, "referral")
    sealed = session.outbox.seal_next(awhina_id, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = awhina.open(sealed.data)
    session.outbox.record_receipts(awhina_id, [awhina.receipt(message, sealed.envelope_id)])
    session.outbox.queue_share(wiremu, awhina_id, "referral")
    session.outbox.queue_share(wiremu, housing_id, "referral")
    sealed = session.outbox.seal_next(housing_id, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    session.outbox.queue_share(ana, housing_id, "referral")
    session.outbox.queue_share(ana, awhina_id, "referral")
    return Built(housing_id, "Kāinga Housing Trust")


def many_shares(session: Session, count: int) -> None:
    pid, _partner = enrol(session, "Ōtaki Whānau Services")
    agree(session, pid)
    client_id = session.clients.create(PERSON, collection=collected(session)).id
    consent(session, client_id, pid)
    for _ in range(count):
        session.outbox.queue_share(client_id, pid, "referral")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path)) as built:
        yield built


def _ids(model: HistoryModel) -> list[str]:
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def _all_rows(model: HistoryModel) -> list[str]:
    while model.canFetchMore():
        model.fetchMore()
    return _ids(model)


def _counted(qtbot, model: HistoryModel) -> int:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: model.total is not None and not model.counting, timeout=10_000)
    assert model.total is not None
    return model.total


def test_the_model_passes_qt_model_checks(qtmodeltester, qtbot, session: Session) -> None:
    build_history(session)
    model = HistoryModel(session.history, page_size=3)
    model.set_filter(HistoryFilter())
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)
    _counted(qtbot, model)


def test_the_model_passes_qt_model_checks_for_every_role(qtmodeltester, qtbot, world: HistoryWorld) -> None:
    for role in ("admin", "supervisor", "coordinator", "tama", "ana"):
        model = HistoryModel(world.sessions[role].history, page_size=2)
        model.set_filter(HistoryFilter())
        qtmodeltester.check(model)
        assert _counted(qtbot, model) == len(_all_rows(model))


def test_rows_are_the_stores_for_each_role_and_filter(qtbot, world: HistoryWorld) -> None:
    filters = [HistoryFilter(), HistoryFilter(channel="packet"), HistoryFilter(basis="serious_threat"),
               HistoryFilter(partner_id=world.partners["inbox"]), HistoryFilter(status="acknowledged"),
               HistoryFilter(client_id=world.clients["tama_a"]), HistoryFilter(search="Tama"),
               HistoryFilter(since=world.now() - dt.timedelta(days=19), until=world.now() - dt.timedelta(days=18))]
    for role in ("supervisor", "tama", "ana"):
        history = world.sessions[role].history
        model = HistoryModel(history, page_size=3)
        for flt in filters:
            model.set_filter(flt)
            assert _all_rows(model) == [e.id for e in history.entries(flt)], (role, flt)
            assert _counted(qtbot, model) == model.rowCount()
    tama = HistoryModel(world.tama.history)
    tama.set_filter(HistoryFilter())
    mine = {world.clients["tama_a"], world.clients["tama_b"]}
    assert {tama.index(r, 0).data(ROW_ROLE).client_id for r in range(tama.rowCount())} == mine
    _counted(qtbot, tama)


def test_pages_of_200_are_read_as_the_view_asks(qtbot, session: Session) -> None:
    many_shares(session, 405)
    model = HistoryModel(session.history)
    model.set_filter(HistoryFilter())
    assert model.rowCount() == 200 and model.canFetchMore() and model.pages_fetched == 1
    model.fetchMore()
    assert model.rowCount() == 400 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 405 and not model.canFetchMore() and model.pages_fetched == 3
    assert _counted(qtbot, model) == 405
    assert len(set(_ids(model))) == 405
    assert _ids(model) == [e.id for e in session.history.entries(HistoryFilter())]


@pytest.mark.parametrize("flt", [
    HistoryFilter(),
    HistoryFilter(channel="sync"),
    HistoryFilter(status="acknowledged"),
    HistoryFilter(basis="consent"),
    HistoryFilter(search="Kāinga"),
    HistoryFilter(since=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)),
    HistoryFilter(until=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)),
])
def test_rows_are_exactly_the_stores_entries_for_the_same_filter(qtbot, session: Session,
                                                                 flt: HistoryFilter) -> None:
    build_history(session)
    flt = flt.validated()
    model = HistoryModel(session.history, page_size=4)
    model.set_filter(flt)
    expected = [e.id for e in session.history.entries(flt)]
    assert _all_rows(model) == expected
    assert _counted(qtbot, model) == len(expected)


def test_a_partner_filter_narrows_to_that_partners_rows(qtbot, session: Session) -> None:
    built = build_history(session)
    model = HistoryModel(session.history)
    model.set_filter(HistoryFilter())
    everything = model.rowCount()
    model.set_filter(HistoryFilter(partner_id=built.housing_id))
    rows = _all_rows(model)
    assert 0 < len(rows) < everything
    assert all(model.index(r, COL_PARTNER).data() == built.housing_name for r in range(model.rowCount()))
    assert rows == [e.id for e in session.history.entries(HistoryFilter(partner_id=built.housing_id))]
    _counted(qtbot, model)


@pytest.mark.parametrize(("column", "key"), [(COL_TIME, "at"), (COL_CLIENT, "client"), (COL_PARTNER, "partner"),
                                             (COL_CHANNEL, "channel"), (COL_STATUS, "status")])
def test_a_header_click_sorts_in_the_store(qtbot, session: Session, column: int, key: str) -> None:
    build_history(session)
    model = HistoryModel(session.history, page_size=5)
    model.set_filter(HistoryFilter())
    for order, descending in ((Qt.SortOrder.AscendingOrder, False), (Qt.SortOrder.DescendingOrder, True)):
        model.sort(column, order)
        assert model.sort_order == Sort(key, descending)
        assert _all_rows(model) == [e.id for e in session.history.entries(HistoryFilter(), Sort(key, descending))]
    reads = model.pages_fetched
    model.sort(COL_BASIS, Qt.SortOrder.AscendingOrder)  # the basis column has no store order: nothing changes
    assert model.pages_fetched == reads
    _counted(qtbot, model)


def test_cells_read_in_words_and_local_time(qtbot, session: Session) -> None:
    build_history(session)
    model = HistoryModel(session.history)
    model.set_filter(HistoryFilter(status="acknowledged"))
    assert model.rowCount() >= 1
    entry = model.index(0, 0).data(ROW_ROLE)
    assert model.index(0, COL_TIME).data() == moment_text(entry.at)  # the locale's short date and time
    local = entry.at.astimezone()
    before = QLocale()
    QLocale.setDefault(QLocale("en_NZ"))
    try:
        written = model.index(0, COL_TIME).data()
    finally:
        QLocale.setDefault(before)
    assert re.fullmatch(rf"{local.day:02d}/{local.month:02d}/{local.year} \d{{1,2}}:{local.minute:02d}\s[ap]m", written,
                        re.IGNORECASE), written
    assert model.index(0, COL_STATUS).data() == "Delivered (receipt verified)"
    assert model.index(0, COL_CHANNEL).data() == "Sync"
    assert model.index(0, COL_BASIS).data() == "The person's consent"
    assert model.headerData(COL_CLIENT, Qt.Orientation.Horizontal) == "Client"
    _counted(qtbot, model)


def test_a_stale_count_is_never_shown_for_a_new_filter(qtbot, session: Session) -> None:
    built = build_history(session)
    model = HistoryModel(session.history)
    totals: list[object] = []
    model.total_changed.connect(totals.append)
    model.set_filter(HistoryFilter())
    model.set_filter(HistoryFilter(partner_id=built.housing_id))  # before the first count came back
    expected = session.history.count(HistoryFilter(partner_id=built.housing_id))
    assert _counted(qtbot, model) == expected
    qtbot.wait(50)
    assert [t for t in totals if t is not None] == [expected]


def test_locking_forgets_every_row(qtbot, session: Session) -> None:
    build_history(session)
    model = HistoryModel(session.history)
    model.set_filter(HistoryFilter())
    _counted(qtbot, model)
    model.clear_session()
    assert model.rowCount() == 0 and not model.canFetchMore() and model.total is None


def test_a_store_that_cannot_answer_is_said_in_one_line(qtbot, session: Session) -> None:
    build_history(session)
    model = HistoryModel(session.history)
    model.set_filter(HistoryFilter())
    _counted(qtbot, model)
    session.lock()
    problems: list[str] = []
    model.failed.connect(problems.append)
    model.refresh()
    assert model.rowCount() == 0 and not model.canFetchMore()
    qtbot.waitUntil(lambda: not model.counting)
    assert problems and all("\n" not in p and "Ana" not in p for p in problems)
    assert model.total is None


def test_a_revocation_says_what_it_is_where_a_purpose_would_be(qtbot, world: HistoryWorld) -> None:
    model = HistoryModel(world.supervisor.history)
    model.set_filter(HistoryFilter(client_id=world.clients["ana_a"]))
    rows = {model.index(r, 0).data(ID_ROLE): r for r in range(model.rowCount())}
    assert model.index(rows[world.ids["revocation"]], COL_PURPOSE).data() == "Consent withdrawn notice"
    assert model.index(rows[world.ids["sync_ana_a"]], COL_PURPOSE).data() == "Referral"
    _counted(qtbot, model)
