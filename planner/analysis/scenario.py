"""Disruption scenarios: time to survive (TTS) against time to recover (TTR).

A :class:`Stop` cuts the deliveries of the sources whose origin country is C, or whose
supplier is S, from the as-of date for a number of days. :func:`scenario` projects the
stock of every material it hits day by day and says when each material and each product
runs out; :func:`rank` stops every supplier and every origin country in turn, each for its
time to recover, and ranks them by revenue at risk. docs/definitions.md
states the model; in short, day 0 is the as-of date and on each day:

1. open orders due that day arrive (overdue ones on day 0), except the ``cut`` fraction of
   orders from hit sources, which is lost;
2. the part of the requirement the stop does not hit, ``(1 − cut × hit share) × req``,
   arrives as usual; from day ``lead_time_days`` on, every unaffected source may deliver
   up to its capacity (capacity_per_month × 12/365 a day) instead of its share; this flow
   never exceeds the daily requirement;
3. the day's requirement is consumed; what the stock cannot give is unmet.

With a Forecast sheet, ``req`` is that day's requirement r(t) (planner/analysis/forecast.py):
it changes on the first day of each month.

This module turns a project into arrays (:func:`prepare`), says what each stop hits and
builds the result tables; the day loop itself, run once for a whole batch of stops, is
:func:`planner.analysis.simulation.simulate`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from planner.analysis import alternates
from planner.analysis.arrays import csr, expand
from planner.analysis.compute import Report, bom_arrays, compute
from planner.analysis.prices import item_prices
from planner.analysis.product_view import take
from planner.analysis.simulation import Outcome, ScenarioData, simulate
from planner.core.errors import PlannerError
from planner.core.i18n import _
from planner.inputs.choices import country_codes, country_name
from planner.inputs.project import Project
from planner.inputs.schema import DAYS_PER
from planner.inputs.validation import MAX_DAYS

By = Literal["country", "supplier"]
BY: tuple[By, ...] = ("country", "supplier")


class ScenarioError(PlannerError):
    """A stop that cannot be run: a bad specification, length or cut."""


@dataclass(frozen=True)
class Stop:
    """Deliveries stopped from the as-of date for ``days`` days.

    ``cut`` is the fraction of the hit sources' deliveries (and open orders) that is lost:
    1 stops them, 0.5 halves them. ``materials`` limits the stop to the sources of those
    items (a preset's matched materials); None hits every material. A licence regime
    rather than an embargo: from day ``review_day`` (the licence review done) the fraction
    ``approved`` of what the stop cut is delivered again; None: no review.
    """

    by: By
    key: str
    days: int
    cut: float = 1.0
    materials: frozenset[str] | None = None
    name: str = ""  # what the stop is called in a view, e.g. a preset's title
    review_day: int | None = None
    approved: float = 0.0

    def __post_init__(self) -> None:
        if self.by not in BY:
            raise ScenarioError(_("a stop is by country or by supplier, not {by}").format(
                by=repr(self.by)))
        if not self.key:
            raise ScenarioError(_("a stop needs a country code or a supplier id"))
        if not isinstance(self.days, int) or isinstance(self.days, bool) or self.days < 0:
            raise ScenarioError(_("a stop lasts a whole number of days, got {days}").format(
                days=repr(self.days)))
        if self.days > MAX_DAYS:
            raise ScenarioError(_("a stop lasts at most {limit:,.0f} days (100 years), got "
                                  "{text}").format(limit=MAX_DAYS, text=f"{self.days:,}"))
        if not (isinstance(self.cut, int | float) and 0.0 < self.cut <= 1.0):
            raise ScenarioError(_("the cut is a fraction above 0 and at most 1, got {cut}")
                                .format(cut=repr(self.cut)))
        if self.review_day is not None and not (
                isinstance(self.review_day, int) and not isinstance(self.review_day, bool)
                and 0 <= self.review_day <= self.days):
            raise ScenarioError(_("the licence review ends on a whole day from 0 to the "
                                  "stop's {days} days, got {day}").format(
                                      days=self.days, day=repr(self.review_day)))
        if not (isinstance(self.approved, int | float) and 0.0 <= self.approved <= 1.0):
            raise ScenarioError(_("the approved share is a fraction from 0 to 1, got "
                                  "{approved}").format(approved=repr(self.approved)))
        if self.approved and self.review_day is None:
            raise ScenarioError(_("an approved share needs the day the licence review ends "
                                  "(--licence-review)"))

    @classmethod
    def parse(cls, spec: str, days: int, cut: float = 1.0,
              materials: frozenset[str] | None = None, name: str = "") -> Stop:
        """``country:CN`` or ``supplier:SUP-QRM`` (a country code in any case)."""
        by, sep, key = spec.partition(":")
        by, key = by.strip().lower(), key.strip()
        if not sep or by not in BY or not key:
            raise ScenarioError(_("a stop is written country:CODE or supplier:ID, got {spec}")
                                .format(spec=repr(spec)))
        return cls(by, key.upper() if by == "country" else key, days, cut, materials, name)

    @property
    def label(self) -> str:
        return f"{self.by}:{self.key}"


ALTERNATE_COLUMNS = ["item_id", "item_name", "unit", "alternate_id", "alternate_name", "ratio",
                     "qualification_days", "max_share", "switched_day", "uncovered",
                     "replaced", "replaced_share", "alternate_used"]


@dataclass
class ScenarioResult:
    """What one stop does to a project; every table is ready to show.

    materials: one row per material the stop hits, soonest out first: item_id, name, unit,
        daily_use, on_hand, hit_share, lost_share (hit share × cut), orders_arriving and
        orders_lost (quantities within the stop), ramp_up_per_day (extra capacity of the
        unaffected sources reached by the end of the stop), time_to_survive_days (None: it
        lasts the stop), outage_days, shortfall, shortfall_value, stock_at_end,
        time_to_recover_days, gap_days, strategic_stock, strategic_stock_value,
        looked_through_share (the part of hit_share that look-through found: supply of
        unknown origin spread over the world's producers, planner.analysis.lookthrough),
        deficit_peak (the largest requirement not met by arrivals, summed from day 0: with
        S on hand, max(deficit_peak - S, 0) goes unmet, as arrivals never depend on the
        stock).
    products: one row per product that uses a hit material, soonest stopped first:
        item_id, name, daily_demand, unit_price, time_to_stop_days (None: it lasts the
        stop), binding_material, buffer_days (intermediate stock of that material's path),
        outage_days, units_lost, revenue_at_risk.
    projection: stock at the start of each day 0..days (index ``day``; day ``days`` is the
        end of the stop), one column per row of ``materials``, for the curves.
    sources: the Sources rows the stop hits (item_id, supplier_id, origin_country, share,
        looked_through, time_to_recover_days as used); a row of unknown origin is hit in
        the part look-through gives the stopped country.
    alternates: one row per Alternates row the stop could use (its item uses a material
        the stop hits), first switched first: item_id, item_name, unit (the item's),
        alternate_id,
        alternate_name, ratio, qualification_days, max_share, switched_day (None: never
        used), uncovered (units of the item the stop left uncovered from the
        qualification day), replaced (units of the item made from the alternate),
        replaced_share (replaced ÷ uncovered; None when nothing was uncovered),
        alternate_used (ratio × replaced, in the alternate's unit).

    The materials table also lists a material the stop does not hit when an alternate
    consumed it (hit_share 0); ``used_for_alternates`` is what the alternates consumed of
    each material, and ``alternate_only`` says the stop does not hit it.
    """

    stop: Stop
    as_of: dt.date
    currency: str
    materials: pd.DataFrame
    products: pd.DataFrame
    projection: pd.DataFrame
    sources: pd.DataFrame
    alternates: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=ALTERNATE_COLUMNS))

    @property
    def revenue_at_risk(self) -> float:
        return float(self.products["revenue_at_risk"].sum())

    @property
    def units_lost(self) -> float:
        return float(self.products["units_lost"].sum())

    @property
    def first_stockout_days(self) -> float | None:
        tts = self.materials["time_to_survive_days"].dropna()
        return float(tts.min()) if len(tts) else None

    def dates(self) -> pd.DatetimeIndex:
        """The calendar date of each row of ``projection``."""
        return pd.DatetimeIndex(pd.Timestamp(self.as_of) + pd.to_timedelta(
            self.projection.index, unit="D"), name="date")


@dataclass
class Ranking:
    """Every supplier and origin country stopped for its time to recover, worst first.

    stops: rank, by, key, name, days, materials_hit, materials_out, first_stockout_days,
        products_stopped, units_lost, revenue_at_risk, risk_exposure_index (revenue at risk
        ÷ the largest), shortfall_value, daily_spend, spend_share.
    """

    as_of: dt.date
    currency: str
    default_days: int  # the length of a stop whose sources have no time_to_recover_days
    stops: pd.DataFrame = field(repr=False)

    def stop_at(self, row: int) -> Stop:
        """The stop of one ranked row, to run with :func:`scenario` for its detail."""
        r = self.stops.iloc[row]
        return Stop(r["by"], str(r["key"]), int(r["days"]), name=str(r["name"]))


# --- the project as arrays ---------------------------------------------------------------

def prepare(project: Project, report: Report) -> ScenarioData:
    m = report.materials
    mat_index = pd.Index(m["item_id"])
    n_mat = len(m)
    req = m["daily_use"].to_numpy(dtype=float)
    stock = np.nan_to_num(m["on_hand"].to_numpy(dtype=float))

    # the effective rows: a country stop hits the spread part of an unknown origin
    src = report.sources if report.effective_sources is None else report.effective_sources
    row_mat = mat_index.get_indexer(src["item_id"])
    src = src[row_mat >= 0].reset_index(drop=True)
    row_mat = row_mat[row_mat >= 0]
    share = src["share"].to_numpy(dtype=float)
    lead = src["lead_time_days"].to_numpy(dtype=float)
    cap = src["capacity_per_month"].to_numpy(dtype=float) / DAYS_PER["month"]
    ramps = np.isfinite(lead) & np.isfinite(cap)
    lead_day = np.where(ramps, np.ceil(np.where(ramps, lead, 0.0)), np.inf)
    extra = np.where(ramps, np.maximum(np.nan_to_num(cap) - share * req[row_mat], 0.0), 0.0)
    daily_value = src["daily_value"].to_numpy(dtype=float)
    spend = np.bincount(row_mat, weights=daily_value, minlength=n_mat)
    item_price = pd.Series(item_prices(project), index=project.items["item_id"])
    price = m["item_id"].map(item_price).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(req > 0, spend / req, np.nan)
    value = np.nan_to_num(np.where(np.isfinite(value) & (value > 0), value, price))
    rows_by_mat, row_starts = csr(row_mat, n_mat)

    orders = project.orders
    ord_mat = mat_index.get_indexer(orders["item_id"])
    known = ord_mat >= 0
    orders = orders[known].reset_index(drop=True)
    ord_mat = ord_mat[known]
    as_of = np.datetime64(report.as_of, "D")
    due = orders["due_date"].to_numpy().astype("datetime64[D]")
    ord_day = np.maximum((due - as_of).astype(np.int64), 0)  # overdue: day 0
    supplier_country = project.suppliers.drop_duplicates("supplier_id").set_index(
        "supplier_id")["country"]
    origins = _order_origins(orders, src, supplier_country)
    orders_by_mat, order_starts = csr(ord_mat, n_mat)

    products, pair_item_product, pair_mat, pair_buffer = _product_paths(project, report,
                                                                        mat_index)
    order_pairs, pair_starts = csr(pair_mat, n_mat)
    suppliers = project.suppliers.drop_duplicates("supplier_id")[
        ["supplier_id", "name", "country"]].reset_index(drop=True)
    return ScenarioData(
        report.as_of, project.settings.currency, m, req, stock, value, src, row_mat, share,
        lead_day, extra, src["time_to_recover_days"].to_numpy(dtype=float), daily_value,
        rows_by_mat, row_starts, ord_mat, orders["quantity"].to_numpy(dtype=float), ord_day,
        orders["supplier_id"], origins, orders_by_mat, order_starts, products,
        pair_item_product[order_pairs], pair_buffer[order_pairs], pair_starts, suppliers,
        np.nan_to_num(cap), None if report.profile is None else report.profile.select(
            m["item_id"]), report.sources, alternates.links(project, report, mat_index))


def _order_origins(orders: pd.DataFrame, src: pd.DataFrame, supplier_country: pd.Series
                   ) -> pd.DataFrame:
    """Each order's origin countries, weighted by the shares of its (item, supplier) rows.

    A supplier selling one item from two origins (two Sources rows) has its orders split
    between them pro rata to the rows' shares; an order without a Sources row comes from
    its supplier's country. The rows are the effective ones: an order of unknown origin is
    split over the world's producers as its row is, its Other countries' part having no
    origin.
    """
    o = pd.DataFrame({"order": np.arange(len(orders)), "item_id": orders["item_id"],
                      "supplier_id": orders["supplier_id"]})
    rows = src[["item_id", "supplier_id", "origin_country", "share"]].assign(
        row=np.arange(len(src)))
    joined = o.merge(rows, on=["item_id", "supplier_id"], how="left", sort=False,
                     indicator=True)
    share = joined["share"].to_numpy(dtype=float, na_value=np.nan)
    no_row = (joined["_merge"] == "left_only").to_numpy() | np.isnan(share)
    group = joined.groupby("order")
    total = group["share"].transform("sum").to_numpy(dtype=float, na_value=0.0)
    count = group["order"].transform("size").to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(total > 0, share / total, 1.0 / count)
    country = joined["origin_country"].astype(object).where(
        ~no_row, joined["supplier_id"].map(supplier_country).astype(object))
    return pd.DataFrame({"order": joined["order"].to_numpy(),
                         "row": np.where(no_row, -1, joined["row"].to_numpy(
                             dtype=float, na_value=-1)).astype(np.int64),
                         "origin_country": country.astype("string").reset_index(drop=True),
                         "weight": np.where(no_row, 1.0, weight)})


def _product_paths(project: Project, report: Report, mat_index: pd.Index
                   ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Every (product, purchased item) pair with the buffer days between them.

    The buffer of a path from a product down to a material is the sum of the days of cover
    (on hand ÷ daily requirement) of the items on it above the material, the product's own
    finished stock included: when the material runs out, each of those stocks keeps its
    parent going for its days of cover, one after the other. With several paths the
    product stops on the shortest one. Computed top-down over the BOM levels, one min per
    (product, item) pair, vectorised.
    """
    items = report.items
    ids = items["item_id"]
    index = pd.Index(ids)
    n = len(items)
    parents, children, _ = bom_arrays(project, index)
    known = (parents >= 0) & (children >= 0)
    parents, children = parents[known], children[known]
    level = items["level"].to_numpy(dtype=np.int64)
    use = items["daily_use"].to_numpy(dtype=float)
    stock = project.stock.drop_duplicates("item_id")
    on_hand = np.zeros(n)
    where = index.get_indexer(stock["item_id"])
    on_hand[where[where >= 0]] = np.nan_to_num(stock["on_hand"].to_numpy(dtype=float))[
        where >= 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        days = np.where(use > 0, on_hand / use, np.where(on_hand > 0, np.inf, 0.0))
    edges, starts = csr(parents, n)
    child_of = children[edges]

    kind = items["kind"].to_numpy(dtype=object)
    product_pos = np.flatnonzero(kind == "product")
    pool_p, pool_x, pool_d = product_pos, product_pos.copy(), np.zeros(len(product_pos))
    done_p, done_x, done_d = [], [], []
    for lvl in range(int(level.max(initial=-1)) + 1):
        here = level[pool_x] == lvl
        p, x, d = pool_p[here], pool_x[here], pool_d[here]
        pool_p, pool_x, pool_d = pool_p[~here], pool_x[~here], pool_d[~here]
        order = np.lexsort((d, x, p))
        p, x, d = p[order], x[order], d[order]
        first = np.r_[True, (p[1:] != p[:-1]) | (x[1:] != x[:-1])] if len(p) else here[:0]
        p, x, d = p[first], x[first], d[first]
        done_p.append(p)
        done_x.append(x)
        done_d.append(d)
        entry, place = expand(x, starts)
        pool_p = np.r_[pool_p, p[entry]]
        pool_x = np.r_[pool_x, child_of[place]]
        pool_d = np.r_[pool_d, d[entry] + days[x[entry]]]
    p = np.concatenate(done_p) if done_p else np.zeros(0, dtype=np.int64)
    x = np.concatenate(done_x) if done_x else np.zeros(0, dtype=np.int64)
    d = np.concatenate(done_d) if done_d else np.zeros(0)
    mat = mat_index.get_indexer(ids.to_numpy(dtype=object)[x]) if len(x) else x
    keep = mat >= 0

    prices = pd.Series(item_prices(project), index=project.items["item_id"])
    products = pd.DataFrame({
        "item_id": ids.iloc[product_pos].reset_index(drop=True),
        "name": items["name"].iloc[product_pos].reset_index(drop=True),
        "daily_demand": items["own_demand"].to_numpy(dtype=float)[product_pos],
    })
    products["unit_price"] = np.nan_to_num(products["item_id"].map(prices).to_numpy(
        dtype=float, na_value=np.nan))
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[product_pos] = np.arange(len(product_pos))
    return products, row_of[p[keep]], mat[keep], d[keep]


# --- one stop ----------------------------------------------------------------------------

def scenario(project: Project, stop: Stop, report: Report | None = None) -> ScenarioResult:
    """Project the stock of every material ``stop`` hits, day by day, and its products."""
    data = prepare(project, report if report is not None else compute(project))
    if stop.by == "supplier" and not (data.suppliers["supplier_id"] == stop.key).any():
        raise ScenarioError(_("{stop}: no such supplier in the Suppliers table").format(
            stop=f"supplier:{stop.key}"))
    if stop.by == "country" and stop.key not in country_codes():
        raise ScenarioError(_("{stop}: not an ISO 3166 two-letter country code").format(
            stop=f"country:{stop.key}"))
    src = data.src
    column = "supplier_id" if stop.by == "supplier" else "origin_country"
    hit = (src[column] == stop.key).fillna(False).to_numpy(dtype=bool)
    o = data.origins
    if stop.by == "supplier":
        o_order = np.flatnonzero((data.ord_supplier == stop.key).fillna(False).to_numpy(
            dtype=bool))
        o_frac = np.ones(len(o_order))
    else:
        sel = (o["origin_country"] == stop.key).fillna(False).to_numpy(dtype=bool)
        o_order, o_frac = o["order"].to_numpy()[sel], o["weight"].to_numpy()[sel]
    if stop.materials is not None:
        chosen = data.materials["item_id"].isin(stop.materials).to_numpy(dtype=bool)
        hit &= chosen[data.row_mat]
        keep = chosen[data.ord_mat[o_order]]
        o_order, o_frac = o_order[keep], o_frac[keep]
    h_row = np.flatnonzero(hit)
    out = simulate(data, np.array([stop.days]), np.array([float(stop.cut)]),
                   np.zeros(len(h_row), dtype=np.int64), h_row,
                   np.zeros(len(o_order), dtype=np.int64), o_order, o_frac, record=True,
                   review=np.array([np.inf if stop.review_day is None
                                    else float(stop.review_day)]),
                   approved=np.array([float(stop.approved)]))

    materials = _material_table(data, out)
    # a material the stop leaves alone is shown when an alternate consumed some of it
    shown = ~out.companion | (out.used_for_alternates > 0) if out.companion is not None \
        and out.used_for_alternates is not None else np.ones(len(materials), dtype=bool)
    materials = materials[shown].reset_index(drop=True)
    kept = np.flatnonzero(shown)
    order = np.lexsort((materials["item_id"].to_numpy(dtype=object),
                        np.nan_to_num(materials["time_to_survive_days"].to_numpy(
                            dtype=float, na_value=np.nan), nan=np.inf)))
    materials = materials.iloc[order].reset_index(drop=True)
    projection = pd.DataFrame(out.projection[:, kept[order]] if out.projection is not None
                              else None,
                              columns=pd.Index(materials["item_id"], dtype="string"),
                              index=pd.RangeIndex(stop.days + 1, name="day"))
    products = _product_table(data, out, stop.days)
    used = src[hit][["item_id", "supplier_id", "origin_country", "share"]].reset_index(
        drop=True)
    used["looked_through"] = _looked(src)[hit]
    used["time_to_recover_days"] = np.where(np.isnan(data.ttr[h_row]), float(stop.days),
                                            data.ttr[h_row])
    # a country stop hits the part look-through gives the country; a supplier stop hits a
    # supplier's rows whole, whatever their origins: nothing of it was found by look-through
    looked = hit & _looked(src) & (stop.by == "country")
    looked_share = np.bincount(data.row_mat[looked], weights=data.share[looked],
                               minlength=len(data.materials))
    materials["looked_through_share"] = looked_share[pd.Index(data.materials["item_id"])
                                                     .get_indexer(materials["item_id"])]
    if stop.by == "supplier" and data.declared_sources is not None and "source_row" in src:
        rows = pd.unique(src["source_row"].to_numpy()[hit])
        declared = data.declared_sources
        used = declared.iloc[rows][["item_id", "supplier_id", "origin_country", "share"]] \
            .reset_index(drop=True)
        ttr = declared["time_to_recover_days"].to_numpy(dtype=float)[rows]
        used["looked_through"] = False
        used["time_to_recover_days"] = np.where(np.isnan(ttr), float(stop.days), ttr)
    return ScenarioResult(stop, data.as_of, data.currency, materials, products, projection,
                          used, _alternate_table(data, out))


def _alternate_table(data: ScenarioData, out: Outcome) -> pd.DataFrame:
    """The alternates one stop could use (ScenarioResult.alternates)."""
    sw, lk = out.switches, data.links
    if sw is None or lk is None:
        return pd.DataFrame(columns=ALTERNATE_COLUMNS)
    link = sw.link
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sw.uncovered > 0, sw.replaced / sw.uncovered, np.nan)
    table = pd.DataFrame({
        "item_id": take(lk.item_id, link), "item_name": take(lk.item_name, link),
        "unit": take(lk.unit, link),
        "alternate_id": take(lk.alternate_id, link),
        "alternate_name": take(lk.alternate_name, link),
        "ratio": lk.ratio[link], "qualification_days": lk.qualification[link],
        "max_share": lk.max_share[link],
        "switched_day": _none_if_nan(sw.first),
        "uncovered": sw.uncovered, "replaced": sw.replaced,
        "replaced_share": _none_if_nan(share),
        "alternate_used": sw.replaced * lk.ratio[link],
    })
    order = np.lexsort((table["alternate_id"].to_numpy(dtype=object),
                        table["item_id"].to_numpy(dtype=object),
                        np.nan_to_num(sw.first, nan=np.inf)))
    return table.iloc[order].reset_index(drop=True)


def _looked(src: pd.DataFrame) -> np.ndarray:
    """Per Sources row: whether look-through spread it (False for declared rows)."""
    if "looked_through" not in src:
        return np.zeros(len(src), dtype=bool)
    return src["looked_through"].to_numpy(dtype=bool)


def _none_if_nan(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="Float64").mask(np.isnan(values))


def _material_table(data: ScenarioData, out: Outcome) -> pd.DataFrame:
    m = data.materials.iloc[out.case_mat].reset_index(drop=True)
    req = data.req[out.case_mat]
    shortfall = req * out.outage if out.shortfall is None else out.shortfall
    gap = np.where(np.isnan(out.tts), 0.0, np.maximum(out.ttr - np.nan_to_num(out.tts), 0.0))
    return pd.DataFrame({
        "item_id": m["item_id"], "name": m["name"], "unit": m["unit"],
        "daily_use": req, "on_hand": data.stock[out.case_mat],
        "hit_share": out.hit_share, "lost_share": out.lost_share,
        "orders_arriving": out.arriving, "orders_lost": out.lost,
        "ramp_up_per_day": out.ramp,
        "time_to_survive_days": _none_if_nan(out.tts),
        "outage_days": out.outage, "shortfall": shortfall,
        "shortfall_value": shortfall * data.value[out.case_mat],
        "stock_at_end": out.stock_end,
        "time_to_recover_days": out.ttr, "gap_days": gap,
        "strategic_stock": gap * req * out.lost_share,
        "strategic_stock_value": gap * req * out.lost_share * data.value[out.case_mat],
        "deficit_peak": out.deficit_peak if out.deficit_peak is not None else np.nan,
        "used_for_alternates": out.used_for_alternates
        if out.used_for_alternates is not None else np.zeros(len(req)),
        "alternate_only": out.companion
        if out.companion is not None else np.zeros(len(req), dtype=bool),
    })


def _product_impact(data: ScenarioData, out: Outcome, only_out: bool = False) -> pd.DataFrame:
    """Per (stop, product) pair: its binding material, stop day, outage, units and revenue.

    A product is down whenever one of its materials is out (shifted by the buffer days of
    the path): its outage is the longest of its materials' outages, which is exact when
    each material's outage runs from its stock-out to the end of the stop. The binding
    material is the one with that outage (then the earliest stop, then the first in the
    materials table). ``only_out`` leaves out the products without an outage.
    """
    case = out.pair_case
    outage = out.pair_outage
    keep = outage > 0 if only_out else np.ones(len(case), dtype=bool)
    case, outage, product = case[keep], outage[keep], out.pair_product[keep]
    buffer = out.pair_buffer[keep]
    stop, material = out.case_stop[case], out.case_mat[case]
    stop_at = out.tts[case] + buffer  # NaN: the material lasts
    stop_at = np.where(stop_at < out.days[case], stop_at, np.nan)
    key = stop * max(len(data.products), 1) + product
    order = np.lexsort((material, np.nan_to_num(stop_at, nan=np.inf), -outage, key))
    head = np.r_[True, key[order][1:] != key[order][:-1]] if len(order) else order > 0
    starts = np.flatnonzero(head)
    first = order[starts]
    earliest = np.fmin.reduceat(stop_at[order], starts) if len(starts) else stop_at[first]
    demand = data.products["daily_demand"].to_numpy(dtype=float)[product[first]]
    price = data.products["unit_price"].to_numpy(dtype=float)[product[first]]
    units = demand * outage[first]
    return pd.DataFrame({"stop": stop[first], "product": product[first],
                         "material": material[first], "buffer": buffer[first],
                         "outage": outage[first], "stop_at": earliest, "units": units,
                         "revenue": units * price})


def _product_table(data: ScenarioData, out: Outcome, days: int) -> pd.DataFrame:
    impact = _product_impact(data, out)
    p = data.products.iloc[impact["product"].to_numpy()].reset_index(drop=True)
    mat_ids = data.materials["item_id"]
    table = pd.DataFrame({
        "item_id": p["item_id"], "name": p["name"],
        "daily_demand": p["daily_demand"], "unit_price": p["unit_price"],
        "time_to_stop_days": _none_if_nan(impact["stop_at"].to_numpy(dtype=float)),
        "binding_material": mat_ids.iloc[impact["material"].to_numpy()].reset_index(
            drop=True).astype("string"),
        "buffer_days": impact["buffer"].to_numpy(dtype=float),
        "outage_days": impact["outage"].to_numpy(dtype=float),
        "units_lost": impact["units"].to_numpy(dtype=float),
        "revenue_at_risk": impact["revenue"].to_numpy(dtype=float),
    })
    when = np.nan_to_num(table["time_to_stop_days"].to_numpy(dtype=float, na_value=np.nan),
                         nan=np.inf)
    order = np.lexsort((table["item_id"].to_numpy(dtype=object),
                        -table["revenue_at_risk"].to_numpy(), when))
    return table.iloc[order].reset_index(drop=True)


# --- every supplier and country in turn --------------------------------------------------

def rank(project: Project, days: int | None = None, report: Report | None = None
         ) -> Ranking:
    """Stop every supplier and every origin country in turn, each for its time to recover.

    A stop lasts the longest time_to_recover_days of the Sources rows it hits; a row
    without one counts ``days`` (default: the project's horizon_days). Ranked by revenue at
    risk, then by the value of the material shortfall, the first stock-out and the spend;
    the risk exposure index is revenue at risk ÷ the largest (0 when no stop puts revenue at
    risk).
    """
    data = prepare(project, report if report is not None else compute(project))
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise ScenarioError(_("a stop lasts at most {limit:,.0f} days (100 years), got "
                              "{text}").format(limit=MAX_DAYS, text=days))
    default = math.ceil(days if days is not None else project.settings.horizon_days)
    if default < 1:
        raise ScenarioError(_("a stop lasts at least one day, got {days}").format(
            days=default))
    stops = ranking_stops(data, default)
    n_stops = len(stops)
    length = stops["days"].to_numpy(dtype=np.int64)
    h_stop, h_row, o_stop, o_order, o_frac = _batch_hits(data, stops)
    out = simulate(data, length, np.ones(n_stops), h_stop, h_row, o_stop, o_order, o_frac)

    shortfall = data.req[out.case_mat] * out.outage if out.shortfall is None else out.shortfall
    shortfall_value = shortfall * data.value[out.case_mat]
    impact = _product_impact(data, out, only_out=True)
    stop_ix = impact["stop"].to_numpy(dtype=np.int64)
    tts = np.full(n_stops, np.nan)
    np.fmin.at(tts, out.case_stop, out.tts)
    spend = np.bincount(h_stop, weights=data.daily_value[h_row], minlength=n_stops)
    total_spend = float(data.daily_value.sum())
    revenue = np.bincount(stop_ix, weights=impact["revenue"].to_numpy(), minlength=n_stops)
    top = revenue.max(initial=0.0)
    table = pd.DataFrame({
        "by": stops["by"].astype("string"),
        "key": stops["key"].astype("string"),
        "name": stops["name"].astype("string"),
        "days": length,
        "materials_hit": np.bincount(out.case_stop[~out.companion], minlength=n_stops)
        if out.companion is not None else np.bincount(out.case_stop, minlength=n_stops),
        "materials_out": np.bincount(out.case_stop, weights=~np.isnan(out.tts),
                                     minlength=n_stops).astype(np.int64),
        "first_stockout_days": _none_if_nan(tts),
        "products_stopped": np.bincount(stop_ix, weights=impact["outage"].to_numpy() > 0,
                                        minlength=n_stops).astype(np.int64),
        "units_lost": np.bincount(stop_ix, weights=impact["units"].to_numpy(),
                                  minlength=n_stops),
        "revenue_at_risk": revenue,
        "risk_exposure_index": revenue / top if top > 0 else np.zeros(n_stops),
        "shortfall_value": np.bincount(out.case_stop, weights=shortfall_value,
                                       minlength=n_stops),
        "daily_spend": spend,
        "spend_share": spend / total_spend if total_spend > 0 else np.zeros(n_stops),
    })
    order = np.lexsort((table["key"].to_numpy(dtype=object), table["by"].to_numpy(dtype=object),
                        -spend, np.nan_to_num(tts, nan=np.inf),
                        -table["shortfall_value"].to_numpy(), -revenue))
    table = table.iloc[order].reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, n_stops + 1))
    return Ranking(data.as_of, data.currency, default, table)


# --- batches for stockpile sizing (planner.analysis.stockpile) ----------------------------

def ranking_stops(data: ScenarioData, default: int) -> pd.DataFrame:
    """Every supplier and origin country with the length the risk ranking gives its stop
    (the longest time_to_recover_days of the rows it hits; blank: ``default``), unranked."""
    src, o = data.src, data.origins
    sup_codes, sup_keys = pd.factorize(pd.concat([src["supplier_id"], data.ord_supplier],
                                                 ignore_index=True), sort=True)
    cty_codes, cty_keys = pd.factorize(pd.concat([src["origin_country"], o["origin_country"]],
                                                 ignore_index=True), sort=True)
    n_rows, n_sup = len(src), len(sup_keys)
    row_sup, row_cty = sup_codes[:n_rows], cty_codes[:n_rows]
    ttr = np.where(np.isnan(data.ttr), float(default), data.ttr)
    length = np.full(n_sup + len(cty_keys), -np.inf)
    np.maximum.at(length, row_sup[row_sup >= 0], ttr[row_sup >= 0])
    np.maximum.at(length, n_sup + row_cty[row_cty >= 0], ttr[row_cty >= 0])
    length = np.where(np.isfinite(length), np.ceil(length), default).astype(np.int64)
    names = data.suppliers.drop_duplicates("supplier_id").set_index("supplier_id")["name"]
    sup_names = [names.get(k, "") for k in sup_keys]
    return pd.DataFrame({
        "by": ["supplier"] * n_sup + ["country"] * len(cty_keys),
        "key": [*map(str, sup_keys), *map(str, cty_keys)],
        "name": [("" if pd.isna(n) else str(n)) for n in sup_names]
        + [country_name(str(c)) for c in cty_keys],
        "days": length})


def _batch_hits(data: ScenarioData, stops: pd.DataFrame,
                chosen: Sequence[np.ndarray] = ()
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What each of ``stops`` (by, key) hits, for one batch of the day loop: the Sources
    rows (h_stop, h_row) and the fractions of orders (o_stop, o_order, o_frac). A supplier
    stop hits all its rows and orders, a country stop its origin's rows and the parts of
    orders from it; the last ``len(chosen)`` stops (presets) hit their country's rows of
    the materials each mask of ``chosen`` keeps."""
    src, o = data.src, data.origins
    by = stops["by"].to_numpy(dtype=object)
    keys = stops["key"].astype(str).to_numpy(dtype=object)
    rows = np.arange(len(src))
    o_orders = o["order"].to_numpy()
    o_weight = o["weight"].to_numpy(dtype=float)
    def text(column: pd.Series) -> np.ndarray:  # a blank never names a stop
        return column.astype("string").fillna("").to_numpy(dtype=object)
    src_sup, src_cty = text(src["supplier_id"]), text(src["origin_country"])
    ord_sup, org_cty = text(data.ord_supplier), text(o["origin_country"])
    h_stop, h_row, o_stop, o_order, o_frac = [], [], [], [], []
    for kind, row_key, ord_key in (("supplier", src_sup, ord_sup),
                                   ("country", src_cty, org_cty)):
        pos = np.flatnonzero(by == kind)
        index = pd.Index(keys[pos])
        at = index.get_indexer(pd.Index(row_key))
        h_stop.append(pos[at[at >= 0]])
        h_row.append(rows[at >= 0])
        at = index.get_indexer(pd.Index(ord_key))
        if kind == "supplier":
            o_stop.append(pos[at[at >= 0]])
            o_order.append(np.arange(len(ord_key))[at >= 0])
            o_frac.append(np.ones(int((at >= 0).sum())))
        else:
            o_stop.append(pos[at[at >= 0]])
            o_order.append(o_orders[at >= 0])
            o_frac.append(o_weight[at >= 0])
    first = len(stops) - len(chosen)
    for j, mask in enumerate(chosen):
        country = keys[first + j]
        hit = (src_cty == country) & mask[data.row_mat]
        h_stop.append(np.full(int(hit.sum()), first + j))
        h_row.append(rows[hit])
        sel = (org_cty == country) & mask[data.ord_mat[o_orders]]
        o_stop.append(np.full(int(sel.sum()), first + j))
        o_order.append(o_orders[sel])
        o_frac.append(o_weight[sel])
    return (np.concatenate(h_stop).astype(np.int64), np.concatenate(h_row).astype(np.int64),
            np.concatenate(o_stop).astype(np.int64), np.concatenate(o_order).astype(np.int64),
            np.concatenate(o_frac).astype(float))


def deficit_peaks(data: ScenarioData, stops: pd.DataFrame, chosen: list[np.ndarray]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One batch of the scenario loop over every stop: per (stop, material) case, the
    stop, the material and the deficit's peak. Supplier and country stops hit what the
    ranking's do; a preset (the last ``len(chosen)`` rows) its country's sources of the
    materials it matched (``chosen``, a mask per preset)."""
    if data.req.size == 0 or not len(stops):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    out = simulate(
        data, stops["days"].to_numpy(dtype=np.int64), stops["cut"].to_numpy(dtype=float),
        *_batch_hits(data, stops, chosen), review=stops["review"].to_numpy(dtype=float),
        approved=stops["approved"].to_numpy(dtype=float))
    if out.deficit_peak is None:  # the engine always gives it; a guard for its contract
        raise PlannerError(_("The scenario engine gave no deficit peaks."))
    hit = ~out.companion if out.companion is not None else slice(None)
    return out.case_stop[hit], out.case_mat[hit], out.deficit_peak[hit]
