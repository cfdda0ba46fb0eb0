"""What counted (issue 23) and the awards that are no basis (issue 24, Decree 152/2025/NĐ-CP,
art. 4(3)): the engine stores, with each verdict, the ids of the history records that decided
(``emulation.eligibility.counted_history``); the form's *What counted* and the eligible-list
paper show exactly them, read as the reader may; a sudden or thematic award counts only for a
condition that says "any method"."""

import logging
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EmulationCase
from .migration import run_migrations

THIS_YEAR = date.today().year


@tagged("at_install")
class TestCountedHistory(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a title for individuals, on the 2 years ending at the evaluated year: 2 provincial
        # certificates of merit and no warning, or else 2 years excellent
        cls.criteria_set = cls.env["emulation.criteria.set"].create(
            {
                "name": "Counted title",
                "recipient_kind": "individual",
                "award_type_id": cls.type_central.id,
                "window": "rolling",
                "window_years": 2,
                "year_from": THIS_YEAR - 1,
                "year_to": THIS_YEAR + 1,
                "alternative_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Two certificates",
                            "sequence": 10,
                            "condition_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "kind": "award_count",
                                        "min_count": 2,
                                        "award_type_ids": [(6, 0, cls.type_prov.ids)],
                                    },
                                ),
                                (0, 0, {"kind": "no_discipline", "discipline_form": "warning"}),
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Two years excellent",
                            "sequence": 20,
                            "condition_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "kind": "classification_count",
                                        "min_count": 2,
                                        "classification_level": "excellent",
                                    },
                                )
                            ],
                        },
                    ),
                ],
            }
        )
        cls.condition = cls.criteria_set.alternative_ids.sorted("sequence")[
            :1
        ].condition_ids.filtered(lambda c: c.kind == "award_count")
        cls.report = cls.env["report.emulation_exemplar.report_eligible"].with_user(
            cls.user_officer
        )

    def row(self, person, year=THIS_YEAR):
        return self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.criteria_set.id),
                ("employee_id", "=", person.id),
                ("year", "=", year),
            ]
        )

    def paper_items(self, row):
        (group,) = self.report._rows_values(row)["groups"]
        (line,) = group["eligible"]
        return line["items"]

    def test_stored_ids_are_what_decided(self):
        """The row stores the awards of the alternative met, in the window: not the award before
        the window, nor the classifications of another alternative."""
        person = self.emp_a
        self.award(person, self.type_prov, THIS_YEAR - 3, decision_number="1/QĐ-UBND")
        first = self.award(person, self.type_prov, THIS_YEAR - 1, decision_number="2/QĐ-UBND")
        second = self.award(person, self.type_prov, THIS_YEAR, decision_number="3/QĐ-UBND")
        self.classify(person, THIS_YEAR, "excellent")
        row = self.row(person)
        self.assertTrue(row.eligible)
        self.assertEqual(row.alternative_id.name, "Two certificates")
        self.assertEqual(
            row.sudo().counted_history, {"award": sorted((first | second).ids)}, "stored"
        )
        self.assertEqual(row.award_ids, first | second)
        self.assertFalse(row.classification_ids, "another alternative's history did not count")
        items = " ".join(self.paper_items(row.with_user(self.user_officer)))
        self.assertIn("2/QĐ-UBND", items)
        self.assertIn("3/QĐ-UBND", items)
        self.assertNotIn("1/QĐ-UBND", items, "outside the window")
        # the stored rows are those a fresh evaluation gives, ids included
        self.assertEqual(self.env["emulation.eligibility"]._eligibility_disagreements(), [])

    def test_a_blocking_discipline_is_stored(self):
        person = self.emp_a
        self.award(person, self.type_prov, THIS_YEAR - 1)
        self.award(person, self.type_prov, THIS_YEAR)
        Discipline = self.env["emulation.discipline"]
        vals = {"employee_id": person.id, "year": THIS_YEAR}
        lighter = Discipline.create(dict(vals, form="reprimand", decision_number="1/QĐ-KL"))
        heavier = Discipline.create(dict(vals, form="warning", decision_number="2/QĐ-KL"))
        row = self.row(person)
        self.assertFalse(row.eligible)
        self.assertEqual(row.discipline_ids, heavier, "the one that blocked, not the lighter")
        self.assertNotIn(lighter.id, row.sudo().counted_history["discipline"])
        heavier.action_archive()
        row = self.row(person)
        self.assertTrue(row.eligible)
        self.assertFalse(row.discipline_ids)

    def test_readers_read_the_stored_ids_only(self):
        """What counted is read from the stored ids, not matched again: a record the engine did
        not name is not shown, whatever the history holds."""
        person = self.emp_a
        first = self.award(person, self.type_prov, THIS_YEAR - 1)
        self.award(person, self.type_prov, THIS_YEAR)
        row = self.row(person)
        self.env.cr.execute(
            "UPDATE emulation_eligibility SET counted_history = %s::jsonb WHERE id = %s",
            ['{"award": [%d]}' % first.id, row.id],
        )
        row.invalidate_recordset()
        self.assertEqual(row.award_ids, first)

    def test_a_reader_sees_only_the_records_they_may_read(self):
        """The ids are technical (administrators only); through the fields, a reader sees only
        the counted records the record rules let them read."""
        person = self.emp_a
        hidden = self.award(person, self.type_prov, THIS_YEAR - 1, decision_number="HIDDEN")
        shown = self.award(person, self.type_prov, THIS_YEAR)
        self.env["ir.rule"].create(
            {
                "name": "Test: a hidden award",
                "model_id": self.env["ir.model"]._get_id("emulation.award"),
                "domain_force": "[('decision_number', '!=', 'HIDDEN')]",
            }
        )
        row = self.row(person)
        self.assertTrue(row.eligible, "the engine counts both")
        self.assertEqual(row.sudo().counted_history, {"award": sorted((hidden | shown).ids)})
        officer_row = row.with_user(self.user_officer)
        self.assertEqual(officer_row.award_ids, shown, "the hidden one is not shown")
        self.assertNotIn(
            "HIDDEN", " ".join(self.paper_items(officer_row)), "nor printed on the paper"
        )
        with self.assertRaises(AccessError):
            officer_row.read(["counted_history"])
        self.assertNotIn("counted_history", officer_row.fields_get())

    def test_sudden_award_is_no_basis(self):
        """Decree 152/2025, art. 4(3): a sudden certificate of merit next to a regular one: only
        the regular one counts, and only it is listed as what counted; with "any method" both."""
        person = self.emp_a
        regular = self.award(person, self.type_prov, THIS_YEAR, decision_number="10/QĐ-UBND")
        sudden = self.award(
            person,
            self.type_prov,
            THIS_YEAR - 1,
            decision_number="11/QĐ-UBND",
            method="sudden",
        )
        row = self.row(person)
        self.assertFalse(row.eligible, "the sudden one is no basis")
        self.assertEqual(row.missing, 1)
        self.assertEqual(row.award_ids, regular)
        self.condition.min_count = 1
        row = self.row(person)
        self.assertTrue(row.eligible)
        self.assertEqual(row.award_ids, regular, "only the regular one is listed")
        items = " ".join(self.paper_items(row.with_user(self.user_officer)))
        self.assertIn("10/QĐ-UBND", items)
        self.assertNotIn("11/QĐ-UBND", items)
        # a condition that says otherwise counts every method
        self.condition.write({"min_count": 2, "any_award_method": True})
        row = self.row(person)
        self.assertTrue(row.eligible)
        self.assertEqual(row.award_ids, regular | sudden)
        self.assertIn("any method", self.condition.display_name)
        # a thematic one is no basis either
        self.condition.any_award_method = False
        sudden.method = "thematic"
        self.assertFalse(self.row(person).eligible)
        sudden.method = "regular"
        self.assertTrue(self.row(person).eligible, "a change of method re-evaluates")

    def test_the_shipped_sets_follow_the_decree(self):
        """No shipped award condition counts sudden or thematic awards; the sets cite art. 4(3)."""
        shipped = self.env["ir.model.data"].search(
            [("module", "=", "emulation_exemplar"), ("model", "=", "emulation.criteria.condition")]
        )
        conditions = self.env["emulation.criteria.condition"].browse(shipped.mapped("res_id"))
        awards = conditions.filtered("uses_any_award_method")
        self.assertTrue(awards)
        self.assertFalse(awards.filtered("any_award_method"))
        for criteria_set in awards.alternative_id.set_id:
            self.assertIn("art. 4(3)", criteria_set.with_context(lang="en_US").description)

    def test_upgrade_fills_what_counted(self):
        """The upgrade to 18.0.3.0.0 evaluates everyone again: the rows of a database upgraded
        from 18.0.2.x (no ids stored) get what counted, and the sudden awards are listed."""
        person = self.emp_a
        regular = self.award(person, self.type_prov, THIS_YEAR)
        sudden = self.award(person, self.type_prov, THIS_YEAR - 1, method="sudden")
        self.env.cr.flush()  # the re-evaluation queue runs at the cursor's flush
        self.env.cr.execute("UPDATE emulation_eligibility SET counted_history = NULL")
        self.env.invalidate_all()
        self.assertFalse(self.row(person).award_ids, "nothing stored before the upgrade")
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.WARNING) as logs:
            run_migrations(self.env, "18.0.2.1.0")
        self.assertIn(str(sudden.id), "\n".join(logs.output))
        self.env.invalidate_all()
        self.assertEqual(self.row(person).award_ids, regular)
        self.assertEqual(self.env["emulation.eligibility"]._eligibility_disagreements(), [])
