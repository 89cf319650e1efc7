"""The shipped sample (data/raw, data/reference): reproducible, and calibrated to the deck.

The checker below is deliberately independent of the generator: it reads the
committed files with plain Python (csv, json, openpyxl), applies the data
contract's rules itself (month of the event time in Bogotá, duplicates resolved
by the path that sorts last, e-mail re-exports replacing, bad rows skipped)
and compares with the figures of the November 2025 report, written out here
by hand from shared/spec/deck-figures.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
BOGOTA = dt.timezone(dt.timedelta(hours=-5))

# ---- the deck's figures -------------------------------------------------------------------------

MONTHLY = {  # month: (presencial, telefonico, virtual)
    1: (847, 542, 4_853),
    2: (1_371, 142, 6_217),
    3: (1_432, 223, 6_317),
    4: (1_161, 220, 6_711),
    5: (1_362, 593, 7_397),
    6: (1_154, 654, 5_353),
    7: (1_406, 1_326, 6_922),
    8: (1_022, 950, 4_471),
    9: (1_019, 1_052, 5_193),
    10: (991, 856, 6_260),
    11: (887, 594, 5_241),
}
NOVEMBER_POINT_VISITS = [213, 180, 118, 86, 30, 30, 30, 25, 24, 24, 21, 18, 16, 15, 14, 14, 12, 6, 2, 2, 2, 2, 2, 1]  # fmt: skip
NOVEMBER_TALLIES = {
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
}
LOW_RATING_REASONS = [10, 7, 5, 3, 3, 3, 2, 1]
WHATSAPP_REASONS = [4, 3, 2, 2, 1, 1]
# The planted bad rows, per source (docs/sample-data.md lists them).
PLANTED_BAD_ROWS = {"calls": 3, "presencial": 2, "whatsapp": 2, "encuestas": 2, "emails": 1, "gestion": 1}

# ---- reading files as the contract describes them ------------------------------------------------


def normalise(name: str) -> str:
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name.replace("\ufeff", "")) if not unicodedata.combining(c)
    )
    return re.sub(r"[\s\-]+", "_", plain.strip().lower())


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def files_of(source: str, root: Path = RAW) -> list[Path]:
    """Any file below the source folder, in the order of their relative paths."""
    folder = root / source
    return sorted(
        (p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix()
    )


def csv_records(path: Path) -> Iterator[dict[str, object]]:
    text = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [normalise(h) for h in next(rows)]
    for row in rows:
        yield {h: v.strip() for h, v in zip(header, row, strict=False)}


def xlsx_records(path: Path) -> Iterator[dict[str, object]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [normalise(str(h)) for h in next(rows)]
        for row in rows:
            yield {
                h: ("" if v is None else v.strip() if isinstance(v, str) else v)
                for h, v in zip(header, row, strict=False)
            }
    finally:
        workbook.close()


def table_records(path: Path) -> Iterator[dict[str, object]]:
    return xlsx_records(path) if path.suffix == ".xlsx" else csv_records(path)


class Bad(ValueError):
    """The row breaks the contract: it is set aside and counted nowhere."""


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?([+-]\d{2}:\d{2})?")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def timestamp(value: object) -> dt.datetime:
    """Any timestamp or date form of the contract, as naive Bogotá local time."""
    if isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    try:
        if m := _ISO.fullmatch(text):
            y, mo, d, h, mi, s, offset = m.groups()
            when = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
            if offset:
                sign = -1 if offset[0] == "-" else 1
                zone = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
                when = when.replace(tzinfo=zone).astimezone(BOGOTA).replace(tzinfo=None)
            return when
        if m := _DMY.fullmatch(text):
            d, mo, y, h, mi, s = m.groups()
            return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError as exc:
        raise Bad(f"not a date: {text!r}") from exc
    raise Bad(f"not a timestamp: {text!r}")


def optional_timestamp(value: object) -> dt.datetime | None:
    return None if value in ("", None) else timestamp(value)


def boolean(value: object) -> bool | None:
    if value in ("", None):
        return None
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().upper()
    if word in ("SI", "S", "TRUE", "1"):
        return True
    if word in ("NO", "N", "FALSE", "0"):
        return False
    raise Bad(f"not a boolean: {value!r}")


def required(record: dict[str, object], column: str) -> object:
    value = record.get(column)
    if value in ("", None):
        raise Bad(f"missing {column}")
    return value


def month_of(when: dt.datetime | dt.date) -> tuple[int, int]:
    return when.year, when.month


@dataclass
class Loaded:
    winners: dict[tuple, dict]  # key -> record, the copy from the path that sorts last
    bad: int
    copies: list[tuple[Path, tuple, dict]]  # every good copy, in path order


def load(
    source: str, records: Callable[[Path], Iterator[object]], check: Callable[[object], tuple[tuple, dict]]
) -> Loaded:
    copies, bad = [], 0
    for path in files_of(source):
        for record in records(path):
            try:
                key, parsed = check(record)
            except Bad:
                bad += 1
                continue
            copies.append((path, key, parsed))
    winners = {}
    for _, key, parsed in copies:  # later files (and later rows) replace earlier copies
        winners[key] = parsed
    return Loaded(winners, bad, copies)


# ---- the contract's rules per source ------------------------------------------------------------


def reference_points() -> dict[str, dict[str, object]]:
    return {str(r["codigo_punto"]): r for r in csv_records(REFERENCE / "puntos_atencion.csv")}


def check_call(record: dict[str, object]) -> tuple[tuple, dict]:
    call_id = required(record, "id_llamada")
    linea, sentido = required(record, "linea"), required(record, "sentido")
    if linea not in ("bogota", "018000", "te_llamamos") or sentido not in ("entrante", "saliente"):
        raise Bad("unknown linea or sentido")
    if linea == "te_llamamos" and sentido != "saliente":
        raise Bad("te_llamamos is outbound")
    inicio = timestamp(required(record, "fecha_inicio"))
    atencion = optional_timestamp(record.get("fecha_atencion"))
    optional_timestamp(record.get("fecha_fin"))
    if atencion is not None and atencion < inicio:
        raise Bad("answered before it started")
    parsed = {"sentido": sentido, "inicio": inicio, "attended": atencion is not None,
              "resolved": boolean(record.get("solucion_primer_contacto"))}  # fmt: skip
    return (call_id,), parsed


def check_visit(points: dict[str, dict[str, object]]) -> Callable[[dict[str, object]], tuple[tuple, dict]]:
    def check(record: dict[str, object]) -> tuple[tuple, dict]:
        visit_id = required(record, "id_atencion")
        when = timestamp(required(record, "fecha_hora"))
        code = str(required(record, "codigo_punto")).upper()
        if code not in points:
            raise Bad("unknown codigo_punto")
        point = points[code]
        opened = dt.date.fromisoformat(str(point["fecha_apertura"]))
        closed = dt.date.fromisoformat(str(point["fecha_cierre"])) if point["fecha_cierre"] else None
        if when.date() < opened or (closed and when.date() > closed):
            raise Bad("point not open")
        return (visit_id,), {
            "when": when,
            "point": code,
            "resolved": boolean(record.get("solucion_primer_contacto")),
        }

    return check


def json_lines(path: Path) -> Iterator[object]:
    for line in decode(path.read_bytes()).splitlines():
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                yield None


def check_conversation(record: object) -> tuple[tuple, dict]:
    if not isinstance(record, dict):
        raise Bad("not a JSON object")
    conversation_id = required(record, "conversation_id")
    parsed = {"started": timestamp(required(record, "started_at"))}
    for flag in ("handed_to_agent", "effective", "resolved_first_contact", "closed_by_inactivity"):
        parsed[flag] = boolean(record.get(flag))
    return (conversation_id,), parsed


def check_email(record: dict[str, object]) -> tuple[tuple, dict]:
    day = timestamp(required(record, "fecha")).date()
    mailbox, direction = str(required(record, "buzon")).lower(), required(record, "sentido")
    if direction not in ("entrada", "salida"):
        raise Bad("unknown sentido")
    if not re.fullmatch(r"\d+", str(required(record, "cantidad"))):
        raise Bad("cantidad is not a count >= 0")
    return (day, mailbox, direction), {"day": day, "direction": direction, "count": int(record["cantidad"])}


def score(value: object) -> int | None:
    if value in ("", None):
        return None
    if not re.fullmatch(r"[1-5]", str(value)):
        raise Bad(f"score out of range: {value!r}")
    return int(value)


def check_response(record: dict[str, object]) -> tuple[tuple, dict]:
    response_id = required(record, "id_respuesta")
    when = timestamp(required(record, "fecha"))
    canal = required(record, "canal")
    if canal not in ("presencial", "telefonico", "virtual", "whatsapp"):
        raise Bad("unknown canal")
    scores = {q: score(record.get(q)) for q in ("satisfaccion", "percepcion", "confianza")}
    if all(s is None for s in scores.values()):
        raise Bad("no question answered")
    return (response_id,), {"when": when, "canal": canal, **scores}


def check_tally(catalogue: set[str]) -> Callable[[dict[str, object]], tuple[tuple, dict]]:
    def check(record: dict[str, object]) -> tuple[tuple, dict]:
        mes = str(required(record, "mes"))
        if not re.fullmatch(r"\d{4}-\d{2}", mes):
            raise Bad("mes is not YYYY-MM")
        code = str(required(record, "indicador"))
        if code not in catalogue:
            raise Bad("unknown indicador")
        value = float(str(required(record, "valor")).replace(",", "."))
        if value < 0:
            raise Bad("negative valor")
        return (mes, code), {"mes": mes, "indicador": code, "valor": value, "nota": record.get("nota", "")}

    return check


# ---- loading the committed sample once -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, Loaded]:
    catalogue = {str(r["indicador"]) for r in csv_records(REFERENCE / "indicadores_gestion.csv")}
    return {
        "calls": load("calls", csv_records, check_call),
        "presencial": load("presencial", table_records, check_visit(reference_points())),
        "whatsapp": load("whatsapp", json_lines, check_conversation),
        "emails": load("emails", csv_records, check_email),
        "encuestas": load("encuestas", csv_records, check_response),
        "gestion": load("gestion", csv_records, check_tally(catalogue)),
    }


def in_month(records: dict[tuple, dict], field: str, month: int) -> list[dict]:
    return [r for r in records.values() if month_of(r[field]) == (2025, month)]


# ---- 1. the committed files are exactly what the generator writes -------------------------------


def data_files(root: Path) -> set[str]:
    """Relative paths of the data files (hidden files such as .gitattributes are not data)."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def test_committed_sample_equals_generator_output(tmp_path: Path) -> None:
    from pipelines.sample_data.generate import generate

    generate(tmp_path / "raw", tmp_path / "reference")
    for generated_root, committed_root in ((tmp_path / "raw", RAW), (tmp_path / "reference", REFERENCE)):
        generated, committed = data_files(generated_root), data_files(committed_root)
        assert generated == committed, (
            "regenerate with `make sample-data` (python -m pipelines.sample_data --clean)"
        )
        for name in sorted(generated):
            same = (generated_root / name).read_bytes() == (committed_root / name).read_bytes()
            assert same, f"{name} differs from the generator's output"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    from pipelines.sample_data.generate import generate

    generate(tmp_path / "a" / "raw", tmp_path / "a" / "reference")
    generate(tmp_path / "b" / "raw", tmp_path / "b" / "reference")
    first = {
        p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()
    }
    second = {
        p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()
    }
    assert first == second


# ---- 2. the deck's figures, recomputed from the raw rows ----------------------------------------


def test_planted_bad_rows_are_the_documented_ones(sample: dict[str, Loaded]) -> None:
    assert {source: loaded.bad for source, loaded in sample.items()} == PLANTED_BAD_ROWS


@pytest.mark.parametrize("month", sorted(MONTHLY))
def test_monthly_interactions_per_channel(sample: dict[str, Loaded], month: int) -> None:
    presencial = len(in_month(sample["presencial"].winners, "when", month))
    telefonico = sum(c["attended"] for c in in_month(sample["calls"].winners, "inicio", month))
    virtual = sum(e["count"] for e in in_month(sample["emails"].winners, "day", month))
    assert (presencial, telefonico, virtual) == MONTHLY[month]


def test_year_to_date() -> None:
    totals = [sum(values[i] for values in MONTHLY.values()) for i in range(3)]
    assert totals == [12_652, 7_152, 64_935] and sum(totals) == 84_739
    assert sum(MONTHLY[11]) == 6_722


def test_published_figures_are_the_deck_table() -> None:
    published = {
        (int(r["anio"]), int(r["mes"]), r["canal"]): int(r["interacciones"])
        for r in csv_records(REFERENCE / "cifras_publicadas.csv")
    }
    expected = {
        (2025, m, canal): values[i]
        for m, values in MONTHLY.items()
        for i, canal in enumerate(("presencial", "telefonico", "virtual"))
    }
    assert published == expected


def test_november_in_person(sample: dict[str, Loaded]) -> None:
    visits = in_month(sample["presencial"].winners, "when", 11)
    points = reference_points()
    per_point = Counter(v["point"] for v in visits)
    assert sorted(per_point.values(), reverse=True) == NOVEMBER_POINT_VISITS
    kind = {code: ("PAR" if p["tipo"] == "PAR" else "PAL") for code, p in points.items()}
    assert sum(n for code, n in per_point.items() if kind[code] == "PAR") == 786
    assert sum(n for code, n in per_point.items() if kind[code] == "PAL") == 101
    assert sum(v["resolved"] is True for v in visits) == 836
    central = [code for code, p in points.items() if boolean(p["sede_central"])]
    assert central == ["PAR-BOG"] and points["PAR-BOG"]["tipo"] == "PAR" and per_point["PAR-BOG"] == 213


def test_popayan_opened_on_24_november(sample: dict[str, Loaded]) -> None:
    popayan = [v["when"] for v in sample["presencial"].winners.values() if v["point"] == "PAL-POP"]
    assert len(popayan) == 2 and all(when.date() >= dt.date(2025, 11, 24) for when in popayan)
    assert reference_points()["PAL-POP"]["fecha_apertura"] == "2025-11-24"


def test_november_telephone(sample: dict[str, Loaded]) -> None:
    calls = in_month(sample["calls"].winners, "inicio", 11)
    attended = [c for c in calls if c["attended"]]
    inbound = [c for c in calls if c["sentido"] == "entrante"]
    answered = [c for c in inbound if c["attended"]]
    assert len(attended) == 594
    assert sum(c["resolved"] is True for c in attended) == 576
    assert round(100 * len(answered) / len(inbound)) == 97
    assert (len(answered), len(inbound)) == (549, 566)


def test_answer_rate_every_month_is_about_97_percent(sample: dict[str, Loaded]) -> None:
    for month in MONTHLY:
        inbound = [
            c for c in in_month(sample["calls"].winners, "inicio", month) if c["sentido"] == "entrante"
        ]
        rate = sum(c["attended"] for c in inbound) / len(inbound)
        assert 0.95 <= rate <= 0.99, (month, rate)


def test_november_whatsapp(sample: dict[str, Loaded]) -> None:
    conversations = in_month(sample["whatsapp"].winners, "started", 11)
    assert len(conversations) == 219
    assert sum(c["resolved_first_contact"] is True for c in conversations) == 206
    assert sum(c["effective"] is True for c in conversations) == 149
    assert sum(c["handed_to_agent"] is True for c in conversations) == 48
    for month in range(1, 11):
        assert 150 <= len(in_month(sample["whatsapp"].winners, "started", month)) <= 260


def test_november_emails(sample: dict[str, Loaded]) -> None:
    emails = in_month(sample["emails"].winners, "day", 11)
    assert sum(e["count"] for e in emails if e["direction"] == "entrada") == 3_379
    assert sum(e["count"] for e in emails if e["direction"] == "salida") == 1_862
    mailboxes = {key[1] for key, e in sample["emails"].winners.items() if month_of(e["day"]) == (2025, 11)}
    assert mailboxes == {"contacto@anm.gov.co"}


def test_november_surveys(sample: dict[str, Loaded]) -> None:
    responses = in_month(sample["encuestas"].winners, "when", 11)

    def rated(canal: str, question: str) -> tuple[int, int]:
        scores = [r[question] for r in responses if r["canal"] == canal and r[question] is not None]
        return sum(s >= 4 for s in scores), len(scores)

    assert rated("presencial", "satisfaccion") == (714, 714)
    assert rated("presencial", "percepcion") == (709, 714)
    assert rated("presencial", "confianza") == (698, 714)
    assert rated("telefonico", "satisfaccion") == (285, 310)
    assert rated("telefonico", "percepcion") == (243, 285)
    assert rated("telefonico", "confianza") == (220, 259)
    assert sum(r["canal"] == "presencial" for r in responses) == 714
    assert sum(r["canal"] == "telefonico" for r in responses) == 310
    assert not [r for r in responses if r["canal"] == "virtual"]
    pooled = [
        rated(c, q) for c in ("presencial", "telefonico") for q in ("satisfaccion", "percepcion", "confianza")
    ]
    assert (sum(t for t, _ in pooled), sum(n for _, n in pooled)) == (2_869, 2_996)
    totals = [tuple(map(sum, zip(rated("presencial", q), rated("telefonico", q), strict=True)))
              for q in ("satisfaccion", "percepcion", "confianza")]  # fmt: skip
    assert totals == [(999, 1_024), (952, 999), (918, 973)]


def test_ratings_in_other_months_are_plausible(sample: dict[str, Loaded]) -> None:
    for month in range(1, 11):
        responses = in_month(sample["encuestas"].winners, "when", month)
        for question in ("satisfaccion", "percepcion", "confianza"):
            scores = [r[question] for r in responses if r[question] is not None and r["canal"] != "whatsapp"]
            assert 0.85 <= sum(s >= 4 for s in scores) / len(scores) <= 1.0, (month, question)


def test_november_tallies(sample: dict[str, Loaded]) -> None:
    november = {code: r for (mes, code), r in sample["gestion"].winners.items() if mes == "2025-11"}
    assert {code: int(november[code]["valor"]) for code in NOVEMBER_TALLIES} == NOVEMBER_TALLIES
    low = sorted(
        (r["valor"] for c, r in november.items() if c.startswith("motivo_baja_calificacion_")), reverse=True
    )
    chat = sorted((r["valor"] for c, r in november.items() if c.startswith("whatsapp_motivo_")), reverse=True)
    assert low == LOW_RATING_REASONS and sum(low) == 34
    assert chat == WHATSAPP_REASONS and sum(chat) == 13
    assert all(november[c]["nota"] for c in november if "motivo_" in c), (
        "each reason carries the deck's label"
    )
    for channel in ("presencial", "telefonico", "virtual"):
        assert 0 <= november[f"monitoreo_cumplimiento_{channel}"]["valor"] <= 1
    assert november["monitoreo_cumplimiento_presencial"]["valor"] == 1


def test_catalogue_units() -> None:
    rows = list(csv_records(REFERENCE / "indicadores_gestion.csv"))
    assert {r["unidad"] for r in rows} == {"conteo", "proporcion"}
    assert all(re.fullmatch(r"[a-z0-9_]+", str(r["indicador"])) and r["descripcion"] for r in rows)
    assert len({r["indicador"] for r in rows}) == len(rows)
    shares = {r["indicador"] for r in rows if r["unidad"] == "proporcion"}
    assert shares == {f"monitoreo_cumplimiento_{c}" for c in ("presencial", "telefonico", "virtual")}


# ---- 3. the traps the sample sets for the pipeline are really there ------------------------------


def test_late_calls_sit_in_the_next_months_file(sample: dict[str, Loaded]) -> None:
    misplaced = []
    for path, _, call in sample["calls"].copies:
        file_month = int(re.search(r"2025-(\d{2})", path.name).group(1))
        if call["inicio"].month != file_month:
            misplaced.append(call["inicio"])
    assert len(misplaced) >= 3
    assert all(
        when.hour == 23 and when.minute >= 50 and (when + dt.timedelta(hours=1)).day == 1
        for when in misplaced
    )


def test_call_reexport_corrects_october(sample: dict[str, Loaded]) -> None:
    first_wins: dict[tuple, dict] = {}
    for _, key, call in sample["calls"].copies:
        first_wins.setdefault(key, call)
    october = sum(c["attended"] for c in in_month(first_wins, "inicio", 10))
    assert october < MONTHLY[10][1], "the first export must lack answers that the re-export adds"
    repeated = Counter(key for _, key, _ in sample["calls"].copies)
    assert sum(n > 1 for n in repeated.values()) >= 50


def test_email_reexport_replaces_october(sample: dict[str, Loaded]) -> None:
    copies = sample["emails"].copies
    added = sum(e["count"] for _, _, e in copies if month_of(e["day"]) == (2025, 10))
    first_wins: dict[tuple, dict] = {}
    for _, key, e in copies:
        first_wins.setdefault(key, e)
    first = sum(e["count"] for e in in_month(first_wins, "day", 10))
    assert added != MONTHLY[10][2] and first != MONTHLY[10][2]
    paths = [p.relative_to(RAW / "emails").as_posix() for p in files_of("emails")]
    assert paths[-1] == "correcciones/2025-10_reexport.csv"


def test_whatsapp_utc_evening_belongs_to_the_earlier_month() -> None:
    crossing = []
    for path in files_of("whatsapp"):
        for record in json_lines(path):
            if isinstance(record, dict) and str(record.get("started_at", "")).endswith("+00:00"):
                utc_day = dt.date.fromisoformat(record["started_at"][:10])
                local = timestamp(record["started_at"])
                if utc_day.month != local.month:
                    crossing.append(local)
    assert dt.datetime(2025, 11, 30, 22, 41, 12) in crossing


def test_whatsapp_overlapping_exports_repeat_conversations(sample: dict[str, Loaded]) -> None:
    repeated = Counter(key for _, key, _ in sample["whatsapp"].copies)
    assert sum(n > 1 for n in repeated.values()) >= 1


def test_source_forms() -> None:
    calls = files_of("calls")
    assert any(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in calls)
    windows = [p for p in calls if b";" in p.read_bytes().split(b"\n", 1)[0]]
    assert windows and all(b"S\xcd" in p.read_bytes() for p in windows)  # SÍ in Windows-1252
    presencial = files_of("presencial")
    assert {p.suffix for p in presencial} == {".xlsx", ".csv"}
    workbook = openpyxl.load_workbook(next(p for p in presencial if p.suffix == ".xlsx"), read_only=True)
    second_row = next(workbook.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
    workbook.close()
    assert isinstance(second_row[1], dt.datetime) and second_row[8] in ("SI", "NO")
