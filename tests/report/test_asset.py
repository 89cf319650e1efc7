"""The Dagster asset report/informe: keys, partitions, and a materialisation on a tiny warehouse."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.assets.report import REPORT_KEY, informe
from pipelines.partitions import monthly_partitions
from pipelines.resources import WarehouseResource
from report.builder import build_warehouse


def resource(tmp_path: Path, warehouse: Path) -> WarehouseResource:
    return WarehouseResource(
        raw_dir=str(tmp_path / "raw"),
        reference_dir=str(tmp_path / "reference"),
        warehouse=str(warehouse),
        reports_dir=str(tmp_path / "reports"),
    )


def test_the_asset_is_declared_as_agreed() -> None:
    spec = next(iter(informe.specs))
    assert spec.key == REPORT_KEY == dg.AssetKey(["report", "informe"])
    assert spec.group_name == "report"
    assert spec.kinds == {"html"}
    assert informe.partitions_def == monthly_partitions
    assert informe.backfill_policy == dg.BackfillPolicy.single_run()
    deps = {dep.asset_key for dep in spec.deps}
    assert {
        dg.AssetKey(["marts", "indicators_monthly"]),
        dg.AssetKey(["marts", "indicators_yearly"]),
        dg.AssetKey(["marts", "visits_by_point_monthly"]),
        dg.AssetKey(["marts", "team_tallies_monthly"]),
        dg.AssetKey(["warehouse", "published"]),  # it reads the published file: after publishing
    } <= deps
    assert "warehouse" in informe.required_resource_keys


def test_materialising_a_month_writes_its_report(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "anm.duckdb")
    result = dg.materialize(
        [informe], partition_key="2025-03-01", resources={"warehouse": resource(tmp_path, warehouse)}
    )
    assert result.success
    (event,) = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    path = tmp_path / "reports" / "2025-03" / "informe.html"
    assert path.is_file()
    assert metadata["path"] == dg.MetadataValue.path(str(path))
    assert metadata["interactions_total"].value == 510
    assert metadata["interactions_total_year_to_date"].value == 910
    assert metadata["consolidated_satisfaction_shown"].value == "78,95 %"
    assert metadata["has_data"].value is True


def test_a_range_writes_the_report_of_its_last_month(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "anm.duckdb")
    result = dg.materialize(
        [informe],
        resources={"warehouse": resource(tmp_path, warehouse)},
        tags={
            "dagster/asset_partition_range_start": "2025-01-01",
            "dagster/asset_partition_range_end": "2025-03-01",
        },
    )
    assert result.success
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["2025-03"]


def test_a_month_without_data_does_not_fail_the_run(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "anm.duckdb")
    result = dg.materialize(
        [informe], partition_key="2025-07-01", resources={"warehouse": resource(tmp_path, warehouse)}
    )
    assert result.success
    (event,) = result.get_asset_materialization_events()
    assert event.materialization.metadata["has_data"].value is False
    assert (tmp_path / "reports" / "2025-07" / "informe.html").is_file()
