"""File → Print Preview, Print and Export PDF of the exposure summary.

The summary's figures (with the procurement plan and the disruption ranking) come from
the document's results layer: computed once, in the background when they are not at hand
yet, and reused by the preview, the printer and the PDF. All three paint through
ui.printing.summary.paint, the same path as `planner summary`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.core import i18n
from planner.core.errors import PlannerError
from planner.outputs.pdf import write_summary_pdf
from planner.outputs.summary import Summary
from planner.results import Results
from ui.common.errors import show_error
from ui.common.operations import Operation
from ui.editing.document import Document
from ui.printing.summary import page_layout, paint
from ui.printing.summary_render import use_font
from ui.qt import (
    QCoreApplication,
    QDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QWidget,
)


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout("a4"))
    printer.setDocName(QCoreApplication.translate("printing", "Supply exposure summary"))
    return printer


def with_summary(parent: QWidget, doc: Document, then: Callable[[Summary], None],
                 background: bool = True) -> None:
    """Call ``then`` with the summary: at once when the results hold it, else after it
    has been computed off the UI thread (the plan and the ranking take a while)."""
    if doc.report is None or doc.errors():
        why = doc.report_error or (
            QCoreApplication.translate("printing",
                                       "the project has problems: see the Problems panel")
            if doc.errors() else
            QCoreApplication.translate("printing", "the project is empty"))
        show_error(parent, PlannerError(QCoreApplication.translate(
            "printing", "There are no figures to print yet: {why}").format(why=why)))
        return
    results = doc.results
    if results.computed("summary"):
        then(results.summary())
        return
    snapshot = results.snapshot()

    def computed(done: Results) -> None:
        results.adopt(done)
        then(done.summary())

    Operation(lambda _p: snapshot.compute_all(("summary",)),
              QCoreApplication.translate("printing", "Preparing the summary")
              ).success(computed).run(parent, background=background)


def make_preview(parent: QWidget, summary: Summary) -> QPrintPreviewDialog:
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # type: ignore[attr-defined]  # keep it alive as long
    dialog.setWindowTitle(QCoreApplication.translate(
        "printing", "Print preview — supply exposure summary"))
    dialog.paintRequested.connect(lambda device: paint(summary, device))
    dialog.resize(900, 1000)
    return dialog


def _font_ready(parent: QWidget) -> bool:
    """Whether a font can draw the summary in the window's language; if not, says which
    to install (before a preview or a printer paints empty boxes)."""
    try:
        use_font(i18n.language())
    except PlannerError as exc:
        show_error(parent, exc, QCoreApplication.translate("printing", "Not printed"))
        return False
    return True


def print_preview(parent: QWidget, doc: Document) -> None:
    def show(summary: Summary) -> None:
        if _font_ready(parent):
            make_preview(parent, summary).exec()

    with_summary(parent, doc, show)


def print_summary(parent: QWidget, doc: Document) -> None:
    def ask(summary: Summary) -> None:
        if not _font_ready(parent):
            return
        printer = _printer()
        if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted:
            paint(summary, printer)

    with_summary(parent, doc, ask)


def export_pdf(parent: QWidget, doc: Document, path: Path,
               done: Callable[[int], None] | None = None) -> None:
    """Write the summary PDF; ``done`` gets the page count."""
    def write(summary: Summary) -> None:
        try:
            pages = write_summary_pdf(summary, path)
        except PlannerError as exc:
            show_error(parent, exc, QCoreApplication.translate("printing", "PDF not written"))
            return
        if done is not None:
            done(pages)

    with_summary(parent, doc, write)
