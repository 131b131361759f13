"""Engine benchmark: a synthetic manufacturer 100,000 items, the size a large manufacturer has.

    python benchmarks/engine.py [--seed 7] [--repeat 5] [--no-xlsx] [--no-big-plan]
                                [--keep DIR] [--fresh]

Builds, with numpy and without any file, a Project of 100,000 items (about 1,500
products on level 0, components on levels 1-6, 15,000 purchased materials at the
bottom, 1,000 bought-in components), 300,000 BOM lines over 8 levels, 2,000 suppliers,
about 28,000 sources, demand on products, stock rows and 4,000 orders, then prints:

- the full recompute, ``planner.analysis.compute.compute(project)``, best of ``--repeat`` runs;
- the same BOM explosion done by plain recursive Python (a memoised recursive function
  over dicts), checked against the engine's daily requirements to 1e-9 relative;
- the engine's explosion alone (same inputs, same outputs) and the ratios;
- peak memory (the process's maximum resident set, and what one compute allocates at
  its peak according to tracemalloc).

Then the recompute with a Forecast sheet of 24 months for every product (ramping up, a
fifth of them ending after a year), at most 1 s (issue 12), and a check that a forecast
equal to each product's Demand rate gives the same daily use as no forecast.

Then (unless ``--no-xlsx``) it writes the project as a template workbook and times what
``planner report`` does with it: reading (read_book), validation (build_project),
computing (compute) and rendering the text report; and, as whole processes (Python
start-up included, median of 3, taken in turns), ``planner report FILE`` against a bare
python-calamine read of the same file (every sheet's cells, kept until the end), in
seconds and in peak resident memory. The workbook (10 MB, slow to write) is kept in the
system's temporary folder, or in ``--keep DIR``, and written again when it no longer
reads back as the same project (or with ``--fresh``).

Last, a BOM that is a chain 5,000 levels deep (each item the only child of the one
above): the report's figures and the summary's (report, plan, ranking), each in at most
2 s; the work must follow the BOM lines, not the depth squared. And a procurement plan
over 100,000 purchased materials (benchmarks/plan.py's buyer, 4 sources each from 2,000
suppliers), in at most 60 s, reporting its progress as it goes (``--no-big-plan`` skips
it; it takes about half a minute and 2 GB).

Targets (issue 2): full recompute <= 0.5 s on a 2-core machine; the vectorised
explosion >= 50x faster than the recursive Python one. Reading: ``planner report`` in at
most 1.5x the time and 1.5x the peak memory of the bare read.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import importlib
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.inputs import requirements
from planner.inputs.project import Project, Settings
from planner.inputs.schema import DAYS_PER, SHEETS

T = TypeVar("T")
engine = importlib.import_module("planner.analysis.compute")  # the module, not the function

N_ITEMS = 100_000
N_PRODUCTS = 1_500
N_MATERIALS = 15_000
N_BOUGHT_COMPONENTS = 1_000  # components with Sources rows (bought-in parts)
COMPONENT_LEVEL_WEIGHTS = np.array([0.08, 0.12, 0.16, 0.20, 0.22, 0.22])  # levels 1-6
N_BOM = 300_000
N_SUPPLIERS = 2_000
N_ORDERS = 4_000
AS_OF = dt.date(2026, 7, 1)

TARGET_RECOMPUTE_S = 0.5
FORECAST_MONTHS = 24  # a Forecast sheet: every product, month by month
TARGET_FORECAST_S = 1.0  # issue 12: the recompute with that forecast
TARGET_RATIO = 50.0
TARGET_READ_RATIO = 1.5  # planner report against a bare python-calamine read: time, memory
CHAIN_DEPTH = 5_000  # a BOM that is a chain: each item the only child of the one above
TARGET_CHAIN_S = 2.0  # report and summary figures of that chain, each
BIG_PLAN_MATERIALS = 100_000
BIG_PLAN_SUPPLIERS = 2_000
TARGET_BIG_PLAN_S = 60.0
PROCESS_RUNS = 3

# The bare read: every sheet's cells as Python values, kept until the process ends.
BARE_READ = """
import sys
from python_calamine import CalamineWorkbook

workbook = CalamineWorkbook.from_path(sys.argv[1])
sheets = {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
          for name in workbook.sheet_names}
"""
# Runs a module or a script and writes its peak resident memory last on stderr. The
# process's own high-water mark: what the kernel reports to a parent counts the parent's
# memory too (the child starts as its copy).
PEAK = """
import atexit, runpy, sys

def peak():
    try:
        with open("/proc/self/status") as status:
            kb = next(int(row.split()[1]) for row in status if row.startswith("VmHWM:"))
    except (OSError, StopIteration):  # no /proc: the resource module's figure
        import resource
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kb //= 1024 if sys.platform == "darwin" else 1
    sys.stderr.write(f"\\nPEAK_KB {kb}\\n")

atexit.register(peak)
kind, target, *rest = sys.argv[1:]
if kind == "module":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<script>", "exec"), {"__name__": "__main__"})
"""

COUNTRIES = ["CN", "US", "JP", "DE", "KR", "TW", "VN", "MY", "AU", "CA", "CL", "PE",
             "ZA", "CD", "ID", "PH", "BR", "IN", "MX", "FR", "GB", "NL", "SE", "FI", "RU"]
COUNTRY_WEIGHTS = np.array([30, 8, 8, 8, 6, 5, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
                            1, 1, 1, 1], dtype=float)
ORIGINS = ["CN", "AU", "CD", "ID", "CL", "ZA", "RU", "MM", "BR", "PE", "US", "CA"]
ORIGIN_WEIGHTS = np.array([45, 8, 8, 6, 5, 5, 5, 4, 4, 4, 3, 3], dtype=float)
MATERIAL_CATEGORIES = ["Nd", "Pr", "Dy", "Tb", "Ga", "Ge", "W", "Sb", "graphite", "Co",
                       "Cu", "Li", "Ni", "In", "Bi", "Mo", "Te", "Sn", "Ta", "Al"]


# ------------------------------------------------------------------ synthetic data


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width))


def _strings(values: np.ndarray | list) -> pd.Series:
    return pd.Series(pd.array(np.asarray(values, dtype=object), dtype="string"))


def _floats(values: np.ndarray) -> pd.Series:
    return pd.Series(np.asarray(values, dtype="float64"))


def build_project(seed: int = 7, shape: str = "families") -> Project:
    """The synthetic manufacturer as a Project with the template's dtypes.

    ``shape`` "families": components are shared within a product family and materials
    widely, as in real BOMs; "random": components are shared at random across the whole
    company, a worst case in which every product reaches thousands of materials.
    """
    random_shape = shape == "random"
    rng = np.random.default_rng(seed)

    # items, ordered by level: products, components on levels 1-6, materials
    n_components = N_ITEMS - N_PRODUCTS - N_MATERIALS
    per_level = np.floor(COMPONENT_LEVEL_WEIGHTS * n_components).astype(int)
    per_level[-1] += n_components - per_level.sum()
    sizes = np.concatenate([[N_PRODUCTS], per_level, [N_MATERIALS]])
    level = np.repeat(np.arange(len(sizes)), sizes)  # generated level 0..7
    starts = np.concatenate([[0], np.cumsum(sizes)])
    kind = np.where(level == 0, "product", np.where(level == 7, "material", "component"))
    item_ids = np.concatenate([_ids("P", N_PRODUCTS, 5), _ids("C", n_components, 6),
                               _ids("M", N_MATERIALS, 5)])
    n = N_ITEMS
    category = np.where(kind == "material",
                        rng.choice(MATERIAL_CATEGORIES, n), np.where(
                            kind == "product", "finished goods", "assembly"))
    unit = np.where(kind == "material", "kg", "pcs")
    unit_price = np.where(kind == "product", np.round(rng.lognormal(7.0, 1.2, n), 2),
                          np.where(kind == "material", np.round(rng.lognormal(3.0, 1.5, n), 2),
                                   np.nan))
    items = pd.DataFrame({
        "item_id": _strings(item_ids),
        "name": _strings(np.char.add(np.char.add(kind, " "), item_ids)),
        "kind": _strings(kind),
        "unit": _strings(unit),
        "unit_price": _floats(unit_price),
        "category": _strings(category),
    })

    def pick(levels: np.ndarray) -> np.ndarray:
        """A random item on each of the given levels."""
        lo, hi = starts[levels], starts[levels + 1]
        return lo + (rng.random(len(levels)) * (hi - lo)).astype(np.int64)

    # BOM: every non-product item has a parent one level up (so the levels are exact);
    # then more lines, shaped like real BOMs: a component is shared only within its
    # product family (a parent near its first parent, on a level one or more up), while
    # purchased materials are shared widely, a few (copper, steel, NdFeB) by thousands
    child_tree = np.arange(N_PRODUCTS, n)
    parent_tree = pick(level[child_tree] - 1)
    m = int(1.1 * (N_BOM - len(child_tree)))
    to_material = rng.random(m) < (0.45 if random_shape else 0.8)
    popularity = 1.0 / np.arange(1, N_MATERIALS + 1) ** (0.0 if random_shape else 0.9)
    popular = rng.choice(N_MATERIALS, m, p=popularity / popularity.sum())
    child_extra = np.where(to_material, starts[7] + rng.permutation(N_MATERIALS)[popular],
                           rng.integers(N_PRODUCTS, starts[7], m))
    up = rng.geometric(0.45, m)  # 1 = the level just above
    parent_level = np.maximum(level[child_extra] - up, 0)
    near = parent_tree[child_extra - N_PRODUCTS]  # the child's first parent
    position = (near - starts[level[near]]) / sizes[level[near]]
    width = np.maximum(2, (0.002 * sizes[parent_level]).astype(np.int64))
    offset = (position * sizes[parent_level]).astype(np.int64) + rng.integers(-1, 2, m) * (
        rng.integers(0, 1 << 30, m) % width)
    parent_extra = np.where(to_material | random_shape, pick(parent_level),
                            starts[parent_level] + offset % sizes[parent_level])
    parent = np.concatenate([parent_tree, parent_extra])
    child = np.concatenate([child_tree, child_extra])
    _, first = np.unique(parent * n + child, return_index=True)
    keep = np.sort(first)[:N_BOM]  # tree lines come first, so they are all kept
    assert len(keep) == N_BOM, len(keep)
    parent, child = parent[keep], child[keep]
    order = np.lexsort((child, parent))
    parent, child = parent[order], child[order]
    k = len(parent)
    to_mat = kind[child] == "material"
    qty = np.where(to_mat, np.round(rng.lognormal(-2.0, 1.3, k), 4),
                   rng.integers(1, 5, k).astype(float))
    scrap = np.where(rng.random(k) < 0.5, np.nan, np.round(rng.random(k) * 10) / 2)
    bom = pd.DataFrame({
        "parent_id": _strings(item_ids[parent]), "child_id": _strings(item_ids[child]),
        "qty_per": _floats(qty), "scrap_pct": _floats(scrap)})

    # demand: most products, a few components sold as spare parts
    demand_items = np.concatenate([
        np.flatnonzero((kind == "product") & (rng.random(n) < 0.9)),
        np.flatnonzero((kind == "component") & (rng.random(n) < 0.01))])
    per = rng.choice(["day", "week", "month", "year"], len(demand_items), p=[.1, .3, .4, .2])
    per_days = np.array([DAYS_PER[p] for p in per])
    quantity = np.maximum(1.0, np.round(rng.lognormal(0.5, 1.0, len(demand_items)) * per_days))
    demand = pd.DataFrame({"item_id": _strings(item_ids[demand_items]),
                           "quantity": _floats(quantity), "per": _strings(per)})

    # suppliers
    countries = rng.choice(COUNTRIES, N_SUPPLIERS, p=COUNTRY_WEIGHTS / COUNTRY_WEIGHTS.sum())
    supplier_ids = _ids("S", N_SUPPLIERS, 4)
    suppliers = pd.DataFrame({
        "supplier_id": _strings(supplier_ids),
        "name": _strings(np.char.add("Supplier ", supplier_ids)),
        "country": _strings(countries)})

    # sources: every material and the bought-in components, 1-4 each, shares sum to 1
    bought = rng.choice(np.arange(starts[5], starts[7]), N_BOUGHT_COMPONENTS, replace=False)
    sourced = np.concatenate([np.arange(starts[7], n), np.sort(bought)])
    count = rng.choice([1, 2, 3, 4], len(sourced), p=[0.45, 0.30, 0.15, 0.10])
    src_item = np.repeat(sourced, count)
    rank = np.arange(len(src_item)) - np.repeat(np.cumsum(count) - count, count)
    first_supplier = np.repeat(rng.integers(0, N_SUPPLIERS, len(sourced)), count)
    step = np.repeat(rng.integers(1, N_SUPPLIERS // 4, len(sourced)), count)
    src_supplier = (first_supplier + rank * step) % N_SUPPLIERS  # distinct per item
    raw = rng.gamma(1.0, 1.0, len(src_item)) + 0.05
    group_start = np.cumsum(count) - count
    share = raw / np.repeat(np.add.reduceat(raw, group_start), count)
    origin = np.where(rng.random(len(src_item)) < 0.3,
                      rng.choice(ORIGINS, len(src_item), p=ORIGIN_WEIGHTS / ORIGIN_WEIGHTS.sum()),
                      None)
    base_price = np.where(np.isnan(unit_price), 50.0, unit_price)[src_item]
    sources = pd.DataFrame({
        "item_id": _strings(item_ids[src_item]),
        "supplier_id": _strings(supplier_ids[src_supplier]),
        "share": _floats(share),
        "unit_price": _floats(np.round(base_price * rng.uniform(0.85, 1.15, len(src_item)), 2)),
        "lead_time_days": _floats(rng.integers(7, 150, len(src_item))),
        "capacity_per_month": _floats(np.where(rng.random(len(src_item)) < 0.2,
                                               np.round(rng.lognormal(6, 1, len(src_item))),
                                               np.nan)),
        "moq": _floats(np.where(rng.random(len(src_item)) < 0.3,
                                np.round(rng.lognormal(3, 1, len(src_item))), np.nan)),
        "origin_country": _strings(origin),
        "time_to_recover_days": _floats(np.full(len(src_item), np.nan)),
    })

    # stock: every purchased item and a fifth of the components
    stocked = np.union1d(sourced, np.flatnonzero((kind == "component") & (rng.random(n) < .2)))
    s = len(stocked)
    stock = pd.DataFrame({
        "item_id": _strings(item_ids[stocked]),
        "on_hand": _floats(np.round(rng.lognormal(5, 2, s), 1)),
        "safety_stock": _floats(np.where(rng.random(s) < 0.6,
                                         np.round(rng.lognormal(3, 1.5, s), 1), np.nan)),
        "target_days": _floats(np.where(rng.random(s) < 0.3, rng.choice([30, 60, 90, 180], s),
                                        np.nan))})

    # orders on existing sources, due from ten days ago to seven months ahead
    pick_src = rng.integers(0, len(src_item), N_ORDERS)
    due = np.datetime64(AS_OF, "D") + rng.integers(-10, 210, N_ORDERS)
    orders = pd.DataFrame({
        "item_id": _strings(item_ids[src_item[pick_src]]),
        "supplier_id": _strings(supplier_ids[src_supplier[pick_src]]),
        "quantity": _floats(np.round(rng.lognormal(5, 1.5, N_ORDERS))),
        "due_date": pd.Series(due.astype("datetime64[s]"))})

    tables = {"Items": items, "BOM": bom, "Demand": demand, "Stock": stock,
              "Suppliers": suppliers, "Sources": sources, "Orders": orders}
    for spec in SHEETS:  # the template's columns and dtypes; columns added since, blank
        if spec.name in tables:
            frame = tables[spec.name]
            given = [c for c in spec.column_names if c in frame.columns]
            assert list(frame.columns) == given, spec.name
            tables[spec.name] = frame.reindex(columns=spec.column_names).astype(
                {c.name: c.dtype for c in spec.columns})
    return Project(tables, Settings(as_of_date=AS_OF, company="Synthetic Manufacturing"))


def build_chain(depth: int = CHAIN_DEPTH) -> Project:
    """A BOM ``depth`` levels deep: product K0 needs one K1, which needs one K2, ... down to
    the material at the bottom, bought from one supplier; 7 units of K0 a week."""
    ids = np.array([f"K{i}" for i in range(depth)], dtype=object)
    kind = np.full(depth, "component", dtype=object)
    kind[0], kind[-1] = "product", "material"
    specs = {spec.name: spec for spec in SHEETS}

    def table(sheet: str, **columns: list | np.ndarray) -> pd.DataFrame:
        """The template's columns and dtypes; those not given are blank."""
        size = len(next(iter(columns.values()))) if columns else 0
        frame = pd.DataFrame({c.name: pd.Series(columns.get(c.name, [None] * size))
                              for c in specs[sheet].columns})
        return frame.astype({c.name: c.dtype for c in specs[sheet].columns})

    tables = {
        "Items": table("Items", item_id=ids, name=ids, kind=kind,
                       unit=np.full(depth, "pcs", dtype=object)),
        "BOM": table("BOM", parent_id=ids[:-1], child_id=ids[1:], qty_per=np.ones(depth - 1)),
        "Demand": table("Demand", item_id=[ids[0]], quantity=[7.0], per=["week"]),
        "Stock": table("Stock", item_id=[ids[-1]], on_hand=[100.0]),
        "Suppliers": table("Suppliers", supplier_id=["S1"], name=["Supplier"], country=["DE"]),
        "Sources": table("Sources", item_id=[ids[-1]], supplier_id=["S1"], share=[1.0],
                         unit_price=[2.0], lead_time_days=[10.0]),
        "Orders": table("Orders"),
    }
    return Project(tables, Settings(as_of_date=AS_OF, company="Synthetic Manufacturing"))


def with_forecast(project: Project, factors: np.ndarray) -> Project:
    """The project with a Forecast sheet: each product's Demand rate × its factor for each
    of FORECAST_MONTHS months from the as-of month (factors: products × months)."""
    items = project.items
    products = items["item_id"][items["kind"] == "product"].to_numpy(dtype=object)
    demand = project.demand
    rate = pd.Series(requirements.daily_rates(demand["quantity"], demand["per"]),
                     index=demand["item_id"].to_numpy(dtype=object))
    own = rate.groupby(level=0).sum().reindex(products, fill_value=0.0).to_numpy()
    months = np.arange(np.datetime64(AS_OF, "M"), np.datetime64(AS_OF, "M") + FORECAST_MONTHS)
    in_month = ((months + 1).astype("datetime64[D]") - months.astype("datetime64[D]")).astype(
        float)
    quantity = own[:, None] * in_month[None, :] * factors
    forecast = pd.DataFrame({
        "item_id": _strings(np.repeat(products, FORECAST_MONTHS)),
        "month": pd.Series(np.tile(months.astype("datetime64[s]"), len(products))),
        "quantity": _floats(quantity.ravel())})
    spec = next(sheet for sheet in SHEETS if sheet.name == "Forecast")
    tables = dict(project.tables)
    tables["Forecast"] = forecast.astype({c.name: c.dtype for c in spec.columns})
    return Project(tables, project.settings)


def run_forecast(project: Project, flat: engine.Report, repeat: int, seed: int) -> bool:
    """The recompute with a 24-month forecast on every product (ramping up, some ending),
    and a check: a forecast equal to each product's Demand rate gives today's figures."""
    rng = np.random.default_rng(seed)
    n_products = int((project.items["kind"] == "product").sum())
    ramp = np.clip(np.linspace(0.5, 2.0, FORECAST_MONTHS)[None, :]
                   * rng.uniform(0.7, 1.3, (n_products, 1)), 0.0, None)
    ramp[rng.random(n_products) < 0.2, FORECAST_MONTHS // 2:] = 0.0  # orders that end
    ramped = with_forecast(project, ramp)
    timing, report = best_of(lambda: engine.compute(ramped), repeat)
    same = engine.compute(with_forecast(project, np.ones((n_products, FORECAST_MONTHS))))
    ref = flat.items["daily_use"].to_numpy()
    got = same.items["daily_use"].to_numpy()
    worst = float(np.max(np.abs(got - ref) / np.maximum(np.abs(ref), np.finfo(float).tiny)))
    print()
    print(f"a Forecast sheet: {len(ramped.forecast):,} rows, {FORECAST_MONTHS} months for "
          f"each of {n_products:,} products (ramping up; a fifth end after a year)")
    met = timing.wall <= TARGET_FORECAST_S
    line("recompute with the forecast", timing.ms(), f"{timing.cpu_note()}   target <= "
         f"{TARGET_FORECAST_S} s: {verdict(met)}")
    line("  months in the requirement profile", f"{len(report.profile.months)}"
         if report.profile is not None else "none")
    line("a forecast equal to the Demand rates", f"{worst:.1e}",
         f"target <= 1e-9: {'same daily use' if worst <= 1e-9 else 'DIFFERENT NUMBERS'}")
    return met and worst <= 1e-9


def run_chain() -> bool:
    """Report and summary figures of a BOM as deep as it is long: the work must follow the
    BOM lines, not the depth squared (the report took 57 s, the summary 118 s, before)."""
    from planner.results import Results

    project = build_chain()
    print()
    print(f"a chain {CHAIN_DEPTH:,} levels deep (each item the only child of the one above)")
    ok = True
    for label, what in (("report figures (compute)", lambda r: r.require_report()),
                        ("summary figures (report, plan, ranking)", lambda r: r.summary())):
        timing, _ = best_of(lambda what=what: what(Results(project.copy())), 1)
        met = timing.wall <= TARGET_CHAIN_S
        line(label, timing.ms(), f"{timing.cpu_note()}   target <= {TARGET_CHAIN_S} s: "
             f"{verdict(met)}")
        ok &= met
    return ok


def run_big_plan() -> bool:
    """A plan over 100,000 materials: it must finish within the target and report its
    progress while it runs (before, it ran past 600 s without a word)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("plan_benchmark",
                                                  Path(__file__).with_name("plan.py"))
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    from planner.analysis.plan import make_plan

    project = builder.build_project(materials=BIG_PLAN_MATERIALS,
                                    suppliers=BIG_PLAN_SUPPLIERS)
    print()
    print(f"a plan over {BIG_PLAN_MATERIALS:,} purchased materials (4 sources each, "
          f"{BIG_PLAN_SUPPLIERS:,} suppliers)")
    calls: list[tuple[float, int, int]] = []
    started = time.perf_counter()

    def progress(done: int, total: int) -> bool:
        calls.append((time.perf_counter() - started, done, total))
        return True

    timing, plan = best_of(lambda: make_plan(project, progress=progress), 1)
    met = timing.wall <= TARGET_BIG_PLAN_S
    line("plan (make_plan)", timing.ms(), f"{timing.cpu_note()}   target <= "
         f"{TARGET_BIG_PLAN_S:.0f} s: {verdict(met)}")
    line("order lines", f"{len(plan.lines):,}")
    gaps = np.diff([0.0] + [t for t, _, _ in calls] + [timing.wall])
    shown = bool(calls) and calls[-1][1] == calls[-1][2]
    line("progress reports", f"{len(calls):,}",
         (f"last {calls[-1][1]:,} of {calls[-1][2]:,}; longest silence {gaps.max():.1f} s"
          if calls else "NONE"))
    line("peak resident set of this process", f"{max_rss_mb():.0f} MB")
    return met and shown


# ------------------------------------------------------------------ the two explosions


def python_tables(project: Project) -> tuple[list, dict, dict]:
    """Plain Python structures: item ids, own daily demand and each item's parents."""
    items = project.items["item_id"].tolist()
    own: dict[str, float] = {}
    d = project.demand
    for item, quantity, per in zip(d["item_id"].tolist(), d["quantity"].tolist(),
                                   d["per"].tolist(), strict=True):
        own[item] = own.get(item, 0.0) + quantity / DAYS_PER[per]
    parents_of: dict[str, list[tuple[str, float]]] = {}
    b = project.bom
    for p, c, q, s in zip(b["parent_id"].tolist(), b["child_id"].tolist(),
                          b["qty_per"].tolist(), b["scrap_pct"].tolist(), strict=True):
        scrap = 0.0 if s is None or s != s else s
        parents_of.setdefault(c, []).append((p, q * (1.0 + scrap / 100.0)))
    return items, own, parents_of


def python_explosion(items: list, own: dict, parents_of: dict) -> dict[str, float]:
    """Gross daily requirement by a memoised recursion over parents (the naive way)."""
    memo: dict[str, float] = {}

    def requirement(item: str) -> float:
        r = memo.get(item)
        if r is None:
            r = own.get(item, 0.0)
            for parent, qty in parents_of.get(item, ()):
                r += requirement(parent) * qty
            memo[item] = r
        return r

    return {item: requirement(item) for item in items}


def engine_arrays(project: Project) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The engine's structures: own daily demand and the BOM, by position (ids looked up)."""
    at = engine.item_positions(project)
    demand = project.demand
    rates = requirements.daily_rates(demand["quantity"], demand["per"])
    own = np.bincount(at.demand, weights=rates, minlength=len(project.items))
    return (own, *engine.bom_arrays(project, at))


def engine_explosion(own: np.ndarray, parents: np.ndarray, children: np.ndarray,
                     qty: np.ndarray) -> np.ndarray:
    """The engine's explosion over positions, as compute() does it: levels, then explode."""
    level = engine.bom_levels(parents, children, len(own))
    return requirements.explode(own, parents, children, qty, level)


# ------------------------------------------------------------------ timing helpers


@dataclass(frozen=True)
class Timing:
    """Best wall-clock and best CPU time of several runs (CPU time, of this process only,
    shows what the code costs when other work shares the machine)."""

    wall: float
    cpu: float

    def ms(self) -> str:
        return f"{self.wall * 1000:.1f} ms" if self.wall < 0.1 else f"{self.wall:.3f} s"

    def cpu_note(self) -> str:
        return f"cpu {self.cpu * 1000:.1f} ms" if self.cpu < 0.1 else f"cpu {self.cpu:.3f} s"


def best_of(fn: Callable[[], T], repeat: int) -> tuple[Timing, T]:
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return Timing(wall, cpu), result


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES TARGET"


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>12}  {note}".rstrip())


def shape(project: Project, report: engine.Report) -> None:
    t = project.tables
    kinds = t["Items"]["kind"].value_counts()
    levels = report.items["level"]
    print(f"synthetic manufacturer: {len(t['Items']):,} items ({kinds.get('product', 0):,} "
          f"products, {kinds.get('component', 0):,} components, {kinds.get('material', 0):,} "
          f"materials), {len(t['BOM']):,} BOM lines, {int(levels.max()) + 1} levels,")
    print(f"  {len(t['Suppliers']):,} suppliers, {len(t['Sources']):,} sources "
          f"({t['Sources']['item_id'].nunique():,} sourced items), {len(t['Demand']):,} "
          f"demand rows, {len(t['Stock']):,} stock rows, {len(t['Orders']):,} orders; "
          f"product view: {len(report.product_materials):,} product x material pairs")
    print(f"  machine: {os.cpu_count()} CPUs visible, Python {sys.version.split()[0]}, "
          f"numpy {np.__version__}, pandas {pd.__version__}")


# ------------------------------------------------------------------ main


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    project = build_project(args.seed, args.shape)
    built = time.perf_counter() - t0
    ok = True

    recompute, report = best_of(lambda: engine.compute(project), args.repeat)
    shape(project, report)
    print(f"  (built in {built:.1f} s; times are the best of {args.repeat} runs: wall clock, "
          "and the CPU time of this process)")
    print()
    print("full recompute, planner.analysis.compute.compute(project)")
    met = recompute.wall <= TARGET_RECOMPUTE_S
    line("recompute", recompute.ms(), f"{recompute.cpu_note()}   target <= "
         f"{TARGET_RECOMPUTE_S} s on 2 cores: {verdict(met)}")
    ok &= met

    # the explosion both ways, on the same data
    prep, (ids, own, parents_of) = best_of(lambda: python_tables(project), args.repeat)
    recursive, py_req = best_of(lambda: python_explosion(ids, own, parents_of), args.repeat)
    lookup, arrays = best_of(lambda: engine_arrays(project), args.repeat)
    vectorised, req = best_of(lambda: engine_explosion(*arrays), 4 * args.repeat)
    py = np.array([py_req[i] for i in ids])
    ref = report.items["daily_use"].to_numpy()
    scale = np.maximum(np.abs(py), np.finfo(float).tiny)
    worst = float(np.max(np.abs(py - req) / scale))
    worst_report = float(np.max(np.abs(py - ref) / scale))
    same = worst <= 1e-9 and worst_report <= 1e-9
    ok &= same
    ratio = recursive.wall / vectorised.wall
    ratio_all = (prep.wall + recursive.wall) / (lookup.wall + vectorised.wall)
    print()
    print("BOM explosion: daily requirement of every item, the same data both ways")
    line("recursive Python: memoised recursion (dicts)", recursive.ms(), recursive.cpu_note())
    line("engine: bom_levels + explode (positions)", vectorised.ms(),
         f"{vectorised.cpu_note()}   (best of {4 * args.repeat})")
    line("ratio", f"{ratio:.0f}x", f"cpu {recursive.cpu / vectorised.cpu:.0f}x   "
         f"target >= {TARGET_RATIO:.0f}x: {verdict(ratio >= TARGET_RATIO)}")
    line("largest relative difference", f"{max(worst, worst_report):.1e}",
         f"target <= 1e-9: {'same numbers' if same else 'DIFFERENT NUMBERS'}")
    print("  the same, counting the step from the tables (ids) to each one's structures:")
    line("recursive Python: building its dicts", prep.ms(), prep.cpu_note())
    line("engine: looking up ids as positions", lookup.ms(), lookup.cpu_note())
    line("ratio, tables to requirements", f"{ratio_all:.0f}x",
         "(no target; looking up 600,000 text ids dominates the engine)")
    ok &= ratio >= TARGET_RATIO

    # memory: one compute under tracemalloc (slower, so not timed)
    gc.collect()
    tracemalloc.start()
    engine.compute(project)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print()
    print("memory")
    line("peak allocated by one compute (tracemalloc)", f"{peak / 2**20:.0f} MB")
    line("peak resident set of this process", f"{max_rss_mb():.0f} MB",
         "(data, both explosions, reports)")

    ok &= run_forecast(project, report, args.repeat, args.seed)
    if args.xlsx:
        ok &= run_xlsx(project, args)
    ok &= run_chain()
    if args.big_plan:
        ok &= run_big_plan()
    print()
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


def run_xlsx(project: Project, args: argparse.Namespace) -> bool:
    from planner.core.errors import PlannerError
    from planner.inputs.reading import RawBook, read_book
    from planner.inputs.template import write_workbook
    from planner.inputs.validation import build_project as validate
    from planner.outputs.reports import report_text

    folder = Path(args.keep) if args.keep else Path(tempfile.gettempdir()) / (
        "stockpile-planner-benchmark")
    folder.mkdir(parents=True, exist_ok=True)
    # a kept workbook is the one the writer of today writes: its code is in the name
    writer = hashlib.sha256()
    for module in ("planner.inputs.template", "planner.core.xlsx"):
        with contextlib.suppress(ImportError):
            writer.update(Path(importlib.import_module(module).__file__ or "").read_bytes())
    path = folder / f"synthetic-{args.shape}-{args.seed}-{writer.hexdigest()[:12]}.xlsx"

    def read_and_validate() -> tuple[Timing, Timing, RawBook, Project]:
        reading, book = best_of(lambda: read_book(path), args.xlsx_repeat)
        validating, loaded = best_of(lambda: validate(book), args.xlsx_repeat)
        return reading, validating, book, loaded

    written = None
    kept = None
    if path.exists() and not args.fresh:
        try:
            kept = read_and_validate()
        except PlannerError:  # a workbook of an older generator
            kept = None
    if kept is None or not kept[3].equals(project):
        t0 = time.perf_counter()
        write_workbook(project, path)
        written = time.perf_counter() - t0
        kept = read_and_validate()
    reading, validating, book, loaded = kept
    same = loaded.equals(project)
    computing, report = best_of(lambda: engine.compute(loaded), args.xlsx_repeat)
    rendering, _ = best_of(lambda: report_text(loaded, report), args.xlsx_repeat)
    del book
    print()
    print(f"planner report on the workbook ({path.stat().st_size / 2**20:.1f} MB, "
          + (f"written in {written:.0f} s" if written is not None else "written before")
          + f"), best of {args.xlsx_repeat}")
    stages = (("reading (read_book, python-calamine)", reading),
              ("validation (build_project)", validating),
              ("computing (compute)", computing),
              ("rendering the text report", rendering))
    total = sum(t.wall for _, t in stages)
    for label, timing in stages:
        line(label, timing.ms(), f"{timing.cpu_note()}   {100 * timing.wall / total:.0f}%")
    line("total", f"{total:.3f} s")
    line("workbook reads back as the same project", "yes" if same else "NO")
    line("peak resident set of this process", f"{max_rss_mb():.0f} MB")
    # the command itself, in a fresh process (no benchmark data around)
    command = [sys.executable, "-m", "planner", "report", str(path)]
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    line("`planner report FILE` in a fresh process", f"{time.perf_counter() - t0:.3f} s",
         f"exit {done.returncode}, wall clock, Python start-up included")
    same &= done.returncode == 0
    return same & against_bare_read(path)


def against_bare_read(path: Path) -> bool:
    """`planner report FILE` against a bare python-calamine read of FILE: whole processes,
    taken in turns (so that other work on the machine weighs on both alike)."""
    commands = {"bare": [sys.executable, "-c", PEAK, "script", BARE_READ, str(path)],
                "report": [sys.executable, "-c", PEAK, "module", "planner", "report",
                           str(path)]}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(PROCESS_RUNS):
        for name, command in commands.items():
            runs[name].append(process_run(command))
    seconds = {name: float(np.median([s for s, _ in r])) for name, r in runs.items()}
    peak = {name: float(np.median([m for _, m in r])) for name, r in runs.items()}
    print()
    print(f"`planner report FILE` against a bare python-calamine read of FILE (whole "
          f"processes, median of {PROCESS_RUNS})")
    line("bare read (every sheet's cells, python-calamine)",
         f"{seconds['bare']:.3f} s", f"peak {peak['bare']:.0f} MB")
    line("`planner report FILE`", f"{seconds['report']:.3f} s",
         f"peak {peak['report']:.0f} MB")
    ok = True
    for what, ratio in (("time", seconds["report"] / seconds["bare"]),
                        ("peak memory", peak["report"] / peak["bare"])):
        met = ratio <= TARGET_READ_RATIO
        line(f"ratio, {what}", f"{ratio:.2f}x",
             f"target <= {TARGET_READ_RATIO}x: {verdict(met)}")
        ok &= met
    return ok


def process_run(command: list[str]) -> tuple[float, float]:
    """(wall-clock seconds, peak resident MB) of one process running ``command`` (PEAK)."""
    t0 = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    seconds = time.perf_counter() - t0
    error = done.stderr.decode(errors="replace")
    if done.returncode != 0 or "PEAK_KB" not in error:
        raise SystemExit(f"{command[3:]} failed ({done.returncode}): {error[-2000:]}")
    return seconds, int(error.rsplit("PEAK_KB", 1)[1].split()[0]) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=("families", "random"), default="families",
                        help="how components are shared (random: a worst case)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (best kept)")
    parser.add_argument("--no-big-plan", dest="big_plan", action="store_false",
                        help="skip the plan over 100,000 materials")
    parser.add_argument("--no-xlsx", dest="xlsx", action="store_false",
                        help="skip planner report on the project as a workbook")
    parser.add_argument("--xlsx", action="store_true", help=argparse.SUPPRESS)  # the default
    parser.set_defaults(xlsx=True)
    parser.add_argument("--xlsx-repeat", type=int, default=1)
    parser.add_argument("--keep", help="keep the workbook in this folder (default: the "
                        "system's temporary folder)")
    parser.add_argument("--fresh", action="store_true",
                        help="write the workbook again even if a kept one reads back the same")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
