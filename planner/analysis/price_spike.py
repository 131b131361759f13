"""Price spikes: what buying a material at F times its price for D days costs
(docs/definitions.md: Price spikes).

A :class:`PriceSpike` names its target (an item id, ``commodity:NAME`` or
``category:NAME``), the factor and the length. :func:`price_spike` works out, per targeted
material and in total, the extra cost of buying the requirement of those days at the
raised price, the part of it that the stock on hand and the open orders avoid (they were
bought at the old price and are used first), and the extra cost of the procurement plan's
lines ordered within the spike. Combined with a stop (a :class:`ScenarioResult`), only
the hit sources' share of the requirement, their orders and their plan lines are dearer.
Everything is on whole columns: one merge per table, no loop over materials.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.compute import Report
from planner.analysis.plan import Plan
from planner.analysis.scenario import ScenarioError, ScenarioResult, Stop, scenario
from planner.core.i18n import _
from planner.inputs.project import Project
from planner.inputs.usgs import closest_commodity, resolve_commodity
from planner.inputs.validation import MAX_DAYS

MAX_FACTOR = 1000.0  # a typo of x1e9 would print meaningless sums
PREFIXES = ("commodity", "category")


def _key(text: str) -> str:
    """A category compared as written in any case and width (ＡＢＣ = abc)."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


@dataclass(frozen=True)
class PriceSpike:
    """Prices of ``target`` multiplied by ``factor`` for ``days`` days from the as-of date.

    ``target``: an item id, ``commodity:NAME`` (a world production commodity, as the Items
    commodity cell names it) or ``category:NAME`` (an Items category, any case).
    """

    target: str
    factor: float
    days: int

    def __post_init__(self) -> None:
        if not self.target.strip():
            raise ScenarioError(_("a price spike needs a target: an item id, commodity:NAME "
                                  "or category:NAME"))
        by, sep, name = self.target.partition(":")
        if sep and by.strip().lower() in PREFIXES and not name.strip():
            raise ScenarioError(_("{target}: name the commodity or category after the colon, "
                                  "e.g. commodity:Rare Earths or category:magnet").format(
                                      target=self.target))
        factor = self.factor
        if (not isinstance(factor, int | float) or isinstance(factor, bool)
                or not math.isfinite(factor) or not 1.0 < factor <= MAX_FACTOR):
            raise ScenarioError(_factor_error(self.target, repr(factor)))
        days = self.days
        if (not isinstance(days, int) or isinstance(days, bool)
                or not 1 <= days <= MAX_DAYS):
            raise ScenarioError(_("a price spike lasts a whole number of days from 1 to "
                                  "{limit}, got {days}").format(limit=f"{MAX_DAYS:,.0f}",
                                                                days=repr(days)))

    @classmethod
    def parse(cls, spec: str, days: int) -> PriceSpike:
        """``TARGET:xF``: ``M-ND:x3``, ``commodity:Rare Earths:x5``, ``category:magnet:x2``
        (x in any case, or ×)."""
        target, sep, factor = spec.rpartition(":")
        factor = factor.strip()
        if not sep or not target.strip() or factor[:1] not in ("x", "X", "×"):
            raise ScenarioError(_("a price spike is written TARGET:xF, an item id, "
                                  "commodity:NAME or category:NAME and then the factor, e.g. "
                                  "M-ND:x3 or commodity:Rare Earths:x5; got {spec}").format(
                                      spec=repr(spec)))
        try:
            number = float(factor[1:])
        except ValueError:
            raise ScenarioError(_("{spec}: the price factor after x is a number above 1, e.g. "
                                  "x3 or x1.5; got {factor}").format(
                                      spec=repr(spec), factor=repr(factor))) from None
        if not (math.isfinite(number) and 1.0 < number <= MAX_FACTOR):
            raise ScenarioError(_factor_error(repr(spec), repr(factor)))
        by, colon, name = target.strip().partition(":")
        if colon and by.strip().lower() in PREFIXES:
            target = f"{by.strip().lower()}:{name.strip()}"
        return cls(target.strip(), number, days)

    @property
    def kind(self) -> str:
        """item, commodity or category."""
        by, sep, _name = self.target.partition(":")
        return by.lower() if sep and by.lower() in PREFIXES else "item"

    @property
    def name(self) -> str:
        """The item id, commodity or category the target names."""
        return self.target if self.kind == "item" else self.target.partition(":")[2]

    @property
    def label(self) -> str:
        return f"{self.target}:x{self.factor:g}"


def _factor_error(where: str, factor: str) -> str:
    return _("{spike}: the price factor is a number above 1 and at most {limit}, got "
             "{factor}").format(spike=where, limit=f"{MAX_FACTOR:,.0f}", factor=factor)


@dataclass
class PriceSpikeResult:
    """What one price spike costs, in the project's currency.

    materials: one row per targeted material (with a stop: those it hits), dearest first:
        item_id, name, unit, commodity, requirement (over the spike's days), hit_share
        (share of the requirement bought at the raised price: 1 for every source, or the
        stop's hit share), unpriced_share (of hit_share: sources without a price, charged
        at the mean price of the priced ones), price (mean price of the hit sources' priced
        rows, per unit), spiked_quantity
        (requirement × hit_share), extra_cost, on_hand, orders_due (the hit sources' open
        orders due within the spike, less what the stop loses), avoided_by_stock,
        avoided_by_orders, net_extra_cost, plan_cost (the plan's lines ordered within the
        spike, hit part), plan_extra_cost.
    """

    spike: PriceSpike
    as_of: dt.date
    currency: str
    stop: Stop | None
    materials: pd.DataFrame
    forecast: bool  # the requirement comes from the Forecast sheet's profile
    plan_used: bool  # plan_cost and plan_extra_cost come from a plan (else 0)

    def total(self, column: str) -> float:
        return float(np.nansum(self.materials[column].to_numpy(dtype=float)))

    @property
    def extra_cost(self) -> float:
        return self.total("extra_cost")

    @property
    def avoided_by_stock(self) -> float:
        return self.total("avoided_by_stock")

    @property
    def avoided_by_orders(self) -> float:
        return self.total("avoided_by_orders")

    @property
    def net_extra_cost(self) -> float:
        return self.total("net_extra_cost")

    @property
    def plan_extra_cost(self) -> float:
        return self.total("plan_extra_cost")


def spike_materials(project: Project, report: Report, spike: PriceSpike) -> np.ndarray:
    """Per row of report.materials: whether the spike's target names it. A target that
    names nothing the project could have is refused in words."""
    m = report.materials
    ids = m["item_id"].astype(str)
    if spike.kind == "item":
        chosen = (ids == spike.name).to_numpy(dtype=bool)
        if chosen.any():
            return chosen
        if (project.items["item_id"].astype(str) == spike.name).any():
            raise ScenarioError(_("{target}: {item} is not bought (a product or a component "
                                  "made in house); a price spike applies to purchased "
                                  "materials").format(target=spike.label, item=spike.name))
        raise ScenarioError(_("{target}: no purchased material {item}; a target is an item "
                              "id, commodity:NAME or category:NAME").format(
                                  target=spike.label, item=repr(spike.name)))
    if spike.kind == "commodity":
        named = resolve_commodity(spike.name)
        if not named:
            guess = closest_commodity(spike.name)
            raise ScenarioError(
                _("{target}: {name} is not a commodity of the USGS release; did you mean "
                  "{guess}?").format(target=spike.label, name=repr(spike.name), guess=guess)
                if guess else
                _("{target}: {name} is not a commodity of the USGS release (planner world "
                  "lists them)").format(target=spike.label, name=repr(spike.name)))
        return (m["commodity"] == named).fillna(False).to_numpy(dtype=bool)
    items = project.items.drop_duplicates("item_id")
    categories = items["category"].astype("string").fillna("")
    wanted = _key(spike.name)
    keys = categories.map(_key)
    if not (keys == wanted).any():
        shown = sorted({str(c) for c in categories if str(c).strip()}, key=_key)
        raise ScenarioError(_("{target}: no item has the category {name}; categories: "
                              "{categories}").format(target=spike.label,
                                                     name=repr(spike.name),
                                                     categories=", ".join(shown) or "-"))
    hit_ids = set(items["item_id"].astype(str)[(keys == wanted).to_numpy(dtype=bool)])
    return ids.isin(hit_ids).to_numpy(dtype=bool)


def _pair_key(item: pd.Series, supplier: pd.Series) -> pd.Series:
    return item.astype(str) + "\x1f" + supplier.astype(str)


def _hit_rows(report: Report, stop_result: ScenarioResult | None,
              chosen_ids: pd.Index) -> pd.DataFrame:
    """The Sources rows bought at the raised price: item_id, supplier_id, share, price.

    Without a stop every declared row of a targeted material; with one, the rows the stop
    hits (their share as hit: a country stop's part of an unknown origin), priced as
    their (item, supplier) rows are (the share-weighted mean when a pair has several)."""
    src = report.sources
    src = src[src["item_id"].isin(chosen_ids)]
    if stop_result is None:
        return src[["item_id", "supplier_id", "share", "price"]].reset_index(drop=True)
    priced = src.assign(pair=_pair_key(src["item_id"], src["supplier_id"]),
                        weighted=src["share"] * src["price"],
                        priced_share=src["share"].where(src["price"].notna(), 0.0))
    pairs = priced.groupby("pair")[["weighted", "priced_share"]].sum(min_count=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = (pairs["weighted"] / pairs["priced_share"]).where(pairs["priced_share"] > 0)
    hit = stop_result.sources
    hit = hit[hit["item_id"].isin(chosen_ids)]
    price = _pair_key(hit["item_id"], hit["supplier_id"]).map(mean)
    return pd.DataFrame({"item_id": hit["item_id"].to_numpy(),
                         "supplier_id": hit["supplier_id"].to_numpy(),
                         "share": hit["share"].to_numpy(dtype=float),
                         "price": price.to_numpy(dtype=float, na_value=np.nan)})


def _pair_fraction(report: Report, rows: pd.DataFrame, chosen_ids: pd.Index
                   ) -> pd.Series:
    """Per (item, supplier) pair key: the part of the pair's supply that is hit (its hit
    share ÷ its declared share, at most 1)."""
    src = report.sources[report.sources["item_id"].isin(chosen_ids)]
    declared = src["share"].groupby(_pair_key(src["item_id"], src["supplier_id"])).sum()
    hit = rows["share"].groupby(_pair_key(rows["item_id"], rows["supplier_id"])).sum()
    base = declared.reindex(hit.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = (hit / base).where(base > 0, 1.0)  # a hit backup at 0%: its orders whole
    return frac.clip(upper=1.0)


def _order_fraction(project: Project, orders: pd.DataFrame, pairs: pd.Series,
                    stop: Stop | None) -> np.ndarray:
    """Per order: the part bought from hit sources. Without a stop, all of it. With one,
    the hit part of its (item, supplier) pair; an order from a supplier without a Sources
    row for the item is hit whole when the stop names its supplier or the supplier's
    country."""
    if stop is None:
        return np.ones(len(orders))
    key = _pair_key(orders["item_id"], orders["supplier_id"])
    frac = key.map(pairs).to_numpy(dtype=float, na_value=np.nan)
    declared = set(_pair_key(project.sources["item_id"], project.sources["supplier_id"]))
    no_row = ~key.isin(declared).to_numpy(dtype=bool)
    if stop.by == "supplier":
        named = (orders["supplier_id"] == stop.key).fillna(False).to_numpy(dtype=bool)
    else:
        country = project.suppliers.drop_duplicates("supplier_id").set_index(
            "supplier_id")["country"]
        named = (orders["supplier_id"].map(country) == stop.key).fillna(False).to_numpy(
            dtype=bool)
    if stop.materials is not None:
        named &= orders["item_id"].isin(stop.materials).to_numpy(dtype=bool)
    return np.where(no_row, named.astype(float), np.nan_to_num(frac))


def _lost_within(project: Project, report: Report, result: ScenarioResult, days: int
                 ) -> pd.Series:
    """Per material: the open orders the stop loses within the first ``days`` days."""
    stop = result.stop
    if stop.days > days:  # the stop outlasts the spike: lost orders due after it differ
        review = stop.review_day if stop.review_day is not None and \
            stop.review_day <= days else None
        shorter = dataclasses.replace(stop, days=days, review_day=review,
                                      approved=stop.approved if review is not None else 0.0)
        result = scenario(project, shorter, report)
    m = result.materials
    return pd.Series(m["orders_lost"].to_numpy(dtype=float), index=m["item_id"].astype(str))


def price_spike(project: Project, report: Report, spike: PriceSpike,
                stop_result: ScenarioResult | None = None, plan: Plan | None = None
                ) -> PriceSpikeResult:
    """The extra cost of a price spike, per targeted material and in total.

    ``stop_result``: a stop run on the same project and report; the spike then raises the
    prices of its hit sources only. ``plan``: the procurement plan whose lines ordered
    within the spike cost F − 1 times more (None: no plan figures).
    """
    m = report.materials
    chosen = spike_materials(project, report, spike)
    stop = stop_result.stop if stop_result is not None else None
    mats = m[chosen].reset_index(drop=True)
    ids = pd.Index(mats["item_id"].astype(str))
    days, factor = spike.days, float(spike.factor)
    rows = _hit_rows(report, stop_result, ids)

    # per material: the hit share, its priced part and the mean price of the hit rows
    at = ids.get_indexer(pd.Index(rows["item_id"].astype(str)))
    share = rows["share"].to_numpy(dtype=float)
    price = rows["price"].to_numpy(dtype=float)
    known = ~np.isnan(price)
    n = len(ids)
    hit_share = np.bincount(at, weights=share, minlength=n)
    priced_share = np.bincount(at[known], weights=share[known], minlength=n)
    value = np.bincount(at[known], weights=share[known] * price[known], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_price = np.where(priced_share > 0, value / priced_share, np.nan)
        unpriced = np.where(hit_share > 0, 1.0 - priced_share / hit_share, 0.0)

    forecast = report.profile is not None
    if report.profile is not None:
        requirement = report.profile.select(ids).total(float(days))
    else:
        requirement = mats["daily_use"].to_numpy(dtype=float) * days
    requirement = np.nan_to_num(requirement)
    spiked = requirement * np.minimum(hit_share, 1.0)
    step = (factor - 1.0) * np.nan_to_num(mean_price)  # the rise per unit bought
    extra = spiked * step

    # the stock and the hit sources' open orders due within the spike are used first
    on_hand = np.nan_to_num(mats["on_hand"].to_numpy(dtype=float))
    pairs = _pair_fraction(report, rows, ids)
    orders = project.orders[project.orders["item_id"].isin(ids)]
    due_day = ((orders["due_date"].to_numpy().astype("datetime64[D]")
                - np.datetime64(report.as_of, "D")).astype(np.int64))
    within = due_day < days  # overdue ones arrive on day 0
    qty = orders["quantity"].to_numpy(dtype=float) * _order_fraction(
        project, orders, pairs, stop)
    o_at = ids.get_indexer(pd.Index(orders["item_id"].astype(str)))
    due = np.bincount(o_at[within], weights=np.nan_to_num(qty[within]), minlength=n
                      ).astype(float)  # no order: numpy gives integers
    if stop_result is not None and len(orders):
        lost = _lost_within(project, report, stop_result, days)
        due = np.maximum(due - lost.reindex(ids).fillna(0.0).to_numpy(dtype=float), 0.0)
    from_stock = np.minimum(on_hand, spiked)
    from_orders = np.minimum(due, spiked - from_stock)

    plan_cost = np.zeros(n)
    if plan is not None and len(plan.lines):
        lines = plan.lines[plan.lines["item_id"].isin(ids)]
        order_day = ((lines["order_by"].to_numpy().astype("datetime64[D]")
                      - np.datetime64(report.as_of, "D")).astype(np.int64))
        frac = (np.ones(len(lines)) if stop is None else _pair_key(
            lines["item_id"], lines["supplier_id"]).map(pairs).fillna(0.0).to_numpy(
                dtype=float))
        cost = np.nan_to_num(lines["cost"].to_numpy(dtype=float)) * frac
        ordered = order_day < days  # "order now" lines are ordered at once
        l_at = ids.get_indexer(pd.Index(lines["item_id"].astype(str)))
        plan_cost = np.bincount(l_at[ordered], weights=cost[ordered], minlength=n).astype(
            float)

    table = pd.DataFrame({
        "item_id": mats["item_id"], "name": mats["name"], "unit": mats["unit"],
        "commodity": mats["commodity"],
        "requirement": requirement, "hit_share": hit_share, "unpriced_share": unpriced,
        "price": mean_price, "spiked_quantity": spiked, "extra_cost": extra,
        "on_hand": on_hand, "orders_due": due,
        "avoided_by_stock": from_stock * step, "avoided_by_orders": from_orders * step,
        "net_extra_cost": (spiked - from_stock - from_orders) * step,
        "plan_cost": plan_cost, "plan_extra_cost": plan_cost * (factor - 1.0),
    })
    if stop is not None:
        table = table[hit_share > 0]
    order = np.lexsort((table["item_id"].to_numpy(dtype=object),
                        -table["extra_cost"].to_numpy(dtype=float)))
    return PriceSpikeResult(spike, report.as_of, project.settings.currency, stop,
                            table.iloc[order].reset_index(drop=True), forecast,
                            plan is not None)
