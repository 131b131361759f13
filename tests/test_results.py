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
    plan_grid = summary.grids[titles.index("What the procurement plan changes")]
    assert f"{len(plan.lines):,} order lines" in plan_grid.note
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


SAMPLES = [SAMPLE, SAMPLE.with_name("semiconductor_equipment.xlsx")]


def assert_same_report(report: object, fresh: object) -> None:
    """Every table of two reports equal, frame by frame and value by value."""
    from pandas.testing import assert_frame_equal, assert_series_equal

    assert report is not None and fresh is not None
    assert report.as_of == fresh.as_of  # type: ignore[attr-defined]
    for name in ("items", "materials", "sources", "products", "product_materials"):
        assert_frame_equal(getattr(report, name), getattr(fresh, name), check_exact=True)
    assert_series_equal(report.country_dependence,  # type: ignore[attr-defined]
                        fresh.country_dependence, check_exact=True)  # type: ignore[attr-defined]
    assert (report.profile is None) == (fresh.profile is None)  # type: ignore[attr-defined]
    if fresh.profile is not None:  # type: ignore[attr-defined]
        import numpy as np

        np.testing.assert_array_equal(report.profile.daily,  # type: ignore[attr-defined]
                                      fresh.profile.daily)  # type: ignore[attr-defined]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_stock_orders_and_settings_edits_reuse_the_structure_and_figures_stay_exact(
        sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.analysis.compute import compute
    from planner.inputs import cross_checks

    results = Results(planner.load(sample))  # loading checks the project once itself
    builds = counting(monkeypatch, "Structure")
    checks: list[int] = []
    real_check = cross_checks.check_requirements
    monkeypatch.setattr(cross_checks, "check_requirements",
                        lambda *a: (checks.append(1), real_check(*a))[1])
    project = results.project
    materials = set(compute(project).materials["item_id"])
    a, b, c = [i for i, item in enumerate(project.stock["item_id"]) if item in materials][:3]
    steps = [  # (table or "Settings", row, column, value), applied in turn
        ("Stock", a, "on_hand", 0.0),
        ("Stock", b, "safety_stock", 1e6),
        ("Orders", 0, "quantity", 12345.0),
        ("Settings", None, "target_days", "45"),
        ("BOM", 0, "qty_per", 7.5),  # the structure changes: made again
        ("Stock", a, "on_hand", 3.0),
        ("Demand", 0, "quantity", 999.0),
        ("Stock", c, "on_hand", 1.0),
    ]
    expected_builds = [1, 1, 1, 1, 2, 2, 3, 3]
    for (table, row, column, value), built in zip(steps, expected_builds, strict=True):
        if table == "Settings":
            editing.set_setting(project, column, value)
            results.apply(Changes(settings=True))
        else:
            editing.set_value(project, table, row, column, value)
            results.apply(Changes.of_tables(table))
        assert not results.errors()
        assert_same_report(results.report, compute(project.copy()))
        assert len(builds) == built, (table, column)
        assert len(checks) == built  # the requirements check follows Items, BOM, Demand
    m = results.require_report().materials.set_index("item_id")
    assert m.loc[project.stock["item_id"].iloc[a], "on_hand"] == 3.0


def test_a_new_as_of_date_makes_the_forecast_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from planner.analysis.compute import compute

    builds = counting(monkeypatch, "Structure")
    results = Results(planner.load(SAMPLE))
    project = results.project
    assert len(project.forecast) and results.report is not None
    later = project.settings.as_of_date + dt.timedelta(days=40)
    editing.set_setting(project, "as_of_date", later.isoformat())
    results.apply(Changes(settings=True))
    assert_same_report(results.report, compute(project.copy()))
    assert len(builds) == 2


def test_a_snapshot_brings_back_the_structure_it_made(project: planner.Project,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    builds = counting(monkeypatch, "Structure")
    results = Results(project.copy())
    results.adopt(results.snapshot().compute_all(("problems", "report")))
    editing.set_value(results.project, "Stock", 0, "on_hand", 1.0)
    results.apply(Changes.of_tables("Stock"))
    results.adopt(results.snapshot().compute_all(("problems", "report")))
    assert results.report is not None and len(builds) == 1
