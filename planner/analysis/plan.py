"""The procurement plan: what to buy, from whom and by when (docs/definitions.md).

``make_plan(project, **overrides)`` returns a :class:`Plan` of result tables; the window,
the command line and the workbook (plan_workbook.py) only show them:

- ``lines``: one order line per (material, source) with a quantity;
- ``materials``: per purchased item, the need, the plan, the mix and cover before/after,
  and why a cap could not be met;
- ``suppliers`` and ``countries``: totals.

This module holds the plan's parameters and types, the need, the sources as the allocation
sees them (capacity over the horizon, export controls, the "diversify" limits) and
``parse_parameter`` for the command line. The allocation itself is planner.analysis.allocation
(LP fast path, MILP where MOQs bind); rounding, dates and the result tables are
planner.analysis.plan_tables; the plan as text and JSON is planner.outputs.plan_reports.
"""
from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.allocation import AllocationProblem, Progress, allocate
from planner.analysis.compute import Report, compute
from planner.analysis.plan_tables import (
    country_totals,
    fall_days,
    materials_table,
    order_lines,
    rounded_orders,
    supplier_totals,
    today_country_share,
    whole_units,
)
from planner.core.errors import InputError, Problem
from planner.core.i18n import _
from planner.inputs.project import Project, Settings

# "diversify": the cheapest plan no more concentrated than today (docs/definitions.md);
# "cheapest": the cheapest plan under the caps
OBJECTIVES = ("diversify", "cheapest")


@dataclass(frozen=True)
class PlanParameters:
    """What a plan is made for; each defaults to the project's setting."""

    horizon_days: float = 90.0
    target_days: float = 60.0  # items with their own target_days (Stock sheet) keep them
    max_supplier_share: float = 0.60
    max_country_share: float = 0.60
    objective: str = OBJECTIVES[0]  # not a setting: "diversify" unless told otherwise

    @classmethod
    def of(cls, settings: Settings, **overrides: float | str | None) -> PlanParameters:
        """The settings' values, with each override that is not None put in its place."""
        values: dict[str, Any] = {name: float(getattr(settings, name))
                                  for name in SETTING_PARAMETERS}
        values["objective"] = cls.objective
        unknown = set(overrides) - set(values)
        if unknown:
            raise TypeError(f"unknown plan parameter(s): {', '.join(sorted(unknown))}")
        values.update({k: v if k == "objective" else float(v)
                       for k, v in overrides.items() if v is not None})
        params = cls(**values)
        params.check()
        return params

    def check(self) -> None:
        problems = []
        if not (math.isfinite(self.horizon_days) and self.horizon_days > 0):
            problems.append(_("{name} must be greater than zero, got {value}").format(
                name="horizon_days", value=f"{self.horizon_days:g}"))
        if not (math.isfinite(self.target_days) and self.target_days >= 0):
            problems.append(_("{name} must not be negative, got {value}").format(
                name="target_days", value=f"{self.target_days:g}"))
        for name in ("max_supplier_share", "max_country_share"):
            value = getattr(self, name)
            if not (0 <= value <= 1):
                problems.append(_("{name} must be between 0 and 1, got {value}").format(
                    name=name, value=f"{value:g}"))
        if self.objective not in OBJECTIVES:
            problems.append(_("{name} must be diversify or cheapest, got {value}").format(
                name="objective", value=repr(self.objective)))
        if problems:
            raise InputError([Problem("Settings", p) for p in problems])


# the parameters that are settings of the project (all but the objective)
SETTING_PARAMETERS = ("horizon_days", "target_days", "max_supplier_share",
                      "max_country_share")


@dataclass
class PlanStats:
    """How the plan was solved, for benchmarks and the curious."""

    materials_planned: int = 0
    # solved by the exact greedy / the LP (MOQ-free relaxation, MOQ-feasible: optimal)
    materials_greedy: int = 0
    materials_lp: int = 0
    materials_milp: int = 0  # by the MILP
    milp_calls: int = 0
    seconds_report: float = 0.0
    seconds_allocation: float = 0.0
    seconds_total: float = 0.0


@dataclass
class Plan:
    """A procurement plan at the project's as-of date.

    lines: item_id, name, unit, supplier_id, supplier_name, origin_country, quantity,
        unit_price and cost (in the project's currency), order_currency and
        order_unit_price (the price as the source gives it), lead_time_days, moq, capacity
        (over the horizon), order_multiple, needed_by, order_by, arrival, late, days_late,
        action ("order now" or "not yet"), stock_out (the day stock runs out without new
        orders), days_uncovered (from then to the arrival) and its warning in words.
        Sorted by order_by, then item and supplier.
    materials: one row per purchased item, in the report's order; see
        plan_tables.MATERIAL_COLUMNS.
    suppliers: supplier_id, name, country, lines, materials, cost, cost_share.
    countries: origin_country, lines, cost, cost_share, dependence_before,
        dependence_after (country dependence by value with the current mix and with the
        planned mix).
    """

    as_of: dt.date
    currency: str
    company: str
    parameters: PlanParameters
    lines: pd.DataFrame
    materials: pd.DataFrame
    suppliers: pd.DataFrame
    countries: pd.DataFrame
    stats: PlanStats

    @property
    def total_cost(self) -> float:
        return float(np.nansum(self.lines["cost"].to_numpy(dtype=float)))

    @property
    def late_lines(self) -> int:
        return int(self.lines["late"].sum())

    @property
    def breaches(self) -> pd.DataFrame:
        """Materials whose mix is still over a cap after the plan, with an order or
        without (``still_over_cap``), with the reason."""
        return self.materials[self.materials["still_over_cap"]]


def make_plan(project: Project, *, horizon_days: float | None = None,
              target_days: float | None = None, max_supplier_share: float | None = None,
              max_country_share: float | None = None, objective: str | None = None,
              progress: Progress | None = None) -> Plan:
    """The procurement plan of a valid project; None keeps the project's setting (and
    the objective "diversify").

    ``progress(done, total)`` follows the allocation's slow part (materials solved as
    mixed-integer programs); returning False stops with Cancelled."""
    started = time.perf_counter()
    params = PlanParameters.of(project.settings, horizon_days=horizon_days,
                               target_days=target_days, max_supplier_share=max_supplier_share,
                               max_country_share=max_country_share, objective=objective)
    settings = project.settings.with_changes(**{name: getattr(params, name)
                                                for name in SETTING_PARAMETERS})
    planned_project = replace(project, settings=settings)  # the same tables, not copied
    report = compute(planned_project)
    stats = PlanStats(seconds_report=time.perf_counter() - started)

    m = report.materials
    days = (params.horizon_days + m["target_days"]).to_numpy(dtype=float)
    ahead = (m["daily_use"].to_numpy(dtype=float) * days if report.profile is None
             else report.profile.select(m["item_id"]).total(days))  # Σ r(d), d < days
    need = (ahead + m["safety_stock"] - m["on_hand"] - m["open_orders"]).to_numpy(dtype=float)
    src = _sources(planned_project, report, params)
    src_material = src["material"].to_numpy()
    usable_upper = src["usable_upper"].to_numpy(dtype=float)
    available = np.bincount(src_material, weights=usable_upper, minlength=len(m))
    to_plan = (need > 0) & (available > 0)
    need_eff = np.where(to_plan, np.minimum(need, available), 0.0)

    src["restricted"] = _restricted(planned_project, report, src)
    limits = _limits(report, src) if params.objective == "diversify" else None
    t0 = time.perf_counter()
    quantity, method, stats.milp_calls = _allocate(src, need_eff, to_plan, params, progress,
                                                   limits)
    stats.seconds_allocation = time.perf_counter() - t0
    stats.materials_planned = int(to_plan.sum())
    stats.materials_greedy = int((method == "greedy").sum())
    stats.materials_lp = int((method == "lp").sum())
    stats.materials_milp = int((method == "milp").sum())

    quantity = rounded_orders(src, quantity)
    fall = fall_days(planned_project, report, need)
    empty = fall_days(planned_project, report, need, to_zero=True)
    lines = order_lines(planned_project, report, src, quantity, fall, empty)
    materials = materials_table(report, params, src, quantity, need, available, method, lines)
    suppliers = supplier_totals(planned_project, lines)
    countries = country_totals(report, src, quantity, materials)
    stats.seconds_total = time.perf_counter() - started
    s = project.settings
    return Plan(report.as_of, s.currency, s.company, params, lines, materials, suppliers,
                countries, stats)


# --- sources -------------------------------------------------------------------------

def _sources(project: Project, report: Report, params: PlanParameters) -> pd.DataFrame:
    """Source rows of the purchased items with what the allocation needs.

    price: the source's unit price, else the item's, in the project's currency (NaN when
    neither is known: the cost is then unknown, and the optimisation counts the material's
    dearest known price so that a source is never chosen for lacking a price).
    """
    m = report.materials
    src = report.sources
    material = pd.Index(m["item_id"]).get_indexer(src["item_id"])
    src = src[material >= 0].reset_index(drop=True)
    material = material[material >= 0]
    price = src["price"].to_numpy(dtype=float)  # compute.resolved_sources
    capacity = src["capacity_per_month"].to_numpy(dtype=float)
    upper = np.where(np.isnan(capacity), np.inf,
                     capacity * params.horizon_days * 12.0 / 365.0)
    moq = np.nan_to_num(src["moq"].to_numpy(dtype=float), nan=0.0)
    whole = whole_units(m["unit"]).to_numpy()[material]
    upper = np.where(whole, np.floor(upper + 1e-9), upper)  # whole pieces only
    # the Sources rows of report.sources are project.sources's, in the same order
    multiple = project.sources["order_multiple"].to_numpy(dtype=float)[
        pd.Index(m["item_id"]).get_indexer(report.sources["item_id"]) >= 0]
    usable = np.where(upper >= moq, upper, 0.0)
    dearest = pd.Series(price).groupby(material).transform("max").to_numpy(dtype=float)
    return pd.DataFrame({
        "material": material,
        "item_id": src["item_id"],
        "supplier_id": src["supplier_id"],
        "origin_country": src["origin_country"].fillna("?"),
        "price": price,
        "price_for_plan": np.nan_to_num(np.where(np.isnan(price), dearest, price), nan=0.0),
        "order_currency": src["order_currency"],
        "order_unit_price": src["order_unit_price"].to_numpy(dtype=float),
        "lead_time_days": src["lead_time_days"].to_numpy(dtype=float),
        "moq": moq,
        "capacity": upper,
        "usable_upper": usable,
        "share": src["share"].to_numpy(dtype=float),
        "whole": whole,
        "order_multiple": np.where(multiple > 0, multiple, np.nan),
    })


def _restricted(project: Project, report: Report, src: pd.DataFrame) -> np.ndarray:
    """Per source row: its origin country restricts exports of its material (a preset
    export control of that country matches the material: planner/analysis/presets.py)."""
    from planner.analysis.presets import load_presets, matched_materials

    pairs: set[tuple[str, str]] = set()
    for preset in load_presets():
        ids = matched_materials(project, preset, report)["item_id"].astype(str)
        pairs.update((item, preset.country) for item in ids)
    if not pairs:
        return np.zeros(len(src), dtype=bool)
    keys = pd.MultiIndex.from_arrays([src["item_id"].astype(str),
                                      src["origin_country"].astype(str).str.upper()])
    return np.asarray(keys.isin(list(pairs)), dtype=bool)

def _limits(report: Report, src: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per source row, the "diversify" limits (docs/definitions.md): its supplier's share
    at most today's largest supplier share of the material; its origin country's at most
    today's largest country share, and at most its own share today where that country
    restricts exports of the material. 1 where today's shares are unknown."""
    m = report.materials
    material = src["material"].to_numpy()
    top_supplier = np.nan_to_num(m["top_supplier_share"].to_numpy(dtype=float), nan=1.0)
    top_country = np.nan_to_num(m["top_country_share"].to_numpy(dtype=float), nan=1.0)
    country = top_country[material]
    restricted = src["restricted"].to_numpy(dtype=bool)
    country = np.where(restricted, np.minimum(country, today_country_share(src)), country)
    return np.minimum(top_supplier[material], 1.0), np.minimum(country, 1.0)


def _allocate(src: pd.DataFrame, need: np.ndarray, to_plan: np.ndarray,
              params: PlanParameters, progress: Progress | None = None,
              limits: tuple[np.ndarray, np.ndarray] | None = None
              ) -> tuple[np.ndarray, np.ndarray, int]:
    """Quantity per source row, the method per material ("lp", "milp" or "") and the
    number of MILP calls. ``limits``: per source row, the supplier and country share
    limits held after the caps (see _limits)."""
    method = np.full(len(need), "", dtype=object)
    quantity = np.zeros(len(src))
    rows = np.flatnonzero(to_plan[src["material"].to_numpy()])
    if not len(rows):
        return quantity, method, 0
    part = src.iloc[rows]
    order = np.argsort(part["material"].to_numpy(), kind="stable")
    rows, part = rows[order], part.iloc[order]
    numbers = np.flatnonzero(to_plan)  # material row of each planned material
    local = np.searchsorted(numbers, part["material"].to_numpy())
    problem = AllocationProblem(
        material=local, need=need[numbers],
        upper=part["usable_upper"].to_numpy(dtype=float),
        moq=part["moq"].to_numpy(dtype=float),
        price=part["price_for_plan"].to_numpy(dtype=float),
        supplier=pd.factorize(part["supplier_id"])[0],
        country=pd.factorize(part["origin_country"])[0],
        max_supplier_share=params.max_supplier_share,
        max_country_share=params.max_country_share,
        whole=part.groupby("material")["whole"].first().to_numpy(dtype=bool),
        supplier_limit=None if limits is None else limits[0][rows],
        country_limit=None if limits is None else limits[1][rows])
    result = allocate(problem, progress)
    quantity[rows] = result.quantity
    method[numbers] = result.method
    return quantity, method, result.milp_calls


# --- command line --------------------------------------------------------------------



def parse_parameter(key: str, text: str) -> float:
    """A plan parameter typed as in the Settings sheet ("0.5", "50%", "90");
    ValueError with the Settings sheet's message otherwise."""
    from planner.inputs.validation import parse_setting

    value, message = parse_setting(key, text)
    if message:
        raise ValueError(message)
    assert isinstance(value, float), key  # the plan's parameters are number settings
    values: dict[str, Any] = {key: value}
    params = PlanParameters(**values)
    try:
        params.check()
    except InputError as exc:
        raise ValueError(exc.problems[0].message) from None
    return float(value)

