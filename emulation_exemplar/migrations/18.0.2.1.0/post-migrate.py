"""18.0.2.1.0: the history holds each honour once.

From this release an award refuses to double an honour: an emulation title is given once per
recipient and year, a form of commendation once per recipient and decision (its number and
year); see ``emulation.award._check_honour_once``. The rule is a Python constraint, not an SQL
one: a database that already holds doubled honours upgrades with every record kept. This script
lists each of them in the log, as a warning, for an officer to correct by hand: *Awards and
titles*, filter *Doubled*, keep the right award and archive the other.
"""

import logging

from openupgradelib import openupgrade

# named after the module (the file's own name is "post-migrate"), for whoever reads the log
_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")


def log_doubled_honours(env):
    """Warn, in the log, of each honour the history holds more than once; return them (a list
    of recordsets of awards, one per honour)."""
    doubled = env["emulation.award"]._doubled_honours()
    for awards in doubled:
        first = awards[0]
        _logger.warning(
            "Doubled honour, to correct by hand (Awards and titles, filter Doubled): %s holds "
            "%s for %s %s times: awards %s, decisions %s.",
            first._recipient().display_name,
            first.award_type_id.display_name,
            first.year,
            len(awards),
            awards.ids,
            ", ".join(award.decision_number or "-" for award in awards),
        )
    if not doubled:
        _logger.info("The history holds each honour once.")
    return doubled


@openupgrade.migrate()
def migrate(env, version):
    log_doubled_honours(env)
