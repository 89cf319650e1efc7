"""The November 2025 informe from the shipped sample shows the figures of the hand-made deck.

The sample warehouse is built once per session by `python -m pipelines.monthly`
(conftest.sample_warehouse), then `write_report` writes the informe. Percentages
follow the report's rule (half up, one decimal), so a few differ from the deck,
which truncated some: 97,6 % (deck 97,5 %), 85,3 % (deck 85,2 %).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.html_tables import Page, read_page

SERIES = {  # month: (presencial, telefonico, virtual), as the deck lists them
    "Enero": ("847", "542", "4.853"),
    "Febrero": ("1.371", "142", "6.217"),
    "Marzo": ("1.432", "223", "6.317"),
    "Abril": ("1.161", "220", "6.711"),
    "Mayo": ("1.362", "593", "7.397"),
    "Junio": ("1.154", "654", "5.353"),
    "Julio": ("1.406", "1.326", "6.922"),
    "Agosto": ("1.022", "950", "4.471"),
    "Septiembre": ("1.019", "1.052", "5.193"),
    "Octubre": ("991", "856", "6.260"),
    "Noviembre": ("887", "594", "5.241"),
}
POINT_VISITS = [213, 180, 118, 86, 30, 30, 30, 25, 24, 24, 21, 18, 16, 15, 14, 14, 12, 6, 2, 2, 2, 2, 2, 1]


@pytest.fixture(scope="module")
def page(sample_report: Path) -> Page:
    assert sample_report.name == "informe.html" and sample_report.parent.name == "2025-11"
    return read_page(sample_report.read_text(encoding="utf-8"))


def test_the_deck_headline_figures(sample_report: Path, page: Page) -> None:
    html = sample_report.read_text(encoding="utf-8")
    for figure in ("6.722", "84.739", "5.241", "887", "594", "95,76"):
        assert figure in html
    assert "Noviembre 2025" in page.text


def test_channels_of_the_month(page: Page) -> None:
    table = page.table("Interacciones atendidas por canal")
    assert table.row("Presencial")[1] == "887"
    assert table.row("Telefónico")[1] == "594"
    assert table.row("Virtual")[1] == "5.241"
    assert table.row("Total")[1] == "6.722"
    assert table.row("WhatsApp")[1] == "219"
    assert table.row("Total")[2:4] == ["8.107", "\u221217,1 %"]  # October
    assert table.row("Total")[4] == "sin dato"  # the sample starts in January 2025


def test_year_to_date_and_monthly_series(page: Page) -> None:
    ytd = page.table("Interacciones acumuladas por canal")
    assert ytd.rows[0][1] == "enero–noviembre 2025"
    assert ytd.row("Presencial")[1] == "12.652"
    assert ytd.row("Telefónico")[1] == "7.152"
    assert ytd.row("Virtual")[1] == "64.935"
    assert ytd.row("Total")[1] == "84.739"
    series = page.table("Interacciones por mes y canal, 2025")
    for month, figures in SERIES.items():
        assert tuple(series.row(f"{month} 2025")[1:4]) == figures, month
    assert series.row("Acumulado")[1:5] == ["12.652", "7.152", "64.935", "84.739"]


def test_presencial(page: Page) -> None:
    table = page.table("Cifras del canal presencial")
    assert table.row("Atenciones en PAR")[1:3] == ["88,6 %", "786 de 887"]
    assert table.row("Atenciones en PAL")[1:3] == ["11,4 %", "101 de 887"]
    assert table.row("Solución en primer contacto")[1:3] == ["94,3 %", "836 de 887"]
    points = page.table("Datos: Atenciones por punto de atención")
    visits = [int(v.replace(".", "")) for v in points.column(3)]
    assert visits == POINT_VISITS
    assert points.row("Sede Central Bogotá")[3] == "213"


def test_telefonico_whatsapp_virtual(page: Page) -> None:
    phone = page.table("Cifras del canal telefónico")
    assert phone.row("Interacciones atendidas")[1] == "594"
    assert phone.row("Solución en primer contacto")[1:3] == ["97,0 %", "576 de 594"]
    assert phone.row("Llamadas contestadas frente a entrantes")[1].startswith("97,")
    chat = page.table("Cifras de WhatsApp")
    assert chat.row("Conversaciones atendidas")[1] == "219"
    assert chat.row("Solución en primer contacto")[1:3] == ["94,1 %", "206 de 219"]
    assert chat.row("Consultas efectivas")[1:3] == ["68,0 %", "149 de 219"]
    assert chat.row("Paso a asesor")[1:3] == ["21,9 %", "48 de 219"]
    mail = page.table("Cifras del canal virtual")
    assert mail.row("Correos de entrada")[1] == "3.379"
    assert mail.row("Correos de salida")[1] == "1.862"


def test_satisfaction_perception_trust(page: Page) -> None:
    consolidated = page.table("Satisfacción consolidada")
    assert consolidated.row("Satisfacción consolidada")[1:3] == ["95,76 %", "2.869 de 2.996"]
    expected = {
        "Satisfacción": {
            "Presencial": ("100,0 %", "714 de 714", "80,5 % (714 de 887)"),
            "Telefónico": ("91,9 %", "285 de 310", "52,2 % (310 de 594)"),
            "Total": ("97,6 %", "999 de 1.024", None),
        },
        "Percepción": {
            "Presencial": ("99,3 %", "709 de 714", "80,5 % (714 de 887)"),
            "Telefónico": ("85,3 %", "243 de 285", "48,0 % (285 de 594)"),
            "Total": ("95,3 %", "952 de 999", None),
        },
        "Confianza": {
            "Presencial": ("97,8 %", "698 de 714", "80,5 % (714 de 887)"),
            "Telefónico": ("84,9 %", "220 de 259", "43,6 % (259 de 594)"),
            "Total": ("94,3 %", "918 de 973", None),
        },
    }
    for question, rows in expected.items():
        table = page.table(f"{question}: calificaciones de 4 o 5")
        for channel, (rate, detail, response) in rows.items():
            row = table.row(channel)
            assert row[1:3] == [rate, detail], (question, channel)
            if response:
                assert row[4] == response, (question, channel)
            assert "n < 30" not in row[0]


def test_team_tallies(page: Page) -> None:
    surveys = page.table("Encuestas: invitación y seguimiento")
    assert surveys.row("Mensajes de texto")[1] == "2.941"
    assert surveys.row("Usuarios con baja calificación en la encuesta contactados")[1] == "53"
    assert surveys.row("Usuarios con baja calificación que respondieron")[1] == "34"
    assert surveys.row("Usuarios a los que se solicitó la encuesta incógnita")[1] == "30"
    assert surveys.row("Usuarios que respondieron la encuesta incógnita")[1] == "6"
    virtual = page.table("Entregas de valor: canal virtual")
    assert [r[1] for r in virtual.rows[1:]] == ["1.557", "4.055", "1.822", "1.862", "65"]
    assert page.table("Entregas de valor: canal presencial").rows[1][1] == "35"
    assert page.table("Seguimiento de WhatsApp").rows[1][1] == "13"
    reasons = page.table("Datos: Motivos de baja calificación en la encuesta")
    assert [r[1] for r in reasons.rows[1:]] == ["10", "7", "5", "3", "3", "3", "2", "1"]
    chat = page.table("Datos: Motivos de baja calificación en WhatsApp")
    assert [r[1] for r in chat.rows[1:]] == ["4", "3", "2", "2", "1", "1"]
    assert len(page.table("Monitoreos de calidad").rows) == 4


def test_data_quality_of_the_sample(page: Page) -> None:
    checks = page.table("Estado de cada verificación")  # written by the pipeline's reconciliation checks
    assert checks.row("published_figures_reconcile")[1:3] == ["Conforme", "error"]
    rejected = page.table("Filas rechazadas por fuente")
    assert rejected.row("Gestión del equipo (gestion/)")[1] == "1"  # the planted unknown tally code
    assert page.table("Archivos por fuente en el almacén")
