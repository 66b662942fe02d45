"""What a referral Bundle may carry (``check_content``) and how it is written as FHIR R4 (``build``).

``referral_bundle.parse_bundle`` reads values out of a received Bundle, checks them here and rebuilds the Bundle
with ``build``, accepting it only when it is identical: so the limits and the shape of every element are stated
once, in this module, for both directions.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from tiaki.core.canonical import KEY_ID, UUID
from tiaki.core.sharing import AGREEMENT_BASES, Basis, ConsentMethod, GivenBy
from tiaki.core.text import bad_characters, nfc

if TYPE_CHECKING:
    from tiaki.core.referral_bundle import (
        AgreementSummary,
        ConsentSummary,
        NoticeSummary,
        ReferralContent,
        SentValue,
    )

SD: Final = "https://tiaki.nz/fhir/StructureDefinition/"
CS: Final = "https://tiaki.nz/fhir/CodeSystem/"
FIELD_URL: Final = SD + "field"
WITHHELD_URL: Final = SD + "withheld"
PURPOSE_URL: Final = SD + "purpose"
CONSENT_RECORD_URL: Final = SD + "consent-record"
AGREEMENT_URL: Final = SD + "agreement"
DEVICE_URL: Final = SD + "sender-device"
NOTICE_URL: Final = SD + "collection-notice"
LEGAL_BASIS_SYSTEM: Final = CS + "legal-basis"
PURPOSE_SYSTEM: Final = CS + "purpose"
CATEGORY_SYSTEM: Final = CS + "category"
URI_SYSTEM: Final = "urn:ietf:rfc:3986"
NHI_SYSTEM: Final = "https://standards.digital.health.nz/ns/nhi-id"
MSD_SYSTEM: Final = "urn:tiaki:msd-client-number"
CLIENT_SYSTEM: Final = "urn:tiaki:client"
CONSENT_SYSTEM: Final = "urn:tiaki:consent"
WORKER_SYSTEM: Final = "urn:tiaki:worker"
PARTNER_KEY_SYSTEM: Final = "urn:tiaki:partner-key"
SENDER_KEY_SYSTEM: Final = "urn:tiaki:sender-key"
AGREEMENT_POLICY: Final = "urn:tiaki:agreement:"
GENDERS: Final = {"female": "female", "male": "male", "another": "other", "not_stated": "unknown"}
_SCOPE: Final = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy",
                             "display": "Privacy Consent"}]}
_CONSENT_CATEGORY: Final = {"coding": [{"system": "http://loinc.org", "code": "59284-0",
                                        "display": "Patient Consent"}]}
_RECIPIENT_ROLE: Final = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                      "code": "IRCP", "display": "information recipient"}]}
_REFERRAL: Final = {"coding": [{"system": "http://snomed.info/sct", "code": "3457005",
                                "display": "Patient referral"}]}
_AUTHOR: Final = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                              "code": "author", "display": "Author"}]}
MAX_FIELDS: Final = 100
MAX_WITHHELD: Final = 200
MAX_CONSENTS: Final = 50  # consent records and agreements together
MAX_VALUE_LENGTH: Final = 20_000
MAX_REASON: Final = 500
MAX_NOTE: Final = 4000
MAX_NAME: Final = 200
_CODE: Final = re.compile(r"\A[a-z0-9][a-z0-9_.-]{0,63}\Z")
_LANGUAGE: Final = re.compile(r"\A[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}\Z")
_TOKEN: Final = re.compile(r"\A[A-Za-z0-9._:-]{1,64}\Z")
_HASH: Final = re.compile(r"\A[0-9a-f]{64}\Z")
# FHIR instant (seconds and an offset required), which is also a valid dateTime; Tiaki writes clock.iso().
_INSTANT: Final = re.compile(r"\A\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d"
                             r"(\.\d{1,6})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))\Z")
_INT32: Final = range(-(2**31), 2**31)
_URL_NAMESPACE: Final = uuid.UUID("0f3c7a52-2d4e-5b7a-9c1d-6e8f0a2b4c6d")


@dataclass(frozen=True)
class EntryUrls:
    """Each entry's ``fullUrl`` (``urn:uuid:…``), in Bundle order: Patient, Consents, ServiceRequest, Provenance."""

    patient: str
    consents: tuple[str, ...]
    service_request: str
    provenance: str


def default_urls(packet_id: str, consents: int) -> EntryUrls:
    """Entry URLs that are new for every packet but the same each time one packet is built (name-based UUIDs)."""
    def url(role: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_URL_NAMESPACE, f'{packet_id}/{role}')}"
    return EntryUrls(url("patient"), tuple(url(f"consent/{i}") for i in range(consents)), url("service-request"),
                     url("provenance"))


# --- what a referral may carry (checked when building, and when parsing before rebuilding) ----------------


def check_content(content: ReferralContent) -> None:
    """Everything ``build_bundle`` writes is within the profile's limits and types (ValueError otherwise)."""
    _require(_is_uuid(content.packet_id) and _is_uuid(content.sender_device_id) and _is_uuid(content.client_id),
             "an id is not a UUID")
    _require(_is_key_id(content.sender_key_id) and _is_key_id(content.partner_key_id), "a key id is not valid")
    _require(is_instant(content.created_at), "the creation time is not an ISO 8601 instant")
    _require(isinstance(content.coordinator_id, str) and bool(_TOKEN.match(content.coordinator_id)),
             "the coordinator id is not valid")
    for name in (content.organisation, content.coordinator_name, content.partner_name):
        _require(_is_text(name, MAX_NAME), "a name is empty, too long or holds characters that cannot be sent")
    _require(_is_code(content.purpose), "the purpose is not a code")
    _require(_is_checked(content), "the referral details are not valid or not checked")
    _check_fields(content)
    _require(isinstance(content.withheld, Mapping) and len(content.withheld) <= MAX_WITHHELD
             and all(_is_code(k) and _is_code(v) for k, v in content.withheld.items())
             and not set(content.withheld) & set(content.fields), "the withheld list is not valid")
    _require(isinstance(content.consents, tuple) and isinstance(content.agreements, tuple)
             and len(content.consents) + len(content.agreements) <= MAX_CONSENTS, "too many consents")
    for consent in content.consents:
        _check_consent(consent)
    for agreement in content.agreements:
        _require(_is_uuid(agreement.agreement_id)
                 and agreement.basis in AGREEMENT_BASES and _is_text(agreement.name, MAX_NAME, empty=True)
                 and _is_text(agreement.reference, MAX_NAME, empty=True), "an agreement is not valid")
    consent_ids = [c.consent_id for c in content.consents]
    agreement_ids = [a.agreement_id for a in content.agreements]
    _require(len(set(consent_ids)) == len(consent_ids) and len(set(agreement_ids)) == len(agreement_ids),
             "a consent or agreement appears twice")
    _require(set(consent_ids) == {v.consent_id for v in content.fields.values()} - {None},
             "the consents are not exactly those the fields name")
    _require(set(agreement_ids) == {v.agreement_id for v in content.fields.values()} - {None},
             "the agreements are not exactly those the fields name")
    notice = content.notice
    _require(notice is None or (_is_text(notice.version, 64)
                                and _is_language(notice.language) and bool(_HASH.match(str(notice.hash)))
                                and notice.timing in ("before", "after") and is_instant(notice.given_at)),
             "the collection notice is not valid")


def _is_checked(content: ReferralContent) -> bool:
    try:
        return content.details == content.details.checked()
    except ValueError:
        return False


def _check_fields(content: ReferralContent) -> None:
    fields = content.fields
    _require(isinstance(fields, Mapping) and 0 < len(fields) <= MAX_FIELDS, "a referral carries 1 to 100 fields")
    for key, sent in fields.items():
        _require(_is_code(key), "a field key is not a code")
        value = sent.value
        if isinstance(value, str):
            _require(_is_text(value, MAX_VALUE_LENGTH, multiline=True, stripped=False)
                     and bool(value.strip()), "a field's value is empty, too long or holds characters that cannot "
                                              "be sent")
        else:
            _require(type(value) is int and value in _INT32, "a field's value is not text or a 32-bit integer")
        _require(_is_code(sent.category) and sent.basis in set(Basis), "a field's category or basis is not valid")
        _require(sent.agreement_id is None or _is_uuid(sent.agreement_id), "a field's agreement id is not valid")
        _require(sent.consent_id is None or _is_uuid(sent.consent_id), "a field's consent id is not valid")


def _check_consent(consent: ConsentSummary) -> None:
    ok = (_is_uuid(consent.consent_id) and is_instant(consent.given_at)
          and (consent.expires_at is None or is_instant(consent.expires_at))
          and consent.method in set(ConsentMethod) and consent.given_by in set(GivenBy)
          and (consent.language == "" or _is_language(consent.language))
          and _is_text(consent.notice_version, 64, empty=True)
          and (consent.notice_hash == "" or bool(_HASH.match(str(consent.notice_hash))))
          and isinstance(consent.purposes, tuple) and isinstance(consent.categories, tuple)
          and len(consent.purposes) <= 50 and len(consent.categories) <= 50
          and all(_is_code(p) for p in consent.purposes) and all(_is_code(c) for c in consent.categories)
          and len(set(consent.purposes)) == len(consent.purposes)
          and len(set(consent.categories)) == len(consent.categories))
    _require(ok, "a consent record is not valid")


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(f"Referral content: {message}.")


def is_instant(value: object) -> bool:
    """A FHIR instant with a real calendar date (what ``clock.iso`` writes)."""
    if not isinstance(value, str) or not _INSTANT.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(UUID.match(value))


def _is_key_id(value: object) -> bool:
    return isinstance(value, str) and bool(KEY_ID.match(value))


def _is_code(value: object) -> bool:
    return isinstance(value, str) and bool(_CODE.match(value))


def _is_language(value: object) -> bool:
    return isinstance(value, str) and bool(_LANGUAGE.match(value))


def _is_text(value: object, limit: int, *, empty: bool = False, multiline: bool = False,
             stripped: bool = True) -> bool:
    """Text Tiaki may write into a FHIR string: NFC, within the limit, no control or bidi characters."""
    if not isinstance(value, str) or len(value) > limit or (not value and not empty):
        return False
    if stripped and value != value.strip():
        return False
    return nfc(value) == value and not bad_characters(value, multiline=multiline)


# --- writing ----------------------------------------------------------------------------------------------------


def build(content: ReferralContent, urls: EntryUrls) -> dict[str, Any]:
    """The Bundle (content already checked by ``referral_bundle.check_content``)."""
    if len(urls.consents) != len(content.consents) + len(content.agreements):
        raise ValueError("Referral content: one entry URL per consent and agreement is needed.")
    consent_urls = dict(zip((c.consent_id for c in content.consents), urls.consents, strict=False))
    recipient = _actor_reference(content.partner_name, content.partner_key_id)
    consents = [_consent_record(c, urls.patient, recipient) for c in content.consents]
    consents += [_agreement(a, urls.patient, recipient) for a in content.agreements]
    entries = [(urls.patient, _patient(content, consent_urls)), *zip(urls.consents, consents, strict=True),
               (urls.service_request, _service_request(content, urls)), (urls.provenance, _provenance(content, urls))]
    return {"resourceType": "Bundle", "type": "collection",
            "identifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{content.packet_id}"},
            "timestamp": content.created_at,
            "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries]}


def _ext(url: str, **value: Any) -> dict[str, Any]:
    return {"url": url, **value}


def _complex(url: str, parts: list[dict[str, Any] | None]) -> dict[str, Any]:
    return {"url": url, "extension": [p for p in parts if p is not None]}


def _optional(url: str, kind: str, value: Any) -> dict[str, Any] | None:
    return None if value in ("", None) else {"url": url, kind: value}


def _ref(url: str) -> dict[str, Any]:
    return {"reference": url}


def _actor_reference(display: str, key_id: str) -> dict[str, Any]:
    return {"display": display, "identifier": {"system": PARTNER_KEY_SYSTEM, "value": key_id}}


def _field(key: str, sent: SentValue, consent_urls: dict[str, str]) -> dict[str, Any]:
    value = {"valueString": sent.value} if isinstance(sent.value, str) else {"valueInteger": sent.value}
    consent = None if sent.consent_id is None else _ext("consent", valueReference=_ref(consent_urls[sent.consent_id]))
    return _complex(FIELD_URL, [_ext("key", valueCode=key), _ext("category", valueCode=sent.category),
                                _ext("value", **value), _ext("basis", valueCode=sent.basis),
                                _optional("agreement", "valueString", sent.agreement_id), consent])


def _patient(content: ReferralContent, consent_urls: dict[str, str]) -> dict[str, Any]:
    """Standard elements for other FHIR systems from the fields that map onto them; every field as an extension."""
    text = {k: v.value for k, v in content.fields.items() if isinstance(v.value, str)}
    patient: dict[str, Any] = {"resourceType": "Patient"}
    patient["extension"] = [_field(k, content.fields[k], consent_urls) for k in sorted(content.fields)]
    identifiers = [{"system": CLIENT_SYSTEM, "value": content.client_id}]
    identifiers += [{"system": system, "value": text[key]} for key, system in
                    (("nhi", NHI_SYSTEM), ("msd_client_number", MSD_SYSTEM)) if key in text]
    patient["identifier"] = identifiers
    names = []
    if "given_name" in text or "family_name" in text:
        official: dict[str, Any] = {"use": "official"}
        if "family_name" in text:
            official["family"] = text["family_name"]
        if "given_name" in text:
            official["given"] = [text["given_name"]]
        names.append(official)
    if "preferred_name" in text:
        names.append({"use": "usual", "given": [text["preferred_name"]]})
    if names:
        patient["name"] = names
    telecom = [{"system": system, "value": text[key]} for key, system in (("phone", "phone"), ("email", "email"))
               if key in text]
    if telecom:
        patient["telecom"] = telecom
    if text.get("gender") in GENDERS:
        patient["gender"] = GENDERS[text["gender"]]
    if _is_date(text.get("date_of_birth")):
        patient["birthDate"] = text["date_of_birth"]
    if "address" in text:
        patient["address"] = [{"text": text["address"]}]
    return patient


def _is_date(value: str | None) -> bool:
    return value is not None and len(value) == 10 and value[4] == value[7] == "-" and (
        value[:4] + value[5:7] + value[8:]).isdigit() and value.isascii()


def _provision(recipient: dict[str, Any]) -> dict[str, Any]:
    return {"type": "permit", "actor": [{"role": _RECIPIENT_ROLE, "reference": recipient}]}


def _consent_base(patient_url: str) -> dict[str, Any]:
    return {"resourceType": "Consent", "status": "active", "scope": _SCOPE, "category": [_CONSENT_CATEGORY],
            "patient": _ref(patient_url)}


def _basis_rule(basis: str) -> dict[str, Any]:
    return {"coding": [{"system": LEGAL_BASIS_SYSTEM, "code": basis}]}


def _consent_record(consent: ConsentSummary, patient_url: str, recipient: dict[str, Any]) -> dict[str, Any]:
    resource = _consent_base(patient_url)
    resource["extension"] = [_complex(CONSENT_RECORD_URL, [
        _ext("method", valueCode=consent.method), _ext("given-by", valueCode=consent.given_by),
        _optional("language", "valueCode", consent.language),
        _optional("notice-version", "valueString", consent.notice_version),
        _optional("notice-hash", "valueString", consent.notice_hash)])]
    resource["identifier"] = [{"system": CONSENT_SYSTEM, "value": consent.consent_id}]
    resource["dateTime"] = consent.given_at
    resource["policyRule"] = _basis_rule("consent")
    provision = _provision(recipient)
    provision["period"] = {"start": consent.given_at}
    if consent.expires_at is not None:
        provision["period"]["end"] = consent.expires_at
    if consent.purposes:
        provision["purpose"] = [{"system": PURPOSE_SYSTEM, "code": p} for p in consent.purposes]
    if consent.categories:
        provision["code"] = [{"coding": [{"system": CATEGORY_SYSTEM, "code": c}]} for c in consent.categories]
    resource["provision"] = provision
    return resource


def _agreement(agreement: AgreementSummary, patient_url: str, recipient: dict[str, Any]) -> dict[str, Any]:
    resource = _consent_base(patient_url)
    resource["extension"] = [_complex(AGREEMENT_URL, [_ext("id", valueString=agreement.agreement_id),
                                                      _optional("name", "valueString", agreement.name),
                                                      _optional("reference", "valueString", agreement.reference)])]
    resource["policy"] = [{"uri": AGREEMENT_POLICY + agreement.agreement_id}]
    resource["policyRule"] = _basis_rule(agreement.basis)
    resource["provision"] = _provision(recipient)
    return resource


def _service_request(content: ReferralContent, urls: EntryUrls) -> dict[str, Any]:
    details = content.details
    extensions = [_ext(PURPOSE_URL, valueCode=content.purpose)]
    extensions += [_complex(WITHHELD_URL, [_ext("key", valueCode=key), _ext("reason", valueCode=content.withheld[key])])
                   for key in sorted(content.withheld)]
    code: dict[str, Any] = {"text": details.services}
    if not details.services:  # no services named: the purpose stands in, as a coding (so it reads back as "")
        code = {"coding": [{"system": PURPOSE_SYSTEM, "code": content.purpose}], "text": content.purpose}
    request: dict[str, Any] = {
        "resourceType": "ServiceRequest", "extension": extensions,
        "identifier": [{"system": URI_SYSTEM, "value": f"urn:uuid:{content.packet_id}"}],
        "status": "active", "intent": "order", "category": [_REFERRAL], "priority": details.urgency, "code": code,
        "subject": _ref(urls.patient), "authoredOn": content.created_at,
        "requester": {"display": content.coordinator_name,
                      "identifier": {"system": WORKER_SYSTEM, "value": content.coordinator_id}},
        "performer": [_actor_reference(content.partner_name, content.partner_key_id)]}
    if details.reason:
        request["reasonCode"] = [{"text": details.reason}]
    if urls.consents:
        request["supportingInfo"] = [_ref(u) for u in urls.consents]
    if details.note:
        request["note"] = [{"text": details.note}]
    return request


def _notice(notice: NoticeSummary) -> dict[str, Any]:
    return _complex(NOTICE_URL, [_ext("version", valueString=notice.version),
                                 _ext("language", valueCode=notice.language), _ext("hash", valueString=notice.hash),
                                 _ext("timing", valueCode=notice.timing),
                                 _ext("given-at", valueDateTime=notice.given_at)])


def _provenance(content: ReferralContent, urls: EntryUrls) -> dict[str, Any]:
    extensions = [_ext(DEVICE_URL, valueString=content.sender_device_id)]
    if content.notice is not None:
        extensions.append(_notice(content.notice))
    return {"resourceType": "Provenance", "extension": extensions,
            "target": [_ref(urls.patient), _ref(urls.service_request), *(_ref(u) for u in urls.consents)],
            "recorded": content.created_at,
            "agent": [{"type": _AUTHOR,
                       "who": {"display": content.coordinator_name,
                               "identifier": {"system": WORKER_SYSTEM, "value": content.coordinator_id}},
                       "onBehalfOf": {"display": content.organisation,
                                      "identifier": {"system": SENDER_KEY_SYSTEM, "value": content.sender_key_id}}}]}
