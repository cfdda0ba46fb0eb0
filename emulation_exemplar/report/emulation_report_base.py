"""The shared base of the official papers (QWeb PDF reports in the layout of Decree 30/2020/NĐ-CP),
``emulation.report.base``, and the layout helpers (tables split before the signature, true-size
printing with the installed wkhtmltopdf, page numbers). Each paper has its own file beside its
templates (``report_<paper>.py``, ``report_<paper>_templates.xml``).

Every report model reads its content as the printing user: no ``sudo()``. A paper is never
printed with silently filtered content: before anything is read, :meth:`_check_print_right`
refuses (``AccessError``, saying who can print it) a user who could not see all of it, and a record
the user cannot read at all raises ``AccessError`` too. The papers print in the language of the
issuing company (``res.company.emulation_report_lang``), not in the printing user's.
All records of one print are prepared in a few batched searches, and rendered as one document
(one wkhtmltopdf run), whatever their number.
"""

import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.papers import document_symbol
from ..lib.pdf import page_style, pages_script, pdf_scaling

_logger = logging.getLogger(__name__)

OFFICER = "emulation_exemplar.group_emulation_officer"
# how many last rows of a paper's last table stay with the signature block
TAIL_ROWS = 2
# a section whose table has at most this many rows stays on one page with its heading
KEEP_ROWS = 12


class EmulationReportBase(models.AbstractModel):
    """Shared helpers: header and signature values, dates in dd/mm/yyyy, selection labels."""

    _name = "emulation.report.base"
    _description = "Emulation official paper (shared helpers)"
    _type_code = "BC"  # Decree 30/2020 type code of the paper (BC: report, DS: list)
    _docs_model = None  # the model of the records printed

    # ------------------------------------------------------------------ formatting
    @api.model
    def _format_date(self, value):
        """dd/mm/yyyy, whatever the user's language; empty for no date."""
        if not value:
            return ""
        return fields.Date.to_date(value).strftime("%d/%m/%Y")

    @api.model
    def _decree_date(self, place, date=None):
        """The place and date line of Decree 30/2020: "Hà Tĩnh, ngày 05 tháng 02 năm 2025".

        Days below 10 and the months January and February take a leading zero. ``date`` None:
        today (a paper about no dated record); False: left blank, to be filled in by hand when
        the paper is signed (a record not dated yet)."""
        if date is False:
            blank = "\u00a0" * 6
            text = "ngày %s tháng %s năm %s" % (blank, blank, blank)
        else:
            date = fields.Date.to_date(date) if date else fields.Date.context_today(self)
            day = "%02d" % date.day
            month = "%02d" % date.month if date.month < 3 else str(date.month)
            text = "ngày %s tháng %s năm %s" % (day, month, date.year)
        return "%s, %s" % (place, text) if place else text.capitalize()

    @api.model
    def _format_percent(self, value, digits=1):
        """A percentage with the decimal separator of the paper's language: 81,8 in Vietnamese."""
        pattern = "%%.%sf" % digits
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        return (
            lang.format(pattern, value or 0.0, grouping=True) if lang else pattern % (value or 0.0)
        )

    @api.model
    def _selection_label(self, record, fname):
        """The label of a selection field's value, in the user's language."""
        if not record or not record[fname]:
            return ""
        field = record._fields[fname]
        return dict(field._description_selection(self.env)).get(record[fname], record[fname])

    @api.model
    def _decision_line(self, number, date):
        """ "No. 12/QĐ-UBND, dated 05/01/2023" for a table cell."""
        if number and date:
            return self.env._(
                "No. %(number)s, dated %(date)s", number=number, date=self._format_date(date)
            )
        if number:
            return self.env._("No. %(number)s", number=number)
        if date:
            return self.env._("Dated %(date)s", date=self._format_date(date))
        return ""

    @api.model
    def _readable(self, record_or_model, fname):
        """Whether the user may read ``fname`` (the field exists and its groups allow it)."""
        field = record_or_model._fields.get(fname)
        return bool(field) and field.is_accessible(self.env)

    # ------------------------------------------------------------------ header and signature
    @api.model
    def _header(self, company, type_code=None, date=None):
        """The header and signature values of a paper issued by ``company``."""
        company = company or self.env.company
        values = company._emulation_report_header()
        symbol = document_symbol(values["symbol"], type_code or self._type_code)
        values.update(
            number_line="Số:%s/%s" % ("\u00a0" * 10, symbol),
            symbol=symbol,
            date_line=self._decree_date(values["place"], date),
        )
        return values

    @api.model
    def _paper_recipients(self, company, first):
        """The recipients ("Nơi nhận") of a paper addressed to someone: ``first`` (who the paper
        is addressed to, such as "As in Article 3;"), then the company's usual recipients without
        their own "as above"."""
        usual = self._header(company)["recipients"]
        return [first] + [
            line for line in usual if not line.lower().startswith(("như trên", "as above"))
        ]

    @api.model
    def _common_values(self, docs, data=None):
        headers = {}

        def header(company, type_code=None, date=None):
            """The header of a paper; ``date``: the date of the printed record (a session, a
            decision, a proposal), None for the print date, False for a record not dated yet."""
            key = (company.id, type_code, date)
            if key not in headers:
                headers[key] = self._header(company, type_code, date)
            return headers[key]

        _zoom, dpi = pdf_scaling()
        report = self.env["ir.actions.report"]._get_report_from_name(self._name[len("report.") :])
        style, page_mm = page_style(report.get_paperformat())
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "data": data or {},
            "paper_lang": self.env.lang,
            "emu_header": header,
            "emu_date": self._format_date,
            "emu_label": self._selection_label,
            "emu_decision": self._decision_line,
            "emu_type_code": self._type_code,
            "emu_split": split_tail,
            "emu_person": person_and_position,
            "emu_percent": self._format_percent,
            "emu_keep": keep_together,
            "emu_zoom_style": style,  # the zoom and width of the page in a PDF
            "data_report_dpi": dpi,  # read by web.report_layout: wkhtmltopdf's --dpi
            # the page breaks, decided in the page (report_pages.js): its content's height
            "emu_page_mm": page_mm,
            "emu_pages_script": Markup(pages_script()),
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        """The records printed (``_docs_model``, checked readable), after checking that the user
        may print the paper, with the shared values and the paper's own (:meth:`_paper_values`),
        all in the language of the issuing company."""
        docs = self._browse_readable(self._docs_model, docids)
        self._check_print_right(docs)
        lang = self._paper_company(docs)._emulation_paper_lang()
        report = self.with_context(lang=lang)
        docs = docs.with_context(lang=lang)
        values = report._common_values(docs, data)
        values.update(report._paper_values(docs))
        return values

    @api.model
    def _paper_values(self, docs):
        raise NotImplementedError

    @api.model
    def _paper_company(self, docs):
        """The company whose paper language applies: the printed records' company when they
        have one and the same, the user's current company otherwise."""
        companies = docs.company_id if "company_id" in docs._fields else docs.env.company.browse()
        return companies if len(companies) == 1 else self.env.company

    @api.model
    def _check_print_right(self, docs):
        """Refuse the paper to a user who could not see all of its content (by default, the
        papers about everyone are for emulation officers)."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(self._print_refusal(docs))

    @api.model
    def _print_refusal(self, docs):
        return self.env._("Only emulation officers can print this paper.")

    @api.model
    def _browse_readable(self, model, docids):
        """The records to print, after checking that the user may read them."""
        docs = self.env[model].browse(docids).exists()
        docs.check_access("read")
        return docs


# ---------------------------------------------------------------------- layout helpers
def split_tail(rows, keep=TAIL_ROWS):
    """(rows printed in the table, last rows printed with the signature block): the signature
    never stands alone on a page. A short table goes whole with the signature."""
    rows = list(rows)
    if len(rows) <= keep + 1:
        return [], rows
    return rows[:-keep], rows[-keep:]


def person_and_position(text):
    """(name, position) of a "name, position" text such as the signer of a decision or the
    chair of a council ("Nguyễn Văn Minh, Giám đốc Sở"): the name is printed under the
    signature, the position above it."""
    name, _sep, position = (text or "").partition(",")
    return name.strip(), position.strip()


def keep_together(rows):
    """Whether a section with ``rows`` stays on one page with its heading (a short table):
    wkhtmltopdf does not keep a heading with the table after it."""
    return len(rows) <= KEEP_ROWS
