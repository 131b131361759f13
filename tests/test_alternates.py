"""Alternates in a disruption (planner.analysis.alternates), computed by hand.

The small project: motor P1 (10 a day, price 100) uses 1 kg of M1 per unit, bought only
from Baotou (CN), 55 kg on hand, directly or through a component C1. A stop of China
leaves M1 with 5.5 days: days 0-4 in full, half of day 5, nothing after. An alternate
takes over from its qualification day what the stop leaves uncovered, up to its max share,
as long as its own materials have any to spare.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import AS_OF

import planner
from planner import cli
from planner.analysis.scenario import ScenarioResult, Stop, rank, scenario
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project

SOURCES = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
           "capacity_per_month", "moq", "origin_country", "time_to_recover_days"]


def project(alternates: list[list[object]], through_component: bool = False,
            more_items: list[list[object]] = (), more_bom: list[list[object]] = (),
            more_sources: list[list[object]] = (), more_stock: list[list[object]] = (),
            more_demand: list[list[object]] = (), m3_stock: float = 1000
            ) -> planner.Project:
    items = [["item_id", "name", "kind", "unit", "unit_price"],
             ["P1", "Motor", "product", "pcs", 100],
             ["M1", "Dysprosium-grade NdFeB", "material", "kg", 2],
             ["M3", "Dy-free NdFeB grade", "material", "kg", 4], *more_items]
    bom = [["parent_id", "child_id", "qty_per"]]
    if through_component:
        items.append(["C1", "Magnet set", "component", "set", None])
        bom += [["P1", "C1", 1], ["C1", "M1", 1]]
    else:
        bom.append(["P1", "M1", 1])
    sheets = {
        "Items": items,
        "BOM": [*bom, *more_bom],
        "Demand": [["item_id", "quantity", "per"], ["P1", 10, "day"], *more_demand],
        "Stock": [["item_id", "on_hand"], ["M1", 55], ["M3", m3_stock], *more_stock],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Baotou", "CN"],
                      ["S5", "Shin-Etsu", "JP"], ["S6", "Posco", "KR"]],
        "Sources": [SOURCES, ["M1", "S1", 1.0], ["M3", "S5", 1.0], *more_sources],
        "Alternates": [["item_id", "alternate_id", "ratio", "qualification_days",
                        "max_share"], *alternates],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["currency", "EUR"]],
    }
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


def material(result: ScenarioResult, item: str) -> pd.Series:
    return result.materials.set_index("item_id").loc[item]


def product(result: ScenarioResult) -> pd.Series:
    return result.products.set_index("item_id").loc["P1"]


CN_30 = Stop.parse("country:CN", 30)


def test_without_an_alternate_the_product_is_out_from_day_5_5() -> None:
    result = scenario(project([]), CN_30)
    assert product(result)["units_lost"] == pytest.approx(245.0)  # 24.5 days × 10
    assert result.alternates.empty
    assert list(result.materials["item_id"]) == ["M1"]


def test_an_alternate_saves_the_product_after_its_qualification() -> None:
    """From day 10 the Dy-free grade (2 kg per kg of M1) covers all of M1's requirement:
    the product is out only on days 5.5 to 10, and M3 gives 20 kg a day for 20 days."""
    result = scenario(project([["M1", "M3", 2, 10, None]]), CN_30)
    p = product(result)
    assert p["outage_days"] == pytest.approx(4.5)
    assert p["units_lost"] == pytest.approx(45.0)
    assert p["revenue_at_risk"] == pytest.approx(4500.0)
    (alt,) = result.alternates.to_dict("records")
    assert alt["item_id"] == "M1" and alt["alternate_id"] == "M3"
    assert alt["item_name"] == "Dysprosium-grade NdFeB"
    assert alt["switched_day"] == 10
    assert alt["uncovered"] == pytest.approx(200.0)  # days 10-29, 10 kg a day
    assert alt["replaced"] == pytest.approx(200.0)
    assert alt["replaced_share"] == pytest.approx(1.0)
    assert alt["alternate_used"] == pytest.approx(400.0)
    m3 = material(result, "M3")  # the stop does not hit M3: listed for what it gave
    assert bool(m3["alternate_only"]) and m3["hit_share"] == 0
    assert m3["used_for_alternates"] == pytest.approx(400.0)
    assert m3["stock_at_end"] == pytest.approx(600.0)
    assert result.projection["M3"].iloc[10] == pytest.approx(1000.0)
    assert result.projection["M3"].iloc[11] == pytest.approx(980.0)
    assert material(result, "M1")["outage_days"] == pytest.approx(4.5)


def test_an_alternate_capped_by_its_max_share() -> None:
    """Half of M1's requirement at most: from day 10 the product makes 5 a day."""
    result = scenario(project([["M1", "M3", 2, 10, 0.5]]), CN_30)
    assert product(result)["outage_days"] == pytest.approx(4.5 + 20 * 0.5)
    (alt,) = result.alternates.to_dict("records")
    assert alt["replaced"] == pytest.approx(100.0)
    assert alt["replaced_share"] == pytest.approx(0.5)
    assert material(result, "M3")["used_for_alternates"] == pytest.approx(200.0)


def test_an_alternate_already_qualified_keeps_the_product_going_from_the_start() -> None:
    """Qualification 0: on day 5 the half day M1 cannot give comes from M3 as well."""
    result = scenario(project([["M1", "M3", 1, 0, 1]]), CN_30)
    assert product(result)["outage_days"] == pytest.approx(0.0)
    (alt,) = result.alternates.to_dict("records")
    assert alt["switched_day"] == 5
    assert alt["replaced"] == pytest.approx(5 + 24 * 10)


def magnet_sets(m4_supplier: str, m4_stock: float) -> planner.Project:
    """The motor's magnet set C1 (1 kg of M1) with its alternate C2, made of 2 kg of M3
    and 1 kg of M4 a set, qualified after 10 days."""
    return project([["C1", "C2", 1, 10, 1]], through_component=True,
                   more_items=[["C2", "Dy-free magnet set", "component", "set", None],
                               ["M4", "Cerium", "material", "kg", 1]],
                   more_bom=[["C2", "M3", 2], ["C2", "M4", 1]],
                   more_sources=[["M4", m4_supplier, 1.0]], more_stock=[["M4", m4_stock]])


def test_a_chain_through_the_alternates_own_materials() -> None:
    """The item is a component C1 (1 kg of M1 a set); its alternate C2 is made of 2 kg of
    M3 and 1 kg of M4 a set. M4 from Korea has 50 kg: C2 can make 50 sets, 10 a day on
    days 10-14 (M3's 1,000 kg would make 500); then the motor is out again."""
    result = scenario(magnet_sets(m4_supplier="S6", m4_stock=50), CN_30)
    (alt,) = result.alternates.to_dict("records")
    assert alt["item_id"] == "C1" and alt["alternate_id"] == "C2"
    assert alt["switched_day"] == 10
    assert alt["replaced"] == pytest.approx(50.0)
    assert product(result)["outage_days"] == pytest.approx(4.5 + 15)  # days 15-29 out
    assert material(result, "M4")["used_for_alternates"] == pytest.approx(50.0)
    assert material(result, "M3")["used_for_alternates"] == pytest.approx(100.0)
    assert material(result, "M4")["stock_at_end"] == pytest.approx(0.0)
    assert material(result, "M3")["stock_at_end"] == pytest.approx(900.0)


def test_an_alternate_whose_material_the_stop_also_hits_cannot_help() -> None:
    """C2 needs M4, bought from China too: the stop leaves M4 nothing to spare."""
    result = scenario(magnet_sets(m4_supplier="S1", m4_stock=0), CN_30)
    (alt,) = result.alternates.to_dict("records")
    assert pd.isna(alt["switched_day"]) and alt["replaced"] == 0
    assert alt["uncovered"] == pytest.approx(200.0)
    assert product(result)["outage_days"] == pytest.approx(24.5)
    assert "M3" not in set(result.materials["item_id"])  # nothing taken of it


def test_an_alternate_does_not_take_a_material_from_its_own_users() -> None:
    """M3 also goes into a second motor P2 (10 a day, 1 kg each) and has 100 kg: M3's
    own use comes first, the alternate gets only what is left each day."""
    p = project([["M1", "M3", 1, 0, 1]],
                more_items=[["P2", "Generator", "product", "pcs", 50]],
                more_bom=[["P2", "M3", 1]], more_demand=[["P2", 10, "day"]], m3_stock=100)
    result = scenario(p, CN_30)
    products = result.products.set_index("item_id")
    assert "P2" not in products.index or products.loc["P2", "outage_days"] == 0
    # M3's supply meets P2 each day; its 100 kg go to M1's users from day 5
    (alt,) = result.alternates.to_dict("records")
    assert alt["replaced"] == pytest.approx(100.0)
    assert products.loc["P1", "outage_days"] == pytest.approx(24.5 - 10.0)


def test_the_ranking_counts_what_the_stop_hits_not_what_an_alternate_took() -> None:
    without = rank(project([])).stops.set_index("key")
    with_alt = rank(project([["M1", "M3", 2, 10, None]])).stops.set_index("key")
    assert with_alt.loc["CN", "materials_hit"] == 1
    assert with_alt.loc["CN", "revenue_at_risk"] < without.loc["CN", "revenue_at_risk"]


def test_the_command_line_says_when_it_switched(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "magnets.xlsx"
    planner.export(project([["M1", "M3", 2, 10, None]]), path)
    assert cli.main(["scenario", str(path), "--stop", "country:CN", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert ("M1 switched to M3 on day 10: 200 kg replaced, 100% of what the stop left "
            "uncovered") in out
    assert "1 materials hit" in out
    assert cli.main(["scenario", str(path), "--stop", "country:CN", "--days", "30",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (alt,) = data["alternates"]
    assert alt["switched_day"] == 10 and alt["alternate_used"] == pytest.approx(400.0)
    assert data["summary"]["alternates_used"] == 1
    assert data["summary"]["materials_hit"] == 1


def test_the_japanese_samples_dy_free_grade_takes_over_after_120_days() -> None:
    """The sample (with its monthly forecast): a year's stop of China runs Dy out; the
    Dy-free grade replaces the Dy-diffused magnets from day 120, so the EPS motors lose
    fewer units than with the Alternates row taken out."""
    sample = planner.load(Path(__file__).resolve().parents[1] / "samples"
                          / "motors_actuators_ja.xlsx")
    year = Stop.parse("country:CN", 365)
    with_alt = scenario(sample, year)
    (alt,) = with_alt.alternates.to_dict("records")
    assert (alt["item_id"], alt["alternate_id"]) == ("C-MAG-DY", "C-MAG-DYFREE")
    assert alt["switched_day"] == 120 and alt["replaced"] > 0
    assert alt["replaced"] <= alt["uncovered"] + 1e-9
    assert alt["unit"] == "kg"
    used = with_alt.materials.set_index("item_id").loc["M-NDPR", "used_for_alternates"]
    assert used == pytest.approx(alt["replaced"] * 0.356 * 1.27)  # its NdPr, scrap included
    sample.tables["Alternates"] = sample.alternates.iloc[0:0]
    without = scenario(sample, year)
    eps = "P-EPS-01"
    assert (with_alt.products.set_index("item_id").loc[eps, "units_lost"]
            < without.products.set_index("item_id").loc[eps, "units_lost"])
    assert with_alt.revenue_at_risk < without.revenue_at_risk
