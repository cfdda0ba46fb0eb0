from odoo import fields, models

DOCUMENT_TYPES = [
    ("submission", "Submission (tờ trình)"),
    ("minutes", "Council minutes (biên bản)"),
    ("achievement_report", "Achievement report (báo cáo thành tích)"),
    ("other", "Other"),
]


class EmulationProposalDocument(models.Model):
    """A paper of a proposal's dossier (Law 06/2022/QH15 art. 84), with its type."""

    _name = "emulation.proposal.document"
    _description = "Paper of a commendation proposal"
    _order = "proposal_id, document_type, id"

    proposal_id = fields.Many2one(
        "emulation.proposal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="proposal_id.company_id", store=True, index=True)
    document_type = fields.Selection(
        DOCUMENT_TYPES, string="Type", required=True, default="achievement_report"
    )
    name = fields.Char(string="Description", required=True)
    file = fields.Binary(attachment=True, required=True)
    filename = fields.Char()

    def write(self, vals):
        self.proposal_id._check_unit_may_edit()
        return super().write(vals)

    def unlink(self):
        self.proposal_id._check_unit_may_edit()
        return super().unlink()
