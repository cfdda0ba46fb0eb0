from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "emulation.exemplar.mixin"]
    _exemplar_owner_field = "department_id"
    # the short name matches too: imports of past years name "Văn phòng – Thanh tra", not its
    # full path "Ban Giám đốc / Văn phòng – Thanh tra"
    _rec_names_search = ["complete_name", "name"]

    emulation_award_ids = fields.One2many(
        "emulation.award", "department_id", string="Awards and titles"
    )
    emulation_classification_ids = fields.One2many(
        "emulation.classification",
        "department_id",
        string="Annual classifications",
        groups="emulation_exemplar.group_emulation_manager",
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

    def _compute_emulation_history_counts(self):
        counts = {}
        for model in ("emulation.award", "emulation.classification"):
            counts[model] = {
                department.id: count
                for department, count in self.env[model]
                .sudo()
                ._read_group([("department_id", "in", self.ids)], ["department_id"], ["__count"])
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
