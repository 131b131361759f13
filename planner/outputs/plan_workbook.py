"""The procurement plan as an Excel workbook, made to be forwarded and printed.

Sheets: Summary (parameters, headline figures, the country mix before and after as a
table and a native bar chart, totals by supplier, the materials still over a cap), Order
lines (one row per order, by order-by date), Days of cover (before and after) and
Exposure (shares and HHI before and after), and with the disruption ranking a Disruption
risk sheet, with the frontier (the cost of reducing dependence) a Frontier sheet: its table
and a chart of cost against dependence beside the G7 marks. Table sheets have styled
headers that stay in view, filters, number/date/currency formats (quantities carry their
unit: "5,832 kg"), conditional colours for late orders, shortfalls and cap breaches,
fitted column widths; every sheet prints one page wide (tables landscape) with its header
row on every page and page numbers in the footer. The requests for quotation, written
with the same styles (planner.outputs.workbook_styles), are in planner.outputs.rfq.

Written through planner.core.xlsx (XlsxWriter, rows streamed to disk): every text is a
text cell, so a name such as ``=HYPERLINK(...)`` or ``+1`` stays text and is never a
formula, and every number reads back exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.analysis.commodity_names import commodity_name
from planner.analysis.plan import Plan
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.errors import Cancelled, column_letter
from planner.core.i18n import N_, _, ngettext, pgettext
from planner.core.xlsx import (
    Book,
    Series,
    Sheet,
    header_literal,
    number_format,
    write_xlsx,
)
from planner.outputs.workbook_styles import (
    Styles,
    cell_dates,
    cell_numbers,
    cell_texts,
    line_height,
    page_footer,
    wrapped_lines,
)

if TYPE_CHECKING:
    from planner.analysis.scenario import Ranking
    from planner.analysis.stockpile import StockpileResult

BEFORE_COLOUR, AFTER_COLOUR = "A5B4BE", "2F6F8F"
PROGRESS_EVERY = 2_000  # rows between progress calls

Progress = Callable[[int, int], object]


class ExportCancelled(Cancelled):
    """The progress callback asked to stop; no file was written."""


@dataclass(frozen=True)
class Col:
    """One column of a table sheet: header, values, format and width hints."""

    header: str
    values: Sequence[Any]
    # text, number, quantity, money, price, order price (in the source's currency), share,
    # date, days, hhi, ratio
    kind: str = "text"
    width: float | None = None  # None: fitted to the values
    wrap: bool = False
    units: Sequence[str | None] | None = None  # quantity: the unit shown after the number
    # order price: each line's currency, which sets its decimals (none in JPY)
    currencies: Sequence[str | None] | None = None
    also: Sequence[float] = ()  # figures shown below the table (a total), for the width

    @property
    def shown(self) -> str:
        """The header in the language chosen (``header`` is its English key)."""
        return _(self.header)

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "date")


Rules = Callable[[Sheet, "list[Col]", int, Plan, "Styles"], None]


def write_plan_workbook(plan: Plan, path: Path | str, progress: Progress | None = None,
                        ranking: Ranking | None = None,
                        frontier: pd.DataFrame | None = None,
                        stockpile: StockpileResult | None = None) -> None:
    """Write ``plan`` to ``path`` (.xlsx) in one atomic write.

    ``progress(done, total)`` is called every 2,000 rows or so; returning False stops
    the export with ExportCancelled and leaves no file behind (and an older file of that
    name as it was). With a ``ranking`` (the disruption scenarios), a "Disruption risk"
    sheet lists every supplier and origin country stopped for its time to recover. With a
    ``frontier`` (planner.analysis.frontier), a "Frontier" sheet carries it. With a
    ``stockpile`` sizing (planner.analysis.stockpile), a "Stockpile sizing" sheet lists the
    recommended days of stock of every material, those where a unit of holding cost avoids
    the most loss first.
    """
    counter = _Counter(progress, len(plan.lines) + 2 * len(plan.materials) + 100 + (
        len(ranking.stops) if ranking is not None else 0) + (
        len(stockpile.materials) if stockpile is not None else 0))
    # (title, columns, columns kept in view left of the scroll, conditional colours)
    tables: list[tuple[str, list[Col], int, Rules]] = [
        ("Order lines", _line_columns(plan), 4, _late_rules),
        ("Days of cover", _cover_columns(plan), 2, _cover_rules),
        ("Exposure", _exposure_columns(plan), 2, _exposure_rules)]
    if ranking is not None:
        tables.append(("Disruption risk", _ranking_columns(ranking), 3, _ranking_rules))
    if stockpile is not None:
        tables.append(("Stockpile sizing", _stockpile_columns(stockpile), 3,
                       _stockpile_rules))
    names = sheet_names()
    if len(set(names.values())) < len(names):
        names = {k: k for k in names}  # a catalogue naming two sheets alike: English

    def fill(book: Book) -> None:
        styles = Styles(book, plan.currency)
        _summary(book.sheet(names["Summary"]), plan, styles)
        for title, columns, frozen, rules in tables:
            ws = book.sheet(names[title])
            _table(ws, columns, styles, counter, plan, frozen, rules)
            if title == "Order lines" and len(plan.lines):
                _line_totals(ws, columns, plan, styles)
        if frontier is not None:
            _frontier(book.sheet(names["Frontier"]), frontier, styles, counter, plan)

    write_xlsx(path, fill)
    counter.add(100)
    counter.finish()


def sheet_names() -> dict[str, str]:
    """The plan workbook's sheet names in the language chosen, by their English names
    (each at most 31 characters, without []:*?/\\ as Excel requires)."""
    return {"Summary": pgettext("sheet", "Summary"),
            "Order lines": pgettext("sheet", "Order lines"),
            "Days of cover": pgettext("sheet", "Days of cover"),
            "Exposure": pgettext("sheet", "Exposure"),
            "Disruption risk": pgettext("sheet", "Disruption risk"),
            "Stockpile sizing": pgettext("sheet", "Stockpile sizing"),
            "Frontier": pgettext("sheet", "Frontier")}


class _Counter:
    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.done, self.next = progress, total, 0, 0

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.done >= self.next:
            self.next = self.done + PROGRESS_EVERY
            if self.progress(min(self.done, self.total), self.total) is False:
                raise ExportCancelled("the export was cancelled")


def _days(series: pd.Series | np.ndarray) -> list[Any]:
    """Days of cover: a number, or "no demand" (docs/definitions.md: never a division error)."""
    return [(fmt.word(fmt.NO_DEMAND) if math.isnan(v) else v)
            for v in np.asarray(series, dtype=float).tolist()]


def _flag(series: pd.Series | np.ndarray, word: str) -> list[str | None]:
    return [word if v else None for v in np.asarray(series, dtype=bool).tolist()]


def _line_columns(plan: Plan) -> list[Col]:
    lines = plan.lines
    units = cell_texts(lines["unit"])
    return [
        Col(N_("Order by"), cell_dates(lines["order_by"]), "date"),
        Col(N_("Action"), cell_texts(lines["action_text"])),
        Col(N_("Days late"), cell_numbers(lines["days_late"].where(lines["days_late"] > 0)),
            "number"),
        Col(N_("Item"), cell_texts(lines["item_id"])),
        Col(N_("Name"), cell_texts(lines["name"]), width=34, wrap=True),
        Col(N_("Supplier"), cell_texts(lines["supplier_id"])),
        Col(N_("Supplier name"), cell_texts(lines["supplier_name"]), width=34, wrap=True),
        Col(N_("Origin"), cell_texts(lines["origin_country"])),
        Col(N_("Quantity"), cell_numbers(lines["quantity"]), "quantity", units=units),
        Col(N_("Unit price"), cell_numbers(lines["unit_price"]), "price"),
        Col(N_("Cost"), cell_numbers(lines["cost"]), "money", also=(plan.total_cost,)),
        *_order_price_columns(plan),
        Col(N_("Lead time (days)"), cell_numbers(lines["lead_time_days"]), "number"),
        Col(N_("Needed by"), cell_dates(lines["needed_by"]), "date"),
        Col(N_("Arrival"), cell_dates(lines["arrival"]), "date"),
        Col(N_("Stock runs out"), cell_dates(lines["stock_out"]), "date"),
        Col(N_("Days without stock"),
            cell_numbers(lines["days_uncovered"].where(lines["days_uncovered"] > 0)), "number"),
        Col(N_("MOQ"), cell_numbers(lines["moq"].where(lines["moq"] > 0)), "quantity", units=units),
        Col(N_("Order multiple"), cell_numbers(lines["order_multiple"]), "quantity", units=units),
        Col(N_("Warning"), cell_texts(lines["warning_text"]), width=44, wrap=True),
    ]


def _order_price_columns(plan: Plan) -> list[Col]:
    """The price as the source gives it, in the currency a buyer orders in: shown when a
    line's currency is not the plan's (Unit price and Cost are in the plan's)."""
    lines = plan.lines
    currency = lines["order_currency"]
    if not (currency.notna() & (currency != plan.currency)).any():
        return []
    return [Col(N_("Order currency"), cell_texts(currency)),
            Col(N_("Order unit price"), cell_numbers(lines["order_unit_price"]), "order price",
                currencies=cell_texts(currency))]


def _ranking_columns(ranking: Ranking) -> list[Col]:
    r = ranking.stops
    first = pd.to_numeric(r["first_stockout_days"], errors="coerce")
    return [
        Col(N_("Rank"), cell_numbers(r["rank"]), "number"),
        Col(N_("Stop"), [_("country") if by == "country" else _("supplier") if by else None
                         for by in cell_texts(r["by"])]),
        Col(N_("Who"), cell_texts(r["key"])),
        Col(N_("Name"), cell_texts(r["name"]), width=34, wrap=True),
        Col(N_("Stop for (days)"), cell_numbers(r["days"]), "number"),
        Col(N_("Materials hit"), cell_numbers(r["materials_hit"]), "number"),
        Col(N_("Materials out"), cell_numbers(r["materials_out"]), "number"),
        Col(N_("First stock-out (day)"), cell_numbers(first), "days"),
        Col(N_("Products stopped"), cell_numbers(r["products_stopped"]), "number"),
        Col(N_("Units lost"), cell_numbers(r["units_lost"]), "number"),
        Col(N_("Revenue at risk"), cell_numbers(r["revenue_at_risk"]), "money"),
        Col(N_("Risk exposure index"), cell_numbers(r["risk_exposure_index"]), "share"),
        Col(N_("Share of spend"), cell_numbers(r["spend_share"]), "share"),
    ]


def _stockpile_columns(result: StockpileResult) -> list[Col]:
    """The sizing's materials in its order: the loss each unit of holding cost avoids,
    the recommended days beside the target, JOGMEC's 60 days and today's, the money."""
    m = result.materials
    units = cell_texts(m["unit"])
    return [
        Col(N_("Rank"), list(range(1, len(m) + 1)), "number"),
        Col(N_("Item"), cell_texts(m["item_id"])),
        Col(N_("Name"), cell_texts(m["name"]), width=34, wrap=True),
        Col(N_("Loss avoided per unit of holding added"),
            cell_numbers(m["loss_avoided_per_added_holding_cost"]), "ratio"),
        Col(N_("Recommended (days)"), cell_numbers(m["recommended_days"]), "number"),
        Col(N_("To add (days)"), _days(m["days_to_add"]), "days"),
        Col(N_("Target (days)"), cell_numbers(m["target_days"]), "days"),
        Col(N_("JOGMEC (days)"), cell_numbers(m["jogmec_days"]), "number"),
        Col(N_("Now (days)"), _days(m["current_days"]), "days"),
        Col(N_("Daily use"), cell_numbers(m["daily_use"]), "quantity", units=units),
        Col(N_("Unit value"), cell_numbers(m["unit_value"]), "price"),
        Col(N_("Holding cost a year"), cell_numbers(m["holding_cost_per_year"]), "money"),
        Col(N_("Expected loss a year"), cell_numbers(m["expected_loss_per_year"]), "money"),
        Col(N_("Expected loss a year with no stock"),
            cell_numbers(m["expected_loss_per_year_at_zero"]), "money"),
    ]


def _cover_columns(plan: Plan) -> list[Col]:
    m = plan.materials
    units = cell_texts(m["unit"])
    return [
        Col(N_("Item"), cell_texts(m["item_id"])),
        Col(N_("Name"), cell_texts(m["name"]), width=34, wrap=True),
        Col(N_("Daily use"), cell_numbers(m["daily_use"]), "quantity", units=units),
        Col(N_("On hand"), cell_numbers(m["on_hand"]), "quantity", units=units),
        Col(N_("Safety stock"), cell_numbers(m["safety_stock"]), "quantity", units=units),
        Col(N_("Open orders"), cell_numbers(m["open_orders"]), "quantity", units=units),
        Col(N_("Net need"), cell_numbers(m["net_need"]), "quantity", units=units),
        Col(N_("Planned"), cell_numbers(m["planned"]), "quantity", units=units),
        Col(N_("Short"), cell_numbers(m["shortfall"].where(m["shortfall"] > 0)), "quantity",
            units=units),
        Col(N_("Target (days)"), cell_numbers(m["target_days"]), "days"),
        Col(N_("Cover before (days)"), _days(m["days_of_cover_before"]), "days"),
        Col(N_("Cover after (days)"), _days(m["days_of_cover_after"]), "days"),
        Col(N_("First order by"), cell_dates(m["first_order_by"]), "date"),
        Col(N_("Late"), _flag(m["late"], _late_word())),
        Col(N_("Cost"), cell_numbers(m["cost"].where(m["planned"] > 0)), "money"),
    ]


def _late_word() -> str:
    return pgettext("flag", "late")


def _breach_words(m: pd.DataFrame) -> list[str | None]:
    sup = m["over_supplier_cap_after"].to_numpy(dtype=bool).tolist()
    cty = m["over_country_cap_after"].to_numpy(dtype=bool).tolist()
    both, supplier, country = _("supplier, country"), _("supplier"), _("country")
    return [(both if s and c else supplier if s else country if c
             else None) for s, c in zip(sup, cty, strict=True)]


def _exposure_columns(plan: Plan) -> list[Col]:
    m = plan.materials
    return [
        Col(N_("Item"), cell_texts(m["item_id"])),
        Col(N_("Name"), cell_texts(m["name"]), width=30, wrap=True),
        Col(N_("Top supplier before"), cell_texts(m["top_supplier_before"])),
        Col(N_("Supplier share before"), cell_numbers(m["top_supplier_share_before"]), "share"),
        Col(N_("Top supplier after"), cell_texts(m["top_supplier_after"])),
        Col(N_("Supplier share after"), cell_numbers(m["top_supplier_share_after"]), "share"),
        Col(N_("Supplier HHI before"), cell_numbers(m["supplier_hhi_before"]), "hhi"),
        Col(N_("Supplier HHI after"), cell_numbers(m["supplier_hhi_after"]), "hhi"),
        Col(N_("Top country before"), cell_texts(m["top_country_before"])),
        Col(N_("Country share before"), cell_numbers(m["top_country_share_before"]), "share"),
        *_effective_columns(m),
        Col(N_("Top country after"), cell_texts(m["top_country_after"])),
        Col(N_("Country share after"), cell_numbers(m["top_country_share_after"]), "share"),
        Col(N_("Country HHI before"), cell_numbers(m["country_hhi_before"]), "hhi"),
        Col(N_("Country HHI after"), cell_numbers(m["country_hhi_after"]), "hhi"),
        Col(N_("Over cap after"), _breach_words(m), width=11, wrap=True),
        Col(N_("Reason"), cell_texts(m["reason_text"]), width=56, wrap=True),
    ]


def _effective_columns(m: pd.DataFrame) -> list[Col]:
    """Today's effective origin beside the declared one (unknown origins spread over world
    production, planner.analysis.lookthrough); none for a plan without it."""
    if "effective_top_country" not in m.columns:
        return []
    return [
        Col(N_("Commodity"), [commodity_name(c) or None for c in m["commodity"]]),
        Col(N_("Effective top country"), cell_texts(m["effective_top_country"])),
        Col(N_("Effective country share"), cell_numbers(m["effective_top_share"]), "share"),
    ]


# --- column widths -------------------------------------------------------------------

def _fitted_width(col: Col, styles: Styles) -> float:
    """Wide enough for the header's longest word and the values as shown."""
    if col.width is not None:
        return col.width
    shown = col.shown
    if shown.isascii():
        header = max(len(w) for w in shown.split()) + 3
    else:  # a Japanese header's lines are where its translation breaks them ("\n")
        header = max(fmt.display_width(line) for line in shown.split("\n")) + 3
    width = fmt.display_width
    if col.kind == "text":
        longest = max((width(v) for v in col.values if isinstance(v, str)), default=0) + 2
    elif col.kind == "date":
        longest = 10
    elif col.kind in ("price", "order price"):
        currencies = col.currencies or [None] * len(col.values)
        # the figure only: an order price's currency is in the column beside it
        longest = max((len(fmt.price(v, c or "").rpartition(" ")[2]) for v, c in zip(
            col.values, currencies, strict=True) if isinstance(v, float | int)), default=4)
        if col.kind == "price" and styles.currency:
            longest += 4
    else:
        numbers = [abs(v) for v in [*col.values, *col.also] if isinstance(v, float | int)]
        longest = len(f"{max(numbers, default=0.0):,.0f}") + {"share": 2}.get(col.kind, 0)
        if col.kind == "money" and styles.currency:
            longest += 4
        if col.also:
            longest += 1  # a total is bold
        if col.units is not None:
            longest += 2 + max((width(u) for u in col.units if u), default=0)
        longest = max(longest, max((width(v) for v in col.values if isinstance(v, str)),
                                   default=0))
    return float(min(max(header, longest + 2, 10 if col.numeric else 7), 60))


# --- table sheets --------------------------------------------------------------------

def _page_header(ws: Sheet, plan: Plan, landscape: bool, title_rows: int,
                 table_chars: float | None = None,
                 title_cols: tuple[int, int] | None = None) -> None:
    ws.print_setup(landscape=landscape, title_rows=title_rows,
                   header=(header_literal(plan.company or ""),
                           header_literal(_("Procurement plan: {sheet}")).replace(
                               "{sheet}", "&A"),
                           header_literal(_("as of {date}").format(
                               date=fmt.long_date(plan.as_of)))),
                   footer=page_footer(), table_chars=table_chars, title_cols=title_cols)


def _table(ws: Sheet, columns: list[Col], styles: Styles, counter: _Counter, plan: Plan,
           frozen: int, rules: Rules) -> None:
    """A table sheet: the header row in view and on every printed page, a filter, the
    conditional colours, then the data rows one by one."""
    n = len(columns[0].values)
    widths = [_fitted_width(c, styles) for c in columns]
    ws.widths(widths)
    ws.freeze(1, frozen)
    ws.autofilter(max(n, 1), len(columns) - 1)
    rules(ws, columns, n, plan, styles)
    # the item and its name repeat on each page across when the table prints wider
    headers = [c.header for c in columns]
    title_cols = ((headers.index("Item") if "Item" in headers else headers.index("Name"),
                   headers.index("Name")) if "Name" in headers else None)
    _page_header(ws, plan, True, 1, sum(widths), title_cols)
    header_lines = max(wrapped_lines(c.shown, w - 2) for c, w in
                       zip(columns, widths, strict=True))
    ws.height(0, line_height() * header_lines + 4)
    ws.row(0, [c.shown for c in columns], styles.header_centre)

    plain = [styles.proto(c.kind, c.wrap, pad=not c.wrap) for c in columns]
    words = styles.proto("text", pad=True)  # "no demand" among numbers
    cells = [(j, c.values, plain[j] if c.kind == "text" else words, plain[j],
              _cell_style(c, styles)) for j, c in enumerate(columns)]
    wrapped = [(c.values, widths[j]) for j, c in enumerate(columns) if c.wrap]
    write = ws.write
    for r in range(n):
        at = r + 1
        if wrapped:
            lines = max(wrapped_lines(values[r], w) if values[r] else 1
                        for values, w in wrapped)
            if lines > 1:
                ws.height(at, line_height() * lines + 2)
        for j, values, text_style, number_style, style_of in cells:
            v = values[r]
            if v is None:
                continue
            if v.__class__ is str:
                write(at, j, v, text_style)
            else:
                write(at, j, v, number_style if style_of is None else style_of(v, r))
        if r % PROGRESS_EVERY == PROGRESS_EVERY - 1:
            counter.add(PROGRESS_EVERY)
    counter.add(n % PROGRESS_EVERY)


def _cell_style(col: Col, styles: Styles) -> Callable[[Any, int], Any] | None:
    """The style of row ``r``'s number when it depends on the value: quantities with
    their unit, prices with their currency's decimals; None when the column has one."""
    units, currencies = col.units, col.currencies
    if units is not None:
        return lambda v, r: styles.quantity(v, units[r])
    if col.kind == "price":
        return lambda v, r: styles.price(v, styles.currency, True)
    if col.kind == "order price":
        return lambda v, r: styles.price(v, currencies[r] if currencies else None, False)
    return None


def _line_totals(ws: Sheet, columns: list[Col], plan: Plan, styles: Styles) -> None:
    """Below the order lines, after an empty row (outside the filter): the total cost,
    and how many lines there are and how many are late."""
    headers = [c.header for c in columns]
    at = len(plan.lines) + 2
    late = plan.late_lines
    ws.write(at, 0, _("Total"), styles.strong)
    ws.write(at, headers.index("Name"),
             ngettext("{count} order line, {late} of them late",
                      "{count} order lines, {late} of them late", len(plan.lines)).format(
                          count=fmt.count(len(plan.lines)), late=fmt.count(late)),
             styles.strong)
    ws.write(at, headers.index("Cost"), plan.total_cost,
             styles.proto("money", bold=True, pad=True))


def _letter(columns: list[Col], header: str) -> str:
    return column_letter([c.header for c in columns].index(header))


def _late_rules(ws: Sheet, columns: list[Col], n: int, plan: Plan, styles: Styles) -> None:
    """Late orders: their order-by date, action and days late in red; a warning that
    stock runs out before the order arrives in red too."""
    if n:
        late = _letter(columns, "Days late")
        ws.conditional(f"A2:{late}{n + 1}", f"AND(ISNUMBER(${late}2),${late}2>0)",
                       styles.red)
        warning = _letter(columns, "Warning")
        ws.conditional(f"{warning}2:{warning}{n + 1}", f"LEN({warning}2)>0", styles.red)


def _cover_rules(ws: Sheet, columns: list[Col], n: int, plan: Plan, styles: Styles) -> None:
    """Shortfalls red; cover after the plan still below target amber; late red."""
    if not n:
        return
    short = _letter(columns, "Short")
    after = _letter(columns, "Cover after (days)")
    target = _letter(columns, "Target (days)")
    late = _letter(columns, "Late")
    first = _letter(columns, "First order by")
    ws.conditional(f"{short}2:{short}{n + 1}", f"AND(ISNUMBER({short}2),{short}2>0)",
                   styles.red)
    ws.conditional(f"{after}2:{after}{n + 1}", f"AND(ISNUMBER({after}2),{after}2<{target}2)",
                   styles.amber)
    word = _late_word().replace('"', '""')
    ws.conditional(f"{first}2:{late}{n + 1}", f'${late}2="{word}"', styles.red)


def _exposure_rules(ws: Sheet, columns: list[Col], n: int, plan: Plan,
                    styles: Styles) -> None:
    """Shares over their cap, and the materials still over a cap, in red."""
    if not n:
        return
    p = plan.parameters
    for header, cap in (("Supplier share before", p.max_supplier_share),
                        ("Supplier share after", p.max_supplier_share),
                        ("Country share before", p.max_country_share),
                        ("Country share after", p.max_country_share),
                        ("Effective country share", p.max_country_share)):
        if not any(col.header == header for col in columns):
            continue
        c = _letter(columns, header)
        ws.conditional(f"{c}2:{c}{n + 1}", f"AND(ISNUMBER({c}2),{c}2>{cap + 1e-6:.8f})",
                       styles.red)
    over = _letter(columns, "Over cap after")
    ws.conditional(f"{over}2:{over}{n + 1}", f"LEN({over}2)>0", styles.red)


def _ranking_rules(ws: Sheet, columns: list[Col], n: int, plan: Plan,
                   styles: Styles) -> None:
    """Stops that would cost at least half of the worst one, in red."""
    if n:
        index = _letter(columns, "Risk exposure index")
        ws.conditional(f"A2:{index}{n + 1}", f"${index}2>=0.5", styles.red)


def _stockpile_rules(ws: Sheet, columns: list[Col], n: int, plan: Plan,
                     styles: Styles) -> None:
    """Today's days below the recommended ones in amber."""
    if n:
        now, recommended = _letter(columns, "Now (days)"), _letter(columns, "Recommended (days)")
        ws.conditional(f"{now}2:{now}{n + 1}",
                       f"AND(ISNUMBER({now}2),{now}2<{recommended}2)", styles.amber)


# --- frontier ------------------------------------------------------------------------

G7_MARKS = ((0.60, N_("G7 2030 goal")), (0.50, N_("G7 ambition")))
FRONTIER_COLOUR, MARK_COLOUR = "2F6F8F", "C00000"


def _frontier(ws: Sheet, table: pd.DataFrame, styles: Styles, counter: _Counter,
              plan: Plan) -> None:
    """The frontier's table; below it the G7 marks' points; beside it a chart of the
    total cost against the largest origin country's share of purchase value, with a
    vertical line at each G7 mark."""
    columns = [
        Col(N_("Country cap"), cell_numbers(table["max_country_share"]), "share"),
        Col(N_("Total cost"), cell_numbers(table["total_cost"]), "money"),
        Col(N_("Largest origin country"), cell_texts(table["top_country"])),
        Col(N_("Its share of purchase value"), cell_numbers(table["top_country_share"]), "share"),
        Col(N_("Materials over a cap"), cell_numbers(table["materials_over_cap"]), "number"),
    ]
    _table(ws, columns, styles, counter, plan, 1, lambda *_: None)
    n = len(table)
    costs = table["total_cost"].to_numpy(dtype=float)
    costs = costs[np.isfinite(costs)]
    if not n or not len(costs):
        return
    low, high = float(costs.min()) * 0.995, float(costs.max()) * 1.005
    at = n + 2
    # the marks' end points, in columns as wide as the table's: share, cost, then words
    ws.row(at, [_("Share"), _("Total cost"), _("Mark")], styles.header_centre)
    # padded as the table above, so a cost is not glued to the mark's words
    share, money = styles.proto("share", pad=True), styles.proto("money", pad=True)
    words = styles.proto("text", pad=True)
    marks = []
    for value, label in G7_MARKS:
        for cost in (low, high):
            at += 1
            ws.row(at, [value, cost, _(label)], [share, money, words])
        marks.append((label, at - 1, at))
    chart = ws.book.workbook.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    chart.add_series({
        "name": _("Plan at each cap"),
        "categories": [ws.name, 1, 3, n, 3], "values": [ws.name, 1, 1, n, 1],
        "line": {"color": f"#{FRONTIER_COLOUR}"},
        "marker": {"type": "circle", "fill": {"color": f"#{FRONTIER_COLOUR}"},
                   "border": {"color": f"#{FRONTIER_COLOUR}"}},
    })
    for label, first, last in marks:
        chart.add_series({
            "name": _(label),
            "categories": [ws.name, first, 0, last, 0],
            "values": [ws.name, first, 1, last, 1],
            "line": {"color": f"#{MARK_COLOUR}",
                     "dash_type": "dash" if label == G7_MARKS[1][1] else "solid"},
            "marker": {"type": "none"},
        })
    chart.set_x_axis({"name": _("Largest origin country's share of purchase value"),
                      "num_format": "0%", "major_gridlines": {"visible": False}})
    chart.set_y_axis({"name": _("Total cost ({currency})").format(currency=plan.currency)
                      if plan.currency else _("Total cost"), "num_format": "#,##0"})
    chart.set_title({"name": _("The cost of reducing dependence")})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 360})
    ws.insert_chart(0, len(columns) + 1, chart)


# --- summary -------------------------------------------------------------------------

SUMMARY_WIDTHS = [16, 36, 12, 12, 9, 16, 12]  # columns A to G


def _summary(ws: Sheet, plan: Plan, styles: Styles) -> None:
    """A printable first page for management (figures, the country mix and its chart),
    then the materials still over a cap and the totals by supplier."""
    ws.widths(SUMMARY_WIDTHS)
    _page_header(ws, plan, False, 0)
    p = plan.parameters
    m = plan.materials
    proto = styles.proto
    text = proto("text")
    rows = 0  # rows written so far; the next one is row ``rows`` (0-based)

    def put(*cells: tuple[Any, Any] | None, height: float | None = None) -> int:
        """The next row: (value, style) per column from A, None for an empty cell;
        returns its 0-based index."""
        nonlocal rows
        at = rows
        if height:
            ws.height(at, height)
        for j, cell in enumerate(cells):
            if cell is not None:
                ws.write(at, j, cell[0], cell[1] if cell[1] is not None else text)
        rows += 1
        return at

    def header(names: list[str], numeric_from: int) -> None:
        put(*[(h, styles.header_right if i >= numeric_from else styles.header)
              for i, h in enumerate(names)], height=2 * line_height() + 4)

    title = (_("Procurement plan — {company}").format(company=plan.company) if plan.company
             else _("Procurement plan"))
    put((title, styles.title), height=22)
    put((_("As of {date}: what to buy, from whom and by when to reach the stockpile target "
           "within the concentration caps.").format(date=fmt.long_date(plan.as_of)),
         styles.note))
    put()
    figures = [
        (N_("Horizon"), p.horizon_days, "days"),
        (N_("Stockpile target (unless an item has its own)"), p.target_days, "days"),
        (N_("Max share of one supplier"), p.max_supplier_share, "share"),
        (N_("Max share of one origin country"), p.max_country_share, "share"),
        (None, None, None),
        (N_("Materials to order"), int((m["planned"] > 0).sum()), "number"),
        (N_("Order lines"), len(plan.lines), "number"),
        (N_("Order lines already late (order-by date passed)"), plan.late_lines, "number"),
        (N_("Total cost"), plan.total_cost, "money"),
        (N_("Materials still over a cap after the plan"), len(plan.breaches), "number"),
        (N_("Materials the sources cannot fully cover"), int((m["shortfall"] > 0).sum()),
         "number"),
    ]
    formats = {"days": number_format("days", label=_("days")),
               "share": number_format("share", decimals=0)}
    for name, value, kind in figures:
        if name is None:
            put()
            continue
        strong = kind == "money" or (kind == "number" and "late" in name and bool(value))
        put((_(name), None), None, None, None, None,
            (value, proto(kind, fmt=formats.get(kind), bold=strong)))
    put()

    # country mix before and after, the chart beside it
    put((_("Country mix by value, before and after the plan"), styles.subtitle), height=20)
    header([_("Origin"), _("Country"), _("Before"), _("After"), _("Lines"), _("Plan cost"),
            _("Plan share")], 2)
    first = rows
    for r in plan.countries.itertuples(index=False):
        code = str(r.origin_country)
        put((code, None), (country_name(code), None),
            (float(r.dependence_before), proto("share")),
            (float(r.dependence_after), proto("share")),
            (int(r.lines), proto("number")),
            (float(r.cost), proto("money")),
            (float(r.cost_share), proto("share")))
    last = rows - 1
    put((_("Before: shares of purchases by value with today's supply mix (country "
           "dependence); after: with each planned material's new mix."), styles.note))
    if last >= first:
        for _row in range(_chart(ws, first, last)):
            put()
    put()

    # page 2 for the details: the materials still over a cap, then the suppliers
    ws.page_break(rows)
    put((_("Materials still over a cap after the plan"), styles.subtitle), height=20)
    breaches = plan.breaches
    if not len(breaches):
        put((_("None: every material's mix is within the caps."), styles.note))
    else:
        header([_("Item"), _("Why"), "", "", "", _("Supplier share"), _("Country share")], 5)
        wrap = proto("text", wrap=True)
        width = sum(SUMMARY_WIDTHS[1:5])  # B to E
        for r in breaches.itertuples(index=False):
            reason = r.reason_text
            why = (_("{name}: {reason}").format(name=r.name, reason=reason)
                   if isinstance(reason, str) and reason else str(r.name))
            at = put((str(r.item_id), wrap), None, None, None, None,
                     (_float(r.top_supplier_share_after), proto("share")),
                     (_float(r.top_country_share_after), proto("share")),
                     height=line_height() * wrapped_lines(why, width) + 3)
            ws.merge(at, 1, at, 4, why, wrap)
    put()

    put((_("Totals by supplier"), styles.subtitle), height=20)
    header([_("Supplier"), _("Name"), _("Country"), _("Materials"), _("Lines"), _("Cost"),
            _("Plan share")], 3)
    for r in plan.suppliers.itertuples(index=False):
        put((str(r.supplier_id), None), ("" if pd.isna(r.name) else str(r.name), None),
            ("" if pd.isna(r.country) else str(r.country), None),
            (int(r.materials), proto("number")),
            (int(r.lines), proto("number")),
            (_float(r.cost), proto("money")),
            (_float(r.cost_share), proto("share")))
    put((_("Total"), styles.strong), None, None,
        (int(plan.lines["item_id"].nunique()), proto("number")),
        (len(plan.lines), proto("number")),
        (plan.total_cost, proto("money", bold=True)))


def _chart(ws: Sheet, first: int, last: int) -> int:
    """A clustered bar chart of the before/after columns (C, D) of rows ``first`` to
    ``last`` (0-based), below them and their note; returns the rows it covers. The bars
    are labelled with the table's own format (one decimal: a small country is 0.4%, not
    0%), the axis in whole percent."""
    countries = last - first + 1
    height = min(max(6.0, 0.9 * countries + 2.0), 16.0)  # cm
    ws.bar_chart(last + 3, 0, categories=(first, 1, last),
                 series=[Series(first - 1, 2, BEFORE_COLOUR),
                         Series(first - 1, 3, AFTER_COLOUR)],
                 width_cm=17.5, height_cm=height, label_format=number_format("share"))
    return int(height / 0.53) + 2  # rows of ~15 pt (0.53 cm)


def _float(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


__all__ = ["ExportCancelled", "write_plan_workbook"]
