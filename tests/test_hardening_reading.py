"""Hostile and ambiguous input files at the reading layer: each is refused with a message
naming the file (and the cell or row when there is one), never read wrongly or crashed on."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import pytest
from conftest import BASE, write_book

from planner.core.errors import FileRefused
from planner.inputs.reading import read_book


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_many_members_of_ten_mb_at_a_high_ratio_are_refused(tmp_path: Path) -> None:
    """Members of exactly 10 MB escaped the ratio rule: 95 of them inflate to 950 MB,
    under the total's limit. Each is now checked, whatever its size."""
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members |= {f"xl/media/pad{i}.xml": b"0" * (10 * 2**20) for i in range(3)}
    path = _zip(tmp_path / "padded.xlsx", members)
    with pytest.raises(FileRefused) as caught:
        read_book(path)
    assert str(caught.value).startswith(
        "padded.xlsx: xl/media/pad0.xml inflates 10 MB from ")
    assert str(caught.value).endswith(" KB; refused as a zip bomb")


def test_a_small_member_at_a_high_ratio_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "small.xlsx", {"[Content_Types].xml": b"<Types/>",
                                          "xl/workbook.xml": b" " * 200_000})
    with pytest.raises(FileRefused, match=r"^small\.xlsx: xl/workbook\.xml inflates 195 KB "
                                          r"from \d+ bytes; refused as a zip bomb$"):
        read_book(path)


def _csv_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ITEMS = "item_id,name,kind,unit\r\nM1,NdPr oxide,material,kg\r\n"


def test_a_csv_field_beyond_the_csv_modules_limit_is_located(tmp_path: Path) -> None:
    text = ITEMS + "M2,Dysprosium,material,kg\r\nM3,Cobalt,material,kg\r\n" \
        + f'M4,"{"x" * 200_000}",material,kg\r\n'
    folder = _csv_folder(tmp_path / "long", {"Items.csv": text})
    with pytest.raises(FileRefused, match=r"^Items\.csv!row 5: a field is longer than "
                                          r"131,072 characters$"):
        read_book(folder)
    with pytest.raises(FileRefused, match=r"^Items\.csv!row 5: a field is longer than"):
        read_book(folder / "Items.csv")


def test_an_ignored_extra_csv_file_is_not_parsed(tmp_path: Path) -> None:
    """An extra file (notes, an export of something else) is listed as ignored, unread:
    its contents can neither crash nor slow the import."""
    folder = _csv_folder(tmp_path / "extra", {
        "Items.csv": ITEMS, "Notes.csv": f'a,"{"x" * 200_000}"\r\n'})
    (folder / "Photo.csv").write_bytes(b"\x00\x01\x02PK" * 64)
    book = read_book(folder)
    assert book.sheets["Items"].rows[1] == ["M1", "NdPr oxide", "material", "kg"]
    assert book.sheets["Notes"].rows == [] and book.sheets["Photo"].rows == []


def _items_in(folder: Path, text: str, encoding: str) -> Path:
    folder.mkdir()
    (folder / "Items.csv").write_bytes(text.encode(encoding))
    return folder


JAPANESE = ("item_id,name,kind,unit\r\nネオジム,ネオジム酸化物,material,kg\r\n"
            "ネオジウム,ネオジウム金属,material,kg\r\n")


def test_a_cyrillic_csv_is_refused_naming_the_encodings_read(tmp_path: Path) -> None:
    """Read as Windows-1252 its ids became accented letters, two of them one id. (Shift_JIS,
    refused here before, is read now: tests/test_japanese_input.py.)"""
    text = ("item_id,name,kind,unit\r\nМ1,Оксид неодима от поставщика,material,kg\r\n"
            "М2,Металлический неодим из Москвы,material,kg\r\n")
    folder = _items_in(tmp_path / "cp1251", text, "cp1251")
    with pytest.raises(FileRefused) as caught:
        read_book(folder)
    assert re.fullmatch(
        r"Items\.csv: the file is not in an encoding Stockpile Planner reads \(UTF-8, "
        r"UTF-16, Shift_JIS, Windows-1252\); it looks like (Windows-1251|a Cyrillic code "
        r"page): save it as UTF-8", str(caught.value)), str(caught.value)


def test_windows_1252_and_unicode_csv_files_still_read(tmp_path: Path) -> None:
    text = ("item_id,name,kind,unit\r\nM1,Müller & Söhne Straße,material,kg\r\n"
            "M2,Œuvre – “café” 10 €,material,kg\r\n")
    for encoding in ("cp1252", "utf-8", "utf-16"):
        book = read_book(_items_in(tmp_path / encoding, text, encoding))
        assert book.sheets["Items"].rows[1][1] == "Müller & Söhne Straße"
        assert book.sheets["Items"].rows[2][1] == "Œuvre – “café” 10 €"
    book = read_book(_items_in(tmp_path / "japanese_utf8", JAPANESE, "utf-8"))
    assert [r[0] for r in book.sheets["Items"].rows[1:]] == ["ネオジム", "ネオジウム"]


def test_two_csv_files_for_one_sheet_are_refused_naming_both(tmp_path: Path) -> None:
    """"Items.csv" and "Items.CSV" (a case-sensitive disk): one replaced the other unseen."""
    folder = _csv_folder(tmp_path / "twice", {"Items.CSV": ITEMS, "Items.csv": ITEMS})
    with pytest.raises(FileRefused, match=r'^twice: the files "Items\.CSV" and "Items\.csv" '
                                          r"are the same sheet; keep one$"):
        read_book(folder)


def _rename_second_sheet(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/workbook.xml":
                data = data.replace(b'name="' + old + b'"', b'name="' + new + b'"')
            zout.writestr(name, data)
    return target


def test_two_sheets_of_one_name_are_refused(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Items"
    wb.active.append(["item_id", "name", "kind", "unit"])
    wb.create_sheet("Other").append(["item_id", "name", "kind", "unit"])
    wb.save(tmp_path / "source.xlsx")
    path = _rename_second_sheet(tmp_path / "source.xlsx", tmp_path / "twice.xlsx",
                                b"Other", b"Items")
    with pytest.raises(FileRefused, match=r'^twice\.xlsx: two sheets are named "Items"; '
                                          r"rename or delete one$"):
        read_book(path)


def _template(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Items"
    wb.active.append(["item_id", "name", "kind", "unit"])
    wb.active.append(["M1", "NdPr oxide", "material", "kg"])
    wb.save(path)
    return path


def test_a_workbook_with_macros_is_refused_by_name(tmp_path: Path) -> None:
    path = _template(tmp_path / "Planning.xlsm")
    message = (r"^Planning\.xlsm: this workbook holds macros, and macros are not read: "
               r"save it from Excel as \.xlsx \(Excel Workbook\)$")
    with pytest.raises(FileRefused, match=message):
        read_book(path)
    renamed = tmp_path / "Renamed.xlsx"  # macros in a file named .xlsx
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(renamed, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(60))
    with pytest.raises(FileRefused, match=message.replace("Planning", "Renamed").replace(
            r"\.xlsm", r"\.xlsx", 1)):
        read_book(renamed)


def test_external_link_and_dde_formulas_are_noted_at_their_cells(tmp_path: Path) -> None:
    """Their saved values would be used as they stand: stale, or set by another program."""
    source = _template(tmp_path / "source.xlsx")
    path = tmp_path / "links.xlsx"
    row = (b'<row r="3"><c r="A3" t="str"><f>[1]Prices!A1</f><v>M9</v></c>'
           b"<c r=\"B3\" t=\"str\"><f>cmd|'/c calc'!A0</f><v>x</v></c>"
           b'<c r="C3" t="str"><f>"[1]"&amp;"a|b"</f><v>[1]a|b</v></c></row></sheetData>')
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", row)
            zout.writestr(name, data)
    notes = read_book(path).sheets["Items"].notes
    assert notes == {
        (3, 0): "is a formula (=[1]Prices!A1) linking to another workbook, whose saved "
                "value may be out of date; type the value",
        (3, 1): "is a formula (=cmd|'/c calc'!A0) that asks another program for its value "
                "(DDE); type the value"}


def test_a_very_hidden_template_sheet_is_reported(tmp_path: Path) -> None:
    """Its values are imported, though no one can see the sheet in Excel."""
    import openpyxl

    wb = openpyxl.load_workbook(_template(tmp_path / "source.xlsx"))
    settings = wb.create_sheet("Settings")
    settings.append(["key", "value"])
    settings.append(["horizon_days", 30])
    settings.sheet_state = "veryHidden"
    wb.create_sheet("Macros").sheet_state = "veryHidden"  # not a template sheet: unread
    hidden = wb.create_sheet("Stock")
    hidden.sheet_state = "hidden"  # Unhide shows it
    wb.save(tmp_path / "hidden.xlsx")
    book = read_book(tmp_path / "hidden.xlsx")
    assert book.warnings == [
        ("Settings", "the sheet is very hidden (Excel's Unhide does not list it); its values "
                     "are imported all the same")]
    assert book.sheets["Settings"].rows[1] == ["horizon_days", 30]


def test_a_very_hidden_template_sheet_is_named_in_a_warning(tmp_path: Path) -> None:
    """Only a macro or a program can unhide a "very hidden" sheet: its values are used,
    and the buyer is told which sheet it is."""
    import openpyxl

    import planner

    path = write_book(tmp_path / "hidden.xlsx", copy.deepcopy(BASE))
    book = openpyxl.load_workbook(path)
    book["Settings"].sheet_state = "veryHidden"
    book.save(path)
    project = planner.load(path)
    warnings = [p for p in project.warnings if p.sheet == "Settings"]
    assert warnings and all(p.severity == "warning" for p in warnings)
    assert "very hidden" in warnings[0].message
