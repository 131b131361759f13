"""Writing a project back out as a template workbook or a folder of CSV files.

What comes out reads back in to the same project (template → project file → template
round trip). Text is always written as text: in a workbook a string cell is never a
formula, and in a CSV file a value starting like a formula gets a leading apostrophe that
the reader removes again (OWASP's advice against CSV injection).
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
from planner.core.errors import ProjectFileError
from planner.core.xlsx import Book, number_format, write_xlsx, xlsx_text
from planner.inputs.project import Project
from planner.inputs.reading import FORMULA_START, QUOTED_START
from planner.inputs.schema import SHEETS, TABLES, sheet


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


def write_csv_folder(project: Project, folder: Path) -> None:
    """The project as Items.csv, BOM.csv, ... in ``folder`` (UTF-8, comma separated).

    All or nothing, as a reader sees it: a complete new folder is written beside the
    target and swapped in (planner.core.atomic.replace_folder_atomic), so that a full
    disk, a failure or a kill at any moment leaves the old folder or the new one, never a
    mixture that ``planner check`` would call valid. A folder that holds anything other
    than the template's CSV files (a README, a subfolder) is refused, not swapped away.
    """
    folder = Path(os.path.abspath(folder))
    if folder.is_symlink():  # swap the folder it points to; the link stays
        folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise ProjectFileError(f"could not write {folder.name}: it is a file; CSV files are "
                               "written into a folder")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectFileError(f"could not write {folder.name}: {exc.strerror or exc}"
                               ) from None
    recover_folder(folder)
    carry = _check_folder(folder) if folder.is_dir() else []
    writers = [(f"{spec.name}.csv", _csv_writer(project, spec.name)) for spec in SHEETS]
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
        raise ProjectFileError(f"could not write {folder.name}: {exc.strerror or exc}"
                               ) from None
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
        named = ", ".join(others[:3]) + (f", and {len(others) - 3:,} more"
                                         if len(others) > 3 else "")
        raise ProjectFileError(
            f"could not write {folder.name}: the folder holds files other than the "
            f"template's CSV files ({named}); write into an empty folder or a new one")
    return carry


def _csv_writer(project: Project, name: str) -> Callable[[Path], None]:
    """Writes one table's CSV file to the path it is given."""
    spec = sheet(name)

    def write(path: Path) -> None:
        if name == "Settings":
            rows: list[list[object]] = [[k, v] for k, v in project.settings.as_rows()]
        else:
            frame = project.tables[name]
            columns = [_cell_values(frame, c.name) for c in spec.columns]
            rows = [list(r) for r in zip(*columns, strict=True)]
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(spec.column_names)
            writer.writerows([[csv_text(v) for v in r] for r in rows])

    return write


# xlsx_text: Excel's escaping of a text, for writers other than planner.core.xlsx
__all__ = ["TABLES", "csv_text", "recover_csv_folder", "sheet", "write_csv_folder",
           "write_workbook", "xlsx_text"]
