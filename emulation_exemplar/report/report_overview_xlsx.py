"""The overview person × title as an Excel file (OCA's report_xlsx): the same table as the
paper (:meth:`report.emulation_exemplar.report_overview._overview`), one sheet per wizard."""

from odoo import api, models

from .report_overview import ELIGIBLE, ONE_STEP

FIXED_WIDTHS = (6, 28, 22, 24)
CELL_WIDTH = 30


class ReportOverviewXlsx(models.AbstractModel):
    _name = "report.emulation_exemplar.report_overview_xlsx"
    _inherit = ["report.report_xlsx.abstract", "emulation.report.base"]
    _description = "Overview of a unit's people by title (spreadsheet)"

    _docs_model = "emulation.overview.wizard"

    def _get_objs_for_report(self, docids, data):
        # the wizards printed, checked readable (report_xlsx would read the context's
        # active_model)
        return self._browse_readable(self._docs_model, docids)

    @api.model
    def _xlsx_overviews(self, wizards):
        """The overviews of ``wizards`` in the paper's language, after the paper's check."""
        wizards._check_overview_access()
        Paper = self.env["report.emulation_exemplar.report_overview"]
        lang = Paper._paper_company(wizards)._emulation_paper_lang()
        Paper = Paper.with_context(lang=lang)
        return lang, [Paper._overview(wizard.with_context(lang=lang)) for wizard in wizards]

    def generate_xlsx_report(self, workbook, data, objs):
        lang, overviews = self._xlsx_overviews(objs)
        _ = self.with_context(lang=lang).env._
        font = {"font_name": "Times New Roman"}
        title = workbook.add_format({**font, "bold": True, "font_size": 13, "align": "center"})
        subtitle = workbook.add_format({**font, "italic": True, "align": "center"})
        head = workbook.add_format(
            {
                **font,
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        cell = workbook.add_format({**font, "border": 1, "valign": "top", "text_wrap": True})
        center = workbook.add_format({**font, "border": 1, "valign": "top", "align": "center"})
        eligible = workbook.add_format(
            {
                **font,
                "border": 1,
                "valign": "top",
                "text_wrap": True,
                "bold": True,
                "bg_color": "#E2EFDA",
            }
        )
        one_step = workbook.add_format(
            {**font, "border": 1, "valign": "top", "text_wrap": True, "bg_color": "#FFF2CC"}
        )
        styles = {ELIGIBLE: eligible, ONE_STEP: one_step}
        for index, overview in enumerate(overviews, start=1):
            name = ("%s %s" % (index, overview["unit_name"]))[:31]
            for char in "[]:*?/\\":
                name = name.replace(char, " ")
            sheet = workbook.add_worksheet(name)
            widths = FIXED_WIDTHS + (CELL_WIDTH,) * len(overview["columns"])
            for column, width in enumerate(widths):
                sheet.set_column(column, column, width)
            last = len(widths) - 1
            sheet.merge_range(0, 0, 0, last, _("OVERVIEW OF THE TITLES BY PERSON"), title)
            sheet.merge_range(1, 0, 1, last, overview["subtitle"], subtitle)
            headers = [_("No."), _("Full name"), _("Position"), _("Unit"), *overview["columns"]]
            sheet.write_row(3, 0, headers, head)
            line = 4
            for number, row in enumerate(overview["rows"], start=1):
                sheet.write_number(line, 0, number, center)
                sheet.write_string(line, 1, row["name"], cell)
                sheet.write_string(line, 2, row["position"], cell)
                sheet.write_string(line, 3, row["unit"], cell)
                for column, value in enumerate(row["cells"], start=len(FIXED_WIDTHS)):
                    text = "\n".join(part for part in (value["text"], value["missing"]) if part)
                    sheet.write_string(line, column, text, styles.get(value["status"], cell))
                line += 1
            sheet.write_string(line, 1, _("Eligible"), head)
            sheet.write_string(line + 1, 1, _("One step away"), head)
            for column, total in enumerate(overview["totals"], start=len(FIXED_WIDTHS)):
                sheet.write_number(line, column, total[ELIGIBLE], center)
                sheet.write_number(line + 1, column, total[ONE_STEP], center)
            sheet.freeze_panes(4, 2)
