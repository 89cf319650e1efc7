"""The figures the sample must reproduce, as data.

Every number here comes from the November 2025 report (see
`shared/spec/deck-figures.md`). The generators draw everything else at
random around these targets; these are never approximated.
"""

from __future__ import annotations

from dataclasses import dataclass

SEED = "anm-gapcc-muestra-2025"
YEAR = 2025
MONTHS: tuple[int, ...] = tuple(range(1, 12))  # January-November 2025
REPORT_MONTH = 11


@dataclass(frozen=True)
class ChannelTotals:
    """Attended interactions of one month, as published."""

    presencial: int
    telefonico: int
    virtual: int


PUBLISHED: dict[int, ChannelTotals] = {
    1: ChannelTotals(847, 542, 4_853),
    2: ChannelTotals(1_371, 142, 6_217),
    3: ChannelTotals(1_432, 223, 6_317),
    4: ChannelTotals(1_161, 220, 6_711),
    5: ChannelTotals(1_362, 593, 7_397),
    6: ChannelTotals(1_154, 654, 5_353),
    7: ChannelTotals(1_406, 1_326, 6_922),
    8: ChannelTotals(1_022, 950, 4_471),
    9: ChannelTotals(1_019, 1_052, 5_193),
    10: ChannelTotals(991, 856, 6_260),
    11: ChannelTotals(887, 594, 5_241),
}

# November visits per point: the deck gives the counts, not the names; this
# assignment of counts to points is illustrative.
NOVEMBER_VISITS_BY_POINT: dict[str, int] = {
    "PAR-BOG": 213,
    "PAR-MED": 180,
    "PAR-NOB": 118,
    "PAR-CUC": 86,
    "PAR-BUC": 30,
    "PAR-CAL": 30,
    "PAR-IBA": 30,
    "PAR-MAN": 25,
    "PAR-PAS": 24,
    "PAR-VAL": 21,
    "PAR-CAR": 15,
    "PAR-QUI": 14,
    "PAL-UBA": 24,
    "PAL-AMA": 18,
    "PAL-REM": 16,
    "PAL-SEG": 14,
    "PAL-SOG": 12,
    "PAL-ZIP": 6,
    "PAL-MAR": 2,
    "PAL-BAG": 2,
    "PAL-POP": 2,
    "PAL-MON": 2,
    "PAL-PBE": 2,
    "PAL-BAR": 1,
}
NOVEMBER_VISITS_RESOLVED = 836


@dataclass(frozen=True)
class CallPlan:
    """Calls of one month by outcome. Callbacks (`te_llamamos`) are outbound."""

    attended_inbound: int
    unanswered_inbound: int
    attended_callbacks: int
    unattended_callbacks: int
    resolved: int  # attended calls resolved at first contact

    @property
    def attended(self) -> int:
        return self.attended_inbound + self.attended_callbacks


NOVEMBER_CALLS = CallPlan(
    attended_inbound=549,
    unanswered_inbound=17,
    attended_callbacks=45,
    unattended_callbacks=4,
    resolved=576,
)


@dataclass(frozen=True)
class WhatsappPlan:
    conversations: int
    resolved: int
    effective: int
    handed_to_agent: int
    closed_by_inactivity: int


NOVEMBER_WHATSAPP = WhatsappPlan(
    conversations=219, resolved=206, effective=149, handed_to_agent=48, closed_by_inactivity=27
)


@dataclass(frozen=True)
class EmailPlan:
    received: int
    sent: int
    second_mailbox_share: float  # part of each direction handled by the second mailbox


NOVEMBER_EMAILS = EmailPlan(received=3_379, sent=1_862, second_mailbox_share=0.0)
MAIN_MAILBOX = "contacto@anm.gov.co"
SECOND_MAILBOX = "servicioalciudadano@anm.gov.co"
SECOND_MAILBOX_MONTHS = frozenset(range(1, 7))  # merged into the main mailbox in July


@dataclass(frozen=True)
class QuestionPlan:
    answered: int
    top2: int  # answers scoring 4 or 5


@dataclass(frozen=True)
class SurveyPlan:
    """Responses of one channel in one month; every response answers satisfaction."""

    satisfaccion: QuestionPlan
    percepcion: QuestionPlan
    confianza: QuestionPlan

    @property
    def responses(self) -> int:
        return self.satisfaccion.answered


NOVEMBER_SURVEYS: dict[str, SurveyPlan] = {
    "presencial": SurveyPlan(QuestionPlan(714, 714), QuestionPlan(714, 709), QuestionPlan(714, 698)),
    "telefonico": SurveyPlan(QuestionPlan(310, 285), QuestionPlan(285, 243), QuestionPlan(259, 220)),
    # reported apart from the consolidated figure; no virtual responses in November
    "whatsapp": SurveyPlan(QuestionPlan(46, 37), QuestionPlan(40, 33), QuestionPlan(38, 30)),
}


@dataclass(frozen=True)
class Reason:
    slug: str
    label: str  # as the deck prints it
    november: int


LOW_RATING_REASONS: tuple[Reason, ...] = (
    Reason("califico_mal_por_error", "Califico mal por error / No califico mal", 10),
    Reason("no_atiende_seguimiento", "No atiende al seguimiento", 7),
    Reason("tramite_sin_solucion", "No le dan solución a un tramite", 5),
    Reason("demora_respuesta", "Demora de respuesta en la agencia", 3),
    Reason("llamada_cortada", "Llamada cortada", 3),
    Reason("respuesta_no_efectiva", "Respuesta no efectiva en orientación", 3),
    Reason("no_recuerda", "No recuerda", 2),
    Reason(
        "sin_seguimiento_derecho_peticion",
        "No seguimiento a derecho de petición dirigido a la agencia",
        1,
    ),
)

WHATSAPP_REASONS: tuple[Reason, ...] = (
    Reason("usuarios_se_pierden_opciones", "Los usuarios se pierden entre las opciones…", 4),
    Reason("chat_cerrado_inactividad", "Chat cerrado por inactividad", 3),
    Reason("sin_problema_atencion", "No hay problema de atención", 2),
    Reason("proceso_no_disponible_por_medio", "El proceso no se podia hacer por ese medio", 2),
    Reason("informacion_superficial", "Información entregada es muy superficial", 1),
    Reason("fallas_red_usuario", "Fallas de red del usuario al tratar de realizar…", 1),
)

# The team's November tallies (gestion/), one code per figure of the deck.
NOVEMBER_TALLIES: dict[str, float] = {
    "sms_invitacion_encuesta": 2_941,
    "seguimiento_baja_calificacion_contactados": 53,
    "seguimiento_baja_calificacion_respondieron": 34,
    "encuesta_incognita_solicitados": 30,
    "encuesta_incognita_respondieron": 6,
    "comunicaciones_correo_contacto": 1_557,
    "pqrs_seguimiento": 4_055,
    "comunicaciones_radicador_web": 1_822,
    "interacciones_apoyo_entidad": 1_862,
    "servidores_orientados": 65,
    "usuarios_asistencia_formalizacion": 35,
    "whatsapp_revision_baja_calificacion": 13,
    # the deck shows compliance as a chart without numbers: illustrative shares
    "monitoreo_cumplimiento_presencial": 1.0,
    "monitoreo_cumplimiento_telefonico": 0.96,
    "monitoreo_cumplimiento_virtual": 0.95,
}
