from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .history_mixin import RECIPIENT_TYPES
from .write_policy_mixin import NEW, SERVER, policy

DRAFTED = policy(unit=(NEW, "draft", "returned"), officer=(NEW, "draft", "returned"))


def is_within(unit, root):
    """Whether ``unit`` is ``root`` or a unit below it (read as superuser: only the tree)."""
    unit, root = unit.sudo(), root.sudo()
    return bool(unit and root and (unit.parent_path or "").startswith(root.parent_path or "-"))


class EmulationRegistrationLine(models.Model):
    _name = "emulation.registration.line"
    _inherit = ["emulation.write.policy.mixin"]
    _description = "Emulation registration line"
    _order = "registration_id, recipient_type desc, id"
    _check_company_auto = True
    # policy states: the registration's status
    _write_policy = {
        "registration_id": policy(unit=(NEW,), officer=(NEW,)),
        "recipient_type": DRAFTED,
        "employee_id": DRAFTED,
        "department_id": DRAFTED,
        "award_type_id": DRAFTED,
        "note": DRAFTED,
        "year": SERVER,
        "state": SERVER,
        "company_id": SERVER,
    }

    registration_id = fields.Many2one(
        "emulation.registration", required=True, index=True, ondelete="cascade"
    )
    year = fields.Integer(related="registration_id.year", store=True)
    state = fields.Selection(related="registration_id.state", store=True)
    company_id = fields.Many2one(related="registration_id.company_id", store=True, index=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="individual")
    employee_id = fields.Many2one(
        "hr.employee", index="btree_not_null", ondelete="restrict", check_company=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Title or form",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('recipient_scope', 'in', (recipient_type, 'both'))]",
    )
    note = fields.Char()

    @api.constrains("recipient_type", "employee_id", "department_id", "registration_id")
    def _check_recipient(self):
        for line in self:
            recipient = (
                line.employee_id if line.recipient_type == "individual" else line.department_id
            )
            if not recipient or (line.employee_id and line.department_id):
                raise ValidationError(
                    _("Each line names one person (individual) or one unit (collective).")
                )
            unit = recipient.sudo().department_id if line.employee_id else recipient
            if not is_within(unit, line.registration_id.department_id):
                raise ValidationError(
                    _(
                        "A line names someone outside %(unit)s: register only the people and "
                        "units of %(unit)s and of the units below it.",
                        unit=line.registration_id.department_id.display_name,
                    )
                )
        # nobody registers while a discipline of theirs is under consideration
        self.env["emulation.discipline"]._check_not_under_consideration(self.employee_id)

    def _policy_state(self):
        self.ensure_one()
        return self.registration_id.state

    def _policy_state_label(self, state):
        return self.registration_id._policy_state_label(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        self.registration_id._check_unit_may_edit()
