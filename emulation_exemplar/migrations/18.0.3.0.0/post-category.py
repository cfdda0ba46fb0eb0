"""18.0.3.0.0: the emulation category set by hand moves to a model of its own.

Until 18.0.2.x it was a private column of the people, ``hr_employee.emulation_category_manual``,
which officers (who are not HR officers) could only read and set through overrides of
``hr.employee`` and a ``sudo()`` write. It is now a record of ``emulation.employee.category``
(one per person), which officers read and set through its own access rights and company rule.
Every value set by hand is copied (archived people included), then the old column is dropped;
the people's effective category (``hr_employee.emulation_category``) does not change.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")

OLD_COLUMN = ("hr_employee", "emulation_category_manual")


def move_manual_categories(env):
    """Copy the old column into ``emulation.employee.category`` and drop it; return the number
    of people whose category was set by hand (nothing to do when the column is gone)."""
    table, column = OLD_COLUMN
    if not openupgrade.column_exists(env.cr, table, column):
        return 0
    env.cr.execute(
        "SELECT e.id, e.emulation_category_manual FROM hr_employee e "
        "WHERE e.emulation_category_manual IN ('key_cadre', 'staff') "
        "AND NOT EXISTS (SELECT 1 FROM emulation_employee_category c WHERE c.employee_id = e.id)"
        " ORDER BY e.id"
    )
    rows = env.cr.fetchall()
    env["emulation.employee.category"].sudo().create(
        [{"employee_id": employee_id, "category": category} for employee_id, category in rows]
    )
    env.cr.execute(
        "SELECT count(*) FROM hr_employee e WHERE e.emulation_category_manual IS NOT NULL "
        "AND e.emulation_category_manual NOT IN ('key_cadre', 'staff')"
    )
    unknown = env.cr.fetchone()[0]
    if unknown:
        # not a category of this module: kept in the log rather than lost silently
        env.cr.execute(
            "SELECT id, emulation_category_manual FROM hr_employee "
            "WHERE emulation_category_manual NOT IN ('key_cadre', 'staff')"
        )
        _logger.warning(
            "Emulation categories set by hand that are not a category, not copied: %s",
            env.cr.fetchall(),
        )
    openupgrade.drop_columns(env.cr, [OLD_COLUMN])
    _logger.info("Emulation categories set by hand, moved to their own model: %s", len(rows))
    return len(rows)


@openupgrade.migrate()
def migrate(env, version):
    move_manual_categories(env)
