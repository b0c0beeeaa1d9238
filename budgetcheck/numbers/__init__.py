"""Numbers as printed: amounts with their written precision, intervals of exact decimals, and the
notation (parse and format, French and English). No pydantic; imports nothing above it."""
