"""The scenario engine's day loop: a project as numpy arrays and the projection of every
(stop, material) case a batch of stops touches.

:mod:`planner.analysis.scenario` builds :class:`ScenarioData` from a project
(:func:`~planner.analysis.scenario.prepare`), says what each stop hits and turns the
:class:`Outcome` of :func:`simulate` into its tables; this module steps through the days.
The model is stated in that module's docstring and in docs/definitions.md.

Hot path: the pairs (stop, material) a batch of stops touches are the columns of one day
loop over numpy arrays; arrivals of orders and capacity steps are events sorted by day.
A ranking of 1,000 suppliers and 50 countries over 5,000 materials is one such loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.alternates import Baseline, Links, Switches, companions, instances
from planner.analysis.arrays import expand
from planner.analysis.forecast import RequirementProfile

# --- the project as arrays ---------------------------------------------------------------

@dataclass
class ScenarioData:
    """A project's materials, sources, orders and product paths as numpy arrays."""

    as_of: dt.date
    currency: str
    materials: pd.DataFrame  # report.materials
    req: np.ndarray  # per material: daily requirement
    stock: np.ndarray  # per material: on hand at the as-of date
    value: np.ndarray  # per material: purchase value of one unit
    # Sources rows (of known materials)
    src: pd.DataFrame
    row_mat: np.ndarray
    share: np.ndarray
    lead_day: np.ndarray  # first day a source can ramp up (ceil of lead time), inf: never
    extra: np.ndarray  # capacity a day beyond its share of the requirement
    ttr: np.ndarray  # NaN: the stop's length
    daily_value: np.ndarray
    rows_by_mat: np.ndarray  # CSR over materials: row positions
    row_starts: np.ndarray
    # Orders (of known materials)
    ord_mat: np.ndarray
    ord_qty: np.ndarray
    ord_day: np.ndarray
    ord_supplier: pd.Series
    origins: pd.DataFrame  # order, row (-1: none), origin_country, weight (Σ 1 per order)
    orders_by_mat: np.ndarray
    order_starts: np.ndarray
    # Products: paths from a product to each purchased item it uses
    products: pd.DataFrame  # item_id, name, daily_demand, unit_price
    pair_product: np.ndarray  # CSR over materials
    pair_buffer: np.ndarray
    pair_starts: np.ndarray
    suppliers: pd.DataFrame  # supplier_id, name, country
    capacity: np.ndarray  # per Sources row: capacity a day (0: blank)
    profile: RequirementProfile | None = None  # per material, with a Forecast sheet
    declared_sources: pd.DataFrame | None = None  # report.sources: rows as the sheet gives
    links: Links | None = None  # the Alternates sheet (planner.analysis.alternates)


# --- the day loop ------------------------------------------------------------------------

TOLERANCE = 1e-12  # relative: stock within this of the requirement covers the day


@dataclass
class Outcome:
    """Per case (a stop × a material it touches) and per (case, product) pair."""

    case_stop: np.ndarray
    case_mat: np.ndarray
    days: np.ndarray  # the case's stop length
    hit_share: np.ndarray
    lost_share: np.ndarray
    ttr: np.ndarray
    tts: np.ndarray  # NaN: lasts the stop
    outage: np.ndarray  # days (fractions summed) on which the requirement is not met
    stock_end: np.ndarray
    arriving: np.ndarray
    lost: np.ndarray
    ramp: np.ndarray
    pair_case: np.ndarray
    pair_product: np.ndarray
    pair_buffer: np.ndarray
    pair_outage: np.ndarray  # the product's outage days caused by the case's material
    projection: np.ndarray | None  # (max days + 1) × cases: stock at the start of each day
    shortfall: np.ndarray | None = None  # requirement not met, with a forecast's profile
    # the largest requirement not covered by what arrives, summed from day 0 through any
    # day of the stop: the stock that would have met every day (with stock S the
    # requirement left unmet over the stop is max(peak - S, 0): arrivals never depend on
    # the stock)
    deficit_peak: np.ndarray | None = None
    # per case: whether only an alternate brought it in (the stop hits none of its
    # sources), and the quantity alternates took of it
    companion: np.ndarray | None = None
    used_for_alternates: np.ndarray | None = None
    switches: Switches | None = None  # the alternates used, per (stop, link)
    baseline: Baseline | None = None  # with ``baseline``: the cases' days without a stop


def _by_day(day: np.ndarray, n_days: int, *arrays: np.ndarray
            ) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Events sorted by day, with where each day's events start (n_days + 1 bounds)."""
    order = np.argsort(day, kind="stable")
    bounds = np.searchsorted(day[order], np.arange(n_days + 1))
    return bounds, tuple(a[order] for a in arrays)


def _hit_fraction(stops: np.ndarray, orders: np.ndarray, o_stop: np.ndarray,
                  o_order: np.ndarray, o_frac: np.ndarray, n_orders: int) -> np.ndarray:
    """For each (stop, order) pair asked, the fraction of the order the stop hits (the sum
    of its hit origins' weights, at most 1; 0 when it hits none)."""
    keys, inverse = np.unique(o_stop * n_orders + o_order, return_inverse=True)
    sums = np.bincount(inverse, weights=o_frac, minlength=len(keys))
    asked = stops * n_orders + orders
    if not len(keys):
        return np.zeros(len(asked))
    where = np.minimum(np.searchsorted(keys, asked), len(keys) - 1)
    return np.where(keys[where] == asked, np.minimum(sums[where], 1.0), 0.0)


def simulate(data: ScenarioData, days: np.ndarray, cut: np.ndarray, h_stop: np.ndarray,
             h_row: np.ndarray, o_stop: np.ndarray, o_order: np.ndarray, o_frac: np.ndarray,
             record: bool = False, review: np.ndarray | None = None,
             approved: np.ndarray | None = None, baseline: np.ndarray | None = None
             ) -> Outcome:
    """Project every (stop, material) case the hits touch, all cases at once.

    ``h_stop, h_row``: the Sources rows each stop hits. ``o_stop, o_order, o_frac``: the
    fraction of each order that a stop hits (its origins' weights). ``review``,
    ``approved``: per stop, the day its licence review ends (inf: none) and the fraction
    of what it cut that is delivered from then on.

    Supply is counted once (docs/definitions.md): each Sources row of a case's material
    delivers by day t the larger of its steady flow summed through t (its share of the
    requirement, the part the stop leaves it, plus what it ramps up to beyond its share
    from its lead time; the rows' flows together at most the requirement) and its open
    orders due through t; an order without a Sources row arrives as it is, less what the
    stop cuts of it.

    ``baseline``: materials to project without any stop instead (one case each; the
    stop arrays then empty but for one length in ``days``), for the arrivals and the
    requirement of every day (Outcome.baseline), which the alternates' companions take.
    Alternates (data.links) are used otherwise (planner.analysis.alternates).
    """
    n_mat = len(data.req)
    n_rows = len(data.share)
    n_stops = len(days)
    review = np.full(n_stops, np.inf) if review is None else review
    approved = np.zeros(n_stops) if approved is None else approved
    # cases: the materials with a hit source, or a hit order within the stop
    h_mat = data.row_mat[h_row]
    o_mat = data.ord_mat[o_order]
    o_in = (data.ord_day[o_order] < days[o_stop]) & (o_frac > 0)
    case_key = np.unique(np.r_[h_stop * n_mat + h_mat, (o_stop * n_mat + o_mat)[o_in]])
    if baseline is not None:
        case_key = np.unique(baseline).astype(np.int64)
    lk = None if baseline is not None else data.links
    if lk is not None:  # the alternates of the items that use a hit material
        i_stop, i_link = instances(lk, *np.divmod(case_key, n_mat), len(lk))
        if not len(i_stop):
            lk = None
    case_stop, case_mat = np.divmod(case_key, n_mat)
    k = len(case_key)
    at = np.searchsorted(case_key, h_stop * n_mat + h_mat)
    hit = np.minimum(np.bincount(at, weights=data.share[h_row], minlength=k), 1.0)
    d = days[case_stop]
    c_cut = cut[case_stop]
    c_review, c_approved = review[case_stop], approved[case_stop]
    ttr = np.full(k, np.nan)
    np.fmax.at(ttr, at, data.ttr[h_row])
    blank = np.zeros(k, dtype=bool)
    blank[at[np.isnan(data.ttr[h_row])]] = True
    ttr = np.where(blank | np.isnan(ttr), np.fmax(ttr, d), ttr)  # blank: the stop's length
    req = data.req[case_mat]
    lost_share = hit * c_cut

    # pairs: each case with each Sources row of its material
    p_entry, place = expand(case_mat, data.row_starts)
    p_row = data.rows_by_mat[place]
    n_pairs = len(p_entry)
    hit_keys = np.unique(h_stop * n_rows + h_row)
    p_hit = np.isin(case_stop[p_entry] * n_rows + p_row, hit_keys)
    # the part of its deliveries a pair keeps, before and after the licence review
    p_keep = np.where(p_hit, 1.0 - c_cut[p_entry], 1.0)
    p_keep_after = np.where(p_hit, 1.0 - c_cut[p_entry] * (1.0 - c_approved[p_entry]), 1.0)
    p_review = c_review[p_entry]
    p_share = data.share[p_row]
    # with a forecast, what a source gives beyond its share changes with the requirement
    ramps = data.extra[p_row] > 0 if data.profile is None else data.capacity[p_row] > 0
    step = ~p_hit & ramps & (data.lead_day[p_row] < d[p_entry])
    s_day = data.lead_day[p_row[step]].astype(np.int64)
    s_pair = np.flatnonzero(step)
    # where each case's pairs start, and each row's place among its material's rows
    pair_start = np.cumsum(np.bincount(p_entry, minlength=k)) - np.bincount(
        p_entry, minlength=k)
    rank_in_mat = np.empty(n_rows, dtype=np.int64)
    rank_in_mat[data.rows_by_mat] = (np.arange(n_rows)
                                     - data.row_starts[data.row_mat[data.rows_by_mat]])

    # orders of each case's material due within its stop; the part the stop cuts is lost,
    # or comes back after the licence review for an order due after it
    entry, place = expand(case_mat, data.order_starts)
    order = data.orders_by_mat[place]
    due = data.ord_day[order] < d[entry]
    entry, order = entry[due], order[due]
    o_day = data.ord_day[order]
    qty = data.ord_qty[order]
    # to the rows of its (item, supplier), by their shares (data.origins)
    origins = data.origins
    by_order = np.argsort(origins["order"].to_numpy(), kind="stable")
    o_rows = origins["row"].to_numpy()[by_order]
    o_weight = origins["weight"].to_numpy(dtype=float)[by_order]
    o_starts = np.searchsorted(origins["order"].to_numpy()[by_order],
                               np.arange(len(data.ord_qty) + 1))
    e_entry, e_place = expand(order, o_starts)
    e_case, e_row, e_w = entry[e_entry], o_rows[e_place], o_weight[e_place]
    e_day, e_qty = o_day[e_entry], qty[e_entry] * e_w
    has_row = e_row >= 0
    e_pair = np.where(has_row, pair_start[e_case] + rank_in_mat[np.maximum(e_row, 0)], -1)
    kept = np.where(has_row,
                    np.where(e_day >= p_review[np.maximum(e_pair, 0)],
                             p_keep_after[np.maximum(e_pair, 0)],
                             p_keep[np.maximum(e_pair, 0)]), 1.0)
    # an order without a Sources row: the stop cuts the part its origins give it
    free = ~has_row
    if free.any():
        c = e_case[free]
        frac = _hit_fraction(case_stop[c], order[e_entry[free]], o_stop, o_order, o_frac,
                             len(data.ord_qty))
        after = e_day[free] >= c_review[c]
        kept[free] = 1.0 - frac * c_cut[c] * np.where(after, 1.0 - c_approved[c], 1.0)
    arriving = np.bincount(e_case, weights=e_qty * kept, minlength=k)
    lost = np.bincount(e_case, weights=e_qty * (1.0 - kept), minlength=k)
    n_days = int(days.max(initial=0))
    r_bounds, (r_pair, r_qty) = _by_day(e_day[has_row], n_days, e_pair[has_row],
                                        (e_qty * kept)[has_row])
    f_bounds, (f_case, f_qty) = _by_day(e_day[free], n_days, e_case[free],
                                        (e_qty * kept)[free])

    # products: a material's outage reaches a product its buffer days later
    entry, place = expand(case_mat, data.pair_starts)
    p_case, p_prod, p_buf = entry, data.pair_product[place], data.pair_buffer[place]
    tau = d[p_case] - p_buf  # the product's outage within the stop is the material's to tau
    p_out = np.zeros(len(p_case))
    inside = (tau > 0) & (tau < d[p_case])
    at_end = (tau > 0) & ~inside
    e_pairs = np.flatnonzero(inside)
    e_days = np.floor(tau[e_pairs]).astype(np.int64)

    s_bounds, (s_pair,) = _by_day(s_day, n_days, s_pair)
    x_bounds, (x_pair,) = _by_day(e_days, n_days, e_pairs)
    x_case, x_tau = p_case[x_pair], tau[x_pair]

    # with a forecast, the requirement changes on the first day of each month
    rates = None if data.profile is None else np.c_[data.profile.daily[case_mat],
                                                    data.profile.tail[case_mat]]
    switch = {} if data.profile is None else {
        int(day): col for col, day in enumerate(data.profile.bounds) if day < n_days}
    unmet = None if rates is None else np.zeros(k)
    switches = None
    if lk is not None and n_days > 0:
        # the materials the alternates consume that the stops leave alone: their stock
        c_key = np.setdiff1d(companions(lk, i_stop, i_link, n_mat), case_key)
        c_mats = np.unique(c_key % n_mat)
        base = simulate(data, np.array([n_days]), np.ones(1), *(np.zeros(0, np.int64),) * 4,
                        np.zeros(0), baseline=c_mats).baseline
        assert base is not None
        switches = Switches(lk, case_key, c_key, n_mat, i_stop, i_link, days, base,
                            data.stock, record)
    day_arrivals = np.empty((n_days, k)) if baseline is not None else None
    day_req = np.empty((n_days, k)) if baseline is not None else None

    def beyond(pairs: np.ndarray) -> np.ndarray:
        """A ramped-up source's capacity beyond its share of today's requirement."""
        out: np.ndarray = np.maximum(
            data.capacity[p_row[pairs]] - p_share[pairs] * req[p_entry[pairs]], 0.0)
        return out
    stock = data.stock[case_mat].copy()
    p_extra = np.zeros(n_pairs)  # what a ramped-up pair gives beyond its share, a day
    flowed = np.zeros(n_pairs)  # steady flow summed so far
    ordered = np.zeros(n_pairs)  # open orders due so far, as delivered
    delivered = np.zeros(n_pairs)
    deficit = np.zeros(k)  # requirement minus arrivals, summed so far
    peak = np.zeros(k)
    outage = np.zeros(k)
    tts = np.full(k, np.nan)
    safe_req = np.where(req > 0, req, 1.0)
    full = req * (1.0 - TOLERANCE)
    uniform = bool(k == 0 or (d == n_days).all())
    reviewed = np.isfinite(p_review).any()
    keep = p_keep
    projection = np.empty((n_days + 1, k)) if record else None
    for t in range(n_days):
        if projection is not None:
            projection[t] = stock
        if rates is not None and t in switch:
            req = rates[:, switch[t]]
            safe_req = np.where(req > 0, req, 1.0)
            full = req * (1.0 - TOLERANCE)
            done = s_pair[:s_bounds[t]]  # the sources ramped up so far, beyond the new req
            p_extra[done] = beyond(done)
            if switches is not None:
                switches.month(switch[t])
        lo, hi = s_bounds[t], s_bounds[t + 1]
        if hi > lo:
            now = s_pair[lo:hi]
            p_extra[now] = data.extra[p_row[now]] if rates is None else beyond(now)
        if reviewed:
            keep = np.where(t >= p_review, p_keep_after, p_keep)
        flow = p_share * req[p_entry] * keep + p_extra
        total = np.bincount(p_entry, weights=flow, minlength=k)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(total > req, req / np.where(total > 0, total, 1.0), 1.0)
        flowed += flow * scale[p_entry]
        lo, hi = r_bounds[t], r_bounds[t + 1]
        if hi > lo:
            np.add.at(ordered, r_pair[lo:hi], r_qty[lo:hi])
        now_delivered = np.maximum(flowed, ordered)
        arrived = np.bincount(p_entry, weights=now_delivered - delivered, minlength=k)
        delivered = now_delivered
        lo, hi = f_bounds[t], f_bounds[t + 1]
        if hi > lo:
            np.add.at(arrived, f_case[lo:hi], f_qty[lo:hi])
        avail = stock + arrived
        if day_arrivals is not None and day_req is not None:
            day_arrivals[t] = arrived
            day_req[t] = req
        active_today = t < d
        deficit += np.where(active_today, req - arrived, 0.0)
        np.maximum(peak, deficit, out=peak)
        frac = np.where(avail >= full, 1.0, avail / safe_req)
        need = req  # what the stock gives today
        if switches is not None:
            switched = switches.day(t, avail, req, frac)
            if switched is not None:
                # the items made from alternates free their own materials and consume
                # the alternates'; a material's users are covered by its stock and by
                # the units of its items the alternates made
                freed, consumed = switched
                need = np.maximum(req - freed + consumed, 0.0)
                have, want = avail + freed, req + consumed
                with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                    frac = np.where(have >= want * (1.0 - TOLERANCE), 1.0,
                                    have / np.where(want > 0, want, 1.0))
        lo, hi = x_bounds[t], x_bounds[t + 1]
        if hi > lo:
            c = x_case[lo:hi]
            p_out[x_pair[lo:hi]] = outage[c] + np.maximum(x_tau[lo:hi] - t - frac[c], 0.0)
        if uniform:
            out = frac < 1.0
            outage += 1.0 - frac
            stock = np.maximum(avail - need, 0.0)
        else:
            active = t < d
            out = active & (frac < 1.0)
            outage += np.where(active, 1.0 - frac, 0.0)
            stock = np.where(active, np.maximum(avail - need, 0.0), stock)
        if unmet is not None:
            unmet += np.where(t < d, (1.0 - frac) * req, 0.0)
        new = out & np.isnan(tts)
        if new.any():
            tts[new] = t + frac[new]
    if projection is not None:
        projection[n_days] = stock
    p_out[at_end] = outage[p_case[at_end]]
    extra = np.bincount(p_entry, weights=p_extra, minlength=k).astype(float)
    result = Outcome(case_stop, case_mat, d, hit, lost_share, ttr, tts, outage, stock,
                     arriving, lost, extra, p_case, p_prod, p_buf, p_out, projection, unmet,
                     peak, np.zeros(k, dtype=bool), None, switches)
    if day_arrivals is not None and day_req is not None:
        result.baseline = Baseline(case_mat, day_arrivals, day_req)
    if switches is not None:
        _with_companions(result, switches)
    return result


def _with_companions(out: Outcome, switches: Switches) -> None:
    """The cases of ``out`` followed by the alternates' companions (materials the stops
    leave alone, listed for what the alternates consumed of them): nothing hit, lost or
    short; their stock as the alternates left it."""
    c_stop, c_mat, c_end, c_stock, c_projection = switches.companions()
    kc = len(c_stop)
    zeros, blank = np.zeros(kc), np.full(kc, np.nan)
    out.case_stop, out.case_mat = np.r_[out.case_stop, c_stop], np.r_[out.case_mat, c_mat]
    out.days = np.r_[out.days, c_end]
    out.hit_share, out.lost_share = np.r_[out.hit_share, zeros], np.r_[out.lost_share, zeros]
    out.ttr, out.tts = np.r_[out.ttr, c_end.astype(float)], np.r_[out.tts, blank]
    out.outage, out.stock_end = np.r_[out.outage, zeros], np.r_[out.stock_end, c_stock]
    out.arriving, out.lost = np.r_[out.arriving, zeros], np.r_[out.lost, zeros]
    out.ramp = np.r_[out.ramp, zeros]
    if out.shortfall is not None:
        out.shortfall = np.r_[out.shortfall, zeros]
    if out.deficit_peak is not None:
        out.deficit_peak = np.r_[out.deficit_peak, zeros]
    out.companion = np.r_[np.zeros(len(out.case_stop) - kc, dtype=bool),
                          np.ones(kc, dtype=bool)]
    out.used_for_alternates = switches.used
    if out.projection is not None and c_projection is not None:
        out.projection = np.c_[out.projection, c_projection[:len(out.projection)]]
