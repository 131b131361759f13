"""A spreadsheet-like page over one template table, with the habits Excel taught.

Clipboard text is tab-separated like Excel's: a copied selection pastes into Excel, and a
block copied from Excel (quoted cells with tabs or line breaks included) pastes here, into
the cells from the current one, never into a single cell's editor. A pasted block is
parsed whole by the engine first; if any cell cannot be read, nothing changes and every bad
cell is listed.

As in Excel: typing over a cell replaces it, Enter commits and moves down, Tab moves right,
Ctrl+D fills down, a right-click offers the clipboard and the row commands, the row
numbers are the sheet's (the row a message such as ``Orders!C15`` names), and the status
bar shows the sum, average and count of the selected cells.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from planner.analysis.commodity_names import commodity_name
from planner.core import formatting as fmt
from planner.core.errors import InputError
from planner.inputs import editing
from planner.inputs.choices import (
    choice_names,
    country_codes,
    currency_codes,
    unknown_origin_name,
)
from planner.inputs.usgs import production_commodities
from ui.editing.commands import InsertRows, RemoveRows, SetCells
from ui.editing.document import Document
from ui.editing.frozen import FrozenTableView
from ui.editing.models import FrameModel, ProjectTableModel, _same
from ui.qt import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCoreApplication,
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    Qt,
    QTabWidget,
    QTimer,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

Hint = QAbstractItemDelegate.EndEditHint
Key = QKeySequence.StandardKey
FILL_DOWN = QKeySequence("Ctrl+D")


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


def is_block(text: str) -> bool:
    """Whether clipboard text holds more than one cell (tabs or line breaks inside)."""
    block = parse_clipboard(text)
    return len(block) > 1 or any(len(r) > 1 for r in block)


def selected_cells(view: QAbstractItemView) -> dict[int, np.ndarray]:
    """The selected view rows of each column (sorted), read from the selection's ranges,
    so that a whole selected column of 200,000 rows makes no 200,000 index objects."""
    n = view.model().rowCount()
    masks: dict[int, np.ndarray] = {}
    for r in view.selectionModel().selection():
        for column in range(r.left(), r.right() + 1):
            mask = masks.get(column)
            if mask is None:
                mask = masks[column] = np.zeros(n, dtype=bool)
            mask[r.top():r.bottom() + 1] = True
    return {c: np.flatnonzero(m) for c, m in sorted(masks.items()) if m.any()}


def selection_figures(model: FrameModel, cells: dict[int, np.ndarray]) -> str:
    """Excel's status-bar figures of the selected cells: "Sum 12,345  Average 617  Count 20".

    Count is the number of cells that are not blank; Sum and Average are over the numbers
    among them. Nothing is shown for a single cell.
    """
    if sum(len(rows) for rows in cells.values()) < 2:
        return ""
    count = 0
    numbers: list[np.ndarray] = []
    kinds: set[str] = set()
    for column, rows in cells.items():
        col = model.columns[column]
        if col.key not in model.frame:  # a name shown beside an id: counted if not blank
            count += sum(1 for p in model.order[rows] if model.shown(column, int(p)))
            continue
        series = model.frame[col.key]
        positions = model.order[rows]
        if col.numeric:
            values = series.to_numpy(dtype=float, na_value=np.nan)[positions]
            values = values[~np.isnan(values)]
            numbers.append(values)
            kinds.add(col.kind)
            count += len(values)
        else:
            count += int(series.iloc[positions].notna().sum())
    parts = []
    values = np.concatenate(numbers) if numbers else np.zeros(0)
    if len(values):
        show = fmt.share if kinds == {"share"} else fmt.entered
        parts.append(QCoreApplication.translate("TablePage", "Sum {value}").format(
            value=show(float(values.sum()))))
        parts.append(QCoreApplication.translate("TablePage", "Average {value}").format(
            value=show(float(values.mean()))))
    if count:
        parts.append(QCoreApplication.translate("TablePage", "Count {count}").format(
            count=f"{count:,}"))
    return "    ".join(parts)


class BlockPaste(QObject):
    """Watches a cell editor's Paste: one cell pastes into the editor (without Excel's
    trailing line break); a block closes the editor and pastes into the cells."""

    def __init__(self, delegate: ChoiceDelegate, editor: QWidget, line: QLineEdit):
        super().__init__(editor)
        self.delegate, self.editor, self.line = delegate, editor, line

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not event.matches(Key.Paste):  # type: ignore[attr-defined]
            return False
        text = QGuiApplication.clipboard().text()
        if is_block(text):
            self.delegate.paste_block(self.editor, text)
        else:
            cells = parse_clipboard(text)
            self.line.insert(cells[0][0] if cells else "")
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """Editors that suit each column: lists for kinds, periods, countries, currencies and
    ids."""

    def __init__(self, doc: Document, model: ProjectTableModel, view: TableView):
        super().__init__(view)
        self.doc, self.model, self.view = doc, model, view
        self.pending: dict[tuple[int, int], str] = {}  # refused text, shown again

    def choices(self, column: str) -> list[str] | None:
        spec = self.model.spec.column(column)
        p = self.doc.project
        if spec.type in ("kind", "per", "supplier_kind", "yesno"):
            return choice_names(spec.type)  # in the window's language, as the cells show them
        if spec.type == "country":
            return sorted(country_codes())
        if spec.type == "origin":  # a code, or an origin the buyer does not know
            return [*sorted(country_codes()), unknown_origin_name()]
        if column == "commodity" and self.model.table == "Items":
            # in the window's language, as the cells show them; either is read back
            return [commodity_name(c) for c in production_commodities()]
        if spec.type == "currency":
            return sorted(currency_codes())
        if column in ("item_id", "parent_id", "child_id", "alternate_id") \
                and self.model.table != "Items":
            return sorted(p.items["item_id"].dropna().unique().tolist())
        if column == "supplier_id" and self.model.table != "Suppliers":
            return sorted(p.suppliers["supplier_id"].dropna().unique().tolist())
        return None

    def createEditor(self, parent: QWidget, option: object, index: QModelIndex) -> QWidget:
        column = self.model.columns[index.column()].key
        choices = self.choices(column)
        if choices is None:
            editor = super().createEditor(parent, option, index)
            line = editor if isinstance(editor, QLineEdit) else None
        else:
            editor = QComboBox(parent)
            editor.setEditable(True)  # typing is allowed; the engine checks what was typed
            editor.addItems(choices)
            editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = editor.lineEdit()
        if line is not None:
            watcher = BlockPaste(self, editor, line)
            line.installEventFilter(watcher)
            if line is not editor:
                editor.installEventFilter(watcher)
        return editor

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
        if is_block(text):  # a block that reached the editor some other way (its menu)
            persistent = QPersistentModelIndex(index)
            QTimer.singleShot(0, lambda: self.view.page.paste(text, QModelIndex(persistent))
                              if persistent.isValid() else None)
            return
        if "\n" in text or "\r" in text:  # one cell copied from Excel: its line break
            text = parse_clipboard(text)[0][0]
        if not self.model.setData(index, text, Qt.ItemDataRole.EditRole):
            self.refuse(index, text)

    def paste_block(self, editor: QWidget, text: str) -> None:
        """Close ``editor`` unchanged and paste ``text`` into the cells from its cell (once
        the key that asked for it has been handled: the editor is deleted meanwhile)."""
        index = QPersistentModelIndex(self.view.currentIndex())

        def paste() -> None:
            if self.view.indexWidget(QModelIndex(index)) is editor:
                self.closeEditor.emit(editor, Hint.RevertModelCache)
            self.view.setFocus()
            if index.isValid():
                self.view.page.paste(text, QModelIndex(index))

        QTimer.singleShot(0, paste)

    def refuse(self, index: QModelIndex, text: str) -> None:
        """Like Excel: say why, and reopen the cell with what was typed, so nothing is lost."""
        view = self.view
        self.pending[(index.row(), index.column())] = text
        message = self.model.last_error or QCoreApplication.translate(
            "TablePage", "This value cannot be used here.")
        where = view.viewport().mapToGlobal(view.visualRect(index).bottomLeft())
        QToolTip.showText(where, message, view)
        persistent = QPersistentModelIndex(index)
        QTimer.singleShot(0, lambda: view.edit(QModelIndex(persistent))
                          if persistent.isValid() else None)


class TableView(FrozenTableView):
    """A table view with Excel's keys: copy, cut and paste, Delete clears, Ctrl+D fills
    down, Enter commits and moves down (Shift+Enter up), Tab commits and moves right; the
    id and name columns stay put while it scrolls right."""

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
        editing_now = self.state() == QAbstractItemView.State.EditingState
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        if event.matches(Key.Copy):  # type: ignore[attr-defined]
            self.page.copy()
        elif event.matches(Key.Cut):  # type: ignore[attr-defined]
            self.page.cut()
        elif event.matches(Key.Paste):  # type: ignore[attr-defined]
            self.page.paste()
        elif event.matches(Key.Delete) and not editing_now:  # type: ignore[attr-defined]
            self.page.clear_cells()
        elif QKeySequence(event.keyCombination()) == FILL_DOWN:  # type: ignore[attr-defined]
            self.page.fill_down()
        elif enter and not editing_now:
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
            self.move_by(-1 if shift else 1, 0)
        else:
            super().keyPressEvent(event)

    def move_by(self, rows: int, columns: int) -> None:
        """Make the cell ``rows`` down and ``columns`` right the current one (as a click)."""
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), self.model().rowCount() - 1)
        column = min(max(current.column() + columns, 0), self.model().columnCount() - 1)
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter moves down and Tab right, as in Excel: the next cell is selected, not
        opened; a refused value keeps its cell (it is opened again to be corrected)."""
        current = self.currentIndex()
        delegate = self.itemDelegate()
        refused = isinstance(delegate, ChoiceDelegate) and (
            (current.row(), current.column()) in delegate.pending)
        moves = {Hint.SubmitModelCache: (1, 0), Hint.EditNextItem: (0, 1),
                 Hint.EditPreviousItem: (0, -1)}
        move = None if refused else moves.get(hint)
        super().closeEditor(editor, Hint.NoHint if hint in moves else hint)
        if move is not None:
            self.move_by(*move)

    def contextMenuEvent(self, event: object) -> None:
        index = self.indexAt(event.pos())  # type: ignore[attr-defined]
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)  # as in Excel, a right-click outside selects
        menu = self.page.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())  # type: ignore[attr-defined]


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
        self.search.setPlaceholderText(self.tr("Search {title}…").format(title=title.lower()))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        add = QPushButton(self.tr("Add row"), self)
        add.setToolTip(self.tr("Insert a row below the current one (Ctrl+Shift+=)"))
        add.clicked.connect(self.add_row)
        delete = QPushButton(self.tr("Delete rows"), self)
        delete.setToolTip(self.tr("Delete the selected rows (Ctrl+-)"))
        delete.clicked.connect(self.delete_rows)
        self.count = QLabel(self)
        self.count.setObjectName("muted")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.count)
        tools.addWidget(add)
        tools.addWidget(delete)
        # the page's title, shown when the table is a page of its own (Suppliers, Open
        # orders); inside a tab or beside other figures its tab or heading names it
        self.heading = QLabel(title, self)
        self.heading.setObjectName("sectionTitle")
        self.heading.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        if hint:
            label = QLabel(hint, self)
            label.setObjectName("hint")
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.figures = ""  # the selection's sum, average and count
        self._figures_timer = QTimer(self)  # many selection changes, one sum
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(0)
        self._figures_timer.timeout.connect(self._update_figures)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        for signal in (self.model.dataChanged, self.model.modelReset,
                       self.view.selectionModel().selectionChanged):
            signal.connect(self._figures_soon)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        doc.itemSelected.connect(self.show_item)
        self._update_count()
        self.view.fit_columns()

    def _update_count(self) -> None:
        n, total = self.model.rowCount(), len(self.model.frame)
        self.count.setText(
            self.tr("{shown} of {count} row(s)", None, total).format(
                shown=f"{n:,}", count=f"{total:,}") if n != total else
            self.tr("{count} row(s)", None, total).format(count=f"{total:,}"))

    def _figures_soon(self, *_args: object) -> None:
        self._figures_timer.start()

    def _update_figures(self) -> None:
        self.figures = selection_figures(self.model, selected_cells(self.view))
        if self.isVisible():
            self.doc.selectionFigures.emit(self.figures)

    def is_page(self) -> bool:
        """Whether the table is a page of the window on its own (in the window's stack of
        pages, not in a tab's)."""
        stack = self.parentWidget()
        return isinstance(stack, QStackedWidget) and not isinstance(
            stack.parentWidget(), QTabWidget)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        page = self.is_page()
        if page == self.heading.isHidden():
            # a page of its own: titled, with the margins of the other pages
            self.heading.setVisible(page)
            margin = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutLeftMargin)
            self.layout().setContentsMargins(*(4 * [margin if page else 0]))
        self._figures_timer.start()

    def hideEvent(self, event: object) -> None:
        super().hideEvent(event)
        self.doc.selectionFigures.emit("")

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

    def context_menu(self) -> QMenu:
        """The right-click menu: the clipboard and the row commands."""
        menu = QMenu(self)
        entries = ((self.tr("Cut"), self.cut, Key.Cut), (self.tr("Copy"), self.copy, Key.Copy),
                   (self.tr("Paste"), self.paste, Key.Paste), None,
                   (self.tr("Insert row above"), self.insert_rows_above, None),
                   (self.tr("Delete rows"), self.delete_rows, "Ctrl+-"), None,
                   (self.tr("Fill down"), self.fill_down, FILL_DOWN))
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            text, slot, key = entry
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if key is not None:
                action.setShortcut(QKeySequence(key))
            if slot == self.paste:
                action.setEnabled(bool(QGuiApplication.clipboard().text()))
        return menu

    # --- editing actions ----------------------------------------------------------
    def selected_positions(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(self.model.position(r) for r in rows)

    def _select_new_row(self, at: int) -> None:
        row = self.model.row_of(at)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.view.setFocus()  # not an open editor: Ctrl+V next pastes a block into rows

    def add_row(self) -> None:
        current = self.view.currentIndex()
        at = self.model.position(current.row()) + 1 if current.isValid() else len(
            self.model.frame)
        self.doc.undo_stack.push(InsertRows(self.doc, self.table, at))
        self._select_new_row(at)

    def insert_rows_above(self) -> None:
        """Insert as many blank rows as are selected, above the first of them."""
        positions = self.selected_positions()
        at = positions[0] if positions else len(self.model.frame)
        self.doc.undo_stack.push(InsertRows(self.doc, self.table, at,
                                            count=max(len(positions), 1)))
        self._select_new_row(at)

    def delete_rows(self) -> None:
        positions = self.selected_positions()
        if positions:
            self.doc.undo_stack.push(RemoveRows(self.doc, self.table, positions))

    def clear_cells(self, text: str = "", keep_required: bool = True) -> None:
        """Blank the selected cells (Delete leaves required cells as they are; Cut, whose
        values are on the clipboard to go elsewhere, blanks them too); ``text`` names the
        undo step (Clear cells unless given)."""
        text = text or self.tr("Clear cells")
        indexes = self.view.selectionModel().selectedIndexes()
        changes = []
        for index in indexes:
            if not self.model.editable(index.column()):
                continue
            column = self.model.columns[index.column()].key
            if keep_required and self.model.spec.column(column).required:
                continue
            pos = self.model.position(index.row())
            if editing.get_value(self.doc.project, self.table, pos, column) is not None:
                changes.append((pos, column, None))
        if changes:
            self.doc.undo_stack.push(SetCells(self.doc, self.table, changes, text=text))

    def fill_down(self) -> None:
        """Excel's Ctrl+D: in each selected column, the first selected row's value goes
        into the selected rows below it (a single selected cell takes the value above it);
        one undo step."""
        changes = []
        for column, rows in selected_cells(self.view).items():
            sources = [rows[0] - 1] if len(rows) == 1 else [rows[0]]
            if sources[0] < 0 or not self.model.editable(column):
                continue
            key = self.model.columns[column].key
            value = editing.get_value(self.doc.project, self.table,
                                      self.model.position(int(sources[0])), key)
            for row in rows[1:] if len(rows) > 1 else rows:
                pos = self.model.position(int(row))
                if not _same(value, editing.get_value(self.doc.project, self.table, pos,
                                                      key)):
                    changes.append((pos, key, value))
        if changes:
            self.doc.undo_stack.push(SetCells(self.doc, self.table, changes,
                                              text=self.tr("Fill down")))

    def copy(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        if any(self.model.editable(c) for c in cols):  # the names are not the sheet's
            cols = [c for c in cols if self.model.editable(c)]
        chosen = {(i.row(), i.column()) for i in indexes}
        block = [[self.model.data(self.model.index(r, c), Qt.ItemDataRole.EditRole)
                  if (r, c) in chosen else "" for c in cols] for r in rows]
        QGuiApplication.clipboard().setText(to_clipboard(block))
        self.doc.message.emit(self.tr("Copied {rows} × {columns} cells").format(
            rows=len(rows), columns=len(cols)))

    def cut(self) -> None:
        """Copy the selected cells, then blank them (one undo step)."""
        self.copy()
        self.clear_cells(text=self.tr("Cut cells"), keep_required=False)

    def paste(self, text: str | None = None, at: QModelIndex | None = None) -> bool:
        """Paste tab-separated text at ``at`` (the current cell unless given); returns
        whether it changed anything."""
        block = parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return False
        current = self.view.currentIndex() if at is None else at
        top = current.row() if current.isValid() else self.model.rowCount()
        # the block goes into the table's own columns, as in the sheet: the names shown
        # beside the ids are skipped
        sheet_columns = self.model.spec.column_names
        at = self.model.columns[current.column()].key if current.isValid() else ""
        left = next((sheet_columns.index(c.key) for c in
                     self.model.columns[current.column():] if c.key in sheet_columns),
                    len(sheet_columns)) if at else 0
        width = max(len(r) for r in block)
        if left + width > len(sheet_columns):
            self.doc.message.emit(self.tr(
                "Paste refused: the block is {width} columns wide and does not fit from "
                "column {column}").format(width=width, column=left + 1))
            return False
        columns = list(sheet_columns[left:left + width])
        n_rows = len(self.model.frame)
        positions = [self.model.position(top + i) if top + i < self.model.rowCount()
                     else None for i in range(len(block))]
        appended = sum(p is None for p in positions)
        new_positions = iter(range(n_rows, n_rows + appended))
        positions = [p if p is not None else next(new_positions) for p in positions]
        padded = [r + [""] * (width - len(r)) for r in block]
        first_row = (self.model.sheet_row(positions[0]) if positions[0] < n_rows
                     else positions[0] + 2)
        try:
            typed = editing.parse_block(self.table, columns, padded,
                                        first_row=first_row, first_column=left)
        except InputError as exc:
            shown = "\n".join(str(p) for p in exc.problems[:8])
            more = len(exc.problems) - 8
            self.doc.message.emit(
                self.tr("Paste refused, nothing changed:\n{problems}").format(problems=shown)
                + (self.tr("\n… and {count} more").format(count=more) if more > 0 else ""))
            return False
        changes = [(pos, col, value) for pos, row in zip(positions, typed, strict=True)
                   for col, value in zip(columns, row, strict=True)]
        self.doc.undo_stack.push(SetCells(self.doc, self.table, changes,
                                          append_rows=appended))
        return True


def focused_table_page(widget: QWidget | None) -> TablePage | None:
    """The table page ``widget`` (the focus widget, say) belongs to, if any."""
    while widget is not None and not isinstance(widget, TablePage):
        widget = widget.parentWidget()
    return widget


def clipboard_command(widget: QWidget | None, command: str) -> None:
    """Edit → Cut, Copy, Paste or Fill down, for the widget with the focus: the text of a
    text field or open cell editor, or the cells of the table page it belongs to."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        if command == "paste" and is_block(QGuiApplication.clipboard().text()):
            page = focused_table_page(widget)
            delegate = page.view.itemDelegate() if page is not None else None
            if isinstance(delegate, ChoiceDelegate) and page is not None and \
                    page.view.isAncestorOf(widget):
                editor = page.view.indexWidget(page.view.currentIndex())
                delegate.paste_block(editor or widget, QGuiApplication.clipboard().text())
                return
        action = getattr(widget, command, None)
        if action is not None:
            action()
        return
    page = focused_table_page(widget)
    if page is not None:
        getattr(page, command)()
    elif isinstance(widget, QAbstractItemView) and command == "copy":
        copy_view(widget)


def copy_view(view: QAbstractItemView) -> None:
    """Copy the selected cells of a read-only view as they are shown, tab-separated."""
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not indexes and view.currentIndex().isValid():
        indexes = [view.currentIndex()]
    if not indexes:
        return
    rows = sorted({i.row() for i in indexes})
    cols = sorted({i.column() for i in indexes})
    text = {(i.row(), i.column()): str(i.data() or "") for i in indexes}
    QGuiApplication.clipboard().setText(to_clipboard(
        [[text.get((r, c), "") for c in cols] for r in rows]))
