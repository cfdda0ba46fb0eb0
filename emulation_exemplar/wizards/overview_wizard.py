from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.history_mixin import check_years

OFFICER = "emulation_exemplar.group_emulation_officer"
# more title columns than this print the overview in landscape
PORTRAIT_COLUMNS = 3


class EmulationOverviewWizard(models.TransientModel):
    """The overview person × title of a unit for a year (what a unit head brings to the unit's
    review meeting): for each person of the unit and of the units below it, and each title's
    criteria set, eligible, one step away (and what is missing) or not eligible, as the engine
    stored it. Printed as a paper and as an Excel file; unit heads for the units they head,
    emulation officers for any unit."""

    _name = "emulation.overview.wizard"
    _description = "Overview of a unit's people by title"

    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        default=lambda self: self._default_department_id(),
        domain=lambda self: self._department_domain(),
        help="The people of this unit and of the units below it.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_year(),
        help="The year evaluated. By default the latest year with results.",
    )
    criteria_set_ids = fields.Many2many(
        "emulation.criteria.set",
        string="Titles",
        domain="[('recipient_kind', '!=', 'collective')]",
        help="The criteria sets of the titles to show, one column each. Empty: every set for "
        "individuals with results in the year.",
    )

    # ------------------------------------------------------------------ defaults
    @api.model
    def _department_domain(self):
        if self.env.user.has_group(OFFICER):
            return []
        return [("emulation_head_user_ids", "in", self.env.uid)]

    @api.model
    def _default_department_id(self):
        """A unit head's unit (the highest they head); an officer chooses."""
        if self.env.user.has_group(OFFICER):
            return False
        units = self.env["hr.department"].search(
            [("manager_id.user_id", "=", self.env.uid)], order="parent_path"
        )
        return units[:1]

    @api.model
    def _default_year(self):
        """The year being judged (the company's setting, else by date)."""
        return self.env.company._emulation_year()

    # ------------------------------------------------------------------ reading
    def _overview_sets(self):
        """The columns: the sets chosen, else every set for individuals with results (that
        the user may read) in the year, in one grouped query."""
        self.ensure_one()
        sets = self.criteria_set_ids.filtered(lambda s: s.recipient_kind != "collective")
        if not sets:
            groups = self.env["emulation.eligibility"]._read_group(
                [("year", "=", self.year), ("recipient_type", "=", "individual")],
                ["criteria_set_id"],
            )
            sets = self.env["emulation.criteria.set"].union(*(s for (s,) in groups))
        return sets.sorted(lambda s: (s.sequence, s.id))

    def _check_overview_access(self):
        """Unit heads print the overview of the units they head (and those below); officers
        of any unit. Refused before anything of the unit is read."""
        user = self.env.user
        if user.has_group(OFFICER):
            return
        for wizard in self:
            if user not in wizard.department_id.emulation_head_user_ids:
                raise AccessError(
                    self.env._(
                        "You can print the overview of the units you head only; emulation "
                        "officers print any unit's."
                    )
                )

    # ------------------------------------------------------------------ buttons
    def _print(self, xlsx=False):
        self.ensure_one()
        self.check_access("read")
        self._check_overview_access()
        check_years(self)
        if not self._overview_sets():
            raise UserError(
                self.env._(
                    "Choose the titles to show: nobody has results in %(year)s.", year=self.year
                )
            )
        if xlsx:
            xmlid = "emulation_exemplar.action_report_overview_xlsx"
        elif len(self._overview_sets()) > PORTRAIT_COLUMNS:
            xmlid = "emulation_exemplar.action_report_overview_landscape"
        else:
            xmlid = "emulation_exemplar.action_report_overview"
        return self.env.ref(xmlid).report_action(self)

    def action_print(self):
        return self._print()

    def action_print_xlsx(self):
        return self._print(xlsx=True)
