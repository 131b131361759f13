"""The `planner` command line (docs/command-line.md: stable; scripts rely on it).

Exit codes: 0 success, 1 problems in the input (listed, located), 2 usage. A user never
sees a traceback: every expected failure is a PlannerError turned into a message, and
anything unexpected is reported in one line with a hint to file a bug.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner import cli_exchange
from planner.core import formatting as fmt
from planner.core import i18n
from planner.core.errors import InputError, PlannerError, Problem, summarised
from planner.core.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from planner.analysis.plan import Plan
    from planner.inputs.team import Address
    from planner.results import Results

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


# argparse's own words (usage, options, its errors), which it looks up with gettext's
# global functions: marked here for our catalogue, and argparse is pointed at ours
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("ambiguous option: %(option)s could match "
                                           "%(matches)s"),
)


PRICE_DAYS = 365  # a price spike alone lasts a year unless --days says (as in the window)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors already
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: error: {message}").format(prog=self.prog,
                                                                   message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planner", description=_(
        "Stockpile Planner: days of cover and supply concentration of critical materials."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help=_(
        "the language of messages, reports and workbooks (default: LANGUAGE, LC_ALL, "
        "LC_MESSAGES or LANG)"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help=_("check a workbook, CSV folder or project file"))
    p.add_argument("file", type=file_or_address)

    p = sub.add_parser("report", help=_("days of cover and exposure per material"))
    p.add_argument("file", type=file_or_address)
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))

    p = sub.add_parser("plan", help=_("procurement plan: what to buy, from whom, by when"))
    p.add_argument("file", type=file_or_address)
    p.add_argument("-o", "--output", type=Path, help=_("PLAN.xlsx, the plan workbook"))
    p.add_argument("--json", action="store_true", help=_("print the plan as JSON"))
    for key, metavar in (("horizon_days", "N"), ("target_days", "N"),
                         ("max_supplier_share", "X"), ("max_country_share", "X")):
        p.add_argument(f"--{key.replace('_', '-')}", type=_plan_parameter(key),
                       metavar=metavar, help=_("instead of the project's setting"))
    p.add_argument("--objective", choices=("diversify", "cheapest"),
                   help=_("diversify (the default): the cheapest plan no more "
                          "concentrated than today; cheapest: the cheapest plan under the "
                          "caps"))
    p.add_argument("--frontier", action="store_true",
                   help=_("the cost of reducing dependence: the plan's cost and the "
                          "largest origin country's share at country caps from the "
                          "project's down to 30%%; with -o, the workbook carries it too"))
    p.add_argument("--rfq", type=Path, metavar="FOLDER",
                   help=_("write a request for quotation per supplier into FOLDER (made "
                          "if need be): one workbook each, listing what to ask of that "
                          "supplier"))

    p = sub.add_parser("summary", help=_("printable exposure summary (PDF)"))
    p.add_argument("file", type=file_or_address)
    p.add_argument("-o", "--output", type=Path, required=True, help="SUMMARY.pdf")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4")

    p = sub.add_parser("scenario", help=_("disruption: time to survive against time to recover"))
    parser.scenario = p  # type: ignore[attr-defined]  # main() checks what it was asked
    p.add_argument("file", type=file_or_address)
    what = p.add_mutually_exclusive_group()
    what.add_argument("--stop", metavar="country:CODE|supplier:ID", help=_("what stops"))
    what.add_argument("--preset", metavar="ID", help=_("a preset export control (--list-presets)"))
    what.add_argument("--rank", action="store_true",
                      help=_("stop every supplier and country in turn; rank by revenue at "
                             "risk"))
    what.add_argument("--list-presets", action="store_true", help=_("presets and their matches"))
    p.add_argument("--days", type=_days, metavar="N", help=_(
        "length of the stop in days (default: the preset's or the horizon; with --rank: "
        "for sources without time_to_recover_days)"))
    p.add_argument("--cut", type=float, help=_("fraction of deliveries lost, 0-1 (default 1)"))
    p.add_argument("--price", metavar="TARGET:xF", help=_(
        "a price spike: TARGET (an item id, commodity:NAME or category:NAME) at F times its "
        "price for --days days (default: the stop's length, or a year), alone or with "
        "--stop or --preset (then on the stopped sources only)"))
    p.add_argument("--licence-review", type=_days, metavar="R", help=_(
        "a licence regime: the day the licence review ends, from which --approved of the "
        "stopped deliveries resumes"))
    p.add_argument("--approved", type=float, metavar="P", help=_(
        "the fraction 0-1 of the stopped deliveries that resumes after the licence review"))
    p.add_argument("--presets-file", type=Path, help=_("presets JSON (default: the bundled one)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of tables"))

    p = sub.add_parser("stockpile", help=_(
        "how much stock is worth holding: the recommended days of stock per material"))
    p.add_argument("file", type=file_or_address)
    p.add_argument("--presets-file", type=Path, help=_("presets JSON (default: the bundled one)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))

    cli_exchange.add_parsers(sub, file_or_address, _threshold)

    p = sub.add_parser("template", help=_("write a blank template workbook to fill in"))
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.xlsx")

    p = sub.add_parser("world", help=_("world production by country and its concentration "
                                       "(USGS Mineral Commodity Summaries)"))
    p.add_argument("--commodity", metavar="NAME", help=_(
        "the commodity, in any case, or a name for it such as neodymium (default: all)"))
    p.add_argument("--year", type=int, metavar="YYYY",
                   help=_("the year (default: the latest in the data)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of tables"))
    for command in sub.choices.values():  # after the command too: planner report F --lang ja
        command.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                             default=argparse.SUPPRESS, help=_("the language (as before the "
                                                               "command)"))
    return parser


class ServerAddress(str):
    """A server address given where a FILE goes: kept as text (a Path would fold its
    ``//``), and called in messages as a file is, by a name: its project's."""

    @property
    def name(self) -> str:
        from planner.inputs.team import TeamError, parse_address

        try:
            return parse_address(self).name
        except TeamError:  # load says what is wrong with it
            return _("the server address")


def file_or_address(text: str) -> Path | ServerAddress:
    """An argparse type: a server address as text, anything else a Path."""
    from planner.inputs.team import is_address

    return ServerAddress(text.strip()) if is_address(text) else Path(text)


_ASKED: set[str] = set()  # the servers whose password was asked for already


def ask_password(address: Address, why: str) -> str | None:
    """The password of a server, typed on the terminal (never echoed) when standard input
    is one; None otherwise, and the error then says where a password goes."""
    import getpass

    if not sys.stdin.isatty():
        return None
    if address.server in _ASKED:  # the password typed before was wrong: say so first
        print(f"planner: {why}", file=sys.stderr)
    _ASKED.add(address.server)
    try:
        typed = getpass.getpass(_("Password for {server}: ").format(server=address.server))
    except EOFError:
        return None
    return typed or None


def _plan_parameter(key: str) -> Callable[[str], float]:
    """An argparse type reading a plan parameter as the Settings sheet would."""
    def parse(text: str) -> float:
        from planner.analysis.plan import parse_parameter

        try:
            return parse_parameter(key, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = key
    return parse


def _threshold(kind: str) -> Callable[[str], float]:
    """An argparse type for a threshold of `compare`: days (0 or more) or a share (a
    fraction 0-1, or a percentage such as 5%)."""
    def parse(text: str) -> float:
        cleaned = text.strip()
        percent = kind == "share" and cleaned.endswith("%")
        try:
            number = float(cleaned[:-1] if percent else cleaned) / (100 if percent else 1)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0 or (kind == "share" and number > 1):
            raise argparse.ArgumentTypeError(
                _("expected a number of days, 0 or more, got {text!r}").format(text=text)
                if kind == "days" else
                _("expected a share from 0 to 1 (or 0% to 100%), got {text!r}").format(
                    text=text))
        return number
    parse.__name__ = kind
    return parse


def _days(text: str) -> int:
    """An argparse type for the length of a stop: a whole number of days, bounded as the
    template's durations are (a typo of 1e9 days would fill the memory)."""
    from planner.inputs.validation import MAX_DAYS

    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number.is_integer()):  # below 0: the stop says why
        raise argparse.ArgumentTypeError(
            _("expected a whole number of days, got {text!r}").format(text=text))
    if number > MAX_DAYS:
        raise argparse.ArgumentTypeError(
            _("a stop lasts at most {limit:,.0f} days (100 years), got {text}").format(
                limit=MAX_DAYS, text=text))
    return int(number)


def version() -> str:
    """The installed package's version ("dev" when run from a tree never installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stockpile-planner")
    except PackageNotFoundError:
        return "dev"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else list(argv)
    i18n.set_language(_language_option(args_list))  # before the parser: its help is translated
    argparse._ = _  # type: ignore[attr-defined]  # argparse's words in the same language
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "scenario" and not (args.stop or args.preset or args.rank
                                           or args.list_presets or args.price):
        parser.scenario.error(  # type: ignore[attr-defined]  # exits 2, as argparse does
            _("one of the arguments %s is required") % "--stop --preset --rank "
            "--list-presets --price")
    return _run(args)


def _language_option(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` (checked again by the parser), or None for the environment's."""
    for i, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return None


def _run(args: argparse.Namespace) -> int:
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
        print(_("planner: internal error: {kind}: {error}\nThis is a bug in Stockpile "
                "Planner; please report it with the file.").format(
                    kind=type(exc).__name__, error=exc), file=sys.stderr)
        return 3


def _print_problems(problems: Sequence[Problem]) -> None:
    """Every problem on stderr, those of one kind after the first few counted in a line
    (errors.summarised), then the true number of errors."""
    sys.stderr.write("".join(f"{p}\n" for p in summarised(problems)))
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        print(ngettext("{count} problem found; nothing was changed.",
                       "{count} problems found; nothing was changed.", errors).format(
                           count=fmt.count(errors)), file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from planner.inputs.files import load

    project = load(args.file, ask=ask_password)
    _print_problems(project.warnings)
    sizes = {t.lower(): fmt.count(len(project.tables[t]))
             for t in ("Items", "BOM", "Sources", "Orders")}
    print(_("{file}: valid ({items} items, {bom} bom, {sources} sources, {orders} orders)")
          .format(file=args.file.name, **sizes))
    return EXIT_OK


def _results(path: Path | str) -> Results:
    """The file's (or the server's) project with its results (computed as each command
    asks for them)."""
    from planner.inputs.files import load
    from planner.results import Results

    return Results(load(path, ask=ask_password))


def cmd_report(args: argparse.Namespace) -> int:
    from planner.outputs.reports import report_json, report_text

    results = _results(args.file)
    project, report = results.project, results.require_report()
    if args.json:
        json.dump(report_json(report), sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        _print_problems(project.warnings)
        print(report_text(project, report))
    return EXIT_OK


def overwrites_input(command: str, source: Path | str, outputs: Sequence[Path]) -> bool:
    """True, having said so, when writing ``outputs`` would replace ``source`` (or a CSV
    file of a folder ``source``): by the same name, through a symbolic or a hard link.
    Every command that writes asks this before it reads anything."""
    from planner.inputs.files import overwrites

    if not overwrites(outputs, source):
        return False
    print(_("planner {command}: the output would overwrite the input {source}").format(
        command=command, source=source), file=sys.stderr)
    return True


def cmd_template(args: argparse.Namespace) -> int:
    from planner.inputs.blank_template import write_blank_template

    if args.output.suffix.lower() != ".xlsx":
        print(_("planner template: the template is a workbook; name it {name}.xlsx").format(
            name=args.output.stem), file=sys.stderr)
        return EXIT_USAGE
    write_blank_template(args.output)
    print(_("wrote {file}").format(file=args.output))
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from planner.outputs.pdf import write_summary_pdf

    if overwrites_input("summary", args.file, [args.output]):
        return EXIT_USAGE
    results = _results(args.file)
    # the drawing is the desktop application's painter, found through an entry point
    pages = write_summary_pdf(results.summary(), args.output, args.page_size)
    print(ngettext("wrote {file} ({pages} page)", "wrote {file} ({pages} pages)", pages)
          .format(file=args.output, pages=pages))
    return EXIT_OK


def cmd_scenario(args: argparse.Namespace) -> int:
    from planner.analysis import presets as ps
    from planner.analysis.scenario import ScenarioError
    from planner.outputs import scenario_reports as out

    results = _results(args.file)
    project, report = results.project, results.require_report()
    try:
        licence = args.licence_review is not None or args.approved is not None
        if (args.rank or args.list_presets) and args.cut is not None:
            raise ScenarioError(_("--cut applies to --stop and --preset"))
        if (args.rank or args.list_presets) and (args.price or licence):
            raise ScenarioError(_("--price, --licence-review and --approved apply to --stop "
                                  "and --preset, or --price alone"))
        if args.list_presets:
            library = ps.load_presets(args.presets_file)
            matched = [ps.matched_materials(project, p, report)["item_id"].tolist()
                       for p in library]
            if args.json:
                json.dump([out.preset_json(p, m) for p, m in zip(library, matched,
                                                                  strict=True)],
                          sys.stdout, indent=2)
                print()
            else:
                print(out.presets_text(library, matched))
            return EXIT_OK
        if args.rank:
            ranking = results.ranking(args.days)
            text = None if args.json else out.ranking_text(ranking)
            data = out.ranking_json(ranking) if args.json else None
        else:
            text, data = _stop_and_price(args, results, licence)
    except ScenarioError as exc:
        print(_("planner scenario: {error}").format(error=exc), file=sys.stderr)
        return EXIT_USAGE
    if data is not None:
        json.dump(data, sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        _print_problems(project.warnings)
        print(text)
    return EXIT_OK


def cmd_stockpile(args: argparse.Namespace) -> int:
    """The recommended days of stock of each material (docs/definitions.md)."""
    from planner.analysis.presets import load_presets
    from planner.analysis.scenario import ScenarioError
    from planner.outputs.stockpile_reports import stockpile_json, stockpile_text

    results = _results(args.file)
    project = results.project
    try:
        presets = None if args.presets_file is None else load_presets(args.presets_file)
        result = results.stockpile(presets)
    except ScenarioError as exc:
        print(_("planner stockpile: {error}").format(error=exc), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        json.dump(stockpile_json(result), sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        _print_problems(project.warnings)
        print(stockpile_text(result))
    return EXIT_OK


def _stop_and_price(args: argparse.Namespace, results: Results, licence: bool
                    ) -> tuple[str | None, dict[str, object] | None]:
    """A stop (--stop or a preset's), a price spike (--price or a preset's), or both: the
    text or the JSON (docs/command-line.md)."""
    import dataclasses

    from planner.analysis import presets as ps
    from planner.analysis.price_spike import PriceSpike, price_spike
    from planner.analysis.scenario import ScenarioError, Stop, scenario
    from planner.outputs import scenario_reports as out

    project, report = results.project, results.require_report()
    stop: Stop | None = None
    spike: PriceSpike | None = None
    if args.preset:
        preset = ps.find_preset(ps.load_presets(args.presets_file), args.preset)
        if preset.stops:
            stop = ps.preset_stop(project, preset, args.days, args.cut, report)
        elif args.cut is not None or licence:
            raise ScenarioError(_("{id} is a price spike: --cut, --licence-review and "
                                  "--approved apply to a stop").format(id=preset.id))
        if args.price is None:
            spike = ps.preset_price(preset, args.days)
    elif args.stop:
        days = args.days if args.days is not None else math.ceil(
            project.settings.horizon_days)
        stop = Stop.parse(args.stop, days, 1.0 if args.cut is None else args.cut)
        if args.licence_review is not None and args.approved is None:
            raise ScenarioError(_("--licence-review needs --approved, the fraction of the "
                                  "stopped deliveries that resumes after the review"))
    elif args.cut is not None or licence:
        raise ScenarioError(_("--cut, --licence-review and --approved apply to a stop "
                              "(--stop or --preset)"))
    if stop is not None and licence:
        review = args.licence_review if args.licence_review is not None else stop.review_day
        approved = args.approved if args.approved is not None else stop.approved
        stop = dataclasses.replace(stop, review_day=review, approved=approved)
    if args.price:
        days = args.days if args.days is not None else (
            stop.days if stop is not None else PRICE_DAYS)
        spike = PriceSpike.parse(args.price, days)
    result = scenario(project, stop, report) if stop is not None else None
    priced = None
    if spike is not None:
        priced = price_spike(project, report, spike, result, _default_plan(results))
    if args.json:
        data: dict[str, object] = (out.scenario_json(result) if result is not None else
                                   {"as_of": report.as_of.isoformat(),
                                    "currency": project.settings.currency})
        if priced is not None:
            data["price"] = out.price_json(priced)
        return None, data
    texts = [out.scenario_text(result)] if result is not None else []
    if priced is not None:
        texts.append(out.price_text(priced))
    return "\n\n".join(texts), None


def _default_plan(results: Results) -> Plan | None:
    """The project's default procurement plan for a price spike's plan figures; None when
    no plan can be made (the spike's other figures stand without it)."""
    from planner.outputs.plan_reports import stdout_to_stderr

    try:
        with stdout_to_stderr():  # a solver's diagnostics must not get into the JSON
            return results.plan()
    except PlannerError:
        return None


class ProgressLine:
    """Progress of long work on stderr ("planning: 1,200 of 7,635 materials solved", a
    sentence with {done} and {total}):
    nothing for work done within ``after`` seconds, then at most one report a second, on
    one line rewritten in place on a terminal, one line each when stderr is a file."""

    def __init__(self, sentence: str, after: float = 1.0):
        self.sentence, self.after = sentence, after
        self.started = time.monotonic()
        self.last = -math.inf
        self.printed = False

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self.started < self.after or now - self.last < 1.0:
            return True
        self.last = now
        text = self.sentence.format(done=fmt.number(done), total=fmt.number(total))
        stream = sys.stderr
        if stream.isatty():
            stream.write(f"\r{text}\x1b[K")
        else:
            stream.write(text + "\n")
        stream.flush()
        self.printed = True
        return True

    def close(self) -> None:
        if self.printed and sys.stderr.isatty():
            sys.stderr.write("\n")


def cmd_plan(args: argparse.Namespace) -> int:
    from planner.analysis.frontier import frontier, frontier_json, frontier_text
    from planner.outputs.plan_reports import plan_json, plan_text, stdout_to_stderr
    from planner.outputs.plan_workbook import write_plan_workbook
    from planner.outputs.rfq import write_rfq_workbooks

    out = args.output
    if out is None and not args.json and not args.frontier and args.rfq is None:
        print(_("planner plan: give -o PLAN.xlsx, --json, --frontier or --rfq FOLDER, or -o "
                "with one of them"), file=sys.stderr)
        return EXIT_USAGE
    if args.rfq is not None and args.rfq.exists() and not args.rfq.is_dir():
        print(_("planner plan: --rfq needs a folder, and {path} is a file").format(
            path=args.rfq), file=sys.stderr)
        return EXIT_USAGE
    if out is not None and out.suffix.lower() != ".xlsx":
        print(_("planner plan: the output must be a new .xlsx file"), file=sys.stderr)
        return EXIT_USAGE
    if out is not None and overwrites_input("plan", args.file, [out]):
        return EXIT_USAGE
    results = _results(args.file)
    project = results.project
    params = {"horizon_days": args.horizon_days, "target_days": args.target_days,
              "max_supplier_share": args.max_supplier_share,
              "max_country_share": args.max_country_share}
    table = None
    if args.frontier:  # with -o, the workbook carries it too
        progress = ProgressLine(_("frontier: {done} of {total} plans made"))
        with stdout_to_stderr():  # a solver's diagnostics must not get into the JSON
            table = frontier(project, progress, objective=args.objective, **params)
        progress.close()
    plan = None
    if out is not None or args.rfq is not None or not args.frontier:
        progress = ProgressLine(_("planning: {done} of {total} materials solved"))
        with stdout_to_stderr():
            plan = results.plan(progress, objective=args.objective, **params)
        progress.close()
    if out is not None:
        assert plan is not None
        # the workbook carries the disruption ranking too
        write_plan_workbook(plan, out, ranking=results.ranking(), frontier=table,
                            stockpile=results.stockpile())
    requests: list[Path] = []
    if args.rfq is not None:
        assert plan is not None
        requests = write_rfq_workbooks(plan, args.rfq)
    if args.json:
        data = frontier_json(table) if table is not None and args.frontier else plan_json(plan)
        json.dump(data, sys.stdout, indent=2, allow_nan=False)
        print()
    else:
        _print_problems(project.warnings)
        print(frontier_text(table, project.settings.currency)
              if table is not None and args.frontier else plan_text(plan))
    if out is not None:
        print(_("wrote {file}").format(file=out), file=sys.stderr if args.json else sys.stdout)
    if args.rfq is not None:
        print(ngettext("wrote {count} request for quotation to {folder}",
                       "wrote {count} requests for quotation to {folder}", len(requests))
              .format(count=fmt.count(len(requests)), folder=args.rfq),
              file=sys.stderr if args.json else sys.stdout)
    return EXIT_OK


def cmd_world(args: argparse.Namespace) -> int:
    """World production tables: each country's value and share, top countries and HHI."""
    from planner.analysis.commodity_names import commodity_name, statistic_name, unit_name
    from planner.analysis.world import world_production
    from planner.core.countries import country_name
    from planner.inputs.usgs import SOURCE
    from planner.outputs.reports import table_lines

    tables = world_production(args.commodity, args.year)
    if args.json:
        json.dump({"source": SOURCE, "commodities": [{
            "commodity": t.commodity, "statistic": t.statistic, "year": t.year,
            "unit": t.unit, "total": t.total, "reported_total": t.reported_total,
            "top_country": t.top_country, "top_share": t.top_share,
            "top3_share": t.top3_share, "hhi": t.hhi, "left_out": list(t.left_out),
            "countries": [{"country": c.code, "name": c.name, "value": c.value,
                           "share": c.share, "sign": c.sign} for c in t.countries],
        } for t in tables]}, sys.stdout, indent=2, allow_nan=False)
        print()
        return EXIT_OK
    blocks = []
    for t in tables:
        rows = [[_("Other countries") if c.code is None else country_name(c.code),
                 c.sign + fmt.number(c.value, 0 if c.value.is_integer() else 2),
                 fmt.share(c.share)] for c in t.countries]
        lines = [_("{commodity}: {statistic}, {year} ({unit})").format(
                     commodity=commodity_name(t.commodity),
                     statistic=statistic_name(t.statistic), year=t.year,
                     unit=unit_name(t.unit)),
                 *table_lines([_("Country"), _("Production"), _("Share")], rows, {1, 2}),
                 _("Listed total {total}; top country {top_share}, top 3 {top3_share}; "
                   "HHI {hhi} (Other countries counted as one producer).").format(
                       total=fmt.number(t.total), top_share=fmt.share(t.top_share),
                       top3_share=fmt.share(t.top3_share), hhi=fmt.number(t.hhi))]
        if t.reported_total is not None:
            lines.append(_("Reported world total: {total}.").format(
                total=fmt.number(t.reported_total)))
        if t.left_out:
            lines.append(_("Not given (withheld or not available): {countries}.").format(
                countries=", ".join(t.left_out)))
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))
    print("\n" + _("Source: {source}").format(source=SOURCE))
    return EXIT_OK


COMMANDS = {"check": cmd_check, "report": cmd_report, "convert": cli_exchange.cmd_convert,
            "summary": cmd_summary, "scenario": cmd_scenario, "plan": cmd_plan,
            "template": cmd_template, "world": cmd_world, "stockpile": cmd_stockpile,
            "projects": cli_exchange.cmd_projects, "import": cli_exchange.cmd_import,
            "compare": cli_exchange.cmd_compare, "roles-sql": cli_exchange.cmd_roles_sql}


def finite(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


if __name__ == "__main__":
    sys.exit(main())
