"""Hardening of validation and compute: values a project file may hold that the typed
workbook never does (a blank kind), and BOMs deep enough to show quadratic costs.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner import cli
from planner.analysis.compute import compute
from planner.core.errors import InputError
from planner.inputs import storage
from planner.inputs.validation import check_project


def _saved(tmp_path: Path) -> planner.Project:
    return planner.load(write_book(tmp_path / "input.xlsx", copy.deepcopy(BASE)))


def test_a_blank_kind_in_a_project_file_does_not_crash_the_checks(tmp_path: Path) -> None:
    project = _saved(tmp_path)
    row = int((project.items["kind"] == "material").to_numpy().argmax())
    project.items.loc[row, "kind"] = pd.NA
    storage.save(project, tmp_path / "blank.stockpile")
    opened = storage.load(tmp_path / "blank.stockpile")
    assert pd.isna(opened.items["kind"].iloc[row])
    # the old code raised TypeError (boolean value of NA is ambiguous) here
    problems = [str(p) for p in check_project(opened)]
    assert all("Items" not in p or "has no Sources" not in p for p in problems)


CHAIN = 5_000


def _chain(depth: int) -> Sheets:
    """Product K0 needs 3 of K1, each K1 one K2, ..., K(depth-2) half a K(depth-1), the
    material at the bottom; 7 K0 a week."""
    sheets = copy.deepcopy(BASE)
    ids = [f"K{i}" for i in range(depth)]
    sheets["Items"] = [sheets["Items"][0], [ids[0], "top", "product", "pcs", 10, None],
                       *[[i, i, "component", "pcs", None, None] for i in ids[1:-1]],
                       [ids[-1], "bottom", "material", "kg", 2, None]]
    qty = [3.0] + [1.0] * (depth - 3) + [0.5]
    sheets["BOM"] = [sheets["BOM"][0], *[[ids[k], ids[k + 1], qty[k], None]
                                         for k in range(depth - 1)]]
    sheets["Demand"] = [sheets["Demand"][0], [ids[0], 7, "week"]]
    sheets["Stock"] = [sheets["Stock"][0], [ids[-1], 300, 0, None]]
    sheets["Sources"] = [sheets["Sources"][0], [ids[-1], "S1", 1.0, 2, 10, None]]
    sheets["Orders"] = sheets["Orders"][:1]
    return sheets


def test_a_bom_chain_5000_levels_deep_computes(tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "chain.xlsx", _chain(CHAIN)))
    report = compute(project)
    items = report.items.set_index("item_id")
    # by hand: 7 a week is 1 a day; 3 K1 per K0, one of each below, half a K4999 per K4998
    assert items.loc["K1", "daily_use"] == pytest.approx(3.0)
    assert items.loc[f"K{CHAIN - 2}", "daily_use"] == pytest.approx(3.0)
    assert items.loc[f"K{CHAIN - 1}", "daily_use"] == pytest.approx(1.5)
    assert items.loc[f"K{CHAIN - 1}", "level"] == CHAIN - 1
    material = report.materials.set_index("item_id").loc[f"K{CHAIN - 1}"]
    assert material["days_of_cover"] == pytest.approx(200.0)  # 300 on hand / 1.5 a day
    per_unit = report.product_materials
    assert per_unit[["product_id", "material_id"]].values.tolist() == [["K0", f"K{CHAIN - 1}"]]
    assert per_unit["qty_per_unit"].tolist() == pytest.approx([1.5])


def _problems(tmp_path: Path, sheets: Sheets) -> list[str]:
    """The problems reading a workbook raises: an overflow is refused when the file is
    checked, before any figure is computed."""
    with pytest.raises(InputError) as info:
        planner.load(write_book(tmp_path / "overflow.xlsx", sheets))
    return [str(p) for p in info.value.problems]


def test_a_quantity_whose_product_overflows_is_refused_with_its_cell(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["BOM"][4][2] = 1e308  # C1 -> M1: 0.3 becomes 1e308
    assert _problems(tmp_path, sheets) == [
        "BOM!C5: qty_per 1e308 makes the requirement of M1 infinite"]


def test_an_overflow_is_blamed_on_the_line_where_it_happens(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["BOM"][3][2] = 1e200  # C2 -> C1: large but finite
    sheets["BOM"][4][2] = 1e200  # C1 -> M1: beyond any float
    assert _problems(tmp_path, sheets) == [
        "BOM!C5: qty_per 1e200 makes the requirement of M1 infinite"]


def test_demand_rows_whose_sum_overflows_are_refused(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Demand"][1][1:] = [1e308, "day"]
    sheets["Demand"].append(["P1", 1.5e308, "day"])
    assert _problems(tmp_path, sheets) == [
        "Demand!B5: quantity 1.5e308 makes the requirement of P1 infinite"]


def test_an_overflow_per_unit_without_demand_gives_no_figures(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Demand"] = sheets["Demand"][:1]  # no use at all, but 1e200 x 1e200 per motor
    sheets["BOM"][3][2] = 1e200
    sheets["BOM"][4][2] = 1e200
    assert _problems(tmp_path, sheets) == [
        "BOM!C5: qty_per 1e200 makes the requirement of M1 infinite"]


def test_planner_check_refuses_an_overflow_with_its_cell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["BOM"][4][2] = 1e308
    path = write_book(tmp_path / "overflow.xlsx", sheets)
    assert cli.main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("BOM!C5: qty_per 1e308 makes the requirement of M1 infinite\n"
                            "1 problem found; nothing was changed.\n")


def test_a_scrap_percentage_that_overflows_is_refused_at_its_line(tmp_path: Path) -> None:
    sheets = copy.deepcopy(BASE)
    bom = sheets["BOM"]
    scrap = [cell.lower() for cell in map(str, bom[0])].index("scrap_pct")
    bom[4][2:scrap + 1] = [1e300, 1e10]  # 1e300 alone would do; with 1e8 times more, not
    assert _problems(tmp_path, sheets) == [
        "BOM!C5: qty_per 1e300 with scrap_pct 1e10 makes the requirement of M1 infinite"]


def test_a_project_edited_in_the_program_is_refused_by_its_checks_and_figures(
        tmp_path: Path) -> None:
    project = _saved(tmp_path)
    project.bom.loc[3, "qty_per"] = 1e308  # BOM row 5, as the window would set it
    assert [str(p) for p in check_project(project)] == [
        "BOM!C5: qty_per 1e308 makes the requirement of M1 infinite"]
    with pytest.raises(InputError) as info:
        compute(project)
    assert [str(p) for p in info.value.problems] == [
        "BOM!C5: qty_per 1e308 makes the requirement of M1 infinite"]


def test_the_cli_names_the_cell_instead_of_a_date_in_year_4764(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["BOM"][4][2] = 1e308
    path = write_book(tmp_path / "overflow.xlsx", sheets)
    assert cli.main(["report", str(path)]) != 0
    err = capsys.readouterr().err
    assert "BOM!C5: qty_per 1e308 makes the requirement of M1 infinite" in err
    assert "Traceback" not in err
