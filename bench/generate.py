"""Synthetic raw data for the benchmark, in the data contract's formats, generated set-based in DuckDB.

    python bench/generate.py --rows 1000000 --out bench/data/scale_1000000
    python bench/generate.py --rows 2000 --out /tmp/x --start 2025-08 --end 2025-10

`--rows` is the number of *attended interactions* (the contract's `interactions`
summed over presencial, telefonico, virtual and whatsapp and over every month).
They are split over the months (a slow upward trend and a mild seasonality) and
over the channels in the sample's proportions:

    presencial 15%   one CSV row per visit
    telefonico  9%   one CSV row per attended call (+3% unanswered calls)
    whatsapp    3%   one JSON line per conversation
    virtual    73%   e-mail *counts*: one CSV row per day, mailbox and direction

Survey responses (one CSV row each) follow the sample's response rates: 78% of
visits, 54% of attended calls, 23% of conversations, 1.3% of e-mails. Every
row that exists is thus: visits + calls + conversations + surveys + a few
thousand e-mail rows.

Writes `<out>/raw/<source>/...` (one file per source and month, named by the
month; every row of a file belongs to that month in Bogota time),
`<out>/reference/` (puntos_atencion.csv, cifras_publicadas.csv = the generated
interactions, so the reconciliation checks pass) and `<out>/manifest.json`
(rows and bytes per source, interactions per channel).

The pipeline's edge cases are present in small numbers so the baseline has to
handle them too: bad rows (a call without a readable date, a survey score of 9),
a re-export of 2% of October's calls in a later-sorting folder (same ids, half
of them with the first-contact flag corrected), corrected e-mail counts for the
first days of March and September in `emails/correcciones/` (a later copy
replaces an earlier one), WhatsApp timestamps half with `-05:00` and half in
UTC (`Z`), and presencial files of 2021-2022 written as a spreadsheet export
would be (`;`, `DD/MM/YYYY HH:MM`, accented headers). Everything is UTF-8.

Deterministic: every pseudo-random value is DuckDB's `hash()` of the row number,
the month and a salt (the same DuckDB version writes the same bytes).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import shutil
import sys
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = PROJECT / "pipelines" / "ingestion" / "indicadores_gestion.csv"

SHARES = {"presencial": 0.15, "telefonico": 0.09, "whatsapp": 0.03}  # virtual: the rest (73%)
UNANSWERED_CALLS = 0.03  # calls nobody answered, over attended calls
SURVEY_RATES = {"presencial": 0.78, "telefonico": 0.54, "whatsapp": 0.23, "virtual": 0.013}
CALL_REEXPORT_MONTH = 10  # 2% of this month's attended calls are exported again
EMAIL_CORRECTION_MONTHS = (3, 9)  # the first five days are restated in emails/correcciones/
SEMICOLON_YEARS = (2021, 2022)  # presencial exports in the spreadsheet style

POINTS = (  # codigo, nombre, ciudad, departamento, tipo, sede_central, weight of its visits
    ("PAR-BOG", "Sede Central Bogotá", "Bogotá", "Bogotá, D.C.", "PAR", "SI", 24),
    ("PAR-MED", "PAR Medellín", "Medellín", "Antioquia", "PAR", "NO", 18),
    ("PAR-NOB", "PAR Nobsa", "Nobsa", "Boyacá", "PAR", "NO", 11),
    ("PAR-CUC", "PAR Cúcuta", "Cúcuta", "Norte de Santander", "PAR", "NO", 8),
    ("PAR-BUC", "PAR Bucaramanga", "Bucaramanga", "Santander", "PAR", "NO", 4),
    ("PAR-CAL", "PAR Cali", "Cali", "Valle del Cauca", "PAR", "NO", 4),
    ("PAR-IBA", "PAR Ibagué", "Ibagué", "Tolima", "PAR", "NO", 3),
    ("PAR-MAN", "PAR Manizales", "Manizales", "Caldas", "PAR", "NO", 3),
    ("PAR-PAS", "PAR Pasto", "Pasto", "Nariño", "PAR", "NO", 3),
    ("PAR-VAL", "PAR Valledupar", "Valledupar", "Cesar", "PAR", "NO", 2),
    ("PAR-CAR", "PAR Cartagena", "Cartagena", "Bolívar", "PAR", "NO", 2),
    ("PAR-QUI", "PAR Quibdó", "Quibdó", "Chocó", "PAR", "NO", 2),
    ("PAL-UBA", "PAL Ubaté", "Ubaté", "Cundinamarca", "PAL", "NO", 3),
    ("PAL-AMA", "PAL Amagá", "Amagá", "Antioquia", "PAL", "NO", 2),
    ("PAL-REM", "PAL Remedios", "Remedios", "Antioquia", "PAL", "NO", 2),
    ("PAL-SEG", "PAL Segovia", "Segovia", "Antioquia", "PAL", "NO", 2),
    ("PAL-SOG", "PAL Sogamoso", "Sogamoso", "Boyacá", "PAL", "NO", 1),
    ("PAL-ZIP", "PAL Zipaquirá", "Zipaquirá", "Cundinamarca", "PAL", "NO", 1),
    ("PAL-MAR", "PAL Marmato", "Marmato", "Caldas", "PAL", "NO", 1),
    ("PAL-BAG", "PAL El Bagre", "El Bagre", "Antioquia", "PAL", "NO", 1),
    ("PAL-POP", "PAL Popayán", "Popayán", "Cauca", "PAL", "NO", 1),
    ("PAL-MON", "PAL Montelíbano", "Montelíbano", "Córdoba", "PAL", "NO", 1),
    ("PAL-PBE", "PAL Puerto Berrío", "Puerto Berrío", "Antioquia", "PAL", "NO", 1),
    ("PAL-BAR", "PAL Barbosa", "Barbosa", "Santander", "PAL", "NO", 1),
)
POINTS_OPENED = "2015-01-01"

TOPICS = (
    "Estado de trámite",
    "Radicación de documentos",
    "Título minero",
    "Formalización minera",
    "Regalías",
    "Canon superficiario",
    "Certificados",
    "Fiscalización",
    "Catastro minero",
    "Otro",
)
USER_TYPES = (
    "titular minero",
    "solicitante",
    "minero de subsistencia",
    "comunidad",
    "entidad pública",
    "otro",
)
FIRST_NAMES = (
    "María",
    "José",
    "Luis",
    "Ana",
    "Carlos",
    "Juan",
    "Sofía",
    "Andrés",
    "Valentina",
    "Jorge",
    "Camila",
    "Óscar",
    "Natalia",
    "Iván",
    "Ángela",
    "Héctor",
)
LAST_NAMES = (
    "Rodríguez",
    "Gómez",
    "González",
    "Martínez",
    "García",
    "López",
    "Hernández",
    "Sánchez",
    "Ramírez",
    "Pérez",
    "Díaz",
    "Muñoz",
    "Rojas",
    "Moreno",
    "Jiménez",
    "Peña",
)
MAILBOXES = (("contacto@anm.gov.co", 1.0, False), ("servicioalciudadano@anm.gov.co", 0.35, True))


def _months(start: str, end: str) -> list[dt.date]:
    first = dt.date.fromisoformat(start + "-01")
    last = dt.date.fromisoformat(end + "-01")
    if last < first:
        raise SystemExit(f"--end {end} is before --start {start}")
    months, month = [], first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _split(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to integer weights, exactly (cumulative rounding)."""
    whole, out, running = sum(weights), [], 0
    for w in weights:
        before = total * running // whole
        running += w
        out.append(total * running // whole - before)
    return out


def allocation(rows: int, months: list[dt.date]) -> dict[str, list[int]]:
    """Attended interactions per channel and month; they add up to `rows` exactly."""
    per_channel = {c: round(rows * share) for c, share in SHARES.items()}
    per_channel["virtual"] = rows - sum(per_channel.values())
    weights = []
    for index, month in enumerate(months):
        trend = 1.0 + 0.35 * index / max(1, len(months) - 1)
        season = 1.0 + 0.12 * math.sin(2 * math.pi * (month.month - 4) / 12)
        weights.append(round(10_000 * trend * season))
    return {channel: _split(total, weights) for channel, total in per_channel.items()}


MACROS = """
create or replace macro u(i, s, k) as (hash(i, s, k) % 1000000007)::double / 1000000007;
create or replace macro pick(items, x) as items[1 + least(floor(x * len(items))::integer, len(items) - 1)];
create or replace macro ts_text(t) as strftime(t, '%Y-%m-%d %H:%M:%S');
create or replace macro yesno(b) as case when b then 'SI' else 'NO' end;
"""


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _months_table(con: duckdb.DuckDBPyConnection, months: list[dt.date], alloc: dict[str, list[int]]) -> None:
    rows = []
    for index, month in enumerate(months):
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        rows.append(
            (
                index + 1,
                month,
                (following - month).days,
                alloc["presencial"][index],
                alloc["telefonico"][index],
                alloc["whatsapp"][index],
                alloc["virtual"][index],
            )
        )
    con.execute(
        "create or replace table months (m integer, ms date, days integer, presencial bigint, "
        "telefonico bigint, whatsapp bigint, virtual bigint)"
    )
    con.executemany("insert into months values (?, ?, ?, ?, ?, ?, ?)", rows)


def _generate_tables(con: duckdb.DuckDBPyConnection) -> None:
    """One table per source over every month, with a `ms` column (the month) to split files on."""
    topics, user_types = _sql_list(TOPICS), _sql_list(USER_TYPES)
    first_names, last_names = _sql_list(FIRST_NAMES), _sql_list(LAST_NAMES)
    weighted_points = _sql_list(tuple(p[0] for p in POINTS for _ in range(p[-1])))

    # calls: attended (i < telefonico), unanswered, then bad rows (no readable date)
    con.execute(
        f"""
        create or replace table calls as
        with r as (
            select m, ms, days, telefonico as attended_n,
                   round(telefonico * {UNANSWERED_CALLS})::bigint as unanswered_n,
                   1 + telefonico // 100000 as bad_n,
                   unnest(range(telefonico + round(telefonico * {UNANSWERED_CALLS})::bigint
                                + 1 + telefonico // 100000)) as i
            from months
        ),
        f as (
            select *, i < attended_n as attended, i >= attended_n + unanswered_n as bad,
                   ms::timestamp + to_seconds((floor(u(i, m, 1) * days) * 86400
                       + 7 * 3600 + floor(u(i, m, 2) * 12 * 3600))::bigint) as started,
                   u(i, m, 3) as line_u
            from r
        )
        select ms,
               'L' || strftime(ms, '%Y%m') || lpad(i::varchar, 8, '0') as id_llamada,
               case when attended and line_u < 0.08 then 'te_llamamos'
                    when not attended and line_u < 0.10 then 'te_llamamos'
                    when line_u < 0.62 then 'bogota' else '018000' end as linea,
               case when (attended and line_u < 0.08) or (not attended and line_u < 0.10)
                    then 'saliente' else 'entrante' end as sentido,
               case when bad then 'sin registro' else ts_text(started) end as fecha_inicio,
               case when attended then ts_text(started + to_seconds((5 + floor(u(i, m, 4) * 240))::bigint))
                    end as fecha_atencion,
               ts_text(started + to_seconds((60 + floor(u(i, m, 5) * 900))::bigint)) as fecha_fin,
               case when attended then 'AG' || lpad((1 + floor(u(i, m, 6) * 40))::integer::varchar, 2, '0')
                    end as agente,
               case when u(i, m, 7) < 0.1 then '+57 ' else '' end
                   || '3' || lpad((hash(i, m, 8) % 1000000000)::varchar, 9, '0') as numero,
               pick({topics}, u(i, m, 9)) as tema,
               case when attended then yesno(u(i, m, 10) < 0.96) end as solucion_primer_contacto
        from f
        """
    )
    con.execute(
        f"""
        create or replace table visits as
        with r as (select m, ms, days, unnest(range(presencial)) as i from months)
        select ms,
               'V' || strftime(ms, '%Y%m') || lpad(i::varchar, 8, '0') as id_atencion,
               ms::timestamp + to_seconds((floor(u(i, m, 21) * days) * 86400
                   + 7 * 3600 + floor(u(i, m, 22) * 10 * 3600))::bigint) as fecha_hora,
               pick({weighted_points}, u(i, m, 23)) as codigo_punto,
               case when u(i, m, 24) < 0.85 then 'CC' when u(i, m, 24) < 0.90 then 'CE'
                    when u(i, m, 24) < 0.96 then 'NIT' when u(i, m, 24) < 0.98 then 'PAS' else 'TI' end
                   as tipo_documento,
               (1000000 + hash(i, m, 25) % 1999000000)::varchar as numero_documento,
               pick({first_names}, u(i, m, 26)) || ' ' || pick({last_names}, u(i, m, 27)) || ' '
                   || pick({last_names}, u(i, m, 28)) as nombre,
               pick({user_types}, u(i, m, 29)) as tipo_usuario,
               pick({topics}, u(i, m, 30)) as tema,
               yesno(u(i, m, 31) < 0.945) as solucion_primer_contacto,
               'SRV' || lpad((1 + floor(u(i, m, 32) * 60))::integer::varchar, 3, '0') as servidor
        from r
        """
    )
    con.execute(
        """
        create or replace table conversations as
        with r as (select m, ms, days, unnest(range(whatsapp)) as i from months),
        f as (
            select *, ms::timestamp + to_seconds((floor(u(i, m, 41) * days) * 86400
                       + floor(u(i, m, 42) * 86400))::bigint) as started,
                   u(i, m, 43) < 0.5 as in_utc
            from r
        ),
        g as (select *, started + to_seconds((60 + floor(u(i, m, 44) * 1800))::bigint) as ended from f)
        select ms,
               'W' || strftime(ms, '%Y%m') || lpad(i::varchar, 8, '0') as conversation_id,
               case when in_utc then strftime(started + interval 5 hour, '%Y-%m-%dT%H:%M:%SZ')
                    else strftime(started, '%Y-%m-%dT%H:%M:%S') || '-05:00' end as started_at,
               case when in_utc then strftime(ended + interval 5 hour, '%Y-%m-%dT%H:%M:%SZ')
                    else strftime(ended, '%Y-%m-%dT%H:%M:%S') || '-05:00' end as ended_at,
               '573' || lpad((hash(i, m, 45) % 1000000000)::varchar, 9, '0') as phone,
               u(i, m, 46) < 0.22 as handed_to_agent,
               u(i, m, 47) < 0.66 as effective,
               u(i, m, 48) < 0.94 as resolved_first_contact,
               u(i, m, 49) < 0.10 as closed_by_inactivity
        from g
        """
    )
    rates = SURVEY_RATES
    con.execute(
        f"""
        create or replace table surveys as
        with counts as (
            select m, ms, days,
                   round(presencial * {rates["presencial"]})::bigint as n_p,
                   round(telefonico * {rates["telefonico"]})::bigint as n_t,
                   round(whatsapp * {rates["whatsapp"]})::bigint as n_w,
                   round(virtual * {rates["virtual"]})::bigint as n_v
            from months
        ),
        r as (
            select *, n_p + n_t + n_w + n_v as good_n,
                   unnest(range(n_p + n_t + n_w + n_v + 1 + (n_p + n_t + n_w + n_v) // 100000)) as i
            from counts
        ),
        f as (
            select *, case when i < n_p then 'presencial' when i < n_p + n_t then 'telefonico'
                           when i < n_p + n_t + n_w then 'whatsapp' when i < good_n then 'virtual'
                           else 'presencial' end as canal,
                   i >= good_n as bad
            from r
        ),
        g as (
            select *,
                   case canal when 'presencial' then 0.98 when 'telefonico' then 0.92
                              when 'virtual' then 0.90 else 0.86 end as top_p,
                   case canal when 'presencial' then 0.0 when 'telefonico' then 0.08
                              when 'virtual' then 0.06 else 0.11 end as skip_perception,
                   case canal when 'presencial' then 0.0 when 'telefonico' then 0.15
                              when 'virtual' then 0.12 else 0.14 end as skip_trust
            from f
        )
        select ms,
               'E' || strftime(ms, '%Y%m') || lpad(i::varchar, 8, '0') as id_respuesta,
               strftime(ms + (floor(u(i, m, 61) * days))::integer, '%Y-%m-%d') as fecha,
               canal,
               case when bad then '9'
                    when u(i, m, 62) < top_p then (4 + (u(i, m, 63) < 0.7)::integer)::varchar
                    else (1 + floor(u(i, m, 63) * 3))::integer::varchar end as satisfaccion,
               case when u(i, m, 64) < skip_perception then null
                    when u(i, m, 65) < top_p then (4 + (u(i, m, 66) < 0.7)::integer)::varchar
                    else (1 + floor(u(i, m, 66) * 3))::integer::varchar end as percepcion,
               case when u(i, m, 67) < skip_trust then null
                    when u(i, m, 68) < top_p - 0.02 then (4 + (u(i, m, 69) < 0.7)::integer)::varchar
                    else (1 + floor(u(i, m, 69) * 3))::integer::varchar end as confianza
        from g
        """
    )
    # e-mails: every day x mailbox (the second one on weekdays only) x direction; the month's
    # virtual interactions split over those rows exactly, in proportion to integer weights
    mailboxes = " union all ".join(
        f"select '{name}' as buzon, {weight} as box_weight, {str(weekdays_only).lower()} as weekdays_only"
        for name, weight, weekdays_only in MAILBOXES
    )
    con.execute(
        f"""
        create or replace table emails as
        with days as (
            select m, ms, virtual, unnest(range(days)) as d from months
        ),
        cells as (
            select days.*, (ms + d::integer) as fecha, b.buzon, s.sentido,
                   (1000 * box_weight * (case when s.sentido = 'entrada' then 0.63 else 0.37 end)
                    * (case when isodow(ms + d::integer) >= 6 then 0.3 else 1.0 end)
                    * (0.7 + 0.6 * u(d, m, hash(b.buzon, s.sentido) % 1000)))::bigint as w
            from days
            cross join ({mailboxes}) b
            cross join (select 'entrada' as sentido union all select 'salida') s
            where not (b.weekdays_only and isodow(ms + d::integer) >= 6)
        ),
        cum as (
            select *, sum(w) over (partition by m order by fecha, buzon, sentido
                                   rows between unbounded preceding and current row) as upto,
                   sum(w) over (partition by m) as whole
            from cells
        )
        select ms, fecha, buzon, sentido,
               (virtual * upto // whole - virtual * (upto - w) // whole)::bigint as cantidad,
               extract(day from fecha) <= 5 and extract(month from fecha) in
                   ({", ".join(str(m) for m in EMAIL_CORRECTION_MONTHS)}) as corrected,
               (hash(fecha, buzon, sentido) % 21)::integer - 10 as preliminary_delta
        from cum
        """
    )


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, options: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"copy ({query}) to '{path.as_posix()}' ({options})")


def _write_files(con: duckdb.DuckDBPyConnection, months: list[dt.date], raw: Path) -> None:
    csv_options = "header, delimiter ','"
    for month in months:
        ym, year = f"{month:%Y-%m}", f"{month:%Y}"
        where = f"where ms = date '{month.isoformat()}'"
        calls = "id_llamada, linea, sentido, fecha_inicio, fecha_atencion, fecha_fin, agente, numero, tema, solucion_primer_contacto"
        _copy(
            con,
            f"select {calls} from calls {where} order by id_llamada",
            raw / "calls" / year / f"llamadas_{ym}.csv",
            csv_options,
        )
        if month.month == CALL_REEXPORT_MONTH:
            # a later-sorting folder: the same ids again, half with the flag corrected
            _copy(
                con,
                f"select {calls.replace('solucion_primer_contacto', '')} "
                "case when hash(id_llamada) % 2 = 0 then yesno(solucion_primer_contacto = 'NO') "
                "else solucion_primer_contacto end as solucion_primer_contacto "
                f"from calls {where} and fecha_atencion is not null "
                "and hash(id_llamada, 'reexport') % 50 = 0 order by id_llamada",
                raw / "calls" / "reexportaciones" / f"llamadas_{ym}_reexportacion.csv",
                csv_options,
            )
        if month.year in SEMICOLON_YEARS:
            visits = (
                'id_atencion as "Id Atención", strftime(fecha_hora, \'%d/%m/%Y %H:%M\') as "Fecha Hora", '
                'codigo_punto as "Código Punto", tipo_documento as "Tipo Documento", '
                'numero_documento as "Número Documento", nombre as "Nombre", '
                'tipo_usuario as "Tipo Usuario", tema as "Tema", '
                'solucion_primer_contacto as "Solución Primer Contacto", servidor as "Servidor"'
            )
            options = "header, delimiter ';'"
        else:
            visits = (
                "id_atencion, ts_text(fecha_hora) as fecha_hora, codigo_punto, tipo_documento, "
                "numero_documento, nombre, tipo_usuario, tema, solucion_primer_contacto, servidor"
            )
            options = csv_options
        _copy(
            con,
            f"select {visits} from visits {where} order by id_atencion",
            raw / "presencial" / year / f"atencion_presencial_{ym}.csv",
            options,
        )
        _copy(
            con,
            "select conversation_id, started_at, ended_at, phone, handed_to_agent, effective, "
            f"resolved_first_contact, closed_by_inactivity from conversations {where} order by conversation_id",
            raw / "whatsapp" / year / f"conversaciones_{ym}.jsonl",
            "format json",
        )
        _copy(
            con,
            "select id_respuesta, fecha, canal, satisfaccion, percepcion, confianza "
            f"from surveys {where} order by id_respuesta",
            raw / "encuestas" / year / f"encuestas_{ym}.csv",
            csv_options,
        )
        email_columns = (
            'strftime(fecha, \'%d/%m/%Y\') as "Fecha", buzon as "Buzón", sentido as "Sentido", '
            '{cantidad} as "Cantidad"'
        )
        preliminary = email_columns.format(
            cantidad="case when corrected then greatest(cantidad + preliminary_delta, 0) else cantidad end"
        )
        _copy(
            con,
            f"select {preliminary} from emails {where} order by fecha, buzon, sentido",
            raw / "emails" / year / f"correos_{ym}.csv",
            csv_options,
        )
        if month.month in EMAIL_CORRECTION_MONTHS:
            _copy(
                con,
                f"select {email_columns.format(cantidad='cantidad')} from emails {where} and corrected "
                "order by fecha, buzon, sentido",
                raw / "emails" / "correcciones" / f"correos_{ym}_correccion.csv",
                csv_options,
            )
        _write_tallies(con, month, raw / "gestion" / year / f"gestion_{ym}.csv")


def _write_tallies(con: duckdb.DuckDBPyConnection, month: dt.date, path: Path) -> None:
    with CATALOGUE.open(encoding="utf-8") as handle:
        codes = [(row["indicador"], row["unidad"]) for row in csv.DictReader(handle)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["mes", "indicador", "valor", "nota"])
    for index, (code, unit) in enumerate(codes):
        draw = con.execute("select hash(?, ?, ?) % 10000", [month, code, index]).fetchone()[0]
        value = f"{0.9 + draw / 100000:.2f}" if unit == "proporcion" else str(draw % 5000)
        writer.writerow([f"{month:%Y-%m}", code, value, ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")


def _write_reference(
    reference: Path, months: list[dt.date], alloc: dict[str, list[int]], con: duckdb.DuckDBPyConnection
) -> None:
    reference.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "codigo_punto",
            "nombre",
            "ciudad",
            "departamento",
            "tipo",
            "sede_central",
            "fecha_apertura",
            "fecha_cierre",
        ]
    )
    for code, name, city, department, kind, central, _ in POINTS:
        writer.writerow([code, name, city, department, kind, central, POINTS_OPENED, ""])
    (reference / "puntos_atencion.csv").write_text(out.getvalue(), encoding="utf-8")
    # the published figures are what was generated, so the reconciliation checks pass
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["anio", "mes", "canal", "interacciones"])
    for index, month in enumerate(months):
        for channel in ("presencial", "telefonico", "virtual"):
            writer.writerow([month.year, month.month, channel, alloc[channel][index]])
    (reference / "cifras_publicadas.csv").write_text(out.getvalue(), encoding="utf-8")
    # sanity: what the tables hold is what was allocated
    checks = {
        "presencial": "select count(*) from visits",
        "telefonico": "select count(*) from calls where fecha_atencion is not null",
        "whatsapp": "select count(*) from conversations",
        "virtual": "select sum(cantidad) from emails",
    }
    for channel, query in checks.items():
        got = con.execute(query).fetchone()[0] or 0
        if got != sum(alloc[channel]):
            raise AssertionError(f"{channel}: generated {got}, allocated {sum(alloc[channel])}")


def _data_lines(path: Path) -> int:
    with path.open("rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return lines - (0 if path.suffix == ".jsonl" else 1)


def generate(
    rows: int, out: Path, start: str = "2021-01", end: str = "2025-12", threads: int | None = None
) -> dict:
    """Write the data set; return (and save as <out>/manifest.json) what was written."""
    began = time.monotonic()
    months = _months(start, end)
    alloc = allocation(rows, months)
    for folder in ("raw", "reference"):
        shutil.rmtree(out / folder, ignore_errors=True)
    raw, reference = out / "raw", out / "reference"
    con = duckdb.connect()
    if threads:
        con.execute(f"set threads = {threads}")
    con.execute("set preserve_insertion_order = true")
    for statement in MACROS.split(";"):
        if statement.strip():
            con.execute(statement)
    _months_table(con, months, alloc)
    _generate_tables(con)
    _write_files(con, months, raw)
    _write_reference(reference, months, alloc, con)
    con.close()
    per_source: dict[str, dict[str, int]] = {}
    for path in sorted(raw.rglob("*")):
        if path.is_file():
            source = path.relative_to(raw).parts[0]
            entry = per_source.setdefault(source, {"files": 0, "rows": 0, "bytes": 0})
            entry["files"] += 1
            entry["rows"] += _data_lines(path)
            entry["bytes"] += path.stat().st_size
    manifest = {
        "attended_interactions": rows,
        "first_month": start,
        "last_month": end,
        "months": len(months),
        "interactions": {channel: sum(values) for channel, values in alloc.items()},
        "interactions_per_month": {
            f"{month:%Y-%m}": {channel: alloc[channel][i] for channel in alloc}
            for i, month in enumerate(months)
        },
        "sources": per_source,
        "rows": sum(entry["rows"] for entry in per_source.values()),
        "files": sum(entry["files"] for entry in per_source.values()),
        "bytes": sum(entry["bytes"] for entry in per_source.values()),
        "seconds": round(time.monotonic() - began, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, required=True, help="attended interactions in total")
    parser.add_argument("--out", type=Path, required=True, help="folder for raw/, reference/, manifest.json")
    parser.add_argument("--start", default="2021-01", help="first month, YYYY-MM (default 2021-01)")
    parser.add_argument("--end", default="2025-12", help="last month, YYYY-MM (default 2025-12)")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be positive")
    manifest = generate(args.rows, args.out.resolve(), args.start, args.end)
    print(
        f"{manifest['rows']:,} rows in {manifest['files']} files ({manifest['bytes'] / 1e6:.1f} MB), "
        f"{args.rows:,} attended interactions over {manifest['months']} months, in {manifest['seconds']}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
