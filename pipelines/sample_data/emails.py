"""emails/: daily counts per mailbox and direction, plus a re-export correcting October."""

from __future__ import annotations

import datetime as dt
import random

from pipelines.sample_data import calibration as cal
from pipelines.sample_data.allocation import apportion, rng_for, share
from pipelines.sample_data.dates import is_business_day, month_days
from pipelines.sample_data.writers import UTF8, UTF8_BOM, CsvFile

HEADER = ("fecha", "buzon", "sentido", "cantidad")
HEADER_MONTHLY = ("Fecha", "Buzón", "Sentido", "Cantidad")
HALF_YEAR_MONTHS = tuple(m for m in cal.MONTHS if m <= 6)
CORRECTED_MONTH = 10
REEXPORT_DAYS = range(1, 16)  # the re-export covers 1-15 October
# Days of October whose first export was taken before the day's mail was all counted.
UNDERCOUNTED: dict[str, tuple[int, ...]] = {"entrada": (6, 7, 8, 9, 10), "salida": (6, 7, 8)}
# Planted bad row: a negative count on a Saturday, when the second mailbox has no other row.
BAD_ROW = ("2025-05-17", cal.SECOND_MAILBOX, "entrada", "-3")

Counts = dict[tuple[dt.date, str, str], int]


def email_plan(rng: random.Random, month: int) -> cal.EmailPlan:
    if month == cal.REPORT_MONTH:
        return cal.NOVEMBER_EMAILS
    total = cal.PUBLISHED[month].virtual
    received = share(rng, total, 0.60, 0.68)
    second = rng.uniform(0.07, 0.12) if month in cal.SECOND_MAILBOX_MONTHS else 0.0
    return cal.EmailPlan(received, total - received, second)


def _day_weight(rng: random.Random, day: dt.date, direction: str) -> float:
    if is_business_day(day):
        return rng.uniform(0.75, 1.25)
    return rng.uniform(0.1, 0.2) if direction == "entrada" else rng.uniform(0.0, 0.04)


def _daily(rng: random.Random, days: list[dt.date], total: int, direction: str) -> list[int]:
    return apportion(total, [_day_weight(rng, d, direction) for d in days])


def email_plans(seed: str) -> dict[int, cal.EmailPlan]:
    """Monthly totals, from their own random stream (the team's tallies reuse them)."""
    rng = rng_for(seed, "emails-plan")
    return {m: email_plan(rng, m) for m in cal.MONTHS}


def month_counts(rng: random.Random, month: int, plan: cal.EmailPlan) -> Counts:
    """Every day of the month for the main mailbox; business days only for the second one."""
    counts: Counts = {}
    all_days = month_days(cal.YEAR, month)
    weekdays = [d for d in all_days if is_business_day(d)]
    for direction, total in (("entrada", plan.received), ("salida", plan.sent)):
        second = round(total * plan.second_mailbox_share)
        mailboxes = [(cal.MAIN_MAILBOX, all_days, total - second), (cal.SECOND_MAILBOX, weekdays, second)]
        for mailbox, days, amount in mailboxes:
            if mailbox == cal.SECOND_MAILBOX and month not in cal.SECOND_MAILBOX_MONTHS:
                continue
            for day, n in zip(days, _daily(rng, days, amount, direction), strict=True):
                counts[(day, mailbox, direction)] = n
    return counts


def _first_export(rng: random.Random, counts: Counts) -> Counts:
    """October as first exported: some days undercounted."""
    first = dict(counts)
    for direction, days in UNDERCOUNTED.items():
        for day in days:
            key = (dt.date(cal.YEAR, CORRECTED_MONTH, day), cal.MAIN_MAILBOX, direction)
            first[key] = counts[key] - max(1, round(counts[key] * rng.uniform(0.1, 0.35)))
    return first


def _rows(counts: Counts, day_format: str) -> list[tuple[str, ...]]:
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] != "entrada"))
    return [(d.strftime(day_format), box, way, str(n)) for (d, box, way), n in ordered]


def emails_files(seed: str) -> list[CsvFile]:
    rng = rng_for(seed, "emails")
    months = {m: month_counts(rng, m, plan) for m, plan in email_plans(seed).items()}
    half_year = _rows({k: v for m in HALF_YEAR_MONTHS for k, v in months[m].items()}, "%Y-%m-%d")
    half_year.append(BAD_ROW)
    half_year.sort(key=lambda row: (row[0], row[1], row[2] != "entrada"))
    files = [CsvFile(f"emails/{cal.YEAR}/correos_{cal.YEAR}-01_a_{cal.YEAR}-06.csv", HEADER, half_year, UTF8)]
    for month in cal.MONTHS:
        if month in HALF_YEAR_MONTHS:
            continue
        counts = _first_export(rng, months[month]) if month == CORRECTED_MONTH else months[month]
        path = f"emails/{cal.YEAR}/correos_{cal.YEAR}-{month:02d}.csv"
        files.append(CsvFile(path, HEADER_MONTHLY, _rows(counts, "%d/%m/%Y"), UTF8_BOM))
    corrected = {k: v for k, v in months[CORRECTED_MONTH].items() if k[0].day in REEXPORT_DAYS}
    reexport = CsvFile(f"emails/correcciones/{cal.YEAR}-{CORRECTED_MONTH:02d}_reexport.csv", HEADER,
                       _rows(corrected, "%Y-%m-%d"), UTF8)  # fmt: skip
    return [*files, reexport]
