"""What can go wrong opening or using a store, in words a worker can act on.

Messages name no client and no value: they may reach a log or a dialog that someone else reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class StoreError(Exception):
    """Base of every store error; ``str()`` is a message fit to show as it is."""


class NoStore(StoreError):
    def __init__(self) -> None:
        super().__init__("There is no Tiaki store in this data directory yet. Set one up first (tiaki init).")


class StoreExists(StoreError):
    def __init__(self) -> None:
        super().__init__("A Tiaki store already exists in this data directory.")


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("The worker name or passphrase is not right.")


class UnlockDelayed(StoreError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"Too many failed attempts. Try again in {max(1, round(seconds))} seconds.")


class WorkerNeeded(StoreError):
    def __init__(self) -> None:
        super().__init__("Several workers use this store: say which worker you are.")


class DamagedStore(StoreError):
    def __init__(self, what: str = "The database") -> None:
        super().__init__(
            f"{what} is damaged and cannot be read safely. Nothing was changed. "
            "Restore from a backup or ask your privacy officer for help."
        )


class NotFound(StoreError):
    def __init__(self, what: str = "That record") -> None:
        super().__init__(f"{what} was not found (or you are not allowed to see it).")


class InvalidInput(StoreError):
    """Input that does not fit. ``code`` and ``params`` let the UI say it in the worker's language.

    ``field_error`` is the catalogue's FieldError, ``passphrase_problem`` the passphrase rule that failed.
    """

    MESSAGES: Mapping[str, str] = {
        "archived_client": "This client is archived; restore the record before changing it.",
        "worker_unavailable": "That worker does not exist or is no longer active.",
        "worker_name_missing": "A worker needs a sign-in name.",
        "worker_name_too_long": "A sign-in name may be at most {max} characters.",
        "worker_name_characters": "The sign-in name contains a character that cannot be used.",
        "display_name_invalid": "The display name is too long or contains a character that cannot be used.",
        "worker_exists": "A worker with that sign-in name already exists.",
        "no_such_worker": "There is no active worker with that sign-in name.",
        "cannot_deactivate_self": "You cannot deactivate yourself.",
        "last_privacy_officer": "The store needs at least one active privacy officer.",
        "worker_inactive": "That worker is not active.",
        "auto_lock_range": "Auto-lock must be between {min} and {max} minutes.",
        "clipboard_range": "A copied value must leave the clipboard after {min} to {max} seconds.",
        "sync_interval_range": "Automatic sync must run every {min} to {max} minutes, or be off.",
        "recovery_key_format": "That is not a Tiaki recovery key.",
        "recovery_key_typo": "The recovery key has a typing mistake (its check group does not match).",
        "recovery_key_wrong": "That recovery key does not open this store.",
        "store_not_empty": "This store already holds records, so it cannot be discarded.",
        "organisation_name": "The organisation's name must be 1 to 200 ordinary characters.",
        "partner_exists": "A partner with that name already exists.",
        "no_such_partner": "There is no partner with that id.",
        "unknown_recipient": "A consent recipient is neither a partner's id nor a kind of partner.",
        "consent_not_active": "That consent is not in force (it was withdrawn, has expired or is not yet given).",
        "consent_expiry_past": "A renewed consent must expire in the future (or not at all).",
        "partner_not_enrolled": "That partner's card is not enrolled here (or, to sync, its card has no inbox): enrol "
                            "its card first.",
        "partner_other_key": "This partner is already enrolled with another key; a new key must come as a card "
                             "signed by the current one.",
        "partner_rotation_invalid": "The new card is not signed by the partner's current key, so it was not "
                                    "enrolled.",
        "unknown_purpose": "That is not a purpose Tiaki knows.",
        "nothing_to_share": "Nothing may be shared with this partner for this purpose now, so nothing was queued.",
        "collection": "{message}",
        "field": "{message}",
        "passphrase": "{message}",
    }

    def __init__(self, code: str, *, field_error: Exception | None = None, passphrase_problem: object = None,
                 **params: Any) -> None:
        self.code = code
        self.params = params
        self.field_error = field_error
        self.passphrase_problem = passphrase_problem
        super().__init__(self.MESSAGES[code].format(**params))

    @classmethod
    def for_field(cls, error: Exception) -> InvalidInput:
        return cls("field", field_error=error, message=str(error))

    @classmethod
    def for_passphrase(cls, problem: object) -> InvalidInput:
        return cls("passphrase", passphrase_problem=problem, message=str(problem))
