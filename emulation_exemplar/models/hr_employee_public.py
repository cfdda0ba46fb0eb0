from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .employee_category import EMULATION_CATEGORIES

OFFICER = "emulation_exemplar.group_emulation_officer"


class HrEmployeePublic(models.Model):
    """The public profile every internal user reads.

    Awards, titles and initiatives are public honours: everyone sees them. The emulation category
    and the eligibility are personnel matters: they come from the person's result rows
    (``emulation.exemplar.result.mixin``), so they hold a value only for the people whose rows the
    user may read (themselves; a unit manager: the people of their units; an officer: everyone),
    and their filters only find those people.
    """

    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "emulation.exemplar.result.mixin"]

    emulation_category = fields.Selection(
        EMULATION_CATEGORIES,
        string="Emulation category",
        compute="_compute_emulation_category",
        search="_search_emulation_category",
        help="Which exemplar criteria set applies: that of key cadres or that of non-leadership "
        "staff.",
    )
    emulation_may_print = fields.Boolean(
        string="May print the commendation record",
        compute="_compute_emulation_may_print",
        help="Whether the reader may print this person's commendation record: their own, or any "
        "for unit managers and officers (who are refused those outside their scope when "
        "printing). The Print menu offers the paper only where it is set.",
    )
    # the identity printed on a person's commendation record (Decree 152/2025's forms: date of
    # birth, gender): HR users read them on the person; emulation officers, who have no HR
    # right, on the public profile (a column of its view: hr_employee's own values)
    birthday = fields.Date(
        string="Date of birth",
        readonly=True,
        groups="hr.group_hr_user,emulation_exemplar.group_emulation_officer",
    )
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other")],
        readonly=True,
        groups="hr.group_hr_user,emulation_exemplar.group_emulation_officer",
    )
    emulation_unit_name = fields.Char(
        string="Unit", related="department_id.name", help="The person's unit, without its parents."
    )
    emulation_category_by_hand = fields.Boolean(
        string="Category set by hand",
        compute="_compute_emulation_category_by_hand",
        help="The emulation category was set by an officer instead of following the organisation "
        "chart.",
    )
    emulation_award_ids = fields.Many2many(
        "emulation.award", string="Awards and titles", compute="_compute_emulation_histories"
    )
    emulation_initiative_ids = fields.Many2many(
        "emulation.initiative", string="Initiatives", compute="_compute_emulation_histories"
    )
    emulation_classification_ids = fields.Many2many(
        "emulation.classification",
        string="Annual classifications",
        compute="_compute_emulation_histories",
    )

    @api.depends_context("uid")
    def _compute_emulation_may_print(self):
        manager = self.env.user.has_group("emulation_exemplar.group_emulation_manager")
        for employee in self:
            employee.emulation_may_print = manager or employee.user_id == self.env.user

    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_emulation_category(self):
        categories = dict(EMULATION_CATEGORIES)
        for employee in self:
            kind = employee.exemplar_criteria_set_id.sudo().recipient_kind
            employee.emulation_category = kind if kind in categories else False

    def _search_emulation_category(self, operator, value):
        return self._exemplar_search([("criteria_set_id.recipient_kind", operator, value)])

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_emulation_histories(self):
        """Read as the user: the record rules leave out the classifications they may not see."""
        order = "year desc, id desc"
        awards = self.env["emulation.award"].search([("employee_id", "in", self.ids)], order=order)
        classifications = self.env["emulation.classification"].search(
            [("employee_id", "in", self.ids)], order=order
        )
        initiatives = self.env["emulation.initiative"].search(
            [("employee_ids", "in", self.ids)], order=order
        )
        for employee in self:
            employee.emulation_award_ids = awards.filtered(
                lambda a, e=employee: a.employee_id.id == e.id
            )
            employee.emulation_classification_ids = classifications.filtered(
                lambda c, e=employee: c.employee_id.id == e.id
            )
            employee.emulation_initiative_ids = initiatives.filtered(
                lambda i, e=employee: e.id in i.employee_ids.ids
            )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_emulation_category_by_hand(self):
        Manual = self.env["emulation.employee.category"]
        if not Manual.has_access("read"):
            self.emulation_category_by_hand = False
            return
        # read as the user: the access rights and the company rule decide
        by_hand = set(Manual.search([("employee_id", "in", self.ids)]).employee_id.ids)
        for employee in self:
            employee.emulation_category_by_hand = employee.id in by_hand

    # ------------------------------------------------------------------ the officer's actions
    def _emulation_private_employee(self):
        """The employee behind this profile, for an action of the emulation officer."""
        self.ensure_one()
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only emulation officers can do this."))
        self.check_access("read")
        return self.env["hr.employee"].browse(self.id)

    def action_view_emulation_awards(self):
        return self._emulation_private_employee().action_view_emulation_awards()

    def action_view_emulation_classifications(self):
        return self._emulation_private_employee().action_view_emulation_classifications()

    def action_view_emulation_initiatives(self):
        return self._emulation_private_employee().action_view_emulation_initiatives()

    def _emulation_record_action(self, model, name, extra_context=None):
        employee = self._emulation_private_employee()
        context = {
            "default_recipient_type": "individual",
            "default_employee_id": employee.id,
            "default_company_id": self.company_id.id,
        }
        context.update(extra_context or {})
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def action_record_emulation_award(self):
        return self._emulation_record_action("emulation.award", self.env._("Record an award"))

    def action_record_emulation_classification(self):
        return self._emulation_record_action(
            "emulation.classification", self.env._("Record a classification")
        )

    def action_record_emulation_initiative(self):
        employee = self._emulation_private_employee()
        return self._emulation_record_action(
            "emulation.initiative",
            self.env._("Record an initiative"),
            {"default_employee_ids": [employee.id]},
        )

    def action_set_emulation_category(self):
        """Set the emulation category by hand (the context key ``emulation_category``: a
        category key, or False to follow the organisation chart again)."""
        employee = self._emulation_private_employee()
        category = self.env.context.get("emulation_category") or False
        # a JSON-RPC client may send anything: a list, a number
        if category and (
            not isinstance(category, str) or category not in dict(EMULATION_CATEGORIES)
        ):
            raise UserError(self.env._("Unknown emulation category: %s", category))
        # as the officer: the category's own model grants it (no right on employees needed)
        self.env["emulation.employee.category"]._emulation_set(employee, category)
        return True
