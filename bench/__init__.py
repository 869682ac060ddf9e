"""Benchmarks and evaluation over the development corpus (corpus/)."""
