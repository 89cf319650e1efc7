"""Warehouse validation checks (GX 1.x, pandas route), callable from Dagster asset checks.

``run_check(name, warehouse, data_docs_dir)`` runs one of ``CHECK_NAMES`` and returns a
``CheckOutcome``. Importing this package does not import great_expectations; the first
``run_check`` of a process does. See docs/checks.md.
"""

from pipelines.checks.suites import CHECK_NAMES, CheckOutcome, run_check

__all__ = ["CHECK_NAMES", "CheckOutcome", "run_check"]
