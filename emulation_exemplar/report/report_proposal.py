"""The papers of a commendation proposal: the submission (tờ trình đề nghị khen thưởng) and the
list of the people and units proposed (danh sách đề nghị)."""

from odoo import api, models


class ReportProposalSubmission(models.AbstractModel):
    """The submission: the proposing body asks the authority to commend the people and units
    listed, for the title or form and the year."""

    _name = "report.emulation_exemplar.report_proposal_submission"
    _inherit = "emulation.report.base"
    _description = "Submission of a commendation proposal"
    _type_code = "TTr"

    _docs_model = "emulation.proposal"

    @api.model
    def _print_refusal(self, docs):
        return self.env._(
            "Only emulation officers print the papers of a proposal sent to the authority."
        )

    @api.model
    def _paper_values(self, docs):
        proposals = {}
        for proposal in docs:
            lines = proposal.line_ids
            # after the council, the submission carries the lines the council passed
            voted = proposal.state in ("approved", "decided")
            proposals[proposal.id] = {
                # the paper bears the proposal's date; not dated yet: left blank
                "date": proposal.date or proposal.submitted_date or False,
                "all_lines": lines,
                "lines": lines.filtered("vote_passed") if voted else lines,
                "voted": voted,
                "sessions": lines.session_id.filtered(lambda s: s.state == "done").sorted("date"),
                "recipients": self._submission_recipients(proposal),
            }
            proposals[proposal.id].update(self._proposing_signer(proposal))
        return {"proposals": proposals}

    @api.model
    def _proposing_signer(self, proposal):
        """The submission is in the proposing unit's name, signed by its head at the time of
        printing (the agency itself signs with the company's signer)."""
        return proposal.department_id._emulation_paper_signature(proposal.company_id)

    @api.model
    def _submission_recipients(self, proposal):
        """Who receives the submission: the authority it is addressed to ("as above"), then the
        company's usual recipients."""
        return self._paper_recipients(proposal.company_id, self.env._("As above;"))


class ReportProposalList(models.AbstractModel):
    """The list attached to the submission: each person or unit, position, the eligibility at
    submission, the achievements and, after the council, the ballot."""

    _name = "report.emulation_exemplar.report_proposal_list"
    _inherit = "report.emulation_exemplar.report_proposal_submission"
    _description = "List of a commendation proposal"
    _type_code = "DS"
