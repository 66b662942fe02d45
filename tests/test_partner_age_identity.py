"""``tiaki partner init|rotate`` write DIR/age-identity.txt: every key, current first, mode 0600, in the age
identity-file format — so a partner without Tiaki opens a referral packet with ``age -d -i``."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pyrage
import pytest

from tiaki.cli import main
from tiaki.core.cards import parse_partner_card
from tiaki.partner.identity import age_identity_path, load_identity

AGE = shutil.which("age")


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _secret_lines(path: Path) -> list[str]:
    return [line for line in path.read_text("ascii").splitlines() if line and not line.startswith("#")]


def _init(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> None:
    code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "Awhina Trust (test)",
                           *extra)
    assert code == 0, err


def test_init_writes_a_private_identity_file_holding_the_current_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    _init(capsys, data, "--packet-only")
    card = parse_partner_card((data / "card.json").read_bytes())
    assert card.inbox_url is None
    path = age_identity_path(data)
    assert path == data / "age-identity.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    identity = load_identity(data)
    assert _secret_lines(path) == [str(identity.current.identity)]
    lines = path.read_text("ascii").splitlines()
    assert lines[0] == f"# created: {card.created_at} key id: {card.key_id}"
    assert lines[1] == f"# public key: {card.age_recipient}"
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_rotate_lists_every_key_current_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    _init(capsys, data, "--packet-only")
    first = load_identity(data)
    old_plain = pyrage.encrypt(b"sealed before the rotation", [first.current.identity.to_public()])
    for _ in range(2):
        code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "rotate")
        assert code == 0, err
    now = load_identity(data)
    assert now.card.inbox_url is None  # a packet-only partner stays packet-only
    path = age_identity_path(data)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secrets = _secret_lines(path)
    assert len(secrets) == 3 and len(set(secrets)) == 3
    assert secrets[0] == str(now.current.identity)
    assert secrets[-1] == str(first.current.identity)
    assert set(secrets) == {str(k.identity) for k in now.keys.values()}
    assert path.read_text("ascii").splitlines()[0].endswith(f"key id: {now.card.key_id}")
    opened = [pyrage.x25519.Identity.from_str(s) for s in secrets]
    assert pyrage.decrypt(old_plain, opened) == b"sealed before the rotation"


def test_packet_only_and_an_inbox_url_do_not_mix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "A", "--packet-only",
                           "--inbox-url", "https://inbox.test/")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert not data.exists()


@pytest.mark.skipif(AGE is None, reason="the stock age tool is not installed (Debian package 'age')")
def test_the_stock_age_tool_opens_with_the_identity_file(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    _init(capsys, data)
    before = load_identity(data)
    old_file = tmp_path / "old.age"
    old_file.write_bytes(pyrage.encrypt(b"to the first key\n", [before.current.identity.to_public()]))
    code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "rotate")
    assert code == 0, err
    after = load_identity(data)
    new_file = tmp_path / "new.age"
    new_file.write_bytes(pyrage.encrypt(b"to the new key\n", [after.current.identity.to_public()]))
    identity_file = str(age_identity_path(data))
    for packet, expected in ((old_file, b"to the first key\n"), (new_file, b"to the new key\n")):
        result = subprocess.run([str(AGE), "-d", "-i", identity_file, str(packet)], capture_output=True,
                                timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected
    stranger = tmp_path / "stranger.age"
    stranger.write_bytes(pyrage.encrypt(b"x", [pyrage.x25519.Identity.generate().to_public()]))
    refused = subprocess.run([str(AGE), "-d", "-i", identity_file, str(stranger)], capture_output=True,
                             timeout=60, check=False)
    assert refused.returncode != 0


@pytest.mark.parametrize("name", ["bell\x07", "x" * 201, "rtl\u202eoverride"])
def test_a_card_name_a_reader_would_refuse_is_refused_at_init(name: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "partner"
    code, _out, err = _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", name, "--packet-only")
    assert code == 4 and len(err.strip().splitlines()) == 1
    assert not data.exists()
