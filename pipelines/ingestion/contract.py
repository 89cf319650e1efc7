"""The data contract as data: every raw source, its columns and their rules.

Ingestion generates its SQL from these specs, so a rule is written once and
holds for every source that has a column of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"  # trimmed, empty -> NULL
    CODE = "code"  # one of `allowed`, matched lower-case without accents
    UPPER_CODE = "upper_code"  # one of `allowed`, matched upper-case without accents
    TIMESTAMP = "timestamp"  # any timestamp form of the contract, to Bogotá local time
    DATE = "date"  # any date form of the contract (a timestamp is truncated)
    BOOLEAN = "boolean"  # SI/SÍ/NO, S/N, TRUE/FALSE, 1/0
    SCORE = "score"  # integer 1-5
    COUNT = "count"  # integer >= 0
    NUMBER = "number"  # decimal >= 0 ("," accepted as decimal mark)
    YEAR_MONTH = "year_month"  # YYYY-MM, stored as the first day of the month
    INTEGER = "integer"  # any integer
    PHONE = "phone"  # PII: digits only, country code 57 dropped, then HMAC
    DOCUMENT = "document"  # PII: upper-case letters and digits only, then HMAC
    NAME = "name"  # PII: upper-case, no accents, single spaces, then HMAC


PII_KINDS = frozenset({Kind.PHONE, Kind.DOCUMENT, Kind.NAME})


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False  # a NULL value rejects the row
    allowed: tuple[str, ...] = ()

    @property
    def is_pii(self) -> bool:
        return self.kind in PII_KINDS

    @property
    def output_name(self) -> str:
        """Name in the warehouse: PII columns only ever exist there as hashes."""
        return f"{self.name}_hash" if self.is_pii else self.name


@dataclass(frozen=True)
class RowRule:
    """A rule across columns: `condition` (SQL on the typed columns) must hold."""

    condition: str
    reason: str


@dataclass(frozen=True)
class Source:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    event_time: str  # the column whose Bogotá-local month the row belongs to
    file_types: tuple[str, ...] = (".csv",)
    file_required: tuple[str, ...] = ()  # columns a file must have; default: the required ones
    rules: tuple[RowRule, ...] = ()
    references: tuple[str, ...] = ()  # reference tables the rules read

    @property
    def required_in_file(self) -> tuple[str, ...]:
        return self.file_required or tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


CALLS = Source(
    name="calls",
    columns=(
        Column("id_llamada", Kind.TEXT, required=True),
        Column("linea", Kind.CODE, required=True, allowed=("bogota", "018000", "te_llamamos")),
        Column("sentido", Kind.CODE, required=True, allowed=("entrante", "saliente")),
        Column("fecha_inicio", Kind.TIMESTAMP, required=True),
        Column("fecha_atencion", Kind.TIMESTAMP),
        Column("fecha_fin", Kind.TIMESTAMP),
        Column("agente", Kind.TEXT),
        Column("numero", Kind.PHONE),
        Column("tema", Kind.TEXT),
        Column("solucion_primer_contacto", Kind.BOOLEAN),
    ),
    key=("id_llamada",),
    event_time="fecha_inicio",
    file_required=(
        "id_llamada",
        "linea",
        "sentido",
        "fecha_inicio",
        "fecha_atencion",
        "solucion_primer_contacto",
    ),
    rules=(
        RowRule(
            "not (linea = 'te_llamamos' and sentido = 'entrante')",
            "linea te_llamamos is a callback and must be sentido saliente",
        ),
        RowRule(
            "fecha_atencion is null or fecha_atencion >= fecha_inicio",
            "fecha_atencion is before fecha_inicio",
        ),
    ),
)

EMAILS = Source(
    name="emails",
    columns=(
        Column("fecha", Kind.DATE, required=True),
        Column("buzon", Kind.CODE, required=True),
        Column("sentido", Kind.CODE, required=True, allowed=("entrada", "salida")),
        Column("cantidad", Kind.COUNT, required=True),
    ),
    key=("fecha", "buzon", "sentido"),
    event_time="fecha",
)

PRESENCIAL = Source(
    name="presencial",
    columns=(
        Column("id_atencion", Kind.TEXT, required=True),
        Column("fecha_hora", Kind.TIMESTAMP, required=True),
        Column("codigo_punto", Kind.UPPER_CODE, required=True),
        Column("tipo_documento", Kind.UPPER_CODE),
        Column("numero_documento", Kind.DOCUMENT),
        Column("nombre", Kind.NAME),
        Column("tipo_usuario", Kind.TEXT),
        Column("tema", Kind.TEXT),
        Column("solucion_primer_contacto", Kind.BOOLEAN),
        Column("servidor", Kind.TEXT),
    ),
    key=("id_atencion",),
    event_time="fecha_hora",
    file_types=(".xlsx", ".csv"),
    file_required=("id_atencion", "fecha_hora", "codigo_punto", "solucion_primer_contacto"),
    rules=(
        RowRule(
            "codigo_punto in (select codigo_punto from reference.puntos_atencion)",
            "unknown codigo_punto (not in puntos_atencion.csv)",
        ),
        RowRule(
            "fecha_hora is null"
            " or codigo_punto not in (select codigo_punto from reference.puntos_atencion)"
            " or exists (select 1 from reference.puntos_atencion p"
            " where p.codigo_punto = typed.codigo_punto"
            " and (p.fecha_apertura is null or p.fecha_apertura <= fecha_hora::date)"
            " and (p.fecha_cierre is null or p.fecha_cierre >= fecha_hora::date))",
            "the point of attention was not open on that date (fecha_apertura/fecha_cierre)",
        ),
    ),
    references=("puntos_atencion",),
)

WHATSAPP = Source(
    name="whatsapp",
    columns=(
        Column("conversation_id", Kind.TEXT, required=True),
        Column("started_at", Kind.TIMESTAMP, required=True),
        Column("ended_at", Kind.TIMESTAMP),
        Column("phone", Kind.PHONE),
        Column("handed_to_agent", Kind.BOOLEAN),
        Column("effective", Kind.BOOLEAN),
        Column("resolved_first_contact", Kind.BOOLEAN),
        Column("closed_by_inactivity", Kind.BOOLEAN),
    ),
    key=("conversation_id",),
    event_time="started_at",
    file_types=(".jsonl", ".json", ".ndjson"),
)

ENCUESTAS = Source(
    name="encuestas",
    columns=(
        Column("id_respuesta", Kind.TEXT, required=True),
        Column("fecha", Kind.TIMESTAMP, required=True),
        Column(
            "canal",
            Kind.CODE,
            required=True,
            allowed=("presencial", "telefonico", "virtual", "whatsapp"),
        ),
        Column("satisfaccion", Kind.SCORE),
        Column("percepcion", Kind.SCORE),
        Column("confianza", Kind.SCORE),
    ),
    key=("id_respuesta",),
    event_time="fecha",
    file_required=("id_respuesta", "fecha", "canal", "satisfaccion", "percepcion", "confianza"),
    rules=(
        RowRule(
            "coalesce(satisfaccion, percepcion, confianza) is not null",
            "no question answered (satisfaccion, percepcion and confianza are all empty)",
        ),
    ),
)

GESTION = Source(
    name="gestion",
    columns=(
        Column("mes", Kind.YEAR_MONTH, required=True),
        Column("indicador", Kind.CODE, required=True),
        Column("valor", Kind.NUMBER, required=True),
        Column("nota", Kind.TEXT),
    ),
    key=("mes", "indicador"),
    event_time="mes",
    rules=(
        RowRule(
            "indicador in (select indicador from reference.indicadores_gestion)",
            "unknown indicador (not in the catalogue indicadores_gestion.csv)",
        ),
    ),
    references=("indicadores_gestion",),
)

RAW_SOURCES: tuple[Source, ...] = (CALLS, EMAILS, PRESENCIAL, WHATSAPP, ENCUESTAS, GESTION)

PUNTOS_ATENCION = Source(
    name="puntos_atencion",
    columns=(
        Column("codigo_punto", Kind.UPPER_CODE, required=True),
        Column("nombre", Kind.TEXT, required=True),
        Column("ciudad", Kind.TEXT),
        Column("departamento", Kind.TEXT),
        Column("tipo", Kind.UPPER_CODE, required=True, allowed=("PAR", "PAL")),
        Column("sede_central", Kind.BOOLEAN),
        Column("fecha_apertura", Kind.DATE),
        Column("fecha_cierre", Kind.DATE),
    ),
    key=("codigo_punto",),
    event_time="",
    file_required=("codigo_punto", "nombre", "tipo"),
)

CIFRAS_PUBLICADAS = Source(
    name="cifras_publicadas",
    columns=(
        Column("anio", Kind.INTEGER, required=True),
        Column("mes", Kind.INTEGER, required=True),
        Column("canal", Kind.CODE, required=True, allowed=("presencial", "telefonico", "virtual")),
        Column("interacciones", Kind.COUNT, required=True),
    ),
    key=("anio", "mes", "canal"),
    event_time="",
    rules=(
        RowRule("mes between 1 and 12", "mes must be between 1 and 12"),
        RowRule("anio between 2015 and 2100", "anio must be 2015 or later"),
    ),
)

INDICADORES_GESTION = Source(
    name="indicadores_gestion",
    columns=(
        Column("indicador", Kind.CODE, required=True),
        Column("descripcion", Kind.TEXT, required=True),
        Column("unidad", Kind.CODE, required=True, allowed=("conteo", "proporcion")),
    ),
    key=("indicador",),
    event_time="",
)

REFERENCE_SOURCES: tuple[Source, ...] = (PUNTOS_ATENCION, CIFRAS_PUBLICADAS, INDICADORES_GESTION)
