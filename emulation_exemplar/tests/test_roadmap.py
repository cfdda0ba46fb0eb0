from contextlib import contextmanager
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import EmulationCase


class RoadmapCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_collective = cls.env.ref("emulation_exemplar.criteria_plan198_collective")
        cls.set_key = cls.env.ref("emulation_exemplar.criteria_plan198_key_cadre")
        cls.set_staff = cls.env.ref("emulation_exemplar.criteria_plan198_staff")
        cls.campaign = cls.env["emulation.campaign"].create(
            {
                "name": "Advanced exemplars 2021–2025",
                "reference": "198/KH-SNgV",
                "year_from": 2021,
                "year_to": 2025,
                "department_id": cls.unit_office.id,
                "user_id": cls.user_officer.id,
                "registration_deadline": date(2021, 3, 30),
                "criteria_set_ids": [
                    (6, 0, (cls.set_collective | cls.set_key | cls.set_staff).ids)
                ],
                "state": "running",
            }
        )
        cls.Nomination = cls.env["emulation.nomination"]
        cls.Milestone = cls.env["emulation.campaign.milestone"]

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaisesRegex that also rolls back what the refused operation wrote."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def nominate(self, nominee, campaign=None, **vals):
        values = {"campaign_id": (campaign or self.campaign).id}
        if nominee._name == "hr.employee":
            values.update(nominee_kind="individual", employee_id=nominee.id)
        else:
            values.update(nominee_kind="collective", department_id=nominee.id)
        values.update(vals)
        return self.Nomination.create(values)

    def milestone(self, **vals):
        values = {
            "campaign_id": self.campaign.id,
            "name": "Preliminary review of 2 years",
            "kind": "preliminary_review",
            "year": 2023,
            "deadline": date(2023, 7, 31),
            "user_id": self.user_officer.id,
        }
        values.update(vals)
        return self.Milestone.create(values)

    def campaign_nominations(self, records):
        """The campaign's nominations of the given people or units."""
        field = "employee_id" if records._name == "hr.employee" else "department_id"
        return self.Nomination.with_context(active_test=False).search(
            [("campaign_id", "=", self.campaign.id), (field, "in", records.ids)]
        )


@tagged("at_install")
class TestProposeCandidates(RoadmapCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        # staff: eligible with 2 grassroots emulation soldier titles; one step away with 1
        cls.eligible = Employee.create(
            {"name": "Lê Văn Cường", "department_id": cls.unit_consular.id}
        )
        cls.one_step = Employee.create(
            {"name": "Phạm Thị Dung", "department_id": cls.unit_office.id}
        )
        cls.far = Employee.create({"name": "Hoàng Văn Em", "department_id": cls.unit_office.id})
        cls.award(cls.eligible, cls.type_soldier, 2022)
        cls.award(cls.eligible, cls.type_soldier, 2023)
        cls.award(cls.one_step, cls.type_soldier, 2022)
        # a unit: good every year, 3 excellent, 2 provincial certificates of merit
        for year, level in zip(
            range(2021, 2026), ("excellent", "excellent", "excellent", "good", "good"), strict=True
        ):
            cls.classify(cls.unit_consular, year, level)
        cls.award(cls.unit_consular, cls.type_prov, 2022)
        cls.award(cls.unit_consular, cls.type_prov, 2024)
        cls.people = cls.eligible | cls.one_step | cls.far

    def test_eligible_become_detected(self):
        self.assertTrue(self.eligible.exemplar_eligible)
        self.assertEqual(self.one_step.exemplar_missing, 1)
        created = self.campaign.with_user(self.user_officer)._propose_candidates()
        nominations = self.campaign_nominations(self.people)
        self.assertEqual(nominations.employee_id, self.eligible)
        self.assertEqual(nominations.stage, "detected")
        self.assertFalse(nominations.to_foster)
        unit = self.campaign_nominations(self.unit_consular)
        self.assertEqual(unit.nominee_kind, "collective")
        self.assertEqual(unit.stage, "detected")
        self.assertFalse(self.campaign_nominations(self.unit_office))
        self.assertIn(nominations, created)
        self.assertIn(unit, created)

    def test_one_step_away_marked_to_foster(self):
        self.campaign._propose_candidates(include_one_step_away=True)
        nominations = self.campaign_nominations(self.people)
        self.assertEqual(nominations.employee_id, self.eligible | self.one_step)
        by_employee = {n.employee_id: n for n in nominations}
        self.assertFalse(by_employee[self.eligible].to_foster)
        self.assertTrue(by_employee[self.one_step].to_foster)
        self.assertEqual(by_employee[self.one_step].stage, "detected")

    def test_running_twice_creates_no_duplicates(self):
        first = self.campaign._propose_candidates(include_one_step_away=True)
        self.assertTrue(first)
        second = self.campaign._propose_candidates(include_one_step_away=True)
        self.assertFalse(second)
        self.assertEqual(len(self.campaign_nominations(self.people)), 2)
        # a dropped or archived nomination is not proposed again either
        nomination = self.campaign_nominations(self.eligible)
        nomination.write({"stage": "dropped", "drop_reason": "Moved to another agency"})
        nomination.active = False
        self.assertFalse(self.campaign._propose_candidates(include_one_step_away=True))

    def test_without_criteria_sets_uses_the_active_ones(self):
        self.campaign.criteria_set_ids = False
        self.campaign._propose_candidates()
        self.assertEqual(self.campaign_nominations(self.people).employee_id, self.eligible)
        self.assertTrue(self.campaign_nominations(self.unit_consular))

    def test_campaign_set_for_other_period_is_used(self):
        # a campaign whose staff set covers 2026-2030 only: the 2022/2023 titles do not count
        later = self.set_staff.copy({"year_from": 2026, "year_to": 2030, "active": False})
        self.campaign.criteria_set_ids = later
        self.campaign._propose_candidates(include_one_step_away=True)
        self.assertFalse(self.campaign_nominations(self.people))
        self.assertFalse(self.campaign_nominations(self.unit_consular), "no collective set")

    def test_propose_wizard(self):
        wizard = (
            self.env["emulation.campaign.propose.wizard"]
            .with_user(self.user_officer)
            .create({"campaign_id": self.campaign.id, "include_one_step_away": True})
        )
        action = wizard.action_propose()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["next"]["res_model"], "emulation.nomination")
        self.assertEqual(len(self.campaign_nominations(self.people)), 2)

    def test_selected_snapshot_is_frozen(self):
        nomination = self.nominate(self.eligible)
        self.assertFalse(nomination.snapshot_date)
        nomination.with_user(self.user_officer).action_select()
        # stored facts, explained when read
        self.assertTrue(nomination.snapshot_eligible)
        self.assertEqual(nomination.snapshot_criteria_set_id, self.set_staff)
        self.assertEqual(nomination.snapshot_year, nomination.year)
        self.assertTrue(nomination.snapshot_date)
        snapshot = nomination.snapshot_explanation
        self.assertIn("Plan 198 – non-leadership staff", snapshot)
        self.assertIn("Eligible on", snapshot)
        # later history changes do not rewrite what the board was told
        self.eligible.emulation_award_ids.filtered(lambda a: a.year == 2023).active = False
        self.assertFalse(self.eligible.exemplar_eligible)
        nomination.action_register()
        self.assertTrue(nomination.snapshot_eligible)
        nomination.invalidate_recordset(["snapshot_explanation"])
        self.assertIn("not eligible today", nomination.snapshot_explanation)
        # an officer may replace it explicitly; the old one stays in the chatter
        nomination.action_refresh_snapshot()
        self.assertFalse(nomination.snapshot_eligible)
        self.assertIn("Not eligible", nomination.snapshot_explanation)

    def test_texts_in_the_language_of_the_officer_following(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        self.eligible._exemplar_recompute()  # explanations in every installed language
        self.user_officer.lang = "vi_VN"
        nomination = self.nominate(self.eligible, user_id=self.user_officer.id)
        criteria_vi = self.set_staff.with_context(lang="vi_VN").human_criteria
        self.assertNotEqual(criteria_vi, self.set_staff.with_context(lang="en_US").human_criteria)
        self.assertEqual(
            nomination.check_ids.mapped("name"),
            [line.strip() for line in criteria_vi.splitlines() if line.strip()],
        )
        nomination.action_select()
        # the snapshot is explained in the reader's language (test_one_registration)
        reader = nomination.with_user(self.user_officer)
        explained = reader.with_context(lang=self.user_officer.lang).snapshot_explanation
        self.assertIn(self.set_staff.with_context(lang="vi_VN").name, explained)
        self.assertNotIn(self.set_staff.with_context(lang="en_US").name, explained)

    def test_checklist_from_human_criteria(self):
        nomination = self.nominate(self.eligible)
        self.assertEqual(nomination.criteria_set_id, self.set_staff)
        criteria = [c for c in self.set_staff.human_criteria.splitlines() if c.strip()]
        self.assertEqual(nomination.check_ids.mapped("name"), criteria)
        self.assertEqual((nomination.check_count, nomination.check_done_count), (3, 0))
        nomination.check_ids[0].write({"done": True, "note": "Party cell report 2023"})
        self.assertEqual(nomination.check_done_count, 1)
        nomination.action_load_checklist()
        self.assertEqual(len(nomination.check_ids), 3, "no criterion added twice")
        unit = self.nominate(self.unit_consular)
        self.assertEqual(unit.criteria_set_id, self.set_collective)
        self.assertIn("Exemplary in administrative reform", unit.check_ids.mapped("name"))


@tagged("at_install")
class TestNominationRules(RoadmapCase):
    def test_same_person_twice_refused(self):
        self.nominate(self.emp_a)
        with self.assertRefused(ValidationError, "Nguyễn Văn An is already nominated"):
            self.nominate(self.emp_a)
        self.nominate(self.unit_office)
        with self.assertRefused(ValidationError, "already nominated"):
            self.nominate(self.unit_office)
        # in another campaign, the same person may be nominated again
        other = self.campaign.copy(
            {"name": "Exemplars 2026–2030", "year_from": 2026, "year_to": 2030}
        )
        self.assertTrue(self.nominate(self.emp_a, campaign=other, year=2026))

    def test_same_person_twice_refused_on_write_and_in_one_batch(self):
        first = self.nominate(self.emp_a)
        second = self.nominate(self.emp_b)
        with self.assertRefused(ValidationError, "already nominated"):
            second.employee_id = self.emp_a
        self.assertTrue(first.exists())
        vals = {"campaign_id": self.campaign.id, "nominee_kind": "individual"}
        with self.assertRefused(ValidationError, "already nominated"):
            self.Nomination.create(
                [dict(vals, employee_id=self.emp_b.id), dict(vals, employee_id=self.emp_b.id)]
            )

    def test_same_model_twice_refused(self):
        vals = {
            "campaign_id": self.campaign.id,
            "nominee_kind": "model",
            "department_id": self.unit_office.id,
            "model_name": "Digital consular records",
        }
        self.Nomination.create(vals)
        with self.assertRefused(ValidationError, "already nominated"):
            self.Nomination.create(dict(vals, model_name="  digital   consular RECORDS "))
        # the unit itself and another model of the same unit are different nominees
        self.nominate(self.unit_office)
        self.Nomination.create(dict(vals, model_name="One-stop shop for visas"))

    def test_database_refuses_duplicates_too(self):
        first = self.nominate(self.emp_a)
        second = self.nominate(self.emp_b)
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                # checked at the end of the transaction: check it now
                self.env.cr.execute("SET CONSTRAINTS emulation_nomination_nominee_unique IMMEDIATE")
                self.env.cr.execute(
                    "UPDATE emulation_nomination SET nominee_key = %s WHERE id = %s",
                    (first.nominee_key, second.id),
                )

    def test_nominee_must_match_kind(self):
        base = {"campaign_id": self.campaign.id}
        with self.assertRefused(ValidationError, "individual nomination needs the employee"):
            self.Nomination.create(dict(base, nominee_kind="individual"))
        with self.assertRefused(ValidationError, "individual nomination needs the employee"):
            self.Nomination.create(
                dict(
                    base,
                    nominee_kind="individual",
                    employee_id=self.emp_a.id,
                    department_id=self.unit_office.id,
                )
            )
        with self.assertRefused(ValidationError, "collective nomination needs the unit"):
            self.Nomination.create(dict(base, nominee_kind="collective", employee_id=self.emp_a.id))
        with self.assertRefused(ValidationError, "model nomination needs the name"):
            self.Nomination.create(
                dict(base, nominee_kind="model", department_id=self.unit_office.id)
            )
        with self.assertRefused(ValidationError, "model nomination needs the name"):
            self.Nomination.create(
                dict(
                    base,
                    nominee_kind="model",
                    model_name="Digital records",
                    department_id=self.unit_office.id,
                    employee_id=self.emp_a.id,
                )
            )
        nomination = self.nominate(self.emp_a)
        with self.assertRefused(ValidationError, "collective nomination needs the unit"):
            nomination.nominee_kind = "collective"

    def flush_tracking(self):
        """Write the tracking values now (they are written before the commit)."""
        self.env.flush_all()
        self.env.cr.flush()

    def test_stage_flow_and_tracking(self):
        # registered in 2021: in the unit's registration of 2021 (a registration is for this
        # year or the next)
        nomination = self.nominate(self.emp_a, year=2021).with_context(tracking_disable=False)
        self.flush_tracking()
        officer_nomination = nomination.with_user(self.user_officer)
        with freeze_time("2021-03-20"):
            officer_nomination.action_select()
            self.flush_tracking()
            officer_nomination.action_register()
            self.flush_tracking()
        self.assertEqual(nomination.stage, "registered")
        self.assertEqual(nomination.registration_date, date(2021, 3, 20))
        officer_nomination.action_foster()
        self.flush_tracking()
        officer_nomination.action_honour()
        self.flush_tracking()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "emulation.nomination"),
                ("mail_message_id.res_id", "=", nomination.id),
                ("field_id.name", "=", "stage"),
            ],
            order="id",
        )
        self.assertEqual(
            [(t.old_value_char, t.new_value_char) for t in tracked],
            [
                ("Detected", "Selected"),
                ("Selected", "Registered"),
                ("Registered", "Fostering"),
                ("Fostering", "Honoured"),
            ],
        )

    def test_drop_needs_a_reason(self):
        nomination = self.nominate(self.emp_a)
        with self.assertRefused(ValidationError, "Enter the reason"):
            nomination.stage = "dropped"
        action = nomination.with_user(self.user_officer).action_drop()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"drop_reason": "Retired in 2022"})
        )
        wizard.action_drop()
        self.assertEqual(nomination.stage, "dropped")
        self.assertEqual(nomination.drop_reason, "Retired in 2022")
        nomination.action_reset_detected()
        self.assertEqual(nomination.stage, "detected")
        self.assertFalse(nomination.drop_reason)

    def test_registered_nomination_cannot_be_deleted(self):
        nomination = self.nominate(self.emp_a, stage="registered", registration_date="2021-03-25")
        with self.assertRefused(UserError, "cannot be deleted"):
            nomination.unlink()
        detected = self.nominate(self.emp_b)
        detected.unlink()
        self.assertFalse(detected.exists())

    def test_year_within_campaign_period(self):
        with self.assertRefused(ValidationError, "outside the period"):
            self.nominate(self.emp_a, year=2026)

    def test_propagation_log(self):
        nomination = self.nominate(self.emp_a)
        Propagation = self.env["emulation.nomination.propagation"]
        Propagation.create(
            {
                "nomination_id": nomination.id,
                "kind": "article",
                "channel": "Báo Hà Tĩnh",
                "url": "https://baohatinh.vn/article",
            }
        )
        self.assertEqual(nomination.propagation_count, 1)
        with self.assertRefused(ValidationError, "not a web address"):
            Propagation.create(
                {"nomination_id": nomination.id, "kind": "meeting", "url": "baohatinh"}
            )


@tagged("at_install")
class TestLateRegistration(RoadmapCase):
    def test_registered_after_deadline_is_flagged(self):
        late = self.nominate(self.emp_a, year=2021, registration_date="2021-04-08")
        self.assertTrue(late.is_late_registration)
        on_time = self.nominate(self.emp_b, year=2021, registration_date="2021-03-30")
        self.assertFalse(on_time.is_late_registration, "on the deadline day is in time")
        on_time.registration_date = date(2021, 3, 31)
        self.assertTrue(on_time.is_late_registration)
        self.assertEqual(self.campaign.nomination_late_count, 2)
        # moving the deadline re-evaluates the flag
        self.campaign.registration_deadline = date(2021, 4, 15)
        self.assertFalse(late.is_late_registration)

    def test_new_factors_of_later_years_are_not_late(self):
        new_factor = self.nominate(self.unit_office, year=2023, registration_date="2023-05-10")
        self.assertFalse(new_factor.is_late_registration)

    def test_registering_without_date_sets_today(self):
        with freeze_time("2021-04-02"):
            nomination = self.nominate(self.emp_a, year=2021)
            nomination.action_select()
            nomination.action_register()
        self.assertEqual(nomination.registration_date, date(2021, 4, 2))
        self.assertTrue(nomination.is_late_registration)

    def test_future_registration_refused(self):
        with freeze_time("2021-03-20"):
            with self.assertRefused(ValidationError, "in the future"):
                self.nominate(self.emp_a, registration_date="2021-03-25")


@tagged("at_install")
class TestMilestones(RoadmapCase):
    def activities(self, milestones):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "emulation.campaign.milestone"),
                ("res_id", "in", milestones.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("emulation_exemplar.mail_activity_type_milestone").id,
                ),
            ]
        )

    def test_year_outside_period_refused(self):
        with self.assertRefused(ValidationError, "outside the period 2021–2025"):
            self.milestone(year=2026)
        with self.assertRefused(ValidationError, "outside the period"):
            self.milestone(year=2020)
        milestone = self.milestone(year=2025)
        with self.assertRefused(ValidationError, "outside the period 2021–2024"):
            self.campaign.year_to = 2024
        self.assertEqual(self.campaign.year_to, 2025)
        self.assertEqual(milestone.year, 2025)

    def test_campaign_period_must_be_valid(self):
        with self.assertRefused(ValidationError, "period 2025–2021 of the campaign"):
            self.campaign.write({"year_from": 2025, "year_to": 2021})

    def test_year_from_deadline_by_default(self):
        milestone = self.Milestone.create(
            {"campaign_id": self.campaign.id, "name": "Final review", "deadline": "2025-12-15"}
        )
        self.assertEqual(milestone.year, 2025)

    def test_activity_for_responsible(self):
        milestone = self.milestone()
        activity = self.activities(milestone)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_officer)
        self.assertEqual(activity.date_deadline, date(2023, 7, 31))
        # the deadline and the responsible follow the milestone
        milestone.write({"deadline": date(2023, 8, 15), "user_id": self.user_admin.id})
        self.assertEqual(activity.date_deadline, date(2023, 8, 15))
        self.assertEqual(activity.user_id, self.user_admin)
        self.assertEqual(len(self.activities(milestone)), 1)
        # without responsible, the campaign's responsible
        milestone.user_id = False
        self.assertEqual(activity.user_id, self.user_officer)
        # done: the activity is done, not left open
        with freeze_time("2023-08-10"):
            milestone.action_done()
        self.assertFalse(self.activities(milestone))
        self.assertEqual(milestone.done_date, date(2023, 8, 10))
        self.assertFalse(milestone.is_done_late)
        milestone.action_reset()
        self.assertEqual(len(self.activities(milestone)), 1)
        self.assertFalse(milestone.done_date)

    def test_no_activity_without_deadline_or_in_draft(self):
        no_deadline = self.milestone(deadline=False)
        self.assertFalse(self.activities(no_deadline))
        draft = self.campaign.copy({"name": "Draft plan"})
        self.assertEqual(draft.state, "draft")
        milestone = self.milestone(campaign_id=draft.id)
        self.assertFalse(self.activities(milestone))
        draft.action_start()
        self.assertEqual(len(self.activities(milestone)), 1)

    def test_overdue_computed_and_searchable(self):
        milestone = self.milestone()
        with freeze_time("2023-07-31"):
            milestone.invalidate_recordset(["is_overdue"])
            self.assertFalse(milestone.is_overdue, "due today is not overdue")
        with freeze_time("2023-08-01"):
            milestone.invalidate_recordset(["is_overdue"])
            self.assertTrue(milestone.is_overdue)
            overdue = self.Milestone.search([("is_overdue", "=", True)])
            self.assertIn(milestone, overdue)
            self.assertNotIn(milestone, self.Milestone.search([("is_overdue", "=", False)]))
            milestone.action_done()
            milestone.invalidate_recordset(["is_overdue"])
            self.assertFalse(milestone.is_overdue)
            self.assertNotIn(milestone, self.Milestone.search([("is_overdue", "=", True)]))
            self.assertTrue(milestone.is_done_late)

    def test_close_needs_confirmation(self):
        milestone = self.milestone()
        campaign = self.campaign.with_user(self.user_officer)
        action = campaign.action_close()
        self.assertEqual(action["res_model"], "emulation.campaign.close.wizard")
        self.assertEqual(self.campaign.state, "running")
        with self.assertRefused(UserError, "milestones that are not done"):
            campaign.state = "closed"
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.open_milestone_ids, milestone)
        wizard.action_confirm()
        self.assertEqual(self.campaign.state, "closed")
        self.assertFalse(self.activities(milestone), "no more activity once closed")

    def test_close_without_open_milestones_needs_no_confirmation(self):
        with freeze_time("2023-07-20"):
            self.milestone().action_done()
        self.assertIs(self.campaign.action_close(), True)
        self.assertEqual(self.campaign.state, "closed")
        self.campaign.action_reopen()
        self.assertEqual(self.campaign.state, "running")


@tagged("at_install")
class TestMilestoneCron(RoadmapCase):
    def notes(self, milestone, text):
        return self.env["mail.message"].search(
            [
                ("model", "=", "emulation.campaign.milestone"),
                ("res_id", "=", milestone.id),
                ("body", "ilike", text),
            ]
        )

    def run_cron(self):
        self.env["emulation.campaign"]._cron_milestone_reminders()

    def test_cron_is_shipped_active(self):
        cron = self.env.ref("emulation_exemplar.ir_cron_milestone_reminders")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(self.campaign.reminder_days, 14)
        self.env["ir.config_parameter"].set_param("emulation_exemplar.milestone_reminder_days", "7")
        new = self.env["emulation.campaign"].create(
            {"name": "Next plan", "year_from": 2026, "year_to": 2030}
        )
        self.assertEqual(new.reminder_days, 7)
        with self.assertRefused(ValidationError, "between 0 and 365"):
            self.campaign.reminder_days = -1

    def test_reminder_once_before_deadline(self):
        milestone = self.milestone()  # deadline 31/07/2023
        with freeze_time("2023-07-10"):  # 21 days before: too early
            self.run_cron()
        self.assertFalse(self.notes(milestone, "Reminder"))
        self.assertFalse(milestone.reminder_date)
        with freeze_time("2023-07-20"):  # 11 days before
            self.run_cron()
            reminders = self.notes(milestone, "Reminder")
            self.assertEqual(len(reminders), 1)
            self.assertIn("31/07/2023", reminders.body)
            self.assertEqual(reminders.partner_ids, self.user_officer.partner_id)
            self.assertEqual(milestone.reminder_date, date(2023, 7, 20))
            self.run_cron()
        with freeze_time("2023-07-25"):
            self.run_cron()
        self.assertEqual(len(self.notes(milestone, "Reminder")), 1, "no duplicate reminder")
        # a new deadline gets its own reminder
        milestone.deadline = date(2023, 9, 15)
        with freeze_time("2023-09-05"):
            self.run_cron()
        self.assertEqual(len(self.notes(milestone, "Reminder")), 2)

    def test_reminder_days_of_the_campaign(self):
        milestone = self.milestone()
        self.campaign.reminder_days = 30
        with freeze_time("2023-07-10"):
            self.run_cron()
        self.assertEqual(len(self.notes(milestone, "Reminder")), 1)

    def test_no_reminder_when_done_or_campaign_not_running(self):
        done = self.milestone(name="Done early")
        with freeze_time("2023-07-01"):
            done.action_done()
        draft = self.campaign.copy({"name": "Draft plan"})
        in_draft = self.milestone(campaign_id=draft.id, name="In a draft plan")
        with freeze_time("2023-07-20"):
            self.run_cron()
        self.assertFalse(self.notes(done, "Reminder"))
        self.assertFalse(self.notes(in_draft, "Reminder"))

    def test_overdue_marked_once(self):
        milestone = self.milestone()
        with freeze_time("2023-08-02"):
            self.run_cron()
            self.assertEqual(milestone.overdue_date, date(2023, 8, 2))
            self.assertEqual(len(self.notes(milestone, "is overdue")), 1)
            self.assertEqual(self.campaign.milestone_overdue_count, 1)
            # past the deadline, no "due in N days" reminder is sent
            self.assertFalse(self.notes(milestone, "Reminder"))
        with freeze_time("2023-08-03"):
            self.run_cron()
        self.assertEqual(len(self.notes(milestone, "is overdue")), 1, "marked once")
        self.assertEqual(milestone.overdue_date, date(2023, 8, 2))


@tagged("at_install")
class TestProgress(RoadmapCase):
    def test_progress_figures(self):
        campaign = self.campaign
        campaign.target_ids = [
            (0, 0, {"year": 2021, "stage": "registered", "min_count": 4, "max_count": 5}),
            (0, 0, {"stage": "honoured", "min_count": 1, "label": "exemplars honoured"}),
        ]
        target_2021, target_honoured = campaign.target_ids.sorted("id")
        Department = self.env["hr.department"]
        units = Department.create([{"name": f"Unit {i}"} for i in range(4)])
        self.nominate(units[0], year=2021, stage="registered", registration_date="2021-03-25")
        self.nominate(units[1], year=2021, stage="fostering", registration_date="2021-03-28")
        self.nominate(units[2], year=2021, stage="honoured", registration_date="2021-04-05")
        self.nominate(
            units[3], year=2021, stage="dropped", drop_reason="Merged", registration_date=False
        )
        self.nominate(self.emp_a, year=2023)
        self.nominate(self.emp_b, year=2023, stage="selected")
        self.assertEqual(target_2021.achieved_count, 3)
        self.assertEqual(target_2021.target_status, "below")
        self.assertEqual(target_honoured.achieved_count, 1)
        self.assertEqual(target_honoured.target_status, "met")
        self.assertEqual(target_2021.display_name, "2021: 4–5 Registered")
        self.assertEqual(campaign.nomination_count, 6)
        self.assertEqual(campaign.nomination_active_count, 5)
        self.assertEqual(campaign.nomination_registered_count, 3)
        self.assertEqual(campaign.nomination_late_count, 1)
        self.nominate(
            self.unit_office, year=2021, stage="replicated", registration_date="2021-03-29"
        )
        self.assertEqual(target_2021.achieved_count, 4)
        self.assertEqual(target_2021.target_status, "met")

        with freeze_time("2023-12-01"):
            self.milestone(year=2021, kind="detect_register", deadline="2021-03-30").write(
                {"state": "done", "done_date": "2021-03-29"}
            )
            self.milestone(year=2022, kind="evaluate", deadline="2022-12-31").write(
                {"state": "done", "done_date": "2023-01-12"}
            )
            self.milestone(year=2023, deadline="2023-07-31")
            self.milestone(year=2025, kind="final_review", deadline="2025-12-15")
            campaign.invalidate_recordset()
            self.assertEqual(campaign.milestone_count, 4)
            self.assertEqual(campaign.milestone_done_count, 2)
            self.assertEqual(campaign.milestone_on_time_count, 1)
            self.assertEqual(campaign.milestone_late_count, 1)
            self.assertEqual(campaign.milestone_overdue_count, 1)
            self.assertEqual(campaign.milestone_progress, 50.0)
            years = campaign._progress_by_year()
        self.assertEqual(list(years), [2021, 2022, 2023, 2024, 2025])
        self.assertEqual(
            {
                k: years[2021][k]
                for k in ("milestones", "milestones_done", "detected", "registered")
            },
            {"milestones": 1, "milestones_done": 1, "detected": 5, "registered": 4},
        )
        self.assertEqual(years[2021]["targets"], target_2021)
        self.assertEqual(years[2022]["milestones_late"], 1)
        self.assertEqual(years[2023]["milestones_overdue"], 1)
        self.assertEqual(years[2023]["detected"], 2)
        self.assertEqual(years[2025]["milestones_done"], 0)
        html = str(campaign.progress_year_html)
        self.assertIn("4–5 Registered", html)
        stages = str(campaign.nomination_stage_html)
        self.assertIn("text-success", stages, "the met 2021 target is shown in green")

    def test_target_counts_validated(self):
        with self.assertRefused(ValidationError, "maximum must be 0"):
            self.campaign.target_ids = [
                (0, 0, {"stage": "registered", "min_count": 5, "max_count": 4})
            ]
        with self.assertRefused(ValidationError, "outside the campaign period"):
            self.campaign.target_ids = [(0, 0, {"stage": "registered", "year": 2030})]

    def test_new_period_must_hold_the_targets(self):
        """A target for 2025 keeps the campaign's period from being shortened to 2024, as its
        milestones and nominations do (the same check: the campaign holds the year)."""
        self.campaign.target_ids = [(0, 0, {"stage": "registered", "year": 2025})]
        with self.assertRefused(ValidationError, "target year 2025 is outside the campaign period"):
            self.campaign.year_to = 2024
        self.assertEqual(self.campaign.year_to, 2025)
        self.campaign.target_ids.year = False  # a target for the whole period follows it
        self.campaign.year_to = 2024
        self.assertEqual(self.campaign.year_to, 2024)
