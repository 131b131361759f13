"""The whole window in Japanese, as a Japanese buyer sees it at 1366×768: every page of the
navigation (and every tab on it), the menus, the status bar and the editable tables (their
headers, header tooltips, tool rows, right-click menu, cells of fixed words, and the Edit
menu's Undo once a cell is typed over) keep no English word beyond ids, codes, units,
canonical column names and the project's own data."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox

from planner.inputs.schema import SETTINGS, SHEETS
from planner.inputs.usgs import SOURCE
from tests.ui.conftest import SAMPLES
from tests.ui.test_layout_1366 import clipped, go_to, open_window
from ui.common.theme import status_colour
from ui.editing.table_page import TablePage
from ui.qt import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    Qt,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.registry import PAGES

JA = SAMPLES / "motors_actuators_ja.xlsx"
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
# Latin letters a Japanese window keeps: codes (countries, currencies, ids such as SUP-QRM),
# units, abbreviations a Japanese buyer uses as they are, file names and formats, key names
ALLOWED = re.compile(
    r"^(?:[A-Z]{1,4}\d*|[A-Z][a-z]?\d*|[A-Z0-9]+(?:-[A-Z0-9]+)+|kg|mm|ms|pcs|HHI|TTS|TTR"
    r"|MOQ|RFQ|CSV|PDF|Excel|JSON|JOGMEC|CRMA|Ctrl|Shift|Enter|Stockpile|Planner"
    r"|[\w.\-]+\.(?:xlsx|csv|stockpile|pdf))$")
# the canonical names a header tooltip gives beside the Japanese one: 員数（qty_per）
CANONICAL = {c.name for s in SHEETS for c in s.columns} | {s.key for s in SETTINGS}
OWN_NAMES = {"English"}  # View → Language lists each language in its own name
EN_PAGE_WORDS = re.compile(r"\b(?:Add row|Delete rows|Search|rows?|Undo|Sum|Count|Name)\b")


@pytest.fixture
def window(japanese: None, qtbot: object, prefs: Preferences, recovery_dir: Path,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    w = open_window(qtbot, prefs, recovery_dir, JA, (1366, 768))
    monkeypatch.setattr(w.files, "maybe_save", lambda: True)  # edits are left unsaved
    return w


def data_words(window: MainWindow) -> set[str]:
    """The Latin words of the project's own data: item and supplier names, categories,
    units and the company name (the buyer's text, not ours)."""
    p = window.doc.project
    texts = [*p.items["name"].dropna().astype(str), *p.suppliers["name"].dropna().astype(str),
             *p.items["category"].dropna().astype(str), *p.items["unit"].dropna().astype(str),
             str(p.settings.company or "")]
    # a bibliographic reference is quoted as published (the USGS release on World supply)
    texts.append(SOURCE)
    return {w for text in texts for w in WORD.findall(text)}


def english(texts: Iterable[tuple[str, str]], allowed: set[str]) -> list[str]:
    """The texts that keep an English word, each with where it was seen."""
    left = []
    for where, text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
        words = [w for w in WORD.findall(plain)
                 if len(w) > 1 and not ALLOWED.match(w) and w not in allowed]
        if words:
            left.append(f"{where}: {plain!r} -> {words}")
    return left


def header_texts(view: QTableView | QTreeView) -> list[tuple[str, str]]:
    """A view's column titles and their tooltips."""
    model = view.model()
    out = []
    for c in range(model.columnCount()):
        for role, what in ((Qt.ItemDataRole.DisplayRole, "header"),
                           (Qt.ItemDataRole.ToolTipRole, "header tooltip")):
            value = model.headerData(c, Qt.Orientation.Horizontal, role)
            if value:
                out.append((what, str(value)))
    return out


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text a user reads under ``root``: labels, buttons, group titles, tabs, combo
    items, placeholders, tooltips, and the column titles and tooltips of its tables."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        kind = type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            out.append((kind, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        elif isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [("combo item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append(("placeholder", w.placeholderText()))
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            out += header_texts(w)
        out.append((f"{kind} tooltip", w.toolTip()))
    return [(where, text) for where, text in out if text]


def menu_texts(menu: QWidget, where: str) -> list[tuple[str, str]]:
    """The texts of a menu bar's or menu's actions, submenus included."""
    out = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        out.append((where, action.text()))
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            out += menu_texts(submenu, f"{where} → {action.text()}")
    return out


def every_tab(page: QWidget) -> Iterator[None]:
    """Show each tab of each tab widget on ``page`` in turn (the page as it is, first)."""
    yield
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            yield
        tabs.setCurrentIndex(first)


def table_pages(window: MainWindow) -> list[TablePage]:
    return [p for p in window.findChildren(TablePage) if p.isVisible()]


def test_every_page_in_japanese(window: MainWindow, qtbot: object) -> None:
    allowed = data_words(window) | CANONICAL | OWN_NAMES
    left: list[str] = []
    seen_tables: set[str] = set()
    for spec in PAGES:
        page = go_to(window, spec.id, qtbot)
        if spec.id == "plan_page":  # its figures are made on first show
            qtbot.waitUntil(lambda p=page: p.plan is not None, timeout=20_000)  # type: ignore
            QApplication.processEvents()
        for _ in every_tab(page):
            left += [f"{spec.title}: {line}" for line in english(visible_texts(page), allowed)]
            seen_tables |= {p.table for p in table_pages(window)}
        assert window.nav.currentItem().text() == spec.title
    left += english(menu_texts(window.menuBar(), "menu") + [
        (f"menu {a.text()}", a.text()) for a in window.menuBar().actions()], allowed)
    left += english(visible_texts(window.statusBar()), allowed)
    assert left == []
    # every template table was seen, on its page or tab
    assert seen_tables >= {"Items", "BOM", "Demand", "Forecast", "Stock", "Suppliers",
                           "Sources", "Orders", "Rates"}


def test_table_pages_read_as_japanese(window: MainWindow, qtbot: object) -> None:
    """The template tables name their columns as a Japanese template does, give the
    canonical name in the tooltip, and show fixed words (kind, status) in Japanese while
    they still sort and colour by the engine's keys."""
    page = go_to(window, "bom_page", qtbot)
    items: TablePage = page.items_page
    titles = [str(items.model.headerData(c, Qt.Orientation.Horizontal))
              for c in range(items.model.columnCount())]
    assert titles[:4] == ["品目コード", "品名", "区分", "単位"]
    tip = str(items.model.headerData(2, Qt.Orientation.Horizontal,
                                     Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("区分（kind）\n") and tip.endswith("（必須）")
    kinds = {items.model.data(items.model.index(r, 2)) for r in range(items.model.rowCount())}
    assert kinds == {"製品", "部品", "材料"}
    assert items.search.placeholderText() == "品目を検索…"
    assert items.count.text() == f"{items.model.rowCount()} 行"

    materials = go_to(window, "materials_page", qtbot)
    model = materials.figures.model
    keys = [c.key for c in model.columns]
    j = keys.index("status")
    shown = {model.data(model.index(r, j)) for r in range(model.rowCount())}
    assert shown <= {"危険", "目標未達", "目標達成"} and "危険" in shown
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, j)) == "危険")
    colour = model.data(model.index(row, j), Qt.ItemDataRole.ForegroundRole)
    assert colour is not None and colour == status_colour("critical")
    basis = {model.data(model.index(r, keys.index("safety_stock_basis")))
             for r in range(model.rowCount())}
    assert "入力値" in basis and "given" not in basis
    assert english([(f"tip {k}", str(model.headerData(
        i, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or ""))
        for i, k in enumerate(keys)], data_words(window) | CANONICAL) == []

    dashboard = go_to(window, "dashboard", qtbot)
    assert dashboard.card_text("below_target").endswith(" / 10")
    assert dashboard.cards["below_target"].caption.text() == "目標在庫日数を下回る材料"
    key = dashboard.mix_chart.footer.text()
    assert "中国" in key and "China" not in key
    assert clipped(dashboard) == []


def test_typing_into_stock_undoes_in_japanese(window: MainWindow, qtbot: object) -> None:
    """Typing over a Stock cell as a buyer does gives Edit → Undo in Japanese; the
    right-click menu and the status bar's sum of a selection are Japanese too."""
    page = go_to(window, "materials_page", qtbot)
    stock: TablePage = page.stock
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore
    column = [c.key for c in stock.model.columns].index("on_hand")
    index = stock.model.index(0, column)
    stock.view.scrollTo(index)
    qtbot.mouseClick(stock.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore
                     pos=stock.view.visualRect(index).center())
    assert stock.view.currentIndex() == index
    for key in [*"1234", Qt.Key.Key_Return]:  # typed over the cell, then Enter
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key)  # type: ignore[attr-defined]
        qtbot.wait(20)  # type: ignore[attr-defined]  # Qt commits an editor by a queued call
    qtbot.waitUntil(lambda: window.doc.undo_stack.count() == 1)  # type: ignore
    assert window.doc.project.tables["Stock"]["on_hand"].iloc[
        stock.model.position(0)] == 1234
    undo = window.actions["undo"]  # type: ignore[index]
    edit_menu = next(m for a in window.menuBar().actions()
                     if isinstance(m := a.menu(), QMenu) and undo in m.actions())
    assert edit_menu.title() == "編集(&E)"
    assert undo.text() == "セルの編集を元に戻す(&U)"  # the step first, as Japanese says it
    assert english([("undo", undo.text())], set()) == []

    menu = stock.context_menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "切り取り", "コピー", "貼り付け", "上に行を挿入", "行の削除", "下方向へコピー"]
    menu.deleteLater()

    stock.view.selectionModel().select(
        stock.model.index(0, column), stock.view.selectionModel().SelectionFlag.Select)
    stock.view.selectionModel().select(
        stock.model.index(1, column), stock.view.selectionModel().SelectionFlag.Select)
    qtbot.waitUntil(lambda: stock.figures != "")  # type: ignore[attr-defined]
    assert stock.figures.startswith("合計: ")
    assert "平均: " in stock.figures and "データの個数: " in stock.figures
    assert english(visible_texts(window.statusBar()), set()) == []
    assert not EN_PAGE_WORDS.search(stock.figures + stock.count.text())
