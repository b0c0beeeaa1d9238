"""Where plans come from: one reader per format (plan files in TOML or JSON, documents in text or
Markdown), listed in `registry`; each reads a file into a validated `Plan` and says where its
relations and claims were written. Readers raise the input errors of `budgetcheck.inputs`."""
