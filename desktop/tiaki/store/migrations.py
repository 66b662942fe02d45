"""Numbered schema migrations. A new database is built by running them all, so new and upgraded stores
end identical (a test compares them)."""

from __future__ import annotations

from tiaki.store.database import Database

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
CREATE TABLE schema_version (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    version INTEGER NOT NULL
);
INSERT INTO schema_version (only_row, version) VALUES (1, 0);

CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE device (
    id TEXT PRIMARY KEY,
    signing_key BLOB NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('caseworker', 'coordinator', 'supervisor', 'privacy_officer')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES workers(id)
);

CREATE TABLE clients (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES workers(id),
    updated_at TEXT NOT NULL,
    assigned_worker_id TEXT REFERENCES workers(id),
    archived_at TEXT,
    archived_by TEXT REFERENCES workers(id),
    sort_key TEXT NOT NULL,
    display_name TEXT NOT NULL,
    date_of_birth TEXT,
    duplicate_key TEXT
);
CREATE INDEX clients_active_sort ON clients (sort_key, num) WHERE archived_at IS NULL;
CREATE INDEX clients_caseload_sort ON clients (assigned_worker_id, sort_key, num) WHERE archived_at IS NULL;
CREATE INDEX clients_duplicate ON clients (duplicate_key) WHERE archived_at IS NULL;

CREATE TABLE field_values (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    field_key TEXT NOT NULL,
    value TEXT,
    recorded_by TEXT NOT NULL REFERENCES workers(id),
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('person', 'other')),
    source_detail TEXT,
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    superseded_at TEXT
);
CREATE INDEX field_values_current ON field_values (client_id, field_key) WHERE current = 1;

CREATE VIRTUAL TABLE client_search USING fts5 (
    names, identifiers,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    subject_type TEXT,
    subject_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"""),
    (2, """
CREATE TABLE audit_checkpoints (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_seq ON audit_checkpoints (seq);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""),
)

LATEST = MIGRATIONS[-1][0]


def schema_version(db: Database) -> int:
    if not db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'"):
        return 0
    return int(db.scalar("SELECT version FROM schema_version"))


def migrate(db: Database, *, target: int = LATEST) -> int:
    """Apply every migration above the current version, each in its own transaction. Returns the version."""
    current = schema_version(db)
    if current > LATEST:
        raise RuntimeError("This store was written by a newer version of Tiaki. Update Tiaki to open it.")
    for version, script in MIGRATIONS:
        if current < version <= target:
            with db.transaction() as tx:
                tx.script(script)
                tx.execute("UPDATE schema_version SET version = ?", (version,))
            current = version
    return current
