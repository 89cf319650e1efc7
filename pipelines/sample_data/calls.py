"""calls/: the contact-center platform's monthly call exports.

Most months are UTF-8 with BOM, `,` and ISO timestamps; some were saved from
Excel as Windows-1252 with `;`, `DD/MM/YYYY HH:MM` and `SÍ`/`NO`. A few calls
that started at 23:5x on the last day of a month sit in the next month's
export, and October was exported again with corrections.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import flags, rng_for, share
from pipelines.sample_data.dates import OFFICE_HOURS, business_days, random_times
from pipelines.sample_data.people import fake_landline, fake_mobile, spaced_international
from pipelines.sample_data.writers import (
    UTF8_BOM,
    WINDOWS,
    CsvFile,
    day_month_minutes,
    iso_seconds,
    yes_no,
)

HEADER = (
    "ID Llamada",
    "Línea",
    "Sentido",
    "Fecha Inicio",
    "Fecha Atención",
    "Fecha Fin",
    "Agente",
    "Número",
    "Tema",
    "Solución Primer Contacto",
)
WINDOWS_MONTHS = frozenset({2, 3, 6})
AGENTS = tuple(f"AG{n:02d}" for n in range(1, 15))
TOPICS = {
    "Estado de trámite": 20,
    "Radicación de documentos": 12,
    "Certificado de registro minero": 8,
    "Canon superficiario": 7,
    "RUCOM": 9,
    "Plataforma AnnA Minería": 14,
    "Formalización minera": 6,
    "Regalías": 6,
    "Paz y salvo": 4,
    "Multas y sanciones": 3,
    "Información general": 11,
}
REEXPORT_MONTH = 10
REEXPORT_SIZE, REEXPORT_PENDING, REEXPORT_UNSYNCED = 60, 20, 3

# Calls that started at 23:5x on a month's last day; the platform put them in the next month's export.
LATE_CALLS: tuple[tuple[dt.datetime, bool], ...] = (
    (dt.datetime(2025, 3, 31, 23, 52, 14), True),
    (dt.datetime(2025, 7, 31, 23, 56, 40), True),
    (dt.datetime(2025, 9, 30, 23, 58, 3), False),
    (dt.datetime(2025, 10, 31, 23, 51, 22), True),
)
LATE_TIMES = frozenset(when for when, _ in LATE_CALLS)


@dataclass(frozen=True)
class Call:
    linea: str
    sentido: str
    inicio: dt.datetime
    atencion: dt.datetime | None
    fin: dt.datetime | None
    agente: str | None
    numero: str
    tema: str | None
    resuelto: bool | None
    overrides: tuple[tuple[str, str], ...] = ()  # planted bad values, by header name

    @property
    def file_month(self) -> int:
        """The export that holds the call: its own month, except the late calls."""
        return self.inicio.month + 1 if self.inicio in LATE_TIMES else self.inicio.month


def call_plan(rng: random.Random, month: int) -> cal.CallPlan:
    if month == cal.REPORT_MONTH:
        return cal.NOVEMBER_CALLS
    attended = cal.PUBLISHED[month].telefonico
    callbacks = share(rng, attended, 0.06, 0.09)
    inbound = attended - callbacks
    offered = round(inbound / rng.uniform(0.955, 0.985))
    resolved = share(rng, attended, 0.95, 0.98)
    return cal.CallPlan(inbound, offered - inbound, callbacks, rng.randint(1, 6), resolved)


def _phone(rng: random.Random, callers: list[str]) -> str:
    if rng.random() < 0.15:
        return rng.choice(callers[:200])  # people who call again
    return fake_landline(rng) if rng.random() < 0.2 else fake_mobile(rng)


def _choose_topic(rng: random.Random) -> str:
    return rng.choices(list(TOPICS), weights=list(TOPICS.values()))[0]


def _attended(rng: random.Random, linea: str, when: dt.datetime, callers: list[str], resolved: bool) -> Call:
    wait = rng.randint(3, 25) if linea == "te_llamamos" else min(int(rng.expovariate(1 / 40)) + 4, 600)
    atencion = when + dt.timedelta(seconds=wait)
    fin = atencion + dt.timedelta(seconds=int(rng.lognormvariate(5.5, 0.6)) + 30)
    sentido = "saliente" if linea == "te_llamamos" else "entrante"
    numero = _phone(rng, callers)
    return Call(linea, sentido, when, atencion, fin, rng.choice(AGENTS), numero, _choose_topic(rng), resolved)


def _unattended(rng: random.Random, linea: str, when: dt.datetime, callers: list[str]) -> Call:
    sentido = "saliente" if linea == "te_llamamos" else "entrante"
    fin = when + dt.timedelta(seconds=rng.randint(15, 200))
    return Call(linea, sentido, when, None, fin, None, _phone(rng, callers), None, None)


def _inbound_line(rng: random.Random) -> str:
    return "bogota" if rng.random() < 0.45 else "018000"


def month_calls(rng: random.Random, month: int, callers: list[str]) -> list[Call]:
    plan = call_plan(rng, month)
    late = [(when, attended) for when, attended in LATE_CALLS if when.month == month]
    days = business_days(cal.YEAR, month)
    late_attended = [w for w, a in late if a]
    late_unattended = [w for w, a in late if not a]
    inbound_times = late_attended + random_times(
        rng, days, plan.attended_inbound - len(late_attended), OFFICE_HOURS
    )
    missed_times = late_unattended + random_times(
        rng, days, plan.unanswered_inbound - len(late_unattended), OFFICE_HOURS
    )
    callback_times = random_times(rng, days, plan.attended_callbacks, OFFICE_HOURS)
    resolved = iter(flags(rng, plan.attended, plan.resolved))
    calls = [_attended(rng, "018000" if w in LATE_TIMES else _inbound_line(rng), w, callers, next(resolved))
             for w in inbound_times]  # fmt: skip
    calls += [_attended(rng, "te_llamamos", w, callers, next(resolved)) for w in callback_times]
    calls += [
        _unattended(rng, "018000" if w in LATE_TIMES else _inbound_line(rng), w, callers)
        for w in missed_times
    ]
    calls += [
        _unattended(rng, "te_llamamos", w, callers)
        for w in random_times(rng, days, plan.unattended_callbacks, OFFICE_HOURS)
    ]
    return calls + bad_calls(rng, month, callers)


def bad_calls(rng: random.Random, month: int, callers: list[str]) -> list[Call]:
    """The planted bad rows (see docs/sample-data.md); they count nowhere."""
    if month == 2:  # a date typed by hand that does not exist
        call = _unattended(rng, "bogota", dt.datetime(2025, 2, 28, 10, 0), callers)
        return [dataclasses.replace(call, overrides=(("Fecha Inicio", "31/02/2025 10:00"),
                                                     ("Fecha Fin", "31/02/2025 10:01")))]  # fmt: skip
    if month == 5:  # the platform lost the call id
        call = _attended(rng, "bogota", dt.datetime(2025, 5, 14, 9, 12, 40), callers, True)
        return [dataclasses.replace(call, overrides=(("ID Llamada", ""),))]
    if month == 8:  # a callback registered as inbound
        call = _attended(rng, "te_llamamos", dt.datetime(2025, 8, 21, 15, 3, 18), callers, True)
        return [dataclasses.replace(call, sentido="entrante")]
    return []


def _row(call_id: str, call: Call, windows: bool) -> tuple[str, ...]:
    stamp = day_month_minutes if windows else iso_seconds
    numero = call.numero
    if windows and numero.startswith("3"):
        numero = spaced_international(numero)
    values = dict(
        zip(
            HEADER,
            (
                call_id,
                call.linea,
                call.sentido,
                stamp(call.inicio),
                stamp(call.atencion),
                stamp(call.fin),
                call.agente or "",
                numero,
                call.tema or "",
                yes_no(call.resuelto, accented=windows),
            ),
            strict=True,
        )
    )
    values.update(call.overrides)
    return tuple(values[h] for h in HEADER)


def _numbered(calls: list[Call]) -> list[tuple[str, Call]]:
    """Ids follow the order calls entered the platform."""
    ordered = sorted(calls, key=lambda c: (c.inicio, c.linea, c.numero))
    return [(str(8_100_000 + n), call) for n, call in enumerate(ordered, start=1)]


def _stale(call: Call, unsynced: bool) -> Call:
    """The first export's copy: typification pending, sometimes the answer not synced yet."""
    call = dataclasses.replace(call, tema=None, resuelto=None)
    return dataclasses.replace(call, atencion=None, agente=None) if unsynced else call


def _file_path(month: int, suffix: str = "") -> str:
    return f"calls/{cal.YEAR}/llamadas_{cal.YEAR}-{month:02d}{suffix}.csv"


def calls_files(seed: str) -> list[CsvFile]:
    rng = rng_for(seed, "calls")
    callers = [fake_mobile(rng) for _ in range(400)]
    numbered = _numbered([c for m in cal.MONTHS for c in month_calls(rng, m, callers)])
    candidates = [
        (i, c) for i, c in numbered
        if c.file_month == REEXPORT_MONTH and c.atencion and not c.overrides and c.inicio not in LATE_TIMES
    ]  # fmt: skip
    picked = rng.sample(candidates, REEXPORT_SIZE)
    stale = {i: _stale(c, n < REEXPORT_UNSYNCED) for n, (i, c) in enumerate(picked[:REEXPORT_PENDING])}
    corrected = sorted(picked, key=lambda item: item[0])
    files = []
    for month in cal.MONTHS:
        windows = month in WINDOWS_MONTHS
        rows = [_row(i, stale.get(i, c), windows) for i, c in numbered if c.file_month == month]
        files.append(CsvFile(_file_path(month), HEADER, rows, WINDOWS if windows else UTF8_BOM))
    reexport = [_row(i, c, REEXPORT_MONTH in WINDOWS_MONTHS) for i, c in corrected]
    files.append(CsvFile(_file_path(REEXPORT_MONTH, "_reexportacion"), HEADER, reexport, UTF8_BOM))
    return files
