"""The procurement plan for a terminal and for scripts: ``plan_text`` (three lines) and
``plan_json``; ``stdout_to_stderr`` keeps `planner plan --json`'s output JSON only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

from planner.analysis.plan import Plan
from planner.analysis.plan_tables import MATERIAL_COLUMNS
from planner.core import formatting as fmt
from planner.core.i18n import _
from planner.outputs.reports import plain, records


@contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Send whatever is written to file descriptor 1 to 2 meanwhile: HiGHS can print a
    diagnostic line on stdout, and `planner plan --json` must print JSON only."""
    try:
        sys.stdout.flush()
        out, err = sys.stdout.fileno(), sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        yield
        return
    saved = os.dup(out)
    try:
        os.dup2(err, out)
        yield
    finally:
        os.dup2(saved, out)
        os.close(saved)


def plan_text(plan: Plan) -> str:
    """Three lines for a terminal: what the plan holds and what needs attention."""
    m = plan.materials
    p = plan.parameters
    ordered = int((m["planned"] > 0).sum())
    short = int((m["shortfall"] > 0).sum())
    return "\n".join([
        _("Procurement plan as of {date}: horizon {horizon} days, target {target} days, caps: "
          "supplier {supplier}, country {country}").format(
            date=fmt.long_date(plan.as_of), horizon=f"{p.horizon_days:g}",
            target=f"{p.target_days:g}", supplier=f"{p.max_supplier_share:.0%}",
            country=f"{p.max_country_share:.0%}"),
        _("{lines} order lines for {materials} materials, total {cost}; {late} lines already "
          "late").format(lines=fmt.count(len(plan.lines)), materials=fmt.count(ordered),
                         cost=_total(plan), late=fmt.count(plan.late_lines)),
        _("{count} materials still over a cap, {short} the sources cannot fully cover").format(
            count=fmt.count(len(plan.breaches)), short=fmt.count(short)),
    ])


def _total(plan: Plan) -> str:
    """The plan's total: "1,234 EUR" as before; in Japanese ¥1,234 for yen."""
    if fmt.japanese() and plan.currency.upper() == "JPY":
        return fmt.money(plan.total_cost, plan.currency)
    return f"{plan.total_cost:,.0f} {plan.currency}"


# --- JSON ----------------------------------------------------------------------------

LINE_KEYS = ("item_id", "supplier_id", "origin_country", "quantity", "unit_price", "cost",
             "needed_by", "order_by", "arrival", "late", "lead_time_days", "order_currency",
             "order_unit_price", "order_multiple", "days_late", "action", "stock_out",
             "days_uncovered", "warning")


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan for scripts: {"as_of", "parameters", "lines": [...], "materials": [...],
    "suppliers": [...], "countries": [...], "total_cost"}. Shares are fractions, dates
    ISO text, unknown figures null."""
    return {
        "as_of": plan.as_of.isoformat(),
        "currency": plan.currency,
        "parameters": {f.name: getattr(plan.parameters, f.name)
                       for f in fields(plan.parameters)},
        "total_cost": plain(plan.total_cost),
        "lines": records(plan.lines, LINE_KEYS),
        "materials": records(plan.materials, MATERIAL_COLUMNS),
        "suppliers": records(plan.suppliers, tuple(plan.suppliers.columns)),
        "countries": records(plan.countries, tuple(plan.countries.columns)),
    }
