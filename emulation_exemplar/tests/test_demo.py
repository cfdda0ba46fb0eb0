from datetime import date

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import DemoCase


@tagged("demo", "at_install")
class TestDemo(DemoCase, TransactionCase):
    """The demo Department exercises every path of plan 198's criteria (runs on a demo database)."""

    def _paths(self, xmlid):
        criteria_set = self.env.ref(xmlid).with_context(lang="en_US")
        return set(criteria_set.alternative_ids.mapped("name"))

    def test_every_path_is_met_by_someone(self):
        Employee = self.env["hr.employee"].with_context(lang="en_US")
        met = set(Employee.search([("exemplar_eligible", "=", True)]).mapped("exemplar_path"))
        for xmlid in (
            "emulation_exemplar.criteria_plan198_key_cadre",
            "emulation_exemplar.criteria_plan198_staff",
        ):
            self.assertLessEqual(self._paths(xmlid), met, xmlid)
        units = self.env["hr.department"].with_context(lang="en_US")
        met_units = set(units.search([("exemplar_eligible", "=", True)]).mapped("exemplar_path"))
        self.assertEqual(self._paths("emulation_exemplar.criteria_plan198_collective"), met_units)

    def test_one_step_away_and_far(self):
        Employee = self.env["hr.employee"]
        self.assertGreaterEqual(Employee.search_count([("exemplar_missing", "=", 1)]), 3)
        self.assertGreaterEqual(Employee.search_count([("exemplar_missing", ">=", 2)]), 3)
        cooperation = self.env.ref("emulation_exemplar.dep_cooperation")
        self.assertEqual(cooperation.exemplar_missing, 1)
        self.assertIn("2023", cooperation.exemplar_explanation)

    def test_years_before_the_period_do_not_count(self):
        person = self.env.ref("emulation_exemplar.emp_office_2")
        soldier = self.env.ref("emulation_exemplar.award_type_grassroots_soldier")
        titles = self.env["emulation.award"].search(
            [("employee_id", "=", person.id), ("award_type_id", "=", soldier.id)]
        )
        self.assertEqual(sorted(titles.mapped("year")), [2019, 2020])
        self.assertFalse(person.exemplar_eligible)
        self.assertEqual(person.exemplar_missing, 2)
        revoked = self.env.ref("emulation_exemplar.emp_consular_3")
        self.assertEqual(revoked.exemplar_missing, 1, "the archived (revoked) award does not count")

    def test_first_login_is_vietnamese(self):
        self.assertEqual(self.env.ref("base.user_admin").lang, "vi_VN")
        prov = self.env.ref("emulation_exemplar.award_type_provincial_merit")
        self.assertEqual(prov.with_context(lang="vi_VN").name, "Bằng khen của Chủ tịch UBND tỉnh")

    def test_demo_logins_see_their_scope(self):
        """nhanvien sees their own judgement, truongphong their section's, vanphong everyone's."""
        consular = self.env.ref("emulation_exemplar.dep_consular")
        scope = [("emulation_private_access", "=", True)]
        people = {}
        for login in ("nhanvien", "truongphong", "vanphong"):
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user, login)
            people[login] = self.env["hr.employee.public"].with_user(user).search(scope)
        self.assertEqual(
            people["nhanvien"].ids, self.env.ref("emulation_exemplar.emp_consular_1").ids
        )
        self.assertEqual(
            set(people["truongphong"].ids),
            set(self.env["hr.employee"].search([("department_id", "=", consular.id)]).ids),
        )
        self.assertGreater(len(people["vanphong"]), len(people["truongphong"]))
        campaign = self.env.ref("emulation_exemplar.campaign_plan198")
        self.assertEqual(campaign.user_id.login, "vanphong")

    def test_demo_awards_name_their_authority_in_vietnamese(self):
        award = self.env.ref("emulation_exemplar.award_101")
        expected = award.award_type_id.with_context(lang="vi_VN").authority
        self.assertTrue(expected)
        self.assertEqual(award.authority, expected)
        self.assertNotEqual(
            award.authority, award.award_type_id.with_context(lang="en_US").authority
        )

    def test_demo_plan_198(self):
        campaign = self.env.ref("emulation_exemplar.campaign_plan198")
        self.assertEqual(campaign.department_id.name, "Văn phòng – Thanh tra")
        self.assertEqual(campaign.registration_deadline, date(2021, 3, 30))
        self.assertEqual(
            sorted(set(campaign.milestone_ids.mapped("year"))), list(range(2021, 2026))
        )
        kinds = {(m.year, m.kind) for m in campaign.milestone_ids}
        self.assertIn((2023, "preliminary_review"), kinds)
        self.assertIn((2025, "final_review"), kinds)
        self.assertIn((2025, "conference"), kinds)
        register = campaign.milestone_ids.filtered(lambda m: m.kind == "detect_register")
        self.assertIn(date(2021, 3, 30), register.mapped("deadline"))
