from odoo import fields, models

from ..core import roadmap


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    emulation_parent_body = fields.Char(related="company_id.emulation_parent_body", readonly=False)
    emulation_parent_body_id = fields.Many2one(
        related="company_id.emulation_parent_body_id", readonly=False
    )
    emulation_body_name = fields.Char(related="company_id.emulation_body_name", readonly=False)
    emulation_place = fields.Char(related="company_id.emulation_place", readonly=False)
    emulation_document_symbol = fields.Char(
        related="company_id.emulation_document_symbol", readonly=False
    )
    emulation_signer_title = fields.Char(
        related="company_id.emulation_signer_title", readonly=False
    )
    emulation_signer_name = fields.Char(related="company_id.emulation_signer_name", readonly=False)
    emulation_recipients = fields.Text(related="company_id.emulation_recipients", readonly=False)
    emulation_report_lang = fields.Selection(
        related="company_id.emulation_report_lang", readonly=False
    )
    emulation_year = fields.Integer(related="company_id.emulation_year", readonly=False)
    emulation_year_automatic = fields.Integer(
        string="Year by date",
        compute="_compute_emulation_year_automatic",
        help="The year being judged when the setting is 0 (automatic), by today's date.",
    )

    def _compute_emulation_year_automatic(self):
        for settings in self:
            settings.emulation_year_automatic = roadmap.judged_year(
                fields.Date.context_today(settings)
            )

    emulation_body_functions = fields.Text(
        related="company_id.emulation_body_functions", readonly=False
    )
