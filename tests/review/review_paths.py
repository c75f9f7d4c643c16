"""Paths shared by the review tests."""

from pathlib import Path

VALID = Path(__file__).parent.parent / "load" / "scenarios" / "valid"
