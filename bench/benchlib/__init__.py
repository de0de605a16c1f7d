"""Helpers of the benchmark scripts: servers under test, /proc sampling, the load generator."""
