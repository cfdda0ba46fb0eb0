"""Papers that print whole (issue 25), read from the PDF wkhtmltopdf makes, page by page: no
table row split between two pages, the header row on every page of a table, the signature never
alone on a page, and every letter in a font that has it (Liberation Serif 2 or Times New Roman,
no fallback for ế, ể, ở). Each paper is printed with enough rows to span several pages, each row
marked at its start and at its end; with whatever wkhtmltopdf is installed (Debian's 0.12.6
without patched Qt here)."""

import io
import os
import re
from datetime import date
from unittest.mock import patch

from lxml import html as lxml_html

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from ..lib import pdf as pdf_helpers
from ..lib.pdf import PAPER_FONT, VI_LETTERS, _fc_files, content_size
from ..lib.pdf import _squeeze as squeeze
from .common import skip_without_wkhtmltopdf
from .test_cycle import YEAR, CycleCase

ROWS = 60
SUBMISSION = "emulation_exemplar.action_report_proposal_submission"
LIST = "emulation_exemplar.action_report_proposal_list"
MINUTES = "emulation_exemplar.action_report_council_minutes"
DECISION = "emulation_exemplar.action_report_decision"
RECORD = "emulation_exemplar.action_report_record_employee_public"
CAMPAIGN = "emulation_exemplar.action_report_campaign"
ELIGIBLE_ROWS = "emulation_exemplar.action_report_eligible_rows"
SIGNER = "Thái Phúc Sơn"
# the fonts a paper may use: Times New Roman or Liberation Serif (2.x: every Vietnamese letter),
# any style; Times-Roman (not embedded) is the page numbers' stamp, digits only
PAPER_FONTS = re.compile(r"^(LiberationSerif|TimesNewRoman(PS)?(MT)?)(-[A-Za-z]+)?$")
STAMP_FONT = "Times-Roman"


def mark(kind, index):
    """A marker no other text of the papers contains: QS007Q (start), QE007Q (end)..."""
    return "Q%s%03dQ" % (kind, index)


class PagesCase(CycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "emulation_parent_body": "UBND tỉnh Hà Tĩnh",
                "emulation_body_name": "Sở Ngoại vụ",
                "emulation_place": "Hà Tĩnh",
                "emulation_document_symbol": "SNgV",
                "emulation_signer_title": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
                "emulation_signer_name": SIGNER,
                "emulation_recipients": "- Như trên;\n- Lưu: VT.",
                "emulation_report_lang": "en_US",
            }
        )
        # ROWS people, each in a section of their own below the office: a row starts with the
        # person's name (QS) and ends with the section (QU) or the achievements (QE), of one to
        # five lines, in Vietnamese (ế, ể, ở...)
        units = cls.env["hr.department"].create(
            [
                {"name": "Tổ %s" % mark("U", index), "parent_id": cls.unit_office.id}
                for index in range(ROWS)
            ]
        )
        cls.many = cls.env["hr.employee"].create(
            [
                {
                    "name": "%s Nguyễn Văn Để" % mark("S", index),
                    "department_id": unit.id,
                    "job_title": "Chuyên viên",
                }
                for index, unit in enumerate(units)
            ]
        )
        # each classified excellent: eligible for the grassroots emulation soldier (set_soldier)
        for person in cls.many:
            cls.classify(person, YEAR, "excellent")
        text = "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến ở cơ sở được kiểm chứng. "
        cls.big_proposal = cls.Proposal.create(
            {
                "year": YEAR,
                "award_type_id": cls.type_soldier.id,
                "department_id": cls.unit_office.id,
                "name": "32/TTr-VP",
                "date": date(YEAR, 12, 5),
                "line_ids": [
                    Command.create(
                        {
                            "recipient_type": "individual",
                            "employee_id": person.id,
                            "achievements": text * (1 + index % 5) + mark("E", index),
                        }
                    )
                    for index, person in enumerate(cls.many)
                ],
            }
        )
        cls.big_session = cls.env["emulation.council.session"].create(
            {
                "name": "09/BB-HĐTĐKT",
                "date": date(YEAR, 12, 11),
                "year": YEAR,
                "member_count": 10,
                "present_count": 10,
                "chair": "%s, Giám đốc Sở, Chủ tịch Hội đồng" % SIGNER,
                "secretary": "Trần Thư Ký, Chánh Văn phòng",
            }
        )
        cls.big_proposal._set_state("council")
        cls.big_proposal.line_ids.write({"session_id": cls.big_session.id, "vote_yes": 10})
        cls.big_session.action_close()
        cls.big_decision = cls.env["emulation.decision"].create(
            {
                "number": "141/QĐ-SNgV",
                "date": date(YEAR, 12, 21),
                "award_type_id": cls.type_soldier.id,
                "year": YEAR,
                "authority": "Giám đốc Sở",
                "signer": "%s, Giám đốc" % SIGNER,
                "line_ids": [Command.set(cls.big_proposal.line_ids.ids)],
            }
        )
        # a person's record of 36 awards: the reason starts a row (QS), the decision ends it (QE)
        cls.veteran = cls.env["hr.employee"].create(
            {"name": "Hồ Sơ Dày", "department_id": cls.unit_office.id, "job_title": "Chuyên viên"}
        )
        for index, year in enumerate(range(1990, 1990 + 36)):
            cls.award(
                cls.veteran,
                cls.type_prov,
                year,
                reason="%s Thành tích xuất sắc trong công tác đối ngoại để các đơn vị học tập"
                % mark("S", index),
                decision_number="%s/QĐ-UBND" % mark("E", index),
                decision_date=date(year + 1, 1, 15),
            )


@tagged("at_install")
class TestPagesScript(PagesCase):
    """The page breaks are decided in the page, for the PDF only."""

    def render(self, report, records, report_type):
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        html, _type = Report._render_qweb_html(
            report, records.ids, data={"report_type": report_type}
        )
        return html.decode()

    def test_the_script_and_the_page_height_in_pdfs_only(self):
        pdf = self.render(SUBMISSION, self.big_proposal, "pdf")
        self.assertIn("data-emu-page-mm=", pdf)
        self.assertIn("emuPaginated", pdf, "the script of report_pages.js")
        # A4 portrait less the margins of Decree 30/2020 (20 mm top and bottom)
        self.assertIn('data-emu-page-mm="257.0"', pdf)
        preview = self.render(SUBMISSION, self.big_proposal, "html")
        self.assertNotIn("emuPaginated", preview)
        self.assertNotIn("data-emu-page-mm", preview)

    def test_content_size(self):
        portrait = self.env.ref("emulation_exemplar.paperformat_emulation_a4_portrait")
        landscape = self.env.ref("emulation_exemplar.paperformat_emulation_a4_landscape")
        self.assertEqual(content_size(portrait), (210 - 30 - 15 - 5, 297 - 40))
        self.assertEqual(content_size(landscape), (297 - 30 - 15 - 5, 210 - 40))

    def test_fonts_without_the_old_liberation_serif(self):
        """With fonts-liberation (1.x) and fonts-liberation2 both installed, wkhtmltopdf runs
        with a configuration that leaves out the 1.x files; with only one of them, as the
        system has it."""
        old = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
        new = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"

        def files(both, good):
            return lambda pattern: set(good if "charset" in pattern else both)

        for both, good, expected in (
            ([old, new], [new], True),
            ([new], [new], False),  # Liberation Serif 2 only
            ([old], [], False),  # 1.x only: leaving it out would leave no Liberation Serif
        ):
            pdf_helpers.fontconfig_file.cache_clear()
            with patch.object(pdf_helpers, "_fc_files", files(both, good)):
                path = pdf_helpers.fontconfig_file()
                self.assertEqual(bool(path), expected, both)
                if path:
                    with open(path, encoding="utf-8") as handle:
                        conf = handle.read()
                    self.assertIn("<glob>%s</glob>" % old, conf)
                    self.assertNotIn(new, conf)
                    self.assertIn("<include", conf, "the system's configuration, less those")
                    before = os.environ.get("FONTCONFIG_FILE")
                    with pdf_helpers.paper_fonts():
                        self.assertEqual(os.environ["FONTCONFIG_FILE"], path)
                    self.assertEqual(os.environ.get("FONTCONFIG_FILE"), before, "restored")
        pdf_helpers.fontconfig_file.cache_clear()

    def test_campaign_report_in_portrait(self):
        action = self.env.ref(CAMPAIGN)
        self.assertEqual(action.paperformat_id.orientation, "Portrait")
        self.assertEqual(
            action.paperformat_id,
            self.env.ref("emulation_exemplar.action_report_decision").paperformat_id,
        )


@tagged("post_install", "-at_install")
class TestPapersPrintWhole(PagesCase, HttpCase):
    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def pdf(self, report, records):
        """(texts of the pages, squeezed; fonts used) of the paper as the officer prints it,
        and the header cells of its tables (squeezed) read from its HTML."""
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
        )
        content, report_type = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        reader = PdfFileReader(io.BytesIO(content))
        pages, fonts = [], set()
        for index in range(reader.getNumPages()):
            page = reader.getPage(index)
            pages.append(squeeze(page.extractText()))
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.getObject()["/BaseFont"]).lstrip("/"))
        html, _type = Report._render_qweb_html(report, records.ids)
        heads = [
            squeeze(th.text_content())
            for th in lxml_html.fromstring(html).xpath("//thead//th")
            if squeeze(th.text_content())
        ]
        return pages, fonts, heads

    def assertWhole(self, pages, heads, rows, start="S", end="E", first_page=True):
        """Each of the ``rows`` rows on one page, start and end; the header cells on every page
        that has rows. Returns the index of the page of each row."""
        self.assertGreater(len(pages), 2, "the paper spans pages")
        where = []
        for index in range(rows):
            first = [n for n, text in enumerate(pages) if mark(start, index) in text]
            last = [n for n, text in enumerate(pages) if mark(end, index) in text]
            self.assertEqual(len(first), 1, "row %s printed once: pages %s" % (index, first))
            self.assertEqual(
                first, last, "row %s split between pages %s and %s" % (index, first, last)
            )
            where.append(first[0])
        self.assertEqual(where, sorted(where), "the rows in order")
        if first_page:
            # the table starts under the title: the first page is not left with the title alone
            self.assertEqual(where[0], 0, "the first rows on the first page")
        for page in sorted(set(where)):
            for head in heads:
                self.assertIn(head, pages[page], "the header row on page %s" % (page + 1))
        return where

    def assertSignedWith(self, pages, text):
        """The signature's page also holds ``text`` (the last rows, the closing lines)."""
        signed = [n for n, page in enumerate(pages) if squeeze(SIGNER) in page]
        self.assertTrue(signed, "the signature is printed")
        self.assertIn(squeeze(text), pages[signed[-1]], "the signature is not alone on its page")

    def assertFonts(self, fonts):
        """Every letter in the paper's font: no fallback to another font for ế, ể, ở."""
        if not (
            _fc_files(":family=%s:charset=%s" % (PAPER_FONT, VI_LETTERS))
            or _fc_files(":family=Times New Roman:charset=%s" % VI_LETTERS)
        ):
            self.skipTest(
                "no Times-compatible font with every Vietnamese letter: install Debian's "
                "fonts-liberation2 (tools/test does where it can)"
            )
        used = {font.split("+", 1)[-1] for font in fonts}
        self.assertTrue(used - {STAMP_FONT}, "fonts are read")
        self.assertEqual(
            {font for font in used if font != STAMP_FONT and not PAPER_FONTS.match(font)},
            set(),
            "fonts other than the papers' (a fallback for letters the paper's font lacks)",
        )

    def test_submission_and_list(self):
        for report in (SUBMISSION, LIST):
            pages, fonts, heads = self.pdf(report, self.big_proposal)
            self.assertTrue(heads)
            self.assertIn(squeeze("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), pages[0])
            self.assertIn(squeeze("sáng kiến ở cơ sở được kiểm chứng"), pages[0])
            self.assertWhole(pages, heads, ROWS)
            self.assertSignedWith(pages, mark("E", ROWS - 1))
            self.assertFonts(fonts)

    def test_minutes(self):
        pages, fonts, heads = self.pdf(MINUTES, self.big_session)
        self.assertWhole(pages, heads, ROWS, end="U")
        self.assertSignedWith(pages, mark("U", ROWS - 1))
        self.assertFonts(fonts)

    def test_decision(self):
        pages, fonts, heads = self.pdf(DECISION, self.big_decision)
        # the list, after the signature: from a page of its own, its header on every page
        where = self.assertWhole(pages, heads, ROWS, end="U", first_page=False)
        self.assertGreater(min(where), 0)
        self.assertSignedWith(pages, "Article")
        self.assertFonts(fonts)

    def test_record(self):
        """A table of its own (rows in a <table> with <thead>): split between pages with its
        header row repeated."""
        pages, fonts, heads = self.pdf(
            RECORD, self.env["hr.employee.public"].browse(self.veteran.id)
        )
        self.assertWhole(pages, heads[:5], 36)
        last_line = self.veteran.exemplar_explanation.splitlines()[-1]
        self.assertSignedWith(pages, last_line)
        self.assertFonts(fonts)

    def test_eligible_list(self):
        """Tables of their own (a <table> with <thead>), the last rows in the closing part with
        the signature: the header row is repeated above them too."""
        rows = self.set_soldier._eligible_list_rows(YEAR).filtered(
            lambda row: row.employee_id in self.many
        )
        self.assertEqual(len(rows), ROWS)
        pages, fonts, heads = self.pdf(ELIGIBLE_ROWS, rows)
        self.assertTrue(heads)
        self.assertWhole(pages, heads, ROWS, end="U")
        self.assertSignedWith(pages, mark("U", ROWS - 1))
        self.assertFonts(fonts)

    def test_a_short_table_does_not_leave_the_title_alone(self):
        """Three long lines: the whole table prints with the signature (the closing part), and
        does not fit under the title. Its rows run on to the next page under their header row,
        the signature with the last one, instead of leaving the first page with the title."""
        people = self.env["hr.employee"].create(
            [
                {"name": "%s Trần Thị Ở" % mark("S", index), "department_id": self.unit_office.id}
                for index in range(3)
            ]
        )
        text = "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến ở cơ sở được kiểm chứng. " * 4
        proposal = self.Proposal.create(
            {
                "year": YEAR,
                "award_type_id": self.type_prov.id,
                "department_id": self.unit_office.id,
                "name": "33/TTr-VP",
                "date": date(YEAR, 12, 6),
                "line_ids": [
                    Command.create(
                        {
                            "recipient_type": "individual",
                            "employee_id": person.id,
                            "achievements": text + mark("E", index),
                        }
                    )
                    for index, person in enumerate(people)
                ],
            }
        )
        pages, _fonts, heads = self.pdf(LIST, proposal)
        self.assertEqual(len(pages), 2)
        where = []
        for index in range(3):
            first = [n for n, page in enumerate(pages) if mark("S", index) in page]
            self.assertEqual(first, [n for n, page in enumerate(pages) if mark("E", index) in page])
            where += first
        self.assertEqual(where[0], 0, "the first row under the title")
        for head in heads:
            self.assertIn(head, pages[1], "the header row over the rows of the second page")
        self.assertSignedWith(pages, mark("E", 2))
