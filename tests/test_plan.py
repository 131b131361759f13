"""The procurement plan (docs/definitions.md) against cases solved by hand, the
allocation against scipy's MILP on random problems, invariants on both samples, and the
`planner plan` command.

The hand cases share one material M (10 kg a day, nothing on hand, horizon 90 days,
target 60 days), so its net need is 10 × (90 + 60) = 1,500 kg.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import BASE

import planner
from planner import cli
from planner.analysis import allocation
from planner.analysis.allocation import AllocationProblem
from planner.analysis.plan import Plan, make_plan
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project
from planner.outputs.plan_reports import plan_json

AS_OF = dt.date(2026, 11, 2)
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.xlsx"))
NEED = 1500.0
TOL = 1e-6

Source = tuple[str, str, float, dict]  # supplier, origin, price, extra columns


def project(sources: list[Source], *, supplier_cap: float = 0.6, country_cap: float = 0.6,
            on_hand: float = 0.0, safety: float | None = None,
            orders: list[tuple[str, float, int]] | None = None,
            items: list[list[object]] | None = None) -> planner.Project:
    """One material M used 10 kg a day, bought from ``sources``; every supplier Sx is in
    country XX of its own unless its origin says otherwise."""
    suppliers = sorted({s[0] for s in sources})
    share = round(1 / len(sources), 6)
    shares = [share] * (len(sources) - 1) + [1 - share * (len(sources) - 1)]
    columns = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
               "capacity_per_month", "moq", "origin_country"]
    rows = []
    for (supplier, origin, price, extra), s in zip(sources, shares, strict=True):
        rows.append(["M", supplier, s, price, extra.get("lead", 30), extra.get("capacity"),
                     extra.get("moq"), origin])
    sheets = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price"],
                  ["M", "Material M", "material", "kg", 10], *(items or [])],
        "Demand": [["item_id", "quantity", "per"], ["M", 10, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"],
                  ["M", on_hand, safety, None]],
        "Suppliers": [["supplier_id", "name", "country"],
                      *[[s, f"Supplier {s}", "DE"] for s in suppliers]],
        "Sources": [columns, *rows],
        "Orders": [["item_id", "supplier_id", "quantity", "due_date"],
                   *[["M", s, q, AS_OF + dt.timedelta(days=d)] for s, q, d in orders or []]],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                     ["target_days", 60], ["max_supplier_share", supplier_cap],
                     ["max_country_share", country_cap], ["currency", "EUR"]],
    }
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


def cheapest(p: planner.Project, **overrides: float) -> Plan:
    """The plan "cheapest under the caps" (these cases pin that allocation)."""
    return make_plan(p, objective="cheapest", **overrides)


def bought(plan: Plan, item: str = "M") -> dict[str, float]:
    lines = plan.lines[plan.lines["item_id"] == item]
    return dict(zip(lines["supplier_id"], lines["quantity"], strict=True))


def material(plan: Plan, item: str = "M") -> pd.Series:
    return plan.materials.set_index("item_id").loc[item]


def cost(plan: Plan) -> float:
    return plan.total_cost


# --- hand-solved cases ---------------------------------------------------------------

def test_net_need_is_use_over_horizon_and_target_plus_safety_minus_stock_and_orders(
        ) -> None:
    # 10 × 150 + 200 − 300 − 100 (due day 10) = 1,300; the order due after the horizon
    # (day 95) does not count
    plan = cheapest(project([("S1", "AU", 10, {}), ("S2", "CA", 10, {})], on_hand=300,
                             safety=200, orders=[("S1", 100, 10), ("S1", 999, 95)]))
    m = material(plan)
    assert m["net_need"] == pytest.approx(1300)
    assert m["planned"] == pytest.approx(1300)
    assert m["shortfall"] == 0


def test_supplier_cap_binding() -> None:
    # cheapest A takes its 60%, B (next cheapest) the rest; C is dearer and gets nothing
    plan = cheapest(project([("A", "AU", 10, {}), ("B", "CA", 12, {}),
                              ("C", "CL", 15, {})], country_cap=1.0))
    assert bought(plan) == pytest.approx({"A": 900, "B": 600})
    assert cost(plan) == pytest.approx(900 * 10 + 600 * 12)
    m = material(plan)
    assert m["top_supplier_after"] == "A"
    assert m["top_supplier_share_after"] == pytest.approx(0.6)
    assert m["supplier_hhi_after"] == pytest.approx(10_000 * (0.6 ** 2 + 0.4 ** 2))
    assert not m["cap_breach"] and m["reason"] == ""


def test_country_cap_binding_passes_over_a_cheaper_source_of_the_same_country() -> None:
    # A and B are both Chinese: China may have 50%, so B (11) loses to Japanese C (14)
    plan = cheapest(project([("A", "CN", 10, {}), ("B", "CN", 11, {}), ("C", "JP", 14, {}),
                              ("D", "DE", 15, {})], supplier_cap=1.0, country_cap=0.5))
    assert bought(plan) == pytest.approx({"A": 750, "C": 750})
    m = material(plan)
    assert m["top_country_share_after"] == pytest.approx(0.5)
    assert not m["cap_breach"]


def test_capacity_binding() -> None:
    # A can deliver 100 a month: 100 × 90 × 12/365 = 295.89 kg over the horizon
    capacity = 100 * 90 * 12 / 365
    plan = cheapest(project([("A", "AU", 10, {"capacity": 100}), ("B", "CA", 12, {}),
                              ("C", "CL", 15, {})]))
    assert bought(plan) == pytest.approx({"A": capacity, "B": 900, "C": 600 - capacity})
    lines = plan.lines.set_index("supplier_id")
    assert lines.loc["A", "capacity"] == pytest.approx(capacity)


def test_moq_binding_skips_a_source_whose_minimum_is_too_large() -> None:
    # without MOQs: A 900, B 600 (B's MOQ is 1,000); with them, C takes B's place
    sources = [("A", "AU", 10, {}), ("B", "CA", 12, {"moq": 1000}), ("C", "CL", 14, {})]
    plan = cheapest(project(sources))
    assert bought(plan) == pytest.approx({"A": 900, "C": 600})
    assert material(plan)["method"] == "milp"


def test_moq_that_the_caps_need_raises_the_plan_above_the_need() -> None:
    # only A and B: B must take ≥ 40% and at least its MOQ of 1,000, so the plan is
    # 1,000 / 0.6 = 1,666.7 (A 666.7, B 1,000) rather than A alone at 100%
    plan = cheapest(project([("A", "AU", 10, {}), ("B", "CA", 12, {"moq": 1000})]))
    assert bought(plan) == pytest.approx({"A": 1000 / 0.6 - 1000, "B": 1000})
    m = material(plan)
    assert m["planned"] == pytest.approx(1000 / 0.6)
    assert not m["cap_breach"]
    assert "minimum order quantities raise the plan 167 kg above the need" in m["reason"]


def test_single_source_covers_the_need_and_says_why_it_breaches() -> None:
    plan = cheapest(project([("A", "CN", 10, {})]))
    assert bought(plan) == pytest.approx({"A": NEED})
    m = material(plan)
    assert m["cap_breach"]
    assert m["over_supplier_cap_after"] and m["over_country_cap_after"]
    assert m["reason"] == ("supplier A 100% > cap 60% and country CN 100% > cap 60%: "
                           "only one qualified source")


def test_too_little_capacity_elsewhere_is_the_closest_plan_with_the_reason() -> None:
    # B can deliver 150 a month = 443.8 kg over the horizon: A must take the other 1,056
    other = 150 * 90 * 12 / 365
    plan = cheapest(project([("A", "CN", 10, {}), ("B", "JP", 12, {"capacity": 150})]))
    assert bought(plan) == pytest.approx({"A": NEED - other, "B": other})
    m = material(plan)
    assert m["cap_breach"] and m["planned"] == pytest.approx(NEED)
    share = f"{(NEED - other) / NEED:.0%}"
    assert m["reason"] == (f"supplier A {share} > cap 60%: other suppliers can deliver "
                           f"444 kg over the horizon; country CN {share} > cap 60%: other "
                           "countries can deliver 444 kg over the horizon")


def test_not_enough_capacity_at_all_orders_everything_and_names_the_shortfall() -> None:
    a, b = 200 * 90 * 12 / 365, 100 * 90 * 12 / 365
    plan = cheapest(project([("A", "AU", 10, {"capacity": 200}),
                              ("B", "CA", 12, {"capacity": 100})]))
    assert bought(plan) == pytest.approx({"A": a, "B": b})
    m = material(plan)
    assert m["shortfall"] == pytest.approx(NEED - a - b)
    assert m["reason"].startswith(f"the sources can deliver only {a + b:,.0f} kg over the "
                                  f"horizon, {NEED - a - b:,.0f} kg short")


def test_a_trader_selling_two_origins_is_solved_exactly() -> None:
    # S3 sells Chinese (B) and Japanese (C) material: the caps are not nested, so the
    # LP solves it. China ≤ 900 and S1 ≤ 900: A 900, then B cannot (China full): C 600
    plan = cheapest(project([("S1", "CN", 10, {}), ("S3", "CN", 11, {}),
                              ("S3", "JP", 12, {})]))
    lines = plan.lines
    assert dict(zip(lines["origin_country"] + "/" + lines["supplier_id"], lines["quantity"],
                    strict=True)) == pytest.approx({"CN/S1": 900, "JP/S3": 600})
    assert material(plan)["method"] == "lp"


def test_items_counted_in_pieces_are_ordered_in_whole_pieces() -> None:
    # 0.104 pcs a day: need 15.6, so 16 pieces; 60% of 16 is 9.6, so A 9 and B 7
    p = project([("A", "AU", 10, {}), ("B", "CA", 12, {}), ("C", "CL", 15, {})])
    p.items.loc[0, "unit"] = "pcs"
    p.demand.loc[0, "quantity"] = 0.104
    plan = cheapest(p)
    assert bought(plan) == {"A": 9.0, "B": 7.0}
    m = material(plan)
    assert m["net_need"] == pytest.approx(15.6) and m["planned"] == 16
    assert m["reason"] == "" and not m["cap_breach"]


def test_nothing_to_buy_when_stock_covers_horizon_and_target() -> None:
    plan = cheapest(project([("A", "CN", 10, {})], on_hand=2000))
    assert plan.lines.empty
    m = material(plan)
    assert m["net_need"] == pytest.approx(-500)
    assert m["planned"] == 0 and not m["cap_breach"]
    # its mix is still over the caps, and the plan says so
    assert m["over_supplier_cap_after"]
    assert m["reason"] == "no order needed; the current mix stays as it is"


def test_order_by_is_the_day_stock_falls_to_target_minus_the_lead_time() -> None:
    # target level 60 × 10 = 600 kg; 1,000 on hand, 300 arrive on day 20: stock falls to
    # 800, jumps to 1,100, and reaches 600 on day 70. Need 1,500 − 1,300 = 200.
    plan = cheapest(project([("A", "AU", 10, {"lead": 30}), ("B", "CA", 10, {"lead": 80})],
                             on_hand=1000, orders=[("A", 300, 20)]))
    lines = plan.lines.set_index("supplier_id")
    day = pd.Timestamp(AS_OF)
    assert (lines["needed_by"] == day + pd.Timedelta(days=70)).all()
    assert lines.loc["A", "order_by"] == day + pd.Timedelta(days=40)
    assert lines.loc["A", "arrival"] == day + pd.Timedelta(days=70)
    assert not lines.loc["A", "late"]
    assert lines.loc["B", "order_by"] == day - pd.Timedelta(days=10)
    assert lines.loc["B", "late"]  # ordered today it arrives on day 80, ten days late
    assert lines.loc["B", "arrival"] == day + pd.Timedelta(days=80)
    assert list(plan.lines["supplier_id"]) == ["B", "A"]  # sorted by order-by date
    m = material(plan)
    assert m["late"] and m["first_order_by"] == day - pd.Timedelta(days=10)
    assert m["days_of_cover_after"] == pytest.approx((1000 + 300 + 200) / 10)


def test_parameters_override_the_settings() -> None:
    p = project([("A", "AU", 10, {}), ("B", "CA", 12, {})])
    plan = cheapest(p, horizon_days=30, target_days=20, max_supplier_share=0.75,
                     max_country_share=0.8)
    assert material(plan)["net_need"] == pytest.approx(10 * 50)
    assert bought(plan) == pytest.approx({"A": 375, "B": 125})
    assert plan.parameters.max_supplier_share == 0.75
    assert p.settings.horizon_days == 90  # the project is not changed


@pytest.mark.parametrize("overrides", [{"horizon_days": 0}, {"target_days": -1},
                                       {"max_country_share": 1.5}])
def test_bad_parameters_are_input_errors(overrides: dict) -> None:
    with pytest.raises(planner.InputError):
        make_plan(project([("A", "AU", 10, {})]), **overrides)


def test_unknown_prices_are_not_chosen_for_being_free() -> None:
    # A has no price, nor has the item: A counts at the dearest known price (15), so
    # cheap B gets its 60% and A shares the rest with C; the cost is unknown
    p = project([("A", "AU", 10, {}), ("B", "CA", 12, {}), ("C", "CL", 15, {})])
    p.sources.loc[0, "unit_price"] = np.nan
    p.items.loc[0, "unit_price"] = np.nan
    plan = cheapest(p)
    assert bought(plan)["B"] == pytest.approx(900)
    assert sum(bought(plan).values()) == pytest.approx(NEED)
    assert np.isnan(material(plan)["cost"])
    assert plan.lines.set_index("supplier_id")["unit_price"].isna().get("A", True)


# --- the allocation against scipy's MILP -----------------------------------------------

def random_problem(seed: int, k: int = 60) -> AllocationProblem:
    rng = np.random.default_rng(seed)
    count = rng.integers(1, 6, k)
    mat = np.repeat(np.arange(k), count)
    n = len(mat)
    need = rng.uniform(10, 1000, k)
    upper = np.where(rng.random(n) < 0.6, rng.uniform(0.05, 1.2, n) * need[mat], np.inf)
    moq = np.where(rng.random(n) < 0.5, rng.choice([0, 5, 20, 100, 400], n) * 1.0, 0.0)
    price = rng.choice([10.0, 11.0, 12.0, 15.0, 20.0], n)  # ties on purpose
    supplier = rng.integers(0, 4, n)  # a supplier may have two rows (two origins)
    country = np.where(rng.random(n) < 0.5, supplier % 3, rng.integers(0, 3, n))
    a, b = rng.choice([0.4, 0.5, 0.6, 1.0]), rng.choice([0.5, 0.6, 0.7, 1.0])
    available = np.bincount(mat, np.where(upper >= moq, upper, 0), minlength=k)
    p = AllocationProblem(mat, np.minimum(need, available), upper, moq, price, supplier,
                          country, float(a), float(b))
    return p.subset(available > 0)[0]


def excess(p: AllocationProblem, q: np.ndarray) -> np.ndarray:
    """Per material: the supplier excess plus the country excess (quantities)."""
    total = np.bincount(p.material, q, minlength=p.materials)
    out = np.zeros(p.materials)
    for key, cap in ((p.supplier, p.supplier_caps), (p.country, p.country_caps)):
        codes = allocation._codes(p.material, key)
        group = np.bincount(codes, q)
        owner = np.empty(len(group), dtype=np.int64)
        owner[codes] = p.material
        worst = np.zeros(p.materials)
        np.maximum.at(worst, owner, group - cap[owner] * total[owner])
        out += np.maximum(worst, 0)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_allocation_is_the_lexicographic_optimum_of_the_milp(seed: int) -> None:
    """Greedy, LP and MILP paths together give, material by material, the least excess
    over the caps and then the least cost, as the full two-stage MILP does."""
    p = random_problem(seed)
    ours = allocation.allocate(p).quantity
    reference = allocation._solve(p, integer=True)
    assert reference is not None
    # both solve to HiGHS's tolerances: rows to ~1e-7, a MIP gap of 1e-7 of the summed
    # excess of the materials solved together (about 1e-3 kg here)
    tol = 1e-5 * np.maximum(p.need, 1.0) + 1e-3
    e1, e2 = excess(p, ours), excess(p, reference)
    c1 = np.bincount(p.material, ours * p.price, minlength=p.materials)
    c2 = np.bincount(p.material, reference * p.price, minlength=p.materials)
    assert (e1 <= e2 + tol).all()
    same = np.abs(e1 - e2) <= tol
    assert (c1[same] <= c2[same] * (1 + 1e-6) + 1e-3).all()
    # and it is a plan: covers, within capacity, every order 0 or at least its MOQ
    total = np.bincount(p.material, ours, minlength=p.materials)
    assert (total >= p.need * (1 - 1e-7)).all()
    assert (ours <= np.where(p.upper >= p.moq, p.upper, 0) + 1e-9).all()
    assert not allocation._moq_violated(p, ours).any()


def test_every_path_is_used_on_random_problems() -> None:
    methods = np.concatenate([allocation.allocate(random_problem(s)).method for s in range(6)])
    assert {"greedy", "lp", "milp"} <= set(methods)


# --- invariants on the samples -------------------------------------------------------

@pytest.fixture(scope="module", params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample(request: pytest.FixtureRequest) -> tuple[planner.Project, Plan]:
    project = planner.load(request.param)
    return project, make_plan(project)


def test_samples_plans_cover_the_need_within_capacity_and_moq(
        sample: tuple[planner.Project, Plan]) -> None:
    project, plan = sample
    m = plan.materials.set_index("item_id")
    need = m["net_need"].clip(lower=0)
    short = m["shortfall"] > 0
    assert (m["planned"][~short] >= need[~short] * (1 - TOL)).all()
    assert (m["planned"][short] < need[short]).all()
    lines = plan.lines
    assert (lines["quantity"] > 0).all()
    assert (lines["quantity"] <= lines["capacity"] * (1 + 1e-9)).all()
    assert (lines["quantity"] >= lines["moq"] * (1 - TOL)).all()
    # only existing sources, at their prices
    sources = set(zip(project.sources["item_id"], project.sources["supplier_id"], strict=True))
    assert set(zip(lines["item_id"], lines["supplier_id"], strict=True)) <= sources
    assert np.allclose(lines["cost"], lines["quantity"] * lines["unit_price"])
    # the planned total per material is the sum of its lines
    per_item = lines.groupby("item_id")["quantity"].sum()
    assert np.allclose(per_item, m.loc[per_item.index, "planned"])


def test_samples_caps_are_respected_or_the_breach_is_explained(
        sample: tuple[planner.Project, Plan]) -> None:
    _, plan = sample
    p = plan.parameters
    m = plan.materials
    ordered = m[m["planned"] > 0]
    over = ((ordered["top_supplier_share_after"] > p.max_supplier_share + TOL)
            | (ordered["top_country_share_after"] > p.max_country_share + TOL))
    assert (over == ordered["cap_breach"]).all()
    assert (ordered.loc[over, "reason"].str.len() > 0).all()
    # the shares after are those of the lines
    for item, group in plan.lines.groupby("item_id"):
        row = m.set_index("item_id").loc[item]
        by_supplier = group.groupby("supplier_id")["quantity"].sum() / group["quantity"].sum()
        assert row["top_supplier_share_after"] == pytest.approx(by_supplier.max())


def test_samples_timing_and_totals(sample: tuple[planner.Project, Plan]) -> None:
    project, plan = sample
    lines = plan.lines
    as_of = pd.Timestamp(project.settings.as_of_date)
    assert (lines["late"] == (lines["order_by"] < as_of)).all()
    assert (lines["arrival"] >= as_of).all()
    assert lines["order_by"].is_monotonic_increasing
    lead = pd.to_timedelta(lines["lead_time_days"].fillna(0).apply(np.ceil), unit="D")
    assert (lines["order_by"] + lead == lines["needed_by"]).all()
    assert plan.suppliers["cost"].sum() == pytest.approx(plan.total_cost)
    assert plan.countries["cost"].sum() == pytest.approx(plan.total_cost)
    for column in ("dependence_before", "dependence_after"):
        assert plan.countries[column].sum() == pytest.approx(1.0)


def test_samples_plan_json_is_plain_json(sample: tuple[planner.Project, Plan]) -> None:
    _, plan = sample
    data = json.loads(json.dumps(plan_json(plan), allow_nan=False))
    assert len(data["lines"]) == len(plan.lines)
    line = data["lines"][0]
    assert {"item_id", "supplier_id", "quantity", "unit_price", "cost", "order_by",
            "arrival", "late"} <= set(line)
    dt.date.fromisoformat(line["order_by"])
    assert {"item_id", "net_need", "planned", "cap_breach", "reason"} <= set(
        data["materials"][0])


# --- the command ---------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_plan_command_writes_the_workbook_and_prints_json(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "PLAN.xlsx"
    code, stdout, stderr = run(capsys, "plan", SAMPLES[0], "-o", out, "--json",
                               "--max-supplier-share", "50%", "--horizon-days", "60")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["parameters"]["max_supplier_share"] == 0.5
    assert data["parameters"]["horizon_days"] == 60
    assert out.is_file() and f"wrote {out}" in stderr
    code, stdout, _ = run(capsys, "plan", SAMPLES[0])
    assert code == 2


@pytest.mark.parametrize("args, message", [
    (["--max-country-share", "55"], "write 55% for a percentage"),
    (["--horizon-days", "0"], "horizon_days must be greater than zero"),
    (["--target-days", "abc"], "target_days"),
])
def test_plan_command_refuses_bad_parameters(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, args: list[str],
                                             message: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["plan", str(SAMPLES[0]), "--json", *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_plan_command_text_and_bad_input(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path,
                                         make_book: Callable[..., Path]) -> None:
    code, stdout, _ = run(capsys, "plan", SAMPLES[0], "-o", tmp_path / "p.xlsx")
    assert code == 0
    assert "order lines for" in stdout and "still over a cap" in stdout
    bad = copy.deepcopy(BASE)
    bad["Sources"][1][2] = "abc"
    code, _, stderr = run(capsys, "plan", make_book(bad), "--json")
    assert code == 1 and "Sources!C2" in stderr
    code, _, _ = run(capsys, "plan", SAMPLES[0], "-o", tmp_path / "plan.csv")
    assert code == 2


def test_a_plan_reports_its_progress_and_stops_when_asked() -> None:
    """The slow part (materials solved as MILPs) reports (done, total) and stops with
    Cancelled when the callback answers False."""
    import runpy

    from planner.core.errors import Cancelled

    bench = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "plan.py"),
                           run_name="plan_benchmark")
    project = bench["build_project"](materials=300, seed=3)
    seen: list[tuple[int, int]] = []
    plan = make_plan(project, progress=lambda done, total: seen.append((done, total)))
    assert plan.stats.materials_milp > 0
    total = plan.stats.materials_milp
    assert seen[-1] == (total, total) and seen[0] == (0, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(Cancelled):
        make_plan(project, progress=lambda done, total: done < total // 2)
