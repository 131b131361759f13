"""Alternates in the window, driven as a buyer would: the Alternates tab of Products & BOM
(a row typed with the keyboard, then undone), the tree's alternate rows, "go to the cell"
of an Alternates problem, and a stop of China on the Scenarios page that says what the
alternate replaced and marks the material only the alternate used.

The project is written to a workbook and read back. Motor P1 (10 a day) is made from a
magnet set C1 of 1 kg of M1, bought only from China (55 kg on hand: 5.5 days). The
Dy-free set C2 (2 kg of M3, bought in Japan) replaces C1 set for set from day 10 of a
stop: over a 30-day stop of China it makes the 200 sets of days 10-29, with 400 kg of M3.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import planner
from planner.analysis.scenario import Stop, scenario
from planner.core.errors import Problem
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project
from planner.outputs.scenario_reports import alternate_lines
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.pages.bom_page import BomPage
from ui.pages.scenario_controls import MODES
from ui.pages.scenario_page import ALTERNATES_TAB, ScenarioPage
from ui.qt import (
    QAbstractItemView,
    QApplication,
    QModelIndex,
    QPushButton,
    Qt,
    QTabWidget,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
from ui.shell.registry import PAGE_INDEX

CTRL = Qt.KeyboardModifier.ControlModifier
ID = Qt.ItemDataRole.UserRole
TIP = Qt.ItemDataRole.ToolTipRole
FONT = Qt.ItemDataRole.FontRole
SENTENCE = ("C1 switched to C2 on day 10: 200 set replaced, 100% of what the stop left "
            "uncovered")


def small_project() -> planner.Project:
    sheets: dict[str, list[list[object]]] = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price"],
                  ["P1", "Motor", "product", "pcs", 100],
                  ["C1", "Magnet set", "component", "set", None],
                  ["C2", "Dy-free magnet set", "component", "set", None],
                  ["M1", "Dysprosium-grade NdFeB", "material", "kg", 2],
                  ["M3", "Dy-free NdFeB grade", "material", "kg", 4]],
        "BOM": [["parent_id", "child_id", "qty_per"], ["P1", "C1", 1], ["C1", "M1", 1],
                ["C2", "M3", 2]],
        "Demand": [["item_id", "quantity", "per"], ["P1", 10, "day"]],
        "Stock": [["item_id", "on_hand"], ["M1", 55], ["M3", 1000]],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Baotou", "CN"],
                      ["S5", "Shin-Etsu", "JP"]],
        "Sources": [["item_id", "supplier_id", "share"], ["M1", "S1", 1.0],
                    ["M3", "S5", 1.0]],
        "Alternates": [["item_id", "alternate_id", "ratio", "qualification_days",
                        "max_share"], ["C1", "C2", 1, 10, None]],
        "Settings": [["key", "value"], ["as_of_date", "2026-11-02"], ["currency", "EUR"]],
    }
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "alternates.xlsx"
    planner.export(small_project(), path)
    return path


@pytest.fixture
def alt_window(qtbot: object, prefs: Preferences, recovery_dir: Path, workbook: Path,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The window on the small project read back from its workbook, at 1366×768."""
    w = MainWindow(Document(planner.load(workbook), workbook), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(w, before_close_func=_close)  # type: ignore[attr-defined]
    monkeypatch.setattr(w.files, "maybe_save", lambda: True)  # edits left unsaved
    w.resize(1366, 768)
    w.show()
    yield w


def _close(w: MainWindow) -> None:
    """Close without "Save changes?" (as the shared window fixture does)."""
    w.doc.undo_stack.setClean()
    w.close()
    QApplication.processEvents()


def show_page(window: MainWindow, qtbot: object, page_id: str) -> QWidget:
    """Show a page, the window active so that keys reach the focus widget."""
    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    page: QWidget = getattr(window, page_id)
    return page


def click_tab(qtbot: object, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_cell(qtbot: object, page: TablePage, row: int, key: str) -> None:
    index = page.model.index(row, [c.key for c in page.model.columns].index(key))
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=page.view.visualRect(index).center())
    assert page.view.currentIndex() == index


def press(qtbot: object, key: Qt.Key | str,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)  # type: ignore[attr-defined]
    qtbot.wait(20)  # type: ignore[attr-defined]  # Qt commits an editor by a queued call


def type_cell(qtbot: object, page: TablePage, text: str) -> None:
    """Type over the current cell and press Enter (twice when a completion was shown)."""
    for char in text:
        press(qtbot, char)
    press(qtbot, Qt.Key.Key_Return)
    if page.view.state() == QAbstractItemView.State.EditingState:
        press(qtbot, Qt.Key.Key_Return)


def child(page: BomPage, parent: QModelIndex, item_id: str, alternate: bool = False
          ) -> QModelIndex:
    """The tree row of ``item_id`` under ``parent`` (an alternate's row when asked), shown
    as a user opens it; invalid when there is none."""
    model = page.tree_model
    page.tree.expand(parent)
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(ID) == item_id and str(index.data()).startswith("⇄") == alternate:
            return index
    return QModelIndex()


def alternate_rows(page: BomPage, path: list[str]) -> list[str]:
    """The texts of the alternate rows under the item at ``path`` from a product."""
    model = page.tree_model
    index = child(page, QModelIndex(), path[0])
    for item in path[1:]:
        index = child(page, index, item)
        assert index.isValid(), item
    return [f"{model.index(r, 0, index).data()} | {model.index(r, 1, index).data()}"
            for r in range(model.rowCount(index))
            if str(model.index(r, 0, index).data()).startswith("⇄")]


def test_alternates_tab_typed_and_undone_and_the_tree_shows_them(
        alt_window: MainWindow, qtbot: object) -> None:
    window = alt_window
    page = show_page(window, qtbot, "bom_page")
    assert isinstance(page, BomPage)
    # the tree: the alternate under the item it replaces, its terms said, in italics
    assert alternate_rows(page, ["P1", "C1"]) == [
        "⇄ C2 | Alternate (after 10 days, up to 100%): Dy-free magnet set"]
    c1 = child(page, child(page, QModelIndex(), "P1"), "C1")
    alt = child(page, c1, "C2", alternate=True)
    assert alt.data(FONT).italic() and not c1.data(FONT)
    assert str(alt.data(TIP)).startswith("Alternate C2 Dy-free magnet set may replace C1 in "
                                         "a disruption from day 10 of the stop")
    # the alternate's own BOM opens beneath it
    m3 = child(page, alt, "M3")
    assert m3.isValid() and m3.siblingAtColumn(2).data() == "2"
    # choosing it shows where it is used, and that it is an alternate
    page.tree.setCurrentIndex(alt)
    assert window.doc.selected_item == "C2"
    assert page.used_title.text() == "Where used: C2 Dy-free magnet set"
    assert page.used_model.rowCount() == 0
    assert page.alternate_note.text() == ("An alternate for C1 in a disruption: not used in "
                                          "normal times.")

    # the Alternates tab, chosen with the mouse, is the sheet
    click_tab(qtbot, page.tabs, 3)
    table = page.alternates_page
    assert page.tabs.currentWidget() is table and page.tabs.tabText(3) == "Alternates"
    assert table.model.rowCount() == 1
    # a row typed in: Add row, the item, then its alternate, each with Enter
    click_cell(qtbot, table, 0, "item_id")
    add = next(b for b in table.findChildren(QPushButton) if b.text() == "Add row")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    type_cell(qtbot, table, "M1")
    click_cell(qtbot, table, 1, "alternate_id")
    type_cell(qtbot, table, "M3")
    frame = window.doc.project.alternates
    assert frame[["item_id", "alternate_id"]].astype(object).values.tolist() == [
        ["C1", "C2"], ["M1", "M3"]]
    assert alternate_rows(page, ["P1", "C1", "M1"]) == [
        "⇄ M3 | Alternate (qualified, up to 100%): Dy-free NdFeB grade"]
    # Ctrl+Z takes the alternate back, then the item, then the row
    press(qtbot, "z", CTRL)
    assert alternate_rows(page, ["P1", "C1", "M1"]) == []
    assert window.doc.project.alternates["alternate_id"].isna().iloc[1]
    press(qtbot, "z", CTRL)
    press(qtbot, "z", CTRL)
    assert len(window.doc.project.alternates) == 1
    assert table.model.rowCount() == 1
    assert alternate_rows(page, ["P1", "C1"]) == [
        "⇄ C2 | Alternate (after 10 days, up to 100%): Dy-free magnet set"]


def test_go_to_an_alternates_problem_opens_its_tab_and_cell(alt_window: MainWindow,
                                                            qtbot: object) -> None:
    window = alt_window
    show_page(window, qtbot, "dashboard")
    row = int(window.doc.project.layout("Alternates").rows[0])
    window.go_to_problem(Problem("Alternates", "unknown item", f"B{row}", row=row,
                                 column="alternate_id"))
    page = window.page(PAGE_INDEX["bom_page"])
    assert isinstance(page, BomPage)
    assert window.stack.currentIndex() == PAGE_INDEX["bom_page"]
    assert page.tabs.currentWidget() is page.alternates_page
    current = page.alternates_page.view.currentIndex()
    assert (current.row(), page.alternates_page.model.columns[current.column()].key) == (
        0, "alternate_id")


def run_stop(window: MainWindow, qtbot: object, days: int) -> ScenarioPage:
    page = show_page(window, qtbot, "scenario_page")
    assert isinstance(page, ScenarioPage)
    controls = page.controls
    controls.mode.setCurrentIndex([m for m, _ in MODES].index("country"))
    box = controls.boxes["country"]
    box.setCurrentIndex(box.findData("CN"))
    controls.days.setValue(days)
    qtbot.mouseClick(controls.run_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: page.result is not None)  # type: ignore[attr-defined]
    return page


def test_a_stop_says_what_the_alternate_replaced(alt_window: MainWindow,
                                                 qtbot: object) -> None:
    window = alt_window
    page = run_stop(window, qtbot, 30)
    expected = scenario(window.doc.project, Stop("country", "CN", 30), window.doc.report)
    # the sentence under the cards is the command line's
    assert page.alternates_text() == SENTENCE
    assert alternate_lines(expected.alternates)[2:] == [SENTENCE]
    assert page.alternates_note.isVisible()
    # the tab lists it with its figures
    assert page.tabs.isTabVisible(ALTERNATES_TAB)
    assert page.tabs.tabText(ALTERNATES_TAB) == "Alternates (1)"
    click_tab(qtbot, page.tabs, ALTERNATES_TAB)
    alternates = page.alternates_table.table_model
    keys = [c.key for c in alternates.columns]
    shown = {k: alternates.index(0, j).data() for j, k in enumerate(keys)}
    assert (shown["item_id"], shown["alternate_id"], shown["switched_day"],
            shown["replaced"], shown["replaced_share"]) == ("C1", "C2", "10", "200", "100.0%")
    assert alternates.index(0, 0).data(TIP) == SENTENCE
    # M3, which the stop does not hit, is listed for what the alternate used
    click_tab(qtbot, page.tabs, 0)
    assert page.tabs.tabText(0) == "Materials: 1 hit, 1 used by alternates"
    materials = page.materials_table.table_model
    keys = [c.key for c in materials.columns]
    rows = {materials.index(r, 0).data(): r for r in range(materials.rowCount())}
    m3 = materials.index(rows["M3"], keys.index("hit_share"))
    assert m3.data() == "used by alternate" and m3.data(FONT).italic()
    assert m3.data(TIP) == ("The stop does not hit M3: it is listed because the alternates "
                            "switched to used 400 kg of it.")
    assert materials.index(rows["M3"], keys.index("used_for_alternates")).data() == "400"
    m1 = materials.index(rows["M1"], keys.index("hit_share"))
    assert m1.data() == "100.0%" and m1.data(FONT) is None
    # the curves draw M1; M3, with no demand of its own, is not a hit material left out
    assert [i for i, _, _ in page.chart.lines()] == ["M1"]
    assert page.chart.footer.text() == ""


def test_a_short_stop_needs_no_alternate_and_a_project_without_any_hides_them(
        alt_window: MainWindow, qtbot: object) -> None:
    """Over 5 days the stock lasts: the alternate is not needed, and the page says so;
    without the Alternates row, nothing of them is shown."""
    window = alt_window
    page = run_stop(window, qtbot, 5)
    assert page.alternates_text() == ("C1 did not need C2: the stop left it covered from "
                                      "day 10, when the alternate is qualified")
    assert page.tabs.tabText(0) == "Materials hit (1)"
    bom = show_page(window, qtbot, "bom_page")
    assert isinstance(bom, BomPage)
    click_tab(qtbot, bom.tabs, 3)
    click_cell(qtbot, bom.alternates_page, 0, "item_id")
    window.actions["delete_rows"].trigger()  # type: ignore[index]
    assert window.doc.project.alternates.empty
    assert alternate_rows(bom, ["P1", "C1"]) == []
    page = run_stop(window, qtbot, 30)
    assert page.alternates_text() == "" and not page.alternates_note.isVisible()
    assert not page.tabs.isTabVisible(ALTERNATES_TAB)
    assert "used_for_alternates" not in [c.key for c in page.materials_table.table_model.columns]


def test_alternates_in_japanese(japanese: None, alt_window: MainWindow, qtbot: object) -> None:
    window = alt_window
    page = show_page(window, qtbot, "bom_page")
    assert isinstance(page, BomPage)
    assert page.tabs.tabText(3) == "代替品"
    assert alternate_rows(page, ["P1", "C1"]) == [
        "⇄ C2 | 代替品（10 日後から、最大 100%）：Dy-free magnet set"]
    scenarios = run_stop(window, qtbot, 30)
    assert scenarios.alternates_text() == (
        "C1 は 10 日目に C2 へ切替、200 set を代替（供給途絶で不足した分の 100%）")
    assert scenarios.tabs.tabText(ALTERNATES_TAB) == "代替品 (1)"
