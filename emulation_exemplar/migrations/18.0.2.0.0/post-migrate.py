"""18.0.2.0.0: the eligibility results are rows of ``emulation.eligibility``.

The results of the previous releases were stored on the people and units themselves (the
columns ``exemplar_*`` of ``hr_employee`` and ``hr_department``, which Odoo drops at the end of
this upgrade). The rows were computed when the module was loaded; this script checks that the
same people and units are eligible under the plan's exemplar sets as before, and says so in the
log (a warning names those that differ, which a changed criteria set may explain), then drops the
old columns: they held derived values only, now rows.

The award types are ``noupdate`` data: an upgrade does not give the shipped types the council
vote thresholds of the annual cycle (new in this release). They are set here, as the data file
sets them on a new database, on the shipped types whose threshold is still empty (0); a threshold
an administrator entered is kept.
"""

import logging

from openupgradelib import openupgrade

from odoo.tools import SQL

# named after the module (the file's own name is "post-migrate"), for whoever reads the log
_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")

# the thresholds of data/award_type_data.xml (Decree 98/2023/NĐ-CP art. 30(7), kept by Decree
# 152/2025/NĐ-CP): yes votes as a percentage of all the council's members
COUNCIL_VOTE_THRESHOLDS = {
    "award_type_grassroots_soldier": 80,
    "award_type_provincial_soldier": 90,
    "award_type_national_soldier": 90,
    "award_type_provincial_flag": 80,
    "award_type_government_flag": 80,
}


def _set_council_vote_thresholds(env):
    for xmlid, threshold in COUNCIL_VOTE_THRESHOLDS.items():
        award_type = env.ref("emulation_exemplar.%s" % xmlid, raise_if_not_found=False)
        if award_type and not award_type.council_vote_threshold:
            award_type.council_vote_threshold = threshold
            _logger.info("%s: council vote threshold set to %s %%.", award_type.name, threshold)


OLD_COLUMNS = (
    "exemplar_eligible",
    "exemplar_missing",
    "exemplar_path",
    "exemplar_explanation",
    "exemplar_criteria_set_id",
)


def _old_eligible(cr, table):
    if not openupgrade.column_exists(cr, table, "exemplar_eligible"):
        return None
    cr.execute(SQL("SELECT id FROM %s WHERE exemplar_eligible AND active", SQL.identifier(table)))
    return {row[0] for row in cr.fetchall()}


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    _set_council_vote_thresholds(env)
    Eligibility = env["emulation.eligibility"]
    Eligibility._eligibility_recompute_all()
    for table, field in (("hr_employee", "employee_id"), ("hr_department", "department_id")):
        before = _old_eligible(cr, table)
        if before is None:
            continue
        cr.execute(
            SQL(
                "SELECT %(field)s FROM emulation_eligibility "
                "WHERE eligible AND award_type_id IS NULL AND %(field)s IS NOT NULL",
                field=SQL.identifier(field),
            )
        )
        after = {row[0] for row in cr.fetchall()}
        if before == after:
            _logger.info(
                "%s: the same %s records are eligible exemplars as before the upgrade.",
                table,
                len(after),
            )
        else:
            _logger.warning(
                "%s: eligible exemplars changed at the upgrade: before only %s, after only %s.",
                table,
                sorted(before - after),
                sorted(after - before),
            )
        openupgrade.drop_columns(
            cr,
            [
                (table, column)
                for column in OLD_COLUMNS
                if openupgrade.column_exists(cr, table, column)
            ],
        )
