"""The commendation decision (quyết định khen thưởng): its articles, the list of recipients of the
paper ("Nơi nhận") and the signature, then the list of the people and units it commends, attached
on a page of its own."""

from odoo import api, models
from odoo.tools.misc import formatLang

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
        salaries = self.env["emulation.base.salary"]._salary_table()
        for decision in docs:
            reward = decision._row_rewards(salaries)
            rows = []
            for line in decision.line_ids:
                rows.append(
                    {
                        "name": line.recipient_name,
                        "position": line.job_title,
                        "unit": (
                            line.employee_id.department_id or line.department_id.parent_id
                        ).name,
                        "amount": reward(line.employee_id, line.department_id),
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
                            "amount": reward(employee, employee.browse()),
                        }
                    )
                for unit in decision.department_ids:
                    rows.append(
                        {
                            "name": unit.name,
                            "position": "",
                            "unit": unit.parent_id.name,
                            "amount": reward(unit.env["hr.employee"], unit),
                        }
                    )
                people, units = len(decision.employee_ids), len(decision.department_ids)
            name, position = person_and_position(decision.signer)
            total = sum(row["amount"] for row in rows)
            for row in rows:
                row["amount_text"] = self._format_money(row["amount"]) if row["amount"] else ""
            coefficients = {
                recipient_type: decision.award_type_id._coefficient(recipient_type)
                for recipient_type, count in (("individual", people), ("collective", units))
                if count
            }
            decisions[decision.id] = {
                "rows": rows,
                "money": bool(total),
                "total": self._format_money(total),
                "coefficient_individual": self._format_coefficient(coefficients.get("individual")),
                "coefficient_collective": self._format_coefficient(coefficients.get("collective")),
                "people": people,
                "units": units,
                "sessions": decision.line_ids.session_id.sorted("date"),
                "recipients": self._decision_recipients(decision, 4 if total else 3),
                "signer_name": name,
                "signer_title_lines": [position.upper()] if position else None,
            }
        return {"decisions": decisions}

    @api.model
    def _format_money(self, amount):
        """An amount of đồng as the paper prints it (2.340.000 in Vietnamese)."""
        return formatLang(self.env, amount or 0, digits=0)

    @api.model
    def _format_coefficient(self, coefficient):
        """A coefficient of the base salary as printed (0,3 in Vietnamese); empty for none."""
        if not coefficient:
            return ""
        text = formatLang(self.env, coefficient, digits=2)
        decimal = self.env["res.lang"]._lang_get(self.env.lang).decimal_point or "."
        return text.rstrip("0").rstrip(decimal) if decimal in text else text

    @api.model
    def _decision_recipients(self, decision, article=3):
        """Who receives the decision: those named in its last article (the one saying who
        implements it), then the company's usual recipients (without its "as above", which that
        article says)."""
        return self._paper_recipients(
            decision.company_id, self.env._("As in Article %(number)s;", number=article)
        )
