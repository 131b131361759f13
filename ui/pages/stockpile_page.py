"""Stockpile: how much stock is worth holding, material by material.

The engine (planner.analysis.stockpile) weighs, for each purchased material, the yearly
holding cost of d days of stock against the expected yearly loss of the stops in the risk
ranking and the presets (each times its likelihood a year), for d = 0 … 365, and
recommends the days where their sum is least. This page shows that: a table of the
materials, those where a unit of holding cost avoids the most loss first, and for the
material selected a chart of the two costs and their sum against days of stock, marked at
the recommended days, the material's target and JOGMEC's 60 days. The sizing runs in the
background, as the Scenarios page's ranking does, and again whenever the figures change.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyqtgraph as pg

from planner.core import formatting as fmt
from planner.core import palette
from planner.core.palette import Scheme
from planner.outputs.stockpile_reports import unpriced_sentence
from ui.common import theme
from ui.common.errors import describe
from ui.common.operations import Operation
from ui.editing.document import Document
from ui.editing.models import Col
from ui.pages.charts import ChartPanel, legend_html
from ui.pages.scenario_tables import ResultTable
from ui.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QProgressBar,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from planner.analysis.stockpile import StockpileResult
    from planner.results import Results

JOGMEC = 60  # JOGMEC's national stockpile mark, in days (the engine's JOGMEC_DAYS)
ZOOM = 3.0  # the value axis ends at this many times the least total, when that cuts little
LABEL_FILL_ALPHA = 225  # the plot's colour behind a mark's label


class _MoneyAxis(pg.AxisItem):
    """Sums written out (5,240,000), not in pyqtgraph's scientific notation."""

    def tickStrings(self, values, scale, spacing):  # pyqtgraph names it
        return [fmt.money(v * scale) for v in values]


class SizingChart(ChartPanel):
    """Holding cost, expected loss and their sum a year against days of stock, for one
    material; vertical marks at the recommended days, its target and JOGMEC's 60 days."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Holding cost and expected loss"), parent)
        # money on the left axis, written out
        axis = _MoneyAxis("left")
        axis.setStyle(tickFont=self.tick_font, tickTextOffset=5)
        axis.label.setFont(self.tick_font)
        self.plot.setAxisItems({"left": axis})
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.set_axis_label("bottom", self.tr("days of stock (of the material's daily use)"))
        self.set_axis_label("left", self.tr("a year"))
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.holding_curve = pg.PlotCurveItem()
        self.loss_curve = pg.PlotCurveItem()
        self.total_curve = pg.PlotCurveItem()
        for z, curve in enumerate((self.holding_curve, self.loss_curve, self.total_curve)):
            curve.setZValue(z)
            self.plot.addItem(curve)
        # marks: (line, label text); positions up the plot so labels never sit on each other
        self.recommended_line = self._mark(self.tr("recommended · {value:.0f} d"), 0.95)
        self.target_line = self._mark(self.tr("target · {value:.0f} d"), 0.80)
        self.jogmec_line = self._mark(self.tr("JOGMEC · {value:.0f} d"), 0.65)
        self.jogmec_line.setValue(JOGMEC)
        self.minimum_marker = pg.ScatterPlotItem(size=11)
        self.minimum_marker.setZValue(20)
        self.plot.addItem(self.minimum_marker)
        self.item_id = ""
        self.days = np.zeros(0)
        self.holding = np.zeros(0)
        self.loss = np.zeros(0)
        self.total = np.zeros(0)
        self.recommended = 0
        self.target = math.nan
        self.restyle(theme.current())

    def _mark(self, text: str, position: float) -> pg.InfiniteLine:
        line = pg.InfiniteLine(angle=90, movable=False, label=text,
                               labelOpts={"position": position,
                                          "anchors": [(0, 0.5), (0, 0.5)]})
        line.setZValue(15)  # its label over the curves
        self.plot.addItem(line, ignoreBounds=True)
        return line

    def restyle(self, scheme: Scheme) -> None:
        """Curves, marks and the key in ``scheme``'s colours."""
        holding, loss, total = self.colours(scheme)
        self.holding_curve.setPen(pg.mkPen(holding, width=2))
        self.loss_curve.setPen(pg.mkPen(loss, width=2))
        self.total_curve.setPen(pg.mkPen(total, width=3))
        fill = pg.mkBrush(palette.rgba(scheme.base, LABEL_FILL_ALPHA))
        for line, colour, style in (
                (self.recommended_line, total, Qt.PenStyle.SolidLine),
                (self.target_line, scheme.line, Qt.PenStyle.DashLine),
                (self.jogmec_line, scheme.muted, Qt.PenStyle.DotLine)):
            line.setPen(pg.mkPen(colour, width=1.4, style=style))
            line.label.setColor(scheme.text if colour != total else total)
            line.label.fill = fill
        self.minimum_marker.setPen(pg.mkPen(scheme.base, width=1.5))
        self.minimum_marker.setBrush(pg.mkBrush(total))
        self.key.setText(legend_html([(holding, self.tr("holding cost")),
                                      (loss, self.tr("expected loss")),
                                      (total, self.tr("sum"))]))

    @staticmethod
    def colours(scheme: Scheme) -> tuple[str, str, str]:
        """Holding cost, expected loss, their sum."""
        return scheme.before, scheme.status["critical"], scheme.after

    def set_material(self, item_id: str, name: str, currency: str, days: np.ndarray,
                     holding: np.ndarray, loss: np.ndarray, total: np.ndarray,
                     recommended: int, target: float) -> None:
        """Draw one material's curves (the engine's rows of ``holding``,
        ``expected_loss`` and ``total``) and its marks."""
        self.item_id = item_id
        self.days = np.asarray(days, dtype=float)
        self.holding = np.asarray(holding, dtype=float)
        self.loss = np.asarray(loss, dtype=float)
        self.total = np.asarray(total, dtype=float)
        self.recommended, self.target = int(recommended), float(target)
        self.title.setText(self.tr("{name} ({id}): holding cost and expected loss").format(
            name=fmt.short_name(name, 40), id=item_id))
        self.set_axis_label("left", self.tr("a year ({currency})").format(currency=currency)
                            if currency else self.tr("a year"))
        self.holding_curve.setData(self.days, self.holding)
        self.loss_curve.setData(self.days, self.loss)
        self.total_curve.setData(self.days, self.total)
        self.recommended_line.setValue(self.recommended)
        self.target_line.setVisible(math.isfinite(self.target))
        if math.isfinite(self.target):
            self.target_line.setValue(self.target)
        at = min(max(self.recommended, 0), len(self.total) - 1) if len(self.total) else 0
        least = float(self.total[at]) if len(self.total) else 0.0
        self.minimum_marker.setData([self.recommended], [least])
        finite = self.total[np.isfinite(self.total)]
        highest = float(finite.max()) if finite.size else 1.0
        top = min(highest, least * ZOOM) if least > 0 else highest
        top = max(top, float(np.nanmax(self.holding, initial=0.0)) * 0.5, 1e-9)
        top = min(top, highest) if highest > 0 else 1.0
        end = float(self.days[-1]) if len(self.days) else 365.0
        self.vb.setRange(xRange=(-end * 0.01, end * 1.01), yRange=(-top * 0.04, top * 1.08),
                         padding=0)
        if highest > top * 1.08:
            self.set_footer(self.tr("The expected loss with no stock, {money} a year, is "
                                    "above the chart.").format(
                money=fmt.money(float(self.loss[0]), currency)))
        else:
            self.set_footer("")

    def clear(self) -> None:
        self.item_id = ""
        for curve in (self.holding_curve, self.loss_curve, self.total_curve):
            curve.setData([], [])
        self.minimum_marker.setData([], [])
        self.title.setText(self.tr("Holding cost and expected loss"))
        self.set_footer("")

    # --- for tests -------------------------------------------------------------------
    def minimum(self) -> int:
        """The days of stock where the drawn sum is least (the first, on a tie)."""
        return int(self.days[int(np.argmin(self.total))]) if len(self.total) else -1

    def marks(self) -> dict[str, float]:
        """Where the vertical marks stand."""
        marks = {"recommended": float(self.recommended_line.value()),
                 "jogmec": float(self.jogmec_line.value())}
        if self.target_line.isVisible():
            marks["target"] = float(self.target_line.value())
        return marks


def sizing_columns(currency: str) -> list[Col]:
    """The figures that rank a material first, then its days beside the marks."""
    with_currency = f"({currency})" if currency else ""
    return [
        Col("rank", "#", "number"),
        Col("item_id", QCoreApplication.translate("StockpileTables", "Item")),
        Col("name", QCoreApplication.translate("StockpileTables", "Name")),
        Col("loss_avoided_per_added_holding_cost", QCoreApplication.translate(
            "StockpileTables", "Loss avoided per\n1 of holding added"), "quantity",
            QCoreApplication.translate(
                "StockpileTables", "The expected loss a year that raising today's stock to "
                "the recommended days avoids ÷ the holding cost a year it adds (blank: "
                "today's stock is enough); the materials short of it come first")),
        Col("recommended_days", QCoreApplication.translate(
            "StockpileTables", "Recommended\n(days)"), "number", QCoreApplication.translate(
                "StockpileTables", "The days of stock where holding cost plus expected loss "
                "a year is least (0 to 365 days)")),
        Col("days_to_add", QCoreApplication.translate(
            "StockpileTables", "To add\n(days)"), "days", QCoreApplication.translate(
                "StockpileTables", "Days of use to add to today's stock to reach the "
                "recommended days (0: today's stock is enough)")),
        Col("target_days", QCoreApplication.translate("StockpileTables", "Target\n(days)"),
            "number", QCoreApplication.translate(
                "StockpileTables", "The material's own target, or the project's")),
        Col("jogmec_days", QCoreApplication.translate("StockpileTables", "JOGMEC\n(days)"),
            "number", QCoreApplication.translate(
                "StockpileTables", "Japan's national stockpile mark: 60 days of use")),
        Col("current_days", QCoreApplication.translate("StockpileTables", "Now\n(days)"),
            "days", QCoreApplication.translate(
                "StockpileTables", "Stock on hand ÷ daily use")),
        Col("holding_cost_per_year", QCoreApplication.translate(
            "StockpileTables", "Holding cost\na year {currency}").format(
                currency=with_currency).strip(), "money", QCoreApplication.translate(
                "StockpileTables", "The cost a year of holding the recommended stock: its "
                "value × the holding cost in Settings")),
        Col("expected_loss_per_year", QCoreApplication.translate(
            "StockpileTables", "Expected loss\na year {currency}").format(
                currency=with_currency).strip(), "money", QCoreApplication.translate(
                "StockpileTables", "With the recommended stock: each stop's loss × its "
                "likelihood a year, summed")),
        Col("expected_loss_per_year_at_zero", QCoreApplication.translate(
            "StockpileTables", "Expected loss\nwith no stock {currency}").format(
                currency=with_currency).strip(), "money", QCoreApplication.translate(
                "StockpileTables", "The expected loss a year with no stock at all: what "
                "the recommended stock avoids, with the loss left at it")),
    ]


class SizingTable(ResultTable):
    """The materials' table; its titles take two lines, and the frozen id and name
    columns get a header as tall as the rest, so their rows stay level."""

    def updateGeometries(self) -> None:
        super().updateGeometries()
        height = self.horizontalHeader().sizeHint().height()
        if self.frozen.horizontalHeader().height() != height:
            self.frozen.horizontalHeader().setFixedHeight(height)


def sizing_frame(result: StockpileResult) -> pd.DataFrame:
    """The engine's materials with their place in its order (1 = most loss avoided per
    unit of holding cost)."""
    m = result.materials
    return m.assign(rank=np.arange(1, len(m) + 1))


class StockpilePage(QWidget):
    """A note on the assumptions, then the chart of the selected material over the table
    of materials (a splitter)."""

    sized = Signal()  # a sizing, or why there is none, is on screen

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.result: StockpileResult | None = None
        self._task: Operation[StockpileResult] | None = None
        self._generation = 0
        self._pending = True  # size when first shown, and after changes made elsewhere

        title = QLabel(self.tr("How much stock is worth holding"))
        title.setObjectName("sectionTitle")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedSize(90, 10)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("muted")
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.status)
        head.addWidget(self.busy)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        self.chart = SizingChart()
        self.message = QLabel()
        self.message.setObjectName("scenarioMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.hide()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.chart)
        top_layout.addWidget(self.message)
        self.table = SizingTable(sizing_columns(self._currency()))
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(top)
        self.split.addWidget(self.table)
        self.split.setSizes([420, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.split, 1)
        self._set_note()

        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        doc.itemSelected.connect(self._item_selected)
        doc.reportChanged.connect(self._report_changed)
        doc.settingsChanged.connect(self._set_note)

    # --- public ----------------------------------------------------------------------
    def size_stock(self) -> None:
        """Size every material's stock in the background, on a snapshot of the results."""
        self._pending = False
        doc = self.doc
        if doc.report_error:
            self._show_message(self.tr("The figures cannot be computed"),
                               html.escape(doc.report_error) + "<br><br>" + self.tr(
                                   "Fix the problems marked in the tables; the sizing comes "
                                   "back by itself."))
            return
        if doc.report is None:
            self._show_message(self.tr("Computing the figures…"),
                               self.tr("The sizing runs as soon as they are ready."))
            return
        self._generation += 1
        generation = self._generation
        results, snapshot = doc.results, doc.results.snapshot()
        if self._task is not None:
            self._task.cancel()
        self.busy.show()
        self.status.setText(self.tr("Weighing every stop against days of stock…"))

        def done(result: StockpileResult) -> None:
            if generation != self._generation:
                return
            results.adopt(snapshot)  # the ranking (and the sizing) for the other views
            self._task = None
            self._show(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._task = None
            headline, _details = describe(exc)
            self._show_message(self.tr("The stock cannot be sized"), html.escape(headline))

        self._task = Operation(lambda _progress: size(snapshot), exclusive=False
                               ).success(done).failure(failed)
        self._task.run(self)

    def select_row(self, row: int) -> None:
        """Make ``row`` of the table (as shown) current, as a click does."""
        self.table.setCurrentIndex(self.table.table_model.index(row, 0))

    # --- showing ---------------------------------------------------------------------
    def _show(self, result: StockpileResult) -> None:
        self.busy.hide()
        self.result = result
        self._set_note()
        m = result.materials
        self.table.set_frame(sizing_frame(result), sizing_columns(result.currency))
        self.status.setText(self.tr("%n stop(s) weighed", None, len(result.stops)))
        if m.empty:
            self.chart.clear()
            self._show_message(self.tr("No material to size"), unpriced_sentence(result)
                               if len(result.unpriced) else
                               self.tr("Stock is sized for purchased materials with a daily "
                                       "use; this project has none."), keep_table=True)
            return
        self.message.hide()
        self.chart.show()
        selected = self.doc.selected_item
        ids = m["item_id"].astype(str).tolist()
        self._draw(selected if selected in ids else ids[0])
        self.table.show_item(self.chart.item_id)
        self.sized.emit()

    def _draw(self, item_id: str) -> None:
        result = self.result
        if result is None:
            return
        m = result.materials
        hits = np.flatnonzero(m["item_id"].astype(str).to_numpy() == item_id)
        if not len(hits):
            return
        i = int(hits[0])
        row = m.iloc[i]
        days = np.arange(result.holding.shape[1], dtype=float)
        self.chart.set_material(
            item_id, str(row["name"]), result.currency, days, result.holding[i],
            result.expected_loss[i], result.total[i], int(row["recommended_days"]),
            _float(row["target_days"]))

    def _show_message(self, title: str, text: str, keep_table: bool = False) -> None:
        self.busy.hide()
        self.status.setText("")
        if not keep_table:
            self.result = None
            self.table.set_frame(self.table.table_model.frame.iloc[:0])
        self.message.setText(f"<p style='font-size:13pt; font-weight:600'>{title}</p>"
                             f"<p>{text}</p>")
        self.chart.hide()
        self.message.show()
        self.sized.emit()

    def _set_note(self) -> None:
        pct = (self.result.holding_cost_pct if self.result is not None else
               getattr(self.doc.project.settings, "holding_cost_pct", 0.15))
        note = self.tr(
            "The likelihood of each stop a year and the holding cost, {pct} of the stock's "
            "value a year, are your assumptions: set them in Settings. The expected loss "
            "weighs each stop of the risk ranking and the presets by its likelihood; the "
            "recommended days make holding cost plus expected loss least.").format(
                pct=fmt.percent(pct, 1 if not float(pct * 100).is_integer() else 0))
        if self.result is not None and len(self.result.unpriced):
            note = fmt.sentences(note, unpriced_sentence(self.result))  # the engine's words
        self.note.setText(note)

    # --- selection and changes ----------------------------------------------------------
    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.result is not None:
            item_id = self.table.item_at(current.row())
            self._draw(item_id)
            self.doc.select_item(item_id)

    def _item_selected(self, item_id: str) -> None:
        if self.result is not None and item_id and item_id != self.chart.item_id:
            self._draw(item_id)
            self.table.show_item(item_id)

    def _report_changed(self) -> None:
        if self.isVisible():
            self.size_stock()
        else:
            self._pending = True  # redone when shown: edits elsewhere stay fast

    def _currency(self) -> str:
        return self.doc.project.settings.currency

    def showEvent(self, event: Any) -> None:
        if self._pending:
            self.size_stock()
        super().showEvent(event)


def size(results: Results) -> StockpileResult:
    """The sizing of ``results`` (a snapshot, in a worker thread): the results layer's,
    kept with its other figures, when it offers one; else the engine's, with the ranking
    the results layer keeps."""
    cached = getattr(results, "stockpile", None)
    if callable(cached):
        return cached()
    from planner.analysis.stockpile import stockpile

    return stockpile(results.project, report=results.require_report(),
                     ranking=results.ranking())


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


__all__ = ["SizingChart", "StockpilePage", "sizing_columns", "sizing_frame"]
