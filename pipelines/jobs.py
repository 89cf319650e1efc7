"""Jobs: what `make monthly`, the schedule, the sensor and the UI launch."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.ingestion import REFERENCE_KEYS

LANDING_GROUPS = ("reference", "landing")

land_files_job = dg.define_asset_job(
    "land_files",
    selection=dg.AssetSelection.groups(*LANDING_GROUPS).without_checks(),
    description="Load the reference files and land every new or changed raw file.",
)

process_months_job = dg.define_asset_job(
    "process_months",
    # the dbt tests on the reference sources run with dbt, so their checks belong here
    selection=(dg.AssetSelection.all() - dg.AssetSelection.groups(*LANDING_GROUPS))
    | dg.AssetSelection.checks_for_assets(*REFERENCE_KEYS),
    description="Publish the month(s) from landing into `raw`, build the marts, run the checks.",
)

monthly_update_job = dg.define_asset_job(
    "monthly_update",
    selection=dg.AssetSelection.all(),
    description="Everything for a month: land changed files, publish the month, marts, checks.",
)
