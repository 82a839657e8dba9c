"""Writes of the newsroom workflow, one module per area."""
