"""The Forecast page: the Forecast table (units per item and calendar month) on the left, and
on the right a chart of one item's monthly requirement against its stock.

The monthly requirement comes from the engine (``Report.profile``, a RequirementProfile of
planner.analysis.forecast): each product's own forecast exploded through the BOM. Without a
Forecast sheet the report has no profile, and the chart shows the Demand rate as it stands
(the report's daily use × the days of each month), so it is useful before any forecast is
typed. The stock lines start from the item's stock on hand and take each month's
requirement away at the month's end; the second line adds the open orders in the month
they are due; a line that reaches zero stays there (the stock has run out). The plotted
data is exposed (``month_labels()``, ``requirement()``, ``on_hand()``, ``with_orders()``)
for tests.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd
import pyqtgraph as pg

from planner.core import formatting as fmt
from planner.core.palette import Scheme
from ui.common import theme
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.pages.charts import ChartPanel, legend_html
from ui.qt import (
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)

FLAT_MONTHS = 12  # months drawn at least: after the last forecast month, the flat rate
BAR_WIDTH = 0.7
MAX_TICKS = 9  # month names on the axis; more months name every second, third…


def line_colours(scheme: Scheme) -> tuple[str, str, str]:
    """The requirement bars', stock line's and with-orders line's colours in ``scheme``."""
    return scheme.before, scheme.status_text["critical"], scheme.selected


def flat_months(start: dt.date, daily_use: float, count: int
                ) -> tuple[list[dt.date], np.ndarray]:
    """A flat requirement per day as monthly quantities: ``count`` months from the month of
    ``start`` (which counts from ``start``), each its days × ``daily_use``."""
    months: list[dt.date] = []
    days: list[int] = []
    first = start.replace(day=1)
    for k in range(count):
        year, month = divmod(first.month - 1 + k, 12)
        begin = dt.date(first.year + year, month + 1, 1)
        length = calendar.monthrange(begin.year, begin.month)[1]
        months.append(begin)
        days.append(length - (start.day - 1) if k == 0 else length)
    return months, np.asarray(days, dtype=float) * daily_use


class RequirementChart(ChartPanel):
    """One item: its requirement per month as bars, its stock drawn down as lines."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("RequirementChart",
                                                    "Monthly requirement against stock"),
                         parent)
        self.title.setToolTip(self.tr("Bars: the item's requirement in each month (its own "
                                      "demand and what its parents need through the BOM). "
                                      "Lines: its stock on hand at the end of each month, "
                                      "without and with open orders."))
        self.plot.showGrid(x=False, y=True, alpha=0.12)
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.zero_line = pg.InfiniteLine(angle=0, pos=0, movable=False)
        self.zero_line.setZValue(-9)
        self.plot.addItem(self.zero_line, ignoreBounds=True)
        self.stock_curve = pg.PlotDataItem([], [], symbol="o", symbolSize=5,
                                           symbolPen=pg.mkPen(None))
        self.orders_curve = pg.PlotDataItem([], [], symbol="o", symbolSize=5,
                                            symbolPen=pg.mkPen(None))
        for curve in (self.stock_curve, self.orders_curve):
            curve.setZValue(4)
            self.plot.addItem(curve)
        self.restyle(theme.current())
        self._labels: list[str] = []
        self._requirement = np.zeros(0)
        self._on_hand = np.zeros(0)
        self._with_orders = np.zeros(0)

    def restyle(self, scheme: Scheme) -> None:
        """Bars, lines and key in ``scheme``'s colours."""
        requirement, on_hand, with_orders = line_colours(scheme)
        self.bars.setOpts(brush=requirement)
        self.zero_line.setPen(pg.mkPen(scheme.zero_line, width=1))
        self.stock_curve.setPen(pg.mkPen(on_hand, width=2.2))
        self.stock_curve.setSymbolBrush(on_hand)
        self.orders_curve.setPen(pg.mkPen(with_orders, width=2.2, style=Qt.PenStyle.DashLine))
        self.orders_curve.setSymbolBrush(with_orders)
        self.key.setText(legend_html([(requirement, self.tr("requirement")),
                                      (on_hand, self.tr("stock on hand")),
                                      (with_orders, self.tr("with open orders"))]))

    def set_data(self, months: list[dt.date], requirement: np.ndarray, unit: str,
                 stock: float | None, arrivals: np.ndarray) -> None:
        """Draw ``requirement`` per month; with ``stock``, the stock at each month's end
        (``arrivals``: the open orders due in each month, those overdue in the first)."""
        n = len(months)
        x = np.arange(n, dtype=float)
        self._labels = [m.strftime("%Y-%m") for m in months]
        self._requirement = np.asarray(requirement, dtype=float)
        self.bars.setOpts(x=x, height=self._requirement, width=BAR_WIDTH)
        ends = np.arange(-0.5, n, 1.0)  # the as-of date, then each month's end
        if stock is None or n == 0:
            self._on_hand = self._with_orders = np.zeros(0)
            self.stock_curve.setData([], [])
            self.orders_curve.setData([], [])
        else:
            # stock cannot go below zero: the line stays on the axis once it has run out
            used = np.concatenate([[0.0], np.cumsum(self._requirement)])
            added = np.concatenate([[0.0], np.cumsum(arrivals)])
            self._on_hand = np.maximum(stock - used, 0.0)
            self._with_orders = np.maximum(stock + added - used, 0.0)
            self.stock_curve.setData(ends, self._on_hand)
            self.orders_curve.setData(ends, self._with_orders)
            self.orders_curve.setVisible(bool(np.any(arrivals)))
        step = max(1, -(-n // MAX_TICKS))
        self.plot.getAxis("bottom").setTicks(
            [[(i, self._labels[i]) for i in range(0, n, step)], []])
        self.set_axis_label("left", self.tr("{unit} per month").format(unit=unit) if unit
                            else self.tr("per month"))
        values = np.concatenate([[0.0], self._requirement, self._on_hand, self._with_orders])
        top, bottom = float(np.max(values)), float(np.min(values))
        self.vb.setXRange(-0.7, max(n, 1) - 0.3, padding=0)
        self.vb.setYRange(bottom * 1.05, max(top, 1.0) * 1.08, padding=0)

    def month_labels(self) -> list[str]:
        """The months drawn, as yyyy-mm, one per bar."""
        return list(self._labels)

    def requirement(self) -> np.ndarray:
        """The height of each bar: the requirement of each month."""
        return self._requirement.copy()

    def on_hand(self) -> np.ndarray:
        """Stock at the as-of date, then at the end of each month, at least zero (empty
        without stock)."""
        return self._on_hand.copy()

    def with_orders(self) -> np.ndarray:
        """As ``on_hand``, with the open orders added in the month they are due."""
        return self._with_orders.copy()


class ForecastPage(QWidget):
    """The Forecast table, editable with undo, beside one item's monthly chart."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.table = TablePage(
            doc, "Forecast", self.tr("Forecast"),
            self.tr("Units of a product (or any item) in a calendar month: type the month as "
                    "2027-01 or a date in it. Months without a row use the item's Demand "
                    "rate."))
        self.chart = RequirementChart(self)
        self.item = QComboBox(self)
        self.item.setObjectName("forecastItem")
        self.item.setMinimumWidth(260)
        self.item.setToolTip(self.tr("The item whose monthly requirement the chart shows; "
                                     "choosing a row in the table chooses its item."))
        self.item.currentIndexChanged.connect(self._chosen)
        self.note = QLabel("", self)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Item:"), self))
        chooser.addWidget(self.item, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(chooser)
        right_layout.addWidget(self.chart, 1)
        right_layout.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])
        heading = QLabel(self.tr("Forecast"), self)
        heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)
        doc.reportChanged.connect(self.refresh)
        doc.itemSelected.connect(self.show_item)
        self.refresh()

    @property
    def current_item(self) -> str:
        data = self.item.currentData()
        return str(data) if data is not None else ""

    def refresh(self) -> None:
        """Fill the item list from the report and redraw the chart."""
        report = self.doc.report
        wanted = self.current_item or self.doc.selected_item
        self.item.blockSignals(True)
        self.item.clear()
        if report is not None:
            forecast = set(self.doc.project.forecast["item_id"].dropna().tolist())
            items = report.items
            order = sorted(range(len(items)), key=lambda i: (
                items["item_id"].iloc[i] not in forecast,
                ["product", "component", "material"].index(str(items["kind"].iloc[i]))
                if items["kind"].iloc[i] in ("product", "component", "material") else 3,
                str(items["item_id"].iloc[i])))
            for i in order:
                item_id, name = str(items["item_id"].iloc[i]), items["name"].iloc[i]
                self.item.addItem(f"{item_id} — {name}" if isinstance(name, str) else item_id,
                                  item_id)
        index = self.item.findData(wanted) if wanted else -1
        self.item.setCurrentIndex(index if index >= 0 else (0 if self.item.count() else -1))
        self.item.blockSignals(False)
        self.draw()

    def show_item(self, item_id: str) -> None:
        """Chart ``item_id`` (chosen in this table or in any other view)."""
        index = self.item.findData(item_id)
        if index >= 0 and index != self.item.currentIndex():
            self.item.setCurrentIndex(index)

    def _chosen(self, _index: int) -> None:
        self.draw()
        self.doc.select_item(self.current_item)

    def draw(self) -> None:
        report = self.doc.report
        item_id = self.current_item
        if report is None or not item_id:
            self.chart.set_data([], np.zeros(0), "", None, np.zeros(0))
            self.note.setText(self.doc.report_error)
            return
        items = report.items.set_index("item_id")
        unit = str(items.at[item_id, "unit"]) if item_id in items.index else ""
        profile = report.profile
        if profile is not None:
            monthly = profile.monthly(item_id)
            months = [pd.Timestamp(m).date() for m in monthly["month"]]
            requirement = monthly["requirement"].to_numpy(dtype=float)
            if len(months) < FLAT_MONTHS:  # then the flat rate that follows the forecast
                after = (pd.Timestamp(months[-1]) + pd.offsets.MonthBegin(1)).date() \
                    if months else report.as_of
                tail = float(profile.select(pd.Series([item_id])).tail[0])
                more, quantities = flat_months(after, tail, FLAT_MONTHS - len(months))
                months += more
                requirement = np.concatenate([requirement, quantities])
            has_rows = bool((self.doc.project.forecast["item_id"] == item_id).any())
            self.note.setText("" if has_rows else self.tr(
                "{item} has no forecast of its own: its requirement comes from its Demand "
                "rate and from the forecasts of the items that use it.").format(item=item_id))
        else:
            daily = float(items["daily_use"].get(item_id, 0.0))
            months, requirement = flat_months(report.as_of, daily, FLAT_MONTHS)
            self.note.setText(self.tr(
                "No forecast in this project: each month is the Demand rate, {quantity} "
                "{unit} a day through the BOM.").format(quantity=fmt.quantity(daily),
                                                        unit=unit))
        self.chart.set_data(months, requirement, unit, self._stock(item_id),
                            self._arrivals(item_id, months))

    def _stock(self, item_id: str) -> float | None:
        """The item's stock on hand as the Stock table gives it; None without a row."""
        stock = self.doc.project.stock
        rows = stock["on_hand"][stock["item_id"] == item_id]
        return float(rows.sum()) if len(rows) else None

    def _arrivals(self, item_id: str, months: list[dt.date]) -> np.ndarray:
        """The open orders of ``item_id`` due in each month (overdue ones in the first;
        those due after the last month are left out)."""
        arrivals = np.zeros(len(months))
        if not months:
            return arrivals
        orders = self.doc.project.orders
        mine = orders[orders["item_id"] == item_id]
        due = mine["due_date"].to_numpy(dtype="datetime64[s]").astype("datetime64[M]")
        first = np.datetime64(months[0], "M")
        position = np.maximum((due - first).astype(np.int64), 0)  # overdue: the first
        quantity = mine["quantity"].to_numpy(dtype=float, na_value=0.0)
        inside = position < len(months)
        np.add.at(arrivals, position[inside], quantity[inside])
        return arrivals


__all__ = ["ForecastPage", "RequirementChart", "flat_months"]
