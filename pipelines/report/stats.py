"""Sampling uncertainty of the survey rates: Wilson score intervals."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # standard normal quantile for a two-sided 95 % interval
SMALL_SAMPLE = 30  # fewer raters than this: the rate is flagged as a small sample


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> Interval | None:
    """Wilson score interval for a binomial proportion (no continuity correction).

    Unlike the normal approximation it stays inside [0, 1] and behaves at 0 % and
    100 % (714 of 714 raters: 99,5 % to 100 %). None when there are no trials.
    """
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be between 0 and trials, got {successes} of {trials}")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(low, high)


def is_small_sample(raters: int | None) -> bool:
    return raters is not None and raters < SMALL_SAMPLE
