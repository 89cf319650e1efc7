"""What `make monthly` prints while a Dagster run goes on, and after it."""

from __future__ import annotations

import contextlib
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import dagster as dg
from dagster._core.events import DagsterEventType

_POLL_SECONDS = 0.5
_WATCHED = {DagsterEventType.ASSET_MATERIALIZATION, DagsterEventType.ASSET_CHECK_EVALUATION}


def describe(event: dg.EventLogEntry) -> str | None:
    """One line for a materialisation (with its rows) or a failed check; None for the rest."""
    dagster_event = event.dagster_event
    if dagster_event is None:
        return None
    if dagster_event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
        materialization = dagster_event.step_materialization_data.materialization
        metadata = materialization.metadata
        name = materialization.asset_key.to_user_string()
        if "files_landed" in metadata:
            return (
                f"{name}: {metadata['files_landed'].value} file(s) landed, "
                f"{metadata['files_unchanged'].value} unchanged, {metadata['files_rejected'].value} rejected, "
                f"{metadata['files_removed'].value} removed"
            )
        for key in ("rows", "rows_loaded", "rows_in_run_months"):
            if key in metadata:
                return f"{name}: {metadata[key].value:,} rows"
        return name
    evaluation = dagster_event.event_specific_data
    if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
        return f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()}: FAILED"
    return None


def run_with_progress(
    execute: Callable[[str], dg.ExecuteInProcessResult],
    instance: dg.DagsterInstance,
    out: TextIO,
) -> dg.ExecuteInProcessResult:
    """Execute a run in a thread and print its materialisations as they happen."""
    run_id = str(uuid.uuid4())
    results: list[dg.ExecuteInProcessResult] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(execute(run_id))
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    worker = threading.Thread(target=target, name=f"dagster-run-{run_id[:8]}")
    worker.start()
    cursor = None
    shown: set[str] = set()  # a range run materialises each asset once per month: say it once
    while True:
        alive = worker.is_alive()
        connection = instance.get_records_for_run(run_id, cursor=cursor, of_type=_WATCHED)
        cursor = connection.cursor
        for record in connection.records:
            line = describe(record.event_log_entry)
            if line and line not in shown:
                shown.add(line)
                print(f"    {line}", file=out, flush=True)
        if not alive:
            break
        worker.join(_POLL_SECONDS)
    if errors:
        raise errors[0]
    return results[0]


def failed_check_lines(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line per failing row of every failed ERROR check: month, channel, expected and computed."""
    lines = []
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.passed or evaluation.severity != dg.AssetCheckSeverity.ERROR:
            continue
        lines.append(f"check {evaluation.check_name} FAILED on {evaluation.asset_key.to_user_string()}")
        failures = evaluation.metadata.get("failures_json")
        expected = "published" if evaluation.check_name == "published_figures_reconcile" else "expected"
        for row in failures.value if failures is not None else []:
            lines.append(
                f"  {row.get('month')} {row.get('channel')} {row.get('figure')}: "
                f"{expected} {row.get('expected')}, computed {row.get('computed')}"
            )
    return lines


@contextlib.contextmanager
def output_to(log: Path) -> Any:
    """Send what the run prints (dbt's log lines) to `log`; the terminal keeps the progress."""
    with log.open("a", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        yield sys.__stdout__
