"""The demo store's sharing history: weeks of disclosures made through the store API in the past, with something
for each part of the review queue to show, an audit log that verifies, and nothing added on a second start."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from tiaki.core.clock import utc_now
from tiaki.core.history_filter import HistoryFilter
from tiaki.core.roles import Role
from tiaki.demo_history import PACKET_PARTNER
from tiaki.demo_partner import DEMO_PARTNER
from tiaki.demo_store import open_demo_store


def test_demo_store_has_weeks_of_history_to_review(tmp_path: Path) -> None:
    started = utc_now()
    session, where, _note = open_demo_store(tmp_path / "demo", clients=48)
    try:
        entries = list(session.history.entries(HistoryFilter()))
        kinds = Counter((e.channel, e.status) for e in entries)
        assert kinds[("sync", "acknowledged")] >= 15
        assert kinds[("packet", "exported")] == 2 and kinds[("print", "printed")] == 1
        assert kinds[("sync", "sent")] == 1 and kinds[("sync", "queued")] == 3  # two shares and a revocation
        assert {e.partner_name for e in entries} == {DEMO_PARTNER, PACKET_PARTNER}
        assert {"consent", "approved_sharing_agreement", "serious_threat"} <= {b for e in entries for b in e.bases}
        roles = {w.id: w.role for w in session.workers()}
        assert {roles[e.worker_id] for e in entries} >= {Role.CASEWORKER, Role.COORDINATOR}
        ats = [e.at for e in entries]
        assert min(ats) < started - dt.timedelta(weeks=6) and max(ats) <= started
        weekly = session.history.weekly(HistoryFilter())
        assert sum(1 for week in range(12) if any(weekly.counts.get((p, week)) for p, _ in weekly.partners)) >= 7
        assert session.reviews.counts() == {"override": 1, "no_receipt": 1, "expired_agreement": 0,
                                             "unacked_revocation": 1}
        override = next(i for i in session.reviews.items() if i.kind == "override")
        assert roles[override.worker_id] is Role.CASEWORKER  # so the demo's privacy officer may review it
        assert session.verify_audit().problem is None
        times = [str(r[0]) for r in session._db.query("SELECT at FROM audit_log ORDER BY seq")]
        assert times == sorted(times)  # the history was made in time order
    finally:
        session.lock()
    again, _, _ = open_demo_store(where)
    try:
        assert again.history.count(HistoryFilter()) == len(entries)
    finally:
        again.lock()
