"""The project: the template's tables with declared dtypes, and the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from planner.core.errors import Problem, column_letter
from planner.inputs.schema import SETTINGS, SHEETS, TABLES, sheet


@dataclass(frozen=True)
class Settings:
    as_of_date: dt.date = field(default_factory=dt.date.today)
    horizon_days: float = 90.0
    target_days: float = 60.0
    max_supplier_share: float = 0.60
    max_country_share: float = 0.60
    currency: str = "USD"
    company: str = ""
    content_country: str = "CN"  # whose content in products is screened
    content_threshold: float = 0.001  # the share of it that flags a product (0.1%)
    # how much stock is worth holding (planner.analysis.stockpile)
    holding_cost_pct: float = 0.15  # a year, of the stock's value
    likelihood_supplier_stop: float = 0.05  # a year, of each supplier's stop
    likelihood_country_stop: float = 0.02  # a year, of each origin country's stop

    def with_changes(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def as_rows(self) -> list[tuple[str, object]]:
        """Key/value rows in template order, as written to a Settings sheet."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


assert [f.name for f in fields(Settings)] == [s.key for s in SETTINGS]


@dataclass
class Layout:
    """Where each row and column of a table stood in the file it came from.

    Messages about a loaded table name the cell the user typed; a table made or edited in
    the program uses the template's own layout (header on row 1, columns in order).
    """

    rows: np.ndarray  # 1-based sheet row of each table row
    letters: dict[str, str]  # column name -> column letter
    header_row: int = 1

    @classmethod
    def canonical(cls, table: str, n_rows: int) -> Layout:
        names = sheet(table).column_names
        return cls(np.arange(2, n_rows + 2), {c: column_letter(i) for i, c in enumerate(names)})

    def cell(self, column: str | None, position: int | None) -> str:
        letter = self.letters.get(column or "", "A")
        row = self.header_row if position is None else int(self.rows[position])
        return f"{letter}{row}"


@dataclass
class Project:
    """A manufacturer's data as the template defines it.

    ``tables`` maps each sheet name ("Items", "BOM", ...) to a DataFrame with exactly the
    template's columns and dtypes (schema.SHEETS); settings are typed separately.
    """

    tables: dict[str, pd.DataFrame]
    settings: Settings = field(default_factory=Settings)
    layouts: dict[str, Layout] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Tables and columns the template has and ``tables`` lacks (a project built by a
        program written for an earlier template) are added, blank."""
        for spec in SHEETS:
            if spec.name == "Settings":
                continue
            frame = self.tables.get(spec.name)
            if frame is None:
                self.tables[spec.name] = spec.empty_frame()
                continue
            missing = [c for c in spec.columns if c.name not in frame.columns]
            if missing:
                self.tables[spec.name] = frame.assign(**{
                    c.name: pd.Series([None] * len(frame), dtype=c.dtype,  # type: ignore[call-overload]
                                      index=frame.index) for c in missing})[spec.column_names]

    @classmethod
    def empty(cls, settings: Settings | None = None) -> Project:
        return cls({s.name: s.empty_frame() for s in SHEETS if s.name != "Settings"},
                   settings or Settings())

    def layout(self, table: str) -> Layout:
        frame = self.tables[table]
        layout = self.layouts.get(table)
        if layout is None or len(layout.rows) != len(frame):
            layout = Layout.canonical(table, len(frame))
        return layout

    def forget_layouts(self) -> None:
        """After an edit rows move: locate messages in the template's layout."""
        self.layouts.clear()

    def copy(self) -> Project:
        return Project({k: v.copy() for k, v in self.tables.items()}, self.settings,
                       dict(self.layouts), list(self.warnings))

    @property
    def items(self) -> pd.DataFrame:
        return self.tables["Items"]

    @property
    def bom(self) -> pd.DataFrame:
        return self.tables["BOM"]

    @property
    def demand(self) -> pd.DataFrame:
        return self.tables["Demand"]

    @property
    def stock(self) -> pd.DataFrame:
        return self.tables["Stock"]

    @property
    def suppliers(self) -> pd.DataFrame:
        return self.tables["Suppliers"]

    @property
    def sources(self) -> pd.DataFrame:
        return self.tables["Sources"]

    @property
    def orders(self) -> pd.DataFrame:
        return self.tables["Orders"]

    @property
    def forecast(self) -> pd.DataFrame:
        return self.tables["Forecast"]

    @property
    def alternates(self) -> pd.DataFrame:
        return self.tables["Alternates"]

    @property
    def rates(self) -> pd.DataFrame:
        return self.tables["Rates"]

    def equals(self, other: Project) -> bool:
        """Same data and settings (layouts and warnings aside)."""
        if self.settings != other.settings:
            return False
        for name in TABLES:
            a = self.tables[name].reset_index(drop=True)
            b = other.tables[name].reset_index(drop=True)
            if not a.equals(b):
                return False
        return True
