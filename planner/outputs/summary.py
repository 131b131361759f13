"""The figures of the one-page exposure summary, and the dashboard's headline figures.

Pure data: ``ui.printing.summary_render`` draws it for the printer, the PDF and the preview, and
the dashboard shows the same headline figures, so management and the buyer see the same
numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from planner.analysis.commodity_names import commodity_name
from planner.analysis.compute import Report
from planner.analysis.lookthrough import G7_2030
from planner.analysis.lookthrough import G7_AMBITION as G7_AMBITION
from planner.analysis.ordering import country_mix as mix_by_country
from planner.analysis.ordering import product_risk_order, risk_order
from planner.analysis.stockpile import JOGMEC_DAYS, StockpileResult
from planner.analysis.stockpile import stockpile as size_stock
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.i18n import N_, _, ngettext, pgettext
from planner.inputs.project import Project, Settings
from planner.outputs.reports import SCREENING, flagged_products
from planner.outputs.stockpile_reports import unpriced_sentence

if TYPE_CHECKING:
    from planner.analysis.plan import Plan
    from planner.analysis.scenario import Ranking

G7_CAP = G7_2030  # the marks are the engine's (planner.analysis.lookthrough)


@dataclass(frozen=True)
class Headline:
    materials: int
    below_target: int
    critical: int
    single_sourced: int
    over_supplier_cap: int
    over_country_cap: int
    largest_country: str | None
    largest_country_share: float | None  # of purchase value

    @property
    def g7_level(self) -> str:
        """'above' the G7 60% mark, 'between' 50% and 60%, or 'below' the 50% ambition."""
        share = self.largest_country_share
        if share is None:
            return "below"
        return "above" if share > G7_CAP else "between" if share > G7_AMBITION else "below"


def headline(report: Report) -> Headline:
    m = report.materials
    with_demand = m["daily_use"] > 0
    dep = report.country_dependence
    return Headline(
        materials=len(m),
        below_target=int((with_demand & (m["status"] != "ok")).sum()),
        critical=int((m["status"] == "critical").sum()),
        single_sourced=int((m["suppliers"] == 1).sum()),
        over_supplier_cap=int(m["over_supplier_cap"].sum()),
        over_country_cap=int(m["over_country_cap"].sum()),
        largest_country=str(dep.index[0]) if len(dep) else None,
        largest_country_share=float(dep.iloc[0]) if len(dep) else None,
    )


@dataclass(frozen=True)
class ProductRisk:
    item_id: str
    name: str
    status: str
    min_days_of_cover: float | None
    reasons: list[str]  # the materials that put it at risk, in words


@dataclass
class Grid:
    """A small titled table for the printed summary: columns, rows of text, a note."""

    title: str
    columns: list[tuple[str, float, str]]  # title, width weight, "l" or "r"
    rows: list[list[str]]
    note: str = ""
    details: list[str] = field(default_factory=list)  # per row: a line under it, or ""


@dataclass
class Summary:
    title: str
    company: str
    as_of: str
    settings: Settings
    headline: Headline
    materials: pd.DataFrame  # sorted by risk
    country_mix: pd.DataFrame  # item_id, origin_country, share (sums to 1 per item)
    country_dependence: pd.Series
    products: list[ProductRisk] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # extra text blocks
    grids: list[Grid] = field(default_factory=list)  # plan and disruption tables
    cover_axis: str = N_("days of cover (stock on hand ÷ daily use)")  # see cover_axis()


def country_mix(report: Report) -> pd.DataFrame:
    """Per material, the share of supply from each origin country (largest first)."""
    return mix_by_country(report.sources)


def products_at_risk(report: Report, limit: int = 6) -> list[ProductRisk]:
    p = report.products
    if p.empty:
        return []
    ordered = product_risk_order(p)
    materials = report.materials.set_index("item_id")
    out = []
    for r in ordered.head(limit).itertuples(index=False):
        reasons: list[str] = []
        named: set[str] = set()
        for material in (r.worst_status_material if r.worst_status != "ok" else None,
                         r.min_cover_material):
            if isinstance(material, str) and material not in named:
                m = materials.loc[material]
                cover = fmt.days(m["days_of_cover"])
                reasons.append(_("{name}: {days} days of cover ({status})").format(
                    name=m["name"], days=cover, status=fmt.status_label(m["status"]))
                    if not fmt.is_missing(m["days_of_cover"]) else
                    _("{name}: {days} of cover ({status})").format(
                    name=m["name"], days=cover, status=fmt.status_label(m["status"])))
                named.add(material)
        material = r.top_country_material
        if isinstance(material, str) and material not in named:
            m = materials.loc[material]
            reasons.append(_("{name}: {share} from {country}").format(
                name=m["name"], share=fmt.percent(m["top_country_share"]),
                country=m["top_country"]))
        out.append(ProductRisk(r.item_id, r.name, r.worst_status,
                               None if math.isnan(r.min_days_of_cover) else
                               float(r.min_days_of_cover), reasons))
    return out


def plan_grid(plan: Plan, limit: int = 12) -> Grid:
    """What the procurement plan changes, for the materials it spends most on."""
    m = plan.materials
    bought = m[m["planned"] > 0].sort_values("cost", ascending=False, kind="stable")
    rows, details = [], []

    def cover(value: object) -> str:
        return fmt.days(value, missing=fmt.DASH)

    def share(value: object) -> str:  # as in the workbook's Exposure sheet: 58.8%
        return fmt.share(value) or fmt.DASH

    for r in bought.head(limit).itertuples(index=False):
        rows.append([
            str(r.name), f"{fmt.quantity(r.planned)} {r.unit}",
            fmt.money(r.cost),
            f"{cover(r.days_of_cover_before)} → {cover(r.days_of_cover_after)}",
            f"{share(r.top_supplier_share_before)} → {share(r.top_supplier_share_after)}",
            f"{share(r.top_country_share_before)} → {share(r.top_country_share_after)}",
            fmt.yes_no(r.cap_breach)])
        reason = r.reason_text
        details.append(_("Still over a cap: {reason}").format(reason=reason)
                       if r.cap_breach and isinstance(reason, str) else "")
    p = plan.parameters
    late = plan.late_lines
    total = fmt.money(plan.total_cost, plan.currency)
    values = {"lines": fmt.count(len(plan.lines)), "total": total, "late": late,
              "materials": fmt.count(len(plan.breaches)),
              "horizon": fmt.setting_number(p.horizon_days),
              "target": fmt.setting_number(p.target_days)}
    if late:
        note = ngettext(
            "{lines} order lines, {total} in all, {late} already late; {materials} material "
            "still over a cap. Horizon {horizon} days + target {target} days of cover.",
            "{lines} order lines, {total} in all, {late} already late; {materials} materials "
            "still over a cap. Horizon {horizon} days + target {target} days of cover.",
            len(plan.breaches)).format(**values)
    else:
        note = ngettext(
            "{lines} order lines, {total} in all; {materials} material still over a cap. "
            "Horizon {horizon} days + target {target} days of cover.",
            "{lines} order lines, {total} in all; {materials} materials still over a cap. "
            "Horizon {horizon} days + target {target} days of cover.",
            len(plan.breaches)).format(**values)
    if len(bought) > limit:
        note = fmt.sentences(note, _("The {limit} largest of {count} purchases are "
                                     "shown.").format(limit=limit, count=len(bought)))
    return Grid(_("What the procurement plan changes"),
                [(_("Material"), 3.0, "l"), (_("Planned"), 1.3, "r"),
                 (_("Cost ({currency})").format(currency=plan.currency), 1.3, "r"),
                 (_("Cover, days"), 1.3, "r"), (_("Supplier share"), 1.3, "r"),
                 (_("Origin share"), 1.3, "r"), (_("Over cap"), 0.9, "r")],
                rows, note, details)


def ranking_grid(ranking: Ranking, limit: int = 10) -> Grid:
    """The single points of failure that matter most, by revenue at risk."""
    stops = ranking.stops.head(limit)
    rows = []
    for r in stops.itertuples(index=False):
        first = r.first_stockout_days
        # a country in the language chosen; the ranking's own name column stays English
        name = (f"{country_name(str(r.key))} ({r.key})" if r.by == "country"
                else f"{r.key}  {r.name}")
        rows.append([
            _("country") if r.by == "country" else _("supplier"), name, fmt.number(r.days),
            fmt.count(r.materials_hit),
            fmt.day(first), fmt.count(r.products_stopped),
            fmt.number(r.revenue_at_risk), fmt.share(r.risk_exposure_index)])
    return Grid(_("Disruption risk: each supplier and origin country stopped for its time "
                  "to recover"),
                [(_("Stop"), 0.9, "l"), (_("Who"), 3.2, "l"), (_("Days"), 0.6, "r"),
                 (_("Materials"), 0.9, "r"), (_("Stock-out"), 0.9, "r"),
                 (_("Products"), 0.9, "r"),
                 (_("At risk ({currency})").format(currency=ranking.currency), 1.5, "r"),
                 (_("Index"), 0.7, "r")],
                rows, _("Materials: how many the stop hits; stock-out: the first day one runs "
                        "out; products: how many stop; at risk: revenue of the units lost; "
                        "index: revenue at risk ÷ the largest (time to survive against time "
                        "to recover)."))


def stockpile_grid(result: StockpileResult, limit: int = 8) -> Grid | None:
    """Where stock protects most: the materials whose recommended stock avoids the most
    expected loss per unit of its holding cost, in the engine's order; None when no
    stock is worth holding (nothing likely, or nothing to lose)."""
    m = result.materials
    # the materials short of their recommended days, in the engine's order: where the
    # next unit of money spent on stock protects most (as the window and the command)
    ratio = m["loss_avoided_per_added_holding_cost"].to_numpy(dtype=float, na_value=np.nan)
    worth = m[np.isfinite(ratio) & (ratio > 0)]
    if worth.empty:
        return None
    rows = []
    for r in worth.head(limit).itertuples(index=False):
        rows.append([
            str(r.name), fmt.days(r.current_days, missing=fmt.DASH),
            fmt.days(r.target_days, missing=fmt.DASH), fmt.number(r.recommended_days),
            fmt.days(r.days_to_add), fmt.money(r.holding_cost_per_year),
            fmt.money(r.expected_loss_per_year_now),
            _("{ratio}×").format(ratio=fmt.quantity(r.loss_avoided_per_added_holding_cost))])
    pct = result.holding_cost_pct
    note = _("Days of stock, of daily use; money in {currency} a year. Holding cost: {pct} "
             "of the recommended stock's value. Expected loss: each stop of the risk ranking "
             "and the presets, its loss with that stock × its likelihood a year (at today's "
             "stock beside it); the likelihoods and the holding cost are assumptions set in "
             "Settings. Recommended: the days where the two together are least (0 to 365); "
             "to add: the days of use short of them; avoided ÷ cost: the loss the stock to "
             "add avoids per unit of the holding cost it adds. JOGMEC's national stockpile "
             "mark is {jogmec} days.").format(
        currency=result.currency, jogmec=JOGMEC_DAYS,
        pct=fmt.percent(pct, 0 if float(pct * 100).is_integer() else 1))
    if len(worth) > limit:
        note = fmt.sentences(note, _("The first {limit} of {count} materials are "
                                     "shown.").format(limit=limit, count=len(worth)))
    if len(result.unpriced):
        note = fmt.sentences(note, unpriced_sentence(result))
    return Grid(_("Where stock protects most"),
                [(_("Material"), 3.0, "l"), (_("Days now"), 0.9, "r"),
                 (_("Target"), 0.9, "r"), (_("Recommended"), 1.1, "r"),
                 (_("To add"), 0.9, "r"), (_("Holding cost"), 1.3, "r"),
                 (_("Loss, stock now"), 1.3, "r"), (_("Avoided ÷ cost"), 1.1, "r")],
                rows, note)


def origin_grid(report: Report, limit: int = 12) -> Grid | None:
    """The declared top origin country beside the effective one, for the materials whose
    supply look-through spread (an origin not stated: bought from a trader, or written
    unknown), the most looked through first; None when it spread none."""
    m = report.materials
    if "looked_through_share" not in m.columns:
        return None
    looked = m[(m["looked_through_share"] > 0).fillna(False).to_numpy(dtype=bool)]
    if looked.empty:
        return None
    looked = looked.sort_values(["looked_through_share", "item_id"], ascending=[False, True],
                                kind="stable")

    rows = [[str(r.name), commodity_name(r.commodity),
             country_share(r.top_country, r.top_country_share),
             country_share(r.effective_top_country, r.effective_top_share),
             fmt.share(r.unknown_origin_share),
             country_share(r.world_top_country, r.world_top_share)]
            for r in looked.head(limit).itertuples(index=False)]
    note = ""
    if len(looked) > limit:
        note = _("The {limit} most looked-through of {count} materials are shown.").format(
            limit=limit, count=len(looked))
    return Grid(_("Declared and effective origin: unknown origins spread over world "
                  "production"),
                [(_("Material"), 3.0, "l"), (_("Commodity"), 1.4, "l"),
                 (_("Declared origin"), 1.2, "r"), (_("Effective origin"), 1.2, "r"),
                 (_("Unknown origin"), 1.0, "r"), (_("World's largest"), 1.2, "r")],
                rows, note)


def country_share(country: object, share: object) -> str:
    """"CN 82.5%", or a dash when there is no share."""
    return f"{fmt.text(country)} {fmt.share(share)}" if not fmt.is_missing(share) else fmt.DASH


def portfolio_grid(project: Project, report: Report) -> Grid | None:
    """Each commodity's effective dependence on its largest origin country, by value and
    by quantity, the declared one beside it, against the policy marks; the note names the
    products flagged for origin content. None when there is neither."""
    portfolio = report.portfolio
    flagged = flagged_products(report)
    if (portfolio is None or portfolio.empty) and flagged.empty:
        return None
    rows = []
    for r in (portfolio if portfolio is not None else pd.DataFrame()).itertuples(index=False):
        rows.append([commodity_name(r.commodity), fmt.count(r.materials),
                     country_share(r.top_country_by_value, r.share_by_value),
                     country_share(r.top_country_by_quantity, r.share_by_quantity),
                     country_share(r.declared_top_country, r.declared_share_by_value),
                     fmt.yes_no(r.over_g7_60), fmt.yes_no(r.over_g7_50),
                     fmt.yes_no(r.over_eu_65)])
    note = _("Effective: origins a source does not state (bought from a trader, or written "
             "unknown) spread over world production; by quantity only where a commodity's "
             "materials share one unit. Over a mark: above it by value or by quantity.")
    if not flagged.empty:
        s = project.settings
        products = pgettext("list separator", ", ").join(
            f"{r.item_id} {fmt.share(r.content_share)}" for r in flagged.itertuples(index=False))
        note += "\n" + _("Flagged for origin content (more than {threshold} of the material "
                         "value from {country}): {products}. {screening}").format(
            threshold=fmt.share(s.content_threshold), country=fmt.text(s.content_country),
            products=products, screening=_(SCREENING))
    return Grid(_("Portfolio against the policy marks: effective dependence on one country"),
                [(_("Commodity"), 2.4, "l"), (_("Materials"), 0.8, "r"),
                 (_("By value"), 1.2, "r"), (_("By quantity"), 1.2, "r"),
                 (_("Declared by value"), 1.4, "r"), (_("Over G7 60%"), 1.0, "r"),
                 (_("Over G7 50%"), 1.0, "r"), (_("Over EU 65%"), 1.0, "r")],
                rows, note)


def cover_axis(report: Report) -> str:
    """How the report's days of cover are measured, as a chart's axis says it."""
    if report.profile is not None:
        return _("days of cover along the monthly forecast")
    return _(Summary.cover_axis)


def build_summary(project: Project, report: Report, plan: Plan | None = None,
                  ranking: Ranking | None = None,
                  stockpile: StockpileResult | None = None) -> Summary:
    """The summary's figures; with a ``ranking``, where stock protects most too (the
    ``stockpile`` sizing given, else sized here with that ranking)."""
    s = project.settings
    grids = []
    for grid in (origin_grid(report), portfolio_grid(project, report)):
        if grid is not None:
            grids.append(grid)
    if stockpile is None and ranking is not None:
        stockpile = size_stock(project, report=report, ranking=ranking)
    stock = stockpile_grid(stockpile, 5) if stockpile is not None else None
    # with the stockpile section the plan and the ranking show fewer rows, so that the
    # summary stays on two pages
    if plan is not None and len(plan.lines):
        grids.append(plan_grid(plan, 12 if stock is None else 8))
    if ranking is not None and len(ranking.stops):
        grids.append(ranking_grid(ranking, 10 if stock is None else 6))
    if stock is not None:
        grids.append(stock)
    return Summary(
        title=_("Supply exposure summary"),
        company=s.company,
        as_of=fmt.long_date(report.as_of),
        settings=s,
        headline=headline(report),
        materials=risk_order(report.materials).reset_index(drop=True),
        country_mix=country_mix(report),
        country_dependence=report.country_dependence,
        products=products_at_risk(report),
        grids=grids,
        cover_axis=cover_axis(report),
    )


def full_summary(project: Project, report: Report) -> Summary:
    """The summary with the procurement plan and the disruption ranking, as printed."""
    from planner.analysis.plan import make_plan
    from planner.analysis.scenario import rank

    return build_summary(project, report, make_plan(project), rank(project, report=report))
