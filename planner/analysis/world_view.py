"""What the window's World supply page shows beside the USGS world tables: the company's
purchases of one commodity split by origin country (declared and effective) and the order
of the commodities (the project's own first); their names in the user's language are in
planner.analysis.commodity_names.

The shares are those the rest of the engine uses: a country's part of the commodity's
daily purchase value (report.sources for the declared origins, report.effective_sources for
the effective ones, where look-through spread unknown origins over world production).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

MIX_COLUMNS = ("country", "value", "share")


def commodity_order(materials: pd.DataFrame | None, portfolio: pd.DataFrame | None,
                    release: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(project, others)``: the commodities the project's materials have (first those of
    the portfolio, in its order: the most concentrated by value first, then the rest in the
    release's order), then every other commodity of the release in its order."""
    mine: list[str] = []
    if portfolio is not None and "commodity" in portfolio:
        mine.extend(str(c) for c in portfolio["commodity"].dropna())
    if materials is not None and "commodity" in materials:
        present = set(materials["commodity"].dropna().astype(str))
        mine.extend(c for c in release if c in present)
        mine.extend(sorted(present.difference(release)))
    project = list(dict.fromkeys(c for c in mine if c))
    taken = set(project)
    return project, [c for c in release if c not in taken]


def country_mix(sources: pd.DataFrame | None, materials: pd.DataFrame | None,
                commodity: str) -> pd.DataFrame:
    """Each origin country's share of the daily purchase value of ``commodity`` (over all
    the materials whose commodity it is), largest first; the part with no known origin
    (the world's Other countries, after look-through) is one row with country None, last.

    Columns ``country`` (code or None), ``value`` (daily purchase value, the project's
    currency) and ``share``; empty when the project buys none of it or has no values.
    """
    empty = pd.DataFrame({"country": pd.Series(dtype=object), "value": pd.Series(dtype=float),
                          "share": pd.Series(dtype=float)})
    if sources is None or materials is None or sources.empty or "commodity" not in materials:
        return empty
    of = materials[materials["commodity"].astype(object) == commodity]["item_id"]
    rows = sources[sources["item_id"].isin(set(of.astype(str)))]
    values = rows["daily_value"].to_numpy(dtype=float)
    values = np.where(np.isfinite(values), values, 0.0)
    total = float(values.sum())
    if total <= 0:
        return empty
    origin = rows["origin_country"].astype(object)
    codes = origin.where(origin.notna(), "").astype(str).to_numpy(dtype=object)
    summed = pd.Series(values).groupby(codes).sum()
    known = summed.drop("", errors="ignore").sort_index()
    known = known.iloc[np.argsort(-known.to_numpy(), kind="stable")]
    countries: list[str | None] = [str(c) for c in known.index]
    amounts = [float(v) for v in known.to_numpy()]
    if "" in summed.index and float(summed[""]) > 0:
        countries.append(None)
        amounts.append(float(summed[""]))
    return pd.DataFrame({"country": pd.Series(countries, dtype=object),
                         "value": np.array(amounts, dtype=float),
                         "share": np.array(amounts, dtype=float) / total})


def mix_table(declared: pd.DataFrame, effective: pd.DataFrame,
              world: Iterable[tuple[str | None, float]] = ()) -> pd.DataFrame:
    """The declared and effective mixes side by side, one row per country (NaN where a mix
    lacks it), with the country's world share (``world``: code, share) where given; in
    the order of the effective mix, then countries only declared; no known origin last."""
    codes = [_code(c) for c in [*effective["country"], *declared["country"]]]
    order: list[str | None] = list(dict.fromkeys(c for c in codes if c is not None))
    if None in codes:
        order.append(None)
    world_of = {c: s for c, s in world if c is not None}

    def share(mix: pd.DataFrame) -> list[float]:
        found = {_code(c): s for c, s in zip(mix["country"], mix["share"], strict=True)}
        return [float(found.get(c, np.nan)) for c in order]

    return pd.DataFrame({"country": pd.Series(order, dtype=object),
                         "declared": share(declared), "effective": share(effective),
                         "world": [float(world_of.get(c, np.nan)) if c else np.nan
                                   for c in order]})


def _code(country: object) -> str | None:
    """A country code, or None for no known origin (None, NA or NaN)."""
    missing = country is None or country is pd.NA or (
        isinstance(country, float) and np.isnan(country))
    return None if missing else str(country)


__all__ = ["commodity_order", "country_mix", "mix_table"]
