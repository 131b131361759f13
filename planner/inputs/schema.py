"""The import template as data: sheets, columns, their types and rules.

This table is the single source of truth for reading workbooks and CSV files, validating
them, storing them in a project file and writing them back out. docs/template.md describes the
same template for people.

Sheets, columns and settings also carry their Japanese names (``aliases``): a workbook or
CSV file may name them either way, and :func:`normalise` reads both as the English key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pandas as pd

from planner.core.i18n import N_, _, japanese

ColumnType = Literal["id", "text", "kind", "per", "number", "share", "date", "country",
                     "month", "currency", "origin", "supplier_kind", "yesno"]
Rule = Literal["any", "nonneg", "positive"]

STRING = pd.StringDtype()
FLOAT = "float64"
DATE = "datetime64[s]"

KINDS = ("product", "component", "material")
SUPPLIER_KINDS = ("producer", "trader")  # Suppliers kind: blank is a producer
YES_NO = ("yes", "no")  # a yes/no column (Sources secondary) as stored: blank is no
UNKNOWN_ORIGIN = "unknown"  # Sources origin_country: the buyer does not know it
PERIODS = ("day", "week", "month", "year")
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.0 / 12.0, "year": 365.0}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    rule: Rule = "any"
    note: str = ""  # shown in the template's header comment
    since: int = 1  # the project file format that first stores it (planner.inputs.storage)
    # other names read as this one (Japanese): the first is the one written in Japanese
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The header a template written now gives the column: its first Japanese name
        in Japanese, else its name."""
        return _written_name(self.name, self.aliases)

    @property
    def label(self) -> str:
        """The column as a message names it: "qty_per" in English, "員数（qty_per）" in
        Japanese, so that a Japanese reader finds the header and a script the key."""
        return _label(self.name, self.aliases)

    @property
    def description(self) -> str:
        """The note in the language chosen ("" when the column has none)."""
        return _(self.note) if self.note else ""

    @property
    def dtype(self) -> object:
        if self.type in ("number", "share"):
            return FLOAT
        if self.type in ("date", "month"):
            return DATE
        return STRING


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    since: int = 1  # the project file format that first stores it
    aliases: tuple[str, ...] = ()  # as Column.aliases

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def heading(self) -> str:
        """The sheet's name in a template written now (its first Japanese name in
        Japanese)."""
        return _written_name(self.name, self.aliases)

    @property
    def label(self) -> str:
        """The sheet as a message names it: "BOM", or "部品表（BOM）" in Japanese."""
        return _label(self.name, self.aliases)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def empty_frame(self) -> pd.DataFrame:
        return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in self.columns})


# Japanese names shared by several sheets (Column.aliases)
_ITEM_ID = ("品目コード", "品番", "品目ID", "品目番号", "品目CD", "品目No")
_SUPPLIER_ID = ("仕入先コード", "仕入先ID", "仕入先番号", "仕入先CD", "仕入先No")
_CURRENCY = ("通貨", "通貨コード")
_TARGET_DAYS = ("目標在庫日数", "目標日数", "在庫目標日数", "目標在庫日数（日）")

SHEETS: tuple[Sheet, ...] = (
    Sheet("Items", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("name", "text", True, aliases=("品名", "品目名", "名称")),
        Column("kind", "kind", True, note=N_("product, component or material"),
               aliases=("区分", "品目区分", "種別")),
        Column("unit", "text", True, aliases=("単位",)),
        Column("unit_price", "number", rule="nonneg", note=N_("products: selling price"),
               aliases=("単価", "販売単価", "購入単価", "仕入単価")),
        Column("category", "text", aliases=("分類", "カテゴリ", "カテゴリー", "品目分類")),
        Column("currency", "currency", note=N_("of unit_price, ISO 4217; blank: the project's"),
               since=2, aliases=_CURRENCY),
        Column("commodity", "text",
               note=N_("a USGS commodity such as Rare Earths or Gallium; blank: from the "
                       "name and category; none: no commodity"),
               since=3, aliases=("鉱種", "鉱物資源", "原料鉱種")),
    ), aliases=("品目", "品目マスタ", "品目マスター", "品目一覧")),
    Sheet("BOM", (
        Column("parent_id", "id", True,
               aliases=("親品目コード", "親品目", "親品番", "親コード")),
        Column("child_id", "id", True,
               aliases=("子品目コード", "子品目", "子品番", "子コード")),
        Column("qty_per", "number", True, "positive",
               aliases=("員数", "構成数量", "構成数", "使用数量")),
        # a yield (歩留まり) is not a scrap rate: qty_per ÷ yield, not × (1 + scrap)
        Column("scrap_pct", "number", rule="nonneg",
               aliases=("スクラップ率（%）", "スクラップ率", "ロス率（%）", "ロス率",
                        "損耗率（%）", "損耗率")),
    ), required=False, aliases=("部品表", "部品構成表", "部品構成", "構成表")),
    Sheet("Demand", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("quantity", "number", True, "nonneg", aliases=("数量", "需要数量", "需要量")),
        Column("per", "per", True, note=N_("day, week, month or year"),
               aliases=("期間", "単位期間", "期間単位")),
        Column("cv", "number", rule="nonneg",
               note=N_("coefficient of variation of daily demand, e.g. 0.3"), since=2,
               aliases=("変動係数", "変動係数（CV）", "需要の変動係数")),
    ), aliases=("需要", "需要一覧")),
    Sheet("Forecast", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("month", "month", True, note=N_("2027-01, or a date in the month"),
               aliases=("年月", "対象月", "月")),
        Column("quantity", "number", True, "nonneg", note=N_("units in that calendar month"),
               aliases=("数量", "予測数量", "需要数量")),
    ), required=False, since=2, aliases=("需要予測", "予測", "販売予測", "月別需要予測")),
    Sheet("Stock", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("on_hand", "number", True, "nonneg",
               aliases=("在庫数量", "手持在庫", "手持在庫数", "在庫数", "現在庫", "現在庫数",
                        "手持数量")),
        Column("safety_stock", "number", rule="nonneg",
               aliases=("安全在庫", "安全在庫数", "安全在庫数量")),
        Column("target_days", "number", rule="nonneg", aliases=_TARGET_DAYS),
        Column("service_level", "share", since=2,
               note=N_("e.g. 95%: safety stock from demand variation when blank"),
               aliases=("サービス率", "サービスレベル", "目標サービス率")),
    ), aliases=("在庫", "在庫一覧")),
    Sheet("Suppliers", (
        Column("supplier_id", "id", True, aliases=_SUPPLIER_ID),
        Column("name", "text", True, aliases=("仕入先名", "仕入先名称", "名称")),
        Column("country", "country", True, note=N_("ISO 3166 alpha-2, e.g. CN"),
               aliases=("国コード", "国", "所在国")),
        Column("kind", "supplier_kind",
               note=N_("producer or trader; blank: producer"),
               since=3, aliases=("仕入先区分", "業態", "仕入先種別")),
    ), aliases=("仕入先", "仕入先マスタ", "仕入先マスター", "仕入先一覧")),
    Sheet("Sources", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("supplier_id", "id", True, aliases=_SUPPLIER_ID),
        Column("share", "share", True, note=N_("0.55 or 55%"),
               aliases=("調達比率", "比率", "購買比率", "割合", "シェア")),
        Column("unit_price", "number", rule="nonneg",
               aliases=("単価", "購入単価", "仕入単価")),
        Column("lead_time_days", "number", rule="nonneg",
               aliases=("リードタイム（日）", "リードタイム", "リードタイム日数",
                        "リードタイム（日数）", "LT（日）", "LT")),
        Column("capacity_per_month", "number", rule="nonneg",
               aliases=("月間供給能力", "供給能力（月）", "月間能力", "月産能力")),
        Column("moq", "number", rule="nonneg",
               aliases=("最小発注数量", "最小発注量", "最低発注数量", "最小ロット")),
        Column("origin_country", "origin",
               note=N_("blank: the supplier's country; unknown: not known"),
               aliases=("原産国", "原産国コード", "原産地")),
        Column("time_to_recover_days", "number", rule="nonneg", note=N_("blank: the stop's length"),
               aliases=("復旧日数", "復旧期間（日）", "復旧までの日数")),
        Column("currency", "currency", note=N_("of unit_price, ISO 4217; blank: the project's"),
               since=2, aliases=_CURRENCY),
        Column("lead_time_sd_days", "number", rule="nonneg",
               note=N_("standard deviation of the lead time"), since=2,
               aliases=("リードタイム標準偏差（日）", "リードタイム標準偏差",
                        "リードタイムの標準偏差", "LT標準偏差")),
        Column("order_multiple", "number", rule="nonneg",
               note=N_("order in multiples of this quantity"), since=2,
               aliases=("発注単位", "発注ロット", "発注倍数")),
        # recycled or reprocessed: its origin is where it is recovered, which world mine
        # production says nothing about (look-through never spreads it)
        Column("secondary", "yesno",
               note=N_("yes: recycled or reprocessed material (its origin: where it is "
                       "recovered); blank: no"),
               since=4, aliases=("二次原料", "リサイクル材", "再生材", "二次原料区分")),
    ), aliases=("調達先", "調達先一覧", "調達元")),
    Sheet("Orders", (
        Column("item_id", "id", True, aliases=_ITEM_ID),
        Column("supplier_id", "id", True, aliases=_SUPPLIER_ID),
        Column("quantity", "number", True, "positive",
               aliases=("発注残数量", "数量", "発注数量", "注文数量", "残数量")),
        Column("due_date", "date", True,
               aliases=("納期", "納入予定日", "入荷予定日", "納期日")),
    ), required=False, aliases=("発注残", "発注残一覧", "注文残", "発注", "発注一覧")),
    # a substitute an item may be replaced with in a disruption (planner.analysis.simulation)
    Sheet("Alternates", (
        Column("item_id", "id", True, note=N_("the item an alternate may replace"),
               aliases=_ITEM_ID),
        Column("alternate_id", "id", True,
               note=N_("an item of Items, with its own BOM or sources"),
               aliases=("代替品目コード", "代替品番", "代替品コード")),
        Column("ratio", "number", rule="positive",
               note=N_("units of the alternate per unit of the item; blank: 1"),
               aliases=("代替比率", "換算比率", "代替係数")),
        Column("qualification_days", "number", rule="nonneg",
               note=N_("days after a stop begins before the alternate can be used; blank: "
                       "0, already qualified"),
               aliases=("切替可能日数", "認定日数", "切替日数", "認定までの日数")),
        Column("max_share", "share",
               note=N_("the most of the item's requirement it may take; blank: 100%"),
               aliases=("代替上限比率", "代替上限", "最大代替比率")),
    ), required=False, since=5, aliases=("代替品", "代替品目", "代替品一覧", "代替材")),
    Sheet("Rates", (
        Column("currency", "currency", True, note=N_("ISO 4217, e.g. CNY"), aliases=_CURRENCY),
        Column("rate", "number", True, "positive",
               note=N_("units of the project's currency for one unit of this one"),
               aliases=("レート", "換算レート", "換算率")),
    ), required=False, since=2, aliases=("為替レート", "為替", "為替換算")),
    Sheet("Settings", (
        Column("key", "text", True, aliases=("項目", "設定項目", "キー")),
        Column("value", "text", aliases=("値", "設定値")),  # blank: the default
    ), required=False, aliases=("設定",)),
)


def _written_name(name: str, aliases: tuple[str, ...]) -> str:
    return aliases[0] if aliases and japanese() else name


def _label(name: str, aliases: tuple[str, ...]) -> str:
    return f"{aliases[0]}（{name}）" if aliases and japanese() else name


def _fold(text: str) -> str:
    """Case, spaces and punctuation folded (NFKC first, so that full-width letters are
    letters); letters of any script are kept, so that two Japanese names differ."""
    text = unicodedata.normalize("NFKC", text).strip().lower().replace("%", " pct ")
    return re.sub(r"[\W_]+", "_", text).strip("_")


# what an alias is matched by: spaces (the ideographic one too, after NFKC), brackets of
# either width and "%" left out, so that "リードタイム（日）", "リードタイム (日)" and
# "リードタイム日" are one name
_ALIAS_IGNORED = re.compile(r"[\s()\[\]{}【】「」『』〔〕%_\-]+")


def _alias_key(text: str) -> str:
    return _ALIAS_IGNORED.sub("", unicodedata.normalize("NFKC", text).lower())


def normalise(header: object) -> str:
    """Header, sheet name or setting as a canonical key: case, spaces and punctuation
    folded, and a Japanese alias read as the name it stands for.

    "Scrap %" -> "scrap_pct", "Item ID" -> "item_id", " qty-per " -> "qty_per",
    "リードタイム（日）" -> "lead_time_days", "品目" -> "items".
    """
    return _normalise(str(header))


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    return _ALIASES.get(_alias_key(text)) or _fold(text)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    type: Literal["date", "number", "share", "text"]
    default: object
    rule: Rule = "any"
    aliases: tuple[str, ...] = ()  # as Column.aliases, for the key in the Settings sheet

    @property
    def heading(self) -> str:
        """The key a template written now gives the setting (Japanese: its first alias)."""
        return _written_name(self.key, self.aliases)

    @property
    def label(self) -> str:
        """The setting as a message names it: "horizon_days", or
        "計画期間（日）（horizon_days）" in Japanese."""
        return _label(self.key, self.aliases)


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("as_of_date", "date", None,  # None: today
                aliases=("基準日", "評価基準日", "作成基準日")),
    SettingSpec("horizon_days", "number", 90.0, "positive",
                aliases=("計画期間（日）", "計画期間", "計画対象期間（日）", "計画日数")),
    SettingSpec("target_days", "number", 60.0, "nonneg", aliases=_TARGET_DAYS),
    SettingSpec("max_supplier_share", "share", 0.60,
                aliases=("仕入先別上限比率", "1仕入先あたりの上限比率", "仕入先集中の上限")),
    SettingSpec("max_country_share", "share", 0.60,
                aliases=("国別上限比率", "1か国あたりの上限比率", "国集中の上限")),
    SettingSpec("currency", "text", "USD", aliases=("基準通貨", "通貨")),
    SettingSpec("company", "text", "", aliases=("会社名", "社名")),
    SettingSpec("content_country", "text", "CN",
                aliases=("含有判定の対象国", "含有率の対象国", "含有対象国")),
    SettingSpec("content_threshold", "share", 0.001, "nonneg",
                aliases=("含有率の基準値", "含有率のしきい値", "デミニミス基準")),
    # how much stock is worth holding (planner.analysis.stockpile): assumptions to set
    SettingSpec("holding_cost_pct", "share", 0.15, "nonneg",
                aliases=("在庫保有コスト率", "在庫保管費率", "在庫保有費用率")),
    SettingSpec("likelihood_supplier_stop", "share", 0.05, "nonneg",
                aliases=("仕入先途絶の年間発生確率", "仕入先途絶の発生確率",
                         "仕入先停止の年間発生確率")),
    SettingSpec("likelihood_country_stop", "share", 0.02, "nonneg",
                aliases=("国別途絶の年間発生確率", "国別途絶の発生確率",
                         "国からの供給停止の年間発生確率")),
)
SETTING_BY_KEY: dict[str, SettingSpec] = {s.key: s for s in SETTINGS}


# The blank template's own sheets (planner.inputs.blank_template), read as no data; their
# Japanese names, as Sheet.aliases
AID_SHEETS: dict[str, tuple[str, ...]] = {
    "Instructions": ("記入方法", "入力方法", "記入要領", "使い方"),
    "Lists": ("リスト", "選択肢リスト", "選択肢"),
}


def aid_sheet_heading(name: str) -> str:
    """The name a template written now gives one of its own sheets ("Instructions")."""
    return _written_name(name, AID_SHEETS[name])


def _aliases() -> dict[str, str]:
    """Each alias (as _alias_key matches it) -> the key it stands for: a sheet's key, a
    column's name or a setting's key. An alias is read the same on every sheet (the
    header is normalised without its sheet), so it must stand for one key only."""
    named: list[tuple[str, tuple[str, ...]]] = []
    for spec in SHEETS:
        named.append((_fold(spec.name), spec.aliases))
        named += [(c.name, c.aliases) for c in spec.columns]
    named += [(s.key, s.aliases) for s in SETTINGS]
    named += [(_fold(name), aliases) for name, aliases in AID_SHEETS.items()]
    keys = {key for key, _ in named}
    found: dict[str, str] = {}
    for key, aliases in named:
        for alias in aliases:
            k = _alias_key(alias)
            if found.setdefault(k, key) != key or (_fold(alias) in keys and
                                                   _fold(alias) != key):
                raise ValueError(f"the alias {alias} stands for both {found[k]} and {key}")
    return found


_ALIASES: dict[str, str] = _aliases()
SHEET_BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}
TABLES: tuple[str, ...] = tuple(s.name for s in SHEETS if s.name != "Settings")


def sheet(name: str) -> Sheet:
    return SHEET_BY_KEY[normalise(name)]


def column_label(sheet_name: str, column: str) -> str:
    """A column as a message names it (:attr:`Column.label`): "qty_per", or in Japanese
    "員数（qty_per）"; a name the sheet does not have, as it is."""
    spec = SHEET_BY_KEY.get(normalise(sheet_name))
    found = next((c for c in spec.columns if c.name == column), None) if spec else None
    return column if found is None else found.label


def setting_label(key: str) -> str:
    """A setting as a message names it (:attr:`SettingSpec.label`); an unknown key as it
    is."""
    spec = SETTING_BY_KEY.get(key)
    return key if spec is None else spec.label


def sheet_label(name: str) -> str:
    """A sheet as a message names it (:attr:`Sheet.label`): "BOM", or "部品表（BOM）"."""
    spec = SHEET_BY_KEY.get(normalise(name))
    return name if spec is None else spec.label


def alias_table() -> str:
    """The Japanese names of the template's sheets, columns and settings as a Markdown
    table, for the README: the first is the one written, every one of them is read."""
    def names(aliases: tuple[str, ...]) -> str:
        return ", ".join(aliases)

    lines = ["| sheet | column or setting | Japanese names (the first is written) |",
             "|---|---|---|"]
    for spec in SHEETS:
        lines.append(f"| **{spec.name}** | | **{names(spec.aliases)}** |")
        lines += [f"| | {c.name} | {names(c.aliases)} |" for c in spec.columns]
        if spec.name == "Settings":
            lines += [f"| | {s.key} (a key) | {names(s.aliases)} |" for s in SETTINGS]
    return "\n".join(lines) + "\n"
