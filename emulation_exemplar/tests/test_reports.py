import io
from unittest.mock import patch

from markupsafe import escape
from reportlab.pdfgen import canvas

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import file_open
from odoo.tools.pdf import PdfFileReader

from ..lib import pdf as pdf_helpers
from ..lib.papers import document_symbol
from ..lib.pdf import _squeeze as squeeze
from ..lib.pdf import number_pages
from ..models.ir_actions_report import merge_bodies
from ..report.emulation_report_base import split_tail
from .common import DemoCase, EmulationCase, skip_without_wkhtmltopdf

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
REPORT_STYLE = "emulation_exemplar/static/src/scss/emulation_report.scss"
REPORT_EMPLOYEE = "emulation_exemplar.action_report_record_employee"
REPORT_EMPLOYEE_PUBLIC = "emulation_exemplar.action_report_record_employee_public"
REPORT_DEPARTMENT = "emulation_exemplar.action_report_record_department"
REPORT_ELIGIBLE = "emulation_exemplar.action_report_eligible"
REPORT_ELIGIBLE_CANDIDATES = "emulation_exemplar.action_report_eligible_candidates"


class ReportCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "emulation_parent_body": "UBND tỉnh Hà Tĩnh",
                "emulation_body_name": "Sở Ngoại vụ",
                "emulation_place": "Hà Tĩnh",
                "emulation_document_symbol": "KH-SNgV",
                "emulation_signer_title": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
                "emulation_signer_name": "Thái Phúc Sơn",
                "emulation_recipients": "- Ban Thi đua - Khen thưởng tỉnh;\n- Lưu: VT, VPTTr.",
                # the content tests read English; the language tests set Vietnamese
                "emulation_report_lang": "en_US",
            }
        )
        # the Office–Inspectorate officer who prints: emulation officer and HR officer
        cls.user_printer = new_test_user(
            cls.env,
            "emu_printer",
            groups="base.group_user,hr.group_hr_user,emulation_exemplar.group_emulation_officer",
        )
        # an HR officer outside emulation work: reads employees, not personnel judgements
        cls.user_hr = new_test_user(cls.env, "emu_hr", groups="base.group_user,hr.group_hr_user")
        cls.emp_a.job_title = "Chánh Văn phòng"
        cls.award(
            cls.emp_a,
            cls.type_soldier,
            2022,
            decision_number="15/QĐ-SNgV",
            decision_date="2023-01-05",
        )
        cls.award(
            cls.emp_a,
            cls.type_prov,
            2024,
            decision_number="456/QĐ-UBND",
            decision_date="2025-02-09",
            reason="Hoàn thành xuất sắc nhiệm vụ công tác đối ngoại",
        )
        cls.classify(cls.emp_a, 2021, "excellent", decision_number="120/QĐ-SNgV")
        cls.classify(cls.emp_a, 2023, "good", decision_date="2023-12-28")
        cls.initiative = cls.env["emulation.initiative"].create(
            {
                "name": "Số hóa hồ sơ lãnh sự",
                "employee_ids": [(6, 0, [cls.emp_a.id, cls.emp_b.id])],
                "level": "provincial",
                "year": 2023,
                "applied_effectively": True,
                "decision_number": "78/QĐ-HĐSK",
                "decision_date": "2023-11-02",
            }
        )
        cls.award(
            cls.unit_office,
            cls.type_flag,
            2023,
            decision_number="2001/QĐ-UBND",
            decision_date="2024-01-15",
        )
        cls.classify(cls.unit_office, 2022, "excellent", decision_number="130/QĐ-SNgV")

    def render(self, report, records, user=None, lang=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        if lang:
            Report = Report.with_context(lang=lang)
        html, report_type = Report._render_qweb_html(report, records.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def assertHeader(self, html, symbol):
        self.assertIn("UBND TỈNH HÀ TĨNH", html)
        self.assertIn("SỞ NGOẠI VỤ", html)
        self.assertIn(NATIONAL_NAME, html)
        self.assertIn(MOTTO, html)
        self.assertIn("/%s" % symbol, html)
        self.assertIn("Hà Tĩnh, ngày ", html)
        self.assertIn("Nơi nhận:", html)
        self.assertIn("- Ban Thi đua - Khen thưởng tỉnh;", html)
        self.assertIn("KT. GIÁM ĐỐC", html)
        self.assertIn("PHÓ GIÁM ĐỐC", html)
        self.assertIn("Thái Phúc Sơn", html)


@tagged("at_install")
class TestReportSettings(ReportCase):
    def test_header_values_and_decree_date(self):
        Base = self.env["emulation.report.base"]
        header = Base._header(self.company, "BC", date="2025-02-05")
        self.assertEqual(header["parent_body"], "UBND TỈNH HÀ TĨNH")
        self.assertEqual(header["body_name"], "SỞ NGOẠI VỤ")
        self.assertEqual(header["symbol"], "BC-SNgV", "the type code of the setting is replaced")
        self.assertTrue(header["number_line"].startswith("Số:"))
        self.assertTrue(header["number_line"].endswith("/BC-SNgV"))
        # Decree 30: a leading zero for days below 10 and for January and February only
        self.assertEqual(header["date_line"], "Hà Tĩnh, ngày 05 tháng 02 năm 2025")
        self.assertEqual(
            Base._decree_date("Hà Tĩnh", "2021-03-24"), "Hà Tĩnh, ngày 24 tháng 3 năm 2021"
        )
        self.assertEqual(Base._decree_date("", "2021-11-09"), "Ngày 09 tháng 11 năm 2021")
        self.assertEqual(header["signer_title_lines"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        self.assertEqual(
            header["recipients"], ["Ban Thi đua - Khen thưởng tỉnh;", "Lưu: VT, VPTTr."]
        )

    def test_fallbacks_from_the_company(self):
        parent = self.env["res.company"].create({"name": "Ủy ban nhân dân tỉnh Hà Tĩnh"})
        company = self.env["res.company"].create(
            {"name": "Sở Ngoại vụ", "city": "Hà Tĩnh", "parent_id": parent.id}
        )
        header = self.env["emulation.report.base"]._header(company, "DS", date="2024-12-01")
        self.assertEqual(header["body_name"], "SỞ NGOẠI VỤ")
        self.assertEqual(header["parent_body"], "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")
        self.assertEqual(header["symbol"], "DS-SNV", "initials of the body")
        self.assertEqual(header["date_line"], "Hà Tĩnh, ngày 01 tháng 12 năm 2024")
        self.assertEqual(header["signer_title_lines"], ["THỦ TRƯỞNG CƠ QUAN"])
        self.assertEqual(header["signer_name"], "")
        self.assertEqual(header["recipients"], ["Như trên;", "Lưu: VT."])
        # no parent, no city: the state, and no parent line
        lone = self.env["res.company"].create(
            {"name": "Trung tâm Dịch vụ đối ngoại", "state_id": self.env.ref("base.state_us_5").id}
        )
        header = self.env["emulation.report.base"]._header(lone, "BC")
        self.assertEqual(header["parent_body"], "")
        self.assertEqual(header["place"], self.env.ref("base.state_us_5").name)
        self.assertEqual(header["symbol"], "BC-TTDVĐN")

    def test_fallbacks_printed(self):
        self.company.write(
            {
                "emulation_parent_body": False,
                "emulation_body_name": False,
                "emulation_document_symbol": False,
                "emulation_signer_title": False,
                "emulation_recipients": False,
            }
        )
        html = self.render(REPORT_DEPARTMENT, self.unit_office, self.user_printer)
        self.assertIn(self.company.name.upper(), html)
        self.assertIn("THỦ TRƯỞNG CƠ QUAN", html)
        self.assertIn("- Lưu: VT.", html)
        self.assertNotIn("UBND TỈNH HÀ TĨNH", html)

    def test_document_symbol(self):
        self.assertEqual(document_symbol("KH-SNgV", "BC"), "BC-SNgV")
        self.assertEqual(document_symbol("SNgV", "BC"), "BC-SNgV")
        self.assertEqual(document_symbol("SNgV-VPTTr", "DS"), "DS-SNgV-VPTTr")
        self.assertEqual(document_symbol("QĐ-UBND", "BC"), "BC-UBND")
        self.assertEqual(document_symbol("", "BC"), "BC")

    def test_settings_edit_the_company(self):
        settings = self.env["res.config.settings"].create(
            {"emulation_body_name": "SỞ TƯ PHÁP", "emulation_signer_name": "Nguyễn Văn A"}
        )
        settings.execute()
        self.assertEqual(self.company.emulation_body_name, "SỞ TƯ PHÁP")
        self.assertEqual(self.company.emulation_signer_name, "Nguyễn Văn A")
        view = self.env.ref("emulation_exemplar.res_config_settings_view_form")
        self.assertIn('groups="emulation_exemplar.group_emulation_admin"', view.arch_db)


@tagged("at_install")
class TestRecordReport(ReportCase):
    def test_employee_record(self):
        html = self.render(REPORT_EMPLOYEE, self.emp_a, self.user_printer)
        self.assertHeader(html, "BC-SNgV")
        self.assertIn("Nguyễn Văn An", html)
        self.assertIn("Chánh Văn phòng", html)
        self.assertIn("Office–Inspectorate", html)
        # awards by year, with decision number and date in dd/mm/yyyy
        self.assertIn(self.type_soldier.name, html)
        self.assertIn("15/QĐ-SNgV", html)
        self.assertIn("05/01/2023", html)
        self.assertNotIn("01/05/2023", html)
        self.assertIn("09/02/2025", html)
        self.assertIn("Hoàn thành xuất sắc nhiệm vụ công tác đối ngoại", html)
        self.assertLess(html.index("15/QĐ-SNgV"), html.index("456/QĐ-UBND"), "by year")
        # initiative and classifications
        self.assertIn("Số hóa hồ sơ lãnh sự", html)
        self.assertIn("78/QĐ-HĐSK", html)
        self.assertIn("02/11/2023", html)
        self.assertIn("120/QĐ-SNgV", html)
        self.assertIn("28/12/2023", html)
        self.assertIn("Excellent", html)
        # the current eligibility explanation
        self.assertIn("Advanced exemplar", html)
        self.assertTrue(self.emp_a.exemplar_eligible)
        for line in self.emp_a.exemplar_explanation.splitlines()[:3]:
            self.assertIn(str(escape(line)), html)
        self.assertIn(self.emp_a.exemplar_criteria_set_id.name, html)
        # nothing of the other person
        self.assertNotIn("Trần Thị Bình", html)
        self.assertNotIn("2001/QĐ-UBND", html)

    def test_employee_record_in_the_company_language(self):
        """The paper's language is the company's, not the printing user's."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        self.company.emulation_report_lang = "vi_VN"
        self.user_printer.lang = "en_US"
        html = self.render(REPORT_EMPLOYEE, self.emp_a, self.user_printer, lang="en_US")
        self.assertIn("Hồ sơ thi đua, khen thưởng", html)
        self.assertIn("Số 15/QĐ-SNgV ngày 05/01/2023", html, "decisions and dd/mm/yyyy dates")
        self.assertIn("Hoàn thành xuất sắc nhiệm vụ", html)
        for english in ("Commendation record", "Personal details", "None recorded", "dated"):
            self.assertNotIn(english, html)

    def test_department_record(self):
        html = self.render(REPORT_DEPARTMENT, self.unit_office, self.user_printer)
        self.assertHeader(html, "BC-SNgV")
        self.assertIn("Office–Inspectorate", html)
        self.assertIn(self.type_flag.name, html)
        self.assertIn("2001/QĐ-UBND", html)
        self.assertIn("15/01/2024", html)
        self.assertIn("130/QĐ-SNgV", html)
        # the unit's record holds the unit's history, not its staff's
        self.assertNotIn("15/QĐ-SNgV", html)
        self.assertNotIn("Số hóa hồ sơ lãnh sự", html)
        self.assertIn(self.unit_office.exemplar_criteria_set_id.name, html)

    def test_several_records_one_document_each(self):
        html = self.render(REPORT_EMPLOYEE, self.emp_a | self.emp_b, self.user_printer)
        self.assertEqual(html.count('class="article o_emu_report"'), 2)
        self.assertEqual(html.count(NATIONAL_NAME), 2)
        self.assertIn("Trần Thị Bình", html)

    def test_plain_user_cannot_print_a_private_record(self):
        with self.assertRaisesRegex(AccessError, "Trần Thị Bình"):
            self.render(REPORT_EMPLOYEE, self.emp_b, self.user_plain)
        with self.assertRaises(AccessError):
            self.render(REPORT_EMPLOYEE, self.emp_a, self.user_manager)

    def test_hr_user_prints_only_records_they_may_judge(self):
        """An HR officer without emulation rights reads employees, not the personnel judgements
        of others: someone else's record is refused, not printed without its judgement."""
        with self.assertRaisesRegex(AccessError, "Nguyễn Văn An"):
            self.render(REPORT_EMPLOYEE, self.emp_a, self.user_hr)
        self.emp_b.user_id = self.user_hr
        html = self.render(REPORT_EMPLOYEE, self.emp_b, self.user_hr)
        self.assertIn("Trần Thị Bình", html)
        self.assertIn("Advanced exemplar", html, "their own record is whole")
        self.assertIn("Số hóa hồ sơ lãnh sự", html)

    def test_record_from_the_public_profile(self):
        """People without HR rights print a person's record from the public profile, and the
        employee report's URL prints for them too, through the same profile."""
        officer = self.user_officer
        self.assertFalse(self.env["hr.employee"].with_user(officer).browse().has_access("read"))
        public = self.render(REPORT_EMPLOYEE_PUBLIC, self.emp_a, officer)
        private = self.render(REPORT_EMPLOYEE, self.emp_a, officer)
        for html in (public, private):
            self.assertHeader(html, "BC-SNgV")
            self.assertIn("Chánh Văn phòng", html)
            self.assertIn("456/QĐ-UBND", html)
            self.assertIn("78/QĐ-HĐSK", html)
            self.assertIn("120/QĐ-SNgV", html, "the classifications")
            self.assertIn("Advanced exemplar", html)
            self.assertIn(self.emp_a.exemplar_criteria_set_id.name, html)
        self.assertIn('data-oe-model="hr.employee.public"', public)

    def test_template_rules(self):
        views = self.env["ir.ui.view"].search(
            [("key", "like", "emulation_exemplar.report_"), ("type", "=", "qweb")]
        )
        self.assertGreaterEqual(len(views), 6)
        for view in views:
            self.assertNotIn("t-raw", view.arch_db, view.key)
        with file_open(REPORT_STYLE) as f:
            style = f.read()
        self.assertIn('"Times New Roman", "Liberation Serif", "DejaVu Serif"', style)
        self.assertIn("display: table-header-group", style)
        self.assertIn("page-break-inside: avoid", style)
        self.assertIn(".o_emu_closing, .o_emu_keep { page-break-inside: avoid; }", style)
        # the style reaches the papers through the report bundle, not an inline <style>
        bundle = self.env["ir.qweb"]._get_asset_bundle("web.report_assets_common", js=False)
        self.assertIn("/" + REPORT_STYLE, [f["url"] for f in bundle.files])
        layout = self.env.ref("emulation_exemplar.report_layout").arch_db
        self.assertNotIn("<style", layout)
        closing = layout[layout.index('class="o_emu_closing"') :]
        self.assertIn('t-out="closing"', closing)
        self.assertIn("o_emu_signature", closing, "the signature is inside the closing block")

    def test_split_tail(self):
        self.assertEqual(split_tail([1, 2, 3]), ([], [1, 2, 3]), "a short table goes whole")
        self.assertEqual(split_tail([1, 2, 3, 4]), ([1, 2], [3, 4]))
        self.assertEqual(split_tail([]), ([], []))
        self.assertEqual(split_tail(range(10), 3), (list(range(7)), [7, 8, 9]))

    def test_last_rows_print_with_the_signature(self):
        """The last lines of the record are in the closing block with the signature."""
        html = self.render(REPORT_EMPLOYEE, self.emp_a, self.user_printer)
        closing = html[html.index('class="o_emu_closing"') :]
        self.assertIn("Thái Phúc Sơn", closing)
        explanation = self.emp_a.exemplar_explanation.splitlines()
        self.assertIn(str(escape(explanation[-1])), closing, "the last lines of the paper")
        self.assertNotIn(str(escape(explanation[0])), closing)


@tagged("at_install")
class TestEligibleReport(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sets = (
            cls.env.ref("emulation_exemplar.criteria_plan198_collective")
            | cls.env.ref("emulation_exemplar.criteria_plan198_key_cadre")
            | cls.env.ref("emulation_exemplar.criteria_plan198_staff")
        )
        Employee = cls.env["hr.employee"]
        cls.staff_ok = Employee.create(
            {"name": "Lê Văn Cường", "department_id": cls.unit_consular.id, "job_title": "CV"}
        )
        cls.staff_near = Employee.create(
            {"name": "Hồ Thị Mỹ Duyên", "department_id": cls.unit_consular.id}
        )
        # a head of unit: a key cadre, so that the paper has the three kinds' groups
        cls.unit_consular.manager_id = Employee.create(
            {"name": "Phan Văn Trưởng", "department_id": cls.unit_consular.id}
        )
        cls.award(cls.staff_ok, cls.type_soldier, 2022, decision_number="11/QĐ-SNgV")
        cls.award(
            cls.staff_ok,
            cls.type_soldier,
            2024,
            decision_number="12/QĐ-SNgV",
            decision_date="2025-01-08",
        )
        cls.award(cls.staff_ok, cls.type_soldier, 2019, decision_number="99/QĐ-SNgV")
        cls.award(cls.staff_near, cls.type_soldier, 2023, decision_number="13/QĐ-SNgV")

    def test_eligible_list(self):
        self.assertTrue(self.staff_ok.exemplar_eligible)
        html = self.render(REPORT_ELIGIBLE, self.sets, self.user_printer)
        self.assertHeader(html, "DS-SNgV")
        self.assertEqual(html.count('class="article o_emu_report"'), 1, "one paper")
        kinds = dict(self.sets._fields["recipient_kind"]._description_selection(self.env))
        positions = [html.index(kinds[kind]) for kind in ("collective", "key_cadre", "staff")]
        self.assertEqual(positions, sorted(positions), "collectives, key cadres, then staff")
        self.assertIn("o_emu_eligible_staff", html)
        self.assertIn("Lê Văn Cường", html)
        self.assertIn("Consular Affairs", html)
        self.assertIn(self.staff_ok.exemplar_path, html)
        self.assertIn("11/QĐ-SNgV", html)
        self.assertIn("12/QĐ-SNgV of 08/01/2025", html)
        self.assertNotIn("99/QĐ-SNgV", html, "outside the period: did not count")
        self.assertNotIn("Hồ Thị Mỹ Duyên", html, "not eligible, no second part")
        self.assertNotIn("One step away", html)

    def test_eligible_list_with_candidates(self):
        self.assertEqual(self.staff_near.exemplar_missing, 1)
        html = self.render(REPORT_ELIGIBLE_CANDIDATES, self.sets, self.user_printer)
        self.assertIn("One step away", html)
        part_two = html[html.index("One step away") :]
        self.assertIn("Hồ Thị Mỹ Duyên", part_two)
        self.assertIn("Missing 1", part_two)
        self.assertNotIn("Lê Văn Cường", part_two, "eligible people are not candidates")

    def test_eligible_list_only_for_officers(self):
        with self.assertRaises(AccessError):
            self.render(REPORT_ELIGIBLE, self.sets, self.user_manager)
        with self.assertRaises(AccessError):
            self.render(REPORT_ELIGIBLE, self.sets, self.user_plain)


@tagged("at_install")
class TestStatistics(ReportCase):
    def test_excellent_by_year_and_unit(self):
        self.classify(self.emp_b, 2021, "excellent")
        action = self.env.ref("emulation_exemplar.action_emulation_classification_statistics")
        self.assertTrue(action.view_mode.startswith("pivot"))
        # the units in rows, the years in columns, counted with the filter "Excellent" on: the
        # table fits the screen (a measure column per year would not)
        pivot = self.env.ref("emulation_exemplar.emulation_classification_statistics_view_pivot")
        self.assertIn('<field name="unit_id" type="row"/>', pivot.arch_db)
        self.assertIn('<field name="year" type="col"/>', pivot.arch_db)
        self.assertIn("'search_default_filter_excellent': 1", action.context)
        menu = self.env.ref("emulation_exemplar.menu_emulation_classification_statistics")
        self.assertEqual(
            menu.parent_id, self.env.ref("emulation_exemplar.menu_emulation_reporting")
        )
        groups = self.env["emulation.classification"]._read_group(
            [("recipient_type", "=", "individual"), ("year", "=", 2021)],
            ["unit_id"],
            ["excellent_count:sum"],
        )
        by_unit = dict(groups)
        self.assertEqual(by_unit[self.unit_office], 1)
        self.assertEqual(by_unit[self.unit_consular], 1)


@tagged("at_install")
class TestPageNumbers(EmulationCase):
    """Page numbers are stamped on the PDF, as Decree 30/2020 asks, with any wkhtmltopdf."""

    def make_pdf(self, pages):
        """A PDF whose pages show ``pages`` (texts), A4."""
        stream = io.BytesIO()
        pdf = canvas.Canvas(stream, pagesize=(595, 842))
        for text in pages:
            pdf.setFont("Helvetica", 10)
            pdf.drawString(100, 700, text)
            pdf.showPage()
        pdf.save()
        return stream.getvalue()

    def page_texts(self, content):
        reader = PdfFileReader(io.BytesIO(content))
        return [reader.getPage(i).extractText() for i in range(reader.getNumPages())]

    def test_numbers_from_the_second_page_of_each_paper(self):
        marker = "CONG HOA"  # stands for the masthead: the test font has no Vietnamese
        with patch.object(pdf_helpers, "NATIONAL_NAME", marker):
            content = self.make_pdf([marker + " one", "more", "more", marker + " two", "more"])
            texts = self.page_texts(number_pages(content, documents=2))
        self.assertEqual(len(texts), 5)
        self.assertNotRegex(texts[0], r"\b1\s*$", "no number on a paper's first page")
        self.assertRegex(texts[1], r"\b2\s*$")
        self.assertRegex(texts[2], r"\b3\s*$")
        self.assertNotRegex(texts[3], r"\b\d\s*$", "the second paper starts again")
        self.assertRegex(texts[4], r"\b2\s*$")

    def test_one_page_is_left_as_it_is(self):
        content = self.make_pdf(["only page"])
        self.assertEqual(number_pages(content), content)


@tagged("at_install")
class TestMerge(EmulationCase):
    def test_merge_bodies(self):
        bodies = [
            "<!DOCTYPE html><html><head><style>p{}</style></head><body><p>Một</p></body></html>",
            "<!DOCTYPE html><html><head></head><body><p>Hai</p><p>Ba</p></body></html>",
        ]
        merged = merge_bodies(bodies)
        self.assertEqual(merged.count("<body"), 1)
        self.assertLess(merged.index("Một"), merged.index("page-break-before"))
        self.assertLess(merged.index("page-break-before"), merged.index("Hai"))
        self.assertIn("Ba", merged)


@tagged("post_install", "-at_install")
class TestPdf(ReportCase, HttpCase):
    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def pdf(self, report, records, user=None):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        if user:
            Report = Report.with_user(user)
        runs = []
        original = IrActionsReport._run_wkhtmltopdf

        def counting(this, bodies, *args, **kwargs):
            runs.append(len(bodies))
            return original(this, bodies, *args, **kwargs)

        with patch.object(IrActionsReport, "_run_wkhtmltopdf", counting):
            content, report_type = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        self.assertEqual(len(runs), 1, "one wkhtmltopdf run")
        reader = PdfFileReader(io.BytesIO(content))
        # the text of each page without white space (wkhtmltopdf splits words at font changes)
        self.texts = [squeeze(reader.getPage(i).extractText()) for i in range(reader.getNumPages())]
        # the papers' style reached wkhtmltopdf through the report bundle: the text is set in a
        # serif face (Times New Roman, Liberation Serif or DejaVu Serif), not in the sans-serif
        # of the bare report layout; the page numbers' Times-Roman (not embedded) is left out
        fonts = set()
        for index in range(reader.getNumPages()):
            for font in reader.getPage(index)["/Resources"]["/Font"].values():
                fonts.add(str(font.getObject()["/BaseFont"]))
        text_fonts = {font for font in fonts if "Times-Roman" not in font}
        self.assertTrue(
            any("Serif" in font or "TimesNewRoman" in font for font in text_fonts), fonts
        )
        self.assertFalse([font for font in text_fonts if "Sans" in font], fonts)
        return reader.getNumPages()

    def assertNumbered(self, first_pages):
        """Each paper starts on one of ``first_pages`` (indexes) without a number; its next pages
        end with their number in it (the stamp is drawn last)."""
        number = 0
        for index, text in enumerate(self.texts):
            number = 1 if index in first_pages else number + 1
            if number == 1:
                self.assertIn("CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM", text, "page %s" % index)
                self.assertFalse(text[-1].isdigit(), "no number on page %s" % index)
            else:
                self.assertTrue(text.endswith(str(number)), "page %s: %s" % (index, text[-30:]))

    def test_record_pdf(self):
        # at true size (13pt), An's record takes two pages: the second is numbered, and holds
        # the last lines of the record with the signature
        self.assertEqual(self.pdf(REPORT_EMPLOYEE, self.emp_a, self.user_printer), 2)
        self.assertNumbered({0})
        self.assertIn("THÁIPHÚCSƠN".lower(), self.texts[1].lower())
        last_line = squeeze(self.emp_a.exemplar_explanation.splitlines()[-1])
        self.assertIn(last_line, self.texts[1])
        self.assertNotIn("Thái Phúc Sơn".replace(" ", ""), self.texts[0])
        self.assertEqual(self.pdf(REPORT_DEPARTMENT, self.unit_office, self.user_printer), 2)
        self.assertNumbered({0})

    def test_many_records_one_run(self):
        employees = self.env["hr.employee"].create(
            [{"name": "Cán bộ %s" % i, "department_id": self.unit_office.id} for i in range(12)]
        )
        self.assertEqual(self.pdf(REPORT_EMPLOYEE, employees, self.user_printer), 12)

    def test_several_papers_numbered_each_from_one(self):
        """Two records of two pages each: numbered 1-2 and 1-2, whatever the build (an
        unpatched wkhtmltopdf prints them as one document, split back by their mastheads)."""
        for year in range(2018, 2024):
            self.classify(self.emp_b, year, "good", decision_number="%s/QĐ-SNgV" % year)
            self.award(self.emp_b, self.type_soldier, year, decision_number="%s/QĐ-TĐ" % year)
        people = self.emp_a | self.emp_b
        self.assertEqual(self.pdf(REPORT_EMPLOYEE, people, self.user_printer), 4)
        self.assertNumbered({0, 2})

    def test_eligible_pdf(self):
        # a company of its own, so that the population printed is known
        company = self.env["res.company"].create({"name": "Sở Ngoại vụ (thử)"})
        user = new_test_user(
            self.env,
            "emu_printer_2",
            groups="base.group_user,hr.group_hr_user,emulation_exemplar.group_emulation_officer",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        unit = self.env["hr.department"].create({"name": "Phòng Lãnh sự", "company_id": company.id})
        people = self.env["hr.employee"].create(
            [
                {"name": name, "department_id": unit.id, "company_id": company.id}
                for name in ("Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Lan")
            ]
        )
        for person in people[:2]:
            for year in (2022, 2023):
                self.award(person, self.type_soldier, year, company_id=company.id)
        self.award(people[2], self.type_soldier, 2023, company_id=company.id)
        sets = self.env.ref("emulation_exemplar.criteria_plan198_staff")
        html = self.render(REPORT_ELIGIBLE_CANDIDATES, sets, user)
        self.assertIn("Trần Văn Nam", html)
        self.assertNotIn("Nguyễn Văn An", html, "another company's staff")
        # part I on the first page, part II (one step away) from a new page
        self.assertEqual(self.pdf(REPORT_ELIGIBLE_CANDIDATES, sets, user), 2)


@tagged("at_install")
class TestReportQueries(ReportCase):
    def count_queries(self, report, records):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.render(report, records, self.user_printer)
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_records(self):
        """Printing many records costs the same queries as printing two: batched reads."""
        Employee = self.env["hr.employee"]
        people = Employee.create(
            [{"name": "Cán bộ %s" % i, "department_id": self.unit_office.id} for i in range(12)]
        )
        for person in people:
            self.award(person, self.type_soldier, 2022, decision_number="1/QĐ")
            self.classify(person, 2022, "good")
        self.env.flush_all()
        self.count_queries(REPORT_EMPLOYEE, people[:2])  # warm the caches of views and groups
        few = self.count_queries(REPORT_EMPLOYEE, people[:2])
        many = self.count_queries(REPORT_EMPLOYEE, people)
        self.assertLessEqual(many, few + 2, "queries: %s for 2 records, %s for 12" % (few, many))


REPORT_CAMPAIGN = "emulation_exemplar.action_report_campaign"
REPORT_REGISTRATION = "emulation_exemplar.action_report_registration"
REPORT_ELIGIBLE_CAMPAIGN = "emulation_exemplar.action_report_eligible_campaign"


class CampaignReportCase(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["emulation.campaign"].create(
            {
                "name": "Xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến 2021–2025",
                "reference": "198/KH-SNgV",
                "issue_date": "2021-03-24",
                "year_from": 2021,
                "year_to": 2025,
                "department_id": cls.unit_office.id,
                "registration_deadline": "2021-03-30",
                "state": "running",
            }
        )
        Milestone = cls.env["emulation.campaign.milestone"]
        cls.milestone_register = Milestone.create(
            {
                "campaign_id": cls.campaign.id,
                "year": 2021,
                "name": "Phát hiện, lựa chọn 04–05 mô hình, gương điển hình",
                "kind": "detect_register",
                "deadline": "2021-03-30",
                "state": "done",
                "done_date": "2021-03-29",
                "outcome": "Đã đăng ký 4 mô hình với Ban Thi đua – Khen thưởng tỉnh.",
            }
        )
        cls.milestone_review = Milestone.create(
            {
                "campaign_id": cls.campaign.id,
                "year": 2023,
                "name": "Sơ kết 02 năm thực hiện kế hoạch",
                "kind": "preliminary_review",
                "deadline": "2023-07-31",
                "state": "planned",
            }
        )
        cls.env["emulation.campaign.target"].create(
            {
                "campaign_id": cls.campaign.id,
                "year": 2021,
                "stage": "registered",
                "min_count": 4,
                "max_count": 5,
                "label": "mô hình, gương điển hình đăng ký",
            }
        )
        Nomination = cls.env["emulation.nomination"]
        cls.nom_person = Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "nominee_kind": "individual",
                "employee_id": cls.emp_a.id,
                "year": 2021,
                "stage": "registered",
                "registration_date": "2021-03-29",
                "field_of_work": "Bảo hộ công dân",
                "achievements": "Giải quyết kịp thời 100% vụ việc bảo hộ công dân.",
            }
        )
        cls.nom_model = Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "nominee_kind": "model",
                "model_name": "Số hóa hồ sơ lãnh sự",
                "department_id": cls.unit_consular.id,
                "year": 2021,
                "stage": "registered",
                "registration_date": "2021-04-08",
                "field_of_work": "Cải cách hành chính",
            }
        )
        cls.nom_unit = Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "nominee_kind": "collective",
                "department_id": cls.unit_office.id,
                "year": 2022,
                "stage": "detected",
            }
        )
        cls.nom_dropped = Nomination.create(
            {
                "campaign_id": cls.campaign.id,
                "nominee_kind": "individual",
                "employee_id": cls.emp_b.id,
                "year": 2021,
                "stage": "dropped",
                "drop_reason": "Chuyển công tác",
                "registration_date": "2021-03-25",
            }
        )
        cls.env["emulation.nomination.propagation"].create(
            {
                "nomination_id": cls.nom_person.id,
                "date": "2022-05-12",
                "kind": "article",
                "channel": "Báo Hà Tĩnh",
            }
        )


@tagged("at_install")
class TestCampaignReport(CampaignReportCase):
    def test_campaign_report(self):
        html = self.render(REPORT_CAMPAIGN, self.campaign, self.user_printer)
        self.assertHeader(html, "BC-SNgV")
        self.assertIn("198/KH-SNgV", html)
        self.assertIn("24/03/2021", html)
        # milestones with deadline, state and outcome
        self.assertIn("Phát hiện, lựa chọn 04–05 mô hình, gương điển hình", html)
        self.assertIn("30/03/2021", html)
        self.assertIn("29/03/2021", html)
        self.assertIn("Đã đăng ký 4 mô hình với Ban Thi đua – Khen thưởng tỉnh.", html)
        self.assertIn("Sơ kết 02 năm thực hiện kế hoạch", html)
        self.assertIn("Overdue", html)
        # nominations per stage against the targets, each exemplar with its propagation
        stages = html[html.index("o_emu_stages") : html.index("o_emu_nominations")]
        self.assertIn("mô hình, gương điển hình đăng ký: 2", stages, "2 reached registered")
        self.assertIn("Số hóa hồ sơ lãnh sự", html)
        self.assertIn("Bảo hộ công dân", html)
        self.assertIn("12/05/2022 – Article – Báo Hà Tĩnh", html)
        # figures per year: the same numbers as the statistics
        years = html[html.index("o_emu_years") :]
        awards_2022 = self.env["emulation.award"].search_count(
            [("company_id", "=", self.company.id), ("year", "=", 2022)]
        )
        self.assertIn('<td class="o_emu_center">%s</td>' % awards_2022, years)
        figures = self.env["report.emulation_exemplar.report_campaign"]._campaign_values(
            self.campaign
        )[self.campaign.id]["years"]
        by_year = {row["year"]: row for row in figures}
        self.assertEqual(by_year[2022]["awards"], awards_2022)
        excellent_2021 = self.env["emulation.classification"].search_count(
            [
                ("company_id", "=", self.company.id),
                ("year", "=", 2021),
                ("recipient_type", "=", "individual"),
                ("level", "=", "excellent"),
            ]
        )
        self.assertGreaterEqual(excellent_2021, 1, "emp_a is excellent in 2021")
        self.assertEqual(by_year[2021]["excellent"], excellent_2021)
        self.assertEqual(by_year[2021]["detected"], 3)
        self.assertEqual(by_year[2021]["done"], 1)
        self.assertEqual(by_year[2023]["overdue"], 1)

    def test_campaign_papers_refused_to_who_sees_part_of_them(self):
        """A plain user or a unit manager sees only some nominations: the campaign's papers are
        refused to them, with a message saying who prints them, instead of printing less."""
        self.emp_a.user_id = self.user_plain
        readable = (
            self.env["emulation.nomination"]
            .with_user(self.user_plain)
            .search([("campaign_id", "=", self.campaign.id)])
        )
        self.assertTrue(readable, "they read their own nomination")
        self.assertLess(len(readable), len(self.campaign.nomination_ids))
        for user in (self.user_plain, self.user_manager, self.user_hr):
            for report in (REPORT_CAMPAIGN, REPORT_REGISTRATION, REPORT_ELIGIBLE_CAMPAIGN):
                with self.subTest(user=user.login, report=report):
                    with self.assertRaisesRegex(AccessError, "emulation officers"):
                        self.render(report, self.campaign, user)

    def test_registration_list_ends_with_the_signature(self):
        """Of a longer list, the last two rows are printed in a second table without header,
        with the signature block; the numbering goes on."""
        for number in range(3):
            self.env["emulation.nomination"].create(
                {
                    "campaign_id": self.campaign.id,
                    "nominee_kind": "model",
                    "model_name": "Mô hình %s" % number,
                    "department_id": self.unit_consular.id,
                    "year": 2021,
                    "stage": "registered",
                    "registration_date": "2021-05-1%s" % number,
                }
            )
        html = self.render(REPORT_REGISTRATION, self.campaign, self.user_printer)
        body, closing = html.split('class="o_emu_closing"')
        self.assertEqual(body.count("<thead>"), 1)
        self.assertEqual(closing.count("<thead>"), 0)
        self.assertIn("o_emu_split", body)
        self.assertIn("o_emu_continued", closing)
        self.assertIn("Mô hình 2", closing)
        self.assertIn("Mô hình 1", closing)
        self.assertNotIn("Mô hình 0", closing)
        self.assertIn('o_emu_center">5</td>', closing, "numbered on")
        self.assertLess(closing.index("Mô hình 2"), closing.index("Thái Phúc Sơn"))

    def test_registration_list(self):
        html = self.render(REPORT_REGISTRATION, self.campaign, self.user_printer)
        self.assertHeader(html, "DS-SNgV")
        self.assertIn("Nguyễn Văn An", html)
        self.assertIn("Bảo hộ công dân", html)
        self.assertIn("Giải quyết kịp thời 100% vụ việc bảo hộ công dân.", html)
        self.assertIn("29/03/2021", html)
        self.assertIn("08/04/2021", html)
        self.assertLess(html.index("Nguyễn Văn An"), html.index("Số hóa hồ sơ lãnh sự"), "by date")
        self.assertNotIn("Trần Thị Bình", html, "dropped")
        self.assertNotIn("25/03/2021", html)
        self.assertEqual(html.count('o_emu_center">1</td>'), 1)

    def test_eligible_list_of_a_campaign(self):
        self.assertTrue(self.emp_a.exemplar_eligible)
        html = self.render(REPORT_ELIGIBLE_CAMPAIGN, self.campaign, self.user_printer)
        self.assertHeader(html, "DS-SNgV")
        self.assertIn(self.campaign.display_name, html)
        self.assertIn("Nguyễn Văn An", html)
        self.assertEqual(html.count('class="article o_emu_report"'), 1)
        with self.assertRaises(AccessError):
            self.render(REPORT_ELIGIBLE_CAMPAIGN, self.campaign, self.user_plain)

    def test_nomination_statistics(self):
        action = self.env.ref("emulation_exemplar.action_emulation_nomination_statistics")
        self.assertTrue(action.view_mode.startswith("pivot"))
        menu = self.env.ref("emulation_exemplar.menu_emulation_nomination_statistics")
        self.assertEqual(
            menu.parent_id, self.env.ref("emulation_exemplar.menu_emulation_reporting")
        )
        groups = dict(
            self.env["emulation.nomination"]._read_group(
                [("campaign_id", "=", self.campaign.id)], ["stage"], ["__count"]
            )
        )
        self.assertEqual(groups["registered"], 2)
        self.assertEqual(groups["detected"], 1)


@tagged("post_install", "-at_install")
class TestCampaignPdf(CampaignReportCase, HttpCase):
    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def test_campaign_pdfs(self):
        pdf = TestPdf.pdf
        self.assertEqual(pdf(self, REPORT_REGISTRATION, self.campaign, self.user_printer), 1)
        # in portrait, as the other papers (issue 25): two pages (three in landscape)
        self.assertEqual(pdf(self, REPORT_CAMPAIGN, self.campaign, self.user_printer), 2)
        TestPdf.assertNumbered(self, {0})
        self.assertIn("THÁIPHÚCSƠN", self.texts[-1].upper(), "the signature ends the last page")


@tagged("demo", "at_install")
class TestDemoSigner(DemoCase, TransactionCase):
    def test_demo_papers_signed_by_the_demo_director(self):
        director = self.env.ref("emulation_exemplar.emp_director")
        board = self.env.ref("emulation_exemplar.dep_board")
        self.assertEqual(board.manager_id, director, "the head of the Board")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.emulation_signer_name, director.name)
        self.assertEqual(company.emulation_signer_title, director.job_title.upper())
        self.assertEqual(company.emulation_report_lang, "vi_VN")
