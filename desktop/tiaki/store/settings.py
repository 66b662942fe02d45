"""The settings a privacy officer sets for everyone who uses Tiaki on this computer, declared once.

They are security policy as much as preference (how soon an idle laptop locks, how long a copied value stays
on the clipboard, how often shares go out), so they live in the encrypted store, only a privacy officer
changes them, and every change is audited. A person's own preferences (the interface language) are not here:
see ``tiaki.preferences``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiaki.store.errors import InvalidInput


@dataclass(frozen=True)
class StoreSetting:
    """A whole-number setting with its default and allowed range; ``off`` is an extra allowed value, if any."""

    key: str
    default: int
    minimum: int
    maximum: int
    error_code: str  # an InvalidInput code whose message takes {min} and {max}
    off: int | None = None

    def allows(self, value: int) -> bool:
        return value == self.off or self.minimum <= value <= self.maximum

    def check(self, value: int) -> None:
        """InvalidInput (with this setting's code and range) for a value it does not allow."""
        if not self.allows(value):
            raise InvalidInput(self.error_code, min=self.minimum, max=self.maximum)

    def parse(self, stored: object) -> int:
        """The stored text as a value; the default for anything missing or no longer allowed."""
        try:
            value = int(str(stored))
        except ValueError:
            return self.default
        return value if self.allows(value) else self.default


AUTO_LOCK_MINUTES = StoreSetting("auto_lock_minutes", default=5, minimum=1, maximum=240,
                                 error_code="auto_lock_range")
CLIPBOARD_CLEAR_SECONDS = StoreSetting("clipboard_clear_seconds", default=30, minimum=5, maximum=300,
                                       error_code="clipboard_range")
SYNC_INTERVAL_MINUTES = StoreSetting("sync_interval_minutes", default=15, minimum=5, maximum=1440,
                                     error_code="sync_interval_range", off=0)  # 0: only when a worker asks

STORE_SETTINGS = {s.key: s for s in (AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS, SYNC_INTERVAL_MINUTES)}
