"""The exposure map: top origin-country share against days of cover, the dangerous
quadrant (over the country cap, under target) shaded, hover and click per material."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg

from planner.core import formatting as fmt
from planner.core import palette
from planner.core.palette import Scheme
from ui.common import theme
from ui.pages.charts import (
    MAX_MAP_LABELS,
    ChartPanel,
    MaterialTable,
    axis_limit,
    days_unit,
    status_key,
)
from ui.qt import (
    QCoreApplication,
    QFontMetrics,
    QHBoxLayout,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)


class ExposureMap(ChartPanel):
    """Top origin-country share against days of cover; the corner over the country cap
    and under the target is shaded, since a material there is both concentrated and short.

    One scatter item per status, and one per status for covers beyond the axis (drawn as
    triangles at its top): each has a single brush, since a brush per point makes
    pyqtgraph style every point in Python on each redraw.

    Two buttons under the title switch between the declared origins and the effective
    ones (unknown origins spread over the world's producers); the page that owns the map
    gives it the matching table when ``modeChanged`` says so.
    """

    modeChanged = Signal(bool)  # True: effective origins

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("ExposureMap", "Exposure map"), parent)
        self.effective = False
        self._mode_buttons()
        self._set_share_axis()
        self.set_axis_label("left", self.tr("days of cover"))
        self.title.setToolTip(self.tr("Hover a point for its figures; click it to select the "
                                      "material in every view."))
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.plot.getAxis("bottom").setTicks(
            [[(v, f"{v}%") for v in (0, 20, 40, 60, 80, 100)], []])
        self.danger = pg.BarGraphItem(x0=[60], x1=[100], y0=[0], y1=[60], pen=pg.mkPen(None))
        self.danger.setZValue(-30)
        self.plot.addItem(self.danger, ignoreBounds=True)
        self.danger_label = pg.TextItem(self.tr("over the cap, under target"), anchor=(1, 1),
                                        color=theme.current().status_text["critical"])
        self.danger_label.setFont(self.tick_font)
        self.plot.addItem(self.danger_label, ignoreBounds=True)
        dash = {"width": 1.2, "style": Qt.PenStyle.DashLine}
        ink = theme.current().line  # restyle() follows the theme from here on
        self.cap = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(ink, **dash),
            label=self.tr("country cap {value:.0f}%"),
            labelOpts={"position": 0.97, "anchors": [(0, 0), (0, 0)]})
        self.target = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen(ink, **dash),
            label=self.tr("target {value:.0f} d"),
            labelOpts={"position": 0.02, "anchors": [(0, 1), (0, 1)]})
        for line in (self.cap, self.target):
            line.setZValue(-10)
            self.plot.addItem(line, ignoreBounds=True)
        self._brushes: dict[str, Any] = {}
        self.scatters: dict[str, pg.ScatterPlotItem] = {}
        for key in (*palette.STATUS, *(f"beyond {status}" for status in palette.STATUS)):
            item = pg.ScatterPlotItem(
                size=12, symbol="t1" if key.startswith("beyond") else "o", hoverable=True,
                hoverSize=16, tip=self._tip)
            item.setZValue(10 + len(self.scatters))
            item.sigClicked.connect(self._clicked)
            self.plot.addItem(item)
            self.scatters[key] = item
        self.ring = pg.ScatterPlotItem(size=24, brush=pg.mkBrush(None))
        self.ring.setZValue(9)
        self.plot.addItem(self.ring)
        self.table = MaterialTable.empty()
        self._shown = np.zeros(0, dtype=np.int64)  # table positions of the drawn points
        self._x = np.zeros(0)
        self._y = np.zeros(0)
        self._danger_args: tuple | None = None
        self.vb.sigResized.connect(self._resized)
        self.highlighted = ""
        self._drawn: tuple[MaterialTable, float, float] | None = None
        self.restyle(theme.current())

    def _mode_buttons(self) -> None:
        """Declared | Effective, side by side under the title: one is always on, each
        reached with Tab and pressed with Space."""
        tip = self.tr("Declared: the origins your Sources sheet gives (blank: the supplier's "
                      "country).\nEffective: origins you do not know (written unknown, or "
                      "blank from a trader) spread over the world's producers of the "
                      "material's commodity, by their share of world production. An "
                      "estimate.")
        self.declared_button = QToolButton(self)
        self.declared_button.setText(self.tr("Declared"))
        self.effective_button = QToolButton(self)
        self.effective_button.setText(self.tr("Effective"))
        # the one in force reads as pressed, in the theme's selection colours
        pressed = ("QToolButton:checked { background: palette(highlight); "
                   "color: palette(highlighted-text); font-weight: 600; }")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for button, name in ((self.declared_button, "declaredOrigins"),
                             (self.effective_button, "effectiveOrigins")):
            button.setObjectName(name)
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setStyleSheet(pressed)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            button.toggled.connect(self._mode_toggled)
            row.addWidget(button)
        self.declared_button.setChecked(True)
        # a row of their own under the title, on the right: in the title row they would
        # squeeze the status key into broken lines (in Japanese above all)
        row.insertStretch(0, 1)
        panel = self.layout()
        assert isinstance(panel, QVBoxLayout)  # ChartPanel's: title row, plot, footer
        panel.insertLayout(1, row)

    def _mode_toggled(self, _checked: bool) -> None:
        effective = self.effective_button.isChecked()
        if effective != self.effective:
            self.effective = effective
            self._set_share_axis()
            self.modeChanged.emit(effective)

    def set_effective(self, effective: bool) -> None:
        """Show the effective (True) or declared origins, as the buttons do."""
        (self.effective_button if effective else self.declared_button).setChecked(True)

    def _set_share_axis(self) -> None:
        self.set_axis_label("bottom", self.tr(
            "effective share of supply from the top origin country (%)") if self.effective
            else self.tr("share of supply from the top origin country (%)"))

    def restyle(self, scheme: Scheme) -> None:
        """Every colour of the map in ``scheme``; the drawn points again in its colours."""
        super().restyle(scheme)
        self.danger.setOpts(brush=pg.mkBrush(palette.rgba(scheme.status["critical"],
                                                          40 if scheme.dark else 26)))
        self.danger_label.setColor(scheme.status_text["critical"])
        for line in (self.cap, self.target):
            line.setPen(pg.mkPen(scheme.line, width=1.2, style=Qt.PenStyle.DashLine))
            line.label.setColor(scheme.muted)
        self._brushes = {status: pg.mkBrush(c) for status, c in scheme.status.items()}
        for key, item in self.scatters.items():
            item.setPen(pg.mkPen(scheme.base, width=1.5))
            item.setBrush(self._brushes[key.removeprefix("beyond ")])
            item.opts["hoverPen"] = pg.mkPen(scheme.text, width=1.5)
        self.ring.setPen(pg.mkPen(scheme.selected, width=2.5))
        self.key.setText(status_key())
        if self._drawn is not None:
            self.set_table(*self._drawn)

    def set_table(self, table: MaterialTable, country_cap: float, target_days: float
                  ) -> None:
        """Draw every material with demand and sources of ``table``."""
        self.table = table
        self._drawn = (table, country_cap, target_days)
        shown = np.flatnonzero(~np.isnan(table.cover) & ~np.isnan(table.share))
        self._shown = shown
        cover = table.cover[shown]
        limit = axis_limit(cover, max(target_days * 2, 10.0))
        self._x = table.share[shown] * 100
        self._y = np.minimum(cover, limit)
        beyond = cover > limit
        status = table.status[shown]
        # beyond the axis, a status without a colour of its own is drawn as "ok"
        status_beyond = np.where(np.isin(status, list(palette.STATUS)), status, "ok")
        for key, item in self.scatters.items():
            if key.startswith("beyond "):
                sel = beyond & (status_beyond == key.removeprefix("beyond "))
            else:
                sel = ~beyond & (status == key)
            # the point's data is its row of the table (for its tip and a click)
            item.setData(x=self._x[sel], y=self._y[sel], data=shown[sel])
        cap = country_cap * 100
        self.cap.setValue(cap)
        self.target.setValue(target_days)
        self.danger.setOpts(x0=[cap], x1=[100], y0=[0], y1=[target_days])
        self.danger_label.setPos(99.5, target_days)
        self.danger_label.setVisible(cap < 97)
        top = limit * 1.08
        # a little room beyond 0 and 100 % so the end ticks show
        self.vb.setRange(xRange=(-4, 104), yRange=(-top * 0.04, top), padding=0)
        self._danger_args = (cap, target_days)
        self._label_danger(cap, target_days)

        notes = []
        left_out = len(table) - len(shown)
        if left_out:
            notes.append(self.tr("{count} material(s) without demand or sources not shown",
                                 None, left_out).format(count=fmt.count(left_out)))
        if beyond.any():
            notes.append(self.tr("▲ cover beyond {days}").format(
                days=fmt.days(limit, unit=days_unit())))
        self.set_footer(" · ".join(notes))
        self.highlight(self.highlighted)

    def _label_danger(self, cap: float, target_days: float) -> None:
        """Name the materials in the shaded corner (the ten with least cover), where the
        eye goes first.

        A label goes right of its point, else left, with the short name, else the item
        id: the first place that stays inside the plot and covers no other point or label.
        """
        self.labels.begin()
        xs, ys, shown = self._x, self._y, self._shown
        (x_lo, x_hi), (y_lo, y_hi) = self.vb.viewRange()
        sx = max(self.vb.width(), 100) / (x_hi - x_lo)
        sy = max(self.vb.height(), 100) / (y_hi - y_lo)
        px = (xs - x_lo) * sx  # pixels from the left
        py = (y_hi - ys) * sy  # pixels from the top
        metrics = QFontMetrics(self.tick_font)
        h = metrics.height()
        taken: list[tuple[float, float, float, float]] = []
        right_edge = (101 - x_lo) * sx
        danger = np.flatnonzero((xs > cap) & (self.table.cover[shown] < target_days))
        # in a big project, the few with the least cover
        danger = danger[np.argsort(ys[danger], kind="stable")][:MAX_MAP_LABELS]
        for i in danger:
            row = int(shown[i])
            options = []
            for text in (fmt.short_name(str(self.table.names[row])), str(self.table.ids[row])):
                w = metrics.horizontalAdvance(text) + 4
                options.append((text, px[i] + 13, px[i] + 13 + w, (0, 0.5), 1.0))
                options.append((text, px[i] - 13 - w, px[i] - 13, (1, 0.5), -1.0))
            fallback = options[-2] if options[-2][2] <= right_edge else options[-1]
            best = next((o for o in options if self._free(o, py[i], h, px, py, int(i), taken,
                                                            right_edge)), fallback)
            text, left, right, anchor, side = best
            taken.append((left, right, py[i] - h / 2, py[i] + h / 2))
            self.labels.add(text, xs[i] + side * 13 / sx, ys[i], theme.current().text,
                            anchor)
        self.labels.end()

    @staticmethod
    def _free(option: tuple, y: float, h: float, px: np.ndarray, py: np.ndarray, own: int,
              taken: list[tuple[float, float, float, float]], right_edge: float) -> bool:
        _, left, right, _, _ = option
        top, bottom = y - h / 2, y + h / 2
        if left < 0 or right > right_edge:
            return False
        near = (px > left - 7) & (px < right + 7) & (py > top - 7) & (py < bottom + 7)
        near[own] = False
        if near.any():
            return False
        return not any(left < r and right > lf and top < b and bottom > t
                       for lf, r, t, b in taken)

    def _resized(self, *_: object) -> None:
        if self._danger_args is not None:
            self._label_danger(*self._danger_args)

    def _index_of(self, item_id: str) -> int | None:
        """Position among the drawn points of ``item_id``, if drawn."""
        if not item_id:
            return None
        hits = np.flatnonzero(self.table.ids[self._shown] == item_id)
        return int(hits[0]) if len(hits) else None

    def highlight(self, item_id: str) -> None:
        self.highlighted = item_id
        i = self._index_of(item_id)
        if i is None:
            self.ring.setData([], [])
        else:
            self.ring.setData([self._x[i]], [self._y[i]])

    def points(self) -> list[tuple[str, float, float]]:
        """(item_id, x = top-country share in %, y = days of cover as drawn) per point."""
        ids = self.table.ids[self._shown]
        return [(str(i), float(x), float(y)) for i, x, y in zip(ids, self._x, self._y,
                                                                strict=True)]

    def point_scene_pos(self, item_id: str) -> object:
        i = self._index_of(item_id)
        if i is None:
            raise KeyError(item_id)
        return self.vb.mapViewToScene(pg.Point(float(self._x[i]), float(self._y[i])))

    def tip_for(self, item_id: str) -> str:
        """The hover text of a material's point."""
        i = self._index_of(item_id)
        if i is None:
            raise KeyError(item_id)
        return self._tip_at(int(self._shown[i]))

    def _tip_at(self, row: int) -> str:
        t = self.table
        status = str(t.status[row])
        unit = days_unit()
        text = (self.tr("{name}\n{cover} of cover, target {target} ({status})\n{share} of "
                        "supply from {country} (effective, an estimate)") if self.effective
                else self.tr("{name}\n{cover} of cover, target {target} ({status})\n{share} "
                             "of supply from {country}"))
        return text.format(
            name=t.names[row], cover=fmt.days(float(t.cover[row]), None, unit=unit),
            target=fmt.days(t.target[row], unit=unit), status=fmt.status_label(status),
            share=fmt.percent(float(t.share[row])), country=t.countries[row] or "?")

    def _tip(self, x: float, y: float, data: Any) -> str:  # data: the point's row
        return self._tip_at(int(data)) if data is not None else ""

    def _clicked(self, _item: object, points: Sequence, _ev: object) -> None:
        if len(points):
            self.materialClicked.emit(str(self.table.ids[int(points[0].data())]))
