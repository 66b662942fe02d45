"""The partner's keys and card on disk, through ``tiaki partner init|rotate|allow`` (in-process CLI)."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest

from inbox_support import Device
from tiaki.cli import main
from tiaki.core.cards import parse_partner_card, verify_rotation
from tiaki.core.sharing import PartnerKind
from tiaki.partner.identity import (
    KeyRing,
    PartnerSetupError,
    database_path,
    init_identity,
    load_identity,
    rotate_identity,
)
from tiaki.partner.inbox_db import InboxStore


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_init_writes_a_card_and_a_private_key_and_prints_id_and_fingerprint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "Whānau Trust (test)",
                          "--kind", "iwi_or_pacific_provider", "--port", "8999")
    assert code == 0, err
    card = parse_partner_card((data / "card.json").read_bytes())
    assert out.splitlines() == [card.key_id, card.fingerprint()]
    assert card.name == "Whānau Trust (test)"
    assert card.kind is PartnerKind.IWI_OR_PACIFIC_PROVIDER
    assert card.inbox_url == "http://127.0.0.1:8999"
    assert card.replaces is None
    key_file = data / "keys" / f"{card.key_id}.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "keys").stat().st_mode) == 0o700
    assert not list((data / "keys").glob(".*"))  # no temporary file left behind
    identity = load_identity(data)
    assert identity.card == card
    assert str(identity.current.identity.to_public()) == card.age_recipient


def test_init_refuses_to_replace_an_identity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    assert _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "A")[0] == 0
    before = (data / "card.json").read_bytes()
    code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "B")
    assert code == 4
    assert "already holds a partner identity" in _one_line(err)
    assert (data / "card.json").read_bytes() == before
    assert len(list((data / "keys").glob("*.json"))) == 1


@pytest.mark.parametrize("argv", [
    ["partner", "init", "--name", "A"],
    ["partner", "serve"],
    ["partner", "inbox", "list", "--json"],
])
def test_partner_commands_need_a_data_dir(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(capsys, *argv)
    assert code == 2
    assert "--data-dir" in _one_line(err)


def test_init_needs_a_name_and_a_reachable_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    assert _cli(capsys, "--data-dir", str(data), "partner", "init")[0] == 2
    code, _, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "A", "--host", "0.0.0.0")
    assert code == 2 and "--inbox-url" in _one_line(err)
    code, _, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "A",
                        "--inbox-url", "ftp://example.org/inbox")
    assert code == 4 and "URL" in _one_line(err)
    assert not (data / "card.json").exists()


def test_commands_on_a_directory_without_an_identity_say_so(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "nothing"
    for argv in (["partner", "rotate"], ["partner", "inbox", "list", "--json"], ["partner", "serve", "--port", "0"]):
        code, _, err = _cli(capsys, "--data-dir", str(empty), *argv)
        assert code == 4
        assert "partner init" in _one_line(err)
    assert not empty.exists()


def test_rotation_keeps_old_keys_and_signs_the_new_card_with_the_old_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    first = init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url="http://127.0.0.1:1")
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "rotate", "--inbox-url", "https://inbox.test/")
    assert code == 0, err
    second = parse_partner_card((data / "card.json").read_bytes())
    assert out.splitlines() == [second.key_id, second.fingerprint()]
    assert second.replaces == first.key_id and second.inbox_url == "https://inbox.test/"
    verify_rotation(first, second)
    third = rotate_identity(data)
    verify_rotation(second, third)
    assert third.inbox_url == "https://inbox.test/"
    identity = load_identity(data)
    assert identity.current.key_id == third.key_id
    assert set(identity.keys) == {first.key_id, second.key_id, third.key_id}
    # Every card issued stays available for a device that missed a rotation.
    assert {p.stem for p in (data / "cards").glob("*.json")} == set(identity.keys)


def test_a_damaged_key_file_is_reported_without_its_contents(tmp_path: Path) -> None:
    data = tmp_path / "partner"
    card = init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url=None)
    key_file = data / "keys" / f"{card.key_id}.json"
    doc = json.loads(key_file.read_text())
    doc["receipt_private"] = doc["receipt_private"][::-1]
    key_file.write_text(json.dumps(doc))
    with pytest.raises(PartnerSetupError, match="damaged") as caught:
        load_identity(data)
    assert doc["age_identity"] not in str(caught.value)


def test_allow_enrols_a_sender_card_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url=None)
    device = Device.new()
    card_file = device.write_card(tmp_path / "device-card.json")
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "allow", "--card", str(card_file))
    assert code == 0, err
    assert out.strip() == device.card.fingerprint()
    assert InboxStore(database_path(data)).sender(device.card.key_id) == device.card
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "allow", "--card", str(card_file))
    assert code == 0 and out.strip() == device.card.fingerprint()
    assert "already allowed" in _one_line(err)
    assert InboxStore(database_path(data)).counts()["senders"] == 1


def test_allow_refuses_a_bad_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url=None)
    doc = Device.new().card.to_json()
    doc["key_id"] = "0" * 32
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, _, err = _cli(capsys, "--data-dir", str(data), "partner", "allow", "--card", str(bad))
    assert code == 4 and "key id" in _one_line(err)
    partner_card = tmp_path / "partner-card.json"
    partner_card.write_bytes((data / "card.json").read_bytes())
    code, _, err = _cli(capsys, "--data-dir", str(data), "partner", "allow", "--card", str(partner_card))
    assert code == 4
    _one_line(err)
    assert InboxStore(database_path(data)).counts()["senders"] == 0


def test_a_running_service_follows_a_rotation_and_keeps_its_keys_if_the_card_is_damaged(tmp_path: Path) -> None:
    data = tmp_path / "partner"
    first = init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url=None)
    ring = KeyRing(data)
    assert ring.current().card == first
    second = rotate_identity(data)
    assert ring.current().card == second and set(ring.current().keys) == {first.key_id, second.key_id}
    (data / "card.json").write_text("{damaged")
    assert ring.current().card == second


def test_serve_on_a_port_in_use_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    init_identity(data, name="A", kind=PartnerKind.NGO, inbox_url=None)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "serve", "--port", str(port))
    assert code == 4 and out == ""
    assert "Cannot listen" in _one_line(err)
