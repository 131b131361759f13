"""Themes: every text the window draws reads on its background in light, dark and high
contrast; the choice is kept; "follow the desktop" follows it; no country wears a status
colour.

Readability is measured on the pixels drawn (the widget grabbed offscreen): the most
frequent colour of a region is its background, the pixel farthest from it in contrast is
its text, and the two must have a WCAG contrast ratio of at least 4.5.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from planner.core import palette
from ui.common import theme
from ui.editing.models import SORT_ROLE
from ui.qt import QApplication, QComboBox, QLabel, QPushButton, QRect, QSettings, Qt, QWidget
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.registry import PAGE_INDEX, TABLE_PAGE

THEMES = ("light", "dark", "high contrast")


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    """Each test starts from the application as other tests know it, and leaves it so."""
    style = qapp.style().name()
    yield
    theme.apply("light", qapp)
    qapp.setStyleSheet("")
    qapp.setStyle(style)
    qapp.setProperty("stockpile_themed", False)


def hex_of(rgb: np.ndarray) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(v) for v in rgb))


def ink_and_paper(widget: QWidget, rect: QRect | None = None) -> tuple[str, str]:
    """The text and background colours drawn in ``rect`` of ``widget`` (all of it)."""
    image = (widget.grab() if rect is None else widget.grab(rect)).toImage()
    image = image.convertToFormat(image.Format.Format_RGB32)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, -1, 4)
    pixels = data[:, :width, 2::-1].reshape(-1, 3)  # BGRA in memory: keep R, G, B
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    paper = hex_of(colours[np.argmax(counts)])
    ratios = [palette.contrast(hex_of(c), paper) for c in colours]
    return hex_of(colours[int(np.argmax(ratios))]), paper


def assert_reads(widget: QWidget, rect: QRect | None = None, what: str = "") -> None:
    ink, paper = ink_and_paper(widget, rect)
    ratio = palette.contrast(ink, paper)
    assert ratio >= 4.5, f"{what}: {ink} on {paper} has a contrast of {ratio:.2f}"


def choose(window: MainWindow, name: str, qtbot: object) -> None:
    """Pick a theme as a user does: View → Theme → the entry."""
    window.theme_actions[name].trigger()
    qtbot.wait(20)  # type: ignore[attr-defined]


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
@pytest.mark.parametrize("name", THEMES)
def test_every_text_reads_on_its_background(window: MainWindow, qtbot: object, name: str,
                                             restore_theme: None) -> None:
    window.resize(1366, 768)
    choose(window, name, qtbot)
    assert theme.current() is palette.SCHEMES[name]

    # a table's cells and headers (Suppliers), and the status bar
    window.nav.setCurrentRow(TABLE_PAGE["Suppliers"])
    page = window.table_page("Suppliers")
    assert page is not None
    qtbot.wait(20)  # type: ignore[attr-defined]
    view = page.view
    view.clearSelection()
    view.setCurrentIndex(view.model().index(-1, -1))
    cell = view.visualRect(view.model().index(1, 1))
    assert_reads(view.viewport(), cell, "a table cell")
    header = view.horizontalHeader()
    section = QRect(header.sectionViewportPosition(1), 0, header.sectionSize(1),
                    header.height())
    assert_reads(header, section, "a column header")
    window.statusBar().showMessage("Saved the project.")
    qtbot.wait(10)  # type: ignore[attr-defined]
    assert_reads(window.statusBar(), None, "the status bar")

    # a cell with a problem (an unknown item in the Demand table)
    window.nav.setCurrentRow(TABLE_PAGE["Demand"])
    demand = window.table_page("Demand")
    assert demand is not None
    model = demand.model
    column = next(i for i, c in enumerate(model.columns) if c.key == "item_id")
    assert model.setData(model.index(0, column), "NOPE-1", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: bool(window.doc.marks.get("Demand")))  # type: ignore[attr-defined]
    demand.view.clearSelection()
    demand.view.setCurrentIndex(model.index(-1, -1))
    demand.view.scrollTo(model.index(0, column))
    qtbot.wait(20)  # type: ignore[attr-defined]
    rect = demand.view.visualRect(model.index(0, column))
    ink, paper = ink_and_paper(demand.view.viewport(), rect)
    assert paper == palette.SCHEMES[name].problem_background["error"]
    assert palette.contrast(ink, paper) >= 4.5, (ink, paper)
    # the fill stands out from an ordinary cell
    assert palette.contrast(paper, palette.SCHEMES[name].base) >= 1.3
    window.doc.undo_stack.undo()

    # the plan page: its title, its buttons and its drop-down's highlighted entry
    plan = window.page(7)
    window.nav.setCurrentRow(7)
    qtbot.wait(50)  # type: ignore[attr-defined]
    titles = [w for w in plan.findChildren(QLabel) if w.objectName() == "sectionTitle"
              and w.isVisible()]
    assert titles
    assert_reads(titles[0], None, "a page title")
    buttons = [b for b in plan.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert buttons
    for button in buttons[:2]:
        assert_reads(button, button.rect().adjusted(2, 2, -2, -2), f"button {button.text()}")
    combo = next(c for c in plan.findChildren(QComboBox) if c.isVisible())
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)  # type: ignore[attr-defined]
    popup = combo.view()
    row = popup.model().index(combo.count() - 1, 0)
    popup.setCurrentIndex(row)
    qtbot.wait(20)  # type: ignore[attr-defined]
    ink, paper = ink_and_paper(popup.viewport(), popup.visualRect(row))
    assert paper == palette.SCHEMES[name].selection, "the highlighted entry is not filled"
    assert palette.contrast(ink, paper) >= 4.5, (ink, paper)
    combo.hidePopup()


@pytest.mark.parametrize("name", THEMES)
def test_charts_take_the_theme(window: MainWindow, qtbot: object, name: str,
                               restore_theme: None) -> None:
    choose(window, name, qtbot)
    dashboard = window.page(0)
    scheme = palette.SCHEMES[name]
    for chart in (dashboard.cover_chart, dashboard.mix_chart):
        assert chart.view.backgroundBrush().color().name() == scheme.base
        ticks = chart.plot.getAxis("bottom").textPen().color().name()
        assert palette.contrast(ticks, scheme.base) >= 4.5
    # the status fills of the cover bars are the theme's, and the status is written too
    bars = dashboard.cover_chart.bars.opts["brushes"]
    rows = dashboard.cover_chart.rows()
    assert [pgc if isinstance(pgc, str) else pgc.color().name() for pgc in bars] == [
        scheme.status[r.status] for r in rows]
    assert "critical" in dashboard.cover_chart.key.text()


def test_the_theme_is_kept(window: MainWindow, qtbot: object, prefs: Preferences,
                           tmp_path: Path, restore_theme: None) -> None:
    assert prefs.theme == "system"
    assert window.theme_actions["system"].isChecked()
    choose(window, "dark", qtbot)
    assert window.theme_actions["dark"].isChecked()
    again = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    assert again.theme == "dark"
    other = MainWindow(window.doc, prefs=again)
    qtbot.addWidget(other)  # type: ignore[attr-defined]
    assert other.theme_actions["dark"].isChecked()
    assert not other.theme_actions["system"].isChecked()


def test_following_the_desktop(window: MainWindow, qtbot: object, qapp: QApplication,
                               restore_theme: None) -> None:
    choose(window, "system", qtbot)
    hints = qapp.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is palette.DARK
    assert qapp.palette().color(qapp.palette().ColorRole.Base).name() == palette.DARK.base
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() is palette.LIGHT
    # a theme chosen by name stays, whatever the desktop does
    choose(window, "high contrast", qtbot)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() is palette.HIGH_CONTRAST


def test_no_country_wears_a_status_colour() -> None:
    statuses = {c for s in palette.SCHEMES.values()
                for c in (*s.status.values(), *s.status_text.values())}
    countries = [*palette.COUNTRY.values(), *palette.FALLBACK, palette.UNKNOWN_COUNTRY]
    assert not statuses & set(countries)
    for colour in countries:
        assert palette.status_clash(colour) >= 25, colour
    for code in ("CN", "NL", "JP", "PL", "BR", "ZZ", "XY"):
        assert palette.status_clash(palette.country_colour(code)) >= 25, code


def scene_rect_in(view: QWidget, item: object) -> QRect:
    """Where a chart item (a label) is drawn in ``view``'s pixels."""
    polygon = view.mapFromScene(item.sceneBoundingRect())  # type: ignore[attr-defined]
    return polygon.boundingRect().adjusted(1, 1, -1, -1)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
@pytest.mark.parametrize("name", THEMES)
def test_the_scenario_labels_and_risk_bars_read_in_every_theme(
        window: MainWindow, qtbot: object, name: str, restore_theme: None) -> None:
    window.resize(1366, 768)
    choose(window, name, qtbot)
    scheme = palette.SCHEMES[name]
    index = PAGE_INDEX["scenario_page"]
    window.nav.setCurrentRow(index)
    page = window.page(index)
    with qtbot.waitSignal(page.scenarioShown):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.controls.run_button,  # type: ignore[attr-defined]
                         Qt.MouseButton.LeftButton)
    qtbot.wait(50)  # type: ignore[attr-defined]
    chart = page.chart
    # each stock-out's name, and the stop's end, read on the plot as drawn
    labels = chart.labels.items[:chart.labels.used]
    assert len(labels) >= 2
    for label in [*labels, chart.end_line.label]:
        rect = scene_rect_in(chart.view, label)
        assert_reads(chart.view, rect, f"the chart label {label.toPlainText()}")
        paper = ink_and_paper(chart.view, rect)[1]
        assert palette.contrast(paper, scheme.base) < 1.2, (
            f"{label.toPlainText()}: drawn on {paper}, not on the plot's {scheme.base}")
    # the marker rings and the reference lines are the theme's
    assert chart.markers.opts["pen"].color().name() == scheme.base
    assert chart.zero_line.pen.color().name() == scheme.zero_line
    # the risk ranking's bars: the empty part is not a light box on a dark table
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.rank_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    table = page.ranking_table
    table.clearSelection()
    table.setCurrentIndex(table.model().index(-1, -1))
    column = [c.key for c in table.table_model.columns].index("risk_exposure_index")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data(SORT_ROLE)
               < 0.7)  # a bar with an empty part
    table.scrollTo(model.index(row, column))
    qtbot.wait(20)  # type: ignore[attr-defined]
    cell = table.visualRect(model.index(row, column))
    bar_end = cell.right() - 6 - table.fontMetrics().horizontalAdvance("100.0%") - 8
    empty = QRect(bar_end - 12, cell.top() + 7, 10, cell.height() - 14)
    assert ink_and_paper(table.viewport(), empty)[1] == scheme.grid
    assert_reads(table.viewport(), cell.adjusted(cell.width() - 50, 2, -2, -2), "a risk index")
