"""Inputs the reading layer once got wrong (issue 11's corpus findings), each now read as
what it holds or refused with a located message: workbooks named otherwise, errors of
newer Excel versions, defined names linking outside the workbook, full-width numbers,
CSV files with a quote never closed, a NUL byte, two encodings or an encoding that cannot
be told, a folder where a CSV file belongs, and damaged project files."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE, write_book

import planner
from planner import cli
from planner.core.errors import FileRefused, InputError, ProjectFileError
from planner.inputs.reading import read_book

Patch = Callable[[str, bytes], bytes]


def _book(path: Path, patch: Patch | None = None, sheets: dict | None = None) -> Path:
    """BASE (or ``sheets``) as a workbook at ``path``, its members changed by ``patch``."""
    source = write_book(path.with_name("source.xlsx"), sheets or copy.deepcopy(BASE))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, patch(name, data) if patch else data)
    return path


def _in(member: str, old: bytes, new: bytes) -> Patch:
    def patch(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        assert old in data, old
        return data.replace(old, new, 1)
    return patch


def _cell(sheet: int, ref: str, xml: str) -> Patch:
    """The cell ``ref`` of the sheet-th sheet replaced by ``xml``."""
    def patch(name: str, data: bytes) -> bytes:
        if name != f"xl/worksheets/sheet{sheet}.xml":
            return data
        data, found = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)',
                              xml.encode(), data, count=1)
        assert found == 1, ref
        return data
    return patch


def _both(*patches: Patch) -> Patch:
    def patch(name: str, data: bytes) -> bytes:
        for p in patches:
            data = p(name, data)
        return data
    return patch


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    """`planner check`: its exit code and the lines it prints on stderr."""
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err.splitlines()


# --- workbooks ---------------------------------------------------------------------------

def test_a_workbook_renamed_xls_is_read_by_what_it_holds(tmp_path: Path) -> None:
    """The reader chose its format by the name: "Cfb error: Invalid OLE signature"."""
    renamed = _book(tmp_path / "Planning.xls")
    assert planner.load(renamed).equals(planner.load(_book(tmp_path / "Planning.xlsx")))
    as_csv = _book(tmp_path / "Items.csv")  # a workbook, whatever its name says
    assert set(read_book(as_csv).sheets) >= {"Items", "BOM", "Stock"}


def test_a_macro_workbook_renamed_xls_is_still_refused(tmp_path: Path) -> None:
    macros = _book(tmp_path / "Planning.xls", _in(
        "[Content_Types].xml", b"spreadsheetml.sheet.main+xml",
        b"spreadsheetml.sheet.macroEnabled.main+xml"))
    with pytest.raises(FileRefused, match=r"^Planning\.xls: this workbook holds macros"):
        read_book(macros)


NEWER = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
         "#PYTHON!", "#GETTING_DATA")


def test_errors_of_newer_excel_versions_are_located_like_n_a(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The reader refused the whole workbook: "Unsupported cell error value '#SPILL!'"."""
    def error(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="e"><f>SEQUENCE(3)</f><v>{value}</v></c>'

    refs = [f"B{row}" for row in range(2, 11)]
    path = _book(tmp_path / "newer.xlsx", _both(
        *(_cell(1, ref, error(ref, value)) for ref, value in zip(refs, NEWER, strict=True)),
        _cell(4, "C3", error("C3", "#N/A")), _cell(4, "B4", error("B4", "#SPILL!"))))
    code, lines = _check(capsys, path)
    assert code == 1
    assert lines == [f"Items!{ref}: name shows the error {value}; correct the formula or type "
                     "the value" for ref, value in zip(refs, NEWER, strict=True)] + [
        "Stock!B4: on_hand shows the error #SPILL!; correct the formula or type the value",
        "Stock!C3: safety_stock shows the error #N/A; correct the formula or type the value",
        "11 problems found; nothing was changed."]


_NAMES = _in("xl/workbook.xml", b"</sheets>", (
    b"</sheets><definedNames>"
    b'<definedName name="price_list">[1]Prices!$B$2</definedName>'
    b"<definedName name=\"calc\">cmd|'/c calc'!A0</definedName>"
    b'<definedName name="twice">PRICE_LIST*2</definedName>'
    b'<definedName name="local" localSheetId="3">Stock!$B$4</definedName>'
    b'<definedName name="local">[2]Elsewhere!$A$1</definedName>'
    b"</definedNames>"))


def test_defined_names_linking_outside_are_refused_at_the_cells_using_them(
        tmp_path: Path) -> None:
    """=price_list, where price_list is [1]Prices!$B$2, was read silently, while
    =[1]Prices!$B$2 in the cell was refused."""
    path = _book(tmp_path / "names.xlsx", _both(
        _NAMES,
        _cell(4, "B2", '<c r="B2"><f>price_list</f><v>2000</v></c>'),
        _cell(4, "C2", '<c r="C2"><f>SUM(calc, 0)</f><v>500</v></c>'),
        _cell(4, "B3", '<c r="B3"><f>Twice/2</f><v>100</v></c>'),
        _cell(4, "C3", '<c r="C3"><f>local*0+LEN("price_list")</f><v>10</v></c>')))
    notes = read_book(path).sheets["Stock"].notes
    assert notes == {
        (2, 1): "is a formula (=price_list) using the name price_list, which links to another "
                "workbook (=[1]Prices!$B$2), whose saved value may be out of date; type the "
                "value",
        (2, 2): "is a formula (=SUM(calc, 0)) using the name calc, which asks another program "
                "for its value (DDE: =cmd|'/c calc'!A0); type the value",
        (3, 1): "is a formula (=Twice/2) using the name twice, which links to another "
                "workbook (=[1]Prices!$B$2), whose saved value may be out of date; type the "
                "value"}  # Stock's own name "local" hides the workbook's: C3 is read
    with pytest.raises(InputError) as caught:
        planner.load(path)
    assert [p.where for p in caught.value.problems] == ["Stock!B2", "Stock!B3", "Stock!C2"]


def test_a_link_in_a_shared_formula_is_noted_in_every_cell_sharing_it(tmp_path: Path) -> None:
    """Excel writes a formula filled down once, in the range's first cell."""
    path = _book(tmp_path / "shared.xlsx", _both(
        _cell(4, "B2", '<c r="B2"><f t="shared" ref="B2:B4" si="0">[1]Stock!B2</f>'
                       "<v>2000</v></c>"),
        _cell(4, "B3", '<c r="B3"><f t="shared" si="0"/><v>100</v></c>'),
        _cell(4, "B4", '<c r="B4"><f t="shared" si="0"/><v>22126</v></c>')))
    notes = read_book(path).sheets["Stock"].notes
    assert notes == {
        (2, 1): "is a formula (=[1]Stock!B2) linking to another workbook, whose saved value "
                "may be out of date; type the value",
        (3, 1): "is a formula linking to another workbook, whose saved value may be out of "
                "date; type the value",
        (4, 1): "is a formula linking to another workbook, whose saved value may be out of "
                "date; type the value"}


# --- numbers -----------------------------------------------------------------------------

def test_full_width_decimal_points_commas_and_percent_signs_are_read(tmp_path: Path) -> None:
    """Digits alone (２０００) were read; with a point, a comma or a percent sign, refused.
    Only full-width forms are read so: a superscript is no digit ("10²" is not 102)."""
    sheets = copy.deepcopy(BASE)
    sheets["Stock"][1][1] = "２，０００"  # M1 on hand
    sheets["BOM"][4][2] = "０．３"  # C1 -> M1
    sheets["Sources"][1][2] = "５０％"  # M1 from S1
    sheets["Sources"][2][2] = "３０　％"  # with an ideographic space
    sheets["Items"][5][4] = "６０．０"  # M1's price
    project = planner.load(write_book(tmp_path / "full_width.xlsx", sheets))
    assert project.equals(planner.load(write_book(tmp_path / "ascii.xlsx",
                                                  copy.deepcopy(BASE))))
    sheets["Stock"][2][1] = "10²"
    with pytest.raises(InputError) as caught:
        planner.load(write_book(tmp_path / "superscript.xlsx", sheets))
    assert [str(p) for p in caught.value.problems] == [
        'Stock!B3: on_hand must be a number, got "10²"']


# --- CSV files ---------------------------------------------------------------------------

def _csv(sheet: str, sheets: dict | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in (sheets or BASE)[sheet]:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v
                         for v in row])
    return buffer.getvalue()


def _folder(path: Path, **files: bytes) -> Path:
    """BASE as a folder of UTF-8 CSV files, with ``files`` (name without .csv) instead."""
    path.mkdir()
    for sheet in BASE:
        (path / f"{sheet}.csv").write_bytes(files.get(sheet, _csv(sheet).encode()))
    return path


def _items(change: Callable[[list[str]], object]) -> bytes:
    lines = _csv("Items").split("\r\n")
    change(lines)
    return "\r\n".join(lines).encode()


def test_a_quote_never_closed_is_refused_at_its_line(tmp_path: Path) -> None:
    """The lines after it became one name, and the messages spoke of missing kinds. A
    value quoted over a few lines (typed with Alt+Enter in Excel) is still read."""
    def notes(lines: list[str]) -> None:
        lines[1] = lines[1].replace("Traction motor", '"Traction motor,\r\nsmall, 48 V"')
        lines[-2] = lines[-2].replace("minor metals", '"minor\r\nmetals"')
    rows = read_book(_folder(tmp_path / "notes", Items=_items(notes))).sheets["Items"].rows
    assert (rows[1][1], rows[-1][5]) == ("Traction motor,\r\nsmall, 48 V", "minor\r\nmetals")

    def unclosed(lines: list[str]) -> None:
        lines[3] = lines[3].replace("NdFeB magnet set", '"NdFeB magnet set')
    path = _folder(tmp_path / "csv", Items=_items(unclosed))
    with pytest.raises(FileRefused, match=r'^Items\.csv: line 4: a quote \(\"\) opened on '
                                          r"this line is never closed, so every line after "
                                          r"it is read as one value; close the quote or "
                                          r"delete it$"):
        read_book(path)


def test_a_quote_closed_lines_later_by_another_is_refused(tmp_path: Path) -> None:
    def stray(lines: list[str]) -> None:
        lines[3] = lines[3].replace("NdFeB magnet set", '"NdFeB magnet set')
        lines[6] = lines[6].replace("rare earths", 'rare earths"')
    path = _folder(tmp_path / "csv", Items=_items(stray))
    with pytest.raises(FileRefused, match=r"^Items\.csv: line 4: a quote \(\"\) opened on "
                                          r"this line closes only on line 7, so the lines "
                                          r"between are read as one value; close the quote "
                                          r"on its own line or delete it$"):
        read_book(path)


def test_a_nul_byte_anywhere_in_a_csv_file_is_refused_at_its_line(tmp_path: Path) -> None:
    """After the first 4 KB it was kept inside a value."""
    extra = "".join(f"X{i},Extra material {i:03} for padding,material,kg,1,other\r\n"
                    for i in range(100))
    text = _csv("Items") + extra + "X100,Cob\0alt,material,kg,1,other\r\n"
    assert text.index("\0") > 4096
    path = _folder(tmp_path / "csv", Items=text.encode())
    with pytest.raises(FileRefused, match=r"^Items\.csv: line 111 holds a NUL character "
                                          r"\(a zero byte\), which text never holds; the "
                                          r"file may be damaged: export it again$"):
        read_book(path)


def test_utf8_with_a_windows_1252_line_is_refused_naming_the_line(tmp_path: Path) -> None:
    """Read wholly as Windows-1252, "Müller" became "MÃ¼ller" and the file was valid. A
    file wholly in Windows-1252 is read as before, though German quotes after an ß
    („Straße“) are bytes that could start UTF-8: a line is UTF-8 when all of it decodes."""
    sheets = copy.deepcopy(BASE)
    sheets["Suppliers"][3][1] = "Metallhandel „Große Straße“ GmbH"
    sheets["Suppliers"][5][1] = "Müller & Söhne"
    path = _folder(tmp_path / "cp1252", Suppliers=_csv("Suppliers", sheets).encode("cp1252"))
    rows = read_book(path).sheets["Suppliers"].rows
    assert [rows[3][1], rows[5][1]] == ["Metallhandel „Große Straße“ GmbH", "Müller & Söhne"]

    data = (_csv("Suppliers", sheets).encode() + "S7,Gröber AG,AT\r\n".encode("cp1252")
            + "S8,Société des Métaux,FR\r\n".encode())
    path = _folder(tmp_path / "mixed", Suppliers=data)
    with pytest.raises(FileRefused, match=r"^Suppliers\.csv: line 8 is not in UTF-8, unlike "
                                          r"other lines of the file \(two encodings mixed"):
        read_book(path)


def test_an_encoding_the_detector_cannot_tell_is_not_named(tmp_path: Path) -> None:
    """GB18030 (Chinese) was said to look like EUC-KR (Korean): the bytes read as either."""
    sheets = copy.deepcopy(BASE)
    sheets["Items"][5][1] = "氧化镨钕"
    sheets["Items"][6][1] = "金属镝"
    path = _folder(tmp_path / "csv", Items=_csv("Items", sheets).encode("gb18030"))
    with pytest.raises(FileRefused) as caught:
        read_book(path)
    assert str(caught.value) == (
        "Items.csv: the file is not in an encoding Stockpile Planner reads (UTF-8, UTF-16, "
        "Shift_JIS, Windows-1252): save it as UTF-8")


def test_a_folder_named_like_a_sheets_csv_file_is_named_a_folder(tmp_path: Path) -> None:
    """It was skipped, and the Items sheet said to be missing."""
    path = _folder(tmp_path / "csv")
    (path / "Items.csv").unlink()
    (path / "Items.csv").mkdir()
    with pytest.raises(FileRefused, match=r"^csv: Items\.csv is a folder, not a CSV file; "
                                          r"the Items sheet must be a CSV file of that name$"):
        read_book(path)


# --- project files -----------------------------------------------------------------------

def _project_file(path: Path, sql: str) -> Path:
    planner.export(planner.load(write_book(path.with_suffix(".xlsx"), copy.deepcopy(BASE))),
                   path)
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.close()
    return path


def test_a_dropped_column_is_named_with_its_table(tmp_path: Path) -> None:
    """SQLite said "no such column: item_id", naming neither."""
    path = _project_file(tmp_path / "plan.stockpile", "ALTER TABLE stock DROP COLUMN item_id;")
    with pytest.raises(ProjectFileError) as caught:
        planner.load(path)
    assert str(caught.value) == ("plan.stockpile: the project file is damaged (the table "
                                 "stock has no column item_id)")


def test_a_project_file_without_its_format_says_so(tmp_path: Path) -> None:
    """It said "unknown project file format 0", a format no file has."""
    path = _project_file(tmp_path / "plan.stockpile",
                         "DELETE FROM meta WHERE key = 'schema_version';")
    with pytest.raises(ProjectFileError) as caught:
        planner.load(path)
    assert str(caught.value) == (
        "plan.stockpile: the project file does not say its format (the meta table has no "
        "schema_version); it is damaged or was not written by Stockpile Planner")


# --- a long text in many cells -----------------------------------------------------------

_SST = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")


def _repeated_text(path: Path, text: str, cells: int, prefix: str = "") -> Path:
    """BASE with one shared string shown by ``cells`` cells of Items' column H; every
    element of the shared strings and of that sheet with ``prefix`` (x:) if given."""
    p = prefix
    shown = "".join(f'<{p}c r="H{row}" t="s"><{p}v>0</{p}v></{p}c>' for row in range(2, 2 + cells))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><{p}sst xmlns{":" + p[:-1] if p else ""}='
           f'"{main}" count="{cells}" uniqueCount="1"><{p}si><{p}t>{text}</{p}t></{p}si>'
           f"</{p}sst>")

    def patch(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data = data.replace(b'<row r="2">', b'<row r="2">' + shown.encode(), 1)
            if p:  # the whole sheet prefixed, as some .NET libraries write it
                data = data.replace(f'xmlns="{main}"'.encode(), f'xmlns:x="{main}"'.encode())
                data = re.sub(rb"<(/?)(?!x:)([A-Za-z])", rb"<\1x:\2", data)
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", (
                f'<Relationship Type="{_SST[0]}" Target="sharedStrings.xml" Id="rId99" />'
                "</Relationships>").encode())
        elif name == "[Content_Types].xml":
            data = data.replace(b"</Types>", (
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST[1]}" />'
                "</Types>").encode())
        return data

    _book(path, patch)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", sst)
    return path


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_a_long_text_shown_by_many_cells_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    """The reader copies a shared text into every cell showing it: 20,000 cells of a
    443 KB workbook showing one text of 30,000 characters took 1.2 GB. Each copy counts
    beyond 64 bytes of the text's XML; scanned in parts of 64 bytes here, so that cells
    and values fall across the parts' ends."""
    from planner.inputs import reading

    # <si><t>...</t></si>: 1,016 bytes, 952 beyond the first 64
    text = "x" * (1016 - len("<si><t></t></si>") - 4 * len(prefix))
    monkeypatch.setattr(reading, "MAX_SHARED_TEXT_BYTES", 952 * 50)
    monkeypatch.setattr(reading, "_SCAN_CHUNK", 64)
    read_book(_repeated_text(tmp_path / "fifty.xlsx", text, 50, prefix))
    with pytest.raises(FileRefused) as caught:
        read_book(_repeated_text(tmp_path / "many.xlsx", text, 51, prefix))
    assert str(caught.value) == (
        "many.xlsx: sheet Items repeats long texts in many cells, which the reader copies "
        "into each cell: the template's sheets would take 47 KB of text to read, over the "
        "46 KB this program reads; keep long texts out of the template's sheets")
