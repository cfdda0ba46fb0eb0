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
        help="The year evaluated. By default the latest year with someone eligible.",
    )
    with_candidates = fields.Boolean(
        string="With those one step away", help="Also list who misses one item, and what."
    )

    @api.model
    def _default_year(self):
        sets = self.env["emulation.criteria.set"].browse(
            self.env.context.get("default_criteria_set_ids") or self.env.context.get("active_ids")
        )
        rows = sets.exists()._eligible_list_rows()
        return max(rows.mapped("year"), default=fields.Date.context_today(self).year)

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
