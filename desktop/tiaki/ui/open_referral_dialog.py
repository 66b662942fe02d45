"""Open a referral packet another organisation sent, see everything in it, and only then create the client.

Reading the file (capped in size), decrypting, verifying the sender's signature and parsing the referral run in
the background (``session.referrals.open``, which writes nothing). "Create client" imports it
(``session.referrals.import_packet``: all or nothing). Every problem shows as one sentence chosen by its code;
nothing is created when anything is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiaki.core.sharing import Basis
from tiaki.store.session import Session
from tiaki.ui.accessibility import add_labelled_rows, name_button_box, problem_label
from tiaki.ui.card_files import file_row
from tiaki.ui.decision_tables import read_only_table, set_rows, table_rows
from tiaki.ui.labels import QT_TRANSLATE_NOOP, choice_text, local_time, purpose_label
from tiaki.ui.messages import reason_text, store_error_text
from tiaki.ui.referral_dialog import urgency_label
from tiaki.ui.sharing_labels import basis_label, field_key_label
from tiaki.ui.tasks import BackgroundTask

# One sentence per PacketError code (core.packet and store.referrals).
PACKET_ERROR_TEXT: Mapping[str, str] = {
    "too_large": QT_TRANSLATE_NOOP("PacketError", "This file is too large to be a referral packet."),
    "not_a_packet": QT_TRANSLATE_NOOP(
        "PacketError", "This file is not a referral packet, or it is damaged or incomplete."),
    "not_for_us": QT_TRANSLATE_NOOP(
        "PacketError", "This packet was made for another organisation: this organisation's key cannot open it."),
    "malformed": QT_TRANSLATE_NOOP("PacketError", "This packet is damaged: its contents are not in the expected "
                                                  "form."),
    "bad_signature": QT_TRANSLATE_NOOP(
        "PacketError", "The packet's signature does not match: it was changed after it was made, or was not made "
                       "by the sender it names."),
    "recipient_mismatch": QT_TRANSLATE_NOOP(
        "PacketError", "The referral inside was made for another recipient: the packet was passed on by someone "
                       "else."),
    "bundle_invalid": QT_TRANSLATE_NOOP(
        "PacketError", "The referral inside this packet is not in a form Tiaki can import."),
    "unknown_sender": QT_TRANSLATE_NOOP(
        "PacketError", "This packet comes from a sender this organisation does not trust yet: a privacy officer "
                       "trusts its card first (Tools → Partners and agreements → Trust a sender's card)."),
    "already_imported": QT_TRANSLATE_NOOP("PacketError", "This referral has already been imported."),
}


def packet_error_text(exc: BaseException) -> str:
    """One translated sentence for anything opening or importing a packet can raise."""
    code = getattr(exc, "code", None)
    if isinstance(exc, ValueError) and isinstance(code, str) and code in PACKET_ERROR_TEXT:
        return QCoreApplication.translate("PacketError", PACKET_ERROR_TEXT[code])
    if isinstance(exc, OSError):
        return QCoreApplication.translate("PacketError", "That file cannot be read.")
    return store_error_text(exc)


def read_packet_file(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes: a larger file is refused by ``open`` as too large without filling memory."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


class OpenReferralDialog(QDialog):
    imported = Signal(str)  # the new client's id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.data: bytes | None = None
        self.received: Any = None  # store.referrals.ReceivedPacket
        self.client_id: str | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Open a referral"))
        self.setAccessibleName(self.tr("Open a referral"))
        self.resize(780, 720)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Open a referral packet another organisation sent you. Tiaki checks who signed it "
                               "and shows everything in it before any client is created."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.path, self.choose = file_row(self, form, label=self.tr("Packet &file:"), name=self.tr("Packet file"),
                                          caption=self.tr("Referral packet"),
                                          file_filter=self.tr("Referral packets (*.age);;All files (*)"),
                                          load=self.load, on_enter_only=True)
        self.labels: dict[str, QLabel] = {}
        rows = [("sender", self.tr("From:")), ("fingerprint", self.tr("Sender's fingerprint:")),
                ("coordinator", self.tr("Referred by:")), ("date", self.tr("Made:")), ("purpose", self.tr("Purpose:")),
                ("urgency", self.tr("Urgency:")), ("services", self.tr("Services requested:")),
                ("reason", self.tr("Reason:")), ("note", self.tr("Note:"))]
        for key, text in rows:
            label = QLabel(self)
            label.setWordWrap(True)
            label.setAccessibleName(text.rstrip(":"))
            self.labels[key] = label
        bold = QFont(self.labels["fingerprint"].font())
        bold.setBold(True)
        self.labels["fingerprint"].setFont(bold)
        add_labelled_rows(form, self, [(text, self.labels[key]) for key, text in rows])
        layout.addLayout(form)
        fields_label = QLabel(self.tr("&Information in the referral:"), self)
        self.fields = read_only_table(self, self.tr("Information in the referral"),
                                      [self.tr("Information"), self.tr("Value"), self.tr("Basis")])
        fields_label.setBuddy(self.fields)
        withheld_label = QLabel(self.tr("&Withheld by the sender:"), self)
        self.withheld = read_only_table(self, self.tr("Withheld by the sender"),
                                        [self.tr("Information"), self.tr("Why it was withheld")])
        withheld_label.setBuddy(self.withheld)
        for widget in (fields_label, self.fields, withheld_label, self.withheld):
            layout.addWidget(widget, 1 if widget in (self.fields, self.withheld) else 0)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Checking the packet"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.create_button = QPushButton(self.tr("C&reate client"), self)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_client)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        name_button_box(buttons)
        layout.addWidget(buttons)
        self.path.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _clear(self) -> None:
        self.data = None
        self.received = None
        for label in self.labels.values():
            label.clear()
        self.fields.setRowCount(0)
        self.withheld.setRowCount(0)
        self.create_button.setEnabled(False)
        self.status.clear()
        self._show_problem("")

    def _start(self, work: Any, done: Any) -> BackgroundTask:
        self.progress.show()
        self.choose.setEnabled(False)
        self.create_button.setEnabled(False)
        self.task = BackgroundTask(work, self)
        self.task.finished.connect(done)
        self.task.failed.connect(self._failed)
        return self.task.start()

    def load(self, path: Path) -> BackgroundTask | None:
        """Read, decrypt, verify and show the packet at ``path`` (in the background)."""
        if self.task is not None:
            return None
        self._clear()
        from tiaki.core.packet import MAX_PACKET_BYTES

        referrals = self._session.referrals

        def work() -> tuple[bytes, Any]:
            data = read_packet_file(path, MAX_PACKET_BYTES)
            return data, referrals.open(data)

        return self._start(work, self._opened)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.progress.hide()
        self.choose.setEnabled(True)
        self.create_button.setEnabled(self.received is not None and self.client_id is None)
        self._show_problem(packet_error_text(exc))

    def _opened(self, result: tuple[bytes, Any]) -> None:
        self.task = None
        self.progress.hide()
        self.choose.setEnabled(True)
        self.data, self.received = result
        self.show_referral(self.received)
        self.create_button.setEnabled(True)
        self.create_button.setFocus()

    def show_referral(self, received: Any) -> None:
        referral, sender, catalogue = received.referral, received.sender, self._session.catalogue
        details = referral.details
        texts = {"sender": sender.organisation, "fingerprint": sender.fingerprint,
                 "coordinator": referral.coordinator_name, "date": local_time(referral.created_at),
                 "purpose": purpose_label(referral.purpose), "urgency": urgency_label(details.urgency),
                 "services": details.services, "reason": details.reason, "note": details.note}
        for key, text in texts.items():
            self.labels[key].setText(str(text))
        order = {f.key: i for i, f in enumerate(catalogue.fields)}
        set_rows(self.fields, [(field_key_label(catalogue, key), self._value(key, sent.value), self._basis(sent.basis))
                               for key, sent in sorted(referral.fields.items(),
                                                       key=lambda kv: (order.get(kv[0], len(order)), kv[0]))])
        set_rows(self.withheld, [(field_key_label(catalogue, key), reason_text(code))
                                 for key, code in sorted(referral.withheld.items(),
                                                         key=lambda kv: (order.get(kv[0], len(order)), kv[0]))])

    def _value(self, key: str, value: str | int) -> str:
        catalogue = self._session.catalogue
        if key in catalogue and catalogue.get(key).options:
            return choice_text(catalogue.get(key), str(value))
        return str(value)

    @staticmethod
    def _basis(code: str) -> str:
        try:
            return basis_label(Basis(code))
        except ValueError:
            return code

    def rows(self) -> list[tuple[str, ...]]:
        return table_rows(self.fields)

    def create_client(self) -> BackgroundTask | None:
        if self.data is None or self.received is None or self.task is not None or self.client_id is not None:
            return None
        referrals, data = self._session.referrals, self.data
        return self._start(lambda: referrals.import_packet(data), self._imported)

    def _imported(self, client_id: str) -> None:
        self.task = None
        self.progress.hide()
        self.choose.setEnabled(True)
        self.client_id = client_id
        self.status.setText(self.tr("The client was created from the referral of {organisation}.").format(
            organisation=self.received.sender.organisation))
        self.imported.emit(client_id)
        self.accept()
