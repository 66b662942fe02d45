"""A person's own preferences on this computer, kept outside the encrypted store.

They must be readable before anyone unlocks (the unlock window is shown in the chosen language), so they hold
nothing personal: only the interface language. Settings that are policy for everyone on the laptop live in the
store (``tiaki.store.settings``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from tiaki.paths import config_dir
from tiaki.store.files import atomic_write

FILE_NAME = "preferences.json"
LANG_ENV = "TIAKI_LANG"

# The interface languages a worker can choose, each named in itself (so a person finds their own language).
INTERFACE_LANGUAGES = {"en": "English", "mi": "Te reo Māori"}


@dataclass(frozen=True)
class Preferences:
    language: str | None = None  # None: the system's language


def load_preferences(directory: Path | None = None) -> Preferences:
    """The saved preferences; defaults for a missing, unreadable or malformed file (never an error at start)."""
    path = (directory or config_dir()) / FILE_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    language = doc.get("language") if isinstance(doc, dict) else None
    return Preferences(language=language if language in INTERFACE_LANGUAGES else None)


def save_preferences(preferences: Preferences, directory: Path | None = None) -> None:
    if preferences.language is not None and preferences.language not in INTERFACE_LANGUAGES:
        raise ValueError("unknown interface language")
    directory = directory or config_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(directory / FILE_NAME, json.dumps({"language": preferences.language}).encode("utf-8"))


def chosen_language(system_language: str, directory: Path | None = None) -> str:
    """TIAKI_LANG, else the saved choice, else the system's language when Tiaki has it, else English."""
    for candidate in (os.environ.get(LANG_ENV), load_preferences(directory).language, system_language):
        if candidate:
            return candidate
    return "en"
