"""The printed exposure summary: PDF, printer and print preview share one painter.

``write_pdf`` is what `planner summary FILE -o SUMMARY.pdf` calls; it needs a
QGuiApplication, which it makes on the offscreen platform when there is no display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planner.analysis.compute import Report
from planner.core.errors import ProjectFileError
from planner.inputs.project import Project
from planner.outputs.summary import Summary, full_summary
from ui.printing.summary_render import SummaryDocument
from ui.qt import QMarginsF, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(14, 12, 14, 12)


def ensure_gui_application() -> None:
    """A Qt application for painting; offscreen when the machine has no display.

    A QApplication rather than a QGuiApplication, so that widgets can still be made in
    the same process afterwards (the tests do).
    """
    from ui.qt import QApplication, QGuiApplication

    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (
                os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([sys.argv[0] if sys.argv else "planner"])


def page_layout(size: str = "a4") -> QPageLayout:
    return QPageLayout(QPageSize(PAGE_SIZES[size.lower()]), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def paint(summary: Summary, device: QPagedPaintDevice) -> int:
    """The one rendering path: preview, printer and PDF all come here."""
    return SummaryDocument(summary).paint(device)


def write_pdf(project: Project, report: Report, path: Path, size: str = "a4") -> int:
    """Write the summary as a PDF; returns the page count."""
    ensure_gui_application()
    path = Path(path)
    if not path.parent.is_dir():
        raise ProjectFileError(f"could not write {path.name}: the folder does not exist")
    if not os.access(path.parent, os.W_OK):
        raise ProjectFileError(f"could not write {path.name}: the folder is read-only")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(600)
    writer.setPageLayout(page_layout(size))
    writer.setTitle(f"Supply exposure summary — {project.settings.company or path.stem}")
    writer.setCreator("Stockpile Planner")
    pages = paint(full_summary(project, report), writer)
    del writer  # flushes and closes the file
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ProjectFileError(f"could not write {path.name}: {exc.strerror or exc}") from None
    return pages
