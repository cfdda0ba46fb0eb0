"""18.0.3.0.0: the results store what counted; sudden and thematic awards are no basis.

- Each eligibility result now stores the ids of the history records that counted for it
  (``emulation.eligibility.counted_history``, issue 23): the new column is empty after the
  schema update, so every person and unit is evaluated again and the results written (only the
  rows that change are rewritten: here, all of them, once).
- Award conditions now count only the awards whose method is regular, unless the new
  parameter "Any method" (``any_award_method``) is ticked: Decree 152/2025/NĐ-CP, art. 4(3), the
  results of commendation for sudden achievements and of thematic emulation are no basis for
  merit-based commendation. The existing conditions get the default (unticked), which is the
  decree's meaning; the awards of another method that such conditions counted before are
  listed in the log, for an officer to check the results that change (and to tick "Any method"
  on a condition that must count them, where a regulation says so).
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger("odoo.addons.emulation_exemplar.migrations")


def log_awards_no_longer_counted(env):
    """Warn, in the log, of the active awards of another method than regular whose type an award
    condition names: they counted before this release and no longer do. Return them."""
    conditions = env["emulation.criteria.condition"].search([("any_award_method", "=", False)])
    conditions = conditions.filtered("uses_any_award_method")
    awards = env["emulation.award"].search(
        [
            ("award_type_id", "in", conditions.award_type_ids.ids),
            ("method", "not in", [False, "regular"]),
        ]
    )
    if awards:
        _logger.warning(
            "%s award(s) of another method than regular no longer count for the award "
            "conditions (Decree 152/2025/NĐ-CP, art. 4(3)); tick “Any method” on a condition "
            "that must count them: awards %s.",
            len(awards),
            awards.ids,
        )
    return awards


@openupgrade.migrate()
def migrate(env, version):
    log_awards_no_longer_counted(env)
    env["emulation.eligibility"]._eligibility_recompute_all()
    _logger.info("Every eligibility result evaluated again: what counted is stored with each.")
