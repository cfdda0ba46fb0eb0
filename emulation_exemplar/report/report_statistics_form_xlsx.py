"""The statistical report forms (0601 to 0605.N/BNV-TĐKT) as spreadsheets, the way the Ministry's
forms are filled in: the same form as the paper (``_statistics_form`` of
``report.emulation_exemplar.report_statistics_form``), every row and column, one sheet per
printed wizard, with OCA's ``report_xlsx``."""

from odoo import api, models


class ReportStatisticsFormXlsx(models.AbstractModel):
    _name = "report.emulation_exemplar.report_statistics_form_xlsx"
    _inherit = ["report.report_xlsx.abstract", "emulation.report.base"]
    _description = "Statistical report form on emulation and commendation (spreadsheet)"

    _docs_model = "emulation.award.statistics.wizard"

    def _get_objs_for_report(self, docids, data):
        # the wizards printed, checked readable (report_xlsx would read the context's
        # active_model)
        return self._browse_readable(self._docs_model, docids)

    @api.model
    def _xlsx_forms(self, wizards):
        """The forms of ``wizards``, in the language of the issuing company, after checking that
        the caller may print them (the paper's rule)."""
        self._check_print_right(wizards)
        lang = self._paper_company(wizards)._emulation_paper_lang()
        Form = self.env["report.emulation_exemplar.report_statistics_form"].with_context(lang=lang)
        return lang, [
            (wizard, Form._statistics_form(wizard.with_context(lang=lang))) for wizard in wizards
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        lang, forms = self._xlsx_forms(objs)
        report = self.with_context(lang=lang)
        _ = report.env._
        bold = workbook.add_format({"bold": True, "font_name": "Times New Roman"})
        text = workbook.add_format({"font_name": "Times New Roman", "text_wrap": True})
        title = workbook.add_format(
            {"bold": True, "font_name": "Times New Roman", "font_size": 13, "align": "center"}
        )
        italic = workbook.add_format(
            {"italic": True, "font_name": "Times New Roman", "align": "center"}
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
        cell = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "text_wrap": True, "valign": "top"}
        )
        cell_bold = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "bold": True, "text_wrap": True}
        )
        cell_italic = workbook.add_format(
            {
                "font_name": "Times New Roman",
                "border": 1,
                "italic": True,
                "text_wrap": True,
                "indent": 1,
            }
        )
        number = workbook.add_format(
            {"font_name": "Times New Roman", "border": 1, "align": "center"}
        )
        for wizard, form in forms:
            sheet = workbook.add_worksheet("%s %s" % (form["key"], wizard.year))
            width = form["width"]
            label_columns = 3 if form["has_unit"] else 2
            last = label_columns + width - 1
            sheet.set_column(0, 0, 48)
            sheet.set_column(1, label_columns - 1, 10)
            sheet.set_column(label_columns, last, 14)
            company = wizard.company_id
            sheet.write(0, 0, _("Form No. %s", form["number"]), bold)
            sheet.write(1, 0, form["circular"], text)
            sheet.write(2, 0, _("Report due: %s", report._format_date(form["due_date"])), text)
            sheet.write(0, label_columns, _("Reporting unit: %s", company.name), bold)
            if form.get("unit_note"):
                sheet.write(1, label_columns, form["unit_note"], text)
            sheet.merge_range(4, 0, 4, last, form["title"], title)
            sheet.merge_range(
                5,
                0,
                5,
                last,
                _(
                    "Statistical year %(year)s (from %(start)s until %(end)s)",
                    year=form["year"],
                    start=report._format_date(form["date_from"]),
                    end=report._format_date(form["date_to"]),
                ),
                italic,
            )
            top = 7
            rows = len(form["head"])
            fixed = ["", _("Code No.")] + ([_("Unit of count")] if form["has_unit"] else [])
            for col, label in enumerate(fixed):
                self._merge(sheet, top, col, top + rows - 1, col, label, head)
            # the header: each cell after the cells placed to its left in its row, and below
            # the cells spanning rows from above
            taken = set()
            for r, cells in enumerate(form["head"]):
                col = label_columns
                for item in cells:
                    while (r, col) in taken:
                        col += 1
                    self._merge(
                        sheet,
                        top + r,
                        col,
                        top + r + item["rowspan"] - 1,
                        col + item["colspan"] - 1,
                        item["label"],
                        head,
                    )
                    for dr in range(item["rowspan"]):
                        for dc in range(item["colspan"]):
                            taken.add((r + dr, col + dc))
                    col += item["colspan"]
            numbers = top + rows
            for col, label in enumerate(["A", "B", "C"][:label_columns]):
                sheet.write(numbers, col, label, head)
            col = label_columns
            for item in form["numbers"]:
                self._merge(
                    sheet, numbers, col, numbers, col + item["colspan"] - 1, item["label"], head
                )
                col += item["colspan"]
            for i, row in enumerate(form["rows"]):
                line = numbers + 1 + i
                if row["level"] == 0 or row["code"] in ("01", "1"):
                    style = cell_bold
                else:
                    style = cell_italic if row["level"] == 2 else cell
                sheet.write(line, 0, row["label"], style)
                sheet.write(line, 1, row["code"], number)
                if form["has_unit"]:
                    sheet.write(line, 2, row["unit"] or "", number)
                values = row["values"] or [None] * width
                for j, value in enumerate(values):
                    if value is None:
                        sheet.write_blank(line, label_columns + j, None, number)
                    else:
                        sheet.write_number(line, label_columns + j, value, number)
            sheet.freeze_panes(numbers + 1, label_columns)

    @staticmethod
    def _merge(sheet, first_row, first_col, last_row, last_col, value, style):
        if (first_row, first_col) == (last_row, last_col):
            sheet.write(first_row, first_col, value, style)
        else:
            sheet.merge_range(first_row, first_col, last_row, last_col, value, style)
