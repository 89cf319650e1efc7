"""The informe from a tiny warehouse with figures chosen by hand: every section shows the right ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.report import NoDataError, ReportError, headline_figures, load_report_data, write_report
from report.builder import MONTH, SECRET, build_warehouse
from report.html_tables import Page, read_page

GENERATED = dt.datetime(2025, 4, 5, 6, 0)


def render(warehouse: Path, tmp_path: Path, month: dt.date = MONTH) -> Page:
    path = write_report(warehouse, month, tmp_path / "reports", generated_at=GENERATED)
    assert path == tmp_path / "reports" / f"{month:%Y-%m}" / "informe.html"
    return read_page(path.read_text(encoding="utf-8"))


@pytest.fixture
def page(small_warehouse: Path, tmp_path: Path) -> Page:
    return render(small_warehouse, tmp_path)


def test_channels_with_previous_month_and_year_ago(page: Page) -> None:
    table = page.table("Interacciones atendidas por canal")
    assert table.rows[0] == [
        "Indicador",
        "Marzo 2025",
        "Febrero 2025",
        "Variación",
        "Marzo 2024",
        "Variación",
    ]
    assert table.row("Presencial")[1:] == ["10", "20", "\u221250,0 %", "8", "+25,0 %"]
    assert table.row("Telefónico")[1:] == ["200", "100", "+100,0 %", "150", "+33,3 %"]
    assert table.row("Virtual")[1:] == ["300", "280", "+7,1 %", "250", "+20,0 %"]
    assert table.row("Total")[1:] == ["510", "400", "+27,5 %", "408", "+25,0 %"]
    # WhatsApp beside the total, not in it; no row a year earlier: "sin dato"
    assert table.row("WhatsApp")[1:] == ["16", "10", "+60,0 %", "sin dato", "sin dato"]


def test_year_to_date_pools_the_months_and_says_what_is_missing(page: Page) -> None:
    table = page.table("Interacciones acumuladas por canal")
    assert table.rows[0] == ["Indicador", "enero–marzo 2025", "enero–marzo 2024", "Variación"]
    # 2024 has only March: no fair comparison
    assert table.row("Total")[1:] == ["910", "sin dato", "sin dato"]
    assert table.row("Virtual")[1] == "580"
    assert "El almacén tiene 2 de los 3 meses de enero–marzo 2025" in page.text
    series = page.table("Interacciones por mes y canal")  # the series, as a table under the charts
    assert series.row("Enero 2025")[1:] == ["sin dato"] * 5
    assert series.row("Marzo 2025")[1:] == ["10", "200", "300", "510", "16"]


def test_presencial(page: Page) -> None:
    table = page.table("Cifras del canal presencial")
    assert table.row("Interacciones atendidas")[1] == "10"
    assert table.row("Atenciones en PAR")[1:3] == ["70,0 %", "7 de 10"]
    assert table.row("Atenciones en PAL")[1:3] == ["30,0 %", "3 de 10"]
    assert table.row("Solución en primer contacto")[1:5] == ["90,0 %", "9 de 10", "90,0 %", "0,0 p. p."]
    points = page.table("Datos: Atenciones por punto de atención")
    assert [r[0] for r in points.rows[1:]] == ["Sede Central Bogotá", "PAL Popayán", "PAR Medellín"]
    assert points.row("Sede Central Bogotá")[1:] == ["Bogotá", "PAR", "5", "100,0 %", "12", "sin dato"]
    assert points.row("PAL Popayán")[3:5] == ["3", "66,7 %"]


def test_telefonico_whatsapp_and_virtual(page: Page) -> None:
    phone = page.table("Cifras del canal telefónico")
    assert phone.row("Llamadas entrantes ofrecidas")[1] == "210"
    assert phone.row("Llamadas contestadas frente a entrantes")[1:3] == ["90,5 %", "190 de 210"]
    assert phone.row("Solución en primer contacto")[1:3] == ["90,0 %", "180 de 200"]
    chat = page.table("Cifras de WhatsApp")
    assert chat.row("Solución en primer contacto")[1:3] == ["6,3 %", "1 de 16"]  # 6,25 half up
    assert chat.row("Consultas efectivas")[1:3] == ["75,0 %", "12 de 16"]
    assert chat.row("Paso a asesor")[1:3] == ["18,8 %", "3 de 16"]
    mail = page.table("Cifras del canal virtual")
    assert mail.row("Correos de entrada")[1] == "180"
    assert mail.row("Correos de salida")[1] == "120"


def test_surveys_with_intervals_small_samples_and_response_rates(page: Page) -> None:
    consolidated = page.table("Satisfacción consolidada")
    assert consolidated.row("Satisfacción consolidada")[1:] == [
        "78,95 %",
        "120 de 152",
        "75,00 %",
        "+3,95 p. p.",
        "50,00 %",
        "+28,95 p. p.",
    ]
    satisfaction = page.table("Satisfacción: calificaciones de 4 o 5")
    presencial = satisfaction.row("Presencial")
    assert presencial[0] == "Presencial n < 30"  # 6 raters: flagged
    assert presencial[1:5] == ["83,3 %", "5 de 6", "43,6 % – 97,0 %", "60,0 % (6 de 10)"]
    telefonico = satisfaction.row("Telefónico")
    assert telefonico[0] == "Telefónico"  # 50 raters: not flagged
    assert telefonico[1:5] == ["80,0 %", "40 de 50", "67,0 % – 88,8 %", "25,0 % (50 de 200)"]
    assert satisfaction.row("Total")[1:3] == ["80,4 %", "45 de 56"]
    trust = page.table("Confianza: calificaciones de 4 o 5")
    assert trust.row("Presencial")[1:4] == ["100,0 %", "6 de 6", "61,0 % – 100,0 %"]
    matrix = page.table("Resumen por canal")
    assert matrix.row("Total")[1:] == ["80,4 %", "68,0 %", "89,1 %"]
    ratings = page.table("Datos: Distribución de calificaciones")
    assert ratings.row("Presencial · Satisfacción")[1:] == ["0", "0", "1", "2", "3", "6"]


def test_team_tallies(page: Page) -> None:
    follow_up = page.table("Encuestas: invitación y seguimiento")
    assert follow_up.row("Mensajes de texto")[1:4] == ["123", "100", "+23,0 %"]
    sentence = "Seguimiento telefónico a usuarios con baja calificación en la encuesta: 8 contactados, 4 respondieron"
    assert f"{sentence} (50,0 %)." in page.text
    monitoring = page.table("Monitoreos de calidad")
    assert monitoring.row("Canal presencial")[1:4] == ["97,5 %", "95,0 %", "+2,5 p. p."]
    others = page.table("Otros indicadores de gestión")  # a code the report does not know still shows
    assert others.row("Capacitaciones del mes")[0] == "Capacitaciones del mes incluye 2 talleres"
    assert others.row("Capacitaciones del mes")[1] == "7"
    reasons = page.table("Datos: Motivos de baja calificación en la encuesta")
    assert reasons.rows[1][:3] == ["Demora de respuesta en la agencia", "3", "75,0 %"]
    assert reasons.rows[2][:3] == ["Llamada cortada", "1", "25,0 %"]


def test_data_quality(page: Page) -> None:
    checks = page.table("Estado de cada verificación")
    assert checks.row("interactions_match_published")[1] == "Conforme"  # the latest evaluation counts
    failing = checks.row("survey_rates_consistent")
    assert failing[0].startswith("survey_rates_consistent Advertencia: 2 meses sin cifras publicadas")
    assert failing[1:6] == ["No conforme", "error", "40", "2", "1"]
    failures = page.table("Fallas de survey_rates_consistent en marzo de 2025 y en el año 2025")
    assert failures.rows[1] == ["2025-03", "telefonico", "interactions", "205", "200"]
    assert failures.rows[2] == ["2025", "total", "interactions", "910", "911"]
    rejected = page.table("Filas rechazadas por fuente")
    assert rejected.row("Llamadas (calls/)")[1:] == ["2", "2 × fecha_inicio 'x' is not a timestamp"]
    assert rejected.row("Encuestas (encuestas/)")[1] == "1"
    # February's rejected row is not the month's
    assert [r[0] for r in rejected.rows[1:]] == ["Llamadas (calls/)", "Encuestas (encuestas/)"]
    undated = page.table("Filas rechazadas sin fecha legible")
    assert undated.row("WhatsApp (whatsapp/)")[1] == "1"
    files = page.table("Archivos rechazados o faltantes")
    assert files.row("Correos (emails/)")[1:] == [
        "emails/malo.xlsx",
        "rechazado",
        "emails/malo.xlsx: an .xlsx file is not accepted in emails/",
    ]
    assert files.row("Referencia: cifras_publicadas")[2] == "faltante"


def test_the_rejected_records_never_reach_the_report(small_warehouse: Path, tmp_path: Path) -> None:
    path = write_report(small_warehouse, MONTH, tmp_path)
    assert SECRET not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("checks", ["absent", "empty"])
def test_without_check_results_the_report_says_so(tmp_path: Path, checks: str) -> None:
    warehouse = build_warehouse(tmp_path / "w.duckdb", checks=checks)
    page = render(warehouse, tmp_path)
    assert "sin verificación registrada" in page.text
    assert not page.tables_starting("Estado de cada verificación")


def test_rounding_rule_and_provenance_are_on_the_page(page: Page) -> None:
    assert (
        "Porcentajes redondeados a un decimal (la satisfacción consolidada, a dos), mitad hacia arriba"
        in page.text
    )
    assert "Generado el 5 de abril de 2025, 06:00" in page.text
    assert "Ninguna cifra se digita a mano" in page.text


def test_a_month_without_data_still_renders_but_says_so(small_warehouse: Path, tmp_path: Path) -> None:
    empty = dt.date(2025, 6, 1)
    page = render(small_warehouse, tmp_path, empty)
    assert "El almacén no tiene indicadores de junio de 2025" in page.text
    assert page.table("Interacciones atendidas por canal").row("Total")[1] == "sin dato"
    with pytest.raises(NoDataError, match="2025-06"):
        write_report(small_warehouse, empty, tmp_path / "strict", require_data=True)
    assert not (tmp_path / "strict").exists()


def test_missing_warehouse_or_marts(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="make monthly"):
        write_report(tmp_path / "none.duckdb", MONTH, tmp_path)
    duckdb.connect(str(tmp_path / "bare.duckdb")).close()
    with pytest.raises(ReportError, match="marts.indicators_monthly"):
        write_report(tmp_path / "bare.duckdb", MONTH, tmp_path)


def test_the_warehouse_is_only_read(small_warehouse: Path, tmp_path: Path) -> None:
    before = small_warehouse.read_bytes()
    with duckdb.connect(str(small_warehouse), read_only=True):  # another reader at the same time is fine
        write_report(small_warehouse, MONTH, tmp_path)
    assert small_warehouse.read_bytes() == before
    assert not list(tmp_path.rglob("*.partial"))


def test_headline_figures(small_warehouse: Path) -> None:
    figures = headline_figures(load_report_data(small_warehouse, MONTH))
    assert figures["interactions_total"] == 510
    assert figures["interactions_whatsapp"] == 16
    assert figures["interactions_total_year_to_date"] == 910
    assert figures["consolidated_satisfaction"] == pytest.approx(120 / 152)
    assert figures["consolidated_satisfaction_shown"] == "78,95 %"
