"""Shared fixtures: small raw data sets written to the contract, and the ingestion run on them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

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


@pytest.fixture
def dataset(tmp_path: Path) -> Iterator[DataSet]:
    yield DataSet(tmp_path)
