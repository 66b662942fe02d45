"""The client's Consent tab: record a decision through the dialog, withdraw it (a new event), print receipts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui_support import add_client, add_partner_with_agreement, consent_input

from PySide6.QtCore import Qt

from tiaki.core.reasons import Reason
from tiaki.core.sharing import Basis, ConsentEventKind, ConsentStatus
from tiaki.ui.consent_model import COL_DECISION, COL_PURPOSES, COL_RECIPIENTS, COL_STATUS, ConsentModel
from tiaki.ui.consent_receipt import RECEIPT_TEXT, ConsentReceipt
from tiaki.ui.messages import reason_text


def _client(session):  # type: ignore[no-untyped-def]
    return add_client(session, {"given_name": "Mere", "family_name": "Tūhoe", "phone": "021 555 0101"})


def test_record_consent_through_the_dialog_then_the_model_shows_it(qtbot, qtmodeltester, session,
                                                                   make_desktop) -> None:
    partner = add_partner_with_agreement(session)
    client = _client(session)
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.open_client(client.id)
    panel = form.consent_panel
    assert panel.model.rowCount() == 0
    dialog = panel.record_consent()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled(), "nothing chosen yet"
    dialog.recipient_list.set_checked(partner.id)
    dialog.purpose_list.set_checked("referral")
    for category in ("identity", "contact"):
        dialog.category_list.set_checked(category)
    assert dialog.ok_button.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    records = session.sharing.consents(client.id)
    assert len(records) == 1 and records[0].permit and records[0].recipients == {partner.id}
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, COL_DECISION).data() == "Permit"
    assert model.index(0, COL_RECIPIENTS).data() == "Kāinga Housing Trust"
    assert model.index(0, COL_PURPOSES).data() == "Referral"
    assert model.index(0, COL_STATUS).data() == "Active"
    # The form's model goes with the form when the desktop is disposed, before the tester lets go of it, so the
    # tester checks a model of its own holding the same rows.
    checked = ConsentModel(session.catalogue, session.notices)
    checked.set_records(records, {partner.id: partner}, dt.datetime.now(dt.UTC))
    qtmodeltester.check(checked, force_py=True)
    decision = session.sharing.preview(client.id, partner.id, "referral")
    assert {a.field for a in decision.allowed} == {"given_name", "family_name", "phone"}
    assert {a.basis for a in decision.allowed} == {Basis.CONSENT}


def test_consent_model_passes_checks_empty_and_with_kinds(qtmodeltester, session) -> None:
    client = _client(session)
    model = ConsentModel(session.catalogue, session.notices)
    qtmodeltester.check(model, force_py=True)
    session.sharing.record_consent(client.id, consent_input(["ngo", "health_provider"], permit=False))
    model.set_records(session.sharing.consents(client.id), {}, dt.datetime.now(dt.UTC))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, COL_RECIPIENTS).data() == "Any health provider, Any NGO"
    assert model.index(0, COL_DECISION).data() == "Deny"


def test_withdraw_through_the_ui_adds_an_event_and_the_preview_then_withholds(qtbot, session, make_desktop) -> None:
    partner = add_partner_with_agreement(session)
    client = _client(session)
    given = session.sharing.record_consent(client.id, consent_input([partner.id]))
    assert session.sharing.preview(client.id, partner.id, "referral").allowed
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.open_client(client.id)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = form.consent_panel
    assert form.tabs.currentWidget() is panel and panel.table.hasFocus()
    assert panel.selected() == given and panel.withdraw_button.isEnabled()
    dialog = panel.withdraw()
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "moved to another service")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    record = session.sharing.consent(given.id)
    kinds = [e.kind for e in record.events]
    assert kinds == [ConsentEventKind.GIVEN, ConsentEventKind.WITHDRAWN]
    assert record.events[-1].reason == "moved to another service"
    assert panel.model.index(0, COL_STATUS).data() == "Withdrawn"
    assert "Withdrawn" in panel.details.text() and "moved to another service" in panel.details.text()
    assert not panel.withdraw_button.isEnabled(), "a withdrawn consent cannot be withdrawn again"

    decision = session.sharing.preview(client.id, partner.id, "referral")
    assert not decision.allowed
    assert {w.reason for w in decision.withheld} == {Reason.CONSENT_WITHDRAWN}
    preview = panel.show_preview()
    assert preview is not None
    preview.select(partner.id, "referral")
    assert preview.rows(preview.allowed) == []
    assert {why for _f, why in preview.rows(preview.withheld)} == {reason_text(Reason.CONSENT_WITHDRAWN)}


def test_new_client_has_no_consent_tab(qtbot, session, make_desktop) -> None:
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.new_client()
    assert not form.tabs.isTabVisible(form.tabs.indexOf(form.consent_panel))
    assert not form.consent_action.isEnabled()


def test_receipts_render_in_english_and_maori(qapp, session, tmp_path: Path) -> None:
    partner = add_partner_with_agreement(session)
    client = _client(session)
    for language in ("en", "mi"):
        record = session.sharing.record_consent(client.id, consent_input([partner.id, "ngo"], language=language))
        receipt = ConsentReceipt(record, person="Mere Tūhoe", purposes=session.purposes,
                                 catalogue=session.catalogue, partners={partner.id: partner})
        text = receipt.document().toPlainText()
        assert session.purposes.get("referral").text_in(language) in text
        assert record.id in text and "Mere Tūhoe" in text and "Kāinga Housing Trust" in text
        assert RECEIPT_TEXT[language]["title"] in text and record.notice_hash in text
        assert RECEIPT_TEXT[language]["withdraw"] in text and RECEIPT_TEXT[language]["rights"] in text
        assert ("fluent speaker" in text) == (language == "mi")
        pdf = tmp_path / f"receipt-{language}.pdf"
        receipt.write_pdf(pdf)
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    english = session.purposes.get("referral").text_in("en")
    assert english not in ConsentReceipt(record, person="Mere", purposes=session.purposes,
                                         catalogue=session.catalogue, partners={}).document().toPlainText()
    assert set(RECEIPT_TEXT["en"]) == set(RECEIPT_TEXT["mi"])


def test_print_receipt_from_the_panel_writes_the_pdf(qtbot, session, make_desktop, tmp_path: Path) -> None:
    client = _client(session)
    record = session.sharing.record_consent(client.id, consent_input(["ngo"], language="mi"))
    desktop = make_desktop()
    desktop.start(session)
    panel = desktop.main_window.open_client(client.id).consent_panel
    assert panel.selected() == record and panel.receipt_button.isEnabled()
    panel.print_receipt()
    assert panel.confirm_box is not None and "unencrypted" in panel.confirm_box.text()
    panel.confirm_box.close()
    path = tmp_path / "receipt.pdf"
    assert panel.save_receipt(record, path)
    assert path.read_bytes().startswith(b"%PDF")
    assert record.status(record.given_at) is ConsentStatus.ACTIVE


def test_receipt_to_a_folder_that_does_not_exist_says_so(qtbot, session, make_desktop, tmp_path: Path) -> None:
    client = _client(session)
    record = session.sharing.record_consent(client.id, consent_input(["ngo"]))
    desktop = make_desktop()
    desktop.start(session)
    panel = desktop.main_window.open_client(client.id).consent_panel
    assert not panel.save_receipt(record, tmp_path / "missing" / "receipt.pdf")
    assert "could not be saved" in panel.problem.text()
