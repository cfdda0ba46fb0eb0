from odoo import api, fields, models
from odoo.exceptions import UserError

from .write_policy_mixin import NEW, SERVER, policy

DOCUMENT_TYPES = [
    ("submission", "Submission (tờ trình)"),
    ("minutes", "Council minutes (biên bản)"),
    ("achievement_report", "Achievement report (báo cáo thành tích)"),
    ("other", "Other"),
]


class EmulationProposalDocument(models.Model):
    """A paper of a proposal's dossier (Law 06/2022/QH15 art. 84), with its type."""

    _name = "emulation.proposal.document"
    _inherit = ["emulation.write.policy.mixin"]
    _description = "Paper of a commendation proposal"
    _order = "proposal_id, document_type, id"
    # policy states: the proposal's status. The unit files its papers while the proposal is a
    # draft; the officers add theirs (the council's minutes) until it is decided.
    _write_policy = dict.fromkeys(
        ("document_type", "name", "file", "filename"),
        policy(
            unit=(NEW, "draft", "returned"),
            officer=(NEW, "draft", "returned", "submitted", "council", "approved"),
        ),
    ) | {
        "proposal_id": policy(unit=(NEW,), officer=(NEW,)),
        "company_id": SERVER,
    }

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

    def _policy_state(self):
        self.ensure_one()
        return self.proposal_id.state

    def _policy_state_label(self, state):
        return self.proposal_id._policy_state_label(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        if self.env.su:
            return
        role = self._policy_role()
        for document in self:
            state = document._policy_state()
            if "file" not in self._policy_allowed(role, state):
                raise UserError(document._policy_refusal("file", role, state))
