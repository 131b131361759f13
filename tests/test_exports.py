"""No export puts a live formula in front of anyone (OWASP, CSV/formula injection).

A project whose every text (ids, names, units, categories, supplier names, currency,
company) starts like a formula (=, +, -, @, tab, CR, LF) is written by every exporter:

- workbooks (the template, the procurement plan, the requests for quotation): no sheet
  part holds an <f> element, so no cell is a formula; the texts are carried as inline or
  shared strings, and read back as text (openpyxl data_type "s") and unchanged (calamine);
- CSV folders: every field that would start like a formula starts with an apostrophe
  instead, and planner reads the texts back unchanged (leading blanks aside: an import
  strips them, so a "\\t=1" comes back as "=1", still text).

test_every_writer_is_covered fails when a new module writes workbooks or CSV files, so
that it is added here.
"""

from __future__ import annotations

import copy
import csv
import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import BASE

import planner
from planner.inputs.project import Project
from planner.inputs.reading import FORMULA_START
from planner.inputs.template import write_csv_folder, write_workbook

PLANNER = Path(planner.__file__).resolve().parent
HOSTILE = ["=1+2", '=HYPERLINK("http://example.com/x","Click")', "+1+2", "-1+2",
           "@SUM(A1:A9)", "\t=1+2", "\r=1+2", "\n=1+2", "=cmd|' /C calc'!A0",
           "'=already quoted", "-40 °C grade", "=A1_x0041_", "+49\x0b30"]
# ids with line breaks or control characters are refused or warned about when read
# (tests/test_hardening_ids.py): ids take the printable ones
HOSTILE_IDS = [h for h in HOSTILE if h.isprintable()]
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@pytest.fixture
def hostile(load_rows: Callable[..., Project]) -> Project:
    """The hand-computed model with every text, ids included, starting like a formula."""
    project = load_rows(copy.deepcopy(BASE)).copy()
    ids = {}
    for i, item in enumerate(project.items["item_id"]):
        ids[item] = f"{HOSTILE_IDS[i % len(HOSTILE_IDS)]} {item}"
    suppliers = {s: f"{HOSTILE_IDS[-1 - i % len(HOSTILE_IDS)]} {s}"
                 for i, s in enumerate(project.suppliers["supplier_id"])}
    for table, frame in project.tables.items():
        for column in frame.columns:
            if column in ("item_id", "parent_id", "child_id"):
                frame[column] = frame[column].map(ids.get).astype(frame[column].dtype)
            elif column == "supplier_id":
                frame[column] = frame[column].map(suppliers.get).astype(frame[column].dtype)
            elif column in ("name", "unit", "category"):
                frame[column] = pd.Series(
                    [HOSTILE[(i + len(column)) % len(HOSTILE)] + f" {table}"
                     for i in range(len(frame))], dtype=frame[column].dtype)
    project.settings = project.settings.with_changes(currency="=EUR", company="@Testwerk")
    project.forget_layouts()
    return project


def texts_of(project: Project) -> set[str]:
    out = {project.settings.currency, project.settings.company}
    for frame in project.tables.values():
        for column in frame.columns:
            if frame[column].dtype == "string":
                out |= {v for v in frame[column].dropna()}
    return out


def _unescape(text: str) -> str:
    """A workbook's text as Excel shows it: entities and _xHHHH_ escapes decoded."""
    text = html.unescape(text)
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), text)


def cell_texts(path: Path) -> tuple[set[str], list[str]]:
    """(the texts of every string cell, the sheet parts holding an <f> element)."""
    with zipfile.ZipFile(path) as z:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            xml = z.read("xl/sharedStrings.xml").decode()
            shared = [_unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
                      for si in re.findall(r"<si>(.*?)</si>", xml, re.S)]
        texts: set[str] = set()
        formulas = []
        for name in z.namelist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            xml = z.read(name)
            if FORMULA.search(xml):
                formulas.append(name)
            for attributes, body in re.findall(rb"<c\b([^>]*?)(?<!/)>(.*?)</c>", xml, re.S):
                kind = re.search(rb'\st="(\w+)"', attributes)
                if kind is None:
                    continue
                if kind[1] == b"inlineStr":
                    runs = re.findall(rb"<t[^>]*>(.*?)</t>", body, re.S)
                    texts.add(_unescape(b"".join(runs).decode()))
                elif kind[1] == b"s":
                    texts.add(shared[int(re.search(rb"<v>(\d+)</v>", body)[1])])
    return texts, formulas


def assert_no_formula_and_texts_carried(path: Path, expected: set[str]) -> None:
    texts, formulas = cell_texts(path)
    assert formulas == []
    missing = expected - texts
    assert not missing, sorted(missing)
    wb = openpyxl.load_workbook(path)  # as another program reads it
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
    wb.close()


def test_the_template_workbook(hostile: Project, tmp_path: Path) -> None:
    write_workbook(hostile, tmp_path / "out.xlsx")
    assert_no_formula_and_texts_carried(tmp_path / "out.xlsx", texts_of(hostile))
    back = planner.load(tmp_path / "out.xlsx")
    assert texts_of(back) == {t.strip() for t in texts_of(hostile)}


def test_the_csv_folder(hostile: Project, tmp_path: Path) -> None:
    write_csv_folder(hostile, tmp_path / "csv")
    guarded: set[str] = set()
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(newline="", encoding="utf-8-sig") as f:
            for row in csv.reader(f):
                for field in row:
                    assert not field.startswith(FORMULA_START), (path.name, field)
                    if field.startswith("'"):
                        guarded.add(field[1:])
    assert {t for t in texts_of(hostile) if t.startswith(FORMULA_START)} <= guarded
    back = planner.load(tmp_path / "csv")
    assert texts_of(back) == {t.strip() for t in texts_of(hostile)}
    assert back.settings == hostile.settings


def _plan_workbook(project: Project, path: Path) -> set[str]:
    """Write the procurement plan (with its disruption sheet); the texts it must carry."""
    from planner.analysis.plan import make_plan
    from planner.analysis.scenario import rank
    from planner.outputs.plan_workbook import write_plan_workbook

    plan = make_plan(project)
    write_plan_workbook(plan, path, ranking=rank(project))
    materials = project.items[project.items["kind"] == "material"]
    return set(materials["name"]) | set(project.suppliers["name"])


def test_the_procurement_plan_workbook(hostile: Project, tmp_path: Path) -> None:
    # every material (cover, exposure) and supplier (disruption risk) is listed by name
    expected = _plan_workbook(hostile, tmp_path / "plan.xlsx")
    assert_no_formula_and_texts_carried(tmp_path / "plan.xlsx", expected)


def test_the_requests_for_quotation(hostile: Project, tmp_path: Path) -> None:
    # every line's item, name and unit, each supplier and the company stay text
    from planner.analysis.plan import make_plan
    from planner.outputs.rfq import write_rfq_workbooks

    plan = make_plan(hostile)
    paths = write_rfq_workbooks(plan, tmp_path / "rfq")
    assert len(paths) == plan.lines["supplier_id"].nunique() > 1
    carried: set[str] = set()
    for path in paths:
        assert_no_formula_and_texts_carried(path, {hostile.settings.company})
        carried |= cell_texts(path)[0]
    lines = plan.lines
    suppliers = {f"{name} ({supplier})" for supplier, name
                 in zip(lines["supplier_id"], lines["supplier_name"], strict=True)}
    expected = {*lines["item_id"], *lines["name"], *lines["unit"], *suppliers}
    assert not expected - carried, sorted(expected - carried)


def test_the_blank_template(tmp_path: Path) -> None:
    # no user text goes in, but its examples, notes and lists must stay text, never formulas
    from planner.inputs.blank_template import write_blank_template
    from planner.inputs.schema import SHEETS

    write_blank_template(tmp_path / "blank.xlsx")
    expected = {c.name for spec in SHEETS for c in spec.columns}
    assert_no_formula_and_texts_carried(tmp_path / "blank.xlsx", expected)


# the writers the tests above exercise; xlsx is the layer the workbooks are written with
COVERED = {"template", "plan_workbook", "workbook_styles", "rfq", "blank_template", "xlsx"}
WRITES = re.compile(r"^\s*(from|import) (openpyxl|xlsxwriter)\b|planner\.core\.xlsx\b|"
                    r"csv\.writer\(", re.M)


def test_every_writer_is_covered() -> None:
    """A module that writes workbooks (through planner.core.xlsx, XlsxWriter or openpyxl)
    or CSV files (csv.writer) must be tested above; add it to COVERED with a test. Only
    planner.core.xlsx uses XlsxWriter itself."""
    modules = {p: p.read_text(encoding="utf-8") for p in PLANNER.rglob("*.py")}
    writers = {p.stem for p, text in modules.items() if WRITES.search(text)}
    assert {"template", "plan_workbook"} <= writers  # the scan finds the known ones
    assert writers <= COVERED, sorted(writers - COVERED)
    direct = {p.relative_to(PLANNER).as_posix() for p, text in modules.items()
              if re.search(r"^\s*(from|import) xlsxwriter\b", text, re.M)}
    assert direct == {"core/xlsx.py"}
