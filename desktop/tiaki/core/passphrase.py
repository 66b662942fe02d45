"""What makes a passphrase acceptable. Long beats complex; the store's Argon2id does the rest."""

from __future__ import annotations

from tiaki.core.text import fold

MIN_LENGTH = 10
MAX_LENGTH = 1024


def passphrase_problem(passphrase: str, worker_name: str = "") -> str | None:
    """A sentence saying what is wrong, or None when the passphrase will do."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters — a few words together is easy to remember."
    if len(passphrase) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if worker_name and fold(worker_name.strip()) in fold(passphrase):
        return "Do not use your name in your passphrase."
    if len(set(passphrase)) < 4:
        return "Use more different characters."
    return None
