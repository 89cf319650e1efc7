"""The informe in a real browser: headless Chromium, network off, no console errors, charts drawn.

Saves test-artifacts/informe-2025-11.png (full page) and .pdf (printed on A4)
for people to look at. Without Chromium the test is skipped locally but FAILS
under CI=true: CI installs Debian's chromium (.ci/run).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from report.builder import MONTH, build_warehouse
from report.chromium import Browser, find_chromium

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"
LAPTOP_WIDTH = 1280
# A4 printable area with the report's @page margins (14 mm top, 16 mm bottom, 12 mm sides), CSS px
A4_WIDTH_PX = round((210 - 24) / 25.4 * 96)
A4_HEIGHT_PX = round((297 - 30) / 25.4 * 96)

MISSING = "Chromium not found (/usr/bin/chromium or $CHROMIUM): apt-get install -y chromium"
CHARTS_JS = """
JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('rect.bar, rect.segment')];
  return {
    id: svg.id,
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    width: box.width,
    height: box.height,
    marks: marks.length,
    drawn: marks.filter(m => { const b = m.getBBox(); return b.width > 0 && b.height > 0; }).length,
    labels: svg.querySelectorAll('text').length,
    figure: svg.closest('figure') ? svg.closest('figure').getBoundingClientRect().height : 0,
  };
}))
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser | None]:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() != "true":
            pytest.skip(f"{MISSING}; the test fails instead under CI=true")
        yield None  # each test then fails: under CI the browser check is required
        return
    with Browser(executable, width=LAPTOP_WIDTH, height=900) as opened:
        yield opened


def required(browser: Browser | None) -> Browser:
    if browser is None:
        pytest.fail(f"{MISSING} - required under CI=true (.ci/run installs it)")
    return browser


def charts_on(browser: Browser) -> dict[str, dict]:
    return {chart["id"]: chart for chart in json.loads(browser.evaluate(CHARTS_JS))}


def test_the_sample_report_opens_offline_without_errors_and_draws_its_charts(
    browser: Browser | None, sample_report: Path
) -> None:
    browser = required(browser)
    html = sample_report.read_text(encoding="utf-8")
    external = re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not external, "external resource in the report"
    assert not re.search(r"@import|url\(|<script", html), "the report needs no stylesheet, font or script"

    browser.open(sample_report.as_uri())
    assert browser.problems() == []
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    assert browser.evaluate("document.title").startswith("Informe mensual de atención a la ciudadanía")
    assert browser.evaluate("document.documentElement.lang") == "es-CO"

    charts = charts_on(browser)
    expected = {
        "serie-presencial": 11,
        "serie-telefonico": 11,
        "serie-virtual": 11,
        "serie-whatsapp": 11,
        "presencial-par-pal": 2,
        "presencial-puntos": 24,
        "gestion-motivos-encuesta": 8,
        "gestion-motivos-whatsapp": 6,
    }
    for chart_id, marks in expected.items():
        chart = charts[chart_id]
        assert chart["title"] and chart["desc"], chart_id
        assert chart["width"] > 250 and chart["height"] > 40, chart
        assert chart["marks"] == chart["drawn"] == marks, chart
        assert chart["labels"] >= marks, chart
    assert charts["encuestas-distribucion"]["drawn"] >= 9 * 2  # nine rows, at least two scores each

    # readable on a laptop: nothing wider than the window
    assert browser.evaluate("document.documentElement.scrollWidth") <= LAPTOP_WIDTH

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "informe-2025-11.png"
    browser.screenshot(screenshot)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_printed_on_a4_no_chart_is_taller_than_a_page(browser: Browser | None, sample_report: Path) -> None:
    browser = required(browser)
    browser.open(sample_report.as_uri())
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX, "deviceScaleFactor": 1, "mobile": False},
        session=True,
    )
    try:
        for chart_id, chart in charts_on(browser).items():
            assert 0 < chart["figure"] < A4_HEIGHT_PX, (chart_id, chart)  # fits a page: never cut
            assert chart["width"] <= A4_WIDTH_PX + 1, (chart_id, chart)
        pages = browser.evaluate("[...document.querySelectorAll('section.page')].length")
        assert pages >= 6
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": LAPTOP_WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )
    pdf = browser.pdf(ARTIFACTS / "informe-2025-11.pdf")
    assert pdf.startswith(b"%PDF")


def test_a_small_report_with_missing_figures_opens_cleanly(browser: Browser | None, tmp_path: Path) -> None:
    browser = required(browser)
    from pipelines.report import write_report

    warehouse = build_warehouse(tmp_path / "anm.duckdb", checks="absent")
    path = write_report(warehouse, MONTH, tmp_path / "reports")
    browser.open(path.as_uri())
    assert browser.problems() == []
    charts = charts_on(browser)
    assert charts["serie-presencial"]["drawn"] == 2  # January is missing: "s. d.", no bar
    assert "sin verificación registrada" in browser.evaluate("document.body.innerText")
