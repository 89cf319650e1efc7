"""dbt models as Dagster assets: staging, intermediate and marts, built month by month."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from pipelines.config import PROJECT_ROOT
from pipelines.partitions import month_range, monthly_partitions
from pipelines.resources import WarehouseResource

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
DBT_EXECUTABLE = Path(sys.executable).with_name("dbt")  # the project's virtual environment
_DBT_INPUTS = ("models", "macros", "tests", "seeds", "dbt_project.yml", "profiles.yml")


def dbt_environment(warehouse: Path) -> dict[str, str]:
    """What every dbt process needs: the warehouse file, and no telemetry."""
    return {"ANM_WAREHOUSE": str(warehouse), "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def _newest_input_mtime() -> float:
    paths = [DBT_PROJECT_DIR / name for name in _DBT_INPUTS]
    files = [p for path in paths if path.exists() for p in ([path] if path.is_file() else path.rglob("*"))]
    return max((p.stat().st_mtime for p in files if p.is_file()), default=0.0)


def ensure_manifest(warehouse: Path) -> Path:
    """`dbt parse` when the manifest is missing or older than the project's files."""
    if MANIFEST.exists() and MANIFEST.stat().st_mtime >= _newest_input_mtime():
        return MANIFEST
    subprocess.run(
        [
            str(DBT_EXECUTABLE),
            "parse",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        check=True,
        env={**os.environ, **dbt_environment(warehouse)},
        cwd=DBT_PROJECT_DIR,
    )
    return MANIFEST


class AnmDbtTranslator(DagsterDbtTranslator):
    """Keys as <schema>/<name> (raw/calls, marts/indicators_monthly), groups by layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["config"].get("schema") or "main", dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "dbt"


def build_dbt_assets(manifest: Path) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=manifest,
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        dagster_dbt_translator=AnmDbtTranslator(
            settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
        ),
    )
    def anm_dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
    ) -> Iterator[Any]:
        """The dbt project: staging views, intermediate models and the indicator marts.

        The run's months reach dbt as vars month_start/month_end; monthly marts
        rebuild only those months, yearly marts are rebuilt from all months.
        """
        first, last = month_range(context)
        os.environ.update(dbt_environment(warehouse.settings().warehouse))
        dbt_vars = json.dumps({"month_start": first.isoformat(), "month_end": last.isoformat()})
        yield from dbt.cli(["build", "--vars", dbt_vars], context=context).stream()

    return anm_dbt_models
