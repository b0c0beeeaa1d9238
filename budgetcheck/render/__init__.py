"""Renderers: each words and formats reports (one per input) and never computes anything.

A format is a module with `render(reports, options) -> str`, listed in `FORMATS`; it is
imported only when chosen."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Report


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer is told besides the reports."""

    verbose: bool = False  # list passed checks too
    quiet: bool = False  # leave notes out
    mode: str = "rounding"  # the mode of the check, for an output with no report
    colour: bool = False  # ANSI colours (text to a terminal)
    #: The plans checked, by file name, for formats that draw their tables (HTML).
    plans: Mapping[str, Plan] = field(default_factory=dict)
    #: Table titles by file name and table id, for headings.
    table_titles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: When the run began (UTC, ISO 8601) and the exit status it ends with, for the formats
    #: that record the run (SARIF's invocation); None when not known (the library).
    started: str | None = None
    exit_code: int | None = None
    #: Text: a count of findings per rule code instead of the findings (`--statistics`).
    statistics: bool = False
    #: Text: one line per finding, without the printed line under it (`--concise`).
    concise: bool = False
    #: The settings of the run, by name, for the formats that record them (HTML's run).
    settings: Mapping[str, str] = field(default_factory=dict)


Renderer = Callable[["list[Report]", RenderOptions], str]

FORMATS = {"text": "text", "json": "json_report", "sarif": "sarif", "markdown": "markdown",
           "html": "html", "github": "github"}


def get_renderer(name: str) -> Renderer:
    renderer: Renderer = import_module(f"budgetcheck.render.{FORMATS[name]}").render
    return renderer
