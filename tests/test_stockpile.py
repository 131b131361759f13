"""How much stock is worth holding (planner.analysis.stockpile), checked by hand.

The two-stop case: a product P1 (unit price 100, 1 a day) uses 2 kg of the material M1 per
unit, so M1's requirement is r = 2 kg a day and a kg short loses 100 / 2 = 50 of revenue.
M1 comes half from S1 (time to recover 30 days) and half from S2 (60 days), at 5 a kg, so
a day of stock is worth 2 × 5 = 10 and costs 15% × 10 = 1.5 a year to hold.

Stopping S1 leaves 1 kg a day unmet for 30 days: P1 = 30 kg (15 days of use); stopping S2
60 kg (30 days). With a likelihood p a year for each supplier stop (countries at 0, no
presets) the expected loss at x days is p × 50 × (max(30 − 2x, 0) + max(60 − 2x, 0)):
it falls by 200p a day of stock up to 15 days, by 100p a day from 15 to 30, then stays 0.
Holding adds 1.5 a day. So:

- p = 0.01: −2 + 1.5 < 0 up to 15 days, −1 + 1.5 > 0 after: 15 days. At 15 days the
  holding cost is 22.5 and the expected loss 0.01 × 50 × 30 = 15; with no stock the loss is
  0.01 × 50 × 90 = 45; the loss avoided per unit of holding cost (45 − 15) / 22.5 = 4/3.
- p = 0.02: −4 + 1.5 and −2 + 1.5 are both < 0: 30 days, holding 45, loss 0.
- p = 0.005: −1 + 1.5 > 0 from the first day: 0 days.
- p = 0: nothing is lost, 0 days (the first of the tied minimum).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import planner
from planner import cli
from planner.analysis.compute import compute
from planner.analysis.presets import load_presets, preset_stop
from planner.analysis.scenario import ScenarioError, Stop, rank, scenario
from planner.analysis.stockpile import DAYS, JOGMEC_DAYS, stockpile
from planner.core.errors import InputError
from planner.inputs.files import export
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project

ROOT = Path(__file__).resolve().parents[1]
EV = ROOT / "samples" / "ev_motors_wind.xlsx"
AS_OF = dt.date(2026, 11, 2)
SOURCE_HEADER: list[object] = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                 "capacity_per_month", "moq", "origin_country", "time_to_recover_days"]


def sheets(settings: list[list[object]] | None = None) -> dict[str, list[list[object]]]:
    out: dict[str, list[list[object]]] = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price", "category"],
                  ["P1", "Motor", "product", "pcs", 100, "motors"],
                  ["M1", "Nickel alloy", "material", "kg", None, "metals"]],
        "BOM": [["parent_id", "child_id", "qty_per", "scrap_pct"], ["P1", "M1", 2, None]],
        "Demand": [["item_id", "quantity", "per"], ["P1", 1, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"], ["M1", 10, None, None]],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Baotou", "CN"],
                      ["S2", "Lynas", "MY"]],
        "Sources": [SOURCE_HEADER, ["M1", "S1", 0.5, 5, None, None, None, "CN", 30],
                    ["M1", "S2", 0.5, 5, None, None, None, "MY", 60]],
        "Orders": [["item_id", "supplier_id", "quantity", "due_date"]],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["currency", "EUR"],
                     *(settings or [])],
    }
    return out


def two_stops(supplier: float, country: float = 0.0, holding: float = 0.15
              ) -> planner.Project:
    raw = sheets([["likelihood_supplier_stop", supplier],
                  ["likelihood_country_stop", country], ["holding_cost_pct", holding]])
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in raw.items()}))


def m1(project: planner.Project) -> pd.Series:
    result = stockpile(project, presets=[])
    row = result.materials.set_index("item_id").loc["M1"]
    assert isinstance(row, pd.Series)
    return row


def test_the_two_stop_case_solved_by_hand() -> None:
    project = two_stops(0.01)
    result = stockpile(project, presets=[])
    assert list(result.stops["label"]) == ["supplier:S1", "supplier:S2", "country:CN",
                                           "country:MY"]
    assert list(result.stops["days"]) == [30, 60, 30, 60]
    r = result.materials.set_index("item_id").loc["M1"]
    assert r["daily_use"] == pytest.approx(2.0)
    assert r["unit_value"] == pytest.approx(5.0)
    assert r["loss_per_unit"] == pytest.approx(50.0)
    assert r["recommended_days"] == 15
    assert r["holding_cost_per_year"] == pytest.approx(22.5)
    assert r["expected_loss_per_year"] == pytest.approx(15.0)
    assert r["expected_loss_per_year_at_zero"] == pytest.approx(45.0)
    assert r["loss_avoided_per_holding_cost"] == pytest.approx(4 / 3)
    assert r["current_days"] == pytest.approx(5.0)
    assert r["jogmec_days"] == JOGMEC_DAYS
    # the curves: holding 1.5 a day of stock; the loss's two slopes, then 0
    assert result.holding.shape == (1, len(DAYS))
    assert result.holding[0, [0, 10, 365]] == pytest.approx([0.0, 15.0, 547.5])
    assert result.expected_loss[0, [0, 10, 15, 20, 30, 365]] == pytest.approx(
        [45.0, 25.0, 15.0, 10.0, 0.0, 0.0])
    assert int(np.argmin(result.total[0])) == 15


@pytest.mark.parametrize(("holding", "likelihood", "days"), [
    (0.19, 0.019, 15), (0.37, 0.037, 15), (0.17, 0.0085, 0), (0.07, 0.0035, 0)])
def test_a_flat_stretch_takes_its_first_day(holding: float, likelihood: float,
                                            days: int) -> None:
    """Where holding one more day costs exactly what it avoids, every day of the stretch
    costs the same: the first is recommended, whatever rounding says of the sums."""
    assert m1(two_stops(likelihood, holding=holding))["recommended_days"] == days


def test_a_material_without_a_price_is_named_not_sized(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With no price anywhere its stock would seem free to hold, and so be told to cover
    every stop: it is left out of the sizing and named instead."""
    raw = sheets([["likelihood_supplier_stop", 0.01]])
    for row in raw["Sources"][1:]:
        row[3] = None  # no source's price, and M1 has no item price
    project = build_project(RawBook("test", {k: RawSheet(k, v) for k, v in raw.items()}))
    result = stockpile(project, presets=[])
    assert result.materials.empty
    assert list(result.unpriced) == ["M1"]
    from planner.outputs.stockpile_reports import stockpile_json, stockpile_text

    assert stockpile_json(result)["unpriced"] == ["M1"]
    assert "Not sized, having no price (no source's and no item's): M1." in (
        stockpile_text(result))
    # priced again: sized, and no longer named
    assert list(stockpile(two_stops(0.01), presets=[]).unpriced) == []


def test_no_likelihood_no_extra_days_and_more_days_as_it_rises() -> None:
    assert m1(two_stops(0.0))["recommended_days"] == 0
    assert m1(two_stops(0.0))["expected_loss_per_year_at_zero"] == 0.0
    assert pd.isna(m1(two_stops(0.0))["loss_avoided_per_holding_cost"])  # nothing held
    assert m1(two_stops(0.005))["recommended_days"] == 0
    days = [m1(two_stops(p))["recommended_days"] for p in (0.0, 0.01, 0.02, 0.5)]
    assert days == [0, 15, 30, 30]
    # a country stop on top (CN stops S1's half for 30 days, MY S2's for 60): likelier
    # stops, more days
    assert m1(two_stops(0.01, country=0.01))["recommended_days"] == 30


def test_holding_cost_and_loss_per_unit() -> None:
    """Holding cost is pct × days × daily use × unit value; at 0% every stop is covered
    in full (the first day of the flat minimum); dearer holding, fewer days."""
    free = m1(two_stops(0.01, holding=0.0))
    assert free["recommended_days"] == 30 and free["holding_cost_per_year"] == 0.0
    assert m1(two_stops(0.01, holding=0.30))["recommended_days"] == 0  # 3 a day > 2
    r = m1(two_stops(0.01, holding=0.10))  # 1 a day: still worth 15 days
    assert r["recommended_days"] == 15
    assert r["holding_cost_per_year"] == pytest.approx(0.10 * 15 * 2 * 5)


def test_loss_per_unit_is_the_demand_weighted_revenue_of_its_products() -> None:
    """Two products use M1: P1 (1 a day at 100, 2 kg each) and P2 (3 a day at 40, 1 kg
    each): (1 × 100 + 3 × 40) / (1 × 2 + 3 × 1) = 220 / 5 = 44 a kg. A material no priced
    product uses is worth its own unit value."""
    raw = sheets([["likelihood_supplier_stop", 0.01], ["likelihood_country_stop", 0]])
    raw["Items"] += [["P2", "Pump", "product", "pcs", 40, "pumps"],
                     ["P3", "Sample", "product", "pcs", None, "free"],
                     ["M2", "Copper", "material", "kg", 3, "metals"]]
    raw["BOM"] += [["P2", "M1", 1, None], ["P3", "M2", 1, None]]
    raw["Demand"] += [["P2", 3, "day"], ["P3", 1, "day"]]
    raw["Sources"] += [["M2", "S2", 1.0, None, None, None, None, "MY", 10]]
    project = build_project(RawBook("test", {k: RawSheet(k, v) for k, v in raw.items()}))
    table = stockpile(project, presets=[]).materials.set_index("item_id")
    assert table.loc["M1", "loss_per_unit"] == pytest.approx(44.0)
    assert table.loc["M2", "loss_per_unit"] == pytest.approx(3.0)  # unpriced P3: its value
    assert table.loc["M2", "unit_value"] == pytest.approx(3.0)


def test_the_deficit_peaks_match_each_stop_run_alone() -> None:
    """The batch weighs what scenario() gives each stop: for every stop, the expected loss
    at 0 days adds up likelihood × deficit_peak × loss per unit."""
    project = planner.load(EV)
    report = compute(project)
    presets = [p for p in load_presets() if p.stops]
    result = stockpile(project, report, presets=presets)
    table = result.materials.set_index("item_id")
    expected = pd.Series(0.0, index=table.index)
    st = result.stops
    for label, by, days, likelihood in zip(st["label"].astype(str), st["by"].astype(str),
                                           st["days"].astype(int),
                                           st["likelihood_per_year"].astype(float),
                                           strict=True):
        if by == "preset":
            stop = preset_stop(project, next(p for p in presets if f"preset:{p.id}" == label),
                               report=report)
        else:
            stop = Stop(by, label.split(":", 1)[1], int(days))  # type: ignore[arg-type]
        m = scenario(project, stop, report).materials.set_index("item_id")
        m = m[m.index.isin(table.index)]
        expected[m.index] += (float(likelihood) * m["deficit_peak"]
                              * table.loc[m.index, "loss_per_unit"])
    assert table["expected_loss_per_year_at_zero"].to_numpy() == pytest.approx(
        expected.to_numpy(), rel=1e-9)
    # the same stops and lengths as the risk ranking's, with or without it
    ranking = rank(project, report=report)
    ranked = ranking.stops.assign(label=ranking.stops["by"] + ":" + ranking.stops["key"])
    ours = result.stops[result.stops["by"] != "preset"]
    assert dict(zip(ours["label"], ours["days"], strict=True)) == dict(
        zip(ranked["label"], ranked["days"], strict=True))
    again = stockpile(project, report, ranking, presets).materials
    pd.testing.assert_frame_equal(again, result.materials)


def test_presets_likelihood() -> None:
    presets = load_presets()
    stops = [p for p in presets if p.stops]
    assert stops and all(p.likelihood_per_year is not None and 0 < p.likelihood_per_year <= 1
                         for p in stops)
    assert all("Likelihood" in p.assumption and "発生確率" in p.assumption_ja for p in stops)
    by_id = {p.id: p for p in presets}
    assert by_id["cn-rare-earth-embargo-2010"].likelihood_per_year == 0.05
    assert by_id["rare-earth-price-spike-2011"].likelihood_per_year is None  # no stop
    # the sample's weighed presets carry their likelihood; a price spike is left out
    result = stockpile(planner.load(EV), presets=presets)
    weighed = result.stops[result.stops["by"] == "preset"].set_index("label")
    assert "preset:rare-earth-price-spike-2011" not in weighed.index
    assert weighed.loc["preset:cn-rare-earth-embargo-2010", "likelihood_per_year"] == 0.05
    assert weighed.loc["preset:cn-rare-earth-embargo-2010", "days"] == 60


def test_a_preset_without_likelihood_counts_the_country_setting(tmp_path: Path) -> None:
    raw = json.loads((ROOT / "resources" / "scenarios.json").read_text(encoding="utf-8"))
    entry = next(p for p in raw["presets"] if p["id"] == "cn-rare-earth-embargo-2010")
    del entry["likelihood_per_year"]
    path = tmp_path / "presets.json"
    path.write_text(json.dumps({"presets": [entry]}), encoding="utf-8")
    preset = load_presets(path)[0]
    assert preset.likelihood_per_year is None
    project = planner.load(EV)
    project.settings = project.settings.with_changes(likelihood_country_stop=0.03)
    stops = stockpile(project, presets=[preset]).stops
    assert stops.set_index("label").loc["preset:cn-rare-earth-embargo-2010",
                                        "likelihood_per_year"] == 0.03
    for bad in (1.5, -0.1, "often", True):
        path.write_text(json.dumps({"presets": [{**entry, "likelihood_per_year": bad}]}),
                        encoding="utf-8")
        with pytest.raises(ScenarioError, match="likelihood_per_year must be a fraction"):
            load_presets(path)


def test_settings_of_the_new_keys() -> None:
    """Read as shares (0.15 or "15%"), by their Japanese names too; a bad value is named
    by its cell."""
    raw = sheets([["在庫保有コスト率", "20%"], ["likelihood_supplier_stop", 0.1],
                  ["国別途絶の年間発生確率", "1%"]])
    project = build_project(RawBook("test", {k: RawSheet(k, v) for k, v in raw.items()}))
    s = project.settings
    assert s.holding_cost_pct == pytest.approx(0.2)
    assert s.likelihood_supplier_stop == 0.1
    assert s.likelihood_country_stop == pytest.approx(0.01)
    defaults = planner.Project.empty().settings
    assert (defaults.holding_cost_pct, defaults.likelihood_supplier_stop,
            defaults.likelihood_country_stop) == (0.15, 0.05, 0.02)
    raw = sheets([["holding_cost_pct", "a lot"], ["likelihood_supplier_stop", 5],
                  ["likelihood_country_stop", -0.1]])
    with pytest.raises(InputError) as caught:
        build_project(RawBook("test", {k: RawSheet(k, v) for k, v in raw.items()}))
    where = {p.where: p.message for p in caught.value.problems if p.severity == "error"}
    assert set(where) == {"Settings!B4", "Settings!B5", "Settings!B6"}
    assert "holding_cost_pct" in where["Settings!B4"]
    assert "write 5%" in where["Settings!B5"]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_stockpile_json_and_text(capsys: pytest.CaptureFixture[str], tmp_path: Path
                                     ) -> None:
    path = tmp_path / "two.stockpile"
    export(two_stops(0.01), path)
    code, out, _err = run(capsys, "stockpile", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["as_of"], data["currency"], data["holding_cost_pct"]) == (
        AS_OF.isoformat(), "EUR", 0.15)
    [row] = data["materials"]
    assert {k: row[k] for k in ("item_id", "recommended_days", "target_days",
                                "holding_cost_per_year", "expected_loss_per_year")} == {
        "item_id": "M1", "recommended_days": 15, "target_days": 60.0,
        "holding_cost_per_year": pytest.approx(22.5),
        "expected_loss_per_year": pytest.approx(15.0)}
    assert row["loss_avoided_per_holding_cost"] == pytest.approx(4 / 3)
    assert [s["label"] for s in data["stops"]][:2] == ["supplier:S1", "supplier:S2"]
    code, out, _err = run(capsys, "stockpile", path)
    assert code == 0
    assert "M1" in out and "Recommended d" in out and "15.0%" in out
    code, out, _err = run(capsys, "--lang", "ja", "stockpile", path)
    assert code == 0 and "推奨" in out
    code, _out, err = run(capsys, "stockpile", path, "--presets-file", tmp_path / "none.json")
    assert code == 2 and "planner stockpile:" in err


def test_results_keep_the_stockpile_until_a_change() -> None:
    from planner.results import Changes, Results

    results = Results(two_stops(0.01))
    first = results.stockpile()
    assert results.stockpile() is first
    results.project.settings = dataclasses.replace(results.project.settings,
                                                   likelihood_supplier_stop=0.02)
    assert results.apply(Changes(settings=True)).affects("stockpile")
    assert results.stockpile().materials.loc[0, "recommended_days"] == 30
