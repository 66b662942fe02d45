"""The ``tiaki`` command as a script would use it: exact forms, exit codes, one-line errors, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from cli_support import COLLECTION, NOTICE_VERSION, Run, add_client, fingerprint, one_line_error, with_collection
from support import ADMIN_PASS
from tiaki.store.keyslots import read_keyslots

_one_line_error = one_line_error
_fingerprint = fingerprint
_add = add_client


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("tiaki ")


def test_init_prints_the_recovery_key_once(run: Run, tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "d"), "--worker", "aroha", "init", "--organisation", "Te Whare Tiaki")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("TIAKI-") == 1
    from tiaki.store.session import unlock_store

    session = unlock_store(tmp_path / "d", passphrase=ADMIN_PASS)
    assert session.organisation_name() == "Te Whare Tiaki"
    session.lock()
    again = run("--data-dir", str(tmp_path / "d"), "--worker", "aroha", "init")
    _one_line_error(again, 4)


def test_add_get_search_verify(run: Run, store: Path) -> None:
    cid = _add(run, store, {"given_name": "Hēmi", "family_name": "Pārata", "date_of_birth": "1980-05-06"})
    got = run("--data-dir", str(store), "client", "get", cid, "--json")
    assert got.returncode == 0, got.stderr
    record = json.loads(got.stdout)
    assert record["id"] == cid
    assert record["fields"] == {"given_name": "Hēmi", "family_name": "Pārata", "date_of_birth": "1980-05-06"}
    found = run("client", "search", "hemi parata", "--json", "--data-dir", str(store))
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)
    assert [r["id"] for r in results] == [cid]
    assert results[0]["fields"]["given_name"] == "Hēmi"
    assert json.loads(run("client", "search", "nobody", "--json", "--data-dir", str(store)).stdout) == []
    verify = run("--data-dir", str(store), "audit", "verify")
    assert verify.returncode == 0, verify.stderr


def test_global_options_before_or_after_and_env_data_dir(run: Run, store: Path, tmp_path: Path) -> None:
    pfile = tmp_path / "pass.txt"
    pfile.write_text(ADMIN_PASS + "\n", encoding="utf-8")
    cid = _add(run, store, {"given_name": "Aroha"})
    for args in (["--data-dir", str(store), "--worker", "aroha", "--passphrase-file", str(pfile), "client", "get",
                  cid, "--json"],
                 ["client", "get", cid, "--json", "--data-dir", str(store), "--worker", "aroha",
                  "--passphrase-file", str(pfile)]):
        result = run(*args, passphrase=None)
        assert result.returncode == 0, result.stderr
    from_env = run("client", "get", cid, "--json", env={"TIAKI_DATA_DIR": str(store)})
    assert from_env.returncode == 0, from_env.stderr


def test_wrong_passphrase_exit_3(run: Run, store: Path) -> None:
    line = _one_line_error(run("client", "search", "x", "--data-dir", str(store), passphrase="not the passphrase"), 3)
    assert "passphrase" in line


def test_several_workers_need_worker_option(run: Run, store: Path, tmp_path: Path) -> None:
    added = run("worker", "add", "tama", "--role", "caseworker", "--data-dir", str(store),
                env={"TIAKI_NEW_PASSPHRASE": "korimako sings at dawn"})
    assert added.returncode == 0, added.stderr
    _one_line_error(run("client", "search", "x", "--data-dir", str(store)), 3)
    ok = run("client", "search", "x", "--worker", "tama", "--data-dir", str(store), passphrase="korimako sings at dawn")
    assert ok.returncode == 0, ok.stderr
    denied = run("worker", "add", "x", "--role", "privacy_officer", "--worker", "tama", "--data-dir", str(store),
                 passphrase="korimako sings at dawn", env={"TIAKI_NEW_PASSPHRASE": "escalate me please"})
    _one_line_error(denied, 1)


def test_recover_with_the_recovery_key(run: Run, store: Path, tmp_path: Path) -> None:
    cid = _add(run, store, {"given_name": "Tūī"})
    result = run("recover", "--worker", "aroha", "--recovery-key-file", str(tmp_path / "rk.txt"),
                 "--data-dir", str(store), passphrase=None, env={"TIAKI_NEW_PASSPHRASE": "after recovery 2026"})
    assert result.returncode == 0, result.stderr
    got = run("client", "get", cid, "--json", "--data-dir", str(store), passphrase="after recovery 2026")
    assert json.loads(got.stdout)["fields"]["given_name"] == "Tūī"


_C = json.dumps(COLLECTION)
BAD_INPUTS = {
    "malformed json": '{"fields": {"given_name": "A"',
    "not an object": '["given_name"]',
    "no fields": '{"given_name": "A", "collection": ' + _C + '}',
    "unknown field": '{"fields": {"given_name": "A", "favourite_colour": "blue"}, "collection": ' + _C + '}',
    "unknown member": '{"fields": {"given_name": "A"}, "extra": 1, "collection": ' + _C + '}',
    "wrong type": '{"fields": {"given_name": 42}, "collection": ' + _C + '}',
    "wrong type nested": '{"fields": {"given_name": {"a": 1}}, "collection": ' + _C + '}',
    "fields not object": '{"fields": "given_name=A", "collection": ' + _C + '}',
    "10 MB string": json.dumps(with_collection({"fields": {"given_name": "A", "case_notes": "x" * 10_000_000}})),
    "control characters": json.dumps(with_collection({"fields": {"given_name": "A\u0007\u001b[31m"}})),
    "bidi override": json.dumps(with_collection({"fields": {"given_name": "A\u202eevil"}})),
    "lone surrogate": '{"fields": {"given_name": "A\\ud800"}, "collection": ' + _C + '}',
    "invalid date": '{"fields": {"given_name": "A", "date_of_birth": "1990-02-30"}, "collection": ' + _C + '}',
    "date wrong form": '{"fields": {"given_name": "A", "date_of_birth": "30/01/1990"}, "collection": ' + _C + '}',
    "future birth": '{"fields": {"given_name": "A", "date_of_birth": "2999-01-01"}, "collection": ' + _C + '}',
    "duplicate key": '{"fields": {"given_name": "A", "given_name": "B"}, "collection": ' + _C + '}',
    "NaN": '{"fields": {"given_name": "A", "dependent_children": NaN}, "collection": ' + _C + '}',
    "bool as int": '{"fields": {"given_name": "A", "dependent_children": true}, "collection": ' + _C + '}',
    "missing required": '{"fields": {"family_name": "Ngata"}, "collection": ' + _C + '}',
    "deep nesting": '{"fields": ' + "[" * 100000 + "]" * 100000 + "}",
    "not utf-8": None,
    "no collection": '{"fields": {"given_name": "A"}}',
    "no purpose": json.dumps({"fields": {"given_name": "A"}, "collection": {**COLLECTION, "purposes": []}}),
    "unknown purpose": json.dumps({"fields": {"given_name": "A"}, "collection": {**COLLECTION, "purposes": ["x"]}}),
    "no source": json.dumps({"fields": {"given_name": "A"},
                             "collection": {k: v for k, v in COLLECTION.items() if k != "source"}}),
    "other source without reason": json.dumps({"fields": {"given_name": "A"}, "collection": {
        **COLLECTION, "source": {"kind": "other", "name": "Aunty"}}}),
    "no notice": json.dumps({"fields": {"given_name": "A"},
                             "collection": {k: v for k, v in COLLECTION.items() if k != "notice"}}),
    "old notice version": json.dumps({"fields": {"given_name": "A"}, "collection": {
        **COLLECTION, "notice": {"language": "en", "version": "1999-01-01", "timing": "before"}}}),
    "notice in no language": json.dumps({"fields": {"given_name": "A"}, "collection": {
        **COLLECTION, "notice": {"language": "xx", "version": NOTICE_VERSION}}}),
    "notice timing": json.dumps({"fields": {"given_name": "A"}, "collection": {
        **COLLECTION, "notice": {"language": "en", "version": NOTICE_VERSION, "timing": "never"}}}),
    "anonymous with a name": json.dumps({"fields": {"given_name": "A"}, "anonymous": True, "collection": {
        **COLLECTION, "purposes": ["helpline_contact"]}}),
    "anonymous for a purpose needing identity": json.dumps({"fields": {"region": "otago"}, "anonymous": True,
                                                            "collection": COLLECTION}),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_4_and_changes_nothing(run: Run, store: Path, tmp_path: Path, case: str) -> None:
    before = _fingerprint(store)
    payload = BAD_INPUTS[case]
    source = tmp_path / "input.json"
    if payload is None:
        source.write_bytes(b'{"fields": {"given_name": "\xff\xfe"}, "collection": ' + _C.encode() + b"}")
    else:
        source.write_text(payload, encoding="utf-8", errors="surrogatepass")
    result = run("client", "add", "--json", str(source), "--data-dir", str(store))
    line = _one_line_error(result, 4)
    assert line.startswith("tiaki: ")
    assert "x" * 50 not in line
    assert _fingerprint(store) == before


@pytest.mark.parametrize("args", [
    ["client", "get", "not-an-id", "--json"],
    ["client", "get", "'; DROP TABLE clients; --", "--json"],
    ["client", "edit", "not-an-id", "--json", "-"],
    ["client", "search", "x" * 500, "--json"],
    ["client", "add", "--json", "/nonexistent/file.json"],
])
def test_bad_arguments_exit_4_and_change_nothing(run: Run, store: Path, args: list[str]) -> None:
    before = _fingerprint(store)
    _one_line_error(run(*args, "--data-dir", str(store), stdin="{}"), 4)
    assert _fingerprint(store) == before


def test_unknown_client_id_exit_4(run: Run, store: Path) -> None:
    _one_line_error(run("client", "get", "00000000-0000-4000-8000-000000000000", "--json", "--data-dir", str(store)), 4)


def test_usage_errors_exit_2(run: Run, store: Path, tmp_path: Path) -> None:
    _one_line_error(run("client", "frobnicate", "--data-dir", str(store)), 2)
    _one_line_error(run("client", "add", "--data-dir", str(store)), 2)
    _one_line_error(run("client", "search", "x", "--data-dir", str(tmp_path / "empty")), 2)


def test_audit_verify_names_the_first_bad_entry(run: Run, store: Path) -> None:
    _add(run, store, {"given_name": "Rāwiri"})
    slots = read_keyslots(store)
    key = slots.open_with_passphrase(slots.passphrase_slots()[0], ADMIN_PASS)
    conn = sqlcipher.connect(str(store / "tiaki.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'client.view' WHERE seq = 3")
    conn.close()
    line = _one_line_error(run("audit", "verify", "--data-dir", str(store)), 1)
    assert "entry 3" in line and "sequence 3" in line


def test_check_reports_damage_without_a_traceback(run: Run, store: Path) -> None:
    for i in range(5):
        _add(run, store, {"given_name": f"Person {i}", "address": "Road " * 50})
    assert run("check", "--data-dir", str(store)).returncode == 0
    db = store / "tiaki.db"
    data = bytearray(db.read_bytes())
    data[4096 * 3 + 100] ^= 0x01
    db.write_bytes(bytes(data))
    line = _one_line_error(run("check", "--data-dir", str(store)), 1)
    assert "damaged" in line


def test_auto_lock_setting(run: Run, store: Path) -> None:
    shown = run("settings", "auto-lock", "--data-dir", str(store))
    assert shown.returncode == 0 and "5 idle minute" in shown.stdout
    assert run("settings", "auto-lock", "15", "--data-dir", str(store)).returncode == 0
    assert "15 idle minute" in run("settings", "auto-lock", "--data-dir", str(store)).stdout
    _one_line_error(run("settings", "auto-lock", "0", "--data-dir", str(store)), 4)
    _one_line_error(run("settings", "auto-lock", "soon", "--data-dir", str(store)), 2)


def test_recovery_key_file_problem_stops_before_anything_is_made(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "new"
    line = _one_line_error(run("--data-dir", str(data), "--worker", "aroha", "init", "--recovery-out",
                               str(tmp_path / "no" / "such" / "dir" / "key.txt")), 4)
    assert "file" in line
    assert not (data / "keyslots.json").exists()


def test_rotate_with_a_bad_output_file_keeps_the_old_key(run: Run, store: Path, tmp_path: Path) -> None:
    _one_line_error(run("recovery-key", "rotate", "--recovery-out", str(tmp_path / "nope" / "k.txt"),
                        "--data-dir", str(store)), 4)
    ok = run("recovery-key", "rotate", "--recovery-out", str(tmp_path / "new-key.txt"), "--data-dir", str(store))
    assert ok.returncode == 0, ok.stderr
    old = run("recover", "--worker", "aroha", "--recovery-key-file", str(tmp_path / "rk.txt"), "--data-dir",
              str(store), passphrase=None, env={"TIAKI_NEW_PASSPHRASE": "never going to work"})
    _one_line_error(old, 4)
    new = run("recover", "--worker", "aroha", "--recovery-key-file", str(tmp_path / "new-key.txt"), "--data-dir",
              str(store), passphrase=None, env={"TIAKI_NEW_PASSPHRASE": "after rotation 2026"})
    assert new.returncode == 0, new.stderr


def test_failed_unlocks_are_reported_at_the_next_unlock(run: Run, store: Path) -> None:
    run("client", "search", "x", "--data-dir", str(store), passphrase="not the passphrase")
    result = run("client", "search", "x", "--data-dir", str(store))
    assert result.returncode == 0 and "1 failed unlock attempt" in result.stderr
    again = run("client", "search", "x", "--data-dir", str(store))
    assert "failed unlock" not in again.stderr


def test_a_refused_choice_is_not_echoed(run: Run, store: Path, tmp_path: Path) -> None:
    source = tmp_path / "c.json"
    source.write_text(json.dumps(with_collection({"fields": {"given_name": "A", "gender": "SecretDisclosure"}})),
                      encoding="utf-8")
    line = _one_line_error(run("client", "add", "--json", str(source), "--data-dir", str(store)), 4)
    assert "SecretDisclosure" not in line


def test_data_dir_that_is_a_file_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    _one_line_error(run("--data-dir", str(blocker / "sub"), "--worker", "aroha", "init"), 4)


EDIT_BAD = {
    "malformed": '{"fields": ',
    "unknown field": json.dumps(with_collection({"fields": {"shoe_size": 9}})),
    "wrong type": json.dumps(with_collection({"fields": {"family_name": ["a"]}})),
    "10 MB string": json.dumps(with_collection({"fields": {"case_notes": "y" * 10_000_000}})),
    "control characters": json.dumps(with_collection({"fields": {"family_name": "\u0000\u0008"}})),
    "invalid date": json.dumps(with_collection({"fields": {"date_of_birth": "2023-13-45"}})),
    "no collection": '{"fields": {"family_name": "Ngata"}}',
    "anonymous on edit": json.dumps({**with_collection({"fields": {"family_name": "Ngata"}}), "anonymous": True}),
    "clear required": json.dumps(with_collection({"fields": {"given_name": None}})),
}


@pytest.mark.parametrize("case", sorted(EDIT_BAD))
def test_client_edit_bad_input_changes_nothing(run: Run, store: Path, tmp_path: Path, case: str) -> None:
    cid = _add(run, store, {"given_name": "Mere", "family_name": "Pōmare"})
    before = _fingerprint(store)
    source = tmp_path / "edit.json"
    source.write_text(EDIT_BAD[case], encoding="utf-8")
    result = run("client", "edit", cid, "--json", str(source), "--data-dir", str(store))
    if case == "clear required":  # only the store knows the record, so it is refused after unlocking
        _one_line_error(result, 4)
        got = json.loads(run("client", "get", cid, "--json", "--data-dir", str(store)).stdout)
        assert got["fields"]["given_name"] == "Mere"
        return
    _one_line_error(result, 4)
    assert _fingerprint(store) == before


@pytest.mark.parametrize(("args", "env", "code"), [
    (["worker", "add", "bad\u0007name", "--role", "caseworker"], {"TIAKI_NEW_PASSPHRASE": "a fine passphrase"}, 4),
    (["worker", "add", "x" * 500, "--role", "caseworker"], {"TIAKI_NEW_PASSPHRASE": "a fine passphrase"}, 4),
    (["worker", "add", "tama", "--role", "caseworker"], {"TIAKI_NEW_PASSPHRASE": "short"}, 4),
    (["worker", "add", "tama", "--role", "tyrant"], {"TIAKI_NEW_PASSPHRASE": "a fine passphrase"}, 2),
    (["settings", "auto-lock", "0"], {}, 4),
    (["settings", "auto-lock", "99999"], {}, 4),
    (["settings", "auto-lock", "soon"], {}, 2),
    (["client", "archive", "not-an-id"], {}, 4),
    (["client", "assign", "not-an-id", "--to", "aroha"], {}, 4),
    (["passphrase"], {"TIAKI_NEW_PASSPHRASE": "short"}, 4),
    (["recover", "--worker", "aroha"], {"TIAKI_RECOVERY_KEY": "TIAKI-NOT-A-KEY", "TIAKI_NEW_PASSPHRASE": "x" * 12}, 4),
    (["recover", "--worker", "aroha"], {"TIAKI_RECOVERY_KEY": "\u202e" * 50, "TIAKI_NEW_PASSPHRASE": "x" * 12}, 4),
])
def test_bad_input_to_other_commands_changes_nothing(run: Run, store: Path, args: list[str], env: dict[str, str],
                                                     code: int) -> None:
    before = _fingerprint(store)
    _one_line_error(run(*args, "--data-dir", str(store), env=env), code)
    assert _fingerprint(store) == before


@pytest.mark.parametrize(("name", "secret"), [("bad\u0007name", "a fine passphrase"), ("aroha", "short"),
                                               ("", "a fine passphrase"), ("\u202eevil", "a fine passphrase")])
def test_init_bad_input_creates_nothing(run: Run, tmp_path: Path, name: str, secret: str) -> None:
    data = tmp_path / "never"
    _one_line_error(run("--data-dir", str(data), "--worker", name, "init", passphrase=secret), 4 if name else 2)
    assert not (data / "keyslots.json").exists() and not (data / "tiaki.db").exists()


@pytest.mark.parametrize(("argv", "opens_app"), [
    ([], True),
    (["--data-dir", "/tmp/x"], True),
    (["--data-dir=/tmp/x", "--worker", "aroha"], True),
    (["--passphrase-file", "p.txt", "--data-dir", "d"], True),
    (["client", "list"], False),
    (["--data-dir", "d", "history", "--json"], False),
    (["--worker", "aroha", "review", "list"], False),
    (["--version"], False),
    (["-h"], False),
    (["--data-dir"], False),  # a missing value is the full parser's usage error
])
def test_only_global_options_open_the_app_without_building_every_command(argv: list[str], opens_app: bool) -> None:
    from tiaki.cli import _opens_the_app

    assert _opens_the_app(argv) is opens_app


def test_the_app_parser_reads_the_global_options() -> None:
    from tiaki.cli import _app_parser, _gui

    args = _app_parser().parse_args(["--data-dir=/tmp/x", "--worker", "aroha"])
    assert (args.data_dir, args.worker, args.run) == ("/tmp/x", "aroha", _gui)
