"""Months, the unit of processing: one partition per calendar month in Bogotá time."""

from __future__ import annotations

import datetime as dt

import dagster as dg

FIRST_MONTH = "2015-01-01"  # the contract: data may cover any month from 2015 on

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=FIRST_MONTH,
    timezone="America/Bogota",
    end_offset=1,  # the current month can be processed while it is under way
)


def month_range(context: dg.AssetExecutionContext) -> tuple[dt.date, dt.date]:
    """First days of the first and last months of the run's partition range."""
    keys = context.partition_key_range
    return dt.date.fromisoformat(keys.start), dt.date.fromisoformat(keys.end)
