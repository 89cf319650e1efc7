"""The raw-files sensor: new, changed or removed files request the months they touch.

The cursor remembers, per file, its fingerprint and the months it touched, so
a removed file still requests its months (its rows must leave them). Reading
a changed file's months uses an in-memory DuckDB: the sensor never opens the
warehouse, so it never competes with a running writer.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.config import Settings
from pipelines.ingestion import files
from pipelines.ingestion.contract import RAW_SOURCES
from pipelines.ingestion.landing import file_months
from pipelines.ingestion.sql import register_macros
from pipelines.jobs import monthly_update_job
from pipelines.partitions import monthly_partitions

# Months are read from event times only; nothing is stored, so no real key is needed.
_NO_PII_STORED = "sensor-reads-event-times-only"


def raw_file_fingerprints(raw_dir: Path) -> dict[str, tuple[str, str]]:
    """{path relative to the raw folder: (source, fingerprint)} for every raw file."""
    found = {}
    for source in RAW_SOURCES:
        for path in files.discover(raw_dir / source.name):
            found[path.relative_to(raw_dir).as_posix()] = (source.name, files.fingerprint(path))
    return found


def months_of_files(raw_dir: Path, changed: dict[str, str]) -> dict[str, list[str]]:
    """{relative path: [month keys]} for the given {relative path: source} files."""
    sources = {s.name: s for s in RAW_SOURCES}
    result: dict[str, list[str]] = {}
    with duckdb.connect() as con, tempfile.TemporaryDirectory() as scratch:
        register_macros(con, _NO_PII_STORED)
        for relative, source in changed.items():
            try:
                months = file_months(con, sources[source], raw_dir / relative, Path(scratch))
            except (files.FileRejected, duckdb.Error, UnicodeError, OSError):
                months = []  # the landing step records why; nothing to request for it
            result[relative] = [m.isoformat() for m in months]
    return result


@dg.sensor(
    job=monthly_update_job,
    minimum_interval_seconds=120,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests a monthly_update run for every month touched by a new, changed or removed raw file.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    settings = Settings.from_env()
    previous: dict[str, list] = json.loads(context.cursor) if context.cursor else {}
    current = raw_file_fingerprints(settings.raw_dir)
    changed = {rel: source for rel, (source, fp) in current.items() if previous.get(rel, [None])[0] != fp}
    removed = [rel for rel in previous if rel not in current]
    if not changed and not removed:
        return dg.SkipReason("no raw file was added, changed or removed")
    new_months = months_of_files(settings.raw_dir, changed)
    touched = {m for rel in removed for m in previous[rel][1]}
    touched |= {m for rel in changed for m in new_months[rel]}
    touched |= {m for rel in changed if rel in previous for m in previous[rel][1]}
    valid = set(monthly_partitions.get_partition_keys())
    cursor = {
        rel: [fp, new_months.get(rel, previous.get(rel, [None, []])[1])] for rel, (_, fp) in current.items()
    }
    state = hashlib.sha256(json.dumps(cursor, sort_keys=True).encode()).hexdigest()[:12]
    run_requests = [
        dg.RunRequest(run_key=f"{month}:{state}", partition_key=month) for month in sorted(touched & valid)
    ]
    context.log.info(
        f"{len(changed)} file(s) new or changed, {len(removed)} removed: months {sorted(touched)}"
    )
    return dg.SensorResult(run_requests=run_requests, cursor=json.dumps(cursor, sort_keys=True))
