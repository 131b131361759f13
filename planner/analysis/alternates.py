"""Alternates in a disruption: an item replaced by another once the stop leaves it short.

The Alternates sheet names, for an item X, an alternate A (an item with its own BOM or
sources), the units of A per unit of X (``ratio``), the days after a stop begins before A
may be used (``qualification_days``) and the most of X's requirement A may take
(``max_share``). docs/definitions.md states the model; in short, on each day of a stop
from the qualification day on:

1. X's uncovered requirement is ``(1 − f) × r_X``, f the smallest fraction of the day's
   requirement met among X's purchased materials (a material short by a third leaves a
   third of X unmade);
2. the alternate takes ``z = min(1 − f, max_share) × r_X`` units of X, fewer when A's
   materials cannot spare enough: A draws only on what its materials have beyond their
   own requirement that day (their stock and arrivals), so an alternate never takes a
   material from the items that use it already;
3. making z of X from A instead of its own BOM changes each purchased item N's
   requirement by ``z × (ratio × q_A(N) − q_X(N))``, with q the quantity of N per unit
   through the BOM: X's own materials are freed (the freed stock serves every use of
   them), A's are consumed.

An alternate's own alternates are not used for it; stock sizing (planner.analysis.stockpile)
leaves alternates out, so its recommendations stay on the safe side.

This module turns the sheet into arrays (:func:`links`); the day loop
(planner.analysis.simulation) applies them with :class:`Switches`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.analysis.arrays import expand
from planner.analysis.compute import Report, bom_arrays
from planner.analysis.product_view import product_view, take
from planner.inputs.project import Project


@dataclass
class Links:
    """The usable rows of the Alternates sheet (a link: item → alternate) as arrays.

    Entries: per link, each purchased item whose requirement a switch changes, with its
    quantity per unit of the item (``e_per``: > 0 for the item's own materials) and the
    change per unit of the item switched (``e_net``: ratio × per unit of the alternate −
    ``e_per``), grouped by link (``e_starts``). ``mat_links``/``mat_starts``: per
    material, the links whose item uses it.
    """

    item_id: pd.Series
    alternate_id: pd.Series
    item_name: pd.Series
    alternate_name: pd.Series
    unit: pd.Series  # the item's
    ratio: np.ndarray
    qualification: np.ndarray  # days
    max_share: np.ndarray
    req: np.ndarray  # the item's daily requirement
    daily: np.ndarray | None  # links × months, with a Forecast sheet
    tail: np.ndarray | None
    e_mat: np.ndarray
    e_per: np.ndarray
    e_net: np.ndarray
    e_starts: np.ndarray
    mat_links: np.ndarray
    mat_starts: np.ndarray

    def __len__(self) -> int:
        return len(self.ratio)


def links(project: Project, report: Report, mat_index: pd.Index) -> Links | None:
    """The Alternates rows whose two items are known (validation names the others), or
    None when there are none."""
    table = project.alternates
    if table.empty:
        return None
    items = report.items
    ids = items["item_id"]
    index = pd.Index(ids)
    x = index.get_indexer(table["item_id"])
    a = index.get_indexer(table["alternate_id"])
    keep = (x >= 0) & (a >= 0) & (x != a)
    if not keep.any():
        return None
    table = table[keep].reset_index(drop=True)
    x, a = x[keep], a[keep]
    n_links = len(table)
    purchased = np.zeros(len(ids), dtype=bool)
    mat_pos = index.get_indexer(mat_index)
    purchased[mat_pos] = True
    parents, children, qty = bom_arrays(project, index)
    known = (parents >= 0) & (children >= 0)
    rows = np.unique(np.r_[x, a])
    view = product_view(ids, rows, purchased, parents[known], children[known], qty[known],
                        items["level"].to_numpy(dtype=np.int64))
    # per item of rows: its purchased items and their quantities per unit (itself: 1)
    per_item: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    indptr = view.qty.indptr
    for r, pos in enumerate(view.products.tolist()):
        cols = view.columns[view.qty.indices[indptr[r]:indptr[r + 1]]]
        per_item[pos] = (cols, view.qty.data[indptr[r]:indptr[r + 1]])
    for pos in rows.tolist():
        if purchased[pos]:
            per_item[pos] = (np.array([pos]), np.array([1.0]))
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    ratio = np.nan_to_num(table["ratio"].to_numpy(dtype=float, na_value=np.nan), nan=1.0)
    e_link, e_item, e_per, e_net = [], [], [], []
    for link in range(n_links):
        x_cols, x_qty = per_item.get(int(x[link]), empty)
        a_cols, a_qty = per_item.get(int(a[link]), empty)
        cols = np.union1d(x_cols, a_cols)
        px = np.zeros(len(cols))
        pa = np.zeros(len(cols))
        px[np.searchsorted(cols, x_cols)] = x_qty
        pa[np.searchsorted(cols, a_cols)] = a_qty
        e_link.append(np.full(len(cols), link))
        e_item.append(cols)
        e_per.append(px)
        e_net.append(ratio[link] * pa - px)
    link_of = np.concatenate(e_link).astype(np.int64)
    mat_of_pos = np.full(len(ids), -1, dtype=np.int64)
    mat_of_pos[mat_pos] = np.arange(len(mat_index))
    e_mat = mat_of_pos[np.concatenate(e_item).astype(np.int64)]
    per = np.concatenate(e_per)
    net = np.concatenate(e_net)
    valid = e_mat >= 0
    link_of, e_mat, per, net = link_of[valid], e_mat[valid], per[valid], net[valid]
    e_starts = np.zeros(n_links + 1, dtype=np.int64)
    np.cumsum(np.bincount(link_of, minlength=n_links), out=e_starts[1:])
    own = per > 0
    order = np.argsort(e_mat[own], kind="stable")
    mat_links = link_of[own][order]
    mat_starts = np.zeros(len(mat_index) + 1, dtype=np.int64)
    np.cumsum(np.bincount(e_mat[own], minlength=len(mat_index)), out=mat_starts[1:])
    req = items["daily_use"].to_numpy(dtype=float)[x]
    daily = tail = None
    if report.profile is not None:
        profile = report.profile.select(table["item_id"])
        daily, tail = profile.daily, profile.tail
    qualification = np.nan_to_num(table["qualification_days"].to_numpy(
        dtype=float, na_value=np.nan), nan=0.0)
    max_share = np.nan_to_num(table["max_share"].to_numpy(dtype=float, na_value=np.nan),
                              nan=1.0)
    names = items["name"]
    return Links(table["item_id"].reset_index(drop=True),
                 table["alternate_id"].reset_index(drop=True),
                 take(names, x).astype("string"), take(names, a).astype("string"),
                 take(items["unit"], x).astype("string"), ratio, qualification,
                 max_share, req, daily, tail, e_mat, per, net, e_starts, mat_links,
                 mat_starts)


@dataclass
class Baseline:
    """What the materials an alternate consumes do without any stop, day by day: their
    arrivals and requirement (days × materials), from one run of the day loop; arrivals
    never depend on the stock, so a stop that leaves a material alone only changes its
    stock, by what the alternates consume of it."""

    materials: np.ndarray  # material index of each column
    arrivals: np.ndarray
    requirement: np.ndarray


class Switches:
    """The alternates a batch of cases may switch to, and what they did, day by day.

    An instance is a (stop, link) whose item uses a material the stop hits. Its entries
    are its link's entries that are cases of the same stop: the stop's own cases, or
    *companions*, materials the stop leaves alone that the alternate consumes, kept here
    as stock only (their arrivals and requirement are the :class:`Baseline`'s).
    """

    def __init__(self, lk: Links, case_key: np.ndarray, c_key: np.ndarray, n_mat: int,
                 i_stop: np.ndarray, i_link: np.ndarray, days: np.ndarray,
                 base: Baseline, stock: np.ndarray, record: bool) -> None:
        self.links = lk
        self.stop, self.link = i_stop, i_link
        k, kc = len(case_key), len(c_key)
        self.k = k
        entry, place = expand(i_link, lk.e_starts)
        key = i_stop[entry] * n_mat + lk.e_mat[place]
        where = np.full(len(key), -1, dtype=np.int64)
        for keys, offset in ((case_key, 0), (c_key, k)):
            if len(keys):
                at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
                hit = (keys[at] == key) & (where < 0)
                where[hit] = at[hit] + offset
        found = where >= 0
        e_inst, e_case = entry[found], where[found]
        e_per, e_net = lk.e_per[place[found]], lk.e_net[place[found]]
        n = len(i_stop)
        # the item's own materials (every instance has one: a hit material), and what
        # the alternate consumes, each grouped by instance
        own = e_per > 0
        self.o_case, self.o_per = e_case[own], e_per[own]
        self.o_heads = np.searchsorted(e_inst[own], np.arange(n))
        self.o_inst = e_inst[own]
        takes = e_net > 0
        self.t_inst, self.t_case, self.t_net = e_inst[takes], e_case[takes], e_net[takes]
        self.t_some = np.bincount(self.t_inst, minlength=n) > 0
        self.t_heads = np.searchsorted(self.t_inst, np.flatnonzero(self.t_some))
        uses = e_net + e_per > 0  # the alternate's BOM: ratio × its quantity per unit
        self.u_inst, self.u_case, self.u_qty = e_inst[uses], e_case[uses], \
            (e_net + e_per)[uses]
        self.req = lk.req[i_link]
        self.from_day = lk.qualification[i_link]
        self.end = days[i_stop]
        self.cap = lk.max_share[i_link]
        self.first = np.full(n, np.nan)  # the first day the alternate was used
        self.replaced = np.zeros(n)  # units of the item made from the alternate
        self.uncovered = np.zeros(n)  # units of the item the stop left uncovered
        self.used = np.zeros(k + kc)  # what the alternates consumed of each case
        # the companions: stock only
        self.c_stop, self.c_mat = np.divmod(c_key, n_mat)
        self.c_col = np.searchsorted(base.materials, self.c_mat)
        self.c_end = days[self.c_stop]
        self.c_stock = stock[self.c_mat].copy()
        self.base = base
        n_days = len(base.arrivals)
        self.c_projection = np.empty((n_days + 1, kc)) if record else None

    def month(self, col: int) -> None:
        """With a forecast: the items' requirement in the month that begins."""
        lk = self.links
        if lk.daily is not None and lk.tail is not None:
            rates = np.c_[lk.daily, lk.tail]
            self.req = rates[self.link, col]

    def day(self, t: int, avail: np.ndarray, req: np.ndarray, frac: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray] | None:
        """Per case of the stops, what the switches free of its requirement today (the
        items made from alternates do not use it) and what they consume of it (the
        alternates' BOM); None: no switch today. The companions' stock moves on."""
        c_arrived = self.base.arrivals[t, self.c_col]
        c_req = self.base.requirement[t, self.c_col]
        c_avail = self.c_stock + c_arrived
        c_live = t < self.c_end
        if self.c_projection is not None:
            self.c_projection[t] = self.c_stock
        result = self._switch(t, avail, req, frac, c_avail, c_req)
        c_freed: np.ndarray | float = 0.0
        c_consumed: np.ndarray | float = 0.0
        if result is not None:
            freed, consumed = result
            c_freed, c_consumed = freed[self.k:], consumed[self.k:]
            result = freed[:self.k], consumed[:self.k]
        self.c_stock = np.where(c_live, np.maximum(
            c_avail - c_req - c_consumed + c_freed, 0.0), self.c_stock)
        return result

    def _switch(self, t: int, avail: np.ndarray, req: np.ndarray, frac: np.ndarray,
                c_avail: np.ndarray, c_req: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray] | None:
        active = (t >= self.from_day) & (t < self.end)
        if not active.any():
            return None
        f = np.r_[frac, np.ones(len(c_avail))]  # a companion is never short
        low = np.minimum.reduceat(f[self.o_case], self.o_heads) if len(self.o_case) \
            else np.ones(len(active))
        short = np.where(active, np.maximum(1.0 - low, 0.0), 0.0)
        if not (short > 0).any():
            return None
        self.uncovered += short * self.req
        want = np.minimum(short, self.cap) * self.req
        # what the alternates' materials can spare today, beyond their own requirement
        spare = np.maximum(np.r_[avail - req, c_avail - c_req], 0.0)
        size = len(spare)
        asked = np.bincount(self.t_case, weights=want[self.t_inst] * self.t_net,
                            minlength=size)
        with np.errstate(divide="ignore", invalid="ignore"):
            enough = np.where(asked > spare, spare / np.where(asked > 0, asked, 1.0), 1.0)
        scale = np.ones(len(want))
        if len(self.t_case):
            scale[self.t_some] = np.minimum.reduceat(enough[self.t_case], self.t_heads)
        z = want * scale
        self.replaced += z
        self.first = np.where((z > 0) & np.isnan(self.first), float(t), self.first)
        freed = np.bincount(self.o_case, weights=z[self.o_inst] * self.o_per,
                            minlength=size)
        consumed = np.bincount(self.u_case, weights=z[self.u_inst] * self.u_qty,
                               minlength=size)
        self.used += consumed
        return freed, consumed

    def companions(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                  np.ndarray | None]:
        """The companions after the last day: stop, material, end of each one's stop,
        stock at its end, and the stock at the start of each day (with ``record``)."""
        if self.c_projection is not None:
            self.c_projection[-1] = self.c_stock
        return self.c_stop, self.c_mat, self.c_end, self.c_stock, self.c_projection


def instances(lk: Links, case_stop: np.ndarray, case_mat: np.ndarray, n_links: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """The (stop, link) pairs whose link's item uses a material of a case: sorted."""
    entry, place = expand(case_mat, lk.mat_starts)
    keys = np.unique(case_stop[entry] * n_links + lk.mat_links[place])
    stops, link = np.divmod(keys, n_links)
    return stops.astype(np.int64), link.astype(np.int64)


def companions(lk: Links, i_stop: np.ndarray, i_link: np.ndarray, n_mat: int) -> np.ndarray:
    """Case keys (stop × n_mat + material) of the materials the instances' alternates
    consume, which must be projected too (they may be untouched by the stop)."""
    entry, place = expand(i_link, lk.e_starts)
    takes = lk.e_net[place] > 0
    keys: np.ndarray = i_stop[entry[takes]] * n_mat + lk.e_mat[place[takes]]
    return keys
