"""Reading the source of a mapping (planner.inputs.mapping): the sheets it names, found
as written or with case and width folded, the likely header row of a sheet, and a
signature of a source's layout, so that next month's export finds this month's mapping.

The cells are read with the template's own readers (planner.inputs.reading, csv_files)
and their limits; nothing here interprets a value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Collection
from pathlib import Path

from planner.core.errors import FileRefused
from planner.core.i18n import _
from planner.inputs import parsing
from planner.inputs.reading import RawBook, RawSheet

HEADER_SEARCH_ROWS = 10  # where a header row is looked for (the guess, layout_key)


def code_key(value: object) -> str:
    """A code as looked up: a whole number without ".0" (a workbook gives 1.0 for 1),
    width, case and spaces around folded ("ＦＥＲＴ " is FERT)."""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return unicodedata.normalize("NFKC", text).strip().casefold()


def fold(text: object) -> str:
    """A sheet or header name as matched when it is not found exactly: width, case and
    runs of spaces folded."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def read_source(source: Path | str, sheets: Collection[str] | None = None) -> RawBook:
    """The raw cells of ``sheets`` (every sheet when None) of a workbook, of a folder of
    CSV files (a sheet is a file, named with or without .csv) or of one CSV file, read
    with the template's readers and their limits. A sheet not found is not in the book
    (:func:`find_sheet` tells which it is); case and width are folded when the name is
    not there as written."""
    from planner.inputs.csv_files import read_csv_file
    from planner.inputs.files import check_readable
    from planner.inputs.reading import OLE_MAGIC, ZIP_MAGIC, read_workbook

    path = Path(source)
    if not path.exists():
        raise FileRefused(_("{name}: no such file or folder").format(name=path.name))
    check_readable(path)
    wanted = None if sheets is None else {fold(s.removesuffix(".csv")) for s in sheets}

    def asked(name: str) -> bool:
        return wanted is None or fold(name) in wanted
    if path.is_dir():
        book = RawBook(path.name + "/")
        for file in sorted(path.iterdir()):
            if file.suffix.lower() == ".csv" and file.is_file() and asked(file.stem):
                book.sheets[file.stem] = read_csv_file(file)
        return book
    with path.open("rb") as f:
        head = f.read(8)
    if path.suffix.lower() == ".csv" and not head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        sheet = read_csv_file(path)  # the one sheet there is: find_sheet tells
        return RawBook(path.name, {sheet.name: sheet})
    return read_workbook(path, read_sheet=asked)


def find_sheet(book: RawBook, name: str) -> RawSheet | None:
    """The sheet ``name`` of the book: as written, else with case and width folded (a
    CSV file's name may carry .csv)."""
    for candidate in (name, name.removesuffix(".csv")):
        if candidate in book.sheets:
            return book.sheets[candidate]
    key = fold(name.removesuffix(".csv"))
    return next((s for n, s in book.sheets.items() if fold(n) == key), None)


def find_header_row(raw: RawSheet) -> int:
    """The index in ``raw.rows`` of the likely header row: among the top rows, the first
    with the most cells of text that is not a number (a title above has one)."""
    best, best_count = 0, 0
    for i, row in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        count = sum(1 for v in row if isinstance(v, str) and v.strip()
                    and not _is_number(v))
        if count > best_count:
            best, best_count = i, count
    return best


def _is_number(text: str) -> bool:
    try:
        float(unicodedata.normalize("NFKC", text).replace(",", "").strip().rstrip("%"))
    except ValueError:
        return False
    return True


def layout_key(source: Path | str) -> str:
    """A signature of the source's sheets and their header rows (names and headers with
    case and width folded), the same for next month's export of the same layout."""
    return layout_key_of(read_source(source))


def layout_key_of(book: RawBook) -> str:
    """:func:`layout_key` of a source already read."""
    parts = []
    for name in sorted(book.sheets, key=fold):
        raw = book.sheets[name]
        h = find_header_row(raw)
        headers = [fold(v) if not parsing.is_blank(v) else "" for v in raw.rows[h]] if (
            raw.rows) else []
        while headers and not headers[-1]:
            headers.pop()
        parts.append([fold(name), raw.first_row + h, headers])
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
    return "sha256:" + digest.hexdigest()[:20]
