from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .eligibility_snapshot_mixin import SNAPSHOT_FIELDS
from .history_mixin import RECIPIENT_TYPES
from .registration_line import is_within
from .write_policy_mixin import NEW, SERVER, policy

# a field of the line that the unit and the officers fill in while the proposal is a draft
DRAFTED = policy(unit=(NEW, "draft", "returned"), officer=(NEW, "draft", "returned"))


def ballot_result(session, vote_yes, threshold):
    """(yes votes in % of all the members, passed) of a line on the ballot of ``session``: the
    proposal lines of the agency's council and the dossier lines of the body above's alike."""
    members = session.member_count
    if not session or not members:
        return 0.0, False
    # integers compared, no rounding: 9 of 10 reaches 90 %, 8 of 9 does not
    if threshold:
        passed = vote_yes * 100 >= threshold * members
    else:
        passed = vote_yes * 2 > members
    return 100.0 * vote_yes / members, passed


def check_ballot(lines):
    """Refuse a ballot line (a proposal line or a dossier line) with more yes votes than the
    council has members."""
    for line in lines:
        if line.session_id and line.vote_yes > line.session_id.member_count:
            raise ValidationError(
                line.env._(
                    "%(name)s has %(votes)s yes votes, more than the %(members)s members of "
                    "the council: check the ballot count.",
                    name=line.recipient_name,
                    votes=line.vote_yes,
                    members=line.session_id.member_count,
                )
            )


def check_ballot_open(lines):
    """Refuse putting a ballot line into a closed council session: its minutes are sealed. The
    session's own buttons run as the superuser."""
    if lines.env.su:
        return
    for line in lines:
        if line.session_id.state == "done":
            raise ValidationError(
                line.env._(
                    "The council session %(session)s is closed: %(name)s cannot be put on its "
                    "ballot. Reopen the session first, or choose an open one.",
                    session=line.session_id.display_name,
                    name=line.recipient_name,
                )
            )


class EmulationProposalLine(models.Model):
    """One person or unit proposed, with the eligibility result the proposal rests on, the
    history records used as its basis and the council's ballot."""

    _name = "emulation.proposal.line"
    _inherit = [
        "emulation.write.policy.mixin",
        "emulation.women.priority.mixin",
        "emulation.eligibility.snapshot.mixin",
    ]
    _description = "Proposed recipient"
    _order = "proposal_id, recipient_type desc, id"
    _check_company_auto = True
    _rec_name = "recipient_name"
    # policy states: the proposal's status, or "sealed" once the line's ballot is closed or its
    # award issued (see _policy_state)
    _write_policy = {
        "proposal_id": policy(unit=(NEW,), officer=(NEW,)),
        "recipient_type": DRAFTED,
        "employee_id": DRAFTED,
        "department_id": DRAFTED,
        "justification": DRAFTED,
        "achievements": DRAFTED,
        "initiative_ids": DRAFTED,
        # the officers put the line on the council's ballot and count its votes
        "session_id": policy(officer=("council",)),
        "vote_yes": policy(officer=("council",)),
        # and put the passed line in the decision that commends it
        "decision_id": policy(officer=("approved",)),
        "state": SERVER,
        "award_type_id": SERVER,
        "year": SERVER,
        "proposing_unit_id": SERVER,
        "company_id": SERVER,
        "recipient_name": SERVER,
        "job_title": SERVER,
        "eligible_now": SERVER,
        **dict.fromkeys(SNAPSHOT_FIELDS, SERVER),
        "member_count": SERVER,
        "vote_ratio": SERVER,
        "vote_passed": SERVER,
        "award_id": SERVER,
    }

    proposal_id = fields.Many2one(
        "emulation.proposal", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(related="proposal_id.state", store=True, string="Status")
    award_type_id = fields.Many2one(
        related="proposal_id.award_type_id", store=True, index=True, string="Title or form"
    )
    year = fields.Integer(related="proposal_id.year", store=True)
    proposing_unit_id = fields.Many2one(
        related="proposal_id.department_id", store=True, index=True, string="Proposing unit"
    )
    company_id = fields.Many2one(related="proposal_id.company_id", store=True, index=True)
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, default="individual")
    employee_id = fields.Many2one(
        "hr.employee",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        context={"active_test": False},
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        context={"active_test": False},
    )
    recipient_name = fields.Char(string="Recipient", compute="_compute_recipient_name")
    job_title = fields.Char(compute="_compute_recipient_name", string="Position")
    eligibility_id = fields.Many2one(
        help="The eligibility result of the title's criteria set the line rests on."
    )
    eligible_now = fields.Boolean(
        string="Eligible now",
        compute="_compute_eligible_now",
        help="Eligible by the history as it stands today.",
    )
    # the snapshot (emulation.eligibility.snapshot.mixin), taken when the unit submits
    snapshot_eligible = fields.Boolean(
        string="Eligible at submission",
        help="Whether the recipient was eligible when the unit submitted the proposal: later "
        "changes to the history do not rewrite what the council was told.",
    )
    snapshot_missing = fields.Integer(string="Items missing at submission")
    justification = fields.Text(
        help="Why the unit proposes a recipient the history does not show as eligible "
        "(required then)."
    )
    achievements = fields.Text(help="The achievements the proposal cites.")
    initiative_ids = fields.Many2many(
        "emulation.initiative",
        "emulation_proposal_line_initiative_rel",
        "line_id",
        "initiative_id",
        string="Initiatives used",
        help="The initiatives the proposal rests on. Each one is the basis of one award only "
        "(Law 06/2022/QH15 art. 5): once an award is issued on it, no other proposal can use it.",
    )
    session_id = fields.Many2one(
        "emulation.council.session",
        string="Council session",
        index="btree_not_null",
        ondelete="set null",
    )
    member_count = fields.Integer(related="session_id.member_count")
    vote_yes = fields.Integer(string="Yes votes", help="Yes votes of the secret ballot.")
    vote_ratio = fields.Float(
        string="Yes votes (%)",
        compute="_compute_vote_passed",
        store=True,
        digits=(5, 2),
        aggregator=False,
        help="Yes votes as a percentage of all the council's members.",
    )
    vote_threshold = fields.Float(
        string="Threshold (%)",
        compute="_compute_vote_threshold",
        digits=(5, 2),
        help="The share of all the council's members whose yes votes the line needs: the "
        "threshold of the council's level, or the title's when stricter (0: more than half).",
    )
    vote_passed = fields.Boolean(
        string="Passed",
        compute="_compute_vote_passed",
        store=True,
        index=True,
        help="The yes votes reach the threshold of the council's level, or the title's when "
        "stricter, counted against all the council's members (present or not).",
    )
    decision_id = fields.Many2one(
        "emulation.decision", index="btree_not_null", ondelete="set null", copy=False
    )
    award_id = fields.Many2one("emulation.award", readonly=True, copy=False, ondelete="set null")

    _sql_constraints = [
        ("vote_yes_positive", "CHECK(vote_yes >= 0)", "The yes votes cannot be negative."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("employee_id", "department_id")
    def _compute_recipient_name(self):
        for line in self:
            line.recipient_name = (line.employee_id or line.department_id).sudo().name
            line.job_title = line.employee_id.sudo().job_title or ""

    @api.depends("session_id.vote_threshold", "award_type_id.council_vote_threshold")
    def _compute_vote_threshold(self):
        for line in self:
            line.vote_threshold = line._vote_threshold()

    def _vote_threshold(self):
        """The threshold that applies: the council level's, or the title's when stricter."""
        self.ensure_one()
        return max(self.session_id.vote_threshold, self.award_type_id.council_vote_threshold)

    @api.depends(
        "session_id.member_count",
        "session_id.vote_threshold",
        "vote_yes",
        "award_type_id.council_vote_threshold",
    )
    def _compute_vote_passed(self):
        for line in self:
            line.vote_ratio, line.vote_passed = ballot_result(
                line.session_id, line.vote_yes, line._vote_threshold()
            )

    def _compute_eligible_now(self):
        rows = self._eligibility_rows()
        for line in self:
            line.eligible_now = bool(rows.get(line.id) and rows[line.id].eligible)

    def _eligibility_rows(self):
        """The current eligibility result of each line (as the caller reads it)."""
        if not self:
            return {}
        rows = self.env["emulation.eligibility"].search(
            [
                ("award_type_id", "in", self.award_type_id.ids),
                ("year", "in", list(set(self.mapped("year")))),
                "|",
                ("employee_id", "in", self.employee_id.ids),
                ("department_id", "in", self.department_id.ids),
            ]
        )
        index = {
            (r.award_type_id.id, r.year, r.employee_id.id, r.department_id.id): r for r in rows
        }
        return {
            line.id: index.get(
                (line.award_type_id.id, line.year, line.employee_id.id, line.department_id.id)
            )
            for line in self
        }

    # ------------------------------------------------------------------ checks
    @api.constrains("recipient_type", "employee_id", "department_id", "proposal_id")
    def _check_recipient(self):
        for line in self:
            recipient = (
                line.employee_id if line.recipient_type == "individual" else line.department_id
            )
            if not recipient or (line.employee_id and line.department_id):
                raise ValidationError(
                    _("Each line names one person (individual) or one unit (collective).")
                )
            scope = line.award_type_id.recipient_scope
            if scope not in ("both", line.recipient_type):
                raise ValidationError(
                    _(
                        "%(type)s is not awarded to this kind of recipient: propose people for a "
                        "title of individuals, units for a title of collectives.",
                        type=line.award_type_id.name,
                    )
                )
            unit = recipient.sudo().department_id if line.employee_id else recipient
            if not is_within(unit, line.proposal_id.department_id):
                raise ValidationError(
                    _(
                        "A line names someone outside %(unit)s: propose only the people and "
                        "units of %(unit)s and of the units below it.",
                        unit=line.proposal_id.department_id.display_name,
                    )
                )
        # nobody is proposed while a discipline of theirs is under consideration
        self.env["emulation.discipline"]._check_not_under_consideration(self.employee_id)
        # the same recipient twice in one proposal
        for proposal in self.proposal_id:
            seen = set()
            for line in proposal.line_ids:
                key = (line.employee_id.id, line.department_id.id)
                if key in seen:
                    raise ValidationError(
                        _(
                            "%(name)s is proposed twice in %(paper)s: remove one of the lines.",
                            name=line.recipient_name,
                            paper=proposal.display_name,
                        )
                    )
                seen.add(key)

    @api.constrains("vote_yes", "session_id")
    def _check_votes(self):
        check_ballot(self)

    @api.constrains("session_id")
    def _check_session_open(self):
        check_ballot_open(self)

    @api.constrains("initiative_ids")
    def _check_initiatives_unused(self):
        for line in self:
            used = line.initiative_ids.filtered(
                lambda i, own=line.award_id: i.used_award_id.active and i.used_award_id != own
            )
            if used:
                raise ValidationError(
                    _(
                        "The initiative %(initiative)s is already the basis of the award "
                        "%(award)s: one achievement is the basis of one award only (Law "
                        "06/2022/QH15 art. 5). Remove it from %(name)s's line.",
                        initiative=used[0].name,
                        award=used[0].used_award_id.display_name,
                        name=line.recipient_name,
                    )
                )

    @api.constrains("initiative_ids", "employee_id", "department_id")
    def _check_initiatives_own(self):
        """A line rests on its recipient's own initiatives: those a person authored, or those
        authored within the unit proposed (read as superuser: the authors only, never named)."""
        for line in self:
            for initiative in line.initiative_ids.sudo():
                if line.employee_id:
                    own = line.employee_id in initiative.employee_ids
                else:
                    own = any(
                        is_within(author.department_id, line.department_id)
                        for author in initiative.employee_ids
                    )
                if not own or initiative.company_id != line.company_id:
                    raise ValidationError(
                        _(
                            "%(name)s's line lists an initiative that is not theirs: a "
                            "proposal rests on its recipient's own initiatives. Remove it from "
                            "the line.",
                            name=line.recipient_name,
                        )
                    )

    # ------------------------------------------------------------------ buttons
    def action_achievement_report(self):
        """Open the line's achievement report, created when it has none."""
        self.ensure_one()
        report = self.env["emulation.achievement.report"]._for_lines(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Achievement report"),
            "res_model": "emulation.achievement.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }

    def _dossier_facts(self):
        """What a dossier sent up carries of this line: the facts the body above reads (it reads
        nothing else of the agency)."""
        self.ensure_one()
        unit = self.employee_id.department_id if self.employee_id else self.department_id
        return {
            "proposal_line_id": self.id,
            "recipient_type": self.recipient_type,
            "recipient_name": self.recipient_name,
            "job_title": self.job_title,
            "unit_name": unit.sudo().name or "",
            "snapshot_eligible": self.snapshot_eligible,
            "achievements": self.achievements,
            "justification": self.justification,
            "agency_vote_ratio": self.vote_ratio,
        }

    # ------------------------------------------------------------------ policy
    def _policy_state(self):
        self.ensure_one()
        return "issued" if self.award_id else self.proposal_id.state

    def _policy_state_label(self, state):
        if state == "issued":
            return _("issued (its award is in the history)")
        return self.proposal_id._policy_state_label(state)

    def _policy_bound(self):
        if self.session_id.state == "done":
            why = _("the council session that voted on it is closed. Reopen the session first.")
            return {"session_id": why, "vote_yes": why}
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        if self.filtered("award_id"):
            raise UserError(_("A line with an issued award cannot be deleted."))
        if not self.env.su and self.filtered(lambda line: line.session_id.state == "done"):
            raise UserError(
                _(
                    "A line voted on in a closed council session cannot be deleted: reopen the "
                    "session first."
                )
            )
        if not self.env["emulation.proposal"]._is_officer():
            self.proposal_id._check_unit_may_edit()
