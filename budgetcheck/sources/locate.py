"""Map a data path (tables.2.rows.5.cells.T1) back to a line of a TOML or JSON file.

Validation errors arrive as data paths; users need lines. This is a text walk, not a second
parser: it follows the path's keys and array indices through the file and returns the line of
the deepest part it could find (the parent, when a required key is missing altogether).
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _key_pattern(key: str, fmt: str) -> re.Pattern[str]:
    k = re.escape(key)
    if fmt == "json":
        return re.compile(rf'"{k}"\s*:')
    return re.compile(rf'^\s*\[{{1,2}}\s*(?:[\w."-]+\.)?"?{k}"?\s*\]{{1,2}}|(?:^|[\s{{,])"?{k}"?\s*=')


def line_of(text: str, loc: Sequence[str | int], fmt: str) -> int | None:
    lines = text.splitlines()
    start, best = 0, None
    arrays: list[str] = []  # TOML arrays of tables seen so far: [[tables]], [[tables.rows]]
    already_found = False
    i = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(part, int):
            i += 1
            continue
        if fmt == "toml" and isinstance(nxt, int) and not already_found:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join([*arrays, part])) + r"\s*\]\]")
            hits = [n for n in range(start, len(lines)) if header.match(lines[n])]
            if nxt < len(hits):
                arrays.append(part)
                start = best = hits[nxt]
                i += 2
                continue
        if not already_found:
            found = _find(lines, start, _key_pattern(part, fmt), 1, fmt == "toml")
            if found is None:
                break
            start = best = found
        already_found = False
        after = loc[i + 2] if i + 2 < len(loc) else None
        if isinstance(nxt, int) and isinstance(after, str):
            # The nxt-th element of an inline array or JSON list is where the (nxt+1)-th
            # occurrence of the key inside it stands.
            hit = _find(lines, start, _key_pattern(after, fmt), nxt + 1, False)
            if hit is not None:
                start = best = hit
                already_found = True
            i += 2
            continue
        i += 1
    return best + 1 if best is not None else None


def _find(lines: list[str], start: int, pattern: re.Pattern[str], nth: int,
          toml: bool = True) -> int | None:
    seen = 0
    for n in range(start, len(lines)):
        if pattern.search(lines[n]):
            seen += 1
            if seen == nth:
                return n
        elif toml and n > start and lines[n].lstrip().startswith("[["):
            return None  # the next array element starts: the key is not in this one
    return None
