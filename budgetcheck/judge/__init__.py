"""Judging relations on intervals: evaluation, linear sums, verdicts, hints, and their wording."""
