"""GX 1.x suites for the warehouse checks, run on the comparison frames of ``comparisons.py``.

GX is imported lazily (the import takes seconds) and once per process. One ephemeral
context is kept per Data Docs folder: suites, the pandas data source and the checkpoints
live in memory; validation results are written under ``<data_docs_dir>/.validation_results``
so that the Data Docs index keeps the results of earlier runs and of other processes.
"""

from __future__ import annotations

import os

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import unquote, urlparse  # noqa: E402

import pandas as pd  # noqa: E402

from pipelines.checks.comparisons import compare  # noqa: E402

CHECK_NAMES: tuple[str, ...] = ("published_figures_reconcile", "internal_consolidation", "rates_in_range")


def import_gx_in_background() -> None:
    """Start importing GX (about 2.5 s) in a daemon thread.

    Called once dbt has started building the marts in its own process (not
    before: two processes importing at once slow each other down), while this
    process mostly waits: the checks that follow then find GX imported. A
    failed import here is ignored; the checks import GX again and report it.
    """

    def load() -> None:
        with contextlib.suppress(Exception):
            import great_expectations  # noqa: F401

    threading.Thread(target=load, name="import-great-expectations", daemon=True).start()


# columns naming a row in Data Docs and in GX results; "row" is the frame's row number
ID_COLUMNS = {
    "published_figures_reconcile": ("row", "period", "channel", "figure"),
    "internal_consolidation": ("row", "period", "channel", "figure"),
    "rates_in_range": ("row", "period", "channel", "indicator"),
}

SITE_NAME = "anm_checks"
RESULTS_FOLDER = ".validation_results"  # inside data_docs_dir; not part of the HTML site
KEEP_RESULTS_PER_CHECK = 30  # older validation results (and their pages) are pruned

# Survey raters may exceed a month's interactions: surveys are dated when answered, which can
# be the month after the interaction (docs/marts.md). Those rows are warnings, not failures.
WARNING_NOTE = "warning only: surveys can be dated in the month after the interaction"


@dataclass(frozen=True)
class CheckOutcome:
    """What a check found; ``failures`` make it fail, ``warnings`` never do."""

    name: str
    passed: bool
    rows_checked: int
    failures: list[dict]
    warnings: list[str]
    data_docs_index: Path | None
    data_docs_page: Path | None = None  # this validation's own page in the site


Reporter = Callable[[pd.Series], dict]


@dataclass
class _Rule:
    """One expectation of a suite and how a failing row is reported."""

    expectation: Any
    report: Reporter
    warning_only: bool = False


@dataclass
class _Context:
    gx_context: Any
    checkpoints: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, dict[str, _Rule]] = field(default_factory=dict)  # check -> expectation id -> rule


_CONTEXTS: dict[Path, _Context] = {}
_LOCK = threading.Lock()


def _pair_row(row: pd.Series) -> dict:
    return {
        "month": row["period"],
        "channel": row["channel"],
        "figure": row["figure"],
        "expected": _plain(row["expected"]),
        "computed": _plain(row["computed"]),
    }


def _rate_row(figure: str, expected: Callable[[pd.Series], str], column: str) -> Reporter:
    def report(row: pd.Series) -> dict:
        return {
            "month": row["period"],
            "channel": row["channel"],
            "figure": f"{row['indicator']} {figure}",
            "expected": expected(row),
            "computed": _plain(row[column]),
        }

    return report


def _plain(value: Any) -> Any:
    """numpy scalars to Python ones, so failures serialise as JSON (Dagster metadata)."""
    return value.item() if hasattr(value, "item") else value


def _result_format(name: str) -> dict:
    """COMPLETE, with failing rows identified in Data Docs by their row number, period and channel."""
    return {"result_format": "COMPLETE", "unexpected_index_column_names": list(ID_COLUMNS[name])}


def _rules(name: str) -> list[_Rule]:
    """The expectations of one check, each with result_format COMPLETE."""
    import great_expectations as gx
    from great_expectations.expectations.row_conditions import Column

    complete = _result_format(name)
    if name == "published_figures_reconcile":
        return [
            _Rule(
                gx.expectations.ExpectColumnPairValuesToBeEqual(
                    column_A="expected",
                    column_B="computed",
                    result_format=complete,
                    description="Computed interactions equal the published figures "
                    "(per month and channel, monthly total, and yearly sums of the months compared).",
                ),
                _pair_row,
            )
        ]
    if name == "internal_consolidation":
        return [
            _Rule(
                gx.expectations.ExpectColumnPairValuesToBeEqual(
                    column_A="expected",
                    column_B="computed",
                    row_condition=Column("relation") == "=",
                    result_format=complete,
                    description="Channel sums, PAR + PAL, e-mails in + out, per-point visits and "
                    "yearly sums agree with the figures they consolidate.",
                ),
                _pair_row,
            ),
            _Rule(
                gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="expected",
                    column_B="computed",
                    or_equal=True,
                    row_condition=Column("relation") == "<=",
                    result_format=complete,
                    severity="warning",
                    description=f"Survey raters <= interactions of the channel ({WARNING_NOTE}).",
                ),
                _pair_row,
                warning_only=True,
            ),
        ]
    if name == "rates_in_range":
        is_rate = Column("kind") == "rate"
        is_response_rate = Column("kind") == "response_rate"
        return [
            _Rule(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column="value",
                    min_value=0,
                    max_value=1,
                    row_condition=is_rate,
                    result_format=complete,
                    description="Rates are between 0 and 1.",
                ),
                _rate_row("value", lambda _: "between 0 and 1", "value"),
            ),
            _Rule(
                gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="denominator",
                    column_B="numerator",
                    or_equal=True,
                    row_condition=is_rate,
                    result_format=complete,
                    description="Numerator <= denominator.",
                ),
                _rate_row(
                    "numerator", lambda row: f"<= denominator {_plain(row['denominator'])}", "numerator"
                ),
            ),
            _Rule(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column="denominator",
                    min_value=0,
                    strict_min=True,
                    result_format=complete,
                    description="Denominators are > 0.",
                ),
                _rate_row("denominator", lambda _: "> 0", "denominator"),
            ),
            _Rule(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column="numerator",
                    min_value=0,
                    result_format=complete,
                    description="Numerators are >= 0.",
                ),
                _rate_row("numerator", lambda _: ">= 0", "numerator"),
            ),
            _Rule(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column="value",
                    min_value=0,
                    max_value=1,
                    row_condition=is_response_rate,
                    result_format=complete,
                    severity="warning",
                    description=f"Response rates are between 0 and 1 ({WARNING_NOTE}).",
                ),
                _rate_row("value", lambda _: "between 0 and 1", "value"),
                warning_only=True,
            ),
        ]
    raise KeyError(f"unknown check {name!r}; known: {', '.join(CHECK_NAMES)}")


def _context(data_docs_dir: Path) -> _Context:
    """The cached context for this Data Docs folder, made GX's current one."""
    import great_expectations as gx
    from great_expectations.data_context import set_context
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    key = data_docs_dir.resolve()
    cached = _CONTEXTS.get(key)
    if cached is not None:
        set_context(cached.gx_context)  # validation results go to the current context's store
        return cached

    defaults = InMemoryStoreBackendDefaults(init_temp_docs_sites=False)
    stores = dict(defaults.stores)
    stores[defaults.validation_results_store_name] = {
        "class_name": "ValidationResultsStore",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(key / RESULTS_FOLDER),
        },
    }
    config = DataContextConfig(
        store_backend_defaults=defaults,
        stores=stores,
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites={
            SITE_NAME: {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(key)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        },
    )
    context = gx.get_context(project_config=config, mode="ephemeral")
    source = context.data_sources.add_pandas("warehouse_checks")
    made = _Context(context)
    # every suite is registered in every context: the index drops the pages of unknown suites
    for name in CHECK_NAMES:
        rules = _rules(name)
        suite = context.suites.add(gx.ExpectationSuite(name=name))
        made.rules[name] = {}
        for rule in rules:
            added = suite.add_expectation(rule.expectation)
            made.rules[name][str(added.id)] = rule
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("comparison")
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch, suite=suite)
        )
        made.checkpoints[name] = context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[validation],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[SITE_NAME])],
                result_format=_result_format(name),
            )
        )
    _CONTEXTS[key] = made
    return made


def _prune(context: Any, name: str, keep: int) -> None:
    """Drop the oldest stored results of a check beyond ``keep`` (their pages go at the next build)."""
    store = context.validation_results_store
    keys = [key for key in store.list_keys() if key.expectation_suite_identifier.name == name]
    keys.sort(key=lambda key: str(key.run_id.run_time))
    for key in keys[: max(len(keys) - keep, 0)]:
        with contextlib.suppress(OSError):  # another process may have pruned it first
            store.remove_key(key)


def _file_path(url: str | None) -> Path | None:
    if not url:
        return None
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme in ("file", "") else None


def run_check(name: str, warehouse: Path, data_docs_dir: Path) -> CheckOutcome:
    """Build the check's comparison frame from the warehouse (read-only), validate it with its GX
    suite, update the Data Docs in ``data_docs_dir`` and report failing rows and warnings."""
    if name not in CHECK_NAMES:
        raise KeyError(f"unknown check {name!r}; known: {', '.join(CHECK_NAMES)}")
    comparison = compare(name, Path(warehouse))  # the DuckDB connection is closed again here
    frame = comparison.frame.reset_index(drop=True)
    frame.insert(0, "row", range(len(frame)))
    data_docs_dir = Path(data_docs_dir)
    data_docs_dir.mkdir(parents=True, exist_ok=True)

    from great_expectations.core.run_identifier import RunIdentifier

    with _LOCK:
        made = _context(data_docs_dir)
        _prune(made.gx_context, name, KEEP_RESULTS_PER_CHECK - 1)
        run_id = RunIdentifier(run_name=name, run_time=dt.datetime.now(dt.UTC))
        result = made.checkpoints[name].run(batch_parameters={"dataframe": frame}, run_id=run_id)
        ((validation_id, validation),) = result.run_results.items()
        urls = made.gx_context.get_docs_sites_urls(resource_identifier=validation_id, site_name=SITE_NAME)

    failures: list[dict] = []
    warnings = list(comparison.warnings)
    rules = made.rules[name]
    for expectation_result in validation.results:
        if expectation_result.success:
            continue
        rule = rules[str(expectation_result.expectation_config.id)]
        indexes = [
            unexpected["row"] for unexpected in expectation_result.result.get("unexpected_index_list") or []
        ]
        for index in indexes:
            reported = rule.report(frame.loc[index])
            if rule.warning_only:
                warnings.append(_warning_text(reported))
            else:
                failures.append(reported)
        if not indexes and not rule.warning_only:  # failed without rows to list (an error?)
            error = (expectation_result.exception_info or {}).get("exception_message")
            failures.append(
                {
                    "month": None,
                    "channel": None,
                    "figure": expectation_result.expectation_config.type,
                    "expected": "success",
                    "computed": error or "failed",
                }
            )
    if not len(frame):
        warnings.append(f"{name}: nothing to compare (no rows in the warehouse)")

    index = data_docs_dir / "index.html"
    return CheckOutcome(
        name=name,
        passed=not failures,
        rows_checked=len(frame),
        failures=failures,
        warnings=warnings,
        data_docs_index=index if index.is_file() else None,
        data_docs_page=_file_path(urls[0]["site_url"]) if urls else None,
    )


def _warning_text(row: dict) -> str:
    return (
        f"{row['month']} {row['channel']}: {row['figure']}: {row['computed']} "
        f"(expected {row['expected']}) - {WARNING_NOTE}"
    )
