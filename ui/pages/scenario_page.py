"""Scenarios: stop a country, a supplier or a preset export control and see what runs out.

The page asks the engine (planner.analysis.scenario) for one stop's result and shows it: headline
cards from ``scenario_summary``, the projected stock curves, the hit materials and the
products. The alternates a stop switches to are said under the cards and listed in a tab
of their own; a material listed only because an alternate used it is marked in the
materials table. A licence review is said under the cards and marked on the curves; a price
spike (with the stop or alone) adds cards of its cost and a table per material. The risk
ranking stops every supplier and country in turn, in the background; double-clicking a
ranked stop shows it above. A shown scenario is re-run whenever the
figures change (an edit, an undo, a new import), so it never shows stale numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import time
from dataclasses import dataclass

from planner.analysis.commodity_names import commodity_name
from planner.analysis.plan import Plan
from planner.analysis.price_spike import PriceSpike, PriceSpikeResult, price_spike
from planner.analysis.scenario import Ranking, ScenarioError, ScenarioResult, Stop, scenario
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.errors import PlannerError
from planner.outputs.scenario_reports import scenario_summary
from ui.common import theme
from ui.common.errors import describe
from ui.common.operations import Operation
from ui.common.widgets import Card
from ui.editing.document import Document
from ui.pages.scenario_chart import StockCurves
from ui.pages.scenario_controls import Request, StopControls
from ui.pages.scenario_tables import (
    AlternatesModel,
    BarDelegate,
    MaterialsModel,
    ResultTable,
    alternate_columns,
    alternate_sentences,
    material_columns,
    price_columns,
    product_columns,
    product_frame,
    ranking_columns,
    ranking_frame,
)
from ui.qt import (
    QFontMetrics,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)

BACKGROUND_MATERIALS = 2_000  # above this many materials a scenario runs off the UI thread
ALTERNATE_LINES = 2  # alternates said under the cards; the tab lists them all
ALTERNATES_TAB = 4  # after the price spike's, whose index (3) tests and code rely on
OF = "<span style='font-size:11pt; font-weight:400'>&nbsp;{of}</span>"

# Chart panels, the message and the error line take their look from the application's
# style sheet (resources/style.qss); only the cards here are smaller, to fit five.
STYLE = """
QLabel#cardValue { font-size: 17pt; }
"""


@dataclass(frozen=True)
class Outcome:
    """A stop's result, a price spike's, or both (a price spike alone has no stop)."""

    result: ScenarioResult | None
    priced: PriceSpikeResult | None


class ScenarioPage(QWidget):
    """Controls on top, headline cards, then the curves over the tables (a splitter)."""

    scenarioShown = Signal()  # a result, or why there is none, is on screen
    rankingShown = Signal()

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.setStyleSheet(STYLE)
        self.background_materials = BACKGROUND_MATERIALS
        self.request: Request | None = None  # the scenario shown (or being computed)
        self.result: ScenarioResult | None = None
        self.summary: dict[str, object] = {}
        self.ranking: Ranking | None = None
        self.priced: PriceSpikeResult | None = None  # the price spike shown, if any
        self._generation = 0
        self._task: Operation[object] | None = None
        self._rank_task: Operation[Ranking] | None = None
        self._rank_started = 0.0
        self._figures = 0  # counts reportChanged, to know whether a ranking is stale
        self._ranked_figures = 0
        self._pending = True  # choices (and a shown scenario) to refresh when next shown

        self.controls = StopControls(doc, self)
        self.controls.runRequested.connect(self.run)

        # --- headline cards
        self.cards = {
            "first_stockout_days": Card(self.tr("first stock-out")),
            "materials_out": Card(self.tr("materials run out")),
            "products_stopped": Card(self.tr("products stop")),
            "units_lost": Card(self.tr("units of products lost")),
            "revenue_at_risk": Card(self.tr("revenue at risk")),
        }
        self.price_cards = {
            "extra_cost": Card(self.tr("extra cost of the price spike")),
            "avoided_by_stock": Card(self.tr("avoided by stock")),
            "avoided_by_orders": Card(self.tr("avoided by orders")),
            "net_extra_cost": Card(self.tr("net extra cost")),
            "plan_extra_cost": Card(self.tr("plan extra cost")),
        }
        self.stop_row = card_row(self.cards, 2)
        self.price_row = card_row(self.price_cards, 1)
        # sums of money are longer than the stop's counts: a smaller figure keeps them whole
        self.price_row.setStyleSheet("QLabel#cardValue { font-size: 15pt; }")
        self.price_row.hide()

        # --- curves over tables
        self.chart = StockCurves()
        self.message = QLabel()
        self.message.setObjectName("scenarioMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.chart)
        top_layout.addWidget(self.message)
        self.materials_table = ResultTable(material_columns(self._currency()),
                                           model=MaterialsModel)
        self.products_table = ResultTable(product_columns(self._currency()))
        self.ranking_table = ResultTable(ranking_columns(self._currency()))
        self.ranking_table.setItemDelegateForColumn(
            [c.key for c in self.ranking_table.table_model.columns].index(
                "risk_exposure_index"), BarDelegate(self.ranking_table))
        self.ranking_table.doubleClicked.connect(self._run_ranked)
        self.price_table = ResultTable(price_columns(self._currency()))
        self.alternates_table = ResultTable(alternate_columns(), model=AlternatesModel)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.materials_table, self.tr("Materials hit"))
        self.tabs.addTab(self.products_table, self.tr("Products"))
        self.tabs.addTab(self.ranking_table, self.tr("Risk ranking"))
        self.tabs.addTab(self.price_table, self.tr("Price spike"))
        self.tabs.setTabVisible(3, False)
        self.tabs.addTab(self.alternates_table, self.tr("Alternates"))
        self.tabs.setTabVisible(ALTERNATES_TAB, False)
        self.tabs.setCornerWidget(self._ranking_corner(), Qt.Corner.TopRightCorner)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(top)
        self.split.addWidget(self.tabs)
        self.split.setSizes([600, 340])  # the curves get most of the room

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        # how much of the hit look-through found; shown only when it found some
        self.lookthrough_note = QLabel()
        self.lookthrough_note.setObjectName("hint")
        self.lookthrough_note.setWordWrap(True)
        self.lookthrough_note.setTextFormat(Qt.TextFormat.PlainText)
        self.lookthrough_note.hide()
        # the licence review of the stop shown, when it has one
        self.review_note = QLabel()
        self.review_note.setObjectName("hint")
        self.review_note.setWordWrap(True)
        self.review_note.setTextFormat(Qt.TextFormat.PlainText)
        self.review_note.hide()
        # the alternates the stop switched to, one line each (the first few)
        self.alternates_note = QLabel()
        self.alternates_note.setObjectName("hint")
        self.alternates_note.setWordWrap(True)
        self.alternates_note.setTextFormat(Qt.TextFormat.PlainText)
        self.alternates_note.hide()

        layout.addWidget(self.controls)
        layout.addWidget(self.stop_row)
        layout.addWidget(self.price_row)
        layout.addWidget(self.review_note)
        layout.addWidget(self.lookthrough_note)
        layout.addWidget(self.alternates_note)
        layout.addWidget(self.split, 1)

        self.chart.materialClicked.connect(doc.select_item)
        for table in (self.materials_table, self.products_table, self.price_table,
                      self.alternates_table):
            table.selectionModel().currentRowChanged.connect(
                lambda current, _prev, t=table: self._row_chosen(t, current))
        doc.itemSelected.connect(self._item_selected)
        doc.reportChanged.connect(self._report_changed)
        self._show_message(self.tr("Choose a stop and press Run"),
                           self.tr("See how long each material lasts when a country or a "
                                   "supplier stops delivering, what runs out first and which "
                                   "products stop."))

    def _ranking_corner(self) -> QWidget:
        """The ranking's button and its state, on the right of the tab bar (no row of
        its own, so the tables keep their height on a small screen)."""
        corner = QWidget()
        self.rank_button = QPushButton(self.tr("Rank all suppliers and countries"), corner)
        self.rank_button.clicked.connect(self.rank_all)
        self.rank_progress = QProgressBar(corner)
        self.rank_progress.setRange(0, 0)
        self.rank_progress.setFixedSize(90, 10)
        self.rank_progress.setTextVisible(False)
        self.rank_progress.hide()
        self.rank_note = QLabel(corner)
        self.rank_note.setObjectName("muted")
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 2, 0, 4)
        row.setSpacing(8)
        row.addWidget(self.rank_note)
        row.addWidget(self.rank_progress)
        row.addWidget(self.rank_button)
        self._set_rank_note()
        return corner

    # --- public ----------------------------------------------------------------------
    def run(self) -> None:
        """Run the stop chosen in the controls."""
        self._refresh_if_pending()
        try:
            request = self.controls.request()
        except ScenarioError as exc:
            self._fail(exc)
            return
        self.start(request)

    def start(self, request: Request) -> None:
        """Compute ``request`` (off the UI thread on a large project) and show it."""
        self._generation += 1
        generation = self._generation
        self.request = request
        doc = self.doc
        if doc.report_error:
            self._show_message(self.tr("The figures cannot be computed"),
                               html.escape(doc.report_error) + "<br><br>" + self.tr(
                                   "Fix the problems marked in the tables; the scenario "
                                   "comes back by itself."))
            return
        if doc.report is None:
            self._show_message(self.tr("Computing the figures…"),
                               self.tr("The scenario runs as soon as they are ready."))
            return
        report = doc.report
        try:
            stop = self.controls.stop_for(request)
        except PlannerError as exc:
            self._fail(exc)
            return
        if self._task is not None:
            self._task.cancel()
        if request.price is not None:
            self._start_priced(generation, stop, request.price)
            return
        assert stop is not None  # no price spike: a stop
        background = len(report.materials) > self.background_materials
        project = doc.project.copy() if background else doc.project
        if background:
            self.controls.busy.show()
        self._task = Operation(
            lambda _progress: scenario(project, stop, report=report), exclusive=False,
        ).success(lambda result: self._finished(generation, result)
                  ).failure(lambda exc: self._finished(generation, exc))
        self._task.run(self, background=background)

    def _start_priced(self, generation: int, stop: Stop | None, spike: PriceSpike) -> None:
        """A price spike (with the stop, or alone) in the background: its plan figures
        need the procurement plan, which the results layer keeps for the Plan page."""
        results, snapshot = self.doc.results, self.doc.results.snapshot()
        self.controls.busy.show()

        def work(_progress: object) -> Outcome:
            project, report = snapshot.project, snapshot.require_report()
            result = scenario(project, stop, report=report) if stop is not None else None
            plan: Plan | None
            try:
                plan = snapshot.plan()
            except PlannerError:  # no plan: the spike's other figures stand without it
                plan = None
            return Outcome(result, price_spike(project, report, spike, result, plan))

        def done(outcome: Outcome) -> None:
            results.adopt(snapshot)  # the plan, made once for this state of the project
            self._finished(generation, outcome)

        self._task = Operation(work, exclusive=False).success(done).failure(
            lambda exc: self._finished(generation, exc))
        self._task.run(self)

    def rank_all(self) -> None:
        """Stop every supplier and country in turn, in the background."""
        self._refresh_if_pending()
        doc = self.doc
        if self._rank_task is not None or doc.report is None or doc.report_error:
            return
        results, snapshot = doc.results, doc.results.snapshot()
        self.rank_button.setEnabled(False)
        self.rank_progress.show()
        self.rank_note.setText(self.tr("Stopping every supplier and country in turn…"))
        self.tabs.setCurrentWidget(self.ranking_table)
        doc.message.emit(self.tr("Ranking every supplier and origin country…"))
        self._rank_started = time.perf_counter()
        self._ranked_figures = self._figures

        def ranked(ranking: Ranking) -> None:
            results.adopt(snapshot)  # the printed summary reuses it
            self._ranked(ranking)

        # one ranking per state of the project, kept by the results layer
        self._rank_task = Operation(lambda _progress: snapshot.ranking(), exclusive=False
                                    ).success(ranked).failure(self._rank_failed)
        self._rank_task.run(self)

    def card_text(self, key: str) -> str:
        """A card's value as the user reads it ("2 of 6", "EUR 5.45 m"), of the stop's
        cards or the price spike's."""
        text = (self.cards[key] if key in self.cards else self.price_cards[key]).value.text()
        text = text.replace("&nbsp;", " ")
        while "<" in text:
            start = text.index("<")
            text = text[:start] + text[text.index(">", start) + 1:]
        return text

    def showing_message(self) -> bool:
        return not self.message.isHidden()

    # --- results ---------------------------------------------------------------------
    def _finished(self, generation: int, outcome: object) -> None:
        if generation != self._generation:
            return  # a newer run was started; this one is dropped
        self._task = None
        self.controls.busy.hide()
        if isinstance(outcome, BaseException):
            self._fail(outcome)
        elif isinstance(outcome, Outcome):
            if outcome.result is None:
                assert outcome.priced is not None
                self._show_price_alone(outcome.priced)
            else:
                self._show(outcome.result, outcome.priced)
        else:
            self._show(outcome)  # type: ignore[arg-type]

    def _show(self, result: ScenarioResult, priced: PriceSpikeResult | None = None) -> None:
        self.controls.busy.hide()
        self.controls.set_error("")
        self.result = result
        self.stop_row.show()
        self._set_price(priced)
        self.summary = scenario_summary(result)
        s, currency = result.stop, result.currency
        self._set_cards(result)
        cut, days, date = fmt.percent(s.cut), s.days, fmt.date(result.as_of)
        if s.materials is not None:  # a preset: its title says what stops
            title = (self.tr("{name}: {days} days, {cut} cut from {date}") if s.cut < 1 else
                     self.tr("{name}: {days} days from {date}")).format(
                name=s.name, days=days, cut=cut, date=date)
        else:
            name = country_name(s.key) if s.by == "country" and s.name else s.name
            what = f"{name} ({s.key})" if name else s.label
            title = (self.tr("{what} stopped for {days} days, {cut} cut from {date}")
                     if s.cut < 1 else self.tr("{what} stopped for {days} days from {date}")
                     ).format(what=what, days=days, cut=cut, date=date)
        self.chart.title.setText(title)
        self._note_lookthrough(result)
        self._note_review(s)
        alternates = not result.alternates.empty
        self.materials_table.set_frame(result.materials, material_columns(currency,
                                                                          alternates))
        self.products_table.set_frame(product_frame(result), product_columns(currency))
        hit = int(self.summary["materials_hit"])  # type: ignore[call-overload]
        extra = len(result.materials) - hit  # listed for what the alternates used
        self.tabs.setTabText(0, self.tr("Materials hit ({count})").format(
            count=fmt.count(hit)) if not extra else self.tr(
            "Materials: {count} hit, {extra} used by alternates").format(
            count=fmt.count(hit), extra=fmt.count(extra)))
        self.tabs.setTabText(1, self.tr("Products ({count})").format(
            count=fmt.count(len(result.products))))
        self._set_alternates(result)
        if self.tabs.currentWidget() not in (self.materials_table, self.products_table,
                                             self.alternates_table):
            self.tabs.setCurrentWidget(self.materials_table)  # a stop's own results
        if result.materials.empty:
            self.chart.clear()
            self._show_message(self.tr("The stop hits nothing"),
                               self.tr("No source of this project comes from this stop. "
                                       "Choose another country, supplier or preset."),
                               keep_cards=True)
        else:
            self.chart.set_result(curves_of(result))
            self.message.hide()
            self.chart.show()
            self._item_selected(self.doc.selected_item)
        self.scenarioShown.emit()

    def _set_alternates(self, result: ScenarioResult | None) -> None:
        """The alternates the stop could use: the first few said under the cards, all of
        them in their tab (hidden when the project has none the stop could use)."""
        table = result.alternates if result is not None else None
        if table is None or table.empty:
            self.alternates_note.hide()
            self.alternates_note.setText("")
            if self.tabs.currentWidget() is self.alternates_table:
                self.tabs.setCurrentWidget(self.materials_table)
            self.tabs.setTabVisible(ALTERNATES_TAB, False)
            self.alternates_table.set_frame(self.alternates_table.table_model.frame.iloc[:0])
            return
        lines = alternate_sentences(table)
        shown = lines[:ALTERNATE_LINES]
        if len(lines) > len(shown):
            shown.append(self.tr("%n more alternate(s) in the Alternates tab.", None,
                                 len(lines) - len(shown)))
        self.alternates_note.setText("\n".join(shown))
        self.alternates_note.setToolTip("\n".join(lines))
        self.alternates_note.show()
        self.alternates_table.set_frame(table)
        self.tabs.setTabText(ALTERNATES_TAB, self.tr("Alternates ({count})").format(
            count=fmt.count(len(table))))
        self.tabs.setTabVisible(ALTERNATES_TAB, True)

    def alternates_text(self) -> str:
        """The alternates said under the cards, as the user reads them."""
        return "" if self.alternates_note.isHidden() else self.alternates_note.text()

    def _note_review(self, stop: Stop | None) -> None:
        """Say the licence review of the stop shown, when it has one."""
        if stop is None or stop.review_day is None:
            self.review_note.hide()
            self.review_note.setText("")
            return
        self.review_note.setText(self.tr(
            "Licence review: from day {day}, {approved} of the cut deliveries resume.").format(
                day=stop.review_day, approved=fmt.percent(stop.approved)))
        self.review_note.show()

    def _show_price_alone(self, priced: PriceSpikeResult) -> None:
        """A price spike without a stop: its cards and table, no curves."""
        self.controls.busy.hide()
        self.controls.set_error("")
        self._show_message(self._price_title(priced), html.escape(self._price_sentence(priced)),
                           emit=False)
        self.stop_row.hide()
        self._set_price(priced)
        self.tabs.setTabText(0, self.tr("Materials hit"))
        self.tabs.setTabText(1, self.tr("Products"))
        self.tabs.setCurrentWidget(self.price_table)
        self.scenarioShown.emit()

    def _price_title(self, priced: PriceSpikeResult) -> str:
        spike = priced.spike
        factor = fmt.number(spike.factor, 0 if float(spike.factor).is_integer() else 1)
        target = self._target_text(spike)
        return (self.tr("Price spike on {target}: {factor} times the price for {days} days, "
                        "on the stopped sources only") if priced.stop is not None else
                self.tr("Price spike on {target}: {factor} times the price for {days} days")
                ).format(target=target, factor=factor, days=fmt.count(spike.days))

    def _target_text(self, spike: PriceSpike) -> str:
        """The spike's target in the window's language."""
        if spike.kind == "commodity":
            return self.tr("{name} (commodity)").format(name=commodity_name(spike.name))
        if spike.kind == "category":
            return self.tr("{name} (category)").format(name=spike.name)
        return spike.name

    def _price_sentence(self, priced: PriceSpikeResult) -> str:
        """The price spike's totals in a sentence, as the command line says them."""
        if priced.materials.empty:
            return self.tr("The price spike hits no purchased material of this project.")
        money = priced.currency
        text = self.tr("Extra cost {extra}; the stock on hand avoids {stock} and the open "
                       "orders {orders}, leaving {net}.").format(
            extra=fmt.money(priced.extra_cost, money),
            stock=fmt.money(priced.avoided_by_stock, money),
            orders=fmt.money(priced.avoided_by_orders, money),
            net=fmt.money(priced.net_extra_cost, money))
        return fmt.sentences(text, self.tr(
            "The procurement plan's lines ordered within the spike cost {extra} more.").format(
                extra=fmt.money(priced.plan_extra_cost, money)) if priced.plan_used else
            self.tr("No procurement plan could be made: its extra cost is not counted."))

    def _set_price(self, priced: PriceSpikeResult | None) -> None:
        """The price spike's cards and table (hidden without one)."""
        self.priced = priced
        self.price_row.setVisible(priced is not None)
        self.tabs.setTabVisible(3, priced is not None)
        if priced is None:
            self.price_table.set_frame(self.price_table.table_model.frame.iloc[:0])
            return
        money = priced.currency
        hit = len(priced.materials)
        sentence = self._price_sentence(priced)
        title = self._price_title(priced)
        tips = {
            "extra_cost": self.tr("Buying the requirement of the spike's days at the raised "
                                  "price rather than today's."),
            "avoided_by_stock": self.tr("The stock on hand, bought at the old price, is used "
                                        "first."),
            "avoided_by_orders": self.tr("The open orders due within the spike were bought at "
                                         "the old price."),
            "net_extra_cost": self.tr("The extra cost less what the stock and the open orders "
                                      "avoid."),
            "plan_extra_cost": self.tr("The procurement plan's lines ordered within the "
                                       "spike, bought at the raised price."),
        }
        for key, card in self.price_cards.items():
            value = getattr(priced, key)
            if key == "plan_extra_cost" and not priced.plan_used:
                card.set(fmt.DASH, "", self.tr("No procurement plan could be made: its extra "
                                               "cost is not counted."))
                continue
            level = "bad" if key in ("extra_cost", "net_extra_cost") and value > 0 else ""
            card.set(fmt.money(value, money), level, f"{title}\n{tips[key]}\n\n{sentence}")
        self.price_table.set_frame(priced.materials, price_columns(money))
        self.tabs.setTabText(3, self.tr("Price spike ({count})").format(count=fmt.count(hit)))

    def _note_lookthrough(self, result: ScenarioResult) -> None:
        """Say how much of the hit look-through found (supply of unknown origin spread
        over the world's producers), when it found any."""
        m = result.materials
        looked = (m["looked_through_share"].to_numpy(dtype=float, na_value=0.0)
                  if "looked_through_share" in m else None)
        k = int((looked > 0).sum()) if looked is not None else 0
        if not k:
            self.lookthrough_note.hide()
            self.lookthrough_note.setText("")
            return
        at = int(looked.argmax())  # type: ignore[union-attr]
        self.lookthrough_note.setText(self.tr(
            "Look-through: part of the hit on {count} of the %n material(s) comes from "
            "origins you do not know, spread over the world's producers; the most is {share} "
            "of the supply of {name}. An estimate.", None, len(m)).format(
                count=fmt.count(k), share=fmt.share(float(looked[at])),  # type: ignore[index]
                name=fmt.short_name(str(m["name"].iloc[at]))))
        self.lookthrough_note.show()

    def _set_cards(self, result: ScenarioResult) -> None:
        s = self.summary
        m, p = result.materials, result.products
        first = s["first_stockout_days"]
        card = self.cards["first_stockout_days"]
        if first is None:
            card.set(fmt.word(fmt.NONE), "", self.tr(
                "No material runs out within the {days} days.").format(days=result.stop.days))
            card.caption.setText(self.tr("first stock-out\nevery material lasts"))
        else:
            row = m.loc[m["time_to_survive_days"].notna()].iloc[0]
            date = result.as_of + dt.timedelta(days=int(float(first)))
            card.set(fmt.day(first), "bad",
                     self.tr("{name} ({id}) runs out on {day}, {date}.").format(
                         name=row["name"], id=row["item_id"], day=fmt.day(first),
                         date=fmt.date(date)))
            name = QFontMetrics(card.caption.font()).elidedText(
                fmt.short_name(str(row["name"])), Qt.TextElideMode.ElideRight,
                max(card.caption.width(), 120))
            card.caption.setText(self.tr("first stock-out, {date}\n{name}").format(
                date=fmt.date(date), name=name))
        out, hit = int(s["materials_out"]), int(s["materials_hit"])  # type: ignore[call-overload]
        self.cards["materials_out"].set(fmt.count(out) + self._of(hit), "bad" if out else "",
                                        self.tr("Hit materials whose stock reaches zero "
                                                "within the stop, of all the materials it "
                                                "hits."))
        stopped = int(s["products_stopped"])  # type: ignore[call-overload]
        self.cards["products_stopped"].set(
            fmt.count(stopped) + self._of(len(p)), "bad" if stopped else "",
            self.tr("Products that can no longer be made within the stop, of those using a "
                    "hit material (their stock and the intermediate stock on the BOM path "
                    "counted)."))
        units = float(s["units_lost"] or 0.0)  # type: ignore[arg-type]
        self.cards["units_lost"].set(fmt.quantity(units), "warn" if units else "",
                                     self.tr("Daily demand × outage days, summed over "
                                             "the products."))
        revenue = float(s["revenue_at_risk"] or 0.0)  # type: ignore[arg-type]
        currency = result.currency
        self.cards["revenue_at_risk"].set(fmt.money(revenue, currency),
                                          "bad" if revenue else "",
                                          self.tr("Units lost × unit price, summed over "
                                                  "the products."))

    def _of(self, n: int) -> str:
        """The small "of 6" after a card's count ("2 of 6")."""
        return OF.format(of=html.escape(self.tr("of {n}").format(n=fmt.count(n))))

    def _fail(self, exc: BaseException) -> None:
        headline, _details = describe(exc)
        self._fail_text(headline)

    def _fail_text(self, text: str) -> None:
        """Say why in a line under the controls; a result shown before is taken away,
        since it no longer answers what was asked."""
        self.controls.busy.hide()
        self.controls.set_error(text)
        self._show_message(self.tr("The scenario cannot be run"), html.escape(text))

    def _show_message(self, title: str, text: str, keep_cards: bool = False,
                      emit: bool = True) -> None:
        if not keep_cards:
            self.result, self.summary = None, {}
            self.lookthrough_note.hide()
            self._note_review(None)
            self._set_alternates(None)
            self.stop_row.show()
            self._set_price(None)
            for card in self.cards.values():
                card.set(fmt.DASH)
            self.materials_table.set_frame(self.materials_table.table_model.frame.iloc[:0])
            self.products_table.set_frame(self.products_table.table_model.frame.iloc[:0])
        self.message.setText(f"<p style='font-size:13pt; font-weight:600'>{title}</p>"
                             f"<p>{text}</p>")
        self.chart.hide()
        self.message.show()
        if emit:
            self.scenarioShown.emit()

    # --- ranking ---------------------------------------------------------------------
    def _ranked(self, ranking: Ranking) -> None:
        seconds = time.perf_counter() - self._rank_started
        self._rank_task = None
        self.rank_button.setEnabled(True)
        self.rank_progress.hide()
        self.ranking = ranking
        self.ranking_table.set_frame(ranking_frame(ranking), ranking_columns(ranking.currency))
        self.tabs.setTabText(2, self.tr("Risk ranking ({count})").format(
            count=fmt.count(len(ranking.stops))))
        self._set_rank_note(stale=self._ranked_figures != self._figures)
        took = (self.tr("{seconds} s").format(seconds=f"{seconds:.1f}") if seconds >= 0.1
                else self.tr("under 0.1 s"))
        self.doc.message.emit(self.tr("Ranked {count} stops in {took}").format(
            count=fmt.count(len(ranking.stops)), took=took))
        self.rankingShown.emit()

    def _rank_failed(self, exc: BaseException) -> None:
        self._rank_task = None
        self.rank_button.setEnabled(True)
        self.rank_progress.hide()
        headline, _ = describe(exc)
        self.rank_note.setText(f"<span style='color:{theme.current().status_text['critical']}'>"
                               f"{html.escape(headline)}</span>")
        self.rank_note.setToolTip(headline)
        self.rankingShown.emit()

    def _set_rank_note(self, stale: bool = False) -> None:
        horizon = self.doc.project.settings.horizon_days
        about = self.tr("Each supplier and each origin country is stopped in turn for its "
                        "time to recover (a blank counts the horizon, {horizon} days) and "
                        "ranked by revenue at risk. The risk exposure index is its revenue at "
                        "risk ÷ the largest; a high index with a low spend share is a hidden "
                        "single point of failure.").format(
            horizon=fmt.setting_number(horizon))
        if self.ranking is None:
            text = ""
        elif stale:
            text = (f"<span style='color:{theme.current().level_text['warn']}'>"
                    + html.escape(self.tr("The project changed: rank again")) + "</span>")
        else:
            text = self.tr("Double-click a stop to see it above")
        self.rank_note.setText(text)
        for widget in (self.rank_button, self.rank_note):
            widget.setToolTip(about)

    def _run_ranked(self, index: QModelIndex) -> None:
        if self.ranking is None or not index.isValid():
            return
        stop = self.ranking.stop_at(self.ranking_table.table_model.position(index.row()))
        self.controls.show_stop(stop)
        self.start(Request(stop.by, stop.key, stop.days, stop.cut))

    # --- selection and changes ----------------------------------------------------------
    def _row_chosen(self, table: ResultTable, current: QModelIndex) -> None:
        if current.isValid():
            self.doc.select_item(table.item_at(current.row()))

    def _item_selected(self, item_id: str) -> None:
        self.chart.highlight(item_id)
        self.materials_table.show_item(item_id)
        self.products_table.show_item(item_id)
        self.price_table.show_item(item_id)
        self.alternates_table.show_item(item_id)

    def _report_changed(self) -> None:
        self._figures += 1
        if self.ranking is not None:
            self._set_rank_note(stale=True)
        if self.isVisible():
            self._refresh()
        else:
            self._pending = True  # redone when shown: edits elsewhere stay fast

    def _refresh(self) -> None:
        self._pending = False
        self.controls.refresh()
        if self.request is not None:
            self.start(self.request)

    def _refresh_if_pending(self) -> None:
        if self._pending:
            self._refresh()

    def _currency(self) -> str:
        return self.doc.project.settings.currency

    def showEvent(self, event: object) -> None:
        self._refresh_if_pending()
        super().showEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: object) -> None:
        # Enter on a ranked stop shows it, as a double-click does (the controls handle
        # their own Enter)
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
                and self.ranking_table.hasFocus()):
            self._run_ranked(self.ranking_table.currentIndex())
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


def curves_of(result: ScenarioResult) -> ScenarioResult:
    """The result as the curves draw it: a material listed only for what an alternate
    used, without demand of its own, has no days of cover to draw, and the chart must not
    count it among the hit materials it leaves out."""
    m = result.materials
    if "alternate_only" not in m:
        return result
    keep = ~(m["alternate_only"].to_numpy(dtype=bool, na_value=False)
             & ~(m["daily_use"].to_numpy(dtype=float, na_value=0.0) > 0))
    if keep.all():
        return result
    return dataclasses.replace(result, materials=m[keep].reset_index(drop=True),
                               projection=result.projection.iloc[:, keep])


def card_row(cards: dict[str, Card], lines: int) -> QWidget:
    """A row of cards whose captions take ``lines`` lines, never wrapped: a wrapped
    label's height is guessed before its width is known, and the text would be cut."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    for card in cards.values():
        card.caption.setWordWrap(False)
        card.caption.setMinimumHeight(lines * card.caption.fontMetrics().lineSpacing())
        card.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(card, 1)
    return row
