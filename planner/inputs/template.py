"""Writing a project back out as a template workbook or a folder of CSV files.

What comes out reads back in to the same project (template → project file → template
round trip). Text is always written as text: in a workbook a string cell is never a
formula, and in a CSV file a value starting like a formula gets a leading apostrophe that
the reader removes again (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.errors import ProjectFileError
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
    """The project as a template workbook, formatted for people."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    wb = Workbook(write_only=True)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="2F4858")
    for spec in SHEETS:
        ws = wb.create_sheet(spec.name)
        ws.freeze_panes = "A2"
        widths = [max(12, len(c.name) + 3) for c in spec.columns]
        if spec.name == "Settings":
            widths = [22, 30]
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = w
        header = []
        for c in spec.columns:
            cell = WriteOnlyCell(ws, value=c.name)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        ws.append(header)
        if spec.name == "Settings":
            for key, value in project.settings.as_rows():
                ws.append([_text_cell(ws, key), _value_cell(ws, value)])
            continue
        frame = project.tables[spec.name]
        columns = [_cell_values(frame, c.name) for c in spec.columns]
        formats = [_number_format(c.type) for c in spec.columns]
        for row in zip(*columns, strict=True):
            cells = []
            for value, number_format in zip(row, formats, strict=True):
                if isinstance(value, str):
                    cells.append(_text_cell(ws, value))
                elif value is not None and (number_format or _needs_17_digits(value)):
                    cell = _number_cell(ws, value)
                    if number_format:
                        cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(value)
            ws.append(cells)
    try:
        _atomic(path, wb.save)
    finally:
        _close_sheets(wb)


def _close_sheets(wb: object) -> None:
    """Finish the row writers of write-only sheets that a failed save left open.

    Left open, they raise when garbage-collected and Python prints "Exception ignored"
    tracebacks after the user's clear message.
    """
    for ws in wb.worksheets:  # type: ignore[attr-defined]
        if not ws.closed:
            with contextlib.suppress(Exception):
                ws.close()


def _needs_17_digits(value: object) -> bool:
    return isinstance(value, float) and float(f"{value:.16g}") != value


def _number_cell(ws: object, value: object) -> object:
    """A number cell that reads back as exactly the same float.

    openpyxl writes floats with 16 significant digits ("%.16g"), which changes one float
    in ten (0.1 + 0.2 comes back as 0.3); such a value is handed to the writer as its
    shortest exact text (repr), which openpyxl writes as it is.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if _needs_17_digits(value):
        cell._value = repr(value)  # still a numeric cell (data_type "n")
    return cell


def _number_format(column_type: str) -> str | None:
    return {"share": "0.0%", "date": "yyyy-mm-dd"}.get(column_type)


# characters XML cannot hold (or, for CR, holds only as LF), and an underscore that starts
# what reads as an escape
_NOT_XML = re.compile(r"[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")


def xlsx_text(value: str) -> str:
    """Text as a workbook stores it: a control character (from a CSV file) as Excel's
    escape _x000B_, a carriage return as _x000D_ (XML readers turn a raw one into a line
    feed), and a literal "_x0041_" as "_x005F_x0041_", so that every text reads back
    unchanged (openpyxl would refuse the first and readers decode the last)."""
    return _NOT_XML.sub(lambda m: "_x005F_" if m[0] == "_" else f"_x{ord(m[0]):04X}_", value)


def _text_cell(ws: object, value: str) -> object:
    """A cell that holds text, even text that starts like a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=xlsx_text(value))
    cell.data_type = "s"
    return cell


def _value_cell(ws: object, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        return _text_cell(ws, value)
    if isinstance(value, float):
        return _number_cell(ws, value)  # a setting such as 0.1 + 0.2 comes back exactly
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    guard = text.startswith(FORMULA_START) or (
        len(text) > 1 and text[0] == "'" and text[1] in QUOTED_START)
    return "'" + text if guard else text


def write_csv_folder(project: Project, folder: Path) -> None:
    """The project as Items.csv, BOM.csv, ... in ``folder`` (UTF-8, comma separated)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ProjectFileError(f"could not write {folder.name}: it is a file; CSV files are "
                               "written into a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectFileError(f"could not write {folder.name}: {exc.strerror or exc}"
                               ) from None
    # every file is written beside its target first and renamed only when all are written:
    # a full disk or a failure half-way leaves the folder's previous files, not a mixture
    written: list[tuple[Path, Path]] = []
    path = folder
    try:
        for spec in SHEETS:
            if spec.name == "Settings":
                rows: list[list[object]] = [[k, v] for k, v in project.settings.as_rows()]
            else:
                frame = project.tables[spec.name]
                columns = [_cell_values(frame, c.name) for c in spec.columns]
                rows = [list(r) for r in zip(*columns, strict=True)]
            path = folder / f"{spec.name}.csv"
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            written.append((tmp, path))
            with tmp.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(spec.column_names)
                writer.writerows([[csv_text(v) for v in r] for r in rows])
        for tmp, path in written:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        why = "the folder does not exist" if not folder.is_dir() else (exc.strerror or str(exc))
        raise ProjectFileError(f"could not write {path.name}: {why}") from None
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise


def _atomic(path: Path, write: object) -> None:
    """Write through a temporary file and rename, so a failed export leaves no half file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)  # type: ignore[operator]
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        why = "the folder does not exist" if not path.parent.is_dir() else (
            exc.strerror or str(exc))
        raise ProjectFileError(f"could not write {path.name}: {why}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["TABLES", "sheet", "write_csv_folder", "write_workbook"]
