from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.history_mixin import check_years


class EmulationEligiblePrintWizard(models.TransientModel):
    """Print the eligible list of criteria sets for the year the officer picks."""

    _name = "emulation.eligible.print.wizard"
    _description = "Print the eligible list for a year"

    criteria_set_ids = fields.Many2many("emulation.criteria.set", string="Criteria sets")
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_year(),
        help="The year evaluated. By default the year being judged (for a set over a fixed "
        "period, its last year).",
    )
    with_candidates = fields.Boolean(
        string="With those one step away", help="Also list who misses one item, and what."
    )

    @api.model
    def _default_year(self):
        sets = self.env["emulation.criteria.set"].browse(
            self.env.context.get("default_criteria_set_ids") or self.env.context.get("active_ids")
        )
        judged = self.env.company._emulation_year()
        years = {
            year
            for [year] in self.env["emulation.eligibility"]._read_group(
                [("criteria_set_id", "in", sets.exists().ids)], ["year"]
            )
        }
        if not years or judged in years:
            return judged
        # a set over a fixed period is evaluated on its last year only: the latest year evaluated
        # up to the year being judged, else the first one after it
        return max((y for y in years if y <= judged), default=None) or min(years)

    def action_print(self):
        self.check_access("write")
        self.ensure_one()
        if not self.criteria_set_ids:
            raise UserError(_("Choose the criteria sets to print."))
        check_years(self)
        xmlid = (
            "emulation_exemplar.action_report_eligible_candidates"
            if self.with_candidates
            else "emulation_exemplar.action_report_eligible"
        )
        return self.env.ref(xmlid).report_action(self.criteria_set_ids, data={"year": self.year})
