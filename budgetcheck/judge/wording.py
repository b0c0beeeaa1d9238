"""Message templates in both official languages. Rules pick a key; numbers arrive formatted."""

from __future__ import annotations

from budgetcheck.numbers.formatting import Lang

TEMPLATES: dict[str, dict[str, str]] = {
    # -- verdicts on a relation (the subject is prepended) ----------------------------------
    "error_eq": {
        "en": "{stated} printed, {computed} computed: a difference of {diff} that no rounding of "
              "the printed figures explains (the printed value would have to lie in {allowed})",
        "fr": "{stated} imprimé, {computed} calculé : un écart de {diff} qu’aucun arrondi des "
              "chiffres imprimés n’explique (la valeur imprimée devrait se situer dans {allowed})",
    },
    "error_eq_hedged": {
        "en": "{stated} printed, {computed} computed: a difference of {diff} that no rounding of "
              "the printed figures explains (the printed value would have to be {allowed})",
        "fr": "{stated} imprimé, {computed} calculé : un écart de {diff} qu’aucun arrondi des "
              "chiffres imprimés n’explique (la valeur imprimée devrait être {allowed})",
    },
    "error_strict": {
        "en": "{stated} printed, {computed} computed: strict mode accepts no difference ({diff})",
        "fr": "{stated} imprimé, {computed} calculé : le mode strict n’accepte aucun écart ({diff})",
    },
    "error_absolute": {
        "en": "{stated} printed, {computed} computed: the difference {diff} exceeds the "
              "tolerance of ±{tolerance}",
        "fr": "{stated} imprimé, {computed} calculé : l’écart de {diff} dépasse la tolérance de "
              "±{tolerance}",
    },
    "error_cmp": {
        "en": "{stated} {op} {computed} does not hold, whatever the rounding",
        "fr": "{stated} {op} {computed} est faux, quel que soit l’arrondi",
    },
    "note_eq": {
        "en": "{stated} printed, {computed} computed: the difference {diff} is within ±{tolerance} "
              "from {n} rounded figures",
        "fr": "{stated} imprimé, {computed} calculé : l’écart de {diff} est dans les ±{tolerance} "
              "de {n} chiffres arrondis",
    },
    "note_absolute": {
        "en": "{stated} printed, {computed} computed: the difference {diff} is within the "
              "tolerance of ±{tolerance}",
        "fr": "{stated} imprimé, {computed} calculé : l’écart de {diff} est dans la tolérance de "
              "±{tolerance}",
    },
    "unverifiable_missing": {
        "en": "cannot be verified: {missing} is not printed (a missing figure is not zero)",
        "fr": "invérifiable : {missing} n’est pas imprimé (un chiffre absent n’est pas zéro)",
    },
    "unverifiable_units": {
        "en": "cannot be verified: it would add dollars and a percentage or ratio ({figures})",
        "fr": "invérifiable : la relation additionnerait des dollars et un pourcentage ou un "
              "ratio ({figures})",
    },
    "unverifiable_bounds": {
        "en": "cannot be verified: a bound (at least, more than) equals many values, so it "
              "cannot be said to equal {computed}",
        "fr": "invérifiable : une borne (au moins, plus de) égale bien des valeurs ; on ne peut "
              "dire qu’elle égale {computed}",
    },
    "unverifiable_zero": {
        "en": "cannot be verified: it divides by a value that may be zero",
        "fr": "invérifiable : la relation divise par une valeur qui peut être nulle",
    },
    # -- subjects -----------------------------------------------------------------------------
    "subject_claim": {"en": "claim of line {line}", "fr": "énoncé de la ligne {line}"},
    "table": {"en": "Table {number}", "fr": "Tableau {number}"},
    # -- hints ------------------------------------------------------------------------------
    "hint_transposed": {
        "en": "digits transposed? {ident}, printed {text}; {swapped} would make it hold",
        "fr": "chiffres intervertis ? {ident}, imprimé {text} ; {swapped} rendrait la relation "
              "juste",
    },
    "hint_sign": {"en": "sign flipped? {ident} as {value} would make it hold",
                  "fr": "signe inversé ? {ident} à {value} rendrait la relation juste"},
    "hint_unit": {"en": "unit slip? {ident} ×{factor} would make it hold",
                  "fr": "erreur d’unité ? {ident} ×{factor} rendrait la relation juste"},
    "hint_equals": {"en": "the difference {diff} equals {figures}: a figure left out or counted "
                          "twice?",
                    "fr": "l’écart de {diff} égale {figures} : un chiffre omis ou compté deux "
                          "fois ?"},
    "hint_change": {"en": "smallest single change: {ident}, {text} → {value}",
                    "fr": "plus petite correction unique : {ident}, {text} → {value}"},
}


#: A hedge ("au moins", "about") as each language says it, by its kind.
HEDGES_SAID: dict[Lang, dict[str, str]] = {
    "en": {"approx": "about", "at_least": "at least", "more_than": "more than",
           "at_most": "at most", "less_than": "less than"},
    "fr": {"approx": "environ", "at_least": "au moins", "more_than": "plus de",
           "at_most": "au plus", "less_than": "moins de"},
}


def say(key: str, lang: Lang, **params: object) -> str:
    template = TEMPLATES[key].get(lang) or TEMPLATES[key]["en"]
    return template.format(**params)
