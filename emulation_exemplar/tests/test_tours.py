"""The officer's and the plain user's paths, walked in a real browser (headless Chromium) on the
demo data, logged in as the demo users: `vanphong` (the emulation officer, no HR right) and
`nhanvien` (a member of staff)."""

from odoo.tests import HttpCase, tagged
from odoo.tests.common import _find_executable

from .common import DemoCase


@tagged("demo", "post_install", "-at_install")
class TestTours(DemoCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser_missing = (
            False
            if _find_executable()
            else "no Chromium or Chrome on the PATH (Debian: apt-get install chromium)"
        )
        cls.officer = cls.env.ref("emulation_exemplar.user_demo_officer")
        cls.plain = cls.env.ref("emulation_exemplar.user_demo_staff")
        # a member of staff one step away: one grassroots emulation soldier title, no merit
        cls.person = cls.env["hr.employee"].create(
            {
                "name": "Phạm Thị Thử Việc",
                "department_id": cls.env.ref("emulation_exemplar.dep_consular").id,
                "company_id": cls.officer.company_id.id,
            }
        )
        cls.env["emulation.award"].create(
            {
                "employee_id": cls.person.id,
                "award_type_id": cls.env.ref("emulation_exemplar.award_type_grassroots_soldier").id,
                "year": 2023,
            }
        )

    def setUp(self):
        super().setUp()
        if self.browser_missing:
            self.skipTest("no browser for the tours: %s" % self.browser_missing)

    def test_officer_day(self):
        self.assertFalse(self.officer.has_group("hr.group_hr_user"))
        self.assertEqual(self.person.exemplar_missing, 1)
        self.start_tour(
            "/odoo/action-emulation_exemplar.action_emulation_exemplar_employees",
            "emulation_officer_tour",
            login="vanphong",
            timeout=300,
        )
        self.assertTrue(self.person.exemplar_eligible, "the award recorded in the tour counts")
        award = self.env["emulation.award"].search(
            [("employee_id", "=", self.person.id), ("decision_number", "=", "99/QĐ-UBND")]
        )
        self.assertEqual(award.create_uid, self.officer)
        nomination = self.env["emulation.nomination"].search([("employee_id", "=", self.person.id)])
        self.assertEqual(len(nomination), 1)
        decision = self.env["emulation.decision"].search([("number", "=", "120/QĐ-SNgV")])
        self.assertEqual(len(decision.employee_ids), 5)
        self.assertEqual(len(decision.award_ids), 5, "one award per person, recorded together")
        self.assertEqual(decision.award_ids.create_uid, self.officer)
        imported = self.env["emulation.award"].search([("decision_number", "=", "210/QĐ-UBND")])
        self.assertEqual(len(imported), 1, "the template's unit row was imported once")
        self.assertEqual(imported.create_uid, self.officer)

    def test_plain_user_profile(self):
        self.assertFalse(self.plain.has_group("emulation_exemplar.group_emulation_manager"))
        self.start_tour(
            "/odoo/action-emulation_exemplar.action_emulation_exemplar_employees",
            "emulation_plain_user_tour",
            login="nhanvien",
            timeout=180,
        )

    def test_officer_annual_cycle(self):
        """The demo officer walks the 2025 cycle: the Border section's submitted proposal goes to
        the council, the open session votes on it and closes, a decision is issued on the lines
        that passed, and the person's award is in the history."""
        proposal = self.env.ref("emulation_exemplar.demo_proposal_2025_border")
        person = self.env.ref("emulation_exemplar.emp_border_1")
        self.assertEqual(proposal.state, "submitted")
        self.start_tour(
            "/odoo/action-emulation_exemplar.action_emulation_proposal",
            "emulation_cycle_tour",
            login="vanphong",
            timeout=240,
        )
        self.assertEqual(proposal.state, "decided")
        line = proposal.line_ids
        self.assertEqual((line.vote_yes, line.vote_passed), (10, True))
        session = self.env.ref("emulation_exemplar.demo_council_2025_2")
        self.assertEqual(session.state, "done")
        decision = self.env["emulation.decision"].search([("number", "=", "131/QĐ-SNgV")])
        self.assertEqual(decision.state, "recorded")
        self.assertEqual(decision.create_uid, self.officer)
        award = decision.award_ids.filtered(lambda a: a.employee_id == person)
        self.assertEqual(len(award), 1, "one award per passed line")
        self.assertEqual(line.award_id, award)
        self.assertEqual(award.award_type_id.code, "CSTDCS")
        self.assertEqual(award.year, 2025)
        self.assertIn(award, person.emulation_award_ids)

    def test_unit_cycle_in_a_few_clicks(self):
        """Issue 25's acceptance: the unit head (`truongphong`, head of the Consular section)
        registers his unit in one step and submits a proposal filled by Propose eligible; the
        officer (`vanphong`) takes it through the council to an issued decision with Create
        decision. The README counts the clicks of both tours."""
        unit = self.env.ref("emulation_exemplar.dep_consular")
        head = self.env.ref("emulation_exemplar.user_demo_unit_manager")
        worker = self.env.ref("emulation_exemplar.award_type_advanced_worker")
        # the section registers 2025 afresh (the demo holds its registration, submitted)
        old = self.env.ref("emulation_exemplar.demo_registration_2025_consular")
        old.write({"state": "draft"})
        old.unlink()
        self.start_tour(
            "/odoo/action-emulation_exemplar.action_emulation_registration",
            "emulation_unit_head_cycle_tour",
            login="truongphong",
            timeout=240,
        )
        registration = self.env["emulation.registration"].search(
            [("department_id", "=", unit.id), ("year", "=", 2025)]
        )
        self.assertEqual(registration.state, "submitted")
        self.assertEqual(registration.create_uid, head)
        self.assertEqual(len(registration.line_ids), 2, "all seven registered, five removed")
        proposal = self.env["emulation.proposal"].search(
            [
                ("department_id", "=", unit.id),
                ("year", "=", 2025),
                ("award_type_id", "=", worker.id),
            ]
        )
        self.assertEqual(proposal.state, "submitted")
        self.assertTrue(proposal.registered_only)
        self.assertEqual(proposal.line_ids.employee_id, registration.line_ids.employee_id)
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.assertIn(
            self.officer,
            proposal.activity_ids.filtered(lambda a: a.activity_type_id == todo).user_id,
            "the officer has a to-do",
        )

        self.start_tour(
            "/odoo/action-emulation_exemplar.action_emulation_proposal",
            "emulation_officer_decision_tour",
            login="vanphong",
            timeout=240,
        )
        self.assertEqual(proposal.state, "decided")
        decision = self.env["emulation.decision"].search([("number", "=", "132/QĐ-SNgV")])
        self.assertEqual(decision.state, "recorded")
        self.assertEqual(decision.create_uid, self.officer)
        self.assertEqual(decision.award_type_id, worker)
        self.assertEqual(decision.year, 2025)
        self.assertEqual(decision.award_ids.employee_id, proposal.line_ids.employee_id)
        self.assertEqual(proposal.line_ids.award_id, decision.award_ids)
        # the officer's to-do is done; the unit head has one: the proposal is decided
        self.assertEqual(proposal.activity_ids.user_id, head)

    def test_dossier_goes_up(self):
        """Issue 26's acceptance, in one database: the agency's proposal of the provincial
        Bằng khen, passed by its council, goes up (`vanphong`), is returned once by the
        province's body (`sonoivu`, an officer of the second company), sent again, passed by the
        province's council and decided; the award is in the person's history in the agency's
        company, and the agency's officer reads the decision."""
        province = self.env.ref("emulation_exemplar.user_demo_province")
        proposal = self.env.ref("emulation_exemplar.demo_proposal_2025_office_prov")
        person = self.env.ref("emulation_exemplar.emp_office_4")
        self.assertNotEqual(province.company_id, self.officer.company_id)
        # the agency's council passes it (the cycle's own tour walks these steps)
        mine = proposal.with_user(self.officer)
        mine.action_submit()
        mine.action_to_council()
        Session = self.env["emulation.council.session"]
        session = Session.with_user(self.officer).create(
            {"name": "07/BB-HĐTĐKT", "year": 2025, "member_count": 10, "present_count": 10}
        )
        mine.line_ids.write({"session_id": session.id})
        mine.line_ids.write({"vote_yes": 9})
        session.action_close()
        self.assertEqual(proposal.state, "approved")
        # the province's council, its level's 90 %
        Session.with_user(province).create(
            {
                "name": "01/BB-HĐTĐKT-T",
                "year": 2025,
                "member_count": 10,
                "present_count": 10,
                "council_level_id": self.env.ref("emulation_exemplar.council_level_provincial").id,
            }
        )
        url = "/odoo/action-emulation_exemplar.action_emulation_proposal/%s" % proposal.id
        self.start_tour(url, "emulation_dossier_send_tour", login="vanphong", timeout=180)
        dossier = proposal._dossiers()
        self.assertEqual((dossier.state, dossier.company_id), ("sent", province.company_id))
        dossiers = "/odoo/action-emulation_exemplar.action_emulation_dossier"
        self.start_tour(dossiers, "emulation_dossier_return_tour", login="sonoivu", timeout=180)
        self.assertEqual(dossier.state, "returned")
        self.assertIn("Bổ sung", dossier.return_reason)
        self.start_tour(url, "emulation_dossier_send_tour", login="vanphong", timeout=180)
        self.assertEqual((dossier.state, dossier.send_count), ("sent", 2))
        self.start_tour(dossiers, "emulation_dossier_decide_tour", login="sonoivu", timeout=240)
        self.assertEqual(dossier.state, "decided")
        self.assertEqual(proposal.state, "decided")
        award = self.env["emulation.award"].search(
            [("employee_id", "=", person.id), ("decision_number", "=", "345/QĐ-UBND")]
        )
        self.assertEqual(len(award), 1)
        self.assertEqual(award.company_id, self.officer.company_id)
        self.assertIn(award, person.emulation_award_ids)
        self.start_tour(dossiers, "emulation_dossier_read_tour", login="vanphong", timeout=120)
