"""The sharing history's filter bar: the controls a reviewer narrows the history with.

The bar only *builds* a ``HistoryFilter`` and checks it with ``validated()``; which disclosures match is the
store's question alone (``store/history_query.py``), so the list, the CLI and the reports give one answer.
Dates are whole local days, as a person means them ("to 3 May" includes all of 3 May); an unticked date is
no limit. Typing in the search box waits a moment before asking, so each keystroke is not a query.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tiaki.core.history_filter import (
    BASIS_BITS,
    CHANNELS,
    MAX_SEARCH,
    STATUSES,
    HistoryFilter,
    HistoryFilterError,
    day_range,
)
from tiaki.core.sharing import Basis
from tiaki.ui.accessibility import name_spin_box, problem_label
from tiaki.ui.history_model import channel_label, status_label
from tiaki.ui.labels import QT_TRANSLATE_NOOP, purpose_label, text_order
from tiaki.ui.sharing_labels import basis_label

if TYPE_CHECKING:
    from tiaki.store.sharing_history import FilterChoices

SEARCH_DELAY_MS = 250
CONTEXT = "HistoryFilter"

# HistoryFilterError's codes, in the worker's language (core words them in English for the CLI).
FILTER_ERROR_TEXT: Mapping[str, str] = {
    "range": QT_TRANSLATE_NOOP("HistoryFilter", "The 'to' date is before the 'from' date."),
    "date": QT_TRANSLATE_NOOP("HistoryFilter", "A date in the filter is not a real date."),
    "search": QT_TRANSLATE_NOOP(
        "HistoryFilter", "The search text is too long or has a character that cannot be searched for."),
    "channel": QT_TRANSLATE_NOOP("HistoryFilter", "That is not a channel."),
    "status": QT_TRANSLATE_NOOP("HistoryFilter", "That is not a status a disclosure can have."),
    "basis": QT_TRANSLATE_NOOP("HistoryFilter", "That is not a legal basis Tiaki knows."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def filter_error_text(exc: HistoryFilterError) -> str:
    template = FILTER_ERROR_TEXT.get(exc.code)
    return _tr(template) if template else str(exc)


def local_zone() -> dt.tzinfo:
    """The computer's time zone with its daylight-saving rules (a fixed offset would put one end of a range
    that crosses a change an hour out)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class HistoryFilterBar(QWidget):
    """Emits ``filter_changed(HistoryFilter)`` with a validated filter whenever the worker changes a control."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("History filters"))
        self._filter = HistoryFilter()
        self._client_id: str | None = None  # set by set_filter (a client's history); no control of its own
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_now)
        self._build()

    # --- building ------------------------------------------------------------------------------------

    def _date_row(self, text: str, check_name: str, edit_name: str, offset_days: int) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text, self)
        check.setAccessibleName(check_name)
        check.setToolTip(self.tr("Untick for no limit"))
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.currentDate().addDays(offset_days))
        edit.setEnabled(False)
        name_spin_box(edit, edit_name)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(lambda _on: self._changed())
        edit.dateChanged.connect(lambda _d: self._changed(delay=True))
        return check, edit

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        # As wide as the grid gives it, not as the longest choice (a legal basis in words needs more than a
        # 200% screen has); the list that opens is as wide as its choices.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.model().rowsInserted.connect(lambda *_: combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0)))
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(lambda _i: self._changed())
        return combo

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.since_check, self.since = self._date_row(self.tr("&From"), self.tr("Limit to disclosures from a date"),
                                                      self.tr("From date"), -30)
        self.until_check, self.until = self._date_row(self.tr("&To"), self.tr("Limit to disclosures up to a date"),
                                                      self.tr("To date (included)"), 0)
        dates = QHBoxLayout()
        for widget in (self.since_check, self.since, self.until_check, self.until):
            dates.addWidget(widget)
        self.search = QLineEdit(self)
        self.search.setMaxLength(MAX_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Client, partner or worker name, or a disclosure id"))
        self.search.setAccessibleName(self.tr("Search the sharing history"))
        self.search.textChanged.connect(lambda _t: self._changed(delay=True))
        self.search.returnPressed.connect(self.apply_now)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search)
        dates.addSpacing(12)
        dates.addWidget(search_label)
        dates.addWidget(self.search, 1)
        grid.addLayout(dates, 0, 0, 1, 6)

        self.worker = self._combo(self.tr("Worker"), self.tr("All workers"))
        self.partner = self._combo(self.tr("Partner"), self.tr("All partners"))
        self.purpose = self._combo(self.tr("Purpose"), self.tr("All purposes"))
        self.basis = self._combo(self.tr("Legal basis"), self.tr("Any basis"))
        for basis in BASIS_BITS:
            self.basis.addItem(basis_label(Basis(basis)), basis)
        self.channel = self._combo(self.tr("Channel"), self.tr("All channels"))
        for channel in CHANNELS:
            self.channel.addItem(channel_label(channel), channel)
        self.status = self._combo(self.tr("Status"), self.tr("Any status"))
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        rows = ((self.tr("&Worker:"), self.worker), (self.tr("P&artner:"), self.partner),
                (self.tr("P&urpose:"), self.purpose), (self.tr("&Basis:"), self.basis),
                (self.tr("&Channel:"), self.channel), (self.tr("Stat&us:"), self.status))
        for i, (text, combo) in enumerate(rows):
            label = QLabel(text, self)
            label.setBuddy(combo)
            grid.addWidget(label, 1 + i // 3, (i % 3) * 2)
            grid.addWidget(combo, 1 + i // 3, (i % 3) * 2 + 1)
            grid.setColumnStretch((i % 3) * 2 + 1, 1)

        self.client_note = QLabel(self)
        self.client_note.setAccessibleName(self.tr("Client filter"))
        self.client_note.hide()
        self.clear_button = QPushButton(self.tr("C&lear filters"), self)
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        self.problem = problem_label(self)
        self.problem.setAccessibleName(self.tr("Filter problem"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.client_note)
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.clear_button)
        grid.addLayout(bottom, 3, 0, 1, 6)

    # --- choices -------------------------------------------------------------------------------------

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the worker, partner and purpose lists from what the history holds (keeping what is chosen)."""
        self._loading = True
        try:
            _refill(self.worker, choices.workers)
            _refill(self.partner, choices.partners)
            _refill(self.purpose, [(p, purpose_label(p)) for p in choices.purposes])
        finally:
            self._loading = False
        self.apply_now()  # a chosen worker or partner that is gone from the lists no longer filters

    # --- the filter ----------------------------------------------------------------------------------

    @property
    def current_filter(self) -> HistoryFilter:
        """The last valid filter the bar emitted (or set)."""
        return self._filter

    def build(self) -> HistoryFilter:
        """The controls as a validated filter; HistoryFilterError when they cannot be asked."""
        since, until = day_range(_pydate(self.since.date()) if self.since_check.isChecked() else None,
                                 _pydate(self.until.date()) if self.until_check.isChecked() else None,
                                 local_zone())
        return HistoryFilter(since=since, until=until, worker_id=self.worker.currentData(),
                             client_id=self._client_id, partner_id=self.partner.currentData(),
                             purpose=self.purpose.currentData(), basis=self.basis.currentData(),
                             channel=self.channel.currentData(), status=self.status.currentData(),
                             search=self.search.text()).validated()

    def _changed(self, *, delay: bool = False) -> None:
        if self._loading:
            return
        if delay:
            self._timer.start()
        else:
            self.apply_now()

    def apply_now(self) -> HistoryFilter | None:
        """Build the filter now; emit it when it is valid and differs from the last one."""
        self._timer.stop()
        try:
            flt = self.build()
        except HistoryFilterError as exc:
            self.problem.setText(filter_error_text(exc))
            return None
        self.problem.clear()
        if flt != self._filter:
            self._filter = flt
            self.filter_changed.emit(flt)
        return flt

    def clear(self) -> None:
        """Every control back to "all" and no dates; one new filter is emitted."""
        self._loading = True
        try:
            self.since_check.setChecked(False)
            self.until_check.setChecked(False)
            for combo in (self.worker, self.partner, self.purpose, self.basis, self.channel, self.status):
                combo.setCurrentIndex(0)
            self.search.clear()
            self._set_client(None, "")
        finally:
            self._loading = False
        self.apply_now()

    def set_filter(self, flt: HistoryFilter, client_label: str = "") -> None:
        """Show ``flt`` in the controls (dates as the local days they cover) and emit it."""
        self._loading = True
        try:
            zone = local_zone()
            self.since_check.setChecked(flt.since is not None)
            if flt.since is not None:
                day = flt.since.astimezone(zone).date()
                self.since.setDate(QDate(day.year, day.month, day.day))
            self.until_check.setChecked(flt.until is not None)
            if flt.until is not None:
                day = (flt.until - dt.timedelta(microseconds=1)).astimezone(zone).date()
                self.until.setDate(QDate(day.year, day.month, day.day))
            for combo, value in ((self.worker, flt.worker_id), (self.partner, flt.partner_id),
                                 (self.purpose, flt.purpose), (self.basis, flt.basis), (self.channel, flt.channel),
                                 (self.status, flt.status)):
                _choose(combo, value)
            self.search.setText(flt.search)
            self._set_client(flt.client_id, client_label)
        finally:
            self._loading = False
        self.apply_now()

    def _set_client(self, client_id: str | None, label: str) -> None:
        self._client_id = client_id
        self.client_note.setText(self.tr("Client: {name}").format(name=label or client_id) if client_id else "")
        self.client_note.setVisible(client_id is not None)

    def describe_lines(self) -> list[str]:
        """The current filter in words, for a report's header (the search text only as "a search")."""
        flt = self._filter
        lines = []
        if self.since_check.isChecked() and flt.since is not None:
            lines.append(self.tr("From {day}").format(day=self.since.date().toString("yyyy-MM-dd")))
        if self.until_check.isChecked() and flt.until is not None:
            lines.append(self.tr("To {day} (included)").format(day=self.until.date().toString("yyyy-MM-dd")))
        for label, combo in ((self.tr("Worker"), self.worker), (self.tr("Partner"), self.partner),
                             (self.tr("Purpose"), self.purpose), (self.tr("Legal basis"), self.basis),
                             (self.tr("Channel"), self.channel), (self.tr("Status"), self.status)):
            if combo.currentData() is not None:
                lines.append(f"{label}: {combo.currentText()}")
        if flt.client_id:
            lines.append(self.client_note.text())
        if flt.search:
            lines.append(self.tr("Narrowed by a search"))
        return lines or [self.tr("Every disclosure this worker may see")]


def _refill(combo: QComboBox, items: Sequence[tuple[str, str]]) -> None:
    chosen: Any = combo.currentData()
    everything = combo.itemText(0)
    combo.clear()
    combo.addItem(everything, None)
    for key, text in sorted(items, key=lambda item: text_order(item[1])):
        combo.addItem(text, key)
    _choose(combo, chosen)


def _choose(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(index, 0))
