"""Canary sweep: real work with unmistakable personal values — a client, a note, a consent withdrawn with a
reason, a failed unlock, a sync to a real partner inbox on loopback, the ``tiaki`` command, and an unexpected
error whose message quotes the client — then every file in the log directory and the saved error report are
searched for those values, the passphrases and the worker's name. The log must also hold the expected
non-personal lines, so the sweep fails if logging silently stops."""

from __future__ import annotations

import datetime as dt
import json
import logging
import platform
from pathlib import Path

import pytest

from cli_support import Run, with_collection
from outbox_support import consent
from support import FAST_KDF, collected
from sync_support import sync_world
from tiaki import cli, cli_commands, logs
from tiaki.error_report import build_report, write_report
from tiaki.store.errors import WrongPassphrase
from tiaki.store.session import create_store, unlock_store

GIVEN, FAMILY = "Canarytest", "Wharekura"
PHONE = "027 999 1234"
NOTE = "Canarynote: kōrero with the whānau about the Kowhaicanary flat"
REASON = "Canaryreason moved to Ōtautahi"
WORKER = "canaryworker"
PASSPHRASE = "canary kia kaha 8642"
WRONG = "Canary wrong passphrase 4417"
CANARIES = (GIVEN, FAMILY, PHONE, PHONE.replace(" ", ""), "999 1234", "Canarynote", "Kowhaicanary", "Canaryreason",
            "Ōtautahi", WORKER, PASSPHRASE, WRONG, "Canary wrong")


def _found(data: bytes) -> list[str]:
    """The canaries in ``data``, as UTF-8, UTF-16 or case-folded text."""
    text = data.decode("utf-8", errors="replace")
    found = []
    for canary in CANARIES:
        encodings = (canary.encode("utf-8"), canary.encode("utf-16-le"), canary.encode("utf-16-be"))
        if any(e in data for e in encodings) or canary.casefold() in text.casefold():
            found.append(canary)
    return found


def _sweep(*paths: Path) -> dict[str, list[str]]:
    hits = {}
    for root in paths:
        for path in [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()):
            if found := _found(path.read_bytes()):
                hits[str(path)] = found
    return hits


def _in_process_work(tmp_path: Path, data_dir: Path) -> tuple[str, str]:
    """A day's work through the store and the sync engine. Returns the partner's id and the error report."""
    session, _ = create_store(data_dir, admin_name=WORKER, passphrase=PASSPHRASE, kdf=FAST_KDF)
    client = session.clients.create({"given_name": GIVEN, "family_name": FAMILY, "phone": PHONE,
                                     "case_notes": NOTE}, collection=collected(session))
    assert [c.id for c in session.clients.list(GIVEN)] == [client.id]
    session.clients.get(client.id)
    with sync_world(session, tmp_path) as world:
        consent_id = consent(session, client.id, world.partner_id)
        session.outbox.queue_share(client.id, world.partner_id, "referral")
        report = world.engine().run_once(retry_for=60)
        assert report.complete
        session.sharing.withdraw_consent(consent_id, reason=REASON)
        assert world.engine().run_once(retry_for=60).complete
        partner_id = world.partner_id
    session.lock()
    with pytest.raises(WrongPassphrase):
        unlock_store(data_dir, passphrase=WRONG, worker_name=WORKER)
    session = unlock_store(data_dir, passphrase=PASSPHRASE, worker_name=WORKER)
    try:
        try:  # an unexpected error whose message quotes the client, as a careless library might write it
            raise ValueError(f"cannot parse phone {PHONE} for {GIVEN} {FAMILY}") from KeyError(NOTE)
        except ValueError as exc:
            logging.getLogger("tiaki.ui.error_dialog").error(logs.UNEXPECTED_ERROR, type(exc), exc_info=exc)
            error_report = build_report(type(exc), exc, exc.__traceback__, app_version="0.1.0",
                                        python_version=platform.python_version(), qt_version="(none)",
                                        platform_name=platform.platform(), when=dt.datetime.now(dt.UTC),
                                        home=str(Path.home()))
    finally:
        session.lock()
    return partner_id, error_report


def _command_work(run: Run, tmp_path: Path, log_dir: Path) -> None:
    """The same kind of work through the ``tiaki`` command, logging to the same directory."""
    data = str(tmp_path / "cli-store")
    env = {"TIAKI_LOG_DIR": str(log_dir)}
    assert run("--data-dir", data, "--worker", WORKER, "init", "--recovery-out", str(tmp_path / "rk.txt"),
               env=env, passphrase=PASSPHRASE).returncode == 0
    added = run("--data-dir", data, "client", "add", "--json", "-", env=env, passphrase=PASSPHRASE,
                stdin=json.dumps(with_collection({"fields": {"given_name": GIVEN, "family_name": FAMILY,
                                                             "phone": PHONE, "case_notes": NOTE}})))
    assert added.returncode == 0, added.stderr
    found = run("--data-dir", data, "client", "search", GIVEN, "--json", env=env, passphrase=PASSPHRASE)
    assert found.returncode == 0 and GIVEN in found.stdout
    refused = run("--data-dir", data, "client", "search", PHONE, env=env, passphrase=WRONG)
    assert refused.returncode == 3


def test_no_personal_information_in_logs_or_error_reports(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    log_dir = tmp_path / "logs"
    monkeypatch.setenv("TIAKI_LOG_DIR", str(log_dir))
    assert logs.setup() == log_dir
    partner_id, error_report = _in_process_work(tmp_path, tmp_path / "store")
    report_path = tmp_path / "tiaki-error-report.txt"
    write_report(report_path, error_report)

    def failing_search(args: object) -> int:  # a command that fails in a way nobody planned for
        raise RuntimeError(f"{GIVEN} {FAMILY} {PHONE}")

    monkeypatch.setattr(cli_commands, "cmd_client_search", failing_search)
    assert cli.main(["--data-dir", str(tmp_path / "store"), "client", "search", GIVEN]) == 1
    assert _found(capsys.readouterr().err.encode()) == []
    logs.shutdown()
    _command_work(run, tmp_path, log_dir)

    assert _sweep(log_dir, report_path) == {}
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(log_dir.iterdir()))
    for line in (
        "store created",
        "store schema migrated from version 0 to ",
        "sync run started: 1 partners, 1 messages waiting",
        f"sync partner {partner_id}: 1 acknowledged, 0 waiting, 0 refused, 0 set aside, 0 failures",
        "sync run finished: 1 acknowledged, 0 waiting",
        "locked",
        "unlock refused: wrong sign-in name or passphrase (failed attempts now: 1)",
        "unlocked (failed attempts since the last unlock: 1)",
        "unexpected error in the window app: ValueError",
        "caused by: KeyError",
        "command failed unexpectedly: cmd_client_search",
        "command finished: cmd_client_search, exit code 1",
        "command started: cmd_init",
        "command finished: cmd_client_add, exit code 0",
        "command finished: cmd_client_search, exit code 3",
    ):
        assert line in text, line
    assert "in test_no_personal_information_in_logs_or_error_reports" in text  # the error's frames
    assert "ValueError" in error_report and "in _in_process_work" in error_report
