"""Price spikes against figures worked out by hand, the licence review options of a stop,
the price and licence presets, and `planner scenario --price`.

The small project: P1 (10 a day) needs 1 kg of M1 and 0.5 kg of M2 per unit, so M1 is
required at 10 kg a day. M1 comes 60% from S1 (China) at 50 EUR and 40% from S4 (Malaysia)
at 40 EUR: 46 EUR a kg on average. A spike of x3 for 30 days raises each kg by 2 × 46 = 92
EUR on the 300 kg required: 27,600 EUR.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import AS_OF, write_book

import planner
from planner import cli
from planner.analysis.presets import (
    find_preset,
    load_presets,
    matched_materials,
    preset_price,
    preset_stop,
)
from planner.analysis.price_spike import PriceSpike, price_spike, spike_materials
from planner.analysis.scenario import ScenarioError, Stop, scenario
from planner.results import Results

SOURCE_HEADER = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                 "capacity_per_month", "moq", "origin_country", "time_to_recover_days"]


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-9, abs=1e-9)


def day(n: int) -> dt.date:
    return AS_OF + dt.timedelta(days=n)


def sheets(stock: float = 0.0, orders: list[list[object]] = ()) -> dict[str, list[list[object]]]:
    return {
        "Items": [["item_id", "name", "kind", "unit", "unit_price", "category"],
                  ["P1", "Motor", "product", "pcs", 100, "motors"],
                  ["M1", "Neodymium metal", "material", "kg", 45, "Rare Earth"],
                  ["M2", "Copper", "material", "kg", 3, "base metals"]],
        "BOM": [["parent_id", "child_id", "qty_per", "scrap_pct"],
                ["P1", "M1", 1, None], ["P1", "M2", 0.5, None]],
        "Demand": [["item_id", "quantity", "per"], ["P1", 10, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"],
                  ["M1", stock, None, None], ["M2", 1000, None, None]],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Baotou", "CN"],
                      ["S2", "Aurubis", "DE"], ["S4", "Lynas", "MY"]],
        "Sources": [SOURCE_HEADER,
                    ["M1", "S1", 0.6, 50, 30, None, None, "CN", None],
                    ["M1", "S4", 0.4, 40, 30, None, None, "MY", None],
                    ["M2", "S2", 1.0, 3, 10, None, None, None, None]],
        "Orders": [["item_id", "supplier_id", "quantity", "due_date"], *orders],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["currency", "EUR"],
                     ["horizon_days", 30]],
    }


def load(tmp_path: Path, stock: float = 0.0, orders: list[list[object]] = ()
         ) -> tuple[planner.Project, planner.Report, Path]:
    path = write_book(tmp_path / "spike.xlsx", sheets(stock, orders))
    project = planner.load(path)
    return project, planner.compute(project), path


def m1(result: object) -> pd.Series:
    frame = result.materials.set_index("item_id")  # type: ignore[attr-defined]
    return frame.loc["M1"]


# --- the engine, by hand -----------------------------------------------------------------

def test_a_spike_without_stock(tmp_path: Path) -> None:
    project, report, _ = load(tmp_path)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30))
    r = m1(result)
    assert result.materials["item_id"].tolist() == ["M1"]
    assert r["requirement"] == approx(300.0) and r["price"] == approx(46.0)
    assert r["extra_cost"] == approx(300 * 46 * 2.0) == result.extra_cost
    assert result.avoided_by_stock == 0 and result.avoided_by_orders == 0
    assert result.net_extra_cost == approx(27_600.0)


def test_the_stock_and_the_orders_due_within_the_spike_are_used_first(tmp_path: Path
                                                                       ) -> None:
    """100 kg on hand and S1's 50 kg due on day 10 were bought at the old price; S4's 80 kg
    due on day 40 come after the spike."""
    project, report, _ = load(tmp_path, 100, [["M1", "S1", 50, day(10)],
                                               ["M1", "S4", 80, day(40)]])
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30))
    r = m1(result)
    assert r["orders_due"] == 50
    assert result.avoided_by_stock == approx(100 * 92.0)
    assert result.avoided_by_orders == approx(50 * 92.0)
    assert result.net_extra_cost == approx(27_600 - 9_200 - 4_600.0)
    # more stock than the requirement: all of it avoided, the orders avoid nothing more
    project, report, _ = load(tmp_path, 500, [["M1", "S1", 50, day(10)]])
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30))
    assert result.avoided_by_stock == approx(27_600.0)
    assert result.avoided_by_orders == 0 and result.net_extra_cost == approx(0.0)


def test_with_a_stop_only_the_hit_sources_are_dearer(tmp_path: Path) -> None:
    """China stopped for 30 days: S1's 60% (180 kg at 50 EUR) costs 100 EUR more a kg;
    S1's order due on day 10 is lost, S4's is not China's and was never dearer."""
    project, report, _ = load(tmp_path, 100, [["M1", "S1", 50, day(10)],
                                               ["M1", "S4", 80, day(20)]])
    stop = scenario(project, Stop.parse("country:CN", 30), report)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), stop)
    r = m1(result)
    assert r["hit_share"] == approx(0.6) and r["price"] == approx(50.0)
    assert r["spiked_quantity"] == approx(180.0)
    assert result.extra_cost == approx(180 * 100.0)
    assert result.avoided_by_stock == approx(100 * 100.0)
    assert r["orders_due"] == 0 and result.avoided_by_orders == 0
    assert result.net_extra_cost == approx(80 * 100.0)
    # a stop on Malaysia: S4's 40% at 40 EUR, and S4's order due on day 20 is lost
    stop = scenario(project, Stop.parse("country:MY", 30), report)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), stop)
    assert result.extra_cost == approx(120 * 80.0)
    assert result.avoided_by_stock == approx(100 * 80.0)
    # a stop that hits nothing of the target: nothing is dearer
    stop = scenario(project, Stop.parse("supplier:S2", 30), report)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), stop)
    assert result.materials.empty and result.extra_cost == 0


def test_a_stop_longer_than_the_spike_loses_only_the_orders_within_the_spike(
        tmp_path: Path) -> None:
    """China cut by half for 60 days, a spike of 30: of S1's 100 kg due on day 10, 50 arrive
    within the spike; the 200 kg due on day 40 are after it and do not count."""
    project, report, _ = load(tmp_path, 0, [["M1", "S1", 100, day(10)],
                                             ["M1", "S1", 200, day(40)]])
    stop = scenario(project, Stop.parse("country:CN", 60, cut=0.5), report)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), stop)
    assert m1(result)["orders_due"] == approx(50.0)
    assert result.avoided_by_orders == approx(50 * 100.0)
    assert result.net_extra_cost == approx((180 - 50) * 100.0)


def test_the_plan_lines_ordered_within_the_spike(tmp_path: Path) -> None:
    project, report, _ = load(tmp_path)
    plan = Results(project).plan()
    lines = pd.DataFrame({
        "item_id": ["M1", "M1", "M1", "M2"], "supplier_id": ["S1", "S4", "S1", "S2"],
        "cost": [1000.0, 500.0, 700.0, 999.0],
        "order_by": pd.to_datetime([day(-3), day(10), day(40), day(0)]),
    })
    plan = dataclasses.replace(plan, lines=lines)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), plan=plan)
    assert m1(result)["plan_cost"] == approx(1500.0)
    assert result.plan_extra_cost == approx(3000.0)
    stop = scenario(project, Stop.parse("country:CN", 30), report)
    result = price_spike(project, report, PriceSpike.parse("M1:x3", 30), stop, plan)
    assert result.plan_extra_cost == approx(2000.0)  # S1's line only


def test_targets_by_commodity_and_category(tmp_path: Path) -> None:
    project, report, _ = load(tmp_path)
    for target in ("commodity:Rare Earths", "commodity:neodymium", "category:rare earth",
                   "category:RARE EARTH"):
        chosen = spike_materials(project, report, PriceSpike(target, 2.0, 10))
        assert report.materials["item_id"][chosen].tolist() == ["M1"], target
    chosen = spike_materials(project, report, PriceSpike("category:base metals", 2.0, 10))
    assert report.materials["item_id"][chosen].tolist() == ["M2"]
    assert PriceSpike.parse("Commodity: Rare Earths :x5", 10).target == "commodity:Rare Earths"
    assert PriceSpike.parse("M1:×1.5", 10).factor == 1.5


@pytest.mark.parametrize(("spec", "message"), [
    ("M1", "a price spike is written TARGET:xF"),
    ("M1:3", "a price spike is written TARGET:xF"),
    (":x3", "a price spike is written TARGET:xF"),
    ("M1:x", "'M1:x': the price factor after x is a number above 1"),
    ("M1:xabc", "'M1:xabc': the price factor after x is a number above 1"),
    ("M1:x1", "'M1:x1': the price factor is a number above 1 and at most 1,000, got 'x1'"),
    ("M1:x0.5", "'M1:x0.5': the price factor is a number above 1"),
    ("M1:xnan", "'M1:xnan': the price factor is a number above 1"),
    ("M1:x1e9", "'M1:x1e9': the price factor is a number above 1 and at most 1,000"),
    ("commodity::x3", "commodity:: name the commodity or category after the colon"),
    ("commodity:Rareearth:x3", "commodity:Rareearth:x3: 'Rareearth' is not a commodity of "
                               "the USGS release; did you mean Rare Earths?"),
    ("category:nope:x2", "category:nope:x2: no item has the category 'nope'; categories: "
                         "base metals, motors, Rare Earth"),
    ("P1:x2", "P1:x2: P1 is not bought (a product or a component made in house)"),
    ("NOPE:x2", "NOPE:x2: no purchased material 'NOPE'"),
])
def test_a_bad_target_or_factor_is_refused_in_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str, message: str) -> None:
    _, _, path = load(tmp_path)
    code = cli.main(["scenario", str(path), "--price", spec])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("planner scenario: " + message), err


def test_a_spike_of_no_day_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="a price spike lasts a whole number of days"):
        PriceSpike.parse("M1:x2", 0)


# --- the command line --------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_price_alone_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    _, _, path = load(tmp_path, 100, [["M1", "S1", 50, day(10)]])
    code, out, _ = run(capsys, "scenario", path, "--price", "M1:x3", "--days", "30",
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert "stop" not in data and data["currency"] == "EUR"
    price = data["price"]
    assert {k: price[k] for k in ("target", "factor", "days", "hit_sources_only")} == {
        "target": "M1", "factor": 3.0, "days": 30, "hit_sources_only": False}
    assert price["extra_cost"] == approx(27_600.0)
    assert price["avoided_by_stock"] == approx(9_200.0)
    assert price["avoided_by_orders"] == approx(4_600.0)
    assert price["net_extra_cost"] == approx(13_800.0)
    assert price["plan_extra_cost"] is not None
    (m,) = price["materials"]
    assert m["item_id"] == "M1" and m["orders_due"] == 50
    code, out, _ = run(capsys, "scenario", path, "--price", "M1:x3", "--days", "30")
    assert code == 0
    assert out.startswith("Price spike M1: 3 times the price for 30 days")
    assert "EUR 27,600" in out and "leaving EUR 13,800." in out
    # without --days a spike alone lasts a year, as the window's does
    code, out, _ = run(capsys, "scenario", path, "--price", "M1:x3")
    assert code == 0 and out.startswith("Price spike M1: 3 times the price for 365 days")


def test_cli_price_with_a_stop_and_a_licence_review(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    _, _, path = load(tmp_path, 100)
    code, out, _ = run(capsys, "scenario", path, "--stop", "country:CN", "--days", "30",
                       "--licence-review", "20", "--approved", "0.25", "--price",
                       "M1:x3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["stop"]["licence_review_days"] == 20 and data["stop"]["approved"] == 0.25
    assert data["price"]["hit_sources_only"] is True
    assert data["price"]["extra_cost"] == approx(18_000.0)
    code, out, _ = run(capsys, "scenario", path, "--stop", "country:CN", "--days", "30",
                       "--json")
    assert "licence_review_days" not in json.loads(out)["stop"]
    assert "price" not in json.loads(out)
    code, out, _ = run(capsys, "scenario", path, "--stop", "country:CN", "--days", "30",
                       "--licence-review", "20", "--approved", "0.25")
    assert "licence review: from day 20, 25% of the stopped deliveries resume" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--stop", "country:CN", "--licence-review", "20"], "--licence-review needs --approved"),
    (["--stop", "country:CN", "--days", "10", "--licence-review", "20", "--approved", "0.5"],
     "the licence review ends on a whole day from 0 to the stop's 10 days, got 20"),
    (["--stop", "country:CN", "--licence-review", "5", "--approved", "1.5"],
     "the approved share is a fraction from 0 to 1, got 1.5"),
    (["--rank", "--price", "M1:x2"], "--price, --licence-review and --approved apply to"),
    (["--price", "M1:x2", "--approved", "0.5"], "--cut, --licence-review and --approved "
                                                 "apply to a stop"),
    (["--price", "M1:x2", "--days", "0"], "a price spike lasts a whole number of days"),
    (["--preset", "rare-earth-price-spike-2011", "--cut", "0.5"],
     "rare-earth-price-spike-2011 is a price spike"),
])
def test_cli_bad_licence_and_price_options(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    _, _, path = load(tmp_path)
    code, _, err = run(capsys, "scenario", path, *args)
    assert code == 2 and err.startswith("planner scenario: " + message), err


def test_cli_licence_options_reach_the_stop(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The options become Stop(review_day=R, approved=P); the day loop is the scenario's."""
    import planner.analysis.scenario as module

    seen: list[Stop] = []
    real = module.scenario

    def spy(project: planner.Project, stop: Stop, report: planner.Report | None = None
            ) -> module.ScenarioResult:
        seen.append(stop)
        return real(project, stop, report)
    monkeypatch.setattr(module, "scenario", spy)
    _, _, path = load(tmp_path)
    code, _, _ = run(capsys, "scenario", path, "--stop", "supplier:S1", "--days", "90",
                     "--licence-review", "63", "--approved", "0.3", "--json")
    assert code == 0
    assert seen == [Stop("supplier", "S1", 90, 1.0, review_day=63, approved=0.3)]


# --- presets -----------------------------------------------------------------------------

def test_the_licence_presets_resume_a_quarter_after_the_review(tmp_path: Path) -> None:
    project, report, _ = load(tmp_path)
    presets = load_presets()
    for preset in presets[:5]:
        assert (preset.days, preset.licence_review_days, preset.approved) == (180, 63, 0.25)
        assert "a quarter" in preset.assumption
    embargo = find_preset(presets, "cn-rare-earth-embargo-2010")
    assert embargo.licence_review_days is None and embargo.approved == 0
    rare = find_preset(presets, "cn-rare-earths-2025")
    stop = preset_stop(project, rare, report=report)
    assert (stop.days, stop.review_day, stop.approved) == (180, 63, 0.25)
    shorter = preset_stop(project, rare, days=30, report=report)  # over before the review
    assert (shorter.days, shorter.review_day, shorter.approved) == (30, None, 0.0)


def test_the_rare_earth_price_spike_of_2011(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project, report, path = load(tmp_path)
    preset = find_preset(load_presets(), "rare-earth-price-spike-2011")
    assert not preset.stops and preset.price == PriceSpike("commodity:Rare Earths", 5.0, 365)
    assert "USGS Mineral Commodity Summaries" in preset.assumption
    assert matched_materials(project, preset, report)["item_id"].tolist() == ["M1"]
    assert preset_price(preset, 30) == PriceSpike("commodity:Rare Earths", 5.0, 30)
    with pytest.raises(ScenarioError, match="is a price spike, not a stop"):
        preset_stop(project, preset, report=report)
    code, out, _ = run(capsys, "scenario", path, "--preset", "rare-earth-price-spike-2011",
                       "--json")
    assert code == 0
    price = json.loads(out)["price"]
    assert (price["target"], price["factor"], price["days"]) == (
        "commodity:Rare Earths", 5.0, 365)
    assert price["extra_cost"] == approx(3650 * 46 * 4.0)
    code, out, _ = run(capsys, "scenario", path, "--list-presets", "--json")
    listed = {p["id"]: p for p in json.loads(out)}
    assert listed["rare-earth-price-spike-2011"]["price"]["factor"] == 5.0
    assert listed["cn-rare-earths-2025"]["licence_review_days"] == 63


@pytest.mark.parametrize(("entry", "message"), [
    ({"price": {"target": "M1", "factor": 5}}, r"preset 1 \(x\): price must be an object"),
    ({"price": {"target": "M1", "factor": 0.5, "days": 10}},
     r"preset 1 \(x\): M1: the price factor is a number above 1"),
    ({"price": {"target": "M1", "factor": 2, "days": 0}},
     r"preset 1 \(x\): a price spike lasts a whole number of days"),
    ({"country": "CN", "days": 30, "keywords": ["a"], "licence_review_days": 40,
      "approved": 0.5}, r"preset 1 \(x\): licence_review_days must be a whole number from 0"),
    ({"country": "CN", "days": 30, "keywords": ["a"], "approved": 0.5},
     r"preset 1 \(x\): approved needs licence_review_days"),
    ({"country": "CN", "days": 30, "keywords": ["a"], "licence_review_days": 10,
      "approved": 2}, r"preset 1 \(x\): approved must be a fraction"),
])
def test_a_bad_price_or_licence_preset_is_refused(tmp_path: Path, entry: dict[str, object],
                                                  message: str) -> None:
    path = tmp_path / "presets.json"
    path.write_text(json.dumps({"presets": [{"id": "x", "title": "t", **entry}]}))
    with pytest.raises(ScenarioError, match=message):
        load_presets(path)
