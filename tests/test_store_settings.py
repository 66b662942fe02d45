"""Store-wide settings (auto-lock, clipboard, sync interval): declared once, ranges enforced in the store, only a
privacy officer changes them, every change audited; a person's language is a preference outside the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiaki.core.roles import AccessDenied, Role
from tiaki.preferences import Preferences, chosen_language, load_preferences, save_preferences
from tiaki.store.errors import InvalidInput
from tiaki.store.session import Session, unlock_store
from tiaki.store.settings import AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS, STORE_SETTINGS, SYNC_INTERVAL_MINUTES


def test_defaults_until_set(session: Session) -> None:
    assert session.setting(AUTO_LOCK_MINUTES) == 5
    assert session.setting(CLIPBOARD_CLEAR_SECONDS) == 30
    assert session.setting(SYNC_INTERVAL_MINUTES) == 15


@pytest.mark.parametrize(("setting", "good", "bad"), [
    (AUTO_LOCK_MINUTES, [1, 240], [0, 241, -5]),
    (CLIPBOARD_CLEAR_SECONDS, [5, 300], [0, 4, 301]),
    (SYNC_INTERVAL_MINUTES, [0, 5, 1440], [1, 4, 1441, -1]),
])
def test_ranges_are_enforced_in_the_store(session: Session, setting, good, bad) -> None:
    for value in bad:
        before = session.audit.count()
        with pytest.raises(InvalidInput) as refused:
            session.set_setting(setting, value)
        assert refused.value.code == setting.error_code
        assert session.setting(setting) == setting.default, "a refused value changes nothing"
        assert session.audit.count() == before
    for value in good:
        session.set_setting(setting, value)
        assert session.setting(setting) == value
        last = session.audit.recent(1)[0]
        assert (last.action, last.subject_id, last.detail) == ("setting.change", setting.key, {"value": value})


def test_only_a_privacy_officer_changes_them_and_everyone_reads_them(session: Session, data_dir: Path) -> None:
    session.set_setting(CLIPBOARD_CLEAR_SECONDS, 45)
    session.set_setting(SYNC_INTERVAL_MINUTES, 0)
    session.add_worker(name="tama", display_name="", role=Role.CASEWORKER, passphrase="korimako at dawn")
    session.lock()
    tama = unlock_store(data_dir, passphrase="korimako at dawn", worker_name="tama")
    try:
        assert tama.setting(CLIPBOARD_CLEAR_SECONDS) == 45
        assert tama.setting(SYNC_INTERVAL_MINUTES) == 0
        for setting in STORE_SETTINGS.values():
            with pytest.raises(AccessDenied):
                tama.set_setting(setting, setting.default)
        assert tama.setting(CLIPBOARD_CLEAR_SECONDS) == 45
    finally:
        tama.lock()


def test_a_stored_value_out_of_range_reads_as_the_default() -> None:
    assert CLIPBOARD_CLEAR_SECONDS.parse("2") == 30
    assert CLIPBOARD_CLEAR_SECONDS.parse("not a number") == 30
    assert CLIPBOARD_CLEAR_SECONDS.parse(None) == 30
    assert SYNC_INTERVAL_MINUTES.parse("0") == 0


def test_preferences_round_trip_and_bad_files(tmp_path: Path) -> None:
    assert load_preferences(tmp_path) == Preferences()
    save_preferences(Preferences(language="mi"), tmp_path)
    assert load_preferences(tmp_path).language == "mi"
    assert (tmp_path / "preferences.json").stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        save_preferences(Preferences(language="xx"), tmp_path)
    assert load_preferences(tmp_path).language == "mi", "a refused choice leaves the saved one"
    for broken in (b"{", b"[]", json.dumps({"language": "klingon"}).encode(), b"\xff\xfe"):
        (tmp_path / "preferences.json").write_bytes(broken)
        assert load_preferences(tmp_path) == Preferences()


def test_language_choice_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIAKI_LANG", raising=False)
    assert chosen_language("de", tmp_path) == "de"
    save_preferences(Preferences(language="mi"), tmp_path)
    assert chosen_language("en", tmp_path) == "mi"
    monkeypatch.setenv("TIAKI_LANG", "en")
    assert chosen_language("de", tmp_path) == "en"


def test_cli_settings(run, store: Path) -> None:
    result = run("--data-dir", str(store), "settings", "clipboard", "45")
    assert result.returncode == 0, result.stderr
    assert "45 second(s)" in result.stdout
    result = run("--data-dir", str(store), "settings", "sync-interval", "0")
    assert result.returncode == 0, result.stderr
    assert "only when asked" in result.stdout
    refused = run("--data-dir", str(store), "settings", "sync-interval", "3")
    assert refused.returncode == 4
    assert "every 5 to 1440 minutes, or be off" in refused.stderr
    shown = run("--data-dir", str(store), "settings", "sync-interval")
    assert "only when asked" in shown.stdout, "the refused value changed nothing"
    assert "45 second(s)" in run("--data-dir", str(store), "settings", "clipboard").stdout
