"""18.0.3.0.0, statistics: the leaders split as the forms' rows split them.

Until this release an award to a key cadre was in the recipient category "leader", one row for
every leader. Form 0603.N/BNV-TĐKT (Circular 02/2023/TT-BNV) splits them: leaders of a ministry
or province or higher (``leader_central``), leaders of a department or equivalent
(``leader_department``), and the other leaders from deputy head of division up, who keep the key
``leader``. The awards of the agency's leaders (a key cadre of a top unit, the board: the
director and deputy directors) move to ``leader_department``, as a new award of theirs is
proposed; the others stay. The leaders of a ministry or province are set by hand.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")


def split_leaders(env):
    """Move the awards of the agency's leaders to ``leader_department``; return how many."""
    moved = openupgrade.logged_query(
        env.cr,
        """
        UPDATE emulation_award a
           SET recipient_category = 'leader_department'
          FROM hr_employee e
          JOIN hr_department d ON d.id = e.department_id
         WHERE a.employee_id = e.id
           AND a.recipient_category = 'leader'
           AND d.parent_id IS NULL
        """,
    )
    _logger.info(
        "Statistics: %s awards of the agency's leaders counted as leaders of a department.",
        moved,
    )
    return moved


@openupgrade.migrate()
def migrate(env, version):
    split_leaders(env)
