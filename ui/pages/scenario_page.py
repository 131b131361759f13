"""Scenarios: stop a country, a supplier or a preset export control and see what runs out.

The page asks the engine (planner.analysis.scenario) for one stop's result and shows it: headline
cards from ``scenario_summary``, the projected stock curves, the hit materials and the
products. The risk ranking stops every supplier and country in turn, in the background;
double-clicking a ranked stop shows it above. A shown scenario is re-run whenever the
figures change (an edit, an undo, a new import), so it never shows stale numbers.
"""

from __future__ import annotations

import datetime as dt
import html
import time

from planner.analysis.scenario import Ranking, ScenarioError, ScenarioResult, scenario
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
    BarDelegate,
    ResultTable,
    material_columns,
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
OF = "<span style='font-size:11pt; font-weight:400'>&nbsp;{of}</span>"

# Chart panels, the message and the error line take their look from the application's
# style sheet (resources/style.qss); only the cards here are smaller, to fit five.
STYLE = """
QLabel#cardValue { font-size: 17pt; }
"""


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
        self._generation = 0
        self._task: Operation[ScenarioResult] | None = None
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
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in self.cards.values():
            # captions are one or two short lines, never wrapped: a wrapped label's
            # height is guessed before its width is known, and the text would be cut
            card.caption.setWordWrap(False)
            card.caption.setMinimumHeight(2 * card.caption.fontMetrics().lineSpacing())
            card.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            cards.addWidget(card, 1)

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
        self.materials_table = ResultTable(material_columns(self._currency()))
        self.products_table = ResultTable(product_columns(self._currency()))
        self.ranking_table = ResultTable(ranking_columns(self._currency()))
        self.ranking_table.setItemDelegateForColumn(
            [c.key for c in self.ranking_table.table_model.columns].index(
                "risk_exposure_index"), BarDelegate(self.ranking_table))
        self.ranking_table.doubleClicked.connect(self._run_ranked)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.materials_table, self.tr("Materials hit"))
        self.tabs.addTab(self.products_table, self.tr("Products"))
        self.tabs.addTab(self.ranking_table, self.tr("Risk ranking"))
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

        layout.addWidget(self.controls)
        layout.addLayout(cards)
        layout.addWidget(self.lookthrough_note)
        layout.addWidget(self.split, 1)

        self.chart.materialClicked.connect(doc.select_item)
        for table in (self.materials_table, self.products_table):
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
        background = len(report.materials) > self.background_materials
        project = doc.project.copy() if background else doc.project
        if background:
            self.controls.busy.show()
        if self._task is not None:
            self._task.cancel()
        self._task = Operation(
            lambda _progress: scenario(project, stop, report=report), exclusive=False,
        ).success(lambda result: self._finished(generation, result)
                  ).failure(lambda exc: self._finished(generation, exc))
        self._task.run(self, background=background)

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
        """A card's value as the user reads it ("2 of 6", "EUR 5.45 m")."""
        text = self.cards[key].value.text()
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
        else:
            self._show(outcome)  # type: ignore[arg-type]

    def _show(self, result: ScenarioResult) -> None:
        self.controls.busy.hide()
        self.controls.set_error("")
        self.result = result
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
        self.materials_table.set_frame(result.materials, material_columns(currency))
        self.products_table.set_frame(product_frame(result), product_columns(currency))
        self.tabs.setTabText(0, self.tr("Materials hit ({count})").format(
            count=fmt.count(len(result.materials))))
        self.tabs.setTabText(1, self.tr("Products ({count})").format(
            count=fmt.count(len(result.products))))
        if result.materials.empty:
            self.chart.clear()
            self._show_message(self.tr("The stop hits nothing"),
                               self.tr("No source of this project comes from this stop. "
                                       "Choose another country, supplier or preset."),
                               keep_cards=True)
        else:
            self.chart.set_result(result)
            self.message.hide()
            self.chart.show()
            self._item_selected(self.doc.selected_item)
        self.scenarioShown.emit()

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

    def _show_message(self, title: str, text: str, keep_cards: bool = False) -> None:
        if not keep_cards:
            self.result, self.summary = None, {}
            self.lookthrough_note.hide()
            for card in self.cards.values():
                card.set(fmt.DASH)
            self.materials_table.set_frame(self.materials_table.table_model.frame.iloc[:0])
            self.products_table.set_frame(self.products_table.table_model.frame.iloc[:0])
        self.message.setText(f"<p style='font-size:13pt; font-weight:600'>{title}</p>"
                             f"<p>{text}</p>")
        self.chart.hide()
        self.message.show()
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
