"""Publishing: the working warehouse replaces ANM_WAREHOUSE once a run has succeeded."""

import dagster as dg

from pipelines.assets.ingestion import OWNERS
from pipelines.resources import WarehouseResource
from pipelines.warehouse import publish

PUBLISHED_KEY = dg.AssetKey(["warehouse", "published"])


def build_published_warehouse(upstream: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=PUBLISHED_KEY,
        deps=upstream,
        group_name="publish",
        kinds={"duckdb"},
        owners=OWNERS,
    )
    def published_warehouse(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> dg.MaterializeResult:
        """ANM_WAREHOUSE, the file BI tools and readers open: a copy of the working warehouse,
        swapped in atomically at the end of a successful run (never while a month is half done)."""
        settings = warehouse.settings()
        size = publish(settings.working_warehouse, settings.warehouse)
        context.log.info(f"published {settings.warehouse} ({size / 1e6:.1f} MB)")
        return dg.MaterializeResult(
            metadata={"path": dg.MetadataValue.path(str(settings.warehouse)), "size_mb": round(size / 1e6, 1)}
        )

    return published_warehouse
