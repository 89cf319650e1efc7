"""The GX checks on a small warehouse: consistent data passes, planted errors fail with their rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

from pipelines.checks import CHECK_NAMES, CheckOutcome, run_check

if TYPE_CHECKING:
    from tests.checks.conftest import Warehouse

OCT, NOV, DEC = (991, 856, 6260), (887, 594, 5241), (500, 400, 3000)


def _run(name: str, warehouse: Warehouse, docs_dir: Path) -> CheckOutcome:
    return run_check(name, warehouse.path, docs_dir)


def _key(failure: dict) -> tuple[str, str, str]:
    return failure["month"], failure["channel"], failure["figure"]


def test_check_names() -> None:
    assert CHECK_NAMES == ("published_figures_reconcile", "internal_consolidation", "rates_in_range")


def test_consistent_warehouse_passes(warehouse: Warehouse, docs_dir: Path) -> None:
    outcomes = {name: _run(name, warehouse, docs_dir) for name in CHECK_NAMES}
    for outcome in outcomes.values():
        assert outcome.passed, outcome.failures
        assert outcome.failures == []
        assert outcome.rows_checked > 0

    published = outcomes["published_figures_reconcile"]
    # 2 published months x (3 channels + total) + 2025 x (3 channels + total)
    assert published.rows_checked == 12
    assert published.warnings == [
        "no published figure for 2025-12 (presencial, telefonico, virtual): not compared"
    ]
    assert outcomes["internal_consolidation"].warnings == []
    assert outcomes["rates_in_range"].warnings == []


def test_published_mismatch_fails_with_its_rows(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "update reference.cifras_publicadas set interacciones = 888 where anio = 2025 and mes = 11 and canal = 'presencial'"
    )

    outcome = _run("published_figures_reconcile", warehouse, docs_dir)

    assert not outcome.passed
    assert outcome.failures == [
        {
            "month": "2025-11",
            "channel": "presencial",
            "figure": "interactions",
            "expected": 888,
            "computed": 887,
        },
        # the published total is the sum of the published channels, so it moves too
        {
            "month": "2025-11",
            "channel": "total",
            "figure": "interactions",
            "expected": 888 + 594 + 5241,
            "computed": sum(NOV),
        },
        # the year sums the months compared: October and November, not December
        {
            "month": "2025",
            "channel": "presencial",
            "figure": "interactions",
            "expected": 991 + 888,
            "computed": 991 + 887,
        },
        {
            "month": "2025",
            "channel": "total",
            "figure": "interactions",
            "expected": sum(OCT) + 888 + 594 + 5241,
            "computed": sum(OCT) + sum(NOV),
        },
    ]
    assert outcome.warnings == [
        "no published figure for 2025-12 (presencial, telefonico, virtual): not compared"
    ]
    # the internal checks do not read the published figures
    assert run_check("internal_consolidation", warehouse.path, docs_dir).passed


def test_published_month_not_computed_is_a_warning(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "insert into reference.cifras_publicadas values (2025, 9, 'presencial', 1019), (2025, 9, 'telefonico', 1052)"
    )

    outcome = _run("published_figures_reconcile", warehouse, docs_dir)

    assert outcome.passed
    assert outcome.rows_checked == 12
    assert (
        "published figure for 2025-09 (presencial, telefonico) has no computed figure (month not processed yet?): not compared"
        in outcome.warnings
    )


def test_missing_computed_total_is_not_compared_but_warned(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "delete from marts.indicators_monthly where month = date '2025-10-01' and channel = 'total'"
    )

    outcome = _run("published_figures_reconcile", warehouse, docs_dir)

    assert outcome.passed
    assert "2025-10: no computed total: total not compared" in outcome.warnings
    # and the internal check catches the missing row
    internal = _run("internal_consolidation", warehouse, docs_dir)
    assert {
        "month": "2025-10",
        "channel": "total",
        "figure": "interactions: total = presencial + telefonico + virtual",
        "expected": sum(OCT),
        "computed": 0,
    } in internal.failures


@pytest.mark.parametrize(
    ("plant", "expected_failures"),
    [
        pytest.param(
            "update marts.indicators_monthly set numerator = numerator - 1, value = (numerator - 1) / denominator "
            "where month = date '2025-11-01' and indicator = 'visits_par'",
            [
                {
                    "month": "2025-11",
                    "channel": "presencial",
                    "figure": "visits_par + visits_pal = interactions",
                    "expected": 887,
                    "computed": 886,
                }
            ],
            id="par_plus_pal",
        ),
        pytest.param(
            "update marts.indicators_monthly set numerator = 3378 where month = date '2025-11-01' and indicator = 'emails_in'",
            [
                {
                    "month": "2025-11",
                    "channel": "virtual",
                    "figure": "emails_in + emails_out = interactions",
                    "expected": 5241,
                    "computed": 5240,
                }
            ],
            id="emails",
        ),
        pytest.param(
            "update marts.indicators_monthly set numerator = 6000 where month = date '2025-12-01' "
            "and indicator = 'interactions' and channel = 'total'",
            [
                {
                    "month": "2025-12",
                    "channel": "total",
                    "figure": "interactions: total = presencial + telefonico + virtual",
                    "expected": sum(DEC),
                    "computed": 6000,
                }
            ],
            id="total",
        ),
        pytest.param(
            "update marts.visits_by_point_monthly set visits = visits + 3 where month = date '2025-10-01' and codigo_punto = 'PAL-POP'",
            [
                {
                    "month": "2025-10",
                    "channel": "presencial",
                    "figure": "sum of visits_by_point_monthly.visits = interactions",
                    "expected": 991,
                    "computed": 994,
                }
            ],
            id="points",
        ),
    ],
)
def test_internal_inconsistency_fails_with_its_row(
    warehouse: Warehouse, docs_dir: Path, plant: str, expected_failures: list[dict]
) -> None:
    warehouse.execute(plant)
    warehouse.rebuild_yearly()  # only the planted rule is broken

    outcome = _run("internal_consolidation", warehouse, docs_dir)

    assert not outcome.passed
    assert outcome.failures == expected_failures
    assert _run("rates_in_range", warehouse, docs_dir).passed


def test_yearly_not_sum_of_monthly_fails(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "update marts.indicators_yearly set numerator = numerator + 5 "
        "where year = 2025 and channel = 'telefonico' and indicator = 'interactions'"
    )

    outcome = _run("internal_consolidation", warehouse, docs_dir)

    assert not outcome.passed
    assert outcome.failures == [
        {
            "month": "2025",
            "channel": "telefonico",
            "figure": "interactions numerator: yearly = sum of monthly",
            "expected": 856 + 594 + 400,
            "computed": 856 + 594 + 400 + 5,
        }
    ]


def test_yearly_row_missing_and_months_wrong_fail(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "delete from marts.indicators_yearly where channel = 'whatsapp' and indicator = 'interactions';"
        "update marts.indicators_yearly set months = 2 where channel = 'presencial' and indicator = 'visits_pal';"
    )

    failures = {
        _key(f): (f["expected"], f["computed"])
        for f in _run("internal_consolidation", warehouse, docs_dir).failures
    }

    assert failures == {
        ("2025", "whatsapp", "interactions numerator: yearly = sum of monthly"): (240 + 219 + 100, 0),
        ("2025", "whatsapp", "interactions months: yearly = monthly rows"): (3, 0),
        ("2025", "presencial", "visits_pal months: yearly = monthly rows"): (3, 2),
    }


def test_rate_above_one_fails(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "update marts.indicators_monthly set numerator = 900, value = 900 / 887 "
        "where month = date '2025-11-01' and channel = 'presencial' and indicator = 'first_contact_resolution'"
    )
    warehouse.rebuild_yearly()

    outcome = _run("rates_in_range", warehouse, docs_dir)

    assert not outcome.passed
    assert outcome.failures == [
        {
            "month": "2025-11",
            "channel": "presencial",
            "figure": "first_contact_resolution value",
            "expected": "between 0 and 1",
            "computed": pytest.approx(900 / 887),
        },
        {
            "month": "2025-11",
            "channel": "presencial",
            "figure": "first_contact_resolution numerator",
            "expected": "<= denominator 887",
            "computed": 900,
        },
    ]
    assert _run("internal_consolidation", warehouse, docs_dir).passed


def test_zero_denominator_and_negative_numerator_fail(warehouse: Warehouse, docs_dir: Path) -> None:
    warehouse.execute(
        "update marts.indicators_monthly set denominator = 0, value = 0 "
        "where month = date '2025-10-01' and channel = 'telefonico' and indicator = 'calls_answer_rate';"
        "update marts.indicators_monthly set numerator = -1, value = -1 / 219 "
        "where month = date '2025-11-01' and indicator = 'whatsapp_effective_queries';"
    )

    failures = {_key(f): f["computed"] for f in _run("rates_in_range", warehouse, docs_dir).failures}

    assert failures == {
        ("2025-10", "telefonico", "calls_answer_rate numerator"): 856,  # 856 > 0
        ("2025-10", "telefonico", "calls_answer_rate denominator"): 0,
        ("2025-11", "whatsapp", "whatsapp_effective_queries value"): pytest.approx(-1 / 219),
        ("2025-11", "whatsapp", "whatsapp_effective_queries numerator"): -1,
    }


def test_response_rate_above_one_is_a_warning(warehouse: Warehouse, docs_dir: Path) -> None:
    """Surveys dated in the month after the interaction can outnumber a small month's interactions."""
    warehouse.execute(
        "update marts.indicators_monthly set numerator = 420, value = 420 / 400 "
        "where month = date '2025-12-01' and channel = 'telefonico' and indicator = 'trust_response_rate';"
        "update marts.indicators_monthly set numerator = 410, denominator = 420, value = 410 / 420 "
        "where month = date '2025-12-01' and channel = 'telefonico' and indicator = 'trust';"
    )
    warehouse.rebuild_yearly()

    rates = _run("rates_in_range", warehouse, docs_dir)
    internal = _run("internal_consolidation", warehouse, docs_dir)

    assert rates.passed and internal.passed
    assert len(rates.warnings) == 1 and rates.warnings[0].startswith(
        "2025-12 telefonico: trust_response_rate value: 1.05"
    )
    assert internal.warnings == [
        "2025-12 telefonico: trust: raters <= interactions: 420 (expected 400) - "
        "warning only: surveys can be dated in the month after the interaction"
    ]


def test_data_docs_are_built(warehouse: Warehouse, docs_dir: Path) -> None:
    outcomes = [_run(name, warehouse, docs_dir) for name in CHECK_NAMES]

    for outcome in outcomes:
        assert outcome.data_docs_index == docs_dir / "index.html"
        assert outcome.data_docs_index.is_file()
        assert outcome.data_docs_page is not None and outcome.data_docs_page.is_file()
        assert outcome.data_docs_page.is_relative_to(docs_dir.resolve())
    index = (docs_dir / "index.html").read_text(encoding="utf-8")
    for name in CHECK_NAMES:
        assert name in index


def test_warehouse_is_closed_after_a_check(warehouse: Warehouse, docs_dir: Path) -> None:
    _run("published_figures_reconcile", warehouse, docs_dir)
    with duckdb.connect(str(warehouse.path)) as con:  # a writer could not open a file still open
        assert con.execute("select count(*) from reference.cifras_publicadas").fetchone() == (6,)


def test_unknown_check_and_missing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        run_check("no_such_check", tmp_path / "anm.duckdb", tmp_path / "docs")
    with pytest.raises(FileNotFoundError):
        run_check("rates_in_range", tmp_path / "missing.duckdb", tmp_path / "docs")


def _pages(docs_dir: Path, name: str) -> list[Path]:
    return sorted((docs_dir / "validations" / name).rglob("*.html"))


def test_data_docs_keep_results_of_other_processes(
    warehouse: Warehouse, docs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dagster may run each check in its own process: the index keeps every check's latest results."""
    from pipelines.checks import suites

    _run("published_figures_reconcile", warehouse, docs_dir)
    monkeypatch.setattr(suites, "_CONTEXTS", {})  # a new process: no cached context
    _run("rates_in_range", warehouse, docs_dir)

    index = (docs_dir / "index.html").read_text(encoding="utf-8")
    assert len(_pages(docs_dir, "published_figures_reconcile")) == 1
    assert "validations/published_figures_reconcile/" in index
    assert "validations/rates_in_range/" in index


def test_old_results_are_pruned(
    warehouse: Warehouse, docs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.checks import suites

    monkeypatch.setattr(suites, "KEEP_RESULTS_PER_CHECK", 2)
    for _ in range(3):
        _run("internal_consolidation", warehouse, docs_dir)

    assert len(_pages(docs_dir, "internal_consolidation")) == 2
    assert len(list((docs_dir / ".validation_results" / "internal_consolidation").rglob("*.json"))) == 2


def test_empty_warehouse_passes_with_a_warning(tmp_path: Path, docs_dir: Path) -> None:
    from tests.checks.conftest import SCHEMA

    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA)

    for name in CHECK_NAMES:
        outcome = run_check(name, path, docs_dir)
        assert outcome.passed and outcome.rows_checked == 0
        assert outcome.warnings == [f"{name}: nothing to compare (no rows in the warehouse)"]


def test_importing_the_package_does_not_import_gx() -> None:
    code = "import sys, pipelines.checks; print('great_expectations' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
