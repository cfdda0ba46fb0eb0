"""Tests of the year being judged and the statistical year (``emulation_exemplar/core/roadmap.py``),
without Odoo."""

from datetime import date

import pytest
from exemplar_core import roadmap as years


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 12, 1), 2026),  # December: the year that is ending
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),  # January to March: the year that has just ended
        (date(2027, 1, 15), 2026),
        (date(2027, 3, 31), 2026),
        (date(2027, 4, 1), 2027),  # April to November: the current year
        (date(2026, 6, 1), 2026),
        (date(2026, 11, 30), 2026),
    ],
)
def test_judged_year_by_date(today, expected):
    assert years.judged_year(today) == expected


def test_judged_year_last_month_of_review():
    assert years.judged_year(date(2027, 2, 28), last_month=1) == 2027
    assert years.judged_year(date(2027, 1, 31), last_month=1) == 2026
    assert years.judged_year(date(2027, 1, 31), last_month=0) == 2027


def test_statistical_period():
    assert years.statistical_period(2026) == (date(2025, 12, 1), date(2026, 11, 30))


def test_the_statistical_year_holds_the_judged_year_in_december():
    # in December the report of the year that is ending is due (15 December): its period has ended
    start, end = years.statistical_period(years.judged_year(date(2026, 12, 7)))
    assert start <= date(2026, 11, 30) <= end
