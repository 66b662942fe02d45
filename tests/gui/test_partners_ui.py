"""Partners and agreements: the privacy officer adds them through the dialogs; others cannot."""

from __future__ import annotations

import datetime as dt

from gui_support import add_client

from PySide6.QtCore import Qt

from tiaki.core.roles import Role
from tiaki.core.sharing import Basis, PartnerKind
from tiaki.store.session import unlock_store
from tiaki.ui.partners_dialog import PartnersDialog
from tiaki.ui.settings_dialog import SettingsDialog

CASEWORKER_PASS = "tui sings at dawn 42"


def test_partner_and_agreement_added_through_the_dialogs_appear_in_the_store(qtbot, session, make_desktop,
                                                                            accessibility) -> None:
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    assert main.partners_action.isVisible()
    dialog = main.show_partners()
    assert dialog is not None and accessibility(dialog) == []
    assert dialog.partner_table.rowCount() == 0 and not dialog.add_agreement_button.isEnabled()

    add = dialog.add_partner()
    assert accessibility(add) == []
    qtbot.mouseClick(add.ok_button, Qt.MouseButton.LeftButton)
    assert add.isVisible() and "name" in add.problem.text(), "a partner needs a name"
    qtbot.keyClicks(add.name, "Te Whare Ora")
    add.kind.setCurrentIndex(add.kind.findData(PartnerKind.IWI_OR_PACIFIC_PROVIDER.value))
    qtbot.mouseClick(add.ok_button, Qt.MouseButton.LeftButton)
    assert not add.isVisible()
    partners = session.sharing.partners()
    assert [(p.name, p.kind, p.overseas) for p in partners] == [
        ("Te Whare Ora", PartnerKind.IWI_OR_PACIFIC_PROVIDER, False)]
    assert dialog.partner_table.item(0, 0).text() == "Te Whare Ora"
    assert dialog.selected_partner() == partners[0] and dialog.add_agreement_button.isEnabled()

    agreement = dialog.add_agreement()
    assert agreement is not None and accessibility(agreement) == []
    assert agreement.basis.findData(Basis.SERIOUS_THREAT.value) == -1, "a serious threat is never an agreement"
    agreement.set_basis(Basis.APPROVED_SHARING_AGREEMENT)
    agreement.purpose_list.set_checked("referral")
    agreement.category_list.set_checked("identity")
    agreement.excluded_list.set_checked("nhi")
    qtbot.mouseClick(agreement.ok_button, Qt.MouseButton.LeftButton)
    assert agreement.isVisible() and "needs its name" in agreement.problem.text()
    qtbot.keyClicks(agreement.name, "Family violence AISA")
    agreement.has_end.setChecked(True)
    agreement.valid_until.setDate(agreement.valid_from.date())
    qtbot.mouseClick(agreement.ok_button, Qt.MouseButton.LeftButton)
    assert agreement.isVisible() and "after the start" in agreement.problem.text()
    agreement.valid_until.setDate(agreement.valid_from.date().addYears(2))
    qtbot.mouseClick(agreement.ok_button, Qt.MouseButton.LeftButton)
    assert not agreement.isVisible()
    stored = session.sharing.agreements(partners[0].id)
    assert len(stored) == 1
    added = stored[0]
    assert (added.basis, added.name, added.purposes, added.categories, added.excluded_fields) == (
        Basis.APPROVED_SHARING_AGREEMENT, "Family violence AISA", {"referral"}, {"identity"}, {"nhi"})
    now = dt.datetime.now(dt.UTC)
    assert added.in_force(now) and added.valid_until is not None and added.valid_until > now + dt.timedelta(days=700)
    assert dialog.agreement_table.rowCount() == 1
    assert dialog.agreement_table.item(0, 1).text() == "Family violence AISA"

    # The agreement is what the preview now uses.
    client = add_client(session, {"given_name": "Rawiri", "family_name": "Paki", "nhi": "ZZZ0016"})
    decision = session.sharing.preview(client.id, partners[0].id, "referral")
    assert {a.field for a in decision.allowed} == {"given_name", "family_name"}


def test_overseas_partner_keeps_its_ipp12_basis(qtbot, session) -> None:
    dialog = PartnersDialog(session)
    qtbot.addWidget(dialog)
    add = dialog.add_partner()
    qtbot.keyClicks(add.name, "Pacific Health Trust")
    assert not add.ipp12_basis.isEnabled()
    add.overseas.setChecked(True)
    qtbot.keyClicks(add.ipp12_basis, "Comparable safeguards, IPP 12(1)(b)")
    add.accept()
    partner = session.sharing.partners()[0]
    assert partner.overseas and partner.ipp12_basis == "Comparable safeguards, IPP 12(1)(b)"
    assert "IPP 12" in dialog.partner_table.item(0, 2).text()
    again = dialog.add_partner()
    qtbot.keyClicks(again.name, "pacific health trust")
    again.accept()
    assert again.isVisible() and "already exists" in again.problem.text()


def test_caseworker_has_no_partners_action_and_is_refused_if_forced(qtbot, session, data_dir, make_desktop) -> None:
    session.add_worker(name="tama", display_name="Tama", role=Role.CASEWORKER, passphrase=CASEWORKER_PASS)
    session.lock()
    caseworker = unlock_store(data_dir, passphrase=CASEWORKER_PASS, worker_name="tama")
    desktop = make_desktop()
    desktop.start(caseworker)
    main = desktop.main_window
    assert not main.partners_action.isVisible()
    dialog = main.show_partners()  # forced
    assert dialog is not None and "Only a privacy officer" in dialog.problem.text()
    add = dialog.add_partner()
    qtbot.keyClicks(add.name, "Sneaky Trust")
    add.accept()
    assert add.isVisible() and "Your role does not allow you to add partners" in add.problem.text()
    assert caseworker.sharing.partners() == []
    settings = SettingsDialog(caseworker, main)
    qtbot.addWidget(settings)
    assert settings.organisation.isReadOnly()


def test_organisation_name_in_settings_reaches_notices_and_consents(qtbot, session, make_desktop,
                                                                    accessibility) -> None:
    desktop = make_desktop(idle_ms=None)
    desktop.start(session)
    dialog = desktop.main_window.show_settings()
    assert dialog is not None and accessibility(dialog) == []
    dialog.organisation.clear()
    dialog.apply()
    assert dialog.isVisible() and dialog.problem.text(), "an empty name is refused"
    dialog.organisation.setText("Te Puna Oranga Trust")
    dialog.apply()
    assert not dialog.isVisible()
    assert session.organisation_name() == "Te Puna Oranga Trust"
    assert "Te Puna Oranga Trust" in session.collection_notice("en", ["case_management"]).text
