"""The command line. It parses arguments and wires sources, engine and renderers together;
heavy modules (pydantic above all) are imported only by the commands that need them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from budgetcheck.cli_check import EXIT_INPUT, EXIT_OK, SHOW, configured, run_check
from budgetcheck.inputs.files import emit, refuse_unwritable
from budgetcheck.util.oneline import printable
from budgetcheck.util.version import __version__

FORMAT_NAMES = ("text", "json", "sarif", "markdown", "html", "github")


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


def run_config(args: argparse.Namespace) -> int:
    """Each setting in force, its value and where it comes from, as `check` would take it."""
    from budgetcheck.config import DEFAULT_MEANING, KEYS

    config = configured(args)
    source = str(config.file) if config.file else "none found (pyproject.toml with " \
        "[tool.budgetcheck], from here up)"
    print(f"configuration: {printable(source)}")
    width = max(map(len, KEYS))
    for key in KEYS:
        value = config[key]
        shown = (", ".join(value) if value else "none") if isinstance(value, list) else \
            DEFAULT_MEANING.get(key, "none") if value is None else str(value)
        print(f"{key:<{width}}  {printable(shown):<24}  {printable(config.origin[key])}")
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
