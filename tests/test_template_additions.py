"""The template's second-round additions as inputs: the Forecast and Rates sheets, the
currency, cv, service_level and lead_time_sd_days columns; how each is typed, what is
refused (located), and project files of the first format opening with them blank.

The figures built on them are tested in test_forecast.py, test_currencies.py and
test_safety_stock.py.
"""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner import cli
from planner.inputs import storage
from planner.inputs.choices import parse_currency
from planner.inputs.parsing import parse_month


@pytest.mark.parametrize(("typed", "month"), [
    ("2027-01", dt.date(2027, 1, 1)), ("2027/1", dt.date(2027, 1, 1)),
    ("2027年3月", dt.date(2027, 3, 1)), ("２０２７－０４", dt.date(2027, 4, 1)),
    (" 2027-12 ", dt.date(2027, 12, 1)), ("2027-05-31", dt.date(2027, 5, 1)),
    (dt.datetime(2027, 6, 15, 8, 30), dt.date(2027, 6, 1)), (46418.0, dt.date(2027, 1, 1)),
])
def test_a_month_is_read_from_what_people_type(typed: object, month: dt.date) -> None:
    assert parse_month(typed) == month


@pytest.mark.parametrize("typed", ["2027-13", "Jan 2027", "2027", "next month", "27-01"])
def test_what_names_no_month_is_not_read(typed: object) -> None:
    assert parse_month(typed) is None


@pytest.mark.parametrize(("typed", "code"), [("usd", "USD"), (" CNY ", "CNY"),
                                             ("ｊｐｙ", "JPY"), ("EUR", "EUR")])
def test_a_currency_code_is_read_in_any_case(typed: str, code: str) -> None:
    assert parse_currency(typed) == (code, "")


@pytest.mark.parametrize(("typed", "hint"), [
    ("yen", " (did you mean JPY?)"), ("人民元", " (did you mean CNY?)"),
    ("¥", " (JPY for yen, CNY for yuan)"), ("XYZ", "")])
def test_an_unknown_currency_says_what_is_meant(typed: str, hint: str) -> None:
    code, message = parse_currency(typed)
    assert code is None
    assert message == (f"must be an ISO 4217 currency code such as USD, EUR or JPY{hint}, "
                       f'got "{typed}"')


def _with_additions() -> Sheets:
    """BASE (project currency EUR) with every addition used once, validly."""
    sheets = copy.deepcopy(BASE)
    sheets["Items"][0].append("currency")
    for row in sheets["Items"][1:]:
        row.append(None)
    sheets["Items"][1][-1] = "usd"
    sheets["Sources"][0] += ["currency", "lead_time_sd_days"]
    for row in sheets["Sources"][1:]:
        row += [None, None]
    sheets["Sources"][1][-2:] = ["CNY", 3]
    sheets["Demand"][0].append("cv")
    sheets["Demand"][1].append(0.25)
    sheets["Stock"][0].append("service_level")
    sheets["Stock"][1].append("95%")
    sheets["Forecast"] = [["item_id", "month", "quantity"], ["P1", "2027-01", 3100],
                          ["P1", "2027/02", 2800]]
    sheets["Rates"] = [["Currency", "Rate"], ["USD", 0.92], ["cny", 0.13]]
    return sheets


def test_the_additions_are_read_as_typed(tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", _with_additions()))
    assert project.items["currency"].iloc[0] == "USD"
    assert project.sources[["currency", "lead_time_sd_days"]].iloc[0].tolist() == ["CNY", 3]
    assert project.demand["cv"].iloc[0] == 0.25
    assert project.stock["service_level"].iloc[0] == pytest.approx(0.95)
    assert project.forecast["month"].dt.strftime("%Y-%m").tolist() == ["2027-01", "2027-02"]
    assert project.rates.to_dict("list") == {"currency": ["USD", "CNY"], "rate": [0.92, 0.13]}


def test_the_additions_survive_a_project_file_and_a_workbook(tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "in.xlsx", _with_additions()))
    planner.export(project, tmp_path / "p.stockpile")
    planner.export(planner.load(tmp_path / "p.stockpile"), tmp_path / "out.xlsx")
    planner.export(planner.load(tmp_path / "out.xlsx"), tmp_path / "csv")
    assert planner.load(tmp_path / "csv").equals(project)


def _check(tmp_path: Path, sheets: Sheets, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert cli.main(["check", str(write_book(tmp_path / "bad.xlsx", sheets))]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()[:-1]


def test_each_addition_is_refused_at_its_cell(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sheets = _with_additions()
    sheets["Forecast"] += [["P2", "June 2027", 1], ["C1", "2027-03", -5]]
    sheets["Rates"].append(["AUD", 0])
    sheets["Sources"][2][-2] = "dollars"
    sheets["Stock"][2].append("high")
    assert _check(tmp_path, sheets, capsys) == [
        'Forecast!B4: month must be a month such as 2027-01 or a date in the month, got '
        '"June 2027"',
        'Forecast!C5: quantity must not be negative, got "-5"',
        "Stock!E3: service_level must be a fraction such as 0.55 or a percentage such as "
        '55%, got "high"',
        "Sources!G3: currency must be an ISO 4217 currency code such as USD, EUR or JPY "
        '(did you mean USD?), got "dollars"',
        'Rates!B4: rate must be greater than zero, got "0"']


def test_what_spans_sheets_is_refused_at_its_first_cell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets = _with_additions()
    sheets["Forecast"] += [["P1", "2027-01-20", 5], ["X9", "2027-01", 5]]
    sheets["Rates"] = [["currency", "rate"], ["USD", 0.92], ["EUR", 1.1]]  # no CNY
    sheets["Sources"][3][-2] = "CNY"
    sheets["Stock"][1][-1] = "100%"
    assert _check(tmp_path, sheets, capsys) == [
        "Forecast!A4: duplicate forecast for P1 in 2027-01 (first on row 2)",
        'Forecast!A5: unknown item "X9"',
        "Rates!B3: rate of EUR, the project's currency, must be 1, got 1.1",
        "Sources!G2: no rate for CNY: add CNY to the Rates sheet with the number of EUR for "
        "one CNY",
        "Stock!E2: service_level must be from 50% up to, not including, 100%, got 100%"]


def _first_format(path: Path) -> None:
    """The file as the first project file format stored it: no Forecast or Rates table,
    none of the new columns, format 1."""
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            DROP TABLE forecast; DROP TABLE rates;
            ALTER TABLE items DROP COLUMN currency;
            ALTER TABLE demand DROP COLUMN cv;
            ALTER TABLE stock DROP COLUMN service_level;
            ALTER TABLE sources DROP COLUMN currency;
            ALTER TABLE sources DROP COLUMN lead_time_sd_days;
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            PRAGMA user_version = 1;
        """)
    finally:
        con.close()


def test_a_project_file_of_the_first_format_opens_with_the_additions_blank(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = planner.load(write_book(tmp_path / "in.xlsx", copy.deepcopy(BASE)))
    path = tmp_path / "old.stockpile"
    storage.save(original, path)
    _first_format(path)
    opened = planner.load(path)
    assert opened.forecast.empty and opened.rates.empty
    assert opened.sources["currency"].isna().all()
    assert opened.equals(original)
    assert cli.main(["report", "--json", str(path)]) == 0
    before = capsys.readouterr().out
    assert cli.main(["report", "--json", str(tmp_path / "in.xlsx")]) == 0
    assert capsys.readouterr().out == before
    storage.save(opened, path)  # saved again: the current format
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    finally:
        con.close()
    assert pd.isna(planner.load(path).stock["service_level"]).all()
