"""A serious-threat override (IPP 11(1)(f)) queued for sync reaches the partner as queued: sealing, the check of
a pending envelope before it is resent and a consent withdrawal all decide it again under the same override
(read back from the message's stored decision), so its fields go on ``serious_threat`` even though no agreement or
consent permits them — against the real partner inbox on loopback, with verified receipts."""

from __future__ import annotations

import json
from pathlib import Path

from outbox_support import CONTACT, IDENTITY, add_client, consent, count
from sync_support import SyncWorld, sync_world
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.sharing import Override
from tiaki.store.outbox_messages import stored_override
from tiaki.store.session import Session

WHY = "Police report an immediate risk to her life; the refuge must be told today."
# Fields the consent agreement never covers (category health) or that never leave the device (case notes): only
# the override lets them go.
OVERRIDE_ONLY = ("health_conditions", "case_notes")


def _override(session: Session) -> Override:
    return Override(WHY, session.worker.id)


def _sent_fields(world: SyncWorld, message_id: str) -> dict[str, str]:
    """field -> basis of the share as the partner holds it (opened with the partner's own key)."""
    return {k: v["basis"] for k, v in world.stored()[message_id].message["fields"].items()}


def _states(session: Session, *ids: str) -> list[str]:
    return [str(session._db.scalar("SELECT state FROM messages WHERE id = ?", (i,))) for i in ids]


def _queued_fields(session: Session, message_id: str) -> set[str]:
    return set(json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?",
                                                 (message_id,))))["allowed"])


def _no_justification_in_audit(session: Session) -> None:
    assert count(session, "SELECT count(*) FROM audit_log WHERE detail LIKE ?", "%immediate risk%") == 0
    assert count(session, "SELECT count(*) FROM audit_log WHERE detail LIKE ?", "%must be told%") == 0


def test_an_override_share_is_sealed_sent_and_acknowledged_on_serious_threat(session: Session,
                                                                             tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        threatened = add_client(session, ("case_management", "referral"))  # no consent for anyone
        [normal] = world.queue(1)  # a consented client, queued in the same run
        override_id = session.outbox.queue_share(threatened, world.partner_id, "referral",
                                                 override=_override(session))
        queued = _queued_fields(session, override_id)
        assert set(OVERRIDE_ONLY) <= queued

        # Sealed now, then checked again before it is sent: still allowed on the basis it was sealed on, so the
        # envelope is not superseded (and would not be on every later check either).
        sealed = session.outbox.seal_next(world.partner_id, max_messages=10, now=world.time.now)
        assert sealed is not None and set(sealed.message_ids) == {normal, override_id}
        seal_fields = json.loads(str(session._db.scalar("SELECT fields FROM message_seals WHERE message_id = ?",
                                                        (override_id,))))
        assert set(seal_fields) == queued and {b["basis"] for b in seal_fields.values()} == {"serious_threat"}
        for _ in range(2):
            assert [p.envelope_id for p in session.outbox.pending(world.partner_id)] == [sealed.envelope_id]
        assert count(session, "SELECT count(*) FROM audit_log WHERE action = 'share.requeue'") == 0

        report = world.engine().run_once()
        assert report.complete
        assert _states(session, normal, override_id) == ["acknowledged", "acknowledged"]
        world.assert_invariants()

        sent = _sent_fields(world, override_id)
        assert set(sent) == queued and set(sent.values()) == {"serious_threat"}
        assert world.stored()[override_id].message["consent_ids"] == []
        assert set(_sent_fields(world, normal).values()) == {"consent"}
        assert not set(OVERRIDE_ONLY) & set(_sent_fields(world, normal))
        assert count(session, "SELECT count(*) FROM receipts r JOIN message_seals s ON s.message_id = r.message_id "
                              "AND s.digest = r.digest WHERE r.message_id = ?", override_id) == 1

        entries = {e.id: e for e in session.history.page(HistoryFilter())}
        assert entries[override_id].override and entries[override_id].bases == ("serious_threat",)
        assert entries[override_id].status == "acknowledged"
        assert {f.field for f in entries[override_id].fields} == queued
        assert not entries[normal].override and entries[normal].bases == ("consent",)
        items = {i.id for i in session.reviews.items()}
        assert f"override:{override_id}" in items and f"override:{normal}" not in items

        details = {e[0]: json.loads(e[1]) for e in session._db.query(
            "SELECT json_extract(detail, '$.message_id'), detail FROM audit_log WHERE action = 'share.queue'")}
        assert details[override_id]["needs_review"] is True
        assert "needs_review" not in details[normal]
        _no_justification_in_audit(session)


def test_a_consent_withdrawal_before_sending_leaves_the_override_and_drops_the_consented_share(
        session: Session, tmp_path: Path) -> None:
    with sync_world(session, tmp_path) as world:
        client = add_client(session, ("case_management", "referral"))
        consent_id = consent(session, client, world.partner_id, IDENTITY | CONTACT)
        ordinary = session.outbox.queue_share(client, world.partner_id, "referral")
        override_id = session.outbox.queue_share(client, world.partner_id, "referral",
                                                 override=_override(session))
        [bystander] = world.queue(1)  # another client's consent stays in force
        queued = _queued_fields(session, override_id)
        session.sharing.withdraw_consent(consent_id)

        assert _states(session, ordinary) == ["cancelled"]
        report = world.engine().run_once()
        assert report.complete
        assert _states(session, ordinary, override_id, bystander) == ["cancelled", "acknowledged", "acknowledged"]
        world.assert_invariants()
        assert ordinary not in world.stored()
        sent = _sent_fields(world, override_id)
        assert set(sent) == queued and set(sent.values()) == {"serious_threat"}  # none rests on the consent
        assert set(_sent_fields(world, bystander).values()) == {"consent"}
        assert count(session, "SELECT count(*) FROM message_seals WHERE message_id = ? AND dropped != '{}'",
                     override_id) == 0
        _no_justification_in_audit(session)


def test_a_share_queued_without_an_override_never_gains_one(session: Session, tmp_path: Path) -> None:
    """The consented share of a client who also has an override share goes on consent only, and once its
    consent is withdrawn after sealing, the pending envelope is superseded and the share cancelled, not sent on
    the override's basis."""
    with sync_world(session, tmp_path) as world:
        client = add_client(session, ("case_management", "referral"))
        consent_id = consent(session, client, world.partner_id, IDENTITY | CONTACT)
        ordinary = session.outbox.queue_share(client, world.partner_id, "referral")
        override_id = session.outbox.queue_share(client, world.partner_id, "referral",
                                                 override=_override(session))
        sealed = session.outbox.seal_next(world.partner_id, max_messages=10, now=world.time.now)
        assert sealed is not None and set(sealed.message_ids) == {ordinary, override_id}
        session.sharing.withdraw_consent(consent_id)
        assert _states(session, ordinary, override_id) == ["cancelled", "queued"]

        assert world.engine().run_once().complete
        assert _states(session, ordinary, override_id) == ["cancelled", "acknowledged"]
        world.assert_invariants()
        assert ordinary not in world.stored()
        assert set(_sent_fields(world, override_id).values()) == {"serious_threat"}
        assert "override" not in json.loads(str(session._db.scalar("SELECT decision FROM messages WHERE id = ?",
                                                                   (ordinary,))))


def test_the_override_is_read_back_only_from_a_valid_record() -> None:
    """What sealing decides under: the stored override as recorded by ``decision_json``; no record, or one that
    could never have been made (no justification worth the name), is no override."""
    assert stored_override({"override": {"justification": WHY, "by": "w1"}}) == Override(WHY, "w1")
    assert stored_override({"override": {"justification": WHY, "by": None}}) == Override(WHY, "")
    for decision in (None, {}, {"allowed": {}}, {"override": None}, {"override": "yes"},
                     {"override": {"justification": "too short", "by": "w1"}}, {"override": {"by": "w1"}}):
        assert stored_override(decision) is None
