"""18.0.2.0.0: the eligibility results are rows of ``emulation.eligibility``.

The results of the previous releases were stored on the people and units themselves (the
columns ``exemplar_*`` of ``hr_employee`` and ``hr_department``, which Odoo drops at the end of
this upgrade). The rows were computed when the module was loaded; this script checks that the
same people and units are eligible under the plan's exemplar sets as before, and says so in the
log (a warning names those that differ, which a changed criteria set may explain), then drops the
old columns: they held derived values only, now rows.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD_COLUMNS = (
    "exemplar_eligible",
    "exemplar_missing",
    "exemplar_path",
    "exemplar_explanation",
    "exemplar_criteria_set_id",
)


def _old_eligible(cr, table):
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s "
            "AND column_name = 'exemplar_eligible'",
            table,
        )
    )
    if not cr.fetchone():
        return None
    cr.execute(SQL("SELECT id FROM %s WHERE exemplar_eligible AND active", SQL.identifier(table)))
    return {row[0] for row in cr.fetchall()}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
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
        cr.execute(
            SQL(
                "ALTER TABLE %s %s",
                SQL.identifier(table),
                SQL(", ").join(
                    SQL("DROP COLUMN IF EXISTS %s", SQL.identifier(column))
                    for column in OLD_COLUMNS
                ),
            )
        )
