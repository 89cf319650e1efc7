"""`make bench` at a tiny scale, so the harness, the generator and the baseline cannot rot.

2,000 attended interactions over three months (August-October 2025: the months of the
e-mail correction and the call re-export, so duplicate handling is exercised), the one-month
runs on October. No timing is asserted: only that every figure is there and positive, and that
the pipeline and the one-script DuckDB baseline give the same indicators_monthly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SCALE = 2000
PER_SCALE_KEYS = (
    "rows",
    "pipeline_s",
    "baseline_s",
    "ratio",
    "peak_rss_mb",
    "one_month_with_history_s",
    "one_month_empty_s",
)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ANM_", "DAGSTER_HOME", "DBT_TARGET_PATH"))
    }
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "bench" / "run.py"),
            "--scales",
            str(SCALE),
            "--start",
            "2025-08",
            "--end",
            "2025-10",
            "--month",
            "2025-10",
            "--out",
            str(out),
            "--quiet-wait",
            "0",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (out / "results.md").exists()
    return json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_every_figure_is_there_and_positive(results: dict) -> None:
    assert results["fixed_overhead_s"] > 0
    scale = results["scales"][str(SCALE)]
    for key in PER_SCALE_KEYS:
        assert scale[key] > 0, key
    assert scale["attended_interactions"] == SCALE
    assert scale["pipeline_ok"]
    for key in ("cpu", "cores", "memory_gb", "versions"):
        assert results["machine"][key]


def test_pipeline_and_baseline_give_identical_indicators(results: dict) -> None:
    correctness = results["scales"][str(SCALE)]["correctness"]
    assert correctness["identical"], correctness
    assert correctness["rows_pipeline"] == correctness["rows_baseline"] > 0
    assert correctness["attended_interactions_in_mart"] == SCALE


def test_the_month_alone_gives_the_same_figures(results: dict) -> None:
    assert results["scales"][str(SCALE)]["one_month_correctness"]["identical"]


def test_the_profile_reads_the_dagster_steps_and_dbt(results: dict) -> None:
    profile = results["scales"][str(SCALE)]["profile"]
    steps = {step["step"] for step in profile["steps"]}
    assert {"landing__raw_files", "anm_dbt_models"} <= steps
    assert profile["dbt"]["invocations"] >= 1
