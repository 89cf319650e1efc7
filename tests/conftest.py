"""Shared fixtures; the helpers themselves live in anm_testing.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anm_testing import DataSet


@pytest.fixture
def dataset(tmp_path: Path) -> Iterator[DataSet]:
    yield DataSet(tmp_path)
