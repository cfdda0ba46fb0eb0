from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..core.roadmap import statistical_period
from ..lib.pdf import print_paper


def due_date(year):
    """The day the yearly report of ``year`` is due: 15 December of the reporting year (the
    forms' "ngày nhận báo cáo", Circular 02/2023/TT-BNV)."""
    return date(year, 12, 15)


STATISTICS_FORMS = [
    ("summary", "Summary by title or form"),
    ("0601", "0601.N/BNV-TĐKT: emulation movements"),
    ("0602", "0602.N/BNV-TĐKT: awards of the State"),
    ("0603", "0603.N/BNV-TĐKT: awards of a ministry or province"),
    ("0604", "0604.N/BNV-TĐKT: organisations doing the emulation work"),
    ("0605", "0605.N/BNV-TĐKT: civil servants doing the emulation work"),
]


class EmulationAwardStatisticsWizard(models.TransientModel):
    """The yearly statistical report on commendation that the Ministry of Home Affairs asks for
    (statistical reporting regime of the Home Affairs sector: the forms 0601 to 0605.N/BNV-TĐKT
    of Circular 02/2023/TT-BNV; Circular 18/2025/TT-BNV sets the regime anew, its forms not
    confirmed here): the summary by title or form, or one of the forms with every row and column,
    as a paper or a spreadsheet, counted by the date of the awards' decision within the
    statistical year."""

    _name = "emulation.award.statistics.wizard"
    _description = "Statistical report on commendation"

    form = fields.Selection(
        STATISTICS_FORMS,
        string="Report form",
        required=True,
        default="summary",
        help="The paper to print: the summary of the awards by title or form, or one of the "
        "statistical report forms of Circular 02/2023/TT-BNV, with every row and column, as a "
        "PDF or as the spreadsheet the Ministry's forms are filled in.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_year(),
        help="The statistical year: from 1 December of the year before to 30 November. By "
        "default the year being judged.",
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
    due_date = fields.Date(
        string="Report due",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        help="The day the report is due: 15 December of the statistical year.",
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
        # the statistical year of the year being judged: in December and until March the one
        # that ended on 30 November
        return self.env.company._emulation_year()

    @api.depends("year")
    def _compute_period(self):
        for wizard in self:
            if wizard.year:
                wizard.date_from, wizard.date_to = statistical_period(wizard.year)
                wizard.due_date = due_date(wizard.year)

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

    @api.constrains("company_id")
    def _check_company_allowed(self):
        # the domain of the field is the client's: a caller could name another company and print
        # its header (body, signer) with figures its record rules empty
        for wizard in self:
            if wizard.company_id not in self.env.user.company_ids:
                raise ValidationError(
                    _("Choose one of your companies: the report is printed for one of them.")
                )

    def _award_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("decision_date", ">=", self.date_from),
            ("decision_date", "<=", self.date_to),
        ]

    def _report_xmlid(self, kind="pdf"):
        if kind == "xlsx":
            return "emulation_exemplar.action_report_statistics_form_xlsx"
        if self[:1].form in (False, "summary"):
            return "emulation_exemplar.action_report_award_statistics"
        return "emulation_exemplar.action_report_statistics_form"

    def action_print_xlsx(self):
        return self.action_print(kind="xlsx")

    def action_print(self, kind="pdf"):
        xmlid = self._report_xmlid(kind if kind in ("pdf", "xlsx") else "pdf")
        if not self:
            # the same refusal as printing, for whoever may not print the paper
            return print_paper(self, xmlid)
        self.ensure_one()
        if not (self.date_from and self.date_to) or self.date_from > self.date_to:
            raise UserError(_("Enter a period whose start is before its end."))
        if xmlid.endswith("_xlsx") and self.form == "summary":
            raise UserError(
                _("Choose one of the forms 0601 to 0605: the summary is printed as a PDF only.")
            )
        return print_paper(self, xmlid)
