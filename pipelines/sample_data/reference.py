"""data/reference/: points of attention, published figures, and the tallies' catalogue."""

from __future__ import annotations

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.points import REFERENCE_HEADER, reference_rows
from pipelines.sample_data.tallies import catalogue_file
from pipelines.sample_data.writers import UTF8, CsvFile

PUBLISHED_HEADER = ("anio", "mes", "canal", "interacciones")


def published_rows() -> list[tuple[str, ...]]:
    rows = []
    for month, totals in cal.PUBLISHED.items():
        for canal in ("presencial", "telefonico", "virtual"):
            rows.append((str(cal.YEAR), str(month), canal, str(getattr(totals, canal))))
    return rows


def reference_files() -> list[CsvFile]:
    return [
        CsvFile("puntos_atencion.csv", REFERENCE_HEADER, reference_rows(), UTF8),
        CsvFile("cifras_publicadas.csv", PUBLISHED_HEADER, published_rows(), UTF8),
        catalogue_file(),
    ]
