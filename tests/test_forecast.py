"""Demand that changes month by month (docs/definitions.md: forecast and forward cover),
against numbers computed by hand.

Each project is conftest.BASE with a Forecast sheet, written to a workbook and read back.
BASE is as of 2026-11-02 (so November counts 29 days: the 2nd to the 30th), horizon 90 days
(29 in November, 31 in December, 30 in January), target 60 days. Its requirements:

    P1 own 100/day, P2 1/day, C1 own 2.4/day
    C2 = P1 + 2 × 1.05 × P2 = P1 + 2.1
    C1 = 3 × 1.1 × C2 + own C1 = 3.3 × C2 + own C1
    M1 = 0.3 × 1.02 × C1 = 0.306 × C1,   M2 = 0.05 × C1
    M3 = 4 × P1 + 1.5 × C2 = 5.5 × P1 + 3.15          (553.15 at P1 = 100)
    M5 = 0.5 × P2 = 0.5
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner.analysis.plan import make_plan
from planner.analysis.scenario import Stop, scenario
from planner.cli import main

REL = 1e-9


def approx(value: float) -> object:
    return pytest.approx(value, rel=REL, abs=1e-9)


def m3(p1: float) -> float:
    """M3's requirement per day when P1's own demand is p1 (P2 at 1 a day)."""
    return 5.5 * p1 + 3.15


def sheets_with(forecast: list[list[object]], **stock: float) -> Sheets:
    """BASE with these Forecast rows (item_id, month, quantity) and on-hand changes."""
    sheets: Sheets = copy.deepcopy(BASE)
    sheets["Forecast"] = [["item_id", "month", "quantity"], *forecast]
    for row in sheets["Stock"][1:]:
        if row[0] in stock:
            row[1] = stock[row[0]]
    return sheets


def book(tmp_path: Path, forecast: list[list[object]], **stock: float) -> planner.Project:
    """The project of sheets_with(forecast, **stock), through a workbook."""
    return planner.load(write_book(tmp_path / "forecast.xlsx", sheets_with(forecast, **stock)))


# P1 ramps up: 4,800 in November (÷ 30 days = 160 a day), 6,200 in December (÷ 31 = 200)
RAMP = [["P1", "2026-11", 4800], ["P1", dt.date(2026, 12, 1), 6200]]


def test_a_ramp_up_shortens_the_cover_from_60_to_36_days(tmp_path: Path) -> None:
    # M3 on hand 33,189 = 60 days at the flat 553.15 a day
    flat = planner.compute(book(tmp_path, [], M3=33189)).materials.set_index("item_id")
    assert flat.loc["M3", "days_of_cover"] == approx(60.0)
    report = planner.compute(book(tmp_path, RAMP, M3=33189))
    got = report.materials.set_index("item_id").loc["M3"]
    # November: 29 days × m3(160) = 29 × 883.15 = 25,611.35 used, 7,577.65 left;
    # December: m3(200) = 1,103.15 a day, 7,577.65 / 1,103.15 = 6.869 days → 35.87
    assert got["days_of_cover"] == approx(29 + (33189 - 29 * m3(160)) / m3(200))
    assert got["days_of_cover"] == pytest.approx(35.869, abs=1e-3)
    # with orders: 5,000 + 3,000 (overdue) + 1,000 (day 90) = 9,000 more, 42,189:
    # 42,189 − 25,611.35 = 16,577.65 left in December (31 × 1,103.15 would be 34,197.65)
    assert got["days_of_cover_with_orders"] == approx(
        29 + (42189 - 29 * m3(160)) / m3(200))
    # daily use: the average over the 90 days, January at the Demand rate (100 a day):
    # P1 (29 × 160 + 31 × 200 + 30 × 100) / 90 = 13,840 / 90
    assert got["daily_use"] == approx(m3(13840 / 90))
    assert got["status"] == "short"  # 35.9 days < the 60-day target
    items = report.items.set_index("item_id")
    assert items.loc["P1", "own_demand"] == approx(13840 / 90)
    assert items.loc["P1", "daily_use"] == approx(13840 / 90)
    # the window's chart: requirement in each month (November from the as-of date)
    months = report.profile.monthly("M3") if report.profile is not None else None
    assert months is not None
    assert [str(m)[:10] for m in months["month"]] == ["2026-11-01", "2026-12-01"]
    assert months["days"].tolist() == [29, 31]
    assert months["requirement"].tolist() == [approx(29 * m3(160)), approx(31 * m3(200))]


def test_a_month_without_a_forecast_uses_the_demand_rate(tmp_path: Path) -> None:
    # P1: November and January forecast, December not (its Demand rate, 100 a day, holds);
    # P3, a new product with no Demand row, only in January: 0 before
    sheets: Sheets = copy.deepcopy(BASE)
    sheets["Items"].append(["P3", "Pump", "product", "pcs", 900, None])
    sheets["BOM"].append(["P3", "M3", 2, None])
    sheets["Forecast"] = [["item_id", "month", "quantity"], ["P1", "2026-11", 4800],
                          ["P1", "2027/01", 9300], ["P3", "2027-01", 3100]]
    report = planner.compute(planner.load(write_book(tmp_path / "gap.xlsx", sheets)))
    assert report.profile is not None
    p1 = report.profile.monthly("P1")["per_day"].tolist()
    assert p1 == [approx(160.0), approx(100.0), approx(300.0)]  # 4,800/30, rate, 9,300/31
    p3 = report.profile.monthly("P3")["per_day"].tolist()
    assert p3 == [0.0, 0.0, approx(100.0)]  # 3,100 / 31
    # M3 in January: 5.5 × 300 + 3.15 + 2 × 100 (P3)
    assert report.profile.monthly("M3")["per_day"].tolist()[2] == approx(m3(300) + 200)
    # daily use over 90 days: November 29 × m3(160), December 31 × m3(100),
    # January 30 × (m3(300) + 200)
    m = report.materials.set_index("item_id")
    assert m.loc["M3", "daily_use"] == approx(
        (29 * m3(160) + 31 * m3(100) + 30 * (m3(300) + 200)) / 90)


def test_an_as_of_date_in_the_middle_of_a_month(tmp_path: Path) -> None:
    sheets: Sheets = copy.deepcopy(BASE)
    for row in sheets["Settings"]:
        if row[0] == "as_of_date":
            row[1] = dt.date(2026, 11, 16)
    for row in sheets["Stock"]:
        if row[0] == "M3":
            row[1] = 20000
    # 6,000 in November: 200 a day (÷ the 30 days of November, not the 15 counted)
    sheets["Forecast"] = [["item_id", "month", "quantity"], ["P1", "2026-11", 6000]]
    report = planner.compute(planner.load(write_book(tmp_path / "mid.xlsx", sheets)))
    assert report.profile is not None
    assert report.profile.days.tolist() == [15]  # the 16th to the 30th
    m = report.materials.set_index("item_id")
    # 15 days × m3(200) = 15 × 1,103.15 = 16,547.25; 3,452.75 left at the flat 553.15 a
    # day after the forecast: 6.242 days more
    assert m.loc["M3", "days_of_cover"] == approx(15 + (20000 - 15 * m3(200)) / m3(100))
    # daily use over 90 days: 15 at 1,103.15, 75 at 553.15
    assert m.loc["M3", "daily_use"] == approx((15 * m3(200) + 75 * m3(100)) / 90)


def test_a_forecast_only_for_a_component_reaches_its_materials(tmp_path: Path) -> None:
    # C1 (magnet sets) in December: 3,100 → 100 a day instead of its 2.4
    project = book(tmp_path, [["C1", "2026-12", 3100]], M1=5000)
    report = planner.compute(project)
    m = report.materials.set_index("item_id")
    c2 = 100 + 2.1
    m1_flat = 0.306 * (3.3 * c2 + 2.4)  # 103.83498
    m1_dec = 0.306 * (3.3 * c2 + 100)  # 133.70058
    # 29 × 103.83498 = 3,011.21 used in November; 1,988.79 / 133.70058 = 14.87 → 43.87
    assert m.loc["M1", "days_of_cover"] == approx(29 + (5000 - 29 * m1_flat) / m1_dec)
    assert m.loc["M1", "daily_use"] == approx((59 * m1_flat + 31 * m1_dec) / 90)
    assert m.loc["M2", "daily_use"] == approx(
        0.05 * (59 * (3.3 * c2 + 2.4) + 31 * (3.3 * c2 + 100)) / 90)
    # the products and M3, above C1 or beside it, keep their flat figures
    assert m.loc["M3", "daily_use"] == approx(m3(100))
    assert m.loc["M3", "days_of_cover"] == approx(22126 / m3(100))


def test_stock_that_outlasts_the_forecast_runs_on_the_tail_rate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_book(tmp_path / "tail.xlsx", sheets_with(RAMP, M3=100000, M5=20000))
    assert main(["report", "--json", str(path)]) == 0
    rows = {r["item_id"]: r for r in json.loads(capsys.readouterr().out)["materials"]}
    # November 29 × 883.15 + December 31 × 1,103.15 = 59,809; 40,191 left at 553.15 a
    # day (the Demand rate after the last forecast month): 72.66 days more → 132.66
    assert rows["M3"]["days_of_cover"] == approx(
        60 + (100000 - 29 * m3(160) - 31 * m3(200)) / m3(100))
    # M5: 20,000 at 0.5 a day lasts 40,000 days, beyond 36,500: no cover figure
    assert rows["M5"]["days_of_cover"] is None
    assert rows["M4"]["days_of_cover"] is None  # no demand


def test_the_plan_needs_the_forecast_over_the_horizon_and_target(tmp_path: Path) -> None:
    plan = make_plan(book(tmp_path, RAMP))
    m = plan.materials.set_index("item_id")
    # 90 + 60 = 150 days: November 29 × 883.15 + December 31 × 1,103.15 + 90 × 553.15
    # = 25,611.35 + 34,197.65 + 49,783.5 = 109,592.5; less 22,126 on hand and 9,000 due
    assert m.loc["M3", "net_need"] == approx(
        29 * m3(160) + 31 * m3(200) + 90 * m3(100) - 22126 - 9000)
    assert m.loc["M3", "net_need"] == approx(78466.5)
    # M1 (under P1 through C2 and C1) has its own target, 30 days: 90 + 30 = 120 days,
    # 29 in November, 31 in December, 60 at the Demand rate; + 500 safety − 2,000 on hand
    def m1(p1: float) -> float:
        return 0.306 * (3.3 * (p1 + 2.1) + 2.4)
    assert m.loc["M1", "net_need"] == approx(
        29 * m1(160) + 31 * m1(200) + 60 * m1(100) + 500 - 2000)


def test_the_plan_times_its_orders_along_the_forecast(tmp_path: Path) -> None:
    # M3 with 90,000 on hand: the target level is 60 days of the average use over the
    # horizon, (29 × 883.15 + 31 × 1,103.15 + 30 × 553.15) / 90 = 848.92778 a day, so
    # 50,935.67. With the 3,000 overdue (day 0) and the 5,000 due 12 November (day 10),
    # 47,064.33 may be used before stock falls to it: November's 29 × 883.15 =
    # 25,611.35, then 21,452.98 / 1,103.15 = 19.45 days of December: day 48.45, needed by
    # 20 December. At the flat average it would be 47,064.33 / 848.93 = day 55.44.
    flat_use = (29 * m3(160) + 31 * m3(200) + 30 * m3(100)) / 90
    usable = 90000 + 3000 + 5000 - 60 * flat_use
    assert 29 * m3(160) < usable < 29 * m3(160) + 31 * m3(200)
    assert 29 + (usable - 29 * m3(160)) / m3(200) == pytest.approx(48.447, abs=1e-3)
    plan = make_plan(book(tmp_path, RAMP, M3=90000))
    lines = plan.lines[plan.lines["item_id"] == "M3"]
    assert set(lines["needed_by"]) == {np.datetime64("2026-12-20")}


def test_a_scenario_consumes_the_forecast_day_by_day(tmp_path: Path) -> None:
    # a stop of Germany for 90 days hits M3's Aurubis source (60%) and its 5,000 order;
    # Codelco's 40% keeps coming. Its overdue 3,000 arrive on day 0 as part of that 40%,
    # counted once: its flow (0.4 × 883.15 a day) passes 3,000 on day 8, and from then on
    # Codelco has delivered its flow, no more. So the stock of 22,126 pays 60% of the
    # requirement each day:
    #   November (days 0-28): 0.6 × 883.15 = 529.89 a day, 15,366.81 in all → 6,759.19
    #   December (days 29-59): 0.6 × 1,103.15 = 661.89 a day; after 10 days 140.29 left;
    #   day 39: 140.29 + 0.4 × 1,103.15 = 581.55 of 1,103.15 → out at 39 + 0.5272
    result = scenario(book(tmp_path, RAMP), Stop.parse("country:DE", 90))
    row = result.materials.set_index("item_id").loc["M3"]
    start = 22126 - 29 * 0.6 * m3(160) - 10 * 0.6 * m3(200)
    tts = 39 + (start + 0.4 * m3(200)) / m3(200)
    assert row["time_to_survive_days"] == approx(tts)
    # unmet: the rest of day 39, then 60% of the requirement on days 40-59 (December)
    # and 60-89 (January, the Demand rate)
    unmet = (m3(200) - start - 0.4 * m3(200)) + 20 * 0.6 * m3(200) + 30 * 0.6 * m3(100)
    assert row["shortfall"] == approx(unmet)
    flat = scenario(book(tmp_path, []), Stop.parse("country:DE", 90))
    # flat at the Demand rate (553.15 a day): 22,126 pay 331.89 a day for 66 days, 221.26
    # left; day 66 has 221.26 + 0.4 × 553.15 = 442.52 of 553.15 → out at 66.8
    assert flat.materials.set_index("item_id").loc["M3", "time_to_survive_days"] == approx(
        66 + (22126 - 66 * 0.6 * m3(100) + 0.4 * m3(100)) / m3(100))

