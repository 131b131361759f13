"""Scenario results and the risk ranking as JSON (for scripts) and plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.analysis.presets import Preset
from planner.analysis.scenario import Ranking, ScenarioResult
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.i18n import _, ngettext, pgettext
from planner.outputs.reports import country_shown, plain, records, table_lines


def scenario_summary(result: ScenarioResult) -> dict[str, Any]:
    m, p = result.materials, result.products
    return {
        "materials_hit": len(m),
        "materials_out": int(m["time_to_survive_days"].notna().sum()),
        "first_stockout_days": plain(result.first_stockout_days),
        "shortfall_value": plain(float(m["shortfall_value"].sum())),
        "strategic_stock_value": plain(float(m["strategic_stock_value"].sum())),
        "products_stopped": int(p["time_to_stop_days"].notna().sum()),
        "units_lost": plain(result.units_lost),
        "revenue_at_risk": plain(result.revenue_at_risk),
    }


def scenario_json(result: ScenarioResult) -> dict[str, Any]:
    s = result.stop
    return {
        "as_of": result.as_of.isoformat(),
        "currency": result.currency,
        "stop": {"by": s.by, "key": s.key, "label": s.label, "days": s.days, "cut": s.cut,
                 "name": s.name or None,
                 "materials": sorted(s.materials) if s.materials is not None else None},
        "summary": scenario_summary(result),
        "materials": records(result.materials, list(result.materials.columns)),
        "products": records(result.products, list(result.products.columns)),
    }


def ranking_json(ranking: Ranking) -> dict[str, Any]:
    return {
        "as_of": ranking.as_of.isoformat(),
        "currency": ranking.currency,
        "default_days": ranking.default_days,
        "stops": records(ranking.stops, list(ranking.stops.columns)),
    }


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    return table_lines(header, rows, right)


def scenario_text(result: ScenarioResult) -> str:
    s = result.stop
    summary = scenario_summary(result)
    heading = _("stop {label} for {days} days from {date} (cut {cut})").format(
        label=s.label, days=s.days, date=fmt.long_date(result.as_of), cut=fmt.percent(s.cut))
    out = [_("{name} — {stop}").format(name=s.name, stop=heading) if s.name else heading]
    if s.materials is not None:
        out.append(ngettext("limited to {count} matched material: {materials}",
                            "limited to {count} matched materials: {materials}",
                            len(s.materials)).format(
            count=fmt.count(len(s.materials)),
            materials=", ".join(sorted(s.materials)) or _("none")))
    m = result.materials
    if m.empty:
        out += ["", _("The stop hits no source of this project.")]
        return "\n".join(out)
    rows = [[fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.daily_use, 2),
             fmt.number(r.on_hand), fmt.percent(r.hit_share),
             fmt.survival(r.time_to_survive_days), fmt.number(r.shortfall),
             fmt.number(r.time_to_recover_days), fmt.number(r.gap_days, 1),
             fmt.number(r.strategic_stock), fmt.number(r.orders_lost)]
            for r in m.itertuples(index=False)]
    out += ["", *_table([_("Material"), _("Name"), _("Use/day"), _("On hand"), _("Hit"),
                         _("TTS d"), _("Shortfall"), _("TTR d"), _("Gap d"),
                         _("Strategic stock"), _("Orders lost")], rows,
                        {2, 3, 4, 5, 6, 7, 8, 9, 10})]
    out += _looked_through_lines(m)
    p = result.products
    if not p.empty:
        rows = [[fmt.text(r.item_id), fmt.clip(r.name, 32), fmt.survival(r.time_to_stop_days),
                 str(r.binding_material), fmt.number(r.buffer_days, 1),
                 fmt.number(r.units_lost, 1), fmt.number(r.revenue_at_risk)]
                for r in p.itertuples(index=False)]
        out += ["", *_table([_("Product"), _("Name"), _("Stops d"), _("Material"),
                             _("Buffer d"), _("Units lost"),
                             _("Revenue at risk ({currency})").format(
                                 currency=result.currency)], rows, {2, 4, 5, 6})]
    out += ["", _("{hit} materials hit, {out} run out (first on day {first}); {stopped} "
                  "products stop, {units} units lost, revenue at risk {revenue}.").format(
        hit=summary["materials_hit"], out=summary["materials_out"],
        first=fmt.survival(summary["first_stockout_days"]),
        stopped=summary["products_stopped"], units=fmt.number(summary["units_lost"]),
        revenue=fmt.money(summary["revenue_at_risk"], result.currency))]
    return "\n".join(out)


def _looked_through_lines(m: pd.DataFrame) -> list[str]:
    """How much of each material's hit came from look-through (unknown origins spread
    over world production); nothing when none did."""
    if "looked_through_share" not in m.columns:
        return []
    looked = m[(m["looked_through_share"] > 0).fillna(False).to_numpy(dtype=bool)]
    if looked.empty:
        return []
    parts = pgettext("list separator", ", ").join(
        _("{item} {looked} of {hit}").format(item=r.item_id,
                                              looked=fmt.share(r.looked_through_share),
                                              hit=fmt.share(r.hit_share))
        for r in looked.itertuples(index=False))
    return [ngettext(
        "Look-through found part of the hit on {count} material (unknown origins spread "
        "over world production): {materials}.",
        "Look-through found part of the hit on {count} materials (unknown origins spread "
        "over world production): {materials}.", len(looked)).format(
            count=fmt.count(len(looked)), materials=parts)]


def ranking_text(ranking: Ranking, limit: int | None = None) -> str:
    t = ranking.stops if limit is None else ranking.stops.head(limit)
    # a country's name in the language chosen; the table's own name column (and so the
    # JSON) keeps the English name, for scripts
    rows = [[str(r.rank), f"{r.by}:{r.key}",
             fmt.clip(country_name(str(r.key)) if r.by == "country" else r.name, 32), str(r.days),
             str(r.materials_hit), str(r.materials_out), fmt.survival(r.first_stockout_days),
             str(r.products_stopped), fmt.quantity(r.units_lost),
             fmt.number(r.revenue_at_risk), fmt.share(r.risk_exposure_index),
             fmt.share(r.spend_share)]
            for r in t.itertuples(index=False)]
    out = [_("Risk ranking as of {date}: every supplier and origin country stopped for its "
             "time to recover (blank: {days} days)").format(
                 date=fmt.long_date(ranking.as_of), days=ranking.default_days), "",
           *_table([_("#"), _("Stop"), _("Name"), _("Days"), _("Hit"), _("Out"),
                    _("First out d"), _("Products"), _("Units lost"),
                    _("Revenue at risk ({currency})").format(currency=ranking.currency),
                    _("Index"), _("Spend")],
                   rows, {0, 3, 4, 5, 6, 7, 8, 9, 10, 11})]
    return "\n".join(out)


def presets_text(presets: Sequence[Preset], matched: Sequence[Sequence[str]]) -> str:
    rows = [[p.id, fmt.clip(p.title, 60), country_shown(p.country), str(p.days),
             fmt.percent(p.cut),
             ", ".join(m) or "-"] for p, m in zip(presets, matched, strict=True)]
    return "\n".join(_table([_("Preset"), _("Title"), _("Country"), _("Days"), _("Cut"),
                             _("Matches")], rows, {3, 4}))
