from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.pdf import print_paper
from .write_policy_mixin import NEW, SERVER, policy

# what the officers enter while the council votes; a closed session is sealed
VOTING = policy(officer=(NEW, "draft"))


class EmulationCouncilSession(models.Model):
    """A meeting of the agency's Emulation and Commendation Council (họp Hội đồng Thi đua –
    Khen thưởng): the proposal lines it votes on by secret ballot, each with its yes votes,
    counted against all the council's members."""

    _name = "emulation.council.session"
    _inherit = [
        "emulation.write.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Emulation and Commendation Council session"
    _order = "date desc, id desc"
    _check_company_auto = True
    _write_policy = dict.fromkeys(
        (
            "name",
            "date",
            "year",
            "time_start",
            "time_end",
            "place",
            "chair",
            "secretary",
            "member_count",
            "present_count",
            "members_present",
            "absent_opinions",
            "line_ids",
            "dossier_line_ids",
            "council_level_id",
        ),
        VOTING,
    ) | {
        "vote_threshold": SERVER,
        "company_id": policy(officer=(NEW,)),
        "state": SERVER,
        "proposal_ids": SERVER,
        "undecided_count": SERVER,
        "decision_ids": SERVER,
    }

    name = fields.Char(
        string="Minutes number", tracking=True, help="Number of the minutes, e.g. 05/BB-HĐTĐKT."
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        aggregator=False,
        help="The year of the achievements the council reviews.",
    )
    time_start = fields.Float(
        string="Start time", help="When the meeting started, e.g. 08:00; printed in the minutes."
    )
    time_end = fields.Float(
        string="End time", help="When the meeting ended, e.g. 11:30; printed in the minutes."
    )
    place = fields.Char(
        help="Where the council met, e.g. Phòng họp Sở Ngoại vụ; printed in the minutes."
    )
    chair = fields.Char(string="Chaired by", help="Name and position of the council's chair.")
    secretary = fields.Char()
    council_level_id = fields.Many2one(
        "emulation.council.level",
        string="Council level",
        default=lambda self: self.env.ref(
            "emulation_exemplar.council_level_proposing", raise_if_not_found=False
        ),
        ondelete="restrict",
        tracking=True,
        help="Whose council meets: that of a ministry, sector or province, or that of the level "
        "that proposes. Its level sets the share of yes votes a proposal needs, unless the "
        "title asks for more.",
    )
    vote_threshold = fields.Float(
        string="Council's vote threshold (%)",
        compute="_compute_vote_threshold",
        store=True,
        digits=(5, 2),
        help="The threshold of the council's level, fixed when the level is chosen: a later "
        "change of the level's threshold does not recount this session. A proposal passes with "
        "this share of all the members' votes, or the title's own when stricter; 0 (no level): "
        "the title's threshold alone.",
    )
    member_count = fields.Integer(
        string="Council members",
        required=True,
        tracking=True,
        help="All the members of the council, present or not: the thresholds count the yes "
        "votes against them.",
    )
    present_count = fields.Integer(string="Members present", tracking=True)
    members_present = fields.Text(
        string="Names of the members present",
        help="The members who attended, one per line with their position, e.g. Nguyễn Văn A, "
        "Phó Giám đốc Sở, Phó Chủ tịch Hội đồng; printed in the minutes.",
    )
    absent_opinions = fields.Text(
        string="Written opinions of absent members",
        help="Absent members give their opinion in writing; summarise them here.",
    )
    line_ids = fields.One2many("emulation.proposal.line", "session_id", string="Ballot")
    dossier_line_ids = fields.One2many(
        "emulation.dossier.line",
        "session_id",
        string="Ballot of the dossiers",
        help="The lines of the dossiers sent up to this body, on the ballot of its council.",
    )
    proposal_ids = fields.Many2many(
        "emulation.proposal", compute="_compute_proposal_ids", string="Proposals"
    )
    undecided_count = fields.Integer(
        compute="_compute_decisions",
        string="Passed lines without a decision",
        help="The lines that passed the ballot and that no decision commends yet.",
    )
    decision_ids = fields.Many2many(
        "emulation.decision", compute="_compute_decisions", string="Decisions"
    )
    state = fields.Selection(
        [("draft", "Voting"), ("done", "Closed")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # the level only, not its threshold: editing a level does not recount the sessions held
    @api.depends("council_level_id")
    def _compute_vote_threshold(self):
        for session in self:
            session.vote_threshold = session.council_level_id.vote_threshold

    @api.depends("line_ids.proposal_id")
    def _compute_proposal_ids(self):
        for session in self:
            session.proposal_ids = session.line_ids.proposal_id

    @api.depends("line_ids.vote_passed", "line_ids.decision_id", "line_ids.state")
    def _compute_decisions(self):
        for session in self:
            session.undecided_count = len(session._undecided_lines())
            session.decision_ids = session.line_ids.decision_id

    def _undecided_lines(self):
        """The lines of the session that passed, whose proposal is approved, and that no
        decision commends yet."""
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.vote_passed and line.state == "approved" and not line.decision_id
        )

    @api.depends("name", "date")
    def _compute_display_name(self):
        for session in self:
            date = session.date.strftime("%d/%m/%Y") if session.date else ""
            session.display_name = _("Council session %(date)s", date=date)
            if session.name:
                session.display_name += " (%s)" % session.name

    @api.constrains("member_count", "present_count")
    def _check_counts(self):
        for session in self:
            if session.member_count <= 0:
                raise ValidationError(
                    _("Enter the number of the council's members (all of them, present or not).")
                )
            if not 0 <= session.present_count <= session.member_count:
                raise ValidationError(
                    _(
                        "%(present)s members present, but the council has %(members)s members: "
                        "check the number present.",
                        present=session.present_count,
                        members=session.member_count,
                    )
                )

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for session in self:
            for value in (session.time_start, session.time_end):
                if not 0 <= value < 24:
                    raise ValidationError(
                        _("Enter the meeting's times as hours of the day, e.g. 08:00 or 14:30.")
                    )
            if session.time_start and session.time_end and session.time_end < session.time_start:
                raise ValidationError(
                    _("The meeting cannot end before it starts: check the times.")
                )

    def _members_present_lines(self):
        """The names of the members present, one per line, without list marks."""
        self.ensure_one()
        lines = (self.members_present or "").splitlines()
        return [line.strip().lstrip("-–•").strip() for line in lines if line.strip()]

    @api.constrains("member_count")
    def _check_votes_of_lines(self):
        self.line_ids._check_votes()
        self.dossier_line_ids._check_votes()

    def action_add_proposals(self):
        """Put on the ballot every line of the proposals sent to the council (same year)."""
        self.ensure_one()
        proposals = self.env["emulation.proposal"].search(
            [
                ("state", "=", "council"),
                ("year", "=", self.year),
                ("company_id", "=", self.company_id.id),
            ]
        )
        proposals.line_ids.filtered(lambda line: not line.session_id).write({"session_id": self.id})
        # and the lines of the dossiers sent up to this body and put to its council
        dossiers = self.env["emulation.dossier"].search(
            [
                ("state", "=", "council"),
                ("year", "=", self.year),
                ("company_id", "=", self.company_id.id),
            ]
        )
        dossiers.line_ids.filtered(lambda line: not line.session_id).write({"session_id": self.id})
        return True

    def action_close(self):
        self.check_access("write")
        for session in self:
            if session.state != "draft":
                raise UserError(_("%(name)s is already closed.", name=session.display_name))
            if not (session.line_ids or session.dossier_line_ids):
                raise UserError(_("Put the proposals on the ballot before closing the session."))
        self._button_write({"state": "done"})
        self.line_ids.proposal_id._after_council()
        self.dossier_line_ids.dossier_id._after_council()
        return True

    def action_create_decisions(self):
        """One draft decision per title of the closed session, filled with its lines that
        passed (and that no decision commends yet); the officer enters the number and date and
        issues it. Opens the decision (or the list of them)."""
        self.ensure_one()
        self.check_access("write")
        Decision = self.env["emulation.decision"]
        Decision.check_access("create")
        if not self.env.user.has_group("emulation_exemplar.group_emulation_officer"):
            raise UserError(_("Only the emulation officers create the decisions."))
        if self.state != "done":
            raise UserError(
                _(
                    "%(name)s is still voting: Close the session first, then Create decision.",
                    name=self.display_name,
                )
            )
        lines = self._undecided_lines()
        if not lines:
            raise UserError(
                _(
                    "%(name)s has no passed line left without a decision: its decisions are "
                    "in the Decisions button of the session.",
                    name=self.display_name,
                )
            )
        decisions = Decision
        for award_type in lines.award_type_id:
            decision = Decision.create(
                {
                    "award_type_id": award_type.id,
                    "year": self.year,
                    "date": fields.Date.context_today(self),
                    "company_id": self.company_id.id,
                }
            )
            # the passed lines are the button's to link (as Add passed lines does)
            lines.filtered(lambda line, t=award_type: line.award_type_id == t)._button_write(
                {"decision_id": decision.id}
            )
            decisions |= decision
        return decisions._open_action()

    def action_open_decisions(self):
        self.ensure_one()
        return self.decision_ids._open_action()

    def action_reopen_wizard(self):
        return self.env["emulation.unseal.wizard"]._open(self)

    def _unseal(self, reason):
        """Reopen a closed session (the officers' Reopen button, with a reason): its ballot can
        be counted again, and the proposals it approved or rejected go back to the council.
        Refused once a decision commends one of its lines: that decision is sealed too."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "done":
            raise UserError(_("%(name)s is not closed.", name=self.display_name))
        decided = self.line_ids.filtered(lambda line: line.decision_id or line.award_id)
        if decided:
            raise UserError(
                _(
                    "%(name)s cannot be reopened: %(recipient)s is already in the decision "
                    "%(decision)s. Cancel that decision first if the ballot must be counted "
                    "again.",
                    name=self.display_name,
                    recipient=decided[0].recipient_name,
                    decision=decided[0].decision_id.display_name or "",
                )
            )
        dossiers = self.dossier_line_ids.dossier_id
        if dossiers.filtered(lambda d: d.state == "decided"):
            raise UserError(
                _(
                    "%(name)s cannot be reopened: a dossier it voted on is decided.",
                    name=self.display_name,
                )
            )
        proposals = self.line_ids.proposal_id.filtered(
            lambda p: p.state in ("approved", "rejected")
        )
        self._button_write({"state": "draft"})
        proposals._set_state("council", return_reason=False)
        dossiers.filtered(lambda d: d.state in ("approved", "refused"))._back_to_council()
        note = _(
            "Reopened by %(user)s: %(reason)s. The votes of its %(count)s lines can be counted "
            "again; %(proposals)s proposals are back at the council until it closes again.",
            user=self.env.user.name,
            reason=reason,
            count=len(self.line_ids),
            proposals=len(proposals),
        )
        self._message_log(body=note)
        proposals._message_log_batch(dict.fromkeys(proposals.ids, note))
        return True

    def action_print_minutes(self):
        return print_paper(self, "emulation_exemplar.action_report_council_minutes")
