"""The collection step: no purpose, no save; a source; the notice in the person's language; anonymous contacts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gui_support import add_client, finish_collection, type_text, unnamed_controls

from PySide6.QtCore import Qt, QTranslator

from tiaki.core.catalogue import IDENTITY_CATEGORY
from tiaki.core.collection import NoticeTiming
from tiaki.core.notices import ITEMS
from tiaki.core.provenance import OTHER
from tiaki.core.roles import Role
from tiaki.store.session import Session, unlock_store
from tiaki.ui.client_form import ClientForm
from tiaki.ui.collection_dialog import CollectionDialog
from tiaki.ui.labels import PURPOSE_TEXT, purpose_label, ui_language
from tiaki.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SUPERVISOR_PASS = "kahikatea stands tall 7"


def _main(make_desktop, session: Session) -> MainWindow:
    desktop = make_desktop()
    desktop.start(session)
    assert desktop.main_window is not None
    return desktop.main_window


def _typed_new_form(qtbot, main: MainWindow) -> ClientForm:
    form = main.new_client()
    type_text(qtbot, form.editors["given_name"].widget, "Tūī")
    type_text(qtbot, form.editors["family_name"].widget, "Ngāwai")
    qtbot.keyClicks(form.editors["phone"].widget, "027 555 0101")
    return form


def _save(qtbot, form: ClientForm) -> CollectionDialog:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    dialog = form.collection_dialog
    assert dialog is not None and dialog.isVisible(), "saving must ask for the collection step first"
    return dialog


def test_saving_a_new_client_asks_for_purpose_and_links_values_to_the_event(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _typed_new_form(qtbot, main)
    dialog = _save(qtbot, form)
    assert session.clients.count() == 0, "nothing is saved while the collection step is open"
    assert dialog.chosen_purposes() == []
    assert not dialog.ok_button.isEnabled(), "no purpose, no save"
    assert dialog.problem.isVisibleTo(dialog) and "purpose" in dialog.problem.text()
    assert dialog.from_person.isChecked() and dialog.before.isChecked()

    dialog.set_purpose_checked("housing_support")
    dialog.set_purpose_checked("referral")
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    dialog.after.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert form.status.text() == "Saved.", form.form_error.text()
    record = session.clients.get(form.client_id)
    assert set(record.values) == {"given_name", "family_name", "phone"}
    events = {v.collection_event_id for v in record.values.values()}
    assert len(events) == 1 and None not in events
    assert all(v.purposes == {"housing_support", "referral"} for v in record.values.values())
    assert all(v.source == "person" for v in record.values.values())
    assert not record.anonymous
    line = form.provenance_labels["phone"].text()
    assert "from the person" in line and line.endswith("for: Housing support, Referral")


def test_cancelling_the_collection_step_saves_nothing_and_keeps_the_input(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _typed_new_form(qtbot, main)
    dialog = _save(qtbot, form)
    dialog.set_purpose_checked("case_management")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert session.clients.count() == 0
    assert form.client_id is None
    assert form.editors["given_name"].raw() == "Tūī" and form.editors["phone"].raw() == "027 555 0101"
    assert "cancelled" in form.status.text()
    # Escape cancels too, and a second try can still save.
    dialog = _save(qtbot, form)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and session.clients.count() == 0
    _save(qtbot, form)
    finish_collection(qtbot, form)
    assert session.clients.count() == 1


def test_someone_else_as_source_needs_a_name_and_a_reason(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = _typed_new_form(qtbot, main)
    dialog = _save(qtbot, form)
    dialog.set_purpose_checked("case_management")
    assert dialog.ok_button.isEnabled()
    assert not dialog.source_name.isEnabled() and not dialog.source_reason.isEnabled()
    dialog.from_other.setChecked(True)
    assert dialog.source_name.isEnabled() and dialog.source_reason.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert "source's name" in dialog.problem.text()
    type_text(qtbot, dialog.source_name, "Mere Ngāwai (daughter)")
    assert not dialog.ok_button.isEnabled(), "a name alone is not enough"
    qtbot.keyClicks(dialog.source_reason, "   ")
    assert not dialog.ok_button.isEnabled(), "blank reason is not a reason"
    qtbot.keyClicks(dialog.source_reason, "the person asked her to speak for them")
    assert dialog.ok_button.isEnabled()
    dialog.source_name.clear()
    assert not dialog.ok_button.isEnabled(), "a reason alone is not enough"
    type_text(qtbot, dialog.source_name, "Mere Ngāwai (daughter)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    record = session.clients.get(form.client_id)
    stored = record.values["given_name"]
    assert stored.source == OTHER
    assert stored.source_detail == "Mere Ngāwai (daughter) — the person asked her to speak for them"
    assert "from Mere Ngāwai (daughter)" in form.provenance_labels["given_name"].text()


def test_notice_shows_every_ipp3_item_in_english_and_te_reo_maori(qtbot, session, make_desktop) -> None:
    dialog = CollectionDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_purpose_checked("case_management")
    dialog.set_purpose_checked("income_support")
    names = session.notices.language_names()
    assert {dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())} == set(names.values())
    for language in ("en", "mi"):
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
        expected = session.collection_notice(language, ["case_management", "income_support"])
        shown = dialog.notice_text.toPlainText()
        for item in ITEMS:
            assert expected.items[item] in shown, (language, item)
        assert dialog.notice_text.accessibleDescription() == shown == expected.text
        assert dialog.notice_text.accessibleName()
        assert dialog.notice_text.isReadOnly()
        assert session.purposes.get("income_support").text_in(language) in shown
        assert expected.version in dialog.version_label.text()
        assert dialog.review_note.isVisibleTo(dialog) == expected.review_needed
        assert dialog.notice.language == language
    assert dialog.review_note.isVisibleTo(dialog), "te reo Māori awaits a fluent speaker's review"
    # Changing the purposes changes the notice.
    dialog.set_purpose_checked("income_support", False)
    assert session.purposes.get("income_support").text_in("mi") not in dialog.notice_text.toPlainText()
    collection = dialog.collection()
    assert collection.notice.language == "mi" and collection.notice.timing is NoticeTiming.BEFORE
    assert collection.notice.hash == session.collection_notice("mi", ["case_management"]).hash
    assert collection.notice.version == session.notices.version
    assert collection.notice.given_at.tzinfo is not None
    assert collection.purposes == {"case_management"}


def test_anonymous_contact_has_no_identity_and_only_purposes_that_need_none(qtbot, session, make_desktop) -> None:
    main = _main(make_desktop, session)
    form = main.new_client()
    assert form.anonymous_check.isVisibleTo(form) and not form.anonymous_note.isVisibleTo(form)
    type_text(qtbot, form.editors["given_name"].widget, "Tūī")
    identity = [k for k, e in form.editors.items() if e.fdef.category == IDENTITY_CATEGORY]
    assert "given_name" in identity
    form.anonymous_check.setFocus()
    qtbot.keyClick(form.anonymous_check, Qt.Key.Key_Space)
    assert form.anonymous_check.isChecked()
    for key in identity:
        assert not form.editors[key].widget.isEnabled(), key
        assert form.editors[key].raw() == "", "identity details are cleared"
    qtbot.keyClicks(form.editors["region"].widget, "N")  # a choice combo: first region starting with N
    type_text(qtbot, form.editors["case_notes"].widget, "Called about rent arrears; referred to budgeting.")
    dialog = _save(qtbot, form)
    offered = dialog.offered_purposes()
    assert offered and set(offered) == {p.key for p in session.purposes.purposes if not p.needs_identity}
    with_identity = next(p.key for p in session.purposes.purposes if p.needs_identity)
    try:
        dialog.set_purpose_checked(with_identity)
    except KeyError:
        pass
    else:
        raise AssertionError("a purpose that needs identity was offered for an anonymous contact")
    finish_collection(qtbot, form, ("helpline_contact",))
    assert form.status.text() == "Saved.", form.form_error.text()
    record = session.clients.get(form.client_id)
    assert record.anonymous
    assert not set(record.values) & set(identity)
    assert record.values["case_notes"].purposes == {"helpline_contact"}
    # The record view says the contact is anonymous and keeps identity editors shut.
    assert form.anonymous_note.isVisibleTo(form) and not form.anonymous_check.isVisibleTo(form)
    assert form.title.text() == "Anonymous contact"
    assert not form.editors["given_name"].widget.isEnabled()
    reopened = main.open_client(record.id)
    assert reopened is not None and reopened.anonymous_note.isVisibleTo(reopened)
    # Unticking brings the identity editors back.
    other = main.new_client()
    other.anonymous_check.setChecked(True)
    other.anonymous_check.setChecked(False)
    assert other.editors["given_name"].widget.isEnabled()


def test_every_control_in_the_collection_step_is_named(qtbot, session, accessibility) -> None:
    for anonymous in (False, True):
        dialog = CollectionDialog(session, None, anonymous=anonymous)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.from_other.setChecked(True)  # the source fields are reachable then
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("mi"))
        assert accessibility(dialog) == []
        assert unnamed_controls(dialog) == []
        for button in (dialog.ok_button, dialog.cancel_button, dialog.from_person, dialog.from_other,
                       dialog.before, dialog.after):
            assert button.accessibleName() and "&" not in button.accessibleName()
        for edit in (dialog.source_name, dialog.source_reason, dialog.language_combo, dialog.purpose_list):
            assert edit.accessibleName()


def test_editing_an_existing_client_asks_for_the_collection_step(qtbot, session, make_desktop) -> None:
    created = add_client(session, {"given_name": "Hēmi", "family_name": "Ngata"})
    first_event = created.values["given_name"].collection_event_id
    main = _main(make_desktop, session)
    form = main.open_client(created.id)
    assert form is not None and not form.anonymous_check.isVisibleTo(form)
    qtbot.keyClicks(form.editors["phone"].widget, "021 555 0199")
    dialog = _save(qtbot, form)
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "phone" not in session.clients.get(created.id).values
    assert form.editors["phone"].raw() == "021 555 0199"
    _save(qtbot, form)
    finish_collection(qtbot, form, ("health_coordination",))
    record = session.clients.get(created.id)
    assert record.values["phone"].purposes == {"health_coordination"}
    assert record.values["phone"].collection_event_id not in (None, first_event)
    assert record.values["given_name"].collection_event_id == first_event
    # Saving with nothing changed asks nothing and writes nothing.
    form.save()
    assert form.status.text() == "Nothing has changed."
    assert form.collection_dialog is dialog or not form.collection_dialog.isVisible()


def test_duplicate_save_anyway_also_needs_the_collection_step(qtbot, session, make_desktop) -> None:
    add_client(session, {"given_name": "Mere", "family_name": "Pōmare", "date_of_birth": "1975-06-30"})
    main = _main(make_desktop, session)
    form = main.new_client()
    qtbot.keyClicks(form.editors["given_name"].widget, "Mere")
    type_text(qtbot, form.editors["family_name"].widget, "Pōmare")
    qtbot.keyClicks(form.editors["date_of_birth"].widget, "1975-06-30")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    warning = form.duplicate_warning
    assert warning is not None
    qtbot.mouseClick(warning.save_button, Qt.MouseButton.LeftButton)
    dialog = form.collection_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert session.clients.count() == 1
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.duplicate_warning.save_button, Qt.MouseButton.LeftButton)
    finish_collection(qtbot, form)
    assert session.clients.count() == 2


def test_purpose_labels_cover_the_catalogue_and_purposes_follow_the_ui_language(qapp, session) -> None:
    assert set(PURPOSE_TEXT) == set(session.purposes.keys)
    assert purpose_label("case_management") == "Case management"
    assert purpose_label("not_a_purpose") == "not_a_purpose"
    dialog = CollectionDialog(session, None)
    try:
        texts = [dialog.purpose_list.item(i).text() for i in range(dialog.purpose_list.count())]
        assert texts == [p.text_in("en") for p in session.purposes.purposes]
    finally:
        dialog.deleteLater()


@pytest.mark.skipif(not (BIN / "pyside6-lrelease").exists(), reason="pyside6-lrelease is not installed")
def test_purposes_are_shown_in_te_reo_maori_when_the_interface_is(qapp, session, tmp_path: Path) -> None:
    shutil.copy(ROOT / "i18n" / "tiaki_mi.ts", tmp_path / "tiaki_mi.ts")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(tmp_path / "tiaki_mi.ts"), "-qm",
                    str(tmp_path / "tiaki_mi.qm")], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load("tiaki_mi", str(tmp_path))
    qapp.installTranslator(translator)
    try:
        assert ui_language() == "mi"
        dialog = CollectionDialog(session, None)
        texts = [dialog.purpose_list.item(i).text() for i in range(dialog.purpose_list.count())]
        assert texts == [p.text_in("mi") for p in session.purposes.purposes]
        assert dialog.language_combo.currentData() == "mi", "the notice starts in the interface's language"
        dialog.deleteLater()
    finally:
        qapp.removeTranslator(translator)
    assert ui_language() == "en"


def test_read_only_record_keeps_identity_choices_shut(qtbot, session, data_dir, make_desktop) -> None:
    created = add_client(session, {"given_name": "Ana", "family_name": "Havili", "gender": "female"})
    session.add_worker(name="hine", display_name="Hine", role=Role.SUPERVISOR, passphrase=SUPERVISOR_PASS)
    session.lock()
    supervisor = unlock_store(data_dir, passphrase=SUPERVISOR_PASS, worker_name="hine")
    main = _main(make_desktop, supervisor)
    form = main.open_client(created.id)
    assert form is not None and not form.save_button.isVisibleTo(form)
    assert not form.editors["gender"].widget.isEnabled(), "a read-only record's choices stay read-only"
    assert not form.anonymous_check.isVisibleTo(form) and not form.anonymous_note.isVisibleTo(form)
    assert form.provenance_labels["gender"].text().endswith("for: Case management")
