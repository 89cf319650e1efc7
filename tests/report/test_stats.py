"""Wilson score intervals against published values (Newcombe 1998, Table I, method 3)."""

from __future__ import annotations

import pytest

from pipelines.report.stats import is_small_sample, wilson_interval


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_known_intervals(successes: int, trials: int, low: float, high: float) -> None:
    interval = wilson_interval(successes, trials)
    assert interval is not None
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)


def test_all_successes_reach_one_and_stay_inside_the_unit_interval() -> None:
    interval = wilson_interval(714, 714)
    assert interval is not None
    assert interval.high == 1.0
    assert interval.low == pytest.approx(714 / (714 + 1.959963984540054**2))  # n / (n + z^2)


def test_no_trials_no_interval() -> None:
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_small_samples_are_under_thirty_raters() -> None:
    assert is_small_sample(29)
    assert not is_small_sample(30)
    assert not is_small_sample(None)
