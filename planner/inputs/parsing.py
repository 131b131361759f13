"""Reading what people type into cells: numbers, shares, dates, codes.

Each parser takes one column of raw cell values (as read from xlsx or CSV) and returns
the typed values, a mask of blank cells and a message for every cell it cannot read.
The common case (a clean numeric column) takes a vectorised path; only the odd cells are
looked at one by one. The same parsers check what a user types into the window.

Rules (README, "What the template accepts"):
- numbers: numeric cells, or text such as "6,000" or "6 000" (thousands separators are
  accepted only in groups of three, so "6,5" is refused rather than read as 65);
  must be finite.
- shares: a fraction 0.55, a percent-formatted cell (stored as 0.55), or text "55%".
  A bare 55 is refused: it is ambiguous.
- dates: Excel date cells, Excel serial numbers, ISO text (2026-11-02, 2026/11/02),
  Japanese text (2026年11月2日) or day-first dotted text (02.11.2026); full-width digits too.
- kind and per: English words and their usual variants, or Japanese (製品, 部品, 材料;
  日, 週, 月, 年, 毎月 ...).
- country codes: ISO 3166-1 alpha-2, any case.
- ids: read in Unicode's composed form (NFC), so that an id typed with a separate accent
  is the id typed with an accented letter; a line break or a bidirectional control in an
  id is refused, another invisible character (a zero-width space) is kept with a warning.

The messages, and how they name a column, are planner.inputs.cell_messages; the names
of it that the validation uses through this module are exported here too.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from itertools import compress, repeat

import numpy as np
import pandas as pd

from planner.core import countries
from planner.core.i18n import _, ngettext, pgettext
from planner.inputs.cell_messages import (
    CellMessage,
    Messages,
    cell,
    number_comma_sentence,
    number_sentence,
)
from planner.inputs.cell_messages import as_positive as as_positive
from planner.inputs.cell_messages import is_warning as is_warning
from planner.inputs.cell_messages import named as named
from planner.inputs.cell_messages import printable as printable
from planner.inputs.cell_messages import shown as shown
from planner.inputs.schema import KINDS, PERIODS, SUPPLIER_KINDS, UNKNOWN_ORIGIN, YES_NO

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,\s\u00a0\u202f']\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")  # "6,5": refused, with a hint
_NOT_FINITE = frozenset({"inf", "infinity", "nan", "-inf", "+inf", "-infinity", "+infinity"})
# at most a time of midnight: "2026-11-30 00:00:00", or "2026/11/30 0:00" as Japanese Excel
# writes a date with a time into CSV
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})([T ]0?0:00(:00(\.0+)?)?)?$")
_JAPANESE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")  # 2026年11月30日
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


# types whose blankness blank_mask decides without is_blank: what readers give
_NONE = type(None)
_PLAIN_TYPES = frozenset({str, float, int, bool, _NONE, dt.date, dt.datetime, dt.time,
                          dt.timedelta})


def _as_list(values: Sequence[object]) -> list[object] | tuple[object, ...]:
    """values as a list or tuple of Python objects, indexed by position."""
    if isinstance(values, (list, tuple)):
        return values
    if isinstance(values, np.ndarray):
        return values.tolist()  # Python scalars, as np.asarray(values, dtype=object) gives
    return list(np.asarray(values, dtype=object))


def _text_blanks(texts: Sequence[str]) -> np.ndarray:
    """is_blank of every text: empty or only spaces."""
    return np.fromiter(map(operator.not_, map(str.strip, texts)), dtype=bool,
                       count=len(texts))


def blank_mask(values: Sequence[object]) -> np.ndarray:
    """is_blank of every value, as a mask.

    A column of a large sheet holds hundreds of thousands of cells of a few plain types
    (text, numbers, None): each type is sorted out by a pass in C (map, compress) rather
    than by a Python call per cell; other types take is_blank cell by cell.
    """
    values = _as_list(values)
    n = len(values)
    types = set(map(type, values))
    if types <= {str}:
        return _text_blanks(values)  # type: ignore[arg-type]
    if not types <= _PLAIN_TYPES:
        return np.fromiter(map(is_blank, values), dtype=bool, count=n)
    blank = np.zeros(n, dtype=bool)
    if str in types:
        is_text = np.fromiter(map(isinstance, values, repeat(str)), dtype=bool, count=n)
        blank[is_text] = _text_blanks(list(compress(values, is_text)))  # type: ignore[arg-type]
    if float in types:
        is_float = np.fromiter(map(isinstance, values, repeat(float)), dtype=bool, count=n)
        blank[is_float] = np.isnan(np.fromiter(compress(values, is_float), dtype=float,
                                               count=int(is_float.sum())))
    if _NONE in types:
        blank |= np.fromiter(map(operator.is_, values, repeat(None)), dtype=bool, count=n)
    return blank


def _only_texts(values: Sequence[object]) -> bool:
    """Every value is a str (not a subclass), as readers give text cells."""
    return set(map(type, values)) <= {str}


# Full-width forms (U+FF01-U+FF5E, and the ideographic space) as their ASCII letters:
# "１２．５" and "６０％" as a Japanese input method types them. Only these: NFKC would also
# read a superscript "10²" as 102.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _half_width(text: str) -> str:
    """Text with its full-width forms as ASCII ("１２．５" as "12.5"), stripped."""
    return text.strip() if text.isascii() else text.translate(_FULL_WIDTH).strip()


def _text_to_number(text: str) -> float | None:
    t = _half_width(text).replace("\u2212", "-")
    if _PLAIN.match(t):
        return float(t)
    if _THOUSANDS.match(t):
        return float(re.sub(r"[,\s\u00a0\u202f']", "", t))
    return None


def parse_numbers(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray, Messages]:
    """Numbers from raw cells: (float values, blank mask, messages by position)."""
    values = _as_list(values)
    n = len(values)
    out = np.full(n, np.nan)
    blank = np.zeros(n, dtype=bool)
    messages: Messages = {}
    # fast path: plain numeric cells (int or float, not bool), converted in one pass
    types = set(map(type, values))
    if types <= {float, int}:
        numeric = np.ones(n, dtype=bool)
        if n:
            out = np.fromiter(values, dtype=float, count=n)
    else:
        if int in types or bool in types or not types <= _PLAIN_TYPES:
            numeric = np.fromiter(map((float, int).__contains__, map(type, values)),
                                  dtype=bool, count=n)
        else:  # the only numeric type is float: a faster test
            numeric = np.fromiter(map(isinstance, values, repeat(float)), dtype=bool, count=n)
        if numeric.any():
            out[numeric] = np.fromiter(compress(values, numeric), dtype=float,
                                       count=int(numeric.sum()))
    rest = np.flatnonzero(~numeric)
    if len(rest):
        others = list(compress(values, ~numeric))
        # empty cells of an optional column, at once
        blank[rest] = np.fromiter(map(operator.eq, others, repeat("")), dtype=bool,
                                  count=len(others))
        if _NONE in types:
            blank[rest] |= np.fromiter(map(operator.is_, others, repeat(None)), dtype=bool,
                                       count=len(others))
    for i in rest[~blank[rest]]:
        v = values[i]
        if is_blank(v):
            blank[i] = True
        elif isinstance(v, str):
            number = _text_to_number(v)
            if number is not None:
                out[i] = number
            elif v.strip().lower() in _NOT_FINITE:
                messages[int(i)] = _not_finite(v)
            elif (number := _comma_number(v)) is not None:
                messages[int(i)] = cell(number_comma_sentence(), number=number, value=shown(v))
            else:
                messages[int(i)] = cell(number_sentence(), value=shown(v))
        else:
            messages[int(i)] = cell(number_sentence(), value=shown(v))
    numeric_nan = numeric & np.isnan(out)
    blank |= numeric_nan  # an empty numeric cell read as NaN
    bad = ~np.isfinite(out) & ~blank
    for i in np.flatnonzero(bad):
        if int(i) not in messages:
            messages[int(i)] = _not_finite(values[i])
    out[bad] = np.nan
    return out, blank, messages


def _not_finite(value: object) -> CellMessage:
    return cell(_("{column} must be a finite number, got {value}"), value=shown(value))


def _comma_number(value: object) -> str | None:
    """"6.5" for a number typed with a decimal comma ("6,5"); None for any other value."""
    t = _half_width(value) if isinstance(value, str) else ""
    if _DECIMAL_COMMA.match(t.rstrip("%").rstrip()):
        return t.replace(",", ".")
    return None


def parse_shares(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray, Messages]:
    """Shares as fractions: 0.55, a percent cell, or text "55%" (or "５５％")."""
    values = _as_list(values)
    arr = list(values)
    percent = np.zeros(len(arr), dtype=bool)
    for i in np.flatnonzero(np.fromiter(map(isinstance, arr, repeat(str)), dtype=bool,
                                        count=len(arr))).tolist():
        v = _half_width(arr[i])  # type: ignore[arg-type]
        if v.endswith("%"):
            arr[i] = v[:-1]
            percent[i] = True
    out, blank, messages = parse_numbers(arr)
    for i in messages:
        if (number := _comma_number(values[i])) is not None:
            messages[i] = cell(_("{column} must be a fraction such as 0.55 or a percentage "
                                 "such as 55% (write {number} with a decimal point), got "
                                 "{value}"), number=number, value=shown(values[i]))
        else:
            messages[i] = cell(_("{column} must be a fraction such as 0.55 or a percentage "
                                 "such as 55%, got {value}"), value=shown(values[i]))
    for i in np.flatnonzero(percent & np.isfinite(out)):
        # "33.3%" is the number nearest 0.333, not 33.3 / 100 (0.33299999999999996)
        out[i] = float(Decimal(repr(float(out[i]))) / 100)
    over = ~blank & ~np.isnan(out) & ((out < 0) | (out > 1))
    for i in np.flatnonzero(over):
        v = values[i]
        if not percent[i] and 1 < out[i] <= 100:
            messages[int(i)] = cell(_("{column} must be between 0 and 1 (write {percent} for "
                                      "a percentage), got {value}"),
                                    percent=f"{shown(v)[1:-1]}%", value=shown(v))
        else:
            messages[int(i)] = cell(_("{column} must be between 0 and 1, got {value}"),
                                    value=shown(v))
        out[i] = np.nan
    return out, blank, messages


def excel_serial_to_date(serial: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: object) -> dt.date | None:
    """One date from a cell, or None when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value) and 1 <= value <= 2958465 and float(value).is_integer():
            return excel_serial_to_date(value)
        return None
    if isinstance(value, str):
        t = value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
        try:
            if m := _ISO_DATE.match(t) or _JAPANESE_DATE.match(t):
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if m := _DOTTED_DATE.match(t):
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    return None


_FIRST_DAY, _PAST_LAST_DAY = np.datetime64("1900-01-01", "D"), np.datetime64("2201-01-01", "D")


def parse_dates(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray, Messages]:
    n = len(values)
    types = set(map(type, values))
    if n and types <= {dt.date, dt.datetime}:  # fast path: date cells, all in range
        dates = values if types == {dt.date} else [
            v.date() if v.__class__ is dt.datetime else v for v in values]  # type: ignore[attr-defined]
        days = np.array(dates, dtype="datetime64[D]")
        if ((days >= _FIRST_DAY) & (days < _PAST_LAST_DAY)).all():
            return days.astype("datetime64[s]"), np.zeros(n, dtype=bool), {}
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    blank = np.zeros(n, dtype=bool)
    messages: Messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            blank[i] = True
            continue
        d = parse_date(v)
        if d is not None and not (1900 <= d.year <= 2200):
            messages[i] = cell(_("{column} must be a date from 1900 to 2200, got {value}"),
                               value=shown(v if isinstance(v, str) else d.isoformat()))
        elif isinstance(v, dt.time):  # what the reader makes of a date before 1900
            messages[i] = cell(_("{column} must be a date such as 2026-11-02, got the time "
                                 "{value} (a date before 1900 reads as a time)"),
                               value=shown(v))
        elif d is None:
            messages[i] = cell(_("{column} must be a date such as 2026-11-02, got {value}"),
                               value=shown(v))
        else:
            out[i] = np.datetime64(d, "s")
    return out, blank, messages


def _all_text(values: Sequence[object], limit: int
              ) -> tuple[list[str | None], np.ndarray, np.ndarray] | None:
    """Fast path for a column whose cells are all text: (stripped texts with None for
    blanks, blank mask, positions longer than limit); None when some cell is not text."""
    if not _only_texts(values):
        return None
    out: list[str | None] = list(map(str.strip, values))  # type: ignore[arg-type]
    blank = np.zeros(len(out), dtype=bool)
    long = np.zeros(0, dtype=np.int64)
    texts: Sequence[str] = out  # type: ignore[assignment]
    if not all(out):  # some are blank: a pass in C tells, a Python loop finds them
        blank = np.fromiter(map(operator.not_, out), dtype=bool, count=len(out))
        for i in np.flatnonzero(blank):
            out[i] = None
        texts = list(filter(None, out))  # type: ignore[arg-type]
    if max(map(len, texts), default=0) > limit:
        long = np.array([i for i, t in enumerate(out) if t is not None and len(t) > limit],
                        dtype=np.int64)
    return out, blank, long


# Characters an id must not hold: what splits it over lines, and what changes the order in
# which its letters are shown ("NdPr\u202eedixo" is shown as "NdProxide": the override
# turns "edixo" around), so that an id would not look the same in every program.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _character(ch: str) -> str:
    """U+200B zero width space: a character named in a message."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name.lower()}" if name else f"U+{ord(ch):04X}"


def _id_message(text: str) -> str | None:
    """What is wrong with an id (stripped, as typed) that holds characters one cannot see:
    an error for a line break or a bidirectional control, a WarningMessage for another
    control or format character (a zero-width space, a soft hyphen), else None."""
    odd = [ch for ch in dict.fromkeys(text) if not ch.isprintable()]
    if (ch := next((c for c in odd if c in _LINE_BREAKS), None)) is not None:
        return cell(_("{column} {value} contains a line break ({character}); an id must be "
                      "on one line, retype it"), value=shown(text), character=_character(ch))
    if (ch := next((c for c in odd if c in _BIDI_CONTROLS), None)) is not None:
        return cell(_("{column} {value} contains a bidirectional control character "
                      "({character}); ids must read the same everywhere, retype it"),
                    value=shown(text), character=_character(ch))
    hidden = [c for c in odd if unicodedata.category(c) in ("Cc", "Cf")]
    if not hidden:
        return None
    return cell(ngettext("{column} {value} contains an invisible character ({characters}); "
                         "the id is kept as typed and matches only an id with the same "
                         "character",
                         "{column} {value} contains invisible characters ({characters}); "
                         "the id is kept as typed and matches only an id with the same "
                         "characters", len(hidden)),
                warning=True, value=shown(text), characters=", ".join(map(_character, hidden)))


def _plain_ids(ids: Sequence[str | None], blanks: bool) -> bool:
    """Whether every id is printable and already composed (NFC): one pass in C over the
    ids joined by spaces (a space composes with nothing, so the joined text is in NFC
    exactly when every id is). ``blanks``: whether some ids are None."""
    joined = " ".join(filter(None, ids) if blanks else ids)  # type: ignore[arg-type]
    if joined.isascii():  # the common case: printable ASCII, nothing left when deleted
        return not joined.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return joined.isprintable() and unicodedata.is_normalized("NFC", joined)


def _check_ids(ids: list[str | None], blanks: bool, messages: Messages) -> None:
    """Compose every id (NFC) in place and add the message of each id that holds a
    character one cannot see (:func:`_id_message`) to ``messages``, unless its cell
    already has one. ``blanks``: whether some ids are None."""
    if _plain_ids(ids, blanks):
        return
    for i, text in enumerate(ids):
        if text is None or (text.isprintable() and unicodedata.is_normalized("NFC", text)):
            continue
        ids[i] = unicodedata.normalize("NFC", text)
        if (message := _id_message(text)) is not None:
            messages.setdefault(i, message)


def normalise_ids(values: tuple[object, ...]) -> tuple[object, ...]:
    """Each text in ``values`` in its composed form (NFC), as :func:`parse_ids` reads it;
    other values as they are (``values`` itself when nothing changes)."""
    joined = " ".join(v for v in values if isinstance(v, str))
    if joined.isascii() or unicodedata.is_normalized("NFC", joined):
        return values
    return tuple(unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in values)


def parse_ids(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    """Identifiers as text; a numeric cell 1001.0 reads as "1001". Each id is read in its
    composed form (NFC); see :func:`_id_message` for what else is said about an id."""
    if (text := _all_text(values, 200)) is not None:
        out, blank, long = text
        messages: Messages = {int(i): _too_long_id() for i in long}
        _check_ids(out, bool(blank.any()), messages)
        return out, blank, messages
    out: list[str | None] = []
    blank = np.zeros(len(values), dtype=bool)
    messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            out.append(None)
            blank[i] = True
        elif isinstance(v, float):
            out.append(str(int(v)) if v.is_integer() else repr(v))
        elif isinstance(v, (str, int)) and not isinstance(v, bool):
            text = str(v).strip()
            if len(text) > 200:
                messages[i] = _too_long_id()
            out.append(text)
        else:
            messages[i] = cell(_("{column} must be text or a number, got {value}"),
                               value=shown(v))
            out.append(None)
    _check_ids(out, True, messages)
    return out, blank, messages


def _too_long_id() -> CellMessage:
    return cell(_("{column} must be at most {limit} characters long"), limit="200")


def _too_long_text(text: str) -> CellMessage:
    return cell(_("{column} must be at most {limit} characters long, got {count}"),
                limit="1,000", count=f"{len(text):,}")


def parse_texts(values: Sequence[object]) -> tuple[list[str | None], np.ndarray, Messages]:
    if (text := _all_text(values, 1000)) is not None:
        out, blank, long = text
        return out, blank, {int(i): _too_long_text(out[i])  # type: ignore[arg-type]
                            for i in long}
    out: list[str | None] = []
    blank = np.zeros(len(values), dtype=bool)
    messages: Messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            out.append(None)
            blank[i] = True
            continue
        if isinstance(v, float) and v.is_integer():
            text = str(int(v))
        elif isinstance(v, (dt.date, dt.datetime)):
            text = v.isoformat()
        else:
            text = str(v).strip()
        if len(text) > 1000:
            messages[i] = _too_long_text(text)
        out.append(text)
    return out, blank, messages


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
        out: list[str | None] = list(map(get, values))
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


# --- months (Forecast) and currencies (Items, Sources, Rates) -----------------------------

_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")  # 2027-01, 2027/1, 2027年1月


def parse_month(value: object) -> dt.date | None:
    """The first day of the month a cell names: a date in the month (the cell's date or an
    Excel serial date), or text such as 2027-01, 2027/01 or 2027年1月; None if it names
    none."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1) if 1 <= month <= 12 else None
        value = text
    day = parse_date(value)
    return None if day is None else day.replace(day=1)


def parse_months(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray, Messages]:
    """Months as the first day of each, as dates (datetime64[s])."""
    n = len(values)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    blank = np.zeros(n, dtype=bool)
    messages: Messages = {}
    for i, v in enumerate(values):
        if is_blank(v):
            blank[i] = True
            continue
        month = parse_month(v)
        if month is None:
            messages[i] = cell(_("{column} must be a month such as 2027-01 or a date in the "
                                 "month, got {value}"), value=shown(v))
        elif not 1900 <= month.year <= 2200:
            messages[i] = cell(_("{column} must be a month from 1900 to 2200, got {value}"),
                               value=shown(v))
        else:
            out[i] = np.datetime64(month, "s")
    return out, blank, messages


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
