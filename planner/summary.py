"""The figures of the one-page exposure summary, and the dashboard's headline figures.

Pure data: ``ui.summary_render`` draws it for the printer, the PDF and the preview, and
the dashboard shows the same headline figures, so management and the buyer see the same
numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from planner.compute import Report
from planner.project import Project, Settings
from planner.reports import risk_order

G7_CAP, G7_AMBITION = 0.60, 0.50


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


def country_mix(report: Report) -> pd.DataFrame:
    """Per material, the share of supply from each origin country (largest first)."""
    src = report.sources
    mix = src.groupby(["item_id", "origin_country"], sort=False)["share"].sum().reset_index()
    return mix.sort_values(["item_id", "share"], ascending=[True, False], kind="stable")


def _days(value: float) -> str:
    return "no demand" if value is None or math.isnan(value) else f"{value:,.0f} days"


def products_at_risk(report: Report, limit: int = 6) -> list[ProductRisk]:
    p = report.products
    if p.empty:
        return []
    rank = p["worst_status"].map({"critical": 0, "short": 1, "ok": 2}).fillna(2)
    ordered = p.assign(_r=rank, _c=p["min_days_of_cover"].fillna(math.inf)).sort_values(
        ["_r", "_c", "top_country_share"], ascending=[True, True, False], kind="stable")
    materials = report.materials.set_index("item_id")
    out = []
    for r in ordered.head(limit).itertuples(index=False):
        reasons: list[str] = []
        named: set[str] = set()
        for material in (r.worst_status_material if r.worst_status != "ok" else None,
                         r.min_cover_material):
            if isinstance(material, str) and material not in named:
                m = materials.loc[material]
                reasons.append(f"{m['name']}: {_days(m['days_of_cover'])} of cover "
                               f"({m['status']})")
                named.add(material)
        material = r.top_country_material
        if isinstance(material, str) and material not in named:
            m = materials.loc[material]
            reasons.append(f"{m['name']}: {m['top_country_share']:.0%} from "
                           f"{m['top_country']}")
        out.append(ProductRisk(r.item_id, r.name, r.worst_status,
                               None if math.isnan(r.min_days_of_cover) else
                               float(r.min_days_of_cover), reasons))
    return out


def build_summary(project: Project, report: Report) -> Summary:
    s = project.settings
    return Summary(
        title="Supply exposure summary",
        company=s.company,
        as_of=report.as_of.isoformat(),
        settings=s,
        headline=headline(report),
        materials=risk_order(report.materials).reset_index(drop=True),
        country_mix=country_mix(report),
        country_dependence=report.country_dependence,
        products=products_at_risk(report),
    )
