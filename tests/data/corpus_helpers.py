"""What the corpus's cases share: the valid project every case starts from (BASE), the
messages several cases expect, the Case record, the writers of workbooks, CSV folders and
project files (reproducible bytes), and the ways workbooks are broken or patched.

Used by corpus_workbooks.py, corpus_files.py and make_bad_corpus.py (the script's folder,
tests/data, is on sys.path).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
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


def declared_pages(data: bytes, pages: int) -> bytes:
    """The database header claiming ``pages`` pages (bytes 28-31; valid while bytes 92-95
    equal the change counter, bytes 24-27, which they do)."""
    return data[:28] + pages.to_bytes(4, "big") + data[32:]



# --- tricks the cases share ---------------------------------------------------------

def formula_results(name: str, data: bytes) -> bytes:
    """Every number of BOM (sheet 2) and Stock (sheet 4) as a formula with its result."""
    if name not in (sheet_part(2), sheet_part(4)):
        return data
    return re.sub(rb'<c r="([B-D]\d+)" t="n"><v>([0-9.]+)</v></c>',
                  lambda m: b'<c r="' + m[1] + b'"><f>1*' + m[2] + b"</f><v>" + m[2]
                  + b"</v></c>", data)


def bomb(path: Path) -> None:
    save(workbook(base()), path, in_sheet(
        1, b"</sheetData>", b'<row r="7"><c r="A7" t="inlineStr"><is><t>'
        + b"0" * (12 * 2**20) + b"</t></is></c></row></sheetData>"))


def laughs(name: str, data: bytes) -> bytes:
    if name != sheet_part(1):
        return data
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY a0 "lol">{entities}]>'.encode()
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:end] + doctype + data[end:].replace(b"Traction motor", b"&a9;")


def padded_bomb(path: Path) -> None:
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


def truncated(path: Path) -> None:
    data = _stored_workbook()
    path.write_bytes(data[: len(data) * 2 // 3])  # a download cut short


def zip_archive(members: dict[str, bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_STORED
                           if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return build


def rename_sheet(old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    def patch(name: str, data: bytes) -> bytes:
        return data.replace(b'name="' + old + b'"', b'name="' + new + b'"') if (
            name == "xl/workbook.xml") else data
    return patch


def title_rows(sheets: Sheets) -> None:
    for name, rows in sheets.items():
        rows[0:0] = [[f"{name} — Testwerk GmbH, exported 2026-11-02"], []]


def merged_title(path: Path) -> None:
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


def bad_crc(path: Path) -> None:
    """A workbook whose Items sheet was changed after its checksum was written (a bit
    flipped on a disk or in a transfer)."""
    data = _stored_workbook()
    assert data.count(b"Traction motor") == 1
    path.write_bytes(data.replace(b"Traction motor", b"Traction rotor"))


def with_members(members: dict[str, bytes],
                  patch: Callable[[str, bytes], bytes] | None = None
                  ) -> Callable[[Path], None]:
    """BASE as a workbook, with more members added to the archive."""
    def build(path: Path) -> None:
        save(workbook(base()), path, patch)
        with zipfile.ZipFile(path, "a") as z:
            for name, data in members.items():
                z.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return build


def long_text_in_many_cells(path: Path) -> None:
    """One shared text of 30,000 characters shown by 10,000 cells of Items' column H:
    a 60 KB file the reader would make 600 MB of (a copy of the text for each cell)."""
    rows = "".join(f'<row r="{r}"><c r="H{r}" t="s"><v>0</v></c></row>'
                   for r in range(10, 10_010)).encode()
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{_MAIN}" '
           f'count="10000" uniqueCount="1"><si><t>{"Traction motor " * 2000}</t></si></sst>'
           ).encode()
    with_members({"xl/sharedStrings.xml": sst}, patches(
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
CHART_SHEET = (f'<chartsheet xmlns="{_MAIN}"><sheetPr/><sheetViews><sheetView '
                'workbookViewId="0"/></sheetViews></chartsheet>').encode()
chart_sheet_parts = patches(
    in_part("xl/workbook.xml", b"</sheets>",
            b'<sheet name="Chart1" sheetId="9" state="visible" r:id="rId99" /></sheets>'),
    in_part("xl/_rels/workbook.xml.rels", b"</Relationships>",
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/chartsheet" Target="/xl/chartsheets/sheet1.xml" Id="rId99" />'
            b"</Relationships>"),
    in_part("[Content_Types].xml", b"</Types>",
            b'<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml" /></Types>'))


def hide(name: str, state: str) -> Callable[[openpyxl.Workbook], None]:
    def tweak(wb: openpyxl.Workbook) -> None:
        wb[name].sheet_state = state
    return tweak


def percent_format(wb: openpyxl.Workbook) -> None:
    """Sources' shares shown as 60%, stored as 0.6, as Excel keeps a percent cell."""
    for (cell,) in wb["Sources"].iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "0%"


def date_1904(name: str, data: bytes) -> bytes:
    """The 1904 date system (old Mac Excel): the date cells count from 1904, 1462 days
    later, so their serial numbers are 1462 lower for the same dates."""
    return patches(
        in_part("xl/workbook.xml", b"<workbookPr />", b'<workbookPr date1904="1" />'),
        in_sheet(7, b"<v>46338</v>", b"<v>44876</v>"),
        in_sheet(8, b"<v>46328</v>", b"<v>44866</v>"))(name, data)


def strict(name: str, data: bytes) -> bytes:
    """Excel's "Strict Open XML Spreadsheet": the ISO namespaces instead of Microsoft's."""
    return data.replace(_MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main"
                        ).replace(b"http://schemas.openxmlformats.org/officeDocument/2006/"
                                  b"relationships",
                                  b"http://purl.oclc.org/ooxml/officeDocument/relationships")


def prefixed(name: str, data: bytes) -> bytes:
    """Every element of the workbook and sheets with a namespace prefix (x:c), as some
    .NET libraries write them."""
    if not (name.startswith("xl/worksheets/") or name == "xl/workbook.xml"):
        return data
    data = data.replace(f'xmlns="{_MAIN}"'.encode(), f'xmlns:x="{_MAIN}"'.encode())
    return re.sub(rb"<(/?)(?!x:)([A-Za-z])", rb"<\1x:\2", data)


def protected(name: str, data: bytes) -> bytes:
    """Every sheet protected (no password): cells locked against editing, not encrypted."""
    if not name.startswith("xl/worksheets/"):
        return data
    return data.replace(b"</sheetData>", b'</sheetData><sheetProtection sheet="1" '
                        b'objects="1" scenarios="1" />')


# Names defined in the workbook that link outside it, used by formulas of Stock: one to
# another workbook, one asking another program (DDE), one through the first; a name local
# to Stock (localSheetId 3) hides a global one of the same name, and links nowhere.
DEFINED_NAMES = in_part(
    "xl/workbook.xml", b"</sheets>",
    b"</sheets><definedNames>"
    b'<definedName name="price_list">[1]Prices!$B$2</definedName>'
    b"<definedName name=\"calc\">cmd|'/c calc'!A0</definedName>"
    b'<definedName name="Doubled">price_list*2</definedName>'
    b'<definedName name="counted">[1]Counts!$A$1</definedName>'
    b'<definedName name="counted" localSheetId="3">Stock!$B$4</definedName>'
    b"</definedNames>")
NAMES_USED = in_sheet(
    4, b'<c r="B2" t="n"><v>2000</v></c><c r="C2" t="n"><v>500</v></c>',
    b'<c r="B2"><f>price_list</f><v>2000</v></c><c r="C2"><f>SUM(calc)</f><v>500</v></c>')
NAMES_USED_TOO = cells(4, {"B3": '<c r="B3"><f>doubled/2+0*LEN("price_list")</f><v>100</v>'
                                  "</c>",
                            "C4": '<c r="C4"><f>counted*0</f><v>0</v></c>'})
NEWER_ERRORS = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!",
                "#BUSY!", "#PYTHON!", "#GETTING_DATA")
