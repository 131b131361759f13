"""Prices in the project's currency (docs/definitions.md: currencies).

Items and Sources may give ``unit_price`` in a currency of their own (a blank ``currency``
is the project's, Settings ``currency``); the Rates sheet says how many units of the
project's currency one unit of each other currency is worth. Every value figure (country
dependence by value, spend, plan cost, shortfall value, revenue at risk) takes its prices
from here, so that it adds up one money. A project without currencies and Rates gets its
prices back unchanged, to the last bit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core.errors import InputError, Problem
from planner.core.i18n import _
from planner.inputs.project import Project


def rates(project: Project) -> dict[str, float]:
    """Units of the project's currency for one unit of each currency with a usable rate;
    the project's own currency is 1 whatever the Rates sheet says."""
    table = project.rates
    rate = table["rate"].to_numpy(dtype=float, na_value=np.nan)
    usable = table["currency"].notna().to_numpy(dtype=bool) & np.isfinite(rate) & (rate > 0)
    out = dict(zip(table["currency"][usable].tolist(), rate[usable].tolist(), strict=True))
    out[project.settings.currency] = 1.0
    return out


def currencies(project: Project, table: str) -> pd.Series:
    """The currency of each row's unit_price in ``table`` (Items or Sources): its own
    code, or the project's where it is blank."""
    codes = project.tables[table]["currency"]
    return codes.fillna(project.settings.currency).astype("string")


def _converted(project: Project, table: str) -> np.ndarray:
    """unit_price of ``table`` in the project's currency (NaN where it is blank)."""
    frame = project.tables[table]
    price = frame["unit_price"].to_numpy(dtype=float, na_value=np.nan)
    codes = frame["currency"]
    if not codes.notna().any():  # everything in the project's currency: as typed
        return price
    known = rates(project)
    factor = codes.map(known).to_numpy(dtype=float, na_value=np.nan)
    given = codes.notna().to_numpy(dtype=bool)
    missing = given & np.isnan(factor)
    if missing.any():  # validation refuses a file like this; an edit can still make one
        p = int(np.flatnonzero(missing)[0])
        code = str(codes.iloc[p])
        own = project.settings.currency
        raise InputError([Problem(
            table, _("no rate for {code}: add {code} to the Rates sheet with the number of "
                     "{own} for one {code}").format(code=code, own=own),
            project.layout(table).cell("currency", p),
            row=int(project.layout(table).rows[p]), column="currency", kind="no rate")])
    return np.where(given, price * factor, price)


def item_prices(project: Project) -> np.ndarray:
    """Items' unit_price in the project's currency, one per Items row (NaN: blank)."""
    return _converted(project, "Items")


def source_prices(project: Project) -> np.ndarray:
    """Sources' unit_price in the project's currency, one per Sources row (NaN: blank)."""
    return _converted(project, "Sources")
