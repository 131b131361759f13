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
from planner.core.countries import country_name
from planner.core.i18n import _, ngettext, pgettext
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


def table_lines(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A plain-text table: header, rule, rows; columns padded by display width, so that
    Japanese names (two columns a character) keep the next column in line."""
    widths = [max(fmt.display_width(str(x)) for x in col)
              for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(fmt.rjust(str(c), w) if i in right else fmt.ljust(str(c), w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(header), line(["-" * w for w in widths]), *[line(r) for r in rows]]


def country_shown(code: object) -> str:
    """A country as a text report names it: its code (CN), as English reports always have,
    or its name in Japanese (中国), where a code means little to a reader; blank for none.
    JSON keeps the code in every language."""
    if fmt.is_missing(code):
        return ""
    return country_name(str(code)) if fmt.japanese() else fmt.text(code)


def _breach(supplier: bool, country: bool) -> str:
    if supplier and country:
        return _("supplier/country")
    return _("supplier") if supplier else _("country") if country else ""


def report_text(project: Project, report: Report) -> str:
    s = project.settings
    m = risk_order(report.materials)
    header = [_("Item"), _("Name"), _("Use/day"), _("Cover d"), _("w/ orders"), _("Target"),
              _("Status"), _("Top supplier"), _("Share"), _("Country"), _("Share"), _("HHI"),
              _("Breach")]
    rows = []
    for r in m.itertuples(index=False):
        rows.append([fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.daily_use, 2),
                     fmt.days(r.days_of_cover), fmt.days(r.days_of_cover_with_orders),
                     fmt.number(r.target_days), fmt.status_flag(str(r.status)),
                     fmt.text(r.top_supplier), fmt.percent(r.top_supplier_share),
                     country_shown(r.top_country), fmt.percent(r.top_country_share),
                     fmt.hhi(r.supplier_hhi),
                     _breach(bool(r.over_supplier_cap), bool(r.over_country_cap))])
    title = s.company or _("Stockpile Planner report")
    out = [_("{title} — as of {date}, horizon {horizon} days, caps: supplier {supplier}, "
             "country {country}").format(
                 title=title, date=fmt.long_date(report.as_of),
                 horizon=fmt.setting_number(s.horizon_days),
                 supplier=fmt.percent(s.max_supplier_share),
                 country=fmt.percent(s.max_country_share)),
           "", *table_lines(header, rows, {2, 3, 4, 5, 8, 10, 11}), ""]
    status = m["status"].value_counts()
    out.append(ngettext(
        "{count} material: {critical} critical, {short} short, {ok} ok; {supplier} over the "
        "supplier cap, {country} over the country cap.",
        "{count} materials: {critical} critical, {short} short, {ok} ok; {supplier} over the "
        "supplier cap, {country} over the country cap.", len(m)).format(
            count=fmt.count(len(m)), critical=status.get("critical", 0),
            short=status.get("short", 0), ok=status.get("ok", 0),
            supplier=int(m["over_supplier_cap"].sum()),
            country=int(m["over_country_cap"].sum())))
    out += _safety_stock_lines(m)
    dep = report.country_dependence
    if len(dep):
        parts = pgettext("list separator", ", ").join(
            f"{country_shown(c)} {fmt.percent(v)}" for c, v in dep.head(5).items())
        out.append(_("Country dependence by value ({currency}): {countries}").format(
            currency=s.currency, countries=parts))
    return "\n".join(out)


def _listed(ids: list[str]) -> str:
    """Ids joined, the first LISTED of them, then how many more."""
    shown = ", ".join(ids[:LISTED])
    if len(ids) <= LISTED:
        return shown
    return _("{listed} and {count} more").format(listed=shown,
                                                  count=fmt.count(len(ids) - LISTED))


def _safety_stock_lines(m: pd.DataFrame) -> list[str]:
    """Which safety stocks come from a service level, and which cannot (a source without
    a lead time); nothing when every safety stock is given or none is set."""
    basis = m["safety_stock_basis"]
    out = []
    computed = m[(basis == SERVICE_LEVEL).fillna(False)]
    if len(computed):
        ids = [f"{r.item_id} {fmt.number(r.safety_stock)}"
               for r in computed.itertuples(index=False)]
        out.append(_("Safety stock computed from the service level for {count} "
                     "material(s): {materials}.").format(count=fmt.count(len(ids)),
                                                         materials=_listed(ids)))
    missing = m[(basis == NO_LEAD_TIME).fillna(False)]
    if len(missing):
        ids = [str(i) for i in missing["item_id"]]
        out.append(_("No safety stock from the service level for {count} material(s) "
                     "without a lead time on every source: {materials}.").format(
                         count=fmt.count(len(ids)), materials=_listed(ids)))
    return out
