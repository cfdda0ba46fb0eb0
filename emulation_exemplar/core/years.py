"""The emulation year being judged and the statistical year: plain date rules, no Odoo import.

The year being judged is the year whose titles and forms of commendation are proposed, voted on
and decided now. The yearly review of a Vietnamese agency runs from December (classification of
the year's work, the units' proposals, the council) into the first months of the next year (the
agency's decisions, then the province's: a province takes the yearly dossiers until about
mid-March, e.g. Quảng Nam: "chậm nhất ngày 15/3 năm sau", the provincial emulation soldier by
28 February). So, by date:

- in December: the year that is ending;
- from January to March (``LAST_MONTH_OF_REVIEW``): the year that has just ended;
- from April to November: the current year.

A company may fix the year instead (its setting): the officer then decides when the review of a
year is over.
"""

from datetime import date

LAST_MONTH_OF_REVIEW = 3
"""The last month of the year in which the review of the previous year is still under way."""


def judged_year(today, last_month=LAST_MONTH_OF_REVIEW):
    """The emulation year being judged on ``today`` (a date): the previous year until the end of
    ``last_month``, else the current year."""
    if today.month <= last_month:
        return today.year - 1
    return today.year


def statistical_period(year):
    """The statistical year of emulation and commendation: from 1 December of the year before to
    30 November, as Circular 02/2023/TT-BNV sets it (the statistics wizard's period can be
    changed, should the circular that replaced it, 18/2025/TT-BNV, set another)."""
    return date(year - 1, 12, 1), date(year, 11, 30)
