"""The sample projects' calendar: the as-of date they are written for, and dates and
months counted from it (used by ev_motors_wind_data.py and semiconductor_data.py)."""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2026, 11, 2)


def day(offset: int) -> dt.date:
    """A date `offset` days after the as-of date."""
    return AS_OF + dt.timedelta(days=offset)


def months(first: dt.date, quantities: list[float]) -> list[tuple[dt.date, float]]:
    """(first day of the month, quantity) for consecutive months from ``first``."""
    out = []
    for k, quantity in enumerate(quantities):
        year, month = divmod(first.month - 1 + k, 12)
        out.append((dt.date(first.year + year, month + 1, 1), quantity))
    return out
