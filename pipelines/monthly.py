"""`make monthly`: bring the warehouse up to date through Dagster.

    python -m pipelines.monthly                 # every month present in the raw files, in one run
    python -m pipelines.monthly --month 2025-11 # that month only
    python -m pipelines.monthly --each-month    # every month, one run per month
    python -m pipelines.monthly --no-report     # marts only (also ANM_SKIP_REPORT=1)

First the `land_files` job lands new or changed raw files; then the
`process_months` job publishes the months, builds the marts, runs the checks,
writes the report and publishes the warehouse. Runs are recorded in the Dagster
instance ($DAGSTER_HOME), so they show in the UI's run history. Progress is
printed per asset as it happens; the summary gives rows loaded and rejected per
source and month. Exits 1 when a run or a blocking check fails, 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.config import Settings
from pipelines.ingestion.pii import MissingPIIKey, pii_key
from pipelines.instance import get_instance
from pipelines.partitions import RANGE_END_TAG, RANGE_START_TAG, describe_months, monthly_partitions
from pipelines.progress import failed_check_lines, output_to, run_with_progress
from pipelines.summary import print_summary
from pipelines.warehouse import connect

# the runner prints its own progress and failures; the full logs are in the UI and the log file
QUIET_LOGS: dict[str, Any] = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


class UsageError(ValueError):
    pass


def parse_month(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}", text or ""):
        raise UsageError(f"MONTH must look like YYYY-MM (e.g. 2025-11), got {text!r}")
    if not 1 <= int(text[5:]) <= 12:
        raise UsageError(f"MONTH {text!r} has no month {text[5:]}")
    month = dt.date(int(text[:4]), int(text[5:]), 1)
    keys = monthly_partitions.get_partition_keys()
    if month.isoformat() not in keys:
        raise UsageError(f"MONTH {text} is outside the partitions ({keys[0][:7]} to {keys[-1][:7]})")
    return month


class Runner:
    """Executes the project's jobs in this process against the shared Dagster instance."""

    def __init__(self, instance: dg.DagsterInstance, log: Path) -> None:
        self.instance = instance
        self.log = log

    def run(self, job_name: str, **kwargs: Any) -> dg.ExecuteInProcessResult:
        from pipelines.definitions import defs

        job = defs.resolve_job_def(job_name)
        terminal = sys.stdout
        with output_to(self.log):
            result = run_with_progress(
                lambda run_id: job.execute_in_process(
                    instance=self.instance,
                    run_config=QUIET_LOGS,
                    raise_on_error=False,
                    run_id=run_id,
                    **kwargs,
                ),
                self.instance,
                terminal,
            )
        if not result.success:
            for event in result.all_events:
                if event.is_step_failure and event.message:
                    print(f"    {event.message.splitlines()[0]}", file=sys.stderr)
            print(f"    full output: {self.log} (and run {result.run_id} in the UI)", file=sys.stderr)
        return result

    def process(self, first: dt.date, last: dt.date, with_report: bool = True) -> bool:
        """One run for the months first..last; True when it and its blocking checks succeeded."""
        label = describe_months((first, last))
        print(f"Processing {label} ...", flush=True)
        tick = time.monotonic()
        selection = {} if with_report else {"asset_selection": keys_without_report()}
        if first == last:
            result = self.run("process_months", partition_key=first.isoformat(), **selection)
        else:
            tags = {RANGE_START_TAG: first.isoformat(), RANGE_END_TAG: last.isoformat()}
            result = self.run("process_months", tags=tags, **selection)
        checks = result.get_asset_check_evaluations()
        failures = failed_check_lines(result)
        passed = sum(e.passed for e in checks)
        print(f"    checks: {passed} of {len(checks)} passed")
        for line in failures:
            print(f"    {line}", file=sys.stderr)
        ok = result.success and not failures
        print(f"    {'ok' if ok else 'FAILED'}: {label} in {time.monotonic() - tick:.1f}s", flush=True)
        return ok


def keys_without_report() -> list[dg.AssetKey]:
    from pipelines.assets.report import REPORT_KEY
    from pipelines.definitions import defs

    keys = defs.resolve_job_def("process_months").asset_layer.selected_asset_keys
    return sorted(key for key in keys if key != REPORT_KEY)


def skip_report_from_env() -> bool:
    return os.environ.get("ANM_SKIP_REPORT", "").strip().lower() in {"1", "true", "yes"}


def landed_months(settings: Settings) -> list[dt.date]:
    from pipelines.ingestion.publish import landed_months as months_in_landing

    with connect(settings.working_warehouse, read_only=True) as con:
        return months_in_landing(con)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--month", help="process only this month (YYYY-MM)")
    parser.add_argument("--each-month", action="store_true", help="one run per month instead of one run")
    parser.add_argument(
        "--no-report",
        action="store_true",
        default=skip_report_from_env(),
        help="build and publish the marts but write no report (default when ANM_SKIP_REPORT=1)",
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        only = parse_month(args.month) if args.month else None
        settings.check_paths()
        pii_key(settings)
    except (UsageError, FileNotFoundError, MissingPIIKey) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    instance = get_instance()
    log = Path(instance.root_directory) / "logs" / f"monthly-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    runner = Runner(instance, log)
    started = time.monotonic()
    run_started = dt.datetime.now().replace(microsecond=0)
    print(f"Landing raw files from {settings.raw_dir} ...", flush=True)
    if not runner.run("land_files").success:
        print("error: landing the raw files failed", file=sys.stderr)
        return 1
    months = [only] if only else landed_months(settings)
    if not months:
        print("No month to process: the raw folder holds no loadable rows.")
        return 0
    if args.each_month:
        failed = [m for m in months if not runner.process(m, m, not args.no_report)]
    else:
        failed = [] if runner.process(months[0], months[-1], not args.no_report) else months
    print_summary(settings, months, landed_since=run_started)
    print(f"\nDone in {time.monotonic() - started:.1f}s: {len(months)} month(s) processed.")
    if failed:
        print(
            f"error: {', '.join(f'{m:%Y-%m}' for m in failed)} failed (see above); "
            "the published warehouse was left as it was",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
