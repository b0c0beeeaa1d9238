"""Writing files atomically: a temporary file beside the target, then a rename.

An interrupted run therefore leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename; an unwritable target is a
    `PlanError` (BC908) naming it, raised before anything is written."""
    from .errors import PlanError

    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PlanError(str(path), "is a directory; give a file name to write the output to",
                        code="BC908")
    if not directory.is_dir():
        raise PlanError(str(path), f"cannot be written: directory {str(directory)!r} does not "
                        "exist", code="BC908")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=directory)
    except OSError as exc:
        raise PlanError(str(path), f"cannot be written: {exc.strerror or exc}",
                        code="BC908") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise PlanError(str(path), f"cannot be written: {exc.strerror or exc}",
                            code="BC908") from None
        raise
