from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .employee_category import EMULATION_CATEGORIES

PRIVATE = "emulation_exemplar.group_emulation_officer"


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "emulation.exemplar.mixin", "emulation.exemplar.result.mixin"]

    emulation_category = fields.Selection(
        EMULATION_CATEGORIES,
        string="Emulation category",
        compute="_compute_emulation_category",
        inverse="_inverse_emulation_category",
        store=True,
        readonly=False,
        groups=PRIVATE,
        help="Which criteria set applies. By default a manager of a department, or someone with "
        "direct reports, is a key cadre; an officer can set it by hand.",
    )
    # the category an officer set by hand has a home of its own (at most one record): officers
    # read and set it there, through its access rights and rules, without any HR right
    emulation_category_manual_ids = fields.One2many(
        "emulation.employee.category",
        "employee_id",
        string="Category record set by hand",
        groups=PRIVATE,
        copy=False,
    )
    emulation_category_by_hand = fields.Boolean(
        string="Category set by hand",
        compute="_compute_emulation_category_by_hand",
        groups=PRIVATE,
        help="The emulation category was set by an officer instead of following the organisation "
        "chart.",
    )
    emulation_managed_department_ids = fields.One2many(
        "hr.department", "manager_id", string="Managed departments", groups=PRIVATE
    )

    emulation_award_ids = fields.One2many(
        "emulation.award",
        "employee_id",
        string="Awards and titles",
    )
    emulation_classification_ids = fields.One2many(
        "emulation.classification",
        "employee_id",
        string="Annual classifications",
    )
    emulation_initiative_ids = fields.Many2many(
        "emulation.initiative",
        "emulation_initiative_employee_rel",
        "employee_id",
        "initiative_id",
        string="Initiatives",
    )
    emulation_classification_count = fields.Integer(
        string="Classification count",
        compute="_compute_emulation_history_counts",
        groups="emulation_exemplar.group_emulation_manager",
    )
    emulation_initiative_count = fields.Integer(
        string="Initiative count",
        compute="_compute_emulation_history_counts",
        groups="emulation_exemplar.group_emulation_manager",
    )

    @api.depends(
        "emulation_category_manual_ids.category", "child_ids", "emulation_managed_department_ids"
    )
    def _compute_emulation_category(self):
        for employee in self:
            manual = employee.emulation_category_manual_ids[:1].category
            if manual:
                employee.emulation_category = manual
            elif employee.child_ids or employee.emulation_managed_department_ids:
                employee.emulation_category = "key_cadre"
            else:
                employee.emulation_category = "staff"
        # the criteria sets that apply follow the category: evaluate these people again
        self.env["emulation.eligibility"]._queue(self)

    def _inverse_emulation_category(self):
        Manual = self.env["emulation.employee.category"]
        for category, employees in self.grouped("emulation_category").items():
            Manual._emulation_set(employees, category)
        # a category written (not computed): the sets that apply change all the same
        self.env["emulation.eligibility"]._queue(self)

    @api.depends("emulation_category_manual_ids")
    def _compute_emulation_category_by_hand(self):
        for employee in self:
            employee.emulation_category_by_hand = bool(employee.emulation_category_manual_ids)

    # stays: new people queue themselves and their units for evaluation
    @api.model_create_multi
    def create(self, vals_list, *args, **kwargs):
        employees = super().create(vals_list, *args, **kwargs)
        # new people (their category's computation queues them) count among their units' members
        Eligibility = self.env["emulation.eligibility"]
        Eligibility._queue(employees)
        if Eligibility._eligibility_counts_members():
            Eligibility._queue(employees._emulation_units_above())
        return employees

    # stays: a person who moves queues themselves and the units left and joined
    def write(self, vals, *args, **kwargs):
        # the units a person leaves or joins count their members again
        Eligibility = self.env["emulation.eligibility"]
        moves = {"department_id", "active", "company_id"} & set(vals)
        members_count = moves and Eligibility._eligibility_counts_members()
        if members_count:
            Eligibility._queue(self._emulation_units_above())
        result = super().write(vals, *args, **kwargs)
        if moves:
            Eligibility._queue(self)
        if members_count:
            Eligibility._queue(self._emulation_units_above())
        if "user_id" in vals:
            self.env["hr.department"]._emulation_heads_now()
        return result

    def _emulation_units_above(self):
        """The units whose member statistics count these people: their departments and the
        units above them (one method for people and units: ``hr.department``'s)."""
        return self.sudo().with_context(active_test=False).department_id._emulation_units_above()

    def action_reset_emulation_category(self):
        self.check_access("write")
        self.env["emulation.employee.category"]._emulation_set(self, False)

    # ------------------------------------------------------------------ eligibility
    def _exemplar_kinds(self):
        return {employee.id: employee.emulation_category for employee in self}

    def _compute_emulation_history_counts(self):
        classifications = {
            employee.id: count
            for employee, count in self.env["emulation.classification"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        }
        initiatives = {
            employee.id: count
            for employee, count in self.env["emulation.initiative"]._read_group(
                [("employee_ids", "in", self.ids)], ["employee_ids"], ["__count"]
            )
        }
        for employee in self:
            employee.emulation_classification_count = classifications.get(employee.id, 0)
            employee.emulation_initiative_count = initiatives.get(employee.id, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_emulation_history(self):
        for model, field in (
            ("emulation.award", "employee_id"),
            ("emulation.classification", "employee_id"),
            ("emulation.initiative", "employee_ids"),
        ):
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([(field, "in", self.ids)], limit=1)
            )
            if records:
                raise UserError(
                    _(
                        "%(name)s has emulation history (awards, classifications or "
                        "initiatives) and cannot be deleted, so that the history is kept. "
                        "Archive the employee instead.",
                        name=(records[field] & self)[:1].name,
                    )
                )

    def _emulation_action(self, xmlid, field, extra_context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "in" if field.endswith("_ids") else "=", self.id)]
        context = {
            "default_recipient_type": "individual",
            "default_employee_id": self.id,
            "search_default_filter_active_or_archived": 0,
        }
        context.update(extra_context or {})
        action["context"] = context
        return action

    def action_view_emulation_awards(self):
        return self._emulation_action("emulation_exemplar.action_emulation_award", "employee_id")

    def action_view_emulation_classifications(self):
        return self._emulation_action(
            "emulation_exemplar.action_emulation_classification", "employee_id"
        )

    def action_view_emulation_initiatives(self):
        return self._emulation_action(
            "emulation_exemplar.action_emulation_initiative",
            "employee_ids",
            {"default_employee_ids": [self.id]},
        )
