"""Everything the UI shows can be translated: catalogue labels, roles, field errors, and the .ts is current."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from tiaki.core import passphrase
from tiaki.core.catalogue import FieldError
from tiaki.core.reasons import REASON_TEXT, Reason
from tiaki.core.roles import ROLE_LABELS
from tiaki.store.errors import InvalidInput
from tiaki.ui import catalogue_strings
from tiaki.ui.client_list_model import COL_NAME, ClientListModel
from tiaki.ui.labels import ROLE_TEXT, role_label
from tiaki.ui.messages import (
    FIELD_ERROR_TEMPLATES,
    INVALID_INPUT_TEMPLATES,
    PASSPHRASE_TEMPLATES,
    REASON_TEMPLATES,
    field_error_text,
    invalid_input_text,
    passphrase_problem_text,
    reason_text,
)
from tiaki.ui.sharing_labels import BASIS_TEXT

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_catalogue_strings", ROOT / "i18n" / "gen_catalogue_strings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogue_strings_module_is_up_to_date() -> None:
    generator = _generator()
    doc = json.loads((ROOT / "resources" / "fields.json").read_text(encoding="utf-8"))
    expected = generator.render(generator.catalogue_labels(doc))
    actual = (ROOT / "desktop" / "tiaki" / "ui" / "catalogue_strings.py").read_text(encoding="utf-8")
    assert actual == expected, "run: .venv/bin/python i18n/gen_catalogue_strings.py"
    labels = set(catalogue_strings.CATALOGUE_STRINGS)
    for field in doc["fields"]:
        assert field["label"] in labels
        assert {o["label"] for o in field.get("options", ())} <= labels


def test_field_error_templates_match_core_messages(session) -> None:
    assert dict(FIELD_ERROR_TEMPLATES) == dict(FieldError.MESSAGES)
    try:
        session.catalogue.validate("date_of_birth", "30/02/1990")
    except FieldError as exc:
        assert field_error_text(exc, session.catalogue) == exc.message()
    else:
        pytest.fail("a bad date was accepted")


def test_store_and_passphrase_templates_match_their_english(qapp) -> None:
    assert dict(PASSPHRASE_TEMPLATES) == dict(passphrase.MESSAGES)
    coded = {k: v for k, v in InvalidInput.MESSAGES.items() if k not in ("field", "passphrase")}
    assert dict(INVALID_INPUT_TEMPLATES) == coded
    problem = passphrase.passphrase_problem("short")
    assert problem is not None and passphrase_problem_text(problem) == problem.message
    error = InvalidInput("auto_lock_range", min=1, max=240)
    assert invalid_input_text(error) == str(error) == "Auto-lock must be between 1 and 240 minutes."


def test_role_texts_match_core_labels(qapp) -> None:
    assert {role: text for role, text in ROLE_TEXT.items()} == dict(ROLE_LABELS)
    assert all(role_label(role) == ROLE_LABELS[role] for role in ROLE_LABELS)


def test_reason_templates_match_core_reason_text(qapp) -> None:
    assert dict(REASON_TEMPLATES) == {reason.value: text for reason, text in REASON_TEXT.items()}
    assert all(reason_text(reason) == REASON_TEXT[reason] for reason in Reason)


def test_basis_texts_match_the_legal_bases_catalogue() -> None:
    doc = json.loads((ROOT / "resources" / "legal_bases.json").read_text(encoding="utf-8"))
    assert {basis.value: text for basis, text in BASIS_TEXT.items()} == {b["key"]: b["label"] for b in doc["bases"]}


def _ts_sources(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {(ctx.findtext("name") or "", msg.findtext("source") or "")
            for ctx in root.iter("context") for msg in ctx.iter("message")
            if (msg.find("translation") is None or msg.find("translation").get("type") != "vanished")}


@pytest.mark.skipif(not (BIN / "pyside6-lupdate").exists(), reason="pyside6-lupdate is not installed")
def test_ts_file_holds_every_ui_string(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "tiaki" / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _ts_sources(fresh) - _ts_sources(ROOT / "i18n" / "tiaki_mi.ts")
    assert not missing, f"run pyside6-lupdate (see i18n/README.md); missing: {sorted(missing)[:5]}"


@pytest.mark.skipif(not (BIN / "pyside6-lrelease").exists(), reason="pyside6-lrelease is not installed")
def test_maori_translation_reaches_the_window(qapp: QApplication, session, make_desktop, tmp_path: Path) -> None:
    shutil.copy(ROOT / "i18n" / "tiaki_mi.ts", tmp_path / "tiaki_mi.ts")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(tmp_path / "tiaki_mi.ts"), "-qm",
                    str(tmp_path / "tiaki_mi.qm")], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load("tiaki_mi", str(tmp_path))
    qapp.installTranslator(translator)
    try:
        desktop = make_desktop()
        desktop.start(session)
        main = desktop.main_window
        assert main.lock_action.text() == "&Raka"
        assert main.find_action.text() == "R&apu"  # "&Raka" (Lock) shares its menu
        assert ClientListModel(None).headerData(COL_NAME, Qt.Orientation.Horizontal) == "Ingoa"
        form = main.new_client()
        assert form.title.text() == "Kiritaki hou"
        assert form.copy_buttons["given_name"].text() == "Tārua"
    finally:
        qapp.removeTranslator(translator)
    assert ClientListModel(None).headerData(COL_NAME, Qt.Orientation.Horizontal) == "Name"
