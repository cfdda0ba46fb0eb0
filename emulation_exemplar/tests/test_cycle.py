"""The annual commendation cycle: a unit registers and proposes its eligible people, the council
votes by secret ballot (yes votes counted against ALL its members), a decision is issued on the
lines that passed and writes the award history. Run as users with exactly each role."""

import importlib.util
import logging
from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user
from odoo.tools import file_open

from .common import EmulationCase
from .migration import run_migrations

YEAR = 2025


class CycleCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        # the unit manager heads the Office–Inspectorate, which has a section below it
        cls.unit_section = Department.create(
            {"name": "Inspection section", "parent_id": cls.unit_office.id}
        )
        cls.emp_head = Employee.create(
            {
                "name": "Đặng Văn Hùng",
                "department_id": cls.unit_office.id,
                "user_id": cls.user_manager.id,
            }
        )
        cls.unit_office.manager_id = cls.emp_head
        cls.emp_c = Employee.create({"name": "Lý Thị Cúc", "department_id": cls.unit_section.id})
        cls.emp_d = Employee.create({"name": "Võ Văn Dũng", "department_id": cls.unit_office.id})
        # the engine's criteria: CSTĐCS for whoever is classified excellent in 2024-2025 (one
        # set per title); the provincial certificate of merit, evaluated in 2026, for whoever
        # holds a CSTĐCS of 2025-2026: what the decision changes for next year
        Set = cls.env["emulation.criteria.set"]
        cls.set_soldier = Set.create(
            {
                "name": "CSTĐCS (test)",
                "recipient_kind": "individual",
                "award_type_id": cls.type_soldier.id,
                "year_from": 2024,
                "year_to": YEAR,
                "alternative_ids": [
                    Command.create(
                        {
                            "name": "Excellent",
                            "condition_ids": [
                                Command.create(
                                    {
                                        "kind": "classification_count",
                                        "min_count": 1,
                                        "classification_level": "excellent",
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        cls.set_next = Set.create(
            {
                "name": "Bằng khen (test)",
                "recipient_kind": "individual",
                "award_type_id": cls.type_prov.id,
                "year_from": YEAR,
                "year_to": YEAR + 1,
                "alternative_ids": [
                    Command.create(
                        {
                            "name": "A CSTĐCS",
                            "condition_ids": [
                                Command.create(
                                    {
                                        "kind": "award_count",
                                        "min_count": 1,
                                        "award_type_ids": [Command.set(cls.type_soldier.ids)],
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        # An and Cúc (the office and the section below) are eligible, Dũng is only "good"; Bình
        # (Consular Affairs, outside the office) is eligible too
        for emp, level in (
            (cls.emp_a, "excellent"),
            (cls.emp_c, "excellent"),
            (cls.emp_d, "good"),
            (cls.emp_b, "excellent"),
        ):
            cls.classify(emp, YEAR, level)
        Eligibility = cls.env["emulation.eligibility"]
        cls.results = {
            emp: Eligibility.search(
                [("criteria_set_id", "=", cls.set_soldier.id), ("employee_id", "=", emp.id)]
            )
            for emp in (cls.emp_a, cls.emp_c, cls.emp_d, cls.emp_b)
        }
        cls.Proposal = cls.env["emulation.proposal"]

    def new_proposal(self, user=None, unit=None, award_type=None, **vals):
        values = {
            "year": YEAR,
            "award_type_id": (award_type or self.type_soldier).id,
            "department_id": (unit or self.unit_office).id,
        }
        values.update(vals)
        return self.Proposal.with_user(user or self.user_manager).create(values)

    def new_registration(self, *employees, user=None):
        """The manager's registration of the office for CSTĐCS, one line per person."""
        return (
            self.env["emulation.registration"]
            .with_user(user or self.user_manager)
            .create(
                {
                    "year": YEAR,
                    "department_id": self.unit_office.id,
                    "line_ids": [
                        Command.create(
                            {
                                "recipient_type": "individual",
                                "employee_id": emp.id,
                                "award_type_id": self.type_soldier.id,
                            }
                        )
                        for emp in employees
                    ],
                }
            )
        )

    def line(self, employee, **vals):
        return dict(recipient_type="individual", employee_id=employee.id, **vals)

    def to_council(self, proposal):
        proposal.action_submit()
        proposal.with_user(self.user_officer).action_to_council()

    def session(self, members=10, present=9):
        return (
            self.env["emulation.council.session"]
            .with_user(self.user_officer)
            .create(
                {
                    "date": date(YEAR, 12, 10),
                    "year": YEAR,
                    "member_count": members,
                    "present_count": present,
                }
            )
        )


class TestCycle(CycleCase):
    def test_engine_results(self):
        self.assertEqual(
            {emp: row.eligible for emp, row in self.results.items()},
            {self.emp_a: True, self.emp_c: True, self.emp_d: False, self.emp_b: True},
        )
        self.assertEqual(self.results[self.emp_d].year, YEAR)

    def next_year_eligible(self, employee):
        row = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", self.set_next.id),
                ("employee_id", "=", employee.id),
                ("year", "=", YEAR + 1),
            ]
        )
        return row.eligible

    def test_whole_cycle(self):
        self.assertFalse(self.next_year_eligible(self.emp_a))
        # 1. the unit registers An and Dũng for CSTĐCS; the officer approves
        registration = self.new_registration(self.emp_a, self.emp_d)
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")
        with self.assertRaises(UserError):
            registration.action_approve()  # not the unit's to approve
        registration.with_user(self.user_officer).action_approve()
        self.assertEqual(registration.state, "approved")

        # 2. propose eligible: the registered and eligible only (An), then everyone eligible of
        # the office and below (Cúc too, not Bình of another unit); twice adds nobody
        proposal = self.new_proposal(registered_only=True)
        proposal.action_propose_eligible()
        self.assertEqual(proposal.line_ids.employee_id, self.emp_a)
        proposal.registered_only = False
        proposal.action_propose_eligible()
        proposal.action_propose_eligible()
        self.assertEqual(proposal.line_ids.employee_id, self.emp_a | self.emp_c)
        self.assertEqual(len(proposal.line_ids), 2)
        line_a = proposal.line_ids.filtered(lambda line: line.employee_id == self.emp_a)
        line_c = proposal.line_ids - line_a

        # 3. submit: the eligibility is snapshotted on the lines
        self.to_council(proposal)
        self.assertEqual(proposal.state, "council")
        self.assertTrue(line_a.snapshot_eligible)
        self.assertEqual(line_a.snapshot_criteria_set_id, self.set_soldier)
        self.assertEqual(line_a.snapshot_year, YEAR)
        self.assertEqual(line_a.eligibility_id, self.results[self.emp_a])

        # 4. the council: 11 members, CSTĐCS needs 80 % of all of them: 9/11 (81.8 %) passes,
        # 8/11 (72.7 %) does not, however many were present
        self.assertEqual(self.type_soldier.council_vote_threshold, 80)
        session = self.session(members=11, present=9)
        session.action_add_proposals()
        self.assertEqual(session.line_ids, line_a | line_c)
        line_a.with_user(self.user_officer).vote_yes = 9
        line_c.with_user(self.user_officer).vote_yes = 8
        self.assertTrue(line_a.vote_passed)
        self.assertFalse(line_c.vote_passed)
        self.assertAlmostEqual(line_a.vote_ratio, 81.82, places=2)
        session.action_close()
        self.assertEqual(proposal.state, "approved")

        # 5. the decision on the passed lines
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "number": "915/QĐ-TEST",
                    "date": date(YEAR, 12, 20),
                    "award_type_id": self.type_soldier.id,
                    "year": YEAR,
                }
            )
        )
        decision.action_add_passed_lines()
        # the lines that passed and no decision commends yet (demo data may hold others)
        self.assertIn(line_a, decision.line_ids)
        self.assertNotIn(line_c, decision.line_ids)
        decision.line_ids = line_a
        decision.action_issue()
        award = decision.award_ids
        self.assertEqual(len(award), 1)
        self.assertEqual(award.employee_id, self.emp_a)
        self.assertEqual(award.award_type_id, self.type_soldier)
        self.assertEqual(award.year, YEAR)
        self.assertEqual(award.decision_number, "915/QĐ-TEST")
        self.assertEqual(award.decision_date, date(YEAR, 12, 20))
        self.assertEqual(award.authority, self.type_soldier.authority)
        self.assertEqual(line_a.award_id, award)
        self.assertEqual(proposal.state, "decided")
        self.assertEqual(decision.state, "recorded")
        # the award is in An's history, and counts for next year's eligibility
        self.assertIn(award, self.emp_a.emulation_award_ids)
        self.assertTrue(self.next_year_eligible(self.emp_a))
        self.assertFalse(self.next_year_eligible(self.emp_c))
        # issuing twice is refused
        with self.assertRaisesRegex(UserError, "already issued"):
            decision.action_issue()
        # cancelling archives the award, with a note in the chatter
        decision.action_cancel()
        self.assertFalse(award.active)
        self.assertIn("Archived with the decision", decision.message_ids[0].body)
        self.assertFalse(self.next_year_eligible(self.emp_a))

    def test_threshold_boundary_counts_all_members(self):
        proposal = self.new_proposal(
            line_ids=[Command.create(self.line(self.emp_a)), Command.create(self.line(self.emp_c))]
        )
        self.to_council(proposal)
        session = self.session(members=10, present=8)
        session.action_add_proposals()
        line_a, line_c = proposal.line_ids.with_user(self.user_officer)
        line_a.vote_yes = 8  # exactly 80 % of the 10 members: passes
        line_c.vote_yes = 7  # 87.5 % of the present, 70 % of all: does not
        self.assertTrue(line_a.vote_passed)
        self.assertFalse(line_c.vote_passed)
        # a provincial emulation soldier needs 90 %
        self.assertEqual(
            self.env.ref("emulation_exemplar.award_type_provincial_soldier").council_vote_threshold,
            90,
        )

    def test_not_eligible_needs_justification(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_d))])
        with self.assertRaisesRegex(UserError, "not eligible"):
            proposal.action_submit()
        self.assertEqual(proposal.state, "draft")
        proposal.line_ids.justification = "Sáng kiến cải cách thủ tục lãnh sự được áp dụng."
        proposal.action_submit()
        self.assertEqual(proposal.state, "submitted")
        self.assertFalse(proposal.line_ids.snapshot_eligible)
        self.assertEqual(proposal.line_ids.snapshot_missing, 1)

    def test_return_with_reason(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        proposal.action_submit()
        officer_view = proposal.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "reason"):
            officer_view.action_return()
        officer_view.return_reason = "Thiếu báo cáo thành tích."
        officer_view.action_return()
        self.assertEqual(proposal.state, "returned")
        # the unit corrects and submits again
        proposal.write({"name": "12/TTr-VP"})
        proposal.action_submit()
        self.assertEqual(proposal.state, "submitted")

    def test_registration_returned_with_reason_and_redrafted(self):
        registration = self.new_registration(self.emp_a)
        with self.assertRaisesRegex(UserError, "was not returned"):
            registration.action_reset_draft()
        with self.assertRaisesRegex(UserError, "cannot be returned now"):
            registration.with_user(self.user_officer).action_return()  # a draft
        registration.action_submit()
        officer_view = registration.with_user(self.user_officer)
        officer_view.return_reason = "Thiếu bản đăng ký của phòng."
        with self.assertRaisesRegex(UserError, "Only the emulation officers"):
            registration.action_return()  # not the unit's to return
        officer_view.return_reason = " "
        with self.assertRaisesRegex(UserError, "reason"):
            officer_view.action_return()
        officer_view.return_reason = "Thiếu bản đăng ký của phòng."
        officer_view.action_return()
        self.assertEqual(registration.state, "returned")
        # the unit takes it back to draft, corrects it and submits again
        registration.action_reset_draft()
        self.assertEqual(registration.state, "draft")
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")

    def test_only_the_units_head_redrafts_and_only_officers_return(self):
        registration = self.new_registration(self.emp_a)
        registration.action_submit()
        officer_view = registration.with_user(self.user_officer)
        officer_view.return_reason = "Thiếu hồ sơ."
        # neither a plain employee nor the head of another unit returns it (not officers) or
        # takes it back to draft (they cannot even read it)
        other_head = self.env["hr.employee"].create(
            {"name": "Head of consular", "department_id": self.unit_consular.id}
        )
        self.unit_consular.manager_id = other_head
        other_head.user_id = new_test_user(
            self.env,
            "emu_consular_head",
            groups="base.group_user,emulation_exemplar.group_emulation_manager",
        )
        for user in (self.user_plain, other_head.user_id):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "officers"):
                registration.with_user(user).action_return()
        officer_view.action_return()
        for user in (self.user_plain, other_head.user_id):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                registration.with_user(user).action_reset_draft()
        self.assertEqual(registration.state, "returned")
        registration.action_reset_draft()
        self.assertEqual(registration.state, "draft")

    def test_used_once(self):
        initiative = self.env["emulation.initiative"].create(
            {
                "name": "Số hoá hồ sơ lãnh sự",
                "employee_ids": [Command.set(self.emp_a.ids)],
                "level": "grassroots",
                "year": YEAR,
            }
        )
        proposal = self.new_proposal(
            line_ids=[
                Command.create(self.line(self.emp_a, initiative_ids=[Command.set(initiative.ids)]))
            ]
        )
        self.to_council(proposal)
        session = self.session()
        session.action_add_proposals()
        proposal.line_ids.with_user(self.user_officer).vote_yes = 10
        session.action_close()
        decision = self.env["emulation.decision"].create(
            {
                "number": "916/QĐ-TEST",
                "date": date(YEAR, 12, 20),
                "award_type_id": self.type_soldier.id,
                "year": YEAR,
                "line_ids": [Command.set(proposal.line_ids.ids)],
            }
        )
        decision.action_issue()
        self.assertEqual(initiative.used_award_id, decision.award_ids)
        # a later proposal (another title) cannot rest on it again
        later = self.new_proposal(award_type=self.type_prov)
        with self.assertRefused(ValidationError, "already the basis of the award"):
            later.write(
                {
                    "line_ids": [
                        Command.create(
                            self.line(self.emp_a, initiative_ids=[Command.set(initiative.ids)])
                        )
                    ]
                }
            )
        # once that award is cancelled, the initiative counts again
        decision.action_cancel()
        later.write(
            {
                "line_ids": [
                    Command.create(
                        self.line(self.emp_a, initiative_ids=[Command.set(initiative.ids)])
                    )
                ]
            }
        )
        self.assertEqual(later.line_ids.initiative_ids, initiative)

    def test_nomination_links_to_decision_when_honoured(self):
        decision = self.env["emulation.decision"].create(
            {
                "number": "917/QĐ-TEST",
                "date": date(YEAR, 12, 20),
                "award_type_id": self.type_prov.id,
                "year": YEAR,
            }
        )
        campaign = self.env["emulation.campaign"].search([], limit=1) or self.env[
            "emulation.campaign"
        ].create({"name": "Test", "year_from": 2021, "year_to": YEAR})
        nomination = self.env["emulation.nomination"].create(
            {"campaign_id": campaign.id, "nominee_kind": "individual", "employee_id": self.emp_a.id}
        )
        with self.assertRefused(ValidationError, "not at the stage Honoured"):
            nomination.decision_id = decision
        nomination.write({"stage": "honoured", "decision_id": decision.id})
        self.assertEqual(nomination.decision_id, decision)


class TestCycleBadInput(CycleCase):
    def test_votes_above_members(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        self.to_council(proposal)
        session = self.session(members=10)
        session.action_add_proposals()
        with self.assertRefused(ValidationError, "more than the 10 members"):
            proposal.line_ids.with_user(self.user_officer).vote_yes = 11

    def test_present_above_members(self):
        with self.assertRefused(ValidationError, "check the number present"):
            self.session(members=10, present=11)

    def test_decision_without_number_or_date(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        self.to_council(proposal)
        session = self.session()
        session.action_add_proposals()
        proposal.line_ids.with_user(self.user_officer).vote_yes = 10
        session.action_close()
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "award_type_id": self.type_soldier.id,
                    "year": YEAR,
                    "line_ids": [Command.set(proposal.line_ids.ids)],
                }
            )
        )
        with self.assertRefused(UserError, "number and date"):
            decision.action_issue()
        decision.number = "918/QĐ-TEST"
        with self.assertRefused(UserError, "number and date"):
            decision.action_issue()
        decision.date = date(YEAR, 12, 22)
        decision.action_issue()
        self.assertEqual(len(decision.award_ids), 1)

    def test_line_outside_the_proposing_unit(self):
        proposal = self.new_proposal(user=self.user_officer)
        with self.assertRefused(ValidationError, "outside Office–Inspectorate"):
            proposal.write({"line_ids": [Command.create(self.line(self.emp_b))]})

    def test_same_recipient_twice(self):
        proposal = self.new_proposal()
        with self.assertRefused(ValidationError, "proposed twice"):
            proposal.write(
                {
                    "line_ids": [
                        Command.create(self.line(self.emp_a)),
                        Command.create(self.line(self.emp_a)),
                    ]
                }
            )

    def test_issuing_lines_that_did_not_pass(self):
        proposal = self.new_proposal(
            line_ids=[Command.create(self.line(self.emp_a)), Command.create(self.line(self.emp_c))]
        )
        self.to_council(proposal)
        session = self.session(members=10)
        session.action_add_proposals()
        line_a, line_c = proposal.line_ids.with_user(self.user_officer)
        line_a.vote_yes = 10
        line_c.vote_yes = 5
        session.action_close()
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "number": "919/QĐ-TEST",
                    "date": date(YEAR, 12, 22),
                    "award_type_id": self.type_soldier.id,
                    "year": YEAR,
                    "line_ids": [Command.set((line_a | line_c).ids)],
                }
            )
        )
        with self.assertRefused(UserError, "did not pass"):
            decision.action_issue()
        self.assertFalse(decision.award_ids)


class TestCycleRoles(CycleCase):
    def test_unit_cannot_skip_states(self):
        Proposal = self.Proposal.with_user(self.user_manager)
        values = {
            "year": YEAR,
            "award_type_id": self.type_soldier.id,
            "department_id": self.unit_office.id,
        }
        # a state in the values is refused; a default_state of the context is ignored
        with self.assertRefused(UserError, "only through the buttons"):
            Proposal.create(dict(values, state="approved"))
        proposal = Proposal.with_context(default_state="decided").create(values)
        self.assertEqual(proposal.state, "draft")
        with self.assertRefused(UserError, "only through the buttons"):
            proposal.write({"state": "approved"})
        proposal.write({"line_ids": [Command.create(self.line(self.emp_a))]})
        # the officers' steps are theirs
        proposal.action_submit()
        for method in ("action_to_council", "action_reject", "action_return"):
            with self.assertRefused(UserError, "Only the emulation officers"):
                getattr(proposal, method)()
        # a submitted proposal is no longer the unit's to change: neither it nor its lines
        with self.assertRefused(UserError, "can no longer change"):
            proposal.name = "99/TTr"
        with self.assertRefused(UserError, "can no longer change"):
            proposal.line_ids.justification = "changed"
        with self.assertRefused(UserError, "can no longer change"):
            proposal.line_ids.unlink()
        # nor can the unit plant ballots or snapshots
        with self.assertRefused(UserError, "recorded by the officers"):
            proposal.line_ids.vote_yes = 10
        with self.assertRefused(UserError, "only through the buttons"):
            proposal.line_ids.snapshot_eligible = True
        registration = (
            self.env["emulation.registration"]
            .with_user(self.user_manager)
            .with_context(default_state="approved")
            .create({"year": YEAR, "department_id": self.unit_office.id})
        )
        self.assertEqual(registration.state, "draft")

    def test_unit_proposes_for_its_units_only(self):
        with self.assertRaises(AccessError):
            self.new_proposal(unit=self.unit_consular)
        # the section below the office is the manager's too
        proposal = self.new_proposal(unit=self.unit_section)
        self.assertEqual(proposal.department_id, self.unit_section)

    def test_proposals_are_private_to_the_unit(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        other = self.new_proposal(user=self.user_officer, unit=self.unit_consular)
        manager_sees = self.Proposal.with_user(self.user_manager).search([])
        self.assertIn(proposal, manager_sees)
        self.assertNotIn(other, manager_sees)
        self.assertEqual(
            self.Proposal.with_user(self.user_officer).search(
                [("id", "in", (proposal | other).ids)]
            ),
            proposal | other,
        )
        # a plain user reads no proposal, no line, no council session
        for model in ("emulation.proposal", "emulation.proposal.line", "emulation.council.session"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_plain).search([])
        # the unit manager does not open the council's sessions
        with self.assertRaises(AccessError):
            self.env["emulation.council.session"].with_user(self.user_manager).search([])

    def test_officer_configures_no_threshold_admin_does(self):
        with self.assertRaises(AccessError):
            self.type_soldier.with_user(self.user_officer).council_vote_threshold = 50
        self.type_soldier.with_user(self.user_admin).council_vote_threshold = 85
        self.assertEqual(self.type_soldier.council_vote_threshold, 85)
        with self.assertRefused(ValidationError, "percentage"):
            self.type_soldier.with_user(self.user_admin).council_vote_threshold = 120

    def test_a_unit_created_below_a_managed_unit_is_visible_at_once(self):
        """The rules follow the stored heads of each unit: a new unit below the office is the
        office manager's at once, without any recompute."""
        unit = self.env["hr.department"].create(
            {"name": "New section", "parent_id": self.unit_section.id}
        )
        self.assertIn(self.user_manager, unit.emulation_head_user_ids)
        proposal = self.new_proposal(unit=unit)
        Proposal = self.Proposal.with_user(self.user_manager)
        self.assertEqual(Proposal.search([("department_id", "=", unit.id)]), proposal)
        registration = (
            self.env["emulation.registration"]
            .with_user(self.user_manager)
            .create({"year": YEAR, "department_id": unit.id})
        )
        self.assertIn(
            registration, self.env["emulation.registration"].with_user(self.user_manager).search([])
        )
        # moved under another unit, it leaves the manager's scope at once
        unit.parent_id = self.unit_consular
        self.assertFalse(Proposal.search([("department_id", "=", unit.id)]))
        # appointed to head that unit, the manager sees it and what is below it at once (the
        # rules read no list of ids that a cache could keep)
        consular = self.new_proposal(user=self.user_officer, unit=self.unit_consular)
        self.assertFalse(Proposal.search([("id", "=", consular.id)]))
        self.unit_consular.manager_id = self.emp_head
        self.assertEqual(Proposal.search([("id", "=", consular.id)]), consular)
        self.assertEqual(Proposal.search([("department_id", "=", unit.id)]), proposal)


class TestCycleUpgrade(CycleCase):
    """Migration 18.0.2.0.0 gives the shipped award types of an existing database (noupdate data)
    the council vote thresholds of the data file."""

    @classmethod
    def migration(cls):
        path = get_module_path("emulation_exemplar") + "/migrations/18.0.2.0.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("emulation_post_migrate", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_thresholds_as_in_the_data_file(self):
        with file_open("emulation_exemplar/data/award_type_data.xml", "rb") as data:
            tree = etree.parse(data)
        shipped = {
            record.get("id"): float(
                record.find("field[@name='council_vote_threshold']").get("eval")
            )
            for record in tree.iterfind("record")
            if record.find("field[@name='council_vote_threshold']") is not None
        }
        self.assertEqual(shipped, self.migration().COUNCIL_VOTE_THRESHOLDS)

    def test_empty_thresholds_set_entered_ones_kept(self):
        flag = self.env.ref("emulation_exemplar.award_type_provincial_flag")
        self.type_soldier.council_vote_threshold = 0
        flag.council_vote_threshold = 75  # entered by an administrator
        self.migration()._set_council_vote_thresholds(self.env)
        self.assertEqual(self.type_soldier.council_vote_threshold, 80)
        self.assertEqual(flag.council_vote_threshold, 75)

    def test_upgrade_from_18_0_1_compares_then_drops_the_old_columns(self):
        """From 18.0.1.x (the results in columns of the people), as -u runs the scripts: the rows
        are compared with the old columns, which are dropped; the empty thresholds are set."""
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE hr_employee ADD COLUMN exemplar_eligible boolean, "
            "ADD COLUMN exemplar_path varchar"
        )
        self.type_soldier.council_vote_threshold = 0
        self.env.flush_all()
        cr.execute(
            "UPDATE hr_employee SET exemplar_eligible = hr_employee.id IN ("
            "SELECT employee_id FROM emulation_eligibility "
            "WHERE eligible AND award_type_id IS NULL AND employee_id IS NOT NULL)"
        )
        with (
            self.assertNoLogs("OpenUpgrade", "ERROR"),
            # logging.INFO, not "INFO": Odoo names its level 25 (runbot) INFO too
            self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.INFO) as logged,
        ):
            run_migrations(self.env, "18.0.1.1.0")
        log = "\n".join(logged.output)
        self.assertRegex(log, r"hr_employee: the same \d+ records are eligible exemplars as before")
        self.assertNotIn("WARNING", log)
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'hr_employee' "
            "AND column_name IN ('exemplar_eligible', 'exemplar_path')"
        )
        self.assertEqual(cr.fetchall(), [])
        self.env.invalidate_all()
        self.assertEqual(self.type_soldier.council_vote_threshold, 80)
