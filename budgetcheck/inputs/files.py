"""Reading and writing files safely.

Reading: regular files only (a FIFO would wait for a writer, a device never ends), no more than
a stated number of bytes, UTF-8 text without NUL bytes; every problem is one `PlanError` naming
the file. Writing: atomically, a temporary file beside the target then a rename, so an
interrupted run leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path


def read_text_file(path: str | Path, limit: int, kind: str = "plan file",
                   legacy: str | None = None) -> str:
    """The text of a regular file of at most `limit` bytes, or a `PlanError` (BC901) saying in
    one line why it cannot be had. `kind` names what the file should be ("plan file",
    "baseline") in the messages. `legacy` is the encoding a file that is not UTF-8 is read in
    instead, when its kind is commonly written so (a CSV file from a spreadsheet on Windows is
    in "cp1252"); without it, or when the file is not that either, it is refused."""
    from budgetcheck.inputs.errors import UnreadableInput

    shown = str(path)
    raw = read_bytes_file(path, limit, kind)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if legacy is None:
            raise _not_text(shown, raw, exc, "UTF-8") from None
        try:
            text = raw.decode(legacy)
        except UnicodeDecodeError as also:
            raise _not_text(shown, raw, also, f"UTF-8 nor {legacy}") from None
    if "\x00" in text:
        raise UnreadableInput(shown, f"file contains NUL bytes: binary data, not a {kind}", line=text[: text.index("\x00")].count("\n") + 1)
    if not text.strip():
        raise UnreadableInput(shown, "file is empty")
    return text


def _not_text(shown: str, raw: bytes, error: UnicodeDecodeError, encodings: str) -> Exception:
    from budgetcheck.inputs.errors import UnreadableInput

    line = raw[: error.start].count(b"\n") + 1
    neither = "neither " if " nor " in encodings else "not "
    return UnreadableInput(shown, f"file is {neither}{encodings} text (byte "
                           f"0x{raw[error.start]:02x} at offset {error.start})", line=line)


def read_bytes_file(path: str | Path, limit: int, kind: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (a FIFO, a device, a directory or
    a larger file refused in one line, BC901)."""
    from budgetcheck.inputs.errors import UnreadableInput

    path = Path(path)
    shown = str(path)
    # Non-blocking, so that opening a FIFO returns at once and fstat can refuse it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableInput(shown, "no such file: a symbolic link to nothing (its target is "
                            "missing, or the links form a loop)") from None
        raise UnreadableInput(shown, "no such file") from None
    except IsADirectoryError:
        raise UnreadableInput(shown, f"is a directory, not a {kind}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableInput(shown, "no such file: a symbolic link to nothing (its target is "
                            "missing, or the links form a loop)") from None
        raise UnreadableInput(shown, f"cannot be read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise UnreadableInput(shown, f"is a directory, not a {kind}")
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableInput(shown, f"is not a regular file ({_kind_of(status.st_mode)}), "
                            f"not a {kind}")
        if status.st_size > limit:
            raise UnreadableInput(shown, f"file is {status.st_size:,} bytes; the limit for a "
                            f"{kind} is {limit:,} (check --no-limits lifts it)")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(shown, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise UnreadableInput(shown, f"file is larger than the limit of {limit:,} bytes for a {kind}")
    return raw


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def writable_target(path: str | Path) -> Path:
    """The regular file a report may be written to: `path` itself, or the file a symbolic link
    at `path` points at. A FIFO, a device, a socket, a directory or a link to nothing is
    refused (`PlanError`, BC908), as is a path whose folder does not exist: budgetcheck writes
    only regular files, so `-o /dev/stdout` cannot replace a device node with a file."""
    from budgetcheck.inputs.errors import OutputNotWritten

    path = Path(path)
    shown = str(path)
    if path.is_symlink():
        if not path.exists():
            raise OutputNotWritten(shown, "cannot be written: a symbolic link to nothing")
        path = Path(os.path.realpath(path))
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputNotWritten(shown, f"cannot be written: {exc.strerror or exc}") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputNotWritten(shown, "is a directory; give a file name to write the output to")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise OutputNotWritten(shown, f"is {_kind_of(status.st_mode)}, not a regular file: budgetcheck "
                        "writes only regular files (-o - writes to standard output)")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputNotWritten(shown, f"cannot be written: directory {str(directory)!r} does not "
                        "exist")
    return path


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename, so the old file stays
    whole if anything fails; an existing file keeps its mode, a new one gets 0666 less the
    umask, as any other tool's output. An unwritable target is a `PlanError` (BC908) naming
    it, raised before anything is written (`writable_target`)."""
    from budgetcheck.inputs.errors import OutputNotWritten

    shown = str(path)
    target = writable_target(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
    except OSError as exc:
        raise OutputNotWritten(shown, f"cannot be written: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputNotWritten(shown, f"cannot be written: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    """The process's umask (there is no way to read it without setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def emit(output: str | None, text: str) -> None:
    """Write the output to the file `-o` names (atomically), or to standard output for none
    or "-"."""
    if output and output != "-":
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def refuse_unwritable(*outputs: str | None) -> None:
    """Refuse an output that cannot be written before any plan is read (and again when it is
    written: the file system may change in between)."""
    for output in outputs:
        if output and output != "-":
            writable_target(output)
