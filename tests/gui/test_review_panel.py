"""The review queue in the app: the model passes Qt's checks, a reviewer decides by keyboard (the item leaves the
list, the counts follow and the decision is audited), and their own override cannot be decided — the panel says
why, and shows the store's refusal cleanly if it comes anyway."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from outbox_support import shared_client
from tiaki.core.audit import Action
from tiaki.core.roles import Role
from tiaki.core.sharing import Override
from tiaki.store.session import unlock_store
from tiaki.ui.review_dashboard import ReviewDashboard
from tiaki.ui.review_panel import COL_FACT, COL_KIND, COL_WORKER, ITEM_ROLE, ReviewItemModel, ReviewPanel

JUSTIFICATION = "She said tonight he will come back with a weapon; police asked for her address."
HEMI_PASS = "kōwhai flowers by the awa 2026"


@pytest.fixture
def overrides(session, data_dir: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Two serious-threat overrides to the same partner: one queued by the reviewer (aroha, privacy officer)
    herself, one by the coordinator hemi. Returns (aroha's message id, hemi's)."""
    session.add_worker(name="hemi", display_name="Hemi Walker", role=Role.COORDINATOR, passphrase=HEMI_PASS)
    cid, pid, _partner, _consent = shared_client(session)
    mine = session.outbox.queue_share(cid, pid, "referral", override=Override(JUSTIFICATION, session.worker.id))
    hemi = unlock_store(data_dir, worker_name="hemi", passphrase=HEMI_PASS)
    try:
        theirs = hemi.outbox.queue_share(cid, pid, "referral", override=Override(JUSTIFICATION, hemi.worker.id))
    finally:
        hemi.lock()
    return mine, theirs


def _panel(qtbot, session):  # type: ignore[no-untyped-def]
    panel = ReviewPanel(session)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    with qtbot.waitSignal(panel.counts_changed) as blocker:
        panel.refresh()
    return panel, blocker.args[0]


def _select(qtbot, panel, disclosure_id: str) -> None:  # type: ignore[no-untyped-def]
    """Move down the table by keyboard until the row for ``disclosure_id`` is current."""
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(panel.model.rowCount()):
        current = panel.current_item()
        if current is not None and current.disclosure_id == disclosure_id:
            return
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    raise AssertionError("the item is not in the table")


def test_review_model_passes_qt_checks(qtmodeltester, session, overrides) -> None:
    items = session.reviews.items()
    assert {i.disclosure_id for i in items} == set(overrides)
    model = ReviewItemModel()
    model.set_items(items)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    first = model.index(0, COL_KIND)
    assert model.data(first) == "Overrides awaiting review"
    assert model.data(model.index(0, COL_FACT)) == "Shared under a serious-threat override"
    assert model.data(first, ITEM_ROLE) == items[0]


def test_deciding_by_keyboard_removes_the_item_and_audits_it(qtbot, session, overrides, accessibility) -> None:
    mine, theirs = overrides
    panel, counts = _panel(qtbot, session)
    assert counts == {"override": 2, "no_receipt": 0, "expired_agreement": 0, "unacked_revocation": 0}
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    _select(qtbot, panel, theirs)
    assert panel.model.data(panel.table.currentIndex().siblingAtColumn(COL_WORKER)) == "Hemi Walker"
    assert panel.decide_button.isEnabled() and panel.reason.isHidden()
    qtbot.keyClick(panel, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.dialog is not None)  # a mnemonic "animates" the click: it lands a moment later
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert accessibility(dialog) == []
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert not dialog.ok_button.isEnabled()  # nothing chosen, no comment yet
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.comment.hasFocus()
    qtbot.keyClicks(dialog.comment, "Police request on file; threat was current. Justified.")
    assert not dialog.ok_button.isEnabled()  # a decision is still needed
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.accepted_choice.isChecked)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(panel.counts_changed) as changed:
        qtbot.keyClick(dialog.accepted_choice, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert changed.args[0]["override"] == 1
    assert [i.disclosure_id for i in panel._items] == [mine]
    assert "Decision recorded" in panel.status.text()
    records = session.reviews.decisions(theirs)
    assert [(r.decision, r.item_kind, r.reviewer_id) for r in records] == [("accepted", "override", session.worker.id)]
    audit = [e for e in session.audit.recent(20) if e.action == Action.REVIEW_DECIDE]
    assert len(audit) == 1 and audit[0].subject_id == theirs
    assert audit[0].detail["decision"] == "accepted" and "Police" not in str(audit[0].detail)


def test_own_override_cannot_be_decided_and_says_why(qtbot, session, overrides) -> None:
    mine, _theirs = overrides
    panel, _ = _panel(qtbot, session)
    _select(qtbot, panel, mine)
    assert not panel.decide_button.isEnabled()
    assert panel.reason.isVisible()
    assert panel.reason.text() == ("You made this disclosure yourself, so another supervisor or privacy officer must "
                                   "review it.")
    assert panel.decide() is None
    # Should the button be on anyway (a stale screen), the store refuses and the dialog shows it in one line.
    panel.decide_button.setEnabled(True)
    dialog = panel.decide()
    assert dialog is not None
    dialog.rejected_choice.setChecked(True)
    dialog.comment.setPlainText("Reviewing my own disclosure should not be possible.")
    dialog.record()
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "yourself" in dialog.problem.text() and "\n" not in dialog.problem.text()
    assert session.reviews.decisions(mine) == []
    dialog.reject()


def test_show_kind_filters_and_the_dashboard_chooses_it(qtbot, session, overrides) -> None:
    panel, counts = _panel(qtbot, session)
    dashboard = ReviewDashboard()
    qtbot.addWidget(dashboard)
    dashboard.set_counts(counts)
    assert dashboard.buttons["override"].text() == "&Overrides awaiting review: 2"
    assert dashboard.buttons["no_receipt"].text() == "No rece&ipt after 7 days: 0"
    assert dashboard.buttons["override"].accessibleName() == "Overrides awaiting review: 2"
    dashboard.kind_chosen.connect(panel.show_kind)
    with qtbot.waitSignal(dashboard.kind_chosen) as chosen:
        qtbot.mouseClick(dashboard.buttons["no_receipt"], Qt.MouseButton.LeftButton)
    assert chosen.args == ["no_receipt"]
    assert panel.kind.currentData() == "no_receipt" and panel.model.rowCount() == 0
    assert not panel.decide_button.isEnabled()
    dashboard.buttons["override"].click()
    assert panel.model.rowCount() == 2
    panel.show_kind(None)
    assert panel.kind.currentIndex() == 0 and panel.model.rowCount() == 2


def test_dashboard_counts_every_kind(qtbot) -> None:
    from tiaki.core.review import REVIEW_KINDS
    from tiaki.ui.review_dashboard import BUTTON_TEXT, KIND_TEXT

    assert tuple(KIND_TEXT) == tuple(BUTTON_TEXT) == REVIEW_KINDS
    dashboard = ReviewDashboard()
    qtbot.addWidget(dashboard)
    dashboard.set_counts({"expired_agreement": 3})
    assert dashboard.counts == {"override": 0, "no_receipt": 0, "expired_agreement": 3, "unacked_revocation": 0}
    assert dashboard.buttons["expired_agreement"].text() == "Under an e&xpired agreement: 3"


def test_facts_read_as_words_and_the_comment_has_a_limit(qtbot, session, overrides, accessibility) -> None:
    import dataclasses

    from tiaki.core.review import MAX_COMMENT
    from tiaki.ui.review_panel import DecideDialog, fact_text

    panel, _ = _panel(qtbot, session)
    assert accessibility(panel) == []
    item = session.reviews.items()[0]
    assert fact_text(dataclasses.replace(item, kind="no_receipt", detail="days:12")) == "No receipt after 12 days"
    expired = dataclasses.replace(item, kind="expired_agreement", detail="agreement:abc:expired:2026-10-01")
    assert fact_text(expired) == "Agreement ended on 2026-10-01"
    submitted: list[tuple[str, str]] = []
    dialog = DecideDialog(item, lambda d, c: submitted.append((d, c)) or None)
    qtbot.addWidget(dialog)
    dialog.rejected_choice.setChecked(True)
    dialog.comment.setPlainText("x" * (MAX_COMMENT + 1))
    assert not dialog.ok_button.isEnabled() and f"{MAX_COMMENT + 1} of at most {MAX_COMMENT}" in dialog.length.text()
    dialog.comment.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.comment.setPlainText("x" * MAX_COMMENT)
    assert dialog.ok_button.isEnabled()
    dialog.record()
    assert submitted == [("rejected", "x" * MAX_COMMENT)] and dialog.result() == DecideDialog.DialogCode.Accepted


def test_every_kind_from_a_real_history_reaches_the_panel(qtbot, tmp_path: Path) -> None:
    from contextlib import closing

    from history_support import history_world

    with closing(history_world(tmp_path)) as world:
        panel, counts = _panel(qtbot, world.supervisor)
        assert counts == world.supervisor.reviews.counts()
        assert counts == {"override": 2, "no_receipt": 1, "expired_agreement": 1, "unacked_revocation": 1}
        shown = {(panel.model.item(r).kind, panel.model.item(r).disclosure_id) for r in range(panel.model.rowCount())}
        assert shown == {("override", world.ids["override"]), ("override", world.ids["admin_override"]),
                         ("no_receipt", world.ids["no_receipt"]), ("expired_agreement", world.ids["packet"]),
                         ("unacked_revocation", world.ids["revocation"])}
        facts = {panel.model.item(r).kind: panel.model.data(panel.model.index(r, COL_FACT))
                 for r in range(panel.model.rowCount())}
        assert facts["no_receipt"] == "No receipt after 19 days"  # attempted on day 2; now is day 21
        assert facts["expired_agreement"].startswith("Agreement ended on ")
        # The supervisor made none of these, so each can be decided; the privacy officer cannot decide her own.
        for row in range(panel.model.rowCount()):
            panel.table.selectRow(row)
            assert panel.decide_button.isEnabled()
        admin_panel, _ = _panel(qtbot, world.admin)
        _select(qtbot, admin_panel, world.ids["admin_override"])
        assert not admin_panel.decide_button.isEnabled() and admin_panel.reason.isVisible()
        _select(qtbot, admin_panel, world.ids["override"])
        assert admin_panel.decide_button.isEnabled()
