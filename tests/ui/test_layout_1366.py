"""The window at the two common screen sizes, 1366×768 and 1920×1080: no label, button or
field is cut, the BOM tree shows its names whole, the rates' table is not stretched, and in
the dark theme nothing keeps a fixed light colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import planner
from planner.core import palette
from tests.ui.conftest import EV, SEMI, _close_quietly
from ui.common import theme
from ui.editing.document import Document
from ui.pages.exposure_map import ExposureMap
from ui.qt import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFont,
    QFontMetrics,
    QLabel,
    QPalette,
    QPushButton,
    QSpinBox,
    Qt,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
from ui.shell.registry import PAGE_INDEX

SIZES = [(1366, 768), (1920, 1080)]
SIZE_IDS = ["1366x768", "1920x1080"]
FIELDS = (QPushButton, QComboBox, QDoubleSpinBox, QSpinBox, QDateEdit)


def open_window(qtbot: object, prefs: Preferences, folder: Path, path: Path,
                size: tuple[int, int]) -> MainWindow:
    w = MainWindow(Document(planner.load(path), path), prefs=prefs,
                   autosaver=Autosaver(folder))
    qtbot.addWidget(w, before_close_func=_close_quietly)  # type: ignore[attr-defined]
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)  # type: ignore[attr-defined]
    return w


def go_to(window: MainWindow, page_id: str, qtbot: object) -> Any:
    """Show a page as a user does, through the navigation list."""
    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    page = getattr(window, page_id)
    qtbot.waitUntil(page.isVisible)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return page


def clipped(page: QWidget) -> list[str]:
    """The labels, buttons and fields on ``page`` narrower (or, wrapped, lower) than their
    text needs."""
    cut = []
    for w in page.findChildren(QWidget):
        if not w.isVisible() or w.window() is not page.window():
            continue
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if w.height() < w.heightForWidth(w.width()):
                    cut.append(f"label {w.text()!r}: {w.height()} px high, needs "
                               f"{w.heightForWidth(w.width())}")
            elif w.width() < w.sizeHint().width():
                cut.append(f"label {w.text()!r}: {w.width()} < {w.sizeHint().width()}")
        elif isinstance(w, FIELDS) and w.width() < w.sizeHint().width():
            text = w.currentText() if isinstance(w, QComboBox) else (
                w.text() if hasattr(w, "text") else w.objectName())
            cut.append(f"{type(w).__name__} {text!r}: {w.width()} < {w.sizeHint().width()}")
    return cut


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("path", [EV, SEMI], ids=["ev", "semi"])
def test_nothing_on_the_plan_page_is_cut(qtbot: object, prefs: Preferences,
                                         recovery_dir: Path, path: Path,
                                         size: tuple[int, int]) -> None:
    window = open_window(qtbot, prefs, recovery_dir, path, size)
    page = go_to(window, "plan_page", qtbot)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=10_000)  # type: ignore
    QApplication.processEvents()
    assert clipped(page) == []
    # the parameters' labels are short; their tooltips say what they are
    supplier = page.fields["max_supplier_share"]
    label = next(lb for lb in page.findChildren(QLabel) if lb.buddy() is supplier)
    assert "Max supplier share" in label.toolTip()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_nothing_on_the_scenario_and_settings_pages_is_cut(
        qtbot: object, prefs: Preferences, recovery_dir: Path, size: tuple[int, int]) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, size)
    assert clipped(go_to(window, "settings_page", qtbot)) == []
    page = go_to(window, "scenario_page", qtbot)
    page.run()
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)  # type: ignore
    assert clipped(page) == []


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("path", [EV, SEMI], ids=["ev", "semi"])
def test_the_bom_tree_shows_whole_names(qtbot: object, prefs: Preferences,
                                        recovery_dir: Path, path: Path,
                                        size: tuple[int, int]) -> None:
    window = open_window(qtbot, prefs, recovery_dir, path, size)
    page = go_to(window, "bom_page", qtbot)
    tree, header = page.tree, page.tree.header()
    for column, title in enumerate(page.tree_model.HEADERS):
        need = max(tree.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= need, title
    # every column in view, none scrolled off to the right
    assert header.length() <= tree.viewport().width()
    # the kind of an item, no longer a column, is its tooltip
    first = page.tree_model.index(0, 0)
    assert "(product)" in str(first.data(Qt.ItemDataRole.ToolTipRole))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_rates_currency_column_is_not_stretched(qtbot: object, prefs: Preferences,
                                                     recovery_dir: Path,
                                                     size: tuple[int, int]) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, size)
    page = go_to(window, "settings_page", qtbot)
    view = page.rates.view
    header = view.horizontalHeader()
    bold_font = QFont(header.font())
    bold_font.setWeight(QFont.Weight.DemiBold)
    title = QFontMetrics(bold_font).horizontalAdvance("Currency")
    assert title <= header.sectionSize(0) <= title + 60  # its title whole, little more
    # the rates sit beside the settings' form, not under it across the page
    assert page.rates_box.geometry().left() > page.fields["currency"].geometry().right()


# --- colours -------------------------------------------------------------------------------
@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    style = qapp.style().name()
    yield
    theme.apply("light", qapp)
    qapp.setStyleSheet("")
    qapp.setStyle(style)
    qapp.setProperty("stockpile_themed", False)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
@pytest.mark.parametrize("name", ["dark", "high contrast"])
def test_the_plan_page_and_exposure_map_take_the_dark_themes(
        qtbot: object, prefs: Preferences, recovery_dir: Path, name: str,
        restore_theme: None) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, (1366, 768))
    window.theme_actions[name].trigger()  # View → Theme, before the pages are built
    scheme = palette.SCHEMES[name]
    plan = go_to(window, "plan_page", qtbot)
    qtbot.waitUntil(lambda: plan.plan is not None, timeout=10_000)  # type: ignore
    chart = plan.chart
    assert chart.backgroundBrush().color().name() == scheme.base
    assert chart.before.opts["brush"] == scheme.before
    assert chart.after.opts["brush"] == scheme.after
    assert chart.cap.pen.color().name() == scheme.status_text["critical"]
    dashboard = go_to(window, "dashboard", qtbot)
    exposure_map = dashboard.findChildren(ExposureMap)[0]
    assert exposure_map.view.backgroundBrush().color().name() == scheme.base
    for line in (exposure_map.cap, exposure_map.target):
        assert line.pen.color().name() == scheme.line
    assert exposure_map.danger_label.color.name() == scheme.status_text["critical"]
    # no widget of either page keeps a light background in a dark theme
    for page in (plan, exposure_map):
        for w in [page, *page.findChildren(QWidget)]:
            if w.isVisible():
                window_colour = w.palette().color(QPalette.ColorRole.Window)
                assert window_colour.lightness() < 128, (type(w).__name__, w.objectName())


# --- titles, column widths and room ----------------------------------------------------------
@pytest.mark.parametrize(("page_id", "title"), [("suppliers_page", "Suppliers"),
                                                ("orders_page", "Open orders")])
def test_a_table_page_has_its_title_like_the_other_pages(
        qtbot: object, prefs: Preferences, recovery_dir: Path, page_id: str,
        title: str) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, (1366, 768))
    page = go_to(window, page_id, qtbot)
    heading = page.heading
    assert heading.isVisible() and heading.text() == title
    assert heading.objectName() == "sectionTitle"  # styled as the Forecast page's title
    assert heading.geometry().bottom() < page.view.geometry().top()
    # a table inside a tab is named by its tab: no second title there
    bom = go_to(window, "bom_page", qtbot)
    assert not bom.items_page.heading.isVisible()


def section_of(view: Any, key: str) -> int:
    keys = [c.key for c in view.model().columns]
    return int(view.horizontalHeader().sectionSize(keys.index(key)))


def title_width(view: Any, title: str) -> int:
    bold_font = QFont(view.horizontalHeader().font())
    bold_font.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(bold_font).horizontalAdvance(title)


def test_codes_keep_their_fitted_width_and_names_take_the_room(
        qtbot: object, prefs: Preferences, recovery_dir: Path) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, (1920, 1080))
    sourcing = go_to(window, "sourcing_page", qtbot)
    view = sourcing.sources.view
    assert section_of(view, "currency") <= title_width(view, "Currency") + 60
    suppliers = go_to(window, "suppliers_page", qtbot)
    view = suppliers.view
    assert section_of(view, "country") <= title_width(view, "Country") + 60
    assert section_of(view, "name") > view.viewport().width() // 2  # the room went here
    items = go_to(window, "bom_page", qtbot).items_page.view
    for key, title in (("currency", "Currency"), ("unit", "Unit"), ("kind", "Kind")):
        assert section_of(items, key) <= title_width(items, title) + 60, key
    # a table with no names (the plan's origin countries): the country code is not
    # stretched over the page's width either
    plan = go_to(window, "plan_page", qtbot)
    qtbot.waitUntil(lambda: plan.plan is not None, timeout=10_000)  # type: ignore
    plan.tabs.setCurrentIndex(3)
    QApplication.processEvents()
    view = plan.countries.view
    assert section_of(view, "origin_country") <= title_width(view, "Origin country") + 60


def test_the_plan_charts_each_keep_a_readable_height_with_the_frontier(
        qtbot: object, prefs: Preferences, recovery_dir: Path) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, (1366, 768))
    page = go_to(window, "plan_page", qtbot)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=10_000)  # type: ignore
    qtbot.mouseClick(page.frontier_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: page.frontier_task is None, timeout=60_000)  # type: ignore
    QApplication.processEvents()
    assert page.frontier.isVisible()
    # the mix keeps room for its country labels (about 20 px each), the frontier for its
    # axes and its note; neither overlaps the other
    assert page.chart.height() >= 200
    assert page.frontier.height() >= page.frontier.minimumHeight() >= 180
    mix = page.chart.mapTo(page, page.chart.rect().bottomLeft()).y()
    assert mix < page.frontier_status.mapTo(page, page.frontier_status.rect().topLeft()).y()
    # the line between them moves, but never squeezes either chart below its least height
    split = page.chart_split
    assert split.orientation() == Qt.Orientation.Vertical
    total = sum(split.sizes())
    for sizes in ([total - 10, 10], [10, total - 10]):
        split.setSizes(sizes)
        QApplication.processEvents()
        assert page.frontier.height() >= 180 and page.chart.height() >= 180


def test_the_rates_table_is_as_tall_as_its_rows(qtbot: object, prefs: Preferences,
                                                recovery_dir: Path) -> None:
    window = open_window(qtbot, prefs, recovery_dir, EV, (1920, 1080))
    page = go_to(window, "settings_page", qtbot)
    view = page.rates.view
    rows = view.model().rowCount()
    need = (view.horizontalHeader().height() + rows * view.rowHeight(0)
            + 2 * view.frameWidth())
    assert need <= view.height() <= need + 2 * view.rowHeight(0)
    # a new row makes it grow (up to a limit, then it scrolls)
    page.rates.add_row()
    QApplication.processEvents()
    assert view.height() >= need + view.rowHeight(0)
