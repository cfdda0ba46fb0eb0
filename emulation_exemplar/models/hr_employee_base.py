from odoo import fields, models


class HrEmployeeBase(models.AbstractModel):
    _inherit = "hr.employee.base"

    # Awards and titles are public honours inside the agency: shown on the public profile too.
    emulation_award_count = fields.Integer(
        string="Award count", compute="_compute_emulation_award_count"
    )

    def _compute_emulation_award_count(self):
        counts = dict(
            self.env["emulation.award"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        counts = {employee.id: count for employee, count in counts.items()}
        for employee in self:
            employee.emulation_award_count = counts.get(employee.id, 0)
