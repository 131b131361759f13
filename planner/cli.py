"""The `planner` command line (DESIGN.md: stable; scripts rely on it).

Exit codes: 0 success, 1 problems in the input (listed, located), 2 usage. A user never
sees a traceback: every expected failure is a PlannerError turned into a message, and
anything unexpected is reported in one line with a hint to file a bug.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from planner.errors import InputError, PlannerError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors already
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planner", description="Stockpile Planner: days of cover and "
                     "supply concentration of critical materials.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help="check a workbook, CSV folder or project file")
    p.add_argument("file", type=Path)

    p = sub.add_parser("report", help="days of cover and exposure per material")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser("summary", help="printable exposure summary (PDF)")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="SUMMARY.pdf")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4")

    p = sub.add_parser("convert", help="template workbook <-> project file <-> CSV folder")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="OUT.stockpile, OUT.xlsx, or a folder for CSV files")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stockpile-planner")
    except PackageNotFoundError:
        return "dev"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    except PlannerError as exc:
        print(f"planner: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `planner report | head`: the reader left, not an error
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        print(f"planner: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in Stockpile Planner; please report it with the file.",
              file=sys.stderr)
        return 3


def _print_problems(problems: Sequence[object]) -> None:
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    for p in problems:
        print(p, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found; nothing was "
              "changed.", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from planner.files import load

    project = load(args.file)
    _print_problems(project.warnings)
    counts = ", ".join(f"{len(project.tables[t]):,} {t.lower()}" for t in
                       ("Items", "BOM", "Sources", "Orders"))
    print(f"{args.file.name}: valid ({counts})")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from planner.compute import compute
    from planner.files import load
    from planner.reports import report_json, report_text

    project = load(args.file)
    report = compute(project)
    if args.json:
        json.dump(report_json(report), sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        _print_problems(project.warnings)
        print(report_text(project, report))
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from planner.files import export, load

    if args.output.resolve() == args.file.resolve():
        print("planner: the output must differ from the input", file=sys.stderr)
        return EXIT_USAGE
    project = load(args.file)
    export(project, args.output)
    print(f"wrote {args.output}")
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from planner.compute import compute
    from planner.files import load

    project = load(args.file)
    report = compute(project)
    # the drawing is Qt's (ui/), reached only here: `import planner` never imports Qt
    from ui.summary import write_pdf

    pages = write_pdf(project, report, args.output, args.page_size)
    print(f"wrote {args.output} ({pages} page{'s' if pages != 1 else ''})")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "report": cmd_report, "convert": cmd_convert,
            "summary": cmd_summary}


def finite(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


if __name__ == "__main__":
    sys.exit(main())
