"""Months, the unit of processing: one partition per calendar month in Bogotá time.

The raw tables and the report are partitioned by month. The dbt models and the
published warehouse are not: one run builds them once for the run's whole
month range (read from the run's partition tags), so a run over five years
records one materialisation per model instead of one per model and month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dagster as dg

FIRST_MONTH = "2015-01-01"  # the contract: data may cover any month from 2015 on
PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=FIRST_MONTH,
    timezone="America/Bogota",
    end_offset=1,  # the current month can be processed while it is under way
)


def month_range(context: dg.AssetExecutionContext) -> tuple[dt.date, dt.date]:
    """First days of the first and last months of the run's partition range."""
    keys = context.partition_key_range
    return dt.date.fromisoformat(keys.start), dt.date.fromisoformat(keys.end)


def run_month_range(tags: Mapping[str, str]) -> tuple[dt.date, dt.date] | None:
    """The months a run targets, from its tags; None for a run without partitions
    (e.g. the marts materialised alone from the UI), which means every month."""
    if PARTITION_TAG in tags:
        month = dt.date.fromisoformat(tags[PARTITION_TAG])
        return month, month
    if RANGE_START_TAG in tags and RANGE_END_TAG in tags:
        return dt.date.fromisoformat(tags[RANGE_START_TAG]), dt.date.fromisoformat(tags[RANGE_END_TAG])
    return None


def describe_months(months: tuple[dt.date, dt.date] | None) -> str:
    """'2025-11', '2025-01 .. 2025-11', or 'all' (None: every month)."""
    if months is None:
        return "all"
    first, last = months
    return f"{first:%Y-%m}" if first == last else f"{first:%Y-%m} .. {last:%Y-%m}"
