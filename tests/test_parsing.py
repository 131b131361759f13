"""What the template accepts: cell values people type, and workbooks laid out their way.

The cell parsers are tested on raw values; the layouts (header spellings, column order,
percent cells, text numbers, dates, blank rows, extra columns, a title row) are written to
real workbooks and must read back to exactly the project of the plain template.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from conftest import AS_OF, BASE, Sheets, write_book

import planner
from planner.core.errors import column_letter
from planner.inputs import choices, parsing
from planner.inputs.schema import normalise

EXCEL_SERIAL_AS_OF = (AS_OF - dt.date(1899, 12, 30)).days  # 46328


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> planner.Project:
    """The project of the plain template, to compare every variant with."""
    return planner.load(write_book(tmp_path_factory.mktemp("plain") / "plain.xlsx", BASE))


# --- cell parsers ------------------------------------------------------------------------

def test_numbers() -> None:
    values = [1, 2.5, "6,000", "6 000", "1,234,567.25", " 7 ", "1e3", "-3", "\u22125",
              "12'500", None, "", "   ", float("nan")]
    out, blank, messages = parsing.parse_numbers(values)
    assert messages == {}
    assert out[:10].tolist() == [1.0, 2.5, 6000.0, 6000.0, 1234567.25, 7.0, 1000.0, -3.0,
                                 -5.0, 12500.0]
    assert blank.tolist() == [False] * 10 + [True] * 4


@pytest.mark.parametrize(("value", "message"), [
    ("abc", 'must be a number, got "abc"'),
    # not 65: a decimal comma is refused, with a hint
    ("6,5", 'must be a number (write 6.5 with a decimal point), got "6,5"'),
    ("1,23", 'must be a number (write 1.23 with a decimal point), got "1,23"'),
    ("nan", 'must be a finite number, got "nan"'),
    ("-Infinity", 'must be a finite number, got "-Infinity"'),
    ("12 kg", 'must be a number, got "12 kg"'),
    (True, 'must be a number, got "True"'),
    (dt.date(2026, 1, 1), 'must be a number, got "2026-01-01"'),
    (float("inf"), 'must be a finite number, got "inf"'),
    ("1e999", 'must be a finite number, got "1e999"'),
])
def test_numbers_refused(value: object, message: str) -> None:
    out, blank, messages = parsing.parse_numbers(["5", value])
    assert messages == {1: message}
    assert out[0] == 5.0 and math.isnan(out[1]) and not blank.any()


def test_shares() -> None:
    out, blank, messages = parsing.parse_shares([0.55, "55%", " 55 % ", "0.5", "12.5%", 1,
                                                 0, None])
    assert messages == {}
    assert out[:7].tolist() == [0.55, 0.55, 0.55, 0.5, 0.125, 1.0, 0.0]
    assert blank.tolist() == [False] * 7 + [True]


def test_percent_text_is_the_number_nearest_the_fraction() -> None:
    out, _, messages = parsing.parse_shares(["33.3%", "1.1%", "14.1%", "0.5%", "99.99%"])
    assert messages == {}
    assert out.tolist() == [0.333, 0.011, 0.141, 0.005, 0.9999]  # not 33.3 / 100


@pytest.mark.parametrize(("value", "message"), [
    (55, 'must be between 0 and 1 (write 55% for a percentage), got "55"'),
    ("55", 'must be between 0 and 1 (write 55% for a percentage), got "55"'),
    ("120%", 'must be between 0 and 1, got "120%"'),
    (-0.1, 'must be between 0 and 1, got "-0.1"'),
    ("half", 'must be a fraction such as 0.55 or a percentage such as 55%, got "half"'),
])
def test_shares_refused(value: object, message: str) -> None:
    _, _, messages = parsing.parse_shares([value])
    assert messages == {0: message}


def test_dates() -> None:
    values = [dt.datetime(2026, 11, 2, 0, 0), dt.date(2026, 11, 2), EXCEL_SERIAL_AS_OF,
              float(EXCEL_SERIAL_AS_OF), "2026-11-02", "2026/11/2", " 2026-11-02T00:00:00 ",
              "2026-11-02 00:00", "02.11.2026", None, ""]
    out, blank, messages = parsing.parse_dates(values)
    assert messages == {}
    assert out[:9].tolist() == [dt.datetime(2026, 11, 2)] * 9
    assert blank.tolist() == [False] * 9 + [True] * 2


@pytest.mark.parametrize("value", ["next week", "2026-13-01", "2026-02-30", "11/02/2026",
                                   "2026-11-02 13:45", 46328.5, True])
def test_dates_refused(value: object) -> None:
    _, _, messages = parsing.parse_dates([value])
    assert messages == {0: f"must be a date such as 2026-11-02, got {parsing.shown(value)}"}


@pytest.mark.parametrize(("value", "shown"), [
    ("1850-01-01", "1850-01-01"), (dt.date(2999, 1, 1), "2999-01-01"), (1, "1899-12-31"),
    (dt.datetime(2201, 1, 1, 0, 0), "2201-01-01"), ("01.01.1899", "01.01.1899")])
def test_dates_out_of_range_say_so(value: object, shown: str) -> None:
    _, _, messages = parsing.parse_dates([value])
    assert messages == {0: f'must be a date from 1900 to 2200, got "{shown}"'}


def test_a_time_where_a_date_belongs() -> None:
    """A date before 1900 written by LibreOffice or a program comes back from the reader
    as a time of day."""
    _, _, messages = parsing.parse_dates([dt.time(0, 0)])
    assert messages == {0: 'must be a date such as 2026-11-02, got the time "00:00:00" (a '
                           "date before 1900 reads as a time)"}


def test_ids() -> None:
    out, blank, messages = parsing.parse_ids([" M1 ", 1001.0, 1001, 1.5, None, True])
    assert out == ["M1", "1001", "1001", "1.5", None, None]
    assert blank.tolist() == [False, False, False, False, True, False]
    assert messages == {5: 'must be text or a number, got "True"'}
    _, _, messages = parsing.parse_ids(["x" * 201])
    assert messages == {0: "must be at most 200 characters long"}


def test_choices_any_case_and_common_words() -> None:
    kinds, _, messages = choices.parse_choices(
        ["Product", "COMPONENT", " material ", "Materials", "raw material", "part"], "kind")
    assert messages == {}
    assert kinds == ["product", "component", "material", "material", "material", "component"]
    periods, _, messages = choices.parse_choices(
        ["Day", "WEEK", "months", "Yearly", "annual", "weekly"], "per")
    assert messages == {}
    assert periods == ["day", "week", "month", "year", "year", "week"]


def test_choices_refused() -> None:
    _, _, messages = choices.parse_choices(["widget"], "kind")
    assert messages == {0: 'kind must be one of product, component, material, got "widget"'}
    _, _, messages = choices.parse_choices(["fortnight"], "per")
    assert messages == {0: 'per must be one of day, week, month, year, got "fortnight"'}


def test_countries() -> None:
    codes, blank, messages = choices.parse_countries(["CN", "de", " jp ", None])
    assert codes == ["CN", "DE", "JP", None]
    assert messages == {}
    assert blank.tolist() == [False, False, False, True]


@pytest.mark.parametrize(("value", "hint"), [
    ("China", " (did you mean CN?)"), ("CHN", " (did you mean CN?)"),
    ("germany", " (did you mean DE?)"), ("UK", " (did you mean GB?)"),
    ("XX", ""), ("C N", ""),
])
def test_countries_refused_with_a_hint(value: str, hint: str) -> None:
    _, _, messages = choices.parse_countries([value])
    assert messages == {0: f"must be an ISO 3166 alpha-2 country code such as CN{hint}, "
                           f'got "{value}"'}


def test_header_names_fold_case_spaces_and_percent() -> None:
    assert normalise("Item ID") == "item_id"
    assert normalise(" Scrap % ") == "scrap_pct"
    assert normalise("QTY-PER") == "qty_per"
    assert normalise("Lead time (days)") == "lead_time_days"
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_long_values_are_shortened_in_messages() -> None:
    assert parsing.shown("x" * 100) == '"' + "x" * 37 + '..."'
    assert parsing.shown(6000.0) == '"6000"'


# --- workbooks laid out as people make them ----------------------------------------------

def _rename_headers(sheets: Sheets, names: dict[str, str]) -> None:
    for rows in sheets.values():
        rows[0] = [names.get(str(h), h) for h in rows[0]]


def test_header_spellings_and_sheet_name_case(plain: planner.Project,
                                              load_rows: Callable[..., planner.Project]
                                              ) -> None:
    sheets = copy.deepcopy(BASE)
    _rename_headers(sheets, {
        "item_id": "Item ID", "name": "Name", "kind": "KIND", "unit": " Unit ",
        "unit_price": "Unit price", "parent_id": "Parent-ID", "child_id": "Child ID",
        "qty_per": "Qty per", "scrap_pct": "Scrap %", "on_hand": "On Hand",
        "safety_stock": "Safety stock", "target_days": "Target days",
        "supplier_id": "Supplier ID", "lead_time_days": "Lead time (days)",
        "origin_country": "Origin Country", "due_date": "Due date"})
    sheets = {name.upper() if name == "BOM" else name.lower(): rows
              for name, rows in sheets.items()}
    project = load_rows(sheets)
    assert project.equals(plain)
    assert project.warnings == []


def test_any_column_order(plain: planner.Project,
                          load_rows: Callable[..., planner.Project]) -> None:
    sheets = copy.deepcopy(BASE)
    for name, rows in sheets.items():
        sheets[name] = [list(reversed(r)) for r in rows]
    assert load_rows(sheets).equals(plain)


def test_shares_as_fractions_percent_cells_and_percent_text(
        plain: planner.Project, load_rows: Callable[..., planner.Project]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Sources"][1][2] = "50%"  # M1 / S1: text
    sheets["Sources"][3][2] = 0.2  # M1 / S4: a percent-formatted cell
    sheets["Sources"][5][2] = "60 %"
    sheets["Settings"][4][1] = "60%"
    project = load_rows(sheets, formats={"Sources": {"C4": "0%", "C3": "0.0%"}})
    assert project.equals(plain)
    assert project.sources["share"].iloc[:3].tolist() == [0.5, 0.3, 0.2]


def test_numbers_stored_as_text(plain: planner.Project,
                                load_rows: Callable[..., planner.Project]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Stock"][1][1] = "2,000"
    sheets["Stock"][3][1] = "22 126"
    sheets["Items"][2][4] = "250,000"
    sheets["Orders"][1][2] = "5,000"
    sheets["BOM"][4][2] = "0.3"
    sheets["Settings"][2][1] = "90"
    assert load_rows(sheets).equals(plain)


def test_dates_as_excel_dates_serials_and_iso_text(
        plain: planner.Project, load_rows: Callable[..., planner.Project]) -> None:
    sheets = copy.deepcopy(BASE)
    orders = sheets["Orders"]
    orders[1][3] = (AS_OF + dt.timedelta(days=10)).isoformat()  # text
    orders[2][3] = EXCEL_SERIAL_AS_OF - 5  # a serial number in a General cell
    orders[3][3] = dt.datetime.combine(AS_OF + dt.timedelta(days=91), dt.time())
    sheets["Settings"][1][1] = AS_OF.isoformat()
    project = load_rows(sheets, formats={"Orders": {"D5": "dd.mm.yyyy"}})
    assert project.equals(plain)
    assert str(project.orders["due_date"].dtype) == "datetime64[s]"
    assert project.settings.as_of_date == AS_OF


def test_blank_rows_are_skipped_and_rows_keep_their_sheet_numbers(
        plain: planner.Project, make_book: Callable[..., Path],
        load_rows: Callable[..., planner.Project],
        problems_of: Callable[..., list[str]]) -> None:
    sheets = copy.deepcopy(BASE)
    for rows in sheets.values():
        rows += [[None], ["", "  "], [None, None, ""]]  # trailing blank rows
    sheets["Items"].insert(3, ["", None, "  "])  # and one in the middle
    assert load_rows(sheets).equals(plain)

    sheets["Items"][6][2] = "gizmo"  # M1's kind, on sheet row 7 after the blank row 4
    assert problems_of(sheets) == [
        'Items!C7: kind must be one of product, component, material, got "gizmo"']


def test_extra_columns_are_warned_about_and_kept_out(
        plain: planner.Project, load_rows: Callable[..., planner.Project]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Items"][0].append("Notes")
    sheets["Items"][1].append("check with engineering")
    for row in sheets["Sources"]:
        row.insert(0, "contract" if row[0] == "item_id" else "C-2026")
    project = load_rows(sheets)
    assert project.equals(plain)
    assert list(project.items.columns) == ["item_id", "name", "kind", "unit", "unit_price",
                                           "category", "currency", "commodity"]
    assert [str(w) for w in project.warnings] == [
        'warning: Items!G1: unknown column "Notes" ignored',
        'warning: Sources!A1: unknown column "contract" ignored']


def test_a_title_row_above_the_header(plain: planner.Project,
                                      load_rows: Callable[..., planner.Project],
                                      problems_of: Callable[..., list[str]]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Items"][:0] = [["Item master, exported 2026-11-01"], [None]]
    sheets["Sources"][:0] = [["Approved sources"], ["confidential"], []]
    assert load_rows(sheets).equals(plain)

    sheets["Items"][4][3] = None  # P2's unit, on sheet row 5
    sheets["Sources"][6][2] = "lots"  # sheet row 7
    assert problems_of(sheets) == [
        "Items!D5: unit is required",
        'Sources!C7: share must be a fraction such as 0.55 or a percentage such as 55%, '
        'got "lots"']


def test_title_row_and_a_missing_column_names_the_header_row(
        problems_of: Callable[..., list[str]]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Items"] = [[r[0], r[1], r[2]] for r in sheets["Items"]]  # no unit column
    sheets["Items"][:0] = [["Item master"], [None]]
    assert problems_of(sheets) == ["Items!A3: missing required column unit"]


def test_a_csv_folder_in_excel_flavours(tmp_path: Path, plain: planner.Project) -> None:
    """Semicolons and the Windows code page, as Excel saves "CSV" in much of Europe."""
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in BASE.items():
        text = "\n".join(";".join("" if v is None else str(v) for v in r) for r in rows)
        if name == "Suppliers":
            text = text.replace("Aurubis", "Aurubis Lünen")
        (folder / f"{name}.csv").write_bytes(text.encode("cp1252"))
    project = planner.load(folder)
    names = project.suppliers["name"].tolist()
    assert "Aurubis Lünen" in names
    project.tables["Suppliers"].loc[names.index("Aurubis Lünen"), "name"] = "Aurubis"
    assert project.equals(plain)


def test_a_csv_folder_in_utf8_with_bom_and_commas(tmp_path: Path,
                                                  plain: planner.Project) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in BASE.items():
        text = "\r\n".join(",".join(
            "" if v is None else f'"{v:,}"' if isinstance(v, int) and v >= 1000 else str(v)
            for v in r) for r in rows)
        (folder / f"{name}.csv").write_text(text, encoding="utf-8-sig")
    assert planner.load(folder).equals(plain)


def test_share_column_reads_fractions_exactly(load_rows: Callable[..., planner.Project]
                                              ) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Sources"][5][2] = "60%"
    sheets["Sources"][6][2] = "40%"
    shares = load_rows(sheets).sources["share"].to_numpy()
    assert np.array_equal(shares[4:6], [0.6, 0.4])
