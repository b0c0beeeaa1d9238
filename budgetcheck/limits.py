"""Every input limit in one place, so the README can state them and every reader applies them.

They are chosen so that any input within them is read and checked in at most 10 seconds and
1 GiB on a 2-CPU machine (`bench/limits.py` measures the largest and the most costly inputs they
allow); an input beyond one is refused before it is read, in one line naming the file (exit 2).
"""

from __future__ import annotations

MIB = 1024 * 1024

#: Plan and rules files (TOML, JSON).
PLAN_BYTES = 4 * MIB
#: Figures (table cells) in one plan, whatever its format.
PLAN_FIGURES = 100_000
#: Documents (plain text, Markdown): prose and statements cost more per byte than TOML.
DOCUMENT_BYTES = 1 * MIB
#: Characters in one line of a document (a paragraph on one line is a few thousand).
LINE_CHARACTERS = 20_000
#: Figures at the end of one line of a document (a statement has a few columns).
LINE_FIGURES = 100
#: Baselines (`--baseline`), which list accepted findings.
BASELINE_BYTES = 16 * MIB
#: Findings whose hints are searched; later errors are reported without hints.
HINTED_ERRORS = 1_000
