"""Jobs: what `make monthly`, the schedule, the sensor and the UI launch."""

from __future__ import annotations

import dagster as dg

LANDING_GROUPS = ("reference", "landing")

land_files_job = dg.define_asset_job(
    "land_files",
    selection=dg.AssetSelection.groups(*LANDING_GROUPS).without_checks(),
    description="Load the reference files and land every new or changed raw file.",
)

process_months_job = dg.define_asset_job(
    "process_months",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups(*LANDING_GROUPS),
    description="Publish the month(s) from landing into `raw`, build the marts, run the checks.",
)

monthly_update_job = dg.define_asset_job(
    "monthly_update",
    selection=dg.AssetSelection.all(),
    description="Everything for a month: land changed files, publish the month, marts, checks.",
)
