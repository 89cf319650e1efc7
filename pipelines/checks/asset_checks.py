"""The Great Expectations suites as blocking Dagster asset checks on the marts.

A failing check has severity ERROR and is blocking: the assets downstream of
the checked mart (the report, the published warehouse) do not run, so a
figure that does not reconcile never reaches readers. Each outcome is also
kept in `audit.check_results` for the report's data-quality section.
"""

import datetime as dt
import json
from pathlib import Path

import dagster as dg

from pipelines.checks.suites import CheckOutcome, run_check
from pipelines.resources import WarehouseResource
from pipelines.warehouse import connect

INDICATORS_MONTHLY = dg.AssetKey(["marts", "indicators_monthly"])
INDICATORS_YEARLY = dg.AssetKey(["marts", "indicators_yearly"])
VISITS_BY_POINT = dg.AssetKey(["marts", "visits_by_point_monthly"])

CHECKS = {
    # name: (checked asset, other marts it reads, description)
    "published_figures_reconcile": (
        INDICATORS_MONTHLY,
        [],
        "Interactions per channel, month and year equal the officially published figures "
        "(reference.cifras_publicadas). Months without a published figure are warnings.",
    ),
    "internal_consolidation": (
        INDICATORS_YEARLY,
        [INDICATORS_MONTHLY, VISITS_BY_POINT],
        "Yearly = sum of months; total = presencial + telefonico + virtual; PAR + PAL = presencial; "
        "e-mails in + out = virtual; visits per point = presencial; raters <= interactions.",
    ),
    "rates_in_range": (
        INDICATORS_MONTHLY,
        [],
        "Every rate lies in [0, 1], with numerator <= denominator and denominator > 0.",
    ),
}


def record_outcome(warehouse: Path, outcome: CheckOutcome) -> None:
    """Keep the latest outcome of each check in audit.check_results."""
    with connect(warehouse) as con:
        con.execute("create schema if not exists audit")
        con.execute(
            "create table if not exists audit.check_results (check_name varchar, passed boolean, "
            "severity varchar, rows_checked bigint, failures varchar, warnings varchar, "
            "data_docs varchar, evaluated_at timestamp)"
        )
        con.execute("begin transaction")
        con.execute("delete from audit.check_results where check_name = ?", [outcome.name])
        con.execute(
            "insert into audit.check_results values (?, ?, 'ERROR', ?, ?, ?, ?, ?)",
            [
                outcome.name,
                outcome.passed,
                outcome.rows_checked,
                json.dumps(outcome.failures, ensure_ascii=False, default=str),
                json.dumps(outcome.warnings, ensure_ascii=False),
                str(outcome.data_docs_page or outcome.data_docs_index or ""),
                dt.datetime.now().replace(microsecond=0),
            ],
        )
        con.execute("commit")


def failures_markdown(outcome: CheckOutcome) -> str:
    if not outcome.failures:
        return "No failing row."
    lines = ["| month | channel | figure | expected | computed |", "|---|---|---|---:|---:|"]
    lines += [
        f"| {f.get('month')} | {f.get('channel')} | {f.get('figure')} | {f.get('expected')} | {f.get('computed')} |"
        for f in outcome.failures
    ]
    return "\n".join(lines)


def check_metadata(outcome: CheckOutcome) -> dict[str, dg.MetadataValue]:
    metadata = {
        "rows_checked": dg.MetadataValue.int(outcome.rows_checked),
        "failing_rows": dg.MetadataValue.int(len(outcome.failures)),
        "failures": dg.MetadataValue.md(failures_markdown(outcome)),
        "failures_json": dg.MetadataValue.json(outcome.failures),
        "warnings": dg.MetadataValue.md("\n".join(f"- {w}" for w in outcome.warnings) or "None."),
    }
    docs = outcome.data_docs_page or outcome.data_docs_index
    if docs:
        metadata["data_docs"] = dg.MetadataValue.url(Path(docs).resolve().as_uri())
    return metadata


def _build_check(
    name: str, asset: dg.AssetKey, reads: list[dg.AssetKey], description: str
) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset,
        name=name,
        description=description,
        blocking=True,
        additional_deps=reads,
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        settings = warehouse.settings()
        outcome = run_check(name, settings.working_warehouse, settings.reports_dir / "data_docs")
        record_outcome(settings.working_warehouse, outcome)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata=check_metadata(outcome),
            description="; ".join(outcome.warnings) if outcome.passed and outcome.warnings else None,
        )

    return _check


reconciliation_checks = [_build_check(name, *spec) for name, spec in CHECKS.items()]
