"""A new database and one upgraded step by step end with the same schema and version."""

from __future__ import annotations

import os
from pathlib import Path

from tiaki.store.database import Database
from tiaki.store.migrations import LATEST, MIGRATIONS, migrate, schema_version


def _schema(db: Database) -> list[tuple[str, str, str]]:
    rows = db.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    return [(str(t), str(n), " ".join(str(s or "").split())) for t, n, s in rows]


def test_new_and_upgraded_databases_are_identical(tmp_path: Path) -> None:
    assert len(MIGRATIONS) >= 2
    fresh = Database(tmp_path / "fresh.db", os.urandom(32))
    assert migrate(fresh) == LATEST
    old = Database(tmp_path / "old.db", os.urandom(32))
    migrate(old, target=1)
    assert schema_version(old) == 1
    with old.transaction() as tx:
        tx.execute("INSERT INTO store_meta (key, value) VALUES ('kept', 'yes')")
    migrate(old)
    assert schema_version(old) == schema_version(fresh) == LATEST
    assert _schema(old) == _schema(fresh)
    assert old.scalar("SELECT value FROM store_meta WHERE key = 'kept'") == "yes"
    assert migrate(old) == LATEST  # idempotent
    fresh.close()
    old.close()


def test_pragmas_are_set(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.db", os.urandom(32))
    assert db.pragma_rows("journal_mode")[0][0] == "wal"
    assert db.pragma_rows("foreign_keys")[0][0] == 1
    assert db.pragma_rows("cache_size")[0][0] <= -65536
    assert db.pragma_rows("temp_store")[0][0] == 2
    assert str(db.pragma_rows("cipher_memory_security")[0][0]) == "1"
    assert db.pragma_rows("cipher_log_level")[0][0] == "NONE"
    assert (os.stat(tmp_path / "p.db").st_mode & 0o077) == 0
    db.close()
