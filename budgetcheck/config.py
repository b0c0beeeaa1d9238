"""Settings from `[tool.budgetcheck]` in a `pyproject.toml`, under the command line's.

The nearest `pyproject.toml` with a `[tool.budgetcheck]` table, from the current folder up, is
the project's configuration (as ruff finds its own). Each setting is what the command line
says, else what that table says, else the default; `Settings.origin` says which, for
`budgetcheck config`. A key the table does not know, or a value of the wrong kind, is refused
with the file and the line it is on: a typo must not silently check another way."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetcheck.inputs.errors import SchemaViolation

FILE_NAME = "pyproject.toml"
#: The largest pyproject.toml read: a project's settings, not a data file.
MAX_BYTES = 1 << 20


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(map(repr, allowed))}, not {value!r}")
        return str(value)
    return check


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a text such as '0,05 M$', not {value!r}")
    return value


def _codes(value: Any) -> list[str]:
    """A list of rule codes, or one text of them separated by commas, as --select takes."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"must be a list of rule codes such as [\"BC101\", \"BC3\"], not {value!r}")
    return [v.strip() for v in value]


def _globs(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"must be a list of glob patterns such as [\"plans/**.toml\"], not "
                         f"{value!r}")
    return list(value)


#: Each key of `[tool.budgetcheck]`: how its value is read, and its default.
KEYS: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "lang": (_choice("fr", "en"), None),
    "mode": (_choice("rounding", "strict", "absolute"), "rounding"),
    "rounding": (_choice("nearest", "truncate"), "nearest"),
    "tolerance": (_text, None),
    "fail-on": (_choice("error", "warning", "note"), "error"),
    "show": (_choice("errors", "warnings", "notes"), None),
    "select": (_codes, None),
    "ignore": (_codes, None),
    "baseline": (_text, None),
    "include": (_globs, []),
    "exclude": (_globs, []),
}
#: What a default means where it is None.
DEFAULT_MEANING = {"lang": "the plan's language", "show": "notes (-q: warnings)",
                   "select": "every rule", "ignore": "none", "tolerance": "none",
                   "baseline": "none"}


@dataclass(frozen=True)
class Settings:
    """The settings in force: `values` by key (as `KEYS` names them), `origin` by key
    ("default", "command line" or "pyproject.toml:12"), and the configuration file's folder,
    which its relative paths and globs start from."""

    values: dict[str, Any]
    origin: dict[str, str]
    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def wanted_in_folder(self, path: Path) -> bool:
        """Whether a file a folder search found is checked: it matches an `include` glob (when
        there are any) and no `exclude` glob (`glob_matches`), from the configuration's
        folder."""
        try:
            shown = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        include, exclude = self.values["include"], self.values["exclude"]
        if include and not any(glob_matches(glob, shown) for glob in include):
            return False
        return not any(glob_matches(glob, shown) for glob in exclude)


def glob_matches(glob: str, path: str) -> bool:
    """A glob as .gitignore and ruff write them, on a path with "/" between folders: `*` and
    `?` stay within a folder, `**/` is any number of folders (none included), and a glob with
    no "/" is matched against the file's name wherever it is ("*.draft.toml")."""
    if "/" not in glob:
        path = path.rsplit("/", 1)[-1]
    return re.fullmatch(_glob_regex(glob), path) is not None


def _glob_regex(glob: str) -> str:
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", glob.lstrip("/"))
    return "".join({"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part)
                   or re.escape(part) for part in parts)


def find_file(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.budgetcheck] table, from `start` up."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        try:
            if candidate.is_file():
                with candidate.open("rb") as file:
                    head = file.read(MAX_BYTES).decode("utf-8", errors="replace")
                if _names_us(head):
                    return candidate
        except OSError:
            continue
    return None


_SECTION = re.compile(r"^\s*\[\s*tool\s*\.\s*budgetcheck\s*\]", re.MULTILINE)


def _names_us(text: str) -> bool:
    """Whether a pyproject.toml has settings of ours: a [tool.budgetcheck] table, however it
    is written (a header, dotted keys, an inline table). One that does not parse and mentions
    budgetcheck is ours too, so that its error is reported rather than the file skipped."""
    if "budgetcheck" not in text:
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "budgetcheck" in tool


def settings(given: dict[str, Any], start: Path | None = None, isolated: bool = False) -> Settings:
    """The settings in force: `given` (the command line's, None where it says nothing) over the
    configuration file's (none when `isolated`) over the defaults."""
    start = Path.cwd() if start is None else start
    path = None if isolated else find_file(start)
    table, lines = _read(path) if path is not None else ({}, {})
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key, (_, default) in KEYS.items():
        attribute = key.replace("-", "_")
        if given.get(attribute) is not None:
            values[key], origin[key] = given[attribute], "command line"
        elif key in table:
            values[key], origin[key] = table[key], f"{path}:{lines[key]}"
        else:
            values[key], origin[key] = default, "default"
    if path is not None and origin["baseline"] != "command line" and values["baseline"]:
        values["baseline"] = str(path.parent / values["baseline"])  # from the file's folder
    return Settings(values, origin, path, path.parent if path is not None else start)


def _read(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The [tool.budgetcheck] table, each value read as KEYS says, and each key's line."""
    from budgetcheck.sources.data import parse_data, read_text

    text = read_text(path, MAX_BYTES, kind="configuration file")
    data = parse_data(text, "toml", str(path))
    tool = data.get("tool", {}) if isinstance(data, dict) else {}
    table = tool.get("budgetcheck", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise SchemaViolation(str(path), "tool.budgetcheck must be a table of settings",
                              line=_line_of(text, None), data_path="tool.budgetcheck")
    read: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in table.items():
        line = _line_of(text, key)
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else \
                f"; the keys are {', '.join(KEYS)}"
            raise SchemaViolation(str(path), f"unknown setting {key!r}{hint}", line=line,
                                  data_path=f"tool.budgetcheck.{key}")
        try:
            read[key] = KEYS[key][0](value)
        except ValueError as exc:
            raise SchemaViolation(str(path), f"{key} {exc}", line=line,
                                  data_path=f"tool.budgetcheck.{key}") from None
        lines[key] = line
    return read, lines


def _line_of(text: str, key: str | None) -> int:
    """The line a key of [tool.budgetcheck] is written on (the table's own line for None, or
    when the key is written some other way, dotted or inline)."""
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if _SECTION.match(line)), None)
    if header is None:
        return 1
    if key is not None:
        pattern = re.compile(r"\s*(?:" + re.escape(key) + r"|\"" + re.escape(key) + r"\"|'"
                             + re.escape(key) + r"')\s*=")
        for n in range(header + 1, len(lines)):
            if re.match(r"\s*\[", lines[n]):
                break
            if pattern.match(lines[n]):
                return n + 1
    return header + 1
