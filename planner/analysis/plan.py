"""The procurement plan: what to buy, from whom and by when (docs/definitions.md).

``make_plan(project, **overrides)`` returns a :class:`Plan` of result tables; the window,
the command line and the workbook (plan_workbook.py) only show them:

- ``lines``: one order line per (material, source) with a quantity;
- ``materials``: per purchased item, the need, the plan, the mix and cover before/after,
  and why a cap could not be met;
- ``suppliers`` and ``countries``: totals.

The allocation itself is planner.analysis.allocation (LP fast path, MILP where MOQs bind).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.allocation import AllocationProblem, Progress, allocate
from planner.analysis.compute import Report, compute
from planner.core.errors import InputError, Problem
from planner.inputs.project import Project, Settings

DAYS_PER_MONTH = 365.0 / 12.0
SHARE_TOLERANCE = 1e-6  # a share within this of its cap is at the cap, not over it
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
            problems.append(f"horizon_days must be greater than zero, got {self.horizon_days:g}")
        if not (math.isfinite(self.target_days) and self.target_days >= 0):
            problems.append(f"target_days must not be negative, got {self.target_days:g}")
        for name in ("max_supplier_share", "max_country_share"):
            value = getattr(self, name)
            if not (0 <= value <= 1):
                problems.append(f"{name} must be between 0 and 1, got {value:g}")
        if self.objective not in OBJECTIVES:
            problems.append(f"objective must be diversify or cheapest, got {self.objective!r}")
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
    materials: one row per purchased item, in the report's order; see MATERIAL_COLUMNS.
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


MATERIAL_COLUMNS = (
    "item_id", "name", "unit", "daily_use", "on_hand", "safety_stock", "open_orders",
    "target_days", "net_need", "planned", "shortfall", "cost", "lines", "first_order_by",
    "late",
    "top_supplier_before", "top_supplier_share_before", "top_supplier_after",
    "top_supplier_share_after", "top_country_before", "top_country_share_before",
    "top_country_after", "top_country_share_after", "supplier_hhi_before",
    "supplier_hhi_after", "country_hhi_before", "country_hhi_after",
    "days_of_cover_before", "days_of_cover_after", "over_supplier_cap_before",
    "over_country_cap_before", "over_supplier_cap_after", "over_country_cap_after",
    "cap_breach", "still_over_cap", "more_concentrated", "reason", "method",
)
LINE_COLUMNS = (
    "item_id", "name", "unit", "supplier_id", "supplier_name", "origin_country", "quantity",
    "unit_price", "cost", "order_currency", "order_unit_price", "lead_time_days", "moq",
    "capacity", "order_multiple", "needed_by", "order_by", "arrival", "late", "days_late",
    "action", "stock_out", "days_uncovered", "warning",
)
ORDER_NOW = "order now"  # the action of a line whose order-by date is today or past
NOT_YET = "not yet"  # ... of one whose order-by date is still ahead


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

    quantity = _rounded(src, quantity)
    fall = _fall_days(planned_project, report, need)
    empty = _fall_days(planned_project, report, need, to_zero=True)
    lines = _lines(planned_project, report, src, quantity, fall, empty)
    materials = _materials(report, params, src, quantity, need, available, method, lines)
    suppliers = _supplier_totals(planned_project, lines)
    countries = _country_totals(report, src, quantity, materials)
    stats.seconds_total = time.perf_counter() - started
    s = project.settings
    return Plan(report.as_of, s.currency, s.company, params, lines, materials, suppliers,
                countries, stats)


# --- sources -------------------------------------------------------------------------

COUNT_UNITS = frozenset({
    "pc", "pcs", "piece", "pieces", "ea", "each", "unit", "units", "u", "set", "sets",
    "pair", "pairs", "no", "nos", "nr", "stk", "st", "stück", "roll", "rolls", "box",
    "boxes", "pack", "packs", "kit", "kits", "lot", "lots"})


def whole_units(units: pd.Series) -> pd.Series:
    """Items counted in whole units (pcs, sets, ...): their orders are whole numbers."""
    keys = units.astype("string").str.strip().str.lower().str.rstrip(".")
    return keys.isin(COUNT_UNITS).fillna(False).astype(bool)


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


def _today_country_share(src: pd.DataFrame) -> np.ndarray:
    """Per source row: today's share (Sources) of its origin country in its material."""
    share = np.nan_to_num(src["share"].to_numpy(dtype=float), nan=0.0)
    return pd.Series(share).groupby([src["material"].to_numpy(),
                                     src["origin_country"].to_numpy()]).transform("sum"
                                                                                  ).to_numpy()


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
    country = np.where(restricted, np.minimum(country, _today_country_share(src)), country)
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


def _rounded(src: pd.DataFrame, quantity: np.ndarray) -> np.ndarray:
    """Each order rounded up to its source's step (docs/definitions.md: rounding): a
    multiple of the source's ``order_multiple``, else a whole number for an item bought
    in whole units. An order that rounding up would lift above the source's capacity is
    rounded down instead while that keeps it at or above the MOQ, else left as it is."""
    step = src["order_multiple"].to_numpy(dtype=float)
    step = np.where(np.isnan(step), np.where(src["whole"].to_numpy(dtype=bool), 1.0, np.nan),
                    step)
    rounds = (quantity > 0) & ~np.isnan(step)
    if not rounds.any():
        return quantity
    step = np.where(rounds, step, 1.0)
    steps = quantity / step
    up = np.ceil(steps - 1e-6) * step  # 6.9999999 and 7.0000001 pieces are 7
    down = np.floor(steps + 1e-6) * step
    upper = src["usable_upper"].to_numpy(dtype=float)
    moq = src["moq"].to_numpy(dtype=float)
    fits_up = up <= upper * (1 + 1e-9) + 1e-9
    fits_down = (down > 0) & (down >= moq * (1 - 1e-9))
    rounded = np.where(fits_up, up, np.where(fits_down, down, quantity))
    return np.where(rounds, rounded, quantity)


# --- timing --------------------------------------------------------------------------

def _fall_days(project: Project, report: Report, need: np.ndarray,
               to_zero: bool = False) -> np.ndarray:
    """Per material: days from the as-of date until stock is projected to fall to the
    target level (safety stock + target days of use), or with ``to_zero`` to run out,
    from on hand and the open orders due within the horizon (overdue ones on day 0), at
    the daily use, or along the forecast's requirement when there is one. inf: never.
    """
    m = report.materials
    s = project.settings
    n = len(m)
    use = m["daily_use"].to_numpy(dtype=float)
    on_hand = m["on_hand"].to_numpy(dtype=float)
    level = (np.zeros(n) if to_zero else
             (m["safety_stock"] + m["target_days"] * m["daily_use"]).to_numpy(dtype=float))

    orders = project.orders
    as_of = np.datetime64(s.as_of_date, "s")
    limit = as_of + np.timedelta64(round(s.horizon_days * 86_400), "s")
    due = orders["due_date"].to_numpy()
    material = pd.Index(m["item_id"]).get_indexer(orders["item_id"])
    keep = (material >= 0) & (due <= limit)
    day = np.maximum((due[keep] - as_of) / np.timedelta64(1, "D"), 0.0)
    # events: a zero event on day 0 for every material, then each order's arrival
    ev_material = np.r_[np.arange(n), material[keep]]
    ev_day = np.r_[np.zeros(n), day]
    ev_qty = np.r_[np.zeros(n), orders["quantity"].to_numpy(dtype=float)[keep]]
    order = np.lexsort((ev_day, ev_material))
    ev_material, ev_day, ev_qty = ev_material[order], ev_day[order], ev_qty[order]
    arrived = pd.Series(ev_qty).groupby(ev_material).cumsum().to_numpy()
    last = np.r_[ev_material[1:] != ev_material[:-1], True]
    next_day = np.where(last, np.inf, np.r_[ev_day[1:], np.inf])
    # from this event to the next, stock on day t is on_hand + arrived − use·t
    surplus = on_hand[ev_material] + arrived - level[ev_material]
    if report.profile is not None:  # the day the requirement summed uses the surplus up
        profile = report.profile.select(m["item_id"]).take(ev_material)
        reached = np.nan_to_num(profile.cover(np.maximum(surplus, 0.0)), nan=np.inf)
        when = np.where(surplus <= 0, ev_day, np.maximum(ev_day, reached))
    else:
        u = use[ev_material]
        with np.errstate(divide="ignore", invalid="ignore"):
            when = np.where(u > 0, np.maximum(ev_day, surplus / u),
                            np.where(surplus <= 0, ev_day, np.inf))
    valid = when < next_day
    first = np.full(n, np.inf)
    np.minimum.at(first, ev_material[valid], when[valid])
    return np.where(need > 0, first, np.inf)


# --- result tables -------------------------------------------------------------------

def _lines(project: Project, report: Report, src: pd.DataFrame, quantity: np.ndarray,
           fall: np.ndarray, empty: np.ndarray) -> pd.DataFrame:
    """The order lines; ``fall`` and ``empty``: per material, the day stock is projected
    to fall to its target level and to run out (inf: never)."""
    m = report.materials
    suppliers = project.suppliers.drop_duplicates("supplier_id")
    supplier_names = pd.Series(suppliers["name"].to_numpy(), index=suppliers["supplier_id"])
    rows = np.flatnonzero(quantity > 0)
    part = src.iloc[rows]
    material = part["material"].to_numpy()
    lead = np.ceil(np.nan_to_num(part["lead_time_days"].to_numpy(dtype=float), nan=0.0))
    as_of = np.datetime64(report.as_of, "D")
    day = np.floor(np.minimum(fall[material], 1e6)).astype("int64")
    needed_by = as_of + day.astype("timedelta64[D]")
    order_by = needed_by - lead.astype("int64").astype("timedelta64[D]")
    late = order_by < as_of
    arrival = np.maximum(order_by, as_of) + lead.astype("int64").astype("timedelta64[D]")
    days_late = np.maximum((as_of - order_by).astype("int64"), 0)
    runs_out = np.isfinite(empty[material])
    stock_out = as_of + np.floor(np.minimum(empty[material], 1e6)).astype(
        "int64").astype("timedelta64[D]")
    uncovered = np.where(runs_out, np.maximum((arrival - stock_out).astype("int64"), 0), 0)
    stock_out = np.where(runs_out, stock_out.astype("datetime64[s]"),
                         np.datetime64("NaT", "s"))
    warning = [f"Stock runs out on {pd.Timestamp(day).date().isoformat()}, before this order "
               f"can arrive (days without stock: {days:,})." if days > 0 else ""
               for day, days in zip(stock_out, uncovered.tolist(), strict=True)]
    q = quantity[rows]
    names = report.items.set_index("item_id")["name"]
    lines = pd.DataFrame({
        "item_id": part["item_id"].astype("string").to_numpy(),
        "name": names.reindex(part["item_id"]).astype("string").to_numpy(),
        "unit": m["unit"].to_numpy()[material],
        "supplier_id": part["supplier_id"].astype("string").to_numpy(),
        "supplier_name": supplier_names.reindex(part["supplier_id"]).astype("string")
        .to_numpy(),
        "origin_country": part["origin_country"].astype("string").to_numpy(),
        "quantity": q,
        "unit_price": part["price"].to_numpy(dtype=float),
        "cost": q * part["price"].to_numpy(dtype=float),
        "order_currency": part["order_currency"].astype("string").to_numpy(),
        "order_unit_price": part["order_unit_price"].to_numpy(dtype=float),
        "lead_time_days": part["lead_time_days"].to_numpy(dtype=float),
        "moq": part["moq"].to_numpy(dtype=float),
        "capacity": part["capacity"].to_numpy(dtype=float),
        "order_multiple": part["order_multiple"].to_numpy(dtype=float),
        "needed_by": needed_by.astype("datetime64[s]"),
        "order_by": order_by.astype("datetime64[s]"),
        "arrival": arrival.astype("datetime64[s]"),
        "late": late,
        "days_late": days_late.astype(np.int64),
        "action": np.where(order_by <= as_of, ORDER_NOW, NOT_YET),
        "stock_out": stock_out,
        "days_uncovered": uncovered.astype(np.int64),
        "warning": warning,
    })
    for text in ("unit", "action", "warning"):
        lines[text] = lines[text].astype("string")
    lines = lines.sort_values(["order_by", "item_id", "supplier_id"], kind="stable")
    return lines.reset_index(drop=True)


def _mix(material: np.ndarray, key: pd.Series, weight: np.ndarray, n: int
         ) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Per material: the top key by weight share (ties: alphabetical), its share and the
    HHI; NaN/missing where a material has no weight."""
    frame = pd.DataFrame({"m": material, "k": key.astype("string").to_numpy(), "w": weight})
    frame = frame[frame["w"] > 0]
    total = frame.groupby("m")["w"].sum()
    grouped = frame.groupby(["m", "k"], sort=False)["w"].sum().reset_index()
    grouped["s"] = grouped["w"] / total.reindex(grouped["m"]).to_numpy()
    hhi = np.full(n, np.nan)
    squares = (grouped["s"] ** 2).groupby(grouped["m"]).sum() * 10_000.0
    hhi[squares.index.to_numpy()] = squares.to_numpy()
    top = grouped.sort_values(["m", "s", "k"], ascending=[True, False, True], kind="stable")
    top = top.drop_duplicates("m")
    top_key = pd.Series(pd.NA, index=range(n), dtype="string")
    top_key.iloc[top["m"].to_numpy()] = top["k"].to_numpy()
    top_share = np.full(n, np.nan)
    top_share[top["m"].to_numpy()] = top["s"].to_numpy()
    return top_key, top_share, hhi


def _materials(report: Report, params: PlanParameters, src: pd.DataFrame,
               quantity: np.ndarray, need: np.ndarray, available: np.ndarray,
               method: np.ndarray, lines: pd.DataFrame) -> pd.DataFrame:
    m = report.materials
    n = len(m)
    material = src["material"].to_numpy()
    planned = np.bincount(material, weights=quantity, minlength=n)
    has_plan = planned > 0
    cost = np.bincount(material, weights=np.nan_to_num(quantity * src["price"]), minlength=n)
    unknown_cost = np.bincount(material, weights=(quantity > 0) & src["price"].isna(),
                               minlength=n) > 0
    cost = np.where(has_plan & ~unknown_cost, cost, np.where(has_plan, np.nan, 0.0))
    sup, sup_share, sup_hhi = _mix(material, src["supplier_id"], quantity, n)
    cty, cty_share, cty_hhi = _mix(material, src["origin_country"], quantity, n)

    def after(planned_value: Any, before: pd.Series) -> Any:
        """The planned mix where there is a plan, else the current one."""
        if isinstance(planned_value, pd.Series):
            return planned_value.where(pd.Series(has_plan), before.reset_index(drop=True))
        return np.where(has_plan, planned_value, before.to_numpy(dtype=float))

    per_item = lines.groupby("item_id")
    index = pd.Index(m["item_id"])
    line_count = per_item.size().reindex(index, fill_value=0).to_numpy()
    first_order = per_item["order_by"].min().reindex(index).to_numpy()
    late = per_item["late"].any().reindex(index, fill_value=False).to_numpy(dtype=bool)
    use = m["daily_use"].to_numpy(dtype=float)
    stock_after = (m["on_hand"] + m["open_orders"]).to_numpy(dtype=float) + planned
    if report.profile is not None:  # forward cover along the forecast
        cover_after = report.profile.select(m["item_id"]).cover(stock_after)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            cover_after = np.where(use > 0, stock_after / use, np.nan)

    out = pd.DataFrame({
        "item_id": m["item_id"], "name": m["name"], "unit": m["unit"],
        "daily_use": use, "on_hand": m["on_hand"], "safety_stock": m["safety_stock"],
        "open_orders": m["open_orders"], "target_days": m["target_days"],
        "net_need": need, "planned": planned,
        "shortfall": np.where(need > 0, np.maximum(need - planned, 0.0), 0.0),
        "cost": cost, "lines": line_count.astype(np.int64),
        "first_order_by": pd.Series(first_order, dtype="datetime64[s]"),
        "late": late,
        "top_supplier_before": m["top_supplier"].astype("string"),
        "top_supplier_share_before": m["top_supplier_share"].to_numpy(dtype=float),
        "top_supplier_after": after(sup, m["top_supplier"].astype("string")),
        "top_supplier_share_after": after(sup_share, m["top_supplier_share"]),
        "top_country_before": m["top_country"].astype("string"),
        "top_country_share_before": m["top_country_share"].to_numpy(dtype=float),
        "top_country_after": after(cty, m["top_country"].astype("string")),
        "top_country_share_after": after(cty_share, m["top_country_share"]),
        "supplier_hhi_before": m["supplier_hhi"].to_numpy(dtype=float),
        "supplier_hhi_after": after(sup_hhi, m["supplier_hhi"]),
        "country_hhi_before": m["country_hhi"].to_numpy(dtype=float),
        "country_hhi_after": after(cty_hhi, m["country_hhi"]),
        "days_of_cover_before": m["days_of_cover_with_orders"].to_numpy(dtype=float),
        "days_of_cover_after": cover_after,
    })
    a, b = params.max_supplier_share, params.max_country_share
    out["over_supplier_cap_before"] = (out["top_supplier_share_before"] > a + SHARE_TOLERANCE
                                       ).to_numpy(dtype=bool)
    out["over_country_cap_before"] = (out["top_country_share_before"] > b + SHARE_TOLERANCE
                                      ).to_numpy(dtype=bool)
    out["over_supplier_cap_after"] = (out["top_supplier_share_after"] > a + SHARE_TOLERANCE
                                      ).to_numpy(dtype=bool)
    out["over_country_cap_after"] = (out["top_country_share_after"] > b + SHARE_TOLERANCE
                                     ).to_numpy(dtype=bool)
    over_after = (out["over_supplier_cap_after"].to_numpy()
                  | out["over_country_cap_after"].to_numpy())
    out["cap_breach"] = has_plan & over_after
    out["still_over_cap"] = over_after  # with an order or without: Plan.breaches
    rules = _concentration(out, src, quantity, planned) if params.objective == "diversify" \
        else []
    out["more_concentrated"] = np.logical_or.reduce(
        [has_plan & rule.flag for rule in rules] + [np.zeros(n, dtype=bool)])
    out["reason"] = pd.array(_reasons(out, src, available, params, rules), dtype="string")
    out["method"] = pd.array(method.astype(str), dtype="string")
    return out[list(MATERIAL_COLUMNS)]


def _amount(value: float, unit: object) -> str:
    text = f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.3g}"
    return f"{text} {unit}" if isinstance(unit, str) and unit else text


def _others(src: pd.DataFrame, key: str, top: pd.Series, n: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per material, over the sources whose ``key`` is not the material's ``top``: their
    capacity over the horizon (inf if any has none), smallest MOQ, and distinct keys."""
    material = src["material"].to_numpy()
    keys = src[key].astype("string").to_numpy(dtype=object)
    top_of = top.astype("string").fillna("").to_numpy(dtype=object)[material]
    other = (keys != top_of).astype(bool)
    upper = src["usable_upper"].to_numpy(dtype=float)
    finite = np.isfinite(upper)
    capacity = np.bincount(material[other & finite], weights=upper[other & finite],
                           minlength=n).astype(float)
    capacity[np.bincount(material[other & ~finite], minlength=n) > 0] = np.inf
    smallest = np.full(n, np.inf)
    np.minimum.at(smallest, material[other], src["moq"].to_numpy(dtype=float)[other])
    codes = pd.factorize(keys)[0]
    width = int(codes.max(initial=0)) + 1
    pairs = np.unique(material[other].astype(np.int64) * width + codes[other])
    return capacity, smallest, np.bincount(pairs // width, minlength=n)


@dataclass
class _Rule:
    """A bound on a material's mix that the plan may break, per material: broken (flag),
    what ("supplier", "country"), the key and its share after the plan, the bound and its
    words ("cap 60%", "today's 50%"), and a note after the key (" (export controls)")."""

    flag: np.ndarray
    what: str
    top: pd.Series
    share: np.ndarray
    bound: np.ndarray
    label: str
    note: str = ""


def _concentration(out: pd.DataFrame, src: pd.DataFrame, quantity: np.ndarray,
                   planned: np.ndarray) -> list[_Rule]:
    """The "diversify" rules (docs/definitions.md) and where the plan breaks them: the
    largest supplier and country shares above today's, and a country that restricts
    exports of the material above its share today (the one that grew most)."""
    n = len(out)
    rules = []
    for what in ("supplier", "country"):
        after = out[f"top_{what}_share_after"].to_numpy(dtype=float)
        today = out[f"top_{what}_share_before"].to_numpy(dtype=float)
        flag = after > np.nan_to_num(today, nan=np.inf) + SHARE_TOLERANCE
        rules.append(_Rule(flag, what, out[f"top_{what}_after"], after, today, "today's"))
    material = src["material"].to_numpy()
    restricted = src["restricted"].to_numpy(dtype=bool)
    top = pd.Series(pd.NA, index=range(n), dtype="string")
    share, bound = np.zeros(n), np.ones(n)
    growth = np.zeros(n)
    if restricted.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            share_after = pd.Series(np.where(planned[material] > 0,
                                             quantity / planned[material], 0.0)).groupby(
                [material, src["origin_country"].to_numpy()]).transform("sum").to_numpy()
        rows = np.flatnonzero(restricted)
        rise = share_after[rows] - _today_country_share(src)[rows]
        order = rows[np.argsort(rise, kind="stable")]  # the largest rise of each last
        grown = share_after[order] - _today_country_share(src)[order]
        m = material[order]
        growth[m] = grown
        share[m] = share_after[order]
        bound[m] = _today_country_share(src)[order]
        top.iloc[m] = src["origin_country"].astype("string").to_numpy()[order]
    rules.append(_Rule(growth > SHARE_TOLERANCE, "country", top, share, bound, "today's",
                       " (export controls)"))
    return rules


def _reasons(out: pd.DataFrame, src: pd.DataFrame, available: np.ndarray,
             params: PlanParameters, rules: list[_Rule]) -> list[str]:
    """Why a material's plan is not simply 'the need, within the caps', in words; with
    ``rules`` (objective "diversify"), also where its mix is more concentrated than
    today's."""
    n = len(out)
    reasons = [""] * n
    need = out["net_need"].to_numpy(dtype=float)
    planned = out["planned"].to_numpy(dtype=float)
    over_sup = out["over_supplier_cap_after"].to_numpy(dtype=bool)
    over_cty = out["over_country_cap_after"].to_numpy(dtype=bool)
    sources = np.bincount(src["material"].to_numpy(), minlength=n)
    short = (need > 0) & (planned < need * (1 - 1e-6))
    whole = whole_units(out["unit"]).to_numpy()
    multiple = np.bincount(src["material"].to_numpy(),
                           weights=src["order_multiple"].notna().to_numpy(), minlength=n) > 0
    enough = np.where(whole, np.ceil(need - 1e-9), need)  # whole pieces: 15.6 → 16
    extra = (need > 0) & (planned > enough * (1 + 1e-6) + 1e-9)
    rules = [
        _Rule(over_sup, "supplier", out["top_supplier_after"],
              out["top_supplier_share_after"].to_numpy(), np.full(n, params.max_supplier_share),
              "cap"),
        _Rule(over_cty, "country", out["top_country_after"],
              out["top_country_share_after"].to_numpy(), np.full(n, params.max_country_share),
              "cap"), *rules]
    broken = np.logical_or.reduce([rule.flag for rule in rules])
    interesting = np.flatnonzero(short | extra | broken)
    if not len(interesting):
        return reasons
    unit = out["unit"].to_numpy(dtype=object)
    checks = []
    for rule in rules:
        key = "supplier_id" if rule.what == "supplier" else "origin_country"
        capacity, smallest, distinct = _others(src, key, rule.top, n)
        checks.append((rule.flag, rule.what, rule.bound, rule.label, rule.note,
                       rule.top.to_numpy(dtype=object), rule.share, capacity, smallest,
                       distinct))
    for i in interesting:
        parts: list[str] = []
        if need[i] <= 0:
            parts.append("no order needed; the current mix stays as it is")
        elif sources[i] == 0:
            parts.append("no source on file")
        elif available[i] <= 0:
            parts.append("no source can deliver: capacity below its minimum order quantity")
        elif short[i]:
            parts.append(f"the sources can deliver only {_amount(available[i], unit[i])} "
                         f"over the horizon, {_amount(need[i] - planned[i], unit[i])} short")
        elif extra[i]:
            why = ("minimum order quantities, order multiples and whole units" if whole[i]
                   and multiple[i] else "minimum order quantities and order multiples"
                   if multiple[i] else "minimum order quantities and whole units" if whole[i]
                   else "minimum order quantities")
            parts.append(f"{why} raise the plan {_amount(planned[i] - need[i], unit[i])} "
                         "above the need")
        breaches: dict[str, list[str]] = {}  # why -> what is over its cap, for that reason
        for flag, what, bound, label, note, top, share, capacity, smallest, distinct in checks:
            cap = bound[i]
            if flag[i] and planned[i] > 0:
                if sources[i] == 1:
                    why = "only one qualified source"
                elif distinct[i] == 0:
                    kind = "origin country" if what == "country" else "supplier"
                    why = f"only one {kind} ({top[i]})"
                elif capacity[i] <= 0:
                    why = f"no other {what} can deliver (capacity below the minimum order)"
                elif capacity[i] < (1 - cap) * planned[i] * (1 + 1e-9):
                    plural = "countries" if what == "country" else "suppliers"
                    why = (f"other {plural} can deliver {_amount(capacity[i], unit[i])} "
                           "over the horizon")
                else:
                    why = (f"the other sources' minimum orders (from "
                           f"{_amount(smallest[i], unit[i])}) are too large for a need of "
                           f"{_amount(need[i], unit[i])}")
                breaches.setdefault(why, []).append(
                    f"{what} {top[i]}{note} {share[i]:.0%} > {label} {cap:.0%}")
        parts += [f"{' and '.join(over)}: {why}" for why, over in breaches.items()]
        reasons[i] = "; ".join(parts)
    return reasons


def _supplier_totals(project: Project, lines: pd.DataFrame) -> pd.DataFrame:
    suppliers = project.suppliers.drop_duplicates("supplier_id").set_index("supplier_id")
    names = suppliers["name"].astype("string")
    grouped = lines.groupby("supplier_id", sort=True)
    total = float(np.nansum(lines["cost"]))
    out = pd.DataFrame({
        "supplier_id": pd.array(grouped.size().index.to_numpy(dtype=object), dtype="string"),
        "lines": grouped.size().to_numpy(dtype=np.int64),
        "materials": grouped["item_id"].nunique().to_numpy(dtype=np.int64),
        "cost": grouped["cost"].sum(min_count=1).to_numpy(dtype=float),
    })
    out.insert(1, "name", names.reindex(out["supplier_id"]).to_numpy())
    out.insert(2, "country", suppliers["country"].astype("string").reindex(
        out["supplier_id"]).to_numpy())
    out["cost_share"] = out["cost"] / total if total > 0 else np.nan
    return out.sort_values(["cost", "supplier_id"], ascending=[False, True],
                           kind="stable", na_position="last").reset_index(drop=True)


def _country_totals(report: Report, src: pd.DataFrame, quantity: np.ndarray,
                    materials: pd.DataFrame) -> pd.DataFrame:
    """Plan spend per origin country, and country dependence by value before and after.

    After: each material's daily use split by its planned mix where it has a plan, else
    by its current shares, at the sources' prices (docs/definitions.md: country dependence
    by value).
    """
    material = src["material"].to_numpy()
    planned = materials["planned"].to_numpy(dtype=float)
    use = materials["daily_use"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_after = np.where(planned[material] > 0, quantity / planned[material],
                               src["share"].to_numpy(dtype=float))
    price = np.nan_to_num(src["price"].to_numpy(dtype=float), nan=0.0)
    value_after = pd.Series(use[material] * share_after * price).groupby(
        src["origin_country"].to_numpy()).sum()
    before = report.country_dependence
    after = value_after / value_after.sum() if value_after.sum() > 0 else value_after * 0
    spend = pd.DataFrame({"country": src["origin_country"].to_numpy(),
                          "cost": quantity * src["price"].to_numpy(dtype=float),
                          "line": quantity > 0})
    spend = spend[spend["line"]].groupby("country").agg(lines=("line", "sum"),
                                                        cost=("cost", "sum"))
    countries = sorted(set(before.index) | set(after.index) | set(spend.index))
    total = float(spend["cost"].sum())
    out = pd.DataFrame({"origin_country": pd.array(countries, dtype="string")})
    out["lines"] = spend["lines"].reindex(countries, fill_value=0).to_numpy(dtype=np.int64)
    out["cost"] = spend["cost"].reindex(countries, fill_value=0.0).to_numpy(dtype=float)
    out["cost_share"] = out["cost"] / total if total > 0 else 0.0
    out["dependence_before"] = before.reindex(countries, fill_value=0.0).to_numpy(dtype=float)
    out["dependence_after"] = after.reindex(countries, fill_value=0.0).to_numpy(dtype=float)
    out = out[(out["dependence_before"] > 0) | (out["dependence_after"] > 0) | (out["lines"] > 0)]
    return out.sort_values(["dependence_after", "origin_country"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


# --- command line --------------------------------------------------------------------

PARAMETERS = tuple(f.name for f in fields(PlanParameters))


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


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | np.datetime64):
        return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    columns = {k: frame[k].tolist() for k in keys}
    return [{k: _json_value(columns[k][i]) for k in keys} for i in range(len(frame))]


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan for scripts: {"as_of", "parameters", "lines": [...], "materials": [...],
    "suppliers": [...], "countries": [...], "total_cost"}. Shares are fractions, dates
    ISO text, unknown figures null."""
    return {
        "as_of": plan.as_of.isoformat(),
        "currency": plan.currency,
        "parameters": {f.name: getattr(plan.parameters, f.name)
                       for f in fields(plan.parameters)},
        "total_cost": _json_value(plan.total_cost),
        "lines": _records(plan.lines, LINE_KEYS),
        "materials": _records(plan.materials, MATERIAL_COLUMNS),
        "suppliers": _records(plan.suppliers, tuple(plan.suppliers.columns)),
        "countries": _records(plan.countries, tuple(plan.countries.columns)),
    }
