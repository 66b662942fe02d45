"""Client records: create, edit, view, archive, assign, list and search — with role checks and audit.

Every change is one transaction: the values, the search index and the audit entry commit together. Every
view of a record is audited. A caseworker reaches only their own caseload, whatever the caller asks for.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from tiaki.core import roles
from tiaki.core.audit import Action
from tiaki.core.catalogue import Catalogue, FieldError, Value
from tiaki.core.client import (
    ClientRecord,
    ClientSummary,
    StoredValue,
    display_name,
    duplicate_key,
    search_query,
    search_text,
    sort_key,
)
from tiaki.core.clock import Clock, iso, new_id
from tiaki.core.collection import Collection, CollectionError
from tiaki.core.provenance import Source
from tiaki.core.purposes import PurposeCatalogue
from tiaki.core.roles import Worker
from tiaki.store.audit_log import AuditLog
from tiaki.store.database import Database, Row, Transaction
from tiaki.store.errors import InvalidInput, NotFound

_SUMMARY = "c.id, c.display_name, c.date_of_birth, c.assigned_worker_id, c.updated_at"


def _summary(row: Row) -> ClientSummary:
    return ClientSummary(*row)


@dataclass(frozen=True)
class DuplicateCheck:
    """Likely duplicates: those the worker may see, and how many more exist outside their caseload."""

    visible: list[ClientSummary]
    hidden_count: int

    @property
    def any(self) -> bool:
        return bool(self.visible) or self.hidden_count > 0


class UpdateListener(Protocol):
    """Told of changed fields inside the edit's transaction (the outbox queues updates to partners whose
    agreement lets updates flow), so the edit and what it queues commit together."""

    def client_updated(self, tx: Transaction, client_id: str, fields: frozenset[str]) -> None: ...


class ClientRepository:
    def __init__(self, db: Database, audit: AuditLog, catalogue: Catalogue, purposes: PurposeCatalogue,
                 worker: Callable[[], Worker], clock: Clock, *, updates: UpdateListener | None = None) -> None:
        self._db = db
        self._updates = updates
        self._purposes = purposes
        self._audit = audit
        self._catalogue = catalogue
        self._current_worker = worker
        self._clock = clock

    @property
    def _worker(self) -> Worker:
        """Read afresh: a role change or deactivation applies to sessions that are already open."""
        return self._current_worker()

    # --- scope -------------------------------------------------------------------------------------

    def _scope(self) -> tuple[str, tuple[str, ...]]:
        """SQL restricting rows to what this worker may read."""
        me = self._worker
        roles.require(me.active, "use this store (your account was deactivated)")
        if roles.sees_whole_team(me):
            return "", ()
        return " AND c.assigned_worker_id = ?", (me.id,)

    def _assignment(self, tx: Transaction, client_id: str) -> tuple[int, str | None, str | None]:
        row = tx.query_one("SELECT num, assigned_worker_id, archived_at FROM clients WHERE id = ?", (client_id,))
        if row is None:
            raise NotFound("That client")
        return int(row[0]), row[1], row[2]

    # --- writing -----------------------------------------------------------------------------------

    def create(
        self, values: Mapping[str, object], *, collection: Collection, assign_to: str | None = None,
        anonymous: bool = False,
    ) -> ClientRecord:
        """A new client from values collected for a purpose, from a source, after (or with) a notice."""
        with self._db.transaction() as tx:
            client_id = self.create_in(tx, values, collection=collection, assign_to=assign_to, anonymous=anonymous)
        return self._read(client_id, audit=False)

    def create_in(
        self, tx: Transaction, values: Mapping[str, object], *, collection: Collection, assign_to: str | None = None,
        anonymous: bool = False,
    ) -> str:
        """``create`` in the caller's transaction (a referral import creates the client together with its
        consents and the packet's record): checks, validates, writes the client, its values, collection event,
        search entry and audit entry. Returns the new client's id; raises before writing anything."""
        me = self._worker
        roles.require(me.active and me.role is not roles.Role.SUPERVISOR, "add clients")
        self._check_collection(collection, anonymous=anonymous)
        try:
            fields = self._catalogue.validate_record(values, anonymous=anonymous)
        except FieldError as exc:
            raise InvalidInput.for_field(exc) from None
        assignee = assign_to or me.id
        if assignee != me.id:
            roles.require(roles.can_administer(me) or me.role is roles.Role.COORDINATOR,
                          "assign clients to another worker")
        now = iso(self._clock())
        client_id = new_id()
        self._require_active_worker(tx, assignee)
        tx.execute(
            "INSERT INTO clients (id, created_at, created_by, updated_at, assigned_worker_id, sort_key, "
            "display_name, date_of_birth, duplicate_key, anonymous) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (client_id, now, me.id, now, assignee, sort_key(fields), display_name(fields),
             fields.get("date_of_birth"), duplicate_key(fields), int(anonymous)),
        )
        num = int(tx.scalar("SELECT num FROM clients WHERE id = ?", (client_id,)))
        event_id = self._insert_collection(tx, client_id, collection, now)
        self._insert_values(tx, client_id, fields, collection.source, now, event_id)
        self._index(tx, num, fields)
        self._audit.append(tx, actor_id=me.id, action=Action.CLIENT_CREATE, subject_type="client",
                           subject_id=client_id, detail={"fields": sorted(fields), "source": collection.source.kind,
                                                         "collection_event_id": event_id,
                                                         "purposes": sorted(collection.purposes),
                                                         "anonymous": anonymous})
        return client_id

    def _check_collection(self, collection: Collection, *, anonymous: bool) -> None:
        try:
            collection.check(self._purposes, anonymous=anonymous)
        except CollectionError as exc:
            raise InvalidInput("collection", message=str(exc)) from None

    def _insert_collection(self, tx: Transaction, client_id: str, collection: Collection, now: str) -> str:
        event_id = new_id()
        notice = collection.notice
        tx.execute(
            "INSERT INTO collection_events (id, client_id, recorded_by, recorded_at, purposes, source, source_detail, "
            "notice_version, notice_language, notice_hash, notice_timing, notice_given_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (event_id, client_id, self._worker.id, now, json.dumps(sorted(collection.purposes)),
             collection.source.kind, collection.source.detail(), notice.version, notice.language, notice.hash,
             notice.timing.value, iso(notice.given_at)),
        )
        return event_id

    def update(
        self, client_id: str, changes: Mapping[str, object | None], *, collection: Collection
    ) -> ClientRecord:
        """Apply changed values (None clears a field). Unchanged values keep their provenance; changed ones
        link to this collection event."""
        source = collection.source
        clean: dict[str, Value | None] = {}
        try:
            for key, raw in changes.items():
                fdef = self._catalogue.get(key)
                clean[key] = None if raw is None or raw == "" else self._catalogue.validate(fdef.key, raw)
        except FieldError as exc:
            raise InvalidInput.for_field(exc) from None
        now = iso(self._clock())
        with self._db.transaction() as tx:
            num, assigned, archived = self._assignment(tx, client_id)
            roles.require(roles.can_write_client(self._worker, assigned), "change this client's record")
            if archived:
                raise InvalidInput("archived_client")
            anonymous = bool(tx.scalar("SELECT anonymous FROM clients WHERE id = ?", (client_id,)))
            self._check_collection(collection, anonymous=anonymous)
            if anonymous:
                identity = [k for k, v in clean.items() if v is not None
                            and self._catalogue.get(k).category == "identity"]
                if identity:
                    fdef = self._catalogue.get(identity[0])
                    raise InvalidInput.for_field(FieldError("not_for_anonymous", fdef.key, label=fdef.label))
            current = self._current_values(tx, client_id)
            changed = {k: v for k, v in clean.items() if current.get(k) != v}
            merged = {**current, **{k: v for k, v in changed.items() if v is not None}}
            for key, value in changed.items():
                if value is None:
                    merged.pop(key, None)
            for fdef in self._catalogue.fields:
                if fdef.required and fdef.key not in merged and not anonymous:
                    raise InvalidInput.for_field(FieldError("required", fdef.key, label=fdef.label))
            if changed:
                tx.execute(
                    "UPDATE field_values SET current = 0, superseded_at = ? "
                    f"WHERE client_id = ? AND current = 1 AND field_key IN ({','.join('?' * len(changed))})",
                    (now, client_id, *changed),
                )
                event_id = self._insert_collection(tx, client_id, collection, now)
                self._insert_values(tx, client_id, changed, source, now, event_id)
                tx.execute(
                    "UPDATE clients SET updated_at = ?, sort_key = ?, display_name = ?, date_of_birth = ?, "
                    "duplicate_key = ? WHERE id = ?",
                    (now, sort_key(merged), display_name(merged), merged.get("date_of_birth"),
                     duplicate_key(merged), client_id),
                )
                tx.execute("DELETE FROM client_search WHERE rowid = ?", (num,))
                self._index(tx, num, merged)
                self._audit.append(tx, actor_id=self._worker.id, action=Action.CLIENT_EDIT, subject_type="client",
                                   subject_id=client_id, detail={"fields": sorted(changed), "source": source.kind,
                                                                 "collection_event_id": event_id,
                                                                 "purposes": sorted(collection.purposes)})
                if self._updates is not None:
                    self._updates.client_updated(tx, client_id, frozenset(changed))
        return self._read(client_id, audit=False)

    def archive(self, client_id: str, *, reason: str = "") -> None:
        now = iso(self._clock())
        with self._db.transaction() as tx:
            num, assigned, archived = self._assignment(tx, client_id)
            roles.require(roles.can_write_client(self._worker, assigned), "archive this client")
            if archived:
                return
            tx.execute("UPDATE clients SET archived_at = ?, archived_by = ?, updated_at = ? WHERE id = ?",
                       (now, self._worker.id, now, client_id))
            tx.execute("DELETE FROM client_search WHERE rowid = ?", (num,))
            self._audit.append(tx, actor_id=self._worker.id, action=Action.CLIENT_ARCHIVE, subject_type="client",
                               subject_id=client_id, detail={"reason_given": bool(reason.strip())})

    def assign(self, client_id: str, worker_id: str) -> None:
        roles.require(roles.can_administer(self._worker), "assign clients to caseworkers")
        with self._db.transaction() as tx:
            self._assignment(tx, client_id)
            self._require_active_worker(tx, worker_id)
            tx.execute("UPDATE clients SET assigned_worker_id = ? WHERE id = ?", (worker_id, client_id))
            self._audit.append(tx, actor_id=self._worker.id, action=Action.CLIENT_ASSIGN, subject_type="client",
                               subject_id=client_id, detail={"assigned_worker_id": worker_id})

    def _require_active_worker(self, tx: Transaction, worker_id: str) -> None:
        if not tx.scalar("SELECT 1 FROM workers WHERE id = ? AND active = 1", (worker_id,)):
            raise InvalidInput("worker_unavailable")

    def _insert_values(
        self, tx: Transaction, client_id: str, values: Mapping[str, Value | None], source: Source, now: str,
        event_id: str,
    ) -> None:
        me = self._worker.id
        tx.executemany(
            "INSERT INTO field_values (id, client_id, field_key, value, recorded_by, recorded_at, source, "
            "source_detail, collection_event_id) VALUES (?,?,?,?,?,?,?,?,?)",
            [(new_id(), client_id, key, None if value is None else json.dumps(value, ensure_ascii=False),
              me, now, source.kind, source.detail(), event_id) for key, value in values.items()],
        )

    def _index(self, tx: Transaction, num: int, fields: Mapping[str, Value]) -> None:
        tx.execute("INSERT INTO client_search (rowid, names, identifiers) VALUES (?,?,?)",
                   (num, search_text(self._catalogue, fields, "name"),
                    search_text(self._catalogue, fields, "identifier")))

    @staticmethod
    def _current_values(tx: Transaction, client_id: str) -> dict[str, Value]:
        rows = tx.query("SELECT field_key, value FROM field_values WHERE client_id = ? AND current = 1 "
                        "AND value IS NOT NULL", (client_id,))
        return {key: json.loads(value) for key, value in rows}

    # --- reading -----------------------------------------------------------------------------------

    def get(self, client_id: str) -> ClientRecord:
        """Open a record for viewing: checked against the worker's role and audited."""
        return self._read(client_id, audit=True)

    def _read(self, client_id: str, *, audit: bool) -> ClientRecord:
        with self._db.transaction() as tx:
            row = tx.query_one("SELECT id, created_at, updated_at, assigned_worker_id, archived_at FROM clients "
                               "WHERE id = ?", (client_id,))
            if row is None:
                raise NotFound("That client")
            roles.require(roles.can_read_client(self._worker, row[3]), "see this client's record")
            values = {
                key: StoredValue(json.loads(value), by, at, src, detail, event_id,
                                 frozenset(json.loads(purposes)) if purposes else frozenset())
                for key, value, by, at, src, detail, event_id, purposes in tx.query(
                    "SELECT v.field_key, v.value, v.recorded_by, v.recorded_at, v.source, v.source_detail, "
                    "v.collection_event_id, e.purposes FROM field_values v "
                    "LEFT JOIN collection_events e ON e.id = v.collection_event_id "
                    "WHERE v.client_id = ? AND v.current = 1 AND v.value IS NOT NULL", (client_id,))
            }
            anonymous = bool(tx.scalar("SELECT anonymous FROM clients WHERE id = ?", (client_id,)))
            if audit:
                self._audit.append(tx, actor_id=self._worker.id, action=Action.CLIENT_VIEW, subject_type="client",
                                   subject_id=client_id)
        return ClientRecord(row[0], row[1], row[2], row[3], row[4], values, anonymous)

    def history(self, client_id: str, field_key: str) -> list[StoredValue]:
        """Every value a field has had, newest first (cleared values appear as empty text)."""
        with self._db.transaction() as tx:
            _, assigned, _ = self._assignment(tx, client_id)
            roles.require(roles.can_read_client(self._worker, assigned), "see this client's record")
            rows = tx.query("SELECT value, recorded_by, recorded_at, source, source_detail FROM field_values "
                            "WHERE client_id = ? AND field_key = ? ORDER BY recorded_at DESC, rowid DESC",
                            (client_id, field_key))
            self._audit.append(tx, actor_id=self._worker.id, action=Action.CLIENT_VIEW, subject_type="client",
                               subject_id=client_id, detail={"history_of": field_key})
        return [StoredValue("" if v is None else json.loads(v), by, at, s, d) for v, by, at, s, d in rows]

    def count(self, query: str = "") -> int:
        scope, params = self._scope()
        fts = search_query(query)
        if fts is None:
            return int(self._db.scalar(f"SELECT count(*) FROM clients c WHERE c.archived_at IS NULL{scope}", params))
        if not scope:  # archived clients are not in the index, so the whole team's count needs no join
            return int(self._db.scalar("SELECT count(*) FROM client_search WHERE client_search MATCH ?", (fts,)))
        return int(self._db.scalar(
            "SELECT count(*) FROM client_search s JOIN clients c ON c.num = s.rowid "
            f"WHERE client_search MATCH ? AND c.archived_at IS NULL{scope}", (fts, *params)))

    def list(self, query: str = "", *, offset: int = 0, limit: int = 100) -> list[ClientSummary]:
        """A window of the (searched) list, in name order. Reads summaries only; not audited as a view."""
        scope, params = self._scope()
        fts = search_query(query)
        if fts is None:
            rows = self._db.query(
                f"SELECT {_SUMMARY} FROM clients c WHERE c.archived_at IS NULL{scope} "
                "ORDER BY c.sort_key, c.num LIMIT ? OFFSET ?", (*params, limit, offset))
        else:
            rows = self._db.query(
                f"SELECT {_SUMMARY} FROM client_search s JOIN clients c ON c.num = s.rowid "
                f"WHERE client_search MATCH ? AND c.archived_at IS NULL{scope} "
                "ORDER BY c.sort_key, c.num LIMIT ? OFFSET ?", (fts, *params, limit, offset))
        return [_summary(r) for r in rows]

    def summary_fields(self, client_ids: builtins.list[str], keys: tuple[str, ...]) -> dict[str, dict[str, Value]]:
        """A few current values for clients the worker may already see in a list (not an audited view)."""
        if not client_ids or not keys:
            return {}
        scope, params = self._scope()
        rows = self._db.query(
            "SELECT v.client_id, v.field_key, v.value FROM field_values v JOIN clients c ON c.id = v.client_id "
            f"WHERE v.current = 1 AND v.value IS NOT NULL AND v.client_id IN ({','.join('?' * len(client_ids))}) "
            f"AND v.field_key IN ({','.join('?' * len(keys))}){scope}",
            (*client_ids, *keys, *params))
        out: dict[str, dict[str, Value]] = {cid: {} for cid in client_ids}
        for client_id, key, value in rows:
            out[client_id][key] = json.loads(value)
        return out

    def likely_duplicates(self, values: Mapping[str, object], *, exclude_id: str | None = None) -> DuplicateCheck:
        """Clients with the same folded name and date of birth, for a warning at entry."""
        try:
            fields = {k: self._catalogue.validate(k, v) for k, v in values.items() if v not in (None, "")}
        except FieldError:
            return DuplicateCheck([], 0)
        key = duplicate_key(fields)
        if key is None:
            return DuplicateCheck([], 0)
        rows = self._db.query(
            f"SELECT {_SUMMARY} FROM clients c WHERE c.duplicate_key = ? AND c.archived_at IS NULL AND c.id != ?",
            (key, exclude_id or ""))
        summaries = [_summary(r) for r in rows]
        visible = [s for s in summaries if roles.can_read_client(self._worker, s.assigned_worker_id)]
        return DuplicateCheck(visible, len(summaries) - len(visible))
