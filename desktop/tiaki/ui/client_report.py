"""The "who your information has been shared with" report for one person (Privacy Act 2020, principles 6 and 7):
a plain-language document they can take away, printed or saved as a PDF, in English or te reo Māori.

It reads ``session.history.client_report`` — only this person's disclosures that reached a partner — and writes
one section per organisation: when (first, most recent, how many times), what kinds of information (the
catalogue's labels), for what, on what legal basis in words a person uses, and how it went; then how to ask for
the information or its correction and whom to contact. The words go through a QTranslator of the *report's*
language (ui/referral_form.FormLanguage), not the worker's interface; anything untranslated reads in English.

Every print or save is audited (``record_client_report``); a PDF whose saving cannot be recorded is removed.
The PDF is not encrypted: it is meant for the person.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QDate, QIODevice, QLocale, QMarginsF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.catalogue import Catalogue
from tiaki.store.errors import StoreError
from tiaki.store.files import atomic_write
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, name_buttons, problem_label
from tiaki.ui.labels import FIELDS_CONTEXT, PURPOSE_TEXT, PURPOSES_CONTEXT, QT_TRANSLATE_NOOP, ui_language
from tiaki.ui.messages import store_error_text
from tiaki.ui.paged_document import paint_pages
from tiaki.ui.referral_form import FormLanguage

CONTEXT = "ClientReport"
LANGUAGES = ("en", "mi")

TEXT: Mapping[str, str] = {
    "title": QT_TRANSLATE_NOOP("ClientReport", "Who your information has been shared with"),
    "confidential": QT_TRANSLATE_NOOP("ClientReport", "Confidential"),
    "page": QT_TRANSLATE_NOOP("ClientReport", "Page {page} of {pages}"),
    "organisation": QT_TRANSLATE_NOOP("ClientReport", "Organisation"),
    "made_for": QT_TRANSLATE_NOOP("ClientReport", "Made for"),
    "date": QT_TRANSLATE_NOOP("ClientReport", "Date"),
    "intro": QT_TRANSLATE_NOOP(
        "ClientReport", "This report lists every organisation that {organisation} has shared your information "
                        "with from this computer: when, what kinds of information, what for, on what basis, and "
                        "how it was sent."),
    "none": QT_TRANSLATE_NOOP(
        "ClientReport", "We have not shared your information with any other organisation from this computer."),
    "when": QT_TRANSLATE_NOOP("ClientReport", "When"),
    "once": QT_TRANSLATE_NOOP("ClientReport", "Once, on {date}."),
    "times": QT_TRANSLATE_NOOP("ClientReport", "First: {first}. Most recent: {last}. Times in all: {times}."),
    "what": QT_TRANSLATE_NOOP("ClientReport", "What kinds of information"),
    "what_for": QT_TRANSLATE_NOOP("ClientReport", "What for"),
    "basis": QT_TRANSLATE_NOOP("ClientReport", "On what basis"),
    "how": QT_TRANSLATE_NOOP("ClientReport", "How it was sent"),
    "rights_heading": QT_TRANSLATE_NOOP("ClientReport", "Seeing and correcting your information"),
    "rights": QT_TRANSLATE_NOOP(
        "ClientReport", "You have the right to ask us for the information we hold about you (Privacy Act 2020, "
                        "principle 6) and to ask us to correct it (principle 7). If we do not correct it, you can "
                        "ask us to attach a statement of the correction you asked for. We answer within 20 working "
                        "days."),
    "contact_heading": QT_TRANSLATE_NOOP("ClientReport", "Who to contact"),
    "contact": QT_TRANSLATE_NOOP(
        "ClientReport", "Ask your worker, or the privacy officer at {organisation}. If you are not satisfied with "
                        "our answer, you can complain to the Privacy Commissioner: privacy.org.nz or 0800 803 909."),
    "handling": QT_TRANSLATE_NOOP(
        "ClientReport", "This report holds personal information. Keep it somewhere safe."),
}

CHANNEL_TEXT: Mapping[str, str] = {
    "sync": QT_TRANSLATE_NOOP(
        "ClientReport", "Sent encrypted over the internet, straight to the organisation's secure inbox."),
    "packet": QT_TRANSLATE_NOOP(
        "ClientReport", "Handed over as an encrypted file that only that organisation can open."),
    "print": QT_TRANSLATE_NOOP("ClientReport", "On a printed or PDF referral form."),
}

# The legal bases (core.sharing.Basis) as the person would say them.
BASIS_TEXT: Mapping[str, str] = {
    "consent": QT_TRANSLATE_NOOP("ClientReport", "You agreed to it (your consent)."),
    "purpose_of_collection": QT_TRANSLATE_NOOP(
        "ClientReport", "It was for the purpose we collected it for, or a directly related purpose."),
    "authorised_by_person": QT_TRANSLATE_NOOP(
        "ClientReport", "You, or someone allowed to act for you, authorised it."),
    "approved_sharing_agreement": QT_TRANSLATE_NOOP(
        "ClientReport", "An approved information sharing agreement under the Privacy Act 2020 allows it."),
    "information_matching": QT_TRANSLATE_NOOP(
        "ClientReport", "An information matching programme allowed by law."),
    "legal_requirement": QT_TRANSLATE_NOOP("ClientReport", "The law required it."),
    "serious_threat": QT_TRANSLATE_NOOP(
        "ClientReport", "It was necessary to prevent or lessen a serious threat to someone's life or health."),
}


class ReportRowLike(Protocol):
    """What the report reads from ``store.sharing_history.ClientReportRow``."""

    @property
    def partner_name(self) -> str: ...
    @property
    def first_at(self) -> dt.datetime: ...
    @property
    def last_at(self) -> dt.datetime: ...
    @property
    def times(self) -> int: ...
    @property
    def fields(self) -> Sequence[str]: ...
    @property
    def bases(self) -> Sequence[str]: ...
    @property
    def channels(self) -> Sequence[str]: ...
    @property
    def purposes(self) -> Sequence[str]: ...


class ReportLike(Protocol):
    """What the report reads from ``store.sharing_history.ClientReport``."""

    @property
    def client_name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def made_at(self) -> dt.datetime: ...
    @property
    def rows(self) -> Sequence[ReportRowLike]: ...


class ClientReportDocument:
    """One person's report in one language: HTML, a paginated printout or PDF bytes."""

    def __init__(self, report: ReportLike, catalogue: Catalogue, language: str, *,
                 i18n: Path | None = None) -> None:
        self.report = report
        self._catalogue = catalogue
        self.lang = FormLanguage(language, i18n)
        self._locale = QLocale(f"{self.lang.language}_NZ")

    # --- words ---------------------------------------------------------------------------------------

    def text(self, key: str) -> str:
        return self.lang.text(CONTEXT, TEXT[key])

    def date(self, moment: dt.datetime) -> str:
        day = moment.astimezone().date() if moment.tzinfo else moment.date()
        return self._locale.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")

    def field_label(self, key: str) -> str:
        label = self._catalogue.get(key).label if key in self._catalogue else key
        return self.lang.text(FIELDS_CONTEXT, label)

    def purpose(self, key: str) -> str:
        text = PURPOSE_TEXT.get(key)
        return self.lang.text(PURPOSES_CONTEXT, text) if text else key

    def basis(self, code: str) -> str:
        text = BASIS_TEXT.get(code)
        return self.lang.text(CONTEXT, text) if text else code

    def channel(self, code: str) -> str:
        text = CHANNEL_TEXT.get(code)
        return self.lang.text(CONTEXT, text) if text else code

    def when(self, row: ReportRowLike) -> str:
        if row.times == 1:
            return self.text("once").format(date=self.date(row.first_at))
        return self.text("times").format(first=self.date(row.first_at), last=self.date(row.last_at),
                                         times=row.times)

    # --- document ------------------------------------------------------------------------------------

    def _section(self, row: ReportRowLike) -> str:
        """One organisation: a heading, then a two-column table (what is asked, the answer)."""
        e = html.escape

        def lines(values: Sequence[str]) -> str:
            return "<br/>".join(e(v) for v in values) or "—"

        cells = ((self.text("when"), e(self.when(row))),
                 (self.text("what"), e(", ".join(self.field_label(k) for k in row.fields)) or "—"),
                 (self.text("what_for"), lines([self.purpose(p) for p in row.purposes])),
                 (self.text("basis"), lines([self.basis(b) for b in row.bases])),
                 (self.text("how"), lines([self.channel(c) for c in row.channels])))
        body = "".join(f"<tr><th align='left' valign='top' width='30%'>{e(k)}</th><td valign='top'>{v}</td></tr>"
                       for k, v in cells)
        return (f"<h2>{e(row.partner_name)}</h2>"
                f"<table width='100%' border='1' cellspacing='0' cellpadding='5'>{body}</table>")

    def html(self) -> str:
        r, e, t = self.report, html.escape, self.text
        rows = ((t("organisation"), r.organisation), (t("made_for"), r.client_name), (t("date"), self.date(r.made_at)))
        summary = "".join(f"<tr><th align='left' width='30%'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
        sections = "".join(self._section(row) for row in r.rows) or f"<p><b>{e(t('none'))}</b></p>"
        return (f"<html lang='{self.lang.language}'><body><h1>{e(t('title'))}</h1>"
                f"<table width='100%' cellspacing='0' cellpadding='4'>{summary}</table>"
                f"<p>{e(t('intro').format(organisation=r.organisation))}</p>{sections}"
                f"<h2>{e(t('rights_heading'))}</h2><p>{e(t('rights'))}</p>"
                f"<h2>{e(t('contact_heading'))}</h2><p>{e(t('contact').format(organisation=r.organisation))}</p>"
                f"<p><i>{e(t('handling'))}</i></p></body></html>")

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.text("title"))
        font = QFont(document.defaultFont())
        font.setPointSizeF(11)  # a little larger than the referral form: this one is read by the person
        font.setFeature(QFont.Tag("liga"), 0)  # the PDF's text stays searchable as written
        document.setDefaultFont(font)
        document.setHtml(self.html())
        return document

    def render(self, device: QPagedPaintDevice) -> int:
        """Paint page by page with "Confidential" and "Page N of M" on each; returns the number of pages."""
        return paint_pages(self.document(), device, marking=self.text("confidential"),
                           heading=self.report.organisation, page_text=self.text("page"))

    def pdf_bytes(self) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 14, 18, 14), QPageLayout.Unit.Millimeter)
        writer.setTitle(self.text("title"))  # no personal information in the metadata
        writer.setCreator("Tiaki")
        self.render(writer)
        del writer
        data = bytes(buffer.data().data())
        buffer.close()
        return data

    def write_pdf(self, path: Path) -> None:
        """Atomically, readable by the owner only; OSError when it cannot be written."""
        atomic_write(path, self.pdf_bytes())


class ClientReportDialog(QDialog):
    """Choose the report's language, then save it as a PDF or print it (each audited)."""

    made = Signal(str)  # "pdf" or "print", once made and recorded

    def __init__(self, session: Session, client_id: str, person: str, parent: QWidget | None = None, *,
                 i18n: Path | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id = client_id
        self._i18n = i18n
        self.print_dialog: QPrintDialog | None = None
        self.setWindowTitle(self.tr("Shared-with report — {person}").format(person=person))
        self.setAccessibleName(self.tr("Shared-with report"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A report for the person of every organisation their information was shared with "
                               "from this computer, and how to ask to see or correct it. The PDF is not encrypted: "
                               "give it to the person and do not keep a copy."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language of the report"))
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("te reo Māori"), "mi")
        self.language.setCurrentIndex(max(self.language.findData(ui_language()), 0))
        add_labelled_rows(form, self, [(self.tr("&Language of the report:"), self.language)])
        layout.addLayout(form)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Report status"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.clicked.connect(self.print_report)
        for button in (self.pdf_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        name_buttons([self.pdf_button, self.print_button])
        name_button_box(buttons)
        layout.addWidget(buttons)
        self.language.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def document(self) -> ClientReportDocument | None:
        """The report as the store gives it now, or None (the reason is shown)."""
        try:
            report = self._session.history.client_report(self._client_id)
        except (StoreError, PermissionError) as exc:
            self._show_problem(store_error_text(exc))
            return None
        return ClientReportDocument(report, self._session.catalogue, str(self.language.currentData()),
                                    i18n=self._i18n)

    def _language_note(self, document: ClientReportDocument) -> str:
        """Said when the chosen language's translation is not installed and the report fell back to English."""
        if document.lang.language == self.language.currentData():
            return ""
        return " " + self.tr("No translation for that language is installed, so the report is in English.")

    def choose_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the shared-with report"),
                                              f"shared-with-{self.language.currentData()}.pdf", self.tr("PDF (*.pdf)"))
        if name:
            self.save_pdf_to(Path(name))

    def save_pdf_to(self, path: Path) -> bool:
        """Write the PDF, then record it; a file whose saving cannot be recorded is removed again."""
        self._show_problem("")
        document = self.document()
        if document is None:
            return False
        try:
            document.write_pdf(path)
        except OSError:
            self._show_problem(self.tr("The report was not saved: that file could not be written. Choose another "
                                       "place."))
            return False
        try:
            self._session.history.record_client_report(self._client_id, fmt="pdf", language=document.lang.language)
        except (StoreError, PermissionError) as exc:
            path.unlink(missing_ok=True)
            self._show_problem(self.tr("The report was not saved: {problem}").format(problem=store_error_text(exc)))
            return False
        self.status.setText(self.tr("The report was saved as {file} (not encrypted).").format(file=path.name)
                            + self._language_note(document))
        self.made.emit("pdf")
        return True

    def print_report(self) -> QPrintDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAccessibleName(self.tr("Print the shared-with report"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.print_dialog = dialog
        dialog.show()
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        self._show_problem("")
        document = self.document()
        if document is None:
            return False
        try:
            self._session.history.record_client_report(self._client_id, fmt="print", language=document.lang.language)
            document.render(printer)
        except OSError:
            self._show_problem(self.tr("The report was not printed: the printer could not be used."))
            return False
        except (StoreError, PermissionError) as exc:
            self._show_problem(self.tr("The report was not printed: {problem}").format(problem=store_error_text(exc)))
            return False
        self.status.setText(self.tr("The report was sent to the printer.") + self._language_note(document))
        self.made.emit("print")
        return True
