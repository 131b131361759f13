"""The World supply page's engine figures: the company's mix of one commodity, declared and
effective, the order of the commodities and their names in the user's language."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import planner
from planner.analysis import commodity_names, world_view
from planner.analysis.world import commodities
from planner.core import i18n
from planner.results import Results

EV = Path(__file__).resolve().parents[1] / "samples" / "ev_motors_wind.xlsx"


def test_every_commodity_of_the_release_is_marked_for_translation() -> None:
    assert set(commodities()) <= set(commodity_names.COMMODITY_NAMES)


def test_country_mix_is_the_share_of_purchase_value_by_origin() -> None:
    materials = pd.DataFrame({"item_id": ["A", "B", "C"],
                              "commodity": pd.array(["Copper", "Copper", None],
                                                    dtype="string")})
    sources = pd.DataFrame({"item_id": ["A", "A", "B", "C"],
                            "origin_country": pd.array(["CL", "PE", None, "CL"],
                                                       dtype="string"),
                            "daily_value": [60.0, 20.0, 20.0, 999.0]})
    mix = world_view.country_mix(sources, materials, "Copper")
    assert list(mix["country"]) == ["CL", "PE", None]  # no known origin last
    assert mix["share"].tolist() == pytest.approx([0.6, 0.2, 0.2])
    assert world_view.country_mix(sources, materials, "Gallium").empty


def test_mix_table_puts_declared_effective_and_world_side_by_side() -> None:
    declared = pd.DataFrame({"country": ["DE"], "value": [10.0], "share": [1.0]})
    effective = pd.DataFrame({"country": ["CN", "DE", None], "value": [4.0, 5.0, 1.0],
                              "share": [0.4, 0.5, 0.1]})
    table = world_view.mix_table(declared, effective, [("CN", 0.48), (None, 0.07)])
    assert list(table["country"]) == ["CN", "DE", None]
    assert math.isnan(table["declared"][0]) and table["declared"][1] == 1.0
    assert table["effective"].tolist() == [0.4, 0.5, 0.1]
    assert table["world"][0] == 0.48 and math.isnan(table["world"][2])


def test_the_projects_commodities_come_first_and_unknown_origins_spread() -> None:
    project = planner.load(EV)
    report = Results(project).report
    assert report is not None and report.portfolio is not None
    mine, others = world_view.commodity_order(report.materials, report.portfolio,
                                              commodities())
    assert set(mine) == {"Rare Earths", "Copper", "Gallium"}
    assert mine == list(report.portfolio["commodity"])
    assert len(mine) + len(others) == len(commodities()) and not set(mine) & set(others)
    declared = world_view.country_mix(report.sources, report.materials, "Copper")
    assert list(declared["country"]) == ["DE", "PL"]
    # copper bought from a trader of unknown origin: spread over world refinery production
    src = project.tables["Sources"]
    row = src.index[src["item_id"] == "M-CU"][0]
    src.loc[row, "origin_country"] = "unknown"
    report = Results(project).report
    assert report is not None
    effective = world_view.country_mix(report.effective_sources, report.materials, "Copper")
    assert "CN" in set(effective["country"]) and effective["share"].sum() == pytest.approx(1)


def test_names_in_japanese() -> None:
    try:
        i18n.set_language("ja")
        assert commodity_names.commodity_name("Rare Earths") == "レアアース"
        assert commodity_names.statistic_name("Refinery production") == "精錬生産"
        assert commodity_names.statistic_name("Mine production: Kaolin") == "鉱山生産（Kaolin）"
        assert commodity_names.unit_name("metric tons") == "t"
    finally:
        i18n.set_language("en")
    assert commodity_names.statistic_name("Pig iron") == "Pig iron"
