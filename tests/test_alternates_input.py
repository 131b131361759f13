"""The Alternates sheet on the input side: read from a workbook, a CSV folder (English or
Japanese names) and a project file, written back, and checked against the other sheets.

The project is conftest.BASE with two alternates. C3, a magnet set without dysprosium, is
made of more NdPr oxide (M1) and no dysprosium metal (M2); it may replace C1 once it is
qualified, 30 days into a stop, for at most half of C1's requirement. M6, recycled
germanium from Aurubis, may replace M4 at once and for all of it. Each test of a check
breaks one row in one way and asserts the exact lines `planner check` prints.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner.cli import main
from planner.inputs import storage
from planner.inputs.validation import KeptChecks, check_project

Problems = Callable[..., list[str]]
HEADER: list[object] = ["item_id", "alternate_id", "ratio", "qualification_days",
                        "max_share"]


@pytest.fixture
def sheets() -> Sheets:
    sheets = copy.deepcopy(BASE)
    sheets["Items"] += [["C3", "Dy-free magnet set", "component", "kg", None, None],
                        ["M6", "Recycled germanium", "material", "kg", 1400, "minor metals"]]
    sheets["BOM"].append(["C3", "M1", 0.35, 2])
    sheets["Sources"].append(["M6", "S5", 1.0, 1400, 20, None])
    sheets["Alternates"] = [HEADER, ["C1", "C3", 1.1, 30, "50%"], ["M4", "M6", None, None,
                                                                      None]]
    return sheets


def only(rows: list[list[object]]) -> list[list[object]]:
    """The Alternates sheet with ``rows`` under its header."""
    return [HEADER, *rows]


# --- reading and writing ---------------------------------------------------------------

def test_a_workbook_with_alternates_is_read_checked_and_written_back(
        sheets: Sheets, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_book(tmp_path / "in.xlsx", sheets)
    project = planner.load(path)
    assert project.warnings == []
    alternates = project.alternates
    assert alternates["item_id"].tolist() == ["C1", "M4"]
    assert alternates["alternate_id"].tolist() == ["C3", "M6"]
    assert alternates["ratio"].iloc[0] == 1.1 and np.isnan(alternates["ratio"].iloc[1])
    assert alternates["qualification_days"].iloc[0] == 30
    assert alternates["max_share"].iloc[0] == 0.5
    assert np.isnan(alternates["max_share"].iloc[1])  # blank: 100%, as the engine reads it

    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "in.xlsx: valid (11 items, 9 bom, 11 sources, 4 orders)\n"

    planner.export(project, tmp_path / "p.stockpile")
    from_file = planner.load(tmp_path / "p.stockpile")
    assert from_file.equals(project)
    con = sqlite3.connect(tmp_path / "p.stockpile")
    try:
        stored = con.execute("SELECT item_id, alternate_id, ratio, qualification_days, "
                             "max_share FROM alternates ORDER BY position").fetchall()
    finally:
        con.close()
    assert stored == [("C1", "C3", 1.1, 30.0, 0.5), ("M4", "M6", None, None, None)]
    planner.export(from_file, tmp_path / "out.xlsx")
    again = planner.load(tmp_path / "out.xlsx")
    assert again.equals(project)
    assert again.alternates.equals(project.alternates)


def test_a_csv_folder_with_alternates_in_english_or_japanese(
        sheets: Sheets, tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    planner.export(project, tmp_path / "csv")
    written = (tmp_path / "csv" / "Alternates.csv").read_text(encoding="utf-8-sig")
    assert written.splitlines() == [",".join(map(str, HEADER)), "C1,C3,1.1,30,0.5", "M4,M6,,,"]
    assert planner.load(tmp_path / "csv").equals(project)

    # as a Japanese user writes it: the sheet 代替品, Japanese headers, 50%, a blank cell
    (tmp_path / "csv" / "Alternates.csv").unlink()
    (tmp_path / "csv" / "代替品.csv").write_text(
        "品目コード,代替品目コード,代替比率,切替可能日数,代替上限比率\n"
        "C1,C3,1.1,30,50%\nM4,M6,,,\n", encoding="utf-8-sig")
    japanese = planner.load(tmp_path / "csv")
    assert japanese.warnings == []
    assert japanese.alternates.equals(project.alternates)


def test_a_project_file_of_format_4_opens_with_no_alternates(
        sheets: Sheets, tmp_path: Path) -> None:
    del sheets["Alternates"]
    original = planner.load(write_book(tmp_path / "in.xlsx", sheets))
    path = tmp_path / "old.stockpile"
    storage.save(original, path)
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            DROP TABLE alternates;
            UPDATE meta SET value = '4' WHERE key = 'schema_version';
            PRAGMA user_version = 4;
        """)
    finally:
        con.close()
    opened = planner.load(path)
    assert opened.alternates.empty
    assert list(opened.alternates.columns) == HEADER
    assert opened.equals(original)
    storage.save(opened, tmp_path / "again.stockpile")  # saved again: the current format
    con = sqlite3.connect(tmp_path / "again.stockpile")
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
        assert con.execute("SELECT COUNT(*) FROM alternates").fetchone()[0] == 0
    finally:
        con.close()


# --- checks ------------------------------------------------------------------------------

def test_unknown_items_in_either_column(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Alternates"] = only([["C1", "C3", None, None, None], ["X9", "C3", None, None, None],
                                 ["C1", "Y9", None, None, None]])
    assert problems_of(sheets) == ['Alternates!A3: unknown item "X9"',
                                   'Alternates!B4: unknown item "Y9"']


def test_an_item_cannot_replace_itself(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Alternates"] = only([["C1", "C3", None, None, None], ["M2", "M2", 1, 0, 1]])
    assert problems_of(sheets) == [
        "Alternates!B3: M2 cannot replace itself: name another item as its alternate"]


def test_a_product_is_neither_replaced_nor_an_alternate(
        sheets: Sheets, problems_of: Problems) -> None:
    sheets["Alternates"] = only([["P1", "C3", None, None, None], ["M3", "P2", None, None, None]])
    assert problems_of(sheets) == [
        "Alternates!A2: P1 is a product, and a product cannot be replaced: name the "
        "component or material it uses instead",
        "Alternates!B3: P2 is a product, and a product cannot be an alternate: name a "
        "component or material instead"]


def test_a_pair_written_twice(sheets: Sheets, problems_of: Problems) -> None:
    sheets["Alternates"].append(["M4", "M6", 1.2, 10, 0.3])
    assert problems_of(sheets) == [
        "Alternates!A4: duplicate alternate M6 for M4 (first on row 3)"]


@pytest.mark.parametrize(("row", "expected"), [
    (["C1", "C3", 0, None, None], 'Alternates!C4: ratio must be greater than zero, got "0"'),
    (["C1", "C3", -2, None, None], 'Alternates!C4: ratio must be greater than zero, got "-2"'),
    (["C1", "C3", None, -1, None],
     'Alternates!D4: qualification_days must not be negative, got "-1"'),
    (["C1", "C3", None, 40_000, None],
     'Alternates!D4: qualification_days must be at most 36,500 days (100 years), got "40000"'),
    (["C1", "C3", None, None, "120%"],
     'Alternates!E4: max_share must be between 0 and 1, got "120%"'),
    (["C1", "C3", None, None, -0.1], 'Alternates!E4: max_share must be between 0 and 1, '
                                     'got "-0.1"'),
    (["C1", "C3", None, None, 50], "Alternates!E4: max_share must be between 0 and 1 "
                                   '(write 50% for a percentage), got "50"'),
])
def test_the_column_rules_at_their_cells(sheets: Sheets, problems_of: Problems,
                                         row: list[object], expected: str) -> None:
    sheets["Alternates"][1] = ["M2", "M6", None, None, None]  # row 2, valid: leaves C1 free
    sheets["Alternates"].append(row)
    assert problems_of(sheets) == [expected]


def test_two_items_replacing_each_other_are_a_cycle(
        sheets: Sheets, problems_of: Problems) -> None:
    sheets["Alternates"].append(["M6", "M4", None, None, None])
    assert problems_of(sheets) == [
        "Alternates!B3: this alternate closes a cycle (item → alternate, parent → child in "
        "the BOM): M4 → M6 → M4"]


def test_an_alternate_made_from_what_it_replaces_is_a_cycle(
        sheets: Sheets, problems_of: Problems) -> None:
    # C3 is made of M1, so M1 cannot be replaced by C3; C2 -> C1 -> M1 -> C3 -> M1 too
    sheets["Alternates"].append(["M1", "C3", 2, None, None])
    sheets["Alternates"].append(["M3", "C2", 1, None, None])  # C2 is made of M3
    assert problems_of(sheets) == [
        "Alternates!B4: this alternate closes a cycle (item → alternate, parent → child in "
        "the BOM): M1 → C3 → M1",
        "Alternates!B5: this alternate closes a cycle (item → alternate, parent → child in "
        "the BOM): M3 → C2 → M3"]


def test_a_longer_cycle_is_named_once_by_its_path(
        sheets: Sheets, problems_of: Problems) -> None:
    # M4 -> M6 -> M5 -> M4: three links, one cycle, named at its first row
    sheets["Alternates"] += [["M6", "M5", None, None, None], ["M5", "M4", None, None, None]]
    assert problems_of(sheets) == [
        "Alternates!B3: this alternate closes a cycle (item → alternate, parent → child in "
        "the BOM): M4 → M6 → M5 → M4"]


def test_a_chain_of_alternates_is_no_cycle(sheets: Sheets, load_rows: Callable[
        ..., planner.Project]) -> None:
    # C1 -> C3 and C3's own M1 replaced by M6: no way back to C1
    sheets["Alternates"] += [["M1", "M6", None, None, None], ["M2", "M1", 3, 60, 0.2]]
    assert load_rows(sheets).warnings == []


def test_an_alternate_that_cannot_be_made_or_bought_is_a_warning(
        sheets: Sheets, load_rows: Callable[..., planner.Project]) -> None:
    sheets["Items"].append(["C4", "Bonded magnet set", "component", "kg", None, None])
    sheets["Alternates"] += [["C1", "C4", None, None, None], ["C2", "C4", None, None, None]]
    project = load_rows(sheets)
    assert [str(w) for w in project.warnings] == [
        "warning: Alternates!B4: alternate C4 has no BOM and no sources: it cannot be made "
        "or bought in a scenario"]  # once, at its first row


def test_planner_check_prints_the_located_lines(
        sheets: Sheets, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets["Alternates"] += [["M2", "M2", None, None, None], ["M9", "M6", None, None, None]]
    path = write_book(tmp_path / "bad.xlsx", sheets)
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        'Alternates!A5: unknown item "M9"',
        "Alternates!B4: M2 cannot replace itself: name another item as its alternate",
        "2 problems found; nothing was changed."]


def test_the_messages_in_japanese(sheets: Sheets, problems_of: Problems,
                                  japanese: None) -> None:
    sheets["Alternates"] += [["M2", "M2", None, None, None], ["M6", "M4", None, None, None]]
    assert problems_of(sheets) == [
        "Alternates!B4: M2 を自身の代替品にはできません。代替品には別の品目を指定してください",
        "Alternates!B3: この代替品を加えると循環が生じます（品目 → 代替品、部品表の親 → 子）: "
        "M4 → M6 → M4"]


def test_an_edit_of_the_alternates_is_checked_again(
        sheets: Sheets, load_rows: Callable[..., planner.Project]) -> None:
    """The window keeps the checks of the tables an edit did not touch (KeptChecks): an
    edit of Alternates must check the Alternates again."""
    project = load_rows(sheets)
    kept = KeptChecks()
    assert check_project(project, kept=kept) == []
    project.tables["Alternates"].loc[1, "alternate_id"] = "M4"
    project.forget_layouts()
    kept.forget(frozenset({"Alternates"}))
    assert [str(p) for p in check_project(project, kept=kept)] == [
        "Alternates!B3: M4 cannot replace itself: name another item as its alternate"]
    project.tables["Alternates"].loc[1, "alternate_id"] = "M6"
    kept.forget(frozenset({"Alternates"}))
    assert check_project(project, kept=kept) == []
    bom = project.bom
    project.tables["BOM"] = bom[bom["parent_id"] != "C3"].reset_index(drop=True)
    project.forget_layouts()
    kept.forget(frozenset({"BOM"}))  # C3 is no longer made of anything
    assert [str(p) for p in check_project(project, kept=kept)] == [
        "warning: Alternates!B2: alternate C3 has no BOM and no sources: it cannot be made "
        "or bought in a scenario"]


def test_a_blank_kind_is_no_product(sheets: Sheets,
                                    load_rows: Callable[..., planner.Project]) -> None:
    """A project file edited outside the program may leave a kind blank (the window marks
    the cell): the alternates are checked all the same, the item taken as no product."""
    sheets["Items"].append(["C4", "Bonded magnet set", "component", "kg", None, None])
    sheets["Alternates"].append(["C2", "C4", None, None, None])
    project = load_rows(sheets)
    items = project.tables["Items"]
    items.loc[items["item_id"].isin(["C1", "C4"]), "kind"] = None
    assert [str(p) for p in check_project(project)] == [
        "warning: Alternates!B4: alternate C4 has no BOM and no sources: it cannot be made "
        "or bought in a scenario"]
