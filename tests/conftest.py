"""Shared helpers: template workbooks written from Python rows, and one small project whose
every figure is computed by hand in test_compute.py.

The model (as of 2026-11-02, horizon 90 days, caps 60% / 60%):

    P1 Motor (100/day) ──1──▶ C2 Rotor ──3, 10% scrap──▶ C1 Magnet ──0.3, 2%──▶ M1 NdPr oxide
    P2 Generator (1/day) ─2, 5%─┘   │                     (own demand     └──0.05──▶ M2 Dysprosium
    P1 ──4──▶ M3 Copper ◀──1.5──────┘                      2.4/day)
    P2 ──0.5──▶ M5 Gallium;   M4 Germanium: sourced, no demand.

C2 has two parents, C1 has its own demand, M3 is used on two levels. M1 is bought from a
trading house in Germany (S3) that sells Chinese material; M1's third source (S4) leaves
origin_country blank, so it is the supplier's country (MY).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import settings

import planner
from planner.core.errors import InputError

# property tests (test_properties.py): HYPOTHESIS_PROFILE=ci in `make test`, dev otherwise
settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Tests expect English unless they ask for Japanese (--lang ja, or an environment of their
# own): a developer's Japanese desktop must not change what `planner check` prints here.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

Rows = list[list[object]]
Sheets = dict[str, Rows]

AS_OF = dt.date(2026, 11, 2)

BASE: Sheets = {
    "Items": [
        ["item_id", "name", "kind", "unit", "unit_price", "category"],
        ["P1", "Traction motor", "product", "pcs", 1200, "motors"],
        ["P2", "Wind generator", "product", "pcs", 250000, "generators"],
        ["C1", "NdFeB magnet set", "component", "kg", None, None],
        ["C2", "Rotor", "component", "pcs", None, None],
        ["M1", "NdPr oxide", "material", "kg", 60, "rare earths"],
        ["M2", "Dysprosium metal", "material", "kg", 450, "rare earths"],
        ["M3", "Copper cathode", "material", "kg", 9, "base metals"],
        ["M4", "Germanium metal", "material", "kg", 1500, "minor metals"],
        ["M5", "Gallium metal", "material", "kg", 300, "minor metals"],
    ],
    "BOM": [
        ["parent_id", "child_id", "qty_per", "scrap_pct"],
        ["P1", "C2", 1, None],
        ["P2", "C2", 2, 5],
        ["C2", "C1", 3, 10],
        ["C1", "M1", 0.3, 2],
        ["C1", "M2", 0.05, 0],
        ["P1", "M3", 4, None],
        ["C2", "M3", 1.5, None],
        ["P2", "M5", 0.5, None],
    ],
    "Demand": [
        ["item_id", "quantity", "per"],
        ["P1", 700, "week"],
        ["P2", 365, "year"],
        ["C1", 73, "month"],
    ],
    "Stock": [
        ["item_id", "on_hand", "safety_stock", "target_days"],
        ["M1", 2000, 500, 30],
        ["M2", 100, 100, None],
        ["M3", 22126, 0, None],
        ["M4", 50, 0, None],
        ["M5", 100, 10, None],
    ],
    "Suppliers": [
        ["supplier_id", "name", "country"],
        ["S1", "Baotou Rare Earth Co.", "CN"],
        ["S2", "Dowa Metals", "JP"],
        ["S3", "Hamburg Metals Trading GmbH", "DE"],
        ["S4", "Lynas Malaysia", "MY"],
        ["S5", "Aurubis", "DE"],
        ["S6", "Codelco", "CL"],
    ],
    "Sources": [
        ["item_id", "supplier_id", "share", "unit_price", "lead_time_days", "origin_country"],
        ["M1", "S1", 0.5, 60, 45, "CN"],
        ["M1", "S3", 0.3, 70, 20, "CN"],
        ["M1", "S4", 0.2, 65, 60, None],
        ["M2", "S1", 1.0, 500, 3, None],
        ["M3", "S5", 0.6, 9, 14, None],
        ["M3", "S6", 0.4, 8.5, 30, None],
        ["M4", "S6", 1.0, 1500, 40, None],
        ["M5", "S3", 0.4, 300, 30, "CN"],
        ["M5", "S3", 0.3, 320, 30, "JP"],
        ["M5", "S2", 0.3, 310, 25, None],
    ],
    "Orders": [
        ["item_id", "supplier_id", "quantity", "due_date"],
        ["M3", "S5", 5000, AS_OF + dt.timedelta(days=10)],
        ["M3", "S6", 3000, AS_OF - dt.timedelta(days=5)],  # overdue: still counted
        ["M3", "S5", 7000, AS_OF + dt.timedelta(days=91)],  # after the horizon
        ["M3", "S5", 1000, AS_OF + dt.timedelta(days=90)],  # on the horizon's last day
    ],
    "Settings": [
        ["key", "value"],
        ["as_of_date", AS_OF],
        ["horizon_days", 90],
        ["target_days", 60],
        ["max_supplier_share", 0.6],
        ["max_country_share", 0.6],
        ["currency", "EUR"],
        ["company", "Testwerk GmbH"],
    ],
}


def write_book(path: Path, sheets: Sheets, formats: dict[str, dict[str, str]] | None = None
               ) -> Path:
    """Write ``sheets`` (sheet name -> rows, header included) as an .xlsx with openpyxl.

    ``formats`` sets number formats by cell, e.g. {"Sources": {"C2": "0%"}}.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = ws.cell(r, c, value)
                    if isinstance(value, str):
                        cell.data_type = "s"  # text, even text starting with "="
        for ref, number_format in (formats or {}).get(name, {}).items():
            ws[ref].number_format = number_format
    wb.save(path)
    return path


@pytest.fixture
def base() -> Sheets:
    """A fresh copy of the hand-computed model's rows, to change in a test."""
    return copy.deepcopy(BASE)


@pytest.fixture
def japanese() -> Iterator[None]:
    """The engine speaks Japanese for one test, English again afterwards."""
    from planner.core import i18n

    i18n.set_language("ja")
    try:
        yield
    finally:
        i18n.set_language("en")


@pytest.fixture
def make_book(tmp_path: Path) -> Callable[..., Path]:
    """make_book(sheets, name="input.xlsx", formats=None) -> path of a written workbook."""
    def make(sheets: Sheets, name: str = "input.xlsx",
             formats: dict[str, dict[str, str]] | None = None) -> Path:
        return write_book(tmp_path / name, sheets, formats)
    return make


@pytest.fixture
def load_rows(make_book: Callable[..., Path]) -> Callable[..., planner.Project]:
    """load_rows(sheets, formats=None) -> the Project read back from a written workbook."""
    def load(sheets: Sheets, formats: dict[str, dict[str, str]] | None = None
             ) -> planner.Project:
        return planner.load(make_book(sheets, formats=formats))
    return load


@pytest.fixture
def problems_of(make_book: Callable[..., Path]) -> Callable[..., list[str]]:
    """problems_of(sheets) -> every problem, as printed, of a workbook that must fail."""
    def problems(sheets: Sheets, formats: dict[str, dict[str, str]] | None = None
                 ) -> list[str]:
        with pytest.raises(InputError) as info:
            planner.load(make_book(sheets, formats=formats))
        return [str(p) for p in info.value.problems]
    return problems



@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real PostgreSQL server for this test process (tests/pg_server.py)."""
    from pg_server import PostgresServer

    server = PostgresServer(tmp_path_factory.mktemp("postgres"))
    try:
        yield server
    finally:
        server.remove()
