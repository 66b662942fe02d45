"""No window escapes the whole-window checks: every window and dialog class in ``tiaki.ui`` is in
all_windows.CATALOGUE, and every other widget class is found inside a catalogued window (PARTS) or is a base
class whose subclasses are catalogued (ABSTRACT)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
from all_windows import ABSTRACT, BY_NAME, CATALOGUE, PARTS, World, build_world, opened

from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget, QWizard

import tiaki.ui


def widget_classes() -> list[type]:
    """Every QWidget subclass defined in a module of the tiaki.ui package (each module imported)."""
    found = []
    for info in pkgutil.iter_modules(tiaki.ui.__path__, "tiaki.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QWidget):
                found.append(cls)
    return found


def is_window_class(cls: type) -> bool:
    return issubclass(cls, (QDialog, QMainWindow, QWizard))


@pytest.fixture(scope="module")
def world(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    built = build_world(tmp_path_factory.mktemp("world"))
    yield built
    built.session.lock()


def test_the_package_has_the_windows_we_know() -> None:
    classes = widget_classes()
    assert len(classes) > 40  # the discovery itself works
    assert {BY_NAME["main_window"].cls, BY_NAME["history"].cls, BY_NAME["unlock"].cls} <= set(classes)


def test_every_window_class_is_in_the_catalogue() -> None:
    catalogued = {entry.cls for entry in CATALOGUE}
    missing = []
    for cls in widget_classes():
        if cls in catalogued:
            continue
        if cls in ABSTRACT:
            if not any(issubclass(c, cls) for c in catalogued if c is not cls):
                missing.append(f"{cls.__qualname__}: abstract, but no subclass is catalogued")
        elif cls in PARTS:
            if is_window_class(cls):
                missing.append(f"{cls.__qualname__} is a window: put it in CATALOGUE, not PARTS")
        else:
            missing.append(f"{cls.__module__}.{cls.__qualname__}: add it to tests/gui/all_windows.py (CATALOGUE for "
                           "a window or dialog, PARTS with the window that holds it for a part of one)")
    assert not missing, "\n".join(missing)


def test_every_catalogued_window_opens_as_a_window(qtbot, world: World) -> None:
    for entry in CATALOGUE:
        with opened(entry, world) as window:
            assert window.isWindow() and window.isVisible(), entry.name
            assert isinstance(window, entry.cls), entry.name


@pytest.mark.parametrize("part", sorted(PARTS, key=lambda c: c.__qualname__), ids=lambda c: c.__qualname__)
def test_every_part_is_inside_its_window(qtbot, world: World, part: type) -> None:
    """A widget class that is not a window shows inside the catalogued window PARTS names — and not on its own."""
    with opened(BY_NAME[PARTS[part]], world) as window:
        found = window.findChildren(part)
        if not found and isinstance(window, QWizard):
            found = [window.page(i) for i in window.pageIds() if isinstance(window.page(i), part)]
        assert found, f"{part.__qualname__} is not inside {PARTS[part]}"
        assert not any(widget.isWindow() for widget in found)
