from odoo import models
from odoo.osv import expression

OFFICER = "emulation_exemplar.group_emulation_officer"
MANAGER = "emulation_exemplar.group_emulation_manager"


class ResUsers(models.Model):
    """Whose personnel data (classifications, eligibility, nominations) a user may read.

    - an officer: everyone of the companies they work in;
    - a unit manager: themselves, and the people and units of the departments they manage
      (``hr.department.manager_id``) and of the departments below them (``child_ids``);
    - everyone else: themselves only.

    The record rules of ``security/emulation_rules.xml`` say the same in domains; these helpers
    serve the guarded fields of ``hr.employee.public`` and ``hr.department``.
    """

    _inherit = "res.users"

    def _emulation_managed_departments(self):
        """The departments the user heads and all those below them (a sudo recordset), or none
        when the user is not a unit manager."""
        self.ensure_one()
        Department = self.env["hr.department"].sudo().with_context(active_test=False)
        if not self.has_group(MANAGER):
            return Department
        heads = self.sudo().employee_ids  # active ones, as the record rules' user.employee_ids
        managed = Department.search([("manager_id", "in", heads.ids)])
        return Department.search([("id", "child_of", managed.ids)]) if managed else managed

    def _emulation_employee_scope(self):
        """Domain on ``hr.employee`` of the people whose personnel data the user may read."""
        self.ensure_one()
        company = [("company_id", "in", self.env.companies.ids)]
        if self.has_group(OFFICER):
            return company
        own = [("user_id", "=", self.id)]
        managed = self._emulation_managed_departments()
        if managed:
            own = expression.OR([own, [("department_id", "in", managed.ids)]])
        return expression.AND([company, own])

    def _emulation_department_scope(self):
        """Domain on ``hr.department`` of the units whose personnel data the user may read."""
        self.ensure_one()
        company = [("company_id", "in", [*self.env.companies.ids, False])]
        if self.has_group(OFFICER):
            return company
        managed = self._emulation_managed_departments()
        if not managed:
            return expression.FALSE_DOMAIN
        return expression.AND([company, [("id", "in", managed.ids)]])
