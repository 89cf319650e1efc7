"""Runs that are killed, re-run, or read while they write; bad command-line input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pytest
from anm_testing import (
    PROJECT,
    PUBLISHED,
    DataSet,
    agency_env,
    monthly,
    published_state,
    run_monthly,
    write_agency,
)


@pytest.fixture
def agency(dataset: DataSet) -> DataSet:
    write_agency(dataset)
    first = monthly(dataset)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    return dataset


def test_re_running_everything_on_unchanged_input_leaves_the_marts_identical(agency: DataSet) -> None:
    before = published_state(agency)
    again = monthly(agency)
    assert again.returncode == 0, again.stderr[-2000:]
    assert published_state(agency) == before
    one = monthly(agency, "--month", "2019-03")
    assert one.returncode == 0, one.stderr[-2000:]
    assert published_state(agency) == before


# killed while landing, and while dbt builds (it starts once the last raw table is published)
@pytest.mark.parametrize("kill_after", ["Landing raw files", "raw/whatsapp"])
def test_a_killed_run_leaves_the_published_marts_and_the_next_run_completes(
    agency: DataSet, kill_after: str
) -> None:
    before = published_state(agency)
    # a change, so the killed run has real work to do
    agency.write(
        "calls/mayo.csv",
        "id_llamada,linea,sentido,fecha_inicio,fecha_atencion,solucion_primer_contacto\n"
        "c9,bogota,entrante,2019-04-20 10:00,2019-04-20 10:01,SI\n",
    )
    agency.write_reference(
        "cifras_publicadas.csv", PUBLISHED.replace("2019,4,telefonico,1", "2019,4,telefonico,2")
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.monthly"],
        cwd=PROJECT,
        env=agency_env(agency),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if kill_after in line:
            break
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert published_state(agency) == before

    after = monthly(agency)
    assert after.returncode == 0, after.stdout[-2000:] + after.stderr[-2000:]
    with duckdb.connect(str(agency.warehouse), read_only=True) as con:
        april = con.execute(
            "select numerator from marts.indicators_monthly "
            "where month = '2019-04-01' and channel = 'telefonico' and indicator = 'interactions'"
        ).fetchone()
    assert april == (2,)


def test_readers_never_get_a_lock_error_nor_a_half_processed_month_during_a_run(agency: DataSet) -> None:
    agency.write(
        "calls/mayo.csv",
        "id_llamada,linea,sentido,fecha_inicio,fecha_atencion,solucion_primer_contacto\n"
        "c9,bogota,entrante,2019-03-20 10:00,2019-03-20 10:01,SI\n",
    )
    agency.write_reference(
        "cifras_publicadas.csv", PUBLISHED.replace("2019,3,telefonico,4", "2019,3,telefonico,5")
    )
    errors: list[str] = []
    totals: set[tuple] = set()
    stop = threading.Event()

    def read_continuously() -> None:
        while not stop.is_set():
            try:
                with duckdb.connect(str(agency.warehouse), read_only=True) as con:
                    totals.add(
                        con.execute(
                            "select sum(numerator) filter (where channel = 'total'), "
                            "sum(numerator) filter (where channel in ('presencial', 'telefonico', 'virtual')) "
                            "from marts.indicators_monthly where indicator = 'interactions'"
                        ).fetchone()
                    )
            except duckdb.Error as exc:  # a lock error or a torn file would land here
                errors.append(str(exc))
            time.sleep(0.05)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        run = monthly(agency)
    finally:
        stop.set()
        reader.join()
    assert run.returncode == 0, run.stderr[-2000:]
    assert errors == []
    # every read saw a consistent warehouse: the total equals the sum of its channels
    assert all(total == parts for total, parts in totals)
    assert {total for total, _ in totals} <= {36, 37}
    assert (37, 37) in totals or published_state(agency)


def test_a_malformed_or_out_of_range_month_is_a_one_line_error(dataset: DataSet) -> None:
    for month, message in [
        ("2025-13", "has no month"),
        ("noviembre", "YYYY-MM"),
        ("2014-12", "outside the partitions"),
    ]:
        result = monthly(dataset, "--month", month)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0]


def test_paths_from_the_environment_are_checked_before_any_work(dataset: DataSet) -> None:
    env = {**agency_env(dataset), "ANM_RAW_DIR": str(dataset.root / "no-such-folder")}
    result = run_monthly(env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: ANM_RAW_DIR: {dataset.root / 'no-such-folder'} is not a folder"
    ]
    assert not dataset.warehouse.exists()


def test_data_other_than_the_sample_without_a_pii_key_is_a_one_line_error(dataset: DataSet) -> None:
    env = {**agency_env(dataset)}
    env.pop("ANM_PII_KEY")
    result = run_monthly(env, timeout=120)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "ANM_PII_KEY is not set" in line
    assert not dataset.settings.working_warehouse.exists()
