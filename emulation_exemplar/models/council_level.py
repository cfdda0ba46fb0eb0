from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EmulationCouncilLevel(models.Model):
    """The level of an Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng) and
    the share of yes votes, counted against all its members, that a proposal needs at its
    sessions. Data an administrator edits: Decree 98/2023/NĐ-CP art. 30(7) set 90 % for the
    council of a ministry, sector or province and 80 % for the council of the level that
    proposes; Decree 152/2025/NĐ-CP replaced it from 1 July 2025 and the thresholds under it
    are not confirmed (README "The Law as in force on 1 January 2026")."""

    _name = "emulation.council.level"
    _description = "Council level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    vote_threshold = fields.Float(
        string="Vote threshold (%)",
        digits=(5, 2),
        required=True,
        help="The share of yes votes, counted against ALL the council's members (present or "
        "not), that a proposal needs at a session of a council of this level. A title with a "
        "stricter threshold of its own keeps it. A session takes the threshold of its level "
        "when the level is chosen: changing it here does not recount the sessions held.",
    )
    legal_basis = fields.Char(
        string="Legal basis",
        translate=True,
        help="The text that sets the threshold, and whether it is confirmed.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("vote_threshold")
    def _check_vote_threshold(self):
        for level in self:
            if not 0 <= level.vote_threshold <= 100:
                raise ValidationError(
                    _(
                        "The vote threshold of %(name)s is a percentage: enter a number from 0 "
                        "to 100.",
                        name=level.display_name,
                    )
                )
