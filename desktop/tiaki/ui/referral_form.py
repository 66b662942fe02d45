"""The printable referral form: what a coordinator hands or posts to a partner alongside (or instead of) the
encrypted packet.

It shows only what the policy engine allowed (each value with its label and legal basis), a plain list of what
was withheld and why, who refers to whom for what, and the referral's details. Every page carries a
"Confidential" marking and "Page N of M", painted here per page (QTextDocument.print_ has no page header).

The form is in the *person's* language (the packet's ``language``) when a Qt translation for it exists: its
words go through a QTranslator of their own for i18n/tiaki_<lang>.qm, not the worker's interface language;
anything that translation lacks reads in English. A PDF of the form is plain personal information: callers
warn before saving one, and this module writes it atomically, readable by the owner only.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QTranslator
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from tiaki.core.catalogue import Catalogue
from tiaki.core.sharing import Basis
from tiaki.paths import i18n_dir
from tiaki.store.files import atomic_write
from tiaki.ui.labels import FIELDS_CONTEXT, PURPOSE_TEXT, PURPOSES_CONTEXT, QT_TRANSLATE_NOOP, local_time
from tiaki.ui.messages import REASON_TEMPLATES
from tiaki.ui.paged_document import paint_pages
from tiaki.ui.sharing_labels import BASIS_TEXT

CONTEXT = "ReferralForm"

URGENCY_TEXT: Mapping[str, str] = {
    "routine": QT_TRANSLATE_NOOP("ReferralForm", "Routine"),
    "urgent": QT_TRANSLATE_NOOP("ReferralForm", "Urgent"),
    "asap": QT_TRANSLATE_NOOP("ReferralForm", "As soon as possible"),
}

FORM_TEXT: Mapping[str, str] = {
    "title": QT_TRANSLATE_NOOP("ReferralForm", "Referral"),
    "confidential": QT_TRANSLATE_NOOP("ReferralForm", "Confidential"),
    "page": QT_TRANSLATE_NOOP("ReferralForm", "Page {page} of {pages}"),
    "number": QT_TRANSLATE_NOOP("ReferralForm", "Referral number"),
    "from": QT_TRANSLATE_NOOP("ReferralForm", "From"),
    "coordinator": QT_TRANSLATE_NOOP("ReferralForm", "Coordinator"),
    "to": QT_TRANSLATE_NOOP("ReferralForm", "To"),
    "purpose": QT_TRANSLATE_NOOP("ReferralForm", "Purpose"),
    "urgency": QT_TRANSLATE_NOOP("ReferralForm", "Urgency"),
    "date": QT_TRANSLATE_NOOP("ReferralForm", "Date"),
    "reason": QT_TRANSLATE_NOOP("ReferralForm", "Reason for referral"),
    "services": QT_TRANSLATE_NOOP("ReferralForm", "Services requested"),
    "note": QT_TRANSLATE_NOOP("ReferralForm", "Note to the partner"),
    "shared": QT_TRANSLATE_NOOP("ReferralForm", "Information shared"),
    "information": QT_TRANSLATE_NOOP("ReferralForm", "Information"),
    "value": QT_TRANSLATE_NOOP("ReferralForm", "Value"),
    "basis": QT_TRANSLATE_NOOP("ReferralForm", "Basis for sharing"),
    "withheld": QT_TRANSLATE_NOOP("ReferralForm", "Information withheld, and why"),
    "nothing_withheld": QT_TRANSLATE_NOOP("ReferralForm", "Nothing was withheld."),
    "override": QT_TRANSLATE_NOOP(
        "ReferralForm", "Shared under a serious-threat override (Privacy Act, principle 11(1)(f)); a supervisor "
                        "reviews this disclosure."),
    "handling": QT_TRANSLATE_NOOP(
        "ReferralForm", "This form holds personal information. Keep it secure, share it only with the people who "
                        "provide the service, and destroy it when it is no longer needed."),
}


class DetailsLike(Protocol):
    @property
    def reason(self) -> str: ...
    @property
    def urgency(self) -> str: ...
    @property
    def services(self) -> str: ...
    @property
    def note(self) -> str: ...


class SentValueLike(Protocol):
    @property
    def value(self) -> str | int: ...
    @property
    def basis(self) -> str: ...


class ReferralLike(Protocol):
    """What the form reads from ``store.referrals.ExportedPacket``."""

    @property
    def packet_id(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def organisation(self) -> str: ...
    @property
    def coordinator_name(self) -> str: ...
    @property
    def partner_name(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def details(self) -> DetailsLike: ...
    @property
    def fields(self) -> Mapping[str, SentValueLike]: ...
    @property
    def withheld(self) -> Mapping[str, str]: ...
    @property
    def language(self) -> str: ...


class FormLanguage:
    """The person's language for the form: a QTranslator of its own, English for anything it lacks."""

    def __init__(self, language: str, directory: Path | None = None) -> None:
        self._translator = QTranslator()
        self.language = "en"
        if language and language != "en" and language.isalnum() and self._translator.load(
                f"tiaki_{language}", str(directory or i18n_dir())):
            self.language = language

    def text(self, context: str, source: str) -> str:
        if self.language == "en":
            return source
        return self._translator.translate(context, source) or source

    def form(self, key: str) -> str:
        return self.text(CONTEXT, FORM_TEXT[key])


def _lines(text: str) -> str:
    return "<br/>".join(html.escape(line) for line in text.splitlines())


class ReferralForm:
    """One referral as HTML, a paginated document, a printout or PDF bytes."""

    def __init__(self, referral: ReferralLike, catalogue: Catalogue, *, needs_review: bool = False,
                 i18n: Path | None = None) -> None:
        self.referral = referral
        self._catalogue = catalogue
        self._needs_review = needs_review
        self.lang = FormLanguage(referral.language, i18n)

    # --- words ---------------------------------------------------------------------------------------

    def _field_label(self, key: str) -> str:
        label = self._catalogue.get(key).label if key in self._catalogue else key
        return self.lang.text(FIELDS_CONTEXT, label)

    def _value(self, key: str, value: str | int) -> str:
        if key in self._catalogue and self._catalogue.get(key).options:
            return self.lang.text(FIELDS_CONTEXT, self._catalogue.get(key).choice_label(str(value)))
        return str(value)

    def _basis(self, code: str) -> str:
        try:
            return self.lang.text("Sharing", BASIS_TEXT[Basis(code)])
        except ValueError:
            return code

    def _reason(self, code: str) -> str:
        template = REASON_TEMPLATES.get(code)
        if template is None:
            return code
        return self.lang.text("Reason", template)

    def _purpose(self, key: str) -> str:
        text = PURPOSE_TEXT.get(key)
        return self.lang.text(PURPOSES_CONTEXT, text) if text else key

    def urgency(self) -> str:
        text = URGENCY_TEXT.get(self.referral.details.urgency)
        return self.lang.text(CONTEXT, text) if text else self.referral.details.urgency

    def _order(self, key: str) -> tuple[int, str]:
        keys = [f.key for f in self._catalogue.fields]
        return (keys.index(key) if key in keys else len(keys), key)

    def withheld_lines(self) -> list[str]:
        """"<information> — <why>", in catalogue order."""
        return [f"{self._field_label(k)} — {self._reason(r)}"
                for k, r in sorted(self.referral.withheld.items(), key=lambda kv: self._order(kv[0]))]

    # --- document ------------------------------------------------------------------------------------

    def html(self) -> str:
        r, f, e = self.referral, self.lang.form, html.escape
        details = r.details
        rows = [(f("number"), e(r.packet_id)), (f("from"), e(r.organisation)),
                (f("coordinator"), e(r.coordinator_name)), (f("to"), e(r.partner_name)),
                (f("purpose"), e(self._purpose(r.purpose))), (f("urgency"), e(self.urgency())),
                (f("date"), e(local_time(r.created_at.isoformat())))]
        for key, text in (("reason", details.reason), ("services", details.services), ("note", details.note)):
            if text:
                rows.append((f(key), _lines(text)))
        summary = "".join(f"<tr><th align='left' valign='top' width='30%'>{e(k)}</th><td>{v}</td></tr>"
                          for k, v in rows)
        shared = "".join(
            f"<tr><td valign='top'>{e(self._field_label(k))}</td><td valign='top'>{_lines(self._value(k, v.value))}"
            f"</td><td valign='top'>{e(self._basis(v.basis))}</td></tr>"
            for k, v in sorted(r.fields.items(), key=lambda kv: self._order(kv[0])))
        withheld = "".join(f"<li>{e(line)}</li>" for line in self.withheld_lines())
        override = f"<p><b>{e(f('override'))}</b></p>" if self._needs_review else ""
        return (
            f"<html lang='{self.lang.language}'><body>"
            f"<h1>{e(f('title'))}</h1>"
            f"<table width='100%' cellspacing='0' cellpadding='4'>{summary}</table>"
            f"<h2>{e(f('shared'))}</h2>{override}"
            f"<table width='100%' border='1' cellspacing='0' cellpadding='4'>"
            f"<tr><th align='left'>{e(f('information'))}</th><th align='left'>{e(f('value'))}</th>"
            f"<th align='left'>{e(f('basis'))}</th></tr>{shared}</table>"
            f"<h2>{e(f('withheld'))}</h2>"
            + (f"<ul>{withheld}</ul>" if withheld else f"<p>{e(f('nothing_withheld'))}</p>")
            + f"<p><i>{e(f('handling'))}</i></p></body></html>")

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.lang.form("title"))
        font = QFont(document.defaultFont())
        font.setPointSizeF(10)
        # No ligatures: "fi" stays two letters, so the PDF's text can be searched and read aloud as written.
        font.setFeature(QFont.Tag("liga"), 0)
        document.setDefaultFont(font)
        document.setHtml(self.html())
        return document

    def render(self, device: QPagedPaintDevice) -> int:
        """Paint the form onto a PDF writer or printer, page by page with the marking and page numbers.

        Returns the number of pages."""
        return paint_pages(self.document(), device, marking=self.lang.form("confidential"),
                           heading=f"{self.lang.form('title')} {self.referral.packet_id[:8]}",
                           page_text=self.lang.form("page"))

    def pdf_bytes(self) -> bytes:
        """The form as an A4 PDF, in memory."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 14, 18, 14), QPageLayout.Unit.Millimeter)
        writer.setTitle(self.lang.form("title"))  # no personal information in the metadata
        writer.setCreator("Tiaki")
        self.render(writer)
        del writer
        data = bytes(buffer.data().data())
        buffer.close()
        return data

    def write_pdf(self, path: Path) -> None:
        """Write the PDF atomically, readable by its owner only. Raises OSError when it cannot be written."""
        atomic_write(path, self.pdf_bytes())
