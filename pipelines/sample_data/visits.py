"""presencial/: front-desk registers, one workbook per month (one month as a Windows CSV)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import apportion, flags, jittered, share
from pipelines.sample_data.dates import OFFICE_HOURS, business_days, random_times
from pipelines.sample_data.people import Person, pick_repeat_visitor
from pipelines.sample_data.points import POINTS

HEADER = (
    "id_atencion",
    "fecha_hora",
    "codigo_punto",
    "tipo_documento",
    "numero_documento",
    "nombre",
    "tipo_usuario",
    "tema",
    "solucion_primer_contacto",
    "servidor",
)
CSV_MONTHS = frozenset({4})  # April's register was sent as a CSV saved from Excel

TOPICS = {
    "Radicación de documentos": 16,
    "Consulta estado de trámite": 18,
    "Formalización minera": 9,
    "RUCOM": 8,
    "Inscripción minero de subsistencia": 8,
    "Certificado de registro minero": 6,
    "Pago de regalías": 6,
    "Canon superficiario": 5,
    "Plataforma AnnA Minería": 9,
    "Fiscalización y visitas de seguimiento": 4,
    "Multas y sanciones": 3,
    "Orientación general": 8,
}
USER_TYPES = {
    "Titular minero": 28,
    "Solicitante": 24,
    "Minero de subsistencia": 20,
    "Comunidad": 10,
    "Entidad pública": 5,
    "Otro": 13,
}


@dataclass(frozen=True)
class Visit:
    fecha_hora: dt.datetime
    codigo_punto: str
    person: Person
    nombre: str  # as the server typed it (sometimes in capitals)
    tipo_usuario: str
    tema: str
    resuelto: bool
    servidor: str
    raw_fecha: str | None = None  # a planted bad value written instead of fecha_hora


# Planted bad rows (see docs/sample-data.md): (month, point code, local time, raw date text).
BAD_VISITS: tuple[tuple[int, str, dt.datetime, str | None], ...] = (
    (9, "PAR-BGT", dt.datetime(2025, 9, 16, 10, 42, 7), None),  # typo of PAR-BOG: unknown point
    (4, "PAR-MED", dt.datetime(2025, 4, 30, 9, 15), "31/04/2025 09:15"),  # April has 30 days
)


def visits_per_point(rng: random.Random, month: int) -> dict[str, int]:
    """November as the deck; other months spread like November among the points open all month."""
    if month == cal.REPORT_MONTH:
        return dict(cal.NOVEMBER_VISITS_BY_POINT)
    first_day = dt.date(cal.YEAR, month, 1)
    open_points = [p.codigo for p in POINTS if p.fecha_apertura <= first_day]
    weights = jittered(rng, [cal.NOVEMBER_VISITS_BY_POINT[c] for c in open_points], 0.25)
    counts = apportion(cal.PUBLISHED[month].presencial, weights)
    return dict(zip(open_points, counts, strict=True))


def _choose(rng: random.Random, weighted: dict[str, int]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _user_type(rng: random.Random, person: Person) -> str:
    if person.tipo_documento == "NIT":
        return rng.choice(("Titular minero", "Titular minero", "Solicitante", "Entidad pública"))
    return _choose(rng, USER_TYPES)


def _visit(
    rng: random.Random, when: dt.datetime, code: str, pool: list[Person], staff: list[str], resolved: bool
) -> Visit:
    person = pick_repeat_visitor(rng, pool, 0.2)
    nombre = person.nombre.upper() if rng.random() < 0.3 else person.nombre
    return Visit(when, code, person, nombre, _user_type(rng, person), _choose(rng, TOPICS), resolved,
                 rng.choice(staff))  # fmt: skip


def month_visits(
    rng: random.Random, month: int, pool: list[Person], staff: dict[str, list[str]]
) -> list[Visit]:
    slots: list[tuple[dt.datetime, str]] = []
    for point in POINTS:
        count = visits_per_point_cache(rng, month).get(point.codigo, 0)
        days = business_days(cal.YEAR, month, first=point.fecha_apertura)
        slots.extend((when, point.codigo) for when in random_times(rng, days, count, OFFICE_HOURS))
    slots.sort()
    total = len(slots)
    resolved_count = (
        cal.NOVEMBER_VISITS_RESOLVED if month == cal.REPORT_MONTH else share(rng, total, 0.925, 0.965)
    )
    resolved = flags(rng, total, resolved_count)
    return [
        _visit(rng, when, code, pool, staff[code], ok)
        for (when, code), ok in zip(slots, resolved, strict=True)
    ]


_PER_POINT: dict[tuple[int, int], dict[str, int]] = {}


def visits_per_point_cache(rng: random.Random, month: int) -> dict[str, int]:
    """visits_per_point, drawn once per (stream, month)."""
    key = (id(rng), month)
    if key not in _PER_POINT:
        _PER_POINT[key] = visits_per_point(rng, month)
    return _PER_POINT[key]
