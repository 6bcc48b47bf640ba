"""Checks: one module per rule, each a ``RULE`` declared as data and a pure ``check``."""
