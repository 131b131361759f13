"""The product view: per unit of each finished product, the quantity of each purchased
item it consumes, and each product's worst exposure among those items.

The BOM is walked down from the products as a sparse matrix (products × items), keeping
only the columns of purchased items; each product's worst exposure is a reduction over its
row of that matrix. ``planner.analysis.compute`` builds the view once per set of products
and reads the report's Products table from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from planner.analysis.ordering import status_rank

if TYPE_CHECKING:  # scipy is imported by the product view, once the workbook is read: its
    # modules then take memory the raw cells left free, not memory of their own
    from scipy import sparse


def take(values: pd.Series, positions: np.ndarray) -> pd.Series:
    """values[positions] as a Series of the same dtype; position -1 gives a missing value."""
    return pd.Series(values.array.take(positions, allow_fill=True), copy=False)


@dataclass
class ProductView:
    """Quantity per unit: rows are products, columns purchased items, both in id order."""

    qty: sparse.csr_matrix  # sorted column indices: a row lists materials in id order
    products: np.ndarray  # item position of each row
    columns: np.ndarray  # item position of each column

    @property
    def starts(self) -> np.ndarray:
        """Where the row of each product that uses any purchased item starts."""
        counts = np.diff(self.qty.indptr)
        return np.asarray(self.qty.indptr[:-1][counts > 0])

    def subset(self, keep: np.ndarray) -> ProductView:
        """The rows of the items for which ``keep`` (by item position) is True."""
        rows = keep[self.products]
        return ProductView(self.qty[rows], self.products[rows], self.columns)

    def frame(self, ids: pd.Series) -> pd.DataFrame:
        counts = np.diff(self.qty.indptr)
        return pd.DataFrame({
            "product_id": take(ids, np.repeat(self.products, counts)),
            "material_id": take(ids, self.columns[self.qty.indices]),
            "qty_per_unit": self.qty.data})


def _alphabetical(ids: pd.Series, positions: np.ndarray) -> np.ndarray:
    """positions reordered so that their ids are in alphabetical order."""
    order = ids.iloc[positions].argsort(kind="stable").to_numpy()
    return positions[order]


def _ragged(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions starts[i], ..., starts[i] + counts[i] - 1 for each i, in turn."""
    total = int(counts.sum())
    offsets = np.cumsum(counts) - counts
    return np.repeat(starts - offsets, counts) + np.arange(total)


def _summed(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col, value) entries with equal (row, col) summed, in column then row order;
    zero sums dropped, as a sparse product drops them."""
    if len(vals) <= 1:  # nothing to sum (a chain's levels): skip the sort
        keep = vals != 0
        return rows[keep], cols[keep], vals[keep]
    key = cols * (int(rows.max()) + 1) + rows  # one key sorts faster than two
    order = np.argsort(key, kind="stable")  # stable: equal pairs summed in the given order
    key, rows, cols, vals = key[order], rows[order], cols[order], vals[order]
    heads = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1))
    vals = np.add.reduceat(vals, heads)
    rows, cols = rows[heads], cols[heads]
    keep = vals != 0
    return rows[keep], cols[keep], vals[keep]


class _Entries:
    """A growing store of (product row, value) pairs, one run of pairs per item."""

    def __init__(self, n: int) -> None:
        self.rows = np.empty(1024, dtype=np.int64)
        self.vals = np.empty(1024, dtype=float)
        self.used = 0
        self.start = np.zeros(n, dtype=np.int64)
        self.count = np.zeros(n, dtype=np.int64)

    def add(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> None:
        """Entries sorted by column; each column is given once, all its entries at once."""
        k = len(vals)
        if k == 0:
            return
        if self.used + k > len(self.rows):  # doubling: each entry is copied O(1) times
            size = max(2 * len(self.rows), self.used + k)
            self.rows = np.resize(self.rows, size)
            self.vals = np.resize(self.vals, size)
        self.rows[self.used:self.used + k] = rows
        self.vals[self.used:self.used + k] = vals
        heads = np.concatenate(([0], np.flatnonzero(cols[1:] != cols[:-1]) + 1))
        self.start[cols[heads]] = self.used + heads
        self.count[cols[heads]] = np.diff(np.concatenate((heads, [k])))
        self.used += k


def product_view(ids: pd.Series, products: np.ndarray, purchased: np.ndarray,
                  parents: np.ndarray, children: np.ndarray, qty: np.ndarray,
                  level: np.ndarray) -> ProductView:
    """Per unit of each product, the quantity of each purchased item it consumes.

    With A the BOM (parents × children, effective quantities) and E each product itself,
    X = E + Y and Y = X·A: Y holds what a unit of each product needs of each item through
    one or more BOM lines. Taking the items level by level, the columns of one level need
    only those of their parents, on levels above, which are final by then. Each level
    gathers only its parents' entries, so the work follows the BOM lines and the entries,
    not the depth times the entries (a chain 5,000 levels deep stays linear). Only the
    columns of purchased items are kept, in id order.
    """
    from scipy import sparse

    n = len(ids)
    products = _alphabetical(ids, products)
    columns = _alphabetical(ids, np.flatnonzero(purchased))
    p = len(products)
    x = _Entries(n)
    product_level = level[products]
    edge_level = level[children]
    edge_order = np.argsort(edge_level, kind="stable")
    top = int(level.max(initial=0))
    edge_bounds = np.searchsorted(edge_level[edge_order], np.arange(top + 2))
    product_order = np.argsort(product_level, kind="stable")
    product_bounds = np.searchsorted(product_level[product_order], np.arange(top + 2))
    out_rows: list[np.ndarray] = []
    out_cols: list[np.ndarray] = []
    out_vals: list[np.ndarray] = []
    for d in range(top + 1):
        sel = edge_order[edge_bounds[d]:edge_bounds[d + 1]]
        if len(sel):
            pa = parents[sel]
            counts = x.count[pa]
            at = _ragged(x.start[pa], counts)
            rows, cols, vals = _summed(x.rows[at], np.repeat(children[sel], counts),
                                       x.vals[at] * np.repeat(qty[sel], counts))
            kept = purchased[cols]
            out_rows.append(rows[kept])
            out_cols.append(cols[kept])
            out_vals.append(vals[kept])
        else:
            rows = cols = np.empty(0, dtype=np.int64)
            vals = np.empty(0, dtype=float)
        mine = product_order[product_bounds[d]:product_bounds[d + 1]]
        if len(mine):  # X = Y + E: the product itself, added after its uses
            rows, cols, vals = _summed(np.concatenate((rows, mine)),
                                       np.concatenate((cols, products[mine])),
                                       np.concatenate((vals, np.ones(len(mine)))))
        x.add(rows, cols, vals)
    place = np.full(n, -1, dtype=np.int64)
    place[columns] = np.arange(len(columns))
    rows = np.concatenate(out_rows) if out_rows else np.empty(0, dtype=np.int64)
    cols = np.concatenate(out_cols) if out_cols else np.empty(0, dtype=np.int64)
    vals = np.concatenate(out_vals) if out_vals else np.empty(0, dtype=float)
    view = sparse.csr_matrix((vals, (rows, place[cols])), shape=(p, len(columns)))
    view.sum_duplicates()  # canonical: sorted column indices
    return ProductView(view, products, columns)


def _worst_first(key: np.ndarray, ascending: bool) -> np.ndarray:
    """Columns (materials in id order) from worst to best by key: the lowest first when
    ``ascending``, else the highest; missing keys last; equal keys in id order."""
    missing = np.isnan(key)
    filled = np.where(missing, 0.0, key)
    return np.lexsort((filled if ascending else -filled, missing))  # a stable sort


def worst_exposure(item_table: pd.DataFrame, materials: pd.DataFrame, purchased: np.ndarray,
              view: ProductView) -> pd.DataFrame:
    """Each product's worst exposure among the materials it consumes.

    Worst is the highest top-country share, the shortest cover and the worst status; a
    tie goes to the material first in id order, a missing figure comes last.
    """
    is_product = (item_table["kind"] == "product").fillna(False).to_numpy(dtype=bool)
    prods = item_table.loc[is_product, ["item_id", "name", "daily_use"]].reset_index(
        drop=True)
    n, k = len(item_table), len(prods)
    # materials-table row of each column of the view
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[np.flatnonzero(purchased)] = np.arange(int(purchased.sum()))
    material_row = row_of[view.columns]
    # products-table row of each product that uses any purchased item
    product_row = np.full(n, -1, dtype=np.int64)
    product_row[np.flatnonzero(is_product)] = np.arange(k)
    starts = view.starts
    used = view.qty.indices  # column of each pair, row after row
    target = product_row[view.products[np.diff(view.qty.indptr) > 0]]

    def per_product(values: np.ndarray, fill: int, dtype: npt.DTypeLike) -> np.ndarray:
        out = np.full(k, fill, dtype=dtype)
        out[target] = values
        return out

    def worst(key: pd.Series, ascending: bool) -> np.ndarray:
        """Materials-table row of each product's worst material by ``key``."""
        order = _worst_first(key.to_numpy(dtype=float)[material_row], ascending)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        best = np.minimum.reduceat(rank[used], starts) if len(starts) else starts
        return per_product(material_row[order[best]], -1, np.int64)

    def total(flag: str) -> np.ndarray:
        flags = materials[flag].to_numpy(dtype=np.int64)[material_row]
        return per_product(np.add.reduceat(flags[used], starts) if len(starts) else starts,
                           0, np.int64)

    def of(rows: np.ndarray, column: str) -> pd.Series:
        return take(materials[column], rows)

    by_status = worst(status_rank(materials["status"]), True)
    by_country = worst(materials["top_country_share"], False)
    by_cover = worst(materials["days_of_cover"], True)
    return prods.assign(
        materials=per_product(np.diff(np.r_[starts, len(used)]), 0, np.int64),
        worst_status=of(by_status, "status").fillna("ok").astype("string"),
        worst_status_material=of(by_status, "item_id").astype("string"),
        top_country=of(by_country, "top_country").astype("string"),
        top_country_share=of(by_country, "top_country_share").to_numpy(dtype=float),
        top_country_material=of(by_country, "item_id").astype("string"),
        min_days_of_cover=of(by_cover, "days_of_cover").to_numpy(dtype=float),
        min_cover_material=of(by_cover, "item_id").astype("string"),
        materials_over_country_cap=total("over_country_cap"),
        materials_over_supplier_cap=total("over_supplier_cap"),
    )
