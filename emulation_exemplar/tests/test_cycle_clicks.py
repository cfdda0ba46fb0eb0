"""The cycle in a few clicks (issue 25): registering a whole unit at once or as last year, the
unit head's unit filled in, *Only registered* on where a registration exists, *Create decision*
on a closed council session, the return dialog, the to-dos of the officers and of the unit head,
and the buttons a role can never use. Each button is tried by the roles that must not use it."""

from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .test_cycle import YEAR, CycleCase

TODO = "mail.mail_activity_data_todo"


@tagged("at_install", "-post_install")
class TestCycleClicks(CycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_worker = cls.env.ref("emulation_exemplar.award_type_advanced_worker")
        cls.Registration = cls.env["emulation.registration"]
        # the head of Consular Affairs, another unit
        cls.other_head = cls.env["hr.employee"].create(
            {"name": "Head of consular", "department_id": cls.unit_consular.id}
        )
        cls.unit_consular.manager_id = cls.other_head
        cls.other_head.user_id = new_test_user(
            cls.env,
            "emu_consular_head2",
            groups="base.group_user,emulation_exemplar.group_emulation_manager",
        )

    def todos(self, record, user=None):
        domain = [
            ("res_model", "=", record._name),
            ("res_id", "=", record.id),
            ("activity_type_id", "=", self.env.ref(TODO).id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    # ------------------------------------------------------------------ registration
    def test_register_all_members_of_the_unit_head(self):
        registration = self.Registration.with_user(self.user_manager).create({"year": YEAR})
        # the unit head's unit is filled in, and the title for everyone
        self.assertEqual(registration.department_id, self.unit_office)
        self.assertEqual(registration.award_type_id, self.type_worker)
        registration.action_register_all()
        # everyone of the office and of the section below it, nobody of another unit
        self.assertEqual(
            registration.line_ids.employee_id, self.emp_a | self.emp_head | self.emp_c | self.emp_d
        )
        self.assertEqual(set(registration.line_ids.mapped("award_type_id")), {self.type_worker})
        # again: nobody twice
        registration.action_register_all()
        self.assertEqual(len(registration.line_ids), 4)
        # then remove who does not register
        registration.line_ids.filtered(lambda line: line.employee_id == self.emp_d).unlink()
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")
        with self.assertRaisesRegex(UserError, "can no longer change it"):
            registration.action_register_all()
        # nobody of another unit was asked the default unit: an officer has none
        self.assertFalse(
            self.Registration.with_user(self.user_officer).new({}).department_id,
            "an officer heads no unit: no unit is filled in",
        )

    def test_register_all_refused_on_another_unit(self):
        registration = self.Registration.with_user(self.user_officer).create(
            {"year": YEAR, "department_id": self.unit_consular.id}
        )
        # the head of the office cannot fill the consular registration (record rules), even
        # through RPC; the consular head can
        with self.assertRaises(AccessError):
            registration.with_user(self.user_manager).action_register_all()
        with self.assertRaises(AccessError):
            registration.with_user(self.user_manager).action_copy_last_year()
        with self.assertRaises(AccessError):
            registration.with_user(self.user_plain).action_register_all()
        self.assertFalse(registration.line_ids)
        registration.with_user(self.other_head.user_id).action_register_all()
        self.assertEqual(registration.line_ids.employee_id, self.emp_b | self.other_head)

    def test_copy_last_year(self):
        last = self.Registration.with_user(self.user_manager).create(
            {
                "year": YEAR - 1,
                "line_ids": [
                    Command.create(
                        {"employee_id": self.emp_a.id, "award_type_id": self.type_soldier.id}
                    ),
                    Command.create(
                        {"employee_id": self.emp_d.id, "award_type_id": self.type_worker.id}
                    ),
                ],
            }
        )
        self.emp_d.action_archive()  # left the agency
        registration = self.Registration.with_user(self.user_manager).create({"year": YEAR})
        registration.action_copy_last_year()
        self.assertEqual(
            [(line.employee_id, line.award_type_id) for line in registration.line_ids],
            [(self.emp_a, self.type_soldier)],
        )
        self.assertEqual(len(last.line_ids), 2, "last year's registration is unchanged")
        first = self.Registration.with_user(self.user_manager).create({"year": YEAR - 5})
        with self.assertRaisesRegex(UserError, "no registration for"):
            first.action_copy_last_year()

    def test_only_registered_on_where_a_registration_exists(self):
        self.assertFalse(self.new_proposal().registered_only)
        registration = self.new_registration(self.emp_a)
        self.assertFalse(self.new_proposal().registered_only, "a draft registration is not one")
        registration.action_submit()
        proposal = self.new_proposal()
        self.assertTrue(proposal.registered_only)
        self.assertEqual(proposal.department_id, self.unit_office)
        # the unit may still turn it off
        proposal.registered_only = False
        self.assertFalse(proposal.registered_only)
        self.assertFalse(self.new_proposal(year=YEAR - 1).registered_only)
        # the default unit of a new proposal is the head's
        self.assertEqual(
            self.Proposal.with_user(self.user_manager).new({}).department_id, self.unit_office
        )

    def test_propose_from_the_registration(self):
        registration = self.new_registration(self.emp_a, self.emp_c)
        registration.award_type_id = self.type_soldier
        with self.assertRaisesRegex(UserError, "Submit"):
            registration.action_new_proposal()
        registration.action_submit()
        # the head of another unit cannot read it, nor open its proposal
        with self.assertRaises(AccessError):
            registration.with_user(self.other_head.user_id).action_new_proposal()
        action = registration.action_new_proposal()
        self.assertEqual(action["res_model"], "emulation.proposal")
        proposal = self.Proposal.with_user(self.user_manager).with_context(**action["context"])
        proposal = proposal.create({})
        self.assertEqual(
            (proposal.department_id, proposal.year, proposal.award_type_id),
            (self.unit_office, YEAR, self.type_soldier),
        )
        self.assertTrue(proposal.registered_only)
        proposal.action_propose_eligible()
        # registered and eligible: An and Cúc (Dũng is not eligible, Bình not of the unit)
        self.assertEqual(proposal.line_ids.employee_id, self.emp_a | self.emp_c)

    # ------------------------------------------------------------------ council → decision
    def closed_session(self):
        """Two proposals of the office (CSTĐCS: An and Cúc; the provincial certificate: An),
        voted on and closed: An passes both, Cúc fails."""
        soldier = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        soldier.action_propose_eligible()
        merit = self.new_proposal(
            award_type=self.type_prov,
            line_ids=[Command.create(self.line(self.emp_a, justification="Thành tích đột xuất."))],
        )
        for proposal in soldier | merit:
            self.to_council(proposal)
        session = self.session(members=10, present=10)
        session.action_add_proposals()
        for line in session.line_ids:
            line.with_user(self.user_officer).vote_yes = 4 if line.employee_id == self.emp_c else 10
        with self.assertRaisesRegex(UserError, "Close the session first"):
            session.action_create_decisions()
        session.action_close()
        return session, soldier, merit

    def test_create_decision_one_per_title(self):
        session, soldier, merit = self.closed_session()
        self.assertEqual(session.undecided_count, 2)
        action = session.action_create_decisions()
        decisions = session.decision_ids
        self.assertEqual(len(decisions), 2)
        self.assertEqual(action["domain"], [("id", "in", decisions.ids)])
        self.assertEqual(decisions.award_type_id, self.type_soldier | self.type_prov)
        for decision in decisions:
            self.assertEqual(decision.year, YEAR)
            self.assertEqual(decision.state, "draft")
            self.assertEqual(decision.create_uid, self.user_officer)
            self.assertEqual(decision.line_ids.proposal_id.award_type_id, decision.award_type_id)
            self.assertEqual(decision.line_ids.employee_id, self.emp_a, "the passed lines only")
        self.assertEqual(session.undecided_count, 0)
        with self.assertRaisesRegex(UserError, "no passed line left"):
            session.action_create_decisions()
        # the officer enters the number and issues: the proposals are decided, the unit head
        # has a to-do
        soldier_decision = decisions.filtered(lambda d: d.award_type_id == self.type_soldier)
        soldier_decision.number = "77/QĐ-TEST"
        soldier_decision.date = date(YEAR, 12, 28)
        soldier_decision.action_issue()
        self.assertEqual(soldier.state, "decided")
        self.assertEqual(soldier_decision.award_ids.employee_id, self.emp_a)
        self.assertTrue(self.todos(soldier, self.user_manager))
        self.assertFalse(self.todos(merit, self.user_manager), "merit is not decided yet")
        # a single decision opens in its form
        self.assertEqual(soldier_decision._open_action()["res_id"], soldier_decision.id)

    def test_create_decision_refused_to_others(self):
        session, _soldier, _merit = self.closed_session()
        for user in (self.user_manager, self.user_plain):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                session.with_user(user).action_create_decisions()
        self.assertFalse(session.decision_ids)
        self.assertEqual(session.undecided_count, 2)

    def test_decision_form_one_primary_button_and_matching_hint(self):
        arch = self.env["emulation.decision"].get_view(
            self.env.ref("emulation_exemplar.emulation_decision_view_form").id
        )["arch"]
        form = etree.fromstring(arch)
        primaries = form.xpath("//header/button[contains(@class, 'btn-primary')]")
        hints = form.xpath("//sheet/div[contains(@class, 'alert')]")
        for state, active, lines, correction in (
            ("draft", True, False, False),
            ("draft", True, True, False),
            ("recorded", True, True, False),
            ("recorded", True, True, True),
        ):
            values = {
                "state": state,
                "active": active,
                "line_ids": [1] if lines else [],
                "correction_open": correction,
            }
            with self.subTest(**values):
                shown = [
                    b.get("name")
                    for b in primaries
                    if not safe_eval(b.get("invisible") or "False", values)
                ]
                # a draft has its one next step; an issued decision none but Seal again
                self.assertEqual(len(shown), 1 if state == "draft" or correction else 0, shown)
                shown_hints = [
                    h for h in hints if not safe_eval(h.get("invisible") or "False", values)
                ]
                self.assertEqual(len(shown_hints), 1)
        # the form opened on a selection of people, before its type is chosen, computes no money
        draft = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .new({"employee_ids": [Command.set(self.emp_a.ids)]})
        )
        self.assertEqual(draft.amount_total, 0)
        self.assertTrue(form.xpath("//div[@name='proposal_lines']/field[@name='line_ids']"))
        self.assertFalse(form.xpath("//page[@name='proposal_lines']"), "the lines are not in a tab")

    # ------------------------------------------------------------------ return dialog, to-dos
    def test_submit_and_return_dialog_with_todos(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        proposal.action_submit()
        # a to-do for every officer of the company, none for the unit
        self.assertTrue(self.todos(proposal, self.user_officer))
        self.assertFalse(self.todos(proposal, self.user_manager))
        # the unit cannot open the dialog, nor the wizard through RPC
        with self.assertRaisesRegex(UserError, "officers"):
            proposal.action_return_dialog()
        with self.assertRaises(AccessError):
            self.env["emulation.return.wizard"].with_user(self.user_manager).create(
                {"res_model": proposal._name, "res_id": proposal.id, "reason": "x"}
            )
        action = proposal.with_user(self.user_officer).action_return_dialog()
        self.assertEqual(action["res_model"], "emulation.return.wizard")
        wizard = (
            self.env["emulation.return.wizard"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"reason": "Thiếu báo cáo thành tích."})
        )
        wizard.action_confirm()
        self.assertEqual(proposal.state, "returned")
        self.assertEqual(proposal.return_reason, "Thiếu báo cáo thành tích.")
        # the officers' to-do is done; the unit head (who drafted it) has one
        self.assertFalse(self.todos(proposal, self.user_officer))
        todo = self.todos(proposal, self.user_manager)
        self.assertEqual(len(todo), 1)
        self.assertIn("Thiếu báo cáo", str(todo.note))
        # submitting again: the unit's to-do is done, the officers have theirs again
        proposal.action_reset_draft()
        proposal.action_submit()
        self.assertFalse(self.todos(proposal, self.user_manager))
        self.assertTrue(self.todos(proposal, self.user_officer))
        # sent to the council: done
        proposal.with_user(self.user_officer).action_to_council()
        self.assertFalse(self.todos(proposal))
        # rejecting through the dialog
        action = proposal.with_user(self.user_officer).action_reject_dialog()
        self.env["emulation.return.wizard"].with_user(self.user_officer).with_context(
            **action["context"]
        ).create({"reason": "Không đủ điều kiện."}).action_confirm()
        self.assertEqual(proposal.state, "rejected")
        self.assertTrue(self.todos(proposal, self.user_manager))

    def test_return_dialog_of_a_registration(self):
        registration = self.new_registration(self.emp_a)
        registration.action_submit()
        self.assertTrue(self.todos(registration, self.user_officer))
        action = registration.with_user(self.user_officer).action_return_dialog()
        wizard = (
            self.env["emulation.return.wizard"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"reason": "Bổ sung danh hiệu tập thể."})
        )
        wizard.action_confirm()
        self.assertEqual(registration.state, "returned")
        self.assertTrue(self.todos(registration, self.user_manager))
        # a reason of spaces is refused; a registration is never rejected
        registration.action_reset_draft()
        registration.action_submit()
        wizard = (
            self.env["emulation.return.wizard"]
            .with_user(self.user_officer)
            .create({"res_model": registration._name, "res_id": registration.id, "reason": " "})
        )
        with self.assertRaisesRegex(UserError, "Write the reason"):
            wizard.action_confirm()
        wizard.write({"reason": "x", "action": "reject"})
        with self.assertRaisesRegex(UserError, "not rejected"):
            wizard.action_confirm()
        self.assertEqual(registration.state, "submitted")
        registration.with_user(self.user_officer).action_approve()
        self.assertFalse(self.todos(registration))
