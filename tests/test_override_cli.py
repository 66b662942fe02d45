"""``--serious-threat JUSTIFICATION`` on ``tiaki share queue`` and ``tiaki packet export``: a disclosure the
policy would refuse goes under a serious-threat override, its justification kept in the encrypted store (never in
the audit log), and it waits in the review queue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import Run, one_line_error
from outbox_support import add_client, agree, count, enrol
from referral_support import make_store, packet_partner
from tiaki.cli_io import EXIT_INVALID
from tiaki.store.session import Session, unlock_store

PASS = "kia kaha te reo 2026"
WHY = "Police report an immediate risk to her life; the refuge must be told today."


@pytest.fixture
def setup(data_dir: Path) -> tuple[Path, str, str, str]:
    """A client with no consent for anyone, a sync partner and a packet-only partner (both with agreements)."""
    session = make_store(data_dir)
    client = add_client(session, ("case_management", "referral"))
    sync_partner, _ = enrol(session, "Women's Refuge (test)")
    agree(session, sync_partner)
    packet, _ = packet_partner(session, "Te Puna Ora Health")
    session.lock()
    return data_dir, client, sync_partner, packet


def _open(data_dir: Path) -> Session:
    return unlock_store(data_dir, passphrase=PASS)


def _override_checks(data_dir: Path, message_id: str) -> None:
    session = _open(data_dir)
    try:
        decision = json.loads(session._db.scalar("SELECT decision FROM messages WHERE id = ?", (message_id,)))
        assert decision["override"] == {"justification": WHY, "by": session.worker.id}
        assert {f["basis"] for f in decision["allowed"].values()} == {"serious_threat"}
        assert session._db.scalar("SELECT override FROM disclosures WHERE id = ?", (message_id,)) == 1
        assert f"override:{message_id}" in {item.id for item in session.reviews.items()}
        assert count(session, "SELECT count(*) FROM audit_log WHERE detail LIKE ?", "%refuge must be told%") == 0
        assert count(session, "SELECT count(*) FROM audit_log WHERE detail LIKE ?", "%Police report%") == 0
    finally:
        session.lock()


def test_share_queue_with_a_serious_threat_override(run: Run, setup: tuple[Path, str, str, str]) -> None:
    data_dir, client, partner, _ = setup
    refused = run("share", "queue", "--client", client, "--partner", partner, "--purpose", "referral",
                  "--data-dir", str(data_dir))
    one_line_error(refused, EXIT_INVALID)  # no consent: nothing may go without an override
    result = run("share", "queue", "--client", client, "--partner", partner, "--purpose", "referral",
                 "--serious-threat", WHY, "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    _override_checks(data_dir, result.stdout.strip())


def test_packet_export_with_a_serious_threat_override(run: Run, setup: tuple[Path, str, str, str],
                                                      tmp_path: Path) -> None:
    data_dir, client, _, packet = setup
    out = tmp_path / "referral.age"
    result = run("packet", "export", "--client", client, "--partner", packet, "--purpose", "referral",
                 "--serious-threat", WHY, "--out", str(out), "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    session = _open(data_dir)
    try:
        message_id = session._db.scalar("SELECT id FROM messages WHERE channel = 'packet'")
    finally:
        session.lock()
    assert out.stat().st_size > 0
    _override_checks(data_dir, str(message_id))


@pytest.mark.parametrize("why", ["too short", " " * 30, "a" * 2001, "Threat to life\u202e reported by police today"])
def test_a_justification_that_will_not_do_changes_nothing(run: Run, setup: tuple[Path, str, str, str],
                                                          tmp_path: Path, why: str) -> None:
    data_dir, client, partner, packet = setup
    queue = run("share", "queue", "--client", client, "--partner", partner, "--purpose", "referral",
                "--serious-threat", why, "--data-dir", str(data_dir))
    assert "justification" in one_line_error(queue, EXIT_INVALID)
    export = run("packet", "export", "--client", client, "--partner", packet, "--purpose", "referral",
                 "--serious-threat", why, "--out", str(tmp_path / "x.age"), "--data-dir", str(data_dir))
    assert "justification" in one_line_error(export, EXIT_INVALID)
    assert not (tmp_path / "x.age").exists()
    session = _open(data_dir)
    try:
        assert count(session, "SELECT count(*) FROM messages") == 0
    finally:
        session.lock()
