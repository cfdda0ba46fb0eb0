"""Issue 23, one registration, one snapshot: the plan's nomination reads the unit's registration
(``emulation.registration.line``) for its "Registered" stage and date, and keeps its eligibility
snapshot as stored facts, explained when read."""

import importlib.util
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.misc import file_path

from ..models.write_policy_mixin import WritePolicyError
from .common import DemoCase
from .test_roadmap import RoadmapCase

MIGRATION = "emulation_exemplar/migrations/18.0.3.0.0/%s-nomination_registration.py"


def load_migration(stage):
    spec = importlib.util.spec_from_file_location(
        "emulation_%s_nomination_registration" % stage, file_path(MIGRATION % stage)
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OneRegistrationCase(RoadmapCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        # the unit manager heads the Office–Inspectorate
        cls.emp_head = Employee.create(
            {
                "name": "Đặng Văn Hùng",
                "department_id": cls.unit_office.id,
                "user_id": cls.user_manager.id,
            }
        )
        cls.unit_office.manager_id = cls.emp_head
        # eligible by the plan's criteria for non-leadership staff: 2 grassroots titles
        cls.award(cls.emp_a, cls.type_soldier, 2022)
        cls.award(cls.emp_a, cls.type_soldier, 2023)
        cls.Registration = cls.env["emulation.registration"]
        cls.Line = cls.env["emulation.registration.line"]

    def registration(self, unit, year=2021, user=None, **vals):
        values = {"year": year, "department_id": unit.id}
        values.update(vals)
        Registration = self.Registration.with_user(user) if user else self.Registration
        return Registration.create(values)

    def line(self, registration, recipient, user=None, **vals):
        values = {"registration_id": registration.id, "exemplar": True}
        if recipient._name == "hr.employee":
            values.update(recipient_type="individual", employee_id=recipient.id)
        else:
            values.update(recipient_type="collective", department_id=recipient.id)
        values.update(vals)
        return (self.Line.with_user(user) if user else self.Line).create(values)

    def stored_row(self, employee, criteria_set, year):
        return self.env["emulation.eligibility"].search(
            [
                ("employee_id", "=", employee.id),
                ("criteria_set_id", "=", criteria_set.id),
                ("year", "=", year),
            ]
        )


@tagged("at_install")
class TestOneRegistration(OneRegistrationCase):
    def test_registered_through_the_registration_and_unregistered_by_removing_the_line(self):
        nomination = self.nominate(self.emp_a, year=2021, stage="selected")
        self.assertFalse(nomination.registration_id)
        registration = self.registration(self.unit_office, user=self.user_officer)
        line = self.line(registration, self.emp_a, user=self.user_officer, date=date(2021, 3, 25))
        # the registration says it: the nomination reads it
        self.assertEqual(line.nomination_id, nomination)
        self.assertEqual(nomination.stage, "registered")
        self.assertEqual(nomination.registration_line_id, line)
        self.assertEqual(nomination.registration_id, registration)
        self.assertEqual(nomination.registration_date, date(2021, 3, 25))
        self.assertFalse(nomination.is_late_registration)
        # the date is the line's: moving it moves the nomination's (and its lateness)
        line.with_user(self.user_officer).date = date(2021, 4, 2)
        self.assertEqual(nomination.registration_date, date(2021, 4, 2))
        self.assertTrue(nomination.is_late_registration)
        # a line of another year is not this nomination's registration
        other_year = self.registration(self.unit_office, year=2022)
        self.line(other_year, self.emp_b.copy({"department_id": self.unit_office.id}))
        self.assertEqual(nomination.registration_line_ids, line)
        # removing the line un-registers
        line.with_user(self.user_officer).unlink()
        self.assertEqual(nomination.stage, "selected")
        self.assertFalse(nomination.registration_date)
        self.assertFalse(nomination.registration_id)
        # and so does deleting the draft registration with its lines
        self.line(registration, self.emp_a, user=self.user_officer)
        self.assertEqual(nomination.stage, "registered")
        registration.with_user(self.user_officer).unlink()
        self.assertEqual(nomination.stage, "selected")

    def test_through_the_forms(self):
        """The officer's path on screen: a line ticked as an advanced exemplar in the unit's
        registration form; the nomination's form shows the registration."""
        nomination = self.nominate(self.emp_a, year=2021, stage="selected")
        with Form(self.Registration.with_user(self.user_officer)) as form:
            form.department_id = self.unit_office
            form.year = 2021
            with form.line_ids.new() as line:
                line.employee_id = self.emp_a
                line.exemplar = True
                line.date = date(2021, 3, 26)
        registration = form.record
        self.assertEqual(nomination.stage, "registered")
        self.assertEqual(nomination.registration_id, registration)
        with Form(nomination.with_user(self.user_officer)) as form:
            self.assertEqual(form.registration_date, "2021-03-26")
            self.assertEqual(form.stage, "registered")
        action = nomination.with_user(self.user_officer).action_view_registration()
        self.assertEqual(
            (action["res_model"], action["res_id"]), (registration._name, registration.id)
        )

    def test_a_line_entered_before_the_nomination_registers_it(self):
        registration = self.registration(self.unit_office)
        line = self.line(registration, self.unit_office, date=date(2021, 3, 20))
        self.assertFalse(line.nomination_id)
        nomination = self.nominate(self.unit_office, year=2021)
        self.assertEqual(line.nomination_id, nomination)
        self.assertEqual(nomination.stage, "registered")
        self.assertEqual(nomination.registration_date, date(2021, 3, 20))
        # registered through the registration: its eligibility is frozen as a selected one's
        self.assertTrue(nomination.snapshot_date)

    def test_a_model_is_registered_with_its_name(self):
        registration = self.registration(self.unit_consular)
        self.line(registration, self.unit_consular, model_name="Digital  consular records")
        model = self.Nomination.create(
            {
                "campaign_id": self.campaign.id,
                "nominee_kind": "model",
                "model_name": "digital consular Records",
                "department_id": self.unit_consular.id,
                "year": 2021,
            }
        )
        unit = self.nominate(self.unit_consular, year=2021)
        self.assertEqual(model.stage, "registered")
        self.assertEqual(unit.stage, "detected", "the unit's model is not the unit")
        with self.assertRefused(ValidationError, "collective line"):
            self.line(registration, self.emp_b, model_name="A person is no model")

    def test_register_from_the_nomination_goes_through_the_registration(self):
        nomination = self.nominate(self.emp_a, year=2021, stage="selected")
        officer_nomination = nomination.with_user(self.user_officer)
        officer_nomination.action_register()
        registration = nomination.registration_id
        self.assertEqual(
            (registration.department_id, registration.year, registration.state),
            (self.unit_office, 2021, "draft"),
        )
        line = nomination.registration_line_id
        self.assertEqual((line.employee_id, line.exemplar), (self.emp_a, True))
        self.assertEqual(line.date, date.today())
        self.assertEqual(nomination.stage, "registered")
        # one registration per unit and year: the next nominee of the unit joins it
        other = self.nominate(self.unit_office, year=2021, stage="selected")
        other.with_user(self.user_officer).action_register()
        self.assertEqual(other.registration_id, registration)
        self.assertEqual(len(registration.line_ids), 2)
        # the Unregister button removes the line
        other.with_user(self.user_officer).action_unregister()
        self.assertEqual(other.stage, "selected")
        self.assertEqual(registration.line_ids, line)
        # the registration's rules: no line is added to a submitted registration
        registration.with_user(self.user_officer).action_submit()
        with self.assertRefused(UserError, "is Submitted.*return it to the unit"):
            other.with_user(self.user_officer).action_register()
        with self.assertRefused(WritePolicyError, "Registered on"):
            nomination.with_user(self.user_officer).registration_date = date(2021, 3, 1)

    def test_a_line_for_a_title_alone_does_not_register_the_exemplar(self):
        registration = self.registration(self.unit_office)
        title = self.line(
            registration, self.emp_a, exemplar=False, award_type_id=self.type_soldier.id
        )
        nomination = self.nominate(self.emp_a, year=2021, stage="selected")
        self.assertFalse(title.nomination_id)
        self.assertEqual(nomination.stage, "selected")
        # ticking it as an advanced exemplar registers
        title.exemplar = True
        self.assertEqual(nomination.registration_line_id, title)
        self.assertEqual(nomination.stage, "registered")
        title.exemplar = False
        self.assertEqual(nomination.stage, "selected")
        # registering from the nomination adds the exemplar's line beside the title's
        nomination.with_user(self.user_officer).action_register()
        self.assertEqual(len(registration.line_ids), 2)
        self.assertTrue(nomination.registration_line_id.exemplar)
        with self.assertRefused(ValidationError, "title or form"):
            self.line(registration, self.emp_head, exemplar=False)

    def test_stage_and_registration_agree(self):
        nomination = self.nominate(self.emp_a, year=2021, stage="selected")
        nomination.with_user(self.user_officer).action_register()
        # moving back by hand would leave the registration saying otherwise
        with self.assertRefused(UserError, "is registered.*Unregister"):
            nomination.with_user(self.user_officer).stage = "selected"
        # a stage after Registered reached by hand registers
        dropped = self.nominate(self.emp_b, year=2021)
        dropped.with_user(self.user_officer).write({"stage": "fostering"})
        self.assertEqual(dropped.registration_id.department_id, self.unit_consular)
        # a fostered nominee stays registered
        with self.assertRefused(UserError, "stays registered"):
            dropped.registration_line_ids.unlink()
        # reconsidering a dropped, registered nominee brings it back to Registered
        nomination.with_user(self.user_officer).write({"stage": "dropped", "drop_reason": "Moved"})
        self.assertTrue(nomination.registration_id, "dropped after registration: kept")
        nomination.with_user(self.user_officer).action_reset_detected()
        self.assertEqual(nomination.stage, "registered")

    def test_unit_manager_registers_only_within_their_unit(self):
        own = self.nominate(self.emp_a, year=2021, stage="selected")
        foreign = self.nominate(self.emp_b, year=2021, stage="selected")
        # their own unit's nominee: into their unit's draft registration
        own.with_user(self.user_manager).action_register()
        self.assertEqual(own.stage, "registered")
        self.assertEqual(own.registration_id.department_id, self.unit_office)
        # another unit's nominee: not through the nomination...
        with self.assertRefused(AccessError, "read"):
            foreign.with_user(self.user_manager).action_register()
        with self.assertRefused(AccessError, "access"):
            foreign.with_user(self.user_manager).registration_date = date(2021, 3, 1)
        # ...nor through their registration
        with self.assertRefused(ValidationError, "outside"):
            self.line(own.registration_id, self.emp_b, user=self.user_manager)
        # nor by planting the link
        with self.assertRefused(WritePolicyError, "Nomination"):
            self.line(
                own.registration_id,
                self.emp_head,
                user=self.user_manager,
                nomination_id=foreign.id,
            )
        own_line = own.registration_line_id.with_user(self.user_manager)
        with self.assertRefused(WritePolicyError, "Nomination"):
            own_line.nomination_id = foreign
        self.assertEqual(foreign.stage, "selected")
        self.assertFalse(foreign.registration_date)


@tagged("at_install")
class TestOneSnapshot(OneRegistrationCase):
    def test_snapshot_facts_are_the_stored_row(self):
        nomination = self.nominate(self.emp_a)
        self.assertFalse(nomination.snapshot_date)
        self.assertFalse(nomination.snapshot_explanation)
        nomination.with_user(self.user_officer).action_select()
        row = self.stored_row(self.emp_a, self.set_staff, nomination.year)
        self.assertTrue(row.eligible)
        self.assertEqual(
            (
                nomination.eligibility_id,
                nomination.snapshot_eligible,
                nomination.snapshot_missing,
                nomination.snapshot_criteria_set_id,
                nomination.snapshot_year,
                nomination.snapshot_date,
            ),
            (row, row.eligible, row.missing, row.criteria_set_id, row.year, date.today()),
        )
        self.assertIn("Eligible on", nomination.snapshot_explanation)
        self.assertNotIn("changed", nomination.snapshot_explanation)
        # the history changes: the facts stay, the explanation says it
        self.emp_a.emulation_award_ids.filtered(lambda a: a.year == 2023).active = False
        row.invalidate_recordset()
        self.assertFalse(row.eligible)
        nomination.invalidate_recordset()
        self.assertTrue(nomination.snapshot_eligible)
        self.assertIn("has changed since: not eligible today", nomination.snapshot_explanation)
        # the officer takes it again: the previous one is kept in the chatter
        nomination.with_user(self.user_officer).action_refresh_snapshot()
        self.assertFalse(nomination.snapshot_eligible)
        self.assertEqual(nomination.snapshot_missing, row.missing)
        self.assertIn("Not eligible on", nomination.snapshot_explanation)
        logged = nomination.message_ids.filtered(lambda m: "previous one read" in (m.body or ""))
        self.assertIn("Eligible on", logged.body)

    def test_no_planted_snapshot(self):
        nomination = self.nominate(self.emp_a)
        for vals in ({"snapshot_eligible": True}, {"eligibility_id": False}):
            with self.assertRefused(WritePolicyError, "only through the buttons"):
                nomination.with_user(self.user_officer).write(vals)

    def test_explanation_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        nomination = self.nominate(self.emp_a, user_id=self.user_officer.id)
        nomination.with_user(self.user_officer).action_select()
        name_en = self.set_staff.with_context(lang="en_US").name
        name_vi = self.set_staff.with_context(lang="vi_VN").name
        self.assertNotEqual(name_en, name_vi)
        english = nomination.with_context(lang="en_US").snapshot_explanation
        vietnamese = nomination.with_context(lang="vi_VN").snapshot_explanation
        self.assertIn(name_en, english)
        self.assertIn(name_vi, vietnamese)
        self.assertNotIn(name_en, vietnamese)
        # the date as each reader writes it
        self.assertIn(date.today().strftime("%d/%m/%Y"), vietnamese)
        self.assertIn(date.today().strftime("%m/%d/%Y"), english)

    def test_proposal_line_shares_the_snapshot(self):
        """One home: the proposal line and the nomination take and explain their snapshot with
        the mixin's code (the nomination only leaves out models, which have no criteria)."""
        mixin = type(self.env["emulation.eligibility.snapshot.mixin"])
        line = type(self.env["emulation.proposal.line"])
        nomination = type(self.env["emulation.nomination"])
        self.assertIs(line._take_snapshot, mixin._take_snapshot)
        for method in ("_snapshot_values", "_explain_snapshot", "_compute_snapshot_explanation"):
            self.assertIs(getattr(line, method), getattr(mixin, method))
            self.assertIs(getattr(nomination, method), getattr(mixin, method))


@tagged("at_install")
class TestOneRegistrationMigration(OneRegistrationCase):
    def legacy_columns(self, values):
        """The columns the pre-migration copies, filled as a 18.0.2 database held them."""
        cr = self.env.cr
        post = load_migration("post")
        self.env.flush_all()
        for column, kind in (
            ("stage", "varchar"),
            ("registration_date", "date"),
            ("eligibility_snapshot", "text"),
            ("snapshot_date", "date"),
        ):
            # (present on an upgraded database: emptied for this test's records alone)
            cr.execute(
                f"ALTER TABLE emulation_nomination ADD COLUMN IF NOT EXISTS {post.legacy(column)} "
                f"{kind}"
            )
            cr.execute(f"UPDATE emulation_nomination SET {post.legacy(column)} = NULL")
        for nomination, (stage, registration_date, text, snapshot_date) in values.items():
            cr.execute(
                f"UPDATE emulation_nomination SET {post.legacy('stage')} = %s, "
                f"{post.legacy('registration_date')} = %s, "
                f"{post.legacy('eligibility_snapshot')} = %s, {post.legacy('snapshot_date')} = %s, "
                "stage = %s, registration_date = %s WHERE id = %s",
                (
                    stage,
                    registration_date,
                    text,
                    snapshot_date,
                    stage,
                    registration_date,
                    nomination.id,
                ),
            )
        self.env.invalidate_all()
        return post

    def test_migration_registers_and_converts_losslessly(self):
        fostered = self.nominate(self.emp_a, year=2021)
        model = self.Nomination.create(
            {
                "campaign_id": self.campaign.id,
                "nominee_kind": "model",
                "model_name": "Digital consular records",
                "department_id": self.unit_consular.id,
                "year": 2021,
            }
        )
        dated_only = self.nominate(self.emp_b, year=2021)
        unreadable = self.nominate(self.unit_office, year=2022)
        # the consular unit's 2021 registration exists, submitted: the model joins it
        consular = self.registration(self.unit_consular)
        self.line(consular, self.emp_b, exemplar=False, award_type_id=self.type_soldier.id)
        consular.action_submit()
        eligible_text = (
            "Eligibility on 20/03/2021, criteria set Plan 198 – non-leadership staff:\n"
            "Eligible: “2 grassroots emulation soldier titles” is met."
        )
        post = self.legacy_columns(
            {
                fostered: ("fostering", "2021-03-29", eligible_text, "2021-03-20"),
                model: ("replicated", "2021-03-26", None, None),
                dated_only: ("detected", "2021-04-01", None, None),
                unreadable: ("selected", None, "Something else entirely", "2022-02-01"),
            }
        )
        with self.assertLogs(post._logger, "WARNING") as logged:
            unconverted = post.convert_snapshots(self.env)
            registered, failed = post.register_nominations(self.env)
        self.assertEqual(registered, fostered | model)
        self.assertEqual(failed, [])
        self.assertEqual(unconverted, [unreadable.id])
        self.assertEqual(len(logged.output), 2, logged.output)
        # registered: a line in the unit's registration, with the date, at the same stage
        office = fostered.registration_id
        self.assertEqual(
            (office.department_id, office.year, office.state),
            (self.unit_office, 2021, "approved"),
        )
        self.assertEqual(fostered.registration_date, date(2021, 3, 29))
        self.assertEqual(fostered.stage, "fostering")
        self.assertEqual(model.registration_id, consular)
        self.assertEqual(model.registration_line_id.model_name, "Digital consular records")
        self.assertEqual(model.registration_date, date(2021, 3, 26))
        self.assertEqual(model.stage, "replicated")
        # a date without the stage: not registered, the date kept in the chatter
        self.assertEqual(dated_only.stage, "detected")
        self.assertFalse(dated_only.registration_date)
        self.assertIn("2021-04-01", dated_only.message_ids[:1].body)
        # snapshots: facts where the verdict reads, the text in the chatter in every case
        self.assertTrue(fostered.snapshot_eligible)
        self.assertEqual(fostered.snapshot_date, date(2021, 3, 20))
        self.assertEqual(fostered.snapshot_criteria_set_id, self.set_staff)
        self.assertEqual(fostered.eligibility_id.employee_id, self.emp_a)
        for nomination, text in ((fostered, "2 grassroots"), (unreadable, "Something else")):
            self.assertIn(text, " ".join(nomination.message_ids.mapped("body")))
        self.assertFalse(unreadable.snapshot_date)

    def test_pre_migration_dates_the_lines_of_before(self):
        registration = self.registration(self.unit_office)
        line = self.line(registration, self.emp_a)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE emulation_registration_line SET date = NULL, create_date = '2021-02-03' "
            "WHERE id = %s",
            [line.id],
        )
        load_migration("pre").date_registration_lines(self.env.cr)
        line.invalidate_recordset()
        self.assertEqual(line.date, date(2021, 2, 3))


@tagged("demo", "at_install")
class TestOneRegistrationDemo(DemoCase, TransactionCase):
    def test_the_demo_registers_through_the_units_registrations(self):
        ref = self.env.ref
        expected = {
            "nomination_plan198_model_records": ("dep_consular", date(2021, 3, 26), "replicated"),
            "nomination_plan198_office": ("dep_office_inspectorate", date(2021, 3, 29), "honoured"),
            "nomination_plan198_consular": ("dep_consular", date(2021, 3, 29), "fostering"),
            "nomination_plan198_office_head": (
                "dep_office_inspectorate",
                date(2021, 3, 29),
                "fostering",
            ),
            "nomination_plan198_consular_head": ("dep_consular", date(2021, 4, 8), "registered"),
        }
        for xmlid, (unit, registered_on, stage) in expected.items():
            nomination = ref("emulation_exemplar." + xmlid)
            with self.subTest(nomination=xmlid):
                self.assertEqual(nomination.stage, stage)
                self.assertEqual(
                    nomination.registration_id.department_id, ref("emulation_exemplar." + unit)
                )
                self.assertEqual(nomination.registration_id.year, 2021)
                self.assertEqual(nomination.registration_date, registered_on)
        self.assertTrue(
            ref("emulation_exemplar.nomination_plan198_consular_head").is_late_registration
        )
        # the others are not registered: no line names them as exemplars of their year
        for xmlid in ("nomination_plan198_coop_head", "nomination_plan198_border_1"):
            nomination = ref("emulation_exemplar." + xmlid)
            self.assertFalse(nomination.registration_id)
            self.assertFalse(nomination.registration_date)
