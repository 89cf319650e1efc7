"""encuestas/: satisfaction-survey responses, one CSV per month.

`fecha` is a date for in-person responses (the tablet form) and a timestamp
for the others; the first quarter's export wrote dates as DD/MM/YYYY.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import flags, rng_for, share
from pipelines.sample_data.dates import ALL_DAY_HOURS, OFFICE_HOURS, business_days, month_days, random_times
from pipelines.sample_data.writers import UTF8, CsvFile

HEADER = ("id_respuesta", "fecha", "canal", "satisfaccion", "percepcion", "confianza", "comentario")
QUESTIONS = ("satisfaccion", "percepcion", "confianza")
DAY_FIRST_MONTHS = frozenset({1, 2, 3})
COMMENTS_HIGH = (
    "Excelente atención",
    "Muy amable el funcionario",
    "Todo muy claro, gracias",
    "Me orientaron bien con el trámite",
    "Rápido y cordial",
)
COMMENTS_LOW = (
    "La respuesta se demora mucho",
    "No me resolvieron el trámite",
    "Me toca volver a radicar",
    "La llamada se cortó",
    "La plataforma no funciona",
)


@dataclass(frozen=True)
class Response:
    fecha: dt.datetime
    canal: str
    scores: tuple[int | None, int | None, int | None]  # satisfaccion, percepcion, confianza
    comentario: str
    raw_scores: tuple[str, str, str] | None = None  # planted bad values written instead of scores


def _question(rng: random.Random, answered: int, low: float, high: float) -> cal.QuestionPlan:
    return cal.QuestionPlan(answered, share(rng, answered, low, high))


Range = tuple[float, float]


def _plan(rng: random.Random, responses: int, perception: Range, trust: Range, top2: Range) -> cal.SurveyPlan:
    """Everyone answers satisfaction; fewer answer perception, fewer still trust."""
    perception_answered = share(rng, responses, *perception)
    trust_answered = min(perception_answered, share(rng, responses, *trust))
    return cal.SurveyPlan(
        _question(rng, responses, *top2),
        _question(rng, perception_answered, top2[0] - 0.04, top2[1] - 0.03),
        _question(rng, trust_answered, top2[0] - 0.05, top2[1] - 0.03),
    )


def survey_plans(rng: random.Random, month: int) -> dict[str, cal.SurveyPlan]:
    if month == cal.REPORT_MONTH:
        return dict(cal.NOVEMBER_SURVEYS)
    published = cal.PUBLISHED[month]
    everyone = (1.0, 1.0)
    return {
        "presencial": _plan(
            rng, share(rng, published.presencial, 0.74, 0.84), everyone, everyone, (0.97, 1.0)
        ),
        "telefonico": _plan(
            rng, share(rng, published.telefonico, 0.45, 0.55), (0.88, 0.94), (0.8, 0.88), (0.88, 0.95)
        ),
        "virtual": _plan(rng, rng.randint(40, 120), (0.9, 0.97), (0.85, 0.92), (0.86, 0.93)),
        "whatsapp": _plan(rng, rng.randint(30, 60), (0.85, 0.95), (0.8, 0.9), (0.82, 0.9)),
    }


def _score(rng: random.Random, high: bool) -> int:
    if high:
        return 5 if rng.random() < 0.8 else 4
    return rng.choices((3, 2, 1), weights=(6, 2, 2))[0]


def _answers(rng: random.Random, responses: int, question: cal.QuestionPlan) -> list[int | None]:
    answered = (
        flags(rng, responses, question.answered) if question.answered < responses else [True] * responses
    )
    highs = iter(flags(rng, question.answered, question.top2))
    return [_score(rng, next(highs)) if a else None for a in answered]


def _times(rng: random.Random, month: int, canal: str, count: int) -> list[dt.datetime]:
    if canal in ("presencial", "telefonico"):
        return random_times(rng, business_days(cal.YEAR, month), count, OFFICE_HOURS)
    return random_times(rng, month_days(cal.YEAR, month), count, ALL_DAY_HOURS)


def _comment(rng: random.Random, scores: tuple[int | None, ...]) -> str:
    if rng.random() > 0.08:
        return ""
    low = any(s is not None and s <= 3 for s in scores)
    return rng.choice(COMMENTS_LOW if low else COMMENTS_HIGH)


def channel_responses(rng: random.Random, month: int, canal: str, plan: cal.SurveyPlan) -> list[Response]:
    n = plan.responses
    columns = [_answers(rng, n, q) for q in (plan.satisfaccion, plan.percepcion, plan.confianza)]
    rows = []
    for when, scores in zip(_times(rng, month, canal, n), zip(*columns, strict=True), strict=True):
        rows.append(Response(when, canal, scores, _comment(rng, scores)))
    return rows


def bad_responses(month: int) -> list[Response]:
    """The planted bad rows (see docs/sample-data.md)."""
    if month == 8:  # a score outside 1-5
        return [
            Response(dt.datetime(2025, 8, 12, 11, 20), "presencial", (None, None, None), "", ("7", "5", "5"))
        ]
    if month == 9:  # no question answered
        return [
            Response(dt.datetime(2025, 9, 23, 15, 47, 31), "telefonico", (None, None, None), "", ("", "", ""))
        ]
    return []


def _fecha(response: Response) -> str:
    day_first = response.fecha.month in DAY_FIRST_MONTHS
    if response.canal == "presencial":
        return response.fecha.strftime("%d/%m/%Y" if day_first else "%Y-%m-%d")
    return response.fecha.strftime("%d/%m/%Y %H:%M" if day_first else "%Y-%m-%d %H:%M:%S")


def _row(response_id: str, response: Response) -> tuple[str, ...]:
    scores = response.raw_scores or tuple("" if s is None else str(s) for s in response.scores)
    return (response_id, _fecha(response), response.canal, *scores, response.comentario)


def surveys_files(seed: str) -> list[CsvFile]:
    rng = rng_for(seed, "encuestas")
    by_month = {
        m: [r for canal, plan in survey_plans(rng, m).items() for r in channel_responses(rng, m, canal, plan)]
        + bad_responses(m)
        for m in cal.MONTHS
    }
    files, sequence = [], 0
    for month, responses in by_month.items():
        rows = []
        for response in sorted(responses, key=lambda r: (r.fecha, r.canal)):
            sequence += 1
            rows.append(_row(f"ENC-{cal.YEAR}-{sequence:06d}", response))
        files.append(CsvFile(f"encuestas/encuestas_{cal.YEAR}-{month:02d}.csv", HEADER, rows, UTF8))
    return files
