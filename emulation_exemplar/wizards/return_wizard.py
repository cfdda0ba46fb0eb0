from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the papers an officer returns to their unit (or rejects), with the reason the unit reads
PAPERS = ("emulation.registration", "emulation.proposal")


class EmulationReturnWizard(models.TransientModel):
    """Return a paper to its unit, or reject a proposal: the dialog asks for the reason, and the
    paper's own button writes it with the new status (the unit reads it on its paper and in its
    to-do)."""

    _name = "emulation.return.wizard"
    _description = "Return a paper to its unit"

    res_model = fields.Selection(
        [("emulation.registration", "Registration"), ("emulation.proposal", "Proposal")],
        string="Paper type",
        required=True,
        readonly=True,
    )
    res_id = fields.Integer(string="Paper ID", required=True, readonly=True)
    action = fields.Selection(
        [("return", "Return to the unit"), ("reject", "Reject")],
        required=True,
        default="return",
        readonly=True,
    )
    reason = fields.Text(
        required=True,
        help="What the unit must correct, or why the proposal is rejected: the unit reads it.",
    )

    @api.model
    def _open(self, paper, action):
        paper.ensure_one()
        paper.check_access("write")
        title = (
            _("Reject %(paper)s", paper=paper.display_name)
            if action == "reject"
            else _("Return %(paper)s to the unit", paper=paper.display_name)
        )
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": paper._name,
                "default_res_id": paper.id,
                "default_action": action,
            },
        }

    def _paper(self):
        self.ensure_one()
        if self.res_model not in PAPERS:
            raise UserError(_("Only a registration or a proposal is returned here."))
        paper = self.env[self.res_model].browse(self.res_id).exists()
        if not paper:
            raise UserError(_("The paper to return no longer exists."))
        return paper

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Write the reason: the unit needs to know what to correct."))
        paper = self._paper()
        paper.check_access("write")
        paper._return_with_reason(reason, reject=self.action == "reject")
        return {"type": "ir.actions.act_window_close"}
