"""The commendation decision (quyết định khen thưởng) with its attached list."""

from odoo import api, models


class ReportDecision(models.AbstractModel):
    _name = "report.emulation_exemplar.report_decision"
    _inherit = "emulation.report.base"
    _description = "Commendation decision with its list"
    _type_code = "QĐ"

    _docs_model = "emulation.decision"

    @api.model
    def _paper_values(self, docs):
        recipients = {}
        for decision in docs:
            rows = []
            for line in decision.line_ids:
                rows.append(
                    {
                        "name": line.recipient_name,
                        "position": line.job_title,
                        "unit": (line.employee_id.department_id or line.department_id).name,
                    }
                )
            if not rows:
                for employee in decision.employee_ids:
                    rows.append(
                        {
                            "name": employee.name,
                            "position": employee.job_title or "",
                            "unit": employee.department_id.name,
                        }
                    )
                for unit in decision.department_ids:
                    rows.append({"name": unit.name, "position": "", "unit": unit.parent_id.name})
            recipients[decision.id] = rows
        return {"recipients": recipients}
