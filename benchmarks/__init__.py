"""Benchmarks of Cahiers: see BENCHMARKS.md for the figures and how to run them."""
