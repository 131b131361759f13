"""World supply: who mines and refines a commodity, beside where the company buys it.

On the left the commodities, the project's own first (searchable, aliases such as
neodymium or ネオジム included). In the middle the USGS world production tables of the
chosen commodity (mine and refinery side by side where the release has both), with the
engine's concentration figures. On the right the company's declared and effective mix of
origin countries for that commodity (planner.analysis.world_view), its largest origin
against the G7 and EU marks (report.portfolio), and the release's citation. Nothing here
computes a figure; the page redraws on ``reportChanged`` (when shown).
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg

from planner.analysis import commodity_names, world_view
from planner.analysis.lookthrough import EU_CAP, G7_2030, G7_AMBITION, world_shares
from planner.analysis.world import (
    WorldProduction,
    commodities,
    match_commodity,
    world_production,
)
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.palette import Scheme, country_colour
from planner.inputs.usgs import SOURCE
from ui.common import theme
from ui.editing.document import Document
from ui.pages.charts import (
    BAR_HEIGHT,
    CountryMixChart,
    MaterialBars,
    Segment,
)
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QCoreApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QModelIndex,
    QScrollArea,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ROLE = Qt.ItemDataRole.UserRole  # a list item's commodity, as the release names it
DECLARED, EFFECTIVE = "declared", "effective"  # the rows of the company's mix chart
LABEL_PX = 48  # room right of the longest bar for its share ("69%")


@cache
def _tables() -> dict[str, tuple[WorldProduction, ...]]:
    """Every world table of the release's latest year, by commodity (read once)."""
    out: dict[str, list[WorldProduction]] = {}
    for table in world_production():
        out.setdefault(table.commodity, []).append(table)
    return {name: tuple(tables) for name, tables in out.items()}


def producer_name(code: str | None, name: str) -> str:
    """A producer as the chart names it: the country in the user's language, "Other
    countries", or the release's spelling of a country without a code."""
    if code:
        return country_name(code)
    if name == "Other countries":
        return QCoreApplication.translate("WorldPage", "Other countries")
    return name


class WorldChart(MaterialBars):
    """One world table: a bar per producer, its share of the listed total written beside
    it, the largest first and Other countries last."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.set_axis_label("bottom", QCoreApplication.translate(
            "WorldPage", "share (%)"))
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT, brushes=[],
                                    pen=pg.mkPen(theme.current().segment_edge, width=1))
        self.plot.addItem(self.bars)
        # the concentration figures on a line of their own: two charts side by side
        # leave the title's line too little room for them
        self.key.setVisible(False)
        self.figures = QLabel("", self)
        self.figures.setObjectName("chartKey")
        self.figures.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.figures)
        self.table: WorldProduction | None = None
        self._rows: list[tuple[str | None, str, float]] = []
        self._top = 100.0

    def set_table(self, table: WorldProduction) -> None:
        self.table = table
        self._rows = [(c.code, producer_name(c.code, c.name), c.share)
                      for c in table.countries if c.value > 0]
        self.title.setText(QCoreApplication.translate("WorldPage", "{statistic}, {year}")
                           .format(statistic=commodity_names.statistic_name(table.statistic),
                                   year=table.year))
        self.figures.setText(QCoreApplication.translate(
            "WorldPage", "Largest {country} {share} · top 3 {top3} · HHI {hhi}").format(
                country=table.top_country or fmt.DASH, share=fmt.percent(table.top_share),
                top3=fmt.percent(table.top3_share), hhi=fmt.hhi(table.hhi)))
        unit = commodity_names.unit_name(table.unit)
        if table.reported_total is not None:
            footer = QCoreApplication.translate(
                "WorldPage", "Shares of the {total} {unit} listed; world total as "
                "reported: {reported} {unit}.").format(
                    total=fmt.number(table.total), unit=unit,
                    reported=fmt.number(table.reported_total))
        else:
            footer = QCoreApplication.translate(
                "WorldPage", "Shares of the {total} {unit} listed.").format(
                    total=fmt.number(table.total), unit=unit)
        if table.left_out:
            footer += " " + QCoreApplication.translate(
                "WorldPage", "Not given by the release (left out): {countries}.").format(
                    countries=", ".join(table.left_out))
        nothing = [producer_name(c.code, c.name) for c in table.countries if c.value <= 0]
        if nothing:  # listed by the release with "—": no bar
            footer += " " + QCoreApplication.translate(
                "WorldPage", "Listed with no production: {countries}.").format(
                    countries=", ".join(nothing))
        self.set_footer(footer)
        ids = [code or name for code, name, _ in self._rows]
        self.set_names(ids, [name for _, name, _ in self._rows], max_width=130)
        shares = np.array([s for _, _, s in self._rows], dtype=float) * 100
        n = len(shares)
        self.bars.setOpts(x0=np.zeros(n), y=np.arange(n, dtype=float), width=shares,
                          height=self.bar_height(BAR_HEIGHT),
                          brushes=[country_colour(code) for code, _, _ in self._rows])
        self._top = float(shares.max()) if n else 100.0
        self._fit_x()
        self._label_values()

    def _fit_x(self) -> None:
        """An axis end that leaves room for the largest bar's label at any width."""
        width = max(self.vb.width(), 80.0)
        room = min(LABEL_PX / width, 0.5)
        self.vb.setXRange(0, max(self._top / (1 - room), 5.0), padding=0)

    def _label_values(self) -> None:
        scheme = theme.current()
        self.labels.begin()
        for i, (_, _, share) in enumerate(self._rows):
            self.labels.add(fmt.percent(share, 1 if share < 0.1 else 0), share * 100, i,
                            scheme.text, (-0.08, 0.5))
        self.labels.end()

    def restyle(self, scheme: Scheme) -> None:
        super().restyle(scheme)
        self.bars.setOpts(pen=pg.mkPen(scheme.segment_edge, width=1))
        self._label_values()

    def _fit_rows(self, *_: object) -> None:
        if hasattr(self, "bars"):
            self.bars.setOpts(height=self.bar_height(BAR_HEIGHT))
            self._fit_x()

    def rows(self) -> list[tuple[str | None, str, float]]:
        """The drawn producers: code (None for Other countries), name, share."""
        return list(self._rows)

    def shown_labels(self) -> list[str]:
        return self.labels.texts()


class MixChart(CountryMixChart):
    """The declared and effective bars, without the key of country names under them: the
    table beside them names every country, and a narrow panel has no room for both."""

    def _show_legend(self) -> None:
        self.set_footer("")


class MixModel(QAbstractTableModel):
    """The company's mix of one commodity, country by country: declared, effective and
    the country's share of world production."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frame = world_view.mix_table(*(world_view.country_mix(None, None, ""),) * 2)

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("Origin"), self.tr("Declared"), self.tr("Effective"),
                self.tr("World")]

    def header_tips(self) -> list[str]:
        return [self.tr("The origin country (its code in the cell's tooltip)"),
                self.tr("Its share of the commodity's purchase value, by the origins your "
                        "Sources sheet gives"),
                self.tr("Its share once unknown origins are spread over the world's "
                        "producers (an estimate)"),
                self.tr("Its share of world production, which the effective mix is "
                        "estimated from")]

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.frame.iloc[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                code = row["country"]
                if code is None:
                    return self.tr("No known origin")
                return country_name(str(code))  # the code is in the tooltip: room is short
            value = row[["declared", "effective", "world"][col - 1]]
            return fmt.share(value) if not _missing(value) else fmt.DASH
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and row["country"] is not None:
            return str(row["country"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips()[section]
        return None


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class WorldPage(QWidget):
    """Commodity list | world production charts | the company's mix and marks."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._pending = True
        self.commodity = ""
        self.charts: list[WorldChart] = []

        # --- the commodities --------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("worldSearch")
        self.search.setPlaceholderText(self.tr("Search commodities (e.g. neodymium)"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("worldCommodities")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        left_layout.setSpacing(6)
        heading = QLabel(self.tr("Commodities"))
        heading.setObjectName("sectionTitle")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)

        # --- the world ---------------------------------------------------------------
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(10)
        charts = self.chart_box = QWidget()
        charts.setObjectName("dashContent")
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addLayout(self.chart_grid)
        charts_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(charts)
        scroll.viewport().setAutoFillBackground(False)
        self.citation = QLabel(self.tr("Source: {citation}").format(citation=SOURCE))
        self.citation.setObjectName("muted")
        self.citation.setWordWrap(True)
        self.citation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 12, 6, 8)
        middle_layout.setSpacing(4)
        middle_layout.addWidget(self.heading)
        middle_layout.addWidget(self.subtitle)
        middle_layout.addWidget(scroll, 1)
        middle_layout.addWidget(self.citation)

        # --- the company --------------------------------------------------------------
        company_heading = QLabel(self.tr("Your purchases by origin"))
        company_heading.setObjectName("sectionTitle")
        self.headline = QLabel()
        self.headline.setObjectName("worldHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.mix_chart = MixChart()
        self.mix_chart.title.setText(self.tr("Declared and effective mix"))
        self.mix_chart.title.setToolTip(self.tr(
            "Share of the commodity's daily purchase value by origin country."))
        self.mix_chart.set_axis_label("bottom", self.tr("share of purchase value (%)"))
        self.mix_chart.view.setMinimumHeight(120)
        self.mix_chart.view.setMaximumHeight(170)
        self.mix_chart.cap_label.setAnchor((1, 0.5))  # left of its line: the panel is narrow
        self.mix_table = QTableView()
        self.mix_table.setObjectName("worldMix")
        self.mix_model = MixModel(self.mix_table)
        self.mix_table.setModel(self.mix_model)
        self.mix_table.verticalHeader().setVisible(False)
        self.mix_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mix_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mix_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.world_note = QLabel()
        self.world_note.setObjectName("hint")
        self.world_note.setWordWrap(True)
        self.note = QLabel(self.tr(
            "The effective mix is an estimate: supply of unknown origin (bought through a "
            "trader, or with the origin written as unknown) is spread over the producing "
            "countries by their share of world production."))
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 12, 12, 8)
        right_layout.setSpacing(6)
        right_layout.addWidget(company_heading)
        right_layout.addWidget(self.headline)
        right_layout.addWidget(self.mix_chart)
        right_layout.addWidget(self.mix_table, 1)
        right_layout.addWidget(self.world_note)
        right_layout.addWidget(self.note)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        for widget, stretch in ((left, 0), (middle, 3), (right, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.indexOf(widget), stretch)
        left.setMinimumWidth(170)
        left.setMaximumWidth(280)
        middle.setMinimumWidth(360)
        right.setMinimumWidth(300)
        splitter.setSizes([210, 700, 420])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_first)
        self.list.currentItemChanged.connect(self._current_changed)
        doc.reportChanged.connect(self._report_changed)
        # a method, not a lambda: Qt forgets the connection when the page is deleted
        theme.notifier().changed.connect(self._theme_changed)

    def _theme_changed(self, _scheme: object) -> None:
        self._show_company()

    # --- public ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the list (the project's commodities may have changed) and redraw."""
        self._pending = False
        report = self.doc.report
        materials = None if report is None else report.materials
        portfolio = None if report is None else report.portfolio
        project, others = world_view.commodity_order(materials, portfolio, commodities())
        others.sort(key=lambda c: commodity_names.commodity_name(c).casefold())  # A-Z, as read
        known = set(_tables())
        project = [c for c in project if c in known]
        self._fill_list(project, others)
        self._filter(self.search.text())
        chosen = self.commodity if self.commodity in known else ""
        if not chosen:
            chosen = project[0] if project else (others[0] if others else "")
        self.select(chosen)
        self._show_company()

    def select(self, commodity: str) -> None:
        """Show ``commodity`` (the release's name) and make it the list's current item."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ROLE) == commodity:
                self.list.setCurrentItem(item)
                break
        self._show_world(commodity)
        self._show_company()

    def listed(self) -> list[str]:
        """The commodities the list shows now (not filtered away), top to bottom."""
        return [str(self.list.item(i).data(ROLE)) for i in range(self.list.count())
                if self.list.item(i).data(ROLE) and not self.list.item(i).isHidden()]

    def project_commodities(self) -> list[str]:
        return [str(self.list.item(i).data(ROLE)) for i in range(self.list.count())
                if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1)]

    def mix_rows(self) -> list[tuple[str | None, float, float, float]]:
        """The company's mix as shown: country, declared, effective, world shares."""
        f = self.mix_model.frame
        return [(c, float(d), float(e), float(w)) for c, d, e, w in
                zip(f["country"], f["declared"], f["effective"], f["world"], strict=True)]

    # --- internals -------------------------------------------------------------------
    def _fill_list(self, project: list[str], others: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for title, names, mine in ((self.tr("In this project"), project, True),
                                   (self.tr("Other commodities"), others, False)):
            if not names:
                continue
            head = QListWidgetItem(title)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.list.addItem(head)
            for name in names:
                item = QListWidgetItem(commodity_names.commodity_name(name))
                item.setData(ROLE, name)
                item.setData(Qt.ItemDataRole.UserRole + 1, mine)
                item.setToolTip(name)
                self.list.addItem(item)
        self.list.blockSignals(False)

    def _filter(self, text: str) -> None:
        key = text.strip().casefold()
        names = [str(self.list.item(i).data(ROLE)) for i in range(self.list.count())
                 if self.list.item(i).data(ROLE)]
        aliased = set(match_commodity(text, names)) if key else set(names)
        visible_in_section = False
        head: QListWidgetItem | None = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(ROLE)
            if not name:
                if head is not None:
                    head.setHidden(not visible_in_section)
                head, visible_in_section = item, False
                continue
            shown = (not key or name in aliased or key in item.text().casefold())
            item.setHidden(not shown)
            visible_in_section = visible_in_section or shown
        if head is not None:
            head.setHidden(not visible_in_section)
        current = self.list.currentItem()
        if key and (current is None or current.isHidden()):
            self._pick_first()

    def _pick_first(self) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ROLE) and not item.isHidden():
                self.list.setCurrentItem(item)
                return

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(ROLE) and item.data(ROLE) != self.commodity:
            self._show_world(str(item.data(ROLE)))
            self._show_company()

    def _show_world(self, commodity: str) -> None:
        self.commodity = commodity
        tables = _tables().get(commodity, ())
        self.heading.setText(commodity_names.commodity_name(commodity) if commodity else "")
        if tables:
            self.subtitle.setText(self.tr(
                "World production in {year} by country, from the USGS world production "
                "tables ({unit}).").format(
                    year=tables[0].year, unit=commodity_names.unit_name(tables[0].unit)))
        else:
            self.subtitle.setText(self.tr("The USGS release has no world production table "
                                          "for this commodity."))
        while len(self.charts) < len(tables):
            self.charts.append(WorldChart(self.chart_box))
        for chart in self.charts:
            self.chart_grid.removeWidget(chart)
        columns = 2 if len(tables) > 1 else 1
        for i, chart in enumerate(self.charts):
            if i < len(tables):
                chart.set_table(tables[i])
                self.chart_grid.addWidget(chart, i // columns, i % columns)
            chart.setVisible(i < len(tables))
        for c in range(2):
            self.chart_grid.setColumnStretch(c, 1 if c < columns else 0)

    def _world_shares(self) -> list[tuple[str | None, float]]:
        """The shares of the world table look-through spreads the commodity over."""
        shares = world_shares().get(self.commodity)
        if shares is None:
            self.world_note.setText("")
            return []
        table = shares.table
        self.world_note.setText(self.tr(
            "World: the country's share of world production ({statistic}, {year}), which "
            "the effective mix is estimated from.").format(
                statistic=commodity_names.statistic_name(table.statistic), year=table.year))
        return [(c.code, c.share) for c in table.countries]

    def _show_company(self) -> None:
        if self._pending:
            return
        report = self.doc.report
        commodity = self.commodity
        if report is None or not commodity:
            self.headline.setText(self.doc.report_error or self.tr("Computing the figures…"))
            self.mix_model.set_frame(self.mix_model.frame.iloc[0:0])
            self.mix_chart.set_mix([], [], {}, self.doc.project.settings.max_country_share)
            return
        declared = world_view.country_mix(report.sources, report.materials, commodity)
        effective = world_view.country_mix(report.effective_sources, report.materials,
                                           commodity)
        self.mix_model.set_frame(world_view.mix_table(declared, effective,
                                                      self._world_shares()))
        mix = {key: [Segment(key, c, float(s)) for c, s in zip(
            frame["country"], frame["share"], strict=True)]
            for key, frame in ((DECLARED, declared), (EFFECTIVE, effective))}
        countries = {c for f in (declared, effective) for c in f["country"] if c}
        self.mix_chart.set_mix([DECLARED, EFFECTIVE],
                               [self.tr("Declared"), self.tr("Effective (estimate)")], mix,
                               self.doc.project.settings.max_country_share,
                               {c: country_name(c) for c in countries})
        self.headline.setText(self._headline(report.portfolio, commodity,
                                             not declared.empty))

    def _headline(self, portfolio: pd.DataFrame | None, commodity: str, bought: bool) -> str:
        name = commodity_names.commodity_name(commodity)
        if not bought or portfolio is None:
            return self.tr("The project buys no {commodity} with a purchase value (or its "
                           "materials have no commodity).").format(commodity=name)
        rows = portfolio[portfolio["commodity"].astype(object) == commodity]
        if rows.empty:
            return self.tr("The project buys no {commodity} with a purchase value.").format(
                commodity=name)
        row = rows.iloc[0]
        scheme = theme.current()

        def country(code: object) -> str:
            return fmt.DASH if _missing(code) or code is pd.NA else \
                f"{code} {country_name(str(code))}"

        effective = self.tr("Largest origin (effective): {country}, {share} of purchase "
                            "value.").format(country=country(row["top_country_by_value"]),
                                             share=fmt.percent(row["share_by_value"]))
        declared = self.tr("Declared: {country}, {share}.").format(
            country=country(row["declared_top_country"]),
            share=fmt.percent(row["declared_share_by_value"]))
        marks = []
        for key, level, label in (
                ("over_g7_60", G7_2030, self.tr("G7 2030 goal (under {mark}): {state}")),
                ("over_g7_50", G7_AMBITION, self.tr("G7 ambition (under {mark}): {state}")),
                ("over_eu_65", EU_CAP, self.tr("EU cap (at most {mark}): {state}"))):
            over = bool(row[key])
            colour = scheme.status_text["critical"] if over else scheme.status_text["ok"]
            state = self.tr("over") if over else self.tr("within")
            marks.append(label.format(
                mark=fmt.percent(level),
                state=f"<span style='color:{colour}; font-weight:600'>{state}</span>"))
        return (f"<b>{effective}</b><br>{declared}<br>" + " &nbsp;·&nbsp; ".join(marks))

    def _report_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._pending = True

    def showEvent(self, event: Any) -> None:  # a QShowEvent
        if self._pending:
            self.refresh()
        super().showEvent(event)


__all__ = ["WorldChart", "WorldPage", "producer_name"]

