"""A tiny warehouse written by SQL: the published marts and audit tables, with figures chosen by hand.

Report month March 2025; February 2025 is the previous month and March 2024 the
same month a year earlier. January 2025 is missing on purpose (an incomplete
year to date), and so are the months of 2024 before March.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

MONTH = dt.date(2025, 3, 1)
PREVIOUS = dt.date(2025, 2, 1)
YEAR_AGO = dt.date(2024, 3, 1)
SECRET = "SECRET-RECORD-123"  # inside audit.rejected_rows.record: must never reach the report

Row = tuple[dt.date, str, str, int, int | None]

INDICATORS: list[Row] = [
    # March 2025
    (MONTH, "presencial", "interactions", 10, None),
    (MONTH, "telefonico", "interactions", 200, None),
    (MONTH, "virtual", "interactions", 300, None),
    (MONTH, "whatsapp", "interactions", 16, None),
    (MONTH, "total", "interactions", 510, None),
    (MONTH, "presencial", "first_contact_resolution", 9, 10),
    (MONTH, "presencial", "visits_par", 7, 10),
    (MONTH, "presencial", "visits_pal", 3, 10),
    (MONTH, "telefonico", "first_contact_resolution", 180, 200),
    (MONTH, "telefonico", "calls_inbound", 210, None),
    (MONTH, "telefonico", "calls_answer_rate", 190, 210),
    (MONTH, "virtual", "emails_in", 180, None),
    (MONTH, "virtual", "emails_out", 120, None),
    (MONTH, "whatsapp", "first_contact_resolution", 1, 16),  # 6,25 %: a tie, half up -> 6,3 %
    (MONTH, "whatsapp", "whatsapp_effective_queries", 12, 16),
    (MONTH, "whatsapp", "whatsapp_agent_handoff", 3, 16),
    (MONTH, "presencial", "satisfaction", 5, 6),
    (MONTH, "presencial", "perception", 4, 5),
    (MONTH, "presencial", "trust", 6, 6),
    (MONTH, "telefonico", "satisfaction", 40, 50),
    (MONTH, "telefonico", "perception", 30, 45),
    (MONTH, "telefonico", "trust", 35, 40),
    (MONTH, "total", "satisfaction", 45, 56),
    (MONTH, "total", "perception", 34, 50),
    (MONTH, "total", "trust", 41, 46),
    (MONTH, "presencial", "satisfaction_response_rate", 6, 10),
    (MONTH, "presencial", "perception_response_rate", 5, 10),
    (MONTH, "presencial", "trust_response_rate", 6, 10),
    (MONTH, "telefonico", "satisfaction_response_rate", 50, 200),
    (MONTH, "telefonico", "perception_response_rate", 45, 200),
    (MONTH, "telefonico", "trust_response_rate", 40, 200),
    (MONTH, "total", "satisfaction_response_rate", 56, 510),
    (MONTH, "total", "perception_response_rate", 50, 510),
    (MONTH, "total", "trust_response_rate", 46, 510),
    (MONTH, "total", "consolidated_satisfaction", 120, 152),  # 78,947 % -> 78,95 %
    # February 2025
    (PREVIOUS, "presencial", "interactions", 20, None),
    (PREVIOUS, "telefonico", "interactions", 100, None),
    (PREVIOUS, "virtual", "interactions", 280, None),
    (PREVIOUS, "whatsapp", "interactions", 10, None),
    (PREVIOUS, "total", "interactions", 400, None),
    (PREVIOUS, "presencial", "first_contact_resolution", 18, 20),
    (PREVIOUS, "total", "consolidated_satisfaction", 30, 40),
    # March 2024
    (YEAR_AGO, "presencial", "interactions", 8, None),
    (YEAR_AGO, "telefonico", "interactions", 150, None),
    (YEAR_AGO, "virtual", "interactions", 250, None),
    (YEAR_AGO, "total", "interactions", 408, None),
    (YEAR_AGO, "total", "consolidated_satisfaction", 50, 100),
]

POINTS = [
    (MONTH, "PAR-BOG", "Sede Central Bogotá", "Bogotá", "PAR", 5, 5),
    (MONTH, "PAR-MED", "PAR Medellín", "Medellín", "PAR", 2, 2),
    (MONTH, "PAL-POP", "PAL Popayán", "Popayán", "PAL", 3, 2),
    (PREVIOUS, "PAR-BOG", "Sede Central Bogotá", "Bogotá", "PAR", 12, 11),
]

LOW = "Motivo de baja calificación: "
TALLIES = [
    (
        MONTH,
        "sms_invitacion_encuesta",
        "Mensajes de texto enviados invitando a la encuesta",
        "conteo",
        123,
        None,
    ),
    (MONTH, "seguimiento_baja_calificacion_contactados", "Usuarios contactados", "conteo", 8, None),
    (MONTH, "seguimiento_baja_calificacion_respondieron", "Usuarios que respondieron", "conteo", 4, None),
    (
        MONTH,
        "motivo_baja_calificacion_demora_respuesta",
        LOW + "Demora de respuesta en la agencia",
        "conteo",
        3,
        None,
    ),
    (MONTH, "motivo_baja_calificacion_llamada_cortada", LOW + "Llamada cortada", "conteo", 1, None),
    (MONTH, "monitoreo_cumplimiento_presencial", "Cumplimiento presencial", "proporcion", 0.975, None),
    (MONTH, "capacitaciones_realizadas", "Capacitaciones del mes", "conteo", 7, "incluye 2 talleres"),
    (
        PREVIOUS,
        "sms_invitacion_encuesta",
        "Mensajes de texto enviados invitando a la encuesta",
        "conteo",
        100,
        None,
    ),
    (PREVIOUS, "monitoreo_cumplimiento_presencial", "Cumplimiento presencial", "proporcion", 0.95, None),
]

RATINGS = [(MONTH, "presencial", "satisfaction", "satisfaccion", 0, 0, 1, 2, 3)]

REJECTED = [
    ("calls", "calls/marzo.csv", 7, "fecha_inicio 'x' is not a timestamp", MONTH),
    ("calls", "calls/marzo.csv", 9, "fecha_inicio 'x' is not a timestamp", MONTH),
    ("encuestas", "encuestas/marzo.csv", 3, "satisfaccion 9 is out of range 1-5", MONTH),
    ("whatsapp", "whatsapp/marzo.jsonl", 4, "the line is not a JSON object", None),
    ("presencial", "presencial/febrero.csv", 2, "unknown codigo_punto", PREVIOUS),
]

FILES = [
    ("calls", "calls/marzo.csv", "loaded", None, 12, 10, 2),
    (
        "emails",
        "emails/malo.xlsx",
        "rejected",
        "emails/malo.xlsx: an .xlsx file is not accepted in emails/",
        0,
        0,
        0,
    ),
    (
        "reference/cifras_publicadas",
        "cifras_publicadas.csv",
        "missing",
        "cifras_publicadas.csv not found",
        0,
        0,
        0,
    ),
]

CHECKS = [
    ("interactions_match_published", False, "error", 10, "[]", "[]", dt.datetime(2025, 4, 1, 8, 0)),
    ("interactions_match_published", True, "error", 12, "[]", "[]", dt.datetime(2025, 4, 2, 8, 0)),
    (
        "survey_rates_consistent",
        False,
        "error",
        40,
        json.dumps(
            [
                {
                    "month": "2025-03",
                    "channel": "telefonico",
                    "figure": "interactions",
                    "expected": 205,
                    "computed": 200,
                },
                {
                    "month": "2025",
                    "channel": "total",
                    "figure": "interactions",
                    "expected": 910,
                    "computed": 911,
                },
                {
                    "month": "2025-01",
                    "channel": "virtual",
                    "figure": "interactions",
                    "expected": 1,
                    "computed": 2,
                },
            ]
        ),
        json.dumps(["2 meses sin cifras publicadas"]),
        dt.datetime(2025, 4, 2, 8, 0),
    ),
]


def build_warehouse(path: Path, checks: str = "rows") -> Path:
    """Write the marts and audit tables. `checks`: "rows", "empty" or "absent" (audit.check_results)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create schema audit")
        con.execute(
            "create table marts.indicators_monthly (month date, channel varchar, indicator varchar, "
            "numerator bigint, denominator bigint, value double)"
        )
        con.executemany(
            "insert into marts.indicators_monthly values (?, ?, ?, ?, ?, "
            "case when ? is null then ? else ? / ? end)",
            [(m, c, i, n, d, d, n, n, d) for m, c, i, n, d in INDICATORS],
        )
        con.execute(
            "create table marts.indicators_yearly as select year(month)::integer as year, channel, indicator, "
            "sum(numerator)::bigint as numerator, sum(denominator)::bigint as denominator, "
            "case when sum(denominator) is null then sum(numerator) else sum(numerator) / sum(denominator) end "
            "as value, count(*)::integer as months from marts.indicators_monthly group by all"
        )
        con.execute(
            "create table marts.visits_by_point_monthly (month date, codigo_punto varchar, nombre varchar, "
            "ciudad varchar, tipo varchar, visits bigint, resolved_first_contact bigint)"
        )
        con.executemany("insert into marts.visits_by_point_monthly values (?, ?, ?, ?, ?, ?, ?)", POINTS)
        con.execute(
            "create table marts.team_tallies_monthly (month date, indicador varchar, descripcion varchar, "
            "unidad varchar, valor double, nota varchar)"
        )
        con.executemany("insert into marts.team_tallies_monthly values (?, ?, ?, ?, ?, ?)", TALLIES)
        con.execute(
            "create table marts.survey_rating_distribution_monthly (month date, channel varchar, "
            "question varchar, pregunta varchar, score_1 bigint, score_2 bigint, score_3 bigint, "
            "score_4 bigint, score_5 bigint)"
        )
        con.executemany(
            "insert into marts.survey_rating_distribution_monthly values (?, ?, ?, ?, ?, ?, ?, ?, ?)", RATINGS
        )
        con.execute(
            "create table audit.rejected_rows (source varchar, file varchar, row_number bigint, reason varchar, "
            "record varchar, month date, loaded_at timestamp)"
        )
        con.executemany(
            "insert into audit.rejected_rows values (?, ?, ?, ?, ?, ?, timestamp '2025-04-01 08:00:00')",
            [(s, f, n, r, json.dumps({"numero_hash": SECRET}), m) for s, f, n, r, m in REJECTED],
        )
        con.execute(
            "create table audit.file_loads (source varchar, file varchar, fingerprint varchar, status varchar, "
            "message varchar, encoding varchar, rows_read bigint, rows_loaded bigint, rows_rejected bigint, "
            "loaded_at timestamp)"
        )
        con.executemany(
            "insert into audit.file_loads values (?, ?, 'fp', ?, ?, 'utf-8', ?, ?, ?, timestamp '2025-04-01 08:00')",
            FILES,
        )
        if checks != "absent":
            con.execute(
                "create table audit.check_results (check_name varchar, passed boolean, severity varchar, "
                "rows_checked bigint, failures varchar, warnings varchar, evaluated_at timestamp)"
            )
            if checks == "rows":
                con.executemany("insert into audit.check_results values (?, ?, ?, ?, ?, ?, ?)", CHECKS)
    return path
