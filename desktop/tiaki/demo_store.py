"""The demo store behind ``tiaki demo``: fictional workers and about 200 fictional clients."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from tiaki.core.collection import Collection
from tiaki.core.provenance import Source
from tiaki.core.roles import Role
from tiaki.demo import demo_clients
from tiaki.store.session import Session, create_store, store_exists, unlock_store

DEMO_ADMIN = "aroha"
DEMO_PASSPHRASE = "demo passphrase 2026"
DEMO_TEAM = (("tama", "Tama Rāwiri", Role.CASEWORKER), ("mere", "Mere Pōmare", Role.CASEWORKER),
             ("hemi", "Hēmi Ngata", Role.COORDINATOR), ("ngaio", "Ngaio Tāwhiao", Role.SUPERVISOR))


def default_demo_dir() -> Path:
    return Path(platformdirs.user_cache_dir("tiaki", appauthor=False)) / "demo-store"


def open_demo_store(directory: Path | None = None, *, clients: int = 200) -> tuple[Session, Path, str]:
    """Create the demo store on first use, then unlock it as the demo privacy officer."""
    directory = directory or default_demo_dir()
    if store_exists(directory):
        session = unlock_store(directory, passphrase=DEMO_PASSPHRASE, worker_name=DEMO_ADMIN)
    else:
        session, _recovery = create_store(directory, admin_name=DEMO_ADMIN, admin_display_name="Aroha Te Rangi",
                                          passphrase=DEMO_PASSPHRASE)
        session.set_organisation_name("Te Whare Tiaki (demo)")
        team = [session.add_worker(name=n, display_name=d, role=r, passphrase=DEMO_PASSPHRASE)
                for n, d, r in DEMO_TEAM]
        caseworkers = [w.id for w in team if w.role is Role.CASEWORKER]
        collection = Collection(frozenset({"case_management"}), Source.person(), session.notice_given("en"))
        for index, fields in enumerate(demo_clients(clients)):
            session.clients.create(fields, collection=collection, assign_to=caseworkers[index % len(caseworkers)])
    note = (f"Demo store (fictional people only) in {directory}\n"
            f"Workers: {DEMO_ADMIN} (privacy officer), "
            + ", ".join(f"{n} ({r.value.replace('_', ' ')})" for n, _, r in DEMO_TEAM)
            + f"; every demo passphrase is: {DEMO_PASSPHRASE}")
    return session, directory, note
