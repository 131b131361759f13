"""The checks of a project that span rows and sheets, each self-contained: the item-id
lookup they share (``ItemIds``), share sums, rates for every currency, service levels,
BOM cycles, and requirements that overflow (``requirement_overflows``, also used by the
figures). ``planner.inputs.validation.check_project`` runs them in turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.errors import Problem
from planner.core.i18n import _
from planner.inputs import parsing, requirements
from planner.inputs.project import Project
from planner.inputs.schema import column_label

SHARE_TOLERANCE = 0.005


class ItemIds:
    """The distinct item ids, and the position among them of each BOM line's parent and
    child (-1: unknown or blank): one hash table of the items for every lookup, not one of
    every id of every table (which takes 40 MB more for 100,000 items)."""

    def __init__(self, items: pd.DataFrame, bom: pd.DataFrame) -> None:
        ids = items["item_id"]
        index = pd.Index(ids)
        if index.is_unique and not ids.hasnans:  # as in any valid project: one hash table
            self.duplicated = np.zeros(len(ids), dtype=bool)
            self.known = index
        else:
            self.duplicated = ids.duplicated(keep="first").to_numpy()
            self.known = pd.Index(ids[~self.duplicated].dropna())
        self.parent = self.known.get_indexer(bom["parent_id"])
        self.child = self.known.get_indexer(bom["child_id"])
        self.bom_known = bool((self.parent >= 0).all() and (self.child >= 0).all())

    def bom_with_item_strings(self, bom: pd.DataFrame) -> pd.DataFrame:
        """The BOM with its ids as the very strings of the Items table (equal values).

        The reader made a string per cell: 600,000 of them for 300,000 BOM lines. Sharing
        the items' strings lets those die with the raw cells, and the memory that held the
        BOM's rows is given back whole before the figures are computed (50 MB of 100,000
        items)."""
        if not self.bom_known or bom.empty:
            return bom
        strings = self.known.array  # the items' own strings, taken without a copy of each
        return bom.assign(**{column: strings.take(at) for column, at in
                             (("parent_id", self.parent), ("child_id", self.child))})


@dataclass
class RequirementsCheck:
    """The problems of the requirements check (quantities whose products overflow),
    kept by the caller while Items, BOM and Demand stay as they were, which alone decide
    them: None until check_project has run it."""

    problems: list[Problem] | None = None


def _number(value: float) -> str:
    """A huge number as typed, short: 1e308, not its 309 digits."""
    return format(float(value), ".6g").replace("e+", "e")


def requirement_overflows(project: Project, items: pd.Series, parents: np.ndarray,
                          children: np.ndarray, qty: np.ndarray, demand_at: np.ndarray,
                          req: np.ndarray) -> list[Problem]:
    """Where a requirement first becomes infinite: the BOM lines whose quantity, times a
    finite requirement of the parent, goes beyond the largest float (else the largest line
    into the item, or its largest demand row, when only the sum does).

    ``parents``, ``children``, ``qty``: per BOM row (position -1: unknown, left out);
    ``items``: the id of each position; ``demand_at``: the position of each demand row.
    """
    rows = np.flatnonzero((parents >= 0) & (children >= 0))
    parents, children, qty = parents[rows], children[rows], qty[rows]
    with np.errstate(over="ignore", invalid="ignore"):
        flow = req[parents] * qty
    finite_parent = np.isfinite(req[parents])
    first = ~np.isfinite(req)  # infinite items whose parents are all finite
    first[children[~finite_parent]] = False
    problems: list[Problem] = []

    def blame(sheet: str, column: str, i: int, value: float, item: int,
              scrap: float | None = None) -> None:
        where = project.layout(sheet)
        with_scrap = bool(scrap and not pd.isna(scrap))
        text = (_("{column} {value} with {scrap_column} {scrap} makes the requirement of "
                  "{item} infinite") if with_scrap else
                _("{column} {value} makes the requirement of {item} infinite"))
        problems.append(Problem(
            sheet, text.format(column=column_label(sheet, column), value=_number(value),
                               scrap_column=column_label("BOM", "scrap_pct"),
                               scrap=_number(scrap) if with_scrap and scrap else "",
                               item=parsing.printable(items.iloc[item])),
            where.cell(column, i), row=int(where.rows[i]), column=column))

    for item in np.flatnonzero(first):
        into = np.flatnonzero((children == item) & finite_parent)
        over = into[~np.isfinite(flow[into])]
        if len(over) == 0 and len(into):
            over = into[[int(np.argmax(flow[into]))]]
        for e in over:
            typed = float(project.bom["qty_per"].iloc[rows[e]])
            with np.errstate(over="ignore"):
                scrap_matters = bool(np.isfinite(req[parents[e]] * typed))
            blame("BOM", "qty_per", int(rows[e]), typed, int(item),
                  project.bom["scrap_pct"].iloc[rows[e]] if scrap_matters else None)
        if len(into) == 0:
            demand = project.demand["quantity"].to_numpy(dtype=float, na_value=np.nan)
            mine = np.flatnonzero(demand_at == item)
            if len(mine):
                i = int(mine[np.nanargmax(demand[mine])])
                blame("Demand", "quantity", i, demand[i], int(item))
    return problems or [Problem("BOM", _("a requirement is too large to compute"))]


def check_requirements(project: Project, ids: ItemIds) -> list[Problem]:
    """Quantities whose products overflow: a requirement beyond the largest float, from
    the demand or per unit of a finished product, refused at the line where it happens
    (the figures would otherwise show a needed-by date in year 4764)."""
    items = project.items
    n = len(items)
    qty = requirements.effective_quantities(project.bom)
    known = (ids.parent >= 0) & (ids.child >= 0)
    parents, children = ids.parent[known], ids.child[known]
    level = requirements.levels(parents, children, n)
    demand = project.demand
    demand_at = ids.known.get_indexer(demand["item_id"])
    rates = requirements.daily_rates(demand["quantity"], demand["per"])
    mine = demand_at >= 0
    own = np.bincount(demand_at[mine], weights=rates[mine], minlength=n)
    products = (items["kind"] == "product").fillna(False).to_numpy(dtype=float)
    for start in (own, products):
        req = requirements.explode(start, parents, children, qty[known], level)
        if not np.isfinite(req).all():
            return requirement_overflows(project, items["item_id"], ids.parent, ids.child,
                                         qty, demand_at, req)
    return []


def check_currencies(project: Project) -> list[Problem]:
    """Every currency a price is in needs a rate, at its first cell; the project's own
    currency is 1 by definition."""
    own = project.settings.currency
    rates = project.rates
    problems: list[Problem] = []
    layout = project.layout("Rates")
    for i in np.flatnonzero((rates["currency"] == own).fillna(False).to_numpy(dtype=bool)):
        rate = float(rates["rate"].iloc[i])
        if rate != 1.0:
            problems.append(Problem(
                "Rates", _("rate of {currency}, the project's currency, must be 1, got "
                           "{value}").format(currency=own, value=_number(rate)),
                layout.cell("rate", int(i)), row=int(layout.rows[i]), column="rate"))
    known = set(rates["currency"].dropna().tolist()) | {own}
    for table in ("Items", "Sources"):
        codes = project.tables[table]["currency"]
        missing = codes.notna() & ~codes.isin(known)
        if not missing.any():
            continue
        layout = project.layout(table)
        first = codes[missing].drop_duplicates()
        for i in first.index:
            p = int(codes.index.get_loc(i))  # type: ignore[arg-type]
            code = str(codes.iloc[p])
            problems.append(Problem(
                table, _("no rate for {code}: add {code} to the Rates sheet with the number "
                         "of {own} for one {code}").format(code=code, own=own),
                layout.cell("currency", p),
                row=int(layout.rows[p]), column="currency", kind="no rate"))
            known.add(code)  # named once, at its first cell
    return problems


def check_service_levels(project: Project) -> list[Problem]:
    """A service level sets safety stock through the normal distribution: from 50% (no
    safety stock) up to, not including, 100% (which would need unlimited stock)."""
    level = project.stock["service_level"].to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(~np.isnan(level) & ((level < 0.5) | (level >= 1.0)))
    layout = project.layout("Stock")
    text = _("{column} must be from {low} up to, not including, {high}, got {value}")
    label = column_label("Stock", "service_level")
    return [Problem("Stock", text.format(column=label, low="50%", high="100%",
                                         value=f"{level[p] * 100:.4g}%"),
                    layout.cell("service_level", int(p)), row=int(layout.rows[p]),
                    column="service_level") for p in bad]


def check_shares(project: Project) -> list[Problem]:
    sources = project.sources
    if sources.empty:
        return []
    layout = project.layout("Sources")
    sums = sources.groupby("item_id", sort=False)["share"].sum()
    # the epsilon keeps 0.5 + 0.3 + 0.195 (0.99499999...) within "1 ± 0.005", as typed
    off = sums[(sums - 1.0).abs() > SHARE_TOLERANCE + 1e-9]
    if off.empty:
        return []
    first = sources.reset_index().drop_duplicates("item_id").set_index("item_id")["index"]
    problems = []
    text = _("the shares of item {item} sum to {total}, not 1 (allowed: 1 ± {tolerance})")
    for item, total in zip(off.index.tolist(), off.tolist(), strict=True):
        p = int(first.loc[item])
        problems.append(Problem(
            "Sources", text.format(item=parsing.printable(item), total=f"{total:.4g}",
                                   tolerance=SHARE_TOLERANCE),
            layout.cell("share", p), row=int(layout.rows[p]), column="share"))
    return problems


def check_cycles(project: Project, parent_codes: np.ndarray, child_codes: np.ndarray,
                  uniques: np.ndarray) -> list[Problem]:
    """BOM cycles, each named once by its path.

    ``parent_codes``, ``child_codes``: the BOM's ids as codes (-1: blank) of the ids in
    ``uniques``; lines without both ids are left out (an edge is then a position among
    the others). The acyclic part above any cycle is peeled off by waves; what is left is
    searched depth-first, sharing finished nodes between searches, so that no item is
    explored twice (a cycle above 100,000 items is found in well under a second).
    """
    both = (parent_codes >= 0) & (child_codes >= 0)
    if not both.any():
        return []
    parents, children = parent_codes[both], child_codes[both]
    n = len(uniques)
    remaining = requirements.acyclic_remainder(parents, children, n)
    if not remaining.any():
        return []
    layout = project.layout("BOM")
    problems: list[Problem] = []
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for e in np.flatnonzero(remaining[parents] & remaining[children]):
        adjacency.setdefault(int(parents[e]), []).append((int(children[e]), int(e)))
    done: set[int] = set()  # finished, or on a cycle already named
    for start in adjacency:
        if start in done:
            continue
        path, edges = requirements.find_cycle(start, adjacency, done)
        if not path:
            continue
        done.update(path)
        names = " → ".join(parsing.printable(uniques[node]) for node in [*path, path[0]])
        p = edges[0]
        problems.append(Problem("BOM", _("the BOM has a cycle: {path}").format(path=names),
                                layout.cell("parent_id", p), row=int(layout.rows[p]),
                                column="parent_id"))
    return problems
