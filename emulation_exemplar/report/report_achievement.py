"""The achievement report (báo cáo thành tích) of a proposed person or unit, in the forms of the
appendix of Decree 152/2025/NĐ-CP (merit, sudden, thematic, contribution, external; individual
and collective), printed in the layout of Decree 30/2020/NĐ-CP: one per report, or all the
reports of a proposal in one document."""

from odoo import api, models


class ReportAchievement(models.AbstractModel):
    """Printed by whoever may read the reports (the proposing unit's managers, the officers):
    the narrative is the unit's, the history is read as the printing user."""

    _name = "report.emulation_exemplar.report_achievement"
    _inherit = "emulation.report.base"
    _description = "Achievement report"
    _type_code = "BC"

    _docs_model = "emulation.achievement.report"

    @api.model
    def _check_print_right(self, docs):
        """The reports the user may read (record rules) are theirs to print: the history they
        list is read as the user, and the proposing unit's managers read their people's."""

    @api.model
    def _paper_values(self, docs):
        return {"reports": {report.id: self._report_values(report) for report in docs}}

    @api.model
    def _report_values(self, report):
        env = self.env
        line = report.proposal_line_id
        if report.employee_id:
            person = report.employee_id
            identity = [(env._("Full name"), person.name)]
            if self._readable(person, "gender") and person.gender:
                identity.append((env._("Gender"), self._selection_label(person, "gender")))
            if self._readable(person, "birthday") and person.birthday:
                identity.append((env._("Date of birth"), self._format_date(person.birthday)))
            identity += [
                (env._("Home town"), report.home_town),
                (env._("Qualifications"), report.education),
                (env._("Position"), line.job_title),
                (env._("Unit"), person.department_id.name),
            ]
            # the head of the person's unit confirms (of the unit above, for its head); the
            # person signs their own report
            unit = person.department_id.sudo()
            if unit.manager_id == person:
                unit = unit.parent_id
            left_title = [env._("HEAD OF THE UNIT"), env._("CONFIRMS AND PROPOSES")]
            left_name = unit.manager_id.name or ""
            right_title = [env._("THE REPORTER")]
            right_name = person.name
        else:
            unit = report.department_id
            identity = [
                (env._("Unit"), unit.name),
                (env._("Part of"), unit.parent_id.name),
                (env._("Head of unit"), unit.sudo().manager_id.name),
            ]
            above = unit.sudo().parent_id
            left_title = [env._("HEAD OF THE UNIT ABOVE"), env._("CONFIRMS AND PROPOSES")]
            left_name = above.manager_id.name or ""
            right_title = [env._("HEAD OF THE UNIT")]
            right_name = unit.sudo().manager_id.name or ""
        return {
            "identity": [(label, value) for label, value in identity if value],
            "date": report.proposal_id.date or False,
            "with_history": report.kind in report._history_kinds,
            "left_title": left_title,
            "left_name": left_name,
            "right_title": right_title,
            "right_name": right_name,
        }
