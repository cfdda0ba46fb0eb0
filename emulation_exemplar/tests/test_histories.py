from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EmulationCase


@tagged("at_install")
class TestHistories(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.next_year = fields.Date.context_today(cls.env["emulation.award"]).year + 1
        cls.type_advanced_collective = cls.env.ref(
            "emulation_exemplar.award_type_advanced_collective"
        )

    def initiative(self, employees, year=2023, **vals):
        values = {
            "name": "Initiative %s" % year,
            "employee_ids": [(6, 0, employees.ids)],
            "year": year,
        }
        values.update(vals)
        return self.env["emulation.initiative"].create(values)

    # ------------------------------------------------------------------ award scope
    def test_unit_only_type_refused_to_a_person(self):
        with self.assertRefused(
            ValidationError,
            "Provincial emulation flag is awarded to units only: it cannot be given to a person. "
            "Choose the unit as recipient",
        ):
            self.award(self.emp_a, self.type_flag, 2023)
        # the reverse direction of a valid record: the same type for the unit is fine
        self.assertTrue(self.award(self.unit_office, self.type_flag, 2023))

    def test_person_only_type_refused_to_a_unit(self):
        with self.assertRefused(
            ValidationError,
            "Grassroots emulation soldier is awarded to people only: it cannot be given to a unit. "
            "Choose a person as recipient",
        ):
            self.award(self.unit_office, self.type_soldier, 2023)
        self.assertTrue(self.award(self.emp_a, self.type_soldier, 2023))

    def test_changing_the_type_is_checked_too(self):
        award = self.award(self.emp_a, self.type_prov, 2023)
        with self.assertRefused(ValidationError, "awarded to units only"):
            award.award_type_id = self.type_flag

    # ------------------------------------------------------------------ recipient
    def test_individual_needs_the_employee_and_no_unit(self):
        for model, extra in (
            ("emulation.award", {"award_type_id": self.type_prov.id}),
            ("emulation.classification", {"level": "good"}),
        ):
            Model = self.env[model]
            base = dict(extra, year=2023, recipient_type="individual")
            with self.subTest(model=model, case="both"):
                with self.assertRefused(
                    ValidationError,
                    "A record for an individual needs the employee, and no unit. Choose the "
                    "employee, or set the recipient type to Collective.",
                ):
                    Model.create(
                        dict(base, employee_id=self.emp_a.id, department_id=self.unit_office.id)
                    )
            with self.subTest(model=model, case="neither"):
                with self.assertRefused(
                    ValidationError, "A record for an individual needs the employee, and no unit"
                ):
                    Model.create(base)

    def test_collective_needs_the_unit_and_no_employee(self):
        for model, extra in (
            ("emulation.award", {"award_type_id": self.type_prov.id}),
            ("emulation.classification", {"level": "good"}),
        ):
            Model = self.env[model]
            base = dict(extra, year=2023, recipient_type="collective")
            with self.subTest(model=model, case="both"):
                with self.assertRefused(
                    ValidationError,
                    "A record for a collective needs the unit, and no employee. Choose the unit, "
                    "or set the recipient type to Individual.",
                ):
                    Model.create(
                        dict(base, employee_id=self.emp_a.id, department_id=self.unit_office.id)
                    )
            with self.subTest(model=model, case="neither"):
                with self.assertRefused(
                    ValidationError, "A record for a collective needs the unit, and no employee"
                ):
                    Model.create(base)

    def test_recipient_type_follows_the_recipient_when_not_given(self):
        """An imported row with only the unit filled is a collective record."""
        award = self.env["emulation.award"].create(
            {"award_type_id": self.type_flag.id, "year": 2023, "department_id": self.unit_office.id}
        )
        self.assertEqual(award.recipient_type, "collective")
        classification = self.env["emulation.classification"].create(
            {"year": 2023, "level": "excellent", "employee_id": self.emp_a.id}
        )
        self.assertEqual(classification.recipient_type, "individual")

    # ------------------------------------------------------------------ one per year
    def test_second_classification_same_year_refused(self):
        self.classify(self.emp_a, 2023, "good")
        with self.assertRefused(
            ValidationError,
            r"^Nguyễn Văn An already has a classification for 2023\. Edit that one instead of "
            r"adding a second\.$",
        ):
            self.classify(self.emp_a, 2023, "excellent")
        # another year, or another person the same year, is fine
        self.assertTrue(self.classify(self.emp_a, 2024, "excellent"))
        self.assertTrue(self.classify(self.emp_b, 2023, "excellent"))

    def test_second_classification_refused_when_the_first_is_archived(self):
        first = self.classify(self.unit_office, 2023, "good")
        first.action_archive()
        with self.assertRefused(
            ValidationError,
            r"^Office–Inspectorate already has a classification for 2023 \(archived\)\. Edit that "
            r"one instead of adding a second\.$",
        ):
            self.classify(self.unit_office, 2023, "excellent")

    def test_second_classification_in_one_batch_or_by_editing_refused(self):
        Classification = self.env["emulation.classification"]
        with self.assertRefused(ValidationError, "already has a classification for 2022"):
            Classification.create(
                [
                    {"employee_id": self.emp_b.id, "year": 2022, "level": "good"},
                    {"employee_id": self.emp_b.id, "year": 2022, "level": "completed"},
                ]
            )
        self.classify(self.emp_b, 2022, "good")
        other = self.classify(self.emp_b, 2021, "good")
        with self.assertRefused(ValidationError, "Trần Thị Bình already has a classification"):
            other.year = 2022
        with self.assertRefused(ValidationError, "Trần Thị Bình already has a classification"):
            self.classify(self.emp_a, 2022, "good").employee_id = self.emp_b
        # a unit and a person are different recipients
        self.assertTrue(self.classify(self.unit_consular, 2022, "good"))

    # ------------------------------------------------------------------ years and dates
    def test_year_before_1945_or_after_next_year_refused(self):
        message = "The year %s is not valid: enter a year between 1945 and %s."
        makers = {
            "award": lambda year: self.award(self.emp_a, self.type_prov, year),
            "classification": lambda year: self.classify(self.emp_a, year, "good"),
            "initiative": lambda year: self.initiative(self.emp_a, year),
        }
        for name, make in makers.items():
            for year in (1944, self.next_year + 1, 0):
                with (
                    self.subTest(model=name, year=year),
                    self.assertRefused(ValidationError, message % (year, self.next_year)),
                ):
                    make(year)
            # the bounds themselves are accepted
            self.assertEqual(make(1945).year, 1945)
            self.assertEqual(make(self.next_year).year, self.next_year)

    def test_decision_date_before_the_year_refused(self):
        message = (
            "The decision date 31/12/2022 is earlier than the year 2023 the achievement counts "
            "for. Check the year or the decision date."
        )
        makers = {
            "award": lambda **kw: self.award(self.emp_a, self.type_prov, 2023, **kw),
            "classification": lambda **kw: self.classify(self.emp_a, 2023, "good", **kw),
            "initiative": lambda **kw: self.initiative(self.emp_a, 2023, **kw),
        }
        for name, make in makers.items():
            with self.subTest(model=name), self.assertRefused(ValidationError, message):
                make(decision_date=date(2022, 12, 31))
            # decided in the same year or later is fine
            record = make(decision_date=date(2023, 1, 1))
            record.decision_date = date(2024, 2, 1)
            # ... and moving the year after the decision is checked too
            with self.assertRefused(ValidationError, "earlier than the year 2025"):
                record.year = 2025
            record.unlink()

    # ------------------------------------------------------------------ initiatives
    def test_initiative_without_author_refused(self):
        Initiative = self.env["emulation.initiative"]
        message = r"The initiative Paperless archive has no author: add at least one employee\."
        with self.assertRefused(ValidationError, message):
            Initiative.create({"name": "Paperless archive", "year": 2023})
        with self.assertRefused(ValidationError, message):
            Initiative.create({"name": "Paperless archive", "year": 2023, "employee_ids": []})
        initiative = self.initiative(self.emp_a | self.emp_b, name="Paperless archive")
        self.assertEqual(initiative.employee_ids, self.emp_a | self.emp_b)
        with self.assertRefused(ValidationError, message):
            initiative.employee_ids = [(5, 0, 0)]
        self.assertIn(initiative, self.emp_b.emulation_initiative_ids)
        self.assertEqual(self.emp_b.emulation_initiative_count, 1)

    # ------------------------------------------------------------------ unit/person split
    def test_collective_award_shows_on_the_unit_not_on_its_members(self):
        unit_award = self.award(self.unit_office, self.type_advanced_collective, 2023)
        person_award = self.award(self.emp_a, self.type_soldier, 2023)
        self.assertEqual(self.unit_office.emulation_award_ids, unit_award)
        self.assertEqual(self.unit_office.emulation_award_count, 1)
        self.assertEqual(self.emp_a.emulation_award_ids, person_award)
        self.assertEqual(self.emp_a.emulation_award_count, 1)
        # the member's award counts for the unit's statistics, without being the unit's own
        self.assertEqual(person_award.unit_id, self.unit_office)
        self.assertEqual(unit_award.unit_id, self.unit_office)
        Award = self.env["emulation.award"]
        self.assertEqual(Award.search_count([("unit_id", "=", self.unit_office.id)]), 2)
        classification = self.classify(self.unit_office, 2023, "excellent")
        self.assertEqual(self.unit_office.emulation_classification_ids, classification)
        self.assertFalse(self.emp_a.emulation_classification_ids)

    def test_unit_id_computed_and_kept(self):
        award = self.award(self.emp_a, self.type_prov, 2023)
        self.assertEqual(award.unit_id, self.unit_office)
        # the unit at the time of recording stays when the person moves later
        self.emp_a.department_id = self.unit_consular
        self.assertEqual(award.unit_id, self.unit_office)
        # ... it follows a change of recipient, and an officer may correct it
        award.employee_id = self.emp_b
        self.assertEqual(award.unit_id, self.unit_consular)
        award.unit_id = self.unit_office
        self.assertEqual(award.unit_id, self.unit_office)
        collective = self.award(self.unit_consular, self.type_prov, 2023)
        self.assertEqual(collective.unit_id, self.unit_consular)
        nobody = self.env["hr.employee"].create({"name": "Không Phòng"})
        self.assertFalse(self.award(nobody, self.type_prov, 2023).unit_id)

    # ------------------------------------------------------------------ archive
    def test_archived_award_leaves_active_lists_but_is_kept(self):
        award = self.award(self.emp_a, self.type_prov, 2023)
        unit_award = self.award(self.unit_office, self.type_prov, 2023)
        (award | unit_award).action_archive()
        Award = self.env["emulation.award"]
        self.assertFalse(self.emp_a.emulation_award_ids)
        self.assertEqual(self.emp_a.emulation_award_count, 0)
        self.assertFalse(self.unit_office.emulation_award_ids)
        self.assertEqual(self.unit_office.emulation_award_count, 0)
        self.assertFalse(Award.search([("employee_id", "=", self.emp_a.id)]))
        kept = Award.with_context(active_test=False).search([("employee_id", "=", self.emp_a.id)])
        self.assertEqual(kept, award)
        self.assertEqual(self.emp_a.with_context(active_test=False).emulation_award_ids, award)
        award.action_unarchive()
        self.assertEqual(self.emp_a.emulation_award_ids, award)

    def test_archived_employee_keeps_history(self):
        award = self.award(self.emp_a, self.type_prov, 2022)
        classification = self.classify(self.emp_a, 2022, "excellent")
        initiative = self.initiative(self.emp_a, 2022)
        self.emp_a.action_archive()
        self.assertFalse(self.emp_a.active)
        self.assertTrue(award.exists() and classification.exists() and initiative.exists())
        self.assertTrue(award.active and classification.active and initiative.active)
        # the usual "Archived" filter finds the person, with the history on the record
        Employee = self.env["hr.employee"].with_context(active_test=False)
        archived = Employee.search([("active", "=", False), ("name", "=", "Nguyễn Văn An")])
        self.assertEqual(archived, self.emp_a)
        self.assertEqual(archived.emulation_award_ids, award)
        self.assertEqual(archived.emulation_classification_ids, classification)
        self.assertEqual(archived.emulation_initiative_ids, initiative)
        self.assertEqual(archived.emulation_award_count, 1)
        # the history lists still show the records of the archived person
        self.assertEqual(
            self.env["emulation.award"].search([("employee_id", "=", self.emp_a.id)]), award
        )
        self.assertEqual(award.employee_id, self.emp_a)

    # ------------------------------------------------------------------ restrict on delete
    def test_employee_with_history_cannot_be_deleted(self):
        message = (
            r"^Nguyễn Văn An has emulation history \(awards, classifications or initiatives\) and "
            r"cannot be deleted, so that the history is kept\. Archive the employee instead\.$"
        )
        makers = (
            lambda: self.award(self.emp_a, self.type_prov, 2023),
            lambda: self.classify(self.emp_a, 2023, "good"),
            lambda: self.initiative(self.emp_a | self.emp_b, 2023),
        )
        for make in makers:
            record = make()
            with self.assertRefused(UserError, message):
                self.emp_a.unlink()
            # an archived history record is history too
            record.action_archive()
            with self.assertRefused(UserError, message):
                self.emp_a.unlink()
            record.unlink()
        self.assertTrue(self.emp_a.exists())
        # without history, deletion works
        self.emp_a.unlink()
        self.assertFalse(self.emp_a.exists())

    def test_unit_with_history_cannot_be_deleted(self):
        message = (
            r"^The unit Consular Affairs has emulation history \(awards or classifications of the "
            r"unit or of its staff\) and cannot be deleted, so that the history is kept\. Archive "
            r"the unit instead\.$"
        )
        makers = (
            lambda: self.award(self.unit_consular, self.type_prov, 2023),
            lambda: self.classify(self.unit_consular, 2023, "good"),
            # an award of a member counts for the unit's statistics
            lambda: self.award(self.emp_b, self.type_prov, 2023),
        )
        for make in makers:
            record = make()
            with self.assertRefused(UserError, message):
                self.unit_consular.unlink()
            record.unlink()
        self.emp_b.department_id = self.unit_office
        self.unit_consular.unlink()
        self.assertFalse(self.unit_consular.exists())

    # ------------------------------------------------------------------ authority, names
    def test_authority_defaults_from_the_type_and_stays_editable(self):
        award = self.award(self.emp_a, self.type_prov, 2023)
        self.assertEqual(award.authority, "Chairman of the Provincial People's Committee")
        award.authority = "Phó Chủ tịch UBND tỉnh"
        self.assertEqual(award.authority, "Phó Chủ tịch UBND tỉnh")
        award.decision_number = "12/QĐ-UBND"
        self.assertEqual(award.authority, "Phó Chủ tịch UBND tỉnh", "kept on other edits")
        # a new type brings its own authority
        award.award_type_id = self.type_mofa
        self.assertEqual(award.authority, "Minister of Foreign Affairs")
        # an explicit authority at creation wins over the type's
        given = self.award(self.emp_b, self.type_prov, 2023, authority="Ủy ban nhân dân tỉnh")
        self.assertEqual(given.authority, "Ủy ban nhân dân tỉnh")
        # a type without authority leaves it empty (or as entered)
        bare = self.env["emulation.award.type"].create({"name": "Local letter", "code": "LOCAL"})
        self.assertFalse(self.award(self.emp_a, bare, 2023).authority)
        given.award_type_id = bare
        self.assertEqual(given.authority, "Ủy ban nhân dân tỉnh")

    def test_display_names(self):
        award = self.award(self.emp_a, self.type_soldier, 2023)
        self.assertEqual(award.display_name, "Grassroots emulation soldier – Nguyễn Văn An (2023)")
        unit_award = self.award(self.unit_office, self.type_flag, 2024)
        self.assertEqual(
            unit_award.display_name, "Provincial emulation flag – Office–Inspectorate (2024)"
        )
        classification = self.classify(self.emp_b, 2022, "not_completed")
        self.assertEqual(classification.display_name, "Trần Thị Bình 2022: Not completed")
        initiative = self.initiative(self.emp_a, name="Paperless archive")
        self.assertEqual(initiative.display_name, "Paperless archive")

    def test_access(self):
        Award = self.env["emulation.award"]
        values = {
            "recipient_type": "individual",
            "employee_id": self.emp_a.id,
            "award_type_id": self.type_prov.id,
            "year": 2023,
            "decision_number": "12/QĐ-UBND",
            "decision_date": date(2024, 1, 10),
        }
        for user in (self.user_plain, self.user_manager):
            with self.assertRaises(AccessError):
                Award.with_user(user).create(values)
        award = Award.with_user(self.user_officer).create(values)
        # everyone reads awards; only the administrator deletes, officers archive
        self.assertEqual(award.with_user(self.user_plain).display_name, award.display_name)
        with self.assertRaises(AccessError):
            award.with_user(self.user_officer).unlink()
        award.with_user(self.user_officer).action_archive()
        self.assertFalse(award.active)
        award.with_user(self.user_admin).unlink()
        self.assertFalse(award.exists())
