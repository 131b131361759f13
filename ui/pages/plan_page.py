"""Procurement plan: what to buy, from whom and by when, and the mix before and after.

The engine (planner.analysis.plan) makes the plan; this page sets its parameters and
objective, shows its tables and the country mix before and after, draws the cost of reducing
dependence (planner.analysis.frontier) on request, and exports the workbook in the
background with progress and cancel.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyqtgraph as pg

from planner.analysis.plan import OBJECTIVES, Plan
from planner.core import formatting as fmt
from planner.core.errors import PlannerError
from planner.core.palette import Scheme
from planner.results import Results
from ui.common import theme
from ui.common.errors import show_error
from ui.common.operations import Operation, Progress
from ui.common.widgets import Card
from ui.editing.document import Document
from ui.editing.models import Col
from ui.pages.charts import FrontierChart, style_axes
from ui.pages.tables import FiguresTable
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QComboBox,
    QCoreApplication,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)

BACKGROUND_MATERIALS = 2_000  # above this, plans are made off the UI thread
CONTEXT = "PlanPage"  # where this module's strings are filed for translation

# The tables' columns as (key, title, kind, tip), marked for translation and made into
# Cols when shown (the language is chosen after import). The order lines show the engine's
# action and warning in the language chosen (``*_text``); ``action`` and ``warning`` stay
# English for scripts. Item and name come first so that they stay in view when scrolling.
LINE_SPECS = (
    ("item_id", QT_TRANSLATE_NOOP("PlanPage", "Item"), "text", ""),
    ("name", QT_TRANSLATE_NOOP("PlanPage", "Name"), "text", ""),
    ("order_by", QT_TRANSLATE_NOOP("PlanPage", "Order by"), "date",
     QT_TRANSLATE_NOOP("PlanPage", "Lead time before stock falls to its target")),
    ("action_text", QT_TRANSLATE_NOOP("PlanPage", "Action"), "text",
     QT_TRANSLATE_NOOP("PlanPage", "order now: the order-by date is today or has passed")),
    ("days_late", QT_TRANSLATE_NOOP("PlanPage", "Days late"), "number",
     QT_TRANSLATE_NOOP("PlanPage", "Days since the order-by date passed")),
    ("supplier_id", QT_TRANSLATE_NOOP("PlanPage", "Supplier"), "text", ""),
    ("supplier_name", QT_TRANSLATE_NOOP("PlanPage", "Supplier name"), "text", ""),
    ("origin_country", QT_TRANSLATE_NOOP("PlanPage", "Origin"), "text", ""),
    ("quantity", QT_TRANSLATE_NOOP("PlanPage", "Quantity"), "quantity", ""),
    ("unit", QT_TRANSLATE_NOOP("PlanPage", "Unit"), "text", ""),
    ("unit_price", QT_TRANSLATE_NOOP("PlanPage", "Unit price"), "price", ""),
    ("cost", QT_TRANSLATE_NOOP("PlanPage", "Cost"), "money", ""),
    ("lead_time_days", QT_TRANSLATE_NOOP("PlanPage", "Lead time (d)"), "number", ""),
    ("arrival", QT_TRANSLATE_NOOP("PlanPage", "Expected arrival"), "date", ""),
    ("stock_out", QT_TRANSLATE_NOOP("PlanPage", "Stock runs out"), "date",
     QT_TRANSLATE_NOOP("PlanPage", "The day stock runs out without new orders (on hand "
                       "and open orders)")),
    ("days_uncovered", QT_TRANSLATE_NOOP("PlanPage", "Days without stock"), "number",
     QT_TRANSLATE_NOOP("PlanPage", "Days from the stock running out to this order's "
                       "arrival")),
    ("warning_text", QT_TRANSLATE_NOOP("PlanPage", "Warning"), "text",
     QT_TRANSLATE_NOOP("PlanPage", "What to watch for on this line, such as stock running "
                       "out before the order can arrive.")),
)
AFTER = QT_TRANSLATE_NOOP("PlanPage", "after")  # the second of a before/after pair
MATERIAL_SPECS = (
    ("item_id", QT_TRANSLATE_NOOP("PlanPage", "Item"), "text", ""),
    ("name", QT_TRANSLATE_NOOP("PlanPage", "Name"), "text", ""),
    ("net_need", QT_TRANSLATE_NOOP("PlanPage", "Net need"), "quantity",
     QT_TRANSLATE_NOOP("PlanPage", "daily use × (horizon + target days) + safety stock − "
                       "on hand − open orders")),
    ("planned", QT_TRANSLATE_NOOP("PlanPage", "Planned"), "quantity", ""),
    ("shortfall", QT_TRANSLATE_NOOP("PlanPage", "Not coverable"), "quantity",
     QT_TRANSLATE_NOOP("PlanPage", "Need beyond what the sources can deliver")),
    ("days_of_cover_before", QT_TRANSLATE_NOOP("PlanPage", "Cover before"), "days", ""),
    ("days_of_cover_after", QT_TRANSLATE_NOOP("PlanPage", "Cover after"), "days", ""),
    ("top_supplier_share_before", QT_TRANSLATE_NOOP("PlanPage", "Top supplier before"),
     "share", ""),
    ("top_supplier_share_after", AFTER, "share", ""),
    ("top_country_before", QT_TRANSLATE_NOOP("PlanPage", "Top origin"), "text", ""),
    ("top_country_share_before", QT_TRANSLATE_NOOP("PlanPage", "Origin share before"),
     "share", ""),
    ("top_country_share_after", AFTER, "share", ""),
    ("supplier_hhi_before", QT_TRANSLATE_NOOP("PlanPage", "Supplier HHI before"), "hhi", ""),
    ("supplier_hhi_after", AFTER, "hhi", ""),
    ("still_over_cap", QT_TRANSLATE_NOOP("PlanPage", "Still over a cap"), "bool",
     QT_TRANSLATE_NOOP("PlanPage", "The mix after the plan is still over a cap, with an "
                       "order or without")),
    ("more_concentrated", QT_TRANSLATE_NOOP("PlanPage", "More concentrated than today"),
     "bool", QT_TRANSLATE_NOOP("PlanPage", "The plan could not keep the mix as spread as "
                               "today's: see why")),
    ("reason_text", QT_TRANSLATE_NOOP("PlanPage", "Why"), "text",
     QT_TRANSLATE_NOOP("PlanPage", "Why the plan orders what it does.")),
)
SUPPLIER_SPECS = (
    ("supplier_id", QT_TRANSLATE_NOOP("PlanPage", "Supplier"), "text", ""),
    ("name", QT_TRANSLATE_NOOP("PlanPage", "Name"), "text", ""),
    ("country", QT_TRANSLATE_NOOP("PlanPage", "Country"), "text", ""),
    ("lines", QT_TRANSLATE_NOOP("PlanPage", "Lines"), "number", ""),
    ("materials", QT_TRANSLATE_NOOP("PlanPage", "Materials"), "number", ""),
    ("cost", QT_TRANSLATE_NOOP("PlanPage", "Cost"), "money", ""),
    ("cost_share", QT_TRANSLATE_NOOP("PlanPage", "Share of spend"), "share", ""),
)
COUNTRY_SPECS = (
    ("origin_country", QT_TRANSLATE_NOOP("PlanPage", "Origin country"), "text", ""),
    ("lines", QT_TRANSLATE_NOOP("PlanPage", "Lines"), "number", ""),
    ("cost", QT_TRANSLATE_NOOP("PlanPage", "Cost"), "money", ""),
    ("cost_share", QT_TRANSLATE_NOOP("PlanPage", "Share of spend"), "share", ""),
    ("dependence_before", QT_TRANSLATE_NOOP("PlanPage", "Dependence before"), "share",
     QT_TRANSLATE_NOOP("PlanPage", "Share of purchase value by origin country with today's "
                       "mix")),
    ("dependence_after", AFTER, "share",
     QT_TRANSLATE_NOOP("PlanPage", "… with the planned mix")),
)
MONEY_KINDS = ("money", "price")  # columns of sums, titled with the plan's currency


def _columns(specs: tuple[tuple[str, str, str, str], ...], currency: str = "") -> list[Col]:
    """Columns in the window's language; sums titled with ``currency``: "Cost (EUR)"."""
    out = []
    for key, title, kind, tip in specs:
        shown = QCoreApplication.translate(CONTEXT, title)
        if currency and kind in MONEY_KINDS:
            shown = QCoreApplication.translate("PlanPage", "{title} ({currency})").format(
                title=shown, currency=currency)
        out.append(Col(key, shown, kind, QCoreApplication.translate(CONTEXT, tip) if tip
                       else ""))
    return out


def line_columns(currency: str) -> list[Col]:
    """The order lines' columns; sums titled with the plan's currency."""
    return _columns(LINE_SPECS, currency)


def material_columns() -> list[Col]:
    """The plan per material: the need, the plan, and the mix before and after."""
    return _columns(MATERIAL_SPECS)


def supplier_columns(currency: str) -> list[Col]:
    return _columns(SUPPLIER_SPECS, currency)


def country_columns(currency: str) -> list[Col]:
    return _columns(COUNTRY_SPECS, currency)


# objective -> (name, what it means), translated where shown
OBJECTIVE_TEXTS = {
    "diversify": (QT_TRANSLATE_NOOP("PlanPage", "Reduce dependence"),
                  QT_TRANSLATE_NOOP(
                      "PlanPage", "The cheapest plan whose largest supplier and origin "
                      "country shares are no larger than today's, and where a country "
                      "restricting exports gets no more.")),
    "cheapest": (QT_TRANSLATE_NOOP("PlanPage", "Cheapest under the caps"),
                 QT_TRANSLATE_NOOP("PlanPage", "The cheapest plan that keeps every supplier "
                                   "and origin country under its cap.")),
}
# (key, label, tooltip, suffix, largest value) of each parameter, translated where shown
PARAMETERS = (
    ("horizon_days", QT_TRANSLATE_NOOP("PlanPage", "Horizon"),
     QT_TRANSLATE_NOOP("PlanPage", "Horizon: the days ahead the plan covers; open orders "
                       "due within it count"), QT_TRANSLATE_NOOP("PlanPage", " days"), 3650),
    ("target_days", QT_TRANSLATE_NOOP("PlanPage", "Target cover"),
     QT_TRANSLATE_NOOP("PlanPage", "Target cover: the days of use the stock should last "
                       "after the plan"), QT_TRANSLATE_NOOP("PlanPage", " days"), 3650),
    ("max_supplier_share", QT_TRANSLATE_NOOP("PlanPage", "Supplier cap"),
     QT_TRANSLATE_NOOP("PlanPage", "Max supplier share: the largest share of a material's "
                       "supply one supplier may have"), " %", 100),
    ("max_country_share", QT_TRANSLATE_NOOP("PlanPage", "Country cap"),
     QT_TRANSLATE_NOOP("PlanPage", "Max country share: the largest share of a material's "
                       "supply one origin country may have"), " %", 100),
)

class MixChart(pg.PlotWidget):
    """Country dependence by value: today's mix against the planned one, per country."""

    def __init__(self, parent: QWidget | None = None):
        scheme = theme.current()
        super().__init__(parent, background=scheme.base)
        self.setMinimumHeight(180)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.before = pg.BarGraphItem(x0=[], y=[], height=0.36, width=[],
                                      brush=scheme.before, pen=None)
        self.after = pg.BarGraphItem(x0=[], y=[], height=0.36, width=[],
                                     brush=scheme.after, pen=None)
        self.addItem(self.before)
        self.addItem(self.after)
        self.cap = pg.InfiniteLine(angle=90, pen=pg.mkPen(scheme.status_text["critical"],
                                                          style=Qt.PenStyle.DashLine))
        self.addItem(self.cap)
        legend = self.addLegend(offset=(-10, -10))  # bottom right, away from the big bars
        legend.addItem(self.before, self.tr("today's mix"))
        legend.addItem(self.after, self.tr("with the plan"))
        self.getAxis("bottom").setLabel(self.tr("share of purchase value by origin country"))
        self.countries: list[str] = []
        self.restyle(scheme)
        theme.notifier().changed.connect(self.restyle)

    def restyle(self, scheme: Scheme) -> None:
        """Background, axes, bars, key and the cap line in ``scheme``'s colours."""
        self.setBackground(scheme.base)
        style_axes(self.getPlotItem(), scheme)
        self.before.setOpts(brush=scheme.before)
        self.after.setOpts(brush=scheme.after)
        self.cap.setPen(pg.mkPen(scheme.status_text["critical"], style=Qt.PenStyle.DashLine))
        legend = self.getPlotItem().legend
        legend.setLabelTextColor(scheme.text)
        for _, label in legend.items:
            label.setText(label.text, color=scheme.text)

    def set_plan(self, plan: Plan, cap: float) -> None:
        c = plan.countries.sort_values("dependence_before", ascending=True).tail(10)
        self.countries = c["origin_country"].astype(str).tolist()
        y = np.arange(len(c), dtype=float)
        before = c["dependence_before"].fillna(0).to_numpy(dtype=float)
        after = c["dependence_after"].fillna(0).to_numpy(dtype=float)
        self.before.setOpts(x0=np.zeros(len(c)), y=y + 0.2, width=before)
        self.after.setOpts(x0=np.zeros(len(c)), y=y - 0.2, width=after)
        self.cap.setValue(cap)
        self.getAxis("left").setTicks([list(zip(y, self.countries, strict=True))])
        self.getAxis("bottom").setTicks([[(t, fmt.percent(t)) for t in np.arange(0, 1.01, 0.2)]])
        self.setXRange(0, max(1.0, float(np.max(before, initial=0)), cap), padding=0.02)
        self.setYRange(-0.7, max(len(c) - 0.3, 0.7), padding=0)


class TotalsTable(FiguresTable):
    """A table of totals (per supplier, per origin country): its rows are not items, so
    picking one selects no item on the other pages."""

    def _current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        """Rows of totals name no item: nothing to select elsewhere."""


class PlanPage(QWidget):
    """Parameters, headline, order lines and the before/after mix; Export to Excel."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.plan: Plan | None = None
        self.task: Operation[Results] | None = None
        self.export_task: Operation[None] | Operation[list[Path]] | None = None

        self.fields: dict[str, QDoubleSpinBox] = {}
        # the parameters as a grid beside the cards: short labels, the full meaning in
        # their tooltips, so that nothing is cut at 1366 pixels wide
        params = QGridLayout()
        params.setHorizontalSpacing(8)
        params.setVerticalSpacing(4)
        for n, (key, label, tip, suffix, top) in enumerate(PARAMETERS):
            box = QDoubleSpinBox(self)
            box.setRange(0, top)
            box.setDecimals(0)
            box.setSuffix(QCoreApplication.translate(CONTEXT, suffix))
            box.setObjectName(f"plan_{key}")
            tip = QCoreApplication.translate(CONTEXT, tip)
            box.setToolTip(tip)
            box.valueChanged.connect(self._schedule)
            self.fields[key] = box
            caption = QLabel(QCoreApplication.translate(CONTEXT, label), self)
            caption.setToolTip(tip)
            caption.setBuddy(box)
            params.addWidget(caption, n % 2, n // 2 * 2)
            params.addWidget(box, n % 2, n // 2 * 2 + 1)
        self.objective = QComboBox(self)
        self.objective.setObjectName("plan_objective")
        for key in OBJECTIVES:
            text, tip = OBJECTIVE_TEXTS[key]
            self.objective.addItem(QCoreApplication.translate(CONTEXT, text), key)
            self.objective.setItemData(self.objective.count() - 1,
                                       QCoreApplication.translate(CONTEXT, tip),
                                       Qt.ItemDataRole.ToolTipRole)
        self.objective.currentIndexChanged.connect(self._schedule)
        objective = QLabel(self.tr("Objective"), self)
        objective.setBuddy(self.objective)
        params.addWidget(objective, 2, 0)
        params.addWidget(self.objective, 2, 1, 1, 2)
        reset = QPushButton(self.tr("Project settings"), self)
        reset.setObjectName("plan_reset")
        reset.setToolTip(self.tr("Reset the parameters to the project's settings"))
        reset.clicked.connect(self.reset_parameters)
        params.addWidget(reset, 2, 3)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.clicked.connect(self.export_dialog)
        self.rfq_button = QPushButton(self.tr("Export requests for quotation…"), self)
        self.rfq_button.setObjectName("plan_rfq")
        self.rfq_button.setToolTip(self.tr("Write one workbook per supplier into a folder, "
                                           "listing what to ask of that supplier, ready to "
                                           "send."))
        self.rfq_button.clicked.connect(self.rfq_dialog)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()

        self.cards = {k: Card(c, self) for k, c in (
            ("cost", self.tr("planned spend")), ("lines", self.tr("order lines")),
            ("late", self.tr("orders late: order today")),
            ("breaches", self.tr("materials over a cap after the plan")))}
        cards = QHBoxLayout()
        cards.addLayout(params)
        cards.addSpacing(8)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)  # a long status wraps instead of widening the page
        self.lines = FiguresTable(doc, self.tr("Order lines"), line_columns(""), self)
        self.materials = FiguresTable(doc, self.tr("Per material"), material_columns(), self)
        self.suppliers = TotalsTable(doc, self.tr("Per supplier"), supplier_columns(""), self)
        self.countries = TotalsTable(doc, self.tr("Per origin country"), country_columns(""),
                                     self)
        for table in (self.lines, self.materials, self.suppliers, self.countries):
            table.heading.hide()  # the tab names the table
        self.totals = QLabel(self)
        self.totals.setObjectName("plan_totals")
        self.totals.setWordWrap(True)
        lines_box = QWidget(self)
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.lines, 1)
        lines_layout.addWidget(self.totals)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(lines_box, self.tr("Order lines"))
        self.tabs.addTab(self.materials, self.tr("Materials"))
        self.tabs.addTab(self.suppliers, self.tr("Suppliers"))
        self.tabs.addTab(self.countries, self.tr("Countries"))
        self.chart = MixChart(self)
        mix_box = QWidget(self)
        mix_layout = QVBoxLayout(mix_box)
        mix_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Country dependence by value"), mix_box)
        title.setToolTip(self.tr("Each origin country's share of purchase value: today's mix "
                                 "and the mix with the plan, against the country cap."))
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        mix_layout.addWidget(title)
        mix_layout.addWidget(self.chart, 1)
        self.frontier_task: Operation[pd.DataFrame] | None = None
        # the frontier last drawn: the exported workbook carries it (none until asked for)
        self.frontier_table: pd.DataFrame | None = None
        frontier_box = QWidget(self)
        frontier_layout = QVBoxLayout(frontier_box)
        frontier_layout.setContentsMargins(0, 0, 0, 0)
        self.frontier_button = QPushButton(self.tr("Show the cost of reducing dependence"),
                                           frontier_box)
        self.frontier_button.setObjectName("plan_frontier")
        self.frontier_button.setToolTip(self.tr(
            "Plan the project at country caps from the current cap down to 30% and draw "
            "each plan's cost against the largest origin country's share."))
        self.frontier_button.clicked.connect(self.make_frontier)
        self.frontier_status = QLabel(frontier_box)
        self.frontier_status.setObjectName("muted")
        self.frontier_status.setWordWrap(True)
        self.frontier = FrontierChart(frontier_box)
        frontier_layout.addWidget(self.frontier_button)
        frontier_layout.addWidget(self.frontier_status)
        frontier_layout.addWidget(self.frontier, 1)
        # the mix above, the frontier below, each keeping a readable height once the
        # frontier is drawn (the user moves the line between them)
        self.chart_split = QSplitter(Qt.Orientation.Vertical, self)
        self.chart_split.setChildrenCollapsible(False)
        self.chart_split.addWidget(mix_box)
        self.chart_split.addWidget(frontier_box)
        self.chart_split.setStretchFactor(0, 1)
        self.chart_split.setStretchFactor(1, 0)
        chart_box = self.chart_split
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.tabs)
        split.addWidget(chart_box)
        split.setSizes([900, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        heading = QLabel(self.tr("Procurement plan"), self)
        heading.setObjectName("sectionTitle")
        hint = QLabel(self.tr("What to buy, from whom and by when to reach the stockpile "
                              "target while keeping every supplier and origin country under "
                              "its cap and, to reduce dependence, no more concentrated than "
                              "today."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        top = QHBoxLayout()  # the exports beside the title, where they take no room
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.export_button)
        top.addWidget(self.rfq_button)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addLayout(cards)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.make)
        self._dirty = True
        doc.reportChanged.connect(self._on_report)
        doc.settingsChanged.connect(self.reset_parameters)
        self.reset_parameters()

    # --- parameters ----------------------------------------------------------------
    def reset_parameters(self) -> None:
        s = self.doc.project.settings
        values = {"horizon_days": s.horizon_days, "target_days": s.target_days,
                  "max_supplier_share": s.max_supplier_share * 100,
                  "max_country_share": s.max_country_share * 100}
        for key, box in self.fields.items():
            box.blockSignals(True)
            box.setValue(values[key])
            box.blockSignals(False)
        self._schedule()

    def parameters(self) -> dict[str, float | str]:
        f = self.fields
        return {"horizon_days": f["horizon_days"].value(),
                "target_days": f["target_days"].value(),
                "max_supplier_share": f["max_supplier_share"].value() / 100,
                "max_country_share": f["max_country_share"].value() / 100,
                "objective": str(self.objective.currentData())}

    def _schedule(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def _on_report(self) -> None:
        self._schedule()

    def showEvent(self, event: object) -> None:
        if self._dirty:
            self._timer.start(0)
        super().showEvent(event)

    # --- making the plan -----------------------------------------------------------
    def make(self) -> None:
        """Make the plan now (in the background for big projects)."""
        self._dirty = False
        if self.doc.report is None or self.doc.errors():
            self.status.setText(self.tr("The plan needs a project without problems: see the "
                                        "Problems panel."))
            return
        params = self.parameters()
        results = self.doc.results
        cached = results.cached_plan(**params)
        if cached is not None:  # made before for these parameters (or by the summary)
            self.show_plan(cached)
            return
        background = len(self.doc.report.materials) >= BACKGROUND_MATERIALS
        target = results.snapshot() if background else results
        if self.task is not None:
            self.task.cancel()
        if background:
            self.status.setText(self.tr("Making the plan…"))
            self._busy(True)

        op: Operation[Results] = Operation(
            lambda progress: _with_plan(target, params, progress), exclusive=False)

        def current() -> bool:
            """Whether ``op`` is still the page's plan (not replaced by a newer one)."""
            if self.task is not op:
                return False
            self.task = None
            self._busy(False)
            return True

        def made(done: Results) -> None:
            if current() and (done is results or results.adopt(done)):
                self.show_plan(done.plan(**params))
            # else: the project changed meanwhile; a new plan is on its way

        def failed(exc: BaseException) -> None:
            if current():
                self.status.setText(str(exc) if isinstance(exc, PlannerError) else
                                    self.tr("No plan: {error}").format(error=exc))

        def cancelled() -> None:
            if current():
                self._dirty = True
                self.status.setText(self.tr("Plan cancelled: change a parameter or show the "
                                            "page again to make it."))

        self.task = op.success(made).failure(failed).cancelled_(cancelled).on_progress(
            self._advanced)
        op.run(self, background=background)

    def _busy(self, busy: bool) -> None:
        """The progress bar and Cancel follow a plan being made in the background."""
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        cur = plan.currency
        cost = plan.total_cost
        self.cards["cost"].set(fmt.money(cost, cur))
        self.cards["lines"].set(fmt.count(len(plan.lines)))
        late = plan.late_lines
        self.cards["late"].set(fmt.count(late), "bad" if late else "")
        breaches = len(plan.breaches)
        self.cards["breaches"].set(fmt.count(breaches), "warn" if breaches else "",
                                   "\n".join(f"{r.name}: {r.reason_text}" for r in
                                             plan.breaches.itertuples()))
        self.lines.model.set_columns(line_columns(cur))
        self.suppliers.model.set_columns(supplier_columns(cur))
        self.countries.model.set_columns(country_columns(cur))
        self.lines.set_frame(plan.lines)
        uncovered = int((plan.lines["days_uncovered"] > 0).sum())
        self.totals.setText(self.tr(
            "Total: {cost} for {lines} order lines, {late} of them late and {uncovered} "
            "arriving after the stock runs out.").format(
                cost=fmt.money(cost, cur), lines=fmt.count(len(plan.lines)),
                late=fmt.count(late), uncovered=fmt.count(uncovered)))
        m = plan.materials  # what to order, and every material still over a cap
        self.materials.set_frame(m[(m["net_need"] > 0) | m["still_over_cap"]])
        self.suppliers.set_frame(plan.suppliers)
        self.countries.set_frame(plan.countries)
        self.chart.set_plan(plan, plan.parameters.max_country_share)
        p = plan.parameters
        self.status.setText(self.tr(
            "Plan as of {date} for a {horizon}-day horizon and {target} days of target "
            "cover, caps {supplier} per supplier and {country} per origin country, "
            "objective “{objective}”; solved in {ms} ms.").format(
                date=fmt.date(plan.as_of), horizon=fmt.setting_number(p.horizon_days),
                target=fmt.setting_number(p.target_days),
                supplier=fmt.percent(p.max_supplier_share),
                country=fmt.percent(p.max_country_share),
                objective=QCoreApplication.translate(CONTEXT,
                                                     OBJECTIVE_TEXTS[p.objective][0]),
                ms=fmt.number(plan.stats.seconds_total * 1000)))

    # --- export --------------------------------------------------------------------
    def ask_export_path(self) -> Path | None:
        stem = Path(self.doc.display_name).stem + " plan.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export procurement plan"), stem,
                                              self.tr("Excel workbook (*.xlsx)"))
        return Path(name).with_suffix(".xlsx") if name else None

    def export_dialog(self) -> None:
        if self.plan is None:
            self.make()
        if self.plan is None:
            return
        path = self.ask_export_path()
        if path is not None:
            self.export(path)

    def export(self, path: Path) -> Operation[None]:
        """Write the plan workbook in the background; progress and cancel in the page."""
        from planner.outputs.plan_workbook import write_plan_workbook

        plan, frontier = self.plan, self.frontier_table
        assert plan is not None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        results, snapshot = self.doc.results, self.doc.results.snapshot()

        def write(progress: Progress) -> None:
            # the workbook carries the ranking: the one the Scenarios page made, if any; and
            # the frontier when it was computed on this page
            write_plan_workbook(plan, path, progress, ranking=snapshot.ranking(),
                                frontier=frontier, stockpile=snapshot.stockpile())

        def written(_none: None) -> None:
            results.adopt(snapshot)
            self._exported(path)

        self.export_task = Operation(write, exclusive=False).success(written).failure(
            self._export_failed).cancelled_(self._export_cancelled).on_progress(self._advanced)
        return self.export_task.run(self)

    def rfq_dialog(self) -> None:
        """Ask for a folder, then write the requests for quotation into it."""
        if self.plan is None:
            self.make()
        if self.plan is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the requests for quotation"))
        if folder:
            self.export_rfq(Path(folder))

    def export_rfq(self, folder: Path) -> Operation[list[Path]]:
        """Write one request for quotation per supplier into ``folder``, in the
        background, with the page's progress and Cancel."""
        from planner.outputs.rfq import write_rfq_workbooks

        plan = self.plan
        assert plan is not None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        self.rfq_button.setEnabled(False)

        def written(paths: list[Path]) -> None:
            self._export_done()
            self.doc.message.emit(self.tr("Wrote {count} requests for quotation to {folder}"
                                          ).format(count=f"{len(paths):,}",
                                                   folder=folder.name))

        op: Operation[list[Path]] = Operation(
            lambda progress: write_rfq_workbooks(plan, folder, progress=progress),
            exclusive=False)
        self.export_task = op.success(written).failure(self._export_failed).cancelled_(
            self._export_cancelled).on_progress(self._advanced)
        return op.run(self)

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _export_done(self) -> None:
        self.export_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(True)
        self.rfq_button.setEnabled(True)

    def _exported(self, path: Path) -> None:
        self._export_done()
        self.doc.message.emit(self.tr("Exported the plan to {file}").format(file=path.name))

    def _export_failed(self, exc: BaseException) -> None:
        self._export_done()
        from planner.outputs.plan_workbook import ExportCancelled

        if isinstance(exc, ExportCancelled):
            self._export_cancelled()
            return
        show_error(self, exc, self.tr("Plan not exported"))

    def _export_cancelled(self) -> None:
        self._export_done()
        self.doc.message.emit(self.tr("Export cancelled; no file was written"))

    def cancel_export(self) -> None:
        """Cancel: the export under way, the plan being made, or the frontier."""
        if self.export_task is not None:
            self.export_task.cancel()
        elif self.task is not None:
            self.task.cancel()
        elif self.frontier_task is not None:
            self.frontier_task.cancel()

    # --- the cost of reducing dependence --------------------------------------------
    def share_chart_room(self) -> None:
        """Once the frontier is drawn, give it and the country mix half the height each
        (the mix had it all), so neither chart is squeezed until its labels touch; from
        then on a taller window grows both."""
        self.chart_split.setStretchFactor(1, 1)
        sizes = self.chart_split.sizes()
        total = sum(sizes)
        box = self.frontier.parentWidget()
        spacing = box.layout().spacing()
        # the button, the note (wrapped: one or two lines) and the chart at its least
        need = (self.frontier_button.sizeHint().height() + 2 * spacing
                + self.frontier_status.heightForWidth(box.width())
                + self.frontier.minimumHeight())
        frontier = min(max(total // 2, need), total - self.chart.minimumHeight())
        if total and sizes[1] < frontier:
            self.chart_split.setSizes([total - frontier, frontier])

    def make_frontier(self) -> None:
        """Plan at each country cap in the background and draw cost against dependence."""
        from planner.analysis.frontier import frontier

        if self.doc.report is None or self.doc.errors():
            self.frontier_status.setText(self.tr("The frontier needs a project without "
                                                 "problems: see the Problems panel."))
            return
        if self.frontier_task is not None:
            self.frontier_task.cancel()
        params = {k: float(v) for k, v in self.parameters().items() if k != "objective"}
        project = self.doc.results.snapshot().project
        currency = project.settings.currency
        self.frontier_button.setEnabled(False)
        self.frontier_status.setText(self.tr("Planning at each country cap…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        op: Operation[pd.DataFrame] = Operation(
            lambda progress: frontier(project, progress, **params), exclusive=False)

        def finish() -> bool:
            if self.frontier_task is not op:
                return False
            self.frontier_task = None
            self.frontier_button.setEnabled(True)
            if self.export_task is None:
                self.progress.hide()
                self.cancel_button.hide()
            return True

        def done(table: pd.DataFrame) -> None:
            if finish():
                self.frontier_table = table
                self.frontier.set_frontier(table["max_country_share"].tolist(),
                                           table["top_country_share"].tolist(),
                                           table["total_cost"].tolist(), currency)
                caps = table["max_country_share"]
                self.frontier_status.setText(self.tr(
                    "Each point is the cheapest plan at one country cap, from {high} down to "
                    "{low}.").format(high=fmt.percent(float(caps.iloc[0])),
                                     low=fmt.percent(float(caps.iloc[-1]))))
                self.share_chart_room()

        def failed(exc: BaseException) -> None:
            if finish():
                self.frontier_status.setText(
                    str(exc) if isinstance(exc, PlannerError) else
                    self.tr("No frontier: {error}").format(error=exc))

        def cancelled() -> None:
            if finish():
                self.frontier_status.setText(self.tr("Frontier cancelled."))

        self.frontier_task = op.success(done).failure(failed).cancelled_(
            cancelled).on_progress(self._advanced)
        op.run(self)


def _with_plan(results: Results, params: dict[str, float | str],
               progress: Progress) -> Results:
    results.plan(progress, **params)
    return results


__all__ = ["PlanPage"]
