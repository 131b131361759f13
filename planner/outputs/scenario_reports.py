"""Scenario results and the risk ranking as JSON (for scripts) and plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.analysis.presets import Preset
from planner.analysis.scenario import Ranking, ScenarioResult
from planner.core import formatting as fmt
from planner.outputs.reports import plain, records


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
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(header), line(["-" * w for w in widths]), *[line(r) for r in rows]]


def scenario_text(result: ScenarioResult) -> str:
    s = result.stop
    summary = scenario_summary(result)
    title = f"{s.name} — " if s.name else ""
    out = [f"{title}stop {s.label} for {s.days} days from {fmt.date(result.as_of)}"
           f" (cut {fmt.percent(s.cut)})"]
    if s.materials is not None:
        out.append(f"limited to {fmt.count(len(s.materials), 'matched material')}: "
                   f"{', '.join(sorted(s.materials)) or 'none'}")
    m = result.materials
    if m.empty:
        out += ["", "The stop hits no source of this project."]
        return "\n".join(out)
    rows = [[fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.daily_use, 2),
             fmt.number(r.on_hand), fmt.percent(r.hit_share),
             fmt.survival(r.time_to_survive_days), fmt.number(r.shortfall),
             fmt.number(r.time_to_recover_days), fmt.number(r.gap_days, 1),
             fmt.number(r.strategic_stock), fmt.number(r.orders_lost)]
            for r in m.itertuples(index=False)]
    out += ["", *_table(["Material", "Name", "Use/day", "On hand", "Hit", "TTS d", "Shortfall",
                         "TTR d", "Gap d", "Strategic stock", "Orders lost"], rows,
                        {2, 3, 4, 5, 6, 7, 8, 9, 10})]
    p = result.products
    if not p.empty:
        rows = [[fmt.text(r.item_id), fmt.clip(r.name, 32), fmt.survival(r.time_to_stop_days),
                 str(r.binding_material), fmt.number(r.buffer_days, 1),
                 fmt.number(r.units_lost, 1), fmt.number(r.revenue_at_risk)]
                for r in p.itertuples(index=False)]
        out += ["", *_table(["Product", "Name", "Stops d", "Material", "Buffer d", "Units lost",
                             f"Revenue at risk ({result.currency})"], rows, {2, 4, 5, 6})]
    out += ["", f"{summary['materials_hit']} materials hit, {summary['materials_out']} run out"
            f" (first on day {fmt.survival(summary['first_stockout_days'])}); "
            f"{summary['products_stopped']} products stop, "
            f"{fmt.number(summary['units_lost'])} units lost, revenue at risk "
            f"{fmt.money(summary['revenue_at_risk'], result.currency)}."]
    return "\n".join(out)


def ranking_text(ranking: Ranking, limit: int | None = None) -> str:
    t = ranking.stops if limit is None else ranking.stops.head(limit)
    rows = [[str(r.rank), f"{r.by}:{r.key}", fmt.clip(r.name, 32), str(r.days),
             str(r.materials_hit), str(r.materials_out), fmt.survival(r.first_stockout_days),
             str(r.products_stopped), fmt.quantity(r.units_lost),
             fmt.number(r.revenue_at_risk), fmt.share(r.risk_exposure_index),
             fmt.share(r.spend_share)]
            for r in t.itertuples(index=False)]
    out = [f"Risk ranking as of {fmt.date(ranking.as_of)}: every supplier and origin country"
           f" stopped for its time to recover (blank: {ranking.default_days} days)", "",
           *_table(["#", "Stop", "Name", "Days", "Hit", "Out", "First out d", "Products",
                    "Units lost", f"Revenue at risk ({ranking.currency})", "Index", "Spend"],
                   rows, {0, 3, 4, 5, 6, 7, 8, 9, 10, 11})]
    return "\n".join(out)


def presets_text(presets: Sequence[Preset], matched: Sequence[Sequence[str]]) -> str:
    rows = [[p.id, fmt.clip(p.title, 60), p.country, str(p.days), fmt.percent(p.cut),
             ", ".join(m) or "-"] for p, m in zip(presets, matched, strict=True)]
    return "\n".join(_table(["Preset", "Title", "Country", "Days", "Cut", "Matches"], rows,
                            {3, 4}))
