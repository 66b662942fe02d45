"""What each role sees, worker administration, verify log, about/security, changing a passphrase."""

from __future__ import annotations

from gui_support import ADMIN_PASS, add_client

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tiaki.core.roles import Role
from tiaki.store.session import unlock_store
from tiaki.ui.about_dialog import AboutDialog
from tiaki.ui.client_list_model import COL_NAME
from tiaki.ui.passphrase_dialogs import ChangePassphraseDialog
from tiaki.ui.workers_dialog import AddWorkerDialog, WorkersDialog

CASEWORKER_PASS = "tui sings at dawn 42"
NEW_PASS = "kereru in the kowhai tree"


def test_caseworker_sees_only_own_caseload_and_no_workers_action(qtbot, session, data_dir, make_desktop) -> None:
    tama = session.add_worker(name="tama", display_name="Tama Rāwiri", role=Role.CASEWORKER,
                              passphrase=CASEWORKER_PASS)
    add_client(session, {"given_name": "Mine", "family_name": "Ngata"}, assign_to=tama.id)
    add_client(session, {"given_name": "Other", "family_name": "Pārata", "date_of_birth": "1990-01-01"})
    session.lock()
    caseworker = unlock_store(data_dir, passphrase=CASEWORKER_PASS, worker_name="tama")
    desktop = make_desktop()
    desktop.start(caseworker)
    main = desktop.main_window
    assert main.model.rowCount() == 1
    assert main.model.index(0, COL_NAME).data() == "Mine Ngata"
    assert not main.workers_action.isVisible()
    assert not main.verify_action.isVisible()
    assert main.workers_action not in [a for a in main.menuBar().actions() if a.isVisible()]
    assert "Caseworker" in main.worker_label.text()
    # A duplicate outside the caseload is counted, never named.
    form = main.new_client()
    form.editors["given_name"].set_value("other")
    form.editors["family_name"].set_value("parata")
    form.editors["date_of_birth"].set_value("1990-01-01")
    form.save()
    assert form.duplicate_warning is not None
    assert "1 more outside your caseload" in form.duplicate_warning.text()
    assert "Pārata" not in form.duplicate_warning.text()
    assert not form.duplicate_warning.open_buttons


def test_privacy_officer_has_workers_action_and_can_add_and_deactivate(qtbot, session, make_desktop,
                                                                      accessibility) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    assert main.workers_action.isVisible()
    dialog = WorkersDialog(session, main)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1
    assert accessibility(dialog) == []
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.sub_dialog
    assert isinstance(add, AddWorkerDialog) and add.isVisible()
    assert accessibility(add) == []
    qtbot.keyClicks(add.name, "mere")
    qtbot.keyClicks(add.display_name, "Mere P")
    add.role.setCurrentIndex(add.role.findData(Role.COORDINATOR.value))
    qtbot.keyClicks(add.passphrase.first, "short")
    add.apply()
    assert "at least 10" in add.problem.text()
    assert len(session.workers()) == 1
    add.passphrase.clear()
    qtbot.keyClicks(add.passphrase.first, CASEWORKER_PASS)
    qtbot.keyClicks(add.passphrase.second, CASEWORKER_PASS)
    add.apply()
    assert [w.role for w in session.workers() if w.name == "mere"] == [Role.COORDINATOR]
    assert dialog.table.rowCount() == 2

    dialog.select_worker("mere")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CASEWORKER.value))
    qtbot.mouseClick(dialog.set_role_button, Qt.MouseButton.LeftButton)
    assert [w.role for w in session.workers() if w.name == "mere"] == [Role.CASEWORKER]

    dialog.select_worker("mere")
    qtbot.mouseClick(dialog.deactivate_button, Qt.MouseButton.LeftButton)
    box = dialog.sub_dialog
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert [w.active for w in session.workers() if w.name == "mere"] == [False]

    # Deactivating yourself is refused by the store, and the dialog says why.
    dialog.select_worker("aroha")
    dialog.deactivate(session.worker)
    assert "yourself" in dialog.problem.text()


def test_verify_log_reports_intact_chain(qtbot, session, make_desktop) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    main.verify_action.trigger()
    run = main.verify_run
    with qtbot.waitSignal(run.done, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].intact
    assert run.result_box is not None and run.result_box.isVisible()
    assert "intact" in run.result_box.text()


def test_about_dialog_is_honest_about_limits(qtbot, session, data_dir) -> None:
    dialog = AboutDialog(session, data_dir)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert str(data_dir) in text
    assert f"{session.audit.count()} entries" in text
    for phrase in ("cannot reliably wipe", "with their own tools", "cut-off tail", "recovery key"):
        assert phrase in text


def test_change_own_passphrase(qtbot, session, data_dir) -> None:
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "wrong current phrase")
    qtbot.keyClicks(dialog.fields.first, "new phrase for aroha?")
    qtbot.keyClicks(dialog.fields.second, "new phrase for aroha?")
    dialog.apply()
    assert dialog.problem.text() == "Do not use your name in your passphrase."
    dialog.fields.clear()
    qtbot.keyClicks(dialog.fields.first, NEW_PASS)
    qtbot.keyClicks(dialog.fields.second, NEW_PASS)
    dialog.apply()
    assert "not right" in dialog.problem.text()
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, ADMIN_PASS)
    dialog.apply()
    assert dialog.result() == dialog.DialogCode.Accepted
    session.lock()
    unlock_store(data_dir, passphrase=NEW_PASS).lock()
