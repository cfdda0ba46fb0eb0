"""The emulation officer's day, as a user with exactly that role and no Odoo HR right (the normal
case for the Office–Inspectorate): people are read through their public profiles, yet the officer
records awards and classifications for them, sets their category and works the People list."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user

from .common import EmulationCase


class TestOfficerDay(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_one_step = cls.env["hr.employee"].create(
            {"name": "Hồ Thị Duyên", "department_id": cls.unit_consular.id}
        )
        cls.award(cls.emp_one_step, cls.type_soldier, 2023)
        cls.award(cls.emp_a, cls.type_soldier, 2022)
        cls.award(cls.emp_a, cls.type_soldier, 2023)

    def test_officer_has_no_hr_right(self):
        """The premise of this case: the officer reads people through the public profile."""
        self.assertFalse(self.user_officer.has_group("hr.group_hr_user"))
        Employee = self.env["hr.employee"].with_user(self.user_officer)
        self.assertFalse(Employee.browse().has_access("read"))

    def test_record_award_picking_a_person_like_the_web_client(self):
        """Picking a person in a new award runs the form's onchanges and reads the person's
        fields: it used to fail on the category set by hand."""
        Award = self.env["emulation.award"].with_user(self.user_officer)
        with Form(Award) as form:
            form.award_type_id = self.type_prov
            form.employee_id = self.emp_b.with_user(self.user_officer)
            form.year = 2023
            form.decision_number = "12/QĐ-UBND"
            form.decision_date = date(2024, 1, 10)
        award = form.save()
        self.assertEqual(award.employee_id, self.emp_b)
        self.assertEqual(award.unit_id, self.unit_consular)
        # opening it again (the list's row) reads the person and the unit
        values = award.web_read(
            {"employee_id": {"fields": {"display_name": {}}}, "unit_id": {}, "company_id": {}}
        )
        self.assertEqual(values[0]["employee_id"]["display_name"], self.emp_b.name)

    def test_record_classification_like_the_web_client(self):
        Classification = self.env["emulation.classification"].with_user(self.user_officer)
        with Form(Classification) as form:
            form.employee_id = self.emp_b.with_user(self.user_officer)
            form.year = 2024
            form.level = "excellent"
        line = form.save()
        self.assertEqual(line.employee_id, self.emp_b)

    def test_officer_reads_the_module_fields_of_people(self):
        """The category set by hand lives in its own model, which the officer reads without any
        HR right; the person's effective category is on the public profile (core's own path)."""
        self.emp_b.emulation_category = "key_cadre"
        Manual = self.env["emulation.employee.category"].with_user(self.user_officer)
        line = Manual.search([("employee_id", "=", self.emp_b.id)])
        self.assertEqual(line.read(["category", "employee_id"])[0]["category"], "key_cadre")
        profile = self.env["hr.employee.public"].with_user(self.user_officer).browse(self.emp_b.id)
        self.assertEqual(profile.emulation_category, "key_cadre")
        self.assertTrue(profile.emulation_category_by_hand)
        person = self.env["hr.employee"].with_user(self.user_officer).browse(self.emp_b.id)
        values = person.read(["name", "emulation_category", "exemplar_missing"])[0]
        self.assertEqual(values["emulation_category"], "key_cadre")

    def test_plain_user_still_refused_the_private_fields(self):
        self.emp_b.emulation_category = "key_cadre"
        line = self.emp_b.emulation_category_manual_ids
        for user in (self.user_plain, self.user_manager):
            person = self.env["hr.employee"].with_user(user).browse(self.emp_b.id)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                person.read(["emulation_category_manual_ids"])
            Manual = self.env["emulation.employee.category"].with_user(user)
            for attempt in (
                lambda M=Manual: M.search([]),
                lambda M=Manual: M.browse(line.id).read(["category"]),
                lambda M=Manual: M.browse(line.id).write({"category": "staff"}),
                lambda M=Manual: M.create({"employee_id": self.emp_a.id, "category": "staff"}),
            ):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    attempt()
        self.assertEqual(line.category, "key_cadre")

    def test_officer_of_another_company_reads_nothing(self):
        company_2 = self.env["res.company"].create({"name": "Sở Nội vụ"})
        officer_2 = new_test_user(
            self.env,
            "emu_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=company_2.id,
            company_ids=[(6, 0, company_2.ids)],
        )
        self.emp_b.emulation_category = "key_cadre"
        line = self.emp_b.emulation_category_manual_ids
        Manual = self.env["emulation.employee.category"].with_user(officer_2)
        self.assertFalse(Manual.search([]))
        with self.assertRaises(AccessError):
            Manual.browse(line.id).read(["category"])
        with self.assertRaises(AccessError):
            Manual.create({"employee_id": self.emp_a.id, "category": "staff"})
        profile = self.env["hr.employee.public"].with_user(officer_2).browse(self.emp_b.id)
        with self.assertRaises(AccessError):
            profile.action_set_emulation_category()
        with self.assertRaises(AccessError):
            profile.action_record_emulation_award()

    def test_profile_buttons_for_the_officer(self):
        profile = self.env["hr.employee.public"].with_user(self.user_officer).browse(self.emp_b.id)
        action = profile.action_record_emulation_award()
        self.assertEqual(action["res_model"], "emulation.award")
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_employee_id"], self.emp_b.id)
        award = (
            self.env["emulation.award"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create(
                {
                    "award_type_id": self.type_prov.id,
                    "year": 2023,
                    "decision_number": "12/QĐ-UBND",
                    "decision_date": date(2024, 1, 10),
                }
            )
        )
        self.assertEqual(award.employee_id, self.emp_b)
        listed = profile.action_view_emulation_awards()
        found = self.env[listed["res_model"]].with_user(self.user_officer).search(listed["domain"])
        self.assertIn(award, found)
        self.assertEqual(
            profile.action_record_emulation_initiative()["context"]["default_employee_ids"],
            [self.emp_b.id],
        )

    def test_officer_sets_the_category_by_hand_and_resets_it(self):
        profile = self.env["hr.employee.public"].with_user(self.user_officer).browse(self.emp_b.id)
        self.assertEqual(profile.emulation_category, "staff")
        self.assertFalse(profile.emulation_category_by_hand)
        profile.with_context(emulation_category="key_cadre").action_set_emulation_category()
        self.assertEqual(self.emp_b.emulation_category, "key_cadre")
        self.assertEqual(self.emp_b.emulation_category_manual_ids.category, "key_cadre")
        profile.invalidate_recordset()
        self.assertTrue(profile.emulation_category_by_hand)
        profile.with_context(emulation_category=False).action_set_emulation_category()
        self.assertFalse(self.emp_b.emulation_category_manual_ids)
        self.assertEqual(self.emp_b.emulation_category, "staff")

    def test_category_buttons_refused_below_the_officer(self):
        for user in (self.user_plain, self.user_manager):
            profile = self.env["hr.employee.public"].with_user(user).browse(self.emp_b.id)
            for method in (
                profile.with_context(emulation_category="key_cadre").action_set_emulation_category,
                profile.action_record_emulation_award,
                profile.action_view_emulation_classifications,
            ):
                with self.subTest(user=user.login, method=method.__name__):
                    with self.assertRaises(AccessError):
                        method()
        self.assertFalse(self.emp_b.emulation_category_manual_ids)
        profile = self.env["hr.employee.public"].with_user(self.user_plain).browse(self.emp_b.id)
        self.assertFalse(profile.emulation_category_by_hand)

    def test_one_step_list_says_what_is_missing(self):
        People = self.env["hr.employee.public"].with_user(self.user_officer)
        one_step = People.search([("exemplar_missing", "=", 1), ("id", "=", self.emp_one_step.id)])
        self.assertEqual(one_step.ids, self.emp_one_step.ids)
        text = one_step.exemplar_missing_text
        self.assertTrue(text)
        # the nearest alternative: a provincial certificate of merit and one soldier title
        self.assertIn(self.type_prov.name, text)
        self.assertNotIn(self.type_soldier.name, text, "the soldier title is already held")
        self.assertNotIn("Met:", text, "only what is missing")
        eligible = People.browse(self.emp_a.id)
        self.assertTrue(eligible.exemplar_eligible)
        self.assertFalse(eligible.exemplar_missing_text)
        self.assertEqual(one_step.emulation_unit_name, self.unit_consular.name)

    def test_what_is_missing_hidden_outside_the_scope(self):
        """A plain user sees nothing of a colleague's judgement, not even what they miss."""
        colleague = (
            self.env["hr.employee.public"].with_user(self.user_plain).browse(self.emp_one_step.id)
        )
        self.assertFalse(colleague.exemplar_missing_text)

    def test_people_action_opens_the_profile_on_the_emulation_tab(self):
        # Exemplars › People lists result rows; a row opens the person's profile
        action = self.env.ref("emulation_exemplar.action_emulation_exemplar_employees")
        self.assertEqual(action.res_model, "emulation.eligibility")
        row = self.env["emulation.eligibility"].search([("employee_id", "!=", False)], limit=1)
        opened = row.with_user(self.user_officer).action_open_recipient()
        self.assertEqual(opened["res_model"], "hr.employee.public")
        self.assertEqual(opened["res_id"], row.employee_id.id)
        form_view = self.env["ir.ui.view"].browse(opened["views"][0][0])
        self.assertTrue(form_view)
        arch = (
            self.env["hr.employee.public"]
            .with_user(self.user_officer)
            .get_view(form_view.id, "form")["arch"]
        )
        self.assertRegex(arch, r'<page[^>]*name="emulation"[^>]*autofocus="autofocus"')
        self.assertIn("action_record_emulation_award", arch)
        plain_arch = (
            self.env["hr.employee.public"]
            .with_user(self.user_plain)
            .get_view(form_view.id, "form")["arch"]
        )
        self.assertNotIn("action_record_emulation_award", plain_arch)

    def test_officer_may_export(self):
        self.assertTrue(self.user_officer.has_group("base.group_allow_export"))
        self.assertFalse(self.user_plain.has_group("base.group_allow_export"))

    def test_officer_without_email_proposes_candidates(self):
        """Proposing candidates logs a note on the campaign: it must not need the officer's
        e-mail address (the demo officer had none, and the proposal failed)."""
        self.user_officer.partner_id.email = False
        campaign = (
            self.env["emulation.campaign"]
            .create({"name": "Plan 198", "year_from": 2021, "year_to": 2025, "state": "running"})
            .with_user(self.user_officer)
        )
        nominations = campaign._propose_candidates()
        self.assertTrue(nominations)
        self.assertIn(str(len(nominations)), campaign.message_ids[:1].body)

    def test_unit_buttons_for_the_officer_only(self):
        unit = self.env["hr.department"].with_user(self.user_officer).browse(self.unit_office.id)
        action = unit.action_record_emulation_award()
        self.assertEqual(action["context"]["default_department_id"], self.unit_office.id)
        award = (
            self.env["emulation.award"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create(
                {
                    "award_type_id": self.type_flag.id,
                    "year": 2024,
                    "decision_number": "13/QĐ-UBND",
                    "decision_date": date(2025, 1, 10),
                }
            )
        )
        self.assertEqual(award.department_id, self.unit_office)
        self.assertEqual(award.recipient_type, "collective")
        self.assertEqual(
            unit.action_record_emulation_classification()["res_model"],
            "emulation.classification",
        )
        for user in (self.user_plain, self.user_manager):
            unit = self.env["hr.department"].with_user(user).browse(self.unit_office.id)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                unit.action_record_emulation_award()

    def test_awards_empty_list_help_per_role(self):
        help_html = self.env.ref("emulation_exemplar.action_emulation_award").help
        officer_help = (
            self.env["emulation.award"].with_user(self.user_officer).get_empty_list_help(help_html)
        )
        plain_help = (
            self.env["emulation.award"].with_user(self.user_plain).get_empty_list_help(help_html)
        )
        self.assertIn("Record a decision", officer_help)
        self.assertNotIn("Record a decision", plain_help)
        self.assertIn("Office–Inspectorate records", plain_help)

    def test_award_levels_group_in_natural_order(self):
        """Award levels, like the other selections, group in their declared order."""
        self.award(self.emp_b, self.type_central, 2023)
        self.award(self.emp_b, self.type_prov, 2024)
        Award = self.env["emulation.award"].with_user(self.user_officer)
        levels = [level for (level,) in Award._read_group([], ["level"])]
        declared = [key for key in Award._fields["level"].get_values(self.env) if key in levels]
        self.assertEqual(levels, declared)
        self.assertGreater(len(levels), 1)
