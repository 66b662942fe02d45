"""A consent receipt the person can take away, in *their* language (the consent's), as a PDF.

The receipt's language is the person's, not the worker's, so its fixed words come from ``RECEIPT_TEXT`` below
rather than from the installed QTranslator. Purpose texts come from the purpose catalogue in that language.
It follows the Kantara Consent Receipt minimum: controller, subject, purposes, categories, recipients,
decision, times, method, who gave it, the notice's version and hash, status and history, and how to withdraw.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from tiaki.core.catalogue import Catalogue
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.sharing import ConsentRecord, Partner, PartnerKind
from tiaki.ui.labels import local_time

# The te reo Māori ("mi") texts are a FIRST DRAFT awaiting review by a fluent speaker; the receipt says so
# (``review_note``). Keys are the same in every language (a test checks it).
RECEIPT_TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Consent receipt",
        "receipt_id": "Receipt number",
        "controller": "Organisation responsible for your information",
        "person": "Person",
        "agreed": "You agreed that this information may be shared",
        "refused": "You said this information must not be shared",
        "purposes": "For these purposes",
        "categories": "Information",
        "recipients": "With",
        "given_at": "Given",
        "expires_at": "Expires",
        "no_expiry": "No expiry date",
        "method": "How it was given",
        "given_by": "Given by",
        "notice": "Notice you were given",
        "notice_value": "version {version}, fingerprint (SHA-256) {hash}",
        "status": "Status on {date}",
        "history": "History",
        "reason": "reason",
        "withdraw": "You can withdraw this at any time by telling us. From then on it no longer allows sharing; "
                    "information already shared is not recalled.",
        "rights": "You have the right to see the information we hold about you and to ask us to correct it "
                  "(Privacy Act 2020, principles 6 and 7). If you are unhappy with how we handled it, you can "
                  "complain to the Privacy Commissioner (privacy.org.nz).",
        "review_note": "",
        "any_government_agency": "any government agency",
        "any_ngo": "any NGO",
        "any_iwi_or_pacific_provider": "any iwi or Pacific provider",
        "any_health_provider": "any health provider",
        "verbal": "Verbal", "written": "Written", "electronic": "Electronic",
        "person_self": "You", "parent_or_guardian": "Your parent or guardian", "representative": "Your representative",
        "not_yet": "Not yet in force", "active": "In force", "withdrawn": "Withdrawn", "expired": "Expired",
        "event_given": "Given", "event_renewed": "Renewed", "event_withdrawn": "Withdrawn", "event_expired": "Expired",
    },
    "mi": {
        "title": "Rihīti whakaaetanga",
        "receipt_id": "Nama rihīti",
        "controller": "Te whakahaere kei a ia te haepapa mō ō mōhiohio",
        "person": "Tangata",
        "agreed": "I whakaae koe kia tiritiria ēnei mōhiohio",
        "refused": "I kī koe kia kaua ēnei mōhiohio e tiritiria",
        "purposes": "Mō ēnei take",
        "categories": "Ngā mōhiohio",
        "recipients": "Ki a",
        "given_at": "I tukuna",
        "expires_at": "Ka mutu",
        "no_expiry": "Kāore he rā mutunga",
        "method": "Te āhua i tukuna ai",
        "given_by": "Nā wai i tuku",
        "notice": "Te pānui i hōmai ki a koe",
        "notice_value": "putanga {version}, matihao (SHA-256) {hash}",
        "status": "Te tūnga i te {date}",
        "history": "Hītori",
        "reason": "take",
        "withdraw": "Ka taea e koe te unu i tēnei i ngā wā katoa mā te whakamōhio mai ki a mātou. Mai i taua wā, "
                    "kāore e tiritiria anō; kāore e tangohia mai ngā mōhiohio kua tiritiria kē.",
        "rights": "E whai mōtika ana koe ki te kite i ngā mōhiohio e puritia ana e mātou mōu, ki te tono hoki kia "
                  "whakatikahia (Te Ture Tūmataiti 2020, mātāpono 6 me te 7). Ki te kore koe e harikoa ki tā mātou "
                  "whakahaere, ka taea e koe te amuamu ki te Toihau Matapono (privacy.org.nz).",
        "review_note": "He tauira tuatahi tēnei kōrero reo Māori, e tatari ana kia arotakehia e tētahi matatau ki "
                       "te reo. (This te reo Māori text is a first draft awaiting review by a fluent speaker.)",
        "any_government_agency": "tētahi tari kāwanatanga",
        "any_ngo": "tētahi rōpū tūao",
        "any_iwi_or_pacific_provider": "tētahi kaiwhakarato ā-iwi, ā-Moana-nui-a-Kiwa rānei",
        "any_health_provider": "tētahi kaiwhakarato hauora",
        "verbal": "Ā-waha", "written": "Ā-tuhi", "electronic": "Ā-hiko",
        "person_self": "Ko koe", "parent_or_guardian": "Tō matua, tō kaitiaki rānei", "representative": "Tō māngai",
        "not_yet": "Kāore anō kia tīmata", "active": "Kei te mana", "withdrawn": "Kua unuhia", "expired": "Kua pau",
        "event_given": "I tukuna", "event_renewed": "I whakahoutia", "event_withdrawn": "I unuhia",
        "event_expired": "I pau",
    },
}

# Category names in te reo Māori (first draft, awaiting review); English comes from the field catalogue.
CATEGORY_TEXT_MI: Mapping[str, str] = {
    "identity": "Tuakiri", "contact": "Whakapā", "whanau": "Whānau me te whare",
    "ethnicity": "Mātāwaka me te iwi", "health": "Hauora me te hauātanga", "income": "Moni whiwhi me ngā penihana",
    "employment": "Mahi", "living": "Te noho", "safety": "Haumaru", "case_notes": "Ngā tuhipoka take",
}


def receipt_language(language: str) -> str:
    """The consent's language if the receipt speaks it, otherwise English."""
    return language if language in RECEIPT_TEXT else "en"


class ConsentReceipt:
    """Renders one consent record for the person, as HTML, a QTextDocument and a PDF."""

    def __init__(self, record: ConsentRecord, *, person: str, purposes: PurposeCatalogue, catalogue: Catalogue,
                 partners: Mapping[str, Partner], now: dt.datetime | None = None) -> None:
        self.record = record
        self.person = person
        self.language = receipt_language(record.language)
        self._purposes = purposes
        self._catalogue = catalogue
        self._partners = partners
        self._now = now or dt.datetime.now(dt.UTC)
        self._text = RECEIPT_TEXT[self.language]

    def _category(self, key: str) -> str:
        if self.language == "mi" and key in CATEGORY_TEXT_MI:
            return CATEGORY_TEXT_MI[key]
        return next((c.label for c in self._catalogue.categories if c.key == key), key)

    def _recipient(self, recipient: str) -> str:
        if recipient in self._partners:
            return self._partners[recipient].name
        if recipient in {k.value for k in PartnerKind}:
            return self._text[f"any_{recipient}"]
        return recipient

    def _purpose(self, key: str) -> str:
        return self._purposes.get(key).text_in(self.language) if key in self._purposes else key

    def html(self) -> str:
        t, r, e = self._text, self.record, html.escape
        given_by = t["person_self"] if r.given_by.value == "person" else t[r.given_by.value]
        rows = [
            (t["receipt_id"], e(r.id)),
            (t["controller"], e(r.controller)),
            (t["person"], e(self.person)),
            (t["given_at"], e(local_time(r.given_at.isoformat()))),
            (t["expires_at"], e(local_time(r.expires_at.isoformat())) if r.expires_at else t["no_expiry"]),
            (t["method"], t[r.method.value]),
            (t["given_by"], given_by),
            (t["notice"], e(t["notice_value"].format(version=r.notice_version, hash=r.notice_hash))),
            (t["status"].format(date=local_time(self._now.isoformat())), t[r.status(self._now).value]),
        ]
        table = "".join(f"<tr><th align='left' valign='top'>{e(k)}</th><td>{v}</td></tr>" for k, v in rows)
        purposes = "".join(f"<li>{e(self._purpose(p))}</li>" for p in sorted(r.purposes))
        order = {c.key: i for i, c in enumerate(self._catalogue.categories)}
        categories = ", ".join(e(self._category(c)) for c in sorted(r.categories, key=lambda c: (order.get(c, 99), c)))
        recipients = ", ".join(sorted(e(self._recipient(x)) for x in r.recipients))
        history = "".join(
            f"<li>{e(local_time(ev.at.isoformat()))}: {t['event_' + ev.kind.value]}"
            + (f" ({t['reason']}: {e(ev.reason)})" if ev.reason else "") + "</li>"
            for ev in sorted(r.events, key=lambda ev: (ev.at, ev.id)))
        note = f"<p><i>{e(t['review_note'])}</i></p>" if t["review_note"] else ""
        return (
            f"<html lang='{self.language}'><body>"
            f"<h1>{e(t['title'])}</h1>{note}"
            f"<h2>{e(t['agreed'] if r.permit else t['refused'])}</h2>"
            f"<p><b>{e(t['purposes'])}:</b></p><ul>{purposes}</ul>"
            f"<p><b>{e(t['categories'])}:</b> {categories}</p>"
            f"<p><b>{e(t['recipients'])}:</b> {recipients}</p>"
            f"<table cellspacing='0' cellpadding='4'>{table}</table>"
            f"<h3>{e(t['history'])}</h3><ul>{history}</ul>"
            f"<p>{e(t['withdraw'])}</p><p>{e(t['rights'])}</p>"
            "</body></html>")

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self._text["title"])
        document.setHtml(self.html())
        return document

    def write_pdf(self, path: Path) -> None:
        """An A4 PDF of the receipt. It holds personal information in plain form: the caller warns first.

        Raises OSError when the file cannot be written (QPdfWriter itself would only log a warning)."""
        with path.open("wb"):
            pass
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        writer.setTitle(self._text["title"])
        writer.setCreator("Tiaki")
        self.document().print_(writer)
