from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .cycle_state_mixin import AT_CREATION, CHILDREN, DRAFTED
from .history_mixin import check_years
from .registration_line import is_within
from .write_policy_mixin import SERVER, policy

REGISTRATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("returned", "Returned"),
]


class EmulationRegistration(models.Model):
    """A unit's emulation registration (đăng ký thi đua) at the start of the year: who of the
    unit aims at which title or form of commendation."""

    _name = "emulation.registration"
    _inherit = [
        "emulation.cycle.state.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Emulation registration"
    _order = "year desc, department_id, id"
    _check_company_auto = True
    _write_policy = {
        "year": DRAFTED,
        "department_id": DRAFTED,
        "award_type_id": DRAFTED,
        "line_ids": CHILDREN,
        "return_reason": policy(officer=("submitted", "approved")),
        "company_id": AT_CREATION,
        "state": SERVER,
        "line_count": SERVER,
    }

    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        index=True,
        aggregator=False,
        tracking=True,
        help="The year of emulation the unit registers for.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Registering unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        default=lambda self: self._default_department(),
    )
    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Title for everyone",
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "emulation_exemplar.award_type_advanced_worker", raise_if_not_found=False
        ),
        domain="[('recipient_scope', 'in', ('individual', 'both'))]",
        help="The title Register all members registers each member of the unit for; each line "
        "can then be changed or removed.",
    )
    line_ids = fields.One2many(
        "emulation.registration.line", "registration_id", string="Registered", copy=True
    )
    line_count = fields.Integer(compute="_compute_line_count", string="Registered lines")
    state = fields.Selection(
        REGISTRATION_STATES,
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    return_reason = fields.Text(
        string="Reason for returning",
        tracking=True,
        copy=False,
        help="What the unit must correct; written by the officer who returns the registration.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "unit_year_uniq",
            "unique(department_id, year)",
            "A unit registers once a year: open its registration and add the lines there.",
        ),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for registration in self:
            registration.line_count = len(registration.line_ids)

    @api.depends("department_id", "year")
    def _compute_display_name(self):
        for registration in self:
            registration.display_name = _(
                "Registration %(year)s – %(unit)s",
                year=registration.year,
                unit=registration.department_id.name or "",
            )

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(r.state != "draft" for r in self):
            raise UserError(_("Only a draft registration can be deleted."))

    def unlink(self):
        # the lines go through their own unlink, not the database's cascade: the plan's
        # nominations they register follow (emulation.registration.line._link_nominations)
        if any(r.state != "draft" for r in self):
            self._unlink_only_drafts()
        self.line_ids.unlink()
        return super().unlink()

    @api.model
    def _default_department(self):
        """The unit the user heads (a unit head's registration is for his unit)."""
        return self.env["hr.department"].search(
            [
                ("manager_id.user_id", "=", self.env.uid),
                ("company_id", "in", (False, self.env.company.id)),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------ filling the lines
    def _editable_by_caller(self):
        """Refuse unless the caller may write this registration now (record rules first)."""
        self.ensure_one()
        self.check_access("write")
        self._check_unit_may_edit()
        if self.state not in self._unit_editable_states:
            raise UserError(
                _(
                    "%(paper)s is %(state)s: lines are added only while it is a draft or returned.",
                    paper=self.display_name,
                    state=self._policy_state_label(self.state),
                )
            )

    def _add_lines(self, keys):
        """Create the lines ``keys`` ((employee, department, award type) ids) that the
        registration does not hold yet, through the write policy of the lines."""
        self.ensure_one()
        present = {
            (line.employee_id.id, line.department_id.id, line.award_type_id.id)
            for line in self.line_ids
        }
        vals_list = []
        for employee_id, department_id, type_id in keys:
            if (employee_id, department_id, type_id) in present:
                continue
            present.add((employee_id, department_id, type_id))
            vals_list.append(
                {
                    "registration_id": self.id,
                    "recipient_type": "individual" if employee_id else "collective",
                    "employee_id": employee_id,
                    "department_id": department_id,
                    "award_type_id": type_id,
                }
            )
        self.env["emulation.registration.line"].create(vals_list)
        return len(vals_list)

    def _added_notification(self, count):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info" if count else "warning",
                "message": _(
                    "%(count)s lines added: remove those who do not register.", count=count
                )
                if count
                else _("No line to add: everyone is already registered."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_register_all(self):
        """Register every member of the unit (and of the units below it) for the title for
        everyone, in one click; the unit then removes who does not register."""
        self.ensure_one()
        self._editable_by_caller()
        if not self.award_type_id:
            raise UserError(_("Choose the title for everyone first, then Register all members."))
        people = self.env["hr.employee"].search(
            [
                ("department_id", "child_of", self.department_id.id),
                ("company_id", "=", self.company_id.id),
            ],
            order="department_id, name, id",
        )
        count = self._add_lines([(person.id, False, self.award_type_id.id) for person in people])
        return self._added_notification(count)

    def action_copy_last_year(self):
        """Register the same people and units for the same titles as the unit's registration of
        the year before (those still in the unit)."""
        self.ensure_one()
        self._editable_by_caller()
        last = self.search(
            [("department_id", "=", self.department_id.id), ("year", "=", self.year - 1)], limit=1
        )
        if not last:
            raise UserError(
                _(
                    "%(unit)s has no registration for %(year)s to copy: use Register all "
                    "members instead.",
                    unit=self.department_id.display_name,
                    year=self.year - 1,
                )
            )
        keys = []
        for line in last.line_ids:
            if not line.award_type_id:
                continue  # a line of the plan's advanced exemplars alone: the plan registers them
            unit = line.employee_id.department_id if line.employee_id else line.department_id
            if line.employee_id and not line.employee_id.active:
                continue
            if not is_within(unit, self.department_id):
                continue
            keys.append((line.employee_id.id, line.department_id.id, line.award_type_id.id))
        return self._added_notification(self._add_lines(keys))

    def action_new_proposal(self):
        """From the submitted registration, the unit's proposal of its title and year: a new
        proposal form with the unit, the year and the title (the title for everyone, else the
        first one registered) filled in; Only registered comes on by itself."""
        self.ensure_one()
        self.check_access("read")
        if self.state not in ("submitted", "approved"):
            raise UserError(
                _(
                    "Submit %(paper)s first: a proposal proposes those who registered.",
                    paper=self.display_name,
                )
            )
        award_type = self.award_type_id or self.line_ids[:1].award_type_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Proposal"),
            "res_model": "emulation.proposal",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_department_id": self.department_id.id,
                "default_year": self.year,
                "default_award_type_id": award_type.id,
            },
        }

    # ------------------------------------------------------------------ buttons
    def action_submit(self):
        for registration in self:
            if registration.state not in ("draft", "returned"):
                raise UserError(
                    _("%(paper)s is already submitted.", paper=registration.display_name)
                )
            if not registration.line_ids:
                raise UserError(
                    _(
                        "%(paper)s has no line: add who registers for which title first.",
                        paper=registration.display_name,
                    )
                )
        # a discipline may have come under consideration since the lines were written
        self.env["emulation.discipline"]._check_not_under_consideration(self.line_ids.employee_id)
        self._set_state("submitted")
        self._todo_for_officers_submitted()
        return True

    def _todo_for_officers_submitted(self):
        for registration in self:
            registration._todo_for_officers(
                _("Review the registration: %(paper)s", paper=registration.display_name)
            )

    def action_approve(self):
        self._check_officer()
        if any(r.state != "submitted" for r in self):
            raise UserError(_("Only a submitted registration can be approved."))
        self._set_state("approved")
        self._todos_done()
        return True

    def action_return(self):
        return self._return_to_unit(("submitted", "approved"))

    def _return_with_reason(self, reason, reject=False):
        """The return dialog's button: the reason and the status, written together."""
        if reject:
            raise UserError(_("A registration is returned to its unit, not rejected."))
        self._check_officer()
        self._button_write({"return_reason": reason})
        return self.action_return()
