"""Requirements, days of cover and supply exposure, following DESIGN.md's definitions.

Everything is vectorised: the BOM is exploded level by level over the DAG (one sparse
propagation per level, never a recursion per item), and exposure is grouped with pandas.
``compute(project)`` returns a :class:`Report` of result tables; the window and the
command line only show them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from planner.errors import InputError
from planner.project import Project
from planner.schema import DAYS_PER
from planner.validation import _acyclic_remainder, check_project

STATUSES = ("critical", "short", "ok")


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


def daily_rates(quantity: np.ndarray | pd.Series, per: pd.Series) -> np.ndarray:
    """Quantities per day/week/month/year as daily rates (DESIGN: Rates)."""
    days = per.map(DAYS_PER).to_numpy(dtype=float)
    return np.asarray(quantity, dtype=float) / days


def bom_arrays(project: Project, index: pd.Index) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BOM edges as (parent position, child position, effective quantity)."""
    bom = project.bom
    parents = index.get_indexer(bom["parent_id"])
    children = index.get_indexer(bom["child_id"])
    scrap = bom["scrap_pct"].fillna(0.0).to_numpy(dtype=float)
    qty = bom["qty_per"].to_numpy(dtype=float) * (1.0 + scrap / 100.0)
    return parents, children, qty


def bom_levels(parents: np.ndarray, children: np.ndarray, n: int) -> np.ndarray:
    """Level of every item: 0 for items no one uses, else 1 + the deepest parent's level."""
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
    if (level < 0).any():
        raise InputError(check_project_cycles_only(parents, children, n))
    return level


def check_project_cycles_only(parents: np.ndarray, children: np.ndarray, n: int) -> list:
    from planner.errors import Problem

    left = int(_acyclic_remainder(parents, children, n).sum())
    return [Problem("BOM", f"the BOM has a cycle through {left} items")]


def explode(demand: np.ndarray, parents: np.ndarray, children: np.ndarray, qty: np.ndarray,
            level: np.ndarray) -> np.ndarray:
    """Gross daily requirement: own demand plus parents' requirement × effective quantity.

    Edges are grouped by their parent's level once; each level's requirement is final
    when its turn comes, because every parent sits on a lower level than its children.
    """
    req = demand.astype(float).copy()
    if len(parents) == 0:
        return req
    edge_level = level[parents]
    order = np.argsort(edge_level, kind="stable")
    bounds = np.searchsorted(edge_level[order], np.arange(level.max() + 2))
    n = len(req)
    for d in range(level.max() + 1):
        sel = order[bounds[d]:bounds[d + 1]]
        if len(sel):
            req += np.bincount(children[sel], weights=req[parents[sel]] * qty[sel],
                               minlength=n)
    return req


def resolved_sources(project: Project, req: pd.Series) -> pd.DataFrame:
    """Source rows with their origin country, daily quantity and daily value."""
    src = project.sources
    supplier_country = project.suppliers.drop_duplicates("supplier_id").set_index(
        "supplier_id")["country"]
    out = pd.DataFrame({
        "item_id": src["item_id"],
        "supplier_id": src["supplier_id"],
        "share": src["share"].astype(float),
        "origin_country": src["origin_country"].fillna(
            src["supplier_id"].map(supplier_country)).astype("string"),
        "supplier_country": src["supplier_id"].map(supplier_country).astype("string"),
        "unit_price": src["unit_price"],
        "lead_time_days": src["lead_time_days"],
        "capacity_per_month": src["capacity_per_month"],
        "moq": src["moq"],
        "time_to_recover_days": src["time_to_recover_days"],
    })
    item_price = project.items.drop_duplicates("item_id").set_index("item_id")["unit_price"]
    price = out["unit_price"].fillna(out["item_id"].map(item_price)).fillna(0.0)
    out["daily_quantity"] = out["item_id"].map(req).fillna(0.0).to_numpy() * out["share"]
    out["daily_value"] = out["daily_quantity"] * price.astype(float)
    return out


def _top(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per item: top `by` and its share, HHI over `by`, and how many distinct `by`."""
    grouped = frame.groupby(["item_id", by], sort=False, observed=True)["share"].sum()
    grouped = grouped.reset_index()
    grouped["sq"] = grouped["share"] ** 2
    ordered = grouped.sort_values(["item_id", "share", by], ascending=[True, False, True],
                                  kind="stable")
    top = ordered.drop_duplicates("item_id").set_index("item_id")
    stats = grouped.groupby("item_id", sort=False).agg(hhi=("sq", "sum"), count=(by, "size"))
    return pd.DataFrame({
        "top": top[by], "top_share": top["share"],
        "hhi": stats["hhi"] * 10_000.0, "count": stats["count"]})


def compute(project: Project) -> Report:
    """Every figure of the report, from a valid project."""
    s = project.settings
    items = project.items
    index = pd.Index(items["item_id"])
    n = len(items)

    demand = project.demand.dropna(subset=["item_id"])
    own = np.bincount(index.get_indexer(demand["item_id"]),
                      weights=daily_rates(demand["quantity"], demand["per"]), minlength=n)
    parents, children, qty = bom_arrays(project, index)
    level = bom_levels(parents, children, n)
    req = explode(own, parents, children, qty, level)
    item_table = pd.DataFrame({
        "item_id": items["item_id"], "name": items["name"], "kind": items["kind"],
        "unit": items["unit"], "own_demand": own, "daily_use": req, "level": level})
    req_by_id = pd.Series(req, index=index)

    sources = resolved_sources(project, req_by_id)
    materials = _materials(project, item_table, sources)
    dependence = _country_dependence(sources)
    product_materials = _product_materials(project, index, parents, children, qty, level)
    products = _products(item_table, materials, product_materials)
    return Report(s.as_of_date, item_table, materials, sources, dependence, products,
                  product_materials)


def _materials(project: Project, item_table: pd.DataFrame, sources: pd.DataFrame
               ) -> pd.DataFrame:
    s = project.settings
    sourced = set(sources["item_id"])
    mask = (item_table["kind"] == "material") | item_table["item_id"].isin(sourced)
    m = item_table.loc[mask, ["item_id", "name", "kind", "unit", "daily_use"]].reset_index(
        drop=True)
    ids = m["item_id"]

    stock = project.stock.drop_duplicates("item_id").set_index("item_id")
    on_hand = ids.map(stock["on_hand"]).fillna(0.0).to_numpy(dtype=float)
    safety = ids.map(stock["safety_stock"]).fillna(0.0).to_numpy(dtype=float)
    target = ids.map(stock["target_days"]).fillna(s.target_days).to_numpy(dtype=float)

    orders = project.orders
    limit = np.datetime64(s.as_of_date, "s") + np.timedelta64(
        round(s.horizon_days * 86_400), "s")
    due = orders[orders["due_date"].to_numpy() <= limit]
    open_qty = ids.map(due.groupby("item_id")["quantity"].sum()).fillna(0.0).to_numpy()

    use = m["daily_use"].to_numpy(dtype=float)
    has_demand = use > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = np.where(has_demand, on_hand / use, np.nan)
        cover_orders = np.where(has_demand, (on_hand + open_qty) / use, np.nan)

    lead = sources.groupby("item_id")["lead_time_days"].min()
    fastest = ids.map(lead).to_numpy(dtype=float)
    critical = has_demand & ((on_hand <= safety) | (cover < np.nan_to_num(fastest, nan=-1)))
    short = has_demand & ~critical & (cover < target)
    status = np.where(critical, "critical", np.where(short, "short", "ok"))

    sup = _top(sources, "supplier_id")
    cty = _top(sources, "origin_country")
    out = m.assign(
        on_hand=on_hand, safety_stock=safety, open_orders=open_qty,
        days_of_cover=cover, days_of_cover_with_orders=cover_orders, target_days=target,
        fastest_lead_time_days=fastest, status=status,
        top_supplier=ids.map(sup["top"]).astype("string"),
        top_supplier_share=ids.map(sup["top_share"]).astype(float),
        top_country=ids.map(cty["top"]).astype("string"),
        top_country_share=ids.map(cty["top_share"]).astype(float),
        supplier_hhi=ids.map(sup["hhi"]).astype(float),
        country_hhi=ids.map(cty["hhi"]).astype(float),
        suppliers=ids.map(sup["count"]).fillna(0).astype(int),
    )
    out["over_supplier_cap"] = (out["top_supplier_share"] > s.max_supplier_share).to_numpy()
    out["over_country_cap"] = (out["top_country_share"] > s.max_country_share).to_numpy()
    return out


def _country_dependence(sources: pd.DataFrame) -> pd.Series:
    value = sources.groupby("origin_country")["daily_value"].sum()
    total = float(value.sum())
    if total <= 0:
        return pd.Series(dtype=float, name="share")
    return (value / total).sort_values(ascending=False, kind="stable").rename("share")


def _product_materials(project: Project, index: pd.Index, parents: np.ndarray,
                       children: np.ndarray, qty: np.ndarray, level: np.ndarray
                       ) -> pd.DataFrame:
    """Per unit of each product, the quantity of each purchased item it consumes.

    Propagated as a sparse matrix (products × items) one BOM level at a time.
    """
    items = project.items
    n = len(items)
    products = np.flatnonzero((items["kind"] == "product").to_numpy())
    purchased = (items["kind"] == "material").to_numpy() | items["item_id"].isin(
        set(project.sources["item_id"])).to_numpy()
    if len(products) == 0:
        return pd.DataFrame({"product_id": pd.Series([], dtype="string"),
                             "material_id": pd.Series([], dtype="string"),
                             "qty_per_unit": pd.Series([], dtype=float)})
    a = sparse.csr_matrix((qty, (parents, children)), shape=(n, n))
    x = sparse.csr_matrix((np.ones(len(products)), (np.arange(len(products)), products)),
                          shape=(len(products), n))
    total = sparse.csr_matrix((len(products), n))
    for _ in range(int(level.max()) + 1 if n else 0):
        x = x @ a
        if x.nnz == 0:
            break
        total = total + x
    total = total[:, np.flatnonzero(purchased)].tocoo()
    material_ids = items["item_id"].to_numpy()[np.flatnonzero(purchased)]
    out = pd.DataFrame({
        "product_id": pd.array(items["item_id"].to_numpy()[products][total.row], dtype="string"),
        "material_id": pd.array(material_ids[total.col], dtype="string"),
        "qty_per_unit": total.data})
    return out.sort_values(["product_id", "material_id"], kind="stable").reset_index(drop=True)


def _products(item_table: pd.DataFrame, materials: pd.DataFrame,
              product_materials: pd.DataFrame) -> pd.DataFrame:
    """Each product's worst exposure among the materials it consumes."""
    prods = item_table.loc[item_table["kind"] == "product",
                           ["item_id", "name", "daily_use"]].reset_index(drop=True)
    joined = product_materials.merge(
        materials[["item_id", "top_country", "top_country_share", "top_supplier_share",
                   "days_of_cover", "status", "over_supplier_cap", "over_country_cap"]],
        left_on="material_id", right_on="item_id", how="left")
    rank = joined["status"].map({"critical": 0, "short": 1, "ok": 2}).fillna(2)
    joined = joined.assign(_rank=rank.to_numpy())

    def worst(by: str, ascending: bool) -> pd.DataFrame:
        ordered = joined.sort_values(["product_id", by, "material_id"],
                                     ascending=[True, ascending, True], kind="stable",
                                     na_position="last")
        return ordered.drop_duplicates("product_id").set_index("product_id")

    by_country = worst("top_country_share", False)
    by_cover = worst("days_of_cover", True)
    by_status = worst("_rank", True)
    counts = joined.groupby("product_id").agg(
        materials=("material_id", "size"),
        materials_over_cap=("over_country_cap", "sum"),
        supplier_breaches=("over_supplier_cap", "sum"))
    ids = prods["item_id"]
    status = ids.map(by_status["status"]).fillna("ok")
    return prods.assign(
        materials=ids.map(counts["materials"]).fillna(0).astype(int),
        worst_status=status.astype("string"),
        worst_status_material=ids.map(by_status["material_id"]).astype("string"),
        top_country=ids.map(by_country["top_country"]).astype("string"),
        top_country_share=ids.map(by_country["top_country_share"]).astype(float),
        top_country_material=ids.map(by_country["material_id"]).astype("string"),
        min_days_of_cover=ids.map(by_cover["days_of_cover"]).astype(float),
        min_cover_material=ids.map(by_cover["material_id"]).astype("string"),
        materials_over_country_cap=ids.map(counts["materials_over_cap"]).fillna(0).astype(int),
        materials_over_supplier_cap=ids.map(counts["supplier_breaches"]).fillna(0).astype(int),
    )


def validate(project: Project) -> list:
    """All cross-sheet problems of a project edited in the program."""
    return check_project(project)
