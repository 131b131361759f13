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
        f"Procurement plan as of {plan.as_of.isoformat()}: horizon {p.horizon_days:g} days, "
        f"target {p.target_days:g} days, caps: supplier {p.max_supplier_share:.0%}, "
        f"country {p.max_country_share:.0%}",
        f"{len(plan.lines):,} order lines for {ordered:,} materials, total "
        f"{plan.total_cost:,.0f} {plan.currency}; {plan.late_lines:,} lines already late",
        f"{len(plan.breaches):,} materials still over a cap, {short:,} the sources cannot "
        "fully cover",
    ])


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
