"""Make the README's screenshots from the real app, offscreen, on a fresh demo store of fictional clients.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--languages en,mi]

English screenshots go in docs/screenshots, te reo Māori ones in docs/screenshots/mi.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from tiaki.core.sharing import Basis, ConsentMethod, GivenBy, PartnerKind
from tiaki.core.sharing_json import AgreementInput, ConsentInput, PartnerInput
from tiaki.demo_store import open_demo_store
from tiaki.store.session import Session
from tiaki.ui.app import build_main_window
from tiaki.ui.collection_dialog import CollectionDialog
from tiaki.ui.colours import keep_palette_readable
from tiaki.ui.labels import ui_language
from tiaki.ui.language import InterfaceLanguage
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.settings_dialog import SettingsDialog
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.unlock import UnlockWindow


def settle(app: QApplication, ms: int = 300) -> None:
    """Let layouts, the debounced search and lazy model pages finish before grabbing."""
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def grab(app: QApplication, widget: QWidget, path: Path, size: tuple[int, int]) -> None:
    widget.resize(*size)
    widget.show()
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def _preview(session: Session, client_id: str, person: str, parent: QWidget) -> SharePreviewDialog | None:
    """A fictional partner and agreement, a consent, then the preview the coordinator sees."""
    now = dt.datetime.now(dt.UTC)
    partner = session.sharing.add_partner(PartnerInput("Te Whare Āwhina (demo NGO)", PartnerKind.NGO, False, ""))
    session.sharing.add_agreement(AgreementInput(partner.id, "", "", Basis.CONSENT, frozenset({"referral"}),
                                                 frozenset({"identity", "contact", "health"}), frozenset(),
                                                 now - dt.timedelta(days=1), None))
    session.sharing.record_consent(client_id, ConsentInput(frozenset({partner.id}), frozenset({"referral"}),
                                                           frozenset({"identity", "contact"}), True, now, None,
                                                           ConsentMethod.VERBAL, "mi", GivenBy.PERSON))
    dialog = SharePreviewDialog(session, client_id, person, parent)
    dialog.select(partner.id, "referral")
    return dialog


def _sync(app: QApplication, session: Session, directory: Path, window: QWidget, out: Path) -> None:
    """The demo partner's real inbox on loopback: queue shares, sync, then the sync window and a Sharing tab."""
    from tiaki.demo_partner import set_up_demo_sharing, start_demo_inbox
    from tiaki.sync.engine import SyncEngine
    from tiaki.ui.sync_controller import SyncController
    from tiaki.ui.sync_dialog import SyncDialog, report_text

    inbox = start_demo_inbox(directory)
    try:
        partner_id = set_up_demo_sharing(session, inbox)
        clients = session.clients.list(limit=6)
        for summary in clients:
            session.outbox.queue_share(summary.id, partner_id, "referral")
        report = SyncEngine(session.outbox).run_once(retry_for=30)
        session.outbox.queue_share(clients[0].id, partner_id, "housing_support")  # one still waiting
        controller = SyncController(session, window)
        dialog = SyncDialog(session, controller, window)
        dialog.outcome.setText(report_text(report))
        grab(app, dialog, out / "sync-status.png", (900, 420))
        dialog.reject()
        controller.stop()
        form = window.open_client(clients[0].id)  # type: ignore[attr-defined]
        form.tabs.setCurrentWidget(form.sharing_panel)
        grab(app, form, out / "client-sharing.png", (900, 560))
        form.close_without_asking()
        referral = ReferralDialog(session, clients[0].id, clients[0].display_name, window)
        referral.select(partner_id, "referral")
        referral.reason.setText("Needs safe housing before winter")
        referral.services.setText("Emergency housing assessment")
        grab(app, referral, out / "referral-dialog.png", (900, 680))
        referral.reject()
    finally:
        inbox.stop()


def _history(app: QApplication, window: QWidget, out: Path) -> None:
    """The Sharing history window over the shares _sync made: the newest disclosure selected, its detail open."""
    history = window.show_history()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while history.model.total is None and time.monotonic() < deadline:  # the count runs on a worker thread
        settle(app, 50)
    rows = [history.model.entry(row) for row in range(history.model.rowCount())]
    delivered = [row for row, entry in enumerate(rows) if entry is not None and entry.status == "acknowledged"]
    if rows:
        history.table.setFocus()
        history.table.selectRow(delivered[0] if delivered else 0)  # one with a partner's signed receipt
        history.detail.load_now()
    grab(app, history, out / "sharing-history.png", (1200, 760))
    history.close()


def shoot(app: QApplication, out: Path) -> None:
    """Every main screen, in the language installed now, on a fresh demo store."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tiaki-shots-") as tmp:
        session, directory, _note = open_demo_store(Path(tmp) / "demo", clients=200)
        window = build_main_window(session, app=app)
        grab(app, window, out / "main-window.png", (1100, 680))
        window.search.setText("whanau")
        settle(app, 600)
        grab(app, window, out / "search-macrons.png", (1100, 680))
        first = session.clients.list("whanau", limit=1)
        form = window.open_client(first[0].id) if first else None
        if form is not None:
            grab(app, form, out / "client-form.png", (900, 720))
            collection = CollectionDialog(session, form)
            collection.set_purpose_checked("case_management")
            collection.set_purpose_checked("referral")
            grab(app, collection, out / "collection-step.png", (760, 760))
            collection.reject()
            preview = _preview(session, first[0].id, first[0].display_name, form)
            if preview is not None:
                grab(app, preview, out / "what-would-be-shared.png", (820, 620))
                preview.reject()
            form.close_without_asking()
        settings = SettingsDialog(session, window, language=ui_language())
        grab(app, settings, out / "settings.png", (620, 420))
        settings.reject()
        _sync(app, session, directory, window, out)
        _history(app, window, out)
        window.lock_down()
        window.close()
        session.lock()
        unlock = UnlockWindow(directory)
        grab(app, unlock, out / "unlock.png", (520, 360))
        unlock.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--languages", default="en,mi",
                        help="comma-separated; English goes in OUT, every other language in OUT/<code>")
    args = parser.parse_args()
    out = Path(args.out)
    app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("Tiaki")
    keep_palette_readable(app)  # as run_app does
    language = InterfaceLanguage(app)
    for code in args.languages.split(","):
        if not language.use(code):
            raise SystemExit(f"no compiled translation for {code!r}: run ./run setup first")
        shoot(app, out if code == "en" else out / code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
