"""The commendation decision (quyết định khen thưởng): its articles, the list of recipients of the
paper ("Nơi nhận") and the signature, then the list of the people and units it commends, attached
on a page of its own."""

from odoo import api, models
from odoo.tools.misc import formatLang


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
            sessions = decision.line_ids.session_id.sorted("date")
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
                "sessions": sessions,
                "subtitle": self._decision_subject(decision),
                "bases": self._decision_bases(decision, sessions),
                "article_1": self._decision_article_1(decision, people, units),
                "recipients": self._decision_recipients(decision, 4 if total else 3),
                **decision._signature_values(),
            }
        return {"decisions": decisions}

    # ------------------------------------------------------------------ the paper's words
    @api.model
    def _decision_subject(self, decision):
        """The line under QUYẾT ĐỊNH (Decree 30/2020, Appendix I): "Về việc công nhận danh hiệu
        …" for an emulation title, "Về việc tặng …" for a form of commendation."""
        award, year = decision.award_type_id.name or "", decision.year
        if decision.award_type_id.kind == "title":
            return self.env._(
                "On recognising the title “%(award)s” for %(year)s", award=award, year=year
            )
        return self.env._("On awarding the %(award)s for %(year)s", award=award, year=year)

    @api.model
    def _decision_bases(self, decision, sessions):
        """The "Căn cứ" lines: the Law, the decree detailing it, the texts on the body's
        functions (a company setting) and the minutes of the council the decision rests on."""
        _ = self.env._
        bases = [
            _("Under the Law on Emulation and Commendation No. 06/2022/QH15 of 15 June 2022;"),
            _(
                "Under Decree No. 152/2025/NĐ-CP of the Government detailing and guiding the "
                "implementation of some articles of the Law on Emulation and Commendation;"
            ),
        ]
        bases += [
            _("Under %(basis)s;", basis=basis)
            for basis in decision.company_id._emulation_body_function_lines()
        ]
        for session in sessions:
            if session.name:
                bases.append(
                    _(
                        "Considering the minutes No. %(number)s of the meeting of the Emulation "
                        "and Commendation Council of %(date)s;",
                        number=session.name,
                        date=self._format_date(session.date),
                    )
                )
            else:
                bases.append(
                    _(
                        "Considering the minutes of the meeting of the Emulation and "
                        "Commendation Council of %(date)s;",
                        date=self._format_date(session.date),
                    )
                )
        return bases

    @api.model
    def _recipient_count_text(self, people, units):
        """ "2 individuals and 1 collective" as the paper's language says it."""
        _ = self.env._
        parts = []
        if people:
            parts.append(_("%(count)s individuals", count=people))
        if units:
            parts.append(_("%(count)s collectives", count=units))
        if len(parts) == 2:
            return _("%(first)s and %(second)s", first=parts[0], second=parts[1])
        return parts[0] if parts else _("the individuals and collectives")

    @api.model
    def _decision_article_1(self, decision, people, units):
        """Article 1 without its number: "Công nhận danh hiệu “…” năm … cho …" for a title,
        "Tặng … cho …" for a form of commendation; the achievement recognised at its end."""
        _ = self.env._
        values = {
            "award": decision.award_type_id.name or "",
            "year": decision.year,
            "recipients": self._recipient_count_text(people, units),
        }
        if decision.award_type_id.kind == "title":
            text = _(
                "To recognise the title “%(award)s” for %(year)s for %(recipients)s (in the "
                "attached list)",
                **values,
            )
        else:
            text = _(
                "To award the %(award)s to %(recipients)s (in the attached list) for their "
                "achievements in %(year)s",
                **values,
            )
        reason = (decision.reason or "").strip().rstrip(".")
        if reason:
            text = _("%(article)s: %(reason)s", article=text, reason=reason)
        return text + "."

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
