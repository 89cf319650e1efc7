"""Colombian number format and the one rounding rule: half up, from the exact ratio."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from pipelines.report import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (887, "887"),
        (6722, "6.722"),
        (84739, "84.739"),
        (1234567, "1.234.567"),
        (-6722, "\u22126.722"),
    ],
)
def test_integers_use_a_dot_for_thousands(value: int, expected: str) -> None:
    assert fmt.integer(value) == expected


def test_missing_figures_read_sin_dato() -> None:
    assert fmt.integer(None) == "sin dato"
    assert fmt.percent(None) == "sin dato"
    assert fmt.points_change(Fraction(1, 2), None) == "sin dato"
    assert fmt.relative_change(None, 3) == "sin dato"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.957610, "95,8 %"),
        (Fraction(836, 887), "94,3 %"),
        (Fraction(714, 714), "100,0 %"),
        (Fraction(0, 5), "0,0 %"),
        (Fraction(1, 16), "6,3 %"),  # 6,25: a tie goes up (Python's round() would give 6,2)
        (0.0625, "6,3 %"),
        (Fraction(999, 1024), "97,6 %"),  # 97,56: the deck truncated it to 97,5
        (Fraction(243, 285), "85,3 %"),  # 85,26: the deck truncated it to 85,2
        (Fraction(698, 714), "97,8 %"),
        (Fraction(786, 887), "88,6 %"),
    ],
)
def test_percentages_round_half_up_to_one_decimal(value: float | Fraction, expected: str) -> None:
    assert fmt.percent(value) == expected


def test_the_consolidated_satisfaction_shows_two_decimals() -> None:
    assert fmt.headline_percent(Fraction(2869, 2996)) == "95,76 %"
    assert fmt.headline_percent(Fraction(120, 152)) == "78,95 %"
    assert fmt.headline_percent(Fraction(1, 8)) == "12,50 %"


def test_floats_are_read_as_the_decimal_they_print_as() -> None:
    # 2.675 is 2.67499999... in binary; read as 2,675 it rounds half up to 2,68
    assert fmt.decimal(2.675, 2) == "2,68"
    assert fmt.percent(0.97) == "97,0 %"


def test_half_up_is_symmetric_around_zero() -> None:
    assert fmt.round_half_up(Fraction(5, 2)) == 3
    assert fmt.round_half_up(Fraction(-5, 2)) == -3
    assert fmt.decimal(Fraction(-1, 20), 1) == "\u22120,1"  # -0,05 -> -0,1
    assert fmt.decimal(Fraction(-1, 100), 1, sign=True) == "0,0"  # rounds to zero: no sign


def test_changes() -> None:
    assert fmt.relative_change(887, 991) == "\u221210,5 %"
    assert fmt.relative_change(510, 400) == "+27,5 %"
    assert fmt.relative_change(5, 0) == "nuevo"
    assert fmt.relative_change(0, 0) == "sin dato"
    assert fmt.points_change(Fraction(9, 10), Fraction(18, 20)) == "0,0 p. p."
    assert fmt.points_change(Fraction(120, 152), Fraction(3, 4), 2) == "+3,95 p. p."
    assert fmt.points_change(Fraction(836, 887), Fraction(95, 100)) == "\u22120,7 p. p."


def test_spanish_months() -> None:
    assert fmt.month_name(dt.date(2025, 11, 1)) == "noviembre de 2025"
    assert fmt.month_title(dt.date(2025, 9, 1)) == "Septiembre 2025"
    assert fmt.month_short(dt.date(2025, 1, 1)) == "ene."
    assert fmt.date_time(dt.datetime(2025, 12, 5, 6, 7)) == "5 de diciembre de 2025, 06:07"


def test_the_rule_is_stated() -> None:
    assert "mitad hacia arriba" in fmt.ROUNDING_RULE
    assert "un decimal" in fmt.ROUNDING_RULE
