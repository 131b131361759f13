"""A blank template workbook to fill in: instructions, example rows, drop-down lists, notes.

``planner template -o FILE.xlsx`` and the window's "New template workbook…" write it. It has
every sheet of the template (planner.inputs.schema.SHEETS) with its header row, and:

- an Instructions sheet first, saying in plain words what each sheet is for;
- example rows in grey italics. Together they form a tiny valid project (a product made of
  one material, bought from one supplier, with an alternate material bought from another),
  so the untouched workbook checks as valid; the user overwrites or deletes them;
- drop-down lists (data validation) for kind, per, yes/no, country codes (ISO 3166 alpha-2) and
  currency codes (ISO 4217), the codes on a hidden Lists sheet;
- a note on each header cell: whether the column is required, and what it holds.

The Instructions and Lists sheets are read as the template's own and ignored without a
warning (planner.inputs.validation.AID_SHEETS).

In Japanese (planner.core.i18n) the template speaks Japanese: sheet names, headers and
setting keys are the schema's first Japanese names (which the reader takes as the English
ones), the instructions and notes are translated, kind and per offer 製品/部品/材料 and
日/週/月/年, and every cell is in the Japanese font (planner.core.xlsx).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.core.formatting import display_width
from planner.core.i18n import N_, _, pgettext
from planner.core.i18n import japanese as in_japanese
from planner.core.xlsx import Book, Sheet, number_format, write_xlsx
from planner.inputs.choices import choice_names
from planner.inputs.schema import SETTINGS, SHEETS, Column, aid_sheet_heading
from planner.inputs.validation import INSTRUCTIONS_SHEET, LISTS_SHEET

EXAMPLE_COLOUR = "#7F7F7F"
LAST_ROW = 1_048_575  # Excel's last row (0-based): a drop-down covers the whole column

PURPOSE: dict[str, str] = {
    "Items": N_("Every product, component and material, one row each: its id, name, kind, "
                "unit and price."),
    "BOM": N_("What goes into what: one row per parent and child item, with how many units "
              "of the child one unit of the parent uses."),
    "Demand": N_("How much of each item you sell or use, per day, week, month or year."),
    "Forecast": N_("Optional. The quantity of an item expected in each calendar month, when "
                   "demand is not flat."),
    "Stock": N_("What is on hand today for each item, with an optional safety stock, target "
                "days of cover or service level."),
    "Suppliers": N_("Every supplier, one row each: its id, name and country."),
    "Sources": N_("Which supplier supplies which item: the share of the item bought from it, "
                  "its price, lead time, capacity and minimum order."),
    "Orders": N_("Open purchase orders not yet received: item, supplier, quantity and due "
                 "date."),
    "Alternates": N_("Optional. Items that can replace a component or material when its "
                     "supply stops: units of the alternate per unit of the item, days "
                     "before it can be used, and the most of the item's requirement it may "
                     "take. The alternate needs its own BOM or Sources rows."),
    "Rates": N_("Optional. Exchange rates, when some prices are in another currency than the "
                "project's."),
    "Settings": N_("The project's settings, one per row. A blank value takes the default."),
}

SETTING_NOTES: dict[str, str] = {
    "as_of_date": N_("The date the stock on the Stock sheet was counted. Blank: today."),
    "horizon_days": N_("How many days ahead the plan looks. Blank: 90."),
    "target_days": N_("The days of cover every material should have. Blank: 60."),
    "max_supplier_share": N_("The largest share of a material any one supplier should have, "
                             "e.g. 60%. Blank: 60%."),
    "max_country_share": N_("The largest share of a material any one country should have, "
                            "e.g. 60%. Blank: 60%."),
    "currency": N_("The currency of the project's prices (ISO 4217, e.g. EUR). Blank: USD."),
    "company": N_("Your company's name, printed on the summary. Blank: none."),
    "content_country": N_("The country whose content in products is screened (ISO 3166 "
                          "alpha-2). Blank: CN."),
    "content_threshold": N_("A product whose material value from that country is above "
                            "this share is flagged, e.g. 0.1%. Blank: 0.1%."),
    "holding_cost_pct": N_("What holding stock costs a year, as a share of its value "
                           "(capital, storage, insurance), e.g. 15%. Blank: 15%."),
    "likelihood_supplier_stop": N_("The chance a year that any one supplier stops for its "
                                   "time to recover (an assumption: set your own), e.g. 5%, "
                                   "once in 20 years. Blank: 5%."),
    "likelihood_country_stop": N_("The chance a year that all deliveries from any one origin "
                                  "country stop (an assumption: set your own), e.g. 2%, "
                                  "once in 50 years. Blank: 2%."),
}

RULES = {"nonneg": N_("A number, 0 or more."), "positive": N_("A number greater than 0.")}
TYPES = {"id": N_("An id, as used on the other sheets."), "date": N_("A date."),
         "month": N_("A month."), "share": N_("A share, e.g. 0.55 or 55%.")}


def _examples(today: dt.date) -> dict[str, list[list[object]]]:
    """The example rows of each sheet, in the order of its columns: one valid project.
    Written by column name, so that a column the template gains stays blank here."""
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    product, _component, material = choice_names("kind")
    example = _("Example")
    rows: dict[str, list[dict[str, object]]] = {
        "Items": [dict(item_id="P-EXAMPLE", name=_("Example product"), kind=product,
                       unit=pgettext("unit", "pcs"), unit_price=250, category=example),
                  dict(item_id="M-EXAMPLE", name=_("Example material"), kind=material,
                       unit="kg", category=example),
                  # what the alternate is for: another grade from another country, such as
                  # a magnet alloy without dysprosium
                  dict(item_id="M-EXAMPLE-ALT", name=_("Example alternate material"),
                       kind=material, unit="kg", category=example)],
        "BOM": [dict(parent_id="P-EXAMPLE", child_id="M-EXAMPLE", qty_per=2, scrap_pct=3)],
        "Demand": [dict(item_id="P-EXAMPLE", quantity=100, per=choice_names("per")[1],
                        cv=0.3)],
        "Forecast": [dict(item_id="P-EXAMPLE", month=next_month, quantity=450)],
        "Stock": [dict(item_id="M-EXAMPLE", on_hand=1500, safety_stock=200, target_days=60)],
        "Suppliers": [dict(supplier_id="S-EXAMPLE", name=_("Example supplier"), country="CN"),
                      dict(supplier_id="S-EXAMPLE-2", name=_("Example second supplier"),
                           country="JP")],
        "Sources": [dict(item_id="M-EXAMPLE", supplier_id="S-EXAMPLE", share=1, unit_price=85,
                         lead_time_days=45, capacity_per_month=5000, moq=500,
                         time_to_recover_days=120, currency="CNY", lead_time_sd_days=7),
                    dict(item_id="M-EXAMPLE-ALT", supplier_id="S-EXAMPLE-2", share=1,
                         unit_price=14, lead_time_days=30)],
        "Orders": [dict(item_id="M-EXAMPLE", supplier_id="S-EXAMPLE", quantity=1000,
                        due_date=today + dt.timedelta(days=30))],
        "Alternates": [dict(item_id="M-EXAMPLE", alternate_id="M-EXAMPLE-ALT", ratio=1.1,
                            qualification_days=30, max_share=0.5)],
        "Rates": [dict(currency="CNY", rate=0.14)],
    }
    return {spec.name: [[row.get(c.name) for c in spec.columns] for row in rows[spec.name]]
            for spec in SHEETS if spec.name in rows}


def header_note(column: Column) -> str:
    """The note on a column's header cell: required or not, and what it holds (sentences
    in the language chosen; in Japanese, the column's English name too, as messages and
    CSV files name it)."""
    japanese = in_japanese()
    parts = [_("Required.") if column.required else _("Optional.")]
    if column.note:
        note = column.description
        parts.append(note + "。" if japanese else note[0].upper() + note[1:] + ".")
    kind = RULES.get(column.rule) if column.type == "number" else TYPES.get(column.type)
    if kind:
        parts.append(_(kind))
    if japanese:
        parts.append(_("English name: {name}").format(name=column.name))
    return ("" if japanese else " ").join(parts)


def write_blank_template(path: Path, today: dt.date | None = None) -> None:
    """Write the blank template workbook to ``path`` (one atomic write)."""
    write_xlsx(path, lambda book: _fill(book, today or dt.date.today()))


def _fill(book: Book, today: dt.date) -> None:
    _instructions(book.sheet(aid_sheet_heading(INSTRUCTIONS_SHEET)), book)
    lists = _lists(book)
    header = book.header_style(table=False)
    example = {kind: book.style(italic=True, font_color=EXAMPLE_COLOUR,
                                **({"num_format": number_format(kind)}
                                   if kind in ("share", "date", "month") else {}))
               for kind in ("plain", "share", "date", "month")}
    examples = _examples(today)
    for spec in SHEETS:
        ws = book.sheet(spec.heading)
        ws.freeze(1, 0)
        ws.print_setup(landscape=len(spec.columns) > 5, title_rows=1)
        rows = examples.get(spec.name, [])
        ws.widths([max(22, *(display_width(s.heading) + 3 for s in SETTINGS)), 18]
                  if spec.name == "Settings" else
                  [max(12, display_width(c.heading) + 4,
                       *(display_width(str(r[j])) + 3 for r in rows))
                   for j, c in enumerate(spec.columns)])
        ws.row(0, [c.heading for c in spec.columns], header)
        for j, column in enumerate(spec.columns):
            ws.comment(0, j, header_note(column))
            source = lists.get(column.type)
            if source is not None:
                ws.choices(1, j, LAST_ROW, source,
                           strict=column.type in ("kind", "per", "supplier_kind", "yesno"))
        if spec.name == "Settings":
            for r, setting in enumerate(SETTINGS, start=1):  # the stock is counted today
                ws.row(r, [setting.heading, today if setting.key == "as_of_date" else None],
                       [None, example["date"]])
                ws.comment(r, 0, _(SETTING_NOTES[setting.key]))
            continue
        styles = [example.get(c.type, example["plain"]) for c in spec.columns]
        for r, values in enumerate(examples[spec.name], start=1):
            ws.row(r, values, styles)


def _instructions(ws: Sheet, book: Book) -> None:
    title = book.style(bold=True, font_size=14)
    bold = book.style(bold=True, valign="top")
    wrap = book.style(text_wrap=True, valign="top")
    grey = book.style(text_wrap=True, valign="top", italic=True, font_color=EXAMPLE_COLOUR)
    ws.widths([16, 90])
    ws.print_setup(landscape=False)
    ws.write(0, 0, _("Stockpile Planner template"), title)
    ws.height(1, 32)
    ws.merge(1, 0, 1, 1, _("Fill in one sheet per kind of data, then open this workbook in "
                           "Stockpile Planner (File, Import) or check it with: planner check "
                           "FILE.xlsx"), wrap)
    ws.write(3, 0, _("Sheet"), bold)
    ws.write(3, 1, _("What it is for"), bold)
    row = 4
    for spec in SHEETS:
        _wrapped(ws, row, spec.heading, _(PURPOSE[spec.name]), bold, wrap)
        row += 1
    notes = [
        (_("Example rows"), _("Rows in grey italics are examples. Together they form a tiny "
                              "valid project, so this workbook checks as valid as it is. "
                              "Overwrite them with your own data, or delete them."), grey),
        (_("Headers"), _("Keep the header row of each sheet as it is. Rest the pointer on a "
                         "header to read what the column holds and whether it is required."),
         wrap),
        (_("Lists"), _("Kind, per, country and currency cells offer a drop-down list of the "
                       "values they accept."), wrap),
        (_("Settings"), _("Each setting has a note on its name. A blank value takes the "
                          "default."), wrap),
        (_("This sheet"), _("The {instructions} sheet and the hidden {lists} sheet are "
                            "ignored when the workbook is read.").format(
                                instructions=aid_sheet_heading(INSTRUCTIONS_SHEET),
                                lists=aid_sheet_heading(LISTS_SHEET)), wrap),
    ]
    row += 1
    for name, text, style in notes:
        _wrapped(ws, row, name, text, bold, style)
        row += 1


def _wrapped(ws: Sheet, row: int, name: str, text: str, name_style: object,
             style: object) -> None:
    """A row of the instructions: a name, and a text wrapped in a row tall enough for it
    (set by hand: spreadsheet programs do not always fit a row to wrapped text)."""
    ws.height(row, 15 * (1 + (display_width(text) - 1) // 100))
    ws.write(row, 0, name, name_style)
    ws.write(row, 1, text, style)


def _lists(book: Book) -> dict[str, str | list[str]]:
    """The hidden sheet of codes; the drop-down source of each column type."""
    import pycountry

    name = aid_sheet_heading(LISTS_SHEET)
    ws = book.sheet(name)
    countries = sorted((c.alpha_2, c.name) for c in pycountry.countries)
    currencies = sorted((c.alpha_3, c.name) for c in pycountry.currencies)
    ws.row(0, [_("country"), _("country name"), _("currency"), _("currency name")])
    for r in range(max(len(countries), len(currencies))):
        values: list[object] = [*(countries[r] if r < len(countries) else (None, None)),
                                *(currencies[r] if r < len(currencies) else (None, None))]
        ws.row(r + 1, values)
    ws.hide()
    ref = name if name.isascii() and name.isalnum() else f"'{name}'"  # 'リスト'!$A$2
    return {"kind": choice_names("kind"), "per": choice_names("per"),
            "supplier_kind": choice_names("supplier_kind"), "yesno": choice_names("yesno"),
            "country": f"={ref}!$A$2:$A${len(countries) + 1}",
            "origin": f"={ref}!$A$2:$A${len(countries) + 1}",  # or unknown: not strict
            "currency": f"={ref}!$C$2:$C${len(currencies) + 1}"}


__all__ = ["header_note", "write_blank_template"]
