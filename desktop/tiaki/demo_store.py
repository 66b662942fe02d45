"""The demo store behind ``tiaki demo``: fictional workers, about 200 fictional clients and a sharing history.

A new demo store is made nine weeks in the past (its clock is set back while the clients and the history are
made, ``demo_history``) so the Sharing history window, its picture and the review queue have weeks to show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import platformdirs

from tiaki.core.clock import utc_now
from tiaki.core.collection import Collection
from tiaki.core.provenance import Source
from tiaki.core.roles import Role
from tiaki.demo import demo_clients
from tiaki.demo_history import DemoClock, make_demo_history
from tiaki.store.session import Session, create_store, store_exists, unlock_store

DEMO_ADMIN = "aroha"
DEMO_PASSPHRASE = "demo passphrase 2026"
DEMO_TEAM = (("tama", "Tama Rāwiri", Role.CASEWORKER), ("mere", "Mere Pōmare", Role.CASEWORKER),
             ("hemi", "Hēmi Ngata", Role.COORDINATOR), ("ngaio", "Ngaio Tāwhiao", Role.SUPERVISOR))
HISTORY_SPAN = dt.timedelta(weeks=9)


def default_demo_dir() -> Path:
    return Path(platformdirs.user_cache_dir("tiaki", appauthor=False)) / "demo-store"


def open_demo_store(directory: Path | None = None, *, clients: int = 200) -> tuple[Session, Path, str]:
    """Create the demo store on first use, then unlock it as the demo privacy officer."""
    directory = directory or default_demo_dir()
    if store_exists(directory):
        session = unlock_store(directory, passphrase=DEMO_PASSPHRASE, worker_name=DEMO_ADMIN)
    else:
        clock = DemoClock(utc_now() - HISTORY_SPAN)
        session, _recovery = create_store(directory, admin_name=DEMO_ADMIN, admin_display_name="Aroha Te Rangi",
                                          passphrase=DEMO_PASSPHRASE, clock=clock)
        try:
            session.set_organisation_name("Te Whare Tiaki (demo)")
            team = [session.add_worker(name=n, display_name=d, role=r, passphrase=DEMO_PASSPHRASE)
                    for n, d, r in DEMO_TEAM]
            caseworkers = [w.id for w in team if w.role is Role.CASEWORKER]
            collection = Collection(frozenset({"case_management"}), Source.person(), session.notice_given("en"))
            for index, fields in enumerate(demo_clients(clients)):
                session.clients.create(fields, collection=collection,
                                       assign_to=caseworkers[index % len(caseworkers)])
            make_demo_history(session, directory, clock, passphrase=DEMO_PASSPHRASE,
                              workers=[n for n, _, r in DEMO_TEAM if r in (Role.CASEWORKER, Role.COORDINATOR)])
        finally:
            clock.release()  # from now on the demo runs in real time
    note = (f"Demo store (fictional people only) in {directory}\n"
            f"Workers: {DEMO_ADMIN} (privacy officer), "
            + ", ".join(f"{n} ({r.value.replace('_', ' ')})" for n, _, r in DEMO_TEAM)
            + f"; every demo passphrase is: {DEMO_PASSPHRASE}\n"
            "Tools → Sharing history… (Ctrl+H) shows weeks of fictional disclosures; a caseworker's serious-threat "
            "override waits there for review.")
    return session, directory, note
