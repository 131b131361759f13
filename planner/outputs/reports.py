"""The report as JSON (for scripts) and as a plain-text table (for a terminal)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from planner.analysis.commodity_names import commodity_name
from planner.analysis.compute import Report
from planner.analysis.lookthrough import MARKS
from planner.analysis.ordering import risk_order
from planner.analysis.safety_stock import NO_LEAD_TIME, SERVICE_LEVEL
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.i18n import N_, _, ngettext, pgettext
from planner.inputs.project import Project

MATERIAL_KEYS = (
    "item_id", "name", "unit", "daily_use", "on_hand", "days_of_cover",
    "days_of_cover_with_orders", "target_days", "status", "top_supplier",
    "top_supplier_share", "top_country", "top_country_share", "supplier_hhi",
    "country_hhi", "suppliers", "over_supplier_cap", "over_country_cap",
)
EXTRA_MATERIAL_KEYS = ("kind", "safety_stock", "open_orders", "fastest_lead_time_days",
                       "safety_stock_basis", "secondary_share")
# look-through (planner.analysis.lookthrough): the world's and the effective origin figures
LOOK_KEYS = ("commodity", "world_top_country", "world_top_share", "world_hhi",
             "effective_top_country", "effective_top_share", "effective_country_hhi",
             "unknown_origin_share", "looked_through_share")
PORTFOLIO_KEYS = ("commodity", "materials", "top_country_by_value", "share_by_value",
                  "top_country_by_quantity", "share_by_quantity", "declared_top_country",
                  "declared_share_by_value", *(name for name, _level in MARKS))
SCREENING = N_("Origin content is an estimate for screening, not a legal determination.")
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
    look = tuple(k for k in LOOK_KEYS if k in m.columns)
    effective = report.effective_dependence
    out: dict[str, Any] = {
        "as_of": report.as_of.isoformat(),
        "materials": records(m, MATERIAL_KEYS + EXTRA_MATERIAL_KEYS + look),
        "items": records(report.items, ("item_id", "daily_use")),
        "country_dependence_by_value": {str(k): plain(v)
                                        for k, v in report.country_dependence.items()},
        "products": _products_json(report),
    }
    if effective is not None:
        out["effective_country_dependence_by_value"] = {str(k): plain(v)
                                                         for k, v in effective.items()}
    if report.portfolio is not None:
        out["portfolio"] = records(report.portfolio, PORTFOLIO_KEYS)
    return out


def _products_json(report: Report) -> list[dict[str, Any]]:
    """The products' records, each with its origin content: [{country, value, share}],
    country null for what has no known origin."""
    products = records(report.products, list(report.products.columns))
    if report.content is None:
        return products
    table = report.content.table().sort_values(["product_id", "value"],
                                               ascending=[True, False], kind="stable")
    by_product: dict[str, list[dict[str, Any]]] = {}
    for r in table.itertuples(index=False):
        by_product.setdefault(str(r.product_id), []).append(
            {"country": plain(r.country), "value": plain(r.value), "share": plain(r.share)})
    for product in products:
        product["origin_content"] = by_product.get(str(product["item_id"]), [])
    return products


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
    # the look-through blocks come before the closing lines, which scripts read as the
    # report's last lines; their tables are indented, so that only the materials table's
    # rows start with an item id
    block = look_through_lines(project, report)
    out += [*block[1:], ""] if block else []
    secondary = _secondary_lines(m)  # before the closing lines too
    out += [*secondary, ""] if secondary else []
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


def mark_words(row: Any) -> str:
    """The policy marks a portfolio row is over, in words ("G7 60%, EU 65%"), or a dash."""
    words = {"over_g7_60": _("G7 60%"), "over_g7_50": _("G7 50%"), "over_eu_65": _("EU 65%")}
    over = [words[name] for name, _level in MARKS if bool(getattr(row, name))]
    return pgettext("list separator", ", ").join(over) if over else "-"


def flagged_products(report: Report) -> pd.DataFrame:
    """The products whose content of the content country is above the threshold, the
    largest share first (empty without origin content)."""
    p = report.products
    if "content_flag" not in p.columns:
        return p.iloc[0:0]
    flagged = p[p["content_flag"].fillna(False).to_numpy(dtype=bool)]
    return flagged.sort_values(["content_share", "item_id"], ascending=[False, True],
                               kind="stable")


def _indented(lines: list[str]) -> list[str]:
    return ["  " + line for line in lines]


def look_through_lines(project: Project, report: Report) -> list[str]:
    """Declared and effective origin side by side for the materials with a commodity and
    the portfolio against the policy marks (for a project with commodities), and the
    products flagged for origin content. Each block starts with an empty line."""
    m = report.materials
    if "commodity" not in m.columns:
        return []
    with_commodity = m[m["commodity"].notna().to_numpy(dtype=bool)]
    out: list[str] = []
    if len(with_commodity):
        rows = [[fmt.text(r.item_id), fmt.clip(commodity_name(r.commodity), 20),
                 country_shown(r.top_country), fmt.percent(r.top_country_share),
                 country_shown(r.effective_top_country), fmt.percent(r.effective_top_share),
                 fmt.percent(r.unknown_origin_share), country_shown(r.world_top_country),
                 fmt.percent(r.world_top_share)]
                for r in with_commodity.itertuples(index=False)]
        out += ["", _("Looking through to the mine: the declared origin beside the "
                      "effective one (unknown origins spread over world production)"),
                *_indented(table_lines(
                    [_("Item"), _("Commodity"), _("Declared"), _("Share"), _("Effective"),
                     _("Share"), _("Unknown"), _("World top"), _("Share")],
                    rows, {3, 5, 6, 8}))]
        effective = report.effective_dependence
        if effective is not None and len(effective) and bool(
                (m["looked_through_share"] > 0).any()):
            parts = pgettext("list separator", ", ").join(
                f"{country_shown(c)} {fmt.percent(v)}" for c, v in effective.head(5).items())
            out.append(_("Effective country dependence by value ({currency}): "
                         "{countries}").format(currency=project.settings.currency,
                                               countries=parts))
    portfolio = report.portfolio
    if portfolio is not None and len(portfolio):
        rows = [[fmt.clip(commodity_name(r.commodity), 24), fmt.count(n),
                 f"{country_shown(r.top_country_by_value)} {fmt.percent(r.share_by_value)}",
                 f"{country_shown(r.top_country_by_quantity)} "
                 f"{fmt.percent(r.share_by_quantity)}".strip(),
                 f"{country_shown(r.declared_top_country)} "
                 f"{fmt.percent(r.declared_share_by_value)}".strip(), mark_words(r)]
                for r, n in zip(portfolio.itertuples(index=False),
                                portfolio["materials"].astype(int).tolist(), strict=True)]
        out += ["", _("Portfolio against the policy marks: each commodity's effective "
                      "dependence on its largest origin country (G7: 60% by 2030, ambition "
                      "50%; EU: 65%)"),
                *_indented(table_lines([_("Commodity"), _("Materials"), _("By value"),
                                        _("By quantity"), _("Declared"), _("Over")],
                                       rows, {1}))]
    flagged = flagged_products(report)
    if len(flagged):
        s = project.settings
        parts = pgettext("list separator", ", ").join(
            f"{r.item_id} {fmt.share(r.content_share)}"
            for r in flagged.itertuples(index=False))
        out += ["", _("Products whose material value from {country} is above "
                      "{threshold}: {products}.").format(
                          country=country_shown(s.content_country),
                          threshold=fmt.share(s.content_threshold), products=parts),
                _(SCREENING)]
    return out


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


def _secondary_lines(m: pd.DataFrame) -> list[str]:
    """The materials with secondary (recycled or reprocessed) supply and its share of each,
    the largest first; nothing when no source is secondary."""
    share = m["secondary_share"].to_numpy(dtype=float)
    some = np.flatnonzero(share > 0)
    if not len(some):
        return []
    some = some[np.argsort(-share[some], kind="stable")]
    ids = [f"{m['item_id'].iloc[i]} {fmt.percent(share[i])}" for i in some.tolist()]
    return [_("Secondary supply (recycled or reprocessed) for {count} material(s): "
              "{materials}.").format(count=fmt.count(len(ids)), materials=_listed(ids))]
