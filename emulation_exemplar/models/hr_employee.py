from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

PRIVATE = "emulation_exemplar.group_emulation_officer"

EMULATION_CATEGORIES = [("key_cadre", "Key cadre"), ("staff", "Non-leadership staff")]


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
    emulation_category_manual = fields.Selection(
        EMULATION_CATEGORIES,
        string="Category set by hand",
        groups=PRIVATE,
        copy=False,
        help="When set, it overrides the automatic category and survives later changes.",
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

    @api.depends("emulation_category_manual", "child_ids", "emulation_managed_department_ids")
    def _compute_emulation_category(self):
        for employee in self:
            if employee.emulation_category_manual:
                employee.emulation_category = employee.emulation_category_manual
            elif employee.child_ids or employee.emulation_managed_department_ids:
                employee.emulation_category = "key_cadre"
            else:
                employee.emulation_category = "staff"

    def _inverse_emulation_category(self):
        for employee in self:
            employee.emulation_category_manual = employee.emulation_category

    # ------------------------------------------------------------------ reads without HR rights
    def _emulation_own_private_fields(self, field_names):
        """The stored fields of ``field_names`` that this module adds to ``hr.employee`` with
        ``groups`` the user has (e.g. ``emulation_category_manual`` for an officer). Core reads
        employees for people without HR rights through ``hr.employee.public`` and refuses any
        field the public profile lacks, even one whose ``groups`` the user has: an emulation
        officer is not an HR officer. Fields the user's groups do not allow still go through the
        public profile, where their guarded copies answer within the user's scope."""
        own = []
        for fname in field_names:
            field = self._fields.get(fname)
            if (
                field
                and field.store
                and field.groups
                and field._module == "emulation_exemplar"
                and field.is_accessible(self.env)
            ):
                own.append(fname)
        return own

    def _emulation_split_fetch(self, field_names):
        """(fields core's public path reads, fields of this module read here)."""
        if self.env.su or self.browse().has_access("read"):
            return list(field_names), []
        own = self._emulation_own_private_fields(field_names)
        return [fname for fname in field_names if fname not in own], own

    def _emulation_fetch_own(self, own):
        """Read the module's own fields ``own`` of these employees, which the caller may read
        (the public profile's record rules), within the fields' ``groups``."""
        if not own or not self:
            return
        self.check_field_access_rights("read", own)
        self.env["hr.employee.public"].browse(self._ids).check_access("read")
        self.sudo().fetch(own)

    def fetch(self, field_names):
        public_path, own = self._emulation_split_fetch(field_names)
        result = super().fetch(public_path)
        self._emulation_fetch_own(own)
        return result

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        public_path, own = self._emulation_split_fetch(field_names)
        records = super().search_fetch(domain, public_path, offset, limit, order)
        records._emulation_fetch_own(own)
        return records

    def write(self, vals):
        # the units a person leaves or joins count their members again
        moves = {"department_id", "active", "company_id"} & set(vals)
        members_count = moves and self.env["emulation.eligibility"]._eligibility_counts_members()
        if members_count:
            self._emulation_units_above()._exemplar_mark()
        result = super().write(vals)
        if moves:
            self._exemplar_mark()
        if members_count:
            self._emulation_units_above()._exemplar_mark()
        if "user_id" in vals:
            self.env["hr.department"]._emulation_heads_now()
        return result

    def _emulation_units_above(self):
        """The units whose member statistics count these people: their departments and the
        units above them, with what the engine needs of them (one query, without loading the
        people)."""
        self.env["hr.employee"].flush_model(["department_id"])
        self.env["hr.department"].flush_model(["parent_path"])
        units = SQL(
            """(SELECT DISTINCT part::int
                  FROM hr_employee e
                  JOIN hr_department d ON d.id = e.department_id,
                       unnest(string_to_array(d.parent_path, '/')) AS part
                 WHERE e.id = ANY(%s::int[]) AND part <> '')""",
            list(self._ids),
        )
        Units = self.env["hr.department"].sudo().with_context(active_test=False)
        return Units.search_fetch(
            [("id", "in", units)], ["active", "company_id", "parent_path"], order="id"
        )

    def action_reset_emulation_category(self):
        self.check_access("write")
        self.emulation_category_manual = False

    # ------------------------------------------------------------------ eligibility
    @api.depends(
        "company_id",
        "active",
        "department_id",
        "emulation_category",
        "emulation_award_ids.award_type_id",
        "emulation_award_ids.year",
        "emulation_award_ids.method",
        "emulation_award_ids.active",
        "emulation_classification_ids.level",
        "emulation_classification_ids.year",
        "emulation_classification_ids.active",
        "emulation_initiative_ids.level",
        "emulation_initiative_ids.year",
        "emulation_initiative_ids.applied_effectively",
        "emulation_initiative_ids.active",
    )
    def _compute_emulation_eligibility_token(self):
        return super()._compute_emulation_eligibility_token()

    @api.depends("emulation_eligibility_token")
    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_exemplar_result(self):
        return super()._compute_exemplar_result()

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
