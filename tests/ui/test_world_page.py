"""The World supply page: the world's producers of a commodity beside the company's mix,
driven as a user does (shortcut, search box, clicks on the list, an edit of Sources)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent

import planner
from ui.editing.document import Document
from ui.pages.world_page import WorldChart, WorldPage
from ui.qt import QApplication, Qt
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
from ui.shell.registry import PAGE_INDEX, PAGES

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
JA = SAMPLES / "motors_actuators_ja.xlsx"
CTRL = Qt.KeyboardModifier.ControlModifier
EDIT = Qt.ItemDataRole.EditRole


def open_page(window: MainWindow, qtbot: object) -> WorldPage:
    """Go to the page with its View menu shortcut, pressed on the focused widget."""
    spec = PAGES[PAGE_INDEX["world_page"]]
    assert spec.shortcut == "Ctrl+0"
    window.activateWindow()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_0, CTRL)  # type: ignore[attr-defined]
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: window.stack.currentIndex() == PAGE_INDEX["world_page"], timeout=3000)
    page = window.world_page  # type: ignore[attr-defined]
    assert isinstance(page, WorldPage)
    return page


def click_commodity(page: WorldPage, qtbot: object, commodity: str) -> None:
    item = next(page.list.item(i) for i in range(page.list.count())
                if page.list.item(i).data(Qt.ItemDataRole.UserRole) == commodity)
    assert not item.isHidden(), f"{commodity} is filtered away"
    page.list.scrollToItem(item)
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton,  # type: ignore
                     pos=page.list.visualItemRect(item).center())


def type_search(page: WorldPage, qtbot: object, text: str) -> None:
    """Type into the search box as a user does (Japanese as an input method commits it)."""
    page.search.setFocus()
    page.search.selectAll()
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
    for char in text:
        if char.isascii():
            qtbot.keyClick(page.search, char)  # type: ignore[attr-defined]
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(page.search, commit)


def visible_charts(page: WorldPage) -> list[WorldChart]:
    return [c for c in page.charts if c.isVisibleTo(page)]


def test_rare_earths_found_by_typing_china_mines_most(window: MainWindow,
                                                        qtbot: object) -> None:
    page = open_page(window, qtbot)
    # the project's commodities come first, under their own heading
    assert page.listed()[0] in {"Rare Earths", "Copper", "Gallium"}
    assert set(page.project_commodities()) == {"Rare Earths", "Copper", "Gallium"}
    assert page.listed()[:3] == page.project_commodities()
    type_search(page, qtbot, "neodymium")  # an alias of the release's commodity
    assert page.listed() == ["Rare Earths"]
    assert page.commodity == "Rare Earths"
    (chart,) = visible_charts(page)
    assert chart.table is not None and chart.table.year == 2025
    assert "Mine production" in chart.title.text() and "2025" in chart.title.text()
    code, name, share = chart.rows()[0]
    assert (code, name) == ("CN", "China") and share == pytest.approx(0.69, abs=0.01)
    assert chart.shown_labels()[0] == "69%"
    assert "metric tons" in page.subtitle.text()
    assert "U.S. Geological Survey" in page.citation.text()
    # the company's mix beside it: declared and effective, and the world's share
    rows = {c: (d, e, w) for c, d, e, w in page.mix_rows()}
    report = window.doc.report
    assert report is not None and report.portfolio is not None
    figures = report.portfolio.set_index("commodity").loc["Rare Earths"]
    assert rows["CN"][0] == pytest.approx(figures["declared_share_by_value"])
    assert rows["CN"][1] == pytest.approx(figures["share_by_value"])
    assert rows["CN"][2] == pytest.approx(0.69, abs=0.01)  # refinery absent: mine shares
    shown = f"{figures['share_by_value']:.0%}"
    assert f"CN China, {shown}" in page.headline.text() and "over" in page.headline.text()
    assert "estimate" in page.note.text()


def test_copper_shows_mine_and_refinery(window: MainWindow, qtbot: object) -> None:
    page = open_page(window, qtbot)
    type_search(page, qtbot, "")
    click_commodity(page, qtbot, "Copper")
    assert page.commodity == "Copper"
    charts = visible_charts(page)
    assert [c.table.statistic for c in charts if c.table] == ["Mine production",
                                                               "Refinery production"]
    assert charts[0].rows()[0][0] == "CL" and charts[1].rows()[0][0] == "CN"
    assert charts[0].rows()[-1][1] == "Other countries"
    # side by side: the same row of the grid
    assert charts[0].geometry().top() == charts[1].geometry().top()
    click_commodity(page, qtbot, "Tungsten")  # not the project's: no purchases
    assert [c.table.commodity for c in visible_charts(page) if c.table] == ["Tungsten"]
    assert page.mix_rows() == []
    assert "buys no Tungsten" in page.headline.text()


def test_page_follows_an_edit_of_sources(window: MainWindow, qtbot: object) -> None:
    page = open_page(window, qtbot)
    click_commodity(page, qtbot, "Copper")
    before = {c: e for c, _d, e, _w in page.mix_rows()}
    assert set(before) == {"DE", "PL"}
    # the German copper wire's origin becomes unknown: look-through spreads it
    table = window.sourcing_page.sources  # type: ignore[attr-defined]
    model = table.model
    report = window.doc.report
    assert report is not None
    src = report.sources
    german = src[(src["item_id"] == "M-CU") & (src["origin_country"] == "DE")]
    supplier = str(german["supplier_id"].iloc[0])
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-CU"
               and model.value(r, "supplier_id") == supplier)
    j = [c.key for c in model.columns].index("origin_country")
    with qtbot.waitSignal(window.doc.reportChanged, timeout=10_000):  # type: ignore
        assert model.setData(model.index(row, j), "unknown", EDIT)
    window.nav.setCurrentRow(PAGE_INDEX["world_page"])
    qtbot.waitUntil(lambda: page.isVisible(), timeout=3000)  # type: ignore[attr-defined]
    after = {c: (d, e) for c, d, e, _w in page.mix_rows()}
    assert "CN" in after and after["CN"][1] > 0.2  # China refines 48% of the world's
    assert after["DE"][0] == pytest.approx(before["DE"])  # declared: still Germany
    assert page.commodity == "Copper"


@pytest.fixture
def ja_window(japanese: None, qtbot: object, prefs: Preferences,
              recovery_dir: Path) -> Iterator[MainWindow]:
    w = MainWindow(Document(planner.load(JA), JA), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(w, before_close_func=_close)  # type: ignore[attr-defined]
    w.resize(1366, 768)
    w.show()
    yield w


def _close(w: MainWindow) -> None:
    w.doc.undo_stack.setClean()  # no "Save changes?" when the test ends
    w.close()
    QApplication.processEvents()


def test_japanese_page(ja_window: MainWindow, qtbot: object) -> None:
    page = open_page(ja_window, qtbot)
    assert page.list.item(0).text() == "このプロジェクトの鉱種"
    type_search(page, qtbot, "レアアース")
    assert page.commodity == "Rare Earths"
    assert page.heading.text() == "レアアース"
    (chart,) = visible_charts(page)
    assert chart.title.text() == "鉱山生産（2025 年）"
    assert chart.rows()[0][1] == "中国"
    assert "推定" in page.note.text()
    type_search(page, qtbot, "")
    click_commodity(page, qtbot, "Copper")
    titles = [c.title.text() for c in visible_charts(page)]
    assert titles == ["鉱山生産（2025 年）", "精錬生産（2025 年）"]
    assert page.mix_model.headers() == ["原産国", "申告ベース", "実質ベース", "世界シェア"]
