"""The printed exposure summary: PDF, printer and print preview share one painter.

``render_pdf`` is the renderer `planner summary FILE -o SUMMARY.pdf` finds through its
entry point; it needs a QGuiApplication, which it makes on the offscreen platform when
there is no display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planner.outputs.summary import Summary
from ui.printing.summary_render import SummaryDocument
from ui.qt import QMarginsF, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(14, 12, 14, 12)


def ensure_gui_application() -> None:
    """A Qt application for painting; offscreen when the machine has no display.

    A QApplication rather than a QGuiApplication, so that widgets can still be made in
    the same process afterwards (the tests do).
    """
    from planner.core import i18n
    from ui.common.language import install
    from ui.qt import QApplication, QGuiApplication

    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (
                os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "planner"])
        # `planner --lang ja summary`: the painter's own texts in the engine's language
        install(app, i18n.language())


def page_layout(size: str = "a4") -> QPageLayout:
    return QPageLayout(QPageSize(PAGE_SIZES[size.lower()]), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def paint(summary: Summary, device: QPagedPaintDevice) -> int:
    """The one rendering path: preview, printer and PDF all come here."""
    return SummaryDocument(summary).paint(device)


def render_pdf(summary: Summary, path: Path, size: str = "a4", title: str = "") -> int:
    """Draw the summary into a PDF at ``path``; returns the page count.

    Registered as the engine's summary renderer (planner.outputs.pdf), which writes
    through a temporary file and renames it: this function only draws. QPdfWriter reports
    no write error (a full disk leaves a short file), so the engine checks the file it
    leaves before putting it in place (planner.outputs.pdf.check_pdf).
    """
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageLayout(page_layout(size))
    writer.setTitle(title or summary.title)
    writer.setCreator("Stockpile Planner")
    pages = paint(summary, writer)
    del writer  # flushes and closes the file
    return pages
