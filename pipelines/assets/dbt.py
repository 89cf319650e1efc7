"""dbt models as Dagster assets: staging, intermediate and marts, built month by month."""

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from pipelines.assets.ingestion import OWNERS
from pipelines.config import PROJECT_ROOT
from pipelines.partitions import month_range, monthly_partitions
from pipelines.resources import WarehouseResource
from pipelines.warehouse import connect

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

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return OWNERS


def build_dbt_assets(manifest: Path) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=manifest,
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        dagster_dbt_translator=AnmDbtTranslator(
            settings=DagsterDbtTranslatorSettings(
                enable_asset_checks=True, enable_source_tests_as_checks=True
            )
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
        path = warehouse.settings().working_warehouse
        os.environ.update(dbt_environment(path))
        dbt_vars = json.dumps({"month_start": first.isoformat(), "month_end": last.isoformat()})
        # dbt holds the write lock while it runs: describe the marts once it is done
        invocation = dbt.cli(["build", "--vars", dbt_vars], context=context)
        try:
            events = list(invocation.stream())
        finally:
            stop_if_running(invocation.process)  # never leave a dbt holding the write lock
        yield from with_mart_metadata(context, events, path, first, last)

    return anm_dbt_models


def stop_if_running(process: subprocess.Popen, grace_seconds: float = 10.0) -> None:
    """Terminate a dbt process that outlived its step (the step failed while dbt still ran)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            process.kill()


def with_mart_metadata(
    context: dg.AssetExecutionContext, events: list[Any], warehouse: Path, first: dt.date, last: dt.date
) -> Iterator[Any]:
    """Add row counts for the run's months, and a preview of the indicators, to mart outputs."""
    with connect(warehouse, read_only=True) as con:
        for event in events:
            if not isinstance(event, dg.Output):
                yield event
                continue
            key = context.asset_key_for_output(event.output_name)
            if key.path[0] != "marts":
                yield event
                continue
            table = f"marts.{key.path[-1]}"
            yield event.with_metadata({**event.metadata, **mart_metadata(con, table, first, last)})


def mart_metadata(
    con: duckdb.DuckDBPyConnection, table: str, first: dt.date, last: dt.date
) -> dict[str, Any]:
    columns = {row[0] for row in con.execute(f"describe {table}").fetchall()}
    metadata: dict[str, Any] = {"rows_total": con.execute(f"select count(*) from {table}").fetchone()[0]}
    if "month" in columns:
        metadata["rows_in_run_months"] = con.execute(
            f"select count(*) from {table} where month between ? and ?", [first, last]
        ).fetchone()[0]
    if table == "marts.indicators_monthly":
        metadata["preview"] = dg.MetadataValue.md(indicators_preview(con, last))
    return metadata


def indicators_preview(con: duckdb.DuckDBPyConnection, month: dt.date) -> str:
    """The month's indicators as a markdown table (what the Dagster UI shows)."""
    rows = con.execute(
        "select channel, indicator, numerator, denominator, value from marts.indicators_monthly "
        "where month = ? order by channel, indicator",
        [month],
    ).fetchall()
    lines = [
        f"**{month:%Y-%m}**",
        "",
        "| channel | indicator | numerator | denominator | value |",
        "|---|---|---:|---:|---:|",
    ]
    for channel, indicator, numerator, denominator, value in rows:
        shown = f"{value:.4f}" if denominator is not None else f"{value:,.0f}"
        lines.append(
            f"| {channel} | {indicator} | {numerator:,} | {'' if denominator is None else f'{denominator:,}'} | {shown} |"
        )
    return "\n".join(lines)
