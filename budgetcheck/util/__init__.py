"""Small helpers with no project imports: printable text, interning, canonical JSON, the limits."""
