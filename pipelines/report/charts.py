"""Charts as inline SVG, written here without any charting library.

Why SVG from Python: the informe must open from disk with no network, so
nothing can come from a CDN; inline SVG needs no JavaScript and no dependency,
stays crisp at any zoom and in print, and every chart carries a <title> and a
<desc> (read by screen readers, `role="img"`). Each chart's figures are also
printed on the chart and given as a table beside it by the template.

Every function returns an SVG element as a string; every text in it is escaped.
Sizes are in viewBox units: the SVG scales to the width of its container.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from pipelines.report.formatting import integer

FONT_SIZE = 12
TEXT = "#1f2937"  # contrast 14.7:1 on white
MUTED = "#4b5563"  # 7.6:1
GRID = "#9ca3af"

# Fills chosen for at least 3:1 against white (WCAG 1.4.11) and white labels at 4.5:1.
CHANNEL_COLOURS = {
    "presencial": "#1d4ed8",
    "telefonico": "#b45309",
    "virtual": "#047857",
    "whatsapp": "#6d28d9",
    "total": "#334155",
}
POINT_TYPE_COLOURS = {"PAR": "#1d4ed8", "PAL": "#b45309"}
SCORE_COLOURS = ("#b91c1c", "#c2410c", "#525252", "#2563eb", "#1e3a8a")  # scores 1..5
REASON_COLOUR = "#334155"

Formatter = Callable[[float], str]


def _attrs(**attributes: object) -> str:
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"' for name, value in attributes.items()
    )


def _svg(chart_id: str, title: str, desc: str, width: float, height: float, body: list[str]) -> str:
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {width:g} {height:g}" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT_SIZE}" preserveAspectRatio="xMinYMin meet">'
    )
    return "\n".join(
        [
            head,
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _text(x: float, y: float, content: str, **attributes: object) -> str:
    extra = _attrs(**attributes)
    return f'<text x="{x:.1f}" y="{y:.1f}" {extra}>{escape(content)}</text>'


def _legend(items: Sequence[tuple[str, str]], x: float, top: float) -> list[str]:
    """A row of legend keys (a coloured square, then the name) from x, squares at `top`."""
    parts = []
    for name, colour in items:
        parts.append(f'<rect class="legend" x="{x:.1f}" y="{top:g}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 17, top + 10, name, fill=TEXT))
        x += 30 + 7.2 * len(name)
    return parts


def _rect(x: float, y: float, width: float, height: float, fill: str, tooltip: str, cls: str = "bar") -> str:
    return (
        f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{max(height, 0):.1f}" '
        f'fill="{fill}"><title>{escape(tooltip)}</title></rect>'
    )


def column_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[int | None],
    colour: str,
    highlight: int | None = None,
    fmt: Formatter = integer,
    width: float = 400,
    height: float = 200,
) -> str:
    """Vertical bars with their value above each; a missing value is marked 's. d.'."""
    top, bottom, side = 22.0, 24.0, 4.0
    plot_height = height - top - bottom
    slot = (width - 2 * side) / max(len(values), 1)
    bar = min(slot * 0.72, 30.0)
    peak = max((v for v in values if v is not None), default=0) or 1
    baseline = top + plot_height
    body = [f'<line x1="{side}" x2="{width - side}" y1="{baseline}" y2="{baseline}" stroke="{GRID}"/>']
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        centre = side + slot * index + slot / 2
        weight = "bold" if index == highlight else "normal"
        body.append(_text(centre, height - 8, label, text_anchor="middle", fill=MUTED, font_weight=weight))
        if value is None:
            body.append(_text(centre, baseline - 6, "s. d.", text_anchor="middle", fill=MUTED, font_size=10))
            continue
        bar_height = plot_height * value / peak
        body.append(
            _rect(centre - bar / 2, baseline - bar_height, bar, bar_height, colour, f"{label}: {fmt(value)}")
        )
        body.append(
            _text(
                centre,
                baseline - bar_height - 5,
                fmt(value),
                text_anchor="middle",
                fill=TEXT,
                font_size=10.5,
                font_weight=weight,
            )
        )
    return _svg(chart_id, title, desc, width, height, body)


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float
    colour: str = REASON_COLOUR


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[BarRow],
    fmt: Formatter = integer,
    width: float = 720,
    label_width: float = 260,
    row_height: float = 22,
    legend: Sequence[tuple[str, str]] = (),
) -> str:
    """Horizontal bars, one row each, label on the left and value at the end of the bar."""
    legend_height = 24.0 if legend else 0.0
    top = 4.0 + legend_height
    height = top + row_height * len(rows) + 4
    value_room = 56.0
    plot_width = width - label_width - value_room
    peak = max((r.value for r in rows), default=0) or 1
    body = _legend(legend, label_width, 6)
    for index, row in enumerate(rows):
        y = top + row_height * index
        middle = y + row_height / 2
        body.append(_text(label_width - 8, middle + 4, row.label, text_anchor="end", fill=TEXT))
        bar_width = plot_width * row.value / peak
        body.append(
            _rect(label_width, y + 3, bar_width, row_height - 6, row.colour, f"{row.label}: {fmt(row.value)}")
        )
        body.append(_text(label_width + bar_width + 6, middle + 4, fmt(row.value), fill=TEXT))
    body.append(f'<line x1="{label_width}" x2="{label_width}" y1="{top}" y2="{height - 4}" stroke="{GRID}"/>')
    return _svg(chart_id, title, desc, width, height, body)


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    colour: str


@dataclass(frozen=True)
class StackedRow:
    label: str
    segments: Sequence[Segment]


def stacked_share_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[StackedRow],
    share: Callable[[int, int], str],
    legend: Sequence[tuple[str, str]],
    width: float = 720,
    label_width: float = 200,
    row_height: float = 28,
    legend_title: str = "",
) -> str:
    """100 % stacked horizontal bars: each row's segments as shares of the row's total.

    A segment shows its share inside when wide enough; every segment has a tooltip.
    """
    top = 30.0
    height = top + row_height * len(rows) + 4
    plot_width = width - label_width - 8
    body = []
    if legend_title:
        body.append(_text(label_width - 8, 18, legend_title, text_anchor="end", fill=TEXT))
    body += _legend(legend, label_width, 8)
    for index, row in enumerate(rows):
        y = top + row_height * index
        total = sum(s.value for s in row.segments)
        body.append(_text(label_width - 8, y + row_height / 2 + 4, row.label, text_anchor="end", fill=TEXT))
        x = label_width
        for segment in row.segments:
            if total == 0 or segment.value == 0:
                continue
            segment_width = plot_width * segment.value / total
            text = share(segment.value, total)
            tooltip = f"{row.label}, {segment.label}: {text}"
            body.append(
                _rect(x, y + 3, segment_width, row_height - 6, segment.colour, tooltip, cls="segment")
            )
            if segment_width >= 7.0 * len(text) + 6:
                body.append(
                    _text(
                        x + segment_width / 2,
                        y + row_height / 2 + 4,
                        text,
                        text_anchor="middle",
                        fill="#ffffff",
                    )
                )
            x += segment_width
    return _svg(chart_id, title, desc, width, height, body)
