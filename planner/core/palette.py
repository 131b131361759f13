"""The program's colours, defined once: the window, its charts and the printed summary.

Hex strings ("#rrggbb") and no Qt, so the engine can name a colour too. A country has one
colour everywhere (China on the dashboard is China on paper), and a status has one fill
and one text colour. Summaries go through office printers, so the status fills stay
apart in greyscale (critical dark, short middling, on target light), as do China and the
countries it most often shares a material with; status is always written out as well.

The window has three schemes (``SCHEMES``: light, dark and high contrast), each naming
every colour the window draws with, so nothing depends on the desktop's own palette. The
module-level constants are the light scheme's, which paper (the printed summary) uses
whatever the window shows.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

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
ERROR_BACKGROUND = "#f7c1c1"  # a cell with an error
WARNING_BACKGROUND = "#ffe08a"  # a cell with a warning

# --- scenarios and the plan ------------------------------------------------------------
# Materials that run out, the soonest first; those that last are drawn in QUIET.
SERIES = ("#c62828", "#ef8f00", "#1565c0", "#6a1b9a", "#00897b", "#ad1457", "#5d4037",
          "#2e7d32", "#f9a825", "#283593")
QUIET = "#90a4ae"
ZERO_LINE = "#78909c"
RISK_BAR = "#e57373"  # the risk exposure index under its number
BEFORE = "#9fb3c8"  # today's mix, next to the planned one (HEADING)

# --- countries ---------------------------------------------------------------------------
# A stable colour per origin country, the same on screen (in every theme) and on paper.
# No country is drawn in a status colour: the reds, ambers and greens that mean critical,
# short and on target are kept for status (``status_clash`` measures the distance, and a
# test holds every colour here clear of every theme's status colours). China, the most
# frequent origin, is the darkest: a deep indigo the eye reads first, apart from every
# other country in greyscale print too. Germany sits midway, apart from its usual partners
# (CN, NL, PL, SE); segments are also separated by lines and labelled with their code
# where they are wide enough.
COUNTRY = {
    "CN": "#2b2d6e", "US": "#3b6fb6", "JP": "#d4a5d9", "DE": "#5f7f99", "KR": "#5fa8a0",
    "NL": "#9c6fc0", "BE": "#a0cbe8", "FR": "#6a4c93", "SE": "#1f5f8b", "FI": "#b8b8b8",
    "AT": "#f4cae4", "MY": "#c77cad", "VN": "#c9c3e6", "TR": "#b5179e", "PL": "#7fc6e0",
    "EE": "#c2b280", "AU": "#4d6a7a", "TJ": "#9d7660", "CA": "#937860", "BR": "#2f7f8f",
    "CL": "#a65e8a", "CD": "#5c3a21", "ZA": "#b3a369", "RU": "#6d6875", "KZ": "#17becf",
    "IN": "#e3b6c9", "GB": "#79706e", "ID": "#d6c8b8", "PH": "#499894", "TW": "#d37295",
    "MX": "#4a8bb0", "PE": "#8f8fc7", "MN": "#c7a8a0", "MM": "#76b7b2", "NO": "#bab0ac",
}
FALLBACK = ("#4e79a7", "#8f6fb0", "#3f7f9f", "#c9b8d8", "#b07aa1", "#6fa7b8", "#9c755f",
            "#a9a2c8", "#d5a6bd", "#7b5e9e", "#8aa9c9", "#d4a6c8")
UNKNOWN_COUNTRY = "#cfd8dc"


@dataclass(frozen=True)
class Scheme:
    """Every colour the window draws with in one theme.

    Text colours read on the backgrounds they are drawn on with a contrast ratio of at
    least 4.5 (``contrast``), and the status fills stand apart from the chart background.
    """

    name: str
    dark: bool
    window: str  # page background
    base: str  # tables, cards, fields, chart panels, the plot area
    alternate: str  # every other table row
    text: str
    heading: str  # titles, table headers, card values
    muted: str  # captions, hints, axis titles
    disabled: str
    border: str
    rule: str  # field borders
    grid: str
    header: str  # table headers, the status bar
    selection: str
    selection_text: str
    focus: str
    button: str
    button_hover: str
    nav: str
    nav_text: str
    nav_selected: str
    nav_selected_text: str
    nav_hover: str
    tooltip: str
    tooltip_text: str
    link: str
    line: str  # reference lines
    axis: str
    highlight: str  # a chart's selected row, drawn translucent
    selected: str  # the ring round the selected point, the "with orders" line
    segment_edge: str  # lines between the countries of a stacked bar
    quiet: str
    zero_line: str
    before: str  # today's mix
    after: str  # the planned mix, a chart's main curve
    risk_bar: str
    status: dict[str, str] = field(default_factory=dict)  # bars, points, keys
    status_text: dict[str, str] = field(default_factory=dict)  # words on ``base``
    problem_background: dict[str, str] = field(default_factory=dict)  # error, warning
    problem_text: str = TEXT  # words in a cell with a problem

    @property
    def level_text(self) -> dict[str, str]:
        """Card values that are bad or worth a warning."""
        return {"bad": self.status_text["critical"], "warn": self.status_text["short"]}

    def colours(self) -> dict[str, str]:
        """Every single colour by name (the style sheet's placeholders)."""
        named = {k: v for k, v in vars(self).items() if isinstance(v, str) and k != "name"}
        for group in ("status", "status_text", "problem_background"):
            named |= {f"{group}_{k}": v for k, v in getattr(self, group).items()}
        return named


LIGHT = Scheme(
    name="light", dark=False, window=SHADE, base=WHITE, alternate=SHADE, text=TEXT,
    heading=HEADING, muted=MUTED, disabled="#7b8890", border=BORDER, rule=RULE, grid=GRID,
    header=HEADER, selection=SELECTION, selection_text=TEXT, focus=FOCUS, button=WHITE,
    button_hover=BUTTON_HOVER, nav=HEADING, nav_text=NAV_TEXT, nav_selected=NAV_SELECTED,
    nav_selected_text=WHITE, nav_hover=NAV_HOVER, tooltip=HEADING, tooltip_text=WHITE,
    link=SELECTED, line=LINE, axis=AXIS, highlight=HIGHLIGHT, selected=SELECTED,
    segment_edge=WHITE, quiet=QUIET, zero_line=ZERO_LINE, before=BEFORE, after=HEADING,
    risk_bar=RISK_BAR, status=dict(STATUS), status_text=dict(STATUS_TEXT),
    problem_background={"error": ERROR_BACKGROUND, "warning": WARNING_BACKGROUND},
    problem_text=TEXT)

DARK = Scheme(
    name="dark", dark=True, window="#1b2228", base="#232b32", alternate="#1f272d",
    text="#e3e9ed", heading="#f0f4f6", muted="#a7b4bd", disabled="#8d9aa3",
    border="#3a4650", rule="#55636e", grid="#34404a", header="#2b353d",
    selection="#2f5d7c", selection_text="#ffffff", focus="#4fb3d9", button="#2b353d",
    button_hover="#36434d", nav="#141a1f", nav_text="#cfd8de", nav_selected="#2b3d4b",
    nav_selected_text="#ffffff", nav_hover="#1f2a33", tooltip="#e3e9ed",
    tooltip_text="#1b2228", link="#90caf9", line="#b0bec5", axis="#6f7e89",
    highlight="#42a5f5", selected="#90caf9", segment_edge="#8d9aa3", quiet="#78909c",
    zero_line="#90a4ae", before="#6f8aa3", after="#e3e9ed", risk_bar="#e57373",
    status={"critical": "#ef5350", "short": "#ffa726", "ok": "#66bb6a"},
    status_text={"critical": "#ff8a80", "short": "#ffb74d", "ok": "#81c784"},
    problem_background={"error": "#8a2a31", "warning": "#6b5a14"},
    problem_text="#ffffff")

HIGH_CONTRAST = Scheme(
    name="high contrast", dark=True, window="#000000", base="#000000", alternate="#121212",
    text="#ffffff", heading="#ffffff", muted="#e0e0e0", disabled="#bdbdbd",
    border="#ffffff", rule="#ffffff", grid="#5c5c5c", header="#000000",
    selection="#ffd700", selection_text="#000000", focus="#ffd700", button="#000000",
    button_hover="#2a2a2a", nav="#000000", nav_text="#ffffff", nav_selected="#ffd700",
    nav_selected_text="#000000", nav_hover="#2a2a2a", tooltip="#ffffff",
    tooltip_text="#000000", link="#8ab4ff", line="#ffffff", axis="#ffffff",
    highlight="#ffd700", selected="#00e5ff", segment_edge="#ffffff", quiet="#b0bec5",
    zero_line="#ffffff", before="#8fa8c0", after="#ffffff", risk_bar="#ff6b6b",
    status={"critical": "#ff5252", "short": "#ffb300", "ok": "#69f0ae"},
    status_text={"critical": "#ff6b6b", "short": "#ffd54f", "ok": "#69f0ae"},
    problem_background={"error": "#a00000", "warning": "#6b5600"},
    problem_text="#ffffff")

SCHEMES = {s.name: s for s in (LIGHT, DARK, HIGH_CONTRAST)}


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


def luminance(colour: str) -> float:
    """The relative luminance of ``colour`` (WCAG 2), 0 (black) to 1 (white)."""
    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21 (body text needs 4.5)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    """``colour`` in CIE L*a*b* (D65), where distances follow how different colours look."""
    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    r, g, b = (linear(c) for c in rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def status_clash(colour: str) -> float:
    """How far ``colour`` looks from the nearest status colour of any scheme (CIE76 ΔE);
    under 25 it could be taken for critical, short or on target."""
    here = lab(colour)
    return min(float(sum((a - b) ** 2 for a, b in zip(here, lab(s), strict=True)) ** 0.5)
               for scheme in SCHEMES.values()
               for s in (*scheme.status.values(), *scheme.status_text.values()))


__all__ = ["AXIS", "BEFORE", "BORDER", "BUTTON_HOVER", "COUNTRY", "DARK",
           "ERROR_BACKGROUND", "FALLBACK", "FOCUS", "GRID", "HEADER", "HEADING",
           "HIGHLIGHT", "HIGH_CONTRAST", "LEVEL_TEXT", "LIGHT", "LINE", "MUTED", "NAV_HOVER",
           "NAV_SELECTED", "NAV_TEXT", "QUIET", "RISK_BAR", "RULE", "SCHEMES", "SELECTED",
           "SELECTION", "SERIES", "SHADE", "STATUS", "STATUS_TEXT", "TEXT",
           "UNKNOWN_COUNTRY", "WARNING_BACKGROUND", "WHITE", "ZERO_LINE", "Scheme",
           "contrast", "country_colour", "grey", "lab", "luminance", "rgb", "rgba",
           "status_clash", "text_on"]
