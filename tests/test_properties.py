"""Properties over random projects (hypothesis).

A. Round trip: a random valid project written as a template workbook reads back to the
   same project; so does it through a project file and a workbook again, and through a
   folder of CSV files.
B. Corruption: a random valid project's workbook (or CSV folder) changed in one random way
   (a cell set to random text, a number, a blank, a truth value, a date or a formula; a row
   deleted or duplicated; a header renamed; a sheet dropped) is either read, and then its
   figures can be computed (the same figures when it reads as the same project), or it is
   refused with InputError whose every problem is located (Sheet!A1 or a whole sheet).
   Nothing else may come out: no other exception, no traceback.
C. Harmless changes (header spellings, a title row, blank rows, columns reordered, an
   unknown column, numbers as text) read as the same project with the same figures.

Examples come from the hypothesis profile (tests/conftest.py), scaled per property (a
round trip costs more than a corruption): HYPOTHESIS_PROFILE=ci (make test) runs 2,000 in
all, dev (the default) 150.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import planner
from planner.core.errors import InputError, column_letter
from planner.inputs.choices import country_codes
from planner.inputs.project import Project, Settings
from planner.inputs.schema import KINDS, PERIODS, SHEETS, TABLES, sheet
from planner.inputs.template import (
    _cell_values,
    csv_text,
    write_csv_folder,
    write_workbook,
    xlsx_text,
)
from planner.inputs.validation import MAX_DAYS, check_project
from planner.outputs.reports import report_json

HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
PARTS = (1, 2)  # each property runs as two tests, so that pytest -n 2 shares the work


def examples(weight: float) -> settings:
    """Settings for a property: the profile's max_examples scaled by weight (a slow round
    trip runs fewer than a corruption), no deadline."""
    return settings(max_examples=max(1, round(settings.default.max_examples * weight)),
                    deadline=None, suppress_health_check=HEALTH)

COUNTRIES = sorted(country_codes())
TRICKY_TEXT = [
    "=1+2", "+49 30 1234", "-40 °C grade", "@SUM(A1:A9)", "'=quoted", "''", "'", "6,000",
    "1001", "1e3", "TRUE", "2026-11-02", "55%", "_x0041_", "_x005F_", "a\x0bb", "tab\there",
    "line\nbreak", "cr\rlf\r\nend", "nbsp\u00a0inside", "稀土 – Seltene Erden", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\"quoted\", with comma", "semi;colon", "x" * 1000,
]


# --- strategies ----------------------------------------------------------------------------
# Each strategy is built once (functools.cache): hypothesis validates a new strategy object
# on its first draw, which cost more than the rest of an example when built per draw.

@cache
def _texts(max_size: int) -> st.SearchStrategy[str]:
    """Non-blank text as a cell keeps it: no surrounding blanks (the reader strips them),
    no NUL (a CSV file holding one is taken for binary)."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",),
                             exclude_characters="\x00")
    typed = st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)
    return st.one_of(typed, st.sampled_from([t for t in TRICKY_TEXT if len(t) <= max_size]))


# What an id may not hold, or holds only with a warning (tests/test_hardening_ids.py): line
# breaks, bidirectional controls and other control or format characters (a zero-width space)
UNSEEN = ("Cc", "Cf", "Zl", "Zp")


def _composed(text: str) -> str:
    """The text as an id is read: composed (NFC), no surrounding blanks."""
    return unicodedata.normalize("NFC", text).strip()


def _seen(text: str) -> bool:
    """Whether every character of the text can be seen (an id holds no other)."""
    return all(unicodedata.category(ch) not in UNSEEN for ch in text)


@cache
def _ids(prefix: str) -> st.SearchStrategy[str]:
    """Ids as they read back: any visible characters, composed (NFC), no surrounding
    blanks; among them the tricky texts that are such ids."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", *UNSEEN))
    typed = st.text(alphabet, min_size=1, max_size=30).map(_composed).filter(bool)
    tricky = [t for t in TRICKY_TEXT if len(t) <= 30 and _seen(t) and _composed(t) == t]
    return st.one_of(st.from_regex(rf"{prefix}[A-Z0-9-]{{0,6}}", fullmatch=True),
                     st.integers(1, 99999).map(str), typed, st.sampled_from(tricky))


@cache
def _numbers(positive: bool = False, huge: bool = True, at_most: float | None = None
             ) -> st.SearchStrategy[float]:
    """Finite numbers >= 0 (> 0 with positive); with huge, the whole float range."""
    top = at_most or (1.7e308 if huge else 1e9)
    special = [0.1 + 0.2, 1 / 3, 1e-7, 0.5, 2.5, 1e6] + ([1.5e16, 5e-324, 1e300] if huge
                                                          else [])
    return st.one_of(
        st.integers(1 if positive else 0, min(10**7, int(top))).map(float),
        st.floats(0, top, exclude_min=positive, allow_nan=False, allow_infinity=False),
        st.sampled_from([x for x in special if x <= top])
    ).filter(lambda x: x > 0 or not positive)


@cache
def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


@cache
def _index(n: int) -> st.SearchStrategy[int]:
    return st.integers(0, n - 1)


@cache
def _indices(n: int, max_size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(_index(n), unique=True, max_size=max_size)


@cache
def _weights(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, 100), min_size=n, max_size=n).filter(lambda w: sum(w) > 0)


@cache
def _keys(n: int) -> st.SearchStrategy[list[tuple[int, str | None]]]:
    """(supplier index, origin country) pairs of one item's sources."""
    return st.lists(st.tuples(_index(n), _optional(st.sampled_from(COUNTRIES))),
                    min_size=1, max_size=3, unique=True)


@cache
def _permutation(n: int) -> st.SearchStrategy[list[int]]:
    return st.permutations(range(n))


COMPANY = st.one_of(st.just(""), _texts(40))
DATES = st.dates(dt.date(1900, 3, 1), dt.date(2200, 12, 31))
DAYS = _numbers(huge=False, at_most=MAX_DAYS)  # durations: at most 100 years
SHARES = st.floats(0, 1)


def _frame(table: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    spec = sheet(table)
    columns = {}
    for c in spec.columns:
        values = [r.get(c.name) for r in rows]
        if c.dtype == "float64":
            columns[c.name] = pd.Series(np.array([np.nan if v is None else v for v in values],
                                                 dtype=float))
        elif str(c.dtype).startswith("datetime"):
            columns[c.name] = pd.Series(np.array(
                [np.datetime64("NaT") if v is None else np.datetime64(v, "s") for v in values],
                dtype="datetime64[s]"))
        else:
            columns[c.name] = pd.Series(values, dtype=c.dtype)
    return pd.DataFrame(columns)


@st.composite
def projects(draw: st.DrawFn, huge: bool = True) -> Project:
    """A random valid project: items on a random DAG of BOM lines, demand, stock,
    suppliers, sources whose shares sum to 1, open orders and settings."""
    number, positive = _numbers(huge=huge), _numbers(True, huge)
    # quantities that multiply through the BOM stay where their products are finite (8
    # items: at most 7 levels of 1e12 under 4 demand rows of 1e200); larger ones are
    # refused with their cell (tests/test_hardening_validation.py)
    demanded = _numbers(huge=huge, at_most=1e200 if huge else None)
    per_parent = _numbers(True, huge, at_most=1e10 if huge else None)
    scrap = _numbers(huge=huge, at_most=1e4 if huge else None)
    text = _optional(_texts(30))

    def pick(seq: list[str] | tuple[str, ...]) -> str:
        return seq[draw(_index(len(seq)))]

    item_ids = draw(st.lists(_ids("M"), min_size=1, max_size=8, unique=True))
    items = [{"item_id": i, "name": draw(_texts(60)), "kind": pick(KINDS),
              "unit": draw(_texts(8)), "unit_price": draw(_optional(number)),
              "category": draw(text)} for i in item_ids]
    # a DAG: a line goes from an item to one later in a random order
    order = [item_ids[k] for k in draw(_permutation(len(item_ids)))]
    pairs = [(order[a], order[b]) for a in range(len(order)) for b in range(a + 1, len(order))]
    lines = [pairs[k] for k in draw(_indices(len(pairs), 10))] if pairs else []
    bom = [{"parent_id": p, "child_id": c, "qty_per": draw(per_parent),
            "scrap_pct": draw(_optional(scrap))} for p, c in lines]
    demand = [{"item_id": pick(item_ids), "quantity": draw(demanded), "per": pick(PERIODS)}
              for _ in range(draw(_index(5)))]
    stocked = [item_ids[k] for k in draw(_indices(len(item_ids), len(item_ids)))]
    stock = [{"item_id": i, "on_hand": draw(number), "safety_stock": draw(_optional(number)),
              "target_days": draw(_optional(DAYS))} for i in stocked]
    supplier_ids = draw(st.lists(_ids("S"), min_size=1, max_size=4, unique=True))
    suppliers = [{"supplier_id": s, "name": draw(_texts(40)), "country": pick(COUNTRIES)}
                 for s in supplier_ids]
    sources = []
    for k in draw(_indices(len(item_ids), len(item_ids))):
        keys = draw(_keys(len(supplier_ids)))
        weights = draw(_weights(len(keys)))
        for (supplier, origin), w in zip(keys, weights, strict=True):
            sources.append({
                "item_id": item_ids[k], "supplier_id": supplier_ids[supplier],
                "share": w / sum(weights), "unit_price": draw(_optional(number)),
                "lead_time_days": draw(_optional(DAYS)),
                "capacity_per_month": draw(_optional(number)), "moq": draw(_optional(number)),
                "origin_country": origin, "time_to_recover_days": draw(_optional(DAYS))})
    orders = [{"item_id": pick(item_ids), "supplier_id": pick(supplier_ids),
               "quantity": draw(positive), "due_date": draw(DATES)}
              for _ in range(draw(_index(4)))]
    settings_ = Settings(
        as_of_date=draw(DATES), horizon_days=draw(_numbers(True, False, MAX_DAYS)),
        target_days=draw(DAYS), max_supplier_share=draw(SHARES),
        max_country_share=draw(SHARES), currency=draw(_texts(5)),
        company=draw(COMPANY))
    tables = {"Items": items, "BOM": bom, "Demand": demand, "Stock": stock,
              "Suppliers": suppliers, "Sources": sources, "Orders": orders}
    return Project({name: _frame(name, rows) for name, rows in tables.items()}, settings_)


def _describe(project: Project) -> str:
    parts = [f"{name}:\n{project.tables[name].to_string()}" for name in TABLES]
    return "\n".join(parts) + f"\n{project.settings}"


# --- A: round trips ----------------------------------------------------------------------

@pytest.mark.parametrize("part", PARTS)
@examples(0.3)
@given(projects())
def test_template_workbook_project_file_template_workbook(part: int, project: Project
                                                          ) -> None:
    note(_describe(project))
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_workbook(project, folder / "a.xlsx")
        from_book = planner.load(folder / "a.xlsx")
        assert from_book.equals(project)
        planner.export(from_book, folder / "p.stockpile")
        from_file = planner.load(folder / "p.stockpile")
        assert from_file.equals(project)
        write_workbook(from_file, folder / "b.xlsx")
        assert planner.load(folder / "b.xlsx").equals(project)


@pytest.mark.parametrize("part", PARTS)
@examples(0.3)
@given(projects())
def test_csv_folder_round_trip(part: int, project: Project) -> None:
    note(_describe(project))
    with TemporaryDirectory() as tmp:
        write_csv_folder(project, Path(tmp) / "csv")
        assert planner.load(Path(tmp) / "csv").equals(project)


# --- B: corruptions ----------------------------------------------------------------------

Rows = list[list[object]]


@dataclass(frozen=True)
class Formula:
    text: str  # without "=": written as a formula without a saved result


def _rows(project: Project) -> dict[str, Rows]:
    """The project as the rows of a template workbook (header first)."""
    out: dict[str, Rows] = {}
    for spec in SHEETS:
        if spec.name == "Settings":
            out[spec.name] = [["key", "value"], *[[k, v] for k, v in
                                                  project.settings.as_rows()]]
            continue
        frame = project.tables[spec.name]
        columns = [_cell_values(frame, c.name) for c in spec.columns]
        out[spec.name] = [spec.column_names, *[list(r) for r in zip(*columns, strict=True)]]
    return out


def _write_book(path: Path, sheets: dict[str, Rows]) -> Path:
    """The rows as a workbook, as a user's Excel would save them (formulas aside)."""
    wb = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
    wb.save(path)
    return path


def _xlsx_cell(ws: object, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

    if value is None or value == "":
        return None
    if isinstance(value, Formula):
        return WriteOnlyCell(ws, "=" + value.text)  # a formula without a saved result
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, xlsx_text(value))
        cell.data_type = "s"  # text, even text starting with "="
        return cell
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        cell._value = repr(value)  # openpyxl writes 16 digits; the template writer does so
    return cell


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        return "=" + value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return csv_text(value)


def _write_csv(folder: Path, sheets: dict[str, Rows]) -> Path:
    folder.mkdir()
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([[_csv_cell(v) for v in row] for row in rows])
    return folder


CELL_VALUES = st.one_of(
    _texts(20), st.sampled_from(["", " ", "abc", "-1", "0", "1e999", "nan", "55", "55%",
                                 "1,5", "6,000", "2026-13-01", "China", "cn", "MATERIAL",
                                 "weekly", "=A1", "+1", "@x", "\t=1"]),
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**6, 10**6),
    st.none(), st.booleans(), st.dates(dt.date(1800, 1, 1), dt.date(2300, 1, 1)),
    st.sampled_from([Formula("1+1"), Formula("A1*2"), Formula("1/0")]))


CORRUPTIONS = st.sampled_from(["cell", "cell", "cell", "delete row", "duplicate row",
                               "rename header", "drop sheet"])
HEADERS = st.one_of(_texts(20), st.none(),
                    st.sampled_from([c.name for s in SHEETS for c in s.columns]))


@st.composite
def corruptions(draw: st.DrawFn, sheets: dict[str, Rows]) -> tuple[str, dict[str, Rows]]:
    """One random change to the rows: (what was done, the new rows)."""
    sheets = {k: [list(r) for r in v] for k, v in sheets.items()}
    names = sorted(sheets)
    name = names[draw(_index(len(names)))]
    rows = sheets[name]
    kind = draw(CORRUPTIONS)
    if kind == "drop sheet":
        del sheets[name]
        return f"dropped sheet {name}", sheets
    if kind == "rename header":
        j = draw(_index(len(rows[0])))
        rows[0][j] = draw(HEADERS)
        return f"{name}: header {column_letter(j)} renamed to {rows[0][j]!r}", sheets
    if kind in ("delete row", "duplicate row"):
        i = draw(_index(len(rows)))
        if kind == "delete row":
            del rows[i]
        else:
            rows.insert(i, list(rows[i]))
        return f"{name}: {kind} {i + 1}", sheets
    i = draw(_index(len(rows)))
    j = draw(_index(len(rows[0])))
    value = draw(CELL_VALUES)
    rows[i] = list(rows[i]) + [None] * (j + 1 - len(rows[i]))
    rows[i][j] = value
    return f"{name}!{column_letter(j)}{i + 1} set to {value!r}", sheets


_CELL = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")


def assert_located(problems: list[planner.Problem], sheets: dict[str, Rows]) -> None:
    """Every problem names a sheet and, if a cell, one that exists in what was written."""
    known = {s.name for s in SHEETS} | set(sheets)
    assert any(p.severity == "error" for p in problems)
    for p in problems:
        assert p.sheet in known, str(p)
        assert str(p).removeprefix("warning: ").startswith(f"{p.where}: "), str(p)
        assert p.message and "Traceback" not in p.message and "\n" not in p.message, str(p)
        if p.cell:
            assert _CELL.fullmatch(p.cell), str(p)
            row = int(re.sub(r"[A-Z]", "", p.cell))
            assert row <= max(len(sheets.get(p.sheet, [])), 1), str(p)


def figures(project: Project) -> dict[str, object]:
    report = planner.compute(project)
    data = report_json(report)
    json.dumps(data, allow_nan=False)  # what `planner report --json` prints
    return data


def _check_corrupted(project: Project, change: str, corrupted: dict[str, Rows],
                     as_csv: bool) -> None:
    note(_describe(project))
    note(change)
    with TemporaryDirectory() as tmp:
        path = (_write_csv(Path(tmp) / "csv", corrupted) if as_csv
                else _write_book(Path(tmp) / "in.xlsx", corrupted))
        try:
            loaded = planner.load(path)
        except InputError as exc:
            assert_located(exc.problems, corrupted)
            return
    now = figures(loaded)  # whatever is read can be computed (and printed as JSON)
    if loaded.equals(project):
        assert now == figures(project)


@pytest.mark.parametrize("part", PARTS)
@examples(0.7)
@given(st.data(), projects(huge=False))
def test_a_corrupted_workbook_is_read_the_same_or_refused_with_located_problems(
        part: int, data: st.DataObject, project: Project) -> None:
    change, corrupted = data.draw(corruptions(_rows(project)))
    _check_corrupted(project, change, corrupted, as_csv=False)


@pytest.mark.parametrize("part", PARTS)
@examples(0.7)
@given(st.data(), projects(huge=False))
def test_a_corrupted_csv_folder_is_read_the_same_or_refused_with_located_problems(
        part: int, data: st.DataObject, project: Project) -> None:
    change, corrupted = data.draw(corruptions(_rows(project)))
    _check_corrupted(project, change, corrupted, as_csv=True)


# --- C: harmless changes ------------------------------------------------------------------

def _header_spelling(name: str, style: int) -> str:
    if style == 0:
        return name.upper()
    if style == 1:
        return name.replace("_", " ").title().replace("Pct", "%")
    return f"  {name.replace('_', ' ')}  "


HARMLESS = st.sampled_from(["header spelling", "title row", "blank rows", "column order",
                            "unknown column", "numbers as text", "sheet name case"])


@st.composite
def harmless(draw: st.DrawFn, sheets: dict[str, Rows]) -> tuple[str, dict[str, Rows]]:
    sheets = {k: [list(r) for r in v] for k, v in sheets.items()}
    names = sorted(sheets)
    name = names[draw(_index(len(names)))]
    rows = sheets[name]
    kind = draw(HARMLESS)
    if kind == "header spelling":
        style = draw(_index(3))
        rows[0] = [_header_spelling(str(h), style) for h in rows[0]]
    elif kind == "title row":
        rows[0:0] = [[f"{name} as of today"], []]
    elif kind == "blank rows":
        for _ in range(1 + draw(_index(3))):
            rows.insert(1 + draw(_index(len(rows))), [None] * len(rows[0]))
    elif kind == "column order":
        order = draw(_permutation(len(rows[0])))
        sheets[name] = [[r[j] if j < len(r) else None for j in order] for r in rows]
    elif kind == "unknown column":
        for i, r in enumerate(rows):
            r.append("Notes" if i == 0 else draw(_optional(_texts(10))))
    elif kind == "numbers as text":
        for r in rows[1:]:
            for j, v in enumerate(r):
                if isinstance(v, int | float) and not isinstance(v, bool) and (
                        float(v).is_integer() and abs(v) < 1e15):
                    r[j] = f"{int(v):,}"  # "6,000"
    else:
        sheets[name.upper()] = sheets.pop(name)
    return f"{kind} in {name}", sheets


@pytest.mark.parametrize("part", PARTS)
@examples(0.5)
@given(st.data(), projects(huge=False), st.booleans())
def test_harmless_changes_read_as_the_same_project_with_the_same_figures(
        part: int, data: st.DataObject, project: Project, as_csv: bool) -> None:
    change, changed = data.draw(harmless(_rows(project)))
    note(_describe(project))
    note(change)
    with TemporaryDirectory() as tmp:
        path = (_write_csv(Path(tmp) / "csv", changed) if as_csv
                else _write_book(Path(tmp) / "in.xlsx", changed))
        loaded = planner.load(path)
    assert loaded.equals(project)
    assert figures(loaded) == figures(project)
    assert all(p.severity == "warning" for p in loaded.warnings)


def test_the_strategy_makes_valid_projects_of_every_shape() -> None:
    """A sanity check of the generator itself, outside hypothesis' shrinking."""
    seen: set[tuple[bool, bool, bool]] = set()

    @settings(max_examples=60, deadline=None, database=None)
    @given(projects(huge=False))
    def look(project: Project) -> None:
        assert all(p.severity == "warning" for p in check_project(project))
        seen.add((not project.bom.empty, not project.sources.empty,
                  not project.orders.empty))
        assert not any(math.isnan(s) for s in project.sources["share"])

    look()
    assert (True, True, True) in seen
