"""How much stock is worth holding, as JSON (for scripts) and a plain-text table."""

from __future__ import annotations

from typing import Any

from planner.analysis.stockpile import JOGMEC_DAYS, StockpileResult
from planner.core import formatting as fmt
from planner.core.i18n import _, ngettext
from planner.outputs.reports import plain, records, table_lines

MATERIAL_KEYS = ["item_id", "name", "unit", "daily_use", "unit_value", "loss_per_unit",
                 "on_hand", "current_days", "target_days", "recommended_days", "jogmec_days",
                 "holding_cost_per_year", "expected_loss_per_year",
                 "expected_loss_per_year_at_zero", "loss_avoided_per_holding_cost",
                 "days_to_add", "quantity_to_add", "expected_loss_per_year_now",
                 "loss_avoided_per_added_holding_cost"]
STOP_KEYS = ["label", "name", "by", "days", "likelihood_per_year"]


def stockpile_json(result: StockpileResult) -> dict[str, Any]:
    """`planner stockpile --json` (docs/command-line.md): money in the project currency."""
    return {
        "as_of": result.as_of.isoformat(),
        "currency": result.currency,
        "holding_cost_pct": plain(result.holding_cost_pct),
        "jogmec_days": JOGMEC_DAYS,
        "stops": records(result.stops, STOP_KEYS),
        "materials": records(result.materials, MATERIAL_KEYS),
        "unpriced": [str(i) for i in result.unpriced],
    }


def stockpile_text(result: StockpileResult, limit: int | None = None) -> str:
    """The materials, most loss avoided per unit of holding cost first, and what was
    assumed."""
    money = result.currency
    m = result.materials if limit is None else result.materials.head(limit)
    out = [_("How much stock is worth holding, as of {date}: the days of stock that cost "
             "least a year, holding cost and expected loss together").format(
                 date=fmt.long_date(result.as_of))]
    if m.empty:
        out.append("")
        out.append(unpriced_sentence(result) if len(result.unpriced) else _(
            "No purchased material has a requirement: there is nothing to stock."))
        return "\n".join(out)
    rows = [[fmt.text(r.item_id), fmt.clip(r.name, 28), fmt.number(r.current_days),
             fmt.number(r.target_days), str(r.recommended_days), fmt.number(r.days_to_add),
             fmt.number(r.holding_cost_per_year), fmt.number(r.expected_loss_per_year),
             fmt.number(r.expected_loss_per_year_now),
             fmt.number(r.loss_avoided_per_added_holding_cost, 1)]
            for r in m.itertuples(index=False)]
    out += ["", *table_lines(
        [_("Material"), _("Name"), _("Now d"), _("Target d"), _("Recommended d"),
         _("To add d"),
         _("Holding cost/yr ({currency})").format(currency=money),
         _("Expected loss/yr ({currency})").format(currency=money),
         _("Loss/yr at today's stock"), _("Avoided per 1 added")],
        rows, {2, 3, 4, 5, 6, 7, 8, 9})]
    out += ["", _("To add: the days of use to add to today's stock to reach the recommended "
                  "days. Avoided per 1 added: the expected loss that stock avoids a year for "
                  "each unit of money its holding costs; the materials short of their "
                  "recommended days come first.")]
    m = result.materials
    out += ["", _("At the recommended days: holding cost {holding} a year, expected loss "
                  "{loss} a year; with no stock the expected loss would be {zero} a year. "
                  "JOGMEC's national stockpile holds about {jogmec} days.").format(
        holding=fmt.money(float(m["holding_cost_per_year"].sum()), money),
        loss=fmt.money(float(m["expected_loss_per_year"].sum()), money),
        zero=fmt.money(float(m["expected_loss_per_year_at_zero"].sum()), money),
        jogmec=JOGMEC_DAYS)]
    out.append(_assumptions(result))
    if len(result.unpriced):
        out.append(unpriced_sentence(result))
    return "\n".join(out)


def unpriced_sentence(result: StockpileResult) -> str:
    """The materials not sized: without a price their stock would seem free to hold."""
    ids = [str(i) for i in result.unpriced]
    return ngettext(
        "Not sized, having no price (no source's and no item's): {materials}. Holding their "
        "stock would look free; give a unit_price to size it.",
        "Not sized, having no price (no source's and no item's): {materials}. Holding their "
        "stock would look free; give a unit_price to size it.", len(ids)).format(
            materials=", ".join(ids))


def _assumptions(result: StockpileResult) -> str:
    """What the figures assume: the holding cost and each kind of stop's likelihood."""
    s = result.stops

    def likelihood(by: str) -> str:
        values = s.loc[(s["by"] == by).to_numpy(dtype=bool), "likelihood_per_year"]
        return fmt.percent(float(values.iloc[0]), 1) if len(values) else "-"
    presets = s[(s["by"] == "preset").to_numpy(dtype=bool)]
    return ngettext(
        "Assumed: holding stock costs {pct} of its value a year; each supplier stops with a "
        "likelihood of {supplier} a year and each origin country {country}, each for its "
        "time to recover; {count} preset with its own likelihood (scenarios.json). A unit "
        "short loses the revenue of the products it stops.",
        "Assumed: holding stock costs {pct} of its value a year; each supplier stops with a "
        "likelihood of {supplier} a year and each origin country {country}, each for its "
        "time to recover; {count} presets with their own likelihood (scenarios.json). A unit "
        "short loses the revenue of the products it stops.", len(presets)).format(
        pct=fmt.percent(result.holding_cost_pct, 1), supplier=likelihood("supplier"),
        country=likelihood("country"), count=fmt.count(len(presets)))


__all__ = ["MATERIAL_KEYS", "STOP_KEYS", "stockpile_json", "stockpile_text"]
