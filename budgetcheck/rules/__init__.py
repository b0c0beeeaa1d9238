"""Built-in rules: structure (BC1xx), declared relations (BC2xx), prose claims (BC3xx), input (BC9xx)."""
