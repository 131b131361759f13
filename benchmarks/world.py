"""World production benchmark: reading the shipped USGS release (issue 15), at most 0.5 s.

    python benchmarks/world.py [--repeat 5]

Prints the time to import the parser, then the best of ``--repeat`` runs of decompressing
and parsing the shipped release's world tables (planner.inputs.usgs), and of computing
every world production table of the latest year (planner.analysis.world).
"""

from __future__ import annotations

import argparse
import time

LIMIT = 0.5  # seconds, to read and parse the shipped data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    from planner.analysis.world import world_production
    from planner.inputs import usgs
    imported = time.perf_counter() - start
    parse = tables = float("inf")
    count, first = 0, 0.0
    for _ in range(args.repeat):
        usgs.world_rows.cache_clear()
        usgs.country_code.cache_clear()
        start = time.perf_counter()
        rows = usgs.world_rows()
        middle = time.perf_counter()
        count = len(world_production())
        end = time.perf_counter()
        parse, tables = min(parse, middle - start), min(tables, end - middle)
        first = first or middle - start
    print(f"import: {imported:.3f} s")
    print(f"read and parse the release ({len(rows):,} world rows): {parse:.3f} s "
          f"(limit {LIMIT} s; first run, country names looked up cold: {first:.3f} s)")
    print(f"figures of {count} world production tables: {tables:.3f} s")
    return 0 if first <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
