"""Entry points the Dagster assets call: load references, land files, publish months."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from pipelines.config import Settings
from pipelines.ingestion.contract import RAW_SOURCES, Source
from pipelines.ingestion.landing import FileResult, ensure_audit_tables, land_source
from pipelines.ingestion.pii import pii_key
from pipelines.ingestion.publish import create_superseded_view, publish_months
from pipelines.ingestion.reference import load_references
from pipelines.ingestion.sql import register_macros
from pipelines.warehouse import connect, prepare_working_copy

SOURCES_BY_NAME: dict[str, Source] = {s.name: s for s in RAW_SOURCES}


def refresh_references(settings: Settings) -> list[FileResult]:
    prepare_working_copy(settings.warehouse, settings.working_warehouse)
    with connect(settings.working_warehouse) as con, tempfile.TemporaryDirectory() as scratch:
        ensure_audit_tables(con)
        register_macros(con, pii_key(settings))
        return load_references(con, settings.reference_dir, Path(scratch))


def land_raw_files(settings: Settings) -> list[FileResult]:
    """Land every new or changed raw file of every source; forget removed ones."""
    key = pii_key(settings)
    results: list[FileResult] = []
    prepare_working_copy(settings.warehouse, settings.working_warehouse)
    with connect(settings.working_warehouse) as con, tempfile.TemporaryDirectory() as scratch:
        ensure_audit_tables(con)
        register_macros(con, key)
        for source in RAW_SOURCES:
            results.extend(land_source(con, source, settings.raw_dir, Path(scratch), key))
        create_superseded_view(con)
    return results


def publish_source(settings: Settings, source: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    with connect(settings.working_warehouse) as con:
        ensure_audit_tables(con)
        return publish_months(con, SOURCES_BY_NAME[source], first, last)


def rejected_per_month(settings: Settings, source: str, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Bad rows set aside for the source whose event time falls in first..last."""
    with connect(settings.working_warehouse, read_only=True) as con:
        rows = con.execute(
            "select month, count(*) from audit.rejected_rows where source = ? and month between ? and ? "
            "group by month order by month",
            [source, first, last],
        ).fetchall()
    return dict(rows)
