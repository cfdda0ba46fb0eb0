"""The payment list of the reward money (danh sách chi tiền thưởng), for the accountant: one row
per award (name, unit, title, decision, amount) and the total, as an Excel file (OCA's
report_xlsx), printed from a decision or from the awards selected in a list."""

from odoo import api, models
from odoo.exceptions import AccessError

from .emulation_report_base import OFFICER

# column widths (characters) of the sheet
WIDTHS = (6, 32, 32, 36, 26, 16)


class ReportPaymentList(models.AbstractModel):
    _name = "report.emulation_exemplar.report_payment_list"
    _inherit = ["report.report_xlsx.abstract", "emulation.report.base"]
    _description = "Payment list of the reward money (Excel)"
    # what it prints: a decision's awards (or, from the awards list, the awards selected)
    _docs_model = "emulation.decision"

    @api.model
    def _payment_awards(self, objs):
        """The active awards to pay: those of the decisions printed, or the awards printed;
        read as the printing user (an officer), after checking they may read them all."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only emulation officers can print the payment list."))
        objs = objs.exists()
        objs.check_access("read")
        awards = objs.award_ids if objs._name == "emulation.decision" else objs
        awards.check_access("read")
        return awards.filtered("active").sorted(
            lambda a: (
                a.decision_date or a.create_date.date(),
                a.decision_number or "",
                a.unit_id.complete_name or "",
                (a.employee_id or a.department_id).name or "",
                a.id,
            )
        )

    @api.model
    def _payment_rows(self, awards):
        """[{name, unit, title, decision, amount}] of the awards, and their total."""
        rows = []
        for award in awards:
            recipient = award.employee_id or award.department_id
            unit = award.unit_id if award.employee_id else award.department_id.parent_id
            decision = award.decision_number or ""
            if award.decision_date:
                decision += self.env._(
                    " of %(date)s", date=award.decision_date.strftime("%d/%m/%Y")
                )
            rows.append(
                {
                    "name": recipient.name or "",
                    "unit": unit.name or "",
                    "title": award.award_type_id.name or "",
                    "decision": decision.strip(),
                    "amount": int(award.amount or 0),
                }
            )
        return rows, sum(row["amount"] for row in rows)

    def generate_xlsx_report(self, workbook, data, objs):
        awards = self._payment_awards(objs)
        report = self.with_context(lang=self._paper_company(awards)._emulation_paper_lang())
        awards = awards.with_context(lang=report.env.lang)
        rows, total = report._payment_rows(awards)
        _ = report.env._
        sheet = workbook.add_worksheet(_("Payment list"))
        bold = workbook.add_format({"bold": True, "font_name": "Times New Roman"})
        title = workbook.add_format(
            {"bold": True, "font_name": "Times New Roman", "font_size": 14, "align": "center"}
        )
        head = workbook.add_format(
            {
                "bold": True,
                "font_name": "Times New Roman",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        cell = workbook.add_format({"font_name": "Times New Roman", "border": 1, "text_wrap": True})
        money = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "num_format": "#,##0"}
        )
        total_money = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "bold": True, "num_format": "#,##0"}
        )
        total_label = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "bold": True}
        )
        for column, width in enumerate(WIDTHS):
            sheet.set_column(column, column, width)
        sheet.merge_range(0, 0, 0, len(WIDTHS) - 1, _("PAYMENT LIST OF THE REWARD MONEY"), title)
        sheet.write(
            1,
            0,
            _("Under Decree No. 152/2025/NĐ-CP of the Government (amounts in đồng)"),
            bold,
        )
        headers = (
            _("No."),
            _("Full name or collective"),
            _("Unit"),
            _("Award"),
            _("Decision"),
            _("Amount (đồng)"),
        )
        sheet.write_row(3, 0, headers, head)
        line = 4
        for index, row in enumerate(rows, start=1):
            sheet.write_number(line, 0, index, cell)
            sheet.write_string(line, 1, row["name"], cell)
            sheet.write_string(line, 2, row["unit"], cell)
            sheet.write_string(line, 3, row["title"], cell)
            sheet.write_string(line, 4, row["decision"], cell)
            sheet.write_number(line, 5, row["amount"], money)
            line += 1
        sheet.merge_range(line, 0, line, 4, _("Total"), total_label)
        sheet.write_number(line, 5, total, total_money)
        sheet.freeze_panes(4, 0)
