"""Where plans come from: plan files (TOML, JSON) and the documents themselves (text, Markdown).

The suffixes live here so that choosing a reader imports only that reader."""

PLAN_SUFFIXES = (".toml", ".json")
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
