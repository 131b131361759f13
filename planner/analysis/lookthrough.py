"""Look-through: the origin a buyer's sheet does not say, estimated from world production.

A source bought through a trading house, or whose origin the buyer wrote as ``unknown``,
has an unknown origin. Its supply is spread over the countries that produce its
material's commodity, in proportion to their share of world production (USGS world
tables, planner.analysis.world). The **effective** mix of a material is then its known
origins plus the spread ones; docs/definitions.md gives the rules.

Everything here depends on the tables but Stock and Orders, so planner.analysis.compute
makes it once per :class:`~planner.analysis.compute.Supply` and keeps it across edits of
stock and orders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.analysis.world import WorldProduction, world_production
from planner.inputs.usgs import ALIASES, production_commodities, resolve_commodity

if TYPE_CHECKING:
    from scipy import sparse

# The marks a company's dependence on one country is held against (docs/definitions.md)
G7_2030 = 0.60  # G7: single-supplier dependence for rare earths and magnets below 60%
G7_AMBITION = 0.50  # ... and the ambition of 50%
EU_CAP = 0.65  # EU: no more than 65% of a strategic material from one third country
MARKS = (("over_g7_60", G7_2030), ("over_g7_50", G7_AMBITION), ("over_eu_65", EU_CAP))

# Words too common in the names of parts to say a commodity on their own (a lead frame is
# copper, a lead time no lead); written in the commodity column they are read as usual
_AMBIGUOUS = frozenset({"lead", "salt", "lime", "peat", "stone", "cement", "nitrogen",
                        "sand and gravel", "gemstones", "iron and steel", "boron",
                        "鉛"})  # 鉛フリーはんだ is lead-free solder


@dataclass(frozen=True)
class WorldShares:
    """The world table look-through spreads a commodity over: each producer's code (None
    for Other countries) and share of the listed total, in the table's order."""

    table: WorldProduction
    codes: tuple[str | None, ...]
    shares: np.ndarray


def _statistic_rank(statistic: str) -> int:
    """Refinery production first (what a buyer buys was refined), then mine or primary
    production, then any other statistic."""
    text = statistic.casefold()
    if "refinery" in text:
        return 0
    if "mine" in text or "primary" in text:
        return 1
    return 2


@cache
def world_shares() -> dict[str, WorldShares]:
    """Per commodity, the table of the latest year look-through uses: the refinery
    statistic where the release has one, else mine or primary production, else its other
    table; of two such tables, the one listing more producers, then the first."""
    chosen: dict[str, WorldProduction] = {}
    for table in world_production():
        kept = chosen.get(table.commodity)
        if kept is None or ((_statistic_rank(table.statistic), -len(table.countries))
                            < (_statistic_rank(kept.statistic), -len(kept.countries))):
            chosen[table.commodity] = table
    # a producer of nothing ("—" in the release) takes no part of a spread row
    return {name: WorldShares(t, tuple(c.code for c in t.countries if c.share > 0),
                              np.array([c.share for c in t.countries if c.share > 0],
                                       dtype=float))
            for name, t in chosen.items()}


Tree = dict[str, "Tree"]  # a letter to the words' letters that follow it; "": a word ends


def objects(values: pd.Series) -> np.ndarray:
    """The values as Python objects, None where one is missing."""
    out = values.to_numpy(dtype=object, copy=True)
    out[values.isna().to_numpy(dtype=bool)] = None
    return out


@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every commodity keyword (whole words, any case, a plural allowed)
    and each keyword's commodity (keys: lower case, single spaces)."""
    names = production_commodities()
    words: dict[str, str] = {}
    bases: dict[str, set[str]] = {}
    for name in names:
        words[name.casefold()] = name
        bases.setdefault(name.casefold().split(" (")[0], set()).add(name)
    for base, found in bases.items():
        if len(found) == 1:  # "sand and gravel" is two commodities: left out
            words.setdefault(base, next(iter(found)))
    for alias, name in ALIASES.items():
        if name in names and (len(alias) > 3 or not alias.isascii()):  # nd, dy, tb: no
            words.setdefault(alias, name)
    for word in _AMBIGUOUS:
        words.pop(word, None)
    # "nickel-free", "鉛フリー" say the material is not there
    pattern = re.compile(r"(?<![a-z0-9])(" + _trie(sorted(words))
                         + r")(?:e?s)?(?![a-z0-9])(?![\s_-]*free)(?!\s*フリー)")
    return pattern, words


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words`` (a space matching spaces, "_" or
    "-"), as a tree of their shared beginnings, so a text is tried letter by letter
    rather than word by word; at each branch the longer words come first."""
    tree: Tree = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def expression(node: Tree) -> str:
        ends = "" in node
        branches = [(r"[\s_-]+" if ch == " " else re.escape(ch)) + expression(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body
    return expression(tree)


@lru_cache(maxsize=1 << 17)
def _commodity_in(text: str) -> str | None:
    """The commodity the first keyword of ``text`` names (kept per text: a project's
    names and categories change little between two recomputes)."""
    pattern, words = _keywords()
    found = pattern.search(unicodedata.normalize("NFKC", text).casefold())
    return None if found is None else words.get(re.sub(r"[\s_-]+", " ", found.group(1)))


def _matched(texts: pd.Series) -> pd.Series:
    """The commodity the first keyword in each text names (missing where none)."""
    codes, uniques = pd.factorize(objects(texts))
    found = np.array([_commodity_in(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(found[codes], dtype="string")


def item_commodities(items: pd.DataFrame, rows: np.ndarray) -> pd.Series:
    """The commodity of each item at ``rows`` (purchased items), missing for the others
    and for an item with none: the Items ``commodity`` cell as resolve_commodity reads it
    ("none" says it has none), else the first keyword of its category, else of its name."""
    out = pd.Series(pd.NA, index=range(len(items)), dtype="string")
    if not len(rows):
        return out
    written = items["commodity"].iloc[rows]
    given = written.notna().to_numpy(dtype=bool)
    if given.any():
        named = written[given].astype(str).map(resolve_commodity)
        out.iloc[rows[given]] = named.where(named.astype(bool), None).to_numpy(dtype=object)
    left = rows[~given]
    if len(left):
        from_category = _matched(items["category"].iloc[left].reset_index(drop=True))
        from_name = _matched(items["name"].iloc[left].reset_index(drop=True))
        out.iloc[left] = from_category.fillna(from_name).to_numpy(dtype=object)
    return out


class Spread:
    """The effective source rows: each declared row whose origin is unknown and whose
    material has a commodity with world figures becomes one row per producer.

    ``rows``: the declared row of each effective row; ``fraction``: its world share (1 for
    a row kept as it is); ``looked_through``: whether it was spread; ``country``: its
    origin as a position in ``countries`` (the origins A-Z; -1: none, the world's Other
    countries). The rows as a table (:attr:`sources`) are made when first asked for: the
    figures need only the arrays.
    """

    def __init__(self, declared: pd.DataFrame, rows: np.ndarray, fraction: np.ndarray,
                 looked_through: np.ndarray, country: np.ndarray, countries: np.ndarray,
                 declared_country: np.ndarray):
        self.declared = declared
        self.declared_country = declared_country  # each declared row's origin position
        self.rows, self.fraction, self.looked_through = rows, fraction, looked_through
        self.country, self.countries = country, countries
        self._sources: pd.DataFrame | None = None

    def scaled(self, column: str) -> np.ndarray:
        """A column of SCALED for the effective rows."""
        values: np.ndarray = self.declared[column].to_numpy(dtype=float)[self.rows]
        scaled: np.ndarray = values * self.fraction
        return scaled

    def taken(self, column: str) -> np.ndarray:
        """Another column of the declared rows, repeated for the effective rows."""
        values: np.ndarray = self.declared[column].to_numpy()[self.rows]
        return values

    @property
    def sources(self) -> pd.DataFrame:
        """The effective rows: the declared rows' columns, origin_country the effective
        origin (missing: the world's Other countries), the SCALED columns scaled, and
        looked_through, world_fraction and source_row (the declared row's position)."""
        if self._sources is None:
            out = self.declared.take(self.rows).reset_index(drop=True)
            out["origin_country"] = names_of(self.country, self.countries)
            for column in SCALED:
                out[column] = self.scaled(column)
            out["looked_through"] = self.looked_through
            out["world_fraction"] = self.fraction
            out["source_row"] = self.rows
            self._sources = out
        return self._sources


SCALED = ("share", "daily_quantity", "daily_value", "capacity_per_month")


def spread(sources: pd.DataFrame, commodity: pd.Series) -> Spread:
    """``sources`` (the resolved Sources rows, with ``origin_unknown``) looked through.

    ``commodity``: each row's commodity (missing: none). A spread row keeps the declared
    row's supplier, price, lead time and time to recover; its share, daily quantity, daily
    value and capacity are the declared ones times its producer's world share, so the rows
    of one declared row add up to it. Its origin is the producer's country, missing for
    the world's Other countries.

    A secondary row (recycled or reprocessed, ``secondary``) is never spread, even when
    its origin is written unknown: world mine shares say nothing about where scrap is
    recovered, so it keeps its declared origin (the supplier's country).
    """
    shares = world_shares()
    n = len(sources)
    names = list(shares)
    code = pd.Index(names).get_indexer(pd.Index(commodity.fillna("").to_numpy(dtype=object)))
    spreads = sources["origin_unknown"].to_numpy(dtype=bool) & (code >= 0)
    if "secondary" in sources:
        spreads &= ~sources["secondary"].to_numpy(dtype=bool)
    declared, declared_names = pd.factorize(
        objects(sources["origin_country"]), sort=True)
    world_codes = sorted({c for name in names for c in shares[name].codes if c})
    countries = np.array(sorted(set(declared_names) | set(world_codes)), dtype=object)
    where = pd.Index(countries)
    declared = np.where(declared >= 0, where.get_indexer(pd.Index(declared_names))[
        np.maximum(declared, 0)], -1)
    if not spreads.any():
        return Spread(sources, np.arange(n), np.ones(n), np.zeros(n, dtype=bool), declared,
                      countries, declared)
    sizes = np.array([len(shares[name].codes) for name in names], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    flat_country = np.array([where.get_loc(c) if c else -1 for name in names
                             for c in shares[name].codes])
    flat_shares = np.concatenate([shares[name].shares for name in names])
    counts = np.where(spreads, sizes[np.maximum(code, 0)], 1)
    rows = np.repeat(np.arange(n), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    looked = spreads[rows]
    at = offsets[np.maximum(code, 0)][rows] + within
    fraction = np.where(looked, flat_shares[at], 1.0)
    country = np.where(looked, flat_country[at], declared[rows])
    return Spread(sources, rows, fraction, looked, country, countries, declared)


@dataclass
class Mix:
    """Per item position: the top country of a mix (-1: none), its share, and the HHI
    over countries with the rows without one counted as one more producer (NaN: no
    rows)."""

    top: np.ndarray
    share: np.ndarray
    hhi: np.ndarray


def mix(looked: Spread, items: np.ndarray, share: np.ndarray, n: int) -> Mix:
    """The effective country mix of each item from its effective rows (``items``: their
    item positions); of countries with equal shares the top one is the first A-Z (the
    lower position). The world's Other countries count as one producer; a declared row
    without an origin (its supplier unknown) is left out, as in the declared mix, and so
    is a blank share."""
    ok = (items >= 0) & counted(looked)
    items, country = items[ok], looked.country[ok]
    share = np.nan_to_num(share[ok], nan=0.0)
    width = int(country.max(initial=0)) + 2  # position + 1, 0 for none
    keys, inverse = np.unique(items * width + country + 1, return_inverse=True)
    sums = np.bincount(inverse, weights=share)
    item, code = keys // width, keys % width - 1
    hhi = np.full(n, np.nan)
    seen = np.bincount(item, minlength=n) > 0
    hhi[seen] = 10_000.0 * np.bincount(item, weights=sums ** 2, minlength=n)[seen]
    named = code >= 0
    item, code, sums = item[named], code[named], sums[named]
    top = np.full(n, -1, dtype=np.int64)
    top_share = np.full(n, np.nan)
    if len(item):  # keys are sorted by item, then country: the first largest is A-Z first
        starts = np.flatnonzero(np.r_[True, item[1:] != item[:-1]])
        largest = np.maximum.reduceat(sums, starts)
        at_max = np.flatnonzero(sums == np.repeat(largest, np.diff(np.r_[starts, len(sums)])))
        first = at_max[np.r_[True, item[at_max][1:] != item[at_max][:-1]]]
        top[item[first]] = code[first]
        top_share[item[first]] = sums[first]
    return Mix(top, top_share, hhi)


def counted(looked: Spread) -> np.ndarray:
    """The effective rows an effective mix counts: those with an origin, and the world's
    Other countries part of a spread row; not a declared row without an origin."""
    result: np.ndarray = (looked.country >= 0) | looked.looked_through
    return result


def names_of(codes: np.ndarray, countries: np.ndarray) -> pd.Series:
    """Country positions as codes (missing for -1)."""
    out = countries.take(codes, mode="clip").astype(object)
    out[codes < 0] = None
    return pd.Series(pd.array(out, dtype="string"), copy=False)


class OriginContent:
    """Per unit of each product, the purchase value of its materials by effective origin
    country, through every BOM level (a screening estimate, not a legal determination).

    ``value``: products × countries (project currency per unit of the product), made when
    first asked for; the last column, ``None`` in ``countries``, is what has no known
    origin (the world's Other countries, materials without sources). ``per_material`` and
    ``quantity``: per material row of the report, per unit of it, the value and the
    fraction of a unit by country in the same columns.
    """

    def __init__(self, products: pd.Series, countries: tuple[str | None, ...],
                 qty: sparse.csr_matrix, per_column: sparse.csr_matrix,
                 per_material: sparse.csr_matrix, quantity: sparse.csr_matrix,
                 material_ids: pd.Series):
        self.products = products  # product ids, the rows of ``value``
        self.countries = countries
        self._qty = qty  # products × the view's columns: quantity per unit
        self._per_column = per_column  # the view's columns × countries: value per unit
        self.per_material = per_material
        self.quantity = quantity
        self.material_ids = material_ids  # the report's materials, the rows of the above
        self._value: np.ndarray | None = None

    @property
    def value(self) -> np.ndarray:
        if self._value is None:
            self._value = np.asarray((self._qty @ self._per_column).todense(), dtype=float)
        return self._value

    def total(self) -> np.ndarray:
        """Each product's material value per unit."""
        per_unit = np.asarray(self._per_column.sum(axis=1), dtype=float).ravel()
        return np.asarray(self._qty @ per_unit, dtype=float).ravel()

    def of(self, country: str) -> np.ndarray:
        """Each product's content value from ``country`` (0 when none)."""
        try:
            k = self.countries.index(country)
        except ValueError:
            return np.zeros(len(self.products))
        column = np.asarray(self._per_column[:, [k]].todense(), dtype=float).ravel()
        return np.asarray(self._qty @ column, dtype=float).ravel()

    def detail(self, product_materials: pd.DataFrame, product_id: str) -> pd.DataFrame:
        """Per unit of one product, each material's quantity and value by effective origin
        country: material_id, country (missing: no known origin), quantity (in the
        material's unit), value (project currency), share of the product's material
        value. ``product_materials``: the report's (product_id, material_id,
        qty_per_unit)."""
        mine = product_materials[(product_materials["product_id"] == product_id).fillna(
            False).to_numpy(dtype=bool)]
        at = pd.Index(self.material_ids).get_indexer(mine["material_id"])
        qty = mine["qty_per_unit"].to_numpy(dtype=float)[at >= 0]
        at = at[at >= 0]
        quantity = self.quantity[at].tocoo()
        value = self.per_material[at].tocsr()
        rows, cols = quantity.row, quantity.col
        amount = np.asarray(value[rows, cols]).ravel() * qty[rows]
        total = float(amount.sum())
        out = pd.DataFrame({
            "material_id": self.material_ids.to_numpy(dtype=object)[at[rows]],
            "country": pd.array([self.countries[c] for c in cols], dtype="string"),
            "quantity": quantity.data * qty[rows], "value": amount,
            "share": amount / total if total > 0 else np.full(len(amount), np.nan)})
        out["material_id"] = out["material_id"].astype("string")
        return out.sort_values(["value", "material_id", "country"],
                               ascending=[False, True, True]).reset_index(drop=True)

    def table(self) -> pd.DataFrame:
        """Long form: product_id, country (missing: no known origin), value, share of the
        product's material value; only what a product has."""
        total = self.total()
        rows, cols = np.nonzero(self.value)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(total[rows] > 0, self.value[rows, cols] / total[rows], np.nan)
        return pd.DataFrame({
            "product_id": self.products.to_numpy(dtype=object)[rows],
            "country": pd.array([self.countries[c] for c in cols], dtype="string"),
            "value": self.value[rows, cols], "share": share})


def content_matrices(material_rows: np.ndarray, looked: Spread, row_items: np.ndarray,
                     material_price: np.ndarray
                     ) -> tuple[tuple[str | None, ...], sparse.csr_matrix,
                                sparse.csr_matrix]:
    """Per material (``material_rows``: item positions of the report's materials), the
    fraction of a unit and the value of a unit from each effective origin country;
    ``row_items``: the item position of each effective row.

    A material's rows count in proportion to their shares; its value per unit is their
    share-weighted price (a missing price counts 0). A material without sources, or whose
    shares add up to nothing, is all of no known origin, at ``material_price``. The
    countries are ``looked.countries`` and, last, None: no known origin.
    """
    from scipy import sparse

    m = len(material_rows)
    row_of = np.full(int(max(material_rows.max(initial=-1), row_items.max(initial=-1))) + 1,
                     -1, dtype=np.int64)
    row_of[material_rows] = np.arange(m)
    mat = np.where(row_items >= 0, row_of[np.maximum(row_items, 0)], -1)
    keep = mat >= 0
    countries: tuple[str | None, ...] = (*(str(c) for c in looked.countries), None)
    k_none = len(countries) - 1
    cols = np.where(looked.country[keep] >= 0, looked.country[keep], k_none)
    share = np.nan_to_num(looked.scaled("share"), nan=0.0)[keep]
    price = np.nan_to_num(looked.taken("price").astype(float)[keep], nan=0.0)
    rows = mat[keep]
    total = np.bincount(rows, weights=share, minlength=m)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(total[rows] > 0, share / total[rows], 0.0)
    orphan = np.flatnonzero(~(total > 0))
    q_rows = np.concatenate((rows, orphan))
    q_cols = np.concatenate((cols, np.full(len(orphan), k_none)))
    q_vals = np.concatenate((frac, np.ones(len(orphan))))
    v_vals = np.concatenate((frac * price, np.nan_to_num(material_price[orphan], nan=0.0)))
    shape = (m, len(countries))
    quantity = sparse.csr_matrix((q_vals, (q_rows, q_cols)), shape=shape)
    value = sparse.csr_matrix((v_vals, (q_rows, q_cols)), shape=shape)
    quantity.sum_duplicates()
    value.sum_duplicates()
    return countries, quantity, value


def portfolio(looked: Spread, eff_items: np.ndarray, row_items: np.ndarray,
              declared_value: np.ndarray, commodity: pd.Series, units: pd.Series
              ) -> pd.DataFrame:
    """For each commodity across all its materials, the company's dependence on its
    largest origin country, effective and declared, against the policy marks.

    ``looked``: the effective rows, ``eff_items`` their item positions; the declared rows
    by their item positions and daily values; ``commodity`` and ``units``: per item
    position.
    Dependence by value is the country's share of the commodity's daily purchase value;
    by quantity, of its daily quantity, given only when the commodity's materials share
    one unit. Rows with no known origin (the world's Other countries) count in the total
    and are no country. A commodity is over a mark when either dependence is above it.
    Sorted by the effective dependence by value, the highest first.
    """
    item_code, names = pd.factorize(objects(commodity),
                                    sort=True)
    k = len(names)
    width = len(looked.countries) + 1

    def largest(items: np.ndarray, country: np.ndarray, measure: np.ndarray,
                mask: np.ndarray) -> tuple[pd.Series, np.ndarray]:
        group = np.where(items >= 0, item_code[np.maximum(items, 0)], -1)
        ok = (group >= 0) & mask
        sums = np.bincount(group[ok] * width + country[ok] + 1,
                           weights=np.nan_to_num(measure[ok], nan=0.0),
                           minlength=k * width).reshape(k, width)
        total = sums.sum(axis=1)
        named = sums[:, 1:]
        top = named.argmax(axis=1) if k else np.zeros(0, dtype=np.int64)  # first on a tie
        best = named[np.arange(k), top] if k else np.zeros(0)
        good = (total > 0) & (best > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(good, best / total, np.nan)
        return names_of(np.where(good, top, -1), looked.countries), share

    effective = counted(looked)
    top_v, share_v = largest(eff_items, looked.country, looked.scaled("daily_value"),
                             effective)
    top_q, share_q = largest(eff_items, looked.country, looked.scaled("daily_quantity"),
                             effective)
    top_d, share_d = largest(row_items, looked.declared_country, declared_value,
                             looked.declared_country >= 0)
    purchased = np.flatnonzero(item_code >= 0)
    groups = item_code[purchased]
    used = np.zeros(len(item_code), dtype=bool)
    used[eff_items[eff_items >= 0]] = True
    count = np.bincount(groups[used[purchased]], minlength=k)
    unit_code = pd.factorize(units.to_numpy(dtype=object, na_value="")[purchased])[0]
    pairs = np.unique(groups[used[purchased]] * (int(unit_code.max(initial=0)) + 1)
                      + unit_code[used[purchased]])
    one_unit = np.bincount(pairs // (int(unit_code.max(initial=0)) + 1), minlength=k) == 1
    share_q = np.where(one_unit, share_q, np.nan)
    top_q = top_q.where(pd.Series(one_unit))
    dependence = np.fmax(share_v, share_q)
    table = pd.DataFrame({
        "commodity": pd.array(np.asarray(names, dtype=object), dtype="string"),
        "materials": count.astype(np.int64),
        "top_country_by_value": top_v, "share_by_value": share_v,
        "top_country_by_quantity": top_q, "share_by_quantity": share_q,
        "declared_top_country": top_d, "declared_share_by_value": share_d,
        **{mark: np.nan_to_num(dependence, nan=0.0) > level for mark, level in MARKS}})
    table = table[count > 0]
    return table.sort_values(["share_by_value", "commodity"], ascending=[False, True],
                             na_position="last").reset_index(drop=True)
