"""Allocation of each material's net need across its sources, as mixed-integer programs.

For material i with sources j (continuous quantity q_j, binary y_j "order placed" where
the source has an MOQ):

    need_i ≤ Σ_j q_j ≤ need_i + max MOQ_i        cover the need; over-buy only what MOQs force
    0 ≤ q_j ≤ capacity_j over the horizon
    moq_j · y_j ≤ q_j ≤ M_j · y_j                 0, or at least the MOQ
    Σ_{j of supplier s} q_j − a_i · Σ_j q_j ≤ e_i   for every supplier s of i (cap a_i)
    Σ_{j of country c} q_j − b_i · Σ_j q_j ≤ f_i    for every origin country c of i (cap b_i)
    Σ_{j of supplier s} q_j − u_s · Σ_j q_j ≤ g_i   limits below the caps (the "diversify"
    Σ_{j of country c} q_j − v_c · Σ_j q_j ≤ h_i    objective: today's shares), where < 1

solved lexicographically, all materials at once (the programs are independent blocks):

1. minimise Σ_i (e_i + f_i), the excess over the caps in quantity (kg above the cap's
   share of the plan): zero where the caps can be met, else the closest allocation;
2. with e_i + f_i held at those minima, minimise Σ_i (g_i + h_i), the excess over the
   limits (skipped where there are none, or where stage 1 already meets them);
3. with both held, minimise Σ_j (price_j + ε_i) · q_j: the cheapest (ε_i, a millionth
   of the material's dearest price, keeps free sources from being over-bought).

Fast path: the stages are first solved as one LP with the MOQs left out (a relaxation).
A material whose LP allocation already has every order at 0 or ≥ its MOQ is optimal for
the MILP too, block by block, and is done (all three stages: the relaxation's lexicographic
optimum is feasible for the MILP, hence its optimum). Of the others, a material with few
orders that MOQs decide (ENUMERATE_ORDERS) and not counted in whole units is solved by
enumerating which of those orders are placed: each pattern is an LP (an order placed is at
least its MOQ, one not placed is 0), all patterns of 30 materials are solved at once as one
block-diagonal LP, stage by stage, and each material takes its lexicographically least
pattern. The rest go to ``scipy.optimize.milp`` (HiGHS), together as one block-diagonal
MILP in chunks, so that each call's fixed cost (~15 ms) is shared and the branch-and-bound
of one chunk stays small.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:  # scipy.optimize takes 0.7 s to import: only when a MILP is solved
    from scipy.optimize import Bounds, LinearConstraint

from planner.core.errors import Cancelled, PlannerError
from planner.core.i18n import _

Progress = Callable[[int, int], object]  # (done, total) -> False to stop

MILP_CHUNK = 30  # materials per MILP call: HiGHS solves most chunks at the root node
MILP_GAP = 1e-7
# a material with at most this many orders that MOQs decide (2^4 = 16 patterns of placed
# orders) and not counted in whole units is solved by enumeration (see _enumerate): one
# LP of all its patterns instead of branch-and-bound (measured: diversify, 765 such
# materials, 5.3 s → 1.1 s, same costs); 30 materials per LP, as fast as 15 or 50 (1,000:
# 1.8 s), and progress is reported (and cancel heard) after each
ENUMERATE_ORDERS = 4
ENUMERATE_CHUNK = 30  # relative gap of a chunk's cost
MILP_TIME_LIMIT = 20.0  # seconds per call; the best allocation found by then is kept
# HiGHS's sub-MIP heuristics (RINS, RENS, root reduced cost) spend up to a second on a
# chunk these small, independent blocks solve at the root anyway (measured: 3.5 s → 0.8 s
# for 400 materials, same costs). scipy passes options it does not know to HiGHS as they
# are, with a warning; HiGHS versions without them get the defaults.
HIGHS_OPTIONS = {"mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False,
                 "mip_heuristic_run_root_reduced_cost": False}
_highs_options_known = True


@dataclass
class AllocationProblem:
    """The sources of the materials to allocate, sorted by material (0 … k-1)."""

    material: np.ndarray  # per source: material number, ascending
    need: np.ndarray  # per material: quantity to cover (> 0, ≤ what the sources can deliver)
    upper: np.ndarray  # per source: capacity over the horizon (inf: none; 0: unusable)
    moq: np.ndarray  # per source: minimum order quantity (0: none)
    price: np.ndarray  # per source: unit price used for the cost
    supplier: np.ndarray  # per source: supplier code (any integers)
    country: np.ndarray  # per source: origin-country code (any integers)
    # the caps: one for all materials, or one per material (1: none)
    max_supplier_share: float | np.ndarray
    max_country_share: float | np.ndarray
    whole: np.ndarray | None = None  # per material: counted in whole units (pcs, sets)
    # per source: the limit on the share of its supplier / its origin country, held
    # after the caps (stage 2); the smallest of a group's rows counts; None or 1: none
    supplier_limit: np.ndarray | None = None
    country_limit: np.ndarray | None = None
    floor: np.ndarray | None = None  # per source: least quantity (an order fixed as placed)

    def __post_init__(self) -> None:
        k, n = len(self.need), len(self.material)
        if self.whole is None:
            self.whole = np.zeros(k, dtype=bool)
        self.max_supplier_share = np.broadcast_to(
            np.asarray(self.max_supplier_share, dtype=float), (k,)).copy()
        self.max_country_share = np.broadcast_to(
            np.asarray(self.max_country_share, dtype=float), (k,)).copy()
        self.supplier_limit = (np.ones(n) if self.supplier_limit is None
                               else np.asarray(self.supplier_limit, dtype=float))
        self.country_limit = (np.ones(n) if self.country_limit is None
                              else np.asarray(self.country_limit, dtype=float))
        self.floor = np.zeros(n) if self.floor is None else np.asarray(self.floor, dtype=float)

    @property
    def supplier_caps(self) -> np.ndarray:
        """The supplier cap of each material."""
        return np.asarray(self.max_supplier_share, dtype=float)

    @property
    def country_caps(self) -> np.ndarray:
        """The country cap of each material."""
        return np.asarray(self.max_country_share, dtype=float)

    @property
    def limited(self) -> bool:
        """Whether some limit lies below its material's cap (stage 2 has work)."""
        assert self.supplier_limit is not None and self.country_limit is not None
        return bool((self.supplier_limit < self.supplier_caps[self.material]).any()
                    or (self.country_limit < self.country_caps[self.material]).any())

    @property
    def materials(self) -> int:
        return len(self.need)

    def subset(self, keep: np.ndarray) -> tuple[AllocationProblem, np.ndarray]:
        """The problem of the materials where ``keep`` is true, and their sources' rows."""
        assert self.whole is not None  # set by __post_init__
        assert self.supplier_limit is not None and self.country_limit is not None
        assert self.floor is not None
        rows = np.flatnonzero(keep[self.material])
        renumber = np.cumsum(keep) - 1
        return AllocationProblem(
            renumber[self.material[rows]], self.need[keep], self.upper[rows], self.moq[rows],
            self.price[rows], self.supplier[rows], self.country[rows],
            self.supplier_caps[keep], self.country_caps[keep], self.whole[keep],
            self.supplier_limit[rows], self.country_limit[rows], self.floor[rows]), rows


@dataclass
class Allocation:
    quantity: np.ndarray  # per source
    method: np.ndarray  # per material: "greedy", "lp" or "milp" (see allocate)
    milp_calls: int = 0  # solver calls for the materials where MOQs bind (LPs and MILPs)


def allocate(problem: AllocationProblem, progress: Progress | None = None) -> Allocation:
    """The lexicographic optimum of every material (see the module's docstring).

    ``progress(done, total)`` is called after each batch of MILP materials (the slow
    part); returning False stops with Cancelled.

    method "greedy": the relaxation's optimum by the exact greedy (laminar caps, the need
    met within the caps), MOQ-feasible, hence optimal; "lp": the same from the LP;
    "milp": where the MOQs (or whole units) bind: by enumeration of the placed orders or
    from the mixed-integer program.
    """
    k = problem.materials
    q = np.zeros(len(problem.material))
    method = np.full(k, "greedy", dtype=object)
    calls = 0
    if k == 0:
        return Allocation(q, method)
    covered, q_greedy = _greedy(problem)
    q[:] = q_greedy
    if not covered.all():
        sub, rows = problem.subset(~covered)
        q[rows] = _solve(sub, integer=False)
        method[~covered] = "lp"
    redo = _moq_violated(problem, q) | _fractional(problem, q)
    if redo.any():
        method[redo] = "milp"
        assert problem.whole is not None
        decides = (problem.moq > 0) & (problem.upper >= problem.moq) & (problem.upper > 0)
        decisions = np.bincount(problem.material[decides], minlength=k)
        listed = np.flatnonzero(redo & ~problem.whole & (decisions <= ENUMERATE_ORDERS))
        total, done = int(redo.sum()), 0
        for lo in range(0, len(listed), ENUMERATE_CHUNK):
            if progress is not None and progress(done, total) is False:
                raise Cancelled(_("the plan was cancelled"))
            keep = np.zeros(k, dtype=bool)
            keep[listed[lo:lo + ENUMERATE_CHUNK]] = True
            done += int(keep.sum())
            sub, rows = problem.subset(keep)
            q[rows] = _enumerate(sub)
            calls += 1
        redo[listed] = False
        # materials whose relaxation met the caps first try the MILP with the caps hard
        # (one stage instead of two); a chunk where that is infeasible takes both stages
        met = (_excess(problem, q) <= 1e-7 * np.maximum(problem.need, 1.0)) & redo
        for numbers, hard in ((np.flatnonzero(met), True),
                              (np.flatnonzero(redo & ~met), False)):
            for lo in range(0, len(numbers), MILP_CHUNK):
                if progress is not None and progress(done, total) is False:
                    raise Cancelled(_("the plan was cancelled"))
                done += len(numbers[lo:lo + MILP_CHUNK])
                keep = np.zeros(k, dtype=bool)
                keep[numbers[lo:lo + MILP_CHUNK]] = True
                sub, rows = problem.subset(keep)
                result = _solve(sub, integer=True, caps_hard=True) if hard else None
                calls += 1
                if result is None:
                    result = _solve(sub, integer=True)
                    calls += 2 if hard else 1
                q[rows] = result
        if progress is not None:
            progress(total, total)
    return Allocation(q, method, calls)


def _codes(material: np.ndarray, key: np.ndarray) -> np.ndarray:
    """A code per distinct (material, key) pair, 0 … groups-1."""
    width = int(key.max(initial=0)) + 1
    return np.unique(material.astype(np.int64) * width + key, return_inverse=True)[1].ravel()


def _greedy(p: AllocationProblem) -> tuple[np.ndarray, np.ndarray]:
    """The relaxation (MOQs left out) solved exactly where its caps are laminar.

    With the plan at exactly the need N, the allocations within capacity and within the
    caps (a·N per supplier, b·N per origin country) form a polymatroid when each supplier
    sells the material from one origin only (sources ⊂ suppliers ⊂ countries); filling
    the sources cheapest first, each as far as its capacity and its supplier's and
    country's room allow, is then optimal (Edmonds' greedy). A cap that a single supplier
    (country) with capacity makes unmeetable is left out: its excess, (1 − cap)·N, is the
    least possible. Done for all materials at once, one source rank per step.

    Returns (covered, q): covered is false where the structure is not laminar or the
    need cannot be met within the caps (the LP takes those).
    """
    n, k = len(p.material), p.materials
    upper = np.where(p.upper >= p.moq, p.upper, 0.0)
    usable = upper > 0
    sup = _codes(p.material, p.supplier)
    cty = _codes(p.material, p.country)
    pairs = _codes(p.material, sup * (int(p.country.max(initial=0)) + 1) + p.country)
    laminar = np.ones(k, dtype=bool)
    mixed = np.bincount(sup, minlength=sup.max() + 1)  # sources per supplier group
    per_pair = np.bincount(pairs, minlength=pairs.max() + 1)
    # a supplier group whose sources are not all one (supplier, country) pair: not laminar
    laminar[p.material[per_pair[pairs] != mixed[sup]]] = False

    def room(codes: np.ndarray, cap: np.ndarray, limit: np.ndarray) -> np.ndarray:
        """Per group: its share's bound (cap and limit, the tighter) times the need."""
        groups = int(codes.max()) + 1
        material = np.empty(groups, dtype=np.int64)
        material[codes] = p.material
        bound = cap.copy()[material]
        np.minimum.at(bound, codes, limit)
        distinct = np.bincount(material[np.unique(codes[usable])], minlength=k)
        return np.where((distinct[material] <= 1) | (bound >= 1.0), np.inf,
                        bound * p.need[material])

    assert p.supplier_limit is not None and p.country_limit is not None
    sup_room = room(sup, p.supplier_caps, p.supplier_limit)
    cty_room = room(cty, p.country_caps, p.country_limit)
    left = p.need.astype(float).copy()
    q = np.zeros(n)
    order = np.lexsort((np.arange(n), p.price, p.material))
    sorted_material = p.material[order]
    first = np.r_[True, sorted_material[1:] != sorted_material[:-1]]
    starts = np.flatnonzero(first)
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    for r in range(int(rank.max(initial=-1)) + 1):
        j = order[rank == r]
        m = p.material[j]
        take = np.minimum(np.minimum(upper[j], left[m]),
                          np.minimum(sup_room[sup[j]], cty_room[cty[j]]))
        take = np.maximum(take, 0.0)
        q[j] = take
        left[m] -= take
        sup_room[sup[j]] -= take
        cty_room[cty[j]] -= take
    covered = laminar & (left <= 1e-9 * np.maximum(p.need, 1.0))
    return covered, q


def _excess(p: AllocationProblem, q: np.ndarray) -> np.ndarray:
    """Per material: the largest quantity of a supplier or country above its cap or its
    limit."""
    k = p.materials
    total = np.bincount(p.material, weights=q, minlength=k)
    out = np.zeros(k)
    assert p.supplier_limit is not None and p.country_limit is not None
    for key, cap, limit in ((p.supplier, p.supplier_caps, p.supplier_limit),
                            (p.country, p.country_caps, p.country_limit)):
        codes = _codes(p.material, key)
        group = np.bincount(codes, weights=q)
        material = np.empty(len(group), dtype=np.int64)
        material[codes] = p.material
        bound = cap.copy()[material]
        np.minimum.at(bound, codes, limit)
        np.maximum.at(out, material, group - bound * total[material])
    return out


def _fractional(problem: AllocationProblem, q: np.ndarray) -> np.ndarray:
    """Per material: counted in whole units, and some quantity is not whole."""
    assert problem.whole is not None
    if not problem.whole.any():
        return problem.whole
    off = np.abs(q - np.round(q)) > 1e-6
    return problem.whole & (np.bincount(problem.material[off], minlength=problem.materials)
                            > 0)


def _moq_violated(problem: AllocationProblem, q: np.ndarray) -> np.ndarray:
    """Per material: some order is above 0 but below its source's MOQ."""
    tol = 1e-6 * np.maximum(problem.moq, 1.0)
    bad = (q > tol) & (q < problem.moq - tol)
    return np.bincount(problem.material[bad], minlength=problem.materials) > 0


def _ragged_arange(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of arange(s, s + c) for each start s and count c."""
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    out: np.ndarray = np.repeat(starts, counts) + np.arange(int(counts.sum())) - offsets
    return out


def _share_rows(material: np.ndarray, key: np.ndarray, start: np.ndarray,
                count: np.ndarray, bound: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                              np.ndarray, np.ndarray]:
    """Rows Σ_{j of group} q_j − b_g · Σ_j q_j over each (material, key) group whose
    bound b_g (the smallest ``bound`` of its sources) is below 1.

    Returns (row, column, coefficient) triplets and each row's material.
    """
    group = _codes(material, key)
    groups = int(group.max()) + 1
    group_material = np.empty(groups, dtype=np.int64)
    group_material[group] = material
    group_bound = np.ones(groups)
    np.minimum.at(group_bound, group, bound)
    kept = np.flatnonzero(group_bound < 1.0)
    row_of = np.full(groups, -1, dtype=np.int64)
    row_of[kept] = np.arange(len(kept))
    counts = count[group_material[kept]]
    rows = np.repeat(np.arange(len(kept)), counts)
    cols = _ragged_arange(start[group_material[kept]], counts)
    coef = (row_of[group[cols]] == rows).astype(float) - np.repeat(group_bound[kept], counts)
    return rows, cols, coef, group_material[kept]


def _solve(p: AllocationProblem, integer: bool, caps_hard: bool = False
           ) -> np.ndarray | None:
    """The quantities of all stages for all materials of ``p`` at once.

    caps_hard: no excess over the caps or the limits allowed, so stages 1 and 2 are
    skipped; None when that is infeasible.
    """
    n, k = len(p.material), p.materials
    count = np.bincount(p.material, minlength=k)
    start = np.cumsum(count) - count
    max_moq = np.zeros(k)
    np.maximum.at(max_moq, p.material, p.moq)
    cover_upper = p.need + max_moq
    assert p.whole is not None
    assert p.supplier_limit is not None and p.country_limit is not None
    whole_q = p.whole[p.material]
    if integer and whole_q.any():  # whole units: room for two more to share them out
        cover_upper = np.where(p.whole, np.ceil(p.need - 1e-9) + max_moq + 2, cover_upper)

    rows: list[np.ndarray] = [p.material]
    cols: list[np.ndarray] = [np.arange(n)]
    vals: list[np.ndarray] = [np.ones(n)]
    lower: list[np.ndarray] = [p.need]
    upper: list[np.ndarray] = [cover_upper]
    m = k
    # excess variables after q: e (supplier cap), f (country cap), g (supplier limit),
    # h (country limit), k each; an upper bound of 0: that bound is not a constraint
    excess_upper = np.zeros(4 * k)
    sup_caps, cty_caps = p.supplier_caps[p.material], p.country_caps[p.material]
    limited = p.limited
    for slot, key, bound in ((0, p.supplier, sup_caps), (1, p.country, cty_caps),
                             (2, p.supplier, p.supplier_limit if limited else np.ones(n)),
                             (3, p.country, p.country_limit if limited else np.ones(n))):
        r, c, v, row_material = _share_rows(p.material, key, start, count, bound)
        g = len(row_material)
        if not g:
            continue
        offset = n + slot * k
        rows += [r + m, np.arange(g) + m]
        cols += [c, offset + row_material]
        vals += [v, -np.ones(g)]
        lower.append(np.full(g, -np.inf))
        upper.append(np.zeros(g))
        excess_upper[slot * k + row_material] = np.inf
        m += g

    # e_i + f_i, then g_i + h_i: free at first, then at most their minima
    stage_rows = []
    for slot in (0, 2):
        rows += [m + np.arange(k), m + np.arange(k)]
        cols += [n + slot * k + np.arange(k), n + (slot + 1) * k + np.arange(k)]
        vals += [np.ones(k), np.ones(k)]
        lower.append(np.full(k, -np.inf))
        upper.append(np.full(k, np.inf))
        stage_rows.append(m)
        m += k

    q_upper = np.where(p.upper >= p.moq, p.upper, 0.0)
    var_upper = [q_upper, excess_upper]

    integrality = np.zeros(n + 4 * k)
    if integer:
        moq_rows = np.flatnonzero(p.moq > 0)
        t = len(moq_rows)
        big = np.minimum(q_upper[moq_rows], cover_upper[p.material[moq_rows]])
        y = n + 4 * k + np.arange(t)
        # q_j − M_j·y_j ≤ 0 and q_j − moq_j·y_j ≥ 0
        rows += [m + np.arange(t), m + np.arange(t), m + t + np.arange(t),
                 m + t + np.arange(t)]
        cols += [moq_rows, y, moq_rows, y]
        vals += [np.ones(t), -big, np.ones(t), -p.moq[moq_rows]]
        lower += [np.full(t, -np.inf), np.zeros(t)]
        upper += [np.zeros(t), np.full(t, np.inf)]
        m += 2 * t
        var_upper.append(np.ones(t))
        integrality = np.r_[integrality, np.ones(t)]
        integrality[:n] = whole_q
    from scipy.optimize import Bounds, LinearConstraint

    size = len(integrality)
    assert p.floor is not None
    lb = np.zeros(size)
    lb[:n] = p.floor
    a = sparse.csr_array((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(m, size))
    lower_all, upper_all = np.concatenate(lower), np.concatenate(upper)
    ub = np.concatenate(var_upper)
    options = {"mip_rel_gap": MILP_GAP, "time_limit": MILP_TIME_LIMIT} if integer else {}
    scale = np.maximum(p.need, 1.0)

    def least(x: np.ndarray, slot: int) -> np.ndarray:
        """Per material: the excess of stage slot // 2 + 1 in ``x``, as an upper bound
        for the next stages (HiGHS meets rows to ~1e-7 absolute: that little is none)."""
        total = x[n + slot * k:n + (slot + 1) * k] + x[n + (slot + 1) * k:n + (slot + 2) * k]
        return np.where(total > 1e-7 * scale, total * (1 + 1e-9) + 1e-9 * scale, 0.0)

    first: np.ndarray | None = None
    if caps_hard:
        ub[n:n + 4 * k] = 0.0
    else:
        for slot, row in zip((0, 2), stage_rows, strict=True):
            if first is not None and not least(first, slot).any():
                upper_all[row:row + k] = 0.0  # the stage before met every limit
                continue
            if slot and not np.isinf(excess_upper[2 * k:]).any():
                continue  # no limit rows: stage 2 has nothing to do
            c = np.zeros(size)
            c[n + slot * k:n + (slot + 2) * k] = 1.0
            x = _run(c, integrality, Bounds(lb, ub),
                     LinearConstraint(a, lower_all, upper_all), options,
                     may_fail=first is not None)
            if x is None:  # see stage 3 below: the stage before's allocation stands
                x = _run(c, integrality, Bounds(lb, ub),
                         LinearConstraint(a, lower_all, upper_all),
                         {**options, "presolve": False}, may_fail=True)
            if x is None:
                break
            first = x
            upper_all[row:row + k] = least(x, slot)
    # stage 3: the cheapest allocation with no more excess than that
    dearest = np.zeros(k)
    np.maximum.at(dearest, p.material, p.price)
    c = np.zeros(size)
    c[:n] = p.price + 1e-6 * np.maximum(dearest, 1.0)[p.material]
    constraints = LinearConstraint(a, lower_all, upper_all)
    bounds = Bounds(lb, ub)
    x = _run(c, integrality, bounds, constraints, options, may_fail=True)
    if x is None and caps_hard:
        return None
    if x is None:
        # a bound exactly at a stage's optimum can make HiGHS's presolve call the next
        # stage infeasible: once more without presolve, else the last allocation stands
        x = _run(c, integrality, bounds, constraints, {**options, "presolve": False},
                 may_fail=True)
        if x is None:
            assert first is not None
            x = first
    # HiGHS meets bounds and rows to ~1e-7: put the quantities exactly within them
    q = np.where(x[:n] > 1e-7 * np.maximum(p.need[p.material], 1.0), x[:n], 0.0)
    if integer:
        near = (q > 0) & (q < p.moq) & (q >= p.moq - 1e-6 * np.maximum(p.moq, 1.0))
        q = np.where(near, p.moq, q)
        q = np.where(whole_q, np.round(q), q)
    return np.minimum(q, q_upper)


def _run(c: np.ndarray, integrality: np.ndarray, bounds: Bounds,
         constraints: LinearConstraint, options: Mapping[str, object], may_fail: bool = False
         ) -> np.ndarray | None:
    from scipy.optimize import milp

    global _highs_options_known
    result = None
    if integrality.any() and _highs_options_known:
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
                result = milp(c, integrality=integrality, bounds=bounds,
                              constraints=constraints, options={**options, **HIGHS_OPTIONS})
        except AttributeError:  # an older HiGHS without these options
            _highs_options_known = False
    if result is None:
        result = milp(c, integrality=integrality, bounds=bounds, constraints=constraints,
                      options=options)
    if result.x is None:
        if may_fail and result.status == 2:  # infeasible
            return None
        # cannot happen otherwise: every block is feasible (need ≤ what can be delivered)
        raise PlannerError(_("the procurement plan could not be solved: {reason}").format(
            reason=result.message))
    return np.asarray(result.x, dtype=float)


def _stage_excess(p: AllocationProblem, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per material: the excess over the caps (e + f) and over the limits (g + h) of the
    allocation q, as the programs of _solve count them."""
    k = p.materials
    total = np.bincount(p.material, weights=q, minlength=k)
    assert p.supplier_limit is not None and p.country_limit is not None
    n = len(p.material)
    out = []
    for key, bound in ((p.supplier, p.supplier_caps[p.material]),
                       (p.country, p.country_caps[p.material]),
                       (p.supplier, p.supplier_limit if p.limited else np.ones(n)),
                       (p.country, p.country_limit if p.limited else np.ones(n))):
        codes = _codes(p.material, key)
        group = np.bincount(codes, weights=q)
        material = np.empty(len(group), dtype=np.int64)
        material[codes] = p.material
        least = np.ones(len(group))
        np.minimum.at(least, codes, bound)
        worst = np.zeros(k)
        rows = least < 1.0
        np.maximum.at(worst, material[rows], (group - least * total[material])[rows])
        out.append(worst)
    return out[0] + out[1], out[2] + out[3]


def _enumerate(p: AllocationProblem) -> np.ndarray:
    """The lexicographic optimum of materials with few orders that MOQs decide, none
    counted in whole units: every pattern of placed orders (a source with an MOQ orders 0,
    or at least its MOQ) is a linear program, all solved at once in _solve; each
    material takes its pattern of least (excess over the caps, excess over the limits,
    cost), which is the mixed-integer program's optimum."""
    n, k = len(p.material), p.materials
    q_upper = np.where(p.upper >= p.moq, p.upper, 0.0)
    decides = (p.moq > 0) & (q_upper > 0)
    count = np.bincount(p.material, minlength=k)
    start = np.cumsum(count) - count
    cumulative: np.ndarray = np.cumsum(decides) - decides
    bit = np.where(decides, cumulative - cumulative[start[p.material]], 0)
    patterns = 2 ** np.bincount(p.material[decides], minlength=k)
    owner = np.repeat(np.arange(k), patterns)  # per pattern: its material
    pattern = _ragged_arange(np.zeros(k, dtype=np.int64), patterns)
    source = _ragged_arange(start[owner], count[owner])  # per pattern row: its source
    row_pattern = np.repeat(np.arange(len(owner)), count[owner])
    placed = decides[source] & ((pattern[row_pattern] >> bit[source]) & 1 == 1)
    upper = np.where(decides[source] & ~placed, 0.0, q_upper[source])
    floor = np.where(placed, p.moq[source], 0.0)
    max_moq = np.zeros(k)
    np.maximum.at(max_moq, p.material, p.moq)
    low = np.bincount(row_pattern, weights=floor, minlength=len(owner))
    high = np.bincount(row_pattern, weights=upper, minlength=len(owner))
    need = p.need[owner]
    feasible = (low <= need + max_moq[owner]) & (high >= need)
    keep_rows = feasible[row_pattern]
    renumber = np.cumsum(feasible) - 1
    assert p.supplier_limit is not None and p.country_limit is not None
    src = source[keep_rows]
    owner = owner[feasible]
    sub = AllocationProblem(
        renumber[row_pattern[keep_rows]], need[feasible], upper[keep_rows], p.moq[src],
        p.price[src], p.supplier[src], p.country[src], p.supplier_caps[owner],
        p.country_caps[owner], None, p.supplier_limit[src], p.country_limit[src],
        floor[keep_rows])
    x = _solve(sub, integer=False)
    assert x is not None
    caps, limits = _stage_excess(sub, x)
    dearest = np.zeros(k)
    np.maximum.at(dearest, p.material, p.price)
    price = sub.price + 1e-6 * np.maximum(dearest, 1.0)[owner][sub.material]
    cost = np.bincount(sub.material, weights=price * x, minlength=sub.materials)
    scale = 1e-7 * np.maximum(need[feasible], 1.0)
    chosen = np.ones(len(owner), dtype=bool)
    for value in (caps, limits, cost):
        least = np.full(k, np.inf)
        np.minimum.at(least, owner[chosen], value[chosen])
        tol = scale if value is not cost else 1e-9 * np.abs(least[owner])
        chosen &= value <= least[owner] + tol
    first = np.flatnonzero(chosen)
    first = first[np.r_[True, owner[first][1:] != owner[first][:-1]]]
    assert len(first) == k
    q = np.zeros(n)
    best = np.zeros(sub.materials, dtype=bool)
    best[first] = True
    rows = best[sub.material]
    q[src[rows]] = x[rows]
    return q
