"""18.0.3.0.0: the reward money of the awards (Decree 152/2025/NĐ-CP, arts. 50–54).

The award types shipped by the module are ``noupdate``: an upgrade does not load their new
reward coefficients. This script gives them the coefficients of ``data/award_type_data.xml``
(one home for the table), to the types that have none yet (an administrator's own values are
kept). Then it fixes the reward of every award that has none, from its decision's date, its
type's coefficient and the base salary in force on that date (``emulation.award._fix_amounts``:
one statement), and logs, as warnings, the awards it could not fill and why: no decision date,
no coefficient (or a decision earlier than the coefficients), no base salary in force.
"""

import logging
from collections import defaultdict

from lxml import etree
from openupgradelib import openupgrade

from odoo.tools import file_open

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")

COEFFICIENT_FIELDS = (
    "coefficient_individual",
    "coefficient_collective",
    "coefficient_date_from",
    "reward_basis",
)
# how many awards a warning names (the others are counted)
NAMED = 20


def shipped_coefficients():
    """{xml id: {field: value}} of the reward coefficients in data/award_type_data.xml."""
    with file_open("emulation_exemplar/data/award_type_data.xml", "rb") as data:
        tree = etree.parse(data)
    shipped = {}
    for record in tree.iterfind("//record[@model='emulation.award.type']"):
        values = {
            field.get("name"): field.text
            for field in record.iterfind("field")
            if field.get("name") in COEFFICIENT_FIELDS
        }
        if values:
            shipped["emulation_exemplar." + record.get("id")] = values
    return shipped


def set_shipped_coefficients(env):
    """Give the shipped award types their coefficients, where they have none."""
    for xml_id, values in shipped_coefficients().items():
        award_type = env.ref(xml_id, raise_if_not_found=False)
        if not award_type or (
            award_type.coefficient_individual
            or award_type.coefficient_collective
            or award_type.coefficient_date_from
        ):
            continue
        award_type.write(
            {
                name: float(value)
                if name.startswith("coefficient_") and "date" not in name
                else value
                for name, value in values.items()
            }
        )
        _logger.info("Award type %s: reward coefficients set.", award_type.code)


def fill_amounts(env):
    """Fix the reward of the awards without one; warn of those it could not fill. Returns
    {reason: awards} of those left without a reward."""
    Award = env["emulation.award"].with_context(active_test=False)
    awards = Award.search([("amount", "=", False)])
    awards._fix_amounts()
    salaries = env["emulation.base.salary"]._salary_table()
    left = defaultdict(lambda: Award)
    for award in awards.filtered(lambda a: not a.amount):
        left[award._reward(salaries)[3]] |= award
    filled = len(awards) - sum(len(records) for records in left.values())
    _logger.info("Reward money: %s awards filled.", filled)
    explained = {
        "no_date": "no decision date",
        "no_coefficient": "no reward coefficient on the award type for the recipient",
        "before_coefficient": "decided before the date the type's coefficients apply from",
        "no_base_salary": "no base salary in force on the decision date",
    }
    for reason, records in left.items():
        _logger.warning(
            "Reward money: %s awards not filled (%s), to complete by hand (Awards and titles, "
            "filter Without reward): %s%s.",
            len(records),
            explained.get(reason, reason),
            records[:NAMED].ids,
            " and %s more" % (len(records) - NAMED) if len(records) > NAMED else "",
        )
    return dict(left)


@openupgrade.migrate()
def migrate(env, version):
    set_shipped_coefficients(env)
    fill_amounts(env)
