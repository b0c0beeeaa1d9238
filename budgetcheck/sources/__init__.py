"""Where plans come from: plan files (TOML, JSON) and, later, the documents themselves."""
