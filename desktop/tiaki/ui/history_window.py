"""The Sharing history window: who shared what about whom, with which partner, when and on what basis.

Tabs: History (the filtered list and a disclosure's detail) for every worker — a caseworker's store answers
with their caseload only; Review (the queue of disclosures a supervisor must look at) for reviewers; Picture
(disclosures per partner per week and the split by legal basis, for the current filter); Verify (the audit
log's check) for the oversight roles. A dashboard of review counts sits above the tabs for reviewers.

Opening the window is audited once (``open_view``); each detail the worker opens is audited by the store. A
report of the current filter (CSV or PDF) holds personal information in plain form: the worker is warned and
must choose to save it, the file is written first and then recorded, and a file whose saving cannot be
recorded is removed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tiaki.core import roles
from tiaki.core.history_filter import HistoryFilter, Sort
from tiaki.store.errors import StoreError
from tiaki.store.files import replaced_whole
from tiaki.ui.accessibility import name_buttons, read_only_rows, readable_headers
from tiaki.ui.history_chart import HistoryChart
from tiaki.ui.history_detail import HistoryDetailPanel
from tiaki.ui.history_filters import HistoryFilterBar, local_zone
from tiaki.ui.history_model import (
    COL_BASIS,
    COL_CHANNEL,
    COL_CLIENT,
    COL_PARTNER,
    COL_PURPOSE,
    COL_STATUS,
    COL_TIME,
    COL_WORKER,
    ID_ROLE,
    HistoryModel,
)
from tiaki.ui.messages import store_error_text
from tiaki.ui.review_dashboard import ReviewDashboard
from tiaki.ui.review_panel import ReviewPanel
from tiaki.ui.tasks import BackgroundTask, TaskCancelled
from tiaki.ui.verify_panel import VerifyPanel

if TYPE_CHECKING:
    from tiaki.store.session import Session
    from tiaki.store.sharing_history import HistoryEntry

REPORT_FORMATS = ("csv", "pdf")


def write_report(session: Session, flt: HistoryFilter, sort: Sort, path: Path, fmt: str, *, title: str,
                 filter_lines: list[str], made_by: str, report: Callable[[int, int], None] | None = None) -> int:
    """Write the filtered history to ``path`` (readable by the owner only, replaced whole or not at all), record
    that it was saved, and return how many disclosures it holds. A file whose saving cannot be recorded is
    removed again, so every report on disk has its audit entry. Runs on a worker thread: no widget is touched;
    ``report`` (the task's progress) raises once the task is cancelled."""
    tz = local_zone()
    written = 0

    def counted() -> Iterator[HistoryEntry]:
        nonlocal written
        for entry in session.history.entries(flt, sort):
            written += 1
            if report is not None and written % 500 == 0:
                report(written, 0)
            yield entry

    if fmt == "pdf":
        from tiaki.ui.history_report_pdf import write_history_pdf

        # The PDF counts its pages before painting the first, so it takes the rows as a list.
        write_history_pdf(list(counted()), path, title=title, filter_lines=filter_lines, made_by=made_by, tz=tz)
    else:
        from tiaki.core.history_report import write_csv

        with replaced_whole(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
            write_csv(counted(), out, tz)
    try:
        session.history.record_report(fmt=fmt, flt=flt, entries=written)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return written


class HistoryWindow(QMainWindow):
    report_done = Signal(object)  # the report's Path once written and recorded, or None when it was not saved

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = session
        worker = session.worker
        self.reviewer = roles.can_review_disclosures(worker)
        self.auditor = roles.can_review_audit(worker)
        self.setWindowTitle(self.tr("Sharing history"))
        self.setAccessibleName(self.tr("Sharing history"))
        self.resize(1100, 720)
        self.report_warning: QMessageBox | None = None
        self.report_task: BackgroundTask | None = None
        self.picture_task: BackgroundTask | None = None
        self.counts_task: BackgroundTask | None = None
        self._picture_filter: HistoryFilter | None = None

        self.model = HistoryModel(session.history, parent=self)
        self._build_actions()
        self._build_central(session)
        self.model.total_changed.connect(self._show_total)
        self.model.modelReset.connect(self._show_total)
        self.model.rowsInserted.connect(self._show_total)
        self.model.failed.connect(self.problem.setText)

        try:
            self.filters.set_choices(session.history.choices())
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
        self.filters.filter_changed.connect(self.apply_filter)
        self.filters.search.returnPressed.connect(self.focus_results)  # after the bar has asked the store
        flt = self.filters.current_filter
        self.model.set_filter(flt, Sort())
        self.table.horizontalHeader().setSortIndicator(COL_TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        readable_headers(self.table)  # (with room for the sort arrow)
        try:
            session.history.open_view(flt)
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
        self.refresh_counts()
        self.filters.search.setFocus()

    # --- building ------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.save_action = QAction(self.tr("&Save report…"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.setToolTip(self.tr("Save the history as filtered now as a CSV or PDF file (Ctrl+S)"))
        self.save_action.triggered.connect(self.save_report)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setToolTip(self.tr("Read the history again, with anything shared since it opened (F5)"))
        self.refresh_action.triggered.connect(self.refresh)
        self.close_action = QAction(self.tr("&Close"), self)
        self.close_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("Histor&y"))
        menu.addActions([self.save_action, self.refresh_action, self.close_action])
        self.addActions([self.save_action, self.refresh_action, self.close_action])

    def _build_central(self, session: Session) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.dashboard: ReviewDashboard | None = None
        if self.reviewer:
            self.dashboard = ReviewDashboard(central)
            self.dashboard.kind_chosen.connect(self.show_review_kind)
            layout.addWidget(self.dashboard)
        self.tabs = QTabWidget(central)
        self.tabs.setAccessibleName(self.tr("Sharing history views"))
        self.tabs.tabBar().setAccessibleName(self.tr("Sharing history views"))
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_history_tab(session), self.tr("&History"))

        self.review_panel: ReviewPanel | None = None
        self._review_read = False  # the queue is read when its tab is first shown
        if self.reviewer:
            self.review_panel = ReviewPanel(session, self.tabs)
            self.tabs.addTab(self.review_panel, self.tr("&Review"))
            if self.dashboard is not None:
                self.review_panel.counts_changed.connect(self.dashboard.set_counts)
            self.review_panel.decided.connect(lambda record: self.detail.reload(record.disclosure_id))

        self.picture_page = QWidget(self.tabs)
        picture_layout = QVBoxLayout(self.picture_page)
        self.picture_status = QLabel(self.picture_page)
        self.picture_status.setWordWrap(True)
        self.picture_status.setAccessibleName(self.tr("Picture status"))
        picture_layout.addWidget(self.picture_status)
        self.chart = HistoryChart(self.picture_page)
        picture_layout.addWidget(self.chart, 1)
        self.tabs.addTab(self.picture_page, self.tr("&Picture"))

        self.verify_panel: VerifyPanel | None = None
        if self.auditor:
            self.verify_panel = VerifyPanel(session, self.tabs)
            self.tabs.addTab(self.verify_panel, self.tr("&Verify"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(central)

    def _build_history_tab(self, session: Session) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.filters = HistoryFilterBar(page)
        layout.addWidget(self.filters)

        self.table = QTableView(page)
        self.table.setModel(self.model)
        read_only_rows(self.table, self.tr("Disclosures"))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # Widths from the font, not the rows: measuring contents would read every loaded row.
        em = self.table.fontMetrics().horizontalAdvance("M")
        widths = {COL_TIME: self.table.fontMetrics().horizontalAdvance("8888-88-88 88:88") + 24, COL_CLIENT: 11 * em,
                  COL_PARTNER: 12 * em, COL_WORKER: 9 * em, COL_PURPOSE: 8 * em, COL_CHANNEL: 7 * em,
                  COL_STATUS: 11 * em}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._read_detail)
        self.detail = HistoryDetailPanel(session, page)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 420])
        layout.addWidget(splitter, 1)

        row = QHBoxLayout()
        self.count_label = QLabel(page)
        self.count_label.setAccessibleName(self.tr("Number of disclosures"))
        self.problem = QLabel(page)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("History problem"))
        self.save_button = QPushButton(self.tr("Save r&eport…"), page)
        self.save_button.setToolTip(self.save_action.toolTip())
        self.save_button.clicked.connect(self.save_report)
        name_buttons([self.save_button])
        row.addWidget(self.count_label)
        row.addWidget(self.problem, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.setTabOrder(self.filters.clear_button, self.table)
        self.setTabOrder(self.table, self.detail.view)
        self.setTabOrder(self.detail.view, self.detail.report_button)
        self.setTabOrder(self.detail.report_button, self.save_button)
        return page

    # --- the list ------------------------------------------------------------------------------------

    def apply_filter(self, flt: HistoryFilter) -> None:
        self.problem.clear()
        self.detail.show_nothing()
        self.model.set_filter(flt)
        if self.tabs.currentWidget() is self.picture_page:
            self.refresh_picture()

    def _sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        """The basis column has no order of its own: the header keeps showing the order the list is in."""
        if section == COL_BASIS:
            order = Qt.SortOrder.DescendingOrder if self.model.sort_order.descending else Qt.SortOrder.AscendingOrder
            self.table.horizontalHeader().setSortIndicator(self.model.sort_column(), order)

    def refresh(self) -> None:
        """Read the lists, the rows, the count and the review counts again (the filter stays)."""
        if self.session is None:
            return
        try:
            self.filters.set_choices(self.session.history.choices())
        except (StoreError, PermissionError) as exc:
            self.problem.setText(store_error_text(exc))
        self.detail.show_nothing()
        self.model.refresh()
        self.refresh_counts()
        if self.tabs.currentWidget() is self.picture_page:
            self.refresh_picture()

    def focus_results(self) -> None:
        """Enter in the search box: into the list, on its first row."""
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry_id = current.data(ID_ROLE) if current.isValid() else None
        self.detail.request(str(entry_id) if entry_id else None)

    def _read_detail(self, index: QModelIndex) -> None:
        """Enter on a row: its detail now, with the keyboard in it."""
        entry_id = index.data(ID_ROLE)
        if entry_id:
            self.detail.request(str(entry_id))
            self.detail.load_now()
            self.detail.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_total(self, *_args: object) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total is None:
            self.count_label.setText(self.tr("{shown} disclosure(s) shown; counting…").format(shown=shown))
        elif shown < total:
            self.count_label.setText(self.tr("{shown} of {total} disclosure(s) shown").format(
                shown=shown, total=total))
        else:
            self.count_label.setText(self.tr("{total} disclosure(s)").format(total=total))

    # --- review and picture --------------------------------------------------------------------------

    def show_review_kind(self, kind: str) -> None:
        if self.review_panel is None:
            return
        self.tabs.setCurrentWidget(self.review_panel)  # reads the queue the first time
        self.review_panel.show_kind(kind)

    def refresh_counts(self) -> None:
        """Fill the dashboard's counts on a worker thread (the queue's checks read the whole history)."""
        if self.dashboard is None or self.session is None:
            return
        reviews = self.session.reviews
        # A lambda: BackgroundTask passes its progress callback to a function that takes any argument.
        task = BackgroundTask(lambda: reviews.counts(), self)
        task.finished.connect(self.dashboard.set_counts)
        task.failed.connect(lambda exc: self.problem.setText(store_error_text(exc)))
        self.counts_task = task
        task.start()

    def _tab_changed(self, _index: int) -> None:
        if self.review_panel is not None and self.tabs.currentWidget() is self.review_panel and not self._review_read:
            self._review_read = True
            self.review_panel.refresh()
        if self.tabs.currentWidget() is self.picture_page and self._picture_filter != self.model.filter:
            self.refresh_picture()

    def refresh_picture(self) -> None:
        """The last 12 weeks for the current filter, computed on a worker thread."""
        if self.session is None:
            return
        history, flt = self.session.history, self.model.filter
        self._picture_filter = flt
        self.picture_status.setText(self.tr("Drawing the picture…"))
        task = BackgroundTask(lambda: history.weekly(flt), self)
        task.finished.connect(lambda picture, f=flt: self._show_picture(f, picture))
        task.failed.connect(lambda exc: self.picture_status.setText(store_error_text(exc)))
        self.picture_task = task
        task.start()

    def _show_picture(self, flt: HistoryFilter, picture: Any) -> None:
        if flt != self._picture_filter:
            return  # the filter changed while it was drawn; a newer picture is on its way
        self.picture_status.setText(self.tr("{total} disclosure(s) in the last 12 weeks, for the current filter.")
                                    .format(total=picture.total))
        self.chart.set_picture(picture)

    # --- reports -------------------------------------------------------------------------------------

    def save_report(self) -> QMessageBox | None:
        """Warn that the file holds personal information; only once the worker chooses a format does a save
        dialog follow."""
        if self.session is None or (self.report_task is not None and self.report_task.running):
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save sharing history report"), self.tr(
            "The report holds personal information (clients' names and what was shared about them) and is NOT "
            "encrypted: anyone who gets the file can read it. Save it only where your organisation allows, and "
            "delete it when it is no longer needed."), QMessageBox.StandardButton.Cancel, self)
        self.report_csv = box.addButton(self.tr("Save as &CSV…"), QMessageBox.ButtonRole.AcceptRole)
        self.report_pdf = box.addButton(self.tr("Save as &PDF…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(self.tr("The report is not encrypted"))
        for label in box.findChildren(QLabel):
            label.setAccessibleName(label.text() or self.tr("Warning"))
        name_buttons(box.buttons())
        box.buttonClicked.connect(self._report_choice)
        self.report_warning = box
        box.open()
        return box

    def _report_choice(self, button: object) -> None:
        if button is self.report_csv:
            self._choose_report_path("csv")
        elif button is self.report_pdf:
            self._choose_report_path("pdf")
        else:
            self.report_done.emit(None)

    def _choose_report_path(self, fmt: str) -> None:
        today = dt.date.today().isoformat()
        kinds = {"csv": self.tr("CSV files (*.csv)"), "pdf": self.tr("PDF files (*.pdf)")}
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save sharing history report (not encrypted)"),
                                              f"sharing-history-{today}.{fmt}", kinds[fmt])
        if not name:
            self.report_done.emit(None)
            return
        path = Path(name)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        self.save_report_to(path, fmt)

    def save_report_to(self, path: Path, fmt: str) -> BackgroundTask | None:
        """Write the report on a worker thread, then record it (``report_done`` says how it ended)."""
        if self.session is None or fmt not in REPORT_FORMATS:
            return None
        session, flt, sort = self.session, self.model.filter, self.model.sort_order
        title = self.tr("Sharing history")
        lines = self.filters.describe_lines()
        worker = session.worker
        made_by = worker.display_name or worker.name

        def work(report: Callable[[int, int], None]) -> int:
            return write_report(session, flt, sort, path, fmt, title=title, filter_lines=lines, made_by=made_by,
                                report=report)

        task = BackgroundTask(work, self)
        task.finished.connect(lambda count: self._report_written(path, int(count)))
        task.failed.connect(self._report_failed)
        self.report_task = task
        self.save_action.setEnabled(False)
        self.save_button.setEnabled(False)
        self.problem.setText(self.tr("Saving the report…"))
        return task.start()

    def _report_written(self, path: Path, count: int) -> None:
        self._report_idle()
        self.problem.setText(self.tr("The report ({count} disclosure(s)) was saved as {file} (not encrypted).")
                             .format(count=count, file=path.name))
        self.report_done.emit(path)

    def _report_failed(self, exc: BaseException) -> None:
        self._report_idle()
        if isinstance(exc, TaskCancelled):
            self.problem.setText(self.tr("The report was not saved."))
        elif isinstance(exc, OSError):
            self.problem.setText(self.tr("The report was not saved: that file could not be written. Choose another "
                                         "place."))
        else:
            self.problem.setText(self.tr("The report was not saved: {problem}").format(
                problem=store_error_text(exc)))
        self.report_done.emit(None)

    def _report_idle(self) -> None:
        self.save_action.setEnabled(True)
        self.save_button.setEnabled(True)

    # --- closing -------------------------------------------------------------------------------------

    def clear_session(self) -> None:
        """Forget every row, name and detail (on lock)."""
        for task in (self.report_task, self.picture_task, self.counts_task, self.model.count_task):
            if task is not None:
                task.cancel()
        self.detail.clear_session()
        self.model.clear_session()
        self.session = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clear_session()
        super().closeEvent(event)
