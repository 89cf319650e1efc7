"""The one Definitions object: `make dev`, `make monthly`, `dagster definitions validate`."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from pipelines.assets.dbt import DBT_EXECUTABLE, DBT_PROJECT_DIR, build_dbt_assets, ensure_manifest
from pipelines.assets.ingestion import landed_raw_files, raw_assets, reference_tables
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource

warehouse = WarehouseResource.from_env()
dbt_models = build_dbt_assets(ensure_manifest(warehouse.settings().warehouse))

land_files_job = dg.define_asset_job(
    "land_files",
    selection=dg.AssetSelection.assets(reference_tables, landed_raw_files),
    description="Load the reference files and land every new or changed raw file.",
)
process_months_job = dg.define_asset_job(
    "process_months",
    selection=dg.AssetSelection.assets(*raw_assets, dbt_models),
    partitions_def=monthly_partitions,
    description="Publish the month(s) from landing into `raw` and build the dbt marts for them.",
)

defs = dg.Definitions(
    assets=[reference_tables, landed_raw_files, *raw_assets, dbt_models],
    jobs=[land_files_job, process_months_job],
    resources={
        "warehouse": warehouse,
        "dbt": DbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=str(DBT_EXECUTABLE),
        ),
    },
    executor=dg.in_process_executor,  # one DuckDB writer: steps run one after another
)
