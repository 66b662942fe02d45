"""The disclosures index, kept by triggers, always equals the history worked out from messages and seals; a store
upgraded from schema 5 gets the same rows by the migration's backfill."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from history_expected import expected, indexed
from history_support import HistoryWorld, _consent, history_world
from outbox_support import PartnerIdentity
from tiaki.store.migrations import MIGRATION_6, migrate, schema_version


@pytest.fixture
def world(tmp_path: Path) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path)) as w:
        yield w


def test_the_world_index_equals_the_recomputation(world: HistoryWorld) -> None:
    assert indexed(world.admin) == expected(world.admin)
    rows = indexed(world.admin)
    assert rows[world.ids["override"]].override == 1 and rows[world.ids["print"]].channel == "print"
    assert rows[world.ids["sync_tama_a"]].status == "acknowledged"
    assert rows[world.ids["no_receipt"]].status == "sent"
    assert rows[world.ids["packet"]].agreements == {world.ids["housing_agreement"]}
    assert rows[world.ids["print"]].agreements == {world.ids["housing_agreement"]}


def test_random_operations_keep_the_index_equal(world: HistoryWorld) -> None:
    """Shares, seals, attempts, parks, requeues, withdrawals, cancellations (archiving), prints, in random order."""
    rng = random.Random(6)
    admin, tama = world.admin, world.tama
    inbox = world.partners["inbox"]
    for step in range(40):
        op = rng.choice(["share", "seal", "attempt", "park", "withdraw", "archive", "print", "requeue"])
        if op == "share":
            cid = rng.choice([world.clients["tama_a"], world.clients["tama_b"]])
            _consent(admin, cid, frozenset({inbox}), world.now())
            tama.outbox.queue_share(cid, inbox, "referral")
        elif op == "seal":
            admin.outbox.seal_next(inbox, max_messages=rng.randint(1, 4))
        elif op == "attempt":
            for env in admin.outbox.pending(inbox)[:1]:
                admin.outbox.record_attempt(env.envelope_id, error=None)
        elif op == "park":
            ids = admin.outbox.unacknowledged_sent(inbox)
            if ids:
                admin.outbox.park(ids[:1], "bad_request")
        elif op == "requeue":
            for env in admin.outbox.pending(inbox)[:1]:
                admin.outbox.requeue_envelope(env.envelope_id, "too_large")
        elif op == "withdraw":
            consents = [c for c in admin.sharing.consents(world.clients["tama_b"]) if not c.events or all(
                e.kind.value != "withdrawn" for e in c.events)]
            if consents:
                tama.sharing.withdraw_consent(rng.choice(consents).id, reason="asked")
        elif op == "archive" and step > 30:
            admin.clients.archive(world.clients["tama_b"])
        elif op == "print":
            world.coordinator.referrals.record_form(world.ids["packet"], saved_pdf=rng.random() < 0.5)
        world.time.advance(seconds=rng.randint(1, 600))
        assert indexed(admin) == expected(admin), f"after {op} at step {step}"
    statuses = {e.status for e in indexed(admin).values()}
    assert {"queued", "sent", "printed", "exported", "acknowledged"} <= statuses


def test_a_store_upgraded_from_schema_5_gets_the_same_rows(world: HistoryWorld) -> None:
    """Take the index away (as a schema-5 store never had it) and migrate: the backfill rebuilds the very rows
    the triggers made, prints included (with their ids, from their audit entries)."""
    before = indexed(world.admin)
    db = world.admin._db
    with db.transaction() as tx:
        for statement in ("DROP TABLE reviews", "DROP TABLE disclosure_agreements", "DROP TABLE disclosures",
                          "DROP INDEX audit_log_subject", "UPDATE schema_version SET version = 5"):
            tx.execute(statement)
        for (name,) in tx.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'disclosures_%'"):
            tx.execute(f"DROP TRIGGER {name}")
    assert schema_version(db) == 5
    assert migrate(db) == 6
    assert indexed(world.admin) == before == expected(world.admin)
    assert "disclosures_message_insert" in MIGRATION_6


def test_a_new_partner_and_share_after_the_upgrade_is_indexed(world: HistoryWorld) -> None:
    partner = PartnerIdentity("Late Partner Trust", inbox_url="http://127.0.0.1:9/")
    pid = world.admin.outbox.enroll_partner(partner.card).id
    assert indexed(world.admin) == expected(world.admin)
    assert pid not in {e.partner_id for e in indexed(world.admin).values()}
