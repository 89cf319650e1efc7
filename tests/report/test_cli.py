"""`python -m pipelines.report --month YYYY-MM` (what `make report` runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.report.__main__ import main
from report.builder import build_warehouse

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_warehouse(tmp_path / "anm.duckdb")
    monkeypatch.setenv("ANM_WAREHOUSE", str(tmp_path / "anm.duckdb"))
    monkeypatch.setenv("ANM_REPORTS_DIR", str(tmp_path / "reports"))
    return tmp_path


def test_writes_the_month_from_the_environment(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--month", "2025-03"]) == 0
    out = capsys.readouterr().out
    assert (env / "reports" / "2025-03" / "informe.html").is_file()
    assert str(env / "reports" / "2025-03" / "informe.html") in out
    assert "interacciones 510" in out and "satisfacción consolidada 78,95 %" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "MONTH is required"),
        (["--month", ""], "MONTH is required"),
        (["--month", "2025-3"], "MONTH must look like YYYY-MM"),
        (["--month", "2025-13"], "MONTH must look like YYYY-MM"),
        (["--month", "noviembre"], "MONTH must look like YYYY-MM"),
    ],
)
def test_month_missing_or_malformed_is_a_one_line_error(
    env: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}")
    assert err.count("\n") == 1
    assert not (env / "reports").exists()


def test_a_month_the_warehouse_does_not_have(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--month", "2025-06"]) == 1
    err = capsys.readouterr().err
    assert "no indicators for 2025-06; it holds 2024-03 to 2025-03" in err
    assert err.count("\n") == 1
    assert not (env / "reports").exists()


def test_no_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ANM_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    assert main(["--month", "2025-03"]) == 1
    assert "run `make monthly` first" in capsys.readouterr().err


def test_runs_as_a_module(env: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.report", "--month", "2025-03"],
        cwd=PROJECT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (env / "reports" / "2025-03" / "informe.html").is_file()
