"""The commands that move projects between forms and places: ``convert`` (workbook,
CSV folder, project file, a team's server), ``import`` (an ERP's export through a mapping),
``compare`` (what changed between two projects), ``projects`` and ``roles-sql`` (a team's
server). Split from planner.cli, whose parser and helpers they use (imported when a
command runs: planner.cli imports this module).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

from planner.core import formatting as fmt
from planner.core.errors import InputError
from planner.core.i18n import _


def add_parsers(sub: argparse._SubParsersAction,  # type: ignore[type-arg]
                file_or_address: Callable[[str], object],
                threshold: Callable[[str], Callable[[str], float]]) -> None:
    """The parsers of these commands, in the order ``planner --help`` lists them."""
    p = sub.add_parser("compare", help=_(
        "what changed between two projects, such as last month's and this month's"))
    p.add_argument("old", metavar="OLD", type=file_or_address,
                   help=_("the earlier project (a workbook, CSV folder, project file or "
                          "server address)"))
    p.add_argument("new", metavar="NEW", type=file_or_address, help=_("the later project"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.add_argument("--cover-days", type=threshold("days"), default=7.0, metavar="N",
                   help=_("list days of cover that moved by more than N days (default 7)"))
    p.add_argument("--share-points", type=threshold("share"), default=0.05, metavar="P",
                   help=_("list top shares that moved by more than P, a fraction or a "
                          "percentage (default 0.05, five percentage points)"))

    p = sub.add_parser("convert", help=_("template workbook <-> project file <-> CSV folder "
                                         "<-> a team's server"))
    p.add_argument("file", type=file_or_address)
    p.add_argument("-o", "--output", type=file_or_address, required=True,
                   help=_("OUT.stockpile, OUT.xlsx, a folder for CSV files, or a server "
                          "address postgresql://HOST/DATABASE?project=NAME"))
    p.add_argument("--replace", action="store_true",
                   help=_("replace the project of that name on the server"))
    p.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig",
                   help=_("encoding of CSV files: utf-8-sig (UTF-8 with a byte order mark, "
                          "which Excel reads; the default) or cp932 (Shift_JIS, for Japanese "
                          "Windows programs)"))

    p = sub.add_parser("import", help=_(
        "read another program's export (an ERP's workbook or CSV files) through a mapping"))
    p.add_argument("file", metavar="SOURCE", type=Path,
                   help=_("the export: a workbook, a folder of CSV files or one CSV file"))
    p.add_argument("--mapping", type=Path, metavar="MAP.json",
                   help=_("the mapping of the export's sheets and columns to the template "
                          "(docs/mapping.md)"))
    p.add_argument("-o", "--output", type=file_or_address, metavar="OUT",
                   help=_("OUT.stockpile, OUT.xlsx, a folder for CSV files, or a server "
                          "address postgresql://HOST/DATABASE?project=NAME; with --guess, "
                          "the mapping to write (MAP.json)"))
    p.add_argument("--into", type=file_or_address, metavar="PROJECT",
                   help=_("replace tables of this project instead of writing a new one "
                          "(the monthly refresh); the rest of it is kept"))
    p.add_argument("--tables", metavar="T1,T2",
                   help=_("with --into: the tables to replace, such as Stock,Orders "
                          "(default: every table the mapping maps)"))
    p.add_argument("--guess", action="store_true",
                   help=_("guess a mapping from the export's headers and print it (or "
                          "write it with -o MAP.json) for review; nothing is imported"))
    p.add_argument("--replace", action="store_true",
                   help=_("replace the project of that name on the server"))
    p.add_argument("--encoding", choices=("utf-8-sig", "cp932"),
                   help=_("encoding of CSV files written (default: utf-8-sig; with --into "
                          "a CSV folder, the folder's own)"))

    p = sub.add_parser("projects", help=_("the projects on a team's server"))
    p.add_argument("address", metavar="ADDRESS",
                   help=_("postgresql://[USER@]HOST[:PORT]/DATABASE"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))

    p = sub.add_parser("roles-sql", help=_(
        "print the SQL that sets up a team's database: the tables, an editors' and a "
        "viewers' role and their rights"))
    p.add_argument("--database", default="planning", metavar="DB",
                   help=_("the database (default: planning)"))
    p.add_argument("--editors", default="stockpile_editor", metavar="ROLE",
                   help=_("the role of those who change projects (default: "
                          "stockpile_editor)"))
    p.add_argument("--viewers", default="stockpile_viewer", metavar="ROLE",
                   help=_("the role of those who only view them (default: "
                          "stockpile_viewer)"))


def cmd_compare(args: argparse.Namespace) -> int:
    """What changed from OLD to NEW (docs/command-line.md: compare)."""
    from planner.analysis.compare import compare
    from planner.analysis.compute import Report, compute
    from planner.cli import (  # the command line's own
        EXIT_OK,
        EXIT_PROBLEMS,
        _print_problems,
        ask_password,
    )
    from planner.inputs.files import load
    from planner.inputs.project import Project
    from planner.outputs.compare_reports import compare_json, compare_text

    loaded: list[tuple[Project, Report]] = []
    for path in (args.old, args.new):
        try:  # each file's problems under its name: the two share their sheets' names
            project = load(path, ask=ask_password)
            loaded.append((project, compute(project)))
        except InputError as exc:
            print(_("planner compare: {file} has problems:").format(file=path),
                  file=sys.stderr)
            _print_problems(exc.problems)
            return EXIT_PROBLEMS
    (old, old_report), (new, new_report) = loaded
    comparison = compare(old, new, args.cover_days, args.share_points,
                         old_report=old_report, new_report=new_report)
    if args.json:
        json.dump(compare_json(comparison), sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        print(compare_text(comparison, _shown_name(args.old), _shown_name(args.new)))
    return EXIT_OK


def _shown_name(path: Path | str) -> str:
    """A file as a report names it: as given; a server's project by its name."""
    from planner.cli import ServerAddress  # the command line's own
    return path.name if isinstance(path, ServerAddress) else str(path)


def cmd_convert(args: argparse.Namespace) -> int:
    from planner.cli import (  # the command line's own
        EXIT_OK,
        EXIT_USAGE,
        ServerAddress,
        ask_password,
        overwrites_input,
    )
    from planner.inputs.files import export, export_targets, load
    from planner.inputs.team import parse_address

    if overwrites_input("convert", args.file, export_targets(args.output)):
        return EXIT_USAGE
    if isinstance(args.output, ServerAddress):
        target = parse_address(args.output)  # a wrong address is said before any reading
        if isinstance(args.file, ServerAddress) and _same_project(args.file, args.output):
            print(_("planner {command}: the output would overwrite the input {source}")
                  .format(command="convert", source=args.file), file=sys.stderr)
            return EXIT_USAGE
        project = load(args.file, ask=ask_password)
        export(project, args.output, replace=args.replace, ask=ask_password)
        print(_("put {project} on the server {server}").format(
            project=target.project, server=target.server))
        return EXIT_OK
    project = load(args.file, ask=ask_password)
    export(project, args.output, encoding=args.encoding)
    print(_("wrote {file}").format(file=args.output))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Another program's export through a mapping: a new project (-o), tables of an
    existing one replaced (--into), or a guessed mapping (--guess); docs/mapping.md."""
    from planner.cli import (  # the command line's own
        EXIT_OK,
        EXIT_USAGE,
        ServerAddress,
        _print_problems,
        ask_password,
        overwrites_input,
    )
    from planner.inputs.files import export, export_targets, load
    from planner.inputs.mapping import (
        MAPPED_TABLES,
        Mapping,
        MappingError,
        apply_mapping,
        guess_mapping,
    )
    from planner.inputs.team import parse_address

    def usage(message: str) -> int:
        print(_("planner import: {error}").format(error=message), file=sys.stderr)
        return EXIT_USAGE

    def folder_encoding(folder: Path) -> str:
        """cp932 for a CSV folder in Shift_JIS (its files without UTF-8's byte order mark:
        text that is no UTF-8, or ASCII alone, the same in both), else utf-8-sig: the
        folder stays in its encoding."""
        for file in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
            data = file.read_bytes()[: 2**16]
            if data.startswith(b"\xef\xbb\xbf"):
                return "utf-8-sig"
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                if exc.start < len(data) - 3:  # not a character cut by the 64 KB
                    return "cp932"
            if data.isascii():
                continue
            return "utf-8-sig"  # UTF-8 without the mark: written with it
        return "cp932" if folder.is_dir() and any(folder.glob("*.csv")) else "utf-8-sig"

    if args.guess:
        if args.mapping or args.into or args.tables:
            return usage(_("--guess takes no --mapping, --into or --tables"))
        out = args.output
        if out is not None and (isinstance(out, ServerAddress) or out.suffix.lower() != ".json"):
            return usage(_("with --guess, -o names the mapping to write (MAP.json)"))
        if out is not None and overwrites_input("import", args.file, [out]):
            return EXIT_USAGE
        guess = guess_mapping(args.file)
        if out is None:  # the JSON for a script or a file; the readable table beside it
            sys.stdout.write(guess.mapping.dumps())
            print(guess.text(), file=sys.stderr)
        else:
            guess.mapping.save(out)
            print(guess.text())
            print(_("wrote {file}").format(file=out))
        return EXIT_OK
    if args.mapping is None:
        return usage(_("give --mapping MAP.json (or --guess to make one)"))
    if (args.output is None) == (args.into is None):
        return usage(_("give -o OUT for a new project, or --into PROJECT to replace tables "
                       "of one"))
    if args.tables is not None and args.into is None:
        return usage(_("--tables applies to --into"))
    target = args.output if args.output is not None else args.into
    if overwrites_input("import", args.file, export_targets(target)):
        return EXIT_USAGE
    server = parse_address(target) if isinstance(target, ServerAddress) else None
    mapping = Mapping.load(args.mapping)
    named = None
    if args.tables is not None:
        canonical = {t.lower(): t for t in MAPPED_TABLES}
        named = [canonical.get(t.strip().lower(), t.strip())
                 for t in args.tables.split(",") if t.strip()]
    try:
        tables = mapping.imported(named)
    except MappingError as exc:
        return usage(str(exc))
    if args.into is None:
        project = apply_mapping(args.file, mapping)
        _print_problems(project.warnings)
        export(project, args.output, encoding=args.encoding or "utf-8-sig",
               replace=args.replace, ask=ask_password)
    else:
        base = load(args.into, ask=ask_password)
        project = apply_mapping(args.file, mapping, tables, into=base)
        _print_problems(project.warnings)
        encoding = args.encoding or (folder_encoding(args.into) if server is None
                                     else "utf-8-sig")
        export(project, args.into, encoding=encoding, replace=True, ask=ask_password)
    if server is not None and args.into is None:
        print(_("put {project} on the server {server}").format(project=server.project,
                                                             server=server.server))
    elif args.into is not None:
        shown = args.into.name if isinstance(args.into, ServerAddress) else str(args.into)
        print(_("replaced {tables} in {project}").format(tables=", ".join(tables),
                                                         project=shown))
    else:
        print(_("wrote {file}").format(file=args.output))
    return EXIT_OK


def _same_project(a: str, b: str) -> bool:
    from planner.inputs.team import parse_address

    first, second = parse_address(a), parse_address(b)
    return (first.server, first.project) == (second.server, second.project)


def cmd_projects(args: argparse.Namespace) -> int:
    """The projects on a server: name, items, who made it and when, the last change."""
    from planner.cli import EXIT_OK, ask_password  # the command line's own
    from planner.inputs.team import Server, parse_address
    from planner.outputs.reports import table_lines

    address = parse_address(args.address)
    with Server.open(address, ask=ask_password) as server:
        table = server.projects()
    rows = table.to_dict("records")
    if args.json:
        json.dump({"server": address.server, "projects": [{
            "name": r["name"], "items": int(r["items"]), "created_by": r["created_by"],
            "created_at": _iso(r["created_at"]), "changed_at": _iso(r["changed_at"]),
            "changed_by": _none(r["changed_by"])} for r in rows]}, sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not rows:
        print(_("{server}: no projects yet").format(server=address.server))
        return EXIT_OK
    print("\n".join(table_lines(
        [_("Project"), _("Items"), _("Created by"), _("Created"), _("Last change"),
         _("Changed by")],
        [[r["name"], fmt.count(int(r["items"])), r["created_by"], _when(r["created_at"]),
          _when(r["changed_at"]), str(_none(r["changed_by"]) or "")] for r in rows], {1})))
    return EXIT_OK


def _none(value: object) -> object:
    """None for a blank of pandas (NaN, NaT, None), else the value."""
    import pandas as pd

    blank = value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    return None if blank else value


def _iso(value: object) -> str | None:
    value = _none(value)
    return value.isoformat() if isinstance(value, dt.datetime) else None


def _when(value: object) -> str:
    import pandas as pd

    value = _none(value)
    if not isinstance(value, dt.datetime):
        return ""
    return pd.Timestamp(value).to_pydatetime().astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_roles_sql(args: argparse.Namespace) -> int:
    """The SQL a team's IT runs once (docs/team.md)."""
    from planner.cli import EXIT_OK  # the command line's own
    from planner.inputs.team import roles_sql

    sys.stdout.write(roles_sql(args.database, args.editors, args.viewers))
    return EXIT_OK
