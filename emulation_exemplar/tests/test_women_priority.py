"""Decree 152/2025/NĐ-CP, art. 4(6): on a tie, women first (a collective: at least 70 % women
among its active members), on the council's ballot, the proposal's eligible lines, the list of
eligible exemplars and the campaign's candidates; the reason shown; a tie exactly the same
standing."""

import logging
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import EmulationCase
from .migration import run_migrations

Y = 2025


@tagged("at_install")
class TestWomenPriority(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.unit_women = Department.create({"name": "Women first – unit of seven in ten"})
        cls.unit_sub = Department.create(
            {"name": "Women first – section below", "parent_id": cls.unit_women.id}
        )
        # 10 active members, the section's included: 7 women
        cls.members = Employee.create(
            [
                {
                    "name": "Member %s" % i,
                    "department_id": (cls.unit_sub if i >= 8 else cls.unit_women).id,
                    "gender": "female" if i < 7 else "male",
                }
                for i in range(10)
            ]
        )
        cls.unit_men = Department.create({"name": "Women first – unit of six in ten"})
        Employee.create(
            [
                {
                    "name": "Other member %s" % i,
                    "department_id": cls.unit_men.id,
                    "gender": "female" if i < 6 else "male",
                }
                for i in range(10)
            ]
        )
        cls.man = Employee.create(
            {"name": "Anh Văn Nam", "department_id": cls.unit_office.id, "gender": "male"}
        )
        cls.woman = Employee.create(
            {"name": "Bùi Thị Nữ", "department_id": cls.unit_office.id, "gender": "female"}
        )
        cls.man_2 = Employee.create(
            {"name": "Cao Văn Hai", "department_id": cls.unit_office.id, "gender": "male"}
        )
        cls.woman_2 = Employee.create(
            {"name": "Đỗ Thị Ba", "department_id": cls.unit_office.id, "gender": "female"}
        )
        cls.nobody = Employee.create({"name": "Chưa Khai", "department_id": cls.unit_office.id})
        cls.law_set = cls.env.ref("emulation_exemplar.criteria_law_advanced_worker")
        cls.campaign = cls.env["emulation.campaign"].create(
            {"name": "Women first plan", "criteria_set_ids": [Command.set(cls.law_set.ids)]}
        )

    def proposal(self, people, award_type=None, department=None):
        return self.env["emulation.proposal"].create(
            {
                "year": Y,
                "award_type_id": (award_type or self.type_soldier).id,
                "department_id": (department or self.unit_office).id,
                "name": "Women first %s" % len(people),
                "date": date(Y, 12, 5),
                "line_ids": [
                    Command.create(
                        {
                            "recipient_type": "individual",
                            "employee_id": person.id,
                            "justification": "Test.",
                        }
                    )
                    for person in people
                ],
            }
        )

    # ------------------------------------------------------------------ the facts and the reason
    def test_reason_of_a_person(self):
        lines = self.proposal(self.man | self.woman | self.nobody).line_ids
        by_person = {line.employee_id: line for line in lines}
        self.assertTrue(by_person[self.woman].women_first)
        self.assertIn("Decree 152/2025, art. 4(6)", by_person[self.woman].women_first_reason)
        self.assertFalse(by_person[self.man].women_first)
        self.assertFalse(by_person[self.man].women_first_reason)
        # no gender recorded: no priority
        self.assertFalse(by_person[self.nobody].women_first)

    def test_share_of_a_collective_at_the_boundary(self):
        shares = (self.unit_women | self.unit_men)._emulation_women_members()
        self.assertEqual(shares[self.unit_women.id], (7, 10), "the section's members count")
        self.assertEqual(shares[self.unit_men.id], (6, 10))
        nominations = self.env["emulation.nomination"].create(
            [
                {
                    "campaign_id": self.campaign.id,
                    "nominee_kind": "collective",
                    "department_id": unit.id,
                }
                for unit in (self.unit_women, self.unit_men)
            ]
        )
        first, second = nominations
        self.assertTrue(first.women_first)
        self.assertEqual(
            first.women_first_reason,
            "70 % women among its members: comes first on a tie (Decree 152/2025, art. 4(6))",
        )
        self.assertFalse(second.women_first)
        # an archived member does not count: 6 women of 9 is below 70 %
        self.members[0].active = False
        first.invalidate_recordset(["women_first", "women_first_reason"])
        self.assertEqual(self.unit_women._emulation_women_members()[self.unit_women.id], (6, 9))
        self.assertFalse(first.women_first)

    def test_a_model_is_no_candidate(self):
        nomination = self.env["emulation.nomination"].create(
            {
                "campaign_id": self.campaign.id,
                "nominee_kind": "model",
                "model_name": "Một cửa liên thông",
                "department_id": self.unit_women.id,
            }
        )
        self.assertFalse(nomination.women_first)

    # ------------------------------------------------------------------ the ballot
    def test_a_tie_broken_in_favour_of_a_woman(self):
        proposal = self.proposal(self.man | self.woman | self.man_2 | self.woman_2)
        session = self.env["emulation.council.session"].create(
            {"name": "Ballot", "date": date(Y, 12, 10), "year": Y, "member_count": 10}
        )
        proposal._set_state("council")
        votes = {self.man: 9, self.woman: 9, self.man_2: 10, self.woman_2: 8}
        for line in proposal.line_ids:
            line.write({"session_id": session.id, "vote_yes": votes[line.employee_id]})
        paper = self.env["report.emulation_exemplar.report_council_minutes"]._paper_values(session)
        ((_award_type, lines),) = paper["ballots"][session.id]
        # the most votes first whatever the gender; on the tie at 90 %, the woman before the
        # man proposed before her; a woman with fewer votes stays behind
        self.assertEqual(
            [line.employee_id for line in lines], [self.man_2, self.woman, self.man, self.woman_2]
        )

    def test_ballot_reason_read_without_hr_rights(self):
        # the officer has no HR right: the rule's verdict is shown, the gender field is not
        line = self.proposal(self.woman).line_ids.with_user(self.user_officer)
        self.assertFalse(self.user_officer.has_group("hr.group_hr_user"))
        self.assertTrue(line.women_first)
        self.assertTrue(line.women_first_reason)

    # ------------------------------------------------------------------ eligibility lists
    def eligible_rows(self, people):
        self.env.flush_all()
        return self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.law_set.id),
                ("year", "=", Y),
                ("employee_id", "in", people.ids),
            ]
        )

    def test_eligible_list_women_first_on_the_same_result(self):
        for person in (self.man, self.woman, self.man_2):
            self.classify(person, Y, "good")
        # one step short: a worse standing than any eligible
        self.classify(self.woman_2, Y, "completed")
        rows = self.eligible_rows(self.man | self.woman | self.man_2 | self.woman_2)
        self.assertEqual(len(rows), 4)
        ranked = self.env["report.emulation_exemplar.report_eligible"]._sorted_rows(rows)
        # by unit and name, but the woman before the men whose names come before hers;
        # the woman one step short stays after every eligible
        self.assertEqual(
            ranked.employee_id.ids, [self.woman.id, self.man.id, self.man_2.id, self.woman_2.id]
        )

    def test_propose_eligible_adds_women_first(self):
        for person in (self.man, self.woman, self.man_2, self.woman_2):
            self.classify(person, Y, "good")
        self.env.flush_all()
        # the proposal of the office: its eligible people, all tied, the women first (in the
        # order the men and the women had before)
        proposal = self.proposal(self.env["hr.employee"], award_type=self.law_set.award_type_id)
        proposal.action_propose_eligible()
        self.assertEqual(
            proposal.line_ids.sorted("id").employee_id.ids,
            [self.woman.id, self.woman_2.id, self.man.id, self.man_2.id],
        )
        # the campaign's candidates: the eligible, women first, before those one step away
        self.classify(self.nobody, Y, "completed")
        self.env.flush_all()
        people = (self.man | self.woman | self.man_2 | self.woman_2 | self.nobody).ids
        ranked = [
            record.id
            for record, _eligible, _missing in self.campaign._candidate_results()
            if record._name == "hr.employee" and record.id in people
        ]
        self.assertEqual(set(ranked[:2]), {self.woman.id, self.woman_2.id})
        self.assertEqual(set(ranked[2:4]), {self.man.id, self.man_2.id})
        self.assertEqual(ranked[4:], [self.nobody.id])


@tagged("at_install")
class TestCollectiveMeritUpgrade(EmulationCase):
    """The upgrade to 18.0.3.0.0 brings the notes of the collective Bằng khen's set up to date
    (its second alternative), unless an administrator rewrote them."""

    OLD = (
        "Certificate of merit of the Chairman of the Provincial People's Committee (Bằng khen), "
        "for a unit, on the yearly review.\nThe Law's other grounds are judged by people. Where "
        "the province's regulation asks for more (for instance the title “Tập thể lao động xuất "
        "sắc” in those years), an administrator adds the condition to this set."
    )

    def setUp(self):
        super().setUp()
        self.criteria_set = self.env.ref(
            "emulation_exemplar.criteria_law_provincial_merit_collective"
        )
        self.shipped = self.criteria_set.with_context(lang="en_US").description

    def test_shipped_notes_updated(self):
        self.assertIn("Two computable ways", self.shipped)
        self.criteria_set.with_context(lang="en_US").description = self.OLD
        self.env.flush_all()
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.INFO):
            run_migrations(self.env, "18.0.2.1.0")
        self.criteria_set.invalidate_recordset(["description"])
        self.assertEqual(self.criteria_set.with_context(lang="en_US").description, self.shipped)

    def test_notes_rewritten_by_hand_kept(self):
        mine = "Our province: 2 years excellent only."
        self.criteria_set.with_context(lang="en_US").description = mine
        self.env.flush_all()
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.INFO) as logged:
            run_migrations(self.env, "18.0.2.1.0")
        self.assertIn("changed by hand: kept", "\n".join(logged.output))
        self.criteria_set.invalidate_recordset(["description"])
        self.assertEqual(self.criteria_set.with_context(lang="en_US").description, mine)
