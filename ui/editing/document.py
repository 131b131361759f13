"""The open project: its results, its file, its undo stack and the figures shown.

Views never compute a figure: they read ``document.report`` and ``document.problems``
(taken from the engine's results layer, planner.results.Results) and redraw on the
signals. Edits arrive as undo commands (ui.editing.commands) that call planner.inputs.editing
and then tell the document what changed; the results forget exactly what that change
makes stale and are computed again, off the UI thread for big projects.
"""

from __future__ import annotations

from pathlib import Path

from planner.analysis.compute import Report
from planner.core.errors import Problem
from planner.inputs.project import Project
from planner.outputs.summary import Headline
from planner.results import Changes, Invalidated, Results
from ui.common.operations import BACKGROUND_ROWS, Operation
from ui.qt import QObject, QUndoStack, Signal


class Document(QObject):
    """One project open in a window."""

    tableReset = Signal(str)  # rows of a table were inserted, removed or replaced
    cellsChanged = Signal(str, list, list)  # table, positions, column names
    settingsChanged = Signal()
    reportChanged = Signal()  # new figures and problems
    resultsChanged = Signal(object)  # an Invalidated: what a change made stale
    busyChanged = Signal(bool)  # figures are being recomputed in the background
    pathChanged = Signal()
    itemSelected = Signal(str)  # an item id chosen in any view
    message = Signal(str)  # a short note for the status bar
    selectionFigures = Signal(str)  # sum, average and count of a table's selected cells

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 source_name: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.results = Results(project or Project.empty())
        self.path = path  # the project file, or None until saved as one
        self.source_name = source_name  # a workbook it was imported from, for the title
        self.undo_stack = QUndoStack(self)
        self.report: Report | None = None  # the figures shown (the last good ones)
        self.headline: Headline | None = None  # their headline figures
        self.report_error = ""  # why the figures could not be computed, if so
        self.problems: list[Problem] = []
        self.marks: dict[str, dict[tuple[int, str], str]] = {}
        self.warning_prefix = self.tr("Warning: ")  # begins a warning's mark, not an error's
        self.selected_item = ""
        self.background_rows = BACKGROUND_ROWS
        self._operation: Operation[Results] | None = None
        self.recompute()

    # --- state ---------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.results.project

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.source_name or self.tr("Untitled")

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.source_name = ""
        self.pathChanged.emit()

    def select_item(self, item_id: str) -> None:
        if item_id and item_id != self.selected_item:
            self.selected_item = item_id
            self.itemSelected.emit(item_id)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    # --- change notifications (called by undo commands) ----------------------------
    def changed_cells(self, table: str, positions: list[int], columns: list[str]) -> None:
        self.cellsChanged.emit(table, positions, columns)
        self.recompute(self.results.apply(Changes.of_tables(table)))

    def changed_rows(self, table: str) -> None:
        self.tableReset.emit(table)
        self.recompute(self.results.apply(Changes.of_tables(table)))

    def changed_settings(self) -> None:
        self.settingsChanged.emit()
        self.recompute(self.results.apply(Changes(settings=True)))

    def replace_project(self, project: Project) -> None:
        invalidated = self.results.replace(project)
        for table in project.tables:
            self.tableReset.emit(table)
        self.settingsChanged.emit()
        self.recompute(invalidated)

    # --- figures -------------------------------------------------------------------
    def recompute(self, invalidated: Invalidated | None = None) -> None:
        """Have the results layer check the project and compute its figures.

        Small projects are computed at once; large ones on a snapshot in the background,
        and only a result for the current state is kept (one arriving after another edit
        is dropped: the newer computation is already on its way).
        """
        if invalidated is None:  # "recompute everything", as after an edit made elsewhere
            invalidated = self.results.apply(Changes.everything())
        self._invalidated = invalidated
        rows = sum(len(t) for t in self.project.tables.values())
        background = rows >= self.background_rows
        if self._operation is not None:
            self._operation.cancel()
        target = self.results.snapshot() if background else self.results
        if background:
            self.busyChanged.emit(True)
        self._operation = Operation(
            lambda _progress: target.compute_all(("problems", "report")), exclusive=False,
        ).success(self._computed).failure(self._compute_failed)
        self._operation.run(self, background=background)  # dropped if this is deleted

    def cancel_work(self) -> None:
        """Stop a background recompute; its figures will not be shown (on closing)."""
        if self._operation is not None:
            self._operation.cancel()
            self._operation = None

    def _computed(self, results: Results) -> None:
        if results is not self.results and not self.results.adopt(results):
            return  # computed for a state that has changed since
        self._operation = None
        self.problems = self.results.problems
        report = self.results.report
        self.report_error = self.results.report_error
        if report is not None:
            self.report = report
            self.headline = self.results.headline
        self.marks = self._index_problems(self.problems)
        self.busyChanged.emit(False)
        self.reportChanged.emit()
        self.resultsChanged.emit(self._invalidated)

    def _compute_failed(self, exc: BaseException) -> None:
        self._operation = None
        self.report_error = self.tr("figures not updated: {error}").format(error=exc)
        self.busyChanged.emit(False)
        self.reportChanged.emit()

    def _index_problems(self, problems: list[Problem]) -> dict[str, dict[tuple[int, str], str]]:
        marks: dict[str, dict[tuple[int, str], str]] = {}
        positions: dict[str, dict[int, int]] = {}
        for p in problems:
            if p.row is None or p.sheet not in self.project.tables:
                continue
            if p.sheet not in positions:
                rows = self.project.layout(p.sheet).rows
                positions[p.sheet] = {int(r): i for i, r in enumerate(rows)}
            pos = positions[p.sheet].get(p.row)
            if pos is None:
                continue
            key = (pos, p.column or "")
            table_marks = marks.setdefault(p.sheet, {})
            text = ("" if p.severity == "error" else self.warning_prefix) + p.message
            table_marks[key] = f"{table_marks[key]}\n{text}" if key in table_marks else text
        return marks
