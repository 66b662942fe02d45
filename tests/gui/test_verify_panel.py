"""The Verify tab: a background check with progress that says in the tab whether the log is intact or names the
first altered entry, and lists the signed checkpoints with their key fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

from gui_support import ADMIN_PASS
from sqlcipher3 import dbapi2 as sqlcipher

from PySide6.QtCore import Qt

from support import collected
from tiaki.core.canonical import fingerprint
from tiaki.core.roles import Role
from tiaki.store.keyslots import read_keyslots
from tiaki.store.session import unlock_store
from tiaki.ui.verify_panel import VerifyPanel


def _store_with_checkpoints(session) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        session.clients.create({"given_name": f"Person{i}", "family_name": "Tāwhiao"}, collection=collected(session))
        if i % 5 == 4:
            session.audit.checkpoint()


def _run(qtbot, panel):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.finished, timeout=20_000) as blocker:
        qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_intact_store_says_so_and_lists_checkpoints(qtbot, session, accessibility) -> None:
    _store_with_checkpoints(session)
    panel = VerifyPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.cancel_button.isEnabled()
    result = _run(qtbot, panel)
    assert result is not None and result.intact
    text = panel.result_label.text()
    assert text.startswith("The audit log is intact: ")
    assert f"{result.entries} entries checked" in text and f"{result.checkpoints} signed checkpoint(s)" in text
    assert result.checkpoints == len(session.checkpoints()) >= 2
    rows = panel.checkpoint_rows()
    assert [int(r[0]) for r in rows] == sorted((cp.seq for cp in session.checkpoints()), reverse=True)
    device_fingerprint = session.outbox.device_card().fingerprint()  # what the device card shows
    assert device_fingerprint == fingerprint(session.outbox.sender_key_id)
    assert all(r[2] == device_fingerprint and r[3] == "This device's key" for r in rows)
    assert panel.verify_button.isEnabled() and not panel.cancel_button.isEnabled() and panel.progress.isHidden()
    assert accessibility(panel) == []


def _data_key(data_dir: Path) -> bytes:
    slots = read_keyslots(data_dir)
    return slots.open_with_passphrase(slots.passphrase_slots()[0], ADMIN_PASS)


def test_altered_row_is_named(qtbot, made_store, data_dir: Path) -> None:
    session, _ = made_store
    _store_with_checkpoints(session)
    session.lock()
    conn = sqlcipher.connect(str(data_dir / "tiaki.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{_data_key(data_dir).hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")  # an attacker with the data key can do this much
    seq, entry_id, raw = conn.execute("SELECT seq, id, detail FROM audit_log WHERE seq = 7").fetchone()
    detail = json.loads(raw)
    detail["fields"] = ["nothing"]
    conn.execute("UPDATE audit_log SET detail = ? WHERE seq = 7", (json.dumps(detail),))
    conn.close()
    tampered = unlock_store(data_dir, passphrase=ADMIN_PASS)
    try:
        panel = VerifyPanel(tampered)
        qtbot.addWidget(panel)
        panel.show()
        result = _run(qtbot, panel)
        assert result is not None and not result.intact and result.problem.seq == seq
        text = panel.result_label.text()
        assert text.startswith("The audit log has been altered. The first bad entry: entry 7 (sequence 7")
        assert entry_id in text and result.problem.describe() in text
    finally:
        tampered._db.close()  # no lock entry: keep the tampered log as it is


def test_cancel_stops_without_a_verdict(qtbot, session) -> None:
    panel = VerifyPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    task = panel.verify()
    assert task is not None and panel.cancel_button.isEnabled() and panel.progress.isVisible()
    panel.cancel()
    with qtbot.waitSignal(panel.finished, timeout=20_000) as blocker:
        pass
    # A small log may finish before the cancel is seen; either way the panel is ready again and says what happened.
    assert panel.verify_button.isEnabled() and not panel.cancel_button.isEnabled()
    if blocker.args[0] is None:
        assert "stopped" in panel.result_label.text()
    else:
        assert blocker.args[0].intact


def test_checkpoints_are_for_oversight_roles(qtbot, session) -> None:
    session.add_worker(name="mere", display_name="Mere Tane", role=Role.CASEWORKER,
                       passphrase="kōwhai tree by the river 2026")
    other = unlock_store(session.data_dir, worker_name="mere", passphrase="kōwhai tree by the river 2026")
    try:
        panel = VerifyPanel(other)
        qtbot.addWidget(panel)
        assert panel.checkpoint_rows() == []
        assert panel.table_label.text().startswith("Signed checkpoints: ")
        assert "audit log" in panel.table_label.text()
    finally:
        other.lock()
