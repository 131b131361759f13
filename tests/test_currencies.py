"""Prices in several currencies: every value figure in the project's currency
(docs/definitions.md: currencies), worked out by hand.

The model (project currency JPY; Rates: 1 CNY = 21 JPY, 1 USD = 150 JPY; horizon 90 days,
target 60, caps 60% / 60%, no stock):

    P1 Motor, 5/day, sold at 50 USD (7,500 JPY) ──2──▶ M1 Gallium: 10 kg/day
        S1 (CN) 60% at 100 CNY (2,100 JPY), S2 (US) 40% at 20 USD (3,000 JPY)
    M2 Germanium, own demand 1 kg/day: S3 (JP) 100% at 1,000 (blank: JPY)
    M3 Indium, own demand 2 kg/day: S1 (CN) 100%, no source price: the item's 10 CNY (210 JPY)

Daily value: M1 S1 6 × 2,100 = 12,600; M1 S2 4 × 3,000 = 12,000; M2 1,000; M3 2 × 210 = 420;
in all 26,020 JPY a day. CN 13,020 (50.04%), US 12,000 (46.12%), JP 1,000 (3.84%).
Added up as typed (100, 20, 1,000, 10) the US would come first: 80 against 620 + 20.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import BASE, Sheets

import planner
from planner import cli
from planner.analysis.plan import make_plan
from planner.analysis.scenario import Stop, scenario
from planner.outputs.plan_workbook import write_plan_workbook

AS_OF = dt.date(2026, 11, 2)

CURRENCIES: Sheets = {
    "Items": [
        ["item_id", "name", "kind", "unit", "unit_price", "currency"],
        ["P1", "Motor", "product", "pcs", 50, "USD"],
        ["M1", "Gallium", "material", "kg", None, None],
        ["M2", "Germanium", "material", "kg", None, None],
        ["M3", "Indium", "material", "kg", 10, "CNY"],
    ],
    "BOM": [["parent_id", "child_id", "qty_per"], ["P1", "M1", 2]],
    "Demand": [["item_id", "quantity", "per"], ["P1", 5, "day"], ["M2", 1, "day"],
               ["M3", 2, "day"]],
    "Stock": [["item_id", "on_hand"], ["M1", 0], ["M2", 0], ["M3", 0]],
    "Suppliers": [["supplier_id", "name", "country"], ["S1", "Shenzhen Trading", "CN"],
                  ["S2", "Boston Metals", "US"], ["S3", "Dowa Metals", "JP"]],
    "Sources": [
        ["item_id", "supplier_id", "share", "unit_price", "lead_time_days", "currency"],
        ["M1", "S1", 0.6, 100, 30, "CNY"],
        ["M1", "S2", 0.4, 20, 30, "USD"],
        ["M2", "S3", 1.0, 1000, 10, None],
        ["M3", "S1", 1.0, None, 20, None],
    ],
    "Rates": [["currency", "rate"], ["CNY", 21], ["USD", 150]],
    "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                 ["target_days", 60], ["max_supplier_share", 0.6], ["max_country_share", 0.6],
                 ["currency", "JPY"]],
}
TOTAL = 26_020.0


@pytest.fixture
def book(make_book: Callable[..., Path]) -> Path:
    return make_book(copy.deepcopy(CURRENCIES), "currencies.xlsx")


def test_dependence_by_value_adds_one_money(book: Path) -> None:
    report = planner.compute(planner.load(book))
    value = report.sources.set_index(["item_id", "supplier_id"])["daily_value"]
    assert value[("M1", "S1")] == pytest.approx(12_600)  # 6 kg × 100 CNY × 21
    assert value[("M1", "S2")] == pytest.approx(12_000)  # 4 kg × 20 USD × 150
    assert value[("M2", "S3")] == pytest.approx(1_000)  # blank currency: JPY
    assert value[("M3", "S1")] == pytest.approx(420)  # the item's 10 CNY × 21 × 2 kg
    dep = report.country_dependence
    assert list(dep.index) == ["CN", "US", "JP"]
    assert dep["CN"] == pytest.approx(13_020 / TOTAL)
    assert dep["US"] == pytest.approx(12_000 / TOTAL)
    assert dep["JP"] == pytest.approx(1_000 / TOTAL)


def test_plan_cost_in_the_project_currency(book: Path) -> None:
    """M1 needs 10 × 150 = 1,500 kg: the cheaper source in yen (S1, 2,100 against 3,000)
    gets the cap, 900 kg, S2 the other 600 kg. Typed prices (100 against 20) would turn
    that round."""
    plan = make_plan(planner.load(book))
    lines = plan.lines.set_index(["item_id", "supplier_id"])
    assert lines.loc[("M1", "S1"), "quantity"] == pytest.approx(900)
    assert lines.loc[("M1", "S2"), "quantity"] == pytest.approx(600)
    assert lines.loc[("M1", "S1"), "unit_price"] == pytest.approx(2_100)
    assert lines.loc[("M1", "S1"), "cost"] == pytest.approx(1_890_000)
    assert lines.loc[("M1", "S2"), "unit_price"] == pytest.approx(3_000)
    assert lines.loc[("M1", "S2"), "cost"] == pytest.approx(1_800_000)
    assert lines.loc[("M2", "S3"), "cost"] == pytest.approx(150_000)  # 150 kg × 1,000
    assert lines.loc[("M3", "S1"), "cost"] == pytest.approx(63_000)  # 300 kg × 210
    # what the buyer orders in: the source's price and currency, else the item's
    assert lines.loc[("M1", "S1"), "order_currency"] == "CNY"
    assert lines.loc[("M1", "S1"), "order_unit_price"] == pytest.approx(100)
    assert lines.loc[("M1", "S2"), "order_currency"] == "USD"
    assert lines.loc[("M1", "S2"), "order_unit_price"] == pytest.approx(20)
    assert lines.loc[("M2", "S3"), "order_currency"] == "JPY"
    assert lines.loc[("M3", "S1"), "order_currency"] == "CNY"
    assert lines.loc[("M3", "S1"), "order_unit_price"] == pytest.approx(10)
    assert plan.total_cost == pytest.approx(3_903_000)
    countries = plan.countries.set_index("origin_country")
    assert countries.loc["CN", "cost"] == pytest.approx(1_953_000)  # 1,890,000 + 63,000
    assert countries.loc["US", "cost"] == pytest.approx(1_800_000)


def test_plan_json_and_workbook_keep_the_order_currency(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plan", str(book), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "JPY"
    assert data["total_cost"] == pytest.approx(3_903_000)
    by = {(r["item_id"], r["supplier_id"]): r for r in data["lines"]}
    assert by[("M1", "S2")]["unit_price"] == pytest.approx(3_000)
    assert by[("M1", "S2")]["order_currency"] == "USD"
    assert by[("M1", "S2")]["order_unit_price"] == pytest.approx(20)

    path = tmp_path / "plan.xlsx"
    write_plan_workbook(make_plan(planner.load(book)), path)
    ws = openpyxl.load_workbook(path)["Order lines"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in ws.iter_rows(min_row=2)]
    got = {(r["Item"], r["Supplier"]): (r["Unit price"], r["Order currency"],
                                        r["Order unit price"]) for r in rows}
    assert got[("M1", "S1")] == (pytest.approx(2_100), "CNY", pytest.approx(100))
    assert got[("M1", "S2")] == (pytest.approx(3_000), "USD", pytest.approx(20))
    assert got[("M2", "S3")] == (pytest.approx(1_000), "JPY", pytest.approx(1_000))
    price = header.index("Unit price") + 1
    # yen have no minor unit: a yen price is written without decimals (fmt.price_decimals)
    assert ws.cell(2, price).number_format.startswith('#,##0 "JPY"')
    assert '"' not in ws.cell(2, header.index("Order unit price") + 1).number_format


def test_item_price_in_another_currency_in_revenue_at_risk(book: Path) -> None:
    """China stopped for 10 days: M3 (all Chinese, no stock) runs out at once; P1 loses
    what M1 lacks. Each unit of P1 lost is 50 USD = 7,500 JPY; each kg of M1 short is
    worth its average purchase price, 24,600 / 10 = 2,460 JPY; of M3, 210 JPY."""
    project = planner.load(book)
    result = scenario(project, Stop("country", "CN", 10))
    products = result.products.set_index("item_id")
    assert products.loc["P1", "unit_price"] == pytest.approx(7_500)
    units = products.loc["P1", "units_lost"]
    assert units > 0
    assert products.loc["P1", "revenue_at_risk"] == pytest.approx(units * 7_500)
    materials = result.materials.set_index("item_id")
    assert materials.loc["M1", "shortfall_value"] == pytest.approx(
        materials.loc["M1", "shortfall"] * 2_460)
    assert materials.loc["M3", "shortfall"] == pytest.approx(20)  # 2 kg/day for 10 days
    assert materials.loc["M3", "shortfall_value"] == pytest.approx(20 * 210)


def test_a_project_without_currencies_keeps_its_figures(make_book: Callable[..., Path]
                                                         ) -> None:
    """A Rates sheet nothing uses, and currencies equal to the project's (EUR), change
    no figure: the same bits as blank currencies."""
    plain = planner.load(make_book(copy.deepcopy(BASE), "plain.xlsx"))
    sheets = copy.deepcopy(BASE)
    sheets["Rates"] = [["currency", "rate"], ["USD", 0.9], ["CNY", 0.13]]
    sheets["Items"][0].append("currency")
    for row in sheets["Items"][1:]:
        row.append("EUR")
    sheets["Sources"][0].append("currency")
    for row in sheets["Sources"][1:]:
        row.append("EUR")
    marked = planner.load(make_book(sheets, "marked.xlsx"))
    a, b = planner.compute(plain), planner.compute(marked)
    assert a.country_dependence.equals(b.country_dependence)
    assert a.sources["daily_value"].equals(b.sources["daily_value"])
    assert make_plan(plain).total_cost == make_plan(marked).total_cost
    rev_a = scenario(plain, Stop("country", "CN", 30)).revenue_at_risk
    assert rev_a == scenario(marked, Stop("country", "CN", 30)).revenue_at_risk
    assert rev_a > 0
