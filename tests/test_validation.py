"""Every validation rule: its exact message and its Sheet!A1 location.

Each test changes conftest.BASE (a valid project) in one way, writes the workbook, and
asserts the full list of problems printed for it. An input with errors yields no project.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import BASE, Sheets

import planner
from planner.core.errors import InputError
from planner.inputs.project import Project
from planner.inputs.validation import check_project

Problems = Callable[..., list[str]]


@pytest.fixture
def sheets() -> Sheets:
    return copy.deepcopy(BASE)


def only_errors(problems: list[str]) -> list[str]:
    return [p for p in problems if not p.startswith("warning: ")]


def test_the_base_project_is_valid_without_warnings(
        sheets: Sheets, load_rows: Callable[..., planner.Project]) -> None:
    project = load_rows(sheets)
    assert project.warnings == []
    assert len(project.items) == 9 and len(project.sources) == 10


# --- sheets and columns ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Items", "Demand", "Stock", "Suppliers", "Sources"])
def test_missing_required_sheet(sheets: Sheets, problems_of: Problems, name: str) -> None:
    del sheets[name]
    problems = problems_of(sheets)
    assert f"{name}: missing sheet {name} (a workbook needs Items, Demand, Stock, " \
           "Suppliers and Sources)" in problems
    assert len(only_errors(problems)) == 1


def test_optional_sheets_may_be_missing(sheets: Sheets,
                                        load_rows: Callable[..., planner.Project]) -> None:
    del sheets["BOM"], sheets["Orders"], sheets["Settings"]
    sheets["Demand"].append(["M1", 10, "day"])
    project = load_rows(sheets)
    assert project.bom.empty and project.orders.empty
    assert [str(w) for w in project.warnings] == [
        "warning: Settings: no Settings sheet; using the defaults and today as the as-of "
        "date"]
    assert project.settings.horizon_days == 90.0
    assert project.settings.max_country_share == 0.6


def test_empty_required_sheet(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Stock"] = []
    assert problems_of(sheets) == [
        "Stock!A1: the sheet is empty; it needs a header row with item_id, on_hand"]


def test_missing_required_columns(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Items"] = [r[:3] + r[4:] for r in sheets["Items"]]  # no unit
    sheets["Orders"] = [r[:3] for r in sheets["Orders"]]  # no due_date
    assert problems_of(sheets) == [
        "Items!A1: missing required column unit",
        "Orders!A1: missing required column due_date"]


def test_a_column_given_twice(sheets: Sheets, problems_of: Problems) -> None:
    for row in sheets["Sources"]:
        row.append("Share" if row[0] == "item_id" else 0.1)
    assert problems_of(sheets) == ["Sources!G1: column share appears twice (also in column C)"]


def test_unknown_sheets_and_settings_are_warnings(
        sheets: Sheets, load_rows: Callable[..., planner.Project]) -> None:
    sheets["Notes"] = [["anything"]]
    sheets["Settings"].append(["colour", "blue"])
    warnings = [str(w) for w in load_rows(sheets).warnings]
    assert warnings == ["warning: Notes: unknown sheet ignored",
                        'warning: Settings!A9: unknown setting "colour" ignored']


# --- types of every column type ----------------------------------------------------------

@pytest.mark.parametrize(("sheet", "row", "col", "value", "message"), [
    ("BOM", 4, 2, "abc", 'BOM!C4: qty_per must be a positive number, got "abc"'),
    ("BOM", 2, 3, "some", 'BOM!D2: scrap_pct must be a number, got "some"'),
    ("Stock", 2, 1, "lots", 'Stock!B2: on_hand must be a number, got "lots"'),
    ("Stock", 3, 1, "6,5",
     'Stock!B3: on_hand must be a number (write 6.5 with a decimal point), got "6,5"'),
    ("Items", 2, 4, "cheap", 'Items!E2: unit_price must be a number, got "cheap"'),
    ("Sources", 3, 4, "2 weeks", 'Sources!E3: lead_time_days must be a number, got "2 weeks"'),
    ("Sources", 2, 2, "most",
     'Sources!C2: share must be a fraction such as 0.55 or a percentage such as 55%, '
     'got "most"'),
    ("Sources", 2, 2, 50,
     'Sources!C2: share must be between 0 and 1 (write 50% for a percentage), got "50"'),
    ("Orders", 3, 3, "next week",
     'Orders!D3: due_date must be a date such as 2026-11-02, got "next week"'),
    ("Orders", 2, 3, "2026-02-30",
     'Orders!D2: due_date must be a date such as 2026-11-02, got "2026-02-30"'),
    ("Items", 6, 2, "metal",
     'Items!C6: kind must be one of product, component, material, got "metal"'),
    ("Demand", 2, 2, "fortnight",
     'Demand!C2: per must be one of day, week, month, year, got "fortnight"'),
    ("Suppliers", 2, 2, "China",
     'Suppliers!C2: country must be an ISO 3166 alpha-2 country code such as CN '
     '(did you mean CN?), got "China"'),
    ("Suppliers", 4, 2, "XX",
     'Suppliers!C4: country must be an ISO 3166 alpha-2 country code such as CN, got "XX"'),
    ("Sources", 3, 5, "Germany",
     'Sources!F3: origin_country must be an ISO 3166 alpha-2 country code such as CN '
     '(did you mean DE?), got "Germany"'),
    ("Items", 3, 0, True, 'Items!A3: item_id must be text or a number, got "True"'),
    ("Items", 3, 1, "x" * 1001, "Items!B3: name must be at most 1,000 characters long, "
                                "got 1,001"),
])
def test_cell_types(sheets: Sheets, problems_of: Problems, sheet: str, row: int, col: int,
                    value: object, message: str) -> None:
    sheets[sheet][row - 1][col] = value
    assert problems_of(sheets) == [message]


@pytest.mark.parametrize(("sheet", "row", "col", "message"), [
    ("Items", 3, 1, "Items!B3: name is required"),
    ("Items", 3, 2, "Items!C3: kind is required"),
    ("BOM", 5, 1, "BOM!B5: child_id is required"),
    ("Demand", 2, 2, "Demand!C2: per is required"),
    ("Stock", 2, 1, "Stock!B2: on_hand is required"),
    ("Suppliers", 3, 2, "Suppliers!C3: country is required"),
    ("Sources", 4, 2, "Sources!C4: share is required"),
    ("Orders", 2, 3, "Orders!D2: due_date is required"),
])
def test_required_cells(sheets: Sheets, problems_of: Problems, sheet: str, row: int,
                        col: int, message: str) -> None:
    sheets[sheet][row - 1][col] = None
    assert problems_of(sheets) == [message]


@pytest.mark.parametrize(("sheet", "row", "col", "value", "message"), [
    ("BOM", 2, 2, 0, 'BOM!C2: qty_per must be greater than zero, got "0"'),
    ("BOM", 3, 2, -1, 'BOM!C3: qty_per must be greater than zero, got "-1"'),
    ("BOM", 3, 3, -5, 'BOM!D3: scrap_pct must not be negative, got "-5"'),
    ("Demand", 2, 1, -700, 'Demand!B2: quantity must not be negative, got "-700"'),
    ("Stock", 2, 1, -5, 'Stock!B2: on_hand must not be negative, got "-5"'),
    ("Stock", 2, 2, "-1,000", 'Stock!C2: safety_stock must not be negative, got "-1,000"'),
    ("Stock", 2, 3, -1, 'Stock!D2: target_days must not be negative, got "-1"'),
    ("Orders", 2, 2, 0, 'Orders!C2: quantity must be greater than zero, got "0"'),
    ("Sources", 2, 3, -60, 'Sources!D2: unit_price must not be negative, got "-60"'),
    ("Items", 2, 4, -1, 'Items!E2: unit_price must not be negative, got "-1"'),
])
def test_negative_or_zero_quantities(sheets: Sheets, problems_of: Problems, sheet: str,
                                     row: int, col: int, value: object, message: str) -> None:
    sheets[sheet][row - 1][col] = value
    assert problems_of(sheets) == [message]


def test_zero_demand_and_zero_stock_are_meaningful(
        sheets: Sheets, load_rows: Callable[..., planner.Project]) -> None:
    sheets["Demand"][3][1] = 0
    sheets["Stock"][1][1] = 0
    project = load_rows(sheets)
    assert project.demand["quantity"].iloc[2] == 0.0
    assert project.stock["on_hand"].iloc[0] == 0.0


# --- settings ----------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "value", "message"), [
    (2, "soon", 'Settings!B2: as_of_date must be a date such as 2026-11-02, got "soon"'),
    (3, 0, 'Settings!B3: horizon_days must be greater than zero, got "0"'),
    (3, "ninety", 'Settings!B3: horizon_days must be a number, got "ninety"'),
    (4, -1, 'Settings!B4: target_days must not be negative, got "-1"'),
    (5, "150%", 'Settings!B5: max_supplier_share must be between 0 and 1, got "150%"'),
    (6, 60, 'Settings!B6: max_country_share must be between 0 and 1 '
            '(write 60% for a percentage), got "60"'),
])
def test_settings_values(sheets: Sheets, problems_of: Problems, row: int, value: object,
                         message: str) -> None:
    sheets["Settings"][row - 1][1] = value
    assert problems_of(sheets) == [message]


def test_a_setting_given_twice(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Settings"].append(["Horizon days", 30])
    assert problems_of(sheets) == ["Settings!A9: horizon_days is set twice (also on row 3)"]


def test_blank_settings_take_the_defaults(sheets: Sheets,
                                          load_rows: Callable[..., planner.Project]) -> None:
    sheets["Settings"] = [["Key", "Value"], ["as_of_date", "2026-11-02"],
                          ["horizon_days", None], ["currency", ""]]
    s = load_rows(sheets).settings
    assert (s.horizon_days, s.target_days, s.max_supplier_share, s.currency) == (
        90.0, 60.0, 0.6, "USD")


# --- across rows and sheets --------------------------------------------------------------

def test_duplicate_ids(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Items"].append(["M3", "Copper wire rod", "material", "kg"])  # row 11
    sheets["Suppliers"].append(["S5", "Aurubis AG", "DE"])  # row 8
    sheets["Stock"].append(["M1", 1])  # row 7
    sheets["BOM"].append(["C1", "M2", 0.06])  # row 10
    sheets["Sources"].append(["M3", "S6", 0, 8, 30])  # row 12, same blank origin as row 7
    assert problems_of(sheets) == [
        "Items!A11: duplicate item_id M3 (first on row 8)",
        "Suppliers!A8: duplicate supplier_id S5 (first on row 6)",
        "Stock!A7: duplicate stock row for item M1 (first on row 2)",
        "BOM!A10: duplicate BOM line C1 / M2 (first on row 6)",
        "Sources!A12: duplicate source M3 / S6 / (blank) (first on row 7)"]


def test_one_supplier_may_sell_from_two_origins(sheets: Sheets,
                                                load_rows: Callable[..., planner.Project]
                                                ) -> None:
    project = load_rows(sheets)  # BASE: S3 sells M5 from CN and from JP
    m5 = project.sources[project.sources["item_id"] == "M5"]
    assert m5["supplier_id"].tolist().count("S3") == 2


def test_unknown_references(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Demand"].append(["P9", 1, "day"])  # row 5
    sheets["Stock"].append(["M9", 1])  # row 7
    sheets["BOM"].append(["P9", "M1", 1])  # row 10
    sheets["BOM"].append(["P1", "X7", 1])  # row 11
    sheets["Sources"][4][1] = "S7"  # M2 from an unknown supplier, row 5
    sheets["Orders"].append(["M8", "S5", 1, "2026-12-01"])  # row 6
    sheets["Orders"].append(["M3", "S0", 1, "2026-12-01"])  # row 7
    assert only_errors(problems_of(sheets)) == [
        'Demand!A5: unknown item "P9"',
        'Stock!A7: unknown item "M9"',
        'Orders!A6: unknown item "M8"',
        'BOM!A10: unknown item "P9"',
        'BOM!B11: unknown item "X7"',
        'Sources!B5: unknown supplier "S7"',
        'Orders!B7: unknown supplier "S0"']


@pytest.mark.parametrize(("shares", "total"), [
    ((0.5, 0.3, 0.19), "0.99"), ((0.5, 0.3, 0.206), "1.006"), ((0.5, 0.3, 0.1949), "0.9949"),
    (("50%", "30%", "30%"), "1.1")])
def test_shares_must_sum_to_one(sheets: Sheets, problems_of: Problems,
                                shares: tuple[object, ...], total: str) -> None:
    for row, share in zip(sheets["Sources"][1:4], shares, strict=True):
        row[2] = share
    assert problems_of(sheets) == [
        f"Sources!C2: the shares of item M1 sum to {total}, not 1 (allowed: 1 ± 0.005)"]


@pytest.mark.parametrize("last", [0.195, 0.205, 0.1951, 0.2049])
def test_shares_within_half_a_percent_are_accepted(
        sheets: Sheets, load_rows: Callable[..., planner.Project], last: float) -> None:
    sheets["Sources"][3][2] = last
    assert load_rows(sheets).sources["share"].iloc[2] == last


def test_bom_cycle_names_its_path(sheets: Sheets, problems_of: Problems) -> None:
    sheets["BOM"].append(["M1", "C2", 1])  # C2 → C1 → M1 → C2, row 10
    assert problems_of(sheets) == [
        "BOM!A4: the BOM has a cycle: C2 → C1 → M1 → C2"]


def test_bom_self_loop(sheets: Sheets, problems_of: Problems) -> None:
    sheets["BOM"].append(["M3", "M3", 1])
    assert problems_of(sheets) == ["BOM!A10: the BOM has a cycle: M3 → M3"]


def test_two_separate_cycles_are_both_named(sheets: Sheets, problems_of: Problems) -> None:
    sheets["BOM"].append(["M2", "C1", 1])  # row 10: C1 → M2 → C1
    sheets["BOM"].append(["M5", "P2", 1])  # row 11: P2 → M5 → P2
    assert problems_of(sheets) == [
        "BOM!A6: the BOM has a cycle: C1 → M2 → C1",
        "BOM!A11: the BOM has a cycle: M5 → P2 → M5"]


def test_a_cycle_above_a_large_bom_is_found_quickly() -> None:
    """One cycle at the top of 60,000 items: each item explored once, not once per item."""
    n = 60_000
    parents = ["A", "B", *(f"N{i}" for i in range(n - 1)), "A"]
    children = ["B", "A", *(f"N{i + 1}" for i in range(n - 1)), "N0"]
    items = pd.DataFrame({
        "item_id": pd.array(["A", "B", *(f"N{i}" for i in range(n))], dtype="string"),
        "name": pd.array(["x"] * (n + 2), dtype="string"),
        "kind": pd.array(["component"] * (n + 2), dtype="string"),
        "unit": pd.array(["pcs"] * (n + 2), dtype="string"),
        "unit_price": np.full(n + 2, np.nan), "category": pd.array([None] * (n + 2),
                                                                   dtype="string")})
    bom = pd.DataFrame({
        "parent_id": pd.array(parents, dtype="string"),
        "child_id": pd.array(children, dtype="string"),
        "qty_per": np.ones(len(parents)), "scrap_pct": np.full(len(parents), np.nan)})
    project = Project({"Items": items, "BOM": bom})  # the other tables empty
    started = time.perf_counter()
    problems = [str(p) for p in check_project(project)]
    assert time.perf_counter() - started < 5
    assert problems == ["BOM!A2: the BOM has a cycle: A → B → A"]


def test_warnings_that_do_not_stop_the_import(sheets: Sheets,
                                              load_rows: Callable[..., planner.Project]
                                              ) -> None:
    sheets["Items"].append(["M6", "Terbium", "material", "kg"])  # no sources, row 11
    sheets["Orders"].append(["M3", "S1", 10, "2026-12-01"])  # S1 sells no copper, row 6
    project = load_rows(sheets)
    assert [str(w) for w in project.warnings] == [
        "warning: Items!A11: material M6 has no Sources rows; its supply exposure cannot "
        "be computed",
        "warning: Orders!B6: no Sources row for M3 from S1"]


# --- every problem at once; no project from an input with errors -------------------------

def test_every_cell_problem_is_reported_at_once(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Items"][2][2] = "gadget"
    sheets["BOM"][3][2] = "abc"
    sheets["Stock"] = [r[:1] + r[2:] for r in sheets["Stock"]]  # no on_hand column
    sheets["Suppliers"][1][2] = "PRC"
    sheets["Orders"][1][3] = "soon"
    sheets["Settings"][2][1] = -3
    sheets["Items"][0].append("Remarks")
    assert problems_of(sheets) == [
        'warning: Items!G1: unknown column "Remarks" ignored',
        'Items!C3: kind must be one of product, component, material, got "gadget"',
        'BOM!C4: qty_per must be a positive number, got "abc"',
        "Stock!A1: missing required column on_hand",
        'Suppliers!C2: country must be an ISO 3166 alpha-2 country code such as CN, '
        'got "PRC"',
        'Orders!D2: due_date must be a date such as 2026-11-02, got "soon"',
        'Settings!B3: horizon_days must be greater than zero, got "-3"']


def test_every_cross_sheet_problem_is_reported_at_once(sheets: Sheets,
                                                       problems_of: Problems) -> None:
    sheets["Items"].append(["P1", "Motor again", "product", "pcs"])
    sheets["Demand"].append(["Z1", 1, "day"])
    sheets["Sources"][4][2] = 0.9
    sheets["BOM"].append(["M1", "C2", 1])
    problems = problems_of(sheets)
    assert problems == [
        "Items!A11: duplicate item_id P1 (first on row 2)",
        'Demand!A5: unknown item "Z1"',
        "Sources!C5: the shares of item M2 sum to 0.9, not 1 (allowed: 1 ± 0.005)",
        "BOM!A4: the BOM has a cycle: C2 → C1 → M1 → C2"]


def test_the_error_message_lists_every_problem(sheets: Sheets, make_book: Callable[..., Path]
                                               ) -> None:
    sheets["BOM"][3][2] = "abc"
    sheets["Stock"][2][1] = -1
    with pytest.raises(InputError) as info:
        planner.load(make_book(sheets))
    assert str(info.value) == (
        "2 problems in the input:\n"
        'BOM!C4: qty_per must be a positive number, got "abc"\n'
        'Stock!B3: on_hand must not be negative, got "-1"')


def test_an_input_with_errors_yields_no_project(sheets: Sheets, make_book: Callable[..., Path],
                                                tmp_path: Path) -> None:
    good = planner.load(make_book(sheets, "good.xlsx"))
    sheets["Stock"][1][1] = "n/a"
    bad = make_book(sheets, "bad.xlsx")
    result = None
    with pytest.raises(InputError):
        result = planner.load(bad)
    assert result is None
    # the project loaded before is untouched by the failed import
    assert good.stock["on_hand"].iloc[0] == 2000.0
