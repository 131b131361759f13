"""The Stockpile page shows the engine's sizing: the materials in its order, and for the
one clicked a chart whose least sum of holding cost and expected loss stands at the
engine's recommended days, marked beside the target and JOGMEC's 60 days. It sizes in the
background and again after an edit; nothing on it is cut at 1366×768."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planner.analysis.stockpile import StockpileResult, stockpile
from tests.ui.conftest import EV
from tests.ui.test_layout_1366 import clipped, go_to, open_window
from ui.editing.commands import SetCells
from ui.qt import QApplication, Qt
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences


@pytest.fixture
def window(qtbot: object, prefs: Preferences, recovery_dir: Path,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    w = open_window(qtbot, prefs, recovery_dir, EV, (1366, 768))
    monkeypatch.setattr(w.files, "maybe_save", lambda: True)  # edits are left unsaved
    return w


def engine(w: MainWindow) -> StockpileResult:
    doc = w.doc
    return stockpile(doc.project, report=doc.report, ranking=doc.results.ranking())


def sized_page(w: MainWindow, qtbot: object) -> object:
    page = go_to(w, "stockpile_page", qtbot)  # through the navigation list
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)  # type: ignore
    QApplication.processEvents()
    return page


def click_row(page: object, qtbot: object, row: int) -> None:
    table = page.table  # type: ignore[attr-defined]
    column = [c.key for c in table.table_model.columns].index("recommended_days")
    index = table.table_model.index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,  # type: ignore
                     pos=rect.center())


def test_the_page_shows_the_engine_sizing_and_the_clicked_material(
        window: MainWindow, qtbot: object) -> None:
    page = sized_page(window, qtbot)
    expected = engine(window)
    m = expected.materials
    shown = page.table.table_model.frame  # type: ignore[attr-defined]
    assert shown["item_id"].tolist() == m["item_id"].tolist()  # most avoided per cost first
    assert shown["recommended_days"].tolist() == m["recommended_days"].tolist()
    assert clipped(page) == []  # type: ignore[arg-type]

    for row in (2, 0):
        click_row(page, qtbot, row)
        item = m.iloc[row]
        chart = page.chart  # type: ignore[attr-defined]
        assert chart.item_id == item["item_id"]
        assert window.doc.selected_item == item["item_id"]  # every view follows
        assert chart.minimum() == int(item["recommended_days"])
        np.testing.assert_allclose(chart.holding, expected.holding[row])
        np.testing.assert_allclose(chart.loss, expected.expected_loss[row])
        marks = chart.marks()
        assert marks["recommended"] == item["recommended_days"]
        assert marks["jogmec"] == 60
        assert marks["target"] == item["target_days"]
    assert "15%" in page.note.text()  # type: ignore[attr-defined]
    assert "Settings" in page.note.text()  # type: ignore[attr-defined]


def test_an_edit_sizes_again(window: MainWindow, qtbot: object) -> None:
    page = sized_page(window, qtbot)
    before = page.result  # type: ignore[attr-defined]
    doc = window.doc
    stock = doc.project.tables["Stock"]
    top = str(before.materials["item_id"].iloc[0])
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == top)[0])
    with qtbot.waitSignal(page.sized, timeout=30_000):  # type: ignore[attr-defined]
        doc.undo_stack.push(SetCells(doc, "Stock", [(row, "on_hand", 0.0)]))
    qtbot.waitUntil(lambda: page.result is not before, timeout=30_000)  # type: ignore
    after = engine(window)
    assert page.result.materials["item_id"].tolist() == (  # type: ignore[attr-defined]
        after.materials["item_id"].tolist())
    current = page.result.materials.set_index("item_id")  # type: ignore[attr-defined]
    assert current.loc[top, "current_days"] == 0
