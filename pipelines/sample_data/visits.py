"""presencial/: front-desk registers, one workbook per month (one month as a Windows CSV)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import apportion, flags, jittered, rng_for, share
from pipelines.sample_data.dates import OFFICE_HOURS, business_days, random_times
from pipelines.sample_data.people import Person, people_pool, pick_repeat_visitor
from pipelines.sample_data.points import POINTS, staff_by_point
from pipelines.sample_data.writers import WINDOWS, CsvFile, OutputFile, XlsxFile, day_month_minutes, yes_no

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
    per_point = visits_per_point(rng, month)
    slots: list[tuple[dt.datetime, str]] = []
    for point in POINTS:
        days = business_days(cal.YEAR, month, first=point.fecha_apertura)
        times = random_times(rng, days, per_point.get(point.codigo, 0), OFFICE_HOURS)
        slots.extend((when, point.codigo) for when in times)
    slots.sort()
    total = len(slots)
    if month == cal.REPORT_MONTH:
        resolved_count = cal.NOVEMBER_VISITS_RESOLVED
    else:
        resolved_count = share(rng, total, 0.925, 0.965)
    resolved = flags(rng, total, resolved_count)
    return [
        _visit(rng, when, code, pool, staff[code], ok)
        for (when, code), ok in zip(slots, resolved, strict=True)
    ]


def bad_visits(
    rng: random.Random, month: int, pool: list[Person], staff: dict[str, list[str]]
) -> list[Visit]:
    found = []
    for bad_month, code, when, raw in BAD_VISITS:
        if bad_month == month:
            visit = _visit(rng, when, code, pool, staff.get(code, staff["PAR-BOG"]), True)
            found.append(dataclasses.replace(visit, raw_fecha=raw))
    return found


def _row(visit_id: str, visit: Visit, as_text: bool) -> tuple[object, ...]:
    when: object = visit.raw_fecha or (day_month_minutes(visit.fecha_hora) if as_text else visit.fecha_hora)
    return (
        visit_id,
        when,
        visit.codigo_punto,
        visit.person.tipo_documento,
        visit.person.numero_documento,
        visit.nombre,
        visit.tipo_usuario,
        visit.tema,
        yes_no(visit.resuelto),
        visit.servidor,
    )


def _month_file(month: int, rows: list[tuple[object, ...]]) -> OutputFile:
    stem = f"presencial/{cal.YEAR}/Registro_atencion_presencial_{cal.YEAR}-{month:02d}"
    if month in CSV_MONTHS:
        return CsvFile(f"{stem}.csv", HEADER, [tuple(str(v) for v in r) for r in rows], WINDOWS)
    created = dt.datetime(cal.YEAR, month + 1, 1, 8, 0)
    return XlsxFile(f"{stem}.xlsx", HEADER, rows, "Registro", created)


def presencial_files(seed: str) -> list[OutputFile]:
    rng = rng_for(seed, "presencial")
    staff = staff_by_point(rng_for(seed, "servidores"))
    pool = people_pool(rng, 9_000)
    months = {m: month_visits(rng, m, pool, staff) + bad_visits(rng, m, pool, staff) for m in cal.MONTHS}
    files: list[OutputFile] = []
    sequence = 0
    for month in cal.MONTHS:
        rows = []
        for visit in sorted(months[month], key=lambda v: (v.fecha_hora, v.codigo_punto)):
            sequence += 1
            rows.append(_row(f"AT-{cal.YEAR}-{sequence:06d}", visit, month in CSV_MONTHS))
        files.append(_month_file(month, rows))
    return files
