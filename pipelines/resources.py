"""Resources: where the warehouse and the data live, taken from the environment."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.config import Settings


class WarehouseResource(dg.ConfigurableResource):
    """The contract's locations. Defaults come from ANM_* environment variables."""

    raw_dir: str
    reference_dir: str
    warehouse: str
    reports_dir: str

    @classmethod
    def from_env(cls) -> WarehouseResource:
        settings = Settings.from_env()
        return cls(
            raw_dir=str(settings.raw_dir),
            reference_dir=str(settings.reference_dir),
            warehouse=str(settings.warehouse),
            reports_dir=str(settings.reports_dir),
        )

    def settings(self) -> Settings:
        env = Settings.from_env()  # the PII key is never part of resource config (it would show in the UI)
        return Settings(
            raw_dir=Path(self.raw_dir),
            reference_dir=Path(self.reference_dir),
            warehouse=Path(self.warehouse),
            reports_dir=Path(self.reports_dir),
            pii_key=env.pii_key,
        )
