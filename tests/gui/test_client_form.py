"""Recording clients through the real form: typing, inline validation, duplicates, provenance, search."""

from __future__ import annotations

from gui_support import ADMIN, add_client, finish_collection, type_text

from PySide6.QtCore import Qt

from tiaki.core.audit import Action
from tiaki.store.session import Session
from tiaki.ui.client_form import ClientForm
from tiaki.ui.client_list_model import CLIENT_ID_ROLE, COL_NAME
from tiaki.ui.main_window import MainWindow


def _main(make_desktop, session: Session) -> MainWindow:
    desktop = make_desktop()
    desktop.start(session)
    assert desktop.main_window is not None
    return desktop.main_window


def _new_form(main: MainWindow) -> ClientForm:
    main.new_client_action.trigger()
    assert main.new_forms, "New client opened no form"
    form = main.new_forms[-1]
    assert form.isVisible()
    return form


def _search(qtbot, main: MainWindow, text: str) -> int:
    main.search.clear()
    type_text(qtbot, main.search, text)
    qtbot.waitUntil(lambda: main.model.query == text)
    return main.model.rowCount()


def test_add_client_through_form_then_find_it_with_and_without_macrons(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _new_form(main)
    type_text(qtbot, form.editors["given_name"].widget, "Tūī")
    type_text(qtbot, form.editors["family_name"].widget, "Māori-Whānau")
    qtbot.keyClicks(form.editors["date_of_birth"].widget, "1990-04-12")
    qtbot.keyClicks(form.editors["phone"].widget, "027 555 0101")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    finish_collection(qtbot, form)

    assert form.status.text() == "Saved.", form.form_error.text()
    assert form.client_id is not None
    record = session.clients.get(form.client_id)
    assert record.fields["given_name"] == "Tūī" and record.fields["family_name"] == "Māori-Whānau"
    assert record.fields["phone"] == "027 555 0101"
    assert main.model.rowCount() == 1
    assert "1 client" in main.count_label.text()

    for query in ("maori", "whanau", "MĀORI", "tui wha"):
        assert _search(qtbot, main, query) == 1, query
        assert main.model.index(0, COL_NAME).data() == "Tūī Māori-Whānau"
    assert _search(qtbot, main, "tama") == 0
    assert "0 client(s) match" in main.count_label.text()


def test_open_from_list_with_enter_is_an_audited_view_with_provenance(qtbot, session, make_desktop) -> None:
    created = add_client(session, {"given_name": "Hēmi", "family_name": "Ngata", "date_of_birth": "1980-01-02"})
    main = _main(make_desktop, session)
    main.table.setFocus()
    main.table.selectRow(0)
    assert main.table.currentIndex().data(CLIENT_ID_ROLE) == created.id
    qtbot.keyClick(main.table, Qt.Key.Key_Return)
    form = main.forms.get(created.id)
    assert form is not None and form.isVisible()
    assert session.audit.recent(1)[0].action == Action.CLIENT_VIEW
    provenance = form.provenance_labels["given_name"]
    assert provenance.isVisibleTo(form)
    assert provenance.text().startswith(f"Recorded by {ADMIN}") and "from the person" in provenance.text()
    assert provenance.text().endswith("for: Case management")
    assert not form.provenance_labels["phone"].isVisibleTo(form)

    # Edit and save: only the changed field gets new provenance.
    qtbot.keyClicks(form.editors["phone"].widget, "021 555 0199")
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.editors["phone"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    finish_collection(qtbot, form, ("referral",))
    assert form.status.text() == "Saved."
    record = session.clients.get(created.id)
    assert record.fields["phone"] == "021 555 0199"
    assert record.values["phone"].purposes == {"referral"}
    assert record.values["given_name"].purposes == {"case_management"}, "unchanged values keep their provenance"
    assert form.provenance_labels["phone"].text().endswith("for: Referral")


def test_bad_date_shows_inline_message_and_save_refuses(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _new_form(main)
    qtbot.keyClicks(form.editors["given_name"].widget, "Aroha")
    dob = form.editors["date_of_birth"].widget
    qtbot.keyClicks(dob, "12/04/1990")
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    dob.setFocus()
    qtbot.waitUntil(dob.hasFocus)
    qtbot.keyClick(dob, Qt.Key.Key_Tab)  # leaving the field validates it
    assert not dob.hasFocus()
    error = form.error_labels["date_of_birth"]
    assert error.isVisibleTo(form)
    assert error.text() == "Date of birth must be a date written as YYYY-MM-DD."
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert session.clients.count() == 0
    assert form.form_error.isVisibleTo(form)
    assert form.client_id is None
    assert dob.text() == "12/04/1990", "input must survive a refused save"
    dob.clear()
    qtbot.keyClicks(dob, "2026-13-45")
    qtbot.keyClick(dob, Qt.Key.Key_Return)
    assert error.text() == "Date of birth is not a real date."
    # Fixing the value clears the message as the worker types.
    dob.clear()
    qtbot.keyClicks(dob, "1990-01-01")
    assert not error.isVisibleTo(form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    finish_collection(qtbot, form)
    assert session.clients.count() == 1


def test_required_name_missing_is_shown_and_nothing_saved(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _new_form(main)
    type_text(qtbot, form.editors["family_name"].widget, "Pōmare")
    form.save_action.trigger()
    assert form.error_labels["given_name"].text() == "Given name is required."
    assert session.clients.count() == 0


def test_duplicate_warning_offers_open_existing_or_save_anyway(qtbot, session, make_desktop) -> None:
    existing = add_client(session, {"given_name": "Mere", "family_name": "Pōmare", "date_of_birth": "1975-06-30"})
    main = _main(make_desktop, session)
    form = _new_form(main)
    qtbot.keyClicks(form.editors["given_name"].widget, "mere")
    qtbot.keyClicks(form.editors["family_name"].widget, "POMARE")
    qtbot.keyClicks(form.editors["date_of_birth"].widget, "1975-06-30")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    warning = form.duplicate_warning
    assert warning is not None and warning.isVisible()
    assert "may already exist: Mere Pōmare (1975-06-30)" in warning.text()
    assert session.clients.count() == 1, "nothing is saved while the warning is open"

    qtbot.mouseClick(warning.open_buttons[0], Qt.MouseButton.LeftButton)
    assert existing.id in main.forms and main.forms[existing.id].isVisible()
    assert session.clients.count() == 1

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    warning = form.duplicate_warning
    qtbot.mouseClick(warning.save_button, Qt.MouseButton.LeftButton)
    assert session.clients.count() == 1, "the collection step comes before saving anyway"
    finish_collection(qtbot, form)
    assert session.clients.count() == 2
    assert form.client_id not in (None, existing.id)


def test_archive_asks_then_removes_from_list(qtbot, session, make_desktop) -> None:
    created = add_client(session, {"given_name": "Rāwiri", "family_name": "Paewai"})
    main = _main(make_desktop, session)
    form = main.open_client(created.id)
    assert form is not None
    qtbot.mouseClick(form.archive_button, Qt.MouseButton.LeftButton)
    box = form.confirm_box
    assert box is not None and box.isVisible()
    assert session.clients.count() == 1
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert session.clients.count() == 0
    qtbot.waitUntil(lambda: main.model.rowCount() == 0)


def test_unsaved_changes_are_not_dropped_by_closing(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _new_form(main)
    qtbot.keyClicks(form.editors["given_name"].widget, "Kiri")
    form.close()
    assert form.isVisible(), "a form with unsaved typing must ask before closing"
    assert form.confirm_box is not None and form.confirm_box.isVisible()
