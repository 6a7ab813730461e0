"""Rates as offices print them: a percentage with one decimal, rounded half-up (办复率 80.0%).

Rates are kept as exact fractions until they are printed, so that 2/3 is 66.7 and never 66.6 from a
binary float; one function prints them for every app (建议提案, 网上留言, the annual report's text).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def percent(rate: Fraction) -> Decimal:
    """``rate`` as a percentage rounded half-up to one decimal: 2/3 → 66.7, 1 → 100.0."""
    if rate < 0:
        raise ValueError(f"a rate is never negative: {rate}")
    tenths, remainder = divmod(rate.numerator * 1000, rate.denominator)
    if 2 * remainder >= rate.denominator:
        tenths += 1
    return Decimal(tenths).scaleb(-1)
