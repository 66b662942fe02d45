"""What can go wrong opening or using a store, in words a worker can act on.

Messages name no client and no value: they may reach a log or a dialog that someone else reads.
"""

from __future__ import annotations


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
    """Input that does not fit; carries the underlying FieldError when there is one."""

    def __init__(self, message: str, *, field_error: Exception | None = None) -> None:
        self.field_error = field_error
        super().__init__(message)
