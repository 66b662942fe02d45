"""Who may see the sharing history and review disclosures, through the store API (the UI only mirrors it)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from history_support import JUSTIFICATION, HistoryWorld, history_world
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.review import ReviewError
from tiaki.core.roles import AccessDenied


@pytest.fixture
def world(tmp_path: Path) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path)) as w:
        yield w


def _audit(world: HistoryWorld, action: str) -> list[dict[str, object]]:
    return [{"subject_type": r[0], "subject_id": r[1], **json.loads(r[2])} for r in world.admin._db.query(
        "SELECT subject_type, subject_id, detail FROM audit_log WHERE action = ? ORDER BY seq", (action,))]


def test_a_caseworker_sees_only_their_caseload(world: HistoryWorld) -> None:
    mine = {world.clients["tama_a"], world.clients["tama_b"]}
    entries = world.tama.history.page(HistoryFilter())
    assert entries and {e.client_id for e in entries} == mine
    assert world.tama.history.count(HistoryFilter()) == len(entries)
    assert world.tama.history.page(HistoryFilter(client_id=world.clients["ana_a"])) == []
    assert {e.client_id for e in world.ana.history.entries(HistoryFilter())} == {world.clients["ana_a"]}
    with pytest.raises(AccessDenied):
        world.tama.history.detail(world.ids["sync_ana_a"])
    with pytest.raises(AccessDenied):
        world.tama.history.client_report(world.clients["ana_a"])
    team = {e.client_id for e in world.supervisor.history.entries(HistoryFilter())}
    assert team == set(world.clients.values())
    assert {e.client_id for e in world.coordinator.history.entries(HistoryFilter())} == team


@pytest.mark.parametrize("role", ["tama", "ana", "coordinator"])
def test_only_oversight_roles_review(world: HistoryWorld, role: str) -> None:
    session = world.sessions[role]
    with pytest.raises(AccessDenied):
        session.reviews.items()
    with pytest.raises(AccessDenied):
        session.reviews.counts()
    with pytest.raises(AccessDenied):
        session.reviews.decisions()
    with pytest.raises(AccessDenied):
        session.reviews.decide(f"override:{world.ids['override']}", "accepted", "Looked at it")
    assert world.admin._db.scalar("SELECT count(*) FROM reviews") == 0


def test_the_queue_holds_each_kind(world: HistoryWorld) -> None:
    for session in (world.supervisor, world.admin):
        items = session.reviews.items()
        assert {(i.kind, i.disclosure_id) for i in items} == {
            ("override", world.ids["override"]), ("override", world.ids["admin_override"]),
            ("no_receipt", world.ids["no_receipt"]), ("expired_agreement", world.ids["packet"]),
            ("unacked_revocation", world.ids["revocation"])}
        assert [i.at for i in items] == sorted(i.at for i in items)
        assert session.reviews.counts() == {"override": 2, "no_receipt": 1, "expired_agreement": 1,
                                            "unacked_revocation": 1}
    # The unanswered message is 19 days old: a 30-day period does not count it yet.
    assert world.supervisor.reviews.counts(no_receipt_days=30)["no_receipt"] == 0
    [expired] = [i for i in world.supervisor.reviews.items() if i.kind == "expired_agreement"]
    assert expired.detail.startswith(f"agreement:{world.ids['housing_agreement']}:expired:")


def test_a_reviewer_cannot_review_their_own_override(world: HistoryWorld) -> None:
    with pytest.raises(AccessDenied, match="yourself"):
        world.admin.reviews.decide(f"override:{world.ids['admin_override']}", "accepted", "It was justified")
    assert world.admin._db.scalar("SELECT count(*) FROM reviews") == 0
    # Someone else may.
    record = world.supervisor.reviews.decide(f"override:{world.ids['admin_override']}", "accepted", "Justified")
    assert record.reviewer_id == world.workers["supervisor"]


def test_a_decision_is_one_audit_entry_without_the_comment(world: HistoryWorld) -> None:
    comment = "Police report on file; the threat was real and imminent — kōrero with whānau after"
    item = f"override:{world.ids['override']}"
    before = world.admin.audit.count()
    record = world.supervisor.reviews.decide(item, "rejected", comment)
    assert world.admin.audit.count() == before + 1
    [entry] = _audit(world, "review.decide")
    assert entry == {"subject_type": "disclosure", "subject_id": world.ids["override"], "kind": "override",
                     "decision": "rejected", "review_id": record.id, "comment_length": len(comment)}
    text = "".join(str(r[0]) for r in world.admin._db.query("SELECT detail FROM audit_log"))
    assert "Police" not in text and JUSTIFICATION not in text
    # It leaves the queue and cannot be decided again.
    assert item not in {i.id for i in world.supervisor.reviews.items()}
    assert world.supervisor.reviews.counts()["override"] == 1
    with pytest.raises(ReviewError) as err:
        world.admin.reviews.decide(item, "accepted", "Second opinion")
    assert err.value.code == "already_reviewed"
    assert [r.id for r in world.admin.reviews.decisions(world.ids["override"])] == [record.id]
    assert world.admin.reviews.decisions()[0].comment == comment
    with pytest.raises(Exception, match="never changed"), world.admin._db.transaction() as tx:
        tx.execute("UPDATE reviews SET comment = 'x'")


@pytest.mark.parametrize(("item", "code"), [("override:nope", "item"), ("bogus", "item"),
                                            ("no_receipt:{sync_tama_a}", "item")])
def test_items_not_in_the_queue_are_refused(world: HistoryWorld, item: str, code: str) -> None:
    with pytest.raises(ReviewError) as err:
        world.supervisor.reviews.decide(item.format(**world.ids), "accepted", "ok")
    assert err.value.code == code


def test_bad_decisions_and_comments(world: HistoryWorld) -> None:
    item = f"override:{world.ids['override']}"
    for decision, comment, code in (("maybe", "fine", "decision"), ("accepted", "  ", "comment"),
                                    ("accepted", "x" * 2001, "comment")):
        with pytest.raises(ReviewError) as err:
            world.supervisor.reviews.decide(item, decision, comment)
        assert err.value.code == code


def test_checkpoints_are_for_oversight_roles(world: HistoryWorld) -> None:
    world.admin.audit.checkpoint()
    assert world.supervisor.checkpoints() and world.admin.checkpoints()
    for role in ("tama", "coordinator"):
        with pytest.raises(AccessDenied):
            world.sessions[role].checkpoints()
