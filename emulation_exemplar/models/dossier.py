import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import exchange
from .write_policy_mixin import SERVER, policy

DOSSIER_STATES = [
    ("sent", "Sent"),
    ("returned", "Returned"),
    ("review", "Under review"),
    ("council", "At the council"),
    ("approved", "Passed by the council"),
    ("decided", "Decided"),
    ("refused", "Refused"),
]
# the papers generated at sending, attached to the dossier (report action, file name prefix)
PAPERS = (
    ("emulation_exemplar.action_report_proposal_submission", "submission"),
    ("emulation_exemplar.action_report_proposal_list", "list"),
)
MINUTES = "emulation_exemplar.action_report_council_minutes"
ACHIEVEMENTS = "emulation_exemplar.action_report_achievement"


class EmulationDossier(models.Model):
    """A dossier sent up (hồ sơ đề nghị khen thưởng gửi cấp trên): a proposal the agency's
    council passed, for a title or form beyond the agency's own authority, sent to the body above
    (``res.company.emulation_parent_body_id``, the province's emulation body: a company of the
    same database). It belongs to the receiving company, whose officers review it, put its lines
    to their own council and decide it; the sending company's officers read it (record rules
    ``rule_emulation_dossier_read`` / ``rule_emulation_dossier_write``). Its lines carry what was
    sent (names, positions, units, achievements) as facts: the province reads nothing else of the
    agency."""

    _name = "emulation.dossier"
    _inherit = ["emulation.write.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Commendation dossier sent up"
    _order = "sent_date desc, id desc"
    _write_policy = {
        # the receiving body's officers write why before Return or Refuse
        "return_reason": policy(officer=("sent", "review", "council", "approved")),
        # and the province's decision, once the council passed the dossier
        "decision_number": policy(officer=("approved",)),
        "decision_date": policy(officer=("approved",)),
        "decision_signer": policy(officer=("approved",)),
        "name": SERVER,
        "proposal_id": SERVER,
        "company_id": SERVER,
        "sender_company_id": SERVER,
        "sender_name": SERVER,
        "external_ref": SERVER,
        "award_type_id": SERVER,
        "year": SERVER,
        "proposing_unit": SERVER,
        "submission_number": SERVER,
        "state": SERVER,
        "sent_date": SERVER,
        "send_count": SERVER,
        "line_ids": SERVER,
        "line_count": SERVER,
        "passed_count": SERVER,
        "attachment_ids": SERVER,
        "is_receiver": SERVER,
    }

    name = fields.Char(string="Dossier", readonly=True, copy=False)
    proposal_id = fields.Many2one(
        "emulation.proposal",
        readonly=True,
        index=True,
        ondelete="restrict",
        groups="emulation_exemplar.group_emulation_officer",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Sent to",
        required=True,
        readonly=True,
        index=True,
        help="The body above that reviews and decides the dossier.",
    )
    sender_company_id = fields.Many2one(
        "res.company",
        string="Sent by",
        readonly=True,
        index=True,
        help="The sending agency, when it is a company of this database.",
    )
    sender_name = fields.Char(
        string="Sending agency",
        readonly=True,
        help="The agency that sent the dossier, as named when it was sent or in the imported file.",
    )
    external_ref = fields.Char(
        string="Reference of the sender",
        readonly=True,
        index=True,
        copy=False,
        help="The dossier's reference in the sending agency's database, for a dossier imported "
        "from a file: the decision's file names it.",
    )
    award_type_id = fields.Many2one(
        "emulation.award.type", string="Title or form", required=True, readonly=True, index=True
    )
    year = fields.Integer(required=True, readonly=True, aggregator=False, index=True)
    proposing_unit = fields.Char(
        string="Proposing unit", readonly=True, help="The unit that proposed, as sent."
    )
    submission_number = fields.Char(
        string="Submission number",
        readonly=True,
        help="The number of the agency's submission (tờ trình), as sent.",
    )
    state = fields.Selection(
        DOSSIER_STATES,
        string="Status",
        required=True,
        default="sent",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    sent_date = fields.Date(string="Date sent", readonly=True, tracking=True)
    send_count = fields.Integer(
        string="Times sent", readonly=True, help="Sent again after each return."
    )
    return_reason = fields.Text(
        string="Reason for returning or refusing",
        tracking=True,
        help="What the agency must correct, or why the dossier is refused.",
    )
    decision_number = fields.Char(
        tracking=True, help="Number and symbol of the province's decision, e.g. 1234/QĐ-UBND."
    )
    decision_date = fields.Date(tracking=True)
    decision_signer = fields.Char(
        string="Signed by", tracking=True, help="Who signed the decision, e.g. the Chairman."
    )
    line_ids = fields.One2many("emulation.dossier.line", "dossier_id", string="Proposed")
    line_count = fields.Integer(compute="_compute_counts", string="Proposed lines")
    passed_count = fields.Integer(compute="_compute_counts", string="Passed lines")
    is_receiver = fields.Boolean(
        string="Receiving body",
        compute="_compute_is_receiver",
        help="Whether the reader is an officer of the body the dossier is sent to.",
    )
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        domain=[("res_model", "=", "emulation.dossier")],
        string="Papers",
        readonly=True,
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_receiver(self):
        officer = self.env.user.has_group("emulation_exemplar.group_emulation_officer")
        for dossier in self:
            dossier.is_receiver = officer and dossier.company_id in self.env.user.company_ids

    @api.depends("line_ids.vote_passed")
    def _compute_counts(self):
        for dossier in self:
            dossier.line_count = len(dossier.line_ids)
            dossier.passed_count = len(dossier.line_ids.filtered("vote_passed"))

    @api.depends("name", "award_type_id", "year")
    def _compute_display_name(self):
        for dossier in self:
            dossier.display_name = _(
                "Dossier %(name)s – %(type)s %(year)s",
                name=dossier.name or "",
                type=dossier.award_type_id.name or "",
                year=dossier.year or "",
            )

    # ------------------------------------------------------------------ sides
    def _is_receiver(self):
        """Whether the caller is an officer of the receiving body (of every dossier)."""
        officer = self.env.user.has_group("emulation_exemplar.group_emulation_officer")
        return officer and all(d.company_id in self.env.user.company_ids for d in self)

    def _is_sender(self):
        officer = self.env.user.has_group("emulation_exemplar.group_emulation_officer")
        return officer and all(d.sender_company_id in self.env.user.company_ids for d in self)

    def _check_receiver(self):
        if not self._is_receiver():
            raise UserError(_("Only the officers of the body the dossier is sent to do this."))

    def _check_state(self, states, what):
        for dossier in self:
            if dossier.state not in states:
                raise UserError(
                    _(
                        "%(dossier)s is %(state)s: it cannot be %(what)s now.",
                        dossier=dossier.display_name,
                        state=dict(DOSSIER_STATES)[dossier.state],
                        what=what,
                    )
                )

    def _set_state(self, state, **vals):
        self.check_access("write")
        vals["state"] = state
        result = self._button_write(vals)
        # the proposals' Send up follows their dossiers' status
        self.env["emulation.proposal"].invalidate_model(["can_send_up", "dossier_state"])
        return result

    # ------------------------------------------------------------------ sending (agency)
    @api.model
    def _resend_or_create(self, returned, header, new_vals, fallback_name=False):
        """The receiving body's dossier (as the superuser: its buttons write it) with ``header``
        and state sent: ``returned`` sent again (its lines and papers dropped, to be written
        anew), or else a new one of ``new_vals`` numbered by the dossiers' sequence."""
        Dossier = self.sudo()
        if returned:
            dossier = Dossier.browse(returned.id)
            dossier.line_ids.unlink()
            dossier.attachment_ids.unlink()
            dossier.write(dict(header, state="sent", send_count=dossier.send_count + 1))
            return dossier
        name = self.env["ir.sequence"].sudo().next_by_code("emulation.dossier") or fallback_name
        return Dossier.create(dict(header, **new_vals, name=name, send_count=1))

    @api.model
    def _send(self, proposal):
        """Send ``proposal`` up (the proposal's Send up button, its checks done): a new dossier,
        or the returned one sent again, with its lines and papers as they stand. The dossier is
        the receiving body's record: the agency creates it through this button only (its
        officers may not write a dossier: ``rule_emulation_dossier_write``)."""
        body = proposal.company_id.emulation_parent_body_id
        dossier = proposal._dossiers().filtered(lambda d: d.state == "returned")[:1]
        header = {
            "award_type_id": proposal.award_type_id.id,
            "year": proposal.year,
            "proposing_unit": proposal.department_id.name,
            "submission_number": proposal.name,
            "sent_date": fields.Date.context_today(self),
        }
        # the button writes the receiving body's record; what it reads stays the caller's
        dossier = self._resend_or_create(
            dossier,
            header,
            {
                "proposal_id": proposal.id,
                "company_id": body.id,
                "sender_company_id": proposal.company_id.id,
                "sender_name": proposal.company_id.name,
            },
            fallback_name=proposal.name,
        )
        lines = proposal.line_ids.filtered("vote_passed")
        dossier.env["emulation.dossier.line"].create(
            [dict(line._dossier_facts(), dossier_id=dossier.id) for line in lines]
        )
        dossier._attach_papers(proposal)
        dossier._message_log(
            body=_("Sent by %(company)s.", company=proposal.company_id.name)
            if dossier.send_count == 1
            else _(
                "Sent again by %(company)s (time %(count)s).",
                company=proposal.company_id.name,
                count=dossier.send_count,
            )
        )
        self.env["emulation.proposal"].invalidate_model(["can_send_up", "dossier_state"])
        return dossier.with_env(self.env)

    def _attach_papers(self, proposal):
        """The submission, the list, the council's minutes and an achievement report per
        recipient sent up, rendered as the sender, and the documents attached to the proposal:
        attached to the dossier (the province reads them as the dossier's papers)."""
        self.ensure_one()
        Report = self.env["ir.actions.report"].with_user(proposal.env.user)
        papers = [(xmlid, prefix, proposal) for xmlid, prefix in PAPERS]
        sessions = proposal.line_ids.session_id
        if sessions:
            papers.append((MINUTES, "minutes", sessions))
        # an achievement report per line sent up (created, as the sender, where none was written)
        reports = proposal.env["emulation.achievement.report"]._for_lines(
            proposal.line_ids.filtered("vote_passed")
        )
        if reports:
            papers.append((ACHIEVEMENTS, "achievements", reports))
        attachments = []
        for xmlid, prefix, records in papers:
            content, kind = Report._render_qweb_pdf(xmlid, res_ids=records.ids)
            extension = "pdf" if kind == "pdf" else "html"
            attachments.append(
                {
                    "name": "%s-%s.%s" % (prefix, self.name or self.id, extension),
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf" if kind == "pdf" else "text/html",
                }
            )
        for document in proposal.document_ids:
            attachments.append(
                {
                    "name": document.filename or document.name,
                    "raw": document.file and base64.b64decode(document.file),
                    "description": document.name,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.env["ir.attachment"].create(attachments)

    # ------------------------------------------------------------------ the receiving body
    def action_review(self):
        self._check_receiver()
        self._check_state(("sent",), _("reviewed"))
        self._set_state("review")
        return True

    def action_return(self):
        """Back to the agency, with the reason (written first)."""
        self._check_receiver()
        self._check_state(("sent", "review"), _("returned"))
        for dossier in self:
            if not (dossier.return_reason or "").strip():
                raise UserError(
                    _(
                        "Write the reason for returning %(dossier)s first: the agency needs to "
                        "know what to correct.",
                        dossier=dossier.display_name,
                    )
                )
        self._set_state("returned")
        return True

    def action_to_council(self):
        self._check_receiver()
        self._check_state(("review",), _("put to the council"))
        self._set_state("council")
        return True

    def _after_council(self):
        """The receiving body's council closed its session: passed when a line passed."""
        at_council = self.filtered(lambda d: d.state == "council")
        passed = at_council.filtered(lambda d: d.line_ids.filtered("vote_passed"))
        passed._set_state("approved")
        failed = at_council - passed
        if failed:
            failed._set_state(
                "refused", return_reason=_("No line reached the council's vote threshold.")
            )
            failed._proposal_outcome()

    def _back_to_council(self):
        """The body's council session is reopened: its dossiers are at the council again, and
        the agency's proposals their refusal rejected wait for them again."""
        refused = self.filtered(lambda d: d.state == "refused")
        self._set_state("council", return_reason=False)
        proposals = refused.sudo().proposal_id.filtered(lambda p: p.state == "rejected")
        proposals._set_state("approved", return_reason=False)

    def action_refuse(self):
        self._check_receiver()
        self._check_state(("sent", "review", "approved"), _("refused"))
        if any(not (d.return_reason or "").strip() for d in self):
            raise UserError(_("Write the reason for refusing the dossier first."))
        self._set_state("refused")
        self._proposal_outcome()
        return True

    def action_decide(self):
        """The Chairman's decision: one award per passed line, in the recipient's own company
        and history at once, carrying the decision's number and date; the proposal is decided."""
        self._check_receiver()
        self._check_state(("approved",), _("decided"))
        vals_list, lines = [], self.env["emulation.dossier.line"].sudo()
        for dossier in self:
            if not (dossier.decision_number and dossier.decision_date):
                raise UserError(
                    _("Enter the decision's number and date before recording the decision.")
                )
            # the lines of an imported dossier get their awards in the agency's database,
            # from the decision's file (Export the decision)
            passed = dossier.line_ids.sudo().filtered(
                lambda line: line.vote_passed and line.proposal_line_id
            )
            # the awards are the agency's records: written by this button for the lines the
            # province passed, with nothing read back to the caller
            for line in passed:
                source = line.proposal_line_id
                vals_list.append(
                    {
                        "award_type_id": dossier.award_type_id.id,
                        "year": dossier.year,
                        "recipient_type": source.recipient_type,
                        "employee_id": source.employee_id.id or False,
                        "department_id": source.department_id.id or False,
                        "decision_number": dossier.decision_number,
                        "decision_date": dossier.decision_date,
                        "authority": dossier.award_type_id.authority or False,
                        "reason": source.achievements or False,
                        "company_id": dossier.sender_company_id.id,
                    }
                )
                lines |= line
        awards = self.env["emulation.award"].sudo().create(vals_list) if vals_list else []
        for line, award in zip(lines, awards, strict=True):
            line.proposal_line_id._button_write({"award_id": award.id})
            line.proposal_line_id.initiative_ids.write({"used_award_id": award.id})
            line._button_write({"award_id": award.id})
        self._set_state("decided")
        self._proposal_outcome()
        return True

    def _proposal_outcome(self):
        """The agency's proposal follows its dossier: decided or rejected (the province's
        button writes the agency's record, nothing more)."""
        for dossier in self:
            proposal = dossier.sudo().proposal_id
            if proposal.state != "approved":
                continue
            if dossier.state == "decided":
                proposal._set_state("decided")
            else:
                proposal._set_state("rejected", return_reason=dossier.return_reason)
            proposal._todo_outcome()

    # ------------------------------------------------------------------ files (two databases)
    def action_export_decision(self):
        """The decision's file for the agency's database (decision.json, README "Dossier
        files"): the lines, passed or not, by the agency's references."""
        self.ensure_one()
        self._check_receiver()
        self._check_state(("decided", "refused"), _("exported"))
        if not self.external_ref:
            raise UserError(
                _(
                    "%(dossier)s was sent in this database: the agency reads the decision on it.",
                    dossier=self.display_name,
                )
            )
        document = {
            "dossier_ref": self.external_ref,
            "dossier": self.name,
            "decided": self.state == "decided",
            "number": self.decision_number or "",
            "date": fields.Date.to_string(self.decision_date) if self.decision_date else "",
            "signer": self.decision_signer or "",
            "reason": self.return_reason or "",
            "award_type_code": self.award_type_id.code,
            "year": self.year,
            "lines": [
                {
                    "ref": line.external_ref,
                    "name": line.recipient_name,
                    "passed": bool(self.state == "decided" and line.vote_passed),
                }
                for line in self.line_ids
            ],
        }
        content = exchange.build(exchange.DECISION_SCHEMA, document)
        return exchange.download(
            self, content, "decision-%s.zip" % (self.name or self.id), sudo=True
        )

    @api.model
    def _import_file(self, content):
        """An incoming dossier of the current company from an agency's file (dossier.json and
        its papers); the same reference, returned, is sent again. Nothing is written when the
        file is refused."""
        if not self.env.user.has_group("emulation_exemplar.group_emulation_officer"):
            raise UserError(_("Only the emulation officers do this."))
        document, papers = exchange.read(content, exchange.DOSSIER_SCHEMA)
        award_type = self.env["emulation.award.type"].search(
            [("code", "=ilike", document["award_type_code"])], limit=1
        )
        if not award_type:
            raise UserError(
                _(
                    "The dossier proposes the title or form of code %(code)s, which this "
                    "database does not know: add it to the award types first.",
                    code=document["award_type_code"],
                )
            )
        try:
            year = int(document["year"])
        except (TypeError, ValueError):
            year = 0
        kinds = {"individual", "collective"}
        if not year or any(line["recipient_type"] not in kinds for line in document["lines"]):
            raise UserError(
                _("The dossier's file is damaged (its year or its lines): export it again.")
            )
        company = self.env.company
        known = self.search(
            [("external_ref", "=", document["ref"]), ("company_id", "=", company.id)]
        )
        if known.filtered(lambda d: d.state != "returned"):
            raise UserError(
                _(
                    "This dossier is already here: %(dossier)s.",
                    dossier=known[:1].display_name,
                )
            )
        header = {
            "award_type_id": award_type.id,
            "year": year,
            "proposing_unit": document.get("unit") or "",
            "submission_number": document.get("submission_number") or "",
            "sender_name": document["sender"],
            "sent_date": fields.Date.context_today(self),
        }
        # the incoming dossier is the body's record, written by this button after its checks
        dossier = self._resend_or_create(
            known[:1], header, {"external_ref": document["ref"], "company_id": company.id}
        )
        dossier.env["emulation.dossier.line"].create(
            [
                {
                    "dossier_id": dossier.id,
                    "external_ref": line["ref"],
                    "recipient_type": line["recipient_type"],
                    "recipient_name": line["name"],
                    "job_title": line.get("job_title") or "",
                    "unit_name": line.get("unit") or "",
                    "snapshot_eligible": bool(line.get("eligible_at_submission")),
                    "achievements": line.get("achievements") or "",
                    "justification": line.get("justification") or "",
                    "agency_vote_ratio": float(line.get("agency_vote_ratio") or 0.0),
                    "counted_history": line.get("history") or False,
                }
                for line in document["lines"]
            ]
        )
        self.env["ir.attachment"].sudo().create(
            [
                {
                    "name": name,
                    "raw": raw,
                    "res_model": self._name,
                    "res_id": dossier.id,
                    "mimetype": "application/pdf" if name.endswith(".pdf") else "text/html",
                }
                for name, raw in sorted(papers.items())
            ]
        )
        dossier._message_log(
            body=_("Imported from the file of %(sender)s.", sender=document["sender"])
        )
        return dossier.with_env(self.env)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("A dossier sent up is kept: return or refuse it instead."))
