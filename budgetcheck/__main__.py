from budgetcheck.entry import run

raise SystemExit(run())
