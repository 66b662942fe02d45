"""``tiaki history`` and ``tiaki review`` against a real store: the exact command forms, one source of truth for
filters (the CLI's JSON, ``session.history`` and the test's own SQL agree), reports (CSV and PDF), role rules and
usage errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pypdf
import pytest

from cli_support import Run, make_runner, one_line_error
from history_cli_support import (
    CASEWORKER,
    CASEWORKER_PASS,
    JUSTIFICATION,
    SUPERVISOR,
    SUPERVISOR_PASS,
    ZONE,
    History,
    build_history,
    sql_ids,
    unlock_as,
    zone,
)
from history_support import PASSPHRASES, ROLES, HistoryWorld, history_world
from support import ADMIN, ADMIN_PASS
from tiaki.cli import build_parser
from tiaki.cli_io import EXIT_CHECK_FAILED, EXIT_INVALID, EXIT_USAGE
from tiaki.core.clock import utc_now
from tiaki.core.history_filter import HistoryFilter, day_range
from tiaki.core.history_report import CSV_COLUMNS


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    return build_history(tmp_path_factory.mktemp("history") / "store")


@pytest.fixture(scope="module")
def tiaki(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """``tiaki`` signed in as the privacy officer unless the arguments start with another ``--worker``."""
    run = make_runner(tmp_path_factory.mktemp("home"))

    def _run(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
        return run(*args, **kw) if args[:1] == ("--worker",) else run("--worker", ADMIN, *args, **kw)
    return _run


def run_history(tiaki: Run, history: History, *args: str, **kw: object) -> list[dict[str, object]]:
    result = tiaki("history", "--json", *args, "--data-dir", str(history.data), env={"TZ": ZONE}, **kw)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert isinstance(entries, list)
    return entries


def test_both_forms_parse() -> None:
    parser = build_parser()
    plain = parser.parse_args(["history", "--json", "--client", "X"])
    assert (plain.run, plain.json, plain.client) == ("cli_history.cmd_history", True, "X")
    report = parser.parse_args(["history", "report", "--format", "csv", "--out", "f", "--client", "X"])
    assert (report.run, report.format, report.out, report.client) == ("cli_history.cmd_history_report", "csv", "f",
                                                                      "X")
    before = parser.parse_args(["history", "--partner", "P", "report", "--format", "pdf", "--out", "f"])
    assert (before.partner, before.format) == ("P", "pdf")  # a filter given before 'report' is kept
    signed_in = parser.parse_args(["history", "--worker", "ngaio", "--made-by", "tama"])
    assert (signed_in.worker, signed_in.filter_worker) == ("ngaio", "tama")  # --worker signs in, anywhere


def _filters(history: History) -> Iterator[tuple[list[str], HistoryFilter, str, tuple[object, ...]]]:
    """(CLI options, the same filter for the store, the same question as the test's own SQL)."""
    since, until = day_range(history.boundary_day, history.boundary_day, zone())
    assert since is not None and until is not None
    iso = lambda moment: moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")  # noqa: E731
    yield [], HistoryFilter(), "1", ()
    yield (["--client", history.own_client], HistoryFilter(client_id=history.own_client), "client_id = ?",
           (history.own_client,))
    yield (["--partner", history.sync_partner], HistoryFilter(partner_id=history.sync_partner), "partner_id = ?",
           (history.sync_partner,))
    day = history.boundary_day.isoformat()
    yield (["--since", day, "--until", day], HistoryFilter(since=since, until=until), "at >= ? AND at < ?",
           (iso(since), iso(until)))
    yield (["--basis", "serious_threat"], HistoryFilter(basis="serious_threat"), "(bases & 64) != 0", ())
    yield ["--basis", "consent"], HistoryFilter(basis="consent"), "(bases & 1) != 0", ()
    yield ["--channel", "packet"], HistoryFilter(channel="packet"), "channel = 'packet'", ()
    yield ["--status", "acknowledged"], HistoryFilter(status="acknowledged"), "status = 'acknowledged'", ()
    yield (["--made-by", CASEWORKER], HistoryFilter(worker_id=history.caseworker_id), "worker_id = ?",
           (history.caseworker_id,))
    yield (["--channel", "sync", "--partner", history.sync_partner, "--since", day],
           HistoryFilter(channel="sync", partner_id=history.sync_partner, since=since),
           "channel = 'sync' AND partner_id = ? AND at >= ?", (history.sync_partner, iso(since)))


def test_filters_agree_between_the_cli_the_store_and_sql(tiaki: Run, history: History) -> None:
    session = unlock_as(history)
    try:
        expected = []
        for options, flt, where, params in _filters(history):
            ids = sql_ids(session, where, *params)
            store = [entry.to_json() for entry in session.history.entries(flt)]
            paged = [e.to_json() for e in session.history.page(flt, limit=2)] + [
                e.to_json() for e in session.history.page(flt, offset=2, limit=200)]
            assert [e["id"] for e in store] == ids, options
            assert paged == store, options
            expected.append((options, store))
    finally:
        session.lock()
    sizes = {len(store) for _, store in expected}
    assert len(sizes) >= 4, "the filters should select different numbers of entries"
    for options, store in expected:
        assert run_history(tiaki, history, *options) == store, options


def test_dates_are_whole_local_days(tiaki: Run, history: History) -> None:
    """--since/--until name days in the computer's time zone: the override made at 00:30 New Zealand time is on
    that New Zealand day, though it was still the previous day in UTC."""
    day = history.boundary_day.isoformat()
    in_nz = {e["id"] for e in run_history(tiaki, history, "--since", day, "--until", day)}
    assert history.messages["tama_override"] in in_nz
    assert {history.messages["packet"]} <= in_nz
    result = tiaki("history", "--json", "--since", day, "--until", day, "--data-dir", str(history.data),
                   env={"TZ": "UTC"})
    in_utc = {e["id"] for e in json.loads(result.stdout)}
    assert history.messages["tama_override"] not in in_utc and history.messages["packet"] in in_utc


def test_a_caseworker_sees_only_their_caseload(tiaki: Run, history: History) -> None:
    entries = _as_caseworker(tiaki, history)
    assert {e["client_id"] for e in entries} == {history.own_client}
    assert {e["id"] for e in entries} == {history.messages["sent"], history.messages["tama_override"]}
    assert all("client_name" not in e for e in entries)  # JSON carries ids, never a name


def _as_caseworker(tiaki: Run, history: History) -> list[dict[str, object]]:
    result = tiaki("--worker", CASEWORKER, "history", "--json", "--data-dir", str(history.data),
                   passphrase=CASEWORKER_PASS)
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, object]] = json.loads(result.stdout)
    return entries


def test_viewing_is_audited_with_the_filter_never_the_search_text(tiaki: Run, history: History) -> None:
    run_history(tiaki, history, "--search", "Pōmare", "--channel", "sync")
    session = unlock_as(history)
    try:
        detail = session._db.query(
            "SELECT detail FROM audit_log WHERE action = 'sharing.history_view' ORDER BY seq DESC LIMIT 1")[0][0]
    finally:
        session.lock()
    assert json.loads(detail)["filter"] == {"channel": "sync", "search": True}
    assert "Pōmare" not in detail


def test_search_finds_the_client_by_name(tiaki: Run, history: History) -> None:
    found = run_history(tiaki, history, "--search", "Pomare")  # folded: no macron needed
    assert {e["client_id"] for e in found} == {history.own_client}


@pytest.mark.parametrize(("options", "names"), [
    (["--since", "2026-02-30"], "--since"),
    (["--until", "25/11/2026"], "--until"),
    (["--since", "2026-03-02", "--until", "2026-03-01"], "--until"),
    (["--basis", "vibes"], "--basis"),
    (["--channel", "fax"], "--channel"),
    (["--status", "lost"], "--status"),
    (["--purpose", "gossip"], "--purpose"),
    (["--client", "not-an-id"], "client id"),
])
def test_bad_filters_are_one_line_usage_errors(tiaki: Run, history: History, options: list[str],
                                              names: str) -> None:
    result = tiaki("history", "--json", *options, "--data-dir", str(history.data))
    code = EXIT_INVALID if options[0] == "--client" else EXIT_USAGE
    assert names in one_line_error(result, code)
    report = tiaki("history", "report", "--format", "csv", "--out", str(history.data.parent / "never.csv"),
                   *options, "--data-dir", str(history.data))
    one_line_error(report, code)
    assert not (history.data.parent / "never.csv").exists()


def test_csv_report_has_the_columns_and_the_filtered_rows(tiaki: Run, history: History, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    result = tiaki("history", "report", "--format", "csv", "--out", str(out), "--partner", history.sync_partner,
                   "--data-dir", str(history.data), env={"TZ": ZONE})
    assert result.returncode == 0, result.stderr
    assert os.stat(out).st_mode & 0o777 == 0o600
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    session = unlock_as(history)
    try:
        ids = sql_ids(session, "partner_id = ?", history.sync_partner)
        audit = json.loads(session._db.query(
            "SELECT detail FROM audit_log WHERE action = 'sharing.history_report' ORDER BY seq DESC LIMIT 1")[0][0])
    finally:
        session.lock()
    assert result.stdout.strip() == str(len(ids)) == str(len(rows) - 1)
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [r["id"] for r in body] == ids
    assert {r["partner_name"] for r in body} == {"Kāinga Housing Trust"}
    assert {r["client_name"] for r in body} == {"Ana Havili", "Mere Pōmare"}  # the report is for supervisors
    overrides = {r["message_id"]: r["override"] for r in body}
    assert overrides[history.messages["tama_override"]] == "yes" and overrides[history.messages["sent"]] == "no"
    tama = next(r for r in body if r["message_id"] == history.messages["tama_override"])
    assert tama["at"].endswith("+13:00") and tama["at"].startswith(history.boundary_day.isoformat())
    assert tama["bases"] == "serious_threat" and "given_name:serious_threat" in tama["fields"].split(";")
    assert audit == {"format": "csv", "entries": len(ids), "filter": {"partner_id": history.sync_partner,
                                                                       "search": False}}


def test_pdf_report_lists_every_entry_and_numbers_its_pages(tiaki: Run, history: History, tmp_path: Path) -> None:
    out = tmp_path / "history.pdf"
    result = tiaki("history", "report", "--format", "pdf", "--out", str(out), "--data-dir", str(history.data),
                   env={"TZ": ZONE, "QT_QPA_PLATFORM": ""})
    assert result.returncode == 0, result.stderr
    assert os.stat(out).st_mode & 0o777 == 0o600
    reader = pypdf.PdfReader(out)
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    text = " ".join(pages)
    assert "Page 1 of" in pages[0] and "Confidential" in pages[0]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    for name in ("Kāinga Housing Trust", "Te Puna Ora Health", "Mere Pōmare", "Ana Havili", "Given name"):
        assert name in text
    assert result.stdout.strip() == "6"
    assert "Every disclosure you may see" in text


def test_an_existing_file_is_never_overwritten(tiaki: Run, history: History, tmp_path: Path) -> None:
    out = tmp_path / "taken.csv"
    out.write_text("keep me")
    result = tiaki("history", "report", "--format", "csv", "--out", str(out), "--data-dir", str(history.data))
    one_line_error(result, EXIT_INVALID)
    assert out.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["taken.csv"]


def test_review_list_and_decide_by_a_supervisor(tiaki: Run, history: History) -> None:
    def listed() -> dict[str, object]:
        result = tiaki("--worker", SUPERVISOR, "review", "list", "--json", "--data-dir", str(history.data),
                       passphrase=SUPERVISOR_PASS)
        assert result.returncode == 0, result.stderr
        queue: dict[str, object] = json.loads(result.stdout)
        return queue

    queue = listed()
    items = {str(i["id"]): i for i in queue["items"]}  # type: ignore[union-attr]
    tama_item = f"override:{history.messages['tama_override']}"
    assert tama_item in items and f"override:{history.messages['admin_override']}" in items
    assert queue["counts"]["override"] == 2  # type: ignore[index]
    assert set(queue["counts"]) == {"override", "no_receipt", "expired_agreement", "unacked_revocation"}  # type: ignore[arg-type]
    result = tiaki("--worker", SUPERVISOR, "review", "decide", tama_item, "--decision", "accepted", "--comment",
                   "Police report seen; the disclosure was necessary.", "--data-dir", str(history.data),
                   passphrase=SUPERVISOR_PASS)
    assert result.returncode == 0, result.stderr
    review_id = result.stdout.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", review_id)
    assert tama_item not in {i["id"] for i in listed()["items"]}  # type: ignore[union-attr]
    again = tiaki("--worker", SUPERVISOR, "review", "decide", tama_item, "--decision", "rejected", "--comment",
                  "Second thoughts.", "--data-dir", str(history.data), passphrase=SUPERVISOR_PASS)
    one_line_error(again, EXIT_INVALID)
    session = unlock_as(history)
    try:
        audit = session._db.query("SELECT detail, subject_id FROM audit_log WHERE action = 'review.decide'")
    finally:
        session.lock()
    assert len(audit) == 1 and audit[0][1] == history.messages["tama_override"]
    assert "Police" not in audit[0][0]  # the comment stays in the encrypted reviews table


def test_nobody_reviews_their_own_override(tiaki: Run, history: History) -> None:
    own = f"override:{history.messages['admin_override']}"
    result = tiaki("review", "decide", own, "--decision", "accepted", "--comment", "It was fine.",
                   "--data-dir", str(history.data))
    assert "yourself" in one_line_error(result, EXIT_CHECK_FAILED)


def test_a_caseworker_may_not_review(tiaki: Run, history: History) -> None:
    result = tiaki("--worker", CASEWORKER, "review", "list", "--json", "--data-dir", str(history.data),
                   passphrase=CASEWORKER_PASS)
    assert "role" in one_line_error(result, EXIT_CHECK_FAILED)
    decide = tiaki("--worker", CASEWORKER, "review", "decide", f"override:{history.messages['admin_override']}",
                   "--decision", "accepted", "--comment", "ok", "--data-dir", str(history.data),
                   passphrase=CASEWORKER_PASS)
    one_line_error(decide, EXIT_CHECK_FAILED)


@pytest.mark.parametrize(("args", "code"), [
    (["not-an-item", "--decision", "accepted", "--comment", "ok"], EXIT_USAGE),
    (["override:abc", "--decision", "accepted", "--comment", "   "], EXIT_INVALID),
    (["override:00000000-0000-4000-8000-000000000000", "--decision", "accepted", "--comment", "ok"], EXIT_INVALID),
    (["override:abc", "--decision", "maybe", "--comment", "ok"], EXIT_USAGE),
])
def test_bad_review_input_is_one_line(tiaki: Run, history: History, args: list[str], code: int) -> None:
    result = tiaki("--worker", SUPERVISOR, "review", "decide", *args, "--data-dir", str(history.data),
                   passphrase=SUPERVISOR_PASS)
    message = one_line_error(result, code)
    assert JUSTIFICATION not in message


# --- the shared history world (tests/history_support.py): more workers, partners and kinds of disclosure ------


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path_factory.mktemp("world"))) as built:
        yield built


def _world_cases(world: HistoryWorld, role: str) -> list[tuple[list[str], HistoryFilter, str, tuple[object, ...]]]:
    cases: list[tuple[list[str], HistoryFilter, str, tuple[object, ...]]] = [
        ([], HistoryFilter(), "1", ()),
        (["--channel", "sync"], HistoryFilter(channel="sync"), "channel = 'sync'", ())]
    if role in ("admin", "supervisor"):
        cases += [
            (["--basis", "serious_threat"], HistoryFilter(basis="serious_threat"), "(bases & 64) != 0", ()),
            (["--made-by", "hemi"], HistoryFilter(worker_id=world.workers["coordinator"]), "worker_id = ?",
             (world.workers["coordinator"],)),
            (["--status", "queued", "--partner", world.partners["inbox"]],
             HistoryFilter(status="queued", partner_id=world.partners["inbox"]), "status = 'queued' AND partner_id = ?",
             (world.partners["inbox"],)),
            (["--client", world.clients["tama_b"], "--channel", "packet"],
             HistoryFilter(client_id=world.clients["tama_b"], channel="packet"), "client_id = ? AND channel = 'packet'",
             (world.clients["tama_b"],))]
    return cases


@pytest.mark.parametrize("role", ["admin", "supervisor", "tama", "ana"])
def test_every_role_gets_the_same_answer_from_the_cli_the_store_and_sql(tiaki: Run, world: HistoryWorld,
                                                                         role: str) -> None:
    session, name = world.sessions[role], ROLES[role]
    caseworker = role in ("tama", "ana")
    scope = "client_id IN (SELECT id FROM clients WHERE assigned_worker_id = ?)" if caseworker else "1"
    scope_params: tuple[object, ...] = (world.workers[role],) if caseworker else ()
    for options, flt, where, params in _world_cases(world, role):
        store = [entry.to_json() for entry in session.history.entries(flt)]
        assert [e["id"] for e in store] == sql_ids(session, f"({where}) AND {scope}", *params, *scope_params)
        result = tiaki("--worker", name, "history", "--json", *options, "--data-dir", str(world.data_dir),
                       passphrase=PASSPHRASES[name])
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == store, (role, options)
    if caseworker:
        assert store and {e["client_id"] for e in store} <= {c for k, c in world.clients.items() if k.startswith(role)}


def test_review_list_matches_the_queue(tiaki: Run, world: HistoryWorld) -> None:
    result = tiaki("--worker", "mere", "review", "list", "--json", "--data-dir", str(world.data_dir),
                   passphrase=PASSPHRASES["mere"])
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    now = utc_now()  # the command's clock, not the world's (a few minutes ahead): ages are in whole days
    assert listed == {"counts": world.supervisor.reviews.counts(now=now),
                      "items": [item.to_json() for item in world.supervisor.reviews.items(now=now)]}
    assert all(listed["counts"][kind] >= 1 for kind in ("override", "no_receipt", "unacked_revocation"))


def test_a_pdf_too_long_to_lay_out_is_refused_before_any_file(history: History, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    """In-process (the limit patched down); ``qapp`` first, so the command uses pytest-qt's application."""
    import tiaki.cli_history
    from tiaki.cli import main

    monkeypatch.setattr(tiaki.cli_history, "MAX_PDF_ENTRIES", 3)
    monkeypatch.setenv("TIAKI_PASSPHRASE", ADMIN_PASS)
    out = tmp_path / "long.pdf"
    code = main(["--worker", ADMIN, "history", "report", "--format", "pdf", "--out", str(out), "--data-dir",
                 str(history.data)])
    assert code == EXIT_INVALID and "--format csv" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert main(["--worker", ADMIN, "history", "report", "--format", "pdf", "--out", str(out), "--channel", "sync",
                 "--status", "queued", "--data-dir", str(history.data)]) == 0
    assert capsys.readouterr().out.strip() == "2" and out.exists()


def test_worker_signs_in_after_history_too(tiaki: Run, history: History) -> None:
    """--worker means who you are wherever it stands, as on every other command; --made-by is the filter."""
    result = tiaki("history", "--json", "--worker", CASEWORKER, "--data-dir", str(history.data),
                   passphrase=CASEWORKER_PASS)
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout)
    assert after and after == _as_caseworker(tiaki, history)  # the caseworker's own caseload, as signed in


def test_csv_cells_from_the_record_never_run_as_formulas(tmp_path: Path) -> None:
    """A client or partner whose name a spreadsheet would run (=, +, -, @) reads as text in the report."""
    from outbox_support import PERSON, agree, consent, enrol
    from referral_support import make_store
    from support import collected

    session = make_store(tmp_path / "store")
    try:
        client = session.clients.create({**PERSON, "given_name": "=HYPERLINK(\"http://x.example\")",
                                         "family_name": "-2+3"}, collection=collected(session)).id
        partner, _ = enrol(session, "@SUM(A1:A9) Trust")
        agree(session, partner)
        consent(session, client, partner)
        session.outbox.queue_share(client, partner, "referral")
    finally:
        session.lock()
    out = tmp_path / "report.csv"
    result = make_runner(tmp_path / "home")("history", "report", "--format", "csv", "--out", str(out),
                                            "--data-dir", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["client_name"].startswith("'=HYPERLINK(") and row["partner_name"] == "'@SUM(A1:A9) Trust"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row.values())
