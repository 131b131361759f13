"""What the results layer keeps across edits (the Structure, the Supply, the parts of the
problems check) gives exactly the figures and problems of a fresh computation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import planner
from planner.analysis.compute import Report, compute
from planner.inputs import cross_checks, editing, validation
from planner.inputs.validation import check_project
from planner.results import Changes, Results

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def sample() -> planner.Project:
    return planner.load(SAMPLES / "ev_motors_wind.xlsx")


def with_service_levels(project: planner.Project) -> planner.Project:
    """The sample with varying demand and safety stocks from service levels, so that the
    kept inputs of safety stock are used."""
    project = project.copy()
    for row in range(len(project.demand)):
        editing.set_value(project, "Demand", row, "cv", 0.3)
    for row in range(len(project.stock)):
        editing.set_value(project, "Stock", row, "safety_stock", None)
        editing.set_value(project, "Stock", row, "service_level", 0.95)
    for row in range(len(project.sources)):
        editing.set_value(project, "Sources", row, "lead_time_sd_days", 4.0)
    return project


def assert_same_report(kept: Report | None, fresh: Report) -> None:
    assert kept is not None
    assert kept.as_of == fresh.as_of
    for name in ("items", "materials", "sources", "products", "product_materials"):
        pd.testing.assert_frame_equal(getattr(kept, name), getattr(fresh, name),
                                      check_exact=True, obj=name)
    pd.testing.assert_series_equal(kept.country_dependence, fresh.country_dependence,
                                   check_exact=True)


def assert_fresh(results: Results) -> None:
    """The figures and problems equal those of the project computed from nothing."""
    project = results.project.copy()
    assert [str(p) for p in results.problems] == [str(p) for p in check_project(project)]
    assert [(p.sheet, p.row, p.column, p.severity) for p in results.problems] == [
        (p.sheet, p.row, p.column, p.severity) for p in check_project(project)]
    assert_same_report(results.report, compute(project))


def edit(results: Results, table: str, row: int, column: str, value: object) -> None:
    editing.set_value(results.project, table, row, column, value)
    results.apply(Changes.of_tables(table))


def stock_row(project: planner.Project, status: str = "") -> int:
    """A Stock row of a material with demand (of ``status``, if given)."""
    materials = project.stock["item_id"]
    report = compute(project)
    used = report.materials[(report.materials["daily_use"] > 0)
                            & ((report.materials["status"] == status) if status else True)]
    return int(materials[materials.isin(used["item_id"])].index[0])


@pytest.mark.parametrize("levels", [False, True], ids=["given", "service level"])
def test_edits_of_every_kind_in_turn_give_the_figures_of_a_fresh_compute(
        sample: planner.Project, levels: bool) -> None:
    project = with_service_levels(sample) if levels else sample.copy()
    results = Results(project)
    assert_fresh(results)
    row = stock_row(project)
    edit(results, "Stock", row, "on_hand", 0.0)  # now critical
    assert_fresh(results)
    edit(results, "BOM", 0, "qty_per", 7.0)  # structure: the daily use changes
    assert_fresh(results)
    edit(results, "Stock", row, "on_hand", 1e6)  # after a BOM edit, a stock edit again
    assert_fresh(results)
    edit(results, "Sources", 0, "lead_time_days", 400.0)  # fastest lead time, safety stock
    assert_fresh(results)
    edit(results, "Orders", 0, "quantity", 5e5)
    assert_fresh(results)
    edit(results, "Suppliers", 0, "country", "JP")  # the top country of its sources
    assert_fresh(results)
    edit(results, "Stock", row, "service_level", 0.99)
    assert_fresh(results)
    edit(results, "Stock", row, "safety_stock", 1e7)
    assert_fresh(results)
    editing.set_value(results.project, "Demand", 0, "quantity", 900.0)
    results.apply(Changes.of_tables("Demand"))
    assert_fresh(results)
    results.project.settings = dataclasses.replace(results.project.settings,
                                                   max_country_share=0.2)
    results.apply(Changes(settings=True))
    assert_fresh(results)
    edit(results, "Stock", row, "target_days", 500.0)
    assert_fresh(results)


def test_a_stock_edit_keeps_what_stock_does_not_change(sample: planner.Project) -> None:
    results = Results(sample.copy())
    before = results.report
    assert before is not None
    edit(results, "Stock", stock_row(sample), "on_hand", 0.0)
    after = results.report
    assert after is not None and after is not before
    # the supply side is shared, the stock side made again
    assert after.sources is before.sources and after.items is before.items
    assert after.product_materials is before.product_materials
    assert not after.materials["on_hand"].equals(before.materials["on_hand"])
    edit(results, "Sources", 0, "share", 0.5)
    assert results.report is not None and results.report.sources is not after.sources


def test_the_problems_check_reads_again_only_the_tables_edited(
        sample: planner.Project, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = {"cycles": 0, "service levels": 0}

    def counted(name: str, real: object) -> object:
        def wrapped(*args: object) -> object:
            calls[name] += 1
            return real(*args)  # type: ignore[operator]
        return wrapped

    monkeypatch.setattr(cross_checks, "check_cycles",
                        counted("cycles", cross_checks.check_cycles))
    monkeypatch.setattr(cross_checks, "check_service_levels",
                        counted("service levels", cross_checks.check_service_levels))
    results = Results(sample.copy())
    results.problems  # noqa: B018
    row = stock_row(sample)
    edit(results, "Stock", row, "service_level", 1.5)  # out of range: a problem in Stock
    assert any(p.sheet == "Stock" and p.column == "service_level" for p in results.problems)
    assert calls == {"cycles": 1, "service levels": 2}
    edit(results, "BOM", 0, "qty_per", 3.0)
    results.problems  # noqa: B018
    assert calls == {"cycles": 2, "service levels": 2}
    assert_fresh(results)


def test_kept_problems_move_with_rows_inserted_in_another_table(
        sample: planner.Project) -> None:
    """Rows inserted anywhere put every message on the template's rows; a kept part of
    the check follows (the sample's own rows are not the template's)."""
    project = sample.copy()
    results = Results(project)
    row = stock_row(project)
    edit(results, "Stock", row, "service_level", 1.5)
    located = [p.row for p in results.problems if p.sheet == "Stock"]
    assert located
    editing.insert_rows(results.project, "Orders", 0)
    results.apply(Changes.of_tables("Orders"))
    assert_fresh(results)
    editing.remove_rows(results.project, "Orders", [0])
    results.apply(Changes.of_tables("Orders"))
    assert_fresh(results)


def test_a_snapshot_computed_elsewhere_hands_back_what_it_kept(
        sample: planner.Project) -> None:
    results = Results(sample.copy())
    results.report  # noqa: B018
    edit(results, "Sources", 0, "share", 0.5)  # the supply side made again, on a snapshot
    snapshot = results.snapshot().compute_all(("problems", "report"))
    assert results.adopt(snapshot)
    assert results.report is snapshot.report
    edit(results, "Stock", stock_row(sample), "on_hand", 0.0)
    again = results.snapshot().compute_all(("problems", "report"))
    assert again.report is not None and snapshot.report is not None
    assert again.report.sources is snapshot.report.sources  # adopted and kept
    assert results.adopt(again)
    assert_fresh(results)


def test_check_project_without_a_cache_is_unchanged(sample: planner.Project) -> None:
    project = with_service_levels(sample)
    editing.set_value(project, "Stock", 0, "service_level", 1.5)
    kept = validation.KeptChecks()
    first = check_project(project, kept=kept)
    assert [str(p) for p in first] == [str(p) for p in check_project(project)]
    assert [str(p) for p in check_project(project, kept=kept)] == [str(p) for p in first]
