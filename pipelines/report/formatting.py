"""Colombian number format and the report's one rounding rule.

Numbers use a dot for thousands and a comma for decimals (6.722; 95,8 %).
Every percentage is rounded half up (0,05 goes up) from the exact ratio, to
one decimal - two for the consolidated satisfaction, the agency's headline
survey figure, which it publishes with two. The marts keep the exact ratios;
rounding happens only here, once, at display time.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

NO_DATA = "sin dato"
MINUS = "\u2212"  # typographic minus sign

PERCENT_DECIMALS = 1
HEADLINE_PERCENT_DECIMALS = 2  # consolidated satisfaction, as the agency publishes it

ROUNDING_RULE = (
    "Porcentajes redondeados a un decimal (la satisfacción consolidada, a dos), mitad hacia arriba, "
    "a partir de la razón exacta; las variaciones se calculan sobre las razones exactas y se redondean "
    "igual. Las razones exactas están en el almacén (marts.indicators_monthly)."
)

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

Number = int | float | Fraction


def exact(value: Number) -> Fraction:
    """A number as an exact fraction; a float is read as the decimal it prints as (0.97 -> 97/100)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def round_half_up(value: Number, decimals: int = 0) -> Fraction:
    """Round to `decimals` places, ties away from zero (2,45 -> 2,5; -2,45 -> -2,5)."""
    scale = 10**decimals
    scaled = exact(value) * scale
    magnitude = (abs(scaled) + Fraction(1, 2)).__floor__()
    return Fraction(magnitude if scaled >= 0 else -magnitude, scale)


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def decimal(value: Number, decimals: int = 0, sign: bool = False) -> str:
    """6722 -> '6.722'; 95.76, 2 -> '95,76'; with sign: '+1,2', '−0,4', '0,0'."""
    rounded = round_half_up(value, decimals)
    negative = rounded < 0
    scaled = abs(rounded) * 10**decimals
    assert scaled.denominator == 1
    digits = str(scaled.numerator).rjust(decimals + 1, "0")
    whole, fraction = (digits[:-decimals], digits[-decimals:]) if decimals else (digits, "")
    text = _group_thousands(whole) + ("," + fraction if fraction else "")
    if negative:
        return MINUS + text
    if sign and rounded > 0:
        return "+" + text
    return text


def integer(value: Number | None) -> str:
    """A count: 6722 -> '6.722'; None -> 'sin dato'."""
    return NO_DATA if value is None else decimal(value, 0)


def ratio(numerator: int, denominator: int) -> Fraction:
    return Fraction(numerator, denominator)


def percent(value: Number | None, decimals: int = PERCENT_DECIMALS) -> str:
    """A ratio in [0, 1] as a percentage: 0.957610 -> '95,8 %'; None -> 'sin dato'."""
    if value is None:
        return NO_DATA
    return f"{decimal(exact(value) * 100, decimals)} %"


def headline_percent(value: Number | None) -> str:
    """The consolidated satisfaction: 2869/2996 -> '95,76 %'."""
    return percent(value, HEADLINE_PERCENT_DECIMALS)


def points_change(current: Number | None, previous: Number | None, decimals: int = PERCENT_DECIMALS) -> str:
    """Difference of two ratios in percentage points: '+1,2 p. p.'."""
    if current is None or previous is None:
        return NO_DATA
    return f"{decimal((exact(current) - exact(previous)) * 100, decimals, sign=True)} p. p."


def relative_change(current: Number | None, previous: Number | None) -> str:
    """Change of a count relative to an earlier one: 887 vs 991 -> '−10,5 %'."""
    if current is None or previous is None:
        return NO_DATA
    if previous == 0:
        return NO_DATA if current == 0 else "nuevo"
    change = (exact(current) - exact(previous)) / exact(previous) * 100
    return f"{decimal(change, PERCENT_DECIMALS, sign=True)} %"


def month_name(month: dt.date) -> str:
    """'noviembre de 2025'."""
    return f"{MONTHS[month.month - 1]} de {month.year}"


def month_title(month: dt.date) -> str:
    """'Noviembre 2025'."""
    return f"{MONTHS[month.month - 1].capitalize()} {month.year}"


def month_short(month: dt.date) -> str:
    """'nov.' (axis labels)."""
    return MONTHS[month.month - 1][:3] + "."


def date_time(moment: dt.datetime) -> str:
    """'29 de noviembre de 2025, 05:40'."""
    return f"{moment.day} de {MONTHS[moment.month - 1]} de {moment.year}, {moment:%H:%M}"
