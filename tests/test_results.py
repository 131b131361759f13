"""The results layer: each figure computed on first use, once per change, and shared."""

from __future__ import annotations

from pathlib import Path

import pytest

import planner
from planner import results as results_module
from planner.inputs import editing
from planner.results import Changes, Results

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ev_motors_wind.xlsx"


@pytest.fixture(scope="module")
def project() -> planner.Project:
    return planner.load(SAMPLE)


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of planner.results.<name> (the engine function it wraps)."""
    calls: list[int] = []
    real = getattr(results_module, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(results_module, name, wrapped)
    return calls


def test_the_report_is_computed_once_until_a_change(project: planner.Project,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch, "compute")
    results = Results(project.copy())
    first = results.report
    assert results.report is first and results.require_report() is first
    assert len(calls) == 1
    stock = results.project.stock
    materials = set(first.materials["item_id"])  # type: ignore[union-attr]
    row = next(i for i, item in enumerate(stock["item_id"]) if item in materials)
    item = stock["item_id"].iloc[row]
    editing.set_value(results.project, "Stock", row, "on_hand", 0.0)
    invalidated = results.apply(Changes.of_tables("Stock"))
    assert invalidated.affects("report") and invalidated.changes.tables == {"Stock"}
    second = results.report
    assert second is not first and len(calls) == 2
    m = second.materials.set_index("item_id")  # type: ignore[union-attr]
    assert m.loc[item, "on_hand"] == 0.0


def test_an_empty_change_keeps_everything(project: planner.Project) -> None:
    results = Results(project)
    report = results.report
    invalidated = results.apply(Changes())
    assert not invalidated.results and results.report is report and results.version == 0


def test_a_plan_for_the_settings_own_parameters_is_the_default_plan(
        project: planner.Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.analysis import plan as plan_module

    calls: list[int] = []
    real = plan_module.make_plan
    monkeypatch.setattr(plan_module, "make_plan",
                        lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    results = Results(project)
    s = project.settings
    default = results.plan()
    same = results.plan(horizon_days=s.horizon_days, target_days=s.target_days,
                        max_supplier_share=s.max_supplier_share,
                        max_country_share=s.max_country_share)
    assert same is default and len(calls) == 1
    other = results.plan(horizon_days=s.horizon_days + 30)
    assert other is not default and len(calls) == 2
    assert other.parameters.horizon_days == s.horizon_days + 30
    assert results.cached_plan(horizon_days=s.horizon_days + 30) is other
    assert results.cached_plan(target_days=s.target_days + 1) is None


def test_the_summary_reuses_the_plan_and_the_ranking(project: planner.Project,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.analysis import scenario as scenario_module

    ranks: list[int] = []
    real = scenario_module.rank
    monkeypatch.setattr(scenario_module, "rank",
                        lambda *a, **k: (ranks.append(1), real(*a, **k))[1])
    results = Results(project)
    ranking, plan = results.ranking(), results.plan()
    summary = results.summary()
    assert len(ranks) == 1 and results.summary() is summary
    titles = [g.title for g in summary.grids]
    assert "What the procurement plan changes" in titles
    assert f"{len(plan.lines):,} order lines" in summary.grids[0].note
    assert len(ranking.stops) > 0


def test_a_snapshot_computes_apart_and_is_adopted_only_if_nothing_changed(
        project: planner.Project) -> None:
    results = Results(project.copy())
    snapshot = results.snapshot()
    assert snapshot.project is not results.project
    report = snapshot.compute_all(("problems", "report")).report
    assert results.adopt(snapshot) and results.report is report

    stale = results.snapshot()
    stale.compute_all(("report",))
    results.apply(Changes(settings=True))
    assert not results.adopt(stale)
    assert not results.computed("report")


def test_a_project_that_cannot_be_computed_says_why(project: planner.Project) -> None:
    broken = project.copy()
    bom = broken.tables["BOM"]
    broken.tables["BOM"] = bom.assign(child_id=bom["parent_id"])  # every line a cycle
    results = Results(broken)
    assert results.errors()  # located problems for the window's Problems panel
    assert results.report is None
    assert "the BOM has a cycle" in results.report_error
    with pytest.raises(planner.PlannerError, match="There are no figures yet: 1 problem"):
        results.require_report()
