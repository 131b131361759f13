"""A spreadsheet-like page over one template table: search, add, delete, copy, paste.

Clipboard text is tab-separated like Excel's: a copied selection pastes into Excel, and a
block copied from Excel (quoted cells with tabs or line breaks included) pastes here. A
pasted block is parsed whole by the engine first; if any cell cannot be read, nothing
changes and every bad cell is listed.
"""

from __future__ import annotations

import csv
import io

from planner.core.errors import InputError
from planner.inputs import editing
from planner.inputs.parsing import country_codes, currency_codes
from ui.common.widgets import fit_columns
from ui.editing.commands import InsertRows, RemoveRows, SetCells
from ui.editing.document import Document
from ui.editing.models import ProjectTableModel
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    QStyledItemDelegate,
    Qt,
    QTableView,
    QTimer,
    QToolTip,
    QVBoxLayout,
    QWidget,
)


def parse_clipboard(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated clipboard text, Excel's quoting understood."""
    if not text:
        return []
    text = text[:-1] if text.endswith("\n") else text
    text = text[:-1] if text.endswith("\r") else text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    return [r for r in rows if r != []] or [[""]]


def to_clipboard(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows)
    return out.getvalue()


class ChoiceDelegate(QStyledItemDelegate):
    """Editors that suit each column: lists for kinds, periods, countries, currencies and
    ids."""

    def __init__(self, doc: Document, model: ProjectTableModel, parent: QWidget):
        super().__init__(parent)
        self.doc, self.model = doc, model
        self.pending: dict[tuple[int, int], str] = {}  # refused text, shown again

    def choices(self, column: str) -> list[str] | None:
        spec = self.model.spec.column(column)
        p = self.doc.project
        if spec.type == "kind":
            return ["product", "component", "material"]
        if spec.type == "per":
            return ["day", "week", "month", "year"]
        if spec.type == "country":
            return sorted(country_codes())
        if spec.type == "currency":
            return sorted(currency_codes())
        if column in ("item_id", "parent_id", "child_id") and self.model.table != "Items":
            return sorted(p.items["item_id"].dropna().unique().tolist())
        if column == "supplier_id" and self.model.table != "Suppliers":
            return sorted(p.suppliers["supplier_id"].dropna().unique().tolist())
        return None

    def createEditor(self, parent: QWidget, option: object, index: QModelIndex) -> QWidget:
        column = self.model.columns[index.column()].key
        choices = self.choices(column)
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(True)  # typing is allowed; the engine checks what was typed
        combo.addItems(choices)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        pending = self.pending.pop((index.row(), index.column()), None)
        text = pending if pending is not None else index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text)
            editor.lineEdit().selectAll()  # a key typed on the cell replaces it, as in text
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: object, index: QModelIndex) -> None:
        text = editor.currentText() if isinstance(editor, QComboBox) else (
            editor.text() if isinstance(editor, QLineEdit) else None)
        if text is None:
            super().setModelData(editor, model, index)
            return
        if not model.setData(index, text, Qt.ItemDataRole.EditRole):
            self.refuse(index, text)

    def refuse(self, index: QModelIndex, text: str) -> None:
        """Like Excel: say why, and reopen the cell with what was typed, so nothing is lost."""
        view = self.parent()
        self.pending[(index.row(), index.column())] = text
        message = self.model.last_error or "This value cannot be used here."
        where = view.viewport().mapToGlobal(view.visualRect(index).bottomLeft())
        QToolTip.showText(where, message, view)
        persistent = QPersistentModelIndex(index)
        QTimer.singleShot(0, lambda: view.edit(QModelIndex(persistent))
                          if persistent.isValid() else None)


class TableView(QTableView):
    """A QTableView with Excel's copy and paste and Delete to clear cells."""

    def __init__(self, page: TablePage):
        super().__init__(page)
        self.page = page
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # after the indicator, or Qt sorts column 0 at once
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(False)
        self.horizontalHeader().setSortIndicatorShown(True)

    def keyPressEvent(self, event: object) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.page.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.page.paste()
        elif event.matches(QKeySequence.StandardKey.Delete) and self.state() != \
                QAbstractItemView.State.EditingState:
            self.page.clear_cells()
        else:
            super().keyPressEvent(event)


class TablePage(QWidget):
    """One editable template table with its tool row."""

    def __init__(self, doc: Document, table: str, title: str, hint: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.doc, self.table = doc, table
        self.model = ProjectTableModel(doc, table, self)
        self.view = TableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(doc, self.model, self.view))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Search {title.lower()}…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        add = QPushButton("Add row", self)
        add.setToolTip("Insert a row below the current one (Ctrl+Shift+=)")
        add.clicked.connect(self.add_row)
        delete = QPushButton("Delete rows", self)
        delete.setToolTip("Delete the selected rows (Ctrl+-)")
        delete.clicked.connect(self.delete_rows)
        self.count = QLabel(self)
        self.count.setObjectName("muted")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.count)
        tools.addWidget(add)
        tools.addWidget(delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if hint:
            label = QLabel(hint, self)
            label.setObjectName("hint")
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        doc.itemSelected.connect(self.show_item)
        self._update_count()
        fit_columns(self.view)

    def _update_count(self) -> None:
        n, total = self.model.rowCount(), len(self.model.frame)
        self.count.setText(f"{n:,} of {total:,} rows" if n != total else f"{total:,} rows")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        key = "item_id" if "item_id" in self.model.spec.column_names else (
            "parent_id" if self.table == "BOM" else None)
        if key:
            value = self.model.value(current.row(), key)
            if isinstance(value, str):
                self.doc.select_item(value)

    def show_item(self, item_id: str) -> None:
        """Select the first row of ``item_id`` (when another view chose it)."""
        key = next((k for k in ("item_id", "parent_id", "child_id")
                    if k in self.model.spec.column_names), None)
        if key is None:
            return
        current = self.view.currentIndex()
        if current.isValid() and self.model.value(current.row(), key) == item_id:
            return
        for row in range(self.model.rowCount()):
            if self.model.value(row, key) == item_id:
                index = self.model.index(row, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    # --- editing actions ----------------------------------------------------------
    def selected_positions(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(self.model.position(r) for r in rows)

    def add_row(self) -> None:
        current = self.view.currentIndex()
        at = self.model.position(current.row()) + 1 if current.isValid() else len(
            self.model.frame)
        self.doc.undo_stack.push(InsertRows(self.doc, self.table, at))
        row = self.model.row_of(at)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
            self.view.edit(index)

    def delete_rows(self) -> None:
        positions = self.selected_positions()
        if positions:
            self.doc.undo_stack.push(RemoveRows(self.doc, self.table, positions))

    def clear_cells(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes()
        changes = []
        for index in indexes:
            column = self.model.columns[index.column()].key
            if self.model.spec.column(column).required:
                continue
            pos = self.model.position(index.row())
            if editing.get_value(self.doc.project, self.table, pos, column) is not None:
                changes.append((pos, column, None))
        if changes:
            self.doc.undo_stack.push(SetCells(self.doc, self.table, changes,
                                              text="Clear cells"))

    def copy(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        block = [[self.model.data(self.model.index(r, c), Qt.ItemDataRole.EditRole)
                  if (r, c) in chosen else "" for c in cols] for r in rows]
        QGuiApplication.clipboard().setText(to_clipboard(block))
        self.doc.message.emit(f"Copied {len(rows)} × {len(cols)} cells")

    def paste(self, text: str | None = None) -> bool:
        """Paste tab-separated text at the current cell; returns whether it changed."""
        block = parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return False
        current = self.view.currentIndex()
        top = current.row() if current.isValid() else self.model.rowCount()
        left = current.column() if current.isValid() else 0
        width = max(len(r) for r in block)
        if left + width > len(self.model.columns):
            self.doc.message.emit(f"Paste refused: the block is {width} columns wide and "
                                  f"does not fit from column {left + 1}")
            return False
        columns = [c.key for c in self.model.columns[left:left + width]]
        n_rows = len(self.model.frame)
        positions = [self.model.position(top + i) if top + i < self.model.rowCount()
                     else None for i in range(len(block))]
        appended = sum(p is None for p in positions)
        new_positions = iter(range(n_rows, n_rows + appended))
        positions = [p if p is not None else next(new_positions) for p in positions]
        padded = [r + [""] * (width - len(r)) for r in block]
        try:
            typed = editing.parse_block(self.table, columns, padded,
                                        first_row=positions[0] + 2, first_column=left)
        except InputError as exc:
            shown = "\n".join(str(p) for p in exc.problems[:8])
            more = len(exc.problems) - 8
            self.doc.message.emit(f"Paste refused, nothing changed:\n{shown}" +
                                  (f"\n… and {more} more" if more > 0 else ""))
            return False
        changes = [(pos, col, value) for pos, row in zip(positions, typed, strict=True)
                   for col, value in zip(columns, row, strict=True)]
        self.doc.undo_stack.push(SetCells(self.doc, self.table, changes,
                                          append_rows=appended))
        return True
