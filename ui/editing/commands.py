"""Undo commands: every edit of the window is one of these, and each calls plain engine
operations (planner.inputs.editing) and tells the document what changed.

On a project opened from a team's server, a command then sends the same change to the
server (``Document.send``), redo and undo alike, each step one transaction. A step the
server refuses is undone in the local project and the command made obsolete, so that Qt
drops it from the undo stack: the stack holds only changes the server has, and undoing
never reaches a change that was not made.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from planner.inputs import editing, team
from planner.inputs.project import Project, Settings
from planner.inputs.schema import SETTING_BY_KEY
from ui.editing.document import Document, RefusedEdit, Step
from ui.qt import QCoreApplication, QUndoCommand


class SetCells(QUndoCommand):
    """Set typed values in one table: one cell, or a pasted block (rows appended first)."""

    def __init__(self, doc: Document, table: str,
                 changes: Sequence[tuple[int, str, object]], append_rows: int = 0,
                 text: str = ""):
        # the text follows Edit → Undo and Redo; callers give theirs translated
        super().__init__(text or (QCoreApplication.translate("SetCells", "Edit cell")
                                  if len(changes) == 1 else QCoreApplication.translate(
                                      "SetCells", "Paste {count} cells").format(
                                          count=len(changes))))
        self.doc, self.table = doc, table
        self.changes = list(changes)
        self.append_rows = append_rows
        self.old: list[object] = []
        self.first_new = -1  # where the appended rows begin

    def redo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._forward()
        if self.doc.session is not None:
            self.doc.send(self, self._steps(forward=True))

    def undo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._backward()
        if self.doc.session is not None:
            self.doc.send(self, self._steps(forward=False))

    def _forward(self) -> None:
        project = self.doc.project
        if self.append_rows:
            self.first_new = len(project.tables[self.table])
            editing.insert_rows(project, self.table, self.first_new, count=self.append_rows)
        self.old = [editing.set_value(project, self.table, row, column, value)
                    for row, column, value in self.changes]
        self._notify()

    def _backward(self) -> None:
        project = self.doc.project
        for (row, column, _), old in zip(reversed(self.changes), reversed(self.old),
                                         strict=True):
            editing.set_value(project, self.table, row, column, old)
        if self.append_rows:
            n = len(project.tables[self.table])
            editing.remove_rows(project, self.table, range(n - self.append_rows, n))
        self._notify()

    def _notify(self) -> None:
        if self.append_rows:
            self.doc.changed_rows(self.table)
        else:
            self.doc.changed_cells(self.table, [r for r, _, _ in self.changes],
                                   sorted({c for _, c, _ in self.changes}))

    def _steps(self, forward: bool) -> list[Step]:
        """The cells of rows that were there already (one transaction, refused as a whole
        on a conflict), then the appended rows with their values (another)."""
        table, project = self.table, self.doc.project
        first = self.first_new if self.append_rows else len(project.tables[table]) + 1
        kept = [(i, c) for i, c in enumerate(self.changes) if c[0] < first]
        values = [c[2] if forward else self.old[i] for i, c in kept]
        steps: list[Step] = []

        def put_back(value_of: list[object]) -> None:
            for (_i, (row, column, _v)), value in zip(kept, value_of, strict=True):
                editing.set_value(self.doc.project, table, row, column, value)
            self.doc.changed_cells(table, [c[0] for _i, c in kept],
                                   sorted({c[1] for _i, c in kept}))

        if kept:
            before = [c[2] if not forward else self.old[i] for i, c in kept]
            steps.append((lambda s: s.set_cells(table, [c[0] for _i, c in kept],
                                                [c[1] for _i, c in kept], values),
                          lambda: put_back(before)))
        if self.append_rows:
            n, rows = self.append_rows, range(first, first + self.append_rows)
            if forward:
                steps.append((lambda s: s.insert_rows(table, first,
                                                      project.tables[table].iloc[first:]),
                              lambda: self._drop_rows(rows)))
            else:
                steps.append((lambda s: s.remove_rows(table, list(rows)),
                              lambda: self._put_rows(first, n)))
        return steps

    def _drop_rows(self, rows: range) -> None:
        editing.remove_rows(self.doc.project, self.table, rows)
        self.doc.changed_rows(self.table)

    def _put_rows(self, first: int, n: int) -> None:
        """The appended rows again, with their values (their removal was refused)."""
        project = self.doc.project
        editing.insert_rows(project, self.table, first, count=n)
        for row, column, value in self.changes:
            if row >= first:
                editing.set_value(project, self.table, row, column, value)
        self.doc.changed_rows(self.table)


class InsertRows(QUndoCommand):
    def __init__(self, doc: Document, table: str, at: int, rows: pd.DataFrame | None = None,
                 count: int = 1):
        n = count if rows is None else len(rows)
        # two sentences, not a "%n" one: lupdate gives numerus forms to tr() alone
        super().__init__(QCoreApplication.translate("InsertRows", "Add 1 row") if n == 1 else
                         QCoreApplication.translate("InsertRows", "Add {count} rows").format(
                             count=n))
        self.doc, self.table, self.at, self.rows, self.count = doc, table, at, rows, n
        self.removed: pd.DataFrame | None = None  # the rows as they were when undone

    def redo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._insert()
        if self.doc.session is not None:
            table, at, n = self.table, self.at, self.count
            self.doc.send(self, [(lambda s: s.insert_rows(
                table, at, self.doc.project.tables[table].iloc[at:at + n]), self._remove)])

    def undo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._remove()
        if self.doc.session is not None:
            positions = list(range(self.at, self.at + self.count))
            self.doc.send(self, [(lambda s: s.remove_rows(self.table, positions),
                                  self._restore)])

    def _insert(self) -> None:
        editing.insert_rows(self.doc.project, self.table, self.at, self.rows, self.count)
        self.doc.changed_rows(self.table)

    def _remove(self) -> None:
        self.removed = editing.remove_rows(self.doc.project, self.table,
                                           range(self.at, self.at + self.count))
        self.doc.changed_rows(self.table)

    def _restore(self) -> None:
        """The rows back as they were (their removal was refused: someone changed them)."""
        assert self.removed is not None
        editing.restore_rows(self.doc.project, self.table, self.removed)
        self.doc.changed_rows(self.table)


class RemoveRows(QUndoCommand):
    def __init__(self, doc: Document, table: str, positions: Sequence[int]):
        n = len(positions)
        super().__init__(QCoreApplication.translate("RemoveRows", "Delete 1 row") if n == 1
                         else QCoreApplication.translate("RemoveRows", "Delete {count} rows")
                         .format(count=n))
        self.doc, self.table = doc, table
        self.positions = sorted(set(positions))
        self.removed: pd.DataFrame | None = None

    def redo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._remove()
        if self.doc.session is not None:
            # the session reads the removed rows' keys, which it still has
            self.doc.send(self, [(lambda s: s.remove_rows(self.table, self.positions),
                                  self._restore)])

    def undo(self) -> None:
        if self.doc.refuse_read_only(self):
            return
        self._restore()
        if self.doc.session is not None:
            self.doc.send(self, [(self._insert_runs, self._remove)])

    def _remove(self) -> None:
        self.removed = editing.remove_rows(self.doc.project, self.table, self.positions)
        self.doc.changed_rows(self.table)

    def _restore(self) -> None:
        assert self.removed is not None
        editing.restore_rows(self.doc.project, self.table, self.removed)
        self.doc.changed_rows(self.table)

    def _insert_runs(self, session: team.Session) -> None:
        """The restored rows as the server inserts them: each run of neighbouring rows at
        its place, first to last, so that every place counts the runs before it."""
        frame = self.doc.project.tables[self.table]
        start = 0
        for i in range(1, len(self.positions) + 1):
            if i == len(self.positions) or self.positions[i] != self.positions[i - 1] + 1:
                at, end = self.positions[start], self.positions[i - 1] + 1
                session.insert_rows(self.table, at, frame.iloc[at:end])
                start = i


class SetSetting(QUndoCommand):
    """Change one setting (parsed by the engine before the command is made)."""

    def __init__(self, doc: Document, new: Settings, key: str):
        spec = SETTING_BY_KEY.get(key)
        name = spec.heading if spec is not None and spec.heading != key else key.replace(
            "_", " ")  # English: "Change target days"; Japanese: 目標在庫日数の変更
        super().__init__(QCoreApplication.translate("SetSetting", "Change {setting}").format(
            setting=name))
        self.doc, self.new, self.old = doc, new, doc.project.settings
        self.key = key

    def redo(self) -> None:
        self._set(self.new, self.old)

    def undo(self) -> None:
        self._set(self.old, self.new)

    def _set(self, settings: Settings, before: Settings) -> None:
        if self.doc.refuse_read_only(self):
            return
        self.doc.project.settings = settings
        self.doc.changed_settings()
        if self.doc.session is not None:
            value = getattr(settings, self.key)

            def revert() -> None:
                self.doc.project.settings = before
                self.doc.changed_settings()

            self.doc.send(self, [(lambda s: s.set_setting(self.key, value), revert)])


class ReplaceProject(QUndoCommand):
    """An import: the whole project replaced, undoable like any edit (a file's project;
    a project on a server is replaced from the command line, `planner convert`)."""

    def __init__(self, doc: Document, project: Project, text: str = ""):
        super().__init__(text or QCoreApplication.translate("ReplaceProject", "Import"))
        self.doc, self.new, self.old = doc, project, doc.project

    def redo(self) -> None:
        self.doc.replace_project(self.new)

    def undo(self) -> None:
        self.doc.replace_project(self.old)


def apply_refused(doc: Document, entry: RefusedEdit) -> bool:
    """A refused edit made again, as a new edit on top of the other desk's change (undone
    like any other). False, and a note, when the row it was for is gone."""
    doc.drop_refused(entry)
    again = QCoreApplication.translate("RefusedChanges", "Apply my change again")
    if entry.table == "Settings":
        doc.undo_stack.push(SetSetting(doc, doc.project.settings.with_changes(
            **{entry.column: entry.mine}), entry.column))
        return True
    position = doc.position_of(entry.table, entry.row_id)
    if position is None or entry.row_gone:
        doc.message.emit(QCoreApplication.translate(
            "RefusedChanges", "The row of this change was removed by {user}; there is "
                              "nothing to apply it to.").format(user=entry.by))
        return False
    refused = len(doc.refused)
    if not entry.column:  # a removal refused because they changed the row: remove it now
        doc.undo_stack.push(RemoveRows(doc, entry.table, [position]))
    else:
        doc.undo_stack.push(SetCells(doc, entry.table, [(position, entry.column, entry.mine)],
                                     text=again))
    if len(doc.refused) > refused:  # changed again meanwhile: refused again, and kept
        return False
    doc.message.emit(QCoreApplication.translate("RefusedChanges",
                                                "Your change was applied again."))
    return True
