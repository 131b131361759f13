"""Reading what people type into cells: numbers, shares, dates, months, ids, texts.

Each parser takes one column of raw cell values (as read from xlsx or CSV) and returns
the typed values, a mask of blank cells and a message for every cell it cannot read.
The common case (a clean numeric column) takes a vectorised path; only the odd cells are
looked at one by one. The same parsers check what a user types into the window.
The words and codes (kind, per, supplier kind, yes/no, countries, currencies) are read
the same way in planner.inputs.choices.

Rules (README, "What the template accepts"):
- numbers: numeric cells, or text such as "6,000" or "6 000" (thousands separators are
  accepted only in groups of three, so "6,5" is refused rather than read as 65);
  must be finite.
- shares: a fraction 0.55, a percent-formatted cell (stored as 0.55), or text "55%".
  A bare 55 is refused: it is ambiguous.
- dates: Excel date cells, Excel serial numbers, ISO text (2026-11-02, 2026/11/02),
  Japanese text (2026年11月2日) or day-first dotted text (02.11.2026); full-width digits too.
- months: a date in the month, or text such as 2027-01, 2027/1 or 2027年1月.
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
from itertools import compress, repeat

import numpy as np
import pandas as pd

from planner.core.i18n import _, ngettext
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


# --- months (Forecast) --------------------------------------------------------------------

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
