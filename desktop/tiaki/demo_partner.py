"""The demo's partner: a real partner inbox on 127.0.0.1, run in a thread of the demo app, so "Sync now" in
``tiaki demo`` delivers sealed envelopes over real HTTP and keeps real signed receipts.

Its directory sits beside the demo store. The first run picks a free port and writes it into the partner's
card; later runs listen on that port again (if something else holds it, the demo says so and sync waits, as
it would for a partner that is down).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette

from tiaki.core.clock import iso, utc_now
from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput
from tiaki.demo_history import DEMO_PARTNER, partner_dir
from tiaki.partner.app import create_app
from tiaki.partner.identity import database_path, has_identity, init_identity, load_identity
from tiaki.partner.inbox_db import InboxStore
from tiaki.partner.serve import bind, make_server, url_of
from tiaki.store.session import Session

START_SECONDS = 10.0
CONSENTING_CLIENTS = 40


@dataclass
class DemoInbox:
    directory: Path
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    app: Starlette

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=START_SECONDS)
        self.app.state.service.close()


def start_demo_inbox(store_dir: Path) -> DemoInbox:
    """Create the demo partner on first use, then serve it in a daemon thread (OSError: its port is taken)."""
    directory = partner_dir(store_dir)
    if has_identity(directory):
        url = load_identity(directory).card.inbox_url or ""
        parts = urlsplit(url)
        sock = bind(parts.hostname or "127.0.0.1", parts.port or 0)
    else:
        sock = bind("127.0.0.1", 0)
        init_identity(directory, name=DEMO_PARTNER, kind=PartnerKind.NGO, inbox_url=url_of(sock))
    url = url_of(sock)
    app = create_app(directory)
    server = make_server(app, configure_logging=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="demo-partner-inbox",
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    return DemoInbox(directory, url, server, thread, app)


def set_up_demo_sharing(session: Session, inbox: DemoInbox) -> str:
    """Enrol the demo partner (both ways), with agreements and some consents; idempotent. The partner id.
    (A demo store made by ``open_demo_store`` has all that already, with its sharing history.)"""
    card = load_identity(inbox.directory).card
    InboxStore(database_path(inbox.directory)).allow_sender(session.outbox.device_card(), allowed_at=iso(utc_now()))
    already = any(e.name == card.name for e in session.outbox.endpoints())
    partner = session.outbox.enroll_partner(card)
    if already:
        return partner.id
    start = utc_now() - dt.timedelta(days=30)
    session.sharing.add_agreement(AgreementInput(
        partner.id, "Housing referrals (demo)", "", Basis.CONSENT, frozenset({"referral", "housing_support"}),
        frozenset({"identity", "contact", "living"}), frozenset(), start, None))
    session.sharing.add_agreement(AgreementInput(
        partner.id, "Regional housing AISA (demo)", "Fictional approved information sharing agreement",
        Basis.APPROVED_SHARING_AGREEMENT, frozenset({"housing_support"}), frozenset({"living"}),
        frozenset(), start, None))
    given = utc_now() - dt.timedelta(days=2)
    for summary in session.clients.list(limit=CONSENTING_CLIENTS):  # the others have not been asked yet
        session.sharing.record_consent(summary.id, ConsentInput(
            frozenset({partner.id}), frozenset({"referral", "housing_support"}),
            frozenset({"identity", "contact", "living"}), True, given, None, ConsentMethod.VERBAL, "en",
            GivenBy.PERSON))
    return partner.id
