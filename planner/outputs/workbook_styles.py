"""The cell styles, row heights, cell values and page footer of the plan workbook
(planner.outputs.plan_workbook), shared with the requests for quotation
(planner.outputs.rfq) so that both look alike.

Styles are made once per book through planner.core.xlsx; every text is a text cell and
every number a number (missing ones are empty cells), never a formula.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from planner.core import formatting as fmt
from planner.core.i18n import _
from planner.core.xlsx import HEADER_FILL, Book, header_literal, number_format

RED_FILL, RED_FONT = "F8CBAD", "9C0006"
AMBER_FILL = "FFE699"
LINE_HEIGHT = 15.0  # points per line of 11 pt text
JAPANESE_LINE_HEIGHT = 18.75  # ... in a Japanese font (Excel's row of Yu Gothic 11 pt)


# --- styles --------------------------------------------------------------------------

class Styles:
    """The plan's cell styles, each made once by the book."""

    def __init__(self, book: Book, currency: str):
        self.book = book
        code = re.sub(r"[^A-Za-z]", "", currency or "")[:3].upper()
        self.currency = code
        self.yen = code == "JPY" and fmt.japanese()  # "¥1,234,567", as Japan writes yen
        self.formats = {
            "text": "General", "number": number_format("number"),
            "money": self.money_format(),
            "price": self.money_format(decimals=2),
            "order price": number_format("money", decimals=2),  # the currency beside it
            "share": number_format("share"), "date": number_format("date"),
            "days": number_format("days"), "hhi": number_format("number"),
            "quantity": number_format("number"),
            "ratio": number_format("number", decimals=1),  # loss avoided per unit held
        }
        self._quantities: dict[tuple[int, str | None], Any] = {}
        self._prices: dict[tuple[int, str], Any] = {}
        self.header = book.header_style()
        self.header_centre = book.header_style("center")
        self.header_right = book.header_style("right")
        self.title = book.style(bold=True, font_size=15, font_color=f"#{HEADER_FILL}")
        self.subtitle = book.style(bold=True, font_size=12, font_color=f"#{HEADER_FILL}")
        self.note = book.style(italic=True, font_color="#595959")
        self.strong = book.style(bold=True)
        # conditional colours
        self.red = book.style(bold=True, font_color=f"#{RED_FONT}", bg_color=f"#{RED_FILL}")
        self.amber = book.style(bg_color=f"#{AMBER_FILL}")

    def money_format(self, decimals: int | None = None, more: int = 0,
                     labelled: bool = True) -> str:
        """A sum in the plan's currency: "#,##0 "EUR"", in Japanese yen ""¥"#,##0"."""
        if self.yen and labelled:
            return '"' + fmt.YEN + '"' + number_format("money", decimals=decimals, more=more)
        return number_format("money", label=self.currency if labelled else None,
                             decimals=decimals, more=more)

    def proto(self, kind: str, wrap: bool = False, fmt: str | None = None,
              bold: bool = False, pad: bool = False) -> Any:
        """The style of a kind of value, at the top of its cell. ``pad``: in a table,
        numbers and dates keep the width of a character free on their right (format
        "_)") and texts start one indent in, so that a number is never glued to the next
        column's text."""
        numeric = kind != "text"
        props: dict[str, Any] = {"valign": "top"}
        if numeric:
            code = fmt or self.formats.get(kind, "General")
            props["num_format"] = code + "_)" if pad else code
        elif pad:
            props["indent"] = 1
        if wrap:
            props["text_wrap"] = True
        if bold:
            props["bold"] = True
        return self.book.style(**props)

    def quantity(self, value: Any, unit: str | None) -> Any:
        """Big quantities in whole units, small ones with the digits that matter, as
        fmt.quantity writes them on screen; the unit after the number ("5,832 kg") while
        the cell stays a number."""
        digits = fmt.quantity_digits(float(value)) if isinstance(value, float | int) else 0
        key = (digits, unit)
        style = self._quantities.get(key)
        if style is None:
            code = number_format("number", label=unit, decimals=digits)
            style = self._quantities[key] = self.proto("quantity", fmt=code, pad=True)
        return style

    def price(self, value: Any, currency: str | None, labelled: bool) -> Any:
        """A unit price with the decimals fmt.price gives it (2; none in JPY; more below
        1), the plan's currency after it when ``labelled`` ("0.0425 EUR")."""
        code = currency or ""
        digits = fmt.price_decimals(float(value), code) if isinstance(
            value, float | int) else 2
        label = self.currency if labelled else ""
        key = (digits, f"{label}|{code}")
        style = self._prices.get(key)
        if style is None:
            fmt_code = self.money_format(min(digits, 2), max(digits - 2, 0),  # 0.48, 0.0425
                                         labelled=bool(label))
            style = self._prices[key] = self.proto("price", fmt=fmt_code, pad=True)
        return style


def line_height() -> float:
    """Points per line of 11 pt text in the workbook's font."""
    return JAPANESE_LINE_HEIGHT if fmt.japanese() else LINE_HEIGHT


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapping cell ``width`` characters wide (word wrap)."""
    chars = max(int(width * 1.15) - 1, 4)  # proportional text: ~1.2 characters per unit
    lines = 0
    for paragraph in str(text).split("\n"):
        line = 0
        lines += 1
        for word in paragraph.split():
            if not word.isascii():  # Japanese breaks between any two characters, each
                wide = max(int(width * 1.2) - 1, 4)  # a little less than two digits
                total = line + (1 if line else 0) + fmt.display_width(word)
                lines += (total - 1) // wide
                line = (total - 1) % wide + 1
                continue
            need = len(word) if line == 0 else line + 1 + len(word)
            if need > chars and line > 0:
                lines += 1 + (len(word) - 1) // chars
                line = len(word) % chars or chars
            else:
                line = need
    return lines


# --- values --------------------------------------------------------------------------

def cell_texts(series: pd.Series) -> list[Any]:
    """Texts as cells take them; missing and empty ones are empty cells."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
            or v == "" else str(v) for v in series.tolist()]


def cell_numbers(series: pd.Series | np.ndarray) -> list[Any]:
    arr = np.asarray(series, dtype=float)
    return [v if math.isfinite(v) else None for v in arr.tolist()]


def cell_dates(series: pd.Series) -> list[Any]:
    return [None if pd.isna(v) else v.date() for v in pd.to_datetime(series)]


def page_footer() -> str:
    """The footer of a printed page, "Page 1 of 3", as Excel's header codes write it."""
    return header_literal(_("Page {page} of {pages}")).replace("{page}", "&P").replace(
        "{pages}", "&N")


__all__ = ["AMBER_FILL", "JAPANESE_LINE_HEIGHT", "LINE_HEIGHT", "RED_FILL", "RED_FONT",
           "Styles", "cell_dates", "cell_numbers", "cell_texts", "line_height", "page_footer",
           "wrapped_lines"]
