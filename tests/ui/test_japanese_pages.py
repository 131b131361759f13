"""The window in Japanese, page by page, as a user sees it at 1366×768: the start page, the
navigation, the dashboard's charts, Products & BOM, Forecast and the Procurement plan (with
its plan and its frontier made) show no English word beyond ids, units and codes, and no
label or button is cut."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pytest

from tests.ui.conftest import SAMPLES
from tests.ui.test_layout_1366 import clipped, go_to, open_window
from ui.editing.table_page import TablePage
from ui.pages.charts import ChartPanel
from ui.qt import (
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    Qt,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences

JA = SAMPLES / "motors_actuators_ja.xlsx"
WORD = re.compile(r"[A-Za-z][A-Za-z_.\-]*[A-Za-z0-9]|[A-Za-z]")
# what Japanese text may keep in Latin letters: codes (ISO countries and currencies, ids
# such as SUP-QRM), units, abbreviations a Japanese buyer uses as they are, file formats
ALLOWED = re.compile(
    r"^(?:[A-Z]{1,4}\d*|[A-Z][a-z]?\d*|[A-Z0-9]+(?:-[A-Z0-9]+)+|kg|mm|ms|pcs|HHI|TTS|TTR"
    r"|MOQ|RFQ|CSV|PDF|Excel|JSON|xlsx|stockpile|Stockpile|Planner|qty_per)$")


@pytest.fixture
def window(japanese: None, qtbot: object, prefs: Preferences,
           recovery_dir: Path) -> MainWindow:
    return open_window(qtbot, prefs, recovery_dir, JA, (1366, 768))


def english(texts: Iterable[str], data: set[str]) -> list[str]:
    """The texts that keep an English word: not a code, unit or abbreviation, nor a word
    of the project's own data (its item and supplier names)."""
    left = []
    for text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
        words = [w for w in WORD.findall(plain)
                 if len(w) > 1 and not ALLOWED.match(w) and w not in data]
        if words:
            left.append(f"{plain!r}: {words}")
    return left


def data_words(window: MainWindow) -> set[str]:
    """The Latin words of the project's item and supplier names (data, not our text)."""
    p = window.doc.project
    names = [*p.items["name"].dropna().astype(str), *p.suppliers["name"].dropna().astype(str)]
    return {w for name in names for w in WORD.findall(name)}


def _ours(widget: QWidget) -> bool:
    """Whether ``widget`` is drawn by the pages tested here, not inside a template table's
    page (its own strings are translated and tested with ui/editing)."""
    parent = widget
    while parent is not None:
        if isinstance(parent, TablePage):
            return False
        parent = parent.parentWidget()
    return True


def visible_texts(root: QWidget) -> list[str]:
    """The visible labels, buttons, tabs, combo items and column titles under ``root``."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or not _ours(w):
            continue
        if isinstance(w, QLabel | QPushButton):
            texts.append(w.text())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
    return [t for t in texts if t]


def chart_texts(chart: Any) -> list[str]:
    """The words drawn in a chart: axis titles, its legend, and the labels of its lines
    and areas (pyqtgraph draws them, not Qt widgets)."""
    plot = chart.plot if isinstance(chart, ChartPanel) else chart.getPlotItem()
    texts = [plot.getAxis(side).labelText for side in ("left", "bottom")]
    for item in plot.items:
        if isinstance(item, pg.TextItem) and item.isVisible():
            texts.append(item.toPlainText())
        elif isinstance(item, pg.InfiniteLine) and getattr(item, "label", None) is not None:
            texts.append(item.label.toPlainText())
    if plot.legend is not None:
        texts += [label.text for _, label in plot.legend.items]
    return [t for t in texts if t]


def test_start_page_and_navigation_in_japanese(window: MainWindow, qtbot: object) -> None:
    data = data_words(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:3] == ["ダッシュボード", "製品・部品表", "需要予測"]
    assert "調達計画" in titles
    assert english(titles, data) == []
    window.show_start_page()
    qtbot.waitUntil(window.start_page.isVisible)  # type: ignore[attr-defined]
    page = window.start_page
    samples = [a.text() for a in page.sample_menu.actions()]
    assert samples == ["EV用モーター・風力発電機", "モーター・アクチュエーター（日本）",
                       "半導体製造装置"]
    assert english([*visible_texts(page), *samples], set()) == []
    assert clipped(page) == []


def test_dashboard_charts_in_japanese(window: MainWindow, qtbot: object) -> None:
    page = go_to(window, "dashboard", qtbot)
    data = data_words(window)
    charts = (page.cover_chart, page.mix_chart, page.exposure_map)
    texts = [t for chart in charts for t in [*visible_texts(chart), *chart_texts(chart)]
             # the country names of the mix's key are the dashboard's to give
             if t != page.mix_chart.footer.text()]
    assert "在庫日数と目標" in texts and "供給リスクマップ" in texts
    assert english(texts, data) == []


def test_products_and_bom_in_japanese(window: MainWindow, qtbot: object) -> None:
    page = go_to(window, "bom_page", qtbot)
    data = data_words(window)
    window.doc.select_item("M-NDPR")  # fills "where used" and the products that use it
    QApplication.processEvents()
    assert page.used_title.text().startswith("使用先：M-NDPR")
    tip = str(page.tree_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith("（製品）")
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert english(visible_texts(page), data) == []
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "品目", "部品表", "需要", "代替品", "製品別リスク", "原産国含有"]
    assert clipped(page) == []


def test_forecast_in_japanese(window: MainWindow, qtbot: object) -> None:
    page = go_to(window, "forecast_page", qtbot)
    data = data_words(window)
    texts = [*visible_texts(page), *chart_texts(page.chart)]
    assert "月別所要量と在庫" in texts
    assert english(texts, data) == []
    assert clipped(page) == []


def test_procurement_plan_in_japanese(window: MainWindow, qtbot: object) -> None:
    page = go_to(window, "plan_page", qtbot)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20_000)  # type: ignore
    QApplication.processEvents()
    data = data_words(window)
    assert page.status.text().endswith("ms）")  # the plan's parameters, in Japanese
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert english(visible_texts(page), data) == [], page.tabs.tabText(tab)
    assert clipped(page) == []
    # the engine's words in Japanese beside the English ones kept for scripts
    model = page.lines.model
    keys = [c.key for c in model.columns]
    assert "action_text" in keys and "action" not in keys
    actions = {model.shown(keys.index("action_text"), i) for i in range(len(model.frame))}
    assert actions <= {"今すぐ発注", "後日発注"} and "今すぐ発注" in actions
    assert page.cards["late"].value.text() == f"{page.plan.late_lines:,}"  # type: ignore

    qtbot.mouseClick(page.frontier_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: page.frontier_task is None, timeout=60_000)  # type: ignore
    QApplication.processEvents()
    texts = [page.frontier_status.text(), *chart_texts(page.frontier),
             *chart_texts(page.chart)]
    assert "最大原産国の購入額比率" in texts
    assert english(texts, data) == []
