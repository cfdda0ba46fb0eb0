"""Every paper as each role, with users that have exactly that role (issue 17).

A paper prints whole or not at all: the users who would see only part of its content are refused
with a message saying who can print it, on the server (the report URL is reachable directly), and
its Print entry is hidden from them (``groups_id`` of the report action)."""

import shutil

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_access import AccessCase

CAMPAIGN = "emulation_exemplar.action_report_campaign"
REGISTRATION = "emulation_exemplar.action_report_registration"
ELIGIBLE_CAMPAIGN = "emulation_exemplar.action_report_eligible_campaign"
ELIGIBLE_CAMPAIGN_CANDIDATES = "emulation_exemplar.action_report_eligible_campaign_candidates"
ELIGIBLE = "emulation_exemplar.action_report_eligible"
ELIGIBLE_CANDIDATES = "emulation_exemplar.action_report_eligible_candidates"
UNIT = "emulation_exemplar.action_report_record_department"
PERSON = "emulation_exemplar.action_report_record_employee"
PERSON_PUBLIC = "emulation_exemplar.action_report_record_employee_public"

OFFICERS_ONLY = (CAMPAIGN, REGISTRATION, ELIGIBLE_CAMPAIGN, ELIGIBLE_CAMPAIGN_CANDIDATES)


class PapersCase(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an HR officer outside emulation work: reads employees, judges nobody
        cls.user_hr = new_test_user(
            cls.env, "emu_hr_only", groups="base.group_user,hr.group_hr_user"
        )
        cls.users = {
            "plain": cls.user_plain,
            "manager": cls.user_manager,
            "hr": cls.user_hr,
            "officer": cls.user_officer,
            "admin": cls.user_admin,
        }
        # English users: the messages are read in English, the papers in the company's language
        for user in cls.users.values():
            user.lang = "en_US"
        cls.sets = cls.env["emulation.criteria.set"].search(
            [("company_id", "in", [cls.company.id, False])]
        )
        (cls.nom_a | cls.nom_b).write({"stage": "registered", "registration_date": "2024-03-01"})
        cls.nom_a.field_of_work = "Bảo hộ công dân"
        cls.nom_b.field_of_work = "Cải cách hành chính"

    def render(self, report, records, user):
        Report = self.env["ir.actions.report"].with_user(user).with_context(lang=user.lang)
        return Report._render_qweb_html(report, records.ids)[0].decode()

    def assertRefused(self, report, records, user, who):
        with self.assertRaises(AccessError) as caught:
            self.render(report, records, user)
        self.assertIn(who, str(caught.exception))
        return str(caught.exception)


class TestPapersPerRole(PapersCase):
    def test_campaign_papers_only_for_officers(self):
        for role in ("plain", "manager", "hr"):
            for report in OFFICERS_ONLY:
                with self.subTest(role=role, report=report):
                    self.assertRefused(
                        report, self.campaign, self.users[role], "Only emulation officers"
                    )
        for role in ("officer", "admin"):
            user = self.users[role]
            with self.subTest(role=role):
                registration = self.render(REGISTRATION, self.campaign, user)
                for nomination in (self.nom_a, self.nom_b):
                    self.assertIn(nomination.field_of_work, registration)
                self.assertNotIn(self.emp_c.name, registration, "not registered")
                report = self.render(CAMPAIGN, self.campaign, user)
                for nomination in self.campaign.nomination_ids:
                    self.assertIn(nomination.name, report, "every nomination")
                eligible = self.render(ELIGIBLE_CAMPAIGN, self.campaign, user)
                self.assertIn(self.emp_a.name, eligible)
                self.assertIn(self.emp_b.name, eligible)
                self.assertNotIn(self.emp_2.name, eligible, "another company's")
                candidates = self.render(ELIGIBLE_CAMPAIGN_CANDIDATES, self.campaign, user)
                self.assertIn(self.emp_b.name, candidates)

    def test_eligible_lists_only_for_officers(self):
        for role in ("plain", "manager", "hr"):
            for report in (ELIGIBLE, ELIGIBLE_CANDIDATES):
                with self.subTest(role=role, report=report):
                    self.assertRefused(report, self.sets, self.users[role], "Only emulation")
        html = self.render(ELIGIBLE, self.sets, self.user_officer)
        self.assertIn(self.emp_a.name, html)
        self.assertIn(self.emp_b.name, html)

    def test_unit_record_for_its_managers_and_the_officers(self):
        for role in ("plain", "hr"):
            with self.subTest(role=role):
                message = self.assertRefused(
                    UNIT, self.unit_consular, self.users[role], "Only emulation officers"
                )
                self.assertIn(self.unit_consular.name, message)
        # the unit manager: their unit and the one below it, not another one
        for unit, number in ((self.unit_consular, "78/QĐ-SNgV"), (self.unit_visa, "2023")):
            self.assertIn(number, self.render(UNIT, unit, self.user_manager))
        self.assertRefused(UNIT, self.unit_office, self.user_manager, self.unit_office.name)
        for role in ("officer", "admin"):
            html = self.render(UNIT, self.unit_office | self.unit_consular, self.users[role])
            self.assertIn("77/QĐ-SNgV", html, "every unit's classification")
            self.assertIn("78/QĐ-SNgV", html)

    def test_person_record_for_themselves_their_managers_and_the_officers(self):
        cases = {
            # role: (people whose record prints whole, people refused)
            "plain": (self.emp_a, self.emp_b | self.emp_c),
            "manager": (self.emp_head | self.emp_b | self.emp_c, self.emp_a),
            "hr": (self.env["hr.employee"], self.emp_a | self.emp_b),
            "officer": (self.emp_a | self.emp_b | self.emp_c, self.env["hr.employee"]),
            "admin": (self.emp_a | self.emp_b | self.emp_c, self.env["hr.employee"]),
        }
        for role, (whole, refused) in cases.items():
            user = self.users[role]
            for person in whole:
                for report in (PERSON, PERSON_PUBLIC):
                    with self.subTest(role=role, person=person.name, report=report):
                        html = self.render(report, person, user)
                        self.assertIn(person.name, html)
                        # whole: the classifications and the eligibility are there
                        self.assertIn("o_emu_classifications", html)
                        self.assertIn("o_emu_eligibility", html)
            for person in refused:
                for report in (PERSON, PERSON_PUBLIC):
                    with self.subTest(role=role, person=person.name, report=report):
                        self.assertRefused(report, person, user, person.name)

    def test_print_menus_per_role(self):
        """The Print menu offers each role the papers it can print."""
        self.our_reports = {
            self.env.ref(xmlid).id
            for xmlid in (
                *OFFICERS_ONLY,
                ELIGIBLE,
                ELIGIBLE_CANDIDATES,
                UNIT,
                PERSON,
                PERSON_PUBLIC,
            )
        }
        expected = {
            # model: {role: report actions offered}
            "emulation.campaign": {
                "plain": set(),
                "manager": set(),
                "hr": set(),
                "officer": set(OFFICERS_ONLY),
            },
            "emulation.criteria.set": {
                "plain": set(),
                "manager": set(),
                "officer": {ELIGIBLE, ELIGIBLE_CANDIDATES},
            },
            "hr.department": {"plain": set(), "hr": set(), "manager": {UNIT}, "officer": {UNIT}},
            "hr.employee.public": {role: {PERSON_PUBLIC} for role in self.users},
        }
        for model, per_role in expected.items():
            for role, reports in per_role.items():
                with self.subTest(model=model, role=role):
                    bindings = (
                        self.env["ir.actions.actions"]
                        .with_user(self.users[role])
                        .get_bindings(model)
                        .get("report", [])
                    )
                    ours = {binding["id"] for binding in bindings} & self.our_reports
                    self.assertEqual(ours, {self.env.ref(xmlid).id for xmlid in reports})


class TestPaperLanguage(PapersCase):
    def test_english_officer_prints_vietnamese(self):
        """The papers print in the company's paper language, not the printing user's: a
        bookmarked report URL opened by an English officer prints in Vietnamese."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        self.company.emulation_report_lang = "vi_VN"
        officer = self.user_officer
        self.assertEqual(officer.lang, "en_US")
        checks = {
            UNIT: (self.unit_office, "Hồ sơ thi đua, khen thưởng", "Commendation record"),
            PERSON_PUBLIC: (self.emp_a, "Hồ sơ thi đua, khen thưởng", "Commendation record"),
            ELIGIBLE: (self.sets, "Danh sách điển hình tiên tiến", "List of advanced"),
            CAMPAIGN: (self.campaign, "Báo cáo", "Milestones of the roadmap"),
            REGISTRATION: (self.campaign, "Danh sách đăng ký", "List of registered"),
        }
        for report, (records, vietnamese, english) in checks.items():
            with self.subTest(report=report):
                html = self.render(report, records, officer)
                self.assertIn(vietnamese, html)
                self.assertNotIn(english, html)
        # the setting decides: English papers for a company that asks for them
        self.company.emulation_report_lang = "en_US"
        html = self.render(UNIT, self.unit_office, officer.with_context(lang="vi_VN"))
        self.assertIn("Commendation record", html)

    def test_default_language(self):
        company = self.env["res.company"].create({"name": "Sở Tư pháp"})
        self.env["res.lang"]._activate_lang("vi_VN")
        self.assertEqual(company._emulation_paper_lang(), "vi_VN", "Vietnamese when installed")
        company.emulation_report_lang = "en_US"
        self.assertEqual(company._emulation_paper_lang(), "en_US")
        settings = self.env["res.config.settings"].create({"emulation_report_lang": "vi_VN"})
        settings.execute()
        self.assertEqual(self.env.company.emulation_report_lang, "vi_VN")
        view = self.env.ref("emulation_exemplar.res_config_settings_view_form")
        self.assertIn('name="emulation_report_lang"', view.arch_db)


@tagged("post_install", "-at_install")
class TestOfficerPrintsEveryPaper(PapersCase, HttpCase):
    """What the officer's Print menus offer, as PDF (wkhtmltopdf), with no HR right. An
    HttpCase: wkhtmltopdf fetches the papers' styles from the server."""

    def test_every_paper_as_pdf(self):
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        officer = self.user_officer
        self.assertFalse(officer.has_group("hr.group_hr_user"))
        Report = (
            self.env["ir.actions.report"]
            .with_user(officer)
            .with_context(force_report_rendering=True, lang="en_US")
        )
        papers = {
            ELIGIBLE: self.sets,
            ELIGIBLE_CANDIDATES: self.sets,
            ELIGIBLE_CAMPAIGN: self.campaign,
            ELIGIBLE_CAMPAIGN_CANDIDATES: self.campaign,
            UNIT: self.unit_office | self.unit_consular,
            PERSON_PUBLIC: self.emp_a | self.emp_b,
            PERSON: self.emp_c,
            CAMPAIGN: self.campaign,
            REGISTRATION: self.campaign,
        }
        for report, records in papers.items():
            with self.subTest(report=report):
                content, kind = Report._render_qweb_pdf(report, records.ids)
                self.assertEqual(kind, "pdf")
                self.assertTrue(content.startswith(b"%PDF"))
