"""The Procurement plan page: the engine's plan shown, re-made on changes, exported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from planner.analysis.plan import make_plan
from ui.editing.document import Document
from ui.pages.plan_page import PlanPage
from ui.qt import Qt


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
    assert "Frontier" not in wb.sheetnames  # not computed on the page
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


def test_a_big_plan_shows_progress_and_can_be_cancelled(
        qtbot: object, doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made off the UI thread with the page's progress bar; Cancel stops the engine."""
    import threading
    import time

    from planner.analysis import plan as plan_module
    from planner.core.errors import Cancelled
    from ui.pages import plan_page

    reports: list[tuple[int, int]] = []
    started = threading.Event()

    def slow_plan(project: object, progress: object = None, **params: object) -> object:
        started.set()
        for done in range(10_000):  # a plan of 10,000 materials, one at a time
            if progress is not None and progress(done, 10_000) is False:  # type: ignore[operator]
                raise Cancelled("the plan was cancelled")
            time.sleep(0.001)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(plan_module, "make_plan", slow_plan)
    monkeypatch.setattr(plan_page, "BACKGROUND_MATERIALS", 0)
    page = PlanPage(doc)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    page.progress.valueChanged.connect(lambda v: reports.append((v, page.progress.maximum())))
    page.make()
    assert started.wait(10)
    qtbot.waitUntil(lambda: len(reports) > 3, timeout=10_000)  # type: ignore[attr-defined]
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    assert reports[-1][1] == 10_000
    qtbot.mouseClick(page.cancel_button, plan_page.Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)  # type: ignore[attr-defined]
    assert "cancelled" in page.status.text()
    assert not page.progress.isVisible() and page.plan is None


def test_the_user_picks_the_objective(page: PlanPage, doc: Document, qtbot: object) -> None:
    """Reduce dependence is the default; picking "Cheapest under the caps" re-makes the
    plan as the engine's cheapest one."""
    assert page.objective.currentText() == "Reduce dependence"
    assert page.plan is not None and page.plan.parameters.objective == "diversify"
    before = page.plan
    page.objective.setCurrentIndex(page.objective.findText("Cheapest under the caps"))
    qtbot.waitUntil(lambda: page.plan is not before, timeout=10_000)  # type: ignore[attr-defined]
    expected = make_plan(doc.project, objective="cheapest")
    assert page.plan.parameters.objective == "cheapest"
    assert page.plan.total_cost == pytest.approx(expected.total_cost)
    assert "Cheapest under the caps" in page.status.text()


def test_the_frontier_chart_gets_its_points(page: PlanPage, doc: Document, tmp_path: Path,
                                            qtbot: object) -> None:
    from planner.analysis.frontier import frontier
    from ui.pages import plan_page

    assert page.frontier.points() == []
    assert page.frontier.isHidden()  # no empty axes with meaningless ticks
    assert [m.label.toPlainText() for m in page.frontier.marks] == ["G7 2030 goal",
                                                                    "G7 ambition"]
    qtbot.mouseClick(page.frontier_button, plan_page.Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.frontier_task is None, timeout=60_000)  # type: ignore[attr-defined]
    expected = frontier(doc.project)
    points = page.frontier.points()
    assert [p[0] for p in points] == pytest.approx(expected["max_country_share"].tolist())
    assert [p[1] for p in points] == pytest.approx(expected["top_country_share"].tolist())
    assert [p[2] for p in points] == pytest.approx(expected["total_cost"].tolist())
    assert "cheapest plan at one country cap" in page.frontier_status.text()
    assert not page.frontier.isHidden()
    assert page.frontier_button.isEnabled() and not page.progress.isVisible()
    out = tmp_path / "plan.xlsx"  # computed on the page: the exported workbook carries it
    page.export(out)
    qtbot.waitUntil(lambda: page.export_task is None, timeout=30_000)  # type: ignore[attr-defined]
    rows = list(openpyxl.load_workbook(out, read_only=True)["Frontier"].iter_rows(
        values_only=True))
    assert [r[1] for r in rows[1:len(points) + 1]] == pytest.approx(
        expected["total_cost"].tolist())


def test_clicking_a_supplier_or_country_row_raises_nothing(page: PlanPage, qtbot: object
                                                           ) -> None:
    """Defect 6: a click on a row of Suppliers or Countries raised KeyError: 'item_id'."""
    import sys

    from ui.pages import plan_page

    errors: list[BaseException] = []
    hook, sys.excepthook = sys.excepthook, lambda *info: errors.append(info[1])
    try:
        for table in (page.suppliers, page.countries):
            page.tabs.setCurrentWidget(table)
            assert table.model.rowCount() > 1
            view = table.view
            for row in (0, 1):
                rect = view.visualRect(table.model.index(row, 1))
                qtbot.mouseClick(view.viewport(), plan_page.Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                                 pos=rect.center())
                assert view.currentIndex().row() == row
    finally:
        sys.excepthook = hook
    assert errors == []


def test_the_card_and_the_materials_tab_count_the_same_breaches(qtbot: object) -> None:
    """Defect 7: every material still over a cap, with an order or without, is on the
    Materials tab and marked there, as many as the card says."""
    import planner
    from tests.ui.conftest import EV

    project = planner.load(EV)
    over = make_plan(project).breaches["item_id"].iloc[0]
    stock = project.stock
    stock.loc[stock["item_id"] == over, "on_hand"] = 1e9  # nothing to order, still over
    page = PlanPage(Document(project, EV))
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    page.make()
    assert page.plan is not None
    m = page.plan.materials
    card = int(page.cards["breaches"].value.text().replace(",", ""))
    model = page.materials.model
    marked = sum(bool(model.value(r, "still_over_cap")) for r in range(model.rowCount()))
    assert card == marked == int(m["still_over_cap"].sum())
    assert ((m["net_need"] <= 0) & m["still_over_cap"]).any()  # the case the defect missed


def test_the_lines_say_days_late_and_order_now_with_totals(page: PlanPage) -> None:
    assert page.plan is not None
    lines = page.plan.lines
    model = page.lines.model
    headers = [model.headerData(c, plan_page_qt().Orientation.Horizontal)
               for c in range(model.columnCount())]
    assert headers[2:5] == ["Order by", "Action", "Days late"]
    row = int(lines["days_late"].to_numpy().argmax())
    assert model.shown(3, model.position(model.row_of(row))) == "order now"
    assert "late" in page.totals.text() and "Total:" in page.totals.text()


def plan_page_qt() -> object:
    from ui.pages import plan_page

    return plan_page.Qt


def test_requests_for_quotation_are_written_from_the_page(page: PlanPage, tmp_path: Path,
                                                          qtbot: object) -> None:
    assert page.rfq_button.text() == "Export requests for quotation…"
    page.export_rfq(tmp_path / "rfq")
    qtbot.waitUntil(lambda: page.export_task is None, timeout=30_000)  # type: ignore[attr-defined]
    assert page.plan is not None
    files = sorted((tmp_path / "rfq").iterdir())
    assert len(files) == page.plan.lines["supplier_id"].nunique()
    quantities = []
    for path in files:
        ws = openpyxl.load_workbook(path, read_only=True)["Request for quotation"]
        quantities += [r[4] for r in ws.iter_rows(min_row=9, values_only=True)]
    assert sorted(quantities) == pytest.approx(sorted(page.plan.lines["quantity"]))
    assert page.rfq_button.isEnabled()


def test_order_lines_start_with_item_and_name_and_title_sums_with_the_currency(
        page: PlanPage, doc: Document) -> None:
    model = page.lines.model
    titles = [model.headerData(j, Qt.Orientation.Horizontal) for j in
              range(model.columnCount())]
    assert titles[:2] == ["Item", "Name"]
    currency = page.plan.currency if page.plan is not None else ""
    assert f"Cost ({currency})" in titles
    assert f"Unit price ({currency})" in titles
    supplier_titles = [page.suppliers.model.headerData(j, Qt.Orientation.Horizontal)
                       for j in range(page.suppliers.model.columnCount())]
    assert f"Cost ({currency})" in supplier_titles
    # the item column shows the line's item, so a row keeps it when scrolled right
    assert model.data(model.index(0, 0)) == str(page.plan.lines["item_id"].iloc[0])



def test_a_plan_in_another_currency_retitles_the_cost_header(page: PlanPage) -> None:
    """The same lines in another currency are updated in place (no reset): the header
    is told of its new title, so a view does not keep showing the old one."""
    model = page.lines.model
    told: list[int] = []
    model.headerDataChanged.connect(lambda _o, _first, last: told.append(last))
    model.modelReset.connect(lambda: told.append(-1))
    assert page.plan is not None and page.plan.currency != "GBP"
    page.show_plan(replace(page.plan, currency="GBP"))
    cost = [c.key for c in model.columns].index("cost")
    assert model.headerData(cost, Qt.Orientation.Horizontal) == "Cost (GBP)"
    assert told  # the view repaints its header with the new title
