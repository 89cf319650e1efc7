"""Landing: every raw file parsed, typed, checked and pseudonymised, once.

A file's rows land in `landing.<source>` (good rows, PII already hashed) and
`audit.rejected_rows` (bad rows, with the reason), and the file is recorded in
`audit.file_loads` with its fingerprint. A later run lands only the files that
are new or changed, and forgets the files that were removed, so re-running
costs what changed, not what exists.

Each new or changed file is parsed into a table of its own, in an in-memory
database, outside any transaction: a DuckDB error aborts the transaction it
happens in, and a file DuckDB cannot read must only reject that file. Files are
parsed several at a time, one connection each, because one file's statements
use a single DuckDB thread. Then one transaction per source forgets the changed
and removed files, stores every parsed file's rows and records every file: at
scale, committing once per file cost more than typing the rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb

from pipelines.ingestion import files
from pipelines.ingestion.contract import REFERENCE_SOURCES, Source
from pipelines.ingestion.sql import (
    RAW_PREFIX,
    reason_expressions,
    register_macros,
    typed_expression,
    warehouse_type,
)

# The parsed files of a source wait here for its transaction: an in-memory database
# attached while the source lands, visible to every connection of the process.
PARSED_DB = "landing_parsed"
# Bump when parsing or checking rules change: every file is landed again.
PARSER_VERSION = "2"
_EXTRA_FIELDS = 4  # spare columns that catch rows with more fields than the header
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")


@dataclass(frozen=True)
class FileResult:
    source: str
    file: str
    status: str  # loaded | unchanged | rejected | removed
    message: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


LINEAGE_COLUMNS = ("month date", "source_file varchar", "source_row bigint", "loaded_at timestamp")


def landing_ddl(source: Source, table: str) -> str:
    columns = [f'"{c.output_name}" {warehouse_type(c)}' for c in source.columns]
    return f"create table if not exists {table} ({', '.join([*columns, *LINEAGE_COLUMNS])})"


def ensure_audit_tables(con: duckdb.DuckDBPyConnection) -> None:
    for schema in ("landing", "raw", "reference", "audit"):
        con.execute(f"create schema if not exists {schema}")
    con.execute(
        "create table if not exists audit.rejected_rows (source varchar, file varchar, "
        "row_number bigint, reason varchar, record varchar, month date, loaded_at timestamp)"
    )
    con.execute(
        "create table if not exists audit.file_loads (source varchar, file varchar, "
        "fingerprint varchar, status varchar, message varchar, encoding varchar, "
        "rows_read bigint, rows_loaded bigint, rows_rejected bigint, loaded_at timestamp)"
    )


def _text(expression: str) -> str:
    return f"anm_text({expression})"


def _read_delimited(con: duckdb.DuckDBPyConnection, source: Source, path: Path, scratch: Path) -> str:
    """Create temp table `file_rows` from a CSV or workbook; return the encoding."""
    if path.suffix.lower() == ".xlsx":
        layout = files.workbook_layout(path, scratch, source.required_in_file)
    else:
        layout = files.csv_layout(path, scratch)
    missing = [c for c in source.required_in_file if c not in layout.header]
    if missing:
        raise files.FileRejected(
            f"missing required column {', '.join(repr(m) for m in missing)} "
            f"(columns found: {', '.join(layout.header)})"
        )
    positional = [f"c{i}" for i in range(len(layout.header) + _EXTRA_FIELDS)]
    first_position = {}
    for i, name in enumerate(layout.header):
        first_position.setdefault(name, f"c{i}")
    column_types = ", ".join(f"'{p}': 'VARCHAR'" for p in positional)
    extras = positional[len(layout.header) :]
    contract_columns = [
        f'{_text(first_position[c.name]) if c.name in first_position else "null"} as "{c.name}"'
        for c in source.columns
    ]
    if layout.row_column:
        row_number = f"cast({first_position[files.ROW_COLUMN]} as bigint)"
    else:
        row_number = "row_number() over () + 1"  # the header is row 1
    delimiter = layout.delimiter.replace("'", "''")
    con.execute(
        f"""
        create or replace temp table file_rows as
        select
            {", ".join(contract_columns)},
            {row_number} as source_row,
            case when coalesce({", ".join(extras)}) is not null
                then 'the row has more fields than the header' end as __structural_error,
            null::varchar as __raw_line
        from read_csv(?, header = false, skip = 1, auto_detect = false,
                      columns = {{{column_types}}}, delim = '{delimiter}', quote = '"',
                      escape = '"', null_padding = true, parallel = false,
                      strict_mode = false)
        where coalesce({", ".join(_text(p) for p in positional)}) is not null
        """,
        [str(layout.path)],
    )
    return layout.encoding


def _read_json_lines(con: duckdb.DuckDBPyConnection, source: Source, path: Path, scratch: Path) -> str:
    """Create temp table `file_rows` from JSON Lines; return the encoding."""
    readable, encoding = files.as_utf8(path, scratch)
    fields = ", ".join(
        f"""{_text(f"json_extract_string(__object, '$.{c.name}')")} as "{c.name}\"""" for c in source.columns
    )
    con.execute(
        f"""
        create or replace temp table file_rows as
        with lines as (
            select unnest(lines) as line, generate_subscripts(lines, 1) as source_row
            from (select string_split(replace(content, chr(13), ''), chr(10)) as lines
                  from read_text(?))
        ),
        checked as (
            select line, source_row,
                   coalesce(json_type(case when json_valid(line) then line else 'null' end) = 'OBJECT', false)
                       as __valid
            from lines
            where trim(line) <> ''
        ),
        objects as (
            -- invalid lines are swapped for an empty object: DuckDB may evaluate
            -- json functions on every row before a case expression discards them
            select *, case when __valid then line else '{{}}' end as __object from checked
        )
        select {fields}, source_row,
               case when not __valid then 'the line is not a JSON object' end as __structural_error,
               line as __raw_line
        from objects
        """,
        [str(readable)],
    )
    return encoding


def mask_digits(text: str) -> str:
    """Hide long digit runs (phones, document numbers) in text that may quote a record."""
    return re.sub(r"[0-9]{6,}", "######", text)


def _masked_record(source: Source) -> str:
    """The record as JSON text, PII replaced by its hash; unparseable lines with digits masked."""
    fields = ", ".join(
        f'"{c.name}" := ' + (f'checked."{c.name}"' if c.is_pii else f'checked."{RAW_PREFIX}{c.name}"')
        for c in source.columns
    )
    return (
        "case when __raw_line is not null and __structural_error is not null "
        "then regexp_replace(__raw_line, '[0-9]{6,}', '######', 'g') "
        f"else to_json(struct_pack({fields}))::varchar end"
    )


def _check_rows(con: duckdb.DuckDBPyConnection, source: Source, into: str | None = None) -> None:
    """Type `file_rows` into table `into` (default: temp table `checked`), with `__reason` ('' = good)."""
    typed_columns = ", ".join(f'{typed_expression(c)} as "{c.name}"' for c in source.columns)
    raw_columns = ", ".join(f'v."{c.name}" as "{RAW_PREFIX}{c.name}"' for c in source.columns)
    reasons = ", ".join(reason_expressions(source))
    con.execute(
        f"""
        create or replace {"temp table checked" if into is None else f"table {into}"} as
        select typed.*, coalesce(__structural_error, concat_ws('; ', {reasons})) as __reason
        from (
            select v.source_row, v.__structural_error, v.__raw_line, {typed_columns}, {raw_columns}
            from file_rows v
        ) typed
        """
    )


def _month_of(source: Source) -> str:
    return f"date_trunc('month', \"{source.event_time}\")::date" if source.event_time else "null::date"


def _store_rows(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    rows: str,
    table: str,
    label: str,
    file: str,
    loaded_at: dt.datetime,
) -> None:
    """Append the good rows of table `rows` (one file's checked rows) to `table`
    and the bad ones to audit.rejected_rows."""
    outputs = ", ".join(f'"{c.name}" as "{c.output_name}"' for c in source.columns)
    con.execute(
        f"insert into {table} by name select {outputs}, {_month_of(source)} as month, "
        f"? as source_file, source_row, ? as loaded_at from {rows} checked where __reason = ''",
        [file, loaded_at],
    )
    con.execute(
        f"insert into audit.rejected_rows by name select ? as source, ? as file, "
        f"source_row as row_number, __reason as reason, {_masked_record(source)} as record, "
        f"{_month_of(source)} as month, ? as loaded_at from {rows} checked where __reason <> ''",
        [label, file, loaded_at],
    )


def _count_rows(con: duckdb.DuckDBPyConnection, rows: str) -> tuple[int, int]:
    """The good and bad rows in table `rows` (one file's checked rows)."""
    loaded, rejected = con.execute(
        f"select count(*) filter (where __reason = ''), count(*) filter (where __reason <> '') from {rows}"
    ).fetchone()
    return loaded, rejected


def store_checked_rows(
    con: duckdb.DuckDBPyConnection, source: Source, table: str, label: str, file: str, loaded_at: dt.datetime
) -> tuple[int, int]:
    """Append good rows of `checked` to `table` and bad ones to audit.rejected_rows; return both counts."""
    _store_rows(con, source, "checked", table, label, file, loaded_at)
    return _count_rows(con, "checked")


def read_and_check(
    con: duckdb.DuckDBPyConnection, source: Source, path: Path, scratch: Path, into: str | None = None
) -> str:
    """Parse one file into table `into` (default: temp table `checked`); return its encoding.

    Raises FileRejected."""
    suffix = path.suffix.lower()
    if suffix not in source.file_types:
        raise files.FileRejected(
            f"unsupported file type {suffix or '(none)'}: "
            f"{source.name} accepts {', '.join(source.file_types)}"
        )
    if suffix in _JSON_SUFFIXES:
        encoding = _read_json_lines(con, source, path, scratch)
    else:
        encoding = _read_delimited(con, source, path, scratch)
    _check_rows(con, source, into)
    return encoding


def forget_files(con: duckdb.DuckDBPyConnection, table: str, label: str, names: list[str]) -> None:
    """Delete what is known about these files: their landed rows, rejected rows and loads."""
    listed = "in (select unnest(?::varchar[]))"
    con.execute(f"delete from {table} where source_file {listed}", [names])
    con.execute(f"delete from audit.rejected_rows where source = ? and file {listed}", [label, names])
    con.execute(f"delete from audit.file_loads where source = ? and file {listed}", [label, names])


def record_file(
    con: duckdb.DuckDBPyConnection,
    label: str,
    file: str,
    fingerprint: str,
    encoding: str | None,
    result: FileResult,
    loaded_at: dt.datetime,
) -> None:
    con.execute(
        "insert into audit.file_loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            label,
            file,
            fingerprint,
            result.status,
            result.message,
            encoding,
            result.rows_read,
            result.rows_loaded,
            result.rows_rejected,
            loaded_at,
        ],
    )


class _Parsed(NamedTuple):
    """A new or changed file, parsed and waiting to be stored."""

    result: FileResult
    fingerprint: str
    encoding: str | None
    rows: str | None  # its checked rows, a table in PARSED_DB; None when the file was rejected


def _parse_file(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    file: str,
    fingerprint: str,
    scratch: Path,
    rows: str,
) -> _Parsed:
    """Parse one file into table `rows`.

    A file that cannot be read is rejected (no encoding, no table). Parsing only writes
    temp tables and the in-memory PARSED_DB, so it runs outside the transaction that
    stores the rows.
    """
    try:
        encoding = read_and_check(con, source, path, scratch, into=rows)
    except (files.FileRejected, duckdb.Error, UnicodeError, OSError) as exc:
        message = f"{file}: {mask_digits(str(exc).splitlines()[0])}"
        return _Parsed(FileResult(source.name, file, "rejected", message), fingerprint, None, None)
    loaded, rejected = _count_rows(con, rows)
    result = FileResult(source.name, file, "loaded", None, loaded + rejected, loaded, rejected)
    return _Parsed(result, fingerprint, encoding, rows)


def landing_workers() -> int:
    """How many files are parsed at once.

    One file's statements run on a single DuckDB thread (a file holds fewer rows
    than a row group), so files are parsed side by side, one connection each.
    """
    return max(1, min(4, os.cpu_count() or 1))


def _parse_files(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    changed: list[tuple[Path, str, str]],
    scratch: Path,
    pii_key: str,
) -> list[_Parsed]:
    """Parse the `changed` files ((path, file, fingerprint)) into PARSED_DB tables, in
    parallel; results in the same order."""
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []
    lock = threading.Lock()

    def parse(index: int) -> _Parsed:
        cursor = getattr(local, "cursor", None)
        if cursor is None:  # one connection per worker: temp tables and macros are per connection
            cursor = local.cursor = con.cursor()
            register_macros(cursor, pii_key)
            with lock:
                cursors.append(cursor)
        path, file, fingerprint = changed[index]
        rows = f"{PARSED_DB}.{source.name}_{index}"
        return _parse_file(cursor, source, path, file, fingerprint, scratch, rows)

    try:
        with ThreadPoolExecutor(max_workers=landing_workers(), thread_name_prefix="landing") as pool:
            return list(pool.map(parse, range(len(changed))))
    finally:
        for cursor in cursors:
            cursor.close()


def dependency_fingerprint(con: duckdb.DuckDBPyConnection, source: Source, pii_key: str) -> str:
    """What, besides the file itself, decides how it lands: code, key, reference data.

    Reference tables are hashed on their contract columns only, so reloading an
    unchanged reference file (new loaded_at) does not re-land anything.
    """
    parts = [PARSER_VERSION, hashlib.sha256(pii_key.encode()).hexdigest()[:16]]
    for name in source.references:
        reference = next(r for r in REFERENCE_SOURCES if r.name == name)
        columns = ", ".join(f'"{c.output_name}"' for c in reference.columns)
        digest = con.execute(
            f"select coalesce(md5(string_agg(row_text, '|' order by row_text)), '') "
            f"from (select to_json(struct_pack({columns}))::varchar as row_text from reference.{name})"
        ).fetchone()[0]
        parts.append(digest[:16])
    return ":".join(parts)


def _replace_files(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    parsed: list[_Parsed],
    removed: list[str],
    loaded_at: dt.datetime,
) -> None:
    """In one transaction: forget the parsed and removed files, then store and record the parsed ones."""
    table = f"landing.{source.name}"
    con.execute("begin transaction")
    try:
        forget_files(con, table, source.name, [p.result.file for p in parsed] + removed)
        for p in parsed:
            if p.rows is not None:
                _store_rows(con, source, p.rows, table, source.name, p.result.file, loaded_at)
            record_file(con, source.name, p.result.file, p.fingerprint, p.encoding, p.result, loaded_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def land_source(
    con: duckdb.DuckDBPyConnection, source: Source, raw_dir: Path, scratch: Path, pii_key: str
) -> list[FileResult]:
    """Bring landing.<source> in line with the files in raw_dir/<source>/."""
    con.execute(landing_ddl(source, f"landing.{source.name}"))
    depends = dependency_fingerprint(con, source, pii_key)
    known = dict(
        con.execute(
            "select file, fingerprint from audit.file_loads where source = ?", [source.name]
        ).fetchall()
    )
    loaded_at = dt.datetime.now().replace(microsecond=0)
    results: dict[str, FileResult] = {}  # by file, in the order files were discovered
    changed: list[tuple[Path, str, str]] = []  # path, file, fingerprint
    for path in files.discover(raw_dir / source.name):
        file = path.relative_to(raw_dir).as_posix()
        results[file] = FileResult(source.name, file, "unchanged")
        fingerprint = f"{files.fingerprint(path)}:{depends}"
        if known.get(file) != fingerprint:
            changed.append((path, file, fingerprint))
    removed = sorted(set(known) - set(results))
    con.execute(f"attach if not exists ':memory:' as {PARSED_DB}")
    try:
        parsed = _parse_files(con, source, changed, scratch, pii_key)
        if parsed or removed:
            _replace_files(con, source, parsed, removed, loaded_at)
    finally:
        con.execute(f"detach database if exists {PARSED_DB}")
    results.update((p.result.file, p.result) for p in parsed)
    return [*results.values()] + [
        FileResult(source.name, f, "removed", "the file is no longer in the raw folder") for f in removed
    ]


def file_months(con: duckdb.DuckDBPyConnection, source: Source, path: Path, scratch: Path) -> list[dt.date]:
    """The months a file's rows belong to, read without landing anything.

    Only the event-time column is typed, so `con` may be an in-memory database
    without reference tables (the raw-files sensor uses one).
    """
    suffix = path.suffix.lower()
    if suffix not in source.file_types:
        return []
    if suffix in _JSON_SUFFIXES:
        _read_json_lines(con, source, path, scratch)
    else:
        _read_delimited(con, source, path, scratch)
    event = typed_expression(source.column(source.event_time))
    rows = con.execute(
        f"select distinct date_trunc('month', {event})::date as month from file_rows v "
        f"where month is not null order by 1"
    ).fetchall()
    return [row[0] for row in rows]
