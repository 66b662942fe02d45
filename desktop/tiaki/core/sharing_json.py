"""Strict parsing of the partner, agreement and consent JSON the CLI takes (shapes in docs/sharing-json.md).

Everything is checked before the store is unlocked, so bad input changes nothing. Messages name the member,
never the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tiaki.core.catalogue import Catalogue
from tiaki.core.client_json import ClientInputError, load_json_object
from tiaki.core.clock import parse_iso
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.sharing import AGREEMENT_BASES, Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.text import bad_characters, nfc

SharingInputError = ClientInputError
_MAX_TEXT = 300


def _only(doc: Mapping[str, Any], allowed: set[str], required: set[str], what: str) -> None:
    unknown = set(doc) - allowed
    if unknown:
        raise SharingInputError(f"The {what} has unknown member(s): {', '.join(sorted(unknown))[:80]}.")
    missing = required - set(doc)
    if missing:
        raise SharingInputError(f"The {what} needs: {', '.join(sorted(missing))}.")


def _text(doc: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    raw = doc.get(key, "")
    if raw is None and not required:
        return ""
    if not isinstance(raw, str):
        raise SharingInputError(f'"{key}" must be text.')
    text = nfc(raw).strip()
    if required and not text:
        raise SharingInputError(f'"{key}" must not be empty.')
    if len(text) > _MAX_TEXT or bad_characters(text):
        raise SharingInputError(f'"{key}" is too long or contains a character that cannot be stored.')
    return text


def _keys(doc: Mapping[str, Any], key: str, allowed: Iterable[str], *, required: bool = True) -> frozenset[str]:
    raw = doc.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise SharingInputError(f'"{key}" must be a list of keys.')
    values = frozenset(raw)
    if required and not values:
        raise SharingInputError(f'"{key}" must name at least one.')
    unknown = sorted(values - set(allowed))
    if unknown:
        raise SharingInputError(f'"{key}" has an unknown entry: {unknown[0][:40]}.')
    return values


def _time(doc: Mapping[str, Any], key: str, default: dt.datetime | None) -> dt.datetime | None:
    raw = doc.get(key)
    if raw is None:
        return default
    if not isinstance(raw, str):
        raise SharingInputError(f'"{key}" must be an ISO 8601 date or time.')
    try:
        if len(raw) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(raw), dt.time(), tzinfo=dt.UTC)
        moment = parse_iso(raw)
    except ValueError:
        raise SharingInputError(f'"{key}" must be an ISO 8601 date or time.') from None
    if moment.tzinfo is None:
        raise SharingInputError(f'"{key}" needs a UTC offset.')
    return moment.astimezone(dt.UTC)


def _bool(doc: Mapping[str, Any], key: str, default: bool) -> bool:
    raw = doc.get(key, default)
    if not isinstance(raw, bool):
        raise SharingInputError(f'"{key}" must be true or false.')
    return raw


def _choice(doc: Mapping[str, Any], key: str, kinds: Any, default: str | None = None) -> Any:
    raw = doc.get(key, default)
    try:
        return kinds(raw)
    except ValueError:
        raise SharingInputError(f'"{key}" must be one of: {", ".join(k.value for k in kinds)}.') from None


@dataclass(frozen=True)
class PartnerInput:
    name: str
    kind: PartnerKind
    overseas: bool
    ipp12_basis: str


def parse_partner(data: bytes) -> PartnerInput:
    doc = load_json_object(data)
    _only(doc, {"name", "kind", "overseas", "ipp12_basis"}, {"name", "kind"}, "partner")
    return PartnerInput(_text(doc, "name"), _choice(doc, "kind", PartnerKind), _bool(doc, "overseas", False),
                        _text(doc, "ipp12_basis", required=False))


@dataclass(frozen=True)
class AgreementInput:
    partner_id: str
    name: str
    reference: str
    basis: Basis
    purposes: frozenset[str]
    categories: frozenset[str]
    excluded_fields: frozenset[str]
    valid_from: dt.datetime
    valid_until: dt.datetime | None
    updates_flow: bool = False


def parse_agreement(data: bytes, catalogue: Catalogue, purposes: PurposeCatalogue, now: dt.datetime) -> AgreementInput:
    doc = load_json_object(data)
    _only(doc, {"partner_id", "name", "reference", "basis", "purposes", "categories", "excluded_fields", "valid_from",
                "valid_until", "updates_flow"}, {"partner_id", "basis", "purposes", "categories"}, "agreement")
    basis = _choice(doc, "basis", Basis)
    if basis not in AGREEMENT_BASES:
        raise SharingInputError("A serious threat is an override for one disclosure, never an agreement's basis.")
    name, reference = _text(doc, "name", required=False), _text(doc, "reference", required=False)
    if basis is Basis.APPROVED_SHARING_AGREEMENT and not name:
        raise SharingInputError('An approved information sharing agreement needs its "name".')
    if basis is Basis.LEGAL_REQUIREMENT and not reference:
        raise SharingInputError('A legal requirement needs the statute in "reference".')
    valid_from = _time(doc, "valid_from", now)
    valid_until = _time(doc, "valid_until", None)
    assert valid_from is not None
    if valid_until is not None and valid_until <= valid_from:
        raise SharingInputError('"valid_until" must be after "valid_from".')
    return AgreementInput(
        partner_id=_text(doc, "partner_id"), name=name, reference=reference, basis=basis,
        purposes=_keys(doc, "purposes", purposes.keys),
        categories=_keys(doc, "categories", [c.key for c in catalogue.categories]),
        excluded_fields=_keys(doc, "excluded_fields", [f.key for f in catalogue.fields], required=False),
        valid_from=valid_from, valid_until=valid_until, updates_flow=_bool(doc, "updates_flow", False))


@dataclass(frozen=True)
class ConsentInput:
    recipients: frozenset[str]
    purposes: frozenset[str]
    categories: frozenset[str]
    permit: bool
    given_at: dt.datetime
    expires_at: dt.datetime | None
    method: ConsentMethod
    language: str
    given_by: GivenBy


def parse_consent(data: bytes, catalogue: Catalogue, purposes: PurposeCatalogue, languages: Iterable[str],
                  now: dt.datetime) -> ConsentInput:
    """Recipients are partner ids or partner kinds; whether the ids exist is the store's to check."""
    doc = load_json_object(data)
    _only(doc, {"recipients", "purposes", "categories", "permit", "given_at", "expires_at", "method", "language",
                "given_by"}, {"recipients", "purposes", "categories", "method", "language"}, "consent")
    recipients = doc.get("recipients")
    if not isinstance(recipients, list) or not recipients or not all(
            isinstance(r, str) and 0 < len(r) <= 64 and not bad_characters(r) for r in recipients):
        raise SharingInputError('"recipients" must list partner ids or partner kinds.')
    language = _text(doc, "language")
    if language not in set(languages):
        raise SharingInputError('"language" has no notice in that language.')
    given_at = _time(doc, "given_at", now)
    expires_at = _time(doc, "expires_at", None)
    assert given_at is not None
    if expires_at is not None and expires_at <= given_at:
        raise SharingInputError('"expires_at" must be after "given_at".')
    if given_at > now + dt.timedelta(minutes=5):
        raise SharingInputError('"given_at" cannot be in the future.')
    return ConsentInput(
        recipients=frozenset(recipients), purposes=_keys(doc, "purposes", purposes.keys),
        categories=_keys(doc, "categories", [c.key for c in catalogue.categories]),
        permit=_bool(doc, "permit", True), given_at=given_at, expires_at=expires_at,
        method=_choice(doc, "method", ConsentMethod), language=language,
        given_by=_choice(doc, "given_by", GivenBy, "person"))
