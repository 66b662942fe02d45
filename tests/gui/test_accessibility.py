"""Every control a keyboard or screen-reader user can reach has a name, and the main path works by keyboard."""

from __future__ import annotations

from gui_support import add_client, add_partner_with_agreement, consent_input, unnamed_controls

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from tiaki.ui.about_dialog import AboutDialog
from tiaki.ui.agreement_dialog import AddAgreementDialog
from tiaki.ui.consent_dialogs import RecordConsentDialog, WithdrawConsentDialog
from tiaki.ui.open_referral_dialog import OpenReferralDialog
from tiaki.ui.partners_dialog import AddPartnerDialog, PartnersDialog
from tiaki.ui.passphrase_dialogs import ChangePassphraseDialog, ResetPassphraseDialog
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.referral_keys_dialog import ReceivingCardDialog, SenderCardDialog, TrustSenderDialog
from tiaki.ui.settings_dialog import SettingsDialog
from tiaki.ui.share_preview import SharePreviewDialog


def test_the_check_itself_finds_an_unnamed_control(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    named, unnamed, hidden = QLineEdit(window), QLineEdit(window), QLineEdit(window)
    named.setAccessibleName("Named")
    hidden.hide()
    for edit in (named, unnamed, hidden):
        layout.addWidget(edit)
    assert len(unnamed_controls(window)) == 1
    unnamed.setAccessibleName("Now named")
    assert unnamed_controls(window) == []


def test_main_window_and_client_form_controls_are_named(qtbot, session, make_desktop, accessibility) -> None:
    created = add_client(session, {"given_name": "Ana", "family_name": "Havili", "gender": "female"})
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    main.notice.show()
    assert accessibility(main) == []
    new_form = main.new_client()
    assert accessibility(new_form) == []
    form = main.open_client(created.id)
    assert accessibility(form) == []
    for dialog in (AboutDialog(session, session.data_dir, main), ChangePassphraseDialog(session, main),
                   ResetPassphraseDialog(session, session.worker, main), SettingsDialog(session, main)):
        dialog.show()
        assert accessibility(dialog) == [], type(dialog).__name__
        dialog.close()


def test_consent_and_sharing_dialogs_are_named(qtbot, session, make_desktop, accessibility) -> None:
    partner = add_partner_with_agreement(session)
    created = add_client(session, {"given_name": "Ana", "family_name": "Havili"})
    record = session.sharing.record_consent(created.id, consent_input([partner.id]))
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    form = main.open_client(created.id)
    form.show_consent()
    assert accessibility(form) == []
    for dialog in (RecordConsentDialog(session, created.id, form), WithdrawConsentDialog(session, record, "", form),
                   SharePreviewDialog(session, created.id, "Ana Havili", form), PartnersDialog(session, main),
                   AddPartnerDialog(session, main), AddAgreementDialog(session, partner, main),
                   ReferralDialog(session, created.id, "Ana Havili", form), OpenReferralDialog(session, main),
                   TrustSenderDialog(session, main), ReceivingCardDialog(session, main),
                   SenderCardDialog(session, main)):
        dialog.show()
        assert accessibility(dialog) == [], type(dialog).__name__
        dialog.close()
    preview = SharePreviewDialog(session, created.id, "Ana Havili", form)
    preview.show()
    preview.override.setChecked(True)  # the justification box appears
    assert accessibility(preview) == []
    preview.close()


def test_keyboard_path_new_client_save_and_find(qtbot, session, make_desktop) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main.search.hasFocus()
    qtbot.keyClick(main.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert main.new_forms
    form = main.new_forms[-1]
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    given = form.editors["given_name"].widget
    given.setFocus()
    qtbot.keyClicks(given, "Wiremu")
    qtbot.keyClick(given, Qt.Key.Key_Tab)
    assert form.copy_buttons["given_name"].hasFocus(), "Tab moves to the field's copy button"
    qtbot.keyClick(form.copy_buttons["given_name"], Qt.Key.Key_Tab)
    assert form.editors["family_name"].widget.hasFocus()
    qtbot.keyClicks(form.editors["family_name"].widget, "Tamihana")
    qtbot.keyClick(form.editors["family_name"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = form.collection_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.purpose_list.hasFocus(), "the collection step starts at the purposes"
    qtbot.keyClick(dialog.purpose_list, Qt.Key.Key_Space)  # ticks the current (first) purpose
    assert dialog.chosen_purposes() == ["case_management"]
    qtbot.keyClick(dialog.purpose_list, Qt.Key.Key_Return)  # the dialog's Save
    assert session.clients.count() == 1
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.search.setFocus()
    qtbot.keyClicks(main.search, "wire")
    qtbot.keyClick(main.search, Qt.Key.Key_Return)  # runs the search now and moves to the results
    assert main.table.hasFocus() and main.table.currentIndex().row() == 0
