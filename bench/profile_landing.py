"""Where landing's time goes: every SQL statement of `land_raw_files`, timed and grouped, per source.

    python bench/profile_landing.py                       # 10M attended interactions
    python bench/profile_landing.py --rows 1000000 --out bench/data/landing_profile

Generates the benchmark's data set (bench/generate.py) unless it is already in <out>/dataset,
then calls the pipeline's own ingestion entry points (`pipelines.ingestion.run`) in this process
on a fresh warehouse, with the DuckDB connection wrapped so that each statement is timed, and the
Python-side UTF-8 check timed too. Nothing of the pipeline is changed. It ends with the cost of
single expressions (timestamp parsing, the HMAC of personal data...) over every visit, and the
publishing of all months (`publish_source`, as one run over all months does it). Prints
Markdown; `--json` writes the figures too. A companion to bench/run.py's per-step profile.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402

TIMES: dict[tuple[str, str], list[float]] = defaultdict(list)
CURRENT = {"source": "(references)"}
SETTINGS: list[str] = []  # --set: DuckDB settings applied to every connection (what-if experiments)

_LABELS = (  # first words of a statement -> what it does
    (
        r"create or replace temp table file_rows as select .*read_csv",
        "read CSV into file_rows (read_csv, trim)",
    ),
    (
        r"create or replace temp table file_rows as with lines",
        "read JSON Lines into file_rows (read_text, json)",
    ),
    (
        r"create or replace (temp table checked|table landing_parsed\.)",
        "type and check every row (parse dates, codes, booleans; HMAC of PII; reasons for bad rows)",
    ),
    (r"insert into landing\.", "insert good rows into landing.<source>"),
    (r"insert into reference_rows", "insert good rows (references)"),
    (r"insert into audit\.rejected_rows", "insert bad rows into audit.rejected_rows (masked JSON)"),
    (r"select count\(\*\) filter", "count good and bad rows"),
    (r"delete from ", "forget the file's earlier rows (delete)"),
    (r"select coalesce\(md5\(string_agg", "dependency fingerprint (hash of reference tables)"),
    (r"(begin transaction|commit|rollback)", "transactions (begin/commit)"),
)


def _label(sql: str) -> str:
    text = re.sub(r"\s+", " ", sql).strip().lower()
    for pattern, label in _LABELS:
        if re.match(pattern, text):
            return label
    return "other: " + text[:50]


class TimedConnection:
    """Delegates to a DuckDB connection; times each execute() under the current source."""

    def __init__(self, con) -> None:
        self._con = con

    def execute(self, sql: str, *args, **kwargs):
        began = time.perf_counter()
        result = self._con.execute(sql, *args, **kwargs)
        TIMES[(CURRENT["source"], _label(sql))].append(time.perf_counter() - began)
        return result

    def cursor(self) -> TimedConnection:
        """Landing parses files on cursors, one per worker thread: time those statements too."""
        return TimedConnection(self._con.cursor())

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def _timed(name: str, function):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[(CURRENT["source"], name)].append(time.perf_counter() - began)

    return wrapper


def instrument() -> None:
    from pipelines.ingestion import files, landing, run

    original_connect = run.connect

    @contextlib.contextmanager
    def connect(path: Path, read_only: bool = False) -> Iterator[TimedConnection]:
        with original_connect(path, read_only=read_only) as con:
            for setting in SETTINGS:
                con.execute(f"set {setting}")
            yield TimedConnection(con)

    run.connect = connect
    files._is_valid_utf8 = _timed("UTF-8 check in Python (whole file)", files._is_valid_utf8)
    original_land_source = landing.land_source

    def land_source(con, source, *args, **kwargs):
        CURRENT["source"] = source.name
        try:
            return _timed("(land_source total)", original_land_source)(con, source, *args, **kwargs)
        finally:
            CURRENT["source"] = "(other)"

    run.land_source = land_source


EXPRESSIONS = {  # over every visit's raw text: what one column kind costs
    "scan only: count(*)": "count(*)",
    "anm_text(v) (trim, empty -> NULL)": "count(anm_text(fecha_hora))",
    "anm_parse_ts (regex cascade, then strptime/cast)": "count(anm_parse_ts(fecha_hora))",
    "try_strptime with a list of formats": (
        "count(try_strptime(fecha_hora, ['%Y-%m-%d %H:%M:%S', '%d/%m/%Y %H:%M', '%Y-%m-%d %H:%M']))"
    ),
    "anm_parse_bool": "count(anm_parse_bool(solucion_primer_contacto))",
    "upper(strip_accents(code))": "count(upper(strip_accents(codigo_punto)))",
    "normalise name only (strip_accents, regexp_replace, upper)": (
        "count(nullif(upper(regexp_replace(strip_accents(nombre), '\\s+', ' ', 'g')), ''))"
    ),
    "anm_hmac(name) without normalisation": "count(anm_hmac(nombre))",
    "anm_hmac(document) incl. normalisation": (
        "count(anm_hmac(nullif(upper(regexp_replace(strip_accents(numero_documento), '[^A-Za-z0-9]', '', 'g')), '')))"
    ),
    "anm_hmac(name) incl. normalisation": (
        "count(anm_hmac(nullif(upper(regexp_replace(strip_accents(nombre), '\\s+', ' ', 'g')), '')))"
    ),
    "one sha256(text) for comparison": "count(sha256(nombre))",
}


def expression_costs(settings, key: str) -> list[tuple[str, float]]:
    """Each expression over every visit, read as text (the shape landing types from)."""
    import duckdb

    from pipelines.ingestion.sql import register_macros

    con = duckdb.connect()
    register_macros(con, key)
    pattern = str(settings.raw_dir / "presencial" / "**" / "*.csv")
    con.execute(
        "create temp table v as select * from read_csv(?, union_by_name = true, all_varchar = true, "
        "normalize_names = true)",
        [pattern],
    )
    rows = con.execute("select count(*) from v").fetchone()[0]
    out = [("(rows)", float(rows))]
    for label, expression in EXPRESSIONS.items():
        began = time.perf_counter()
        con.execute(f"select {expression} from v").fetchone()
        out.append((label, time.perf_counter() - began))
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000_000, help="attended interactions (default 10M)")
    parser.add_argument("--out", type=Path, default=BENCH / "data" / "landing_profile")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the data set and the warehouse")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a DuckDB setting for every ingestion connection, e.g. checkpoint_threshold='4GB' (what-if)",
    )
    parser.add_argument(
        "--code", type=Path, default=BENCH.parent, help="the pipeline code to import (a checkout or snapshot)"
    )
    args = parser.parse_args(argv)
    SETTINGS.extend(args.set)
    sys.path.insert(0, str(args.code.resolve()))
    from pipelines.config import Settings
    from pipelines.ingestion import run
    from pipelines.ingestion.contract import RAW_SOURCES

    out = args.out.resolve()
    dataset = out / "dataset"
    manifest = dataset / "manifest.json"
    if not manifest.exists() or json.loads(manifest.read_text())["attended_interactions"] != args.rows:
        generate.generate(args.rows, dataset)
    warehouse = out / "warehouse" / "anm.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    key = "bench-key-not-secret"
    settings = Settings(dataset / "raw", dataset / "reference", warehouse, out / "reports", key)
    instrument()

    began = time.perf_counter()
    run.refresh_references(settings)
    references = time.perf_counter() - began
    began = time.perf_counter()
    results = run.land_raw_files(settings)
    landing_s = time.perf_counter() - began
    began = time.perf_counter()
    with run.connect(settings.working_warehouse) as con:  # what publishing the warehouse starts with
        con.execute("checkpoint")
    checkpoint_s = time.perf_counter() - began
    rows = {s.name: sum(r.rows_read for r in results if r.source == s.name) for s in RAW_SOURCES}

    publish: dict[str, float] = {}
    first, last = dt.date(2015, 1, 1), dt.date(2030, 12, 1)
    for source in RAW_SOURCES:
        began = time.perf_counter()
        run.publish_source(settings, source.name, first, last)
        publish[source.name] = time.perf_counter() - began
    costs = expression_costs(settings, key)

    by_source: dict[str, dict[str, float]] = defaultdict(dict)
    for (source, label), values in TIMES.items():
        by_source[source][label] = sum(values)
    lines = [
        f"# Landing profile: {args.rows:,} attended interactions, {sum(rows.values()):,} raw rows",
        "",
        f"references {references:.1f} s; landing (`land_raw_files`) {landing_s:.1f} s in this process; "
        f"then a CHECKPOINT {checkpoint_s:.1f} s"
        + (f"; settings: {', '.join(SETTINGS)}" if SETTINGS else ""),
        "",
    ]
    for source in [s.name for s in RAW_SOURCES]:
        parts = dict(by_source.get(source, {}))
        total = parts.pop("(land_source total)", 0.0)
        lines += [
            f"## {source}: {rows[source]:,} rows, {total:.1f} s ({rows[source] / total if total else 0:,.0f} rows/s)",
            "",
            "Parts run on landing's parsing threads too: their seconds are summed over the threads,",
            "so the shares of a source may add up to more than 100%.",
            "",
            "| part | s | share |",
            "|---|---:|---:|",
        ]
        for label, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {label} | {seconds:.2f} | {seconds / total if total else 0:.0%} |")
        lines.append("")
    lines += ["## Publishing every month at once (`publish_source`)", "", "| source | s |", "|---|---:|"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in publish.items()]
    lines += [
        "",
        f"## Expression costs over {int(costs[0][1]):,} visits (text)",
        "",
        "| expression | s |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {seconds:.2f} |" for label, seconds in costs[1:]]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "rows": rows,
                    "references_s": references,
                    "landing_s": landing_s,
                    "checkpoint_s": checkpoint_s,
                    "settings": SETTINGS,
                    "by_source": by_source,
                    "publish_s": publish,
                    "expressions_s": dict(costs),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
