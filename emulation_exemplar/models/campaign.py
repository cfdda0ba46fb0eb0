from collections import defaultdict
from datetime import date

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..core import roadmap
from .write_policy_mixin import ANY, NEW, SERVER, policy

CAMPAIGN_STATES = [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")]
REMINDER_DAYS_PARAM = "emulation_exemplar.milestone_reminder_days"
DEFAULT_REMINDER_DAYS = 14


class EmulationCampaign(models.Model):
    _name = "emulation.campaign"
    _inherit = [
        "emulation.write.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.list.mixin",
    ]
    _description = "Emulation campaign (plan)"
    _order = "year_from desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "reference"]

    # the officers plan and follow the campaign in every state; its status moves by the buttons
    # (Start, Close, Reopen) and its company is set once
    _write_policy = dict.fromkeys(
        (
            "name",
            "reference",
            "issue_date",
            "year_from",
            "year_to",
            "organisation",
            "department_id",
            "user_id",
            "criteria_set_ids",
            "target_ids",
            "registration_deadline",
            "reminder_days",
            "description",
            "active",
            "milestone_ids",
            "nomination_ids",
        ),
        policy(officer=(NEW, ANY)),
    ) | {"company_id": policy(officer=(NEW,)), "state": SERVER}

    name = fields.Text(
        required=True,
        tracking=True,
        help="The title of the plan, e.g. Building, fostering and replicating advanced "
        "exemplars 2021–2025.",
    )
    reference = fields.Char(
        string="Reference number", tracking=True, help="Number and symbol, e.g. 198/KH-SNgV."
    )
    issue_date = fields.Date(string="Issue date", tracking=True)
    year_from = fields.Integer(
        string="From year",
        required=True,
        tracking=True,
        aggregator=False,
        default=lambda self: fields.Date.context_today(self).year,
    )
    year_to = fields.Integer(
        string="To year",
        required=True,
        tracking=True,
        aggregator=False,
        default=lambda self: fields.Date.context_today(self).year + 4,
    )
    organisation = fields.Selection(
        [("thematic", "Thematic"), ("regular", "Regular, yearly")],
        string="Kind of movement",
        required=True,
        default="thematic",
        help="How the movement is organised, as the statistical report form 0601.N/BNV-TĐKT "
        "(Circular 02/2023/TT-BNV) counts the emulation movements: thematic (a campaign on one "
        "task, for a period) or regular (the yearly emulation).",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible unit",
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The unit in charge of the plan, e.g. the Office–Inspectorate.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Follows the plan; receives the reminders of milestones without a responsible.",
    )
    criteria_set_ids = fields.Many2many(
        "emulation.criteria.set",
        string="Criteria sets",
        context={"active_test": False},
        check_company=True,
        help="The criteria that candidates are proposed with and whose human-judged criteria "
        "become each nomination's checklist. Leave empty to use the active criteria sets.",
    )
    target_ids = fields.One2many(
        "emulation.campaign.target", "campaign_id", string="Targets", copy=True
    )
    registration_deadline = fields.Date(
        string="Registration deadline",
        tracking=True,
        help="Date by which the exemplars must be registered with the provincial Emulation and "
        "Commendation Board. Nominations of that year or before registered later are flagged.",
    )
    reminder_days = fields.Integer(
        string="Remind days before",
        default=lambda self: self._default_reminder_days(),
        help="How many days before a milestone's deadline its responsible is reminded.",
    )
    state = fields.Selection(
        CAMPAIGN_STATES, required=True, default="draft", tracking=True, copy=False
    )
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    milestone_ids = fields.One2many(
        "emulation.campaign.milestone", "campaign_id", string="Milestones", copy=True
    )
    nomination_ids = fields.One2many("emulation.nomination", "campaign_id", string="Nominations")

    # progress
    nomination_count = fields.Integer(compute="_compute_nomination_progress")
    nomination_active_count = fields.Integer(
        string="Exemplars followed",
        compute="_compute_nomination_progress",
        help="Nominations that are not dropped.",
    )
    nomination_registered_count = fields.Integer(
        string="Registered",
        compute="_compute_nomination_progress",
        help="Nominations that reached registration with the provincial board.",
    )
    nomination_late_count = fields.Integer(
        string="Late registrations", compute="_compute_nomination_progress"
    )
    nomination_stage_html = fields.Html(
        string="Nominations per stage",
        compute="_compute_nomination_progress",
        sanitize=False,
    )
    milestone_count = fields.Integer(compute="_compute_milestone_progress")
    milestone_done_count = fields.Integer(
        string="Milestones done", compute="_compute_milestone_progress"
    )
    milestone_on_time_count = fields.Integer(
        string="Done on time", compute="_compute_milestone_progress"
    )
    milestone_late_count = fields.Integer(string="Done late", compute="_compute_milestone_progress")
    milestone_overdue_count = fields.Integer(
        string="Overdue", compute="_compute_milestone_progress"
    )
    milestone_progress = fields.Float(
        string="Milestones done (%)", compute="_compute_milestone_progress", aggregator=False
    )
    progress_year_html = fields.Html(
        string="Per year", compute="_compute_progress_year_html", sanitize=False
    )

    @api.model
    def _default_reminder_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM)
        try:
            return int(value) if value else DEFAULT_REMINDER_DAYS
        except ValueError:
            return DEFAULT_REMINDER_DAYS

    @api.model
    def _running_campaign(self):
        """The campaign that new milestones and nominations go to by default: the running one
        of the current company whose period holds the year being judged, else the latest
        running one."""
        campaigns = self.search(
            [("state", "=", "running"), ("company_id", "in", self.env.company.ids)]
        )
        year = self.env.company._emulation_year()
        current = campaigns.filtered(lambda c: c._holds_year(year))
        return (current or campaigns)[:1]

    def _holds_year(self, year):
        """True when ``year`` lies inside the period of this campaign (False without one)."""
        return roadmap.in_period(year, self.year_from, self.year_to)

    def _day_in_period(self):
        """The day of the campaign's period nearest to today (today while it runs), kept off
        the first and last day of the period so that no time zone moves it out of it."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        first = date(self.year_from, 1, 2)
        last = date(self.year_to, 12, 30)
        return min(max(today, first), last)

    def _calendar_context(self):
        """Context of the milestone calendar opening on the campaign's years."""
        self.ensure_one()
        return {"initial_date": f"{fields.Date.to_string(self._day_in_period())} 12:00:00"}

    @api.depends("name", "reference")
    def _compute_display_name(self):
        for campaign in self:
            if campaign.reference:
                campaign.display_name = f"{campaign.reference} – {campaign.name or ''}"
            else:
                campaign.display_name = campaign.name or ""

    # ------------------------------------------------------------------ constraints
    @api.constrains("year_from", "year_to")
    def _check_period(self):
        for campaign in self:
            if not 1945 <= campaign.year_from <= campaign.year_to <= 2200:
                raise ValidationError(
                    _(
                        "The period %(first)s–%(last)s of the campaign %(name)s is not valid: "
                        "enter years between 1945 and 2200, the first year not after the last.",
                        first=campaign.year_from,
                        last=campaign.year_to,
                        name=campaign.display_name,
                    )
                )
        # the milestones, nominations and targets must stay inside the new period
        self.milestone_ids._check_year()
        self.nomination_ids._check_year()
        self.target_ids._check_year()

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        for campaign in self:
            if not 0 <= campaign.reminder_days <= 365:
                raise ValidationError(
                    _(
                        "Remind between 0 and 365 days before a deadline (%(name)s).",
                        name=campaign.display_name,
                    )
                )

    # ------------------------------------------------------------------ progress
    @api.depends("nomination_ids.stage", "nomination_ids.is_late_registration")
    def _compute_nomination_progress(self):
        stages = {}
        late = defaultdict(int)
        if self.ids:
            for campaign, stage, is_late, count in self.env["emulation.nomination"]._read_group(
                [("campaign_id", "in", self.ids)],
                ["campaign_id", "stage", "is_late_registration"],
                ["__count"],
            ):
                per_stage = stages.setdefault(campaign.id, defaultdict(int))
                per_stage[stage] += count
                if is_late:
                    late[campaign.id] += count
        for campaign in self:
            per_stage = stages.get(campaign.id, {})
            campaign.nomination_count = sum(per_stage.values())
            campaign.nomination_active_count = campaign.nomination_count - per_stage.get(
                "dropped", 0
            )
            campaign.nomination_registered_count = sum(
                count
                for stage, count in per_stage.items()
                if roadmap.stage_reached(stage, "registered")
            )
            campaign.nomination_late_count = late.get(campaign.id, 0)
            campaign.nomination_stage_html = campaign._render_stage_table(per_stage)

    def _stage_figures(self, per_stage):
        """[(stage key, label, count at the stage, count that reached it)]."""
        labels = dict(
            self.env["emulation.nomination"]._fields["stage"]._description_selection(self.env)
        )
        rows = []
        for stage in roadmap.STAGES:
            reached = (
                per_stage.get(stage, 0)
                if stage == "dropped"
                else sum(c for s, c in per_stage.items() if roadmap.stage_reached(s, stage))
            )
            rows.append((stage, labels.get(stage, stage), per_stage.get(stage, 0), reached))
        return rows

    def _render_stage_table(self, per_stage):
        self.ensure_one()
        targets = defaultdict(list)
        for target in self.target_ids:
            targets[target.stage].append(target)
        head = Markup(
            "<table class='table table-sm o_emulation_progress'><thead><tr>"
            "<th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th><th>%s</th>"
            "</tr></thead><tbody>"
        ) % (_("Stage"), _("Now at the stage"), _("Reached the stage"), _("Targets"))
        body = Markup()
        for stage, label, count, reached in self._stage_figures(per_stage):
            target_cells = Markup("<br/>").join(
                Markup("<span class='%s'>%s</span>")
                % (
                    {"below": "text-danger", "met": "text-success", "above": "text-warning"}[
                        target.target_status
                    ],
                    target.display_name,
                )
                for target in targets.get(stage, [])
            )
            body += Markup(
                "<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                "<td>%s</td></tr>"
            ) % (label, count, "" if stage == "dropped" else reached, target_cells)
        return head + body + Markup("</tbody></table>")

    @api.depends(
        "milestone_ids.state",
        "milestone_ids.deadline",
        "milestone_ids.done_date",
    )
    def _compute_milestone_progress(self):
        today = fields.Date.context_today(self)
        for campaign in self:
            milestones = campaign.milestone_ids
            done = milestones.filtered(lambda m: m.state == "done")
            on_time = done.filtered(lambda m: roadmap.done_on_time(m.deadline, m.done_date))
            campaign.milestone_count = len(milestones)
            campaign.milestone_done_count = len(done)
            campaign.milestone_on_time_count = len(on_time)
            campaign.milestone_late_count = len(done) - len(on_time)
            campaign.milestone_overdue_count = len(
                milestones.filtered(
                    lambda m: roadmap.is_overdue(m.deadline, today, m.state == "done")
                )
            )
            campaign.milestone_progress = 100.0 * len(done) / len(milestones) if milestones else 0.0

    def _progress_by_year(self):
        """{year: figures} of the campaign's period: what the plan asked and what was done.

        Figures: milestones (asked), milestones_done, milestones_on_time, milestones_late,
        milestones_overdue, targets (list of emulation.campaign.target asked for that year),
        detected (nominations detected that year, dropped included), registered (registered
        with the provincial board that year).
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        years = {
            year: {
                "milestones": 0,
                "milestones_done": 0,
                "milestones_on_time": 0,
                "milestones_late": 0,
                "milestones_overdue": 0,
                "targets": self.env["emulation.campaign.target"],
                "detected": 0,
                "registered": 0,
            }
            for year in range(self.year_from, self.year_to + 1)
        }
        for milestone in self.milestone_ids:
            figures = years.get(milestone.year)
            if figures is None:
                continue
            figures["milestones"] += 1
            if milestone.state == "done":
                figures["milestones_done"] += 1
                if roadmap.done_on_time(milestone.deadline, milestone.done_date):
                    figures["milestones_on_time"] += 1
                else:
                    figures["milestones_late"] += 1
            elif roadmap.is_overdue(milestone.deadline, today):
                figures["milestones_overdue"] += 1
        for target in self.target_ids:
            if target.year in years:
                years[target.year]["targets"] |= target
        nominations = self.env["emulation.nomination"].with_context(active_test=False)
        for year, count in nominations._read_group(
            [("campaign_id", "=", self.id)], ["year"], ["__count"]
        ):
            if year in years:
                years[year]["detected"] = count
        for year, count in nominations._read_group(
            [
                ("campaign_id", "=", self.id),
                ("registration_date", "!=", False),
                ("stage", "!=", "dropped"),
            ],
            ["registration_date:year"],
            ["__count"],
        ):
            if year and year.year in years:
                years[year.year]["registered"] = count
        return years

    @api.depends(
        "year_from",
        "year_to",
        "milestone_ids.state",
        "milestone_ids.year",
        "milestone_ids.deadline",
        "milestone_ids.done_date",
        "target_ids",
        "nomination_ids.year",
        "nomination_ids.registration_date",
        "nomination_ids.stage",
    )
    def _compute_progress_year_html(self):
        for campaign in self:
            if not campaign.id or not campaign.year_from or campaign.year_to < campaign.year_from:
                campaign.progress_year_html = False
                continue
            head = Markup(
                "<table class='table table-sm o_emulation_progress'><thead><tr>"
                "<th>%s</th><th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th></tr></thead><tbody>"
            ) % (
                _("Year"),
                _("The plan asked"),
                _("Milestones done"),
                _("of which late"),
                _("Overdue"),
                _("Detected"),
                _("Registered"),
            )
            body = Markup()
            for year, figures in campaign._progress_by_year().items():
                asked = [
                    _("Milestones: %(count)s", count=figures["milestones"]),
                    *(target._describe(with_year=False) for target in figures["targets"]),
                ]
                body += Markup(
                    "<tr><td>%s</td><td>%s</td><td class='text-end'>%s / %s</td>"
                    "<td class='text-end'>%s</td><td class='text-end %s'>%s</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                ) % (
                    year,
                    Markup("<br/>").join(escape(a) for a in asked),
                    figures["milestones_done"],
                    figures["milestones"],
                    figures["milestones_late"],
                    "text-danger fw-bold" if figures["milestones_overdue"] else "",
                    figures["milestones_overdue"],
                    figures["detected"],
                    figures["registered"],
                )
            campaign.progress_year_html = head + body + Markup("</tbody></table>")

    # ------------------------------------------------------------------ state changes
    # stays: closing with open milestones needs the officer's confirmation
    def write(self, vals):
        if vals.get("state") == "closed" and not self.env.context.get("emulation_confirm_close"):
            open_milestones = self.milestone_ids.filtered(lambda m: m.state != "done")
            if open_milestones:
                raise UserError(
                    _(
                        "The campaign still has milestones that are not done: %(names)s. "
                        "Use the Close button and confirm to close it anyway.",
                        names=", ".join(open_milestones[:5].mapped("name")),
                    )
                )
        result = super().write(vals)
        if "state" in vals or "user_id" in vals:
            self.milestone_ids._sync_activities()
        return result

    def action_start(self):
        self.check_access("write")
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(
                    _("Only a draft campaign can be started (%(name)s).", name=campaign.name)
                )
        self._button_write({"state": "running"})
        return True

    def action_draft(self):
        self.check_access("write")
        self._button_write({"state": "draft"})
        return True

    def action_close(self):
        """Close the campaigns; with milestones not done, ask for confirmation first."""
        self.check_access("write")
        if self.env.context.get("emulation_confirm_close"):
            self._button_write({"state": "closed"})
            return True
        if self.milestone_ids.filtered(lambda m: m.state != "done"):
            return {
                "type": "ir.actions.act_window",
                "name": _("Close the campaign"),
                "res_model": "emulation.campaign.close.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_campaign_ids": [(6, 0, self.ids)]},
            }
        self._button_write({"state": "closed"})
        return True

    def action_reopen(self):
        self.check_access("write")
        self._button_write({"state": "running"})
        return True

    def action_propose_candidates_wizard(self):
        self._ensure_one_campaign()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Propose candidates"),
            "res_model": "emulation.campaign.propose.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    def _ensure_one_campaign(self):
        """One campaign, or a message (not a traceback) to a caller who sent several or none."""
        if len(self) != 1:
            raise UserError(_("Open one campaign, then use this button on it."))

    def _open_related(self, xmlid):
        self._ensure_one_campaign()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id, **self._calendar_context()}
        return action

    def action_view_nominations(self):
        return self._open_related("emulation_exemplar.action_emulation_nomination")

    def action_view_milestones(self):
        return self._open_related("emulation_exemplar.action_emulation_campaign_milestone")

    # ------------------------------------------------------------------ candidates
    def _exemplar_criteria_sets(self):
        """The criteria sets the campaign judges by: its own, or by default the active exemplar
        sets (without a title) of its company, one per recipient kind, the company's first."""
        self.ensure_one()
        if self.criteria_set_ids:
            return self.criteria_set_ids
        Set = self.env["emulation.criteria.set"]
        sets = Set.search(
            [
                ("active", "=", True),
                ("award_type_id", "=", False),
                ("company_id", "in", [self.company_id.id, False]),
            ]
        )
        chosen = {}
        for criteria_set in sets.sorted(lambda s: bool(not s.company_id)):  # the company's first
            chosen.setdefault(criteria_set.recipient_kind, criteria_set)
        return Set.browse([s.id for s in chosen.values()])

    def _eligible_list_rows(self, year=None):
        """The stored results the campaign's papers and candidates read (see
        ``emulation.criteria.set._eligible_list_rows``), of its company."""
        self.ensure_one()
        return self._exemplar_criteria_sets()._eligible_list_rows(year, company=self.company_id)

    def _candidate_results(self):
        """[(record, eligible, missing)] of the people and units of the campaign's company, as
        the stored results of its criteria sets say (their latest year with someone eligible),
        the eligible first, then those one step away; on the same result, women first (Decree
        152/2025/NĐ-CP, art. 4(6))."""
        rows = self._eligible_list_rows()._women_first_ranked(lambda r: (r.eligible, -r.missing))
        return [(row.employee_id or row.department_id, row.eligible, row.missing) for row in rows]

    def _propose_candidates(self, include_one_step_away=False):
        """Create nominations for the eligible people and units (stage detected); with
        ``include_one_step_away``, also for those missing one item, marked to foster.

        People and units already nominated in the campaign (in any stage, archived included) are
        skipped, so running it again creates no duplicates. Returns the new nominations.
        """
        self.ensure_one()
        self.check_access("write")
        Nomination = self.env["emulation.nomination"]
        existing = Nomination.with_context(active_test=False).search(
            [("campaign_id", "=", self.id), ("nominee_kind", "in", ("individual", "collective"))]
        )
        taken = {("hr.employee", n.employee_id.id) for n in existing if n.employee_id} | {
            ("hr.department", n.department_id.id)
            for n in existing
            if n.nominee_kind == "collective"
        }
        vals_list = []
        for record, eligible, missing in self._candidate_results():
            if (record._name, record.id) in taken:
                continue
            if not eligible and not (include_one_step_away and missing == 1):
                continue
            taken.add((record._name, record.id))
            vals = {
                "campaign_id": self.id,
                "stage": "detected",
                "to_foster": not eligible,
                "company_id": self.company_id.id,
            }
            if record._name == "hr.employee":
                vals.update(nominee_kind="individual", employee_id=record.id)
            else:
                vals.update(nominee_kind="collective", department_id=record.id)
            vals_list.append(vals)
        nominations = Nomination.create(vals_list)
        if nominations:
            # a log note: it notifies nobody, and needs no e-mail address of the officer
            self._message_log(
                body=_(
                    "%(count)s candidates proposed from the criteria (%(eligible)s eligible, "
                    "%(foster)s one step away, to foster).",
                    count=len(nominations),
                    eligible=len(nominations.filtered(lambda n: not n.to_foster)),
                    foster=len(nominations.filtered("to_foster")),
                )
            )
        return nominations

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_milestone_reminders(self):
        """Daily: remind the responsible of milestones due within the campaign's reminder days,
        and mark the overdue ones; each only once."""
        milestones = self.env["emulation.campaign.milestone"].search(
            [
                ("campaign_id.state", "=", "running"),
                ("state", "!=", "done"),
                ("deadline", "!=", False),
                "|",
                ("reminder_date", "=", False),
                ("overdue_date", "=", False),
            ]
        )
        milestones._send_reminders()
        milestones._mark_overdue()
