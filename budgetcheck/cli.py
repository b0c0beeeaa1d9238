"""The command line. It parses arguments and wires sources, engine and renderers together;
heavy modules (pydantic above all) are imported only by the commands that need them."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from budgetcheck.util.oneline import printable
from budgetcheck.util.version import __version__

if TYPE_CHECKING:
    from budgetcheck.config import Settings
    from budgetcheck.inputs.errors import PlanError
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Report, Severity
    from budgetcheck.util.progress import Progress

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
FORMAT_NAMES = ("text", "json", "sarif", "markdown", "html", "github")
#: `--show` words and the least severity each reports.
SHOW: dict[str, Severity] = {"errors": "error", "warnings": "warning", "notes": "note"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"budgetcheck: {message} (see budgetcheck --help)\n")


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (0: one per "
                                         "CPU)")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="budgetcheck", description="Check that the tables, totals and claims "
                     "of a business plan agree, judging rounded figures on their intervals.")
    parser.add_argument("--version", action="version", version=f"budgetcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check plan files (default: the bundled Scale AI plan)")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="plan files (.toml, .json), plan documents (.txt, .md) or "
                       "directories to search")
    check.add_argument("--format", choices=FORMAT_NAMES, default="text")
    _add_settings(check)
    check.add_argument("--rules", metavar="FILE", help="take relations and claims from FILE")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--no-limits", action="store_true",
                       help="lift the input size limits for files you trust (a national budget)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    check.add_argument("--write-baseline", metavar="FILE", help="accept the current findings")
    check.add_argument("--no-plugins", action="store_true", help="skip entry-point rules")
    check.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                       help="check the plans in N processes (0: one per CPU)")
    check.add_argument("--statistics", action="store_true",
                       help="text: one line per rule code with its count, not every finding")
    check.add_argument("--concise", action="store_true",
                       help="text: one line per finding, without the printed line under it")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="text: ANSI colours (auto: on a terminal; FORCE_COLOR and NO_COLOR "
                       "are obeyed)")
    check.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                       help="a progress line on standard error for runs longer than a second "
                       "(auto: on a terminal, outside CI)")
    verbosity = check.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true",
                           help="hide notes (unless --show says otherwise) and the summary")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="show passed checks")

    config = sub.add_parser("config", help="print the settings in force and where each comes "
                            "from ([tool.budgetcheck] in pyproject.toml, the command line)")
    _add_settings(config)

    extract = sub.add_parser("extract", help="print the plan a document holds, as a plan file")
    extract.add_argument("document", help="a plan document (.txt, .md)")
    extract.add_argument("--rules", metavar="FILE", help="name rows and figures as FILE does")
    extract.add_argument("--format", choices=("toml", "json"), default="toml")
    extract.add_argument("-o", "--output", metavar="FILE")

    rules = sub.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--format", choices=("text", "markdown"), default="text",
                       help="markdown: the table the README carries")
    rules.add_argument("--lang", choices=("en", "fr"), default="en",
                       help="the summaries' language (default: en)")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", help="a rule code such as BC103")
    explain.add_argument("--lang", choices=("en", "fr"), default="en",
                         help="the documentation's language (default: en)")
    schema = sub.add_parser("schema", help="print the JSON Schema of the plan file format")
    schema.add_argument("-o", "--output", metavar="FILE")
    return parser


def _add_settings(parser: argparse.ArgumentParser) -> None:
    """The options `[tool.budgetcheck]` can also set: None where the command line is silent,
    so that the configuration file's value, else the default, is taken (`config.settings`)."""
    parser.add_argument("--lang", choices=("fr", "en"),
                        help="message language (default: the plan's)")
    parser.add_argument("--mode", choices=("rounding", "strict", "absolute"),
                        help="how relations are judged (default: rounding)")
    parser.add_argument("--tolerance", metavar="AMOUNT",
                        help="absolute mode's tolerance, e.g. '0,05 M$' (implies --mode "
                        "absolute)")
    parser.add_argument("--rounding", choices=("nearest", "truncate"),
                        help="how printed figures were rounded (XBRL Calculations 1.1; default: "
                        "nearest)")
    parser.add_argument("--select", metavar="CODES",
                        help="only these rule codes, comma-separated; a prefix (BC3) names all "
                        "it begins")
    parser.add_argument("--ignore", metavar="CODES", help="not these rule codes, as --select")
    parser.add_argument("--fail-on", choices=("error", "warning", "note"),
                        help="the least severity that makes the exit status 1 (default: error)")
    parser.add_argument("--show", choices=tuple(SHOW),
                        help="report findings of this severity and above, in every format "
                        "(default: notes; -q: warnings); the exit status still follows "
                        "--fail-on")
    parser.add_argument("--baseline", metavar="FILE", help="ignore findings accepted in FILE")
    parser.add_argument("--isolated", action="store_true",
                        help="read no configuration file (pyproject.toml's [tool.budgetcheck])")


#: 128 + SIGPIPE: what a tool killed by a closed pipe reports.
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("budgetcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left (`budgetcheck rules | head`): stop quietly, as other tools do, and
        # keep Python from failing again when it flushes standard output on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the one place errors become a line and an exit status
        from budgetcheck.inputs.errors import PlanError

        if isinstance(exc, PlanError):
            print(str(exc), file=sys.stderr)
            return EXIT_INPUT
        if isinstance(exc, (OSError, ValueError, ArithmeticError, RecursionError, MemoryError)):
            print(f"budgetcheck: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
            return EXIT_INPUT
        if os.environ.get("BUDGETCHECK_DEBUG"):
            raise
        print(f"budgetcheck: internal error: {type(exc).__name__}: {exc} (please report it; "
              "BUDGETCHECK_DEBUG=1 shows the traceback)".splitlines()[0], file=sys.stderr)
        return EXIT_INPUT


#: One plan to check: (file, rules file, check settings, keep the plan for the renderer).
CheckJob = tuple[str, "str | None", "dict[str, Any]", bool]
#: What checking it gives: (file, report, table titles, the plan when kept, and the input
#: error when the file could not be read: its report is then that one finding).
CheckResult = tuple[str, "Report", "dict[str, str]", "Plan | None", "PlanError | None"]


def check_one(job: CheckJob, phase: Callable[[str], None] | None = None) -> CheckResult:
    """Load and check one plan: (name, report, table titles, the plan when a renderer needs
    it, None); a file that cannot be read gives a report of its input error (BC9xx) and the
    error, so one bad file hides no other. A plain function of picklable values, so `--jobs`
    can run it in other processes. A bad rules file is every plan's error: it is raised."""
    from budgetcheck.api import load
    from budgetcheck.engine import check
    from budgetcheck.inputs.errors import PlanError

    name, rules, settings, keep_plan = job
    if settings.get("no_limits"):  # in this process, which may be a --jobs worker
        from budgetcheck.util import limits

        limits.lift()
    try:
        with _cycle_collector_paused():
            if phase:
                phase(f"reading {name}")
            plan = load(name, rules)
            if phase:
                phase(f"checking {name}")
            report = check(plan, settings["mode"], tolerance=settings["tolerance"],
                           lang=settings["lang"], rounding=settings["rounding"],
                           select=settings["select"], ignore=settings.get("ignore"), plan_file=name,
                           plugins=settings["plugins"])
    except PlanError as error:
        if rules is not None and error.path == str(rules):
            raise
        return name, _input_report(name, error, settings), {}, None, error
    return name, report, _titles(plan, report.language), plan if keep_plan else None, None


def _input_report(name: str, error: PlanError, settings: dict[str, Any]) -> Report:
    """The report of a file that could not be read: its input error as its one finding."""
    from budgetcheck.report import Finding, Report

    at = f"{error.data_path}: " if error.data_path else ""
    finding = Finding(code=error.code, name=error.name, severity="error",
                      message=f"{at}{error.message}", path=error.path,
                      lines=[error.line] if error.line else [], line=error.line,
                      subject=error.data_path or "")
    return Report(document=name, plan_file=name, language=settings["lang"] or "en",
                  mode=settings["mode"], findings=[finding])


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector walks every live object each time the young ones pile up: a
    national budget is millions of objects, made in one go and free of cycles, and was walked
    a dozen times (a third of the time at 10^6 figures). Reference counting still frees
    everything; the collector resumes once the plan is checked."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_check(args: argparse.Namespace) -> int:
    from budgetcheck.api import bundled_plan_path
    from budgetcheck.inputs.errors import UnreadableInput
    from budgetcheck.util.clock import utc_now
    from budgetcheck.util.progress import Progress, wanted

    started = utc_now()
    config = _configured(args)
    mode = "absolute" if args.tolerance and args.mode == "rounding" else args.mode
    if mode == "absolute" and not args.tolerance:
        raise UnreadableInput("--tolerance", "absolute mode needs --tolerance, e.g. '0,05 M$'")
    refuse_unwritable(args.output, args.write_baseline)
    _check_settings(args.tolerance, args.select, args.ignore, plugins=not args.no_plugins)
    files = _plan_files(args.paths, bundled_plan_path, partial(_found_in, config=config))
    settings = dict(mode=mode, tolerance=args.tolerance, lang=args.lang, rounding=args.rounding,
                    select=args.select, ignore=args.ignore, plugins=not args.no_plugins,
                    no_limits=args.no_limits)
    jobs = [(str(f), args.rules, settings, args.format == "html") for f in files]
    workers = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    with Progress(sys.stderr, len(jobs), wanted(args.progress, sys.stderr)) as progress:
        results = _checked(jobs, workers, progress)
        progress.update(len(jobs), "writing the report")
        status, text = _reported(args, results, started, mode)
    for *_, error in results:  # each on its own line, whatever the format of the report
        if error is not None:
            print(str(error), file=sys.stderr)
    if text is not None:
        emit(args.output, text)
    return status


def _checked(jobs: list[CheckJob], workers: int, progress: Progress) -> list[CheckResult]:
    """Every job checked, in `workers` processes when there are several plans."""
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        results = []
        with ProcessPoolExecutor(min(workers, len(jobs))) as pool:
            chunks = max(1, len(jobs) // (4 * workers))
            for done, result in enumerate(pool.map(check_one, jobs, chunksize=chunks), 1):
                results.append(result)
                progress.update(done, "checking")
        return results
    with _cycle_collector_paused():  # once for a folder: resuming it costs ~1 ms a plan
        return [check_one(job, partial(progress.update, n)) for n, job in enumerate(jobs)]


def _reported(args: argparse.Namespace, results: list[CheckResult], started: str,
              mode: str) -> tuple[int, str | None]:
    """The exit status and the report's text (None: the error lines are the whole report)."""
    from budgetcheck.baseline import read_baseline, without_accepted, write_baseline
    from budgetcheck.render import RenderOptions, get_renderer
    from budgetcheck.render.text import use_colour
    from budgetcheck.report import SEVERITY_ORDER

    failed = [error for *_, error in results if error is not None]
    if failed and len(failed) == len(results) and args.format == "text":
        return EXIT_INPUT, None
    # Text shows an unreadable file by its line alone; the other formats as a finding of it.
    shown = [(report, error is None) for _, report, _, _, error in results
             if error is None or args.format != "text"]
    reports = [report for report, _ in shown]
    if args.write_baseline:  # of the files read: a file that cannot be read is not accepted
        # Every finding of this run, whatever an older baseline accepted: that one is not read.
        write_baseline(args.write_baseline, [report for report, read in shown if read])
    elif args.baseline:
        if args.no_limits:
            from budgetcheck.util import limits

            limits.lift()
        accepted = read_baseline(args.baseline)
        reports = [without_accepted(r, accepted) for r in reports]
    floor = SEVERITY_ORDER[args.fail_on]
    failing = any(SEVERITY_ORDER[f.severity] >= floor for r in reports for f in r.findings)
    show = SHOW[args.show or ("warnings" if args.quiet else "notes")]
    reports = [report.shown(show) for report in reports]
    # Writing a baseline accepts what it writes: the run that records them has not failed.
    status = EXIT_INPUT if failed else \
        EXIT_FINDINGS if failing and not args.exit_zero and not args.write_baseline else EXIT_OK
    to_stdout = args.output in (None, "-")
    # --color auto colours a terminal; a file named by -o gets colours only when asked.
    colour = args.format == "text" and use_colour(
        sys.stdout, args.color if to_stdout or args.color != "auto" else "never")
    options = RenderOptions(started=started, exit_code=status, statistics=args.statistics,
        verbose=args.verbose, quiet=args.quiet, mode=mode, concise=args.concise, colour=colour,
        settings=_settings_shown(args, mode),
        plans={name: plan for name, _, _, plan, _ in results if plan is not None},
        table_titles={name: titles for name, _, titles, _, _ in results})
    return status, get_renderer(args.format)(reports, options)


def _settings_shown(args: argparse.Namespace, mode: str) -> dict[str, str]:
    """The settings a report records (HTML's run), as the command line writes them."""
    def listed(codes: list[str] | None) -> str:
        return ",".join(codes) if codes else "—"

    return {"mode": mode, "rounding": args.rounding, "tolerance": args.tolerance or "—",
            "lang": args.lang or "—", "select": listed(args.select),
            "ignore": listed(args.ignore),
            "show": args.show or ("warnings" if args.quiet else "notes"), "fail-on": args.fail_on,
            "baseline": args.baseline or "—"}


def _found_in(folder: Path, config: Settings) -> list[Path]:
    """What a folder search checks: its plan files, and the documents an `include` glob of the
    configuration names (a folder's README is no plan unless the project says so), less what
    an `exclude` glob names."""
    from budgetcheck.api import find_plans
    from budgetcheck.sources.registry import reader_for

    found = set(find_plans(folder))
    if config["include"]:
        found.update(path for path in folder.rglob("*")
                     if not any(part.startswith(".") for part in path.relative_to(folder).parts)
                     and path.is_file() and reader_for(path) is not None
                     and config.wanted_in_folder(path))
    return sorted(path for path in found if config.wanted_in_folder(path))


def _configured(args: argparse.Namespace) -> Settings:
    """The settings in force (`config.settings`), written back into `args`: the command line's,
    else [tool.budgetcheck]'s, else the defaults."""
    from budgetcheck.config import KEYS, settings

    given = {key.replace("-", "_"): getattr(args, key.replace("-", "_")) for key in KEYS
             if hasattr(args, key.replace("-", "_"))}
    for key in ("select", "ignore"):  # the command line's "BC101,BC102" as a list
        if isinstance(given.get(key), str):
            given[key] = given[key].split(",")
    config = settings(given, isolated=args.isolated)
    for key in KEYS:
        setattr(args, key.replace("-", "_"), config[key])
    return config


def _check_settings(tolerance: str | None, select: list[str] | None, ignore: list[str] | None,
                    plugins: bool) -> None:
    """Refuse a bad --tolerance or --select once, before any plan is read (with --jobs, every
    process would refuse it again), as the library refuses them."""
    from budgetcheck.inputs.errors import UnreadableInput

    if tolerance:
        from budgetcheck.engine import tolerance_value

        try:
            tolerance_value(tolerance)
        except ValueError as exc:
            raise UnreadableInput("--tolerance", str(exc)) from None
    if select is not None or ignore is not None:
        from budgetcheck.engine import selected_codes
        from budgetcheck.rules.catalogue import load_builtin_rules, load_plugin_rules

        load_builtin_rules()
        if plugins:
            load_plugin_rules()
        for option, codes in (("--select", select), ("--ignore", ignore)):
            try:
                selected_codes(codes)
            except ValueError as exc:
                raise UnreadableInput(option, str(exc)) from None


def _titles(plan: object, lang: str) -> dict[str, str]:
    """Each table's heading in the report's language: "Table 5 — " and the title as printed."""
    from budgetcheck.plan.model import Plan

    assert isinstance(plan, Plan)
    word = "Tableau" if lang == "fr" else "Table"
    return {t.id: f"{word} {t.number} — {t.title}" if t.number is not None else t.title
            for t in plan.tables}


def _plan_files(paths: list[str], bundled: Callable[[], Path],
                find_plans: Callable[[Path], list[Path]]) -> list[Path]:
    from budgetcheck.inputs.errors import UnreadableInput
    from budgetcheck.sources.registry import documents_in

    if not paths:
        return [bundled()]
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = find_plans(path)
            if not found:
                documents = documents_in(path)
                hint = (f"; documents are checked when named, e.g. {documents[0]}"
                        if documents else "")
                raise UnreadableInput(raw, "directory holds no plan files (.toml or .json with a "
                                f"[plan] table){hint}")
            files.extend(found)
        else:
            files.append(path)
    return files


def emit(output: str | None, text: str) -> None:
    """Write the output to the file `-o` names (atomically), or to standard output for none
    or "-"."""
    if output and output != "-":
        from budgetcheck.inputs.files import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def refuse_unwritable(*outputs: str | None) -> None:
    """Refuse an output that cannot be written before any plan is read (and again when it is
    written: the file system may change in between)."""
    from budgetcheck.inputs.files import writable_target

    for output in outputs:
        if output and output != "-":
            writable_target(output)


def run_config(args: argparse.Namespace) -> int:
    """Each setting in force, its value and where it comes from, as `check` would take it."""
    from budgetcheck.config import DEFAULT_MEANING, KEYS

    config = _configured(args)
    source = str(config.file) if config.file else "none found (pyproject.toml with " \
        "[tool.budgetcheck], from here up)"
    print(f"configuration: {source}")
    width = max(map(len, KEYS))
    for key in KEYS:
        value = config[key]
        shown = (", ".join(value) if value else "none") if isinstance(value, list) else \
            DEFAULT_MEANING.get(key, "none") if value is None else str(value)
        print(f"{key:<{width}}  {printable(shown):<24}  {config.origin[key]}")
    return EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    from budgetcheck.rules.catalogue import load_builtin_rules, markdown_table

    if args.format == "markdown":
        sys.stdout.write(markdown_table())
        return EXIT_OK
    from budgetcheck.rules.catalogue import summary_in

    for code, rule in sorted(load_builtin_rules().items()):
        print(f"{code}  {rule.name:<22} {rule.severity:<8} {summary_in(rule, args.lang)}")
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from budgetcheck.rules.catalogue import explain

    try:
        sys.stdout.write(explain(args.code, args.lang))
    except KeyError:
        print(f"budgetcheck: no rule {args.code!r}; `budgetcheck rules` lists them",
              file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from budgetcheck.plan.schema import schema_text

    text = schema_text()
    emit(args.output, text)
    return EXIT_OK


def run_extract(args: argparse.Namespace) -> int:
    from budgetcheck.api import load

    refuse_unwritable(args.output)
    plan = load(args.document, args.rules)
    if args.format == "json":
        text = plan.model_dump_json(indent=2, exclude_defaults=True) + "\n"
    else:
        from budgetcheck.sources.toml_writer import plan_toml

        text = plan_toml(plan)
    emit(args.output, text)
    return EXIT_OK


COMMANDS = {"check": run_check, "config": run_config, "extract": run_extract, "rules": run_rules, "explain": run_explain, "schema": run_schema}
