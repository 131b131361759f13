"""Requirements, days of cover and supply exposure, following docs/definitions.md.

Everything is vectorised. Ids are looked up once, as positions in the Items table; from
then on the work is numpy over those positions, and text columns are only put back when
the result tables are made:

- the BOM is exploded level by level over the DAG (one weighted bincount per level, never
  a recursion per item);
- exposure (top supplier and country, HHI) is grouped over (item, key) codes;
- the product view (planner.analysis.product_view) walks the BOM down from the finished
  products as a sparse matrix (products × items), keeping only the columns of purchased
  items, and each product's worst exposure is a reduction over its row of that matrix.

``compute(project)`` returns a :class:`Report` of result tables; the window and the
command line only show them. ``benchmarks/engine.py`` times it on 100,000 items.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.analysis import lookthrough
from planner.analysis.forecast import RequirementProfile, profiles
from planner.analysis.lookthrough import OriginContent, Spread
from planner.analysis.prices import currencies, item_prices, source_prices
from planner.analysis.product_view import ProductView, product_view, take, worst_exposure
from planner.analysis.safety_stock import (
    LevelInputs,
    SafetyStock,
    level_inputs,
    safety_stocks,
)
from planner.core.errors import InputError, Problem
from planner.core.i18n import _
from planner.inputs.cross_checks import requirement_overflows
from planner.inputs.project import Project, Settings
from planner.inputs.requirements import daily_rates, effective_quantities, explode, levels
from planner.inputs.schema import UNKNOWN_ORIGIN

if TYPE_CHECKING:  # scipy is imported by the product view, once the workbook is read: its
    # modules then take memory the raw cells left free, not memory of their own
    from scipy import sparse


@dataclass
class Report:
    """The figures of one project at its as-of date."""

    as_of: dt.date
    items: pd.DataFrame  # item_id, name, kind, unit, own_demand, daily_use, level
    materials: pd.DataFrame  # one row per purchased item: cover, status, exposure
    sources: pd.DataFrame  # source rows resolved: origin, daily quantity and value
    country_dependence: pd.Series  # origin country -> share of purchase value
    products: pd.DataFrame  # per finished product: worst exposure and cover
    product_materials: pd.DataFrame  # product_id, material_id, qty_per_unit
    profile: RequirementProfile | None = None  # month by month, with a Forecast sheet
    # look-through (planner.analysis.lookthrough): the Sources rows with unknown origins
    # spread over world producers, the dependence by value on those origins, each
    # commodity's dependence against the policy marks, and the products' origin content
    looked: Spread | None = None  # its rows: effective_sources
    effective_dependence: pd.Series | None = None
    portfolio: pd.DataFrame | None = None
    content: OriginContent | None = None

    @property
    def effective_sources(self) -> pd.DataFrame | None:
        """The Sources rows with unknown origins spread over the world's producers
        (planner.analysis.lookthrough.Spread.sources), made when first asked for."""
        return None if self.looked is None else self.looked.sources


@dataclass
class ItemPositions:
    """Row in the Items table of the item each row of the other tables names (-1: an
    unknown or blank id)."""

    demand: np.ndarray
    parents: np.ndarray  # BOM parent_id
    children: np.ndarray  # BOM child_id
    sources: np.ndarray
    stock: np.ndarray
    orders: np.ndarray


def item_positions(project: Project) -> ItemPositions:
    """Every item id of the project looked up at once.

    The ids of Items come first in one factorize (one hash table, 2-3x faster than an
    index lookup per table), so row i of Items gets code i when the ids are unique, and an
    id that is not in Items gets a code of n or more.
    """
    t = project.tables
    columns = [t["Items"]["item_id"], t["Demand"]["item_id"], t["BOM"]["parent_id"],
               t["BOM"]["child_id"], t["Sources"]["item_id"], t["Stock"]["item_id"],
               t["Orders"]["item_id"]]
    codes, _uniques = pd.factorize(np.concatenate([c.to_numpy(dtype=object) for c in columns]))
    n = len(columns[0])
    if not np.array_equal(codes[:n], np.arange(n)):
        raise InputError([Problem("Items", _("item ids are blank or not unique; the figures "
                                            "need every item_id once"))])
    codes[codes >= n] = -1
    parts = np.split(codes[n:], np.cumsum([len(c) for c in columns[1:-1]]))
    return ItemPositions(*parts)


def _with_stock_and_orders(project: Project, positions: ItemPositions,
                           ids: pd.Index | None = None) -> ItemPositions:
    """``positions`` with the Stock and Orders rows' item positions looked up again (the
    rest depends only on STRUCTURE_TABLES); ``ids``: the Items ids as an index, if made."""
    ids = pd.Index(project.items["item_id"]) if ids is None else ids
    return dataclasses.replace(
        positions, stock=ids.get_indexer(project.stock["item_id"]),
        orders=ids.get_indexer(project.orders["item_id"]))


def bom_arrays(project: Project, where: ItemPositions | pd.Index
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BOM edges as (parent position, child position, effective quantity).

    ``where``: the project's item positions, or an index of the Items ids to look them up
    in. Lines naming an unknown or blank item are left out (validation reports them).
    """
    bom = project.bom
    qty = effective_quantities(bom)
    if isinstance(where, ItemPositions):
        parents, children = where.parents, where.children
    else:
        parents = where.get_indexer(bom["parent_id"])
        children = where.get_indexer(bom["child_id"])
    known = (parents >= 0) & (children >= 0)
    if not known.all():
        parents, children, qty = parents[known], children[known], qty[known]
    return parents, children, qty


def bom_levels(parents: np.ndarray, children: np.ndarray, n: int) -> np.ndarray:
    """Level of every item (0 for items no one uses); a cycle, which validation names
    for a file that is read, is refused here for a project edited in the program."""
    level = levels(parents, children, n)
    if (level < 0).any():
        left = int((level < 0).sum())
        raise InputError([Problem("BOM", _("the BOM has a cycle through {count} items")
                                  .format(count=left))])
    return level


def _first_per_item(positions: np.ndarray, values: np.ndarray, n: int, fill: float
                    ) -> np.ndarray:
    """values of each item's first row (by position in the Items table), else ``fill``."""
    out = np.full(n, fill, dtype=float)
    known = positions >= 0
    found, first = np.unique(positions[known], return_index=True)
    out[found] = values[known][first]
    return out


def resolved_sources(project: Project, items: np.ndarray, req: np.ndarray) -> pd.DataFrame:
    """Source rows with their origin country, daily quantity and daily value.

    ``items``: each row's item position (-1 for an unknown item). ``price`` is the row's
    unit price in the project's currency: the source's own, else the item's (NaN when
    neither is known; the value then counts 0); ``order_unit_price`` and
    ``order_currency`` are that price as given, in the currency a buyer orders in.
    ``secondary``: recycled or reprocessed (the Sources cell is yes); its blank origin is
    the supplier's country even from a trader, as scrap is recovered where it is sold.
    """
    src = project.sources
    suppliers = project.suppliers
    first = ~suppliers["supplier_id"].duplicated().to_numpy()
    supplier = pd.Index(suppliers["supplier_id"][first]).get_indexer(src["supplier_id"])
    supplier_country = take(suppliers["country"][first], supplier)
    supplier_country.index = src.index
    trader = (take(suppliers["kind"][first], supplier) == "trader").fillna(False).to_numpy(
        dtype=bool)
    secondary = (src["secondary"] == "yes").fillna(False).to_numpy(dtype=bool)
    origin = src["origin_country"]
    written_unknown = (origin == UNKNOWN_ORIGIN).fillna(False).to_numpy(dtype=bool)
    # declared: an unknown origin is the supplier's country, as a blank one
    origin = origin.mask(written_unknown)
    origin_unknown = written_unknown | (origin.isna().to_numpy() & trader & ~secondary)
    known = items >= 0
    daily_quantity = np.where(known, req[items], 0.0) * src["share"].to_numpy(dtype=float)
    own_price = src["unit_price"].to_numpy(dtype=float)
    from_item = np.isnan(own_price) & known  # the item's price stands in for the source's
    price = np.where(from_item, item_prices(project)[items], source_prices(project))
    order_price = np.where(from_item, project.items["unit_price"].to_numpy(dtype=float)[items],
                           own_price)
    order_currency = currencies(project, "Sources").where(
        ~from_item, take(currencies(project, "Items"), items).to_numpy())
    return pd.DataFrame({
        "item_id": src["item_id"],
        "supplier_id": src["supplier_id"],
        "share": src["share"].astype(float),
        "origin_country": origin.fillna(supplier_country).astype("string"),
        "supplier_country": supplier_country.astype("string"),
        "origin_unknown": origin_unknown,
        "secondary": secondary,
        "unit_price": src["unit_price"],
        "lead_time_days": src["lead_time_days"],
        "capacity_per_month": src["capacity_per_month"],
        "moq": src["moq"],
        "time_to_recover_days": src["time_to_recover_days"],
        "daily_quantity": daily_quantity,
        "daily_value": daily_quantity * np.nan_to_num(price, nan=0.0),
        "price": price,
        "order_unit_price": order_price,
        "order_currency": order_currency,
    })


@dataclass
class _Top:
    """Per item position: the top key and its share, HHI over keys, number of keys with a
    share above zero."""

    top: pd.Series  # the key (text), missing where the item has none
    share: np.ndarray
    hhi: np.ndarray
    count: np.ndarray


def _top(items: np.ndarray, keys: pd.Series, share: np.ndarray, n: int) -> _Top:
    """Shares of one item's rows with the same key are added first; of keys with equal
    shares the top one is the first in alphabetical order. Rows without a key are left out.

    Sums are pandas group sums (compensated, in row order), so that equal shares come out
    equal to the last bit and ties are broken by the key, not by rounding.
    """
    codes, uniques = pd.factorize(keys.array, sort=True)  # codes in alphabetical order
    keep = (items >= 0) & (codes >= 0)
    width = max(len(uniques), 1)
    grouped = pd.Series(share[keep]).groupby(items[keep] * width + codes[keep],
                                             sort=False).sum()
    pairs, total = grouped.index.to_numpy(), grouped.to_numpy()
    pair_item, pair_key = pairs // width, pairs % width
    squares = pd.Series(total ** 2).groupby(pair_item, sort=False).sum()
    hhi = np.full(n, np.nan)
    hhi[squares.index.to_numpy()] = squares.to_numpy() * 10_000.0
    # a qualified backup at 0% is not a supplier of today's mix
    count = np.bincount(pair_item[total > 0], minlength=n)
    order = np.lexsort((pair_key, -total, pair_item))  # per item: largest, then A-Z
    head = order[np.r_[True, pair_item[order][1:] != pair_item[order][:-1]]] if len(
        order) else order
    top_key = np.full(n, -1, dtype=np.int64)
    top_key[pair_item[head]] = pair_key[head]
    top_share = np.full(n, np.nan)
    top_share[pair_item[head]] = total[head]
    top = pd.Series(uniques.take(top_key, allow_fill=True), copy=False).astype("string")
    return _Top(top, top_share, hhi, count)


STRUCTURE_TABLES = frozenset({"Items", "BOM", "Demand", "Forecast", "Sources"})


class Structure:
    """What the figures take from the structure of a project alone: item positions, BOM
    levels, each item's own demand and requirement (with a Forecast, month by month), the
    purchased items and the product views.

    It depends on the tables of STRUCTURE_TABLES and on the as-of date and horizon
    (:meth:`fits`), never on Stock, Orders, Suppliers, Rates or the other settings, so
    ``planner.results`` keeps one across edits of those and passes it to :func:`compute`,
    which then only works out what they change. Its arrays are read-only; a product view
    is made on first use and kept.
    """

    def __init__(self, project: Project):
        s = project.settings
        self.settings = (s.as_of_date, s.horizon_days)
        items = project.items
        self.positions = item_positions(project)
        at = self.positions
        n = len(items)
        demand = project.demand
        rates = daily_rates(demand["quantity"], demand["per"])
        known = at.demand >= 0
        own = np.bincount(at.demand[known], weights=rates[known], minlength=n)
        self.parents, self.children, self.qty = bom_arrays(project, at)
        self.level = bom_levels(self.parents, self.children, n)
        with np.errstate(over="ignore", invalid="ignore"):
            req = explode(own, self.parents, self.children, self.qty, self.level)
        self.overflow = not np.isfinite(req).all()  # compute names where, and refuses
        self.profile: RequirementProfile | None = None
        if len(project.forecast) and not self.overflow:
            own, req, self.profile = _forecast(project, own, self.parents, self.children,
                                               self.qty, self.level)
        self.own, self.req = own, req
        kind = items["kind"].to_numpy(dtype=object, na_value="")
        self.purchased = kind == "material"
        self.purchased[at.sources[at.sources >= 0]] = True
        self.is_product = kind == "product"
        self.commodity = lookthrough.item_commodities(items, np.flatnonzero(self.purchased))
        for array in (self.parents, self.children, self.qty, self.level, self.own, self.req,
                      self.purchased, self.is_product):
            array.setflags(write=False)
        self._ids = items["item_id"]
        self._views: dict[bytes, ProductView] = {}

    def fits(self, project: Project) -> bool:
        """Whether this was made with the project's as-of date and horizon (its tables
        are the caller's to follow: STRUCTURE_TABLES)."""
        s = project.settings
        return self.settings == (s.as_of_date, s.horizon_days)

    def view(self, rows: np.ndarray) -> ProductView:
        """Quantity per unit of each item at ``rows`` of each purchased item."""
        key = np.asarray(rows, dtype=np.int64).tobytes()
        view = self._views.get(key)
        if view is None:
            with np.errstate(over="ignore", invalid="ignore"):
                view = self._views[key] = product_view(
                    self._ids, rows, self.purchased, self.parents, self.children, self.qty,
                    self.level)
        return view


STOCK_TABLES = frozenset({"Stock", "Orders"})


class Supply:
    """What the figures take from every table but Stock and Orders (STOCK_TABLES), given
    a :class:`Structure`: the item table, the resolved sources, each item's top supplier
    and country, the country dependence, the fastest lead times, the inputs of safety
    stock from a service level and the product views with their tables.

    An edit of Stock or Orders (on hand, targets, safety stock, open orders) changes none
    of it, so ``planner.results`` keeps one across those edits and :func:`compute` then
    only works out cover, status and the products' worst cover and status. Anything else
    (another table, the settings) needs a new one. Its tables are shared by the reports
    made with it and never changed in place.
    """

    def __init__(self, project: Project, structure: Structure):
        self.structure = structure
        items = project.items
        at = structure.positions
        n = len(items)
        self.ids = pd.Index(items["item_id"])
        self.item_table = pd.DataFrame({
            "item_id": items["item_id"], "name": items["name"], "kind": items["kind"],
            "unit": items["unit"], "own_demand": structure.own, "daily_use": structure.req,
            "level": structure.level})
        self.sources = resolved_sources(project, at.sources, structure.req)
        self.dependence = _country_dependence(self.sources)
        rows = np.flatnonzero(structure.purchased)
        self.rows = rows
        self.base = self.item_table.iloc[rows][
            ["item_id", "name", "kind", "unit", "daily_use"]].reset_index(drop=True)
        fastest = np.full(n, np.inf)
        known = at.sources >= 0
        np.fmin.at(fastest, at.sources[known],
                   self.sources["lead_time_days"].to_numpy(float)[known])
        fastest[np.isinf(fastest)] = np.nan
        self.fastest = fastest
        share = self.sources["share"].to_numpy(dtype=float)
        self.supplier = _top(at.sources, self.sources["supplier_id"], share, n)
        self.country = _top(at.sources, self.sources["origin_country"], share, n)
        self.top_supplier = self.supplier.top.iloc[rows].reset_index(drop=True)
        self.top_country = self.country.top.iloc[rows].reset_index(drop=True)
        # per purchased item: the summed share of its secondary (recycled) rows
        second = self.sources["secondary"].to_numpy(dtype=bool) & known
        self.secondary_share = np.bincount(
            at.sources[second], weights=np.nan_to_num(share[second], nan=0.0),
            minlength=n)[rows].astype(float)
        self._look_through(project, structure, at.sources)
        self._project = project  # read only by level_inputs, before any other edit
        self._level: tuple[LevelInputs, ProductView | None] | None = None
        self._frames: dict[int, tuple[ProductView, pd.DataFrame]] = {}

    def _look_through(self, project: Project, structure: Structure, row_items: np.ndarray
                      ) -> None:
        """The effective sources and what follows from them (planner.analysis.lookthrough):
        each material's world and effective figures, the effective dependence, the
        commodities' portfolio and the materials' value per unit by origin."""
        n, rows = len(self.ids), self.rows
        commodity = structure.commodity
        looked = self.looked = lookthrough.spread(self.sources, take(commodity, row_items))
        eff_items = row_items[looked.rows]
        share = np.nan_to_num(looked.scaled("share"), nan=0.0)
        mix = lookthrough.mix(looked, eff_items, share, n)
        declared_share = self.sources["share"].to_numpy(dtype=float)
        unknown = self.sources["origin_unknown"].to_numpy(dtype=bool) & (row_items >= 0)
        spread_rows = looked.looked_through & (eff_items >= 0)
        world = lookthrough.world_shares()
        names = commodity.iloc[rows].reset_index(drop=True)
        at, kinds = pd.factorize(lookthrough.objects(names))
        tables = [world.get(str(c)) for c in kinds]
        figures = np.array([(t.table.top_share, t.table.hhi) if t else (np.nan, np.nan)
                            for t in tables] + [(np.nan, np.nan)], dtype=float)
        tops = np.array([t.table.top_country if t else None for t in tables] + [None],
                        dtype=object)
        self.look = pd.DataFrame({
            "commodity": names,
            "world_top_country": pd.array(tops[at], dtype="string"),
            "world_top_share": figures[at, 0],
            "world_hhi": figures[at, 1],
            "effective_top_country": lookthrough.names_of(mix.top[rows], looked.countries),
            "effective_top_share": mix.share[rows],
            "effective_country_hhi": mix.hhi[rows],
            "unknown_origin_share": np.bincount(
                row_items[unknown], weights=np.nan_to_num(declared_share[unknown], nan=0.0),
                minlength=n)[rows].astype(float),
            "looked_through_share": np.bincount(eff_items[spread_rows],
                                                weights=share[spread_rows],
                                                minlength=n)[rows].astype(float),
        })
        value = np.nan_to_num(looked.scaled("daily_value"), nan=0.0)
        total = float(value[lookthrough.counted(looked)].sum())  # as the declared total
        has = looked.country >= 0
        by_country = np.bincount(looked.country[has], weights=value[has],
                                 minlength=len(looked.countries))
        dependence = pd.Series(by_country / total if total > 0 else by_country * 0.0,
                               index=pd.Index(looked.countries.astype(str),
                                              name="origin_country"), name="share")
        self.effective_dependence = dependence[by_country > 0].sort_values(
            ascending=False, kind="stable") if total > 0 else pd.Series(dtype=float,
                                                                       name="share")
        self.portfolio = lookthrough.portfolio(
            looked, eff_items, row_items, self.sources["daily_value"].to_numpy(dtype=float),
            commodity, self.item_table["unit"])
        self.content_countries, self.content_quantity, self.content_value = \
            lookthrough.content_matrices(rows, looked, eff_items, item_prices(project)[rows])

    def level_inputs(self) -> tuple[LevelInputs, ProductView | None]:
        """The inputs of safety stock from a service level (made on first use), and the
        products' view made on the way (None when no demand varies)."""
        if self._level is None:
            structure = self.structure
            is_product = structure.is_product
            views: list[ProductView] = []

            def demand_view(rows: np.ndarray
                            ) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
                """The view over ``rows`` and the products in one go; the products' rows
                of it are the report's product view."""
                v = structure.view(np.union1d(np.flatnonzero(is_product), rows))
                views.append(v.subset(is_product))
                return v.qty, v.products, v.columns

            at = structure.positions
            found = level_inputs(self._project, at.demand, at.sources, len(self.ids),
                                 demand_view)
            self._level = (found, views[0] if views else None)
        return self._level

    def product_view(self, levels_used: bool) -> tuple[ProductView, pd.DataFrame]:
        """The products' view and its table (product_id, material_id, qty_per_unit): the
        one made for safety stock when ``levels_used`` and it made one, else its own."""
        view = self._level[1] if levels_used and self._level is not None else None
        if view is None:
            view = self.structure.view(np.flatnonzero(self.structure.is_product))
        kept = self._frames.get(id(view))
        if kept is None or kept[0] is not view:
            kept = self._frames[id(view)] = (view, view.frame(self.item_table["item_id"]))
        return kept


def compute(project: Project, structure: Structure | None = None,
            supply: Supply | None = None) -> Report:
    """Every figure of the report, from a valid project.

    ``structure``: the project's :class:`Structure` when already made (it must have been
    made from the same STRUCTURE_TABLES and :meth:`Structure.fits` the settings);
    ``supply``: its :class:`Supply`, made from the same tables but Stock and Orders and
    the same settings. The figures are the same with or without them.
    """
    s = project.settings
    if structure is None or not structure.fits(project):
        structure = Structure(project)
    at = _with_stock_and_orders(project, structure.positions,
                                supply.ids if supply is not None else None)
    parents, children, qty, level = (structure.parents, structure.children, structure.qty,
                                     structure.level)
    req, profile = structure.req, structure.profile
    if structure.overflow:
        raise InputError(_overflows(project, at, req))
    if supply is None or supply.structure is not structure:
        supply = Supply(project, structure)
    levels_used: list[bool] = []

    def inputs() -> LevelInputs:
        levels_used.append(True)
        return supply.level_inputs()[0]

    safety = safety_stocks(project, at.stock, at.demand, at.sources, req, None, inputs)
    materials = _materials(project, supply, at, profile, safety=safety)
    unit = req
    view, product_materials = supply.product_view(bool(levels_used))
    with np.errstate(over="ignore", invalid="ignore"):
        if not np.isfinite(view.qty.data).all():  # no demand, but per unit beyond a float
            kind = project.items["kind"].to_numpy(dtype=object, na_value="")
            unit = explode((kind == "product").astype(float), parents, children, qty, level)
    if not np.isfinite(view.qty.data).all():
        raise InputError(_overflows(project, at, unit))
    products = worst_exposure(supply.item_table, materials, structure.purchased, view)
    content = _origin_content(supply, view)
    products = _with_content(products, content, s.content_country or Settings().content_country,
                             s.content_threshold)
    return Report(s.as_of_date, supply.item_table, materials, supply.sources,
                  supply.dependence, products, product_materials, profile,
                  supply.looked, supply.effective_dependence, supply.portfolio, content)


def _origin_content(supply: Supply, view: ProductView) -> OriginContent:
    """The products' material value per unit by effective origin (the view's products,
    in id order, times each material's value per unit by origin)."""
    row_of = np.full(len(supply.ids), -1, dtype=np.int64)
    row_of[supply.rows] = np.arange(len(supply.rows))
    return OriginContent(take(supply.item_table["item_id"], view.products),
                         supply.content_countries, view.qty,
                         supply.content_value[row_of[view.columns]], supply.content_value,
                         supply.content_quantity, supply.base["item_id"])


def _with_content(products: pd.DataFrame, content: OriginContent, country: str,
                  threshold: float) -> pd.DataFrame:
    """``products`` with their material value per unit, the value and share of it from
    ``country`` and the flag of a share above ``threshold``."""
    at = pd.Index(content.products).get_indexer(products["item_id"])
    found = at >= 0
    total = np.where(found, content.total()[np.maximum(at, 0)], 0.0)
    mine = np.where(found, content.of(country)[np.maximum(at, 0)], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, mine / total, np.nan)
    return products.assign(
        material_value=total, content_country=pd.array([country] * len(products),
                                                       dtype="string"),
        content_value=mine, content_share=share,
        content_flag=np.nan_to_num(share, nan=0.0) > threshold)


def _forecast(project: Project, own: np.ndarray, parents: np.ndarray, children: np.ndarray,
              qty: np.ndarray, level: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, RequirementProfile]:
    """With a Forecast sheet: each item's average own demand and requirement per day over
    the horizon, and the requirement profile (docs/definitions.md: forecast)."""
    s = project.settings
    f = project.forecast
    rows = pd.Index(project.items["item_id"]).get_indexer(f["item_id"])
    own_profile, profile = profiles(project.items["item_id"], own, rows,
                                    f["month"].to_numpy(), f["quantity"].to_numpy(float),
                                    s.as_of_date, parents, children, qty, level)
    if not (np.isfinite(profile.daily).all() and np.isfinite(profile.tail).all()):
        raise InputError([Problem("Forecast", _("The forecast quantities make a requirement "
                                               "too large to compute."))])
    return own_profile.average(s.horizon_days), profile.average(s.horizon_days), profile


def _overflows(project: Project, at: ItemPositions, req: np.ndarray) -> list[Problem]:
    """Where a requirement first becomes infinite (a project edited in the program)."""
    qty = effective_quantities(project.bom)
    return requirement_overflows(project, project.items["item_id"], at.parents, at.children,
                                 qty, at.demand, req)


def _materials(project: Project, supply: Supply, at: ItemPositions,
               profile: RequirementProfile | None = None, *, safety: SafetyStock
               ) -> pd.DataFrame:
    """One row per purchased item (a material, or any item with Sources rows); with a
    requirement profile, cover is forward cover along it. ``safety``: each item's safety
    stock, given or from its service level (planner.analysis.safety_stock); ``supply``:
    what the rows take from the other tables than Stock and Orders."""
    s = project.settings
    n = len(supply.item_table)
    rows = supply.rows
    m = supply.base

    stock = project.stock
    on_hand = np.nan_to_num(_first_per_item(at.stock, stock["on_hand"].to_numpy(float), n,
                                            0.0))
    target = _first_per_item(at.stock, stock["target_days"].to_numpy(float), n, np.nan)
    target = np.where(np.isnan(target), s.target_days, target)

    orders = project.orders
    limit = np.datetime64(s.as_of_date, "s") + np.timedelta64(
        round(s.horizon_days * 86_400), "s")
    due = (orders["due_date"].to_numpy() <= limit) & (at.orders >= 0)
    due_qty = pd.Series(orders["quantity"].to_numpy(float)[due]).groupby(at.orders[due]).sum()
    open_qty = np.zeros(n)
    open_qty[due_qty.index.to_numpy()] = due_qty.to_numpy()

    on_hand, target = on_hand[rows], target[rows]
    safety_stock = safety.quantity[rows]
    open_qty, fastest = open_qty[rows], supply.fastest[rows]
    use = m["daily_use"].to_numpy(dtype=float)
    has_demand = use > 0
    if profile is not None:
        ahead = profile.take(rows)
        cover = ahead.cover(on_hand)
        cover_orders = ahead.cover(on_hand + open_qty)
        has_demand = has_demand | ~np.isnan(cover)  # demand that starts after the horizon
    else:  # a vanishing use gives a cover too large to hold: infinite, shown as no limit
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            cover = np.where(has_demand, on_hand / use, np.nan)
            cover_orders = np.where(has_demand, (on_hand + open_qty) / use, np.nan)

    critical = has_demand & ((on_hand <= safety_stock)
                             | (cover < np.nan_to_num(fastest, nan=-1)))
    short = has_demand & ~critical & (cover < target)
    status = np.where(critical, "critical", np.where(short, "short", "ok"))

    sup, cty = supply.supplier, supply.country
    out = m.assign(
        on_hand=on_hand, safety_stock=safety_stock,
        safety_stock_basis=pd.array(safety.basis[rows], dtype="string"), open_orders=open_qty,
        days_of_cover=cover, days_of_cover_with_orders=cover_orders, target_days=target,
        fastest_lead_time_days=fastest, status=status,
        top_supplier=supply.top_supplier,
        top_supplier_share=sup.share[rows],
        top_country=supply.top_country,
        top_country_share=cty.share[rows],
        supplier_hhi=sup.hhi[rows],
        country_hhi=cty.hhi[rows],
        suppliers=sup.count[rows].astype(np.int64),
        secondary_share=supply.secondary_share,
    )
    out["over_supplier_cap"] = (out["top_supplier_share"] > s.max_supplier_share).to_numpy()
    out["over_country_cap"] = (out["top_country_share"] > s.max_country_share).to_numpy()
    return pd.concat([out, supply.look], axis=1)


def _country_dependence(sources: pd.DataFrame) -> pd.Series:
    value = sources.groupby("origin_country")["daily_value"].sum()
    total = float(value.sum())
    if total <= 0:
        return pd.Series(dtype=float, name="share")
    return (value / total).sort_values(ascending=False, kind="stable").rename("share")
