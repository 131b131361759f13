"""The world tables of the USGS Mineral Commodity Summaries data release, read from the
copy shipped as package data (resources/usgs/).

The release is a long table (one value a row) written for people as much as for programs:
values carry thousands separators and codes, and world tables end with "Other countries" and
a rounded "World total". This module reads it as published and keeps what it says: a value,
or why there is none, with the release's notes. Figures are computed in
planner.analysis.world.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from planner.core.i18n import LANGUAGES, catalogue
from planner.core.resources import resource
from planner.inputs.choices import country_of_name

SOURCE = ("U.S. Geological Survey, 2026, Mineral Commodity Summaries 2026 data release "
          "(version 1.3, May 27, 2026): U.S. Geological Survey data release, "
          "https://doi.org/10.5066/P1WKQ63T")
RELEASE = ("usgs", "MCS2026_Commodities_Data.csv.gz")
ENCODING = "cp1252"  # the release is not UTF-8
OTHER = "Other countries"
TOTAL = "World total"

# the release's codes for a value it does not give as a number
ZERO = "—"
CODES = {"W": "withheld", "NA": "not available", "XX": "not calculable", "E": "net exporter"}
SMALL = "s"  # "small": less than half the unit, counted as zero

# USGS spellings the engine's table of country names (planner.inputs.parsing) lacks
USGS_COUNTRIES = {
    "Burma": "MM",
    "Congo (Kinshasa)": "CD",
    "Congo (Brazzaville)": "CG",
    "Korea, North": "KP",
    "Côte d’Ivoire": "CI",
    "Turkey": "TR",
}

_NUMBER = re.compile(r"^([<>])?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)$")
_ROUNDED = re.compile(r"(?::|,)\s*rounded$")

# names people look for, to the release's commodity (keys lower case)
ALIASES = {
    **dict.fromkeys(("rare earth", "rare earths", "rare-earth", "ree", "neodymium", "nd",
                     "dysprosium", "dy", "terbium", "tb", "praseodymium", "pr", "samarium",
                     "lanthanum", "cerium", "europium", "gadolinium", "ndfeb",
                     "レアアース", "希土類", "ネオジム", "ネオジウム", "ジスプロシウム",
                     "テルビウム", "プラセオジム", "サマリウム"), "Rare Earths"),
    **dict.fromkeys(("graphite", "natural graphite", "黒鉛", "天然黒鉛", "グラファイト"),
                    "Graphite (Natural)"),
    "ガリウム": "Gallium", "タングステン": "Tungsten", "アンチモン": "Antimony",
    "コバルト": "Cobalt", "リチウム": "Lithium", "ニッケル": "Nickel", "ゲルマニウム": "Germanium",
    "銅": "Copper", "マンガン": "Manganese", "バナジウム": "Vanadium",
    "ニオブ": "Niobium (Columbium)",
    "タンタル": "Tantalum", "インジウム": "Indium", "マグネシウム": "Magnesium Metal",
    "チタン": "Titanium Sponge Metal", "白金": "Platinum", "プラチナ": "Platinum",
    "パラジウム": "Palladium", "スズ": "Tin", "錫": "Tin", "亜鉛": "Zinc", "鉛": "Lead",
    "ビスマス": "Bismuth", "クロム": "Chromium", "モリブデン": "Molybdenum",
    "niobium": "Niobium (Columbium)", "columbium": "Niobium (Columbium)",
    "titanium": "Titanium Sponge Metal", "titanium sponge": "Titanium Sponge Metal",
    "magnesium": "Magnesium Metal", "aluminium": "Aluminum", "platinum group": "Platinum",
    # element symbols, read when written in the commodity column (never as keywords)
    "ga": "Gallium", "ge": "Germanium", "w": "Tungsten", "sb": "Antimony", "co": "Cobalt",
    "cu": "Copper", "li": "Lithium", "ni": "Nickel", "in": "Indium", "bi": "Bismuth",
    "mo": "Molybdenum", "te": "Tellurium", "sn": "Tin", "ta": "Tantalum", "al": "Aluminum",
    "nb": "Niobium (Columbium)", "v": "Vanadium", "mn": "Manganese", "pt": "Platinum",
    "pd": "Palladium", "zn": "Zinc", "cr": "Chromium", "mg": "Magnesium Metal",
}
# written in Items commodity: the item has no commodity (its name only seems to say one)
NO_COMMODITY = frozenset({"none", "-", "n/a", "なし", "該当なし", "無し"})

Kind = Literal["country", "other", "total"]


@dataclass(frozen=True)
class WorldRow:
    """One value of a world table as the release gives it.

    ``value`` is None when the release gives none (``status`` says why: withheld, not
    available...); a value given as "> 70,000" keeps 70,000 with ``sign`` ">".
    ``statistic`` is the release's Statistics_detail without its ": rounded" suffix, so a
    World total row joins the countries it sums.
    """

    commodity: str
    section: str
    kind_of_figure: str  # the release's Statistics: Production, Reserves, Capacity
    statistic: str
    country: str  # as the release spells it
    code: str | None  # ISO 3166-1 alpha-2; None for Other countries and World total
    kind: Kind
    unit: str
    year: int
    raw: str
    value: float | None
    sign: str
    status: str
    notes: str


def parse_value(raw: str) -> tuple[float | None, str, str]:
    """``(value, sign, status)`` of a cell of the release's Value column.

    "—" is zero, "s" (small) zero too; the codes W, NA, XX and E give no value; "1,270"
    is 1270; "> 70,000" keeps 70,000 and the sign. Anything else (a range such as
    "330 - 390") gives no value, with the status "not a number".
    """
    text = raw.strip()
    if text == ZERO:
        return 0.0, "", ""
    if text == SMALL:
        return 0.0, "", "small"
    if text in CODES:
        return None, "", CODES[text]
    match = _NUMBER.match(text.replace(" ", ""))
    if match is None:
        return None, "", "not a number"
    return float(match.group(2).replace(",", "")), match.group(1) or "", ""


@cache
def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as the release spells it, or None."""
    return country_of_name(name) or USGS_COUNTRIES.get(name)


def parse_release(text: str) -> list[WorldRow]:
    """The rows of the release's world tables (sections named "World ..."), in its order."""
    rows: list[WorldRow] = []
    for record in csv.DictReader(io.StringIO(text)):
        section = record["Section"].strip()
        year = record["Year"].strip()
        if not section.startswith("World") or not year.isdigit():
            continue
        country = record["Country"].strip()
        kind: Kind = ("other" if country == OTHER else "total" if country == TOTAL
                      else "country")
        value, sign, status = parse_value(record["Value"])
        rows.append(WorldRow(
            commodity=record["Commodity"].strip(), section=section,
            kind_of_figure=record["Statistics"].strip(),
            statistic=_ROUNDED.sub("", record["Statistics_detail"].strip()),
            country=country, code=country_code(country) if kind == "country" else None,
            kind=kind, unit=record["Unit"].strip(), year=int(year), raw=record["Value"],
            value=value, sign=sign, status=status, notes=record["Notes"].strip()))
    return rows


@cache
def world_rows() -> tuple[WorldRow, ...]:
    """The world tables of the shipped release (read once)."""
    data = gzip.decompress(resource(*RELEASE).read_bytes())
    return tuple(parse_release(data.decode(ENCODING)))


@cache
def production_commodities() -> tuple[str, ...]:
    """The commodities of the release's world production tables, in its order."""
    return tuple(dict.fromkeys(r.commodity for r in world_rows()
                               if r.kind_of_figure == "Production"))


@cache
def _translated_names() -> dict[str, str]:
    """Each commodity's name in every language of the catalogues (its Japanese, as the
    window and the reports show it: ボーキサイト) → the release's name."""
    out: dict[str, str] = {}
    for language in LANGUAGES:
        book = catalogue(language)
        for name in production_commodities():
            shown = book.gettext(name)
            if shown != name:
                out.setdefault(unicodedata.normalize("NFKC", shown).casefold(), name)
    return out


@cache
def resolve_commodity(text: str) -> str | None:
    """The world production commodity an Items ``commodity`` cell names: the release's
    name in any case ("gallium" → Gallium), an alias (neodymium, ネオジム → Rare Earths),
    or a commodity the release names with a qualifier ("graphite" → Graphite (Natural));
    "" for a cell that says the item has none ("none", なし); None when it names none."""
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    if key in NO_COMMODITY:
        return ""
    names = production_commodities()
    for name in names:
        if name.casefold() == key:
            return name
    alias = ALIASES.get(key) or _translated_names().get(key)
    if alias in names:
        return alias
    qualified = [n for n in names if n.casefold().split(" (")[0] == key]
    return qualified[0] if len(qualified) == 1 else None


def closest_commodity(text: str) -> str | None:
    """The commodity a misspelt name most likely means ("Galium" → Gallium), or None."""
    import difflib

    names = production_commodities()
    keys = {n.casefold(): n for n in names} | {a: c for a, c in ALIASES.items()
                                                if c in names and len(a) > 3}
    found = difflib.get_close_matches(unicodedata.normalize("NFKC", text).strip().casefold(),
                                      list(keys), n=1, cutoff=0.8)
    return keys[found[0]] if found else None
