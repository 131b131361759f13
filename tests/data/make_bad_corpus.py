"""Build the corpus of broken and awkward input files, and the manifests of what each gives.

    python tests/data/make_bad_corpus.py            # (re)writes tests/data/bad and good
    python tests/data/make_bad_corpus.py OUT_DIR    # writes OUT_DIR/bad and OUT_DIR/good

Every case starts from one small valid project (BASE) and breaks it in one way, the way
people and programs break workbooks: a wrong type in each kind of column, every validation
rule, empty and missing sheets, merged header cells, formulas without a saved result, very
long strings, NaN and infinity, dates far away, encrypted, truncated and renamed files, a
zip bomb, XML entities, CSV files in other encodings and delimiters, damaged project files
(cut short, views, computed columns and virtual tables in place of tables).

``bad/expected.json`` maps each file (or CSV folder, "name/") to what ``planner check``
prints: the problem lines in order ("problems", warnings included) or the one-line refusal
("refused", without the "planner: " prefix). ``good/expected.json`` lists the files that
must load, with their warnings, and whether they read to exactly BASE's project.

The expectations are written here by hand, next to each case; the script never runs the
planner to find them. Files are written reproducibly (fixed zip timestamps and document
properties), so that the committed binaries can be rebuilt and compared.

Decisions the corpus pins down:
- A formula cell is read as its saved result, as Excel shows it. A formula without a saved
  result (written by a program that does not calculate, such as openpyxl) and a cell
  showing an error (#DIV/0!, #N/A) are refused with a message saying so, in any column:
  the reader gives them as blank, which would silently drop a value.
- Values under a blank header cell inside merged header cells are refused (the merge hid
  the column's name); beside the table they are a warning.
- A header row further down than row 10 is refused, naming its row.
- Dates must fall within 1900-2200; a date before 1900 that a program stored as a negative
  serial number comes back from the reader as a time of day, and the message says so.
  Text dates are ISO (2026-11-20, 2026/11/20, at most a time of midnight) or
  day.month.year; any other form is refused rather than guessed (20/11/2026 or 11/20?).
- Digits typed full-width (２０００, a Japanese input method) are digits, and so are
  full-width points, commas and percent signs (１２．５, ２，０００, ６０％). Thousands
  separators are read in groups of three (1,200, 2'000, 20 000); a number whose
  separators could be decimals (1.234,5) is refused.
- A workbook is told by its bytes, not its name: an .xlsx renamed .xls is read. A formula
  using a defined name that links to another workbook or asks another program (DDE) is
  refused at its cell, as the same link typed in the cell is. Errors of newer Excel
  versions (#SPILL!) are refused at their cell like #N/A, though the reader does not know
  them. Cells repeating long texts are refused when their copies would exceed what the
  shared text itself may be.
- A CSV file that decodes as UTF-8 is UTF-8; one that mixes UTF-8 lines with others is
  refused at the first other line; an encoding is named only when no encoding of another
  script reads the bytes about as well. A quote never closed, or closed only after lines
  that look like rows, a NUL character anywhere, and a folder in place of a sheet's file
  are refused, located.
- A hidden sheet is read as it is; a very hidden one too, with a warning. A chart sheet,
  like any sheet the template does not know, is ignored with a warning.
- A project file is only read: its triggers never fire, a column the program does not know
  is ignored, and its statistics are not believed (rows are counted). A view, a virtual
  table or a computed column in place of a table is refused before any row is read, so a
  query that never ends is never run.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import shutil
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

Rows = list[list[object]]
Sheets = dict[str, Rows]

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
AS_OF = dt.date(2026, 11, 2)
MISSING = "(a workbook needs Items, Demand, Stock, Suppliers and Sources)"
FORMULA = "without a saved result; open the workbook in Excel, save it and import it again, " \
          "or type the value"
FRACTION = "must be a fraction such as 0.55 or a percentage such as 55%"
COUNTRY = "must be an ISO 3166 alpha-2 country code such as CN"

BASE: Sheets = {
    "Items": [
        ["item_id", "name", "kind", "unit", "unit_price", "category"],
        ["P1", "Traction motor", "product", "pcs", 1200, "motors"],
        ["C1", "NdFeB magnet set", "component", "kg", None, None],
        ["M1", "NdPr oxide", "material", "kg", 60, "rare earths"],
        ["M2", "Dysprosium metal", "material", "kg", 450, "rare earths"],
        ["M3", "Copper cathode", "material", "kg", 9, "base metals"],
    ],
    "BOM": [
        ["parent_id", "child_id", "qty_per", "scrap_pct"],
        ["P1", "C1", 1, None],
        ["C1", "M1", 0.3, 2],
        ["C1", "M2", 0.05, None],
        ["P1", "M3", 4, None],
    ],
    "Demand": [
        ["item_id", "quantity", "per"],
        ["P1", 700, "week"],
    ],
    "Stock": [
        ["item_id", "on_hand", "safety_stock", "target_days"],
        ["M1", 2000, 500, 30],
        ["M2", 100, 100, None],
        ["M3", 20000, 0, None],
    ],
    "Suppliers": [
        ["supplier_id", "name", "country"],
        ["S1", "Baotou Rare Earth Co.", "CN"],
        ["S2", "Hamburg Metals Trading GmbH", "DE"],
        ["S3", "Codelco", "CL"],
    ],
    "Sources": [
        ["item_id", "supplier_id", "share", "unit_price", "lead_time_days", "origin_country"],
        ["M1", "S1", 0.6, 60, 45, "CN"],
        ["M1", "S2", 0.4, 70, 20, "CN"],
        ["M2", "S1", 1.0, 500, 3, None],
        ["M3", "S3", 1.0, 9, 30, None],
    ],
    "Orders": [
        ["item_id", "supplier_id", "quantity", "due_date"],
        ["M3", "S3", 5000, AS_OF + dt.timedelta(days=10)],
    ],
    "Settings": [
        ["key", "value"],
        ["as_of_date", AS_OF],
        ["horizon_days", 90],
        ["target_days", 60],
        ["max_supplier_share", 0.6],
        ["max_country_share", 0.6],
        ["currency", "EUR"],
        ["company", "Testwerk GmbH"],
    ],
}


@dataclass
class Case:
    name: str  # file name, or "folder/" for a folder of CSV files
    what: str
    build: Callable[[Path], None]
    problems: list[str] = field(default_factory=list)
    refused: str = ""
    warnings: list[str] = field(default_factory=list)  # good cases
    same_as_base: bool = True  # good cases


# --- writing ---------------------------------------------------------------------------

def base() -> Sheets:
    return copy.deepcopy(BASE)


def changed(change: Callable[[Sheets], object]) -> Sheets:
    sheets = base()
    change(sheets)
    return sheets


def workbook(sheets: Sheets, merges: dict[str, list[str]] | None = None
             ) -> openpyxl.Workbook:
    """The rows as a workbook; text cells stay text even when they start with "="."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and not value.startswith("=="):
                    cell.data_type = "s"
                elif isinstance(value, str):  # "==2*3": a formula "=2*3"
                    cell.value = value[1:]
                    cell.data_type = "f"
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.properties.created = dt.datetime(2026, 1, 1)
    return wb


def save(wb: openpyxl.Workbook, path: Path,
         patch: Callable[[str, bytes], bytes] | None = None) -> None:
    """Save with fixed timestamps, so that a rebuild gives the same archive members."""
    buffer = io.BytesIO()
    wb.save(buffer)
    rezip(buffer.getvalue(), path, patch)


def rezip(data: bytes, path: Path, patch: Callable[[str, bytes], bytes] | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(path, "w") as zout:
        for name in zin.namelist():
            member = zin.read(name)
            if name == "docProps/core.xml":
                member = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z",
                                member)
            if patch is not None:
                member = patch(name, member)
            zout.writestr(zipfile.ZipInfo(name, FIXED_TIME), member, compression)


def book(sheets: Sheets, merges: dict[str, list[str]] | None = None,
         patch: Callable[[str, bytes], bytes] | None = None,
         tweak: Callable[[openpyxl.Workbook], object] | None = None) -> Callable[[Path], None]:
    """The rows as a workbook file; ``tweak`` changes the workbook before it is saved (a
    sheet hidden, a number format), ``patch`` the archive's members after."""
    def build(path: Path) -> None:
        wb = workbook(sheets, merges)
        if tweak is not None:
            tweak(wb)
        save(wb, path, patch)
    return build


def sheet_part(index: int) -> str:
    return f"xl/worksheets/sheet{index}.xml"


def in_part(member: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    """A patch replacing ``old`` (which must be there) in one member of the archive."""
    def patch(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        assert old in data, (old, data[:300])
        return data.replace(old, new, 1)
    return patch


def in_sheet(index: int, old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    """A patch replacing ``old`` (which must be there) in the index-th sheet's XML."""
    return in_part(sheet_part(index), old, new)


def cells(index: int, new: dict[str, str]) -> Callable[[str, bytes], bytes]:
    """A patch replacing whole cells of the index-th sheet, by reference, with new XML."""
    def patch(name: str, data: bytes) -> bytes:
        if name != sheet_part(index):
            return data
        for ref, xml in new.items():
            data, found = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)',
                                  xml.encode(), data, count=1)
            assert found == 1, ref
        return data
    return patch


def error_cell(ref: str, error: str, formula: str = "") -> str:
    """A cell showing an Excel error, with the formula that gave it if any."""
    return f'<c r="{ref}" t="e">' + (f"<f>{formula}</f>" if formula else "") + (
        f"<v>{error}</v></c>")


def patches(*each: Callable[[str, bytes], bytes]) -> Callable[[str, bytes], bytes]:
    """One patch applying each of ``each`` in turn."""
    def patch(name: str, data: bytes) -> bytes:
        for p in each:
            data = p(name, data)
        return data
    return patch


def raw(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def csv_text(sheets: Sheets, name: str, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in sheets[name]:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date)
                         else v for v in row])
    return buffer.getvalue()


def csv_folder(sheets: Sheets, encoding: str = "utf-8", delimiter: str = ",",
               bom: bytes = b"") -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        folder.mkdir()
        for name in sheets:
            (folder / f"{name}.csv").write_bytes(
                bom + csv_text(sheets, name, delimiter).encode(encoding))
    return build


def csv_folder_with(name: str, data: bytes | Callable[[Path], object] | None
                    ) -> Callable[[Path], None]:
    """BASE as a folder of CSV files, with the file ``name`` given these bytes, built by
    ``data`` (a callable given its path, which may already exist) or removed (None)."""
    def build(folder: Path) -> None:
        csv_folder(base())(folder)
        path = folder / name
        if data is None:
            path.unlink()
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            data(path)
    return build


def project_file(change_sql: str = "", wal: bool = False) -> Callable[[Path], None]:
    """A project file as Stockpile Planner writes it (its current format), then changed
    by SQL.

    Rewritten with pages of 512 bytes (the program's own use 4 KB; the reader reads any
    size): about 10 KB rather than 50 KB a file keeps the corpus small. ``wal``: then left in
    WAL journal mode, as another SQLite program may leave it (without a -wal beside it).
    """
    def build(path: Path) -> None:
        sys.path.insert(0, str(HERE.parents[1]))
        from planner.inputs import storage  # the writer itself, so that only ``change`` differs
        from planner.inputs.reading import RawBook, RawSheet
        from planner.inputs.validation import build_project

        raw_book = RawBook("base", {k: RawSheet(k, v) for k, v in base().items()})
        storage.save(build_project(raw_book), path)
        con = sqlite3.connect(path)
        con.execute("UPDATE meta SET value = '2026-01-01T00:00:00+00:00' "
                    "WHERE key = 'saved_at'")
        if change_sql:
            con.executescript(change_sql)
        con.commit()
        con.execute("PRAGMA page_size = 512")
        con.execute("VACUUM")
        if wal:
            con.execute("PRAGMA journal_mode = WAL")
        con.close()  # the last connection: SQLite removes the -wal and -shm files
    return build


def damaged_project(damage: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """BASE's project file with its bytes then changed (cut short, a header rewritten)."""
    def build(path: Path) -> None:
        project_file()(path)
        path.write_bytes(damage(path.read_bytes()))
    return build


def _declared_pages(data: bytes, pages: int) -> bytes:
    """The database header claiming ``pages`` pages (bytes 28-31; valid while bytes 92-95
    equal the change counter, bytes 24-27, which they do)."""
    return data[:28] + pages.to_bytes(4, "big") + data[32:]


# --- the cases -------------------------------------------------------------------------

def formula_results(name: str, data: bytes) -> bytes:
    """Every number of BOM (sheet 2) and Stock (sheet 4) as a formula with its result."""
    if name not in (sheet_part(2), sheet_part(4)):
        return data
    return re.sub(rb'<c r="([B-D]\d+)" t="n"><v>([0-9.]+)</v></c>',
                  lambda m: b'<c r="' + m[1] + b'"><f>1*' + m[2] + b"</f><v>" + m[2]
                  + b"</v></c>", data)


def _bomb(path: Path) -> None:
    save(workbook(base()), path, in_sheet(
        1, b"</sheetData>", b'<row r="7"><c r="A7" t="inlineStr"><is><t>'
        + b"0" * (12 * 2**20) + b"</t></is></c></row></sheetData>"))


def _laughs(name: str, data: bytes) -> bytes:
    if name != sheet_part(1):
        return data
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY a0 "lol">{entities}]>'.encode()
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:end] + doctype + data[end:].replace(b"Traction motor", b"&a9;")


def _padded_bomb(path: Path) -> None:
    """Members of exactly 10 MB each, which the ratio rule once skipped (a floor)."""
    save(workbook(base()), path, lambda name, data: data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        for i in range(2):
            z.writestr(zipfile.ZipInfo(f"xl/media/pad{i}.bin", FIXED_TIME),
                       b"\0" * (10 * 2**20), zipfile.ZIP_DEFLATED)


def _stored_workbook() -> bytes:
    """BASE as a workbook's bytes, its members stored uncompressed (reproducible bytes,
    which read as they are)."""
    buffer = io.BytesIO()
    workbook(base()).save(buffer)
    whole = io.BytesIO()
    rezip(buffer.getvalue(), whole, compression=zipfile.ZIP_STORED)
    return whole.getvalue()


def _truncated(path: Path) -> None:
    data = _stored_workbook()
    path.write_bytes(data[: len(data) * 2 // 3])  # a download cut short


def _zip(members: dict[str, bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_STORED
                           if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return build


def _rename_sheet(old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    def patch(name: str, data: bytes) -> bytes:
        return data.replace(b'name="' + old + b'"', b'name="' + new + b'"') if (
            name == "xl/workbook.xml") else data
    return patch


def _items_only(path: Path) -> None:
    path.write_text(csv_text(base(), "Items"), encoding="utf-8")


def _title_rows(sheets: Sheets) -> None:
    for name, rows in sheets.items():
        rows[0:0] = [[f"{name} — Testwerk GmbH, exported 2026-11-02"], []]


def _merged_title(path: Path) -> None:
    sheets = base()
    sheets["Items"][0:0] = [["Item master"]]
    save(workbook(sheets, {"Items": ["A1:F1"]}), path)


def set_cell(sheet: str, row: int, column: int, value: object
             ) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet][row - 1][column] = value
    return change


def many(*changes: Callable[[Sheets], None]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for c in changes:
            c(sheets)
    return change


def _bad_crc(path: Path) -> None:
    """A workbook whose Items sheet was changed after its checksum was written (a bit
    flipped on a disk or in a transfer)."""
    data = _stored_workbook()
    assert data.count(b"Traction motor") == 1
    path.write_bytes(data.replace(b"Traction motor", b"Traction rotor"))


def _with_members(members: dict[str, bytes],
                  patch: Callable[[str, bytes], bytes] | None = None
                  ) -> Callable[[Path], None]:
    """BASE as a workbook, with more members added to the archive."""
    def build(path: Path) -> None:
        save(workbook(base()), path, patch)
        with zipfile.ZipFile(path, "a") as z:
            for name, data in members.items():
                z.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return build


def _long_text_in_many_cells(path: Path) -> None:
    """One shared text of 30,000 characters shown by 10,000 cells of Items' column H:
    a 60 KB file the reader would make 600 MB of (a copy of the text for each cell)."""
    rows = "".join(f'<row r="{r}"><c r="H{r}" t="s"><v>0</v></c></row>'
                   for r in range(10, 10_010)).encode()
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
           f'count="10000" uniqueCount="1"><si><t>{"Traction motor " * 2000}</t></si></sst>'
           ).encode()
    _with_members({"xl/sharedStrings.xml": sst}, patches(
        in_sheet(1, b"</sheetData>", rows + b"</sheetData>"),
        in_part("xl/_rels/workbook.xml.rels", b"</Relationships>",
                b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId98" />'
                b"</Relationships>"),
        in_part("[Content_Types].xml", b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>')
    ))(path)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHART_SHEET = (f'<chartsheet xmlns="{_MAIN}"><sheetPr/><sheetViews><sheetView '
                'workbookViewId="0"/></sheetViews></chartsheet>').encode()
_chart_sheet_parts = patches(
    in_part("xl/workbook.xml", b"</sheets>",
            b'<sheet name="Chart1" sheetId="9" state="visible" r:id="rId99" /></sheets>'),
    in_part("xl/_rels/workbook.xml.rels", b"</Relationships>",
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/chartsheet" Target="/xl/chartsheets/sheet1.xml" Id="rId99" />'
            b"</Relationships>"),
    in_part("[Content_Types].xml", b"</Types>",
            b'<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml" /></Types>'))


def _hide(name: str, state: str) -> Callable[[openpyxl.Workbook], None]:
    def tweak(wb: openpyxl.Workbook) -> None:
        wb[name].sheet_state = state
    return tweak


def _percent_format(wb: openpyxl.Workbook) -> None:
    """Sources' shares shown as 60%, stored as 0.6, as Excel keeps a percent cell."""
    for (cell,) in wb["Sources"].iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "0%"


def _date_1904(name: str, data: bytes) -> bytes:
    """The 1904 date system (old Mac Excel): the date cells count from 1904, 1462 days
    later, so their serial numbers are 1462 lower for the same dates."""
    return patches(
        in_part("xl/workbook.xml", b"<workbookPr />", b'<workbookPr date1904="1" />'),
        in_sheet(7, b"<v>46338</v>", b"<v>44876</v>"),
        in_sheet(8, b"<v>46328</v>", b"<v>44866</v>"))(name, data)


def _strict(name: str, data: bytes) -> bytes:
    """Excel's "Strict Open XML Spreadsheet": the ISO namespaces instead of Microsoft's."""
    return data.replace(_MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main"
                        ).replace(b"http://schemas.openxmlformats.org/officeDocument/2006/"
                                  b"relationships",
                                  b"http://purl.oclc.org/ooxml/officeDocument/relationships")


def _prefixed(name: str, data: bytes) -> bytes:
    """Every element of the workbook and sheets with a namespace prefix (x:c), as some
    .NET libraries write them."""
    if not (name.startswith("xl/worksheets/") or name == "xl/workbook.xml"):
        return data
    data = data.replace(f'xmlns="{_MAIN}"'.encode(), f'xmlns:x="{_MAIN}"'.encode())
    return re.sub(rb"<(/?)(?!x:)([A-Za-z])", rb"<\1x:\2", data)


def _protected(name: str, data: bytes) -> bytes:
    """Every sheet protected (no password): cells locked against editing, not encrypted."""
    if not name.startswith("xl/worksheets/"):
        return data
    return data.replace(b"</sheetData>", b'</sheetData><sheetProtection sheet="1" '
                        b'objects="1" scenarios="1" />')


def _mixed_line_endings(path: Path) -> None:
    lines = csv_text(base(), "Items").split("\r\n")
    path.write_bytes(("\r\n".join(lines[:2]) + "\n" + "\n".join(lines[2:4]) + "\r"
                      + "\r\n".join(lines[4:])).encode())


def _items_with(*rows: str, encoding: str = "utf-8") -> bytes:
    """BASE's Items.csv with these lines (CRLF ends added) after its own."""
    return (csv_text(base(), "Items") + "".join(row + "\r\n" for row in rows)).encode(encoding)


def _items_lines(change: Callable[[list[str]], object]) -> bytes:
    """BASE's Items.csv (UTF-8) with its lines changed in place."""
    lines = csv_text(base(), "Items").split("\r\n")
    change(lines)
    return "\r\n".join(lines).encode()


def _replace_line(number: int, old: str, new: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        assert old in lines[number - 1], (old, lines[number - 1])
        lines[number - 1] = lines[number - 1].replace(old, new)
    return change


def _mixed_encodings(path: Path) -> None:
    """Suppliers.csv in UTF-8, but for a line pasted from a Windows-1252 file."""
    path.write_bytes(csv_text(changed(set_cell("Suppliers", 3, 1, "Müller & Söhne")),
                              "Suppliers").encode()
                     + "S4,Gröber Metall AG,AT\r\n".encode("cp1252")
                     + "S5,Société Générale des Métaux,FR\r\n".encode())


def _items_folder(path: Path) -> None:
    """Items.csv saved into a folder of that name."""
    data = path.read_bytes()
    path.unlink()
    path.mkdir()
    (path / "Items.csv").write_bytes(data)


# Names defined in the workbook that link outside it, used by formulas of Stock: one to
# another workbook, one asking another program (DDE), one through the first; a name local
# to Stock (localSheetId 3) hides a global one of the same name, and links nowhere.
_DEFINED_NAMES = in_part(
    "xl/workbook.xml", b"</sheets>",
    b"</sheets><definedNames>"
    b'<definedName name="price_list">[1]Prices!$B$2</definedName>'
    b"<definedName name=\"calc\">cmd|'/c calc'!A0</definedName>"
    b'<definedName name="Doubled">price_list*2</definedName>'
    b'<definedName name="counted">[1]Counts!$A$1</definedName>'
    b'<definedName name="counted" localSheetId="3">Stock!$B$4</definedName>'
    b"</definedNames>")
_NAMES_USED = in_sheet(
    4, b'<c r="B2" t="n"><v>2000</v></c><c r="C2" t="n"><v>500</v></c>',
    b'<c r="B2"><f>price_list</f><v>2000</v></c><c r="C2"><f>SUM(calc)</f><v>500</v></c>')
_NAMES_USED_TOO = cells(4, {"B3": '<c r="B3"><f>doubled/2+0*LEN("price_list")</f><v>100</v>'
                                  "</c>",
                            "C4": '<c r="C4"><f>counted*0</f><v>0</v></c>'})
NEWER_ERRORS = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!",
                "#BUSY!", "#PYTHON!", "#GETTING_DATA")


def bad_cases() -> list[Case]:
    return [
        # --- sheets and headers ---
        Case("missing_sheet.xlsx", "no Sources sheet",
             book(changed(lambda s: s.pop("Sources"))),
             [f"Sources: missing sheet Sources {MISSING}"]),
        Case("empty_sheet.xlsx", "a Stock sheet without a single cell",
             book(changed(lambda s: s.update(Stock=[]))),
             ["Stock!A1: the sheet is empty; it needs a header row with item_id, on_hand"]),
        Case("only_an_empty_sheet.xlsx", "a new workbook saved as it is",
             book({"Sheet1": []}),
             ['warning: Sheet1: unknown sheet ignored',
              f"Items: missing sheet Items {MISSING}",
              f"Demand: missing sheet Demand {MISSING}",
              f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("missing_column.xlsx", "BOM without its qty_per column",
             book(changed(lambda s: [r.pop(2) for r in s["BOM"]])),
             ["BOM!A1: missing required column qty_per"]),
        Case("duplicate_column.xlsx", "Items with two name columns",
             book(changed(lambda s: [r.append(r[1]) for r in s["Items"]])),
             ["Items!G1: column name appears twice (also in column B)"]),
        Case("duplicate_sheet.xlsx", "sheets Stock and STOCK",
             book(changed(lambda s: s.update(STOCK=copy.deepcopy(s["Stock"]))),
                  patch=_rename_sheet(b"STOCK1", b"STOCK")),
             ['STOCK: sheets "Stock" and "STOCK" are the same sheet (names are read '
              "regardless of case and spaces); keep one"]),
        Case("merged_header.xlsx", "BOM's qty_per header merged over scrap_pct",
             book(base(), {"BOM": ["C1:D1"]}),
             ["BOM!D1: the header cell is merged with C1, so column D has values but no name;"
              " unmerge the header cells and name each column"]),
        Case("merged_required_header.xlsx", "Items' item_id header merged over name",
             book(changed(set_cell("Items", 1, 1, None)), {"Items": ["A1:B1"]}),
             ["Items!B1: the header cell is merged with A1, so column B has values but no "
              "name; unmerge the header cells and name each column",
              "Items!A1: missing required column name"]),
        Case("header_too_low.xlsx", "Stock's header on row 12 under a title and blank rows",
             book(changed(lambda s: s["Stock"].__setitem__(
                 slice(0, 0), [["Stock count, warehouse 3"]] + [[]] * 10))),
             ["Stock!A1: the header row (row 12) must be within the first 10 rows; delete the "
              "rows above it"]),
        Case("no_header.xlsx", "Demand's data without a header row",
             book(changed(lambda s: s["Demand"].pop(0))),
             ['warning: Demand!A1: unknown column "P1" ignored',
              'warning: Demand!B1: unknown column "700" ignored',
              'warning: Demand!C1: unknown column "week" ignored',
              "Demand!A1: missing required column item_id",
              "Demand!A1: missing required column quantity",
              "Demand!A1: missing required column per"]),
        Case("items_and_lowercase_items.xlsx", "sheets Items and items, written by a "
             "program (Excel refuses names that differ only in case)",
             book(changed(lambda s: s.update(items=copy.deepcopy(s["Items"]))),
                  patch=_rename_sheet(b"items1", b"items")),
             ['items: sheets "Items" and "items" are the same sheet (names are read '
              "regardless of case and spaces); keep one"]),
        Case("items_header_only.xlsx", "an Items sheet with its header and no rows: every "
             "item used elsewhere is unknown",
             book(changed(lambda s: s.update(Items=s["Items"][:1]))),
             ['Demand!A2: unknown item "P1"', 'Stock!A2: unknown item "M1"',
              'Stock!A3: unknown item "M2"', 'Stock!A4: unknown item "M3"',
              'Sources!A2: unknown item "M1"', 'Sources!A3: unknown item "M1"',
              'Sources!A4: unknown item "M2"', 'Sources!A5: unknown item "M3"',
              'Orders!A2: unknown item "M3"', 'BOM!A2: unknown item "P1"',
              'BOM!A3: unknown item "C1"', 'BOM!A4: unknown item "C1"',
              'BOM!A5: unknown item "P1"', 'BOM!B2: unknown item "C1"',
              'BOM!B3: unknown item "M1"', 'BOM!B4: unknown item "M2"',
              'BOM!B5: unknown item "M3"']),
        # --- a wrong type in every kind of column ---
        Case("id_boolean.xlsx", "a TRUE cell as an item_id (id column)",
             book(changed(set_cell("Items", 3, 0, True))),
             ['Items!A3: item_id must be text or a number, got "True"']),
        Case("id_too_long.xlsx", "a 300-character supplier_id",
             book(changed(set_cell("Suppliers", 4, 0, "S" * 300))),
             ["Suppliers!A4: supplier_id must be at most 200 characters long"]),
        Case("text_too_long.xlsx", "a name of 32,767 characters, Excel's maximum (text)",
             book(changed(set_cell("Items", 2, 1, "Traction motor " * 2184 + "Tracti"))),
             ["Items!B2: name must be at most 1,000 characters long, got 32,766"]),
        Case("kind_unknown.xlsx", "kind 'subassembly' (kind column)",
             book(changed(set_cell("Items", 3, 2, "subassembly"))),
             ['Items!C3: kind must be one of product, component, material, got '
              '"subassembly"']),
        Case("per_unknown.xlsx", "per 'fortnight' and per 5 (per column)",
             book(changed(many(set_cell("Demand", 2, 2, "fortnight"),
                               lambda s: s["Demand"].append(["C1", 10, 5])))),
             ['Demand!C2: per must be one of day, week, month, year, got "fortnight"',
              'Demand!C3: per must be one of day, week, month, year, got "5"']),
        Case("number_text.xlsx", "qty_per 'abc', the documented example (number column)",
             book(changed(set_cell("BOM", 3, 2, "abc"))),
             ['BOM!C3: qty_per must be a positive number, got "abc"']),
        Case("number_with_unit.xlsx", "on_hand '2,000 kg'",
             book(changed(set_cell("Stock", 2, 1, "2,000 kg"))),
             ['Stock!B2: on_hand must be a number, got "2,000 kg"']),
        Case("number_decimal_comma.xlsx", "on_hand '2000,5' typed with a decimal comma",
             book(changed(set_cell("Stock", 2, 1, "2000,5"))),
             ['Stock!B2: on_hand must be a number (write 2000.5 with a decimal point), got '
              '"2000,5"']),
        Case("number_thousands_separators.xlsx", "German 1.234,5 and 1.234.567, French "
             "1 234,5, Indian 1,23,456: separators the reader cannot tell from decimals",
             book(changed(many(set_cell("Stock", 2, 1, "1.234,5"),
                               set_cell("Stock", 3, 1, "1 234,5"),
                               set_cell("Stock", 4, 2, "1.234.567"),
                               set_cell("Orders", 2, 2, "1,23,456")))),
             ['Stock!B2: on_hand must be a number, got "1.234,5"',
              'Stock!B3: on_hand must be a number, got "1 234,5"',
              'Stock!C4: safety_stock must be a number, got "1.234.567"',
              'Orders!C2: quantity must be a positive number, got "1,23,456"']),
        Case("number_boolean_and_date.xlsx", "unit_price TRUE and a quantity that is a date",
             book(changed(many(set_cell("Items", 4, 4, True),
                               set_cell("Demand", 2, 1, dt.date(2026, 1, 5))))),
             ['Items!E4: unit_price must be a number, got "True"',
              'Demand!B2: quantity must be a number, got "2026-01-05"']),
        Case("share_bare_percent.xlsx", "share 60 meaning 60% (share column)",
             book(changed(set_cell("Sources", 2, 2, 60))),
             ['Sources!C2: share must be between 0 and 1 (write 60% for a percentage), got '
              '"60"']),
        Case("share_over_100.xlsx", "share '120%'",
             book(changed(set_cell("Sources", 3, 2, "120%"))),
             ['Sources!C3: share must be between 0 and 1, got "120%"']),
        Case("share_text.xlsx", "share 'most' and share '0,4'",
             book(changed(many(set_cell("Sources", 2, 2, "most"),
                               set_cell("Sources", 3, 2, "0,4")))),
             [f'Sources!C2: share {FRACTION}, got "most"',
              f'Sources!C3: share {FRACTION} (write 0.4 with a decimal point), got "0,4"']),
        Case("share_boolean.xlsx", "shares TRUE and FALSE (share column)",
             book(changed(many(set_cell("Sources", 2, 2, True),
                               set_cell("Sources", 3, 2, False)))),
             [f'Sources!C2: share {FRACTION}, got "True"',
              f'Sources!C3: share {FRACTION}, got "False"']),
        Case("date_text.xlsx", "due_date 'next week' and '11/12/2026' (date column)",
             book(changed(many(set_cell("Orders", 2, 3, "next week"),
                               lambda s: s["Orders"].append(["M3", "S3", 10, "11/12/2026"])))),
             ['Orders!D2: due_date must be a date such as 2026-11-02, got "next week"',
              'Orders!D3: due_date must be a date such as 2026-11-02, got "11/12/2026"']),
        Case("date_text_unread_formats.xlsx", "due dates as text in formats other than ISO and "
             "day.month.year: spelled months, day/month, no separators, a time of day, "
             "February 30, Japanese",
             book(changed(lambda s: s["Orders"].extend(
                 ["M3", "S3", 10, text] for text in (
                     "20 Nov 2026", "Nov 20, 2026", "20/11/2026", "20261120",
                     "2026-11-20 14:30", "2026-02-30", "2026年11月20日")))),
             [f'Orders!D{row}: due_date must be a date such as 2026-11-02, got "{text}"'
              for row, text in enumerate(("20 Nov 2026", "Nov 20, 2026", "20/11/2026",
                                          "20261120", "2026-11-20 14:30", "2026-02-30",
                                          "2026年11月20日"), start=3)]),
        Case("dates_far_past.xlsx", "due dates in 1850 as text and as a date cell",
             book(changed(many(set_cell("Orders", 2, 3, "1850-01-01"),
                               lambda s: s["Orders"].append(
                                   ["M3", "S3", 10, dt.datetime(1850, 1, 1)])))),
             ['Orders!D2: due_date must be a date from 1900 to 2200, got "1850-01-01"',
              'Orders!D3: due_date must be a date such as 2026-11-02, got the time "00:00:00" '
              "(a date before 1900 reads as a time)"]),
        Case("dates_far_future.xlsx", "a due date in 2999, 9999-12-31, as-of date in 2201",
             book(changed(many(set_cell("Orders", 2, 3, dt.date(2999, 1, 1)),
                               lambda s: s["Orders"].append(["M3", "S3", 10, "9999-12-31"]),
                               set_cell("Settings", 2, 1, dt.date(2201, 1, 1))))),
             ['Orders!D2: due_date must be a date from 1900 to 2200, got "2999-01-01"',
              'Orders!D3: due_date must be a date from 1900 to 2200, got "9999-12-31"',
              'Settings!B2: as_of_date must be a date from 1900 to 2200, got "2201-01-01"']),
        Case("days_beyond_100_years.xlsx", "a time to recover of a billion days (it would "
             "run a scenario for hours), a 40,000-day lead time, a 1,000,000-day horizon",
             book(changed(many(lambda s: [r.append("time_to_recover_days" if i == 0 else None)
                                          for i, r in enumerate(s["Sources"])],
                               set_cell("Sources", 2, 6, 1e9), set_cell("Sources", 4, 4, 40000),
                               set_cell("Settings", 3, 1, 1e6)))),
             ['Sources!E4: lead_time_days must be at most 36,500 days (100 years), got '
              '"40000"',
              'Sources!G2: time_to_recover_days must be at most 36,500 days (100 years), got '
              '"1000000000"',
              'Settings!B3: horizon_days must be at most 36,500 days (100 years), got '
              '"1000000"']),
        Case("country_name.xlsx", "countries as names (country column)",
             book(changed(many(set_cell("Suppliers", 2, 2, "China"),
                               set_cell("Sources", 3, 5, "Germany")))),
             [f'Suppliers!C2: country {COUNTRY} (did you mean CN?), got "China"',
              f'Sources!F3: origin_country {COUNTRY} (did you mean DE?), got "Germany"']),
        Case("country_unknown.xlsx", "country codes XX and EU",
             book(changed(many(set_cell("Suppliers", 3, 2, "XX"),
                               set_cell("Suppliers", 4, 2, "EU")))),
             [f'Suppliers!C3: country {COUNTRY}, got "XX"',
              f'Suppliers!C4: country {COUNTRY}, got "EU"']),
        Case("nan_and_infinity.xlsx", "NaN, inf, -Infinity, 1e999 and an inf number cell",
             book(changed(many(set_cell("Stock", 2, 1, "NaN"), set_cell("Stock", 3, 2, "inf"),
                               set_cell("Stock", 2, 3, "-Infinity"),
                               set_cell("Items", 4, 4, "1e999"),
                               set_cell("Stock", 4, 1, 12345))),
                  patch=in_sheet(4, b"<v>12345</v>", b"<v>inf</v>")),
             ['Items!E4: unit_price must be a finite number, got "1e999"',
              'Stock!B2: on_hand must be a finite number, got "NaN"',
              'Stock!B4: on_hand must be a finite number, got "inf"',
              'Stock!C3: safety_stock must be a finite number, got "inf"',
              'Stock!D2: target_days must be a finite number, got "-Infinity"']),
        Case("long_text_in_numbers.xlsx", "32,000 characters where numbers belong",
             book(changed(many(set_cell("Stock", 2, 1, "9" * 20 + "x" * 31980),
                               set_cell("Sources", 2, 2, "y" * 32000)))),
             ['Stock!B2: on_hand must be a number, got "99999999999999999999xxxxxxxxxxxxxxxxx..."',
              f'Sources!C2: share {FRACTION}, got "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy..."']),
        Case("required_blank.xlsx", "blank name, per and share",
             book(changed(many(set_cell("Items", 3, 1, None), set_cell("Demand", 2, 2, "  "),
                               set_cell("Sources", 5, 2, None)))),
             ["Items!B3: name is required", "Demand!C2: per is required",
              "Sources!C5: share is required"]),
        Case("zero_where_positive.xlsx", "qty_per 0 and an order of 0",
             book(changed(many(set_cell("BOM", 2, 2, 0), set_cell("Orders", 2, 2, 0)))),
             ['BOM!C2: qty_per must be greater than zero, got "0"',
              'Orders!C2: quantity must be greater than zero, got "0"']),
        Case("negative.xlsx", "negative stock, scrap, price, lead time and demand",
             book(changed(many(set_cell("Stock", 2, 1, -5), set_cell("BOM", 3, 3, -1),
                               set_cell("Items", 4, 4, -60), set_cell("Sources", 2, 4, -2),
                               set_cell("Demand", 2, 1, "-700")))),
             ['Items!E4: unit_price must not be negative, got "-60"',
              'BOM!D3: scrap_pct must not be negative, got "-1"',
              'Demand!B2: quantity must not be negative, got "-700"',
              'Stock!B2: on_hand must not be negative, got "-5"',
              'Sources!E2: lead_time_days must not be negative, got "-2"']),
        Case("invisible_characters.xlsx", "an item id with a zero-width space, pasted from a "
             "web page", book(changed(set_cell("Demand", 2, 0, "P1\u200b"))),
             ['warning: Demand!A2: item_id "P1\\u200b" contains an invisible character '
              '(U+200B zero width space); the id is kept as typed and matches only an id '
              'with the same character',
              'Demand!A2: unknown item "P1\\u200b"']),
        Case("id_line_break.xlsx", "an id typed over two lines (Alt+Enter in a cell)",
             book(changed(set_cell("Stock", 3, 0, "M\n2"))),
             ['Stock!A3: item_id "M\\u000a2" contains a line break (U+000A); an id must be on '
              "one line, retype it"]),
        Case("id_right_to_left_override.xlsx", "a child id holding a right-to-left override, "
             "which shows its letters in another order", book(changed(
                 set_cell("BOM", 3, 1, "M\u202e2"))),
             ['BOM!B3: child_id "M\\u202e2" contains a bidirectional control character '
              "(U+202E right-to-left override); ids must read the same everywhere, retype it"]),
        Case("csv_id_left_to_right_mark/", "a supplier id ending with a left-to-right mark, "
             "as copied from a web page, in Suppliers.csv and Sources.csv",
             csv_folder(changed(many(set_cell("Suppliers", 3, 0, "S2\u200e"),
                                     set_cell("Sources", 3, 1, "S2\u200e")))),
             [f'{where}: supplier_id "S2\\u200e" contains a bidirectional control character '
              "(U+200E left-to-right mark); ids must read the same everywhere, retype it"
              for where in ("Suppliers!A3", "Sources!B3")]),
        Case("id_accent_twice.xlsx", "one id typed twice: with a separate accent (e and "
             "U+0301) and with the accented letter; one id, listed twice",
             book(changed(lambda s: s["Items"].extend([
                 ["Ge\u0301", "Germanium, decomposed", "material", "kg", 1, None],
                 ["Gé", "Germanium, composed", "material", "kg", 1, None]]))),
             ["Items!A8: duplicate item_id Gé (first on row 7)",
              "warning: Items!A7: material Gé has no Sources rows; its supply exposure cannot "
              "be computed",
              "warning: Items!A8: material Gé has no Sources rows; its supply exposure cannot "
              "be computed"]),
        Case("id_soft_hyphen_everywhere.xlsx", "M2 renamed with a soft hyphen (U+00AD) in "
             "Items, BOM and Stock, but not in Sources",
             book(changed(many(set_cell("Items", 5, 0, "M\u00ad2"),
                               set_cell("BOM", 4, 1, "M\u00ad2"),
                               set_cell("Stock", 3, 0, "M\u00ad2")))),
             [f'warning: {where}: {column} "M\\u00ad2" contains an invisible character '
              "(U+00AD soft hyphen); the id is kept as typed and matches only an id with the "
              "same character" for where, column in (("Items!A5", "item_id"),
                                                     ("BOM!B4", "child_id"),
                                                     ("Stock!A3", "item_id"))]
             + ['Sources!A4: unknown item "M2"',
                "warning: Items!A5: material M\\u00ad2 has no Sources rows; its supply "
                "exposure cannot be computed"]),
        # --- settings ---
        Case("settings_values.xlsx", "every setting unreadable or out of range",
             book(changed(many(set_cell("Settings", 2, 1, "yesterday"),
                               set_cell("Settings", 3, 1, 0), set_cell("Settings", 4, 1, -1),
                               set_cell("Settings", 5, 1, 60),
                               set_cell("Settings", 6, 1, "abc")))),
             ['Settings!B2: as_of_date must be a date such as 2026-11-02, got "yesterday"',
              'Settings!B3: horizon_days must be greater than zero, got "0"',
              'Settings!B4: target_days must not be negative, got "-1"',
              "Settings!B5: max_supplier_share must be between 0 and 1 (write 60% for a "
              'percentage), got "60"',
              f'Settings!B6: max_country_share {FRACTION}, got "abc"']),
        Case("settings_twice.xlsx", "currency set twice, and a setting nobody knows",
             book(changed(lambda s: s["Settings"].extend([["Currency", "USD"],
                                                          ["colour", "red"]]))),
             ["Settings!A9: currency is set twice (also on row 7)",
              'warning: Settings!A10: unknown setting "colour" ignored']),
        # --- rules across rows and sheets ---
        Case("duplicate_ids.xlsx", "an item and a supplier listed twice",
             book(changed(lambda s: (s["Items"].append(["M2", "Dysprosium oxide", "material",
                                                        "kg", 300, None]),
                                     s["Suppliers"].append(["S3", "Codelco Chile", "CL"])))),
             ["Items!A7: duplicate item_id M2 (first on row 5)",
              "Suppliers!A5: duplicate supplier_id S3 (first on row 4)"]),
        Case("duplicate_rows.xlsx", "a stock row, a BOM line and a source given twice",
             book(changed(lambda s: (s["Stock"].append(["M3", 5, None, None]),
                                     s["BOM"].append(["C1", "M2", 0.06, None]),
                                     s["Sources"].append(["M1", "S2", 0.1, 70, 20, "CN"])))),
             ["Stock!A5: duplicate stock row for item M3 (first on row 4)",
              "BOM!A6: duplicate BOM line C1 / M2 (first on row 4)",
              "Sources!A6: duplicate source M1 / S2 / CN (first on row 3)",
              "Sources!C2: the shares of item M1 sum to 1.1, not 1 (allowed: 1 ± 0.005)"]),
        Case("unknown_references.xlsx", "items and suppliers that are not listed",
             book(changed(many(set_cell("Demand", 2, 0, "P9"), set_cell("Stock", 3, 0, "M9"),
                               set_cell("BOM", 5, 1, "M8"), set_cell("Sources", 5, 1, "S9"),
                               set_cell("Orders", 2, 1, "S7")))),
             ['Demand!A2: unknown item "P9"', 'Stock!A3: unknown item "M9"',
              'BOM!B5: unknown item "M8"', 'Sources!B5: unknown supplier "S9"',
              'Orders!B2: unknown supplier "S7"',
              "warning: Orders!B2: no Sources row for M3 from S7"]),
        Case("shares_not_100.xlsx", "M1's shares sum to 90%",
             book(changed(set_cell("Sources", 3, 2, "30%"))),
             ["Sources!C2: the shares of item M1 sum to 0.9, not 1 (allowed: 1 ± 0.005)"]),
        Case("bom_cycle.xlsx", "the magnet set made of the motor it goes into",
             book(changed(lambda s: s["BOM"].append(["C1", "P1", 1, None]))),
             ["BOM!A2: the BOM has a cycle: P1 → C1 → P1"]),
        Case("bom_self_loop.xlsx", "the magnet set made of itself",
             book(changed(lambda s: s["BOM"].append(["C1", "C1", 1, None]))),
             ["BOM!A6: the BOM has a cycle: C1 → C1"]),
        # --- formulas ---
        Case("formula_without_result.xlsx", "formulas written by a program that does not "
             "calculate (openpyxl): no saved result",
             book(changed(many(set_cell("BOM", 3, 2, "==0.15*2"),
                               set_cell("Items", 4, 4, "==E5/7.5")))),
             [f"Items!E4: unit_price is a formula (=E5/7.5) {FORMULA}",
              f"BOM!C3: qty_per is a formula (=0.15*2) {FORMULA}"]),
        Case("formula_errors.xlsx", "cells showing #DIV/0! (a formula) and #N/A (typed)",
             book(changed(many(set_cell("Stock", 3, 1, 77777),
                               set_cell("Sources", 2, 4, 88888))),
                  patch=lambda n, d: in_sheet(6, b'<c r="E2" t="n"><v>88888</v></c>',
                                              b'<c r="E2" t="e"><v>#N/A</v></c>')(
                      n, in_sheet(4, b'<c r="B3" t="n"><v>77777</v></c>',
                                  b'<c r="B3" t="e"><f>B2/0</f><v>#DIV/0!</v></c>')(n, d))),
             ["Stock!B3: on_hand shows the error #DIV/0!; correct the formula or type the "
              "value",
              "Sources!E2: lead_time_days shows the error #N/A; correct the formula or type "
              "the value"]),
        Case("formula_in_settings.xlsx", "horizon_days as a formula without a result",
             book(changed(set_cell("Settings", 3, 1, "==30*3"))),
             [f"Settings!B3: horizon_days is a formula (=30*3) {FORMULA}"]),
        Case("formula_errors_every_column.xlsx", "an Excel error in a cell of each kind of "
             "column: id, text, kind, per, country, share, date and two settings",
             book(base(), patch=patches(
                 cells(1, {"A3": error_cell("A3", "#N/A", "VLOOKUP(1,Z:Z,1,0)"),
                           "B4": error_cell("B4", "#REF!", "#REF!"),
                           "C5": error_cell("C5", "#VALUE!"),
                           "F4": error_cell("F4", "#NAME?", "CATEGORY(A4)")}),
                 cells(3, {"C2": error_cell("C2", "#N/A")}),
                 cells(5, {"C2": error_cell("C2", "#NULL!", "A1 B1")}),
                 cells(6, {"C2": error_cell("C2", "#DIV/0!", "1/0")}),
                 cells(7, {"D2": error_cell("D2", "#NUM!", "DATE(-1,1,1)")}),
                 cells(8, {"B2": error_cell("B2", "#N/A"),
                           "B7": error_cell("B7", "#REF!", "#REF!")}))),
             [f"{where}: {column} shows the error {error}; correct the formula or type the "
              "value" for where, column, error in (
                  ("Items!A3", "item_id", "#N/A"), ("Items!B4", "name", "#REF!"),
                  ("Items!C5", "kind", "#VALUE!"), ("Items!F4", "category", "#NAME?"),
                  ("Demand!C2", "per", "#N/A"), ("Suppliers!C2", "country", "#NULL!"),
                  ("Sources!C2", "share", "#DIV/0!"), ("Orders!D2", "due_date", "#NUM!"),
                  ("Settings!B2", "as_of_date", "#N/A"), ("Settings!B7", "currency", "#REF!"))]),
        Case("dde_in_id_and_settings.xlsx", "an item id and a setting asking other programs "
             "for their values (DDE), with the values they last gave",
             book(base(), patch=patches(
                 cells(1, {"A2": '<c r="A2" t="str"><f>cmd|\'/c calc\'!A0</f><v>P1</v></c>'}),
                 cells(8, {"B3": '<c r="B3"><f>Excel|[prices.xlsx]Sheet1!R1C1</f><v>90</v>'
                                 "</c>"}))),
             ["Items!A2: item_id is a formula (=cmd|'/c calc'!A0) that asks another program "
              "for its value (DDE); type the value",
              "Settings!B3: horizon_days is a formula (=Excel|[prices.xlsx]Sheet1!R1C1) that "
              "asks another program for its value (DDE); type the value"]),
        Case("external_defined_names.xlsx", "formulas using defined names that link to "
             "another workbook, ask another program (DDE), or use such a name; a local name "
             "hiding a linking one is read", book(base(), patch=patches(
                 _DEFINED_NAMES, _NAMES_USED, _NAMES_USED_TOO)),
             ["Stock!B2: on_hand is a formula (=price_list) using the name price_list, which "
              "links to another workbook (=[1]Prices!$B$2), whose saved value may be out of "
              "date; type the value",
              "Stock!B3: on_hand is a formula (=doubled/2+0*LEN(\"price_list\")) using the "
              "name Doubled, which links to another workbook (=[1]Prices!$B$2), whose saved "
              "value may be out of date; type the value",
              "Stock!C2: safety_stock is a formula (=SUM(calc)) using the name calc, which "
              "asks another program for its value (DDE: =cmd|'/c calc'!A0); type the value"]),
        Case("newer_excel_errors.xlsx", "errors of newer Excel versions (#SPILL!, #CALC!, "
             "#BUSY! ...), which the reader does not know, and #N/A",
             book(base(), patch=patches(
                 cells(1, {"A3": error_cell("A3", "#SPILL!", "SEQUENCE(3)"),
                           "B4": error_cell("B4", "#CALC!", "FILTER(B:B,C:C=0)"),
                           "F4": error_cell("F4", "#N/A")}),
                 cells(4, {"B2": error_cell("B2", "#BUSY!"),
                           "C3": error_cell("C3", "#PYTHON!"),
                           "D2": error_cell("D2", "#GETTING_DATA")}),
                 cells(5, {"B2": error_cell("B2", "#FIELD!"),
                           "B3": error_cell("B3", "#BLOCKED!"),
                           "B4": error_cell("B4", "#CONNECT!"),
                           "C2": error_cell("C2", "#UNKNOWN!")}))),
             [f"{where}: {column} shows the error {error}; correct the formula or type the "
              "value" for where, column, error in (
                  ("Items!A3", "item_id", "#SPILL!"), ("Items!B4", "name", "#CALC!"),
                  ("Items!F4", "category", "#N/A"), ("Stock!B2", "on_hand", "#BUSY!"),
                  ("Stock!C3", "safety_stock", "#PYTHON!"),
                  ("Stock!D2", "target_days", "#GETTING_DATA"),
                  ("Suppliers!B2", "name", "#FIELD!"), ("Suppliers!B3", "name", "#BLOCKED!"),
                  ("Suppliers!B4", "name", "#CONNECT!"),
                  ("Suppliers!C2", "country", "#UNKNOWN!"))]),
        # --- files that are not what they claim, or hostile ---
        Case("encrypted.xlsx", "a password-protected workbook (an OLE container)",
             raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage"
                 .encode("utf-16-le") + bytes(1000)),
             refused="encrypted.xlsx: this is an encrypted workbook or an old .xls file; open "
             "it in Excel and save it as .xlsx without a password"),
        Case("old_format.xls", "an Excel 97-2003 workbook",
             raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook"
                 .encode("utf-16-le") + bytes(1000)),
             refused="old_format.xls: this is an encrypted workbook or an old .xls file; open "
             "it in Excel and save it as .xlsx without a password"),
        Case("truncated.xlsx", "a download cut short at two thirds", _truncated,
             refused="truncated.xlsx: the workbook is damaged (File is not a zip file)"),
        Case("csv_renamed.xlsx", "a CSV file renamed to .xlsx",
             raw(csv_text(base(), "Items").encode()),
             refused="csv_renamed.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("empty_file.xlsx", "a file of 0 bytes", raw(b""),
             refused="empty_file.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("spreadsheet.ods", "an OpenDocument spreadsheet",
             _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                   "content.xml": b"<office:document-content/>",
                   "META-INF/manifest.xml": b"<manifest:manifest/>"}),
             refused="spreadsheet.ods: this is an OpenDocument spreadsheet (.ods); save it as "
             "an Excel workbook (.xlsx)"),
        Case("binary.xlsb", "an Excel binary workbook",
             _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}),
             refused="binary.xlsb: this is a binary workbook (.xlsb); save it from Excel as "
             ".xlsx"),
        Case("photos_renamed.xlsx", "a zip of pictures named .xlsx",
             _zip({"holiday/beach.jpg": b"\xff\xd8\xff\xe0" + bytes(200)}),
             refused="photos_renamed.xlsx: not an Excel workbook (.xlsx)"),
        Case("macros.xlsm", "a macro-enabled workbook", book(base()),
             refused="macros.xlsm: this workbook holds macros, and macros are not read: save "
             "it from Excel as .xlsx (Excel Workbook)"),
        Case("two_sheets_one_name.xlsx", "Orders renamed Items by a program (Excel forbids "
             "it): the second Items replaced the first unseen",
             book(base(), patch=_rename_sheet(b"Orders", b"Items")),
             refused='two_sheets_one_name.xlsx: two sheets are named "Items"; rename or '
             "delete one"),
        Case("external_links.xlsx", "on hand linked to another workbook, safety stock from "
             "another program (DDE): their saved values would be used as they stand",
             book(base(), patch=in_sheet(
                 4, b'<c r="B2" t="n"><v>2000</v></c><c r="C2" t="n"><v>500</v></c>',
                 b'<c r="B2"><f>[1]Stock!B2</f><v>2000</v></c>'
                 b"<c r=\"C2\"><f>cmd|'/c calc'!A0</f><v>500</v></c>")),
             ["Stock!B2: on_hand is a formula (=[1]Stock!B2) linking to another workbook, "
              "whose saved value may be out of date; type the value",
              "Stock!C2: safety_stock is a formula (=cmd|'/c calc'!A0) that asks another "
              "program for its value (DDE); type the value"]),
        Case("zip_bomb.xlsx", "a 12 MB cell compressed to 13 KB (950:1)", _bomb,
             refused="zip_bomb.xlsx: xl/worksheets/sheet1.xml inflates 12 MB from 13 KB; "
             "refused as a zip bomb"),
        Case("zip_bomb_10mb_members.xlsx", "members of exactly 10 MB at 1000:1 (the ratio "
             "rule once skipped them)", _padded_bomb,
             refused="zip_bomb_10mb_members.xlsx: xl/media/pad0.bin inflates 10 MB from 10 KB; "
             "refused as a zip bomb"),
        Case("billion_laughs.xlsx", "nested XML entities that expand to 3 GB",
             book(base(), patch=_laughs),
             refused="billion_laughs.xlsx: xl/worksheets/sheet1.xml declares XML entities, "
             "which Excel never writes (a way to make a small file expand to gigabytes); "
             "refused"),
        Case("stray_cell.xlsx", "one cell at XFD1048576 (17 billion cells to lay out)",
             book(base(), patch=in_sheet(
                 1, b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is>'
                 b"<t>x</t></is></c></row></sheetData>")),
             refused="stray_cell.xlsx: sheet Items reaches cell XFD1048576 but holds 35 cells; "
             "delete the cells beyond the data (Ctrl+End in Excel shows the last one) and "
             "save again"),
        Case("html_renamed.xlsx", "a web page (an HTML table) saved with the name of a "
             "workbook", raw(b"<html><head><meta charset=\"utf-8\"></head><body><table>"
                             b"<tr><td>item_id</td><td>name</td></tr></table></body></html>"),
             refused="html_renamed.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("html_export.xls", "an ERP's 'Excel export': an HTML table named .xls",
             raw(b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
                 b"<tr><td>item_id</td><td>name</td></tr><tr><td>P1</td><td>Traction motor"
                 b"</td></tr></table></body></html>"),
             refused="html_export.xls: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("empty_zip.xlsx", "a zip archive without a member", _zip({}),
             refused="empty_zip.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("zip_directory_only.xlsx", "a zip holding only the folder xl/",
             _zip({"xl/": b""}),
             refused="zip_directory_only.xlsx: not an Excel workbook (.xlsx)"),
        Case("zip_bad_crc.xlsx", "the Items sheet changed after its checksum was written",
             _bad_crc,
             refused="zip_bad_crc.xlsx: the workbook is damaged (Bad CRC-32 for file "
             "'xl/worksheets/sheet1.xml')"),
        Case("shared_strings_missing.xlsx", "a cell pointing into a table of shared texts "
             "that the archive does not hold",
             book(base(), patch=cells(1, {"A2": '<c r="A2" t="s"><v>0</v></c>'})),
             refused="shared_strings_missing.xlsx: the workbook cannot be read (Cell string "
             "index not found in shared strings table)"),
        Case("long_text_in_many_cells.xlsx", "one shared text of 30,000 characters shown "
             "by 10,000 cells: the reader copies it into each (600 MB from a small file)",
             _long_text_in_many_cells,
             refused="long_text_in_many_cells.xlsx: sheet Items repeats long texts in many "
             "cells, which the reader copies into each cell: the template's sheets would take "
             "286 MB of text to read, over the 256 MB this program reads; keep long texts out "
             "of the template's sheets"),
        # --- CSV ---
        Case("Items.csv", "one CSV file instead of a folder of them", _items_only,
             [f"Demand: missing sheet Demand {MISSING}",
              f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("csv_semicolon_decimal_comma/", "German Excel: cp1252, semicolons, decimal "
             "commas", lambda p: csv_folder(changed(many(
                 set_cell("Sources", 2, 2, "0,6"), set_cell("Sources", 3, 2, "0,4"),
                 set_cell("Stock", 2, 1, "2000,5"), set_cell("Suppliers", 3, 1, "Müller & Söhne")
             )), "cp1252", ";")(p),
             ['Stock!B2: on_hand must be a number (write 2000.5 with a decimal point), got '
              '"2000,5"',
              f'Sources!C2: share {FRACTION} (write 0.6 with a decimal point), got "0,6"',
              f'Sources!C3: share {FRACTION} (write 0.4 with a decimal point), got "0,4"']),
        Case("csv_utf16_tab/", "Excel's 'Unicode text': UTF-16 with tabs, a country name",
             csv_folder(changed(set_cell("Suppliers", 3, 2, "Deutschland")), "utf-16-le",
                        "\t", b"\xff\xfe"),
             [f'Suppliers!C3: country {COUNTRY}, got "Deutschland"']),
        Case("csv_long_field/", "a name of 200,000 characters in Items.csv (beyond the csv "
             "module's limit)", lambda p: (csv_folder(base())(p), (p / "Items.csv").write_text(
                 csv_text(changed(set_cell("Items", 4, 1, "x" * 200_000)), "Items"),
                 encoding="utf-8")),
             refused="Items.csv!row 4: a field is longer than 131,072 characters"),
        Case("csv_shift_jis/", "Japanese Excel's CSV: Shift_JIS (read as Windows-1252 two "
             "ids became one)", lambda p: (csv_folder(base())(p), (p / "Items.csv").write_bytes(
                 csv_text(changed(many(
                     set_cell("Items", 4, 0, "ネオジム"), set_cell("Items", 4, 1, "ネオジム酸化物"),
                     set_cell("Items", 5, 0, "ネオジウム"),
                     set_cell("Items", 5, 1, "ネオジウム金属"))), "Items").encode("cp932"))),
             refused="Items.csv: the file is not in an encoding Stockpile Planner reads "
             "(UTF-8, UTF-16, Windows-1252); it looks like Shift_JIS: save it as UTF-8"),
        Case("csv_binary/", "Items.csv that is binary data",
             lambda p: (csv_folder(base())(p), (p / "Items.csv").write_bytes(
                 b"\x00\x01\x02\x03PK" * 64)),
             refused="Items.csv: not a text CSV file"),
        Case("csv_missing_files/", "only Items.csv and Demand.csv",
             csv_folder({k: v for k, v in base().items() if k in ("Items", "Demand")}),
             [f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("csv_empty_items/", "an Items.csv of 0 bytes", csv_folder_with("Items.csv", b""),
             ["Items!A1: the sheet is empty; it needs a header row with item_id, name, kind, "
              "unit"]),
        Case("csv_euc_jp/", "Items.csv in EUC-JP (Japanese Unix programs) with Japanese "
             "names", csv_folder_with("Items.csv", csv_text(changed(many(
                 set_cell("Items", 4, 1, "ネオジム酸化物"),
                 set_cell("Items", 5, 1, "ジスプロシウム金属"))), "Items").encode("euc_jp")),
             refused="Items.csv: the file is not in an encoding Stockpile Planner reads "
             "(UTF-8, UTF-16, Windows-1252); it looks like EUC-JP: save it as UTF-8"),
        Case("csv_mixed_encodings/", "Suppliers.csv in UTF-8 but for one line pasted from a "
             "Windows-1252 file (read as Windows-1252, Müller became MÃ¼ller)",
             csv_folder_with("Suppliers.csv", _mixed_encodings),
             refused="Suppliers.csv: line 5 is not in UTF-8, unlike other lines of the file "
             "(two encodings mixed, as when lines are pasted from another file); correct the "
             "letters on that line and save the file as UTF-8"),
        Case("csv_gb18030/", "Items.csv in GB18030 (Chinese), whose bytes read as Korean "
             "EUC-KR as well: no encoding named", csv_folder_with("Items.csv", csv_text(
                 changed(many(set_cell("Items", 4, 1, "氧化镨钕"),
                              set_cell("Items", 5, 1, "金属镝"))), "Items").encode("gb18030")),
             refused="Items.csv: the file is not in an encoding Stockpile Planner reads "
             "(UTF-8, UTF-16, Windows-1252): save it as UTF-8"),
        Case("csv_unclosed_quote/", "a quote opened in Items.csv and never closed: the lines "
             "after it would be one name", csv_folder_with("Items.csv", _items_lines(
                 _replace_line(3, "NdFeB magnet set", '"NdFeB magnet set'))),
             refused='Items.csv: line 3: a quote (") opened on this line is never closed, so '
             "every line after it is read as one value; close the quote or delete it"),
        Case("csv_quote_closed_lines_later/", "a quote opened in Items.csv and closed by "
             "another stray quote two lines later", csv_folder_with("Items.csv", _items_lines(
                 many(_replace_line(3, "NdFeB magnet set", '"NdFeB magnet set'),
                      _replace_line(5, "rare earths", 'rare earths"')))),
             refused='Items.csv: line 3: a quote (") opened on this line closes only on line '
             "5, so the lines between are read as one value; close the quote on its own line "
             "or delete it"),
        Case("csv_nul_after_4_kb/", "a NUL byte on line 82 of Items.csv, after 4 KB of text",
             csv_folder_with("Items.csv", _items_with(
                 *(f"X{i},Extra material {i:02} for the stock count,material,kg,1,other"
                   for i in range(75)), "M4,Cob\0alt,material,kg,30,base metals")),
             refused="Items.csv: line 82 holds a NUL character (a zero byte), which text never "
             "holds; the file may be damaged: export it again"),
        Case("csv_items_folder/", "Items.csv is a folder (the file saved into a folder of "
             "its name)", csv_folder_with("Items.csv", _items_folder),
             refused="csv_items_folder: Items.csv is a folder, not a CSV file; the Items sheet "
             "must be a CSV file of that name"),
        # --- project files ---
        Case("newer_version.stockpile", "saved by a newer program (format 3)",
             project_file("UPDATE meta SET value = '3' WHERE key = 'schema_version';"),
             refused="newer_version.stockpile was saved by a newer version of Stockpile "
             "Planner (project file format 3; this version reads up to 2). Update the "
             "program to open it."),
        Case("unknown_version.stockpile", "a format that is not a number",
             project_file("UPDATE meta SET value = 'two' WHERE key = 'schema_version';"),
             refused="unknown_version.stockpile: unknown project file format 'two'"),
        Case("text_in_numbers.stockpile", "edited outside the program: text in a REAL column",
             project_file("UPDATE stock SET on_hand = 'plenty' WHERE position = 0;"),
             refused="text_in_numbers.stockpile: the project file is damaged (stock.on_hand "
             "holds 'plenty')"),
        Case("missing_table.stockpile", "edited outside the program: the bom table dropped",
             project_file("DROP TABLE bom;"),
             refused="missing_table.stockpile: the project file is damaged (no such table: "
             "bom)"),
        Case("unusable_values.stockpile", "edited outside the program: values the template "
             "would refuse", project_file(
                 "UPDATE items SET kind = 'banana' WHERE position = 2;"
                 "UPDATE bom SET qty_per = -1 WHERE position = 1;"
                 "UPDATE sources SET share = 5 WHERE position = 3;"
                 "UPDATE settings SET value = '0' WHERE key = 'horizon_days';"
                 "UPDATE items SET name = NULL WHERE position = 0;"),
             ['Items!C4: kind must be one of product, component, material, got "banana"',
              'BOM!C3: qty_per must be greater than zero, got "-1"',
              'Sources!C5: share must be between 0 and 1 (write 5% for a percentage), got "5"',
              'Settings!B3: horizon_days must be greater than zero, got "0"',
              "Items!B2: name is required"]),
        Case("not_sqlite.stockpile", "a text file named .stockpile",
             raw(csv_text(base(), "Items").encode()),
             refused="not_sqlite.stockpile: not a Stockpile Planner project file"),
        Case("other_database.stockpile", "another program's SQLite database",
             lambda p: _other_database(p),
             refused="other_database.stockpile: not a Stockpile Planner project file"),
        Case("view_instead_of_table.stockpile", "edited outside the program: the stock "
             "table replaced by a view of the same columns", project_file(
                 "DROP TABLE stock; CREATE VIEW stock AS SELECT 0 AS position, 'M1' AS "
                 "item_id, 1.0 AS on_hand, 0.0 AS safety_stock, NULL AS target_days;"),
             refused="view_instead_of_table.stockpile: damaged or not a project file: the "
             "table Stock is a view"),
        Case("recursive_view.stockpile", "the bom table replaced by a view over a recursive "
             "query that never ends: refused before it is read", project_file(
                 "DROP TABLE bom; CREATE VIEW bom AS WITH RECURSIVE n(k) AS (SELECT 0 UNION "
                 "ALL SELECT k + 1 FROM n) SELECT k AS position, 'P1' AS parent_id, 'C1' AS "
                 "child_id, 1.0 AS qty_per, NULL AS scrap_pct FROM n;"),
             refused="recursive_view.stockpile: damaged or not a project file: the table BOM "
             "is a view"),
        Case("generated_column.stockpile", "safety_stock computed from on_hand (a generated "
             "column)", project_file(
                 "ALTER TABLE stock RENAME TO old; CREATE TABLE stock (position INTEGER "
                 "PRIMARY KEY, item_id TEXT, on_hand REAL, safety_stock REAL GENERATED ALWAYS "
                 "AS (on_hand / 4) VIRTUAL, target_days REAL); INSERT INTO stock (position, "
                 "item_id, on_hand, target_days) SELECT position, item_id, on_hand, "
                 "target_days FROM old; DROP TABLE old;"),
             refused="generated_column.stockpile: damaged or not a project file: the column "
             "Stock.safety_stock is computed, not stored"),
        Case("virtual_table.stockpile", "the suppliers table replaced by a full-text index "
             "(a virtual table)", project_file(
                 "DROP TABLE suppliers; CREATE VIRTUAL TABLE suppliers USING fts5(position, "
                 "supplier_id, name, country);"),
             refused="virtual_table.stockpile: damaged or not a project file: the table "
             "Suppliers is a virtual table"),
        Case("negative_version.stockpile", "format -1",
             project_file("UPDATE meta SET value = '-1' WHERE key = 'schema_version';"),
             refused="negative_version.stockpile: unknown project file format -1"),
        Case("setting_text.stockpile", "edited outside the program: text as horizon_days",
             project_file("UPDATE settings SET value = 'soon' WHERE key = 'horizon_days';"),
             refused="setting_text.stockpile: the project file is damaged (setting "
             "horizon_days holds 'soon')"),
        Case("due_date_text.stockpile", "edited outside the program: text as a due date",
             project_file("UPDATE orders SET due_date = 'next week';"),
             refused="due_date_text.stockpile: the project file is damaged (orders.due_date "
             "holds 'next week')"),
        Case("empty_file.stockpile", "a project file of 0 bytes", raw(b""),
             refused="empty_file.stockpile: the file is empty"),
        Case("cut_at_10_bytes.stockpile", "only the start of SQLite's signature",
             damaged_project(lambda data: data[:10]),
             refused="cut_at_10_bytes.stockpile: the file is cut short (10 bytes); it may have "
             "been copied or downloaded incompletely"),
        Case("truncated_4_kib.stockpile", "the first 4 KiB of a project file",
             damaged_project(lambda data: data[:4096]),
             refused="truncated_4_kib.stockpile: the file is cut short (4,096 of its 9,728 "
             "bytes); it may have been copied or downloaded incompletely"),
        Case("declared_size_4_gib.stockpile", "a header claiming 8,388,608 pages (4 GiB) for "
             "a file of 10 KB", damaged_project(lambda data: _declared_pages(data, 2**23)),
             refused="declared_size_4_gib.stockpile: the file is cut short (9,728 of its "
             "4,294,967,296 bytes); it may have been copied or downloaded incompletely"),
        Case("missing_column.stockpile", "edited outside the program: the column "
             "stock.item_id dropped", project_file("ALTER TABLE stock DROP COLUMN item_id;"),
             refused="missing_column.stockpile: the project file is damaged (the table stock "
             "has no column item_id)"),
        Case("no_schema_version.stockpile", "the meta table without its schema_version row",
             project_file("DELETE FROM meta WHERE key = 'schema_version';"),
             refused="no_schema_version.stockpile: the project file does not say its format "
             "(the meta table has no schema_version); it is damaged or was not written by "
             "Stockpile Planner"),
        Case("unseen_ids.stockpile", "edited outside the program: an id with a right-to-left "
             "override, another with a line break", project_file(
                 "UPDATE items SET item_id = 'M2' || char(8238) WHERE item_id = 'M2'; "
                 "UPDATE suppliers SET supplier_id = 'S' || char(10) || '3' "
                 "WHERE supplier_id = 'S3';"),
             ['Items!A5: item_id "M2\\u202e" contains a bidirectional control character '
              "(U+202E right-to-left override); ids must read the same everywhere, retype it",
              'Suppliers!A4: supplier_id "S\\u000a3" contains a line break (U+000A); an id '
              "must be on one line, retype it"]),
    ]


def _other_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Ada', '555-0100')")
    con.commit()
    con.close()


LONG_SHEET_NAME = "Stock count by warehouse, exported from the ERP on 2 November 2026"


def good_cases() -> list[Case]:
    return [
        Case("title_rows.xlsx", "a title and a blank row above every header",
             book(changed(_title_rows))),
        Case("merged_title.xlsx", "a merged title above Items' header", _merged_title),
        Case("formula_results.xlsx", "every number of BOM and Stock a formula with its "
             "saved result, as Excel writes it", book(base(), patch=formula_results)),
        Case("extra_columns_and_sheets.xlsx", "a Notes column, a column without a header "
             "and a Pivot sheet", book(changed(lambda s: (
                 s["Items"][0].append("Notes"), s["Items"][1].append("check price"),
                 s["Stock"][1].extend([None, None, "counted 31 Oct"]),
                 s.update(Pivot=[["sum"], [1]])))),
             warnings=["warning: Pivot: unknown sheet ignored",
                       'warning: Items!G1: unknown column "Notes" ignored',
                       "warning: Stock!G1: column G has values but no header; ignored"]),
        Case("dates_at_the_edges.xlsx", "due dates on 1900-01-01 and 2200-12-31",
             book(changed(lambda s: (s["Orders"].append(["M3", "S3", 1, dt.date(1900, 1, 1)]),
                                     s["Orders"].append(["M3", "S3", 1, "2200-12-31"])))),
             same_as_base=False),
        Case("csv_cp1252_semicolon/", "German Excel's CSV: cp1252 with semicolons",
             csv_folder(base(), "cp1252", ";")),
        Case("csv_extra_file_long_field/", "an extra Notes.csv with a field of 200,000 "
             "characters: ignored, unread", lambda p: (csv_folder(base())(p), (
                 p / "Notes.csv").write_text(f'a,"{"x" * 200_000}"\r\n', encoding="utf-8")),
             warnings=["warning: Notes: unknown sheet ignored"]),
        Case("csv_utf8_bom_tab/", "UTF-8 with a byte order mark, tab separated",
             csv_folder(base(), "utf-8", "\t", b"\xef\xbb\xbf")),
        Case("csv_utf16_tab/", "Excel's 'Unicode text': UTF-16 with tabs",
             csv_folder(base(), "utf-16-le", "\t", b"\xff\xfe")),
        Case("csv_utf16_without_bom/", "UTF-16 without a byte order mark",
             csv_folder(base(), "utf-16-le", ",")),
        Case("csv_extra_field/", "a Demand line with a field beyond the header",
             csv_folder(changed(lambda s: s["Demand"][1].append("per the forecast"))),
             warnings=["warning: Demand!D1: column D has values but no header; ignored"]),
        # --- workbooks ---
        Case("very_hidden_settings.xlsx", "the Settings sheet set very hidden (only a macro "
             "or a program can unhide it)", book(base(), tweak=_hide("Settings", "veryHidden")),
             warnings=["warning: Settings: the sheet is very hidden (Excel's Unhide does not "
                       "list it); its values are imported all the same"]),
        Case("hidden_sheet.xlsx", "the Orders sheet hidden (Excel's Unhide lists it)",
             book(base(), tweak=_hide("Orders", "hidden"))),
        Case("chart_sheet.xlsx", "a chart sheet (a sheet without cells) among the others",
             _with_members({"xl/chartsheets/sheet1.xml": _CHART_SHEET}, _chart_sheet_parts),
             warnings=["warning: Chart1: unknown sheet ignored"]),
        Case("long_sheet_name.xlsx", "a sheet named with 66 characters (Excel allows 31; "
             "programs write more)",
             book(changed(lambda s: s.update(Pivot=[["sum"], [1]])),
                  patch=_rename_sheet(b"Pivot", LONG_SHEET_NAME.encode())),
             warnings=[f"warning: {LONG_SHEET_NAME}: unknown sheet ignored"]),
        Case("zip_member_outside_folder.xlsx", "members named ../evil.txt and /etc/evil (a "
             "path escaping the folder if extracted): nothing is extracted",
             _with_members({"../evil.txt": b"x", "/etc/evil": b"y"})),
        Case("percent_formatted_shares.xlsx", "shares in cells formatted as percentages "
             "(shown 60%, stored 0.6)", book(base(), tweak=_percent_format)),
        Case("date_text_read_formats.xlsx", "due dates as text: 2026/11/20, 20.11.2026, with a "
             "time of midnight, with spaces around, and a serial number",
             book(changed(lambda s: s["Orders"].extend(
                 ["M3", "S3", 10, value] for value in (
                     "2026/11/20", "20.11.2026", "2026-11-20T00:00:00", "2026-11-20 00:00",
                     " 2026-11-20 ", 46346)))),
             same_as_base=False),
        Case("thousands_separators.xlsx", "numbers typed with thousands separators: 1,200, "
             "2'000 (Swiss), 20 000 with a no-break space (French), 5 000 with a narrow one",
             book(changed(many(set_cell("Items", 2, 4, "1,200"),
                               set_cell("Stock", 2, 1, "2'000"),
                               set_cell("Stock", 4, 1, "20\u00a0000"),
                               set_cell("Orders", 2, 2, "5\u202f000"))))),
        Case("full_width_digits.xlsx", "numbers and a date typed with full-width digits "
             "(a Japanese input method): ２０００, ７００, ０.３, ２０２６-１１-１２",
             book(changed(many(set_cell("Stock", 2, 1, "２０００"),
                               set_cell("Demand", 2, 1, "７００"),
                               set_cell("BOM", 3, 2, "０.３"),
                               set_cell("Orders", 2, 3, "２０２６-１１-１２"))))),
        Case("dates_1904_system.xlsx", "the 1904 date system of old Mac workbooks: the same "
             "dates, other serial numbers", book(base(), patch=_date_1904)),
        Case("strict_open_xml.xlsx", "saved as Strict Open XML (ISO namespaces)",
             book(base(), patch=_strict)),
        Case("prefixed_namespaces.xlsx", "every element with a namespace prefix (x:c), as "
             ".NET libraries write", book(base(), patch=_prefixed)),
        Case("protected_sheets.xlsx", "every sheet protected against editing",
             book(base(), patch=_protected)),
        Case("xlsx_renamed.xls", "a workbook (.xlsx) renamed .xls: read by what it holds, "
             "not by its name", book(base())),
        Case("full_width_punctuation.xlsx", "numbers and shares typed full-width with their "
             "points, commas and percent signs: ２，０００, ０．３, ６０％, ４０％, １，２００",
             book(changed(many(set_cell("Stock", 2, 1, "２，０００"),
                               set_cell("BOM", 3, 2, "０．３"),
                               set_cell("Sources", 2, 2, "６０％"),
                               set_cell("Sources", 3, 2, "４０　％"),
                               set_cell("Items", 2, 4, "１，２００"))))),
        Case("id_decomposed_reference.xlsx", "the product Pé composed (NFC) in Items and "
             "BOM, referred to decomposed (e and U+0301) in Demand",
             book(changed(many(set_cell("Items", 2, 0, "Pé"), set_cell("BOM", 2, 0, "Pé"),
                               set_cell("BOM", 5, 0, "Pé"),
                               set_cell("Demand", 2, 0, "Pe\u0301")))),
             same_as_base=False),
        # --- project files ---
        Case("wal_journal_mode.stockpile", "left in WAL journal mode by another SQLite "
             "program, without a -wal file", project_file(wal=True)),
        Case("with_trigger.stockpile", "triggers that would empty items on a change: the file "
             "is only read, nothing fires", project_file(
                 "CREATE TRIGGER wipe AFTER UPDATE ON meta BEGIN DELETE FROM items; END;"
                 "CREATE TRIGGER wipe_too AFTER INSERT ON stock BEGIN DELETE FROM items; "
                 "END;")),
        Case("extra_column.stockpile", "a column the program does not know, added outside "
             "it: ignored", project_file(
                 "ALTER TABLE stock ADD COLUMN counted_by TEXT; UPDATE stock SET counted_by = "
                 "'Ada';")),
        Case("declared_row_counts.stockpile", "statistics claiming 2,000,000,000 rows in "
             "every table: rows are counted, not taken from them",
             project_file("ANALYZE; UPDATE sqlite_stat1 SET stat = '2000000000 1';")),
        # --- CSV ---
        Case("csv_utf8_bom_comma/", "UTF-8 with a byte order mark, commas, a name with "
             "umlauts", csv_folder(changed(set_cell("Suppliers", 3, 1, "Müller & Söhne")),
                                   "utf-8", ",", b"\xef\xbb\xbf"),
             same_as_base=False),
        Case("csv_utf16_be/", "UTF-16 big-endian with a byte order mark",
             csv_folder(base(), "utf-16-be", ",", b"\xfe\xff")),
        Case("csv_japanese_file_name/", "an extra メモ.csv (a note, in Shift_JIS): ignored, "
             "unread", csv_folder_with("メモ.csv", "備考,在庫確認済み\r\n".encode("cp932")),
             warnings=["warning: メモ: unknown sheet ignored"]),
        Case("csv_extra_text_file/", "a README.txt beside the CSV files",
             csv_folder_with("README.txt", b"Exported from the ERP on 2026-11-02\r\n")),
        Case("csv_upper_case_extension/", "Stock.CSV, as some programs name it",
             csv_folder_with("Stock.csv", lambda path: path.rename(path.with_suffix(".CSV")))),
        Case("csv_mixed_line_endings/", "Items.csv with CRLF, LF and CR line ends (edited "
             "in several programs)", csv_folder_with("Items.csv", _mixed_line_endings)),
        Case("csv_cr_line_endings/", "Items.csv with CR line ends only (classic Mac)",
             csv_folder_with("Items.csv", csv_text(base(), "Items").replace("\r\n", "\r")
                             .encode())),
        Case("csv_blank_lines/", "a blank line after every line of Items.csv",
             csv_folder_with("Items.csv", csv_text(base(), "Items").replace("\r\n", "\r\n\r\n")
                             .encode())),
        Case("csv_quotes_inside_field/", 'a name with quotes inside an unquoted field: '
             'NdFeB "magnet" set', csv_folder_with("Items.csv", csv_text(base(), "Items")
                                                   .replace("NdFeB magnet set",
                                                            'NdFeB "magnet" set').encode()),
             same_as_base=False),
        Case("csv_orders_header_only/", "Orders.csv with its header and no rows",
             csv_folder_with("Orders.csv", b"item_id,supplier_id,quantity,due_date\r\n"),
             same_as_base=False),
        Case("csv_orders_empty_file/", "an Orders.csv of 0 bytes (Orders is optional)",
             csv_folder_with("Orders.csv", b""), same_as_base=False),
        Case("csv_without_settings/", "no Settings.csv",
             csv_folder_with("Settings.csv", None),
             warnings=["warning: Settings: no Settings sheet; using the defaults and today as "
                       "the as-of date"], same_as_base=False),
    ]


def build(out: Path) -> dict[str, dict[str, dict[str, object]]]:
    """Write ``out``/bad and ``out``/good with their manifests; returns the manifests."""
    manifests = {}
    for kind, cases in (("bad", bad_cases()), ("good", good_cases())):
        folder = out / kind
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        manifest: dict[str, dict[str, object]] = {}
        for case in cases:
            path = folder / case.name.rstrip("/")
            case.build(path)
            entry: dict[str, object] = {"what": case.what}
            if kind == "good":
                entry.update(warnings=case.warnings, same_as_base=case.same_as_base)
            elif case.refused:
                entry["refused"] = case.refused
            else:
                entry["problems"] = case.problems
            manifest[case.name] = entry
        (folder / "expected.json").write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        manifests[kind] = manifest
    return manifests


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    found = build(target)
    print(f"wrote {len(found['bad'])} bad and {len(found['good'])} good inputs to {target}")
