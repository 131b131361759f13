"""World production and its concentration by country, from the USGS world production
tables (planner.inputs.usgs): who mines or refines a material, and how concentrated that is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.core.errors import PlannerError
from planner.core.i18n import _
from planner.inputs.usgs import (
    OTHER,
    WorldRow,
    production_commodities,
    resolve_commodity,
    world_rows,
)


@dataclass(frozen=True)
class CountryProduction:
    """A row of a world table: a country (``code`` its ISO code) or Other countries
    (``code`` None), its value and its share of the listed total."""

    code: str | None
    name: str  # as the release spells it
    value: float
    share: float
    sign: str  # ">" or "<" when the release gives a bound
    notes: str


@dataclass(frozen=True)
class WorldProduction:
    """One world table (commodity, statistic, year) and its concentration.

    ``total`` is the sum of the listed rows (countries and Other countries), the base of
    every share; ``reported_total`` is the release's World total, shown but never summed
    (it is rounded, and may include production withheld by country). ``top_country`` and
    ``top3_share`` rank named countries only: Other countries is no country.

    ``hhi`` (Herfindahl-Hirschman index, 0-10,000) counts Other countries as a single
    producer. It is an upper bound: the countries behind it, split, would give a smaller
    index. Countries whose value is withheld or not available are left out (``left_out``).
    """

    commodity: str
    statistic: str
    year: int
    unit: str
    total: float
    reported_total: float | None
    top_country: str | None
    top_share: float
    top3_share: float
    hhi: float
    countries: tuple[CountryProduction, ...]
    left_out: tuple[str, ...]


def concentration(values: Iterable[float]) -> float:
    """HHI = 10,000 × Σ share², the shares of ``values`` in their sum (0 for no sum)."""
    values = list(values)
    total = sum(values)
    return 10_000 * sum((v / total) ** 2 for v in values) if total > 0 else 0.0


def _table(rows: list[WorldRow]) -> WorldProduction | None:
    """The figures of one world table's rows; None when it lists no production."""
    listed = [r for r in rows if r.kind != "total" and r.value is not None]
    total = sum(r.value for r in listed if r.value is not None)
    if total <= 0 or all(r.kind != "country" for r in rows):
        return None
    shares = [CountryProduction(code=r.code, name=r.country, value=float(r.value or 0.0),
                                share=float(r.value or 0.0) / total, sign=r.sign,
                                notes=r.notes) for r in listed]
    named = sorted((c for c in shares if c.name != OTHER), key=lambda c: -c.value)
    reported = [r.value for r in rows if r.kind == "total" and r.value is not None]
    first = rows[0]
    return WorldProduction(
        commodity=first.commodity, statistic=first.statistic, year=first.year,
        unit=first.unit, total=total, reported_total=reported[0] if reported else None,
        top_country=(named[0].code or named[0].name) if named else None,
        top_share=named[0].share if named else 0.0,
        top3_share=sum(c.share for c in named[:3]),
        hhi=concentration(c.value for c in shares),
        countries=tuple(sorted(shares, key=lambda c: (c.name == OTHER, -c.value))),
        left_out=tuple(r.country for r in rows if r.kind != "total" and r.value is None))


def _join_strays(groups: dict[tuple[str, str, str], list[WorldRow]]) -> None:
    """Join to its table a row filed under a longer statistic than its countries' (talc's
    Other countries is "Mine production: includes crude", its countries' "Mine
    production"): a table without countries gets rows of the table whose statistic its own
    begins with, when there is one such table."""
    for key in [k for k, rows in groups.items() if all(r.kind != "country" for r in rows)]:
        commodity, statistic, unit = key
        hosts = [k for k, rows in groups.items() if k != key and k[0] == commodity
                 and k[2] == unit and statistic.startswith(k[1])
                 and any(r.kind == "country" for r in rows)]
        if len(hosts) == 1:
            groups[hosts[0]].extend(r for r in groups.pop(key) if r.kind == "other")


def commodities(rows: Iterable[WorldRow] | None = None) -> list[str]:
    """The commodities of the world production tables, in the release's order."""
    if rows is None:
        return list(production_commodities())
    return list(dict.fromkeys(r.commodity for r in rows if r.kind_of_figure == "Production"))


def match_commodity(query: str, names: list[str]) -> list[str]:
    """The commodities ``query`` names: the one it spells or is an alias of, as an Items
    commodity cell is read (planner.inputs.usgs.resolve_commodity: neodymium → Rare
    Earths), else every commodity whose name contains it."""
    resolved = resolve_commodity(query)
    if resolved and resolved in names:
        return [resolved]
    key = query.strip().casefold()
    return [n for n in names if key and key in n.casefold()]


def world_production(commodity: str | None = None, year: int | None = None,
                     rows: Iterable[WorldRow] | None = None) -> list[WorldProduction]:
    """The world production tables of ``year`` (default: the release's latest) for
    ``commodity`` (default: all), with shares and concentration.

    Raises PlannerError when ``commodity`` names none of the release's commodities or
    ``year`` is not in it.
    """
    production = [r for r in (world_rows() if rows is None else rows)
                  if r.kind_of_figure == "Production"]
    years = sorted({r.year for r in production})
    chosen_year = years[-1] if year is None else year
    if chosen_year not in years:
        raise PlannerError(_("The USGS world production tables have no year {year}; they "
                             "cover {years}.").format(year=chosen_year,
                                                      years=", ".join(map(str, years))))
    names = commodities(production)
    wanted = names if commodity is None else match_commodity(commodity, names)
    if not wanted:
        raise PlannerError(_("No commodity in the USGS world production tables matches "
                             "{name!r}.").format(name=commodity))
    groups: dict[tuple[str, str, str], list[WorldRow]] = {}
    for r in production:
        if r.year == chosen_year and r.commodity in wanted:
            groups.setdefault((r.commodity, r.statistic, r.unit), []).append(r)
    _join_strays(groups)
    order = {name: i for i, name in enumerate(wanted)}
    tables = [t for key in sorted(groups, key=lambda k: order[k[0]])
              if (t := _table(groups[key])) is not None]
    return tables
