"""Ingestion assets: reference tables, landed raw files, and one monthly asset per source."""

from collections import Counter

import dagster as dg

from pipelines.ingestion import run
from pipelines.ingestion.contract import RAW_SOURCES, REFERENCE_SOURCES
from pipelines.ingestion.landing import FileResult
from pipelines.partitions import describe_months, month_range, monthly_partitions
from pipelines.resources import WarehouseResource

REFERENCE_KEYS = [dg.AssetKey(["reference", s.name]) for s in REFERENCE_SOURCES]
LANDING_KEY = dg.AssetKey(["landing", "raw_files"])
OWNERS = ["team:gapcc-datos"]


def _file_table(results: list[FileResult]) -> dg.MetadataValue:
    rows = [
        f"| {r.file} | {r.status} | {r.rows_read} | {r.rows_loaded} | {r.rows_rejected} | {r.message or ''} |"
        for r in results
        if r.status != "unchanged"
    ]
    header = "| file | status | read | loaded | rejected | message |\n|---|---|---|---|---|---|\n"
    return dg.MetadataValue.md(header + ("\n".join(rows) if rows else "| (no file changed) | | | | | |"))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            description=f"Team-edited reference file {key.path[-1]}.csv, checked and typed "
            "(points of attention, published figures, team-tally codes).",
            group_name="reference",
            kinds={"duckdb", "csv"},
            owners=OWNERS,
        )
        for key in REFERENCE_KEYS
    ],
    can_subset=False,
)
def reference_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Load data/reference/ into the `reference` schema; bad rows go to audit.rejected_rows."""
    results = run.refresh_references(warehouse.settings())
    for result in results:
        if result.status != "loaded":
            context.log.warning(result.message)
        yield dg.MaterializeResult(
            asset_key=["reference", result.source.split("/")[-1]],
            metadata={
                "status": result.status,
                "rows_loaded": result.rows_loaded,
                "rows_rejected": result.rows_rejected,
                "message": result.message or "",
            },
        )


@dg.asset(
    key=LANDING_KEY,
    deps=REFERENCE_KEYS,
    group_name="landing",
    kinds={"duckdb", "python"},
    owners=OWNERS,
)
def landed_raw_files(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every raw file, parsed, typed, checked and pseudonymised into `landing.<source>`.

    Only new or changed files are parsed; removed files are forgotten. Bad rows
    land in audit.rejected_rows with their reason, whole-file rejections in
    audit.file_loads.
    """
    results = run.land_raw_files(warehouse.settings())
    statuses = Counter(r.status for r in results)
    for r in results:
        if r.status == "rejected":
            context.log.warning(f"file rejected: {r.message}")
    return dg.MaterializeResult(
        metadata={
            "files_landed": statuses["loaded"],
            "files_unchanged": statuses["unchanged"],
            "files_rejected": statuses["rejected"],
            "files_removed": statuses["removed"],
            "rows_loaded": sum(r.rows_loaded for r in results),
            "rows_rejected": sum(r.rows_rejected for r in results),
            "files": _file_table(results),
        }
    )


def _raw_source_asset(source_name: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", source_name],
        deps=[LANDING_KEY],
        partitions_def=monthly_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        group_name="raw",
        kinds={"duckdb"},
        owners=OWNERS,
        description=description,
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        first, last = month_range(context)
        settings = warehouse.settings()
        counts = run.publish_source(settings, source_name, first, last)
        rejected = run.rejected_per_month(settings, source_name, first, last)
        context.log.info(
            f"raw.{source_name}: {sum(counts.values())} rows for {describe_months((first, last))}"
        )
        return dg.MaterializeResult(
            metadata={
                "rows": sum(counts.values()),
                "rows_per_month": dg.MetadataValue.json({m.isoformat()[:7]: n for m, n in counts.items()}),
                "rows_rejected": sum(rejected.values()),
                "rows_rejected_per_month": dg.MetadataValue.json(
                    {m.isoformat()[:7]: n for m, n in rejected.items()}
                ),
            }
        )

    return _asset


RAW_DESCRIPTIONS = {
    "calls": "Contact-center calls, one row per call (Bogotá line, 018000, te_llamamos callbacks).",
    "emails": "Daily e-mail counts per mailbox and direction; re-exports replace earlier copies.",
    "presencial": "Front-desk visits at PAR and PAL points, one row per attended visit.",
    "whatsapp": "WhatsApp bot conversations, one row per conversation.",
    "encuestas": "Survey responses: satisfaction, perception and trust scores 1-5.",
    "gestion": "The team's monthly tallies, one row per month and indicator code.",
}

raw_assets = [
    _raw_source_asset(
        s.name,
        f"{RAW_DESCRIPTIONS[s.name]} Month of the event time (Bogotá); duplicates resolved "
        "(last file path wins); PII as HMAC hashes. Re-processing a month replaces it.",
    )
    for s in RAW_SOURCES
]
RAW_KEYS = [dg.AssetKey(["raw", s.name]) for s in RAW_SOURCES]
