"""The Scenarios page shows what the engine computes for a stop: the cards are its
summary, the curves its projection, the tables its tables. Presets run, the ranking runs
in the background and a double-click shows its stop, and an edit re-runs the scenario."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import planner
from planner.analysis.presets import find_preset, load_presets, preset_stop
from planner.analysis.scenario import ScenarioError, ScenarioResult, Stop, rank, scenario
from planner.core.formatting import day, money, quantity, survival
from planner.inputs import editing
from planner.outputs.scenario_reports import scenario_summary
from ui.editing.commands import SetCells
from ui.editing.document import Document
from ui.pages import scenario_controls
from ui.pages.scenario_controls import MODES, Request
from ui.pages.scenario_page import ScenarioPage
from ui.qt import QPoint, Qt

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
SEMI = SAMPLES / "semiconductor_equipment.xlsx"


@pytest.fixture(params=[EV, SEMI], ids=["ev", "semi"])
def sample(request: pytest.FixtureRequest) -> Path:
    return request.param


def open_page(qtbot: object, path: Path = EV) -> tuple[Document, ScenarioPage]:
    doc = Document(planner.load(path), path)
    page = ScenarioPage(doc)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)  # type: ignore[attr-defined]
    return doc, page


def choose(page: ScenarioPage, mode: str, key: str, days: int | None = None,
           cut: int | None = None) -> None:
    page.controls.mode.setCurrentIndex([m for m, _ in MODES].index(mode))
    box = page.controls.boxes[mode]
    assert box.findData(key) >= 0, f"{key} not offered"
    box.setCurrentIndex(box.findData(key))
    if days is not None:
        page.controls.days.setValue(days)
    if cut is not None:
        page.controls.cut.setValue(cut)


def engine(doc: Document, stop: Stop) -> ScenarioResult:
    return scenario(doc.project, stop, report=doc.report)


def same_result(shown: ScenarioResult | None, expected: ScenarioResult) -> None:
    assert shown is not None
    assert shown.stop == expected.stop
    pd.testing.assert_frame_equal(shown.materials, expected.materials)
    pd.testing.assert_frame_equal(shown.products, expected.products)
    pd.testing.assert_frame_equal(shown.projection, expected.projection)


def test_the_cards_are_the_engines_summary(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    choose(page, "country", "CN", 90, 100)
    page.run()
    expected = engine(doc, Stop("country", "CN", 90, name="China"))
    same_result(page.result, expected)
    summary = scenario_summary(expected)
    assert page.summary == summary
    assert summary["materials_out"] >= 1  # the samples run out of something
    assert page.card_text("first_stockout_days") == day(summary["first_stockout_days"])
    assert page.card_text("materials_out") == (
        f"{summary['materials_out']} of {summary['materials_hit']}")
    assert page.card_text("products_stopped") == (
        f"{summary['products_stopped']} of {len(expected.products)}")
    assert page.card_text("units_lost") == quantity(summary["units_lost"])  # as in the rows
    assert page.card_text("revenue_at_risk") == money(summary["revenue_at_risk"], "EUR")
    assert page.card_text("revenue_at_risk").startswith("EUR ")


def test_curves_draw_each_hit_material_and_its_stockout(qtbot: object, sample: Path
                                                        ) -> None:
    doc, page = open_page(qtbot, sample)
    choose(page, "country", "CN", 90)
    page.run()
    result = engine(doc, Stop("country", "CN", 90))
    m = result.materials
    assert (m["daily_use"] > 0).all()  # so every hit material has a line
    lines = page.chart.lines()
    assert [i for i, _, _ in lines] == list(m["item_id"])
    for item_id, x, y in lines:
        use = float(m.set_index("item_id").loc[item_id, "daily_use"])
        np.testing.assert_array_equal(x, np.arange(91))
        np.testing.assert_allclose(y, result.projection[item_id].to_numpy() / use)
    out = m[m["time_to_survive_days"].notna()]
    assert len(out) >= 1
    expected = sorted((str(i), float(t), 0.0)
                      for i, t in zip(out["item_id"], out["time_to_survive_days"], strict=True))
    shown = sorted(page.chart.stockouts())
    assert [i for i, _, _ in shown] == [i for i, _, _ in expected]
    assert [x for _, x, _ in shown] == pytest.approx([x for _, x, _ in expected])
    assert [y for _, _, y in shown] == [0.0] * len(expected)
    assert page.chart.end_line.value() == 90
    assert "daily use" in page.chart.plot.getAxis("left").labelText


def test_tables_are_the_engines_tables(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    choose(page, "country", "CN", 90)
    page.run()
    result = engine(doc, Stop("country", "CN", 90))
    materials = page.materials_table.table_model
    pd.testing.assert_frame_equal(materials.frame, result.materials)
    assert materials.rowCount() == len(result.materials)
    keys = [c.key for c in materials.columns]
    for r, tts in enumerate(result.materials["time_to_survive_days"]):
        text = materials.data(materials.index(r, keys.index("time_to_survive_days")))
        assert text == survival(tts)  # as the card and the chart write it
        assert materials.value(r, "item_id") == result.materials["item_id"].iloc[r]
    products = page.products_table.table_model
    pd.testing.assert_frame_equal(products.frame[list(result.products.columns)],
                                  result.products)
    binding = products.frame["binding"].iloc[0]
    assert binding.endswith(f"({result.products['binding_material'].iloc[0]})")
    assert page.tabs.tabText(0) == f"Materials hit ({len(result.materials)})"


def test_a_supplier_stop_with_a_partial_cut(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    choose(page, "supplier", "SUP-QRM", 30, 50)
    page.run()
    name = doc.project.suppliers.set_index("supplier_id").loc["SUP-QRM", "name"]
    expected = engine(doc, Stop("supplier", "SUP-QRM", 30, 0.5, name=str(name)))
    same_result(page.result, expected)
    assert "50% cut" in page.chart.title.text()


def test_a_preset_runs(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    presets = load_presets()
    box = page.controls.boxes["preset"]
    assert box.count() == len(presets)
    preset_id = "cn-rare-earth-embargo-2010" if sample == EV else "cn-gallium-germanium-2023"
    choose(page, "preset", preset_id)
    preset = find_preset(presets, preset_id)
    assert page.controls.days.value() == preset.days  # a preset brings its length and cut
    assert page.controls.cut.value() == round(preset.cut * 100)
    assert "material" in box.currentText()
    page.run()
    stop = preset_stop(doc.project, preset, report=doc.report)
    assert stop.materials
    same_result(page.result, engine(doc, stop))
    assert set(page.result.materials["item_id"]) <= set(stop.materials)
    assert page.chart.title.text().startswith(preset.title)


def test_enter_runs_the_stop(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    choose(page, "country", "CN", 45)
    page.controls.days.setFocus()
    qtbot.keyClick(page.controls.days, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    same_result(page.result, engine(doc, Stop("country", "CN", 45, name="China")))


def test_the_ranking_runs_in_the_background_and_a_double_click_shows_its_stop(
        qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.rank_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        # the button returned before the ranking was done: it runs off the UI thread
        assert page.ranking is None
        assert not page.rank_button.isEnabled()
        assert page.rank_progress.isVisible()
    assert page.rank_button.isEnabled()
    expected = rank(doc.project, report=doc.report)
    table = page.ranking_table
    pd.testing.assert_frame_equal(table.table_model.frame[list(expected.stops.columns)],
                                  expected.stops)
    assert page.tabs.currentWidget() is table

    row = 1
    view_rect = table.visualRect(table.table_model.index(row, 2))
    # a real double-click is a click and then a double-click event (QTest sends only the
    # second part, which an item view ignores without the first)
    for click in (qtbot.mouseClick, qtbot.mouseDClick):  # type: ignore[attr-defined]
        click(table.viewport(), Qt.MouseButton.LeftButton, pos=view_rect.center())
    stop = expected.stop_at(row)
    assert page.result is not None
    assert (page.result.stop.by, page.result.stop.key, page.result.stop.days) == (
        stop.by, stop.key, stop.days)
    same_result(page.result, engine(doc, page.result.stop))
    assert page.controls.mode.currentData() == stop.by
    assert page.controls.boxes[stop.by].currentData() == stop.key
    assert page.controls.days.value() == stop.days


def test_the_rankings_share_columns_have_one_form(qtbot: object, sample: Path) -> None:
    """The spend share read "44%" beside "15.9%": each share column shows one decimal in
    every row, and the bar leaves room for the widest of them."""
    _, page = open_page(qtbot, sample)
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.rank_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    model = page.ranking_table.table_model
    for key in ("spend_share", "risk_exposure_index"):
        column = [c.key for c in model.columns].index(key)
        shown = [model.data(model.index(r, column)) for r in range(model.rowCount())]
        assert shown and all(re.fullmatch(r"(<0\.1|\d{1,3}\.\d)%", s) for s in shown), shown
    assert "100.0%" in shown  # the worst stop's index


def test_an_edit_reruns_the_shown_scenario(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    choose(page, "country", "CN", 90)
    page.run()
    before = dict(page.summary)
    stock = doc.project.tables["Stock"]
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == "M-TB")[0])
    editing.set_value(doc.project, "Stock", row, "on_hand", 5000.0)  # Terbium now lasts
    doc.recompute()
    after = engine(doc, Stop("country", "CN", 90, name="China"))
    same_result(page.result, after)
    assert page.summary == scenario_summary(after)
    assert page.summary != before
    tts = page.result.materials.set_index("item_id")["time_to_survive_days"]
    assert pd.isna(tts["M-TB"])

    # through an undo command, and its undo
    doc.undo_stack.push(SetCells(doc, "Stock", [(row, "on_hand", 0.0)]))
    assert page.result.materials.set_index("item_id").loc["M-TB",
                                                          "time_to_survive_days"] == 0
    doc.undo_stack.undo()
    assert page.summary == scenario_summary(after)


def test_a_hidden_page_reruns_when_shown(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    choose(page, "country", "CN", 90)
    page.run()
    page.hide()
    stock = doc.project.tables["Stock"]
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == "M-TB")[0])
    doc.undo_stack.push(SetCells(doc, "Stock", [(row, "on_hand", 5000.0)]))
    page.show()
    same_result(page.result, engine(doc, Stop("country", "CN", 90, name="China")))


def test_a_large_project_runs_in_the_background(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    page.background_materials = 0
    choose(page, "country", "CN", 60)
    with qtbot.waitSignal(page.scenarioShown, timeout=10_000):  # type: ignore[attr-defined]
        page.run()
        assert page.result is None
        assert page.controls.busy.isVisible()
    assert not page.controls.busy.isVisible()
    same_result(page.result, engine(doc, Stop("country", "CN", 60, name="China")))


def test_clicking_a_line_selects_its_material(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    choose(page, "country", "CN", 90)
    page.run()
    chart = page.chart
    p = chart.view.mapFromScene(chart.line_scene_pos("M-TB", 10))
    with qtbot.waitSignal(doc.itemSelected, timeout=2000) as blocker:  # type: ignore[attr-defined]
        qtbot.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                         pos=QPoint(p.x(), p.y()))
    assert blocker.args == ["M-TB"]
    assert chart.highlighted == "M-TB"
    assert chart.curves[chart.ids.index("M-TB")].opts["pen"].widthF() > 3
    table = page.materials_table
    assert table.item_at(table.currentIndex().row()) == "M-TB"


def test_hovering_a_line_names_its_material(qtbot: object) -> None:
    _doc, page = open_page(qtbot, EV)
    choose(page, "country", "CN", 90)
    page.run()
    chart = page.chart
    p = chart.view.mapFromScene(chart.line_scene_pos("M-GA", 20))
    for dx in (0, 1):
        qtbot.mouseMove(chart.view.viewport(), QPoint(p.x() + dx, p.y()))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: chart.vb.toolTip() != "", timeout=2000)  # type: ignore[attr-defined]
    tip = chart.vb.toolTip()
    assert tip.startswith("Gallium metal 6N (for GaN epitaxy) (M-GA)")
    assert "runs out on day 46" in tip


def test_a_table_row_selects_its_material_and_highlights_the_curve(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    choose(page, "country", "CN", 90)
    page.run()
    table = page.materials_table
    table.setCurrentIndex(table.table_model.index(2, 0))
    item_id = table.item_at(2)
    assert doc.selected_item == item_id
    assert page.chart.highlighted == item_id


def test_errors_are_shown_in_a_line_not_raised(qtbot: object,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _doc, page = open_page(qtbot, EV)
    page.start(Request("supplier", "SUP-GONE", 90, 1.0))
    assert page.controls.error.isVisible()
    assert "no such supplier" in page.controls.error.text()
    assert page.showing_message()

    def broken(*_a: object, **_k: object) -> list:
        raise ScenarioError("scenarios.json: preset 2: missing keywords")

    monkeypatch.setattr(scenario_controls, "load_presets", broken)
    page.controls.refresh()
    choose_mode = [m for m, _ in MODES].index("preset")
    page.controls.mode.setCurrentIndex(choose_mode)
    assert "missing keywords" in page.controls.hint.text()
    page.run()
    assert "missing keywords" in page.controls.error.text()


def test_a_stop_that_hits_nothing_says_so(qtbot: object) -> None:
    _doc, page = open_page(qtbot, EV)
    page.start(Request("country", "IS", 90, 1.0))  # Iceland supplies nothing here
    assert page.result is not None and page.result.materials.empty
    assert page.showing_message()
    assert "hits nothing" in page.message.text()
    assert page.card_text("materials_out") == "0 of 0"


def test_the_window_has_plan_and_scenarios_pages(window: object, qtbot: object) -> None:
    from ui.shell.registry import PAGES as SPECS

    PAGES = [spec.title for spec in SPECS]
    assert PAGES.index("Scenarios") == PAGES.index("Procurement plan") + 1
    assert PAGES.index("Procurement plan") == PAGES.index("Open orders") + 1
    assert PAGES[-1] == "Settings"
    w = window
    w.nav.setCurrentRow(PAGES.index("Scenarios"))  # type: ignore[attr-defined]
    assert w.stack.currentWidget() is w.scenario_page  # type: ignore[attr-defined]
    w.nav.setCurrentRow(PAGES.index("Procurement plan"))  # type: ignore[attr-defined]
    assert w.stack.currentWidget() is w.plan_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: w.plan_page.plan is not None)  # type: ignore[attr-defined]
    w.nav.setCurrentRow(PAGES.index("Settings"))  # type: ignore[attr-defined]
    assert w.stack.currentWidget() is w.settings_page  # type: ignore[attr-defined]


def test_an_edit_marks_the_ranking_stale(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):  # type: ignore[attr-defined]
        page.rank_all()
    assert "Double-click" in page.rank_note.text()
    stock = doc.project.tables["Stock"]
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == "M-TB")[0])
    doc.undo_stack.push(SetCells(doc, "Stock", [(row, "on_hand", 5000.0)]))
    assert "rank again" in page.rank_note.text()
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):  # type: ignore[attr-defined]
        page.rank_all()
    assert "Double-click" in page.rank_note.text()
    expected = rank(doc.project, report=doc.report)
    pd.testing.assert_frame_equal(
        page.ranking_table.table_model.frame[list(expected.stops.columns)], expected.stops)
