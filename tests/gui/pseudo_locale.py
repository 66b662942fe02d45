"""A pseudo-translation of the whole interface, made at test time: every source string lupdate finds becomes
"⟦Śávë ~~⟧" — accented, about 40% longer, between markers — so a test can see which shown text did not go
through the translator (no markers) and which widget clips a longer translation. What code fills into a
translation is marked too ("⟦Ópëñ ⟪{name}⟫ ~~⟧"), so an untranslated text filled into a translated one is
found as well.

What a translation must keep is kept: {placeholders}, %n / %1 / %v-style arguments, the letter after a `&`
mnemonic (and `&&`), HTML tags and entities, a Markdown heading or list prefix, and leading and trailing
whitespace (outside the markers).

    qm = build_pseudo_qm(tmp_dir)           # runs pyside6-lupdate and pyside6-lrelease
    translator = QTranslator(); translator.load(str(qm)); app.installTranslator(translator)
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OPEN, CLOSE = "⟦", "⟧"  # around a translation
FILL_OPEN, FILL_CLOSE = "⟪", "⟫"  # around what code fills into it
STRETCH = 0.4

# Contexts whose "translation" is a code, not words: the language code each translation gives for itself
# (ui/labels.ui_language). Pseudo-translating it would make the app look for a language called "⟦ëñ⟧".
CODE_CONTEXTS = frozenset({"language"})

_ACCENTS = str.maketrans("aeiouycnszAEIOUYCNSZ", "áëíóúýçñšžÁËÍÓÚÝÇÑŠŽ")
# What stays exactly as written: placeholders, %-arguments, HTML tags and entities, mnemonics.
_KEEP = re.compile(r"\{[^{}]*\}|%(?:n|\d+|[vmp])|<[^<>]*>|&[A-Za-z]+;|&#\d+;|&&|&.", re.S)
_FILLED = re.compile(r"\{[^{}]*\}|%(?:n|\d+|[vmp])")
_EDGES = re.compile(r"^(\s*(?:#{1,6} |- )?)(.*?)(\s*)$", re.S)


def sources() -> list[Path]:
    """Every module with translatable strings: the UI package (nothing else in Tiaki imports Qt)."""
    return sorted((ROOT / "desktop" / "tiaki" / "ui").glob("*.py"))


def pseudo(text: str) -> str:
    """"Save" → "⟦Śávë ~~⟧": accented letters, padding of about 40%, the markers; see the module notes."""
    lead, core, trail = _EDGES.match(text).groups()  # type: ignore[union-attr]
    if not core:
        return text
    out, visible, last = [], 0, 0
    for kept in _KEEP.finditer(core):
        plain = core[last:kept.start()]
        out.append(plain.translate(_ACCENTS))
        visible += len(plain)
        out.append(f"{FILL_OPEN}{kept.group()}{FILL_CLOSE}" if _FILLED.fullmatch(kept.group()) else kept.group())
        last = kept.end()
    out.append(core[last:].translate(_ACCENTS))
    visible += len(core) - last
    pad = math.ceil(visible * STRETCH)
    padding = " ".join("~" * min(6, pad - i) for i in range(0, pad, 6))
    return f"{lead}{OPEN}{''.join(out)} {padding}{CLOSE}{trail}"


def pseudo_ts(source_ts: Path, target_ts: Path) -> int:
    """Fill ``source_ts`` (fresh from lupdate) with pseudo-translations; returns how many were filled."""
    tree = ET.parse(source_ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            translation.attrib.pop("type", None)
            source = message.findtext("source") or ""
            if message.get("numerus") == "yes":
                translation.text = None
                for _ in range(2):
                    ET.SubElement(translation, "numerusform").text = pseudo(source)
            else:
                translation.text = source if name in CODE_CONTEXTS else pseudo(source)
            filled += 1
    tree.write(target_ts, encoding="utf-8", xml_declaration=True)
    return filled


def build_pseudo_qm(work: Path) -> Path:
    """lupdate over the UI sources into ``work``, pseudo-translate, lrelease; the path of the .qm."""
    work.mkdir(parents=True, exist_ok=True)
    fresh, filled, qm = work / "fresh.ts", work / "tiaki_pseudo.ts", work / "tiaki_pseudo.qm"
    subprocess.run([str(BIN / "pyside6-lupdate"), *map(str, sources()), "-ts", str(fresh)], check=True,
                   capture_output=True)
    assert pseudo_ts(fresh, filled) > 100, "lupdate found almost no strings"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(filled), "-qm", str(qm)], check=True, capture_output=True)
    return qm


_INNERMOST = re.compile(f"([{OPEN}{FILL_OPEN}])([^{OPEN}{CLOSE}{FILL_OPEN}{FILL_CLOSE}]*)([{CLOSE}{FILL_CLOSE}])")


def untranslated_parts(text: str) -> list[str]:
    """The parts of a shown ``text`` that no translation produced: each value code filled into a translation
    (without the translations inside it) and what is left outside every translation. Innermost first."""
    parts = []
    while (found := _INNERMOST.search(text)) is not None:
        if found.group(1) == FILL_OPEN:
            parts.append(found.group(2))
        text = text[:found.start()] + " " + text[found.end():]
    return [*parts, text]
