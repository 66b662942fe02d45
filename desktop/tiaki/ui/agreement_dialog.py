"""Adding a sharing agreement with a partner (privacy officer): its legal basis, what it covers, and when.

The form applies the rules a person can fix at once (an approved information sharing agreement needs its name,
a legal requirement its statute, a serious threat is never an agreement's basis, the end comes after the start);
the store checks the role and the partner.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.sharing import AGREEMENT_BASES, Basis, Partner
from tiaki.core.sharing_json import AgreementInput
from tiaki.core.text import bad_characters, nfc
from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_spin_box, ok_cancel_buttons, problem_label, scrolling_body
from tiaki.ui.check_list import CheckList
from tiaki.ui.consent_dialogs import local_midnight_utc
from tiaki.ui.labels import purpose_label
from tiaki.ui.messages import store_error_text
from tiaki.ui.sharing_labels import basis_label, category_label, field_key_label

MAX_TEXT = 300


def _date_edit(parent: QWidget, name: str, date: QDate) -> QDateEdit:
    edit = QDateEdit(parent)
    name_spin_box(edit, name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(date)
    return edit


def clean_text(text: str) -> str | None:
    """The text as stored (NFC, trimmed), or None when it is too long or holds a character that cannot be stored."""
    clean = nfc(text).strip()
    return None if len(clean) > MAX_TEXT or bad_characters(clean) else clean


class AddAgreementDialog(QDialog):
    """Emits ``added(SharingAgreement)`` once the store has it."""

    added = Signal(object)

    def __init__(self, session: Session, partner: Partner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._partner = partner
        self.setWindowTitle(self.tr("Add agreement with {partner}").format(partner=partner.name))
        self.setAccessibleName(self.tr("Add sharing agreement"))
        self.setModal(True)
        self.resize(600, 760)
        outer = QVBoxLayout(self)
        layout = scrolling_body(self, outer)
        form = QFormLayout()
        self.basis = QComboBox(self)
        self.basis.setAccessibleName(self.tr("Legal basis"))
        for basis in (b for b in Basis if b in AGREEMENT_BASES):  # never a serious threat
            self.basis.addItem(basis_label(basis), basis.value)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Agreement name"))
        self.name.setPlaceholderText(self.tr("Needed for an approved information sharing agreement"))
        self.reference = QLineEdit(self)
        self.reference.setAccessibleName(self.tr("Reference"))
        self.reference.setPlaceholderText(self.tr("e.g. the statute, for a legal requirement"))
        add_labelled_rows(form, self, [(self.tr("&Basis:"), self.basis), (self.tr("&Name:"), self.name),
                                       (self.tr("&Reference:"), self.reference)])
        layout.addLayout(form)

        catalogue = session.catalogue
        self.purpose_list = CheckList(self.tr("Purposes"), [(k, purpose_label(k)) for k in session.purposes.keys],
                                      self)
        self.category_list = CheckList(self.tr("Information"), [(c.key, category_label(catalogue, c.key))
                                                                for c in catalogue.categories], self)
        self.excluded_list = CheckList(self.tr("Fields excluded"), [(f.key, field_key_label(catalogue, f.key))
                                                                    for f in catalogue.fields], self, rows=5)
        for text, widget in ((self.tr("&Purposes it covers:"), self.purpose_list),
                             (self.tr("&Information it covers:"), self.category_list),
                             (self.tr("Fields &excluded (never sent under it):"), self.excluded_list)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)

        dates = QFormLayout()
        today = QDate.currentDate()
        self.valid_from = _date_edit(self, self.tr("Valid from"), today)
        until_row = QHBoxLayout()
        self.has_end = QCheckBox(self.tr("Valid &until:"), self)
        self.has_end.setAccessibleName(self.tr("Has an end date"))
        self.valid_until = _date_edit(self, self.tr("Valid until"), today.addYears(1))
        self.valid_until.setEnabled(False)
        self.has_end.toggled.connect(self.valid_until.setEnabled)
        until_row.addWidget(self.has_end)
        until_row.addWidget(self.valid_until, 1)
        add_labelled_rows(dates, self, [(self.tr("Valid &from:"), self.valid_from)])
        dates.addRow(until_row)
        layout.addLayout(dates)

        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("What is still needed"))
        self.problem.hide()
        outer.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Add agreement"))
        outer.addWidget(self.buttons)
        self.basis.setFocus()

    def set_basis(self, basis: Basis) -> None:
        self.basis.setCurrentIndex(self.basis.findData(basis.value))

    def agreement_input(self) -> AgreementInput | str:
        """The agreement, or what is wrong with the form (in the worker's language)."""
        basis = Basis(self.basis.currentData())
        name, reference = clean_text(self.name.text()), clean_text(self.reference.text())
        if name is None or reference is None:
            return self.tr("The name and reference may be at most {n} characters each, with no characters that "
                           "cannot be stored.").format(n=MAX_TEXT)
        if basis is Basis.APPROVED_SHARING_AGREEMENT and not name:
            return self.tr("An approved information sharing agreement needs its name.")
        if basis is Basis.LEGAL_REQUIREMENT and not reference:
            return self.tr("A legal requirement needs the statute in the reference.")
        if not self.purpose_list.checked() or not self.category_list.checked():
            return self.tr("Choose at least one purpose and one kind of information.")
        valid_from = local_midnight_utc(self.valid_from.date())
        valid_until: dt.datetime | None = None
        if self.has_end.isChecked():
            valid_until = local_midnight_utc(self.valid_until.date())
            if valid_until <= valid_from:
                return self.tr("The end date must be after the start date.")
        return AgreementInput(
            partner_id=self._partner.id, name=name, reference=reference, basis=basis,
            purposes=frozenset(self.purpose_list.checked()), categories=frozenset(self.category_list.checked()),
            excluded_fields=frozenset(self.excluded_list.checked()), valid_from=valid_from, valid_until=valid_until)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        agreement = self.agreement_input()
        if isinstance(agreement, str):
            self._show_problem(agreement)
            return
        try:
            added = self._session.sharing.add_agreement(agreement)
        except (StoreError, PermissionError) as exc:
            self._show_problem(self.tr("Not added: {problem}").format(problem=store_error_text(exc)))
            return
        self.added.emit(added)
        super().accept()
