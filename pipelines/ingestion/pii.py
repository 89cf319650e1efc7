"""The key that pseudonymises personal data (Ley 1581 de 2012)."""

from __future__ import annotations

import logging
from functools import cache

from pipelines.config import SAMPLE_PII_KEY, Settings


class MissingPIIKey(RuntimeError):
    pass


def pii_key(settings: Settings) -> str:
    """ANM_PII_KEY, or the public sample key - but only for the shipped sample data."""
    if settings.pii_key:
        return settings.pii_key
    if settings.uses_sample_data:
        _warn_sample_key()
        return SAMPLE_PII_KEY
    raise MissingPIIKey(
        f"ANM_PII_KEY is not set and ANM_RAW_DIR ({settings.raw_dir}) is not the shipped sample: "
        "set ANM_PII_KEY to the agency's secret key so personal data is pseudonymised."
    )


@cache
def _warn_sample_key() -> None:
    logging.getLogger("pipelines").warning(
        "ANM_PII_KEY is not set: using the public SAMPLE key, acceptable only for the shipped sample "
        "data. Set ANM_PII_KEY before loading real data."
    )
