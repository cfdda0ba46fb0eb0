"""The registration list of models and exemplars for the provincial board."""

from odoo import api, models


class ReportEmulationRegistration(models.AbstractModel):
    """The list of models and exemplars registered with the provincial Emulation and
    Commendation Board: field of work, achievements and registration date."""

    _name = "report.emulation_exemplar.report_registration"
    _inherit = "emulation.report.base"
    _description = "Registration list of models and exemplars"
    _type_code = "DS"

    _docs_model = "emulation.campaign"

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers can print the registration list of a campaign: it lists "
            "every registered nomination, and other users see only some of them."
        )

    @api.model
    def _paper_values(self, docs):
        registered = {campaign.id: [] for campaign in docs}
        for nomination in self.env["emulation.nomination"].search(
            [
                ("campaign_id", "in", docs.ids),
                ("registration_date", "!=", False),
                ("stage", "!=", "dropped"),
            ],
            order="registration_date, nominee_kind, name, id",
        ):
            registered[nomination.campaign_id.id].append(nomination)
        return {"registered": registered}
