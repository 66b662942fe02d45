"""The sharing picture: disclosures per partner per week (12 weeks, stacked bars) and the split by legal basis.

Painted with QPainter, no plotting library. Colour is never the only cue: each partner and each basis also has
its own hatch pattern and a legend, the busiest numbers are written on the bars, and the whole picture is
given in words — in a visible summary line for the highlighted week and in the accessible name and
description, which screen readers announce. The chart takes the keyboard focus; Left/Right (and Home/End)
move the highlighted week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from tiaki.core.sharing import Basis
from tiaki.ui.colours import readable_on
from tiaki.ui.labels import QT_TRANSLATE_NOOP, text_order

CONTEXT = "HistoryChart"

# Okabe–Ito: told apart with the common colour-vision deficiencies; each also gets a pattern below.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F")
PATTERNS = (Qt.BrushStyle.NoBrush, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense5Pattern,
            Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.HorPattern, Qt.BrushStyle.CrossPattern,
            Qt.BrushStyle.VerPattern, Qt.BrushStyle.DiagCrossPattern)
MAX_SERIES = len(PALETTE)  # the busiest partners; the rest are drawn together as "Other partners"
OTHER = "\x00other"

SHORT_BASIS_TEXT: Mapping[str, str] = {
    Basis.CONSENT.value: QT_TRANSLATE_NOOP("HistoryChart", "Consent"),
    Basis.PURPOSE_OF_COLLECTION.value: QT_TRANSLATE_NOOP("HistoryChart", "Purpose of collection"),
    Basis.AUTHORISED_BY_PERSON.value: QT_TRANSLATE_NOOP("HistoryChart", "Authorised by the person"),
    Basis.APPROVED_SHARING_AGREEMENT.value: QT_TRANSLATE_NOOP("HistoryChart", "Approved sharing agreement"),
    Basis.INFORMATION_MATCHING.value: QT_TRANSLATE_NOOP("HistoryChart", "Information matching"),
    Basis.LEGAL_REQUIREMENT.value: QT_TRANSLATE_NOOP("HistoryChart", "Legal requirement"),
    Basis.SERIOUS_THREAT.value: QT_TRANSLATE_NOOP("HistoryChart", "Serious threat"),
}


class WeeklyPictureLike(Protocol):
    """What the chart reads from ``store.sharing_history.WeeklyPicture``."""

    @property
    def week_starts(self) -> Sequence[dt.date]: ...
    @property
    def partners(self) -> Sequence[tuple[str, str]]: ...
    @property
    def counts(self) -> Mapping[tuple[str, int], int]: ...
    @property
    def bases(self) -> Mapping[str, int]: ...
    @property
    def total(self) -> int: ...


def _tr(text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP (lupdate does not see a literal passed to this function)."""
    return QCoreApplication.translate(CONTEXT, text)


def basis_short_label(code: str) -> str:
    text = SHORT_BASIS_TEXT.get(code)
    return _tr(text) if text else code


def _text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (by WCAG contrast: HSL lightness put white on orange)."""
    return readable_on(fill)


class HistoryChart(QWidget):
    """Stacked weekly bars by partner with a legend, and one horizontal bar split by legal basis."""

    week_changed = Signal(int)  # the highlighted week's index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.weeks: list[dt.date] = []
        self.series: list[tuple[str, str]] = []   # (key, name) drawn bottom to top
        self.values: list[list[int]] = []         # values[series][week]
        self.bases: list[tuple[str, int]] = []    # (basis, disclosures) in BASIS order, only those used
        self.total = 0
        self.highlight = -1
        self._bar_rects: list[QRectF] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(6, 2, 6, 4)
        self.summary.setAccessibleName(self.tr("Highlighted week"))
        layout.addWidget(self.summary)
        self._describe()

    # --- data ----------------------------------------------------------------------------------------

    def set_picture(self, picture: WeeklyPictureLike) -> None:
        self.weeks = list(picture.week_starts)
        n = len(self.weeks)
        per_partner = {pid: [int(picture.counts.get((pid, w), 0)) for w in range(n)] for pid, _ in picture.partners}
        ranked = sorted(picture.partners, key=lambda p: (-sum(per_partner[p[0]]), text_order(p[1]), p[0]))
        shown = ranked if len(ranked) <= MAX_SERIES else ranked[:MAX_SERIES - 1]
        self.series = [(pid, name) for pid, name in shown]
        self.values = [per_partner[pid] for pid, _ in shown]
        if len(ranked) > len(shown):
            rest = ranked[len(shown):]
            self.series.append((OTHER, self.tr("Other partners ({count})").format(count=len(rest))))
            self.values.append([sum(per_partner[pid][w] for pid, _ in rest) for w in range(n)])
        self.bases = [(b.value, int(picture.bases.get(b.value, 0))) for b in Basis
                      if picture.bases.get(b.value, 0)]
        self.total = int(picture.total)
        self.highlight = n - 1 if n else -1
        self._describe()
        self.update()

    def week_total(self, week: int) -> int:
        return sum(v[week] for v in self.values)

    def set_highlight(self, week: int) -> None:
        if not self.weeks:
            return
        week = max(0, min(len(self.weeks) - 1, week))
        if week != self.highlight:
            self.highlight = week
            self._describe()
            self.update()
            self.week_changed.emit(week)

    # --- words ---------------------------------------------------------------------------------------

    @staticmethod
    def _date(day: dt.date, with_year: bool = True) -> str:
        return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy" if with_year else "d MMM")

    def week_summary(self, week: int) -> str:
        """The highlighted week in words: its total and each partner's part."""
        if not 0 <= week < len(self.weeks):
            return self.tr("No disclosures to show.")
        parts = [self.tr("{partner} {count}").format(partner=name, count=self.values[i][week])
                 for i, (_k, name) in enumerate(self.series) if self.values[i][week]]
        text = self.tr("Week of {date}: {count} disclosure(s)").format(date=self._date(self.weeks[week]),
                                                                       count=self.week_total(week))
        return text + (" — " + ", ".join(parts) if parts else "") + "."

    def picture_summary(self) -> str:
        """The whole picture in words: weeks, total, the busiest week, the basis split and each partner."""
        if not self.weeks:
            return self.tr("No disclosures to show.")
        text = self.tr("{weeks} weeks, {total} disclosure(s)").format(weeks=len(self.weeks), total=self.total)
        if self.total:
            busiest = max(range(len(self.weeks)), key=lambda w: (self.week_total(w), w))
            text += "; " + self.tr("busiest week {date} with {count}").format(
                date=self._date(self.weeks[busiest]), count=self.week_total(busiest))
            bases = ", ".join(self.tr("{basis} {percent}%").format(basis=basis_short_label(b).lower(),
                                                                   percent=round(100 * n / self.total))
                              for b, n in sorted(self.bases, key=lambda bn: -bn[1]))
            if bases:
                text += "; " + self.tr("by basis: {bases}").format(bases=bases)
            partners = ", ".join(self.tr("{partner} {count}").format(partner=name, count=sum(self.values[i]))
                                 for i, (_k, name) in enumerate(self.series))
            text += "; " + self.tr("by partner: {partners}").format(partners=partners)
        return text + "."

    def _describe(self) -> None:
        week = self.week_summary(self.highlight)
        self.summary.setText(week)
        self.setAccessibleName(self.tr("Disclosures per week. {week}").format(week=week))
        self.setAccessibleDescription(self.picture_summary() + " " + week + " " + self.tr(
            "Use the Left and Right arrow keys to move between weeks."))

    # --- keyboard and mouse ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: self.highlight - 1, Qt.Key.Key_Right: self.highlight + 1,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self.weeks) - 1}
        key = Qt.Key(event.key())
        if key in moves and self.weeks:
            self.set_highlight(moves[key])
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for week, rect in enumerate(self._bar_rects):
            if rect.left() <= event.position().x() <= rect.right():
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self.set_highlight(week)
                return
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- painting ------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(720, 460)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            area = QRect(0, 0, self.width(), self.summary.geometry().top() - 4)
            self.draw(painter, QRectF(area))
        finally:
            painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        """Paint the picture into ``area`` (the widget, or a larger image in tests and screenshots)."""
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font())
        metrics = QFontMetricsF(self.font(), painter.device())
        line = metrics.height()
        pad = line * 0.5
        inner = area.adjusted(pad, pad, -pad, -pad)
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
            painter.drawRect(area.adjusted(1, 1, -1, -1))
        if not self.weeks:
            painter.setPen(ink)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignCenter), self.tr("No disclosures to show."))
            self._bar_rects = []
            return
        legend_width = min(inner.width() * 0.32, max((metrics.horizontalAdvance(n) for _k, n in self.series),
                                                     default=0.0) + line * 2.5)
        basis_height = line * (3.2 + len(self.bases) // 2 + len(self.bases) % 2) if self.bases else 0.0
        bars = QRectF(inner.left(), inner.top() + line * 1.4, inner.width() - legend_width - pad,
                      inner.height() - basis_height - line * 1.4)
        painter.setPen(ink)
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), line * 1.2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.tr("Disclosures per week, by partner"))
        self._draw_bars(painter, bars, metrics)
        self._draw_legend(painter, QRectF(bars.right() + pad, bars.top(), legend_width, bars.height()), metrics)
        if self.bases:
            self._draw_bases(painter, QRectF(inner.left(), bars.bottom() + pad, inner.width(), basis_height - pad),
                             metrics)

    def _swatch(self, painter: QPainter, rect: QRectF, index: int) -> None:
        colour = QColor(PALETTE[index % len(PALETTE)])
        painter.fillRect(rect, colour)
        pattern = PATTERNS[index % len(PATTERNS)]
        if pattern != Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, QBrush(_text_on(colour), pattern))
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    def _draw_bars(self, painter: QPainter, rect: QRectF, metrics: QFontMetricsF) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        line = metrics.height()
        top_value = max((self.week_total(w) for w in range(len(self.weeks))), default=0)
        step = _nice_step(top_value)
        top = max(step * -(-top_value // step), step)
        axis_width = metrics.horizontalAdvance(str(top)) + line * 0.5
        plot = QRectF(rect.left() + axis_width, rect.top() + line, rect.width() - axis_width,
                      rect.height() - line * 2.4)
        painter.setFont(self.font())
        grid = QColor(ink)
        grid.setAlphaF(0.25)
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            painter.drawText(QRectF(rect.left(), y - line / 2, axis_width - line * 0.3, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(value))
        slot = plot.width() / len(self.weeks)
        width = slot * 0.68
        self._bar_rects = []
        for week, start in enumerate(self.weeks):
            x = plot.left() + slot * week + (slot - width) / 2
            column = QRectF(plot.left() + slot * week, plot.top() - line, slot, plot.height() + line * 2.4)
            self._bar_rects.append(column)
            if week == self.highlight:
                shade = QColor(pal.color(QPalette.ColorRole.Highlight))
                shade.setAlphaF(0.18)
                painter.fillRect(column, shade)
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(column.adjusted(1, 1, -1, -1))
            y = plot.bottom()
            for index in range(len(self.series)):
                value = self.values[index][week]
                if not value:
                    continue
                h = plot.height() * value / top
                self._swatch(painter, QRectF(x, y - h, width, h), index)
                y -= h
            total = self.week_total(week)
            painter.setPen(ink)
            font = painter.font()
            font.setBold(week == self.highlight)
            painter.setFont(font)
            painter.drawText(QRectF(x - slot * 0.2, y - line, width + slot * 0.4, line),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), str(total))
            font.setBold(False)
            painter.setFont(font)
            if week % max(1, round(metrics.horizontalAdvance("00 Mmm") * 1.2 / slot)) == 0 or week == self.highlight:
                painter.drawText(QRectF(plot.left() + slot * week - slot, plot.bottom() + line * 0.2, slot * 3, line),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                 self._date(start, with_year=False))
        painter.setPen(QPen(ink, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    def _draw_legend(self, painter: QPainter, rect: QRectF, metrics: QFontMetricsF) -> None:
        line = metrics.height()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        y = rect.top() + line
        for index, (_key, name) in enumerate(self.series):
            if y + line > rect.bottom():
                break
            self._swatch(painter, QRectF(rect.left(), y + line * 0.1, line * 1.4, line * 0.8), index)
            painter.setPen(ink)
            painter.drawText(QRectF(rect.left() + line * 1.8, y, rect.width() - line * 1.8, line),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - line * 1.8))
            y += line * 1.4

    def _draw_bases(self, painter: QPainter, rect: QRectF, metrics: QFontMetricsF) -> None:
        line = metrics.height()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(ink)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.tr("By legal basis (a disclosure can rest on more than one)"))
        bar = QRectF(rect.left(), rect.top() + line * 1.2, rect.width(), line * 1.2)
        used = sum(n for _b, n in self.bases) or 1
        x = bar.left()
        order = [b.value for b in Basis]
        for basis, count in self.bases:
            w = bar.width() * count / used
            index = order.index(basis)
            self._swatch(painter, QRectF(x, bar.top(), w, bar.height()), index)
            percent = f"{round(100 * count / max(self.total, 1))}%"
            if metrics.horizontalAdvance(percent) + 6 < w:
                colour = QColor(PALETTE[index % len(PALETTE)])
                back = QRectF(0, 0, metrics.horizontalAdvance(percent) + 4, line)
                back.moveCenter(QRectF(x, bar.top(), w, bar.height()).center())
                painter.fillRect(back, colour)
                painter.setPen(_text_on(colour))
                painter.drawText(back, int(Qt.AlignmentFlag.AlignCenter), percent)
            x += w
        column = rect.width() / 2
        for i, (basis, count) in enumerate(self.bases):
            cell = QRectF(rect.left() + column * (i % 2), bar.bottom() + line * 0.4 + line * 1.2 * (i // 2),
                          column, line)
            self._swatch(painter, QRectF(cell.left(), cell.top() + line * 0.1, line * 1.4, line * 0.8),
                         order.index(basis))
            painter.setPen(ink)
            text = self.tr("{basis}: {count} ({percent}%)").format(
                basis=basis_short_label(basis), count=count, percent=round(100 * count / max(self.total, 1)))
            painter.drawText(cell.adjusted(line * 1.8, 0, 0, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, column - line * 2))


def _nice_step(top: int) -> int:
    """A round gridline step giving at most about five lines up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if top / step <= 5:
            return step
    return int(10 ** len(str(top // 5)))
