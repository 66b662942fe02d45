"""The main window: search-as-you-type over the client list, and the actions a worker's role allows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiaki.core import roles
from tiaki.store.session import Session
from tiaki.store.settings import SYNC_INTERVAL_MINUTES
from tiaki.ui.about_dialog import AboutDialog
from tiaki.ui.accessibility import read_only_rows
from tiaki.ui.client_form import ClientForm
from tiaki.ui.client_list_model import CLIENT_ID_ROLE, COL_DATE_OF_BIRTH, COL_NAME, COL_UPDATED, ClientListModel
from tiaki.ui.clipboard import GuardedClipboard
from tiaki.ui.history_window import HistoryWindow
from tiaki.ui.labels import local_time, number, role_label, ui_language, widest_local_time
from tiaki.ui.open_referral_dialog import OpenReferralDialog
from tiaki.ui.partners_dialog import PartnersDialog
from tiaki.ui.passphrase_dialogs import ChangePassphraseDialog
from tiaki.ui.referral_dialog import ReferralDialog
from tiaki.ui.settings_dialog import SettingsDialog
from tiaki.ui.sync_controller import SyncController
from tiaki.ui.sync_dialog import SyncDialog
from tiaki.ui.verify_log import VerifyLogRun
from tiaki.ui.workers_dialog import WorkersDialog

SEARCH_DELAY_MS = 150


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    store_settings_changed = Signal()
    language_changed = Signal(str)

    def __init__(self, session: Session, clipboard: GuardedClipboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = session
        self._clipboard = clipboard
        self.forms: dict[str, ClientForm] = {}
        self.new_forms: list[ClientForm] = []
        self.verify_run: VerifyLogRun | None = None
        self.history_window: HistoryWindow | None = None
        self.open_referral_dialog: OpenReferralDialog | None = None
        self.sync = SyncController(session, self, interval_minutes=session.setting(SYNC_INTERVAL_MINUTES))
        self.resize(900, 600)

        self.model = ClientListModel(session.clients, parent=self)
        self._build_actions()
        self._build_central()
        self._build_status()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.model.modelReset.connect(self._update_status)
        self._retranslate()
        self._show_failed_unlocks()
        self.search.setFocus()

    # --- building ------------------------------------------------------------------------------------

    def _action(self, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        assert self.session is not None
        worker = self.session.worker
        self.new_client_action = self._action(self.new_client, "Ctrl+N")
        self.new_client_action.setEnabled(worker.role is not roles.Role.SUPERVISOR)
        self.find_action = self._action(self.focus_search, "Ctrl+F")
        self.lock_action = self._action(self.lock_requested.emit, "Ctrl+L")
        self.workers_action = self._action(self.show_workers)
        self.workers_action.setVisible(roles.can_administer(worker))
        self.partners_action = self._action(self.show_partners)
        self.partners_action.setVisible(roles.can_administer(worker))
        self.verify_action = self._action(self.verify_log)
        self.verify_action.setVisible(roles.can_review_audit(worker))
        self.history_action = self._action(self.show_history, "Ctrl+H")
        self.history_action.setVisible(roles.can_see_history(worker))
        self.passphrase_action = self._action(self.change_passphrase)
        self.sync_now_action = self._action(self.sync_now, "F5")
        self.sync_status_action = self._action(self.show_sync)
        self.refer_action = self._action(self.refer_selected)
        self.refer_action.setEnabled(worker.role is not roles.Role.SUPERVISOR)
        self.open_referral_action = self._action(self.open_referral, "Ctrl+O")
        self.open_referral_action.setEnabled(worker.role is not roles.Role.SUPERVISOR)
        self.settings_action = self._action(self.show_settings)
        self.about_action = self._action(self.show_about)
        self.quit_action = self._action(self.quit_requested.emit, QKeySequence.StandardKey.Quit)

        self.clients_menu = self.menuBar().addMenu("")
        self.clients_menu.addActions([self.new_client_action, self.find_action])
        self.clients_menu.addSeparator()
        self.clients_menu.addActions([self.lock_action, self.quit_action])
        self.referrals_menu = self.menuBar().addMenu("")
        self.referrals_menu.addActions([self.refer_action, self.open_referral_action])
        self.sync_menu = self.menuBar().addMenu("")
        self.sync_menu.addActions([self.sync_now_action, self.sync_status_action])
        self.tools_menu = self.menuBar().addMenu("")
        self.tools_menu.addActions([self.history_action, self.workers_action, self.partners_action,
                                    self.verify_action, self.passphrase_action, self.settings_action])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.addActions([self.new_client_action, self.find_action, self.lock_action])

    def _retranslate(self) -> None:
        """Every text this window shows, in the current language (at start and when the language changes)."""
        self.setWindowTitle(self.tr("Tiaki"))
        self.setAccessibleName(self.tr("Tiaki client list"))
        texts: list[tuple[QAction, str, str]] = [
            (self.new_client_action, self.tr("&New client"), self.tr("Record a new client (Ctrl+N)")),
            (self.find_action, self.tr("&Find"), self.tr("Search the client list (Ctrl+F)")),
            (self.lock_action, self.tr("&Lock"), self.tr("Lock Tiaki now (Ctrl+L)")),
            (self.workers_action, self.tr("&Workers…"), ""),
            (self.partners_action, self.tr("P&artners and agreements…"), ""),
            (self.verify_action, self.tr("&Verify log…"), ""),
            (self.history_action, self.tr("Sharing &history…"),
             self.tr("Who shared what about whom, with which partner, when and on what basis (Ctrl+H)")),
            (self.passphrase_action, self.tr("Change my &passphrase…"), ""),
            (self.sync_now_action, self.tr("S&ync now"), self.tr("Send what is queued to partners now (F5)")),
            (self.sync_status_action, self.tr("Sync &status…"), ""),
            (self.refer_action, self.tr("&Refer selected client to partner…"),
             self.tr("Make an encrypted referral packet for a partner")),
            (self.open_referral_action, self.tr("&Open referral…"),
             self.tr("Open a referral packet and create the client (Ctrl+O)")),
            (self.settings_action, self.tr("&Settings…"), ""),
            (self.about_action, self.tr("&About and security…"), ""),
            (self.quit_action, self.tr("&Quit"), ""),
        ]
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip or text.replace("&", ""))
            action.setStatusTip(tip)
        self.clients_menu.setTitle(self.tr("&Clients"))
        self.referrals_menu.setTitle(self.tr("&Referrals"))
        self.sync_menu.setTitle(self.tr("S&ync"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.toolbar.setAccessibleName(self.tr("Main actions"))
        for action in (self.new_client_action, self.find_action, self.lock_action):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", ""))
        self.notice_text.setAccessibleName(self.tr("Security notice"))
        self.notice_dismiss.setText(self.tr("Dismiss"))
        self.notice_dismiss.setAccessibleName(self.tr("Dismiss notice"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Name, NHI, phone… (macrons optional)"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.table.setAccessibleName(self.tr("Clients"))
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self._size_time_columns()
        if not self.notice.isHidden():
            self._show_failed_unlocks()
        self._update_status()
        self._show_sync_state(self.sync.online)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "sync_label"):
            self._retranslate()
        super().changeEvent(event)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.notice = QWidget(central)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(6, 6, 6, 6)
        self.notice.setStyleSheet("background: #fff4ce; color: #3b2f00;")
        self.notice_text = QLabel(self.notice)
        self.notice_text.setWordWrap(True)
        self.notice_dismiss = QPushButton(self.notice)
        self.notice_dismiss.clicked.connect(self.notice.hide)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_dismiss)
        self.notice.hide()
        layout.addWidget(self.notice)

        search_row = QHBoxLayout()
        self.search_label = QLabel(central)
        self.search = QLineEdit(central)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._focus_results)
        self.search_label.setBuddy(self.search)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)

        self.table = QTableView(central)
        self.table.setModel(self.model)
        read_only_rows(self.table, "")
        # Fixed row heights: the view never measures rows it does not show, so 100,000 rows stay fluid.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.search, self.table)

    def _size_time_columns(self) -> None:
        # Sized from the font and the locale's format, not the rows: measuring contents would read every row of
        # a 100,000-row list.
        sample = self.table.fontMetrics().horizontalAdvance(widest_local_time()) + 24
        header = self.table.horizontalHeader()
        for column in (COL_DATE_OF_BIRTH, COL_UPDATED):  # never narrower than the heading
            self.table.setColumnWidth(column, max(sample, header.sectionSizeHint(column)))

    def _build_status(self) -> None:
        self.count_label = QLabel(self)
        self.worker_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.worker_label)
        self.sync.online_changed.connect(self._show_sync_state)
        self.sync.started.connect(lambda: self.sync_label.setText(self.tr("Syncing…")))
        self.sync.progress.connect(lambda done, total: self.sync_label.setText(
            self.tr("Syncing {done} of {total}…").format(done=done, total=total)))
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self.sync_label.setText)

    def _show_sync_state(self, online: object) -> None:
        if self.sync.running:
            return
        if online is False:
            self.sync_label.setText(self.tr("Offline — shares wait on this device"))
        elif online is True:
            self.sync_label.setText(self.tr("Online"))
        else:
            self.sync_label.clear()

    def _on_sync_finished(self, report: object) -> None:
        complete = bool(getattr(report, "complete", False))
        self.sync_label.setText(self.tr("Synced: every message delivered") if complete
                                else self.tr("Synced: some messages still wait (see Sync → Sync status)"))

    def _show_failed_unlocks(self) -> None:
        assert self.session is not None
        failed = self.session.failed_unlocks
        if failed.count <= 0:
            return
        self.notice_text.setText(self.tr(
            "{count} failed attempt(s) to unlock Tiaki since it was last opened; the last at {when}. "
            "If that was not you, tell your privacy officer.").format(
                count=failed.count, when=local_time(failed.last_at)))
        self.notice.show()

    def _update_status(self) -> None:
        if self.session is None:
            self.count_label.clear()
            self.worker_label.clear()
            return
        count = self.model.rowCount()
        if self.model.query:
            self.count_label.setText(self.tr("{n} client(s) match").format(n=number(count)))
        else:
            self.count_label.setText(self.tr("{n} client(s)").format(n=number(count)))
        worker = self.session.worker
        self.worker_label.setText(self.tr("Signed in: {name} — {role}").format(
            name=worker.display_name, role=role_label(worker.role)))

    # --- searching and opening -----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _run_search(self) -> None:
        if self.session is not None:
            self.model.set_query(self.search.text())

    def _focus_results(self) -> None:
        self._search_timer.stop()
        self._run_search()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        client_id = index.data(CLIENT_ID_ROLE)
        if client_id:
            self.open_client(str(client_id))

    def open_client(self, client_id: str) -> ClientForm | None:
        if self.session is None:
            return None
        form = self.forms.get(client_id)
        if form is None:
            form = ClientForm(self.session, self._clipboard, client_id, parent=self)
            self._watch_form(form)
            self.forms[client_id] = form
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def new_client(self) -> ClientForm | None:
        if self.session is None:
            return None
        form = ClientForm(self.session, self._clipboard, None, parent=self)
        self._watch_form(form)
        self.new_forms.append(form)
        form.show()
        return form

    def _watch_form(self, form: ClientForm) -> None:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._form_saved)
        form.archived.connect(lambda _id: self.model.refresh())
        form.open_requested.connect(self.open_client)
        form.destroyed.connect(lambda _obj=None, f=form: self._forget_form(f))

    def _form_saved(self, client_id: str) -> None:
        sender = self.sender()
        if isinstance(sender, ClientForm) and sender in self.new_forms:
            self.new_forms.remove(sender)
            self.forms[client_id] = sender
        self.model.refresh()

    def _forget_form(self, form: ClientForm) -> None:
        self.forms = {k: f for k, f in self.forms.items() if f is not form}
        self.new_forms = [f for f in self.new_forms if f is not form]

    # --- dialogs -------------------------------------------------------------------------------------

    def show_workers(self) -> None:
        if self.session is not None:
            WorkersDialog(self.session, self).open()

    def show_partners(self) -> PartnersDialog | None:
        if self.session is None:
            return None
        dialog = PartnersDialog(self.session, self)
        dialog.open()
        return dialog

    def selected_client_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        client_id = rows[0].data(CLIENT_ID_ROLE) if rows else None
        return str(client_id) if client_id else None

    def refer_selected(self) -> ReferralDialog | None:
        """The selected client's record, with its referral dialog open."""
        client_id = self.selected_client_id()
        if client_id is None:
            self.statusBar().showMessage(self.tr("Select a client in the list first."), 4000)
            return None
        form = self.open_client(client_id)
        return form.refer() if form is not None else None

    def open_referral(self) -> OpenReferralDialog | None:
        if self.session is None:
            return None
        dialog = OpenReferralDialog(self.session, self)
        dialog.imported.connect(self._referral_imported)
        dialog.open()
        self.open_referral_dialog = dialog
        return dialog

    def _referral_imported(self, client_id: str) -> None:
        self.model.refresh()
        self.open_client(client_id)

    def sync_now(self) -> None:
        if self.session is not None and not self.sync.sync_now():
            self.statusBar().showMessage(self.tr("A sync is already running."), 4000)

    def show_sync(self) -> SyncDialog | None:
        if self.session is None:
            return None
        dialog = SyncDialog(self.session, self.sync, self)
        dialog.open()
        return dialog

    def change_passphrase(self) -> None:
        if self.session is not None:
            ChangePassphraseDialog(self.session, self).open()

    def show_settings(self) -> SettingsDialog | None:
        if self.session is None:
            return None
        dialog = SettingsDialog(self.session, self, language=ui_language())
        dialog.store_settings_changed.connect(self._store_settings_changed)
        dialog.language_changed.connect(self.language_changed)
        dialog.open()
        return dialog

    def _store_settings_changed(self) -> None:
        if self.session is not None:
            self.sync.set_interval_minutes(self.session.setting(SYNC_INTERVAL_MINUTES))
        self.store_settings_changed.emit()

    def windows_in_another_language(self) -> int:
        """After a language change: the record and history windows still open. They are left as they are —
        closing them could lose typed work or stop a report being saved — and keep their language until closed;
        the worker is told so. Returns how many."""
        open_windows: list[QWidget] = [*self.forms.values(), *self.new_forms]
        if self.history_window is not None:
            open_windows.append(self.history_window)
        if open_windows:
            self.statusBar().showMessage(self.tr("Open records and the Sharing history keep their language until "
                                                 "you close them."), 10_000)
        return len(open_windows)

    def show_about(self) -> None:
        data_dir = self.session.data_dir if self.session else Path()
        AboutDialog(self.session, data_dir, self).open()

    def show_history(self) -> HistoryWindow | None:
        """The one Sharing history window: opened (and its viewing audited) once, raised when already open."""
        if self.session is None:
            return None
        window = self.history_window
        if window is None:
            window = HistoryWindow(self.session, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _obj=None, w=window: self._forget_history(w))
            self.history_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _forget_history(self, window: HistoryWindow) -> None:
        if self.history_window is window:
            self.history_window = None

    def verify_log(self) -> None:
        if self.session is not None:
            self.verify_run = VerifyLogRun(self.session, self)
            self.verify_run.start()

    # --- locking -------------------------------------------------------------------------------------

    def lock_down(self) -> None:
        """Forget everything on screen from the store: forms, dialogs, rows, search text, the session."""
        self._search_timer.stop()
        self.sync.stop()
        if self.verify_run is not None:
            self.verify_run.cancel()
        for child in self.findChildren(QWidget):
            if child.isWindow() and child is not self and not isinstance(child, QMenu):  # (its own menus stay)
                if isinstance(child, ClientForm):
                    child.close_without_asking()
                else:
                    child.close()
                child.deleteLater()
        self.forms.clear()
        self.new_forms.clear()
        self.history_window = None
        self.model.clear_session()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.notice.hide()
        self.session = None
        self._update_status()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None:
            self.quit_requested.emit()
        super().closeEvent(event)
