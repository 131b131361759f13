"""The cost of reducing dependence (docs/definitions.md): the whole project planned at
country caps from the project's cap down to 30% in 5-point steps, and for each cap the
plan's total cost and the largest origin country's share of purchase value after it.

Each point is the cheapest plan under its caps (objective "cheapest"), so that the curve
shows what the cap alone costs; the "diversify" objective can be asked for instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.allocation import Progress
from planner.analysis.plan import Plan, make_plan
from planner.core.errors import Cancelled
from planner.core.formatting import rjust
from planner.core.i18n import _
from planner.inputs.project import Project

LOWEST_CAP = 0.30
STEP = 0.05
FRONTIER_COLUMNS = ("max_country_share", "total_cost", "top_country", "top_country_share",
                    "materials_over_cap")


def frontier_caps(start: float) -> list[float]:
    """The country caps to plan at: ``start``, then 5 points less each time while at
    least 30%, ending at 30% (only ``start`` when it is 30% or less)."""
    caps = [start]
    cap = start - STEP
    while cap > LOWEST_CAP + 1e-9:
        caps.append(round(cap, 6))
        cap -= STEP
    if start > LOWEST_CAP + 1e-9:
        caps.append(LOWEST_CAP)
    return caps


def frontier_point(plan: Plan) -> dict[str, Any]:
    """One row of the frontier from a plan: its country cap, total cost, the origin
    country with the largest share of purchase value after the plan (country dependence
    by value) and that share, and how many materials stay over a cap."""
    countries = plan.countries
    if len(countries):
        top = countries.sort_values(["dependence_after", "origin_country"],
                                    ascending=[False, True], kind="stable").iloc[0]
        country, share = str(top["origin_country"]), float(top["dependence_after"])
    else:
        country, share = "", float("nan")
    return {"max_country_share": plan.parameters.max_country_share,
            "total_cost": plan.total_cost, "top_country": country,
            "top_country_share": share, "materials_over_cap": len(plan.breaches)}


def frontier(project: Project, progress: Progress | None = None, *,
             objective: str | None = "cheapest", **overrides: float | None
             ) -> pd.DataFrame:
    """The frontier of a valid project, one row per cap (FRONTIER_COLUMNS), from the
    project's country cap (or ``overrides``' max_country_share) down.

    ``overrides`` are the other plan parameters (horizon_days, ...), as for make_plan;
    ``objective`` None or "cheapest": the cheapest plan under each cap.
    ``progress(done, total)`` counts plans made; returning False stops with Cancelled.
    """
    start = overrides.pop("max_country_share", None)
    caps = frontier_caps(float(start if start is not None
                               else project.settings.max_country_share))
    rows = []
    for i, cap in enumerate(caps):
        if progress is not None and progress(i, len(caps)) is False:
            raise Cancelled(_("the frontier was cancelled"))

        def within(done: int, total: int, i: int = i) -> object:
            return progress(i, len(caps)) if progress is not None else True

        plan = make_plan(project, max_country_share=cap, objective=objective or "cheapest",
                         progress=within, **overrides)
        rows.append(frontier_point(plan))
    if progress is not None:
        progress(len(caps), len(caps))
    out = pd.DataFrame(rows, columns=list(FRONTIER_COLUMNS))
    out["top_country"] = out["top_country"].astype("string")
    out["materials_over_cap"] = out["materials_over_cap"].astype(np.int64)
    return out


def frontier_json(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The frontier for scripts: a list of {"max_country_share", "total_cost",
    "top_country", "top_country_share", "materials_over_cap"}; unknown figures null."""
    out = []
    for cap, cost, country, share, over in zip(
            table["max_country_share"].to_numpy(dtype=float),
            table["total_cost"].to_numpy(dtype=float),
            table["top_country"].astype("string").fillna("").tolist(),
            table["top_country_share"].to_numpy(dtype=float),
            table["materials_over_cap"].to_numpy(dtype=np.int64), strict=True):
        out.append({"max_country_share": float(cap),
                    "total_cost": float(cost) if np.isfinite(cost) else None,
                    "top_country": country or None,
                    "top_country_share": float(share) if np.isfinite(share) else None,
                    "materials_over_cap": int(over)})
    return out


def frontier_text(table: pd.DataFrame, currency: str) -> str:
    """The frontier as a small table for a terminal."""
    cap_title, cost_title = _("cap"), _("total cost ({currency})").format(currency=currency)
    lines = [_("The cost of reducing dependence: the plan at each country cap."),
             f"{rjust(cap_title, 5)}  {rjust(cost_title, 18)}  "
             + _("largest origin country (share of purchase value)")]
    for cap, cost, country, share in zip(
            table["max_country_share"].to_numpy(dtype=float),
            table["total_cost"].to_numpy(dtype=float),
            table["top_country"].astype("string").fillna("").tolist(),
            table["top_country_share"].to_numpy(dtype=float), strict=True):
        top = f"{country} {share:.0%}" if np.isfinite(share) else "-"
        lines.append(f"{cap:>5.0%}  {cost:>18,.0f}  {top}")
    return "\n".join(lines)
