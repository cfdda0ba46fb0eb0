"""18.0.3.0.0: the council's level and its vote threshold (issue 24).

A council session now has a level (``council_level_id``: the council of a ministry, sector or
province, or that of the proposing level) whose threshold it keeps (``vote_threshold``); a
proposal passes with that share of all the members' votes, or the title's when stricter. The
sessions held before the upgrade were counted with the title's threshold alone: their columns
are created here, empty, so that the ORM neither fills them with the new default level nor
computes a threshold for them, and no ballot already counted changes.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    if not openupgrade.column_exists(cr, "emulation_council_session", "council_level_id"):
        openupgrade.logged_query(
            cr, "ALTER TABLE emulation_council_session ADD COLUMN council_level_id integer"
        )
    if not openupgrade.column_exists(cr, "emulation_council_session", "vote_threshold"):
        openupgrade.logged_query(
            cr,
            "ALTER TABLE emulation_council_session ADD COLUMN vote_threshold numeric DEFAULT 0",
        )
        openupgrade.logged_query(
            cr, "ALTER TABLE emulation_council_session ALTER COLUMN vote_threshold DROP DEFAULT"
        )
    cr.execute("SELECT count(*) FROM emulation_council_session")
    _logger.info(
        "%s council sessions kept without a level: their ballots stay counted with the title's "
        "threshold alone.",
        cr.fetchone()[0],
    )
