"""The data contract's rules for raw files, each shown on a small data set."""

from __future__ import annotations

import datetime as dt

import pytest
from anm_testing import DataSet

CALLS_HEADER = "id_llamada,linea,sentido,fecha_inicio,fecha_atencion,fecha_fin,agente,numero,tema,solucion_primer_contacto\n"


def call_row(
    call_id: str, start: str, answered: str | None = None, fcr: str = "SI", phone: str = "3001234567"
) -> str:
    answered = start if answered is None else answered
    return f"{call_id},bogota,entrante,{start},{answered},,ag1,{phone},tema,{fcr}\n"


def test_spanish_headers_windows_1252_semicolons_and_day_first_dates(dataset: DataSet) -> None:
    dataset.write(
        "calls/2025/export_cp1252.csv",
        "ID Llamada;Línea;Sentido;Fecha Inicio;Fecha Atención;Fecha Fin;Agente;Número;Tema;Solución Primer Contacto\n"
        "c1;Bogotá;Entrante;03/11/2025 08:05;03/11/2025 08:06;03/11/2025 08:10;a1;300 123 4567;Minería;SÍ\n",
        encoding="cp1252",
    )
    dataset.write(
        "calls/2025/export_utf8_bom.csv",
        "\ufeff" + CALLS_HEADER + call_row("c2", "2025-11-04 09:00:00"),
    )
    dataset.ingest()
    rows = dataset.query(
        "select id_llamada, linea, sentido, fecha_inicio, tema, solucion_primer_contacto from raw.calls order by 1"
    )
    assert rows == [
        ("c1", "bogota", "entrante", dt.datetime(2025, 11, 3, 8, 5), "Minería", True),
        ("c2", "bogota", "entrante", dt.datetime(2025, 11, 4, 9, 0), "tema", True),
    ]
    encodings = dict(dataset.query("select file, encoding from audit.file_loads where source = 'calls'"))
    assert encodings == {
        "calls/2025/export_cp1252.csv": "windows-1252",
        "calls/2025/export_utf8_bom.csv": "utf-8",
    }


def test_utf8_file_with_a_stray_windows_1252_byte_keeps_both_right(dataset: DataSet) -> None:
    text = CALLS_HEADER.encode() + "c1,bogota,entrante,2025-11-03 08:00,,,,,Atención,\n".encode()
    text += b"c2,bogota,entrante,2025-11-03 09:00,,,,,Miner\xeda,\n"
    (dataset.raw / "calls" / "mixed.csv").write_bytes(text)
    dataset.ingest()
    assert dataset.query("select tema from raw.calls order by id_llamada") == [("Atención",), ("Minería",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-03 08:05", dt.datetime(2025, 11, 3, 8, 5)),
        ("2025-11-03 08:05:09", dt.datetime(2025, 11, 3, 8, 5, 9)),
        ("2025-11-03T08:05", dt.datetime(2025, 11, 3, 8, 5)),
        ("2025-11-03T08:05:09", dt.datetime(2025, 11, 3, 8, 5, 9)),
        ("2025-11-03T08:05:09-05:00", dt.datetime(2025, 11, 3, 8, 5, 9)),
        ("2025-11-03T13:05:09+00:00", dt.datetime(2025, 11, 3, 8, 5, 9)),
        ("2025-11-03T14:05:09+01:00", dt.datetime(2025, 11, 3, 8, 5, 9)),
        ("03/11/2025 08:05", dt.datetime(2025, 11, 3, 8, 5)),
        ("03/11/2025 08:05:09", dt.datetime(2025, 11, 3, 8, 5, 9)),
    ],
)
def test_every_timestamp_form_is_read_as_bogota_local_time(
    dataset: DataSet, text: str, expected: dt.datetime
) -> None:
    dataset.write("calls/c.csv", CALLS_HEADER + call_row("c1", text, answered=""))
    dataset.ingest()
    assert dataset.query("select fecha_inicio from raw.calls") == [(expected,)]


@pytest.mark.parametrize(
    ("text", "expected"), [("2025-11-03", dt.date(2025, 11, 3)), ("03/11/2025", dt.date(2025, 11, 3))]
)
def test_both_date_forms(dataset: DataSet, text: str, expected: dt.date) -> None:
    dataset.write("emails/e.csv", f"fecha,buzon,sentido,cantidad\n{text},contacto@anm.gov.co,entrada,5\n")
    dataset.ingest()
    assert dataset.query("select fecha, cantidad from raw.emails") == [(expected, 5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SI", True),
        ("SÍ", True),
        ("sí", True),
        ("S", True),
        ("true", True),
        ("1", True),
        ("NO", False),
        ("no", False),
        ("N", False),
        ("FALSE", False),
        ("0", False),
        ("", None),
    ],
)
def test_every_boolean_form(dataset: DataSet, text: str, expected: bool | None) -> None:
    dataset.write("calls/c.csv", CALLS_HEADER + call_row("c1", "2025-11-03 08:00", fcr=text))
    dataset.ingest()
    assert dataset.query("select solucion_primer_contacto from raw.calls") == [(expected,)]


def test_rows_belong_to_the_month_of_their_event_time_not_the_file_name(dataset: DataSet) -> None:
    dataset.write("calls/llamadas_2025-12.csv", CALLS_HEADER + call_row("late", "2025-11-30 23:50:00"))
    dataset.write(
        "whatsapp/conversaciones_2025-12.jsonl",
        '{"conversation_id": "w1", "started_at": "2025-12-01T03:30:00+00:00", "effective": true}\n'
        '{"conversation_id": "w2", "started_at": "2025-12-01T05:00:00+00:00", "effective": true}\n',
    )
    dataset.ingest()
    assert dataset.query("select id_llamada, month from raw.calls") == [("late", dt.date(2025, 11, 1))]
    assert dataset.query("select conversation_id, started_at, month from raw.whatsapp order by 1") == [
        ("w1", dt.datetime(2025, 11, 30, 22, 30), dt.date(2025, 11, 1)),
        ("w2", dt.datetime(2025, 12, 1, 0, 0), dt.date(2025, 12, 1)),
    ]


def test_a_duplicated_id_counts_once_and_the_last_sorting_path_wins(dataset: DataSet) -> None:
    dataset.write(
        "calls/a/export.csv",
        CALLS_HEADER + call_row("dup", "2025-10-31 10:00", fcr="NO") + call_row("x", "2025-10-02 10:00"),
    )
    dataset.write("calls/b/export.csv", CALLS_HEADER + call_row("dup", "2025-11-02 10:00", fcr="SI"))
    dataset.ingest()
    assert dataset.query(
        "select id_llamada, month, solucion_primer_contacto, source_file from raw.calls order by 1"
    ) == [
        ("dup", dt.date(2025, 11, 1), True, "calls/b/export.csv"),
        ("x", dt.date(2025, 10, 1), True, "calls/a/export.csv"),
    ]
    superseded = dataset.query(
        "select source, record_key, file, row_number, kept_file from audit.superseded_rows"
    )
    assert superseded == [("calls", "dup", "calls/a/export.csv", 2, "calls/b/export.csv")]


def test_an_email_re_export_replaces_the_earlier_count_and_is_not_added(dataset: DataSet) -> None:
    header = "fecha,buzon,sentido,cantidad\n"
    dataset.write(
        "emails/2025.csv",
        header + "2025-10-01,contacto@anm.gov.co,entrada,100\n2025-10-02,contacto@anm.gov.co,entrada,50\n",
    )
    dataset.write("emails/correcciones/2025-10.csv", header + "2025-10-01,contacto@anm.gov.co,entrada,120\n")
    dataset.ingest()
    assert dataset.query("select sum(cantidad) from raw.emails") == [(170,)]


@pytest.mark.parametrize(
    ("relative", "content", "reason"),
    [
        (
            "calls/c.csv",
            CALLS_HEADER + call_row("c1", "31/02/2025 10:00"),
            "fecha_inicio '31/02/2025 10:00' is not a timestamp",
        ),
        (
            "calls/c.csv",
            CALLS_HEADER + "c1,celular,entrante,2025-11-03 10:00,,,,,,\n",
            "linea 'celular' is not one of",
        ),
        ("calls/c.csv", CALLS_HEADER + ",bogota,entrante,2025-11-03 10:00,,,,,,\n", "missing id_llamada"),
        (
            "calls/c.csv",
            CALLS_HEADER + "c1,bogota,entrante,2025-11-03 10:00,,,,,,,extra\n",
            "more fields than the header",
        ),
        (
            "calls/c.csv",
            CALLS_HEADER + "c1,te_llamamos,entrante,2025-11-03 10:00,,,,,,\n",
            "must be sentido saliente",
        ),
        (
            "emails/e.csv",
            "fecha,buzon,sentido,cantidad\n2025-11-03,contacto@anm.gov.co,entrada,-3\n",
            "cantidad '-3' is not a whole number >= 0",
        ),
        (
            "encuestas/s.csv",
            "id_respuesta,fecha,canal,satisfaccion,percepcion,confianza\nr1,2025-11-03,presencial,7,5,5\n",
            "satisfaccion '7' is not a score from 1 to 5",
        ),
        (
            "encuestas/s.csv",
            "id_respuesta,fecha,canal,satisfaccion,percepcion,confianza\nr1,2025-11-03,presencial,,,\n",
            "no question answered",
        ),
        ("whatsapp/w.jsonl", "{not json}\n", "not a JSON object"),
        ("gestion/g.csv", "mes,indicador,valor,nota\n2025-11,codigo_inventado,3,\n", "unknown indicador"),
        (
            "gestion/g.csv",
            "mes,indicador,valor,nota\n2025-11,sms_invitacion_encuesta,-1,\n",
            "valor '-1' is not a number >= 0",
        ),
        (
            "presencial/p.csv",
            "id_atencion,fecha_hora,codigo_punto,solucion_primer_contacto\nv1,2025-11-03 10:00,PAR-XYZ,SI\n",
            "unknown codigo_punto",
        ),
        (
            "presencial/p.csv",
            "id_atencion,fecha_hora,codigo_punto,solucion_primer_contacto\nv1,2025-11-03 10:00,PAL-POP,SI\n",
            "not open on that date",
        ),
    ],
)
def test_a_bad_row_is_set_aside_with_its_reason_and_counted_nowhere_else(
    dataset: DataSet, relative: str, content: str, reason: str
) -> None:
    source = relative.split("/")[0]
    dataset.write(relative, content)
    dataset.ingest()
    rejected = dataset.query(
        "select source, file, row_number, reason from audit.rejected_rows where source = ?", [source]
    )
    assert len(rejected) == 1
    first_data_row = 1 if relative.endswith(".jsonl") else 2  # CSV row 1 is the header
    assert rejected[0][:3] == (source, relative, first_data_row)
    assert reason in rejected[0][3]
    assert dataset.query(f"select count(*) from raw.{source}") == [(0,)]
    assert dataset.query(
        "select rows_read, rows_loaded, rows_rejected from audit.file_loads where file = ?", [relative]
    ) == [(1, 0, 1)]


def test_a_file_missing_a_required_column_is_rejected_whole_and_the_others_load(dataset: DataSet) -> None:
    dataset.write(
        "calls/sin_atencion.csv",
        "id_llamada,linea,sentido,fecha_inicio\nc9,bogota,entrante,2025-11-03 10:00\n",
    )
    dataset.write("calls/bueno.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00"))
    dataset.ingest()
    status, message = dataset.query(
        "select status, message from audit.file_loads where file = 'calls/sin_atencion.csv'"
    )[0]
    assert status == "rejected"
    assert "calls/sin_atencion.csv" in message and "'fecha_atencion'" in message
    assert dataset.query("select id_llamada from raw.calls") == [("c1",)]


def test_workbook_with_a_title_row_on_a_sheet_with_another_name(dataset: DataSet) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Notas"
    workbook.active.append(["Este libro tiene los datos en otra hoja"])
    sheet = workbook.create_sheet("Noviembre")
    sheet.append(["Registro de atención presencial - noviembre 2025"])
    sheet.append(
        ["ID Atención", "Fecha Hora", "Código Punto", "Solución Primer Contacto", "Número Documento"]
    )
    sheet.append([1001, dt.datetime(2025, 11, 25, 9, 30), "PAL-POP", "SI", 79123456])
    sheet.append([None, None, None, None, None])
    sheet.append([1002, dt.datetime(2025, 11, 26, 10, 0), "PAR-BOG", True, "CE-55"])
    path = dataset.raw / "presencial" / "registro.xlsx"
    workbook.save(path)
    dataset.ingest()
    assert dataset.query(
        "select id_atencion, fecha_hora, codigo_punto, solucion_primer_contacto, source_row from raw.presencial order by 1"
    ) == [
        ("1001", dt.datetime(2025, 11, 25, 9, 30), "PAL-POP", True, 3),
        ("1002", dt.datetime(2025, 11, 26, 10, 0), "PAR-BOG", True, 5),
    ]


def test_no_personal_data_in_clear_in_any_table(dataset: DataSet) -> None:
    phone, document, name = "3157654321", "79123456", "María Pérez"
    dataset.write(
        "calls/c.csv",
        CALLS_HEADER
        + call_row("c1", "2025-11-03 10:00", phone=phone)
        + call_row("c2", "99/99/2025", phone=phone),
    )
    dataset.write(
        "presencial/p.csv",
        "id_atencion,fecha_hora,codigo_punto,numero_documento,nombre,solucion_primer_contacto\n"
        f"v1,2025-11-03 10:00,PAR-BOG,{document},{name},SI\nv2,2025-11-03 10:00,NOPE,{document},{name},SI\n",
    )
    dataset.write(
        "whatsapp/w.jsonl",
        f'{{"conversation_id": "w1", "started_at": "2025-11-03T10:00:00-05:00", "phone": "+57 {phone}"}}\n'
        f"not json but has the phone {phone}\n",
    )
    dataset.ingest()
    tables = dataset.query(
        "select table_schema, table_name, column_name from information_schema.columns where data_type = 'VARCHAR'"
    )
    assert tables
    for schema, table, column in tables:
        hits = dataset.query(
            f'select count(*) from "{schema}"."{table}" where "{column}" ilike ? or "{column}" ilike ? or "{column}" ilike ?',
            [f"%{phone}%", f"%{document}%", "%Pérez%"],
        )
        assert hits == [(0,)], f"{schema}.{table}.{column} holds personal data in clear"
    # the same person links across channels and formats: one hash per phone
    assert dataset.query("select count(distinct numero_hash) from raw.calls") == [(1,)]
    assert dataset.query("select phone_hash from raw.whatsapp") == dataset.query(
        "select distinct numero_hash from raw.calls"
    )


def test_re_running_on_unchanged_input_changes_nothing(dataset: DataSet) -> None:
    dataset.write(
        "calls/c.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00") + call_row("c2", "2025-10-03 10:00")
    )
    dataset.write(
        "presencial/p.csv",
        "id_atencion,fecha_hora,codigo_punto,solucion_primer_contacto\nv1,2025-11-03 10:00,PAR-BOG,SI\n",
    )
    dataset.ingest()
    before = dataset.query("select * from raw.calls order by id_llamada")
    landed = dataset.query(
        "select source, file, fingerprint, loaded_at from audit.file_loads where source not like 'reference/%' order by 1, 2"
    )
    dataset.ingest()
    dataset.ingest("2025-11-01", "2025-11-01")
    assert dataset.query("select * from raw.calls order by id_llamada") == before
    # nothing was landed again: not even the visits, whose rules read the reloaded points
    assert (
        dataset.query(
            "select source, file, fingerprint, loaded_at from audit.file_loads where source not like 'reference/%' order by 1, 2"
        )
        == landed
    )


def test_a_changed_reference_lands_the_visits_again(dataset: DataSet) -> None:
    from anm_testing import POINTS

    dataset.write(
        "presencial/p.csv",
        "id_atencion,fecha_hora,codigo_punto,solucion_primer_contacto\nv1,2025-11-03 10:00,PAL-NEW,SI\n",
    )
    dataset.ingest()
    assert dataset.query("select count(*) from raw.presencial") == [(0,)]
    dataset.write_reference(
        "puntos_atencion.csv", POINTS + "PAL-NEW,PAL Nuevo,Nobsa,Boyacá,PAL,NO,2025-01-01,\n"
    )
    dataset.ingest()
    assert dataset.query("select id_atencion from raw.presencial") == [("v1",)]
    assert dataset.query("select count(*) from audit.rejected_rows where source = 'presencial'") == [(0,)]


def test_re_loading_a_month_replaces_only_that_month(dataset: DataSet) -> None:
    dataset.write(
        "calls/c.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00") + call_row("c2", "2025-10-03 10:00")
    )
    dataset.ingest()
    dataset.write(
        "calls/c.csv", CALLS_HEADER + call_row("c3", "2025-11-05 10:00") + call_row("c4", "2025-10-03 10:00")
    )
    dataset.ingest("2025-11-01", "2025-11-01")
    assert dataset.query("select id_llamada from raw.calls order by 1") == [("c2",), ("c3",)]


def test_a_removed_file_leaves_the_warehouse_on_the_next_run_of_its_months(dataset: DataSet) -> None:
    path = dataset.write("calls/c.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00"))
    dataset.ingest()
    path.unlink()
    dataset.ingest()
    assert dataset.query("select count(*) from raw.calls") == [(0,)]
    assert dataset.query("select count(*) from audit.file_loads where source = 'calls'") == [(0,)]


def test_missing_pii_key_with_real_data_fails_clearly(dataset: DataSet) -> None:
    from pipelines.config import Settings
    from pipelines.ingestion.pii import MissingPIIKey, pii_key

    settings = dataset.settings
    unkeyed = Settings(
        settings.raw_dir, settings.reference_dir, settings.warehouse, settings.reports_dir, None
    )
    with pytest.raises(MissingPIIKey, match="ANM_PII_KEY"):
        pii_key(unkeyed)


def test_the_hash_is_hmac_sha256_with_the_key(dataset: DataSet) -> None:
    import hashlib
    import hmac

    from anm_testing import TEST_KEY

    dataset.write(
        "calls/c.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00", phone="(+57) 300-123-4567")
    )
    dataset.ingest()
    expected = hmac.new(TEST_KEY.encode(), b"3001234567", hashlib.sha256).hexdigest()
    assert dataset.query("select numero_hash from raw.calls") == [(expected,)]


def test_a_visit_with_an_unreadable_date_gives_that_reason_only(dataset: DataSet) -> None:
    dataset.write(
        "presencial/p.csv",
        "id_atencion,fecha_hora,codigo_punto,solucion_primer_contacto\nv1,31/04/2025 09:15,PAR-BOG,SI\n",
    )
    dataset.ingest()
    [(reason,)] = dataset.query("select reason from audit.rejected_rows")
    assert reason.startswith("fecha_hora '31/04/2025 09:15' is not a timestamp")
    assert ";" not in reason


def test_the_project_catalogue_of_tally_codes_is_used_when_the_reference_folder_has_none(
    dataset: DataSet,
) -> None:
    (dataset.reference / "indicadores_gestion.csv").unlink()
    dataset.write("gestion/g.csv", "mes,indicador,valor,nota\n2025-11,pqrs_seguimiento,4055,\n")
    dataset.ingest()
    assert dataset.query("select indicador, valor from raw.gestion") == [("pqrs_seguimiento", 4055.0)]


def test_an_empty_file_is_rejected_whole_and_a_header_only_file_loads_nothing(dataset: DataSet) -> None:
    dataset.write("calls/vacio.csv", "")
    dataset.write("calls/solo_encabezado.csv", CALLS_HEADER)
    dataset.ingest()
    loads = dataset.query(
        "select file, status, message, rows_read from audit.file_loads where source = 'calls' order by 1"
    )
    assert loads == [
        ("calls/solo_encabezado.csv", "loaded", None, 0),
        ("calls/vacio.csv", "rejected", "calls/vacio.csv: the file is empty: no header row", 0),
    ]


@pytest.mark.parametrize(
    ("last_line", "loaded", "reason"),
    [
        ("c2,bogota,entrante,2025-11-0", [], "fecha_inicio '2025-11-0' is not a timestamp"),
        ("c2,bogota,entr", [], "sentido 'entr' is not one of"),
        ('c2,bogota,entrante,2025-11-03 10:00,,,,,"Miner', ["c2"], None),
    ],
)
def test_a_truncated_last_line_keeps_what_it_holds_or_is_set_aside(
    dataset: DataSet, last_line: str, loaded: list[str], reason: str | None
) -> None:
    dataset.write("calls/cortado.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00") + last_line)
    dataset.ingest()
    assert [r[0] for r in dataset.query("select id_llamada from raw.calls order by 1")] == ["c1", *loaded]
    rejected = dataset.query("select row_number, reason from audit.rejected_rows")
    if reason is None:
        assert rejected == []
    else:
        assert rejected[0][0] == 3 and reason in rejected[0][1]
    assert dataset.query(
        "select rows_read, rows_loaded + rows_rejected from audit.file_loads where source = 'calls'"
    ) == [(2, 2)]


def test_a_file_duckdb_cannot_read_is_rejected_whole_and_the_files_around_it_land(dataset: DataSet) -> None:
    dataset.write("calls/a.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00"))
    too_long = call_row("c2", "2025-11-03 10:00", fcr="S" * 3_000_000)  # over DuckDB's longest line
    dataset.write("calls/b.csv", CALLS_HEADER + too_long)
    dataset.write("calls/c.csv", CALLS_HEADER + call_row("c3", "2025-11-03 10:00"))
    dataset.ingest()
    assert dataset.query("select id_llamada from raw.calls order by 1") == [("c1",), ("c3",)]
    loads = dataset.query(
        "select file, status, message from audit.file_loads where source = 'calls' order by 1"
    )
    assert [(file, status) for file, status, _ in loads] == [
        ("calls/a.csv", "loaded"),
        ("calls/b.csv", "rejected"),
        ("calls/c.csv", "loaded"),
    ]
    assert loads[1][2].startswith("calls/b.csv: ")


def test_a_failure_while_storing_a_source_leaves_all_of_it_as_it_was(
    dataset: DataSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.ingestion import landing, run

    state = "select * from landing.calls order by all", "select * from audit.file_loads order by all"
    dataset.write("calls/a.csv", CALLS_HEADER + call_row("c1", "2025-11-03 10:00"))
    removed = dataset.write("calls/b.csv", CALLS_HEADER + call_row("c2", "2025-11-03 10:00"))
    dataset.write("calls/c.csv", CALLS_HEADER + call_row("c3", "2025-11-03 10:00"))
    dataset.ingest()
    before = [dataset.query(sql) for sql in state]
    dataset.write("calls/a.csv", CALLS_HEADER + call_row("c4", "2025-11-03 10:00"))
    removed.unlink()
    dataset.write("calls/c.csv", CALLS_HEADER + call_row("c5", "2025-11-03 10:00"))
    record_file, recorded = landing.record_file, []

    def record_then_fail(*args: object) -> None:  # the first changed file is recorded, not the second
        if recorded:
            raise RuntimeError("the disk is full")
        recorded.append(args[2])
        record_file(*args)

    monkeypatch.setattr(landing, "record_file", record_then_fail)
    with pytest.raises(RuntimeError, match="the disk is full"):
        run.land_raw_files(dataset.settings)
    assert recorded == ["calls/a.csv"]
    assert [dataset.query(sql) for sql in state] == before
