"""Cahiers: docs-as-code publishing for the working groups of professional associations."""

__version__ = "0.1.0"
