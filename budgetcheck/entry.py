"""The `budgetcheck` command's entry point: `--version` is answered before the command line
parser and the rest of the package are imported, so it costs little more than starting Python."""

from __future__ import annotations

import sys


def run() -> int:
    if sys.argv[1:] == ["--version"]:
        from budgetcheck.util.version import __version__

        print(f"budgetcheck {__version__}")
        return 0
    from budgetcheck.cli import main

    return main()
