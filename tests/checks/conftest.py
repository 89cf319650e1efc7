"""A small, consistent DuckDB warehouse for the check tests, written by SQL.

Three months of 2025: October and November have published figures (November as in the
deck), December is computed but not published yet.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@dataclass(frozen=True)
class Month:
    month: str  # first day, ISO
    presencial: int
    telefonico: int
    virtual: int
    whatsapp: int
    visits_par: int
    emails_in: int
    presencial_resolved: int
    calls_inbound: int
    calls_answered: int
    presencial_raters: int
    presencial_top: int
    telefonico_raters: int
    telefonico_top: int
    published: bool


MONTHS = (
    Month("2025-10-01", 991, 856, 6260, 240, 880, 4000, 930, 900, 856, 700, 690, 300, 280, True),
    Month("2025-11-01", 887, 594, 5241, 219, 786, 3379, 836, 612, 594, 714, 714, 310, 285, True),
    Month("2025-12-01", 500, 400, 3000, 100, 450, 2000, 470, 420, 400, 350, 340, 150, 140, False),
)


def _rows(m: Month) -> list[tuple[str, str, int, int | None]]:
    """(channel, indicator, numerator, denominator) of one month."""
    total = m.presencial + m.telefonico + m.virtual
    rows: list[tuple[str, str, int, int | None]] = [
        ("presencial", "interactions", m.presencial, None),
        ("telefonico", "interactions", m.telefonico, None),
        ("virtual", "interactions", m.virtual, None),
        ("whatsapp", "interactions", m.whatsapp, None),
        ("total", "interactions", total, None),
        ("presencial", "visits_par", m.visits_par, m.presencial),
        ("presencial", "visits_pal", m.presencial - m.visits_par, m.presencial),
        ("virtual", "emails_in", m.emails_in, None),
        ("virtual", "emails_out", m.virtual - m.emails_in, None),
        ("presencial", "first_contact_resolution", m.presencial_resolved, m.presencial),
        ("telefonico", "calls_inbound", m.calls_inbound, None),
        ("telefonico", "calls_answer_rate", m.calls_answered, m.calls_inbound),
        ("whatsapp", "whatsapp_effective_queries", m.whatsapp // 2, m.whatsapp),
    ]
    surveyed = (
        ("presencial", m.presencial_raters, m.presencial_top, m.presencial),
        ("telefonico", m.telefonico_raters, m.telefonico_top, m.telefonico),
        (
            "total",
            m.presencial_raters + m.telefonico_raters,
            m.presencial_top + m.telefonico_top,
            total,
        ),
    )
    for channel, raters, top, interactions in surveyed:
        for offset, question in enumerate(("satisfaction", "perception", "trust")):
            rows.append((channel, question, top - 5 * offset, raters))
            rows.append((channel, f"{question}_response_rate", raters, interactions))
    return rows


SCHEMA = """
create schema marts;
create schema reference;
create table marts.indicators_monthly (
    month date, channel varchar, indicator varchar, numerator bigint, denominator bigint, value double
);
create table marts.indicators_yearly (
    year integer, channel varchar, indicator varchar, numerator bigint, denominator bigint,
    value double, months integer
);
create table marts.visits_by_point_monthly (
    month date, codigo_punto varchar, nombre varchar, ciudad varchar, tipo varchar,
    visits bigint, resolved_first_contact bigint
);
create table reference.cifras_publicadas (anio integer, mes integer, canal varchar, interacciones bigint);
"""

YEARLY = """
delete from marts.indicators_yearly;
insert into marts.indicators_yearly
select year(month), channel, indicator, sum(numerator), sum(denominator),
       coalesce(sum(numerator) / sum(denominator), sum(numerator)), count(*)
from marts.indicators_monthly group by all;
"""


class Warehouse:
    """The test warehouse: its path, and SQL to plant inconsistencies."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def execute(self, sql: str) -> None:
        with duckdb.connect(str(self.path)) as con:
            con.execute(sql)

    def rebuild_yearly(self) -> None:
        """Recompute indicators_yearly from the monthly rows, as the dbt model does."""
        self.execute(YEARLY)


def build_warehouse(path: Path) -> Warehouse:
    """Write the consistent warehouse of MONTHS to ``path``."""
    statements = [SCHEMA]
    for m in MONTHS:
        for channel, indicator, numerator, denominator in _rows(m):
            den = "null" if denominator is None else str(denominator)
            value = f"{numerator}" if denominator is None else f"{numerator} / {denominator}"
            statements.append(
                "insert into marts.indicators_monthly values "
                f"(date '{m.month}', '{channel}', '{indicator}', {numerator}, {den}, {value});"
            )
        pal = m.presencial - m.visits_par
        for code, name, city, kind, visits in (
            ("PAR-BOG", "Sede Central Bogotá", "Bogotá", "PAR", m.visits_par - 100),
            ("PAR-MED", "PAR Medellín", "Medellín", "PAR", 100),
            ("PAL-POP", "PAL Popayán", "Popayán", "PAL", pal),
        ):
            statements.append(
                "insert into marts.visits_by_point_monthly values "
                f"(date '{m.month}', '{code}', '{name}', '{city}', '{kind}', {visits}, {visits // 2});"
            )
        if m.published:
            year, month = int(m.month[:4]), int(m.month[5:7])
            for channel in ("presencial", "telefonico", "virtual"):
                statements.append(
                    "insert into reference.cifras_publicadas values "
                    f"({year}, {month}, '{channel}', {getattr(m, channel)});"
                )
    statements.append(YEARLY)
    path.parent.mkdir(parents=True, exist_ok=True)
    warehouse = Warehouse(path)
    warehouse.execute("\n".join(statements))
    return warehouse


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    yield build_warehouse(tmp_path / "warehouse" / "anm.duckdb")


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    return tmp_path / "data_docs"
