"""Every order the program shows things in, defined once.

The window, the printed summary, the workbooks and the command line all sort through
here, so a material ranked first on screen is ranked first on paper.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

STATUSES = ("critical", "short", "ok")  # worst first
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}


def status_rank(status: pd.Series) -> pd.Series:
    """0 for critical, 1 for short, 2 for ok (and anything unknown)."""
    return status.map(STATUS_RANK).fillna(float(STATUS_RANK["ok"]))


def risk_order(materials: pd.DataFrame) -> pd.DataFrame:
    """Materials most at risk first: status, then cover relative to target, then the
    larger top-country share."""
    ratio = materials["days_of_cover"] / materials["target_days"].where(
        materials["target_days"] > 0)
    return materials.assign(
        _s=status_rank(materials["status"]), _r=ratio.fillna(math.inf),
        _c=-materials["top_country_share"].fillna(0)).sort_values(
        ["_s", "_r", "_c"], kind="stable").drop(columns=["_s", "_r", "_c"])


def product_risk_order(products: pd.DataFrame) -> pd.DataFrame:
    """Products most at risk first: worst status, shortest cover, larger country share."""
    return products.assign(
        _r=status_rank(products["worst_status"]),
        _c=products["min_days_of_cover"].fillna(math.inf)).sort_values(
        ["_r", "_c", "top_country_share"], ascending=[True, True, False],
        kind="stable").drop(columns=["_r", "_c"])


def urgency_order(materials: pd.DataFrame) -> np.ndarray:
    """Positions of the materials, most urgent first: critical, short, on target, no
    demand; then the fewest days of cover; then by name."""
    cover = materials["days_of_cover"].to_numpy(dtype=float)
    rank = np.where(np.isnan(cover), len(STATUSES),
                    status_rank(materials["status"]).to_numpy(dtype=float))
    names = materials["name"].astype(str).to_numpy()
    return np.lexsort((names, np.nan_to_num(cover), rank))


def concentration_order(materials: pd.DataFrame) -> np.ndarray:
    """Positions of the materials, the largest top-country share first (no sources last),
    then by name."""
    share = np.nan_to_num(materials["top_country_share"].to_numpy(dtype=float), nan=-1.0)
    return np.lexsort((materials["name"].astype(str).to_numpy(), -share))


def country_mix(sources: pd.DataFrame) -> pd.DataFrame:
    """Per material, the share of supply from each origin country: columns item_id,
    origin_country, share; materials in id order, the largest share first, ties by
    country code."""
    mix = (sources.groupby(["item_id", "origin_country"], dropna=False, observed=True)
           ["share"].sum().reset_index())
    return mix.sort_values(["item_id", "share", "origin_country"],
                           ascending=[True, False, True], kind="stable").reset_index(drop=True)


__all__ = ["STATUSES", "STATUS_RANK", "concentration_order", "country_mix",
           "product_risk_order", "risk_order", "status_rank", "urgency_order"]
