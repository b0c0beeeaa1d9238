"""What a reader gives back: the plan, and where its relations and claims were written.

The readers do not judge; the loader checks every expression once the plan is read
(`api.load`), and a problem found then is located with the plan's `Origin`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from budgetcheck.plan.model import Plan
from budgetcheck.sources.locate import line_of


@dataclass(frozen=True)
class Origin:
    """The text the relations and claims of a plan were read from (empty for a document read
    without rules: its claims are its own sentences, and carry their lines).

    A rules file merged into a plan file holds only the later relations and claims: `kept`
    gives, per list ("relations", "claims"), the index in `before` (the plan file) of each of
    the leading items that came from it."""

    shown: str
    text: str = ""
    fmt: str = "toml"
    kept: Mapping[str, Sequence[int]] = field(default_factory=dict)
    before: Origin | None = None

    def locate(self, loc: Sequence[str | int]) -> tuple[str, int | None, str]:
        """(file, line, data path) of the item at `loc` (`["relations", 3, "expr"]`)."""
        kind, index, rest = str(loc[0]), int(loc[1]), list(loc[2:])
        own = self.kept.get(kind, ())
        if index < len(own) and self.before is not None:
            return self.before.locate([kind, own[index], *rest])
        where: list[str | int] = [kind, index - len(own), *rest]
        line = line_of(self.text, where, self.fmt) if self.text else None
        return self.shown, line, ".".join(map(str, where))


class Read(NamedTuple):
    """A plan as a reader read it, before its expressions are checked."""

    plan: Plan
    origin: Origin
