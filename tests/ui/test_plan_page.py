"""The Procurement plan page: the engine's plan shown, re-made on changes, exported."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planner.analysis.plan import make_plan
from ui.editing.document import Document
from ui.pages.plan_page import PlanPage


@pytest.fixture
def page(qtbot: object, doc: Document) -> PlanPage:
    p = PlanPage(doc)
    qtbot.addWidget(p)  # type: ignore[attr-defined]
    p.resize(1300, 800)
    p.show()
    p.make()
    return p


def test_page_shows_the_engines_plan(page: PlanPage, doc: Document) -> None:
    plan = make_plan(doc.project)
    assert page.plan is not None
    assert page.plan.lines["quantity"].tolist() == pytest.approx(plan.lines["quantity"].tolist())
    assert page.cards["lines"].value.text() == f"{len(plan.lines):,}"
    assert page.cards["late"].value.text() == f"{plan.late_lines:,}"
    assert page.cards["cost"].value.text() == f"{plan.currency} {plan.total_cost:,.0f}"
    assert page.lines.model.rowCount() == len(plan.lines)
    assert page.chart.countries and set(page.chart.countries) <= set(
        plan.countries["origin_country"])


def test_parameters_remake_the_plan(page: PlanPage, doc: Document, qtbot: object) -> None:
    before = page.plan
    page.fields["max_country_share"].setValue(100)
    qtbot.waitUntil(lambda: page.plan is not before, timeout=5_000)  # type: ignore[attr-defined]
    assert page.plan.parameters.max_country_share == pytest.approx(1.0)
    expected = make_plan(doc.project, max_country_share=1.0)
    assert len(page.plan.breaches) == len(expected.breaches)
    page.reset_parameters()
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: page.plan.parameters.max_country_share == pytest.approx(0.6), timeout=5_000)


def test_export_writes_the_workbook_in_the_background(page: PlanPage, tmp_path: Path,
                                                      qtbot: object) -> None:
    out = tmp_path / "plan.xlsx"
    page.export(out)
    qtbot.waitUntil(lambda: page.export_task is None, timeout=30_000)  # type: ignore[attr-defined]
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "Order lines" in wb.sheetnames and "Summary" in wb.sheetnames
    rows = list(wb["Order lines"].iter_rows(values_only=True))
    assert len([r for r in rows[1:] if any(v is not None for v in r)]) >= len(page.plan.lines)


def test_cancelled_export_leaves_no_file(page: PlanPage, tmp_path: Path, qtbot: object,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.common.operations import Progress

    out = tmp_path / "cancelled.xlsx"
    messages: list[str] = []
    page.doc.message.connect(messages.append)
    # the user presses Cancel before the first progress report arrives
    monkeypatch.setattr(Progress, "__call__", lambda self, done=0, total=0: False)
    page.export(out)
    qtbot.waitUntil(lambda: page.export_task is None, timeout=30_000)  # type: ignore[attr-defined]
    assert not out.exists()
    assert messages and "cancelled" in messages[-1]
    assert list(tmp_path.iterdir()) == []
    assert page.export_button.isEnabled() and not page.progress.isVisible()
