"""Writing a project back out as a template workbook or a folder of CSV files.

What comes out reads back in to the same project (template → project file → template
round trip). Text is always written as text: in a workbook a string cell is never a
formula, and in a CSV file a value starting like a formula gets a leading apostrophe that
the reader removes again (OWASP's advice against CSV injection).

CSV files are written in UTF-8 with a byte order mark, which Excel needs to read them as
UTF-8 (without it, Japanese Excel reads them as Shift_JIS), or on request in CP932
(Shift_JIS as Japanese Windows writes it), for programs that read nothing else; a text
CP932 cannot hold is refused, with its cell, rather than written as "?".
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.atomic import recover_folder, replace_folder_atomic, write_all_atomic
from planner.core.errors import ProjectFileError, column_letter
from planner.core.i18n import _, pgettext
from planner.core.xlsx import Book, number_format, write_xlsx, xlsx_text
from planner.inputs.project import Project
from planner.inputs.reading import FORMULA_START, QUOTED_START
from planner.inputs.schema import SHEETS, TABLES, column_label, sheet

# the encodings a CSV folder is written in: UTF-8 with a byte order mark, or CP932
CSV_ENCODINGS = ("utf-8-sig", "cp932")
DEFAULT_CSV_ENCODING = "utf-8-sig"


def _cell_values(frame: pd.DataFrame, column: str) -> list[object]:
    col = frame[column]
    if col.dtype.kind == "M":
        return [None if pd.isna(v) else pd.Timestamp(v).date() for v in col]
    if col.dtype == "float64":
        arr = col.to_numpy(dtype=float)
        return [None if np.isnan(v) else (int(v) if float(v).is_integer() and abs(v) < 2**53
                                          else float(v)) for v in arr]
    return [None if pd.isna(v) else str(v) for v in col]


def write_workbook(project: Project, path: Path) -> None:
    """The project as a template workbook, formatted for people (one atomic write)."""
    write_xlsx(path, lambda book: _fill_workbook(book, project))


def _fill_workbook(book: Book, project: Project) -> None:
    header = book.header_style(table=False)
    formats = {kind: book.style(num_format=number_format(kind, decimals=1))
               for kind in ("share", "date", "month")}
    for spec in SHEETS:
        ws = book.sheet(spec.name)
        ws.freeze(1, 0)
        ws.margins(0.75, 1, 0.5)  # as template workbooks have always printed
        ws.widths([22, 30] if spec.name == "Settings" else
                  [max(12, len(c.name) + 3) for c in spec.columns])
        ws.row(0, spec.column_names, header)
        if spec.name == "Settings":
            for r, (key, value) in enumerate(project.settings.as_rows(), start=1):
                ws.row(r, [key, value])  # a date gets the date format by itself
            continue
        frame = project.tables[spec.name]
        columns = [_cell_values(frame, c.name) for c in spec.columns]
        styles = [formats.get(c.type) for c in spec.columns]
        for r, row in enumerate(zip(*columns, strict=True), start=1):
            ws.row(r, row, styles)


def csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    guard = text.startswith(FORMULA_START) or (
        len(text) > 1 and text[0] == "'" and text[1] in QUOTED_START)
    return "'" + text if guard else text


# Files of the system's own kept when a CSV folder is written again (compared in lower case)
CARRIED = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
CSV_NAMES = {f"{spec.name}.csv".lower(): f"{spec.name}.csv" for spec in SHEETS}
# the per-file temporaries of earlier versions, inside the folder: .Items.csv.PID.tmp
_OLD_TEMPORARY = re.compile(r"\.(.+\.csv)\.\d+\.tmp", re.IGNORECASE)


def write_csv_folder(project: Project, folder: Path,
                     encoding: str = DEFAULT_CSV_ENCODING) -> None:
    """The project as Items.csv, BOM.csv, ... in ``folder`` (comma separated), in
    ``encoding``: "utf-8-sig" (UTF-8 with a byte order mark, as Excel reads it) or
    "cp932"; ProjectFileError naming the cell of a text CP932 cannot encode.

    All or nothing, as a reader sees it: a complete new folder is written beside the
    target and swapped in (planner.core.atomic.replace_folder_atomic), so that a full
    disk, a failure or a kill at any moment leaves the old folder or the new one, never a
    mixture that ``planner check`` would call valid. A folder that holds anything other
    than the template's CSV files (a README, a subfolder) is refused, not swapped away.
    """
    if encoding not in CSV_ENCODINGS:
        raise ValueError(f"unknown CSV encoding {encoding!r}; one of {CSV_ENCODINGS}")
    tables = {spec.name: _csv_rows(project, spec.name) for spec in SHEETS}
    if encoding != "utf-8-sig":
        _check_encodable(tables, folder, encoding)
    folder = Path(os.path.abspath(folder))
    if folder.is_symlink():  # swap the folder it points to; the link stays
        folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise _not_written(folder, _("it is a file; CSV files are written into a folder"))
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _not_written(folder, exc.strerror or str(exc)) from None
    recover_folder(folder)
    carry = _check_folder(folder) if folder.is_dir() else []
    writers = [(f"{spec.name}.csv", _csv_writer(spec.name, tables[spec.name], encoding))
               for spec in SHEETS]
    replace_folder_atomic(
        folder, lambda new: write_all_atomic([(new / name, w) for name, w in writers]),
        carry=carry)


def recover_csv_folder(folder: Path) -> None:
    """Put back a CSV folder whose export was killed between its two renames, and remove
    the temporary folders of killed exports (as the next export does)."""
    recover_folder(Path(os.path.abspath(folder)))


def _check_folder(folder: Path) -> list[str]:
    """The system's files to keep from the folder about to be replaced; refuses a folder
    holding anything other than the template's CSV files (they would be lost)."""
    carry: list[str] = []
    others: list[str] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise _not_written(folder, exc.strerror or str(exc)) from None
    for entry in entries:
        key = entry.name.lower()
        regular = entry.is_file() and not entry.is_symlink()
        old_temporary = _OLD_TEMPORARY.fullmatch(entry.name)
        if regular and (key in CSV_NAMES or (old_temporary is not None and
                                             old_temporary[1].lower() in CSV_NAMES)):
            continue  # replaced by the new files
        if regular and key in CARRIED:
            carry.append(entry.name)
        else:
            others.append(entry.name)
    if others:
        files = pgettext("list separator", ", ").join(others[:3])
        if len(others) > 3:
            reason = _("the folder holds files other than the template's CSV files ({files}, "
                       "and {count} more); write into an empty folder or a new one").format(
                           files=files, count=f"{len(others) - 3:,}")
        else:
            reason = _("the folder holds files other than the template's CSV files "
                       "({files}); write into an empty folder or a new one").format(files=files)
        raise _not_written(folder, reason)
    return carry


def _not_written(folder: Path, reason: str) -> ProjectFileError:
    return ProjectFileError(_("could not write {name}: {reason}").format(name=folder.name,
                                                                         reason=reason))


def _csv_rows(project: Project, name: str) -> list[list[str]]:
    """One table's CSV file as its rows of texts, the header first."""
    spec = sheet(name)
    if name == "Settings":
        rows: list[list[object]] = [[k, v] for k, v in project.settings.as_rows()]
    else:
        frame = project.tables[name]
        columns = [_cell_values(frame, c.name) for c in spec.columns]
        rows = [list(r) for r in zip(*columns, strict=True)]
    return [spec.column_names, *([csv_text(v) for v in r] for r in rows)]


def _check_encodable(tables: dict[str, list[list[str]]], folder: Path, encoding: str) -> None:
    """Refuse, naming its cell (Items!B5: row 5 of Items.csv, its second column), the
    first text ``encoding`` cannot hold: written, it would turn into "?"."""
    for name, rows in tables.items():
        for j in range(len(rows[0])):
            texts = [row[j] for row in rows]
            try:
                "\n".join(texts).encode(encoding)
                continue
            except UnicodeEncodeError:
                pass
            for r, text in enumerate(texts):
                try:
                    text.encode(encoding)
                except UnicodeEncodeError as exc:
                    character = text[exc.start]
                    raise _not_written(folder, _(
                        "{where} ({column}) holds {character} ({code}), which Shift_JIS "
                        "(CP932) cannot encode; replace it, or write the CSV files in UTF-8"
                    ).format(where=f"{name}!{column_letter(j)}{r + 1}",
                             column=column_label(name, rows[0][j]),
                             character=f'"{character}"', code=f"U+{ord(character):04X}")
                    ) from None


def _csv_writer(name: str, rows: list[list[str]], encoding: str) -> Callable[[Path], None]:
    """Writes one table's CSV file to the path it is given."""

    def write(path: Path) -> None:
        with path.open("w", newline="", encoding=encoding) as f:
            csv.writer(f).writerows(rows)

    return write


# xlsx_text: Excel's escaping of a text, for writers other than planner.core.xlsx
__all__ = ["TABLES", "csv_text", "recover_csv_folder", "sheet", "write_csv_folder",
           "write_workbook", "xlsx_text"]
