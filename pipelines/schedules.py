"""The monthly schedule: on the 5th at 06:00 Bogotá time, process the previous month.

Why the 5th: the contact-center exports, the registers of the points of
attention and the team's tallies for a month arrive during its first working
days; by the 5th they are normally in the raw folder, and the report is due
in the second week. A month can always be re-processed later (by hand, or by
the raw-files sensor when a late file lands).
"""

from __future__ import annotations

import datetime as dt

import dagster as dg

from pipelines.jobs import monthly_update_job


def previous_month(moment: dt.datetime) -> dt.date:
    first_of_this_month = moment.date().replace(day=1)
    return (first_of_this_month - dt.timedelta(days=1)).replace(day=1)


@dg.schedule(
    cron_schedule="0 6 5 * *",
    job=monthly_update_job,
    execution_timezone="America/Bogota",
    description="Process the previous month on the 5th at 06:00 (Bogotá).",
)
def previous_month_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    month = previous_month(context.scheduled_execution_time)
    return dg.RunRequest(run_key=month.isoformat(), partition_key=month.isoformat())
