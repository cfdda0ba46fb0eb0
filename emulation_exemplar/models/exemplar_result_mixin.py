from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

# the fields of people and units computed from the rows
RESULT_FIELDS = [
    "exemplar_eligible",
    "exemplar_missing",
    "exemplar_path",
    "exemplar_explanation",
    "exemplar_criteria_set_id",
    "exemplar_missing_text",
    "exemplar_result_id",
    "emulation_private_access",
]


class EmulationExemplarResultMixin(models.AbstractModel):
    """The plan's advanced-exemplar result of a person or a unit, as the reader may see it.

    The values come from the ``emulation.eligibility`` rows of the exemplar criteria sets (those
    without a title), read as the current user: the record rules decide. Where the user may not
    read the row, every field is empty and ``emulation_private_access`` is False (the views then
    show nothing, not a false "no"); the searches only find the records whose rows the user may
    read. The values depend on the user, the companies and the language, so that one user's
    reading never answers for another in the same transaction.
    """

    _name = "emulation.exemplar.result.mixin"
    _description = "Advanced exemplar result"
    _exemplar_result_field = "employee_id"  # the owner field of emulation.eligibility

    emulation_private_access = fields.Boolean(
        string="Personnel data visible",
        compute="_compute_exemplar_result",
        search="_search_emulation_private_access",
        help="Whether you may see the eligibility: yourself, the people and units of the units "
        "you head, or everyone for an officer.",
    )
    exemplar_result_id = fields.Many2one(
        "emulation.eligibility", string="Exemplar result", compute="_compute_exemplar_result"
    )
    exemplar_eligible = fields.Boolean(
        string="Eligible exemplar",
        compute="_compute_exemplar_result",
        search="_search_exemplar_eligible",
        help="Meets one alternative of the active exemplar criteria set (computed from the "
        "history).",
    )
    exemplar_missing = fields.Integer(
        string="Items missing",
        compute="_compute_exemplar_result",
        search="_search_exemplar_missing",
        aggregator=False,
        help="The fewest awards, initiatives or years still missing over all alternatives; "
        "0 when eligible. 1 means one step away.",
    )
    exemplar_path = fields.Char(
        string="Criteria met",
        compute="_compute_exemplar_result",
        help="The alternative of the criteria set that is met.",
    )
    exemplar_explanation = fields.Text(
        string="Eligibility explanation",
        compute="_compute_exemplar_texts",
        help="What counted, by year, and what is missing, for each alternative.",
    )
    exemplar_missing_text = fields.Char(
        string="What is missing",
        compute="_compute_exemplar_texts",
        help="What the nearest way to qualify still lacks: the conditions not yet met.",
    )
    exemplar_criteria_set_id = fields.Many2one(
        "emulation.criteria.set",
        string="Criteria set used",
        compute="_compute_exemplar_result",
        search="_search_exemplar_criteria_set_id",
    )

    def _exemplar_rows_domain(self, domain=()):
        field = self._exemplar_result_field
        return [(field, "!=", False), ("award_type_id", "=", False), *domain]

    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_exemplar_result(self):
        Eligibility = self.env["emulation.eligibility"]
        field = self._exemplar_result_field
        rows = {}
        if self.ids and Eligibility.has_access("read"):
            found = Eligibility.search(
                self._exemplar_rows_domain([(field, "in", self.ids)]),
                order="year desc, id desc",
            )
            for row in found:
                rows.setdefault(row[field].id, row)
        for record in self:
            row = rows.get(record.id, Eligibility)
            record.emulation_private_access = bool(row)
            record.exemplar_result_id = row
            record.exemplar_eligible = row.eligible
            record.exemplar_missing = row.missing
            record.exemplar_path = row.alternative_id.name if row.eligible else False
            record.exemplar_criteria_set_id = row.criteria_set_id

    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_exemplar_texts(self):
        rows = self.exemplar_result_id  # one batch: the explanations are built together
        rows.fetch(["criteria_set_id", "year"])
        for record in self:
            row = record.exemplar_result_id
            record.exemplar_explanation = row.explanation if row else False
            record.exemplar_missing_text = row.missing_text if row else False

    def _exemplar_search(self, domain):
        """``[('id', 'in', …)]`` of the records whose readable exemplar row matches ``domain``."""
        Eligibility = self.env["emulation.eligibility"]
        if not Eligibility.has_access("read"):
            return expression.FALSE_DOMAIN
        query = Eligibility._search(self._exemplar_rows_domain(domain))
        column = SQL.identifier(query.table, self._exemplar_result_field)
        return [("id", "in", query.subselect(column))]

    def _search_emulation_private_access(self, operator, value):
        wanted = _searched_booleans(self.env, operator, value)
        if len(wanted) != 1:  # both values, or none
            return expression.TRUE_DOMAIN if wanted else expression.FALSE_DOMAIN
        domain = self._exemplar_search([])
        return domain if True in wanted else ["!", *domain]

    def _search_exemplar_eligible(self, operator, value):
        return self._exemplar_search([("eligible", operator, value)])

    def _search_exemplar_missing(self, operator, value):
        return self._exemplar_search([("missing", operator, value)])

    def _search_exemplar_criteria_set_id(self, operator, value):
        return self._exemplar_search([("criteria_set_id", operator, value)])


def _searched_booleans(env, operator, value):
    """The set of booleans a search term on a boolean field asks for (``=``, ``!=``, ``in``,
    ``not in``, as the web client and JSON-RPC clients send them); any other term is refused
    with a message, not a traceback."""
    if isinstance(value, (list, tuple)) and operator in ("in", "not in"):
        if all(isinstance(v, int) and v in (True, False) for v in value):
            values = {bool(v) for v in value}
            return values if operator == "in" else {True, False} - values
    elif operator in ("=", "!=") and value in (True, False):
        return {bool(value)} if operator == "=" else {not value}
    raise UserError(
        env._(
            "This filter takes yes or no: search it with “is set” or “is not set” (the term "
            "%(operator)s %(value)s cannot be searched).",
            operator=operator,
            value=repr(value),
        )
    )
