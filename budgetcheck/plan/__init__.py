"""The typed plan: tables, rows, cells, relations and claims (pydantic), the expression language
they are written in, and the figures an expression or a table names (protocol and index)."""
