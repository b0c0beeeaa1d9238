"""Text from a plan or a file name, made safe for a line of a report or of an error message.

A label, a title, a key or a file name may hold a newline, which would forge a line of its own
("plan.toml:1: BC102 ..."), or a terminal's escape sequence. Line-oriented output shows every
control character escaped as Python writes it ("\\n", "\\x1b")."""

from __future__ import annotations

_ESCAPED = {code: repr(chr(code))[1:-1] for code in (*range(0x20), *range(0x7F, 0xA0))}


def printable(text: str) -> str:
    """`text` on one line, with no control character left in it."""
    return text.translate(_ESCAPED)
