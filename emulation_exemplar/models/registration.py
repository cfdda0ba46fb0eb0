from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .cycle_state_mixin import AT_CREATION, CHILDREN, DRAFTED
from .history_mixin import check_years
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
        return True

    def action_approve(self):
        self._check_officer()
        if any(r.state != "submitted" for r in self):
            raise UserError(_("Only a submitted registration can be approved."))
        self._set_state("approved")
        return True

    def action_return(self):
        return self._return_to_unit(("submitted", "approved"))
