"""The open project: engine data, its file, its undo stack and its current figures.

Views never compute a figure: they read ``document.report`` (the engine's Report) and
``document.problems``, and redraw on the signals. Edits arrive as undo commands
(ui.editing.commands) that call planner.inputs.editing and then ``document.changed_tables``.
"""

from __future__ import annotations

from pathlib import Path

from planner.analysis.compute import Report, compute
from planner.core.errors import PlannerError, Problem
from planner.inputs.project import Project
from planner.inputs.validation import check_project
from ui.common.workers import Task, run_in_background
from ui.qt import QObject, QUndoStack, Signal

BACKGROUND_ROWS = 50_000  # above this many rows, figures are recomputed off the UI thread


def figures(project: Project) -> tuple[list[Problem], Report | None, str]:
    """Problems, report and why the report is missing: all the engine says of a project."""
    problems = check_project(project)
    try:
        return problems, compute(project), ""
    except PlannerError as exc:
        return problems, None, str(exc)
    except (KeyError, ValueError, IndexError) as exc:
        # an edit left references dangling; the problems list says which
        return problems, None, f"figures not updated: {exc}"


class Document(QObject):
    """One project open in a window."""

    tableReset = Signal(str)  # rows of a table were inserted, removed or replaced
    cellsChanged = Signal(str, list, list)  # table, positions, column names
    settingsChanged = Signal()
    reportChanged = Signal()  # new figures and problems
    busyChanged = Signal(bool)  # figures are being recomputed in the background
    pathChanged = Signal()
    itemSelected = Signal(str)  # an item id chosen in any view
    message = Signal(str)  # a short note for the status bar

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 source_name: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.project = project or Project.empty()
        self.path = path  # the project file, or None until saved as one
        self.source_name = source_name  # a workbook it was imported from, for the title
        self.undo_stack = QUndoStack(self)
        self.report: Report | None = None
        self.report_error = ""  # why the figures could not be computed, if so
        self.problems: list[Problem] = []
        self.marks: dict[str, dict[tuple[int, str], str]] = {}
        self.selected_item = ""
        self.background_rows = BACKGROUND_ROWS
        self._generation = 0
        self._task: Task | None = None
        self.recompute()

    # --- state ---------------------------------------------------------------------
    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.source_name or "Untitled"

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
        self.recompute()

    def changed_rows(self, table: str) -> None:
        self.tableReset.emit(table)
        self.recompute()

    def changed_settings(self) -> None:
        self.settingsChanged.emit()
        self.recompute()

    def replace_project(self, project: Project) -> None:
        self.project = project
        for table in project.tables:
            self.tableReset.emit(table)
        self.settingsChanged.emit()
        self.recompute()

    # --- figures -------------------------------------------------------------------
    def recompute(self) -> None:
        """Check the project and compute its figures with the engine.

        Small projects are computed at once; large ones on a snapshot in the background,
        and only the newest result is kept (an older one arriving late is dropped).
        """
        self._generation += 1
        rows = sum(len(t) for t in self.project.tables.values())
        if rows < self.background_rows:
            self._apply(self._generation, figures(self.project))
            return
        if self._task is not None:
            self._task.cancel()
        generation, snapshot = self._generation, self.project.copy()
        self.busyChanged.emit(True)
        self._task = run_in_background(
            lambda: figures(snapshot), "Recomputing",
            lambda result: self._apply(generation, result),
            lambda exc: self._apply(generation, ([], None, f"figures not updated: {exc}")))

    def _apply(self, generation: int,
               result: tuple[list[Problem], Report | None, str]) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.problems, report, self.report_error = result
        if report is not None:
            self.report = report
        self.marks = self._index_problems(self.problems)
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
            text = ("" if p.severity == "error" else "Warning: ") + p.message
            table_marks[key] = f"{table_marks[key]}\n{text}" if key in table_marks else text
        return marks
