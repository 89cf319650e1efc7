"""Points of attention: the reference table and the staff who attend at each point."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from pipelines.sample_data.people import fake_name


@dataclass(frozen=True)
class Point:
    codigo: str
    nombre: str
    ciudad: str
    departamento: str
    tipo: str  # PAR or PAL
    fecha_apertura: dt.date
    staff: int  # how many servers attend there
    sede_central: bool = False
    fecha_cierre: dt.date | None = None

    def is_open(self, day: dt.date) -> bool:
        return self.fecha_apertura <= day and (self.fecha_cierre is None or day <= self.fecha_cierre)


_D = dt.date
POINTS: tuple[Point, ...] = (
    Point("PAR-BOG", "Sede Central Bogotá", "Bogotá", "Bogotá, D.C.", "PAR", _D(2012, 5, 2), 6, True),
    Point("PAR-MED", "PAR Medellín", "Medellín", "Antioquia", "PAR", _D(2012, 5, 2), 4),
    Point("PAR-NOB", "PAR Nobsa", "Nobsa", "Boyacá", "PAR", _D(2012, 5, 2), 3),
    Point("PAR-CUC", "PAR Cúcuta", "Cúcuta", "Norte de Santander", "PAR", _D(2012, 5, 2), 3),
    Point("PAR-BUC", "PAR Bucaramanga", "Bucaramanga", "Santander", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-CAL", "PAR Cali", "Cali", "Valle del Cauca", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-IBA", "PAR Ibagué", "Ibagué", "Tolima", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-MAN", "PAR Manizales", "Manizales", "Caldas", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-PAS", "PAR Pasto", "Pasto", "Nariño", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-VAL", "PAR Valledupar", "Valledupar", "Cesar", "PAR", _D(2012, 5, 2), 2),
    Point("PAR-CAR", "PAR Cartagena", "Cartagena", "Bolívar", "PAR", _D(2013, 2, 1), 2),
    Point("PAR-QUI", "PAR Quibdó", "Quibdó", "Chocó", "PAR", _D(2013, 2, 1), 2),
    Point("PAL-UBA", "PAL Ubaté", "Ubaté", "Cundinamarca", "PAL", _D(2019, 8, 1), 1),
    Point("PAL-AMA", "PAL Amagá", "Amagá", "Antioquia", "PAL", _D(2019, 8, 1), 1),
    Point("PAL-REM", "PAL Remedios", "Remedios", "Antioquia", "PAL", _D(2020, 3, 2), 1),
    Point("PAL-SEG", "PAL Segovia", "Segovia", "Antioquia", "PAL", _D(2020, 3, 2), 1),
    Point("PAL-SOG", "PAL Sogamoso", "Sogamoso", "Boyacá", "PAL", _D(2021, 6, 1), 1),
    Point("PAL-ZIP", "PAL Zipaquirá", "Zipaquirá", "Cundinamarca", "PAL", _D(2021, 6, 1), 1),
    Point("PAL-MAR", "PAL Marmato", "Marmato", "Caldas", "PAL", _D(2022, 4, 1), 1),
    Point("PAL-BAG", "PAL El Bagre", "El Bagre", "Antioquia", "PAL", _D(2022, 4, 1), 1),
    Point("PAL-POP", "PAL Popayán", "Popayán", "Cauca", "PAL", _D(2025, 11, 24), 1),
    Point("PAL-MON", "PAL Montelíbano", "Montelíbano", "Córdoba", "PAL", _D(2023, 9, 1), 1),
    Point("PAL-PBE", "PAL Puerto Berrío", "Puerto Berrío", "Antioquia", "PAL", _D(2023, 9, 1), 1),
    Point("PAL-BAR", "PAL Barbosa", "Barbosa", "Santander", "PAL", _D(2024, 2, 1), 1),
)

POINTS_BY_CODE: dict[str, Point] = {p.codigo: p for p in POINTS}

REFERENCE_HEADER = (
    "codigo_punto",
    "nombre",
    "ciudad",
    "departamento",
    "tipo",
    "sede_central",
    "fecha_apertura",
    "fecha_cierre",
)


def reference_rows() -> list[tuple[str, ...]]:
    return [
        (
            p.codigo,
            p.nombre,
            p.ciudad,
            p.departamento,
            p.tipo,
            "SI" if p.sede_central else "NO",
            p.fecha_apertura.isoformat(),
            p.fecha_cierre.isoformat() if p.fecha_cierre else "",
        )
        for p in POINTS
    ]


def staff_by_point(rng: random.Random) -> dict[str, list[str]]:
    """The servers of each point (fake names), fixed for the whole year."""
    return {p.codigo: [fake_name(rng) for _ in range(p.staff)] for p in POINTS}
