"""`planner template -o FILE.xlsx`: a blank template with instructions, examples, lists, notes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planner.cli import main
from planner.inputs.files import load
from planner.inputs.schema import SHEETS


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "blank.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    return path


def test_untouched_template_checks_valid_without_warnings(template: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["check", str(template)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "blank.xlsx: valid (3 items, 1 bom, 2 sources, 1 orders)"
    assert err == ""  # the Instructions and Lists sheets are not "unknown sheets"
    project = load(template)
    assert project.items["item_id"].tolist() == ["P-EXAMPLE", "M-EXAMPLE", "M-EXAMPLE-ALT"]
    assert project.alternates[["item_id", "alternate_id"]].values.tolist() == [
        ["M-EXAMPLE", "M-EXAMPLE-ALT"]]
    assert project.rates["currency"].tolist() == ["CNY"]


def test_sheets_headers_and_instructions(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Instructions", "Lists", *(s.name for s in SHEETS)]
    assert book["Lists"].sheet_state == "hidden"
    for spec in SHEETS:
        ws = book[spec.name]
        assert [c.value for c in ws[1]] == spec.column_names
    listed = [c.value for c in book["Instructions"]["A"]]
    assert all(spec.name in listed for spec in SHEETS)


def test_header_notes_say_required_and_what(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for spec in SHEETS:
        for cell, column in zip(book[spec.name][1], spec.columns, strict=True):
            assert cell.comment is not None, f"{spec.name}!{cell.coordinate}"
            text = cell.comment.text
            assert text.startswith("Required." if column.required else "Optional.")
            if column.note:
                assert column.note[1:] in text
    kind = book["Items"]["C1"].comment.text
    assert kind == "Required. Product, component or material."


def test_drop_down_lists(template: Path) -> None:
    book = openpyxl.load_workbook(template)

    def lists(sheet: str) -> dict[str, str]:
        ws = book[sheet]
        return {str(v.sqref).split(":")[0]: v.formula1 for v in ws.data_validations.dataValidation
                if v.type == "list"}

    assert lists("Items")["C2"] == '"product,component,material"'
    assert lists("Demand")["C2"] == '"day,week,month,year"'
    assert lists("Suppliers")["C2"].startswith("Lists!$A$2:$A$")
    sources = lists("Sources")
    assert sources["H2"].startswith("Lists!$A$2")  # origin_country
    assert sources["J2"].startswith("Lists!$C$2")  # currency
    assert lists("Rates")["A2"].startswith("Lists!$C$2")
    codes = [c.value for c in book["Lists"]["A"][1:] if c.value]
    assert "CN" in codes and "DE" in codes and len(codes) > 240
    assert "EUR" in [c.value for c in book["Lists"]["C"]]


def test_example_rows_are_grey_italics(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for spec in SHEETS:
        if spec.name == "Settings":
            continue
        cell = book[spec.name]["A2"]
        assert cell.font.i and cell.font.color.rgb.endswith("7F7F7F"), spec.name
        assert not book[spec.name]["A1"].font.i


def test_template_needs_an_xlsx_name(tmp_path: Path, capsys) -> None:
    assert main(["template", "-o", str(tmp_path / "blank.csv")]) == 2
    assert "name it blank.xlsx" in capsys.readouterr().err
    assert not (tmp_path / "blank.csv").exists()
