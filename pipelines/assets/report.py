"""The monthly informe as a Dagster asset, written once the month's marts are published."""

import dagster as dg

from pipelines.partitions import month_range, monthly_partitions
from pipelines.report import headline_figures, load_report_data, save_report
from pipelines.resources import WarehouseResource

REPORT_KEY = dg.AssetKey(["report", "informe"])
MART_KEYS = [
    dg.AssetKey(["marts", "indicators_monthly"]),
    dg.AssetKey(["marts", "indicators_yearly"]),
    dg.AssetKey(["marts", "visits_by_point_monthly"]),
    dg.AssetKey(["marts", "team_tallies_monthly"]),
]
# The report reads ANM_WAREHOUSE, the published file: in a run that also builds the
# marts it must wait for publishing (pipelines.assets.publish.PUBLISHED_KEY).
PUBLISHED_KEY = dg.AssetKey(["warehouse", "published"])


@dg.asset(
    key=REPORT_KEY,
    deps=[*MART_KEYS, PUBLISHED_KEY],
    partitions_def=monthly_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="report",
    kinds={"html"},
    owners=["team:gapcc-datos"],
)
def informe(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Informe mensual (HTML, in Spanish): `<ANM_REPORTS_DIR>/YYYY-MM/informe.html` for the
    last month of the run, read from the published warehouse (read-only)."""
    settings = warehouse.settings()
    _, month = month_range(context)
    data = load_report_data(settings.warehouse, month)
    if not data.has_data:
        context.log.warning(
            f"the warehouse has no indicators for {month:%Y-%m}: every figure reads 'sin dato'"
        )
    path = save_report(data, settings.reports_dir)
    context.log.info(f"informe {month:%Y-%m} written to {path}")
    figures = {name: value for name, value in headline_figures(data).items() if value is not None}
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "has_data": data.has_data,
            **figures,
        }
    )
