"""Certificates (Bằng khen, Giấy khen) printed on the pre-printed blanks: one page per award of a
decision, each field of the award type's layout (emulation.certificate.layout) placed in
millimetres from the blank's top left corner; and the layout's test print, with sample values over
a grid in millimetres. No header, footer or page number: the blank has its own."""

from datetime import date

from odoo import api, models

from ..lib.pdf import pdf_scaling
from .emulation_report_base import person_and_position

# the grid of the test print: a line every GRID_STEP mm, numbered every GRID_LABEL mm
GRID_STEP = 10
GRID_LABEL = 50


class ReportCertificate(models.AbstractModel):
    _name = "report.emulation_exemplar.report_certificate"
    _inherit = "emulation.report.base"
    _description = "Certificates of a decision"
    _docs_model = "emulation.decision"

    @api.model
    def _common_values(self, docs, data=None):
        zoom, dpi = pdf_scaling()
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "data": data or {},
            "paper_lang": self.env.lang,
            # the zoom that prints a millimetre as a millimetre with the installed wkhtmltopdf
            "emu_zoom_style": zoom,
            "data_report_dpi": dpi,
        }

    @api.model
    def _paper_key(self, docs):
        """The paper of the print (one per print: the paper format is the report's)."""
        layouts = self._layouts(docs)
        return layouts[:1].paper if layouts else "a4_landscape"

    @api.model
    def _layouts(self, docs):
        return self.env["emulation.certificate.layout"].concat(
            *self.env["emulation.certificate.layout"]._for_decisions(docs).values()
        )

    @api.model
    def _page(self, layout, values, grid=False):
        width, height = layout._paper_size()
        items = []
        for line in layout.line_ids:
            style = "left: %smm; top: %smm; width: %smm; font-size: %spt; text-align: %s;" % (
                line.x_mm,
                line.y_mm,
                line.width_mm,
                line.font_size,
                line.align,
            )
            if line.bold:
                style += " font-weight: bold;"
            if line.italic:
                style += " font-style: italic;"
            items.append({"field": line.field, "style": style, "text": values.get(line.field, "")})
        return {
            "width": width,
            "height": height,
            "items": items,
            "grid": self._grid(width, height) if grid else None,
        }

    @api.model
    def _grid(self, width, height):
        """The lines of the test print's grid: (style, label) of each line."""
        lines = []
        for x in range(0, int(width) + 1, GRID_STEP):
            strong = x % GRID_LABEL == 0
            lines.append(
                {
                    "style": "left: %smm; top: 0; width: 0; height: %smm; border-left: %s;"
                    % (x, height, "0.3mm solid #999" if strong else "0.1mm solid #ccc"),
                    "label": x if strong and x else "",
                }
            )
        for y in range(0, int(height) + 1, GRID_STEP):
            strong = y % GRID_LABEL == 0
            lines.append(
                {
                    "style": "left: 0; top: %smm; height: 0; width: %smm; border-top: %s;"
                    % (y, width, "0.3mm solid #999" if strong else "0.1mm solid #ccc"),
                    "label": y if strong and y else "",
                }
            )
        return lines

    @api.model
    def _award_values(self, award, decision, header):
        """The texts of an award's certificate; the signer is the decision's, else the
        company's (as on the decision paper)."""
        person = award.employee_id
        if person:
            recipient, unit = person.name, person.department_id.name
        else:
            recipient = award.department_id.name
            unit = award.company_id.name
        day = decision.date
        signer_name, signer_title = person_and_position(decision.signer)
        return {
            "recipient_name": recipient or "",
            "unit": unit or "",
            "achievement": award.reason or decision.reason or "",
            "decision_number": decision.number or "",
            "decision_date": self._format_date(day),
            "decision_day": day and "%02d" % day.day or "",
            "decision_month": day and "%02d" % day.month or "",
            "decision_year": day and str(day.year) or "",
            "signer_name": signer_name or header["signer_name"],
            "signer_title": signer_title or decision.authority or "",
            "place_date": self._decree_date(header["place"], day or False),
        }

    @api.model
    def _paper_values(self, docs):
        layouts = self.env["emulation.certificate.layout"]._for_decisions(docs)
        pages = []
        for decision in docs:
            layout = layouts[decision]
            header = decision.company_id._emulation_report_header()
            awards = decision.award_ids.filtered("active").sorted(
                lambda a: (
                    bool(a.department_id),
                    (a.employee_id or a.department_id).name or "",
                    a.id,
                )
            )
            for award in awards:
                pages.append(self._page(layout, self._award_values(award, decision, header)))
        return {"pages": pages}


class ReportCertificateTest(models.AbstractModel):
    _name = "report.emulation_exemplar.report_certificate_test"
    _inherit = "report.emulation_exemplar.report_certificate"
    _description = "Test print of a certificate layout"
    _docs_model = "emulation.certificate.layout"

    @api.model
    def _layouts(self, docs):
        return docs

    @api.model
    def _sample_values(self, layout):
        _ = self.env._
        place = layout.company_id._emulation_report_header()["place"]
        return {
            "recipient_name": _("Nguyen Van A"),
            "unit": _("Consular Affairs Division"),
            "achievement": _(
                "Has achieved outstanding results in the performance of duties in the year"
            ),
            "decision_number": "1234/QĐ-UBND",
            "decision_date": "05/02/2025",
            "decision_day": "05",
            "decision_month": "02",
            "decision_year": "2025",
            "signer_name": _("Tran Van B"),
            "signer_title": _("Chairman"),
            "place_date": self._decree_date(place, date(2025, 2, 5)),
        }

    @api.model
    def _paper_values(self, docs):
        return {
            "pages": [self._page(layout, self._sample_values(layout), grid=True) for layout in docs]
        }
