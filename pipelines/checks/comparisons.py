"""The SQL side of the checks: one read-only query per check, producing a small comparison frame.

Each frame has one row per figure compared. The GX suites in ``suites.py`` then
validate the frame; no DuckDB connection is open while GX runs.

Frames of ``published_figures_reconcile`` and ``internal_consolidation`` have the
columns ``rule``, ``period`` ("2025-11" for a month, "2025" for a year),
``channel``, ``figure``, ``expected`` and ``computed`` (BIGINT); ``internal_consolidation``
adds ``relation`` ("=", or "<=" for survey raters vs interactions). A missing mart
row counts as 0 in the internal sums, so a missing row shows as ``computed = 0``.
The frame of ``rates_in_range`` has one row per mart row with a denominator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

CHANNELS = ("presencial", "telefonico", "virtual")  # the published ones; total = their sum
SURVEY_QUESTIONS = ("satisfaction", "perception", "trust")
RESPONSE_RATES = tuple(f"{question}_response_rate" for question in SURVEY_QUESTIONS)
RATERS_RULE = "raters <= interactions"


@dataclass
class Comparison:
    """A check's comparison frame and the notes the SQL side found (months not compared...)."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


# (a) published figures -------------------------------------------------------------------------

_PUBLISHED_PAIRS_SQL = """
with computed as (
    select month, channel, numerator as computed
    from marts.indicators_monthly
    where indicator = 'interactions' and channel in ('presencial', 'telefonico', 'virtual')
),
published as (
    select make_date(anio, mes, 1) as month, canal as channel, interacciones as expected
    from reference.cifras_publicadas
    where canal in ('presencial', 'telefonico', 'virtual')
)
select coalesce(c.month, p.month) as month, coalesce(c.channel, p.channel) as channel,
       p.expected, c.computed
from computed c
full outer join published p on c.month = p.month and c.channel = p.channel
order by 1, 2
"""

_PUBLISHED_TOTALS_SQL = """
select t.month, t.numerator as computed
from marts.indicators_monthly t
where t.indicator = 'interactions' and t.channel = 'total'
"""


def published_figures(con: duckdb.DuckDBPyConnection) -> Comparison:
    """Interactions per month and channel vs reference.cifras_publicadas, the monthly totals, and the
    yearly sums over the months that have both a computed and a published figure."""
    pairs = con.execute(_PUBLISHED_PAIRS_SQL).df()
    totals = {
        pd.Timestamp(row.month): int(row.computed)
        for row in con.execute(_PUBLISHED_TOTALS_SQL).df().itertuples()
    }

    warnings: list[str] = []
    not_published: dict[str, list[str]] = defaultdict(list)
    not_computed: dict[str, list[str]] = defaultdict(list)
    matched: dict[pd.Timestamp, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in pairs.itertuples():
        month = pd.Timestamp(row.month)
        label = month.strftime("%Y-%m")
        if pd.isna(row.expected):
            not_published[label].append(row.channel)
        elif pd.isna(row.computed):
            not_computed[label].append(row.channel)
        else:
            matched[month][row.channel] = (int(row.expected), int(row.computed))
    for label, channels in sorted(not_published.items()):
        warnings.append(f"no published figure for {label} ({', '.join(channels)}): not compared")
    for label, channels in sorted(not_computed.items()):
        warnings.append(
            f"published figure for {label} ({', '.join(channels)}) has no computed figure "
            "(month not processed yet?): not compared"
        )

    rows: list[tuple[str, str, str, str, int, int]] = []
    yearly: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for month in sorted(matched):
        label = month.strftime("%Y-%m")
        for channel in CHANNELS:
            if channel in matched[month]:
                expected, computed = matched[month][channel]
                rows.append(("monthly", label, channel, "interactions", expected, computed))
                yearly[(month.year, channel)][0] += expected
                yearly[(month.year, channel)][1] += computed
        if set(matched[month]) != set(CHANNELS):
            warnings.append(f"{label}: not every channel has both figures: total not compared")
            continue
        computed_total = totals.get(month)
        if computed_total is None:
            warnings.append(f"{label}: no computed total: total not compared")
            continue
        expected_total = sum(matched[month][channel][0] for channel in CHANNELS)
        rows.append(("monthly", label, "total", "interactions", expected_total, computed_total))
        yearly[(month.year, "total")][0] += expected_total
        yearly[(month.year, "total")][1] += computed_total
    for (year, channel), (expected, computed) in sorted(
        yearly.items(), key=lambda item: (item[0][0], (*CHANNELS, "total").index(item[0][1]))
    ):
        rows.append(("yearly", str(year), channel, "interactions", expected, computed))
    return Comparison(_frame(rows), warnings)


# (b) internal consolidation --------------------------------------------------------------------

_INTERNAL_SQL = """
with m as (select * from marts.indicators_monthly),
interactions as (
    select month, channel, numerator as n from m where indicator = 'interactions'
),
months as (select distinct month from m),
by_month as (
    select
        mo.month,
        coalesce(sum(i.n) filter (where i.channel in ('presencial', 'telefonico', 'virtual')), 0) as ptv,
        coalesce(max(i.n) filter (where i.channel = 'total'), 0) as total,
        coalesce(max(i.n) filter (where i.channel = 'presencial'), 0) as presencial,
        coalesce(max(i.n) filter (where i.channel = 'virtual'), 0) as virtual
    from months mo left join interactions i on i.month = mo.month
    group by mo.month
),
visits as (
    select month, sum(numerator) as n from m
    where indicator in ('visits_par', 'visits_pal') and channel = 'presencial' group by month
),
emails as (
    select month, sum(numerator) as n from m
    where indicator in ('emails_in', 'emails_out') and channel = 'virtual' group by month
),
points as (
    select month, sum(visits) as n from marts.visits_by_point_monthly group by month
),
point_months as (select month from months union select month from points)
select 'total = presencial + telefonico + virtual' as rule, strftime(month, '%Y-%m') as period,
       'total' as channel, 'interactions: total = presencial + telefonico + virtual' as figure,
       ptv as expected, total as computed
from by_month
where ptv <> 0 or total <> 0
union all
select 'visits = presencial interactions', strftime(b.month, '%Y-%m'), 'presencial',
       'visits_par + visits_pal = interactions', b.presencial, coalesce(v.n, 0)
from by_month b left join visits v on v.month = b.month
where b.presencial <> 0 or v.n is not null
union all
select 'emails = virtual interactions', strftime(b.month, '%Y-%m'), 'virtual',
       'emails_in + emails_out = interactions', b.virtual, coalesce(e.n, 0)
from by_month b left join emails e on e.month = b.month
where b.virtual <> 0 or e.n is not null
union all
select 'points = presencial interactions', strftime(pm.month, '%Y-%m'), 'presencial',
       'sum of visits_by_point_monthly.visits = interactions', coalesce(b.presencial, 0), coalesce(p.n, 0)
from point_months pm
left join by_month b on b.month = pm.month
left join points p on p.month = pm.month
where coalesce(b.presencial, 0) <> 0 or p.n is not null
union all
select 'raters <= interactions', strftime(s.month, '%Y-%m'), s.channel,
       s.indicator || ': raters <= interactions', coalesce(i.n, 0), s.denominator
from m s left join interactions i on i.month = s.month and i.channel = s.channel
where s.indicator in ('satisfaction', 'perception', 'trust')
"""

_YEARLY_SQL = """
with monthly as (
    select year(month)::integer as year, channel, indicator,
           sum(numerator) as numerator, sum(denominator) as denominator,
           count(denominator) as rated_months, count(*) as months
    from marts.indicators_monthly
    group by all
),
joined as (
    select coalesce(y.year, m.year) as year, coalesce(y.channel, m.channel) as channel,
           coalesce(y.indicator, m.indicator) as indicator,
           m.numerator as m_num, y.numerator as y_num,
           case when m.rated_months > 0 then m.denominator end as m_den, y.denominator as y_den,
           m.months as m_months, y.months as y_months
    from marts.indicators_yearly y
    full outer join monthly m on y.year = m.year and y.channel = m.channel and y.indicator = m.indicator
)
select 'yearly = sum of monthly' as rule, year::varchar as period, channel,
       indicator || ' numerator: yearly = sum of monthly' as figure,
       coalesce(m_num, 0) as expected, coalesce(y_num, 0) as computed
from joined
union all
select 'yearly = sum of monthly', year::varchar, channel,
       indicator || ' denominator: yearly = sum of monthly', coalesce(m_den, 0), coalesce(y_den, 0)
from joined where m_den is not null or y_den is not null
union all
select 'yearly = sum of monthly', year::varchar, channel,
       indicator || ' months: yearly = monthly rows', coalesce(m_months, 0), coalesce(y_months, 0)
from joined
order by 2, 3, 4
"""


def internal_consolidation(con: duckdb.DuckDBPyConnection) -> Comparison:
    """Sums that must agree inside the warehouse: channels, PAR/PAL, e-mails, points, years, raters."""
    monthly = con.execute(_INTERNAL_SQL + " order by 2, 3, 4").df()
    yearly = con.execute(_YEARLY_SQL).df()
    frame = _typed(pd.concat([monthly, yearly], ignore_index=True))
    # every rule is an equality except the survey raters, an upper bound
    frame["relation"] = ["<=" if rule == RATERS_RULE else "=" for rule in frame["rule"]]
    return Comparison(frame)


# (c) rates in range ----------------------------------------------------------------------------

_RATES_SQL = """
select strftime(month, '%Y-%m') as period, channel, indicator, numerator, denominator, value
from marts.indicators_monthly where denominator is not null
union all
select year::varchar, channel, indicator, numerator, denominator, value
from marts.indicators_yearly where denominator is not null
order by 1, 2, 3
"""


def rates(con: duckdb.DuckDBPyConnection) -> Comparison:
    """Every mart row with a denominator (monthly and yearly); ``kind`` separates response rates,
    which may exceed 1 when surveys are dated in the month after the interaction."""
    frame = con.execute(_RATES_SQL).df()
    frame["kind"] = ["response_rate" if i in RESPONSE_RATES else "rate" for i in frame["indicator"]]
    frame = frame.astype(
        {"period": "object", "channel": "object", "indicator": "object", "kind": "object"}
    ).astype({"numerator": "int64", "denominator": "int64", "value": "float64"})
    return Comparison(frame.reset_index(drop=True))


# entry point -----------------------------------------------------------------------------------

BUILDERS = {
    "published_figures_reconcile": published_figures,
    "internal_consolidation": internal_consolidation,
    "rates_in_range": rates,
}


def compare(name: str, warehouse: Path) -> Comparison:
    """Open the warehouse read-only, build the check's frame, and close the connection."""
    if name not in BUILDERS:
        raise KeyError(f"unknown check {name!r}; known: {', '.join(BUILDERS)}")
    warehouse = Path(warehouse)
    if not warehouse.is_file():
        raise FileNotFoundError(f"warehouse {warehouse} does not exist")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return BUILDERS[name](con)
    finally:
        con.close()


def _frame(rows: list[tuple[str, str, str, str, int, int]]) -> pd.DataFrame:
    columns = ["rule", "period", "channel", "figure", "expected", "computed"]
    frame = _typed(pd.DataFrame(rows, columns=columns))
    frame["relation"] = "="
    return frame


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Plain object strings and int64 counts, so GX and the failure rows see the same values."""
    text = {column: "object" for column in ("rule", "period", "channel", "figure")}
    return frame.astype(text).astype({"expected": "int64", "computed": "int64"}).reset_index(drop=True)
