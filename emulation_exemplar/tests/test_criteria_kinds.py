from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..core import eligibility as rules
from .common import EmulationCase


@tagged("post_install", "-at_install")
class TestConditionKinds(EmulationCase):
    """The criteria conditions take everything about their kind from the rule core's kind
    classes: the selection, the parameters the form shows and requires, their checks, the
    sentence that names a condition, and the condition the engine evaluates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Set = cls.env["emulation.criteria.set"]
        values = {
            "window": "rolling",
            "window_years": 3,
            "year_from": 2025,
            "year_to": 2026,
            "active": False,
        }
        cls.units_set = Set.create(
            {
                **values,
                "name": "Kinds of units",
                "recipient_kind": "collective",
                "alternative_ids": [(0, 0, {"name": "Units"})],
            }
        )
        cls.people_set = Set.create(
            {
                **values,
                "name": "Kinds of people",
                "recipient_kind": "staff",
                "alternative_ids": [(0, 0, {"name": "People"})],
            }
        )
        cls.Condition = cls.env["emulation.criteria.condition"]

    def condition(self, kind, criteria_set=None, **values):
        alternative = (criteria_set or self.units_set).alternative_ids
        return self.Condition.create({"alternative_id": alternative.id, "kind": kind, **values})

    def test_selection_is_the_registry(self):
        self.assertEqual(self.Condition._fields["kind"].selection, rules.kind_selection())
        self.assertEqual(
            [key for key, _label in self.Condition._fields["kind"].selection],
            list(rules.KINDS),
        )

    def test_uses_are_the_kinds_parameters(self):
        for key, kind in rules.KINDS.items():
            for basis in ("award", "classification"):
                condition = self.Condition.new({"kind": key, "member_basis": basis})
                uses = kind.uses({"member_basis": basis})
                for name in rules.PARAMETER_NAMES:
                    self.assertEqual(condition["uses_" + name], name in uses, (key, basis, name))

    def test_form_shows_and_requires_what_the_kind_uses(self):
        """Changing the kind in the alternative's list changes the visible and required
        parameters (the uses_* fields are recomputed by the onchange)."""
        with Form(self.units_set.alternative_ids) as form:
            with form.condition_ids.new() as line:
                line.kind = "member_ratio"
                line.member_basis = "classification"
                self.assertTrue(line._get_modifier("classification_level", "required"))
                self.assertTrue(line._get_modifier("award_type_ids", "invisible"))
                self.assertTrue(line._get_modifier("min_count", "invisible"))
                line.member_basis = "award"
                self.assertTrue(line._get_modifier("award_type_ids", "required"))
                self.assertFalse(line._get_modifier("award_type_ids", "invisible"))
                self.assertTrue(line._get_modifier("classification_level", "invisible"))
                line.award_type_ids.add(self.type_soldier)
                line.kind = "no_discipline"
                self.assertFalse(line._get_modifier("discipline_form", "invisible"))
                self.assertTrue(line._get_modifier("discipline_form", "required"))
                self.assertTrue(line._get_modifier("award_type_ids", "invisible"))
                self.assertTrue(line._get_modifier("ratio", "invisible"))
                line.kind = "initiative_count"
                self.assertFalse(line._get_modifier("applied_only", "invisible"))
                self.assertFalse(line._get_modifier("min_count", "invisible"))
        self.assertEqual(self.units_set.alternative_ids.condition_ids.kind, "initiative_count")

    def test_checks_come_from_the_kind(self):
        with self.assertRaisesRegex(ValidationError, "Choose the award types that count"):
            self.condition("member_ratio", member_basis="award", ratio=70)
        with self.assertRaisesRegex(ValidationError, "share of members above 0"):
            self.condition("member_ratio", member_basis="classification", ratio=0)
        with self.assertRaisesRegex(ValidationError, "belongs in a criteria set for collectives"):
            self.condition(
                "member_count",
                criteria_set=self.people_set,
                award_type_ids=[(6, 0, self.type_soldier.ids)],
            )
        with self.assertRaisesRegex(ValidationError, "asks for 4 consecutive years"):
            self.condition("classification_streak", min_count=4, classification_level="good")
        # what a kind does not use is not checked: no award type, no number for every year
        every_year = self.condition("classification_every_year", min_count=0)
        self.assertEqual(every_year.display_name, "Every year classified good or better")

    def test_sentence_and_rules_condition(self):
        ratio = self.condition(
            "member_ratio",
            member_basis="award",
            ratio=66.5,
            award_type_ids=[(6, 0, (self.type_soldier | self.type_prov).ids)],
            classification_level="excellent",
        )
        names = " / ".join(ratio.award_type_ids.mapped("name"))
        self.assertEqual(ratio.display_name, "At least 66.5 %% of the members with %s" % names)
        self.assertEqual(
            ratio._to_rules(),
            rules.Condition(
                "member_ratio",
                award_type_ids=frozenset((self.type_soldier | self.type_prov).ids),
                label=names,
                key=ratio.id,
                ratio=66.5,
                member_basis="award",
            ),
            "the classification level is not the award basis's: it stays out",
        )
        initiative = self.condition(
            "initiative_count",
            criteria_set=self.people_set,
            min_count=2,
            initiative_level="national",
            applied_only=True,
        )
        self.assertEqual(
            initiative.display_name,
            "At least 2 × initiative of national level or higher, applied effectively",
        )
        self.assertEqual(initiative._to_rules().level, "national")
        discipline = self.condition("no_discipline", discipline_form="demotion")
        self.assertEqual(discipline.display_name, "No discipline of demotion or heavier")
        self.assertEqual(discipline._to_rules().form, "demotion")

    def test_sentences_and_checks_in_vietnamese(self):
        """The kinds' sentences are code terms of the module: served in the user's language."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        streak = self.condition(
            "award_streak", min_count=2, award_type_ids=[(6, 0, self.type_soldier.ids)]
        )
        vietnamese = streak.with_context(lang="vi_VN")
        self.assertEqual(
            vietnamese.display_name,
            "Ít nhất 2 năm liên tục có %s" % self.type_soldier.with_context(lang="vi_VN").name,
        )
        with self.assertRaisesRegex(ValidationError, "Vui lòng chọn hình thức kỷ luật"):
            self.Condition.with_context(lang="vi_VN").create(
                {
                    "alternative_id": self.units_set.alternative_ids.id,
                    "kind": "no_discipline",
                    "discipline_form": False,
                }
            )
