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

The cases live beside this script: corpus_workbooks.py (workbooks), corpus_files.py (CSV
files and project files), corpus_japanese.py (Japanese names, values and Shift_JIS CSV
files), and what they share, BASE and the writers, in corpus_helpers.py.
This script assembles them in the manifests' order and writes the files.

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
  Text dates are ISO (2026-11-20, 2026/11/20, at most a time of midnight), Japanese
  (2026年11月20日) or day.month.year; any other form is refused rather than guessed
  (20/11/2026 or 11/20?).
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
  refused at the first other line. Shift_JIS (CP932, as Japanese Excel saves CSV) is read
  when its text reads as Japanese (kana, or common kanji away from ASCII letters); any
  other code page but Windows-1252 is refused, and an encoding is named only when no
  encoding of another script reads the bytes about as well.
- Sheets, headers and setting keys are read in Japanese too (the template's aliases: 品目,
  品目コード, リードタイム（日）, 基準日), and so are kinds (製品, 部品, 材料) and periods
  (日, 週, 月, 年). Two headers naming one column, in either language, are refused at the
  second; a Japanese sheet beside its English one is the same sheet twice.
- A quote never closed, or closed only after lines that look like rows, a NUL character
  anywhere, and a folder in place of a sheet's file are refused, located.
- A hidden sheet is read as it is; a very hidden one too, with a warning. A chart sheet,
  like any sheet the template does not know, is ignored with a warning.
- A project file is only read: its triggers never fire, a column the program does not know
  is ignored, and its statistics are not believed (rows are counted). A view, a virtual
  table or a computed column in place of a table is refused before any row is read, so a
  query that never ends is never run.
"""


from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from corpus_files import (
    bad_csv_folders,
    bad_project_files,
    good_csv_folders,
    good_project_files,
    more_good_csv_folders,
)
from corpus_helpers import Case, base
from corpus_japanese import bad_japanese, good_japanese
from corpus_workbooks import bad_workbooks, good_workbooks, more_good_workbooks

__all__ = ["bad_cases", "base", "build", "good_cases"]

HERE = Path(__file__).resolve().parent


def bad_cases() -> list[Case]:
    """Every broken input, in the order of bad/expected.json."""
    return [*bad_workbooks(), *bad_csv_folders(), *bad_project_files(), *bad_japanese()]


def good_cases() -> list[Case]:
    """Every awkward input that must load, in the order of good/expected.json."""
    return [*good_workbooks(), *good_csv_folders(), *more_good_workbooks(),
            *good_project_files(), *more_good_csv_folders(), *good_japanese()]


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
