"""The fast paths of reading and validation give what a cell-by-cell reading gives.

Reading a workbook of 100,000 items (benchmarks/engine.py) takes columns at once: a
column is parsed in a few passes in C rather than a Python call per cell, the archive is
scanned by two threads, the BOM's ids share the items' strings. Each shortcut is checked
here against the plain way on real inputs: a column against its cells one at a time, two
scanning threads against one, a workbook written and read back.
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from conftest import BASE, Sheets
from hypothesis import given
from hypothesis import strategies as st

from planner.core.errors import FileRefused, InputError
from planner.inputs import choices, parsing, reading
from planner.inputs.reading import RawBook, RawSheet, read_book
from planner.inputs.schema import SHEETS
from planner.inputs.validation import build_project, check_project, parse_sheet

# what readers give for cells, and what people type into them
CELLS = st.one_of(
    st.sampled_from(["", " ", "\u00a0", "M1", " M1 ", "6,000", "6,5", "55%", " 55 % ", "%",
                     "abc", "inf", "nan", "1e3", "x" * 201, "product", "Weekly", "cn",
                     "Germany", "2026-11-02", "02.11.2026", "31.02.2026", "\u22125"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 0.55, 1.0, 55.0, 1001.0, 36_501.0]),
    st.integers(min_value=-10, max_value=10**20),
    st.booleans(),
    st.none(),
    st.sampled_from([dt.date(2026, 7, 1), dt.date(1850, 1, 1), dt.datetime(2026, 1, 2, 13, 5),
                     dt.time(0, 0)]),
)
COLUMNS = st.one_of(st.lists(CELLS, max_size=12),
                    st.lists(st.sampled_from(["P1", " M2", "", "week", "CN"]), max_size=12),
                    st.lists(st.sampled_from([1.0, 2.5, float("nan"), ""]), max_size=12),
                    st.lists(st.sampled_from([dt.date(2026, 1, 1),
                                              dt.datetime(2027, 3, 4, 5, 6)]), max_size=12))
PARSERS: dict[str, Callable[[list[object]], tuple[object, np.ndarray, dict[int, str]]]] = {
    "numbers": parsing.parse_numbers, "shares": parsing.parse_shares,
    "dates": parsing.parse_dates, "ids": parsing.parse_ids, "texts": parsing.parse_texts,
    "countries": choices.parse_countries,
    "kinds": lambda v: choices.parse_choices(v, "kind"),
    "periods": lambda v: choices.parse_choices(v, "per"),
}


def _same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray):
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f")) if (
            a.dtype.kind != "M") else bool(np.array_equal(a.view("int64"),
                                                          np.asarray(b).view("int64")))
    return a == b


@given(COLUMNS)
def test_a_column_parses_as_its_cells_one_at_a_time(cells: list[object]) -> None:
    """A column of mixed cells takes the vectorised paths; a single cell takes the path of
    its own type. Values, blanks and messages must agree cell for cell."""
    assert parsing.blank_mask(cells).tolist() == [parsing.is_blank(v) for v in cells]
    for name, parse in PARSERS.items():
        values, blank, messages = parse(list(cells))
        for i, cell in enumerate(cells):
            one, one_blank, one_messages = parse([cell])
            assert _same(np.asarray(values[i:i + 1]) if isinstance(values, np.ndarray)
                         else values[i:i + 1], one), (name, cell)
            assert bool(blank[i]) == bool(one_blank[0]), (name, cell)
            assert messages.get(i) == one_messages.get(0), (name, cell)


def test_rows_blank_in_every_cell_are_left_out() -> None:
    """Rows are left out when every cell is blank, the cells beside the table included;
    a share typed as "%" alone is not blank."""
    rows: list[list[object]] = [
        ["item_id", "supplier_id", "share", "notes"],
        ["M1", "S1", 1.0, None],
        ["", None, "", ""],  # blank: left out
        [None, None, None, "see M1"],  # a note beside the table: kept, so required cells
        [" ", "", "%", None],  # a share of "%" alone: kept
        ["M2", "S2"],  # a short line (CSV)
        [],
        ["M3", "S3", "40%", None, None, "far"],
    ]
    spec = next(s for s in SHEETS if s.name == "Sources")
    table, layout, problems = parse_sheet(spec, RawSheet("Sources", rows))
    assert layout.rows.tolist() == [2, 4, 5, 6, 8]
    assert table["item_id"].tolist()[0] == "M1" and table["share"].iloc[4] == 0.4
    assert [str(p) for p in problems] == [
        'warning: Sources!D1: unknown column "notes" ignored',
        "warning: Sources!F1: column F has values but no header; ignored",
        "Sources!A4: item_id is required", "Sources!A5: item_id is required",
        "Sources!B4: supplier_id is required", "Sources!B5: supplier_id is required",
        "Sources!C4: share is required", "Sources!C5: share is required",
        "Sources!C6: share is required"]


def _project(sheets: Sheets) -> object:
    return build_project(RawBook("test", {k: RawSheet(k, copy.deepcopy(v))
                                          for k, v in sheets.items()}))


def test_the_bom_shares_the_items_strings_and_validation_leaves_the_collector_as_it_was(
        ) -> None:
    """The BOM's ids are the Items' own strings once built (the reader's die with the raw
    cells, and their memory is given back before the figures are computed)."""
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            project = _project(BASE)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    items = {s: s for s in project.items["item_id"]}  # type: ignore[attr-defined]
    for column in ("parent_id", "child_id"):
        for value in project.bom[column]:  # type: ignore[attr-defined]
            assert value is items[value]


def test_unknown_items_in_a_bom_cycle_are_named_twice() -> None:
    """BOM lines naming unknown items take the slower path (the BOM's own ids), which
    still finds the cycle among them."""
    sheets = copy.deepcopy(BASE)
    sheets["BOM"] += [["X1", "X2", 1, None], ["X2", "X1", 1, None], ["C1", "M1", 2, None]]
    with pytest.raises(InputError) as caught:
        _project(sheets)
    assert [str(p) for p in caught.value.problems] == [
        "BOM!A12: duplicate BOM line C1 / M1 (first on row 5)",
        'BOM!A10: unknown item "X1"', 'BOM!A11: unknown item "X2"',
        'BOM!B10: unknown item "X2"', 'BOM!B11: unknown item "X1"',
        "BOM!A10: the BOM has a cycle: X1 → X2 → X1"]
    project = _project(BASE)
    project.tables["BOM"].loc[0, "child_id"] = "P1"  # type: ignore[attr-defined]
    assert [str(p) for p in check_project(project)] == [  # type: ignore[arg-type]
        "BOM!A2: the BOM has a cycle: P1 → P1"]


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes],
             extra: dict[str, bytes] | None = None, first: bool = False) -> Path:
    """A copy of the workbook with members changed, and ``extra`` members added last (or
    ``first`` in the archive)."""
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as b:
        for name, data in (extra or {}).items() if first else ():
            b.writestr(name, data)
        for info in a.infolist():
            b.writestr(info.filename, change(info.filename, a.read(info)))
        for name, data in (extra or {}).items() if not first else ():
            b.writestr(name, data)
    return target


def _outcome(path: Path) -> object:
    try:
        return sorted(reading.check_archive(path))
    except FileRefused as exc:
        return str(exc)


def test_two_scanning_threads_refuse_as_one(make_book: Callable[..., Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive scanned by two threads, largest members first, names the same member
    as a scan in archive order: the first refused."""
    good = make_book(BASE)
    stray = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    formula = b'<row r="40"><c r="A40"><f>1+1</f></c></row></sheetData>'

    def sheet(number: int, replacement: bytes) -> Callable[[str, bytes], bytes]:
        def change(name: str, data: bytes) -> bytes:
            return data.replace(b"</sheetData>", replacement) if (
                name == f"xl/worksheets/sheet{number}.xml") else data
        return change

    cases = [
        _rewrite(good, tmp_path / "stray.xlsx", sheet(2, stray)),
        _rewrite(good, tmp_path / "stray_and_entity.xlsx", sheet(3, stray),
                 {"xl/zz.xml": entity}),
        _rewrite(good, tmp_path / "entity_first.xlsx", sheet(6, stray), {"a.xml": entity},
                 first=True),
        _rewrite(good, tmp_path / "formula.xlsx", sheet(1, formula)),
        _rewrite(good, tmp_path / "empty_member.xlsx", lambda n, d: d, {"docProps/x.xml": b""}),
        good,
    ]
    in_order = {}
    monkeypatch.setattr(reading, "_SCAN_THREADS", 1)
    for path in cases:
        in_order[path] = _outcome(path)
    monkeypatch.setattr(reading, "_SCAN_THREADS", 2)
    monkeypatch.setattr(reading, "_PARALLEL_SCAN_BYTES", 0)
    monkeypatch.setattr(reading, "_cores", lambda: 2)
    for path in cases:
        assert _outcome(path) == in_order[path], path.name
    assert "reaches cell XFD1048576" in str(in_order[cases[0]])
    assert "a.xml declares XML entities" in str(in_order[cases[2]])
    assert in_order[cases[3]] == ["xl/worksheets/sheet1.xml"]
    # an empty member is scanned and read (it once made the scan wait for ever)
    assert read_book(cases[4]).sheets.keys() == read_book(good).sheets.keys()


@given(st.binary(max_size=64).map(lambda b: bytes(random.Random(b).choice(b"<crow=\"'e f:")
                                                  for _ in range(len(b)))))
def test_byte_patterns_are_found_as_bytes_finds_them(data: bytes) -> None:
    a = np.zeros(len(data) + 32, dtype=np.uint8)
    a[:len(data)] = np.frombuffer(data, dtype=np.uint8)
    assert reading._count(a, len(data), b"<c") == data.count(b"<c")
    for pattern in (b"<c", b"<row"):
        found = [i for i in range(len(data)) if data.startswith(pattern, i)]
        assert reading._find(a, len(data), pattern).tolist() == found


def _read(path: Path) -> object:
    try:
        book = read_book(path)
    except FileRefused as exc:
        return str(exc)
    return {name: (sheet.rows, sheet.notes, sheet.merged) for name, sheet in book.sheets.items()}


def test_two_readers_read_as_one(make_book: Callable[..., Path], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Sheets read by two threads, largest first, give the same cells, notes and merged
    ranges, in the workbook's order; of two damaged sheets the first in that order is the
    one reported, as when they are read one after another."""
    good = make_book(BASE)

    def damaged(name: str, first: int, second: int) -> Path:
        bad = {first: b'<row r="40"><c r="A40" t="n"><v>abc</v></c></row>',
               second: b'<row r="40"><c r="A40"><v>1</v></row>'}

        def change(member: str, data: bytes) -> bytes:
            for number, row in bad.items():
                if member == f"xl/worksheets/sheet{number}.xml":
                    return data.replace(b"</sheetData>", row + b"</sheetData>")
            return data
        return _rewrite(good, tmp_path / name, change)

    data = Path(__file__).resolve().parent / "data"
    paths = [good, damaged("items_first.xlsx", 1, 6), damaged("sources_first.xlsx", 6, 1),
             *sorted((data / "good").glob("*.xlsx")), data / "bad" / "formula_errors.xlsx",
             data / "bad" / "merged_header.xlsx"]
    monkeypatch.setattr(reading, "_READ_THREADS", 1)
    one = [_read(path) for path in paths]
    monkeypatch.setattr(reading, "_READ_THREADS", 2)
    monkeypatch.setattr(reading, "_PARALLEL_READ_BYTES", 0)
    monkeypatch.setattr(reading, "_cores", lambda: 2)
    assert [_read(path) for path in paths] == one
    assert "Parse float error" in str(one[1]) and "Expecting" in str(one[2])
    assert list(one[0]) == list(BASE)  # type: ignore[call-overload]
