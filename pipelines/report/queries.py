"""Read the month's figures from the warehouse marts into plain dataclasses.

The report computes nothing the marts already hold: it reads
`marts.indicators_monthly` (pooling months only for the year to date, with the
rule of `marts.indicators_yearly`: sum of numerators over sum of
denominators), the points, tallies and rating marts, and the audit tables.
The warehouse is opened read-only; `audit.rejected_rows.record` is never read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import duckdb

from pipelines.warehouse import connect

CHANNELS = ("presencial", "telefonico", "virtual", "whatsapp", "total")
SURVEY_CHANNELS = ("presencial", "telefonico", "virtual", "whatsapp", "total")
QUESTIONS = ("satisfaction", "perception", "trust")


class ReportError(RuntimeError):
    """The warehouse cannot give a report (missing file or marts)."""


class NoDataError(ReportError):
    """The warehouse has no indicator for the requested month."""


def add_months(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Figure:
    """One indicator: a count (denominator None) or a rate numerator / denominator."""

    numerator: int
    denominator: int | None

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    @property
    def value(self) -> int | Fraction:
        """The count, or the exact ratio."""
        if self.denominator is None:
            return self.numerator
        return Fraction(self.numerator, self.denominator)


@dataclass(frozen=True)
class Indicators:
    """The indicators of one period: a month, or months pooled."""

    first: dt.date
    last: dt.date
    figures: Mapping[tuple[str, str], Figure]
    months: int = 0  # months of the period with at least one indicator row

    @property
    def empty(self) -> bool:
        return not self.figures

    def get(self, channel: str, indicator: str) -> Figure | None:
        return self.figures.get((channel, indicator))

    def count(self, channel: str, indicator: str = "interactions") -> int | None:
        figure = self.get(channel, indicator)
        return None if figure is None else figure.numerator

    def rate(self, channel: str, indicator: str) -> Fraction | None:
        figure = self.get(channel, indicator)
        if figure is None or figure.denominator is None:
            return None
        return Fraction(figure.numerator, figure.denominator)


@dataclass(frozen=True)
class PointVisits:
    codigo_punto: str
    nombre: str
    ciudad: str | None
    tipo: str
    visits: int
    resolved_first_contact: int
    visits_previous: int | None = None
    visits_year_ago: int | None = None


@dataclass(frozen=True)
class Tally:
    indicador: str
    descripcion: str
    unidad: str  # conteo or proporcion
    valor: float
    nota: str | None = None


@dataclass(frozen=True)
class RatingDistribution:
    channel: str
    question: str
    scores: tuple[int, int, int, int, int]  # raters giving 1..5

    @property
    def raters(self) -> int:
        return sum(self.scores)


@dataclass(frozen=True)
class CheckFailure:
    month: str
    channel: str
    figure: str
    expected: Any
    computed: Any


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    severity: str
    rows_checked: int | None
    failures: tuple[CheckFailure, ...]
    warnings: tuple[str, ...]
    evaluated_at: dt.datetime | None
    unreadable_failures: bool = False  # the failures column was not a JSON list

    def failures_in(self, month: dt.date) -> tuple[CheckFailure, ...]:
        """Failures of the month, of its year as a whole ("2025"), or of no period."""
        return tuple(f for f in self.failures if f.month[:7] in (f"{month:%Y-%m}", f"{month:%Y}", ""))


@dataclass(frozen=True)
class RejectedRows:
    source: str
    rows: int
    reasons: tuple[tuple[str, int], ...]  # most frequent first


@dataclass(frozen=True)
class SourceFiles:
    source: str
    loaded: int
    rejected: int
    missing: int
    rows_loaded: int
    rows_rejected: int


@dataclass(frozen=True)
class FileIssue:
    source: str
    file: str
    status: str  # rejected or missing
    message: str | None
    loaded_at: dt.datetime | None


@dataclass(frozen=True)
class Quality:
    checks: tuple[CheckResult, ...] | None  # None: audit.check_results does not exist
    rejected_in_month: tuple[RejectedRows, ...]
    rejected_without_month: tuple[RejectedRows, ...]
    files: tuple[SourceFiles, ...]
    file_issues: tuple[FileIssue, ...]
    audit_available: bool = True


@dataclass(frozen=True)
class ReportData:
    """Everything the informe shows for one month, as read from the warehouse."""

    month: dt.date
    warehouse: Path
    current: Indicators
    previous: Indicators  # the month before
    year_ago: Indicators  # the same month a year earlier
    ytd: Indicators  # January to the month
    ytd_year_ago: Indicators  # the same months a year earlier
    series: Mapping[str, tuple[tuple[dt.date, int | None], ...]]  # interactions per channel, Jan..month
    points: tuple[PointVisits, ...]
    tallies: Mapping[str, Tally]
    tallies_previous: Mapping[str, Tally]
    tallies_year_ago: Mapping[str, Tally]
    ratings: tuple[RatingDistribution, ...]
    quality: Quality
    data_months: tuple[dt.date, dt.date] | None  # first and last month in indicators_monthly
    missing_tables: tuple[str, ...] = field(default=())

    @property
    def has_data(self) -> bool:
        return not self.current.empty

    @property
    def previous_month(self) -> dt.date:
        return add_months(self.month, -1)

    @property
    def year_ago_month(self) -> dt.date:
        return add_months(self.month, -12)

    @property
    def year_start(self) -> dt.date:
        return self.month.replace(month=1)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    return {row[0] for row in rows}


def _indicators(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> Indicators:
    rows = con.execute(
        "select channel, indicator, sum(numerator)::bigint, sum(denominator)::bigint "
        "from marts.indicators_monthly where month between ? and ? group by channel, indicator",
        [first, last],
    ).fetchall()
    figures = {
        (channel, indicator): Figure(int(numerator), None if denominator is None else int(denominator))
        for channel, indicator, numerator, denominator in rows
        if denominator is None or denominator > 0
    }
    (months,) = con.execute(
        "select count(distinct month) from marts.indicators_monthly where month between ? and ?",
        [first, last],
    ).fetchone()
    return Indicators(first, last, figures, int(months))


def _series(
    con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date
) -> dict[str, tuple[tuple[dt.date, int | None], ...]]:
    rows = con.execute(
        "select channel, month, numerator from marts.indicators_monthly "
        "where indicator = 'interactions' and month between ? and ?",
        [first, last],
    ).fetchall()
    found = {(channel, month): int(value) for channel, month, value in rows}
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return {channel: tuple((m, found.get((channel, m))) for m in months) for channel in CHANNELS}


def _points(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[PointVisits, ...]:
    rows = con.execute(
        """
        select p.codigo_punto, p.nombre, p.ciudad, p.tipo, p.visits, p.resolved_first_contact,
               prev.visits, ago.visits
        from marts.visits_by_point_monthly p
        left join marts.visits_by_point_monthly prev
            on prev.codigo_punto = p.codigo_punto and prev.month = ?
        left join marts.visits_by_point_monthly ago
            on ago.codigo_punto = p.codigo_punto and ago.month = ?
        where p.month = ?
        order by p.visits desc, p.nombre
        """,
        [add_months(month, -1), add_months(month, -12), month],
    ).fetchall()
    return tuple(
        PointVisits(
            codigo_punto=codigo,
            nombre=nombre,
            ciudad=ciudad,
            tipo=tipo,
            visits=int(visits),
            resolved_first_contact=int(resolved),
            visits_previous=None if previous is None else int(previous),
            visits_year_ago=None if year_ago is None else int(year_ago),
        )
        for codigo, nombre, ciudad, tipo, visits, resolved, previous, year_ago in rows
    )


def _tallies(con: duckdb.DuckDBPyConnection, month: dt.date) -> dict[str, Tally]:
    rows = con.execute(
        "select indicador, descripcion, unidad, valor, nota from marts.team_tallies_monthly "
        "where month = ? order by indicador",
        [month],
    ).fetchall()
    return {
        code: Tally(code, description or code, unit or "conteo", float(value), note or None)
        for code, description, unit, value, note in rows
    }


def _ratings(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[RatingDistribution, ...]:
    rows = con.execute(
        "select channel, question, score_1, score_2, score_3, score_4, score_5 "
        "from marts.survey_rating_distribution_monthly where month = ?",
        [month],
    ).fetchall()
    order = {c: i for i, c in enumerate(SURVEY_CHANNELS)}
    questions = {q: i for i, q in enumerate(QUESTIONS)}
    result = [
        RatingDistribution(channel, question, tuple(int(s or 0) for s in scores))  # type: ignore[arg-type]
        for channel, question, *scores in rows
    ]
    return tuple(sorted(result, key=lambda r: (order.get(r.channel, 99), questions.get(r.question, 99))))


def _json_list(text: str | None) -> tuple[list[Any], bool]:
    """A JSON list column: (items, readable)."""
    if text is None or not str(text).strip():
        return [], True
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return [], False
    return (value, True) if isinstance(value, list) else ([], False)


def _failure(item: Any) -> CheckFailure:
    item = item if isinstance(item, dict) else {"figure": str(item)}
    return CheckFailure(
        month="" if item.get("month") is None else str(item.get("month")),
        channel=str(item.get("channel") or ""),
        figure=str(item.get("figure") or ""),
        expected=item.get("expected"),
        computed=item.get("computed"),
    )


def _checks(con: duckdb.DuckDBPyConnection, tables: set[str]) -> tuple[CheckResult, ...] | None:
    if "audit.check_results" not in tables:
        return None
    rows = con.execute(
        """
        select check_name, passed, severity, rows_checked, failures, warnings, evaluated_at
        from audit.check_results
        qualify row_number() over (partition by check_name order by evaluated_at desc nulls last) = 1
        order by check_name
        """
    ).fetchall()
    results = []
    for name, passed, severity, rows_checked, failures, warnings, evaluated_at in rows:
        failure_items, failures_ok = _json_list(failures)
        warning_items, warnings_ok = _json_list(warnings)
        if not warnings_ok and warnings:
            warning_items = [str(warnings)]
        results.append(
            CheckResult(
                name=str(name),
                passed=bool(passed),
                severity=str(severity or "error"),
                rows_checked=None if rows_checked is None else int(rows_checked),
                failures=tuple(_failure(item) for item in failure_items),
                warnings=tuple(str(w) for w in warning_items),
                evaluated_at=evaluated_at,
                unreadable_failures=not failures_ok,
            )
        )
    return tuple(results)


def _group_rejected(rows: Iterable[tuple[str, str, int]]) -> tuple[RejectedRows, ...]:
    by_source: dict[str, list[tuple[str, int]]] = {}
    for source, reason, count in rows:
        by_source.setdefault(source, []).append((reason or "(sin motivo)", int(count)))
    return tuple(
        RejectedRows(source, sum(n for _, n in reasons), tuple(sorted(reasons, key=lambda r: (-r[1], r[0]))))
        for source, reasons in sorted(by_source.items())
    )


def _quality(con: duckdb.DuckDBPyConnection, tables: set[str], month: dt.date) -> Quality:
    checks = _checks(con, tables)
    if not {"audit.rejected_rows", "audit.file_loads"} <= tables:
        return Quality(checks, (), (), (), (), audit_available=False)
    # never select `record`: the report has no need of the rows' content
    in_month = con.execute(
        "select source, reason, count(*) from audit.rejected_rows where month = ? group by all", [month]
    ).fetchall()
    without_month = con.execute(
        "select source, reason, count(*) from audit.rejected_rows where month is null group by all"
    ).fetchall()
    files = con.execute(
        """
        select source,
               count(*) filter (where status = 'loaded'),
               count(*) filter (where status = 'rejected'),
               count(*) filter (where status = 'missing'),
               coalesce(sum(rows_loaded), 0)::bigint,
               coalesce(sum(rows_rejected), 0)::bigint
        from audit.file_loads group by source order by source
        """
    ).fetchall()
    issues = con.execute(
        "select source, file, status, message, loaded_at from audit.file_loads "
        "where status <> 'loaded' order by source, file"
    ).fetchall()
    return Quality(
        checks=checks,
        rejected_in_month=_group_rejected(in_month),
        rejected_without_month=_group_rejected(without_month),
        files=tuple(SourceFiles(s, int(a), int(b), int(c), int(d), int(e)) for s, a, b, c, d, e in files),
        file_issues=tuple(FileIssue(*row) for row in issues),
    )


def load_report_data(warehouse: Path, month: dt.date) -> ReportData:
    """Read everything the informe for `month` shows. The warehouse is opened read-only."""
    month = month.replace(day=1)
    if not warehouse.is_file():
        raise ReportError(f"no warehouse at {warehouse}: run `make monthly` first")
    with connect(warehouse, read_only=True) as con:
        tables = _tables(con)
        if "marts.indicators_monthly" not in tables:
            raise ReportError(f"{warehouse} has no marts.indicators_monthly: run `make monthly` first")
        optional = (
            "marts.visits_by_point_monthly",
            "marts.team_tallies_monthly",
            "marts.survey_rating_distribution_monthly",
        )
        missing = tuple(t for t in optional if t not in tables)
        previous, year_ago = add_months(month, -1), add_months(month, -12)
        year_start = month.replace(month=1)
        span = con.execute("select min(month), max(month) from marts.indicators_monthly").fetchone()
        has_points = "marts.visits_by_point_monthly" in tables
        has_tallies = "marts.team_tallies_monthly" in tables
        return ReportData(
            month=month,
            warehouse=warehouse,
            current=_indicators(con, month, month),
            previous=_indicators(con, previous, previous),
            year_ago=_indicators(con, year_ago, year_ago),
            ytd=_indicators(con, year_start, month),
            ytd_year_ago=_indicators(con, add_months(year_start, -12), year_ago),
            series=_series(con, year_start, month),
            points=_points(con, month) if has_points else (),
            tallies=_tallies(con, month) if has_tallies else {},
            tallies_previous=_tallies(con, previous) if has_tallies else {},
            tallies_year_ago=_tallies(con, year_ago) if has_tallies else {},
            ratings=_ratings(con, month) if "marts.survey_rating_distribution_monthly" in tables else (),
            quality=_quality(con, tables, month),
            data_months=None if span is None or span[0] is None else (span[0], span[1]),
            missing_tables=missing,
        )
