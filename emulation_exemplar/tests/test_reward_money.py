"""The reward money of the awards (Decree 152/2025/NĐ-CP, arts. 50–54): the coefficient of the
award type for the recipient times the base salary in force on the decision's date, rounded up to
the ten thousand đồng, fixed when the award is recorded; the base salaries that only the
administrators edit; the decision paper's article and total; the payment list (Excel); the
upgrade that fills the existing awards."""

import importlib.util
import io
import itertools
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import EmulationCase, skip_without_wkhtmltopdf
from .migration import run_migrations

DECISION = "emulation_exemplar.action_report_decision"
PAYMENT_DECISION = "emulation_exemplar.action_report_payment_list_decision"
PAYMENT_AWARDS = "emulation_exemplar.action_report_payment_list_award"
PAYMENT_PDF = "emulation_exemplar.action_report_payment_list_pdf"
MIGRATION = "emulation_exemplar/migrations/18.0.3.0.0/post-award_amount.py"


def load_migration():
    spec = importlib.util.spec_from_file_location("post_award_amount", file_path(MIGRATION))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def xlsx_rows(content):
    """The rows of the first sheet of an xlsx file, as lists of cell values (openpyxl when
    installed, else the sheet's XML read with zipfile)."""
    try:
        import openpyxl  # noqa: PLC0415
    except ImportError:
        openpyxl = None
    if openpyxl:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        rows = [
            [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
        ]
        return [row for row in rows if row]
    from lxml import etree  # noqa: PLC0415

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        strings = [
            "".join(si.itertext())
            for si in etree.fromstring(book.read("xl/sharedStrings.xml")).iterfind("m:si", ns)
        ]
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind(".//m:row", ns):
        values = []
        for cell in row.iterfind("m:c", ns):
            value = cell.findtext("m:v", namespaces=ns)
            if value is None:
                continue
            values.append(strings[int(value)] if cell.get("t") == "s" else float(value))
        if values:
            rows.append(values)
    return rows


@tagged("at_install", "-post_install")
class TestRewardMoney(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_report_lang = "en_US"
        cls.Salary = cls.env["emulation.base.salary"]
        cls.salary_2024 = cls.env.ref("emulation_exemplar.base_salary_2024_07")
        cls.type_worker = cls.env.ref("emulation_exemplar.award_type_advanced_worker")
        cls.type_advanced_unit = cls.env.ref("emulation_exemplar.award_type_advanced_collective")
        cls.type_medal = cls.env.ref("emulation_exemplar.award_type_commemorative_medal")
        cls.Decision = cls.env["emulation.decision"].with_user(cls.user_officer)
        cls.numbers = itertools.count(100)

    def decide(self, award_type, when, people=(), units=(), number=None, year=2025):
        decision = self.Decision.create(
            {
                "number": number or "%s/QĐ-SNgV" % next(self.numbers),
                "date": when,
                "award_type_id": award_type.id,
                "year": year,
                "employee_ids": [Command.set([p.id for p in people])],
                "department_ids": [Command.set([u.id for u in units])],
            }
        )
        decision.action_record_awards()
        return decision

    # ------------------------------------------------------------------ the data shipped
    def test_shipped_base_salary_and_coefficients(self):
        self.assertEqual(self.salary_2024.date_from, date(2024, 7, 1))
        self.assertEqual(self.salary_2024.amount, 2340000)
        self.assertEqual(self.salary_2024.rounding, 10000)
        expected = {
            "advanced_worker": (0.3, 0.0),
            "grassroots_soldier": (1.0, 0.0),
            "provincial_soldier": (3.0, 0.0),
            "national_soldier": (4.5, 0.0),
            "advanced_collective": (0.0, 0.8),
            "excellent_collective": (0.0, 1.5),
            "provincial_flag": (0.0, 8.0),
            "provincial_merit": (1.5, 3.0),
            "certificate_of_commendation": (0.3, 0.6),
        }
        for name, coefficients in expected.items():
            award_type = self.env.ref("emulation_exemplar.award_type_" + name)
            self.assertEqual(
                (award_type.coefficient_individual, award_type.coefficient_collective),
                coefficients,
                name,
            )
            self.assertTrue(award_type.coefficient_date_from, name)
            self.assertIn("152/2025", award_type.reward_basis, name)
        # a commemorative medal's reward is a ceiling ("không quá"), not a coefficient: none
        self.assertFalse(self.type_medal.coefficient_individual)

    # ------------------------------------------------------------------ the amount
    def test_amount_at_a_base_salary_change(self):
        """A decision the day before the new base salary takes the old one; the day of, the
        new one."""
        self.Salary.with_user(self.user_admin).create(
            {"date_from": date(2026, 7, 1), "amount": 2530000, "legal_basis": "test"}
        )
        before = self.decide(self.type_soldier, date(2026, 6, 30), people=[self.emp_a])
        on = self.decide(self.type_soldier, date(2026, 7, 1), people=[self.emp_b])
        self.assertEqual(before.award_ids.amount, 2340000)
        self.assertEqual(before.award_ids.base_salary, 2340000)
        self.assertEqual(on.award_ids.amount, 2530000)
        self.assertEqual(on.award_ids.base_salary, 2530000)
        self.assertEqual(on.award_ids.reward_coefficient, 1.0)
        # LĐTT: 0.3 × 2,530,000 = 759,000, rounded up to 760,000
        worker = self.decide(self.type_worker, date(2026, 7, 1), people=[self.emp_a])
        self.assertEqual(worker.award_ids.amount, 760000)

    def test_rounded_up_to_the_ten_thousand(self):
        # 0.3 × 2,340,000 = 702,000 -> 710,000; 0.8 × 2,340,000 = 1,872,000 -> 1,880,000
        worker = self.decide(self.type_worker, date(2025, 12, 1), people=[self.emp_a, self.emp_b])
        self.assertEqual(worker.award_ids.mapped("amount"), [710000, 710000])
        self.assertEqual(worker.amount_total, 1420000)
        unit = self.decide(self.type_advanced_unit, date(2025, 12, 2), units=[self.unit_office])
        self.assertEqual(unit.award_ids.amount, 1880000)
        self.assertIn("710", worker.award_ids[0].amount_note)

    def test_individual_and_collective_coefficients(self):
        decision = self.decide(
            self.type_prov, date(2025, 12, 3), people=[self.emp_a], units=[self.unit_consular]
        )
        person = decision.award_ids.filtered("employee_id")
        unit = decision.award_ids.filtered("department_id")
        self.assertEqual((person.reward_coefficient, person.amount), (1.5, 3510000))
        self.assertEqual((unit.reward_coefficient, unit.amount), (3.0, 7020000))
        self.assertEqual(decision.amount_total, 10530000)
        # before Decree 152/2025 (01/07/2025), the type's coefficients do not apply: no amount,
        # and the award says why
        old = self.award(
            self.emp_b,
            self.type_prov,
            2024,
            decision_number="9/QĐ-UBND",
            decision_date=date(2025, 6, 30),
        )
        self.assertFalse(old.amount)
        self.assertIn("01/07/2025", old.with_user(self.user_officer).amount_note)

    def test_the_amount_stays_when_the_base_salary_is_edited(self):
        decision = self.decide(self.type_soldier, date(2025, 12, 4), people=[self.emp_a])
        award = decision.award_ids
        self.assertEqual(award.amount, 2340000)
        self.salary_2024.with_user(self.user_admin).write({"amount": 3000000})
        award.invalidate_recordset()
        self.assertEqual(award.amount, 2340000)
        self.assertEqual(award.base_salary, 2340000)
        self.assertEqual(decision.amount_total, 2340000)
        # "Fix the reward" never changes a fixed amount
        award.with_user(self.user_officer).action_fix_amounts()
        self.assertEqual(award.amount, 2340000)
        # a new award takes the corrected base salary
        later = self.decide(self.type_soldier, date(2025, 12, 5), people=[self.emp_b])
        self.assertEqual(later.award_ids.amount, 3000000)

    def test_no_base_salary_in_force(self):
        """Recording a decision refuses a date without a base salary, naming it; an award
        entered by hand is kept without amount, and fixed once the base salary exists."""
        with self.assertRefused(UserError, r"No base salary is in force on 01/03/2024"):
            self.decide(self.type_worker, date(2024, 3, 1), people=[self.emp_a], year=2023)
        award = self.award(
            self.emp_a,
            self.type_worker,
            2023,
            decision_number="3/QĐ-SNgV",
            decision_date=date(2024, 3, 1),
        )
        self.assertFalse(award.amount)
        self.assertIn("no base salary is in force on 01/03/2024", award.amount_note)
        self.assertIn(award, self.env["emulation.award"].search([("amount", "=", False)]))
        self.Salary.with_user(self.user_admin).create(
            {"date_from": date(2023, 7, 1), "amount": 1800000}
        )
        award.with_user(self.user_officer).action_fix_amounts()
        # 0.3 × 1,800,000 = 540,000
        self.assertEqual(award.amount, 540000)
        # an award type without coefficient: no amount, no refusal
        medal = self.award(
            self.emp_b,
            self.type_medal,
            2025,
            decision_number="4/QĐ",
            decision_date=date(2025, 9, 1),
        )
        self.assertFalse(medal.amount)
        self.assertIn("no reward coefficient", medal.amount_note)

    # ------------------------------------------------------------------ who writes what
    def test_only_administrators_edit_base_salaries(self):
        for user in (self.user_officer, self.user_manager, self.user_plain):
            Salary = self.Salary.with_user(user)
            self.assertEqual(Salary.search([("id", "=", self.salary_2024.id)]), self.salary_2024)
            with self.assertRaises(AccessError):
                Salary.create({"date_from": date(2027, 1, 1), "amount": 2600000})
            with self.assertRaises(AccessError):
                self.salary_2024.with_user(user).write({"amount": 1})
            with self.assertRaises(AccessError):
                self.salary_2024.with_user(user).unlink()
        admin = self.Salary.with_user(self.user_admin)
        salary = admin.create({"date_from": date(2027, 1, 1), "amount": 2600000})
        with mute_logger("odoo.sql_db"), self.assertRefused(Exception, "date_from_uniq"):
            admin.create({"date_from": date(2027, 1, 1), "amount": 2700000})
        with self.assertRefused(Exception, "positive amount"):
            salary.write({"amount": 0})

    def test_the_amount_is_not_written_by_hand(self):
        decision = self.decide(self.type_soldier, date(2025, 12, 6), people=[self.emp_a])
        award = decision.award_ids.with_user(self.user_officer)
        for vals in ({"amount": 99000000}, {"base_salary": 1}, {"reward_coefficient": 9}):
            with self.assertRefused(UserError, "fixed when it is recorded"):
                award.write(vals)
        with self.assertRefused(UserError, "fixed when it is recorded"):
            self.env["emulation.award"].with_user(self.user_officer).create(
                {
                    "award_type_id": self.type_soldier.id,
                    "year": 2025,
                    "recipient_type": "individual",
                    "employee_id": self.emp_b.id,
                    "decision_number": "5/QĐ-SNgV",
                    "decision_date": date(2025, 12, 6),
                    "amount": 99000000,
                }
            )
        self.assertEqual(award.amount, 2340000)
        # nor through the context's defaults: an award without reward (no base salary before
        # 2024-07-01) stays without one, whatever default the caller sends
        sent = (
            self.env["emulation.award"]
            .with_user(self.user_officer)
            .with_context(
                default_amount=99000000, default_base_salary=1, default_reward_coefficient=9
            )
        )
        for decided in (date(2025, 12, 6), date(2020, 1, 15)):
            forged = sent.create(
                {
                    "award_type_id": self.type_soldier.id,
                    "year": decided.year,
                    "recipient_type": "individual",
                    "employee_id": self.emp_b.id,
                    "decision_number": "6/QĐ-SNgV-%s" % decided.year,
                    "decision_date": decided,
                }
            )
            self.assertNotEqual(forged.amount, 99000000, decided)
            self.assertNotEqual(forged.base_salary, 1, decided)
            self.assertNotEqual(forged.reward_coefficient, 9, decided)
        # a plain user reads the amount of an award but cannot fix one
        self.assertEqual(award.with_user(self.user_plain).amount, 2340000)
        with self.assertRaises(AccessError):
            award.with_user(self.user_plain).action_fix_amounts()

    def test_summed_by_year_title_and_unit(self):
        self.decide(self.type_soldier, date(2025, 12, 7), people=[self.emp_a, self.emp_b])
        self.decide(self.type_prov, date(2025, 12, 8), people=[self.emp_a])
        groups = self.env["emulation.award"]._read_group(
            [("employee_id", "in", (self.emp_a | self.emp_b).ids)],
            ["year", "award_type_id", "unit_id"],
            ["amount:sum"],
        )
        sums = {(year, t, unit): total for year, t, unit, total in groups}
        self.assertEqual(sums[(2025, self.type_soldier, self.unit_office)], 2340000)
        self.assertEqual(sums[(2025, self.type_soldier, self.unit_consular)], 2340000)
        self.assertEqual(sums[(2025, self.type_prov, self.unit_office)], 3510000)
        view = self.env.ref("emulation_exemplar.emulation_award_reward_view_pivot")
        self.assertIn('name="amount" type="measure"', view.arch_db)

    # ------------------------------------------------------------------ papers
    def test_decision_paper_prints_the_total(self):
        decision = self.decide(
            self.type_prov, date(2025, 12, 9), people=[self.emp_a], units=[self.unit_consular]
        )
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        html = Report._render_qweb_html(DECISION, decision.ids)[0].decode()
        self.assertIn("Decree No. 152/2025/NĐ-CP", html)
        self.assertIn("1.5 times the base salary for each individual", html)
        self.assertIn("3 times the base salary for each collective", html)
        self.assertIn("10,530,000", html)
        self.assertIn("3,510,000", html)
        self.assertIn("7,020,000", html)
        self.assertIn("Article 4.", html)
        self.assertIn("As in Article 4;", html)
        # a draft prints what the rewards will be; a decision without money keeps 3 articles
        draft = self.Decision.create(
            {
                "number": "77/QĐ-SNgV",
                "date": date(2025, 12, 10),
                "award_type_id": self.type_worker.id,
                "year": 2025,
                "employee_ids": [Command.set([self.emp_b.id])],
            }
        )
        self.assertEqual(draft.amount_total, 710000)
        self.assertIn("710,000", Report._render_qweb_html(DECISION, draft.ids)[0].decode())
        medal = self.Decision.create(
            {
                "number": "78/QĐ-SNgV",
                "date": date(2025, 12, 10),
                "award_type_id": self.type_medal.id,
                "year": 2025,
                "employee_ids": [Command.set([self.emp_b.id])],
            }
        )
        html = Report._render_qweb_html(DECISION, medal.ids)[0].decode()
        # no article on the money (the bases still cite Decree 152/2025, issue 25)
        self.assertNotIn("o_emu_money", html)
        self.assertNotIn("The reward money follows", html)
        self.assertNotIn("Article 4.", html)
        self.assertIn("As in Article 3;", html)

    def test_payment_list(self):
        decision = self.decide(
            self.type_prov,
            date(2025, 12, 11),
            people=[self.emp_a],
            units=[self.unit_consular],
            number="88/QĐ-UBND",
        )
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        content, kind = Report._render_xlsx(PAYMENT_DECISION, decision.ids, None)
        self.assertEqual(kind, "xlsx")
        rows = xlsx_rows(content)
        self.assertEqual(rows[0], ["PAYMENT LIST OF THE REWARD MONEY"])
        self.assertIn("152/2025/NĐ-CP", rows[1][0])
        self.assertEqual(
            rows[2],
            ["No.", "Full name or collective", "Unit", "Award", "Decision", "Amount (đồng)"],
        )
        body = {row[1]: row for row in rows[3:-1]}
        self.assertEqual(len(body), 2)
        self.assertEqual(sorted(row[0] for row in body.values()), [1, 2])
        self.assertEqual(
            body[self.emp_a.name][1:],
            [
                self.emp_a.name,
                "Office–Inspectorate",
                self.type_prov.name,
                "88/QĐ-UBND of 11/12/2025",
                3510000,
            ],
        )
        self.assertEqual(body["Consular Affairs"][-1], 7020000)
        self.assertEqual(rows[-1], ["Total", 10530000])
        # from awards selected in a list: only those; an archived award is not paid
        award = decision.award_ids.filtered("employee_id")
        content, _kind = Report._render_xlsx(PAYMENT_AWARDS, award.ids, None)
        rows = xlsx_rows(content)
        self.assertEqual(len(rows), 5)
        self.assertEqual(rows[-1], ["Total", 3510000])
        # the same list as a paper: its rows, the total, the decision it is attached to
        html = Report._render_qweb_html(PAYMENT_PDF, decision.ids)[0].decode()
        self.assertIn("PAYMENT LIST OF THE REWARD MONEY", html)
        self.assertIn("(Attached to Decision number 88/QĐ-UBND of", html)
        for text in (self.emp_a.name, "Consular Affairs", "3,510,000", "7,020,000", "10,530,000"):
            self.assertIn(text, html)
        # for the officers only, whichever way it is called
        for user in (self.user_plain, self.user_manager):
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    PAYMENT_PDF, decision.ids
                )
            with self.assertRaises(AccessError):
                self.env["ir.actions.report"].with_user(user)._render_xlsx(
                    PAYMENT_DECISION, decision.ids, None
                )
            with self.assertRaises(AccessError):
                self.env["report.emulation_exemplar.report_payment_list"].with_user(
                    user
                ).generate_xlsx_report(None, None, decision.with_user(user))

    # ------------------------------------------------------------------ the upgrade
    def test_upgrade_fills_the_amounts(self):
        """18.0.3.0.0 gives the shipped types their coefficients (noupdate data) and fills the
        amounts of the existing awards from their decision dates; it warns of the others."""
        filled = self.award(
            self.emp_a,
            self.type_soldier,
            2025,
            decision_number="1/QĐ",
            decision_date=date(2025, 3, 1),
        )
        no_salary = self.award(
            self.emp_b,
            self.type_soldier,
            2023,
            decision_number="2/QĐ",
            decision_date=date(2024, 2, 1),
        )
        no_date = self.award(self.emp_a, self.type_worker, 2022)
        no_coefficient = self.award(
            self.emp_b,
            self.type_medal,
            2025,
            decision_number="3/QĐ",
            decision_date=date(2025, 9, 1),
        )
        # the database as 18.0.2.1.0 left it: no amounts, no coefficients
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE emulation_award "
            "SET amount = NULL, base_salary = NULL, reward_coefficient = NULL"
        )
        self.env.cr.execute(
            "UPDATE emulation_award_type SET coefficient_individual = 0, "
            "coefficient_collective = 0, coefficient_date_from = NULL, reward_basis = NULL "
            "WHERE id = %s",
            [self.type_soldier.id],
        )
        self.type_prov.coefficient_individual = 2.0  # an administrator's own value stays
        self.env.invalidate_all()
        self.assertFalse(filled.amount)
        migration = load_migration()
        with (
            self.assertNoLogs("OpenUpgrade", "ERROR"),
            self.assertLogs(migration._logger, "WARNING") as logged,
        ):
            run_migrations(self.env, "18.0.2.1.0")
        self.env.invalidate_all()
        self.assertEqual(self.type_soldier.coefficient_individual, 1.0)
        self.assertEqual(self.type_soldier.coefficient_date_from, date(2024, 1, 1))
        self.assertEqual(self.type_prov.coefficient_individual, 2.0)
        self.assertEqual(filled.amount, 2340000)
        for award in (no_salary, no_date, no_coefficient):
            self.assertFalse(award.amount)
        output = "\n".join(logged.output)
        self.assertIn("no base salary in force on the decision date", output)
        self.assertIn("no decision date", output)
        self.assertIn("no reward coefficient", output)
        for award in (no_salary, no_date, no_coefficient):
            self.assertIn(str(award.id), output)


@tagged("post_install", "-at_install")
class TestPaymentListPdf(EmulationCase, HttpCase):
    """The payment list prints as PDF (wkhtmltopdf fetches the styles from the server: an
    HttpCase)."""

    def test_payment_list_as_pdf(self):
        skip_without_wkhtmltopdf(self)
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "number": "90/QĐ-UBND",
                    "date": date(2025, 12, 12),
                    "award_type_id": self.type_prov.id,
                    "year": 2025,
                    "employee_ids": [Command.set([self.emp_a.id])],
                }
            )
        )
        decision.action_record_awards()
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(force_report_rendering=True)
        )
        content, kind = Report._render_qweb_pdf(PAYMENT_PDF, decision.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
