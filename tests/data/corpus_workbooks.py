"""The corpus's workbook cases: the broken ones (each next to what `planner check` prints)
and the awkward ones that must load. Assembled in make_bad_corpus.py."""

from __future__ import annotations

import copy
import datetime as dt

from corpus_helpers import (
    CHART_SHEET,
    COUNTRY,
    DEFINED_NAMES,
    FORMULA,
    FRACTION,
    MISSING,
    NAMES_USED,
    NAMES_USED_TOO,
    Case,
    bad_crc,
    base,
    bomb,
    book,
    cells,
    changed,
    chart_sheet_parts,
    csv_folder,
    csv_text,
    date_1904,
    error_cell,
    formula_results,
    hide,
    in_sheet,
    laughs,
    long_text_in_many_cells,
    many,
    merged_title,
    padded_bomb,
    patches,
    percent_format,
    prefixed,
    protected,
    raw,
    rename_sheet,
    set_cell,
    strict,
    title_rows,
    truncated,
    with_members,
    zip_archive,
)

LONG_SHEET_NAME = "Stock count by warehouse, exported from the ERP on 2 November 2026"


def bad_workbooks() -> list[Case]:
    """Broken workbooks: sheets and headers, a wrong type in every kind of column,
    settings, rules across rows and sheets, formulas, and files that are not what they
    claim or are hostile."""
    return [
        # --- sheets and headers ---
        Case("missing_sheet.xlsx", "no Sources sheet",
             book(changed(lambda s: s.pop("Sources"))),
             [f"Sources: missing sheet Sources {MISSING}"]),
        Case("empty_sheet.xlsx", "a Stock sheet without a single cell",
             book(changed(lambda s: s.update(Stock=[]))),
             ["Stock!A1: the sheet is empty; it needs a header row with item_id, on_hand"]),
        Case("only_an_empty_sheet.xlsx", "a new workbook saved as it is",
             book({"Sheet1": []}),
             ['warning: Sheet1: unknown sheet ignored',
              f"Items: missing sheet Items {MISSING}",
              f"Demand: missing sheet Demand {MISSING}",
              f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("missing_column.xlsx", "BOM without its qty_per column",
             book(changed(lambda s: [r.pop(2) for r in s["BOM"]])),
             ["BOM!A1: missing required column qty_per"]),
        Case("duplicate_column.xlsx", "Items with two name columns",
             book(changed(lambda s: [r.append(r[1]) for r in s["Items"]])),
             ["Items!G1: column name appears twice (also in column B)"]),
        Case("duplicate_sheet.xlsx", "sheets Stock and STOCK",
             book(changed(lambda s: s.update(STOCK=copy.deepcopy(s["Stock"]))),
                  patch=rename_sheet(b"STOCK1", b"STOCK")),
             ['STOCK: sheets "Stock" and "STOCK" are the same sheet (names are read '
              "regardless of case and spaces); keep one"]),
        Case("merged_header.xlsx", "BOM's qty_per header merged over scrap_pct",
             book(base(), {"BOM": ["C1:D1"]}),
             ["BOM!D1: the header cell is merged with C1, so column D has values but no name;"
              " unmerge the header cells and name each column"]),
        Case("merged_required_header.xlsx", "Items' item_id header merged over name",
             book(changed(set_cell("Items", 1, 1, None)), {"Items": ["A1:B1"]}),
             ["Items!B1: the header cell is merged with A1, so column B has values but no "
              "name; unmerge the header cells and name each column",
              "Items!A1: missing required column name"]),
        Case("header_too_low.xlsx", "Stock's header on row 12 under a title and blank rows",
             book(changed(lambda s: s["Stock"].__setitem__(
                 slice(0, 0), [["Stock count, warehouse 3"]] + [[]] * 10))),
             ["Stock!A1: the header row (row 12) must be within the first 10 rows; delete the "
              "rows above it"]),
        Case("no_header.xlsx", "Demand's data without a header row",
             book(changed(lambda s: s["Demand"].pop(0))),
             ['warning: Demand!A1: unknown column "P1" ignored',
              'warning: Demand!B1: unknown column "700" ignored',
              'warning: Demand!C1: unknown column "week" ignored',
              "Demand!A1: missing required column item_id",
              "Demand!A1: missing required column quantity",
              "Demand!A1: missing required column per"]),
        Case("items_and_lowercase_items.xlsx", "sheets Items and items, written by a "
             "program (Excel refuses names that differ only in case)",
             book(changed(lambda s: s.update(items=copy.deepcopy(s["Items"]))),
                  patch=rename_sheet(b"items1", b"items")),
             ['items: sheets "Items" and "items" are the same sheet (names are read '
              "regardless of case and spaces); keep one"]),
        Case("items_header_only.xlsx", "an Items sheet with its header and no rows: every "
             "item used elsewhere is unknown",
             book(changed(lambda s: s.update(Items=s["Items"][:1]))),
             ['Demand!A2: unknown item "P1"', 'Stock!A2: unknown item "M1"',
              'Stock!A3: unknown item "M2"', 'Stock!A4: unknown item "M3"',
              'Sources!A2: unknown item "M1"', 'Sources!A3: unknown item "M1"',
              'Sources!A4: unknown item "M2"', 'Sources!A5: unknown item "M3"',
              'Orders!A2: unknown item "M3"', 'BOM!A2: unknown item "P1"',
              'BOM!A3: unknown item "C1"', 'BOM!A4: unknown item "C1"',
              'BOM!A5: unknown item "P1"', 'BOM!B2: unknown item "C1"',
              'BOM!B3: unknown item "M1"', 'BOM!B4: unknown item "M2"',
              'BOM!B5: unknown item "M3"']),
        # --- a wrong type in every kind of column ---
        Case("id_boolean.xlsx", "a TRUE cell as an item_id (id column)",
             book(changed(set_cell("Items", 3, 0, True))),
             ['Items!A3: item_id must be text or a number, got "True"']),
        Case("id_too_long.xlsx", "a 300-character supplier_id",
             book(changed(set_cell("Suppliers", 4, 0, "S" * 300))),
             ["Suppliers!A4: supplier_id must be at most 200 characters long"]),
        Case("text_too_long.xlsx", "a name of 32,767 characters, Excel's maximum (text)",
             book(changed(set_cell("Items", 2, 1, "Traction motor " * 2184 + "Tracti"))),
             ["Items!B2: name must be at most 1,000 characters long, got 32,766"]),
        Case("kind_unknown.xlsx", "kind 'subassembly' (kind column)",
             book(changed(set_cell("Items", 3, 2, "subassembly"))),
             ['Items!C3: kind must be one of product, component, material, got '
              '"subassembly"']),
        Case("per_unknown.xlsx", "per 'fortnight' and per 5 (per column)",
             book(changed(many(set_cell("Demand", 2, 2, "fortnight"),
                               lambda s: s["Demand"].append(["C1", 10, 5])))),
             ['Demand!C2: per must be one of day, week, month, year, got "fortnight"',
              'Demand!C3: per must be one of day, week, month, year, got "5"']),
        Case("number_text.xlsx", "qty_per 'abc', the documented example (number column)",
             book(changed(set_cell("BOM", 3, 2, "abc"))),
             ['BOM!C3: qty_per must be a positive number, got "abc"']),
        Case("number_with_unit.xlsx", "on_hand '2,000 kg'",
             book(changed(set_cell("Stock", 2, 1, "2,000 kg"))),
             ['Stock!B2: on_hand must be a number, got "2,000 kg"']),
        Case("number_decimal_comma.xlsx", "on_hand '2000,5' typed with a decimal comma",
             book(changed(set_cell("Stock", 2, 1, "2000,5"))),
             ['Stock!B2: on_hand must be a number (write 2000.5 with a decimal point), got '
              '"2000,5"']),
        Case("number_thousands_separators.xlsx", "German 1.234,5 and 1.234.567, French "
             "1 234,5, Indian 1,23,456: separators the reader cannot tell from decimals",
             book(changed(many(set_cell("Stock", 2, 1, "1.234,5"),
                               set_cell("Stock", 3, 1, "1 234,5"),
                               set_cell("Stock", 4, 2, "1.234.567"),
                               set_cell("Orders", 2, 2, "1,23,456")))),
             ['Stock!B2: on_hand must be a number, got "1.234,5"',
              'Stock!B3: on_hand must be a number, got "1 234,5"',
              'Stock!C4: safety_stock must be a number, got "1.234.567"',
              'Orders!C2: quantity must be a positive number, got "1,23,456"']),
        Case("number_boolean_and_date.xlsx", "unit_price TRUE and a quantity that is a date",
             book(changed(many(set_cell("Items", 4, 4, True),
                               set_cell("Demand", 2, 1, dt.date(2026, 1, 5))))),
             ['Items!E4: unit_price must be a number, got "True"',
              'Demand!B2: quantity must be a number, got "2026-01-05"']),
        Case("share_bare_percent.xlsx", "share 60 meaning 60% (share column)",
             book(changed(set_cell("Sources", 2, 2, 60))),
             ['Sources!C2: share must be between 0 and 1 (write 60% for a percentage), got '
              '"60"']),
        Case("share_over_100.xlsx", "share '120%'",
             book(changed(set_cell("Sources", 3, 2, "120%"))),
             ['Sources!C3: share must be between 0 and 1, got "120%"']),
        Case("share_text.xlsx", "share 'most' and share '0,4'",
             book(changed(many(set_cell("Sources", 2, 2, "most"),
                               set_cell("Sources", 3, 2, "0,4")))),
             [f'Sources!C2: share {FRACTION}, got "most"',
              f'Sources!C3: share {FRACTION} (write 0.4 with a decimal point), got "0,4"']),
        Case("share_boolean.xlsx", "shares TRUE and FALSE (share column)",
             book(changed(many(set_cell("Sources", 2, 2, True),
                               set_cell("Sources", 3, 2, False)))),
             [f'Sources!C2: share {FRACTION}, got "True"',
              f'Sources!C3: share {FRACTION}, got "False"']),
        Case("date_text.xlsx", "due_date 'next week' and '11/12/2026' (date column)",
             book(changed(many(set_cell("Orders", 2, 3, "next week"),
                               lambda s: s["Orders"].append(["M3", "S3", 10, "11/12/2026"])))),
             ['Orders!D2: due_date must be a date such as 2026-11-02, got "next week"',
              'Orders!D3: due_date must be a date such as 2026-11-02, got "11/12/2026"']),
        Case("date_text_unread_formats.xlsx", "due dates as text in formats other than ISO and "
             "day.month.year: spelled months, day/month, no separators, a time of day, "
             "February 30, a Japanese date with its day of the week",
             book(changed(lambda s: s["Orders"].extend(
                 ["M3", "S3", 10, text] for text in (
                     "20 Nov 2026", "Nov 20, 2026", "20/11/2026", "20261120",
                     "2026-11-20 14:30", "2026-02-30", "2026年11月20日(金)")))),
             [f'Orders!D{row}: due_date must be a date such as 2026-11-02, got "{text}"'
              for row, text in enumerate(("20 Nov 2026", "Nov 20, 2026", "20/11/2026",
                                          "20261120", "2026-11-20 14:30", "2026-02-30",
                                          "2026年11月20日(金)"), start=3)]),
        Case("dates_far_past.xlsx", "due dates in 1850 as text and as a date cell",
             book(changed(many(set_cell("Orders", 2, 3, "1850-01-01"),
                               lambda s: s["Orders"].append(
                                   ["M3", "S3", 10, dt.datetime(1850, 1, 1)])))),
             ['Orders!D2: due_date must be a date from 1900 to 2200, got "1850-01-01"',
              'Orders!D3: due_date must be a date such as 2026-11-02, got the time "00:00:00" '
              "(a date before 1900 reads as a time)"]),
        Case("dates_far_future.xlsx", "a due date in 2999, 9999-12-31, as-of date in 2201",
             book(changed(many(set_cell("Orders", 2, 3, dt.date(2999, 1, 1)),
                               lambda s: s["Orders"].append(["M3", "S3", 10, "9999-12-31"]),
                               set_cell("Settings", 2, 1, dt.date(2201, 1, 1))))),
             ['Orders!D2: due_date must be a date from 1900 to 2200, got "2999-01-01"',
              'Orders!D3: due_date must be a date from 1900 to 2200, got "9999-12-31"',
              'Settings!B2: as_of_date must be a date from 1900 to 2200, got "2201-01-01"']),
        Case("days_beyond_100_years.xlsx", "a time to recover of a billion days (it would "
             "run a scenario for hours), a 40,000-day lead time, a 1,000,000-day horizon",
             book(changed(many(lambda s: [r.append("time_to_recover_days" if i == 0 else None)
                                          for i, r in enumerate(s["Sources"])],
                               set_cell("Sources", 2, 6, 1e9), set_cell("Sources", 4, 4, 40000),
                               set_cell("Settings", 3, 1, 1e6)))),
             ['Sources!E4: lead_time_days must be at most 36,500 days (100 years), got '
              '"40000"',
              'Sources!G2: time_to_recover_days must be at most 36,500 days (100 years), got '
              '"1000000000"',
              'Settings!B3: horizon_days must be at most 36,500 days (100 years), got '
              '"1000000"']),
        Case("country_name.xlsx", "countries as names (country column)",
             book(changed(many(set_cell("Suppliers", 2, 2, "China"),
                               set_cell("Sources", 3, 5, "Germany")))),
             [f'Suppliers!C2: country {COUNTRY} (did you mean CN?), got "China"',
              f'Sources!F3: origin_country {COUNTRY} (did you mean DE?), got "Germany"']),
        Case("country_unknown.xlsx", "country codes XX and EU",
             book(changed(many(set_cell("Suppliers", 3, 2, "XX"),
                               set_cell("Suppliers", 4, 2, "EU")))),
             [f'Suppliers!C3: country {COUNTRY}, got "XX"',
              f'Suppliers!C4: country {COUNTRY}, got "EU"']),
        Case("nan_and_infinity.xlsx", "NaN, inf, -Infinity, 1e999 and an inf number cell",
             book(changed(many(set_cell("Stock", 2, 1, "NaN"), set_cell("Stock", 3, 2, "inf"),
                               set_cell("Stock", 2, 3, "-Infinity"),
                               set_cell("Items", 4, 4, "1e999"),
                               set_cell("Stock", 4, 1, 12345))),
                  patch=in_sheet(4, b"<v>12345</v>", b"<v>inf</v>")),
             ['Items!E4: unit_price must be a finite number, got "1e999"',
              'Stock!B2: on_hand must be a finite number, got "NaN"',
              'Stock!B4: on_hand must be a finite number, got "inf"',
              'Stock!C3: safety_stock must be a finite number, got "inf"',
              'Stock!D2: target_days must be a finite number, got "-Infinity"']),
        Case("long_text_in_numbers.xlsx", "32,000 characters where numbers belong",
             book(changed(many(set_cell("Stock", 2, 1, "9" * 20 + "x" * 31980),
                               set_cell("Sources", 2, 2, "y" * 32000)))),
             ['Stock!B2: on_hand must be a number, got "99999999999999999999xxxxxxxxxxxxxxxxx..."',
              f'Sources!C2: share {FRACTION}, got "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy..."']),
        Case("required_blank.xlsx", "blank name, per and share",
             book(changed(many(set_cell("Items", 3, 1, None), set_cell("Demand", 2, 2, "  "),
                               set_cell("Sources", 5, 2, None)))),
             ["Items!B3: name is required", "Demand!C2: per is required",
              "Sources!C5: share is required"]),
        Case("zero_where_positive.xlsx", "qty_per 0 and an order of 0",
             book(changed(many(set_cell("BOM", 2, 2, 0), set_cell("Orders", 2, 2, 0)))),
             ['BOM!C2: qty_per must be greater than zero, got "0"',
              'Orders!C2: quantity must be greater than zero, got "0"']),
        Case("negative.xlsx", "negative stock, scrap, price, lead time and demand",
             book(changed(many(set_cell("Stock", 2, 1, -5), set_cell("BOM", 3, 3, -1),
                               set_cell("Items", 4, 4, -60), set_cell("Sources", 2, 4, -2),
                               set_cell("Demand", 2, 1, "-700")))),
             ['Items!E4: unit_price must not be negative, got "-60"',
              'BOM!D3: scrap_pct must not be negative, got "-1"',
              'Demand!B2: quantity must not be negative, got "-700"',
              'Stock!B2: on_hand must not be negative, got "-5"',
              'Sources!E2: lead_time_days must not be negative, got "-2"']),
        Case("invisible_characters.xlsx", "an item id with a zero-width space, pasted from a "
             "web page", book(changed(set_cell("Demand", 2, 0, "P1\u200b"))),
             ['warning: Demand!A2: item_id "P1\\u200b" contains an invisible character '
              '(U+200B zero width space); the id is kept as typed and matches only an id '
              'with the same character',
              'Demand!A2: unknown item "P1\\u200b"']),
        Case("id_line_break.xlsx", "an id typed over two lines (Alt+Enter in a cell)",
             book(changed(set_cell("Stock", 3, 0, "M\n2"))),
             ['Stock!A3: item_id "M\\u000a2" contains a line break (U+000A); an id must be on '
              "one line, retype it"]),
        Case("id_right_to_left_override.xlsx", "a child id holding a right-to-left override, "
             "which shows its letters in another order", book(changed(
                 set_cell("BOM", 3, 1, "M\u202e2"))),
             ['BOM!B3: child_id "M\\u202e2" contains a bidirectional control character '
              "(U+202E right-to-left override); ids must read the same everywhere, retype it"]),
        Case("csv_id_left_to_right_mark/", "a supplier id ending with a left-to-right mark, "
             "as copied from a web page, in Suppliers.csv and Sources.csv",
             csv_folder(changed(many(set_cell("Suppliers", 3, 0, "S2\u200e"),
                                     set_cell("Sources", 3, 1, "S2\u200e")))),
             [f'{where}: supplier_id "S2\\u200e" contains a bidirectional control character '
              "(U+200E left-to-right mark); ids must read the same everywhere, retype it"
              for where in ("Suppliers!A3", "Sources!B3")]),
        Case("id_accent_twice.xlsx", "one id typed twice: with a separate accent (e and "
             "U+0301) and with the accented letter; one id, listed twice",
             book(changed(lambda s: s["Items"].extend([
                 ["Ge\u0301", "Germanium, decomposed", "material", "kg", 1, None],
                 ["Gé", "Germanium, composed", "material", "kg", 1, None]]))),
             ["Items!A8: duplicate item_id Gé (first on row 7)",
              "warning: Items!A7: material Gé has no Sources rows; its supply exposure cannot "
              "be computed",
              "warning: Items!A8: material Gé has no Sources rows; its supply exposure cannot "
              "be computed"]),
        Case("id_soft_hyphen_everywhere.xlsx", "M2 renamed with a soft hyphen (U+00AD) in "
             "Items, BOM and Stock, but not in Sources",
             book(changed(many(set_cell("Items", 5, 0, "M\u00ad2"),
                               set_cell("BOM", 4, 1, "M\u00ad2"),
                               set_cell("Stock", 3, 0, "M\u00ad2")))),
             [f'warning: {where}: {column} "M\\u00ad2" contains an invisible character '
              "(U+00AD soft hyphen); the id is kept as typed and matches only an id with the "
              "same character" for where, column in (("Items!A5", "item_id"),
                                                     ("BOM!B4", "child_id"),
                                                     ("Stock!A3", "item_id"))]
             + ['Sources!A4: unknown item "M2"',
                "warning: Items!A5: material M\\u00ad2 has no Sources rows; its supply "
                "exposure cannot be computed"]),
        # --- settings ---
        Case("settings_values.xlsx", "every setting unreadable or out of range",
             book(changed(many(set_cell("Settings", 2, 1, "yesterday"),
                               set_cell("Settings", 3, 1, 0), set_cell("Settings", 4, 1, -1),
                               set_cell("Settings", 5, 1, 60),
                               set_cell("Settings", 6, 1, "abc")))),
             ['Settings!B2: as_of_date must be a date such as 2026-11-02, got "yesterday"',
              'Settings!B3: horizon_days must be greater than zero, got "0"',
              'Settings!B4: target_days must not be negative, got "-1"',
              "Settings!B5: max_supplier_share must be between 0 and 1 (write 60% for a "
              'percentage), got "60"',
              f'Settings!B6: max_country_share {FRACTION}, got "abc"']),
        Case("settings_twice.xlsx", "currency set twice, and a setting nobody knows",
             book(changed(lambda s: s["Settings"].extend([["Currency", "USD"],
                                                          ["colour", "red"]]))),
             ["Settings!A9: currency is set twice (also on row 7)",
              'warning: Settings!A10: unknown setting "colour" ignored']),
        # --- rules across rows and sheets ---
        Case("duplicate_ids.xlsx", "an item and a supplier listed twice",
             book(changed(lambda s: (s["Items"].append(["M2", "Dysprosium oxide", "material",
                                                        "kg", 300, None]),
                                     s["Suppliers"].append(["S3", "Codelco Chile", "CL"])))),
             ["Items!A7: duplicate item_id M2 (first on row 5)",
              "Suppliers!A5: duplicate supplier_id S3 (first on row 4)"]),
        Case("duplicate_rows.xlsx", "a stock row, a BOM line and a source given twice",
             book(changed(lambda s: (s["Stock"].append(["M3", 5, None, None]),
                                     s["BOM"].append(["C1", "M2", 0.06, None]),
                                     s["Sources"].append(["M1", "S2", 0.1, 70, 20, "CN"])))),
             ["Stock!A5: duplicate stock row for item M3 (first on row 4)",
              "BOM!A6: duplicate BOM line C1 / M2 (first on row 4)",
              "Sources!A6: duplicate source M1 / S2 / CN (first on row 3)",
              "Sources!C2: the shares of item M1 sum to 1.1, not 1 (allowed: 1 ± 0.005)"]),
        Case("unknown_references.xlsx", "items and suppliers that are not listed",
             book(changed(many(set_cell("Demand", 2, 0, "P9"), set_cell("Stock", 3, 0, "M9"),
                               set_cell("BOM", 5, 1, "M8"), set_cell("Sources", 5, 1, "S9"),
                               set_cell("Orders", 2, 1, "S7")))),
             ['Demand!A2: unknown item "P9"', 'Stock!A3: unknown item "M9"',
              'BOM!B5: unknown item "M8"', 'Sources!B5: unknown supplier "S9"',
              'Orders!B2: unknown supplier "S7"',
              "warning: Orders!B2: no Sources row for M3 from S7"]),
        Case("shares_not_100.xlsx", "M1's shares sum to 90%",
             book(changed(set_cell("Sources", 3, 2, "30%"))),
             ["Sources!C2: the shares of item M1 sum to 0.9, not 1 (allowed: 1 ± 0.005)"]),
        Case("bom_cycle.xlsx", "the magnet set made of the motor it goes into",
             book(changed(lambda s: s["BOM"].append(["C1", "P1", 1, None]))),
             ["BOM!A2: the BOM has a cycle: P1 → C1 → P1"]),
        Case("bom_self_loop.xlsx", "the magnet set made of itself",
             book(changed(lambda s: s["BOM"].append(["C1", "C1", 1, None]))),
             ["BOM!A6: the BOM has a cycle: C1 → C1"]),
        # --- formulas ---
        Case("formula_without_result.xlsx", "formulas written by a program that does not "
             "calculate (openpyxl): no saved result",
             book(changed(many(set_cell("BOM", 3, 2, "==0.15*2"),
                               set_cell("Items", 4, 4, "==E5/7.5")))),
             [f"Items!E4: unit_price is a formula (=E5/7.5) {FORMULA}",
              f"BOM!C3: qty_per is a formula (=0.15*2) {FORMULA}"]),
        Case("formula_errors.xlsx", "cells showing #DIV/0! (a formula) and #N/A (typed)",
             book(changed(many(set_cell("Stock", 3, 1, 77777),
                               set_cell("Sources", 2, 4, 88888))),
                  patch=lambda n, d: in_sheet(6, b'<c r="E2" t="n"><v>88888</v></c>',
                                              b'<c r="E2" t="e"><v>#N/A</v></c>')(
                      n, in_sheet(4, b'<c r="B3" t="n"><v>77777</v></c>',
                                  b'<c r="B3" t="e"><f>B2/0</f><v>#DIV/0!</v></c>')(n, d))),
             ["Stock!B3: on_hand shows the error #DIV/0!; correct the formula or type the "
              "value",
              "Sources!E2: lead_time_days shows the error #N/A; correct the formula or type "
              "the value"]),
        Case("formula_in_settings.xlsx", "horizon_days as a formula without a result",
             book(changed(set_cell("Settings", 3, 1, "==30*3"))),
             [f"Settings!B3: horizon_days is a formula (=30*3) {FORMULA}"]),
        Case("formula_errors_every_column.xlsx", "an Excel error in a cell of each kind of "
             "column: id, text, kind, per, country, share, date and two settings",
             book(base(), patch=patches(
                 cells(1, {"A3": error_cell("A3", "#N/A", "VLOOKUP(1,Z:Z,1,0)"),
                           "B4": error_cell("B4", "#REF!", "#REF!"),
                           "C5": error_cell("C5", "#VALUE!"),
                           "F4": error_cell("F4", "#NAME?", "CATEGORY(A4)")}),
                 cells(3, {"C2": error_cell("C2", "#N/A")}),
                 cells(5, {"C2": error_cell("C2", "#NULL!", "A1 B1")}),
                 cells(6, {"C2": error_cell("C2", "#DIV/0!", "1/0")}),
                 cells(7, {"D2": error_cell("D2", "#NUM!", "DATE(-1,1,1)")}),
                 cells(8, {"B2": error_cell("B2", "#N/A"),
                           "B7": error_cell("B7", "#REF!", "#REF!")}))),
             [f"{where}: {column} shows the error {error}; correct the formula or type the "
              "value" for where, column, error in (
                  ("Items!A3", "item_id", "#N/A"), ("Items!B4", "name", "#REF!"),
                  ("Items!C5", "kind", "#VALUE!"), ("Items!F4", "category", "#NAME?"),
                  ("Demand!C2", "per", "#N/A"), ("Suppliers!C2", "country", "#NULL!"),
                  ("Sources!C2", "share", "#DIV/0!"), ("Orders!D2", "due_date", "#NUM!"),
                  ("Settings!B2", "as_of_date", "#N/A"), ("Settings!B7", "currency", "#REF!"))]),
        Case("dde_in_id_and_settings.xlsx", "an item id and a setting asking other programs "
             "for their values (DDE), with the values they last gave",
             book(base(), patch=patches(
                 cells(1, {"A2": '<c r="A2" t="str"><f>cmd|\'/c calc\'!A0</f><v>P1</v></c>'}),
                 cells(8, {"B3": '<c r="B3"><f>Excel|[prices.xlsx]Sheet1!R1C1</f><v>90</v>'
                                 "</c>"}))),
             ["Items!A2: item_id is a formula (=cmd|'/c calc'!A0) that asks another program "
              "for its value (DDE); type the value",
              "Settings!B3: horizon_days is a formula (=Excel|[prices.xlsx]Sheet1!R1C1) that "
              "asks another program for its value (DDE); type the value"]),
        Case("external_defined_names.xlsx", "formulas using defined names that link to "
             "another workbook, ask another program (DDE), or use such a name; a local name "
             "hiding a linking one is read", book(base(), patch=patches(
                 DEFINED_NAMES, NAMES_USED, NAMES_USED_TOO)),
             ["Stock!B2: on_hand is a formula (=price_list) using the name price_list, which "
              "links to another workbook (=[1]Prices!$B$2), whose saved value may be out of "
              "date; type the value",
              "Stock!B3: on_hand is a formula (=doubled/2+0*LEN(\"price_list\")) using the "
              "name Doubled, which links to another workbook (=[1]Prices!$B$2), whose saved "
              "value may be out of date; type the value",
              "Stock!C2: safety_stock is a formula (=SUM(calc)) using the name calc, which "
              "asks another program for its value (DDE: =cmd|'/c calc'!A0); type the value"]),
        Case("newer_excel_errors.xlsx", "errors of newer Excel versions (#SPILL!, #CALC!, "
             "#BUSY! ...), which the reader does not know, and #N/A",
             book(base(), patch=patches(
                 cells(1, {"A3": error_cell("A3", "#SPILL!", "SEQUENCE(3)"),
                           "B4": error_cell("B4", "#CALC!", "FILTER(B:B,C:C=0)"),
                           "F4": error_cell("F4", "#N/A")}),
                 cells(4, {"B2": error_cell("B2", "#BUSY!"),
                           "C3": error_cell("C3", "#PYTHON!"),
                           "D2": error_cell("D2", "#GETTING_DATA")}),
                 cells(5, {"B2": error_cell("B2", "#FIELD!"),
                           "B3": error_cell("B3", "#BLOCKED!"),
                           "B4": error_cell("B4", "#CONNECT!"),
                           "C2": error_cell("C2", "#UNKNOWN!")}))),
             [f"{where}: {column} shows the error {error}; correct the formula or type the "
              "value" for where, column, error in (
                  ("Items!A3", "item_id", "#SPILL!"), ("Items!B4", "name", "#CALC!"),
                  ("Items!F4", "category", "#N/A"), ("Stock!B2", "on_hand", "#BUSY!"),
                  ("Stock!C3", "safety_stock", "#PYTHON!"),
                  ("Stock!D2", "target_days", "#GETTING_DATA"),
                  ("Suppliers!B2", "name", "#FIELD!"), ("Suppliers!B3", "name", "#BLOCKED!"),
                  ("Suppliers!B4", "name", "#CONNECT!"),
                  ("Suppliers!C2", "country", "#UNKNOWN!"))]),
        # --- files that are not what they claim, or hostile ---
        Case("encrypted.xlsx", "a password-protected workbook (an OLE container)",
             raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage"
                 .encode("utf-16-le") + bytes(1000)),
             refused="encrypted.xlsx: this is an encrypted workbook or an old .xls file; open "
             "it in Excel and save it as .xlsx without a password"),
        Case("old_format.xls", "an Excel 97-2003 workbook",
             raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook"
                 .encode("utf-16-le") + bytes(1000)),
             refused="old_format.xls: this is an encrypted workbook or an old .xls file; open "
             "it in Excel and save it as .xlsx without a password"),
        Case("truncated.xlsx", "a download cut short at two thirds", truncated,
             refused="truncated.xlsx: the workbook is damaged (File is not a zip file)"),
        Case("csv_renamed.xlsx", "a CSV file renamed to .xlsx",
             raw(csv_text(base(), "Items").encode()),
             refused="csv_renamed.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("empty_file.xlsx", "a file of 0 bytes", raw(b""),
             refused="empty_file.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("spreadsheet.ods", "an OpenDocument spreadsheet",
             zip_archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                   "content.xml": b"<office:document-content/>",
                   "META-INF/manifest.xml": b"<manifest:manifest/>"}),
             refused="spreadsheet.ods: this is an OpenDocument spreadsheet (.ods); save it as "
             "an Excel workbook (.xlsx)"),
        Case("binary.xlsb", "an Excel binary workbook",
             zip_archive({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}),
             refused="binary.xlsb: this is a binary workbook (.xlsb); save it from Excel as "
             ".xlsx"),
        Case("photos_renamed.xlsx", "a zip of pictures named .xlsx",
             zip_archive({"holiday/beach.jpg": b"\xff\xd8\xff\xe0" + bytes(200)}),
             refused="photos_renamed.xlsx: not an Excel workbook (.xlsx)"),
        Case("macros.xlsm", "a macro-enabled workbook", book(base()),
             refused="macros.xlsm: this workbook holds macros, and macros are not read: save "
             "it from Excel as .xlsx (Excel Workbook)"),
        Case("two_sheets_one_name.xlsx", "Orders renamed Items by a program (Excel forbids "
             "it): the second Items replaced the first unseen",
             book(base(), patch=rename_sheet(b"Orders", b"Items")),
             refused='two_sheets_one_name.xlsx: two sheets are named "Items"; rename or '
             "delete one"),
        Case("external_links.xlsx", "on hand linked to another workbook, safety stock from "
             "another program (DDE): their saved values would be used as they stand",
             book(base(), patch=in_sheet(
                 4, b'<c r="B2" t="n"><v>2000</v></c><c r="C2" t="n"><v>500</v></c>',
                 b'<c r="B2"><f>[1]Stock!B2</f><v>2000</v></c>'
                 b"<c r=\"C2\"><f>cmd|'/c calc'!A0</f><v>500</v></c>")),
             ["Stock!B2: on_hand is a formula (=[1]Stock!B2) linking to another workbook, "
              "whose saved value may be out of date; type the value",
              "Stock!C2: safety_stock is a formula (=cmd|'/c calc'!A0) that asks another "
              "program for its value (DDE); type the value"]),
        Case("zip_bomb.xlsx", "a 12 MB cell compressed to 13 KB (950:1)", bomb,
             refused="zip_bomb.xlsx: xl/worksheets/sheet1.xml inflates 12 MB from 13 KB; "
             "refused as a zip bomb"),
        Case("zip_bomb_10mb_members.xlsx", "members of exactly 10 MB at 1000:1 (the ratio "
             "rule once skipped them)", padded_bomb,
             refused="zip_bomb_10mb_members.xlsx: xl/media/pad0.bin inflates 10 MB from 10 KB; "
             "refused as a zip bomb"),
        Case("billion_laughs.xlsx", "nested XML entities that expand to 3 GB",
             book(base(), patch=laughs),
             refused="billion_laughs.xlsx: xl/worksheets/sheet1.xml declares XML entities, "
             "which Excel never writes (a way to make a small file expand to gigabytes); "
             "refused"),
        Case("stray_cell.xlsx", "one cell at XFD1048576 (17 billion cells to lay out)",
             book(base(), patch=in_sheet(
                 1, b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is>'
                 b"<t>x</t></is></c></row></sheetData>")),
             refused="stray_cell.xlsx: sheet Items reaches cell XFD1048576 but holds 35 cells; "
             "delete the cells beyond the data (Ctrl+End in Excel shows the last one) and "
             "save again"),
        Case("html_renamed.xlsx", "a web page (an HTML table) saved with the name of a "
             "workbook", raw(b"<html><head><meta charset=\"utf-8\"></head><body><table>"
                             b"<tr><td>item_id</td><td>name</td></tr></table></body></html>"),
             refused="html_renamed.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("html_export.xls", "an ERP's 'Excel export': an HTML table named .xls",
             raw(b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
                 b"<tr><td>item_id</td><td>name</td></tr><tr><td>P1</td><td>Traction motor"
                 b"</td></tr></table></body></html>"),
             refused="html_export.xls: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("empty_zip.xlsx", "a zip archive without a member", zip_archive({}),
             refused="empty_zip.xlsx: not an Excel workbook (.xlsx); save it from Excel as "
             ".xlsx, or export the sheets as CSV files into a folder"),
        Case("zip_directory_only.xlsx", "a zip holding only the folder xl/",
             zip_archive({"xl/": b""}),
             refused="zip_directory_only.xlsx: not an Excel workbook (.xlsx)"),
        Case("zip_bad_crc.xlsx", "the Items sheet changed after its checksum was written",
             bad_crc,
             refused="zip_bad_crc.xlsx: the workbook is damaged (Bad CRC-32 for file "
             "'xl/worksheets/sheet1.xml')"),
        Case("shared_strings_missing.xlsx", "a cell pointing into a table of shared texts "
             "that the archive does not hold",
             book(base(), patch=cells(1, {"A2": '<c r="A2" t="s"><v>0</v></c>'})),
             refused="shared_strings_missing.xlsx: the workbook cannot be read (Cell string "
             "index not found in shared strings table)"),
        Case("long_text_in_many_cells.xlsx", "one shared text of 30,000 characters shown "
             "by 10,000 cells: the reader copies it into each (600 MB from a small file)",
             long_text_in_many_cells,
             refused="long_text_in_many_cells.xlsx: sheet Items repeats long texts in many "
             "cells, which the reader copies into each cell: the template's sheets would take "
             "286 MB of text to read, over the 256 MB this program reads; keep long texts out "
             "of the template's sheets"),
    ]


def good_workbooks() -> list[Case]:
    """Workbooks that load as people lay them out: titles above headers, formulas
    with saved results, extra columns and sheets, dates at the edges."""
    return [
        Case("title_rows.xlsx", "a title and a blank row above every header",
             book(changed(title_rows))),
        Case("merged_title.xlsx", "a merged title above Items' header", merged_title),
        Case("formula_results.xlsx", "every number of BOM and Stock a formula with its "
             "saved result, as Excel writes it", book(base(), patch=formula_results)),
        Case("extra_columns_and_sheets.xlsx", "a Notes column, a column without a header "
             "and a Pivot sheet", book(changed(lambda s: (
                 s["Items"][0].append("Notes"), s["Items"][1].append("check price"),
                 s["Stock"][1].extend([None, None, "counted 31 Oct"]),
                 s.update(Pivot=[["sum"], [1]])))),
             warnings=["warning: Pivot: unknown sheet ignored",
                       'warning: Items!G1: unknown column "Notes" ignored',
                       "warning: Stock!G1: column G has values but no header; ignored"]),
        Case("dates_at_the_edges.xlsx", "due dates on 1900-01-01 and 2200-12-31",
             book(changed(lambda s: (s["Orders"].append(["M3", "S3", 1, dt.date(1900, 1, 1)]),
                                     s["Orders"].append(["M3", "S3", 1, "2200-12-31"])))),
             same_as_base=False),
    ]


def more_good_workbooks() -> list[Case]:
    """Workbooks that load though unusual: hidden and chart sheets, odd formats,
    namespaces and number notations (after the first CSV folders in the manifest)."""
    return [
        # --- workbooks ---
        Case("very_hidden_settings.xlsx", "the Settings sheet set very hidden (only a macro "
             "or a program can unhide it)", book(base(), tweak=hide("Settings", "veryHidden")),
             warnings=["warning: Settings: the sheet is very hidden (Excel's Unhide does not "
                       "list it); its values are imported all the same"]),
        Case("hidden_sheet.xlsx", "the Orders sheet hidden (Excel's Unhide lists it)",
             book(base(), tweak=hide("Orders", "hidden"))),
        Case("chart_sheet.xlsx", "a chart sheet (a sheet without cells) among the others",
             with_members({"xl/chartsheets/sheet1.xml": CHART_SHEET}, chart_sheet_parts),
             warnings=["warning: Chart1: unknown sheet ignored"]),
        Case("long_sheet_name.xlsx", "a sheet named with 66 characters (Excel allows 31; "
             "programs write more)",
             book(changed(lambda s: s.update(Pivot=[["sum"], [1]])),
                  patch=rename_sheet(b"Pivot", LONG_SHEET_NAME.encode())),
             warnings=[f"warning: {LONG_SHEET_NAME}: unknown sheet ignored"]),
        Case("zip_member_outside_folder.xlsx", "members named ../evil.txt and /etc/evil (a "
             "path escaping the folder if extracted): nothing is extracted",
             with_members({"../evil.txt": b"x", "/etc/evil": b"y"})),
        Case("percent_formatted_shares.xlsx", "shares in cells formatted as percentages "
             "(shown 60%, stored 0.6)", book(base(), tweak=percent_format)),
        Case("date_text_read_formats.xlsx", "due dates as text: 2026/11/20, 20.11.2026, with a "
             "time of midnight (also as Japanese Excel writes it), with spaces around, in "
             "Japanese, and a serial number",
             book(changed(lambda s: s["Orders"].extend(
                 ["M3", "S3", 10, value] for value in (
                     "2026/11/20", "20.11.2026", "2026-11-20T00:00:00", "2026-11-20 00:00",
                     " 2026-11-20 ", 46346, "2026/11/20 0:00", "2026年11月20日",
                     "２０２６年１１月２０日")))),
             same_as_base=False),
        Case("thousands_separators.xlsx", "numbers typed with thousands separators: 1,200, "
             "2'000 (Swiss), 20 000 with a no-break space (French), 5 000 with a narrow one",
             book(changed(many(set_cell("Items", 2, 4, "1,200"),
                               set_cell("Stock", 2, 1, "2'000"),
                               set_cell("Stock", 4, 1, "20\u00a0000"),
                               set_cell("Orders", 2, 2, "5\u202f000"))))),
        Case("full_width_digits.xlsx", "numbers and a date typed with full-width digits "
             "(a Japanese input method): ２０００, ７００, ０.３, ２０２６-１１-１２",
             book(changed(many(set_cell("Stock", 2, 1, "２０００"),
                               set_cell("Demand", 2, 1, "７００"),
                               set_cell("BOM", 3, 2, "０.３"),
                               set_cell("Orders", 2, 3, "２０２６-１１-１２"))))),
        Case("dates_1904_system.xlsx", "the 1904 date system of old Mac workbooks: the same "
             "dates, other serial numbers", book(base(), patch=date_1904)),
        Case("strict_open_xml.xlsx", "saved as Strict Open XML (ISO namespaces)",
             book(base(), patch=strict)),
        Case("prefixed_namespaces.xlsx", "every element with a namespace prefix (x:c), as "
             ".NET libraries write", book(base(), patch=prefixed)),
        Case("protected_sheets.xlsx", "every sheet protected against editing",
             book(base(), patch=protected)),
        Case("xlsx_renamed.xls", "a workbook (.xlsx) renamed .xls: read by what it holds, "
             "not by its name", book(base())),
        Case("full_width_punctuation.xlsx", "numbers and shares typed full-width with their "
             "points, commas and percent signs: ２，０００, ０．３, ６０％, ４０％, １，２００",
             book(changed(many(set_cell("Stock", 2, 1, "２，０００"),
                               set_cell("BOM", 3, 2, "０．３"),
                               set_cell("Sources", 2, 2, "６０％"),
                               set_cell("Sources", 3, 2, "４０　％"),
                               set_cell("Items", 2, 4, "１，２００"))))),
        Case("id_decomposed_reference.xlsx", "the product Pé composed (NFC) in Items and "
             "BOM, referred to decomposed (e and U+0301) in Demand",
             book(changed(many(set_cell("Items", 2, 0, "Pé"), set_cell("BOM", 2, 0, "Pé"),
                               set_cell("BOM", 5, 0, "Pé"),
                               set_cell("Demand", 2, 0, "Pe\u0301")))),
             same_as_base=False),
    ]
