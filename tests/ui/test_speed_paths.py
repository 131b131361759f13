"""The quick paths of an edit and of a scroll show the same as the slow ones did: a figures
table updated in place, a dashboard that keeps its unchanged chart, a window that settles
its memory (the speed targets are measured in benchmarks/ui.py)."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

from planner.inputs import editing
from ui.editing.commands import SetCells
from ui.editing.document import Document
from ui.editing.models import FrameModel
from ui.pages.dashboard import DashboardPage
from ui.pages.tables import MATERIAL_COLUMNS
from ui.qt import Qt
from ui.shell.main_window import MainWindow
from ui.shell.registry import TABLE_PAGE


def stock_position(doc: Document, item_id: str) -> int:
    return int(np.flatnonzero(doc.project.stock["item_id"].to_numpy() == item_id)[0])


def shown(model: FrameModel, item_id: str, key: str) -> object:
    column = [c.key for c in model.columns].index(key)
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == item_id)
    return model.data(model.index(row, column))


def test_new_figures_update_the_table_in_place(doc: Document, qtbot: object) -> None:
    model = FrameModel(MATERIAL_COLUMNS)
    model.set_frame(doc.report.materials)
    cover = [c.key for c in MATERIAL_COLUMNS].index("days_of_cover")
    model.sort(cover, Qt.SortOrder.AscendingOrder)
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    moved: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.column(), b.column())))
    model.layoutChanged.connect(lambda *_: moved.append(1))
    before = shown(model, "M-TB", "on_hand")
    doc.undo_stack.push(SetCells(doc, "Stock", [(stock_position(doc, "M-TB"), "on_hand",
                                                 123456.0)]))
    model.set_frame(doc.report.materials)
    assert not resets
    assert shown(model, "M-TB", "on_hand") == "123,456" != before
    # the cover changed, and the table is sorted by it: the rows were put in order again
    assert moved
    values = [model.value(r, "days_of_cover") for r in range(model.rowCount())]
    finite = [v for v in values if not np.isnan(v)]
    assert finite == sorted(finite)
    # the same figures again: nothing announced
    changed.clear()
    moved.clear()
    model.set_frame(doc.report.materials.copy())
    assert not changed and not moved and not resets
    # other rows: a reset
    model.set_frame(doc.report.materials.iloc[:3])
    assert resets and model.rowCount() == 3


def test_an_unsorted_table_announces_only_the_columns_that_changed(doc: Document) -> None:
    model = FrameModel(MATERIAL_COLUMNS)
    model.set_frame(doc.report.materials)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append(
        (a.row(), a.column(), b.row(), b.column())))
    doc.undo_stack.push(SetCells(doc, "Stock", [(stock_position(doc, "M-TB"), "on_hand",
                                                 5.0)]))
    model.set_frame(doc.report.materials)
    keys = [c.key for c in MATERIAL_COLUMNS]
    ((top, left, bottom, right),) = changed
    assert (top, bottom) == (0, model.rowCount() - 1)
    assert left <= keys.index("on_hand") <= right
    assert left > keys.index("name")  # ids and names were not formatted again


def test_the_dashboard_follows_stock_edits_and_a_source_edit(doc: Document,
                                                             qtbot: object) -> None:
    page = DashboardPage(doc)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    mixes: list[int] = []
    real = page.mix_chart.set_mix
    page.mix_chart.set_mix = lambda *a, **k: (mixes.append(1), real(*a, **k))  # type: ignore
    pos = stock_position(doc, "M-TB")
    doc.undo_stack.push(SetCells(doc, "Stock", [(pos, "on_hand", 0.0)]))
    assert page.figures() == _fresh_figures(doc)
    assert not mixes  # the sources are the same: the country mix is not drawn again
    source = int(np.flatnonzero(doc.project.sources["item_id"].to_numpy() == "M-TB")[0])
    doc.undo_stack.push(SetCells(doc, "Sources", [(source, "origin_country", "AU")]))
    assert mixes and page.figures() == _fresh_figures(doc)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert page.figures() == _fresh_figures(doc)


def _fresh_figures(doc: Document) -> dict[str, object]:
    """The dashboard's figures on a new page over a new document of the same project."""
    fresh = DashboardPage(Document(doc.project.copy()))
    return fresh.figures()


def test_a_typed_stock_value_reaches_the_dashboard(window: MainWindow, qtbot: object) -> None:
    doc = window.doc
    dashboard = DashboardPage(doc)
    qtbot.addWidget(dashboard)  # type: ignore[attr-defined]
    dashboard.show()
    window.nav.setCurrentRow(TABLE_PAGE["Stock"])
    page = window.table_page("Stock")
    model = page.view.model()
    column = [c.key for c in model.columns].index("on_hand")
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-TB")
    index = model.index(row, column)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.indexWidget(index)
    qtbot.keyClicks(editor, "0")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: doc.project.stock["on_hand"].iloc[  # type: ignore[attr-defined]
        stock_position(doc, "M-TB")] == 0.0)
    assert dashboard.figures() == _fresh_figures(doc)
    editing.set_value(doc.project, "Stock", stock_position(doc, "M-TB"), "on_hand", 1.0)
    doc.recompute()  # an edit made elsewhere: everything again
    assert dashboard.figures() == _fresh_figures(doc)


class _Node:
    """One half of a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_the_window_settles_its_memory_after_a_page_is_built(window: MainWindow,
                                                             qtbot: object) -> None:
    settled = lambda: not window._settle.isActive()  # noqa: E731
    try:
        qtbot.waitUntil(settled)  # type: ignore[attr-defined]
        held: list[_Node] = [_Node(), _Node()]
        held[0].other, held[1].other = held[1], held[0]
        freed: list[bool] = []
        weakref.finalize(held[0], freed.append, True)
        window.page(TABLE_PAGE["BOM"])  # settles at once: the cycle, still held, is frozen
        qtbot.waitUntil(lambda: settled() and gc.get_freeze_count() > 0)  # type: ignore[attr-defined]
        del held  # the frozen cycle becomes garbage while the file stays open
        window.doc.recompute()
        assert window._settle.isActive()
        qtbot.waitUntil(lambda: bool(freed))  # type: ignore[attr-defined]
        qtbot.waitUntil(settled)  # type: ignore[attr-defined]
        assert gc.get_freeze_count() > 0  # what is held is frozen again
    finally:
        gc.unfreeze()


@pytest.fixture(autouse=True)
def thawed() -> None:
    """Each test starts with nothing frozen by an earlier window."""
    gc.unfreeze()
