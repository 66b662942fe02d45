"""Translatable text for what core and store report in English: field errors, store errors, passphrase problems.

Core keeps English messages (for the CLI and logs) and a ``code``; here each code maps to the same English
template marked for translation, so a translator sees every message once and the UI shows it translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from tiaki.store import errors
from tiaki.ui.labels import QT_TRANSLATE_NOOP, field_label

if TYPE_CHECKING:  # kept off the start-up path: the unlock window needs only the store's errors
    from tiaki.core.catalogue import Catalogue, FieldError
    from tiaki.core.passphrase import PassphraseProblem

# The English text must equal core.catalogue.FieldError.MESSAGES (a test checks it).
FIELD_ERROR_TEMPLATES: Mapping[str, str] = {
    "unknown_field": QT_TRANSLATE_NOOP("FieldError", "There is no field called '{field}'."),
    "required": QT_TRANSLATE_NOOP("FieldError", "{label} is required."),
    "not_for_anonymous": QT_TRANSLATE_NOOP("FieldError", "{label} cannot be recorded for an anonymous contact."),
    "wrong_type": QT_TRANSLATE_NOOP("FieldError", "{label} must be {expected}."),
    "too_long": QT_TRANSLATE_NOOP("FieldError", "{label} is too long ({length} characters; at most {max_length})."),
    "bad_characters": QT_TRANSLATE_NOOP("FieldError",
                                        "{label} contains a character that cannot be stored ({chars})."),
    "pattern": QT_TRANSLATE_NOOP("FieldError", "{label} is not in the expected form. {hint}"),
    "date_format": QT_TRANSLATE_NOOP("FieldError", "{label} must be a date written as YYYY-MM-DD."),
    "date_invalid": QT_TRANSLATE_NOOP("FieldError", "{label} is not a real date."),
    "date_too_early": QT_TRANSLATE_NOOP("FieldError", "{label} cannot be before {min}."),
    "date_future": QT_TRANSLATE_NOOP("FieldError", "{label} cannot be in the future."),
    "choice": QT_TRANSLATE_NOOP("FieldError", "{label}: that is not one of the choices."),
    "too_small": QT_TRANSLATE_NOOP("FieldError", "{label} must be at least {min}."),
    "too_large": QT_TRANSLATE_NOOP("FieldError", "{label} must be at most {max}."),
    "email": QT_TRANSLATE_NOOP("FieldError", "{label} is not an email address."),
    "phone": QT_TRANSLATE_NOOP("FieldError", "{label} may contain only digits, spaces, +, - and brackets."),
}

_EXPECTED = {
    "text": QT_TRANSLATE_NOOP("FieldError", "text"),
    "a whole number": QT_TRANSLATE_NOOP("FieldError", "a whole number"),
}


def _tr(context: str, text: str) -> str:
    """For texts already marked with QT_TRANSLATE_NOOP; literal texts call ``translate`` so lupdate sees them."""
    return QCoreApplication.translate(context, text)


translate = QCoreApplication.translate


def field_error_text(error: FieldError, catalogue: Catalogue) -> str:
    """The error in the worker's language, naming the field by its translated label."""
    params = dict(error.params)
    if error.field_key in catalogue:
        fdef = catalogue.get(error.field_key)
        params["label"] = field_label(fdef.label)
        if "hint" in params:
            params["hint"] = field_label(str(params["hint"])) if params["hint"] else ""
    if "expected" in params:
        params["expected"] = _tr("FieldError", _EXPECTED.get(str(params["expected"]), str(params["expected"])))
    template = FIELD_ERROR_TEMPLATES.get(error.code)
    if template is None:
        return error.message()
    return _tr("FieldError", template).format(**params).strip()


def store_error_text(exc: BaseException) -> str:
    """A store error in the worker's language. Unknown errors keep the store's own English sentence."""
    if isinstance(exc, errors.WrongPassphrase):
        return translate("StoreError", "The worker name or passphrase is not right.")
    if isinstance(exc, errors.UnlockDelayed):
        return translate("StoreError", "Too many failed attempts. Try again in {seconds} seconds.").format(
            seconds=max(1, round(exc.seconds)))
    if isinstance(exc, errors.WorkerNeeded):
        return translate("StoreError", "Several workers use this store: say which worker you are.")
    if isinstance(exc, errors.NoStore):
        return translate("StoreError", "There is no Tiaki store in this data directory yet. Set one up first.")
    if isinstance(exc, errors.StoreExists):
        return translate("StoreError", "A Tiaki store already exists in this data directory.")
    if isinstance(exc, errors.DamagedStore):
        return translate("StoreError", "The store is damaged and cannot be read safely. Nothing was changed. "
                                 "Restore from a backup or ask your privacy officer for help.")
    if isinstance(exc, errors.InvalidInput):
        return invalid_input_text(exc)
    if isinstance(exc, (errors.StoreError, PermissionError)):
        return str(exc)
    return translate("StoreError", "Something went wrong: {error}").format(error=type(exc).__name__)


# The English text must equal core.passphrase.MESSAGES and store.errors.InvalidInput.MESSAGES (a test checks).
PASSPHRASE_TEMPLATES: Mapping[str, str] = {
    "too_short": QT_TRANSLATE_NOOP("Passphrase",
                                   "Use at least {n} characters — a few words together is easy to remember."),
    "too_long": QT_TRANSLATE_NOOP("Passphrase", "Use at most {n} characters."),
    "contains_name": QT_TRANSLATE_NOOP("Passphrase", "Do not use your name in your passphrase."),
    "too_few_characters": QT_TRANSLATE_NOOP("Passphrase", "Use more different characters."),
}

INVALID_INPUT_TEMPLATES: Mapping[str, str] = {
    "archived_client": QT_TRANSLATE_NOOP("InvalidInput",
                                         "This client is archived; restore the record before changing it."),
    "worker_unavailable": QT_TRANSLATE_NOOP("InvalidInput", "That worker does not exist or is no longer active."),
    "worker_name_missing": QT_TRANSLATE_NOOP("InvalidInput", "A worker needs a sign-in name."),
    "worker_name_too_long": QT_TRANSLATE_NOOP("InvalidInput", "A sign-in name may be at most {max} characters."),
    "worker_name_characters": QT_TRANSLATE_NOOP("InvalidInput",
                                                "The sign-in name contains a character that cannot be used."),
    "display_name_invalid": QT_TRANSLATE_NOOP(
        "InvalidInput", "The display name is too long or contains a character that cannot be used."),
    "worker_exists": QT_TRANSLATE_NOOP("InvalidInput", "A worker with that sign-in name already exists."),
    "no_such_worker": QT_TRANSLATE_NOOP("InvalidInput", "There is no active worker with that sign-in name."),
    "cannot_deactivate_self": QT_TRANSLATE_NOOP("InvalidInput", "You cannot deactivate yourself."),
    "last_privacy_officer": QT_TRANSLATE_NOOP("InvalidInput", "The store needs at least one active privacy officer."),
    "worker_inactive": QT_TRANSLATE_NOOP("InvalidInput", "That worker is not active."),
    "auto_lock_range": QT_TRANSLATE_NOOP("InvalidInput", "Auto-lock must be between {min} and {max} minutes."),
    "clipboard_range": QT_TRANSLATE_NOOP("InvalidInput",
                                         "A copied value must leave the clipboard after {min} to {max} seconds."),
    "sync_interval_range": QT_TRANSLATE_NOOP("InvalidInput",
                                             "Automatic sync must run every {min} to {max} minutes, or be off."),
    "recovery_key_format": QT_TRANSLATE_NOOP("InvalidInput", "That is not a Tiaki recovery key."),
    "recovery_key_typo": QT_TRANSLATE_NOOP("InvalidInput",
                                           "The recovery key has a typing mistake (its check group does not match)."),
    "recovery_key_wrong": QT_TRANSLATE_NOOP("InvalidInput", "That recovery key does not open this store."),
    "organisation_name": QT_TRANSLATE_NOOP("InvalidInput",
                                           "The organisation's name must be 1 to 200 ordinary characters."),
    "partner_exists": QT_TRANSLATE_NOOP("InvalidInput", "A partner with that name already exists."),
    "no_such_partner": QT_TRANSLATE_NOOP("InvalidInput", "There is no partner with that id."),
    "unknown_recipient": QT_TRANSLATE_NOOP("InvalidInput",
                                           "A consent recipient is neither a partner's id nor a kind of partner."),
    "consent_not_active": QT_TRANSLATE_NOOP(
        "InvalidInput", "That consent is not in force (it was withdrawn, has expired or is not yet given)."),
    "consent_expiry_past": QT_TRANSLATE_NOOP("InvalidInput",
                                             "A renewed consent must expire in the future (or not at all)."),
    "partner_not_enrolled": QT_TRANSLATE_NOOP(
        "InvalidInput",
        "That partner's card is not enrolled here (or, to sync, its card has no inbox): enrol its card first."),
    "partner_other_key": QT_TRANSLATE_NOOP(
        "InvalidInput", "This partner is already enrolled with another key; a new key must come as a card "
                        "signed by the current one."),
    "partner_rotation_invalid": QT_TRANSLATE_NOOP(
        "InvalidInput", "The new card is not signed by the partner's current key, so it was not enrolled."),
    "unknown_purpose": QT_TRANSLATE_NOOP("InvalidInput", "That is not a purpose Tiaki knows."),
    "nothing_to_share": QT_TRANSLATE_NOOP(
        "InvalidInput", "Nothing may be shared with this partner for this purpose now, so nothing was queued."),
    "collection": QT_TRANSLATE_NOOP("InvalidInput", "{message}"),
    "store_not_empty": QT_TRANSLATE_NOOP("InvalidInput",
                                         "This store already holds records, so it cannot be discarded."),
}


# Why a field is withheld from a partner. The English text must equal core.reasons.REASON_TEXT (a test checks).
REASON_TEMPLATES: Mapping[str, str] = {
    "no_agreement": QT_TRANSLATE_NOOP(
        "Reason", "We have no sharing agreement with this organisation, so nothing is sent to them."),
    "not_covered": QT_TRANSLATE_NOOP(
        "Reason", "Our agreement with this organisation does not cover this information for this purpose."),
    "purpose_not_collected": QT_TRANSLATE_NOOP(
        "Reason", "This information was not collected for this purpose, so it is not shared for it."),
    "no_consent": QT_TRANSLATE_NOOP(
        "Reason", "The person has not agreed to share this information with this organisation for this purpose."),
    "consent_withdrawn": QT_TRANSLATE_NOOP("Reason", "The person withdrew their agreement to share this information."),
    "consent_expired": QT_TRANSLATE_NOOP("Reason", "The person's agreement to share this information has run out."),
    "consent_denies": QT_TRANSLATE_NOOP(
        "Reason", "The person has said this information must not be shared with this organisation for this purpose."),
    "never_leaves_device": QT_TRANSLATE_NOOP("Reason", "This information never leaves this device."),
    "overseas_without_basis": QT_TRANSLATE_NOOP(
        "Reason", "This organisation is overseas and there is no recorded reason that makes it safe to send "
                  "information there (Privacy Act, principle 12)."),
    "anonymous_record": QT_TRANSLATE_NOOP("Reason", "This is an anonymous contact; nothing about it is shared."),
    "agreement_expired": QT_TRANSLATE_NOOP(
        "Reason", "Our sharing agreement with this organisation is not in force at this time."),
}


def reason_text(code: str) -> str:
    """A withheld field's reason (core.reasons.Reason or its string) in the worker's language."""
    template = REASON_TEMPLATES.get(str(code))
    return _tr("Reason", template) if template else str(code)


def passphrase_problem_text(problem: PassphraseProblem | None) -> str:
    """core.passphrase.passphrase_problem's finding, translated (empty when there is no problem)."""
    if problem is None:
        return ""
    template = PASSPHRASE_TEMPLATES.get(problem.code)
    if template is None:
        return problem.message
    return _tr("Passphrase", template).format(**problem.params)


def invalid_input_text(exc: errors.InvalidInput, catalogue: Catalogue | None = None) -> str:
    """An InvalidInput in the worker's language, by its code."""
    from tiaki.core.catalogue import FieldError
    from tiaki.core.passphrase import PassphraseProblem

    if isinstance(exc.field_error, FieldError) and catalogue is not None:
        return field_error_text(exc.field_error, catalogue)
    if isinstance(exc.passphrase_problem, PassphraseProblem):
        return passphrase_problem_text(exc.passphrase_problem)
    template = INVALID_INPUT_TEMPLATES.get(exc.code)
    if template is None:
        return str(exc)
    return _tr("InvalidInput", template).format(**exc.params)
