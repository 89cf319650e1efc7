"""Locations and secrets, read from the environment as the data contract names them.

Every command of the project (make targets, Dagster, dbt, tests) goes through
``Settings.from_env()``, so the same code runs on another data folder and
another warehouse file without edits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Used only when the raw folder is the shipped sample: it is public, so it
# protects nothing and is never accepted for real data.
SAMPLE_PII_KEY = "anm-sample-key-NOT-SECRET-do-not-use-with-real-data"


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    reference_dir: Path
    warehouse: Path
    reports_dir: Path
    pii_key: str | None

    @classmethod
    def from_env(cls) -> Settings:
        def path(var: str, default: str) -> Path:
            value = os.environ.get(var)
            if value:  # as a shell user means it: relative to the current directory
                return Path(value).expanduser().resolve()
            return PROJECT_ROOT / default

        return cls(
            raw_dir=path("ANM_RAW_DIR", "data/raw"),
            reference_dir=path("ANM_REFERENCE_DIR", "data/reference"),
            warehouse=path("ANM_WAREHOUSE", "data/warehouse/anm.duckdb"),
            reports_dir=path("ANM_REPORTS_DIR", "reports"),
            pii_key=os.environ.get("ANM_PII_KEY") or None,
        )

    @property
    def working_warehouse(self) -> Path:
        """The file runs build in. ANM_WAREHOUSE itself is only ever replaced whole, when a
        run succeeds, so readers never see a half-processed month nor wait on a lock."""
        return self.warehouse.with_name(f"{self.warehouse.stem}.working{self.warehouse.suffix}")

    @property
    def uses_sample_data(self) -> bool:
        return self.raw_dir.resolve() == (PROJECT_ROOT / "data" / "raw").resolve()

    def check_paths(self) -> None:
        """Fail before any work when a configured location cannot be used."""
        for name, folder in (("ANM_RAW_DIR", self.raw_dir), ("ANM_REFERENCE_DIR", self.reference_dir)):
            if not folder.is_dir():
                raise FileNotFoundError(f"{name}: {folder} is not a folder")
        if self.warehouse.exists() and self.warehouse.is_dir():
            raise FileNotFoundError(f"ANM_WAREHOUSE: {self.warehouse} is a folder, not a DuckDB file")
