from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .private_access import copy_private, guarded_copy, search_private_access

# guarded copies of the private, stored eligibility fields: {copy: private field}
SHOWN_FIELDS = {
    "shown_exemplar_eligible": "exemplar_eligible",
    "shown_exemplar_missing": "exemplar_missing",
    "shown_exemplar_path": "exemplar_path",
    "shown_exemplar_explanation": "exemplar_explanation",
    "shown_exemplar_criteria_set_id": "exemplar_criteria_set_id",
}


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "emulation.exemplar.mixin"]
    _exemplar_owner_field = "department_id"
    # the short name matches too: imports of past years name "Văn phòng – Thanh tra", not its
    # full path "Ban Giám đốc / Văn phòng – Thanh tra"
    _rec_names_search = ["complete_name", "name"]
    _emulation_private_model = "hr.department"

    # the stored results, for officers; the views show the guarded copies below
    exemplar_eligible = fields.Boolean(string="Eligible exemplar (stored)")
    exemplar_missing = fields.Integer(string="Items missing (stored)")
    exemplar_path = fields.Char(string="Criteria met (stored)")
    exemplar_explanation = fields.Text(string="Eligibility explanation (stored)")
    exemplar_criteria_set_id = fields.Many2one(string="Criteria set used (stored)")

    emulation_award_ids = fields.One2many(
        "emulation.award", "department_id", string="Awards and titles"
    )
    emulation_classification_ids = fields.One2many(
        "emulation.classification",
        "department_id",
        string="Annual classifications",
        groups="emulation_exemplar.group_emulation_manager",
    )
    # what the user may see of the unit's eligibility: the unit managers of the unit or of a unit
    # above it, and officers (the stored fields themselves are for officers only)
    emulation_private_access = fields.Boolean(
        string="Personnel data visible",
        compute="_compute_shown_exemplar",
        search=search_private_access,
        help="Whether you may see this unit's classifications and eligibility: the units you "
        "manage and those below them, or every unit for an officer.",
    )
    shown_exemplar_eligible = guarded_copy("exemplar_eligible", "_compute_shown_exemplar")
    shown_exemplar_missing = guarded_copy("exemplar_missing", "_compute_shown_exemplar")
    shown_exemplar_path = guarded_copy("exemplar_path", "_compute_shown_exemplar")
    shown_exemplar_explanation = guarded_copy("exemplar_explanation", "_compute_shown_exemplar")
    shown_exemplar_criteria_set_id = guarded_copy(
        "exemplar_criteria_set_id", "_compute_shown_exemplar"
    )
    emulation_award_count = fields.Integer(
        string="Award count", compute="_compute_emulation_history_counts"
    )
    emulation_classification_count = fields.Integer(
        string="Classification count",
        compute="_compute_emulation_history_counts",
        groups="emulation_exemplar.group_emulation_manager",
    )

    @api.depends(
        "company_id",
        "emulation_award_ids.award_type_id",
        "emulation_award_ids.year",
        "emulation_award_ids.active",
        "emulation_classification_ids.level",
        "emulation_classification_ids.year",
        "emulation_classification_ids.active",
    )
    def _compute_exemplar(self):
        return super()._compute_exemplar()

    def _exemplar_kinds(self):
        return dict.fromkeys(self.ids, "collective")

    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_shown_exemplar(self):
        copy_private(self, "hr.department", SHOWN_FIELDS, flag_field="emulation_private_access")

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        self.env.registry.clear_cache()  # the record rules of unit managers
        return departments

    def write(self, vals):
        result = super().write(vals)
        if {"manager_id", "parent_id", "active", "company_id"} & set(vals):
            self.env.registry.clear_cache()  # the record rules of unit managers
        return result

    def _compute_emulation_history_counts(self):
        counts = {}
        for model in ("emulation.award", "emulation.classification"):
            # read as the user: the record rules leave out what they may not see
            counts[model] = {
                department.id: count
                for department, count in self.env[model]._read_group(
                    [("department_id", "in", self.ids)], ["department_id"], ["__count"]
                )
            }
        for department in self:
            department.emulation_award_count = counts["emulation.award"].get(department.id, 0)
            department.emulation_classification_count = counts["emulation.classification"].get(
                department.id, 0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_emulation_history(self):
        for model in ("emulation.award", "emulation.classification"):
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search(
                    ["|", ("department_id", "in", self.ids), ("unit_id", "in", self.ids)],
                    limit=1,
                )
            )
            if records:
                unit = (records.department_id | records.unit_id) & self
                raise UserError(
                    _(
                        "The unit %(name)s has emulation history (awards or classifications of "
                        "the unit or of its staff) and cannot be deleted, so that the history is "
                        "kept. Archive the unit instead.",
                        name=unit[:1].name,
                    )
                )

    def _emulation_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("department_id", "=", self.id)]
        action["context"] = {
            "default_recipient_type": "collective",
            "default_department_id": self.id,
        }
        return action

    def action_view_emulation_awards(self):
        return self._emulation_action("emulation_exemplar.action_emulation_award")

    def action_view_emulation_classifications(self):
        return self._emulation_action("emulation_exemplar.action_emulation_classification")

    def _emulation_record_action(self, model, name):
        """A new history record of this unit, in a dialog: the officer's button on the unit's
        emulation tab (an officer needs no right to edit units)."""
        self.ensure_one()
        if not self.env.user.has_group("emulation_exemplar.group_emulation_officer"):
            raise AccessError(self.env._("Only emulation officers can do this."))
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_recipient_type": "collective",
                "default_department_id": self.id,
                "default_company_id": self.company_id.id or self.env.company.id,
            },
        }

    def action_record_emulation_award(self):
        return self._emulation_record_action("emulation.award", self.env._("Record an award"))

    def action_record_emulation_classification(self):
        return self._emulation_record_action(
            "emulation.classification", self.env._("Record a classification")
        )
