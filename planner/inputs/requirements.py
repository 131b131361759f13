"""Requirements through the bill of materials, as arrays over item positions.

The BOM is a directed graph from each parent to its children. Validation uses it to name
cycles and to refuse quantities whose products overflow; the figures use it to explode
demand into every item's gross daily requirement (docs/definitions.md: requirements).
Both read the graph the same way, through these functions:

- ``levels``: each item's level (0 for items no one uses, else one below its deepest
  parent), by waves of Kahn's algorithm, so the cost grows with the BOM lines, not with
  the depth squared;
- ``explode``: own demand plus the parents' requirement times the effective quantity, one
  weighted bincount per level (per item, or per item and month for a forecast);
- ``acyclic_remainder`` and ``find_cycle``: what is left on or below a cycle, and one
  cycle's path, to name it.

Positions are integers into the Items table; a BOM line is a pair of positions and its
effective quantity (qty_per × (1 + scrap_pct / 100)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.inputs.schema import DAYS_PER


def daily_rates(quantity: np.ndarray | pd.Series, per: pd.Series) -> np.ndarray:
    """Quantities per day/week/month/year as daily rates (docs/definitions.md: rates)."""
    days = per.map(DAYS_PER).to_numpy(dtype=float)
    return np.asarray(quantity, dtype=float) / days


def effective_quantities(bom: pd.DataFrame) -> np.ndarray:
    """Each BOM line's quantity per parent with its scrap: qty_per × (1 + scrap_pct/100)."""
    scrap = bom["scrap_pct"].fillna(0.0).to_numpy(dtype=float)
    with np.errstate(over="ignore"):
        return bom["qty_per"].to_numpy(dtype=float) * (1.0 + scrap / 100.0)


def levels(parents: np.ndarray, children: np.ndarray, n: int) -> np.ndarray:
    """Level of every item: 0 for items no one uses, else 1 + the deepest parent's level;
    -1 for items on a cycle or below one."""
    indegree = np.bincount(children, minlength=n)
    level = np.full(n, -1, dtype=np.int64)
    frontier = indegree == 0
    depth = 0
    while frontier.any():
        level[frontier] = depth
        out = frontier[parents]
        indegree = indegree - np.bincount(children[out], minlength=n)
        frontier = (level < 0) & (indegree == 0)
        depth += 1
    return level


def explode(demand: np.ndarray, parents: np.ndarray, children: np.ndarray, qty: np.ndarray,
            level: np.ndarray) -> np.ndarray:
    """Gross daily requirement: own demand plus parents' requirement × effective quantity.

    Edges are grouped by their parent's level once; each level's requirement is final
    when its turn comes, because every parent sits on a lower level than its children.
    A requirement beyond the largest float comes out infinite (the caller checks).

    ``demand`` is one rate per item, or a matrix items × periods (a forecast's months):
    each column is exploded as a vector would be.
    """
    req = demand.astype(float).copy()
    if len(parents) == 0:
        return req
    if req.ndim == 2:
        return _explode_columns(req, parents, children, qty, level)
    edge_level = level[parents]
    if level.max() < 2**15:  # small integers: numpy's stable sort is then a radix sort
        edge_level = edge_level.astype(np.int16)
    order = np.argsort(edge_level, kind="stable")
    bounds = np.searchsorted(edge_level[order], np.arange(level.max() + 2))
    n = len(req)
    with np.errstate(over="ignore", invalid="ignore"):
        for d in range(level.max() + 1):
            sel = order[bounds[d]:bounds[d + 1]]
            if len(sel):
                req += np.bincount(children[sel], weights=req[parents[sel]] * qty[sel],
                                   minlength=n)
    return req


def _explode_columns(req: np.ndarray, parents: np.ndarray, children: np.ndarray,
                     qty: np.ndarray, level: np.ndarray) -> np.ndarray:
    """explode for a matrix items × periods, in place: per level, the children's rows get
    the level's BOM lines (a sparse matrix children × parents) times the parents' rows."""
    from scipy import sparse  # as the product view does: only once there are figures

    n = len(req)
    edge_level = level[parents]
    order = np.argsort(edge_level, kind="stable")
    bounds = np.searchsorted(edge_level[order], np.arange(level.max() + 2))
    with np.errstate(over="ignore", invalid="ignore"):
        for d in range(level.max() + 1):
            sel = order[bounds[d]:bounds[d + 1]]
            if len(sel):
                lines = sparse.csr_matrix((qty[sel], (children[sel], parents[sel])),
                                          shape=(n, n))
                req += lines @ req
    return req


def acyclic_remainder(parents: np.ndarray, children: np.ndarray, n: int) -> np.ndarray:
    """Nodes left after repeatedly removing those with no incoming edge (Kahn, by waves):
    the nodes on a cycle or below one."""
    indegree = np.bincount(children, minlength=n)
    alive = np.ones(n, dtype=bool)
    frontier = alive & (indegree == 0)
    while frontier.any():
        alive &= ~frontier
        out = frontier[parents]
        indegree -= np.bincount(children[out], minlength=n)
        frontier = alive & (indegree == 0)
    return alive


def find_cycle(start: int, adjacency: dict[int, list[tuple[int, int]]], done: set[int]
               ) -> tuple[list[int], list[int]]:
    """A cycle reachable from start (iterative DFS): its nodes and edge positions.

    Nodes in ``done`` are not entered; nodes finished without a cycle are added to it.
    """
    stack = [iter(adjacency.get(start, []))]
    on_path = {start: 0}
    path: list[int] = [start]
    edges: list[int] = []
    while stack:
        for child, edge in stack[-1]:
            if child in on_path:
                k = on_path[child]
                return path[k:], [*edges[k:], edge]
            if child in adjacency and child not in done:
                on_path[child] = len(path)
                path.append(child)
                edges.append(edge)
                stack.append(iter(adjacency[child]))
                break
        else:
            stack.pop()
            finished = path.pop()
            done.add(finished)
            del on_path[finished]
            if edges:
                edges.pop()
    return [], []
