"""Scenario results and the risk ranking as JSON (for scripts) and plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.analysis.presets import Preset
from planner.analysis.price_spike import PriceSpikeResult
from planner.analysis.scenario import Ranking, ScenarioResult, Stop
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.i18n import _, ngettext, pgettext
from planner.outputs.reports import country_shown, plain, records, table_lines


def scenario_summary(result: ScenarioResult) -> dict[str, Any]:
    m, p = result.materials, result.products
    return {
        "materials_hit": int((~m["alternate_only"].astype(bool)).sum())
        if "alternate_only" in m else len(m),
        "materials_out": int(m["time_to_survive_days"].notna().sum()),
        "first_stockout_days": plain(result.first_stockout_days),
        "shortfall_value": plain(float(m["shortfall_value"].sum())),
        "strategic_stock_value": plain(float(m["strategic_stock_value"].sum())),
        "products_stopped": int(p["time_to_stop_days"].notna().sum()),
        "units_lost": plain(result.units_lost),
        "revenue_at_risk": plain(result.revenue_at_risk),
        "alternates_used": int(result.alternates["switched_day"].notna().sum()),
    }


def stop_json(s: Stop) -> dict[str, Any]:
    """A stop for scripts; a licence review adds licence_review_days and approved."""
    data: dict[str, Any] = {
        "by": s.by, "key": s.key, "label": s.label, "days": s.days, "cut": s.cut,
        "name": s.name or None,
        "materials": sorted(s.materials) if s.materials is not None else None}
    if s.review_day is not None:
        data["licence_review_days"] = s.review_day
        data["approved"] = s.approved
    return data


def scenario_json(result: ScenarioResult) -> dict[str, Any]:
    return {
        "as_of": result.as_of.isoformat(),
        "currency": result.currency,
        "stop": stop_json(result.stop),
        "summary": scenario_summary(result),
        "materials": records(result.materials, list(result.materials.columns)),
        "products": records(result.products, list(result.products.columns)),
        "alternates": records(result.alternates, list(result.alternates.columns)),
    }


PRICE_COLUMNS = ["item_id", "name", "unit", "commodity", "requirement", "hit_share",
                 "unpriced_share", "price", "spiked_quantity", "extra_cost", "on_hand",
                 "orders_due", "avoided_by_stock", "avoided_by_orders", "net_extra_cost",
                 "plan_cost", "plan_extra_cost"]


def price_json(result: PriceSpikeResult) -> dict[str, Any]:
    """A price spike for scripts: the spike, its totals (project currency), per material."""
    s = result.spike
    return {
        "target": s.target, "kind": s.kind, "factor": s.factor, "days": s.days,
        "hit_sources_only": result.stop is not None,
        "requirement_from": "forecast" if result.forecast else "daily_use",
        "extra_cost": plain(result.extra_cost),
        "avoided_by_stock": plain(result.avoided_by_stock),
        "avoided_by_orders": plain(result.avoided_by_orders),
        "net_extra_cost": plain(result.net_extra_cost),
        "plan_extra_cost": plain(result.plan_extra_cost) if result.plan_used else None,
        "materials": records(result.materials, PRICE_COLUMNS),
    }


def price_text(result: PriceSpikeResult) -> str:
    s, money = result.spike, result.currency
    out = [(_("Price spike {target}: {factor} times the price for {days} days, on the stopped "
              "sources only") if result.stop is not None else
            _("Price spike {target}: {factor} times the price for {days} days")).format(
                target=s.target, factor=fmt.number(s.factor, 0 if float(s.factor).is_integer()
                                                    else 2), days=fmt.count(s.days))]
    m = result.materials
    if m.empty:
        out += ["", _("The price spike hits no purchased material of this project.")]
        return "\n".join(out)
    rows = [[fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.spiked_quantity),
             fmt.number(r.price, 2), fmt.number(r.extra_cost), fmt.number(r.avoided_by_stock),
             fmt.number(r.avoided_by_orders), fmt.number(r.net_extra_cost),
             fmt.number(r.plan_extra_cost)]
            for r in m.itertuples(index=False)]
    out += ["", *_table([_("Material"), _("Name"), _("Bought dearer"), _("Price"),
                         _("Extra cost"), _("Avoided by stock"), _("Avoided by orders"),
                         _("Net extra cost"), _("Plan extra cost")], rows,
                        {2, 3, 4, 5, 6, 7, 8})]
    out += ["", _("Extra cost {extra}; the stock on hand avoids {stock} and the open orders "
                  "{orders}, leaving {net}.").format(
        extra=fmt.money(result.extra_cost, money),
        stock=fmt.money(result.avoided_by_stock, money),
        orders=fmt.money(result.avoided_by_orders, money),
        net=fmt.money(result.net_extra_cost, money))]
    out.append(_("The procurement plan's lines ordered within the spike cost {extra} more.")
               .format(extra=fmt.money(result.plan_extra_cost, money)) if result.plan_used
               else _("No procurement plan could be made: its extra cost is not counted."))
    if result.forecast:
        out.append(_("The requirement over the spike comes from the Forecast sheet."))
    unpriced = m[(m["unpriced_share"] > 0).to_numpy(dtype=bool)]
    if not unpriced.empty:
        out.append(ngettext(
            "{count} material has sources without a price, charged at the mean price of its "
            "priced sources: {materials}.",
            "{count} materials have sources without a price, charged at the mean price of "
            "their priced sources: {materials}.",
            len(unpriced)).format(count=fmt.count(len(unpriced)),
                                  materials=", ".join(unpriced["item_id"].astype(str))))
    return "\n".join(out)


def preset_json(preset: Preset, matches: Sequence[str]) -> dict[str, Any]:
    """A preset as --list-presets --json gives it (the licence review and the price spike
    when it has them)."""
    data: dict[str, Any] = {"id": preset.id, "title": preset.title,
                            "country": preset.country or None, "days": preset.days,
                            "cut": preset.cut, "matches": list(matches)}
    if preset.licence_review_days is not None:
        data["licence_review_days"] = preset.licence_review_days
        data["approved"] = preset.approved
    if preset.price is not None:
        p = preset.price
        data["price"] = {"target": p.target, "factor": p.factor, "days": p.days}
    return data


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
    if s.review_day is not None:
        out.append(_("licence review: from day {day}, {approved} of the stopped deliveries "
                     "resume").format(day=s.review_day, approved=fmt.percent(s.approved)))
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
    out += alternate_lines(result.alternates)
    out += ["", _("{hit} materials hit, {out} run out (first on day {first}); {stopped} "
                  "products stop, {units} units lost, revenue at risk {revenue}.").format(
        hit=summary["materials_hit"], out=summary["materials_out"],
        first=fmt.survival(summary["first_stockout_days"]),
        stopped=summary["products_stopped"], units=fmt.number(summary["units_lost"]),
        revenue=fmt.money(summary["revenue_at_risk"], result.currency))]
    return "\n".join(out)


def alternate_lines(alternates: pd.DataFrame) -> list[str]:
    """One sentence per alternate the stop could use: when it was switched to and how
    much it replaced, or why it was not."""
    if alternates.empty:
        return []
    out = ["", _("Alternates:")]
    for r in alternates.to_dict("records"):
        item, alternate = r["item_id"], r["alternate_id"]
        if not pd.isna(r["switched_day"]):
            out.append(_("{item} switched to {alternate} on day {day}: {replaced} {unit} "
                         "replaced, {share} of what the stop left uncovered").format(
                item=item, alternate=alternate, day=fmt.number(r["switched_day"]),
                replaced=fmt.number(r["replaced"]), unit=fmt.text(r["unit"]),
                share=fmt.percent(r["replaced_share"])))
        elif r["uncovered"] > 0:
            out.append(_("{item} could switch to {alternate} from day {day}, but the "
                         "alternate's materials had none to spare").format(
                item=item, alternate=alternate, day=fmt.number(r["qualification_days"])))
        else:
            out.append(_("{item} did not need {alternate}: the stop left it covered from "
                         "day {day}, when the alternate is qualified").format(
                item=item, alternate=alternate, day=fmt.number(r["qualification_days"])))
    return out


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
    rows = [[p.id, fmt.clip(p.title, 60), country_shown(p.country) if p.stops else "-",
             str(p.days), fmt.percent(p.cut) if p.stops else "-", _preset_terms(p),
             ", ".join(m) or "-"] for p, m in zip(presets, matched, strict=True)]
    return "\n".join(_table([_("Preset"), _("Title"), _("Country"), _("Days"), _("Cut"),
                             _("Review / price"), _("Matches")], rows, {3, 4}))


def _preset_terms(p: Preset) -> str:
    """A licence review ("day 63: 25%") or a price spike ("x5 commodity:Rare Earths")."""
    terms = []
    if p.licence_review_days is not None:
        terms.append(_("day {day}: {approved}").format(day=p.licence_review_days,
                                                       approved=fmt.percent(p.approved)))
    if p.price is not None:
        terms.append(f"x{p.price.factor:g} {p.price.target}")  # a command's own words
    return pgettext("list separator", ", ").join(terms) or "-"
