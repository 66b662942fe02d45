"""Why a field is withheld from a partner: a closed set of reason codes, each with a plain-language sentence.

The codes are stable snake_case strings (they are stored in sharing history and printed by the CLI); the UI
translates the sentences by code. The English text is written for the caseworker *and* the person the record is
about, so it avoids legal shorthand.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Reason(StrEnum):
    NO_AGREEMENT = "no_agreement"
    NOT_COVERED = "not_covered"
    PURPOSE_NOT_COLLECTED = "purpose_not_collected"
    NO_CONSENT = "no_consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CONSENT_EXPIRED = "consent_expired"
    CONSENT_DENIES = "consent_denies"
    NEVER_LEAVES_DEVICE = "never_leaves_device"
    OVERSEAS_WITHOUT_BASIS = "overseas_without_basis"
    ANONYMOUS_RECORD = "anonymous_record"
    AGREEMENT_EXPIRED = "agreement_expired"


REASON_TEXT: Mapping[Reason, str] = MappingProxyType({
    Reason.NO_AGREEMENT: "We have no sharing agreement with this organisation, so nothing is sent to them.",
    Reason.NOT_COVERED: "Our agreement with this organisation does not cover this information for this purpose.",
    Reason.PURPOSE_NOT_COLLECTED: "This information was not collected for this purpose, so it is not shared for it.",
    Reason.NO_CONSENT: "The person has not agreed to share this information with this organisation for this "
                       "purpose.",
    Reason.CONSENT_WITHDRAWN: "The person withdrew their agreement to share this information.",
    Reason.CONSENT_EXPIRED: "The person's agreement to share this information has run out.",
    Reason.CONSENT_DENIES: "The person has said this information must not be shared with this organisation for "
                           "this purpose.",
    Reason.NEVER_LEAVES_DEVICE: "This information never leaves this device.",
    Reason.OVERSEAS_WITHOUT_BASIS: "This organisation is overseas and there is no recorded reason that makes it "
                                   "safe to send information there (Privacy Act, principle 12).",
    Reason.ANONYMOUS_RECORD: "This is an anonymous contact; nothing about it is shared.",
    Reason.AGREEMENT_EXPIRED: "Our sharing agreement with this organisation is not in force at this time.",
})


def reason_text(reason: Reason | str) -> str:
    """The English sentence for a reason code (accepts the code's string form, as stored)."""
    return REASON_TEXT[Reason(reason)]
