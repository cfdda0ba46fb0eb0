"""The result rows and the fields read from them, per role, and the holes of the previous design
(issue "eligibility for every title of the Law"): a value already in the transaction's cache, a
nomination planted at a later stage through the context, error messages that named what the
caller cannot read, followers of personnel matters."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_access import AccessCase

RESULT_FIELDS = ["exemplar_eligible", "exemplar_missing", "exemplar_explanation"]


@tagged("at_install")
class TestResultRows(AccessCase):
    def rows(self, user, domain=()):
        Eligibility = self.env["emulation.eligibility"].with_user(user)
        return Eligibility.search([("award_type_id", "=", False), *domain])

    def test_rows_per_role(self):
        every = self.rows(self.env.user, [("company_id", "=", self.company.id)])
        self.assertTrue(every)
        own = self.rows(self.user_plain)
        self.assertEqual(own.employee_id, self.emp_a, "the plain user's own row only")
        self.assertFalse(own.department_id)
        managed = self.rows(self.user_manager)
        self.assertEqual(managed.employee_id, self.emp_head | self.emp_b | self.emp_c)
        self.assertEqual(managed.department_id, self.unit_consular | self.unit_visa)
        officer = self.rows(self.user_officer)
        self.assertEqual(officer, every)
        self.assertFalse(self.rows(self.user_officer_2, [("company_id", "=", self.company.id)]))
        self.assertEqual(self.rows(self.user_officer_2).employee_id, self.emp_2)

    def test_only_officers_record_a_decision_from_results(self):
        rows = self.rows(self.user_manager)
        with self.assertRaises(AccessError):
            rows.with_user(self.user_manager).action_record_decision()
        action = rows.with_user(self.user_officer).action_record_decision()
        self.assertEqual(action["res_model"], "emulation.decision")
        self.assertEqual(set(action["context"]["default_employee_ids"]), set(rows.employee_id.ids))

    def test_unit_manager_reads_a_new_unit_below_at_once(self):
        unit = self.env["hr.department"].create(
            {"name": "Passports", "parent_id": self.unit_visa.id}
        )
        self.assertIn(unit, self.rows(self.user_manager).department_id)
        # and loses it when it moves out of the managed units
        unit.parent_id = self.unit_office
        self.assertNotIn(unit, self.rows(self.user_manager).department_id)

    def test_nobody_writes_rows(self):
        row = self.rows(self.env.user, [("employee_id", "=", self.emp_a.id)])
        for user in (self.user_plain, self.user_manager, self.user_officer):
            with self.assertRaises(AccessError):
                row.with_user(user).write({"eligible": False})
            with self.assertRaises(AccessError):
                self.env["emulation.eligibility"].with_user(user).create(
                    {
                        "criteria_set_id": row.criteria_set_id.id,
                        "year": 2030,
                        "recipient_type": "individual",
                        "employee_id": self.emp_b.id,
                        "company_id": self.company.id,
                        "eligible": True,
                    }
                )
            with self.assertRaises(AccessError):
                row.with_user(user).unlink()

    def test_cached_value_does_not_answer_for_another_user(self):
        """Read first by someone who may (the value is then in the transaction's cache), then by
        someone who may not: the second reads nothing, on hr.employee and on the profile."""
        self.assertTrue(self.emp_b.exemplar_eligible)
        self.assertTrue(self.env["hr.employee.public"].browse(self.emp_b.id).exemplar_eligible)
        for model in ("hr.employee", "hr.employee.public"):
            values = self.env[model].with_user(self.user_plain).browse(self.emp_b.id)
            values = values.read(RESULT_FIELDS + ["emulation_private_access"])[0]
            self.assertFalse(values["exemplar_eligible"], model)
            self.assertFalse(values["exemplar_explanation"], model)
            self.assertFalse(values["emulation_private_access"], model)
        # and the other way round: the plain user first, then the manager of Bình's unit
        self.env.invalidate_all()
        Public = self.env["hr.employee.public"]
        self.assertFalse(Public.with_user(self.user_plain).browse(self.emp_b.id).exemplar_eligible)
        self.assertTrue(Public.with_user(self.user_manager).browse(self.emp_b.id).exemplar_eligible)
        self.assertFalse(Public.with_user(self.user_plain).browse(self.emp_b.id).exemplar_eligible)

    def test_contract_fields_follow_a_history_change_in_the_same_transaction(self):
        Public = self.env["hr.employee.public"].with_user(self.user_manager)
        self.assertEqual(Public.browse(self.emp_c.id).exemplar_missing, 2)
        self.award(self.emp_c, self.type_soldier, 2024)
        self.award(self.emp_c, self.type_soldier, 2025)
        self.assertTrue(Public.browse(self.emp_c.id).exemplar_eligible)
        self.assertIn(self.emp_c.id, Public.search([("exemplar_eligible", "=", True)]).ids)


@tagged("at_install")
class TestNoPlantedNomination(AccessCase):
    def propose(self, vals=None, context=None):
        Nomination = self.env["emulation.nomination"].with_user(self.user_manager)
        return Nomination.with_context(**(context or {})).create(
            {"campaign_id": self.campaign.id, "employee_id": self.emp_head.id, **(vals or {})}
        )

    def test_no_later_stage_through_the_context(self):
        for stage in ("selected", "registered", "honoured"):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.propose(context={"default_stage": stage})

    def test_no_planted_snapshot_or_registration(self):
        planted = (
            {"snapshot_eligible": True},
            {"snapshot_date": "2024-01-01"},
            {"registration_date": "2024-01-01"},
        )
        for vals in planted:
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.propose(vals)
            key, value = next(iter(vals.items()))
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.propose(context={"default_" + key: value})

    def test_a_plain_proposal_still_works(self):
        nomination = self.propose({"achievements": "Bảo hộ công dân"})
        self.assertEqual(nomination.stage, "detected")
        self.assertFalse(nomination.snapshot_date)
        self.assertFalse(nomination.registration_date)


@tagged("at_install")
class TestMessagesNameOnlyWhatIsReadable(AccessCase):
    def test_duplicate_nomination_outside_the_managers_units(self):
        """An already nominated (by the officer); the manager of Consular Affairs may not read
        that nomination: the refusal names neither its stage nor the campaign's nominee."""
        self.nom_a.sudo().stage = "selected"
        Nomination = self.env["emulation.nomination"].with_user(self.user_manager)
        with self.assertRaises(Exception) as caught:
            Nomination.create({"campaign_id": self.campaign.id, "employee_id": self.emp_a.id})
        message = str(caught.exception)
        self.assertIsInstance(caught.exception, (ValidationError, AccessError))
        self.assertNotIn(self.emp_a.name, message)
        self.assertNotIn("Selected", message)

    def test_duplicate_classification_of_another_company(self):
        Classification = self.env["emulation.classification"].with_user(self.user_officer_2)
        with self.assertRaises(Exception) as caught:
            Classification.create({"employee_id": self.emp_a.id, "year": 2023, "level": "good"})
        self.assertIsInstance(caught.exception, (ValidationError, AccessError, UserError))
        self.assertNotIn(self.emp_a.name, str(caught.exception))

    def test_duplicate_classification_named_for_who_may_read(self):
        Classification = self.env["emulation.classification"].with_user(self.user_officer)
        with self.assertRaises(ValidationError) as caught:
            Classification.create({"employee_id": self.emp_a.id, "year": 2023, "level": "good"})
        self.assertIn(self.emp_a.name, str(caught.exception))


@tagged("at_install")
class TestFollowersOfPersonnelMatters(AccessCase):
    def test_followers_of_classifications_and_nominations(self):
        partner = self.user_officer.partner_id
        self.cl_b.message_subscribe(partner.ids)
        self.nom_b.message_subscribe(partner.ids)
        domain = [
            ("res_model", "in", ["emulation.classification", "emulation.nomination"]),
            ("res_id", "in", [self.cl_b.id, self.nom_b.id]),
            ("partner_id", "=", partner.id),
        ]
        Followers = self.env["mail.followers"]
        self.assertEqual(len(Followers.with_user(self.user_officer).search(domain)), 2)
        for user in (self.user_plain, self.user_manager):
            self.assertFalse(Followers.with_user(user).search(domain), user.login)
            with self.assertRaises(AccessError):
                Followers.with_user(user).browse(Followers.search(domain).ids).read(["res_id"])
        # the followers of public honours stay public
        self.awards[:1].message_subscribe(partner.ids)
        self.assertTrue(
            Followers.with_user(self.user_plain).search(
                [("res_model", "=", "emulation.award"), ("partner_id", "=", partner.id)]
            )
        )

    def test_followers_of_a_units_registration(self):
        registration = self.env["emulation.registration"].create(
            {"year": 2025, "department_id": self.unit_consular.id}
        )
        partner = self.user_officer.partner_id
        registration.message_subscribe(partner.ids)
        domain = [
            ("res_model", "=", "emulation.registration"),
            ("res_id", "=", registration.id),
            ("partner_id", "=", partner.id),
        ]
        Followers = self.env["mail.followers"]
        self.assertTrue(Followers.with_user(self.user_officer).search(domain))
        self.assertFalse(Followers.with_user(self.user_plain).search(domain))
