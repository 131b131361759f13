"""From raw cells to a checked Project, reporting every problem at once.

Two stages: ``parse_sheet`` reads each cell by its column's type (located messages such
as ``BOM!C7: qty_per must be a positive number``); ``check_project`` then checks what
spans rows and sheets (duplicates and references here; share sums, rates, service
levels, BOM cycles, overflowing requirements and alternates in
planner.inputs.cross_checks). Either
stage's errors stop the import: an input with errors yields no project.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from planner.core.errors import InputError, Problem, column_letter
from planner.core.i18n import N_, _, pgettext
from planner.inputs import choices, cross_checks, parsing
from planner.inputs.cross_checks import RequirementsCheck
from planner.inputs.project import Layout, Project, Settings
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.schema import (
    SETTING_BY_KEY,
    SHEETS,
    STRING,
    Column,
    Sheet,
    column_label,
    normalise,
    setting_label,
    sheet_label,
)

# the blank template's own sheets (planner.inputs.blank_template), read as no data
INSTRUCTIONS_SHEET, LISTS_SHEET = "Instructions", "Lists"
HEADER_SEARCH_ROWS = 10
# Durations in days are at most 100 years: a date that far overflows, and a scenario runs
# day by day for a source's time to recover (a typo of 1e9 days would run for hours).
MAX_DAYS = 36_500.0
DAY_COLUMNS = frozenset({"lead_time_days", "time_to_recover_days", "target_days",
                         "horizon_days", "qualification_days"})

Parser = Callable[[Sequence[object]], tuple[object, np.ndarray, dict[int, str]]]
PARSERS: dict[str, Parser] = {
    "id": parsing.parse_ids,
    "text": parsing.parse_texts,
    "kind": lambda v: choices.parse_choices(v, "kind"),
    "per": lambda v: choices.parse_choices(v, "per"),
    "number": parsing.parse_numbers,
    "share": parsing.parse_shares,
    "date": parsing.parse_dates,
    "country": choices.parse_countries,
    "origin": choices.parse_origins,
    "supplier_kind": lambda v: choices.parse_choices(v, "supplier_kind"),
    "yesno": choices.parse_yes_no,
    "month": parsing.parse_months,
    "currency": choices.parse_currencies,
}


def parse_column(column: Column, values: Sequence[object]
                 ) -> tuple[object, np.ndarray, dict[int, str]]:
    """Typed values, blank mask and messages (each a whole sentence naming the column by
    its label, "qty_per" or "員数（qty_per）") for one column; a message is an error unless
    it is a parsing.WarningMessage (parsing.is_warning)."""
    out, blank, messages = PARSERS[column.type](values)
    if column.rule == "positive":  # the documented example: "qty_per must be a positive number"
        messages = {i: parsing.as_positive(m) for i, m in messages.items()}
    label = column.label
    messages = {i: parsing.named(m, label) for i, m in messages.items()}
    if column.type in ("number", "share") and column.rule != "any":
        arr = np.asarray(out, dtype=float)
        bad = ~blank & ((arr <= 0) if column.rule == "positive" else (arr < 0))
        for i in np.flatnonzero(bad):
            messages.setdefault(int(i), _out_of_range(column.rule, label, values[i]))
    if column.name in DAY_COLUMNS:
        for i in np.flatnonzero(~blank & (np.asarray(out, dtype=float) > MAX_DAYS)):
            messages.setdefault(int(i), _too_many_days(label, values[i]))
    if column.required:
        for i in np.flatnonzero(blank):
            messages.setdefault(int(i), _("{column} is required").format(column=label))
    return out, blank, messages


def _out_of_range(rule: str, label: str, value: object) -> str:
    """The message of a number below what the rule ("positive", "nonneg") allows."""
    text = (_("{column} must be greater than zero, got {value}") if rule == "positive" else
            _("{column} must not be negative, got {value}"))
    return text.format(column=label, value=parsing.shown(value))


def _too_many_days(label: str, value: object) -> str:
    return _("{column} must be at most {limit} days (100 years), got {value}").format(
        column=label, limit=f"{MAX_DAYS:,.0f}", value=parsing.shown(value))


def _with_note(label: str, note: str) -> str:
    """A column's label and a note about its cell (planner.inputs.cell_notes: "is a
    formula without a saved result; ..."), as one sentence."""
    return _("{column} {note}").format(column=label, note=note)


def _is_blank_row(row: Sequence[object]) -> bool:
    return all(map(parsing.is_blank, row))  # map, not a generator: twice as fast


def _find_header(spec: Sheet, rows: list[list[object]]) -> int:
    """Index of the header row among the top rows (a title may stand above it).

    The first row naming every required column; failing that, the row naming the most
    template columns, so that a header missing one column is still found below a title
    (and the message names the header, not the title); failing that, the first filled row.
    """
    required = {c.name for c in spec.columns if c.required}
    known = set(spec.column_names)
    first_filled = None
    best, best_count = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if _is_blank_row(row):
            continue
        if first_filled is None:
            first_filled = i
        names = {normalise(v) for v in row if not parsing.is_blank(v)}
        if required <= names:
            return i
        if len(names & known) > best_count:
            best, best_count = i, len(names & known)
    if best is not None:
        return best
    return first_filled if first_filled is not None else 0


def parse_sheet(spec: Sheet, raw: RawSheet) -> tuple[pd.DataFrame, Layout, list[Problem]]:
    problems: list[Problem] = []
    name = spec.name
    rows = raw.rows
    if not rows or all(_is_blank_row(r) for r in rows):
        if spec.required:
            columns = pgettext("list separator", ", ").join(
                c.label for c in spec.columns if c.required)
            problems.append(Problem(name, _("the sheet is empty; it needs a header row with "
                                            "{columns}").format(columns=columns), "A1"))
        return spec.empty_frame(), Layout.canonical(name, 0), problems

    h = _find_header(spec, rows)
    header_row = raw.first_row + h
    if not {normalise(v) for v in rows[h] if not parsing.is_blank(v)} & set(spec.column_names):
        lower = _find_header_below(spec, rows)
        if lower is not None:
            return spec.empty_frame(), Layout.canonical(name, 0), [Problem(
                name, _("the header row (row {row}) must be within the first {limit} rows; "
                        "delete the rows above it").format(row=raw.first_row + lower,
                                                           limit=HEADER_SEARCH_ROWS), "A1")]
    positions: dict[str, int] = {}
    for j, cell in enumerate(rows[h]):
        if parsing.is_blank(cell):
            problems += _unnamed_column(name, raw, h, j)
            continue
        key = normalise(cell)
        ref = f"{column_letter(j)}{header_row}"
        known = key in spec.column_names
        if known and key in positions:
            problems.append(Problem(name, _("column {column} appears twice (also in column "
                                            "{letter})").format(
                column=column_label(name, key), letter=column_letter(positions[key])),
                ref, column=key))
        elif known:
            positions[key] = j
        else:
            problems.append(Problem(name, _("unknown column {value} ignored").format(
                value=parsing.shown(cell)), ref, "warning"))
    body = rows[h + 1:]
    lengths = set(map(len, body))  # one for a workbook (a grid), a few for CSV lines
    beyond = max(lengths, default=0)  # CSV lines longer than their header
    for j in range(len(rows[h]), min(beyond, 64)):
        problems += _unnamed_column(name, raw, h, j)
    for column in spec.columns:
        if column.required and column.name not in positions:
            problems.append(Problem(name, _("missing required column {column}").format(
                column=column.label), f"A{header_row}", row=header_row))

    # the rows below the header, column by column: a Python call per cell would cost
    # more than reading the workbook (a BOM of 300,000 lines has 1.2 million cells).
    # Every column is parsed with the blank rows in it, then the blank rows (blank in
    # every cell, as _is_blank_row) are left out; in the common case there are none
    shortest = min(lengths, default=0)
    present = [c for c in spec.columns if c.name in positions]
    values = {c.name: _column(body, positions[c.name], shortest) for c in present}
    parsed = {c.name: parse_column(c, values[c.name]) for c in present}
    blank = np.ones(len(body), dtype=bool)
    for c in present:  # a share typed as "%" alone is not a blank cell
        blank &= parsing.blank_mask(values[c.name]) if c.type == "share" else parsed[c.name][1]
    keep = ~_blank_rows(body, blank, {positions[c.name] for c in present}, beyond)
    for r, _c in raw.notes:  # a row of formulas without results is not blank
        if 0 <= r - raw.first_row - h - 1 < len(body):
            keep[r - raw.first_row - h - 1] = True
    if not keep.all():  # parsed again without the blank rows
        parsed = {c.name: parse_column(c, list(itertools.compress(values[c.name], keep)))
                  for c in present}
    del values
    row_numbers = raw.first_row + h + 1 + np.flatnonzero(keep)
    letters = {c: column_letter(j) for c, j in positions.items()}
    layout = Layout(row_numbers, letters, header_row)
    frame: dict[str, pd.Series] = {}
    at: dict[int, int] | None = None  # sheet row -> position, for notes
    for column in spec.columns:
        j = positions.get(column.name)
        if j is None:
            frame[column.name] = pd.Series([None] * len(row_numbers), dtype=column.dtype)
            continue
        typed, _blank, messages = parsed.pop(column.name)
        if raw.notes and name != "Settings":  # formulas without a saved result and error
            # cells, read as blank (a setting's value: in parse_settings, by its key)
            if at is None:
                at = {int(n): i for i, n in enumerate(row_numbers)}
            label = column.label
            messages.update({at[r]: _with_note(label, note) for (r, c), note in
                             raw.notes.items() if c == j and r in at})
        for i, message in sorted(messages.items()):
            problems.append(Problem(name, message, f"{letters[column.name]}{row_numbers[i]}",
                                    "warning" if parsing.is_warning(message) else "error",
                                    row=int(row_numbers[i]), column=column.name))
        frame[column.name] = _series(typed, column.dtype)
    return pd.DataFrame(frame, copy=False), layout, problems


def _column(body: list[list[object]], j: int, shortest: int) -> list[object]:
    """Cell j of every row; None where a row (a short CSV line) does not reach it.
    ``shortest``: the length of the shortest row."""
    if j < shortest:
        return [r[j] for r in body]
    return [r[j] if j < len(r) else None for r in body]


def _blank_rows(body: list[list[object]], blank: np.ndarray, done: set[int], widest: int
                ) -> np.ndarray:
    """Which rows have only blank cells (parsing.is_blank).

    ``blank``: the rows blank in the columns ``done`` (updated in place). The other cells
    of a row are looked at, column by column, only while every cell before them was blank.
    """
    for j in range(widest):
        if j in done:
            continue
        at = np.flatnonzero(blank)
        if not len(at):
            break
        blank[at] = parsing.blank_mask([body[i][j] if j < len(body[i]) else None
                                        for i in at.tolist()])
    return blank


def _series(values: object, dtype: object) -> pd.Series:
    """A column of the table from a parser's output, without copying numeric arrays and
    with text put in an array of objects first (twice as fast as from a list)."""
    if isinstance(values, np.ndarray) and values.dtype == dtype:
        return pd.Series(values, dtype=dtype, copy=False)  # type: ignore[call-overload]
    if dtype is STRING and isinstance(values, list):
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return pd.Series(pd.array(array, dtype=STRING), copy=False)
    return pd.Series(values, dtype=dtype)


def _find_header_below(spec: Sheet, rows: list[list[object]], limit: int = 1000
                       ) -> int | None:
    """The index of a row below the searched ones naming every required column."""
    required = {c.name for c in spec.columns if c.required}
    for i in range(HEADER_SEARCH_ROWS, min(len(rows), limit)):
        if required <= {normalise(v) for v in rows[i] if not parsing.is_blank(v)}:
            return i
    return None


def _unnamed_column(sheet: str, raw: RawSheet, h: int, j: int) -> list[Problem]:
    """A problem when column j has values below a blank header cell (first 64 columns).

    Inside merged header cells it is an error: the merge hid the column's name, so its
    values cannot be told apart. Elsewhere (notes beside the table) it is a warning.
    """
    if j >= 64 or not any(r[j] is not None and r[j] != "" and not parsing.is_blank(r[j])
                          for r in raw.rows[h + 1:] if j < len(r)):
        return []
    letter, row = column_letter(j), raw.first_row + h
    for r0, c0, r1, c1 in raw.merged:
        if r0 <= h <= r1 and c0 <= j <= c1:
            return [Problem(sheet, _("the header cell is merged with {cell}, so column "
                                     "{letter} has values but no name; unmerge the header "
                                     "cells and name each column").format(
                cell=f"{column_letter(c0)}{raw.first_row + r0}", letter=letter),
                f"{letter}{row}", row=row)]
    return [Problem(sheet, _("column {letter} has values but no header; ignored").format(
        letter=letter), f"{letter}{row}", "warning")]


def parse_settings(raw: RawSheet | None) -> tuple[Settings, list[Problem]]:
    problems: list[Problem] = []
    if raw is None:
        return Settings(), [Problem("Settings", _("no Settings sheet; using the defaults and "
                                              "today as the as-of date"), severity="warning")]
    spec = next(s for s in SHEETS if s.name == "Settings")
    table, layout, problems = parse_sheet(spec, raw)
    values: dict[str, object] = {}
    seen: dict[str, int] = {}
    for i, (key, _value) in enumerate(zip(table["key"], table["value"], strict=True)):
        if pd.isna(key):
            continue
        row = int(layout.rows[i])
        k = normalise(key)
        spec_ = SETTING_BY_KEY.get(k)
        key_cell = f"{layout.letters.get('key', 'A')}{row}"
        value_cell = f"{layout.letters.get('value', 'B')}{row}"
        if spec_ is None:
            problems.append(Problem("Settings", _("unknown setting {value} ignored").format(
                value=parsing.shown(key)), key_cell, "warning"))
            continue
        if k in seen:
            problems.append(Problem("Settings", _("{setting} is set twice (also on row "
                                                  "{row})").format(
                setting=setting_label(k), row=seen[k]), key_cell, row=row))
            continue
        seen[k] = row
        raw_value = raw.rows[row - raw.first_row][_letter_index(layout.letters["value"])] \
            if "value" in layout.letters else None
        note = raw.notes.get((row, _letter_index(layout.letters.get("value", "B"))))
        if note:
            problems.append(Problem("Settings", _with_note(setting_label(k), note), value_cell,
                                    row=row, column=k))
            continue
        if parsing.is_blank(raw_value):
            continue
        typed, message = parse_setting(k, raw_value)
        if message:
            problems.append(Problem("Settings", message, value_cell, row=row, column=k))
        else:
            values[k] = typed
    if "as_of_date" not in values and not any(p.column == "as_of_date" for p in problems):
        problems.append(Problem("Settings", _("{setting} is not set; using today").format(
            setting=setting_label("as_of_date")), severity="warning"))
    return Settings(**values), problems  # type: ignore[arg-type]


def _letter_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def parse_setting(key: str, value: object) -> tuple[object, str]:
    """A setting's typed value and an empty message, or None and the message."""
    spec = SETTING_BY_KEY[key]
    if key == "content_country":  # blank: the default, as in a Settings sheet
        codes, blank, messages = choices.parse_countries([value])
        if messages:
            return None, parsing.named(messages[0], setting_label(key))
        return (spec.default if blank[0] else codes[0]), ""
    if spec.type == "text":
        return str(value).strip(), ""
    if spec.type == "date":
        out, _blank, messages = parsing.parse_dates([value])
        if messages:
            return None, parsing.named(messages[0], setting_label(key))
        return dt.date.fromisoformat(str(out[0])[:10]), ""
    parse = parsing.parse_shares if spec.type == "share" else parsing.parse_numbers
    numbers, _blank, messages = parse([value])
    if messages:
        return None, parsing.named(messages[0], setting_label(key))
    number = float(numbers[0])
    if (spec.rule == "positive" and number <= 0) or (spec.rule == "nonneg" and number < 0):
        return None, _out_of_range(spec.rule, setting_label(key), value)
    if key in DAY_COLUMNS and number > MAX_DAYS:
        return None, _too_many_days(setting_label(key), value)
    return number, ""


def build_project(book: RawBook) -> Project:
    """A checked Project from raw cells; raises InputError listing every problem."""
    gc_was_on = gc.isenabled()
    # the raw cells are millions of objects, none cyclic, and so is what is made of them:
    # the collector would only walk the rows again and again (a seventh of the time)
    gc.disable()
    try:
        return _build_project(book)
    finally:
        if gc_was_on:
            gc.enable()


def _build_project(book: RawBook) -> Project:
    # what the reader noticed about the file as a whole (a "very hidden" template sheet)
    problems: list[Problem] = [Problem(sheet, message, severity="warning")
                               for sheet, message in book.warnings]
    by_key: dict[str, RawSheet] = {}
    for raw_name, raw in book.sheets.items():
        key = normalise(raw_name)
        if key in by_key:
            problems.append(Problem(raw_name, _("sheets {first} and {second} are the same "
                                               "sheet (names are read regardless of case and "
                                               "spaces); keep one").format(
                first=parsing.shown(by_key[key].name), second=parsing.shown(raw_name))))
            continue
        by_key[key] = raw
    known = {s.key for s in SHEETS} | {normalise(INSTRUCTIONS_SHEET),
                                      normalise(LISTS_SHEET)}
    for key, raw in by_key.items():
        if key not in known:
            problems.append(Problem(raw.name, _("unknown sheet ignored"), severity="warning"))

    tables: dict[str, pd.DataFrame] = {}
    layouts: dict[str, Layout] = {}
    for spec in SHEETS:
        if spec.name == "Settings":
            continue
        raw = by_key.get(spec.key)
        if raw is None:
            if spec.required:
                problems.append(Problem(spec.name, _(
                    "missing sheet {sheet} (a workbook needs Items, Demand, Stock, Suppliers "
                    "and Sources)").format(sheet=sheet_label(spec.name))))
            tables[spec.name] = spec.empty_frame()
            continue
        table, layout, found = parse_sheet(spec, raw)
        tables[spec.name] = table
        layouts[spec.name] = layout
        problems += found
    settings, found = parse_settings(by_key.get("settings"))
    problems += found
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    ids = cross_checks.ItemIds(tables["Items"], tables["BOM"])
    tables["BOM"] = ids.bom_with_item_strings(tables["BOM"])
    project = Project(tables, settings, layouts)
    problems += _check_project(project, ids)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    project.warnings = problems
    return project


def check_cells(project: Project) -> tuple[list[Problem], list[Problem]]:
    """Every value of a project that did not come through parse_sheet (a project file,
    perhaps edited or damaged outside the program) checked as if it had been typed.

    Returns (values the program cannot use: a kind or period it does not know, a number
    that is negative, zero or infinite where that is meaningless, a share above 1, a date
    or country code that is none, an id with a line break; blank required cells, which the
    window leaves while a row is being filled in, and warnings such as an id with a
    zero-width space). Located in the project's layouts, like check_project.
    """
    problems: list[Problem] = []
    blanks: list[Problem] = []
    for spec in SHEETS:
        if spec.name == "Settings":
            continue
        frame = project.tables[spec.name]
        layout = project.layout(spec.name)
        for column in spec.columns:
            col = frame[column.name]
            if col.dtype.kind == "M":
                values: list[object] = [None if pd.isna(v) else pd.Timestamp(v).date()
                                        for v in col]
            elif col.dtype == "float64":
                values = col.to_numpy(dtype=float).tolist()
            else:
                values = [None if pd.isna(v) else v for v in col.astype(object)]
            _typed, blank, messages = parse_column(column, values)
            for i, message in sorted(messages.items()):
                warning = parsing.is_warning(message)
                (blanks if blank[i] or warning else problems).append(Problem(
                    spec.name, message, layout.cell(column.name, i),
                    "warning" if warning else "error", row=int(layout.rows[i]),
                    column=column.name))
    for row, (key, value) in enumerate(project.settings.as_rows(), start=2):
        if isinstance(value, str):
            continue
        _typed, message = parse_setting(key, value)
        if message:
            problems.append(Problem("Settings", message, f"B{row}", row=row, column=key))
    return problems, blanks


class KeptChecks:
    """The problems of each part of :func:`check_project`, kept while the tables that part
    reads are unchanged (planner.results forgets the parts an edit makes stale), so an edit
    of Stock checks Stock again, not the BOM's 60,000 lines.

    A part is also checked again when the layout of a table it reads changed (rows
    inserted or removed anywhere move every message to the template's rows).
    """

    def __init__(self) -> None:
        self.parts: dict[str, tuple[tuple[object, ...], list[Problem]]] = {}
        self.ids: cross_checks.ItemIds | None = None

    def forget(self, tables: frozenset[str] | None = None) -> None:
        """Drop the parts that read any of ``tables`` (None: every part)."""
        if tables is None:
            self.parts.clear()
            self.ids = None
            return
        if tables & {"Items", "BOM"}:
            self.ids = None
        self.parts = {name: kept for name, kept in self.parts.items()
                      if not tables & set(_PART_TABLES[name])}

    def copy(self) -> KeptChecks:
        copy = KeptChecks()
        copy.parts = dict(self.parts)
        copy.ids = self.ids
        return copy

    def adopt(self, other: KeptChecks) -> None:
        """Take the parts ``other`` (a copy, checked in another thread) has and this has not."""
        for name, kept in other.parts.items():
            self.parts.setdefault(name, kept)
        self.ids = self.ids or other.ids


# The tables each part of check_project reads (its problems are located in them).
_PART_TABLES: dict[str, tuple[str, ...]] = {
    "duplicate Items": ("Items",),
    "duplicate Suppliers": ("Suppliers",),
    "duplicate Stock": ("Stock",),
    "duplicate BOM": ("BOM", "Items"),
    "duplicate Sources": ("Sources",),
    "duplicate Forecast": ("Forecast",),
    "duplicate Rates": ("Rates",),
    "duplicate Alternates": ("Alternates",),
    **{f"unknown {t} item": (t, "Items")
       for t in ("Demand", "Forecast", "Stock", "Sources", "Orders", "BOM", "Alternates")},
    "unknown Sources supplier": ("Sources", "Suppliers"),
    "unknown Orders supplier": ("Orders", "Suppliers"),
    "shares": ("Sources",),
    "currencies": ("Rates", "Items", "Sources"),  # and the settings: all forgotten then
    "service levels": ("Stock",),
    "cycles": ("BOM", "Items"),
    "alternates": ("Alternates", "Items", "BOM"),
    "alternate without supply": ("Alternates", "Items", "BOM", "Sources"),
    "material without sources": ("Items", "Sources"),
    "order without source": ("Orders", "Sources"),
    "unknown commodity": ("Items",),
}


def check_project(project: Project, requirements: RequirementsCheck | None = None,
                  kept: KeptChecks | None = None) -> list[Problem]:
    """Problems that span rows and sheets, located in the project's layouts.

    ``requirements``: the requirements check of an earlier call on the same Items, BOM
    and Demand, taken as it is; a blank one is filled in. ``kept``: the parts of earlier
    calls still valid (see :class:`KeptChecks`), filled in with the parts checked now.
    """
    ids = kept.ids if kept is not None else None
    if ids is None:
        ids = cross_checks.ItemIds(project.items, project.bom)
        if kept is not None:
            kept.ids = ids
    return _check_project(project, ids, requirements, kept)


def _check_project(project: Project, ids: cross_checks.ItemIds,
                   requirements: RequirementsCheck | None = None,
                   kept: KeptChecks | None = None) -> list[Problem]:
    """check_project, with the item ids already looked up."""
    problems: list[Problem] = []

    def part(name: str, check: Callable[[], object]) -> list[Problem]:
        """Run one part of the checks (``check`` reports into ``problems``), or take its
        problems from ``kept`` when the tables it reads and their layouts are as then;
        returns the part's problems."""
        nonlocal problems
        before = problems
        if kept is None:
            problems = []
            try:
                check()
                return problems
            finally:
                problems = before + problems
        tables = _PART_TABLES[name]
        stamp = tuple(x for t in tables for x in (project.layouts.get(t),
                                                   len(project.tables[t])))
        found = kept.parts.get(name)
        if found is not None and len(found[0]) == len(stamp) and all(
                a is b or (isinstance(a, int) and a == b)
                for a, b in zip(found[0], stamp, strict=True)):
            problems += found[1]
            return found[1]
        problems = []
        try:
            check()
            kept.parts[name] = (stamp, problems)
            return problems
        finally:
            problems = before + problems

    def report(table: str, column: str | None, positions: Sequence[int] | np.ndarray,
               message: Callable[[int], str], severity: str = "error", kind: str = "") -> None:
        layout = project.layout(table)
        for p in positions:
            p = int(p)
            problems.append(Problem(table, message(p), layout.cell(column, p),
                                    severity,  # type: ignore[arg-type]
                                    row=int(layout.rows[p]), column=column, kind=kind))

    def extend(found: list[Problem]) -> None:
        problems.extend(found)

    def duplicates(table: str, keys: list[str], what: str, sentence: str,
                   dup: np.ndarray | None = None, fields: tuple[str, ...] = (),
                   label: str = "") -> None:
        """``what`` tells the problems' kind apart; ``sentence`` is the message, with
        ``{row}`` (the first row with the key) and ``{key}`` (the key's values joined by
        " / "), or a placeholder per value named in ``fields``, and ``{column}`` (``label``).
        ``dup``: the rows whose key an earlier row has, when already known."""
        frame = project.tables[table]
        if frame.empty:
            return
        if dup is None:
            dup = frame.duplicated(keys, keep="first").to_numpy()
        if not dup.any():
            return
        first = frame.drop_duplicates(keys).reset_index().set_index(keys)["index"]
        layout = project.layout(table)

        def text(p: int) -> str:
            key = tuple(frame.iloc[p][k] for k in keys)
            where = first.loc[key if len(keys) > 1 else key[0]]
            shown = [_("(blank)") if pd.isna(k) else k.strftime("%Y-%m")
                     if isinstance(k, pd.Timestamp) else parsing.printable(k) for k in key]
            values = dict(zip(fields, shown, strict=True)) if fields else {
                "key": " / ".join(shown)}
            return sentence.format(row=int(layout.rows[int(where)]), column=label, **values)
        report(table, keys[0], np.flatnonzero(dup), text, kind=f"duplicate {what}")

    items = project.items
    bom = project.bom
    # when every BOM line names known items, as in any valid project, their positions
    # number the nodes of the BOM for duplicate lines and cycles alike
    item_dup, known_items, parent, child = ids.duplicated, ids.known, ids.parent, ids.child
    if ids.bom_known:
        bom_ids = known_items.to_numpy(dtype=object)

        def bom_duplicates() -> np.ndarray | None:
            return pd.Series(parent * len(bom_ids) + child, copy=False).duplicated(
                keep="first").to_numpy()
    else:  # unknown or blank ids: the BOM's own ids as codes (-1: blank)
        codes, uniques = pd.factorize(pd.concat([bom["parent_id"], bom["child_id"]]))
        item_at = np.append(known_items.get_indexer(uniques), -1)  # code -1: -1
        bom_ids = np.asarray(uniques, dtype=object)
        parent, child = codes[: len(bom)], codes[len(bom):]

        def bom_duplicates() -> np.ndarray | None:
            return None  # as DataFrame.duplicated finds them
    def duplicate_ids(table: str, column: str, dup: np.ndarray | None = None) -> None:
        duplicates(table, [column], column, _("duplicate {column} {key} (first on row {row})"),
                   dup, label=column_label(table, column))
    part("duplicate Items", lambda: duplicate_ids("Items", "item_id", item_dup))
    part("duplicate Suppliers", lambda: duplicate_ids("Suppliers", "supplier_id"))
    part("duplicate Stock", lambda: duplicates(
        "Stock", ["item_id"], "stock row for item",
        _("duplicate stock row for item {key} (first on row {row})")))
    part("duplicate BOM", lambda: duplicates(
        "BOM", ["parent_id", "child_id"], "BOM line",
        _("duplicate BOM line {key} (first on row {row})"), bom_duplicates()))
    part("duplicate Sources", lambda: duplicates(
        "Sources", ["item_id", "supplier_id", "origin_country"], "source",
        _("duplicate source {key} (first on row {row})")))
    part("duplicate Forecast", lambda: duplicates(
        "Forecast", ["item_id", "month"], "forecast for",
        _("duplicate forecast for {item} in {month} (first on row {row})"),
        fields=("item", "month")))
    part("duplicate Rates", lambda: duplicates(
        "Rates", ["currency"], "rate for", _("duplicate rate for {key} (first on row {row})")))
    part("duplicate Alternates", lambda: duplicates(
        "Alternates", ["item_id", "alternate_id"], "alternate",
        _("duplicate alternate {alternate} for {item} (first on row {row})"),
        fields=("item", "alternate")))

    sentences = {"item": N_("unknown item {value}"), "supplier": N_("unknown supplier {value}")}

    def unknown(table: str, column: str, known: pd.Index, what: str,
                at: np.ndarray | None = None) -> None:
        values = project.tables[table][column]
        at = known.get_indexer(values) if at is None else at  # type: ignore[arg-type]
        bad = np.flatnonzero(at < 0)
        if len(bad):
            bad = bad[values.notna().to_numpy()[bad]]
        listed = values.tolist() if len(bad) else []  # iloc per row: 10 µs each
        sentence = _(sentences[what])
        report(table, column, bad, lambda p: sentence.format(value=parsing.shown(listed[p])),
               kind=f"unknown {what}")

    for table in ("Demand", "Forecast", "Stock", "Sources", "Orders"):
        part(f"unknown {table} item",
             lambda table=table: unknown(table, "item_id", known_items, "item"))

    def unknown_bom() -> None:
        if ids.bom_known:
            unknown("BOM", "parent_id", known_items, "item", parent)
            unknown("BOM", "child_id", known_items, "item", child)
        else:
            unknown("BOM", "parent_id", known_items, "item", item_at[parent])
            unknown("BOM", "child_id", known_items, "item", item_at[child])
    part("unknown BOM item", unknown_bom)
    part("unknown Alternates item", lambda: (
        unknown("Alternates", "item_id", known_items, "item"),
        unknown("Alternates", "alternate_id", known_items, "item")))
    suppliers: list[pd.Index] = []

    def known_suppliers() -> pd.Index:
        if not suppliers:
            suppliers.append(pd.Index(project.suppliers["supplier_id"].dropna()
                                      .drop_duplicates()))
        return suppliers[0]
    part("unknown Sources supplier",
         lambda: unknown("Sources", "supplier_id", known_suppliers(), "supplier"))
    part("unknown Orders supplier",
         lambda: unknown("Orders", "supplier_id", known_suppliers(), "supplier"))

    part("shares", lambda: extend(cross_checks.check_shares(project)))
    part("currencies", lambda: extend(cross_checks.check_currencies(project)))
    part("service levels", lambda: extend(cross_checks.check_service_levels(project)))
    cycles = part("cycles", lambda: extend(
        cross_checks.check_cycles(project, parent, child, bom_ids)))
    if not cycles and len(ids.known) == len(items):  # every item once: positions are rows
        if requirements is None:
            problems += cross_checks.check_requirements(project, ids)
        else:
            if requirements.problems is None:
                requirements.problems = cross_checks.check_requirements(project, ids)
            problems += requirements.problems

    part("alternates", lambda: extend(cross_checks.check_alternates(project, ids)))

    # warnings: what will make a figure meaningless
    def without_sources() -> None:
        sourced = set(project.sources["item_id"].dropna().tolist())
        # a blank kind (a project file edited outside the program) is no material
        materials = (items["kind"] == "material").fillna(False).to_numpy(dtype=bool)
        item_ids = items["item_id"].tolist()  # iloc per row: 10 µs each, 20 s for 2 million
        report("Items", "item_id",
               np.flatnonzero(materials & ~items["item_id"].isin(sourced)),
               lambda p: _("material {item} has no Sources rows; its supply exposure cannot be "
                           "computed").format(item=parsing.printable(item_ids[p])),
               "warning", "material without sources")
    part("material without sources", without_sources)

    def orders_without_source() -> None:
        orders = project.orders
        if orders.empty:
            return
        # tolist, not the Series: a blank is then pd.NA, as in the Series, 10x faster
        pairs = set(zip(project.sources["item_id"].tolist(),
                        project.sources["supplier_id"].tolist(), strict=True))
        ordered = list(zip(orders["item_id"].tolist(), orders["supplier_id"].tolist(),
                           strict=True))
        no_source = [i for i, pair in enumerate(ordered) if pair not in pairs]
        report("Orders", "supplier_id", no_source,
               lambda p: _("no Sources row for {item} from {supplier}").format(
                   item=parsing.printable(ordered[p][0]),
                   supplier=parsing.printable(ordered[p][1])),
               "warning", "order without source")
    part("order without source", orders_without_source)
    part("alternate without supply",
         lambda: extend(cross_checks.check_alternate_supply(project, ids)))

    def unknown_commodities() -> None:
        named = items["commodity"]
        written = np.flatnonzero(named.notna().to_numpy(dtype=bool))
        if not len(written):
            return
        from planner.inputs.usgs import closest_commodity, resolve_commodity  # when needed

        texts = named.to_numpy(dtype=object)

        def message(p: int) -> str:
            guess = closest_commodity(str(texts[p]))
            if guess:
                return _("{value} is not a commodity of the USGS world production tables "
                         "(did you mean {guess}?); the world figures and look-through leave "
                         "this item out").format(value=parsing.shown(texts[p]), guess=guess)
            return _("{value} is not a commodity of the USGS world production tables (such "
                     "as Rare Earths, Gallium, Tungsten); the world figures and look-through "
                     "leave this item out").format(value=parsing.shown(texts[p]))
        report("Items", "commodity",
               [int(p) for p in written if resolve_commodity(str(texts[p])) is None],
               message, "warning", "unknown commodity")
    part("unknown commodity", unknown_commodities)
    return problems
