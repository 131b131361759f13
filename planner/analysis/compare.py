"""What changed between two projects, such as this month's and last month's
(docs/definitions.md: What changed between two months).

Two kinds of difference, for two readers:

- :func:`compare` compares the *figures*: it computes both reports (``planner.compute``;
  pass them in when they are computed already) and lists what a buyer reviews each month:
  materials newly below target or critical, newly over a supplier or country cap, days of
  cover and top shares that moved by more than a threshold, products whose worst status
  worsened; items, suppliers and sources (item, supplier) added and removed; how on-hand
  stock and open orders moved; settings that differ. ``planner compare`` prints it
  (planner.outputs.compare_reports).
- :func:`table_diff` and :func:`changed_cells` compare the *data*, table by table, so a
  window can highlight what differs. Rows are matched by the table's natural key
  (:data:`TABLE_KEYS`: Items by item_id, Sources by (item_id, supplier_id, origin_country),
  Orders by (item_id, supplier_id, due_date), ...); rows with equal keys are paired in
  order of appearance, so a key given twice pairs its first rows, then its second ones.
  A blank key cell matches a blank one. For the "What changed" page::

      positions, columns = changed_cells(old, new, "Stock")
      # cell i to highlight: new.tables["Stock"] row positions[i] (0-based position, not
      # the DataFrame's index label), column columns[i] (a canonical column name); a row
      # only in NEW has every cell listed; rows only in OLD are table_diff(...).removed
      # (positions in OLD's table), to be listed beside the table as they are not in it

  ``Comparison.tables`` holds the :class:`TableDiff` of every template table, computed
  once by :func:`compare`, so a page need not compute them again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.compute import Report, compute
from planner.analysis.ordering import STATUS_RANK
from planner.inputs.project import Project, Settings
from planner.inputs.schema import TABLES, sheet

COVER_DAYS = 7.0  # days of cover that moved by more than this are listed
SHARE_POINTS = 0.05  # a top share that moved by more than this (5 points) is listed
_TOLERANCE = 1e-9  # 0.8 - 0.7 is 0.1000...09: a move of just the threshold is not listed

# the natural key of each template table: what names a row from one month to the next
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "Items": ("item_id",),
    "BOM": ("parent_id", "child_id"),
    "Demand": ("item_id",),
    "Forecast": ("item_id", "month"),
    "Stock": ("item_id",),
    "Suppliers": ("supplier_id",),
    "Sources": ("item_id", "supplier_id", "origin_country"),
    "Orders": ("item_id", "supplier_id", "due_date"),
    "Alternates": ("item_id", "alternate_id"),
    "Rates": ("currency",),
}
assert set(TABLE_KEYS) == set(TABLES)

# the figures of a material compared, in the order its rows are listed
FIELDS = ("status", "over_supplier_cap", "over_country_cap", "days_of_cover",
          "top_supplier_share", "top_country_share", "effective_top_share")
# `what` of a row: English words for scripts, in every language (translated when shown)
NEWLY_BELOW = "newly below target"  # status ok -> short
NEWLY_CRITICAL = "newly critical"  # status ok or short -> critical
NEWLY_OVER_CAP = "newly over cap"
ROSE, FELL = "rose", "fell"
MATERIAL_COLUMNS = ["item_id", "field", "old", "new", "what"]
# whose share a share row gives (the top supplier or country may change with it): the
# Comparison's materials frame has them as old_top and new_top beside MATERIAL_COLUMNS
TOPS = {"top_supplier_share": "top_supplier", "top_country_share": "top_country",
        "effective_top_share": "effective_top_country"}
PRODUCT_COLUMNS = ["item_id", "name", "old", "new", "material"]


@dataclass(frozen=True)
class TableDiff:
    """How one table differs between two projects, row by row (rows matched by their
    natural key, :data:`TABLE_KEYS`); positions are 0-based rows of each project's
    table."""

    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]  # the table's columns, in template order
    added: np.ndarray  # positions in NEW of rows whose key OLD lacks
    removed: np.ndarray  # positions in OLD of rows whose key NEW lacks
    old_rows: np.ndarray  # matched rows: position in OLD ...
    new_rows: np.ndarray  # ... and in NEW
    differs: np.ndarray  # bool, matched rows x columns: the cell differs

    @property
    def changed(self) -> np.ndarray:
        """Positions in NEW of matched rows with at least one cell that differs."""
        return self.new_rows[self.differs.any(axis=1)]

    @property
    def same(self) -> bool:
        """No row added, removed or changed."""
        return not (len(self.added) or len(self.removed) or self.differs.any())

    def cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Cells of NEW's table to highlight: (positions, column names), parallel arrays,
        row by row; every cell of an added row, the differing cells of a matched one."""
        rows, cols = np.nonzero(self.differs)
        positions = np.concatenate([self.new_rows[rows],
                                    np.repeat(self.added, len(self.columns))])
        names = np.array(self.columns, dtype=object)
        columns = np.concatenate([names[cols], np.tile(names, len(self.added))])
        order = np.lexsort((np.concatenate([cols, np.tile(np.arange(len(names)),
                                                          len(self.added))]), positions))
        return positions[order].astype(np.int64), columns[order]


def table_diff(old: Project, new: Project, table: str) -> TableDiff:
    """The rows of ``table`` added, removed and changed from OLD to NEW."""
    a, b = old.tables[table], new.tables[table]
    key = TABLE_KEYS[table]
    columns = tuple(sheet(table).column_names)
    old_key, new_key = _codes([a[c] for c in key], [b[c] for c in key], occurrence=True)
    at = pd.Index(old_key).get_indexer(new_key)  # a key with its occurrence is unique
    found = at >= 0
    new_rows = np.flatnonzero(found)
    old_rows = at[found]
    matched = np.zeros(len(a), dtype=bool)
    matched[old_rows] = True
    differs = np.zeros((len(new_rows), len(columns)), dtype=bool)
    for j, column in enumerate(columns):
        if column not in key:  # equal keys: equal cells
            differs[:, j] = ~_same(a[column].iloc[old_rows], b[column].iloc[new_rows])
    return TableDiff(table, key, columns, np.flatnonzero(~found), np.flatnonzero(~matched),
                     old_rows, new_rows, differs)


def changed_cells(old: Project, new: Project, table: str) -> tuple[np.ndarray, np.ndarray]:
    """The cells of NEW's ``table`` that differ from OLD's: (row positions, column names);
    see :meth:`TableDiff.cells`."""
    return table_diff(old, new, table).cells()


def _codes(a: Sequence[pd.Series], b: Sequence[pd.Series], occurrence: bool = False
           ) -> tuple[np.ndarray, np.ndarray]:
    """Each row's values in the columns ``a`` (of one table) and ``b`` (of the other) as
    one integer, the same on both sides for the same values (two blanks are the same);
    with ``occurrence``, the row's occurrence of its values counts too, so that a key
    given twice pairs its first rows, then its second ones."""
    n, m = len(a[0]), len(b[0])
    code = np.zeros(n + m, dtype=np.int64)
    for x, y in zip(a, b, strict=True):
        part = pd.factorize(np.concatenate([_array(x), _array(y)]))[0].astype(np.int64) + 1
        # blank: 0 on both sides; made compact again, so that no key overflows
        code = pd.factorize(code * (int(part.max(initial=0)) + 1) + part)[0].astype(np.int64)
    if occurrence:
        for side in (slice(0, n), slice(n, n + m)):
            mine = code[side]
            seen = pd.Series(mine).groupby(mine).cumcount().to_numpy()
            code[side] = mine * (int(seen.max(initial=0)) + 1) + seen
    return code[:n], code[n:]


def _array(column: pd.Series) -> np.ndarray:
    """A column as numpy: text as objects (pandas' own text array is slower to factorize;
    factorize takes its NA as a blank), numbers and dates as they are (NaN, NaT)."""
    if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
        return np.asarray(column.to_numpy(dtype=object))
    return np.asarray(column.to_numpy())


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Whether each pair of cells holds the same value (two blanks are the same)."""
    blank_a, blank_b = a.isna().to_numpy(), b.isna().to_numpy()
    equal = (a.reset_index(drop=True) == b.reset_index(drop=True))
    equal_values = equal.fillna(False).to_numpy(dtype=bool)
    return (blank_a & blank_b) | (~blank_a & ~blank_b & equal_values)


@dataclass(frozen=True)
class Movement:
    """How many materials (in both projects) saw a quantity rise or fall."""

    rose: int = 0
    fell: int = 0


@dataclass
class Comparison:
    """What changed from OLD to NEW (docs/definitions.md: What changed between two
    months)."""

    # MATERIAL_COLUMNS, old_top, new_top: one row per figure of a material that moved
    materials: pd.DataFrame
    added: dict[str, list[Any]]  # {"items": [...], "suppliers": [...], "sources": [[i, s]]}
    removed: dict[str, list[Any]]
    products: pd.DataFrame  # PRODUCT_COLUMNS: products whose worst status worsened
    old_as_of: Any = None
    new_as_of: Any = None
    cover_days: float = COVER_DAYS
    share_points: float = SHARE_POINTS
    names: dict[str, str] = field(default_factory=dict)  # item_id -> name, of those listed
    on_hand: Movement = field(default_factory=Movement)
    open_orders: Movement = field(default_factory=Movement)  # due within the horizon
    tables: dict[str, TableDiff] = field(default_factory=dict)
    settings: list[tuple[str, Any, Any]] = field(default_factory=list)  # (key, old, new)

    @property
    def empty(self) -> bool:
        """Nothing differs: no figure moved, nothing added or removed, the same data."""
        return (self.materials.empty and self.products.empty
                and not any(self.added.values()) and not any(self.removed.values())
                and all(d.same for d in self.tables.values()) and not self.settings)

    def to_json(self) -> dict[str, Any]:
        """``planner compare --json`` (docs/command-line.md): English words, shares as
        fractions, null for a figure that does not exist."""
        return {
            "materials": [{k: _plain(v) for k, v in zip(MATERIAL_COLUMNS, row, strict=True)}
                          for row in self.materials[MATERIAL_COLUMNS].itertuples(index=False)],
            "added": {k: list(v) for k, v in self.added.items()},
            "removed": {k: list(v) for k, v in self.removed.items()},
            "products": [{k: _plain(v) for k, v in zip(PRODUCT_COLUMNS, row, strict=True)}
                         for row in self.products[PRODUCT_COLUMNS].itertuples(index=False)],
        }


def _plain(value: Any) -> Any:
    """A JSON value: numpy scalars as Python, NaN, NA and infinity as None."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def compare(old: Project, new: Project, cover_days: float = COVER_DAYS,
            share_points: float = SHARE_POINTS, *, old_report: Report | None = None,
            new_report: Report | None = None) -> Comparison:
    """What changed from OLD to NEW; ``old_report``/``new_report``: their reports when
    already computed (the figures are the same)."""
    before = compute(old) if old_report is None else old_report
    after = compute(new) if new_report is None else new_report
    tables = {t: table_diff(old, new, t) for t in TABLES}
    a, b = _paired(before.materials, after.materials)
    materials = _material_rows(a, b, cover_days, share_points)
    listed = np.unique(pd.Index(b["item_id"]).get_indexer(materials["item_id"]))
    names = dict(zip(b["item_id"].iloc[listed].astype(str), b["name"].iloc[listed].astype(str),
                     strict=True))
    return Comparison(
        materials=materials, added=_listed(new, old), removed=_listed(old, new),
        products=_product_rows(before.products, after.products),
        old_as_of=before.as_of, new_as_of=after.as_of, cover_days=cover_days,
        share_points=share_points, names=names,
        on_hand=_movement(a["on_hand"], b["on_hand"]),
        open_orders=_movement(a["open_orders"], b["open_orders"]),
        tables=tables, settings=_settings(old.settings, new.settings))


def _paired(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of the materials in both tables, in NEW's order, side by side."""
    at = pd.Index(old["item_id"]).get_indexer(new["item_id"])
    found = at >= 0
    return (old.iloc[at[found]].reset_index(drop=True),
            new.iloc[np.flatnonzero(found)].reset_index(drop=True))


def _material_rows(a: pd.DataFrame, b: pd.DataFrame, cover_days: float,
                   share_points: float) -> pd.DataFrame:
    """One row per (material, figure) that changed as FIELDS say, materials in NEW's order."""
    n = len(b)
    flags: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # field -> (listed, what)
    old_rank = a["status"].map(STATUS_RANK).to_numpy(dtype=float)
    new_rank = b["status"].map(STATUS_RANK).to_numpy(dtype=float)
    worse = new_rank < old_rank  # critical 0, short 1, ok 2
    critical = (b["status"] == "critical").to_numpy(dtype=bool)
    flags["status"] = (worse, np.where(critical, NEWLY_CRITICAL, NEWLY_BELOW))
    for cap in ("over_supplier_cap", "over_country_cap"):
        newly = b[cap].to_numpy(dtype=bool) & ~a[cap].to_numpy(dtype=bool)
        flags[cap] = (newly, np.full(n, NEWLY_OVER_CAP, dtype=object))
    moved_effective = _moved(a["effective_top_share"], b["effective_top_share"], share_points)
    # the effective share says something of its own only where it is not the declared one
    looked = ~(_equal(a["effective_top_share"], a["top_country_share"])
               & _equal(b["effective_top_share"], b["top_country_share"]))
    moves = {"days_of_cover": _moved(a["days_of_cover"], b["days_of_cover"], cover_days),
             "top_supplier_share": _moved(a["top_supplier_share"], b["top_supplier_share"],
                                          share_points),
             "top_country_share": _moved(a["top_country_share"], b["top_country_share"],
                                         share_points),
             "effective_top_share": moved_effective & looked}
    for name, moved in moves.items():
        rose = b[name].to_numpy(dtype=float) > a[name].to_numpy(dtype=float)
        flags[name] = (moved, np.where(rose, ROSE, FELL))
    parts = []
    for order, name in enumerate(FIELDS):
        listed, what = flags[name]
        rows = np.flatnonzero(listed)
        top = TOPS.get(name)
        no_top = np.full(len(rows), None, dtype=object)
        parts.append(pd.DataFrame({
            "item_id": b["item_id"].iloc[rows].astype(str).to_numpy(dtype=object),
            "field": name,
            "old": _values(a[name], rows), "new": _values(b[name], rows),
            "what": what[rows].astype(object),
            "old_top": _values(a[top], rows) if top else no_top,
            "new_top": _values(b[top], rows) if top else no_top,
            "_row": rows, "_field": order}))
    rows_ = pd.concat(parts, ignore_index=True).sort_values(["_row", "_field"], kind="stable")
    return rows_[[*MATERIAL_COLUMNS, "old_top", "new_top"]].reset_index(drop=True)


def _moved(a: pd.Series, b: pd.Series, threshold: float) -> np.ndarray:
    """Both figures exist and they differ by more than ``threshold`` (an unlimited cover
    against a limited one moved; two unlimited ones did not)."""
    x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        both_infinite = np.isinf(x) & np.isinf(y) & (x == y)
        moved = np.abs(y - x) > threshold + _TOLERANCE
    return np.asarray(~np.isnan(x) & ~np.isnan(y) & ~both_infinite & moved, dtype=bool)


def _equal(a: pd.Series, b: pd.Series) -> np.ndarray:
    x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
    return np.asarray((np.isnan(x) & np.isnan(y)) | (np.abs(x - y) <= _TOLERANCE), dtype=bool)


def _values(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """The cells at ``rows`` as Python values (text, bool, float) in an object array."""
    values = column.iloc[rows]
    out = np.empty(len(values), dtype=object)
    if pd.api.types.is_bool_dtype(values.dtype):
        out[:] = [bool(v) for v in values]
    elif pd.api.types.is_numeric_dtype(values.dtype):
        out[:] = [float(v) for v in values.to_numpy(dtype=float)]
    else:
        out[:] = [None if pd.isna(v) else str(v) for v in values]
    return out


def _product_rows(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The products (in both projects) whose worst status is worse in NEW, with the
    material that makes it so now."""
    a, b = _paired(old, new)
    worse = (b["worst_status"].map(STATUS_RANK).to_numpy(dtype=float)
             < a["worst_status"].map(STATUS_RANK).to_numpy(dtype=float))
    rows = np.flatnonzero(worse)
    return pd.DataFrame({
        "item_id": _values(b["item_id"], rows), "name": _values(b["name"], rows),
        "old": _values(a["worst_status"], rows), "new": _values(b["worst_status"], rows),
        "material": _values(b["worst_status_material"], rows)}, columns=PRODUCT_COLUMNS)


def _listed(here: Project, there: Project) -> dict[str, list[Any]]:
    """The items, suppliers and (item, supplier) sources of ``here`` that ``there`` has
    no row of, in the order of ``here``'s sheets, each once (a source whose origin changed
    is a changed row of Sources, not a new source)."""
    def only_here(table: str, columns: list[str]) -> list[tuple[str, ...]]:
        mine, theirs = here.tables[table], there.tables[table]
        code, other = _codes([mine[c] for c in columns], [theirs[c] for c in columns])
        rows = np.flatnonzero(~np.isin(code, other))
        rows = np.sort(rows[np.unique(code[rows], return_index=True)[1]])  # each once
        found = [mine[c].iloc[rows].astype(str).tolist() for c in columns]
        return list(zip(*found, strict=True))

    return {"items": [key[0] for key in only_here("Items", ["item_id"])],
            "suppliers": [key[0] for key in only_here("Suppliers", ["supplier_id"])],
            "sources": [list(key) for key in only_here("Sources", ["item_id", "supplier_id"])]}


def _movement(a: pd.Series, b: pd.Series) -> Movement:
    x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
    return Movement(rose=int((y > x).sum()), fell=int((y < x).sum()))


def _settings(old: Settings, new: Settings) -> list[tuple[str, Any, Any]]:
    """(key, old, new) of every setting that differs, in template order."""
    return [(key, value, after) for (key, value), (_key, after)
            in zip(old.as_rows(), new.as_rows(), strict=True) if value != after]


__all__ = ["COVER_DAYS", "FIELDS", "SHARE_POINTS", "TABLE_KEYS", "Comparison", "Movement",
           "TableDiff", "changed_cells", "compare", "table_diff"]
