"""One decision for many: an emulation officer (no Odoo HR right) records a commendation decision
once, with its people and units, and its awards are created together. Run as users with exactly
each role: officer, plain user, unit manager, another company's officer, administrator."""

from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import EmulationCase


class DecisionCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.people = Employee.create(
            [{"name": "Cán bộ %02d" % i, "department_id": cls.unit_office.id} for i in range(1, 26)]
        )
        cls.company_2 = cls.env["res.company"].create({"name": "Sở Ngoại vụ Quảng Bình"})
        cls.user_officer_2 = new_test_user(
            cls.env,
            "emu_dec_officer_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.unit_2 = cls.env["hr.department"].create(
            {"name": "Văn phòng Sở", "company_id": cls.company_2.id}
        )
        cls.emp_2 = Employee.create(
            {"name": "Phan Văn Hải", "department_id": cls.unit_2.id, "company_id": cls.company_2.id}
        )
        cls.Decision = cls.env["emulation.decision"].with_user(cls.user_officer)

    def new_decision(self, people=(), units=(), award_type=None, **vals):
        values = {
            "number": "45/QĐ-UBND",
            "date": date(2025, 1, 15),
            "award_type_id": (award_type or self.type_prov).id,
            "year": 2024,
            "employee_ids": [Command.set([p.id for p in people])],
            "department_ids": [Command.set([u.id for u in units])],
        }
        values.update(vals)
        return self.Decision.create(values)


class TestRecording(DecisionCase):
    def test_the_officer_has_no_hr_right(self):
        self.assertFalse(self.user_officer.has_group("hr.group_hr_user"))
        self.assertTrue(self.user_officer.has_group("emulation_exemplar.group_emulation_officer"))

    def test_officer_records_one_decision_for_many(self):
        people = self.people[:5]
        decision = self.new_decision(
            people, self.unit_consular, reason="Hoàn thành xuất sắc nhiệm vụ năm 2024"
        )
        self.assertEqual(decision.state, "draft")
        self.assertEqual(decision.recipient_type, "both")
        self.assertEqual(decision.recipient_count, 6)
        self.assertEqual(
            decision.authority, self.type_prov.authority, "the authority comes from the type"
        )
        decision.action_record_awards()
        self.assertEqual(decision.state, "recorded")
        awards = decision.award_ids
        self.assertEqual(len(awards), 6)
        self.assertEqual(awards.employee_id, people)
        self.assertEqual(awards.department_id, self.unit_consular)
        for award in awards:
            self.assertEqual(award.decision_id, decision)
            self.assertEqual(award.award_type_id, self.type_prov)
            self.assertEqual(award.year, 2024)
            self.assertEqual(award.decision_number, "45/QĐ-UBND")
            self.assertEqual(award.decision_date, date(2025, 1, 15))
            self.assertEqual(award.authority, self.type_prov.authority)
            self.assertEqual(award.reason, "Hoàn thành xuất sắc nhiệm vụ năm 2024")
            self.assertEqual(award.company_id, self.company)
            self.assertTrue(award.active)
        collective = awards.filtered(lambda a: a.recipient_type == "collective")
        self.assertEqual(collective.department_id, self.unit_consular)
        self.assertIn("Recorded 6 awards", decision.message_ids.mapped("body")[0])
        # what the People list shows: the awards count for the recipients
        self.assertEqual(people[0].emulation_award_count, 1)

    def test_authority_may_be_changed_before_recording(self):
        decision = self.new_decision(self.people[:2], authority="Chủ tịch UBND tỉnh")
        self.assertEqual(decision.authority, "Chủ tịch UBND tỉnh")
        decision.action_record_awards()
        self.assertEqual(set(decision.award_ids.mapped("authority")), {"Chủ tịch UBND tỉnh"})

    def test_officer_picks_people_without_hr_rights(self):
        """What the form does: name_search on hr.employee and read the recipients' columns."""
        Employee = self.env["hr.employee"].with_user(self.user_officer)
        found = Employee.name_search("Cán bộ 0", limit=100)
        self.assertEqual(len(found), 9)
        decision = self.new_decision(self.people[:3])
        values = decision.web_read(
            {
                "employee_ids": {
                    "fields": {
                        "name": {},
                        "department_id": {"fields": {"display_name": {}}},
                        "job_title": {},
                    }
                },
                "department_ids": {"fields": {"complete_name": {}, "manager_id": {}}},
                "award_ids": {"fields": {"employee_id": {"fields": {"display_name": {}}}}},
            }
        )[0]
        self.assertEqual(len(values["employee_ids"]), 3)
        self.assertEqual(values["employee_ids"][0]["department_id"]["id"], self.unit_office.id)
        # the form's views load for her (the recipients' list is the public profile's)
        self.Decision.get_views([(False, "form"), (False, "list"), (False, "search")])

    def test_query_count_does_not_grow_with_recipients(self):
        self.env["emulation.award"].flush_model()

        def queries(people, number):
            decision = self.new_decision(people, number=number)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            decision.action_record_awards()
            self.env.flush_all()
            count = self.cr.sql_log_count - before
            self.assertEqual(len(decision.award_ids), len(people))
            return count

        queries(self.people[:2], "1/QĐ-UBND")  # warm the caches of the first recording
        five = queries(self.people[2:7], "2/QĐ-UBND")
        twenty = queries(self.people[7:25] | self.emp_a | self.emp_b, "3/QĐ-UBND")
        self.assertEqual(five, twenty, "one batch: no query per recipient")

    def test_recording_twice_is_refused(self):
        decision = self.new_decision(self.people[:3])
        decision.action_record_awards()
        with self.assertRefused(UserError, "already recorded"):
            decision.action_record_awards()
        self.assertEqual(len(decision.award_ids), 3)
        # the same paper entered a second time
        with self.assertRefused(ValidationError, "45/QĐ-UBND of 2025 is already entered"):
            self.new_decision(self.people[3:5])
        # another year's decision may have the same number (numbering restarts every year)
        other = self.new_decision(self.people[3:5], date=date(2026, 1, 10))
        self.assertEqual(other.state, "draft")

    def test_recipient_already_holding_the_award_is_refused(self):
        existing = self.award(
            self.people[1], self.type_prov, 2024, decision_number="12/QĐ-UBND"
        ).with_user(self.user_officer)
        decision = self.new_decision(self.people[:3], number="13/QĐ-UBND")
        with self.assertRefused(UserError, "already hold") as caught:
            decision.action_record_awards()
        message = str(caught.exception)
        self.assertIn(self.people[1].name, message)
        self.assertIn("12/QĐ-UBND", message)
        self.assertNotIn(self.people[0].name, message, "only the duplicates are named")
        self.assertFalse(decision.award_ids, "nothing recorded")
        # another year, or another type: no duplicate
        self.new_decision(self.people[:3], number="14/QĐ-UBND", year=2023).action_record_awards()
        # a revoked (archived) award does not hold any more
        existing.action_archive()
        decision.action_record_awards()
        self.assertEqual(len(decision.award_ids), 3)

    def test_recipient_listed_twice_is_refused(self):
        decision = self.new_decision(number="20/QĐ-UBND")
        decision.employee_ids = [Command.set([self.people[0].id, self.people[0].id])]
        self.assertEqual(decision.recipient_count, 1, "a person is listed once")
        other = self.new_decision(self.people[:2], number="21/QĐ-UBND")
        with self.assertRefused(UserError, "listed in two decisions") as caught:
            (decision | other).action_record_awards()
        self.assertIn(self.people[0].name, str(caught.exception))
        self.assertFalse((decision | other).award_ids)

    def test_award_scope_of_the_type(self):
        with self.assertRefused(ValidationError, "awarded to people only"):
            self.new_decision(self.people[:2], self.unit_office, award_type=self.type_soldier)
        with self.assertRefused(ValidationError, "awarded to units only"):
            self.new_decision(self.people[:2], award_type=self.type_flag)
        decision = self.new_decision(units=self.unit_office, award_type=self.type_flag)
        self.assertEqual(decision.recipient_type, "collective")
        with self.assertRefused(ValidationError, "awarded to units only"):
            decision.employee_ids = self.people[:1]

    def test_checks_of_the_awards(self):
        with self.assertRefused(ValidationError, "earlier than the year"):
            self.new_decision(self.people[:2], date=date(2023, 12, 1))
        with self.assertRefused(ValidationError, "not valid"):
            self.new_decision(self.people[:2], year=1900)
        empty = self.new_decision(number="30/QĐ-UBND")
        with self.assertRefused(UserError, "Choose the people or units"):
            empty.action_record_awards()
        unnumbered = self.new_decision(self.people[:1], number=False)
        with self.assertRefused(UserError, "number and date"):
            unnumbered.action_record_awards()

    def test_corrections_after_recording(self):
        decision = self.new_decision(self.people[:3])
        decision.action_record_awards()
        revoked = decision.award_ids[0]
        revoked.action_archive()
        correction = {
            "number": "46/QĐ-UBND",
            "date": date(2025, 1, 16),
            "authority": "Phó Chủ tịch",
        }
        # issued, the decision is sealed: its wording is corrected only once opened, with a reason
        with self.assertRefused(UserError, "open it for correction"):
            decision.write(correction)
        wizard = self.env["emulation.unseal.wizard"].with_context(
            **decision.action_unseal_wizard()["context"]
        )
        wizard.create({"reason": "Typing error in the number"}).action_confirm()
        self.assertTrue(decision.correction_open)
        decision.write(correction)
        for award in decision.award_ids:
            self.assertEqual(award.decision_number, "46/QĐ-UBND")
            self.assertEqual(award.decision_date, date(2025, 1, 16))
            self.assertEqual(award.authority, "Phó Chủ tịch")
        self.assertIn(revoked, decision.award_ids, "archived awards stay linked and follow")
        for vals in (
            {"year": 2023},
            {"award_type_id": self.type_mofa.id},
            {"employee_ids": [Command.link(self.people[5].id)]},
            {"department_ids": [Command.link(self.unit_office.id)]},
        ):
            with self.assertRefused(UserError, "can no longer change"):
                decision.write(vals)
        # the date still obeys the awards' rule
        with self.assertRefused(ValidationError, "earlier than the year"):
            decision.date = date(2023, 5, 1)
        decision.action_seal()
        self.assertFalse(decision.correction_open)
        with self.assertRefused(UserError, "open it for correction"):
            decision.authority = "Chủ tịch"
        notes = " ".join(str(body) for body in decision.message_ids.mapped("body"))
        self.assertIn("Typing error in the number", notes)
        self.assertIn("Sealed again", notes)
        # before recording, everything may change
        draft = self.new_decision(self.people[3:5], number="47/QĐ-UBND")
        draft.write({"year": 2023, "award_type_id": self.type_mofa.id})
        self.assertEqual(draft.authority, self.type_mofa.authority)

    def test_archiving_keeps_the_history(self):
        decision = self.new_decision(self.people[:4])
        decision.action_record_awards()
        awards = decision.award_ids
        revoked_before = awards[0]
        revoked_before.action_archive()
        decision.action_archive()
        self.assertFalse(awards.filtered("active"), "archived with the decision: no longer count")
        self.assertEqual(
            decision.with_context(active_test=False).award_ids, awards, "still in its history"
        )
        self.assertIn("3", decision.message_ids[0].body)
        decision.action_unarchive()
        self.assertEqual(awards.filtered("active"), awards - revoked_before)
        self.assertFalse(revoked_before.active, "an award revoked on its own stays revoked")
        # a recorded decision is never deleted, even by the administrator
        with self.assertRefused(UserError, "cannot be deleted"):
            decision.with_user(self.user_admin).unlink()
        with self.assertRaises(AccessError):
            self.new_decision(number="50/QĐ-UBND").unlink()
        draft = self.new_decision(number="51/QĐ-UBND")
        draft.with_user(self.user_admin).unlink()
        self.assertFalse(draft.exists())


class TestDecisionAccess(DecisionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = cls.env["emulation.decision"].create(
            {
                "number": "60/QĐ-UBND",
                "date": date(2025, 2, 1),
                "award_type_id": cls.type_prov.id,
                "year": 2024,
                "employee_ids": [Command.set(cls.people[:3].ids)],
            }
        )
        cls.draft = cls.env["emulation.decision"].create(
            {
                "number": "61/QĐ-UBND",
                "date": date(2025, 2, 1),
                "award_type_id": cls.type_prov.id,
                "year": 2024,
                "employee_ids": [Command.set(cls.people[3:6].ids)],
            }
        )
        cls.decision.action_record_awards()

    def test_plain_user_and_unit_manager_read_only(self):
        for user in (self.user_plain, self.user_manager):
            with self.subTest(user=user.login):
                Decision = self.env["emulation.decision"].with_user(user)
                self.assertTrue(self.decision | self.draft <= Decision.search([]))
                self.assertEqual(len(Decision.browse(self.decision.id).award_ids), 3)
                with self.assertRaises(AccessError):
                    Decision.create(
                        {"number": "62/QĐ", "award_type_id": self.type_prov.id, "year": 2024}
                    )
                with self.assertRaises(AccessError):
                    Decision.browse(self.draft.id).write({"number": "63/QĐ"})
                with self.assertRaises(AccessError):
                    Decision.browse(self.draft.id).action_record_awards()
                with self.assertRaises(AccessError):
                    Decision.action_record_awards()
                with self.assertRaises(AccessError):
                    Decision.browse(self.draft.id).unlink()
        self.assertFalse(self.draft.award_ids)

    def test_default_keys_do_not_let_a_plain_user_through(self):
        context = {
            "default_state": "recorded",
            "default_company_id": self.company.id,
            "default_decision_id": self.draft.id,
            "default_award_ids": [Command.create({"award_type_id": self.type_prov.id})],
            "default_employee_ids": self.people[:2].ids,
        }
        for user in (self.user_plain, self.user_manager):
            with self.subTest(user=user.login):
                Decision = self.env["emulation.decision"].with_user(user).with_context(**context)
                with self.assertRaises(AccessError):
                    Decision.create({"award_type_id": self.type_prov.id, "year": 2024})
                with self.assertRaises(AccessError):
                    Decision.browse(self.draft.id).action_record_awards()
                Award = self.env["emulation.award"].with_user(user).with_context(**context)
                with self.assertRaises(AccessError):
                    Award.create(
                        {
                            "award_type_id": self.type_prov.id,
                            "employee_id": self.people[9].id,
                            "year": 2024,
                        }
                    )
        self.assertFalse(self.draft.award_ids)
        self.assertEqual(self.draft.state, "draft")

    def test_default_keys_do_not_bend_the_officers_awards(self):
        decision = self.draft.with_user(self.user_officer).with_context(
            default_active=False,
            default_recipient_type="collective",
            default_company_id=self.company_2.id,
            default_decision_number="999/QĐ",
            default_employee_id=self.people[9].id,
            default_state="draft",
        )
        decision.action_record_awards()
        awards = self.draft.award_ids
        self.assertEqual(awards.employee_id, self.people[3:6])
        self.assertEqual(set(awards.mapped("recipient_type")), {"individual"})
        self.assertEqual(set(awards.mapped("decision_number")), {"61/QĐ-UBND"})
        self.assertEqual(awards.company_id, self.company)
        self.assertTrue(all(awards.mapped("active")))
        # the state is what the awards say, whatever the caller sends
        fresh = self.Decision.with_context(default_state="recorded").create(
            {"number": "64/QĐ", "award_type_id": self.type_prov.id, "year": 2024}
        )
        self.assertEqual(fresh.state, "draft")

    def test_other_company_officer_sees_nothing(self):
        Decision = self.env["emulation.decision"].with_user(self.user_officer_2)
        self.assertFalse(Decision.search([]))
        self.assertFalse(Decision.search_count([("number", "ilike", "QĐ")]))
        with self.assertRaises(AccessError):
            Decision.browse(self.decision.id).read(["number"])
        with self.assertRaises(AccessError):
            Decision.browse(self.draft.id).action_record_awards()
        with self.assertRaises(AccessError):
            Decision.browse(self.decision.id).write({"number": "1/QĐ"})
        # her own decision, in her company: the same number is no duplicate of an unseen one
        own = Decision.create(
            {
                "number": "60/QĐ-UBND",
                "date": date(2025, 2, 1),
                "award_type_id": self.type_prov.id,
                "year": 2024,
                "employee_ids": [Command.set(self.emp_2.ids)],
            }
        )
        own.action_record_awards()
        self.assertEqual(own.award_ids.company_id, self.company_2)
        # people of the first company, sent by id: refused without naming them
        for vals in (
            {"employee_ids": [Command.link(self.people[0].id)]},
            {"department_ids": [Command.link(self.unit_office.id)]},
        ):
            with self.assertRaises(AccessError) as caught:
                Decision.create(
                    dict(
                        vals,
                        number="70/QĐ",
                        award_type_id=self.type_prov.id,
                        year=2024,
                        company_id=self.company_2.id,
                    )
                )
            self.assertNotIn(self.people[0].name, str(caught.exception))
            self.assertNotIn(self.unit_office.name, str(caught.exception))
        # her award cannot be tied to a decision she cannot read, nor tell its number
        with self.assertRaises(ValidationError) as caught:
            own.award_ids.write({"decision_id": self.decision.id})
        self.assertNotIn("60/QĐ-UBND", str(caught.exception))

    def test_reached_from_lists_of_people_and_units_by_officers_only(self):
        bindings = {
            "hr.employee.public": "action_emulation_decision_from_employee_public",
            "hr.employee": "action_emulation_decision_from_employee",
            "hr.department": "action_emulation_decision_from_department",
        }
        Actions = self.env["ir.actions.actions"]
        for model, xmlid in bindings.items():
            action = self.env.ref("emulation_exemplar." + xmlid)
            with self.subTest(model=model):
                officer = Actions.with_user(self.user_officer).get_bindings(model).get("action", [])
                self.assertIn(action.id, [a["id"] for a in officer])
                for user in (self.user_plain, self.user_manager):
                    others = Actions.with_user(user).get_bindings(model).get("action", [])
                    self.assertNotIn(action.id, [a["id"] for a in others])
        # what the web client opens for the selection: the new decision, prefilled
        Decision = self.Decision.with_context(default_employee_ids=self.people[6:9].ids)
        values = Decision.onchange({}, [], {"employee_ids": {}, "recipient_type": {}})["value"]
        self.assertEqual(len(values["employee_ids"]), 3)
        self.assertEqual(values["recipient_type"], "individual")
        Decision = self.Decision.with_context(default_department_ids=self.unit_consular.ids)
        values = Decision.onchange({}, [], {"department_ids": {}, "recipient_type": {}})["value"]
        self.assertEqual(values["recipient_type"], "collective")

    def test_awards_list_offers_the_decision_to_officers_only(self):
        view = self.env.ref("emulation_exemplar.emulation_award_view_list")
        action = self.env.ref("emulation_exemplar.action_emulation_decision_new")
        for user, expected in (
            (self.user_officer, True),
            (self.user_plain, False),
            (self.user_manager, False),
        ):
            arch = etree.fromstring(
                self.env["emulation.award"].with_user(user).get_view(view.id, "list")["arch"]
            )
            buttons = arch.xpath("//header/button[@name='%s']" % action.id)
            self.assertEqual(bool(buttons), expected, user.login)
