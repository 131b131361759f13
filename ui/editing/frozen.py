"""The table view every table of the window uses: its first columns (the id and the name)
stay put while the rest scrolls right, its columns fit their headers and share out the
room left over, and a cell whose text is cut shows the whole text as a tooltip.

The frozen columns follow Qt's "Frozen Column" example: a second view over the same model
and the same selection model, laid over the left edge of the main view, showing only the
frozen columns, its vertical scrolling tied to the main view's.
"""

from __future__ import annotations

from ui.editing.models import FrameModel
from ui.qt import (
    QAbstractItemView,
    QEvent,
    QFont,
    QFontMetrics,
    QHeaderView,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QToolTip,
    QWidget,
)

SAMPLE_ROWS = 200  # rows measured when fitting a column (a table may have 200,000)
MAX_FIT = 320  # a fitted column is at most this wide; the room left over widens text
HEADER_ROOM = 30  # padding and the sort arrow beside a header's title
ID_KEYS = ("item_id", "supplier_id", "parent_id", "child_id", "product_id", "stop",
           "alternate_id")
NAME_KEYS = ("name", "item_name", "supplier_name", "parent_name", "child_name",
             "alternate_name")
LONG_TEXT = 160  # a text column whose cells need this much is free text, not a code


def frozen_count(model: FrameModel) -> int:
    """How many leading columns stay put: through the row's id and the name beside it
    (when the id is among the first three columns), else the first column alone."""
    keys = [c.key for c in model.columns]
    first_id = next((i for i, k in enumerate(keys[:3]) if k in ID_KEYS), None)
    if first_id is None:
        return min(1, len(keys))
    count = first_id + 1
    if count < len(keys) and keys[count] in NAME_KEYS:
        count += 1
    return count


def cut_text_tip(view: QTableView, event: QEvent) -> bool:
    """Show a cell's whole text as its tooltip when the column is too narrow for it and
    the model has no tooltip of its own; returns whether the event was handled."""
    index = view.indexAt(event.pos())  # type: ignore[attr-defined]
    if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
        return False
    text = str(index.data() or "")
    if not text or view.fontMetrics().horizontalAdvance(text) + 12 <= view.columnWidth(
            index.column()):
        return False
    QToolTip.showText(event.globalPos(), text, view)  # type: ignore[attr-defined]
    return True


class FrozenView(QTableView):
    """The frozen columns: laid over the main view, same model, same selection."""

    def __init__(self, main: FrozenTableView):
        super().__init__(main)
        self.main = main
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the main view
        # cells are edited in the main view (its delegate, its editors), never here
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # the frozen columns never scroll sideways, not even to show a current cell
        self.horizontalScrollBar().valueChanged.connect(self._keep_left)
        self.setObjectName("frozenColumns")
        self.setStyleSheet("QTableView#frozenColumns { border: none; }")

    def _keep_left(self, value: int) -> None:
        if value:
            self.horizontalScrollBar().setValue(0)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and cut_text_tip(self, event):
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event: object) -> None:
        """Edit the cell in the main view (it scrolls back to show it)."""
        index = self.indexAt(event.pos())  # type: ignore[attr-defined]
        if index.isValid() and self.main.editTriggers() & (
                QAbstractItemView.EditTrigger.DoubleClicked):
            self.main.setCurrentIndex(index)
            self.main.edit(index)
            return
        super().mouseDoubleClickEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: object) -> None:
        super().mousePressEvent(event)  # type: ignore[arg-type]
        self.main.setFocus()


class FrozenTableView(QTableView):
    """A table view whose id and name columns stay put while it scrolls right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frozen = FrozenView(self)
        self.frozen_columns = 0
        self._natural: list[int] = []  # each column's fitted width, before sharing room
        self._full: list[int] = []  # each column's width with no text cut
        self._cells: list[int] = []  # each column's widest sampled cell, without its title
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.verticalScrollBar().valueChanged.connect(
            self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(
            self.verticalScrollBar().setValue)
        self.horizontalHeader().sortIndicatorChanged.connect(self._sort_shown)
        self.frozen.horizontalHeader().sectionClicked.connect(self._frozen_header_clicked)
        self.frozen.hide()

    # --- the model and the frozen view ----------------------------------------------
    def setModel(self, model: object) -> None:
        super().setModel(model)  # type: ignore[arg-type]
        self.frozen.setModel(model)  # type: ignore[arg-type]
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize())
        model.modelReset.connect(self._update_frozen)  # type: ignore[attr-defined]
        model.layoutChanged.connect(self._update_frozen)  # type: ignore[attr-defined]
        self._update_frozen()

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def setSelectionBehavior(self, behavior: object) -> None:
        super().setSelectionBehavior(behavior)  # type: ignore[arg-type]
        self.frozen.setSelectionBehavior(behavior)  # type: ignore[arg-type]

    def _update_frozen(self) -> None:
        model = self.model()
        count = frozen_count(model) if isinstance(model, FrameModel) else 0
        self.frozen_columns = count
        for c in range(model.columnCount() if model is not None else 0):
            self.frozen.setColumnHidden(c, c >= count)
            if c < count:
                self.frozen.setColumnWidth(c, self.columnWidth(c))
        self.frozen.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize())
        self.frozen.setSortingEnabled(False)
        header = self.horizontalHeader()
        self.frozen.horizontalHeader().setSortIndicatorShown(header.isSortIndicatorShown())
        self.frozen.horizontalHeader().setSortIndicator(header.sortIndicatorSection(),
                                                        header.sortIndicatorOrder())
        self.frozen.setVisible(count > 0)
        self._place_frozen()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen_columns))

    def _place_frozen(self) -> None:
        frame = self.frameWidth()
        left = frame + (self.verticalHeader().width() if self.verticalHeader().isVisible()
                        else 0)
        self.frozen.setGeometry(left, frame, self.frozen_width(),
                                self.viewport().height() + self.horizontalHeader().height())
        self.frozen.raise_()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen_columns:
            self.frozen.setColumnWidth(column, new)
            self._place_frozen()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def _sort_shown(self, column: int, order: Qt.SortOrder) -> None:
        self.frozen.horizontalHeader().setSortIndicatorShown(True)
        self.frozen.horizontalHeader().setSortIndicator(column, order)

    def _frozen_header_clicked(self, column: int) -> None:
        """A click on a frozen header sorts as a click on the main header does."""
        if not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if header.sortIndicatorSection() == column:
            order = (Qt.SortOrder.DescendingOrder
                     if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                     else Qt.SortOrder.AscendingOrder)
        self.sortByColumn(column, order)

    # --- keeping the current cell in sight ------------------------------------------
    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.share_room()
        self._place_frozen()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._place_frozen()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
                 ) -> None:
        """Scroll so that the cell is not hidden under the frozen columns (a frozen cell
        only scrolls up or down)."""
        if not index.isValid():
            return
        bar = self.horizontalScrollBar()
        kept = bar.value()
        super().scrollTo(index, hint)
        if index.column() < self.frozen_columns:
            bar.setValue(kept)
            return
        left = self.columnViewportPosition(index.column())
        if left < self.frozen_width():
            bar.setValue(max(bar.value() - (self.frozen_width() - left), 0))

    def edit(self, index: QModelIndex | QPersistentModelIndex,  # type: ignore[override]
             trigger: QAbstractItemView.EditTrigger = (
                 QAbstractItemView.EditTrigger.AllEditTriggers),
             event: QEvent | None = None) -> bool:
        """A frozen cell is edited in place: the columns scroll back to show it."""
        if index.isValid() and index.column() < self.frozen_columns and (
                self.horizontalScrollBar().value() > 0) and (
                self.editTriggers() & trigger or
                trigger == QAbstractItemView.EditTrigger.AllEditTriggers):
            self.horizontalScrollBar().setValue(0)
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and cut_text_tip(self, event):
            return True
        return super().viewportEvent(event)

    # --- column widths ---------------------------------------------------------------
    def fit_columns(self, max_width: int = MAX_FIT) -> None:
        """Fit each column to its header (as drawn, in bold, with the sort arrow beside
        it) and to the first rows' text, then share out the room left over."""
        model = self.model()
        if model is None:
            return
        text = self.fontMetrics()
        bold_font = QFont(self.horizontalHeader().font())
        bold_font.setWeight(QFont.Weight.DemiBold)
        bold = QFontMetrics(bold_font)
        rows = min(model.rowCount(), SAMPLE_ROWS)
        widths, full, cell_widths = [], [], []
        for c in range(model.columnCount()):
            title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            head = max(bold.horizontalAdvance(line) for line in title.split("\n")) + (
                HEADER_ROOM)
            cells = max((text.horizontalAdvance(str(model.data(model.index(r, c)) or ""))
                         for r in range(rows)), default=0) + 16
            widths.append(max(head, min(cells, max_width)))
            full.append(max(head, cells))
            cell_widths.append(cells)
        self._natural, self._full, self._cells = widths, full, cell_widths
        for c, w in enumerate(widths):
            self.horizontalHeader().resizeSection(c, w)
        self.share_room()

    def share_room(self) -> None:
        """Share out the room the columns leave: first to the columns whose text was
        cut (up to its whole width), then to the names (or, without names, to long free
        text); codes (currency, country, unit, ids) keep their fitted width, and without
        names or free text the room is left blank."""
        model = self.model()
        if not self._natural or model is None or len(self._natural) != model.columnCount():
            return
        widths = list(self._natural)
        spare = self.viewport().width() - sum(widths)
        for c, w in enumerate(widths):
            grow = min(max(spare, 0), self._full[c] - w)
            widths[c] += grow
            spare -= grow
        roomy = self.roomy_columns()
        for c in roomy:
            widths[c] += max(spare, 0) // len(roomy)
        for c, w in enumerate(widths):
            self.horizontalHeader().resizeSection(c, w)

    def roomy_columns(self) -> list[int]:
        """The columns that take the room left over: the names, else the text columns
        whose cells are long (a description, a list of products), never a short code."""
        columns = getattr(self.model(), "columns", [])
        names = [c for c, col in enumerate(columns)
                 if col.kind == "lookup" or col.key in NAME_KEYS or col.key.endswith("_name")]
        return names or [c for c, col in enumerate(columns)
                         if not col.numeric and col.kind == "text"
                         and c < len(self._cells) and self._cells[c] >= LONG_TEXT]

    def columns_width(self) -> int:
        """The width the columns were fitted to (before sharing room), with the row
        numbers and the frame: how wide the view must be to show them all uncut."""
        header = self.verticalHeader()
        return (sum(self._natural) + (header.sizeHint().width() if not header.isHidden() else 0)
                + 2 * self.frameWidth())

    def rows_height(self, rows: int) -> int:
        """The height that shows the header and ``rows`` rows (no more) uncut."""
        return (self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader()
                .defaultSectionSize() + 2 * self.frameWidth())
