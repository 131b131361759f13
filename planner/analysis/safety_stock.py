"""Safety stock, given on the Stock sheet or computed from a service level
(docs/definitions.md: safety stock from a service level).

    SS = z × √(LT · σ_d² + d² · σ_LT²)

z is the standard normal quantile of the item's service level; d its average daily
requirement (the report's daily use); σ_d the deviation of that requirement, from the
coefficients of variation of the demands that reach it through the BOM; LT and σ_LT the
share-weighted lead time of its sources and its deviation. A safety stock typed on the
Stock sheet wins over a computed one. Everything is worked out on whole columns; the
demand paths come from the same sparse product view as the report's (quantity per unit),
built only over the items whose demand varies. What does not depend on the Stock sheet
(:class:`LevelInputs`) can be kept across edits of Stock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from planner.core.i18n import N_, _
from planner.inputs.project import Project
from planner.inputs.requirements import daily_rates

if TYPE_CHECKING:
    from scipy import sparse

# what the report says a material's safety stock comes from: data, the same in every
# language (scripts read them in the JSON); basis_label words them for people
GIVEN, SERVICE_LEVEL, NO_LEAD_TIME = "given", "service level", "no lead time"
_BASIS_LABELS = {GIVEN: N_("given"), SERVICE_LEVEL: N_("service level"),
                 NO_LEAD_TIME: N_("no lead time")}


def basis_label(basis: object) -> str:
    """Where a safety stock comes from, in the language chosen ("service level",
    サービス率から算出): blank for none (None, NA), any other text as it is."""
    if not isinstance(basis, str):
        return ""
    label = _BASIS_LABELS.get(basis)
    return _(label) if label is not None else basis

# the quantity per unit of each (demand item, purchased item) pair, for the demand items
# at the given item positions: (matrix, item position of each row, of each column)
DemandView = Callable[[np.ndarray], "tuple[sparse.csr_matrix, np.ndarray, np.ndarray]"]


@dataclass
class SafetyStock:
    """Per item position: the safety stock (0 where there is none) and where it comes
    from: GIVEN, SERVICE_LEVEL, NO_LEAD_TIME (a service level, but a source without a
    lead time, so none is computed) or None (none)."""

    quantity: np.ndarray
    basis: np.ndarray  # object: text or None


def first_per_item(positions: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """values of each item's first row (rows of unknown items, -1, left out), else NaN."""
    out = np.full(n, np.nan)
    known = positions >= 0
    found, first = np.unique(positions[known], return_index=True)
    out[found] = values[known][first]
    return out


def lead_times(items: np.ndarray, share: np.ndarray, lead: np.ndarray, lead_sd: np.ndarray,
               n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per item position: the share-weighted lead time of its sources and the
    share-weighted deviation (a blank deviation counts 0). NaN where a source with a share
    has no lead time, or where the item has no source with a share."""
    used = (items >= 0) & (share > 0)
    at, s = items[used], share[used]
    weight = np.bincount(at, weights=s, minlength=n)
    blank = np.bincount(at, weights=np.isnan(lead[used]), minlength=n) > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        lt = np.bincount(at, weights=s * np.nan_to_num(lead[used]), minlength=n) / weight
        sd = np.bincount(at, weights=s * np.nan_to_num(lead_sd[used]), minlength=n) / weight
    missing = blank | (weight <= 0)
    return np.where(missing, np.nan, lt), np.where(missing, np.nan, sd)


def demand_deviation(own_sd: np.ndarray, view: DemandView) -> np.ndarray:
    """Per item position: σ_d = √(σ_own² + Σ_p (q_p · σ_p)²), over the items p with a
    varying demand that consume it through the BOM (q_p per unit of p); the demands are
    taken as independent."""
    variance: np.ndarray = own_sd ** 2
    varying = np.flatnonzero(own_sd > 0)
    if len(varying):
        qty, rows, columns = view(varying)
        with np.errstate(over="ignore", invalid="ignore"):
            spread = qty.multiply(qty).T @ (own_sd[rows] ** 2)
        np.add.at(variance, columns, np.asarray(spread, dtype=float).ravel())
    deviation: np.ndarray = np.sqrt(variance)
    return deviation


@dataclass
class LevelInputs:
    """Per item position, what a safety stock from a service level takes from Demand,
    Sources and the BOM (never from Stock): σ_d, LT and σ_LT."""

    sigma_d: np.ndarray
    lead_time: np.ndarray
    lead_time_sd: np.ndarray


def level_inputs(project: Project, demand_at: np.ndarray, sources_at: np.ndarray, n: int,
                 view: DemandView) -> LevelInputs:
    """σ_d, LT and σ_LT of every item position (see :func:`safety_stocks`)."""
    demand = project.demand
    rates = daily_rates(demand["quantity"], demand["per"])
    cv = demand["cv"].to_numpy(float, na_value=np.nan)
    known = demand_at >= 0
    row_variance = np.nan_to_num(cv[known] * rates[known]) ** 2  # rows add up as variances
    own_sd = np.sqrt(np.bincount(demand_at[known], weights=row_variance, minlength=n))
    sigma_d = demand_deviation(own_sd, view)

    src = project.sources
    lt, sigma_lt = lead_times(sources_at, src["share"].to_numpy(float, na_value=np.nan),
                              src["lead_time_days"].to_numpy(float, na_value=np.nan),
                              src["lead_time_sd_days"].to_numpy(float, na_value=np.nan), n)
    return LevelInputs(sigma_d, lt, sigma_lt)


def safety_stocks(project: Project, stock_at: np.ndarray, demand_at: np.ndarray,
                  sources_at: np.ndarray, daily_use: np.ndarray, view: DemandView | None,
                  inputs: Callable[[], LevelInputs] | None = None) -> SafetyStock:
    """Every item's safety stock: the Stock sheet's where given, else from its service
    level where it has one and every source with a share has a lead time.

    ``stock_at``, ``demand_at``, ``sources_at``: the item position of each row of Stock,
    Demand and Sources (-1: unknown); ``daily_use``: d per item position; ``view``: the
    demand paths (see :func:`demand_deviation`). ``inputs``, instead of ``view``: gives the
    :func:`level_inputs` of the project when they are kept from an earlier call (only the
    Stock sheet changed since); called only when a service level is given.
    """
    from scipy.special import ndtri

    n = len(daily_use)
    stock = project.stock
    given = first_per_item(stock_at, stock["safety_stock"].to_numpy(float, na_value=np.nan), n)
    has_given = ~np.isnan(given)
    quantity = np.nan_to_num(given)
    basis = np.full(n, None, dtype=object)
    basis[has_given] = GIVEN
    if not stock["service_level"].notna().any():
        return SafetyStock(quantity, basis)
    level = first_per_item(stock_at, stock["service_level"].to_numpy(float, na_value=np.nan),
                           n)
    # validation refuses a level outside [50%, 100%); an edit may still leave one
    wanted = ~has_given & (level >= 0.5) & (level < 1.0)
    if inputs is not None:
        found = inputs()
    else:
        assert view is not None, "safety_stocks needs the demand paths or their inputs"
        found = level_inputs(project, demand_at, sources_at, n, view)
    sigma_d, lt, sigma_lt = found.sigma_d, found.lead_time, found.lead_time_sd
    computed = wanted & ~np.isnan(lt)
    z = ndtri(np.where(computed, level, 0.5))
    with np.errstate(invalid="ignore", over="ignore"):
        ss = z * np.sqrt(lt * sigma_d ** 2 + daily_use ** 2 * sigma_lt ** 2)
    quantity = np.where(computed, ss, quantity)
    basis[computed] = SERVICE_LEVEL
    basis[wanted & ~computed] = NO_LEAD_TIME
    return SafetyStock(quantity, basis)
