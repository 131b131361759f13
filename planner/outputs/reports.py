"""The report as JSON (for scripts) and as a plain-text table (for a terminal)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.compute import Report
from planner.analysis.ordering import risk_order
from planner.analysis.safety_stock import NO_LEAD_TIME, SERVICE_LEVEL
from planner.core import formatting as fmt
from planner.inputs.project import Project

MATERIAL_KEYS = (
    "item_id", "name", "unit", "daily_use", "on_hand", "days_of_cover",
    "days_of_cover_with_orders", "target_days", "status", "top_supplier",
    "top_supplier_share", "top_country", "top_country_share", "supplier_hhi",
    "country_hhi", "suppliers", "over_supplier_cap", "over_country_cap",
)
EXTRA_MATERIAL_KEYS = ("kind", "safety_stock", "open_orders", "fastest_lead_time_days",
                       "safety_stock_basis")
LISTED = 10  # materials named in a line of the text report before the rest are counted


def plain(value: Any) -> Any:
    """A JSON-safe Python value: NaN, NA and NaT become None, numpy scalars become Python,
    dates ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | np.datetime64):
        return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame, keys: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    columns = {k: frame[k].tolist() for k in keys}
    return [{k: plain(columns[k][i]) for k in keys} for i in range(len(frame))]


def report_json(report: Report) -> dict[str, Any]:
    m = report.materials
    return {
        "as_of": report.as_of.isoformat(),
        "materials": records(m, MATERIAL_KEYS + EXTRA_MATERIAL_KEYS),
        "items": records(report.items, ("item_id", "daily_use")),
        "country_dependence_by_value": {str(k): plain(v)
                                        for k, v in report.country_dependence.items()},
        "products": records(report.products, list(report.products.columns)),
    }


def report_text(project: Project, report: Report) -> str:
    s = project.settings
    m = risk_order(report.materials)
    header = ["Item", "Name", "Use/day", "Cover d", "w/ orders", "Target", "Status",
              "Top supplier", "Share", "Country", "Share", "HHI", "Breach"]
    rows = []
    for r in m.itertuples(index=False):
        breach = "/".join(x for x, flag in (("supplier", r.over_supplier_cap),
                                            ("country", r.over_country_cap)) if flag)
        rows.append([fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.daily_use, 2),
                     fmt.days(r.days_of_cover), fmt.days(r.days_of_cover_with_orders),
                     fmt.number(r.target_days), fmt.status_flag(str(r.status)),
                     fmt.text(r.top_supplier), fmt.percent(r.top_supplier_share),
                     fmt.text(r.top_country), fmt.percent(r.top_country_share),
                     fmt.hhi(r.supplier_hhi), breach])
    right = {2, 3, 4, 5, 8, 10, 11}
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    title = s.company or "Stockpile Planner report"
    out = [f"{title} — as of {fmt.date(report.as_of)}, horizon "
           f"{fmt.setting_number(s.horizon_days)} days, caps: supplier "
           f"{fmt.percent(s.max_supplier_share)}, country {fmt.percent(s.max_country_share)}",
           "", line(header), line(["-" * w for w in widths]), *[line(r) for r in rows], ""]
    status = m["status"].value_counts()
    out.append(f"{fmt.count(len(m), 'material')}: {status.get('critical', 0)} critical, "
               f"{status.get('short', 0)} short, {status.get('ok', 0)} ok; "
               f"{int(m['over_supplier_cap'].sum())} over the supplier cap, "
               f"{int(m['over_country_cap'].sum())} over the country cap.")
    out += _safety_stock_lines(m)
    dep = report.country_dependence
    if len(dep):
        parts = ", ".join(f"{c} {fmt.percent(v)}" for c, v in dep.head(5).items())
        out.append(f"Country dependence by value ({s.currency}): {parts}")
    return "\n".join(out)


def _listed(ids: list[str]) -> str:
    """Ids joined, the first LISTED of them, then how many more."""
    shown = ", ".join(ids[:LISTED])
    return shown if len(ids) <= LISTED else f"{shown} and {len(ids) - LISTED:,} more"


def _safety_stock_lines(m: pd.DataFrame) -> list[str]:
    """Which safety stocks come from a service level, and which cannot (a source without
    a lead time); nothing when every safety stock is given or none is set."""
    basis = m["safety_stock_basis"]
    out = []
    computed = m[(basis == SERVICE_LEVEL).fillna(False)]
    if len(computed):
        ids = [f"{r.item_id} {fmt.number(r.safety_stock)}"
               for r in computed.itertuples(index=False)]
        out.append(f"Safety stock computed from the service level for {len(ids):,} "
                   f"material(s): {_listed(ids)}.")
    missing = m[(basis == NO_LEAD_TIME).fillna(False)]
    if len(missing):
        ids = [str(i) for i in missing["item_id"]]
        out.append(f"No safety stock from the service level for {len(ids):,} material(s) "
                   f"without a lead time on every source: {_listed(ids)}.")
    return out
