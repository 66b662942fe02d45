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
    (3, """
CREATE TABLE collection_events (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    recorded_by TEXT NOT NULL REFERENCES workers(id),
    recorded_at TEXT NOT NULL,
    purposes TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('person', 'other')),
    source_detail TEXT,
    notice_version TEXT NOT NULL,
    notice_language TEXT NOT NULL,
    notice_hash TEXT NOT NULL,
    notice_timing TEXT NOT NULL CHECK (notice_timing IN ('before', 'after')),
    notice_given_at TEXT NOT NULL
);
CREATE INDEX collection_events_client ON collection_events (client_id);
ALTER TABLE field_values ADD COLUMN collection_event_id TEXT REFERENCES collection_events(id);
ALTER TABLE clients ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1));

CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('government_agency', 'ngo', 'iwi_or_pacific_provider', 'health_provider')),
    overseas INTEGER NOT NULL DEFAULT 0 CHECK (overseas IN (0, 1)),
    ipp12_basis TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES workers(id)
);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    name TEXT NOT NULL,
    reference TEXT NOT NULL,
    basis TEXT NOT NULL,
    purposes TEXT NOT NULL,
    categories TEXT NOT NULL,
    excluded_fields TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES workers(id)
);
CREATE INDEX agreements_partner ON agreements (partner_id);

CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    controller TEXT NOT NULL,
    recipients TEXT NOT NULL,
    purposes TEXT NOT NULL,
    categories TEXT NOT NULL,
    permit INTEGER NOT NULL CHECK (permit IN (0, 1)),
    given_at TEXT NOT NULL,
    expires_at TEXT,
    method TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'electronic')),
    language TEXT NOT NULL,
    notice_version TEXT NOT NULL,
    notice_hash TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES workers(id),
    given_by TEXT NOT NULL CHECK (given_by IN ('person', 'parent_or_guardian', 'representative')),
    recorded_at TEXT NOT NULL
);
CREATE INDEX consents_client ON consents (client_id);
CREATE TABLE consent_events (
    id TEXT PRIMARY KEY,
    consent_id TEXT NOT NULL REFERENCES consents(id),
    kind TEXT NOT NULL CHECK (kind IN ('given', 'renewed', 'withdrawn', 'expired')),
    at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES workers(id),
    reason TEXT NOT NULL DEFAULT '',
    expires_at TEXT
);
CREATE INDEX consent_events_consent ON consent_events (consent_id);
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only: add an event instead');
END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent history is append-only');
END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent history is append-only');
END;
"""),
    (4, """
ALTER TABLE agreements ADD COLUMN updates_flow INTEGER NOT NULL DEFAULT 0 CHECK (updates_flow IN (0, 1));

CREATE TABLE partner_keys (
    key_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    device_id TEXT NOT NULL,
    age_recipient TEXT NOT NULL,
    receipt_key TEXT NOT NULL,
    inbox_url TEXT,
    card_json TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    enrolled_by TEXT NOT NULL REFERENCES workers(id),
    replaced_at TEXT
);
CREATE INDEX partner_keys_partner ON partner_keys (partner_id);
CREATE UNIQUE INDEX partner_keys_current ON partner_keys (partner_id) WHERE replaced_at IS NULL;

CREATE TABLE envelopes (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    recipient_key_id TEXT NOT NULL REFERENCES partner_keys(key_id),
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acknowledged', 'superseded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error TEXT
);
CREATE INDEX envelopes_pending ON envelopes (partner_id, created_at) WHERE state = 'pending';

CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    purpose TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('share', 'update', 'revocation')),
    channel TEXT NOT NULL DEFAULT 'sync' CHECK (channel IN ('sync', 'packet')),
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sealed', 'acknowledged', 'refused', 'parked', 'cancelled')),
    state_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES workers(id),
    seq INTEGER NOT NULL,
    decision TEXT,
    consent_id TEXT REFERENCES consents(id),
    revokes TEXT,
    envelope_id TEXT REFERENCES envelopes(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error TEXT,
    acknowledged_at TEXT,
    CHECK ((kind = 'revocation') = (consent_id IS NOT NULL AND revokes IS NOT NULL)),
    CHECK ((kind = 'revocation') = (decision IS NULL))
);
CREATE INDEX messages_queue ON messages (partner_id, state, seq);
CREATE INDEX messages_client ON messages (client_id, seq);
CREATE INDEX messages_envelope ON messages (envelope_id);

CREATE TABLE message_seals (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages(id),
    envelope_id TEXT NOT NULL REFERENCES envelopes(id),
    position INTEGER NOT NULL,
    digest TEXT NOT NULL,
    sealed_at TEXT NOT NULL,
    fields TEXT NOT NULL,
    withheld TEXT NOT NULL,
    dropped TEXT NOT NULL,
    consent_ids TEXT NOT NULL,
    UNIQUE (envelope_id, position),
    UNIQUE (message_id, envelope_id)
);
CREATE INDEX message_seals_message ON message_seals (message_id, sealed_at);
CREATE TRIGGER message_seals_no_update BEFORE UPDATE ON message_seals
BEGIN
    SELECT RAISE(ABORT, 'what was sealed is history: it is never changed');
END;
CREATE TRIGGER message_seals_no_delete BEFORE DELETE ON message_seals
BEGIN
    SELECT RAISE(ABORT, 'what was sealed is history: it is never deleted');
END;

CREATE TABLE receipts (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages(id),
    envelope_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'duplicate', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    digest TEXT NOT NULL,
    received_at TEXT NOT NULL,
    partner_key_id TEXT NOT NULL REFERENCES partner_keys(key_id),
    signature TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE INDEX receipts_message ON receipts (message_id, stored_at);
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
BEGIN
    SELECT RAISE(ABORT, 'receipts are append-only');
END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
BEGIN
    SELECT RAISE(ABORT, 'receipts are append-only');
END;

CREATE TABLE partner_sync (
    partner_id TEXT PRIMARY KEY REFERENCES partners(id),
    next_attempt_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT
);
"""),
    (5, """
ALTER TABLE device ADD COLUMN age_identity TEXT;
ALTER TABLE envelopes ADD COLUMN channel TEXT NOT NULL DEFAULT 'sync' CHECK (channel IN ('sync', 'packet'));
ALTER TABLE consents ADD COLUMN received_from TEXT;
ALTER TABLE consents ADD COLUMN received_packet_id TEXT;

CREATE TABLE trusted_senders (
    key_id TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    device_id TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    card_json TEXT NOT NULL,
    trusted_at TEXT NOT NULL,
    trusted_by TEXT NOT NULL REFERENCES workers(id)
);

CREATE TABLE received_packets (
    packet_id TEXT PRIMARY KEY,
    sender_key_id TEXT NOT NULL REFERENCES trusted_senders(key_id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    bundle_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES workers(id)
);
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
