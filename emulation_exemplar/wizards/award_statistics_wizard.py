from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib.pdf import print_paper


def statistical_period(year):
    """The statistical year of emulation and commendation: from 1 December of the year before to
    30 November, as Circular 02/2023/TT-BNV sets it (the wizard's period can be changed, should
    the circular that replaced it, 18/2025/TT-BNV, set another)."""
    return date(year - 1, 12, 1), date(year, 11, 30)


class EmulationAwardStatisticsWizard(models.TransientModel):
    """The yearly statistical report on commendation that the Ministry of Home Affairs asks for
    (statistical reporting regime of the Home Affairs sector: Circular 18/2025/TT-BNV, which
    replaced Circular 02/2023/TT-BNV): the number of awards by form, by recipient category and by
    method, counted by the date of their decision within the statistical year."""

    _name = "emulation.award.statistics.wizard"
    _description = "Statistical report on commendation"

    year = fields.Integer(
        required=True,
        default=lambda self: self._default_year(),
        help="The statistical year: from 1 December of the year before to 30 November.",
    )
    date_from = fields.Date(
        string="From",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_to = fields.Date(
        string="To",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    award_count = fields.Integer(string="Awards counted", compute="_compute_counts")
    undated_count = fields.Integer(
        string="Awards without a decision date",
        compute="_compute_counts",
        help="Awards of the year that have no decision date: they are not counted. Enter their "
        "decision date to count them.",
    )

    @api.model
    def _default_year(self):
        today = fields.Date.context_today(self)
        # the last statistical year that has ended (on 30 November)
        return today.year if today.month == 12 else today.year - 1

    @api.depends("year")
    def _compute_period(self):
        for wizard in self:
            if wizard.year:
                wizard.date_from, wizard.date_to = statistical_period(wizard.year)

    @api.depends("date_from", "date_to", "company_id", "year")
    def _compute_counts(self):
        Award = self.env["emulation.award"]
        for wizard in self:
            wizard.award_count = Award.search_count(wizard._award_domain())
            wizard.undated_count = Award.search_count(
                [
                    ("company_id", "=", wizard.company_id.id),
                    ("decision_date", "=", False),
                    ("year", "=", wizard.year),
                ]
            )

    def _award_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("decision_date", ">=", self.date_from),
            ("decision_date", "<=", self.date_to),
        ]

    def action_print(self):
        xmlid = "emulation_exemplar.action_report_award_statistics"
        if not self:
            # the same refusal as printing, for whoever may not print the paper
            return print_paper(self, xmlid)
        self.ensure_one()
        if not (self.date_from and self.date_to) or self.date_from > self.date_to:
            raise UserError(_("Enter a period whose start is before its end."))
        return print_paper(self, xmlid)
