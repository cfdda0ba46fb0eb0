from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from ..core import roadmap
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
        "model_name": DRAFTED,
        "exemplar": DRAFTED,
        "date": DRAFTED,
        "nominee_key": SERVER,
        "nomination_id": SERVER,
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
        ondelete="restrict",
        index=True,
        domain="[('recipient_scope', 'in', (recipient_type, 'both'))]",
        help="The title or form of commendation aimed at. Leave empty for an advanced exemplar "
        "of the plan registered for no title.",
    )
    exemplar = fields.Boolean(
        string="Advanced exemplar",
        help="Registered as an advanced exemplar of the plan (a person, a unit, or a model the "
        "unit runs) with the provincial Emulation and Commendation Board.",
    )
    model_name = fields.Char(
        string="Model (practice)",
        help="For a unit: the model (named practice) it runs that is registered as an exemplar.",
    )
    date = fields.Date(
        string="Registered on",
        default=fields.Date.context_today,
        help="The day the registration was received (for an exemplar: by the provincial "
        "Emulation and Commendation Board).",
    )
    nominee_key = fields.Char(
        compute="_compute_nominee_key",
        store=True,
        index="btree_not_null",
        help="The person, unit or model registered, as the plan's nominations name them.",
    )
    nomination_id = fields.Many2one(
        "emulation.nomination",
        string="Nomination (plan)",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The plan's nomination of the same person, unit or model for the same year: this "
        "line, an advanced exemplar's, is its registration.",
    )
    note = fields.Char()

    @api.depends("recipient_type", "employee_id", "department_id", "model_name")
    def _compute_nominee_key(self):
        for line in self:
            if line.recipient_type == "individual":
                kind = "individual"
            else:
                kind = "model" if (line.model_name or "").strip() else "collective"
            line.nominee_key = roadmap.nominee_key(
                kind, line.employee_id.id, line.department_id.id, line.model_name
            )

    # ------------------------------------------------------------------ the plan's nominations
    def _link_nominations(self):
        """Point each exemplar line at the plan's nomination of the same person, unit or model
        and year (the latest campaign's, if two campaigns hold the year), and let those that
        lost or gained a registration follow (their stage and date are read from the lines).
        The link is the server's: read as superuser, written only here."""
        lines = self.sudo().exists()
        if not lines:
            return
        lines.flush_recordset(["nominee_key", "year", "company_id"])
        keys = set(lines.mapped("nominee_key")) - {False}
        found = {}
        if keys:
            nominations = (
                self.env["emulation.nomination"]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("nominee_key", "in", list(keys)),
                        ("year", "in", list(set(lines.mapped("year")))),
                    ],
                    order="id desc",
                )
            )
            for nomination in nominations:
                found.setdefault(
                    (nomination.nominee_key, nomination.year, nomination.company_id.id), nomination
                )
        before = lines.nomination_id
        moves = {}  # {nomination id or False: lines to point there}
        for line in lines:
            nomination = found.get((line.nominee_key, line.year, line.company_id.id))
            target = nomination.id if nomination and line.exemplar else False
            if line.nomination_id.id != target:
                moves.setdefault(target, []).append(line.id)
        for target, line_ids in moves.items():
            lines.browse(line_ids).write({"nomination_id": target})
        touched = before | lines.nomination_id
        touched._check_registration_kept()
        touched._after_registration()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._link_nominations()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"recipient_type", "employee_id", "department_id", "model_name", "exemplar"} & set(vals):
            self._link_nominations()
        return result

    def unlink(self):
        nominations = self.sudo().nomination_id
        result = super().unlink()
        nominations._check_registration_kept()
        return result

    @api.constrains("award_type_id", "exemplar")
    def _check_aim(self):
        for line in self:
            if not line.award_type_id and not line.exemplar:
                raise ValidationError(
                    _(
                        "Each line names the title or form of commendation aimed at, or is "
                        "ticked as an advanced exemplar of the plan."
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.date and line.date > today:
                raise ValidationError(
                    _(
                        "The registration date of %(name)s, %(date)s, is in the future. Enter "
                        "the day the provincial board received the registration.",
                        name=(line.employee_id or line.department_id).sudo().name,
                        date=format_date(self.env, line.date),
                    )
                )

    @api.constrains("model_name", "recipient_type")
    def _check_model_of_unit(self):
        for line in self:
            if (line.model_name or "").strip() and line.recipient_type != "collective":
                raise ValidationError(
                    _(
                        "A model (practice) is registered with the unit that runs it: on a "
                        "collective line."
                    )
                )

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
