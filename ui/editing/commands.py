"""Undo commands: every edit of the window is one of these, and each calls plain engine
operations (planner.inputs.editing) and tells the document what changed."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from planner.inputs import editing
from planner.inputs.project import Project, Settings
from planner.inputs.schema import SETTING_BY_KEY
from ui.editing.document import Document
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

    def redo(self) -> None:
        project = self.doc.project
        if self.append_rows:
            editing.insert_rows(project, self.table, len(project.tables[self.table]),
                                count=self.append_rows)
        self.old = [editing.set_value(project, self.table, row, column, value)
                    for row, column, value in self.changes]
        self._notify()

    def undo(self) -> None:
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


class InsertRows(QUndoCommand):
    def __init__(self, doc: Document, table: str, at: int, rows: pd.DataFrame | None = None,
                 count: int = 1):
        n = count if rows is None else len(rows)
        # two sentences, not a "%n" one: lupdate gives numerus forms to tr() alone
        super().__init__(QCoreApplication.translate("InsertRows", "Add 1 row") if n == 1 else
                         QCoreApplication.translate("InsertRows", "Add {count} rows").format(
                             count=n))
        self.doc, self.table, self.at, self.rows, self.count = doc, table, at, rows, n

    def redo(self) -> None:
        editing.insert_rows(self.doc.project, self.table, self.at, self.rows, self.count)
        self.doc.changed_rows(self.table)

    def undo(self) -> None:
        editing.remove_rows(self.doc.project, self.table, range(self.at, self.at + self.count))
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
        self.removed = editing.remove_rows(self.doc.project, self.table, self.positions)
        self.doc.changed_rows(self.table)

    def undo(self) -> None:
        assert self.removed is not None
        editing.restore_rows(self.doc.project, self.table, self.removed)
        self.doc.changed_rows(self.table)


class SetSetting(QUndoCommand):
    """Change one setting (parsed by the engine before the command is made)."""

    def __init__(self, doc: Document, new: Settings, key: str):
        spec = SETTING_BY_KEY.get(key)
        name = spec.heading if spec is not None and spec.heading != key else key.replace(
            "_", " ")  # English: "Change target days"; Japanese: 目標在庫日数の変更
        super().__init__(QCoreApplication.translate("SetSetting", "Change {setting}").format(
            setting=name))
        self.doc, self.new, self.old = doc, new, doc.project.settings

    def redo(self) -> None:
        self.doc.project.settings = self.new
        self.doc.changed_settings()

    def undo(self) -> None:
        self.doc.project.settings = self.old
        self.doc.changed_settings()


class ReplaceProject(QUndoCommand):
    """An import: the whole project replaced, undoable like any edit."""

    def __init__(self, doc: Document, project: Project, text: str = ""):
        super().__init__(text or QCoreApplication.translate("ReplaceProject", "Import"))
        self.doc, self.new, self.old = doc, project, doc.project

    def redo(self) -> None:
        self.doc.replace_project(self.new)

    def undo(self) -> None:
        self.doc.replace_project(self.old)
