"""The plan's result tables, from the allocation's quantities (docs/definitions.md).

planner.analysis.plan solves how much to buy from each source; this module turns that into
what a :class:`~planner.analysis.plan.Plan` holds:

- each order rounded to its source's step (order multiple, whole units);
- when stock falls to its target level and runs out, hence each line's needed-by,
  order-by and arrival dates, days late and stock-out warning;
- ``order_lines``: the order lines (LINE_COLUMNS);
- ``materials_table``: per purchased item, the need, the plan, the mix and cover before
  and after, and in words why a cap or today's mix could not be kept (MATERIAL_COLUMNS);
- ``supplier_totals`` and ``country_totals``.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.analysis.compute import Report
from planner.core import formatting as fmt
from planner.core.i18n import N_, catalogue, language
from planner.inputs.project import Project

if TYPE_CHECKING:
    from planner.analysis.plan import PlanParameters

SHARE_TOLERANCE = 1e-6  # a share within this of its cap is at the cap, not over it

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
# Today's effective origin (planner.analysis.lookthrough), straight from the report's
# materials: the workbook shows it beside the declared one; not in the plan's JSON
EFFECTIVE_COLUMNS = ("commodity", "effective_top_country", "effective_top_share")
LINE_COLUMNS = (
    "item_id", "name", "unit", "supplier_id", "supplier_name", "origin_country", "quantity",
    "unit_price", "cost", "order_currency", "order_unit_price", "lead_time_days", "moq",
    "capacity", "order_multiple", "needed_by", "order_by", "arrival", "late", "days_late",
    "action", "stock_out", "days_uncovered", "warning",
)
# The words of ``action``, ``warning`` and ``reason`` stay English in those columns (the
# plan's JSON reads the same in every language); ``action_text``, ``warning_text`` and
# ``reason_text`` carry them in the language chosen when the plan was made, for people.
ORDER_NOW = N_("order now")  # the action of a line whose order-by date is today or past
NOT_YET = N_("not yet")  # ... of one whose order-by date is still ahead
STOCK_OUT_WARNING = N_("Stock runs out on {date}, before this order can arrive (days "
                       "without stock: {days}).")


def _languages() -> tuple[gettext.NullTranslations, gettext.NullTranslations | None]:
    """English, and the current language's catalogue when it is not English."""
    here = language()
    return gettext.NullTranslations(), None if here == "en" else catalogue(here)


# --- rounding ------------------------------------------------------------------------

COUNT_UNITS = frozenset({
    "pc", "pcs", "piece", "pieces", "ea", "each", "unit", "units", "u", "set", "sets",
    "pair", "pairs", "no", "nos", "nr", "stk", "st", "stück", "roll", "rolls", "box",
    "boxes", "pack", "packs", "kit", "kits", "lot", "lots"})


def whole_units(units: pd.Series) -> pd.Series:
    """Items counted in whole units (pcs, sets, ...): their orders are whole numbers."""
    keys = units.astype("string").str.strip().str.lower().str.rstrip(".")
    return keys.isin(COUNT_UNITS).fillna(False).astype(bool)


def rounded_orders(src: pd.DataFrame, quantity: np.ndarray) -> np.ndarray:
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

def fall_days(project: Project, report: Report, need: np.ndarray,
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

def order_lines(project: Project, report: Report, src: pd.DataFrame, quantity: np.ndarray,
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
    local = _languages()[1]
    local_warning = STOCK_OUT_WARNING if local is None else local.gettext(STOCK_OUT_WARNING)
    warning = [STOCK_OUT_WARNING.format(date=pd.Timestamp(day).date().isoformat(),
                                        days=f"{days:,}") if days > 0 else ""
               for day, days in zip(stock_out, uncovered.tolist(), strict=True)]
    warning_text = warning if local is None else [
        local_warning.format(date=fmt.date(day), days=f"{days:,}")
        if days > 0 else "" for day, days in zip(stock_out, uncovered.tolist(), strict=True)]
    action = np.where(order_by <= as_of, ORDER_NOW, NOT_YET)
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
        "action": action,
        "stock_out": stock_out,
        "days_uncovered": uncovered.astype(np.int64),
        "warning": warning,
        "action_text": action if local is None else np.where(
            action == ORDER_NOW, local.gettext(ORDER_NOW), local.gettext(NOT_YET)),
        "warning_text": warning_text,
    })
    for text in ("unit", "action", "warning", "action_text", "warning_text"):
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


def materials_table(report: Report, params: PlanParameters, src: pd.DataFrame,
                    quantity: np.ndarray, need: np.ndarray, available: np.ndarray,
                    method: np.ndarray, lines: pd.DataFrame) -> pd.DataFrame:
    """The plan per purchased item, in the report's order (MATERIAL_COLUMNS): the need and
    the plan, the mix and cover before and after, cap breaches and their reasons."""
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
    english, local = _languages()
    reasons = _reasons(out, src, available, params, rules, english)
    out["reason"] = pd.array(reasons, dtype="string")
    out["method"] = pd.array(method.astype(str), dtype="string")
    out["reason_text"] = out["reason"] if local is None else pd.array(
        _reasons(out, src, available, params, rules, local), dtype="string")
    for column in EFFECTIVE_COLUMNS:
        out[column] = (m[column].set_axis(out.index) if column in m.columns
                       else pd.Series(pd.NA, index=out.index, dtype="object"))
    return out[[*MATERIAL_COLUMNS, "reason_text", *EFFECTIVE_COLUMNS]]


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


def today_country_share(src: pd.DataFrame) -> np.ndarray:
    """Per source row: today's share (Sources) of its origin country in its material."""
    share = np.nan_to_num(src["share"].to_numpy(dtype=float), nan=0.0)
    return pd.Series(share).groupby([src["material"].to_numpy(),
                                     src["origin_country"].to_numpy()]).transform("sum"
                                                                                  ).to_numpy()


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
        rise = share_after[rows] - today_country_share(src)[rows]
        order = rows[np.argsort(rise, kind="stable")]  # the largest rise of each last
        grown = share_after[order] - today_country_share(src)[order]
        m = material[order]
        growth[m] = grown
        share[m] = share_after[order]
        bound[m] = today_country_share(src)[order]
        top.iloc[m] = src["origin_country"].astype("string").to_numpy()[order]
    rules.append(_Rule(growth > SHARE_TOLERANCE, "country", top, share, bound, "today's",
                       " (export controls)"))
    return rules


def _reasons(out: pd.DataFrame, src: pd.DataFrame, available: np.ndarray,
             params: PlanParameters, rules: list[_Rule],
             words: gettext.NullTranslations) -> list[str]:
    """Why a material's plan is not simply 'the need, within the caps', in words (of
    ``words``' language); with ``rules`` (objective "diversify"), also where its mix is
    more concentrated than today's."""
    _ = words.gettext
    pgettext = words.pgettext
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
    extra_why = {  # (whole units, order multiples) -> why the plan is above the need
        (True, True): N_("minimum order quantities, order multiples and whole units raise "
                         "the plan {amount} above the need"),
        (False, True): N_("minimum order quantities and order multiples raise the plan "
                          "{amount} above the need"),
        (True, False): N_("minimum order quantities and whole units raise the plan {amount} "
                          "above the need"),
        (False, False): N_("minimum order quantities raise the plan {amount} above the "
                           "need"),
    }
    what_words = {"supplier": N_("supplier"), "country": N_("country")}
    label_words = {"cap": N_("cap"), "today's": N_("today's")}
    note_words = {"": "", " (export controls)": N_(" (export controls)")}
    for i in interesting:
        parts: list[str] = []
        if need[i] <= 0:
            parts.append(_("no order needed; the current mix stays as it is"))
        elif sources[i] == 0:
            parts.append(_("no source on file"))
        elif available[i] <= 0:
            parts.append(_("no source can deliver: capacity below its minimum order "
                           "quantity"))
        elif short[i]:
            parts.append(_("the sources can deliver only {available} over the horizon, "
                           "{short} short").format(
                available=_amount(available[i], unit[i]),
                short=_amount(need[i] - planned[i], unit[i])))
        elif extra[i]:
            parts.append(_(extra_why[bool(whole[i]), bool(multiple[i])]).format(
                amount=_amount(planned[i] - need[i], unit[i])))
        breaches: dict[str, list[str]] = {}  # why -> what is over its cap, for that reason
        for flag, what, bound, label, note, top, share, capacity, smallest, distinct in checks:
            cap = bound[i]
            if flag[i] and planned[i] > 0:
                country = what == "country"
                if sources[i] == 1:
                    why = _("only one qualified source")
                elif distinct[i] == 0:
                    why = (_("only one origin country ({key})") if country
                           else _("only one supplier ({key})")).format(key=top[i])
                elif capacity[i] <= 0:
                    why = (_("no other country can deliver (capacity below the minimum "
                             "order)") if country else
                           _("no other supplier can deliver (capacity below the minimum "
                             "order)"))
                elif capacity[i] < (1 - cap) * planned[i] * (1 + 1e-9):
                    why = (_("other countries can deliver {amount} over the horizon")
                           if country else
                           _("other suppliers can deliver {amount} over the horizon")
                           ).format(amount=_amount(capacity[i], unit[i]))
                else:
                    why = _("the other sources' minimum orders (from {smallest}) are too "
                            "large for a need of {need}").format(
                        smallest=_amount(smallest[i], unit[i]),
                        need=_amount(need[i], unit[i]))
                breaches.setdefault(why, []).append(
                    _("{what} {key}{note} {share} > {label} {cap}").format(
                        what=_(what_words[what]), key=top[i],
                        note=_(note_words[note]) if note else "",
                        share=f"{share[i]:.0%}", label=_(label_words[label]),
                        cap=f"{cap:.0%}"))
        parts += [_("{over}: {why}").format(
            over=pgettext("list", " and ").join(over), why=why)
            for why, over in breaches.items()]
        reasons[i] = pgettext("list", "; ").join(parts)
    return reasons


def supplier_totals(project: Project, lines: pd.DataFrame) -> pd.DataFrame:
    """Plan lines, materials and spend per supplier, the largest spend first."""
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


def country_totals(report: Report, src: pd.DataFrame, quantity: np.ndarray,
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

