"""Render packaging/icons/tiaki.svg to the PNG sizes desktops and installers ask for.

    .venv/bin/python packaging/make_icons.py

Writes packaging/icons/tiaki-<size>.png for each size in SIZES (commit them: the bundle, the .desktop
install and the app's window icon use them). Runs offscreen: no display needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS / "tiaki.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / f"tiaki-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        out = png_path(size)
        if not render(renderer, size).save(str(out)):  # the format from the .png suffix
            print(f"make_icons: cannot write {out}", file=sys.stderr)
            return 1
        print(f"{out.relative_to(ICONS.parent.parent)}  {size}x{size}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
