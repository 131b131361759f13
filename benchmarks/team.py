"""Team benchmark: several desks editing one project on a PostgreSQL server, and opening a
large project from the server against opening it from its project file.

    python benchmarks/team.py [--desks 10] [--edits 500] [--seed 7] [--repeat 3]
                              [--sample samples/ev_motors_wind.xlsx] [--no-load] [--no-open]

Starts its own PostgreSQL server in a temporary folder (tests/pg_server.py: initdb and
pg_ctl from the distribution's packages, as .ci/run installs them), sets up the roles
(``team.roles_sql``), one editor per desk, and removes it all at the end.

1. Load (issue 17): the sample is put on the server, and --desks processes (one user each)
   open it and then, all at once, make --edits edits each: one cell per edit, each edit
   one transaction (``Session.set_cells`` after the local change, as the window does), on
   rows they all share (Stock on_hand and Sources share), chosen at random, each value
   unique. An edit refused with EditConflict makes the desk pull the others' changes and
   go on. Targets: every edit kept or refused with who changed the row and when; none
   lost or doubled (the change log holds one "edit" entry per kept edit and none for a
   refused one, each kept value once, with its desk's user); the project on the server
   equal, table by table, to the project as put with the log's edits replayed in seq
   order (each entry's old value being the value before it); every desk, after a last
   pull, equal to the server. Prints kept commits per second and the commit latency
   (median and 95th percentile), and those of a refused edit and of the pull after it; no
   target on those. The desks and the server share this machine's CPUs: with 10 desks on
   2 cores the desks' own Python work (mostly pulls) sets the pace, not the server.
2. Open (issue 17): benchmarks/engine.py's 100,000-item project, saved as a .stockpile
   file and put on the server; opening it from the server
   (``team.Server.open(ADDRESS).load(NAME)``) against ``planner.load(FILE)``, best of
   --repeat each, target ratio <= 2.0. planner.load also checks the project (a file may
   have been changed outside the program); the like-for-like ratios are printed too:
   the server against reading the file alone (storage.load), and the server plus the
   same checks against planner.load.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import queue
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))  # engine.py: the 100,000-item project
sys.path.append(str(ROOT / "tests"))  # pg_server.py: a real server in a temporary folder

import planner  # noqa: E402
from planner.inputs import editing, storage, team  # noqa: E402
from planner.inputs.project import Project  # noqa: E402
from planner.inputs.schema import TABLES  # noqa: E402
from planner.inputs.validation import check_cells, check_project  # noqa: E402

T = TypeVar("T")
TARGET_OPEN_RATIO = 2.0
DATABASE = "team_bench"
PROJECT = "Shared"
BIG = "Manufacturer 100k"
# the shared cells: (table, column); every row of each table is shared by all desks
SHARED = (("Stock", "on_hand"), ("Sources", "share"))
PASSWORD = "bench-{desk}-not-a-secret"  # the desks' own users on the throwaway server


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    assert result is not None
    return min(times), result


def user(desk: int) -> str:
    return f"desk{desk + 1:02d}"


def value_of(desk: int, edit: int, column: str) -> float:
    """A value no other edit sends: the change log shows which edit it came from."""
    code = (desk + 1) * 10_000 + edit
    return float(code) if column == "on_hand" else code / 1e6


# ------------------------------------------------------------------ the desks

@dataclass(frozen=True)
class Edit:
    table: str
    row_id: int
    column: str
    value: float
    user: str


@dataclass
class DeskResult:
    desk: int
    kept: list[Edit] = field(default_factory=list)
    refused: list[Edit] = field(default_factory=list)
    refusals_named: int = 0  # refusals whose every conflict names who and when
    latency: list[float] = field(default_factory=list)  # seconds per kept commit
    refused_latency: list[float] = field(default_factory=list)
    pull: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = 0.0  # time.time(): comparable across processes
    finished: float = 0.0
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # after a last pull
    versions: dict[str, np.ndarray] = field(default_factory=dict)  # of each row, then


def desk(index: int, address: str, name: str, edits: int, seed: int, start: Barrier,
         done: Barrier, out: Any) -> None:
    """One desk (a process): open the project, wait for the others, edit, pull, report."""
    result = DeskResult(index)
    try:
        server = team.Server.open(address, password=PASSWORD.format(desk=index))
        session = server.load(name)
        cells = [(table, column, pos) for table, column in SHARED
                 for pos in range(len(session.project.tables[table]))]
        rng = np.random.default_rng(seed * 1_000 + index)
        picks = rng.integers(0, len(cells), edits)
        start.wait()
        result.started = time.time()
        for i, pick in enumerate(picks):
            table, column, pos = cells[int(pick)]
            value = value_of(index, i, column)
            edit = Edit(table, int(session.keys[table].row_id[pos]), column, value,
                        user(index))
            editing.set_value(session.project, table, pos, column, value)  # local first
            t0 = time.perf_counter()
            try:
                session.set_cells(table, [pos], [column], [value])
            except team.EditConflict as exc:
                result.refused_latency.append(time.perf_counter() - t0)
                result.refused.append(edit)
                result.refusals_named += all(c.by and c.at is not None
                                             for c in exc.conflicts)
                t1 = time.perf_counter()
                session.pull()  # their value replaces mine; go on
                result.pull.append(time.perf_counter() - t1)
            except team.TeamError as exc:
                result.errors.append(str(exc))
                session.pull()
            else:
                result.latency.append(time.perf_counter() - t0)
                result.kept.append(edit)
        result.finished = time.time()
        done.wait()
        session.pull()
        result.tables = {t: session.project.tables[t] for t in TABLES}
        result.versions = {t: session.keys[t].version for t in TABLES}
        server.close()
    except Exception as exc:  # reported by the parent, which never waits for ever
        result.errors.append(f"{type(exc).__name__}: {exc}")
        start.abort()
        done.abort()
    out.put(result)


def run_desks(address: Callable[[str], str], name: str, desks: int, edits: int, seed: int
              ) -> list[DeskResult]:
    context = mp.get_context("spawn")  # separate processes, as separate desks are
    start, done = context.Barrier(desks), context.Barrier(desks)
    out = context.Queue()
    processes = [context.Process(target=desk, args=(i, address(user(i)), name, edits, seed,
                                                    start, done, out))
                 for i in range(desks)]
    for p in processes:
        p.start()
    results: dict[int, DeskResult] = {}
    dead: dict[int, int] = {}
    while len(results) + len(dead) < desks:
        try:
            result = out.get(timeout=1.0)
            results[result.desk] = result
        except queue.Empty:  # a desk that died without a word must not keep the rest waiting
            dead = {i: p.exitcode for i, p in enumerate(processes)
                    if p.exitcode not in (None, 0) and i not in results}
            if dead:
                start.abort()
                done.abort()
    for p in processes:
        p.join()
    for i, code in dead.items():
        results[i] = DeskResult(i, errors=[f"the process ended with exit code {code}"])
    return [results[i] for i in sorted(results)]


# ------------------------------------------------------------------ checking the outcome

def _number(value: object) -> float:
    """A float cell or a log entry's text as a number; nan when blank."""
    return float("nan") if value is None or value is pd.NA else float(str(value))


def _same(a: object, b: object) -> bool:
    x, y = _number(a), _number(b)
    return x == y or (np.isnan(x) and np.isnan(y))


@dataclass(frozen=True)
class Logged:
    """An "edit" entry of the change log."""

    seq: int
    edit: Edit
    old: float


def edits_logged(log: pd.DataFrame) -> list[Logged]:
    """The log's "edit" entries in seq order."""
    log = log[log["action"] == "edit"].sort_values("seq")
    columns = ("seq", "table", "row_id", "column", "old", "new", "by")
    return [Logged(int(seq), Edit(str(table), int(row_id), str(column), _number(new),
                                  str(by)), _number(old))
            for seq, table, row_id, column, old, new, by in zip(
                *(log[c].tolist() for c in columns), strict=True)]


def replay(put: team.Session, log: list[Logged]) -> tuple[Project, int]:
    """The project as put with the log's edits applied in seq order; and how many entries
    had an old value other than the value before them (a lost update shows there)."""
    project = Project({t: put.project.tables[t].copy() for t in TABLES}, put.project.settings)
    where = {t: pd.Index(put.keys[t].row_id) for t in TABLES}
    broken = 0
    for entry in log:
        edit = entry.edit
        pos = int(where[edit.table].get_loc(edit.row_id))
        broken += not _same(editing.get_value(project, edit.table, pos, edit.column),
                            entry.old)
        editing.set_value(project, edit.table, pos, edit.column, edit.value)
    return project, broken


def different_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> list[str]:
    return [t for t in TABLES if not a[t].reset_index(drop=True).equals(
        b[t].reset_index(drop=True))]


def lagging(result: DeskResult, final: team.Session) -> str:
    """Where a desk differs from the server after its last pull: cells, and rows whose
    version there is older than the server's (changes the desk never pulled)."""
    parts = []
    for t in different_tables(result.tables, final.project.tables):
        mine, theirs = result.tables[t].reset_index(drop=True), final.project.tables[t]
        cells = int((~((mine == theirs.reset_index(drop=True)) | (mine.isna() & theirs.isna()
                                                                  .reset_index(drop=True))))
                    .to_numpy().sum())
        behind = int((result.versions[t] < final.keys[t].version).sum())
        parts.append(f"{t}: cells differing {cells}, rows at an older version {behind}")
    return f"{user(result.desk)}: " + "; ".join(parts)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def run_load(pg: Any, args: argparse.Namespace) -> bool:
    sample = planner.load(args.sample)
    admin = pg.address(DATABASE, PROJECT)
    team.save(sample, admin)
    for i in range(args.desks):
        pg.create_user(user(i), PASSWORD.format(desk=i), role=team.EDITORS)
    with team.Server.open(admin) as server:
        put = server.load(PROJECT)
    shared = [f"{len(put.project.tables[t])} {t} {c}" for t, c in SHARED]
    rows = sum(len(put.project.tables[t]) for t, _c in SHARED)
    print(f"load: {args.desks} desks (processes, one user each) x {args.edits} edits at once, "
          f"one cell per edit, on {rows} shared rows of {Path(args.sample).name} "
          f"({', '.join(shared)})")
    t0 = time.perf_counter()
    results = run_desks(lambda who: pg.address(DATABASE, PROJECT, who), PROJECT, args.desks,
                        args.edits, args.seed)
    elapsed = time.perf_counter() - t0
    errors = [f"{user(r.desk)}: {e}" for r in results for e in r.errors]
    for line in errors[:5]:
        print(f"  error: {line}")
    if any(not r.started or not r.finished for r in results):
        print(f"  a desk did not finish its edits: {verdict(False)}")
        return False
    kept = [e for r in results for e in r.kept]
    refused = [e for r in results for e in r.refused]
    named = sum(r.refusals_named for r in results)
    total = args.desks * args.edits

    with team.Server.open(admin) as server:
        final = server.load(PROJECT)
        log = final.change_log(limit=10 * total + 1_000)
    log_edits = edits_logged(log)
    logged = Counter(e.edit for e in log_edits)
    wanted = Counter(kept)
    leaked = sum(logged[e] for e in set(refused))
    lost = sum((wanted - logged).values())
    doubled = sum(n - 1 for n in logged.values() if n > 1)
    replayed, broken = replay(put, log_edits)
    differ = different_tables(replayed.tables, final.project.tables)
    desks_differ = [user(r.desk) for r in results
                    if not r.tables or different_tables(r.tables, final.project.tables)]

    accounted = len(kept) + len(refused) == total and not errors
    print(f"  edits kept: {len(kept):,}, refused with a conflict: {len(refused):,} "
          f"({100 * len(refused) / total:.0f}%), other errors: {len(errors)}; "
          f"{len(kept) + len(refused):,} of {total:,} accounted for: {verdict(accounted)}")
    print(f"  refusals naming who changed the row and when: {named:,} of {len(refused):,}")
    none_lost = (len(log_edits) == len(kept) and lost == 0 and doubled == 0 and leaked == 0
                 and named == len(refused))
    print(f"  change log: {len(log_edits):,} \"edit\" entries for {len(kept):,} kept edits; "
          f"kept edits missing {lost}, logged twice {doubled}, refused ones logged {leaked}: "
          f"none lost or doubled: {verdict(none_lost)}")
    same = not differ and broken == 0 and not desks_differ
    print(f"  server's project against the project as put + the log's edits in seq order: "
          f"{len(TABLES) - len(differ)} of {len(TABLES)} tables equal"
          + (f" (differ: {', '.join(differ)})" if differ else "")
          + f"; entries whose old value was not the value before: {broken}; desks equal to "
          f"the server after a last pull: {args.desks - len(desks_differ)} of {args.desks}: "
          f"{verdict(same)}")
    for r in results:
        if r.tables and user(r.desk) in desks_differ:
            print(f"    after its last pull, {lagging(r, final)}")
    window = max(r.finished for r in results) - min(r.started for r in results)
    latency = [s for r in results for s in r.latency]
    refused_latency = [s for r in results for s in r.refused_latency]
    pulls = [s for r in results for s in r.pull]
    print(f"  commits: {len(kept) / window:,.0f} kept/s, {total / window:,.0f} edits/s "
          f"(kept or refused) over {window:.1f} s (all processes and the server on "
          f"{mp.cpu_count()} CPUs; {elapsed:.1f} s with start-up)")
    print(f"  commit latency (kept): median {1e3 * statistics.median(latency):.1f} ms, "
          f"p95 {1e3 * percentile(latency, 95):.1f} ms; refused: median "
          f"{1e3 * statistics.median(refused_latency or [np.nan]):.1f} ms, p95 "
          f"{1e3 * percentile(refused_latency, 95):.1f} ms; pull after a refusal: median "
          f"{1e3 * statistics.median(pulls or [np.nan]):.1f} ms")
    return accounted and none_lost and same


# ------------------------------------------------------------------ opening a large project

def run_open(pg: Any, args: argparse.Namespace, folder: Path) -> bool:
    import engine as synthetic  # benchmarks/engine.py

    t0 = time.perf_counter()
    project = synthetic.build_project(args.seed)
    built = time.perf_counter() - t0
    path = folder / "manufacturer.stockpile"
    t0 = time.perf_counter()
    storage.save(project, path)
    saved = time.perf_counter() - t0
    address = pg.address(DATABASE, BIG)
    t0 = time.perf_counter()
    team.save(project, address)
    put = time.perf_counter() - t0
    rows = sum(len(project.tables[t]) for t in TABLES)

    def from_server() -> Project:
        with team.Server.open(address) as server:
            return server.load(BIG).project

    t_file, from_file = best(lambda: planner.load(path), args.repeat)
    t_server, served = best(from_server, args.repeat)
    t_storage, _ = best(lambda: storage.load(path), args.repeat)
    t_checks, _ = best(lambda: (check_cells(served), check_project(served)), args.repeat)
    ratio = t_server / t_file
    same = served.equals(from_file) and served.equals(project)
    print()
    print(f"open: benchmarks/engine.py's project, {len(project.items):,} items, {rows:,} rows "
          f"in {len(TABLES)} tables (built in {built:.1f} s)")
    print(f"  saved as a .stockpile file ({path.stat().st_size / 2**20:.0f} MB) in "
          f"{saved:.1f} s; put on the server (Server.put, COPY) in {put:.1f} s")
    print(f"  from the file, planner.load: {t_file:.2f} s, best of {args.repeat} "
          f"(of which reading, storage.load: {t_storage:.2f} s; the rest is its checks)")
    print(f"  from the server, team.Server.open(...).load: {t_server:.2f} s, best of "
          f"{args.repeat}")
    print(f"  ratio server / file: {ratio:.2f}x (target <= {TARGET_OPEN_RATIO:.1f}x: "
          f"{verdict(ratio <= TARGET_OPEN_RATIO)}); the same project both ways: "
          f"{'yes' if same else 'NO'}")
    print(f"  like for like (no target): server / storage.load {t_server / t_storage:.2f}x; "
          f"server + the file's checks ({t_checks:.2f} s) / planner.load "
          f"{(t_server + t_checks) / t_file:.2f}x")
    return ratio <= TARGET_OPEN_RATIO and same


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--desks", type=int, default=10)
    parser.add_argument("--edits", type=int, default=500, help="edits per desk")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="opens per timing (best kept)")
    parser.add_argument("--sample", default=str(ROOT / "samples" / "ev_motors_wind.xlsx"))
    parser.add_argument("--no-load", dest="load", action="store_false",
                        help="skip the desks editing at once")
    parser.add_argument("--no-open", dest="open", action="store_false",
                        help="skip opening the 100,000-item project")
    args = parser.parse_args(argv)

    # a stopped benchmark still stops its server (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from pg_server import PostgresServer  # type: ignore[import-not-found]  # tests/

    with tempfile.TemporaryDirectory(prefix="stockpile-team-bench-") as tmp:
        folder = Path(tmp)
        try:
            pg = PostgresServer(folder / "pg")
        except (RuntimeError, OSError) as exc:
            print(f"cannot start a PostgreSQL server: {exc}")
            return 1
        ok = True
        try:
            pg.create_database(DATABASE)
            with pg.admin(DATABASE) as con:
                con.execute(team.roles_sql(DATABASE))
            if args.load:
                ok &= run_load(pg, args)
            if args.open:
                ok &= run_open(pg, args, folder)
        finally:
            pg.remove()
    print()
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
