"""The shipped criteria of Law 06/2022/QH15 and Decree 152/2025/NĐ-CP (data/criteria_law_data.xml).

For every shipped set: one recipient who qualifies and one who is exactly one step short (a gap
year in a streak, a run ending a year early, a share of members just below, a discipline at the
threshold form against one lighter, a missing initiative).

:class:`TestLawCriteriaRules` evaluates each set's rules (``criteria_set._to_rules()``) with the
pure rule core on hand-made counts; :class:`TestLawCriteriaRecords` makes the same cases with
people, units and history records and reads the engine's ``emulation.eligibility`` rows.
"""

from datetime import date

from odoo.tests import tagged

from ..core import eligibility as rules
from .common import EmulationCase

Y = 2025  # the evaluation year: within 2025–2030, and never after the current year

LAW_SETS = (
    "criteria_law_advanced_worker",
    "criteria_law_grassroots_soldier",
    "criteria_law_provincial_soldier",
    "criteria_law_provincial_merit_individual",
    "criteria_law_provincial_merit_collective",
    "criteria_law_advanced_collective",
    "criteria_law_excellent_collective",
)


class LawCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.sets = {xmlid: ref("emulation_exemplar." + xmlid) for xmlid in LAW_SETS}
        cls.t_worker = ref("emulation_exemplar.award_type_advanced_worker")
        cls.t_soldier = ref("emulation_exemplar.award_type_grassroots_soldier")

    def law_set(self, xmlid):
        return self.sets[xmlid]


@tagged("at_install")
class TestLawCriteriaRules(LawCase):
    """Each shipped set, as rules, on hand-made counts (the pure rule core)."""

    def evaluate(self, xmlid, counts, year=Y):
        criteria = self.law_set(xmlid)._to_rules()
        return rules.evaluate(criteria.for_year(year), counts)

    def assertEligible(self, xmlid, counts, msg="", year=Y):
        evaluation = self.evaluate(xmlid, counts, year)
        self.assertTrue(evaluation.eligible, "%s %s: %s" % (xmlid, msg, evaluation))
        self.assertEqual(evaluation.missing, 0)
        return evaluation

    def assertOneShort(self, xmlid, counts, msg="", year=Y):
        evaluation = self.evaluate(xmlid, counts, year)
        self.assertFalse(evaluation.eligible, "%s %s: %s" % (xmlid, msg, evaluation))
        self.assertEqual(evaluation.missing, 1, "%s %s: %s" % (xmlid, msg, evaluation))
        return evaluation

    def person(self, classifications=None, awards=None, initiatives=None, disciplines=None):
        counts = rules.RecipientCounts()
        counts.classifications.update(classifications or {})
        for award_type, year in awards or ():
            key = (award_type.id, year)
            counts.awards[key] = counts.awards.get(key, 0) + 1
        for level, applied, year in initiatives or ():
            key = (level, applied, year)
            counts.initiatives[key] = counts.initiatives.get(key, 0) + 1
        counts.disciplines.update(disciplines or {})
        return counts

    def unit(self, level, members, disciplines=None, year=Y, earlier=None):
        """A unit classified ``level`` in ``year`` (and ``earlier``: {year: level}), whose
        members that year are ``members``: (level, award types held)."""
        counts = rules.member_statistics(
            (year, member_level, frozenset(t.id for t in types)) for member_level, types in members
        )
        counts.classifications[year] = level
        counts.classifications.update(earlier or {})
        counts.member_disciplines.update(disciplines or {})  # its members' disciplines
        return counts

    # ------------------------------------------------------------------ advanced worker
    def test_advanced_worker(self):
        xmlid = "criteria_law_advanced_worker"
        self.assertEligible(xmlid, self.person({Y: "good"}))
        self.assertEligible(xmlid, self.person({Y: "excellent"}))
        self.assertOneShort(xmlid, self.person({Y: "completed"}))
        self.assertOneShort(xmlid, self.person({Y - 1: "good"}), "last year's does not count")
        # any discipline in the year blocks (the lightest form is the threshold)
        self.assertOneShort(xmlid, self.person({Y: "good"}, disciplines={Y: "reprimand"}))
        self.assertEligible(xmlid, self.person({Y: "good"}, disciplines={Y - 1: "warning"}))

    # ------------------------------------------------------------------ grassroots soldier
    def test_grassroots_soldier(self):
        xmlid = "criteria_law_grassroots_soldier"
        evaluation = self.assertEligible(xmlid, self.person({Y: "excellent"}))
        self.assertEqual(evaluation.path, "Classified excellent, no discipline")
        evaluation = self.assertEligible(
            xmlid, self.person({Y: "good"}, initiatives=[("grassroots", False, Y)])
        )
        self.assertEqual(
            evaluation.path, "Classified good or better with a recognised initiative, no discipline"
        )
        # good without an initiative: one initiative (or the excellent level) away
        self.assertOneShort(xmlid, self.person({Y: "good"}))
        # the initiative of last year does not count this year
        self.assertOneShort(
            xmlid, self.person({Y: "good"}, initiatives=[("grassroots", True, Y - 1)])
        )
        # an initiative without the advanced worker standard
        self.assertOneShort(
            xmlid, self.person({Y: "completed"}, initiatives=[("provincial", True, Y)])
        )
        self.assertOneShort(xmlid, self.person({Y: "excellent"}, disciplines={Y: "reprimand"}))

    # ------------------------------------------------------------------ provincial soldier
    def test_provincial_soldier(self):
        xmlid = "criteria_law_provincial_soldier"
        initiative = [("provincial", True, Y - 1)]
        three = [(self.t_soldier, Y - 2), (self.t_soldier, Y - 1), (self.t_soldier, Y)]
        self.assertEligible(xmlid, self.person(awards=three, initiatives=initiative))
        # a gap year in the streak
        gap = [(self.t_soldier, Y - 2), (self.t_soldier, Y)]
        self.assertOneShort(xmlid, self.person(awards=gap, initiatives=initiative))
        # a run of three ending a year early: the evaluated year is missing
        early = [(self.t_soldier, Y - 3), (self.t_soldier, Y - 2), (self.t_soldier, Y - 1)]
        self.assertOneShort(xmlid, self.person(awards=early, initiatives=initiative))
        # ... and the next year it is eligible
        self.assertEligible(
            xmlid,
            self.person(awards=early + [(self.t_soldier, Y)], initiatives=initiative),
        )
        # the initiative must be provincial and applied effectively, within the 3 years
        for other in (
            [("grassroots", True, Y)],
            [("provincial", False, Y)],
            [("provincial", True, Y - 3)],
        ):
            with self.subTest(initiative=other):
                self.assertOneShort(xmlid, self.person(awards=three, initiatives=other))
        self.assertEligible(xmlid, self.person(awards=three, initiatives=[("national", True, Y)]))
        # a reprimand fails the no-discipline condition and restarts the streak after it
        # (Decree 152/2025/NĐ-CP art. 4): the titles before it do not count any more
        evaluation = self.evaluate(
            xmlid,
            self.person(awards=three, initiatives=initiative, disciplines={Y - 2: "reprimand"}),
        )
        self.assertFalse(evaluation.eligible)
        streak = evaluation.alternatives[0].conditions[0]
        self.assertEqual((streak.have, streak.restarted_after), (2, Y - 2))
        self.assertEqual(evaluation.missing, 2)

    # ------------------------------------------------------------------ certificate, individuals
    def test_provincial_merit_individual(self):
        xmlid = "criteria_law_provincial_merit_individual"
        soldier = self.t_soldier
        evaluation = self.assertEligible(
            xmlid, self.person(awards=[(soldier, Y - 1), (soldier, Y)])
        )
        self.assertEqual(evaluation.path, "2 consecutive grassroots emulation soldier titles")
        self.assertOneShort(xmlid, self.person(awards=[(soldier, Y - 2), (soldier, Y)]))
        self.assertOneShort(xmlid, self.person(awards=[(soldier, Y - 2), (soldier, Y - 1)]))
        excellent = {Y - 1: "excellent", Y: "excellent"}
        applied = [("grassroots", True, Y - 1), ("grassroots", True, Y)]
        evaluation = self.assertEligible(xmlid, self.person(excellent, initiatives=applied))
        self.assertEqual(
            evaluation.path, "2 consecutive years excellent with 2 initiatives applied effectively"
        )
        # one of the two initiatives not applied effectively
        self.assertOneShort(
            xmlid,
            self.person(
                excellent, initiatives=[("grassroots", True, Y - 1), ("grassroots", False, Y)]
            ),
        )
        # a year only good in the run
        self.assertOneShort(
            xmlid, self.person({Y - 1: "good", Y: "excellent"}, initiatives=applied)
        )
        # a reprimand in the evaluated year: no title counts before the end of its term
        evaluation = self.evaluate(
            xmlid,
            self.person(awards=[(soldier, Y - 1), (soldier, Y)], disciplines={Y: "reprimand"}),
        )
        self.assertFalse(evaluation.eligible)
        self.assertEqual(evaluation.alternatives[0].conditions[0].restarted_after, Y)
        # one that ended before the run began leaves it whole
        self.assertEligible(
            xmlid,
            self.person(awards=[(soldier, Y - 1), (soldier, Y)], disciplines={Y - 2: "warning"}),
        )

    # ------------------------------------------------------------------ certificate, collectives
    def test_provincial_merit_collective(self):
        xmlid = "criteria_law_provincial_merit_collective"
        self.assertEligible(xmlid, self.person({Y - 1: "excellent", Y: "excellent"}))
        self.assertOneShort(xmlid, self.person({Y - 1: "good", Y: "excellent"}))
        self.assertOneShort(xmlid, self.person({Y - 2: "excellent", Y - 1: "excellent"}))
        # the second alternative (Bắc Ninh QĐ 86/2025/QĐ-UBND): the title “Tập thể lao động
        # xuất sắc” in the evaluated year, whatever the year before
        excellent = self.env.ref("emulation_exemplar.award_type_excellent_collective")
        evaluation = self.assertEligible(
            xmlid, self.person({Y - 1: "good", Y: "excellent"}, awards=[(excellent, Y)])
        )
        self.assertEqual(evaluation.path, "Excellent labour collective in the evaluated year")
        # the title of the year before is the basis of last year's award, not of this one
        self.assertOneShort(
            xmlid, self.person({Y - 1: "excellent", Y: "good"}, awards=[(excellent, Y - 1)])
        )

    # ------------------------------------------------------------------ advanced collective
    def test_advanced_collective(self):
        xmlid = "criteria_law_advanced_collective"
        worker, soldier = (self.t_worker,), (self.t_worker, self.t_soldier)

        def members(qualified):
            # 10 members; a grassroots emulation soldier counts among the advanced workers
            rows = [("excellent", soldier)] + [("good", worker)] * (qualified - 1)
            return rows + [("completed", ())] * (10 - qualified)

        self.assertEligible(xmlid, self.unit("good", members(7)))
        self.assertOneShort(xmlid, self.unit("good", members(6)), "60 % < 70 %")
        self.assertOneShort(xmlid, self.unit("completed", members(7)))
        # discipline: warning is the threshold, a reprimand is lighter
        self.assertOneShort(xmlid, self.unit("good", members(7), disciplines={Y: "warning"}))
        self.assertEligible(xmlid, self.unit("good", members(7), disciplines={Y: "reprimand"}))
        # an empty unit qualifies no share of members
        self.assertOneShort(xmlid, self.unit("good", []))

    # ------------------------------------------------------------------ excellent collective
    def test_excellent_collective(self):
        xmlid = "criteria_law_excellent_collective"
        worker, soldier = (self.t_worker,), (self.t_worker, self.t_soldier)
        members = [("excellent", soldier)] + [("good", worker)] * 6 + [("completed", ())] * 3
        self.assertEligible(xmlid, self.unit("excellent", members))
        self.assertOneShort(xmlid, self.unit("good", members))
        # one member did not complete the tasks: 100 % fails by one member
        self.assertOneShort(xmlid, self.unit("excellent", members[:-1] + [("not_completed", ())]))
        # one member unclassified counts as not having completed
        self.assertOneShort(xmlid, self.unit("excellent", members[:-1] + [(None, ())]))
        # 6 of 10 advanced workers
        self.assertOneShort(xmlid, self.unit("excellent", members[:-4] + [("completed", ())] * 4))
        # no grassroots emulation soldier among the members
        self.assertOneShort(xmlid, self.unit("excellent", [("excellent", worker)] + members[1:]))
        self.assertOneShort(xmlid, self.unit("excellent", members, disciplines={Y: "warning"}))
        self.assertEligible(xmlid, self.unit("excellent", members, disciplines={Y: "reprimand"}))


@tagged("post_install", "-at_install")
class TestLawCriteriaRecords(LawCase):
    """The same cases through the ORM: history records in, ``emulation.eligibility`` rows out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.unit_yes = Department.create({"name": "Law test – qualifying unit"})
        cls.unit_no = Department.create({"name": "Law test – unit one short"})
        cls.people_yes = Employee.create(
            [{"name": "Law yes %s" % i, "department_id": cls.unit_yes.id} for i in range(10)]
        )
        cls.people_no = Employee.create(
            [{"name": "Law no %s" % i, "department_id": cls.unit_no.id} for i in range(10)]
        )
        cls.yes = Employee.create({"name": "Law person who qualifies"})
        cls.no = Employee.create({"name": "Law person one short"})

    # ------------------------------------------------------------------ helpers
    def initiative(self, employee, year, level="grassroots", applied=True):
        return self.env["emulation.initiative"].create(
            {
                "name": "Initiative of %s, %s" % (employee.name, year),
                "employee_ids": [(6, 0, employee.ids)],
                "year": year,
                "level": level,
                "applied_effectively": applied,
            }
        )

    def discipline(self, employee, year, form):
        return self.env["emulation.discipline"].create(
            {"employee_id": employee.id, "year": year, "form": form}
        )

    def row(self, xmlid, recipient, year=Y):
        self.env.flush_all()
        field = "employee_id" if recipient._name == "hr.employee" else "department_id"
        rows = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.law_set(xmlid).id),
                ("year", "=", year),
                (field, "=", recipient.id),
            ]
        )
        self.assertEqual(len(rows), 1, "one result row for %s in %s" % (recipient.name, year))
        return rows

    def assertEligibleRow(self, xmlid, recipient, year=Y):
        row = self.row(xmlid, recipient, year)
        self.assertTrue(row.eligible, "%s: %s" % (xmlid, row.explanation))
        self.assertEqual(row.missing, 0)
        self.assertTrue(row.alternative_id)
        return row

    def assertOneShortRow(self, xmlid, recipient, year=Y):
        row = self.row(xmlid, recipient, year)
        self.assertFalse(row.eligible, "%s: %s" % (xmlid, row.explanation))
        self.assertEqual(row.missing, 1, "%s: %s" % (xmlid, row.explanation))
        return row

    def members(self, people, qualified, level_of_rest="completed", soldier=True):
        """Classify ``people`` in Y; the first ``qualified`` are advanced workers (the first of
        them also a grassroots emulation soldier when ``soldier``)."""
        for index, person in enumerate(people):
            if index < qualified:
                self.classify(person, Y, "excellent" if index == 0 else "good")
                self.award(person, self.t_worker, Y)
                if index == 0 and soldier:
                    self.award(person, self.t_soldier, Y)
            elif level_of_rest:
                self.classify(person, Y, level_of_rest)

    # ------------------------------------------------------------------ individuals
    def test_advanced_worker(self):
        xmlid = "criteria_law_advanced_worker"
        self.classify(self.yes, Y, "good")
        self.classify(self.no, Y, "completed")
        self.assertEligibleRow(xmlid, self.yes)
        self.assertOneShortRow(xmlid, self.no)
        # a reprimand in the year blocks; the row follows the new history
        self.discipline(self.yes, Y, "reprimand")
        self.assertOneShortRow(xmlid, self.yes)

    def test_discipline_term_ending_in_march(self):
        """Decree 152/2025/NĐ-CP art. 4: achievements count from the day the discipline's
        term ends. A reprimand of 2025 whose term ends on 15 March 2026 blocks 2026; one
        ending on 31 December 2025 does not."""
        xmlid = "criteria_law_advanced_worker"
        for person in (self.yes, self.no):
            self.classify(person, Y + 1, "good")
        self.discipline(self.yes, Y, "reprimand").write(
            {"date_from": date(Y, 1, 1), "date_to": date(Y, 12, 31)}
        )
        march = self.discipline(self.no, Y, "reprimand")
        march.write({"date_from": date(Y, 3, 16), "date_to": date(Y + 1, 3, 15)})
        self.assertEqual(march.effect_last_year, Y + 1)
        self.assertEligibleRow(xmlid, self.yes, Y + 1)
        row = self.assertOneShortRow(xmlid, self.no, Y + 1)
        self.assertIn(march, row.discipline_ids, "What counted lists the discipline")
        # the term shortened to the end of 2025: 2026 counts again
        march.date_to = date(Y, 12, 31)
        self.assertEligibleRow(xmlid, self.no, Y + 1)
        # under consideration, a discipline counts for no year (it blocks proposals instead)
        march.write({"date_to": date(Y + 1, 3, 15), "state": "considering"})
        self.assertEligibleRow(xmlid, self.no, Y + 1)

    def test_grassroots_soldier(self):
        xmlid = "criteria_law_grassroots_soldier"
        self.classify(self.yes, Y, "good")
        self.initiative(self.yes, Y, applied=False)
        self.classify(self.no, Y, "good")
        self.initiative(self.no, Y - 1)
        self.assertEligibleRow(xmlid, self.yes)
        self.assertOneShortRow(xmlid, self.no)

    def test_provincial_soldier(self):
        xmlid = "criteria_law_provincial_soldier"
        for person, years in ((self.yes, (Y - 2, Y - 1, Y)), (self.no, (Y - 2, Y))):
            for year in years:
                self.award(person, self.t_soldier, year)
            self.initiative(person, Y - 1, level="provincial")
        self.assertEligibleRow(xmlid, self.yes)
        self.assertOneShortRow(xmlid, self.no)

    def test_provincial_merit_individual(self):
        xmlid = "criteria_law_provincial_merit_individual"
        for year in (Y - 1, Y):
            self.classify(self.yes, year, "excellent")
            self.initiative(self.yes, year)
        self.classify(self.no, Y - 1, "excellent")
        self.classify(self.no, Y, "excellent")
        self.initiative(self.no, Y)
        self.assertEligibleRow(xmlid, self.yes)
        self.assertOneShortRow(xmlid, self.no)

    # ------------------------------------------------------------------ collectives
    def test_provincial_merit_collective(self):
        xmlid = "criteria_law_provincial_merit_collective"
        self.classify(self.unit_yes, Y - 1, "excellent")
        self.classify(self.unit_yes, Y, "excellent")
        self.classify(self.unit_no, Y - 1, "good")
        self.classify(self.unit_no, Y, "excellent")
        self.assertEligibleRow(xmlid, self.unit_yes)
        self.assertOneShortRow(xmlid, self.unit_no)
        # the title “Tập thể lao động xuất sắc” of the evaluated year: the second alternative
        excellent = self.env.ref("emulation_exemplar.award_type_excellent_collective")
        self.award(self.unit_no, excellent, Y - 1)
        self.assertOneShortRow(xmlid, self.unit_no)
        self.award(self.unit_no, excellent, Y)
        row = self.assertEligibleRow(xmlid, self.unit_no)
        self.assertEqual(
            row.alternative_id,
            self.env.ref("emulation_exemplar.criteria_law_provincial_merit_collective_alt2"),
        )

    def test_advanced_collective(self):
        xmlid = "criteria_law_advanced_collective"
        self.classify(self.unit_yes, Y, "good")
        self.classify(self.unit_no, Y, "good")
        self.members(self.people_yes, 7)
        self.members(self.people_no, 6)
        # a reprimand (lighter than the threshold) does not block
        self.discipline(self.people_yes[-1], Y, "reprimand")
        self.assertEligibleRow(xmlid, self.unit_yes)
        self.assertOneShortRow(xmlid, self.unit_no)
        # a warning (the threshold) of one member blocks the unit
        self.discipline(self.people_yes[-2], Y, "warning")
        self.assertOneShortRow(xmlid, self.unit_yes)

    def test_excellent_collective(self):
        xmlid = "criteria_law_excellent_collective"
        self.classify(self.unit_yes, Y, "excellent")
        self.classify(self.unit_no, Y, "excellent")
        self.members(self.people_yes, 7)
        # one member of the other unit did not complete the tasks
        self.members(self.people_no[:-1], 7)
        self.classify(self.people_no[-1], Y, "not_completed")
        self.assertEligibleRow(xmlid, self.unit_yes)
        self.assertOneShortRow(xmlid, self.unit_no)
