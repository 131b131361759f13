"""World production from the shipped USGS release: the parser's handling of the release's
codes, and shares and concentration checked against numbers read from the file."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from planner import cli
from planner.analysis.world import WorldProduction, commodities, concentration, world_production
from planner.core import i18n
from planner.core.errors import PlannerError
from planner.core.resources import resource
from planner.inputs.usgs import RELEASE, WorldRow, parse_value, world_rows

# the release as published (README.md beside it gives the same checksum)
RELEASE_SHA256 = "582a0aa231aea53d8a97dc8d1cd3dfa5f885cf3760353e3d029d7f0ae4fbaaf5"


def rows_of(commodity: str, year: int, country: str | None = None) -> list[WorldRow]:
    return [r for r in world_rows() if r.commodity == commodity and r.year == year
            and r.kind_of_figure == "Production" and country in (None, r.country)]


def one(commodity: str, year: int) -> WorldProduction:
    tables = world_production(commodity, year)
    assert len(tables) == 1, tables
    return tables[0]


def test_the_shipped_file_is_the_release_byte_for_byte() -> None:
    data = gzip.decompress(resource(*RELEASE).read_bytes())
    assert hashlib.sha256(data).hexdigest() == RELEASE_SHA256


def test_values_in_the_release_s_forms() -> None:
    assert parse_value("—") == (0.0, "", "")
    assert parse_value("W") == (None, "", "withheld")
    assert parse_value("NA") == (None, "", "not available")
    assert parse_value("1,270") == (1270.0, "", "")
    assert parse_value(">70,000") == (70000.0, ">", "")
    assert parse_value("<200,000") == (200000.0, "<", "")
    assert parse_value("s") == (0.0, "", "small")
    assert parse_value("330 - 390") == (None, "", "not a number")


def test_every_commodity_parses() -> None:
    names = commodities()
    assert len(names) > 80 and {"Rare Earths", "Gallium", "Graphite (Natural)"} <= set(names)
    for year in (2024, 2025):
        tables = world_production(year=year)
        assert {t.commodity for t in tables} >= {"Rare Earths", "Gallium", "Cobalt", "Copper"}
        for t in tables:
            assert t.total > 0 and 0 < t.top3_share <= 1 + 1e-9 and 0 < t.hhi <= 10_000 + 1e-6
            assert sum(c.share for c in t.countries) == pytest.approx(1)
    # every country of every world table has an ISO code; Other countries and totals none
    for r in world_rows():
        assert (r.code is None) == (r.kind != "country"), r.country


def test_the_release_s_quirks() -> None:
    [burma] = rows_of("Rare Earths", 2025, "Burma")
    assert (burma.code, burma.value) == ("MM", 22_000) and "Trade Data Monitor" in burma.notes
    [congo] = rows_of("Cobalt", 2025, "Congo (Kinshasa)")
    assert congo.code == "CD"
    [korea] = [r for r in world_rows() if r.country == "Korea, Republic of"][:1]
    assert korea.code == "KR"
    [withheld] = rows_of("Lithium", 2025, "United States")
    assert (withheld.raw, withheld.value, withheld.status) == ("W", None, "withheld")
    assert one("Lithium", 2025).left_out == ("United States",)
    [canada] = rows_of("Rare Earths", 2025, "Canada")
    assert (canada.raw.strip(), canada.value) == ("—", 0.0)
    [bound] = [r for r in world_rows() if r.commodity == "Rare Earths" and r.year == 2025
               and r.kind == "total" and r.kind_of_figure == "Reserves"]
    assert (bound.raw, bound.value, bound.sign) == (">85,000,000", 85_000_000, ">")
    # the rounded World total joins its table by statistic and is kept, never summed
    [total] = rows_of("Rare Earths", 2025, "World total")
    assert total.statistic == "Mine production" and total.value == 390_000
    table = one("Rare Earths", 2025)
    assert table.reported_total == 390_000 and table.total == 389_310
    assert "World total" not in {c.name for c in table.countries}
    other = [c for c in table.countries if c.name == "Other countries"]
    assert [(c.code, c.value) for c in other] == [(None, 550)]


def test_rare_earths_2025_by_hand() -> None:
    # mine production 2025, metric tons, as listed in the release
    listed = {"US": 51_000, "AU": 29_000, "BR": 2_000, "MM": 22_000, "CA": 0, "CN": 270_000,
              "GL": 0, "IN": 2_900, "MG": 2_700, "MY": 110, "NG": 1_500, "RU": 2_600,
              "ZA": 0, "TZ": 0, "TH": 4_800, "VN": 150, None: 550}
    total = sum(listed.values())
    shares = {k: v / total for k, v in listed.items()}
    table = one("rare earths", 2025)
    assert {c.code: c.value for c in table.countries} == listed
    assert table.total == total == 389_310
    assert table.top_country == "CN" and table.top_share == pytest.approx(270_000 / total)
    assert table.top_share == pytest.approx(0.69, abs=0.01)  # "about 69%" (USGS, MCS 2026)
    assert table.top3_share == pytest.approx((270_000 + 51_000 + 29_000) / total)
    assert table.hhi == pytest.approx(10_000 * sum(s * s for s in shares.values()))
    assert round(table.hhi) == 5072


def test_gallium_2025_by_hand() -> None:
    listed = {"US": 0, "CN": 900_000, "JP": 3_000, "RU": 6_000, None: 0}  # kilograms
    total = sum(listed.values())
    table = one("Gallium", 2025)
    assert table.statistic == "Primary production" and table.unit == "kilograms"
    assert {c.code: c.value for c in table.countries} == listed
    assert table.top_share == pytest.approx(900_000 / 909_000)
    assert table.top_share == pytest.approx(0.99, abs=0.005)  # about 99% China
    assert table.top3_share == pytest.approx(1.0)
    assert table.hhi == pytest.approx(10_000 * sum((v / total) ** 2 for v in listed.values()))
    assert table.reported_total == 900_000  # rounded, not the sum


# commodity, year: top country, top share, top-3 share, HHI (read from the release's rows
# and checked against a computation from them below)
EXPECTED = {
    ("Rare Earths", 2024): ("CN", 0.7031, 0.8971, 5192),
    ("Gallium", 2024): ("CN", 0.9894, 1.0, 9789),
    ("Tungsten", 2024): ("CN", 0.8210, 0.8859, 6781),
    ("Tungsten", 2025): ("CN", 0.7869, 0.8504, 6242),
    ("Antimony", 2024): ("CN", 0.3362, 0.8572, 2645),
    ("Antimony", 2025): ("CN", 0.3613, 0.8490, 2582),
    ("Graphite (Natural)", 2024): ("CN", 0.8190, 0.9112, 6765),
    ("Graphite (Natural)", 2025): ("CN", 0.7987, 0.8871, 6447),
    ("Cobalt", 2024): ("CD", 0.7494, 0.8919, 5773),
    ("Cobalt", 2025): ("CD", 0.7311, 0.8954, 5562),
    ("Lithium", 2024): ("AU", 0.3709, 0.7759, 2346),
    ("Lithium", 2025): ("AU", 0.3190, 0.7282, 2047),
    ("Nickel", 2024): ("ID", 0.6233, 0.7742, 4117),
    ("Nickel", 2025): ("ID", 0.6692, 0.7902, 4650),
}


@pytest.mark.parametrize(("commodity", "year"), sorted(EXPECTED))
def test_concentration_of_critical_materials(commodity: str, year: int) -> None:
    rows = [r for r in rows_of(commodity, year) if r.kind != "total" and r.value is not None]
    values = {r.country: float(r.value or 0) for r in rows}
    total = sum(values.values())
    named = sorted((v for k, v in values.items() if k != "Other countries"), reverse=True)
    top, top_share, top3, hhi = EXPECTED[commodity, year]
    table = one(commodity, year)
    assert table.top_country == top
    assert table.top_share == pytest.approx(named[0] / total) == pytest.approx(top_share, 1e-3)
    assert table.top3_share == pytest.approx(sum(named[:3]) / total)
    assert table.top3_share == pytest.approx(top3, abs=1e-4)
    assert table.hhi == pytest.approx(concentration(values.values()))
    assert round(table.hhi) == hhi


def test_commodity_names_and_aliases() -> None:
    for name in ("neodymium", "Dysprosium", "ジスプロシウム", "RARE EARTHS", "terbium"):
        assert [t.commodity for t in world_production(name, 2025)] == ["Rare Earths"]
    assert [t.commodity for t in world_production("graphite", 2025)] == ["Graphite (Natural)"]
    with pytest.raises(PlannerError, match="unobtainium"):
        world_production("unobtainium")
    with pytest.raises(PlannerError, match="1999"):
        world_production("Gallium", 1999)
    assert world_production("Gallium")[0].year == 2025  # the latest by default


def test_world_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["world", "--commodity", "gallium", "--json"]) == cli.EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert "10.5066/P1WKQ63T" in data["source"]
    [table] = data["commodities"]
    assert {"commodity", "statistic", "year", "unit", "total", "top_country", "top_share",
            "top3_share", "hhi", "countries"} <= set(table)
    assert (table["commodity"], table["year"], table["top_country"]) == ("Gallium", 2025, "CN")
    assert table["top_share"] == pytest.approx(900 / 909)
    china = table["countries"][0]
    assert {"country", "name", "value", "share"} <= set(china)
    assert (china["country"], china["name"], china["value"]) == ("CN", "China", 900_000)


def test_world_text_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert cli.main(["--lang", "ja", "world", "--commodity", "レアアース"]) == cli.EXIT_OK
    finally:
        i18n.set_language("en")
    out = capsys.readouterr().out
    assert "中国" in out and "ミャンマー" in out and "69.4%" in out
    assert "China" not in out
    assert cli.main(["world", "--commodity", "rare earths", "--year", "2024"]) == cli.EXIT_OK
    english = capsys.readouterr().out
    assert "China" in english and "70.3%" in english and "2024" in english
