"""A client's "Sharing" tab: what was queued or sent to which partner, and where each message stands
(waiting, sent, delivered with a verified receipt, refused or stopped with the reason). From here the person's
"who your information has been shared with" report is made (ui/client_report.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from tiaki.store.errors import StoreError
from tiaki.store.session import Session
from tiaki.ui.accessibility import name_buttons, read_only_rows, readable_headers
from tiaki.ui.client_report import ClientReportDialog
from tiaki.ui.messages import store_error_text
from tiaki.ui.share_preview import SharePreviewDialog
from tiaki.ui.sync_models import MessageStatusModel


class ClientSharingPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._client_id: str | None = None
        self._person = ""
        self.dialog: SharePreviewDialog | None = None
        self.report_dialog: ClientReportDialog | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What has been shared about this person, with whom, and whether the partner "
                               "confirmed receiving it."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = MessageStatusModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, self.tr("Shared with partners"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        readable_headers(self.table)
        layout.addWidget(self.table, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        self.share_button = QPushButton(self.tr("S&hare with partner…"), self)
        self.share_button.clicked.connect(self.share)
        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(self.tr("Share&d-with report…"), self)
        self.report_button.setToolTip(self.tr("A report for the person of who their information was shared with, "
                                              "in English or te reo Māori"))
        self.report_button.clicked.connect(self.report)
        name_buttons([self.share_button, self.refresh_button, self.report_button])
        row.addWidget(self.share_button)
        row.addWidget(self.report_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_for(self, client_id: str | None, person: str, writable: bool) -> None:
        self._client_id, self._person = client_id, person
        self.share_button.setEnabled(client_id is not None and writable)
        self.report_button.setEnabled(client_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.problem.hide()
        if self._client_id is None:
            self.model.set_rows([])
            return
        try:
            self.model.set_rows(self._session.outbox.client_status(self._client_id))
        except (StoreError, PermissionError) as exc:
            self.model.set_rows([])
            self.problem.setText(store_error_text(exc))
            self.problem.show()

    def share(self) -> SharePreviewDialog | None:
        if self._client_id is None:
            return None
        dialog = SharePreviewDialog(self._session, self._client_id, self._person, self)
        dialog.queued.connect(lambda _id: self.refresh())
        self.dialog = dialog
        dialog.open()
        return dialog

    def report(self) -> ClientReportDialog | None:
        if self._client_id is None:
            return None
        dialog = ClientReportDialog(self._session, self._client_id, self._person, self)
        self.report_dialog = dialog
        dialog.open()
        return dialog
