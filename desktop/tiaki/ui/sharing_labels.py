"""Sharing words shown in the UI, in the worker's language: legal bases, partner kinds, consent methods, who
gave consent, consent status and events, and how a consent's recipients and categories read.

The English basis labels equal resources/legal_bases.json (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication

from tiaki.core.catalogue import Catalogue
from tiaki.core.sharing import (
    Basis,
    ConsentEventKind,
    ConsentMethod,
    ConsentStatus,
    GivenBy,
    Partner,
    PartnerKind,
)
from tiaki.ui.labels import QT_TRANSLATE_NOOP, field_label, text_order

CONTEXT = "Sharing"

BASIS_TEXT: Mapping[Basis, str] = {
    Basis.CONSENT: QT_TRANSLATE_NOOP("Sharing", "The person's consent"),
    Basis.PURPOSE_OF_COLLECTION: QT_TRANSLATE_NOOP(
        "Sharing", "The purpose it was collected for, or a directly related purpose"),
    Basis.AUTHORISED_BY_PERSON: QT_TRANSLATE_NOOP("Sharing", "Authorised by the person"),
    Basis.APPROVED_SHARING_AGREEMENT: QT_TRANSLATE_NOOP("Sharing", "An approved information sharing agreement"),
    Basis.INFORMATION_MATCHING: QT_TRANSLATE_NOOP("Sharing", "An information matching agreement"),
    Basis.LEGAL_REQUIREMENT: QT_TRANSLATE_NOOP("Sharing", "A legal requirement"),
    Basis.SERIOUS_THREAT: QT_TRANSLATE_NOOP("Sharing", "A serious threat to someone's life or health"),
}

PARTNER_KIND_TEXT: Mapping[PartnerKind, str] = {
    PartnerKind.GOVERNMENT_AGENCY: QT_TRANSLATE_NOOP("Sharing", "Government agency"),
    PartnerKind.NGO: QT_TRANSLATE_NOOP("Sharing", "NGO"),
    PartnerKind.IWI_OR_PACIFIC_PROVIDER: QT_TRANSLATE_NOOP("Sharing", "Iwi or Pacific provider"),
    PartnerKind.HEALTH_PROVIDER: QT_TRANSLATE_NOOP("Sharing", "Health provider"),
}

# How a partner kind reads as a consent recipient ("any government agency").
ANY_KIND_TEXT: Mapping[PartnerKind, str] = {
    PartnerKind.GOVERNMENT_AGENCY: QT_TRANSLATE_NOOP("Sharing", "Any government agency"),
    PartnerKind.NGO: QT_TRANSLATE_NOOP("Sharing", "Any NGO"),
    PartnerKind.IWI_OR_PACIFIC_PROVIDER: QT_TRANSLATE_NOOP("Sharing", "Any iwi or Pacific provider"),
    PartnerKind.HEALTH_PROVIDER: QT_TRANSLATE_NOOP("Sharing", "Any health provider"),
}

METHOD_TEXT: Mapping[ConsentMethod, str] = {
    ConsentMethod.VERBAL: QT_TRANSLATE_NOOP("Sharing", "Verbal"),
    ConsentMethod.WRITTEN: QT_TRANSLATE_NOOP("Sharing", "Written"),
    ConsentMethod.ELECTRONIC: QT_TRANSLATE_NOOP("Sharing", "Electronic"),
}

GIVEN_BY_TEXT: Mapping[GivenBy, str] = {
    GivenBy.PERSON: QT_TRANSLATE_NOOP("Sharing", "The person"),
    GivenBy.PARENT_OR_GUARDIAN: QT_TRANSLATE_NOOP("Sharing", "A parent or guardian"),
    GivenBy.REPRESENTATIVE: QT_TRANSLATE_NOOP("Sharing", "A representative"),
}

STATUS_TEXT: Mapping[ConsentStatus, str] = {
    ConsentStatus.NOT_YET: QT_TRANSLATE_NOOP("Sharing", "Not yet in force"),
    ConsentStatus.ACTIVE: QT_TRANSLATE_NOOP("Sharing", "Active"),
    ConsentStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Sharing", "Withdrawn"),
    ConsentStatus.EXPIRED: QT_TRANSLATE_NOOP("Sharing", "Expired"),
}

EVENT_TEXT: Mapping[ConsentEventKind, str] = {
    ConsentEventKind.GIVEN: QT_TRANSLATE_NOOP("Sharing", "Given"),
    ConsentEventKind.RENEWED: QT_TRANSLATE_NOOP("Sharing", "Renewed"),
    ConsentEventKind.WITHDRAWN: QT_TRANSLATE_NOOP("Sharing", "Withdrawn"),
    ConsentEventKind.EXPIRED: QT_TRANSLATE_NOOP("Sharing", "Expired"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def basis_label(basis: Basis) -> str:
    return _tr(BASIS_TEXT[basis])


def partner_kind_label(kind: PartnerKind) -> str:
    return _tr(PARTNER_KIND_TEXT[kind])


def method_label(method: ConsentMethod) -> str:
    return _tr(METHOD_TEXT[method])


def given_by_label(given_by: GivenBy) -> str:
    return _tr(GIVEN_BY_TEXT[given_by])


def status_label(status: ConsentStatus) -> str:
    return _tr(STATUS_TEXT[status])


def event_label(kind: ConsentEventKind) -> str:
    return _tr(EVENT_TEXT[kind])


def decision_label(permit: bool) -> str:
    return _tr(QT_TRANSLATE_NOOP("Sharing", "Permit")) if permit else _tr(QT_TRANSLATE_NOOP("Sharing", "Deny"))


def recipient_label(recipient: str, partners: Mapping[str, Partner]) -> str:
    """A partner's name, "Any NGO" for a partner kind, or the id itself for a partner this store lacks."""
    if recipient in partners:
        return partners[recipient].name
    try:
        return _tr(ANY_KIND_TEXT[PartnerKind(recipient)])
    except ValueError:
        return recipient


def recipients_text(recipients: Iterable[str], partners: Mapping[str, Partner]) -> str:
    return ", ".join(sorted((recipient_label(r, partners) for r in recipients), key=text_order))


def category_label(catalogue: Catalogue, key: str) -> str:
    for category in catalogue.categories:
        if category.key == key:
            return field_label(category.label)
    return key


def categories_text(catalogue: Catalogue, keys: Iterable[str]) -> str:
    order = {c.key: i for i, c in enumerate(catalogue.categories)}
    return ", ".join(category_label(catalogue, k) for k in sorted(keys, key=lambda k: (order.get(k, 99), k)))


def field_key_label(catalogue: Catalogue, key: str) -> str:
    return field_label(catalogue.get(key).label) if key in catalogue else key
