"""Secondary supply: Sources ``secondary`` (recycled or reprocessed material).

The small project below is worked by hand. M1 (dysprosium, a rare earth) is bought half
from a Chinese refiner (S1, origin CN) and half from a Japanese trading house (S2) whose
origin is blank. Without ``secondary`` the trader's half is of unknown origin and
look-through spreads it over world rare earth production; marked secondary, it is scrap
recovered in Japan: its origin is Japan, it is never spread, and only a stop of Japan or of
S2 reaches it. M3 (gallium) comes from a German recycler (S5) whose origin is written
"unknown": still not spread (world mine shares say nothing about where scrap is recovered),
so it keeps the supplier's country, Germany.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import Sheets, write_book

import planner
from planner.analysis.scenario import Stop, scenario
from planner.core.errors import InputError
from planner.inputs import storage
from planner.inputs.blank_template import write_blank_template
from planner.inputs.choices import parse_yes_no
from planner.outputs.reports import report_json, report_text

AS_OF = dt.date(2026, 11, 2)

SECONDARY: Sheets = {
    "Items": [
        ["item_id", "name", "kind", "unit", "unit_price", "category", "commodity"],
        ["P1", "Servo motor", "product", "pcs", 1000, "motors", None],
        ["M1", "Dy metal", "material", "kg", 110, "magnet alloys", "Rare Earths"],
        ["M2", "Copper wire", "material", "kg", 10, "wire", None],
        ["M3", "Ga 6N", "material", "kg", 300, "gallium", "Gallium"],
    ],
    "BOM": [["parent_id", "child_id", "qty_per"],
            ["P1", "M1", 0.5], ["P1", "M2", 1], ["P1", "M3", 0.002]],
    "Demand": [["item_id", "quantity", "per"], ["P1", 70, "week"]],
    "Stock": [["item_id", "on_hand"], ["M1", 300], ["M2", 100], ["M3", 1]],
    "Suppliers": [
        ["supplier_id", "name", "country", "kind"],
        ["S1", "Ganzhou Rare Metals", "CN", None],
        ["S2", "東京メタル商事", "JP", "trader"],
        ["S3", "Codelco", "CL", None],
        ["S5", "Harz Metallrecycling", "DE", None],
    ],
    "Sources": [
        ["item_id", "supplier_id", "share", "unit_price", "lead_time_days", "origin_country",
         "secondary"],
        ["M1", "S1", 0.5, 100, 45, "CN", None],
        ["M1", "S2", 0.5, 120, 20, None, "yes"],
        ["M2", "S3", 1.0, 10, 30, None, "no"],
        ["M3", "S5", 1.0, 300, 30, "unknown", "yes"],
    ],
    "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                 ["currency", "EUR"]],
}


@pytest.fixture
def sheets() -> Sheets:
    return copy.deepcopy(SECONDARY)


def _materials(project: planner.Project) -> pd.DataFrame:
    return planner.compute(project).materials.set_index("item_id")


# ------------------------------------------------------------------- reading the cells


@pytest.mark.parametrize(("cell", "read"), [
    ("yes", "yes"), ("No", "no"), (" YES ", "yes"), ("y", "yes"), ("n", "no"),
    ("true", "yes"), ("FALSE", "no"), ("1", "yes"), ("0", "no"), (1.0, "yes"), (0, "no"),
    (True, "yes"), (False, "no"),
    ("はい", "yes"), ("いいえ", "no"), ("○", "yes"), ("〇", "yes"), ("×", "no"),
    ("あり", "yes"), ("なし", "no"), ("該当", "yes"), ("非該当", "no"), ("ＹＥＳ", "yes"),
])
def test_yes_and_no_in_english_and_japanese(cell: object, read: str) -> None:
    out, blank, messages = parse_yes_no([cell])
    assert (out, blank.tolist(), messages) == ([read], [False], {})


def test_a_blank_cell_is_blank_and_read_as_no(sheets: Sheets, tmp_path: Path) -> None:
    out, blank, messages = parse_yes_no([None, "", "  ", float("nan")])
    assert out == [None] * 4 and blank.tolist() == [True] * 4 and not messages
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    assert project.sources["secondary"].tolist() == [pd.NA, "yes", "no", "yes"]
    # blank and "no" are the same supply: primary
    assert _materials(project)["secondary_share"].to_dict() == {
        "M1": 0.5, "M2": 0.0, "M3": 1.0}


def test_a_japanese_header_and_values(sheets: Sheets, tmp_path: Path) -> None:
    sheets["Sources"][0][-1] = "二次原料"
    sheets["Sources"][1][-1] = "×"
    sheets["Sources"][2][-1] = "はい"
    sheets["Sources"][3][-1] = "いいえ"
    sheets["Sources"][4][-1] = "○"
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    assert project.sources["secondary"].tolist() == ["no", "yes", "no", "yes"]
    sheets["Sources"][0][-1] = "リサイクル材"
    again = planner.load(write_book(tmp_path / "again.xlsx", sheets))
    assert again.sources["secondary"].tolist() == ["no", "yes", "no", "yes"]


def test_a_bad_value_is_located_at_its_cell(sheets: Sheets, tmp_path: Path) -> None:
    sheets["Sources"][3][-1] = "maybe"
    sheets["Sources"][4][-1] = 2
    with pytest.raises(InputError) as info:
        planner.load(write_book(tmp_path / "in.xlsx", sheets))
    assert [str(p) for p in info.value.problems] == [
        'Sources!G4: secondary must be yes or no (blank: no), got "maybe"',
        'Sources!G5: secondary must be yes or no (blank: no), got "2"']


def test_a_bad_value_in_japanese(sheets: Sheets, tmp_path: Path, japanese: None) -> None:
    sheets["Sources"][3][-1] = "たぶん"
    with pytest.raises(InputError) as info:
        planner.load(write_book(tmp_path / "in.xlsx", sheets))
    assert [str(p) for p in info.value.problems] == [
        "Sources!G4: 二次原料（secondary）は「該当」または「非該当」で入力してください"
        "（空欄は非該当、入力値: \"たぶん\"）"]


# ----------------------------------------------------------------- every file format


def test_the_round_trip_in_every_format(sheets: Sheets, tmp_path: Path) -> None:
    """Workbook -> project file -> CSV folder -> workbook: the same project."""
    sheets["Sources"][1][-1] = "いいえ"  # read as no, written as no
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    planner.export(project, tmp_path / "p.stockpile")
    from_file = planner.load(tmp_path / "p.stockpile")
    assert from_file.equals(project)
    planner.export(from_file, tmp_path / "csv")
    from_csv = planner.load(tmp_path / "csv")
    assert from_csv.equals(project)
    assert (tmp_path / "csv" / "Sources.csv").read_text(encoding="utf-8-sig").splitlines()[
        2].endswith(",yes")
    planner.export(from_csv, tmp_path / "out.xlsx")
    again = planner.load(tmp_path / "out.xlsx")
    assert again.equals(project)
    assert again.sources["secondary"].tolist() == ["no", "yes", "no", "yes"]
    con = sqlite3.connect(tmp_path / "p.stockpile")
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] >= 4
        stored = [r[0] for r in con.execute("SELECT secondary FROM sources ORDER BY position")]
    finally:
        con.close()
    assert stored == ["no", "yes", "no", "yes"]


def test_a_project_file_of_format_3_opens_with_secondary_blank(
        sheets: Sheets, tmp_path: Path) -> None:
    for row in sheets["Sources"][1:]:
        row[-1] = None
    original = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    path = tmp_path / "old.stockpile"
    storage.save(original, path)
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            ALTER TABLE sources DROP COLUMN secondary;
            UPDATE meta SET value = '3' WHERE key = 'schema_version';
            PRAGMA user_version = 3;
        """)
    finally:
        con.close()
    opened = planner.load(path)
    assert opened.sources["secondary"].isna().all()
    assert opened.equals(original)


def test_the_blank_template_offers_yes_and_no(tmp_path: Path) -> None:
    write_blank_template(tmp_path / "blank.xlsx", AS_OF)
    ws = openpyxl.load_workbook(tmp_path / "blank.xlsx")["Sources"]
    assert ws["M1"].value == "secondary"
    assert ws["M1"].comment.text == ("Optional. Yes: recycled or reprocessed material (its "
                                     "origin: where it is recovered); blank: no.")
    [valid] = [v for v in ws.data_validations.dataValidation
               if str(v.sqref).startswith("M2")]
    assert valid.formula1 == '"yes,no"'
    assert valid.errorStyle in (None, "stop")  # strict: nothing but the two


# ------------------------------------------------------------------ figures and reports


def test_secondary_share_in_the_report(sheets: Sheets, tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    report = planner.compute(project)
    by_id = {m["item_id"]: m for m in report_json(report)["materials"]}
    assert {k: by_id[k]["secondary_share"] for k in by_id} == {
        "M1": 0.5, "M2": 0.0, "M3": 1.0}
    json.dumps(report_json(report))  # plain values
    text = report_text(project, report)
    assert ("Secondary supply (recycled or reprocessed) for 2 material(s): M3 100%, "
            "M1 50%.") in text.splitlines()


def test_no_secondary_line_without_secondary_sources(sheets: Sheets, tmp_path: Path) -> None:
    for row in sheets["Sources"][1:]:
        row[-1] = None
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    assert "Secondary supply" not in report_text(project, planner.compute(project))


# --------------------------------------------------------------------- look-through


def test_a_secondary_source_sold_by_a_trader_is_not_spread(
        sheets: Sheets, tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    m = _materials(project)
    # M1: the trader's blank origin is its own country (JP), known, never spread
    assert m.loc["M1", "unknown_origin_share"] == 0
    assert m.loc["M1", "looked_through_share"] == 0
    assert m.loc["M1", "effective_top_share"] == pytest.approx(0.5)
    # M3: written unknown, yet a recycler's: unknown, but kept at the supplier's country
    assert m.loc["M3", "unknown_origin_share"] == 1
    assert m.loc["M3", "looked_through_share"] == 0
    assert m.loc["M3", "effective_top_country"] == "DE"
    assert m.loc["M3", "effective_top_share"] == 1
    # the same rows as primary supply: the trader's half is spread over world production
    for row in sheets["Sources"][1:]:
        row[-1] = None
    primary = _materials(planner.load(write_book(tmp_path / "primary.xlsx", sheets)))
    assert primary.loc["M1", "unknown_origin_share"] == pytest.approx(0.5)
    assert primary.loc["M1", "looked_through_share"] == pytest.approx(0.5)
    assert primary.loc["M3", "looked_through_share"] == pytest.approx(1.0)
    assert primary.loc["M3", "effective_top_country"] == "CN"


# ------------------------------------------------------------------------- stops


def _hit(project: planner.Project, stop: Stop) -> dict[str, float]:
    result = scenario(project, stop)
    return {str(k): float(v) for k, v in
            result.materials.set_index("item_id")["hit_share"].items()}


def test_a_stop_of_the_recyclers_country_hits_it_and_another_does_not(
        sheets: Sheets, tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    # China: the refiner's half of M1 only, none of the recycled half, no M3
    assert _hit(project, Stop("country", "CN", 30)) == {"M1": pytest.approx(0.5)}
    # Japan, where the scrap is recovered: the recycled half of M1
    assert _hit(project, Stop("country", "JP", 30)) == {"M1": pytest.approx(0.5)}
    # Germany: the gallium recycler, whose written unknown origin is not spread
    assert _hit(project, Stop("country", "DE", 30)) == {"M3": pytest.approx(1.0)}
    # its supplier
    assert _hit(project, Stop("supplier", "S2", 30)) == {"M1": pytest.approx(0.5)}
    # as primary supply, a stop of China reaches into the trader's spread half
    for row in sheets["Sources"][1:]:
        row[-1] = None
    primary = planner.load(write_book(tmp_path / "primary.xlsx", sheets))
    assert _hit(primary, Stop("country", "CN", 30))["M1"] > 0.5 + 0.3
