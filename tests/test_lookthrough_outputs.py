"""Look-through in what leaves the program: the report's JSON and text, the plan workbook,
the printed summary, the scenario's text and `planner world` in Japanese.

The project is the EV sample with one more source of unknown origin: the trader
SUP-ELB's origins blanked, so its share of each rare earth is spread over the world's
producers (China 69.35% of rare earths in 2025)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

import planner
from planner import cli
from planner.analysis.lookthrough import MARKS, world_shares
from planner.core import i18n

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ev_motors_wind.xlsx"
TRADER = "SUP-ELB"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with SUP-ELB a trader whose Sources rows say no origin."""
    project = planner.load(SAMPLE)
    suppliers, sources = project.suppliers, project.sources
    suppliers.loc[suppliers["supplier_id"] == TRADER, "kind"] = "trader"
    sources.loc[sources["supplier_id"] == TRADER, "origin_country"] = None
    path = tmp_path_factory.mktemp("lookthrough") / "trader.xlsx"
    planner.export(project, path)
    return path


@pytest.fixture(autouse=True)
def english() -> object:
    """Each test starts, and leaves the engine, in English."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def main(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err
    return out


def expected_cn(path: Path, item: str) -> tuple[float, float, float]:
    """For ``item``: the declared share from China of known origin, the share of unknown
    origin, and China's world share of rare earths, from the sheet itself."""
    project = planner.load(path)
    report = planner.compute(project)
    rows = report.sources[report.sources["item_id"] == item]
    known = rows[~rows["origin_unknown"].to_numpy(dtype=bool)]
    cn = float(known.loc[known["origin_country"] == "CN", "share"].sum())
    unknown = float(rows.loc[rows["origin_unknown"].to_numpy(dtype=bool), "share"].sum())
    table = world_shares()["Rare Earths"]
    return cn, unknown, float(table.shares[table.codes.index("CN")])


def test_report_json_has_world_effective_portfolio_and_origin_content(
        book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(main(capsys, "report", book, "--json"))
    assert {"as_of", "materials", "items", "country_dependence_by_value", "products",
            "effective_country_dependence_by_value", "portfolio"} <= set(data)
    nd = next(m for m in data["materials"] if m["item_id"] == "M-ND")
    cn, unknown, world = expected_cn(book, "M-ND")
    assert world == pytest.approx(0.6935, abs=5e-4)  # USGS 2025, mine production
    assert unknown > 0.1  # the trader's blanked row and more
    assert nd["commodity"] == "Rare Earths"
    assert nd["world_top_country"] == "CN"
    assert nd["world_top_share"] == pytest.approx(world)
    assert nd["unknown_origin_share"] == pytest.approx(unknown)
    assert nd["looked_through_share"] == pytest.approx(unknown)
    assert nd["effective_top_country"] == "CN"
    assert nd["effective_top_share"] == pytest.approx(cn + unknown * world)
    assert nd["effective_top_share"] > nd["top_country_share"]
    for key in ("world_hhi", "effective_country_hhi"):
        assert 0 < nd[key] <= 10_000
    fe = next(m for m in data["materials"] if m["item_id"] == "M-FE")
    assert fe["commodity"] is None and fe["world_top_share"] is None  # NaN → null
    # the old keys are all still there
    assert {"top_country", "top_country_share", "country_hhi", "safety_stock_basis"} <= set(nd)

    rare = next(p for p in data["portfolio"] if p["commodity"] == "Rare Earths")
    assert set(rare) == {"commodity", "materials", "top_country_by_value", "share_by_value",
                         "top_country_by_quantity", "share_by_quantity",
                         "declared_top_country", "declared_share_by_value",
                         "over_g7_60", "over_g7_50", "over_eu_65"}
    assert rare["materials"] == 4 and rare["top_country_by_value"] == "CN"
    assert rare["share_by_value"] > rare["declared_share_by_value"]
    for name, level in MARKS:
        dependence = max(s for s in (rare["share_by_value"], rare["share_by_quantity"])
                         if s is not None)
        assert rare[name] is (dependence > level)
    effective = data["effective_country_dependence_by_value"]
    assert effective["CN"] > data["country_dependence_by_value"]["CN"]

    for product in data["products"]:
        content = product["origin_content"]
        assert content and all(set(c) == {"country", "value", "share"} for c in content)
        assert sum(c["share"] for c in content) == pytest.approx(1.0)
        assert sum(c["value"] for c in content) == pytest.approx(product["material_value"])
        cn_content = next(c for c in content if c["country"] == "CN")
        assert product["content_country"] == "CN"
        assert product["content_value"] == pytest.approx(cn_content["value"])
        assert product["content_share"] == pytest.approx(cn_content["share"])
        assert product["content_flag"] is (product["content_share"] > 0.001)
    countries = [c["country"] for p in data["products"] for c in p["origin_content"]]
    assert None in countries  # the world's Other countries: no known origin


def test_report_text_sets_declared_beside_effective(
        book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = main(capsys, "report", book)
    cn, unknown, world = expected_cn(book, "M-ND")
    lines = text.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("Looking through")))
    header = lines[at + 1].split()
    assert header[:5] == ["Item", "Commodity", "Declared", "Share", "Effective"]
    nd = next(line.strip() for line in lines[at:] if line.startswith("  M-ND "))
    assert re.search(rf"Rare Earths\s+CN\s+{cn:.0%}\s+CN\s+{cn + unknown * world:.0%}\s+"
                     rf"{unknown:.0%}\s+CN\s+{world:.0%}$", nd), nd
    assert not any(line.startswith("  M-FE ") for line in lines[at:])  # no commodity
    assert "Portfolio against the policy marks" in text
    rare = next(line for line in lines if line.startswith("  Rare Earths "))
    assert "G7 60%, G7 50%, EU 65%" in rare
    assert re.search(r"Products whose material value from CN is above 0\.1%: P-\S+ "
                     r"\d+\.\d%", text)
    assert ("Origin content is an estimate for screening, not a legal determination."
            in text)
    # what was there before stays as it was, the closing lines last
    assert lines[-1].startswith("Country dependence by value (EUR): ")
    assert re.match(r"10 materials: \d critical", lines[-2])


def test_report_text_in_japanese(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = main(capsys, "--lang", "ja", "report", book)
    assert "鉱山までのルックスルー" in text
    assert "政策目安との比較" in text
    assert re.search(r"M-ND\s+レアアース\s+中国", text)
    assert "スクリーニング用の推定値であり、法的な判定ではありません" in text


def test_report_of_a_project_without_look_through_keeps_its_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = planner.load(SAMPLE)
    project.items["commodity"] = "none"
    path = tmp_path / "none.xlsx"
    planner.export(project, path)
    text = main(capsys, "report", path)
    assert "Looking through" not in text and "Portfolio" not in text
    # the content flag needs no commodity: declared origins weigh alike
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Products whose"))
    assert lines[at].startswith("Products whose material value from CN is above 0.1%: ")
    assert lines[at + 1].startswith("Origin content is an estimate for screening")
    assert lines[-1].startswith("Country dependence by value (EUR): ")


def test_plan_workbook_shows_the_effective_origin(book: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cn, unknown, world = expected_cn(book, "M-ND")
    for language, sheet, country, share in (
            ("en", "Exposure", "Effective top country", "Effective country share"),
            ("ja", "供給リスク", "実質最大原産国", "実質原産国比率")):
        out = tmp_path / f"plan_{language}.xlsx"
        main(capsys, "--lang", language, "plan", book, "-o", out)
        ws = openpyxl.load_workbook(out, read_only=True)[sheet]
        rows = list(ws.iter_rows(values_only=True))
        header = list(rows[0])
        assert header.index(country) == header.index(share) - 1
        # the declared top country and share, then the commodity, then the effective ones
        at = header.index(share)
        nd = next(r for r in rows[1:] if r[0] == "M-ND")
        assert nd[at - 4:at + 1] == ("CN", pytest.approx(cn), nd[at - 2], "CN",
                                     pytest.approx(cn + unknown * world))
        assert nd[header.index(share) - 2] == ("Rare Earths" if language == "en"
                                               else "レアアース")
        json.dumps([list(r) for r in rows], default=str)  # every cell a plain value


def pdf_text(path: Path) -> str:
    """The PDF's text, as NFKC (pdftotext gives some kanji as radicals: ⽉ for 月), its
    runs of white space one space."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_summary_pdf_prints_the_portfolio_against_the_marks(book: Path, tmp_path: Path,
                                                            language: str) -> None:
    out = tmp_path / "summary.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "planner", "--lang", language, "summary",
                          str(book), "-o", str(out)], capture_output=True, text=True,
                         env=env, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    text = pdf_text(out)
    project = planner.load(book)
    portfolio = planner.compute(project).portfolio
    assert portfolio is not None
    rare = portfolio[portfolio["commodity"] == "Rare Earths"].iloc[0]
    cn, unknown, world = expected_cn(book, "M-ND")
    # the declared origin beside the effective one
    nd = (rf"Neodymium metal 99\.5% {{commodity}} CN {cn:.1%} CN {cn + unknown * world:.1%} "
          rf"{unknown:.1%} CN {world:.1%}")
    by_value = f"CN {rare['share_by_value']:.1%}"
    declared = f"CN {rare['declared_share_by_value']:.1%}"
    if language == "en":
        assert "Portfolio against the policy marks" in text
        assert "Over G7 60% Over G7 50% Over EU 65%" in text
        assert re.search(rf"Rare Earths 4 {re.escape(by_value)} CN \d+\.\d% "
                         rf"{re.escape(declared)} yes yes yes", text), text
        assert "Declared and effective origin" in text
        assert re.search(nd.format(commodity="Rare Earths"), text), text
        assert re.search(r"Flagged for origin content \(more than 0\.1% of the material "
                         r"value from CN\): P-", text)
        assert "an estimate for screening, not a legal determination" in text
    else:
        assert "政策目安との比較" in text
        assert re.search(rf"レアアース 4 {re.escape(by_value)} CN \d+\.\d% "
                         rf"{re.escape(declared)} 該当 該当 該当", text), text
        assert "申告ベースの原産国と実質ベースの原産国" in text
        assert re.search(nd.format(commodity="レアアース"), text), text
        assert "原産国含有率で要確認の製品" in text
        assert "スクリーニング用の推定値であり、法的な判定ではありません" in text.replace(" ", "")


def test_scenario_says_how_much_of_the_hit_came_from_look_through(
        book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(main(capsys, "scenario", book, "--stop", "country:CN", "--json"))
    nd = next(m for m in data["materials"] if m["item_id"] == "M-ND")
    _cn, unknown, world = expected_cn(book, "M-ND")
    assert nd["looked_through_share"] == pytest.approx(unknown * world)
    text = main(capsys, "scenario", book, "--stop", "country:CN")
    line = next(line for line in text.splitlines() if line.startswith("Look-through"))
    assert (f"M-ND {unknown * world:.1%} of {nd['hit_share']:.1%}" in line)
    text = main(capsys, "scenario", book, "--stop", "supplier:SUP-LFE")
    assert "Look-through" not in text  # France's iron: nothing looked through


def test_world_names_commodities_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    text = main(capsys, "--lang", "ja", "world", "--commodity", "gallium")
    assert text.startswith("ガリウム")
    data = json.loads(main(capsys, "--lang", "ja", "world", "--commodity", "gallium",
                           "--json"))
    assert [c["commodity"] for c in data["commodities"]] == ["Gallium"]
    assert main(capsys, "world", "--commodity", "gallium").startswith("Gallium: ")
