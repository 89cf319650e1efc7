"""Dagster: definitions load, the schedule and the sensor decide right, a month materialises."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import pytest
from anm_testing import TEST_KEY, DataSet

PROJECT = Path(__file__).resolve().parent.parent
CALLS = "id_llamada,linea,sentido,fecha_inicio,fecha_atencion,solucion_primer_contacto\n"


def test_definitions_load_with_the_dagster_cli(tmp_path: Path) -> None:
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "ANM_WAREHOUSE": str(tmp_path / "w.duckdb")}
    (tmp_path / "dagster.yaml").write_text((PROJECT / "dagster.yaml").read_text())
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("dagster")),
            "definitions",
            "validate",
            "-m",
            "pipelines.definitions",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "passed validation" in result.stderr + result.stdout


def test_the_definitions_hold_every_layer_jobs_schedule_and_sensor() -> None:
    from pipelines.definitions import defs

    groups = {spec.group_name for spec in defs.resolve_all_asset_specs()}
    assert {"reference", "landing", "raw", "staging", "intermediate", "marts"} <= groups
    assert {"land_files", "process_months", "monthly_update"} <= {
        job.name for job in defs.resolve_all_job_defs()
    }
    assert defs.resolve_schedule_def("previous_month_schedule").cron_schedule == "0 6 5 * *"
    assert defs.resolve_sensor_def("raw_files_sensor") is not None
    keys = {spec.key.to_user_string() for spec in defs.resolve_all_asset_specs()}
    assert {"raw/calls", "marts/indicators_monthly", "marts/indicators_yearly"} <= keys


@pytest.mark.parametrize(
    ("tick", "expected"),
    [
        (dt.datetime(2025, 12, 5, 6, 0), "2025-11-01"),
        (dt.datetime(2026, 1, 5, 6, 0), "2025-12-01"),
        (dt.datetime(2025, 3, 5, 6, 0), "2025-02-01"),
    ],
)
def test_the_schedule_processes_the_previous_month(tick: dt.datetime, expected: str) -> None:
    from pipelines.schedules import previous_month_schedule

    context = dg.build_schedule_context(
        scheduled_execution_time=tick.replace(tzinfo=ZoneInfo("America/Bogota"))
    )
    request = previous_month_schedule(context)
    assert request.partition_key == expected


def _evaluate(cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    from pipelines.sensors import raw_files_sensor

    with dg.instance_for_test() as instance:
        return raw_files_sensor(dg.build_sensor_context(cursor=cursor, instance=instance))


def test_the_sensor_requests_the_months_touched_by_new_changed_and_removed_files(
    dataset: DataSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANM_RAW_DIR", str(dataset.raw))
    dataset.write(
        "calls/a.csv",
        CALLS + "c1,bogota,entrante,2025-10-31 23:50,,\nc2,bogota,entrante,2025-11-02 10:00,,\n",
    )
    dataset.write(
        "whatsapp/w.jsonl", '{"conversation_id": "w1", "started_at": "2025-09-01T04:00:00+00:00"}\n'
    )
    first = _evaluate(None)
    assert sorted(r.partition_key for r in first.run_requests) == ["2025-08-01", "2025-10-01", "2025-11-01"]

    assert isinstance(_evaluate(first.cursor), dg.SkipReason)

    later = dataset.write(
        "emails/e.csv", "fecha,buzon,sentido,cantidad\n2025-12-01,contacto@anm.gov.co,entrada,4\n"
    )
    os.utime(later, (1_800_000_000, 1_800_000_000))
    second = _evaluate(first.cursor)
    assert [r.partition_key for r in second.run_requests] == ["2025-12-01"]

    (dataset.raw / "calls" / "a.csv").unlink()
    third = _evaluate(second.cursor)
    assert sorted(r.partition_key for r in third.run_requests) == ["2025-10-01", "2025-11-01"]


def test_one_month_materialises_in_process_through_dagster(
    dataset: DataSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.assets.ingestion import landed_raw_files, raw_assets, reference_tables
    from pipelines.resources import WarehouseResource

    monkeypatch.setenv("ANM_PII_KEY", TEST_KEY)
    dataset.write("calls/a.csv", CALLS + "c1,bogota,entrante,2025-11-03 10:00,2025-11-03 10:01,SI\n")
    dataset.write("calls/b.csv", CALLS + "c2,bogota,entrante,2025-10-03 10:00,2025-10-03 10:01,SI\n")
    resource = WarehouseResource(
        raw_dir=str(dataset.raw),
        reference_dir=str(dataset.reference),
        warehouse=str(dataset.warehouse),
        reports_dir=str(dataset.root / "reports"),
    )
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [reference_tables, landed_raw_files, *raw_assets],
            partition_key="2025-11-01",
            resources={"warehouse": resource},
            instance=instance,
        )
    assert result.success
    materialised = {
        e.step_materialization_data.materialization.asset_key.to_user_string()
        for e in result.get_asset_materialization_events()
    }
    assert {"landing/raw_files", "raw/calls", "reference/puntos_atencion"} <= materialised
    assert dataset.query("select id_llamada, month from raw.calls") == [("c1", dt.date(2025, 11, 1))]


def test_every_asset_says_what_it_holds_who_owns_it_and_where_it_belongs() -> None:
    from pipelines.definitions import defs

    for spec in defs.resolve_all_asset_specs():
        name = spec.key.to_user_string()
        if name.split("/")[0] in {"audit"}:
            continue
        assert spec.description, f"{name} has no description"
        assert spec.owners == ["team:gapcc-datos"], name
        assert spec.group_name and spec.group_name != "default", name
        assert spec.kinds, f"{name} has no kinds"


def test_the_monthly_update_job_runs_a_month_end_to_end_on_a_fresh_warehouse(dataset: DataSet) -> None:
    """The job the schedule and the sensor launch: landing, raw, dbt, checks, publish, report."""
    from anm_testing import agency_env, write_agency

    write_agency(dataset)
    script = (
        "from pipelines.instance import get_instance\n"
        "from pipelines.definitions import defs\n"
        "result = defs.resolve_job_def('monthly_update').execute_in_process(\n"
        "    instance=get_instance(), partition_key='2019-03-01', raise_on_error=False)\n"
        "raise SystemExit(0 if result.success else 1)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=agency_env(dataset),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (dataset.root / "reports" / "2019-03" / "informe.html").exists()
    with duckdb.connect(str(dataset.warehouse), read_only=True) as con:
        assert con.execute(
            "select numerator from marts.indicators_monthly "
            "where month = '2019-03-01' and channel = 'total' and indicator = 'interactions'"
        ).fetchone() == (29,)


def test_a_dbt_process_that_outlives_its_failed_step_is_stopped() -> None:
    """A dbt left running would hold the warehouse's write lock and stall the next run."""
    from pipelines.assets.dbt import stop_if_running

    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    stop_if_running(process, grace_seconds=5)
    assert process.poll() is not None


def test_months_are_partitions_of_raw_and_report_while_dbt_builds_once_per_run() -> None:
    """A run over five years records one materialisation per dbt model, not one per model and month."""
    from pipelines.definitions import defs
    from pipelines.partitions import monthly_partitions

    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    for name in ("raw/calls", "raw/encuestas", "report/informe"):
        assert specs[name].partitions_def == monthly_partitions, name
    for name in ("marts/indicators_monthly", "staging/stg_raw__calls", "warehouse/published"):
        assert specs[name].partitions_def is None, name


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"dagster/partition": "2025-11-01"}, (dt.date(2025, 11, 1), dt.date(2025, 11, 1))),
        (
            {
                "dagster/asset_partition_range_start": "2021-01-01",
                "dagster/asset_partition_range_end": "2025-12-01",
            },
            (dt.date(2021, 1, 1), dt.date(2025, 12, 1)),
        ),
        ({}, None),  # the marts materialised alone: every month
    ],
)
def test_the_run_tags_decide_the_months_dbt_builds(tags: dict, expected: tuple | None) -> None:
    from pipelines.assets.dbt import dbt_environment
    from pipelines.partitions import run_month_range

    months = run_month_range(tags)
    assert months == expected
    env = dbt_environment(Path("w.duckdb"), months)
    assert (env["ANM_MONTH_START"], env["ANM_MONTH_END"]) == (
        tuple(m.isoformat() for m in expected) if expected else ("", "")
    )


def test_the_dbt_resource_knows_the_dbt_version_without_asking_the_cli() -> None:
    from pipelines.definitions import defs

    resource = defs.resources["dbt"]
    reported = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"installed: {resource._cli_version}" in reported


def test_no_report_builds_and_publishes_the_marts_but_writes_no_report(dataset: DataSet) -> None:
    from anm_testing import monthly, write_agency

    write_agency(dataset)
    run = monthly(dataset, "--month", "2019-03", "--no-report")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "report/informe" not in run.stdout
    assert not (dataset.root / "reports" / "2019-03").exists()
    with duckdb.connect(str(dataset.warehouse), read_only=True) as con:
        assert con.execute(
            "select numerator from marts.indicators_monthly "
            "where month = '2019-03-01' and channel = 'total' and indicator = 'interactions'"
        ).fetchone() == (29,)
