"""Shared fixtures; the helpers themselves live in anm_testing.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anm_testing import DataSet, run_on_sample


@pytest.fixture
def dataset(tmp_path: Path) -> Iterator[DataSet]:
    yield DataSet(tmp_path)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The shipped sample built once per session by the make monthly entry point: (folder, its output)."""
    root = tmp_path_factory.mktemp("sample")
    result = run_on_sample(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root, result.stdout
