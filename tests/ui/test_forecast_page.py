"""The Forecast page and the exchange rates, as a user types into them."""

from __future__ import annotations

import calendar
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QInputMethodEvent

import planner
from ui.editing.document import Document
from ui.qt import QAbstractItemView, QApplication, QComboBox, Qt, QWidget
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEMI = SAMPLES / "semiconductor_equipment.xlsx"
DISPLAY = Qt.ItemDataRole.DisplayRole


def editor_of(qtbot: object, view: QAbstractItemView) -> QWidget:
    """The editor open in the current cell of ``view``."""
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: view.indexWidget(view.currentIndex()) is not None)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    return editor


def type_into_cell(qtbot: object, view: QAbstractItemView, text: str) -> None:
    """Type ``text`` into the current cell of ``view`` as a user does, then press Enter."""
    qtbot.keyClick(view, text[0])  # type: ignore[attr-defined]  # any key opens the editor
    editor = editor_of(qtbot, view)
    if isinstance(editor, QComboBox):  # a list with typing allowed: type into its line
        editor = editor.lineEdit()
    for char in text[1:]:
        if char.isascii():
            qtbot.keyClick(editor, char)  # type: ignore[attr-defined]
        else:  # what a Japanese input method sends once a character is chosen
            QApplication.sendEvent(editor, QInputMethodEvent("", []))
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(editor, commit)
    press_enter(qtbot, view, editor)


def press_enter(qtbot: object, view: QAbstractItemView, editor: QWidget) -> None:
    """Enter in a cell editor; the view commits it when its queued call runs. In a list
    with a completion shown, the first Enter takes the completion, as for a user."""
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        qtbot.wait(20)  # type: ignore[attr-defined]
        if view.state() != QAbstractItemView.State.EditingState:
            return
    raise AssertionError("Enter did not close the cell editor")


def open_page(window: MainWindow, page_id: str) -> QWidget:
    from ui.shell.registry import PAGE_INDEX

    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    page: QWidget = getattr(window, page_id)
    return page


def test_a_month_typed_into_the_forecast_shows_as_yyyy_mm_and_undo_restores(
        window: MainWindow, qtbot: object) -> None:
    page = open_page(window, "forecast_page")
    table = page.table  # type: ignore[attr-defined]
    model, view = table.model, table.view
    assert model.rowCount() > 0, "the EV sample has a forecast"
    month = [c.key for c in model.columns].index("month")
    index = model.index(0, month)
    before = model.data(index, DISPLAY)
    assert len(before) == 7 and before[4] == "-"  # shown as yyyy-mm, not as a date
    view.setFocus()
    view.setCurrentIndex(index)
    type_into_cell(qtbot, view, "2031/01")
    assert model.data(model.index(0, month), DISPLAY) == "2031-01"
    assert str(window.doc.project.forecast["month"].iloc[0].date()) == "2031-01-01"
    view.setCurrentIndex(model.index(0, month))
    type_into_cell(qtbot, view, "2031年2月")
    assert model.data(model.index(0, month), DISPLAY) == "2031-02"
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert model.data(model.index(0, month), DISPLAY) == before


def test_a_month_that_names_none_is_refused_and_changes_nothing(
        window: MainWindow, qtbot: object) -> None:
    table = open_page(window, "forecast_page").table  # type: ignore[attr-defined]
    model, view = table.model, table.view
    month = [c.key for c in model.columns].index("month")
    before = window.doc.project.forecast.copy()
    view.setFocus()
    view.setCurrentIndex(model.index(0, month))
    qtbot.keyClick(view, "2")  # type: ignore[attr-defined]
    editor = editor_of(qtbot, view)
    qtbot.keyClicks(editor, "027-13")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "2027-13" in model.last_error)  # type: ignore[attr-defined]
    assert model.last_error.startswith("Forecast!B2: month must be a month")
    # the cell opens again with what was typed, as a spreadsheet does; Escape gives up
    qtbot.keyClick(editor_of(qtbot, view), Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert window.doc.project.forecast.equals(before)
    assert not window.doc.undo_stack.canUndo()


def test_the_chart_has_one_bar_per_month_of_the_engine_profile(window: MainWindow) -> None:
    page = open_page(window, "forecast_page")
    chart = page.chart  # type: ignore[attr-defined]
    window.doc.select_item("P-TM150")
    profile = window.doc.report.profile  # type: ignore[union-attr]
    assert profile is not None
    expected = profile.monthly("P-TM150")
    labels = chart.month_labels()
    assert len(labels) == len(chart.bars.opts["x"]) == len(chart.requirement())
    assert labels[:len(expected)] == [str(m)[:7] for m in expected["month"]]
    assert chart.requirement()[:len(expected)] == pytest.approx(
        expected["requirement"].to_numpy())
    # choosing a material in the list redraws for it; its stock is drawn down month by month
    window.doc.select_item("M-ND")
    assert page.current_item == "M-ND"  # type: ignore[attr-defined]
    stock = float(window.doc.project.stock.set_index("item_id").at["M-ND", "on_hand"])
    on_hand = chart.on_hand()
    assert on_hand[0] == stock
    assert on_hand[1:] == pytest.approx(np.maximum(stock - np.cumsum(chart.requirement()), 0))
    assert (chart.with_orders() >= on_hand).all()


def test_without_a_forecast_the_chart_shows_the_demand_rate(
        qtbot: object, prefs: Preferences, recovery_dir: Path) -> None:
    w = MainWindow(Document(planner.load(SEMI), SEMI), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.show()
    page = open_page(w, "forecast_page")
    assert w.doc.report is not None and w.doc.report.profile is None
    w.doc.select_item("M-GE")
    daily = float(w.doc.report.items.set_index("item_id").at["M-GE", "daily_use"])
    chart = page.chart  # type: ignore[attr-defined]
    labels = chart.month_labels()
    assert labels[0] == "2026-11" and len(labels) == 12 == len(chart.bars.opts["x"])
    days = [calendar.monthrange(int(m[:4]), int(m[5:]))[1] for m in labels]
    days[0] -= 1  # the as-of month counts from 2 November
    assert chart.requirement() == pytest.approx(np.array(days) * daily)
    assert "No forecast" in page.note.text()  # type: ignore[attr-defined]


def test_the_settings_page_takes_a_rate_and_reads_a_small_letter_code(
        window: MainWindow, qtbot: object) -> None:
    page = open_page(window, "settings_page")
    rates = page.rates  # type: ignore[attr-defined]
    assert "EUR for one unit" in page.rates_note.text()  # type: ignore[attr-defined]
    known = set(window.doc.project.rates["currency"])
    code = next(c for c in ("CHF", "GBP", "SEK", "NOK") if c not in known)
    view = rates.view
    view.setFocus()
    rates.add_row()  # the new row's first cell is current, not opened (Ctrl+V pastes rows)
    qtbot.keyClick(view, code[0].lower())  # type: ignore[attr-defined]  # typing opens it
    combo = editor_of(qtbot, view)
    assert isinstance(combo, QComboBox)  # a list of codes, and typing is allowed
    qtbot.keyClicks(combo.lineEdit(), code[1:].lower())  # type: ignore[attr-defined]
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: code in set(window.doc.project.rates["currency"]))  # type: ignore[attr-defined]
    assert view.currentIndex().column() == 1  # Tab moved on to the rate
    type_into_cell(qtbot, view, "0.91")
    table = window.doc.project.rates.set_index("currency")
    assert table.at[code, "rate"] == pytest.approx(0.91)
    model = rates.model
    shown = [model.data(model.index(r, 0), DISPLAY) for r in range(model.rowCount())]
    assert code in shown and code.lower() not in shown
    while window.doc.undo_stack.canUndo():  # the row, the code and the rate
        window.actions["undo"].trigger()
    assert code not in set(window.doc.project.rates["currency"])
    assert not any(p.sheet == "Rates" for p in window.doc.errors())


def test_a_currency_typed_in_small_letters_on_sources_reads_as_its_code(
        window: MainWindow, qtbot: object) -> None:
    sources = open_page(window, "sourcing_page").sources  # type: ignore[attr-defined]
    model, view = sources.model, sources.view
    column = [c.key for c in model.columns].index("currency")
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    type_into_cell(qtbot, view, "eur")
    position = model.position(0)
    assert window.doc.project.sources["currency"].iloc[position] == "EUR"
    assert model.data(model.index(0, column), DISPLAY) == "EUR"
    window.actions["undo"].trigger()
    assert model.data(model.index(0, column), DISPLAY) == "CNY"  # as the sample quotes it
