"""Table models over the engine's DataFrames.

Following Orange and Spyder: at reset each column is turned once into a numpy array (for
sorting) and a list of display strings, so ``data()`` is a couple of list look-ups.
Sorting is a stable numpy permutation; the search box filters with boolean masks. View
rows map to table positions through ``self.order``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from planner.analysis.commodity_names import commodity_name
from planner.analysis.ordering import status_rank
from planner.core import formatting as fmt
from planner.core.errors import InputError
from planner.core.i18n import pgettext
from planner.inputs import editing
from planner.inputs.parsing import unknown_origin_name
from planner.inputs.schema import UNKNOWN_ORIGIN, Column, sheet
from planner.inputs.usgs import resolve_commodity
from ui.common import theme
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a column sorts by
POSITION_ROLE = Qt.ItemDataRole.UserRole + 2  # the table position of a view row
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# data() runs for every role of every cell painted (1,500 calls a frame when scrolling):
# the roles as plain ints, compared without touching the enum, and the flags made once
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT = int(SORT_ROLE)
_POSITION = int(POSITION_ROLE)
_FRAME_ROLES = frozenset({_ALIGNMENT, _FOREGROUND, _SORT, _POSITION})
_MARK_ROLES = frozenset({_TOOLTIP, _BACKGROUND, _FOREGROUND})
_PROJECT_ROLES = _FRAME_ROLES | _MARK_ROLES | {_EDIT}
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable


FORMATTERS: dict[str, Callable[[object], str]] = {  # by column kind
    "number": fmt.entered, "quantity": fmt.quantity, "share": fmt.share,
    "days": partial(fmt.days, digits=None), "hhi": fmt.hhi, "bool": fmt.yes_no,
    "when": fmt.survival, "money": partial(fmt.money, missing=""), "price": fmt.price,
}


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    kind: str = "text"  # text, number, share, days, hhi, bool, status, date, lookup, ...
    tip: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "quantity", "share", "days", "hhi", "when", "money",
                             "price")

    @property
    def header_tip(self) -> str:
        """What the column means, with its unit: its own tip, else the shared one (in the
        window's language)."""
        if self.tip:
            return self.tip
        shared = COLUMN_TIPS.get(self.key)
        return QCoreApplication.translate("ColumnTips", shared) if shared else ""


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


def _display(series: pd.Series, kind: str, key: str = "") -> tuple[str, ...] | LazyStrings:
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


def _edit_text(value: object, kind: str) -> str:
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


class FrameModel(QAbstractTableModel):
    """A read-only, sortable, filterable view of a DataFrame."""

    def __init__(self, columns: list[Col], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame({c.key: [] for c in columns})
        self.order = np.arange(0)
        self.rows: tuple[int, ...] = ()
        self._display: list[tuple[str, ...] | LazyStrings] = []
        # the raw keys of each status column (critical, short, ok): its colour, per cell
        self._status_keys: dict[int, tuple[str, ...]] = {}
        self._sort_keys: dict[int, np.ndarray] = {}  # by column, made when first sorted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = ""
        self._rebuild()

    # --- data in ------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame``. Of a frame with the same rows and columns as the one shown (new
        figures after an edit), only the columns whose values changed are formatted
        again and announced with dataChanged: a reset would make every view lay out its
        rows again and forget the selection and scroll position."""
        frame = frame.reset_index(drop=True)
        if not self._update_in_place(frame):
            self.beginResetModel()
            self.frame = frame
            self._rebuild()
            self.endResetModel()

    def set_columns(self, columns: list[Col]) -> None:
        """Show ``columns``: of the same columns with other titles or tips (a sum titled in
        another currency) only the header is told, as set_frame may then update the cells
        in place and never reset; other columns reset the model."""
        if [(c.key, c.kind) for c in columns] == [(c.key, c.kind) for c in self.columns]:
            self.columns = columns
            if columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
            return
        self.beginResetModel()
        self.columns = columns
        self._rebuild()
        self.endResetModel()

    def _update_in_place(self, frame: pd.DataFrame) -> bool:
        """Take ``frame`` by updating the columns that changed; False when it cannot be
        done (other rows or columns), and nothing was changed."""
        old = self.frame
        if len(frame) != len(old) or list(frame.columns) != list(old.columns) or not len(
                frame) or any(frame[c].dtype != old[c].dtype for c in frame.columns):
            return False
        changed = [j for j, c in enumerate(self.columns)
                   if c.key in frame and not frame[c.key].equals(old[c.key])]
        self.frame = frame
        if not changed:
            return True
        for j in changed:
            self._format(j)
        moved = (self._sort is not None and self._sort[0] in changed) or (
            bool(self._filter) and any(not isinstance(self._display[j], LazyStrings)
                                       for j in changed))
        if moved:  # the rows' order or the filtered rows may change
            self.layoutAboutToBeChanged.emit()
            try:
                persistent = self.persistentIndexList()
                old_positions = [int(self.order[i.row()]) if 0 <= i.row() < len(self.order)
                                 else -1 for i in persistent]
                self._apply_order()
                self._remap(persistent, old_positions)
            finally:
                self.layoutChanged.emit()
        elif len(self.order):
            self.dataChanged.emit(self.index(0, min(changed)),
                                  self.index(len(self.order) - 1, max(changed)))
        return True

    def _rebuild(self) -> None:
        self._display = [("",) * len(self.frame)] * len(self.columns)
        self._status_keys = {}
        for j, c in enumerate(self.columns):
            if c.key in self.frame:
                self._format(j)
        self._sort_keys = {}
        self._apply_order()

    def _format(self, column: int) -> None:
        """Make the strings shown in view column ``column`` (and the keys that colour a
        status column) from the frame, once per change rather than per painted cell."""
        c = self.columns[column]
        series = self.frame[c.key]
        self._display[column] = _display(series, c.kind, c.key)
        if c.kind == "status":
            self._status_keys[column] = tuple([str(v) for v in series])
        self._sort_keys.pop(column, None)

    def sort_key(self, column: int) -> np.ndarray:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._sort_key(self.columns[column])
        return keys

    def _sort_key(self, c: Col) -> np.ndarray:
        if c.kind == "lookup":
            return np.array([s.lower() for s in self._display[self.columns.index(c)]],
                            dtype=object)
        if c.key not in self.frame:
            return np.zeros(len(self.frame))
        col = self.frame[c.key]
        if c.numeric:
            return col.to_numpy(dtype=float, na_value=np.nan)
        if c.kind == "status":
            return status_rank(col).to_numpy(dtype=float)
        if c.kind == "bool":
            return col.fillna(False).to_numpy(dtype=float)
        if c.kind in ("date", "month"):
            return col.to_numpy(dtype="datetime64[s]").astype("int64").astype(float)
        return np.array([s.lower() for s in self._display[self.columns.index(c)]],
                        dtype=object)

    def _apply_order(self) -> None:
        n = len(self.frame)
        order = np.arange(n)
        if self._sort is not None:
            column, direction = self._sort
            keys = self.sort_key(column)
            if keys.dtype == object:
                order = np.array(sorted(range(n), key=keys.__getitem__), dtype=np.int64)
            else:  # NaN last in both directions
                order = np.argsort(keys, kind="stable")
                nan = np.isnan(keys[order])
                order = np.concatenate([order[~nan], order[nan]])
            if direction == Qt.SortOrder.DescendingOrder:
                if keys.dtype == object:
                    order = order[::-1]
                else:
                    valid = order[~np.isnan(keys[order])]
                    order = np.concatenate([valid[::-1], order[len(valid):]])
        if self._filter:
            needle = self._filter.lower()
            mask = np.zeros(n, dtype=bool)
            for strings in self._display:
                if isinstance(strings, LazyStrings):
                    continue  # search looks at names, ids, codes and dates, not figures
                mask |= pd.Series(strings, dtype=object).str.lower().str.contains(
                    needle, regex=False).to_numpy(dtype=bool)
            order = order[mask[order]]
        self.order = order
        # plain ints, fastest to index with; a tuple, untracked by the garbage collector
        self.rows = tuple(order.tolist())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        try:
            persistent = self.persistentIndexList()
            old_positions = [int(self.order[i.row()]) if 0 <= i.row() < len(self.order)
                             else -1 for i in persistent]
            self._sort = (column, order)
            self._apply_order()
            self._remap(persistent, old_positions)
        finally:  # an exception between the two signals would leave Qt's views broken
            self.layoutChanged.emit()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip()
        self._apply_order()
        self.endResetModel()

    def _remap(self, persistent: list, old_positions: list[int]) -> None:
        where = np.full(len(self.frame), -1, dtype=np.int64)
        where[self.order] = np.arange(len(self.order))
        new = []
        for index, pos in zip(persistent, old_positions, strict=True):
            row = int(where[pos]) if pos >= 0 else -1
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, new)

    # --- Qt model interface -------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def position(self, row: int) -> int:
        return int(self.order[row])

    def row_of(self, position: int) -> int:
        hits = np.flatnonzero(self.order == position)
        return int(hits[0]) if len(hits) else -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if role not in _FRAME_ROLES or not index.isValid():
            return None
        if role == _ALIGNMENT:
            return RIGHT if self.columns[index.column()].numeric else None
        if role == _FOREGROUND:
            keys = self._status_keys.get(index.column())  # by the key, not the text shown
            return theme.status_colour(keys[self.rows[index.row()]]) if keys else None
        if role == _SORT:
            return self.sort_key(index.column())[self.order[index.row()]]
        return int(self.order[index.row()])  # POSITION_ROLE

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.header_tip or None
            if role == Qt.ItemDataRole.TextAlignmentRole and c.numeric:
                return RIGHT
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def value(self, row: int, key: str) -> object:
        return self.frame[key].iloc[self.position(row)]

    def shown(self, column: int, position: int) -> str:
        """The text shown in ``column`` for table ``position``."""
        return self._display[column][position]


KIND_OF_TYPE = {"number": "number", "share": "share", "date": "date", "month": "month",
                "kind": "kind", "per": "per", "supplier_kind": "supplier_kind", "yesno": "yesno",
                "origin": "origin"}

# The read-only name shown right of an id: id column -> (name column, its title, the
# table the name is looked up in); the titles are translated where shown
LOOKUPS: dict[str, tuple[str, str, str]] = {
    "item_id": ("item_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Name"), "Items"),
    "supplier_id": ("supplier_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Supplier name"),
                    "Suppliers"),
    "parent_id": ("parent_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Parent name"),
                  "Items"),
    "child_id": ("child_name", QT_TRANSLATE_NOOP("ProjectTableModel", "Child name"), "Items"),
}
NAME_TABLES = ("Items", "Suppliers")
_NAME_KEYS = frozenset({"name", "item_id", "supplier_id"})  # what a name shown depends on


def _title(name: str) -> str:
    """An English header from a column's name: "lead_time_days" -> "Lead time days"."""
    return (name.replace("_", " ").capitalize()
            .replace("Item id", "Item ID").replace("Supplier id", "Supplier ID")
            .replace("Parent id", "Parent ID").replace("Child id", "Child ID")
            .replace("Moq", "MOQ").replace("pct", "%"))


def _heading(column: Column) -> str:
    """A template column's header: the name a template in the window's language gives it
    (員数), or in English its name in words (Qty per)."""
    return column.heading if column.heading != column.name else _title(column.name)


def _header_tip(table: str, column: Column) -> str:
    """What a template column means, and whether it is required; in Japanese, headed by
    its name as messages give it (員数（qty_per）), so the canonical name is at hand."""
    shared = COLUMN_TIPS.get(f"{table}.{column.name}") or COLUMN_TIPS.get(column.name, "")
    tip = column.description or (
        QCoreApplication.translate("ColumnTips", shared) if shared else "")
    if column.required:
        tip = QCoreApplication.translate("ProjectTableModel", "{tip} (required)").format(
            tip=tip)
    if column.heading != column.name:
        tip = f"{column.label}\n{tip.strip()}"
    return tip


class ProjectTableModel(FrameModel):
    """An editable template table of the open project; edits go through undo commands."""

    def __init__(self, doc: Document, table: str, parent: QObject | None = None):
        self.spec = sheet(table)
        self.doc, self.table = doc, table
        cols = []
        for c in self.spec.columns:
            kind = "commodity" if c.name == "commodity" else KIND_OF_TYPE.get(c.type, "text")
            cols.append(Col(c.name, _heading(c), kind,
                            _header_tip(table, c)))
            lookup = LOOKUPS.get(c.name) if table not in NAME_TABLES else None
            if lookup is not None:
                cols.append(Col(lookup[0], QCoreApplication.translate(
                    "ProjectTableModel", lookup[1]), "lookup"))
        self._editable = [c.kind != "lookup" for c in cols]
        super().__init__(cols, parent)
        self.last_error = ""  # why the last setData was refused
        doc.tableReset.connect(self._on_reset)
        doc.cellsChanged.connect(self._on_cells)
        doc.reportChanged.connect(self._on_problems)
        self.set_frame(doc.project.tables[table])

    def _update_in_place(self, frame: pd.DataFrame) -> bool:
        """A table's rows were replaced (names beside ids may have changed too): reset."""
        return False

    def editable(self, column: int) -> bool:
        """Whether view column ``column`` is a cell of the table (not a name shown)."""
        return self._editable[column]

    def _rebuild(self) -> None:
        super()._rebuild()
        if hasattr(self, "doc"):  # FrameModel's constructor rebuilds before doc is set
            for id_key in LOOKUPS:
                self._look_up(id_key)

    def _look_up(self, id_key: str) -> int | None:
        """Fill the name column beside ``id_key`` from the Items or Suppliers table;
        returns its view column (None when this table has none)."""
        lookup = LOOKUPS.get(id_key)
        keys = [c.key for c in self.columns]
        if lookup is None or lookup[0] not in keys or id_key not in self.frame:
            return None
        source = self.doc.project.tables[lookup[2]]
        id_column = "item_id" if lookup[2] == "Items" else "supplier_id"
        names = dict(zip(source[id_column], source["name"].astype(object), strict=True))
        j = keys.index(lookup[0])
        self._display[j] = tuple([fmt.text(names.get(v)) if isinstance(v, str) else ""
                                  for v in self.frame[id_key]])
        self._sort_keys.pop(j, None)
        return j

    def _names_changed(self) -> None:
        """Names were edited in Items or Suppliers: show them beside the ids."""
        changed = [j for j in (self._look_up(k) for k in LOOKUPS) if j is not None]
        if changed and self.rowCount():
            self.dataChanged.emit(self.index(0, min(changed)),
                                  self.index(self.rowCount() - 1, max(changed)))

    def _on_reset(self, table: str) -> None:
        if table == self.table:
            self.set_frame(self.doc.project.tables[table])
        elif table in NAME_TABLES:  # its rows were replaced: any id may have a new name
            self._names_changed()

    def _on_cells(self, table: str, positions: list[int], columns: list[str]) -> None:
        # only an edited name or id changes the names shown beside ids: other edits of
        # Items (a lead time) would otherwise rebuild the names of every table
        if table in NAME_TABLES and table != self.table and not _NAME_KEYS.isdisjoint(columns):
            self._names_changed()
        if table != self.table:
            return
        self.frame = self.doc.project.tables[table]
        keys = [c.key for c in self.columns]
        for name in columns:
            j = keys.index(name)
            self._format(j)
            beside = self._look_up(name)
            if beside is not None:
                columns = [*columns, keys[beside]]
        rows = [self.row_of(p) for p in positions]
        rows = [r for r in rows if r >= 0]
        if rows:
            cols = [keys.index(c) for c in columns]
            self.dataChanged.emit(self.index(min(rows), min(cols)),
                                  self.index(max(rows), max(cols)))

    def _on_problems(self) -> None:
        if self.rowCount():
            # an edit of another table may have moved these rows to the template's layout
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def sheet_row(self, position: int) -> int:
        """The sheet row of table ``position``, the row messages name (``Orders!C15``):
        where it stood in the file it came from, or the template's row once rows moved."""
        layout = self.doc.project.layouts.get(self.table)
        if layout is not None and len(layout.rows) == len(self.frame):
            return int(layout.rows[position])
        return position + 2  # the template's header is row 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical and role == DISPLAY_ROLE:
            if 0 <= section < len(self.order):  # a filtered or sorted row keeps its number
                return str(self.sheet_row(int(self.order[section])))
            return None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if self._editable[index.column()] else READ_ONLY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._display[index.column()][self.rows[index.row()]]
        if role not in _PROJECT_ROLES or not index.isValid():
            return None
        if role in _MARK_ROLES:
            marks = self.doc.marks.get(self.table)
            if not marks:
                return super().data(index, role)
            text = marks.get((self.rows[index.row()], self.columns[index.column()].key))
            if text is None:
                return super().data(index, role)
            if role == _TOOLTIP:
                return text
            if role == _FOREGROUND:  # reads on the fill in every theme
                return theme.problem_text()
            return theme.problem_brush(warning=text.startswith(self.doc.warning_prefix))
        if role == _EDIT:
            c = self.columns[index.column()]
            if not self._editable[index.column()]:
                return self._display[index.column()][self.rows[index.row()]]
            return _edit_text(self.frame[c.key].iloc[self.position(index.row())], c.kind)
        return super().data(index, role)

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable(
                index.column()):
            return False
        from ui.editing.commands import SetCells

        column = self.columns[index.column()].key
        pos = self.position(index.row())
        ref = self.doc.project.layout(self.table).cell(column, pos)
        try:
            typed = editing.parse_value(self.table, column, value, ref)
        except InputError as exc:
            self.last_error = str(exc.problems[0])
            self.doc.message.emit(self.last_error)
            return False
        if _same(typed, editing.get_value(self.doc.project, self.table, pos, column)):
            return True
        self.doc.undo_stack.push(SetCells(self.doc, self.table, [(pos, column, typed)]))
        return True


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
