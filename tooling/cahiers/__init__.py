"""Cahiers: a docs-as-code publishing pipeline for the working groups of professional associations."""

__version__ = "0.1.0"
