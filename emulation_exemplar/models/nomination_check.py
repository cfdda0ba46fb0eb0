from odoo import fields, models


class EmulationNominationCheck(models.Model):
    _name = "emulation.nomination.check"
    _description = "Checklist line of a nomination (criterion judged by people)"
    _order = "nomination_id, sequence, id"

    nomination_id = fields.Many2one(
        "emulation.nomination", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="nomination_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    done = fields.Boolean(string="Met", help="Ticked when the officer judges the criterion met.")
    note = fields.Char(help="What the judgement rests on.")
