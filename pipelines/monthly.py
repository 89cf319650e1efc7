"""`make monthly`: bring the warehouse up to date through Dagster, month by month.

    python -m pipelines.monthly              # every month present in the raw files
    python -m pipelines.monthly --month 2025-11

Runs are recorded in the Dagster instance ($DAGSTER_HOME), so they show in
the UI's run history. Exits non-zero when a run fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.config import Settings
from pipelines.instance import get_instance
from pipelines.summary import print_summary
from pipelines.warehouse import connect

# the runner prints its own progress and failures; the full logs are in the UI and the log file
QUIET_LOGS: dict[str, Any] = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


class UsageError(ValueError):
    pass


def parse_month(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}", text or ""):
        raise UsageError(f"MONTH must look like YYYY-MM (e.g. 2025-11), got {text!r}")
    month = dt.date(int(text[:4]), int(text[5:]), 1) if 1 <= int(text[5:]) <= 12 else None
    if month is None:
        raise UsageError(f"MONTH {text!r} has no month {text[5:]}")
    from pipelines.partitions import monthly_partitions

    keys = monthly_partitions.get_partition_keys()
    if month.isoformat() not in keys:
        raise UsageError(f"MONTH {text} is outside the partitions ({keys[0][:7]} to {keys[-1][:7]})")
    return month


def _materialised(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line for the raw tables published (with rows), one for the dbt models built."""
    raw, built = [], 0
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        path = materialization.asset_key.path
        if path[0] == "raw" and "rows" in materialization.metadata:
            raw.append(f"{path[-1]} {materialization.metadata['rows'].value:,}")
        else:
            built += 1
    lines = [f"raw rows: {', '.join(raw)}"] if raw else []
    if built:
        lines.append(f"dbt models built: {built}")
    return lines


def _failed_checks(result: dg.ExecuteInProcessResult) -> list[str]:
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


def _run(job_name: str, instance: dg.DagsterInstance, log: Path, **kwargs: Any) -> dg.ExecuteInProcessResult:
    """Execute a job in this process; what dbt prints goes to `log`, not the terminal."""
    from pipelines.definitions import defs

    job = defs.resolve_job_def(job_name)
    with log.open("a", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        result = job.execute_in_process(
            instance=instance, run_config=QUIET_LOGS, raise_on_error=False, **kwargs
        )
    if not result.success:
        for event in result.all_events:
            if event.is_failure and event.message:
                print(f"    {event.message.splitlines()[0]}", file=sys.stderr)
        print(f"    full output: {log}", file=sys.stderr)
    return result


def _landed_months(settings: Settings) -> list[dt.date]:
    from pipelines.ingestion.publish import landed_months

    with connect(settings.working_warehouse, read_only=True) as con:
        return landed_months(con)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--month", help="process only this month (YYYY-MM)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        only = parse_month(args.month) if args.month else None
        settings.check_paths()
    except (UsageError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    instance = get_instance()
    log = Path(instance.root_directory) / "logs" / f"monthly-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    print(f"Landing raw files from {settings.raw_dir} ...", flush=True)
    landing = _run("land_files", instance, log)
    if not landing.success:
        print("error: landing the raw files failed; see the run in the Dagster UI", file=sys.stderr)
        return 1
    months = [only] if only else _landed_months(settings)
    failed: list[str] = []
    for index, month in enumerate(months, start=1):
        tick = time.monotonic()
        print(f"[{index}/{len(months)}] {month:%Y-%m} ...", flush=True)
        result = _run("process_months", instance, log, partition_key=month.isoformat())
        for line in _materialised(result):
            print(f"    {line}")
        checks = result.get_asset_check_evaluations()
        failed_checks = _failed_checks(result)
        if checks:
            print(f"    checks: {len(checks) - sum(not e.passed for e in checks)} of {len(checks)} passed")
        for line in failed_checks:
            print(f"    {line}", file=sys.stderr)
        ok = result.success and not failed_checks
        print(
            f"    {'ok' if ok else 'FAILED'} in {time.monotonic() - tick:.1f}s (run {result.run_id})",
            flush=True,
        )
        if not ok:
            failed.append(month.strftime("%Y-%m"))
    print_summary(settings, months)
    print(f"\nDone in {time.monotonic() - started:.1f}s: {len(months)} month(s) processed.")
    if failed:
        print(
            f"error: {', '.join(failed)} failed (see above); the published warehouse was left as it was",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
