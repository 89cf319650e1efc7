"""Test support: small raw data sets written to the contract, and ways to run the pipeline on them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import duckdb

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

from pipelines.config import Settings  # noqa: E402
from pipelines.ingestion import run  # noqa: E402

TEST_KEY = "test-key-not-secret"

POINTS = (
    "codigo_punto,nombre,ciudad,departamento,tipo,sede_central,fecha_apertura,fecha_cierre\n"
    "PAR-BOG,Sede Central Bogotá,Bogotá,Cundinamarca,PAR,SI,2015-01-01,\n"
    "PAR-MED,PAR Medellín,Medellín,Antioquia,PAR,NO,2015-01-01,\n"
    "PAL-POP,PAL Popayán,Popayán,Cauca,PAL,NO,2025-11-24,\n"
)
CATALOGUE = "indicador,descripcion,unidad\nsms_invitacion_encuesta,SMS enviados,conteo\n"


class DataSet:
    """A raw folder, a reference folder and a warehouse in a temporary directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.raw = root / "raw"
        self.reference = root / "reference"
        self.warehouse = root / "warehouse" / "anm.duckdb"
        for folder in ("calls", "emails", "presencial", "whatsapp", "encuestas", "gestion"):
            (self.raw / folder).mkdir(parents=True, exist_ok=True)
        self.reference.mkdir(parents=True, exist_ok=True)
        self.write_reference("puntos_atencion.csv", POINTS)
        self.write_reference("indicadores_gestion.csv", CATALOGUE)
        self.write_reference("cifras_publicadas.csv", "anio,mes,canal,interacciones\n")

    @property
    def settings(self) -> Settings:
        return Settings(self.raw, self.reference, self.warehouse, self.root / "reports", TEST_KEY)

    def write(self, relative: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.raw / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path

    def write_reference(self, name: str, text: str) -> None:
        (self.reference / name).write_text(text, encoding="utf-8")

    def ingest(self, first: str = "2015-01-01", last: str = "2030-12-01") -> None:
        """References, landing, then publish every source for the months first..last."""
        settings = self.settings
        run.refresh_references(settings)
        run.land_raw_files(settings)
        for source in run.SOURCES_BY_NAME:
            run.publish_source(settings, source, dt.date.fromisoformat(first), dt.date.fromisoformat(last))

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        """Query the working warehouse, the one ingestion writes (publishing is a Dagster step)."""
        with duckdb.connect(str(self.settings.working_warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


PROJECT = Path(__file__).resolve().parent.parent
MARTS_STATE = "select month, channel, indicator, numerator, denominator, value from marts.indicators_monthly order by all"


# Another agency's months, with answers worked out by hand (see test_other_agency.py).
AGENCY_POINTS = (
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


# Personal data in the agency's files: none of it may appear in clear anywhere the pipeline writes.
AGENCY_PII = (
    "315 700 44",
    "3157004411",
    "7004422",
    "79554433",
    "88776655",
    "1023456789",
    "Zuleima",
    "Quintero",
    "Anacleto",
    "Eulalia",
)


def write_agency(data: DataSet) -> None:
    data.write_reference("puntos_atencion.csv", AGENCY_POINTS)
    data.write_reference("cifras_publicadas.csv", PUBLISHED)
    calls = "Id Llamada,Linea,Sentido,Fecha Inicio,Fecha Atencion,Fecha Fin,Agente,Numero,Tema,Solucion Primer Contacto\n"
    data.write(
        "calls/marzo.csv",
        calls + "c1,bogota,entrante,2019-03-04 08:00:00,2019-03-04 08:01:00,,a,+57 315 700 4411,t,SI\n"
        "c2,018000,entrante,2019-03-04 09:00:00,2019-03-04 09:02:00,,a,+57 315 700 4422,t,NO\n"
        "c3,bogota,entrante,2019-03-05 10:00:00,,,,+57 315 700 4433,t,\n"
        "c4,te_llamamos,saliente,2019-03-06 11:00:00,2019-03-06 11:00:30,,b,+57 315 700 4444,t,SI\n"
        "c5,te_llamamos,saliente,2019-03-06 12:00:00,,,,+57 315 700 4455,t,\n",
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
        visits + "v1,2019-03-04 08:00,PAR-CEN,titular minero,t,SI,79554433,Zuleima Quintero\n"
        "v2,2019-03-04 09:00,PAR-NOR,solicitante,t,SI,CE-88776655,Anacleto Buendía\n"
        "v3,2019-03-05 10:00,PAL-SUR,otro,t,NO,1023456789,Eulalia Restrepo\n"
        "v4,2019-04-01 10:00,PAL-SUR,otro,t,SI,1023456789,Eulalia Restrepo\n",
    )
    data.write(
        "whatsapp/2019-03.jsonl",
        '{"conversation_id":"w1","started_at":"2019-03-04T08:00:00-05:00","effective":true,'
        '"handed_to_agent":false,"resolved_first_contact":true,"phone":"3157004411"}\n'
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


def agency_env(data: DataSet) -> dict[str, str]:
    return {
        **os.environ,
        "ANM_RAW_DIR": str(data.raw),
        "ANM_REFERENCE_DIR": str(data.reference),
        "ANM_WAREHOUSE": str(data.warehouse),
        "ANM_REPORTS_DIR": str(data.root / "reports"),
        "ANM_PII_KEY": "another-agency-secret",
        "DAGSTER_HOME": str(data.root / "dagster_home"),
    }


def run_monthly(env: dict[str, str], *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """`python -m pipelines.monthly <args>` (what `make monthly` runs) with the environment `env`."""
    return subprocess.run(
        [sys.executable, "-m", "pipelines.monthly", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def monthly(data: DataSet, *args: str) -> subprocess.CompletedProcess[str]:
    return run_monthly(agency_env(data), *args)


def published_state(data: DataSet) -> list[tuple]:
    with duckdb.connect(str(data.warehouse), read_only=True) as con:
        return con.execute(MARTS_STATE).fetchall()


def run_on_sample(root: Path) -> subprocess.CompletedProcess[str]:
    """`python -m pipelines.monthly` (what `make monthly` runs) on the shipped sample, into `root`."""
    env = {
        **os.environ,
        "ANM_WAREHOUSE": str(root / "anm.duckdb"),
        "ANM_REPORTS_DIR": str(root / "reports"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }
    for variable in ("ANM_RAW_DIR", "ANM_REFERENCE_DIR", "ANM_PII_KEY"):
        env.pop(variable, None)  # the shipped sample, with its sample key
    return run_monthly(env, timeout=1800)
