"""Renderers: each formats reports (one per input) and never computes anything."""

from __future__ import annotations

from typing import Callable

from budgetcheck.report import Report

Renderer = Callable[[list[Report], dict[str, object]], str]


def get_renderer(name: str) -> Renderer:
    from importlib import import_module

    module = import_module(f"budgetcheck.render.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]


FORMATS = {"text": "text", "json": "json_report", "sarif": "sarif", "markdown": "markdown",
           "html": "html", "github": "github"}
