"""Looking through to the mine (planner.analysis.lookthrough): the world figures checked
against the release read here by hand, and a small project whose look-through figures are
computed by hand.

The project (as of 2026-11-02, EUR): P1 Servo motor sells 10 a day.

    P1 ──2──▶ C1 Rotor assembly ──3──▶ C2 Magnet block ──0.5──▶ M1 Dy metal (ジスプロシウム)
    P1 ──1──▶ M2 Copper wire        C2 ──0.002──▶ M3 Ga 6N (category gallium)
    C1 ──0.1──▶ M4 Lead frame (no commodity: "lead" is read only when written; no sources)

M1: half from a Chinese producer (S1, CN, 100), half from a Tokyo trading house (S2, kind
trader, origin blank, 120): that half has an unknown origin and is spread over world rare
earth mine production 2025. M2: Codelco 55% and Aurubis 45% at 10, producers with blank
origins, kept as their countries. M3: a producer's row with origin written "unknown" (S5),
spread over world primary gallium 2025.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import gzip
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import Sheets, write_book

import planner
from planner.analysis.scenario import Stop, scenario
from planner.analysis.world import world_production
from planner.inputs import storage

RELEASE = Path(__file__).parents[1] / "resources" / "usgs" / "MCS2026_Commodities_Data.csv.gz"

# ---------------------------------------------------------------- the release, by hand


def _release_table(commodity: str, statistic: str, year: int) -> dict[str, float]:
    """Country -> value of one world production table, read straight from the shipped CSV:
    "—" is 0, W and NA are left out, the World total is not a row."""
    text = gzip.decompress(RELEASE.read_bytes()).decode("cp1252")
    out: dict[str, float] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if (row["Section"].startswith("World") and row["Commodity"] == commodity
                and row["Statistics"] == "Production" and row["Year"] == str(year)
                and row["Statistics_detail"].removesuffix(": rounded") == statistic
                and row["Country"] != "World total"):
            raw = row["Value"].strip()
            if raw == "—":
                out[row["Country"]] = 0.0
            elif raw not in ("W", "NA"):
                out[row["Country"]] = float(raw.replace(",", ""))
    return out


def _by_hand(values: dict[str, float]) -> tuple[str, float, float, float]:
    """Top country (the release's name), its share, the top-3 share (named countries) and
    the HHI with Other countries as one producer."""
    total = sum(values.values())
    named = sorted(((v, c) for c, v in values.items() if c != "Other countries"),
                   reverse=True)
    hhi = 10_000 * sum((v / total) ** 2 for v in values.values())
    return named[0][1], named[0][0] / total, sum(v for v, _ in named[:3]) / total, hhi


CASES = [("Rare Earths", "Mine production", "CN"),
         ("Gallium", "Primary production", "CN"),
         ("Tungsten", "Mine production", "CN"),
         ("Antimony", "Mine production", "CN"),
         ("Graphite (Natural)", "Mine production", "CN"),
         ("Cobalt", "Mine production", "CD"),
         ("Lithium", "Mine production", "AU"),
         ("Nickel", "Mine production", "ID")]


@pytest.mark.parametrize("year", [2024, 2025])
@pytest.mark.parametrize(("commodity", "statistic", "code"), CASES)
def test_world_concentration_is_the_release_computed_by_hand(
        commodity: str, statistic: str, code: str, year: int) -> None:
    values = _release_table(commodity, statistic, year)
    assert len(values) >= 3
    _top, share, top3, hhi = _by_hand(values)
    [table] = [t for t in world_production(commodity, year) if t.statistic == statistic]
    assert table.top_country == code
    assert table.top_share == pytest.approx(share, abs=1e-12)
    assert table.top3_share == pytest.approx(top3, abs=1e-12)
    assert table.hhi == pytest.approx(hhi, abs=1e-6)
    assert table.total == pytest.approx(sum(values.values()))


def test_china_mined_69_percent_of_rare_earths_and_made_99_percent_of_gallium() -> None:
    # USGS MCS 2026 data release, world mine production of rare earths 2025 (t REO):
    # China 270,000 of the listed 389,310; primary gallium 2025 (kg): 900,000 of 909,000
    [rare] = world_production("Rare Earths", 2025)
    assert rare.total == 389_310
    assert rare.top_share == pytest.approx(270_000 / 389_310) == pytest.approx(0.6935, 1e-4)
    [gallium] = [t for t in world_production("Gallium", 2025)
                 if t.statistic == "Primary production"]
    assert gallium.top_share == pytest.approx(900_000 / 909_000) == pytest.approx(0.99, 1e-3)


# ------------------------------------------------------------- the project, by hand

# world shares 2025 (USGS MCS 2026 data release), as the release writes them
RARE_EARTHS_2025 = {"US": 51_000, "AU": 29_000, "BR": 2_000, "MM": 22_000, "CA": 0,
                    "CN": 270_000, "GL": 0, "IN": 2_900, "MG": 2_700, "MY": 110, "NG": 1_500,
                    "RU": 2_600, "ZA": 0, "TZ": 0, "TH": 4_800, "VN": 150, None: 550}
GALLIUM_2025 = {"US": 0, "CN": 900_000, "JP": 3_000, "RU": 6_000, None: 0}
W_RE = {c: v / sum(RARE_EARTHS_2025.values()) for c, v in RARE_EARTHS_2025.items()}
W_GA = {c: v / sum(GALLIUM_2025.values()) for c, v in GALLIUM_2025.items()}

AS_OF = dt.date(2026, 11, 2)

LT: Sheets = {
    "Items": [
        ["item_id", "name", "kind", "unit", "unit_price", "category", "commodity"],
        ["P1", "Servo motor", "product", "pcs", 1000, "motors", None],
        ["C1", "Rotor assembly", "component", "pcs", None, None, None],
        ["C2", "Magnet block", "component", "pcs", None, None, None],
        ["M1", "Dy metal", "material", "kg", 110, "magnet alloys", "ジスプロシウム"],
        ["M2", "Copper wire", "material", "kg", 10, "wire", None],
        ["M3", "Ga 6N", "material", "kg", 300, "gallium", None],
        ["M4", "Lead frame", "material", "kg", 5, "lead frames", None],
    ],
    "BOM": [
        ["parent_id", "child_id", "qty_per"],
        ["P1", "C1", 2], ["C1", "C2", 3], ["C2", "M1", 0.5], ["P1", "M2", 1],
        ["C2", "M3", 0.002], ["C1", "M4", 0.1],
    ],
    "Demand": [["item_id", "quantity", "per"], ["P1", 70, "week"]],
    "Stock": [["item_id", "on_hand"], ["M1", 300], ["M2", 100], ["M3", 1], ["M4", 10]],
    "Suppliers": [
        ["supplier_id", "name", "country", "kind"],
        ["S1", "Ganzhou Rare Metals", "CN", None],
        ["S2", "東京メタル商事", "JP", "trader"],
        ["S3", "Codelco", "CL", "producer"],
        ["S4", "Aurubis", "DE", None],
        ["S5", "Hamburg Metals GmbH", "DE", None],
    ],
    "Sources": [
        ["item_id", "supplier_id", "share", "unit_price", "lead_time_days", "origin_country"],
        ["M1", "S1", 0.5, 100, 45, "CN"],
        ["M1", "S2", 0.5, 120, 20, None],
        ["M2", "S3", 0.55, 10, 30, None],
        ["M2", "S4", 0.45, 10, 14, None],
        ["M3", "S5", 1.0, 300, 30, "unknown"],
    ],
    "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                 ["currency", "EUR"]],
}


@pytest.fixture
def lt() -> Sheets:
    return copy.deepcopy(LT)


def _report(tmp_path: Path, sheets: Sheets) -> tuple[planner.Project, planner.Report]:
    project = planner.load(write_book(tmp_path / "lt.xlsx", sheets))
    return project, planner.compute(project)


def _row(frame: pd.DataFrame, item: str) -> pd.Series:
    row = frame.set_index("item_id").loc[item]
    assert isinstance(row, pd.Series)  # one row per id
    return row


def test_the_commodity_is_written_found_by_keyword_or_none(
        tmp_path: Path, lt: Sheets) -> None:
    lt["Items"] += [["M6", "Tungsten carbide insert", "material", "kg", 50, "tools", "none"],
                    ["M7", "Cobalt powder", "material", "kg", 40, "powders", "unobtainium"],
                    ["M8", "Salt bath", "material", "kg", 1, "chemicals", "Salt"]]
    project, report = _report(tmp_path, lt)
    commodity = report.materials.set_index("item_id")["commodity"]
    assert commodity["M1"] == "Rare Earths"  # the column, a Japanese alias
    assert commodity["M2"] == "Copper"  # the name's keyword
    assert commodity["M3"] == "Gallium"  # the category's keyword
    assert pd.isna(commodity["M4"])  # "lead" is read only when written
    assert pd.isna(commodity["M6"])  # none: no commodity, though the name says tungsten
    assert pd.isna(commodity["M7"])  # a name the release does not have
    assert commodity["M8"] == "Salt"  # an ambiguous word, written in the column
    warned = [str(w) for w in project.warnings if "not a commodity" in str(w)]
    assert warned == [
        'warning: Items!G10: "unobtainium" is not a commodity of the USGS world production '
        "tables (such as Rare Earths, Gallium, Tungsten); the world figures and look-through "
        "leave this item out"]


def test_unknown_origin_is_spread_over_world_shares(tmp_path: Path, lt: Sheets) -> None:
    _project, report = _report(tmp_path, lt)
    m1 = _row(report.materials, "M1")
    assert m1["unknown_origin_share"] == pytest.approx(0.5)
    assert m1["looked_through_share"] == pytest.approx(0.5)
    # declared: the trader's half is Japanese; effective: known + unknown × world share
    assert (m1["top_country"], m1["top_country_share"]) == ("CN", pytest.approx(0.5))
    assert m1["effective_top_country"] == "CN"
    assert m1["effective_top_share"] == pytest.approx(0.5 + 0.5 * W_RE["CN"])
    assert m1["effective_top_share"] == pytest.approx(0.8468, abs=1e-4)
    squares = sum((0.5 * w) ** 2 for c, w in W_RE.items() if c != "CN")
    assert m1["effective_country_hhi"] == pytest.approx(
        10_000 * ((0.5 + 0.5 * W_RE["CN"]) ** 2 + squares))
    assert (m1["world_top_country"], m1["world_top_share"]) == ("CN",
                                                                pytest.approx(W_RE["CN"]))
    # a producer with a blank origin is its own country, not spread
    m2 = _row(report.materials, "M2")
    assert m2["unknown_origin_share"] == 0 and m2["looked_through_share"] == 0
    assert (m2["effective_top_country"], m2["effective_top_share"]) == ("CL",
                                                                        pytest.approx(0.55))
    # "unknown" written in Sources: spread, whatever the supplier's kind
    m3 = _row(report.materials, "M3")
    assert m3["looked_through_share"] == pytest.approx(1.0)
    assert m3["effective_top_share"] == pytest.approx(900_000 / 909_000)
    assert m3["top_country"] == "DE"  # declared: the supplier's country
    eff = report.effective_sources
    assert eff is not None
    spread = eff[eff["item_id"] == "M1"]
    # one row per producer; a producer of nothing ("—": CA, GL, ZA, TZ) takes no part
    assert spread["looked_through"].sum() == sum(v > 0 for v in RARE_EARTHS_2025.values())
    assert spread["share"].sum() == pytest.approx(1.0)
    other = spread[spread["origin_country"].isna()]
    assert other["share"].tolist() == [pytest.approx(0.5 * W_RE[None])]
    assert not eff[eff["item_id"] == "M2"]["looked_through"].any()


def test_origin_content_through_three_bom_levels(tmp_path: Path, lt: Sheets) -> None:
    _project, report = _report(tmp_path, lt)
    # per P1: M1 2 × 3 × 0.5 = 3 kg at 0.5 × 100 + 0.5 × 120; M2 1 kg at 10; M3 0.012 kg
    # at 300; M4 0.2 kg, no sources, at its item price 5 (no known origin)
    material_value = 3 * 110 + 10 + 0.012 * 300 + 0.2 * 5
    china = 3 * (0.5 * 100 + 0.5 * 120 * W_RE["CN"]) + 0.012 * 300 * W_GA["CN"]
    p1 = _row(report.products, "P1")
    assert p1["material_value"] == pytest.approx(material_value)
    assert p1["content_country"] == "CN"
    assert p1["content_value"] == pytest.approx(china)
    assert p1["content_share"] == pytest.approx(china / material_value)
    assert bool(p1["content_flag"])
    content = report.content
    assert content is not None
    table = content.table()
    nowhere = table[(table["product_id"] == "P1") & table["country"].isna()]
    assert nowhere["value"].tolist() == [pytest.approx(3 * 60 * W_RE[None] + 1.0)]
    detail = content.detail(report.product_materials, "P1").set_index(
        ["material_id", "country"])
    assert detail.loc[("M1", "CN"), "quantity"] == pytest.approx(1.5 + 1.5 * W_RE["CN"])
    assert detail.loc[("M1", "US"), "value"] == pytest.approx(3 * 60 * W_RE["US"])
    assert detail.loc[("M2", "CL"), "quantity"] == pytest.approx(0.55)
    assert detail.loc[("M3", "JP"), "value"] == pytest.approx(3.6 * W_GA["JP"])
    m4 = detail.xs("M4", level="material_id")
    assert m4.index.isna().all() and m4["value"].tolist() == [pytest.approx(1.0)]
    assert detail["value"].sum() == pytest.approx(material_value)


@pytest.mark.parametrize(("jp_price", "flagged"), [(999, False), (998, True)])
def test_the_flag_is_above_the_threshold_not_at_it(
        load_rows: Callable[..., planner.Project], jp_price: float, flagged: bool) -> None:
    sheets: Sheets = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price"],
                  ["P", "Sensor", "product", "pcs", 2000],
                  ["A", "Part A", "material", "pcs", None],
                  ["B", "Part B", "material", "pcs", None]],
        "BOM": [["parent_id", "child_id", "qty_per"], ["P", "A", 1], ["P", "B", 1]],
        "Demand": [["item_id", "quantity", "per"], ["P", 1, "day"]],
        "Stock": [["item_id", "on_hand"], ["A", 10]],
        "Suppliers": [["supplier_id", "name", "country"], ["S1", "Sino", "CN"],
                      ["S2", "Nippon", "JP"]],
        "Sources": [["item_id", "supplier_id", "share", "unit_price"], ["A", "S1", 1, 1],
                    ["B", "S2", 1, jp_price]],
        "Settings": [["key", "value"], ["as_of_date", AS_OF]],
    }
    report = planner.compute(load_rows(sheets))
    p = _row(report.products, "P")
    assert p["content_share"] == 1 / (1 + jp_price)  # 0.1% exactly, then just above
    assert bool(p["content_flag"]) is flagged


def test_the_portfolio_against_the_policy_marks(tmp_path: Path, lt: Sheets) -> None:
    _project, report = _report(tmp_path, lt)
    assert report.portfolio is not None
    portfolio = report.portfolio.set_index("commodity")
    # rare earths, per day: S1 30 × 0.5 × 100 = 1,500 (CN); S2 30 × 0.5 × 120 = 1,800 spread
    rare = portfolio.loc["Rare Earths"]
    assert rare["top_country_by_value"] == "CN"
    assert rare["share_by_value"] == pytest.approx((1500 + 1800 * W_RE["CN"]) / 3300)
    assert rare["share_by_quantity"] == pytest.approx(0.5 + 0.5 * W_RE["CN"])
    assert (rare["declared_top_country"], rare["declared_share_by_value"]) == (
        "JP", pytest.approx(1800 / 3300))
    assert [bool(rare[m]) for m in ("over_g7_60", "over_g7_50", "over_eu_65")] == [True] * 3
    # copper: CL 55% of value and quantity, over the ambition of 50% only
    copper = portfolio.loc["Copper"]
    assert (copper["top_country_by_value"], copper["share_by_value"]) == (
        "CL", pytest.approx(0.55))
    assert [bool(copper[m]) for m in ("over_g7_60", "over_g7_50", "over_eu_65")] == [
        False, True, False]
    # effective dependence by value across everything: the Other part counts in the total
    assert report.effective_dependence is not None
    total = 30 * 110 + 10 * 10 + 0.12 * 300
    cn = 1500 + 1800 * W_RE["CN"] + 0.12 * 300 * W_GA["CN"]
    assert report.effective_dependence["CN"] == pytest.approx(cn / total)
    # declared, the trader's rare earths are Japanese and Japan comes first
    assert report.country_dependence.index[0] == "JP"


def test_a_china_stop_hits_the_spread_part(tmp_path: Path, lt: Sheets) -> None:
    project, report = _report(tmp_path, lt)
    result = scenario(project, Stop("country", "CN", 30), report)
    m = result.materials.set_index("item_id")
    assert m.loc["M1", "hit_share"] == pytest.approx(0.5 + 0.5 * W_RE["CN"])
    assert m.loc["M1", "looked_through_share"] == pytest.approx(0.5 * W_RE["CN"])
    assert m.loc["M3", "hit_share"] == pytest.approx(W_GA["CN"])
    assert m.loc["M3", "looked_through_share"] == pytest.approx(W_GA["CN"])
    assert "M2" not in m.index
    hit = result.sources
    assert hit[["item_id", "supplier_id", "looked_through"]].values.tolist() == [
        ["M1", "S1", False], ["M1", "S2", True], ["M3", "S5", True]]
    # declared origins alone would hit only S1: the trader's half was "Japanese"
    declared = scenario(project, Stop("country", "JP", 30), report)
    assert declared.materials["item_id"].tolist() == ["M3"]  # Japan's 0.3% of gallium


def _second_format(path: Path) -> None:
    """The file as format 2 stored it: no Items commodity, no Suppliers kind."""
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            ALTER TABLE items DROP COLUMN commodity;
            ALTER TABLE suppliers DROP COLUMN kind;
            UPDATE meta SET value = '2' WHERE key = 'schema_version';
            PRAGMA user_version = 2;
        """)
    finally:
        con.close()


def test_a_project_file_of_format_2_opens_with_the_new_columns_blank(
        tmp_path: Path, lt: Sheets) -> None:
    for row in lt["Items"][1:]:
        row[-1] = None
    for row in lt["Suppliers"][1:]:
        row[-1] = None
    lt["Sources"][5][-1] = None  # format 2 knew no "unknown"
    original = planner.load(write_book(tmp_path / "in.xlsx", lt))
    path = tmp_path / "old.stockpile"
    storage.save(original, path)
    _second_format(path)
    opened = planner.load(path)
    assert opened.items["commodity"].isna().all()
    assert opened.suppliers["kind"].isna().all()
    assert opened.equals(original)
    materials = planner.compute(opened).materials.set_index("item_id")
    assert materials["commodity"]["M3"] == "Gallium"  # by keyword, as for any blank cell
    assert pd.isna(materials["commodity"]["M1"])  # "Dy metal": too short a word to match
    assert materials["looked_through_share"]["M1"] == 0  # S2 is a producer: not spread


def test_commodity_kind_and_unknown_survive_every_format(tmp_path: Path, lt: Sheets) -> None:
    lt["Settings"] += [["content_country", "us"], ["content_threshold", "0.5%"]]
    project = planner.load(write_book(tmp_path / "in.xlsx", lt))
    assert project.items.set_index("item_id")["commodity"]["M1"] == "ジスプロシウム"
    assert project.suppliers.set_index("supplier_id")["kind"]["S2"] == "trader"
    assert project.sources["origin_country"].iloc[4] == "unknown"
    assert project.settings.content_country == "US"
    assert project.settings.content_threshold == pytest.approx(0.005)
    planner.export(project, tmp_path / "p.stockpile")
    planner.export(planner.load(tmp_path / "p.stockpile"), tmp_path / "out.xlsx")
    planner.export(planner.load(tmp_path / "out.xlsx"), tmp_path / "csv")
    again = planner.load(tmp_path / "csv")
    assert again.equals(project)
    report = planner.compute(again)
    assert _row(report.products, "P1")["content_country"] == "US"
    assert np.isfinite(_row(report.products, "P1")["content_share"])


# ------------------------------------------------------- edits, blanks and other stops


def test_edits_of_kind_commodity_and_the_content_settings_reach_the_figures(
        tmp_path: Path, lt: Sheets) -> None:
    """What the window keeps between edits (planner.results) follows each new column."""
    from planner.inputs import editing
    from planner.results import Changes, Results

    project, _report_0 = _report(tmp_path, lt)
    results = Results(project)

    def m1() -> pd.Series:
        assert results.report is not None
        return _row(results.report.materials, "M1")

    assert m1()["looked_through_share"] == pytest.approx(0.5)
    s2 = int(np.flatnonzero(project.suppliers["supplier_id"] == "S2")[0])
    editing.set_value(project, "Suppliers", s2, "kind", "producer")
    results.apply(Changes.of_tables("Suppliers"))
    assert m1()["looked_through_share"] == 0  # a producer's blank origin is its country
    assert m1()["effective_top_country"] == "CN" and m1()["effective_top_share"] == 0.5
    editing.set_value(project, "Suppliers", s2, "kind", "trader")
    results.apply(Changes.of_tables("Suppliers"))
    assert m1()["looked_through_share"] == pytest.approx(0.5)
    at = int(np.flatnonzero(project.items["item_id"] == "M1")[0])
    editing.set_value(project, "Items", at, "commodity", "Gallium")
    results.apply(Changes.of_tables("Items"))
    assert m1()["commodity"] == "Gallium"
    assert m1()["effective_top_share"] == pytest.approx(0.5 + 0.5 * W_GA["CN"])
    editing.set_setting(project, "content_country", "DE")
    results.apply(Changes(settings=True))
    assert results.report is not None
    assert _row(results.report.products, "P1")["content_country"] == "DE"
    editing.set_setting(project, "content_threshold", "99%")
    results.apply(Changes(settings=True))
    assert results.report is not None
    assert not _row(results.report.products, "P1")["content_flag"]


def test_a_blank_content_country_screens_china(tmp_path: Path, lt: Sheets) -> None:
    """Blank takes the default, as in a Settings sheet, never the part of no known origin."""
    from planner.inputs import editing

    project, _report_0 = _report(tmp_path, lt)
    editing.set_setting(project, "content_country", "")
    assert project.settings.content_country == "CN"
    assert _row(planner.compute(project).products, "P1")["content_country"] == "CN"


def test_a_blank_share_leaves_the_figures_as_they_were_without_the_row(
        tmp_path: Path, lt: Sheets) -> None:
    """A row half typed in the window (no share yet) counts nothing, as in the declared
    figures; it never stops them."""
    from planner.inputs import editing

    project, report = _report(tmp_path, lt)
    editing.insert_rows(project, "Sources", len(project.sources))
    row = len(project.sources) - 1
    editing.set_value(project, "Sources", row, "item_id", "M1")
    editing.set_value(project, "Sources", row, "supplier_id", "S2")
    after = planner.compute(project)
    columns = ["effective_top_country", "effective_top_share", "effective_country_hhi",
               "looked_through_share"]
    assert _row(after.materials, "M1")[columns].tolist() == pytest.approx(
        _row(report.materials, "M1")[columns].tolist())
    assert after.portfolio is not None and report.portfolio is not None
    assert after.portfolio["share_by_value"].tolist() == pytest.approx(
        report.portfolio["share_by_value"].tolist())
    assert _row(after.products, "P1")["content_share"] == pytest.approx(
        _row(report.products, "P1")["content_share"])


def test_a_supplier_stop_hits_its_rows_as_declared(tmp_path: Path, lt: Sheets) -> None:
    """Stopping the trader stops its whole half: nothing of that was found by look-through,
    and its row is listed once, as the sheet gives it."""
    project, report = _report(tmp_path, lt)
    result = scenario(project, Stop("supplier", "S2", 30), report)
    m = result.materials.set_index("item_id")
    assert m.loc["M1", "hit_share"] == pytest.approx(0.5)
    assert m.loc["M1", "looked_through_share"] == 0
    assert result.sources[["item_id", "supplier_id", "origin_country", "share",
                           "looked_through"]].values.tolist() == [
        ["M1", "S2", "JP", 0.5, False]]


@pytest.mark.parametrize(("name", "commodity"), [
    ("Nickel-free stainless strip", None), ("鉛フリーはんだ", None),
    ("ＣＯＰＰＥＲ busbar", "Copper"), ("Titanium bolt", "Titanium Sponge Metal"),
    ("Aluminium housing", "Aluminum"), ("ネオジム磁石", "Rare Earths"),
    ("Sintered NdFeB magnets", "Rare Earths"), ("Lead frame", None)])
def test_keywords_in_names(name: str, commodity: str | None) -> None:
    from planner.analysis.lookthrough import item_commodities

    items = pd.DataFrame({"name": pd.array([name], dtype="string"),
                          "category": pd.array([None], dtype="string"),
                          "commodity": pd.array([None], dtype="string")})
    found = item_commodities(items, np.array([0]))[0]
    assert (None if pd.isna(found) else found) == commodity


def test_a_misspelt_commodity_is_warned_at_its_cell_with_a_guess(
        tmp_path: Path, lt: Sheets) -> None:
    lt["Items"] += [["M6", "Ga ingot", "material", "kg", 300, "metals", "Galium"]]
    project, report = _report(tmp_path, lt)
    assert pd.isna(_row(report.materials, "M6")["commodity"])  # never applied silently
    assert [str(w) for w in project.warnings if "not a commodity" in str(w)] == [
        'warning: Items!G9: "Galium" is not a commodity of the USGS world production '
        "tables (did you mean Gallium?); the world figures and look-through leave this "
        "item out"]
