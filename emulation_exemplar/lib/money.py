"""The reward money of an award (Decree 152/2025/NĐ-CP, arts. 50–54): a coefficient of the base
salary (mức lương cơ sở) in force on the decision's date, rounded up to a step of đồng.

Plain arithmetic on decimals, no Odoo import: the Odoo layer gathers the coefficient of the award
type, the base salary in force and its rounding step, and stores what this returns.
"""

import bisect
import datetime
from decimal import ROUND_CEILING, Decimal

# Decree 91/2017/NĐ-CP art. 68(2), repeated by the decrees after it: "Tiền thưởng sau khi nhân
# với hệ số mức lương cơ sở được làm tròn số lên hàng chục ngàn đồng tiền Việt Nam"
DEFAULT_ROUNDING = 10000

# why an award carries no amount (what the Odoo layer explains in the reader's language)
NO_DATE = "no_date"
NO_COEFFICIENT = "no_coefficient"
BEFORE_COEFFICIENT = "before_coefficient"
NO_BASE_SALARY = "no_base_salary"


def reward_amount(coefficient, base_salary, rounding=DEFAULT_ROUNDING):
    """``coefficient`` × ``base_salary``, rounded up to a multiple of ``rounding`` đồng (an
    int); 0 without a coefficient or a base salary. Decimal arithmetic: 0.3 × 2,340,000 is
    702,000 exactly (not 702,000.0000001), which rounds up to 710,000."""
    if not coefficient or not base_salary:
        return 0
    exact = Decimal(str(coefficient)) * Decimal(str(base_salary))
    step = Decimal(int(rounding)) if rounding and int(rounding) > 0 else Decimal(1)
    return int((exact / step).to_integral_value(rounding=ROUND_CEILING) * step)


class BaseSalaries:
    """The base salaries, each in force from its date until the next one's: ``[(date_from,
    amount, rounding), ...]`` in any order."""

    def __init__(self, rows):
        self.rows = sorted(rows, key=lambda row: row[0])
        self.dates = [row[0] for row in self.rows]

    def in_force(self, date):
        """The ``(date_from, amount, rounding)`` in force on ``date``, or None before the
        first."""
        if not date:
            return None
        if isinstance(date, datetime.datetime):
            date = date.date()
        index = bisect.bisect_right(self.dates, date)
        return self.rows[index - 1] if index else None


def award_reward(date, coefficient, coefficient_from, salaries):
    """``(coefficient, base_salary, amount, reason)`` of an award decided on ``date``: the
    coefficient of its type for its recipient (individual or collective), which applies to the
    decisions from ``coefficient_from`` (None: always), and the base salary in force on that date
    (``salaries``: :class:`BaseSalaries`). Without an amount, ``reason`` says why and the other
    values are what is known."""
    if not date:
        return 0.0, 0.0, 0, NO_DATE
    if not coefficient:
        return 0.0, 0.0, 0, NO_COEFFICIENT
    if coefficient_from and date < coefficient_from:
        return 0.0, 0.0, 0, BEFORE_COEFFICIENT
    salary = salaries.in_force(date)
    if not salary:
        return coefficient, 0.0, 0, NO_BASE_SALARY
    _date_from, base, rounding = salary
    return coefficient, base, reward_amount(coefficient, base, rounding), None
