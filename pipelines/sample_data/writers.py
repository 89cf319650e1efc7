"""The files the generators produce, and how they are written byte for byte.

Generators build `CsvFile`, `XlsxFile` and `JsonLinesFile` values; nothing
touches the disk until `write_file`. Writing is deterministic: the same
values give the same bytes (the workbooks carry a fixed creation date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter


@dataclass(frozen=True)
class CsvFormat:
    """How a source system writes its CSV exports."""

    encoding: str  # "utf-8", "utf-8-sig" (with BOM) or "cp1252"
    delimiter: str = ","
    line_end: str = "\n"


UTF8_BOM = CsvFormat("utf-8-sig")
UTF8 = CsvFormat("utf-8")
WINDOWS = CsvFormat("cp1252", ";", "\r\n")  # a spreadsheet saved as "CSV (delimitado por ;)"


@dataclass(frozen=True)
class CsvFile:
    path: str  # relative to the output folder, with "/"
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    fmt: CsvFormat = UTF8


@dataclass(frozen=True)
class XlsxFile:
    path: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]  # str, int or datetime cells; None for an empty cell
    sheet: str
    created: dt.datetime  # the workbook's document property, fixed for reproducible bytes


@dataclass(frozen=True)
class JsonLinesFile:
    path: str
    lines: Sequence[str]


OutputFile = CsvFile | XlsxFile | JsonLinesFile


def csv_bytes(file: CsvFile) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=file.fmt.delimiter, lineterminator=file.fmt.line_end)
    writer.writerow(file.header)
    writer.writerows(file.rows)
    return buffer.getvalue().encode(file.fmt.encoding)


def write_xlsx(target: Path, file: XlsxFile) -> None:
    workbook = xlsxwriter.Workbook(str(target), {"strings_to_numbers": False, "strings_to_urls": False})
    workbook.set_properties({"created": file.created, "author": "GAPCC - Atención presencial"})
    sheet = workbook.add_worksheet(file.sheet)
    bold = workbook.add_format({"bold": True})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, list(file.header), bold)
    for row_index, row in enumerate(file.rows, start=1):
        for col_index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(row_index, col_index, value, stamp)
            else:
                sheet.write(row_index, col_index, value)
    sheet.set_column(0, len(file.header) - 1, 20)
    workbook.close()


def write_file(base: Path, file: OutputFile) -> Path:
    target = base / file.path
    target.parent.mkdir(parents=True, exist_ok=True)
    match file:
        case CsvFile():
            target.write_bytes(csv_bytes(file))
        case XlsxFile():
            write_xlsx(target, file)
        case JsonLinesFile():
            target.write_bytes("".join(f"{line}\n" for line in file.lines).encode("utf-8"))
    return target


def yes_no(value: bool | None, accented: bool = False) -> str:
    """Booleans as the registers write them: `SI`/`NO` (`SÍ` in some exports), empty when unknown."""
    if value is None:
        return ""
    if value:
        return "SÍ" if accented else "SI"
    return "NO"


def iso_seconds(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def day_month_minutes(value: dt.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""
