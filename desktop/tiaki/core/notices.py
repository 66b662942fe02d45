"""Collection notices (IPP 3): what the person must be told, in their language, from a versioned template.

A rendered notice names its template version and a hash of the exact template text used, so what was shown
can be proven later even after the template changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiaki.core.audit import canonical_json
from tiaki.core.purposes import Purpose

# The IPP 3 items, in the order a person hears them.
ITEMS = ("collected", "purpose", "recipients", "agency", "law", "voluntary", "consequences", "access_correction")


@dataclass(frozen=True)
class RenderedNotice:
    version: str
    language: str
    hash: str
    items: Mapping[str, str]  # IPP 3 item -> the sentence shown
    review_needed: bool  # the translation awaits a fluent speaker's review

    @property
    def text(self) -> str:
        return "\n\n".join(self.items[item] for item in ITEMS)


@dataclass(frozen=True)
class NoticeCatalogue:
    version: str
    languages: Mapping[str, Mapping[str, Any]]

    def language_names(self) -> dict[str, str]:
        return {code: str(lang["name"]) for code, lang in self.languages.items()}

    def template_hash(self, language: str) -> str:
        """Identifies the exact template text shown (KeyError for a language with no notice)."""
        return hashlib.sha256(canonical_json({"version": self.version, language: self.languages[language]})).hexdigest()

    def render(
        self,
        language: str,
        *,
        purposes: Sequence[Purpose],
        agency: str,
        recipients: Sequence[str] = (),
        law: str = "",
        required: bool = False,
        consequences: str = "",
    ) -> RenderedNotice:
        """Every IPP 3 item, filled in. Unknown languages raise KeyError."""
        lang = self.languages[language]
        phrases: Mapping[str, str] = lang["phrases"]
        sep = phrases["list_separator"]
        values = {
            "agency": agency,
            "purposes": sep.join(p.text_in(language) for p in purposes),
            "recipients": sep.join(recipients) if recipients else phrases["no_recipients"].format(agency=agency),
            "law": law or phrases["no_law"],
            "voluntary": phrases["required"] if required else phrases["voluntary"],
            "consequences": consequences or phrases["consequences_default"],
        }
        items = {item: str(lang["items"][item]).format(**values) for item in ITEMS}
        return RenderedNotice(self.version, language, self.template_hash(language), items,
                              bool(lang.get("review_needed", False)))


def parse_notices(doc: Mapping[str, Any]) -> NoticeCatalogue:
    languages = dict(doc["languages"])
    for code, lang in languages.items():
        missing = [item for item in ITEMS if item not in lang["items"]]
        if missing:
            raise ValueError(f"notice template '{code}' lacks IPP 3 items: {', '.join(missing)}")
    if "en" not in languages:
        raise ValueError("notice templates need English")
    return NoticeCatalogue(str(doc["version"]), languages)


def load_notices(path: Path) -> NoticeCatalogue:
    with path.open(encoding="utf-8") as fh:
        return parse_notices(json.load(fh))
