"""The Law as in force on 1 January 2026 (issue 24): a discipline under consideration blocks
proposals (Decree 152/2025/NĐ-CP, art. 4), the council's level sets its vote threshold, and the
classifications of people from 2026 follow Decree 335/2025/NĐ-CP (the 20 % cap of excellent
ones, not completed with a discipline), as warnings."""

import logging
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EmulationCase
from .migration import run_migrations
from .test_cycle import YEAR, CycleCase


@tagged("at_install")
class TestDisciplineUnderConsideration(CycleCase):
    """No proposal, registration or Propose eligible for a person while a discipline of theirs
    is under consideration; a decided discipline does not block proposals."""

    def consider(self, employee, **vals):
        return (
            self.env["emulation.discipline"]
            .with_user(self.user_officer)
            .create(
                dict(
                    employee_id=employee.id,
                    state="considering",
                    consideration_date=date(YEAR, 11, 3),
                    year=YEAR,
                    **vals,
                )
            )
        )

    def test_considering_needs_no_form_decided_does(self):
        considered = self.consider(self.emp_a)
        self.assertFalse(considered.form)
        with self.assertRefused(ValidationError, "decided discipline needs its form"):
            considered.state = "decided"
        considered.write({"state": "decided", "form": "reprimand"})
        # a discipline recorded as before is decided: the upgrade keeps every one as it was
        recorded = self.env["emulation.discipline"].create(
            {"employee_id": self.emp_d.id, "form": "warning", "year": YEAR}
        )
        self.assertEqual(recorded.state, "decided")

    def test_no_registration_or_proposal_line(self):
        self.consider(self.emp_a)
        with self.assertRefused(ValidationError, "under consideration \\(since 03/11/2025\\)"):
            self.new_registration(self.emp_a)
        with self.assertRefused(ValidationError, "Nguyễn Văn An cannot be proposed"):
            self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        # the others still can
        self.new_registration(self.emp_d)
        self.new_proposal(line_ids=[Command.create(self.line(self.emp_c))])

    def test_propose_eligible_leaves_them_out(self):
        self.consider(self.emp_a)
        proposal = self.new_proposal()
        action = proposal.action_propose_eligible()
        # An is eligible but left out; Cúc, eligible too, is proposed
        self.assertEqual(proposal.line_ids.employee_id, self.emp_c)
        self.assertIn("1 eligible people left out", action["params"]["message"])

    def test_submit_refused_once_under_consideration(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        registration = self.new_registration(self.emp_a)
        considered = self.consider(self.emp_a)
        with self.assertRefused(ValidationError, "cannot be proposed or registered"):
            proposal.action_submit()
        with self.assertRefused(ValidationError, "cannot be proposed or registered"):
            registration.action_submit()
        self.assertEqual(proposal.state, "draft")
        # decided (a reprimand): the proposal goes, its eligibility says the rest
        considered.write({"state": "decided", "form": "reprimand"})
        proposal.action_submit()
        self.assertEqual(proposal.state, "submitted")

    def test_no_decision_issued_while_under_consideration(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        self.to_council(proposal)
        session = self.session(members=10, present=10)
        session.action_add_proposals()
        proposal.line_ids.with_user(self.user_officer).vote_yes = 10
        session.action_close()
        considered = self.consider(self.emp_a)
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "number": "916/QĐ-TEST",
                    "date": date(YEAR, 12, 20),
                    "award_type_id": self.type_soldier.id,
                    "year": YEAR,
                }
            )
        )
        decision.line_ids = proposal.line_ids
        with self.assertRefused(ValidationError, "Nguyễn Văn An cannot be proposed"):
            decision.action_issue()
        self.assertFalse(decision.award_ids)
        # once decided (here: archived, no discipline), the decision is issued
        considered.active = False
        decision.action_issue()
        self.assertEqual(decision.award_ids.employee_id, self.emp_a)

    def test_message_names_the_discipline_only_to_its_readers(self):
        self.consider(self.emp_c)
        Discipline = self.env["emulation.discipline"]
        # the plain user may not read Cúc's discipline: told nothing of it
        with self.assertRaises(ValidationError) as refused:
            Discipline.with_user(self.user_plain)._check_not_under_consideration(self.emp_c)
        message = str(refused.exception)
        self.assertIn("Lý Thị Cúc cannot be proposed or registered at the moment", message)
        self.assertNotIn("discipline", message)
        self.assertNotIn("03/11", message)
        # the manager of her unit may: told why
        with self.assertRaisesRegex(ValidationError, "a discipline of theirs is under consid"):
            Discipline.with_user(self.user_manager)._check_not_under_consideration(self.emp_c)

    def test_archived_consideration_does_not_block(self):
        self.consider(self.emp_a).active = False
        self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])


@tagged("at_install")
class TestCouncilLevel(CycleCase):
    """The council's level sets the share of yes votes a proposal needs (80 % at the proposing
    level, 90 % at a ministry's or a province's), unless the title asks for more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proposing = cls.env.ref("emulation_exemplar.council_level_proposing")
        cls.provincial = cls.env.ref("emulation_exemplar.council_level_provincial")
        cls.type_worker = cls.env.ref("emulation_exemplar.award_type_advanced_worker")

    def ballot(self, level, award_type=None, members=1000):
        """A session of ``level`` with ``members`` members voting on An's line."""
        proposal = self.new_proposal(
            award_type=award_type,
            line_ids=[Command.create(self.line(self.emp_a, justification="Test"))],
        )
        self.to_council(proposal)
        session = self.session(members=members, present=members)
        session.council_level_id = level
        session.action_add_proposals()
        return session, proposal.line_ids.with_user(self.user_officer)

    def test_shipped_levels(self):
        self.assertEqual(self.proposing.vote_threshold, 80)
        self.assertEqual(self.provincial.vote_threshold, 90)
        # a new session is of the proposing level
        self.assertEqual(self.session().council_level_id, self.proposing)

    def test_proposing_level_80_percent(self):
        self.type_worker.council_vote_threshold = 0  # the title asks nothing of its own
        _session, line = self.ballot(self.proposing, self.type_worker)
        self.assertEqual(line.vote_threshold, 80)
        line.vote_yes = 799  # 79.9 %
        self.assertFalse(line.vote_passed)
        line.vote_yes = 800  # 80 %
        self.assertTrue(line.vote_passed)

    def test_provincial_level_90_percent(self):
        self.type_worker.council_vote_threshold = 0
        _session, line = self.ballot(self.provincial, self.type_worker)
        self.assertEqual(line.vote_threshold, 90)
        line.vote_yes = 899  # 89.9 %
        self.assertFalse(line.vote_passed)
        line.vote_yes = 900  # 90 %
        self.assertTrue(line.vote_passed)

    def test_stricter_title_keeps_its_threshold(self):
        provincial_soldier = self.env.ref("emulation_exemplar.award_type_provincial_soldier")
        self.assertEqual(provincial_soldier.council_vote_threshold, 90)
        _session, line = self.ballot(self.proposing, provincial_soldier)
        self.assertEqual(line.vote_threshold, 90)
        line.vote_yes = 899
        self.assertFalse(line.vote_passed)
        line.vote_yes = 900
        self.assertTrue(line.vote_passed)

    def test_no_level_the_title_alone(self):
        self.type_worker.council_vote_threshold = 0
        session, line = self.ballot(self.env["emulation.council.level"], self.type_worker, 10)
        self.assertEqual(session.vote_threshold, 0)
        line.vote_yes = 6  # more than half
        self.assertTrue(line.vote_passed)
        line.vote_yes = 5
        self.assertFalse(line.vote_passed)

    def test_level_edited_later_recounts_no_session(self):
        session, line = self.ballot(self.proposing)
        line.vote_yes = 800
        session.action_close()
        self.assertTrue(line.vote_passed)
        self.proposing.with_user(self.user_admin).vote_threshold = 85
        self.env.flush_all()
        self.assertEqual(session.vote_threshold, 80)
        self.assertTrue(line.vote_passed)
        # a new session takes the new threshold
        self.assertEqual(self.session().vote_threshold, 85)

    def test_only_administrators_edit_levels(self):
        with self.assertRaises(AccessError):
            self.proposing.with_user(self.user_officer).vote_threshold = 50
        with self.assertRefused(ValidationError, "from 0 to 100"):
            self.proposing.with_user(self.user_admin).vote_threshold = 120
        # the officer cannot set a session's threshold by hand either
        session = self.session()
        with self.assertRaises(UserError):  # the write policy's refusal
            session.with_user(self.user_officer).vote_threshold = 10

    def test_upgrade_keeps_the_sessions_as_counted(self):
        """The pre-migration creates the columns empty: a session held before the upgrade has
        no level and keeps the title's threshold alone."""
        session, line = self.ballot(self.proposing, members=10)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE emulation_council_session DROP COLUMN council_level_id, "
            "DROP COLUMN vote_threshold"
        )
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations", logging.INFO) as logs:
            run_migrations(self.env, "18.0.2.1.0", stage="pre")
        self.assertIn("kept without a level", "\n".join(logs.output))
        cr.execute(
            "SELECT council_level_id, vote_threshold FROM emulation_council_session WHERE id = %s",
            [session.id],
        )
        self.assertEqual(cr.fetchone(), (None, 0))


@tagged("at_install")
class TestClassificationDecree335(EmulationCase):
    """From 2026: classified under Decree 335/2025/NĐ-CP; excellent ones at most 20 % of the
    good ones of a unit, and not completed with a discipline: warnings, never refusals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = cls.env["hr.employee"].create(
            [{"name": "Cap %s" % i, "department_id": cls.unit_consular.id} for i in range(7)]
        )

    def classify_all(self, year, excellent, good):
        people = self.people[: excellent + good]
        levels = ["excellent"] * excellent + ["good"] * good
        return (
            self.env["emulation.classification"]
            .with_user(self.user_officer)
            .create(
                [
                    {
                        "recipient_type": "individual",
                        "employee_id": person.id,
                        "year": year,
                        "level": level,
                    }
                    for person, level in zip(people, levels, strict=True)
                ]
            )
        )

    def cap_row(self, year):
        self.env["emulation.classification.cap"].invalidate_model()
        return (
            self.env["emulation.classification.cap"]
            .with_user(self.user_officer)
            .search([("unit_id", "=", self.unit_consular.id), ("year", "=", year)])
        )

    def test_cited_by_year(self):
        records = self.classify(self.emp_a, 2025, "good") | self.classify(self.emp_a, 2026, "good")
        self.assertEqual(
            records.mapped("legal_basis"), ["Decree 90/2020/NĐ-CP", "Decree 335/2025/NĐ-CP"]
        )

    def test_record_paper_cites_the_decree_of_each_year(self):
        self.classify(self.emp_a, 2025, "good")
        self.classify(self.emp_a, 2026, "excellent")
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html("emulation_exemplar.action_report_record_employee", self.emp_a.ids)
        )
        html = html.decode()
        self.assertIn("(Decree 90/2020/NĐ-CP)", html)
        self.assertIn("(Decree 335/2025/NĐ-CP)", html)

    def test_within_the_cap_one_excellent_for_five_good(self):
        with patch.object(type(self.env.user), "_bus_send") as sent:
            self.classify_all(2026, 1, 5)
        self.assertFalse(sent.called)
        row = self.cap_row(2026)
        self.assertEqual((row.excellent_count, row.good_count, row.cap_count), (1, 5, 1))
        self.assertFalse(row.over_cap)

    def test_over_the_cap_warned_not_refused(self):
        with patch.object(type(self.env.user), "_bus_send") as sent:
            records = self.classify_all(2026, 1, 4)  # 25 %
        self.assertEqual(len(records), 5, "recorded all the same")
        sent.assert_called_once()
        kind, payload = sent.call_args.args
        self.assertEqual((kind, payload["type"]), ("simple_notification", "warning"))
        self.assertIn(
            "1 people classified excellent in 2026 for 4 classified good", payload["message"]
        )
        # the officer's list of units over the cap
        over = (
            self.env["emulation.classification.cap"]
            .with_user(self.user_officer)
            .search([("over_cap", "=", True)])
        )
        self.assertIn(self.unit_consular, over.unit_id)
        # one more good classification brings it back within the cap
        self.classify(self.people[5], 2026, "good")
        self.assertFalse(self.cap_row(2026).over_cap)

    def test_before_2026_no_cap(self):
        with patch.object(type(self.env.user), "_bus_send") as sent:
            self.classify_all(2025, 3, 1)
        self.assertFalse(sent.called)
        self.assertFalse(self.cap_row(2025))

    def test_cap_list_for_officers_of_the_company_only(self):
        self.classify_all(2026, 2, 1)
        self.assertTrue(self.cap_row(2026).over_cap)
        with self.assertRaises(AccessError):
            self.env["emulation.classification.cap"].with_user(self.user_manager).search([])
        other = self.env["res.company"].create({"name": "Another department"})
        self.user_officer.write({"company_ids": [Command.link(other.id)], "company_id": other.id})
        self.assertFalse(
            self.env["emulation.classification.cap"]
            .with_user(self.user_officer)
            .with_context(allowed_company_ids=[other.id])
            .search([("unit_id", "=", self.unit_consular.id)])
        )

    def test_discipline_in_the_year_warns(self):
        self.env["emulation.discipline"].create(
            {"employee_id": self.emp_b.id, "form": "reprimand", "year": 2026}
        )
        with patch.object(type(self.env.user), "_bus_send") as sent:
            record = self.classify(self.emp_b, 2026, "good")
        self.assertTrue(record.exists())
        self.assertIn("with a discipline that year", sent.call_args.args[1]["message"])
        with patch.object(type(self.env.user), "_bus_send") as sent:
            record.level = "not_completed"
        self.assertFalse(sent.called)

    def test_onchange_warns_before_saving(self):
        self.classify_all(2026, 1, 4)
        new = self.env["emulation.classification"].new(
            {"recipient_type": "individual", "employee_id": self.people[5].id, "year": 2026}
        )
        new.level = "good"
        self.assertIsNone(new._onchange_decree_335())
        new.level = "excellent"
        warning = new._onchange_decree_335()["warning"]
        self.assertIn(
            "2 people classified excellent in 2026 for 4 classified good", warning["message"]
        )
