from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import exchange
from ..lib.pdf import print_paper
from .cycle_state_mixin import AT_CREATION, CHILDREN, DRAFTED
from .dossier import DOSSIER_STATES
from .history_mixin import check_years
from .registration_line import is_within
from .write_policy_mixin import SERVER, policy

PROPOSAL_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("council", "At the council"),
    ("approved", "Approved"),
    ("decided", "Decided"),
    ("returned", "Returned"),
    ("rejected", "Rejected"),
]


class EmulationProposal(models.Model):
    """A proposal for commendation (hồ sơ đề nghị khen thưởng): one unit, one title or form,
    one year, the people and units it proposes, and the papers of its dossier (Law 06/2022/QH15
    art. 84)."""

    _name = "emulation.proposal"
    _inherit = [
        "emulation.cycle.state.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "emulation.judged.year.mixin",
    ]
    _description = "Commendation proposal"
    _order = "year desc, award_type_id, department_id, id"
    _check_company_auto = True
    _write_policy = {
        "name": DRAFTED,
        "date": DRAFTED,
        "year": DRAFTED,
        "award_type_id": DRAFTED,
        "department_id": DRAFTED,
        "registered_only": DRAFTED,
        "line_ids": CHILDREN,
        "document_ids": CHILDREN,
        # the officer writes why before pressing Return or Reject
        "return_reason": policy(officer=("submitted", "council", "approved")),
        "company_id": AT_CREATION,
        "state": SERVER,
        "submitted_date": SERVER,
        "council_vote_threshold": SERVER,
        "line_count": SERVER,
        "passed_count": SERVER,
    }

    name = fields.Char(
        string="Submission number",
        tracking=True,
        copy=False,
        help="Number and symbol of the submission (tờ trình), e.g. 12/TTr-SNgV.",
    )
    date = fields.Date(string="Submission date", tracking=True, copy=False)
    year = fields.Integer(
        required=True,
        default=lambda self: self._default_judged_year(),
        index=True,
        aggregator=False,
        tracking=True,
        help="The year the achievements count for.",
    )
    award_type_id = fields.Many2one(
        "emulation.award.type",
        string="Title or form",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
    )
    council_vote_threshold = fields.Float(related="award_type_id.council_vote_threshold")
    department_id = fields.Many2one(
        "hr.department",
        string="Proposing unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        default=lambda self: self.env["emulation.registration"]._default_department(),
    )
    registered_only = fields.Boolean(
        string="Registered only",
        compute="_compute_registered_only",
        store=True,
        readonly=False,
        help="Propose eligible: only those who registered for this title or form this year. On "
        "by default when the unit's registration of the year is submitted.",
    )
    line_ids = fields.One2many(
        "emulation.proposal.line", "proposal_id", string="Proposed", copy=False
    )
    line_count = fields.Integer(compute="_compute_counts", string="Proposed lines")
    passed_count = fields.Integer(compute="_compute_counts", string="Passed lines")
    document_ids = fields.One2many(
        "emulation.proposal.document", "proposal_id", string="Attached documents", copy=False
    )
    state = fields.Selection(
        PROPOSAL_STATES,
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    return_reason = fields.Text(
        string="Reason for returning or rejecting",
        tracking=True,
        copy=False,
        help="What the unit must correct, or why the proposal is rejected.",
    )
    submitted_date = fields.Date(readonly=True, copy=False)
    dossier_state = fields.Selection(
        DOSSIER_STATES,
        compute="_compute_can_send_up",
        string="Dossier sent up",
        groups="emulation_exemplar.group_emulation_officer",
    )
    can_send_up = fields.Boolean(
        string="To send up",
        compute="_compute_can_send_up",
        groups="emulation_exemplar.group_emulation_officer",
        help="Approved by the agency's council, for a title or form beyond the agency's own "
        "authority, and not with the body above already.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("state", "award_type_id.level", "company_id")
    def _compute_can_send_up(self):
        dossiers = self._dossiers()
        for proposal in self:
            mine = dossiers.filtered(lambda d, p=proposal: d.proposal_id == p)
            proposal.dossier_state = mine[:1].state
            proposal.can_send_up = (
                proposal.state == "approved"
                and proposal.award_type_id._beyond_agency()
                and bool(proposal.company_id.emulation_parent_body_id)
                and all(d.state == "returned" for d in mine)
            )

    def _dossiers(self):
        """The dossiers these proposals were sent up as (read as the caller: an officer of the
        sending agency reads them)."""
        if not self.ids:
            return self.env["emulation.dossier"]
        return self.env["emulation.dossier"].search([("proposal_id", "in", self.ids)])

    @api.depends("line_ids.vote_passed")
    def _compute_counts(self):
        for proposal in self:
            proposal.line_count = len(proposal.line_ids)
            proposal.passed_count = len(proposal.line_ids.filtered("vote_passed"))

    @api.depends("department_id", "year")
    def _compute_registered_only(self):
        """On where the unit (or a unit below it) submitted its registration of the year (the
        registrations the caller may read, in one query for all the proposals)."""
        years = {proposal.year for proposal in self if proposal.department_id and proposal.year}
        registrations = self.env["emulation.registration"]
        if years:
            registrations = registrations.search(
                [("year", "in", list(years)), ("state", "in", ("submitted", "approved"))]
            )
        for proposal in self:
            proposal.registered_only = any(
                registration.year == proposal.year
                and is_within(registration.department_id, proposal.department_id)
                for registration in registrations
            )

    @api.depends("award_type_id", "department_id", "year")
    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = _(
                "Proposal %(year)s – %(type)s – %(unit)s",
                year=proposal.year,
                type=proposal.award_type_id.name or "",
                unit=proposal.department_id.name or "",
            )

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    def _policy_bound(self):
        bound = super()._policy_bound()
        if self.line_ids.filtered(lambda line: line.decision_id or line.award_id):
            why = _("some of its lines are in a decision.")
            bound.update(year=why, award_type_id=why)
        return bound

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(p.state != "draft" for p in self):
            raise UserError(_("Only a draft proposal can be deleted."))

    # ------------------------------------------------------------------ propose eligible
    def action_propose_eligible(self):
        """Add a line for every recipient found eligible for the proposal's title or form in
        its year, within the proposing unit and the units below (read with the caller's rights:
        only the results they may read). Running it again adds no duplicate."""
        Eligibility = self.env["emulation.eligibility"]
        Line = self.env["emulation.proposal.line"]
        added = withheld = 0
        for proposal in self:
            proposal._check_unit_may_edit()
            rows = Eligibility.search(
                [
                    ("award_type_id", "=", proposal.award_type_id.id),
                    ("year", "=", proposal.year),
                    ("eligible", "=", True),
                    ("company_id", "=", proposal.company_id.id),
                    ("unit_id", "child_of", proposal.department_id.id),
                ],
                order="recipient_type desc, unit_id, id",
            )
            # people before units, as the lines' order; all are eligible, a tie: women first
            # (Decree 152/2025/NĐ-CP, art. 4(6))
            rows = rows._women_first_ranked(lambda r: (r.recipient_type == "individual",))
            if proposal.registered_only:
                registered = proposal._registered_keys()
                rows = rows.filtered(
                    lambda r, keys=registered: (r.employee_id.id, r.department_id.id) in keys
                )
            # nobody whose discipline is under consideration (Decree 152/2025/NĐ-CP, art. 4)
            considered = self.env["emulation.discipline"]._under_consideration(rows.employee_id)
            if considered:
                kept = rows.filtered(lambda r, c=considered.employee_id: r.employee_id not in c)
                withheld += len(rows) - len(kept)
                rows = kept
            present = {(line.employee_id.id, line.department_id.id) for line in proposal.line_ids}
            vals_list = []
            for row in rows:
                key = (row.employee_id.id, row.department_id.id)
                if key in present:
                    continue
                present.add(key)
                vals_list.append(
                    {
                        "proposal_id": proposal.id,
                        "recipient_type": row.recipient_type,
                        "employee_id": row.employee_id.id,
                        "department_id": row.department_id.id,
                        "eligibility_id": row.id,
                    }
                )
            # the result each line rests on is the button's to set
            Line._button_create(vals_list)
            added += len(vals_list)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info" if added else "warning",
                "message": (
                    _("%(count)s eligible recipients added.", count=added)
                    if added
                    else _(
                        "No eligible recipient to add: all are already proposed, or none is "
                        "eligible for this title this year."
                    )
                )
                + (
                    " "
                    + _(
                        "%(count)s eligible people left out: they cannot be proposed at the "
                        "moment (Decree 152/2025/NĐ-CP, art. 4).",
                        count=withheld,
                    )
                    if withheld
                    else ""
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _registered_keys(self):
        self.ensure_one()
        lines = self.env["emulation.registration.line"].search(
            [
                ("year", "=", self.year),
                ("award_type_id", "=", self.award_type_id.id),
                ("state", "in", ("submitted", "approved")),
                ("registration_id.department_id", "child_of", self.department_id.id),
            ]
        )
        return {(line.employee_id.id, line.department_id.id) for line in lines}

    # ------------------------------------------------------------------ buttons
    def action_submit(self):
        for proposal in self:
            if proposal.state not in ("draft", "returned"):
                raise UserError(_("%(paper)s is already submitted.", paper=proposal.display_name))
            if not proposal.line_ids:
                raise UserError(
                    _(
                        "%(paper)s proposes nobody: add lines, or use Propose eligible.",
                        paper=proposal.display_name,
                    )
                )
            # a discipline may have come under consideration since the lines were written
            self.env["emulation.discipline"]._check_not_under_consideration(
                proposal.line_ids.employee_id
            )
            proposal.line_ids._take_snapshot()
            unjustified = proposal.line_ids.filtered(
                lambda line: not line.snapshot_eligible and not (line.justification or "").strip()
            )
            if unjustified:
                raise UserError(
                    _(
                        "%(name)s is not eligible for %(type)s in %(year)s by the recorded "
                        "history: write on their line why the unit proposes them anyway, or "
                        "remove the line.",
                        name=unjustified[0].recipient_name,
                        type=proposal.award_type_id.name,
                        year=proposal.year,
                    )
                )
        self._set_state("submitted", submitted_date=fields.Date.context_today(self))
        for proposal in self:
            proposal._todo_for_officers(
                _("Review the proposal: %(paper)s", paper=proposal.display_name)
            )
        return True

    def action_to_council(self):
        self._check_officer()
        if any(p.state != "submitted" for p in self):
            raise UserError(_("Only a submitted proposal goes to the council."))
        self._set_state("council")
        self._todos_done()
        return True

    def action_return(self):
        self._check_return(("submitted", "council", "approved"))
        # the lines leave the council session they were put on (not those already decided)
        self.line_ids.filtered(lambda line: not line.decision_id)._button_write(
            {"session_id": False}
        )
        self._set_state("returned")
        self._todo_returned()
        return True

    def _return_with_reason(self, reason, reject=False):
        """The return dialog's button: the reason and the status, written together."""
        self._check_officer()
        self._button_write({"return_reason": reason})
        return self.action_reject() if reject else self.action_return()

    def action_reject_dialog(self):
        """Reject: the dialog asks for the reason."""
        self.ensure_one()
        self._check_officer()
        return self.env["emulation.return.wizard"]._open(self, "reject")

    def _todo_outcome(self):
        """The unit head's to-do once the proposal is decided or rejected."""
        for proposal in self:
            if proposal.state == "decided":
                summary = _("Decided: %(paper)s", paper=proposal.display_name)
            else:
                summary = _("Rejected: %(paper)s", paper=proposal.display_name)
            proposal._todo_for_unit(summary, proposal.return_reason or "")

    def action_reject(self):
        self._check_officer()
        for proposal in self:
            if proposal.state not in ("submitted", "council", "approved"):
                raise UserError(_("%(paper)s cannot be rejected now.", paper=proposal.display_name))
            if not (proposal.return_reason or "").strip():
                raise UserError(
                    _(
                        "Write the reason for rejecting %(paper)s first.",
                        paper=proposal.display_name,
                    )
                )
        self._set_state("rejected")
        self._todo_outcome()
        return True

    def _after_council(self):
        """The council voted on every line: approved when at least one line passed."""
        passed = self.filtered(
            lambda p: p.state == "council" and p.line_ids.filtered("vote_passed")
        )
        passed._set_state("approved")
        failed = self.filtered(lambda p: p.state == "council") - passed
        if failed:
            failed._set_state(
                "rejected", return_reason=_("No line reached the council's vote threshold.")
            )
            failed._todo_outcome()

    def action_achievement_reports(self):
        """The achievement reports of the proposal's lines, created for the lines that have
        none."""
        self.ensure_one()
        self.env["emulation.achievement.report"]._for_lines(self.line_ids)
        return {
            "type": "ir.actions.act_window",
            "name": _("Achievement reports"),
            "res_model": "emulation.achievement.report",
            "view_mode": "list,form",
            "domain": [("proposal_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_send_up(self):
        """Send the proposal up to the body above as a dossier (or send the returned dossier
        again): the lines the agency's council passed, the submission, the list and the
        minutes."""
        for proposal in self:
            proposal._check_may_go_up()
            if any(d.state != "returned" for d in proposal._dossiers()):
                raise UserError(
                    _("%(paper)s is already with the body above.", paper=proposal.display_name)
                )
            self.env["emulation.dossier"]._send(proposal)
        return True

    def _check_may_go_up(self, need_body=True):
        self.ensure_one()
        self._check_officer()
        self.check_access("write")
        if self.state != "approved":
            raise UserError(
                _(
                    "%(paper)s goes up once the agency's council has passed it.",
                    paper=self.display_name,
                )
            )
        if not self.award_type_id._beyond_agency():
            raise UserError(
                _(
                    "%(type)s is within the agency's own authority: issue the decision "
                    "here instead of sending it up.",
                    type=self.award_type_id.name,
                )
            )
        if need_body and not self.company_id.emulation_parent_body_id:
            raise UserError(
                _(
                    "Set the body above of %(company)s (Settings › Emulation & "
                    "Commendation) before sending a dossier up.",
                    company=self.company_id.name,
                )
            )

    def action_export_dossier(self):
        """The dossier as one file for the province's database (README "Dossier files"): the
        lines the council passed, with the history that counted, and the papers as PDF."""
        self._check_may_go_up(need_body=False)
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        lines = []
        for line in self.line_ids.filtered("vote_passed"):
            facts = line._dossier_facts()
            result = line.eligibility_id
            lines.append(
                {
                    "ref": "%s/line/%s" % (uuid, line.id),
                    "recipient_type": facts["recipient_type"],
                    "name": facts["recipient_name"],
                    "job_title": facts["job_title"] or "",
                    "unit": facts["unit_name"],
                    "eligible_at_submission": facts["snapshot_eligible"],
                    "achievements": facts["achievements"] or "",
                    "justification": facts["justification"] or "",
                    "agency_vote_ratio": facts["agency_vote_ratio"],
                    "history": {
                        "awards": [
                            {
                                "type_code": award.award_type_id.code,
                                "type": award.award_type_id.name,
                                "year": award.year,
                                "decision_number": award.decision_number or "",
                            }
                            for award in result.award_ids
                        ],
                        "classifications": [
                            {"year": c.year, "level": c.level} for c in result.classification_ids
                        ],
                        "initiatives": [
                            {"name": i.name, "year": i.year, "level": i.level}
                            for i in result.initiative_ids
                        ],
                    },
                }
            )
        document = {
            "ref": "%s/proposal/%s" % (uuid, self.id),
            "sender": self.company_id.name,
            "unit": self.department_id.name,
            "submission_number": self.name or "",
            "submission_date": fields.Date.to_string(self.date) if self.date else "",
            "award_type_code": self.award_type_id.code,
            "award_type": self.award_type_id.name,
            "year": self.year,
            "lines": lines,
        }
        Report = self.env["ir.actions.report"]
        papers = []
        sessions = self.line_ids.session_id
        # an achievement report per line sent up (created where none was written)
        reports = self.env["emulation.achievement.report"]._for_lines(
            self.line_ids.filtered("vote_passed")
        )
        for xmlid, prefix, records in (
            ("emulation_exemplar.action_report_proposal_submission", "submission", self),
            ("emulation_exemplar.action_report_proposal_list", "list", self),
            ("emulation_exemplar.action_report_council_minutes", "minutes", sessions),
            ("emulation_exemplar.action_report_achievement", "achievements", reports),
        ):
            if records:
                content, kind = Report._render_qweb_pdf(xmlid, res_ids=records.ids)
                papers.append(("%s.%s" % (prefix, "pdf" if kind == "pdf" else "html"), content))
        content = exchange.build(exchange.DOSSIER_SCHEMA, document, papers)
        return exchange.download(self, content, "dossier-%s-%s.zip" % (self.year, self.id))

    @api.model
    def _import_decision(self, content):
        """The province's decision from its file: one award per passed line, in the recipient's
        history, the proposal decided (or rejected). Every line must match a line of the
        proposal sent: otherwise nothing is written, and the unmatched are named."""
        self._check_officer()
        document, _papers = exchange.read(content, exchange.DECISION_SCHEMA)
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        prefix = "%s/proposal/" % uuid
        ref = str(document["dossier_ref"])
        proposal = self.browse()
        if ref.startswith(prefix) and ref[len(prefix) :].isdigit():
            proposal = self.search([("id", "=", int(ref[len(prefix) :]))])
        if not proposal:
            raise UserError(
                _(
                    "The decision answers a dossier this database did not send (or that you "
                    "may not read): import it in the database of the agency that sent it."
                )
            )
        if proposal.state != "approved":
            raise UserError(
                _(
                    "%(paper)s is %(state)s: the decision is already recorded, or the proposal "
                    "no longer waits for it.",
                    paper=proposal.display_name,
                    state=proposal._policy_state_label(proposal.state),
                )
            )
        if str(document["award_type_code"]).upper() != (proposal.award_type_id.code or "").upper():
            raise UserError(
                _(
                    "The decision is for the code %(code)s, the proposal for %(type)s: check "
                    "the file.",
                    code=document["award_type_code"],
                    type=proposal.award_type_id.name,
                )
            )
        line_prefix = "%s/line/" % uuid
        by_ref = {line_prefix + str(line.id): line for line in proposal.line_ids}
        unmatched = [row["name"] for row in document["lines"] if row["ref"] not in by_ref]
        if unmatched:
            raise UserError(
                _(
                    "Nothing was imported: these recipients of the decision are not lines of "
                    "%(paper)s: %(names)s.",
                    paper=proposal.display_name,
                    names=", ".join(str(name) for name in unmatched),
                )
            )
        decided = bool(document.get("decided", True))
        passed = [by_ref[row["ref"]] for row in document["lines"] if row["passed"]]
        if decided:
            try:
                date = fields.Date.to_date(document["date"])
            except (TypeError, ValueError):
                date = None
            if not (document["number"] and date):
                raise UserError(_("The decision's file has no number or date: check the file."))
            vals_list = [
                {
                    "award_type_id": proposal.award_type_id.id,
                    "year": proposal.year,
                    "recipient_type": line.recipient_type,
                    "employee_id": line.employee_id.id or False,
                    "department_id": line.department_id.id or False,
                    "decision_number": document["number"],
                    "decision_date": date,
                    "authority": proposal.award_type_id.authority or False,
                    "reason": line.achievements or False,
                    "company_id": proposal.company_id.id,
                }
                for line in passed
            ]
            awards = self.env["emulation.award"].create(vals_list)
            for line, award in zip(passed, awards, strict=True):
                line._button_write({"award_id": award.id})
                line.initiative_ids.sudo().write({"used_award_id": award.id})
            proposal._set_state("decided")
        else:
            proposal._set_state(
                "rejected", return_reason=document.get("reason") or _("Refused by the body above.")
            )
        proposal._todo_outcome()
        return proposal

    def action_open_dossier(self):
        self.ensure_one()
        self._check_officer()
        dossier = self._dossiers()[:1]
        if not dossier:
            raise UserError(_("%(paper)s was not sent up.", paper=self.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": "emulation.dossier",
            "view_mode": "form",
            "res_id": dossier.id,
        }

    def action_print_submission(self):
        return print_paper(self, "emulation_exemplar.action_report_proposal_submission")

    def action_print_list(self):
        return print_paper(self, "emulation_exemplar.action_report_proposal_list")
