"""Another agency's months, in the contract's formats, through the environment variables only.

A small data set with answers worked out by hand: `python -m pipelines.monthly`
(what `make monthly` runs) must give exactly these figures, with no edit to the
project - only ANM_RAW_DIR, ANM_REFERENCE_DIR, ANM_WAREHOUSE and ANM_PII_KEY.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import DataSet

PROJECT = Path(__file__).resolve().parent.parent
MAR, APR = dt.date(2019, 3, 1), dt.date(2019, 4, 1)

POINTS = (
    "Código Punto;Nombre;Ciudad;Departamento;Tipo;Sede Central;Fecha Apertura;Fecha Cierre\n"
    "PAR-CEN;Sede Central;Bogotá;Cundinamarca;PAR;SI;01/01/2015;\n"
    "PAR-NOR;PAR Norte;Cúcuta;Norte de Santander;PAR;NO;01/01/2015;\n"
    "PAL-SUR;PAL Sur;Pasto;Nariño;PAL;NO;01/06/2018;\n"
)
PUBLISHED = (
    "anio,mes,canal,interacciones\n"
    "2019,3,presencial,3\n2019,3,telefonico,4\n2019,3,virtual,22\n"
    "2019,4,presencial,1\n2019,4,telefonico,1\n2019,4,virtual,5\n"
)


def write_agency(data: DataSet) -> None:
    data.write_reference("puntos_atencion.csv", POINTS)
    data.write_reference("cifras_publicadas.csv", PUBLISHED)
    calls = "Id Llamada,Linea,Sentido,Fecha Inicio,Fecha Atencion,Fecha Fin,Agente,Numero,Tema,Solucion Primer Contacto\n"
    data.write(
        "calls/marzo.csv",
        calls + "c1,bogota,entrante,2019-03-04 08:00:00,2019-03-04 08:01:00,,a,3001,t,SI\n"
        "c2,018000,entrante,2019-03-04 09:00:00,2019-03-04 09:02:00,,a,3002,t,NO\n"
        "c3,bogota,entrante,2019-03-05 10:00:00,,,,3003,t,\n"
        "c4,te_llamamos,saliente,2019-03-06 11:00:00,2019-03-06 11:00:30,,b,3004,t,SI\n"
        "c5,te_llamamos,saliente,2019-03-06 12:00:00,,,,3005,t,\n",
    )
    data.write(
        "calls/abril.csv",
        "id_llamada;linea;sentido;fecha_inicio;fecha_atencion;solucion_primer_contacto\n"
        "c6;bogota;entrante;31/03/2019 23:55;31/03/2019 23:56;SÍ\n"
        "c7;bogota;entrante;10/04/2019 10:00;10/04/2019 10:01;NO\n",
        encoding="cp1252",
    )
    data.write(
        "emails/2019.csv",
        "fecha,buzon,sentido,cantidad\n"
        "2019-03-01,contacto@agencia.gov.co,entrada,10\n2019-03-02,contacto@agencia.gov.co,entrada,5\n"
        "2019-03-01,contacto@agencia.gov.co,salida,7\n"
        "2019-04-01,contacto@agencia.gov.co,entrada,3\n2019-04-01,contacto@agencia.gov.co,salida,2\n",
    )
    visits = "id_atencion,fecha_hora,codigo_punto,tipo_usuario,tema,solucion_primer_contacto,numero_documento,nombre\n"
    data.write(
        "presencial/2019/visitas.csv",
        visits + "v1,2019-03-04 08:00,PAR-CEN,titular minero,t,SI,1,Ana\n"
        "v2,2019-03-04 09:00,PAR-NOR,solicitante,t,SI,2,Luis\n"
        "v3,2019-03-05 10:00,PAL-SUR,otro,t,NO,3,Eva\n"
        "v4,2019-04-01 10:00,PAL-SUR,otro,t,SI,3,Eva\n",
    )
    data.write(
        "whatsapp/2019-03.jsonl",
        '{"conversation_id":"w1","started_at":"2019-03-04T08:00:00-05:00","effective":true,'
        '"handed_to_agent":false,"resolved_first_contact":true}\n'
        '{"conversation_id":"w2","started_at":"2019-03-04T14:00:00Z","effective":false,'
        '"handed_to_agent":true,"resolved_first_contact":false}\n',
    )
    data.write(
        "encuestas/2019-03.csv",
        "id_respuesta,fecha,canal,satisfaccion,percepcion,confianza\n"
        "r1,2019-03-04,presencial,5,4,3\nr2,2019-03-04,presencial,4,,2\nr3,2019-03-05,telefonico,2,5,5\n"
        "r4,2019-03-05,virtual,5,5,5\nr5,2019-03-05,whatsapp,1,1,1\n",
    )
    data.write("gestion/2019.csv", "mes,indicador,valor,nota\n2019-03,sms_invitacion_encuesta,100,\n")


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    data = DataSet(tmp_path_factory.mktemp("agency"))
    write_agency(data)
    env = {
        **os.environ,
        "ANM_RAW_DIR": str(data.raw),
        "ANM_REFERENCE_DIR": str(data.reference),
        "ANM_WAREHOUSE": str(data.warehouse),
        "ANM_REPORTS_DIR": str(data.root / "reports"),
        "ANM_PII_KEY": "another-agency-secret",
        "DAGSTER_HOME": str(data.root / "dagster_home"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.monthly"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
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
