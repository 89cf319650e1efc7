"""Fixtures for the informe: a tiny hand-made warehouse, and the shipped sample built once per session."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from report.builder import build_warehouse

PROJECT = Path(__file__).resolve().parents[2]
NOVEMBER_2025 = dt.date(2025, 11, 1)


@pytest.fixture
def small_warehouse(tmp_path: Path) -> Path:
    return build_warehouse(tmp_path / "warehouse" / "anm.duckdb")


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample through `python -m pipelines.monthly` (what `make monthly` runs), in tmp.

    ANM_REPORT_SAMPLE_WAREHOUSE may name an already built sample warehouse, to
    iterate on the report without rebuilding it (a few minutes).
    """
    prebuilt = os.environ.get("ANM_REPORT_SAMPLE_WAREHOUSE")
    if prebuilt:
        path = Path(prebuilt)
        assert path.is_file(), f"ANM_REPORT_SAMPLE_WAREHOUSE={prebuilt} is not a file"
        return path
    root = tmp_path_factory.mktemp("report-sample")
    env = {
        **os.environ,
        "ANM_WAREHOUSE": str(root / "anm.duckdb"),
        "ANM_REPORTS_DIR": str(root / "reports"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }
    for variable in ("ANM_RAW_DIR", "ANM_REFERENCE_DIR", "ANM_PII_KEY"):
        env.pop(variable, None)  # the shipped sample, with its sample key
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.monthly"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "anm.duckdb"


@pytest.fixture(scope="session")
def sample_report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The November 2025 informe written from the sample warehouse with the public API."""
    from pipelines.report import write_report

    reports = tmp_path_factory.mktemp("report-sample-out")
    return write_report(sample_warehouse, NOVEMBER_2025, reports)
