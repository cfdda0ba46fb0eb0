from odoo import api, fields, models


class EmulationCampaignCloseWizard(models.TransientModel):
    _name = "emulation.campaign.close.wizard"
    _description = "Confirm closing a campaign with milestones not done"

    campaign_ids = fields.Many2many("emulation.campaign", string="Campaigns", required=True)
    open_milestone_ids = fields.Many2many(
        "emulation.campaign.milestone",
        string="Milestones not done",
        compute="_compute_open_milestone_ids",
    )

    @api.depends("campaign_ids")
    def _compute_open_milestone_ids(self):
        for wizard in self:
            wizard.open_milestone_ids = wizard.campaign_ids.milestone_ids.filtered(
                lambda m: m.state != "done"
            )

    def action_confirm(self):
        self.ensure_one()
        self.campaign_ids.with_context(emulation_confirm_close=True).action_close()
        return {"type": "ir.actions.act_window_close"}
