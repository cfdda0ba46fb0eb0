from odoo import api, fields, models
from odoo.exceptions import UserError

EMULATION_CATEGORIES = [("key_cadre", "Key cadre"), ("staff", "Non-leadership staff")]


class EmulationEmployeeCategory(models.Model):
    """The emulation category an officer set by hand for a person (at most one per person).

    A record of its own, not a column of ``hr.employee``: an emulation officer is not an HR
    officer and reads people through their public profiles, so a private column on the
    employee needed ``fetch``/``search_fetch`` overrides to be read and a ``sudo()`` write to be
    set. Here the access rights (officers and administrators) and the company rule say who
    reads and sets it, as for any other record of the module. The person's effective category
    (``hr.employee.emulation_category``) follows it, else the organisation chart.
    """

    _name = "emulation.employee.category"
    _description = "Emulation category set by hand"
    _rec_name = "employee_id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, string="Company"
    )
    category = fields.Selection(
        EMULATION_CATEGORIES,
        string="Emulation category",
        required=True,
        help="Overrides the automatic category (key cadre when the person manages a unit or "
        "has direct reports) and survives later changes of the organisation chart.",
    )

    _sql_constraints = [
        (
            "employee_uniq",
            "unique (employee_id)",
            "A person has one emulation category set by hand.",
        ),
    ]

    @api.model
    def _emulation_set(self, employees, category):
        """Set (a category key) or clear (False) the category of ``employees`` by hand, as the
        current user: the access rights and record rules decide."""
        if category and category not in dict(EMULATION_CATEGORIES):
            raise UserError(self.env._("Unknown emulation category: %s", category))
        existing = self.search([("employee_id", "in", employees.ids)])
        if not category:
            existing.unlink()
            return
        existing.filtered(lambda line: line.category != category).write({"category": category})
        missing = employees - existing.employee_id
        if missing:
            self.create([{"employee_id": e.id, "category": category} for e in missing])
