"""One client's consent records as a Qt table model: current and past, each row's status as of ``now``.

A client holds a handful of consent records, so the model keeps them all (read once through
``sharing.consents``, an audited read path) and is refreshed after each change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from tiaki.core.catalogue import Catalogue
from tiaki.core.notices import NoticeCatalogue
from tiaki.core.sharing import ConsentRecord, ConsentStatus, Partner
from tiaki.ui.labels import QT_TRANSLATE_NOOP, local_time, purpose_label, text_order
from tiaki.ui.sharing_labels import (
    categories_text,
    decision_label,
    method_label,
    recipients_text,
    status_label,
)

COL_DECISION = 0
COL_RECIPIENTS = 1
COL_PURPOSES = 2
COL_CATEGORIES = 3
COL_GIVEN = 4
COL_EXPIRES = 5
COL_METHOD = 6
COL_LANGUAGE = 7
COL_STATUS = 8

CONSENT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the ConsentRecord
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # a sortable key (ISO times for the time columns)
STATUS_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # the ConsentStatus as of ``now``

_HEADERS = {
    COL_DECISION: QT_TRANSLATE_NOOP("ConsentModel", "Decision"),
    COL_RECIPIENTS: QT_TRANSLATE_NOOP("ConsentModel", "Recipients"),
    COL_PURPOSES: QT_TRANSLATE_NOOP("ConsentModel", "Purposes"),
    COL_CATEGORIES: QT_TRANSLATE_NOOP("ConsentModel", "Information"),
    COL_GIVEN: QT_TRANSLATE_NOOP("ConsentModel", "Given"),
    COL_EXPIRES: QT_TRANSLATE_NOOP("ConsentModel", "Expires"),
    COL_METHOD: QT_TRANSLATE_NOOP("ConsentModel", "Method"),
    COL_LANGUAGE: QT_TRANSLATE_NOOP("ConsentModel", "Language"),
    COL_STATUS: QT_TRANSLATE_NOOP("ConsentModel", "Status"),
}

Index = QModelIndex | QPersistentModelIndex


def _iso(moment: dt.datetime | None) -> str:
    return moment.isoformat() if moment else ""


class ConsentModel(QAbstractTableModel):
    def __init__(self, catalogue: Catalogue, notices: NoticeCatalogue, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._languages = notices.language_names()
        self._records: list[ConsentRecord] = []
        self._partners: Mapping[str, Partner] = {}
        self._now = dt.datetime.now(dt.UTC)

    def set_records(self, records: Sequence[ConsentRecord], partners: Mapping[str, Partner],
                    now: dt.datetime) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._partners = dict(partners)
        self._now = now
        self.endResetModel()

    def record(self, row: int) -> ConsentRecord | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, consent_id: str) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == consent_id), -1)

    def status(self, row: int) -> ConsentStatus | None:
        record = self.record(row)
        return record.status(self._now) if record else None

    # --- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() not in _HEADERS:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == CONSENT_ROLE:
            return record
        if role == STATUS_ROLE:
            return record.status(self._now)
        if role == SORT_ROLE:
            return self._sort_key(record, index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(record, index.column())
        return None

    def _text(self, record: ConsentRecord, column: int) -> str:
        if column == COL_DECISION:
            return decision_label(record.permit)
        if column == COL_RECIPIENTS:
            return recipients_text(record.recipients, self._partners)
        if column == COL_PURPOSES:
            return ", ".join(sorted((purpose_label(p) for p in record.purposes), key=text_order))
        if column == COL_CATEGORIES:
            return categories_text(self._catalogue, record.categories)
        if column == COL_GIVEN:
            return local_time(_iso(record.given_at))
        if column == COL_EXPIRES:
            return local_time(_iso(record.expires_at)) if record.expires_at else QCoreApplication.translate(
                "ConsentModel", "No expiry")
        if column == COL_METHOD:
            return method_label(record.method)
        if column == COL_LANGUAGE:
            return self._languages.get(record.language, record.language)
        return status_label(record.status(self._now))

    def _sort_key(self, record: ConsentRecord, column: int) -> str:
        if column == COL_GIVEN:
            return _iso(record.given_at)
        if column == COL_EXPIRES:
            return _iso(record.expires_at) or "9999"
        return self._text(record, column).casefold()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section in _HEADERS:
            return QCoreApplication.translate("ConsentModel", _HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._records):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
