"""The program's colours, defined once: the window, its charts and the printed summary.

Hex strings ("#rrggbb") and no Qt, so the engine can name a colour too. A country has one
colour everywhere (China on the dashboard is China on paper), and a status has one fill
and one text colour. Summaries go through office printers, so the status fills stay
apart in greyscale (critical dark, short middling, on target light), as do China and the
countries it most often shares a material with; status is always written out as well.
"""

from __future__ import annotations

import zlib

# --- ink and paper ---------------------------------------------------------------------
TEXT = "#263238"  # figures, labels, body text
HEADING = "#24343f"  # titles, table headers, the navigation bar
MUTED = "#5f6f7a"  # captions, notes, axis titles
LINE = "#455a64"  # reference lines: a target, a cap
AXIS = "#b0bec5"  # chart axes
RULE = "#c9d2d8"  # rules under headings, field borders
BORDER = "#dde3e7"  # panel, card and table borders
GRID = "#e3e8eb"  # grid lines and rules between table rows
HEADER = "#eef2f4"  # table headers, the status bar, the empty part of a bar
SHADE = "#f6f8f9"  # page background, alternate table rows, headline boxes on paper
WHITE = "#ffffff"
FOCUS = "#4fb3d9"  # the current page, the focused field, the current tab
SELECTION = "#cfe6f3"  # selected table rows
HIGHLIGHT = "#2196f3"  # the selected material's row on a chart (drawn translucent)
SELECTED = "#1565c0"  # the ring round the selected material's point
NAV_TEXT = "#dfe7ec"  # page names on the navigation bar
NAV_SELECTED = "#33495a"
NAV_HOVER = "#2c3e4b"
BUTTON_HOVER = "#eef6fa"

# --- status ------------------------------------------------------------------------------
STATUS = {"critical": "#c62828", "short": "#ef8f00", "ok": "#a5d6a7"}  # bars, points, keys
STATUS_TEXT = {"critical": "#c62828", "short": "#9a5b00", "ok": "#2e7d32"}  # words on white
LEVEL_TEXT = {"bad": STATUS_TEXT["critical"], "warn": STATUS_TEXT["short"]}  # card values
ERROR_BACKGROUND = "#fde7e7"  # a cell with an error
WARNING_BACKGROUND = "#fff6d6"  # a cell with a warning

# --- scenarios and the plan ------------------------------------------------------------
# Materials that run out, the soonest first; those that last are drawn in QUIET.
SERIES = ("#c62828", "#ef8f00", "#1565c0", "#6a1b9a", "#00897b", "#ad1457", "#5d4037",
          "#2e7d32", "#f9a825", "#283593")
QUIET = "#90a4ae"
ZERO_LINE = "#78909c"
RISK_BAR = "#e57373"  # the risk exposure index under its number
BEFORE = "#9fb3c8"  # today's mix, next to the planned one (HEADING)

# --- countries ---------------------------------------------------------------------------
# A stable colour per origin country. China, the most frequent origin, is the darkest:
# the dark red the eye reads first, apart from every other country in greyscale print
# too. Germany sits midway, apart from its usual partners (CN, NL, PL, SE); segments are
# also separated by white lines and labelled with their code where they are wide enough.
COUNTRY = {
    "CN": "#8e1b2e", "US": "#3b6fb6", "JP": "#f2a541", "DE": "#5f7f99", "KR": "#5fa8a0",
    "NL": "#e07a5f", "BE": "#a0cbe8", "FR": "#6a4c93", "SE": "#1f5f8b", "FI": "#b8b8b8",
    "AT": "#f4cae4", "MY": "#c77cad", "VN": "#e8d36a", "TR": "#b5179e", "PL": "#8cd17d",
    "EE": "#c2b280", "AU": "#4f772d", "TJ": "#9d7660", "CA": "#937860", "BR": "#3f8f4f",
    "CL": "#b87333", "CD": "#5c3a21", "ZA": "#b3a369", "RU": "#6d6875", "KZ": "#17becf",
    "IN": "#ff9d9a", "GB": "#79706e", "ID": "#dbdb8d", "PH": "#499894", "TW": "#d37295",
    "MX": "#59a14f", "PE": "#bcbd22", "MN": "#ff9da7", "MM": "#76b7b2", "NO": "#bab0ac",
}
FALLBACK = ("#4e79a7", "#f28e2b", "#59a14f", "#edc948", "#b07aa1", "#76b7b2", "#9c755f",
            "#bab0ac", "#ff9da7", "#e15759", "#86bcb6", "#d4a6c8")
UNKNOWN_COUNTRY = "#cfd8dc"


def country_colour(code: str | None) -> str:
    """The same colour for a country on every chart, on paper and in every project."""
    if not code:
        return UNKNOWN_COUNTRY
    fixed = COUNTRY.get(code)
    if fixed is not None:
        return fixed
    return FALLBACK[zlib.crc32(code.encode()) % len(FALLBACK)]


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of "#rrggbb", 0 to 255."""
    value = int(colour.lstrip("#"), 16)
    return value >> 16 & 255, value >> 8 & 255, value & 255


def rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    """``colour`` with an opacity of ``alpha`` (0 to 255), for translucent fills."""
    return (*rgb(colour), alpha)


def grey(colour: str) -> float:
    """How light ``colour`` prints in greyscale, 0 (black) to 255 (white)."""
    r, g, b = rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def text_on(colour: str) -> str:
    """White or dark text, whichever reads on a fill of ``colour``."""
    return WHITE if grey(colour) < 150 else TEXT


__all__ = ["AXIS", "BEFORE", "BORDER", "BUTTON_HOVER", "COUNTRY", "ERROR_BACKGROUND",
           "FALLBACK", "FOCUS", "GRID", "HEADER", "HEADING", "HIGHLIGHT", "LEVEL_TEXT",
           "LINE", "MUTED", "NAV_HOVER", "NAV_SELECTED", "NAV_TEXT", "QUIET", "RISK_BAR",
           "RULE", "SELECTED", "SELECTION", "SERIES", "SHADE", "STATUS", "STATUS_TEXT",
           "TEXT", "UNKNOWN_COUNTRY", "WARNING_BACKGROUND", "WHITE", "ZERO_LINE",
           "country_colour", "grey", "rgb", "rgba", "text_on"]
