"""Safety stock from a service level (docs/definitions.md), worked out by hand.

    SS = z × √(LT · σ_d² + d² · σ_LT²)

The model (horizon 90 days, target 60):

    P1 Motor, 10/day, cv 0.3 ──2────▶ M1 Copper ◀──0.5── P2 Pump: 10/day cv 0.5 and
    P1 ──1──▶ M2 Nickel                  ▲                 70/week cv 0.5 (two rows)
                                         own demand 4/day, cv 0.25

M1, service level 95%: z = 1.6448536269514722.
    d = 2 × 10 + 0.5 × (10 + 10) + 4 = 34 kg/day
    σ_d² = (2 × 0.3 × 10)² + 0.5² × ((0.5 × 10)² + (0.5 × 10)²) + (0.25 × 4)²
         = 36 + 12.5 + 1 = 49.5 (P2's two rows add as variances)
    sources S1 50% lead 20 ± 12 days, S2 50% lead 40 ± 24: LT = 30, σ_LT = 18
    SS = 1.6448536269514722 × √(30 × 49.5 + 34² × 18²) = 1.6448… × √376,029 = 1,008.644…
    On hand 700 is 20.6 days of cover, above the fastest lead time (20 days): without the
    safety stock M1 is "short"; at or below 1,008.6 kg it is "critical".
M2, service level 99% and a given safety stock of 50: the given one wins.
M3, service level 90%, a source without a lead time: no computed safety stock.
M4, service level 90%: z = 1.2815515655446004; own demand 5/day cv 0.2 (σ_d = 1), one
    source, lead 16 days, deviation blank (0): SS = z × √(16 × 1) = 5.126206…
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Sheets

import planner
from planner import cli
from planner.analysis.plan import make_plan

AS_OF = dt.date(2026, 11, 2)
Z95, Z90 = 1.6448536269514722, 1.2815515655446004
SS_M1 = Z95 * math.sqrt(30 * 49.5 + 34 ** 2 * 18 ** 2)
SS_M4 = Z90 * 4.0

SHEETS: Sheets = {
    "Items": [["item_id", "name", "kind", "unit"],
              ["P1", "Motor", "product", "pcs"], ["P2", "Pump", "product", "pcs"],
              ["M1", "Copper", "material", "kg"], ["M2", "Nickel", "material", "kg"],
              ["M3", "Cobalt", "material", "kg"], ["M4", "Tin", "material", "kg"]],
    "BOM": [["parent_id", "child_id", "qty_per"], ["P1", "M1", 2], ["P2", "M1", 0.5],
            ["P1", "M2", 1]],
    "Demand": [["item_id", "quantity", "per", "cv"], ["P1", 10, "day", 0.3],
               ["P2", 10, "day", 0.5], ["P2", 70, "week", 0.5], ["M1", 4, "day", 0.25],
               ["M3", 1, "day", None], ["M4", 5, "day", 0.2]],
    "Stock": [["item_id", "on_hand", "safety_stock", "target_days", "service_level"],
              ["M1", 700, None, None, 0.95], ["M2", 500, 50, None, 0.99],
              ["M3", 10, None, None, 0.9], ["M4", 100, None, None, 0.9]],
    "Suppliers": [["supplier_id", "name", "country"], ["S1", "Aurubis", "DE"],
                  ["S2", "Nexans", "FR"]],
    "Sources": [["item_id", "supplier_id", "share", "lead_time_days", "lead_time_sd_days"],
                ["M1", "S1", 0.5, 20, 12], ["M1", "S2", 0.5, 40, 24],
                ["M2", "S1", 1.0, 10, None],
                ["M3", "S1", 0.7, 10, None], ["M3", "S2", 0.3, None, None],
                ["M4", "S1", 1.0, 16, None]],
    "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                 ["target_days", 60], ["currency", "EUR"]],
}


@pytest.fixture
def book(make_book: Callable[..., Path]) -> Path:
    return make_book(SHEETS, "service.xlsx")


def test_safety_stock_from_a_service_level(book: Path) -> None:
    m = planner.compute(planner.load(book)).materials.set_index("item_id")
    assert m.loc["M1", "daily_use"] == pytest.approx(34)
    assert m.loc["M1", "safety_stock"] == pytest.approx(SS_M1)
    assert m.loc["M1", "safety_stock"] == pytest.approx(1_008.644, abs=1e-3)
    assert m.loc["M1", "safety_stock_basis"] == "service level"
    assert m.loc["M4", "safety_stock"] == pytest.approx(SS_M4)
    assert m.loc["M4", "safety_stock_basis"] == "service level"


def test_a_given_safety_stock_wins_and_a_missing_lead_time_is_said(book: Path) -> None:
    m = planner.compute(planner.load(book)).materials.set_index("item_id")
    assert m.loc["M2", "safety_stock"] == 50
    assert m.loc["M2", "safety_stock_basis"] == "given"
    assert m.loc["M3", "safety_stock"] == 0
    assert m.loc["M3", "safety_stock_basis"] == "no lead time"


def test_the_computed_safety_stock_sets_status_and_plan(book: Path) -> None:
    """M1: 700 kg on hand is 20.6 days, not below the fastest lead time (20): critical
    only because it is below the computed safety stock. The plan's net need is
    34 × (90 + 60) + SS − 700."""
    project = planner.load(book)
    m = planner.compute(project).materials.set_index("item_id")
    assert m.loc["M1", "days_of_cover"] == pytest.approx(700 / 34)
    assert m.loc["M1", "status"] == "critical"
    plan = make_plan(project).materials.set_index("item_id")
    assert plan.loc["M1", "safety_stock"] == pytest.approx(SS_M1)
    assert plan.loc["M1", "net_need"] == pytest.approx(34 * 150 + SS_M1 - 700)


def test_report_json_and_text_say_where_safety_stock_comes_from(
        book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(book), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by = {m["item_id"]: m for m in data["materials"]}
    assert by["M1"]["safety_stock"] == pytest.approx(SS_M1)
    assert by["M1"]["safety_stock_basis"] == "service level"
    assert by["M2"]["safety_stock_basis"] == "given"
    assert by["M3"]["safety_stock_basis"] == "no lead time"

    assert cli.main(["report", str(book)]) == 0
    text = capsys.readouterr().out
    assert "Safety stock computed from the service level for 2 material(s): M1 1,009, " \
        "M4 5." in text
    assert "No safety stock from the service level for 1 material(s) without a lead time " \
        "on every source: M3." in text


def test_without_a_service_level_nothing_is_computed(make_book: Callable[..., Path]
                                                     ) -> None:
    """cv and lead-time deviations alone change nothing: safety stock is the given one,
    0 where blank, and a blank basis."""
    sheets = {k: [list(r) for r in v] for k, v in SHEETS.items()}
    for row in sheets["Stock"][1:]:
        row[4] = None
    m = planner.compute(planner.load(make_book(sheets, "plain.xlsx"))).materials
    m = m.set_index("item_id")
    assert m["safety_stock"].tolist() == [0, 50, 0, 0]
    assert m["safety_stock_basis"].isna().tolist() == [True, False, True, True]
    assert m.loc["M1", "status"] == "short"
