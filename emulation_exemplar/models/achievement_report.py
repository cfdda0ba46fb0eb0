from datetime import date

from odoo import api, fields, models

from ..lib.pdf import print_paper
from .write_policy_mixin import NEW, SERVER, policy

# the kinds of achievement report of the appendix of Decree 152/2025/NĐ-CP (the forms for merit,
# sudden achievements, thematic emulation, a period of contribution and external relations)
REPORT_KINDS = [
    ("merit", "Merit (công trạng)"),
    ("sudden", "Sudden achievement (đột xuất)"),
    ("thematic", "Thematic emulation (chuyên đề)"),
    ("contribution", "Period of contribution (cống hiến)"),
    ("external", "External relations (đối ngoại)"),
]
# the kinds whose report lists the titles and forms already received (section III)
WITH_HISTORY = ("merit", "contribution", "external")
# the years of the recipient's history a report lists (with what counted, which may reach
# further back): the year proposed and the four before it
RECENT_YEARS = 5
# a narrative part of the report: the unit and the officers write it while the unit may still
# change the proposal (as the line's own achievements)
DRAFTED = policy(unit=(NEW, "draft", "returned"), officer=(NEW, "draft", "returned"))
HISTORY_FIELDS = [
    "title_ids",
    "commendation_ids",
    "classification_ids",
    "initiative_ids",
    "counted_award_ids",
    "counted_classification_ids",
    "counted_initiative_ids",
]
NARRATIVE = (
    "kind",
    "home_town",
    "education",
    "situation",
    "duties",
    "career",
    "achievements",
    "measures",
    "party_work",
)


class EmulationAchievementReport(models.Model):
    """The achievement report (báo cáo thành tích) of one proposed recipient: the narrative the
    unit writes, and the history read from the records when the report is read (the
    recipient's recent years and what counted for the line's eligibility result)."""

    _name = "emulation.achievement.report"
    _inherit = ["emulation.write.policy.mixin"]
    _description = "Achievement report"
    _order = "proposal_id, id"
    _check_company_auto = True
    _rec_name = "recipient_name"
    # the kinds whose report lists the titles and forms already received (read by the paper)
    _history_kinds = WITH_HISTORY
    # policy states: the line's (the proposal's status, or "issued" once its award is issued)
    _write_policy = dict.fromkeys(NARRATIVE, DRAFTED) | {
        "proposal_line_id": policy(unit=(NEW,), officer=(NEW,)),
        "proposal_id": SERVER,
        "company_id": SERVER,
        "proposing_unit_id": SERVER,
        "recipient_type": SERVER,
        "employee_id": SERVER,
        "department_id": SERVER,
        "award_type_id": SERVER,
        "year": SERVER,
        "state": SERVER,
    }

    proposal_line_id = fields.Many2one(
        "emulation.proposal.line",
        string="Proposed recipient",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    proposal_id = fields.Many2one(
        related="proposal_line_id.proposal_id", store=True, index=True, string="Proposal"
    )
    company_id = fields.Many2one(related="proposal_line_id.company_id", store=True, index=True)
    proposing_unit_id = fields.Many2one(
        related="proposal_line_id.proposing_unit_id", store=True, string="Proposing unit"
    )
    recipient_type = fields.Selection(related="proposal_line_id.recipient_type", store=True)
    employee_id = fields.Many2one(related="proposal_line_id.employee_id", store=True)
    department_id = fields.Many2one(related="proposal_line_id.department_id", store=True)
    recipient_name = fields.Char(related="proposal_line_id.recipient_name", string="Recipient")
    job_title = fields.Char(related="proposal_line_id.job_title")
    award_type_id = fields.Many2one(related="proposal_line_id.award_type_id", store=True)
    year = fields.Integer(related="proposal_line_id.year", store=True, aggregator=False)
    state = fields.Selection(related="proposal_line_id.state", store=True)
    kind = fields.Selection(
        REPORT_KINDS,
        required=True,
        default="merit",
        help="The form of the report in the appendix of Decree 152/2025/NĐ-CP: merit (the "
        "yearly titles and forms), a sudden achievement, thematic emulation, a period of "
        "contribution, or external relations. The reports of merit, contribution and external "
        "relations list the titles and forms already received.",
    )
    # the narrative parts, written by the unit
    home_town = fields.Char(string="Home town")
    education = fields.Char(
        string="Qualifications",
        help="Professional qualification, academic title or degree, political theory.",
    )
    situation = fields.Text(
        string="Characteristics and situation",
        help="Of a unit: its organisation, staff and conditions of work.",
    )
    duties = fields.Text(
        help="Of a person: the powers and duties assigned. Of a unit: its functions and duties.",
    )
    career = fields.Text(
        help="The periods of work, with the positions held (reports of contribution).",
    )
    achievements = fields.Text(help="The achievements, with the figures that show them.")
    measures = fields.Text(
        string="Measures and innovations",
        help="The measures, solutions and initiatives that brought the achievements.",
    )
    party_work = fields.Text(
        string="Party and mass organisations",
        help="The work of the Party cell and the mass organisations, and the policies applied.",
    )
    # the history, read from the records when the report is read (never copied)
    title_ids = fields.Many2many(
        "emulation.award",
        string="Emulation titles",
        compute="_compute_history",
        help="The emulation titles received in the year proposed and the four before it, and "
        "those that counted for the eligibility result the line rests on.",
    )
    commendation_ids = fields.Many2many(
        "emulation.award",
        string="Forms of commendation",
        compute="_compute_history",
        help="The forms of commendation received in the year proposed and the four before it, "
        "and those that counted for the eligibility result the line rests on.",
    )
    classification_ids = fields.Many2many(
        "emulation.classification", string="Classifications", compute="_compute_history"
    )
    initiative_ids = fields.Many2many(
        "emulation.initiative",
        string="Initiatives",
        compute="_compute_history",
        help="The recipient's initiatives of those years, those that counted, and those the "
        "line rests on.",
    )
    counted_award_ids = fields.Many2many(
        "emulation.award",
        string="Awards that counted",
        compute="_compute_history",
        help="What counted for the eligibility result the line rests on (marked * on the paper).",
    )
    counted_classification_ids = fields.Many2many(
        "emulation.classification",
        string="Classifications that counted",
        compute="_compute_history",
    )
    counted_initiative_ids = fields.Many2many(
        "emulation.initiative",
        string="Initiatives that counted",
        compute="_compute_history",
    )

    _sql_constraints = [
        (
            "proposal_line_unique",
            "UNIQUE(proposal_line_id)",
            "A proposed recipient has one achievement report.",
        ),
    ]

    # ------------------------------------------------------------------ history
    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        # the ORM caches the x2many fields of new records as empty: read the history afresh
        reports.invalidate_recordset(HISTORY_FIELDS)
        return reports

    @api.depends_context("uid")
    def _compute_history(self):
        """The recipient's history of the year proposed and the four before it (one search per
        history for all the reports), with what counted for the line's eligibility result
        (which may reach further back), and the line's own initiatives; all read as the reader:
        the record rules leave out what they may not read."""
        found = self._recent_history()
        # a result the reader may not read (its recipient moved out of their units) lists nothing
        readable = self.proposal_line_id.eligibility_id._filtered_access("read")
        for report in self:
            line = report.proposal_line_id
            row = line.eligibility_id & readable
            awards, classifications, initiatives = found[report.id]
            counted_awards = row.award_ids
            counted_classifications = row.classification_ids
            counted_initiatives = row.initiative_ids
            awards |= counted_awards
            classifications |= counted_classifications
            initiatives |= counted_initiatives | line.initiative_ids
            awards = awards.sorted(lambda a: (a.year, a.decision_date or date.max, a.id))
            report.title_ids = awards.filtered(lambda a: a.kind == "title")
            report.commendation_ids = awards.filtered(lambda a: a.kind == "commendation")
            report.classification_ids = classifications.sorted(lambda c: (c.year, c.id))
            report.initiative_ids = initiatives.sorted(lambda i: (i.year, i.id))
            report.counted_award_ids = counted_awards
            report.counted_classification_ids = counted_classifications
            report.counted_initiative_ids = counted_initiatives

    def _recent_history(self):
        """{report id: (awards, classifications, initiatives)} of the recipients' years
        proposed and before (RECENT_YEARS), in one search per history."""
        Award = self.env["emulation.award"]
        Classification = self.env["emulation.classification"]
        Initiative = self.env["emulation.initiative"]
        if not self:
            return {}
        years = self.mapped("year")
        first, last = min(years) - RECENT_YEARS + 1, max(years)
        people, units = self.employee_id, self.department_id
        recipients = [
            "|",
            ("employee_id", "in", people.ids),
            "&",
            ("recipient_type", "=", "collective"),
            ("department_id", "in", units.ids),
        ]
        window = [("year", ">=", first), ("year", "<=", last)]
        awards = Award.search(window + recipients)
        classifications = Classification.search(window + recipients)
        initiatives = (
            Initiative.search(window + [("employee_ids", "in", people.ids)])
            if people
            else Initiative
        )
        result = {}
        for report in self:
            low = report.year - RECENT_YEARS + 1

            def mine(record, report=report, low=low):
                if not low <= record.year <= report.year:
                    return False
                if report.employee_id:
                    return record.employee_id == report.employee_id
                return (
                    record.recipient_type == "collective"
                    and record.department_id == report.department_id
                )

            result[report.id] = (
                awards.filtered(mine),
                classifications.filtered(mine),
                initiatives.filtered(
                    lambda i, r=report, low=low: (
                        r.employee_id in i.employee_ids and low <= i.year <= r.year
                    )
                ),
            )
        return result

    # ------------------------------------------------------------------ policy
    def _policy_state(self):
        self.ensure_one()
        return self.proposal_line_id._policy_state()

    def _policy_state_label(self, state):
        return self.proposal_line_id._policy_state_label(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        if self.env.su or self.env["emulation.proposal"]._is_officer():
            return
        self.proposal_id._check_unit_may_edit()

    # ------------------------------------------------------------------ buttons
    @api.model
    def _for_lines(self, lines):
        """The reports of ``lines``, created for the lines that have none (as the caller: the
        access rights and record rules decide whether they may)."""
        lines.check_access("read")
        reports = self.search([("proposal_line_id", "in", lines.ids)])
        missing = lines - reports.proposal_line_id
        if missing:
            reports |= self._button_create([{"proposal_line_id": line.id} for line in missing])
        return reports

    def action_print(self):
        return print_paper(self, "emulation_exemplar.action_report_achievement")
