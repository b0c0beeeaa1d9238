"""GitHub Actions workflow commands: one annotation a finding, shown on the pull request."""

from __future__ import annotations

from budgetcheck.render import RenderOptions
from budgetcheck.render.locations import DocumentLines, figure_columns
from budgetcheck.report import Report
from budgetcheck.util.oneline import printable

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[Report], options: RenderOptions) -> str:
    out = []
    documents = DocumentLines()
    for report in reports:
        for f in report.findings:
            props = [f"file={_property(printable(f.path))}"]
            if f.line:
                props.append(f"line={f.line}")
                columns = figure_columns(f, documents)
                if columns is not None:  # where the figure stands on its line
                    props += [f"col={columns[0]}", f"endColumn={columns[1] - 1}"]  # inclusive
            tag = " (inferred)" if f.inferred else ""
            props.append(f"title={_property(f'{f.code} {f.name}{tag}')}")
            # The hints are lines of their own; a line break inside a label is not.
            message = printable(f.message) + "".join(f"\n→ {printable(h)}" for h in f.hints)
            out.append(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(message)}")
    return "\n".join(out) + ("\n" if out else "")
