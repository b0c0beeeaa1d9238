"""A progress line on a terminal's standard error, for runs long enough to need one.

Nothing is written for a run shorter than `delay` seconds, nor to a file, a pipe or a CI log
unless asked: a status line there is noise in the log. The line is rewritten in place
("\\r" and erase-line) by a daemon thread, so the work itself never waits on it, and erased
when the run ends."""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import TextIO

from budgetcheck.util.oneline import printable

#: What CI services set, so that a log gets no status lines even when it looks like a terminal.
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")


def wanted(choice: str, stream: TextIO) -> bool:
    """`--progress always|never|auto`: auto is a terminal outside CI."""
    if choice != "auto":
        return choice == "always"
    if any(os.environ.get(name) for name in CI_VARIABLES):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """`with Progress(stream, total) as progress: progress.update(done, "checking a.toml")`."""

    def __init__(self, stream: TextIO, total: int, enabled: bool = True, delay: float = 1.0,
                 every: float = 0.25) -> None:
        self._stream, self._total, self._enabled = stream, total, enabled
        self._delay, self._every = delay, every
        self._state: tuple[int, str] = (0, "")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._written = False

    def update(self, done: int, doing: str) -> None:
        self._state = (done, doing)  # one assignment: the thread reads a whole pair

    def line(self) -> str:
        done, doing = self._state
        count = f"{done}/{self._total} " if self._total > 1 else ""
        # a file name may hold a terminal's escape sequence: never written raw
        return printable(f"budgetcheck: {count}{doing}")

    def __enter__(self) -> Progress:
        if self._enabled:
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._written:
            self._write("\r\033[K")

    def _run(self) -> None:
        if self._stop.wait(self._delay):
            return
        shown = None
        while not self._stop.is_set():
            line = self.line()
            if line != shown:
                self._write(f"\r\033[K{line[:self._width()]}")
                self._written, shown = True, line
            self._stop.wait(self._every)

    def _width(self) -> int:
        try:
            columns = os.get_terminal_size(self._stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 0
        # a terminal that does not say its width (0 columns, as a fresh pty) gets 80
        return columns - 1 if columns > 20 else 79

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal went away: the report still matters
            self._stop.set()
