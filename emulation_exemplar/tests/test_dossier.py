"""Issue 26, one database: a proposal beyond the agency's authority goes up to the province's
body (another company) as a dossier, is returned once, sent again, passed by the province's
council (its own threshold) and decided; the award lands in the recipient's company. The
province reads only the dossiers sent to it; an agency reads nothing of another agency."""

import base64
import io
import json
import re
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..lib import exchange
from .test_cycle import YEAR, CycleCase


class DossierCase(CycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.province = Company.create({"name": "Ban Thi đua – Khen thưởng tỉnh (test)"})
        cls.company.emulation_parent_body_id = cls.province
        cls.user_province = new_test_user(
            cls.env,
            "emu_province",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.province.id,
            company_ids=[Command.set(cls.province.ids)],
        )
        # a second agency of the province, with its own officer, person and dossier
        cls.agency_b = Company.create(
            {"name": "Sở Tư pháp", "emulation_parent_body_id": cls.province.id}
        )
        cls.user_officer_b = new_test_user(
            cls.env,
            "emu_officer_b",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.agency_b.id,
            company_ids=[Command.set(cls.agency_b.ids)],
        )
        cls.unit_b = cls.env["hr.department"].create(
            {"name": "Văn phòng Sở Tư pháp", "company_id": cls.agency_b.id}
        )
        cls.emp_other = cls.env["hr.employee"].create(
            {"name": "Phan Văn Khải", "department_id": cls.unit_b.id, "company_id": cls.agency_b.id}
        )
        cls.level_province = cls.env.ref("emulation_exemplar.council_level_provincial")

    def approved_proposal(self, user_officer, unit, employee, votes=9):
        """A proposal of the provincial Bằng khen passed by the agency's council (80 %)."""
        proposal = (
            self.env["emulation.proposal"]
            .with_user(user_officer)
            .create(
                {
                    "name": "12/TTr-TEST",
                    "year": YEAR,
                    "award_type_id": self.type_prov.id,
                    "department_id": unit.id,
                    "line_ids": [
                        Command.create(
                            self.line(
                                employee,
                                justification="Hoàn thành xuất sắc nhiệm vụ hai năm liền.",
                                achievements="Tham mưu tổ chức Hội nghị xúc tiến đầu tư.",
                            )
                        )
                    ],
                }
            )
        )
        proposal.action_submit()
        proposal.action_to_council()
        session = (
            self.env["emulation.council.session"]
            .with_user(user_officer)
            .create(
                {
                    "date": date(YEAR, 12, 10),
                    "year": YEAR,
                    "member_count": 10,
                    "present_count": 10,
                }
            )
        )
        session.action_add_proposals()
        session.line_ids.vote_yes = votes
        session.action_close()
        self.assertEqual(proposal.state, "approved")
        return proposal

    def province_session(self, members=10):
        return (
            self.env["emulation.council.session"]
            .with_user(self.user_province)
            .create(
                {
                    "date": date(YEAR + 1, 1, 15),
                    "year": YEAR,
                    "member_count": members,
                    "present_count": members,
                    "council_level_id": self.level_province.id,
                }
            )
        )

    def on_province_ballot(self, dossier, user=None):
        """``dossier`` reviewed by the province and put on the ballot of a new session of its
        council: (the dossier as the province's officer, the session)."""
        mine = dossier.with_user(user or self.user_province)
        mine.action_review()
        mine.action_to_council()
        session = self.province_session()
        session.action_add_proposals()
        return mine, session

    def sent_dossier(self):
        proposal = self.approved_proposal(self.user_officer, self.unit_office, self.emp_a)
        proposal.action_send_up()
        return proposal, proposal._dossiers()


@tagged("at_install", "-post_install")
class TestDossierFlow(DossierCase):
    def test_whole_flow_returned_once_then_decided(self):
        proposal, dossier = self.sent_dossier()
        # sent: the province's record, with the passed line's facts and the papers
        self.assertEqual(dossier.state, "sent")
        self.assertEqual(dossier.company_id, self.province)
        self.assertEqual(dossier.sender_company_id, self.company)
        self.assertEqual(dossier.sudo().proposal_id, proposal)
        self.assertFalse(proposal.can_send_up)
        with self.assertRaisesRegex(UserError, "already with the body above"):
            proposal.action_send_up()
        mine = dossier.with_user(self.user_province)
        self.assertEqual(mine.line_ids.recipient_name, "Nguyễn Văn An")
        self.assertEqual(mine.line_ids.unit_name, "Office–Inspectorate")
        self.assertEqual(mine.line_ids.agency_vote_ratio, 90.0)
        self.assertEqual(
            sorted(name.split("-")[0] for name in mine.attachment_ids.mapped("name")),
            ["achievements", "list", "minutes", "submission"],
        )
        self.assertTrue(all(mine.attachment_ids.mapped("raw")))

        # the province returns it once, with the reason; the agency sends it again
        mine.action_review()
        with self.assertRaisesRegex(UserError, "reason for returning"):
            mine.action_return()
        mine.return_reason = "Thiếu báo cáo thành tích có xác nhận của Thủ trưởng."
        mine.action_return()
        self.assertEqual(dossier.state, "returned")
        # the agency reads why, and sends the same dossier again
        self.assertIn("Thiếu báo cáo", dossier.with_user(self.user_officer).return_reason)
        self.assertTrue(proposal.can_send_up)
        proposal.action_send_up()
        self.assertEqual(proposal._dossiers(), dossier)
        self.assertEqual((dossier.state, dossier.send_count), ("sent", 2))
        self.assertEqual(len(dossier.line_ids), 1)
        self.assertEqual(len(dossier.attachment_ids), 4)

        # the province's council: its level's 90 % (the agency's was 80 %)
        mine.action_review()
        mine.action_to_council()
        session = self.province_session()
        self.assertEqual(session.company_id, self.province)
        session.action_add_proposals()
        self.assertEqual(session.dossier_line_ids, dossier.line_ids)
        line = session.dossier_line_ids
        line.vote_yes = 8
        self.assertFalse(line.vote_passed)
        line.vote_yes = 9
        self.assertTrue(line.vote_passed)
        session.action_close()
        self.assertEqual(dossier.state, "approved")

        # the Chairman's decision: the award is in An's history, in the agency's company
        with self.assertRaisesRegex(UserError, "number and date"):
            mine.action_decide()
        mine.write({"decision_number": "345/QĐ-UBND", "decision_date": date(YEAR + 1, 1, 20)})
        mine.action_decide()
        self.assertEqual(dossier.state, "decided")
        self.assertEqual(proposal.state, "decided")
        awards = (
            self.env["emulation.award"]
            .with_user(self.user_officer)
            .search(
                [("employee_id", "=", self.emp_a.id), ("award_type_id", "=", self.type_prov.id)]
            )
        )
        self.assertEqual(len(awards), 1)
        self.assertEqual(awards.company_id, self.company)
        self.assertEqual((awards.decision_number, awards.year), ("345/QĐ-UBND", YEAR))
        self.assertEqual(awards.decision_date, date(YEAR + 1, 1, 20))
        self.assertEqual(proposal.line_ids.award_id, awards)
        # the agency's officer reads the decision on its dossier
        theirs = dossier.with_user(self.user_officer)
        self.assertEqual(
            (theirs.decision_number, theirs.decision_date, theirs.state),
            ("345/QĐ-UBND", date(YEAR + 1, 1, 20), "decided"),
        )
        # and the province does not read the award it wrote in the agency's history
        self.assertFalse(
            self.env["emulation.award"]
            .with_user(self.user_province)
            .search([("id", "=", awards.id)])
        )

    def test_no_line_passes_the_province_council(self):
        proposal, dossier = self.sent_dossier()
        _mine, session = self.on_province_ballot(dossier)
        session.dossier_line_ids.vote_yes = 8  # 80 %: the agency's level, not the province's
        session.action_close()
        self.assertEqual(dossier.state, "refused")
        self.assertEqual(proposal.state, "rejected")
        self.assertIn("threshold", proposal.return_reason)
        self.assertFalse(self.env["emulation.award"].search([("employee_id", "=", self.emp_a.id)]))

    def test_council_smaller_than_the_votes_on_a_dossier_line(self):
        # lowering the council's member count below the yes votes of a dossier line on its
        # ballot is refused, as for the agency's own proposal lines
        _proposal, dossier = self.sent_dossier()
        _mine, session = self.on_province_ballot(dossier)
        session.dossier_line_ids.vote_yes = 8
        with self.assertRaisesRegex(ValidationError, "more than the 5 members"):
            session.write({"member_count": 5, "present_count": 5})
            session.flush_recordset()

    def test_refused_with_reason(self):
        proposal, dossier = self.sent_dossier()
        mine = dossier.with_user(self.user_province)
        with self.assertRaisesRegex(UserError, "reason for refusing"):
            mine.action_refuse()
        mine.return_reason = "Chưa đủ thời gian công tác."
        mine.action_refuse()
        self.assertEqual((dossier.state, proposal.state), ("refused", "rejected"))
        self.assertEqual(proposal.return_reason, "Chưa đủ thời gian công tác.")

    def test_only_what_goes_up_is_sent(self):
        # a grassroots title is the agency's own to decide
        proposal = self.new_proposal(
            user=self.user_officer,
            line_ids=[Command.create(self.line(self.emp_a, justification="x"))],
        )
        proposal.action_submit()
        with self.assertRaisesRegex(UserError, "once the agency's council has passed it"):
            proposal.action_send_up()
        proposal.action_to_council()
        session = self.session()
        session.action_add_proposals()
        session.line_ids.vote_yes = 10
        session.action_close()
        self.assertFalse(proposal.can_send_up)
        with self.assertRaisesRegex(UserError, "within the agency's own authority"):
            proposal.action_send_up()
        # no body above: nothing is sent
        approved = self.approved_proposal(self.user_officer, self.unit_office, self.emp_c)
        self.company.emulation_parent_body_id = False
        with self.assertRaisesRegex(UserError, "Set the body above"):
            approved.action_send_up()
        # the unit manager does not send up
        self.company.emulation_parent_body_id = self.province
        with self.assertRaisesRegex(UserError, "Only the emulation officers"):
            approved.with_user(self.user_manager).action_send_up()
        self.assertFalse(self.env["emulation.dossier"].search([]))


@tagged("at_install", "-post_install")
class TestDossierRoles(DossierCase):
    def test_agency_reads_but_does_not_write_the_dossier(self):
        proposal, dossier = self.sent_dossier()
        theirs = dossier.with_user(self.user_officer)
        self.assertEqual(theirs.state, "sent")
        self.assertFalse(theirs.is_receiver)
        self.assertTrue(dossier.with_user(self.user_province).is_receiver)
        # the province's steps are not the agency's, nor its fields
        for method in ("action_review", "action_return", "action_refuse", "action_decide"):
            with self.assertRaisesRegex(UserError, "Only the officers of the body"):
                getattr(theirs, method)()
        with self.assertRaises(AccessError):
            theirs.write({"return_reason": "Tự trả lại"})
        with self.assertRaises(AccessError):
            theirs.line_ids.write({"vote_yes": 10})
        # nobody creates a dossier by hand, or writes its status
        with self.assertRaises(AccessError):
            self.env["emulation.dossier"].with_user(self.user_officer).create(
                {
                    "proposal_id": proposal.id,
                    "company_id": self.province.id,
                    "sender_company_id": self.company.id,
                    "award_type_id": self.type_prov.id,
                    "year": YEAR,
                }
            )
        mine = dossier.with_user(self.user_province)
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            mine.write({"state": "decided"})
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            mine.write({"sender_company_id": self.agency_b.id})
        # the ballot is counted at the council only, the decision once passed
        with self.assertRaisesRegex(UserError, "cannot change while"):
            mine.line_ids.write({"vote_yes": 10})
        with self.assertRaisesRegex(UserError, "cannot change while"):
            mine.write({"decision_number": "1/QĐ-UBND"})
        with self.assertRaises(UserError):
            mine.unlink()

    def test_isolation_between_companies(self):
        proposal_a, dossier_a = self.sent_dossier()
        proposal_b = self.approved_proposal(self.user_officer_b, self.unit_b, self.emp_other)
        proposal_b.action_send_up()
        dossier_b = proposal_b._dossiers()
        Dossier = self.env["emulation.dossier"]
        Line = self.env["emulation.dossier.line"]
        Attachment = self.env["ir.attachment"]
        papers_a = Attachment.search(
            [("res_model", "=", "emulation.dossier"), ("res_id", "=", dossier_a.id)]
        )
        papers_b = Attachment.search(
            [("res_model", "=", "emulation.dossier"), ("res_id", "=", dossier_b.id)]
        )
        self.assertEqual((len(papers_a), len(papers_b)), (4, 4))

        # the province reads the dossiers sent to it, their lines and papers...
        province = self.user_province
        self.assertEqual(Dossier.with_user(province).search([]), dossier_a | dossier_b)
        self.assertEqual(
            Line.with_user(province).search([]), dossier_a.line_ids | dossier_b.line_ids
        )
        self.assertEqual(
            Attachment.with_user(province).search([("res_model", "=", "emulation.dossier")]),
            papers_a | papers_b,
        )
        papers_a.with_user(province).read(["raw"])
        # ... and nothing else of the agencies: proposals, their lines, people's history
        for model in (
            "emulation.proposal",
            "emulation.proposal.line",
            "emulation.award",
            "emulation.council.session",
            "emulation.classification",
        ):
            self.assertFalse(self.env[model].with_user(province).search([]), model)
        with self.assertRaises(AccessError):
            proposal_a.with_user(province).read(["name"])
        # the agency's line behind a dossier line is not the province's to follow
        self.assertNotIn("proposal_line_id", dossier_a.line_ids.with_user(province).fields_get())

        # agency B reads its own dossier only: not A's, nor its lines or papers
        officer_b = self.user_officer_b
        self.assertEqual(Dossier.with_user(officer_b).search([]), dossier_b)
        self.assertEqual(Line.with_user(officer_b).search([]), dossier_b.line_ids)
        self.assertEqual(
            Attachment.with_user(officer_b).search([("res_model", "=", "emulation.dossier")]),
            papers_b,
        )
        with self.assertRaises(AccessError):
            dossier_a.with_user(officer_b).read(["name"])
        with self.assertRaises(AccessError):
            dossier_a.line_ids.with_user(officer_b).read(["recipient_name"])
        with self.assertRaises(AccessError):
            papers_a.with_user(officer_b).read(["raw"])
        with self.assertRaises(AccessError):
            proposal_a.with_user(officer_b).read(["name"])
        # and A reads nothing of B's
        officer_a = self.user_officer
        self.assertEqual(Dossier.with_user(officer_a).search([]), dossier_a)
        with self.assertRaises(AccessError):
            papers_b.with_user(officer_a).read(["raw"])
        with self.assertRaises(AccessError):
            dossier_b.line_ids.with_user(officer_a).read(["recipient_name"])
        # a decision for B lands in B only
        mine = dossier_b.with_user(province)
        mine.action_review()
        mine.action_to_council()
        session = self.province_session()
        session.action_add_proposals()
        self.assertEqual(session.dossier_line_ids, dossier_b.line_ids)
        session.dossier_line_ids.vote_yes = 10
        session.action_close()
        mine.write({"decision_number": "346/QĐ-UBND", "decision_date": date(YEAR + 1, 1, 21)})
        mine.action_decide()
        award_b = self.env["emulation.award"].search([("employee_id", "=", self.emp_other.id)])
        self.assertEqual(award_b.company_id, self.agency_b)
        self.assertFalse(
            self.env["emulation.award"].with_user(officer_a).search([("id", "=", award_b.id)])
        )
        self.assertEqual(dossier_a.state, "sent")

    def test_every_field_has_a_policy_entry(self):
        for model_name in ("emulation.dossier", "emulation.dossier.line"):
            Model = self.env[model_name]
            exempt = Model._policy_exempt_fields()
            writable = {
                fname
                for fname, field in Model._fields.items()
                if fname not in exempt
                and (field.store or field.inverse)
                and not (field.compute and not field.store and not field.inverse)
            }
            self.assertFalse(writable - set(Model._write_policy), model_name)
            self.assertFalse(set(Model._write_policy) - set(Model._fields), model_name)

    def test_reopening_the_province_session(self):
        proposal, dossier = self.sent_dossier()
        mine, session = self.on_province_ballot(dossier)
        session.dossier_line_ids.vote_yes = 8
        session.action_close()
        self.assertEqual((dossier.state, proposal.state), ("refused", "rejected"))
        # the ballot counted again: the refusal and the proposal's rejection are undone
        session._unseal("Kiểm phiếu lại")
        self.assertEqual((dossier.state, proposal.state), ("council", "approved"))
        session.dossier_line_ids.vote_yes = 9
        session.action_close()
        self.assertEqual(dossier.state, "approved")
        # a closed ballot is sealed
        with self.assertRaisesRegex(UserError, "cannot change while"):
            session.dossier_line_ids.write({"vote_yes": 10})
        # reopened: the dossier is back at the council, the votes can be counted again
        session._unseal("Kiểm phiếu lại")
        self.assertEqual(dossier.state, "council")
        session.dossier_line_ids.vote_yes = 10
        session.action_close()
        mine.write({"decision_number": "347/QĐ-UBND", "decision_date": date(YEAR + 1, 1, 22)})
        mine.action_decide()
        self.assertEqual(proposal.state, "decided")
        # once decided, the session stays closed
        with self.assertRaisesRegex(UserError, "a dossier it voted on is decided"):
            session._unseal("Kiểm phiếu lại")
        self.assertEqual(session.state, "done")


@tagged("at_install", "-post_install")
class TestDossierFiles(DossierCase):
    """The same flow between two databases, through the files: the agency's file is imported by
    the province's body (here a company whose agencies are not in its database: the dossier
    knows its sender by name only), and the body's decision file by the agency."""

    def file_of(self, action):
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        return self.env["ir.attachment"].browse(attachment_id).raw

    def import_file(self, user, content, button):
        wizard = (
            self.env["emulation.dossier.import.wizard"]
            .with_user(user)
            .create({"file": base64.b64encode(content)})
        )
        return getattr(wizard, button)()

    def test_flow_through_the_files(self):
        self.company.emulation_parent_body_id = False  # the province is another database
        proposal = self.approved_proposal(self.user_officer, self.unit_office, self.emp_a)
        content = self.file_of(proposal.action_export_dossier())
        document, papers = exchange.read(content, exchange.DOSSIER_SCHEMA)
        self.assertEqual((document["schema"], document["version"]), (exchange.DOSSIER_SCHEMA, 1))
        self.assertEqual(document["award_type_code"], "BK_UBND")
        self.assertEqual([line["name"] for line in document["lines"]], ["Nguyễn Văn An"])
        self.assertEqual(
            sorted(papers), ["achievements.html", "list.html", "minutes.html", "submission.html"]
        )

        # the province imports it: an incoming dossier of its company, known by name
        action = self.import_file(self.user_province, content, "action_import_dossier")
        dossier = self.env["emulation.dossier"].browse(action["res_id"])
        self.assertEqual(dossier.company_id, self.province)
        self.assertFalse(dossier.sender_company_id)
        self.assertEqual(dossier.sender_name, self.company.name)
        self.assertEqual(dossier.line_ids.recipient_name, "Nguyễn Văn An")
        self.assertEqual(len(dossier.attachment_ids), 4, "submission, list, minutes, achievements")
        # the agency's officer does not read it here: it is not linked to its company
        self.assertFalse(
            self.env["emulation.dossier"]
            .with_user(self.user_officer)
            .search([("id", "=", dossier.id)])
        )
        with self.assertRaisesRegex(UserError, "already here"):
            self.import_file(self.user_province, content, "action_import_dossier")

        # the province's council and decision
        mine, session = self.on_province_ballot(dossier)
        session.dossier_line_ids.vote_yes = 9
        session.action_close()
        mine.write({"decision_number": "345/QĐ-UBND", "decision_date": date(YEAR + 1, 1, 20)})
        mine.action_decide()
        self.assertEqual(dossier.state, "decided")
        self.assertFalse(self.env["emulation.award"].search([("employee_id", "=", self.emp_a.id)]))
        decision = self.file_of(mine.action_export_decision())

        # a decision file is not a dossier file, and the other way round
        with self.assertRaisesRegex(UserError, "another kind"):
            self.import_file(self.user_province, decision, "action_import_dossier")
        # the agency imports the decision: the award is in An's history
        action = self.import_file(self.user_officer, decision, "action_import_decision")
        self.assertEqual(action["res_id"], proposal.id)
        self.assertEqual(proposal.state, "decided")
        award = self.env["emulation.award"].search([("employee_id", "=", self.emp_a.id)])
        self.assertEqual((award.decision_number, award.company_id), ("345/QĐ-UBND", self.company))
        self.assertEqual(proposal.line_ids.award_id, award)
        with self.assertRaisesRegex(UserError, "already recorded"):
            self.import_file(self.user_officer, decision, "action_import_decision")

    def test_bad_files_import_nothing(self):
        self.company.emulation_parent_body_id = False
        proposal = self.approved_proposal(self.user_officer, self.unit_office, self.emp_a)
        content = self.file_of(proposal.action_export_dossier())
        document, papers = exchange.read(content, exchange.DOSSIER_SCHEMA)
        Dossier = self.env["emulation.dossier"]
        # a malformed file
        with self.assertRaisesRegex(UserError, "not a dossier or decision file"):
            self.import_file(self.user_province, b"PK-not-really-a-zip", "action_import_dossier")
        # a file of another schema version
        other = io.BytesIO()
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr("dossier.json", json.dumps(dict(document, version=2)))
        other = other.getvalue()
        with self.assertRaisesRegex(UserError, "schema version 2; this database reads version 1"):
            self.import_file(self.user_province, other, "action_import_dossier")
        # a required key missing
        broken = exchange.build(
            exchange.DOSSIER_SCHEMA, {k: v for k, v in document.items() if k != "lines"}
        )
        with self.assertRaisesRegex(UserError, "lacks lines"):
            self.import_file(self.user_province, broken, "action_import_dossier")
        # values of the wrong kind: said as a damaged file, not a crash
        first = document["lines"][0]
        for key, bad in (
            ("ref", ["HS", 1]),
            ("award_type_code", {"code": "BK"}),
            ("year", "twenty"),
            ("lines[1].agency_vote_ratio", "90%"),
            ("lines[1].agency_vote_ratio", 250),
            ("lines[1].recipient_type", ["individual"]),
            ("lines[1].name", 7),
        ):
            with self.subTest(key=key, value=bad):
                if key.startswith("lines[1]."):
                    field = key.removeprefix("lines[1].")
                    damaged = dict(document, lines=[dict(first, **{field: bad})])
                else:
                    damaged = dict(document, **{key: bad})
                content = exchange.build(exchange.DOSSIER_SCHEMA, damaged)
                message = "The file's %s has a value of the wrong kind" % re.escape(key)
                with self.assertRaisesRegex(UserError, message):
                    self.import_file(self.user_province, content, "action_import_dossier")
        self.assertFalse(Dossier.search([]))
        # a decision naming an unknown recipient: refused, nothing imported, the name given
        uuid = self.env["ir.config_parameter"].get_param("database.uuid")
        line = proposal.line_ids
        decision = exchange.build(
            exchange.DECISION_SCHEMA,
            {
                "dossier_ref": document["ref"],
                "decided": True,
                "number": "345/QĐ-UBND",
                "date": "2026-01-20",
                "award_type_code": "BK_UBND",
                "year": YEAR,
                "lines": [
                    {
                        "ref": "%s/line/%s" % (uuid, line.id),
                        "name": "Nguyễn Văn An",
                        "passed": True,
                    },
                    {"ref": "%s/line/999999" % uuid, "name": "Người Lạ", "passed": True},
                ],
            },
        )
        with self.assertRaisesRegex(UserError, "Nothing was imported.*Người Lạ"):
            self.import_file(self.user_officer, decision, "action_import_decision")
        self.assertEqual(proposal.state, "approved")
        self.assertFalse(self.env["emulation.award"].search([("employee_id", "=", self.emp_a.id)]))
        # another agency's officer cannot apply it to a proposal it does not read
        with self.assertRaisesRegex(UserError, "did not send"):
            self.import_file(self.user_officer_b, decision, "action_import_decision")
