"""18.0.3.0.0, statistics: the leaders split as the forms' rows split them.

Until this release an award to a key cadre was in the recipient category "leader", one row for
every leader. Form 0603.N/BNV-TĐKT (Circular 02/2023/TT-BNV) splits them: leaders of a ministry
or province or higher (``leader_central``), leaders of a department or equivalent
(``leader_department``: the agency's director and deputy directors), and the other leaders from
deputy head of division up, who keep the key ``leader``. No stored value changes: which leader
someone was is not recorded, and a unit tree does not tell it (a board above the divisions, or
none). The awards in ``leader`` are counted, for an officer to set the leaders of a department or
province by hand (Awards and titles, grouped by recipient category).
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")


def count_leaders(env):
    """Log how many awards are in ``leader``, to review by hand; return that number."""
    env.cr.execute("SELECT count(*) FROM emulation_award WHERE recipient_category = 'leader'")
    (count,) = env.cr.fetchone()
    if count:
        _logger.info(
            "Statistics: %s awards are counted as other leaders (from deputy head of division "
            "up). Set the leaders of a department (the director and deputy directors) and of a "
            "province among them by hand: Awards and titles, grouped by recipient category.",
            count,
        )
    return count


@openupgrade.migrate()
def migrate(env, version):
    count_leaders(env)
