"""Dagster assets, one module per layer."""

import warnings

import dagster as dg

# Single-run backfills are what a one-writer warehouse wants; their beta notice is noise.
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)
