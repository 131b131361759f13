"""Grouping helpers over numpy arrays, shared by the scenario engine's modules."""

from __future__ import annotations

import numpy as np


def csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``keys`` grouped by key, and where each key's group starts (n + 1)."""
    order = np.argsort(keys, kind="stable")
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=starts[1:])
    return order, starts


def expand(groups: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each entry of ``groups``, every member of its CSR group.

    Returns (entry of each member, member's place in the CSR order).
    """
    lo, hi = starts[groups], starts[groups + 1]
    counts = hi - lo
    entry = np.repeat(np.arange(len(groups)), counts)
    first = np.cumsum(counts) - counts
    place = np.arange(int(counts.sum())) - np.repeat(first, counts) + np.repeat(lo, counts)
    return entry, place
