from odoo import fields, models


class EmulationNominationDropWizard(models.TransientModel):
    _name = "emulation.nomination.drop.wizard"
    _description = "Drop nominations with a reason"

    nomination_ids = fields.Many2many("emulation.nomination", string="Nominations", required=True)
    drop_reason = fields.Text(string="Reason", required=True)

    def action_drop(self):
        self.ensure_one()
        self.nomination_ids.check_access("write")
        self.nomination_ids.write({"stage": "dropped", "drop_reason": self.drop_reason})
        return {"type": "ir.actions.act_window_close"}
