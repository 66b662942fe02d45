"""The referral as a FHIR R4 Bundle: what goes inside a referral packet (profile: docs/referral-packet.md).

``build_bundle`` turns a ``ReferralContent`` (only what the policy engine allowed, plus the names of what it
withheld and why) into a Bundle of one Patient, the Consents that allowed the fields, one ServiceRequest and
one Provenance; ``referral_fhir`` writes the elements. Standard FHIR elements are there for other systems; the
``field`` extensions carry every value exactly, and are what Tiaki reads back.

``parse_bundle`` is total and strict: it reads the values out, builds the Bundle again from them with the
same entry URLs, and accepts the document only if it is exactly that Bundle. So anything not in the profile
(another resource type, a second Patient, an element or extension Tiaki does not write, a value in a
standard element that no field carries) is refused, and the checks on content are the same on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from tiaki.core import referral_fhir as fhir
from tiaki.core.referral_fhir import (
    MAX_CONSENTS,
    MAX_FIELDS,
    MAX_NOTE,
    MAX_REASON,
    MAX_WITHHELD,
    check_content,
)
from tiaki.core.text import bad_characters, nfc

_ENTRY_URL: Final = re.compile(r"\Aurn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
URGENCIES: Final = ("routine", "urgent", "asap")  # FHIR request-priority codes


class BundleError(ValueError):
    """A Bundle that is not a Tiaki referral. ``code`` is always "bundle_invalid"; the message names no value."""

    def __init__(self, message: str = "The referral is not in the Tiaki referral profile.") -> None:
        super().__init__(message)
        self.code = "bundle_invalid"


@dataclass(frozen=True)
class ReferralDetails:
    reason: str = ""
    urgency: str = "routine"
    services: str = ""
    note: str = ""

    def checked(self) -> ReferralDetails:
        """NFC, stripped and within limits (reason/services 500 characters, note 4000); reason and note may span
        lines, services may not. ValueError (one line, naming the part, never its text) otherwise."""
        clean = ReferralDetails(reason=nfc(self.reason).strip(), urgency=self.urgency,
                                services=nfc(self.services).strip(), note=nfc(self.note).strip())
        if clean.urgency not in URGENCIES:
            raise ValueError("The urgency must be routine, urgent or asap.")
        for name, text, limit, multiline in (("reason", clean.reason, MAX_REASON, True),
                                             ("services", clean.services, MAX_REASON, False),
                                             ("note", clean.note, MAX_NOTE, True)):
            if len(text) > limit:
                raise ValueError(f"The referral's {name} is longer than {limit} characters.")
            if bad_characters(text, multiline=multiline):
                raise ValueError(f"The referral's {name} holds characters that cannot be sent.")
        return clean


@dataclass(frozen=True)
class SentValue:
    value: str | int
    category: str
    basis: str
    agreement_id: str | None
    consent_id: str | None


@dataclass(frozen=True)
class ConsentSummary:
    consent_id: str
    given_at: str
    expires_at: str | None
    method: str
    given_by: str
    language: str
    notice_version: str
    notice_hash: str
    purposes: tuple[str, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True)
class AgreementSummary:
    agreement_id: str
    name: str
    basis: str
    reference: str


@dataclass(frozen=True)
class NoticeSummary:
    version: str
    language: str
    hash: str
    timing: str
    given_at: str


@dataclass(frozen=True)
class ReferralContent:
    packet_id: str
    created_at: str
    organisation: str
    sender_key_id: str
    sender_device_id: str
    coordinator_id: str
    coordinator_name: str
    partner_name: str
    partner_key_id: str
    client_id: str
    purpose: str
    details: ReferralDetails
    fields: Mapping[str, SentValue]  # only what the policy engine allowed
    withheld: Mapping[str, str]  # field key -> reason code (no values)
    consents: tuple[ConsentSummary, ...]  # the consent records named by fields' consent_id
    agreements: tuple[AgreementSummary, ...]  # the agreements named by fields' agreement_id
    notice: NoticeSummary | None  # the collection notice the person was given (latest event)


@dataclass(frozen=True)
class ReceivedReferral:
    packet_id: str
    created_at: str
    organisation: str
    sender_key_id: str
    sender_device_id: str
    coordinator_name: str
    partner_name: str
    partner_key_id: str
    client_id: str  # the sender's id for the client
    purpose: str
    details: ReferralDetails
    fields: Mapping[str, SentValue]
    withheld: Mapping[str, str]
    consents: tuple[ConsentSummary, ...]
    agreements: tuple[AgreementSummary, ...]
    notice: NoticeSummary | None


def build_bundle(content: ReferralContent) -> dict[str, Any]:
    """The Bundle for ``content`` (checked first: ValueError naming what is wrong, never a value)."""
    check_content(content)
    return fhir.build(content, fhir.default_urls(content.packet_id, len(content.consents) + len(content.agreements)))


def parse_bundle(doc: object) -> ReceivedReferral:
    """The referral in a Bundle that is exactly what ``build_bundle`` writes; BundleError for anything else."""
    try:
        content, urls = _read(doc)
        check_content(content)
        rebuilt = fhir.build(content, urls)
        same = rebuilt == doc
    except BundleError:
        raise
    except (ValueError, RecursionError):
        raise BundleError() from None
    if not same:
        raise BundleError()
    return ReceivedReferral(
        packet_id=content.packet_id, created_at=content.created_at, organisation=content.organisation,
        sender_key_id=content.sender_key_id, sender_device_id=content.sender_device_id,
        coordinator_name=content.coordinator_name, partner_name=content.partner_name,
        partner_key_id=content.partner_key_id, client_id=content.client_id, purpose=content.purpose,
        details=content.details, fields=dict(content.fields), withheld=dict(content.withheld),
        consents=content.consents, agreements=content.agreements, notice=content.notice)


# --- reading values back (the shape is checked by rebuilding) ---------------------------------------------------


def _at(node: object, *path: str | int) -> object:
    """The value at ``path`` (keys and list indexes), or None when any step is missing or of another type."""
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _text_at(node: object, *path: str | int) -> str:
    value = _at(node, *path)
    if not isinstance(value, str):
        raise BundleError()
    return value


def _optional_at(node: object, *path: str | int) -> str | None:
    return None if _at(node, *path) is None else _text_at(node, *path)


def _items(node: object, *path: str | int, limit: int = MAX_CONSENTS) -> list[Any]:
    value = _at(node, *path)
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > limit:
        raise BundleError()
    return value


def _parts(extension: object) -> dict[str, Any]:
    """A complex extension's sub-extensions by url (each url at most once)."""
    parts: dict[str, Any] = {}
    for part in _items(extension, "extension", limit=10):
        url = _text_at(part, "url")
        if url in parts:
            raise BundleError()
        parts[url] = part
    return parts


def _read(doc: object) -> tuple[ReferralContent, fhir.EntryUrls]:
    entries = _items(doc, "entry", limit=MAX_CONSENTS + 3)
    by_type: dict[str, list[tuple[str, Any]]] = {"Patient": [], "Consent": [], "ServiceRequest": [], "Provenance": []}
    for entry in entries:
        kind = _text_at(entry, "resource", "resourceType")
        if kind not in by_type:
            raise BundleError("The referral holds resources a referral packet does not carry.")
        by_type[kind].append((_text_at(entry, "fullUrl"), _at(entry, "resource")))
    addresses = [url for found in by_type.values() for url, _ in found]
    if len(set(addresses)) != len(addresses) or not all(_ENTRY_URL.match(a) for a in addresses):
        raise BundleError("The referral's entries do not each have their own urn:uuid address.")
    if any(len(by_type[kind]) != 1 for kind in ("Patient", "ServiceRequest", "Provenance")):
        raise BundleError("The referral must hold exactly one Patient, ServiceRequest and Provenance.")
    (patient_url, patient), = by_type["Patient"]
    (request_url, request), = by_type["ServiceRequest"]
    (provenance_url, provenance), = by_type["Provenance"]
    consents: list[ConsentSummary] = []
    agreements: list[AgreementSummary] = []
    consent_by_url: dict[str, str] = {}
    for url, resource in by_type["Consent"]:
        if _at(resource, "extension", 0, "url") == fhir.AGREEMENT_URL:
            agreements.append(_read_agreement(resource))
        else:
            consents.append(_read_consent(resource))
            consent_by_url[url] = consents[-1].consent_id
    purpose, withheld = _read_request_extensions(request)
    device_id, notice = _read_provenance_extensions(provenance)
    services = "" if _at(request, "code", "coding") is not None else _text_at(request, "code", "text")
    details = ReferralDetails(reason=_optional_at(request, "reasonCode", 0, "text") or "",
                              urgency=_text_at(request, "priority"), services=services,
                              note=_optional_at(request, "note", 0, "text") or "")
    client_ids = [_at(i, "value") for i in _items(patient, "identifier", limit=3)
                  if _at(i, "system") == fhir.CLIENT_SYSTEM]
    packet_uri = _text_at(doc, "identifier", "value")
    content = ReferralContent(
        packet_id=packet_uri.removeprefix("urn:uuid:"), created_at=_text_at(doc, "timestamp"),
        organisation=_text_at(provenance, "agent", 0, "onBehalfOf", "display"),
        sender_key_id=_text_at(provenance, "agent", 0, "onBehalfOf", "identifier", "value"),
        sender_device_id=device_id, coordinator_id=_text_at(request, "requester", "identifier", "value"),
        coordinator_name=_text_at(request, "requester", "display"),
        partner_name=_text_at(request, "performer", 0, "display"),
        partner_key_id=_text_at(request, "performer", 0, "identifier", "value"),
        client_id=_text_at(client_ids, 0), purpose=purpose, details=details,
        fields=_read_fields(patient, consent_by_url), withheld=withheld, consents=tuple(consents),
        agreements=tuple(agreements), notice=notice)
    urls = fhir.EntryUrls(patient_url, tuple(url for url, _ in by_type["Consent"]), request_url, provenance_url)
    return content, urls


def _read_fields(patient: object, consent_by_url: dict[str, str]) -> dict[str, SentValue]:
    fields: dict[str, SentValue] = {}
    for extension in _items(patient, "extension", limit=MAX_FIELDS):
        parts = _parts(extension)
        key = _text_at(parts, "key", "valueCode")
        value = _at(parts, "value", "valueString")
        if value is None:
            value = _at(parts, "value", "valueInteger")
        if key in fields or not isinstance(value, str | int) or isinstance(value, bool):
            raise BundleError()
        consent_url = _optional_at(parts, "consent", "valueReference", "reference")
        if consent_url is not None and consent_url not in consent_by_url:
            raise BundleError()
        fields[key] = SentValue(value=value, category=_text_at(parts, "category", "valueCode"),
                                basis=_text_at(parts, "basis", "valueCode"),
                                agreement_id=_optional_at(parts, "agreement", "valueString"),
                                consent_id=None if consent_url is None else consent_by_url[consent_url])
    return fields


def _read_consent(resource: object) -> ConsentSummary:
    parts = _parts(_at(resource, "extension", 0))
    return ConsentSummary(
        consent_id=_text_at(resource, "identifier", 0, "value"), given_at=_text_at(resource, "dateTime"),
        expires_at=_optional_at(resource, "provision", "period", "end"),
        method=_text_at(parts, "method", "valueCode"), given_by=_text_at(parts, "given-by", "valueCode"),
        language=_optional_at(parts, "language", "valueCode") or "",
        notice_version=_optional_at(parts, "notice-version", "valueString") or "",
        notice_hash=_optional_at(parts, "notice-hash", "valueString") or "",
        purposes=tuple(_text_at(p, "code") for p in _items(resource, "provision", "purpose")),
        categories=tuple(_text_at(c, "coding", 0, "code") for c in _items(resource, "provision", "code")))


def _read_agreement(resource: object) -> AgreementSummary:
    parts = _parts(_at(resource, "extension", 0))
    return AgreementSummary(agreement_id=_text_at(parts, "id", "valueString"),
                            name=_optional_at(parts, "name", "valueString") or "",
                            basis=_text_at(resource, "policyRule", "coding", 0, "code"),
                            reference=_optional_at(parts, "reference", "valueString") or "")


def _read_request_extensions(request: object) -> tuple[str, dict[str, str]]:
    purpose: str | None = None
    withheld: dict[str, str] = {}
    for extension in _items(request, "extension", limit=MAX_WITHHELD + 1):
        url = _at(extension, "url")
        if url == fhir.PURPOSE_URL and purpose is None:
            purpose = _text_at(extension, "valueCode")
        elif url == fhir.WITHHELD_URL:
            parts = _parts(extension)
            key = _text_at(parts, "key", "valueCode")
            if key in withheld:
                raise BundleError()
            withheld[key] = _text_at(parts, "reason", "valueCode")
        else:
            raise BundleError()
    if purpose is None:
        raise BundleError()
    return purpose, withheld


def _read_provenance_extensions(provenance: object) -> tuple[str, NoticeSummary | None]:
    device_id = _text_at(provenance, "extension", 0, "valueString")
    notice = None
    parts = _parts(_at(provenance, "extension", 1))
    if parts:
        notice = NoticeSummary(version=_text_at(parts, "version", "valueString"),
                               language=_text_at(parts, "language", "valueCode"),
                               hash=_text_at(parts, "hash", "valueString"),
                               timing=_text_at(parts, "timing", "valueCode"),
                               given_at=_text_at(parts, "given-at", "valueDateTime"))
    return device_id, notice
