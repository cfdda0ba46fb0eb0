"""The commendation decision (quyết định khen thưởng): its articles, the list of recipients of the
paper ("Nơi nhận") and the signature, then the list of the people and units it commends, attached
on a page of its own."""

from odoo import api, models

from .emulation_report_base import person_and_position


class ReportDecision(models.AbstractModel):
    _name = "report.emulation_exemplar.report_decision"
    _inherit = "emulation.report.base"
    _description = "Commendation decision with its list"
    _type_code = "QĐ"

    _docs_model = "emulation.decision"

    @api.model
    def _paper_values(self, docs):
        decisions = {}
        for decision in docs:
            rows = []
            for line in decision.line_ids:
                rows.append(
                    {
                        "name": line.recipient_name,
                        "position": line.job_title,
                        "unit": (
                            line.employee_id.department_id or line.department_id.parent_id
                        ).name,
                    }
                )
            people = len(decision.line_ids.filtered("employee_id"))
            units = len(decision.line_ids) - people
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
                people, units = len(decision.employee_ids), len(decision.department_ids)
            name, position = person_and_position(decision.signer)
            decisions[decision.id] = {
                "rows": rows,
                "people": people,
                "units": units,
                "sessions": decision.line_ids.session_id.sorted("date"),
                "recipients": self._decision_recipients(decision),
                "signer_name": name,
                "signer_title_lines": [position.upper()] if position else None,
            }
        return {"decisions": decisions}

    @api.model
    def _decision_recipients(self, decision):
        """Who receives the decision: those named in Article 3, then the company's usual
        recipients (without its "as above", which Article 3 says)."""
        return self._paper_recipients(decision.company_id, self.env._("As in Article 3;"))
