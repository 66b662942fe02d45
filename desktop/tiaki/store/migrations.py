"""Numbered schema migrations. A new database is built by running them all, so new and upgraded stores
end identical (a test compares them)."""

from __future__ import annotations

import logging

from tiaki import logs
from tiaki.store.database import Database

log = logging.getLogger(__name__)

# Migration 6's SQL pieces, written out once (they are part of the stored schema: never edit, only add).
# A basis as its bit (core.history_filter.BASIS_BITS order).
_BIT = ("CASE {0} WHEN 'consent' THEN 1 WHEN 'purpose_of_collection' THEN 2 WHEN 'authorised_by_person' THEN 4 "
        "WHEN 'approved_sharing_agreement' THEN 8 WHEN 'information_matching' THEN 16 "
        "WHEN 'legal_requirement' THEN 32 WHEN 'serious_threat' THEN 64 ELSE 0 END")
# The bases a message allowed: its decision less the fields dropped before sealing, and every seal's fields.
_BASES = ("(SELECT COALESCE(SUM(DISTINCT " + _BIT.format("b") + "), 0) FROM ("
          "SELECT json_extract(a.value, '$.basis') AS b FROM json_each({m}.decision, '$.allowed') a "
          "WHERE a.key NOT IN (SELECT key FROM json_each({m}.decision, '$.dropped')) "
          "UNION SELECT json_extract(f.value, '$.basis') FROM message_seals s, json_each(s.fields) f "
          "WHERE s.message_id = {m}.id))")
# The bases of one seal's fields, read from its text (no JSON parsing: with SQLCipher's memory security every
# allocation is costly, and sealing writes thousands of seals at a time). JSON escapes every quote inside a
# string, so '"basis": "consent"' can only be that key and value; both spacings are accepted.
_SEAL_BASES = "(" + " | ".join(
    f"(CASE WHEN instr(NEW.fields, '\"basis\": \"{basis}\"') OR instr(NEW.fields, '\"basis\":\"{basis}\"') "
    f"THEN {1 << i} ELSE 0 END)" for i, basis in enumerate((
        "consent", "purpose_of_collection", "authorised_by_person", "approved_sharing_agreement",
        "information_matching", "legal_requirement", "serious_threat"))) + ")"
# True when every agreement a seal names is one already recorded for the message (usually so: a seal names the
# agreements its queued decision did), so the seal's JSON need not be parsed.
_AG_KEY = ("'\"agreement_id\": \"'", "'\"agreement_id\":\"'")
_WITHOUT_KNOWN = "replace(NEW.fields, '\"' || g.agreement_id || '\"', '')"
_SEAL_AGREEMENTS_KNOWN = (
    "EXISTS (SELECT 1 FROM disclosure_agreements g WHERE g.disclosure_id = NEW.message_id "
    f"AND instr({_WITHOUT_KNOWN}, {_AG_KEY[0]}) = 0 AND instr({_WITHOUT_KNOWN}, {_AG_KEY[1]}) = 0) "
    f"OR (instr(NEW.fields, {_AG_KEY[0]}) = 0 AND instr(NEW.fields, {_AG_KEY[1]}) = 0)")
# The agreements those fields were allowed under.
_AGREEMENTS = ("SELECT json_extract(a.value, '$.agreement_id') AS g, {m}.id "
               "FROM json_each({m}.decision, '$.allowed') a "
               "WHERE a.key NOT IN (SELECT key FROM json_each({m}.decision, '$.dropped')) "
               "AND json_extract(a.value, '$.agreement_id') IS NOT NULL "
               "UNION SELECT json_extract(f.value, '$.agreement_id'), s.message_id FROM message_seals s, "
               "json_each(s.fields) f WHERE s.message_id = {m}.id "
               "AND json_extract(f.value, '$.agreement_id') IS NOT NULL")
_STATUS = ("CASE WHEN {m}.channel = 'packet' THEN 'exported' WHEN {m}.state IN ('queued', 'sealed') "
           "THEN CASE WHEN {m}.attempts > 0 THEN 'sent' ELSE 'queued' END ELSE {m}.state END")
_DISCLOSURE_COLUMNS = ("disclosures (id, device_id, message_id, channel, kind, client_id, partner_id, worker_id, "
                       "purpose, at, status, bases, override)")
# A message's disclosure row (the bases worked out once, in the inner query).
_DISCLOSURE_ROW = ("SELECT x.id, x.device_id, x.id, x.channel, x.kind, x.client_id, x.partner_id, x.created_by, "
                   "x.purpose, x.created_at, x.status, x.bases, (x.bases & 64) != 0 FROM (SELECT {m}.id AS id, "
                   "{m}.device_id AS device_id, {m}.channel AS channel, {m}.kind AS kind, {m}.client_id AS client_id, "
                   "{m}.partner_id AS partner_id, {m}.created_by AS created_by, {m}.purpose AS purpose, "
                   "{m}.created_at AS created_at, " + _STATUS + " AS status, " + _BASES + " AS bases{source}) x")

# The table keeps rowid order (the order rows are made in), so the rows a batch of status changes touches sit
# together; every secondary index ends in (at, id), the history's order. Bases other than consent may be rare
# (a page filtered by one would walk the whole history for 200 rows): each has a partial index of its own.
MIGRATION_6 = f"""
CREATE TABLE disclosures (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages(id),
    channel TEXT NOT NULL CHECK (channel IN ('sync', 'packet', 'print')),
    kind TEXT NOT NULL CHECK (kind IN ('share', 'update', 'revocation', 'print', 'pdf')),
    client_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    purpose TEXT,
    at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'acknowledged', 'refused', 'parked', 'cancelled',
                                           'exported', 'printed')),
    bases INTEGER NOT NULL DEFAULT 0,
    override INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1))
);
CREATE INDEX disclosures_at ON disclosures (at, id);
CREATE INDEX disclosures_client ON disclosures (client_id, at, id);
CREATE INDEX disclosures_partner ON disclosures (partner_id, at, id);
CREATE INDEX disclosures_worker ON disclosures (worker_id, at, id);
CREATE INDEX disclosures_status ON disclosures (status, at, id);
CREATE INDEX disclosures_channel ON disclosures (channel, at, id);
CREATE INDEX disclosures_purpose ON disclosures (purpose, at, id);
CREATE INDEX disclosures_message ON disclosures (message_id);
CREATE INDEX disclosures_override ON disclosures (at, id) WHERE override = 1;
CREATE INDEX disclosures_basis_2 ON disclosures (at, id) WHERE (bases & 2) != 0;
CREATE INDEX disclosures_basis_4 ON disclosures (at, id) WHERE (bases & 4) != 0;
CREATE INDEX disclosures_basis_8 ON disclosures (at, id) WHERE (bases & 8) != 0;
CREATE INDEX disclosures_basis_16 ON disclosures (at, id) WHERE (bases & 16) != 0;
CREATE INDEX disclosures_basis_32 ON disclosures (at, id) WHERE (bases & 32) != 0;

CREATE TABLE disclosure_agreements (
    agreement_id TEXT NOT NULL,
    disclosure_id TEXT NOT NULL,
    PRIMARY KEY (agreement_id, disclosure_id)
) WITHOUT ROWID;
CREATE INDEX disclosure_agreements_disclosure ON disclosure_agreements (disclosure_id);

CREATE TRIGGER disclosures_message_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO {_DISCLOSURE_COLUMNS} {_DISCLOSURE_ROW.format(m="NEW", source="")};
    INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id) {_AGREEMENTS.format(m="NEW")};
END;
CREATE TRIGGER disclosures_message_status AFTER UPDATE OF state, attempts ON messages
WHEN ({_STATUS.format(m="OLD")}) IS NOT ({_STATUS.format(m="NEW")})
BEGIN
    UPDATE disclosures SET status = {_STATUS.format(m="NEW")} WHERE id = NEW.id;
END;
CREATE TRIGGER disclosures_message_decision AFTER UPDATE OF decision ON messages
WHEN NEW.decision IS NOT OLD.decision
BEGIN
    UPDATE disclosures SET bases = {_BASES.format(m="NEW")} WHERE id = NEW.id;
    UPDATE disclosures SET override = (bases & 64) != 0 WHERE id = NEW.id AND override != ((bases & 64) != 0);
    DELETE FROM disclosure_agreements WHERE disclosure_id = NEW.id;
    INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id) {_AGREEMENTS.format(m="NEW")};
END;
CREATE TRIGGER disclosures_seal_insert AFTER INSERT ON message_seals
BEGIN
    UPDATE disclosures SET bases = bases | {_SEAL_BASES}, override = ((bases | {_SEAL_BASES}) & 64) != 0
        WHERE id = NEW.message_id AND (bases | {_SEAL_BASES}) != bases;
END;
CREATE TRIGGER disclosures_seal_agreements AFTER INSERT ON message_seals WHEN NOT ({_SEAL_AGREEMENTS_KNOWN})
BEGIN
    INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id)
        SELECT DISTINCT json_extract(f.value, '$.agreement_id'), NEW.message_id FROM json_each(NEW.fields) f
        WHERE json_extract(f.value, '$.agreement_id') IS NOT NULL;
END;

INSERT INTO {_DISCLOSURE_COLUMNS} {_DISCLOSURE_ROW.format(m="m", source=" FROM messages m")}
    ORDER BY x.created_at, x.id;
INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id)
    SELECT json_extract(a.value, '$.agreement_id'), m.id FROM messages m, json_each(m.decision, '$.allowed') a
    WHERE a.key NOT IN (SELECT key FROM json_each(m.decision, '$.dropped'))
    AND json_extract(a.value, '$.agreement_id') IS NOT NULL;
INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id)
    SELECT json_extract(f.value, '$.agreement_id'), s.message_id FROM message_seals s, json_each(s.fields) f
    WHERE json_extract(f.value, '$.agreement_id') IS NOT NULL;
-- Forms printed or saved before this version: one disclosure per audit entry (its id), a copy of the packet's.
INSERT INTO {_DISCLOSURE_COLUMNS}
    SELECT COALESCE(json_extract(a.detail, '$.disclosure_id'), a.id), a.device_id, d.message_id, 'print',
           CASE a.action WHEN 'referral.form_save' THEN 'pdf' ELSE 'print' END, d.client_id, d.partner_id,
           a.actor_id, d.purpose, a.at, 'printed', d.bases, d.override
    FROM audit_log a JOIN disclosures d ON d.id = json_extract(a.detail, '$.message_id') AND d.channel = 'packet'
    WHERE a.action IN ('referral.form_print', 'referral.form_save') AND a.actor_id IS NOT NULL;
INSERT OR IGNORE INTO disclosure_agreements (agreement_id, disclosure_id)
    SELECT g.agreement_id, p.id FROM disclosures p JOIN disclosure_agreements g ON g.disclosure_id = p.message_id
    WHERE p.channel = 'print';

CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('override', 'no_receipt', 'expired_agreement',
                                                 'unacked_revocation')),
    disclosure_id TEXT NOT NULL REFERENCES disclosures(id),
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    comment TEXT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES workers(id),
    at TEXT NOT NULL,
    UNIQUE (item_kind, disclosure_id)
);
CREATE INDEX reviews_disclosure ON reviews (disclosure_id);
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'a review is history: it is never changed');
END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'a review is history: it is never deleted');
END;

CREATE INDEX audit_log_subject ON audit_log (subject_id);
"""

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
    (6, MIGRATION_6),
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
    start = current
    for version, script in MIGRATIONS:
        if current < version <= target:
            with db.transaction() as tx:
                tx.script(script)
                tx.execute("UPDATE schema_version SET version = ?", (version,))
                if version == 6 and tx.scalar("SELECT count(*) >= 10000 FROM disclosures"):
                    # A large history indexed anew: give the planner its statistics (never for a small or new
                    # store, where figures for empty tables would mislead it once they fill).
                    tx.execute("PRAGMA analysis_limit = 2000")
                    tx.execute("ANALYZE")
            current = version
    if current != start:
        log.info(logs.MIGRATED, start, current)
    return current
