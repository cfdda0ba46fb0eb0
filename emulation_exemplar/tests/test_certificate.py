"""Certificates printed on the pre-printed Bằng khen and Giấy khen blanks: per award type and
company a layout of the fields in millimetres, edited and printed by officers only; from a
decision, one page per recipient; the layout's test print with sample values and a grid."""

import html
import io
import re
import shutil
import subprocess
import tempfile
from datetime import date

from lxml import html as lxml_html
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import EmulationCase

CERTIFICATES = "emulation_exemplar.action_report_certificate"
TEST_PRINT = "emulation_exemplar.action_report_certificate_test"
# 1 mm in PDF points
MM = 72 / 25.4


class CertificateCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_report_lang = "en_US"
        cls.type_director = cls.env.ref("emulation_exemplar.award_type_certificate_of_commendation")
        cls.unit_coop = cls.env["hr.department"].create({"name": "Phòng Hợp tác Quốc tế"})
        cls.decision = cls.env["emulation.decision"].create(
            {
                "number": "27/QĐ-SNgV",
                "date": date(2025, 1, 20),
                "award_type_id": cls.type_director.id,
                "year": 2024,
                "signer": "Thái Phúc Sơn, Giám đốc Sở",
                "reason": "Đã có thành tích xuất sắc trong công tác năm 2024",
                "employee_ids": [Command.set((cls.emp_a | cls.emp_b).ids)],
                "department_ids": [Command.set(cls.unit_coop.ids)],
            }
        )
        cls.decision.action_record_awards()
        # the shipped layout of the Director's certificate, moved to known positions
        cls.layout = cls.env.ref("emulation_exemplar.certificate_layout_director")
        cls.layout.company_id = cls.company
        cls.name_line = cls.layout.line_ids.filtered(lambda line: line.field == "recipient_name")
        cls.name_line.write({"x_mm": 40, "y_mm": 88, "width_mm": 217, "align": "left"})
        cls.Layout = cls.env["emulation.certificate.layout"]


@tagged("at_install", "-post_install")
class TestCertificateLayout(CertificateCase):
    def html(self, report, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_officer)
        return Report._render_qweb_html(report, records.ids)[0].decode()

    def test_positions_in_the_html(self):
        html = self.html(CERTIFICATES, self.decision)
        root = lxml_html.fromstring(html)
        pages = root.xpath("//div[contains(@class, 'o_emu_cert_page')]")
        self.assertEqual(len(pages), 3, "one page per award")
        self.assertIn("width: 297mm", pages[0].get("style"))
        names = root.xpath("//div[@data-emu-field='recipient_name']")
        self.assertEqual(
            sorted(n.text_content() for n in names),
            ["Nguyễn Văn An", "Phòng Hợp tác Quốc tế", "Trần Thị Bình"],
        )
        style = names[0].get("style")
        for part in (
            "left: 40.0mm",
            "top: 88.0mm",
            "width: 217.0mm",
            "font-size: 20.0pt",
            "text-align: left",
            "font-weight: bold",
        ):
            self.assertIn(part, style)
        numbers = root.xpath("//div[@data-emu-field='decision_number']")
        self.assertEqual({n.text_content() for n in numbers}, {"27/QĐ-SNgV"})
        signers = root.xpath("//div[@data-emu-field='signer_name']")
        self.assertEqual({n.text_content() for n in signers}, {"Thái Phúc Sơn"})
        units = {
            n.getparent()
            .xpath(".//div[@data-emu-field='recipient_name']")[0]
            .text_content(): n.text_content()
            for n in root.xpath("//div[@data-emu-field='unit']")
        }
        self.assertEqual(units["Nguyễn Văn An"], "Office–Inspectorate")
        self.assertEqual(units["Phòng Hợp tác Quốc tế"], self.company.name, "a unit's agency")
        self.assertFalse(root.xpath("//div[contains(@class, 'o_emu_cert_grid')]"), "no grid")
        # a field moved prints where it was moved to
        self.name_line.x_mm = 55.5
        self.assertIn("left: 55.5mm", self.html(CERTIFICATES, self.decision))

    def test_the_signer_falls_back_on_the_company_s(self):
        self.company.emulation_signer_name = "Nguyễn Hồng Lĩnh"
        decision = self.env["emulation.decision"].create(
            {
                "number": "28/QĐ-SNgV",
                "date": date(2024, 1, 21),
                "award_type_id": self.type_director.id,
                "year": 2023,
                "employee_ids": [Command.set(self.emp_a.ids)],
            }
        )
        decision.action_record_awards()
        root = lxml_html.fromstring(self.html(CERTIFICATES, decision))
        signers = root.xpath("//div[@data-emu-field='signer_name']")
        self.assertEqual([n.text_content() for n in signers], ["Nguyễn Hồng Lĩnh"])

    def test_the_paper_is_the_layout_s(self):
        Report = self.env["ir.actions.report"]
        args = Report.with_context(
            emulation_certificate_paper="a3_landscape"
        )._build_wkhtmltopdf_args(Report._get_report(CERTIFICATES).paperformat_id, False)
        self.assertIn("A3", args)
        self.assertEqual(float(args[args.index("--margin-top") + 1]), 0)
        # without the key (which only _render_qweb_pdf sets), the report's own paper format
        args = Report._build_wkhtmltopdf_args(
            Report._get_report("emulation_exemplar.action_report_decision").paperformat_id, False
        )
        self.assertNotIn("A3", args)
        self.assertEqual(float(args[args.index("--margin-left") + 1]), 30)
        self.layout.paper = "a3_landscape"
        self.assertEqual(
            self.env["report.emulation_exemplar.report_certificate"]._paper_key(self.decision),
            "a3_landscape",
        )
        merit = self.env.ref("emulation_exemplar.paperformat_emulation_certificate_merit")
        self.assertEqual((merit.page_width, merit.page_height, merit.margin_top), (400, 300, 0))

    def test_test_print(self):
        action = self.layout.with_user(self.user_officer).action_test_print()
        self.assertEqual(action["report_name"], "emulation_exemplar.report_certificate_test")
        html = self.html(TEST_PRINT, self.layout)
        root = lxml_html.fromstring(html)
        self.assertEqual(len(root.xpath("//div[contains(@class, 'o_emu_cert_page')]")), 1)
        self.assertEqual(
            root.xpath("//div[@data-emu-field='recipient_name']")[0].text_content(), "Nguyen Van A"
        )
        grid = root.xpath("//div[contains(@class, 'o_emu_cert_grid')]")
        self.assertEqual(len(grid), 297 // 10 + 1 + 210 // 10 + 1)
        self.assertIn("left: 150mm", html)

    def test_a_decision_without_layout(self):
        self.layout.unlink()
        with self.assertRaisesRegex(UserError, "No certificate layout for .*Certificate layouts"):
            self.decision.with_user(self.user_officer).action_print_certificates()

    def test_officers_only(self):
        for user in (self.user_manager, self.user_plain):
            with self.assertRaises(AccessError):
                self.Layout.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.layout.with_user(user).line_ids.write({"x_mm": 10})
            with self.assertRaises(AccessError):
                self.Layout.with_user(user).create({"award_type_id": self.type_flag.id})
            with self.assertRaises(AccessError):
                self.html(CERTIFICATES, self.decision, user)
            with self.assertRaises(AccessError):
                self.decision.with_user(user).action_print_certificates()
        # an officer edits and creates them
        self.name_line.with_user(self.user_officer).x_mm = 12
        layout = self.Layout.with_user(self.user_officer).create(
            {
                "award_type_id": self.type_flag.id,
                "paper": "a3_landscape",
                "line_ids": [Command.create({"field": "recipient_name", "x_mm": 300, "y_mm": 250})],
            }
        )
        self.assertEqual(layout.company_id, self.company)
        # another company's officer sees nothing of ours
        company_2 = self.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        officer_2 = self.env["res.users"].create(
            {
                "name": "Officer 2",
                "login": "emu_cert_officer_2",
                "company_id": company_2.id,
                "company_ids": [Command.set(company_2.ids)],
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("emulation_exemplar.group_emulation_officer").id,
                        ]
                    )
                ],
            }
        )
        self.assertFalse(self.Layout.with_user(officer_2).search([]))

    def test_fields_stay_on_the_paper(self):
        with self.assertRaisesRegex(ValidationError, "starts off the paper"):
            self.name_line.x_mm = 300  # A4 landscape is 297 mm wide
        self.name_line.x_mm = 250
        with self.assertRaisesRegex(ValidationError, "starts off the paper"):
            self.layout.paper = "a4_portrait"  # 210 mm wide
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Layout.create({"award_type_id": self.type_director.id})


@tagged("post_install", "-at_install")
class TestCertificatePdf(CertificateCase, HttpCase):
    def setUp(self):
        super().setUp()
        if not shutil.which("wkhtmltopdf") or not shutil.which("pdftotext"):
            self.skipTest("wkhtmltopdf or pdftotext is not installed")

    def pdf(self, report, records):
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
        )
        content, report_type = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        return content

    def page_words(self, content):
        """[(page width mm, page height mm, [(word, x mm, y mm)])] read by pdftotext -bbox."""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(content)
            handle.flush()
            out = subprocess.run(
                ["pdftotext", "-bbox", handle.name, "-"], capture_output=True, check=True, text=True
            ).stdout
        pages = []
        for page in re.findall(r"<page (.*?)</page>", out, re.S):
            width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', page)[:2])
            words = [
                (html.unescape(word), float(x) / MM, float(y) / MM)
                for x, y, word in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page
                )
            ]
            pages.append((width / MM, height / MM, words))
        return pages

    def test_one_page_per_recipient(self):
        content = self.pdf(CERTIFICATES, self.decision)
        self.assertEqual(PdfFileReader(io.BytesIO(content)).getNumPages(), 3)
        pages = self.page_words(content)
        self.assertEqual(len(pages), 3)
        names = {"Nguyễn Văn An": 0, "Trần Thị Bình": 0, "Phòng Hợp tác Quốc tế": 0}
        for width, height, words in pages:
            self.assertAlmostEqual(width, 297, delta=1)
            self.assertAlmostEqual(height, 210, delta=1)
            text = " ".join(w for w, _x, _y in words)
            self.assertFalse([w for w, _x, y in words if y < 20], "no page number")
            found = [name for name in names if name in text]
            self.assertEqual(len(found), 1, text)
            self.assertEqual(text.count(found[0]), 1)
            names[found[0]] += 1
            # the name at 40 mm from the left, its top at 88 mm (less the font's leading)
            first = next(w for w in words if w[0] == found[0].split()[0])
            self.assertAlmostEqual(first[1], 40, delta=2)
            self.assertAlmostEqual(first[2], 89, delta=3)
        self.assertEqual(set(names.values()), {1})

    def test_test_print_pdf(self):
        self.layout.paper = "a3_landscape"
        content = self.pdf(TEST_PRINT, self.layout)
        pages = self.page_words(content)
        self.assertEqual(len(pages), 1)
        width, height, words = pages[0]
        self.assertAlmostEqual(width, 420, delta=1)
        self.assertAlmostEqual(height, 297, delta=1)
        # the grid's label "100" sits 1 mm right of the line at 100 mm
        labels = [x for w, x, y in words if w == "100" and y < 10]
        self.assertTrue(labels)
        self.assertAlmostEqual(labels[0], 101, delta=2)
