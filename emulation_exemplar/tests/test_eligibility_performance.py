from odoo.tests import tagged

from ..core import eligibility as rules
from .common import EmulationCase


@tagged("at_install")
class TestEligibilityPerformance(EmulationCase):
    """The cached criteria stay correct, and the batched paths read only what they need."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_staff = cls.env.ref("emulation_exemplar.criteria_plan198_staff")
        cls.staff = cls.env["hr.employee"].create(
            {"name": "Võ Thị Hoa", "department_id": cls.unit_consular.id}
        )

    def staff_rules(self):
        return self.env["emulation.criteria.set"]._exemplar_rules()[("staff", False)][1]

    def test_cached_rules_follow_the_criteria(self):
        Sets = self.env["emulation.criteria.set"]
        set_id, criteria = Sets._exemplar_rules()[("staff", False)]
        self.assertEqual(set_id, self.set_staff.id)
        self.assertIs(Sets._exemplar_rules()[("staff", False)][1], criteria, "cached")
        alternative = self.set_staff.alternative_ids[-1]
        alternative.name = "Two soldier titles"
        names = [a.name for a in self.staff_rules().alternatives]
        self.assertIn("Two soldier titles", names)
        alternative.update_field_translations("name", {"en_US": "Two titles"})
        names = [a.name for a in self.staff_rules().alternatives]
        self.assertIn("Two titles", names, "a translation edit clears the cache too")
        self.set_staff.active = False
        self.assertNotIn(("staff", False), Sets._exemplar_rules())

    def test_renamed_award_type_is_used_in_the_next_explanation(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.assertIn(self.type_soldier.name, self.staff.exemplar_explanation)
        self.type_soldier.name = "Emulation soldier (grassroots)"
        self.award(self.staff, self.type_prov, 2023)
        self.assertTrue(self.staff.exemplar_eligible)
        self.assertIn("Emulation soldier (grassroots)", self.staff.exemplar_explanation)

    def test_counts_read_only_the_history_the_criteria_need(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.classify(self.staff, 2022, "excellent")
        self.env.flush_all()
        employees = self.staff
        every = employees._exemplar_counts(2021, 2025)[self.staff.id]
        self.assertEqual(every.awards, {(self.type_soldier.id, 2022): 1})
        self.assertEqual(every.classifications, {2022: "excellent"})
        with self.assertQueryCount(__system__=1):
            some = employees._exemplar_counts(2021, 2025, kinds={rules.AWARD_COUNT})
        self.assertEqual(some[self.staff.id].awards, every.awards)
        self.assertFalse(some[self.staff.id].classifications, "not read")
        self.award(
            self.staff, self.type_flag.copy({"recipient_scope": "both", "code": "BENCH_FLAG"}), 2023
        )
        self.env.flush_all()
        self.assertEqual(len(employees._exemplar_counts(2021, 2025)[self.staff.id].awards), 2)
        named = employees._exemplar_counts(
            2021, 2025, kinds={rules.AWARD_COUNT}, award_type_ids={self.type_soldier.id}
        )
        self.assertEqual(named[self.staff.id].awards, every.awards, "only the types named")

    def test_one_update_sends_each_explanation_once(self):
        people = self.env["hr.employee"].create(
            [{"name": "Person %s" % i, "department_id": self.unit_office.id} for i in range(5)]
        )
        self.env.flush_all()
        results = people._exemplar_results()
        self.assertEqual(len({id(values) for values in results.values()}), 1, "shared")
        people._exemplar_recompute()
        self.assertEqual(set(people.mapped("exemplar_missing")), {2})
        self.assertEqual(len(set(people.mapped("exemplar_explanation"))), 1)
