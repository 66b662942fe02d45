"""The client list model: Qt's model checks, and paging that never reads every row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_support import ADMIN, ADMIN_PASS, FAST_KDF, add_client

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from tiaki.core.client import ClientSummary
from tiaki.demo import demo_clients
from tiaki.store.session import Session, create_store
from tiaki.ui.client_list_model import CLIENT_ID_ROLE, COL_DATE_OF_BIRTH, COL_NAME, COL_UPDATED, ClientListModel
from tiaki.ui.labels import local_date

STORE_CLIENTS = 2_000  # real clients through the real store (about 5 s to make; shared by this module)


@pytest.fixture(scope="module")
def big_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    directory: Path = tmp_path_factory.mktemp("big") / "store"
    session, _key = create_store(directory, admin_name=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    for values in demo_clients(STORE_CLIENTS):
        add_client(session, values)
    yield session
    session.lock()


def test_model_passes_qt_model_checks(qtmodeltester, session: Session) -> None:
    for values in demo_clients(300):
        add_client(session, values)
    model = ClientListModel(session.clients, page_size=50, max_pages=3)
    qtmodeltester.check(model, force_py=True)
    model.set_query("ngata")
    qtmodeltester.check(model, force_py=True)
    assert 0 < model.rowCount() < 300


def test_rows_come_in_pages_and_the_last_row_needs_one_page(big_session: Session) -> None:
    model = ClientListModel(big_session.clients, page_size=100, max_pages=4)
    assert model.rowCount() == big_session.clients.count() == STORE_CLIENTS
    assert model.pages_fetched == 0, "counting reads no rows"
    last = model.index(STORE_CLIENTS - 1, COL_NAME)
    expected = big_session.clients.list(offset=STORE_CLIENTS - 1, limit=1)[0]
    assert last.data() == expected.display_name
    assert last.data(CLIENT_ID_ROLE) == expected.id
    assert model.index(STORE_CLIENTS - 1, COL_DATE_OF_BIRTH).data() == local_date(expected.date_of_birth)
    year, month, day = expected.date_of_birth.split("-")
    before = QLocale()
    QLocale.setDefault(QLocale("en_NZ"))
    try:
        assert model.index(STORE_CLIENTS - 1, COL_DATE_OF_BIRTH).data() == f"{day}/{month}/{year}"
    finally:
        QLocale.setDefault(before)
    assert model.index(STORE_CLIENTS - 1, COL_UPDATED).data()
    assert model.pages_fetched == 1 and model.cached_pages == 1
    # Walking the whole list keeps only a few pages in memory.
    for row in range(0, STORE_CLIENTS, 37):
        assert model.index(row, COL_NAME).data()
    assert model.cached_pages <= 4
    assert model.pages_fetched == STORE_CLIENTS // 100 + 1


def test_search_is_in_the_store_and_resets_the_cache(big_session: Session) -> None:
    model = ClientListModel(big_session.clients)
    model.index(0, COL_NAME).data()
    model.set_query("whanau")
    assert model.cached_pages == 0
    assert model.rowCount() == big_session.clients.count("whanau") > 0
    assert all("Whānau" in model.index(r, COL_NAME).data() for r in range(min(20, model.rowCount())))


class _HundredThousand:
    """Stands in for the repository to show the model's cost at 100,000 rows: it records every read."""

    def __init__(self, total: int = 100_000) -> None:
        self.total = total
        self.reads: list[tuple[int, int]] = []

    def count(self, query: str = "") -> int:
        return self.total

    def list(self, query: str = "", *, offset: int = 0, limit: int = 100) -> list[ClientSummary]:
        self.reads.append((offset, limit))
        return [ClientSummary(f"id-{n}", f"Client {n}", None, None, "2026-01-01T00:00:00+00:00")
                for n in range(offset, min(offset + limit, self.total))]


def test_a_view_over_100000_rows_reads_only_what_it_shows(qtbot) -> None:
    clients = _HundredThousand()
    model = ClientListModel(clients, page_size=200)  # type: ignore[arg-type]
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: any(offset >= 99_800 for offset, _ in clients.reads))
    assert len(clients.reads) <= 3, clients.reads
    assert model.index(99_999, COL_NAME).data() == "Client 99999"
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None
