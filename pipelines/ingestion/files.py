"""Raw files on disk: discovery, fingerprints, encodings, delimiters, workbooks.

Everything here is about turning whatever the source systems dropped into one
shape DuckDB reads fast: a UTF-8 CSV whose header is known. Raw files are
only ever read; converted copies go to a scratch folder.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROW_COLUMN = "__source_row"  # written by the workbook conversion: the Excel row number
_CHUNK = 1 << 20
_HEADER_SCAN_ROWS = 20


class FileRejected(Exception):
    """The whole file cannot be loaded; the message names the file and why."""


def normalise_header(name: str) -> str:
    """`Fecha Atención` -> `fecha_atencion`, as the contract matches headers."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", "_", plain.strip().lower())


def discover(folder: Path) -> list[Path]:
    """Every file below `folder`, any name, any depth, sorted by relative path.

    Hidden files and office lock files (`~$...`) are not data and are skipped.
    """
    if not folder.is_dir():
        return []
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode a byte that is not UTF-8 as Windows-1252 (undefined bytes as U+FFFD)."""
    bad = error.object[error.start : error.start + 1]
    return bad.decode("cp1252", errors="replace"), error.start + 1


codecs.register_error("anm_cp1252_fallback", _cp1252_fallback)


def _is_valid_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def as_utf8(path: Path, scratch: Path) -> tuple[Path, str]:
    """The file itself when it is UTF-8, else a UTF-8 copy in `scratch`.

    Bytes that are not UTF-8 are read as Windows-1252, byte by byte, so a
    Windows-1252 file and a UTF-8 file with a stray Windows-1252 byte both
    come out right.
    """
    if _is_valid_utf8(path):
        return path, "utf-8"
    target = scratch / f"{abs(hash(str(path)))}.utf8{path.suffix}"
    decoder = codecs.getincrementaldecoder("utf-8")(errors="anm_cp1252_fallback")
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := source.read(_CHUNK):
            out.write(decoder.decode(chunk))
        out.write(decoder.decode(b"", final=True))
    return target, "windows-1252"


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.readline().lstrip("\ufeff").rstrip("\r\n")


@dataclass(frozen=True)
class CsvLayout:
    """What DuckDB needs to read a prepared CSV without guessing."""

    path: Path
    delimiter: str
    header: tuple[str, ...]  # normalised names, in file order
    encoding: str
    row_column: bool = False  # True when ROW_COLUMN carries the original row number


def csv_layout(path: Path, scratch: Path) -> CsvLayout:
    readable, encoding = as_utf8(path, scratch)
    header_line = _first_line(readable)
    if not header_line.strip():
        raise FileRejected("the file is empty: no header row")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    names = next(csv.reader(io.StringIO(header_line), delimiter=delimiter))
    header = tuple(normalise_header(n) for n in names)
    return CsvLayout(readable, delimiter, header, encoding, row_column=ROW_COLUMN in header)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(rows: list[tuple[object, ...]], required: tuple[str, ...]) -> int | None:
    for index, row in enumerate(rows):
        names = {normalise_header(_cell_text(v)) for v in row}
        if set(required) <= names:
            return index
    return None


def workbook_layout(path: Path, scratch: Path, required: tuple[str, ...]) -> CsvLayout:
    """Convert the sheet holding the data to CSV, keeping Excel row numbers.

    The data is on the first sheet whose first rows contain every required
    column (usually the first sheet, row 1; a title row above the header or
    another sheet name are tolerated).
    """
    from openpyxl import load_workbook  # imported here: only workbooks need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad zip/xml
        raise FileRejected(f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from exc
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            head = list(itertools.islice(rows, _HEADER_SCAN_ROWS))
            header_index = _find_header(head, required)
            if header_index is None:
                continue
            header = tuple(normalise_header(_cell_text(v)) for v in head[header_index])
            target = scratch / f"{abs(hash(str(path)))}.{sheet.title}.csv"
            _write_sheet_csv(target, header, head, header_index, rows)
            return CsvLayout(target, ",", (*header, ROW_COLUMN), "xlsx", row_column=True)
        first = workbook.worksheets[0] if workbook.worksheets else None
        found = ()
        if first is not None:
            found = next(first.iter_rows(values_only=True, max_row=1), ())
        missing = [c for c in required if c not in {normalise_header(_cell_text(v)) for v in found}]
        raise FileRejected(
            f"missing required column {', '.join(repr(m) for m in missing)} "
            f"(no sheet has a header row with all of {', '.join(required)})"
        )
    finally:
        workbook.close()


def _write_sheet_csv(
    target: Path,
    header: tuple[str, ...],
    head: list[tuple[object, ...]],
    header_index: int,
    rest: Iterator[tuple[object, ...]],
) -> None:
    data_rows = itertools.chain(head[header_index + 1 :], rest)
    first_data_row = header_index + 2  # Excel rows are 1-based
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow((*header, ROW_COLUMN))
        for excel_row, row in enumerate(data_rows, start=first_data_row):
            _write_cells(writer, row, len(header), excel_row)


def _write_cells(writer, row: tuple[object, ...], width: int, excel_row: int) -> None:
    cells = [_cell_text(v) for v in row[:width]]
    if any(cells):
        writer.writerow((*cells, *[""] * (width - len(cells)), excel_row))
