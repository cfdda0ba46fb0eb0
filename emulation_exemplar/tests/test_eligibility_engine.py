"""The eligibility engine through the ORM: several sets per recipient (titles and the plan's
exemplar), rolling windows with one result per year, the Law's condition kinds (streaks, members,
disciplines), which set applies to which company, and the check against a fresh evaluation."""

from datetime import date

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import EmulationCase

THIS_YEAR = date.today().year


@tagged("at_install")
class TestEligibilityEngine(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_worker = cls.env.ref("emulation_exemplar.award_type_advanced_worker")
        Sets = cls.env["emulation.criteria.set"]
        # a title of the Law for every individual: 2 consecutive grassroots soldier titles
        # ending at the evaluated year, and no discipline (warning or heavier) in the window
        cls.set_streak = Sets.create(
            {
                "name": "Streak title",
                "recipient_kind": "individual",
                "award_type_id": cls.type_prov.id,
                "window": "rolling",
                "window_years": 2,
                "year_from": THIS_YEAR - 1,
                "year_to": THIS_YEAR + 3,
                "alternative_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Two years running",
                            "condition_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "kind": "award_streak",
                                        "min_count": 2,
                                        "award_type_ids": [(6, 0, cls.type_soldier.ids)],
                                    },
                                ),
                                (0, 0, {"kind": "no_discipline", "discipline_form": "warning"}),
                            ],
                        },
                    )
                ],
            }
        )
        # a title for units: 60 % of the members with an advanced worker title that year
        cls.set_ratio = Sets.create(
            {
                "name": "Ratio title",
                "recipient_kind": "collective",
                "award_type_id": cls.type_flag.id,
                "window": "rolling",
                "window_years": 1,
                "year_from": THIS_YEAR - 1,
                "year_to": THIS_YEAR,
                "alternative_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Most members advanced workers",
                            "condition_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "kind": "member_ratio",
                                        "ratio": 60,
                                        "member_basis": "award",
                                        "award_type_ids": [(6, 0, cls.type_worker.ids)],
                                    },
                                )
                            ],
                        },
                    )
                ],
            }
        )
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.unit = Department.create({"name": "Press"})
        cls.sub_unit = Department.create({"name": "Press – Web", "parent_id": cls.unit.id})
        cls.members = Employee.create(
            [
                {"name": "Member 1", "department_id": cls.unit.id},
                {"name": "Member 2", "department_id": cls.unit.id},
                {"name": "Member 3", "department_id": cls.sub_unit.id},
            ]
        )

    def row(self, criteria_set, recipient, year):
        field = "employee_id" if recipient._name == "hr.employee" else "department_id"
        return self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", criteria_set.id),
                (field, "=", recipient.id),
                ("year", "=", year),
            ]
        )

    def test_rolling_window_gives_one_result_per_year_up_to_this_year(self):
        person = self.members[0]
        rows = self.env["emulation.eligibility"].search(
            [("criteria_set_id", "=", self.set_streak.id), ("employee_id", "=", person.id)]
        )
        self.assertEqual(sorted(rows.mapped("year")), [THIS_YEAR - 1, THIS_YEAR])
        self.assertEqual(rows.award_type_id, self.type_prov)
        # the plan's exemplar set gives the person a row too: several sets per recipient
        exemplar = self.env["emulation.eligibility"].search(
            [("employee_id", "=", person.id), ("award_type_id", "=", False)]
        )
        self.assertEqual(len(exemplar), 1)
        self.assertEqual(person.exemplar_result_id, exemplar, "the contract fields read it")

    def test_award_streak_ends_at_the_evaluated_year(self):
        person = self.members[0]
        self.award(person, self.type_soldier, THIS_YEAR - 2)
        last = self.award(person, self.type_soldier, THIS_YEAR - 1)
        self.assertTrue(self.row(self.set_streak, person, THIS_YEAR - 1).eligible)
        now = self.row(self.set_streak, person, THIS_YEAR)
        self.assertFalse(now.eligible, "the run must end at the evaluated year")
        self.assertEqual(now.missing, 1)
        self.award(person, self.type_soldier, THIS_YEAR)
        self.assertTrue(self.row(self.set_streak, person, THIS_YEAR).eligible)
        last.action_archive()  # a gap: no run of two ends in either year
        self.assertFalse(self.row(self.set_streak, person, THIS_YEAR - 1).eligible)
        self.assertFalse(self.row(self.set_streak, person, THIS_YEAR).eligible)
        self.assertIn(
            self.type_soldier.name, self.row(self.set_streak, person, THIS_YEAR).missing_text
        )

    def test_no_discipline_at_the_threshold_form_and_one_lighter(self):
        person = self.members[1]
        self.award(person, self.type_soldier, THIS_YEAR - 1)
        self.award(person, self.type_soldier, THIS_YEAR)
        row = self.row(self.set_streak, person, THIS_YEAR)
        self.assertTrue(row.eligible)
        Discipline = self.env["emulation.discipline"]
        vals = {"employee_id": person.id, "year": THIS_YEAR, "decision_number": "1/QĐ-KL"}
        lighter = Discipline.create(dict(vals, form="reprimand"))
        # a lighter form does not fail the no-discipline condition, but any discipline restarts
        # the streak (Decree 152/2025/NĐ-CP art. 4: achievements count from the end of its term)
        row = self.row(self.set_streak, person, THIS_YEAR)
        self.assertFalse(row.eligible, "the streak restarts after the reprimand")
        self.assertEqual(row.discipline_ids, lighter, "cited: it restarted the streak")
        self.assertIn("a discipline was in effect", row.explanation)
        self.assertNotIn("Missing: no discipline", row.explanation)
        lighter.action_archive()
        self.assertTrue(self.row(self.set_streak, person, THIS_YEAR).eligible, "archived")
        heavier = Discipline.create(dict(vals, form="warning", decision_number="2/QĐ-KL"))
        row = self.row(self.set_streak, person, THIS_YEAR)
        self.assertFalse(row.eligible, "the threshold form blocks")
        self.assertEqual(row.discipline_ids, heavier, "the discipline that blocks is cited")
        self.assertIn("warning", row.explanation.lower())

    def test_member_ratio_counts_the_units_below(self):
        # 2 of 3 members (one in the sub-unit) are advanced workers: 66.7 % >= 60 %
        self.award(self.members[0], self.type_worker, THIS_YEAR)
        self.assertFalse(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "1 of 3")
        self.assertEqual(self.row(self.set_ratio, self.unit, THIS_YEAR).missing, 1)
        award = self.award(self.members[2], self.type_worker, THIS_YEAR)
        self.assertTrue(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "2 of 3")
        sub = self.row(self.set_ratio, self.sub_unit, THIS_YEAR)
        self.assertTrue(sub.eligible, "its only member")
        award.action_archive()
        self.assertFalse(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible)
        self.assertFalse(self.row(self.set_ratio, self.sub_unit, THIS_YEAR).eligible)

    def test_member_moving_out_changes_the_units_results(self):
        for member in self.members[:2]:
            self.award(member, self.type_worker, THIS_YEAR)
        self.assertTrue(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "2 of 3")
        self.members[0].department_id = self.unit_office
        self.assertFalse(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "1 of 2")
        # an empty unit never qualifies
        empty = self.env["hr.department"].create({"name": "Empty"})
        row = self.row(self.set_ratio, empty, THIS_YEAR)
        self.assertFalse(row.eligible)
        self.assertEqual(row.missing, 1)

    def test_award_moved_to_another_person_changes_both_owners(self):
        # a write that changes whose award it is marks the owners before and after it: the
        # person and the unit it leaves, the person and the unit it joins
        other = self.env["hr.employee"].create(
            {"name": "Other office", "department_id": self.unit_office.id}
        )
        self.award(self.members[0], self.type_soldier, THIS_YEAR - 1)
        award = self.award(self.members[0], self.type_soldier, THIS_YEAR)
        self.award(other, self.type_soldier, THIS_YEAR - 1)
        for member in self.members[:2]:
            self.award(member, self.type_worker, THIS_YEAR)
        worker = self.award(self.members[2], self.type_worker, THIS_YEAR)
        self.assertTrue(self.row(self.set_streak, self.members[0], THIS_YEAR).eligible)
        self.assertFalse(self.row(self.set_streak, other, THIS_YEAR).eligible)
        self.assertTrue(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "3 of 3")
        self.assertEqual(self.row(self.set_ratio, self.unit_office, THIS_YEAR).missing, 2)
        award.employee_id = other
        self.assertFalse(self.row(self.set_streak, self.members[0], THIS_YEAR).eligible)
        self.assertEqual(self.row(self.set_streak, self.members[0], THIS_YEAR).missing, 1)
        self.assertTrue(self.row(self.set_streak, other, THIS_YEAR).eligible)
        worker.employee_id = other
        self.assertFalse(self.row(self.set_ratio, self.sub_unit, THIS_YEAR).eligible, "0 of 1")
        self.assertTrue(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "2 of 3")
        # 1 of its 2 members now: 60 % of 2 needs 2
        self.assertEqual(self.row(self.set_ratio, self.unit_office, THIS_YEAR).missing, 1)
        self.assertEqual(self.env["emulation.eligibility"]._eligibility_disagreements(), [])

    def test_company_set_replaces_the_shared_one_for_its_title(self):
        company_2 = self.env["res.company"].create({"name": "Sở Nội vụ"})
        own = self.set_streak.copy({"name": "Streak of company 2", "company_id": company_2.id})
        person = self.env["hr.employee"].create(
            {"name": "Person of company 2", "company_id": company_2.id}
        )
        rows = self.env["emulation.eligibility"].search(
            [("employee_id", "=", person.id), ("award_type_id", "=", self.type_prov.id)]
        )
        self.assertEqual(rows.criteria_set_id, own)
        self.assertEqual(rows.company_id, company_2)
        # the others keep the shared set
        self.assertTrue(self.row(self.set_streak, self.members[0], THIS_YEAR))

    def test_one_active_set_per_title_kind_and_company(self):
        with self.assertRaises(ValidationError):
            self.set_streak.copy({"recipient_kind": "staff"})
        other_title = self.set_streak.copy(
            {"award_type_id": self.type_central.id, "name": "Another title"}
        )
        self.assertTrue(other_title.active, "one set per title")

    def test_set_change_rewrites_and_archiving_removes_rows(self):
        self.set_streak.window_years = 3
        with self.assertRaises(ValidationError):
            self.set_streak.window_years = 1  # shorter than the streak
        self.set_streak.year_from = THIS_YEAR
        rows = self.env["emulation.eligibility"].search(
            [("criteria_set_id", "=", self.set_streak.id)]
        )
        self.assertEqual(set(rows.mapped("year")), {THIS_YEAR})
        self.set_streak.active = False
        self.assertFalse(
            self.env["emulation.eligibility"].search([("criteria_set_id", "=", self.set_streak.id)])
        )

    def test_archived_people_have_no_results(self):
        person = self.members[0]
        self.assertTrue(self.env["emulation.eligibility"].search([("employee_id", "=", person.id)]))
        person.action_archive()
        self.assertFalse(
            self.env["emulation.eligibility"].search([("employee_id", "=", person.id)])
        )
        person.action_unarchive()
        self.assertTrue(self.env["emulation.eligibility"].search([("employee_id", "=", person.id)]))

    def test_stored_results_agree_with_a_fresh_evaluation(self):
        Eligibility = self.env["emulation.eligibility"]
        self.award(self.members[0], self.type_worker, THIS_YEAR)
        self.award(self.members[1], self.type_soldier, THIS_YEAR)
        self.assertEqual(Eligibility._eligibility_disagreements(), [])
        row = self.row(self.set_ratio, self.unit, THIS_YEAR)
        self.env.cr.execute(
            "UPDATE emulation_eligibility SET missing = missing + 5 WHERE id = %s", [row.id]
        )
        differences = Eligibility._eligibility_disagreements()
        self.assertEqual(len(differences), 1)
        self.assertEqual(differences[0][0], (self.set_ratio.id, THIS_YEAR, self.unit.id))
        Eligibility._eligibility_recompute_all()
        self.assertEqual(Eligibility._eligibility_disagreements(), [])

    def test_recompute_in_chunks_repairs_every_row(self):
        # beyond a province the full recompute works in chunks of people: each chunk reads its
        # people and their history and writes its rows; every chunk repairs its own rows, and
        # the rows of an archived person in any chunk are removed
        Eligibility = self.env["emulation.eligibility"]
        # enough people and units for many chunks of 2 (outside Press: its ratio stays 2 of 2)
        units = self.env["hr.department"].create([{"name": "Chunk unit %s" % n} for n in range(4)])
        self.env["hr.employee"].create(
            [{"name": "Chunk person %s" % n, "department_id": units[n % 4].id} for n in range(16)]
        )
        self.award(self.members[0], self.type_worker, THIS_YEAR)
        self.award(self.members[2], self.type_worker, THIS_YEAR)
        self.env.cr.execute("UPDATE emulation_eligibility SET missing = missing + 5")
        self.env.cr.execute(
            "UPDATE hr_employee SET active = FALSE WHERE id = %s", [self.members[1].id]
        )
        self.env.invalidate_all()
        self.assertGreater(len(Eligibility._eligibility_disagreements()), 10)
        everyone = sum(
            self.env[model].with_context(active_test=False).search_count([])
            for model in ("hr.employee", "hr.department")
        )
        cr = self.env.cr
        before = cr.sql_log_count
        Eligibility._eligibility_recompute_all(chunk=2)
        chunked = cr.sql_log_count - before
        before = cr.sql_log_count
        Eligibility._eligibility_recompute_all()
        whole = cr.sql_log_count - before
        # at most 3 more queries per extra chunk (read the people, their history, write their
        # rows), none per person or per row
        extra_chunks = sum(
            -(-self.env[model].with_context(active_test=False).search_count([]) // 2) - 1
            for model in ("hr.employee", "hr.department")
        )
        self.assertGreater(everyone, 20)
        self.assertLessEqual(chunked, whole + 3 * extra_chunks)
        self.assertEqual(Eligibility._eligibility_disagreements(), [])
        self.assertFalse(self.row(self.set_streak, self.members[1], THIS_YEAR))
        self.assertTrue(self.row(self.set_ratio, self.unit, THIS_YEAR).eligible, "2 of 2")

    def test_new_year_cron_adds_the_year(self):
        Eligibility = self.env["emulation.eligibility"]
        self.env.cr.execute(
            "DELETE FROM emulation_eligibility WHERE criteria_set_id = %s AND year = %s",
            [self.set_streak.id, THIS_YEAR],
        )
        Eligibility.invalidate_model()
        self.assertFalse(self.row(self.set_streak, self.members[0], THIS_YEAR))
        Eligibility._cron_new_year()
        self.assertTrue(self.row(self.set_streak, self.members[0], THIS_YEAR))
        self.assertEqual(fields.Date.context_today(Eligibility).year, THIS_YEAR)

    def test_ratio_out_of_range_is_refused_with_a_readable_message(self):
        condition = self.set_ratio.alternative_ids.condition_ids
        with self.assertRaises(ValidationError) as caught:
            condition.ratio = 120
        self.assertIn("at most 100 %", str(caught.exception))
        self.assertIn("At least 120 % of the members", str(caught.exception))


@tagged("at_install")
class TestOneAchievementOneAward(EmulationCase):
    """Law 06/2022/QH15 art. 5: an initiative that is the basis of an award counts for that award
    (its title and year) and no longer for another title."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Sets = cls.env["emulation.criteria.set"]
        initiative_condition = {
            "kind": "initiative_count",
            "min_count": 1,
            "initiative_level": "grassroots",
        }
        cls.sets = {}
        for award_type in (cls.type_soldier, cls.type_prov):
            cls.sets[award_type] = Sets.create(
                {
                    "name": "Initiative for %s" % award_type.code,
                    "recipient_kind": "individual",
                    "award_type_id": award_type.id,
                    "window": "rolling",
                    "window_years": 1,
                    "year_from": THIS_YEAR - 1,
                    "year_to": THIS_YEAR,
                    "alternative_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "An initiative",
                                "condition_ids": [(0, 0, initiative_condition)],
                            },
                        )
                    ],
                }
            )
        cls.person = cls.env["hr.employee"].create({"name": "Người có sáng kiến"})
        cls.initiative = cls.env["emulation.initiative"].create(
            {
                "name": "Số hóa hồ sơ",
                "employee_ids": [(6, 0, cls.person.ids)],
                "year": THIS_YEAR - 1,
                "level": "grassroots",
            }
        )

    def row(self, award_type):
        return self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.sets[award_type].id),
                ("employee_id", "=", self.person.id),
                ("year", "=", THIS_YEAR - 1),
            ]
        )

    def test_used_initiative_counts_only_for_its_award(self):
        self.assertTrue(self.row(self.type_soldier).eligible)
        self.assertTrue(self.row(self.type_prov).eligible)
        award = self.award(self.person, self.type_soldier, THIS_YEAR - 1)
        self.initiative.sudo().used_award_id = award
        self.assertTrue(self.row(self.type_soldier).eligible, "the award it was used for")
        other = self.row(self.type_prov)
        self.assertFalse(other.eligible, "another title: already used")
        self.assertIn("Số hóa hồ sơ", other.explanation)
        self.assertIn("one achievement, one award", other.explanation)
        self.assertEqual(self.env["emulation.eligibility"]._eligibility_disagreements(), [])
        # the award archived (a cancelled decision): the initiative counts again
        award.action_archive()
        self.initiative.sudo().write({"used_award_id": award.id})  # unchanged link, re-marked
        self.assertTrue(self.row(self.type_prov).eligible)
