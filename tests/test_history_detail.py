"""One disclosure's detail (receipt checked again, consents as they stand, the override's justification, its
audit entries), the client's IPP 6 report, and audit details that never hold a value."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from history_support import JUSTIFICATION, HistoryWorld, history_world
from outbox_support import PERSON
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.roles import AccessDenied
from tiaki.store.errors import InvalidInput, NotFound


@pytest.fixture
def world(tmp_path: Path) -> Iterator[HistoryWorld]:
    with closing(history_world(tmp_path)) as w:
        yield w


def _details(world: HistoryWorld, action: str) -> list[dict[str, object]]:
    return [json.loads(r[0]) for r in world.admin._db.query(
        "SELECT detail FROM audit_log WHERE action = ? ORDER BY seq", (action,))]


def test_the_detail_of_an_acknowledged_share(world: HistoryWorld) -> None:
    detail = world.supervisor.history.detail(world.ids["sync_tama_a"])
    assert detail.entry.id == detail.disclosure.message_id == world.ids["sync_tama_a"]
    assert detail.receipt_verified is True and detail.disclosure.receipt is not None
    assert {f.field for f in detail.disclosure.fields} == {"given_name", "family_name", "phone"}
    assert set(detail.disclosure.withheld) == {"health_conditions", "case_notes"}
    [consent] = detail.consents
    assert consent.state_now == "active" and consent.purposes == ("referral",)
    assert detail.override_justification is None
    actions = [a.action for a in detail.audit]
    assert actions[0] == "share.queue" and "share.ack" in actions
    assert all(a.subject_id in (world.clients["tama_a"], detail.entry.id) for a in detail.audit)
    # The view itself is audited, ids only.
    assert _details(world, "sharing.disclosure_view") == [{"message_id": detail.entry.message_id,
                                                            "client_id": world.clients["tama_a"]}]


def test_a_tampered_receipt_does_not_verify(world: HistoryWorld) -> None:
    db = world.admin._db
    with db.transaction() as tx:  # the append-only trigger stands in the way of an honest edit, not an attacker
        tx.execute("DROP TRIGGER receipts_no_update")
        signature = str(tx.scalar("SELECT signature FROM receipts WHERE message_id = ?", (world.ids["sync_ana_a"],)))
        forged = ("A" if signature[0] != "A" else "B") + signature[1:]
        tx.execute("UPDATE receipts SET signature = ? WHERE message_id = ?", (forged, world.ids["sync_ana_a"]))
    assert world.supervisor.history.detail(world.ids["sync_ana_a"]).receipt_verified is False
    assert world.supervisor.history.detail(world.ids["sync_tama_a"]).receipt_verified is True
    assert world.supervisor.history.detail(world.ids["no_receipt"]).receipt_verified is None


def test_consents_as_they_stand_now_and_the_override(world: HistoryWorld) -> None:
    detail = world.admin.history.detail(world.ids["sync_ana_a"])
    assert [c.state_now for c in detail.consents] == ["withdrawn"]
    override = world.supervisor.history.detail(world.ids["override"])
    assert override.override_justification == JUSTIFICATION
    assert override.entry.override and override.entry.bases == ("serious_threat",)
    printed = world.supervisor.history.detail(world.ids["print"])
    assert printed.entry.channel == "print" and printed.entry.message_id == world.ids["packet"]
    assert {f.field for f in printed.entry.fields} == {"given_name", "family_name", "phone"}
    assert "referral.form_print" in [a.action for a in printed.audit]
    # Reviews show to reviewers only.
    world.supervisor.reviews.decide(f"override:{world.ids['override']}", "accepted", "Justified by the report")
    assert [r.decision for r in world.admin.history.detail(world.ids["override"]).reviews] == ["accepted"]
    assert world.coordinator.history.detail(world.ids["override"]).reviews == ()
    with pytest.raises(NotFound):
        world.supervisor.history.detail("no-such-id")


def test_the_client_report_names_every_partner_that_received_data_and_no_other_client(world: HistoryWorld) -> None:
    report = world.tama.history.client_report(world.clients["tama_b"])
    assert report.client_name == "Wiremu Kahu" and report.organisation
    by_partner = {r.partner_id: r for r in report.rows}
    # tama_b: synced and acknowledged, a share sent without an answer, an override packet to health.
    assert set(by_partner) == {world.partners["inbox"], world.partners["health"]}
    assert by_partner[world.partners["inbox"]].times == 2
    assert by_partner[world.partners["health"]].bases == ("serious_threat",)
    assert by_partner[world.partners["health"]].channels == ("packet",)
    assert by_partner[world.partners["inbox"]].fields == ("given_name", "family_name", "phone")
    tama_a = world.supervisor.history.client_report(world.clients["tama_a"])
    assert {r.partner_id: r.channels for r in tama_a.rows} == {world.partners["inbox"]: ("sync",),
                                                                world.partners["housing"]: ("packet", "print")}
    # A revocation carries no data; a share never sent is not received.
    ana = world.admin.history.client_report(world.clients["ana_a"])
    assert {r.partner_id: r.times for r in ana.rows} == {world.partners["inbox"]: 1, world.partners["health"]: 1}
    other = world.admin.clients.create({**PERSON, "given_name": "Nobody"}, collection=_collected(world))
    assert world.admin.history.client_report(other.id).rows == ()
    text = repr(report)
    for name in ("Aroha", "Sione", world.clients["tama_a"], world.clients["ana_a"]):
        assert name not in text


def _collected(world: HistoryWorld) -> object:
    from support import collected

    return collected(world.admin)


def test_reports_are_audited_without_values(world: HistoryWorld) -> None:
    flt = HistoryFilter(client_id=world.clients["tama_a"], search="Aroha Tane", basis="consent")
    world.supervisor.history.open_view(flt)
    world.supervisor.history.record_report(fmt="csv", flt=flt, entries=3)
    world.tama.history.record_client_report(world.clients["tama_a"], fmt="pdf", language="mi")
    with pytest.raises(AccessDenied):
        world.ana.history.record_client_report(world.clients["tama_a"], fmt="pdf", language="en")
    with pytest.raises(InvalidInput):
        world.supervisor.history.record_report(fmt="xlsx", flt=flt, entries=3)
    described = {"client_id": world.clients["tama_a"], "basis": "consent", "search": True}
    assert _details(world, "sharing.history_view")[-1] == {"filter": described}
    assert _details(world, "sharing.history_report") == [{"format": "csv", "filter": described, "entries": 3}]
    assert _details(world, "sharing.client_report") == [{"format": "pdf", "language": "mi"}]


def test_no_value_of_any_field_is_in_the_new_audit_details(world: HistoryWorld) -> None:
    for entry_id in world.ids.values():
        if world.admin._db.scalar("SELECT 1 FROM disclosures WHERE id = ?", (entry_id,)):
            world.admin.history.detail(entry_id)
    world.supervisor.reviews.decide(f"no_receipt:{world.ids['no_receipt']}", "accepted", "Chased by phone")
    world.admin.history.open_view(HistoryFilter(search="Kahu"))
    values = [str(v) for r in world.admin._db.query("SELECT value FROM field_values") for v in [json.loads(r[0])]
              if len(str(v)) > 3]
    values += [JUSTIFICATION, "Chased by phone", "Kahu"]
    text = "".join(str(r[0]) for r in world.admin._db.query(
        "SELECT detail FROM audit_log WHERE action IN ('sharing.disclosure_view', 'sharing.history_view', "
        "'review.decide', 'sharing.history_report', 'sharing.client_report', 'referral.export', 'share.queue')"))
    assert text
    for value in values:
        assert value not in text
