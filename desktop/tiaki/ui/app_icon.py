"""Tiaki's identity on the desktop: the application id (the .desktop file's name) and the window icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from tiaki.paths import icon_dir

APP_ID = "nz.tiaki.Tiaki"  # packaging/nz.tiaki.Tiaki.desktop and .metainfo.xml


def window_icon() -> QIcon:
    """The mark at every size shipped (packaging/icons/tiaki-<size>.png); an empty icon if none is found."""
    icon = QIcon()
    for png in sorted(icon_dir().glob("tiaki-*.png")):
        icon.addFile(str(png))
    return icon
