"""Recording a consent decision, and withdrawing one (a new event, never an edit).

Each dialog gathers the worker's answers, hands them to ``session.sharing`` and shows the store's refusal in
its own problem line, so nothing typed is lost. The store decides what is valid.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.sharing import ConsentMethod, ConsentRecord, GivenBy, PartnerKind
from tiaki.core.sharing_json import ConsentInput
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import (
    add_labelled_rows,
    name_buttons,
    name_spin_box,
    ok_cancel_buttons,
    problem_label,
    scrolling_body,
)
from tiaki.ui.check_list import CheckList
from tiaki.ui.labels import purpose_label, ui_language
from tiaki.ui.messages import store_error_text
from tiaki.ui.sharing_labels import category_label, given_by_label, method_label, recipient_label


def local_midnight_utc(date: QDate) -> dt.datetime:
    """The start of ``date`` on this computer's clock, as an aware UTC time."""
    moment = QDateTime(date, QTime(0, 0)).toSecsSinceEpoch()
    return dt.datetime.fromtimestamp(moment, dt.UTC)


class RecordConsentDialog(QDialog):
    """Emits ``recorded(ConsentRecord)`` once the store has kept the decision."""

    recorded = Signal(object)

    def __init__(self, session: Session, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id = client_id
        self.setWindowTitle(self.tr("Record consent"))
        self.setAccessibleName(self.tr("Record consent"))
        self.setModal(True)
        self.resize(620, 720)
        outer = QVBoxLayout(self)
        layout = scrolling_body(self, outer)
        intro = QLabel(self.tr("Record what the person agreed to, or refused: who may receive which information, "
                               "and what for."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        partners = session.sharing.partners()
        recipients = [(k.value, recipient_label(k.value, {})) for k in PartnerKind]
        recipients += [(p.id, p.name) for p in partners]
        self.recipient_list = CheckList(self.tr("Recipients"), recipients, self)
        self.purpose_list = CheckList(self.tr("Purposes"), [(k, purpose_label(k)) for k in session.purposes.keys],
                                      self)
        self.category_list = CheckList(self.tr("Information"), [(c.key, category_label(session.catalogue, c.key))
                                                                for c in session.catalogue.categories], self)
        for text, widget in ((self.tr("&Recipients (partners or kinds of partner):"), self.recipient_list),
                             (self.tr("&Purposes:"), self.purpose_list),
                             (self.tr("&Information (kinds of information):"), self.category_list)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
            widget.changed.connect(self._update_ok)

        layout.addWidget(self._build_decision())
        form = QFormLayout()
        self.method = QComboBox(self)
        self.method.setAccessibleName(self.tr("How consent was given"))
        for method in ConsentMethod:
            self.method.addItem(method_label(method), method.value)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language of the notice"))
        for code, name in session.notices.language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(ui_language()), 0))
        self.given_by = QComboBox(self)
        self.given_by.setAccessibleName(self.tr("Given by"))
        for who in GivenBy:
            self.given_by.addItem(given_by_label(who), who.value)
        add_labelled_rows(form, self, [(self.tr("&Method:"), self.method),
                                       (self.tr("&Language of the notice:"), self.language),
                                       (self.tr("Given &by:"), self.given_by)])
        expiry_row = QHBoxLayout()
        self.expires = QCheckBox(self.tr("&Expires on:"), self)
        self.expires.setAccessibleName(self.tr("Consent expires"))
        self.expiry_date = QDateEdit(self)
        name_spin_box(self.expiry_date, self.tr("Expiry date"))
        self.expiry_date.setCalendarPopup(True)
        self.expiry_date.setDisplayFormat("yyyy-MM-dd")
        tomorrow = QDate.currentDate().addDays(1)
        self.expiry_date.setMinimumDate(tomorrow)
        self.expiry_date.setDate(QDate.currentDate().addYears(1))
        self.expiry_date.setEnabled(False)
        self.expires.toggled.connect(self.expiry_date.setEnabled)
        expiry_row.addWidget(self.expires)
        expiry_row.addWidget(self.expiry_date, 1)
        form.addRow(expiry_row)
        layout.addLayout(form)

        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("What is still needed"))
        outer.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Record"))
        outer.addWidget(self.buttons)
        self._update_ok()
        self.recipient_list.setFocus()

    def _build_decision(self) -> QGroupBox:
        group = QGroupBox(self.tr("The person's decision"), self)
        group.setAccessibleName(self.tr("The person's decision"))
        column = QVBoxLayout(group)
        self.permit = QRadioButton(self.tr("A&grees: this may be shared"), group)
        self.deny = QRadioButton(self.tr("Re&fuses: this must not be shared"), group)
        self._decision_group = QButtonGroup(self)
        for button in (self.permit, self.deny):
            self._decision_group.addButton(button)
            column.addWidget(button)
        name_buttons([self.permit, self.deny])
        self.permit.setChecked(True)
        return group

    def _update_ok(self) -> None:
        missing = [text for widget, text in ((self.recipient_list, self.tr("a recipient")),
                                             (self.purpose_list, self.tr("a purpose")),
                                             (self.category_list, self.tr("a kind of information")))
                   if not widget.checked()]
        self.problem.setText(self.tr("Choose at least: {missing}.").format(missing=", ".join(missing))
                             if missing else "")
        self.problem.setVisible(bool(missing))
        self.ok_button.setEnabled(not missing)

    def consent_input(self, now: dt.datetime | None = None) -> ConsentInput:
        given_at = now or dt.datetime.now(dt.UTC)
        expires_at = local_midnight_utc(self.expiry_date.date()) if self.expires.isChecked() else None
        return ConsentInput(
            recipients=frozenset(self.recipient_list.checked()), purposes=frozenset(self.purpose_list.checked()),
            categories=frozenset(self.category_list.checked()), permit=self.permit.isChecked(),
            given_at=given_at, expires_at=expires_at, method=ConsentMethod(self.method.currentData()),
            language=str(self.language.currentData()), given_by=GivenBy(self.given_by.currentData()))

    def accept(self) -> None:
        self._update_ok()
        if not self.ok_button.isEnabled():
            return
        consent = self.consent_input()
        if consent.expires_at is not None and consent.expires_at <= consent.given_at:
            self.problem.setText(self.tr("The expiry must be after today."))
            self.problem.show()
            return
        try:
            record = self._session.sharing.record_consent(self._client_id, consent)
        except (StoreError, PermissionError) as exc:
            self.problem.setText(self.tr("Not recorded: {problem}").format(problem=store_error_text(exc)))
            self.problem.show()
            return
        self.recorded.emit(record)
        super().accept()


class WithdrawConsentDialog(QDialog):
    """Asks for an optional reason and a confirmation; emits ``withdrawn(ConsentRecord)``."""

    withdrawn = Signal(object)

    def __init__(self, session: Session, record: ConsentRecord, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._record = record
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.setAccessibleName(self.tr("Withdraw consent"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("Withdraw this consent now? From now on it no longer allows sharing. It stays in "
                                  "the client's history; nothing already shared is recalled.\n\n{summary}").format(
            summary=summary), self)
        question.setWordWrap(True)
        layout.addWidget(question)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for withdrawing (optional)"))
        self.reason.setMaxLength(300)
        add_labelled_rows(form, self, [(self.tr("&Reason (optional):"), self.reason)])
        layout.addLayout(form)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem withdrawing"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Withdraw consent"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        cancel.setDefault(True)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        try:
            record = self._session.sharing.withdraw_consent(self._record.id, reason=self.reason.text().strip())
        except (StoreError, PermissionError) as exc:
            self.problem.setText(self.tr("Not withdrawn: {problem}").format(problem=store_error_text(exc)))
            self.problem.show()
            return
        self.withdrawn.emit(record)
        super().accept()
