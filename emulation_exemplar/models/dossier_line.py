from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .history_mixin import RECIPIENT_TYPES
from .proposal_line import ballot_result, check_ballot, check_ballot_open
from .write_policy_mixin import SERVER, policy


class EmulationDossierLine(models.Model):
    """One person or unit of a dossier sent up, as sent (facts copied from the agency's proposal
    line), with the ballot of the receiving body's council."""

    _name = "emulation.dossier.line"
    _inherit = ["emulation.write.policy.mixin"]
    _description = "Recipient of a dossier sent up"
    _order = "dossier_id, recipient_type desc, id"
    _check_company_auto = True
    _rec_name = "recipient_name"
    _write_policy = {
        # the receiving body's officers put the line on their council's ballot and count it
        "session_id": policy(officer=("council",)),
        "vote_yes": policy(officer=("council",)),
    } | dict.fromkeys(
        (
            "dossier_id",
            "proposal_line_id",
            "external_ref",
            "counted_history",
            "recipient_type",
            "recipient_name",
            "job_title",
            "unit_name",
            "snapshot_eligible",
            "achievements",
            "justification",
            "agency_vote_ratio",
            "award_id",
            "vote_ratio",
            "vote_passed",
            "company_id",
            "award_type_id",
            "year",
            "state",
        ),
        SERVER,
    )

    dossier_id = fields.Many2one(
        "emulation.dossier", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    state = fields.Selection(related="dossier_id.state", store=True, string="Status")
    award_type_id = fields.Many2one(related="dossier_id.award_type_id", string="Title or form")
    year = fields.Integer(related="dossier_id.year")
    proposal_line_id = fields.Many2one(
        "emulation.proposal.line",
        string="Agency's line",
        readonly=True,
        index=True,
        ondelete="set null",
        groups="base.group_system",
        help="The agency's line this one was sent from (technical).",
    )
    external_ref = fields.Char(
        string="Reference of the sender",
        readonly=True,
        help="The line's reference in the sending agency's database, for a dossier imported "
        "from a file.",
    )
    counted_history = fields.Json(
        string="History that counted",
        readonly=True,
        help="The recipient's history that counted, as the agency's file lists it.",
    )
    recipient_type = fields.Selection(RECIPIENT_TYPES, required=True, readonly=True)
    recipient_name = fields.Char(string="Recipient", readonly=True)
    job_title = fields.Char(string="Position", readonly=True)
    unit_name = fields.Char(string="Unit", readonly=True)
    snapshot_eligible = fields.Boolean(string="Eligible at submission", readonly=True)
    achievements = fields.Text(readonly=True)
    justification = fields.Text(readonly=True)
    agency_vote_ratio = fields.Float(
        string="Agency's council (%)",
        digits=(5, 2),
        readonly=True,
        aggregator=False,
        help="The yes votes of the agency's own council, in % of all its members.",
    )
    session_id = fields.Many2one(
        "emulation.council.session",
        string="Council session",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    vote_yes = fields.Integer(string="Yes votes", help="Yes votes of the secret ballot.")
    vote_ratio = fields.Float(
        string="Yes votes (%)",
        compute="_compute_vote_passed",
        store=True,
        digits=(5, 2),
        aggregator=False,
    )
    vote_passed = fields.Boolean(
        string="Passed",
        compute="_compute_vote_passed",
        store=True,
        index=True,
        help="The yes votes reach the threshold of the council's level, or the title's when "
        "stricter, counted against all the council's members (present or not).",
    )
    award_id = fields.Many2one(
        "emulation.award",
        readonly=True,
        ondelete="set null",
        groups="base.group_system",
        help="The award recorded in the recipient's company (technical).",
    )

    _sql_constraints = [
        ("vote_yes_positive", "CHECK(vote_yes >= 0)", "The yes votes cannot be negative."),
    ]

    @api.depends(
        "session_id.member_count",
        "session_id.vote_threshold",
        "vote_yes",
        "dossier_id.award_type_id.council_vote_threshold",
    )
    def _compute_vote_passed(self):
        for line in self:
            threshold = max(
                line.session_id.vote_threshold, line.dossier_id.award_type_id.council_vote_threshold
            )
            line.vote_ratio, line.vote_passed = ballot_result(
                line.session_id, line.vote_yes, threshold
            )

    @api.constrains("vote_yes", "session_id")
    def _check_votes(self):
        check_ballot(self)

    @api.constrains("session_id")
    def _check_session_open(self):
        check_ballot_open(self)

    def _policy_state(self):
        self.ensure_one()
        if self.session_id.state == "done":
            return "sealed"
        return self.dossier_id.state

    def _policy_state_label(self, state):
        if state == "sealed":
            return _("voted on in a closed council session")
        return self.dossier_id._policy_state_label(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("The lines of a dossier sent up are the dossier's: they stay."))
