from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..core import roadmap

MILESTONE_KINDS = [
    ("detect_register", "Detect and register"),
    ("foster_replicate", "Foster and replicate"),
    ("propagate", "Propagate"),
    ("evaluate", "Evaluate"),
    ("preliminary_review", "Preliminary review"),
    ("final_review", "Final review"),
    ("conference", "Conference"),
]
MILESTONE_STATES = [("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done")]
ACTIVITY_TYPE = "emulation_exemplar.mail_activity_type_milestone"


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


class EmulationCampaignMilestone(models.Model):
    _name = "emulation.campaign.milestone"
    _inherit = ["mail.thread", "mail.activity.mixin", "emulation.list.mixin"]
    _description = "Campaign milestone"
    _order = "campaign_id, year, deadline, sequence, id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "emulation.campaign",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        default=lambda self: self.env["emulation.campaign"]._running_campaign(),
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    campaign_state = fields.Selection(related="campaign_id.state", string="Campaign state")
    sequence = fields.Integer(default=10)
    year = fields.Integer(
        compute="_compute_year",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        aggregator=False,
        index=True,
        tracking=True,
        help="The year of the roadmap this step belongs to; within the campaign period.",
    )
    name = fields.Text(string="Step", required=True, tracking=True)
    description = fields.Text(help="What the plan asks for this step.")
    kind = fields.Selection(MILESTONE_KINDS, required=True, default="foster_replicate")
    deadline = fields.Date(tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible unit",
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Receives the activity and the reminders; the campaign's responsible when empty.",
    )
    state = fields.Selection(
        MILESTONE_STATES, required=True, default="planned", tracking=True, copy=False
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="The deadline has passed and the step is not done.",
    )
    done_date = fields.Date(string="Done on", tracking=True, copy=False)
    is_done_late = fields.Boolean(string="Done late", compute="_compute_is_done_late", store=True)
    outcome = fields.Text(help="What was done, the figures and the documents produced.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "emulation_campaign_milestone_attachment_rel",
        "milestone_id",
        "attachment_id",
        string="Documents",
        copy=False,
    )
    reminder_date = fields.Date(
        string="Reminder sent on",
        readonly=True,
        copy=False,
        help="The responsible was reminded of the coming deadline on that day.",
    )
    overdue_date = fields.Date(
        string="Marked overdue on",
        readonly=True,
        copy=False,
        help="The day the daily check found the step overdue and told its responsible.",
    )

    @api.depends("deadline", "campaign_id.year_from", "campaign_id.year_to")
    def _compute_year(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            if milestone.year:
                milestone.year = milestone.year
                continue
            campaign = milestone.campaign_id
            year = milestone.deadline.year if milestone.deadline else today.year
            milestone.year = roadmap.clamp_year(year, campaign.year_from, campaign.year_to)

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            milestone.is_overdue = roadmap.is_overdue(
                milestone.deadline, today, milestone.state == "done"
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search overdue milestones with “is set” or “is not set”."))
        today = fields.Date.context_today(self)
        overdue = [("deadline", "<", today), ("state", "!=", "done")]
        if (operator == "=") == bool(value):
            return overdue
        return [
            "|",
            "|",
            ("deadline", "=", False),
            ("deadline", ">=", today),
            ("state", "=", "done"),
        ]

    @api.depends("deadline", "done_date", "state")
    def _compute_is_done_late(self):
        for milestone in self:
            milestone.is_done_late = milestone.state == "done" and not roadmap.done_on_time(
                milestone.deadline, milestone.done_date
            )

    @api.depends("year", "name")
    def _compute_display_name(self):
        for milestone in self:
            milestone.display_name = (
                f"{milestone.year}: {milestone.name}" if milestone.year else milestone.name or ""
            )

    # ------------------------------------------------------------------ constraints
    @api.constrains("year", "campaign_id")
    def _check_year(self):
        for milestone in self:
            campaign = milestone.campaign_id
            if not campaign._holds_year(milestone.year):
                raise ValidationError(
                    _(
                        "The milestone “%(name)s” is for %(year)s, outside the period "
                        "%(first)s–%(last)s of the campaign %(campaign)s. Change the milestone's "
                        "year or the campaign's period.",
                        name=milestone.name,
                        year=milestone.year,
                        first=campaign.year_from,
                        last=campaign.year_to,
                        campaign=campaign.display_name,
                    )
                )

    @api.constrains("done_date", "state")
    def _check_done_date(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            if milestone.done_date and milestone.done_date > today:
                raise ValidationError(
                    _(
                        "The milestone “%(name)s” cannot be done on %(date)s, a date in the "
                        "future. Enter the day it was done.",
                        name=milestone.name,
                        date=_date(milestone.done_date),
                    )
                )

    # ------------------------------------------------------------------ create / write
    # stays: a milestone done gets its date and its reminders follow
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("state") == "done" and not vals.get("done_date"):
                vals["done_date"] = today
        milestones = super().create(vals_list)
        milestones._sync_activities()
        return milestones

    # stays: a milestone's deadline and state keep its date and reminders
    def write(self, vals):
        vals = dict(vals)
        if "deadline" in vals:
            # a new deadline gets its own reminder and overdue notice
            vals.setdefault("reminder_date", False)
            vals.setdefault("overdue_date", False)
        if "state" in vals:
            if vals["state"] == "done":
                vals.setdefault("done_date", fields.Date.context_today(self))
            else:
                vals.setdefault("done_date", False)
        result = super().write(vals)
        if {"deadline", "state", "user_id", "campaign_id", "name"} & set(vals):
            self._sync_activities()
        return result

    def action_start(self):
        self.check_access("write")
        self.filtered(lambda m: m.state == "planned").state = "in_progress"
        return True

    def action_done(self):
        self.check_access("write")
        self.filtered(lambda m: m.state != "done").state = "done"
        return True

    def action_reset(self):
        self.check_access("write")
        self.state = "planned"
        return True

    @api.model
    def _action_open_roadmap(self):
        """The Milestones menu: the list, and a calendar that opens on the years of the running
        campaign (not on today's year once the campaign's period is over)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "emulation_exemplar.action_emulation_campaign_milestone"
        )
        campaign = self.env["emulation.campaign"]._running_campaign()
        if campaign:
            action["context"] = campaign._calendar_context()
        return action

    # ------------------------------------------------------------------ activities, reminders
    def _responsible_user(self):
        self.ensure_one()
        return self.user_id or self.campaign_id.user_id

    def _message_lang(self):
        """The language of the notes posted to the milestone's responsible by the daily check
        (it runs as the system user): the responsible's language, else the company's, else
        Vietnamese when installed; English otherwise."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        candidates = (
            self._responsible_user().lang,
            self.company_id.partner_id.lang,
            "vi_VN",
        )
        return next((lang for lang in candidates if lang in installed), "en_US")

    def _sync_activities(self):
        """Keep one activity per milestone for its responsible, due on its deadline, while the
        campaign runs and the milestone is not done; mark it done with the milestone."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        milestones = self.filtered("id")
        if not activity_type or not milestones:
            return
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", milestones.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        by_milestone = {}
        for activity in activities:
            by_milestone.setdefault(activity.res_id, self.env["mail.activity"])
            by_milestone[activity.res_id] |= activity
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create, to_finish, to_cancel = [], self.env["mail.activity"], self.env["mail.activity"]
        for milestone in milestones:
            current = by_milestone.get(milestone.id, self.env["mail.activity"])
            user = milestone._responsible_user()
            wanted = (
                milestone.deadline
                and user
                and milestone.state != "done"
                and milestone.campaign_id.state == "running"
            )
            if not wanted:
                if milestone.state == "done":
                    to_finish |= current
                else:
                    to_cancel |= current
                continue
            summary = milestone.name
            if current:
                update = {}
                if current[:1].date_deadline != milestone.deadline:
                    update["date_deadline"] = milestone.deadline
                if current[:1].user_id != user:
                    update["user_id"] = user.id
                if current[:1].summary != summary:
                    update["summary"] = summary
                if update:
                    current[:1].write(update)
                to_cancel |= current[1:]
                continue
            to_create.append(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": milestone.id,
                    "summary": summary,
                    "date_deadline": milestone.deadline,
                    "user_id": user.id,
                    "automated": True,
                }
            )
        if to_create:
            self.env["mail.activity"].create(to_create)
        if to_finish:
            to_finish.action_feedback(feedback=_("The milestone is done."))
        if to_cancel:
            to_cancel.unlink()

    def _send_reminders(self):
        """Post one reminder per milestone whose deadline is within its campaign's reminder days
        (and not passed), to its responsible; never twice for the same deadline."""
        today = fields.Date.context_today(self)
        due = self.filtered(
            lambda m: (
                m.campaign_id.state == "running"
                and roadmap.reminder_due(
                    m.deadline,
                    today,
                    m.campaign_id.reminder_days,
                    done=m.state == "done",
                    sent=bool(m.reminder_date),
                )
            )
        )
        for milestone in due:
            days = (milestone.deadline - today).days
            localized = milestone.with_context(lang=milestone._message_lang())
            milestone.message_post(
                body=localized.env._(
                    "Reminder: the milestone “%(name)s” of %(campaign)s is due on %(date)s, in "
                    "%(days)s days.",
                    name=milestone.name,
                    campaign=localized.campaign_id.display_name,
                    date=_date(milestone.deadline),
                    days=days,
                ),
                partner_ids=milestone._responsible_user().partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        if due:
            due.write({"reminder_date": today})
        return due

    def _mark_overdue(self):
        """Mark the milestones found overdue today and tell their responsible, once."""
        today = fields.Date.context_today(self)
        overdue = self.filtered(
            lambda m: (
                m.campaign_id.state == "running"
                and not m.overdue_date
                and roadmap.is_overdue(m.deadline, today, m.state == "done")
            )
        )
        for milestone in overdue:
            localized = milestone.with_context(lang=milestone._message_lang())
            milestone.message_post(
                body=localized.env._(
                    "The milestone “%(name)s” is overdue: its deadline was %(date)s. Record what "
                    "was done and mark it done, or set a new deadline.",
                    name=milestone.name,
                    date=_date(milestone.deadline),
                ),
                partner_ids=milestone._responsible_user().partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        if overdue:
            overdue.write({"overdue_date": today})
        return overdue
