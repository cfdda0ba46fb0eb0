"""The commendation record of a person (from the person or their public profile) and of a unit."""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError

from .emulation_report_base import OFFICER


class ReportEmulationRecordEmployee(models.AbstractModel):
    """Commendation record of a person: identity, awards and titles, initiatives,
    classifications by year, and the current eligibility explanation.

    Printed by the person themselves, their unit managers and the emulation officers (who may
    see all of it); people without HR rights print it from the public profile."""

    _name = "report.emulation_exemplar.report_record_employee"
    _inherit = "emulation.report.base"
    _description = "Commendation record of a person"
    _type_code = "BC"

    _docs_model = "hr.employee"

    @api.model
    def _browse_readable(self, model, docids):
        """People without HR rights read people through their public profiles, as in core: the
        same ids, so that a bookmarked URL of this report prints for them too."""
        if model == "hr.employee" and not self.env["hr.employee"].browse().has_access("read"):
            model = "hr.employee.public"
        return super()._browse_readable(model, docids)

    @api.model
    def _check_print_right(self, docs):
        """Only for the people whose classifications and eligibility the user may see."""
        public = self.env["hr.employee.public"].browse(docs.ids)
        refused = public.filtered(lambda person: not person.emulation_private_access)
        if refused:
            raise AccessError(self._print_refusal(refused))

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "You can print your own commendation record; unit managers can print those of the "
            "people of their units, and emulation officers everyone's. Ask an emulation officer "
            "for the record of %(names)s.",
            names=", ".join(docs.mapped("name")),
        )

    @api.model
    def _paper_values(self, docs):
        return {"records": self._record_values(docs)}

    @api.model
    def _empty_record(self):
        return {
            "awards": [],
            "initiatives": [],
            "classifications": [],
            "identity": [],
            "explanation": False,
            "eligibility": False,
            # None: the section is not printed (a reader other than an officer)
            "disciplines": None,
        }

    @api.model
    def _record_values(self, employees):
        """{employee id: values of the record}, read as the user, in a few batched searches.
        ``employees`` are people (HR users) or their public profiles: the category and the
        eligibility come from the public profile, where the user's scope gives them."""
        result = {employee.id: self._empty_record() for employee in employees}
        if not employees:
            return result
        order = "year, decision_date, id"
        Award = self.env["emulation.award"]
        for award in Award.search([("employee_id", "in", employees.ids)], order=order):
            result[award.employee_id.id]["awards"].append(award)
        Classification = self.env["emulation.classification"]
        for line in Classification.search([("employee_id", "in", employees.ids)], order=order):
            result[line.employee_id.id]["classifications"].append(line)
        Initiative = self.env["emulation.initiative"]
        for initiative in Initiative.search([("employee_ids", "in", employees.ids)], order=order):
            for author in initiative.employee_ids:
                if author.id in result:
                    result[author.id]["initiatives"].append(initiative)
        if self.env.user.has_group(OFFICER):
            # the discipline section: for the emulation officers only, whoever else may read
            # some of them (the person, their unit managers)
            for employee in employees:
                result[employee.id]["disciplines"] = []
            Discipline = self.env["emulation.discipline"]
            for discipline in Discipline.search(
                [("employee_id", "in", employees.ids)], order="year, decision_date, id"
            ):
                result[discipline.employee_id.id]["disciplines"].append(discipline)
        profiles = self.env["hr.employee.public"].browse(employees.ids)
        show_birthday = self._readable(employees, "birthday")
        show_gender = self._readable(employees, "gender")
        for employee, profile in zip(employees, profiles, strict=True):
            identity = [(self.env._("Full name"), employee.name)]
            if show_birthday and employee.birthday:
                identity.append((self.env._("Date of birth"), self._format_date(employee.birthday)))
            if show_gender and employee.gender:
                identity.append((self.env._("Gender"), self._selection_label(employee, "gender")))
            identity.append(
                (self.env._("Position or rank"), employee.job_title or employee.job_id.name)
            )
            identity.append((self.env._("Unit"), employee.department_id.name))
            identity.append(
                (
                    self.env._("Emulation category"),
                    self._selection_label(profile, "emulation_category"),
                )
            )
            values = result[employee.id]
            values["identity"] = [(label, value) for label, value in identity if value]
            values.update(self._eligibility_values(profile))
        return result

    @api.model
    def _eligibility_values(self, record):
        """The eligibility lines of the record (its exemplar result, as the reader sees it)."""
        criteria_set = record.exemplar_criteria_set_id
        if record.exemplar_eligible:
            status = self.env._("Eligible as an advanced exemplar")
        elif criteria_set and record.exemplar_missing == 1:
            status = self.env._("Not yet eligible: one step away")
        elif criteria_set:
            status = self.env._("Not eligible")
        else:
            status = self.env._("No active criteria set applies")
        return {
            "eligibility": status,
            "criteria_set": criteria_set.display_name or "",
            "explanation": record.exemplar_explanation or "",
        }


class ReportEmulationRecordEmployeePublic(models.AbstractModel):
    """The same record, printed from the public profile (*Exemplars › People*, the profile's
    Print menu): the emulation officer has no HR right and reads people there."""

    _name = "report.emulation_exemplar.report_record_employee_public"
    _inherit = "report.emulation_exemplar.report_record_employee"
    _description = "Commendation record of a person (public profile)"

    _docs_model = "hr.employee.public"


class ReportEmulationRecordDepartment(models.AbstractModel):
    """Commendation record of a unit: identity, awards and titles, classifications by year, and
    the current eligibility explanation. Printed by the unit's managers and the emulation
    officers."""

    _name = "report.emulation_exemplar.report_record_department"
    _inherit = "report.emulation_exemplar.report_record_employee"
    _description = "Commendation record of a unit"

    _docs_model = "hr.department"

    @api.model
    def _check_print_right(self, docs):
        """Only for the units whose classifications and eligibility the user may see."""
        refused = docs.filtered(lambda unit: not unit.emulation_private_access)
        if refused:
            raise AccessError(self._print_refusal(refused))

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers and the managers of a unit can print its commendation "
            "record: it holds the unit's classifications. Ask an emulation officer for the "
            "record of %(names)s.",
            names=", ".join(docs.mapped("name")),
        )

    @api.model
    def _record_values(self, departments):
        result = defaultdict(self._empty_record)
        if not departments:
            return result
        order = "year, decision_date, id"
        domain = [("department_id", "in", departments.ids), ("recipient_type", "=", "collective")]
        for award in self.env["emulation.award"].search(domain, order=order):
            result[award.department_id.id]["awards"].append(award)
        for line in self.env["emulation.classification"].search(domain, order=order):
            result[line.department_id.id]["classifications"].append(line)
        for department in departments:
            identity = [
                (self.env._("Unit"), department.name),
                (self.env._("Part of"), department.parent_id.name),
                (self.env._("Head of unit"), department.manager_id.name),
            ]
            values = result[department.id]
            values["identity"] = [(label, value) for label, value in identity if value]
            values.update(self._eligibility_values(department))
        return dict(result)
