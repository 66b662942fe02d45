"""What the whole-window checks look at: every text a window shows (for the pseudo-locale test), text that does
not fit its widget, controls without a name, the Tab order, and colour contrast (WCAG 2.2).

Each check takes a shown window and returns its problems as readable lines ("QLabel 'name' …"), so a failing
test lists every one of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from all_windows import Entry, World, opened, settle
from pseudo_locale import untranslated_parts

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QPalette, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

# --- walking a window --------------------------------------------------------------------------------------


def describe(widget: QWidget | QAction) -> str:
    name = widget.objectName()
    parent = widget.parent()
    where = f" in {type(parent).__name__}" if parent is not None else ""
    return f"{type(widget).__name__}{'#' + name if name else ''}{where}"


def shown_widgets(window: QWidget) -> list[QWidget]:
    """The window and every descendant that is on screen now."""
    return [w for w in (window, *window.findChildren(QWidget)) if w.isVisible()]


def each_state(entry: Entry, world: World) -> Iterator[tuple[str, QWidget]]:
    """``entry``'s window as it opens, on every page of every tab widget, then in each of its further states."""
    with opened(entry, world) as window:
        yield "as opened", window
        yield from _tabs(window)
        for state in entry.states:
            state.apply(window, world)
            settle()
            yield state.name, window
            yield from _tabs(window)


def problems_in_every_state(entry: Entry, world: World, check: Callable[[QWidget], list[str]]) -> list[str]:
    """``check``'s problems over every state of ``entry``'s window, each once, with the first state it shows in."""
    found: dict[str, str] = {}
    for state, window in each_state(entry, world):
        for problem in check(window):
            found.setdefault(problem, state)
    return [f"{problem}  [{state}]" for problem, state in found.items()]


def _tabs(window: QWidget) -> Iterator[tuple[str, QWidget]]:
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first or not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            settle()
            yield f"tab {tabs.tabText(index)!r}", window
        tabs.setCurrentIndex(first)
        settle()


# --- texts ---------------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if GuiQt.mightBeRichText(text) else text


def _action_texts(action: QAction, owner: str) -> Iterator[tuple[str, str, str]]:
    if action.isSeparator() or not action.isVisible():
        return
    yield owner, "action text", action.text()
    yield owner, "action tooltip", action.toolTip()
    yield owner, "action status tip", action.statusTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        for sub in menu.actions():
            yield from _action_texts(sub, f"{owner} › {action.text()}")


def shown_texts(window: QWidget) -> Iterator[tuple[str, str, str]]:
    """(widget, what, text) for every text a person sees or a screen reader reads in ``window`` now."""
    yield describe(window), "window title", window.windowTitle()
    for action in window.actions():
        yield from _action_texts(action, describe(window))
    for widget in shown_widgets(window):
        who = describe(widget)
        yield who, "tooltip", widget.toolTip()
        yield who, "accessible name", widget.accessibleName()
        yield who, "accessible description", widget.accessibleDescription()
        if isinstance(widget, QLabel):
            yield who, "text", _plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield who, "text", widget.text()
        elif isinstance(widget, QGroupBox):
            yield who, "title", widget.title()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    yield who, "tab", widget.tabText(index)
                    yield who, "tab tooltip", widget.tabToolTip(index)
        elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield who, "placeholder", widget.placeholderText()
            if isinstance(widget, QTextBrowser):
                yield from ((who, "text", line) for line in widget.toPlainText().splitlines())
        elif isinstance(widget, QComboBox):
            yield from ((who, "item", widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QAbstractSpinBox):
            for what in ("prefix", "suffix", "specialValueText"):
                if hasattr(widget, what):
                    yield who, what, getattr(widget, what)()
        elif isinstance(widget, QProgressBar):
            yield who, "text", widget.text() if widget.isTextVisible() else ""
        elif isinstance(widget, QToolBar):
            yield who, "title", widget.windowTitle()
        elif isinstance(widget, QWidget) and type(widget).__name__ == "QMenuBar":
            for action in widget.actions():
                yield from _action_texts(action, who)
        if isinstance(widget, QListWidget):
            yield from ((who, "item", widget.item(i).text()) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            header = getattr(widget, "horizontalHeader", lambda: None)()
            if header is not None and header.isVisible():
                model = widget.model()
                for column in range(model.columnCount()):
                    if not header.isSectionHidden(column):
                        yield who, "column header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")


# Patterns of genuine data that may appear outside the markers, each with the reason it is data.
DATA_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"), "record, device and message ids (UUIDs)"),
    (re.compile(r"\b[0-9a-f]{16,}\b"), "key ids and hashes (hex)"),
    (re.compile(r"\bTiaki\b"), "the product's name, the same in every language"),
    (re.compile(r"[\w.-]+\.(?:age|pdf|csv|json)\b"), "the name of a file the worker chose"),
)


def untranslated(window: QWidget, data: Iterable[str]) -> list[str]:
    """Texts in ``window`` with words no translation produced (outside the pseudo-translation's markers, or
    filled into a translation) that are not known data."""
    known = sorted(set(data), key=len, reverse=True)
    problems = []
    for who, what, text in shown_texts(window):
        for part in untranslated_parts(text):
            for value in known:
                part = part.replace(value, " ")
            for pattern, _reason in DATA_PATTERNS:
                part = pattern.sub(" ", part)
            if re.search(r"[^\W\d_]", part):
                problems.append(f"{who} {what}: {text!r}")
    return sorted(set(problems))


# --- clipping ------------------------------------------------------------------------------------------------


def _lines_width(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)


def _label_clipped(label: QLabel) -> str:
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        return f"needs {needed}px of height, has {label.height()}" if needed > label.height() else ""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (label.textFormat() == Qt.TextFormat.AutoText
                                                        and GuiQt.mightBeRichText(text)):
        needed = label.minimumSizeHint().width()
        have = label.width()
    else:
        shown = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&") if label.buddy() else text
        needed = _lines_width(label, shown)
        have = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    return f"needs {needed}px, has {have}" if needed > have else ""


def _button_clipped(button: QAbstractButton) -> str:
    hint = button.sizeHint()
    if button.width() < hint.width():
        return f"needs {hint.width()}px, has {button.width()}"
    if button.height() < button.minimumSizeHint().height():
        return f"needs {button.minimumSizeHint().height()}px of height, has {button.height()}"
    return ""


def _combo_clipped(combo: QComboBox) -> str:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    return f"needs {needed}px, has {field.width()}" if needed > field.width() else ""


def clipped(window: QWidget, *, screen_fit: bool = False) -> list[str]:
    """Text in ``window`` that needs more room than its widget has: labels, buttons, check and radio boxes,
    group box titles, tabs, column headers and the chosen entry of a combo box. With ``screen_fit``, also a
    window that cannot be made small enough for its screen (the system then cuts it or squeezes what is in it)."""
    problems = []
    room, needed = window.screen().availableGeometry().size(), window.minimumSizeHint().expandedTo(window.minimumSize())
    if screen_fit and (needed.width() > room.width() or needed.height() > room.height()):
        problems.append(f"{describe(window)} needs at least {needed.width()}×{needed.height()}, the screen has "
                        f"{room.width()}×{room.height()}")
    for widget in shown_widgets(window):
        why, text = "", ""
        if isinstance(widget, QLabel) and widget.text():
            why, text = _label_clipped(widget), widget.text()
        elif isinstance(widget, QAbstractButton) and widget.text():
            why, text = _button_clipped(widget), widget.text()
        elif isinstance(widget, QGroupBox) and widget.title():
            needed = widget.fontMetrics().horizontalAdvance(widget.title()) + 12
            why, text = (f"needs {needed}px, has {widget.width()}" if needed > widget.width() else ""), widget.title()
        elif isinstance(widget, QComboBox) and widget.currentText() and not widget.isEditable():
            why, text = _combo_clipped(widget), widget.currentText()
        if why:
            problems.append(f"{describe(widget)} {text!r}: {why}")
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index) and widget.tabRect(index).width() < widget.tabSizeHint(index).width():
                    problems.append(f"{describe(widget)} tab {widget.tabText(index)!r}: needs "
                                    f"{widget.tabSizeHint(index).width()}px, has {widget.tabRect(index).width()}")
        if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            for column in range(widget.count()):
                if widget.isSectionHidden(column) or model is None:
                    continue
                if widget.sectionSize(column) < widget.sectionSizeHint(column):
                    text = model.headerData(column, Qt.Orientation.Horizontal)
                    problems.append(f"{describe(widget.parentWidget() or widget)} column {text!r}: needs "
                                    f"{widget.sectionSizeHint(column)}px, has {widget.sectionSize(column)}")
    return sorted(set(problems))


# --- names and keyboard ----------------------------------------------------------------------------------------


def focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def _radio_left_out(button: QWidget) -> bool:
    """An unticked radio button whose group has a ticked one: Tab goes to the ticked one, arrows move within."""
    if not isinstance(button, QRadioButton) or button.isChecked():
        return False
    group = button.group()
    if group is not None and group.exclusive():
        members: list[QAbstractButton] = group.buttons()
    elif button.autoExclusive():
        members = [b for b in button.parentWidget().findChildren(QRadioButton) if b.parentWidget()
                   is button.parentWidget() and b.autoExclusive()]
    else:
        return False
    return any(b.isChecked() and b.isVisible() for b in members)


def tab_stops(window: QWidget) -> list[QWidget]:
    """The controls Tab should reach in ``window`` now: shown, enabled, taking focus by Tab (of a radio group,
    the ticked button)."""
    stops: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.isWindow() is False):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or _radio_left_out(widget):
            continue
        target = focus_target(widget)
        if target.isVisible() and target.isEnabled() and target not in stops:
            stops.append(target)
    return stops


def accessible_name(widget: QWidget) -> str:
    """The control's name for a screen reader: its accessible name, a button's or label's text, or the text of the
    label whose buddy it is (for a field inside a spin or date box, the box's). Not Qt's last resort of a combo
    box's current value, which on Linux stands in for a missing name."""
    for candidate in (widget, widget.parentWidget()):
        if candidate is None or (candidate is not widget and focus_target(candidate) is not widget):
            continue
        if candidate.accessibleName().strip():
            return candidate.accessibleName().strip()
        if isinstance(candidate, (QAbstractButton, QLabel)) and _plain(candidate.text()).replace("&", "").strip():
            return _plain(candidate.text()).replace("&", "").strip()  # a button's or label's own text
        window = candidate.window()
        for label in window.findChildren(QLabel):
            if label.buddy() is candidate and label.text().replace("&", "").strip():
                return label.text().replace("&", "").strip()
    return ""


def unnamed(window: QWidget) -> list[str]:
    """Focusable, shown, enabled controls with no accessible name (a buddy label counts as a name)."""
    problems = []
    for widget in tab_stops(window) + [w for w in window.findChildren(QWidget) if w.isVisible() and w.isEnabled()
                                       and w.focusPolicy() == Qt.FocusPolicy.ClickFocus]:
        if not accessible_name(widget):
            text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
            problems.append(f"{describe(widget)} {text!r}")
    return sorted(set(problems))


MOST_PRESSES_IN_ONE_CONTROL = 6  # a date field takes a Tab per part (year, month, day) before it lets go


def tab_walk(window: QWidget, press: Callable[[QWidget], None]) -> list[str]:
    """Press Tab (``press``) from the first control: every control is reached and the focus comes back to the
    first, nothing keeps it. The problems, if any."""
    stops = tab_stops(window)
    if not stops:
        return []
    first = stops[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    if QApplication.focusWidget() is not first:
        return [f"{describe(first)} does not take the focus"]
    seen: list[QWidget] = [first]
    stayed = 0
    for _ in range(MOST_PRESSES_IN_ONE_CONTROL * (len(stops) + 2)):
        current = focus_target(QApplication.focusWidget() or window)
        press(current)
        after = QApplication.focusWidget()
        if after is None or (not window.isAncestorOf(after) and after is not window):
            return [f"Tab from {describe(current)} left the window (to {after and describe(after)})"]
        after = focus_target(after)
        if after is first:
            return [f"Tab never reaches {describe(w)}" for w in stops if w not in seen]
        if after is current:
            stayed += 1
            if stayed >= MOST_PRESSES_IN_ONE_CONTROL:
                return [f"Tab trap: {describe(current)} keeps the focus"]
            continue
        stayed = 0
        if after in seen:
            return [f"Tab goes round {describe(after)} without coming back to {describe(first)}"]
        seen.append(after)
    return [f"Tab does not come back to {describe(first)}"]


# --- colour --------------------------------------------------------------------------------------------------


def luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


R = QPalette.ColorRole
# The text/background pairs of palette roles Qt's styles paint text with.
ROLE_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.ButtonText, R.Button),
    (R.HighlightedText, R.Highlight), (R.PlaceholderText, R.Base), (R.ToolTipText, R.ToolTipBase),
    (R.Link, R.Base), (R.LinkVisited, R.Base), (R.BrightText, R.Button),
)
AA = 4.5


def palette_problems(palette: QPalette) -> list[str]:
    """Role pairs under 4.5:1 in the active and inactive groups (disabled text is exempt in WCAG 2.2)."""
    problems = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fore, back in ROLE_PAIRS:
            if fore == R.BrightText:
                continue  # Qt's styles paint no text with it
            ratio = contrast(palette.color(group, fore), palette.color(group, back))
            if ratio < AA:
                problems.append(f"{group.name} {fore.name} {palette.color(group, fore).name()} on {back.name} "
                                f"{palette.color(group, back).name()}: {ratio:.2f}:1")
    return problems


_SHEET = re.compile(r"(?<![-\w])(color|background(?:-color)?)\s*:\s*([^;}]+)")


def sheet_colours(widget: QWidget) -> dict[str, QColor]:
    """The text and background colours style sheets give ``widget`` (its own, or the nearest ancestor's)."""
    found: dict[str, QColor] = {}
    current: Any = widget
    while current is not None:
        for prop, value in _SHEET.findall(current.styleSheet() or ""):
            key = "color" if prop == "color" else "background"
            colour = QColor(value.strip())
            if key not in found and colour.isValid():
                found[key] = colour
        current = current.parentWidget()
    return found


def text_colour_problems(window: QWidget) -> list[str]:
    """Every shown text widget's own colours (its palette, as a style sheet may set them) under 4.5:1."""
    problems = []
    for widget in shown_widgets(window):
        if not isinstance(widget, (QLabel, QAbstractButton, QGroupBox)) or not widget.isEnabled():
            continue
        palette = widget.palette()
        sheet = sheet_colours(widget)
        fore = sheet.get("color", palette.color(widget.foregroundRole()))
        painted = palette.color(R.Button) if isinstance(widget, (QPushButton, QToolButton)) else _background(widget)
        back = sheet.get("background", painted)
        ratio = contrast(fore, back)
        if ratio < AA:
            text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else widget.title()
            problems.append(f"{describe(widget)} {text[:40]!r}: {fore.name()} on {back.name()} is {ratio:.2f}:1")
    return sorted(set(problems))


def _background(widget: QWidget) -> QColor:
    """The colour behind ``widget``: the nearest widget that fills its background, else the window's."""
    current: QWidget | None = widget
    while current is not None:
        if (current.autoFillBackground() or current.isWindow()) and current.backgroundRole() != R.NoRole:
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.palette().color(R.Window)
