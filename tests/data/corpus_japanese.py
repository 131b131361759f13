"""The corpus's Japanese cases: sheets, headers and settings named in Japanese, Japanese
values (kinds, periods, dates), and CSV files as Japanese Excel saves them (Shift_JIS, that
is Windows' CP932). Assembled in make_bad_corpus.py.

The Japanese names are the template's own aliases (planner.inputs.schema), written here
by hand so that the corpus says what a Japanese buyer types, not what the code lists.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from corpus_helpers import Case, Sheets, base, book, changed, csv_text, many, set_cell

SHEET_NAMES = {"Items": "品目", "BOM": "部品表", "Demand": "需要", "Stock": "在庫",
               "Suppliers": "仕入先", "Sources": "調達先", "Orders": "発注残",
               "Settings": "設定"}
# as people type them: full-width and half-width brackets, spaces (the ideographic one
# too) between the words
HEADERS = {
    "Items": ["品目コード", "品名", "区分", "単位", "単価", "分類"],
    "BOM": ["親品目コード", "子品目コード", "員数", "スクラップ率（％）"],
    "Demand": ["品目コード", "数量", "期間"],
    "Stock": ["品番", "在庫数量", "安全在庫", "目標在庫日数"],
    "Suppliers": ["仕入先コード", "仕入先名", "国コード"],
    "Sources": ["品目コード", "仕入先コード", "調達比率", "単価", "リードタイム (日)",
                "原産国"],
    "Orders": ["品目　コード", "仕入先コード", "発注残数量", "納期"],
    "Settings": ["項目", "値"],
}
SETTING_KEYS = {"as_of_date": "基準日", "horizon_days": "計画期間（日）",
                "target_days": "目標在庫日数", "max_supplier_share": "仕入先別上限比率",
                "max_country_share": "国別上限比率", "currency": "基準通貨",
                "company": "会社名"}
KINDS = {"product": "製品", "component": "部品", "material": "材料"}


def in_japanese(sheets: Sheets) -> Sheets:
    """The sheets with Japanese names, headers and setting keys; values as they are."""
    out: Sheets = {}
    for name, rows in sheets.items():
        rows = copy.deepcopy(rows)
        rows[0] = list(HEADERS[name])
        if name == "Settings":
            for row in rows[1:]:
                row[0] = SETTING_KEYS[str(row[0])]
        out[SHEET_NAMES[name]] = rows
    return out


def japanese_values(sheets: Sheets) -> None:
    """Kinds and periods in Japanese, dates as Japanese text."""
    for row in sheets["Items"][1:]:
        row[2] = KINDS[str(row[2])]
    sheets["Demand"][1][2] = "週"
    sheets["Orders"][1][3] = "2026年11月12日"
    sheets["Settings"][1][1] = "２０２６／１１／０２"


def cp932_folder(sheets: Sheets) -> Callable[[Path], None]:
    """The sheets as CSV files in CP932, as Japanese Excel saves "CSV (comma delimited)"."""
    def build(folder: Path) -> None:
        folder.mkdir()
        for name in sheets:
            (folder / f"{name}.csv").write_bytes(csv_text(sheets, name).encode("cp932"))
    return build


def bad_japanese() -> list[Case]:
    """Japanese headers that cannot be read."""
    return [
        Case("japanese_header_twice.xlsx", "Items with 品目コード and 品番, two Japanese names "
             "of item_id", book(_item_id_twice()),
             ["Items!G1: column item_id appears twice (also in column A)"]),
        Case("items_and_japanese_items.xlsx", "sheets Items and 品目 (the same sheet in "
             "Japanese)", book(changed(lambda s: s.update(品目=copy.deepcopy(s["Items"])))),
             ['品目: sheets "Items" and "品目" are the same sheet (names are read regardless '
              "of case and spaces); keep one"]),
    ]


def _item_id_twice() -> Sheets:
    """The Japanese sheets, with a copy of Items' first column named 品番 after the others."""
    sheets = in_japanese(base())
    for r, row in enumerate(sheets["品目"]):
        row.append("品番" if r == 0 else row[0])
    return sheets


def good_japanese() -> list[Case]:
    """Japanese workbooks and CSV files that load."""
    return [
        Case("japanese_headers.xlsx", "sheets, headers and setting keys in Japanese (品目, "
             "品目コード, リードタイム (日), 品目　コード with an ideographic space, 基準日)",
             book(in_japanese(base()))),
        Case("japanese_values.xlsx", "kinds and the period in Japanese (製品, 部品, 材料, 週), "
             "a due date 2026年11月12日, an as-of date ２０２６／１１／０２",
             book(in_japanese(changed(japanese_values)))),
        Case("csv_shift_jis/", "Japanese Excel's CSV: Shift_JIS (CP932), Japanese file "
             "names, headers and values", cp932_folder(in_japanese(changed(japanese_values)))),
        Case("csv_shift_jis_names/", "Items.csv in Shift_JIS with English headers and "
             "names in kanji and katakana", cp932_folder(changed(many(
                 set_cell("Items", 2, 1, "駆動用モータ"), set_cell("Items", 4, 1, "酸化物"),
                 set_cell("Items", 5, 1, "金属"), set_cell("Items", 6, 1, "電気銅")))),
             same_as_base=False),
        Case("csv_shift_jis_kanji_only/", "Suppliers.csv in Shift_JIS with names in kanji "
             "alone (no kana to tell the encoding by)", cp932_folder(changed(many(
                 set_cell("Suppliers", 2, 1, "包頭希土有限公司"),
                 set_cell("Suppliers", 3, 1, "北辰物産株式会社")))),
             same_as_base=False),
    ]
