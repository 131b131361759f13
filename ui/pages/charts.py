"""The dashboard's charts (pyqtgraph), drawn from rows the page reads out of the report.

Each chart creates its plot items once and refreshes them with ``setOpts``/``setData``,
so a recompute redraws in a few milliseconds. Charts place what the engine computed and
compute no planning figure; they emit ``materialClicked(item_id)`` and highlight a
material on request. The plotted data is exposed (``rows()``, ``points()``,
``segments()``) for tests.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg

from planner.analysis.ordering import STATUSES
from planner.core import formatting as fmt
from planner.core import palette
from planner.core.palette import Scheme, country_colour
from ui.common import theme
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QFont,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

BAR_HEIGHT = 0.66
MIX_BAR_HEIGHT = 0.76
HEADROOM = -1.1  # the bar charts' top edge: a strip above the first row for line labels
ROW_PX = 15  # the least height of a bar row, so names stay readable
MAX_ROWS = 25  # bars per chart; a bigger project shows the first rows of its order
OUTLIER = 2.0  # a value beyond this many times the axis end is cut off, not shown whole
BAR_PX = 24  # the thickest a bar gets when there are few rows
MAX_MAP_LABELS = 10  # names written on the exposure map


def days_unit() -> str:
    """The unit written after a number of days on a chart: " d" (" 日" in Japanese)."""
    return QCoreApplication.translate("charts", " d")


def own_target_key() -> str:
    """The key's entry for the mark of each material's own target."""
    label = html.escape(QCoreApplication.translate("charts", "own target"))
    return f"{NBSP}{NBSP} <b>|</b>{NBSP}" + label.replace(" ", NBSP)


def status_key(extra: str = "") -> str:
    """The status colours and what they mean, for a chart's title line."""
    scheme = theme.current()
    return legend_html([(scheme.status[s], fmt.status_key(s)) for s in STATUSES], extra)


@dataclass(frozen=True)
class MaterialRow:
    """One material as the report gives it; ``cover`` is None when it has no demand."""

    item_id: str
    name: str
    unit: str
    cover: float | None
    target: float
    status: str
    top_country: str | None
    top_country_share: float | None

    @property
    def has_demand(self) -> bool:
        return self.cover is not None


@dataclass(frozen=True)
class Segment:
    """A country's share of one material's supply (a piece of a stacked bar)."""

    item_id: str
    country: str | None
    share: float


@dataclass(frozen=True)
class MaterialTable:
    """Every material of the report as column arrays (NaN cover: no demand; NaN share:
    no sources), so a 15,000-material project is drawn without a Python object per row.
    """

    ids: np.ndarray
    names: np.ndarray
    units: np.ndarray
    cover: np.ndarray
    target: np.ndarray
    status: np.ndarray
    countries: np.ndarray
    share: np.ndarray

    @classmethod
    def empty(cls) -> MaterialTable:
        obj = np.zeros(0, dtype=object)
        flt = np.zeros(0)
        return cls(obj, obj, obj, flt, flt, obj, obj, flt)

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, i: int) -> MaterialRow:
        cover, share = float(self.cover[i]), float(self.share[i])
        country = self.countries[i]
        return MaterialRow(
            item_id=str(self.ids[i]), name=str(self.names[i]), unit=str(self.units[i]),
            cover=None if math.isnan(cover) else cover, target=float(self.target[i]),
            status=str(self.status[i]), top_country=None if country is None else str(country),
            top_country_share=None if math.isnan(share) else share)

    def rows(self, order: Sequence[int]) -> list[MaterialRow]:
        return [self.row(int(i)) for i in order]


def axis_limit(values: Sequence[float | None] | np.ndarray, floor: float) -> float:
    """An axis end that shows ``floor`` and most values, so one 900-day cover cannot squash
    the rest: the largest value once the top 5 % (at least one value) is set aside, or
    ``floor`` if larger; but every value whole when none reaches OUTLIER times that.
    """
    if isinstance(values, np.ndarray):
        arr = values.astype(float)
    else:
        arr = np.asarray([np.nan if v is None else v for v in values], dtype=float)
    v = np.sort(arr[np.isfinite(arr)])
    if v.size == 0:
        return max(floor, 1.0)
    k = max(1, int(v.size * 0.05))
    body = float(v[v.size - 1 - k]) if v.size > k else float(v[0])
    limit = max(floor, body)
    top = float(v[-1])
    if top <= limit * OUTLIER:  # nothing far out
        limit = top
    return max(limit, floor, 1.0)


NBSP = "\u00a0"  # a space that never breaks a line (the character, not "&nbsp;")


def legend_html(entries: Sequence[tuple[str, str]], extra: str = "") -> str:
    """Colour swatches with their labels, each kept on one line."""
    swatches = f"{NBSP}{NBSP} ".join(
        f"<span style='color:{colour}; font-size:12pt'>■</span>{NBSP}"
        f"{html.escape(label).replace(' ', NBSP)}"
        for colour, label in entries)
    return f"{swatches}{extra}"


class _Labels:
    """A pool of TextItems reused between refreshes (creating items is the slow part)."""

    def __init__(self, plot: pg.PlotItem, font: QFont, z: float = 5):
        self.plot, self.font, self.z = plot, font, z
        self.items: list[pg.TextItem] = []
        self.used = 0

    def begin(self) -> None:
        self.used = 0

    def add(self, text: str, x: float, y: float, colour: str,
            anchor: tuple[float, float] = (0, 0.5)) -> pg.TextItem:
        if self.used == len(self.items):
            item = pg.TextItem(anchor=anchor)
            item.setFont(self.font)
            item.setZValue(self.z)
            self.plot.addItem(item, ignoreBounds=True)
            self.items.append(item)
        item = self.items[self.used]
        self.used += 1
        item.setText(text, color=colour)
        item.setAnchor(anchor)
        item.setPos(x, y)
        item.setVisible(True)
        return item

    def end(self) -> None:
        for item in self.items[self.used:]:
            item.setVisible(False)

    def texts(self) -> list[str]:
        return [item.toPlainText() for item in self.items[:self.used]]


def style_axes(plot: pg.PlotItem, scheme: Scheme) -> None:
    """Axis lines, tick text and grid of ``plot`` in ``scheme``'s colours."""
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        if axis.pen().style() != Qt.PenStyle.NoPen:
            axis.setPen(pg.mkPen(scheme.axis))
        axis.setTextPen(pg.mkPen(scheme.text))


class _PlotWidget(pg.PlotWidget):
    """A plot that asks for little room, so the page's layout (not pyqtgraph's 640x480
    default hint) decides how the charts share the screen."""

    def sizeHint(self) -> QSize:
        return QSize(320, 200)


class ChartPanel(QFrame):
    """A white panel: a title with a key on its right, the plot, and a footer line that
    shows only when there is something to add (what was cut off, a legend)."""

    materialClicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.setObjectName("chartPanel")
        self.title = QLabel(title, self)
        self.title.setObjectName("chartTitle")
        self.key = QLabel("", self)
        self.key.setObjectName("chartKey")
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.footer = QLabel("", self)
        self.footer.setObjectName("chartFooter")
        self.footer.setWordWrap(True)
        self.footer.setVisible(False)

        self.view = _PlotWidget(background=theme.current().base)
        self.view.setMinimumHeight(150)
        self.plot: pg.PlotItem = self.view.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.layout.setContentsMargins(2, 2, 12, 2)
        self.vb: pg.ViewBox = self.plot.getViewBox()
        self.tick_font = QFont(self.font())
        self.tick_font.setPointSizeF(max(self.font().pointSizeF() - 0.5, 8.0))
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=self.tick_font, tickTextOffset=5)
            axis.label.setFont(self.tick_font)
        self.labels = _Labels(self.plot, self.tick_font)
        self._axis_labels: dict[str, str] = {}
        style_axes(self.plot, theme.current())
        theme.notifier().changed.connect(self._theme_changed)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(12)
        header.addWidget(self.title)
        header.addWidget(self.key, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 9, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)

    def set_axis_label(self, side: str, text: str) -> None:
        self._axis_labels[side] = text
        self.plot.setLabel(side, text, color=theme.current().muted)

    def _theme_changed(self, scheme: Scheme) -> None:
        """Redraw in the colours of the theme now in force."""
        self.view.setBackground(scheme.base)
        style_axes(self.plot, scheme)
        for side, text in self._axis_labels.items():
            self.plot.setLabel(side, text, color=scheme.muted)
        self.restyle(scheme)

    def restyle(self, scheme: Scheme) -> None:
        """Subclasses recolour their own items here."""

    def set_footer(self, text: str) -> None:
        self.footer.setText(text)
        self.footer.setVisible(bool(text))


def band_colour(scheme: Scheme) -> tuple[int, int, int, int]:
    """The translucent shade over a selected row (stronger on a dark background)."""
    return palette.rgba(scheme.highlight, 70 if scheme.dark else 40)


class MaterialBars(ChartPanel):
    """Horizontal bars, one row per material, names on the left axis, top row first.

    Clicking a row (its bar, its band or its name) emits ``materialClicked``.
    """

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.vb.invertY(True)
        self.plot.showGrid(x=True, y=False, alpha=0.12)
        left = self.plot.getAxis("left")
        left.setPen(pg.mkPen(None))
        left.setStyle(tickLength=0, hideOverlappingLabels=False)
        self.band = pg.LinearRegionItem(
            values=(0, 0), orientation="horizontal", movable=False,
            brush=pg.mkBrush(band_colour(theme.current())), pen=pg.mkPen(None))
        self.band.setZValue(-20)
        self.band.setVisible(False)
        self.plot.addItem(self.band, ignoreBounds=True)
        self.ids: list[str] = []
        self.highlighted = ""
        self._label_width = 40
        self._references: list[tuple[pg.InfiniteLine, pg.TextItem]] = []
        self.view.scene().sigMouseClicked.connect(self._clicked)
        self.vb.sigResized.connect(self._fit_rows)

    def row_px(self) -> float:
        """The height of one row on screen, in pixels."""
        (_, _), (y_lo, y_hi) = self.vb.viewRange()
        return max(self.vb.height(), 1.0) / max(y_hi - y_lo, 1e-9)

    def bar_height(self, nominal: float) -> float:
        """``nominal`` (a fraction of a row), but no thicker than BAR_PX."""
        return min(nominal, BAR_PX / self.row_px())

    def _fit_rows(self, *_: object) -> None:
        """Called on resize: subclasses thin their bars when rows are tall."""

    def _reference_line(self) -> tuple[pg.InfiniteLine, pg.TextItem]:
        """A dashed vertical line with its label in the strip above the bars."""
        scheme = theme.current()
        line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(
            scheme.line, width=1.2, style=Qt.PenStyle.DashLine))
        line.setZValue(3)
        label = pg.TextItem(color=scheme.muted, anchor=(0, 0.5))
        label.setFont(self.tick_font)
        for item in (line, label):
            self.plot.addItem(item, ignoreBounds=True)
        self._references.append((line, label))
        return line, label

    def restyle(self, scheme: Scheme) -> None:
        self.band.setBrush(pg.mkBrush(band_colour(scheme)))
        for line, label in self._references:
            line.setPen(pg.mkPen(scheme.line, width=1.2, style=Qt.PenStyle.DashLine))
            label.setColor(scheme.muted)

    @staticmethod
    def _place(line: pg.InfiniteLine, label: pg.TextItem, value: float, text: str) -> None:
        line.setValue(value)
        label.setText(text)
        label.setPos(value, (HEADROOM - 0.5) / 2)

    def set_names(self, ids: list[str], names: list[str], max_width: int = 240) -> None:
        """Material names as the left axis' ticks, elided to ``max_width`` pixels."""
        self.ids = ids
        metrics = QFontMetrics(self.tick_font)
        shown = [metrics.elidedText(n, Qt.TextElideMode.ElideRight, max_width) for n in names]
        left = self.plot.getAxis("left")
        left.setTicks([[(i, s) for i, s in enumerate(shown)], []])
        self._label_width = max((metrics.horizontalAdvance(s) for s in shown), default=40) + 12
        left.setWidth(self._label_width)
        n = max(len(ids), 1)
        self.vb.setLimits(yMin=HEADROOM, yMax=n - 0.4)
        self.vb.setYRange(HEADROOM, n - 0.4, padding=0)
        # rows and axes keep a readable height; the page scrolls before squashing them
        self.view.setMinimumHeight(int((n - 0.4 - HEADROOM) * ROW_PX) + 48)
        self.highlight(self.highlighted)

    def label_width(self) -> int:
        """Pixels the names need (the page gives both bar charts the wider one)."""
        return self._label_width

    def set_label_width(self, width: int) -> None:
        self.plot.getAxis("left").setWidth(width)

    def highlight(self, item_id: str) -> None:
        """Shade the row of ``item_id`` (nothing if it is not shown)."""
        self.highlighted = item_id
        if item_id in self.ids:
            i = self.ids.index(item_id)
            self.band.setRegion((i - 0.5, i + 0.5))
            self.band.setVisible(True)
        else:
            self.band.setVisible(False)

    def row_at(self, scene_pos: object) -> int | None:
        """The row under a scene position (over the plot or its name axis), if any."""
        plot_rect = self.vb.sceneBoundingRect()
        axis_rect = self.plot.getAxis("left").sceneBoundingRect()
        if not (plot_rect.contains(scene_pos) or axis_rect.contains(scene_pos)):
            return None
        y = self.vb.mapSceneToView(scene_pos).y()
        i = round(y)
        return i if 0 <= i < len(self.ids) and abs(y - i) <= 0.5 else None

    def row_scene_pos(self, item_id: str, x: float) -> object:
        """Where in the scene the row of ``item_id`` is drawn at view ``x`` (for tests)."""
        return self.vb.mapViewToScene(pg.Point(x, self.ids.index(item_id)))

    def _clicked(self, ev: Any) -> None:  # pyqtgraph's MouseClickEvent
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self.row_at(ev.scenePos())
        if i is not None:
            self.materialClicked.emit(self.ids[i])


class CoverChart(MaterialBars):
    """Days of cover per material, coloured by status, each with its own target mark."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("charts", "Days of cover against target"),
                         parent)
        self.set_axis_label("bottom", QCoreApplication.translate(
            "charts", "days of cover (stock on hand ÷ daily use)"))
        self.title.setToolTip(QCoreApplication.translate(
            "charts", "Most urgent first: critical, then short of target, then on target, "
            "each by days of cover."))
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT,
                                    brushes=[], pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.targets = pg.PlotDataItem([], [], pen=pg.mkPen(theme.current().text, width=2.5),
                                       connect="finite")
        self.targets.setZValue(4)
        self.plot.addItem(self.targets)
        self.project_target, self.project_target_label = self._reference_line()
        self.labels.z = 6
        self._limit = 1.0
        self._target_x = np.zeros(0)
        self._rows: list[MaterialRow] = []
        self._clipped: list[str] = []
        self.key.setText(status_key(own_target_key()))

    def set_rows(self, rows: list[MaterialRow], project_target: float,
                 total: int | None = None) -> None:
        """Draw ``rows`` top to bottom (the first MAX_ROWS of them)."""
        rows = rows[:MAX_ROWS]
        self._rows = rows
        n = len(rows)
        targets = [r.target for r in rows]
        limit = axis_limit([r.cover for r in rows],
                           max([project_target * 2, *(t * 1.1 for t in targets)]))
        y = np.arange(n, dtype=float)
        width = np.array([min(r.cover, limit) if r.cover is not None else 0.0 for r in rows])
        self.bars.setOpts(x0=np.zeros(n), y=y, width=width, height=BAR_HEIGHT,
                          brushes=self._brushes(rows))
        # each material's own target: a short upright stroke across its bar
        tx = np.repeat(np.array(targets, dtype=float), 3)
        tx[~np.repeat([r.has_demand for r in rows], 3)] = np.nan
        tx[2::3] = np.nan
        self._target_x = tx
        self._place(self.project_target, self.project_target_label, project_target,
                    QCoreApplication.translate("charts", "project target {days}").format(
                        days=fmt.days(project_target, unit=days_unit())))

        self._limit = limit
        self._clipped = [r.item_id for r in rows if r.cover is not None and r.cover > limit]
        self.set_names([r.item_id for r in rows], [r.name for r in rows])
        # a little room left of 0 so its tick shows, and right for the value labels
        self.vb.setXRange(-limit * 0.025, limit * 1.17, padding=0)
        self._fit_rows()
        notes = []
        if self._clipped:
            cut = len(self._clipped)
            notes.append(QCoreApplication.translate(
                "charts", "▸ {count} bar(s) cut off at {limit}; their cover is written next "
                "to them", None, cut).format(count=fmt.count(cut),
                                             limit=fmt.days(limit, unit=days_unit())))
        if total is not None and total > n:
            notes.append(QCoreApplication.translate(
                "charts", "the {shown} most urgent of {count} material(s) shown", None,
                total).format(shown=n, count=fmt.count(total)))
        self.set_footer(" · ".join(notes))

    @staticmethod
    def _brushes(rows: list[MaterialRow]) -> list[str]:
        scheme = theme.current()
        return [scheme.status.get(r.status, scheme.muted) for r in rows]

    def restyle(self, scheme: Scheme) -> None:
        super().restyle(scheme)
        self.targets.setPen(pg.mkPen(scheme.text, width=2.5))
        self.bars.setOpts(brushes=self._brushes(self._rows))
        self.key.setText(status_key(own_target_key()))
        self._label_values()

    def _fit_rows(self, *_: object) -> None:
        if not hasattr(self, "bars"):
            return
        h = self.bar_height(BAR_HEIGHT)
        self.bars.setOpts(height=h)
        y = np.arange(len(self._rows), dtype=float)
        half = min(0.45, h / 2 + 0.12)
        ty = np.column_stack([y - half, y + half, np.full(len(y), np.nan)]).ravel()
        self.targets.setData(self._target_x, ty)
        self._label_values()

    def _label_values(self, *_: object) -> None:
        """Each bar's cover at its end; moved past the target mark when the mark would
        cross the text, and with an arrow when the bar is cut off."""
        self.labels.begin()
        scheme = theme.current()
        (x_lo, x_hi), _ = self.vb.viewRange()
        sx = max(self.vb.width(), 100) / (x_hi - x_lo)
        metrics = QFontMetrics(self.tick_font)
        unit = days_unit()
        for i, r in enumerate(self._rows):
            text = fmt.days(r.cover, None, unit=unit)
            if r.cover is None:
                self.labels.add(text, 0, i, scheme.muted)
            elif r.cover > self._limit:
                self.labels.add(f"{text} ▸", self._limit, i, scheme.text)
            else:
                x = r.cover
                gap_px = (r.target - r.cover) * sx
                if 0 <= gap_px < metrics.horizontalAdvance(text) + 8:
                    x = r.target + 3 / sx
                self.labels.add(text, x, i, scheme.text)
        self.labels.end()

    def rows(self) -> list[MaterialRow]:
        """The materials drawn, top to bottom."""
        return list(self._rows)

    def clipped(self) -> list[str]:
        """Materials whose bar is cut off at the axis end."""
        return list(self._clipped)

    def bar_widths(self) -> np.ndarray:
        return np.asarray(self.bars.opts["width"], dtype=float)

    def value_labels(self) -> list[str]:
        return self.labels.texts()


class CountryMixChart(MaterialBars):
    """Each material's supply split by origin country, as 0-100 % stacked bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("charts", "Origin-country mix of supply"),
                         parent)
        self.set_axis_label("bottom", QCoreApplication.translate("charts",
                                                                 "share of supply (%)"))
        self.title.setToolTip(QCoreApplication.translate(
            "charts", "Most concentrated materials first; in each bar the largest origin "
            "country comes first."))
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=MIX_BAR_HEIGHT,
                                    brushes=[], pen=pg.mkPen(theme.current().segment_edge,
                                                             width=1))
        self.plot.addItem(self.bars)
        self.cap, self.cap_label = self._reference_line()
        self.plot.getAxis("bottom").setTicks(
            [[(v, f"{v}%") for v in (0, 20, 40, 60, 80, 100)], []])
        self._x_range = (-3.5, 103.5)
        self.vb.setXRange(*self._x_range, padding=0)
        self.segment_font = QFont(self.tick_font)
        self.segment_font.setPointSizeF(self.tick_font.pointSizeF() - 0.5)
        self.labels = _Labels(self.plot, self.segment_font)
        self._empty: list[int] = []
        self._segments: list[Segment] = []
        self._ids: list[str] = []
        self._legend: list[tuple[str, str, str]] = []  # colour, code, code and name

    def set_mix(self, ids: list[str], names: list[str], mix: dict[str, list[Segment]],
                country_cap: float, country_names: dict[str, str] | None = None,
                total: int | None = None) -> None:
        """``mix[item_id]``: that material's segments, largest first."""
        ids, names = ids[:MAX_ROWS], names[:MAX_ROWS]
        self._ids = ids
        self.set_names(ids, names)
        segments = [s for item_id in ids for s in mix.get(item_id, [])]
        self._segments = segments
        x0: list[float] = []
        widths: list[float] = []
        ys: list[float] = []
        brushes: list[str] = []
        self._empty = [i for i, item_id in enumerate(ids) if not mix.get(item_id)]
        for i, item_id in enumerate(ids):
            start = 0.0
            for s in mix.get(item_id, []):
                x0.append(start)
                widths.append(s.share * 100)
                ys.append(i)
                brushes.append(country_colour(s.country))
                start += s.share * 100
        self.bars.setOpts(x0=np.array(x0), y=np.array(ys), width=np.array(widths),
                          height=self.bar_height(MIX_BAR_HEIGHT), brushes=brushes)
        self._label_segments()
        self._place(self.cap, self.cap_label, country_cap * 100,
                    QCoreApplication.translate("charts", "country cap {cap}").format(
                        cap=fmt.percent(country_cap)))

        # legend: the countries that supply most of the shown materials first
        weight: dict[str | None, float] = {}
        for s in segments:
            weight[s.country] = weight.get(s.country, 0.0) + s.share
        order = sorted(weight, key=lambda c: (-weight[c], c or ""))
        names_of = country_names or {}
        self._legend = [
            (country_colour(c), c or "?", f"{c} {names_of.get(c, '')}".strip() if c else "?")
            for c in order]
        self.footer.setToolTip("\n".join(full for _, _, full in self._legend))
        self._show_legend()
        if total is not None and total > len(ids):
            self.key.setText(QCoreApplication.translate(
                "charts", "the {shown} most concentrated of {count} shown").format(
                    shown=len(ids), count=fmt.count(total)))
        else:
            self.key.setText("")

    def _label_segments(self) -> None:
        """Write "CN 65%" in each segment, or "CN" alone, or nothing: what fits."""
        self.labels.begin()
        for i in self._empty:
            self.labels.add(QCoreApplication.translate("charts", "no sources"), 0.5, i,
                            theme.current().muted)
        opts = self.bars.opts
        if opts["x0"] is not None and len(opts["x0"]):
            metrics = QFontMetrics(self.segment_font)
            px_per_pct = max(self.vb.width(), 100) / (self._x_range[1] - self._x_range[0])
            for s, x, w, y in zip(self._segments, opts["x0"], opts["width"], opts["y"],
                                  strict=True):
                room = w * px_per_pct - 6
                code = s.country or "?"
                for text in (f"{code} {fmt.percent(s.share)}", code):
                    if metrics.horizontalAdvance(text) <= room:
                        colour = palette.text_on(country_colour(s.country))
                        self.labels.add(text, x + w / 2, y, colour, (0.5, 0.5))
                        break
        self.labels.end()

    def restyle(self, scheme: Scheme) -> None:
        super().restyle(scheme)
        self.bars.setOpts(pen=pg.mkPen(scheme.segment_edge, width=1))
        self._label_segments()

    def _show_legend(self) -> None:
        """Country names when they fit on two lines, else the codes alone."""
        full = legend_html([(c, name) for c, _, name in self._legend])
        plain = "     ".join(f"■ {name}" for _, _, name in self._legend)
        room = max(self.footer.width(), self.width() - 24) * 2
        fits = QFontMetrics(self.footer.font()).horizontalAdvance(plain) < room
        self.set_footer(full if fits else legend_html([(c, code) for c, code, _ in
                                                       self._legend]))

    def resizeEvent(self, event: Any) -> None:  # a QResizeEvent
        super().resizeEvent(event)
        if self._legend:
            self._show_legend()

    def _fit_rows(self, *_: object) -> None:
        if hasattr(self, "bars"):
            self.bars.setOpts(height=self.bar_height(MIX_BAR_HEIGHT))
            self._label_segments()

    def segments(self) -> list[Segment]:
        """The drawn segments, material by material, largest share first."""
        return list(self._segments)

    def materials(self) -> list[str]:
        return list(self._ids)



G7_MARKS = ((0.60, QT_TRANSLATE_NOOP("charts", "G7 2030 goal")),
            (0.50, QT_TRANSLATE_NOOP("charts", "G7 ambition")))


class _MoneyAxis(pg.AxisItem):
    """An axis of sums written out (5,240,000), not in pyqtgraph's scientific notation."""

    def tickStrings(self, values, scale, spacing):  # pyqtgraph names it
        return [fmt.money(v * scale) for v in values]


class FrontierChart(pg.PlotWidget):
    """The cost of reducing dependence: each plan's total cost against the largest origin
    country's share of purchase value after it (planner.analysis.frontier), one point per
    country cap, with vertical marks at the G7's 60% and 50%."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background=theme.current().base,
                         axisItems={"left": _MoneyAxis("left")})
        self.setMinimumHeight(180)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        for side in ("left", "bottom"):  # no "(x0.01)" or "(x1e6)" beside the labels
            self.getAxis(side).enableAutoSIPrefix(False)
        self.curve = pg.PlotDataItem([], [], symbol="o", symbolSize=7, symbolPen=None)
        self.addItem(self.curve)
        self.marks = []
        for value, label in G7_MARKS:
            line = pg.InfiniteLine(
                value, angle=90, movable=False,
                label=QCoreApplication.translate("charts", label),
                labelOpts={"position": 0.97, "anchors": [(1, 0), (1, 0)],
                           "rotateAxis": (1, 0)})
            self.addItem(line)
            self.marks.append(line)
        self.restyle(theme.current())
        theme.notifier().changed.connect(self.restyle)
        self.getAxis("bottom").setLabel(QCoreApplication.translate(
            "charts", "largest origin country's share of purchase value"))
        self.getAxis("left").setLabel(QCoreApplication.translate("charts", "total cost"))
        self._points: list[tuple[float, float, float]] = []
        self.hide()  # empty axes would show meaningless ticks: shown with its first points

    def restyle(self, scheme: Scheme) -> None:
        """Background, axes, curve and marks in ``scheme``'s colours."""
        self.setBackground(scheme.base)
        style_axes(self.getPlotItem(), scheme)
        for side in ("left", "bottom"):
            self.getAxis(side).label.setDefaultTextColor(pg.mkColor(scheme.muted))
        self.curve.setPen(pg.mkPen(scheme.after, width=2))
        self.curve.setSymbolBrush(scheme.after)
        for line in self.marks:
            line.setPen(pg.mkPen(scheme.status_text["critical"], style=Qt.PenStyle.DashLine))
            line.label.setColor(scheme.status_text["critical"])

    def set_frontier(self, caps: Sequence[float], shares: Sequence[float],
                     costs: Sequence[float], currency: str) -> None:
        """Draw one point per cap: (share, cost); points without a figure are left out."""
        self._points = [(float(c), float(s), float(t)) for c, s, t in
                        zip(caps, shares, costs, strict=True)
                        if math.isfinite(float(s)) and math.isfinite(float(t))]
        x = np.array([p[1] for p in self._points])
        y = np.array([p[2] for p in self._points])
        self.curve.setData(x, y)
        self.setVisible(bool(self._points))
        self.getAxis("left").setLabel(
            QCoreApplication.translate("charts", "total cost ({currency})").format(
                currency=currency) if currency else
            QCoreApplication.translate("charts", "total cost"))
        self.getAxis("bottom").setTicks([[(t, fmt.percent(t))
                                          for t in np.arange(0, 1.01, 0.1)]])
        low = min(float(np.min(x, initial=1.0)), 0.45)
        high = max(float(np.max(x, initial=0.0)), 0.65)
        self.setXRange(low, high, padding=0.05)
        if len(y):
            self.setYRange(float(y.min()), float(y.max()), padding=0.1)

    def points(self) -> list[tuple[float, float, float]]:
        """The drawn points: (country cap, largest country's share, total cost)."""
        return list(self._points)
