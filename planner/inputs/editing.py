"""Edits to a project: the plain operations that the window's undo commands call.

Each operation validates what it is given with the same parsers as the import, changes
the project in place, and returns what undoing it needs. A value that cannot be read is
refused with a located message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from planner.core.errors import InputError, Problem, column_letter
from planner.inputs.cell_messages import is_warning
from planner.inputs.project import Project, Settings
from planner.inputs.schema import sheet
from planner.inputs.validation import parse_column, parse_setting


@dataclass(frozen=True)
class CellChange:
    table: str
    row: int  # position in the table
    column: str
    old: object
    new: object


def parse_value(table: str, column: str, text: object, where: str = "") -> object:
    """The typed value of ``text`` typed into ``table.column``; InputError when unreadable.

    A blank value is None (a required column refuses it); a value with only a warning (an
    id with a zero-width space) is kept, as an import keeps it.
    """
    spec = sheet(table).column(column)
    typed, blank, messages = parse_column(spec, [text])
    if messages and not is_warning(messages[0]):
        raise InputError([Problem(table, messages[0], where)])
    if blank[0]:
        return None
    value = cast("Sequence[object]", typed)[0]  # one value in, one typed value out
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def parse_block(table: str, columns: Sequence[str], rows: Sequence[Sequence[object]],
                first_row: int = 2, first_column: int = 0) -> list[list[object]]:
    """A pasted block, every cell parsed; InputError listing every unreadable cell."""
    problems: list[Problem] = []
    out: list[list[object]] = []
    for i, values in enumerate(rows):
        typed_row = []
        for j, (column, text) in enumerate(zip(columns, values, strict=False)):
            ref = f"{column_letter(first_column + j)}{first_row + i}"
            try:
                typed_row.append(parse_value(table, column, text, ref))
            except InputError as exc:
                problems += exc.problems
                typed_row.append(None)
        out.append(typed_row)
    if problems:
        raise InputError(problems)
    return out


def get_value(project: Project, table: str, row: int, column: str) -> object:
    value = project.tables[table][column].iloc[row]
    return None if pd.isna(value) else value


def set_value(project: Project, table: str, row: int, column: str, value: object) -> object:
    """Set one typed cell; returns the previous value."""
    frame = project.tables[table]
    old = get_value(project, table, row, column)
    col = frame.columns.get_loc(column)
    assert isinstance(col, int), f"{table} has more than one column {column}"
    # a typed cell (parse_value made it) or the column's own blank
    cell: Any = (np.nan if frame[column].dtype == "float64" else pd.NA
                 if frame[column].dtype.kind != "M" else pd.NaT) if value is None else value
    frame.iloc[row, col] = cell
    return old


def insert_rows(project: Project, table: str, at: int, rows: pd.DataFrame | None = None,
                count: int = 1) -> int:
    """Insert ``rows`` (or ``count`` blank rows) before position ``at``; returns how many."""
    frame = project.tables[table]
    spec = sheet(table)
    if rows is None:
        rows = pd.DataFrame({c.name: pd.Series([None] * count, dtype=_dtype(c.dtype))
                             for c in spec.columns})
    rows = rows.astype({c.name: _dtype(c.dtype) for c in spec.columns})
    project.tables[table] = pd.concat([frame.iloc[:at], rows, frame.iloc[at:]],
                                      ignore_index=True)
    project.forget_layouts()
    return len(rows)


def _dtype(dtype: object) -> np.dtype[Any] | pd.api.extensions.ExtensionDtype:
    """The schema's column type as a dtype pandas names (the schema types it loosely)."""
    return pd.api.types.pandas_dtype(dtype)


def remove_rows(project: Project, table: str, positions: Sequence[int]) -> pd.DataFrame:
    """Remove the rows at ``positions``; returns them (with their positions as index)."""
    frame = project.tables[table]
    keep = np.ones(len(frame), dtype=bool)
    keep[list(positions)] = False
    removed = frame.iloc[sorted(positions)].copy()
    project.tables[table] = frame[keep].reset_index(drop=True)
    project.forget_layouts()
    return removed


def restore_rows(project: Project, table: str, removed: pd.DataFrame) -> None:
    """Put back rows returned by remove_rows at their old positions."""
    frame = project.tables[table]
    positions = list(removed.index)
    n = len(frame) + len(removed)
    is_old = np.zeros(n, dtype=bool)
    is_old[positions] = True
    merged = pd.concat([frame, removed], ignore_index=True)
    order = np.empty(n, dtype=np.int64)
    order[~is_old] = np.arange(len(frame))
    order[is_old] = np.arange(len(frame), n)
    project.tables[table] = merged.iloc[order].reset_index(drop=True)
    project.forget_layouts()


def set_setting(project: Project, key: str, text: object) -> Settings:
    """Change one setting from what the user typed; returns the previous settings."""
    value, message = parse_setting(key, text)
    if message:
        raise InputError([Problem("Settings", message)])
    old = project.settings
    project.settings = old.with_changes(**{key: value})
    return old
