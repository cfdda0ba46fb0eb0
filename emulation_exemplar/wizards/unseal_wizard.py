from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the sealed records an officer may reopen, each with what reopening unseals
SEALED_MODELS = ("emulation.council.session", "emulation.decision")


class EmulationUnsealWizard(models.TransientModel):
    """Reopen a sealed record (a closed council session, an issued decision): the officer says
    why, the record's chatter keeps it, and only what the wizard names is unsealed."""

    _name = "emulation.unseal.wizard"
    _description = "Reopen a sealed record"

    res_model = fields.Selection(
        [
            ("emulation.council.session", "Council session"),
            ("emulation.decision", "Decision"),
        ],
        string="Record type",
        required=True,
        readonly=True,
    )
    res_id = fields.Integer(string="Record ID", required=True, readonly=True)
    effect = fields.Text(string="What reopening unseals", compute="_compute_effect")
    reason = fields.Text(
        required=True, help="Why the record is reopened; kept in its chatter for the inspectors."
    )

    @api.model
    def _open(self, record):
        record.ensure_one()
        record.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Reopen %(name)s", name=record.display_name),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": record._name, "default_res_id": record.id},
        }

    @api.depends("res_model")
    def _compute_effect(self):
        for wizard in self:
            if wizard.res_model == "emulation.council.session":
                wizard.effect = _(
                    "The session goes back to voting: the votes of its lines can be counted "
                    "again, and the proposals it approved or rejected go back to the council "
                    "until it is closed again. A session whose lines are already in a decision "
                    "cannot be reopened."
                )
            elif wizard.res_model == "emulation.decision":
                wizard.effect = _(
                    "The decision's number, date, issuing authority, signer and achievement can "
                    "be corrected (its awards follow), until it is sealed again. Its award type, "
                    "year and recipients stay sealed: if they were wrong, cancel the decision "
                    "and issue the right one."
                )
            else:
                wizard.effect = False

    def _record(self):
        self.ensure_one()
        if self.res_model not in SEALED_MODELS:
            raise UserError(_("Only a council session or a decision is reopened here."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(_("The record to reopen no longer exists."))
        return record

    def action_confirm(self):
        self.check_access("write")
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Write why the record is reopened."))
        self._record()._unseal(reason)
        return {"type": "ir.actions.act_window_close"}
