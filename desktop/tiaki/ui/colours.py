"""Colours that stay readable in any theme: Tiaki takes the system's palette (light, dark or high contrast) and
never paints text in a fixed colour that could vanish on it.

- ``contrast_ratio`` is WCAG 2.2's: text needs 4.5:1 against what is behind it (AA).
- ``show_as_error`` gives a label a red that reads on the current window colour — dark red on light themes,
  light red on dark and high-contrast ones, the theme's own text colour when no red would do — and picks it
  again whenever the palette changes.
- ``keep_palette_readable`` corrects only the roles of the system palette that fall short (Fusion's selection,
  for one, is white on a mid blue at 3.7:1): the failing colour is moved towards black or white, keeping its
  hue, just far enough. Everything else is the system's, and a theme change is followed.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

AA = 4.5
# Dark red for light windows (6.4:1 on Fusion's light grey), light red for dark ones (10:1 on black).
ERROR_REDS = (QColor("#a4262c"), QColor("#ff9a9a"))
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)  # disabled text is exempt (WCAG 1.4.3)
_R = QPalette.ColorRole
# (text, background, the one to move): the pairs Qt's styles paint text with. A selection keeps its text
# colour and moves its background; everywhere else the text moves.
READABLE_PAIRS = (
    (_R.WindowText, _R.Window, _R.WindowText), (_R.Text, _R.Base, _R.Text), (_R.Text, _R.AlternateBase, _R.Text),
    (_R.ButtonText, _R.Button, _R.ButtonText), (_R.HighlightedText, _R.Highlight, _R.Highlight),
    (_R.PlaceholderText, _R.Base, _R.PlaceholderText), (_R.ToolTipText, _R.ToolTipBase, _R.ToolTipText),
    (_R.Link, _R.Base, _R.Link), (_R.LinkVisited, _R.Base, _R.LinkVisited),
)


def relative_luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white


def _moved(colour: QColor, other: QColor) -> QColor:
    """``colour`` mixed towards black or white (away from ``other``) just enough for 4.5:1 against it."""
    target = readable_on(other)
    for step in range(1, 21):
        t = step / 20
        mixed = QColor.fromRgbF(colour.redF() + (target.redF() - colour.redF()) * t,
                                colour.greenF() + (target.greenF() - colour.greenF()) * t,
                                colour.blueF() + (target.blueF() - colour.blueF()) * t)
        if contrast_ratio(mixed, other) >= AA:
            return mixed
    return target


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with each text/background pair under 4.5:1 corrected; only those roles are set (the rest
    stay as they were, so a system palette keeps following the system)."""
    fixed = copy.copy(palette)  # not QPalette(palette): resolving that overload imports Qt's namespace (40 ms)
    for group in _GROUPS:
        for text, back, move in READABLE_PAIRS:
            fore, behind = fixed.color(group, text), fixed.color(group, back)
            if contrast_ratio(fore, behind) >= AA:
                continue
            if move == text:
                fixed.setColor(group, text, _moved(fore, behind))
            else:
                fixed.setColor(group, back, _moved(behind, fore))
    return fixed


class ReadablePalette(QObject):
    """Keeps the application's palette readable (see ``keep_palette_readable``); ``stop`` gives the system's back."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._ours: QPalette | None = None
        self._busy = False
        app.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._app and event.type() == QEvent.Type.ApplicationPaletteChange and not self._busy:
            QTimer.singleShot(0, self, self.apply)  # after everyone has the new palette
        return False

    def apply(self) -> None:
        current = self._app.palette()
        self._busy = True
        try:
            if self._ours is not None and current == self._ours:
                return
            if self._ours is not None and self._still_ours(current):
                self._app.setPalette(QPalette())  # the theme changed under our corrections: start from it
                current = self._app.palette()
            self._ours = readable_palette(current)
            if self._ours != current:
                self._app.setPalette(self._ours)
        finally:
            self._busy = False

    def _still_ours(self, palette: QPalette) -> bool:
        assert self._ours is not None
        return all(palette.color(g, r) == self._ours.color(g, r) for g in _GROUPS
                   for _t, _b, r in READABLE_PAIRS if self._ours.isBrushSet(g, r))

    def stop(self) -> None:
        self._app.removeEventFilter(self)
        self._busy = True
        self._app.setPalette(QPalette())
        self.deleteLater()


def keep_palette_readable(app: QApplication) -> ReadablePalette:
    """Correct the system palette's unreadable pairs now and after every theme change (call once, at start)."""
    return ReadablePalette(app)


def error_colour(palette: QPalette) -> QColor:
    """A red with 4.5:1 on the palette's window colour, else the palette's own text colour."""
    window = palette.color(QPalette.ColorGroup.Active, _R.Window)
    for red in ERROR_REDS:
        if contrast_ratio(red, window) >= AA:
            return copy.copy(red)  # not QColor(red): resolving that overload imports Qt's namespace (40 ms)
    return palette.color(QPalette.ColorGroup.Active, _R.WindowText)


class _ErrorColour(QObject):
    """Keeps one label's text in ``error_colour`` of whatever palette it has now."""

    def __init__(self, label: QWidget) -> None:
        super().__init__(label)
        label.installEventFilter(self)
        self.paint(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            self.paint(watched)
        return False

    @staticmethod
    def paint(label: QWidget) -> None:
        palette = copy.copy(label.palette())  # not QPalette(...): that overload imports Qt's namespace (40 ms)
        red = error_colour(palette)
        if all(palette.color(group, _R.WindowText) == red for group in _GROUPS):
            return  # (setting it again would only send another PaletteChange)
        for group in _GROUPS:
            palette.setColor(group, _R.WindowText, red)
        label.setPalette(palette)


def show_as_error(label: QWidget, error: bool = True) -> None:
    """Show ``label``'s text in a readable red (``error``), or in the theme's text colour again."""
    keeper = label.findChild(_ErrorColour)
    if error and keeper is None:
        _ErrorColour(label)
    elif not error and keeper is not None:
        label.removeEventFilter(keeper)
        keeper.setParent(None)  # (freed with the last reference)
        label.setPalette(QPalette())
