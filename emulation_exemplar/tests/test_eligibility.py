from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.eligibility import OWNER_FIELD
from .common import EmulationCase


@tagged("at_install")
class TestEligibility(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_collective = cls.env.ref("emulation_exemplar.criteria_plan198_collective")
        cls.set_key = cls.env.ref("emulation_exemplar.criteria_plan198_key_cadre")
        cls.set_staff = cls.env.ref("emulation_exemplar.criteria_plan198_staff")
        Employee = cls.env["hr.employee"]
        cls.staff = Employee.create({"name": "Lê Văn Cường", "department_id": cls.unit_consular.id})
        cls.boss = Employee.create({"name": "Phạm Thị Dung", "department_id": cls.unit_office.id})
        cls.unit_office.manager_id = cls.boss
        cls.unit = cls.env["hr.department"].create({"name": "International Cooperation"})

    def initiative(self, employees, year, level="provincial", applied=True):
        return self.env["emulation.initiative"].create(
            {
                "name": "Initiative %s" % year,
                "employee_ids": [(6, 0, employees.ids)],
                "year": year,
                "level": level,
                "applied_effectively": applied,
            }
        )

    # ------------------------------------------------------------------ categories
    def test_category_default_and_override(self):
        self.assertEqual(self.staff.emulation_category, "staff")
        self.assertEqual(self.boss.emulation_category, "key_cadre", "a department manager")
        self.staff.parent_id = self.emp_a
        self.assertEqual(self.emp_a.emulation_category, "key_cadre", "has a direct report")
        # an officer's override survives later changes
        self.emp_a.emulation_category = "staff"
        self.assertEqual(self.emp_a.emulation_category_manual_ids.category, "staff")
        self.assertTrue(self.emp_a.emulation_category_by_hand)
        self.emp_b.parent_id = self.emp_a
        self.assertEqual(self.emp_a.emulation_category, "staff")
        self.emp_a.action_reset_emulation_category()
        self.assertEqual(self.emp_a.emulation_category, "key_cadre")

    # ------------------------------------------------------------------ staff paths
    def test_staff_two_soldier_years(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.assertFalse(self.staff.exemplar_eligible)
        self.assertEqual(self.staff.exemplar_missing, 1)
        self.award(self.staff, self.type_soldier, 2024)
        self.assertTrue(self.staff.exemplar_eligible)
        self.assertEqual(self.staff.exemplar_missing, 0)
        self.assertEqual(self.staff.exemplar_criteria_set_id, self.set_staff)
        self.assertEqual(self.staff.exemplar_path, "2 grassroots emulation soldier titles")
        self.assertIn("2022", self.staff.exemplar_explanation)
        self.assertIn("2024", self.staff.exemplar_explanation)

    def test_staff_soldier_outside_period_does_not_count(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.award(self.staff, self.type_soldier, 2019)
        self.assertFalse(self.staff.exemplar_eligible)
        self.assertEqual(self.staff.exemplar_missing, 1)

    def test_staff_provincial_merit_and_soldier(self):
        self.award(self.staff, self.type_prov, 2023)
        self.assertEqual(self.staff.exemplar_missing, 1)
        self.award(self.staff, self.type_soldier, 2021)
        self.assertTrue(self.staff.exemplar_eligible)
        self.assertEqual(
            self.staff.exemplar_path,
            "1 provincial certificate of merit and 1 grassroots emulation soldier title",
        )

    def test_archiving_an_award_stops_it_counting(self):
        self.award(self.staff, self.type_soldier, 2022)
        award = self.award(self.staff, self.type_soldier, 2023)
        self.assertTrue(self.staff.exemplar_eligible)
        award.active = False
        self.assertFalse(self.staff.exemplar_eligible)
        award.active = True
        self.assertTrue(self.staff.exemplar_eligible)
        award.year = 2026
        self.assertFalse(self.staff.exemplar_eligible, "moved out of the period")

    # ------------------------------------------------------------------ key cadre paths
    def test_key_cadre_initiative(self):
        self.initiative(self.boss, 2022, applied=False)
        self.assertFalse(self.boss.exemplar_eligible, "not applied effectively")
        self.initiative(self.boss, 2022, level="grassroots")
        self.assertFalse(self.boss.exemplar_eligible, "grassroots level is not enough")
        initiative = self.initiative(self.boss | self.staff, 2023, level="national")
        self.assertTrue(self.boss.exemplar_eligible, "national counts for provincial or higher")
        self.assertEqual(self.boss.exemplar_path, "A provincial initiative applied effectively")
        initiative.employee_ids = [(3, self.boss.id)]
        self.assertFalse(self.boss.exemplar_eligible, "removed from the authors")

    def test_key_cadre_two_provincial_merits(self):
        self.award(self.boss, self.type_prov, 2021)
        self.assertEqual(self.boss.exemplar_missing, 1)
        self.award(self.boss, self.type_prov, 2025)
        self.assertTrue(self.boss.exemplar_eligible)
        self.assertEqual(self.boss.exemplar_path, "2 provincial certificates of merit")

    def test_key_cadre_provincial_and_central_merit(self):
        self.award(self.boss, self.type_prov, 2022)
        self.award(self.boss, self.type_central, 2023)
        self.assertTrue(self.boss.exemplar_eligible)
        self.assertEqual(
            self.boss.exemplar_path, "1 provincial and 1 ministry or central certificate of merit"
        )

    def test_key_cadre_three_soldier_titles(self):
        for year in (2021, 2022):
            self.award(self.boss, self.type_soldier, year)
        self.assertFalse(self.boss.exemplar_eligible)
        self.assertEqual(self.boss.exemplar_missing, 1)
        self.award(self.boss, self.type_soldier, 2023)
        self.assertTrue(self.boss.exemplar_eligible)

    # ------------------------------------------------------------------ collective paths
    def _classify_unit(self, levels):
        for year, level in levels.items():
            self.classify(self.unit, year, level)

    def test_unit_two_provincial_merits(self):
        self._classify_unit(
            {2021: "excellent", 2022: "excellent", 2023: "excellent", 2024: "good", 2025: "good"}
        )
        self.award(self.unit, self.type_prov, 2022)
        self.assertEqual(self.unit.exemplar_missing, 1)
        self.award(self.unit, self.type_prov, 2024)
        self.assertTrue(self.unit.exemplar_eligible)
        self.assertEqual(self.unit.exemplar_criteria_set_id, self.set_collective)

    def test_unit_provincial_and_mofa_merit(self):
        self._classify_unit(
            {2021: "excellent", 2022: "good", 2023: "excellent", 2024: "excellent", 2025: "good"}
        )
        self.award(self.unit, self.type_prov, 2022)
        self.award(self.unit, self.type_mofa, 2023)
        self.assertTrue(self.unit.exemplar_eligible)

    def test_unit_central_merit_is_not_mofa(self):
        self._classify_unit(
            {2021: "excellent", 2022: "good", 2023: "excellent", 2024: "excellent", 2025: "good"}
        )
        self.award(self.unit, self.type_prov, 2022)
        self.award(self.unit, self.type_central, 2023)
        self.assertFalse(
            self.unit.exemplar_eligible, "a unit needs the Ministry of Foreign Affairs'"
        )
        self.assertEqual(self.unit.exemplar_missing, 1)

    def test_unit_needs_three_excellent_years(self):
        self._classify_unit(
            {2021: "excellent", 2022: "good", 2023: "excellent", 2024: "good", 2025: "good"}
        )
        self.award(self.unit, self.type_prov, 2022)
        self.award(self.unit, self.type_prov, 2024)
        self.assertFalse(self.unit.exemplar_eligible)
        self.assertEqual(self.unit.exemplar_missing, 1)

    def test_unit_missing_a_year_is_named(self):
        self._classify_unit({2021: "excellent", 2022: "excellent", 2024: "excellent", 2025: "good"})
        self.award(self.unit, self.type_prov, 2022)
        self.award(self.unit, self.type_prov, 2024)
        self.assertFalse(self.unit.exemplar_eligible)
        self.assertEqual(self.unit.exemplar_missing, 1)
        self.assertIn("2023", self.unit.exemplar_explanation)
        # recording the year makes it eligible
        self.classify(self.unit, 2023, "good")
        self.assertTrue(self.unit.exemplar_eligible)

    def test_unit_award_does_not_count_for_members(self):
        self.award(self.unit_consular, self.type_prov, 2022)
        self.award(self.unit_consular, self.type_prov, 2023)
        self.assertFalse(self.staff.exemplar_eligible)
        self.assertEqual(self.staff.exemplar_missing, 2, "the unit's awards are not the member's")
        self.assertEqual(self.unit_consular.emulation_award_count, 2)
        self.assertEqual(self.staff.emulation_award_count, 0)

    # ------------------------------------------------------------------ criteria changes
    def test_changing_the_period_recomputes(self):
        self.award(self.staff, self.type_soldier, 2021)
        self.award(self.staff, self.type_soldier, 2026 - 1)
        self.assertTrue(self.staff.exemplar_eligible)
        self.set_staff.year_from = 2022
        self.assertFalse(self.staff.exemplar_eligible)
        self.assertEqual(self.staff.exemplar_missing, 1)

    def test_changing_a_condition_number_recomputes(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.award(self.staff, self.type_soldier, 2023)
        self.assertTrue(self.staff.exemplar_eligible)
        condition = self.env.ref("emulation_exemplar.criteria_plan198_staff_alt2_cond1")
        condition.min_count = 3
        self.assertFalse(self.staff.exemplar_eligible)
        condition.min_count = 2
        self.assertTrue(self.staff.exemplar_eligible)

    def test_archiving_the_set_and_activating_another(self):
        self.award(self.staff, self.type_soldier, 2027 - 1)
        self.set_staff.active = False
        self.assertFalse(self.staff.exemplar_criteria_set_id)
        self.assertFalse(self.staff.exemplar_eligible)
        new = self.env["emulation.criteria.set"].create(
            {
                "name": "Next period",
                "recipient_kind": "staff",
                "year_from": 2026,
                "year_to": 2030,
                "company_id": False,
                "alternative_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "1 soldier title",
                            "condition_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "kind": "award_count",
                                        "min_count": 1,
                                        "award_type_ids": [(6, 0, self.type_soldier.ids)],
                                    },
                                )
                            ],
                        },
                    )
                ],
            }
        )
        self.assertEqual(self.staff.exemplar_criteria_set_id, new)
        self.assertTrue(self.staff.exemplar_eligible)

    def test_only_one_active_set_per_kind(self):
        with self.assertRaisesRegex(ValidationError, "Archive it"):
            self.set_staff.copy({"name": "Duplicate"})

    def test_bad_conditions(self):
        alternative = self.set_staff.alternative_ids[0]
        Condition = self.env["emulation.criteria.condition"]
        with self.assertRaises(ValidationError):
            Condition.create(
                {"alternative_id": alternative.id, "kind": "award_count", "min_count": 1}
            )
        with self.assertRaises(ValidationError):
            Condition.create(
                {
                    "alternative_id": alternative.id,
                    "kind": "award_count",
                    "min_count": 0,
                    "award_type_ids": [(6, 0, self.type_prov.ids)],
                }
            )
        with self.assertRaises(ValidationError):
            self.set_staff.year_to = 2020

    # ------------------------------------------------------------------ batching
    def test_query_count_does_not_grow_with_records(self):
        Employee = self.env["hr.employee"]
        people = Employee.create(
            [{"name": "Person %s" % i, "department_id": self.unit_office.id} for i in range(50)]
        )
        for person in people:
            self.award(person, self.type_soldier, 2022)
        self.env.flush_all()

        def queries(records):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records._exemplar_recompute()
            return self.cr.sql_log_count - before

        one, fifty = queries(people[:1]), queries(people)
        self.assertEqual(one, fifty, "no query per record")
        self.assertLessEqual(fifty, 20, "a few queries per installed language, none per record")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=fifty):
            people._exemplar_recompute()
        self.assertEqual(set(people.mapped("exemplar_missing")), {1})

    def test_incremental_recompute_touches_only_the_owner(self):
        Eligibility = self.env["emulation.eligibility"]
        self.award(self.staff, self.type_soldier, 2022)
        self.env.cr.flush()
        self.assertEqual(Eligibility._eligibility_queued(), dict.fromkeys(OWNER_FIELD, set()))
        self.award(self.staff, self.type_soldier, 2023)
        queued = Eligibility._eligibility_queued()
        self.assertEqual(queued["hr.employee"], set(self.staff.ids))
        # the Law's sets for collectives judge members: the person's unit and those above it
        self.assertTrue(Eligibility._eligibility_counts_members())
        self.assertEqual(
            queued["hr.department"],
            {int(i) for i in self.staff.department_id.parent_path.split("/") if i},
        )
        # reading the result runs the queue: those records only
        self.assertTrue(self.staff.exemplar_eligible)
        self.assertEqual(Eligibility._eligibility_queued(), dict.fromkeys(OWNER_FIELD, set()))
        # without a set judging members, the units are left alone
        self.env["emulation.criteria.set"].search(
            [("recipient_kind", "=", "collective"), ("award_type_id", "!=", False)]
        ).action_archive()
        self.assertFalse(Eligibility._eligibility_counts_members())
        self.award(self.staff, self.type_prov, 2024)
        queued = Eligibility._eligibility_queued()
        self.assertEqual(queued["hr.employee"], set(self.staff.ids))
        self.assertFalse(queued["hr.department"])
