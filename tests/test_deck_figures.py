"""End to end: `python -m pipelines.monthly` (what `make monthly` runs) on the shipped sample
reproduces every figure of the November 2025 report from raw rows.

The figures below are the deck's (../shared/spec/deck-figures.md); the warehouse
is built once for the module, in a temporary folder, by the real entry point.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

NOV = dt.date(2025, 11, 1)

MONTHLY = {  # month: (presencial, telefonico, virtual)
    1: (847, 542, 4853),
    2: (1371, 142, 6217),
    3: (1432, 223, 6317),
    4: (1161, 220, 6711),
    5: (1362, 593, 7397),
    6: (1154, 654, 5353),
    7: (1406, 1326, 6922),
    8: (1022, 950, 4471),
    9: (1019, 1052, 5193),
    10: (991, 856, 6260),
    11: (887, 594, 5241),
}
POINT_VISITS = [213, 180, 118, 86, 30, 30, 30, 25, 24, 24, 21, 18, 16, 15, 14, 14, 12, 6, 2, 2, 2, 2, 2, 1]


@pytest.fixture(scope="module")
def warehouse(sample_build: tuple[Path, str]) -> Path:
    root, output = sample_build
    assert "ok: 2025-01 .. 2025-11" in output
    assert "marts/indicators_monthly" in output  # progress per asset
    return root / "anm.duckdb"


def figure(
    warehouse: Path, channel: str, indicator: str, month: dt.date = NOV
) -> tuple[int, int | None, float]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select numerator, denominator, value from marts.indicators_monthly "
            "where month = ? and channel = ? and indicator = ?",
            [month, channel, indicator],
        ).fetchall()
    assert len(rows) == 1, f"{month} {channel} {indicator}: {rows}"
    return rows[0]


def yearly(warehouse: Path, channel: str, indicator: str) -> tuple[int, int | None, float, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select numerator, denominator, value, months from marts.indicators_yearly "
            "where year = 2025 and channel = ? and indicator = ?",
            [channel, indicator],
        ).fetchall()
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize("month", sorted(MONTHLY))
def test_monthly_interactions_per_channel(warehouse: Path, month: int) -> None:
    presencial, telefonico, virtual = MONTHLY[month]
    first = dt.date(2025, month, 1)
    assert figure(warehouse, "presencial", "interactions", first)[0] == presencial
    assert figure(warehouse, "telefonico", "interactions", first)[0] == telefonico
    assert figure(warehouse, "virtual", "interactions", first)[0] == virtual
    assert figure(warehouse, "total", "interactions", first) == (
        presencial + telefonico + virtual,
        None,
        presencial + telefonico + virtual,
    )


def test_year_to_date_consolidated(warehouse: Path) -> None:
    assert yearly(warehouse, "presencial", "interactions")[0] == 12_652
    assert yearly(warehouse, "telefonico", "interactions")[0] == 7_152
    assert yearly(warehouse, "virtual", "interactions")[0] == 64_935
    assert yearly(warehouse, "total", "interactions") == (84_739, None, 84_739, 11)


def test_november_total(warehouse: Path) -> None:
    assert figure(warehouse, "total", "interactions") == (6_722, None, 6_722)


def test_in_person(warehouse: Path) -> None:
    assert figure(warehouse, "presencial", "visits_par")[:2] == (786, 887)
    assert figure(warehouse, "presencial", "visits_pal")[:2] == (101, 887)
    assert round(figure(warehouse, "presencial", "visits_par")[2] * 100) == 89
    assert round(figure(warehouse, "presencial", "visits_pal")[2] * 100) == 11
    numerator, denominator, value = figure(warehouse, "presencial", "first_contact_resolution")
    assert (numerator, denominator) == (836, 887)
    assert round(value * 100, 1) == 94.3


def test_visits_per_point(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select visits, tipo from marts.visits_by_point_monthly where month = ? order by visits desc",
            [NOV],
        ).fetchall()
    assert [visits for visits, _ in rows] == POINT_VISITS
    assert sum(v for v, tipo in rows if tipo == "PAL") == 101


def test_telephone(warehouse: Path) -> None:
    assert figure(warehouse, "telefonico", "interactions")[0] == 594
    numerator, denominator, value = figure(warehouse, "telefonico", "first_contact_resolution")
    assert (numerator, denominator) == (576, 594)
    assert round(value * 100) == 97
    answered, offered, rate = figure(warehouse, "telefonico", "calls_answer_rate")
    assert offered == figure(warehouse, "telefonico", "calls_inbound")[0]
    assert answered <= 594 and round(rate * 100) == 97


def test_whatsapp_beside_the_total(warehouse: Path) -> None:
    assert figure(warehouse, "whatsapp", "interactions")[0] == 219
    assert figure(warehouse, "whatsapp", "first_contact_resolution")[:2] == (206, 219)
    assert figure(warehouse, "whatsapp", "whatsapp_effective_queries")[:2] == (149, 219)
    assert figure(warehouse, "whatsapp", "whatsapp_agent_handoff")[:2] == (48, 219)
    assert round(figure(warehouse, "whatsapp", "first_contact_resolution")[2] * 100) == 94
    assert round(figure(warehouse, "whatsapp", "whatsapp_effective_queries")[2] * 100) == 68
    assert round(figure(warehouse, "whatsapp", "whatsapp_agent_handoff")[2] * 100) == 22


def test_virtual(warehouse: Path) -> None:
    assert figure(warehouse, "virtual", "emails_in")[0] == 3_379
    assert figure(warehouse, "virtual", "emails_out")[0] == 1_862
    assert figure(warehouse, "virtual", "interactions")[0] == 5_241


@pytest.mark.parametrize(
    ("channel", "indicator", "numerator", "denominator", "shown"),
    [
        ("presencial", "satisfaction", 714, 714, 100.0),
        ("presencial", "perception", 709, 714, 99.3),
        ("presencial", "trust", 698, 714, 97.8),
        ("telefonico", "satisfaction", 285, 310, 91.9),
        ("telefonico", "perception", 243, 285, 85.3),  # the deck truncates to 85.2
        ("telefonico", "trust", 220, 259, 84.9),
        ("total", "satisfaction", 999, 1_024, 97.6),  # the deck truncates to 97.5
        ("total", "perception", 952, 999, 95.3),
        ("total", "trust", 918, 973, 94.3),
    ],
)
def test_survey_ratings(
    warehouse: Path, channel: str, indicator: str, numerator: int, denominator: int, shown: float
) -> None:
    got = figure(warehouse, channel, indicator)
    assert got[:2] == (numerator, denominator)
    assert round(got[2] * 100, 1) == shown


def test_consolidated_satisfaction(warehouse: Path) -> None:
    numerator, denominator, value = figure(warehouse, "total", "consolidated_satisfaction")
    assert (numerator, denominator) == (2_869, 2_996)
    assert round(value * 100, 2) == 95.76


@pytest.mark.parametrize(
    ("channel", "indicator", "numerator", "percent"),
    [
        ("presencial", "satisfaction_response_rate", 714, 80),
        ("telefonico", "satisfaction_response_rate", 310, 52),
        ("telefonico", "perception_response_rate", 285, 48),  # the deck truncates to 47
        ("telefonico", "trust_response_rate", 259, 44),  # the deck truncates to 43
    ],
)
def test_response_rates(warehouse: Path, channel: str, indicator: str, numerator: int, percent: int) -> None:
    interactions = {"presencial": 887, "telefonico": 594}[channel]
    got = figure(warehouse, channel, indicator)
    assert got[:2] == (numerator, interactions)
    assert round(got[2] * 100) == percent


def test_bad_sample_rows_are_set_aside_not_counted(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reasons = con.execute("select source, reason from audit.rejected_rows").fetchall()
    assert reasons, "the sample plants bad rows; they must be in audit.rejected_rows"
    assert all(reason for _, reason in reasons)
