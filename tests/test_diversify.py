"""The plan that reduces dependence (objective "diversify") and the cost of reducing
dependence (the frontier), against cases solved by hand, the samples and the command.

The hand cases share one material M (10 kg a day, nothing on hand, horizon 90 days,
target 60 days): its net need is 10 × (90 + 60) = 1,500 kg. Caps are 60% unless said.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import planner
from planner import cli
from planner.analysis import allocation
from planner.analysis.allocation import AllocationProblem
from planner.analysis.frontier import frontier, frontier_caps
from planner.analysis.plan import Plan, make_plan
from planner.core.errors import Cancelled
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.validation import build_project

AS_OF = dt.date(2026, 11, 2)
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEMICONDUCTOR = SAMPLES / "semiconductor_equipment.xlsx"
NEED = 1500.0

# supplier, origin country, share today, price, extra columns (capacity, moq)
Source = tuple[str, str, float, float, dict]


def project(sources: list[Source], name: str = "Material M", *,
            supplier_cap: float = 0.6, country_cap: float = 0.6) -> planner.Project:
    """One material M named ``name``, used 10 kg a day, bought from ``sources``."""
    suppliers = sorted({s[0] for s in sources})
    columns = ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
               "capacity_per_month", "moq", "origin_country"]
    rows = [["M", supplier, share, price, 30, extra.get("capacity"), extra.get("moq"), origin]
            for supplier, origin, share, price, extra in sources]
    sheets = {
        "Items": [["item_id", "name", "kind", "unit", "unit_price"],
                  ["M", name, "material", "kg", 10]],
        "Demand": [["item_id", "quantity", "per"], ["M", 10, "day"]],
        "Stock": [["item_id", "on_hand", "safety_stock", "target_days"], ["M", 0, None, None]],
        "Suppliers": [["supplier_id", "name", "country"],
                      *[[s, f"Supplier {s}", "DE"] for s in suppliers]],
        "Sources": [columns, *rows],
        "Orders": [["item_id", "supplier_id", "quantity", "due_date"]],
        "Settings": [["key", "value"], ["as_of_date", AS_OF], ["horizon_days", 90],
                     ["target_days", 60], ["max_supplier_share", supplier_cap],
                     ["max_country_share", country_cap], ["currency", "EUR"]],
    }
    return build_project(RawBook("test", {k: RawSheet(k, v) for k, v in sheets.items()}))


def bought(plan: Plan) -> dict[str, float]:
    return dict(zip(plan.lines["supplier_id"], plan.lines["quantity"], strict=True))


def row(plan: Plan, item: str = "M") -> pd.Series:
    return plan.materials.set_index("item_id").loc[item]


# --- each rule binding -----------------------------------------------------------------

def test_supplier_share_is_held_at_todays_largest() -> None:
    # today A 50%, B 30%, C 20%: the cheapest under the 60% caps gives A 60%; diversify
    # holds every supplier at 50%, so B (next cheapest) takes the other half
    p = project([("A", "AU", 0.5, 10, {}), ("B", "CA", 0.3, 12, {}), ("C", "CL", 0.2, 15, {})])
    assert bought(make_plan(p, objective="cheapest")) == pytest.approx({"A": 900, "B": 600})
    plan = make_plan(p)
    assert plan.parameters.objective == "diversify"
    assert bought(plan) == pytest.approx({"A": 750, "B": 750})
    assert plan.total_cost == pytest.approx(750 * 10 + 750 * 12)
    assert row(plan)["top_supplier_share_after"] == pytest.approx(0.5)
    assert not row(plan)["more_concentrated"] and row(plan)["reason"] == ""


def test_country_share_is_held_at_todays_largest() -> None:
    # today CN 50% (A 25%, B 25%), JP 50%: suppliers may hold 50% each, so A 750 and the
    # cheap Chinese B would make CN 60%; the country rule keeps CN at 50%: B gets nothing
    p = project([("A", "CN", 0.25, 10, {}), ("B", "CN", 0.25, 11, {}),
                 ("C", "JP", 0.5, 14, {})], supplier_cap=1.0)
    assert bought(make_plan(p, objective="cheapest")) == pytest.approx({"A": 900, "C": 600})
    plan = make_plan(p)
    assert bought(plan) == pytest.approx({"A": 750, "C": 750})
    assert row(plan)["top_country_share_after"] == pytest.approx(0.5)


def test_a_country_restricting_exports_gets_no_larger_share_than_today() -> None:
    # germanium: China's export licences (a preset) match it. Today CN 30%, JP 70% (no
    # caps): any country may have up to 70%, but CN may not grow past its 30%
    sources = [("A", "CN", 0.3, 10, {}), ("B", "JP", 0.7, 14, {})]
    unrestricted = make_plan(project(sources, "Zinc metal", supplier_cap=1, country_cap=1))
    assert bought(unrestricted) == pytest.approx({"A": 1050, "B": 450})  # CN up to 70%
    plan = make_plan(project(sources, "Germanium metal 5N", supplier_cap=1, country_cap=1))
    assert bought(plan) == pytest.approx({"A": 450, "B": 1050})
    assert not row(plan)["more_concentrated"]


def test_limits_that_cannot_be_met_give_the_closest_plan_and_say_why() -> None:
    # today A 50%, B 50%, but B can deliver only 20 kg a month (59 kg over 90 days)
    p = project([("A", "AU", 0.5, 10, {}), ("B", "CA", 0.5, 12, {"capacity": 20})],
                supplier_cap=1.0, country_cap=1.0)
    plan = make_plan(p)
    b = 20 * 90 * 12 / 365
    assert bought(plan) == pytest.approx({"A": NEED - b, "B": b})
    m = row(plan)
    assert m["more_concentrated"]
    assert "supplier A 96% > today's 50%" in m["reason"]
    assert "other suppliers can deliver 59 kg over the horizon" in m["reason"]
    assert not make_plan(p, objective="cheapest").materials["more_concentrated"].any()


def test_a_single_usable_source_is_flagged_with_its_reason() -> None:
    # B's capacity is below its minimum order: A is the only source that can deliver
    p = project([("A", "AU", 0.5, 10, {}), ("B", "CA", 0.5, 12, {"capacity": 10, "moq": 100})])
    m = row(make_plan(p))
    assert m["planned"] == pytest.approx(NEED)
    assert m["more_concentrated"]
    assert ("supplier A 100% > today's 50%: no other supplier can deliver (capacity below "
            "the minimum order)") in m["reason"]


def test_the_caps_come_before_todays_shares() -> None:
    # today CN 80% (above the 60% cap): the cap binds, today's share is no licence
    p = project([("A", "CN", 0.8, 10, {}), ("B", "JP", 0.2, 14, {})], supplier_cap=1.0)
    assert bought(make_plan(p)) == pytest.approx({"A": 900, "B": 600})


def test_cheapest_is_the_plan_under_the_caps_and_never_dearer() -> None:
    p = planner.load(SEMICONDUCTOR)
    cheapest, diversify = make_plan(p, objective="cheapest"), make_plan(p)
    assert cheapest.parameters.objective == "cheapest"
    # the figures for today's plan: China's share of purchase value 32% → 34%
    china = cheapest.countries.set_index("origin_country").loc["CN"]
    assert china["dependence_before"] == pytest.approx(0.32, abs=0.005)
    assert china["dependence_after"] == pytest.approx(0.34, abs=0.005)
    assert cheapest.total_cost <= diversify.total_cost
    assert not cheapest.materials["more_concentrated"].any()


# --- the semiconductor sample ----------------------------------------------------------

def test_the_sample_plan_no_longer_increases_dependence() -> None:
    plan = make_plan(planner.load(SEMICONDUCTOR))
    china = plan.countries.set_index("origin_country").loc["CN"]
    assert china["dependence_after"] <= china["dependence_before"] + 1e-9
    m = plan.materials.set_index("name")
    for name in ("Indium oxide 4N", "Tungsten carbide powder, submicron",
                 "Germanium metal 5N"):
        for what in ("supplier", "country"):
            assert (m.loc[name, f"top_{what}_share_after"]
                    <= m.loc[name, f"top_{what}_share_before"] + 1e-6), (name, what)
    assert m.loc["Indium oxide 4N", "top_country_after"] == "KR"
    # cobalt: a 45 kg need against minimum orders of 25, 50 and 100 kg cannot be split
    # 40/35/25 without buying 5 times the need; the closest is 50/50, said so
    cobalt = m.loc["Cobalt powder, extra fine"]
    assert cobalt["top_supplier_share_after"] == pytest.approx(0.5)
    assert cobalt["more_concentrated"]
    assert "minimum orders" in cobalt["reason"] and "today's 40%" in cobalt["reason"]


# --- the allocation against the full three-stage program ----------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_allocation_with_limits_is_the_lexicographic_optimum(seed: int) -> None:
    """Greedy, LP and MILP paths together give, material by material, the least excess
    over the caps, then over the limits, then the least cost, as the full program does."""
    rng = np.random.default_rng(seed)
    k = 50
    count = rng.integers(1, 6, k)
    mat = np.repeat(np.arange(k), count)
    n = len(mat)
    need = rng.uniform(10, 1000, k)
    upper = np.where(rng.random(n) < 0.6, rng.uniform(0.05, 1.2, n) * need[mat], np.inf)
    moq = np.where(rng.random(n) < 0.5, rng.choice([0, 5, 20, 100, 400], n) * 1.0, 0.0)
    price = rng.choice([10.0, 11.0, 12.0, 15.0, 20.0], n)
    supplier = np.arange(n)  # one supplier per source: its limit is the source's own
    country = rng.integers(0, 3, n)
    limit = rng.choice([0.3, 0.4, 0.5, 1.0], n)
    available = np.bincount(mat, np.where(upper >= moq, upper, 0), minlength=k)
    p = AllocationProblem(mat, np.minimum(need, available), upper, moq, price, supplier,
                          country, 0.6, rng.choice([0.5, 0.6, 1.0], k),
                          supplier_limit=limit, country_limit=np.ones(n))
    p = p.subset(available > 0)[0]
    ours = allocation.allocate(p).quantity
    reference = allocation._solve(p, integer=True)
    assert reference is not None
    tol = 1e-5 * np.maximum(p.need, 1.0) + 1e-3
    total = np.bincount(p.material, ours, minlength=p.materials)
    ref_total = np.bincount(p.material, reference, minlength=p.materials)

    def over(q: np.ndarray, t: np.ndarray, bound: np.ndarray) -> np.ndarray:
        out = np.zeros(p.materials)
        np.maximum.at(out, p.material, q - bound * t[p.material])
        return np.maximum(out, 0)

    assert p.supplier_limit is not None
    caps = p.supplier_caps[p.material]
    e1, e2 = over(ours, total, caps), over(reference, ref_total, caps)
    assert (e1 <= e2 + tol).all()
    same = np.abs(e1 - e2) <= tol
    l1 = over(ours, total, p.supplier_limit)
    l2 = over(reference, ref_total, p.supplier_limit)
    assert (l1[same] <= l2[same] + tol[same]).all()
    assert (total >= p.need * (1 - 1e-7)).all()
    assert not allocation._moq_violated(p, ours).any()


@pytest.mark.parametrize("seed", range(3))
def test_enumerating_placed_orders_gives_the_mixed_integer_optimum(seed: int) -> None:
    """Materials with up to four orders that MOQs decide are solved by enumerating which
    are placed; material by material, the same excess over the caps, over the limits and
    the same cost as the three-stage mixed-integer program (to solver tolerance)."""
    rng = np.random.default_rng(100 + seed)
    k = 60
    count = rng.integers(2, 6, k)
    mat = np.repeat(np.arange(k), count)
    n = len(mat)
    need = rng.uniform(10, 1000, k)
    upper = np.where(rng.random(n) < 0.6, rng.uniform(0.05, 1.2, n) * need[mat], np.inf)
    moq = np.where(rng.random(n) < 0.6, rng.uniform(0.05, 0.7, n) * need[mat], 0.0)
    moq[np.cumsum(count) - 1] = 0.0  # at most four orders with an MOQ per material
    price = rng.choice([10.0, 11.0, 12.0, 15.0, 20.0], n)
    supplier = rng.integers(0, 4, n)  # a supplier may sell from two origins
    country = rng.integers(0, 3, n)
    available = np.bincount(mat, np.where(upper >= moq, upper, 0), minlength=k)
    p = AllocationProblem(mat, np.minimum(need, available), upper, moq, price, supplier,
                          country, rng.choice([0.5, 0.6, 1.0], k), rng.choice([0.5, 0.6], k),
                          supplier_limit=rng.choice([0.3, 0.4, 1.0], n),
                          country_limit=rng.choice([0.4, 0.5, 1.0], n))
    p = p.subset(available > 0)[0]
    ours = allocation._enumerate(p)
    reference = allocation._solve(p, integer=True)
    assert reference is not None
    tol = 1e-5 * np.maximum(p.need, 1.0)
    caps, limits = allocation._stage_excess(p, ours)
    ref_caps, ref_limits = allocation._stage_excess(p, reference)
    assert caps == pytest.approx(ref_caps, abs=tol.max())
    assert limits == pytest.approx(ref_limits, abs=tol.max())
    cost = np.bincount(p.material, p.price * ours, minlength=p.materials)
    ref_cost = np.bincount(p.material, p.price * reference, minlength=p.materials)
    assert cost == pytest.approx(ref_cost, rel=1e-6)
    total = np.bincount(p.material, ours, minlength=p.materials)
    assert (total >= p.need * (1 - 1e-7)).all()
    assert not allocation._moq_violated(p, ours).any()


# --- the frontier ----------------------------------------------------------------------

def test_frontier_caps_step_down_five_points_to_thirty() -> None:
    assert frontier_caps(0.6) == pytest.approx([0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3])
    assert frontier_caps(0.62) == pytest.approx([0.62, 0.57, 0.52, 0.47, 0.42, 0.37, 0.32,
                                                 0.3])
    assert frontier_caps(0.25) == [0.25]


def test_frontier_cost_rises_as_the_cap_falls_and_every_plan_meets_its_cap() -> None:
    # CN 10 €, JP 12 €, KR 14 €, US 16 €, each a supplier of its own, no capacity limit
    p = project([("A", "CN", 0.4, 10, {}), ("B", "JP", 0.3, 12, {}), ("C", "KR", 0.2, 14, {}),
                 ("D", "US", 0.1, 16, {})], supplier_cap=1.0)
    seen: list[tuple[int, int]] = []
    table = frontier(p, lambda done, total: seen.append((done, total)) or True)
    assert table["max_country_share"].tolist() == pytest.approx(frontier_caps(0.6))
    assert seen[-1] == (7, 7)
    cost = table["total_cost"].to_numpy()
    assert (np.diff(cost) >= -1e-6).all() and cost[-1] > cost[0]
    # every country within each cap (in quantity); by value the largest share falls
    assert (table["materials_over_cap"] == 0).all()
    assert table["top_country_share"].iloc[-1] < table["top_country_share"].iloc[0]
    # at 60%: CN 900 kg at 10 €, JP 600 kg at 12 €
    assert cost[0] == pytest.approx(900 * 10 + 600 * 12)
    assert table["top_country"].iloc[0] == "CN"


def test_frontier_stops_when_asked() -> None:
    p = project([("A", "CN", 0.5, 10, {}), ("B", "JP", 0.5, 12, {})])
    with pytest.raises(Cancelled):
        frontier(p, lambda done, total: done < 2)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_frontier_command_text_json_and_workbook(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code, out, _ = run(capsys, "plan", SEMICONDUCTOR, "--frontier")
    assert code == 0
    assert "The cost of reducing dependence" in out
    assert out.splitlines()[2].split()[:1] == ["60%"] and "CN 34%" in out.splitlines()[2]
    assert out.splitlines()[-1].split()[0] == "30%"
    code, out, _ = run(capsys, "plan", SEMICONDUCTOR, "--frontier", "--json")
    data = json.loads(out)
    assert [d["max_country_share"] for d in data] == pytest.approx(frontier_caps(0.6))
    assert data[0]["top_country"] == "CN"
    assert data[0]["top_country_share"] == pytest.approx(0.34, abs=0.005)
    costs = [d["total_cost"] for d in data]
    assert costs == sorted(costs)

    plain = tmp_path / "plain.xlsx"  # -o alone: the plan only, no frontier's plans made
    code, out, _ = run(capsys, "plan", SEMICONDUCTOR, "-o", plain)
    assert code == 0 and "order lines for" in out
    assert "Frontier" not in openpyxl.load_workbook(plain).sheetnames

    target = tmp_path / "plan.xlsx"
    code, out, _ = run(capsys, "plan", SEMICONDUCTOR, "-o", target, "--frontier")
    assert code == 0 and "The cost of reducing dependence" in out
    book = openpyxl.load_workbook(target)
    assert "Order lines" in book.sheetnames
    sheet = book["Frontier"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Country cap", "Total cost", "Largest origin country",
                           "Its share of purchase value")
    assert [r[0] for r in rows[1:8]] == pytest.approx(frontier_caps(0.6))
    assert [r[1] for r in rows[1:8]] == pytest.approx(costs)
    assert {r[2] for r in rows[9:]} >= {"G7 2030 goal", "G7 ambition"}
    assert len(sheet._charts) == 1


def test_objective_option(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "plan", SEMICONDUCTOR, "--json", "--objective", "cheapest")
    cheapest = json.loads(out)
    _, out, _ = run(capsys, "plan", SEMICONDUCTOR, "--json")
    diversify = json.loads(out)
    assert cheapest["parameters"]["objective"] == "cheapest"
    assert diversify["parameters"]["objective"] == "diversify"
    assert cheapest["total_cost"] < diversify["total_cost"]
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "plan", SEMICONDUCTOR, "--json", "--objective", "greedy")
    assert exit_.value.code == 2
    assert "invalid choice: 'greedy'" in capsys.readouterr().err
