"""The dashboard: headline figures and three charts over the engine's report.

Every number shown is read from ``doc.report``; the page only counts report rows and
arranges them. It redraws on ``reportChanged`` (at once when visible, else when next
shown), follows ``itemSelected`` with a highlight, and selects a material clicked in any
chart through ``doc.select_item``.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from planner.analysis.compare import NEWLY_BELOW, NEWLY_CRITICAL, Comparison, compare
from planner.analysis.compute import Report
from planner.analysis.ordering import concentration_order, country_mix, urgency_order
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.i18n import language
from planner.outputs.summary import G7_AMBITION, G7_CAP, cover_axis
from ui.common.operations import BACKGROUND_ROWS, Operation
from ui.common.widgets import Card
from ui.editing.document import Document
from ui.pages.charts import (
    MAX_ROWS,
    CountryMixChart,
    CoverChart,
    MaterialTable,
    Segment,
)
from ui.pages.exposure_map import ExposureMap
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)

OF = ("<span style='font-size:11pt; font-weight:400'>"
      "{of}</span>")  # "&nbsp;of 10", after a card's count

# Cards and chart panels take their look from the application's style sheet
# (resources/style.qss).

# The cards' captions (translated where shown); the largest origin's is written with the
# country's name once it is known
CAPTIONS = {
    "below_target": QT_TRANSLATE_NOOP("DashboardPage", "materials below target cover"),
    "single_sourced": QT_TRANSLATE_NOOP("DashboardPage", "single-sourced materials"),
    "over_supplier_cap": QT_TRANSLATE_NOOP("DashboardPage", "materials over the supplier cap"),
    "over_country_cap": QT_TRANSLATE_NOOP("DashboardPage", "materials over the country cap"),
    "largest_country": QT_TRANSLATE_NOOP("DashboardPage",
                                         "of purchase value from the largest origin country"),
}


class DashboardPage(QWidget):
    """Headline cards on top; cover and country mix on the left, the exposure map right."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._figures: dict[str, object] = {}
        self._pending = True
        # what the country mix was last drawn from (the report's sources, ids, names, cap
        # and the number of materials)
        self._mix_drawn: tuple[object, ...] | None = None

        self.cards = {key: Card(self.tr(caption)) for key, caption in CAPTIONS.items()}
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.cover_chart = CoverChart()
        self.mix_chart = CountryMixChart()
        self.exposure_map = ExposureMap()
        charts = QGridLayout()
        charts.setSpacing(10)
        charts.addWidget(self.cover_chart, 0, 0)
        charts.addWidget(self.mix_chart, 1, 0)
        charts.addWidget(self.exposure_map, 0, 1, 2, 1)
        charts.setColumnStretch(0, 3)
        charts.setColumnStretch(1, 2)
        charts.setRowStretch(0, 1)
        charts.setRowStretch(1, 1)

        # what changed since the last import or refresh, when the document keeps that state
        self.changes_bar = QWidget()
        self.changes_bar.setObjectName("dashChanges")
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)  # a file's name in it
        self.changes_button = QPushButton(self.tr("See What changed"))
        self.changes_button.clicked.connect(self.show_changes)
        line = QHBoxLayout(self.changes_bar)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.changes, 1)
        line.addWidget(self.changes_button)
        self.changes_bar.hide()
        self._compared: tuple[object, ...] | None = None  # what the line was worked out from
        self._comparing: Operation[Comparison] | None = None

        content = QWidget()
        content.setObjectName("dashContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(12, 12, 12, 12)
        body.setSpacing(10)
        body.addWidget(self.changes_bar)
        body.addLayout(cards)
        body.addLayout(charts, 1)

        self.message = QLabel()
        self.message.setObjectName("dashMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)

        # on a small screen the page scrolls rather than squash the bars below legibility
        scroll = QScrollArea()
        scroll.setObjectName("dashScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.viewport().setAutoFillBackground(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        for chart in (self.cover_chart, self.mix_chart, self.exposure_map):
            chart.materialClicked.connect(doc.select_item)
        self.exposure_map.modeChanged.connect(self._origins_switched)
        doc.reportChanged.connect(self._report_changed)
        doc.itemSelected.connect(self.highlight)
        doc.baselineChanged.connect(self._report_changed)
        # drawn when first shown (or asked for its figures): a hidden page costs nothing

    # --- public ----------------------------------------------------------------------
    def figures(self) -> dict[str, object]:
        """The headline values shown on the cards (counts, the largest country and its
        share of purchase value), or an empty dict while no figures are shown."""
        self._refresh_if_pending()
        return dict(self._figures)

    def card_text(self, key: str) -> str:
        """A card's value as the user reads it ("4 of 10", "CN 64%")."""
        self._refresh_if_pending()
        text = re.sub(r"<[^>]*>", "", self.cards[key].value.text())
        return text.replace("&nbsp;", " ")

    def showing_message(self) -> bool:
        return self.stack.currentWidget() is self.message

    def highlight(self, item_id: str) -> None:
        for chart in (self.cover_chart, self.mix_chart, self.exposure_map):
            chart.highlight(item_id)

    def refresh(self) -> None:
        """Redraw everything from the document's current report."""
        self._pending = False
        doc = self.doc
        report = doc.report
        if doc.report_error:
            self._show_message(self.tr("The figures cannot be shown"), self.tr(
                "{error}<br><br>Fix the problems marked in the tables; the dashboard comes "
                "back by itself.").format(error=_escape(doc.report_error)))
            return
        if report is None:
            self._show_message(self.tr("Computing the figures…"),
                               self.tr("The dashboard appears as soon as they are ready."))
            return
        if report.materials.empty:
            self._show_message(self.tr("No materials yet"), self.tr(
                "Import a template workbook or add materials and their sources to see days "
                "of cover and exposure here."))
            return
        self.stack.setCurrentIndex(0)
        table = material_table(report)
        self._set_cards(report)
        s = doc.project.settings
        total = len(table)
        self.cover_chart.set_axis_label("bottom", cover_axis(report))
        self.cover_chart.set_rows(table.rows(urgency_order(report.materials)[:MAX_ROWS]),
                                  s.target_days, total)
        order = concentration_order(report.materials)[:MAX_ROWS]
        ids = [str(i) for i in table.ids[order]]
        names = [str(n) for n in table.names[order]]
        self._draw_mix(report, ids, names, total)
        width = max(self.cover_chart.label_width(), self.mix_chart.label_width())
        self.cover_chart.set_label_width(width)
        self.mix_chart.set_label_width(width)
        self._draw_map(report, table)
        self.highlight(doc.selected_item)
        self._show_changes_line()

    # --- since the last refresh --------------------------------------------------------
    def show_changes(self) -> None:
        """The line's button: the window shows the What changed page."""
        self.doc.pageRequested.emit("changes_page")

    def _show_changes_line(self) -> None:
        """Compare the project with the state before the last import or refresh (off the
        UI thread for a large project) and say in one line what moved."""
        doc = self.doc
        old, report = doc.baseline, doc.report
        if old is None or report is None or doc.report_error:
            self._compared = None
            self.changes_bar.hide()
            return
        key = (old, doc.project, report)
        if self._compared is not None and all(
                a is b for a, b in zip(self._compared, key, strict=True)):
            return
        self._compared = key
        new = doc.project
        large = sum(len(t) for t in new.tables.values()) >= BACKGROUND_ROWS
        if large:
            new = new.copy()
        if self._comparing is not None:
            self._comparing.cancel()
        label = doc.baseline_label
        self._comparing = Operation(
            lambda _p: compare(old, new, new_report=report), exclusive=False).success(
            lambda c: self._compared_with(c, label)).failure(lambda _exc: self.changes_bar.hide())
        self._comparing.run(self, background=large)

    def _compared_with(self, c: Comparison, label: str) -> None:
        self._comparing = None
        moved = c.materials["item_id"].nunique() if len(c.materials) else 0
        newly = c.materials["what"].isin([NEWLY_BELOW, NEWLY_CRITICAL]) if len(
            c.materials) else None
        short = int(c.materials.loc[newly, "item_id"].nunique()) if newly is not None else 0
        rows = sum(len(d.changed) + len(d.added) + len(d.removed) for d in c.tables.values())
        self.changes.setText(self.tr(
            "Since the last refresh ({what}): materials whose figures moved: {moved}; newly "
            "short of target: {short}; products that worsened: {products}; rows changed, "
            "added or removed: {rows}.").format(
            what=label, moved=fmt.count(moved), short=fmt.count(short),
            products=fmt.count(len(c.products)), rows=fmt.count(rows)))
        self.changes_bar.show()

    def _draw_mix(self, report: Report, ids: list[str], names: list[str], total: int
                  ) -> None:
        """The country mix of the materials ``ids``, declared or effective as the map's
        buttons say; an edit of Stock or Orders keeps the report's sources: the same mix,
        not redrawn."""
        s = self.doc.project.settings
        effective = self.exposure_map.effective and report.effective_sources is not None
        sources = report.effective_sources if effective else report.sources
        assert sources is not None
        drawn = self._mix_drawn
        if drawn is None or drawn[0] is not sources or drawn[1:] != (
                ids, names, s.max_country_share, total, language()):
            mix = segments(sources, ids)
            countries = {seg.country for segs in mix.values() for seg in segs if seg.country}
            # the names in the key follow the language: China / 中国
            self.mix_chart.set_mix(ids, names, mix, s.max_country_share,
                                   {c: country_name(c) for c in countries}, total)
            self._mix_drawn = (sources, ids, names, s.max_country_share, total, language())
        self.mix_chart.title.setText(
            self.tr("Origin-country mix of supply (effective)") if effective else
            QCoreApplication.translate("charts", "Origin-country mix of supply"))

    # --- internals -------------------------------------------------------------------
    def _draw_map(self, report: Report, table: MaterialTable | None = None) -> None:
        """The exposure map over the declared origins, or the effective ones."""
        s = self.doc.project.settings
        if self.exposure_map.effective:
            table = material_table(report, effective=True)
        elif table is None:
            table = material_table(report)
        self.exposure_map.set_table(table, s.max_country_share, s.target_days)
        self.exposure_map.highlight(self.doc.selected_item)

    def _origins_switched(self, _effective: bool) -> None:
        """The map's Declared | Effective buttons: the map, the country mix and the
        largest-origin card follow."""
        report = self.doc.report
        if self._pending or report is None or self.showing_message():
            return
        self.refresh()

    def _report_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._pending = True  # redrawn when shown: edits elsewhere stay fast

    def _refresh_if_pending(self) -> None:
        if self._pending:
            self.refresh()

    def showEvent(self, event: object) -> None:
        self._refresh_if_pending()
        super().showEvent(event)

    def _show_message(self, title: str, text: str) -> None:
        self._figures = {}
        for card in self.cards.values():
            card.set("–")
        self.message.setText(f"<p style='font-size:14pt; font-weight:600'>{title}</p>"
                             f"<p>{text}</p>")
        self.stack.setCurrentWidget(self.message)

    def _set_cards(self, report: Report) -> None:
        m = report.materials
        status = m["status"].astype(str)
        n = len(m)
        below = status.isin(["critical", "short"]).to_numpy()
        critical = int((status == "critical").sum())
        single = (m["suppliers"] == 1).to_numpy()
        over_sup = m["over_supplier_cap"].to_numpy(dtype=bool)
        over_cty = m["over_country_cap"].to_numpy(dtype=bool)
        names = m["name"].astype(str).to_numpy()
        dep = report.country_dependence
        h = self.doc.headline  # the engine's figures, as on the printed summary
        assert h is not None  # set with the report
        top_country, top_share = h.largest_country, h.largest_country_share
        self._figures = {
            "materials": h.materials,
            "below_target": h.below_target,
            "critical": h.critical,
            "single_sourced": h.single_sourced,
            "over_supplier_cap": h.over_supplier_cap,
            "over_country_cap": h.over_country_cap,
            "largest_country": top_country,
            "largest_country_share": top_share,
        }
        s = self.doc.project.settings

        of = self.tr("&nbsp;of {total}").format(total=fmt.count(n))

        def count(card: str, mask: np.ndarray, level: str, tip: str) -> None:
            k = int(mask.sum())
            self.cards[card].caption.setText(self.tr(CAPTIONS[card]))
            self.cards[card].set(fmt.count(k) + OF.format(of=of), level if k else "",
                                 _tip(tip, names[mask]))

        count("below_target", below, "bad" if critical else "warn",
              self.tr("Critical or short of their target days ({count} critical):").format(
                  count=critical))
        count("single_sourced", single, "warn", self.tr("Bought from one supplier only:"))
        count("over_supplier_cap", over_sup, "warn",
              self.tr("A supplier holds more than {share} of supply:").format(
                  share=fmt.percent(s.max_supplier_share)))
        count("over_country_cap", over_cty, "bad",
              self.tr("One origin country holds more than {share}:").format(
                  share=fmt.percent(s.max_country_share)))
        card = self.cards["largest_country"]
        effective = self.exposure_map.effective
        if effective:  # the map shows effective origins: so does the card
            dep = report.effective_dependence
            top_country = str(dep.index[0]) if len(dep) else None
            top_share = float(dep.iloc[0]) if len(dep) else None
        if top_country is None or top_share is None:
            card.set(fmt.DASH, "", self.tr("No purchase values: add unit prices to the "
                                           "sources."))
            return
        level = "bad" if top_share > G7_CAP else "warn" if top_share > G7_AMBITION else ""
        caption = (self.tr("of purchase value from {country} (largest origin, effective)")
                   if effective else
                   self.tr("of purchase value from {country} (largest origin)"))
        card.caption.setText(caption.format(country=country_name(top_country)))
        others = ", ".join(f"{c} {fmt.percent(v)}" for c, v in dep.iloc[1:4].items())
        tip = self.tr("Share of daily purchase value by origin country. G7 marks: under {cap} "
                      "by 2030, ambition {ambition}.").format(
                          cap=fmt.percent(G7_CAP), ambition=fmt.percent(G7_AMBITION))
        if others:
            tip += self.tr("\nNext: {countries}").format(countries=others)
        if effective:
            tip += self.tr("\nEffective: origins you do not know are spread over the world's "
                           "producers of the material's commodity (an estimate).")
        card.set(f"{top_country} {fmt.percent(top_share)}", level, tip)


def material_table(report: Report, effective: bool = False) -> MaterialTable:
    """The report's materials as column arrays, in report order; with ``effective``, each
    material's top country and share once unknown origins are looked through."""
    m = report.materials
    country, share = (("effective_top_country", "effective_top_share") if effective
                      else ("top_country", "top_country_share"))

    def strings(column: str) -> np.ndarray:
        values = m[column].astype(object)
        return values.where(values.notna(), None).to_numpy(dtype=object)

    return MaterialTable(
        ids=strings("item_id"), names=strings("name"), units=strings("unit"),
        cover=m["days_of_cover"].to_numpy(dtype=float),
        target=m["target_days"].to_numpy(dtype=float), status=strings("status"),
        countries=strings(country), share=m[share].to_numpy(dtype=float))


def segments(sources: pd.DataFrame, item_ids: list[str]) -> dict[str, list[Segment]]:
    """Each material's country mix (planner.analysis.ordering) as stacked-bar segments."""
    mix: dict[str, list[Segment]] = {}
    src = sources[sources["item_id"].isin(item_ids)]
    for item_id, country, share in country_mix(src).itertuples(index=False):
        code = None if pd.isna(country) else str(country)
        mix.setdefault(str(item_id), []).append(Segment(str(item_id), code, float(share)))
    return mix


def _tip(heading: str, names: np.ndarray, limit: int = 12) -> str:
    if len(names) == 0:
        return ""
    listed = "\n".join(f"• {n}" for n in names[:limit])
    more = QCoreApplication.translate("DashboardPage", "\n… and {count} more").format(
        count=len(names) - limit) if len(names) > limit else ""
    return f"{heading}\n{listed}{more}"


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
