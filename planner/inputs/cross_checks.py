"""The checks of a project that span rows and sheets, each self-contained: the item-id
lookup they share (``ItemIds``), share sums, rates for every currency, service levels,
BOM cycles, requirements that overflow (``requirement_overflows``, also used by the
figures), and the Alternates sheet (an item replaced by itself or a product, a cycle
through alternates and the BOM, an alternate that can be neither made nor bought).
``planner.inputs.validation.check_project`` runs them in turn.
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


def _known_kinds(items: pd.DataFrame, ids: ItemIds) -> np.ndarray:
    """The kind of each id of ``ids.known`` (from its first row in Items; "" when blank,
    as a project file edited outside the program may have it), with a last entry None
    for position -1 (an unknown id)."""
    first = ~ids.duplicated & items["item_id"].notna().to_numpy(dtype=bool)
    kinds: np.ndarray = np.empty(int(first.sum()) + 1, dtype=object)
    kinds[:-1] = items["kind"].fillna("").to_numpy(dtype=object)[first]  # blank: ""
    return kinds


def _alternate_positions(project: Project, ids: ItemIds) -> tuple[np.ndarray, np.ndarray]:
    """Each Alternates row's item and alternate as positions in ``ids.known`` (-1:
    unknown or blank, which validation reports as an unknown item)."""
    table = project.alternates
    return (ids.known.get_indexer(table["item_id"]),
            ids.known.get_indexer(table["alternate_id"]))


def check_alternates(project: Project, ids: ItemIds) -> list[Problem]:
    """The Alternates rows the scenarios could not use: an item replaced by itself, a
    product replaced or used as an alternate (a product is what demand asks for: its
    components or materials are what can be swapped), and a cycle through alternates and
    BOM lines (an item replaced by what it is made into, or by what it replaces), which
    would have a switch feed on itself. Unknown ids are left to the unknown-item check."""
    table = project.alternates
    if table.empty:
        return []
    layout = project.layout("Alternates")
    x, a = _alternate_positions(project, ids)
    items, alternates = table["item_id"].tolist(), table["alternate_id"].tolist()
    kinds = _known_kinds(project.items, ids)
    problems: list[Problem] = []

    def add(column: str, rows: np.ndarray, message: str, values: list[object]) -> None:
        for p in rows.tolist():
            problems.append(Problem("Alternates", message.format(
                item=parsing.printable(values[p])), layout.cell(column, p),
                row=int(layout.rows[p]), column=column))

    known = (x >= 0) & (a >= 0)
    itself = known & (x == a)
    add("alternate_id", np.flatnonzero(itself),
        _("{item} cannot replace itself: name another item as its alternate"), alternates)
    product_item = (x >= 0) & (kinds[x] == "product")
    add("item_id", np.flatnonzero(product_item),
        _("{item} is a product, and a product cannot be replaced: name the component or "
          "material it uses instead"), items)
    product_alternate = (a >= 0) & ~itself & (kinds[a] == "product")
    add("alternate_id", np.flatnonzero(product_alternate),
        _("{item} is a product, and a product cannot be an alternate: name a component or "
          "material instead"), alternates)
    usable = np.flatnonzero(known & ~itself & ~product_item & ~product_alternate)
    for p, path in _alternate_cycles(ids, x[usable], a[usable]):
        row = int(usable[p])
        names = " → ".join(parsing.printable(ids.known[node]) for node in path)
        problems.append(Problem(
            "Alternates", _("this alternate closes a cycle (item → alternate, parent → child "
                            "in the BOM): {path}").format(path=names),
            layout.cell("alternate_id", row), row=int(layout.rows[row]),
            column="alternate_id"))
    return problems


def _alternate_cycles(ids: ItemIds, x: np.ndarray, a: np.ndarray
                      ) -> list[tuple[int, list[int]]]:
    """Cycles through an alternate link (x[k] → a[k]) in the graph of the links and the
    BOM lines (parent → child): one per strongly connected component that holds a link
    on a cycle, named at its first such link: (k, the path from x[k] round to x[k]).

    A link is on a cycle when its two items are in one component (scipy's, in C). A
    breadth-first search from a[k] back to x[k] inside the component gives a shortest
    cycle, and each component is searched once, so that thousands of alternates over a
    BOM of 300,000 lines take well under a second. After a fix, the next check names
    the next cycle of a component. A cycle of BOM lines alone is the BOM cycle check's.
    """
    if not len(x):
        return []
    bom = (ids.parent >= 0) & (ids.child >= 0)
    sources = np.concatenate([ids.parent[bom], x]).astype(np.int64)
    targets = np.concatenate([ids.child[bom], a]).astype(np.int64)
    n = len(ids.known)
    core = (requirements.acyclic_remainder(sources, targets, n)
            & requirements.acyclic_remainder(targets, sources, n))
    if not (core[x] & core[a]).any():  # no cycle through a link: scipy not even imported
        return []
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    graph = sparse.csr_matrix((np.ones(len(sources), dtype=np.int8), (sources, targets)),
                              shape=(n, n))
    count, component = connected_components(graph, directed=True, connection="strong")
    first: dict[int, int] = {}  # component -> its first link on a cycle
    for k in np.flatnonzero(component[x] == component[a]).tolist():
        first.setdefault(int(component[x[k]]), k)
    searched = np.zeros(count, dtype=bool)
    searched[list(first)] = True
    inside = (component[sources] == component[targets]) & searched[component[sources]]
    adjacency: dict[int, list[int]] = {}
    for source, target in zip(sources[inside].tolist(), targets[inside].tolist(),
                              strict=True):
        adjacency.setdefault(source, []).append(target)
    found: list[tuple[int, list[int]]] = []
    for k in sorted(first.values()):
        start, goal = int(a[k]), int(x[k])
        previous = {start: start}
        queue = [start]
        for node in queue:  # the queue grows while it is walked: breadth first
            if node == goal:
                break
            for target in adjacency.get(node, []):
                if target not in previous:
                    previous[target] = node
                    queue.append(target)
        walk = [goal]  # from x back to a
        while walk[-1] != start:
            walk.append(previous[walk[-1]])
        found.append((k, [goal, *reversed(walk)]))  # x → a → ... → x
    return found


def check_alternate_supply(project: Project, ids: ItemIds) -> list[Problem]:
    """A warning at the first row of each alternate that has no BOM (as a parent), no
    Sources rows and is no material: a scenario can neither make nor buy it, so it never
    replaces anything (a material without sources has its own warning)."""
    table = project.alternates
    if table.empty:
        return []
    x, a = _alternate_positions(project, ids)
    kinds = _known_kinds(project.items, ids)
    made = np.zeros(len(ids.known) + 1, dtype=bool)
    made[ids.parent[ids.parent >= 0]] = True
    sourced = ids.known.get_indexer(project.sources["item_id"].dropna().unique())
    made[sourced[sourced >= 0]] = True
    alternates = table["alternate_id"]
    first = ~alternates.duplicated(keep="first").to_numpy(dtype=bool)
    bad = np.flatnonzero(first & (a >= 0) & (a != x) & ~made[a]
                         & ~np.isin(kinds[a], ("material", "product")))
    layout = project.layout("Alternates")
    text = _("alternate {item} has no BOM and no sources: it cannot be made or bought in a "
             "scenario")
    listed = alternates.tolist() if len(bad) else []
    return [Problem("Alternates", text.format(item=parsing.printable(listed[p])),
                    layout.cell("alternate_id", p), "warning", row=int(layout.rows[p]),
                    column="alternate_id", kind="alternate without supply")
            for p in bad.tolist()]
