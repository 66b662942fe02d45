"""A laid-out document painted page by page with a marking band: the referral form and the person's report.

Both are handed to people on paper or as a PDF, so both carry the same bands: the marking ("Confidential") top
left, what the document is top right, and "Page N of M" at the foot of every page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QTextDocument


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, *, marking: str, heading: str,
                page_text: str) -> int:
    """Paint ``document`` onto a PDF writer or printer; ``page_text`` has ``{page}`` and ``{pages}``.

    Returns the number of pages."""
    document.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.logicalDpiY())
    width, height = float(area.width()), float(area.height())
    mark_font = QFont(document.defaultFont())
    mark_font.setPointSizeF(9)
    mark_font.setBold(True)
    band = QFontMetricsF(mark_font, device).height() * 2.2
    body = QSizeF(width, height - 2 * band)
    document.setPageSize(body)
    pages = max(1, document.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, band - page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(mark_font)
            top = QRectF(0, 0, width, band)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), marking)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), heading)
            painter.drawText(QRectF(0, height - band, width, band), int(Qt.AlignmentFlag.AlignCenter),
                             page_text.format(page=page + 1, pages=pages))
    finally:
        painter.end()
    return pages
