"""The import template as data: sheets, columns, their types and rules.

This table is the single source of truth for reading workbooks and CSV files, validating
them, storing them in a project file and writing them back out. docs/template.md describes the
same template for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

ColumnType = Literal["id", "text", "kind", "per", "number", "share", "date", "country",
                     "month", "currency"]
Rule = Literal["any", "nonneg", "positive"]

STRING = pd.StringDtype()
FLOAT = "float64"
DATE = "datetime64[s]"

KINDS = ("product", "component", "material")
PERIODS = ("day", "week", "month", "year")
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.0 / 12.0, "year": 365.0}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    rule: Rule = "any"
    note: str = ""  # shown in the template's header comment
    since: int = 1  # the project file format that first stores it (planner.inputs.storage)

    @property
    def dtype(self) -> object:
        if self.type in ("number", "share"):
            return FLOAT
        if self.type in ("date", "month"):
            return DATE
        return STRING


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    since: int = 1  # the project file format that first stores it

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def empty_frame(self) -> pd.DataFrame:
        return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in self.columns})


SHEETS: tuple[Sheet, ...] = (
    Sheet("Items", (
        Column("item_id", "id", True),
        Column("name", "text", True),
        Column("kind", "kind", True, note="product, component or material"),
        Column("unit", "text", True),
        Column("unit_price", "number", rule="nonneg", note="products: selling price"),
        Column("category", "text"),
        Column("currency", "currency", note="of unit_price, ISO 4217; blank: the project's",
               since=2),
    )),
    Sheet("BOM", (
        Column("parent_id", "id", True),
        Column("child_id", "id", True),
        Column("qty_per", "number", True, "positive"),
        Column("scrap_pct", "number", rule="nonneg"),
    ), required=False),
    Sheet("Demand", (
        Column("item_id", "id", True),
        Column("quantity", "number", True, "nonneg"),
        Column("per", "per", True, note="day, week, month or year"),
        Column("cv", "number", rule="nonneg",
               note="coefficient of variation of daily demand, e.g. 0.3", since=2),
    )),
    Sheet("Forecast", (
        Column("item_id", "id", True),
        Column("month", "month", True, note="2027-01, or a date in the month"),
        Column("quantity", "number", True, "nonneg", note="units in that calendar month"),
    ), required=False, since=2),
    Sheet("Stock", (
        Column("item_id", "id", True),
        Column("on_hand", "number", True, "nonneg"),
        Column("safety_stock", "number", rule="nonneg"),
        Column("target_days", "number", rule="nonneg"),
        Column("service_level", "share", since=2,
               note="e.g. 95%: safety stock from demand variation when blank"),
    )),
    Sheet("Suppliers", (
        Column("supplier_id", "id", True),
        Column("name", "text", True),
        Column("country", "country", True, note="ISO 3166 alpha-2, e.g. CN"),
    )),
    Sheet("Sources", (
        Column("item_id", "id", True),
        Column("supplier_id", "id", True),
        Column("share", "share", True, note="0.55 or 55%"),
        Column("unit_price", "number", rule="nonneg"),
        Column("lead_time_days", "number", rule="nonneg"),
        Column("capacity_per_month", "number", rule="nonneg"),
        Column("moq", "number", rule="nonneg"),
        Column("origin_country", "country", note="blank: the supplier's country"),
        Column("time_to_recover_days", "number", rule="nonneg", note="blank: the stop's length"),
        Column("currency", "currency", note="of unit_price, ISO 4217; blank: the project's",
               since=2),
        Column("lead_time_sd_days", "number", rule="nonneg",
               note="standard deviation of the lead time", since=2),
        Column("order_multiple", "number", rule="nonneg",
               note="order in multiples of this quantity", since=2),
    )),
    Sheet("Orders", (
        Column("item_id", "id", True),
        Column("supplier_id", "id", True),
        Column("quantity", "number", True, "positive"),
        Column("due_date", "date", True),
    ), required=False),
    Sheet("Rates", (
        Column("currency", "currency", True, note="ISO 4217, e.g. CNY"),
        Column("rate", "number", True, "positive",
               note="units of the project's currency for one unit of this one"),
    ), required=False, since=2),
    Sheet("Settings", (
        Column("key", "text", True),
        Column("value", "text"),  # blank: the default
    ), required=False),
)

def normalise(header: object) -> str:
    """Header or sheet name as a canonical key: case, spaces and punctuation folded.

    "Scrap %" -> "scrap_pct", "Item ID" -> "item_id", " qty-per " -> "qty_per".
    """
    text = str(header).strip().lower().replace("%", " pct ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


SHEET_BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}
TABLES: tuple[str, ...] = tuple(s.name for s in SHEETS if s.name != "Settings")


def sheet(name: str) -> Sheet:
    return SHEET_BY_KEY[normalise(name)]


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    type: Literal["date", "number", "share", "text"]
    default: object
    rule: Rule = "any"


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("as_of_date", "date", None),  # None: today
    SettingSpec("horizon_days", "number", 90.0, "positive"),
    SettingSpec("target_days", "number", 60.0, "nonneg"),
    SettingSpec("max_supplier_share", "share", 0.60),
    SettingSpec("max_country_share", "share", 0.60),
    SettingSpec("currency", "text", "USD"),
    SettingSpec("company", "text", ""),
)
SETTING_BY_KEY: dict[str, SettingSpec] = {s.key: s for s in SETTINGS}
