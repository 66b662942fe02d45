"""The sharing picture: the numbers in words for screen readers, the keyboard moves the highlighted week, and it
paints at double scale."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from tiaki.store.sharing_history import WeeklyPicture
from tiaki.ui.history_chart import MAX_SERIES, HistoryChart

MONDAY = dt.date(2026, 9, 7)
WEEKS = tuple(MONDAY + dt.timedelta(weeks=i) for i in range(12))


def _picture() -> WeeklyPicture:
    counts = {("p-a", 0): 3, ("p-a", 4): 30, ("p-b", 4): 10, ("p-b", 11): 7, ("p-a", 11): 2}
    return WeeklyPicture(week_starts=WEEKS, partners=(("p-a", "Kāinga Housing Trust"), ("p-b", "Te Whare Āwhina")),
                         counts=counts, bases={"consent": 39, "approved_sharing_agreement": 13, "serious_threat": 1},
                         total=52)


@pytest.fixture
def chart(qtbot):  # type: ignore[no-untyped-def]
    widget = HistoryChart()
    qtbot.addWidget(widget)
    widget.resize(760, 480)
    widget.set_picture(_picture())
    widget.show()
    return widget


def test_accessible_description_states_the_totals(chart, accessibility) -> None:
    assert accessibility(chart) == []
    text = chart.accessibleDescription()
    assert text.startswith("12 weeks, 52 disclosure(s); busiest week 5 Oct 2026 with 40; ")
    assert "by basis: consent 75%, approved sharing agreement 25%, serious threat 2%" in text
    assert "by partner: Kāinga Housing Trust 35, Te Whare Āwhina 17" in text
    # The highlight starts on the current (last) week, and its numbers are visible as well as announced.
    assert chart.highlight == 11
    assert chart.summary.isVisible()
    assert chart.summary.text() == "Week of 23 Nov 2026: 9 disclosure(s) — Kāinga Housing Trust 2, Te Whare Āwhina 7."
    assert chart.summary.text() in chart.accessibleName()
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_left_and_right_move_the_highlighted_week(qtbot, chart) -> None:
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    before = chart.summary.text()
    for _ in range(7):
        qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.highlight == 4
    assert chart.summary.text() != before
    assert chart.summary.text() == ("Week of 5 Oct 2026: 40 disclosure(s) — Kāinga Housing Trust 30, "
                                    "Te Whare Āwhina 10.")
    assert chart.summary.text() in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.highlight == 5 and chart.summary.text() == "Week of 12 Oct 2026: 0 disclosure(s)."
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    qtbot.keyClick(chart, Qt.Key.Key_Left)  # stays on the first week
    assert chart.highlight == 0
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.highlight == 11


def _ink_pixels(image: QImage, background: QColor) -> int:
    step = 4
    return sum(1 for y in range(0, image.height(), step) for x in range(0, image.width(), step)
               if image.pixelColor(x, y) != background)


def test_renders_on_screen_and_at_double_scale(chart) -> None:
    grabbed = chart.grab().toImage()
    assert not grabbed.isNull() and grabbed.width() >= 760
    background = chart.palette().window().color()
    assert _ink_pixels(grabbed, background) > 200
    big = QImage(1520, 960, QImage.Format.Format_ARGB32)
    big.fill(background)
    painter = QPainter(big)
    painter.scale(2, 2)
    chart.draw(painter, QRectF(0, 0, 760, 480))
    painter.end()
    assert _ink_pixels(big, background) > 4 * _ink_pixels(grabbed, background) * 0.5
    # The tallest bar (week 5, 40 of a 40 scale) reaches near the top of the plot: bars really were painted.
    column = chart._bar_rects[4]
    x = int(column.center().x() * 2)
    assert any(big.pixelColor(x, y) != background for y in range(int(column.top() * 2), int(column.top() * 2) + 120))


def test_many_partners_fold_into_other_and_empty_picture_says_so(qtbot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    assert chart.summary.text() == "No disclosures to show."
    partners = tuple((f"p{i}", f"Partner {i:02d}") for i in range(12))
    counts = {(pid, 0): i + 1 for i, (pid, _n) in enumerate(partners)}
    chart.set_picture(WeeklyPicture(WEEKS, partners, counts, {"consent": 78}, 78))
    assert len(chart.series) == MAX_SERIES
    assert chart.series[-1][1] == "Other partners (5)"
    assert sum(chart.values[i][0] for i in range(len(chart.series))) == 78
    assert "Partner 11 12" in chart.accessibleDescription()


def test_the_store_weekly_picture_is_told_in_words(qtbot, tmp_path) -> None:
    from contextlib import closing

    from history_support import history_world
    from tiaki.core.history_filter import HistoryFilter

    with closing(history_world(tmp_path)) as world:
        picture = world.supervisor.history.weekly(HistoryFilter(), now=world.now())
        chart = HistoryChart()
        qtbot.addWidget(chart)
        chart.set_picture(picture)
        assert picture.total > 0 and len(picture.week_starts) == 12
        assert chart.accessibleDescription().startswith(f"12 weeks, {picture.total} disclosure(s); busiest week ")
        assert sum(chart.week_total(w) for w in range(12)) == sum(picture.counts.values())
        for _pid, name in picture.partners:
            assert name in chart.accessibleDescription()
        assert "consent" in chart.accessibleDescription().split("by basis: ")[1]
