"""Projected stock during a stop: one line per hit material, its stock-out marked.

Each material's stock is divided by its daily use, so every line is in days of use left
and all share one axis: a line reaching 0 is the material running out, on the day the
engine computed (its time to survive). A licence review is marked by a line on the day it
ends. The chart places the engine's projection and
computes no planning figure. Hovering a line names it; clicking one emits
``materialClicked``. The plotted data is exposed (``lines()``, ``stockouts()``) for tests.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg

from planner.analysis.scenario import ScenarioResult
from planner.core import formatting as fmt
from planner.core import palette
from planner.core.palette import Scheme
from ui.common import theme
from ui.pages.charts import ChartPanel, axis_limit, legend_html
from ui.qt import QFontMetrics, QPointF, Qt, QWidget

MAX_CURVES = 40  # lines drawn; a bigger stop shows the materials that run out soonest
MAX_LABELS = 8  # stock-outs named on the chart (every one has a marker and a hover tip)
LABEL_ROWS = 3  # labels stacked above the zero line at most; a crowded one is left out
PICK_PX = 8.0  # how near the pointer must be to a line to name or pick it
LABEL_CONTRAST = 4.5  # a stock-out's name reads on the plot like body text
LINE_CONTRAST = 3.0  # a line that runs out stands out from the plot (graphics need 3:1)
LABEL_FILL_ALPHA = 225  # the plot's colour behind a label, so a line under it cannot blur it
# Distinct hues for materials that run out (the first is the soonest); materials that
# last the stop are drawn in the theme's quiet grey so that the ones that matter stand out.
OUT_COLOURS = palette.SERIES


class StockCurves(ChartPanel):
    """Stock in days of use (stock ÷ daily use) against days from the as-of date."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Projected stock during the stop"), parent)
        self.set_axis_label("left", self.tr("stock ÷ daily use (days)"))
        self.set_axis_label("bottom", self.tr("days from the as-of date"))
        self.title.setToolTip(self.tr("Hover a line to name its material; click it to select "
                                      "the material in every view."))
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.end_line = pg.InfiniteLine(
            angle=90, movable=False, label=self.tr("stop ends · day {value:.0f}"),
            labelOpts={"position": 0.96, "anchors": [(1, 0), (1, 0)]})
        self.end_line.setZValue(-10)
        self.plot.addItem(self.end_line, ignoreBounds=True)
        # the day a licence review ends (a part of the cut deliveries resumes), if any
        self.review_line = pg.InfiniteLine(
            angle=90, movable=False, label=self.tr("licence review ends · day {value:.0f}"),
            labelOpts={"position": 0.86, "anchors": [(0, 0), (0, 0)]})
        self.review_line.setZValue(-10)
        self.review_line.hide()
        self.plot.addItem(self.review_line, ignoreBounds=True)
        self.zero_line = pg.InfiniteLine(angle=0, pos=0, movable=False)
        self.zero_line.setZValue(-9)
        self.plot.addItem(self.zero_line, ignoreBounds=True)
        self.markers = pg.ScatterPlotItem(size=11)
        self.markers.setZValue(20)
        self.plot.addItem(self.markers)
        self.labels.z = 18  # a stock-out's name over every line, the chosen one too
        self.curves: list[pg.PlotCurveItem] = []  # a pool, reused between results
        self.ids: list[str] = []
        self.names: list[str] = []
        self.colours: list[str] = []
        self.lasts: list[bool] = []  # per line: the material lasts the stop
        self.days = np.zeros(0)
        self.cover = np.zeros((0, 0))  # days of use left: row = day, column = line
        self.tts = np.zeros(0)  # NaN: the material lasts the stop
        self.as_of: dt.date | None = None
        self.stop_days = 0
        self.highlighted = ""
        self._restyle_fixed(theme.current())
        self.view.scene().sigMouseMoved.connect(self._moved)
        self.view.scene().sigMouseClicked.connect(self._clicked)
        self.vb.sigResized.connect(self._label_stockouts)

    # --- data ------------------------------------------------------------------------
    def set_result(self, result: ScenarioResult) -> None:
        """Draw the hit materials of ``result`` (those with a daily use)."""
        m = result.materials
        use = m["daily_use"].to_numpy(dtype=float)
        drawn = np.flatnonzero(use > 0)[:MAX_CURVES]  # the table is soonest out first
        self.ids = [str(i) for i in m["item_id"].iloc[drawn]]
        self.names = [str(n) for n in m["name"].iloc[drawn]]
        self.tts = m["time_to_survive_days"].to_numpy(dtype=float, na_value=np.nan)[drawn]
        stock = result.projection.to_numpy(dtype=float)
        self.cover = stock[:, drawn] / use[drawn] if len(drawn) else np.zeros((len(stock), 0))
        self.days = result.projection.index.to_numpy(dtype=float)
        self.as_of, self.stop_days = result.as_of, result.stop.days
        self.lasts = [math.isnan(t) for t in self.tts]
        self._colour_lines(theme.current())
        while len(self.curves) < len(self.ids):
            curve = pg.PlotCurveItem()
            self.plot.addItem(curve)
            self.curves.append(curve)
        for j, curve in enumerate(self.curves):
            if j < len(self.ids):
                curve.setData(self.days, self.cover[:, j])
                curve.setVisible(True)
            else:
                curve.setData([], [])
                curve.setVisible(False)
        self._place_markers()
        days = max(self.stop_days, 1)
        self.end_line.setValue(self.stop_days)
        review = result.stop.review_day
        self.review_line.setVisible(review is not None)
        if review is not None:
            self.review_line.setValue(review)
        top = self._top() * 1.08
        self.vb.setRange(xRange=(-days * 0.01, days * 1.01), yRange=(-top * 0.05, top),
                         padding=0)
        self._style_curves()
        self._label_stockouts()
        notes = []
        hit = len(m)
        no_use = int((~(use > 0)).sum())  # no demand (0 or blank)
        if hit - no_use > len(self.ids):
            notes.append(self.tr("The {drawn} materials that run out soonest of {hit} hit "
                                 "are drawn.").format(drawn=len(self.ids),
                                                      hit=fmt.count(hit - no_use)))
        if no_use:
            notes.append(self.tr("{count} hit material(s) without demand not drawn.", None,
                                 no_use).format(count=fmt.count(no_use)))
        above = int((np.nanmax(self.cover, axis=0) > top).sum()) if self.cover.size else 0
        if above:
            notes.append(self.tr("{count} line(s) go above the axis.", None, above).format(
                count=above))
        self.set_footer(" ".join(notes))

    def _top(self) -> float:
        """The axis end: every line whole, unless there are many and a few hold far more
        stock than the rest (then the lines that run out decide, and those few go above)."""
        if not self.cover.size:
            return 1.0
        highest = np.nanmax(self.cover, axis=0)
        out = highest[~np.isnan(self.tts)]
        if len(highest) < 10:
            return max(float(highest.max()), 1.0)
        return axis_limit(highest, floor=max(float(out.max()) if len(out) else 0.0, 1.0))

    def _colour_lines(self, scheme: Scheme) -> None:
        """A hue per material that runs out, soonest first; the rest in quiet grey."""
        self.colours = []
        n_out = 0
        for lasts in self.lasts:
            if lasts:
                self.colours.append(scheme.quiet)
            else:
                self.colours.append(shade_for(OUT_COLOURS[n_out % len(OUT_COLOURS)], scheme,
                                              LINE_CONTRAST))
                n_out += 1

    def _place_markers(self) -> None:
        out = np.flatnonzero(~np.isnan(self.tts))
        self.markers.setData(x=self.tts[out], y=np.zeros(len(out)),
                             brush=[pg.mkBrush(self.colours[j]) for j in out],
                             data=out)

    def restyle(self, scheme: Scheme) -> None:
        """Redraw the lines, markers, reference lines and labels in ``scheme``."""
        self._restyle_fixed(scheme)
        self._colour_lines(scheme)
        self._place_markers()
        self._style_curves()
        self._label_stockouts()

    def _restyle_fixed(self, scheme: Scheme) -> None:
        """The items that do not depend on the result: reference lines, the key."""
        self.end_line.setPen(pg.mkPen(scheme.line, width=1.2, style=Qt.PenStyle.DashLine))
        self.end_line.label.setColor(scheme.muted)
        self.end_line.label.fill = pg.mkBrush(palette.rgba(scheme.base, LABEL_FILL_ALPHA))
        self.end_line.label.update()
        self.review_line.setPen(pg.mkPen(scheme.line, width=1.2, style=Qt.PenStyle.DotLine))
        self.review_line.label.setColor(scheme.muted)
        self.review_line.label.fill = pg.mkBrush(palette.rgba(scheme.base, LABEL_FILL_ALPHA))
        self.review_line.label.update()
        self.zero_line.setPen(pg.mkPen(scheme.zero_line, width=1))
        self.markers.setPen(pg.mkPen(scheme.base, width=1.5))
        self.key.setText(legend_html([(OUT_COLOURS[0], self.tr("runs out (● stock-out)")),
                                      (scheme.quiet, self.tr("lasts the stop"))]))

    def clear(self) -> None:
        self.ids, self.names, self.colours, self.lasts = [], [], [], []
        self.cover, self.tts, self.days = np.zeros((0, 0)), np.zeros(0), np.zeros(0)
        for curve in self.curves:
            curve.setData([], [])
            curve.setVisible(False)
        self.markers.setData([], [])
        self.review_line.hide()
        self.labels.begin()
        self.labels.end()
        self.set_footer("")

    def lines(self) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """(item_id, x = day, y = days of use left) per drawn line."""
        return [(i, self.days, self.cover[:, j]) for j, i in enumerate(self.ids)]

    def review_day(self) -> float | None:
        """The day the licence review line marks (None: no line)."""
        return float(self.review_line.value()) if self.review_line.isVisible() else None

    def stockouts(self) -> list[tuple[str, float, float]]:
        """(item_id, x, y) of each stock-out marker."""
        x, y = self.markers.getData()
        rows = [int(p.data()) for p in self.markers.points()]
        return [(self.ids[j], float(a), float(b)) for j, a, b in zip(rows, x, y, strict=True)]

    # --- look ------------------------------------------------------------------------
    def highlight(self, item_id: str) -> None:
        """Draw ``item_id``'s line thick and the others lighter (nothing if not drawn)."""
        self.highlighted = item_id
        self._style_curves()

    def _style_curves(self) -> None:
        chosen = self.highlighted if self.highlighted in self.ids else ""
        for j, item_id in enumerate(self.ids):
            curve = self.curves[j]
            colour = self.colours[j]
            lasts = self.lasts[j]
            if item_id == chosen:
                curve.setPen(pg.mkPen(colour, width=3.6))
                curve.setZValue(15)
            else:
                c = pg.mkColor(colour)
                if chosen:
                    c.setAlpha(110)
                curve.setPen(pg.mkPen(c, width=1.6 if lasts else 2.2))
                curve.setZValue(1 if lasts else 5)

    def _label_stockouts(self, *_: object) -> None:
        """Name the first stock-outs above the zero line, staggered so none overlap."""
        self.labels.begin()
        out = [j for j in np.flatnonzero(~np.isnan(self.tts))][:MAX_LABELS]
        if not out:
            self.labels.end()
            return
        (x_lo, x_hi), (y_lo, y_hi) = self.vb.viewRange()
        sx = max(self.vb.width(), 100) / (x_hi - x_lo)
        sy = max(self.vb.height(), 100) / (y_hi - y_lo)
        metrics = QFontMetrics(self.tick_font)
        scheme = theme.current()
        fill = pg.mkBrush(palette.rgba(scheme.base, LABEL_FILL_ALPHA))
        h = metrics.height() + 2
        width_px = (x_hi - x_lo) * sx
        rows: list[float] = []  # right edge of the last label in each row, in pixels
        for j in sorted(out, key=lambda j: self.tts[j]):
            text = f"{fmt.short_name(self.names[j], 20)} · {fmt.day(float(self.tts[j]))}"
            w = metrics.horizontalAdvance(text) + 6
            px = (self.tts[j] - x_lo) * sx
            # right of the marker, where the line lies flat at zero; else left of it
            left = px + 6 if px + 6 + w <= width_px else max(px - 6 - w, 0.0)
            row = next((r for r, edge in enumerate(rows) if left > edge), len(rows))
            if row == LABEL_ROWS:
                continue  # no room left here: its marker and hover tip still name it
            if row == len(rows):
                rows.append(0.0)
            rows[row] = left + w
            y = (10 + row * h) / sy  # above the zero line, clear of the marker
            anchor_x = (px - left) / w
            label = self.labels.add(text, float(self.tts[j]), y,
                                    shade_for(self.colours[j], scheme), (anchor_x, 1.0))
            label.fill = fill
        self.labels.end()

    # --- pointer ---------------------------------------------------------------------
    def material_at(self, x: float, y: float) -> str:
        """The material whose line (or marker) passes within PICK_PX of view point
        (x, y), the nearest first; "" if none."""
        if not self.ids or len(self.days) < 1:
            return ""
        (x_lo, x_hi), (y_lo, y_hi) = self.vb.viewRange()
        sx = max(self.vb.width(), 1) / (x_hi - x_lo)
        sy = max(self.vb.height(), 1) / (y_hi - y_lo)
        n = len(self.days)
        i = int(np.clip(np.floor(x), 0, n - 1))
        lo, hi = max(i - 2, 0), min(i + 3, n - 1)
        best, best_d = "", PICK_PX
        px, py = x * sx, y * sy
        for k in range(lo, max(hi, lo + 1)):
            k1 = min(k + 1, n - 1)
            ax, bx = self.days[k] * sx, self.days[k1] * sx
            ay, by = self.cover[k] * sy, self.cover[k1] * sy  # every line at once
            dx, dy = bx - ax, by - ay
            length = dx * dx + dy * dy
            with np.errstate(invalid="ignore", divide="ignore"):
                t = np.clip(np.where(length > 0, ((px - ax) * dx + (py - ay) * dy) / length,
                                     0.0), 0.0, 1.0)
            dist = np.hypot(ax + t * dx - px, ay + t * dy - py)
            j = int(np.nanargmin(dist)) if np.isfinite(dist).any() else -1
            if j >= 0 and dist[j] < best_d:
                best, best_d = self.ids[j], float(dist[j])
        for m in np.flatnonzero(~np.isnan(self.tts)).tolist():  # near a stock-out marker
            d = math.hypot((self.tts[m] - x) * sx, y * sy)
            if d < best_d:
                best, best_d = self.ids[m], d
        return best

    def tip_for(self, item_id: str, day: float | None = None) -> str:
        """The hover text of a material's line (at ``day``, if given)."""
        j = self.ids.index(item_id)
        lines = [f"{self.names[j]} ({item_id})"]
        t = float(self.tts[j])
        if math.isnan(t):
            lines.append(self.tr("lasts the {days}-day stop").format(days=self.stop_days))
        elif self.as_of is not None:
            lines.append(self.tr("runs out on {day} ({date})").format(
                day=fmt.day(t), date=fmt.date(self.as_of + dt.timedelta(days=int(t)))))
        else:
            lines.append(self.tr("runs out on {day}").format(day=fmt.day(t)))
        if day is not None and len(self.days):
            k = int(np.clip(round(day), 0, len(self.days) - 1))
            lines.append(self.tr("{day}: {days} days of use in stock").format(
                day=fmt.day(k, 0), days=fmt.number(self.cover[k, j], 1)))
        return "\n".join(lines)

    def line_scene_pos(self, item_id: str, day: float) -> QPointF:
        """Where ``item_id``'s line is drawn on ``day`` (for tests and tips)."""
        j = self.ids.index(item_id)
        y = float(np.interp(day, self.days, self.cover[:, j]))
        return self.vb.mapViewToScene(pg.Point(float(day), y))

    def _view_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        return float(p.x()), float(p.y())

    def _moved(self, scene_pos: QPointF) -> None:
        point = self._view_point(scene_pos)
        item_id = self.material_at(*point) if point is not None else ""
        self.vb.setToolTip(self.tip_for(item_id, point[0]) if item_id and point else "")
        self.view.setCursor(Qt.CursorShape.PointingHandCursor if item_id
                            else Qt.CursorShape.ArrowCursor)

    def _clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        point = self._view_point(event.scenePos())  # type: ignore[attr-defined]
        item_id = self.material_at(*point) if point is not None else ""
        if item_id:
            self.materialClicked.emit(item_id)


def shade_for(colour: str, scheme: Scheme, ratio: float = LABEL_CONTRAST) -> str:
    """``colour`` made darker (on a light plot) or lighter (on a dark one) until it has a
    contrast of ``ratio`` with the plot; the scheme's text colour if no shade of it does."""
    shade = pg.mkColor(colour)
    for _ in range(12):
        if palette.contrast(shade.name(), scheme.base) >= ratio:
            return str(shade.name())
        shade = shade.lighter(118) if scheme.dark else shade.darker(118)
    return scheme.text

