"""Deterministic, calibrated sample data: January-November 2025 raw files and reference tables.

`python -m pipelines.sample_data` writes them; applying the data contract's
rules to the result gives exactly the figures of the November 2025 report
(see docs/sample-data.md).
"""
