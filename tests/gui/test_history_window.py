"""The Sharing history window, driven as a worker drives it: by keyboard from the main window, filtering,
reading a disclosure's detail, checking the log, saving a report (or deciding not to), and a caseworker who
sees only their caseload."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from gui_support import type_text

from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from history_support import HistoryWorld, history_world
from outbox_support import PERSON, PartnerIdentity, agree, consent, enrol
from support import collected
from tiaki.core.audit import Action
from tiaki.core.history_filter import HistoryFilter, day_range
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Role
from tiaki.core.sharing import Override
from tiaki.store.session import Session, unlock_store
from tiaki.ui.history_detail import DetailText
from tiaki.ui.history_filters import local_zone
from tiaki.ui.history_model import COL_BASIS, COL_PARTNER, ID_ROLE
from tiaki.ui.history_window import HistoryWindow

CASEWORKER, CASEWORKER_PASS = "mere", "tui sing in the kowhai"
JUSTIFICATION = "Police report a threat to her life tonight; the refuge must know where she is."
DETAILS = ReferralDetails(reason="Needs safe housing", urgency="urgent", services="Housing assessment", note="")


@dataclass
class HistoryBuild:
    session: Session
    acked_id: str  # acknowledged by the partner's signed receipt
    acked_partner_id: str
    acked_partner_name: str
    override_id: str  # queued under a serious-threat override
    packet_id: str  # a referral packet (and its printed form)
    caseworker_ids: list[str] = field(default_factory=list)  # disclosures about the caseworker's clients


def build_history(session: Session) -> HistoryBuild:
    """A privacy officer's store: a caseworker with one client, another client of the privacy officer, two sync
    partners and a packet-only partner; one share acknowledged with a verified receipt, one under a
    serious-threat override, a referral packet with its printed form, the rest queued."""
    mere = session.add_worker(name=CASEWORKER, display_name="Mere Tipene", role=Role.CASEWORKER,
                              passphrase=CASEWORKER_PASS)
    awhina_id, awhina = enrol(session, "Te Whare Āwhina")
    housing_id, _housing = enrol(session, "Kāinga Housing Trust")
    for pid in (awhina_id, housing_id):
        agree(session, pid)
    hers = session.clients.create(PERSON, collection=collected(session), assign_to=mere.id).id
    other = session.clients.create({"given_name": "Wiremu", "family_name": "Tamihana"},
                                   collection=collected(session)).id
    for cid in (hers, other):
        for pid in (awhina_id, housing_id):
            consent(session, cid, pid)
    acked = session.outbox.queue_share(hers, awhina_id, "referral")
    sealed = session.outbox.seal_next(awhina_id, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = awhina.open(sealed.data)
    session.outbox.record_receipts(awhina_id, [awhina.receipt(message, sealed.envelope_id)])
    session.outbox.queue_share(other, awhina_id, "referral")
    session.outbox.queue_share(other, housing_id, "referral")
    mine = [acked, session.outbox.queue_share(hers, housing_id, "referral")]
    override = session.outbox.queue_share(other, housing_id, "referral",
                                          override=Override(JUSTIFICATION, session.worker.id))
    packet_partner = PartnerIdentity("Te Puna Ora Health", inbox_url=None)
    packet_partner_id = session.outbox.enroll_partner(packet_partner.card).id
    agree(session, packet_partner_id)
    consent(session, other, packet_partner_id)
    packet = session.referrals.export(other, packet_partner_id, "referral", DETAILS).message_id
    session.referrals.record_form(packet, saved_pdf=False)
    return HistoryBuild(session, acked, awhina_id, "Te Whare Āwhina", override, packet, mine)


def caseworker_session(built: HistoryBuild) -> Session:
    return unlock_store(built.session.data_dir, passphrase=CASEWORKER_PASS, worker_name=CASEWORKER)


def _open(qtbot, make_desktop, session: Session) -> HistoryWindow:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    window = main.history_window
    assert window is not None and window.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _settled(qtbot, window)
    return window


def _settled(qtbot, window: HistoryWindow) -> None:  # type: ignore[no-untyped-def]
    """Every background read the window started has come back (counts, the dashboard, the picture)."""
    def idle() -> bool:
        tasks = (window.model.count_task, window.counts_task, window.picture_task, window.report_task)
        return all(t is None or not t.running for t in tasks)
    qtbot.waitUntil(idle, timeout=10_000)


def _ids(window: HistoryWindow) -> list[str]:
    model = window.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def _actions(session: Session, action: str) -> int:
    return sum(1 for e in session.audit.recent(500) if e.action == action)


def test_filter_select_detail_then_verify_by_keyboard(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    views = _actions(session, Action.SHARING_HISTORY_VIEW)
    window = _open(qtbot, make_desktop, session)
    assert _actions(session, Action.SHARING_HISTORY_VIEW) == views + 1  # opening the window is audited once
    everything = window.model.rowCount()
    assert window.filters.search.hasFocus()

    type_text(qtbot, window.filters.search, built.acked_partner_name)
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)  # asks now and moves to the results
    flt = HistoryFilter(search=built.acked_partner_name).validated()
    assert window.model.filter == flt
    expected = [e.id for e in session.history.entries(flt)]
    assert 0 < len(expected) < everything
    assert _ids(window) == expected
    assert window.table.hasFocus() and window.table.currentIndex().row() == 0
    target = expected.index(built.acked_id)
    for _ in range(target):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().data(ID_ROLE) == built.acked_id

    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.entry.id == built.acked_id)
    text = window.detail.text()
    assert "Given name" in text and "The person's consent" in text  # a field that went, with its basis
    assert "Signature verified" in text and "NOT verified" not in text
    assert "Withheld, and why" in text
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert window.detail.view.hasFocus(), "Tab moves from the list into the detail, which reads by keyboard"
    qtbot.keyClick(window.detail.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.table.hasFocus()
    views = _actions(session, Action.DISCLOSURE_VIEW)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # Enter: the detail at once, with the keyboard in it
    assert window.detail.view.hasFocus() and _actions(session, Action.DISCLOSURE_VIEW) == views

    qtbot.keyClick(window.tabs, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.verify_panel
    panel = window.verify_panel
    with qtbot.waitSignal(panel.finished, timeout=10_000) as result:
        panel.verify_button.setFocus()
        qtbot.keyClick(panel.verify_button, Qt.Key.Key_Space)
    assert result.args[0] is not None and result.args[0].intact
    assert "intact" in panel.result_label.text()
    _settled(qtbot, window)


def test_ctrl_h_opens_one_window_and_locking_closes_it(qtbot, session: Session, make_desktop) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    main = window.parent()
    views = _actions(session, Action.SHARING_HISTORY_VIEW)
    assert main.show_history() is window  # raised, not opened twice
    assert _actions(session, Action.SHARING_HISTORY_VIEW) == views
    main.lock_requested.emit()
    QApplication.processEvents()
    assert main.history_window is None and not shiboken6.isValid(window)  # closed and deleted with its rows
    assert not session.is_open


def test_a_caseworker_sees_only_their_caseload(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    session.lock()
    mine = caseworker_session(built)
    window = _open(qtbot, make_desktop, mine)
    rows = _ids(window)
    assert rows == [e.id for e in mine.history.entries(HistoryFilter())]
    assert rows and set(rows) == set(built.caseworker_ids)
    assert window.review_panel is None and window.verify_panel is None and window.dashboard is None
    assert [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())] == ["History", "Picture"]
    _settled(qtbot, window)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path)) as built:
        yield built


def test_in_a_team_each_role_sees_its_share_of_the_history(qtbot, world: HistoryWorld, make_desktop) -> None:
    """Over the review world (five workers, sync through a real inbox, packets, overrides): a caseworker's
    window lists their caseload's disclosures only; a supervisor's lists the team's and can review and verify."""
    tama = _open(qtbot, make_desktop, world.unlock("tama"))
    rows = _ids(tama)
    assert rows == [e.id for e in world.tama.history.entries(HistoryFilter())]
    mine = {world.clients["tama_a"], world.clients["tama_b"]}
    team = [e for e in world.supervisor.history.entries(HistoryFilter())]
    assert rows == [e.id for e in team if e.client_id in mine] and len(rows) < len(team)
    assert tama.review_panel is None and tama.verify_panel is None and tama.dashboard is None
    _settled(qtbot, tama)

    supervisor = _open(qtbot, make_desktop, world.unlock("supervisor"))
    assert _ids(supervisor) == [e.id for e in team]
    assert supervisor.review_panel is not None and supervisor.verify_panel is not None
    assert supervisor.dashboard is not None and supervisor.dashboard.counts == world.supervisor.reviews.counts()
    row = _ids(supervisor).index(world.ids["sync_tama_a"])
    supervisor.table.selectRow(row)
    supervisor.detail.load_now()
    text = supervisor.detail.text()
    assert "Signature verified" in text and "Tama Ngata" in text
    supervisor.table.selectRow(_ids(supervisor).index(world.ids["no_receipt"]))
    supervisor.detail.load_now()
    assert "No receipt yet" in supervisor.detail.text()
    _settled(qtbot, supervisor)


def _save(qtbot, monkeypatch, window: HistoryWindow, path: Path | None, which: str):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def save_as(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("asked")
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    box = window.save_report()
    assert box is not None and box.isVisible()
    assert "personal information" in box.text() and "NOT" in box.text()
    button = {"csv": window.report_csv, "pdf": window.report_pdf,
              "cancel": box.button(QMessageBox.StandardButton.Cancel)}[which]
    with qtbot.waitSignal(window.report_done, timeout=20_000) as done:
        button.click()
    return done.args[0], asked


def test_saving_a_csv_report_after_the_warning_writes_the_file_and_audits_it(qtbot, session: Session, make_desktop,
                                                                           monkeypatch, tmp_path: Path) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    window.filters.set_filter(HistoryFilter(partner_id=built.acked_partner_id))
    flt = window.model.filter
    expected = [e.id for e in session.history.entries(flt)]
    path = tmp_path / "history.csv"
    saved, asked = _save(qtbot, monkeypatch, window, path, "csv")
    assert saved == path and asked == ["asked"]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + len(expected)
    assert (path.stat().st_mode & 0o777) == 0o600
    [entry] = [e for e in session.audit.recent(20) if e.action == Action.HISTORY_REPORT]
    assert entry.detail["entries"] == len(expected) and entry.detail["format"] == "csv"
    assert entry.detail["filter"]["partner_id"] == built.acked_partner_id
    assert built.acked_partner_name not in str(entry.detail)
    assert not list(tmp_path.glob(".*.tmp"))


def test_declining_the_warning_writes_nothing(qtbot, session: Session, make_desktop, monkeypatch,
                                              tmp_path: Path) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    before = _actions(session, Action.HISTORY_REPORT)
    out = tmp_path / "reports"
    out.mkdir()
    saved, asked = _save(qtbot, monkeypatch, window, out / "history.csv", "cancel")
    assert saved is None and asked == [] and list(out.iterdir()) == []
    saved, asked = _save(qtbot, monkeypatch, window, None, "csv")  # the save dialog cancelled
    assert saved is None and asked == ["asked"] and list(out.iterdir()) == []
    assert _actions(session, Action.HISTORY_REPORT) == before


def test_saving_a_pdf_report(qtbot, session: Session, make_desktop, monkeypatch, tmp_path: Path) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    saved, _asked = _save(qtbot, monkeypatch, window, tmp_path / "history", "pdf")
    assert saved == tmp_path / "history.pdf" and saved.read_bytes().startswith(b"%PDF")
    [entry] = [e for e in session.audit.recent(20) if e.action == Action.HISTORY_REPORT]
    assert entry.detail["format"] == "pdf" and entry.detail["entries"] == window.model.total


def test_the_picture_follows_the_filter(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    window.tabs.setCurrentWidget(window.picture_page)
    _settled(qtbot, window)
    assert window.chart.total == session.history.weekly(HistoryFilter()).total > 0
    window.filters.set_filter(HistoryFilter(partner_id=built.acked_partner_id))
    _settled(qtbot, window)
    assert window.chart.total == session.history.weekly(window.model.filter).total
    assert [name for _pid, name in window.chart.series] == [built.acked_partner_name]


def test_every_control_is_named(qtbot, session: Session, make_desktop, accessibility) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    assert accessibility(window) == []
    box = window.save_report()
    assert box is not None
    assert all(b.accessibleName() for b in box.buttons())
    box.reject()
    _settled(qtbot, window)


def test_the_dashboard_counts_and_opens_the_review_queue_at_that_kind(qtbot, session: Session,
                                                                       make_desktop) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    assert window.dashboard is not None
    assert window.dashboard.counts == session.reviews.counts() and window.dashboard.counts["override"] == 1
    assert window.problem.text() == ""
    qtbot.keyClick(window.dashboard.buttons["override"], Qt.Key.Key_Space)
    assert window.tabs.currentWidget() is window.review_panel
    panel = window.review_panel
    assert panel.model.rowCount() == 1 and panel.current_item().disclosure_id == built.override_id
    _settled(qtbot, window)


def test_the_detail_of_an_override_and_of_a_packet(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    window.filters.basis.setCurrentIndex(window.filters.basis.findData("serious_threat"))
    assert _ids(window) == [built.override_id]
    window.table.selectRow(0)
    detail = window.detail.load_now()
    assert detail is not None and detail.entry.override
    text = window.detail.text()
    assert "Serious-threat override" in text and JUSTIFICATION in text and "No receipt yet" in text
    assert window.model.index(0, COL_BASIS).data().startswith("Serious-threat override")
    window.filters.clear()
    window.filters.channel.setCurrentIndex(window.filters.channel.findData("packet"))
    assert _ids(window) == [built.packet_id]
    window.table.selectRow(0)
    window.detail.load_now()
    assert "a packet or a printed form leaves by hand" in window.detail.text()
    assert _actions(session, Action.DISCLOSURE_VIEW) == 2  # each detail opened is audited
    _settled(qtbot, window)


def test_dates_are_whole_local_days_and_a_bad_range_is_said(qtbot, session: Session, make_desktop) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    bar = window.filters
    everything = window.model.rowCount()
    today = QDate.currentDate()
    bar.since_check.setChecked(True)
    bar.since.setDate(today)
    bar.apply_now()
    assert window.model.rowCount() == everything  # everything was shared today
    since, until = day_range(dt.date.today(), None, local_zone())
    assert window.model.filter.since == since and until is None
    bar.until_check.setChecked(True)
    bar.until.setDate(today.addDays(-1))
    assert bar.apply_now() is None and "before" in bar.problem.text()
    assert window.model.rowCount() == everything  # the last good filter stays
    bar.until.setDate(today)
    bar.apply_now()
    assert bar.problem.text() == "" and window.model.rowCount() == everything
    bar.since.setDate(today.addDays(-3))
    bar.until.setDate(today.addDays(-1))
    bar.apply_now()
    assert window.model.rowCount() == 0 and session.history.count(window.model.filter) == 0
    qtbot.keyClick(bar.clear_button, Qt.Key.Key_Space)
    assert window.model.filter == HistoryFilter() and window.model.rowCount() == everything
    assert not bar.since_check.isChecked() and not bar.since.isEnabled()
    _settled(qtbot, window)


def test_the_filter_lists_come_from_the_history(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    bar = window.filters
    partners = [bar.partner.itemText(i) for i in range(1, bar.partner.count())]
    assert partners == ["Kāinga Housing Trust", "Te Puna Ora Health", "Te Whare Āwhina"]
    assert bar.worker.findData(session.worker.id) > 0
    qtbot.keyClick(bar.partner, Qt.Key.Key_End)  # the keyboard picks the last partner
    assert window.model.filter.partner_id == bar.partner.currentData()
    assert _ids(window) == [e.id for e in session.history.entries(window.model.filter)]
    assert {window.model.index(r, COL_PARTNER).data() for r in range(window.model.rowCount())} == {
        built.acked_partner_name}
    _settled(qtbot, window)


def test_f5_reads_what_was_shared_since_the_window_opened(qtbot, session: Session, make_desktop) -> None:
    build_history(session)
    window = _open(qtbot, make_desktop, session)
    before = _ids(window)
    pid, _partner = enrol(session, "Ōtaki Whānau Services")
    agree(session, pid)
    client_id = session.clients.create(PERSON, collection=collected(session)).id
    consent(session, client_id, pid)
    new = session.outbox.queue_share(client_id, pid, "referral")
    assert _ids(window) == before
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert _ids(window) == [new, *before]
    partners = window.filters.partner
    assert "Ōtaki Whānau Services" in [partners.itemText(i) for i in range(partners.count())]
    _settled(qtbot, window)
    assert window.count_label.text() == f"{len(before) + 1} disclosure(s)"


def test_typing_a_search_asks_once_the_typing_pauses(qtbot, session: Session, make_desktop) -> None:
    built = build_history(session)
    window = _open(qtbot, make_desktop, session)
    reads: list[HistoryFilter] = []
    window.filters.filter_changed.connect(reads.append)
    type_text(qtbot, window.filters.search, "Wiremu")
    assert reads == [] and window.model.filter == HistoryFilter()  # not a query per keystroke
    qtbot.waitUntil(lambda: reads != [])
    assert reads == [HistoryFilter(search="Wiremu")]
    assert _ids(window) == [e.id for e in session.history.entries(HistoryFilter(search="Wiremu"))]
    assert built.acked_id not in _ids(window)
    _settled(qtbot, window)


def test_a_receipt_whose_signature_no_longer_verifies_is_said_plainly(qtbot, session: Session) -> None:
    built = build_history(session)
    detail = session.history.detail(built.acked_id)
    assert detail.receipt_verified is True
    text = DetailText(session)
    assert "Signature verified" in text.html(detail)
    broken = text.html(dataclasses.replace(detail, receipt_verified=False))
    assert "Signature NOT verified" in broken and "Signature verified" not in broken


def test_closing_while_counting_leaves_nothing_behind(qtbot, session: Session, make_desktop) -> None:
    build_history(session)
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    for _ in range(3):
        window = main.show_history()
        assert window is not None
        tasks = [window.model.count_task, window.counts_task]
        window.close()  # at once: the count and the review counts are still on their worker threads
        QApplication.processEvents()
        assert main.history_window is None
        assert all(not shiboken6.isValid(t) for t in tasks)  # deleted with the window
    assert QThreadPool.globalInstance().waitForDone(10_000)  # every worker thread has delivered its result
    QApplication.processEvents()  # a result that reached a deleted window would raise (and fail) here
    assert session.is_open
