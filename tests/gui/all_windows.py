"""Every window and dialog of ``tiaki.ui``, made on a real store with data, for the checks that must see them all
(the pseudo-locale test, clipping, accessibility).

    world = build_world(tmp_path)           # a store with a client, partners, a consent, shares, a referral...
    for entry in CATALOGUE:
        window = entry.make(world)          # a new top-level window, not yet shown
        for state in entry.states: ...      # further states worth checking (every tab is visited anyway)

``test_window_catalogue.py`` imports every module of ``tiaki.ui`` and fails when a window or dialog class is
not here, or a widget class is neither a window here nor found inside one (``PARTS``): a new dialog cannot
escape the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gui_support import FAST_KDF

from PySide6.QtCore import QEvent, QLocale, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from outbox_support import PERSON, PartnerIdentity, agree, consent, enrol
from support import ADMIN, ADMIN_PASS, collected
from tiaki.core.referral_bundle import ReferralDetails
from tiaki.core.roles import Role
from tiaki.core.sharing import Override
from tiaki.store.errors import WrongPassphrase
from tiaki.store.session import Session, create_store, unlock_store
from tiaki.ui.about_dialog import AboutDialog
from tiaki.ui.agreement_dialog import AddAgreementDialog
from tiaki.ui.card_files import ConfirmCardDialog
from tiaki.ui.check_list import CheckList
from tiaki.ui.client_assignment import AssignmentRow
from tiaki.ui.client_form import ClientForm
from tiaki.ui.client_report import ClientReportDialog
from tiaki.ui.client_sharing_panel import ClientSharingPanel
from tiaki.ui.clipboard import GuardedClipboard
from tiaki.ui.collection_dialog import CollectionDialog
from tiaki.ui.consent_dialogs import RecordConsentDialog, WithdrawConsentDialog
from tiaki.ui.consent_panel import ConsentPanel
from tiaki.ui.decision_tables import DecisionTables
from tiaki.ui.duplicate_warning import DuplicateWarning
from tiaki.ui.enrol_dialog import EnrolCardDialog
from tiaki.ui.error_dialog import UnexpectedErrorDialog, error_report
from tiaki.ui.field_editors import _NotesEdit
from tiaki.ui.field_groups import FieldGroups
from tiaki.ui.history_chart import HistoryChart
from tiaki.ui.history_detail import HistoryDetailPanel
from tiaki.ui.history_filters import HistoryFilterBar
from tiaki.ui.history_window import HistoryWindow
from tiaki.ui.main_window import MainWindow
from tiaki.ui.open_referral_dialog import OpenReferralDialog
from tiaki.ui.partners_dialog import AddPartnerDialog, PartnersDialog
from tiaki.ui.passphrase_dialogs import ChangePassphraseDialog, ResetPassphraseDialog, _PassphraseDialog
from tiaki.ui.passphrase_fields import NewPassphraseFields
from tiaki.ui.recovery_dialog import RecoveryDialog
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.referral_keys_dialog import ReceivingCardDialog, SenderCardDialog, TrustSenderDialog
from tiaki.ui.review_dashboard import ReviewDashboard
from tiaki.ui.review_panel import DecideDialog, ReviewPanel
from tiaki.ui.settings_dialog import SettingsDialog
from tiaki.ui.setup_wizard import AdministratorPage, IntroPage, RecoveryKeyPage, SetupWizard
from tiaki.ui.share_preview import OverrideSection, SharePreviewDialog
from tiaki.ui.sync_controller import SyncController
from tiaki.ui.sync_dialog import SyncDialog
from tiaki.ui.unlock import UnlockWindow
from tiaki.ui.verify_log import VerifyLogRun
from tiaki.ui.verify_panel import VerifyPanel
from tiaki.ui.workers_dialog import AddWorkerDialog, WorkersDialog

ORGANISATION = "Whānau Support Kirikiriroa"
INBOX_PARTNER, PACKET_PARTNER = "Kāinga Housing Trust", "Te Puna Ora Health"
CASEWORKER, CASEWORKER_DISPLAY, CASEWORKER_PASS = "mere", "Mere Tipene", "tui sing in the kowhai"
SECOND_CLIENT = {"given_name": "Wiremu", "family_name": "Tamihana", "date_of_birth": "1984-11-02"}
JUSTIFICATION = "Police report a threat to her life tonight; the refuge must know where she is."
DETAILS = ReferralDetails(reason="Needs safe housing", urgency="urgent", services="Housing assessment", note="")


@dataclass
class World:
    """A privacy officer's open store with something in every view, and what the windows need besides."""

    session: Session
    clipboard: GuardedClipboard
    tmp: Path
    client_id: str
    person: str
    partner: Any  # the enrolled partner with an inbox, an agreement and the client's consent
    consent: Any
    caseworker: Any
    shown_data: set[str] = field(default_factory=set)
    keep: list[Any] = field(default_factory=list)  # parents of the message boxes being checked

    def kept(self, parent: Any) -> Any:
        self.keep.append(parent)
        return parent

    @property
    def data_dir(self) -> Path:
        return self.session.data_dir


def build_world(tmp: Path) -> World:
    """A store made like the app makes one, then one failed unlock (so the main window shows its security
    notice), a caseworker, two clients, a partner with an inbox (a share delivered with its verified receipt,
    one queued, one under a serious-threat override awaiting review) and a packet-only partner (a referral
    packet exported and its form printed)."""
    data_dir = tmp / "store"
    first, _key = create_store(data_dir, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    first.set_organisation_name(ORGANISATION)
    caseworker = first.add_worker(name=CASEWORKER, display_name=CASEWORKER_DISPLAY, role=Role.CASEWORKER,
                                  passphrase=CASEWORKER_PASS)
    first.lock()
    with suppress(WrongPassphrase):
        unlock_store(data_dir, passphrase="not the passphrase", worker_name=ADMIN).lock()
    session = unlock_store(data_dir, passphrase=ADMIN_PASS, worker_name=ADMIN)
    person = {**PERSON, "date_of_birth": "1990-04-12", "gender": "female"}
    client_id = session.clients.create(person, collection=collected(session), assign_to=caseworker.id).id
    other_id = session.clients.create(SECOND_CLIENT, collection=collected(session)).id

    partner_id, identity = enrol(session, INBOX_PARTNER)
    agree(session, partner_id)
    consent_id = consent(session, client_id, partner_id)
    consent(session, other_id, partner_id)
    session.outbox.queue_share(client_id, partner_id, "referral")
    sealed = session.outbox.seal_next(partner_id, max_messages=10)
    assert sealed is not None
    session.outbox.record_attempt(sealed.envelope_id, error=None)
    [message] = identity.open(sealed.data)
    session.outbox.record_receipts(partner_id, [identity.receipt(message, sealed.envelope_id)])
    session.outbox.queue_share(other_id, partner_id, "referral")
    session.outbox.queue_share(other_id, partner_id, "referral", override=Override(JUSTIFICATION, session.worker.id))

    packet_partner = PartnerIdentity(PACKET_PARTNER, inbox_url=None)
    packet_partner_id = session.outbox.enroll_partner(packet_partner.card).id
    agree(session, packet_partner_id)
    consent(session, client_id, packet_partner_id)
    packet = session.referrals.export(client_id, packet_partner_id, "referral", DETAILS).message_id
    session.referrals.record_form(packet, saved_pdf=False)

    [partner] = [p for p in session.sharing.partners() if p.id == partner_id]
    [record] = [c for c in session.sharing.consents(client_id) if c.id == consent_id]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    world = World(session, GuardedClipboard(app.clipboard(), 30_000, app), tmp, client_id, "Ana Havili", partner,
                  record, caseworker)
    world.shown_data = data_texts(world)
    return world


def data_texts(world: World) -> set[str]:
    """Texts the store holds that windows show as they are: people's names and recorded values, partners',
    workers' and the organisation's names, the notice languages' own names (each named in itself so a person
    finds theirs), the purposes and the collection notice as resources/purposes.json and notices.json word
    them in each language (the notice is read in the language the person chose, not the worker's), and month
    names and am/pm (from the locale)."""
    session = world.session
    texts = {session.organisation_name(), world.person, str(world.data_dir)}
    for summary in session.clients.list(limit=1000):
        record = session.clients.get(summary.id)
        texts.update(str(v.value) for v in record.values.values())
        texts.add(summary.display_name)
    texts.update(p.name for p in session.sharing.partners())
    for worker in session.workers():
        texts.update((worker.name, worker.display_name))
    texts.update(session.notices.language_names().values())
    for purpose in session.purposes.purposes:
        texts.update(purpose.text.values())
    for language in session.notices.language_names():  # the notice itself, in the language the person chose
        texts.add(session.collection_notice(language, []).text)
    locale = QLocale()  # month names and am/pm in dates and times come from the locale, not Tiaki's translation
    for month in range(1, 13):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            texts.update((locale.monthName(month, form), locale.standaloneMonthName(month, form)))
    for marker in (locale.amText(), locale.pmText()):
        texts.update((marker, marker.lower(), marker.upper()))
    return {t for t in texts if t}


# --- the catalogue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A further state of a window worth checking: ``apply`` changes the window (the checks run after it)."""

    name: str
    apply: Callable[[Any, World], None]


@dataclass(frozen=True)
class Entry:
    name: str
    cls: type  # the class this entry makes (QMessageBox for the app's message boxes)
    make: Callable[[World], QWidget]
    states: tuple[State, ...] = ()

    def __str__(self) -> str:
        return self.name


def _main_window(w: World) -> MainWindow:
    return MainWindow(w.session, w.clipboard)


def _form(w: World) -> ClientForm:
    return ClientForm(w.session, w.clipboard, w.client_id)


def _sync_dialog(w: World) -> SyncDialog:
    controller = SyncController(w.session, interval_minutes=0)
    dialog = SyncDialog(w.session, controller)
    controller.setParent(dialog)
    return dialog


def _wizard(w: World) -> SetupWizard:
    return SetupWizard(w.tmp / f"new-store-{len(list(w.tmp.glob('new-store-*')))}", kdf=FAST_KDF,
                       clipboard=w.clipboard)


def _wizard_next(wizard: SetupWizard, _w: World) -> None:
    wizard.next()


def _wizard_recovery_key(wizard: SetupWizard, _w: World) -> None:
    page = wizard.administrator
    page.name.setText("hine")
    page.display_name.setText("Hine Walker")
    page.passphrase.first.setText("kia kaha te reo 2026")
    page.passphrase.second.setText("kia kaha te reo 2026")
    wizard.next()  # creates the store in the background; settle() waits for it
    _settle()
    assert wizard.session is not None, wizard.recovery.status.text()


def _duplicate(w: World) -> DuplicateWarning:
    check = w.session.clients.likely_duplicates({"given_name": "Ana", "family_name": "Havili",
                                                  "date_of_birth": "1990-04-12"})
    assert check.any
    return DuplicateWarning(check, None)  # type: ignore[arg-type]  # a message box needs no parent


def _withdraw(w: World) -> WithdrawConsentDialog:
    form = w.kept(ClientForm(w.session, w.clipboard, w.client_id))
    form.show_consent()
    form.consent_panel.table.selectRow(form.consent_panel.model.row_of(w.consent.id))
    dialog = form.consent_panel.withdraw()
    assert dialog is not None
    return dialog


def _override_on(dialog: SharePreviewDialog | ReferralDialog, _w: World) -> None:
    dialog.override.setChecked(True)
    dialog.justification.setPlainText(JUSTIFICATION)


def _export(dialog: ReferralDialog, w: World) -> None:
    dialog.select(dialog.partner.itemData(0), "referral")
    dialog.export_to(w.tmp / "referral.age", DETAILS)
    _settle()
    assert dialog.packet is not None, dialog.problem.text()


def _exported_referral(w: World) -> ReferralDialog:
    dialog = ReferralDialog(w.session, w.client_id, w.person)
    _export(dialog, w)
    return dialog


def _history_detail(window: HistoryWindow, _w: World) -> None:
    window.tabs.setCurrentIndex(0)
    window.table.selectRow(0)
    window.detail.load_now()
    assert window.detail.detail is not None


def _wrong_date(form: ClientForm, _w: World) -> None:
    form.tabs.setCurrentIndex(0)
    form.editors["date_of_birth"].set_value("30/02/1990")
    form.save()  # refused: the field's problem and the form's are shown
    assert form.error_labels["date_of_birth"].isVisible() and form.form_error.isVisible()


def _wrong_passphrase(window: UnlockWindow, _w: World) -> None:
    window.passphrase.setText("not the passphrase either")
    window.unlock()
    _settle()
    assert window.message.text() and window.unlock_button.isEnabled()


def _refused(method: str) -> Callable[[Any, World], None]:
    """Press OK (``method``) with nothing filled in: the dialog says what is missing and stays open."""
    def apply(dialog: Any, _w: World) -> None:
        getattr(dialog, method)()
        assert dialog.isVisible()
    return apply


def _short_passphrase(dialog: Any, _w: World) -> None:
    fields = getattr(dialog, "fields", None) or dialog.passphrase
    fields.first.setText("short")
    fields.second.setText("short")
    dialog.apply()


def _not_a_card(dialog: ConfirmCardDialog, w: World) -> None:
    path = w.tmp / "not-a-card.json"
    path.write_text("{}", encoding="utf-8")
    dialog.load(path)
    assert dialog.problem.isVisible()


def _select_caseworker(dialog: WorkersDialog, _w: World) -> None:
    dialog.select_worker(CASEWORKER)


def _other_source(dialog: CollectionDialog, _w: World) -> None:
    dialog.from_other.setChecked(True)


def _review_item(w: World) -> Any:
    return w.session.reviews.items()[0]


# Message boxes the app opens from its windows: made by the window's own method, returned for the checks.

def _archive_box(w: World) -> QMessageBox:
    form = w.kept(_form(w))
    form.ask_archive()
    assert form.confirm_box is not None
    return form.confirm_box


def _unsaved_box(w: World) -> QMessageBox:
    form = w.kept(_form(w))
    form.show()
    form.editors["phone"].set_value("027 555 0102")
    form._on_edited("phone")
    form.close()  # asks first
    assert form.confirm_box is not None
    return form.confirm_box


def _receipt_box(w: World) -> QMessageBox:
    form = w.kept(_form(w))
    form.show_consent()
    form.consent_panel.print_receipt()
    assert form.consent_panel.confirm_box is not None
    return form.consent_panel.confirm_box


def _report_box(w: World) -> QMessageBox:
    window = w.kept(HistoryWindow(w.session))
    _settle()
    box = window.save_report()
    assert box is not None
    return box


def _deactivate_box(w: World) -> QMessageBox:
    dialog = w.kept(WorkersDialog(w.session))
    dialog.select_worker(CASEWORKER)
    dialog.ask_deactivate()
    assert isinstance(dialog.sub_dialog, QMessageBox)
    return dialog.sub_dialog


def _override_box(w: World) -> QMessageBox:
    dialog = w.kept(SharePreviewDialog(w.session, w.client_id, w.person))
    dialog.partner.setCurrentIndex(dialog.partner.findData(w.partner.id))
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("referral"))
    _override_on(dialog, w)
    dialog.queue()
    assert dialog.confirm_box is not None
    return dialog.confirm_box


def _pdf_box(w: World) -> QMessageBox:
    box = w.kept(_exported_referral(w)).save_form_pdf()
    assert box is not None
    return box


def _verify_run(w: World) -> VerifyLogRun:
    return VerifyLogRun(w.session, w.kept(QWidget()))


def _verify_progress(w: World) -> QWidget:
    return _verify_run(w).progress


def _verify_result(w: World) -> QMessageBox:
    run = _verify_run(w)
    run.start()
    _settle()
    assert run.result_box is not None
    return run.result_box


CATALOGUE: tuple[Entry, ...] = (
    Entry("main_window", MainWindow, _main_window),
    Entry("client_form", ClientForm, _form, (State("saving with a wrong date", _wrong_date),)),
    Entry("new_client_form", ClientForm, lambda w: ClientForm(w.session, w.clipboard, None)),
    Entry("unlock", UnlockWindow, lambda w: UnlockWindow(w.data_dir),
          (State("a wrong passphrase", _wrong_passphrase),)),
    Entry("setup_wizard", SetupWizard, _wizard, (State("administrator page", _wizard_next),
                                                 State("recovery key page", _wizard_recovery_key))),
    Entry("recovery", RecoveryDialog, lambda w: RecoveryDialog(w.data_dir),
          (State("nothing entered", _refused("recover")),)),
    Entry("about", AboutDialog, lambda w: AboutDialog(w.session, w.data_dir)),
    Entry("settings", SettingsDialog, lambda w: SettingsDialog(w.session)),
    Entry("change_passphrase", ChangePassphraseDialog, lambda w: ChangePassphraseDialog(w.session),
          (State("a passphrase too short", _short_passphrase),)),
    Entry("reset_passphrase", ResetPassphraseDialog, lambda w: ResetPassphraseDialog(w.session, w.caseworker)),
    Entry("workers", WorkersDialog, lambda w: WorkersDialog(w.session),
          (State("a worker selected", _select_caseworker),)),
    Entry("add_worker", AddWorkerDialog, lambda w: AddWorkerDialog(w.session),
          (State("a passphrase too short", _short_passphrase),)),
    Entry("partners", PartnersDialog, lambda w: PartnersDialog(w.session)),
    Entry("add_partner", AddPartnerDialog, lambda w: AddPartnerDialog(w.session),
          (State("nothing entered", _refused("accept")),)),
    Entry("add_agreement", AddAgreementDialog, lambda w: AddAgreementDialog(w.session, w.partner),
          (State("nothing chosen", _refused("accept")),)),
    Entry("enrol_card", EnrolCardDialog, lambda w: EnrolCardDialog(w.session), (State("not a card", _not_a_card),)),
    Entry("trust_sender", TrustSenderDialog, lambda w: TrustSenderDialog(w.session),
          (State("not a card", _not_a_card),)),
    Entry("receiving_card", ReceivingCardDialog, lambda w: ReceivingCardDialog(w.session)),
    Entry("sender_card", SenderCardDialog, lambda w: SenderCardDialog(w.session)),
    Entry("collection", CollectionDialog, lambda w: CollectionDialog(w.session),
          (State("from someone else", _other_source),)),
    Entry("anonymous_collection", CollectionDialog, lambda w: CollectionDialog(w.session, anonymous=True)),
    Entry("duplicate_warning", DuplicateWarning, _duplicate),
    Entry("record_consent", RecordConsentDialog, lambda w: RecordConsentDialog(w.session, w.client_id)),
    Entry("withdraw_consent", WithdrawConsentDialog, _withdraw),
    Entry("share_preview", SharePreviewDialog, lambda w: SharePreviewDialog(w.session, w.client_id, w.person),
          (State("override with its justification", _override_on),)),
    Entry("referral", ReferralDialog, lambda w: ReferralDialog(w.session, w.client_id, w.person),
          (State("override with its justification", _override_on),)),
    Entry("referral_exported", ReferralDialog, _exported_referral),
    Entry("open_referral", OpenReferralDialog, lambda w: OpenReferralDialog(w.session)),
    Entry("client_report", ClientReportDialog, lambda w: ClientReportDialog(w.session, w.client_id, w.person)),
    Entry("sync", SyncDialog, _sync_dialog),
    Entry("history", HistoryWindow, lambda w: HistoryWindow(w.session),
          (State("a disclosure's detail", _history_detail),)),
    Entry("decide", DecideDialog, lambda w: DecideDialog(_review_item(w), lambda _d, _c: None)),
    Entry("archive_confirm", QMessageBox, _archive_box),
    Entry("unsaved_changes", QMessageBox, _unsaved_box),
    Entry("receipt_warning", QMessageBox, _receipt_box),
    Entry("report_warning", QMessageBox, _report_box),
    Entry("deactivate_confirm", QMessageBox, _deactivate_box),
    Entry("override_confirm", QMessageBox, _override_box),
    Entry("pdf_warning", QMessageBox, _pdf_box),
    Entry("verify_progress", QWidget, _verify_progress),
    Entry("verify_result", QMessageBox, _verify_result),
    Entry("unexpected_error", UnexpectedErrorDialog,
          lambda w: UnexpectedErrorDialog(error_report(ValueError, ValueError(), None)),
          (State("a later error counted", lambda dialog, _w: dialog.another_error()),)),
)

BY_NAME = {entry.name: entry for entry in CATALOGUE}

# Widget classes that are parts of a window, never windows themselves: the catalogue window that holds one.
PARTS: dict[type, str] = {
    AssignmentRow: "client_form", ClientSharingPanel: "client_form", ConsentPanel: "client_form",
    FieldGroups: "client_form", _NotesEdit: "client_form", CheckList: "add_agreement",
    DecisionTables: "share_preview", OverrideSection: "share_preview", NewPassphraseFields: "change_passphrase",
    HistoryChart: "history", HistoryDetailPanel: "history", HistoryFilterBar: "history",
    ReviewDashboard: "history", ReviewPanel: "history", VerifyPanel: "history",
    IntroPage: "setup_wizard", AdministratorPage: "setup_wizard", RecoveryKeyPage: "setup_wizard",
}

# Base classes never shown themselves; every subclass is in the catalogue.
ABSTRACT: dict[type, str] = {
    ConfirmCardDialog: "the confirm-by-phone flow of EnrolCardDialog and TrustSenderDialog",
    _PassphraseDialog: "the shared body of ChangePassphraseDialog and ResetPassphraseDialog",
}


# --- opening and closing ----------------------------------------------------------------------------------


def _settle() -> None:
    """Let background work the window started finish and its results arrive (counts, pictures, exports)."""
    pool = QThreadPool.globalInstance()
    for _ in range(20):
        QApplication.processEvents()
        if pool.activeThreadCount() == 0:
            for _level in range(8):  # a layout request climbs one level of nested layouts per pass
                QApplication.processEvents()
            if pool.activeThreadCount() == 0:
                return
        pool.waitForDone(30_000)
    raise AssertionError("background work did not finish")


settle = _settle


@contextmanager
def opened(entry: Entry, world: World) -> Iterator[QWidget]:
    """``entry``'s window, shown and settled; every window it opened is closed and deleted afterwards."""
    before = set(QApplication.topLevelWidgets())
    window = entry.make(world)
    try:
        window.show()
        _settle()
        yield window
    finally:
        _settle()
        for widget in set(QApplication.topLevelWidgets()) - before:
            if widget.parentWidget() is not None:
                continue  # goes with its parent (ours), or is another window's (a menu it made): not ours to free
            if isinstance(widget, MainWindow):
                widget.lock_down()
            if isinstance(widget, ClientForm):
                widget.close_without_asking()
            widget.hide()
            widget.deleteLater()
        world.keep.clear()
        _settle()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
