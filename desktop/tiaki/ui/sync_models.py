"""Where shared records stand, as Qt table models: per partner (the sync window) and per message (a client).

Both show rows the store computed (``session.outbox.partner_status()`` / ``client_status(id)``); a row says
"acknowledged" only when the store holds the partner's verified receipt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_time, purpose_label
from tiaki.ui.messages import reason_text

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the status row object
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2

STATE_TEXT: Mapping[str, str] = {
    "queued": QT_TRANSLATE_NOOP("Sync", "Waiting to be sent"),
    "sealed": QT_TRANSLATE_NOOP("Sync", "Sealed, waiting to be sent"),
    "sent": QT_TRANSLATE_NOOP("Sync", "Sent, no receipt yet"),
    "acknowledged": QT_TRANSLATE_NOOP("Sync", "Delivered (receipt verified)"),
    "refused": QT_TRANSLATE_NOOP("Sync", "Refused by the partner"),
    "parked": QT_TRANSLATE_NOOP("Sync", "Stopped: needs attention"),
    "cancelled": QT_TRANSLATE_NOOP("Sync", "Cancelled"),
}
KIND_TEXT: Mapping[str, str] = {
    "share": QT_TRANSLATE_NOOP("Sync", "Share"),
    "update": QT_TRANSLATE_NOOP("Sync", "Update"),
    "revocation": QT_TRANSLATE_NOOP("Sync", "Consent withdrawn notice"),
}
# A referral packet leaves by hand (a file), so it never has a receipt: exported is as far as it goes.
PACKET_KIND_TEXT = QT_TRANSLATE_NOOP("Sync", "Referral packet")
PACKET_STATE_TEXT = QT_TRANSLATE_NOOP("Sync", "Exported as an encrypted file (no receipt for packets)")


REASON_EXTRA_TEXT: Mapping[str, str] = {
    "no_value": QT_TRANSLATE_NOOP("Sync", "The information was removed from the record before it was sent."),
    "archived_client": QT_TRANSLATE_NOOP("Sync", "The record was archived before it was sent."),
    "consent_revoked": QT_TRANSLATE_NOOP("Sync", "The partner refused it: the person's consent was withdrawn."),
    "conflict": QT_TRANSLATE_NOOP("Sync", "The partner holds a different version under the same message id."),
}


def state_reason_text(code: str) -> str:
    """Why a message was cancelled, refused or stopped: a policy reason, a sync reason, or the engine's own line."""
    if code in REASON_EXTRA_TEXT:
        return QCoreApplication.translate("Sync", REASON_EXTRA_TEXT[code])
    return reason_text(code)  # a policy reason in words; any other text is shown as it is


# The sync engine runs without Qt and words its problems in English; the fixed ones are translated here by
# their text (a test checks that the engine's fixed lines are all listed). Lines that carry an HTTP status
# ("the inbox answered 503 to the envelope") are shown as the engine words them.
ENGINE_TEXT: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("SyncEngine", "waiting for its next scheduled attempt"),
    QT_TRANSLATE_NOOP("SyncEngine", "sync stopped before everything was sent"),
    QT_TRANSLATE_NOOP("SyncEngine", "queued during the run; sent next time"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox did not accept a connection in time"),
    QT_TRANSLATE_NOOP("SyncEngine", "could not connect to the inbox"),
    QT_TRANSLATE_NOOP("SyncEngine", "the TLS handshake with the inbox timed out"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox certificate could not be verified"),
    QT_TRANSLATE_NOOP("SyncEngine", "the TLS handshake with the inbox failed"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox reply is larger than allowed"),
    QT_TRANSLATE_NOOP("SyncEngine", "the TLS connection to the inbox closed before the reply was complete"),
    QT_TRANSLATE_NOOP("SyncEngine", "the TLS connection to the inbox failed"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox did not answer in time"),
    QT_TRANSLATE_NOOP("SyncEngine", "the connection to the inbox broke before the reply was complete"),
    QT_TRANSLATE_NOOP("SyncEngine", "the connection to the inbox failed"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox reply is not JSON"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox reply is not a JSON object"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox reply is not valid HTTP"),
    QT_TRANSLATE_NOOP("SyncEngine", "the inbox reply is not valid JSON"),
)


def engine_text(line: str | None) -> str:
    if not line:
        return ""
    return QCoreApplication.translate("SyncEngine", line) if line in ENGINE_TEXT else line


def partner_summary(result: Any) -> str:
    """One partner's line after a run (a SyncReport's PartnerResult), in the worker's language."""
    line = QCoreApplication.translate("Sync", "{name}: {acknowledged} acknowledged, {waiting} waiting").format(
        name=result.name, acknowledged=result.acknowledged, waiting=result.waiting)
    if result.parked:
        line += QCoreApplication.translate("Sync", ", {n} set aside").format(n=result.parked)
    if result.refused:
        line += QCoreApplication.translate("Sync", ", {n} refused").format(n=result.refused)
    return f"{line} ({engine_text(result.error)})" if result.error else line


def state_label(state: str) -> str:
    return QCoreApplication.translate("Sync", STATE_TEXT[state]) if state in STATE_TEXT else state


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Sync", KIND_TEXT[kind]) if kind in KIND_TEXT else kind


def _when(moment: dt.datetime | None) -> str:
    return local_time(moment.isoformat()) if moment else ""


class _RowsModel(QAbstractTableModel):
    HEADERS: ClassVar[Mapping[int, str]] = {}
    CONTEXT = "Sync"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            text = self.HEADERS.get(section)
            return QCoreApplication.translate(self.CONTEXT, text) if text else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() not in self.HEADERS:
            return None
        item = self.row(index.row())
        if item is None:
            return None
        if role == ROW_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(item, index.column())
        if role == SORT_ROLE:
            return self.text(item, index.column())
        return None

    def text(self, item: Any, column: int) -> str:
        raise NotImplementedError


class PartnerStatusModel(_RowsModel):
    COL_PARTNER, COL_WAITING, COL_SENT, COL_DELIVERED, COL_STOPPED, COL_LAST, COL_NEXT, COL_PROBLEM = range(8)
    HEADERS: ClassVar[Mapping[int, str]] = {
        COL_PARTNER: QT_TRANSLATE_NOOP("Sync", "Partner"),
        COL_WAITING: QT_TRANSLATE_NOOP("Sync", "Waiting"),
        COL_SENT: QT_TRANSLATE_NOOP("Sync", "Sent, no receipt"),
        COL_DELIVERED: QT_TRANSLATE_NOOP("Sync", "Delivered"),
        COL_STOPPED: QT_TRANSLATE_NOOP("Sync", "Stopped or refused"),
        COL_LAST: QT_TRANSLATE_NOOP("Sync", "Last attempt"),
        COL_NEXT: QT_TRANSLATE_NOOP("Sync", "Next attempt"),
        COL_PROBLEM: QT_TRANSLATE_NOOP("Sync", "Problem"),
    }

    def text(self, item: Any, column: int) -> str:
        values = {
            self.COL_PARTNER: item.name,
            self.COL_WAITING: str(item.queued),
            self.COL_SENT: str(item.sent),
            self.COL_DELIVERED: str(item.acknowledged),
            self.COL_STOPPED: str(item.parked + item.refused),
            self.COL_LAST: _when(item.last_attempt_at),
            self.COL_NEXT: _when(item.next_attempt_at),
            self.COL_PROBLEM: engine_text(item.last_error),
        }
        return str(values[column])


class MessageStatusModel(_RowsModel):
    COL_PARTNER, COL_PURPOSE, COL_KIND, COL_STATE, COL_QUEUED, COL_LAST, COL_DELIVERED, COL_FIELDS = range(8)
    HEADERS: ClassVar[Mapping[int, str]] = {
        COL_PARTNER: QT_TRANSLATE_NOOP("Sync", "Partner"),
        COL_PURPOSE: QT_TRANSLATE_NOOP("Sync", "Purpose"),
        COL_KIND: QT_TRANSLATE_NOOP("Sync", "What"),
        COL_STATE: QT_TRANSLATE_NOOP("Sync", "Status"),
        COL_QUEUED: QT_TRANSLATE_NOOP("Sync", "Queued"),
        COL_LAST: QT_TRANSLATE_NOOP("Sync", "Last attempt"),
        COL_DELIVERED: QT_TRANSLATE_NOOP("Sync", "Delivered"),
        COL_FIELDS: QT_TRANSLATE_NOOP("Sync", "Items sent"),
    }

    def text(self, item: Any, column: int) -> str:
        packet = getattr(item, "channel", "sync") == "packet"
        if packet and item.state == "sealed":
            state = QCoreApplication.translate("Sync", PACKET_STATE_TEXT)
        else:
            state = state_label("sent" if item.state == "sealed" and getattr(item, "sent", False) else item.state)
        if item.state_reason:
            state = f"{state} — {state_reason_text(item.state_reason)}"
        values = {
            self.COL_PARTNER: item.partner_name,
            self.COL_PURPOSE: purpose_label(item.purpose) if item.purpose else "",
            self.COL_KIND: QCoreApplication.translate("Sync", PACKET_KIND_TEXT) if packet else kind_label(item.kind),
            self.COL_STATE: state,
            self.COL_QUEUED: _when(item.created_at),
            self.COL_LAST: _when(item.last_attempt_at),
            self.COL_DELIVERED: _when(item.acknowledged_at),
            self.COL_FIELDS: str(len(item.fields_sent)),
        }
        return str(values[column])
