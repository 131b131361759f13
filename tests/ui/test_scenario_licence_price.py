"""The Scenarios page's licence review and price spike, driven by clicks and key presses:
a stop with a review shows what the engine computes for the same Stop (and differs from
the stop without it), the review is said and marked on the curves; a price spike alone
or on a stop shows the engine's cost; the presets fill the review and run the price
spike that stands alone; in Japanese no English is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import planner
from planner.analysis.presets import find_preset, load_presets, preset_stop
from planner.analysis.price_spike import PriceSpike, PriceSpikeResult, price_spike
from planner.analysis.scenario import ScenarioResult, Stop, scenario
from planner.core.formatting import money
from tests.ui.test_japanese_scenarios import SAMPLE as JA_SAMPLE
from tests.ui.test_japanese_scenarios import english_left, visible_texts
from ui.editing.document import Document
from ui.pages.scenario_controls import MODES
from ui.pages.scenario_page import ScenarioPage
from ui.qt import QSpinBox, Qt, QWidget

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
RARE_EARTHS = "commodity:Rare Earths"


def open_page(qtbot: Any, path: Path = EV) -> tuple[Document, ScenarioPage]:
    doc = Document(planner.load(path), path)
    page = ScenarioPage(doc)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    qtbot.waitExposed(page)
    return doc, page


def choose_country(page: ScenarioPage, code: str) -> None:
    controls = page.controls
    controls.mode.setCurrentIndex([m for m, _ in MODES].index("country"))
    box = controls.boxes["country"]
    box.setCurrentIndex(box.findData(code))


def type_into(qtbot: Any, box: QSpinBox | QWidget, text: str) -> None:
    """Select what the field holds and type ``text`` over it, as a user does."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def run_with_enter(qtbot: Any, page: ScenarioPage, field: QWidget) -> None:
    with qtbot.waitSignal(page.scenarioShown, timeout=20_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def run_with_click(qtbot: Any, page: ScenarioPage) -> None:
    with qtbot.waitSignal(page.scenarioShown, timeout=20_000):
        qtbot.mouseClick(page.controls.run_button, Qt.MouseButton.LeftButton)


def choose_price_mode(qtbot: Any, page: ScenarioPage, mode: str) -> None:
    """Step the price spike's list with the arrow keys to ``mode``."""
    box = page.controls.price_mode
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentData() != mode:
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"{mode} not offered"


def same_result(shown: ScenarioResult | None, expected: ScenarioResult) -> None:
    assert shown is not None
    assert shown.stop == expected.stop
    pd.testing.assert_frame_equal(shown.materials, expected.materials)
    pd.testing.assert_frame_equal(shown.projection, expected.projection)


def engine_price(doc: Document, spike: PriceSpike, stop: ScenarioResult | None = None
                 ) -> PriceSpikeResult:
    return price_spike(doc.project, doc.results.require_report(), spike, stop,
                       doc.results.plan())


def test_a_licence_review_resumes_part_of_the_stop(qtbot: Any) -> None:
    doc, page = open_page(qtbot)
    controls = page.controls
    choose_country(page, "CN")
    type_into(qtbot, controls.days, "180")
    run_with_enter(qtbot, page, controls.days)
    without = page.result
    assert without is not None and without.stop.review_day is None
    assert page.review_note.isHidden() and page.chart.review_day() is None
    # the review: its fields come alive when it is switched on
    assert not controls.review_day.isEnabled()
    qtbot.mouseClick(controls.review, Qt.MouseButton.LeftButton)
    assert controls.review.isChecked() and controls.review_day.isEnabled()
    assert controls.review_day.value() == 63 and controls.approved.value() == 25
    type_into(qtbot, controls.approved, "50")
    run_with_enter(qtbot, page, controls.approved)
    expected = scenario(doc.project, Stop("country", "CN", 180, name="China", review_day=63,
                                          approved=0.5), report=doc.report)
    same_result(page.result, expected)
    assert page.review_note.isVisible()
    assert page.review_note.text() == ("Licence review: from day 63, 50% of the cut "
                                       "deliveries resume.")
    assert page.chart.review_day() == 63.0
    assert page.chart.review_line.label.toPlainText() == "licence review ends · day 63"
    # the review changes what runs out: less is short, and the shortfall is the engine's
    m, before = expected.materials, without.materials
    assert m["shortfall"].sum() < before["shortfall"].sum()
    tts = m.set_index("item_id")["time_to_survive_days"]
    tts_before = before.set_index("item_id")["time_to_survive_days"]
    assert not tts.equals(tts_before.reindex(tts.index))
    shown = page.materials_table.table_model.frame
    np.testing.assert_allclose(shown["shortfall"].to_numpy(dtype=float),
                               m["shortfall"].to_numpy(dtype=float))
    # a shorter stop keeps the review within it
    type_into(qtbot, controls.days, "40")
    assert controls.review_day.value() == 40
    # switched off again, the stop is the plain one
    qtbot.mouseClick(controls.review, Qt.MouseButton.LeftButton)
    type_into(qtbot, controls.days, "180")
    run_with_enter(qtbot, page, controls.days)
    same_result(page.result, without)
    assert page.review_note.isHidden() and page.chart.review_day() is None


def test_a_price_spike_alone_shows_the_engines_cost(qtbot: Any) -> None:
    doc, page = open_page(qtbot)
    controls = page.controls
    assert not controls.target.isEnabled()
    choose_price_mode(qtbot, page, "alone")
    assert controls.target.isEnabled() and not controls.days.isEnabled()
    # the target typed as the list writes it, the factor and the length typed
    line = controls.target.lineEdit()
    assert line is not None
    type_into(qtbot, line, "Rare Earths (commodity)")
    type_into(qtbot, controls.factor, "5")
    type_into(qtbot, controls.price_days, "365")
    run_with_click(qtbot, page)
    expected = engine_price(doc, PriceSpike(RARE_EARTHS, 5.0, 365))
    assert expected.extra_cost > 0 and len(expected.materials) >= 1
    assert page.priced is not None and page.result is None
    assert page.card_text("extra_cost") == money(expected.extra_cost, "EUR")
    assert page.card_text("avoided_by_stock") == money(expected.avoided_by_stock, "EUR")
    assert page.card_text("avoided_by_orders") == money(expected.avoided_by_orders, "EUR")
    assert page.card_text("net_extra_cost") == money(expected.net_extra_cost, "EUR")
    assert page.card_text("plan_extra_cost") == money(expected.plan_extra_cost, "EUR")
    pd.testing.assert_frame_equal(page.price_table.table_model.frame, expected.materials)
    assert page.tabs.currentWidget() is page.price_table
    assert page.tabs.tabText(3) == f"Price spike ({len(expected.materials)})"
    assert page.stop_row.isHidden() and page.price_row.isVisible()
    assert "Price spike on Rare Earths (commodity): 5 times the price for 365 days" in (
        page.message.text())
    # an item ID typed in: that material alone
    item = str(expected.materials["item_id"].iloc[0])
    type_into(qtbot, line, item)
    run_with_enter(qtbot, page, controls.price_days)
    one = engine_price(doc, PriceSpike(item, 5.0, 365))
    assert page.card_text("extra_cost") == money(one.extra_cost, "EUR")
    assert list(page.price_table.table_model.frame["item_id"]) == [item]
    # then a stop without a spike: its own results show, not the hidden spike's tab
    choose_price_mode(qtbot, page, "off")
    choose_country(page, "CN")
    run_with_click(qtbot, page)
    assert page.result is not None and page.priced is None
    assert page.tabs.currentWidget() is page.materials_table


def test_a_price_spike_on_a_stop_prices_the_stopped_sources(qtbot: Any) -> None:
    doc, page = open_page(qtbot)
    controls = page.controls
    choose_country(page, "CN")
    type_into(qtbot, controls.days, "365")
    choose_price_mode(qtbot, page, "stop")
    run_with_click(qtbot, page)
    stop = scenario(doc.project, Stop("country", "CN", 365, name="China"), report=doc.report)
    same_result(page.result, stop)
    expected = engine_price(doc, PriceSpike(RARE_EARTHS, 5.0, 365), stop)
    alone = engine_price(doc, PriceSpike(RARE_EARTHS, 5.0, 365))
    assert 0 < expected.extra_cost < alone.extra_cost  # some rare earths come elsewhere
    assert page.card_text("extra_cost") == money(expected.extra_cost, "EUR")
    assert page.stop_row.isVisible() and page.price_row.isVisible()
    assert page.chart.isVisible()
    # no price spike: its cards and tab go
    choose_price_mode(qtbot, page, "off")
    run_with_click(qtbot, page)
    assert page.priced is None and page.price_row.isHidden()
    assert not page.tabs.isTabVisible(3)


def test_the_presets_bring_their_review_and_their_price_spike(qtbot: Any) -> None:
    doc, page = open_page(qtbot)
    controls = page.controls
    presets = load_presets()
    controls.mode.setCurrentIndex([m for m, _ in MODES].index("preset"))
    box = controls.boxes["preset"]
    # a licence regime fills the review
    box.setCurrentIndex(box.findData("cn-rare-earths-2025"))
    licence = find_preset(presets, "cn-rare-earths-2025")
    assert licence.licence_review_days is not None
    assert controls.review.isChecked()
    assert controls.review_day.value() == licence.licence_review_days
    assert controls.approved.value() == round(licence.approved * 100)
    run_with_click(qtbot, page)
    expected = scenario(doc.project, preset_stop(doc.project, licence, report=doc.report),
                        report=doc.report)
    same_result(page.result, expected)
    assert page.review_note.isVisible() and page.chart.review_day() == float(
        licence.licence_review_days)
    # an embargo has none
    box.setCurrentIndex(box.findData("cn-rare-earth-embargo-2010"))
    assert not controls.review.isChecked()
    # the price spike of 2011 runs as a price spike, not as a stop
    box.setCurrentIndex(box.findData("rare-earth-price-spike-2011"))
    spike = find_preset(presets, "rare-earth-price-spike-2011").price
    assert spike is not None
    assert controls.price_mode.currentData() == "alone"
    assert not controls.price_mode.isEnabled()  # it has nothing else to run
    assert controls.hint.text().startswith("A price spike on ")
    run_with_click(qtbot, page)
    assert controls.error.isHidden() and page.result is None
    expected_price = engine_price(doc, spike)
    assert page.priced is not None and page.priced.spike == spike
    assert page.card_text("extra_cost") == money(expected_price.extra_cost, "EUR")
    # back to a stop: the preset's price spike goes with it
    box.setCurrentIndex(box.findData("cn-rare-earth-embargo-2010"))
    assert controls.price_mode.currentData() == "off" and controls.price_mode.isEnabled()
    run_with_click(qtbot, page)
    assert page.result is not None and page.priced is None


def test_licence_review_and_price_spike_read_in_japanese(japanese: None, qtbot: Any) -> None:
    doc, page = open_page(qtbot, JA_SAMPLE)
    controls = page.controls
    choose_country(page, "CN")
    type_into(qtbot, controls.days, "180")
    qtbot.mouseClick(controls.review, Qt.MouseButton.LeftButton)
    choose_price_mode(qtbot, page, "stop")
    run_with_click(qtbot, page)
    assert page.result is not None and page.priced is not None
    assert page.review_note.text().startswith("輸出許可審査：63 日目から")
    assert "日目" in page.chart.review_line.label.toPlainText()
    names = " ".join(doc.project.items["name"].dropna().astype(str))  # the buyer's text

    def ours(texts: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
        return [(what, text, left) for what, text, words in english_left(texts)
                if (left := [w for w in words if w not in names])]

    assert ours(visible_texts(page)) == []
    page.tabs.setCurrentWidget(page.price_table)
    assert ours(visible_texts(page)) == []
    assert page.card_text("extra_cost").startswith("¥")
