"""Columns a buyer can read and figures in one form.

Headers fit their titles and explain them, the id and name stay put while a table scrolls
right, names stand beside ids, a cut text shows whole as a tooltip, the columns fill the
page, and the same figure reads the same on a card, in a table and in a chart.
"""

from __future__ import annotations

import pandas as pd
import pytest

from planner.analysis.scenario import Stop
from planner.core import formatting as fmt
from planner.outputs.scenario_reports import scenario_summary
from ui.editing.frozen import FrozenTableView, cut_text_tip
from ui.editing.models import Col, FrameModel
from ui.editing.table_page import TablePage
from ui.pages.scenario_controls import MODES
from ui.qt import (
    QApplication,
    QEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QPoint,
    Qt,
    QTableView,
    QToolTip,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.registry import PAGE_INDEX

CTRL = Qt.KeyboardModifier.ControlModifier
DISPLAY = Qt.ItemDataRole.DisplayRole


def show_page(window: MainWindow, qtbot: object, page_id: str) -> QWidget:
    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    page: QWidget = getattr(window, page_id)
    return page


def type_text(qtbot: object, text: str) -> None:
    """Keys typed as a user types them, each to whatever has the focus then."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, char)  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.wait(20)  # type: ignore[attr-defined]  # Qt commits an editor by a queued call


def column(model: FrameModel, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_headers_fit_their_titles_as_drawn(window: MainWindow, qtbot: object) -> None:
    """Sources showed ".ead time days" and "apacity per month": cut at both ends."""
    page = show_page(window, qtbot, "sourcing_page").sources  # type: ignore[attr-defined]
    view = page.view
    header = view.horizontalHeader()
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(bold)
    for c in range(page.model.columnCount()):
        title = str(page.model.headerData(c, Qt.Orientation.Horizontal))
        # the title in bold, the sort arrow beside it and a margin either side
        assert metrics.horizontalAdvance(title) + 24 <= view.columnWidth(c), title


def test_id_and_name_stay_put_while_scrolling_right(window: MainWindow, qtbot: object
                                                    ) -> None:
    page = show_page(window, qtbot, "sourcing_page").sources  # type: ignore[attr-defined]
    view = page.view
    assert isinstance(view, FrozenTableView)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0  # Sources is wider than the window
    bar.setValue(bar.maximum())
    assert view.columnViewportPosition(0) < 0  # the table scrolled its first column away
    frozen = view.frozen
    assert frozen.isVisible()
    keys = [c.key for c in page.model.columns]
    assert keys[:2] == ["item_id", "item_name"] and view.frozen_columns == 2
    assert frozen.width() == view.columnWidth(0) + view.columnWidth(1)
    # what is drawn over the left edge is the first row's item and its name
    first = frozen.indexAt(QPoint(5, frozen.rowViewportPosition(0) + 5))
    assert first.row() == 0 and first.column() == 0
    assert first.data() == window.doc.project.sources["item_id"].iloc[0]
    # a current cell far right scrolls the table, never the frozen columns
    view.setCurrentIndex(page.model.index(0, page.model.columnCount() - 1))
    assert frozen.columnViewportPosition(0) == 0
    assert view.columnViewportPosition(page.model.columnCount() - 1) < view.viewport().width()
    # a click on a frozen cell selects it in the table: one selection for both views
    cell = page.model.index(3, 1)
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=frozen.visualRect(cell).center())
    assert view.currentIndex() == cell
    assert view.hasFocus()  # keys go on working in the table
    # scrolling down moves the frozen rows with the table's
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()


def test_figure_tables_freeze_their_id_and_name_too(window: MainWindow, qtbot: object
                                                    ) -> None:
    page = show_page(window, qtbot, "materials_page")
    view = page.figures.view  # type: ignore[attr-defined]
    assert isinstance(view, FrozenTableView) and view.frozen_columns == 2
    assert [c.key for c in view.model().columns[:2]] == ["item_id", "name"]


def test_columns_fill_the_page_and_names_are_not_cut(window: MainWindow,
                                                      qtbot: object) -> None:
    """Suppliers left most of the page empty while the names were cut."""
    window.resize(1920, 1080)
    page = show_page(window, qtbot, "suppliers_page")
    assert isinstance(page, TablePage)
    view = page.view
    qtbot.waitUntil(lambda: view.viewport().width() > 1500)  # type: ignore[attr-defined]
    widths = sum(view.columnWidth(c) for c in range(page.model.columnCount()))
    assert widths >= view.viewport().width() - 1
    name = column(page.model, "name")
    longest = max(window.doc.project.suppliers["name"], key=view.fontMetrics().horizontalAdvance)
    assert view.fontMetrics().horizontalAdvance(longest) < view.columnWidth(name)


def tooltip_at(view: QTableView, row: int, col: int) -> str:
    QToolTip.hideText()
    rect = view.visualRect(view.model().index(row, col))
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(
        rect.center()))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_text_shows_whole_as_its_tooltip(window: MainWindow, qtbot: object) -> None:
    """The plan's "Why" column and long names were cut with no way to read them."""
    page = show_page(window, qtbot, "materials_page")
    view = page.figures.view  # type: ignore[attr-defined]
    model = view.model()
    j = column(model, "top_supplier")  # a text column outside the frozen ones
    view.setColumnWidth(j, 30)
    text = str(model.data(model.index(0, j)))
    assert len(text) > 4
    assert tooltip_at(view, 0, j) == text
    view.setColumnWidth(j, 400)  # not cut: the cell has no tooltip of its own
    rect = view.visualRect(model.index(0, j))
    assert not cut_text_tip(view, QHelpEvent(QEvent.Type.ToolTip, rect.center(),
                                             view.viewport().mapToGlobal(rect.center())))


def test_every_header_explains_its_column(window: MainWindow, qtbot: object) -> None:
    for page_id in PAGE_INDEX:
        show_page(window, qtbot, page_id)
    models = {id(v.model()): v.model() for v in window.findChildren(QTableView)
              if isinstance(v.model(), FrameModel)}
    assert len(models) >= 12  # the table pages, the figures, the plan's and the scenarios'
    for model in models.values():
        for c, col in enumerate(model.columns):
            tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            assert tip, f"{col.title} ({col.key}) has no tooltip"
    tips = {c.key: c.header_tip for m in models.values() for c in m.columns}
    assert "10,000" in tips["supplier_hhi"] and "single source" in tips["supplier_hhi"]
    assert "time to survive" in tips["time_to_survive_days"].lower()
    assert "time to recover" in tips["time_to_recover_days"].lower()
    assert "orders" in tips["days_of_cover_with_orders"]


def test_names_stand_beside_ids_and_follow_a_rename(window: MainWindow, qtbot: object
                                                    ) -> None:
    project = window.doc.project
    orders = show_page(window, qtbot, "orders_page")
    assert isinstance(orders, TablePage)
    model = orders.model
    keys = [c.key for c in model.columns]
    assert keys[:4] == ["item_id", "item_name", "supplier_id", "supplier_name"]
    items = project.items.set_index("item_id")["name"]
    suppliers = project.suppliers.set_index("supplier_id")["name"]
    for r in range(model.rowCount()):
        assert model.data(model.index(r, 1)) == items[model.value(r, "item_id")]
        assert model.data(model.index(r, 3)) == suppliers[model.value(r, "supplier_id")]
    # the name is read-only: typing over it changes nothing
    before = project.orders.copy()
    orders.view.setFocus()
    orders.view.setCurrentIndex(model.index(0, 3))
    type_text(qtbot, "Someone else")
    pd.testing.assert_frame_equal(window.doc.project.orders, before)
    # rename the first order's supplier in Suppliers, as a user types it
    supplier = model.value(0, "supplier_id")
    page = show_page(window, qtbot, "suppliers_page")
    assert isinstance(page, TablePage)
    row = next(r for r in range(page.model.rowCount())
               if page.model.value(r, "supplier_id") == supplier)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, column(page.model, "name")))
    type_text(qtbot, "Renamed Metals AG")
    assert window.doc.project.suppliers.set_index("supplier_id").loc[supplier, "name"] == (
        "Renamed Metals AG")
    show_page(window, qtbot, "orders_page")
    assert model.data(model.index(0, 3)) == "Renamed Metals AG"
    window.undo_group.undo()
    assert model.data(model.index(0, 3)) == suppliers[supplier]


def test_a_block_from_the_sheet_pastes_past_the_names(window: MainWindow, qtbot: object
                                                      ) -> None:
    """A row copied from the template (no name columns) lands in its own columns."""
    page = show_page(window, qtbot, "sourcing_page").sources  # type: ignore[attr-defined]
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 0))
    QGuiApplication.clipboard().setText("M-PR\tSUP-ELB\t0.1\n")
    qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL)  # type: ignore[attr-defined]
    row = window.doc.project.sources.iloc[page.model.position(0)]
    assert (row["item_id"], row["supplier_id"], row["share"]) == ("M-PR", "SUP-ELB", 0.1)
    # copying the row back gives the sheet's columns, without the names
    page.view.selectionModel().clearSelection()
    for c in range(4):
        page.view.selectionModel().select(page.model.index(0, c),
                                          page.view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(page.view, Qt.Key.Key_C, CTRL)  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == "M-PR\tSUP-ELB\n"
    window.doc.undo_stack.setClean()  # pytest-qt closes the window before the fixture ends


# --- one figure, one form -----------------------------------------------------------------
def test_a_share_column_has_one_form() -> None:
    """A column mixed 44%, 15.9%, 0.894% and 0.0934%, then still "44%" beside "15.9%"."""
    model = FrameModel([Col("item_id", "Item"), Col("s", "Share", "share")])
    model.set_frame(pd.DataFrame({"item_id": list("abcdef"),
                                  "s": [0.44, 0.159, 0.00894, 0.000934, 0.0002, 1.0]}))
    shown = [model.data(model.index(r, 1)) for r in range(6)]
    assert shown == ["44.0%", "15.9%", "0.9%", "0.1%", "<0.1%", "100.0%"]


def test_on_hand_reads_the_same_in_the_figures_and_in_the_stock_table(
        window: MainWindow, qtbot: object) -> None:
    """On hand read "62.0" above and "62" below; "7.00 pcs" in the plan."""
    page = show_page(window, qtbot, "materials_page")
    stock: TablePage = page.stock  # type: ignore[attr-defined]
    figures = page.figures.model  # type: ignore[attr-defined]
    j = column(stock.model, "on_hand")
    bought = set(figures.frame["item_id"])
    r = next(r for r in range(stock.model.rowCount()) if stock.model.value(r, "item_id") in bought)
    item = stock.model.value(r, "item_id")
    stock.view.setFocus()
    stock.view.setCurrentIndex(stock.model.index(r, j))
    type_text(qtbot, "62")
    try:
        qtbot.waitUntil(lambda: float(  # type: ignore[attr-defined]
            figures.frame.set_index("item_id").loc[item, "on_hand"]) == 62)
        row = figures.row_of(int((figures.frame["item_id"] == item).to_numpy().nonzero()[0][0]))
        assert stock.model.data(stock.model.index(r, j)) == "62"
        assert figures.data(figures.index(row, column(figures, "on_hand"))) == "62"
        assert fmt.quantity(7.0) == "7"
    finally:
        window.doc.undo_stack.setClean()  # pytest-qt closes the window before the fixture


@pytest.mark.parametrize("stop", [Stop("country", "CN", 90, name="China")])
def test_the_same_figure_reads_the_same_on_the_card_the_chart_and_in_the_rows(
        window: MainWindow, qtbot: object, stop: Stop) -> None:
    """First stock-out read "day 13.5" on a card and "day 14" on the chart; revenue
    "EUR 1.10 m" beside full figures; dates as 2026-11-02 and "15 Nov 2026"."""
    page = show_page(window, qtbot, "scenario_page")
    controls = page.controls  # type: ignore[attr-defined]
    box = controls.boxes["country"]
    controls.mode.setCurrentIndex([m for m, _ in MODES].index("country"))
    box.setCurrentIndex(box.findData("CN"))
    controls.days.setValue(stop.days)
    page.run()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.result is not None)  # type: ignore[attr-defined]
    result = page.result  # type: ignore[attr-defined]
    summary = scenario_summary(result)
    first = summary["first_stockout_days"]
    card = page.card_text("first_stockout_days")  # type: ignore[attr-defined]
    materials = page.materials_table.table_model  # type: ignore[attr-defined]
    tts = column(materials, "time_to_survive_days")
    first_row = materials.row_of(int(result.materials["time_to_survive_days"].idxmin()))
    assert card == f"day {materials.data(materials.index(first_row, tts))}"
    labels = page.chart.labels.texts()  # type: ignore[attr-defined]
    assert any(t.endswith(f"· {card}") for t in labels), labels
    revenue = page.card_text("revenue_at_risk")  # type: ignore[attr-defined]
    assert revenue == fmt.money(summary["revenue_at_risk"], result.currency)
    assert " m" not in revenue and " k" not in revenue
    assert fmt.date(result.as_of) in page.chart.title.text()  # type: ignore[attr-defined]
    assert card == fmt.day(first)
