"""Every definition of docs/definitions.md against numbers computed by hand (to 1e-9 relative).

The project is conftest.BASE, written to a workbook and read back, so the figures are those
a user gets from a real file. The hand computations are spelled out next to each number.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import AS_OF, BASE, write_book
from hypothesis import given, settings
from hypothesis import strategies as st

import planner
from planner.analysis.compute import Report
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.requirements import daily_rates
from planner.inputs.validation import build_project
from planner.outputs.reports import report_json

REL = 1e-9


def approx(value: float) -> object:
    return pytest.approx(value, rel=REL, abs=0)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = write_book(tmp_path_factory.mktemp("base") / "base.xlsx", BASE)
    return planner.compute(planner.load(path))


def materials(report: Report) -> pd.DataFrame:
    return report.materials.set_index("item_id")


def from_rows(sheets: dict[str, list[list[object]]]) -> planner.Project:
    """A project through the same parsing and checks as a file, without the file."""
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


# --- rates -------------------------------------------------------------------------------

def test_daily_rates_divide_by_1_7_365_12_365() -> None:
    per = pd.Series(["day", "week", "month", "year"])
    assert daily_rates(np.array([10.0, 70.0, 365.0, 730.0]), per).tolist() == [
        approx(10.0), approx(10.0), approx(12.0), approx(2.0)]


def test_rates_read_from_a_workbook_any_case(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Items"] += [[f"X{i}", f"extra {i}", "product", "pcs"] for i in range(4)]
    sheets["Demand"] += [["X0", 5, "Day"], ["X1", 21, "WEEK"], ["X2", 73, "Month"],
                         ["X3", 1095, "year"]]
    report = planner.compute(planner.load(write_book(tmp_path / "r.xlsx", sheets)))
    use = report.items.set_index("item_id")["own_demand"]
    assert use["X0"] == approx(5.0)
    assert use["X1"] == approx(3.0)  # 21 / 7
    assert use["X2"] == approx(2.4)  # 73 / (365 / 12) = 73 × 12 / 365
    assert use["X3"] == approx(3.0)  # 1095 / 365


# --- requirements through the BOM --------------------------------------------------------

def test_own_daily_demand(report: Report) -> None:
    own = report.items.set_index("item_id")["own_demand"]
    assert own["P1"] == approx(100.0)  # 700 per week
    assert own["P2"] == approx(1.0)  # 365 per year
    assert own["C1"] == approx(2.4)  # 73 per month: spare magnet sets
    assert own["C2"] == 0.0 and own["M1"] == 0.0


def test_gross_daily_requirement_through_a_multi_level_dag(report: Report) -> None:
    use = report.items.set_index("item_id")["daily_use"]
    assert use["P1"] == approx(100.0)
    assert use["P2"] == approx(1.0)
    # C2 has two parents: P1 × 1 and P2 × 2 with 5% scrap
    assert use["C2"] == approx(100 * 1 + 1 * 2 * 1.05)  # 102.1
    # C1: own demand 2.4 plus C2 × 3 with 10% scrap
    assert use["C1"] == approx(339.33)  # 2.4 + 102.1 × 3.3
    assert use["M1"] == approx(103.83498)  # 339.33 × 0.3 × 1.02
    assert use["M2"] == approx(16.9665)  # 339.33 × 0.05
    # M3 used on two levels: P1 × 4 and C2 × 1.5
    assert use["M3"] == approx(553.15)  # 400 + 153.15
    assert use["M5"] == approx(0.5)  # P2 × 0.5
    assert use["M4"] == 0.0


def test_stock_of_an_intermediate_item_does_not_reduce_the_requirement() -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Stock"] += [["C1", 1_000_000], ["C2", 1_000_000]]
    use = planner.compute(from_rows(sheets)).items.set_index("item_id")["daily_use"]
    assert use["C1"] == approx(339.33)
    assert use["M1"] == approx(103.83498)


def test_several_demand_rows_of_one_item_add_up() -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Demand"].append(["P2", 2, "day"])  # P2: 1 + 2 per day
    use = planner.compute(from_rows(sheets)).items.set_index("item_id")["daily_use"]
    assert use["P2"] == approx(3.0)
    assert use["M5"] == approx(1.5)
    assert use["C2"] == approx(100 + 3 * 2 * 1.05)


@st.composite
def dags(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, float, float]], list[float]]:
    n = draw(st.integers(2, 9))
    edges = []
    for child in range(1, n):
        for parent in draw(st.sets(st.integers(0, child - 1), max_size=3)):
            edges.append((parent, child, draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])),
                          draw(st.sampled_from([0.0, 2.5, 10.0]))))
    demand = [draw(st.sampled_from([0.0, 1.0, 7.0, 30.0])) for _ in range(n)]
    return n, edges, demand


@settings(max_examples=25, deadline=None)
@given(dags())
def test_explosion_equals_the_recursive_definition(
        dag: tuple[int, list[tuple[int, int, float, float]], list[float]]) -> None:
    n, edges, demand = dag
    sheets: dict[str, list[list[object]]] = {
        "Items": [["item_id", "name", "kind", "unit"]]
        + [[f"I{i}", f"item {i}", "component", "pcs"] for i in range(n)],
        "BOM": [["parent_id", "child_id", "qty_per", "scrap_pct"]]
        + [[f"I{p}", f"I{c}", q, s] for p, c, q, s in edges],
        "Demand": [["item_id", "quantity", "per"]]
        + [[f"I{i}", d, "day"] for i, d in enumerate(demand)],
        "Stock": [["item_id", "on_hand"]],
        "Suppliers": [["supplier_id", "name", "country"]],
        "Sources": [["item_id", "supplier_id", "share"]],
        "Settings": [["key", "value"], ["as_of_date", "2026-11-02"]],
    }

    def requirement(i: int) -> float:  # the definition, literally
        return demand[i] + sum(requirement(p) * q * (1 + s / 100)
                               for p, c, q, s in edges if c == i)

    use = planner.compute(from_rows(sheets)).items["daily_use"].tolist()
    assert use == [approx(requirement(i)) for i in range(n)]


# --- days of cover and status ------------------------------------------------------------

def test_days_of_cover_without_orders(report: Report) -> None:
    m = materials(report)
    assert m.loc["M1", "days_of_cover"] == approx(2000 / 103.83498)
    assert m.loc["M2", "days_of_cover"] == approx(100 / 16.9665)
    assert m.loc["M3", "days_of_cover"] == approx(40.0)  # 22,126 / 553.15
    assert m.loc["M5", "days_of_cover"] == approx(200.0)


def test_days_of_cover_with_orders_counts_overdue_and_due_within_the_horizon(
        report: Report) -> None:
    m = materials(report)
    # 5,000 due in 10 days + 3,000 overdue + 1,000 due on day 90; not 7,000 due on day 91
    assert m.loc["M3", "open_orders"] == approx(9000.0)
    assert m.loc["M3", "days_of_cover_with_orders"] == approx((22126 + 9000) / 553.15)
    assert m.loc["M1", "days_of_cover_with_orders"] == approx(2000 / 103.83498)


def test_a_shorter_horizon_drops_later_orders() -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Settings"][2] = ["horizon_days", 10]
    m = materials(planner.compute(from_rows(sheets)))
    assert m.loc["M3", "days_of_cover_with_orders"] == approx((22126 + 5000 + 3000) / 553.15)


def test_no_demand_gives_no_cover_not_a_division_error(report: Report) -> None:
    m = materials(report)
    assert m.loc["M4", "daily_use"] == 0.0
    assert math.isnan(m.loc["M4", "days_of_cover"])
    assert math.isnan(m.loc["M4", "days_of_cover_with_orders"])
    row = next(r for r in report_json(report)["materials"] if r["item_id"] == "M4")
    assert row["days_of_cover"] is None and row["days_of_cover_with_orders"] is None
    assert row["status"] == "ok"
    json.dumps(report_json(report), allow_nan=False)  # no NaN anywhere in the JSON


def test_status(report: Report) -> None:
    m = materials(report)
    # M1: on hand 2,000 > safety 500, but cover 19.26 d < fastest lead time 20 d (S3)
    assert m.loc["M1", "fastest_lead_time_days"] == 20.0
    assert m.loc["M1", "status"] == "critical"
    # M2: on hand 100 equals safety stock 100 (cover 5.9 d > lead time 3 d)
    assert m.loc["M2", "status"] == "critical"
    # M3: cover 40 d < default target 60 d, above lead time 14 d
    assert m.loc["M3", "target_days"] == 60.0
    assert m.loc["M3", "status"] == "short"
    # M5: 200 d
    assert m.loc["M5", "status"] == "ok"
    # M1's own target (30 d) replaces the default
    assert m.loc["M1", "target_days"] == 30.0


def _one_material(on_hand: float, safety: float, lead: float, target: float
                  ) -> pd.Series:
    sheets: dict[str, list[list[object]]] = {
        "Items": [["item_id", "name", "kind", "unit"], ["M", "Metal", "material", "kg"]],
        "Demand": [["item_id", "quantity", "per"], ["M", 10, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"],
                  ["M", on_hand, safety, target]],
        "Suppliers": [["supplier_id", "name", "country"], ["S", "Supplier", "CN"]],
        "Sources": [["item_id", "supplier_id", "share", "lead_time_days"],
                    ["M", "S", 1, lead]],
        "Settings": [["key", "value"], ["as_of_date", "2026-11-02"]],
    }
    return materials(planner.compute(from_rows(sheets))).loc["M"]


@pytest.mark.parametrize(("on_hand", "safety", "lead", "target", "status"), [
    (200, 0, 20, 20, "ok"),  # cover 20 = lead time 20 = target 20: none is "shorter"
    (199, 0, 20, 10, "critical"),  # cover 19.9 < lead time 20
    (199, 0, 10, 20, "short"),  # cover 19.9 < target 20
    (200, 200, 1, 1, "critical"),  # on hand at the safety stock
    (200, 199, 1, 1, "ok"),
    (0, 0, 0, 0, "critical"),  # nothing on hand
])
def test_status_boundaries(on_hand: float, safety: float, lead: float, target: float,
                           status: str) -> None:
    row = _one_material(on_hand, safety, lead, target)
    assert row["days_of_cover"] == approx(on_hand / 10)
    assert row["status"] == status


# --- exposure ----------------------------------------------------------------------------

def test_top_supplier_and_country_with_a_trading_house(report: Report) -> None:
    m = materials(report)
    # M1: S1 (CN) 50%, S3 (a German trader selling Chinese material) 30%, S4 (MY) 20%
    assert m.loc["M1", "top_supplier"] == "S1"
    assert m.loc["M1", "top_supplier_share"] == approx(0.5)
    assert m.loc["M1", "top_country"] == "CN"  # by origin: 0.5 + 0.3, not DE
    assert m.loc["M1", "top_country_share"] == approx(0.8)
    assert m.loc["M1", "suppliers"] == 3


def test_a_qualified_backup_at_zero_share_is_not_counted_as_a_supplier() -> None:
    sheets = copy.deepcopy(BASE)
    # M2 is single-sourced from S1; S2 is qualified as a backup but gets nothing today
    sheets["Sources"].append(["M2", "S2", 0, 520, 30, None])
    m = planner.compute(from_rows(sheets)).materials.set_index("item_id")
    assert m.loc["M2", "suppliers"] == 1
    assert m.loc["M2", "top_supplier"] == "S1"
    assert m.loc["M2", "supplier_hhi"] == approx(10_000)


def test_blank_origin_is_the_suppliers_country(report: Report) -> None:
    src = report.sources
    s4 = src[(src["item_id"] == "M1") & (src["supplier_id"] == "S4")].iloc[0]
    assert s4["origin_country"] == "MY"
    s3 = src[(src["item_id"] == "M1") & (src["supplier_id"] == "S3")].iloc[0]
    assert (s3["origin_country"], s3["supplier_country"]) == ("CN", "DE")
    assert materials(report).loc["M3", "top_country"] == "DE"  # S5 Aurubis, blank origin


def test_one_supplier_on_two_rows_counts_once(report: Report) -> None:
    m = materials(report)
    # M5: S3 40% from CN and 30% from JP, S2 (JP) 30%
    assert m.loc["M5", "top_supplier"] == "S3"
    assert m.loc["M5", "top_supplier_share"] == approx(0.7)
    assert m.loc["M5", "suppliers"] == 2
    assert m.loc["M5", "top_country"] == "JP"
    assert m.loc["M5", "top_country_share"] == approx(0.6)


def test_hhi(report: Report) -> None:
    m = materials(report)
    assert m.loc["M1", "supplier_hhi"] == approx(10_000 * (0.5**2 + 0.3**2 + 0.2**2))  # 3800
    assert m.loc["M1", "country_hhi"] == approx(10_000 * (0.8**2 + 0.2**2))  # 6800
    assert m.loc["M2", "supplier_hhi"] == approx(10_000.0)  # single source
    assert m.loc["M2", "country_hhi"] == approx(10_000.0)
    assert m.loc["M3", "supplier_hhi"] == approx(10_000 * (0.6**2 + 0.4**2))  # 5200
    assert m.loc["M5", "supplier_hhi"] == approx(10_000 * (0.7**2 + 0.3**2))  # 5800
    assert m.loc["M5", "country_hhi"] == approx(10_000 * (0.6**2 + 0.4**2))  # 5200


def test_caps_strictly_above_is_a_breach_equal_is_not(report: Report) -> None:
    m = materials(report)
    flags = m[["over_supplier_cap", "over_country_cap"]].astype(bool)
    assert flags.loc["M1"].tolist() == [False, True]  # supplier 50%, country 80%
    assert flags.loc["M2"].tolist() == [True, True]  # 100% / 100%
    assert flags.loc["M3"].tolist() == [False, False]  # exactly 60% / 60%
    assert flags.loc["M5"].tolist() == [True, False]  # supplier 70%, country exactly 60%


def test_caps_come_from_settings_as_percent_text() -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Settings"][4] = ["max_supplier_share", "70%"]
    sheets["Settings"][5] = ["max_country_share", "79%"]
    m = materials(planner.compute(from_rows(sheets)))
    assert not m.loc["M5", "over_supplier_cap"]  # 70% is not above 70%
    assert m.loc["M1", "over_country_cap"]  # 80% > 79%
    assert not m.loc["M3", "over_country_cap"]


def test_country_dependence_by_value(report: Report) -> None:
    # daily requirement × share × source unit price, by origin country:
    cn = 103.83498 * (0.5 * 60 + 0.3 * 70) + 16.9665 * 1.0 * 500 + 0.5 * 0.4 * 300
    my = 103.83498 * 0.2 * 65
    de = 553.15 * 0.6 * 9
    cl = 553.15 * 0.4 * 8.5  # M4 has no demand: value 0
    jp = 0.5 * (0.3 * 320 + 0.3 * 310)
    total = cn + my + de + cl + jp
    dep = report.country_dependence
    assert set(dep.index) == {"CN", "MY", "DE", "CL", "JP"}
    assert dep["CN"] == approx(13838.83398 / 20150.90872)
    for country, value in (("CN", cn), ("MY", my), ("DE", de), ("CL", cl), ("JP", jp)):
        assert dep[country] == approx(value / total)
    assert dep.sum() == approx(1.0)
    assert report_json(report)["country_dependence_by_value"]["DE"] == approx(de / total)


# --- the product view --------------------------------------------------------------------

def test_materials_per_unit_of_each_product(report: Report) -> None:
    pm = report.product_materials
    per_unit = {(p, m): q for p, m, q in pm[["product_id", "material_id", "qty_per_unit"]]
                .itertuples(index=False)}
    assert set(per_unit) == {("P1", "M1"), ("P1", "M2"), ("P1", "M3"), ("P2", "M1"),
                             ("P2", "M2"), ("P2", "M3"), ("P2", "M5")}
    assert per_unit["P1", "M1"] == approx(1.0098)  # 1 × 3 × 1.1 × 0.3 × 1.02
    assert per_unit["P1", "M2"] == approx(0.165)  # 3.3 × 0.05
    assert per_unit["P1", "M3"] == approx(5.5)  # 4 direct + 1 × 1.5 through the rotor
    assert per_unit["P2", "M1"] == approx(2.12058)  # 2 × 1.05 × 3.3 × 0.306
    assert per_unit["P2", "M2"] == approx(0.3465)
    assert per_unit["P2", "M3"] == approx(3.15)  # 2.1 × 1.5
    assert per_unit["P2", "M5"] == approx(0.5)


def test_products_worst_exposure(report: Report) -> None:
    p = report.products.set_index("item_id")
    assert p.loc["P1", "materials"] == 3 and p.loc["P2", "materials"] == 4
    for product in ("P1", "P2"):
        assert p.loc[product, "worst_status"] == "critical"
        assert p.loc[product, "top_country"] == "CN"  # through M2, 100% Chinese
        assert p.loc[product, "top_country_share"] == approx(1.0)
        assert p.loc[product, "top_country_material"] == "M2"
        assert p.loc[product, "min_days_of_cover"] == approx(100 / 16.9665)
        assert p.loc[product, "min_cover_material"] == "M2"
        assert p.loc[product, "materials_over_country_cap"] == 2  # M1, M2 (M5 at the cap)
    assert p.loc["P1", "materials_over_supplier_cap"] == 1  # M2
    assert p.loc["P2", "materials_over_supplier_cap"] == 2  # M2, M5


def test_report_json_figures(report: Report) -> None:
    data = json.loads(json.dumps(report_json(report), allow_nan=False))
    assert data["as_of"] == AS_OF.isoformat()
    m3 = next(r for r in data["materials"] if r["item_id"] == "M3")
    assert m3["daily_use"] == approx(553.15)
    assert m3["days_of_cover"] == approx(40.0)
    assert m3["days_of_cover_with_orders"] == approx(31126 / 553.15)
    assert (m3["top_supplier"], m3["top_country"], m3["suppliers"]) == ("S5", "DE", 2)
    assert m3["over_supplier_cap"] is False and m3["over_country_cap"] is False
    items = {r["item_id"]: r["daily_use"] for r in data["items"]}
    assert items["C1"] == approx(339.33)
    assert len(items) == 9


def test_as_of_date_and_horizon_are_read_as_dates_from_text() -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Settings"][1] = ["as_of_date", "2026-11-12"]  # ten days later
    report = planner.compute(from_rows(sheets))
    assert report.as_of == dt.date(2026, 11, 12)
    # the 7,000 due on 2027-02-01 is now day 81 of the horizon
    assert materials(report).loc["M3", "open_orders"] == approx(16000.0)
