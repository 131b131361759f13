"""The text of table cells: what each column kind shows and what an edit starts from.

Display strings in the window's language, made once per column at a model's reset (figures
lazily); the header tips every table shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import numpy as np
import pandas as pd

from planner.analysis.commodity_names import commodity_name
from planner.core import formatting as fmt
from planner.core.i18n import pgettext
from planner.inputs.choices import unknown_origin_name
from planner.inputs.schema import UNKNOWN_ORIGIN
from planner.inputs.usgs import resolve_commodity
from ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

FORMATTERS: dict[str, Callable[[object], str]] = {  # by column kind
    "number": fmt.entered, "quantity": fmt.quantity, "share": fmt.share,
    "days": partial(fmt.days, digits=None), "hhi": fmt.hhi, "bool": fmt.yes_no,
    "when": fmt.survival, "money": partial(fmt.money, missing=""), "price": fmt.price,
}


# What each column means, with its unit, for the header tooltips of every table; a
# column's own tip (Col.tip) says more where the same key means something particular.
COLUMN_TIPS: dict[str, str] = {
    "item_id": QT_TRANSLATE_NOOP("ColumnTips", "The item's ID, as in the Items table."),
    "product_id": QT_TRANSLATE_NOOP("ColumnTips", "The product's ID, as in the Items table."),
    "parent_id": QT_TRANSLATE_NOOP("ColumnTips", "The ID of the item this line builds."),
    "child_id": QT_TRANSLATE_NOOP("ColumnTips", "The ID of the item it consumes."),
    "supplier_id": QT_TRANSLATE_NOOP("ColumnTips", "The supplier's ID, as in the Suppliers "
                                                   "table."),
    "name": QT_TRANSLATE_NOOP("ColumnTips", "The name given in the Items (or Suppliers) table."),
    "item_name": QT_TRANSLATE_NOOP("ColumnTips", "The item's name, from the Items table (change "
                                                 "it there)."),
    "supplier_name": QT_TRANSLATE_NOOP("ColumnTips", "The supplier's name, from the Suppliers "
                                                     "table (change it there)."),
    "parent_name": QT_TRANSLATE_NOOP("ColumnTips", "The parent item's name, from the Items "
                                                   "table."),
    "child_name": QT_TRANSLATE_NOOP("ColumnTips", "The child item's name, from the Items table."),
    "alternate_name": QT_TRANSLATE_NOOP("ColumnTips", "The alternate's name, from the Items "
                                                      "table."),
    "unit": QT_TRANSLATE_NOOP("ColumnTips", "The unit every quantity of this item is counted in "
                                            "(kg, pcs, …)."),
    "daily_use": QT_TRANSLATE_NOOP("ColumnTips", "Gross requirement per day through the BOM, in "
                                                 "the item's unit (with a forecast: its average "
                                                 "over the horizon)."),
    "on_hand": QT_TRANSLATE_NOOP("ColumnTips", "Stock on hand on the as-of date, in the item's "
                                               "unit."),
    "days_of_cover": QT_TRANSLATE_NOOP("ColumnTips", "Days of cover: on hand ÷ daily use, in "
                                                     "days from the as-of date; with a forecast, "
                                                     "the day the forecast requirement uses up "
                                                     "the stock."),
    "days_of_cover_with_orders": QT_TRANSLATE_NOOP("ColumnTips", "Cover with orders: days of "
                                                                 "cover counting open orders "
                                                                 "due within the horizon as "
                                                                 "stock, in days."),
    "target_days": QT_TRANSLATE_NOOP("ColumnTips", "The days of cover to hold: the item's own "
                                                   "target, else the project's."),
    "safety_stock": QT_TRANSLATE_NOOP("ColumnTips", "The stock never to go below, in the item's "
                                                    "unit."),
    "safety_stock_basis": QT_TRANSLATE_NOOP("ColumnTips", "Where the safety stock comes from: "
                                                          "given in the Stock table, or computed "
                                                          "from the service level, demand and "
                                                          "lead time variation."),
    "status": QT_TRANSLATE_NOOP("ColumnTips", "critical: at or below safety stock, or cover "
                                              "shorter than the fastest lead time; short: cover "
                                              "below target; ok: on target."),
    "worst_status": QT_TRANSLATE_NOOP("ColumnTips", "The worst status among the materials it "
                                                    "consumes."),
    "worst_status_material": QT_TRANSLATE_NOOP("ColumnTips", "The material that gives it its "
                                                             "worst status."),
    "top_supplier": QT_TRANSLATE_NOOP("ColumnTips", "The supplier with the largest share of the "
                                                    "item's supply."),
    "top_supplier_share": QT_TRANSLATE_NOOP("ColumnTips", "The top supplier's share of the "
                                                          "item's supply, in percent."),
    "top_country": QT_TRANSLATE_NOOP("ColumnTips", "The origin country (mined or refined) with "
                                                   "the largest share, not the seller's "
                                                   "country."),
    "top_country_share": QT_TRANSLATE_NOOP("ColumnTips", "The top origin country's share of the "
                                                         "item's supply, in percent."),
    "supplier_hhi": QT_TRANSLATE_NOOP("ColumnTips", "Supplier HHI (Herfindahl-Hirschman index): "
                                                    "10,000 × the sum of the squared supplier "
                                                    "shares; 10,000 means a single source, "
                                                    "below 1,500 is diversified."),
    "country_hhi": QT_TRANSLATE_NOOP("ColumnTips", "Country HHI: 10,000 × the sum of the squared "
                                                   "origin-country shares; 10,000 means one "
                                                   "country."),
    "suppliers": QT_TRANSLATE_NOOP("ColumnTips", "How many suppliers the item has."),
    "over_supplier_cap": QT_TRANSLATE_NOOP("ColumnTips", "yes: one supplier's share is above the "
                                                         "project's maximum supplier share."),
    "over_country_cap": QT_TRANSLATE_NOOP("ColumnTips", "yes: one origin country's share is "
                                                        "above the project's maximum country "
                                                        "share."),
    "materials": QT_TRANSLATE_NOOP("ColumnTips", "How many purchased materials it consumes, at "
                                                 "any BOM level."),
    "min_days_of_cover": QT_TRANSLATE_NOOP("ColumnTips", "The shortest days of cover among its "
                                                         "materials, in days."),
    "min_cover_material": QT_TRANSLATE_NOOP("ColumnTips", "The material with the shortest days "
                                                          "of cover."),
    "top_country_material": QT_TRANSLATE_NOOP("ColumnTips", "The material whose origin country "
                                                            "share is highest."),
    "materials_over_country_cap": QT_TRANSLATE_NOOP("ColumnTips", "How many of its materials are "
                                                                  "over the country cap."),
    "materials_over_supplier_cap": QT_TRANSLATE_NOOP("ColumnTips", "How many of its materials "
                                                                   "are over the supplier cap."),
    "hit_share": QT_TRANSLATE_NOOP("ColumnTips", "The share of its supply the stop hits, in "
                                                 "percent."),
    "time_to_survive_days": QT_TRANSLATE_NOOP("ColumnTips", "TTS, time to survive: the day after "
                                                            "the stop's start when the stock, "
                                                            "and the orders still arriving, run "
                                                            "out."),
    "time_to_recover_days": QT_TRANSLATE_NOOP("ColumnTips", "TTR, time to recover: days until "
                                                            "supply is back at full capacity "
                                                            "after the stop."),
    "gap_days": QT_TRANSLATE_NOOP("ColumnTips", "TTR − TTS where positive: days without stock, "
                                                "in days."),
    "strategic_stock": QT_TRANSLATE_NOOP("ColumnTips", "Stock that would close the gap, in the "
                                                       "item's unit."),
    "strategic_stock_value": QT_TRANSLATE_NOOP("ColumnTips", "The strategic stock's value at the "
                                                             "item's price."),
    "shortfall": QT_TRANSLATE_NOOP("ColumnTips", "What cannot be supplied during the stop, in "
                                                 "the item's unit."),
    "shortfall_value": QT_TRANSLATE_NOOP("ColumnTips", "The shortfall's value at the item's "
                                                       "price."),
    "outage_days": QT_TRANSLATE_NOOP("ColumnTips", "Days without the item: shortfall ÷ daily "
                                                   "use."),
    "orders_lost": QT_TRANSLATE_NOOP("ColumnTips", "Open orders from the stopped sources that "
                                                   "will not arrive, in the item's unit."),
    "orders_arriving": QT_TRANSLATE_NOOP("ColumnTips", "Open orders that still arrive during the "
                                                       "stop, in the item's unit."),
    "time_to_stop_days": QT_TRANSLATE_NOOP("ColumnTips", "The day after the stop's start when "
                                                         "the product stops."),
    "binding": QT_TRANSLATE_NOOP("ColumnTips", "The material that stops it longest."),
    "buffer_days": QT_TRANSLATE_NOOP("ColumnTips", "Days between the stop's end and the product "
                                                   "stopping; negative: days stopped."),
    "units_lost": QT_TRANSLATE_NOOP("ColumnTips", "Units of the product not made: daily demand × "
                                                  "outage days."),
    "revenue_at_risk": QT_TRANSLATE_NOOP("ColumnTips", "Units lost × the product's price."),
    "rank": QT_TRANSLATE_NOOP("ColumnTips", "The stop's rank, the riskiest first."),
    "stop": QT_TRANSLATE_NOOP("ColumnTips", "The supplier or country that stops."),
    "risk_exposure_index": QT_TRANSLATE_NOOP("ColumnTips", "Risk exposure index: revenue at risk "
                                                           "relative to the riskiest stop (100% "
                                                           "is the riskiest)."),
    "spend_share": QT_TRANSLATE_NOOP("ColumnTips", "The stop's share of the spend on purchased "
                                                   "materials, in percent."),
    "first_stockout_days": QT_TRANSLATE_NOOP("ColumnTips", "The first day a material runs out, "
                                                           "from the stop's start."),
    "products_stopped": QT_TRANSLATE_NOOP("ColumnTips", "How many products stop within the stop."),
    "materials_hit": QT_TRANSLATE_NOOP("ColumnTips", "How many materials lose some supply."),
    "materials_out": QT_TRANSLATE_NOOP("ColumnTips", "How many materials run out."),
    "days": QT_TRANSLATE_NOOP("ColumnTips", "How long the stop lasts, in days."),
    "qty": QT_TRANSLATE_NOOP("ColumnTips", "Effective quantity per unit of the parent (scrap "
                                           "included), in the child's unit."),
    "qty_per_unit": QT_TRANSLATE_NOOP("ColumnTips", "Quantity per unit of the product, at every "
                                                    "BOM level, in the material's unit."),
    "order_by": QT_TRANSLATE_NOOP("ColumnTips", "The last day to order so that the order arrives "
                                                "before stock falls to its target."),
    "late": QT_TRANSLATE_NOOP("ColumnTips", "yes: the order-by date has passed; order today."),
    "quantity": QT_TRANSLATE_NOOP("ColumnTips", "The quantity, in the item's unit."),
    "unit_price": QT_TRANSLATE_NOOP("ColumnTips", "The price of one unit, in the currency of the "
                                                  "column title (or of the row)."),
    "cost": QT_TRANSLATE_NOOP("ColumnTips", "Quantity × unit price, in the project's currency."),
    "lead_time_days": QT_TRANSLATE_NOOP("ColumnTips", "Days from order to arrival."),
    "arrival": QT_TRANSLATE_NOOP("ColumnTips", "The day the order is expected to arrive if "
                                               "placed today."),
    "origin_country": QT_TRANSLATE_NOOP("ColumnTips", "Where the material is mined or refined."),
    "net_need": QT_TRANSLATE_NOOP("ColumnTips", "What is needed beyond stock and open orders to "
                                                "reach the target, in the item's unit."),
    "planned": QT_TRANSLATE_NOOP("ColumnTips", "What the plan orders, in the item's unit."),
    "reason": QT_TRANSLATE_NOOP("ColumnTips", "Why the plan orders what it does."),
    "country": QT_TRANSLATE_NOOP("ColumnTips", "The country, as an ISO 3166 code."),
    "lines": QT_TRANSLATE_NOOP("ColumnTips", "How many order lines."),
    "cost_share": QT_TRANSLATE_NOOP("ColumnTips", "Its share of the plan's spend, in percent."),
    "warning": QT_TRANSLATE_NOOP("ColumnTips", "What to watch for on this line, such as stock "
                                               "running out before the order can arrive."),
    "days_of_cover_before": QT_TRANSLATE_NOOP("ColumnTips", "Days of cover today, with open "
                                                            "orders, in days."),
    "days_of_cover_after": QT_TRANSLATE_NOOP("ColumnTips", "Days of cover once the plan's orders "
                                                           "arrive, in days."),
    "top_supplier_share_before": QT_TRANSLATE_NOOP("ColumnTips", "The top supplier's share of "
                                                                 "the item's supply today, in "
                                                                 "percent."),
    "top_supplier_share_after": QT_TRANSLATE_NOOP("ColumnTips", "The top supplier's share with "
                                                                "the plan's orders, in percent."),
    "top_country_before": QT_TRANSLATE_NOOP("ColumnTips", "Today's top origin country."),
    "top_country_share_before": QT_TRANSLATE_NOOP("ColumnTips", "The top origin country's share "
                                                                "today, in percent."),
    "top_country_share_after": QT_TRANSLATE_NOOP("ColumnTips", "The top origin country's share "
                                                               "with the plan's orders, in "
                                                               "percent."),
    "supplier_hhi_before": QT_TRANSLATE_NOOP("ColumnTips", "Supplier HHI today: 10,000 × the sum "
                                                           "of the squared supplier shares "
                                                           "(10,000: a single source)."),
    "supplier_hhi_after": QT_TRANSLATE_NOOP("ColumnTips", "Supplier HHI with the plan's orders "
                                                          "(10,000: a single source)."),
    "cap_breach": QT_TRANSLATE_NOOP("ColumnTips", "yes: a supplier or origin country is still "
                                                  "over its cap after the plan."),
    "category": QT_TRANSLATE_NOOP("ColumnTips", "A group of your own, to sort and search by."),
    "qty_per": QT_TRANSLATE_NOOP("ColumnTips", "How many units of the child one unit of the "
                                               "parent takes, in the child's unit."),
    "scrap_pct": QT_TRANSLATE_NOOP("ColumnTips", "Percent of the child lost in making the "
                                                 "parent; 5 means 5% more is used."),
    "due_date": QT_TRANSLATE_NOOP("ColumnTips", "The day the order is expected to arrive."),
    "capacity_per_month": QT_TRANSLATE_NOOP("ColumnTips", "The most the source can deliver in a "
                                                          "month, in the item's unit."),
    "moq": QT_TRANSLATE_NOOP("ColumnTips", "Minimum order quantity, in the item's unit."),
    "key": QT_TRANSLATE_NOOP("ColumnTips", "The setting's name."),
    "value": QT_TRANSLATE_NOOP("ColumnTips", "The setting's value."),
    "Demand.quantity": QT_TRANSLATE_NOOP("ColumnTips", "The demand for the product per period "
                                                       "(the Per column), in its unit."),
    "Orders.quantity": QT_TRANSLATE_NOOP("ColumnTips", "The quantity ordered, in the item's "
                                                       "unit."),
    "Forecast.quantity": QT_TRANSLATE_NOOP("ColumnTips", "The demand forecast for the month, in "
                                                         "the item's unit."),
    # look-through: origins a buyer does not know, spread over the world's producers
    "commodity": QT_TRANSLATE_NOOP("ColumnTips", "The USGS commodity whose world production "
                                                 "spreads an unknown origin (Rare Earths, "
                                                 "Gallium…)."),
    "effective_top_country": QT_TRANSLATE_NOOP("ColumnTips", "The largest origin country once "
                                                             "unknown origins are spread over "
                                                             "the world's producers (an "
                                                             "estimate)."),
    "effective_top_share": QT_TRANSLATE_NOOP("ColumnTips", "The effective top country's share "
                                                           "of the item's supply, in percent "
                                                           "(an estimate)."),
    "effective_country_hhi": QT_TRANSLATE_NOOP("ColumnTips", "Country HHI of the effective mix "
                                                             "(the world's other countries "
                                                             "counted as one producer)."),
    "world_top_country": QT_TRANSLATE_NOOP("ColumnTips", "The largest producer of the "
                                                         "commodity in the world (USGS)."),
    "world_top_share": QT_TRANSLATE_NOOP("ColumnTips", "The largest producer's share of world "
                                                       "production, in percent (USGS)."),
    "unknown_origin_share": QT_TRANSLATE_NOOP("ColumnTips", "The share of the item's supply "
                                                            "whose origin is unknown (written "
                                                            "unknown, or blank from a trader), "
                                                            "in percent."),
    # secondary supply (the Sources column's own tip is its note in the schema)
    "secondary_share": QT_TRANSLATE_NOOP("ColumnTips", "The share of the item's supply from "
                                                       "secondary (recycled or reprocessed) "
                                                       "sources, in percent."),
    "looked_through_share": QT_TRANSLATE_NOOP("ColumnTips", "The part of the share that "
                                                            "look-through found: supply of "
                                                            "unknown origin spread over the "
                                                            "world's producers (an estimate)."),
    "material_value": QT_TRANSLATE_NOOP("ColumnTips", "The purchase value of the materials in "
                                                      "one unit of the product, in the "
                                                      "project's currency."),
    "content_country": QT_TRANSLATE_NOOP("ColumnTips", "The country whose content in products "
                                                       "is screened (the setting Content "
                                                       "country)."),
    "content_value": QT_TRANSLATE_NOOP("ColumnTips", "The value per unit of product of the "
                                                     "materials from the content country "
                                                     "(effective origins), in the project's "
                                                     "currency."),
    "content_share": QT_TRANSLATE_NOOP("ColumnTips", "The content value's share of the material "
                                                     "value: an estimate for screening, not a "
                                                     "legal determination."),
    "content_flag": QT_TRANSLATE_NOOP("ColumnTips", "yes: the content share is above the "
                                                    "project's content threshold."),
}


class LazyStrings:
    """Display strings of one numeric column, formatted on first use and then kept.

    Formatting 200,000 numbers up front takes a second; a view shows forty at a time. The
    strings are kept in a dict of ints to texts, which Python's cyclic garbage collector
    never walks (a list is walked whole at every full collection: 50-150 ms pauses while
    scrolling a 200,000-row table).
    """

    __slots__ = ("cache", "formatter", "values")

    def __init__(self, values: np.ndarray, formatter: Callable[[object], str]):
        self.values, self.formatter = values, formatter
        self.cache: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self.values)))

    def __getitem__(self, i: int) -> str:
        text = self.cache.get(i)
        if text is None:
            text = self.cache[i] = self.formatter(self.values[i])
        return text


# cells of a few words, shown in the window's language
CHOICE_KINDS = ("kind", "per", "supplier_kind", "yesno")
# the engine's translation context of each (pgettext("supplier kind", "trader"))
_CHOICE_CONTEXT = {"supplier_kind": "supplier kind", "yesno": "yes no"}

# Words the engine puts in a column, shown in the window's language (the engine keeps its
# keys: safety_stock.GIVEN...; a script reading the report sees them unchanged)
COLUMN_WORDS: dict[str, dict[str, str]] = {
    "safety_stock_basis": {
        "given": QT_TRANSLATE_NOOP("ColumnWords", "given"),
        "service level": QT_TRANSLATE_NOOP("ColumnWords", "service level"),
        "no lead time": QT_TRANSLATE_NOOP("ColumnWords", "no lead time"),
    },
}


def _status_text(value: object) -> str:
    """A status cell: the key as English has always shown it (critical, short, ok), the
    engine's label in another language (危険, 目標未達, 目標達成)."""
    if fmt.is_missing(value):
        return ""
    return fmt.status_label(str(value)) if fmt.japanese() else str(value)


def _choice(value: object, kind: str) -> str:
    """A kind or per cell (product, day...) as the template in the window's language writes
    it (製品, 日); the engine reads either back as the same."""
    if fmt.is_missing(value):
        return ""
    return pgettext(_CHOICE_CONTEXT.get(kind, kind), str(value))


def _origin(value: object) -> str:
    """An origin cell: its country code, or "unknown" in the window's language (不明)."""
    if fmt.is_missing(value):
        return ""
    return unknown_origin_name() if value == UNKNOWN_ORIGIN else str(value)


def _commodity(value: object) -> str:
    """An Items commodity cell in the window's language (レアアース for Rare Earths, or for
    neodymium, whichever way it was written); what names no commodity, as written."""
    if fmt.is_missing(value):
        return ""
    resolved = resolve_commodity(str(value))
    return commodity_name(resolved) if resolved else str(value)


def _month(value: object) -> str:
    """A month as its cells show it and as it is typed back: 2027-01 (blank when missing)."""
    return fmt.date(value)[:7]


def display_texts(series: pd.Series, kind: str, key: str = "") -> tuple[str, ...] | LazyStrings:
    """A column's display strings: a tuple (of strings alone, which Python's garbage
    collector stops tracking, and so never walks again) or, for figures, lazily."""
    if kind == "status":
        return tuple([_status_text(v) for v in series])
    if kind in CHOICE_KINDS:
        return tuple([_choice(v, kind) for v in series])
    if kind == "origin":
        return tuple([_origin(v) for v in series])
    if kind == "commodity":
        return tuple([_commodity(v) for v in series])
    words = COLUMN_WORDS.get(key)
    if words is not None:
        return tuple(["" if fmt.is_missing(v) else QCoreApplication.translate(
            "ColumnWords", words[str(v)]) if str(v) in words else str(v) for v in series])
    if kind == "date":
        return tuple([fmt.date(v) for v in series])
    if kind == "month":
        return tuple([_month(v) for v in series])
    formatter = FORMATTERS.get(kind)
    if formatter is not None:
        values = series.to_numpy(dtype=float, na_value=np.nan) if kind != "bool" else (
            series.to_numpy())
        return LazyStrings(values, formatter)
    return tuple(series.astype(object).where(series.notna(), "").astype(str).tolist())


def edit_text(value: object, kind: str) -> str:
    if fmt.is_missing(value):
        return ""
    if kind == "date":
        return fmt.date(value)
    if kind == "month":
        return _month(value)
    if kind in CHOICE_KINDS:
        return _choice(value, kind)
    if kind == "origin":
        return _origin(value)
    if kind == "commodity":
        return _commodity(value)
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)
