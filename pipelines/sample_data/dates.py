"""Calendar helpers: business days in Colombia and random local times.

All times built here are naive Bogotá local times (UTC-5 all year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Mapping, Sequence

BOGOTA = dt.timezone(dt.timedelta(hours=-5))

# Colombian public holidays of 2025 (Ley 51 de 1983, "ley Emiliani").
HOLIDAYS_2025: frozenset[dt.date] = frozenset(
    dt.date(2025, month, day)
    for month, day in (
        (1, 1),
        (1, 6),
        (3, 24),
        (4, 17),
        (4, 18),
        (5, 1),
        (6, 2),
        (6, 23),
        (6, 30),
        (7, 20),
        (8, 7),
        (8, 18),
        (10, 13),
        (11, 3),
        (11, 17),
        (12, 8),
        (12, 25),
    )
)

# Office hours 7:00-17:59; weights follow a morning peak and an afternoon peak.
OFFICE_HOURS: Mapping[int, int] = {
    7: 4,
    8: 9,
    9: 12,
    10: 12,
    11: 11,
    12: 6,
    13: 6,
    14: 10,
    15: 10,
    16: 8,
    17: 3,
}

# The WhatsApp bot answers round the clock, mostly in the daytime.
ALL_DAY_HOURS: Mapping[int, int] = {
    hour: weight
    for hour, weight in enumerate(
        (1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 8, 8, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2)
    )
}


def month_days(year: int, month: int) -> list[dt.date]:
    last = calendar.monthrange(year, month)[1]
    return [dt.date(year, month, day) for day in range(1, last + 1)]


def last_day(year: int, month: int) -> dt.date:
    return month_days(year, month)[-1]


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS_2025


def business_days(year: int, month: int, first: dt.date | None = None) -> list[dt.date]:
    """Monday-Friday, not a holiday, on or after `first` when given."""
    return [d for d in month_days(year, month) if is_business_day(d) and (first is None or d >= first)]


def random_time(rng: random.Random, day: dt.date, hours: Mapping[int, int]) -> dt.datetime:
    hour = rng.choices(list(hours), weights=list(hours.values()))[0]
    return dt.datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))


def random_times(
    rng: random.Random, days: Sequence[dt.date], count: int, hours: Mapping[int, int]
) -> list[dt.datetime]:
    """`count` sorted times on `days` (uniformly), at `hours` (weighted)."""
    return sorted(random_time(rng, rng.choice(days), hours) for _ in range(count))


def to_utc_iso(local: dt.datetime) -> str:
    """A naive Bogotá time written as UTC with an explicit `+00:00` offset."""
    return local.replace(tzinfo=BOGOTA).astimezone(dt.UTC).isoformat()


def to_bogota_iso(local: dt.datetime) -> str:
    return local.replace(tzinfo=BOGOTA).isoformat()
