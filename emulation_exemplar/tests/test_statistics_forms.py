"""The statistical report forms 0601 to 0605.N/BNV-TĐKT (Circular 02/2023/TT-BNV): every row and
column, the counts by category and method, the statistical year's bounds (30 November and
1 December), the due date, the spreadsheet carrying the paper's figures, and who may print them."""

import importlib.util
import io
import logging
from datetime import date
from pathlib import Path

import lxml.html
import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader

from ..lib.pdf import _squeeze as squeeze
from .common import EmulationCase, skip_without_wkhtmltopdf

FORM_PDF = "emulation_exemplar.action_report_statistics_form"
FORM_XLSX = "emulation_exemplar.action_report_statistics_form_xlsx"
YEAR = 2010  # 1/12/2009 to 30/11/2010: no shipped record is dated in it

# the rows of each form: their codes, top to bottom ("" for a heading)
CODES = {
    "0601": ["01", "", "02", "03", "04", "05", "", "06", "07", "08", "09", "10", "", "11", "12"],
    "0602": ["1", "", "2", "3", "", *map(str, range(6, 15)), "", *map(str, range(15, 22))],
    "0603": ["01", "", *["%02d" % n for n in range(2, 11)], "", *map(str, range(11, 18))],
    "0604": ["01", "", "02", "03", "04", "05"],
    "0605": [
        "01",
        "",
        "02",
        "03",
        "04",
        "05",
        "06",
        "07",
        "",
        "08",
        "09",
        "10",
        "11",
        "12",
        "",
        "13",
        "14",
        "15",
    ],
}
ROWS_0603 = [
    "Total",
    "1. By recipient",
    "- Collectives",
    "Of which: enterprises",
    "- Households",
    "- Individuals",
    "+ Leaders of a ministry or province and equivalent, or higher",
    "+ Leaders of a department, agency or sector and equivalent",
    "+ Business people",
    "+ Other leaders, from deputy head of division up",
    "+ People working, labouring, studying, fighting and serving the fight directly "
    "(workers, farmers...)",
    "2. By method of commendation",
    "- Regular",
    "- Thematic",
    "- Sudden",
    "- External",
    "- Contribution",
    "- Seniority",
    "- Resistance",
]


@tagged("post_install", "-at_install")
class TestStatisticsForms(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_report_lang = "en_US"
        ref = cls.env.ref
        cls.type_soldier_prov = ref("emulation_exemplar.award_type_provincial_soldier")
        cls.type_medal = ref("emulation_exemplar.award_type_commemorative_medal")
        cls.type_pm = ref("emulation_exemplar.award_type_prime_minister_merit")
        cls.type_order3 = ref("emulation_exemplar.award_type_labour_order_3")
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        # the agency: its board (a top unit) and a division under it
        cls.board = Department.create({"name": "Board of directors"})
        cls.division = Department.create({"name": "Division", "parent_id": cls.board.id})
        cls.director = Employee.create({"name": "Director", "department_id": cls.board.id})
        cls.head = Employee.create({"name": "Head of division", "department_id": cls.division.id})
        cls.board.manager_id = cls.director
        cls.division.manager_id = cls.head
        cls.chairman = Employee.create({"name": "Chairman", "department_id": cls.board.id})
        cls.trader = Employee.create({"name": "Trader", "department_id": cls.division.id})
        cls.farmer = Employee.create({"name": "Farmer", "department_id": cls.division.id})
        cls.household = Department.create({"name": "Household of Mr Hòa"})

        def award(recipient, award_type, day, **vals):
            return cls.award(recipient, award_type, day.year, decision_date=day, **vals)

        day = date(YEAR, 3, 2)
        cls.awards = [
            # 0603, certificate of merit (7): two collectives (one an enterprise), a household,
            # the director, the head of division, a business person, a farmer (resistance)
            award(cls.unit_office, cls.type_prov, day),
            award(cls.unit_consular, cls.type_prov, day, recipient_category="enterprise"),
            award(cls.household, cls.type_prov, day, recipient_category="household"),
            award(
                cls.director,
                cls.type_prov,
                day,
                method="thematic",
                recipient_category="leader_department",
            ),
            award(cls.head, cls.type_prov, day),
            award(cls.trader, cls.type_prov, day, recipient_category="business"),
            award(cls.farmer, cls.type_prov, day, recipient_category="worker", method="resistance"),
            # 0603, emulation soldier (1, sudden), flag (1), commemorative medal (2: a leader of
            # the province set by hand, contribution; another person, on the last day)
            award(cls.emp_a, cls.type_soldier_prov, day, method="sudden"),
            award(cls.unit_office, cls.type_flag, day),
            award(
                cls.chairman,
                cls.type_medal,
                day,
                recipient_category="leader_central",
                method="contribution",
            ),
            award(cls.emp_b, cls.type_medal, date(YEAR, 11, 30)),
            # 0602: the Prime Minister's certificate of merit to a person and a unit, the
            # labour order to a unit (external)
            award(cls.emp_a, cls.type_pm, day, decision_number="1/QĐ-TTg"),
            award(cls.unit_office, cls.type_pm, day, decision_number="1/QĐ-TTg"),
            award(cls.unit_consular, cls.type_order3, day, method="external"),
            # in no form: a grassroots title
            award(cls.emp_b, cls.type_soldier, day),
            # outside the year: the day before it starts, the day after it ends
            award(cls.emp_a, cls.type_medal, date(YEAR - 1, 11, 30)),
            award(cls.farmer, cls.type_medal, date(YEAR, 12, 1)),
        ]
        cls.Wizard = cls.env["emulation.award.statistics.wizard"].with_user(cls.user_officer)

    def wizard(self, form, year=YEAR, user=None):
        Wizard = self.Wizard.with_user(user) if user else self.Wizard
        return Wizard.create({"form": form, "year": year})

    def form(self, key, year=YEAR):
        wizard = self.wizard(key, year)
        Report = self.env["report.emulation_exemplar.report_statistics_form"]
        values = Report.with_user(self.user_officer)._get_report_values(wizard.ids)
        return values["forms"][wizard.id]

    def figures(self, form):
        return {row["code"]: row["values"] for row in form["rows"] if row["code"]}

    # ------------------------------------------------------------------ the records
    def test_recipient_categories_of_leaders(self):
        by_employee = {a.employee_id: a for a in self.awards[:7] if a.employee_id}
        # a key cadre is another leader until an officer sets which leader
        self.assertEqual(by_employee[self.head].recipient_category, "leader")
        # set by hand, kept
        self.assertEqual(self.awards[9].recipient_category, "leader_central")
        self.assertEqual(by_employee[self.director].recipient_category, "leader_department")
        # set by hand on a key cadre, kept when the recipient changes to another key cadre
        award = self.award(self.head, self.type_medal, YEAR, recipient_category="leader_central")
        award.employee_id = self.director
        self.assertEqual(award.recipient_category, "leader_central")
        # a key cadre's award without a leader's category is another leader's
        award.recipient_category = "business"
        award.employee_id = self.head
        self.assertEqual(award.recipient_category, "leader")
        self.assertEqual(self.type_prov.statistics_column, "merit")
        self.assertEqual(self.type_pm.statistics_column, "pm_merit")
        self.assertFalse(self.type_soldier.statistics_column)

    def test_period_and_due_date(self):
        wizard = self.wizard("0603")
        self.assertEqual(wizard.date_from, date(YEAR - 1, 12, 1))
        self.assertEqual(wizard.date_to, date(YEAR, 11, 30))
        self.assertEqual(wizard.due_date, date(YEAR, 12, 15))

    # ------------------------------------------------------------------ every row and column
    def test_every_row_and_column(self):
        for key, codes in CODES.items():
            with self.subTest(form=key):
                form = self.form(key)
                self.assertEqual([row["code"] for row in form["rows"]], codes)
                for row in form["rows"]:
                    if row["code"]:
                        self.assertEqual(len(row["values"]), form["width"], row["label"])
        form = self.form("0603")
        self.assertEqual([row["label"] for row in form["rows"]], ROWS_0603)
        self.assertEqual(
            [cell["label"] for cell in form["head"][1]],
            [
                "Certificate of merit",
                "Emulation soldier of a ministry or province",
                "Emulation flag of a ministry, sector, central mass organisation, province or "
                "centrally-run city",
                "Badge (commemorative medal) of a ministry, sector, central mass organisation, "
                "province or centrally-run city",
            ],
        )
        self.assertEqual([c["label"] for c in form["numbers"]], ["1", "2", "3", "4", "5"])
        # 0602: the total, then per order (each one's collectives and individuals), the prizes,
        # the honorary titles, the flag, the Prime Minister's certificate (collectives,
        # individuals), the national soldier, the other forms
        form = self.form("0602")
        self.assertEqual([c["label"] for c in form["numbers"]], [str(n) for n in range(1, 10)])
        top = [cell["label"] for cell in form["head"][1]]
        self.assertEqual(
            top,
            [
                "Orders and medals",
                "Ho Chi Minh Prize",
                "State Prize",
                "Honorary titles of the State",
                "Emulation flag of the Government",
                "Certificate of merit of the Prime Minister",
                "National emulation soldier",
                "Other forms of commendation",
            ],
        )
        orders = self.env["emulation.award.type"].search([("statistics_column", "=", "order")])
        self.assertEqual(form["head"][0][1]["colspan"], form["width"] - 1)
        self.assertEqual(form["head"][1][0]["colspan"], 2 * len(orders))
        self.assertEqual(
            [row["label"] for row in self.form("0601")["rows"]][-2:],
            ["- Thematic emulation", "- Regular yearly emulation"],
        )

    # ------------------------------------------------------------------ counts
    def test_form_0603_counts(self):
        figures = self.figures(self.form("0603"))
        # total | certificate of merit | soldier | flag | badge
        self.assertEqual(figures["01"], [11, 7, 1, 1, 2])
        self.assertEqual(figures["02"], [3, 2, 0, 1, 0])  # collectives
        self.assertEqual(figures["03"], [1, 1, 0, 0, 0])  # of which enterprises
        self.assertEqual(figures["04"], [1, 1, 0, 0, 0])  # households
        self.assertEqual(figures["05"], [7, 4, 1, 0, 2])  # individuals
        self.assertEqual(figures["06"], [1, 0, 0, 0, 1])  # leaders of a province
        self.assertEqual(figures["07"], [1, 1, 0, 0, 0])  # leaders of a department
        self.assertEqual(figures["08"], [1, 1, 0, 0, 0])  # business people
        self.assertEqual(figures["09"], [1, 1, 0, 0, 0])  # other leaders
        self.assertEqual(figures["10"], [1, 1, 0, 0, 0])  # front-line workers
        self.assertEqual(figures["11"], [7, 5, 0, 1, 1])  # regular
        self.assertEqual(figures["12"], [1, 1, 0, 0, 0])  # thematic
        self.assertEqual(figures["13"], [1, 0, 1, 0, 0])  # sudden
        self.assertEqual(figures["14"], [0, 0, 0, 0, 0])  # external
        self.assertEqual(figures["15"], [1, 0, 0, 0, 1])  # contribution
        self.assertEqual(figures["16"], [0, 0, 0, 0, 0])  # seniority
        self.assertEqual(figures["17"], [1, 1, 0, 0, 0])  # resistance

    def test_form_0602_counts(self):
        form = self.form("0602")
        figures = self.figures(form)
        labels = [
            (leaf_path, value)
            for leaf_path, value in zip(self.leaf_paths(form), figures["1"], strict=True)
            if value
        ]
        self.assertEqual(
            labels,
            [
                ("Total", 3),
                ("Labour Order, third class / Collective", 1),
                ("Certificate of merit of the Prime Minister / Collective", 1),
                ("Certificate of merit of the Prime Minister / Individual", 1),
            ],
        )
        self.assertEqual(figures["3"], figures["1"])  # submitted by the province
        self.assertEqual(set(figures["2"]), {0})
        self.assertEqual(figures["6"][0], 2)  # collectives
        self.assertEqual(figures["9"][0], 1)  # individuals
        self.assertEqual(figures["18"][0], 1)  # external

    def leaf_paths(self, form):
        """Each column's label, after its group's when it has one (the award type of an order,
        the Prime Minister's certificate)."""
        paths = []

        def walk(nodes, parent):
            for node in nodes:
                if node.get("children"):
                    walk(node["children"], node["label"])
                elif parent in (None, "Divided into"):
                    paths.append(node["label"])
                else:
                    paths.append("%s / %s" % (parent, node["label"]))

        walk(form["columns"], None)
        return paths

    def test_statistical_year_bounds(self):
        # 30 November counts in its year; 1 December in the next
        total = lambda year: self.figures(self.form("0603", year))["01"][0]  # noqa: E731
        self.assertEqual(total(YEAR), 11)
        self.assertEqual(total(YEAR + 1), 1)  # the award of 1/12/2010
        self.assertEqual(total(YEAR - 1), 1)  # the award of 30/11/2009
        self.award(self.emp_b, self.type_medal, YEAR, decision_date=date(YEAR, 12, 1))
        self.assertEqual(total(YEAR), 11)
        self.assertEqual(total(YEAR + 1), 2)

    def test_form_0601_movements(self):
        Campaign = self.env["emulation.campaign"]
        common = {"department_id": self.unit_office.id}
        Campaign.create(
            [
                # five years, thematic, launched in the year
                dict(
                    common,
                    name="A",
                    issue_date=date(YEAR, 3, 24),
                    year_from=YEAR,
                    year_to=YEAR + 4,
                    state="running",
                ),
                # one year, regular, launched on the first day
                dict(
                    common,
                    name="B",
                    issue_date=date(YEAR - 1, 12, 1),
                    year_from=YEAR,
                    year_to=YEAR,
                    organisation="regular",
                    state="closed",
                ),
                # two years, thematic, launched on the last day
                dict(
                    common,
                    name="C",
                    issue_date=date(YEAR, 11, 30),
                    year_from=YEAR,
                    year_to=YEAR + 1,
                    state="running",
                ),
                # not launched yet, or launched the year after: not counted
                dict(
                    common,
                    name="D",
                    issue_date=date(YEAR, 5, 1),
                    year_from=YEAR,
                    year_to=YEAR,
                    state="draft",
                ),
                dict(
                    common,
                    name="E",
                    issue_date=date(YEAR, 12, 1),
                    year_from=YEAR + 1,
                    year_to=YEAR + 1,
                    state="running",
                ),
            ]
        )
        figures = self.figures(self.form("0601"))
        # total | central | ministry or province | agency
        self.assertEqual(figures["01"], [3, 0, 0, 3])
        self.assertEqual(figures["05"], [3, 0, 0, 3])
        self.assertEqual(figures["02"], [0, 0, 0, 0])
        self.assertEqual(figures["07"], [1, 0, 0, 1])  # one year
        self.assertEqual(figures["08"], [1, 0, 0, 1])  # from one to under three
        self.assertEqual(figures["10"], [1, 0, 0, 1])  # five or more
        self.assertEqual(figures["11"], [2, 0, 0, 2])  # thematic
        self.assertEqual(figures["12"], [1, 0, 0, 1])  # regular

    def test_form_0605_staff(self):
        # the officer without HR rights: the people's private data stay blank
        figures = self.figures(self.form("0605"))
        self.assertEqual(figures["01"], [None, None])
        self.assertEqual(figures["11"], [None, None])
        self.user_officer.groups_id |= self.env.ref("hr.group_hr_user")
        before = self.figures(self.form("0605"))
        self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "gender": "female",
                "birthday": date(1980, 12, 1),  # 29 on 30/11/2010
                "certificate": "master",
            }
        )
        # someone who is no officer does not count
        self.env["hr.employee"].create(
            {"name": "Clerk", "user_id": self.user_plain.id, "birthday": date(1980, 1, 1)}
        )
        after = self.figures(self.form("0605"))
        added = {
            code: [
                None if b is None else a - b for a, b in zip(after[code], before[code], strict=True)
            ]
            for code in after
        }
        self.assertEqual(added["01"], [1, 1])
        self.assertEqual(added["02"], [1, 1])  # 30 or under
        self.assertEqual(added["03"], [0, 0])  # 31 to 40
        self.assertEqual(added["11"], [0, 0])  # university
        self.assertEqual(added["12"], [1, 1])  # postgraduate
        self.assertEqual(after["08"], [None, None])  # elementary: not recorded
        self.assertEqual(after["13"], [None, None])  # seniority: by hand

    # ------------------------------------------------------------------ paper and spreadsheet
    def render(self, report, wizard, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_officer)
        html, _kind = Report._render_qweb_html(report, wizard.ids)
        return html.decode()

    def test_printed_form(self):
        html = self.render(FORM_PDF, self.wizard("0603"))
        self.assertIn("Form No. 0603.N/BNV-TĐKT", html)
        self.assertIn("Issued with Circular No. 02/2023/TT-BNV of 23/3/2023", html)
        self.assertIn("Report due: 15/12/2010", html)
        self.assertIn("Statistical year 2010", html)
        self.assertIn("(from 01/12/2009 until 30/11/2010)", html)
        for label in ROWS_0603:
            self.assertIn(label.replace("'", "&#39;"), html)
        for key in CODES:
            with self.subTest(form=key):
                html = self.render(FORM_PDF, self.wizard(key))
                self.assertIn("Form No. %s.N/BNV-TĐKT" % key, html)

    def xlsx_grid(self, wizard, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_officer)
        content, kind = Report._render_xlsx(FORM_XLSX, wizard.ids, None)
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        return book.worksheets[0]

    def paper_grid(self, wizard, has_unit):
        """{code: (label, figures)} of the rows the paper prints (a blank cell: None)."""
        html = lxml.html.fromstring(self.render(FORM_PDF, wizard))
        first = 3 if has_unit else 2
        grid = {}
        for tr in html.xpath("//table[contains(@class, 'o_emu_statistics_form')]/tbody/tr"):
            cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
            if cells[1]:
                grid[cells[1]] = (cells[0], [int(c) if c else None for c in cells[first:]])
        return grid

    def sheet_grid(self, wizard, has_unit, width):
        """{code: (label, figures)} of the rows of the spreadsheet."""
        sheet = self.xlsx_grid(wizard)
        first = 3 if has_unit else 2
        grid = {}
        for row in sheet.iter_rows(values_only=True):
            if isinstance(row[0], str) and row[1] not in (None, "B"):
                grid[row[1]] = (row[0], list(row[first : first + width]))
        return grid, sheet

    def test_spreadsheet_has_the_paper_figures(self):
        for key in CODES:
            with self.subTest(form=key):
                wizard = self.wizard(key)
                form = self.form(key)
                paper = self.paper_grid(wizard, form["has_unit"])
                sheet, book = self.sheet_grid(wizard, form["has_unit"], form["width"])
                # every row of the form, in both, with the same figures
                self.assertEqual(len(paper), len([r for r in form["rows"] if r["code"]]))
                self.assertEqual(sheet, paper)
                self.assertEqual(book.cell(1, 1).value, "Form No. %s" % form["number"])
                self.assertEqual(book.cell(3, 1).value, "Report due: 15/12/2010")
        # not only zeros: the certificates of merit of form 0603
        paper = self.paper_grid(self.wizard("0603"), True)
        self.assertEqual(paper["01"], ("Total", [11, 7, 1, 1, 2]))

    def test_summary_has_no_spreadsheet(self):
        summary = self.wizard("summary")
        with self.assertRaises(UserError):
            summary.action_print_xlsx()
        # nor a form's paper, whatever the URL asks
        with self.assertRaises(UserError):
            self.render(FORM_PDF, summary)
        with self.assertRaises(UserError):
            self.xlsx_grid(summary)
        action = self.wizard("0603").action_print_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        action = self.wizard("0603").action_print()
        self.assertEqual(action["report_name"], "emulation_exemplar.report_statistics_form")

    def test_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Another department"})
        with self.assertRaises(ValidationError):
            self.Wizard.create({"form": "0603", "year": YEAR, "company_id": other.id})

    def test_officers_only(self):
        wizard = self.wizard("0603")
        hr_user = new_test_user(self.env, "emu_stats_hr", groups="base.group_user,hr.group_hr_user")
        for user in (self.user_manager, self.user_plain, hr_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.render(FORM_PDF, wizard, user=user)
                with self.assertRaises(AccessError):
                    self.xlsx_grid(wizard, user=user)
                with self.assertRaises(AccessError):
                    self.env["report.emulation_exemplar.report_statistics_form_xlsx"].with_user(
                        user
                    )._xlsx_forms(wizard.with_user(user))

    # ------------------------------------------------------------------ the upgrade
    def test_upgrade_counts_the_leaders_to_review(self):
        path = Path(__file__).parents[1] / "migrations/18.0.3.0.0/post-stats.py"
        spec = importlib.util.spec_from_file_location("post_stats", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        self.env.flush_all()
        leaders = self.env["emulation.award"].search_count([("recipient_category", "=", "leader")])
        self.assertEqual(leaders, 1)  # the head of division
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.INFO) as logs:
            self.assertEqual(script.count_leaders(self.env), 1)
        self.assertIn("1 awards are counted as other leaders", logs.output[0])


@tagged("post_install", "-at_install")
class TestStatisticsFormsPdf(EmulationCase, HttpCase):
    """The widest form as wkhtmltopdf prints it: landscape, every row, signed."""

    def setUp(self):
        super().setUp()
        skip_without_wkhtmltopdf(self)

    def test_form_0602_pdf(self):
        self.company.write({"emulation_report_lang": "en_US", "emulation_signer_name": "Signer"})
        wizard = (
            self.env["emulation.award.statistics.wizard"]
            .with_user(self.user_officer)
            .create({"form": "0602", "year": YEAR})
        )
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
        )
        content, kind = Report._render_qweb_pdf(FORM_PDF, wizard.ids)
        self.assertEqual(kind, "pdf")
        reader = PdfFileReader(io.BytesIO(content))
        box = reader.getPage(0).mediaBox
        self.assertGreater(float(box.getWidth()), float(box.getHeight()), "landscape")
        text = squeeze(
            "".join(reader.getPage(i).extractText() for i in range(reader.getNumPages()))
        )
        for label in ("0602.N/BNV-TĐKT", "Report due: 15/12/2010", "- Resistance", "Signer"):
            self.assertIn(squeeze(label), text)
        # the signature never stands alone: the last rows are on its page
        last = squeeze(reader.getPage(reader.getNumPages() - 1).extractText())
        self.assertIn(squeeze("Signer"), last)
        self.assertIn(squeeze("- Resistance"), last)
        self.assertIn(squeeze("- Seniority"), last)
