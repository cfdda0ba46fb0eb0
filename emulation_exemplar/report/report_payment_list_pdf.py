"""The payment list of a decision's reward money as a paper (PDF): the rows of the Excel payment
list (report_payment_list.py, one home for them), numbered, with the total and the signature."""

from odoo import api, models
from odoo.tools.misc import formatLang


class ReportPaymentListPdf(models.AbstractModel):
    _name = "report.emulation_exemplar.report_payment_list_pdf"
    _inherit = "emulation.report.base"
    _description = "Payment list of the reward money (PDF)"
    _type_code = "DS"
    _docs_model = "emulation.decision"

    @api.model
    def _paper_values(self, docs):
        listing = self.env["report.emulation_exemplar.report_payment_list"]
        lists = {}
        for decision in docs:
            rows, total = listing._payment_rows(listing._payment_awards(decision))
            for row in rows:
                row["amount_text"] = formatLang(self.env, row["amount"], digits=0)
            lists[decision.id] = {
                "rows": rows,
                "total": formatLang(self.env, total, digits=0),
            }
        return {"lists": lists}
