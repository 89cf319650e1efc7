"""dbt models as Dagster assets: staging, intermediate and marts, built for the run's months."""

import datetime as dt
import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from packaging import version

from pipelines.assets.ingestion import OWNERS
from pipelines.checks.suites import import_gx_in_background
from pipelines.config import PROJECT_ROOT
from pipelines.partitions import describe_months, run_month_range
from pipelines.resources import WarehouseResource
from pipelines.warehouse import connect

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
DBT_EXECUTABLE = Path(sys.executable).with_name("dbt")  # the project's virtual environment
_DBT_INPUTS = ("models", "macros", "tests", "seeds", "dbt_project.yml", "profiles.yml")


def dbt_environment(warehouse: Path, months: tuple[dt.date, dt.date] | None = None) -> dict[str, str]:
    """What every dbt process needs: the warehouse file, the months to build (empty: all
    months; see dbt_project/macros/month_range.sql), and no telemetry."""
    first, last = (month.isoformat() for month in months) if months else ("", "")
    return {
        "ANM_WAREHOUSE": str(warehouse),
        "ANM_MONTH_START": first,
        "ANM_MONTH_END": last,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def dbt_build_target() -> Path:
    """The one folder every build writes its artifacts to (DBT_TARGET_PATH, default
    dbt_project/target/run). dagster-dbt's default, a new folder per invocation, loses
    dbt's partial-parsing cache, so each build would parse the whole project again."""
    return Path(os.environ.get("DBT_TARGET_PATH") or DBT_PROJECT_DIR / "target" / "run")


class ProjectDbtCliResource(DbtCliResource):
    """dagster-dbt's resource, without two costs of each dbt step that buy us nothing.

    dagster-dbt runs `dbt --version` (1.4 s) to learn the CLI's version: ours is
    the dbt-core package of this environment, so read it there. It also loads a
    dbt adapter into this process (1.1 s), used only to fetch row counts and
    column metadata, which these assets do not ask for (they describe the marts
    themselves, see mart_metadata).
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        return None


def _newest_input_mtime() -> float:
    paths = [DBT_PROJECT_DIR / name for name in _DBT_INPUTS]
    files = [p for path in paths if path.exists() for p in ([path] if path.is_file() else path.rglob("*"))]
    return max((p.stat().st_mtime for p in files if p.is_file()), default=0.0)


def ensure_manifest(warehouse: Path) -> Path:
    """`dbt parse` when the manifest is missing or older than the project's files."""
    if not (MANIFEST.exists() and MANIFEST.stat().st_mtime >= _newest_input_mtime()):
        parse_project(warehouse, MANIFEST.parent)
    return MANIFEST


def parse_project(warehouse: Path, target: Path) -> None:
    """`dbt parse` into `target`: the manifest, and dbt's partial-parsing cache there."""
    subprocess.run(
        [
            str(DBT_EXECUTABLE),
            "parse",
            "--quiet",
            "--target-path",
            str(target),
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        check=True,
        env={**os.environ, **dbt_environment(warehouse)},
        cwd=DBT_PROJECT_DIR,
    )


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

        Not partitioned: one build per run, for the run's months (its partition
        tags), which reach dbt as ANM_MONTH_START/ANM_MONTH_END; monthly marts rebuild
        only those months, yearly marts are rebuilt from all months. A run without
        partitions (the marts materialised alone) rebuilds every month.
        """
        months = run_month_range(context.run.tags)
        path = warehouse.settings().working_warehouse
        os.environ.update(dbt_environment(path, months))  # dagster-dbt passes os.environ on
        context.log.info(f"dbt builds months {describe_months(months)}")
        # dbt holds the write lock while it runs: describe the marts once it is done
        invocation = dbt.cli(["build"], context=context, target_path=dbt_build_target())
        events: list[Any] = []
        try:
            for event in invocation.stream():
                if not events:  # dbt has started and parsed: import GX while it builds
                    import_gx_in_background()
                events.append(event)
        finally:
            stop_if_running(invocation.process)  # never leave a dbt holding the write lock
        yield from with_mart_metadata(context, events, path, months)

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
    context: dg.AssetExecutionContext,
    events: list[Any],
    warehouse: Path,
    months: tuple[dt.date, dt.date] | None,
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
            yield event.with_metadata({**event.metadata, **mart_metadata(con, table, months)})


def mart_metadata(
    con: duckdb.DuckDBPyConnection, table: str, months: tuple[dt.date, dt.date] | None
) -> dict[str, Any]:
    columns = {row[0] for row in con.execute(f"describe {table}").fetchall()}
    metadata: dict[str, Any] = {
        "months_built": describe_months(months),
        "rows_total": con.execute(f"select count(*) from {table}").fetchone()[0],
    }
    if "month" in columns and months is not None:
        metadata["rows_in_run_months"] = con.execute(
            f"select count(*) from {table} where month between ? and ?", list(months)
        ).fetchone()[0]
    if table == "marts.indicators_monthly":
        last = months[1] if months else con.execute(f"select max(month) from {table}").fetchone()[0]
        if last is not None:
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
