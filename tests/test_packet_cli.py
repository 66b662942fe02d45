"""``tiaki packet export|open|import|trust|card`` end to end through the real ``tiaki`` command, with real stores:
a coordinator refers a client to a packet-only partner (``partner init --packet-only``) and to a second Tiaki
store; the partner opens the packet with ``packet open`` or the stock ``age`` tool; the store imports it."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest

from cli_support import Run, add_client, make_runner, one_line_error
from tiaki.core.packet import MAX_PACKET_BYTES, PACKET_FORMAT, read_identity_file
from tiaki.partner.identity import load_identity

AGE = shutil.which("age")
FIELD_EXT = "https://tiaki.nz/fhir/StructureDefinition/field"
ORG = "Kāinga Support (test)"
RECEIVER_ORG = "Te Whare Āwhina (test)"
# The test person. Identity and contact may go; the rest must never leave (the canaries).
PERSON = {"given_name": "Mereana", "family_name": "Tuhoe-Canary", "phone": "027 555 0199",
          "email": "mereana.canary@example.org", "health_conditions": "Canary-asthma-7731",
          "case_notes": "canary note 4471 never leaves", "weekly_income": 777}
SENT = {"given_name", "family_name", "phone", "email"}
CANARIES = ("Canary-asthma-7731", "canary note 4471")  # weekly_income: checked by key (digits occur in hashes)
ALL_VALUES = ("Mereana", "Tuhoe-Canary", "027 555 0199", "mereana.canary@example.org", *CANARIES)


@dataclass(frozen=True)
class World:
    """A coordinator's store with the test person, a packet-only partner enrolled from its card, and the consent
    and agreement that let identity and contact go to it for a referral."""

    root: Path
    run: Run
    store: Path
    partner_dir: Path
    partner_id: str
    client_id: str
    device_card: Path
    device_fingerprint: str

    def tiaki(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return self.run(*args, "--data-dir", str(self.store), stdin=stdin)

    def export(self, out: Path, *, partner_id: str | None = None, **details: str) -> str:
        extra = [item for key, value in details.items() for item in (f"--{key}", value)]
        result = self.tiaki("packet", "export", "--client", self.client_id, "--partner", partner_id or self.partner_id,
                            "--purpose", "referral", *extra, "--out", str(out))
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    @property
    def identity(self) -> Path:
        return self.partner_dir / "age-identity.txt"


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result.stdout


def _no_values(*texts: str, values: tuple[str, ...] = ALL_VALUES) -> None:
    for text in texts:
        for value in values:
            assert value not in text, value


def _new_store(run: Run, data: Path, organisation: str) -> None:
    _ok(run("--data-dir", str(data), "init", "--worker", "aroha", "--organisation", organisation,
            "--recovery-out", str(data.parent / f"{data.name}-recovery.txt")))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("packets")
    run = make_runner(root / "home")
    store = root / "coordinator"
    _new_store(run, store, ORG)
    partner_dir = root / "partner"
    _ok(run("--data-dir", str(partner_dir), "partner", "init", "--name", "Awhina Trust (test)", "--packet-only"))
    enrolled = _ok(run("partner", "enroll", "--card", str(partner_dir / "card.json"), "--yes", "--data-dir",
                       str(store))).splitlines()
    partner_id = enrolled[0]
    client = add_client(run, store, PERSON)
    _ok(run("agreement", "add", "--json", "-", "--data-dir", str(store), stdin=json.dumps(
        {"partner_id": partner_id, "basis": "consent", "purposes": ["referral"],
         "categories": ["identity", "contact", "health"]})))
    _ok(run("consent", "record", "--client", client, "--json", "-", "--data-dir", str(store), stdin=json.dumps(
        {"recipients": [partner_id], "purposes": ["referral"], "categories": ["identity", "contact"],
         "method": "written", "language": "en"})))
    device_card = root / "coordinator-device.json"
    fingerprint = _ok(run("device", "card", "--out", str(device_card), "--data-dir", str(store))).strip()
    return World(root=root, run=run, store=store, partner_dir=partner_dir, partner_id=partner_id,
                 client_id=client, device_card=device_card, device_fingerprint=fingerprint)


@pytest.fixture
def packet(world: World, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "referral.age"
    return out, world.export(out, reason="Needs housing support", urgency="urgent", services="Emergency housing")


def _patient_field_keys(bundle: dict[str, Any]) -> set[str]:
    patients = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    assert len(patients) == 1
    keys: set[str] = set()
    for ext in patients[0].get("extension", []):
        if ext["url"] == FIELD_EXT:
            keys.update(sub["valueCode"] for sub in ext["extension"] if sub["url"] == "key")
    return keys


# --- export and open ------------------------------------------------------------------------------------------


def test_export_prints_the_packet_id_and_writes_a_private_file(world: World, packet: tuple[Path, str]) -> None:
    out, packet_id = packet
    assert len(packet_id) == 36 and packet_id.count("-") == 4
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    _no_values(out.read_bytes().decode("latin-1"))


def test_open_json_prints_only_the_bundle_with_only_permitted_fields(world: World, packet: tuple[Path, str]) -> None:
    out, packet_id = packet
    result = world.run("packet", "open", str(out), "--identity", str(world.identity), "--json")
    bundle = json.loads(_ok(result))
    assert bundle["resourceType"] == "Bundle"
    assert bundle["identifier"]["value"] == f"urn:uuid:{packet_id}"
    assert _patient_field_keys(bundle) == SENT
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} >= {"Patient", "ServiceRequest", "Provenance"}
    _no_values(result.stdout, result.stderr, values=CANARIES)
    assert "Mereana" in result.stdout  # what is permitted does arrive
    assert ORG in result.stderr and world.device_fingerprint in result.stderr
    assert "--sender-card" in result.stderr  # unchecked: says to compare the fingerprint


def test_open_without_json_is_a_readable_summary(world: World, packet: tuple[Path, str]) -> None:
    out, packet_id = packet
    # no store and no passphrase: a partner without Tiaki's store opens it
    result = world.run("packet", "open", str(out), "--identity", str(world.identity), passphrase=None, stdin="")
    text = _ok(result)
    assert packet_id in text and "Given name: Mereana" in text and "Needs housing support" in text
    assert "Health conditions" in text  # named as withheld, without its value
    _no_values(text, result.stderr, values=CANARIES)


def test_sender_card_match_and_mismatch(world: World, packet: tuple[Path, str]) -> None:
    out, _ = packet
    matched = world.run("packet", "open", str(out), "--identity", str(world.identity), "--sender-card",
                        str(world.device_card), "--json")
    json.loads(_ok(matched))
    assert "matches the sender card" in matched.stderr and world.device_fingerprint in matched.stderr
    other_store = world.root / "other-device"
    if not other_store.exists():
        _new_store(world.run, other_store, "Another Org (test)")
    other_card = world.root / "other-device.json"
    if not other_card.exists():
        _ok(world.run("device", "card", "--out", str(other_card), "--data-dir", str(other_store)))
    mismatch = world.run("packet", "open", str(out), "--identity", str(world.identity), "--sender-card",
                         str(other_card), "--json")
    assert "sender card" in one_line_error(mismatch, 1)
    assert mismatch.stdout == ""
    wrong_kind = world.run("packet", "open", str(out), "--identity", str(world.identity), "--sender-card",
                           str(world.partner_dir / "card.json"), "--json")
    assert "sender card" in one_line_error(wrong_kind, 4)
    assert wrong_kind.stdout == ""


@pytest.mark.skipif(AGE is None, reason="the stock age tool is not installed (Debian package 'age')")
def test_the_stock_age_tool_opens_the_packet_in_the_documented_format(world: World,
                                                                      packet: tuple[Path, str]) -> None:
    out, packet_id = packet
    plain = subprocess.run([str(AGE), "-d", "-i", str(world.identity), str(out)], capture_output=True, timeout=60,
                           check=True).stdout
    lines = plain.split(b"\n")
    assert len(lines) == 4 and lines[3] == b""
    header, bundle, signed = json.loads(lines[0]), json.loads(lines[1]), json.loads(lines[2])
    assert header["format"] == PACKET_FORMAT and header["packet_id"] == packet_id
    assert signed["bundle_length"] == len(lines[1])
    assert _patient_field_keys(bundle) == SENT
    ours = json.loads(_ok(world.run("packet", "open", str(out), "--identity", str(world.identity), "--json")))
    assert ours == bundle
    _no_values(plain.decode("utf-8"), values=CANARIES)


# --- errors on open ---------------------------------------------------------------------------------------------


def test_a_packet_for_someone_else_is_refused(world: World, packet: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = packet
    stranger = tmp_path / "stranger"
    _ok(world.run("--data-dir", str(stranger), "partner", "init", "--name", "Stranger (test)", "--packet-only"))
    result = world.run("packet", "open", str(out), "--identity", str(stranger / "age-identity.txt"), "--json")
    one_line_error(result, 1)
    assert result.stdout == ""


def test_a_packet_sealed_again_to_another_partner_is_caught(world: World, packet: tuple[Path, str],
                                                             tmp_path: Path) -> None:
    """Someone who opened a packet seals its plaintext to a third party: that party's Tiaki sees that the signed
    header and Bundle name the first partner's key."""
    out, _ = packet
    plain = pyrage.decrypt(out.read_bytes(), read_identity_file(world.identity.read_text("ascii")))
    other = tmp_path / "other-partner"
    _ok(world.run("--data-dir", str(other), "partner", "init", "--name", "Other (test)", "--packet-only"))
    resealed = tmp_path / "resealed.age"
    resealed.write_bytes(pyrage.encrypt(plain, [load_identity(other).current.identity.to_public()]))
    result = world.run("packet", "open", str(resealed), "--identity", str(other / "age-identity.txt"), "--json")
    assert "another organisation" in one_line_error(result, 1)
    assert result.stdout == ""
    copied = tmp_path / "copied-identity.txt"  # outside its partner directory there is nothing to compare with
    copied.write_bytes((other / "age-identity.txt").read_bytes())
    json.loads(_ok(world.run("packet", "open", str(resealed), "--identity", str(copied), "--json")))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_damaged_packets_fail_cleanly(world: World, packet: tuple[Path, str], damage: str) -> None:
    out, _ = packet
    data = out.read_bytes()
    damaged = {"truncate": data[: len(data) // 2], "flip": data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
               "garbage": os.urandom(len(data)), "empty": b""}[damage]
    out.write_bytes(damaged)
    result = world.run("packet", "open", str(out), "--identity", str(world.identity), "--json")
    line = one_line_error(result, 4)
    assert result.stdout == ""
    _no_values(line)


def test_a_file_over_the_limit_is_refused_by_its_size(world: World, tmp_path: Path) -> None:
    huge = tmp_path / "huge.age"
    with huge.open("wb") as fh:  # sparse: nothing is written, and nothing must be read
        fh.truncate(MAX_PACKET_BYTES + 1)
    result = world.run("packet", "open", str(huge), "--identity", str(world.identity))
    assert "too large" in one_line_error(result, 4)


def test_bad_identity_files_and_missing_files(world: World, packet: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = packet
    not_identity = tmp_path / "identity.txt"
    not_identity.write_text("# nothing here\n")
    assert "identity" in one_line_error(world.run("packet", "open", str(out), "--identity", str(not_identity)), 4)
    not_identity.write_text("AGE-SECRET-KEY-1NOTAKEY\n")
    assert "identity" in one_line_error(world.run("packet", "open", str(out), "--identity", str(not_identity)), 4)
    one_line_error(world.run("packet", "open", str(tmp_path / "missing.age"), "--identity", str(world.identity)), 4)
    one_line_error(world.run("packet", "open", str(out)), 2)  # --identity is required


# --- errors on export ---------------------------------------------------------------------------------------------


def test_export_refuses_an_existing_file_and_bad_details_and_leaves_no_file(world: World, tmp_path: Path) -> None:
    taken = tmp_path / "taken.age"
    taken.write_bytes(b"keep me")
    result = world.tiaki("packet", "export", "--client", world.client_id, "--partner", world.partner_id,
                         "--purpose", "referral", "--out", str(taken))
    assert "already exists" in one_line_error(result, 4)
    assert taken.read_bytes() == b"keep me"
    fresh = tmp_path / "fresh.age"
    for bad in (["--reason", "x" * 501], ["--note", "bell \x07"], ["--urgency", "whenever"]):
        result = world.tiaki("packet", "export", "--client", world.client_id, "--partner", world.partner_id,
                             "--purpose", "referral", *bad, "--out", str(fresh))
        assert result.returncode in (2, 4) and result.stdout == ""
        one_line_error(result, result.returncode)
        assert not fresh.exists()
    result = world.tiaki("packet", "export", "--client", world.client_id, "--partner", world.partner_id,
                         "--purpose", "no_such_purpose", "--out", str(fresh))
    one_line_error(result, 4)
    assert not fresh.exists()
    result = world.tiaki("packet", "export", "--client", "not-an-id", "--partner", world.partner_id,
                         "--purpose", "referral", "--out", str(fresh))
    one_line_error(result, 4)
    assert not fresh.exists()


def test_urgencies_in_the_parser_match_the_model() -> None:
    from tiaki.cli import URGENCIES as PARSER_URGENCIES
    from tiaki.core.referral_bundle import URGENCIES

    assert tuple(PARSER_URGENCIES) == tuple(URGENCIES)


# --- a receiving Tiaki store ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def receiver(world: World) -> Iterator[tuple[Path, str]]:
    """A second Tiaki store whose packet card the coordinator enrolled; returns its directory and partner id."""
    store = world.root / "receiver"
    _new_store(world.run, store, RECEIVER_ORG)
    card = world.root / "receiver-card.json"
    printed = _ok(world.run("packet", "card", "--out", str(card), "--data-dir", str(store))).splitlines()
    assert len(printed) == 2
    assert stat.S_IMODE(card.stat().st_mode) == 0o600
    doc = json.loads(card.read_text("utf-8"))
    assert doc["inbox_url"] is None and doc["name"] == RECEIVER_ORG and doc["key_id"] == printed[0]
    enrolled = _ok(world.tiaki("partner", "enroll", "--card", str(card), "--yes")).splitlines()
    assert enrolled[1] == printed[1]  # the same fingerprint on both sides
    pid = enrolled[0]
    _ok(world.tiaki("agreement", "add", "--json", "-", stdin=json.dumps(
        {"partner_id": pid, "basis": "consent", "purposes": ["referral"], "categories": ["identity", "contact"]})))
    _ok(world.tiaki("consent", "record", "--client", world.client_id, "--json", "-", stdin=json.dumps(
        {"recipients": [pid], "purposes": ["referral"], "categories": ["identity", "contact"], "method": "written",
         "language": "en"})))
    # Before its sender is trusted, the store refuses a packet (checked here, once, before any test trusts it).
    early = world.root / "before-trust.age"
    world.export(early, partner_id=pid)
    before = _client_count(world, store)
    untrusted = world.run("packet", "import", str(early), "--data-dir", str(store))
    assert "trust" in one_line_error(untrusted, 1)
    assert untrusted.stdout == ""
    assert _client_count(world, store) == before
    yield store, pid


def _client_count(world: World, store: Path) -> int:
    return len(json.loads(_ok(world.run("client", "search", "", "--json", "--data-dir", str(store)))))


def test_a_second_store_trusts_the_sender_and_imports_the_referral(world: World, receiver: tuple[Path, str],
                                                                     tmp_path: Path) -> None:
    store, pid = receiver
    out = tmp_path / "to-receiver.age"
    world.export(out, partner_id=pid, reason="Whānau support")
    before = _client_count(world, store)

    no_prompt = world.run("packet", "trust", "--card", str(world.device_card), "--data-dir", str(store), stdin="")
    line = one_line_error(no_prompt, 4)
    assert "--yes" in line and world.device_fingerprint in line
    trusted = _ok(world.run("packet", "trust", "--card", str(world.device_card), "--yes", "--data-dir", str(store)))
    assert trusted.splitlines()[1] == world.device_fingerprint
    again = _ok(world.run("packet", "trust", "--card", str(world.device_card), "--yes", "--data-dir", str(store)))
    assert again == trusted  # the same key again changes nothing

    truncated = tmp_path / "truncated.age"
    truncated.write_bytes(out.read_bytes()[:-100])
    line = one_line_error(world.run("packet", "import", str(truncated), "--data-dir", str(store)), 4)
    _no_values(line)
    assert _client_count(world, store) == before

    imported = world.run("packet", "import", str(out), "--data-dir", str(store))
    new_id = _ok(imported).strip()
    assert len(imported.stdout.splitlines()) == 1 and len(new_id) == 36
    _no_values(imported.stderr)
    shown = json.loads(_ok(world.run("client", "get", new_id, "--json", "--data-dir", str(store))))
    assert shown["fields"] == {key: PERSON[key] for key in SENT}
    assert {tuple(p["purposes"]) for p in shown["provenance"].values()} == {("referral",)}
    assert _client_count(world, store) == before + 1

    twice = world.run("packet", "import", str(out), "--data-dir", str(store))
    assert "already imported" in one_line_error(twice, 4)
    assert twice.stdout == ""
    assert _client_count(world, store) == before + 1


def test_import_into_a_store_the_packet_was_not_sealed_for(world: World, packet: tuple[Path, str],
                                                            receiver: tuple[Path, str]) -> None:
    out, _ = packet  # sealed for the packet-only partner, not for the receiving store
    store, _pid = receiver
    before = _client_count(world, store)
    result = world.run("packet", "import", str(out), "--data-dir", str(store))
    one_line_error(result, 1)
    assert result.stdout == ""
    assert _client_count(world, store) == before


def test_assign_to_an_unknown_worker_is_refused(world: World, receiver: tuple[Path, str], tmp_path: Path) -> None:
    store, pid = receiver
    out = tmp_path / "assign.age"
    world.export(out, partner_id=pid)
    before = _client_count(world, store)
    result = world.run("packet", "import", str(out), "--assign-to", "nobody", "--data-dir", str(store))
    assert "worker" in one_line_error(result, 4)
    assert _client_count(world, store) == before
    _ok(world.run("packet", "trust", "--card", str(world.device_card), "--yes", "--data-dir", str(store)))
    new_id = _ok(world.run("packet", "import", str(out), "--assign-to", "AROHA", "--data-dir", str(store))).strip()
    workers = json.loads(_ok(world.run("worker", "list", "--json", "--data-dir", str(store))))
    shown = json.loads(_ok(world.run("client", "get", new_id, "--json", "--data-dir", str(store))))
    assert shown["assigned_worker_id"] == next(w["id"] for w in workers if w["name"] == "aroha")


def test_card_and_packet_usage_errors(world: World, receiver: tuple[Path, str], tmp_path: Path) -> None:
    store, _pid = receiver
    bad_name = world.run("packet", "card", "--out", str(tmp_path / "c.json"), "--name", "bell\x07",
                         "--data-dir", str(store))
    one_line_error(bad_name, 4)
    assert not (tmp_path / "c.json").exists()
    one_line_error(world.run("packet", "--data-dir", str(store)), 2)
    one_line_error(world.run("packet", "trust", "--card", str(tmp_path / "missing.json"), "--yes",
                             "--data-dir", str(store)), 4)
    not_a_card = tmp_path / "not-a-card.json"
    not_a_card.write_text(json.dumps({"type": "tiaki-partner-card/1"}))
    one_line_error(world.run("packet", "trust", "--card", str(not_a_card), "--yes", "--data-dir", str(store)), 4)
