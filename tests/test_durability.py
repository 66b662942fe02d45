"""Nothing lost, nothing leaked: kills mid-write, flipped bytes, and a canary sweep of every file."""

from __future__ import annotations

import codecs
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from support import ADMIN_PASS, collected
from tiaki.core.text import fold
from tiaki.store.errors import DamagedStore
from tiaki.store.session import Session, unlock_store

WRITER = r"""
import sys
from pathlib import Path
from tiaki.core.collection import Collection
from tiaki.core.provenance import Source
from tiaki.store.session import unlock_store
session = unlock_store(Path(sys.argv[1]), passphrase=sys.argv[2])
collection = Collection(frozenset({"case_management"}), Source.person(), session.notice_given("en"))
i = 0
while True:
    i += 1
    record = session.clients.create({"given_name": f"Kill{sys.argv[3]}n{i}", "family_name": "Whakamātautau",
                                     "address": "12 Kōwhai Demo Road\nRD 3\nŌpōtiki" * 3}, collection=collection)
    print(record.id, flush=True)
"""


def _kill_rounds(data_dir: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    acknowledged: list[str] = []
    for round_no in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), ADMIN_PASS, str(round_no)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        wanted = rng.randint(1, 25)
        got = 0
        deadline = time.monotonic() + 60
        while got < wanted and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(line.strip())
            got += 1
        time.sleep(rng.random() * 0.02)  # land the kill anywhere in the next write
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acknowledged.extend(line.strip() for line in rest.splitlines() if line.strip())
        assert got > 0, "the writer never acknowledged a client"
    session = unlock_store(data_dir, passphrase=ADMIN_PASS)
    try:
        for cid in acknowledged:
            assert session.clients.get(cid).id == cid
        assert session.integrity_problems() == []
        assert session.verify_audit().intact
    finally:
        session.lock()


def test_acknowledged_clients_survive_sigkill(made_store: tuple[Session, str], data_dir: Path) -> None:
    made_store[0].lock()
    _kill_rounds(data_dir, rounds=5, seed=1)


@pytest.mark.slow
def test_acknowledged_clients_survive_200_sigkills(made_store: tuple[Session, str], data_dir: Path) -> None:
    made_store[0].lock()
    _kill_rounds(data_dir, rounds=200, seed=2)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def _filled(session: Session) -> None:
    for i in range(300):
        session.clients.create({"given_name": f"P{i}", "family_name": "Ngata" * 10, "address": "Rd " * 60},
                                collection=collected(session))
    session.lock()


def test_flipped_byte_in_first_page_says_damaged(session: Session, data_dir: Path) -> None:
    _filled(session)
    _flip(data_dir / "tiaki.db", 2000)
    with pytest.raises(DamagedStore, match="damaged"):
        unlock_store(data_dir, passphrase=ADMIN_PASS)


def test_flipped_byte_in_a_data_page_says_damaged(session: Session, data_dir: Path) -> None:
    _filled(session)
    db = data_dir / "tiaki.db"
    for offset in (4096 * 3 + 100, (db.stat().st_size // 4096 // 2) * 4096 + 1000):
        _flip(db, offset)
        try:
            opened = unlock_store(data_dir, passphrase=ADMIN_PASS)
        except DamagedStore as exc:  # the page was one that unlocking reads or writes
            assert "damaged" in str(exc)
            _flip(db, offset)
            continue
        try:
            problems = opened.integrity_problems()
            assert problems, "a flipped byte went unnoticed"
            try:  # reading every client either works or says the store is damaged: never another error
                for summary in opened.clients.list(limit=1000):
                    opened.clients.get(summary.id)
            except DamagedStore as exc:
                assert "damaged" in str(exc)
        finally:
            opened._db.close()
        _flip(db, offset)


# --- canary sweep ---------------------------------------------------------------------------------------

CANARY = "Canarīā Xq7Zebedeeĥ"


def _encodings(text: str) -> set[bytes]:
    forms = {text, unicodedata.normalize("NFD", text), fold(text), text.upper(), text.lower(), "Xq7Zebedee"}
    out: set[bytes] = set()
    for form in forms:
        for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            out.add(form.encode(codec))
        with contextlib.suppress(UnicodeEncodeError):
            out.add(form.encode("latin-1"))
        out.add(codecs.encode(form.encode("utf-8"), "hex"))
    return out


def _sweep(root: Path) -> list[str]:
    needles = _encodings(CANARY)
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}" for n in needles if n in data]
    return found


def test_canary_is_in_no_file_under_the_data_dir(session: Session, data_dir: Path, tmp_path: Path) -> None:
    for i in range(50):
        session.clients.create({"given_name": CANARY, "family_name": f"{CANARY} {i}", "nhi": "ZZZ0016",
                                "case_notes": f"Notes about {CANARY}"}, collection=collected(session))
    cid = session.clients.list(CANARY, limit=1)[0].id
    session.clients.update(cid, {"family_name": f"Changed {CANARY}"}, collection=collected(session))
    assert session.clients.count("canaria") == 50
    assert (data_dir / "tiaki.db-wal").exists()
    assert _sweep(tmp_path) == [], "canary found while the store is open (WAL and SHM included)"
    session.lock()
    assert _sweep(tmp_path) == [], "canary found after locking"
    assert {p.name for p in data_dir.iterdir()} <= {"tiaki.db", "tiaki.db-wal", "tiaki.db-shm", "keyslots.json"}
    assert os.stat(data_dir).st_mode & 0o077 == 0


def test_missing_database_file_is_reported_not_recreated(session: Session, data_dir: Path) -> None:
    session.lock()
    (data_dir / "tiaki.db").rename(data_dir / "elsewhere.db")
    with pytest.raises(DamagedStore, match="missing"):
        unlock_store(data_dir, passphrase=ADMIN_PASS)
    assert not (data_dir / "tiaki.db").exists()


def test_damaged_key_slot_file_is_reported(session: Session, data_dir: Path) -> None:
    session.lock()
    (data_dir / "keyslots.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DamagedStore, match="key-slot"):
        unlock_store(data_dir, passphrase=ADMIN_PASS)
