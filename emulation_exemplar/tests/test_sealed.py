"""Sealed records (issue 22): nobody forges the ballot, the workflow or the history. Every
request is sent as a JSON-RPC client sends it (``call_kw`` with the context it chose), as the
role that tried it; and one generic test walks every field of every model of the cycle, the
campaign and the decision against the declared write policy."""

from datetime import date

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.write_policy_mixin import OFFICER_ROLE, UNIT, WritePolicyError
from .test_cycle import YEAR, CycleCase

# the models whose writes are declared, with the policy states of each
POLICY_STATES = {
    "emulation.proposal": ("draft", "submitted", "council", "approved", "decided", "returned"),
    "emulation.proposal.line": ("draft", "submitted", "council", "approved", "issued"),
    "emulation.proposal.document": ("draft", "submitted", "approved", "decided"),
    "emulation.registration": ("draft", "submitted", "approved", "returned"),
    "emulation.registration.line": ("draft", "submitted", "approved", "returned"),
    "emulation.council.session": ("draft", "done"),
    "emulation.decision": ("draft", "recorded", "correcting"),
    "emulation.campaign": ("draft", "running", "closed"),
    "emulation.nomination": ("detected", "selected", "registered", "honoured", "dropped"),
}


def rpc(model, user, method, *args, context=None, **kwargs):
    """``method`` of ``model`` called as ``user`` the way /web/dataset/call_kw calls it."""
    return call_kw(
        # a fresh environment of the user: only the context the request sends
        model.with_env(model.env(user=user, context={}, su=False)),
        method,
        list(args),
        dict(kwargs, context=context),
    )


class SealedCase(CycleCase):
    def voted(self, votes=10):
        """A proposal of the office for emp_a through a closed session (passed at 10 of 10)."""
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        self.to_council(proposal)
        session = self.session()
        session.action_add_proposals()
        proposal.line_ids.with_user(self.user_officer).vote_yes = votes
        session.action_close()
        return proposal, session

    def issued(self):
        """A decision of the office's grassroots soldiers, issued on the lines that passed."""
        decision = (
            self.env["emulation.decision"]
            .with_user(self.user_officer)
            .create(
                {
                    "award_type_id": self.type_soldier.id,
                    "year": YEAR,
                    "number": "9/QĐ",
                    "date": date(YEAR, 12, 20),
                }
            )
        )
        decision.action_add_passed_lines()
        decision.action_issue()
        return decision


@tagged("post_install", "-at_install")
class TestSealed(SealedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["emulation.proposal.line"]
        cls.Initiative = cls.env["emulation.initiative"]
        cls.initiative_b = cls.Initiative.create(
            {"name": "Another unit's initiative", "employee_ids": [Command.set(cls.emp_b.ids)]}
        )

    # ------------------------------------------------------------------ forging the cycle
    def test_unit_head_cannot_forge_a_line(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        line = proposal.line_ids
        for vals in (
            {"state": "approved", "vote_passed": True},
            {"vote_passed": True},
            {"award_type_id": self.type_prov.id},
            {"year": YEAR - 1},
            {"vote_yes": 10},
            {"snapshot_eligible": True},
            {"eligibility_id": self.results[self.emp_a].id},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "."):
                rpc(self.Line, self.user_manager, "write", line.ids, vals)
        self.assertEqual(
            (line.state, line.vote_passed, line.award_type_id, line.year, line.vote_yes),
            ("draft", False, self.type_soldier, YEAR, 0),
        )
        # returned, it is the unit's again, but still not the ballot
        self.to_council(proposal)
        proposal.with_user(self.user_officer).return_reason = "Add the achievements"
        proposal.with_user(self.user_officer).action_return()
        with self.assertRefused(UserError, "only through the buttons"):
            rpc(self.Line, self.user_manager, "write", line.ids, {"vote_passed": True})
        # nothing the officer's Add passed lines could pick up
        decision = self.env["emulation.decision"].create(
            {"award_type_id": self.type_soldier.id, "year": YEAR}
        )
        decision.action_add_passed_lines()
        self.assertNotIn(line, decision.line_ids)

    def test_context_defaults_do_not_reach_a_line(self):
        proposal = self.new_proposal()
        decision = self.env["emulation.decision"].create(
            {"award_type_id": self.type_soldier.id, "year": YEAR}
        )
        award = self.award(self.emp_a, self.type_soldier, YEAR - 1)
        line_id = rpc(
            self.Line,
            self.user_manager,
            "create",
            {
                "proposal_id": proposal.id,
                "recipient_type": "individual",
                "employee_id": self.emp_a.id,
            },
            context={
                "default_vote_yes": 11,
                "default_snapshot_eligible": True,
                "default_award_id": award.id,
                "default_decision_id": decision.id,
                "default_state": "approved",
                "default_vote_passed": True,
            },
        )
        line = self.Line.browse(line_id)
        self.assertEqual(
            (line.vote_yes, line.snapshot_eligible, line.award_id, line.decision_id, line.state),
            (0, False, award.browse(), decision.browse(), "draft"),
        )
        self.assertFalse(line.vote_passed)

    def test_initiative_of_someone_else(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        with self.assertRefused(ValidationError, "not theirs"):
            rpc(
                self.Line,
                self.user_manager,
                "write",
                proposal.line_ids.ids,
                {"initiative_ids": [Command.link(self.initiative_b.id)]},
            )
        own = self.Initiative.create(
            {"name": "An's initiative", "employee_ids": [Command.set(self.emp_a.ids)]}
        )
        rpc(
            self.Line,
            self.user_manager,
            "write",
            proposal.line_ids.ids,
            {"initiative_ids": [Command.link(own.id)]},
        )
        self.assertEqual(proposal.line_ids.initiative_ids, own)

    def test_moving_a_paper_to_another_unit(self):
        proposal = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        registration = self.new_registration(self.emp_a)
        for paper in (proposal, registration):
            with self.subTest(paper=paper._name), self.assertRefused(UserError, "has lines"):
                rpc(
                    self.env[paper._name],
                    self.user_manager,
                    "write",
                    paper.ids,
                    {"department_id": self.unit_section.id},
                )
            self.assertEqual(paper.department_id, self.unit_office)
        # an empty draft may still be moved within the unit's reach
        empty = self.new_proposal(award_type=self.type_prov)
        rpc(
            self.Proposal,
            self.user_manager,
            "write",
            empty.ids,
            {"department_id": self.unit_section.id},
        )
        self.assertEqual(empty.department_id, self.unit_section)

    def test_document_of_an_approved_proposal(self):
        proposal, _session = self.voted()
        self.assertEqual(proposal.state, "approved")
        Document = self.env["emulation.proposal.document"]
        vals = {"proposal_id": proposal.id, "name": "Late paper", "file": "aGVsbG8="}
        with self.assertRefused(UserError, "can no longer change"):
            rpc(Document, self.user_manager, "create", vals)
        # the officers file the council's minutes in the dossier
        document = Document.browse(rpc(Document, self.user_officer, "create", vals))
        with self.assertRefused(UserError, "can no longer change"):
            rpc(Document, self.user_manager, "unlink", document.ids)

    def test_registration_line_state_and_year(self):
        registration = self.new_registration(self.emp_a)
        RegLine = self.env["emulation.registration.line"]
        for vals in ({"state": "approved"}, {"year": YEAR + 1}):
            with self.subTest(vals=vals), self.assertRefused(UserError, "only through the buttons"):
                rpc(RegLine, self.user_manager, "write", registration.line_ids.ids, vals)
        self.assertEqual((registration.line_ids.state, registration.line_ids.year), ("draft", YEAR))

    def test_nomination_criteria_set_of_another_category(self):
        campaign = self.env["emulation.campaign"].create({"name": "Plan"})
        key_cadre_set = self.set_soldier.copy({"recipient_kind": "key_cadre", "active": False})
        Nomination = self.env["emulation.nomination"]
        vals = {
            "campaign_id": campaign.id,
            "employee_id": self.emp_a.id,
            "criteria_set_id": key_cadre_set.id,
        }
        # a unit manager does not choose the criteria at all
        with self.assertRaises(UserError):  # AccessError is one
            rpc(Nomination, self.user_manager, "create", vals)
        # an officer may, but only a set that judges the nominee's kind of recipient
        with self.assertRefused(ValidationError, "does not apply"):
            rpc(Nomination, self.user_officer, "create", vals)

    def test_no_vote_added_to_a_closed_session(self):
        # a line at the council without a ballot yet cannot be put, with votes, on the ballot of
        # a session already closed: its minutes are sealed
        _proposal, session = self.voted()
        other = self.new_proposal(
            line_ids=[Command.create(self.line(self.emp_d, justification="Đột xuất."))]
        )
        self.to_council(other)
        self.assertFalse(other.line_ids.session_id)
        with self.assertRefused(ValidationError, "is closed"):
            rpc(
                self.Line,
                self.user_officer,
                "write",
                other.line_ids.ids,
                {"session_id": session.id, "vote_yes": 10},
            )
        self.assertFalse(other.line_ids.session_id)
        self.assertEqual(session.state, "done")

    # ------------------------------------------------------------------ unlocking what is closed
    def test_closed_session_is_sealed(self):
        proposal, session = self.voted()
        Session = self.env["emulation.council.session"]
        for vals in ({"state": "draft"}, {"member_count": 20}, {"name": "06/BB"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, "."):
                rpc(Session, self.user_officer, "write", session.ids, vals)
        with self.assertRefused(UserError, "."):
            rpc(self.Line, self.user_officer, "write", proposal.line_ids.ids, {"vote_yes": 3})
        with self.assertRefused(UserError, "closed council session"):
            rpc(self.Line, self.user_officer, "unlink", proposal.line_ids.ids)
        self.assertEqual((session.state, proposal.line_ids.vote_yes), ("done", 10))
        # reopening is a button, with a reason, that leaves a note
        action = rpc(Session, self.user_officer, "action_reopen_wizard", session.ids)
        Wizard = self.env["emulation.unseal.wizard"]
        wizard_id = rpc(
            Wizard,
            self.user_officer,
            "create",
            {"reason": "Miscounted ballot"},
            context=action["context"],
        )
        with self.assertRaises(AccessError):
            rpc(Wizard, self.user_manager, "action_confirm", [wizard_id])
        rpc(Wizard, self.user_officer, "action_confirm", [wizard_id])
        self.assertEqual((session.state, proposal.state), ("draft", "council"))
        self.assertIn("Miscounted ballot", str(session.message_ids[:1].body))
        rpc(self.Line, self.user_officer, "write", proposal.line_ids.ids, {"vote_yes": 3})
        session.with_user(self.user_officer).action_close()
        self.assertEqual(proposal.state, "rejected")

    def test_session_of_a_decision_stays_sealed(self):
        _proposal, session = self.voted()
        self.issued()
        with self.assertRefused(UserError, "already in the decision"):
            session.with_user(self.user_officer)._unseal("recount")
        self.assertEqual(session.state, "done")

    def test_issued_decision_is_sealed(self):
        proposal, _session = self.voted()
        Decision = self.env["emulation.decision"]
        decision = self.issued()
        awards = decision.award_ids
        self.assertIn(proposal.line_ids.award_id, awards)
        for vals in (
            {"state": "draft"},
            {"award_ids": [Command.clear()]},
            {"archived_award_ids": [Command.set(awards.ids)]},
            {"year": YEAR - 1},
            {"number": "10/QĐ"},
            {"line_ids": [Command.clear()]},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "."):
                rpc(Decision, self.user_officer, "write", decision.ids, vals)
        with self.assertRefused(UserError, "."):
            rpc(
                self.Line, self.user_officer, "write", proposal.line_ids.ids, {"decision_id": False}
            )
        self.assertEqual(
            (decision.state, decision.award_ids, decision.year), ("recorded", awards, YEAR)
        )
        # the scan of the signed paper is still attached afterwards
        rpc(
            Decision,
            self.user_officer,
            "write",
            decision.ids,
            {"decision_file": "aGVsbG8=", "decision_filename": "qd.pdf"},
        )

    def test_company_moves(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        officer_b = new_test_user(
            self.env,
            "emu_officer_b",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=company_b.id,
            company_ids=[Command.set((company_b | self.company).ids)],
        )
        env_b = {"allowed_company_ids": company_b.ids}
        records = {
            "emulation.decision": {"award_type_id": self.type_soldier.id, "year": YEAR},
            "emulation.council.session": {"date": date(YEAR, 12, 1), "member_count": 5},
            "emulation.campaign": {"name": "B's plan"},
        }
        for model, vals in records.items():
            with self.subTest(model=model):
                Model = self.env[model]
                record_id = rpc(
                    Model, officer_b, "create", dict(vals, company_id=company_b.id), context=env_b
                )
                with self.assertRefused(UserError, "set when the record is created"):
                    rpc(
                        Model,
                        officer_b,
                        "write",
                        [record_id],
                        {"company_id": self.company.id},
                        context=env_b,
                    )
                self.assertEqual(Model.browse(record_id).company_id, company_b)


@tagged("post_install", "-at_install")
class TestWritePolicyEveryField(SealedCase):
    """Every field of every model with a declared write policy, for each role and state."""

    def test_every_field_has_an_entry(self):
        for model_name in POLICY_STATES:
            Model = self.env[model_name]
            exempt = Model._policy_exempt_fields()
            with self.subTest(model=model_name):
                self.assertFalse(
                    set(Model._write_policy) - set(Model._fields),
                    "the policy names fields the model does not have",
                )
                writable = {
                    fname
                    for fname, field in Model._fields.items()
                    if fname not in exempt
                    and (field.store or field.inverse)
                    and not (field.compute and not field.store and not field.inverse)
                }
                self.assertFalse(
                    writable - set(Model._write_policy),
                    "a writable field has no entry in the write policy: declare who writes it",
                )

    def records_in_each_state(self):
        """(record, policy state) of real records of every model, each yielded while it is in
        that state, in the states the cycle can put them in here."""
        Officer = self.env(user=self.user_officer)
        draft = self.new_proposal(line_ids=[Command.create(self.line(self.emp_a))])
        Officer["emulation.proposal.document"].create(
            {"proposal_id": draft.id, "name": "Report", "file": "aGVsbG8="}
        )
        registration = self.new_registration(self.emp_a)
        yield from [(draft, "draft"), (draft.line_ids, "draft"), (draft.document_ids, "draft")]
        yield from [(registration, "draft"), (registration.line_ids, "draft")]
        registration.action_submit()
        yield from [(registration, "submitted"), (registration.line_ids, "submitted")]
        proposal, session = self.voted()
        Officer["emulation.proposal.document"].create(
            {"proposal_id": proposal.id, "name": "Minutes", "file": "aGVsbG8="}
        )
        yield from [(proposal, "approved"), (proposal.line_ids, "approved"), (session, "done")]
        yield from [(proposal.document_ids, "approved")]
        open_session = self.session()
        yield from [(open_session, "draft")]
        decision = Officer["emulation.decision"].create(
            {
                "award_type_id": self.type_soldier.id,
                "year": YEAR,
                "number": "9/QĐ",
                "date": date(YEAR, 12, 20),
            }
        )
        yield from [(decision, "draft")]
        decision.action_add_passed_lines()
        decision.action_issue()
        yield from [(decision, "recorded"), (proposal, "decided"), (proposal.line_ids, "issued")]
        campaign = Officer["emulation.campaign"].create({"name": "Plan"})
        yield from [(campaign, "draft")]
        nomination = Officer["emulation.nomination"].create(
            {"campaign_id": campaign.id, "employee_id": self.emp_a.id}
        )
        yield from [(nomination, "detected")]

    def test_each_role_and_state(self):
        """Write each field's current value as each role on a real record in each state: refused
        (by the policy, or before it by the access rights) exactly when the policy says so."""
        users = {UNIT: self.user_manager, OFFICER_ROLE: self.user_officer}
        walked = set()
        for record, state in self.records_in_each_state():
            Model = self.env[record._name]
            self.assertEqual(record._policy_state(), state, record)
            exempt = Model._policy_exempt_fields()
            fnames = sorted(
                set(Model._write_policy)
                | {f for f, field in Model._fields.items() if field.store and f not in exempt}
            )
            for role, user in users.items():
                allowed = Model._policy_allowed(role, state)
                for fname in fnames:
                    walked.add((record._name, state, role, fname))
                    field = Model._fields[fname]
                    value = field.convert_to_write(record[fname], record)
                    if field.type == "one2many":
                        value = []
                    refused = None
                    try:
                        with self.env.cr.savepoint():
                            record.with_user(user).write({fname: value})
                    except (WritePolicyError, AccessError) as error:
                        refused = error
                    except (UserError, ValidationError):
                        refused = False  # refused for another reason than the policy
                    with self.subTest(model=record._name, state=state, role=role, field=fname):
                        if fname in allowed:
                            self.assertFalse(isinstance(refused, WritePolicyError), refused)
                        else:
                            self.assertTrue(refused, "written against the policy")
                    self.env.invalidate_all()
        self.assertEqual({m for m, *_rest in walked}, set(POLICY_STATES))
