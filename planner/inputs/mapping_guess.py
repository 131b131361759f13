"""A first guess of a mapping (planner.inputs.mapping) from a source's headers.

Each header is compared with the names a template column goes by: its own name and
Japanese aliases (planner.inputs.schema), and the names ERPs give it (SAP's technical
fields such as MATNR and their English labels such as Material, Oracle's and Dynamics'
common names, Japanese ERP headers such as 品目コード). Equal names (case, width,
spaces and punctuation folded) score 1; close ones (difflib) less. Each table takes the
sheet whose headers cover its required columns best, with a little help from the sheet's
name (MARA, EKPO, 在庫). In code columns the distinct codes are listed, with a guessed
translation (FERT → product); a share column holding numbers over 1 is percent (a factor
0.01), and prices per a "Price Unit" of 1,000 get a factor of 0.001.

The guess is shown for review (``planner import --guess``, the window's mapping dialog)
and never applied by itself.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from planner.core import formatting as fmt
from planner.core.errors import column_letter
from planner.core.i18n import _, ngettext
from planner.inputs import parsing
from planner.inputs.mapping import Mapping, TableMapping
from planner.inputs.mapping_source import (
    code_key,
    find_header_row,
    layout_key_of,
    read_source,
)
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.schema import SHEETS, TABLES, Sheet, normalise
from planner.inputs.validation import PARSERS

MATCH_THRESHOLD = 0.75  # a header scoring less feeds no column
FUZZY_WEIGHT = 0.9  # a close name scores its similarity times this; an equal name 1
SHEET_NAME_BONUS = 0.3
MIN_COVERAGE = 0.6  # of a table's required columns, for a sheet to feed it
CODE_TYPES = ("kind", "per", "supplier_kind", "yesno")
GUESSED_TABLES = (*TABLES, "Settings")

# Names of each template column in ERP exports, by table where one name means different
# columns in different tables (SAP's MENGE: a BOM line's quantity, an order's quantity).
_ITEM = ("MATNR", "Material", "Material Number", "Material No.", "Item", "Item Number",
         "Item No.", "Item Code", "Item ID", "Part Number", "Part No.", "Product Number",
         "Product ID", "ItemId", "Segment1", "SKU", "品目コード", "品番", "品目", "部品コード",
         "部品番号", "商品コード", "製品コード", "品目CD")
_SUPPLIER = ("LIFNR", "Vendor", "Vendor Number", "Vendor No.", "Vendor Account",
             "Vendor ID", "Supplier", "Supplier Number", "Supplier ID", "Supplier Code",
             "Supplier No.", "VendAccount", "Fixed Vendor", "仕入先コード", "仕入先",
             "仕入先番号", "取引先コード", "購買先コード", "発注先コード", "仕入先CD")
_CURRENCY = ("WAERS", "Currency", "Currency Key", "Crcy", "Currency Code", "通貨",
             "通貨コード")
_PRICE = ("Price", "Unit Price", "単価")
NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "Items": {
        "item_id": _ITEM,
        "name": ("MAKTX", "Material Description", "Description", "Material Name",
                 "Item Description", "Item Name", "Product Name", "Part Name",
                 "Short Text", "品名", "品目名", "品目名称", "部品名", "商品名", "製品名"),
        "kind": ("MTART", "Material Type", "Matl Type", "MTyp", "Item Type",
                 "Product Type", "User Item Type", "Item Category Type", "品目区分",
                 "品目種別", "区分", "品目タイプ", "品目種類"),
        "unit": ("MEINS", "Base Unit of Measure", "Base Unit", "BUn", "Base UoM",
                 "Unit of Measure", "UoM", "UOM", "Unit", "Primary UOM",
                 "Primary Unit of Measure", "Inventory Unit", "Stock Unit", "単位",
                 "在庫単位", "基準単位"),
        "unit_price": ("STPRS", "VERPR", "Standard Price", "Moving Average Price",
                       "Moving Price", "Sales Price", "List Price", "Selling Price",
                       *_PRICE, "標準単価", "販売単価", "売単価"),
        "category": ("MATKL", "Material Group", "Matl Group", "Item Category", "Category",
                     "Item Group", "Product Category", "Commodity Code", "品目分類",
                     "分類", "品目グループ", "品種"),
        "currency": _CURRENCY,
        "commodity": ("Commodity", "Raw Material", "鉱種"),
    },
    "BOM": {
        "parent_id": ("MATNR", "Material", "Parent", "Parent Material", "Parent Item",
                      "Assembly", "Assembly Item", "Header Material", "BOM Header",
                      "親品目", "親品目コード", "親品番", "上位品目", "親コード"),
        "child_id": ("IDNRK", "Component", "Component Material", "Component Item",
                     "Component Number", "Child", "Child Item", "子品目", "子品目コード",
                     "子品番", "構成品目", "下位品目", "子コード", "構成品目コード"),
        "qty_per": ("MENGE", "Component Quantity", "Comp. Qty", "Component Qty",
                    "Quantity", "Quantity Per", "Qty Per", "Usage", "員数", "構成数量",
                    "使用数量", "構成数"),
        "scrap_pct": ("AUSCH", "Component Scrap (%)", "Component Scrap", "Scrap (%)",
                      "Scrap", "Scrap Percentage", "Comp. Scrap", "スクラップ率",
                      "ロス率", "損耗率"),
    },
    "Demand": {
        "item_id": _ITEM,
        "quantity": ("PLNMG", "Planned Quantity", "Planned Qty", "Requirements Quantity",
                     "Forecast Quantity", "Demand", "Demand Quantity", "Quantity",
                     "需要数量", "需要量", "数量", "計画数量", "所要量"),
        "per": ("PERXX", "Period Unit", "Period", "Period Indicator", "Time Unit",
                "Period Type", "期間", "期間単位", "単位期間"),
        "cv": ("Coefficient of Variation", "CV", "変動係数"),
    },
    "Forecast": {
        "item_id": _ITEM,
        "month": ("Month", "Period", "Requirements Date", "Forecast Month", "年月",
                  "対象月", "計画年月", "予測年月"),
        "quantity": ("PLNMG", "Planned Quantity", "Forecast Quantity", "Quantity",
                     "予測数量", "需要数量", "数量", "計画数量"),
    },
    "Stock": {
        "item_id": _ITEM,
        "on_hand": ("LABST", "Unrestricted", "Unrestricted Stock", "Unrestricted-Use Stock",
                    "Unrestr. Use", "Unrestricted Use", "On Hand", "On-Hand Quantity",
                    "Quantity On Hand", "On Hand Quantity", "Physical Inventory",
                    "Available Physical", "Stock", "Stock Quantity", "在庫数",
                    "在庫数量", "現在庫", "現在庫数", "手持在庫", "在庫", "在庫量"),
        "safety_stock": ("EISBE", "Safety Stock", "Safety Stock Quantity", "Min. Stock",
                         "安全在庫", "安全在庫数"),
        "target_days": ("Target Days", "Target Coverage (days)", "Target Coverage",
                        "Coverage Target", "Target Days of Supply", "Days of Supply",
                        "目標在庫日数", "目標日数"),
    },
    "Suppliers": {
        "supplier_id": _SUPPLIER,
        "name": ("NAME1", "Name 1", "Name", "Vendor Name", "Supplier Name", "Company Name",
                 "仕入先名", "仕入先名称", "取引先名", "会社名", "仕入先名1"),
        "country": ("LAND1", "Country", "Country Key", "Ctry", "Country/Region",
                    "Country Code", "Country/Region Code", "国", "国コード", "所在国", "国名"),
        "kind": ("Vendor Type", "Supplier Type", "Account Group", "KTOKK",
                 "Vendor Account Group", "仕入先区分", "仕入先種別", "業態"),
    },
    "Sources": {
        "item_id": _ITEM,
        "supplier_id": _SUPPLIER,
        "share": ("Quota", "Quota (%)", "Quota Share", "Quota Percentage", "Share",
                  "Share (%)", "Split", "Split (%)", "Allocation", "Allocation (%)",
                  "Percentage", "Sourcing Percentage", "比率", "比率(%)", "購買比率",
                  "調達比率", "割合", "配分率", "発注比率"),
        "unit_price": ("NETPR", "Net Price", "Purchase Price", "Net Order Price",
                       *_PRICE, "購入単価", "仕入単価", "発注単価"),
        "lead_time_days": ("PLIFZ", "Planned Deliv. Time", "Planned Delivery Time",
                           "Pl. Deliv. Time", "Plnd Dlv Time", "Delivery Time",
                           "Lead Time", "Lead Time (Days)", "Processing Lead Time",
                           "Purchasing Lead Time", "リードタイム", "納入リードタイム",
                           "調達リードタイム", "LT", "リードタイム(日)"),
        "capacity_per_month": ("Capacity", "Monthly Capacity", "Capacity per Month",
                               "Max. Quantity per Month", "Maximum Quantity per Month",
                               "Max. Quantity", "月間供給能力", "月間能力", "供給能力"),
        "moq": ("MINBM", "Minimum Order Quantity", "Min. Order Qty", "Minimum Quantity",
                "Minimum Order Qty", "MOQ", "最小発注数量", "最小ロット", "最低発注数量"),
        "origin_country": ("HERKL", "Country of Origin", "Origin", "Origin Country",
                           "原産国", "原産地"),
        "currency": _CURRENCY,
        "order_multiple": ("BSTRF", "Rounding Value", "Order Multiple", "Fixed Lot Multiple",
                           "Lot Multiple", "発注単位", "発注ロット", "発注倍数"),
        "secondary": ("Recycled", "Secondary", "Recycled Material", "Secondary Material",
                      "二次原料", "リサイクル材", "再生材"),
        "time_to_recover_days": ("Time to Recover", "Recovery Days", "復旧日数"),
    },
    "Alternates": {
        "item_id": _ITEM,
        "alternate_id": ("Alternate", "Alternate Item", "Alternative Material", "Substitute",
                         "Substitute Item", "Substitute Material", "代替品目コード", "代替品"),
        "ratio": ("Ratio", "Substitution Ratio", "Conversion Factor", "代替比率"),
        "qualification_days": ("Qualification Days", "Qualification Time", "切替可能日数"),
        "max_share": ("Max. Share", "Maximum Share", "代替上限比率"),
    },
    "Settings": {
        "key": ("Parameter", "Setting", "Key", "項目", "設定項目", "パラメータ"),
        "value": ("Value", "Setting Value", "値", "設定値"),
    },
    "Rates": {
        "currency": ("FCURR", "From Currency", "Currency", "Currency Code", "Crcy", "通貨",
                     "通貨コード"),
        "rate": ("UKURS", "Exchange Rate", "Exch. Rate", "Rate", "Conversion Rate",
                 "為替レート", "換算レート", "レート"),
    },
    "Orders": {
        "item_id": _ITEM,
        "supplier_id": _SUPPLIER,
        # the quantity still to come first, then the quantity ordered
        "quantity": ("Open Quantity", "Still to be Delivered", "Still to be Delivered (qty)",
                     "Remaining Quantity", "Open Qty", "Open PO Quantity", "発注残数量",
                     "発注残", "注残数量", "残数量", "未入荷数量", "MENGE", "Quantity",
                     "Order Quantity", "PO Quantity", "Quantity Ordered", "Qty Ordered",
                     "発注数量", "注文数量"),
        "due_date": ("EINDT", "Delivery Date", "Deliv. Date", "Due Date", "Need By Date",
                     "Promised Date", "Requested Receipt Date", "Confirmed Delivery Date",
                     "Stat.-Rel. Del. Date", "納期", "納入予定日", "入荷予定日", "納期日",
                     "納入日"),
    },
}
# Sheet (or CSV file) names of each table in ERP exports; the template's own names and
# Japanese aliases are read by normalise
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "Items": ("MARA", "MAKT", "MARC", "Material", "Materials", "Material Master", "Items",
              "Item Master", "Products", "品目マスタ", "品目"),
    "BOM": ("STPO", "STKO", "STAS", "BOM", "Bill of Material", "Bills of Material",
            "Structure", "部品表", "部品構成"),
    "Demand": ("PIR", "PBIM", "PBED", "Demand", "Independent Requirements",
               "Planned Independent Requirements", "Requirements", "需要", "需要予測"),
    "Forecast": ("PBED", "Forecast", "Monthly Forecast", "Sales Plan", "需要予測", "販売計画",
                 "生産計画"),
    "Stock": ("MARD", "MCHB", "MBEW", "Stock", "Stocks", "Inventory", "On Hand", "在庫"),
    "Suppliers": ("LFA1", "Vendor", "Vendors", "Vendor Master", "Supplier", "Suppliers",
                  "仕入先", "仕入先マスタ"),
    "Sources": ("EORD", "EINA", "EINE", "Quota", "Quotas", "Quota Arrangement", "EQUP",
                "Source List", "Info Record", "Info Records", "Purchasing Info",
                "調達先", "購買情報"),
    "Orders": ("EKPO", "EKET", "EKKO", "Purchase Orders", "Open Orders", "PO", "POs",
               "発注残", "注文残", "発注"),
    "Alternates": ("Alternates", "Substitutes", "Alternative Materials", "代替品"),
    "Rates": ("TCURR", "Exchange Rates", "Rates", "Currency Rates", "為替レート", "為替"),
    "Settings": ("Settings", "Parameters", "設定"),
}
# What codes in ERP exports mean (besides what the template reads itself: product, 製品 …)
CODE_NAMES: dict[str, dict[str, str]] = {
    "kind": {"fert": "product", "halb": "component", "roh": "material", "hibe": "material",
             "verp": "material", "fg": "product", "finished good": "product",
             "finished goods": "product", "finished": "product", "sfg": "component",
             "semi-finished": "component", "semi-finished good": "component",
             "subassembly": "component", "assembly": "component", "rm": "material",
             "raw": "material", "raw material": "material", "raw materials": "material",
             "purchased": "material", "半製品": "component", "仕掛品": "component",
             "中間品": "component", "原材料": "material", "原料": "material",
             "購入品": "material", "素材": "material", "完成品": "product",
             "商品": "product"},
    "per": {"m": "month", "mon": "month", "monthly": "month", "w": "week", "wk": "week",
            "weekly": "week", "d": "day", "t": "day", "daily": "day", "y": "year",
            "yr": "year", "yearly": "year", "annual": "year", "j": "year"},
    "yesno": {"x": "yes"},  # SAP's ticked box
    "supplier_kind": {"manufacturer": "producer", "distributor": "trader",
                      "dealer": "trader", "kred": "producer", "メーカー": "producer",
                      "製造": "producer", "商社": "trader", "代理店": "trader"},
}
# SAP's internal units of measure (and ISO codes) as the template's samples write units
UNIT_CODES = {"pc": "pcs", "pce": "pcs", "st": "pcs", "ea": "pcs", "each": "pcs",
              "piece": "pcs", "pieces": "pcs", "pcs": "pcs", "kg": "kg", "kgm": "kg",
              "g": "g", "grm": "g", "t": "t", "to": "t", "tne": "t", "l": "l", "ltr": "l",
              "m": "m", "mtr": "m", "set": "set", "lb": "lb"}
# a number code of a kind column, as Japanese ERPs number their 品目区分
NUMBERED_KINDS = {"1": "product", "2": "component", "3": "material"}
PRICE_UNIT_NAMES = ("PEINH", "Price Unit", "Price Per", "Per Quantity", "価格単位",
                    "単価単位")


@dataclass
class Match:
    """The source header found for a template column, its letter and how alike they are
    (1: the same name)."""

    header: str
    letter: str
    score: float


@dataclass
class CodeGuess:
    """A code found in a code column, how many cells hold it, and its guessed meaning
    (None: no guess; the buyer says)."""

    code: str
    count: int
    translation: str | None


@dataclass
class Guess:
    """A mapping guessed from the headers, with what it rests on."""

    mapping: Mapping
    matches: dict[str, dict[str, Match]] = field(default_factory=dict)  # table, column
    codes: dict[str, dict[str, list[CodeGuess]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the factors cannot say

    def text(self) -> str:
        """The guess for a reader: each table's sheet, then each template column beside
        the source header feeding it and its score, its factor and its codes; required
        columns without a source marked."""
        lines: list[str] = []
        for spec in SHEETS:
            table = self.mapping.tables.get(spec.name)
            if table is None:
                continue
            lines.append(_("{table} ← sheet {sheet} (header on row {row})").format(
                table=spec.name, sheet=table.sheet, row=table.header_row))
            found = self.matches.get(spec.name, {})
            width = max(len(c.name) for c in spec.columns) + 2
            for column in spec.columns:
                match = found.get(column.name)
                name = (column.name + (" *" if column.required else "")).ljust(width)
                if match is None:
                    if column.required:
                        lines.append("  " + _("{column} ← (no source column found)").format(
                            column=name))
                    continue
                line = _("{column} ← {header} ({letter}, {score})").format(
                    column=name, header=match.header, letter=match.letter,
                    score=f"{match.score:.2f}")
                if column.name in table.scale:
                    line += "  " + _("× {factor}").format(
                        factor=f"{table.scale[column.name]:g}")
                lines.append("  " + line)
                for code in self.codes.get(spec.name, {}).get(column.name, []):
                    lines.append("      " + (ngettext(
                        "{code} → {translation} ({count} cell)",
                        "{code} → {translation} ({count} cells)", code.count)
                        if code.translation else ngettext(
                        "{code} → ? ({count} cell): no guess; give its translation",
                        "{code} → ? ({count} cells): no guess; give its translation",
                        code.count)).format(code=code.code, translation=code.translation,
                                            count=fmt.count(code.count)))
        missing = [t for t in GUESSED_TABLES if t not in self.mapping.tables]
        if missing:
            lines.append(_("No sheet found for: {tables}").format(tables=", ".join(missing)))
        lines += self.notes
        lines.append(_("* required. A guess: check it, correct the mapping, then import "
                       "with --mapping."))
        return "\n".join(lines)


_PUNCTUATION = re.compile(r"[\s()\[\]{}【】「」『』〔〕（）%_\-.,:/#・]+")


def name_key(text: object) -> str:
    """A header or name as compared: width, case, spaces and punctuation folded."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def _keys(names: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(k for k in map(name_key, names) if k))


_COLUMN_KEYS = {table: {column: _keys(names) for column, names in columns.items()}
                for table, columns in NAMES.items()}
_SHEET_KEYS = {table: set(_keys(names)) for table, names in SHEET_NAMES.items()}
_PRICE_UNIT_KEYS = set(_keys(PRICE_UNIT_NAMES))


def header_score(table: str, column: str, header: object) -> float:
    """How well a source header names a template column: 1 for one of the column's
    names (the template's own and its Japanese aliases among them), a close name its
    similarity times FUZZY_WEIGHT, else 0."""
    key = name_key(header)
    if not key:
        return 0.0
    names = _COLUMN_KEYS.get(table, {}).get(column, [])
    if key in names or normalise(header) == column or key == name_key(column):
        return 1.0
    best = 0.0
    for name in [*names, name_key(column)]:
        if min(len(name), len(key)) < 3:
            continue
        ratio = difflib.SequenceMatcher(None, key, name).ratio()
        best = max(best, ratio * FUZZY_WEIGHT)
    return best if best >= MATCH_THRESHOLD else 0.0


def _rank(table: str, column: str, header: object) -> int:
    """Where the header stands among the column's names (the first, the likeliest):
    which of two equal scores wins (SAP's EKPO has an Item, the line's number, and a
    Material; an open quantity is preferred to the quantity ordered)."""
    names = _COLUMN_KEYS.get(table, {}).get(column, [])
    key = name_key(header)
    return names.index(key) if key in names else len(names)


@dataclass
class _Candidate:
    sheet: RawSheet
    header_index: int
    matches: dict[str, tuple[int, float]]  # column -> (position, score)
    coverage: float  # of the required columns, by score
    complete: bool  # every required column found
    named: bool  # the sheet's name is one of the table's
    score: float


def _candidate(spec: Sheet, raw: RawSheet, h: int) -> _Candidate:
    """The best columns of ``raw`` for the table (each header feeds one column, the best
    scores first) and how well the sheet fits it."""
    header = raw.rows[h] if raw.rows else []
    pairs = []
    for column in spec.columns:
        for j, cell in enumerate(header):
            if parsing.is_blank(cell):
                continue
            score = header_score(spec.name, column.name, cell)
            if score:
                pairs.append((score, column.required, -_rank(spec.name, column.name, cell),
                              -j, column.name, j))
    pairs.sort(reverse=True)
    matches: dict[str, tuple[int, float]] = {}
    used: set[int] = set()
    for score, *_order, column_name, j in pairs:
        if column_name not in matches and j not in used:
            matches[column_name] = (j, score)
            used.add(j)
    required = [c.name for c in spec.columns if c.required]
    coverage = sum(matches[c][1] for c in required if c in matches) / len(required)
    optional = sum(s for c, (_j, s) in matches.items() if c not in required)
    named = (name_key(raw.name) in _SHEET_KEYS.get(spec.name, set())
             or normalise(raw.name) == spec.key)
    score = coverage + 0.05 * optional + (SHEET_NAME_BONUS if named else 0.0)
    return _Candidate(raw, h, matches, coverage, all(c in matches for c in required), named,
                      score)


def guess_mapping(source: Path, book: RawBook | None = None) -> Guess:
    """A mapping guessed from the source's sheets and headers (see the module
    docstring), with the header matched to each column, the codes found and notes.
    ``book``: the source already read (read_source), so that it is not read twice."""
    book = read_source(source) if book is None else book
    sheets = [raw for raw in book.sheets.values() if raw.rows]
    headers = {raw.name: find_header_row(raw) for raw in sheets}
    candidates = [(spec, _candidate(spec, raw, headers[raw.name]))
                  for spec in SHEETS if spec.name in GUESSED_TABLES for raw in sheets]
    # Settings only from a sheet so named: its one required column (key) is too easily found
    candidates = [(spec, c) for spec, c in candidates if c.coverage >= MIN_COVERAGE
                  and (spec.name != "Settings" or c.named)]
    # complete fits first; a sheet a table fits completely is not given to a table it
    # fits only in part (an order sheet is no demand without its period)
    candidates.sort(key=lambda sc: (sc[1].complete, sc[1].score), reverse=True)
    chosen: dict[str, _Candidate] = {}
    claimed: set[str] = set()
    for spec, candidate in candidates:
        if spec.name in chosen or (not candidate.complete
                                   and candidate.sheet.name in claimed):
            continue
        chosen[spec.name] = candidate
        if candidate.complete:
            claimed.add(candidate.sheet.name)
    guess = Guess(Mapping(layout=layout_key_of(book)))
    for spec in SHEETS:
        if spec.name in chosen:
            _fill(guess, spec, chosen[spec.name])
    return guess


def _fill(guess: Guess, spec: Sheet, candidate: _Candidate) -> None:
    """The table's mapping, matches, codes and factors from the sheet chosen for it."""
    raw, h = candidate.sheet, candidate.header_index
    header = raw.rows[h]
    body = raw.rows[h + 1:]
    table = TableMapping(raw.name, raw.first_row + h)
    matches: dict[str, Match] = {}
    for column in spec.columns:
        if column.name not in candidate.matches:
            continue
        j, score = candidate.matches[column.name]
        text = str(header[j]).strip()
        table.columns[column.name] = text
        matches[column.name] = Match(text, column_letter(j), round(score, 2))
        values = [r[j] if j < len(r) else None for r in body]
        if column.name == "unit" and spec.name == "Items":
            _units(guess, table, values)
        elif column.type in CODE_TYPES:
            found = _codes(column.type, values)
            if found:
                guess.codes.setdefault(spec.name, {})[column.name] = found
                if not all(_reads_as_is(column.type, c.code) for c in found):
                    table.values[column.name] = {c.code: c.translation for c in found
                                                 if c.translation}
        if column.type == "share" and _percent(values):
            table.scale[column.name] = 0.01
    if "unit_price" in table.columns:
        factor = _price_unit(spec.name, header, body, guess)
        if factor is not None:
            table.scale["unit_price"] = factor
    guess.mapping.tables[spec.name] = table
    guess.matches[spec.name] = matches


def _units(guess: Guess, table: TableMapping, values: list[object]) -> None:
    """Units as codes (SAP's PC, KG): each one's usual name; a translation of every unit
    when one of them reads otherwise (the others as they are)."""
    counts = Counter(_code_text(v) for v in values if not parsing.is_blank(v))
    found = [CodeGuess(code, count, UNIT_CODES.get(code_key(code), code))
             for code, count in counts.most_common()]
    if any(c.translation != c.code for c in found):
        guess.codes.setdefault("Items", {})["unit"] = found
        table.values["unit"] = {c.code: c.translation or c.code for c in found}


def _reads_as_is(what: str, code: str) -> bool:
    """Whether the template reads the code itself (product, 製品, month, 月 …)."""
    _out, _blank, messages = PARSERS[what]([code])
    return not messages


def _codes(what: str, values: list[object]) -> list[CodeGuess]:
    """The distinct codes of a column, most frequent first, each with its guessed
    meaning."""
    counts = Counter(_code_text(v) for v in values if not parsing.is_blank(v))
    if not counts:
        return []
    numbered = what == "kind" and {code_key(c) for c in counts} <= set(NUMBERED_KINDS)
    found = []
    for code, count in counts.most_common():
        found.append(CodeGuess(code, count, code_meaning(what, code, numbered)))
    return found


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def code_meaning(what: str, code: str, numbered: bool) -> str | None:
    out, _blank, messages = PARSERS[what]([code])
    if not messages and out[0] is not None:  # type: ignore[index]
        return str(out[0])  # type: ignore[index]
    key = code_key(code)
    if numbered:
        return NUMBERED_KINDS.get(key)
    return CODE_NAMES.get(what, {}).get(key)


def _percent(values: list[object]) -> bool:
    """Whether a share column holds percent numbers: some over 1, none over 100."""
    numbers, blank, _messages = parsing.parse_numbers(values)
    numbers = numbers[~blank & np.isfinite(numbers)]
    return bool(len(numbers) and (numbers > 1).any() and (numbers <= 100).all())


def _price_unit(table: str, header: list[object], body: list[list[object]],
                guess: Guess) -> float | None:
    """The factor of prices given per a "Price Unit" (SAP's PEINH) of one value over 1
    (0.001 for prices per 1,000 units); a note when the unit varies from row to row."""
    at = next((j for j, cell in enumerate(header) if name_key(cell) in _PRICE_UNIT_KEYS),
              None)
    if at is None:
        return None
    numbers, blank, _messages = parsing.parse_numbers(
        [r[at] if at < len(r) else None for r in body])
    units: list[float] = sorted(set(numbers[~blank & np.isfinite(numbers)].tolist()))
    if len(units) == 1 and units[0] > 1:
        return 1.0 / units[0]
    if len(units) > 1:
        guess.notes.append(_(
            "{table}: the prices are per a price unit that varies from row to row ({units}); "
            "a factor cannot follow it: give the prices per unit in the export").format(
                table=table, units=", ".join(f"{u:g}" for u in units[:6])))
    return None
