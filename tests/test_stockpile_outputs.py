"""How much stock is worth holding, as the printed summary and the plan workbook give it:
the summary's "Where stock protects most" lists the materials where a unit of holding
cost avoids the most expected loss, with the engine's figures; the workbook's "Stockpile
sizing" sheet carries every sized material, read back as numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import planner
from planner.analysis.plan import Plan
from planner.analysis.stockpile import StockpileResult, stockpile
from planner.outputs.plan_workbook import write_plan_workbook
from planner.outputs.summary import Grid, build_summary, stockpile_grid
from planner.results import Results

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
TITLE = "Where stock protects most"


def hand_made(ratios: list[float]) -> StockpileResult:
    """Materials A, B, C … with a daily use of 10, a unit value of 2 and a 20% holding
    cost: holding cost a year = 0.2 × 20 × d = 4 d; the loss curves are set so that the
    recommended days and the ratios are known."""
    n = len(ratios)
    ids = [chr(ord("A") + i) for i in range(n)]
    days = np.arange(366, dtype=float)
    holding = np.tile(4.0 * days, (n, 1))
    loss = np.zeros((n, 366))
    recommended = [30] * n
    for i in range(n):
        loss[i, :30] = (30 - days[:30]) * 100.0  # 3,000 a year with no stock
    m = pd.DataFrame({
        "item_id": ids, "name": [f"Material {i}" for i in ids], "unit": ["kg"] * n,
        "daily_use": [10.0] * n, "unit_value": [2.0] * n, "on_hand": [150.0] * n,
        "current_days": [15.0] * n, "target_days": [60.0] * n,
        "recommended_days": recommended, "jogmec_days": [60] * n,
        "holding_cost_per_year": [120.0] * n, "expected_loss_per_year": [0.0] * n,
        "expected_loss_per_year_at_zero": [3000.0] * n,
        "loss_avoided_per_holding_cost": ratios,
        # 15 days now, 30 recommended: 15 to add, 1,500 of loss at today's stock
        "days_to_add": [15.0] * n, "quantity_to_add": [150.0] * n,
        "expected_loss_per_year_now": [1500.0] * n,
        "loss_avoided_per_added_holding_cost": ratios})
    stops = pd.DataFrame({"label": ["country:CN"], "name": ["China"], "by": ["country"],
                          "days": [90], "likelihood_per_year": [0.1]})
    return StockpileResult(dt.date(2026, 11, 2), "EUR", 0.2, stops, m, holding, loss)


@pytest.fixture(scope="module")
def sample() -> tuple[Results, StockpileResult]:
    results = Results(planner.load(EV))
    return results, stockpile(results.project, report=results.report,
                              ranking=results.ranking())


def test_the_summary_section_lists_the_materials_where_stock_protects_most() -> None:
    # 3,000 avoided by 120 of holding cost: 25×; D has none to avoid (no holding cost)
    grid = stockpile_grid(hand_made([25.0, 12.5, 2.0, float("nan")]))
    assert grid is not None and grid.title == TITLE
    titles = [t for t, _w, _a in grid.columns]
    assert titles == ["Material", "Days now", "Target", "Recommended", "To add",
                      "Holding cost", "Loss, stock now", "Avoided ÷ cost"]
    assert [r[0] for r in grid.rows] == ["Material A", "Material B", "Material C"]
    assert grid.rows[0] == ["Material A", "15", "60", "30", "15", "120", "1,500", "25×"]
    assert grid.rows[1][-1] == "12.5×"
    assert "20% of the recommended stock's value" in grid.note
    assert "money in EUR a year" in grid.note and "60 days" in grid.note


def test_the_section_shows_the_first_eight_and_says_so() -> None:
    grid = stockpile_grid(hand_made([float(20 - i) for i in range(11)]))
    assert grid is not None and len(grid.rows) == 8
    assert "The first 8 of 11 materials are shown." in grid.note


def test_no_section_when_no_stock_is_worth_holding() -> None:
    assert stockpile_grid(hand_made([float("nan"), 0.0])) is None


def test_the_printed_summary_carries_the_engine_sizing(
        sample: tuple[Results, StockpileResult]) -> None:
    results, sized = sample
    summary = build_summary(results.project, results.require_report(), None,
                            results.ranking())
    grids: dict[str, Grid] = {g.title: g for g in summary.grids}
    assert TITLE in grids  # sized here with the ranking when none is given
    m = sized.materials
    worth = m[m["loss_avoided_per_added_holding_cost"] > 0]  # short of the recommended
    grid = grids[TITLE]
    assert [r[0] for r in grid.rows] == worth["name"].head(5).tolist()
    top = worth.iloc[0]
    assert grid.rows[0][3] == f"{int(top['recommended_days']):,}"
    assert grid.rows[0][5] == f"{top['holding_cost_per_year']:,.0f}"
    # without a ranking there is no sizing (and no section)
    plain = build_summary(results.project, results.require_report())
    assert TITLE not in [g.title for g in plain.grids]


@pytest.fixture(scope="module")
def book(sample: tuple[Results, StockpileResult], tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Path, Plan]]:
    results, sized = sample
    plan = results.plan()
    path = tmp_path_factory.mktemp("stock") / "plan.xlsx"
    write_plan_workbook(plan, path, ranking=results.ranking(), stockpile=sized)
    yield path, plan


def test_the_workbook_has_a_stockpile_sizing_sheet_read_back_as_numbers(
        book: tuple[Path, Plan], sample: tuple[Results, StockpileResult]) -> None:
    path, _plan = book
    sized = sample[1]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "Stockpile sizing"
    ws = wb["Stockpile sizing"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:9] == ["Rank", "Item", "Name", "Loss avoided per unit of holding added",
                          "Recommended (days)", "To add (days)", "Target (days)",
                          "JOGMEC (days)", "Now (days)"]
    m = sized.materials
    body = rows[1:1 + len(m)]
    assert [r[1] for r in body] == m["item_id"].tolist()  # the engine's order
    at = {h: i for i, h in enumerate(header)}
    for r, (_, e) in zip(body, m.iterrows(), strict=True):
        assert r[at["Recommended (days)"]] == e["recommended_days"]
        assert r[at["JOGMEC (days)"]] == 60
        assert r[at["Holding cost a year"]] == pytest.approx(e["holding_cost_per_year"])
        assert r[at["Expected loss a year"]] == pytest.approx(e["expected_loss_per_year"])
        assert r[at["Expected loss a year with no stock"]] == pytest.approx(
            e["expected_loss_per_year_at_zero"])
        added = e["loss_avoided_per_added_holding_cost"]
        assert r[at["Loss avoided per unit of holding added"]] == (
            None if pd.isna(added) else pytest.approx(added))
    # today's days below the recommended ones are coloured, the header stays in view
    assert ws.freeze_panes == "D2"
    rules = [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules]
    assert any("<E2" in f for f in rules)


def test_without_a_sizing_there_is_no_such_sheet(book: tuple[Path, Plan],
                                                  tmp_path: Path) -> None:
    _path, plan = book
    path = tmp_path / "plain.xlsx"
    write_plan_workbook(plan, path)
    assert "Stockpile sizing" not in openpyxl.load_workbook(path).sheetnames


def test_the_sheet_in_japanese(japanese: None, book: tuple[Path, Plan],
                               sample: tuple[Results, StockpileResult],
                               tmp_path: Path) -> None:
    _path, plan = book
    path = tmp_path / "ja.xlsx"
    write_plan_workbook(plan, path, stockpile=sample[1])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "備蓄量の検討"
    header = next(wb["備蓄量の検討"].iter_rows(max_row=1, values_only=True))
    assert "推奨在庫日数" in header
    grid = stockpile_grid(sample[1])
    assert grid is not None and grid.title == "備蓄が最も効く材料"
