"""Turn the month's figures into the informe: view rows, charts, and the HTML template.

All text shown to readers is Spanish; every number goes through `formatting`
(one rounding rule) and every chart through `charts` (inline SVG).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import jinja2

from pipelines.report import charts
from pipelines.report import formatting as fmt
from pipelines.report.queries import (
    CheckResult,
    Indicators,
    RatingDistribution,
    ReportData,
    Tally,
)
from pipelines.report.stats import SMALL_SAMPLE, is_small_sample, wilson_interval

TEMPLATES = Path(__file__).resolve().parent / "templates"

CHANNEL_NAMES = {
    "presencial": "Presencial",
    "telefonico": "Telefónico",
    "virtual": "Virtual",
    "whatsapp": "WhatsApp",
    "total": "Total",
}
QUESTION_NAMES = {"satisfaction": "Satisfacción", "perception": "Percepción", "trust": "Confianza"}
QUESTION_MEANING = {
    "satisfaction": "grado de satisfacción de los usuarios con los servicios y trámites de la ANM",
    "perception": "reconocimiento de la ANM como autoridad minera y entidad técnica que impulsa el sector",
    "trust": "confianza y credibilidad de los usuarios hacia la ANM en los trámites que adelantan",
}

SOURCE_NAMES = {
    "calls": "Llamadas",
    "emails": "Correos",
    "presencial": "Atención presencial",
    "whatsapp": "WhatsApp",
    "encuestas": "Encuestas",
    "gestion": "Gestión del equipo",
}

SEVERITY_NAMES = {"error": "error", "warn": "advertencia", "warning": "advertencia"}

LOW_RATING_PREFIX = "motivo_baja_calificacion_"
WHATSAPP_REASON_PREFIX = "whatsapp_motivo_"
MONITORING_PREFIX = "monitoreo_cumplimiento_"
TALLY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Encuestas: invitación y seguimiento",
        (
            "sms_invitacion_encuesta",
            "seguimiento_baja_calificacion_contactados",
            "seguimiento_baja_calificacion_respondieron",
            "encuesta_incognita_solicitados",
            "encuesta_incognita_respondieron",
        ),
    ),
    (
        "Entregas de valor: canal virtual",
        (
            "comunicaciones_correo_contacto",
            "pqrs_seguimiento",
            "comunicaciones_radicador_web",
            "interacciones_apoyo_entidad",
            "servidores_orientados",
        ),
    ),
    ("Entregas de valor: canal presencial", ("usuarios_asistencia_formalizacion",)),
    ("Seguimiento de WhatsApp", ("whatsapp_revision_baja_calificacion",)),
)


@dataclass(frozen=True)
class Row:
    """One figure of a table, with its comparisons."""

    label: str
    value: str
    detail: str = ""
    previous: str = fmt.NO_DATA
    previous_change: str = fmt.NO_DATA
    year_ago: str = fmt.NO_DATA
    year_ago_change: str = fmt.NO_DATA
    note: str = ""
    strong: bool = False


@dataclass(frozen=True)
class Comparison:
    period: str
    value: str
    change: str

    @property
    def has_change(self) -> bool:
        return self.value != fmt.NO_DATA and self.change != fmt.NO_DATA


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    detail: str = ""
    comparisons: tuple[Comparison, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class Chart:
    svg: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SurveyRow:
    channel: str
    rate: str
    detail: str
    interval: str
    small: bool
    response: str
    previous_change: str
    year_ago_change: str


@dataclass(frozen=True)
class SurveyTable:
    question: str
    name: str
    meaning: str
    rows: tuple[SurveyRow, ...]
    analysis: tuple[str, ...]


@dataclass
class TallyGroup:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class CheckView:
    name: str
    status: str
    status_class: str
    severity: str
    rows_checked: str
    failures_month: tuple[tuple[str, ...], ...]
    failures_other: int
    warnings: tuple[str, ...]
    evaluated_at: str


# ---------------------------------------------------------------- figures and comparisons


def _value(indicators: Indicators, channel: str, indicator: str) -> int | Fraction | None:
    figure = indicators.get(channel, indicator)
    return None if figure is None else figure.value


def _complete(indicators: Indicators) -> bool:
    """The period has indicator rows for each of its months (a fair year-to-date comparison)."""
    months = (
        (indicators.last.year - indicators.first.year) * 12
        + indicators.last.month
        - indicators.first.month
        + 1
    )
    return indicators.months == months


def _rate_text(value: int | Fraction | None, decimals: int) -> str:
    return fmt.percent(value, decimals)


def figure_row(
    label: str,
    current: Indicators,
    previous: Indicators | None,
    year_ago: Indicators | None,
    channel: str,
    indicator: str,
    decimals: int = fmt.PERCENT_DECIMALS,
    strong: bool = False,
    note: str = "",
) -> Row:
    """A count or a rate, with the previous period and the same period a year earlier."""
    figure = current.get(channel, indicator)
    now = _value(current, channel, indicator)
    before = None if previous is None else _value(previous, channel, indicator)
    ago = None if year_ago is None else _value(year_ago, channel, indicator)
    if figure is not None and figure.is_rate:
        return Row(
            label=label,
            value=_rate_text(now, decimals),
            detail=f"{fmt.integer(figure.numerator)} de {fmt.integer(figure.denominator)}",
            previous=_rate_text(before, decimals),
            previous_change=fmt.points_change(now, before, decimals),
            year_ago=_rate_text(ago, decimals),
            year_ago_change=fmt.points_change(now, ago, decimals),
            note=note,
            strong=strong,
        )
    rate_kind = any(
        ind is not None and (f := ind.get(channel, indicator)) is not None and f.is_rate
        for ind in (previous, year_ago)
    )
    show = (lambda v: _rate_text(v, decimals)) if rate_kind else fmt.integer
    change = (lambda a, b: fmt.points_change(a, b, decimals)) if rate_kind else fmt.relative_change
    return Row(
        label=label,
        value=show(now),
        previous=show(before),
        previous_change=change(now, before),
        year_ago=show(ago),
        year_ago_change=change(now, ago),
        note=note,
        strong=strong,
    )


def _card(
    label: str,
    data: ReportData,
    channel: str,
    indicator: str,
    decimals: int = fmt.PERCENT_DECIMALS,
    kind: str = "",
    ytd: bool = False,
) -> Card:
    if ytd:
        year_ago = data.ytd_year_ago if _complete(data.ytd_year_ago) else None
        row = figure_row(label, data.ytd, None, year_ago, channel, indicator, decimals)
        comparisons: tuple[Comparison, ...] = (
            Comparison(_ytd_label(data.ytd_year_ago), row.year_ago, row.year_ago_change),
        )
    else:
        row = figure_row(label, data.current, data.previous, data.year_ago, channel, indicator, decimals)
        comparisons = (
            Comparison(fmt.month_title(data.previous_month), row.previous, row.previous_change),
            Comparison(fmt.month_title(data.year_ago_month), row.year_ago, row.year_ago_change),
        )
    return Card(label, row.value, row.detail, comparisons, kind)


def _consolidated_card(data: ReportData) -> Card:
    card = _card(
        "Satisfacción consolidada",
        data,
        "total",
        "consolidated_satisfaction",
        fmt.HEADLINE_PERCENT_DECIMALS,
        kind="consolidated",
    )
    figure = data.current.get("total", "consolidated_satisfaction")
    if figure is None or figure.denominator is None:
        return card
    detail = f"{fmt.integer(figure.numerator)} calificaciones de 4 o 5 de {fmt.integer(figure.denominator)}"
    return replace(card, detail=detail)


def _ytd_label(indicators: Indicators) -> str:
    first, last = indicators.first, indicators.last
    if first == last:
        return fmt.month_name(first)
    return f"{fmt.MONTHS[first.month - 1]}–{fmt.MONTHS[last.month - 1]} {last.year}"


# ---------------------------------------------------------------- sections


def _channel_rows(current: Indicators, previous: Indicators | None, year_ago: Indicators | None) -> list[Row]:
    rows = [
        figure_row(CHANNEL_NAMES[c], current, previous, year_ago, c, "interactions")
        for c in ("presencial", "telefonico", "virtual")
    ]
    rows.append(
        figure_row(
            "Total (presencial + telefónico + virtual)",
            current,
            previous,
            year_ago,
            "total",
            "interactions",
            strong=True,
        )
    )
    rows.append(
        figure_row(
            "WhatsApp (aparte: no suma al total)",
            current,
            previous,
            year_ago,
            "whatsapp",
            "interactions",
            note="se informa al lado del total, no dentro",
        )
    )
    return rows


def _series_charts(data: ReportData) -> list[Chart]:
    result = []
    for channel in ("presencial", "telefonico", "virtual", "whatsapp"):
        points = data.series[channel]
        if channel == "whatsapp" and all(v is None for _, v in points):
            continue
        labels = [fmt.month_short(m) for m, _ in points]
        values = [v for _, v in points]
        name = CHANNEL_NAMES[channel]
        known = [(m, v) for m, v in points if v is not None]
        desc = f"Interacciones atendidas por mes, canal {name.lower()}, {_ytd_label(data.ytd)}: " + "; ".join(
            f"{fmt.MONTHS[m.month - 1]} {fmt.integer(v)}" for m, v in known
        )
        svg = charts.column_chart(
            f"serie-{channel}",
            f"Canal {name}: interacciones por mes, {data.month.year}",
            desc + ("." if known else "sin datos."),
            labels,
            values,
            charts.CHANNEL_COLOURS[channel],
            highlight=len(points) - 1,
        )
        result.append(
            Chart(
                svg,
                f"Canal {name}",
                ("Mes", "Interacciones"),
                tuple((fmt.month_title(m), fmt.integer(v)) for m, v in points),
            )
        )
    return result


def _series_table(data: ReportData) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    headers = ("Mes", "Presencial", "Telefónico", "Virtual", "Total", "WhatsApp")
    rows = []
    for index, (month, _) in enumerate(data.series["total"]):
        rows.append(
            (
                fmt.month_title(month),
                *(
                    fmt.integer(data.series[c][index][1])
                    for c in ("presencial", "telefonico", "virtual", "total")
                ),
                fmt.integer(data.series["whatsapp"][index][1]),
            )
        )
    rows.append(
        (
            f"Acumulado {_ytd_label(data.ytd)}",
            *(fmt.integer(data.ytd.count(c)) for c in ("presencial", "telefonico", "virtual", "total")),
            fmt.integer(data.ytd.count("whatsapp")),
        )
    )
    return headers, rows


def _split_chart(data: ReportData) -> Chart | None:
    par, pal = data.current.get("presencial", "visits_par"), data.current.get("presencial", "visits_pal")
    if par is None or pal is None:
        return None
    total = par.denominator or 0
    segments = [
        charts.Segment("PAR", par.numerator, charts.POINT_TYPE_COLOURS["PAR"]),
        charts.Segment("PAL", pal.numerator, charts.POINT_TYPE_COLOURS["PAL"]),
    ]

    def share(part: int, whole: int) -> str:
        return f"{fmt.integer(part)} · {_share_text(part, whole)}"

    svg = charts.stacked_share_chart(
        "presencial-par-pal",
        f"Atenciones presenciales por tipo de punto, {fmt.month_name(data.month)}",
        f"De {fmt.integer(total)} atenciones presenciales, {fmt.integer(par.numerator)} en Puntos de Atención "
        f"Regional (PAR, con la sede central), {_share_text(par.numerator, total)}, y {fmt.integer(pal.numerator)} "
        f"en Puntos de Atención Local (PAL), {_share_text(pal.numerator, total)}.",
        [charts.StackedRow("Atenciones", segments)],
        share,
        legend=[
            (f"PAR, con la sede central: {share(par.numerator, total)}", segments[0].colour),
            (f"PAL: {share(pal.numerator, total)}", segments[1].colour),
        ],
        label_width=100,
        row_height=36,
    )
    return Chart(
        svg,
        "Atenciones por tipo de punto",
        ("Tipo de punto", "Atenciones", "Participación"),
        (
            ("PAR (incluye la sede central)", fmt.integer(par.numerator), _share_text(par.numerator, total)),
            ("PAL", fmt.integer(pal.numerator), _share_text(pal.numerator, total)),
            ("Total presencial", fmt.integer(total), _share_text(total, total)),
        ),
    )


def _share_text(part: int, whole: int) -> str:
    return fmt.percent(Fraction(part, whole)) if whole else fmt.NO_DATA


def _points_chart(data: ReportData) -> Chart | None:
    if not data.points:
        return None
    rows = [
        charts.BarRow(
            f"{p.nombre} ({p.tipo})", p.visits, charts.POINT_TYPE_COLOURS.get(p.tipo, charts.REASON_COLOUR)
        )
        for p in data.points
    ]
    total = sum(p.visits for p in data.points)
    svg = charts.bar_chart(
        "presencial-puntos",
        f"Atenciones presenciales por punto de atención, {fmt.month_name(data.month)}",
        f"{len(data.points)} puntos con atenciones, {fmt.integer(total)} en total; de mayor a menor: "
        + "; ".join(f"{p.nombre} {fmt.integer(p.visits)}" for p in data.points)
        + ".",
        rows,
        legend=[("PAR", charts.POINT_TYPE_COLOURS["PAR"]), ("PAL", charts.POINT_TYPE_COLOURS["PAL"])],
    )
    table = tuple(
        (
            p.nombre,
            p.ciudad or "",
            p.tipo,
            fmt.integer(p.visits),
            _share_text(p.resolved_first_contact, p.visits),
            fmt.integer(p.visits_previous),
            fmt.integer(p.visits_year_ago),
        )
        for p in data.points
    )
    return Chart(
        svg,
        "Atenciones por punto de atención",
        (
            "Punto",
            "Ciudad",
            "Tipo",
            "Atenciones",
            "Solución en primer contacto",
            fmt.month_title(data.previous_month),
            fmt.month_title(data.year_ago_month),
        ),
        table,
    )


def _survey_tables(data: ReportData) -> list[SurveyTable]:
    tables = []
    for question in ("satisfaction", "perception", "trust"):
        rows = []
        for channel in ("presencial", "telefonico", "virtual", "total", "whatsapp"):
            figure = data.current.get(channel, question)
            if figure is None or figure.denominator is None:
                continue
            interval = wilson_interval(figure.numerator, figure.denominator)
            response = data.current.get(channel, f"{question}_response_rate")
            now = figure.value
            before = _value(data.previous, channel, question)
            ago = _value(data.year_ago, channel, question)
            rows.append(
                SurveyRow(
                    channel=CHANNEL_NAMES[channel] + (" (aparte)" if channel == "whatsapp" else ""),
                    rate=fmt.percent(now),
                    detail=f"{fmt.integer(figure.numerator)} de {fmt.integer(figure.denominator)}",
                    interval=""
                    if interval is None
                    else f"{fmt.percent(interval.low)} – {fmt.percent(interval.high)}",
                    small=is_small_sample(figure.denominator),
                    response=(
                        fmt.NO_DATA
                        if response is None
                        else f"{fmt.percent(response.value)} ({fmt.integer(response.numerator)} de "
                        f"{fmt.integer(response.denominator)})"
                    ),
                    previous_change=_with_change(before, now),
                    year_ago_change=_with_change(ago, now),
                )
            )
        tables.append(
            SurveyTable(
                question,
                QUESTION_NAMES[question],
                QUESTION_MEANING[question],
                tuple(rows),
                tuple(_analysis(data, question)),
            )
        )
    return tables


def _with_change(earlier: int | Fraction | None, now: int | Fraction | None) -> str:
    """'95,4 % (+3,9 p. p.)', or just 'sin dato'."""
    if earlier is None:
        return fmt.NO_DATA
    return f"{fmt.percent(earlier)} ({fmt.points_change(now, earlier)})"


def _analysis(data: ReportData, question: str) -> Iterable[str]:
    """The deck's analysis sentences, written from the figures."""
    name = QUESTION_NAMES[question].lower()
    total = data.current.get("total", question)
    if total is not None and total.denominator:
        yield (
            f"El {fmt.percent(total.value)} de quienes respondieron la pregunta de {name} en el mes "
            f"({fmt.integer(total.numerator)} de {fmt.integer(total.denominator)}) calificó con 4 o 5."
        )
    for channel in ("presencial", "telefonico", "virtual"):
        figure = data.current.get(channel, question)
        response = data.current.get(channel, f"{question}_response_rate")
        if figure is None or not figure.denominator:
            continue
        sentence = f"Canal {CHANNEL_NAMES[channel].lower()}: {fmt.percent(figure.value)} de {name}"
        if response is not None and response.denominator:
            sentence += (
                f"; califican {fmt.integer(response.numerator)} personas de {fmt.integer(response.denominator)}"
                f" interacciones, es decir el {fmt.percent(response.value)}"
            )
        if is_small_sample(figure.denominator):
            sentence += f" (muestra de menos de {SMALL_SAMPLE} personas: leer con cautela)"
        yield sentence + "."


def _ratings_chart(data: ReportData) -> Chart | None:
    if not data.ratings:
        return None
    legend = [(str(score), colour) for score, colour in zip(range(1, 6), charts.SCORE_COLOURS, strict=True)]
    rows = []
    table = []

    def label(r: RatingDistribution) -> str:
        return f"{CHANNEL_NAMES.get(r.channel, r.channel)} · {QUESTION_NAMES.get(r.question, r.question)}"

    for rating in data.ratings:
        segments = [
            charts.Segment(f"calificación {score}", count, colour)
            for score, count, colour in zip(range(1, 6), rating.scores, charts.SCORE_COLOURS, strict=True)
        ]
        rows.append(charts.StackedRow(label(rating), segments))
        table.append(
            (
                label(rating),
                *(fmt.integer(count) for count in rating.scores),
                fmt.integer(rating.raters),
            )
        )
    desc = "Distribución de las calificaciones de 1 a 5 por canal y pregunta: " + "; ".join(
        f"{label(r)}: "
        + ", ".join(f"{s}: {fmt.integer(c)}" for s, c in zip(range(1, 6), r.scores, strict=True))
        for r in data.ratings
    )
    svg = charts.stacked_share_chart(
        "encuestas-distribucion",
        f"Distribución de calificaciones (1 a 5), {fmt.month_name(data.month)}",
        desc + ".",
        rows,
        _share_text,
        legend=legend,
        label_width=210,
        legend_title="Calificación:",
    )
    return Chart(
        svg,
        "Distribución de calificaciones",
        ("Canal y pregunta", "1", "2", "3", "4", "5", "Encuestados"),
        tuple(table),
    )


def _tally_text(tally: Tally | None) -> str:
    if tally is None:
        return fmt.NO_DATA
    if tally.unidad == "proporcion":
        return fmt.percent(tally.valor)
    whole = float(tally.valor).is_integer()
    return fmt.decimal(tally.valor, 0 if whole else 2)


def _tally_row(code: str, data: ReportData, label: str | None = None) -> Row:
    now, before, ago = (
        data.tallies.get(code),
        data.tallies_previous.get(code),
        data.tallies_year_ago.get(code),
    )
    reference = now or before or ago
    proportion = reference is not None and reference.unidad == "proporcion"

    def change(a: Tally | None, b: Tally | None) -> str:
        if a is None or b is None:
            return fmt.NO_DATA
        if proportion:
            return fmt.points_change(a.valor, b.valor)
        return fmt.relative_change(a.valor, b.valor)

    return Row(
        label=label or (reference.descripcion if reference else code),
        value=_tally_text(now),
        previous=_tally_text(before),
        previous_change=change(now, before),
        year_ago=_tally_text(ago),
        year_ago_change=change(now, ago),
        note=(now.nota or "") if now else "",
    )


def _reason_label(tally: Tally) -> str:
    description = tally.descripcion
    return description.split(": ", 1)[1] if ": " in description else description


def _reasons_chart(data: ReportData, prefix: str, chart_id: str, title: str) -> Chart | None:
    tallies = sorted(
        (t for code, t in data.tallies.items() if code.startswith(prefix)),
        key=lambda t: (-t.valor, _reason_label(t)),
    )
    if not tallies:
        return None
    rows = [charts.BarRow(_reason_label(t), t.valor) for t in tallies]
    total = sum(t.valor for t in tallies)
    svg = charts.bar_chart(
        chart_id,
        f"{title}, {fmt.month_name(data.month)}",
        f"{fmt.integer(total)} casos por motivo, de mayor a menor: "
        + "; ".join(f"{_reason_label(t)} {_tally_text(t)}" for t in tallies)
        + ".",
        rows,
        label_width=380,
    )
    return Chart(
        svg,
        title,
        ("Motivo", "Casos", "Participación", fmt.month_title(data.previous_month)),
        tuple(
            (
                _reason_label(t),
                _tally_text(t),
                _share_text(int(t.valor), int(total)),
                _tally_text(data.tallies_previous.get(t.indicador)),
            )
            for t in tallies
        ),
    )


def _tally_groups(data: ReportData) -> list[TallyGroup]:
    codes = set(data.tallies) | set(data.tallies_previous) | set(data.tallies_year_ago)
    placed: set[str] = set()
    groups = []
    for title, members in TALLY_GROUPS:
        group = TallyGroup(title)
        for code in members:
            if code in codes:
                group.rows.append(_tally_row(code, data))
                placed.add(code)
        if group.rows:
            groups.append(group)
    monitoring = sorted(c for c in codes if c.startswith(MONITORING_PREFIX))
    if monitoring:
        group = TallyGroup("Monitoreos de calidad: cumplimiento de lineamientos")
        for code in monitoring:
            channel = code.removeprefix(MONITORING_PREFIX)
            group.rows.append(_tally_row(code, data, f"Canal {CHANNEL_NAMES.get(channel, channel).lower()}"))
            placed.add(code)
        groups.append(group)
    placed |= {c for c in codes if c.startswith((LOW_RATING_PREFIX, WHATSAPP_REASON_PREFIX))}
    others = sorted(codes - placed)
    if others:
        group = TallyGroup("Otros indicadores de gestión")
        group.rows.extend(_tally_row(code, data) for code in others)
        groups.append(group)
    return groups


def _follow_up_sentences(data: ReportData) -> list[str]:
    t = data.tallies

    def pair(asked: str, answered: str, text: str) -> str | None:
        if asked not in t or answered not in t:
            return None
        a, b = t[asked].valor, t[answered].valor
        share = _share_text(int(b), int(a)) if a else fmt.NO_DATA
        return text.format(asked=fmt.integer(a), answered=fmt.integer(b), share=share)

    sentences = [
        pair(
            "seguimiento_baja_calificacion_contactados",
            "seguimiento_baja_calificacion_respondieron",
            "Seguimiento telefónico a usuarios con baja calificación en la encuesta: {asked} contactados, "
            "{answered} respondieron ({share}).",
        ),
        pair(
            "encuesta_incognita_solicitados",
            "encuesta_incognita_respondieron",
            "Encuesta incógnita: se solicitó a {asked} usuarios y respondieron {answered} ({share}).",
        ),
    ]
    if "sms_invitacion_encuesta" in t:
        sentences.insert(
            0,
            f"Se enviaron {_tally_text(t['sms_invitacion_encuesta'])} mensajes de texto invitando a diligenciar "
            "la encuesta de satisfacción.",
        )
    if "whatsapp_revision_baja_calificacion" in t:
        sentences.append(
            f"Se revisaron {_tally_text(t['whatsapp_revision_baja_calificacion'])} conversaciones de WhatsApp "
            "con baja calificación para interpretar sus motivos."
        )
    return [s for s in sentences if s]


# ---------------------------------------------------------------- data quality


def _value_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return fmt.decimal(value, 0 if float(value).is_integer() else 4)
    return str(value)


def _check_view(check: CheckResult, month: dt.date) -> CheckView:
    in_month = check.failures_in(month)
    if check.passed:
        status, css = ("Conforme", "ok") if not check.warnings else ("Conforme, con advertencias", "warn")
    elif check.severity.lower().startswith("warn"):
        status, css = "Advertencia", "warn"
    else:
        status, css = "No conforme", "fail"
    if check.unreadable_failures:
        status += " (detalle de fallas ilegible)"
    return CheckView(
        name=check.name,
        status=status,
        status_class=css,
        severity=SEVERITY_NAMES.get(check.severity.lower(), check.severity),
        rows_checked=fmt.integer(check.rows_checked),
        failures_month=tuple(
            (f.month or "—", f.channel, f.figure, _value_text(f.expected), _value_text(f.computed))
            for f in in_month
        ),
        failures_other=len(check.failures) - len(in_month),
        warnings=check.warnings,
        evaluated_at="" if check.evaluated_at is None else fmt.date_time(check.evaluated_at),
    )


# ---------------------------------------------------------------- assembly


def headline_figures(data: ReportData) -> dict[str, Any]:
    """The month's headline figures, exact, for Dagster metadata and logs."""
    c = data.current
    consolidated = c.get("total", "consolidated_satisfaction")
    return {
        "month": f"{data.month:%Y-%m}",
        "interactions_total": c.count("total"),
        "interactions_presencial": c.count("presencial"),
        "interactions_telefonico": c.count("telefonico"),
        "interactions_virtual": c.count("virtual"),
        "interactions_whatsapp": c.count("whatsapp"),
        "interactions_total_year_to_date": data.ytd.count("total"),
        "consolidated_satisfaction": None if consolidated is None else float(consolidated.value),
        "consolidated_satisfaction_shown": fmt.headline_percent(
            None if consolidated is None else consolidated.value
        ),
    }


def build_context(data: ReportData, generated_at: dt.datetime) -> dict[str, Any]:
    month = data.month
    c, p, y = data.current, data.previous, data.year_ago
    ytd_year_ago = data.ytd_year_ago if _complete(data.ytd_year_ago) else None
    series_headers, series_rows = _series_table(data)
    quality = data.quality
    return {
        "month": month,
        "title": f"Informe mensual de atención a la ciudadanía · {fmt.month_title(month)}",
        "month_title": fmt.month_title(month),
        "month_name": fmt.month_name(month),
        "previous_name": fmt.month_name(data.previous_month),
        "year_ago_name": fmt.month_name(data.year_ago_month),
        "previous_title": fmt.month_title(data.previous_month),
        "year_ago_title": fmt.month_title(data.year_ago_month),
        "year": str(month.year),
        "ytd_label": _ytd_label(data.ytd),
        "ytd_year_ago_label": _ytd_label(data.ytd_year_ago),
        "ytd_year_ago_complete": ytd_year_ago is not None,
        "ytd_months": data.ytd.months,
        "ytd_expected_months": month.month,
        "generated_at": fmt.date_time(generated_at),
        "warehouse_name": data.warehouse.name,
        "data_span": (
            None
            if data.data_months is None
            else f"{fmt.month_name(data.data_months[0])} a {fmt.month_name(data.data_months[1])}"
        ),
        "has_data": data.has_data,
        "missing_tables": data.missing_tables,
        "rounding_rule": fmt.ROUNDING_RULE,
        "small_sample": SMALL_SAMPLE,
        # summary
        "cards": [
            _card("Total de interacciones", data, "total", "interactions", kind="total"),
            _card("Canal presencial", data, "presencial", "interactions", kind="presencial"),
            _card("Canal telefónico", data, "telefonico", "interactions", kind="telefonico"),
            _card("Canal virtual", data, "virtual", "interactions", kind="virtual"),
        ],
        "whatsapp_card": _card(
            "WhatsApp (no suma al total)", data, "whatsapp", "interactions", kind="whatsapp"
        ),
        "consolidated_card": _consolidated_card(data),
        "channel_rows": _channel_rows(c, p, y),
        "ytd_cards": [
            _card(f"Total {_ytd_label(data.ytd)}", data, "total", "interactions", kind="total", ytd=True),
            _card("Canal presencial", data, "presencial", "interactions", kind="presencial", ytd=True),
            _card("Canal telefónico", data, "telefonico", "interactions", kind="telefonico", ytd=True),
            _card("Canal virtual", data, "virtual", "interactions", kind="virtual", ytd=True),
        ],
        "ytd_whatsapp_card": _card(
            "WhatsApp (no suma al total)", data, "whatsapp", "interactions", kind="whatsapp", ytd=True
        ),
        "ytd_rows": _channel_rows(data.ytd, None, ytd_year_ago),
        "series_charts": _series_charts(data),
        "series_headers": series_headers,
        "series_rows": series_rows,
        # channels
        "presencial_rows": [
            figure_row(
                "Interacciones atendidas (usuarios registrados)", c, p, y, "presencial", "interactions"
            ),
            figure_row("Atenciones en PAR (incluye la sede central)", c, p, y, "presencial", "visits_par"),
            figure_row("Atenciones en PAL", c, p, y, "presencial", "visits_pal"),
            figure_row("Solución en primer contacto", c, p, y, "presencial", "first_contact_resolution"),
        ],
        "split_chart": _split_chart(data),
        "points_chart": _points_chart(data),
        "telefonico_rows": [
            figure_row("Interacciones atendidas (llamadas atendidas)", c, p, y, "telefonico", "interactions"),
            figure_row("Llamadas entrantes ofrecidas", c, p, y, "telefonico", "calls_inbound"),
            figure_row("Llamadas contestadas frente a entrantes", c, p, y, "telefonico", "calls_answer_rate"),
            figure_row("Solución en primer contacto", c, p, y, "telefonico", "first_contact_resolution"),
        ],
        "whatsapp_rows": [
            figure_row("Conversaciones atendidas", c, p, y, "whatsapp", "interactions"),
            figure_row("Solución en primer contacto", c, p, y, "whatsapp", "first_contact_resolution"),
            figure_row("Consultas efectivas", c, p, y, "whatsapp", "whatsapp_effective_queries"),
            figure_row("Paso a asesor", c, p, y, "whatsapp", "whatsapp_agent_handoff"),
        ],
        "virtual_rows": [
            figure_row("Interacciones atendidas", c, p, y, "virtual", "interactions"),
            figure_row("Correos de entrada", c, p, y, "virtual", "emails_in"),
            figure_row("Correos de salida", c, p, y, "virtual", "emails_out"),
        ],
        "channel_survey": {
            channel: [
                figure_row(QUESTION_NAMES[q], c, p, y, channel, q)
                for q in ("satisfaction", "perception", "trust")
            ]
            for channel in ("presencial", "telefonico", "virtual", "whatsapp")
        },
        # surveys
        "survey_matrix": [
            (
                CHANNEL_NAMES[channel] + (" (aparte)" if channel == "whatsapp" else ""),
                *(fmt.percent(c.rate(channel, q)) for q in ("satisfaction", "perception", "trust")),
            )
            for channel in ("presencial", "telefonico", "virtual", "total", "whatsapp")
            if any(c.get(channel, q) for q in ("satisfaction", "perception", "trust"))
        ],
        "consolidated_row": figure_row(
            "Satisfacción consolidada",
            c,
            p,
            y,
            "total",
            "consolidated_satisfaction",
            fmt.HEADLINE_PERCENT_DECIMALS,
            strong=True,
        ),
        "survey_tables": _survey_tables(data),
        "ratings_chart": _ratings_chart(data),
        # team
        "follow_up": _follow_up_sentences(data),
        "tally_groups": _tally_groups(data),
        "low_rating_chart": _reasons_chart(
            data, LOW_RATING_PREFIX, "gestion-motivos-encuesta", "Motivos de baja calificación en la encuesta"
        ),
        "whatsapp_reasons_chart": _reasons_chart(
            data,
            WHATSAPP_REASON_PREFIX,
            "gestion-motivos-whatsapp",
            "Motivos de baja calificación en WhatsApp",
        ),
        "has_tallies": bool(data.tallies or data.tallies_previous or data.tallies_year_ago),
        # data quality
        "checks": None if quality.checks is None else [_check_view(check, month) for check in quality.checks],
        "audit_available": quality.audit_available,
        "rejected_in_month": quality.rejected_in_month,
        "rejected_without_month": quality.rejected_without_month,
        "source_files": quality.files,
        "file_issues": quality.file_issues,
        "fmt": fmt,
    }


def source_name(source: str) -> str:
    """'calls' -> 'Llamadas (calls/)'; 'reference/puntos_atencion' -> 'Referencia: puntos_atencion'."""
    if source.startswith("reference/"):
        return f"Referencia: {source.removeprefix('reference/')}"
    name = SOURCE_NAMES.get(source)
    return f"{name} ({source}/)" if name else source


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["integer"] = fmt.integer
    env.filters["source"] = source_name
    env.filters["datetime"] = lambda v: "" if v is None else fmt.date_time(v)
    env.filters["svg"] = lambda svg: jinja2.utils.markupsafe.Markup(svg)
    return env


def render_html(data: ReportData, generated_at: dt.datetime | None = None) -> str:
    context = build_context(data, generated_at or dt.datetime.now())
    return _environment().get_template("informe.html.j2").render(**context)
