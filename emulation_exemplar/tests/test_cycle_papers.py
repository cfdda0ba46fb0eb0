"""The papers of the annual cycle (the submission and its list, the council minutes, the decision
with its list) and the statistical report on commendation: dated by their record, signed as each
paper is, the last rows with the signature; printed as the emulation officer (no HR right)."""

import io
from datetime import date
from unittest.mock import patch

from markupsafe import escape

from odoo import Command
from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open
from odoo.tools.pdf import PdfFileReader

from ..lib.pdf import _squeeze as squeeze
from .common import skip_without_wkhtmltopdf
from .test_cycle import YEAR, CycleCase

MINUTES = "emulation_exemplar.action_report_council_minutes"
DECISION = "emulation_exemplar.action_report_decision"
SUBMISSION = "emulation_exemplar.action_report_proposal_submission"
LIST = "emulation_exemplar.action_report_proposal_list"
STATISTICS = "emulation_exemplar.action_report_award_statistics"
NBSP = "\u00a0"


class CyclePapersCase(CycleCase):
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
                "emulation_signer_name": "Thái Phúc Sơn",
                "emulation_recipients": (
                    "- Như trên;\n- Ban Thi đua - Khen thưởng tỉnh;\n- Lưu: VT."
                ),
                # the content tests read English
                "emulation_report_lang": "en_US",
            }
        )
        Employee = cls.env["hr.employee"]
        more = Employee.create(
            [
                {"name": name, "department_id": cls.unit_office.id, "job_title": "Chuyên viên"}
                for name in ("Hồ Văn Một", "Lê Thị Hai", "Phan Văn Ba")
            ]
        )
        cls.people = cls.emp_a | cls.emp_c | cls.emp_d | more
        # the proposal of the office, its six lines voted by a council of 10: the last fails
        cls.proposal = cls.Proposal.create(
            {
                "year": YEAR,
                "award_type_id": cls.type_soldier.id,
                "department_id": cls.unit_office.id,
                "name": "31/TTr-VP",
                "date": date(YEAR, 12, 5),
                "line_ids": [
                    Command.create(
                        {
                            "recipient_type": "individual",
                            "employee_id": person.id,
                            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm %s." % YEAR,
                            "justification": "Thành tích đột xuất.",
                        }
                    )
                    for person in cls.people
                ],
            }
        )
        cls.lines = cls.proposal.line_ids.sorted("id")
        cls.session_record = cls.env["emulation.council.session"].create(
            {
                "name": "08/BB-HĐTĐKT",
                "date": date(YEAR, 12, 10),
                "year": YEAR,
                "member_count": 10,
                "present_count": 9,
                "chair": "Nguyễn Văn Chủ, Giám đốc Sở, Chủ tịch Hội đồng",
                "secretary": "Trần Thư Ký, Chánh Văn phòng",
            }
        )
        cls.proposal._set_state("council")
        for line, votes in zip(cls.lines, (10, 9, 8, 10, 9, 7), strict=True):
            line.write({"session_id": cls.session_record.id, "vote_yes": votes})
        cls.session_record.action_close()
        cls.passed = cls.lines.filtered("vote_passed")
        cls.failed = cls.lines - cls.passed
        cls.decision = cls.env["emulation.decision"].create(
            {
                "number": "140/QĐ-SNgV",
                "date": date(YEAR, 12, 20),
                "award_type_id": cls.type_soldier.id,
                "year": YEAR,
                "authority": "Giám đốc Sở",
                "signer": "Nguyễn Văn Chủ, Giám đốc",
                "line_ids": [Command.set(cls.passed.ids)],
            }
        )

    def render(self, report, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_officer)
        html, report_type = Report._render_qweb_html(report, records.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def closing(self, html):
        """The closing block: the last rows and the signature."""
        start = html.index('class="o_emu_closing"')
        end = html.index('class="o_emu_appendix"') if "o_emu_appendix" in html else len(html)
        return html[start:end]


@tagged("post_install", "-at_install")
class TestCyclePapers(CyclePapersCase):
    def test_the_council_votes_as_prepared(self):
        self.assertEqual(self.proposal.state, "approved")
        self.assertEqual(len(self.passed), 5)
        self.assertEqual(self.failed.employee_id, self.people[-1])

    def test_minutes(self):
        html = self.render(MINUTES, self.session_record)
        # dated by the session, numbered by its minutes
        self.assertIn("Hà Tĩnh, ngày 10 tháng 12 năm %s" % YEAR, html)
        self.assertIn("Số: 08/BB-HĐTĐKT", html)
        # the ballot per person: yes votes of all the members, percentage, passed or not
        self.assertIn("7/10", html)
        self.assertIn("70.0", html)
        self.assertIn("Not passed", html)
        # signed by the secretary and the chair (their names only), without recipients
        closing = self.closing(html)
        signature = closing[closing.index("o_emu_signature") :]
        for text in ("SECRETARY", "CHAIR OF THE COUNCIL", "Trần Thư Ký", "Nguyễn Văn Chủ"):
            self.assertIn(text, signature)
        self.assertNotIn("Chánh Văn phòng", signature)
        self.assertNotIn("Nơi nhận", html)
        self.assertNotIn("Thái Phúc Sơn", html)
        # the last lines print with the signature, the first ones before it
        self.assertIn(self.people[-1].name, closing)
        self.assertIn("The meeting closed", closing)
        self.assertNotIn(self.people[0].name, closing)

    def test_decision(self):
        html = self.render(DECISION, self.decision)
        self.assertIn("Hà Tĩnh, ngày 20 tháng 12 năm %s" % YEAR, html)
        self.assertIn("Số: 140/QĐ-SNgV", html)
        # the reward money has its article (Decree 152/2025): the effect and the implementers
        # come after it, as Articles 3 and 4
        for article in ("Article 1.", "Article 2.", "Article 3.", "Article 4."):
            self.assertIn(article, html)
        self.assertIn("Decree No. 152/2025/NĐ-CP", html)
        # 5 grassroots emulation soldiers, 1.0 × 2,340,000 each
        self.assertIn("11,700,000", html)
        self.assertIn("08/BB-HĐTĐKT", html, "the minutes of the council it rests on")
        # the articles, the recipients and the signature, then the list on a page of its own
        recipients = html.index("Nơi nhận:")
        self.assertLess(html.index("Article 4."), recipients)
        self.assertLess(recipients, html.index("o_emu_appendix"))
        closing = self.closing(html)
        self.assertIn("Article 4.", closing)
        self.assertIn("- As in Article 4;", closing)
        self.assertIn("- Ban Thi đua - Khen thưởng tỉnh;", closing)
        self.assertNotIn("Như trên", closing, "Article 4 says who implements it")
        # signed by the decision's signer, under their position
        self.assertIn("Nguyễn Văn Chủ", closing)
        self.assertIn("GIÁM ĐỐC", closing)
        self.assertNotIn("PHÓ GIÁM ĐỐC", closing, "not the company's usual signer")
        self.assertNotIn("Thái Phúc Sơn", html)
        # the list names the passed lines only, after the signature
        appendix = html[html.index('class="o_emu_appendix"') :]
        self.assertIn("(Attached to Decision number 140/QĐ-SNgV of", appendix)
        for line in self.passed:
            self.assertIn(line.employee_id.name, appendix)
            self.assertNotIn(line.employee_id.name, closing)
        self.assertNotIn(self.failed.employee_id.name, html)
        with file_open("emulation_exemplar/static/src/scss/emulation_report.scss") as style:
            self.assertIn(".o_emu_appendix { page-break-before: always; }", style.read())

    def test_submission_and_list(self):
        html = self.render(SUBMISSION, self.proposal)
        self.assertIn("Hà Tĩnh, ngày 05 tháng 12 năm %s" % YEAR, html)
        self.assertIn("Số: 31/TTr-VP", html)
        # after the council, the submission carries the passed lines, addressed "as above"
        self.assertIn("5 individuals", html)
        self.assertNotIn(self.failed.employee_id.name, html)
        closing = self.closing(html)
        self.assertIn("- As above;", closing)
        self.assertEqual(closing.count("Như trên"), 0)
        self.assertIn(self.passed[-1].employee_id.name, closing)
        self.assertNotIn(self.passed[0].employee_id.name, closing)
        # the list: every line, attached to the submission, without a number of its own
        html = self.render(LIST, self.proposal)
        self.assertIn("(Attached to the submission number 31/TTr-VP of", html)
        self.assertNotIn("/DS-SNgV", html)
        self.assertNotIn("Số:", html)
        for person in self.people:
            self.assertIn(person.name, html)

    def test_a_paper_not_dated_yet_leaves_the_date_blank(self):
        draft = self.Proposal.create(
            {
                "year": YEAR,
                "award_type_id": self.type_soldier.id,
                "department_id": self.unit_office.id,
                "line_ids": [Command.create(self.line(self.emp_a, justification="Đột xuất."))],
            }
        )
        html = self.render(SUBMISSION, draft)
        blank = NBSP * 6
        self.assertIn("Hà Tĩnh, ngày %s tháng %s năm %s" % (blank, blank, blank), html)
        today = date.today()
        self.assertNotIn("tháng %s năm %s" % (today.month, today.year), html)

    def test_percentages_in_the_paper_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        Base = self.env["emulation.report.base"]
        self.assertEqual(Base.with_context(lang="fr_FR")._format_percent(81.818), "81,8")
        self.assertEqual(Base.with_context(lang="en_US")._format_percent(81.818), "81.8")

    def test_only_officers_print_the_cycle_papers(self):
        for report, records in (
            (MINUTES, self.session_record),
            (DECISION, self.decision),
            (SUBMISSION, self.proposal),
        ):
            with self.assertRaises(AccessError):
                self.render(report, records, user=self.user_manager)


@tagged("post_install", "-at_install")
class TestAwardStatistics(CyclePapersCase):
    """The statistical year 2010 (1/12/2009 to 30/11/2010): no demo award is dated in it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cadre = cls.env["hr.employee"].create(
            {"name": "Đỗ Lãnh Đạo", "department_id": cls.unit_office.id}
        )
        cls.cadre.emulation_category = "key_cadre"

        def award(recipient, award_type, day, **vals):
            return cls.award(recipient, award_type, 2009, decision_date=day, **vals)

        award(cls.emp_a, cls.type_soldier, date(2009, 12, 1))  # first day
        award(cls.emp_c, cls.type_soldier, date(2010, 11, 30), method="thematic")  # last day
        award(cls.cadre, cls.type_prov, date(2010, 3, 2), method="sudden")
        award(cls.unit_office, cls.type_prov, date(2010, 3, 2))
        award(cls.unit_consular, cls.type_prov, date(2010, 5, 2), recipient_category="enterprise")
        award(cls.emp_d, cls.type_prov, date(2009, 11, 30))  # the year before
        award(cls.emp_b, cls.type_prov, date(2010, 12, 1))  # the year after
        cls.award(cls.emp_b, cls.type_soldier, 2010)  # no decision date: not counted
        cls.wizard = (
            cls.env["emulation.award.statistics.wizard"]
            .with_user(cls.user_officer)
            .create({"year": 2010})
        )

    def test_period_and_counts(self):
        self.assertEqual(self.wizard.date_from, date(2009, 12, 1))
        self.assertEqual(self.wizard.date_to, date(2010, 11, 30))
        self.assertEqual(self.wizard.award_count, 5)
        self.assertEqual(self.wizard.undated_count, 1)

    def test_by_form_category_and_method(self):
        Report = self.env["report.emulation_exemplar.report_award_statistics"].with_user(
            self.user_officer
        )
        values = Report._get_report_values(self.wizard.ids)
        stats = values["tables"][self.wizard.id]
        rows = {row["type"]: row for row in stats["rows"]}
        self.assertEqual(set(rows), {self.type_soldier, self.type_prov})
        # categories: total | collectives, of which enterprises | households | individuals, of
        # which leaders, business people, workers and farmers
        self.assertEqual(rows[self.type_soldier]["categories"], [0, 0, 0, 2, 0, 0, 0])
        self.assertEqual(rows[self.type_prov]["categories"], [2, 1, 0, 1, 1, 0, 0])
        self.assertEqual(stats["total"]["total"], 5)
        self.assertEqual(stats["total"]["categories"], [2, 1, 0, 3, 1, 0, 0])
        # methods: regular, thematic, sudden, external, contribution, seniority, resistance
        self.assertEqual(rows[self.type_soldier]["methods"], [1, 1, 0, 0, 0, 0, 0])
        self.assertEqual(rows[self.type_prov]["methods"], [2, 0, 1, 0, 0, 0, 0])
        self.assertEqual(stats["total"]["methods"], [3, 1, 1, 0, 0, 0, 0])

    def test_printed_form(self):
        html = self.render(STATISTICS, self.wizard)
        self.assertIn("(from 01/12/2009 until 30/11/2010)", html)
        self.assertIn("Circular 18/2025/TT-BNV", html)
        for label in ("Regular", "Thematic", "Sudden", "Households", "Of which enterprises"):
            self.assertIn(label, html)
        self.assertIn(str(escape(self.type_prov.name)), html)
        # the last rows of the methods' table print with the signature
        closing = self.closing(html)
        self.assertIn("o_emu_total", closing)
        self.assertIn("Thái Phúc Sơn", closing)

    def test_officers_only(self):
        for user in (self.user_manager, self.user_plain):
            with self.assertRaises(AccessError):
                self.env["emulation.award.statistics.wizard"].with_user(user).create({"year": 2010})
            with self.assertRaises(AccessError):
                self.render(STATISTICS, self.wizard, user=user)


@tagged("post_install", "-at_install")
class TestCyclePdf(CyclePapersCase, HttpCase):
    """The papers as wkhtmltopdf prints them: one run per print, the signature with the last
    rows, the decision's list after the signature."""

    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def pages(self, report, records):
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
        )
        runs = []
        original = IrActionsReport._run_wkhtmltopdf

        def counting(this, bodies, *args, **kwargs):
            runs.append(len(bodies))
            return original(this, bodies, *args, **kwargs)

        with patch.object(IrActionsReport, "_run_wkhtmltopdf", counting):
            content, report_type = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertEqual(len(runs), 1, "one wkhtmltopdf run")
        reader = PdfFileReader(io.BytesIO(content))
        return [squeeze(reader.getPage(i).extractText()) for i in range(reader.getNumPages())]

    def test_decision_pdf(self):
        pages = self.pages(DECISION, self.decision)
        self.assertEqual(len(pages), 2)
        self.assertIn(squeeze("Nguyễn Văn Chủ"), pages[0])
        self.assertIn(squeeze("Nơi nhận"), pages[0])
        self.assertIn(squeeze("LIST OF RECIPIENTS"), pages[1])
        for line in self.passed:
            self.assertIn(squeeze(line.employee_id.name), pages[1])
            self.assertNotIn(squeeze(line.employee_id.name), pages[0])

    def test_minutes_and_submission_pdf(self):
        for report, records in ((MINUTES, self.session_record), (SUBMISSION, self.proposal)):
            pages = self.pages(report, records)
            last = pages[-1]
            signer = "Nguyễn Văn Chủ" if report == MINUTES else "Thái Phúc Sơn"
            self.assertIn(squeeze(signer), last, report)
            # the signature never stands alone: the last line is on its page
            last_line = self.lines[-1] if report == MINUTES else self.passed[-1]
            self.assertIn(squeeze(last_line.employee_id.name), last, report)

    def test_statistics_pdf(self):
        wizard = (
            self.env["emulation.award.statistics.wizard"]
            .with_user(self.user_officer)
            .create({"year": YEAR})
        )
        pages = self.pages(STATISTICS, wizard)
        self.assertIn(squeeze("Thái Phúc Sơn"), pages[-1])
        self.assertIn(squeeze("Total"), pages[-1])
