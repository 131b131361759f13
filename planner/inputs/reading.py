"""Reading a template workbook or a folder of CSV files into raw cells.

Nothing here interprets a value; it only gets the cells out, safely. A workbook is an
archive that can claim to be small and inflate to gigabytes, so its members' sizes are
checked before any XML is parsed, and the XML itself is parsed by python-calamine (a Rust
reader that does not expand entities) rather than by an XML library.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import html
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from planner.core.errors import FileRefused
from planner.inputs.schema import SHEET_BY_KEY, normalise

MAX_FILE_BYTES = 200 * 1024 * 1024  # a workbook or CSV file on disk
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # all members of a workbook, inflated
MAX_RATIO = 200  # inflated / compressed for a large member: beyond it, a zip bomb
MAX_ROWS = 2_000_000  # rows in one sheet
MAX_COLUMNS = 1_000  # fields in one line of a CSV file (the template has a dozen columns)
# The reader lays a sheet out as a dense grid from A1 to its last cell, so one stray cell
# at XFD1048576 in a 6 KB file asks for 17 billion cells: the grid is bounded before it is
# read, in absolute terms and relative to the cells the sheet really holds.
MAX_CELLS = 20_000_000
MAX_SPARSENESS = 100  # grid cells per cell present, beyond a first million
_SCAN_CHUNK = 8 * 2**20
_FORMULA_OR_ERROR = re.compile(rb"<(?:\w+:)?f[\s>/]|\st=[\"']e[\"']")
_CELL = re.compile(rb"<((?:\w+:)?)c\b([^>]*?)(?<!/)>(.*?)</\1c>", re.S)
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_CELL_REF = re.compile(rb"\sr=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_CELL_TYPE = re.compile(rb"\st=[\"']([a-zA-Z]+)[\"']")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_MAX_RUN = 64 * 2**20  # XML without a single "<": no cell text is that long

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
    # what the cell values do not tell: (sheet row, 0-based column) -> a note such as
    # "is a formula (=B2*2) without a saved result" (the reader gives such a cell as blank)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    # merged ranges as (first row, first column, last row, last column), 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


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


def check_archive(path: Path) -> set[str]:
    """Refuse what is not a plain .xlsx, or what would inflate beyond the limits.

    Returns the members holding formulas or error cells, to be looked at once more
    (cell_notes): the reader gives a formula without a saved result, or an error, as blank.
    """
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
            if "xl/workbook.bin" in names:
                raise FileRefused(f"{path.name}: this is a binary workbook (.xlsb); save it "
                                  "from Excel as .xlsx")
            if "xl/workbook.xml" not in names:
                if "mimetype" in names and b"opendocument" in _head(archive, "mimetype"):
                    raise FileRefused(f"{path.name}: this is an OpenDocument spreadsheet "
                                      "(.ods); save it as an Excel workbook (.xlsx)")
                raise FileRefused(f"{path.name}: not an Excel workbook (.xlsx)")
            sheets = _sheet_names(archive)
            marked = set()
            for info in archive.infolist():
                if not info.is_dir():
                    where = (f"sheet {sheets[info.filename]}" if info.filename in sheets
                             else f"{info.filename}")
                    rows, columns, cells, has_formulas = _extent(path, archive, info)
                    _check_extent(path, where, rows, columns, cells)
                    if has_formulas:
                        marked.add(info.filename)
            return marked
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{path.name}: the workbook is damaged ({exc})") from None
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise FileRefused(f"{path.name}: the workbook cannot be read ({exc})") from None


def _check_extent(path: Path, where: str, rows: int, columns: int, cells: int) -> None:
    grid = rows * columns
    corner = f"{_column_letters(columns)}{rows}" if columns <= 16384 and rows < 10**9 else (
        f"column {columns:,}, row {rows:,}")
    if grid > max(MAX_SPARSENESS * cells, 10**6):
        raise FileRefused(
            f"{path.name}: {where} reaches cell {corner} but holds {cells:,} cells; delete "
            "the cells beyond the data (Ctrl+End in Excel shows the last one) and save again")
    if rows > MAX_ROWS:
        raise FileRefused(f"{path.name}: {where} has {rows:,} rows; the limit is "
                          f"{MAX_ROWS:,}")
    if grid > MAX_CELLS:
        raise FileRefused(f"{path.name}: {where} spans {rows:,} rows × {columns:,} columns "
                          f"({grid:,} cells); the limit is {MAX_CELLS:,} cells")


def _head(archive: zipfile.ZipFile, member: str, size: int = 100) -> bytes:
    with archive.open(member) as f:
        return f.read(size)


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Archive member -> sheet name, from the workbook and its relationships (best effort:
    a message then names the sheet as the user sees it)."""
    try:
        book = archive.read("xl/workbook.xml")[: 2**20].decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels")[: 2**20].decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error):
        return {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid, target = re.search(r'\bId="([^"]*)"', tag), re.search(r'\bTarget="([^"]*)"', tag)
        if rid and target:
            t = html.unescape(target[1])
            targets[rid[1]] = t[1:] if t.startswith("/") else posixpath.normpath("xl/" + t)
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(r'\bname="([^"]*)"', tag), re.search(r'\b\w+:id="([^"]*)"', tag)
        if name and rid and rid[1] in targets:
            names[targets[rid[1]]] = html.unescape(name[1])
    return names


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def _extent(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo
            ) -> tuple[int, int, int, bool]:
    """(last row, last column, cells present, holds formulas or error cells) of the cells
    an XML member describes; a member declaring XML entities is refused.

    Streams the member in chunks cut before a "<", so no tag is split; every ``r="..."``
    attribute (a row's number or a cell's reference) is parsed with numpy, and cells
    without a reference are counted per row, as a reader places them side by side. Empty
    rows (a row height set far below the data) do not count when every cell has its
    reference, as Excel writes them.
    """
    rows = rows_of_cells = columns = cells = referenced = 0
    open_row = 0  # cells of the row still open at the end of the previous part
    has_formulas = False
    rest = b""
    with archive.open(info) as f:
        while True:
            chunk = f.read(_SCAN_CHUNK)
            buf = rest + chunk
            cut = buf.rfind(b"<") if chunk else len(buf)
            if cut <= 0:  # no tag ends in this buffer yet
                if len(buf) > _MAX_RUN:
                    raise FileRefused(f"{path.name}: {info.filename} holds a run of "
                                      f"{len(buf) / 2**20:,.0f} MB without any XML tag")
                rest = buf
                continue
            part, rest = buf[:cut], buf[cut:]
            if b"<!ENTITY" in part:  # parts start at a "<": a declaration is never split
                raise FileRefused(
                    f"{path.name}: {info.filename} declares XML entities, which Excel never "
                    "writes (a way to make a small file expand to gigabytes); refused")
            has_formulas = has_formulas or (_may_hold_formulas(part) and _FORMULA_OR_ERROR.search(
                part) is not None)
            found = _scan(part, open_row)
            rows, rows_of_cells = max(rows, found[0]), max(rows_of_cells, found[1])
            columns = max(columns, found[2], found[5])
            cells, referenced, open_row = cells + found[3], referenced + found[4], found[6]
            if not chunk:
                return ((rows_of_cells if referenced >= cells else rows), columns, cells,
                        has_formulas)


def _may_hold_formulas(part: bytes) -> bool:
    """A fast filter before the regular expression: plain substring searches run at
    memory speed, the expression at a tenth of it, and most sheets hold no formula."""
    return (b"<f" in part or b":f" in part or b'"e"' in part or b"'e'" in part)


def _scan(buf: bytes, open_row: int) -> tuple[int, int, int, int, int, int, int]:
    """(last row, last row of a cell reference, last column, cells, cells with a
    reference, most cells in one row, cells of the row left open) in one part.

    Two passes over the bytes find every "=" and "<"; the rest looks only around those.
    """
    a = np.concatenate([np.frombuffer(buf, dtype=np.uint8), np.zeros(32, np.uint8)])
    n = len(buf)
    # ' r="' attributes: the value starts 2 bytes after the "="
    eq = np.flatnonzero(a[:n] == 61)
    eq = eq[eq >= 2]
    before = a[eq - 2]
    eq = eq[(a[eq - 1] == 114) & (a[eq + 1] == 34) & (
        (before == 32) | (before == 9) | (before == 10) | (before == 13))]
    max_row = max_cell_row = max_col = referenced = 0
    if len(eq):
        view = sliding_window_view(a, 16)
        head = view[eq + 2, :4]
        column = np.zeros(len(eq), np.int64)
        letters = np.zeros(len(eq), np.int64)
        going = np.ones(len(eq), bool)
        for k in range(4):  # four letters or more: beyond any real column
            ch = head[:, k]
            going &= (ch >= 65) & (ch <= 90)
            column = np.where(going, column * 26 + (ch.astype(np.int64) - 64), column)
            letters += going
        column[letters > 3] = 10**9
        digits = view[eq + 2 + np.minimum(letters, 3), :13]
        row = np.zeros(len(eq), np.int64)
        going = np.ones(len(eq), bool)
        for k in range(12):  # more than 11 digits (leading zeros too): beyond any row
            ch = digits[:, k]
            going &= (ch >= 48) & (ch <= 57)
            row = np.where(going, row * 10 + (ch.astype(np.int64) - 48), row)
        going &= (digits[:, 12] >= 48) & (digits[:, 12] <= 57)
        row[going] = 10**12
        is_cell = letters > 0
        max_row, max_col = int(row.max()), int(column.max())
        max_cell_row = int(row[is_cell].max()) if is_cell.any() else 0
        referenced = int(is_cell.sum())
    # cells per row, for cells placed one after another without a reference
    if buf.count(b"<c") == referenced:  # every cell has its reference, as Excel writes
        return max_row, max_cell_row, max_col, referenced, referenced, open_row, open_row
    lt = np.flatnonzero(a[:n] == 60)
    one, two = a[lt + 1], a[lt + 2]
    ends = (32, 62, 47, 9, 10, 13)
    cell_tags = lt[(one == 99) & np.isin(two, ends)]
    row_tags = lt[(one == 114) & (two == 111) & (a[lt + 3] == 119) & np.isin(a[lt + 4], ends)]
    per_row = np.bincount(np.searchsorted(row_tags, cell_tags), minlength=len(row_tags) + 1)
    per_row[0] += open_row
    return (max_row, max_cell_row, max_col, len(cell_tags), referenced, int(per_row.max()),
            int(per_row[-1]))


def read_workbook(path: Path) -> RawBook:
    marked = check_archive(path)
    from python_calamine import CalamineWorkbook

    gc_was_on = gc.isenabled()
    # millions of fresh cell objects, none cyclic: the collector would only rescan them
    gc.disable()
    try:
        notes = _notes_by_sheet(path, marked) if marked else {}
        workbook = CalamineWorkbook.from_path(str(path))
        book = RawBook(path.name)
        for name in workbook.sheet_names:
            if normalise(name) not in SHEET_BY_KEY:  # ignored with a warning: not read
                book.sheets[name] = RawSheet(name, [])
                continue
            sheet = workbook.get_sheet_by_name(name)
            if sheet.height > MAX_ROWS:
                raise FileRefused(f"{path.name}: sheet {name} has {sheet.height:,} rows; the "
                                  f"limit is {MAX_ROWS:,}")
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in
                      sheet.merged_cell_ranges or []]
            book.sheets[name] = RawSheet(name, rows, notes=notes.get(name, {}),
                                         merged=merged)
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise FileRefused(f"{path.name}: the workbook cannot be read ({exc})") from None
    finally:
        if gc_was_on:
            gc.enable()
    return book


def _notes_by_sheet(path: Path, members: set[str]) -> dict[str, dict[tuple[int, int], str]]:
    """Notes on the formula and error cells of the sheets in ``members``, by sheet name."""
    with zipfile.ZipFile(path) as archive:
        names = _sheet_names(archive)
        return {names[m]: cell_notes(archive, m) for m in sorted(members)
                if m in names and normalise(names[m]) in SHEET_BY_KEY}


def cell_notes(archive: zipfile.ZipFile, member: str) -> dict[tuple[int, int], str]:
    """(sheet row, 0-based column) -> note, for the cells the reader gives as blank although
    the user sees something in Excel: a formula without a saved result (written by a
    program that does not calculate, such as openpyxl) and an error such as #DIV/0!.

    A formula with a saved result is read as that result, as Excel shows it. Streams the
    member in chunks cut after a cell's end, so no cell is split.
    """
    notes: dict[tuple[int, int], str] = {}
    rest = b""
    with archive.open(member) as f:
        while True:
            chunk = f.read(_SCAN_CHUNK)
            buf = rest + chunk
            cut = len(buf)
            if chunk:  # cut after the last cell's end tag
                cut = 0
                for end in _CELL_END.finditer(buf):
                    cut = end.end()
            part, rest = buf[:cut], buf[cut:]
            if len(rest) > _MAX_RUN:  # no cell ends in 64 MB: nothing to note there
                rest = b""
            if _FORMULA_OR_ERROR.search(part):
                for cell in _CELL.finditer(part):
                    note = _cell_note(cell[2], cell[3])
                    ref = _CELL_REF.search(cell[2]) if note else None
                    if ref:
                        column = 0
                        for ch in ref[1]:
                            column = column * 26 + ch - 64
                        notes[(int(ref[2]), column - 1)] = note  # type: ignore[index]
            if not chunk:
                return notes


def _cell_note(attributes: bytes, body: bytes) -> str:
    kind = _CELL_TYPE.search(attributes)
    kind_text = kind[1].decode() if kind else "n"
    formula = _FORMULA.search(body)
    value = _VALUE.search(body)
    if kind_text == "e":
        error = html.unescape((value[1] or b"").decode("utf-8", "replace")) if value else ""
        return f"shows the error {error or '#VALUE!'}; correct the formula or type the value"
    if formula is None or b"<is>" in body or (value and (value[1] or kind_text == "str")):
        return ""  # a value, or a formula with its saved result ("" for a blank text)
    text = html.unescape((formula[1] or b"").decode("utf-8", "replace")).strip()
    shown = f" (={text[:37] + '...' if len(text) > 40 else text})" if text else ""
    return (f"is a formula{shown} without a saved result; open the workbook in Excel, save "
            "it and import it again, or type the value")


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


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "-be" when the head is mostly ASCII text in UTF-16 without a byte
    order mark (most of every other byte zero), as some exports write it; else None."""
    head = data[:256] if len(data) % 2 == 0 else b""
    if len(head) < 8:
        return None
    for encoding, zeros, text in (("utf-16-le", head[1::2], head[0::2]),
                                  ("utf-16-be", head[0::2], head[1::2])):
        if zeros.count(0) >= 0.6 * len(zeros) and text.count(0) <= 0.1 * len(text):
            return encoding
    return None


def _decode(data: bytes, name: str) -> str:
    if (bare := _utf16_without_bom(data)) is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(bare)
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
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff") and (
            _utf16_without_bom(data) is None):
        raise FileRefused(f"{path.name}: not a text CSV file")
    text = _decode(data, path.name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    _check_csv_shape(path.name, text, delimiter)
    rows = [[_unquote(v) for v in r]
            for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if len(rows) > MAX_ROWS:
        raise FileRefused(f"{path.name}: {len(rows):,} rows; the limit is {MAX_ROWS:,}")
    return RawSheet(path.stem, rows)


def _check_csv_shape(name: str, text: str, delimiter: str) -> None:
    """Refuse, before the csv module makes a list per row and a string per field, a file
    of millions of lines or a line of millions of fields (a few MB of commas)."""
    newline = "\n" if "\n" in text else "\r"
    lines = text.count(newline) + (not text.endswith(newline))  # a last line break ends one
    if lines > MAX_ROWS:
        raise FileRefused(f"{name}: {lines:,} lines; the limit is {MAX_ROWS:,} rows")
    if text.count(delimiter) < MAX_COLUMNS:
        return
    a = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    widest, line = _widest_line(a, ord(delimiter), ord(newline))
    if widest + 1 > MAX_COLUMNS:  # quoted delimiters count too: an upper bound
        raise FileRefused(f"{name}: line {line + 1:,} has {widest + 1:,} fields; the limit "
                          f"is {MAX_COLUMNS:,} columns")


def _widest_line(a: np.ndarray, delimiter: int, newline: int, chunk: int = 4 * 2**20
                 ) -> tuple[int, int]:
    """(most delimiters on one line, that line's 0-based number), in bounded memory."""
    best = best_line = line = carry = 0  # carry: delimiters of the line still open
    for start in range(0, len(a), chunk):
        part = a[start:start + chunk]
        count = np.cumsum(part == delimiter, dtype=np.int64)
        breaks = np.flatnonzero(part == newline)
        if len(breaks) == 0:
            carry += int(count[-1])
            continue
        at = count[breaks]
        per_line = np.diff(at, prepend=0)
        per_line[0] += carry
        i = int(per_line.argmax())
        if per_line[i] > best:
            best, best_line = int(per_line[i]), line + i
        line += len(breaks)
        carry = int(count[-1] - at[-1])
    if carry > best:
        best, best_line = carry, line
    return best, best_line


def _unquote(value: str) -> str:
    """Undo the apostrophe that guards a formula-like value in CSV files we write.

    The writer also guards a value that itself starts with an apostrophe before such a
    character (template.csv_text), so that every text survives the round trip.
    """
    if len(value) > 1 and value[0] == "'" and value[1] in QUOTED_START:
        return value[1:]
    return value
