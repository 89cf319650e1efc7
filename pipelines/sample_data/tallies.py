"""gestion/: the team's monthly tallies, and their catalogue (data/reference/indicadores_gestion.csv)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import apportion, jittered, rng_for, share
from pipelines.sample_data.emails import email_plans
from pipelines.sample_data.writers import UTF8, CsvFile

HEADER = ("mes", "indicador", "valor", "nota")
CATALOGUE_HEADER = ("indicador", "descripcion", "unidad")
CORRECTED_MONTH, CORRECTED_CODE = 10, "pqrs_seguimiento"
# Planted bad row: a tally the team started keeping before adding it to the catalogue.
UNKNOWN_CODE = ("capacitaciones_realizadas", 10, "Capacitaciones y socializaciones del mes")
LOW_RATING = "motivo_baja_calificacion_"
WHATSAPP_REASON = "whatsapp_motivo_"


@dataclass(frozen=True)
class Indicator:
    code: str
    descripcion: str
    unidad: str  # conteo or proporcion


def catalogue() -> list[Indicator]:
    """Every indicator code the tallies may use."""
    counts = [
        Indicator("sms_invitacion_encuesta", "Mensajes de texto enviados invitando a diligenciar la encuesta de satisfacción", "conteo"),
        Indicator("seguimiento_baja_calificacion_contactados", "Usuarios con baja calificación en la encuesta contactados para seguimiento", "conteo"),
        Indicator("seguimiento_baja_calificacion_respondieron", "Usuarios con baja calificación que respondieron al seguimiento", "conteo"),
        *[Indicator(f"{LOW_RATING}{r.slug}", f"Motivo de baja calificación: {r.label}", "conteo")
          for r in cal.LOW_RATING_REASONS],
        Indicator("encuesta_incognita_solicitados", "Usuarios a los que se solicitó la encuesta incógnita", "conteo"),
        Indicator("encuesta_incognita_respondieron", "Usuarios que respondieron la encuesta incógnita", "conteo"),
        Indicator("comunicaciones_correo_contacto", "Comunicaciones recibidas, analizadas y radicadas desde el correo contacto@anm.gov.co", "conteo"),
        Indicator("pqrs_seguimiento", "Comunicaciones PQRS radicadas por los diferentes canales con seguimiento del GAPCC", "conteo"),
        Indicator("comunicaciones_radicador_web", "Comunicaciones del radicador web asignadas a las dependencias", "conteo"),
        Indicator("interacciones_apoyo_entidad", "Interacciones de apoyo a la Entidad (envío de respuestas, solicitud de documentos, trazabilidad)", "conteo"),
        Indicator("servidores_orientados", "Funcionarios y contratistas orientados en radicación y gestión documental", "conteo"),
        Indicator("usuarios_asistencia_formalizacion", "Usuarios con asistencia técnica y jurídica en alternativas de formalización minera", "conteo"),
        Indicator("whatsapp_revision_baja_calificacion", "Conversaciones de WhatsApp con baja calificación revisadas", "conteo"),
        *[Indicator(f"{WHATSAPP_REASON}{r.slug}", f"Motivo de baja calificación en WhatsApp: {r.label}", "conteo")
          for r in cal.WHATSAPP_REASONS],
    ]  # fmt: skip
    shares = [
        Indicator(f"monitoreo_cumplimiento_{canal}", f"Cumplimiento de lineamientos en los monitoreos de calidad del canal {label}", "proporcion")
        for canal, label in (("presencial", "presencial"), ("telefonico", "telefónico"), ("virtual", "virtual"))
    ]  # fmt: skip
    return counts + shares


def catalogue_file() -> CsvFile:
    rows = [(i.code, i.descripcion, i.unidad) for i in catalogue()]
    return CsvFile("indicadores_gestion.csv", CATALOGUE_HEADER, rows, UTF8)


Tally = tuple[str, float, str]  # indicador, valor, nota


def _reasons(prefix: str, reasons: tuple[cal.Reason, ...], counts: list[int]) -> list[Tally]:
    return [(f"{prefix}{r.slug}", n, r.label) for r, n in zip(reasons, counts, strict=True)]


def november_tallies() -> list[Tally]:
    values = cal.NOVEMBER_TALLIES
    head = [(code, values[code], "") for code in list(values)[:3]]
    rest = [(code, values[code], "") for code in list(values)[3:]]
    low = _reasons(LOW_RATING, cal.LOW_RATING_REASONS, [r.november for r in cal.LOW_RATING_REASONS])
    chat = _reasons(WHATSAPP_REASON, cal.WHATSAPP_REASONS, [r.november for r in cal.WHATSAPP_REASONS])
    return head + low + rest + chat


def _spread(rng: random.Random, total: int, reasons: tuple[cal.Reason, ...]) -> list[int]:
    return apportion(total, jittered(rng, [r.november + 1 for r in reasons], 0.5))


def month_tallies(rng: random.Random, month: int, received: int, sent: int) -> list[Tally]:
    contacted = rng.randint(30, 70)
    answered = share(rng, contacted, 0.55, 0.72)
    asked = rng.randint(20, 40)
    reviewed = rng.randint(8, 20)
    return [
        ("sms_invitacion_encuesta", rng.randint(1_800, 3_400), ""),
        ("seguimiento_baja_calificacion_contactados", contacted, ""),
        ("seguimiento_baja_calificacion_respondieron", answered, ""),
        *_reasons(LOW_RATING, cal.LOW_RATING_REASONS, _spread(rng, answered, cal.LOW_RATING_REASONS)),
        ("encuesta_incognita_solicitados", asked, ""),
        ("encuesta_incognita_respondieron", share(rng, asked, 0.15, 0.35), ""),
        ("comunicaciones_correo_contacto", share(rng, received, 0.4, 0.5), ""),
        ("pqrs_seguimiento", rng.randint(3_400, 4_600), ""),
        ("comunicaciones_radicador_web", rng.randint(1_500, 2_100), ""),
        ("interacciones_apoyo_entidad", sent, ""),
        ("servidores_orientados", rng.randint(35, 90), ""),
        ("usuarios_asistencia_formalizacion", rng.randint(18, 50), ""),
        ("monitoreo_cumplimiento_presencial", round(rng.uniform(0.95, 1.0), 2), ""),
        ("monitoreo_cumplimiento_telefonico", round(rng.uniform(0.9, 0.98), 2), ""),
        ("monitoreo_cumplimiento_virtual", round(rng.uniform(0.9, 0.97), 2), ""),
        ("whatsapp_revision_baja_calificacion", reviewed, ""),
        *_reasons(WHATSAPP_REASON, cal.WHATSAPP_REASONS, _spread(rng, reviewed, cal.WHATSAPP_REASONS)),
    ]


def _value(code: str, value: float) -> str:
    return f"{value:.2f}" if code.startswith("monitoreo_") else str(int(value))


def _rows(month: int, tallies: list[Tally]) -> list[tuple[str, ...]]:
    mes = f"{cal.YEAR}-{month:02d}"
    return [(mes, code, _value(code, value), nota) for code, value, nota in tallies]


def gestion_files(seed: str) -> list[CsvFile]:
    rng = rng_for(seed, "gestion")
    plans = email_plans(seed)
    files = []
    for month in cal.MONTHS:
        if month == cal.REPORT_MONTH:
            tallies = [*november_tallies(), UNKNOWN_CODE]
        else:
            tallies = month_tallies(rng, month, plans[month].received, plans[month].sent)
        if month == CORRECTED_MONTH:
            final = next(v for c, v, _ in tallies if c == CORRECTED_CODE)
            tallies = [(c, v - 212 if c == CORRECTED_CODE else v, n) for c, v, n in tallies]
            adjustment = [(CORRECTED_CODE, final, "Ajuste: incluye las PQRS radicadas el 31 de octubre")]
            files.append(CsvFile(_path(month, "_ajuste"), HEADER, _rows(month, adjustment), UTF8))
        files.append(CsvFile(_path(month), HEADER, _rows(month, tallies), UTF8))
    return sorted(files, key=lambda f: f.path)


def _path(month: int, suffix: str = "") -> str:
    return f"gestion/{cal.YEAR}/gestion_{cal.YEAR}-{month:02d}{suffix}.csv"
