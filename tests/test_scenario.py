"""Disruption scenarios against figures computed by hand (to 1e-9 relative), the risk
ranking and the presets on the samples, and the `planner scenario` command.

The small project: P1 (10 a day, 100 EUR) needs 1 kg of M1 and 0.5 kg of M2 per unit, so M1
is required at 10 kg a day and M2 at 5. Suppliers: S1 in CN, S2 and the trading house S3 in
DE, S4 in MY, S5 in JP. Each test gives M1 its own sources, stock and orders; day d of a
stop is as-of + d.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import AS_OF

import planner
from planner import cli
from planner.analysis.presets import (
    Preset,
    find_preset,
    load_presets,
    matched_materials,
    preset_stop,
)
from planner.analysis.scenario import Ranking, ScenarioError, ScenarioResult, Stop, rank, scenario
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project

REL = 1e-9
ROOT = Path(__file__).resolve().parents[1]
EV = ROOT / "samples" / "ev_motors_wind.xlsx"
SEMI = ROOT / "samples" / "semiconductor_equipment.xlsx"
SOURCE_HEADER = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                 "capacity_per_month", "moq", "origin_country", "time_to_recover_days"]


def approx(value: float) -> object:
    return pytest.approx(value, rel=REL, abs=1e-12)


def day(n: int) -> dt.date:
    return AS_OF + dt.timedelta(days=n)


def project(m1_sources: list[list[object]], m1_stock: float,
            orders: list[list[object]] = (), m2_sources: list[list[object]] | None = None,
            extra: dict[str, list[list[object]]] | None = None) -> planner.Project:
    """The small project; a source row is [supplier, share, lead, capacity/month, origin,
    ttr], trailing fields optional."""
    def rows(item: str, sources: list[list[object]]) -> list[list[object]]:
        out = []
        for s in sources:
            s = [*s, None, None, None, None, None][:6]
            out.append([item, s[0], s[1], None, s[2], s[3], None, s[4], s[5]])
        return out

    sheets = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price", "category"],
                  ["P1", "Motor", "product", "pcs", 100, "motors"],
                  ["M1", "Neodymium metal", "material", "kg", 2, "rare earth"],
                  ["M2", "Copper", "material", "kg", 3, "base metals"]],
        "BOM": [["parent_id", "child_id", "qty_per", "scrap_pct"],
                ["P1", "M1", 1, None], ["P1", "M2", 0.5, None]],
        "Demand": [["item_id", "quantity", "per"], ["P1", 10, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"],
                  ["M1", m1_stock, None, None], ["M2", 1000, None, None]],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Baotou", "CN"],
                      ["S2", "Aurubis", "DE"], ["S3", "Hamburg Trading", "DE"],
                      ["S4", "Lynas", "MY"], ["S5", "Dowa", "JP"]],
        "Sources": [SOURCE_HEADER, *rows("M1", m1_sources),
                    *rows("M2", m2_sources or [["S2", 1.0]])],
        "Orders": [["item_id", "supplier_id", "quantity", "due_date"], *orders],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["currency", "EUR"]],
    }
    for name, more in (extra or {}).items():
        sheets[name] = [*sheets[name], *more]
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


def row(result: ScenarioResult, item: str, table: str = "materials") -> pd.Series:
    frame = getattr(result, table).set_index("item_id")
    assert item in frame.index, f"{item} not in {list(frame.index)}"
    return frame.loc[item]


def tts(r: pd.Series, column: str = "time_to_survive_days") -> float | None:
    value = r[column]
    return None if pd.isna(value) else float(value)


# --- one stop, by hand -------------------------------------------------------------------

def test_a_stop_with_no_alternative_source() -> None:
    """55 kg, 10 a day, nothing arrives: day 5 starts with 5 kg, half a day."""
    result = scenario(project([["S1", 1.0]], 55), Stop.parse("country:CN", 10))
    m1 = row(result, "M1")
    assert list(result.materials["item_id"]) == ["M1"]  # M2 (from DE) is not hit
    assert tts(m1) == approx(5.5)
    assert m1["outage_days"] == approx(4.5)  # 0.5 of day 5, days 6-9
    assert m1["shortfall"] == approx(45.0)
    assert m1["shortfall_value"] == approx(90.0)  # the item's price, 2
    assert m1["time_to_recover_days"] == approx(10.0)  # blank: the stop's length
    assert m1["gap_days"] == approx(4.5)  # 10 − 5.5
    assert m1["strategic_stock"] == approx(45.0)  # 4.5 days × 10 a day × all of it hit
    assert m1["stock_at_end"] == 0.0
    assert result.projection["M1"].tolist() == [55, 45, 35, 25, 15, 5, 0, 0, 0, 0, 0]
    assert result.projection.index.tolist() == list(range(11))
    assert result.dates()[0] == pd.Timestamp(AS_OF)
    p1 = row(result, "P1", "products")
    assert tts(p1, "time_to_stop_days") == approx(5.5)
    assert p1["binding_material"] == "M1"
    assert p1["units_lost"] == approx(45.0)  # 10 a day × 4.5 days out
    assert p1["revenue_at_risk"] == approx(4500.0)
    assert result.revenue_at_risk == approx(4500.0)
    assert result.first_stockout_days == approx(5.5)


def test_orders_arriving_during_the_stop_and_lost_ones() -> None:
    """M1: S1 (CN) 60%, S2 (DE) 40%, no stock. DE's steady 4 a day and its open orders are
    one supply, counted once: by day t it has delivered the larger of 4 × (t + 1) and its
    orders due by then, 20 (due two days ago: day 0) and 50 from day 3. S1's 50 on day 2 is
    lost, its 99 on day 12 is after the stop.

    Delivered by the end of day t: 20, 20, 20, 50, 50, ..., 50 (4 × 10 = 40 by day 9 is
    still below 50): 20 on day 0, 30 on day 3, nothing else. Start of day: 0, 10, 0, 0, 20,
    10, 0, 0, 0, 0: out at 2.0, on days 2 and 6-9 (5 days, 50 kg unmet).
    """
    orders = [["M1", "S2", 30, day(3)], ["M1", "S1", 50, day(2)], ["M1", "S2", 20, day(-2)],
              ["M1", "S1", 99, day(12)]]
    result = scenario(project([["S1", 0.6], ["S2", 0.4]], 0, orders),
                      Stop.parse("country:CN", 10))
    m1 = row(result, "M1")
    assert tts(m1) == approx(2.0)
    assert m1["outage_days"] == approx(5.0)
    assert m1["shortfall"] == approx(50.0)
    assert m1["orders_arriving"] == approx(50.0)
    assert m1["orders_lost"] == approx(50.0)
    assert m1["gap_days"] == approx(8.0)
    assert m1["strategic_stock"] == approx(48.0)  # 8 × 10 × 0.6
    assert result.projection["M1"].tolist() == [approx(v) for v in
                                                (0, 10, 0, 0, 20, 10, 0, 0, 0, 0, 0)]
    assert row(result, "P1", "products")["units_lost"] == approx(50.0)

    # without DE's 30 on day 3: its 20 on day 0, then its steady flow passes 20 on day 5
    # (24 delivered: 4 that day), 4 a day after; out at 2.0, 3 days + 5 × 0.6 unmet
    result = scenario(project([["S1", 0.6], ["S2", 0.4]], 0, orders[1:]),
                      Stop.parse("country:CN", 10))
    m1 = row(result, "M1")
    assert tts(m1) == approx(2.0)
    assert m1["outage_days"] == approx(6.0)
    assert m1["shortfall"] == approx(60.0)
    assert result.projection["M1"].tolist() == [approx(v) for v in
                                                (0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0)]


def test_orders_and_steady_supply_are_counted_once() -> None:
    """S2 (DE) 40% of 10 a day, 30 kg on hand; Orders lists its pipeline: 40 due on day 9.
    Counted once, DE delivers 4 a day (its flow leads its orders until day 9, where both
    reach 40), not 4 a day and 40 more: 30 kg fall by 6 a day; day 5 has 4 of 10, out at
    5.4."""
    result = scenario(project([["S1", 0.6], ["S2", 0.4]], 30, [["M1", "S2", 40, day(9)]]),
                      Stop.parse("country:CN", 10))
    m1 = row(result, "M1")
    assert tts(m1) == approx(5.4)
    assert m1["shortfall"] == approx(6.0 * 5)  # days 5-9 get DE's 4 of 10
    # an order beyond the steady flow sets the pace: 100 due on day 2 arrives then
    result = scenario(project([["S1", 0.6], ["S2", 0.4]], 30, [["M1", "S2", 100, day(2)]]),
                      Stop.parse("country:CN", 10))
    m1 = row(result, "M1")
    # delivered by the end of each day: 4, 8, then 100 on day 2 (92 more than the flow's
    # 8), then 100 until the flow passes it on day 24: stock 30 → 24 → 18 → 18 + 92 − 10 =
    # 100 → ... 100 − 10 × 7 = 30 at the end of day 9
    assert tts(m1) is None
    assert m1["stock_at_end"] == approx(30.0)


def test_a_licence_review_resumes_the_approved_part() -> None:
    """China's 60% stops; from day 4 (the review done) 50% of it is approved again: CN
    delivers 3 a day from day 4, DE 4 a day throughout. 10 kg on hand: day 0 has 14 (4 kept),
    day 1 8 (out at 1.8), days 2-3 4 (0.6 unmet), then 7 a day (0.3 unmet) on days 4-9."""
    stop = Stop("country", "CN", 10, review_day=4, approved=0.5)
    result = scenario(project([["S1", 0.6], ["S2", 0.4]], 10), stop)
    m1 = row(result, "M1")
    assert tts(m1) == approx(1.8)
    assert m1["outage_days"] == approx(0.2 + 2 * 0.6 + 6 * 0.3)
    assert m1["shortfall"] == approx(2 + 2 * 6 + 6 * 3)
    # no review: out at 1.8 too, then 6 a day unmet to the end
    plain = row(scenario(project([["S1", 0.6], ["S2", 0.4]], 10),
                         Stop.parse("country:CN", 10)), "M1")
    assert plain["shortfall"] == approx(2 + 8 * 6)


def test_an_alternative_ramps_up_after_its_lead_time_and_saves_the_material() -> None:
    """S2 (DE) delivers its 20% (2 a day) and from day 5 up to 365 × 12 / 365 = 12 a day:
    40 kg fall by 8 a day to exactly 0 at the end of day 4, then S2 covers all 10."""
    result = scenario(project([["S1", 0.8], ["S2", 0.2, 5, 365]], 40),
                      Stop.parse("country:CN", 30))
    m1 = row(result, "M1")
    assert tts(m1) is None
    assert m1["shortfall"] == 0.0 and m1["gap_days"] == 0.0 and m1["strategic_stock"] == 0.0
    assert m1["ramp_up_per_day"] == approx(10.0)  # 12 − its own 2
    assert result.projection["M1"].tolist()[:7] == [40, 32, 24, 16, 8, 0, 0]
    assert result.products["units_lost"].tolist() == [0.0]
    assert tts(row(result, "P1", "products"), "time_to_stop_days") is None

    # one day slower: day 5 has only S2's 2 → out at 5.2, 0.8 of the day unmet
    m1 = row(scenario(project([["S1", 0.8], ["S2", 0.2, 6, 365]], 40),
                      Stop.parse("country:CN", 30)), "M1")
    assert tts(m1) == approx(5.2)
    assert m1["shortfall"] == approx(8.0)
    assert m1["gap_days"] == approx(24.8)
    assert m1["strategic_stock"] == approx(198.4)  # 24.8 × 10 × 0.8

    # half the capacity (6 a day): from day 5, 6 of 10 → out at 5.6, then 0.4 for 25 days
    m1 = row(scenario(project([["S1", 0.8], ["S2", 0.2, 5, 182.5]], 40),
                      Stop.parse("country:CN", 30)), "M1")
    assert tts(m1) == approx(5.6)
    assert m1["outage_days"] == approx(10.0)
    assert m1["shortfall"] == approx(100.0)


def test_a_partial_cut() -> None:
    """Half of S1's deliveries (5 a day) and half its order of 40 on day 8 get through; the
    20 of the order that arrive are part of the 45 its flow has delivered by then, not more.

    30 kg fall by 5 a day to 0 at the end of day 5; days 6-9 have 5 (out at 6.5, half of
    each day unmet); the stock ends at 0. TTR 20: gap 13.5 days of the lost 5 a day."""
    result = scenario(project([["S1", 1.0, None, None, None, 20]], 30,
                              [["M1", "S1", 40, day(8)]]),
                      Stop.parse("country:CN", 10, cut=0.5))
    m1 = row(result, "M1")
    assert m1["hit_share"] == 1.0 and m1["lost_share"] == 0.5
    assert tts(m1) == approx(6.5)
    assert m1["outage_days"] == approx(2.0)
    assert m1["shortfall"] == approx(20.0)
    assert m1["orders_lost"] == approx(20.0) and m1["orders_arriving"] == approx(20.0)
    assert m1["stock_at_end"] == approx(0.0)
    assert m1["time_to_recover_days"] == 20.0
    assert m1["gap_days"] == approx(13.5)
    assert m1["strategic_stock"] == approx(67.5)  # 13.5 × 10 × 0.5
    p1 = row(result, "P1", "products")
    assert tts(p1, "time_to_stop_days") == approx(6.5)
    assert p1["units_lost"] == approx(20.0)
    assert p1["revenue_at_risk"] == approx(2000.0)


TRADER = {"m1_sources": [["S1", 0.5], ["S3", 0.3, None, None, "CN"], ["S4", 0.2]],
          "m1_stock": 90,
          "m2_sources": [["S3", 0.4, None, None, "CN"], ["S3", 0.3, None, None, "JP"],
                         ["S5", 0.3]],
          "orders": [["M2", "S3", 70, day(1)]]}


def test_a_supplier_stop_against_a_country_stop_with_a_trading_house() -> None:
    """M1: S1 (CN) 50%, the German trader S3 reselling Chinese material 30%, S4 (MY) 20%.
    M2: S3 sells it from CN (40%) and JP (30%), S5 (JP) 30%; an order of 70 from S3."""
    p = project(**TRADER)
    # supplier S1: 5 a day still come; 90 kg fall by 5 to 0 after day 17: out at 18.5
    by_s1 = scenario(p, Stop.parse("supplier:S1", 20))
    assert list(by_s1.materials["item_id"]) == ["M1"]
    assert tts(row(by_s1, "M1")) == approx(18.5)
    assert row(by_s1, "M1")["shortfall"] == approx(10.0)
    # country CN hits the trader's Chinese material too: 2 a day come, out at 11 + 2/10
    by_cn = scenario(p, Stop.parse("country:cn", 20))
    m1 = row(by_cn, "M1")
    assert m1["hit_share"] == approx(0.8)
    assert tts(m1) == approx(11.4)
    assert m1["outage_days"] == approx(7.0)  # 0.6 + 8 × 0.8
    assert m1["shortfall"] == approx(70.0)
    m2 = row(by_cn, "M2")  # the order from S3 is split by its rows' shares: 4/7 is Chinese
    assert m2["hit_share"] == approx(0.4)
    assert m2["orders_lost"] == approx(40.0) and m2["orders_arriving"] == approx(30.0)
    assert tts(m2) is None
    assert row(by_cn, "P1", "products")["revenue_at_risk"] == approx(7000.0)
    # supplier S3 (the trader): 30% of M1 and both its M2 rows; M1 lasts (90 − 3 × 20 > 0)
    by_s3 = scenario(p, Stop.parse("supplier:S3", 20))
    assert tts(row(by_s3, "M1")) is None
    assert row(by_s3, "M1")["stock_at_end"] == approx(30.0)
    assert row(by_s3, "M2")["hit_share"] == approx(0.7)
    assert row(by_s3, "M2")["orders_lost"] == approx(70.0)
    assert set(by_s3.sources["origin_country"]) == {"CN", "JP"}


def test_intermediate_stock_delays_the_product() -> None:
    """P1 → 2 C1 → 0.5 M1: M1 at 10 a day, out at 5.5 as before. C1 (20 a day) holds 40:
    2 days; P1 holds 30 finished: 3 days. P1 stops at 10.5, after a 10-day stop; with no
    finished stock at 7.5, losing 10 a day for 10 − 2 − 5.5 = 2.5 days."""
    def build(p1_stock: float) -> planner.Project:
        p = project([["S1", 1.0]], 55, extra={
            "Items": [["C1", "Magnet", "component", "pcs", None, None]],
            "Stock": [["C1", 40, None, None], ["P1", p1_stock, None, None]]})
        bom = p.tables["BOM"]
        bom = bom[bom["child_id"] != "M1"]
        extra = pd.DataFrame({"parent_id": ["P1", "C1"], "child_id": ["C1", "M1"],
                              "qty_per": [2.0, 0.5], "scrap_pct": [np.nan, np.nan]})
        p.tables["BOM"] = pd.concat([bom, extra.astype(bom.dtypes.to_dict())],
                                    ignore_index=True)
        p.forget_layouts()
        return p

    stop = Stop.parse("country:CN", 10)
    p1 = row(scenario(build(30), stop), "P1", "products")
    assert p1["buffer_days"] == approx(5.0)
    assert tts(p1, "time_to_stop_days") is None
    assert p1["units_lost"] == 0.0
    result = scenario(build(0), stop)
    assert tts(row(result, "M1")) == approx(5.5)
    p1 = row(result, "P1", "products")
    assert p1["buffer_days"] == approx(2.0)
    assert tts(p1, "time_to_stop_days") == approx(7.5)
    assert p1["units_lost"] == approx(25.0)
    assert p1["revenue_at_risk"] == approx(2500.0)


def test_stops_that_hit_nothing_or_are_malformed() -> None:
    p = project([["S1", 1.0]], 55)
    result = scenario(p, Stop.parse("country:US", 30))
    assert result.materials.empty and result.products.empty
    assert result.projection.shape == (31, 0)
    assert result.revenue_at_risk == 0.0 and result.first_stockout_days is None
    with pytest.raises(ScenarioError, match="no such supplier"):
        scenario(p, Stop.parse("supplier:S9", 30))
    with pytest.raises(ScenarioError, match="ISO 3166"):
        scenario(p, Stop.parse("country:XX", 30))
    for spec in ("CN", "region:EU", "country:"):
        with pytest.raises(ScenarioError, match="country:CODE"):
            Stop.parse(spec, 30)
    for days, cut in ((-1, 1.0), (30, 0.0), (30, 1.5)):
        with pytest.raises(ScenarioError):
            Stop.parse("country:CN", days, cut)


# --- the ranking -------------------------------------------------------------------------

def test_ranking_stops_each_for_its_time_to_recover() -> None:
    """The trader project with S1 recovering in 30 days, the rest blank (20 by default).

    supplier:S1 for 30 days: out at 18.5, then 0.5 a day for 11 more: 6 days → 6,000 EUR.
    country:CN for 30 (its longest TTR): out at 11.4, 0.6 + 18 × 0.8 = 15 days → 15,000.
    """
    trader = copy.deepcopy(TRADER)
    trader["m1_sources"][0] = ["S1", 0.5, None, None, None, 30]
    ranking = rank(project(**trader), days=20)
    assert isinstance(ranking, Ranking) and ranking.default_days == 20
    t = ranking.stops.set_index(ranking.stops["by"] + ":" + ranking.stops["key"])
    assert set(t.index) == {"supplier:S1", "supplier:S3", "supplier:S4", "supplier:S5",
                            "country:CN", "country:JP", "country:MY"}
    assert t.loc["supplier:S1", "days"] == 30 and t.loc["country:CN", "days"] == 30
    assert t.loc["supplier:S3", "days"] == 20
    assert t.loc["country:CN", "revenue_at_risk"] == approx(15000.0)
    assert t.loc["supplier:S1", "revenue_at_risk"] == approx(6000.0)
    assert t.loc["country:CN", "risk_exposure_index"] == 1.0
    assert t.loc["supplier:S1", "risk_exposure_index"] == approx(0.4)
    assert t.loc["supplier:S1", "first_stockout_days"] == approx(18.5)
    assert t.loc["country:CN", "name"] == "China"
    assert t.loc["supplier:S1", "name"] == "Baotou"
    assert list(ranking.stops["rank"]) == list(range(1, 8))
    assert list(ranking.stops["key"][:2]) == ["CN", "S1"]
    assert ranking.stop_at(1) == Stop("supplier", "S1", 30, name="Baotou")


@pytest.fixture(scope="module")
def ev() -> tuple[planner.Project, planner.Report]:
    p = planner.load(EV)
    return p, planner.compute(p)


def test_ranking_the_ev_sample(ev: tuple[planner.Project, planner.Report]) -> None:
    """The bought-in gearbox has one source (Allgäuer Getriebebau, DE) and no TTR: stopped
    90 days, its 2,400 last 2,400 / (1,200 × 12 / 365) = 60.83 days and the 1,500 on order
    are lost; the e-axle (1,200 a month, 4,200 EUR) then loses 29.17 days of output."""
    project, report = ev
    ranking = rank(project, report=report)
    assert ranking.default_days == 90
    t = ranking.stops.set_index(ranking.stops["by"] + ":" + ranking.stops["key"])
    use = 1200 * 12 / 365
    out_at = 2400 / use
    agb = t.loc["supplier:SUP-AGB"]
    assert agb["first_stockout_days"] == approx(out_at)
    assert agb["units_lost"] == approx((90 - out_at) * use)
    assert agb["revenue_at_risk"] == approx((90 - out_at) * use * 4200)
    assert agb["risk_exposure_index"] == approx(agb["revenue_at_risk"]
                                                / t["revenue_at_risk"].max())
    # Germany first: its copper wire and electrical steel run out at 56.6 days, the open
    # orders of Westfalen Kupferdraht being part of its steady supply, not added to it
    assert ranking.stops.iloc[0]["key"] == "DE"
    assert t.loc["supplier:SUP-WKD", "first_stockout_days"] == approx(
        t.loc["country:DE", "first_stockout_days"])
    assert ranking.stops["revenue_at_risk"].is_monotonic_decreasing
    suppliers = set(report.sources["supplier_id"])
    # the effective origins: the Dutch trader's neodymium of unknown origin is spread over
    # the world's rare earth producers, each of them a country stop
    assert report.effective_sources is not None
    countries = set(report.effective_sources["origin_country"].dropna())
    assert {"US", "MM", "AU"} <= countries - set(report.sources["origin_country"])
    assert set(t.index) == {f"supplier:{s}" for s in suppliers} | {
        f"country:{c}" for c in countries}
    # the batch gives what each stop gives alone
    for i in range(len(ranking.stops)):
        alone = scenario(project, ranking.stop_at(i), report)
        r = ranking.stops.iloc[i]
        assert r["revenue_at_risk"] == approx(alone.revenue_at_risk)
        assert r["units_lost"] == approx(alone.units_lost)
        assert r["materials_hit"] == len(alone.materials)
        first = alone.first_stockout_days
        assert (pd.isna(r["first_stockout_days"]) and first is None) or \
            r["first_stockout_days"] == approx(first)


# --- presets -----------------------------------------------------------------------------

def test_the_bundled_presets() -> None:
    presets = load_presets()
    ids = [p.id for p in presets]
    assert ids == ["cn-gallium-germanium-2023", "cn-graphite-2023", "cn-antimony-2024",
                   "cn-tungsten-tellurium-bismuth-molybdenum-indium-2025",
                   "cn-rare-earths-2025", "cn-rare-earth-embargo-2010",
                   "rare-earth-price-spike-2011"]
    rare = find_preset(presets, "CN-RARE-EARTHS-2025")
    for word in ("samarium", "gadolinium", "terbium", "dysprosium", "lutetium", "scandium",
                 "yttrium"):
        assert word in rare.keywords
    assert all(p.country == "CN" and 0 < p.cut <= 1 and p.days > 0 for p in presets
               if p.stops)
    with pytest.raises(ScenarioError, match="cn-graphite-2023"):
        find_preset(presets, "graphite")


@pytest.mark.parametrize(("sample", "expected"), [
    (EV, {"cn-gallium-germanium-2023": ["M-GA"], "cn-graphite-2023": [],
          "cn-antimony-2024": [], "cn-tungsten-tellurium-bismuth-molybdenum-indium-2025": [],
          "cn-rare-earths-2025": ["M-DY", "M-TB"],
          "cn-rare-earth-embargo-2010": ["M-ND", "M-PR", "M-DY", "M-TB"],
          "rare-earth-price-spike-2011": ["M-ND", "M-PR", "M-DY", "M-TB"]}),
    (SEMI, {"cn-gallium-germanium-2023": ["M-GA2O3", "M-GE"],
            "cn-graphite-2023": ["M-GRAPH"], "cn-antimony-2024": ["M-SB"],
            "cn-tungsten-tellurium-bismuth-molybdenum-indium-2025": [
                "M-IN2O3", "M-TE", "M-W", "M-WC"],
            "cn-rare-earths-2025": [], "cn-rare-earth-embargo-2010": [],
            "rare-earth-price-spike-2011": []}),
])
def test_presets_match_the_samples(sample: Path, expected: dict[str, list[str]]) -> None:
    project = planner.load(sample)
    report = planner.compute(project)
    for preset in load_presets():
        matched = matched_materials(project, preset, report)
        assert matched["item_id"].tolist() == expected[preset.id], preset.id


def test_a_preset_stops_only_its_materials_chinese_sources(
        ev: tuple[planner.Project, planner.Report]) -> None:
    """Gallium 2023 on the EV sample: M-GA's Chinese sources stop (a licence regime of 180
    days, a quarter resuming after the 63-day review); for its first 63 days exactly as a
    full country:CN stop of 63 days; the Chinese rare earths keep coming."""
    project, report = ev
    preset = find_preset(load_presets(), "cn-gallium-germanium-2023")
    assert preset_stop(project, preset, report=report) == Stop(
        "country", "CN", 180, 1.0, frozenset({"M-GA"}), preset.title, 63, 0.25)
    stop = preset_stop(project, preset, days=63, report=report)
    assert stop == Stop("country", "CN", 63, 1.0, frozenset({"M-GA"}), preset.title, 63,
                        0.25)
    result = scenario(project, stop, report)
    assert result.materials["item_id"].tolist() == ["M-GA"]
    full = scenario(project, Stop.parse("country:CN", 63), report)
    mine, theirs = row(result, "M-GA"), row(full, "M-GA")
    for column in ("time_to_survive_days", "shortfall", "orders_lost", "strategic_stock"):
        assert mine[column] == approx(theirs[column])
    # gallium: 3,000 g on hand; 80% from Hongtai (CN) and 15% from Setouchi (CN material)
    assert mine["hit_share"] == approx(0.95)
    assert mine["orders_lost"] == 2000.0  # Setouchi's order due 2026-12-10, day 38
    assert set(result.products["item_id"]) == {"P-EAX150", "P-INV800"}
    longer = scenario(project, preset_stop(project, preset, days=120, cut=0.5,
                                           report=report), report)
    assert longer.stop.days == 120 and longer.stop.cut == 0.5


def test_an_edited_presets_file(tmp_path: Path, ev: tuple[planner.Project, planner.Report]
                                ) -> None:
    project, report = ev
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"presets": [
        {"id": "by-category", "title": "t", "country": "cn", "days": 30,
         "keywords": ["rare earth"]},
        {"id": "whole-words", "title": "t", "country": "CN", "days": 30,
         "keywords": ["ga", "iron"]}]}), encoding="utf-8")
    by_category, whole = load_presets(path)
    assert by_category.country == "CN" and by_category.cut == 1.0
    assert matched_materials(project, by_category, report)["item_id"].tolist() == [
        "M-ND", "M-PR", "M-DY", "M-TB"]
    # "ga" is not "Gallium"; "iron" is the category word of electrolytic iron flake
    assert matched_materials(project, whole, report)["item_id"].tolist() == ["M-FE"]
    assert isinstance(whole, Preset)
    path.write_text(json.dumps({"presets": [{"id": "x", "title": "t", "country": "CN",
                                             "days": 0, "keywords": ["a"]}]}))
    with pytest.raises(ScenarioError, match=r"preset 1 \(x\): days"):
        load_presets(path)
    path.write_text("{not json")
    with pytest.raises(ScenarioError, match="cannot read"):
        load_presets(path)


# --- the command line --------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_scenario_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenario", EV, "--stop", "supplier:SUP-AGB", "--days", "90",
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"as_of", "stop", "summary", "materials", "products"}
    (m,) = data["materials"]
    assert {"item_id", "time_to_survive_days", "shortfall", "time_to_recover_days",
            "gap_days", "strategic_stock"} <= set(m)
    assert m["item_id"] == "C-GEARBOX"
    assert m["time_to_survive_days"] == approx(2400 / (1200 * 12 / 365))
    assert data["products"][0]["item_id"] == "P-EAX150"
    code, out, _ = run(capsys, "scenario", EV, "--stop", "country:CN", "--days", "90",
                       "--cut", "0.5", "--json")
    data = json.loads(out)
    assert data["stop"]["cut"] == 0.5
    assert any(r["time_to_survive_days"] is None for r in data["materials"])


def test_cli_scenario_text_rank_and_presets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenario", EV, "--stop", "country:CN", "--days", "90")
    assert code == 0
    assert "TTS d" in out and "Revenue at risk (EUR)" in out and "M-TB" in out
    code, out, _ = run(capsys, "scenario", EV, "--rank")
    assert code == 0 and "country:DE" in out.splitlines()[4]  # test_ranking_the_ev_sample
    code, out, _ = run(capsys, "scenario", EV, "--rank", "--json")
    data = json.loads(out)
    assert data["stops"][0]["key"] == "DE" and data["stops"][0]["risk_exposure_index"] == 1.0
    code, out, _ = run(capsys, "scenario", SEMI, "--preset", "cn-graphite-2023", "--json")
    assert code == 0 and json.loads(out)["stop"]["materials"] == ["M-GRAPH"]
    code, out, _ = run(capsys, "scenario", SEMI, "--list-presets")
    assert code == 0 and "M-GA2O3, M-GE" in out


@pytest.mark.parametrize("args", [
    ["--stop", "CN"], ["--stop", "supplier:NOPE"], ["--stop", "country:CN", "--cut", "2"],
    ["--stop", "country:CN", "--days", "-3"], ["--preset", "nothing"],
    ["--rank", "--cut", "0.5"],
])
def test_cli_scenario_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str]
                                   ) -> None:
    code, _, err = run(capsys, "scenario", EV, *args)
    assert code == 2 and err.startswith("planner scenario: ")


def test_cli_scenario_needs_one_of_stop_preset_rank(capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["scenario", str(EV)])
    assert info.value.code == 2
    capsys.readouterr()


# --- the vectorised engine against the contract written as a plain loop -----------------

def reference(project: planner.Project, report: planner.Report, stop: Stop
              ) -> dict[str, tuple[float | None, float]]:
    """(TTS, shortfall) per hit material, one material and one day at a time, on the
    effective Sources rows (an unknown origin spread over world production)."""
    src = report.sources if report.effective_sources is None else report.effective_sources
    country = project.suppliers.set_index("supplier_id")["country"]
    use = report.materials.set_index("item_id")["daily_use"]
    stock = report.materials.set_index("item_id")["on_hand"]

    def requirement(item: str, t: int) -> float:
        """r(t): the flat daily use, or the forecast's month that day t falls in."""
        if report.profile is None:
            return float(use[item])
        p = report.profile.select(pd.Index([item]))
        month = int(np.searchsorted(p.bounds, t, side="right")) - 1
        return float(p.daily[0, month] if month < len(p.days) else p.tail[0])

    def hits(r: pd.Series) -> bool:
        if stop.materials is not None and r["item_id"] not in stop.materials:
            return False
        key = r["supplier_id"] if stop.by == "supplier" else r["origin_country"]
        return not pd.isna(key) and key == stop.key  # Other countries: no origin

    def keep(hit: bool, t: int) -> float:
        """The part of a row's deliveries on day t the stop leaves (its licence review)."""
        if not hit:
            return 1.0
        reviewed = stop.review_day is not None and t >= stop.review_day
        return 1.0 - stop.cut * (1.0 - stop.approved if reviewed else 1.0)

    src = src.assign(hit=[hits(r) for _, r in src.iterrows()])
    out: dict[str, tuple[float | None, float]] = {}
    for item, rows in src.groupby("item_id"):
        rows = rows.reset_index(drop=True)
        orders = project.orders[project.orders["item_id"] == item]
        # each order to its (item, supplier) rows by their shares, or free (no row)
        to_rows: list[list[tuple[int, float]]] = []
        free_frac: list[float] = []
        for _, o in orders.iterrows():
            mine = rows[(rows["supplier_id"] == o["supplier_id"]) & rows["share"].notna()]
            total = mine["share"].sum()
            to_rows.append([(int(i), (r["share"] / total) if total > 0 else 1 / len(mine))
                            for i, r in mine.iterrows()])
            key = o["supplier_id"] if stop.by == "supplier" else country[o["supplier_id"]]
            free_frac.append(float(key == stop.key and (stop.materials is None
                                                        or item in stop.materials)))
        dues = [max((o["due_date"].date() - report.as_of).days, 0)
                for _, o in orders.iterrows()]
        hit_orders = any(f and not parts and due < stop.days
                         for f, parts, due in zip(free_frac, to_rows, dues, strict=True))
        if not rows["hit"].any() and not hit_orders:
            continue
        level, tts, short = float(stock[item]), None, 0.0
        flowed = [0.0] * len(rows)
        ordered = [0.0] * len(rows)
        delivered = [0.0] * len(rows)
        for t in range(stop.days):
            req = requirement(str(item), t)
            flows = []
            for _, r in rows.iterrows():
                flow = keep(bool(r["hit"]), t) * r["share"] * req
                cap = r["capacity_per_month"] * 12 / 365
                if not r["hit"] and not np.isnan(cap) and not np.isnan(r["lead_time_days"]) \
                        and t >= r["lead_time_days"]:
                    flow += max(cap - r["share"] * req, 0.0)
                flows.append(flow)
            scale = min(1.0, req / sum(flows)) if sum(flows) > 0 else 1.0
            arrivals = 0.0
            for (_, o), parts, frac in zip(orders.iterrows(), to_rows, free_frac, strict=True):
                due = max((o["due_date"].date() - report.as_of).days, 0)
                if due != t:
                    continue
                for i, w in parts:
                    ordered[i] += o["quantity"] * w * keep(bool(rows.loc[i, "hit"]), t)
                if not parts:
                    reviewed = stop.review_day is not None and t >= stop.review_day
                    cut = stop.cut * (1.0 - stop.approved if reviewed else 1.0)
                    arrivals += o["quantity"] * (1 - cut * frac)
            for i in range(len(rows)):  # a row delivers the larger of flow and orders
                flowed[i] += flows[i] * scale
                now = max(flowed[i], ordered[i])
                arrivals += now - delivered[i]
                delivered[i] = now
            level += arrivals
            if level < req * (1 - 1e-12):
                tts = t + level / req if tts is None else tts
                short += req - level
                level = 0.0
            else:
                level -= req
        out[str(item)] = (tts, short)
    return out


@pytest.mark.parametrize("sample", [EV, SEMI])
def test_every_ranked_stop_matches_the_plain_loop(sample: Path) -> None:
    project = planner.load(sample)
    report = planner.compute(project)
    ranking = rank(project, report=report)
    stops = [ranking.stop_at(i) for i in range(len(ranking.stops))]
    stops += [Stop.parse("country:CN", 45, cut=0.3), Stop.parse("country:CN", 120),
              Stop("country", "CN", 120, review_day=63, approved=0.6),
              Stop("country", "CN", 90, cut=0.5, review_day=30, approved=1.0)]
    for stop in stops:
        result = scenario(project, stop, report).materials.set_index("item_id")
        expected = reference(project, report, stop)
        assert set(result.index) == set(expected), stop
        for item, (tts_, short) in expected.items():
            got = result.loc[item]
            assert (tts_ is None) == pd.isna(got["time_to_survive_days"]), (stop, item)
            if tts_ is not None:
                assert got["time_to_survive_days"] == pytest.approx(tts_, rel=1e-9), item
            assert got["shortfall"] == pytest.approx(short, rel=1e-9, abs=1e-9), (stop, item)
            # arrivals never depend on the stock: the unmet requirement with stock S is the
            # deficit's peak less S (what sizing a stockpile reads)
            assert got["shortfall"] == pytest.approx(
                max(got["deficit_peak"] - got["on_hand"], 0.0), rel=1e-9, abs=1e-6), item


def test_the_engine_bounds_a_stop_at_100_years() -> None:
    """Not only the command line: the engine's own Stop and rank refuse longer stops."""
    from planner.analysis.scenario import ScenarioError, Stop, rank

    Stop("country", "CN", 36_500)
    with pytest.raises(ScenarioError, match="at most 36,500 days"):
        Stop("country", "CN", 36_501)
    project = planner.load(EV)
    with pytest.raises(ScenarioError, match="at most 36,500 days"):
        rank(project, days=10**9)
