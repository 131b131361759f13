"""The open project: its results, its file, its undo stack and the figures shown.

Views never compute a figure: they read ``document.report`` and ``document.problems``
(taken from the engine's results layer, planner.results.Results) and redraw on the
signals. Edits arrive as undo commands (ui.editing.commands) that call planner.inputs.editing
and then tell the document what changed; the results forget exactly what that change
makes stale and are computed again, off the UI thread for big projects.

A project opened from a team's server (planner.inputs.team) keeps its Session here: each
command, once the local project has its change, sends it (:meth:`Document.send`), and
what the other desks commit comes in through :meth:`Document.pull`, on the same signals
as a local edit, so every view refreshes the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from planner.analysis.compute import Report
from planner.core.errors import Problem
from planner.inputs import team
from planner.inputs.project import Project
from planner.inputs.schema import sheet
from planner.outputs.summary import Headline
from planner.results import Changes, Invalidated, Results
from ui.common.operations import BACKGROUND_ROWS, Operation
from ui.qt import QObject, QTimer, QUndoCommand, QUndoStack, Signal

# a step of an edit sent to the server: the call on the session, and what undoes the step's
# change in the local project when the server refuses it
Step = tuple[Callable[[team.Session], object], Callable[[], None]]


@dataclass(frozen=True)
class RefusedEdit:
    """An edit the server refused because someone changed the row first: kept (nothing a
    user typed is lost) until they apply it again on top of the other change or discard
    it."""

    table: str  # "Settings" for a setting
    row_id: int
    column: str  # the setting's key; "" for a whole row
    mine: object  # the value typed (None: the row removed)
    theirs: object  # the value on the server now (None: they removed the row)
    by: str
    at: dt.datetime | None
    sentence: str  # the engine's "alice changed on_hand to 1,200 at ..."
    row: str  # the row's ids as a person reads them (M-NDPR), "" when unknown

    @property
    def row_gone(self) -> bool:
        """They removed the row: there is nothing to apply a change of a cell to."""
        return self.theirs is None and not self.column


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
    serverChanged = Signal()  # a server document: online, changes kept, refused, rights
    remoteChanges = Signal(list)  # the change log's entries the other desks committed
    baselineChanged = Signal()  # another state to compare with (What changed)
    pageRequested = Signal(str)  # a view asks the window to show a page (its id)

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 source_name: str = "", parent: QObject | None = None,
                 session: team.Session | None = None):
        super().__init__(parent)
        if session is not None:
            project = session.project  # the same object: a pull changes what views show
        self.session = session
        self.read_only = False  # the server gives this user no right to change the project
        self.refused: list[RefusedEdit] = []
        self.server_note = ""  # why the server cannot be reached, while it cannot
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
        # the state before the last import or refresh, kept outside the project (not saved
        # with it): What changed compares with it and the tables tint the cells that differ
        self.baseline: Project | None = None
        self.baseline_label = ""
        self._operation: Operation[Results] | None = None
        self.recompute()

    # --- state ---------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.results.project

    @property
    def display_name(self) -> str:
        if self.session is not None:
            return self.tr("{project} on {server}").format(
                project=self.session.name, server=self.session.server.address.server)
        if self.path is not None:
            return self.path.name
        return self.source_name or self.tr("Untitled")

    @property
    def short_name(self) -> str:
        """A name to offer for a file saved from this document (no server in it)."""
        return self.session.name if self.session is not None else Path(self.display_name).stem

    def is_modified(self) -> bool:
        """Whether closing would lose something: for a server document, the changes kept
        while the server was away (every other edit is on the server already)."""
        if self.session is not None:
            return bool(self.kept_changes())
        return not self.undo_stack.isClean()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.source_name = ""
        self.pathChanged.emit()

    def select_item(self, item_id: str) -> None:
        if item_id and item_id != self.selected_item:
            self.selected_item = item_id
            self.itemSelected.emit(item_id)

    def set_baseline(self, project: Project | None, label: str = "") -> None:
        """Compare the project with ``project`` (a copy of the state before an import or
        refresh) from now on; None forgets it."""
        self.baseline, self.baseline_label = project, label if project is not None else ""
        self.baselineChanged.emit()

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

    def changed_remotely(self, pulled: team.Pulled) -> None:
        """What a pull brought in: the same signals as a local edit, one recompute."""
        reset = set(pulled.tables)
        for table in sorted(reset):
            self.tableReset.emit(table)
        for table, (positions, columns) in pulled.cells.items():
            if table not in reset and positions:
                self.cellsChanged.emit(table, list(positions), sorted(set(columns)))
        if pulled.settings:
            self.settingsChanged.emit()
        changes = Changes(tables=frozenset(reset | set(pulled.cells)),
                          settings=pulled.settings)
        if not changes.empty:
            self.recompute(self.results.apply(changes))
        if reset:
            self._forget_history(reset)

    def replace_project(self, project: Project) -> None:
        invalidated = self.results.replace(project)
        for table in project.tables:
            self.tableReset.emit(table)
        self.settingsChanged.emit()
        self.recompute(invalidated)

    # --- a project on a server -------------------------------------------------------
    def kept_changes(self) -> int:
        """Edits kept while the server was away, sent once it is back."""
        return len(self.session.pending) if self.session is not None else 0

    def send(self, command: QUndoCommand, steps: Sequence[Step]) -> None:
        """Send a command's change (already in the local project) to the server, each step
        one transaction. A step the server refuses is undone here, with the steps after
        it, and the command is made obsolete, so that the undo stack drops it (it holds
        only changes the server has): a conflict keeps the edit in :attr:`refused` and
        brings in the other desk's change; a viewer is told that the project is theirs
        to view. With the server away the engine keeps the change to send later."""
        session = self.session
        if session is None:
            return
        for k, (remote, _revert) in enumerate(steps):
            try:
                remote(session)
            except team.ServerUnavailable as exc:
                self.server_note = str(exc)  # kept by the session; the next steps too
            except team.TeamError as exc:
                for _remote, revert in reversed(steps[k:]):
                    revert()
                command.setObsolete(True)
                self._refused(exc)
                return
            else:
                if self.server_note and not self.kept_changes():
                    self.server_note = ""
        if session.refused:  # edits kept earlier, refused when this one sent them first
            self._refused_on_the_way()
        self.serverChanged.emit()

    def refuse_read_only(self, command: QUndoCommand) -> bool:
        """True (the command dropped, nothing changed) when the project may not be
        changed from here."""
        if not self.read_only:
            return False
        command.setObsolete(True)
        self.message.emit(self.tr("You may view this project, not change it: the server "
                                  "gives your user no right to change it."))
        return True

    def _refused(self, exc: team.TeamError) -> None:
        if isinstance(exc, team.EditConflict):
            self._keep_refused(exc.conflicts)
            self.pull()
            self.message.emit(self.tr("Your change was refused: {reason}. It is kept under "
                                      "Refused changes.").format(reason=exc.conflicts[0]
                                                                 .sentence()))
        elif isinstance(exc, team.NotAllowed):
            self.read_only = True
            self.message.emit(self.tr("You may view this project, not change it: the server "
                                      "gives your user no right to change it."))
        else:
            self.message.emit(str(exc))
        self.serverChanged.emit()

    def _keep_refused(self, conflicts: Sequence[team.Conflict]) -> None:
        for c in conflicts:
            self.refused.append(RefusedEdit(c.table, c.row_id, c.column, c.mine, c.theirs,
                                            c.by, c.at, c.sentence(),
                                            self.row_label(c.table, c.row_id)))

    def row_label(self, table: str, row_id: int) -> str:
        """The ids of a server row as a person reads them (M-NDPR, P-1 / C-2)."""
        position = self.position_of(table, row_id)
        if position is None:
            return ""
        spec = sheet(table)
        frame = self.project.tables[table]
        ids = [str(frame[c.name].iloc[position]) for c in spec.columns if c.type == "id"
               and c.name in frame and not _blank(frame[c.name].iloc[position])]
        return " / ".join(ids)

    def position_of(self, table: str, row_id: int) -> int | None:
        """Where a server row is in the local table now (None: not here any more)."""
        if self.session is None or table not in self.session.keys:
            return None
        found = (self.session.keys[table].row_id == row_id).nonzero()[0]
        return int(found[0]) if len(found) else None

    def pull(self) -> team.Pulled | None:
        """Bring in what the other desks committed; False-y when nothing came."""
        if self.session is None:
            return None
        try:
            pulled = self.session.pull()
        except team.ServerUnavailable as exc:
            self.server_note = str(exc)
            self.serverChanged.emit()
            return None
        except team.TeamError as exc:
            self.message.emit(str(exc))
            return None
        self.server_note = "" if not self.kept_changes() else self.server_note
        if pulled:
            self.changed_remotely(pulled)
        if self.session.refused:  # kept edits the pull sent first: theirs came in with it
            self._keep_refused(self.session.refused)
            self.session.refused.clear()
            self._forget_history(None)
        others = self._others(pulled)
        if others:
            self.remoteChanges.emit(others)
        self.serverChanged.emit()
        return pulled

    def _refused_on_the_way(self) -> None:
        """Kept edits that a later edit sent first, refused: their rows back to the
        server's values (a pull), the refused edits listed, the history started again
        (its steps would undo someone else's change)."""
        assert self.session is not None
        self._keep_refused(self.session.refused)
        count = len({(c.table, c.row_id) for c in self.session.refused})
        self.session.refused.clear()
        self.pull()
        self._forget_history(None)
        self.message.emit(self.tr("%n change(s) kept while the server was away were "
                                  "refused: someone changed those rows first. They are kept "
                                  "under Refused changes.", None, count))

    def _others(self, pulled: team.Pulled) -> list[dict[str, Any]]:
        """The log's entries that changed something here (this desk's own come back in
        the log too, and change nothing)."""
        if self.session is None or not pulled:
            return []
        touched: set[tuple[str, int]] = set()
        for table, (positions, _columns) in pulled.cells.items():
            ids = self.session.keys[table].row_id
            touched |= {(table, int(ids[p])) for p in positions if 0 <= p < len(ids)}
        own: str = self.session.server.address.user
        out = []
        for entry in pulled.changes:
            table, row_id = str(entry.get("table")), entry.get("row_id")
            if entry.get("action") == "setting":
                keep = pulled.settings and entry.get("by") != own
            elif table in pulled.tables:
                keep = True
            else:
                keep = row_id is not None and (table, int(row_id)) in touched
            if keep:
                out.append(entry)
        return out

    def flush(self) -> bool:
        """Send the changes kept while the server was away; True once all are sent (those
        refused by a conflict go to :attr:`refused`)."""
        if self.session is None:
            return True
        try:
            conflicts = self.session.flush()
        except team.ServerUnavailable as exc:
            self.server_note = str(exc)
            self.serverChanged.emit()
            return False
        except team.NotAllowed as exc:  # the kept edits were dropped: not this user's
            self.read_only = True
            self.server_note = ""
            self.message.emit(str(exc))
            self.serverChanged.emit()
            return True
        except team.TeamError as exc:
            self.message.emit(str(exc))
            self.serverChanged.emit()
            return False
        self.server_note = ""
        if conflicts:
            # the local cells go back to the server's; the undo steps of the refused edits
            # would now undo someone else's change: the history starts again
            self.session.refused[:0] = conflicts
            self._refused_on_the_way()
        self.serverChanged.emit()
        return True

    def drop_refused(self, entry: RefusedEdit) -> None:
        if entry in self.refused:
            self.refused.remove(entry)
            self.serverChanged.emit()

    def _forget_history(self, tables: set[str] | None) -> None:
        """The undo steps no longer fit the project, and the history is cleared (after the
        command running now returns): rows another desk added or removed in ``tables``
        moved the positions the steps hold, or (None) kept edits were refused, whose steps
        would undo someone else's change."""
        stack = self.undo_stack
        if tables is not None and not any(
                getattr(stack.command(i), "table", None) in tables for i in range(stack.count())):
            return
        if stack.count():
            QTimer.singleShot(0, self, lambda: self._clear_history(tables is not None))

    def _clear_history(self, say: bool) -> None:
        if self.undo_stack.count():
            self.undo_stack.clear()
            if say:
                self.message.emit(self.tr("Undo history cleared: another desk added or "
                                          "removed rows the earlier steps refer to."))

    def close_session(self) -> None:
        """Close the connection to the server (the document is closing)."""
        if self.session is not None:
            with contextlib.suppress(Exception):  # already lost: nothing to close
                self.session.close()

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


def _blank(value: object) -> bool:
    return value is None or bool(pd.isna(value))  # type: ignore[call-overload]
