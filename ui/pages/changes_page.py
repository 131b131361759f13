"""The "What changed" page: the open project compared with another one (planner.analysis.
compare), by default with the project as it was before the last import or monthly refresh.

The comparison's figures (materials that moved, products that worsened, what was added and
removed) come from the engine; the page only shows them. The changed cells of Stock and
Sources are listed here too, on the rows that changed, the old value in the tooltip.

The state before the last refresh is kept on the document (``Document.baseline``, set by the
file commands through :func:`set_baseline`), outside the project: it is not saved with it.
The table pages tint the cells that differ from it too (ui/editing/models.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.compare import Comparison, compare
from planner.core import formatting as fmt
from planner.inputs import files
from planner.inputs.project import Project
from planner.inputs.schema import sheet
from ui.common import theme
from ui.common.errors import show_error
from ui.common.operations import BACKGROUND_ROWS, Operation
from ui.editing.cell_text import display_texts
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QComboBox,
    QCoreApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
SHOWN_ROWS = 2000  # changed rows listed per table; the rest are counted
HIGHLIGHTED = ("Stock", "Sources")

FIELD_NAMES = {
    "status": QT_TRANSLATE_NOOP("ChangesPage", "Status"),
    "over_supplier_cap": QT_TRANSLATE_NOOP("ChangesPage", "Over the supplier cap"),
    "over_country_cap": QT_TRANSLATE_NOOP("ChangesPage", "Over the country cap"),
    "days_of_cover": QT_TRANSLATE_NOOP("ChangesPage", "Days of cover"),
    "top_supplier_share": QT_TRANSLATE_NOOP("ChangesPage", "Top supplier's share"),
    "top_country_share": QT_TRANSLATE_NOOP("ChangesPage", "Top country's share"),
    "effective_top_share": QT_TRANSLATE_NOOP("ChangesPage", "Effective top country's share"),
}
WHAT_NAMES = {
    "newly below target": QT_TRANSLATE_NOOP("ChangesPage", "newly below target"),
    "newly critical": QT_TRANSLATE_NOOP("ChangesPage", "newly critical"),
    "newly over cap": QT_TRANSLATE_NOOP("ChangesPage", "newly over the cap"),
    "rose": QT_TRANSLATE_NOOP("ChangesPage", "rose"),
    "fell": QT_TRANSLATE_NOOP("ChangesPage", "fell"),
}
LIST_NAMES = {
    "items": QT_TRANSLATE_NOOP("ChangesPage", "Item"),
    "suppliers": QT_TRANSLATE_NOOP("ChangesPage", "Supplier"),
    "sources": QT_TRANSLATE_NOOP("ChangesPage", "Source (item, supplier)"),
}


def translated(text: str) -> str:
    return QCoreApplication.translate("ChangesPage", text)


# --------------------------------------------------------------------- a plain grid
class Grid(QAbstractTableModel):
    """Rows of texts with a tint and a tooltip per cell: the small read-only tables of
    this page and of the mapping dialog (a few thousand rows at most)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.header_tips: list[str] = []
        self.row_names: list[str] = []
        self.rows: list[list[str]] = []
        self.tints: dict[tuple[int, int], QBrush] = {}
        self.tips: dict[tuple[int, int], str] = {}
        self.right: set[int] = set()

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                 row_names: Sequence[str] = (), tints: dict[tuple[int, int], QBrush] | None
                 = None, tips: dict[tuple[int, int], str] | None = None,
                 header_tips: Sequence[str] = (), right: set[int] | None = None) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.header_tips = list(header_tips)
        self.rows = [list(r) for r in rows]
        self.row_names = list(row_names)
        self.tints = dict(tints or {})
        self.tips = dict(tips or {})
        self.right = set(right or ())
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = (index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.tints.get(key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.problem_text() if key in self.tints else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.headers):
                return self.headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips):
                return self.header_tips[section] or None
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(self.row_names):
                return self.row_names[section]
            return str(section + 1)
        return None


def grid_view(parent: QWidget, model: Grid) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(22)
    return view


def fit_columns(view: QTableView, widest: int = 260) -> None:
    """Columns as wide as their texts, none wider than ``widest`` pixels."""
    view.resizeColumnsToContents()
    for j in range(view.model().columnCount()):
        view.setColumnWidth(j, min(view.columnWidth(j), widest))


# --------------------------------------------------------------------- the baseline
@dataclass
class Baseline:
    """A project to compare with, and what to call it."""

    project: Project
    label: str


def set_baseline(doc: Document, project: Project, label: str) -> None:
    """Keep ``project`` (a copy of the state before an import or refresh) to compare the
    document with; the page offers it first, the tables tint what differs from it."""
    doc.set_baseline(project, label)


def baseline(doc: Document) -> Baseline | None:
    return Baseline(doc.baseline, doc.baseline_label) if doc.baseline is not None else None


# --------------------------------------------------------------------- the page
def _value(field: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if field == "status":
        return fmt.status_label(str(value))
    if field.startswith("over_"):
        return (QCoreApplication.translate("ChangesPage", "yes") if bool(value)
                else QCoreApplication.translate("ChangesPage", "no"))
    if field == "days_of_cover":
        return fmt.days(value)
    return fmt.share(value)


class ChangesPage(QWidget):
    """What changed between another project (by default the state before the last
    refresh) and the open one."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.other: Baseline | None = None  # a project picked from a file
        self.comparison: Comparison | None = None
        self._stale = True
        self._running: Operation[Comparison] | None = None

        self.against = QComboBox(self)
        self.against.setObjectName("changes_against")
        self.against.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pick = QPushButton(self.tr("Compare with a file…"), self)
        self.pick.clicked.connect(self.pick_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Compare the open project with:"), self))
        top.addWidget(self.against, 1)
        top.addWidget(self.pick)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("hint")

        self.tabs = QTabWidget(self)
        self.materials = Grid(self)
        self.products = Grid(self)
        self.lists = Grid(self)
        self.tables: dict[str, Grid] = {t: Grid(self) for t in HIGHLIGHTED}
        self.views: list[QTableView] = []
        self.tabs.addTab(self._view(self.materials), self.tr("Materials"))
        self.tabs.addTab(self._view(self.lists), self.tr("Added and removed"))
        self.tabs.addTab(self._view(self.products), self.tr("Products"))
        self.tabs.addTab(self._view(self.tables["Stock"]), self.tr("Stock"))
        self.tabs.addTab(self._view(self.tables["Sources"]), self.tr("Sources"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        doc.resultsChanged.connect(self._project_changed)
        doc.baselineChanged.connect(self._fill_choices)
        self._fill_choices()

    def _view(self, grid: Grid) -> QTableView:
        view = grid_view(self, grid)
        grid.modelReset.connect(lambda v=view: fit_columns(v))
        return view

    # --- what to compare with ---------------------------------------------------------
    def _fill_choices(self) -> None:
        self.against.blockSignals(True)
        self.against.clear()
        before = baseline(self.doc)
        if before is not None:
            self.against.addItem(self.tr("Since the last refresh ({what})").format(
                what=before.label), "baseline")
        if self.other is not None:
            self.against.addItem(self.other.label, "file")
        self.against.setCurrentIndex(0)
        self.against.blockSignals(False)
        self._stale = True
        self.refresh()

    def _project_changed(self, _invalidated: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def chosen(self) -> Baseline | None:
        data = self.against.currentData()
        if data == "baseline":
            return baseline(self.doc)
        if data == "file":
            return self.other
        return None

    def ask_file(self) -> Path | None:
        """The project to compare with (monkeypatched in tests)."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Compare with"), "",
            self.tr("Projects and workbooks (*.stockpile *.xlsx);;All files (*)"))
        return Path(name) if name else None

    def pick_file(self) -> None:
        path = self.ask_file()
        if path is None:
            return

        def loaded(project: Project) -> None:
            self.compare_with(project, path.name)

        Operation(lambda _p: files.load(path, strict=False),
                  self.tr("Opening {file}…").format(file=path.name)).success(loaded).failure(
            lambda exc: show_error(self, exc, self.tr("Cannot open {file}").format(
                file=path.name))).run(self, background=False)

    def compare_with(self, project: Project, label: str) -> None:
        """Compare with ``project`` (read from a file) and show it."""
        self.other = Baseline(project, label)
        self._fill_choices()
        self.against.setCurrentIndex(self.against.findData("file"))

    # --- comparing --------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Compare again (in the background for a large project) and show it."""
        other = self.chosen()
        if other is None:
            self.comparison = None
            self._show_nothing()
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        new = self.doc.project
        large = sum(len(t) for t in new.tables.values()) >= BACKGROUND_ROWS
        if large:
            new = new.copy()
        report = self.doc.report if not self.doc.report_error else None
        old = other.project

        def work(_progress: object) -> Comparison:
            return compare(old, new, new_report=report)

        if self._running is not None:
            self._running.cancel()
        self.summary.setText(self.tr("Comparing…"))
        self._running = Operation(work, self.tr("Comparing")).success(
            lambda c: self.show_comparison(c, old, new)).failure(
            lambda exc: self.summary.setText(self.tr("Cannot compare: {reason}").format(
                reason=exc)))
        self._running.run(self, background=large)

    def _show_nothing(self) -> None:
        self.summary.setText(self.tr(
            "Nothing to compare with yet. After File → Monthly Refresh… or Import with "
            "Mapping…, this page shows what changed since; or compare with a file."))
        for grid in (self.materials, self.products, self.lists, *self.tables.values()):
            grid.set_rows([], [])

    def show_comparison(self, c: Comparison, old: Project, new: Project) -> None:
        self._running = None
        self.comparison = c
        added = sum(len(v) for v in c.added.values())
        removed = sum(len(v) for v in c.removed.values())
        changed = {t: len(d.changed) for t, d in c.tables.items()}
        if c.empty:
            self.summary.setText(self.tr("Nothing changed: the two projects have the same "
                                         "data and settings."))
        else:
            self.summary.setText(self.tr(
                "Figures of materials that moved beyond the thresholds: {figures}. Products "
                "that worsened: {products}. Added: {added}; removed: {removed}. Rows "
                "changed: {stock} in Stock, {sources} in Sources, {orders} in Orders.").format(
                figures=len(c.materials), products=len(c.products), added=added,
                removed=removed, stock=changed["Stock"], sources=changed["Sources"],
                orders=changed["Orders"]))
        self._show_materials(c)
        self._show_lists(c)
        self._show_products(c)
        for table in HIGHLIGHTED:
            self._show_table(c, table, old, new)

    def _show_materials(self, c: Comparison) -> None:
        rows = []
        for r in c.materials.to_dict("records"):
            field = str(r["field"])
            rows.append([str(r["item_id"]), fmt.text(c.names.get(str(r["item_id"]), "")),
                         translated(FIELD_NAMES.get(field, field)), _value(field, r["old"]),
                         _value(field, r["new"]), translated(WHAT_NAMES.get(str(r["what"]),
                                                                    str(r["what"])))])
        self.materials.set_rows([self.tr("Item"), self.tr("Name"), self.tr("Figure"),
                                 self.tr("Was"), self.tr("Now"), self.tr("What")], rows,
                                right={3, 4})

    def _show_lists(self, c: Comparison) -> None:
        rows = []
        for what, listed in ((self.tr("added"), c.added), (self.tr("removed"), c.removed)):
            for kind, ids in listed.items():
                for value in ids:
                    shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) \
                        else str(value)
                    rows.append([translated(LIST_NAMES.get(kind, kind)), shown, what])
        self.lists.set_rows([self.tr("Kind"), self.tr("ID"), self.tr("Change")], rows)

    def _show_products(self, c: Comparison) -> None:
        rows = [[str(r["item_id"]), fmt.text(r["name"]), fmt.status_label(str(r["old"])),
                 fmt.status_label(str(r["new"])), fmt.text(r["material"])]
                for r in c.products.to_dict("records")]
        self.products.set_rows([self.tr("Product"), self.tr("Name"), self.tr("Was"),
                                self.tr("Now"), self.tr("Because of")], rows)

    def _show_table(self, c: Comparison, table: str, old: Project, new: Project) -> None:
        """The changed and added rows of ``table`` in NEW, their changed cells tinted
        (the old value in the tooltip); then the rows removed, as they were."""
        diff = c.tables[table]
        spec = sheet(table)
        names = [col.name for col in spec.columns]
        frame_new, frame_old = new.tables[table], old.tables[table]
        positions, columns = diff.cells()
        changed_at: dict[int, set[str]] = {}
        for p, col in zip(positions.tolist(), columns.tolist(), strict=True):
            changed_at.setdefault(int(p), set()).add(str(col))
        was = dict(zip(diff.new_rows.tolist(), diff.old_rows.tolist(), strict=True))
        shown_rows = sorted(changed_at)[:SHOWN_ROWS]
        removed = diff.removed.tolist()[:SHOWN_ROWS]
        texts_new = _texts(frame_new, shown_rows, spec.name)
        texts_old = _texts(frame_old, sorted({was[p] for p in shown_rows if p in was}
                                             | set(removed)), spec.name)
        added = set(diff.added.tolist())
        brush = theme.problem_brush(warning=True)
        rows: list[list[str]] = []
        row_names: list[str] = []
        tints: dict[tuple[int, int], QBrush] = {}
        tips: dict[tuple[int, int], str] = {}
        for i, p in enumerate(shown_rows):
            rows.append([*(texts_new[n][p] for n in names), self.tr("added") if p in added
                         else self.tr("changed")])
            row_names.append(str(p + 1))
            for j, n in enumerate(names):
                if n in changed_at[p]:
                    tints[(i, j)] = brush
                    if p in was:
                        tips[(i, j)] = self.tr("Was: {value}").format(
                            value=texts_old[n][was[p]] or "–")
        for p in removed:
            i = len(rows)
            rows.append([*(texts_old[n][p] for n in names), self.tr("removed")])
            row_names.append("–")
            tips[(i, len(names))] = self.tr("This row is only in the project compared with.")
        self.tables[table].set_rows([col.heading for col in spec.columns] + [self.tr("Change")],
                                    rows, row_names, tints, tips,
                                    [col.description for col in spec.columns] + [""])


def _texts(frame: pd.DataFrame, positions: list[int], table: str) -> dict[str, dict[int, str]]:
    """The cells' texts at ``positions``, as the table pages show them."""
    from ui.editing.models import KIND_OF_TYPE

    out: dict[str, dict[int, str]] = {}
    part = frame.iloc[positions]
    for col in sheet(table).columns:
        kind = KIND_OF_TYPE.get(col.type, "text")
        shown = display_texts(part[col.name].reset_index(drop=True), kind, col.name)
        out[col.name] = {p: shown[k] for k, p in enumerate(positions)}
    return out


__all__ = ["Baseline", "ChangesPage", "Grid", "baseline", "fit_columns", "grid_view",
           "set_baseline"]
