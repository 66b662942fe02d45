"""Reading what arrived: ``tiaki partner inbox list --json`` and ``inbox open``, after real deliveries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inbox_support import Device, post_envelope, revocation_message, running_inbox, share_message
from tiaki.cli import main
from tiaki.core.canonical import canonical_json
from tiaki.core.cards import parse_partner_card
from tiaki.partner.identity import rotate_identity


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def partner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Device]:
    """A partner made with the CLI, and a device allowed with the CLI from its card file."""
    data = tmp_path / "partner"
    assert _cli(capsys, "--data-dir", str(data), "partner", "init", "--name", "Awhina Trust (test)")[0] == 0
    device = Device.new(organisation="Kāinga Support (test)")
    card_file = device.write_card(tmp_path / "device.json")
    assert _cli(capsys, "--data-dir", str(data), "partner", "allow", "--card", str(card_file))[0] == 0
    return data, device


def test_list_shows_every_message_newest_first_and_open_decrypts_one(
        partner: tuple[Path, Device], capsys: pytest.CaptureFixture[str]) -> None:
    data, device = partner
    card = parse_partner_card((data / "card.json").read_bytes())
    first = share_message(consent_ids=["c-1"])
    second = share_message(kind="update")
    revocation = revocation_message("c-1", message_ids=[str(first["id"])])
    late = share_message(consent_ids=["c-1"])
    with running_inbox(data) as url:
        for batch in ([first], [second, revocation], [late]):
            assert post_envelope(url, device.seal(batch, card))[0] == 200

    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [e["message_id"] for e in listed] == [late["id"], revocation["id"], second["id"], first["id"]]
    assert [e["status"] for e in listed] == ["rejected", "stored", "stored", "revoked"]
    assert listed[0]["reason"] == "consent_revoked"
    assert {e["sender"]["organisation"] for e in listed} == {"Kāinga Support (test)"}
    assert {e["sender"]["key_id"] for e in listed} == {device.card.key_id}
    entry = listed[-1]
    assert set(entry) >= {"message_id", "kind", "client_id", "envelope_id", "sender", "received_at", "status"}
    assert (entry["kind"], entry["client_id"]) == ("share", first["client_id"])
    assert "Aroha" not in out  # the list carries ids, never a field's value

    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", str(second["id"]))
    assert code == 0, err
    assert canonical_json(json.loads(out)) == canonical_json(second)


def test_open_after_a_rotation_uses_the_key_the_message_was_sealed_to(
        partner: tuple[Path, Device], capsys: pytest.CaptureFixture[str]) -> None:
    data, device = partner
    old_card = parse_partner_card((data / "card.json").read_bytes())
    message = share_message()
    with running_inbox(data) as url:
        assert post_envelope(url, device.seal([message], old_card))[0] == 200
    rotate_identity(data)
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", str(message["id"]))
    assert code == 0, err
    assert json.loads(out) == message


def test_open_an_unknown_or_refused_message_is_exit_4_with_one_line(
        partner: tuple[Path, Device], capsys: pytest.CaptureFixture[str]) -> None:
    data, device = partner
    card = parse_partner_card((data / "card.json").read_bytes())
    late = share_message(consent_ids=["c-2"])
    with running_inbox(data) as url:
        post_envelope(url, device.seal([revocation_message("c-2")], card))
        post_envelope(url, device.seal([late], card))
    for message_id in (str(share_message()["id"]), str(late["id"]), "not-an-id"):
        code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", message_id)
        assert code == 4 and out == ""
        assert err.count("\n") == 1 and "No stored message" in err and message_id not in err


def test_open_refuses_a_stored_envelope_that_was_altered_on_disk(
        partner: tuple[Path, Device], capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    data, device = partner
    card = parse_partner_card((data / "card.json").read_bytes())
    message = share_message()
    with running_inbox(data) as url:
        post_envelope(url, device.seal([message], card))
    db = sqlite3.connect(data / "inbox.sqlite3")
    try:
        with db:
            (blob,) = db.execute("SELECT bytes FROM envelopes").fetchone()
            db.execute("UPDATE envelopes SET bytes = ?", (bytes(blob[:-1]) + bytes([blob[-1] ^ 1]),))
    finally:
        db.close()
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", str(message["id"]))
    assert code == 1 and out == "" and "does not open" in err and "Aroha" not in err


def test_list_on_an_empty_inbox_is_an_empty_array(partner: tuple[Path, Device],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = partner
    code, out, _ = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_open_a_message_whose_consent_was_withdrawn_prints_it_and_says_so_on_stderr(
        partner: tuple[Path, Device], capsys: pytest.CaptureFixture[str]) -> None:
    """The partner did receive it, so it is shown; the note tells them not to use it further."""
    data, device = partner
    card = parse_partner_card((data / "card.json").read_bytes())
    withdrawn = share_message(consent_ids=["c-3", "c-4"])
    kept = share_message(consent_ids=["c-4"])
    with running_inbox(data) as url:
        assert post_envelope(url, device.seal([withdrawn, kept], card))[0] == 200
        assert post_envelope(url, device.seal([revocation_message("c-3")], card))[0] == 200
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", str(withdrawn["id"]))
    assert code == 0 and json.loads(out) == withdrawn
    assert err.count("\n") == 1 and "withdrawn consent" in err and "revoked" in err
    assert str(withdrawn["id"]) not in err and "Aroha" not in err
    code, out, err = _cli(capsys, "--data-dir", str(data), "partner", "inbox", "open", str(kept["id"]))
    assert code == 0 and json.loads(out) == kept and err == ""
