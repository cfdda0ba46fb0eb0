"""Roadmap rules: nomination stages, targets, reminders and late registrations; the year being
judged and the statistical year.

Pure Python, standard library only: no Odoo import. The Odoo models of the campaign, its
milestones and its nominations call these functions.
"""

import re
from datetime import date, timedelta

# The life of an exemplar in the plan: detect → select → register → foster → replicate / honour;
# or dropped with a reason. Replicated and honoured are two alternative ends of the same rank.
# The one list of the stage keys: the models' selections (with their labels) are built from it.
STAGE_RANK = {
    "detected": 1,
    "selected": 2,
    "registered": 3,
    "fostering": 4,
    "replicated": 5,
    "honoured": 5,
}
DROPPED = "dropped"
# the stages a target can ask for: every stage on the way (not dropped)
TARGET_STAGES = tuple(STAGE_RANK)
# every stage of a nomination, in order
STAGES = (*TARGET_STAGES, DROPPED)


def stage_reached(stage, target_stage):
    """True when a nomination at ``stage`` has reached ``target_stage``.

    A dropped nomination has reached nothing. The two ends (replicated, honoured) only count for
    themselves; every other stage counts for the stages before it.
    """
    if stage not in STAGE_RANK or target_stage not in STAGE_RANK:
        return False
    if STAGE_RANK[target_stage] == 5:
        return stage == target_stage
    return STAGE_RANK[stage] >= STAGE_RANK[target_stage]


def target_status(count, min_count, max_count):
    """'below', 'met' or 'above' the target ``min_count``–``max_count`` (0: no maximum)."""
    if count < min_count:
        return "below"
    if max_count and count > max_count:
        return "above"
    return "met"


def reminder_due(deadline, today, days_before, done=False, sent=False):
    """True when the reminder of a milestone is to be sent ``today``.

    It is due from ``days_before`` days before the deadline up to the deadline itself, once, and
    never for a milestone that is done or has no deadline. After the deadline, the milestone is
    overdue instead.
    """
    if done or sent or not deadline:
        return False
    return deadline - timedelta(days=max(days_before, 0)) <= today <= deadline


def is_overdue(deadline, today, done=False):
    """True when the deadline has passed and the milestone is not done."""
    return bool(deadline) and not done and deadline < today


def done_on_time(deadline, done_date):
    """True when done on or before the deadline (or when there is no deadline)."""
    return not deadline or not done_date or done_date <= deadline


def is_late_registration(registration_date, deadline, year=None):
    """True when registered after the campaign's registration deadline.

    The deadline applies to the nominations detected in its year or before (e.g. plan 198 asks
    for the 2021 exemplars to be registered before 30/03/2021); new factors detected in later
    years are not late against it.
    """
    if not registration_date or not deadline:
        return False
    if year and year > deadline.year:
        return False
    return registration_date > deadline


def in_period(year, year_from, year_to):
    """True when ``year`` lies inside the period ``year_from``–``year_to`` (both included).

    The one test of "a year inside the campaign's period": milestones, nominations and targets
    are checked with it, and the running campaign is the one whose period holds this year.
    """
    return bool(year_from) and bool(year_to) and year_from <= year <= year_to


def clamp_year(year, year_from, year_to):
    """``year`` brought into the period ``year_from``–``year_to`` (when it is set)."""
    if year_from and year < year_from:
        return year_from
    if year_to and year > year_to:
        return year_to
    return year


def nominee_key(kind, employee_id=0, department_id=0, model_name=""):
    """The key of a nominee, the same on a nomination and on a registration line: a person
    (``employee:<id>``), a unit (``department:<id>``) or a model, named practice, of a unit
    (``model:<unit id>:<name folded>``); False when the nominee is not named yet. A nomination
    and a registration line of one year with the same key are the same registration."""
    if kind == "individual":
        return f"employee:{employee_id}" if employee_id else False
    if kind == "collective":
        return f"department:{department_id}" if department_id else False
    name = re.sub(r"\s+", " ", model_name or "").strip().casefold()
    if not name:
        return False
    return f"model:{department_id or 0}:{name}"


# ---------------------------------------------------------------------- the year being judged
# The emulation year being judged and the statistical year.
#
# The year being judged is the year whose titles and forms of commendation are proposed, voted on
# and decided now. The yearly review of a Vietnamese agency runs from December (classification of
# the year's work, the units' proposals, the council) into the first months of the next year (the
# agency's decisions, then the province's: a province takes the yearly dossiers until about
# mid-March, e.g. Quảng Nam: "chậm nhất ngày 15/3 năm sau", the provincial emulation soldier by
# 28 February). So, by date:
#
# - in December: the year that is ending;
# - from January to March (``LAST_MONTH_OF_REVIEW``): the year that has just ended;
# - from April to November: the current year.
#
# A company may fix the year instead (its setting): the officer then decides when the review of a
# year is over.
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
