"""The coordinator's referral flow in the app: from the client's record, by keyboard and clicks, to an encrypted
packet only the partner opens, a history entry on channel 'packet', and an audited (and warned-about) PDF."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from gui_support import unnamed_controls

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from referral_support import PERSON, referral_setup
from tiaki.core.audit import Action
from tiaki.core.reasons import Reason
from tiaki.core.referral_bundle import parse_bundle
from tiaki.core.sharing import Basis
from tiaki.ui.messages import reason_text
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.sharing_labels import basis_label

ORGANISATION = "Whānau Support Kirikiriroa"


class SaveAs:
    """Stands in for QFileDialog.getSaveFileName's answer only (the file name); records that it was asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []

    def __call__(self, _parent, _caption, directory="", _filter="", *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(directory)
        return (str(self.path) if self.path else "", "")


def _actions(session) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.action for entry in session.audit.recent(200)]


def _open_dialog(qtbot, session, make_desktop):  # type: ignore[no-untyped-def]
    session.set_organisation_name(ORGANISATION)
    setup = referral_setup(session)
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.open_client(setup.client_id)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = form.referral_dialog
    assert isinstance(dialog, ReferralDialog) and dialog.isVisible(), "Ctrl+Shift+R opens the referral dialog"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return setup, form, dialog


def _export(qtbot, monkeypatch, dialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    save_as = SaveAs(path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert save_as.asked and Path(save_as.asked[0]).name.startswith("referral-")
    assert Path(save_as.asked[0]).suffix == ".age" and len(Path(save_as.asked[0]).stem) == len("referral-") + 8
    qtbot.waitUntil(lambda: dialog.packet is not None or dialog.problem.isVisible(), timeout=10_000)
    assert dialog.packet is not None, dialog.problem.text()


def test_coordinator_refers_a_client_to_a_packet_only_partner(qtbot, session, make_desktop, monkeypatch,
                                                             tmp_path) -> None:
    setup, form, dialog = _open_dialog(qtbot, session, make_desktop)
    assert unnamed_controls(dialog) == []
    assert dialog.partner.currentData() == setup.partner_id, "a partner with no inbox is offered for packets"
    assert dialog.purpose.currentData() == "referral"
    # The preview is the policy engine's decision, in words.
    consent = basis_label(Basis.CONSENT)
    assert sorted(dialog.tables.rows(dialog.tables.allowed)) == sorted(
        [("Given name", consent), ("Family name", consent), ("Phone", consent)])
    withheld = dict(dialog.tables.rows(dialog.tables.withheld))
    assert withheld["Case notes"] == reason_text(Reason.NEVER_LEAVES_DEVICE)
    assert set(withheld.values()) >= {reason_text(Reason.NO_CONSENT)}
    assert dialog.summary.text() == f"3 item(s) go in the packet; {len(withheld)} withheld."

    # Details by keyboard: Tab from the partner through purpose and urgency to the reason.
    dialog.partner.setFocus()
    qtbot.keyClick(dialog.partner, Qt.Key.Key_Tab)
    assert dialog.purpose.hasFocus()
    qtbot.keyClick(dialog.purpose, Qt.Key.Key_Tab)
    assert dialog.urgency.hasFocus()
    qtbot.keyClick(dialog.urgency, Qt.Key.Key_Down)
    assert dialog.urgency.currentData() == "urgent"
    qtbot.keyClick(dialog.urgency, Qt.Key.Key_Tab)
    assert dialog.reason.hasFocus()
    qtbot.keyClicks(dialog.reason, "Needs safe housing before winter")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.services, "Emergency housing assessment")
    qtbot.keyClick(dialog.services, Qt.Key.Key_Tab)
    assert dialog.note.hasFocus()
    qtbot.keyClicks(dialog.note, "Prefers a call after 3pm")

    path = tmp_path / "out" / "packet.age"
    path.parent.mkdir()
    _export(qtbot, monkeypatch, dialog, path)
    assert path.name in dialog.status.text() and dialog.print_button.isEnabled() and dialog.pdf_button.isEnabled()
    assert not dialog.export_button.isEnabled(), "one dialog makes one packet"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["packet.age"], "no temporary file is left behind"

    # The file opens with the partner's identity, addressed to its card, and holds only permitted fields.
    data = path.read_bytes()
    assert data == dialog.packet.data
    opened = setup.open(data)
    assert opened.header.recipient_key_id == setup.partner.card.key_id
    assert opened.header.organisation == ORGANISATION
    received = parse_bundle(opened.bundle)
    assert set(received.fields) == {"given_name", "family_name", "phone"}
    assert received.fields["given_name"].value == PERSON["given_name"]
    assert (received.details.urgency, received.details.reason) == ("urgent", "Needs safe housing before winter")
    assert received.details.note == "Prefers a call after 3pm"
    for secret in (PERSON["health_conditions"], PERSON["case_notes"]):
        assert str(secret).encode() not in opened.bundle_bytes

    # History: the client's Sharing tab lists it, on channel 'packet'.
    history = session.outbox.client_status(setup.client_id)
    assert [(h.channel, h.partner_id, h.message_id) for h in history] == [
        ("packet", setup.partner_id, dialog.packet.message_id)]
    assert form.sharing_panel.model.rowCount() == 1
    assert Action.REFERRAL_EXPORT in _actions(session)


def test_saving_the_form_as_pdf_needs_the_warning_accepted_and_is_audited(qtbot, session, make_desktop,
                                                                         monkeypatch, tmp_path) -> None:
    _setup, _form, dialog = _open_dialog(qtbot, session, make_desktop)
    _export(qtbot, monkeypatch, dialog, tmp_path / "packet.age")
    pdf = tmp_path / "form.pdf"
    save_as = SaveAs(pdf)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    before = _actions(session)

    # Cancelling the warning writes nothing and asks for no file.
    box = dialog.save_form_pdf()
    assert box is not None and box.isVisible() and "NOT encrypted" in box.text()
    assert unnamed_controls(box) == []
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel), "Enter does not save"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not box.isVisible() and not save_as.asked and not pdf.exists()
    assert _actions(session) == before

    # Accepting it asks for the file, writes the PDF (owner-only) and records it.
    box = dialog.save_form_pdf()
    qtbot.mouseClick(dialog.pdf_accept, Qt.MouseButton.LeftButton)
    assert save_as.asked == [f"referral-{dialog.packet.packet_id[:8]}.pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    new = [a for a in _actions(session) if a not in before]
    assert new == [Action.REFERRAL_FORM_SAVE]
    entry = next(e for e in session.audit.recent(200) if e.action == Action.REFERRAL_FORM_SAVE)
    assert entry.detail["message_id"] == dialog.packet.message_id
    assert "not encrypted" in dialog.status.text()
    # A place that cannot be written: nothing is recorded as saved.
    saved = _actions(session)
    assert not dialog.save_pdf_to(tmp_path / "no" / "such" / "form.pdf")
    assert "could not be written" in dialog.problem.text() and _actions(session) == saved


def test_printing_the_form_is_audited_as_printed(qtbot, session, make_desktop, monkeypatch, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    _setup, _form, dialog = _open_dialog(qtbot, session, make_desktop)
    _export(qtbot, monkeypatch, dialog, tmp_path / "packet.age")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a real printer is not there in a test
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert Action.REFERRAL_FORM_PRINT in _actions(session)
    assert Action.REFERRAL_FORM_SAVE not in _actions(session)


def test_nothing_to_share_means_no_export(qtbot, session, make_desktop) -> None:
    setup, _form, dialog = _open_dialog(qtbot, session, make_desktop)
    dialog.select(setup.partner_id, "housing_support")  # the agreement covers referral only
    assert dialog.tables.allowed.rowCount() == 0 and not dialog.export_button.isEnabled()
    assert dialog.problem.isVisible() and "Nothing may go" in dialog.problem.text()


@pytest.mark.parametrize("field", ["reason", "note"])
def test_details_with_control_characters_are_refused_before_anything_is_made(qtbot, session, make_desktop,
                                                                              monkeypatch, field) -> None:
    setup, _form, dialog = _open_dialog(qtbot, session, make_desktop)
    widget = getattr(dialog, field)
    if field == "reason":
        widget.setText("bad \u202e text")
    else:
        widget.setPlainText("bad \u202e text")
    save_as = SaveAs(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and not save_as.asked and dialog.task is None
    assert session.outbox.client_status(setup.client_id) == []


def test_referrals_menu_refers_the_selected_client(qtbot, session, make_desktop) -> None:
    setup = referral_setup(session)
    desktop = make_desktop()
    desktop.start(session)
    main = desktop.main_window
    assert main.refer_selected() is None and "Select a client" in main.statusBar().currentMessage()
    main.model.refresh()
    main.table.selectRow(0)
    main.refer_action.trigger()
    form = main.forms.get(setup.client_id)
    assert form is not None and form.referral_dialog is not None and form.referral_dialog.isVisible()
    assert form.refer_button.isVisible() and form.refer_button.accessibleName() == "Refer to partner…"
