"""Inputs and outputs at the edge: files read and written within limits, and the errors (BC9xx)
of an input that cannot be read or an output that cannot be written."""
