"""Publishing: the months being processed, from landing into the `raw` schema.

A month is replaced whole, in one transaction: its rows are deleted from
`raw.<source>` and the winning copy of each record whose winner falls in the
month is inserted. Duplicates are resolved across every landed file, so a
record corrected in a later file counts once, in the month of the copy that
wins, whichever month is being processed.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.ingestion.contract import RAW_SOURCES, Source
from pipelines.ingestion.landing import landing_ddl

# The contract: the copy from the file whose path sorts last wins; within a
# file, the later row.
WINNER_ORDER = "source_file desc, source_row desc"


def _key(source: Source) -> str:
    return ", ".join(f'"{source.column(k).output_name}"' for k in source.key)


def publish_months(
    con: duckdb.DuckDBPyConnection, source: Source, first: dt.date, last: dt.date
) -> dict[dt.date, int]:
    """Replace raw.<source> for months first..last (first days); return rows per month."""
    table, landing = f"raw.{source.name}", f"landing.{source.name}"
    con.execute(landing_ddl(source, landing))
    con.execute(landing_ddl(source, table))
    key = _key(source)
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {table} where month between ? and ?", [first, last])
        con.execute(
            f"""
            insert into {table} by name
            with candidates as (
                select distinct {key} from {landing} where month between $first and $last
            ),
            copies as (
                select l.*, row_number() over (partition by {key} order by {WINNER_ORDER}) as __copy
                from {landing} l semi join candidates using ({key})
            )
            select * exclude (__copy) from copies
            where __copy = 1 and month between $first and $last
            """,
            {"first": first, "last": last},
        )
        counts = con.execute(
            f"select month, count(*) from {table} where month between ? and ? group by month order by month",
            [first, last],
        ).fetchall()
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return dict(counts)


def create_superseded_view(con: duckdb.DuckDBPyConnection) -> None:
    """audit.superseded_rows: every copy of a record that lost to a later one, and the winner."""
    selects = []
    for source in RAW_SOURCES:
        key = _key(source)
        con.execute(landing_ddl(source, f"landing.{source.name}"))
        selects.append(
            f"""
            select '{source.name}' as source, concat_ws('|', {key}) as record_key,
                   source_file as file, source_row as row_number, month,
                   first_value(source_file) over w as kept_file,
                   first_value(source_row) over w as kept_row_number,
                   first_value(month) over w as kept_month
            from landing.{source.name}
            window w as (partition by {key} order by {WINNER_ORDER})
            qualify row_number() over w > 1
            """
        )
    con.execute("create or replace view audit.superseded_rows as " + " union all ".join(selects))


def landed_months(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    """Every month that some landed row belongs to, in order."""
    union = " union ".join(f"select distinct month from landing.{s.name}" for s in RAW_SOURCES)
    return [
        row[0]
        for row in con.execute(f"select month from ({union}) where month is not null order by 1").fetchall()
    ]
