from odoo import fields, models


class EmulationCriteriaAlternative(models.Model):
    _name = "emulation.criteria.alternative"
    _inherit = ["emulation.criteria.part"]
    _description = "Exemplar criteria alternative (any one suffices)"
    _order = "set_id, sequence, id"

    set_id = fields.Many2one(
        "emulation.criteria.set", string="Criteria set", required=True, ondelete="cascade"
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    condition_ids = fields.One2many(
        "emulation.criteria.condition",
        "alternative_id",
        string="Conditions",
        copy=True,
        help="All conditions must hold for this alternative to be met.",
    )
