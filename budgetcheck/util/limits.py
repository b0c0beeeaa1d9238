"""Every input limit in one place, so the README can state them and every reader applies them.

They are chosen so that any input within them is read and checked in at most 10 seconds and
1 GiB on a 2-CPU machine (`bench/bounded.py` measures the largest and the most costly inputs
they allow); an input beyond one is refused before it is read, in one line naming the file
(exit 2). `check --no-limits` (`lift()`) raises the size limits for a file one trusts, a national
budget of a million figures: time and memory then grow with the file, linearly. Readers look the
limits up when they read (`limits.PLAN_BYTES`, never a copy taken at import).
"""

from __future__ import annotations

MIB = 1024 * 1024

#: Plan and rules files (TOML, JSON).
PLAN_BYTES = 3 * MIB
#: Figures (table cells) in one plan, whatever its format.
PLAN_FIGURES = 75_000
#: Relations and claims in one plan or rules file: each is judged, and a failing one reported.
PLAN_RELATIONS = 10_000
#: Documents (plain text, Markdown): prose and statements cost more per byte than TOML.
DOCUMENT_BYTES = MIB // 2
#: Characters in one line of a document (a paragraph on one line is a few thousand).
LINE_CHARACTERS = 20_000
#: Figures at the end of one line of a document (a statement has a few columns).
LINE_FIGURES = 100
#: PDF files, whose text (`pdftotext -layout`) is then a document of at most DOCUMENT_BYTES.
PDF_BYTES = 16 * MIB
#: Seconds `pdftotext` may take on one file.
PDF_SECONDS = 60
#: Baselines (`--baseline`), which list accepted findings.
BASELINE_BYTES = 16 * MIB
#: Findings whose hints are searched; later errors are reported without hints.
HINTED_ERRORS = 1_000


def lift() -> None:
    """Raise the size limits to what the checker can still hold (a trusted, very large file).
    The limits that keep every reader linear (line length, figures per line) and the hints cap
    stay: lifting them would buy nothing but time."""
    global PLAN_BYTES, PLAN_FIGURES, PLAN_RELATIONS, DOCUMENT_BYTES, BASELINE_BYTES, PDF_BYTES
    PLAN_BYTES = DOCUMENT_BYTES = BASELINE_BYTES = PDF_BYTES = 1024 * MIB
    PLAN_FIGURES = PLAN_RELATIONS = 100_000_000
