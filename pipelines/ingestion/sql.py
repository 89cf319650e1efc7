"""SQL that types and checks raw text, generated from the contract specs.

Parsing runs in DuckDB as set-based SQL: temporary macros parse the
contract's timestamp, date and boolean forms and pseudonymise PII with
HMAC-SHA256, so no row passes through Python.
"""

from __future__ import annotations

import hashlib

import duckdb

from pipelines.ingestion.contract import Column, Kind, Source

BOGOTA_UTC_OFFSET_HOURS = -5  # Colombia keeps UTC-5 all year (no DST since 1993)
RAW_PREFIX = "raw__"  # the text as read, beside each typed column, until the row is checked

_MACROS = r"""
create or replace temp macro anm_text(v) as nullif(trim(v), '');

create or replace temp macro anm_parse_ts(v) as (
  case
    when v is null then null
    when regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}') then try_strptime(v, '%Y-%m-%d')
    when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4}') then try_strptime(v, '%d/%m/%Y')
    when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}')
      then try_strptime(v, '%d/%m/%Y %H:%M')
    when regexp_full_match(v, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}')
      then try_strptime(v, '%d/%m/%Y %H:%M:%S')
    when regexp_full_match(v, '\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?')
      then try_cast(replace(v, 'T', ' ') as timestamp)
    when regexp_full_match(v, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})')
      then try_cast(replace(regexp_extract(v, '^(.*?)(Z|[+-]\d{2}:?\d{2})$', 1), 'T', ' ') as timestamp)
        - to_minutes(anm_offset_minutes(regexp_extract(v, '(Z|[+-]\d{2}:?\d{2})$', 1)))
        + to_hours(__BOGOTA_OFFSET__)
  end
);

create or replace temp macro anm_offset_minutes(o) as (
  case when o = 'Z' then 0
  else (case when left(o, 1) = '-' then -1 else 1 end)
     * (cast(substr(o, 2, 2) as integer) * 60 + cast(right(o, 2) as integer))
  end
);

create or replace temp macro anm_parse_bool(v) as (
  case
    when upper(strip_accents(v)) in ('SI', 'S', 'TRUE', '1') then true
    when upper(strip_accents(v)) in ('NO', 'N', 'FALSE', '0') then false
  end
);

create or replace temp macro anm_whole_number(v) as (
  case when regexp_full_match(v, '[+-]?\d+(\.0+)?') then try_cast(try_cast(v as double) as bigint) end
);

create or replace temp macro anm_decimal(v) as (
  case
    when regexp_full_match(v, '[+-]?\d+([.,]\d+)?') then try_cast(replace(v, ',', '.') as double)
  end
);

create or replace temp macro anm_year_month(v) as (
  case
    when regexp_full_match(v, '\d{4}-\d{1,2}') then try_strptime(v || '-01', '%Y-%m-%d')::date
    when regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}')
      then date_trunc('month', try_strptime(v, '%Y-%m-%d'))::date
  end
);
"""


def _blob_literal(data: bytes) -> str:
    return "'" + "".join(f"\\x{b:02X}" for b in data) + "'::blob"


def register_macros(con: duckdb.DuckDBPyConnection, pii_key: str) -> None:
    """Create the parsing and HMAC macros as temporary objects of `con`.

    The key only lives in this connection's temporary catalogue: it is never
    written to the warehouse file.
    """
    for statement in _MACROS.replace("__BOGOTA_OFFSET__", str(BOGOTA_UTC_OFFSET_HOURS)).split(";"):
        if statement.strip():
            con.execute(statement)
    block = pii_key.encode("utf-8")
    if len(block) > 64:  # RFC 2104: keys longer than the block are hashed first
        block = hashlib.sha256(block).digest()
    key = block.ljust(64, b"\0")
    inner = _blob_literal(bytes(b ^ 0x36 for b in key))
    outer = _blob_literal(bytes(b ^ 0x5C for b in key))
    con.execute(
        f"create or replace temp macro anm_hmac(v) as "
        f"case when v is null then null else "
        f"sha256({outer} || unhex(sha256({inner} || encode(v)))) end"
    )


def typed_expression(column: Column) -> str:
    """SQL turning the trimmed text `v."<name>"` into the contract's type."""
    v = f'v."{column.name}"'
    allowed = ", ".join(f"'{a}'" for a in column.allowed)
    match column.kind:
        case Kind.TEXT:
            return v
        case Kind.CODE | Kind.UPPER_CODE:
            case_fn = "lower" if column.kind is Kind.CODE else "upper"
            code = f"{case_fn}(strip_accents({v}))"
            return f"case when {code} in ({allowed}) then {code} end" if allowed else code
        case Kind.TIMESTAMP:
            return f"anm_parse_ts({v})"
        case Kind.DATE:
            return f"anm_parse_ts({v})::date"
        case Kind.BOOLEAN:
            return f"anm_parse_bool({v})"
        case Kind.SCORE:
            return f"case when anm_whole_number({v}) between 1 and 5 then anm_whole_number({v})::integer end"
        case Kind.COUNT:
            return f"case when anm_whole_number({v}) >= 0 then anm_whole_number({v}) end"
        case Kind.NUMBER:
            return f"case when anm_decimal({v}) >= 0 then anm_decimal({v}) end"
        case Kind.INTEGER:
            return f"anm_whole_number({v})::integer"
        case Kind.YEAR_MONTH:
            return f"anm_year_month({v})"
        case Kind.PHONE:
            digits = f"regexp_replace({v}, '[^0-9]', '', 'g')"
            national = (
                f"case when length({digits}) = 12 and starts_with({digits}, '57') "
                f"then substr({digits}, 3) else {digits} end"
            )
            return f"anm_hmac(nullif({national}, ''))"
        case Kind.DOCUMENT:
            return f"anm_hmac(nullif(upper(regexp_replace(strip_accents({v}), '[^A-Za-z0-9]', '', 'g')), ''))"
        case Kind.NAME:
            return f"anm_hmac(nullif(upper(regexp_replace(strip_accents({v}), '\\s+', ' ', 'g')), ''))"
    raise ValueError(f"no SQL for {column.kind}")


_EXPECTED = {
    Kind.CODE: "one of: {allowed}",
    Kind.UPPER_CODE: "one of: {allowed}",
    Kind.TIMESTAMP: (
        "a timestamp (YYYY-MM-DD HH:MM[:SS], YYYY-MM-DDTHH:MM[:SS][+-HH:MM] or DD/MM/YYYY HH:MM[:SS])"
    ),
    Kind.DATE: "a date (YYYY-MM-DD or DD/MM/YYYY)",
    Kind.BOOLEAN: "a boolean (SI/NO, S/N, TRUE/FALSE, 1/0)",
    Kind.SCORE: "a score from 1 to 5",
    Kind.COUNT: "a whole number >= 0",
    Kind.NUMBER: "a number >= 0",
    Kind.INTEGER: "a whole number",
    Kind.YEAR_MONTH: "a month (YYYY-MM)",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def reason_expressions(source: Source) -> list[str]:
    """One SQL expression per way a row can be bad; NULL when it is not."""
    reasons = []
    for column in source.columns:
        raw, typed = f'typed."{RAW_PREFIX}{column.name}"', f'typed."{column.name}"'
        if column.required:
            reasons.append(f"case when {raw} is null then {_quote('missing ' + column.name)} end")
        if column.kind in _EXPECTED and not (
            column.kind in (Kind.CODE, Kind.UPPER_CODE) and not column.allowed
        ):
            expected = _EXPECTED[column.kind].format(allowed=", ".join(column.allowed))
            shown = "left(" + raw + ", 60)"
            reasons.append(
                f"case when {raw} is not null and {typed} is null then "
                f"{_quote(column.name + ' ')} || {_quote(chr(39))} || {shown} || "
                f"{_quote(chr(39) + ' is not ' + expected)} end"
            )
    for rule in source.rules:
        reasons.append(f"case when not coalesce(({rule.condition}), true) then {_quote(rule.reason)} end")
    return reasons


def warehouse_type(column: Column) -> str:
    return {
        Kind.TIMESTAMP: "timestamp",
        Kind.DATE: "date",
        Kind.YEAR_MONTH: "date",
        Kind.BOOLEAN: "boolean",
        Kind.SCORE: "integer",
        Kind.INTEGER: "integer",
        Kind.COUNT: "bigint",
        Kind.NUMBER: "double",
    }.get(column.kind, "varchar")
