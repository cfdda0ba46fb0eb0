from odoo import api, fields, models

from .hr_employee import EMULATION_CATEGORIES
from .private_access import (
    copy_private,
    guarded_copy,
    private_searcher,
    search_private_access,
)

# the private fields of hr.employee that have a guarded copy of the same name here
GUARDED_FIELDS = (
    "emulation_category",
    "exemplar_eligible",
    "exemplar_missing",
    "exemplar_path",
    "exemplar_explanation",
    "exemplar_criteria_set_id",
)


class HrEmployeePublic(models.Model):
    """The public profile every internal user reads.

    Awards, titles and initiatives are public honours: everyone sees them. The emulation category
    and the eligibility are personnel matters: they hold a value only for the people the user may
    judge (themselves; a unit manager: the people of their units; an officer: everyone), and their
    filters only find those people.
    """

    _inherit = "hr.employee.public"
    _emulation_private_model = "hr.employee"
    _emulation_guarded_fields = GUARDED_FIELDS

    emulation_private_access = fields.Boolean(
        string="Personnel data visible",
        compute="_compute_emulation_private",
        search=search_private_access,
        help="Whether you may see this person's classifications and eligibility: yourself, the "
        "people of the units you manage, or everyone for an officer.",
    )
    emulation_category = fields.Selection(
        EMULATION_CATEGORIES,
        string="Emulation category",
        compute="_compute_emulation_private",
        search=private_searcher("emulation_category"),
    )
    exemplar_eligible = guarded_copy("exemplar_eligible", "_compute_emulation_private")
    exemplar_missing = guarded_copy("exemplar_missing", "_compute_emulation_private")
    exemplar_path = guarded_copy("exemplar_path", "_compute_emulation_private")
    exemplar_explanation = guarded_copy("exemplar_explanation", "_compute_emulation_private")
    exemplar_criteria_set_id = guarded_copy(
        "exemplar_criteria_set_id", "_compute_emulation_private"
    )
    emulation_award_ids = fields.Many2many(
        "emulation.award", string="Awards and titles", compute="_compute_emulation_histories"
    )
    emulation_initiative_ids = fields.Many2many(
        "emulation.initiative", string="Initiatives", compute="_compute_emulation_histories"
    )
    emulation_classification_ids = fields.Many2many(
        "emulation.classification",
        string="Annual classifications",
        compute="_compute_emulation_histories",
    )

    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_emulation_private(self):
        copy_private(
            self,
            "hr.employee",
            {fname: fname for fname in GUARDED_FIELDS},
            flag_field="emulation_private_access",
        )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_emulation_histories(self):
        """Read as the user: the record rules leave out the classifications they may not see."""
        order = "year desc, id desc"
        awards = self.env["emulation.award"].search([("employee_id", "in", self.ids)], order=order)
        classifications = self.env["emulation.classification"].search(
            [("employee_id", "in", self.ids)], order=order
        )
        initiatives = self.env["emulation.initiative"].search(
            [("employee_ids", "in", self.ids)], order=order
        )
        for employee in self:
            employee.emulation_award_ids = awards.filtered(
                lambda a, e=employee: a.employee_id.id == e.id
            )
            employee.emulation_classification_ids = classifications.filtered(
                lambda c, e=employee: c.employee_id.id == e.id
            )
            employee.emulation_initiative_ids = initiatives.filtered(
                lambda i, e=employee: e.id in i.employee_ids.ids
            )
