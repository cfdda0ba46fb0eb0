from odoo import _, fields, models


class EmulationCampaignProposeWizard(models.TransientModel):
    _name = "emulation.campaign.propose.wizard"
    _description = "Propose candidates for a campaign from the criteria"

    campaign_id = fields.Many2one("emulation.campaign", required=True, ondelete="cascade")
    include_one_step_away = fields.Boolean(
        string="Also the ones one step away",
        help="Also propose the people and units missing one item of the criteria, marked to "
        "foster.",
    )

    def action_propose(self):
        self.ensure_one()
        nominations = self.campaign_id._propose_candidates(
            include_one_step_away=self.include_one_step_away
        )
        action = self.campaign_id.action_view_nominations()
        if nominations:
            message = _("%(count)s candidates proposed.", count=len(nominations))
            kind = "success"
        else:
            message = _("No new candidate: everyone who meets the criteria is already nominated.")
            kind = "info"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": kind, "sticky": False, "next": action},
        }
