"""Another agency's months, in the contract's formats, through the environment variables only.

A small data set with answers worked out by hand: `python -m pipelines.monthly`
(what `make monthly` runs) must give exactly these figures, with no edit to the
project - only ANM_RAW_DIR, ANM_REFERENCE_DIR, ANM_WAREHOUSE and ANM_PII_KEY.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from anm_testing import DataSet, monthly, write_agency

MAR, APR = dt.date(2019, 3, 1), dt.date(2019, 4, 1)


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    data = DataSet(tmp_path_factory.mktemp("agency"))
    write_agency(data)
    result = monthly(data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return data


def indicators(data: DataSet, month: dt.date) -> dict[tuple[str, str], tuple[int, int | None]]:
    with duckdb.connect(str(data.warehouse), read_only=True) as con:
        rows = con.execute(
            "select channel, indicator, numerator, denominator from marts.indicators_monthly where month = ?",
            [month],
        ).fetchall()
    return {
        (channel, indicator): (numerator, denominator) for channel, indicator, numerator, denominator in rows
    }


def test_march_indicators_are_exactly_the_hand_computed_ones(agency: DataSet) -> None:
    assert indicators(agency, MAR) == {
        ("presencial", "interactions"): (3, None),
        ("telefonico", "interactions"): (4, None),
        ("virtual", "interactions"): (22, None),
        ("whatsapp", "interactions"): (2, None),
        ("total", "interactions"): (29, None),
        ("presencial", "first_contact_resolution"): (2, 3),
        ("telefonico", "first_contact_resolution"): (3, 4),
        ("whatsapp", "first_contact_resolution"): (1, 2),
        ("telefonico", "calls_inbound"): (4, None),
        ("telefonico", "calls_answer_rate"): (3, 4),
        ("virtual", "emails_in"): (15, None),
        ("virtual", "emails_out"): (7, None),
        ("presencial", "visits_par"): (2, 3),
        ("presencial", "visits_pal"): (1, 3),
        ("whatsapp", "whatsapp_effective_queries"): (1, 2),
        ("whatsapp", "whatsapp_agent_handoff"): (1, 2),
        ("presencial", "satisfaction"): (2, 2),
        ("presencial", "perception"): (1, 1),
        ("presencial", "trust"): (0, 2),
        ("telefonico", "satisfaction"): (0, 1),
        ("telefonico", "perception"): (1, 1),
        ("telefonico", "trust"): (1, 1),
        ("virtual", "satisfaction"): (1, 1),
        ("virtual", "perception"): (1, 1),
        ("virtual", "trust"): (1, 1),
        ("whatsapp", "satisfaction"): (0, 1),
        ("whatsapp", "perception"): (0, 1),
        ("whatsapp", "trust"): (0, 1),
        ("total", "satisfaction"): (3, 4),
        ("total", "perception"): (3, 3),
        ("total", "trust"): (2, 4),
        ("total", "consolidated_satisfaction"): (8, 11),
        ("presencial", "satisfaction_response_rate"): (2, 3),
        ("presencial", "perception_response_rate"): (1, 3),
        ("presencial", "trust_response_rate"): (2, 3),
        ("telefonico", "satisfaction_response_rate"): (1, 4),
        ("telefonico", "perception_response_rate"): (1, 4),
        ("telefonico", "trust_response_rate"): (1, 4),
        ("virtual", "satisfaction_response_rate"): (1, 22),
        ("virtual", "perception_response_rate"): (1, 22),
        ("virtual", "trust_response_rate"): (1, 22),
        ("whatsapp", "satisfaction_response_rate"): (1, 2),
        ("whatsapp", "perception_response_rate"): (1, 2),
        ("whatsapp", "trust_response_rate"): (1, 2),
        ("total", "satisfaction_response_rate"): (4, 29),
        ("total", "perception_response_rate"): (3, 29),
        ("total", "trust_response_rate"): (4, 29),
    }


def test_april_has_rows_only_where_there_is_data(agency: DataSet) -> None:
    assert indicators(agency, APR) == {
        ("presencial", "interactions"): (1, None),
        ("telefonico", "interactions"): (1, None),
        ("virtual", "interactions"): (5, None),
        ("total", "interactions"): (7, None),
        ("presencial", "first_contact_resolution"): (1, 1),
        ("telefonico", "first_contact_resolution"): (0, 1),
        ("telefonico", "calls_inbound"): (1, None),
        ("telefonico", "calls_answer_rate"): (1, 1),
        ("virtual", "emails_in"): (3, None),
        ("virtual", "emails_out"): (2, None),
        ("presencial", "visits_par"): (0, 1),
        ("presencial", "visits_pal"): (1, 1),
    }


def test_the_year_pools_rows_and_counts_its_months(agency: DataSet) -> None:
    with duckdb.connect(str(agency.warehouse), read_only=True) as con:
        rows = con.execute(
            "select channel, indicator, numerator, denominator, months from marts.indicators_yearly "
            "where year = 2019 and indicator in ('interactions', 'first_contact_resolution')"
        ).fetchall()
    assert sorted(rows) == [
        ("presencial", "first_contact_resolution", 3, 4, 2),
        ("presencial", "interactions", 4, None, 2),
        ("telefonico", "first_contact_resolution", 3, 5, 2),
        ("telefonico", "interactions", 5, None, 2),
        ("total", "interactions", 36, None, 2),
        ("virtual", "interactions", 27, None, 2),
        ("whatsapp", "first_contact_resolution", 1, 2, 1),
        ("whatsapp", "interactions", 2, None, 1),
    ]


def test_visits_by_point(agency: DataSet) -> None:
    with duckdb.connect(str(agency.warehouse), read_only=True) as con:
        rows = con.execute(
            "select month, codigo_punto, tipo, visits, resolved_first_contact from marts.visits_by_point_monthly "
            "order by month, codigo_punto"
        ).fetchall()
    assert rows == [
        (MAR, "PAL-SUR", "PAL", 1, 0),
        (MAR, "PAR-CEN", "PAR", 1, 1),
        (MAR, "PAR-NOR", "PAR", 1, 1),
        (APR, "PAL-SUR", "PAL", 1, 1),
    ]


def test_no_personal_data_in_clear_in_the_warehouse_logs_dagster_metadata_report_or_data_docs(
    agency: DataSet,
) -> None:
    from anm_testing import AGENCY_PII

    with duckdb.connect(str(agency.warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns where data_type = 'VARCHAR'"
        ).fetchall()
        for schema, table, column in columns:
            for value in AGENCY_PII:
                hits = con.execute(
                    f'select count(*) from "{schema}"."{table}" where "{column}" ilike ?', [f"%{value}%"]
                )
                assert hits.fetchone() == (0,), f"{value} in clear in {schema}.{table}.{column}"
    written = [
        path
        for folder in ("dagster_home", "reports")
        for path in (agency.root / folder).rglob("*")
        if path.is_file()
    ]
    assert any(p.suffix == ".html" for p in written) and any(
        "sqlite" in p.name or p.suffix == ".db" for p in written
    )
    for path in written:
        content = path.read_bytes()
        for value in AGENCY_PII:
            assert value.encode() not in content, f"{value} in clear in {path}"
    assert b"another-agency-secret" not in b"".join(p.read_bytes() for p in written)  # nor the key
