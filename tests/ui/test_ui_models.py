"""Table models: Qt's model contract, editing with undo, sorting, filtering, paste."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ui.editing.document import Document
from ui.editing.models import FrameModel, ProjectTableModel
from ui.editing.table_page import TablePage, parse_clipboard, to_clipboard
from ui.qt import QModelIndex, Qt

EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


def cell(model: ProjectTableModel, row: int, key: str, role: int = DISPLAY) -> object:
    j = [c.key for c in model.columns].index(key)
    return model.data(model.index(row, j), role)


def test_models_follow_the_qt_contract(qtmodeltester: object, doc: Document) -> None:
    for table in ("Items", "BOM", "Sources", "Orders"):
        qtmodeltester.check(ProjectTableModel(doc, table))  # type: ignore[attr-defined]


def test_figures_model_sorts_and_filters(qtmodeltester: object, doc: Document) -> None:
    from ui.pages.tables import MATERIAL_COLUMNS

    model = FrameModel(MATERIAL_COLUMNS)
    model.set_frame(doc.report.materials)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    cover = [c.key for c in MATERIAL_COLUMNS].index("days_of_cover")
    model.sort(cover, Qt.SortOrder.AscendingOrder)
    shown = [model.value(r, "days_of_cover") for r in range(model.rowCount())]
    finite = [v for v in shown if not np.isnan(v)]
    assert finite == sorted(finite) and len(finite) > 3
    model.sort(cover, Qt.SortOrder.DescendingOrder)
    shown = [model.value(r, "days_of_cover") for r in range(model.rowCount())]
    assert [v for v in shown if not np.isnan(v)] == sorted(finite, reverse=True)
    model.set_filter("dysprosium")
    assert model.rowCount() == 1 and model.value(0, "item_id") == "M-DY"
    model.set_filter("")
    assert model.rowCount() == len(doc.report.materials)


def test_edit_goes_through_undo_and_refreshes_figures(doc: Document) -> None:
    model = ProjectTableModel(doc, "Stock")
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-TB")
    j = [c.key for c in model.columns].index("on_hand")
    before = doc.report.materials.set_index("item_id").loc["M-TB", "days_of_cover"]
    assert model.setData(model.index(row, j), "1,000", EDIT)
    assert cell(model, row, "on_hand") == "1,000"
    after = doc.report.materials.set_index("item_id").loc["M-TB", "days_of_cover"]
    # forward cover of 1,000 kg against the sample's forecast requirement
    (expected,) = doc.report.profile.select(pd.Index(["M-TB"])).cover(np.array([1000.0]))
    assert after == pytest.approx(expected, rel=1e-12) and after != before
    assert doc.is_modified()
    doc.undo_stack.undo()
    assert doc.report.materials.set_index("item_id").loc["M-TB", "days_of_cover"] == before
    assert not doc.is_modified()
    doc.undo_stack.redo()
    assert cell(model, row, "on_hand", EDIT) == "1000"


def test_unreadable_input_is_refused_with_a_located_message(doc: Document, qtbot: object
                                                              ) -> None:
    model = ProjectTableModel(doc, "BOM")
    j = [c.key for c in model.columns].index("qty_per")
    old = cell(model, 2, "qty_per")
    with qtbot.waitSignal(doc.message) as blocker:  # type: ignore[attr-defined]
        assert not model.setData(model.index(2, j), "abc", EDIT)
    assert blocker.args[0] == 'BOM!C4: qty_per must be a positive number, got "abc"'
    assert cell(model, 2, "qty_per") == old
    assert doc.undo_stack.count() == 0


def test_cross_sheet_problems_mark_cells(doc: Document) -> None:
    model = ProjectTableModel(doc, "Sources")
    j = [c.key for c in model.columns].index("share")
    row = 0
    item = model.value(row, "item_id")
    assert model.setData(model.index(row, j), "0.01", EDIT)
    tip = model.data(model.index(row, j), Qt.ItemDataRole.ToolTipRole)
    assert tip is not None and f"the shares of item {item} sum to" in tip
    assert model.data(model.index(row, j), Qt.ItemDataRole.BackgroundRole) is not None
    doc.undo_stack.undo()
    assert model.data(model.index(row, j), Qt.ItemDataRole.ToolTipRole) is None


def test_sorting_keeps_edits_on_the_right_row(doc: Document) -> None:
    model = ProjectTableModel(doc, "Items")
    name = [c.key for c in model.columns].index("name")
    model.sort(name, Qt.SortOrder.DescendingOrder)
    item = model.value(0, "item_id")
    assert model.setData(model.index(0, name), "Zz renamed", EDIT)
    items = doc.project.items.set_index("item_id")
    assert items.loc[item, "name"] == "Zz renamed"


def test_clipboard_round_trip_handles_excel_quoting() -> None:
    rows = [["a", "with\ttab", 'say "hi"'], ["multi\nline", "", "x"]]
    assert parse_clipboard(to_clipboard(rows)) == rows
    assert parse_clipboard("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]


def test_paste_block_from_excel_appends_rows_and_undoes(qtbot: object, doc: Document) -> None:
    page = TablePage(doc, "Suppliers", "Suppliers")
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    n = page.model.rowCount()
    page.view.setCurrentIndex(page.model.index(n - 1, 0))
    assert page.paste('SUP-NEW1\t"Nordic Metals, AB"\tSE\nSUP-NEW2\tKorea Zinc Trading\tkr\n')
    # pasted over the last row and appended one
    assert page.model.rowCount() == n + 1
    suppliers = doc.project.suppliers
    assert suppliers["supplier_id"].iloc[-2:].tolist() == ["SUP-NEW1", "SUP-NEW2"]
    assert suppliers["name"].iloc[-2] == "Nordic Metals, AB"
    assert suppliers["country"].iloc[-1] == "KR"
    doc.undo_stack.undo()
    assert page.model.rowCount() == n
    assert "SUP-NEW1" not in set(doc.project.suppliers["supplier_id"])


def test_paste_with_a_bad_cell_changes_nothing(qtbot: object, doc: Document) -> None:
    page = TablePage(doc, "Sources", "Sources")
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    before = doc.project.sources.copy()
    share = [c.key for c in page.model.columns].index("share")
    page.view.setCurrentIndex(page.model.index(0, share))
    messages: list[str] = []
    doc.message.connect(messages.append)
    assert not page.paste("50%\t12.5\n40%\tcheap\n")
    assert doc.project.sources.equals(before)
    assert doc.undo_stack.count() == 0
    assert "Sources!D3: unit_price must be a number" in messages[-1]


def test_add_and_delete_rows_undo(qtbot: object, doc: Document) -> None:
    page = TablePage(doc, "Orders", "Orders")
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    n = page.model.rowCount()
    first = doc.project.orders.iloc[0].copy()
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.view.selectRow(0)
    page.delete_rows()
    assert page.model.rowCount() == n - 1
    page.add_row()
    assert page.model.rowCount() == n
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    pd.testing.assert_series_equal(doc.project.orders.iloc[0], first)
    assert page.model.rowCount() == n


def test_data_is_constant_time_on_a_large_table(doc: Document) -> None:
    big = pd.concat([doc.project.items] * 2000, ignore_index=True)
    model = FrameModel(ProjectTableModel(doc, "Items").columns)
    model.set_frame(big)
    assert model.rowCount() == len(big)
    last = model.index(model.rowCount() - 1, 1)
    assert model.data(last) == big["name"].iloc[-1]
    assert model.data(QModelIndex()) is None


def test_large_projects_recompute_in_the_background(doc: Document, qtbot: object) -> None:
    from planner.inputs import editing
    from ui.editing.commands import SetCells

    doc.background_rows = 0  # treat the sample as large
    pos = int((doc.project.stock["item_id"] == "M-ND").to_numpy().nonzero()[0][0])
    busy: list[bool] = []
    doc.busyChanged.connect(busy.append)
    with qtbot.waitSignal(doc.reportChanged, timeout=10_000):  # type: ignore[attr-defined]
        doc.undo_stack.push(SetCells(doc, "Stock", [(pos, "on_hand", 2000.0)]))
    assert busy == [True, False]
    m = doc.report.materials.set_index("item_id").loc["M-ND"]
    (expected,) = doc.report.profile.select(pd.Index(["M-ND"])).cover(np.array([2000.0]))
    assert m["on_hand"] == 2000 and m["days_of_cover"] == pytest.approx(expected)
    assert editing.get_value(doc.project, "Stock", pos, "on_hand") == 2000


def test_refused_typing_reopens_the_cell_with_the_text(qtbot: object, doc: Document) -> None:
    from ui.qt import QAbstractItemView, QLineEdit

    page = TablePage(doc, "BOM", "BOM")
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    view = page.view
    j = [c.key for c in page.model.columns].index("qty_per")
    index = page.model.index(0, j)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.setText("1,5 kg")
    # what Return does in an editor: commit, then close it
    view.itemDelegate().commitData.emit(editor)
    view.itemDelegate().closeEditor.emit(editor)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)  # type: ignore[attr-defined]
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    assert editor.text() == "1,5 kg"
    assert page.model.last_error.startswith("BOM!C")
    assert "qty_per must be a positive number" in page.model.last_error
    assert doc.undo_stack.count() == 0


def test_figure_tables_open_in_the_engines_order(qtbot: object, doc: Document) -> None:
    from ui.pages.tables import MATERIAL_COLUMNS, FiguresTable

    table = FiguresTable(doc, "Materials", MATERIAL_COLUMNS)
    qtbot.addWidget(table)  # type: ignore[attr-defined]
    table.set_frame(doc.report.materials)
    shown = [table.model.value(r, "item_id") for r in range(table.model.rowCount())]
    assert shown == doc.report.materials["item_id"].tolist()
    page = TablePage(doc, "Items", "Items")
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    assert page.model.value(0, "item_id") == doc.project.items["item_id"].iloc[0]


def test_only_an_edited_name_refreshes_the_names_beside_ids(doc: Document) -> None:
    """A price typed in Items leaves the names shown in Stock alone (rebuilding them walks
    the whole table); a name typed there shows beside the id at once."""
    stock = ProjectTableModel(doc, "Stock")
    items = ProjectTableModel(doc, "Items")
    told: list[int] = []
    stock.dataChanged.connect(  # texts (no roles named), not the problems' colours
        lambda first, last, roles=(): None if roles else told.append(last.column()))
    row = next(r for r in range(items.rowCount()) if items.value(r, "item_id") == "M-TB")
    price = [c.key for c in items.columns].index("unit_price")
    assert items.setData(items.index(row, price), "12.5", EDIT)
    assert not told
    name = [c.key for c in items.columns].index("name")
    assert items.setData(items.index(row, name), "Terbium oxide, 4N", EDIT)
    shown_at = next(r for r in range(stock.rowCount()) if stock.value(r, "item_id") == "M-TB")
    assert cell(stock, shown_at, "item_name") == "Terbium oxide, 4N"
    assert [c.key for c in stock.columns][told[0]] == "item_name"
