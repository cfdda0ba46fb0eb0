"""The register of commendation decisions (sổ theo dõi khen thưởng): every decision issued by the
agency or received from a higher body, whether recorded here as a decision or known only from
awards recorded by hand with a decision number; searched by number, title, recipient and year;
officers of the company only; exported to Excel."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EmulationCase
from .test_reward_money import xlsx_rows

REGISTER_XLSX = "emulation_exemplar.action_report_decision_register"


@tagged("at_install", "-post_install")
class TestDecisionRegister(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.emulation_report_lang = "en_US"
        cls.type_director = cls.env.ref("emulation_exemplar.award_type_certificate_of_commendation")
        # issued by the agency: the Director's certificate of commendation, recorded here
        cls.issued = cls.env["emulation.decision"].create(
            {
                "number": "15/QĐ-SNgV",
                "date": date(2025, 1, 10),
                "award_type_id": cls.type_director.id,
                "year": 2024,
                "employee_ids": [Command.set((cls.emp_a | cls.emp_b).ids)],
                "department_ids": [Command.set(cls.unit_consular.ids)],
            }
        )
        cls.issued.action_record_awards()
        # received: the province's Bằng khen, known from two awards recorded by hand (the
        # number typed two ways) and an award of the same decision for another year's title
        cls.received = cls.award(
            cls.emp_a,
            cls.type_prov,
            2024,
            decision_number="2051/QĐ-UBND",
            decision_date=date(2025, 3, 20),
            authority="Chủ tịch UBND tỉnh Hà Tĩnh",
        ) | cls.award(
            cls.unit_office,
            cls.type_prov,
            2024,
            decision_number="2051/qđ-ubnd ",
            decision_date=date(2025, 3, 20),
        )
        # an award without decision number is no decision
        cls.award(cls.emp_b, cls.type_soldier, 2023)
        cls.company_2 = cls.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        cls.unit_2 = cls.env["hr.department"].create(
            {"name": "Văn phòng Sở", "company_id": cls.company_2.id}
        )
        cls.emp_2 = cls.env["hr.employee"].create(
            {"name": "Phan Văn Hải", "department_id": cls.unit_2.id, "company_id": cls.company_2.id}
        )
        cls.award(
            cls.emp_2,
            cls.type_prov,
            2024,
            decision_number="77/QĐ-UBND",
            decision_date=date(2025, 2, 2),
            company_id=cls.company_2.id,
        )
        cls.officer_2 = new_test_user(
            cls.env,
            "emu_reg_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.Register = cls.env["emulation.decision.register"].with_user(cls.user_officer)

    def find(self, domain):
        return self.Register.search(domain)

    def test_issued_and_received(self):
        rows = self.find([])
        self.assertEqual(len(rows), 2, "one row per decision; the award without number is none")
        issued = rows.filtered(lambda r: r.source == "decision")
        self.assertEqual(issued.decision_id, self.issued)
        self.assertEqual(issued.direction, "issued")
        self.assertEqual(issued.number, "15/QĐ-SNgV")
        self.assertEqual(issued.date, date(2025, 1, 10))
        self.assertEqual(issued.award_type_id, self.type_director)
        self.assertEqual(issued.recipient_count, 3)
        self.assertEqual(issued.state, "recorded")
        for name in ("Nguyễn Văn An", "Trần Thị Bình", "Consular Affairs"):
            self.assertIn(name, issued.recipient_names)
        received = rows - issued
        self.assertEqual(received.source, "history")
        self.assertEqual(received.direction, "received")
        self.assertFalse(received.decision_id)
        self.assertEqual(received.number, "2051/QĐ-UBND")
        self.assertEqual(received.authority, "Chủ tịch UBND tỉnh Hà Tĩnh")
        self.assertEqual(received.year, 2024)
        self.assertEqual(received.recipient_count, 2, "the number typed two ways is one decision")
        self.assertEqual(received.state, "recorded")
        self.assertIn("Office–Inspectorate", received.recipient_names)
        # opening the row lists its awards
        action = received.action_open()
        self.assertEqual(action["res_model"], "emulation.award")
        awards = self.env["emulation.award"].with_user(self.user_officer).search(action["domain"])
        self.assertEqual(awards, self.received)
        action = issued.action_open()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("emulation.decision", self.issued.id)
        )

    def test_a_cancelled_award_or_decision_leaves_the_register(self):
        self.assertEqual(self.find([("number", "ilike", "2051")]).recipient_count, 2)
        # the view's rows are read again (as the next request would), and the pending writes to
        # the awards and decisions are flushed before the view is read (_depends)
        self.received[0].active = False
        self.Register.invalidate_model()
        self.assertEqual(self.find([("number", "ilike", "2051")]).recipient_count, 1)
        self.issued.action_cancel()
        self.Register.invalidate_model()
        self.assertFalse(self.find([("number", "=", "15/QĐ-SNgV")]))

    def test_a_decision_to_record(self):
        draft = self.env["emulation.decision"].create(
            {
                "number": "31/QĐ-SNgV",
                "date": date(2025, 5, 5),
                "award_type_id": self.type_director.id,
                "year": 2024,
                "employee_ids": [Command.set(self.emp_b.ids)],
            }
        )
        row = self.find([("state", "=", "draft")])
        self.assertEqual(row.decision_id, draft)
        self.assertEqual((row.recipient_count, row.recipient_names), (1, "Trần Thị Bình"))

    def test_search_by_each_key(self):
        self.assertEqual(self.find([("number", "ilike", "2051/qđ")]).source, "history")
        self.assertEqual(self.find([("number", "ilike", "15/QĐ")]).decision_id, self.issued)
        self.assertEqual(
            self.find([("award_type_id", "ilike", self.type_director.name)]).decision_id,
            self.issued,
        )
        self.assertEqual(len(self.find([("recipient_names", "ilike", "Nguyễn Văn An")])), 2)
        self.assertEqual(self.find([("recipient_names", "ilike", "Bình")]).decision_id, self.issued)
        self.assertEqual(
            self.find([("recipient_names", "ilike", "Office–Inspectorate")]).source, "history"
        )
        self.assertEqual(len(self.find([("year", "=", 2024)])), 2)
        self.assertFalse(self.find([("year", "=", 2023)]))
        self.assertEqual(self.find([("date", ">=", "2025-03-01")]).number, "2051/QĐ-UBND")
        groups = self.Register.read_group([], ["recipient_count:sum"], ["date:year"])
        self.assertEqual([(g["date:year"], g["recipient_count"]) for g in groups], [("2025", 5)])

    def test_company_isolation_and_roles(self):
        theirs = self.env["emulation.decision.register"].with_user(self.officer_2).search([])
        self.assertEqual(theirs.mapped("number"), ["77/QĐ-UBND"])
        self.assertNotIn("77/QĐ-UBND", self.find([]).mapped("number"))
        for user in (self.user_plain, self.user_manager):
            with self.assertRaises(AccessError):
                self.env["emulation.decision.register"].with_user(user).search([])
        # the Excel of another company's rows is refused
        ours = self.find([])
        Report = self.env["ir.actions.report"].with_user(self.officer_2)
        with self.assertRaises(AccessError):
            Report._render_xlsx(REGISTER_XLSX, ours.ids, None)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.user_manager)._render_xlsx(
                REGISTER_XLSX, ours.ids, None
            )

    def test_xlsx(self):
        rows_found = self.find([])
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        content, kind = Report._render_xlsx(REGISTER_XLSX, rows_found.ids, None)
        self.assertEqual(kind, "xlsx")
        rows = xlsx_rows(content)
        self.assertEqual(rows[0], ["REGISTER OF COMMENDATION DECISIONS"])
        self.assertEqual(
            rows[2],
            [
                "No.",
                "Number",
                "Date",
                "Issuing authority",
                "Title or form",
                "Year",
                "Number of recipients",
                "Names of the recipients",
                "Direction",
            ],
        )
        self.assertEqual(len(rows), 5)
        first, second = rows[3], rows[4]
        self.assertEqual(first[:3], [1, "15/QĐ-SNgV", "10/01/2025"], "by date")
        self.assertEqual(first[-1], "Issued by the agency")
        self.assertEqual(first[-3], 3)
        self.assertEqual(
            second[:6],
            [
                2,
                "2051/QĐ-UBND",
                "20/03/2025",
                "Chủ tịch UBND tỉnh Hà Tĩnh",
                self.type_prov.name,
                2024,
            ],
        )
        self.assertEqual(second[-1], "Received from a higher body")
