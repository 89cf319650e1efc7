"""A figure that does not reconcile with the published one stops the run, loudly."""

from __future__ import annotations

import duckdb
from anm_testing import PUBLISHED, DataSet, monthly, published_state, write_agency


def test_a_planted_mismatch_fails_the_check_names_the_figures_and_publishes_nothing(dataset: DataSet) -> None:
    write_agency(dataset)
    good = monthly(dataset)
    assert good.returncode == 0, good.stdout[-2000:] + good.stderr[-2000:]
    assert "checks:" in good.stdout and "FAILED" not in good.stdout + good.stderr
    before = published_state(dataset)

    dataset.write_reference(
        "cifras_publicadas.csv", PUBLISHED.replace("2019,3,presencial,3", "2019,3,presencial,4")
    )
    bad = monthly(dataset, "--month", "2019-03")
    assert bad.returncode == 1
    assert "check published_figures_reconcile FAILED on marts/indicators_monthly" in bad.stderr
    assert "2019-03 presencial interactions: published 4, computed 3" in bad.stderr
    assert "2019 presencial interactions: published 5, computed 4" in bad.stderr
    assert "2019-04" not in bad.stderr.replace("2019-04-", "")  # April reconciles
    assert published_state(dataset) == before  # readers keep the last good warehouse

    with duckdb.connect(str(dataset.settings.working_warehouse), read_only=True) as con:
        passed, failures = con.execute(
            "select passed, failures from audit.check_results where check_name = 'published_figures_reconcile'"
        ).fetchone()
    assert passed is False and '"computed": 3' in failures


def test_a_month_without_published_figures_is_a_warning_not_a_failure(dataset: DataSet) -> None:
    write_agency(dataset)
    dataset.write_reference(
        "cifras_publicadas.csv", "\n".join(PUBLISHED.splitlines()[:4]) + "\n"
    )  # March only
    run = monthly(dataset)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with duckdb.connect(str(dataset.warehouse), read_only=True) as con:
        passed, warnings = con.execute(
            "select passed, warnings from audit.check_results where check_name = 'published_figures_reconcile'"
        ).fetchone()
    assert passed is True
    assert "2019-04" in warnings
