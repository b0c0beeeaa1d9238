"""The `check` command: every plan file or document checked (in several processes with
`--jobs`), the baseline and `--show` applied, and the report written in the format asked for.
`cli` parses the arguments; this module does what they say."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcheck.inputs.files import emit, refuse_unwritable

if TYPE_CHECKING:
    from budgetcheck.config import Settings
    from budgetcheck.inputs.errors import PlanError
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Report, Severity
    from budgetcheck.util.progress import Progress

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
#: `--show` words and the least severity each reports.
SHOW: dict[str, Severity] = {"errors": "error", "warnings": "warning", "notes": "note"}


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
    if settings.get("hide_below"):  # a --jobs worker: what no output shows is not sent back
        report = report.shown(settings["hide_below"])
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
    everything; the collector resumes once the plan is checked. What was made meanwhile and
    lives on (the report, and the plan its notes refer to) is moved to the oldest generation
    first (frozen, then unfrozen), which the collector walks only when it has grown by a
    quarter: left young, all of it was walked by the next young pass (1,5 s at 10^6
    figures)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def run_check(args: argparse.Namespace) -> int:
    from budgetcheck.api import bundled_plan_path
    from budgetcheck.inputs.errors import UnreadableInput
    from budgetcheck.util.clock import utc_now
    from budgetcheck.util.progress import Progress, wanted

    started = utc_now()
    config = configured(args)
    mode = "absolute" if args.tolerance and args.mode == "rounding" else args.mode
    if mode == "absolute" and not args.tolerance:
        raise UnreadableInput("--tolerance", "absolute mode needs --tolerance, e.g. '0,05 M$'")
    refuse_unwritable(args.output, args.write_baseline)
    _check_settings(args.tolerance, args.select, args.ignore, plugins=not args.no_plugins)
    files = _plan_files(args.paths, bundled_plan_path, partial(_found_in, config=config))
    settings = dict(mode=mode, tolerance=args.tolerance, lang=args.lang, rounding=args.rounding,
                    select=args.select, ignore=args.ignore, plugins=not args.no_plugins,
                    no_limits=args.no_limits)
    workers = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if workers > 1 and len(files) > 1:
        settings["hide_below"] = _hidden_in_workers(args)
    jobs = [(str(f), args.rules, settings, args.format == "html") for f in files]
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


def _shown_severity(args: argparse.Namespace) -> Severity:
    return SHOW[args.show or ("warnings" if args.quiet else "notes")]


def _hidden_in_workers(args: argparse.Namespace) -> Severity | None:
    """The least severity a --jobs worker sends back, when leaving out the rest changes
    nothing: they are hidden by --show and cannot fail the run, and no baseline is read or
    written (a baseline accepts before --show hides, and records what it hides). A hidden note
    sent back had to be worded to be pickled (0,8 ms a plan of the Scale AI plan's size)."""
    from budgetcheck.report import SEVERITY_ORDER

    shown = _shown_severity(args)
    if args.baseline or args.write_baseline or \
            SEVERITY_ORDER[args.fail_on] < SEVERITY_ORDER[shown]:
        return None
    return shown


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
    reports = [report.shown(_shown_severity(args)) for report in reports]
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
                     and path.is_file() and reader_for(path) is not None)
    return sorted(path for path in found if config.wanted_in_folder(path))


def configured(args: argparse.Namespace) -> Settings:
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
    from budgetcheck.render.text import table_heading

    assert isinstance(plan, Plan)
    return {t.id: table_heading(t, lang) for t in plan.tables}


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
