"""dbt marts on a hand-made warehouse: every figure checked against a hand count.

The fixture (build_fixture_warehouse.py) has a handful of rows per source;
the expected figures below are worked out from those rows by hand, not read
back from the marts. Each test runs the real `dbt build` of dbt_project/ in a
subprocess, with ANM_WAREHOUSE pointing at a fixture file under tmp_path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_fixture_warehouse import build_fixture, insert_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "dbt_project"

NOV = dt.date(2025, 11, 1)
OCT = dt.date(2025, 10, 1)
DEC = dt.date(2025, 12, 1)
SEP = dt.date(2025, 9, 1)
DEC24 = dt.date(2024, 12, 1)

COUNT = None  # denominator of a count indicator

# (month, channel, indicator) -> (numerator, denominator); the whole table.
EXPECTED_MONTHLY: dict[tuple[dt.date, str, str], tuple[int, int | None]] = {
    # 2024-12: call C09 at 23:50 on 31 Dec, answered, not resolved.
    (DEC24, "telefonico", "interactions"): (1, COUNT),
    (DEC24, "telefonico", "calls_inbound"): (1, COUNT),
    (DEC24, "telefonico", "calls_answer_rate"): (1, 1),
    (DEC24, "telefonico", "first_contact_resolution"): (0, 1),
    (DEC24, "total", "interactions"): (1, COUNT),
    # 2025-09: only C11, inbound, unanswered: 0 attended, answer rate 0/1, no FCR row.
    (SEP, "telefonico", "interactions"): (0, COUNT),
    (SEP, "telefonico", "calls_inbound"): (1, COUNT),
    (SEP, "telefonico", "calls_answer_rate"): (0, 1),
    (SEP, "total", "interactions"): (0, COUNT),
    # 2025-10: visit V6 (MED, PAR, resolved); call C08; e-mails 7 in, 0 out.
    (OCT, "presencial", "interactions"): (1, COUNT),
    (OCT, "presencial", "first_contact_resolution"): (1, 1),
    (OCT, "presencial", "visits_par"): (1, 1),
    (OCT, "presencial", "visits_pal"): (0, 1),
    (OCT, "telefonico", "interactions"): (1, COUNT),
    (OCT, "telefonico", "calls_inbound"): (1, COUNT),
    (OCT, "telefonico", "calls_answer_rate"): (1, 1),
    (OCT, "telefonico", "first_contact_resolution"): (1, 1),
    (OCT, "virtual", "interactions"): (7, COUNT),
    (OCT, "virtual", "emails_in"): (7, COUNT),
    (OCT, "virtual", "emails_out"): (0, COUNT),
    (OCT, "total", "interactions"): (9, COUNT),  # 1 + 1 + 7
    # 2025-11
    # presencial V1-V5: BOG x2 (central office, tipo PAL in the file, counts as PAR),
    # MED (PAR, not resolved), NOB and POP (PAL).
    (NOV, "presencial", "interactions"): (5, COUNT),
    (NOV, "presencial", "first_contact_resolution"): (4, 5),
    (NOV, "presencial", "visits_par"): (3, 5),
    (NOV, "presencial", "visits_pal"): (2, 5),
    # calls: attended C01, C02, C04 (outbound callback), C05 (23:50 on 30 Nov);
    # inbound offered C01, C02, C03 (unanswered), C05; C07 outbound unanswered.
    (NOV, "telefonico", "interactions"): (4, COUNT),
    (NOV, "telefonico", "first_contact_resolution"): (3, 4),  # C01, C04, C05
    (NOV, "telefonico", "calls_inbound"): (4, COUNT),
    (NOV, "telefonico", "calls_answer_rate"): (3, 4),
    # e-mails: in 10 + 5, out 4 + 1
    (NOV, "virtual", "interactions"): (20, COUNT),
    (NOV, "virtual", "emails_in"): (15, COUNT),
    (NOV, "virtual", "emails_out"): (5, COUNT),
    (NOV, "total", "interactions"): (29, COUNT),  # 5 + 4 + 20
    # WhatsApp W1-W3 (W3 at 23:55 on 30 Nov): handed W1; effective W1, W2; resolved W1, W2.
    (NOV, "whatsapp", "interactions"): (3, COUNT),
    (NOV, "whatsapp", "first_contact_resolution"): (2, 3),
    (NOV, "whatsapp", "whatsapp_effective_queries"): (2, 3),
    (NOV, "whatsapp", "whatsapp_agent_handoff"): (1, 3),
    # surveys: presencial S1 (5,4,3) S2 (4,-,-) S3 (2,5,5)
    (NOV, "presencial", "satisfaction"): (2, 3),
    (NOV, "presencial", "perception"): (2, 2),
    (NOV, "presencial", "trust"): (1, 2),
    (NOV, "presencial", "satisfaction_response_rate"): (3, 5),
    (NOV, "presencial", "perception_response_rate"): (2, 5),
    (NOV, "presencial", "trust_response_rate"): (2, 5),
    # telefonico S4 (5,5,-) S5 (3,-,4)
    (NOV, "telefonico", "satisfaction"): (1, 2),
    (NOV, "telefonico", "perception"): (1, 1),
    (NOV, "telefonico", "trust"): (1, 1),
    (NOV, "telefonico", "satisfaction_response_rate"): (2, 4),
    (NOV, "telefonico", "perception_response_rate"): (1, 4),
    (NOV, "telefonico", "trust_response_rate"): (1, 4),
    # virtual S7 (-,4,1): no satisfaction row, but a 0 response rate for it
    (NOV, "virtual", "perception"): (1, 1),
    (NOV, "virtual", "trust"): (0, 1),
    (NOV, "virtual", "satisfaction_response_rate"): (0, 20),
    (NOV, "virtual", "perception_response_rate"): (1, 20),
    (NOV, "virtual", "trust_response_rate"): (1, 20),
    # whatsapp S6 (5,-,-): reported for whatsapp, never in total
    (NOV, "whatsapp", "satisfaction"): (1, 1),
    (NOV, "whatsapp", "satisfaction_response_rate"): (1, 3),
    (NOV, "whatsapp", "perception_response_rate"): (0, 3),
    (NOV, "whatsapp", "trust_response_rate"): (0, 3),
    # total = presencial + telefonico + virtual: sat 5,4,2,5,3 -> 3/5;
    # perc 4,5,5,4 -> 4/4; trust 3,5,4,1 -> 2/4; consolidated (3+4+2)/(5+4+4)
    (NOV, "total", "satisfaction"): (3, 5),
    (NOV, "total", "perception"): (4, 4),
    (NOV, "total", "trust"): (2, 4),
    (NOV, "total", "satisfaction_response_rate"): (5, 29),
    (NOV, "total", "perception_response_rate"): (4, 29),
    (NOV, "total", "trust_response_rate"): (4, 29),
    (NOV, "total", "consolidated_satisfaction"): (9, 13),
    # 2025-12: call C06 at 00:05 on 1 Dec; conversation W4; survey S8 telefonico (4,-,-)
    (DEC, "telefonico", "interactions"): (1, COUNT),
    (DEC, "telefonico", "calls_inbound"): (1, COUNT),
    (DEC, "telefonico", "calls_answer_rate"): (1, 1),
    (DEC, "telefonico", "first_contact_resolution"): (1, 1),
    (DEC, "telefonico", "satisfaction"): (1, 1),
    (DEC, "telefonico", "satisfaction_response_rate"): (1, 1),
    (DEC, "telefonico", "perception_response_rate"): (0, 1),
    (DEC, "telefonico", "trust_response_rate"): (0, 1),
    (DEC, "whatsapp", "interactions"): (1, COUNT),
    (DEC, "whatsapp", "first_contact_resolution"): (1, 1),
    (DEC, "whatsapp", "whatsapp_effective_queries"): (1, 1),
    (DEC, "whatsapp", "whatsapp_agent_handoff"): (0, 1),
    (DEC, "total", "interactions"): (1, COUNT),
    (DEC, "total", "satisfaction"): (1, 1),
    (DEC, "total", "satisfaction_response_rate"): (1, 1),
    (DEC, "total", "perception_response_rate"): (0, 1),
    (DEC, "total", "trust_response_rate"): (0, 1),
    (DEC, "total", "consolidated_satisfaction"): (1, 1),
}

# (month, codigo_punto) -> (nombre, ciudad, tipo, visits, resolved_first_contact)
EXPECTED_VISITS_BY_POINT = {
    (OCT, "MED"): ("PAR Medellín", "Medellín", "PAR", 1, 1),
    (NOV, "BOG"): ("Sede central Bogotá", "Bogotá", "PAR", 2, 2),
    (NOV, "MED"): ("PAR Medellín", "Medellín", "PAR", 1, 0),
    (NOV, "NOB"): ("PAL Nobsa", "Nobsa", "PAL", 1, 1),
    (NOV, "POP"): ("PAL Popayán", "Popayán", "PAL", 1, 1),
}


# ---------------------------------------------------------------- helpers


def run_dbt(
    warehouse: Path, work: Path, *args: str, check: bool = True, months: tuple[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`dbt <args>` on the fixture; `months` as the orchestrator passes them (environment)."""
    env = {
        **os.environ,
        "ANM_MONTH_START": months[0] if months else "",
        "ANM_MONTH_END": months[1] if months else "",
        "ANM_WAREHOUSE": str(warehouse),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        # keep artefacts of the test run out of dbt_project/
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    cmd = [
        sys.executable,
        "-m",
        "dbt.cli.main",
        *args,
        "--project-dir",
        str(PROJECT),
        "--profiles-dir",
        str(PROJECT),
    ]
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
        )
    return result


def month_vars(first: str, last: str) -> str:
    return json.dumps({"month_start": first, "month_end": last})


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def monthly(warehouse: Path) -> dict[tuple, tuple]:
    rows = query(
        warehouse,
        "select month, channel, indicator, numerator, denominator, value from marts.indicators_monthly",
    )
    table = {(m, c, i): (n, d, v) for m, c, i, n, d, v in rows}
    assert len(table) == len(rows), "duplicate (month, channel, indicator) rows"
    return table


def assert_values_consistent(table: dict[tuple, tuple]) -> None:
    for key, (num, den, value) in table.items():
        expected = num if den is None else num / den
        assert value == pytest.approx(expected, abs=1e-12), key


def expected_yearly(expected_monthly: dict) -> dict[tuple, tuple]:
    """Pooled by hand: sum numerators and denominators, count months."""
    acc: dict[tuple, list] = defaultdict(lambda: [0, None, 0])
    for (month, channel, indicator), (num, den) in expected_monthly.items():
        entry = acc[(month.year, channel, indicator)]
        entry[0] += num
        entry[1] = den if entry[1] is None else entry[1] + den
        entry[2] += 1
    return {key: tuple(v) for key, v in acc.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_marts")
    warehouse = build_fixture(work / "anm.duckdb")
    run_dbt(warehouse, work, "build")
    return warehouse


# ---------------------------------------------------------------- marts


def test_indicators_monthly_is_exactly_the_hand_count(built: Path) -> None:
    table = monthly(built)
    got = {key: (num, den) for key, (num, den, _) in table.items()}
    missing = sorted(set(EXPECTED_MONTHLY) - set(got))
    extra = sorted(set(got) - set(EXPECTED_MONTHLY))
    assert not missing, f"rows missing: {missing}"
    assert not extra, f"unexpected rows (a pair with no data must have no row): {extra}"
    wrong = {k: (got[k], EXPECTED_MONTHLY[k]) for k in EXPECTED_MONTHLY if got[k] != EXPECTED_MONTHLY[k]}
    assert not wrong, f"(got, expected): {wrong}"
    assert_values_consistent(table)


def test_month_boundaries_use_local_event_time(built: Path) -> None:
    table = monthly(built)
    # C05 at 23:50 on 30 Nov and W3 at 23:55 on 30 Nov stay in November;
    # C09 at 23:50 on 31 Dec 2024 stays in 2024; C06 at 00:05 on 1 Dec is December.
    assert table[(NOV, "telefonico", "calls_inbound")][0] == 4
    assert table[(NOV, "whatsapp", "interactions")][0] == 3
    assert table[(DEC24, "telefonico", "interactions")][0] == 1
    assert table[(DEC, "telefonico", "interactions")][0] == 1
    hours = query(
        built,
        "select month, linea, hour_of_day, calls from marts.calls_by_line_hour_monthly where hour_of_day >= 23 order by all",
    )
    assert hours == [(DEC24, "bogota", 23, 1), (NOV, "018000", 23, 1)]


def test_column_types_follow_the_contract(built: Path) -> None:
    types = dict(
        query(
            built,
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name in ('indicators_monthly', 'indicators_yearly')",
        )
    )
    assert types == {
        "indicators_monthly.month": "DATE",
        "indicators_monthly.channel": "VARCHAR",
        "indicators_monthly.indicator": "VARCHAR",
        "indicators_monthly.numerator": "BIGINT",
        "indicators_monthly.denominator": "BIGINT",
        "indicators_monthly.value": "DOUBLE",
        "indicators_yearly.year": "INTEGER",
        "indicators_yearly.channel": "VARCHAR",
        "indicators_yearly.indicator": "VARCHAR",
        "indicators_yearly.numerator": "BIGINT",
        "indicators_yearly.denominator": "BIGINT",
        "indicators_yearly.value": "DOUBLE",
        "indicators_yearly.months": "INTEGER",
    }


def test_indicators_yearly_pools_rates(built: Path) -> None:
    rows = query(
        built,
        "select year, channel, indicator, numerator, denominator, value, months from marts.indicators_yearly",
    )
    got = {(y, c, i): (n, d, m) for y, c, i, n, d, v, m in rows}
    assert len(got) == len(rows)
    assert got == expected_yearly(EXPECTED_MONTHLY)
    assert_values_consistent({(y, c, i): (n, d, v) for y, c, i, n, d, v, m in rows})
    values = {(y, c, i): v for y, c, i, n, d, v, m in rows}
    # Answer rate 2025: Sep 0/1, Oct 1/1, Nov 3/4, Dec 1/1 -> pooled 5/7, not the mean 0.6875.
    assert got[(2025, "telefonico", "calls_answer_rate")] == (5, 7, 4)
    assert values[(2025, "telefonico", "calls_answer_rate")] == pytest.approx(5 / 7)
    # Interactions 2025: total 0 + 9 + 29 + 1 over four months; 2024 separately.
    assert got[(2025, "total", "interactions")] == (39, None, 4)
    assert got[(2024, "total", "interactions")] == (1, None, 1)
    assert got[(2025, "presencial", "visits_par")] == (4, 6, 2)


def test_visits_by_point_monthly(built: Path) -> None:
    rows = query(
        built,
        "select month, codigo_punto, nombre, ciudad, tipo, visits, resolved_first_contact "
        "from marts.visits_by_point_monthly",
    )
    got = {(m, p): (n, c, t, v, r) for m, p, n, c, t, v, r in rows}
    assert len(got) == len(rows)
    assert got == EXPECTED_VISITS_BY_POINT


def test_bi_marts(built: Path) -> None:
    summary = query(
        built,
        "select month, interactions_presencial, interactions_total, interactions_whatsapp, "
        "first_contact_resolution_presencial, first_contact_resolution_presencial_numerator, "
        "satisfaction_virtual, perception_virtual, consolidated_satisfaction_total "
        "from marts.channel_summary_monthly order by month",
    )
    assert [row[0] for row in summary] == [DEC24, SEP, OCT, NOV, DEC]
    nov = summary[3]
    assert nov[1:4] == (5, 29, 3)
    assert nov[4] == pytest.approx(0.8) and nov[5] == 4
    assert nov[6] is None and nov[7] == pytest.approx(1.0)  # no satisfaction rater in virtual
    assert nov[8] == pytest.approx(9 / 13)

    tallies = query(
        built,
        "select month, indicador, descripcion, unidad, valor from marts.team_tallies_monthly order by indicador",
    )
    assert [(t[1], t[3], t[4]) for t in tallies] == [
        ("bajas_calificaciones_contactados", "conteo", 53.0),
        ("monitoreo_calidad_telefonico", "proporcion", 0.95),
        ("sms_encuestas", "conteo", 2941.0),
    ]
    assert all(t[0] == NOV and t[2] for t in tallies)

    distribution = query(
        built,
        "select channel, question, score_1, score_2, score_3, score_4, score_5, raters, top_box_raters "
        "from marts.survey_rating_distribution_monthly where month = date '2025-11-01' order by channel, question",
    )
    assert distribution == [
        ("presencial", "perception", 0, 0, 0, 1, 1, 2, 2),
        ("presencial", "satisfaction", 0, 1, 0, 1, 1, 3, 2),
        ("presencial", "trust", 0, 0, 1, 0, 1, 2, 1),
        ("telefonico", "perception", 0, 0, 0, 0, 1, 1, 1),
        ("telefonico", "satisfaction", 0, 0, 1, 0, 1, 2, 1),
        ("telefonico", "trust", 0, 0, 0, 1, 0, 1, 1),
        ("virtual", "perception", 0, 0, 0, 1, 0, 1, 1),
        ("virtual", "trust", 1, 0, 0, 0, 0, 1, 0),
        ("whatsapp", "satisfaction", 0, 0, 0, 0, 1, 1, 1),
    ]

    calls = query(
        built,
        "select linea, sentido, hour_of_day, calls, attended_calls, resolved_first_contact, avg_wait_seconds "
        "from marts.calls_by_line_hour_monthly where month = date '2025-11-01' order by all",
    )
    assert calls == [
        ("018000", "entrante", 10, 1, 1, 0, 120.0),
        ("018000", "entrante", 23, 1, 1, 1, 120.0),
        ("bogota", "entrante", 9, 1, 1, 1, 60.0),
        ("bogota", "entrante", 11, 1, 0, 0, None),
        ("te_llamamos", "saliente", 15, 1, 1, 1, 20.0),
        ("te_llamamos", "saliente", 16, 1, 0, 0, None),
    ]

    topics = query(
        built,
        "select tipo_usuario, tema, visits, resolved_first_contact "
        "from marts.visits_by_user_type_topic_monthly where month = date '2025-11-01' order by all",
    )
    assert topics == [
        ("(sin dato)", "(sin dato)", 1, 1),
        ("minero de subsistencia", "formalizacion", 1, 1),
        ("solicitante", "regalias", 1, 0),
        ("titular minero", "titulacion", 2, 2),
    ]


def test_models_land_in_their_schemas(built: Path) -> None:
    rows = query(
        built,
        "select table_schema, count(*) from information_schema.tables "
        "where table_schema in ('staging', 'intermediate', 'marts', 'main_marts', 'main_staging') group by all order by 1",
    )
    assert [r[0] for r in rows] == ["intermediate", "marts", "staging"]
    marts = {
        r[0]
        for r in query(built, "select table_name from information_schema.tables where table_schema = 'marts'")
    }
    assert marts == {
        "indicators_monthly",
        "indicators_yearly",
        "visits_by_point_monthly",
        "channel_summary_monthly",
        "team_tallies_monthly",
        "survey_rating_distribution_monthly",
        "calls_by_line_hour_monthly",
        "visits_by_user_type_topic_monthly",
    }


# ---------------------------------------------------------------- incremental


def test_rerunning_a_month_replaces_exactly_that_month(tmp_path: Path) -> None:
    warehouse = build_fixture(tmp_path / "anm.duckdb")
    # First run with vars on an empty warehouse: the tables do not exist yet,
    # so every month is built.
    run_dbt(warehouse, tmp_path, "build", "--vars", month_vars("2025-11-01", "2025-11-01"))
    before = monthly(warehouse)
    assert {k: (n, d) for k, (n, d, _) in before.items()} == EXPECTED_MONTHLY

    con = duckdb.connect(str(warehouse))
    try:
        # November changes: a visit at Cali (PAR), an e-mail count corrected
        # 10 -> 12, and every WhatsApp conversation of the month gone.
        insert_rows(
            con,
            "presencial",
            [("V7", "2025-11-12 10:00:00", "CAL", "CC", "comunidad", "regalias", True, "S6")],
        )
        con.execute(
            "update raw.emails set cantidad = 12 where fecha = date '2025-11-03' and sentido = 'entrada'"
        )
        con.execute("delete from raw.whatsapp where month = date '2025-11-01'")
        # An October change that this run must NOT pick up.
        c10 = (
            "C10",
            "bogota",
            "entrante",
            "2025-10-16 10:00",
            "2025-10-16 10:01",
            "2025-10-16 10:09",
            "A1",
            "regalias",
            False,
        )
        insert_rows(con, "calls", [c10])
    finally:
        con.close()

    run_dbt(warehouse, tmp_path, "build", "--vars", month_vars("2025-11-01", "2025-11-01"))
    after = monthly(warehouse)
    assert_values_consistent(after)

    # Every other month is untouched, row for row (October keeps its stale 1 call).
    assert {k: v for k, v in after.items() if k[0] != NOV} == {k: v for k, v in before.items() if k[0] != NOV}
    assert after[(OCT, "telefonico", "interactions")][:2] == (1, None)

    nov = {k[1:]: v[:2] for k, v in after.items() if k[0] == NOV}
    assert nov[("presencial", "interactions")] == (6, None)
    assert nov[("presencial", "visits_par")] == (4, 6)
    assert nov[("presencial", "visits_pal")] == (2, 6)
    assert nov[("presencial", "first_contact_resolution")] == (5, 6)
    assert nov[("virtual", "emails_in")] == (17, None)
    assert nov[("virtual", "interactions")] == (22, None)
    assert nov[("total", "interactions")] == (32, None)  # 6 + 4 + 22
    assert nov[("total", "satisfaction_response_rate")] == (5, 32)
    # Pairs whose data disappeared have no row any more, instead of a stale one.
    for indicator in (
        "interactions",
        "first_contact_resolution",
        "whatsapp_effective_queries",
        "whatsapp_agent_handoff",
        "satisfaction_response_rate",
    ):
        assert ("whatsapp", indicator) not in nov, indicator
    assert nov[("whatsapp", "satisfaction")] == (1, 1)  # the survey S6 is still there
    assert after[(DEC, "whatsapp", "interactions")][:2] == (1, None)

    points = query(
        warehouse,
        "select codigo_punto, visits from marts.visits_by_point_monthly where month = date '2025-11-01' order by 1",
    )
    assert points == [("BOG", 2), ("CAL", 1), ("MED", 1), ("NOB", 1), ("POP", 1)]
    assert query(
        warehouse,
        "select interactions_whatsapp, interactions_total from marts.channel_summary_monthly where month = date '2025-11-01'",
    ) == [(None, 32)]

    # indicators_yearly is rebuilt in full from the monthly mart.
    yearly = {
        (c, i): (n, d, m)
        for c, i, n, d, m in query(
            warehouse,
            "select channel, indicator, numerator, denominator, months from marts.indicators_yearly where year = 2025",
        )
    }
    assert yearly[("presencial", "interactions")] == (7, None, 2)
    assert yearly[("whatsapp", "interactions")] == (1, None, 1)
    assert yearly[("telefonico", "interactions")] == (6, None, 4)
    assert yearly[("total", "interactions")] == (42, None, 4)  # 0 + 9 + 32 + 1

    con = duckdb.connect(str(warehouse))
    try:
        con.execute("delete from raw.calls where id_llamada = 'C06'")  # December's only call
    finally:
        con.close()
    # A range of months, given as the orchestrator gives it (ANM_MONTH_START/END):
    # October and November are rebuilt, October now sees C10; December is not.
    run_dbt(warehouse, tmp_path, "build", months=("2025-10-01", "2025-11-01"))
    ranged = monthly(warehouse)
    assert ranged[(OCT, "telefonico", "interactions")][:2] == (2, None)
    assert ranged[(OCT, "telefonico", "first_contact_resolution")][:2] == (1, 2)
    assert ranged[(NOV, "presencial", "interactions")][:2] == (6, None)
    assert ranged[(DEC, "telefonico", "interactions")] == after[(DEC, "telefonico", "interactions")]

    # No months on existing tables: every month is rebuilt, nothing duplicated.
    run_dbt(warehouse, tmp_path, "build")
    full = monthly(warehouse)
    assert_values_consistent(full)
    assert full[(OCT, "telefonico", "interactions")][:2] == (2, None)
    # December keeps its conversation W4 and the survey S8 about a phone call,
    # but has no call, hence no telephone or total interactions and no
    # response rates (nothing to divide by).
    dec = {k[1:]: v[:2] for k, v in full.items() if k[0] == DEC}
    assert dec == {
        ("telefonico", "satisfaction"): (1, 1),
        ("total", "satisfaction"): (1, 1),
        ("total", "consolidated_satisfaction"): (1, 1),
        ("whatsapp", "interactions"): (1, None),
        ("whatsapp", "first_contact_resolution"): (1, 1),
        ("whatsapp", "whatsapp_effective_queries"): (1, 1),
        ("whatsapp", "whatsapp_agent_handoff"): (0, 1),
    }
    for table, key in (
        ("visits_by_point_monthly", "month, codigo_punto"),
        ("channel_summary_monthly", "month"),
        ("team_tallies_monthly", "month, indicador"),
        ("survey_rating_distribution_monthly", "month, channel, question"),
        ("calls_by_line_hour_monthly", "month, linea, sentido, hour_of_day"),
        ("visits_by_user_type_topic_monthly", "month, tipo_usuario, tema"),
    ):
        dupes = query(
            warehouse, f"select {key}, count(*) from marts.{table} group by all having count(*) > 1"
        )
        assert not dupes, (table, dupes)
    assert query(warehouse, "select count(*) from marts.team_tallies_monthly") == [(3,)]


def test_bad_month_vars_are_refused(tmp_path: Path) -> None:
    warehouse = build_fixture(tmp_path / "anm.duckdb")
    result = run_dbt(
        warehouse, tmp_path, "build", "--vars", month_vars("2025-11-01", "2025-10-01"), check=False
    )
    assert result.returncode != 0
    assert "is before 'month_start'" in result.stdout


# ---------------------------------------------------------------- the dbt tests bite


def node_statuses(work: Path) -> dict[str, str]:
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: r["status"] for r in results}


def test_bad_raw_data_stops_the_build(tmp_path: Path) -> None:
    """A visit at a point missing from the reference fails the staging relationship
    test and nothing that depends on visits is published."""
    warehouse = build_fixture(tmp_path / "anm.duckdb")
    con = duckdb.connect(str(warehouse))
    try:
        insert_rows(con, "presencial", [("V9", "2025-11-20 10:00:00", "ZZZ", "CC", None, None, True, "S1")])
    finally:
        con.close()
    result = run_dbt(warehouse, tmp_path, "build", check=False)
    assert result.returncode != 0
    statuses = node_statuses(tmp_path)
    relationship_test = (
        "relationships_stg_raw__presencial_codigo_punto__codigo_punto__ref_stg_reference__puntos_atencion_"
    )
    assert statuses[relationship_test] == "fail"
    assert statuses["visits_by_point_monthly"] == "skipped"
    assert statuses["indicators_monthly"] == "skipped"
    assert statuses["stg_raw__calls"] == "success"


def test_a_null_in_a_required_column_fails_naming_the_column(tmp_path: Path) -> None:
    """not_null_columns: one test per model, one failing row per column holding NULLs."""
    warehouse = build_fixture(tmp_path / "anm.duckdb")
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("update raw.calls set linea = null where id_llamada = 'C01'")
    finally:
        con.close()
    result = run_dbt(warehouse, tmp_path, "build", "--select", "source:raw.calls", check=False)
    assert result.returncode != 0
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    failed = [r for r in results if r["status"] == "fail"]
    assert [r["unique_id"].split(".")[2] for r in failed] == [
        "source_not_null_columns_raw_calls_id_llamada__linea__sentido__fecha_inicio__month"
    ]
    assert failed[0]["failures"] == 1  # one column (linea) holds NULLs
    con = duckdb.connect(str(warehouse))
    try:
        assert con.execute(failed[0]["compiled_code"]).fetchall() == [("linea", 1)]
    finally:
        con.close()


TAMPERS = {
    "assert_total_interactions_equal_sum_of_channels": (
        "update marts.indicators_monthly set numerator = numerator + 1, value = value + 1 "
        "where month = date '2025-11-01' and channel = 'total' and indicator = 'interactions'"
    ),
    "assert_visits_par_plus_pal_equal_presencial": (
        "update marts.indicators_monthly set numerator = numerator + 1 "
        "where month = date '2025-11-01' and indicator = 'visits_pal'"
    ),
    "assert_emails_in_plus_out_equal_virtual": (
        "update marts.indicators_monthly set numerator = numerator - 1 "
        "where month = date '2025-10-01' and indicator = 'emails_in'"
    ),
    "assert_visits_by_point_equal_presencial": (
        "delete from marts.visits_by_point_monthly where codigo_punto = 'NOB'"
    ),
    "assert_yearly_equals_sum_of_monthly": (
        "update marts.indicators_yearly set months = months + 1 where channel = 'virtual'"
    ),
    "assert_indicator_channel_pairs_allowed": (
        "insert into marts.indicators_monthly values (date '2025-11-01', 'virtual', 'calls_inbound', 1, null, 1)"
    ),
    "assert_interactions_match_published_figures": (
        "update marts.indicators_monthly set numerator = 6 "
        "where month = date '2025-11-01' and channel = 'presencial' and indicator = 'interactions'"
    ),
}


@pytest.fixture(scope="module")
def tamper_dir(tmp_path_factory) -> Path:
    """One warehouse path and dbt target for all tamper cases, so dbt parses partially."""
    return tmp_path_factory.mktemp("tamper")


@pytest.mark.parametrize("test_name", sorted(TAMPERS))
def test_reconciliation_tests_catch_a_broken_mart(built: Path, tamper_dir: Path, test_name: str) -> None:
    """Each singular test fails when the invariant it guards is broken."""
    warehouse = tamper_dir / "anm.duckdb"
    shutil.copy(built, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(TAMPERS[test_name])
    finally:
        con.close()
    run_dbt(warehouse, tamper_dir, "test", "--select", test_name, check=False)
    expected = "warn" if test_name == "assert_interactions_match_published_figures" else "fail"
    assert node_statuses(tamper_dir) == {test_name: expected}


def test_docs_generate(built: Path, tmp_path: Path) -> None:
    run_dbt(built, tmp_path, "docs", "generate")
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    assert "model.anm.indicators_monthly" in catalog["nodes"]
