"""Fixtures for the informe: a tiny hand-made warehouse, and the shipped sample built once per session."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from report.builder import build_warehouse

NOVEMBER_2025 = dt.date(2025, 11, 1)


@pytest.fixture
def small_warehouse(tmp_path: Path) -> Path:
    return build_warehouse(tmp_path / "warehouse" / "anm.duckdb")


@pytest.fixture(scope="session")
def sample_warehouse(request: pytest.FixtureRequest) -> Path:
    """The shipped sample through `python -m pipelines.monthly` (what `make monthly` runs), in tmp.

    ANM_REPORT_SAMPLE_WAREHOUSE may name an already built sample warehouse, to
    iterate on the report without rebuilding it (a few minutes).
    """
    prebuilt = os.environ.get("ANM_REPORT_SAMPLE_WAREHOUSE")
    if prebuilt:
        path = Path(prebuilt)
        assert path.is_file(), f"ANM_REPORT_SAMPLE_WAREHOUSE={prebuilt} is not a file"
        return path
    root, _ = request.getfixturevalue("sample_build")  # shared with tests/test_deck_figures.py
    return root / "anm.duckdb"


@pytest.fixture(scope="session")
def sample_report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The November 2025 informe written from the sample warehouse with the public API."""
    from pipelines.report import write_report

    reports = tmp_path_factory.mktemp("report-sample-out")
    return write_report(sample_warehouse, NOVEMBER_2025, reports)
