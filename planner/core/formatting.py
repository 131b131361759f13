"""How every figure is written, on screen, on paper and in the terminal.

One function per kind of figure, so a day of cover reads the same in a table, on a chart,
in the printed summary and in ``planner report``, and a translation later changes one
place. No Qt here: the engine's text reports use it too.

Every function takes None, NaN and pandas' NA as "missing" and writes the text given for
it (``missing=``). Excel number formats belong to the workbook writers, not here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import TypeAlias

import numpy as np
import pandas as pd

# fmt.japanese() (whether figures take their Japanese forms) is i18n's, named here too
from planner.core.i18n import N_, _, japanese, pgettext

# Words standing for a figure; marked here and translated where they are written (the
# language is chosen after import), so ``missing=NO_DEMAND`` reads 需要なし in Japanese.
NO_DEMAND = N_("no demand")  # days of cover of a material nothing consumes
LASTS = N_("lasts")  # a material or product that outlasts a stop
DASH = "–"  # a figure that cannot be given
NONE = N_("none")
_WORDS = frozenset({NO_DEMAND, LASTS, NONE})

Figure: TypeAlias = object  # a number (Python, numpy), or None, NaN or NA for "missing"

_STATUS_LABELS = {"critical": N_("critical"), "short": N_("short of target"),
                  "ok": N_("on target")}
YEN = "¥"  # half-width, as Japanese business documents write yen


def word(missing: str) -> str:
    """A word given for a missing figure, translated when it is one of ours (any other
    text, such as a dash or a caller's own, stays as it is)."""
    return _(missing) if missing in _WORDS else missing


def is_missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA: a value with nothing to show."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(value != value)  # only NaN (and NaT) differ from themselves
    except (TypeError, ValueError):
        return False


def _float(value: Figure) -> float:
    """A figure that is not missing, as a float (numpy and pandas numbers included)."""
    return float(value)  # type: ignore[arg-type]


# --- numbers ------------------------------------------------------------------------------
def number(value: Figure, digits: int = 0, *, missing: str = "") -> str:
    """A figure with thousands separators and a fixed number of decimals: 1,234 / 2.50."""
    if is_missing(value):
        return word(missing)
    return f"{_float(value):,.{digits}f}"


def entered(value: Figure) -> str:
    """A number as the user typed it into a table: 12 / 1,234.5 / 0.0425 (up to four
    decimals below 1,000, none for whole numbers)."""
    if is_missing(value):
        return ""
    v = _float(value)
    if abs(v) >= 1000 or v.is_integer():
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def quantity(value: Figure) -> str:
    """A computed quantity, to the precision a buyer reads: 6,582 / 27.2 / 2.58 / 0.042;
    a whole number without decimals (62, not 62.0; 7 pcs, not 7.00), as it was typed."""
    if is_missing(value):
        return ""
    v = _float(value)
    return f"{v:,.{quantity_digits(v)}f}"


def quantity_digits(value: float) -> int:
    """The decimals :func:`quantity` writes ``value`` with: none from 100 up and for
    whole numbers, then 1, 2, and below 0.1 two significant figures (at most 6 decimals).
    Decided on the value as shown, so 99.99999 is "100" like 100, not "100.0"; the plan
    workbook's number formats take the same decimals."""
    a = abs(value)
    if not math.isfinite(a) or a >= 99.5 or round(a, 6).is_integer():
        return 0
    if a >= 9.995:
        return 1
    if a >= 0.0995:
        return 2
    return min(1 - math.floor(math.log10(a)), 6)


def setting_number(value: float) -> str:
    """A number setting as entered, without trailing zeros: 90 / 7.5."""
    return f"{value:g}"


def count(n: int, noun: str = "", plural: str = "") -> str:
    """A count, with its noun in the singular or plural: 1,234 / 1 material / 3 materials.

    ``plural`` is for nouns that do not just take an "s".
    """
    if not noun:
        return f"{n:,}"
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def yes_no(value: object) -> str:
    """A flag in a table: "yes", or blank for no (so the exceptions stand out)."""
    return "" if is_missing(value) or not value else pgettext("flag", "yes")


def text(value: object) -> str:
    """A name or code, blank when missing."""
    return "" if is_missing(value) else str(value)


# --- days -----------------------------------------------------------------------------------
def days(value: Figure, digits: int | None = 0, *, unit: str = "",
         missing: str = NO_DEMAND) -> str:
    """A number of days (days of cover by default): 1,234 / 7.5 d / no demand.

    ``digits=None`` gives whole days from 10 up and one decimal below, where a day
    matters; ``unit`` is written after the number ("d", " days"), not after ``missing``.
    """
    if is_missing(value):
        return word(missing)
    v = _float(value)
    if digits is None:
        digits = 0 if v >= 10 else 1
    return f"{v:,.{digits}f}{unit}"


def survival(value: Figure) -> str:
    """The day a material or product runs out in a stop, or "lasts": in whole days from
    10 up and to a tenth below, as :func:`day` writes it on cards and charts."""
    return days(value, None, missing=LASTS)


def day(value: Figure, digits: int | None = None, *, missing: str = NONE) -> str:
    """A day counted from the as-of date: day 46 / day 7.5 (see :func:`days`)."""
    if is_missing(value):
        return word(missing)
    return _("day {day}").format(day=days(value, digits))


# --- shares ---------------------------------------------------------------------------------
def percent(value: Figure, digits: int = 0, *, missing: str = "") -> str:
    """A share as a percentage with ``digits`` decimals: 0.6 → 60%, 0.123 → 12.3%."""
    if is_missing(value):
        return word(missing)
    return f"{_float(value):.{digits}%}"


def share(value: Figure) -> str:
    """A share in a table, always to a tenth of a percent: 60.0% / 33.3% / 0.9% / <0.1%.

    One form in every row, so a column never mixes "44%" with "15.9%"; the workbooks'
    share format ("0.0%") writes the same."""
    if is_missing(value):
        return ""
    pct = _float(value) * 100
    if 0 < pct < 0.05:
        return "<0.1%"
    return f"{pct:.1f}%"


def percent_setting(value: float) -> str:
    """A share setting as entered: 60% / 62.50% (whole percents without decimals)."""
    return f"{value:.0%}" if round(value * 100, 6).is_integer() else f"{value:.2%}"


def hhi(value: Figure) -> str:
    """A Herfindahl-Hirschman index (0 to 10,000), blank without sources."""
    return number(value)


# --- money ----------------------------------------------------------------------------------
def money(value: Figure, currency: str = "", digits: int = 0, *,
          missing: str = DASH) -> str:
    """A sum, in whole units by default: EUR 1,669,120; without ``currency`` (it is in
    the column title) just 1,669,120. An infinite sum (no price) is missing."""
    if is_missing(value) or math.isinf(_float(value)):
        return word(missing)
    if currency.upper() == "JPY" and japanese():  # ¥1,234,567: yen have no decimals
        return f"{YEN}{_float(value):,.0f}"
    figure = f"{_float(value):,.{digits}f}"
    return f"{currency} {figure}" if currency else figure


# Currencies without minor units (ISO 4217 exponent 0): a price in whole units
NO_MINOR_UNITS = frozenset({"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                            "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"})


def price_decimals(value: float, currency: str = "") -> int:
    """The decimals of a unit price: 2 (0 in a currency without minor units such as JPY),
    and below 1 as many as three significant figures take (0.0425, 0.000123; at most 6).
    The workbooks' price formats take the same decimals."""
    a = abs(value)
    if not math.isfinite(a) or a == 0 or a >= 1:
        return 0 if currency.upper() in NO_MINOR_UNITS else 2
    return min(max(2, 2 - math.floor(math.log10(a))), 6)


def price(value: Figure, currency: str = "", *, missing: str = "") -> str:
    """A unit price: 1,010.40 / 0.48 / 0.0425 / 3,800 in JPY, with ``currency`` before it
    when the column title does not carry it (EUR 1,010.40), as :func:`money` writes it.
    Below 1, trailing zeros past two decimals are dropped (0.50, not 0.500)."""
    if is_missing(value) or math.isinf(_float(value)):
        return word(missing)
    v = _float(value)
    digits = price_decimals(v, currency)
    figure = f"{v:,.{digits}f}"
    if digits > 2:
        figure = figure.rstrip("0")
        figure += "0" * max(0, 2 - len(figure.partition(".")[2]))
    if currency.upper() == "JPY" and japanese():
        return f"{YEN}{figure}"
    return f"{currency} {figure}" if currency else figure


# --- dates ----------------------------------------------------------------------------------
def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64 | str):
        return pd.Timestamp(value).date()
    raise TypeError(f"not a date: {value!r}")


def date(value: object) -> str:
    """A date in tables and reports: 2026-11-02; in Japanese 2026/11/02 (blank when
    missing). File names take :func:`iso_date`, the same in every language."""
    if is_missing(value):
        return ""
    day = _day(value)
    return f"{day:%Y/%m/%d}" if japanese() else day.isoformat()


def iso_date(value: object) -> str:
    """A date in file names and for scripts: 2026-11-02 in every language."""
    return "" if is_missing(value) else _day(value).isoformat()


def long_date(value: object) -> str:
    """A date in running text and headings: 2026-11-02; in Japanese 2026年11月2日."""
    if is_missing(value):
        return ""
    day = _day(value)
    return f"{day.year}年{day.month}月{day.day}日" if japanese() else day.isoformat()


# --- words ----------------------------------------------------------------------------------
def status_label(status: str) -> str:
    """A status in a sentence or legend: critical / short of target / on target."""
    label = _STATUS_LABELS.get(status)
    return _(label) if label else status


def status_key(status: str) -> str:
    """A status in a chart's key, where room is short: critical / short / on target."""
    if status == "short":
        return pgettext("status key", "short")
    return status_label(status) if status in _STATUS_LABELS else status


def status_flag(status: str) -> str:
    """A status in a report column: CRITICAL and SHORT shout, ok does not (in Japanese,
    which has no capitals, the labels: 危険 / 目標未達 / 目標達成)."""
    if japanese() and status in _STATUS_LABELS:
        return status_label(status)
    return status if status == "ok" else status.upper()


def sentences(*parts: str) -> str:
    """Sentences joined as the language writes them: with a space in English, none after
    a Japanese full stop (「…です。10 件…」); empty parts left out."""
    out = ""
    for part in (p for p in parts if p):
        out = part if not out else out + ("" if out.endswith(("。", "）", "」")) else " ") + part
    return out


def display_width(value: str) -> int:
    """Columns ``value`` takes in a terminal: wide and full-width characters (Japanese,
    Chinese, Korean; East Asian width W or F) take two, others one."""
    if value.isascii():
        return len(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def ljust(value: str, width: int) -> str:
    """``value`` padded on the right to ``width`` display columns (str.ljust counts
    characters, so Japanese names would push the next column right)."""
    return value + " " * max(0, width - display_width(value))


def rjust(value: str, width: int) -> str:
    """``value`` padded on the left to ``width`` display columns."""
    return " " * max(0, width - display_width(value)) + value


def clip(value: object, width: int) -> str:
    """Text cut to ``width`` display columns (a Japanese character takes two), an
    ellipsis marking the cut (blank when missing)."""
    s = text(value)
    if display_width(s) <= width:
        return s
    out, used = [], 0
    for ch in s:
        used += display_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def short_name(name: str, limit: int = 24) -> str:
    """A material's name without its grade ("Terbium metal 99.9%" → "Terbium metal"),
    for a label on a chart."""
    head = re.sub(r"\(.*?\)", "", name).split(",")[0].split()
    while len(head) > 1 and any(ch.isdigit() for ch in head[-1]):
        head.pop()
    shown = " ".join(head) or name
    return shown if len(shown) <= limit else shown[:limit - 1].rstrip() + "…"


__all__ = ["DASH", "LASTS", "NONE", "NO_DEMAND", "YEN", "clip", "count", "date", "day", "days",
           "display_width", "entered", "hhi", "is_missing", "iso_date", "japanese", "ljust",
           "long_date", "money", "number", "percent", "percent_setting", "price",
           "price_decimals", "quantity", "quantity_digits", "rjust", "setting_number", "share",
           "short_name", "status_flag", "status_key", "status_label", "survival", "text",
           "word", "yes_no"]
