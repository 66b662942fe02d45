"""The "what would be shared" dialog shows exactly what the policy engine decides, in plain language."""

from __future__ import annotations

from gui_support import add_client, add_partner_with_agreement, consent_input

from PySide6.QtCore import Qt

from tiaki.core.reasons import Reason
from tiaki.core.sharing import Basis
from tiaki.ui.messages import reason_text
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.sharing_labels import basis_label, field_key_label

JUSTIFICATION = "She said tonight he will come back with a weapon; police asked for her address."


def _setup(session):  # type: ignore[no-untyped-def]
    partner = add_partner_with_agreement(session)
    client = add_client(session, {"given_name": "Hine", "family_name": "Pōmare", "phone": "021 555 0199",
                                  "case_notes": "Met at the drop-in."})
    session.sharing.record_consent(client.id, consent_input([partner.id], categories=("identity",)))
    return partner, client


def test_preview_lists_allowed_with_basis_and_withheld_with_reason(qtbot, session) -> None:
    partner, client = _setup(session)
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner.id, "referral")
    expected = session.sharing.preview(client.id, partner.id, "referral")  # the one source of truth
    assert dialog.decision is not None
    assert dialog.decision.allowed == expected.allowed and dialog.decision.withheld == expected.withheld
    catalogue = session.catalogue
    assert dialog.rows(dialog.allowed) == [(field_key_label(catalogue, a.field), basis_label(a.basis))
                                           for a in expected.allowed]
    assert dialog.rows(dialog.withheld) == [(field_key_label(catalogue, w.field), reason_text(w.reason))
                                            for w in expected.withheld]
    # What that means here, spelled out:
    assert {a.field for a in expected.allowed} == {"given_name", "family_name"}
    assert {a.basis for a in expected.allowed} == {Basis.CONSENT}
    reasons = {w.field: w.reason for w in expected.withheld}
    assert reasons == {"phone": Reason.NO_CONSENT, "case_notes": Reason.NEVER_LEAVES_DEVICE}
    assert ("Phone", "The person has not agreed to share this information with this organisation for this "
                     "purpose.") in dialog.rows(dialog.withheld)
    assert dialog.summary.text() == "2 item(s) would be shared; 2 withheld."
    assert dialog.banner.isHidden()


def test_other_purpose_has_no_cover_and_override_needs_review(qtbot, session) -> None:
    partner, client = _setup(session)
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(partner.id, "housing_support")
    assert dialog.rows(dialog.allowed) == []
    assert {why for _f, why in dialog.rows(dialog.withheld)} >= {reason_text(Reason.NOT_COVERED)}
    dialog.override.setChecked(True)
    assert dialog.decision is None and "20 characters" in dialog.problem.text()
    qtbot.keyClicks(dialog.justification, JUSTIFICATION)
    assert dialog.decision is not None and dialog.decision.needs_review
    assert dialog.banner.isVisible() and "reviewed by a supervisor" in dialog.banner.text()
    assert {basis for _f, basis in dialog.rows(dialog.allowed)} == {basis_label(Basis.SERIOUS_THREAT)}


def test_preview_without_partners_says_how_to_add_them(qtbot, session) -> None:
    client = add_client(session, {"given_name": "Hine", "family_name": "Pōmare"})
    dialog = SharePreviewDialog(session, client.id, "Hine Pōmare")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.decision is None and "Partners and agreements" in dialog.problem.text()


def test_preview_opens_from_the_client_form_by_keyboard(qtbot, session, make_desktop, accessibility) -> None:
    partner, client = _setup(session)
    desktop = make_desktop()
    desktop.start(session)
    form = desktop.main_window.open_client(client.id)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = form.consent_panel.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.partner.currentData() == partner.id
    assert dialog.decision is not None
    assert accessibility(dialog) == []
