"""Reading a template workbook or a folder of CSV files into raw cells.

Nothing here interprets a value; it only gets the cells out, safely. A workbook is an
archive that can claim to be small and inflate to gigabytes, so its members' sizes are
checked before any XML is parsed, and the XML itself is parsed by python-calamine (a Rust
reader that does not expand entities) rather than by an XML library.
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from planner.core.errors import FileRefused
from planner.core.i18n import N_, _
from planner.inputs.schema import SHEET_BY_KEY, normalise

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

VERY_HIDDEN = N_("the sheet is very hidden (Excel's Unhide does not list it); its values "
                 "are imported all the same")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a workbook or CSV file on disk
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # all members of a workbook, inflated
# The shared text (xl/sharedStrings.xml: each text of any cell of any sheet, stored once)
# is loaded whole by the reader as soon as it opens the workbook, sheets not read included,
# and a cell showing a text holds a copy of it: 952 MB of it took 3.1 GB. Bounded, inflated,
# before anything is parsed; 2,000,000 rows of distinct ids and names take about 100 MB.
MAX_SHARED_TEXT_BYTES = 256 * 1024 * 1024
SHARED_STRINGS = "xl/sharedstrings.xml"  # its name, as the reader finds it (any case)
MAX_RATIO = 200  # inflated / compressed for a large member: beyond it, a zip bomb
MAX_ROWS = 2_000_000  # rows in one sheet
MAX_COLUMNS = 1_000  # fields in one line of a CSV file (the template has a dozen columns)
# The reader lays a sheet out as a dense grid from A1 to its last cell, so one stray cell
# at XFD1048576 in a 6 KB file asks for 17 billion cells: the grid is bounded before it is
# read, in absolute terms and relative to the cells the sheet really holds.
MAX_CELLS = 20_000_000
MAX_SPARSENESS = 100  # grid cells per cell present, beyond a first million
# inflated XML is scanned a megabyte at a time: numpy's passes over a part then find it in
# the processor's cache (a third faster than 8 MB parts), and a scan takes little memory
_SCAN_CHUNK = 2**20
_SCAN_THREADS = 2
_PARALLEL_SCAN_BYTES = 16 * 2**20  # below it, a second thread costs more than it saves
_READ_THREADS = 2
_PARALLEL_READ_BYTES = 16 * 2**20  # of sheets' XML; below it, one reader
_FORMULA_OR_ERROR = re.compile(rb"<(?:\w+:)?f[\s>/]|\st=[\"']e[\"']")
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
    # (sheet, message) the reader found that the cells do not show, for the import's
    # warnings: a template sheet set "very hidden" (only a macro or a program can unhide
    # it, so people do not know the values they import from it)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def read_book(path: Path) -> RawBook:
    """Raw cells of a template workbook (.xlsx) or a folder of CSV files."""
    from planner.inputs.csv_files import read_csv_file, read_csv_folder

    path = Path(path)
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        raise FileRefused(_("{name}: no such file or folder").format(name=path.name))
    if path.suffix.lower() == ".csv" and not _head_of(path).startswith((ZIP_MAGIC, OLE_MAGIC)):
        sheet = read_csv_file(path)
        return RawBook(path.name, {sheet.name: sheet})
    return read_workbook(path)  # whatever its name says: a workbook is told by its bytes


def _head_of(path: Path) -> bytes:
    """The first bytes of a file, which tell a workbook (a zip archive, or an OLE
    container: an old .xls or an encrypted workbook)."""
    with path.open("rb") as f:
        return f.read(8)


def check_archive(path: Path) -> set[str]:
    """Refuse what is not a plain .xlsx, or what would inflate beyond the limits.

    Returns the members holding formulas or error cells, to be looked at once more
    (planner.inputs.cell_notes): the reader gives a formula without a saved result, or an
    error, as blank.
    """
    return _check_archive(path)[0]


def _check_archive(path: Path) -> tuple[set[str], dict[str, int]]:
    """check_archive's members with formulas, and the inflated size of each sheet by its
    name (as far as the workbook tells which member holds it)."""
    archive, sheets = _open_archive(path)
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        marked = set()
        for info, found in zip(members, _scan_members(path, archive, members, sheets),
                               strict=True):
            if isinstance(found, FileRefused):
                raise found
            if found:
                marked.add(info.filename)
        sizes = {sheets[info.filename]: info.file_size for info in members
                 if info.filename in sheets}
        return marked, sizes


def _scan_members(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo],
                  sheets: dict[str, str]) -> list[bool | FileRefused | None]:
    """For each member in archive order: whether it holds formulas or error cells, or why
    it is refused; None after the first member refused, as a scan in order stops there.

    Inflating and scanning run in zlib and numpy, which let other threads run: a large
    archive is scanned by this thread and one more (largest members first), the other
    with its own handle on the archive. On 100,000 items the scan is a fifth of the work
    of reading the workbook.
    """
    found: list[bool | FileRefused | None] = [None] * len(members)
    refused = [len(members)]  # the first member refused so far, in archive order
    lock = threading.Lock()
    helpers = min(_SCAN_THREADS, _cores()) - 1
    if sum(info.file_size for info in members) < _PARALLEL_SCAN_BYTES:
        helpers = 0
    order = iter(sorted(range(len(members)), key=lambda k: -members[k].file_size)
                 if helpers else range(len(members)))

    def work(handle: zipfile.ZipFile) -> None:
        while True:
            with lock:
                k = next(order, None)
            if k is None:
                return
            if k > refused[0]:
                continue
            try:
                found[k] = _scan_member(path, handle, members[k], sheets)
            except FileRefused as exc:
                found[k] = exc
                with lock:
                    refused[0] = min(refused[0], k)

    failed: list[BaseException] = []

    def help_out() -> None:
        try:
            handle = zipfile.ZipFile(path)
        except Exception:  # this thread takes no member: the other scans them all
            return
        try:
            with handle:
                work(handle)
        except BaseException as exc:
            failed.append(exc)
            refused[0] = -1  # the others stop at their next member

    threads = _start_helpers(helpers, help_out, "archive-scan")
    try:
        work(archive)
    except BaseException:
        refused[0] = -1
        raise
    finally:
        for thread in threads:
            thread.join()
    if failed:
        raise failed[0]
    return found


def _start_helpers(count: int, target: Callable[[], None], name: str
                   ) -> list[threading.Thread]:
    """Up to ``count`` daemon threads running ``target``; fewer when the system cannot
    start more (the calling thread then does the rest of the work itself)."""
    threads = []
    for _thread in range(count):
        thread = threading.Thread(target=target, name=name, daemon=True)
        try:
            thread.start()
        except RuntimeError:
            break
        threads.append(thread)
    return threads


def _cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def _scan_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                 sheets: dict[str, str]) -> bool:
    """Whether the member holds formulas or error cells; FileRefused when its cells
    reach beyond the limits or it cannot be inflated."""
    where = (_("sheet {name}").format(name=sheets[info.filename]) if info.filename in sheets
             else info.filename)
    with _zip_errors(path):
        rows, columns, cells, has_formulas = _extent(path, archive, info)
    _check_extent(path, where, rows, columns, cells)
    return has_formulas


def _open_archive(path: Path) -> tuple[zipfile.ZipFile, dict[str, str]]:
    """The archive, open, once what its directory tells has been checked; and its sheets'
    names by member (_sheet_names)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(_("{name}: the file is {size} MB; the limit is {limit} MB").format(
            name=path.name, size=f"{size / 2**20:,.0f}", limit=f"{MAX_FILE_BYTES / 2**20:,.0f}"))
    head = _head_of(path)
    if head.startswith(OLE_MAGIC):
        raise FileRefused(_(
            "{name}: this is an encrypted workbook or an old .xls file; open it in Excel and "
            "save it as .xlsx without a password").format(name=path.name))
    if not head.startswith(ZIP_MAGIC):
        raise FileRefused(_("{name}: not an Excel workbook (.xlsx); save it from Excel as "
                            ".xlsx, or export the sheets as CSV files into a folder").format(
                              name=path.name))
    with _zip_errors(path):
        archive = zipfile.ZipFile(path)
        try:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                # every member, whatever its size: a floor let 95 members of 10 MB each
                # at 1000:1 through, 950 MB from 1 MB, under the total's limit
                if info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise FileRefused(_(
                        "{name}: {member} inflates {size} from {compressed}; refused as a zip "
                        "bomb").format(name=path.name, member=info.filename,
                                       size=_amount(info.file_size),
                                       compressed=_amount(info.compress_size, 2**10)))
            if total > MAX_UNCOMPRESSED_BYTES:
                raise FileRefused(_(
                    "{name}: the workbook inflates to {size} MB; the limit is {limit} MB"
                ).format(name=path.name, size=f"{total / 2**20:,.0f}",
                         limit=f"{MAX_UNCOMPRESSED_BYTES / 2**20:,.0f}"))
            shared = sum(info.file_size for info in archive.infolist()
                         if info.filename.replace("\\", "/").lower() == SHARED_STRINGS)
            if shared > MAX_SHARED_TEXT_BYTES:
                raise FileRefused(_(
                    "{name}: the workbook's shared text (the texts of its cells, stored once "
                    "for all its sheets) is {size}, over the {limit} this program reads; "
                    "keep only the template's sheets and columns and save it again, or save "
                    "each template sheet as a CSV file into a folder").format(
                        name=path.name, size=_amount(shared),
                        limit=_amount(MAX_SHARED_TEXT_BYTES)))
            names = set(archive.namelist())
            if "xl/workbook.bin" in names:
                raise FileRefused(_("{name}: this is a binary workbook (.xlsb); save it from "
                                    "Excel as .xlsx").format(name=path.name))
            if "xl/vbaProject.bin" in names or path.suffix.lower() in (".xlsm", ".xltm") or (
                    "[Content_Types].xml" in names
                    and b"macroEnabled" in _head(archive, "[Content_Types].xml", 2**16)):
                raise FileRefused(_("{name}: this workbook holds macros, and macros are not "
                                    "read: save it from Excel as .xlsx (Excel Workbook)").format(
                                      name=path.name))
            if "xl/workbook.xml" not in names:
                if "mimetype" in names and b"opendocument" in _head(archive, "mimetype"):
                    raise FileRefused(_("{name}: this is an OpenDocument spreadsheet (.ods); "
                                        "save it as an Excel workbook (.xlsx)").format(
                                          name=path.name))
                raise FileRefused(_("{name}: not an Excel workbook (.xlsx)").format(
                    name=path.name))
            return archive, _sheet_names(archive)
        except BaseException:
            archive.close()
            raise


def _amount(size: int, unit: int = 2**20) -> str:
    """A size for a message: in MB (or KB when unit says so), in bytes when smaller."""
    if size >= unit:
        return f"{size / unit:,.0f} {'MB' if unit == 2**20 else 'KB'}"
    if size >= 2**10:
        return f"{size / 2**10:,.0f} KB"
    return _("{bytes} bytes").format(bytes=f"{size:,}")


@contextlib.contextmanager
def _zip_errors(path: Path) -> Iterator[None]:
    """What the zip layer raises on a damaged archive, as FileRefused."""
    try:
        yield
    except zipfile.BadZipFile as exc:
        raise FileRefused(_("{name}: the workbook is damaged ({error})").format(
            name=path.name, error=exc)) from None
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: BaseException) -> FileRefused:
    return FileRefused(_("{name}: the workbook cannot be read ({error})").format(
        name=path.name, error=exc))


def _check_extent(path: Path, where: str, rows: int, columns: int, cells: int) -> None:
    grid = rows * columns
    corner = f"{_column_letters(columns)}{rows}" if columns <= 16384 and rows < 10**9 else (
        _("column {column}, row {row}").format(column=f"{columns:,}", row=f"{rows:,}"))
    if grid > max(MAX_SPARSENESS * cells, 10**6):
        raise FileRefused(_(
            "{name}: {where} reaches cell {corner} but holds {cells} cells; delete the cells "
            "beyond the data (Ctrl+End in Excel shows the last one) and save again").format(
                name=path.name, where=where, corner=corner, cells=f"{cells:,}"))
    if rows > MAX_ROWS:
        raise FileRefused(_("{name}: {where} has {rows} rows; the limit is {limit}").format(
            name=path.name, where=where, rows=f"{rows:,}", limit=f"{MAX_ROWS:,}"))
    if grid > MAX_CELLS:
        raise FileRefused(_("{name}: {where} spans {rows} rows × {columns} columns ({cells} "
                            "cells); the limit is {limit} cells").format(
                              name=path.name, where=where, rows=f"{rows:,}",
                              columns=f"{columns:,}", cells=f"{grid:,}",
                              limit=f"{MAX_CELLS:,}"))


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
            buf = rest + chunk if rest else chunk
            cut = buf.rfind(b"<") if chunk else len(buf)
            if cut <= 0 and chunk:  # no tag ends in this buffer yet
                if len(buf) > _MAX_RUN:
                    raise FileRefused(_("{name}: {member} holds a run of {size} MB without "
                                        "any XML tag").format(
                                          name=path.name, member=info.filename,
                                          size=f"{len(buf) / 2**20:,.0f}"))
                rest = buf
                continue
            part, rest = memoryview(buf)[:cut], buf[cut:]  # the part: buf up to cut
            # parts start at a "<": a declaration is never split; "!" is rare in a sheet,
            # and looking for one byte runs at memory speed, for eight at a fifth of it
            if buf.find(b"!", 0, cut) >= 0 and buf.find(b"<!ENTITY", 0, cut) >= 0:
                raise FileRefused(_(
                    "{name}: {member} declares XML entities, which Excel never writes (a way "
                    "to make a small file expand to gigabytes); refused").format(
                        name=path.name, member=info.filename))
            found, may_hold_formulas = _scan(part, open_row)
            has_formulas = has_formulas or (may_hold_formulas and _FORMULA_OR_ERROR.search(
                buf, 0, cut) is not None)
            rows, rows_of_cells = max(rows, found[0]), max(rows_of_cells, found[1])
            columns = max(columns, found[2], found[5])
            cells, referenced, open_row = cells + found[3], referenced + found[4], found[6]
            if not chunk:
                return ((rows_of_cells if referenced >= cells else rows), columns, cells,
                        has_formulas)


def _byte_set(*characters: bytes | int) -> np.ndarray:
    """A lookup table: which of the 256 byte values are among ``characters``."""
    table = np.zeros(256, dtype=bool)
    for c in characters:
        table[list(c) if isinstance(c, bytes) else c] = True
    return table


_BLANK = _byte_set(b" \t\n\r")  # the space before an attribute, as the scan accepts it
_SPACE = _byte_set(b" \t\n\r\f\v")  # \s of a bytes regular expression
_QUOTE = _byte_set(b"\"'")
_AFTER_F = _byte_set(b" \t\n\r\f\v>/")  # what ends a formula tag's name


def _find(a: np.ndarray, n: int, pattern: bytes) -> np.ndarray:
    """Where ``pattern`` (2 or 4 bytes, none of them zero) starts in the first n bytes of
    ``a``, which has zeros after them, in ascending order.

    The bytes are compared as 16- or 32-bit numbers, at each offset in turn: several
    times as fast as looking at every "<", which starts every few bytes of a sheet.
    """
    width = len(pattern)
    dtype = np.uint16 if width == 2 else np.uint32
    value = np.frombuffer(pattern, dtype=dtype)[0]
    found = []
    for k in range(width):
        length = (n - k + width - 1) // width * width
        if length > 0:
            found.append(np.flatnonzero(a[k:k + length].view(dtype) == value) * width + k)
    return np.sort(np.concatenate(found)) if found else np.zeros(0, np.int64)


def _count(a: np.ndarray, n: int, pattern: bytes) -> int:
    """bytes.count(pattern) for a pattern of 2 bytes, as _find looks for it."""
    value = np.frombuffer(pattern, dtype=np.uint16)[0]
    return sum(int(np.count_nonzero(a[k:k + length].view(np.uint16) == value))
               for k in range(2) if (length := (n - k + 1) // 2 * 2) > 0)


_TAG_END = _byte_set(b" >/\t\n\r")  # what follows a tag's name in the scan


def _scan(buf: bytes | memoryview, open_row: int
          ) -> tuple[tuple[int, int, int, int, int, int, int], bool]:
    """(last row, last row of a cell reference, last column, cells, cells with a
    reference, most cells in one row, cells of the row left open) in one part; and
    whether the part may hold a formula or an error cell (_FORMULA_OR_ERROR then tells).

    One pass finds every "=", another every "f"; the rest looks only around those, and
    the loops over the characters of references stop when every reference has ended.
    """
    n = len(buf)
    a = np.zeros(n + 32, dtype=np.uint8)
    a[:n] = np.frombuffer(buf, dtype=np.uint8)
    eq = np.flatnonzero(a[:n] == 61)
    eq = eq[eq >= 2]
    # a formula tag (<f, <x:f) or an error cell (t="e"): a superset of _FORMULA_OR_ERROR
    f = np.flatnonzero(a[1:n] == 102) + 1
    e = eq[a[eq + 2] == 101]
    may_hold_formulas = bool((((a[f - 1] == 60) | (a[f - 1] == 58)) & _AFTER_F[a[f + 1]]).any()
                             or ((a[e - 1] == 116) & _SPACE[a[e - 2]] & _QUOTE[a[e + 1]]
                                 & _QUOTE[a[e + 3]]).any())
    # ' r="' attributes: the value starts 2 bytes after the "="
    eq = eq[a[eq - 1] == 114]
    eq = eq[(a[eq + 1] == 34) & _BLANK[a[eq - 2]]]
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
            if not going.any():
                break
            column = np.where(going, column * 26 + (ch.astype(np.int64) - 64), column)
            letters += going
        column[letters > 3] = 10**9
        digits = view[eq + 2 + np.minimum(letters, 3), :13]
        row = np.zeros(len(eq), np.int64)
        going = np.ones(len(eq), bool)
        for k in range(13):  # more than 12 digits (leading zeros too): beyond any row
            digit = digits[:, k] - np.uint8(48)  # a byte below "0" wraps above 9
            going &= digit <= 9
            if not going.any():
                break
            if k == 12:
                row[going] = 10**12
            else:
                row = np.where(going, row * 10 + digit, row)
        is_cell = letters > 0
        max_row, max_col = int(row.max()), int(column.max())
        max_cell_row = int(row[is_cell].max()) if is_cell.any() else 0
        referenced = int(is_cell.sum())
    # cells per row, for cells placed one after another without a reference
    if _count(a, n, b"<c") == referenced:  # every cell has its reference, as Excel writes
        return (max_row, max_cell_row, max_col, referenced, referenced, open_row,
                open_row), may_hold_formulas
    cell_tags = _find(a, n, b"<c")
    cell_tags = cell_tags[_TAG_END[a[cell_tags + 2]]]
    row_tags = _find(a, n, b"<row")
    row_tags = row_tags[_TAG_END[a[row_tags + 4]]]
    per_row = np.bincount(np.searchsorted(row_tags, cell_tags), minlength=len(row_tags) + 1)
    per_row[0] += open_row
    return (max_row, max_cell_row, max_col, len(cell_tags), referenced, int(per_row.max()),
            int(per_row[-1])), may_hold_formulas


def read_workbook(path: Path, read_sheet: Callable[[str], bool] | None = None) -> RawBook:
    """The raw cells of a workbook's template sheets, once every member of the archive
    has been scanned and found within the limits (check_archive).

    ``read_sheet``: which sheets to read, by name, instead (an export read through a mapping,
    planner.inputs.mapping, whose sheets have other names); the others are listed empty.
    """
    marked, sizes = _check_archive(path)
    from python_calamine import CalamineWorkbook

    from planner.inputs.cell_notes import notes_by_sheet, readable_copy
    from planner.inputs.shared_text import check_shared_text

    with _zip_errors(path):
        check_shared_text(path, sizes)

    gc_was_on = gc.isenabled()
    # millions of fresh cell objects, none cyclic: the collector would only rescan them
    gc.disable()
    try:
        notes, unknown = notes_by_sheet(path, marked) if marked else ({}, set())
        workbook = _open(path)
        names = list(workbook.sheet_names)
        _check_distinct(path.name, names)
        chosen = read_sheet or _is_template_sheet
        wanted = [name for name in names if chosen(name)]  # the others:
        read = _read_sheets(path, workbook, [name for name in wanted if name not in unknown],
                            sizes)  # ignored with a warning, unread
        if unknown := unknown & set(wanted):  # an error newer than the reader (#SPILL!)
            copy = CalamineWorkbook.from_filelike(readable_copy(path, unknown))
            for name in unknown:
                try:
                    read[name] = _read_sheet(path, copy, name)
                except Exception as exc:  # raised below, in the order of the sheets
                    read[name] = exc
        book = RawBook(path.name)
        book.warnings = [(m.name, _(VERY_HIDDEN)) for m in workbook.sheets_metadata
                         if m.name in wanted and str(m.visible).endswith("VeryHidden")]
        for name in names:
            if name not in wanted:
                book.sheets[name] = RawSheet(name, [])
                continue
            sheet = read[name]  # every sheet up to the first that failed was read
            if isinstance(sheet, BaseException):  # the first sheet in order that failed
                raise sheet
            rows, merged = sheet
            book.sheets[name] = RawSheet(name, rows, notes=notes.get(name, {}),
                                         merged=merged)
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise _unreadable(path, exc) from None
    finally:
        if gc_was_on:
            gc.enable()
    return book


Merged = tuple[int, int, int, int]
SheetCells = tuple[list[list[object]], list[Merged]]


def _open(path: Path) -> CalamineWorkbook:
    """The reader on a workbook the archive checks found to be one (.xlsx). The reader
    picks its format by the name: a workbook named otherwise (.xls) is given as bytes, from
    which it tells the format as the checks did."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() == ".xlsx":
        return CalamineWorkbook.from_path(str(path))
    with path.open("rb") as f:
        return CalamineWorkbook.from_filelike(f)


def _read_sheets(path: Path, workbook: CalamineWorkbook, names: list[str],
                 sizes: dict[str, int]) -> dict[str, SheetCells | BaseException]:
    """The cells of each sheet in ``names``, or what reading it raised.

    The reader parses a sheet's XML without holding Python's lock, so a large workbook is
    read by this thread and one more, each with its own handle on the workbook, taking the
    largest sheets first: on two cores the BOM is read while the other sheets are, and
    reading 100,000 items takes half the time. Every member was scanned before: no sheet
    is read that was not.
    """
    read: dict[str, SheetCells | BaseException] = {}
    helpers = min(_READ_THREADS, _cores()) - 1
    if len(names) < 2 or sum(sizes.get(name, 0) for name in names) < _PARALLEL_READ_BYTES:
        helpers = 0
    order = iter(sorted(names, key=lambda name: -sizes.get(name, 0)) if helpers else names)
    lock = threading.Lock()
    stop = [False]

    def work(handle: CalamineWorkbook) -> None:
        while not stop[0]:
            with lock:
                name = next(order, None)
            if name is None:
                return
            try:
                read[name] = _read_sheet(path, handle, name)
            except BaseException as exc:  # raised by read_workbook, as if read there
                read[name] = exc
                if not helpers or not isinstance(exc, Exception):
                    return  # in order, the first failure is the one named

    def help_out() -> None:
        try:
            handle = _open(path)
        except Exception:  # this thread takes no sheet: the other reads them all
            return
        work(handle)

    threads = _start_helpers(helpers, help_out, "sheet-reader")
    try:
        work(workbook)
    except BaseException:
        stop[0] = True  # interrupted: the other thread stops after its sheet
        raise
    finally:
        for thread in threads:
            thread.join()
    return read


def _read_sheet(path: Path, workbook: CalamineWorkbook, name: str) -> SheetCells:
    """The cells and merged ranges of one sheet, as the reader gives them."""
    sheet = workbook.get_sheet_by_name(name)
    if sheet.height > MAX_ROWS:
        raise FileRefused(_("{name}: {where} has {rows} rows; the limit is {limit}").format(
            name=path.name, where=_("sheet {name}").format(name=name),
            rows=f"{sheet.height:,}", limit=f"{MAX_ROWS:,}"))
    rows = sheet.to_python(skip_empty_area=False)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
    return rows, merged


def _is_template_sheet(name: str) -> bool:
    return normalise(name) in SHEET_BY_KEY


def _check_distinct(name: str, sheets: list[str]) -> None:
    """Refuse two sheets of one name (a program, not Excel, can write them): the second
    would replace the first unseen. Names that differ only in case or spaces are refused
    when the project is built (validation), naming both."""
    seen: set[str] = set()
    for sheet in sheets:
        if sheet in seen:
            raise FileRefused(_('{name}: two sheets are named "{sheet}"; rename or delete '
                                'one').format(name=name, sheet=sheet))
        seen.add(sheet)
