"""A tiny DuckDB warehouse with the ingestion's tables and hand-checked rows.

The dbt tests build the marts on it and compare them with the figures worked
out by hand in the comments below (and in test_marts_fixture.py). It stands
in for the real ingestion (pipelines/ingestion), whose tables have the same
names and columns.

    python tests/dbt/build_fixture_warehouse.py /tmp/fixture.duckdb
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import duckdb

LOADED_AT = dt.datetime(2025, 12, 5, 8, 0, 0)


def ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month_of(value: dt.date | dt.datetime) -> dt.date:
    return dt.date(value.year, value.month, 1)


# ---------------------------------------------------------------- reference

# fmt: off

# codigo_punto, nombre, ciudad, departamento, tipo, sede_central, apertura, cierre
PUNTOS = [
    # The central office is registered here with tipo PAL on purpose: it must
    # still count as a PAR (sede_central), so the rule is really exercised.
    ("BOG", "Sede central Bogotá", "Bogotá", "Bogotá D.C.", "PAL", True, d("2012-01-01"), None),
    ("MED", "PAR Medellín", "Medellín", "Antioquia", "PAR", False, d("2013-01-01"), None),
    ("CAL", "PAR Cali", "Cali", "Valle del Cauca", "PAR", False, d("2013-01-01"), None),
    ("NOB", "PAL Nobsa", "Nobsa", "Boyacá", "PAL", False, d("2016-01-01"), None),
    ("POP", "PAL Popayán", "Popayán", "Cauca", "PAL", False, d("2025-11-24"), None),
]

# anio, mes, canal, interacciones (equal to the fixture's own figures)
CIFRAS = [
    (2025, 10, "presencial", 1),
    (2025, 10, "telefonico", 1),
    (2025, 10, "virtual", 7),
    (2025, 11, "presencial", 5),
    (2025, 11, "telefonico", 4),
    (2025, 11, "virtual", 20),
]

INDICADORES_GESTION = [
    ("sms_encuestas", "SMS enviados invitando a responder la encuesta", "conteo"),
    ("bajas_calificaciones_contactados", "Usuarios con calificación baja contactados", "conteo"),
    ("monitoreo_calidad_telefonico", "Cumplimiento del monitoreo de calidad, canal telefónico", "proporcion"),
]

# ---------------------------------------------------------------- raw

# id, linea, sentido, fecha_inicio, fecha_atencion, fecha_fin, agente, tema, spc
CALLS = [
    # 2024-12: one answered inbound call at 23:50 on the year's last day.
    ("C09", "bogota", "entrante", "2024-12-31 23:50:00", "2024-12-31 23:51:00", "2024-12-31 23:58:00", "A1", "titulacion", False),
    # 2025-09: only an unanswered inbound call -> 0 telephone interactions.
    ("C11", "bogota", "entrante", "2025-09-10 08:00:00", None, "2025-09-10 08:03:00", None, None, None),
    # 2025-10
    ("C08", "bogota", "entrante", "2025-10-15 10:00:00", "2025-10-15 10:00:30", "2025-10-15 10:05:00", "A1", "regalias", True),
    # 2025-11
    ("C01", "bogota", "entrante", "2025-11-03 09:00:00", "2025-11-03 09:01:00", "2025-11-03 09:10:00", "A1", "titulacion", True),
    ("C02", "018000", "entrante", "2025-11-04 10:00:00", "2025-11-04 10:02:00", "2025-11-04 10:12:00", "A2", "regalias", False),
    ("C03", "bogota", "entrante", "2025-11-05 11:00:00", None, "2025-11-05 11:04:00", None, None, None),  # unanswered
    ("C04", "te_llamamos", "saliente", "2025-11-06 15:00:00", "2025-11-06 15:00:20", "2025-11-06 15:06:00", "A2", "formalizacion", True),
    ("C05", "018000", "entrante", "2025-11-30 23:50:00", "2025-11-30 23:52:00", "2025-12-01 00:01:00", "A1", "titulacion", True),
    ("C07", "te_llamamos", "saliente", "2025-11-07 16:00:00", None, "2025-11-07 16:01:00", None, None, None),  # nobody picked up
    # 2025-12: 00:05 on the first day.
    ("C06", "bogota", "entrante", "2025-12-01 00:05:00", "2025-12-01 00:06:00", "2025-12-01 00:10:00", "A1", "titulacion", True),
]

# fecha, buzon, sentido, cantidad
EMAILS = [
    ("2025-10-01", "contacto@anm.gov.co", "entrada", 7),
    ("2025-10-01", "contacto@anm.gov.co", "salida", 0),
    ("2025-11-03", "contacto@anm.gov.co", "entrada", 10),
    ("2025-11-03", "contacto@anm.gov.co", "salida", 4),
    ("2025-11-04", "radicacion@anm.gov.co", "entrada", 5),
    ("2025-11-30", "contacto@anm.gov.co", "salida", 1),
]

# id, fecha_hora, codigo_punto, tipo_documento, tipo_usuario, tema, spc, servidor
PRESENCIAL = [
    ("V6", "2025-10-20 09:30:00", "MED", "CC", "solicitante", "regalias", True, "S3"),
    ("V1", "2025-11-03 08:15:00", "BOG", "CC", "titular minero", "titulacion", True, "S1"),
    ("V2", "2025-11-04 14:00:00", "BOG", "NIT", "titular minero", "titulacion", True, "S1"),
    ("V3", "2025-11-05 10:20:00", "MED", "CC", "solicitante", "regalias", False, "S3"),
    ("V4", "2025-11-10 11:00:00", "NOB", "CC", "minero de subsistencia", "formalizacion", True, "S4"),
    ("V5", "2025-11-25 15:45:00", "POP", "CE", None, None, True, "S5"),
]

# id, started_at, ended_at, handed_to_agent, effective, resolved_first_contact, closed_by_inactivity
WHATSAPP = [
    ("W1", "2025-11-02 09:00:00", "2025-11-02 09:20:00", True, True, True, False),
    ("W2", "2025-11-03 12:00:00", "2025-11-03 12:05:00", False, True, True, False),
    ("W3", "2025-11-30 23:55:00", "2025-12-01 00:30:00", False, False, False, True),
    ("W4", "2025-12-02 10:00:00", "2025-12-02 10:04:00", False, True, True, False),
]

# id, fecha, canal, satisfaccion, percepcion, confianza
ENCUESTAS = [
    ("S1", "2025-11-03 09:00:00", "presencial", 5, 4, 3),
    ("S2", "2025-11-04 15:00:00", "presencial", 4, None, None),  # answered only one question
    ("S3", "2025-11-05 11:00:00", "presencial", 2, 5, 5),
    ("S4", "2025-11-03 09:30:00", "telefonico", 5, 5, None),
    ("S5", "2025-11-30 23:59:00", "telefonico", 3, None, 4),
    ("S6", "2025-11-02 09:30:00", "whatsapp", 5, None, None),
    ("S7", "2025-11-12 17:00:00", "virtual", None, 4, 1),
    ("S8", "2025-12-01 08:00:00", "telefonico", 4, None, None),
]

# mes, indicador, valor, nota
GESTION = [
    ("2025-11-01", "sms_encuestas", 2941.0, None),
    ("2025-11-01", "bajas_calificaciones_contactados", 53.0, "34 respondieron"),
    ("2025-11-01", "monitoreo_calidad_telefonico", 0.95, None),
]

# fmt: on

DDL = """
create schema if not exists raw;
create schema if not exists reference;
create schema if not exists audit;

create or replace table reference.puntos_atencion (
    codigo_punto varchar, nombre varchar, ciudad varchar, departamento varchar,
    tipo varchar, sede_central boolean, fecha_apertura date, fecha_cierre date);
create or replace table reference.cifras_publicadas (
    anio integer, mes integer, canal varchar, interacciones bigint);
create or replace table reference.indicadores_gestion (
    indicador varchar, descripcion varchar, unidad varchar);

create or replace table raw.calls (
    id_llamada varchar, linea varchar, sentido varchar, fecha_inicio timestamp,
    fecha_atencion timestamp, fecha_fin timestamp, agente varchar, numero_hash varchar,
    tema varchar, solucion_primer_contacto boolean, month date,
    source_file varchar, source_row bigint, loaded_at timestamp);
create or replace table raw.emails (
    fecha date, buzon varchar, sentido varchar, cantidad bigint, month date,
    source_file varchar, source_row bigint, loaded_at timestamp);
create or replace table raw.presencial (
    id_atencion varchar, fecha_hora timestamp, codigo_punto varchar, tipo_documento varchar,
    numero_documento_hash varchar, nombre_hash varchar, tipo_usuario varchar, tema varchar,
    solucion_primer_contacto boolean, servidor varchar, month date,
    source_file varchar, source_row bigint, loaded_at timestamp);
create or replace table raw.whatsapp (
    conversation_id varchar, started_at timestamp, ended_at timestamp, phone_hash varchar,
    handed_to_agent boolean, effective boolean, resolved_first_contact boolean,
    closed_by_inactivity boolean, month date,
    source_file varchar, source_row bigint, loaded_at timestamp);
create or replace table raw.encuestas (
    id_respuesta varchar, fecha timestamp, canal varchar, satisfaccion integer,
    percepcion integer, confianza integer, month date,
    source_file varchar, source_row bigint, loaded_at timestamp);
create or replace table raw.gestion (
    month date, indicador varchar, valor double, nota varchar,
    source_file varchar, source_row bigint, loaded_at timestamp);

create or replace table audit.rejected_rows (
    source varchar, file varchar, row_number bigint, reason varchar, record varchar,
    month date, loaded_at timestamp);
create or replace table audit.file_loads (
    source varchar, file varchar, status varchar, message varchar, rows_read bigint,
    rows_loaded bigint, rows_rejected bigint, loaded_at timestamp);
"""


def _lineage(file: str, index: int) -> tuple:
    return (file, index + 2, LOADED_AT)  # +2: header row, 1-based


def call_row(row: tuple, index: int = 0) -> tuple:
    id_, linea, sentido, inicio, atencion, fin, agente, tema, spc = row
    start = ts(inicio)
    return (
        id_,
        linea,
        sentido,
        start,
        ts(atencion) if atencion else None,
        ts(fin) if fin else None,
        agente,
        f"hash-{id_}",
        tema,
        spc,
        month_of(start),
        *_lineage("calls/fixture.csv", index),
    )


def email_row(row: tuple, index: int = 0) -> tuple:
    fecha, buzon, sentido, cantidad = row
    day = d(fecha)
    return (day, buzon, sentido, cantidad, month_of(day), *_lineage("emails/fixture.csv", index))


def visit_row(row: tuple, index: int = 0) -> tuple:
    id_, fecha_hora, punto, tipo_doc, tipo_usuario, tema, spc, servidor = row
    at = ts(fecha_hora)
    return (
        id_,
        at,
        punto,
        tipo_doc,
        f"doc-{id_}",
        f"name-{id_}",
        tipo_usuario,
        tema,
        spc,
        servidor,
        month_of(at),
        *_lineage("presencial/fixture.csv", index),
    )


def conversation_row(row: tuple, index: int = 0) -> tuple:
    id_, started, ended, handed, effective, resolved, inactivity = row
    start = ts(started)
    return (
        id_,
        start,
        ts(ended),
        f"phone-{id_}",
        handed,
        effective,
        resolved,
        inactivity,
        month_of(start),
        *_lineage("whatsapp/fixture.jsonl", index),
    )


def survey_row(row: tuple, index: int = 0) -> tuple:
    id_, fecha, canal, sat, per, conf = row
    at = ts(fecha)
    return (id_, at, canal, sat, per, conf, month_of(at), *_lineage("encuestas/fixture.csv", index))


def tally_row(row: tuple, index: int = 0) -> tuple:
    mes, indicador, valor, nota = row
    return (d(mes), indicador, valor, nota, *_lineage("gestion/fixture.csv", index))


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" for _ in rows[0])
        con.executemany(f"insert into {table} values ({marks})", rows)


def insert_rows(con: duckdb.DuckDBPyConnection, source: str, rows: list[tuple]) -> None:
    """Append fixture-format rows (as in the lists above) to raw.<source>."""
    builders = {
        "calls": call_row,
        "emails": email_row,
        "presencial": visit_row,
        "whatsapp": conversation_row,
        "encuestas": survey_row,
        "gestion": tally_row,
    }
    _insert(con, f"raw.{source}", [builders[source](row, i) for i, row in enumerate(rows)])


def build_fixture(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(DDL)
        _insert(con, "reference.puntos_atencion", PUNTOS)
        _insert(con, "reference.cifras_publicadas", CIFRAS)
        _insert(con, "reference.indicadores_gestion", INDICADORES_GESTION)
        insert_rows(con, "calls", CALLS)
        insert_rows(con, "emails", EMAILS)
        insert_rows(con, "presencial", PRESENCIAL)
        insert_rows(con, "whatsapp", WHATSAPP)
        insert_rows(con, "encuestas", ENCUESTAS)
        insert_rows(con, "gestion", GESTION)
    finally:
        con.close()
    return path


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "data/warehouse/fixture.duckdb"
    print(build_fixture(target))
