"""Constants shared by the GUI tests (the same values as tests/conftest.py, which is not importable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from tiaki.core.keywrap import KdfParams

FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)
ADMIN = "aroha"
ADMIN_PASS = "kia kaha te reo 2026"


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a worker would. QTest's keyClicks takes only Latin-1, so macron letters (ā, ē, ī, ō, ū) go in
    as key events carrying their text, the way an input method delivers them."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def unnamed_controls(window: QWidget) -> list[str]:
    """Focusable widgets the worker can reach in ``window`` that have no accessible name."""
    missing = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if not widget.accessibleName().strip():
            text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
            missing.append(f"{type(widget).__name__} {text!r} in {type(widget.parent()).__name__}")
    return missing


def unnamed_in_all_tabs(window: QWidget) -> list[str]:
    """Like ``unnamed_controls``, visiting every page of every tab widget in the window."""
    missing: set[str] = set(unnamed_controls(window))
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing.update(unnamed_controls(window))
    return sorted(missing)


def default_collection(session, purposes=("case_management",)):  # type: ignore[no-untyped-def]
    """A collection event like a worker's usual one: case management, from the person, English notice before."""
    import datetime as dt

    from tiaki.core.collection import Collection, NoticeGiven, NoticeTiming
    from tiaki.core.provenance import Source

    notice = session.collection_notice("en", list(purposes))
    assert notice.version == session.notices.version
    return Collection(frozenset(purposes), Source.person(),
                      NoticeGiven(notice.version, "en", notice.hash, NoticeTiming.BEFORE, dt.datetime.now(dt.UTC)))


def add_client(session, values, **kwargs):  # type: ignore[no-untyped-def]
    """``session.clients.create`` with the default collection event (unless one is given)."""
    kwargs.setdefault("collection", default_collection(session))
    return session.clients.create(values, **kwargs)


def finish_collection(qtbot, form, purposes=("case_management",)):  # type: ignore[no-untyped-def]
    """Answer the collection step a form's save opened: tick ``purposes`` and press Save."""
    dialog = form.collection_dialog
    assert dialog is not None and dialog.isVisible(), "saving did not ask for the collection step"
    for key in purposes:
        dialog.set_purpose_checked(key)
    assert dialog.ok_button.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return dialog


def add_partner_with_agreement(session, name="Kāinga Housing Trust", basis="consent",  # type: ignore[no-untyped-def]
                               purposes=("referral",), categories=("identity", "contact")):
    """A partner and one agreement in force since yesterday, added through the store API (privacy officer)."""
    import datetime as dt

    from tiaki.core.sharing import Basis, PartnerKind
    from tiaki.core.sharing_json import AgreementInput, PartnerInput

    partner = session.sharing.add_partner(PartnerInput(name, PartnerKind.NGO, False, ""))
    session.sharing.add_agreement(AgreementInput(
        partner.id, "", "", Basis(basis), frozenset(purposes), frozenset(categories), frozenset(),
        dt.datetime.now(dt.UTC) - dt.timedelta(days=1), None))
    return partner


def consent_input(recipients, purposes=("referral",), categories=("identity", "contact"),  # type: ignore[no-untyped-def]
                  permit=True, language="en"):
    import datetime as dt

    from tiaki.core.sharing import ConsentMethod, GivenBy
    from tiaki.core.sharing_json import ConsentInput

    return ConsentInput(frozenset(recipients), frozenset(purposes), frozenset(categories), permit,
                        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1), None, ConsentMethod.VERBAL, language,
                        GivenBy.PERSON)
