"""How much stock is worth holding: the recommended days of stock of each material.

Holding stock costs money every year (capital, storage, insurance: Settings
``holding_cost_pct`` of its value); a stop that outlasts the stock costs the revenue of
what it stops. For each purchased material, and each stock level x of 0…365 days of its
daily use, this weighs the two (docs/definitions.md, "How much stock is worth holding"):

- holding cost a year: holding_cost_pct × x × daily use × unit value;
- expected loss a year: Σ over the stops s (every supplier and every origin country
  stopped for its time to recover, as the risk ranking stops them, and the presets that
  hit the material) of likelihood_per_year(s) × U_s(x) × loss per unit, where
  U_s(x) = max(P_s − x × daily use, 0) is the requirement the stop leaves unmet and P_s
  the scenario's ``deficit_peak`` (arrivals never depend on the stock, so one simulation
  per stop gives the whole curve);
- the recommended days minimise their sum (the first on a tie: 0 when nothing is likely).

Every stop and material is one batch of the scenario engine's day loop, as the ranking
is; the curves are numpy arrays of materials × 366 days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.compute import Report, compute
from planner.analysis.presets import Preset, load_presets, preset_stop
from planner.analysis.scenario import Ranking, deficit_peaks, prepare, ranking_stops
from planner.analysis.simulation import ScenarioData
from planner.inputs.project import Project

DAYS = np.arange(366)  # stock levels searched, in days of the material's daily use
JOGMEC_DAYS = 60  # Japan's national stockpile mark (JOGMEC), shown beside
CHUNK = 2048  # cases summed into the loss curves at a time (bounds the memory)


@dataclass
class StockpileResult:
    """The recommended days of stock of every purchased material with demand.

    stops: the stops weighed: label, name, by ("supplier", "country" or "preset"), days,
        likelihood_per_year.
    materials: one row per purchased material with demand (order below): item_id, name,
        unit, daily_use, unit_value (project currency per unit), loss_per_unit (revenue
        lost per unit of requirement unmet), on_hand, current_days, target_days,
        recommended_days (0…365), jogmec_days (60),
        holding_cost_per_year and expected_loss_per_year (both at recommended_days),
        expected_loss_per_year_at_zero (with no stock), loss_avoided_per_holding_cost
        ((loss at 0 days − loss at recommended) ÷ holding cost at recommended; NaN when
        that holding cost is 0); what to add: days_to_add and quantity_to_add (up to
        the recommended days from today's stock, 0 when it holds more),
        expected_loss_per_year_now (at today's stock, in whole days) and
        loss_avoided_per_added_holding_cost (the loss the stock to add avoids ÷ the
        holding cost it adds). The materials short of their recommended days come first,
        by that ratio; the others follow by loss_avoided_per_holding_cost.
    holding, expected_loss: materials × 366 (rows as ``materials``): the holding cost and
        the expected loss a year at d days of stock; their sum is least at
        recommended_days.
    """

    as_of: dt.date
    currency: str
    holding_cost_pct: float
    stops: pd.DataFrame
    materials: pd.DataFrame
    holding: np.ndarray
    expected_loss: np.ndarray
    # materials with a requirement but no price (no source's, no item's): holding them
    # would look free, so they are not sized, only named
    unpriced: pd.Series = dataclasses.field(
        default_factory=lambda: pd.Series([], dtype="string"))

    @property
    def total(self) -> np.ndarray:
        """Holding cost plus expected loss a year, materials × 366."""
        out: np.ndarray = self.holding + self.expected_loss
        return out


def stockpile(project: Project, report: Report | None = None, ranking: Ranking | None = None,
              presets: Sequence[Preset] | None = None) -> StockpileResult:
    """The recommended days of stock of each material (see the module's docstring).

    ``ranking`` gives the supplier and country stops and their lengths (computed like
    :func:`planner.analysis.scenario.rank` when None, without ranking them); ``presets``
    the presets weighed (default: the bundled ones; a price-only preset has no stop).
    """
    settings = project.settings
    report = report if report is not None else compute(project)
    data = prepare(project, report)
    presets = load_presets() if presets is None else presets
    default = math.ceil(settings.horizon_days)
    if ranking is not None:
        stops = ranking.stops[["by", "key", "name", "days"]].reset_index(drop=True)
    else:
        stops = ranking_stops(data, default)
    stops = stops.assign(
        label=stops["by"].astype(str) + ":" + stops["key"].astype(str),
        cut=1.0, review=np.inf, approved=0.0,
        likelihood_per_year=np.where(stops["by"] == "supplier",
                                     settings.likelihood_supplier_stop,
                                     settings.likelihood_country_stop))
    chosen: list[np.ndarray] = []
    rows: list[dict[str, object]] = []
    mat_ids = data.materials["item_id"]
    for preset in presets:
        if not preset.stops:  # a price spike only: nothing stops
            continue
        stop = preset_stop(project, preset, report=report)
        rows.append({"by": "preset", "key": preset.country, "name": preset.shown_title,
                     "days": stop.days, "label": f"preset:{preset.id}", "cut": stop.cut,
                     "review": np.inf if stop.review_day is None else float(stop.review_day),
                     "approved": stop.approved,
                     "likelihood_per_year": (settings.likelihood_country_stop
                                             if preset.likelihood_per_year is None
                                             else preset.likelihood_per_year)})
        assert stop.materials is not None
        chosen.append(mat_ids.isin(stop.materials).to_numpy(dtype=bool))
    if rows:
        stops = pd.concat([stops, pd.DataFrame(rows)], ignore_index=True)
    stops["days"] = stops["days"].astype(np.int64)
    case_stop, case_mat, peak = deficit_peaks(data, stops, chosen)

    likelihood = stops["likelihood_per_year"].to_numpy(dtype=float)
    req, value = data.req, data.value
    loss_unit = loss_per_unit(data, report.product_materials)
    keep = req > 0
    n_mat = len(req)
    weight = likelihood[case_stop]
    use = (weight > 0) & (peak > 0) & keep[case_mat]
    pct = float(settings.holding_cost_pct)
    holding = pct * DAYS[None, :] * (req * value)[:, None]
    loss = np.zeros((n_mat, len(DAYS)))
    _add_losses(loss, case_mat[use], peak[use], weight[use] * loss_unit[case_mat[use]],
                req)
    total = holding + loss
    # the first day whose total is the least, within rounding (sums of many stops' losses
    # differ in their last bits where the curve is flat)
    least = total.min(axis=1, keepdims=True)
    scale = np.maximum(np.abs(total).max(axis=1, keepdims=True), 1.0)
    best = np.argmax(total <= least + 1e-9 * scale, axis=1)
    at = np.arange(n_mat)
    held, lost, lost0 = holding[at, best], loss[at, best], loss[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(held > 0, (lost0 - lost) / np.where(held > 0, held, 1.0), np.nan)
        current = np.where(req > 0, data.stock / np.where(req > 0, req, 1.0), np.nan)
    # what raising today's stock to the recommended days would avoid, per unit of the
    # holding cost it adds (today's stock in whole days, at most the 365 searched)
    now = np.clip(np.floor(np.nan_to_num(current, nan=0.0)), 0, DAYS[-1]).astype(np.int64)
    to_add = np.maximum(best - np.nan_to_num(current, nan=0.0), 0.0)
    added_cost = holding[at, best] - holding[at, now]
    avoided_now = loss[at, now] - lost
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_now = np.where((to_add > 0) & (added_cost > 0),
                             avoided_now / np.where(added_cost > 0, added_cost, 1.0), np.nan)
    m = data.materials
    table = pd.DataFrame({
        "item_id": m["item_id"].astype("string"), "name": m["name"].astype("string"),
        "unit": m["unit"].astype("string"), "daily_use": req, "unit_value": value,
        "loss_per_unit": loss_unit, "on_hand": data.stock, "current_days": current,
        "target_days": m["target_days"].to_numpy(dtype=float, na_value=np.nan),
        "recommended_days": best.astype(np.int64),
        "jogmec_days": np.full(n_mat, JOGMEC_DAYS, dtype=np.int64),
        "holding_cost_per_year": held, "expected_loss_per_year": lost,
        "expected_loss_per_year_at_zero": lost0,
        "loss_avoided_per_holding_cost": ratio,
        "days_to_add": to_add, "quantity_to_add": to_add * req,
        "expected_loss_per_year_now": loss[at, now],
        "loss_avoided_per_added_holding_cost": ratio_now,
    })
    # the materials whose stock is short of the recommended days first, those where a
    # unit of the holding cost added avoids most; then the rest by the same for all stock
    short = to_add > 0
    order = np.lexsort((table["item_id"].to_numpy(dtype=object), -lost0,
                        np.nan_to_num(-ratio, nan=np.inf),
                        np.nan_to_num(-ratio_now, nan=np.inf), ~short))
    priced = np.nan_to_num(value, nan=0.0) > 0
    unpriced = table["item_id"][keep & ~priced].reset_index(drop=True)
    order = order[(keep & priced)[order]]
    shown = stops[["label", "name", "by", "days", "likelihood_per_year"]].astype(
        {"label": "string", "name": "string", "by": "string"})
    return StockpileResult(report.as_of, settings.currency, pct, shown,
                           table.iloc[order].reset_index(drop=True), holding[order],
                           loss[order], unpriced)


def loss_per_unit(data: ScenarioData, pm: pd.DataFrame) -> np.ndarray:
    """Per material: the revenue lost per unit of its requirement left unmet.

    The demand-weighted mean over the priced products that use it of the product's
    unit_price ÷ the product's quantity of the material per unit, which is the daily
    revenue of those products ÷ the daily requirement of the material they make: a unit
    short stops each product in proportion to its use. A material no priced product with
    demand uses is worth its own unit value.
    """
    n_mat = len(data.req)
    value: np.ndarray = data.value.copy()
    if not len(pm):
        return value
    products = data.products.set_index("item_id")
    demand = pm["product_id"].map(products["daily_demand"]).to_numpy(dtype=float,
                                                                      na_value=0.0)
    price = pm["product_id"].map(products["unit_price"]).to_numpy(dtype=float, na_value=0.0)
    mat = pd.Index(data.materials["item_id"]).get_indexer(pm["material_id"])
    qty = pm["qty_per_unit"].to_numpy(dtype=float, na_value=0.0)
    ok = (mat >= 0) & (price > 0) & np.isfinite(price) & (demand > 0) & (qty > 0) \
        & np.isfinite(qty)
    revenue = np.bincount(mat[ok], weights=(demand * price)[ok], minlength=n_mat)
    used = np.bincount(mat[ok], weights=(demand * qty)[ok], minlength=n_mat)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(used > 0, revenue / np.where(used > 0, used, 1.0), value)


def _add_losses(loss: np.ndarray, mat: np.ndarray, peak: np.ndarray, scale: np.ndarray,
                req: np.ndarray) -> None:
    """loss[m, d] += scale × max(peak − d × req[m], 0) for each case, CHUNK cases at a
    time (a case × 366 block each)."""
    order = np.argsort(mat, kind="stable")
    mat, peak, scale = mat[order], peak[order], scale[order]
    for lo in range(0, len(mat), CHUNK):
        m, p, s = mat[lo:lo + CHUNK], peak[lo:lo + CHUNK], scale[lo:lo + CHUNK]
        block = s[:, None] * np.maximum(p[:, None] - DAYS[None, :] * req[m][:, None], 0.0)
        starts = np.flatnonzero(np.r_[True, m[1:] != m[:-1]])
        loss[m[starts]] += np.add.reduceat(block, starts, axis=0)


__all__ = ["DAYS", "JOGMEC_DAYS", "StockpileResult", "loss_per_unit", "stockpile"]
