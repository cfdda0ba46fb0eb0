from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..core import roadmap
from ..lib.papers import (
    DEFAULT_RECIPIENTS,
    DEFAULT_SIGNER_TITLE,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    PAPER_LANG,
    RECIPIENTS_TITLE,
    _initials,
)


class ResCompany(models.Model):
    _inherit = "res.company"

    emulation_parent_body = fields.Char(
        string="Parent body",
        help="The body the agency reports to, printed above the agency's name in the header of "
        "official papers, e.g. UBND TỈNH HÀ TĨNH. Empty: the parent company's name, if any.",
    )
    emulation_parent_body_id = fields.Many2one(
        "res.company",
        string="Body above",
        help="The company of the body that decides the titles and forms beyond the agency's "
        "own authority (the province's emulation and commendation body): the agency sends its "
        "dossiers there. Empty: nothing is sent up in this database.",
    )
    emulation_body_name = fields.Char(
        string="Issuing body",
        help="The agency's name in the header of official papers, e.g. SỞ NGOẠI VỤ. "
        "Empty: the company name in upper case.",
    )
    emulation_place = fields.Char(
        string="Place of issue",
        help="The place before the date of official papers, e.g. Hà Tĩnh. "
        "Empty: the company's city, or its state.",
    )
    emulation_document_symbol = fields.Char(
        string="Document symbol",
        help="The symbol after the number, e.g. KH-SNgV. The type code before the first dash "
        "(KH) is replaced by each paper's own code (BC for a report, DS for a list). "
        "Empty: the initials of the issuing body.",
    )
    emulation_signer_title = fields.Char(
        string="Signer's title",
        help="Printed above the signature, e.g. GIÁM ĐỐC or KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC "
        "(a slash starts a new line).",
    )
    emulation_signer_name = fields.Char(
        string="Signer's name",
        help="Printed under the signature, e.g. Thái Phúc Sơn. Empty: left blank to be written "
        "by hand.",
    )
    emulation_recipients = fields.Text(
        string="Recipients",
        help='The "Nơi nhận" list at the end of official papers, one recipient per line, e.g. '
        "Ban Thi đua - Khen thưởng tỉnh; Ban Giám đốc Sở; Lưu: VT, VPTTr.",
    )

    emulation_body_functions = fields.Text(
        string="Basis of the body's functions",
        help="The legal basis of the agency's functions cited at the head of its decisions, one "
        "per line, e.g. Quyết định số 26/2025/QĐ-UBND ngày 10/3/2025 của UBND tỉnh quy định "
        "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Ngoại vụ.",
    )
    emulation_signer_ids = fields.One2many(
        "emulation.signer",
        "company_id",
        string="Signers of decisions",
        help="Who may sign the agency's decisions; the first is the default of a new decision.",
    )

    emulation_report_lang = fields.Selection(
        selection="_emulation_lang_selection",
        string="Language of the papers",
        default=lambda self: self._emulation_default_report_lang(),
        help="The language the official papers are printed in, whoever prints them. Empty: "
        "Vietnamese when it is installed, otherwise the language of the person printing.",
    )

    emulation_year = fields.Integer(
        string="Year being judged",
        default=0,
        help="The emulation year whose titles and forms of commendation are being reviewed: the "
        "default year of new registrations, proposals, council sessions, decisions, history "
        'records and papers, and the lists\' "Year being judged" filter. 0: automatic, by date '
        "(in December the year that ends, from January to March the year that has just ended, "
        "otherwise the current year).",
    )

    @api.constrains("emulation_year")
    def _check_emulation_year(self):
        for company in self:
            if company.emulation_year and not 1945 <= company.emulation_year <= 9999:
                raise ValidationError(
                    _(
                        "The year being judged must be a year such as %(year)s, or 0 to follow "
                        "the date.",
                        year=roadmap.judged_year(fields.Date.context_today(company)),
                    )
                )

    def write(self, vals):
        # the emulation settings of a company are its own users' to change: an administrator of
        # one company (core lets Settings write every company) does not set another's year
        # being judged, signer or papers
        if not self.env.su and any(fname.startswith("emulation_") for fname in vals):
            foreign = self - self.env.user.company_ids
            if foreign:
                raise AccessError(
                    _("You can only change the emulation settings of the companies you work in.")
                )
        return super().write(vals)

    def _emulation_year(self):
        """The emulation year being judged of this company (the current company when called on
        an empty recordset): its setting, else the year by today's date (``core/roadmap.py``)."""
        company = self[:1] or self.env.company
        return company.emulation_year or roadmap.judged_year(fields.Date.context_today(company))

    @api.model
    def _emulation_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _emulation_default_report_lang(self):
        installed = dict(self.env["res.lang"].get_installed())
        return PAPER_LANG if PAPER_LANG in installed else False

    def _emulation_paper_lang(self):
        """The language this company's papers print in: its setting, else Vietnamese, else the
        language of the environment; only installed languages."""
        self.ensure_one()
        installed = dict(self.env["res.lang"].get_installed())
        for code in (self.emulation_report_lang, PAPER_LANG, self.env.lang):
            if code and code in installed:
                return code
        return "en_US"

    def _emulation_default_signer(self):
        """The default signer of this company's decisions: its first active signer."""
        self.ensure_one()
        return self.env["emulation.signer"].search([("company_id", "=", self.id)], limit=1)

    def _emulation_body_function_lines(self):
        """The bases of the agency's functions, one per line, without trailing punctuation."""
        self.ensure_one()
        lines = (self.emulation_body_functions or "").splitlines()
        return [line.strip().rstrip(";.,").strip() for line in lines if line.strip()]

    # ------------------------------------------------------------------ values with fallbacks
    def _emulation_report_header(self):
        """The texts of the Decree 30/2020 header and signature block of this company's papers,
        with fallbacks from the company itself when a setting is empty."""
        self.ensure_one()
        body_name = (self.emulation_body_name or self.name or "").strip()
        parent = (self.emulation_parent_body or self.parent_id.name or "").strip()
        place = (self.emulation_place or self.city or self.state_id.name or "").strip()
        symbol = (self.emulation_document_symbol or "").strip() or _initials(body_name)
        signer_title = (self.emulation_signer_title or DEFAULT_SIGNER_TITLE).strip()
        recipients = [
            line.strip().lstrip("-–").strip()
            for line in (self.emulation_recipients or DEFAULT_RECIPIENTS).splitlines()
        ]
        return {
            "parent_body": parent.upper(),
            "body_name": body_name.upper(),
            "place": place,
            "symbol": symbol,
            "signer_title_lines": [
                part.strip().upper() for part in signer_title.split("/") if part.strip()
            ],
            "signer_name": (self.emulation_signer_name or "").strip(),
            "recipients": [line for line in recipients if line],
            "national_name": NATIONAL_NAME,
            "national_motto": NATIONAL_MOTTO,
            "recipients_title": RECIPIENTS_TITLE,
        }
