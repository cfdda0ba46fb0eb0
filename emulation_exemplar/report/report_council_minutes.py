"""The minutes of a meeting of the Emulation and Commendation Council (biên bản họp Hội đồng
Thi đua – Khen thưởng), with the result of the secret ballot for each person and unit."""

from odoo import api, models


class ReportCouncilMinutes(models.AbstractModel):
    _name = "report.emulation_exemplar.report_council_minutes"
    _inherit = "emulation.report.base"
    _description = "Minutes of the Emulation and Commendation Council"
    _type_code = "BB"

    _docs_model = "emulation.council.session"

    @api.model
    def _paper_values(self, docs):
        groups = {}
        for session in docs:
            by_type = {}
            for line in session.line_ids.sorted(
                lambda line: (line.award_type_id.sequence, line.proposal_id.id, line.id)
            ):
                by_type.setdefault(line.award_type_id, []).append(line)
            groups[session.id] = list(by_type.items())
        return {"ballots": groups}
