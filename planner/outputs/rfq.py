"""Requests for quotation: one workbook per supplier of a plan, listing what to ask of
that supplier (item, name, quantity, unit, needed by, our reference) with blank columns
for the supplier's price, currency, lead time and earliest delivery.

Written through planner.core.xlsx with the plan workbook's styles
(planner.outputs.workbook_styles): every text is a text cell, never a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path

import pandas as pd

from planner.analysis.plan import Plan
from planner.core import formatting as fmt
from planner.core.i18n import N_, _, pgettext
from planner.core.xlsx import Book, header_literal, write_xlsx
from planner.outputs.plan_workbook import ExportCancelled, Progress
from planner.outputs.workbook_styles import (
    Styles,
    cell_dates,
    cell_numbers,
    cell_texts,
    line_height,
    page_footer,
)

RFQ_SHEET = "Request for quotation"  # in English; rfq_sheet_name() gives it as shown
RFQ_HEADER = (N_("Line"), N_("Our reference"), N_("Item"), N_("Name"), N_("Quantity"),
              N_("Unit"), N_("Needed by"))
RFQ_FILLED = (N_("Your unit price"), N_("Currency"), N_("Lead time (days)"),
              N_("Earliest delivery"), N_("Remarks"))  # the supplier's columns, left blank
RFQ_WIDTHS = [6, 24, 14, 34, 12, 8, 12, 14, 10, 11, 13, 30]


def rfq_sheet_name() -> str:
    """The request's sheet name in the language chosen (見積依頼 in Japanese)."""
    return pgettext("sheet", "Request for quotation")


def rfq_reference(date: dt.date, supplier_id: str, line: int) -> str:
    """Our reference of an order line in a request: RFQ-20261102-S1-001."""
    return f"RFQ-{date:%Y%m%d}-{supplier_id}-{line:03d}"


def write_rfq_workbooks(plan: Plan, folder: Path | str, date: dt.date | None = None,
                        progress: Progress | None = None) -> list[Path]:
    """Write one request for quotation per supplier of ``plan`` into ``folder`` (made if
    need be) and return the files written, by supplier.

    Each workbook names the buyer's company, the supplier and the ``date`` (default:
    today), and lists what to ask of that supplier: item, name, quantity, unit, needed
    by and our reference, with blank columns for the supplier's price, currency, lead
    time and earliest delivery. Each file is written atomically; ``progress(done,
    total)`` is called after each, and returning False stops with ExportCancelled (the
    files already written stay)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    date = date or dt.date.today()
    lines = plan.lines
    suppliers = list(dict.fromkeys(lines["supplier_id"].astype(str).tolist()))
    written: list[Path] = []
    taken: set[str] = set()
    for done, supplier in enumerate(suppliers, start=1):
        rows = lines[lines["supplier_id"].astype(str) == supplier]
        name = cell_texts(rows["supplier_name"])[0]
        path = folder / _rfq_file_name(supplier, name, taken)
        write_xlsx(path, partial(_rfq, plan=plan, rows=rows, supplier=supplier, name=name,
                                 date=date))
        written.append(path)
        if progress is not None and progress(done, len(suppliers)) is False:
            raise ExportCancelled("the export was cancelled")
    return written


def _rfq_file_name(supplier: str, name: str | None, taken: set[str]) -> str:
    """A file name for the supplier's request that no other request takes: "RFQ S1
    Baotou Rare Earth.xlsx", with characters a file name cannot hold replaced."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", f"RFQ {supplier} {name or ''}").strip(" .")
    stem = stem[:80].rstrip(" .") or "RFQ"
    candidate, k = stem, 1
    while candidate.lower() in taken:
        k += 1
        candidate = f"{stem} ({k})"
    taken.add(candidate.lower())
    return candidate + ".xlsx"


def _rfq(book: Book, plan: Plan, rows: pd.DataFrame, supplier: str, name: str | None,
         date: dt.date) -> None:
    """The request for quotation sent to one supplier: who asks whom, when, and the
    lines to quote, printable on one page wide."""
    ws = book.sheet(rfq_sheet_name())
    styles = Styles(book, plan.currency)
    ws.widths(RFQ_WIDTHS)
    title = _("Request for quotation")
    ws.print_setup(landscape=True, title_rows=8,
                   header=(header_literal(plan.company or ""), header_literal(title),
                           header_literal(fmt.long_date(date))),
                   footer=page_footer())
    text, strong = styles.proto("text"), styles.strong
    ws.height(0, 22)
    ws.write(0, 0, title, styles.title)
    ws.write(1, 0, _("From"), strong)
    ws.write(1, 1, plan.company or "", text)
    ws.write(2, 0, _("To"), strong)
    ws.write(2, 1, _("{name} ({supplier})").format(name=name, supplier=supplier) if name
             else supplier, text)
    ws.write(3, 0, _("Date"), strong)
    ws.write(3, 1, date, styles.proto("date"))
    ws.write(4, 0, _("Lines"), strong)
    ws.write(4, 1, len(rows), styles.proto("number"))
    ws.write(5, 0, _("Please quote your unit price, currency, lead time and earliest "
                     "delivery date for each line below, and return this workbook with our "
                     "references."), styles.note)
    header = [_(h) for h in (*RFQ_HEADER, *RFQ_FILLED)]
    ws.height(7, 2 * line_height() + 4)
    ws.row(7, header, styles.header_centre)
    ws.freeze(8, 0)
    units = cell_texts(rows["unit"])
    items, names = cell_texts(rows["item_id"]), cell_texts(rows["name"])
    quantities = cell_numbers(rows["quantity"])
    needed = cell_dates(rows["needed_by"])
    wrap = styles.proto("text", wrap=True)
    for k in range(len(rows)):
        at = 8 + k
        ws.write(at, 0, k + 1, styles.proto("number"))
        ws.write(at, 1, rfq_reference(date, supplier, k + 1), text)
        if items[k] is not None:
            ws.write(at, 2, items[k], text)
        if names[k] is not None:
            ws.write(at, 3, names[k], wrap)
        if quantities[k] is not None:
            ws.write(at, 4, quantities[k], styles.quantity(quantities[k], None))
        if units[k] is not None:
            ws.write(at, 5, units[k], text)
        if needed[k] is not None:
            ws.write(at, 6, needed[k], styles.proto("date"))


__all__ = ["rfq_reference", "write_rfq_workbooks"]
