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
    "unverifiable_zero": {
        "en": "cannot be verified: it divides by a value that may be zero",
        "fr": "invérifiable : la relation divise par une valeur qui peut être nulle",
    },
    "target_part": {
        "en": "{stated} stated as a target, but {ident} gives {computed} ({diff} apart)",
        "fr": "{stated} énoncé comme objectif, mais {ident} donne {computed} (écart de {diff})",
    },
    "target_scope": {
        "en": "; this may be a difference of scope{scope}",
        "fr": "; il peut s’agir d’une différence de portée{scope}",
    },
    "implied_none": {
        "en": "{stated} implies {name} = {value} ({range}), a figure the plan does not print{cands}",
        "fr": "{stated} suppose {name} = {value} ({range}), un chiffre que le plan n’imprime "
              "pas{cands}",
    },
    "implied_match": {
        "en": "{stated} implies {name} = {value} ({range}), which matches {match}",
        "fr": "{stated} suppose {name} = {value} ({range}), ce qui correspond à {match}",
    },
    "candidate": {"en": "{expr} = {value} gives {gives}", "fr": "{expr} = {value} donne {gives}"},
    "candidate_figure": {"en": "{value} gives {gives}", "fr": "{value} donne {gives}"},
    "claim_not_found": {
        "en": "claim {id} was not found in the document (“{text}…”); it was not checked",
        "fr": "l’énoncé {id} est introuvable dans le document (« {text}… »); il n’a pas été "
              "vérifié",
    },
    "missing_cell": {
        "en": "no figure is printed in column {column}; a missing figure is not zero, so the "
              "totals that need it cannot be checked",
        "fr": "aucun chiffre n’est imprimé dans la colonne {column}; un chiffre absent n’est pas "
              "zéro, et les totaux qui en dépendent ne peuvent être vérifiés",
    },
    "duplicate_row": {
        "en": "row key {row!r} is used {count} times in this table; references to it are ambiguous",
        "fr": "la clé de ligne {row!r} est utilisée {count} fois dans ce tableau; les renvois "
              "sont ambigus",
    },
    "excess_precision": {
        "en": "{text} is written to {digits}, finer than the table's stated precision {precision}",
        "fr": "{text} est écrit à {digits} près, plus finement que la précision {precision} du "
              "tableau",
    },
    # -- subjects -----------------------------------------------------------------------------
    "subject_row_total": {"en": "{table}, row “{row}”: {columns} vs {total}",
                          "fr": "{table}, ligne « {row} » : {columns} c. {total}"},
    "subject_column_total": {"en": "{table}, column {column}: rows vs “{row}”",
                             "fr": "{table}, colonne {column} : lignes c. « {row} »"},
    "subject_inferred": {"en": "{table}, “{row}” ({column}), inferred as {how}",
                         "fr": "{table}, « {row} » ({column}), déduit comme {how}"},
    "subject_difference": {
        "en": "{table}, “{row}”: {column} = {minuend} − {subtrahend}",
        "fr": "{table}, « {row} » : {column} = {minuend} − {subtrahend}"},
    "subject_unmatched": {
        "en": "{table}, “{row}” ({column}): no block of rows above and no combination of earlier "
              "totals matches; the nearest is {how}",
        "fr": "{table}, « {row} » ({column}) : aucun bloc de lignes au-dessus ni aucune "
              "combinaison des totaux précédents ne correspond; le plus proche est {how}"},
    "how_block": {"en": "the sum of the {n} rows “{first}” to “{last}”",
                  "fr": "la somme des {n} lignes « {first} » à « {last} »"},
    "how_one": {"en": "the row “{first}”", "fr": "la ligne « {first} »"},
    "how_terms": {"en": "{terms}", "fr": "{terms}"},
    "subject_relation": {"en": "relation {id} ({expr})", "fr": "relation {id} ({expr})"},
    "subject_claim": {"en": "claim {id} (line {line})", "fr": "énoncé {id} (ligne {line})"},
    "table": {"en": "Table {number}", "fr": "Tableau {number}"},
    # -- hints ------------------------------------------------------------------------------
    "hint_transposed": {
        "en": "digits transposed? {ident} printed {text}; {swapped} would make it hold",
        "fr": "chiffres intervertis? {ident} imprimé {text}; {swapped} rendrait la relation juste",
    },
    "hint_sign": {"en": "sign flipped? {ident} as {value} would make it hold",
                  "fr": "signe inversé? {ident} à {value} rendrait la relation juste"},
    "hint_unit": {"en": "unit slip? {ident} ×{factor} would make it hold",
                  "fr": "erreur d’unité? {ident} ×{factor} rendrait la relation juste"},
    "hint_equals": {"en": "the difference {diff} equals {figures}: a figure left out or counted "
                          "twice?",
                    "fr": "l’écart de {diff} égale {figures} : un chiffre omis ou compté deux "
                          "fois?"},
    "hint_computed_equals": {"en": "the computed {value} equals {ident}",
                             "fr": "le calcul {value} égale {ident}"},
    "hint_change": {"en": "smallest single change: {ident} {text} → {value}",
                    "fr": "plus petite correction unique : {ident} {text} → {value}"},
}


def say(key: str, lang: Lang, **params: object) -> str:
    template = TEMPLATES[key].get(lang) or TEMPLATES[key]["en"]
    return template.format(**params)
