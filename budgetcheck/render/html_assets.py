"""The HTML report's words (both languages), style sheet and script: what its page says and how
it looks, kept apart from what it shows.

Severity is never told by colour alone: each has an icon and a word as well, and the colours
are the Okabe-Ito palette, which readers with the common colour-vision deficiencies tell
apart. The print style sheet shows every finding whatever the screen's filters hid."""

from __future__ import annotations

#: Severity: (icon, colour). The icons differ in shape, not only in colour.
SEVERITY_LOOK = {"error": ("✖", "#D55E00"), "warning": ("▲", "#E69F00"),
                 "note": ("ℹ", "#0072B2"), "pass": ("✔", "#009E73")}

WORDS = {
    "en": {"title": "budgetcheck audit report", "run": "Run", "date": "Checked on (UTC)",
           "tool": "Tool", "settings": "Settings", "inputs": "Inputs", "file": "File",
           "role": "Role", "plan": "plan", "document": "document", "sha": "SHA-256",
           "unreadable": "cannot be read", "legend": "Legend", "stated": "the stated figure "
           "a finding is about", "named": "a figure the finding involves",
           "inferred_cell": "a total the checker inferred, which holds",
           "filters": "Show", "all_rules": "every rule", "findings": "Findings",
           "none": "No findings.", "passed": "{n} checks passed", "inferred": "inferred",
           "lines": "lines", "line": "line", "at_cell": "cell", "fiscal_year": "fiscal year",
           "percent": "in per cent", "plain": "as printed", "mode": "mode",
           "rounding": "rounding", "tolerance": "tolerance", "lang": "language",
           "select": "rules", "ignore": "rules left out", "show": "shown",
           "fail-on": "fails on", "baseline": "baseline", "accepted": "{n} accepted by the "
           "baseline", "hidden": "{n} hidden by --show", "no_plan": "The file could not be "
           "read: its tables cannot be drawn.", "see": "see finding"},
    "fr": {"title": "Rapport d’audit budgetcheck", "run": "Exécution",
           "date": "Vérifié le (UTC)", "tool": "Outil", "settings": "Réglages",
           "inputs": "Fichiers vérifiés", "file": "Fichier", "role": "Rôle", "plan": "plan",
           "document": "document", "sha": "SHA-256", "unreadable": "illisible",
           "legend": "Légende", "stated": "le chiffre énoncé dont traite un constat",
           "named": "un chiffre que le constat met en cause",
           "inferred_cell": "un total que le vérificateur a déduit, et qui tient",
           "filters": "Afficher", "all_rules": "toutes les règles", "findings": "Constats",
           "none": "Aucun constat.", "passed": "{n} vérifications réussies",
           "inferred": "déduit", "lines": "lignes", "line": "ligne", "at_cell": "cellule",
           "fiscal_year": "exercice",
           "percent": "en pourcentage", "plain": "tel qu’imprimé", "mode": "mode",
           "rounding": "arrondi", "tolerance": "tolérance", "lang": "langue",
           "select": "règles", "ignore": "règles écartées", "show": "affichés",
           "fail-on": "échoue dès", "baseline": "référence",
           "accepted": "{n} acceptés par la référence", "hidden": "{n} masqués par --show",
           "no_plan": "Le fichier n’a pu être lu : ses tableaux ne peuvent être dessinés.",
           "see": "voir le constat"},
}

#: A table's unit line, by its scale (the power of ten of its bare figures).
UNIT_LINES = {
    "en": {0: "in dollars, or in the unit each figure is printed with",
           3: "in thousands of dollars", 6: "in millions of dollars", 9: "in billions of dollars"},
    "fr": {0: "en dollars, ou dans l’unité imprimée avec chaque chiffre",
           3: "en milliers de dollars", 6: "en millions de dollars", 9: "en milliards de dollars"},
}

_COLOURS = "".join(f".sev-{s}{{--sev:{colour}}}" for s, (_, colour) in SEVERITY_LOOK.items())

STYLE = """
:root{--ink:#1d2433;--muted:#50596b;--rule:#c9ced6}
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:var(--ink);max-width:75rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.2rem}h3{font-size:1.05rem;margin:1.6rem 0 .2rem}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.run dt{font-weight:600}dl.run dd{margin:0}
table.inputs,table.plan{border-collapse:collapse;margin:.4rem 0 1rem}
table.inputs td,table.inputs th,table.plan td,table.plan th{border:1px solid var(--rule);
padding:.25rem .6rem;vertical-align:top}
table.inputs code{font-size:.85em;word-break:break-all}
.unit-line{color:var(--muted);margin:.1rem 0 .3rem;font-style:italic}
table.plan td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.plan th[scope=row]{text-align:left;font-weight:400}
tr.total td,tr.subtotal td,tr.total th,tr.subtotal th{font-weight:600}
.icon{font-weight:700;color:var(--sev)}
.badge{display:inline-block;margin-right:.8rem;padding:.1rem .5rem;border:1px solid var(--sev);
border-radius:4px}
td.named{outline:2px dashed var(--sev);outline-offset:-3px}
td.stated{outline:3px solid var(--sev);outline-offset:-3px;
background:color-mix(in srgb,var(--sev) 14%,white)}
td.stated::before{content:attr(data-icon) " ";color:var(--sev);font-weight:700}
td.inferred{border-bottom:2px dotted #009E73}
sup.refs a{margin-left:.15rem;text-decoration:none;font-weight:600;color:var(--ink)}
ol.findings{padding-left:2.2rem}li.finding{margin:.45rem 0;padding-left:.3rem;
border-left:4px solid var(--sev)}
li.finding .where{font-family:ui-monospace,monospace;font-size:.85em}
.hint{color:var(--muted);margin-left:1.2rem}
em.inferred{color:#3b6e3b}
.legend ul{list-style:none;padding:0;margin:.3rem 0}.legend li{margin:.15rem 0}
.swatch{display:inline-block;width:2.2rem;height:1rem;vertical-align:middle;margin-right:.4rem}
fieldset.filters{border:1px solid var(--rule);margin:1rem 0;padding:.4rem .8rem}
fieldset.filters label{margin-right:1rem}
details.passed{margin:.5rem 0 1rem}details.passed summary{cursor:pointer}
:target{scroll-margin-top:2rem;box-shadow:0 0 0 3px #56B4E9}
@media print{
  body{margin:0;max-width:none;font-size:11px}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  fieldset.filters{display:none}
  li.finding[hidden],td[hidden],tr[hidden]{display:revert}
  li.finding{break-inside:avoid}
  table.plan{break-inside:auto}tr{break-inside:avoid}
  a{color:inherit;text-decoration:none}
}
""" + _COLOURS

#: Filters: severities and a rule, from the check boxes or from the address ("#severity=error"
#: or "#rule=BC103"); on paper every finding is shown (the print style sheet).
SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var boxes = document.querySelectorAll('fieldset.filters input[type=checkbox]');
  var rule = document.querySelector('fieldset.filters select');
  function apply() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    var code = rule ? rule.value : '';
    var visible = 0;
    document.querySelectorAll('li.finding').forEach(function (li) {
      var keep = shown[li.dataset.severity] && (!code || li.dataset.code === code);
      li.hidden = !keep;
      if (keep) { visible += 1; }
    });
    document.body.dataset.visibleFindings = visible;
  }
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.has('severity')) {
    var some = wanted.get('severity').split(',');
    boxes.forEach(function (b) { b.checked = some.indexOf(b.value) >= 0; });
  }
  if (rule && wanted.has('rule')) { rule.value = wanted.get('rule'); }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (rule) { rule.addEventListener('change', apply); }
  apply();
  document.body.dataset.ready = 'yes';
});
"""
