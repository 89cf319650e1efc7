"""The end-of-run summary: rows loaded and rejected per source and month, rejected files."""

from __future__ import annotations

import datetime as dt

from pipelines.config import Settings
from pipelines.ingestion.contract import RAW_SOURCES
from pipelines.warehouse import connect


def print_summary(settings: Settings, months: list[dt.date], landed_since: dt.datetime | None = None) -> None:
    if not months:
        print("\nNo month to process: the raw folder holds no loadable rows.")
        return
    first, last = min(months), max(months)
    with connect(settings.working_warehouse, read_only=True) as con:
        loaded_sql = " union all ".join(
            f"select '{s.name}' as source, month, count(*) as n from raw.{s.name} "
            f"where month between $first and $last group by all"
            for s in RAW_SOURCES
        )
        loaded = dict(
            ((source, month), n)
            for source, month, n in con.execute(loaded_sql, {"first": first, "last": last}).fetchall()
        )
        rejected = dict(
            ((source, month), n)
            for source, month, n in con.execute(
                "select source, month, count(*) from audit.rejected_rows "
                "where month between $first and $last or month is null group by all",
                {"first": first, "last": last},
            ).fetchall()
        )
        files = con.execute(
            "select source, file, status, message from audit.file_loads "
            "where status in ('rejected', 'missing') order by source, file"
        ).fetchall()
        landed = con.execute(
            "select file, encoding, rows_read, rows_loaded, rows_rejected from audit.file_loads "
            "where status = 'loaded' and loaded_at >= ? and source not like 'reference/%' order by file",
            [landed_since or dt.datetime.min],
        ).fetchall()
    if landed:
        print(f"\nFiles landed in this run: {len(landed)} (rows read = loaded + rejected)")
        for file, encoding, read, loaded_rows, rejected_rows in landed:
            print(f"  {file} [{encoding}]: {read:,} = {loaded_rows:,} + {rejected_rows:,}")
    print("\nRows loaded / rejected per source and month")
    names = [s.name for s in RAW_SOURCES]
    print("month     " + "".join(f"{n:>20}" for n in names))
    for month in months:
        cells = [f"{loaded.get((n, month), 0):>11,} / {rejected.get((n, month), 0):<6,}" for n in names]
        print(f"{month:%Y-%m}   " + "".join(f"{c:>20}" for c in cells))
    unknown = {source: n for (source, month), n in rejected.items() if month is None}
    if unknown:
        print(
            "rejected rows with no readable date (month unknown): "
            + ", ".join(f"{s} {n}" for s, n in sorted(unknown.items()))
        )
    reference = {source: n for (source, month), n in rejected.items() if source.startswith("reference/")}
    if reference:
        print(
            "rejected rows in reference files: " + ", ".join(f"{s} {n}" for s, n in sorted(reference.items()))
        )
    if files:
        print("\nRejected files")
        for source, _file, status, message in files:
            print(f"  [{source}] {status}: {message}")
    print("Details: audit.rejected_rows and audit.file_loads in the warehouse.")
