"""Which table row a sentence names, by its words: every word of a label of three words at
least stands in the sentence's clause, the longest such label, and only one of that length.
"les projets des phases 1 et 2 totalisant 82,8 M$" names "Contreparties de l’industrie —
Phase 1 et 2"? No: "contreparties" is missing. "…/contributions de l’industrie pour les projets
des phases 1 et 2" does."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from budgetcheck.sources.footnote_reading import single_value, value_text

_STOPWORDS = frozenset("""
    a au aux avec ce ces d de des du en et l la le les leur leurs ou par pour sur un une
    an and as at by for from in of on or the to with
""".split())
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> set[str]:
    """The words that name something, compared loosely: lower case, without accents, a
    plural's "s" dropped, articles and prepositions left out ("contreparties/contributions de
    l’industrie" has contrepartie, contribution and industrie)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    found = set()
    for word in _WORD.findall(folded.replace("’", " ").replace("'", " ")):
        if word in _STOPWORDS:
            continue
        found.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return found


#: A label of fewer words than this is too common to name one figure ("Total", "Autres").
MIN_LABEL_WORDS = 3
#: A footnote figure whose clause would be tried against more labels than this is not read:
#: labels that alike (a table of one label repeated) name no one figure, and the cost of a
#: footnote stays bounded whatever the number of rows.
MAX_TRIED = 256


class Label:
    """An item row whose label can be named: its words, its table and the reference of its
    one figure."""

    __slots__ = ("words", "table", "row", "ref", "text")

    def __init__(self, named: set[str], table: dict[str, Any], row: dict[str, Any],
                 ref: str) -> None:
        self.words, self.table, self.row, self.ref = named, table, row, ref
        self.text = value_text(table, row)


def labels_by_rarest_word(data: dict[str, Any]) -> dict[str, list[Label]]:
    """The item rows' labels (of three words at least) and the references of their figures,
    each under the word of its label that the fewest labels have: a clause can name a label
    only if it holds that word, so each footnote figure is tried against a few labels, not
    every row of the document."""
    rows = [Label(named, table, row, ref) for table in data.get("tables", [])
            for row in table["rows"] if row.get("role", "item") == "item"
            if (ref := single_value(table, row)) is not None
            and len(named := words(row["label"])) >= MIN_LABEL_WORDS]
    sharing: dict[str, int] = {}
    for label in rows:
        for word in label.words:
            sharing[word] = sharing.get(word, 0) + 1
    labels: dict[str, list[Label]] = {}
    for label in rows:
        rarest = min(label.words, key=lambda word: (sharing[word], word))
        labels.setdefault(rarest, []).append(label)
    return labels


def named_label(labels: dict[str, list[Label]], before: set[str]) -> Label | None:
    """The one label whose words all stand in a clause, the longest such."""
    tried = [labels[word] for word in before if word in labels]
    if sum(map(len, tried)) > MAX_TRIED:
        return None  # labels this alike name no one figure; trying them all would cost
    named = [label for bucket in tried for label in bucket if label.words <= before]
    longest = max((len(label.words) for label in named), default=0)
    found = [label for label in named if len(label.words) == longest]
    if len(found) > 1 and len({id(label.table) for label in found}) == len(found) and all(
            label.words == found[0].words and label.text == found[0].text for label in found):
        # One row printed alike in several tables (a budget and its cash flow): one
        # quantity, named by the first table that prints it.
        return found[0]
    return found[0] if len(found) == 1 else None
