"""The demo's loopback partner: a real inbox beside the demo store, enrolled both ways, stable across runs."""

from __future__ import annotations

from pathlib import Path

from tiaki.demo_partner import DEMO_PARTNER, set_up_demo_sharing, start_demo_inbox
from tiaki.demo_store import open_demo_store
from tiaki.partner.identity import database_path
from tiaki.partner.inbox_db import InboxStore


def test_demo_partner_is_enrolled_and_keeps_its_port(tmp_path: Path) -> None:
    session, where, _note = open_demo_store(tmp_path / "demo", clients=12)
    try:
        inbox = start_demo_inbox(where)
        try:
            assert inbox.server.started and inbox.url.startswith("http://127.0.0.1:")
            partner_id = set_up_demo_sharing(session, inbox)
            assert set_up_demo_sharing(session, inbox) == partner_id  # a second run changes nothing
            [endpoint] = session.outbox.endpoints()
            assert endpoint.partner_id == partner_id and endpoint.name == DEMO_PARTNER
            assert endpoint.inbox_url == inbox.url
            assert len(session.sharing.agreements(partner_id)) == 2
            consenting = [c for c in session.clients.list(limit=50) if session.sharing.consents(c.id)]
            assert len(consenting) == 12
            device = session.outbox.device_card()
            allowed = InboxStore(database_path(inbox.directory)).sender(device.key_id)
            assert allowed is not None and allowed.device_id == device.device_id
            first_url = inbox.url
        finally:
            inbox.stop()
        again = start_demo_inbox(where)
        try:
            assert again.url == first_url and again.server.started
        finally:
            again.stop()
    finally:
        session.lock()
