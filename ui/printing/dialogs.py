"""File → Print Preview, Print and Export PDF of the exposure summary.

All three paint through ui.printing.summary.paint, the same path as `planner summary`.
"""

from __future__ import annotations

from pathlib import Path

from planner.core.errors import PlannerError
from planner.outputs.summary import full_summary
from ui.common.errors import show_error
from ui.editing.document import Document
from ui.printing.summary import page_layout, paint, write_pdf
from ui.qt import QDialog, QPrintDialog, QPrinter, QPrintPreviewDialog, QWidget


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout("a4"))
    printer.setDocName("Supply exposure summary")
    return printer


def _ready(parent: QWidget, doc: Document) -> bool:
    if doc.report is None:
        show_error(parent, PlannerError("There are no figures to print yet: "
                                        + (doc.report_error or "the project is empty")))
        return False
    return True


def make_preview(parent: QWidget, doc: Document) -> QPrintPreviewDialog:
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own it: keep it alive as long
    dialog.setWindowTitle("Print preview — supply exposure summary")
    dialog.paintRequested.connect(
        lambda device: paint(full_summary(doc.project, doc.report), device))
    dialog.resize(900, 1000)
    return dialog


def print_preview(parent: QWidget, doc: Document) -> None:
    if _ready(parent, doc):
        make_preview(parent, doc).exec()


def print_summary(parent: QWidget, doc: Document) -> None:
    if not _ready(parent, doc):
        return
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        paint(full_summary(doc.project, doc.report), printer)


def export_pdf(parent: QWidget, doc: Document, path: Path) -> int:
    if not _ready(parent, doc):
        return 0
    try:
        return write_pdf(doc.project, doc.report, path)
    except PlannerError as exc:
        show_error(parent, exc, "PDF not written")
        return 0
