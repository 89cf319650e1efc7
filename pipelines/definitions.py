"""The one Definitions object: `make dev`, `make monthly`, `dagster definitions validate`."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.dbt import (
    DBT_EXECUTABLE,
    DBT_PROJECT_DIR,
    ProjectDbtCliResource,
    build_dbt_assets,
    ensure_manifest,
)
from pipelines.assets.ingestion import landed_raw_files, raw_assets, reference_tables
from pipelines.assets.publish import build_published_warehouse
from pipelines.assets.report import informe
from pipelines.checks.asset_checks import reconciliation_checks
from pipelines.jobs import land_files_job, monthly_update_job, process_months_job
from pipelines.resources import WarehouseResource
from pipelines.schedules import previous_month_schedule
from pipelines.sensors import raw_files_sensor

warehouse = WarehouseResource.from_env()
dbt_models = build_dbt_assets(ensure_manifest(warehouse.settings().working_warehouse))
published_warehouse = build_published_warehouse([key for key in dbt_models.keys if key.path[0] == "marts"])


defs = dg.Definitions(
    assets=[reference_tables, landed_raw_files, *raw_assets, dbt_models, published_warehouse, informe],
    asset_checks=reconciliation_checks,
    jobs=[land_files_job, process_months_job, monthly_update_job],
    schedules=[previous_month_schedule],
    sensors=[raw_files_sensor],
    resources={
        "warehouse": warehouse,
        "dbt": ProjectDbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=str(DBT_EXECUTABLE),
        ),
    },
    executor=dg.in_process_executor,  # one DuckDB writer: steps run one after another
)
