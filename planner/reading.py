"""Reading a template workbook or a folder of CSV files into raw cells.

Nothing here interprets a value; it only gets the cells out, safely. A workbook is an
archive that can claim to be small and inflate to gigabytes, so its members' sizes are
checked before any XML is parsed, and the XML itself is parsed by python-calamine (a Rust
reader that does not expand entities) rather than by an XML library.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import FileRefused

MAX_FILE_BYTES = 200 * 1024 * 1024  # a workbook or CSV file on disk
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # all members of a workbook, inflated
MAX_RATIO = 200  # inflated / compressed for a large member: beyond it, a zip bomb
MAX_ROWS = 2_000_000  # rows in one sheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTED_START = (*FORMULA_START, "'")  # after a guarding apostrophe in our CSV files
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class RawSheet:
    """The cells of one sheet, row by row, as the reader gave them (1-based rows)."""

    name: str
    rows: list[list[object]]
    first_row: int = 1  # sheet row number of rows[0]


@dataclass
class RawBook:
    source: str  # file or folder name, for messages
    sheets: dict[str, RawSheet] = field(default_factory=dict)


def read_book(path: Path) -> RawBook:
    """Raw cells of a template workbook (.xlsx) or a folder of CSV files."""
    path = Path(path)
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        raise FileRefused(f"{path.name}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheet = read_csv_file(path)
        return RawBook(path.name, {sheet.name: sheet})
    return read_workbook(path)


def check_archive(path: Path) -> None:
    """Refuse what is not a plain .xlsx, or what would inflate beyond the limits."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(f"{path.name}: the file is {size / 2**20:,.0f} MB; the limit is "
                          f"{MAX_FILE_BYTES / 2**20:,.0f} MB")
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(OLE_MAGIC):
        raise FileRefused(
            f"{path.name}: this is an encrypted workbook or an old .xls file; open it in "
            "Excel and save it as .xlsx without a password")
    if not head.startswith(ZIP_MAGIC):
        raise FileRefused(f"{path.name}: not an Excel workbook (.xlsx); save it from Excel "
                          "as .xlsx, or export the sheets as CSV files into a folder")
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.file_size > 10 * 2**20 and info.compress_size and (
                        info.file_size / info.compress_size > MAX_RATIO):
                    raise FileRefused(
                        f"{path.name}: {info.filename} inflates {info.file_size / 2**20:,.0f}"
                        f" MB from {info.compress_size / 2**10:,.0f} KB; refused as a zip bomb")
            if total > MAX_UNCOMPRESSED_BYTES:
                raise FileRefused(
                    f"{path.name}: the workbook inflates to {total / 2**20:,.0f} MB; the "
                    f"limit is {MAX_UNCOMPRESSED_BYTES / 2**20:,.0f} MB")
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{path.name}: the workbook is damaged ({exc})") from None
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise FileRefused(f"{path.name}: not an Excel workbook (.xlsx)")


def read_workbook(path: Path) -> RawBook:
    check_archive(path)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        book = RawBook(path.name)
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.height > MAX_ROWS:
                raise FileRefused(f"{path.name}: sheet {name} has {sheet.height:,} rows; the "
                                  f"limit is {MAX_ROWS:,}")
            rows = sheet.to_python(skip_empty_area=False)
            book.sheets[name] = RawSheet(name, rows)
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise FileRefused(f"{path.name}: the workbook cannot be read ({exc})") from None
    return book


def read_csv_folder(folder: Path) -> RawBook:
    book = RawBook(folder.name + "/")
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() == ".csv":
            sheet = read_csv_file(path)
            book.sheets[sheet.name] = sheet
    if not book.sheets:
        raise FileRefused(f"{folder.name}: the folder holds no CSV files (Items.csv, "
                          "BOM.csv, ...)")
    return book


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            "utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    # Excel on Windows saves "CSV" in the ANSI code page
    return data.decode("cp1252", errors="replace")


def read_csv_file(path: Path) -> RawSheet:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(f"{path.name}: the file is {size / 2**20:,.0f} MB; the limit is "
                          f"{MAX_FILE_BYTES / 2**20:,.0f} MB")
    data = path.read_bytes()
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise FileRefused(f"{path.name}: not a text CSV file")
    text = _decode(data, path.name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = [[_unquote(v) for v in r]
            for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if len(rows) > MAX_ROWS:
        raise FileRefused(f"{path.name}: {len(rows):,} rows; the limit is {MAX_ROWS:,}")
    return RawSheet(path.stem, rows)


def _unquote(value: str) -> str:
    """Undo the apostrophe that guards a formula-like value in CSV files we write.

    The writer also guards a value that itself starts with an apostrophe before such a
    character (template.csv_text), so that every text survives the round trip.
    """
    if len(value) > 1 and value[0] == "'" and value[1] in QUOTED_START:
        return value[1:]
    return value
