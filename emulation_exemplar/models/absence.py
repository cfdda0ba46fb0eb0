from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ABSENCE_KINDS = [
    ("maternity", "Maternity leave"),
    ("leave", "Leave not worked"),
    ("not_employed", "Not employed"),
]


class EmulationAbsence(models.Model):
    """A period a person did not work, as the officer records it from the personnel files: the
    time a title's condition “at least N months worked in each year” deducts. Maternity leave is
    recorded too, and counts as time worked (Decree 152/2025/NĐ-CP, art. 4(5)): it is never
    deducted. The addon does not depend on Odoo's Time Off: the officer enters the periods.

    A personnel matter, private like the disciplines (record rules: own / the units a manager
    heads and below / officers of the company). Individuals only."""

    _name = "emulation.absence"
    _inherit = ["emulation.exemplar.source"]
    _description = "Time not worked"
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["employee_id"]

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        context={"active_test": False},
    )
    absence_kind = fields.Selection(
        ABSENCE_KINDS,
        string="Kind",
        required=True,
        default="leave",
        help="Maternity leave counts as time worked (Decree 152/2025/NĐ-CP, art. 4(5)): it is "
        "recorded and never deducted. Leave not worked (unpaid leave, a long absence) and the "
        "days before recruitment or after leaving are deducted from the months worked.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, help="The last day, included.")
    days = fields.Integer(
        compute="_compute_days", store=True, help="Calendar days of the period, both ends included."
    )
    note = fields.Char(help="The decision or the paper the period comes from.")
    company_id = fields.Many2one(
        "res.company",
        related="employee_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    active = fields.Boolean(default=True, help="An archived period no longer counts.")

    @api.model_create_multi
    def create(self, vals_list):
        # the person's company is the period's: a company sent with the values is not taken
        for vals in vals_list:
            vals.pop("company_id", None)
        return super().create(vals_list)

    def write(self, vals):
        vals.pop("company_id", None)
        return super().write(vals)

    @api.depends("date_from", "date_to")
    def _compute_days(self):
        for absence in self:
            if absence.date_from and absence.date_to and absence.date_to >= absence.date_from:
                absence.days = (absence.date_to - absence.date_from).days + 1
            else:
                absence.days = 0

    @api.depends("employee_id", "absence_kind", "date_from", "date_to")
    def _compute_display_name(self):
        kinds = dict(self._fields["absence_kind"]._description_selection(self.env))
        for absence in self:
            absence.display_name = "%s – %s (%s – %s)" % (
                absence.employee_id.name or "",
                kinds.get(absence.absence_kind, ""),
                absence.date_from or "",
                absence.date_to or "",
            )

    @api.constrains("employee_id", "date_from", "date_to", "active")
    def _check_no_overlap(self):
        """A period ends on or after its first day; a day is counted once: two active periods
        of a person do not overlap."""
        for absence in self:
            if absence.date_to < absence.date_from:
                raise ValidationError(
                    _(
                        "The period of %(person)s ends on %(end)s, before it starts on %(start)s: "
                        "a period ends on or after the day it starts.",
                        person=absence.employee_id.name,
                        start=absence.date_from,
                        end=absence.date_to,
                    )
                )
        for absence in self.filtered("active"):
            other = (
                self.with_context(active_test=True)
                .sudo()
                .search(
                    [
                        ("id", "!=", absence.id),
                        ("employee_id", "=", absence.employee_id.id),
                        ("date_from", "<=", absence.date_to),
                        ("date_to", ">=", absence.date_from),
                    ],
                    limit=1,
                )
            )
            if other:
                raise ValidationError(
                    _(
                        "%(person)s already has a period from %(start)s to %(end)s that overlaps "
                        "this one: change the dates so that each day is recorded once.",
                        person=absence.employee_id.name,
                        start=other.date_from,
                        end=other.date_to,
                    )
                )

    def _exemplar_owners(self):
        return (self.employee_id,)
