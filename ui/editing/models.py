"""Table models over the engine's DataFrames.

Following Orange and Spyder: at reset each column is turned once into a numpy array (for
sorting) and a list of display strings, so ``data()`` is a couple of list look-ups.
Sorting is a stable numpy permutation; the search box filters with boolean masks. View
rows map to table positions through ``self.order``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.compare import table_diff
from planner.analysis.ordering import status_rank
from planner.core import formatting as fmt
from planner.core.errors import InputError
from planner.inputs import editing
from planner.inputs.schema import Column, sheet
from ui.common import theme
from ui.editing.cell_text import COLUMN_TIPS, LazyStrings, display_texts, edit_text
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QColor,
    QCoreApplication,
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
# data() runs for every role of every cell painted (1,500 calls a frame when scrolling):
# the roles as plain ints, compared without touching the enum, and the flags made once
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT = int(SORT_ROLE)
_POSITION = int(POSITION_ROLE)
_FRAME_ROLES = frozenset({_ALIGNMENT, _FOREGROUND, _SORT, _POSITION})
_MARK_ROLES = frozenset({_TOOLTIP, _BACKGROUND, _FOREGROUND})
_PROJECT_ROLES = _FRAME_ROLES | _MARK_ROLES | {_EDIT}
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    kind: str = "text"  # text, number, share, days, hhi, bool, status, date, lookup, ...
    tip: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "quantity", "share", "days", "hhi", "when", "money",
                             "price")

    @property
    def header_tip(self) -> str:
        """What the column means, with its unit: its own tip, else the shared one (in the
        window's language)."""
        if self.tip:
            return self.tip
        shared = COLUMN_TIPS.get(self.key)
        return QCoreApplication.translate("ColumnTips", shared) if shared else ""


class FrameModel(QAbstractTableModel):
    """A read-only, sortable, filterable view of a DataFrame."""

    def __init__(self, columns: list[Col], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame({c.key: [] for c in columns})
        self.order = np.arange(0)
        self.rows: tuple[int, ...] = ()
        self._display: list[tuple[str, ...] | LazyStrings] = []
        # the raw keys of each status column (critical, short, ok): its colour, per cell
        self._status_keys: dict[int, tuple[str, ...]] = {}
        self._sort_keys: dict[int, np.ndarray] = {}  # by column, made when first sorted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = ""
        self._rebuild()

    # --- data in ------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame``. Of a frame with the same rows and columns as the one shown (new
        figures after an edit), only the columns whose values changed are formatted
        again and announced with dataChanged: a reset would make every view lay out its
        rows again and forget the selection and scroll position."""
        frame = frame.reset_index(drop=True)
        if not self._update_in_place(frame):
            self.beginResetModel()
            self.frame = frame
            self._rebuild()
            self.endResetModel()

    def set_columns(self, columns: list[Col]) -> None:
        """Show ``columns``: of the same columns with other titles or tips (a sum titled in
        another currency) only the header is told, as set_frame may then update the cells
        in place and never reset; other columns reset the model."""
        if [(c.key, c.kind) for c in columns] == [(c.key, c.kind) for c in self.columns]:
            self.columns = columns
            if columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
            return
        self.beginResetModel()
        self.columns = columns
        self._rebuild()
        self.endResetModel()

    def _update_in_place(self, frame: pd.DataFrame) -> bool:
        """Take ``frame`` by updating the columns that changed; False when it cannot be
        done (other rows or columns), and nothing was changed."""
        old = self.frame
        if len(frame) != len(old) or list(frame.columns) != list(old.columns) or not len(
                frame) or any(frame[c].dtype != old[c].dtype for c in frame.columns):
            return False
        changed = [j for j, c in enumerate(self.columns)
                   if c.key in frame and not frame[c.key].equals(old[c.key])]
        self.frame = frame
        if not changed:
            return True
        for j in changed:
            self._format(j)
        moved = (self._sort is not None and self._sort[0] in changed) or (
            bool(self._filter) and any(not isinstance(self._display[j], LazyStrings)
                                       for j in changed))
        if moved:  # the rows' order or the filtered rows may change
            self.layoutAboutToBeChanged.emit()
            try:
                persistent = self.persistentIndexList()
                old_positions = [int(self.order[i.row()]) if 0 <= i.row() < len(self.order)
                                 else -1 for i in persistent]
                self._apply_order()
                self._remap(persistent, old_positions)
            finally:
                self.layoutChanged.emit()
        elif len(self.order):
            self.dataChanged.emit(self.index(0, min(changed)),
                                  self.index(len(self.order) - 1, max(changed)))
        return True

    def _rebuild(self) -> None:
        self._display = [("",) * len(self.frame)] * len(self.columns)
        self._status_keys = {}
        for j, c in enumerate(self.columns):
            if c.key in self.frame:
                self._format(j)
        self._sort_keys = {}
        self._apply_order()

    def _format(self, column: int) -> None:
        """Make the strings shown in view column ``column`` (and the keys that colour a
        status column) from the frame, once per change rather than per painted cell."""
        c = self.columns[column]
        series = self.frame[c.key]
        self._display[column] = display_texts(series, c.kind, c.key)
        if c.kind == "status":
            self._status_keys[column] = tuple([str(v) for v in series])
        self._sort_keys.pop(column, None)

    def sort_key(self, column: int) -> np.ndarray:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._sort_key(self.columns[column])
        return keys

    def _sort_key(self, c: Col) -> np.ndarray:
        if c.kind == "lookup":
            return np.array([s.lower() for s in self._display[self.columns.index(c)]],
                            dtype=object)
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
        # plain ints, fastest to index with; a tuple, untracked by the garbage collector
        self.rows = tuple(order.tolist())

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
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if role not in _FRAME_ROLES or not index.isValid():
            return None
        if role == _ALIGNMENT:
            return RIGHT if self.columns[index.column()].numeric else None
        if role == _FOREGROUND:
            keys = self._status_keys.get(index.column())  # by the key, not the text shown
            return theme.status_colour(keys[self.rows[index.row()]]) if keys else None
        if role == _SORT:
            return self.sort_key(index.column())[self.order[index.row()]]
        return int(self.order[index.row()])  # POSITION_ROLE

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.header_tip or None
            if role == Qt.ItemDataRole.TextAlignmentRole and c.numeric:
                return RIGHT
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def value(self, row: int, key: str) -> object:
        return self.frame[key].iloc[self.position(row)]

    def shown(self, column: int, position: int) -> str:
        """The text shown in ``column`` for table ``position``."""
        return self._display[column][position]


KIND_OF_TYPE = {"number": "number", "share": "share", "date": "date", "month": "month",
                "kind": "kind", "per": "per", "supplier_kind": "supplier_kind", "yesno": "yesno",
                "origin": "origin"}

# The read-only name shown right of an id: id column -> (name column, its title, the
# table the name is looked up in); the titles are translated where shown
LOOKUPS: dict[str, tuple[str, str, str]] = {
    "item_id": ("item_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Name"), "Items"),
    "supplier_id": ("supplier_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Supplier name"),
                    "Suppliers"),
    "parent_id": ("parent_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Parent name"),
                  "Items"),
    "child_id": ("child_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Child name"), "Items"),
    "alternate_id": ("alternate_name",
                     QT_TRANSLATE_NOOP("ProjectTableModel", "Alternate's name"), "Items"),
}
NAME_TABLES = ("Items", "Suppliers")
_NAME_KEYS = frozenset({"name", "item_id", "supplier_id"})  # what a name shown depends on


def _title(name: str) -> str:
    """An English header from a column's name: "lead_time_days" -> "Lead time days"."""
    return (name.replace("_", " ").capitalize()
            .replace("Item id", "Item ID").replace("Supplier id", "Supplier ID")
            .replace("Parent id", "Parent ID").replace("Child id", "Child ID")
            .replace("Alternate id", "Alternate ID")
            .replace("Moq", "MOQ").replace("pct", "%"))


def _heading(column: Column) -> str:
    """A template column's header: the name a template in the window's language gives it
    (員数), or in English its name in words (Qty per)."""
    return column.heading if column.heading != column.name else _title(column.name)


def _header_tip(table: str, column: Column) -> str:
    """What a template column means, and whether it is required; in Japanese, headed by
    its name as messages give it (員数（qty_per）), so the canonical name is at hand."""
    shared = COLUMN_TIPS.get(f"{table}.{column.name}") or COLUMN_TIPS.get(column.name, "")
    tip = column.description or (
        QCoreApplication.translate("ColumnTips", shared) if shared else "")
    if column.required:
        tip = QCoreApplication.translate("ProjectTableModel", "{tip} (required)").format(
            tip=tip)
    if column.heading != column.name:
        tip = f"{column.label}\n{tip.strip()}"
    return tip


class ProjectTableModel(FrameModel):
    """An editable template table of the open project; edits go through undo commands."""

    def __init__(self, doc: Document, table: str, parent: QObject | None = None):
        self.spec = sheet(table)
        self.doc, self.table = doc, table
        cols = []
        for c in self.spec.columns:
            kind = "commodity" if c.name == "commodity" else KIND_OF_TYPE.get(c.type, "text")
            cols.append(Col(c.name, _heading(c), kind,
                            _header_tip(table, c)))
            lookup = LOOKUPS.get(c.name) if table not in NAME_TABLES else None
            if lookup is not None:
                cols.append(Col(lookup[0], QCoreApplication.translate(
                    "ProjectTableModel", lookup[1]), "lookup"))
        self._editable = [c.kind != "lookup" for c in cols]
        super().__init__(cols, parent)
        self.last_error = ""  # why the last setData was refused
        # the cells that differ from doc.baseline -> "Was: ..." (None: not worked out yet)
        self._was: dict[tuple[int, str], str] | None = None
        doc.baselineChanged.connect(self._baseline_changed)
        doc.tableReset.connect(self._on_reset)
        doc.cellsChanged.connect(self._on_cells)
        doc.reportChanged.connect(self._on_problems)
        self.set_frame(doc.project.tables[table])

    def _update_in_place(self, frame: pd.DataFrame) -> bool:
        """A table's rows were replaced (names beside ids may have changed too): reset."""
        return False

    def editable(self, column: int) -> bool:
        """Whether view column ``column`` is a cell of the table (not a name shown)."""
        return self._editable[column]

    def _rebuild(self) -> None:
        super()._rebuild()
        if hasattr(self, "doc"):  # FrameModel's constructor rebuilds before doc is set
            for id_key in LOOKUPS:
                self._look_up(id_key)

    def _look_up(self, id_key: str) -> int | None:
        """Fill the name column beside ``id_key`` from the Items or Suppliers table;
        returns its view column (None when this table has none)."""
        lookup = LOOKUPS.get(id_key)
        keys = [c.key for c in self.columns]
        if lookup is None or lookup[0] not in keys or id_key not in self.frame:
            return None
        source = self.doc.project.tables[lookup[2]]
        id_column = "item_id" if lookup[2] == "Items" else "supplier_id"
        names = dict(zip(source[id_column], source["name"].astype(object), strict=True))
        j = keys.index(lookup[0])
        self._display[j] = tuple([fmt.text(names.get(v)) if isinstance(v, str) else ""
                                  for v in self.frame[id_key]])
        self._sort_keys.pop(j, None)
        return j

    def _names_changed(self) -> None:
        """Names were edited in Items or Suppliers: show them beside the ids."""
        changed = [j for j in (self._look_up(k) for k in LOOKUPS) if j is not None]
        if changed and self.rowCount():
            self.dataChanged.emit(self.index(0, min(changed)),
                                  self.index(self.rowCount() - 1, max(changed)))

    def _on_reset(self, table: str) -> None:
        if table == self.table:
            self._was = None
            self.set_frame(self.doc.project.tables[table])
        elif table in NAME_TABLES:  # its rows were replaced: any id may have a new name
            self._names_changed()

    def _on_cells(self, table: str, positions: list[int], columns: list[str]) -> None:
        # only an edited name or id changes the names shown beside ids: other edits of
        # Items (a lead time) would otherwise rebuild the names of every table
        if table in NAME_TABLES and table != self.table and not _NAME_KEYS.isdisjoint(columns):
            self._names_changed()
        if table != self.table:
            return
        self._was = None
        self.frame = self.doc.project.tables[table]
        keys = [c.key for c in self.columns]
        for name in columns:
            j = keys.index(name)
            self._format(j)
            beside = self._look_up(name)
            if beside is not None:
                columns = [*columns, keys[beside]]
        rows = [self.row_of(p) for p in positions]
        rows = [r for r in rows if r >= 0]
        if rows:
            cols = [keys.index(c) for c in columns]
            self.dataChanged.emit(self.index(min(rows), min(cols)),
                                  self.index(max(rows), max(cols)))

    def _baseline_changed(self) -> None:
        self._was = None
        self._marks_changed()

    def changed_since(self) -> dict[tuple[int, str], str]:
        """The cells (position, column) that differ from the document's baseline, each with
        its tooltip ("Was: 120"): worked out once per baseline and state of the table."""
        if self._was is None:
            self._was = self._differences()
        return self._was

    def _differences(self) -> dict[tuple[int, str], str]:
        old = self.doc.baseline
        if old is None:
            return {}
        diff = table_diff(old, self.doc.project, self.table)
        positions, columns = diff.cells()
        if not len(positions):
            return {}
        was = dict(zip(diff.new_rows.tolist(), diff.old_rows.tolist(), strict=True))
        kinds = {c.key: c.kind for c in self.columns}
        frame = old.tables[self.table]
        wanted: dict[str, list[int]] = {}
        for p, name in zip(positions.tolist(), columns.tolist(), strict=True):
            if p in was:
                wanted.setdefault(str(name), []).append(was[p])
        texts: dict[str, dict[int, str]] = {}
        for name, rows in wanted.items():
            rows = sorted(set(rows))
            shown = display_texts(frame[name].iloc[rows].reset_index(drop=True),
                                  kinds.get(name, "text"), name)
            texts[name] = {r: shown[k] for k, r in enumerate(rows)}
        added = QCoreApplication.translate(
            "ProjectTableModel", "A new row: it was not there {what}.").format(
            what=self.doc.baseline_label)
        tips: dict[tuple[int, str], str] = {}
        for p, name in zip(positions.tolist(), columns.tolist(), strict=True):
            if p in was:
                value = texts[str(name)][was[p]] or "–"
                tips[(p, str(name))] = QCoreApplication.translate(
                    "ProjectTableModel", "Was: {value}").format(value=value)
            else:
                tips[(p, str(name))] = added
        return tips

    def _marks_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

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
        return EDITABLE if self._editable[index.column()] else READ_ONLY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if role not in _PROJECT_ROLES or not index.isValid():
            return None
        if role in _MARK_ROLES:
            marks = self.doc.marks.get(self.table)
            text = marks.get((self.rows[index.row()], self.columns[index.column()].key)
                             ) if marks else None
            if text is None:
                if self.doc.baseline is not None and role != _FOREGROUND:
                    was = self.changed_since().get(
                        (self.rows[index.row()], self.columns[index.column()].key))
                    if was is not None:  # problems first: a changed cell is only tinted
                        return was if role == _TOOLTIP else changed_brush()
                return super().data(index, role)
            if role == _TOOLTIP:
                return text
            if role == _FOREGROUND:  # reads on the fill in every theme
                return theme.problem_text()
            return theme.problem_brush(warning=text.startswith(self.doc.warning_prefix))
        if role == _EDIT:
            c = self.columns[index.column()]
            if not self._editable[index.column()]:
                return self._display[index.column()][self.rows[index.row()]]
            return edit_text(self.frame[c.key].iloc[self.position(index.row())], c.kind)
        return super().data(index, role)

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable(
                index.column()):
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


_CHANGED: dict[str, QBrush] = {}


CHANGED_HUE = "#8e5bd6"  # violet: apart from the selection (blue) and problems (red, amber)


def changed_brush() -> QBrush:
    """The fill of a cell that differs from the state compared with: a faint violet over
    the table's own colour, so that it reads apart from the selection and from a
    problem's fill and keeps the text's colour."""
    scheme = theme.current()
    brush = _CHANGED.get(scheme.name)
    if brush is None:
        colour = QColor(CHANGED_HUE)
        colour.setAlpha(110 if scheme.dark else 45)
        brush = _CHANGED[scheme.name] = QBrush(colour)
    return brush


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
