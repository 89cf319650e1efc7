# One-command entry points. Every target creates .venv and installs the
# project when it is missing or older than pyproject.toml.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Nothing waits on the network: telemetry off for dbt, Dagster and GX.
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: install monthly report test lint dev sample-data docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## make monthly [MONTH=YYYY-MM]: bring the warehouse up to date (or one month)
monthly: $(STAMP)
	$(BIN)/python -m pipelines.monthly $(if $(MONTH),--month $(MONTH))

## make report MONTH=YYYY-MM: the month's informe from the existing warehouse (read-only)
report: $(STAMP)
	$(BIN)/python -m pipelines.report --month "$(MONTH)"

## make test: lint, then the whole test suite
test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipelines tests
	$(BIN)/ruff format --check pipelines tests

## make dev: the Dagster UI on http://127.0.0.1:3000
dev: $(STAMP)
	$(BIN)/python -c "from pipelines.instance import prepare_dagster_home; prepare_dagster_home()"
	$(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

## make sample-data: regenerate data/raw and data/reference (deterministic)
sample-data: $(STAMP)
	$(BIN)/python -m pipelines.sample_data

## make docs: dbt docs for the marts, into dbt_project/target
docs: $(STAMP)
	cd dbt_project && ANM_WAREHOUSE=$$(../$(BIN)/python -c \
		"from pipelines.config import Settings; print(Settings.from_env().working_warehouse)") \
		../$(BIN)/dbt docs generate --project-dir . --profiles-dir .

## make bench [SCALES=1000000,10000000] [CODE=HEAD]: the pipeline vs a one-script DuckDB baseline
## (about 8 minutes on 2 cores; data under bench/data/, results in bench/results.md; see docs/benchmark.md)
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(SCALES),--scales $(SCALES)) $(if $(CODE),--code $(CODE))

clean:
	rm -rf data/warehouse reports .dagster_home dbt_project/target dbt_project/logs .pytest_cache
