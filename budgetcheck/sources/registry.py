"""The readers, one entry per format: its suffixes, whether a file found in a folder is one of
its documents, and the function that reads it into a plan.

A reader's module is imported only when a file of its format is read, so that choosing a reader
(the CLI does it for every path) imports no parser. Adding a format is adding an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetcheck.sources.origin import Read

#: How many bytes of a file found in a folder are read to tell whether it is a plan.
HEAD_BYTES = 65536


@dataclass(frozen=True)
class Reader:
    """One input format."""

    name: str
    suffixes: tuple[str, ...]
    #: `module:function`, called as `function(path, rules_path_or_None) -> Read`.
    target: str
    #: Given the head of a file found while searching a folder: is it a plan of this format?
    #: Documents are checked when named, never found (a folder's README is not a plan).
    found_in_folders: Callable[[str], bool] | None = None

    def read(self, path: Path, rules: str | Path | None = None) -> Read:
        module, function = self.target.split(":")
        reader: Callable[[Path, str | Path | None], Read] = getattr(import_module(module),
                                                                    function)
        return reader(path, rules)


def _toml_plan(head: str) -> bool:
    return any(line.strip() == "[plan]" for line in head.splitlines())


def _json_plan(head: str) -> bool:
    return '"plan"' in head and '"tables"' in head


READERS: tuple[Reader, ...] = (
    Reader("toml", (".toml",), "budgetcheck.sources.toml_json:read_plan", _toml_plan),
    Reader("json", (".json",), "budgetcheck.sources.toml_json:read_plan", _json_plan),
    Reader("text", (".txt", ".text"), "budgetcheck.sources.document:read_document"),
    Reader("markdown", (".md", ".markdown"), "budgetcheck.sources.document:read_document"),
    Reader("html", (".html", ".htm"), "budgetcheck.sources.html_document:read_html"),
    Reader("csv", (".csv", ".tsv"), "budgetcheck.sources.csv_document:read_csv"),
    Reader("pdf", (".pdf",), "budgetcheck.sources.pdf_document:read_pdf"),
    Reader("xlsx", (".xlsx", ".xlsm"), "budgetcheck.sources.xlsx_document:read_xlsx"),
)


def reader_for(path: str | Path) -> Reader | None:
    """The reader of a file, by its suffix (in any case); None when no reader knows it."""
    suffix = Path(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def known_suffixes() -> str:
    """The suffixes the readers know, as a message lists them: ".toml, .json, .txt, ..."."""
    return ", ".join(s for r in READERS for s in r.suffixes)


def is_plan_in_folder(path: Path) -> bool:
    """A file found while searching a folder is checked when its reader recognises it."""
    reader = reader_for(path)
    if reader is None or reader.found_in_folders is None:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return reader.found_in_folders(head)


def documents_in(directory: Path) -> list[Path]:
    """Files of the directory (not below it) that a reader reads but does not look for."""
    return [p for p in sorted(directory.glob("*")) if p.is_file()
            and (r := reader_for(p)) is not None and r.found_in_folders is None]
