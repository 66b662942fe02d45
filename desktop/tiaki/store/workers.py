"""Workers and their roles (stored inside the encrypted database; their key slots live beside it)."""

from __future__ import annotations

from tiaki.core.roles import Role, Worker
from tiaki.core.text import bad_characters, fold, nfc
from tiaki.store.database import Database, Row, Transaction
from tiaki.store.errors import InvalidInput, NotFound

_COLUMNS = "id, name, display_name, role, active"
MAX_NAME = 64


def _worker(row: Row) -> Worker:
    return Worker(id=row[0], name=row[1], display_name=row[2], role=Role(row[3]), active=bool(row[4]))


def clean_worker_name(name: str) -> str:
    name = nfc(name).strip()
    if not name:
        raise InvalidInput("worker_name_missing")
    if len(name) > MAX_NAME:
        raise InvalidInput("worker_name_too_long", max=MAX_NAME)
    if bad_characters(name):
        raise InvalidInput("worker_name_characters")
    return name


def insert_worker(
    tx: Transaction, *, worker_id: str, name: str, display_name: str, role: Role, now: str, created_by: str | None
) -> Worker:
    name = clean_worker_name(name)
    display = nfc(display_name).strip() or name
    if len(display) > 200 or bad_characters(display):
        raise InvalidInput("display_name_invalid")
    if tx.scalar("SELECT 1 FROM workers WHERE name_folded = ?", (fold(name),)):
        raise InvalidInput("worker_exists")
    tx.execute(
        "INSERT INTO workers (id, name, name_folded, display_name, role, active, created_at, created_by) "
        "VALUES (?,?,?,?,?,1,?,?)",
        (worker_id, name, fold(name), display, role.value, now, created_by),
    )
    return Worker(worker_id, name, display, role, True)


def get_worker(db: Database | Transaction, worker_id: str) -> Worker:
    row = db.query_one(f"SELECT {_COLUMNS} FROM workers WHERE id = ?", (worker_id,))
    if row is None:
        raise NotFound("That worker")
    return _worker(row)


def find_worker(db: Database, name: str) -> Worker | None:
    row = db.query_one(f"SELECT {_COLUMNS} FROM workers WHERE name_folded = ?", (fold(nfc(name).strip()),))
    return None if row is None else _worker(row)


def all_workers(db: Database) -> list[Worker]:
    return [_worker(r) for r in db.query(f"SELECT {_COLUMNS} FROM workers ORDER BY name_folded")]


def caseload_sizes(db: Database) -> dict[str, int]:
    rows = db.query("SELECT assigned_worker_id, count(*) FROM clients WHERE archived_at IS NULL "
                    "GROUP BY assigned_worker_id")
    return {str(worker_id): int(n) for worker_id, n in rows if worker_id}
