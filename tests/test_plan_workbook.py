"""The plan workbook read back with openpyxl (sheets, formats, frozen headers, filters,
print setup, conditional colours, the chart), texts that look like formulas staying
text, progress and cancel, and the file opened by LibreOffice headless and rendered to
PDF (CI installs libreoffice-calc-nogui and poppler-utils)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_plan import SAMPLES, project

import planner
from planner.analysis.frontier import frontier
from planner.analysis.plan import Plan, make_plan
from planner.core import formatting as fmt
from planner.outputs.plan_workbook import ExportCancelled, write_plan_workbook

SHEETS = ["Summary", "Order lines", "Days of cover", "Exposure"]
TRICKY = ["=HYPERLINK(\"http://example.com\",\"click\")", "+1", "-2", "@SUM(A1)",
          "\tTabbed", "_x0041_ stays", "bell\x07"]


@pytest.fixture(scope="module")
def sample_plan() -> Plan:
    return make_plan(planner.load(SAMPLES[0]))


@pytest.fixture(scope="module")
def book(sample_plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "plan.xlsx"
    write_plan_workbook(sample_plan, path)
    return path


def header(ws: object) -> list[object]:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]  # type: ignore[attr-defined]


def column(ws: object, name: str) -> int:
    return header(ws).index(name) + 1


def test_sheets_headers_and_rows(book: Path, sample_plan: Plan) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == SHEETS
    lines = wb["Order lines"]
    assert header(lines)[:5] == ["Order by", "Action", "Days late", "Item", "Name"]
    assert lines.max_row == len(sample_plan.lines) + 3  # a blank row, then the total
    assert wb["Days of cover"].max_row == len(sample_plan.materials) + 1
    assert wb["Exposure"].max_row == len(sample_plan.materials) + 1
    # order lines sorted by order-by date, as dates
    dates = [r[0] for r in lines.iter_rows(min_row=2, max_row=len(sample_plan.lines) + 1,
                                           values_only=True)]
    assert all(isinstance(d, dt.datetime) for d in dates) and dates == sorted(dates)


def test_formats(book: Path, sample_plan: Plan) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Order lines"]
    row = 2
    cell = ws.cell(row, column(ws, "Order by"))
    assert cell.is_date and cell.number_format.startswith("yyyy-mm-dd")
    quantity = ws.cell(row, column(ws, "Quantity"))
    unit = sample_plan.lines["unit"].iloc[0]
    assert quantity.data_type == "n"
    assert quantity.value == pytest.approx(sample_plan.lines["quantity"].iloc[0])
    assert f'"{unit}"' in quantity.number_format
    assert ws.cell(row, column(ws, "Cost")).number_format.startswith('#,##0 "EUR"')
    price = ws.cell(row, column(ws, "Unit price")).number_format
    assert price.startswith("#,##0.00") and '"EUR"' in price
    exposure = wb["Exposure"]
    share = exposure.cell(2, column(exposure, "Supplier share after"))
    assert "0.0%" in share.number_format
    heading = ws.cell(1, 1)
    assert heading.font.bold and heading.fill.fgColor.rgb.endswith("2F4858")
    assert heading.alignment.wrap_text
    # fitted widths: every column set, the name columns wider than the flags
    widths = {c: ws.column_dimensions[c].width for c in "ABCDE"}
    assert all(w and w >= 6 for w in widths.values()) and widths["E"] > widths["B"]


def test_frozen_headers_filters_and_print_setup(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for name, freeze in (("Order lines", "E2"), ("Days of cover", "C2"), ("Exposure", "C2")):
        ws = wb[name]
        assert ws.freeze_panes == freeze
        table_rows = ws.max_row - 2 if name == "Order lines" else ws.max_row  # the total
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}" \
                                     f"{table_rows}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$1"
    for ws in wb:
        if ws.page_setup.scale == 75:  # too wide for one page: see the test below
            assert ws.print_title_cols
        else:
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            # one page wide: fitToWidth absent is the schema's default, 1 (ECMA-376)
            assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_wide_tables_print_readable_with_item_and_name_on_every_page(book: Path) -> None:
    """A table too wide for one page at a readable size prints at 75% over pages across,
    the item and its name repeated on each; long names wrap instead of running on."""
    wb = openpyxl.load_workbook(book)
    for name, columns in (("Order lines", "$D:$E"), ("Exposure", "$A:$B")):
        ws = wb[name]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.scale == 75
        assert ws.print_title_cols == columns
    lines = wb["Order lines"]
    heads = [c.value for c in lines[1]]
    assert heads[3:5] == ["Item", "Name"]
    for head in ("Name", "Supplier name"):
        col = heads.index(head) + 1
        assert all(lines.cell(r, col).alignment.wrap_text for r in range(2, 5))


def test_conditional_colours_for_late_orders_and_breaches(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    late = [r.formula[0] for cf in wb["Order lines"].conditional_formatting for r in cf.rules]
    assert late[0] == "AND(ISNUMBER($C2),$C2>0)" and late[1].startswith("LEN(")
    exposure = [r.formula[0] for cf in wb["Exposure"].conditional_formatting for r in cf.rules]
    assert any(">0.600001" in f for f in exposure) and any("LEN(" in f for f in exposure)
    cover = [r.formula[0] for cf in wb["Days of cover"].conditional_formatting
             for r in cf.rules]
    assert len(cover) == 3


def test_summary_has_the_figures_and_a_native_bar_chart(book: Path,
                                                        sample_plan: Plan) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Summary"]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(t.startswith("Procurement plan") for t in texts)
    assert "Materials still over a cap after the plan" in texts
    assert any(t.startswith(str(sample_plan.breaches["name"].iloc[0])) for t in texts)
    with zipfile.ZipFile(book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = z.read(charts[0]).decode()
    assert re.search(r"<(c:)?barChart>", chart)
    assert len(re.findall(r"<(?:c:)?ser>", chart)) == 2
    assert "Summary" in chart  # its data are the Summary's cells


def tricky_project() -> planner.Project:
    """Ids and names that a spreadsheet would read as formulas or escapes."""
    p = project([("A", "AU", 10, {}), ("B", "CA", 12, {})])
    p.items.loc[0, "name"] = TRICKY[0]
    p.suppliers.loc[:, "name"] = [TRICKY[1], TRICKY[2]]
    for table, col in (("Items", "item_id"), ("Demand", "item_id"), ("Stock", "item_id"),
                       ("Sources", "item_id")):
        p.tables[table][col] = "@SUM(A1)"
    p.settings = p.settings.with_changes(company="=cmd|' /C calc'!A0 & Co")
    return p


def test_formula_like_texts_stay_text(tmp_path: Path) -> None:
    plan = make_plan(tricky_project())
    path = tmp_path / "tricky.xlsx"
    write_plan_workbook(plan, path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode(), name  # no formula anywhere
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    values = {c.value for c in cells}
    for text in (TRICKY[0], TRICKY[1], TRICKY[2], "@SUM(A1)"):
        assert text in values
        assert all(c.data_type == "s" for c in cells if c.value == text)
    lines = wb["Order lines"]
    assert lines.cell(2, column(lines, "Name")).value == TRICKY[0]


def test_texts_are_escaped_as_excel_does(tmp_path: Path) -> None:
    """A control character becomes _x0007_ and a literal "_x0041_" _x005F_x0041_: Excel
    and LibreOffice decode both back (see the LibreOffice test), openpyxl leaves them."""
    p = project([("A", "AU", 10, {})])
    p.items.loc[0, "name"] = "_x0041_ bell\x07"
    path = tmp_path / "texts.xlsx"
    write_plan_workbook(make_plan(p), path)
    ws = openpyxl.load_workbook(path)["Order lines"]
    assert ws.cell(2, column(ws, "Name")).value == "_x005F_x0041_ bell_x0007_"


def test_progress_and_cancel(tmp_path: Path, sample_plan: Plan) -> None:
    calls: list[tuple[int, int]] = []
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample_plan, path, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    path.unlink()
    with pytest.raises(ExportCancelled):
        write_plan_workbook(sample_plan, path, progress=lambda d, t: False)
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_a_cancelled_export_keeps_the_previous_workbook(
        tmp_path: Path, sample_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelled after the Summary is written: the workbook already there stays as it
    was, and the rows kept on disk while writing are gone."""
    scratch = tmp_path / "system-tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    path = out / "plan.xlsx"
    write_plan_workbook(make_plan(project([("A", "AU", 10, {})])), path)
    before = path.read_bytes()
    with pytest.raises(ExportCancelled):
        write_plan_workbook(sample_plan, path, progress=lambda d, t: False)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["plan.xlsx"]
    assert list(scratch.iterdir()) == []


def test_numbers_read_back_exactly(book: Path, sample_plan: Plan) -> None:
    ws = openpyxl.load_workbook(book)["Order lines"]
    for name in ("Quantity", "Cost", "Unit price"):
        values = [r[0] for r in ws.iter_rows(min_row=2, max_row=len(sample_plan.lines) + 1,
                                              min_col=column(ws, name),
                                              max_col=column(ws, name), values_only=True)]
        key = {"Quantity": "quantity", "Cost": "cost", "Unit price": "unit_price"}[name]
        assert values == sample_plan.lines[key].tolist()  # every bit, not 16 digits


def test_an_empty_plan_still_makes_a_workbook(tmp_path: Path) -> None:
    plan = make_plan(project([("A", "AU", 10, {})], on_hand=5000))
    path = tmp_path / "empty.xlsx"
    write_plan_workbook(plan, path)
    wb = openpyxl.load_workbook(path)
    assert wb["Order lines"].max_row == 1


def libreoffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice is needed (apt-get install libreoffice-calc-nogui)"
    return exe


def test_libreoffice_opens_and_renders_the_workbook(tmp_path: Path) -> None:
    """Calc opens the file, prints every sheet, and shows formula-like names as text."""
    plan = make_plan(tricky_project())
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path)
    profile = (tmp_path / "lo").as_uri()  # its own profile: parallel runs do not collide
    result = subprocess.run(
        [libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / "plan.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= len(SHEETS)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Procurement plan" in text and "Order by" in text
    assert '=HYPERLINK("http://example.com","click")' in text  # shown, not evaluated
    assert "@SUM(A1)" in text
    assert "Page 1 of" in text


def test_libreoffice_reads_texts_and_numbers_back(tmp_path: Path) -> None:
    """Calc converts each sheet to CSV: the names exactly as typed (formula-like, tabs,
    escapes, control characters), the quantities and costs as the plan has them."""
    p = project([("A", "AU", 10, {}), ("B", "CA", 12, {})])
    p.items.loc[0, "name"] = " | ".join(TRICKY)
    plan = make_plan(p)
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path)
    profile = (tmp_path / "lo").as_uri()
    result = subprocess.run(
        [libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,'
         'false,false,-1', "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False)
    out = tmp_path / "plan-Order lines.csv"  # -1: every sheet, each to its own file
    assert result.returncode == 0 and out.is_file(), result.stderr + result.stdout
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == ["Order by", "Action", "Days late", "Item", "Name"]
    assert len(rows) == len(plan.lines) + 3  # a blank row, then the total
    rows = rows[:len(plan.lines) + 1]
    assert {r[4] for r in rows[1:]} == {" | ".join(TRICKY)}
    cost, quantity = rows[0].index("Cost"), rows[0].index("Quantity")
    assert [float(r[cost]) for r in rows[1:]] == pytest.approx(plan.lines["cost"].tolist())
    assert [float(r[quantity]) for r in rows[1:]] == pytest.approx(
        plan.lines["quantity"].tolist())
    assert rows[1][0] == plan.lines["order_by"].iloc[0].date().isoformat()


def test_the_disruption_ranking_has_its_own_sheet(tmp_path: Path) -> None:
    from planner.analysis.scenario import rank

    p = planner.load(SAMPLES[0])
    ranking = rank(p)
    path = tmp_path / "with-ranking.xlsx"
    write_plan_workbook(make_plan(p), path, ranking=ranking)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [*SHEETS, "Disruption risk"]
    ws = wb["Disruption risk"]
    assert ws.freeze_panes == "D2" and ws.auto_filter.ref
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(ranking.stops)
    first = dict(zip(header(ws), rows[0], strict=True))
    top = ranking.stops.iloc[0]
    assert (first["Stop"], first["Who"]) == (top["by"], top["key"])
    assert first["Revenue at risk"] == pytest.approx(top["revenue_at_risk"])
    assert first["Risk exposure index"] == pytest.approx(1.0)
    assert ws.conditional_formatting  # the stops that matter are coloured


# --- figures as the window writes them ----------------------------------------------------

def shown(value: float, code: str) -> str:
    """``value`` as Excel shows it with a number format this workbook uses:
    #,##0[.00##] ["label"][_)] (a "#" decimal shows only when it is not a trailing zero)."""
    m = re.fullmatch(r'#,##0(?:\.(0*)(#*))?(?: "([^"]*)")?(?:_\))?', code)
    assert m, code
    zeros, hashes, label = len(m[1] or ""), len(m[2] or ""), m[3]
    text = f"{value:,.{zeros + hashes}f}"
    for _ in range(hashes):
        if text.endswith("0"):
            text = text[:-1]
    return f"{text.rstrip('.')} {label}" if label else text.rstrip(".")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_prices_and_quantities_read_as_on_screen(sample: Path, tmp_path: Path) -> None:
    """A unit price is fmt.price and a quantity fmt.quantity: "2.8 kg" in the workbook was
    "2.80" on screen, and "100.0 kg" stood beside "250 kg"."""
    plan = make_plan(planner.load(sample))
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path)
    wb = openpyxl.load_workbook(path)
    lines = wb["Order lines"]
    n = len(plan.lines)
    checked = 0
    for r in range(2, n + 2):
        cell = lines.cell(r, column(lines, "Unit price"))
        code, figure = fmt.price(cell.value, plan.currency).split(" ", 1)
        assert shown(cell.value, cell.number_format) == f"{figure} {code}"
        if "Order unit price" in header(lines):
            order = lines.cell(r, column(lines, "Order unit price"))
            currency = lines.cell(r, column(lines, "Order currency")).value
            assert f"{currency} {shown(order.value, order.number_format)}" == fmt.price(
                order.value, currency)
        checked += 1
    cover = wb["Days of cover"]
    for name in ("Daily use", "On hand", "Net need", "Planned"):
        for r in range(2, len(plan.materials) + 2):
            cell = cover.cell(r, column(cover, name))
            if cell.value is not None:
                unit = plan.materials["unit"].iloc[r - 2]
                assert shown(cell.value, cell.number_format) == (
                    f"{fmt.quantity(cell.value)} {unit}"), (name, cell.value)
                checked += 1
    assert checked > n


def test_small_prices_keep_their_digits(tmp_path: Path) -> None:
    """A price below 1 keeps three significant figures (0.0425 EUR, not 0.04 EUR)."""
    plan = make_plan(project([("S1", "DE", 0.0425, {}), ("S2", "FR", 0.0431, {})],
                             supplier_cap=1.0, country_cap=1.0))
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path)
    ws = openpyxl.load_workbook(path)["Order lines"]
    prices = {shown(ws.cell(r, column(ws, "Unit price")).value,
                    ws.cell(r, column(ws, "Unit price")).number_format)
              for r in range(2, len(plan.lines) + 2)}
    assert prices and prices <= {"0.0425 EUR", "0.0431 EUR"}


def test_a_price_in_yen_has_no_decimals(tmp_path: Path) -> None:
    """An order price in a currency without minor units (JPY) is written in whole yen."""
    from planner.core.xlsx import write_xlsx
    from planner.outputs.workbook_styles import Styles

    def fill(book: object) -> None:
        styles = Styles(book, "EUR")  # type: ignore[arg-type]
        ws = book.sheet("S")  # type: ignore[attr-defined]
        ws.write(0, 0, 3800.0, styles.price(3800.0, "JPY", False))
        ws.write(1, 0, 3800.0, styles.price(3800.0, "USD", False))
        ws.write(2, 0, 0.5, styles.price(0.5, "JPY", False))

    path = tmp_path / "p.xlsx"
    write_xlsx(path, fill)
    ws = openpyxl.load_workbook(path)["S"]
    assert [shown(ws.cell(r, 1).value, ws.cell(r, 1).number_format) for r in (1, 2, 3)] == [
        fmt.price(3800.0, "JPY").split()[1], fmt.price(3800.0, "USD").split()[1],
        fmt.price(0.5, "JPY").split()[1]] == ["3,800", "3,800.00", "0.50"]


def test_the_total_cost_fits_its_column(tmp_path: Path) -> None:
    """The semiconductor sample's total (1,791,403 EUR, bold) showed as ### below lines
    that are all smaller."""
    semi = next(p for p in SAMPLES if p.stem == "semiconductor_equipment")
    plan = make_plan(planner.load(semi))
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path)
    ws = openpyxl.load_workbook(path)["Order lines"]
    letter = openpyxl.utils.get_column_letter(column(ws, "Cost"))
    total = ws.cell(len(plan.lines) + 3, column(ws, "Cost"))
    assert total.value == pytest.approx(plan.total_cost) and total.font.bold
    text = f"{plan.total_cost:,.0f} EUR)"  # the format keeps a bracket's width free
    assert ws.column_dimensions[letter].width >= len(text) + 1  # bold is wider


def test_the_frontiers_marks_are_padded_like_its_table(tmp_path: Path) -> None:
    """The G7 marks' costs ran into their labels ("1,748,721 EURG7 2030 goal")."""
    p = planner.load(SAMPLES[0])
    plan = make_plan(p)
    path = tmp_path / "plan.xlsx"
    table = frontier(p)
    write_plan_workbook(plan, path, frontier=table)
    ws = openpyxl.load_workbook(path)["Frontier"]
    first = len(table) + 4  # the table, an empty row, the marks' header (1-based)
    assert ws.cell(first - 1, 3).value == "Mark"
    for r in range(first, first + 4):
        assert ws.cell(r, 2).number_format.endswith("_)")
        assert ws.cell(r, 3).value.startswith("G7") and ws.cell(r, 3).alignment.indent == 1
