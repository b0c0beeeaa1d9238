"""The one error type the loader raises: file, line, data path, rule code and a plain message."""

from __future__ import annotations

from budgetcheck.util.oneline import printable


class PlanError(Exception):
    """A plan that cannot be checked. `str()` is the one line a user sees."""

    def __init__(self, path: str, message: str, *, line: int | None = None,
                 data_path: str | None = None, code: str = "BC903") -> None:
        super().__init__(message)
        self.path, self.message, self.line, self.data_path, self.code = (
            path, message, line, data_path, code)

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt with its keywords when it crosses a process boundary (check --jobs).
        return (_rebuild, (self.path, self.message, self.line, self.data_path, self.code))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        at = f"{self.data_path}: " if self.data_path else ""
        # The checker's own messages may wrap; a key or a file name is shown escaped.
        return printable(f"{where}: {self.code} {at}{self.message}".replace("\n", " "))


def _rebuild(path: str, message: str, line: int | None, data_path: str | None,
             code: str) -> PlanError:
    return PlanError(path, message, line=line, data_path=data_path, code=code)
