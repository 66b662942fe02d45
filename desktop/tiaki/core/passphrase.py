"""What makes a passphrase acceptable. Long beats complex; the store's Argon2id does the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tiaki.core.text import fold

MIN_LENGTH = 10
MAX_LENGTH = 1024

MESSAGES: Mapping[str, str] = {
    "too_short": "Use at least {n} characters — a few words together is easy to remember.",
    "too_long": "Use at most {n} characters.",
    "contains_name": "Do not use your name in your passphrase.",
    "too_few_characters": "Use more different characters.",
}


@dataclass(frozen=True)
class PassphraseProblem:
    """What is wrong, as a code (for translation) and the English sentence (for the CLI)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    def __str__(self) -> str:
        return self.message


def passphrase_problem(passphrase: str, worker_name: str = "") -> PassphraseProblem | None:
    """What is wrong with the passphrase, or None when it will do."""
    if len(passphrase) < MIN_LENGTH:
        return PassphraseProblem("too_short", {"n": MIN_LENGTH})
    if len(passphrase) > MAX_LENGTH:
        return PassphraseProblem("too_long", {"n": MAX_LENGTH})
    name = fold(worker_name.strip())
    if len(name) >= 3 and name in fold(passphrase):
        return PassphraseProblem("contains_name")
    if len(set(passphrase)) < 4:
        return PassphraseProblem("too_few_characters")
    return None
