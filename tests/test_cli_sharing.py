"""The sharing commands as a script uses them: exact forms, JSON shapes, bad input changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import Run
from cli_support import add_client as _add
from cli_support import fingerprint as _fingerprint
from cli_support import one_line_error as _one_line_error

PartnerIds = tuple[Path, str, str]


@pytest.fixture
def shared(run: Run, store: Path) -> PartnerIds:
    cid = _add(run, store, {"given_name": "Ana", "family_name": "Havili", "phone": "027 555 0101",
                            "case_notes": "private"})
    partner = run("partner", "add", "--json", "-", "--data-dir", str(store),
                  stdin=json.dumps({"name": "Te Whare Awhina", "kind": "ngo"}))
    assert partner.returncode == 0, partner.stderr
    pid = partner.stdout.strip()
    agreement = run("agreement", "add", "--json", "-", "--data-dir", str(store), stdin=json.dumps(
        {"partner_id": pid, "basis": "consent", "purposes": ["referral"], "categories": ["identity", "contact"]}))
    assert agreement.returncode == 0, agreement.stderr
    return store, cid, pid


def test_consent_changes_the_preview(run: Run, shared: PartnerIds) -> None:
    store, cid, pid = shared
    preview = ["share", "preview", "--client", cid, "--partner", pid, "--purpose", "referral", "--json"]
    first = json.loads(run(*preview, "--data-dir", str(store)).stdout)
    assert first["allowed"] == []
    assert {"field": "case_notes", "reason": "never_leaves_device"} in first["withheld"]
    recorded = run("consent", "record", "--client", cid, "--json", "-", "--data-dir", str(store), stdin=json.dumps(
        {"recipients": [pid], "purposes": ["referral"], "categories": ["identity", "contact"], "method": "written",
         "language": "en"}))
    assert recorded.returncode == 0, recorded.stderr
    consent_id = recorded.stdout.strip()
    second = json.loads(run(*preview, "--data-dir", str(store)).stdout)
    assert {a["field"] for a in second["allowed"]} == {"given_name", "family_name", "phone"}
    assert all(a["basis"] == "consent" for a in second["allowed"])
    listed = json.loads(run("consent", "list", "--client", cid, "--json", "--data-dir", str(store)).stdout)
    assert [c["id"] for c in listed] == [consent_id] and listed[0]["status"] == "active"
    _one_line_error(run("consent", "renew", consent_id, "--expires", "2001-01-01", "--data-dir", str(store)), 4)
    _one_line_error(run("consent", "renew", consent_id, "--expires", "soon", "--data-dir", str(store)), 4)
    assert run("consent", "renew", consent_id, "--expires", "2099-01-01", "--data-dir", str(store)).returncode == 0
    assert run("consent", "withdraw", consent_id, "--reason", "changed mind", "--data-dir", str(store)).returncode == 0
    third = json.loads(run(*preview, "--data-dir", str(store)).stdout)
    assert third["allowed"] == []
    assert {"field": "given_name", "reason": "consent_withdrawn"} in third["withheld"]
    history = json.loads(run("consent", "list", "--client", cid, "--json", "--data-dir", str(store)).stdout)
    assert [e["kind"] for e in history[0]["events"]] == ["given", "renewed", "withdrawn"]
    assert history[0]["events"][1]["expires_at"].startswith("2099-01-01")
    _one_line_error(run("consent", "withdraw", consent_id, "--data-dir", str(store)), 4)


BAD = {
    "partner add": [
        ["partner", "add", "--json", "-"], [
            '{"name": "X"}', '{"name": "X", "kind": "cult"}', '{"name": "", "kind": "ngo"}',
            '{"name": "X", "kind": "ngo", "overseas": "yes"}', "[1]", "{", '{"name": "X\\u0007", "kind": "ngo"}',
            '{"name": "X", "kind": "ngo", "x": 1}']],
    "agreement add": [
        ["agreement", "add", "--json", "-"], [
            '{"partner_id": "PID", "basis": "serious_threat", "purposes": ["referral"], "categories": ["identity"]}',
            '{"partner_id": "PID", "basis": "legal_requirement", "purposes": ["referral"], "categories": ["identity"]}',
            '{"partner_id": "PID", "basis": "consent", "purposes": [], "categories": ["identity"]}',
            '{"partner_id": "PID", "basis": "consent", "purposes": ["spying"], "categories": ["identity"]}',
            '{"partner_id": "PID", "basis": "consent", "purposes": ["referral"], "categories": ["shoe"]}',
            '{"partner_id": "PID", "basis": "consent", "purposes": ["referral"], "categories": ["identity"], '
            '"valid_from": "2027-01-01", "valid_until": "2026-01-01"}',
            '{"partner_id": "PID", "basis": "consent", "purposes": ["referral"], "categories": ["identity"], '
            '"valid_from": "yesterday"}']],
    "consent record": [
        ["consent", "record", "--client", "CID", "--json", "-"], [
            '{"recipients": ["PID"], "purposes": ["referral"], "categories": ["identity"], "method": "telepathy", '
            '"language": "en"}',
            '{"recipients": [], "purposes": ["referral"], "categories": ["identity"], "method": "verbal", '
            '"language": "en"}',
            '{"recipients": ["PID"], "purposes": ["referral"], "categories": ["identity"], "method": "verbal", '
            '"language": "klingon"}',
            '{"recipients": ["PID"], "purposes": ["referral"], "categories": ["identity"], "method": "verbal", '
            '"language": "en", "given_at": "2999-01-01"}',
            '{"recipients": ["PID"], "purposes": ["referral"], "categories": ["identity"], "method": "verbal", '
            '"language": "en", "expires_at": "2000-01-01"}',
            '{"recipients": ["PID"], "purposes": ["referral"], "categories": ["identity"], "method": "verbal", '
            '"language": "en", "permit": "yes"}']],
}


@pytest.mark.parametrize(("command", "index"), [(c, i) for c, (_, docs) in BAD.items() for i in range(len(docs))])
def test_bad_sharing_input_exits_4_and_changes_nothing(run: Run, shared: PartnerIds, command: str,
                                                       index: int) -> None:
    store, cid, pid = shared
    args, docs = BAD[command]
    args = [a.replace("CID", cid) for a in args]
    before = _fingerprint(store)
    _one_line_error(run(*args, "--data-dir", str(store), stdin=docs[index].replace("PID", pid)), 4)
    assert _fingerprint(store) == before


@pytest.mark.parametrize("args", [
    ["share", "preview", "--client", "nope", "--partner", "PID", "--purpose", "referral", "--json"],
    ["share", "preview", "--client", "CID", "--partner", "PID", "--purpose", "marketing", "--json"],
    ["consent", "withdraw", "not-an-id"],
    ["consent", "list", "--client", "not-an-id", "--json"],
    ["consent", "withdraw", "CID", "--reason", "\u202e" * 3],
])
def test_bad_arguments_exit_4(run: Run, shared: PartnerIds, args: list[str]) -> None:
    store, cid, pid = shared
    before = _fingerprint(store)
    _one_line_error(run(*[a.replace("CID", cid).replace("PID", pid) for a in args], "--data-dir", str(store)), 4)
    assert _fingerprint(store) == before


def test_unknown_partner_or_recipient_is_refused_and_creates_nothing(run: Run, shared: PartnerIds) -> None:
    """Only the store knows which partners exist, so these are refused after unlocking: the audit log then
    holds that unlock and lock (a real access), and nothing else changes."""
    store, cid, pid = shared
    unknown = "00000000-0000-4000-8000-000000000000"
    _one_line_error(run("agreement", "add", "--json", "-", "--data-dir", str(store), stdin=json.dumps(
        {"partner_id": unknown, "basis": "consent", "purposes": ["referral"], "categories": ["identity"]})), 4)
    _one_line_error(run("consent", "record", "--client", cid, "--json", "-", "--data-dir", str(store),
                        stdin=json.dumps({"recipients": [unknown], "purposes": ["referral"],
                                          "categories": ["identity"], "method": "verbal", "language": "en"})), 4)
    assert json.loads(run("consent", "list", "--client", cid, "--json", "--data-dir", str(store)).stdout) == []
    preview = json.loads(run("share", "preview", "--client", cid, "--partner", pid, "--purpose", "referral",
                             "--json", "--data-dir", str(store)).stdout)
    assert preview["allowed"] == []


def test_cli_partner_kinds_are_the_models() -> None:
    from tiaki.cli import PARTNER_KINDS
    from tiaki.core.sharing import PartnerKind

    assert tuple(k.value for k in PartnerKind) == PARTNER_KINDS
