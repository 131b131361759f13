"""A plan a buyer can act on (docs/definitions.md, Procurement plan): days late and "order
now", a warning where stock runs out before an order can arrive, quantities rounded to
whole units and to each source's order multiple (the MOQ kept), totals, one figure for the
materials still over a cap, and requests for quotation (`planner plan --rfq`).

Every case is a workbook written here and read back through planner.load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import write_book

import planner
from planner import cli
from planner.analysis.plan import Plan, make_plan
from planner.outputs.plan_workbook import write_plan_workbook
from planner.outputs.rfq import write_rfq_workbooks

AS_OF = dt.date(2026, 11, 2)
SOURCE_COLUMNS = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                  "capacity_per_month", "moq", "origin_country", "order_multiple"]


def book(path: Path, sources: list[list[object]], *, on_hand: float = 0.0,
         unit: str = "kg", use: float = 10.0, caps: float = 0.6,
         extra_items: list[list[object]] | None = None,
         extra_stock: list[list[object]] | None = None,
         extra_demand: list[list[object]] | None = None) -> Path:
    """A project workbook: material M (``use`` a day, ``on_hand``) bought from
    ``sources`` (rows of SOURCE_COLUMNS), horizon 90 days, target 60, company "Acme"."""
    suppliers = sorted({str(r[1]) for r in sources})
    sheets: dict[str, list[list[object]]] = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price"],
                  ["M", "Material M", "material", unit, 10], *(extra_items or [])],
        "Demand": [["item_id", "quantity", "per"], ["M", use, "day"], *(extra_demand or [])],
        "Stock": [["item_id", "on_hand"], ["M", on_hand], *(extra_stock or [])],
        "Suppliers": [["supplier_id", "name", "country"],
                      *[[s, f"Supplier {s}", "DE"] for s in suppliers]],
        "Sources": [SOURCE_COLUMNS, *sources],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                     ["target_days", 60], ["max_supplier_share", caps],
                     ["max_country_share", caps], ["currency", "EUR"], ["company", "Acme"]],
    }
    return write_book(path, sheets)


def plan_of(path: Path) -> Plan:
    return make_plan(planner.load(path), objective="cheapest")


def line(plan: Plan, supplier: str, item: str = "M") -> dict[str, object]:
    rows = plan.lines[(plan.lines["supplier_id"] == supplier) & (plan.lines["item_id"] == item)]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def sheet_rows(ws: object) -> list[dict[str, object]]:
    rows = list(ws.iter_rows(values_only=True))  # type: ignore[attr-defined]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


# --- days late, order now, stock running out before the order arrives --------------

def test_late_lines_say_by_how_many_days_and_warn_when_stock_runs_out(tmp_path: Path) -> None:
    # 300 kg on hand at 10 kg a day: below the target level (600) today, so needed by
    # 2026-11-02; the stock runs out on day 30. A (lead 30) should have been ordered 30
    # days ago and arrives the day stock runs out; B (lead 80) arrives 50 days later.
    plan = plan_of(book(tmp_path / "p.xlsx", [
        ["M", "A", 0.5, 10, 30, None, None, "AU", None],
        ["M", "B", 0.5, 12, 80, None, None, "CA", None]], on_hand=300))
    a, b = line(plan, "A"), line(plan, "B")
    assert (a["days_late"], b["days_late"]) == (30, 80)
    assert a["action"] == b["action"] == "order now"
    assert a["stock_out"] == b["stock_out"] == pd_day(30)
    assert (a["days_uncovered"], a["warning"]) == (0, "")
    assert b["arrival"] == pd_day(80) and b["days_uncovered"] == 50
    assert b["warning"] == ("Stock runs out on 2026-12-02, before this order can arrive "
                            "(days without stock: 50).")


def test_a_line_with_time_left_is_not_yet_to_order(tmp_path: Path) -> None:
    # 1,000 kg on hand: falls to the target level (600) on day 40; lead 30: order by day 10
    plan = plan_of(book(tmp_path / "p.xlsx", [
        ["M", "A", 1, 10, 30, None, None, "AU", None]], on_hand=1000, caps=1))
    a = line(plan, "A")
    assert (a["action"], a["days_late"], a["days_uncovered"], a["warning"]) == (
        "not yet", 0, 0, "")
    assert a["order_by"] == pd_day(10) and a["stock_out"] == pd_day(100)


def pd_day(days: int) -> object:
    import pandas as pd

    return pd.Timestamp(AS_OF) + pd.Timedelta(days=days)


# --- rounding ----------------------------------------------------------------------

def test_orders_are_rounded_up_to_the_sources_order_multiple_and_keep_the_moq(
        tmp_path: Path) -> None:
    # need 10 × 150 = 1,500 kg from one source: multiples of 400 give 1,600
    plan = plan_of(book(tmp_path / "a.xlsx", [
        ["M", "A", 1, 10, 30, None, None, "AU", 400]], caps=1))
    assert line(plan, "A")["quantity"] == 1600
    assert line(plan, "A")["order_multiple"] == 400
    m = plan.materials.iloc[0]
    assert m["planned"] == 1600 and m["shortfall"] == 0
    assert "order multiples" in m["reason"]
    # an MOQ of 1,700 that is not a multiple: at least the MOQ, then the next multiple
    plan = plan_of(book(tmp_path / "b.xlsx", [
        ["M", "A", 1, 10, 30, None, 1700, "AU", 400]], caps=1))
    assert line(plan, "A")["quantity"] == 2000


def test_rounding_never_goes_over_the_capacity(tmp_path: Path) -> None:
    # capacity 550 a month: 1,627 kg over 90 days; 1,500 rounded up to 700s would be 2,100,
    # so the order is rounded down to 1,400
    plan = plan_of(book(tmp_path / "p.xlsx", [
        ["M", "A", 1, 10, 30, 550, None, "AU", 700]], caps=1))
    assert line(plan, "A")["quantity"] == 1400
    assert plan.materials.iloc[0]["shortfall"] == pytest.approx(100)


def test_pieces_are_whole_and_kilograms_without_a_multiple_are_not_rounded(
        tmp_path: Path) -> None:
    # 0.104 pcs a day: need 15.6 → 16, in multiples of 5 → 20
    plan = plan_of(book(tmp_path / "pcs.xlsx", [["M", "A", 1, 10, 30, None, None, "AU", 5]],
                        unit="pcs", use=0.104, caps=1))
    assert line(plan, "A")["quantity"] == 20
    plan = plan_of(book(tmp_path / "set.xlsx", [["M", "A", 1, 10, 30, None, None, "AU", None]],
                        unit="Sets", use=0.104, caps=1))
    assert line(plan, "A")["quantity"] == 16
    plan = plan_of(book(tmp_path / "kg.xlsx", [["M", "A", 1, 10, 30, None, None, "AU", None]],
                        use=0.104, caps=1))
    assert line(plan, "A")["quantity"] == pytest.approx(15.6)


def test_a_negative_order_multiple_is_refused_at_its_cell(tmp_path: Path) -> None:
    from planner.core.errors import InputError

    path = book(tmp_path / "p.xlsx", [["M", "A", 1, 10, 30, None, None, "AU", -5]])
    with pytest.raises(InputError) as caught:
        planner.load(path)
    assert any(p.where.startswith("Sources!I2") for p in caught.value.problems), [
        str(p) for p in caught.value.problems]


# --- one figure for the materials still over a cap -----------------------------------

def test_a_material_with_nothing_to_order_still_over_a_cap_is_counted_once(
        tmp_path: Path) -> None:
    # M needs an order; N has plenty of stock and a single Chinese source: over the caps
    path = book(tmp_path / "p.xlsx", [
        ["M", "A", 0.5, 10, 30, None, None, "AU", None],
        ["M", "B", 0.5, 12, 30, None, None, "CA", None],
        ["N", "C", 1, 10, 30, None, None, "CN", None]],
        extra_items=[["N", "Material N", "material", "kg", 10]],
        extra_demand=[["N", 1, "day"]], extra_stock=[["N", 10_000]])
    plan = plan_of(path)
    n = plan.materials.set_index("item_id").loc["N"]
    assert n["planned"] == 0 and n["still_over_cap"] and not n["cap_breach"]
    assert plan.breaches["item_id"].tolist() == ["N"]
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, out)
    ws = openpyxl.load_workbook(out)["Summary"]
    figures = [r[5] for r in ws.iter_rows(values_only=True)
               if r[0] == "Materials still over a cap after the plan"]
    assert figures[0] == 1


# --- the plan workbook ---------------------------------------------------------------

def test_the_order_lines_sheet_has_days_late_warnings_and_a_total(tmp_path: Path) -> None:
    plan = plan_of(book(tmp_path / "p.xlsx", [
        ["M", "A", 0.5, 10, 30, None, None, "AU", None],
        ["M", "B", 0.5, 12, 80, None, None, "CA", None]], on_hand=300))
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, out)
    ws = openpyxl.load_workbook(out)["Order lines"]
    rows = sheet_rows(ws)
    lines = rows[:len(plan.lines)]
    by = {r["Supplier"]: r for r in lines}
    assert by["B"]["Action"] == "order now" and by["B"]["Days late"] == 80
    assert by["B"]["Days without stock"] == 50
    assert by["B"]["Warning"].startswith("Stock runs out on 2026-12-02")
    assert by["A"]["Warning"] is None
    assert all(v is None for v in rows[len(plan.lines)].values())  # a blank row
    total = rows[len(plan.lines) + 1]
    assert total["Order by"] == "Total"
    assert total["Cost"] == pytest.approx(plan.total_cost)
    assert total["Name"] == "2 order lines, 2 of them late"
    assert ws.auto_filter.ref.endswith(str(len(plan.lines) + 1))  # the total is not filtered


# --- requests for quotation ----------------------------------------------------------

def test_requests_for_quotation_one_workbook_per_supplier(tmp_path: Path) -> None:
    plan = plan_of(book(tmp_path / "p.xlsx", [
        ["M", "A", 0.5, 10, 30, None, None, "AU", None],
        ["M", "B/2", 0.5, 12, 80, None, None, "CA", 100]], on_hand=300))
    folder = tmp_path / "requests" / "november"
    paths = write_rfq_workbooks(plan, folder, date=dt.date(2026, 11, 3))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths) == [
        "RFQ A Supplier A.xlsx", "RFQ B_2 Supplier B_2.xlsx"]
    ws = openpyxl.load_workbook(folder / "RFQ B_2 Supplier B_2.xlsx")["Request for quotation"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Request for quotation"
    assert rows[1][:2] == ("From", "Acme")
    assert rows[2][:2] == ("To", "Supplier B/2 (B/2)")
    assert rows[3][0] == "Date" and rows[3][1] == dt.datetime(2026, 11, 3)
    header = rows[7]
    assert header[:7] == ("Line", "Our reference", "Item", "Name", "Quantity", "Unit",
                          "Needed by")
    data = [dict(zip(header, r, strict=True)) for r in rows[8:]]
    b = line(plan, "B/2")
    assert data == [{**dict.fromkeys(header), "Line": 1, "Our reference": "RFQ-20261103-B/2-001",
                     "Item": "M", "Name": "Material M", "Quantity": b["quantity"],
                     "Unit": "kg", "Needed by": dt.datetime(2026, 11, 2)}]
    assert b["quantity"] % 100 == 0


def test_planner_plan_rfq_writes_the_requests(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = book(tmp_path / "p.xlsx", [
        ["M", "A", 0.5, 10, 30, None, None, "AU", None],
        ["M", "B", 0.5, 12, 80, None, None, "CA", None]], on_hand=300)
    folder = tmp_path / "rfq"
    assert cli.main(["plan", str(path), "--rfq", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"wrote 2 requests for quotation to {folder}" in out
    plan = make_plan(planner.load(path))
    for supplier in ("A", "B"):
        ws = openpyxl.load_workbook(folder / f"RFQ {supplier} Supplier {supplier}.xlsx")[
            "Request for quotation"]
        rows = list(ws.iter_rows(min_row=9, values_only=True))
        assert [r[4] for r in rows] == [line(plan, supplier)["quantity"]]
        assert ws["B4"].value.date() == dt.date.today()
    # a file where the folder should be is refused
    (tmp_path / "file").write_text("x")
    assert cli.main(["plan", str(path), "--rfq", str(tmp_path / "file")]) == 2
    assert "--rfq needs a folder" in capsys.readouterr().err
