"""Demand that changes month by month: the requirement profile (docs/definitions.md:
forecast and forward cover).

With a Forecast sheet, an item's own demand on a day is its forecast quantity for that
calendar month ÷ the days in the month, or its Demand rate in a month without a forecast
row. The profile holds, per item, the requirement per day in each month from the as-of
month (counted from the as-of date) to the last forecast month, exploded through the BOM
month by month, and the flat Demand-rate requirement that continues after it (the tail).

Within a month the requirement per day is constant, so the requirement summed over the
first D days and its inverse, forward days of cover, are piecewise linear: both are
worked out for all items at once from the cumulative requirement at the month bounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.inputs.requirements import explode

MAX_COVER_DAYS = 36_500.0  # beyond this, a stock is not used up: no cover figure


@dataclass(frozen=True)
class RequirementProfile:
    """Each item's requirement per day, month by month from the as-of date, then flat.

    Day 0 is the as-of date. Month i covers days ``bounds[i]`` to ``bounds[i + 1]`` (not
    included); after the last month the requirement per day is ``tail``.
    """

    item_ids: pd.Series  # one per row of daily
    months: np.ndarray  # datetime64[D]: the first day of each month
    days: np.ndarray  # int64: days counted in each month (the first from the as-of date)
    daily: np.ndarray  # float, items × months: requirement per day in that month
    tail: np.ndarray  # float, per item: requirement per day after the last month

    @property
    def bounds(self) -> np.ndarray:
        """Day on which each month starts, then the day after the last month."""
        return np.concatenate(([0], np.cumsum(self.days))).astype(float)

    def _cumulative(self) -> np.ndarray:
        """items × (months + 1): requirement summed up to each month's first day."""
        out = np.zeros((len(self.tail), len(self.days) + 1))
        np.cumsum(self.daily * self.days, axis=1, out=out[:, 1:])
        return out

    def select(self, item_ids: pd.Series | pd.Index) -> RequirementProfile:
        """The profile of these items, in this order (an unknown id has no requirement)."""
        rows = pd.Index(self.item_ids).get_indexer(pd.Index(item_ids))
        return self.take(rows)

    def take(self, rows: np.ndarray) -> RequirementProfile:
        """The profile of the items at these rows (-1: an item without requirement)."""
        known = rows >= 0
        at = np.where(known, rows, 0)
        daily = np.where(known[:, None], self.daily[at], 0.0) if len(self.tail) else \
            np.zeros((len(rows), len(self.days)))
        tail = np.where(known, self.tail[at], 0.0) if len(self.tail) else np.zeros(len(rows))
        ids = pd.Series(self.item_ids.array.take(rows, allow_fill=True), copy=False)
        return RequirementProfile(ids, self.months, self.days, daily, tail)

    def total(self, days: float | np.ndarray) -> np.ndarray:
        """Requirement summed over the first ``days`` days from the as-of date, per item
        (fractional days count their fraction; ``days`` may differ per item)."""
        d = np.broadcast_to(np.maximum(np.asarray(days, dtype=float), 0.0),
                            self.tail.shape)
        bounds = self.bounds
        cum = self._cumulative()
        month = np.searchsorted(bounds, d, side="right") - 1  # the month day d falls in
        inside = month < len(self.days)
        at = np.minimum(month, max(len(self.days) - 1, 0))
        rows = np.arange(len(self.tail))
        if len(self.days):
            within = cum[rows, at] + self.daily[rows, at] * (d - bounds[at])
        else:
            within = np.zeros(len(self.tail))
        after = cum[:, -1] + self.tail * (d - bounds[-1])
        out: np.ndarray = np.where(inside, within, after)
        return out

    def average(self, days: float | np.ndarray) -> np.ndarray:
        """Average requirement per day over the first ``days`` days (the first day's
        requirement when ``days`` is 0)."""
        d = np.asarray(days, dtype=float)
        first = self.daily[:, 0] if len(self.days) else self.tail
        with np.errstate(divide="ignore", invalid="ignore"):
            out: np.ndarray = np.where(d > 0, self.total(d) / np.where(d > 0, d, 1.0), first)
        return out

    def cover(self, stock: np.ndarray) -> np.ndarray:
        """Forward days of cover of ``stock`` per item: the fractional day on which the
        requirement summed from day 0 reaches the stock; NaN when it does not within
        36,500 days (no requirement, or too little)."""
        s = np.asarray(stock, dtype=float)
        bounds = self.bounds
        cum = self._cumulative()
        # the first month with a requirement whose end reaches the stock: a month without
        # requirement cannot use anything up (a stock of 0 lasts until demand starts)
        reached = (cum[:, 1:] >= s[:, None]) & (self.daily > 0)
        found = reached.any(axis=1)
        month = np.argmax(reached, axis=1) if len(self.days) else np.zeros(len(s), int)
        rows = np.arange(len(s))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            if len(self.days):
                rate = self.daily[rows, month]
                within = bounds[month] + (s - cum[rows, month]) / np.where(found, rate, 1.0)
            else:
                within = np.zeros(len(s))
            left = s - cum[:, -1]
            after = np.where(self.tail > 0,
                             bounds[-1] + np.maximum(left, 0.0) / self.tail, np.inf)
        out = np.where(found, within, after)
        return np.where(out <= MAX_COVER_DAYS, out, np.nan)

    def monthly(self, item_id: str) -> pd.DataFrame:
        """One item's months: month (first day), days counted, requirement per day and in
        the month (the first month from the as-of date only)."""
        rows = pd.Index(self.item_ids).get_indexer([item_id])
        per_day = self.daily[rows[0]] if rows[0] >= 0 else np.zeros(len(self.days))
        return pd.DataFrame({
            "month": self.months.astype("datetime64[s]"),
            "days": self.days,
            "per_day": per_day,
            "requirement": per_day * self.days,
        })


def months_from(as_of: dt.date, last: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """First days of the months from the as-of month to ``last`` (datetime64[M]), and the
    days counted in each (the as-of month from the as-of date)."""
    first = np.datetime64(as_of, "M")
    months = np.arange(first, last + 1, dtype="datetime64[M]")
    starts = months.astype("datetime64[D]")
    ends = (months + 1).astype("datetime64[D]")
    starts_counted = np.maximum(starts, np.datetime64(as_of, "D"))
    return starts, (ends - starts_counted).astype(np.int64)


def profiles(item_ids: pd.Series, own: np.ndarray, forecast_rows: np.ndarray,
             forecast_months: np.ndarray, forecast_quantity: np.ndarray, as_of: dt.date,
             parents: np.ndarray, children: np.ndarray, qty: np.ndarray, level: np.ndarray
             ) -> tuple[RequirementProfile, RequirementProfile]:
    """(own demand, requirement) profiles of every item.

    ``own``: each item's own daily demand from the Demand sheet. ``forecast_rows``: the
    item position of each Forecast row (-1: unknown); ``forecast_months``: its month
    (datetime64, any day in the month); ``forecast_quantity``: units in that month. Rows
    for months before the as-of month are ignored. The BOM arrays are those of
    :func:`planner.inputs.requirements.explode`.
    """
    month = np.asarray(forecast_months).astype("datetime64[M]")
    first = np.datetime64(as_of, "M")
    keep = (np.asarray(forecast_rows) >= 0) & (month >= first)
    last = month[keep].max() if keep.any() else first - 1
    starts, counted = months_from(as_of, last)
    m = len(starts)
    # own demand: the Demand rate in every month, then each forecast month's quantity
    # spread over the days of its calendar month (a month given twice: validation refuses)
    own_daily = np.repeat(own.astype(float)[:, None], m + 1, axis=1)
    if m:
        col = (month[keep] - first).astype(np.int64)
        in_month = ((month[keep] + 1).astype("datetime64[D]")
                    - month[keep].astype("datetime64[D]")).astype(float)
        own_daily[np.asarray(forecast_rows)[keep], col] = (
            np.asarray(forecast_quantity, dtype=float)[keep] / in_month)
    # the last column is the flat tail; one explosion covers all months and the tail
    with np.errstate(over="ignore", invalid="ignore"):
        req = explode(own_daily, parents, children, qty, level)
    ids = item_ids.reset_index(drop=True)
    return (RequirementProfile(ids, starts, counted, own_daily[:, :m], own_daily[:, m]),
            RequirementProfile(ids, starts, counted, req[:, :m], req[:, m]))

