"""Table models over the engine's DataFrames.

Following Orange and Spyder: at reset each column is turned once into a numpy array (for
sorting) and a list of display strings, so ``data()`` is a couple of list look-ups.
Sorting is a stable numpy permutation; the search box filters with boolean masks. View
rows map to table positions through ``self.order``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from planner.analysis.ordering import status_rank
from planner.core import formatting as fmt
from planner.core.errors import InputError
from planner.inputs import editing
from planner.inputs.schema import sheet
from ui.common import theme
from ui.editing.document import Document
from ui.qt import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a column sorts by
POSITION_ROLE = Qt.ItemDataRole.UserRole + 2  # the table position of a view row
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


FORMATTERS: dict[str, Callable[[object], str]] = {  # by column kind
    "number": fmt.entered, "quantity": fmt.quantity, "share": fmt.share,
    "days": partial(fmt.days, digits=None), "hhi": fmt.hhi, "bool": fmt.yes_no,
    "when": fmt.survival,
}


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    kind: str = "text"  # text, number, share, days, hhi, bool, status, date, ...
    tip: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "quantity", "share", "days", "hhi", "when")


class LazyStrings:
    """Display strings of one numeric column, formatted on first use and then kept.

    Formatting 200,000 numbers up front takes a second; a view shows forty at a time.
    """

    __slots__ = ("cache", "formatter", "values")

    def __init__(self, values: np.ndarray, formatter: Callable[[object], str]):
        self.values, self.formatter = values, formatter
        self.cache: list[str | None] = [None] * len(values)

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self.values)))

    def __getitem__(self, i: int) -> str:
        text = self.cache[i]
        if text is None:
            text = self.cache[i] = self.formatter(self.values[i])
        return text


def _month(value: object) -> str:
    """A month as its cells show it and as it is typed back: 2027-01 (blank when missing)."""
    return fmt.date(value)[:7]


def _display(series: pd.Series, kind: str) -> list[str] | LazyStrings:
    if kind == "date":
        return [fmt.date(v) for v in series]
    if kind == "month":
        return [_month(v) for v in series]
    formatter = FORMATTERS.get(kind)
    if formatter is not None:
        values = series.to_numpy(dtype=float, na_value=np.nan) if kind != "bool" else (
            series.to_numpy())
        return LazyStrings(values, formatter)
    return series.astype(object).where(series.notna(), "").astype(str).tolist()


def _edit_text(value: object, kind: str) -> str:
    if fmt.is_missing(value):
        return ""
    if kind == "date":
        return fmt.date(value)
    if kind == "month":
        return _month(value)
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


class FrameModel(QAbstractTableModel):
    """A read-only, sortable, filterable view of a DataFrame."""

    def __init__(self, columns: list[Col], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame({c.key: [] for c in columns})
        self.order = np.arange(0)
        self.rows: list[int] = []
        self._display: list[list[str] | LazyStrings] = []
        self._sort_keys: dict[int, np.ndarray] = {}  # by column, made when first sorted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = ""
        self._rebuild()

    # --- data in ------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._display = [_display(self.frame[c.key], c.kind) if c.key in self.frame
                         else [""] * len(self.frame) for c in self.columns]
        self._sort_keys = {}
        self._apply_order()

    def sort_key(self, column: int) -> np.ndarray:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._sort_key(self.columns[column])
        return keys

    def _sort_key(self, c: Col) -> np.ndarray:
        if c.key not in self.frame:
            return np.zeros(len(self.frame))
        col = self.frame[c.key]
        if c.numeric:
            return col.to_numpy(dtype=float, na_value=np.nan)
        if c.kind == "status":
            return status_rank(col).to_numpy(dtype=float)
        if c.kind == "bool":
            return col.fillna(False).to_numpy(dtype=float)
        if c.kind in ("date", "month"):
            return col.to_numpy(dtype="datetime64[s]").astype("int64").astype(float)
        return np.array([s.lower() for s in self._display[self.columns.index(c)]],
                        dtype=object)

    def _apply_order(self) -> None:
        n = len(self.frame)
        order = np.arange(n)
        if self._sort is not None:
            column, direction = self._sort
            keys = self.sort_key(column)
            if keys.dtype == object:
                order = np.array(sorted(range(n), key=keys.__getitem__), dtype=np.int64)
            else:  # NaN last in both directions
                order = np.argsort(keys, kind="stable")
                nan = np.isnan(keys[order])
                order = np.concatenate([order[~nan], order[nan]])
            if direction == Qt.SortOrder.DescendingOrder:
                if keys.dtype == object:
                    order = order[::-1]
                else:
                    valid = order[~np.isnan(keys[order])]
                    order = np.concatenate([valid[::-1], order[len(valid):]])
        if self._filter:
            needle = self._filter.lower()
            mask = np.zeros(n, dtype=bool)
            for strings in self._display:
                if isinstance(strings, LazyStrings):
                    continue  # search looks at names, ids, codes and dates, not figures
                mask |= pd.Series(strings, dtype=object).str.lower().str.contains(
                    needle, regex=False).to_numpy(dtype=bool)
            order = order[mask[order]]
        self.order = order
        self.rows = order.tolist()  # plain ints: indexing a list with them is fastest

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        try:
            persistent = self.persistentIndexList()
            old_positions = [int(self.order[i.row()]) if 0 <= i.row() < len(self.order)
                             else -1 for i in persistent]
            self._sort = (column, order)
            self._apply_order()
            self._remap(persistent, old_positions)
        finally:  # an exception between the two signals would leave Qt's views broken
            self.layoutChanged.emit()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip()
        self._apply_order()
        self.endResetModel()

    def _remap(self, persistent: list, old_positions: list[int]) -> None:
        where = np.full(len(self.frame), -1, dtype=np.int64)
        where[self.order] = np.arange(len(self.order))
        new = []
        for index, pos in zip(persistent, old_positions, strict=True):
            row = int(where[pos]) if pos >= 0 else -1
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, new)

    # --- Qt model interface -------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def position(self, row: int) -> int:
        return int(self.order[row])

    def row_of(self, position: int) -> int:
        hits = np.flatnonzero(self.order == position)
        return int(hits[0]) if len(hits) else -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == DISPLAY_ROLE:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.columns[index.column()].numeric else None
        if role == Qt.ItemDataRole.ForegroundRole:
            c = self.columns[index.column()]
            if c.kind == "status":
                return theme.status_colour(self._display[index.column()][
                    self.order[index.row()]])
            return None
        if role == SORT_ROLE:
            return self.sort_key(index.column())[self.order[index.row()]]
        if role == POSITION_ROLE:
            return int(self.order[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.tip or None
            if role == Qt.ItemDataRole.TextAlignmentRole and c.numeric:
                return RIGHT
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def value(self, row: int, key: str) -> object:
        return self.frame[key].iloc[self.position(row)]


KIND_OF_TYPE = {"number": "number", "share": "share", "date": "date", "month": "month"}


class ProjectTableModel(FrameModel):
    """An editable template table of the open project; edits go through undo commands."""

    def __init__(self, doc: Document, table: str, parent: QObject | None = None):
        self.spec = sheet(table)
        cols = [Col(c.name, c.name.replace("_", " ").capitalize()
                    .replace("Item id", "Item ID").replace("Supplier id", "Supplier ID")
                    .replace("Parent id", "Parent ID").replace("Child id", "Child ID")
                    .replace("Moq", "MOQ").replace("pct", "%"),
                    KIND_OF_TYPE.get(c.type, "text"),
                    c.note + (" (required)" if c.required else ""))
                for c in self.spec.columns]
        super().__init__(cols, parent)
        self.doc, self.table = doc, table
        self.last_error = ""  # why the last setData was refused
        doc.tableReset.connect(self._on_reset)
        doc.cellsChanged.connect(self._on_cells)
        doc.reportChanged.connect(self._on_problems)
        self.set_frame(doc.project.tables[table])

    def _on_reset(self, table: str) -> None:
        if table == self.table:
            self.set_frame(self.doc.project.tables[table])

    def _on_cells(self, table: str, positions: list[int], columns: list[str]) -> None:
        if table != self.table:
            return
        self.frame = self.doc.project.tables[table]
        keys = [c.key for c in self.columns]
        for name in columns:
            j = keys.index(name)
            self._display[j] = _display(self.frame[name], self.columns[j].kind)
            self._sort_keys.pop(j, None)
        rows = [self.row_of(p) for p in positions]
        rows = [r for r in rows if r >= 0]
        if rows:
            cols = [keys.index(c) for c in columns]
            self.dataChanged.emit(self.index(min(rows), min(cols)),
                                  self.index(max(rows), max(cols)))

    def _on_problems(self) -> None:
        if self.rowCount():
            # an edit of another table may have moved these rows to the template's layout
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def sheet_row(self, position: int) -> int:
        """The sheet row of table ``position``, the row messages name (``Orders!C15``):
        where it stood in the file it came from, or the template's row once rows moved."""
        layout = self.doc.project.layouts.get(self.table)
        if layout is not None and len(layout.rows) == len(self.frame):
            return int(layout.rows[position])
        return position + 2  # the template's header is row 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical and role == DISPLAY_ROLE:
            if 0 <= section < len(self.order):  # a filtered or sorted row keeps its number
                return str(self.sheet_row(int(self.order[section])))
            return None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == DISPLAY_ROLE:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole):
            marks = self.doc.marks.get(self.table)
            pos = int(self.order[index.row()])
            text = marks.get((pos, self.columns[index.column()].key)) if marks else None
            if text is None:
                return super().data(index, role)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text
            if role == Qt.ItemDataRole.ForegroundRole:  # reads on the fill in every theme
                return theme.problem_text()
            return theme.problem_brush(warning=text.startswith("Warning"))
        if role == Qt.ItemDataRole.EditRole:
            c = self.columns[index.column()]
            return _edit_text(self.frame[c.key].iloc[self.position(index.row())], c.kind)
        return super().data(index, role)

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        from ui.editing.commands import SetCells

        column = self.columns[index.column()].key
        pos = self.position(index.row())
        ref = self.doc.project.layout(self.table).cell(column, pos)
        try:
            typed = editing.parse_value(self.table, column, value, ref)
        except InputError as exc:
            self.last_error = str(exc.problems[0])
            self.doc.message.emit(self.last_error)
            return False
        if _same(typed, editing.get_value(self.doc.project, self.table, pos, column)):
            return True
        self.doc.undo_stack.push(SetCells(self.doc, self.table, [(pos, column, typed)]))
        return True


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
