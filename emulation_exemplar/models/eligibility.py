from odoo import api, fields, models

from .history_mixin import RECIPIENT_TYPES


class EmulationEligibility(models.Model):
    """One result of the eligibility engine: whether a person or a unit qualifies, under one
    criteria set, in one evaluation year.

    Only facts are stored (eligible, how many items are missing, the alternative met); the
    explanation is built when read, in the reader's language. The rows are written by the engine
    (:meth:`_eligibility_update`, in one statement per batch) and never by users: there are no
    create, write or unlink rights on this model. Who may read a row is the record rules' matter,
    exactly as for the annual classifications: one's own rows; a unit manager's, those of the
    people and units of the units they head and of the units below; an officer's, all those of
    their companies.
    """

    _name = "emulation.eligibility"
    _description = "Eligibility result"
    _order = "year desc, criteria_set_id, unit_id, id"
    _rec_name = "criteria_set_id"

    criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    award_type_id = fields.Many2one(
        related="criteria_set_id.award_type_id",
        string="Title or form",
        store=True,
        index="btree_not_null",
    )
    year = fields.Integer(
        required=True,
        readonly=True,
        index=True,
        aggregator=False,
        help="The evaluation year: the last year of the history that counts.",
    )
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, readonly=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        context={"active_test": False},
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        context={"active_test": False},
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit of the recipient",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The unit itself for a collective, the person's department for an individual.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    eligible = fields.Boolean(readonly=True, index=True)
    missing = fields.Integer(
        string="Items missing",
        readonly=True,
        aggregator=False,
        help="The fewest awards, initiatives, years or members still missing over all "
        "alternatives; 0 when eligible. 1 means one step away.",
    )
    alternative_id = fields.Many2one(
        "emulation.criteria.alternative",
        string="Criteria met",
        readonly=True,
        ondelete="set null",
        help="The alternative of the criteria set that is met.",
    )
    recipient_name = fields.Char(
        string="Recipient", compute="_compute_recipient_name", help="The person or the unit."
    )

    _sql_constraints = [
        (
            "recipient_set_year_uniq",
            "unique nulls not distinct (criteria_set_id, year, employee_id, department_id)",
            "One result per recipient, criteria set and year.",
        ),
    ]

    @api.depends("employee_id", "department_id")
    def _compute_recipient_name(self):
        for result in self:
            result.recipient_name = (result.employee_id or result.department_id).display_name
