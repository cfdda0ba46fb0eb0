"""The achievement reports (báo cáo thành tích, issue 26): one per proposed recipient, the
narrative written by the unit while it may change the proposal, the history that counted read
when the report is read, private to the proposing unit and the officers, and printed in the
forms of Decree 152/2025/NĐ-CP's appendix."""

import io
from datetime import date

import psycopg2
from markupsafe import escape

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..lib.pdf import _squeeze as squeeze
from ..models.write_policy_mixin import WritePolicyError
from .common import skip_without_wkhtmltopdf
from .test_cycle import YEAR, CycleCase

PAPER = "emulation_exemplar.action_report_achievement"


class AchievementCase(CycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "emulation_parent_body": "UBND tỉnh Hà Tĩnh",
                "emulation_body_name": "Sở Ngoại vụ",
                "emulation_place": "Hà Tĩnh",
                # the content tests read English
                "emulation_report_lang": "en_US",
            }
        )
        # An's history: a CSTĐCS of the year (what the provincial certificate of merit counts),
        # a ministry's certificate of merit of the year before (recorded, not counted), an
        # initiative of the year
        cls.soldier = cls.award(
            cls.emp_a,
            cls.type_soldier,
            YEAR,
            decision_number="12/QĐ-SNgV",
            decision_date=date(YEAR, 12, 20),
        )
        cls.mofa = cls.award(cls.emp_a, cls.type_mofa, YEAR - 1, decision_number="7/QĐ-BNG")
        cls.old = cls.award(cls.emp_d, cls.type_soldier, YEAR - 6, decision_number="1/QĐ-SNgV")
        cls.recent = cls.award(cls.emp_d, cls.type_soldier, YEAR - 2, decision_number="2/QĐ-SNgV")
        cls.old_a = cls.award(cls.emp_a, cls.type_mofa, YEAR - 8, decision_number="3/QĐ-BNG")
        Report = cls.env["emulation.achievement.report"]
        cls.Report = Report
        cls.initiative = cls.env["emulation.initiative"].create(
            {
                "name": "Số hóa hồ sơ lãnh sự",
                "employee_ids": [Command.set(cls.emp_a.ids)],
                "year": YEAR,
                "level": "grassroots",
                "decision_number": "5/QĐ-SNgV",
            }
        )
        cls.other_head_user = new_test_user(
            cls.env,
            "emu_other_head",
            groups="base.group_user,emulation_exemplar.group_emulation_manager",
        )
        cls.unit_consular.manager_id = cls.env["hr.employee"].create(
            {
                "name": "Hoàng Văn Lãnh",
                "department_id": cls.unit_consular.id,
                "user_id": cls.other_head_user.id,
            }
        )

    def proposal_prov(self):
        """The office's proposal of the provincial certificate of merit, its lines proposed
        from the eligibility results (An) and by hand (Dũng, justified)."""
        proposal = self.new_proposal(award_type=self.type_prov, year=YEAR + 1)
        proposal.with_user(self.user_manager).action_propose_eligible()
        proposal.with_user(self.user_manager).write(
            {"line_ids": [Command.create(self.line(self.emp_d, justification="Đột xuất."))]}
        )
        return proposal.with_user(self.user_manager)

    def reports(self, proposal, user=None):
        action = proposal.with_user(user or self.user_manager).action_achievement_reports()
        return self.Report.with_user(user or self.user_manager).search(action["domain"])

    def report_of(self, reports, employee):
        return reports.filtered(lambda r: r.employee_id == employee)

    def render(self, reports, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_manager)
        html, _type = Report._render_qweb_html(PAPER, reports.ids)
        return html.decode()


@tagged("at_install")
class TestAchievementReport(AchievementCase):
    # ------------------------------------------------------------------ history
    def test_tables_are_what_counted(self):
        proposal = self.proposal_prov()
        reports = self.reports(proposal)
        self.assertEqual(len(reports), 2, "one report per line, created by the button")
        self.assertEqual(len(self.reports(proposal)), 2, "pressing it again creates none")
        report = self.report_of(reports, self.emp_a)
        row = report.proposal_line_id.eligibility_id
        self.assertTrue(row.eligible, "An's line rests on the eligibility result")
        # what counted is the stored row's, and it is in the tables
        self.assertEqual(report.counted_award_ids, row.award_ids)
        self.assertEqual(report.counted_award_ids, self.soldier)
        self.assertEqual(report.counted_classification_ids, row.classification_ids)
        self.assertEqual(report.counted_initiative_ids, row.initiative_ids)
        # the tables: the recent years' history (the ministry's certificate, which did not
        # count, the classification) and what counted; not the award of eight years before
        self.assertEqual(report.title_ids, self.soldier)
        self.assertEqual(report.commendation_ids, self.mofa)
        self.assertEqual(
            report.classification_ids,
            self.env["emulation.classification"].search([("employee_id", "=", self.emp_a.id)]),
        )
        self.assertEqual(report.initiative_ids, self.initiative)
        html = self.render(report)
        self.assertIn("%s (*)" % YEAR, html, "what counted is marked")
        self.assertNotIn("%s (*)" % (YEAR - 1), html, "what did not count is not")
        self.assertNotIn("3/QĐ-BNG", html)
        # a line without a result: the recipient's recent history only
        manual = self.report_of(reports, self.emp_d)
        self.assertFalse(manual.proposal_line_id.eligibility_id.award_ids)
        self.assertEqual(manual.title_ids, self.recent, "not the award of six years before")
        self.assertNotIn("(*)", self.render(manual))
        # never copied: a decision number corrected in the history shows at once
        self.soldier.sudo().decision_number = "13/QĐ-SNgV"
        self.assertIn("13/QĐ-SNgV", self.render(report))
        # the officer reads the same tables
        officer_report = report.with_user(self.user_officer)
        self.assertEqual(
            officer_report.title_ids | officer_report.commendation_ids, self.soldier | self.mofa
        )

    def test_recipient_moved_out_of_the_unit(self):
        """The unit's report of someone who has since moved to another unit still opens: what
        the reader may no longer read (the result, the classifications) is left out."""
        proposal = self.proposal_prov()
        report = self.report_of(self.reports(proposal), self.emp_a)
        self.emp_a.department_id = self.unit_consular
        report.invalidate_recordset()
        self.env["emulation.eligibility"].invalidate_model()
        self.assertFalse(report.counted_award_ids)
        self.assertFalse(report.classification_ids, "private to their new unit and the officers")
        self.assertEqual(report.title_ids, self.soldier, "awards are everyone's to read")
        self.assertIn(self.emp_a.name, self.render(report))

    # ------------------------------------------------------------------ who writes
    def test_unit_writes_while_draft_only(self):
        proposal = self.proposal_prov()
        report = self.report_of(self.reports(proposal), self.emp_a)
        report.write(
            {
                "duties": "Chuyên viên phụ trách công tác lãnh sự.",
                "achievements": "Giải quyết 1.200 hồ sơ đúng hạn.",
                "kind": "merit",
                "home_town": "Can Lộc, Hà Tĩnh",
            }
        )
        self.assertEqual(report.home_town, "Can Lộc, Hà Tĩnh")
        proposal.action_submit()
        with self.assertRaises(WritePolicyError):
            report.write({"achievements": "Sửa sau khi trình."})
        with self.assertRaises(WritePolicyError):
            report.with_user(self.user_officer).write({"achievements": "Sửa sau khi trình."})
        with self.assertRaises(WritePolicyError):
            report.write({"proposal_line_id": proposal.line_ids[-1].id})
        with self.assertRaises(UserError):
            report.unlink()
        self.assertEqual(report.achievements, "Giải quyết 1.200 hồ sơ đúng hạn.")
        # returned to the unit: it corrects the report
        proposal.with_user(self.user_officer).write({"return_reason": "Bổ sung số liệu."})
        proposal.with_user(self.user_officer).action_return()
        report.write({"achievements": "Giải quyết 1.250 hồ sơ đúng hạn."})
        report.with_user(self.user_officer).write({"measures": "Áp dụng phần mềm."})
        self.assertEqual(report.measures, "Áp dụng phần mềm.")

    def test_no_narrative_slipped_in_at_creation(self):
        """Creating the report of a submitted proposal's line carries no narrative (an RPC
        create, or a default_* key of the context)."""
        proposal = self.proposal_prov()
        proposal.action_submit()
        line = proposal.line_ids[0]
        Report = self.Report.with_user(self.user_manager)
        with self.assertRaises(WritePolicyError):
            Report.create({"proposal_line_id": line.id, "achievements": "Sau khi trình."})
        with self.assertRaises(WritePolicyError):
            Report.with_context(default_achievements="Sau khi trình.").create(
                {"proposal_line_id": line.id}
            )
        # the same default while the proposal is a draft is the unit's to give
        draft = self.new_proposal(
            award_type=self.type_prov, year=YEAR + 1, department_id=self.unit_section.id
        )
        draft.write({"line_ids": [Command.create(self.line(self.emp_c, justification="Tốt."))]})
        report = Report.with_context(default_achievements="Khi còn dự thảo.").create(
            {"proposal_line_id": draft.line_ids.id}
        )
        self.assertEqual(report.achievements, "Khi còn dự thảo.")

    def test_every_writable_field_is_declared(self):
        Report = self.env["emulation.achievement.report"]
        writable = {
            fname
            for fname, field in Report._fields.items()
            if fname not in Report._policy_exempt_fields() and field.store
        }
        self.assertFalse(writable - set(Report._write_policy))
        self.assertFalse(set(Report._write_policy) - set(Report._fields))

    def test_one_report_per_line(self):
        proposal = self.proposal_prov()
        line = proposal.line_ids[0]
        self.reports(proposal)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Report.with_user(self.user_manager).create({"proposal_line_id": line.id})

    # ------------------------------------------------------------------ who reads
    def test_another_unit_reads_nothing(self):
        proposal = self.proposal_prov()
        report = self.report_of(self.reports(proposal), self.emp_a)
        report.write({"achievements": "Nội bộ của đơn vị."})
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "minh-chung.pdf",
                    "datas": "aGVsbG8=",
                    "res_model": report._name,
                    "res_id": report.id,
                }
            )
        )
        other = self.other_head_user
        Other = self.Report.with_user(other)
        self.assertFalse(Other.search([]))
        with self.assertRaises(AccessError):
            Other.browse(report.id).read(["achievements"])
        with self.assertRaises(AccessError):
            Other.browse(report.id).write({"achievements": "Ghi đè."})
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(other).browse(attachment.id).read(["datas"])
        with self.assertRaises(AccessError):
            self.render(report, user=other)
        # nor create one on the office's line, nor open one through the line's button
        proposal.write({"line_ids": [Command.create(self.line(self.emp_c, justification="Tốt."))]})
        new_line = proposal.line_ids.filtered(lambda line: line.employee_id == self.emp_c)
        with self.assertRaises(AccessError):
            Other.create({"proposal_line_id": new_line.id})
        with self.assertRaises(AccessError):
            proposal.line_ids[0].with_user(other).action_achievement_report()
        # the officers read them all
        self.assertEqual(
            self.Report.with_user(self.user_officer).search([("proposal_id", "=", proposal.id)]),
            self.Report.search([("proposal_id", "=", proposal.id)]),
        )

    def test_another_agency_reads_nothing(self):
        """An officer of another company (another agency in the same database) neither finds,
        reads nor prints the reports, nor their attachments."""
        proposal = self.proposal_prov()
        report = self.report_of(self.reports(proposal), self.emp_a)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "minh-chung.pdf",
                    "datas": "aGVsbG8=",
                    "res_model": report._name,
                    "res_id": report.id,
                }
            )
        )
        company_2 = self.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        officer_2 = new_test_user(
            self.env,
            "emu_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=company_2.id,
            company_ids=[Command.set(company_2.ids)],
        )
        Other = self.Report.with_user(officer_2)
        self.assertFalse(Other.search([]))
        with self.assertRaises(AccessError):
            Other.browse(report.id).read(["achievements"])
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(officer_2).browse(attachment.id).read(["datas"])
        with self.assertRaises(AccessError):
            self.render(report, user=officer_2)

    # ------------------------------------------------------------------ the paper
    def test_paper_sections(self):
        proposal = self.proposal_prov()
        proposal.write({"date": date(YEAR, 12, 5)})
        reports = self.reports(proposal)
        report = self.report_of(reports, self.emp_a)
        report.write(
            {
                "duties": "Chuyên viên phụ trách công tác lãnh sự.",
                "achievements": "Giải quyết 1.200 hồ sơ đúng hạn.",
                "measures": "Áp dụng phần mềm quản lý hồ sơ.",
            }
        )
        html = self.render(report)
        for text in (
            "ACHIEVEMENT REPORT",
            "Proposed for",
            str(escape(self.type_prov.name)),
            "PERSONAL DETAILS",
            self.emp_a.name,
            "ACHIEVEMENTS",
            "Powers and duties assigned",
            "Chuyên viên phụ trách công tác lãnh sự.",
            "Giải quyết 1.200 hồ sơ đúng hạn.",
            "Measures, solutions and innovations",
            "TITLES AND FORMS OF COMMENDATION RECEIVED",
            "Emulation titles",
            "12/QĐ-SNgV",
            "Annual quality classification",
            "THE REPORTER",
            "CONFIRMS AND PROPOSES",
            "Hà Tĩnh, ngày 05 tháng 12 năm %s" % YEAR,
        ):
            self.assertIn(text, html)
        self.assertIn("7/QĐ-BNG", html, "the forms received, counted or not")
        self.assertIn("(*) Counted for the title or form proposed.", html)
        self.assertLess(html.index("PERSONAL DETAILS"), html.index("ACHIEVEMENTS"))
        self.assertLess(html.index("ACHIEVEMENTS"), html.index("TITLES AND FORMS"))
        # the head of An's unit confirms it
        self.assertIn(self.emp_head.name, html[html.index("o_emu_signature") :])
        # a sudden achievement lists no history (Decree 152/2025, art. 4(3))
        report.write({"kind": "sudden"})
        html = self.render(report)
        self.assertIn("for a sudden achievement", html)
        self.assertNotIn("TITLES AND FORMS OF COMMENDATION RECEIVED", html)
        # all the reports of the proposal in one document
        html = self.render(reports)
        self.assertIn(self.emp_a.name, html)
        self.assertIn(self.emp_d.name, html)
        self.assertEqual(html.count("ACHIEVEMENT REPORT"), 2)

    def test_collective_paper(self):
        self.award(
            self.unit_section,
            self.type_flag,
            YEAR - 1,
            decision_number="44/QĐ-UBND",
        )
        proposal = self.new_proposal(
            award_type=self.type_prov,
            line_ids=[
                Command.create(
                    {
                        "recipient_type": "collective",
                        "department_id": self.unit_section.id,
                        "justification": "Tập thể xuất sắc.",
                    }
                )
            ],
        )
        report = self.reports(proposal)
        report.write(
            {
                "situation": "Phòng có 6 công chức.",
                "duties": "Thanh tra hành chính.",
                "achievements": "Hoàn thành 100% kế hoạch.",
            }
        )
        self.assertEqual(report.title_ids.mapped("decision_number"), ["44/QĐ-UBND"])
        html = self.render(report)
        for text in (
            "CHARACTERISTICS AND SITUATION",
            "Phòng có 6 công chức.",
            "Functions and duties",
            "44/QĐ-UBND",
            "HEAD OF THE UNIT ABOVE",
        ):
            self.assertIn(text, html)
        self.assertNotIn("PERSONAL DETAILS", html)
        self.assertNotIn("Initiatives", html)
        # the head of the unit above (the office) confirms it
        self.assertIn(self.emp_head.name, html[html.index("o_emu_signature") :])


@tagged("post_install", "-at_install")
class TestAchievementPdf(AchievementCase, HttpCase):
    """The reports of a proposal as wkhtmltopdf prints them: one document, each report from a
    new page, its signers on its last page."""

    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def test_reports_of_a_proposal(self):
        proposal = self.proposal_prov()
        reports = self.reports(proposal)
        for report in reports:
            report.write(
                {
                    "duties": "Chuyên viên phụ trách công tác lãnh sự.",
                    "achievements": "Giải quyết 1.200 hồ sơ đúng hạn.",
                }
            )
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_manager)
            .with_context(force_report_rendering=True)
        )
        content, report_type = Report._render_qweb_pdf(PAPER, reports.ids)
        self.assertEqual(report_type, "pdf")
        reader = PdfFileReader(io.BytesIO(content))
        pages = [squeeze(reader.getPage(i).extractText()) for i in range(reader.getNumPages())]
        starts = [i for i, page in enumerate(pages) if squeeze("ACHIEVEMENT REPORT") in page]
        self.assertEqual(len(starts), 2, "each report from a page of its own")
        for start, end, report in zip(starts, starts[1:] + [len(pages)], reports, strict=True):
            text = "".join(pages[start:end])
            self.assertIn(squeeze(report.recipient_name), pages[start])
            self.assertIn(squeeze("Giải quyết 1.200 hồ sơ đúng hạn."), text)
            self.assertIn(squeeze("THE REPORTER"), pages[end - 1])
            self.assertIn(squeeze(self.emp_head.name), pages[end - 1])
        self.assertIn(squeeze("12/QĐ-SNgV"), "".join(pages))
