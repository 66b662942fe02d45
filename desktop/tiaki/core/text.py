"""Text normalisation shared by storage, search and duplicate detection.

Text is stored in Unicode NFC so that "ā" typed as one code point or as "a" plus a combining macron is the
same value. Search and duplicate checks fold case and diacritics so that "Maori" finds "Māori".
"""

from __future__ import annotations

import unicodedata

_DISALLOWED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_ALLOWED_CONTROLS = {"\n", "\t"}
# Zero-width joiner/non-joiner are legitimate inside some scripts' words; keep them.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: "Whānau" -> "whanau"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def bad_characters(text: str, *, multiline: bool = False) -> list[str]:
    """Characters that have no place in a stored value (controls, unassigned, bidi overrides...)."""
    bad: list[str] = []
    for ch in text:
        if ch in _ALLOWED_FORMAT:
            continue
        if ch in _ALLOWED_CONTROLS:
            if ch == "\n" and not multiline:
                bad.append(ch)
            continue
        if unicodedata.category(ch) in _DISALLOWED_CATEGORIES:
            bad.append(ch)
    return bad


def describe_codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"
