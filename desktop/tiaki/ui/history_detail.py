"""The detail of one disclosure, for a reviewer: what went on which basis, what was held back and why, the
consent relied on, the partner's receipt and whether its signature still verifies, any override's
justification, the audit entries behind it and any review decisions.

The panel is a read-only text the keyboard can enter and read (a caret moves through it, a screen reader
reads it line by line). Opening a disclosure's detail is itself audited by the store, so the panel asks only
once the selection has rested for a moment, not for every row an arrow key passes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from tiaki.core.audit import Action
from tiaki.core.sharing import ConsentMethod, ConsentStatus
from tiaki.store.errors import StoreError
from tiaki.ui.accessibility import name_buttons
from tiaki.ui.client_report import ClientReportDialog
from tiaki.ui.history_model import bases_label, channel_description, history_kind_label, status_label, when_label
from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_time, purpose_label
from tiaki.ui.messages import reason_text, store_error_text
from tiaki.ui.sharing_labels import field_key_label, method_label
from tiaki.ui.sharing_labels import status_label as consent_status_label

if TYPE_CHECKING:
    from tiaki.core.review import ReviewRecord
    from tiaki.store.history_detail import ConsentInForce, DisclosureDetail
    from tiaki.store.session import Session

DETAIL_DELAY_MS = 200
CONTEXT = "HistoryDetail"

ACTION_TEXT: Mapping[str, str] = {
    Action.SHARE_QUEUE: QT_TRANSLATE_NOOP("HistoryDetail", "Queued to share"),
    Action.SHARE_SEAL: QT_TRANSLATE_NOOP("HistoryDetail", "Sealed for the partner"),
    Action.SHARE_DROP: QT_TRANSLATE_NOOP("HistoryDetail", "Items dropped at sealing"),
    Action.SHARE_CANCEL: QT_TRANSLATE_NOOP("HistoryDetail", "Cancelled"),
    Action.SHARE_REQUEUE: QT_TRANSLATE_NOOP("HistoryDetail", "Sealed again"),
    Action.SHARE_ACK: QT_TRANSLATE_NOOP("HistoryDetail", "Receipt from the partner"),
    Action.SHARE_REFUSED: QT_TRANSLATE_NOOP("HistoryDetail", "Refused by the partner"),
    Action.SHARE_PARK: QT_TRANSLATE_NOOP("HistoryDetail", "Stopped: needs attention"),
    Action.REVOCATION_QUEUE: QT_TRANSLATE_NOOP("HistoryDetail", "Consent withdrawal notice queued"),
    Action.REFERRAL_EXPORT: QT_TRANSLATE_NOOP("HistoryDetail", "Referral packet exported"),
    Action.REFERRAL_FORM_PRINT: QT_TRANSLATE_NOOP("HistoryDetail", "Referral form printed"),
    Action.REFERRAL_FORM_SAVE: QT_TRANSLATE_NOOP("HistoryDetail", "Referral form saved as PDF"),
    Action.REFERRAL_PACKET_AGAIN: QT_TRANSLATE_NOOP("HistoryDetail", "Referral packet saved again"),
    Action.DISCLOSURE_VIEW: QT_TRANSLATE_NOOP("HistoryDetail", "Detail viewed"),
    Action.REVIEW_DECIDE: QT_TRANSLATE_NOOP("HistoryDetail", "Review decision"),
    Action.CLIENT_VIEW: QT_TRANSLATE_NOOP("HistoryDetail", "Client record viewed"),
}
DECISION_TEXT: Mapping[str, str] = {
    "accepted": QT_TRANSLATE_NOOP("HistoryDetail", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("HistoryDetail", "Rejected"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def action_label(action: str) -> str:
    return _tr(ACTION_TEXT[action]) if action in ACTION_TEXT else action


def _e(text: object) -> str:
    return html.escape(str(text), quote=False)


def _p(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def _section(title: str, body: str) -> str:
    return f"<h3>{_e(title)}</h3>{body}"


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th align='left'>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='3' border='1'><tr>{head}</tr>{body}</table>"


def _lines(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


class DetailText:
    """Turns a DisclosureDetail into the panel's HTML (kept apart from the widget so it can be read in tests)."""

    def __init__(self, session: Session) -> None:
        self._catalogue = session.catalogue
        self._workers = {w.id: w.display_name or w.name for w in session.workers()}
        self._languages = session.notices.language_names()

    def worker(self, worker_id: str | None) -> str:
        if worker_id is None:
            return _tr(QT_TRANSLATE_NOOP("HistoryDetail", "(Tiaki itself)"))
        return self._workers.get(worker_id, worker_id)

    def html(self, detail: DisclosureDetail) -> str:
        entry = detail.entry
        title = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "{client} to {partner}, {when}")).format(
            client=entry.client_name, partner=entry.partner_name, when=when_label(entry.at))
        facts = [
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "What")), history_kind_label(entry.kind)),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Channel")), channel_description(entry.channel)),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Status")), status_label(entry.status)),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Purpose")), purpose_label(entry.purpose) if entry.purpose
             else "—"),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Worker")), entry.worker_name),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Legal basis")), bases_label(entry.bases) or "—"),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Disclosure id")), entry.id),
            (_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Device")), entry.device_id),
        ]
        parts = [f"<h2>{_e(title)}</h2>",
                 "<table cellpadding='2'>" + "".join(f"<tr><td><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>"
                                                     for k, v in facts) + "</table>"]
        if detail.override_justification is not None or entry.override:
            parts.append(_section(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Serious-threat override")),
                                  _p(detail.override_justification or "—")))
        parts.append(self._fields(detail))
        parts.append(self._consents(detail.consents))
        parts.append(self._receipt(detail))
        parts.append(self._audit(detail))
        parts.append(self._reviews(detail.reviews))
        return "".join(parts)

    def _fields(self, detail: DisclosureDetail) -> str:
        disclosure = detail.disclosure
        sent = [(field_key_label(self._catalogue, f.field), bases_label((f.basis,)))
                for f in disclosure.fields]
        body = _table([_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Information")),
                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Basis"))], sent) if sent else \
            _p(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "No information went with this message.")))
        out = _section(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Information shared")), body)
        withheld = [f"{field_key_label(self._catalogue, key)}: {reason_text(reason)}"
                    for key, reason in sorted(disclosure.withheld.items())]
        out += _section(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Withheld, and why")), _lines(withheld) if withheld
                        else _p(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Nothing was withheld."))))
        dropped = [f"{field_key_label(self._catalogue, key)}: {reason_text(reason)}"
                   for key, reason in sorted(disclosure.dropped.items())]
        if dropped:
            out += _section(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Dropped when it was sealed")), _lines(dropped))
        return out

    def _consents(self, consents: tuple[ConsentInForce, ...]) -> str:
        title = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Consent relied on"))
        if not consents:
            return _section(title, _p(_tr(QT_TRANSLATE_NOOP(
                "HistoryDetail", "No consent: the information went on another basis."))))
        rows = []
        for consent in consents:
            rows.append((
                when_label(consent.given_at),
                when_label(consent.expires_at) if consent.expires_at else _tr(
                    QT_TRANSLATE_NOOP("HistoryDetail", "No expiry")),
                _method(consent.method), self._languages.get(consent.language, consent.language),
                ", ".join(purpose_label(p) for p in consent.purposes), _consent_state(consent.state_now)))
        headers = [_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Given")),
                   _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Expires")),
                   _tr(QT_TRANSLATE_NOOP("HistoryDetail", "How")),
                   _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Language")),
                   _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Purposes")),
                   _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Now"))]
        return _section(title, _table(headers, rows))

    def _receipt(self, detail: DisclosureDetail) -> str:
        title = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Receipt"))
        receipt = detail.disclosure.receipt
        if detail.entry.channel != "sync":
            text = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "No receipt: a packet or a printed form leaves by hand."))
            return _section(title, _p(text))
        if receipt is None or detail.receipt_verified is None:
            return _section(title, _p(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "No receipt yet."))))
        if detail.receipt_verified:
            verdict = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Signature verified"))
        else:
            verdict = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Signature NOT verified"))
        facts = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "The partner answered '{status}' at {when} (key {key})."))
        facts = facts.format(status=receipt.status, when=local_time(receipt.received_at), key=receipt.partner_key_id)
        if receipt.reason:
            facts += " " + reason_text(receipt.reason)
        return _section(title, f"<p><b>{_e(verdict)}</b></p><p>{_e(facts)}</p>")

    def _audit(self, detail: DisclosureDetail) -> str:
        title = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Audit entries"))
        rows = [(local_time(a.at), action_label(a.action), self.worker(a.actor_id)) for a in detail.audit]
        if not rows:
            return _section(title, _p(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "None found."))))
        return _section(title, _table([_tr(QT_TRANSLATE_NOOP("HistoryDetail", "When")),
                                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "What")),
                                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Who"))], rows))

    def _reviews(self, reviews: tuple[ReviewRecord, ...]) -> str:
        title = _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Review decisions"))
        if not reviews:
            return _section(title, _p(_tr(QT_TRANSLATE_NOOP("HistoryDetail", "Not reviewed."))))
        rows = [(when_label(r.at), _tr(DECISION_TEXT[r.decision]) if r.decision in DECISION_TEXT else r.decision,
                 r.reviewer_name, r.comment) for r in reviews]
        return _section(title, _table([_tr(QT_TRANSLATE_NOOP("HistoryDetail", "When")),
                                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Decision")),
                                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Reviewer")),
                                       _tr(QT_TRANSLATE_NOOP("HistoryDetail", "Comment"))], rows))


def _method(method: object) -> str:
    try:
        return method_label(ConsentMethod(str(method)))
    except ValueError:
        return str(method)


def _consent_state(state: str) -> str:
    try:
        return consent_status_label(ConsentStatus(state))
    except ValueError:
        return state


class HistoryDetailPanel(QWidget):
    """Shows the disclosure the history list selects; ``shown(DisclosureDetail | None)`` once it is on screen."""

    shown = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pending: str | None = None
        self.detail: DisclosureDetail | None = None
        self._text = DetailText(session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("&Detail:"), self)
        self.view = QTextBrowser(self)
        self.view.setAccessibleName(self.tr("Disclosure detail"))
        self.view.setOpenLinks(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.setTabChangesFocus(True)
        heading.setBuddy(self.view)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        self.report_button = QPushButton(self.tr("Shared-with report for this perso&n…"), self)
        self.report_button.setToolTip(self.tr("A report for the person of every organisation their information "
                                              "was shared with (Privacy Act, principle 6)"))
        self.report_button.clicked.connect(self.client_report)
        name_buttons([self.report_button])
        layout.addWidget(self.report_button)
        self.report_dialog: ClientReportDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETAIL_DELAY_MS)
        self._timer.timeout.connect(self.load_now)
        self.show_nothing()

    def show_nothing(self) -> None:
        self._timer.stop()
        self._pending = None
        self.detail = None
        self.report_button.setEnabled(False)
        self.view.setPlainText(self.tr("Select a disclosure in the list to see what went, on which basis, "
                                       "and the receipt."))

    def request(self, entry_id: str | None) -> None:
        """Show ``entry_id`` once the selection rests (each opening is audited)."""
        if entry_id is None:
            self.show_nothing()
            return
        if self.detail is not None and self.detail.entry.id == entry_id:
            self._timer.stop()
            return
        self._pending = entry_id
        self._timer.start()

    def load_now(self) -> DisclosureDetail | None:
        """Read the requested disclosure now (the one already shown when nothing else was asked for)."""
        self._timer.stop()
        entry_id, self._pending = self._pending, None
        if entry_id is None:
            return self.detail
        if not self._session.is_open:
            return None
        try:
            detail = self._session.history.detail(entry_id)
        except (StoreError, PermissionError) as exc:
            self.detail = None
            self.view.setPlainText(self.tr("The detail could not be read: {problem}").format(
                problem=store_error_text(exc)))
            self.shown.emit(None)
            return None
        self.detail = detail
        self.view.setHtml(self._text.html(detail))
        self.report_button.setEnabled(True)
        self.shown.emit(detail)
        return detail

    def reload(self, entry_id: str) -> None:
        """Read ``entry_id`` again if it is the one shown (a review decision was just recorded for it)."""
        if self.detail is not None and self.detail.entry.id == entry_id:
            self._pending = entry_id
            self.load_now()

    def client_report(self) -> ClientReportDialog | None:
        """The shown disclosure's person: their shared-with report (the store checks the worker may read them)."""
        if self.detail is None or not self._session.is_open:
            return None
        entry = self.detail.entry
        dialog = ClientReportDialog(self._session, entry.client_id, entry.client_name, self)
        dialog.open()
        self.report_dialog = dialog
        return dialog

    def text(self) -> str:
        """What the panel says, as plain text (what a screen reader reads)."""
        return self.view.toPlainText()

    def clear_session(self) -> None:
        self.show_nothing()
        self.view.clear()
