"""The sharing domain: legal bases, partners, sharing agreements and consent records, as plain values.

The policy engine (``core.policy``) decides from these; the store keeps them; nothing here does I/O.
Times are aware datetimes in UTC. Consent history is a tuple of events: withdrawal is a new event, never an
edit, and a record's status at any instant is derived from the events up to that instant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Basis(StrEnum):
    """Legal bases for disclosure (resources/legal_bases.json holds their plain-language text)."""

    CONSENT = "consent"
    PURPOSE_OF_COLLECTION = "purpose_of_collection"  # IPP 11(1)(a)
    AUTHORISED_BY_PERSON = "authorised_by_person"
    APPROVED_SHARING_AGREEMENT = "approved_sharing_agreement"  # an AISA, named in the agreement
    INFORMATION_MATCHING = "information_matching"
    LEGAL_REQUIREMENT = "legal_requirement"  # with the statute reference
    SERIOUS_THREAT = "serious_threat"  # IPP 11(1)(f): only as a justified, reviewed override


# Bases that hold only while the person's consent (or authorisation) does.
CONSENT_BASES = frozenset({Basis.CONSENT, Basis.AUTHORISED_BY_PERSON})
# Bases an agreement may name; a serious threat is never standing policy, only a one-off override.
AGREEMENT_BASES = frozenset(Basis) - {Basis.SERIOUS_THREAT}


class PartnerKind(StrEnum):
    GOVERNMENT_AGENCY = "government_agency"
    NGO = "ngo"
    IWI_OR_PACIFIC_PROVIDER = "iwi_or_pacific_provider"
    HEALTH_PROVIDER = "health_provider"


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    kind: PartnerKind
    overseas: bool = False
    ipp12_basis: str | None = None  # why an overseas disclosure is allowed (IPP 12), if it is


@dataclass(frozen=True)
class SharingAgreement:
    id: str
    partner_id: str
    purposes: frozenset[str]
    categories: frozenset[str]
    basis: Basis
    valid_from: dt.datetime
    valid_until: dt.datetime | None = None
    excluded_fields: frozenset[str] = frozenset()
    name: str = ""  # e.g. the AISA's name
    reference: str = ""  # e.g. the statute for a legal requirement
    updates_flow: bool = False  # later changes to what was shared under it are sent to the partner too

    def in_force(self, now: dt.datetime) -> bool:
        return self.valid_from <= now and (self.valid_until is None or now < self.valid_until)

    def covers(self, purpose: str, category: str, field_key: str) -> bool:
        return purpose in self.purposes and category in self.categories and field_key not in self.excluded_fields


class ConsentEventKind(StrEnum):
    GIVEN = "given"
    RENEWED = "renewed"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class ConsentStatus(StrEnum):
    NOT_YET = "not_yet"  # recorded with a given-at in the future
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    ELECTRONIC = "electronic"


class GivenBy(StrEnum):
    PERSON = "person"
    PARENT_OR_GUARDIAN = "parent_or_guardian"
    REPRESENTATIVE = "representative"


@dataclass(frozen=True)
class ConsentEvent:
    id: str
    kind: ConsentEventKind
    at: dt.datetime
    recorded_by: str
    reason: str = ""
    expires_at: dt.datetime | None = None  # a renewal may set a new expiry


@dataclass(frozen=True)
class ConsentRecord:
    """One consent scope: permit or deny these purposes and data categories for these recipients.

    ``recipients`` holds partner ids and/or partner kinds (``PartnerKind`` values). A consent that arrived with
    a referral packet names the referring organisation in ``received_from`` and has no recipients here: it is
    kept as the record of what the person agreed to, and never permits sharing onward from this device.
    """

    id: str
    client_id: str
    controller: str
    recipients: frozenset[str]
    purposes: frozenset[str]
    categories: frozenset[str]
    permit: bool
    given_at: dt.datetime
    expires_at: dt.datetime | None
    method: ConsentMethod
    language: str
    notice_version: str
    notice_hash: str
    recorded_by: str
    given_by: GivenBy
    events: tuple[ConsentEvent, ...] = field(default_factory=tuple)
    received_from: str | None = None

    def applies_to(self, partner: Partner, purpose: str, category: str) -> bool:
        return ((partner.id in self.recipients or partner.kind.value in self.recipients)
                and purpose in self.purposes and category in self.categories)

    def expires_as_of(self, now: dt.datetime) -> dt.datetime | None:
        """The expiry in force at ``now``: the recorded one, or the last renewal's up to ``now``."""
        expires = self.expires_at
        for event in sorted(self.events, key=lambda e: (e.at, e.id)):
            if event.at > now:
                break
            if event.kind is ConsentEventKind.RENEWED:
                expires = event.expires_at
        return expires

    def status(self, now: dt.datetime) -> ConsentStatus:
        """Derived from the events up to ``now``: a withdrawal or expiry takes effect at that instant."""
        if now < self.given_at:
            return ConsentStatus.NOT_YET
        expires = self.expires_at
        for event in sorted(self.events, key=lambda e: (e.at, e.id)):
            if event.at > now:
                break
            if event.kind is ConsentEventKind.WITHDRAWN:
                return ConsentStatus.WITHDRAWN
            if event.kind is ConsentEventKind.EXPIRED:
                return ConsentStatus.EXPIRED
            if event.kind is ConsentEventKind.RENEWED:
                expires = event.expires_at
        if expires is not None and now >= expires:
            return ConsentStatus.EXPIRED
        return ConsentStatus.ACTIVE


@dataclass(frozen=True)
class Override:
    """A serious-threat disclosure (IPP 11(1)(f)): allowed only with a written justification, then reviewed."""

    justification: str
    by: str

    def __post_init__(self) -> None:
        if len(self.justification.strip()) < 20:
            raise ValueError("A serious-threat override needs a written justification (at least 20 characters).")


@dataclass(frozen=True)
class BasisInfo:
    """A legal basis as people read it (resources/legal_bases.json)."""

    basis: Basis
    label: str
    reference: str
    needs_consent: bool
    override_only: bool = False


def parse_legal_bases(doc: dict[str, object]) -> dict[Basis, BasisInfo]:
    """Every Basis must be described, and nothing else."""
    entries = doc["bases"]
    assert isinstance(entries, list)
    out = {Basis(e["key"]): BasisInfo(Basis(e["key"]), e["label"], e["reference"], bool(e["needs_consent"]),
                                      bool(e.get("override_only", False))) for e in entries}
    if set(out) != set(Basis):
        raise ValueError("legal bases catalogue does not match the bases the engine knows")
    return out
