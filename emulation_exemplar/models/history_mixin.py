from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .ir_fields_converter import NameLookups

RECIPIENT_TYPES = [("individual", "Individual"), ("collective", "Collective")]
FIRST_YEAR = 1945


class EmulationHistoryMixin(models.AbstractModel):
    """A history record about one person (hr.employee) or one unit (hr.department)."""

    _name = "emulation.history.mixin"
    _inherit = [
        "emulation.exemplar.source",
        "emulation.import.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Emulation history of a person or a unit"
    _check_company_auto = True

    recipient_type = fields.Selection(
        RECIPIENT_TYPES,
        required=True,
        default="individual",
        index=True,
        help="Individual: a person (employee). Collective: a unit (department).",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        context={"active_test": False},
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        context={"active_test": False},
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit of the recipient",
        compute="_compute_unit_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The unit the award counts for in statistics: the unit itself for a collective, "
        "the person's department at the time of recording for an individual.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        index=True,
        aggregator=False,
        help="The year the achievement counts for (not necessarily the decision year).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # stays: the recipient must be visible to the caller, its values completed
    @api.model_create_multi
    def create(self, vals_list):
        companies = self._check_recipients_visible(vals_list)
        self._complete_recipient_values(vals_list, companies)
        return super().create(vals_list)

    @api.model
    def _check_recipients_visible(self, vals_list):
        """Refuse a record for a person or unit the caller cannot see (another company, an id
        sent by hand), before anything about it (its company, its records) is looked up.
        Returns {field: {recipient id: company id}}, read in one query per field."""
        context = self.env.context
        companies = {}
        for fname, model in (
            ("employee_id", "hr.employee.public"),
            ("department_id", "hr.department"),
        ):
            ids = [vals.get(fname, context.get("default_" + fname)) for vals in vals_list]
            self._check_recipient_ids(fname, ids)
            ids = {i for i in ids if isinstance(i, int) and i}
            companies[fname] = {}
            if not ids:
                continue
            Recipients = self.env[model].with_context(active_test=False)
            found = Recipients.search_fetch([("id", "in", list(ids))], ["company_id"])
            if len(found) != len(ids):
                raise AccessError(
                    _(
                        "You cannot record history for a person or unit you cannot see. Check "
                        "the company you work in."
                    )
                )
            companies[fname] = {rec.id: rec.company_id.id for rec in found}
        return companies

    @api.model
    def _check_recipient_ids(self, fname, values):
        """Refuse a recipient that is not a record id (e.g. ``"abc"`` sent by a JSON-RPC
        client) with a message, before the database refuses it with a traceback."""
        for value in values:
            if value is None or value is False or isinstance(value, models.BaseModel):
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError(
                    _(
                        "%(value)s is not a valid %(field)s: choose the person or unit from "
                        "the list.",
                        value=repr(value),
                        field=self._fields[fname]._description_string(self.env),
                    )
                )

    @api.model
    def _complete_recipient_values(self, vals_list, companies):
        """Fill what an imported row may leave out: the recipient type when only the unit is
        given (a collective) and the context sets no default; the company of the recipient."""
        context = self.env.context
        for vals in vals_list:
            if (
                "recipient_type" not in vals
                and "default_recipient_type" not in context
                and vals.get("department_id")
                and not vals.get("employee_id")
            ):
                vals["recipient_type"] = "collective"
        if "default_company_id" in context:
            return
        for vals in vals_list:
            if "company_id" not in vals:
                fname = "employee_id" if vals.get("employee_id") else "department_id"
                company_id = companies[fname].get(vals.get(fname))
                if company_id:
                    vals["company_id"] = company_id

    def _import_context(self):
        # each name is looked up once per load (see IrFieldsConverter.db_id_for)
        return dict(super()._import_context(), emulation_name_lookups=NameLookups())

    @api.depends("recipient_type", "employee_id", "department_id")
    def _compute_unit_id(self):
        for record in self:
            if record.recipient_type == "collective":
                record.unit_id = record.department_id
            else:
                record.unit_id = record.employee_id.department_id

    @api.onchange("recipient_type")
    def _onchange_recipient_type(self):
        if self.recipient_type == "individual":
            self.department_id = False
        else:
            self.employee_id = False

    @api.onchange("employee_id", "department_id")
    def _onchange_recipient_company(self):
        recipient = self.employee_id or self.department_id
        if recipient.company_id:
            self.company_id = recipient.company_id

    def _exemplar_owners(self):
        return self.employee_id, self.department_id

    def _recipient(self):
        self.ensure_one()
        return self.employee_id if self.recipient_type == "individual" else self.department_id

    @api.constrains("recipient_type", "employee_id", "department_id")
    def _check_recipient(self):
        for record in self:
            if record.recipient_type == "individual":
                if not record.employee_id or record.department_id:
                    raise ValidationError(
                        _(
                            "A record for an individual needs the employee, and no unit. "
                            "Choose the employee, or set the recipient type to Collective."
                        )
                    )
            elif not record.department_id or record.employee_id:
                raise ValidationError(
                    _(
                        "A record for a collective needs the unit, and no employee. "
                        "Choose the unit, or set the recipient type to Individual."
                    )
                )

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    def _check_decision_date_year(self):
        check_decision_dates(self)


def check_years(records):
    """Refuse years before 1945 or after next year (records with a ``year`` field)."""
    next_year = fields.Date.context_today(records).year + 1
    for record in records:
        if not FIRST_YEAR <= record.year <= next_year:
            raise ValidationError(
                records.env._(
                    "The year %(year)s is not valid: enter a year between %(first)s and %(last)s.",
                    year=record.year,
                    first=FIRST_YEAR,
                    last=next_year,
                )
            )


def check_decision_dates(records):
    """Refuse a decision date earlier than the year the achievement counts for."""
    for record in records:
        if record.decision_date and record.decision_date.year < record.year:
            raise ValidationError(
                records.env._(
                    "The decision date %(date)s is earlier than the year %(year)s the "
                    "achievement counts for. Check the year or the decision date.",
                    date=record.decision_date.strftime("%d/%m/%Y"),
                    year=record.year,
                )
            )
