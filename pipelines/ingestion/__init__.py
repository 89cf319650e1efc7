"""Raw files in, `landing`, `raw`, `reference` and `audit` schemas out."""
