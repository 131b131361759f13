"""How figures are written (planner.core.formatting) and coloured (planner.core.palette):
each kind of figure has one spelling, and a country or a status one colour, on screen, in
the terminal and on paper."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import string
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import planner
from planner.analysis.ordering import risk_order
from planner.core import formatting as fmt
from planner.core import palette
from planner.core.resources import resource
from planner.outputs.reports import report_text

ROOT = Path(__file__).resolve().parents[1]
EV = ROOT / "samples" / "ev_motors_wind.xlsx"
MISSING = [None, math.nan, np.nan, np.float64("nan"), pd.NA, pd.NaT]


# --- formatting -------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "text"), [
    (23.6, "24"), (1234.4, "1,234"), (0.0, "0"), (None, "no demand"), (math.nan, "no demand"),
    (pd.NA, "no demand")])
def test_days_of_cover(value: object, text: str) -> None:
    assert fmt.days(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "text"), [
    (140.2, "140 d"), (10.0, "10 d"), (9.96, "10.0 d"), (7.46, "7.5 d"), (0.04, "0.0 d"),
    (12345.0, "12,345 d")])
def test_days_on_a_chart_keep_a_decimal_below_ten(value: float, text: str) -> None:
    assert fmt.days(value, None, unit=" d") == text
    assert fmt.days(math.nan, None, unit=" d") == "no demand"  # no unit after the words


def test_days_in_a_stop() -> None:
    assert fmt.survival(46.04) == "46"  # as fmt.day writes it on a card or chart
    assert fmt.survival(7.46) == "7.5"
    assert fmt.survival(1234.56) == "1,235"
    assert fmt.survival(None) == fmt.survival(math.nan) == fmt.survival(pd.NA) == "lasts"
    assert fmt.day(46.0) == "day 46"
    assert fmt.day(7.46) == "day 7.5"
    assert fmt.day(1234.0) == "day 1,234"
    assert fmt.day(46.04, 1) == "day 46.0"
    assert fmt.day(45.875, 2) == "day 45.88"
    assert fmt.day(None) == fmt.day(math.nan) == "none"
    assert fmt.day(math.nan, missing="lasts") == "lasts"


@pytest.mark.parametrize(("value", "entered", "quantity"), [
    (12.0, "12", "12"), (62.0, "62", "62"), (7.0, "7", "7"), (6582.3, "6,582.3", "6,582"),
    (1234.0, "1,234", "1,234"),
    (27.24, "27.24", "27.2"), (2.584, "2.584", "2.58"), (0.0423, "0.0423", "0.042"),
    (0.00012345, "0.0001", "0.00012"), (0.0, "0", "0"), (-3.5, "-3.5", "-3.50"),
    (None, "", ""), (math.nan, "", "")])
def test_numbers_as_entered_and_as_computed(value: object, entered: str,
                                            quantity: str) -> None:
    assert fmt.entered(value) == entered  # type: ignore[arg-type]
    assert fmt.quantity(value) == quantity  # type: ignore[arg-type]


def test_numbers_and_counts() -> None:
    assert fmt.number(1234.567) == "1,235"
    assert fmt.number(1234.567, 2) == "1,234.57"
    assert fmt.number(None) == fmt.number(pd.NA) == ""
    assert fmt.number(math.nan, missing="–") == "–"
    assert fmt.hhi(5800.4) == "5,800" and fmt.hhi(math.nan) == ""
    assert fmt.count(2500) == "2,500"
    assert fmt.count(1, "material") == "1 material"
    assert fmt.count(0, "material") == "0 materials"
    assert fmt.count(2500, "hit material") == "2,500 hit materials"
    assert fmt.count(2, "box", "boxes") == "2 boxes"
    assert fmt.setting_number(90.0) == "90" and fmt.setting_number(7.5) == "7.5"


@pytest.mark.parametrize(("value", "percent", "share"), [
    (0.6, "60%", "60.0%"), (1.0, "100%", "100.0%"), (0.333, "33%", "33.3%"),
    (0.0333, "3%", "3.3%"), (0.05, "5%", "5.0%"), (0.0, "0%", "0.0%"),
    (0.00125, "0%", "0.1%"), (0.0004, "0%", "<0.1%"), (0.000934, "0%", "0.1%"),
    (0.159, "16%", "15.9%"),
    (0.44, "44%", "44.0%"), (None, "", ""), (math.nan, "", "")])
def test_shares(value: object, percent: str, share: str) -> None:
    assert fmt.percent(value) == percent  # type: ignore[arg-type]
    assert fmt.share(value) == share  # type: ignore[arg-type]


def test_a_column_of_shares_has_one_number_of_decimals() -> None:
    """The risk ranking's spend share read "44%" beside "15.9%"."""
    shown = [fmt.share(v) for v in (0.44, 0.159, 1.0, 0.0, 0.05, 0.00894)]
    assert shown == ["44.0%", "15.9%", "100.0%", "0.0%", "5.0%", "0.9%"]
    assert {len(s.split(".")[1]) for s in shown} == {len("0%")}  # one decimal each


@pytest.mark.parametrize(("value", "currency", "text"), [
    (1010.4, "", "1,010.40"), (1010.4, "EUR", "EUR 1,010.40"), (0.48, "EUR", "EUR 0.48"),
    (0.5, "", "0.50"), (0.0425, "", "0.0425"), (0.000123456, "", "0.000123"),
    (3.8, "USD", "USD 3.80"), (31000.0, "", "31,000.00"), (0.0, "", "0.00"),
    (3800.0, "JPY", "JPY 3,800"), (3799.6, "jpy", "jpy 3,800"), (0.5, "JPY", "JPY 0.50"),
    (1250.0, "KRW", "KRW 1,250"), (-2.5, "", "-2.50")])
def test_unit_prices(value: float, currency: str, text: str) -> None:
    assert fmt.price(value, currency) == text


def test_a_missing_price() -> None:
    assert fmt.price(None) == fmt.price(math.nan, "EUR") == fmt.price(pd.NA) == ""
    assert fmt.price(math.inf, "EUR", missing="–") == "–"  # no price
    assert fmt.price_decimals(0.0425) == 4 and fmt.price_decimals(12.0, "JPY") == 0


def test_a_quantity_just_below_a_hundred_reads_as_a_hundred() -> None:
    """A plan's 99.99999 kg printed as "100.0 kg" beside "250 kg"."""
    assert fmt.quantity(99.99999) == fmt.quantity(100.0) == "100"
    assert fmt.quantity_digits(99.99999) == 0
    assert fmt.quantity(9.9999) == "10.0" and fmt.quantity_digits(0.042) == 3


def test_percent_with_decimals_and_settings() -> None:
    assert fmt.percent(0.1234, 1) == "12.3%"
    assert fmt.percent(None, missing="–") == "–"
    assert fmt.percent_setting(0.6) == "60%"
    assert fmt.percent_setting(0.625) == "62.50%"
    assert fmt.percent_setting(0.07) == "7%"  # 0.07 × 100 is 7.000000000000001


@given(st.floats(min_value=0, max_value=1))
def test_percent_is_the_share_times_a_hundred(value: float) -> None:
    """The charts wrote shares as f"{share * 100:.0f}%" and the reports as f"{share:.0%}";
    both now call percent, which must read the same as either."""
    assert fmt.percent(value) == f"{value * 100:.0f}%" == f"{value:.0%}"


def test_money() -> None:
    assert fmt.money(1669120.4, "EUR") == "EUR 1,669,120"
    assert fmt.money(1669120.4) == "1,669,120"  # the currency is in the column title
    assert fmt.money(12.5, "USD", 2) == "USD 12.50"
    assert fmt.money(math.inf, "EUR") == fmt.money(None, "EUR") == "–"  # no price
    assert fmt.money(math.nan, "EUR", missing="") == ""


def test_dates() -> None:
    day = dt.date(2026, 11, 2)
    assert fmt.date(day) == "2026-11-02"
    assert fmt.date(dt.datetime(2026, 11, 2, 23, 59)) == "2026-11-02"
    assert fmt.date(pd.Timestamp("2026-11-02 13:00")) == "2026-11-02"
    assert fmt.date(np.datetime64("2026-11-02")) == "2026-11-02"
    assert fmt.date(pd.NaT) == fmt.date(None) == ""


def test_words() -> None:
    assert [fmt.status_flag(s) for s in ("critical", "short", "ok")] == [
        "CRITICAL", "SHORT", "ok"]
    assert fmt.status_label("short") == "short of target"
    assert fmt.status_key("ok") == "on target"
    assert fmt.yes_no(True) == "yes"
    assert fmt.yes_no(False) == fmt.yes_no(None) == fmt.yes_no(pd.NA) == ""
    assert fmt.text(pd.NA) == "" and fmt.text("SUP-QRM") == "SUP-QRM"
    assert fmt.clip("Copper, enamelled rectangular wire / rod", 28) == (
        "Copper, enamelled rectangul…")
    assert fmt.clip("Copper", 28) == "Copper" and fmt.clip(None, 5) == ""
    assert fmt.short_name("Terbium metal 99.9%") == "Terbium metal"
    assert fmt.short_name("Gallium metal 6N (for GaN epitaxy)") == "Gallium metal"
    assert fmt.short_name("Copper, enamelled rectangular wire / rod") == "Copper"
    assert fmt.short_name("Non-oriented electrical steel sheet grade") == (
        "Non-oriented electrical…")


@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_every_formatter_takes_every_kind_of_missing_value(value: object) -> None:
    assert fmt.is_missing(value)
    texts = [fmt.number(value), fmt.entered(value), fmt.quantity(value), fmt.days(value),
             fmt.survival(value), fmt.day(value), fmt.percent(value), fmt.share(value),
             fmt.hhi(value), fmt.money(value, "EUR"), fmt.price(value, "EUR"),
             fmt.date(value), fmt.text(value), fmt.yes_no(value)]
    assert texts == ["", "", "", "no demand", "lasts", "none", "", "", "", "–", "", "", "",
                     ""]


@pytest.mark.parametrize("value", [0, 0.0, "", "x", False, dt.date(2026, 1, 1)], ids=repr)
def test_values_that_are_not_missing(value: object) -> None:
    assert not fmt.is_missing(value)


def test_the_text_report_writes_figures_with_the_shared_formatters() -> None:
    project = planner.load(EV)
    report = planner.compute(project)
    lines = report_text(project, report).splitlines()
    rows = {line.split()[0]: line for line in lines[4:4 + len(report.materials)]}
    for r in risk_order(report.materials).itertuples(index=False):
        cells = re.split(r"\s{2,}", rows[r.item_id])
        assert fmt.days(r.days_of_cover) in cells
        assert fmt.days(r.days_of_cover_with_orders) in cells
        assert fmt.percent(r.top_country_share) in cells
        assert fmt.hhi(r.supplier_hhi) in cells
        assert fmt.status_flag(r.status) in cells


# --- palette ----------------------------------------------------------------------------
def test_every_country_keeps_its_colour() -> None:
    assert palette.country_colour("CN") == "#2b2d6e"
    assert palette.country_colour("ZZ") == palette.country_colour("ZZ") in palette.FALLBACK
    assert palette.country_colour(None) == palette.country_colour("") == (
        palette.UNKNOWN_COUNTRY)
    assert len(set(palette.COUNTRY.values())) == len(palette.COUNTRY)  # none shared


def test_colours_stay_apart_in_greyscale() -> None:
    """Summaries are printed in black and white: status fills and China must still read."""
    fills = sorted(palette.grey(c) for c in palette.STATUS.values())
    assert min(b - a for a, b in itertools.pairwise(fills)) >= 35
    china = palette.grey(palette.country_colour("CN"))
    others = [palette.grey(c) for code, c in palette.COUNTRY.items() if code != "CN"]
    assert china < min(others)
    for partner in ("DE", "JP", "MY", "VN", "BE", "AT", "KR", "EE"):  # China's partners
        assert palette.grey(palette.country_colour(partner)) - china >= 50, partner


def test_text_reads_on_every_fill() -> None:
    assert palette.text_on(palette.country_colour("CN")) == palette.WHITE
    assert palette.text_on(palette.country_colour("VN")) == palette.TEXT
    for colour in [*palette.COUNTRY.values(), *palette.FALLBACK, *palette.STATUS.values()]:
        ink = palette.text_on(colour)
        assert abs(palette.grey(ink) - palette.grey(colour)) > 60, colour


def test_status_text_is_readable_on_white() -> None:
    def luminance(colour: str) -> float:
        channels = [c / 255 for c in palette.rgb(colour)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in [*palette.STATUS_TEXT.values(), palette.TEXT, palette.MUTED]:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour  # WCAG AA for body text


def test_the_style_sheet_uses_the_palette() -> None:
    """The sheet names no colour of its own: each theme's scheme fills every one."""
    qss = resource("style.qss").read_text(encoding="utf-8")
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", qss)
    for scheme in palette.SCHEMES.values():
        # the arrows are icon paths the window fills in (ui.common.theme.style_sheet)
        filled = string.Template(qss).substitute(scheme.colours(), arrow_up="up.svg",
                                                 arrow_down="down.svg")
        used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,8}\b", filled)}
        assert used and used <= set(scheme.colours().values()), used


def _ppm_pixels(path: Path) -> set[tuple[int, int, int]]:
    """The distinct colours of a binary PPM image (what pdftoppm writes)."""
    data = path.read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header, "not a binary PPM"
    raw = np.frombuffer(data[header.end():], dtype=np.uint8).reshape(-1, 3)
    return {tuple(int(v) for v in p) for p in np.unique(raw, axis=0)}


def test_the_printed_summary_draws_in_the_palette(tmp_path: Path) -> None:
    """China, the status fills and the other countries on paper are the window's colours."""
    pdf = tmp_path / "summary.pdf"
    run = subprocess.run([sys.executable, "-m", "planner", "summary", str(EV), "-o", str(pdf)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    pixels = _ppm_pixels(next(tmp_path.glob("page*.ppm")))
    report = planner.compute(planner.load(EV))
    for code in report.sources["origin_country"].dropna().unique():
        assert palette.rgb(palette.country_colour(code)) in pixels, code
    for status in report.materials["status"].unique():
        assert palette.rgb(palette.STATUS[status]) in pixels, status
