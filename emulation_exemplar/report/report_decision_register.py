"""The register of commendation decisions (sổ theo dõi khen thưởng) as an Excel file (OCA's
report_xlsx): the rows of the register selected in its list, one line per decision."""

from datetime import date

from odoo import api, models
from odoo.exceptions import AccessError

from .emulation_report_base import OFFICER

# column widths (characters) of the sheet
WIDTHS = (6, 20, 12, 30, 34, 8, 10, 60, 26)


class ReportDecisionRegister(models.AbstractModel):
    _name = "report.emulation_exemplar.report_decision_register"
    _inherit = ["report.report_xlsx.abstract", "emulation.report.base"]
    _description = "Register of commendation decisions (Excel)"
    _docs_model = "emulation.decision.register"

    @api.model
    def _register_rows(self, objs):
        """The rows printed, read as the printing user (an officer), in the register's order
        (by date, then number), as lists of cell values."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only emulation officers can print the register."))
        objs = objs.exists()
        objs.check_access("read")
        directions = dict(objs._fields["direction"]._description_selection(self.env))
        rows = []
        for row in objs.sorted(lambda r: (r.date or date.min, r.number or "", r.id)):
            rows.append(
                [
                    row.number or "",
                    row.date.strftime("%d/%m/%Y") if row.date else "",
                    row.authority or "",
                    row.award_type_id.name or "",
                    row.year or "",
                    row.recipient_count,
                    row.recipient_names or "",
                    directions.get(row.direction, ""),
                ]
            )
        return rows

    def generate_xlsx_report(self, workbook, data, objs):
        company = self._paper_company(objs.exists())
        report = self.with_context(lang=company._emulation_paper_lang())
        rows = report._register_rows(objs.with_context(lang=report.env.lang))
        _ = report.env._
        sheet = workbook.add_worksheet(_("Register of decisions"))
        font = "Times New Roman"
        title = workbook.add_format(
            {"bold": True, "font_name": font, "font_size": 14, "align": "center"}
        )
        head = workbook.add_format(
            {
                "bold": True,
                "font_name": font,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        cell = workbook.add_format(
            {"font_name": font, "border": 1, "text_wrap": True, "valign": "top"}
        )
        number = workbook.add_format(
            {"font_name": font, "border": 1, "valign": "top", "align": "center"}
        )
        for column, width in enumerate(WIDTHS):
            sheet.set_column(column, column, width)
        sheet.merge_range(0, 0, 0, len(WIDTHS) - 1, _("REGISTER OF COMMENDATION DECISIONS"), title)
        sheet.write(1, 0, company.name or "")
        headers = (
            _("No."),
            _("Number"),
            _("Date"),
            _("Issuing authority"),
            _("Title or form"),
            _("Year"),
            _("Number of recipients"),
            _("Names of the recipients"),
            _("Direction"),
        )
        sheet.write_row(3, 0, headers, head)
        line = 4
        for index, row in enumerate(rows, start=1):
            sheet.write_number(line, 0, index, number)
            for column, value in enumerate(row, start=1):
                if isinstance(value, int):
                    sheet.write_number(line, column, value, number)
                else:
                    sheet.write_string(line, column, value, cell)
            line += 1
        sheet.freeze_panes(4, 0)
