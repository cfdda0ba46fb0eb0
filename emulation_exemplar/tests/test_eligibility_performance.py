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

    def rules_of(self, criteria_set):
        Sets = self.env["emulation.criteria.set"]
        return next((r for r in Sets._exemplar_rules() if r.id == criteria_set.id), None)

    def test_cached_rules_follow_the_criteria(self):
        Sets = self.env["emulation.criteria.set"]
        first = self.rules_of(self.set_staff)
        self.assertEqual(first.recipient_kind, "staff")
        self.assertFalse(first.award_type_id, "the plan's exemplar set")
        self.assertIs(Sets._exemplar_rules(), Sets._exemplar_rules(), "cached")
        alternative = self.set_staff.alternative_ids[-1]
        alternative.name = "Two soldier titles"
        names = [a.name for a in self.rules_of(self.set_staff).criteria.alternatives]
        self.assertIn("Two soldier titles", names)
        alternative.update_field_translations("name", {"en_US": "Two titles"})
        names = [a.name for a in self.rules_of(self.set_staff).criteria.alternatives]
        self.assertIn("Two titles", names, "a translation edit clears the cache too")
        self.set_staff.active = False
        self.assertIsNone(self.rules_of(self.set_staff))

    def test_renamed_award_type_is_used_in_the_next_explanation(self):
        self.award(self.staff, self.type_soldier, 2022)
        self.assertIn(self.type_soldier.name, self.staff.exemplar_explanation)
        self.type_soldier.name = "Emulation soldier (grassroots)"
        self.award(self.staff, self.type_prov, 2023)
        self.assertTrue(self.staff.exemplar_eligible)
        self.assertIn("Emulation soldier (grassroots)", self.staff.exemplar_explanation)

    def criteria(self, *conditions):
        return rules.Criteria(
            year_from=2021,
            year_to=2025,
            alternatives=(rules.Alternative(name="A", conditions=conditions),),
        )

    def test_counts_read_only_the_history_the_criteria_need(self):
        Eligibility = self.env["emulation.eligibility"]
        self.award(self.staff, self.type_soldier, 2022)
        self.classify(self.staff, 2022, "excellent")
        self.env.flush_all()
        employees = self.staff
        soldier = rules.Condition(
            kind=rules.AWARD_COUNT, award_type_ids=frozenset(self.type_soldier.ids)
        )
        good = rules.Condition(kind=rules.CLASSIFICATION_COUNT, level="good")
        every = Eligibility._eligibility_counts(employees, [self.criteria(soldier, good)])
        every = every[self.staff.id]
        self.assertEqual(every.awards, {(self.type_soldier.id, 2022): 1})
        self.assertEqual(every.classifications, {2022: "excellent"})
        with self.assertQueryCount(__system__=1):
            some = Eligibility._eligibility_counts(employees, [self.criteria(soldier)])
        self.assertEqual(some[self.staff.id].awards, every.awards)
        self.assertFalse(some[self.staff.id].classifications, "not read")
        self.award(
            self.staff, self.type_flag.copy({"recipient_scope": "both", "code": "BENCH_FLAG"}), 2023
        )
        self.env.flush_all()
        named = Eligibility._eligibility_counts(employees, [self.criteria(soldier)])
        self.assertEqual(named[self.staff.id].awards, every.awards, "only the types named")
        outside = Eligibility._eligibility_counts(
            employees,
            [
                rules.Criteria(
                    year_from=2023,
                    year_to=2025,
                    alternatives=(rules.Alternative(name="A", conditions=(soldier,)),),
                )
            ],
        )
        self.assertNotIn(self.staff.id, outside, "the 2022 title lies outside the period")

    def test_rows_store_facts_and_explain_in_the_readers_language(self):
        people = self.env["hr.employee"].create(
            [{"name": "Person %s" % i, "department_id": self.unit_office.id} for i in range(5)]
        )
        self.env.flush_all()
        self.cr.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'emulation_eligibility'"
        )
        types = dict(self.cr.fetchall())
        self.assertNotIn("explanation", types)
        # translated prose would be jsonb too: the one jsonb column holds record ids only
        self.assertEqual(types.pop("counted_history"), "jsonb")
        self.assertFalse({t for t in types.values() if t in ("text", "jsonb")}, "no stored prose")
        self.cr.execute(
            "SELECT DISTINCT jsonb_typeof(value), jsonb_typeof(value -> 0) "
            "FROM emulation_eligibility, jsonb_each(counted_history)"
        )
        self.assertLessEqual(set(self.cr.fetchall()), {("array", "number")}, "ids only")
        self.assertEqual(set(people.mapped("exemplar_missing")), {2})
        self.assertEqual(len(set(people.mapped("exemplar_explanation"))), 1)
        self.env["res.lang"]._activate_lang("vi_VN")
        row = people[0].exemplar_result_id
        english = row.with_context(lang="en_US").explanation
        vietnamese = row.with_context(lang="vi_VN").explanation
        self.assertIn("missing", english)
        self.assertNotEqual(english, vietnamese)
        self.assertIn("thiếu", vietnamese)
