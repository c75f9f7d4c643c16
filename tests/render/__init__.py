"""Tests of the render stage (a package, so its conftest does not shadow tests/conftest.py)."""
