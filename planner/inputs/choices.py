"""Reading cells that hold one of a few words or codes: kind, per, supplier kind, yes/no,
countries (and an unknown origin) and currencies.

Split from planner.inputs.parsing, which reads numbers, shares, dates, months, ids and
texts; the parsers here take a column of raw cell values the same way and return the
values, a mask of blank cells and a located message for every cell they cannot read.

Rules (README, "What the template accepts"):
- kind, per and supplier kind: English words and their usual variants, or Japanese (製品,
  部品, 材料; 日, 週, 月, 年, 毎月 ...; 商社), any case, full-width letters too.
- yes/no: yes/no, true/false, 1/0, はい/いいえ, ○/×.
- country codes: ISO 3166-1 alpha-2, any case; an origin may also be "unknown" (不明).
- currencies: ISO 4217 codes, any case.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Sequence
from functools import cache
from itertools import repeat

import numpy as np

from planner.core import countries
from planner.core.i18n import _, pgettext
from planner.inputs.cell_messages import CellMessage, Messages, cell, shown
from planner.inputs.parsing import _NONE, _only_texts, is_blank
from planner.inputs.schema import KINDS, PERIODS, SUPPLIER_KINDS, UNKNOWN_ORIGIN, YES_NO

_SYNONYMS = {
    "kind": {k: k for k in KINDS}
    | {k + "s": k for k in KINDS}
    | {"raw material": "material", "raw_material": "material", "part": "component"}
    # Japanese: a 半製品 (a part made in the house and used in a product) is a component;
    # 商品 (goods bought for resale) is left out, as it may be none of the three
    | {"製品": "product", "完成品": "product", "最終製品": "product",
       "部品": "component", "構成部品": "component", "購入部品": "component",
       "半製品": "component", "中間品": "component",
       "材料": "material", "原材料": "material", "原料": "material", "素材": "material"},
    # Suppliers kind: a trader (商社) sells what others mined or refined
    "supplier_kind": {k: k for k in SUPPLIER_KINDS}
    | {k + "s": k for k in SUPPLIER_KINDS}
    | {"manufacturer": "producer", "maker": "producer", "refiner": "producer",
       "miner": "producer", "mine": "producer", "smelter": "producer",
       "trading house": "trader", "trading company": "trader", "distributor": "trader",
       "agent": "trader", "dealer": "trader", "broker": "trader", "reseller": "trader"}
    | {"生産者": "producer", "メーカー": "producer", "製造元": "producer",
       "製造業者": "producer", "精錬所": "producer", "製錬所": "producer",
       "鉱山": "producer", "生産": "producer",
       "商社": "trader", "代理店": "trader", "販売代理店": "trader", "問屋": "trader",
       "卸": "trader", "卸売": "trader", "ディストリビューター": "trader",
       "トレーダー": "trader", "流通": "trader"},
    "per": {p: p for p in PERIODS}
    | {p + "s": p for p in PERIODS}
    | {"daily": "day", "d": "day", "weekly": "week", "wk": "week", "w": "week",
       "monthly": "month", "mo": "month", "yearly": "year", "annual": "year",
       "annually": "year", "yr": "year", "y": "year"}
    | {"日": "day", "毎日": "day", "日次": "day", "日当たり": "day", "日あたり": "day",
       "1日": "day", "1日あたり": "day", "1日当たり": "day",
       "週": "week", "毎週": "week", "週次": "week", "週当たり": "week",
       "週あたり": "week", "1週": "week", "1週間": "week", "週間": "week",
       "月": "month", "毎月": "month", "月次": "month", "月当たり": "month",
       "月あたり": "month", "1か月": "month", "1ヶ月": "month", "1ヵ月": "month",
       "1カ月": "month", "月間": "month",
       "年": "year", "毎年": "year", "年次": "year", "年当たり": "year", "年あたり": "year",
       "1年": "year", "1年間": "year", "年間": "year"},
}


def _choice_key(value: str) -> str:
    """A choice as looked up: case folded, spaces around left out; full-width letters and
    digits as ASCII ("１日", "ＭＯＮＴＨ") and the spaces inside Japanese ("1 か月") too."""
    key = value.strip().lower()
    if key.isascii():
        return key
    key = unicodedata.normalize("NFKC", key).strip().lower()
    return key if key.isascii() else "".join(key.split())


def parse_choices(values: Sequence[object], what: str
                  ) -> tuple[list[str | None], np.ndarray, Messages]:
    """Case-insensitive choice from a small set (kind, per)."""
    synonyms = _SYNONYMS[what]
    if _only_texts(values):  # fast path: every cell is text
        out = list(map(synonyms.get, values))  # type: ignore[arg-type]
        missed = np.flatnonzero(np.fromiter(map(operator.is_, out, repeat(None)), dtype=bool,
                                            count=len(out)))
        if len(missed) > len(out) // 8:  # case and spaces folded in every cell
            keys = list(map(str.lower, map(str.strip, values)))  # type: ignore[arg-type]
            out = list(map(synonyms.get, keys))
            blank = np.fromiter(map(operator.not_, keys), dtype=bool, count=len(keys))
            unknown = np.fromiter(map(operator.is_, out, repeat(None)), dtype=bool,
                                  count=len(out)) & ~blank
            for i in np.flatnonzero(unknown).tolist():  # full-width: "ＤＡＹ", "１日"
                if not keys[i].isascii():
                    out[i] = synonyms.get(_choice_key(keys[i]))
                    unknown[i] = out[i] is None
        else:  # most cells as they should be: the others folded one by one
            blank = np.zeros(len(out), dtype=bool)
            unknown = np.zeros(len(out), dtype=bool)
            for i in missed.tolist():
                key = _choice_key(values[i])  # type: ignore[arg-type]
                out[i] = synonyms.get(key)
                blank[i] = not key
                unknown[i] = out[i] is None and bool(key)
        return out, blank, {i: _not_a_choice(what, values[i])
                            for i in np.flatnonzero(unknown).tolist()}
    out = []
    blank = np.zeros(len(values), dtype=bool)
    messages: Messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            out.append(None)
            blank[i] = True
            continue
        key = _choice_key(str(v))
        if key in synonyms:
            out.append(synonyms[key])
        else:
            out.append(None)
            messages[i] = _not_a_choice(what, v)
    return out, blank, messages


def choice_names(what: str) -> list[str]:
    """The values a kind or per cell takes, as a template written now offers them:
    product, component, material (製品, 部品, 材料 in Japanese, read as the same)."""
    if what == "kind":
        return [pgettext("kind", "product"), pgettext("kind", "component"),
                pgettext("kind", "material")]
    if what == "supplier_kind":
        return [pgettext("supplier kind", "producer"), pgettext("supplier kind", "trader")]
    if what == "yesno":
        return [pgettext("yes no", "yes"), pgettext("yes no", "no")]
    return [pgettext("per", "day"), pgettext("per", "week"), pgettext("per", "month"),
            pgettext("per", "year")]


def _not_a_choice(what: str, value: object) -> CellMessage:
    """"kind must be one of product, component, material, got ..." (named: its text names
    the column, as it always has)."""
    choices = pgettext("list separator", ", ").join(choice_names(what))
    return cell(_("{column} must be one of {choices}, got {value}"), what, choices=choices,
                value=shown(value))


# a yes/no cell (Sources secondary): the words, marks and numbers a buyer writes for either;
# 〇/○ and × are how a Japanese sheet ticks a box
_YES_NO: dict[str, str] = (
    {"yes": "yes", "y": "yes", "true": "yes", "t": "yes", "1": "yes", "on": "yes",
     "✓": "yes", "✔": "yes", "secondary": "yes", "recycled": "yes",
     "reprocessed": "yes",
     "no": "no", "n": "no", "false": "no", "f": "no", "0": "no", "off": "no",
     "primary": "no"}
    | {"はい": "yes", "有": "yes", "有り": "yes", "あり": "yes", "○": "yes", "〇": "yes",
       "◯": "yes", "二次": "yes", "二次原料": "yes", "リサイクル": "yes", "リサイクル材": "yes",
       "再生": "yes", "再生材": "yes", "該当": "yes",
       "いいえ": "no", "無": "no", "無し": "no", "なし": "no", "×": "no", "✕": "no",
       "一次": "no", "一次原料": "no", "非該当": "no", "該当なし": "no"})


def parse_yes_no(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    """A yes/no cell as "yes" or "no" (blank: None, which the engine reads as no): the
    words in English or Japanese (はい/いいえ, ○/×), true/false, 1/0 and a spreadsheet's
    TRUE/FALSE; anything else is a located message naming both answers."""
    messages: Messages = {}
    get = _YES_NO.get
    if set(map(type, values)) <= {str, _NONE}:  # fast path: text and empty cells
        out: list[str | None] = list(map(get, values))  # type: ignore[arg-type]
        n = len(out)
        blank = np.fromiter(map(operator.is_, values, repeat(None)), dtype=bool, count=n)
        missed = np.fromiter(map(operator.is_, out, repeat(None)), dtype=bool, count=n)
        for i in np.flatnonzero(missed & ~blank).tolist():
            text: str = values[i]  # type: ignore[assignment]
            out[i] = get(_choice_key(text))
            if out[i] is None:
                if text.strip():
                    messages[i] = _not_yes_no(text)
                else:
                    blank[i] = True
        return out, blank, messages
    out = []
    blank = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if type(v) is str:
            found = get(v) or get(_choice_key(v))
            if found is None and not v.strip():
                blank[i] = True
        elif is_blank(v):
            found = None
            blank[i] = True
        elif isinstance(v, bool):
            found = YES_NO[0] if v else YES_NO[1]
        elif isinstance(v, (int, float)) and v in (0, 1):
            found = YES_NO[0] if v == 1 else YES_NO[1]
        else:
            found = None
        out.append(found)
        if found is None and not blank[i]:
            messages[i] = _not_yes_no(v)
    return out, blank, messages


def _not_yes_no(value: object) -> CellMessage:
    yes, no = choice_names("yesno")
    return cell(_("{column} must be {yes} or {no} (blank: {no}), got {value}"), yes=yes, no=no,
                value=shown(value))


@cache
def _countries() -> tuple[frozenset[str], dict[str, str]]:
    import pycountry

    codes = frozenset(c.alpha_2 for c in pycountry.countries)
    by_name: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                by_name[name.lower()] = c.alpha_2
        by_name[c.alpha_3.lower()] = c.alpha_2
    by_name.update({"uk": "GB", "great britain": "GB", "england": "GB", "usa": "US",
                    "south korea": "KR", "korea": "KR", "russia": "RU", "vietnam": "VN",
                    "taiwan": "TW", "drc": "CD", "congo": "CD", "dr congo": "CD"})
    return codes, by_name


def country_codes() -> frozenset[str]:
    return _countries()[0]


def country_of_name(name: str) -> str | None:
    """The ISO code of a country named in English (its ISO name, common name, official
    name, alpha-3 code or a usual short name; any case), or None."""
    return _countries()[1].get(name.strip().lower())


def country_name(code: str) -> str:
    """The English name of ``code``: scripts' output (``--json``) never changes language."""
    return countries.country_name(code, "en")


def parse_countries(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    codes, by_name = _countries()
    messages: Messages = {}
    if _only_texts(values):  # fast path: every cell is text, nearly all of them codes
        keys = list(map(str.upper, map(str.strip, values)))  # type: ignore[arg-type]
        known = np.fromiter(map(codes.__contains__, keys), dtype=bool, count=len(keys))
        blank = np.fromiter(map(operator.not_, keys), dtype=bool, count=len(keys))
        texts: list[str | None] = [k if ok else None for k, ok in zip(keys, known.tolist(),
                                                                      strict=True)]
        for i in np.flatnonzero(~known & ~blank).tolist():
            messages[i] = _not_a_country(values[i], by_name)
        return texts, blank, messages
    out: list[str | None] = []
    blank = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if is_blank(v):
            out.append(None)
            blank[i] = True
            continue
        code = str(v).strip().upper()
        if code in codes:
            out.append(code)
            continue
        out.append(None)
        messages[i] = _not_a_country(v, by_name)
    return out, blank, messages


# Sources origin_country: "unknown" (and its Japanese) when the buyer does not know it
_UNKNOWN_WORDS = frozenset({UNKNOWN_ORIGIN, "unknown origin", "not known", "?", "??",
                            "不明", "原産国不明", "未確認", "わからない"})


def unknown_origin_name() -> str:
    """"unknown" as an origin cell in the language chosen writes it (不明)."""
    return pgettext("origin", "unknown")  # UNKNOWN_ORIGIN, written out for the catalogue


def parse_origins(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    """Countries as :func:`parse_countries`, and "unknown" (any case; 不明 in Japanese)
    read as :data:`UNKNOWN_ORIGIN`: an origin the buyer does not know, which look-through
    spreads over the world's producers (planner.analysis.lookthrough)."""
    out, blank, messages = parse_countries(values)
    for i in list(messages):
        if _choice_key(str(values[i])) in _UNKNOWN_WORDS:
            out[i] = UNKNOWN_ORIGIN
            del messages[i]
    return out, blank, messages


def _not_a_country(value: object, by_name: dict[str, str]) -> CellMessage:
    guess = by_name.get(str(value).strip().lower())
    if guess:
        return cell(_("{column} must be an ISO 3166 alpha-2 country code such as CN (did "
                      "you mean {guess}?), got {value}"), guess=guess, value=shown(value))
    return cell(_("{column} must be an ISO 3166 alpha-2 country code such as CN, got "
                  "{value}"), value=shown(value))


# --- currencies (Items, Sources, Rates) ---------------------------------------------------

@cache
def _currencies() -> tuple[frozenset[str], dict[str, str]]:
    import pycountry

    codes = frozenset(c.alpha_3 for c in pycountry.currencies)
    by_name = {c.name.lower(): c.alpha_3 for c in pycountry.currencies}
    by_name.update({"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
                    "€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP",
                    "yen": "JPY", "円": "JPY", "yuan": "CNY", "rmb": "CNY", "元": "CNY",
                    "人民元": "CNY", "renminbi": "CNY", "a$": "AUD", "won": "KRW",
                    "ntd": "TWD", "nt$": "TWD", "rupee": "INR", "rupees": "INR"})
    return codes, by_name


def currency_codes() -> frozenset[str]:
    """The ISO 4217 currency codes."""
    return _currencies()[0]


def parse_currency(value: object) -> tuple[str | None, str]:
    """An ISO 4217 code from a cell ("usd" reads as USD), or (None, the message)."""
    codes, by_name = _currencies()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.upper() in codes:
        return text.upper(), ""
    if text in ("¥", "￥"):  # both the yen and the yuan
        return None, cell(_("{column} must be an ISO 4217 currency code such as USD, EUR or "
                            "JPY (JPY for yen, CNY for yuan), got {value}"),
                          value=shown(value))
    if guess := by_name.get(text.lower()):
        return None, cell(_("{column} must be an ISO 4217 currency code such as USD, EUR or "
                            "JPY (did you mean {guess}?), got {value}"), guess=guess,
                          value=shown(value))
    return None, cell(_("{column} must be an ISO 4217 currency code such as USD, EUR or JPY, "
                        "got {value}"), value=shown(value))


def parse_currencies(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    out: list[str | None] = []
    blank = np.zeros(len(values), dtype=bool)
    messages: Messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            out.append(None)
            blank[i] = True
            continue
        code, message = parse_currency(v)
        out.append(code)
        if message:
            messages[i] = message
    return out, blank, messages
