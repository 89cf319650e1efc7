"""The inline SVG charts: accessible, escaped, proportional, and in colours with enough contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from pipelines.report import charts

SVG = "{http://www.w3.org/2000/svg}"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_column_chart_is_accessible_and_proportional() -> None:
    svg = charts.column_chart(
        "c1",
        "Título <1>",
        "Descripción & datos",
        ["ene.", "feb.", "mar."],
        [100, None, 50],
        "#1d4ed8",
        highlight=2,
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Título <1>"  # escaped in the markup, intact when parsed
    assert root.find(f"{SVG}desc").text == "Descripción & datos"
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2  # the missing month has no bar, it reads "s. d."
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(2 * heights[1])
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "s. d." in texts and "100" in texts and "50" in texts


def test_bar_chart_labels_and_values_use_the_colombian_format() -> None:
    rows = [charts.BarRow("Sede <Central>", 1213), charts.BarRow("PAL", 1)]
    svg = charts.bar_chart("c2", "t", "d", rows)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Sede <Central>" in texts and "1.213" in texts
    assert "<Central>" not in svg  # escaped


def test_stacked_chart_skips_empty_segments() -> None:
    row = charts.StackedRow("r", [charts.Segment("a", 3, "#1d4ed8"), charts.Segment("b", 0, "#b45309")])
    svg = charts.stacked_share_chart(
        "c3", "t", "d", [row], lambda p, w: f"{p}/{w}", legend=[("a", "#1d4ed8")]
    )
    root = ET.fromstring(svg)
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "segment"]) == 1


@pytest.mark.parametrize(
    "colour",
    [
        *charts.CHANNEL_COLOURS.values(),
        *charts.POINT_TYPE_COLOURS.values(),
        *charts.SCORE_COLOURS,
        charts.REASON_COLOUR,
    ],
)
def test_fills_stand_out_from_white_and_carry_white_labels(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 4.5  # WCAG AA for text on the fill; 3:1 needed for the shape


def test_text_colours_meet_aa() -> None:
    assert contrast(charts.TEXT, "#ffffff") >= 7
    assert contrast(charts.MUTED, "#ffffff") >= 4.5


def test_no_external_reference() -> None:
    svg = charts.column_chart("c4", "t", "d", ["a"], [1], "#1d4ed8")
    assert not re.search(r"(href|src)=", svg)
