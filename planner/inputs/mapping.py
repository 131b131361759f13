"""A mapping: how another program's export (an ERP's workbook or CSV files) fills the
template, kept as a JSON file and applied again every month (docs/mapping.md).

    {"tables": {"Items": {"sheet": "MARA", "header_row": 1,
                          "columns": {"item_id": "Material", "kind": "Material Type", ...},
                          "values": {"kind": {"FERT": "product", "ROH": "material"}},
                          "scale": {"unit_price": 0.001}}, ...},
     "settings": {"currency": "EUR"}}

The JSON Schema of the format ships as planner.resources/mapping.schema.json, for other
tools; :meth:`Mapping.from_json` checks the same rules by hand (no schema library is
needed) and says where a mapping is wrong: ``MAP.json: tables.Sources.scale.share: must be
a number``.

:func:`apply_mapping` reads only the sheets the mapping names, with the template's own
readers and their limits (planner.inputs.mapping_source). In each sheet's header row
a source column fed to the template gets that column's name and every other header is
blanked; codes are translated and numbers scaled column by column (a pass over the
distinct codes, numpy over the numbers); then the sheet is parsed and the project checked
by planner.inputs.validation as a template workbook is. The layouts are the source's rows
and column letters, so that every problem is located in the source: ``MARD!C7: ...``.

:func:`guess_mapping` (planner.inputs.mapping_guess) proposes a mapping from the headers;
it is shown for review and never applied by itself. :func:`layout_key` tells a source's
sheets and headers apart, so that a mapping saved for one month's export is found for
the next.
"""

from __future__ import annotations

import difflib
import gc
import json
import math
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.core.atomic import write_atomic
from planner.core.errors import FileRefused, InputError, PlannerError, Problem, column_letter
from planner.core.i18n import _, pgettext
from planner.inputs import parsing
from planner.inputs.cross_checks import ItemIds
from planner.inputs.mapping_source import (  # re-exported: the mapping's whole interface
    HEADER_SEARCH_ROWS as HEADER_SEARCH_ROWS,
)
from planner.inputs.mapping_source import code_key as code_key
from planner.inputs.mapping_source import find_header_row as find_header_row
from planner.inputs.mapping_source import find_sheet as find_sheet
from planner.inputs.mapping_source import fold as fold
from planner.inputs.mapping_source import layout_key as layout_key
from planner.inputs.mapping_source import layout_key_of as layout_key_of
from planner.inputs.mapping_source import read_source as read_source
from planner.inputs.project import Layout, Project, Settings
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.schema import (
    SETTING_BY_KEY,
    SHEET_BY_KEY,
    TABLES,
    Column,
    Sheet,
    setting_label,
)
from planner.inputs.validation import (
    KeptChecks,
    check_project,
    parse_column,
    parse_setting,
    parse_settings,
    parse_sheet,
)

if TYPE_CHECKING:
    from planner.inputs.mapping_guess import Guess

SCHEMA_FILE = "mapping.schema.json"  # in planner.resources
MAPPED_TABLES: tuple[str, ...] = (*TABLES, "Settings")  # what a mapping may fill
SCALED_TYPES = ("number", "share")
SHOWN_CODES = 12  # codes a message lists before "…"

_TABLE_KEYS = ("sheet", "header_row", "columns", "values", "scale")
_TOP_KEYS = ("tables", "settings", "layout", "description", "$schema")


class MappingError(PlannerError):
    """A mapping asked for what it cannot do (a table it does not map)."""


@dataclass
class TableMapping:
    """Where one template table comes from: a sheet (or CSV file) of the source, its
    header row (1-based), the source header feeding each template column, code
    translations per column and a factor per numeric column."""

    sheet: str
    header_row: int = 1
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"sheet": self.sheet, "header_row": self.header_row,
                                   "columns": dict(self.columns)}
        if self.values:
            data["values"] = {c: dict(codes) for c, codes in self.values.items()}
        if self.scale:
            data["scale"] = dict(self.scale)
        return data


@dataclass
class Mapping:
    """Which source sheet and columns fill each template table (the module docstring
    shows the JSON). ``settings``: values of the Settings sheet the source does not hold
    (as typed in a Settings sheet); ``layout``: the :func:`layout_key` of the source the
    mapping was made for, so that it is found again for the next export."""

    tables: dict[str, TableMapping] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)
    layout: str | None = None
    description: str = ""

    @classmethod
    def load(cls, path: Path | str) -> Mapping:
        """The mapping in a JSON file, checked; InputError says where it is wrong."""
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise FileRefused(_("{name}: no such file").format(name=path.name)) from None
        except UnicodeDecodeError:
            raise InputError([Problem(path.name, _(
                "the mapping is not UTF-8 text; save it as UTF-8"))]) from None
        except OSError as exc:
            raise FileRefused(_("cannot read {name}: {reason}").format(
                name=path.name, reason=exc.strerror or exc)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(path.name, _(
                "line {line}, column {column}: not valid JSON ({error})").format(
                    line=exc.lineno, column=exc.colno, error=exc.msg))]) from None
        return cls.from_json(data, path.name)

    @classmethod
    def from_json(cls, data: object, name: str = "mapping") -> Mapping:
        """A mapping from parsed JSON, checked against the rules of the schema (and the
        template: its tables, columns and codes); InputError lists every place wrong,
        each as ``NAME: tables.Items.columns.kind: ...``."""
        checker = _Checker(name)
        mapping = checker.mapping(data)
        if checker.problems:
            raise InputError(checker.problems)
        return mapping

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {}
        if self.description:
            data["description"] = self.description
        data["tables"] = {name: table.to_json() for name, table in self.tables.items()}
        if self.settings:
            data["settings"] = dict(self.settings)
        if self.layout:
            data["layout"] = self.layout
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    def save(self, path: Path | str) -> None:
        """Write the mapping as UTF-8 JSON, whole or not at all."""
        text = self.dumps().encode("utf-8")
        write_atomic(Path(path), lambda tmp: tmp.write_bytes(text))

    def imported(self, tables: Collection[str] | None = None) -> list[str]:
        """The tables an import through this mapping fills, in template order: ``tables``
        (MappingError for one it does not map), or every one it maps; "Settings" counts
        as mapped when the mapping gives settings."""
        mapped = [t for t in MAPPED_TABLES if t in self.tables
                  or (t == "Settings" and self.settings)]
        if tables is None:
            return mapped
        for name in tables:
            if name not in MAPPED_TABLES:
                raise MappingError(_("{table} is not a table of the template ({tables})")
                                   .format(table=name, tables=", ".join(MAPPED_TABLES)))
            if name not in mapped:
                raise MappingError(_("{table} is not in the mapping (it maps {tables})")
                                   .format(table=name, tables=", ".join(mapped) or "-"))
        return [t for t in mapped if t in set(tables)]


def _sheet_spec(table: str) -> Sheet:
    return SHEET_BY_KEY[table.lower()]


class _Checker:
    """The hand-written checks of mapping.schema.json, collecting every problem."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def say(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, _("{where}: {problem}").format(
            where=where, problem=message)))

    def obj(self, value: object, where: str) -> dict[str, object] | None:
        if isinstance(value, dict):
            return value
        self.say(where, _("must be an object"))
        return None

    def keys(self, data: dict[str, object], allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.say(f"{where}.{key}" if where else key, _(
                    "unknown key; expected one of {keys}").format(keys=", ".join(allowed)))

    def text(self, value: object, where: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.say(where, _("must be a text that is not blank"))
        return None

    def mapping(self, data: object) -> Mapping:
        mapping = Mapping()
        top = self.obj(data, "(top)")
        if top is None:
            return mapping
        self.keys(top, _TOP_KEYS, "")
        if "tables" not in top:
            self.say("tables", _("is required"))
        tables = self.obj(top.get("tables", {}), "tables") or {}
        for table, value in tables.items():
            where = f"tables.{table}"
            if table not in MAPPED_TABLES:
                self.say(where, _("not a table of the template ({tables})").format(
                    tables=", ".join(MAPPED_TABLES)))
                continue
            found = self.table(_sheet_spec(table), value, where)
            if found is not None:
                mapping.tables[table] = found
        if "settings" in top:
            mapping.settings = self.settings(top["settings"])
        if "layout" in top:
            mapping.layout = self.text(top["layout"], "layout")
        if "description" in top:
            description = top["description"]
            if isinstance(description, str):
                mapping.description = description
            else:
                self.say("description", _("must be a text"))
        return mapping

    def table(self, spec: Sheet, value: object, where: str) -> TableMapping | None:
        data = self.obj(value, where)
        if data is None:
            return None
        self.keys(data, _TABLE_KEYS, where)
        sheet = self.text(data.get("sheet"), f"{where}.sheet")
        header_row = data.get("header_row", 1)
        if isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1:
            self.say(f"{where}.header_row", _("must be a whole number of at least 1"))
            header_row = 1
        table = TableMapping(sheet or "", header_row)
        if "columns" not in data:
            self.say(f"{where}.columns", _("is required"))
        for column, header in (self.obj(data.get("columns", {}), f"{where}.columns")
                               or {}).items():
            at = f"{where}.columns.{column}"
            if self.column(spec, column, at) is not None and (
                    self.text(header, at) is not None):
                table.columns[column] = str(header)
        for column, codes in (self.obj(data.get("values", {}), f"{where}.values")
                              or {}).items():
            at = f"{where}.values.{column}"
            spec_column = self.column(spec, column, at, table)
            translations = self.obj(codes, at)
            if spec_column is not None and translations is not None:
                table.values[column] = self.codes(spec_column, translations, at)
        for column, factor in (self.obj(data.get("scale", {}), f"{where}.scale")
                               or {}).items():
            at = f"{where}.scale.{column}"
            spec_column = self.column(spec, column, at, table)
            if isinstance(factor, bool) or not isinstance(factor, (int, float)):
                self.say(at, _("must be a number"))
            elif not (math.isfinite(factor) and factor > 0):
                self.say(at, _("must be a number greater than zero"))
            elif spec_column is not None and spec_column.type not in SCALED_TYPES:
                self.say(at, _("{column} is not a number column; only numbers and shares "
                               "are scaled").format(column=column))
            elif spec_column is not None:
                table.scale[column] = float(factor)
        return table if sheet is not None else None

    def column(self, spec: Sheet, column: str, where: str,
               table: TableMapping | None = None) -> Column | None:
        """The template column, or None having said why; with ``table``, a column that
        must have a source column (codes or a factor are given for it)."""
        try:
            found = spec.column(column)
        except KeyError:
            self.say(where, _("not a column of {table} ({columns})").format(
                table=spec.name, columns=", ".join(spec.column_names)))
            return None
        if table is not None and column not in table.columns:
            self.say(where, _("{column} has no source column in the mapping; name one "
                              "under columns").format(column=column))
            return None
        return found

    def codes(self, column: Column, data: dict[str, object], where: str) -> dict[str, str]:
        """Code → translation, each translation read as the column reads a cell."""
        codes: dict[str, str] = {}
        seen: dict[str, str] = {}
        for code, target in data.items():
            at = f"{where}.{code}"
            if self.text(target, at) is None:
                continue
            _typed, _blank, messages = parse_column(column, [target])
            if messages and not parsing.is_warning(messages[0]):
                self.say(at, messages[0])
                continue
            key = code_key(code)
            if key in seen:
                self.say(at, _("the same code as {other} (case, width and spaces are "
                               "ignored)").format(other=seen[key]))
                continue
            seen[key] = code
            codes[code] = str(target)
        return codes

    def settings(self, value: object) -> dict[str, object]:
        data = self.obj(value, "settings") or {}
        settings: dict[str, object] = {}
        for key, setting in data.items():
            where = f"settings.{key}"
            if key not in SETTING_BY_KEY:
                self.say(where, _("not a setting ({settings})").format(
                    settings=", ".join(SETTING_BY_KEY)))
                continue
            if isinstance(setting, bool) or not isinstance(setting, (str, int, float)):
                self.say(where, _("must be a text or a number"))
                continue
            _typed, message = parse_setting(key, setting)
            if message:
                self.say(where, message)
                continue
            settings[key] = setting
        return settings


def guess_mapping(source: Path | str) -> Guess:
    """A first mapping guessed from the source's headers, for review (see
    planner.inputs.mapping_guess); never applied by itself."""
    from planner.inputs.mapping_guess import guess_mapping as guess

    return guess(Path(source))


# ---------------------------------------------------------------- applying a mapping


def apply_mapping(source: Path | str, mapping: Mapping, tables: Collection[str] | None = None,
                  *, into: Project | None = None) -> Project:
    """The project the mapping makes of ``source`` (a workbook, a folder of CSV files or
    one CSV file), checked as a template workbook is.

    ``tables``: only these (default: every table the mapping maps); the others are
    ``into``'s (the monthly refresh of Stock and Orders into last month's project) or
    empty. Settings are ``into``'s unless "Settings" is among the tables; a new project
    without them gets the defaults and today as its as-of date, with a warning.
    Raises InputError listing every problem, located in the source's sheets and cells
    (the mapping's own gaps, a header not found, a code without a translation, and every
    problem the template's checks find); MappingError for a table the mapping does not
    map. The tables read keep the source's layouts (rows and column letters).
    """
    gc_was_on = gc.isenabled()
    # millions of cells, none cyclic: the collector would only walk them again and again,
    # as in validation.build_project
    gc.disable()
    try:
        return _apply(Path(source), mapping, tables, into)
    finally:
        if gc_was_on:
            gc.enable()


def _apply(source: Path, mapping: Mapping, tables: Collection[str] | None,
           into: Project | None) -> Project:
    names = mapping.imported(tables)
    read = [t for t in names if t in mapping.tables]
    problems = [Problem(t, _("{column} has no source column in the mapping").format(
                    column=c.label), column=c.name)
                for t in read for c in _sheet_spec(t).columns
                if c.required and c.name not in mapping.tables[t].columns]
    incomplete = {p.sheet for p in problems}
    book = read_source(source, {mapping.tables[t].sheet for t in read})
    problems += [Problem(sheet, message, severity="warning") for sheet, message in book.warnings]
    parsed: dict[str, tuple[pd.DataFrame, Layout]] = {}
    settings_read: Settings | None = None
    found_sheets = {t: find_sheet(book, mapping.tables[t].sheet) for t in read}
    readers = Counter(raw.name for raw in found_sheets.values() if raw is not None)
    source_sheet: dict[str, str] = {}
    for table in read:
        wanted = mapping.tables[table]
        raw = found_sheets[table]
        if raw is None:
            problems.append(_no_sheet(source, book, wanted.sheet))
            continue
        source_sheet[table] = raw.name
        found = _read_table(table, wanted, raw, own=readers[raw.name] == 1,
                            headers_only=table in incomplete)
        problems += found.problems
        if found.settings is not None:
            settings_read = found.settings
        elif found.frame is not None and found.layout is not None:
            parsed[table] = (found.frame, found.layout)
    settings, found_settings = _settings(mapping, names, settings_read, into)
    problems += found_settings
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)

    base = into if into is not None else Project.empty()
    frames = {t: parsed[t][0] if t in parsed else base.tables[t] for t in TABLES}
    layouts = {t: parsed[t][1] for t in parsed} | {
        t: layout for t, layout in base.layouts.items() if t not in parsed}
    ids = ItemIds(frames["Items"], frames["BOM"])
    if "BOM" in parsed:
        frames["BOM"] = ids.bom_with_item_strings(frames["BOM"])
    project = Project(frames, settings, layouts)
    kept = KeptChecks()
    kept.ids = ids
    problems += [replace(p, sheet=source_sheet[p.sheet]) if p.sheet in parsed else p
                 for p in check_project(project, kept=kept)]
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    project.warnings = problems
    return project


def _no_sheet(source: Path, book: RawBook, sheet: str) -> Problem:
    """The problem of a sheet the mapping names and the source lacks."""
    names = [n for n in book.sheets] if not source.is_dir() else [
        p.stem for p in sorted(source.iterdir()) if p.suffix.lower() == ".csv"]
    if source.is_dir():
        return Problem(book.source, _("no file {sheet}.csv in the folder (its CSV files: "
                                      "{files})").format(sheet=sheet.removesuffix(".csv"),
                                                         files=", ".join(names) or "-"))
    return Problem(book.source, _("no sheet {sheet} (its sheets: {sheets})").format(
        sheet=sheet, sheets=", ".join(names) or "-"))


def _settings(mapping: Mapping, names: list[str], read: Settings | None,
              into: Project | None) -> tuple[Settings, list[Problem]]:
    """The project's settings: the source's Settings sheet and the mapping's settings
    when Settings is imported, else ``into``'s, else the defaults."""
    if "Settings" not in names:
        if into is not None:
            return into.settings, []
        return Settings(), [Problem("Settings", _(
            "the mapping gives no settings; the defaults are used, with today as the as-of "
            "date"), severity="warning")]
    problems: list[Problem] = []
    settings = read if read is not None else Settings()
    given = {key: parse_setting(key, value)[0] for key, value in mapping.settings.items()}
    settings = settings.with_changes(**given)
    if read is None and "as_of_date" not in given:
        problems.append(Problem("Settings", _("{setting} is not set; using today").format(
            setting=setting_label("as_of_date")), severity="warning"))
    return settings, problems


@dataclass
class _Table:
    problems: list[Problem]
    frame: pd.DataFrame | None = None
    layout: Layout | None = None
    settings: Settings | None = None


def _read_table(table: str, wanted: TableMapping, raw: RawSheet, own: bool,
                headers_only: bool = False) -> _Table:
    """One template table from its source sheet, located in the source (see the module
    docstring for how). ``own``: no other table reads the sheet, so that its rows may be
    changed in place (copying 100,000 rows took a tenth of the import); ``headers_only``:
    only the problems of the header row."""
    spec = _sheet_spec(table)
    header_row = wanted.header_row
    h = header_row - raw.first_row
    rows = raw.rows
    if not 0 <= h < len(rows) or all(map(parsing.is_blank, rows[h])):
        return _Table([Problem(raw.name, _(
            "row {row}, the header row the mapping gives, is empty").format(row=header_row),
            str(header_row), row=header_row)])
    positions, problems = _find_columns(raw.name, header_row, rows[h], wanted.columns)
    if problems or headers_only:
        return _Table(problems)
    width = max(len(rows[h]), max(positions.values(), default=0) + 1)
    # a source column feeding two template columns: copied to a column after the others
    extra: dict[str, int] = {}
    fed: set[int] = set()
    for column, j in positions.items():
        if j in fed:
            extra[column] = width + len(extra)
        fed.add(j)
    body = rows[h + 1:]
    changed = [c for c in positions if c in wanted.values or c in wanted.scale]
    if changed or extra:
        need = width + len(extra)
        if not own:  # another table reads these rows too: a copy to change
            body = [r + [None] * (need - len(r)) if len(r) < need else r.copy()
                    for r in body]
        elif min(map(len, body), default=need) < need:  # a short CSV line; a wider grid
            for r in body:
                if len(r) < need:
                    r.extend([None] * (need - len(r)))
        for column, k in extra.items():
            _put(body, k, [r[positions[column]] for r in body])
    at = positions | extra  # template column -> its position in the rows parsed
    letters = {c: column_letter(j) for c, j in positions.items()}
    bad_cells: set[str] = set()
    written: dict[str, list[object]] = {}  # a scaled column as the source has it
    for column in changed:
        j = at[column]
        values = [r[j] for r in body]
        if column in wanted.values:
            values, found = _translate(values, wanted.values[column], spec.column(column),
                                       raw.name, letters[column], header_row)
            problems += found
            bad_cells.update(p.cell for p in found)
        if column in wanted.scale:
            written[column] = values
            values = _scaled(values, wanted.scale[column])
        _put(body, j, values)
    header: list[object] = [None] * (width + len(extra))
    for column, j in at.items():
        header[j] = column
    notes = {(r, j): note for (r, c), note in raw.notes.items() if r > header_row
             for column, j in at.items() if positions[column] == c}
    sub = RawSheet(raw.name, [header, *body], first_row=header_row, notes=notes)
    # what the parser says of the header's blanked cells (an unnamed column) is no concern
    letter_of = {column_letter(j): letters[c] for c, j in at.items()}
    ignored = {f"{column_letter(j)}{header_row}" for j in range(width + 64)
               if column_letter(j) not in letter_of}

    def located(found: list[Problem]) -> Iterator[Problem]:
        for p in found:
            if p.cell in ignored or (p.cell in bad_cells and p.column in wanted.values):
                continue
            cell, message = p.cell, p.message
            if cell:
                letter = cell.rstrip("0123456789")
                cell = letter_of.get(letter, letter) + cell[len(letter):]
            if p.column in wanted.scale and p.row is not None and p.row > header_row:
                value = written[p.column][p.row - header_row - 1]
                message = _("{problem} (in the source: {value}, times {factor})").format(
                    problem=message, value=parsing.shown(value),
                    factor=f"{wanted.scale[p.column]:g}")
            yield replace(p, sheet=raw.name, cell=cell, message=message)
    if spec.name == "Settings":
        settings, found = parse_settings(sub)
        return _Table(problems + list(located(found)), settings=settings)
    frame, layout, found = parse_sheet(spec, sub)
    layout.letters = dict(letters)
    return _Table(problems + list(located(found)), frame, layout)


def _find_columns(sheet: str, header_row: int, header: list[object],
                  columns: dict[str, str]) -> tuple[dict[str, int], list[Problem]]:
    """The position of each mapped source column in the header row: the header as
    written, else with case, width and spaces folded; a problem for one not found or
    named twice."""
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    for j, cell in enumerate(header):
        if parsing.is_blank(cell):
            continue
        exact.setdefault(str(cell).strip(), []).append(j)
        folded.setdefault(fold(cell), []).append(j)
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for column, name in columns.items():
        found = exact.get(name.strip()) or folded.get(fold(name))
        if not found:
            names = [str(v).strip() for v in header if not parsing.is_blank(v)]
            close = difflib.get_close_matches(name, names, 1, 0.6)
            message = (_("no column '{name}' (did you mean '{close}'?)").format(
                name=name, close=close[0]) if close else
                _("no column '{name}'").format(name=name))
            problems.append(Problem(sheet, message, str(header_row), row=header_row,
                                    column=column))
        elif len(found) > 1:
            problems.append(Problem(sheet, _(
                "two columns are named '{name}' ({first} and {second}); give one another "
                "name in the export").format(name=name, first=column_letter(found[0]),
                                             second=column_letter(found[1])),
                f"{column_letter(found[1])}{header_row}", row=header_row, column=column))
        else:
            positions[column] = found[0]
    return positions, problems


def _put(body: list[list[object]], j: int, values: list[object]) -> None:
    """Cell j of every row set to ``values`` (the rows are this import's copies)."""
    for row, value in zip(body, values, strict=True):
        row[j] = value


def _translate(values: list[object], codes: dict[str, str], column: Column, sheet: str,
               letter: str, header_row: int) -> tuple[list[object], list[Problem]]:
    """The column's codes translated; a blank stays blank, and a code the mapping does
    not translate is a problem at its cell (and blank for the parser).

    One pass in C numbers the distinct values; each distinct value is looked up once.
    """
    by_key = {code_key(code): target for code, target in codes.items()}
    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    numbers, uniques = pd.factorize(cells)
    targets: list[object] = []
    unknown: list[int] = []
    for k, value in enumerate(uniques.tolist()):
        if parsing.is_blank(value):
            targets.append(None)
            continue
        target = by_key.get(code_key(value))
        if target is None:
            unknown.append(k)
        targets.append(target)
    out = np.asarray([*targets, None], dtype=object)[numbers].tolist()  # -1: None, blank
    problems: list[Problem] = []
    if unknown:
        listed = list(codes)
        shown = pgettext("list separator", ", ").join(listed[:SHOWN_CODES]) + (
            ", …" if len(listed) > SHOWN_CODES else "")
        for i in np.flatnonzero(np.isin(numbers, unknown)).tolist():
            row = header_row + 1 + i
            problems.append(Problem(sheet, _(
                "{value} is not a code the mapping translates for {column} (codes it "
                "translates: {codes}); give it a meaning in the mapping").format(
                    value=parsing.printable(_code_text(values[i])), column=column.label,
                    codes=shown), f"{letter}{row}", row=row, column=column.name,
                kind="code without a translation"))
    return out, problems


def _code_text(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _scaled(values: list[object], factor: float) -> list[object]:
    """The numbers of a column times ``factor``; blanks and cells that are not numbers
    (text such as "55%" or "abc") as they were, for the parser to read or report.

    A number is the number as written times the factor, rounded once: 55 × 0.01 is 0.55,
    not 0.55000000000000004 (the decimal the cell shows, scaled exactly, as a template
    cell typed with the result reads).
    """
    numbers, blank, messages = parsing.parse_numbers(values)
    ok = ~blank & np.isfinite(numbers)
    if messages:
        ok[list(messages)] = False
    inverse = 1.0 / factor
    whole = ok & (numbers == np.floor(numbers)) & (np.abs(numbers) < 2.0**53)
    result = numbers.copy()
    if inverse.is_integer():
        result[whole] = numbers[whole] / inverse
        decimal, divide = Decimal(int(inverse)), True
    else:
        if factor.is_integer():
            result[whole] = numbers[whole] * factor
        else:
            whole[:] = False
        decimal, divide = Decimal(repr(factor)), False
    rest = np.flatnonzero(ok & ~whole)
    for i in rest.tolist():
        exact = Decimal(repr(float(numbers[i])))
        result[i] = float(exact / decimal if divide else exact * decimal)
    out: list[object] = result.tolist()
    for i in np.flatnonzero(~ok).tolist():
        out[i] = values[i]
    return out
