"""The papers a Director signs (issue 25): the decision's words (Decree 30/2020, Appendix I:
"Công nhận danh hiệu …" for a title, "Tặng …" for a form; the bases it cites), its signers and
the signature on behalf of the head (KT.); the submission in the proposing unit's name, signed
by its head; the council minutes' time, place and members present; the person's record (date of
birth, gender, the discipline section for the officers only); and the overview person × title
of a unit, as a paper and as an Excel file, read from the stored results only."""

import io
from datetime import date

from lxml import html as lxml_html

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader

from ..lib.pdf import _squeeze as squeeze
from .common import skip_without_wkhtmltopdf
from .test_cycle import YEAR
from .test_cycle_papers import DECISION, MINUTES, SUBMISSION, CyclePapersCase
from .test_reward_money import xlsx_rows

RECORD = "emulation_exemplar.action_report_record_employee_public"
OVERVIEW = "emulation_exemplar.action_report_overview"
OVERVIEW_XLSX = "emulation_exemplar.action_report_overview_xlsx"
BODY_FUNCTIONS = (
    "Quyết định số 26/2025/QĐ-UBND của UBND tỉnh quy định chức năng, nhiệm vụ của Sở Ngoại vụ"
)


def text_of(html):
    """The text of rendered HTML, with its spaces squeezed to one."""
    return " ".join(" ".join(lxml_html.fromstring(html).itertext()).split())


class SignedPapersCase(CyclePapersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_body_functions = BODY_FUNCTIONS + ";\n"
        Signer = cls.env["emulation.signer"]
        cls.director = Signer.create(
            {"name": "Nguyễn Văn Chủ", "position": "Giám đốc", "sequence": 1}
        )
        cls.deputy = Signer.create(
            {
                "name": "Thái Phúc Sơn",
                "position": "Phó Giám đốc",
                "on_behalf_of": "Giám đốc",
                "sequence": 2,
            }
        )


@tagged("post_install", "-at_install")
class TestDecisionWords(SignedPapersCase):
    def test_decision_of_a_title(self):
        self.assertEqual(self.type_soldier.kind, "title")
        text = text_of(self.render(DECISION, self.decision))
        title = self.type_soldier.name
        # the subject line under QUYẾT ĐỊNH, and Article 1: "Công nhận danh hiệu …"
        self.assertIn("On recognising the title “%s” for %s" % (title, YEAR), text)
        self.assertIn(
            "Article 1. To recognise the title “%s” for %s for 5 individuals (in the attached "
            "list)." % (title, YEAR),
            text,
        )
        self.assertNotIn("To award", text)
        # the bases, in order: the Law, the decree, the body's functions, the council's minutes
        bases = [
            "Under the Law on Emulation and Commendation No. 06/2022/QH15 of 15 June 2022;",
            "Under Decree No. 152/2025/NĐ-CP of the Government",
            "Under %s;" % BODY_FUNCTIONS,
            "Considering the minutes No. 08/BB-HĐTĐKT of the meeting of the Emulation and "
            "Commendation Council of 10/12/%s;" % YEAR,
            "DECIDES:",
        ]
        positions = [text.index(basis) for basis in bases]
        self.assertEqual(positions, sorted(positions))
        # the reward money's article stays (Article 2)
        self.assertIn("Article 2. The reward money follows Decree No. 152/2025/NĐ-CP", text)

    def test_decision_of_a_form(self):
        form = self.env.ref("emulation_exemplar.award_type_certificate_of_commendation")
        self.assertEqual(form.kind, "commendation")
        decision = self.env["emulation.decision"].create(
            {
                "number": "141/QĐ-SNgV",
                "date": date(YEAR, 12, 21),
                "award_type_id": form.id,
                "year": YEAR,
                "reason": "Có thành tích xuất sắc trong công tác đối ngoại.",
                "employee_ids": [Command.set(self.emp_a.ids)],
                "department_ids": [Command.set(self.unit_consular.ids)],
            }
        )
        html = self.render(DECISION, decision)
        text = text_of(html)
        self.assertIn("On awarding the %s for %s" % (form.name, YEAR), text)
        self.assertIn(
            "Article 1. To award the %s to 1 individuals and 1 collectives (in the attached "
            "list) for their achievements in %s: Có thành tích xuất sắc trong công tác đối "
            "ngoại." % (form.name, YEAR),
            text,
        )
        self.assertNotIn("recognis", text)
        # no council session: no minutes cited
        self.assertNotIn("Considering the minutes", text)
        # the list names people and a collective: "Họ và tên" with collectives
        self.assertIn("Full name or collective", text)


@tagged("post_install", "-at_install")
class TestDecisionSigners(SignedPapersCase):
    def signature(self, decision):
        html = self.render(DECISION, decision)
        closing = self.closing(html)
        signer = closing[closing.index("o_emu_signer") :]
        return text_of(signer)

    def test_a_new_decision_takes_the_company_signer(self):
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create({"award_type_id": self.type_soldier.id, "year": YEAR})
        )
        self.assertEqual(decision.signer_id, self.director)
        self.director.active = False
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create({"award_type_id": self.type_soldier.id, "year": YEAR})
        )
        self.assertEqual(decision.signer_id, self.deputy, "the first active signer")

    def test_signing_on_behalf_of_the_director(self):
        self.decision.signer_id = self.deputy
        text = self.signature(self.decision)
        # "KT. GIÁM ĐỐC" over the deputy's own position, then the name
        self.assertRegex(text, r"KT\. GIÁM ĐỐC\s+PHÓ GIÁM ĐỐC\s+Thái Phúc Sơn")
        self.assertNotIn("Nguyễn Văn Chủ", text)
        # the head signs in their own name
        self.decision.signer_id = self.director
        text = self.signature(self.decision)
        self.assertIn("GIÁM ĐỐC", text)
        self.assertNotIn("KT.", text)
        self.assertNotIn("PHÓ GIÁM ĐỐC", text)
        self.assertIn("Nguyễn Văn Chủ", text)
        self.assertEqual(self.deputy.display_name, "Thái Phúc Sơn (Kt. Giám Đốc – Phó Giám Đốc)")

    def test_another_company_signer_is_refused(self):
        other = self.env["res.company"].create({"name": "Sở Tư pháp"})
        stranger = self.env["emulation.signer"].create(
            {"name": "Người Ngoài", "position": "Giám đốc", "company_id": other.id}
        )
        draft = self.env["emulation.decision"].create(
            {"award_type_id": self.type_soldier.id, "year": YEAR}
        )
        with self.assertRaises(Exception):  # noqa: B017 - UserError of check_company
            with self.env.cr.savepoint():
                draft.signer_id = stranger
                draft.flush_recordset()

    def test_a_signer_needs_a_name_and_a_position(self):
        with self.assertRaises(ValidationError):
            self.env["emulation.signer"].create({"name": "  ", "position": "Giám đốc"})

    def test_only_administrators_set_the_signers(self):
        with self.assertRaises(AccessError):
            self.env["emulation.signer"].with_user(self.user_officer).create(
                {"name": "Tự Đặt", "position": "Giám đốc"}
            )


@tagged("post_install", "-at_install")
class TestSubmissionAndMinutes(SignedPapersCase):
    def test_the_submission_of_a_unit_is_signed_by_its_head(self):
        Employee = self.env["hr.employee"]
        head = Employee.create(
            {
                "name": "Hồ Văn Trưởng",
                "job_title": "Trưởng ban",
                "department_id": self.unit_section.id,
            }
        )
        self.unit_section.manager_id = head
        self.assertTrue(self.unit_section.parent_id, "a unit within the agency")
        proposal = self.new_proposal(
            unit=self.unit_section,
            line_ids=[Command.create(self.line(self.emp_c, achievements="Xuất sắc."))],
        )
        html = self.render(SUBMISSION, proposal)
        masthead = text_of(html[: html.index('class="o_emu_title"')])
        # in the unit's name, under the agency
        self.assertRegex(masthead, r"SỞ NGOẠI VỤ\s+INSPECTION SECTION")
        signature = text_of(self.closing(html))
        self.assertRegex(signature, r"TRƯỞNG BAN\s+Hồ Văn Trưởng")
        self.assertNotIn("Thái Phúc Sơn", signature, "not the company's signer")
        # whoever heads the unit when it is printed signs it
        successor = Employee.create(
            {
                "name": "Lê Văn Kế",
                "job_title": "Phó Trưởng ban",
                "department_id": self.unit_section.id,
            }
        )
        self.unit_section.manager_id = successor
        signature = text_of(self.closing(self.render(SUBMISSION, proposal)))
        self.assertIn("Lê Văn Kế", signature)
        self.assertNotIn("Hồ Văn Trưởng", signature)
        self.assertIn("Full name", text_of(html))

    def test_minutes_print_time_place_and_members_present(self):
        session = self.session()
        session.write(
            {
                "name": "09/BB-HĐTĐKT",
                "time_start": 8.0,
                "time_end": 11.5,
                "place": "Phòng họp Sở Ngoại vụ",
                "chair": "Nguyễn Văn Chủ, Giám đốc Sở, Chủ tịch Hội đồng",
                "secretary": "Trần Thư Ký, Chánh Văn phòng",
                "members_present": "- Nguyễn Văn Chủ, Chủ tịch\nPhan Văn Ủy, Ủy viên\n\n",
            }
        )
        text = text_of(self.render(MINUTES, session))
        self.assertIn("Time: 08:00 on 10/12/%s." % YEAR, text)
        self.assertIn("Place: Phòng họp Sở Ngoại vụ.", text)
        self.assertIn("Chaired by: Nguyễn Văn Chủ, Giám đốc Sở, Chủ tịch Hội đồng.", text)
        self.assertIn("Secretary: Trần Thư Ký, Chánh Văn phòng.", text)
        self.assertIn("Members present: - Nguyễn Văn Chủ, Chủ tịch - Phan Văn Ủy, Ủy viên", text)
        self.assertIn("The meeting closed at 11:30 on the same day.", text)
        # the times are the day's; a closed session keeps them
        with self.assertRaises(ValidationError):
            session.write({"time_end": 7.0})
        with self.assertRaises(UserError):
            self.session_record.with_user(self.user_officer).write({"place": "Elsewhere"})


@tagged("post_install", "-at_install")
class TestRecord(SignedPapersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_d.write(
            {"birthday": date(1985, 3, 7), "gender": "male", "job_title": "Chuyên viên"}
        )
        cls.discipline = cls.env["emulation.discipline"].create(
            {
                "employee_id": cls.emp_d.id,
                "form": "reprimand",
                "year": YEAR - 1,
                "decision_number": "12/QĐ-SNgV",
                "decision_date": date(YEAR - 1, 5, 4),
                "reason": "Vi phạm quy chế làm việc.",
            }
        )

    def record(self, user):
        person = self.env["hr.employee.public"].browse(self.emp_d.id)
        return text_of(self.render(RECORD, person, user=user))

    def test_the_officer_sees_the_identity_and_the_disciplines(self):
        text = self.record(self.user_officer)
        self.assertIn("Date of birth: 07/03/1985", text)
        self.assertIn("Gender: Male", text)
        self.assertIn("Position or rank: Chuyên viên", text)
        self.assertIn("Disciplines", text)
        self.assertIn("Vi phạm quy chế làm việc.", text)
        self.assertIn("No. 12/QĐ-SNgV, dated 04/05/%s" % (YEAR - 1), text)

    def test_the_unit_head_prints_no_discipline_section(self):
        # the unit head may read the discipline in the app, but the record prints it for the
        # officers only
        self.assertTrue(self.discipline.with_user(self.user_manager).has_access("read"))
        text = self.record(self.user_manager)
        self.assertIn(self.emp_d.name, text)
        self.assertNotIn("Disciplines", text)
        self.assertNotIn("Vi phạm quy chế làm việc.", text)
        self.assertNotIn("12/QĐ-SNgV", text)


class OverviewCase(SignedPapersCase):
    def wizard(self, user, unit=None, sets=None):
        return (
            self.env["emulation.overview.wizard"]
            .with_user(user)
            .create(
                {
                    "department_id": (unit or self.unit_office).id,
                    "year": YEAR,
                    "criteria_set_ids": [Command.set((sets or self.set_soldier).ids)],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestOverview(OverviewCase):
    def test_cells_are_the_stored_rows(self):
        wizard = self.wizard(self.user_manager, sets=self.set_soldier | self.set_next)
        overview = (
            self.env["report.emulation_exemplar.report_overview"]
            .with_user(self.user_manager)
            ._overview(wizard)
        )
        self.assertEqual(overview["columns"], [self.type_soldier.name, self.type_prov.name])
        names = [row["name"] for row in overview["rows"]]
        # the people of the office and of its section; not Bình of another unit
        for person in (self.emp_a, self.emp_c, self.emp_d, self.emp_head):
            self.assertIn(person.name, names)
        self.assertNotIn(self.emp_b.name, names)
        Eligibility = self.env["emulation.eligibility"]
        people = {p.name: p for p in self.env["hr.employee"].search([("name", "in", names)])}
        statuses = set()
        for row in overview["rows"]:
            for criteria_set, cell in zip(
                self.set_soldier | self.set_next, row["cells"], strict=True
            ):
                stored = Eligibility.search(
                    [
                        ("employee_id", "=", people[row["name"]].id),
                        ("criteria_set_id", "=", criteria_set.id),
                        ("year", "=", YEAR),
                    ]
                )
                if not stored:
                    expected = "none"
                elif stored.eligible:
                    expected = "eligible"
                elif stored.missing == 1:
                    expected = "one_step"
                    self.assertEqual(cell["missing"], stored.missing_text)
                    self.assertTrue(cell["missing"])
                else:
                    expected = "not_eligible"
                self.assertEqual(cell["status"], expected, (row["name"], criteria_set.name))
                statuses.add(expected)
        self.assertLessEqual({"eligible", "one_step", "none"}, statuses)
        # the stored verdict, never evaluated again: a stored row changed by hand shows
        row_d = self.results[self.emp_d]
        self.env.cr.execute(
            "UPDATE emulation_eligibility SET eligible = TRUE, missing = 0 WHERE id = %s",
            [row_d.id],
        )
        Eligibility.invalidate_model()
        overview = self.env["report.emulation_exemplar.report_overview"]._overview(wizard)
        cell_d = next(r for r in overview["rows"] if r["name"] == self.emp_d.name)["cells"][0]
        self.assertEqual(cell_d["status"], "eligible")

    def test_the_xlsx_holds_the_paper_values(self):
        wizard = self.wizard(self.user_manager)
        html = self.render(OVERVIEW, wizard, user=self.user_manager)
        tree = lxml_html.fromstring(html)
        paper = [
            [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
            for tr in tree.xpath("//div[contains(@class, 'o_emu_overview')]//tr[td]")
        ]
        self.assertTrue(paper)
        Report = self.env["ir.actions.report"].with_user(self.user_manager)
        content, kind = Report._render_xlsx(OVERVIEW_XLSX, wizard.ids, None)
        self.assertEqual(kind, "xlsx")
        rows = xlsx_rows(content)
        self.assertEqual(rows[2][:4], ["No.", "Full name", "Position", "Unit"])
        sheet = [
            [" ".join(str(value or "").split()) for value in row]
            for row in rows[3 : 3 + len(paper)]
        ]
        self.assertEqual(sheet, paper)
        self.assertTrue(any("One step away" in cell for row in paper for cell in row))
        self.assertIn("Full name", text_of(html))

    def test_a_unit_head_prints_the_units_they_head_only(self):
        wizard = self.wizard(self.user_manager, unit=self.unit_consular)
        with self.assertRaises(AccessError):
            wizard.action_print()
        with self.assertRaises(AccessError):
            wizard.action_print_xlsx()
        # and through the report itself, as an RPC or a bookmarked URL would
        with self.assertRaises(AccessError):
            self.render(OVERVIEW, wizard, user=self.user_manager)
        Report = self.env["ir.actions.report"].with_user(self.user_manager)
        with self.assertRaises(AccessError):
            Report._render_xlsx(OVERVIEW_XLSX, wizard.ids, None)
        # nor another user's wizard
        mine = self.wizard(self.user_manager)
        other_head = new_test_user(
            self.env,
            "emu_other_head",
            groups="base.group_user,emulation_exemplar.group_emulation_manager",
        )
        with self.assertRaises(AccessError):
            self.render(OVERVIEW, mine, user=other_head)
        # the officer prints any unit's
        self.assertIn(
            self.emp_b.name,
            self.render(OVERVIEW, self.wizard(self.user_officer, unit=self.unit_consular)),
        )
        # many titles: the landscape paper, a report of its own (the download finds it by name)
        sets = self.env["emulation.criteria.set"].search([("recipient_kind", "!=", "collective")])
        self.assertGreater(len(sets), 3)
        action = self.wizard(self.user_manager, sets=sets).action_print()
        self.assertEqual(action["report_name"], "emulation_exemplar.report_overview_landscape")
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        self.assertEqual(report.paperformat_id.orientation, "Landscape")
        action = self.wizard(self.user_manager).action_print()
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        self.assertEqual(report.paperformat_id.orientation, "Portrait")
        # no title chosen: the sets with results in the year
        empty = self.wizard(self.user_manager)
        empty.criteria_set_ids = False
        self.assertIn(self.set_soldier, empty._overview_sets())
        # the default unit of a unit head: theirs
        default = self.env["emulation.overview.wizard"].with_user(self.user_manager).create({})
        self.assertEqual(default.department_id, self.unit_office)
        visible = self.env["emulation.eligibility"].with_user(self.user_manager).search([])
        self.assertTrue(visible)
        self.assertEqual(default.year, max(visible.mapped("year")), "the latest year with results")


@tagged("post_install", "-at_install")
class TestOverviewPdf(OverviewCase, HttpCase):
    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def test_the_pdf_prints_the_cells(self):
        wizard = self.wizard(self.user_manager)
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_manager)
            .with_context(force_report_rendering=True)
        )
        content, kind = Report._render_qweb_pdf(OVERVIEW, wizard.ids)
        self.assertEqual(kind, "pdf")
        reader = PdfFileReader(io.BytesIO(content))
        text = "".join(
            squeeze(reader.getPage(i).extractText()) for i in range(reader.getNumPages())
        )
        overview = self.env["report.emulation_exemplar.report_overview"]._overview(wizard)
        for row in overview["rows"]:
            self.assertIn(squeeze(row["name"]), text)
            for cell in row["cells"]:
                self.assertIn(squeeze(cell["text"] + cell["missing"]), text)
