"""Reference files edited by the team: points of attention, published figures, tally codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.ingestion import files
from pipelines.ingestion.contract import REFERENCE_SOURCES, Source
from pipelines.ingestion.landing import (
    FileResult,
    landing_ddl,
    mask_digits,
    read_and_check,
    record_file,
    store_checked_rows,
)

# The project's catalogue of team-tally codes, used when the reference folder
# does not bring its own indicadores_gestion.csv.
DEFAULT_CATALOGUE = Path(__file__).with_name("indicadores_gestion.csv")


def reference_path(reference_dir: Path, source: Source) -> Path:
    path = reference_dir / f"{source.name}.csv"
    if not path.exists() and source.name == "indicadores_gestion":
        return DEFAULT_CATALOGUE
    return path


def load_reference(con: duckdb.DuckDBPyConnection, source: Source, path: Path, scratch: Path) -> FileResult:
    """Replace reference.<name> with the file's good rows (last copy of a key wins)."""
    label, table = f"reference/{source.name}", f"reference.{source.name}"
    file = path.name
    loaded_at = dt.datetime.now().replace(microsecond=0)
    con.execute(landing_ddl(source, table))
    con.execute("create or replace temp table reference_rows as select * from " + table + " limit 0")
    key = ", ".join(f'"{k}"' for k in source.key)
    encoding, problem = None, None
    if not path.exists():
        status, problem = "missing", f"{path}: reference file not found"
    else:
        try:  # parsing only writes temp tables, so it runs before the transaction
            encoding = read_and_check(con, source, path, scratch)
            status = "loaded"
        except (files.FileRejected, duckdb.Error, UnicodeError, OSError) as exc:
            status, problem = "rejected", f"{path.name}: {mask_digits(str(exc).splitlines()[0])}"
    con.execute("begin transaction")
    try:
        con.execute("delete from audit.rejected_rows where source = ?", [label])
        con.execute("delete from audit.file_loads where source = ?", [label])
        con.execute(f"delete from {table}")
        if status == "loaded":
            loaded, rejected = store_checked_rows(con, source, "reference_rows", label, file, loaded_at)
            con.execute(
                f"insert into {table} select * exclude (__copy) from ("
                f"select *, row_number() over (partition by {key} order by source_row desc) as __copy "
                f"from reference_rows) where __copy = 1"
            )
            result = FileResult(label, file, status, None, loaded + rejected, loaded, rejected)
        else:
            result = FileResult(label, file, status, problem)
        fingerprint = files.fingerprint(path) if path.exists() else ""
        record_file(con, label, file, fingerprint, encoding, result, loaded_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result


def load_references(con: duckdb.DuckDBPyConnection, reference_dir: Path, scratch: Path) -> list[FileResult]:
    return [
        load_reference(con, source, reference_path(reference_dir, source), scratch)
        for source in REFERENCE_SOURCES
    ]
