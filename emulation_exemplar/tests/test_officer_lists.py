"""Lists and statistics a person can read (issue 17): selections in their natural order, empty
lists that tell each role what it can do, the running campaign by default, the milestone
calendar on the campaign's years, and the reminder notes in the language of the person they
address."""

from datetime import date

from odoo.tests import Form, freeze_time, tagged
from odoo.tests.common import TransactionCase

from .common import DemoCase, EmulationCase

STAGES = ["detected", "selected", "registered", "fostering", "replicated", "honoured", "dropped"]
LEVELS = ["excellent", "good", "completed", "not_completed"]


class OfficerListsCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a period of its own, so that the demo's plan 198 (2021–2025) never matches "today"
        cls.campaign = cls.env["emulation.campaign"].create(
            {
                "name": "Advanced exemplars 2031–2035",
                "reference": "31/KH",
                "year_from": 2031,
                "year_to": 2035,
                "user_id": cls.user_officer.id,
                "state": "running",
            }
        )
        cls.Nomination = cls.env["emulation.nomination"]
        cls.Milestone = cls.env["emulation.campaign.milestone"]


class TestNaturalOrder(OfficerListsCase):
    """Pivots and graphs group with read_group(lazy=False), which sorts by the raw column:
    alphabetically by key. The stages must come in pipeline order, the levels best first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"campaign_id": cls.campaign.id, "year": 2031}
        # the nominations registered and after are in their unit's registration of 2031, made in
        # 2031 (a registration is for this year or the next)
        with freeze_time("2031-03-02"):
            cls.nominations = cls._create_nominations(common)
        cls.classifications = (
            cls.classify(cls.emp_a, 2021, "completed")
            | cls.classify(cls.emp_a, 2022, "excellent")
            | cls.classify(cls.emp_b, 2021, "not_completed")
            | cls.classify(cls.emp_b, 2022, "good")
        )

    @classmethod
    def _create_nominations(cls, common):
        return cls.Nomination.create(
            [
                dict(
                    common, nominee_kind="individual", employee_id=cls.emp_a.id, stage="fostering"
                ),
                dict(common, nominee_kind="individual", employee_id=cls.emp_b.id, stage="detected"),
                dict(
                    common,
                    nominee_kind="collective",
                    department_id=cls.unit_office.id,
                    stage="selected",
                ),
                dict(
                    common,
                    nominee_kind="collective",
                    department_id=cls.unit_consular.id,
                    stage="honoured",
                ),
                dict(
                    common,
                    nominee_kind="model",
                    model_name="Online consular records",
                    department_id=cls.unit_consular.id,
                    stage="registered",
                ),
                dict(
                    common,
                    nominee_kind="model",
                    model_name="Border liaison days",
                    department_id=cls.unit_office.id,
                    stage="dropped",
                    drop_reason="The practice was discontinued.",
                ),
            ]
        )

    def expected_stages(self):
        present = set(self.nominations.mapped("stage"))
        expected = [stage for stage in STAGES if stage in present]
        self.assertNotEqual(expected, sorted(expected), "the fixture must tell the orders apart")
        return expected

    def test_pivot_groups_stages_in_pipeline_order(self):
        Nomination = self.Nomination.with_user(self.user_officer)
        domain = [("campaign_id", "=", self.campaign.id)]
        # what the pivot and the graph ask (lazy=False), and a grouped list or kanban (lazy)
        for lazy in (False, True):
            groups = Nomination.web_read_group(domain, ["__count"], ["stage"], lazy=lazy)["groups"]
            stages = [
                group["stage"] for group in groups if group.get("__count", group.get("stage_count"))
            ]
            self.assertEqual(stages, self.expected_stages(), f"lazy={lazy}")
        # rows by year, columns by stage: the stages keep their order inside the year
        groups = Nomination.read_group(domain, ["__count"], ["year", "stage"], lazy=False)
        self.assertEqual([g["stage"] for g in groups], self.expected_stages())
        # sorted the other way round on request
        groups = Nomination.read_group(domain, ["__count"], ["stage"], orderby="stage desc")
        self.assertEqual(
            [g["stage"] for g in groups if g["stage_count"]], self.expected_stages()[::-1]
        )

    def test_list_sorted_on_stage_in_pipeline_order(self):
        nominations = self.Nomination.with_user(self.user_officer).search(
            [("campaign_id", "=", self.campaign.id)], order="stage, id"
        )
        self.assertEqual(nominations.mapped("stage"), self.expected_stages())

    def test_classification_levels_best_first(self):
        Classification = self.env["emulation.classification"].with_user(self.user_officer)
        domain = [("id", "in", self.classifications.ids)]
        groups = Classification.web_read_group(domain, ["__count"], ["level"], lazy=False)["groups"]
        self.assertEqual([g["level"] for g in groups], LEVELS)
        groups = Classification.read_group(domain, ["__count"], ["year", "level"], lazy=False)
        self.assertEqual(
            [(g["year"], g["level"]) for g in groups],
            [(2021, "completed"), (2021, "not_completed"), (2022, "excellent"), (2022, "good")],
        )


class TestHelpPerRole(OfficerListsCase):
    """An empty list tells each role what it can do, and no one about a button they lack."""

    def help_for(self, user, xmlid):
        # what /web/action/load gives the web client: the action read as superuser, for the user
        action = self.env["ir.actions.act_window"].with_user(user)._for_xml_id(xmlid)
        return str(action["help"])

    def test_nominations(self):
        xmlid = "emulation_exemplar.action_emulation_nomination"
        officer = self.help_for(self.user_officer, xmlid)
        manager = self.help_for(self.user_manager, xmlid)
        plain = self.help_for(self.user_plain, xmlid)
        self.assertIn("Propose candidates", officer)
        self.assertNotIn("you manage", officer)
        self.assertIn("Propose candidates", self.help_for(self.user_admin, xmlid))
        self.assertIn("Propose a person or a unit you manage", manager)
        self.assertNotIn("Propose candidates", manager)
        self.assertIn("No nomination about you yet", plain)
        for text in ("Propose", "New", "create"):
            self.assertNotIn(text, plain)

    def test_campaigns_and_histories(self):
        campaigns = "emulation_exemplar.action_emulation_campaign"
        self.assertIn("Create the first campaign", self.help_for(self.user_officer, campaigns))
        for user in (self.user_plain, self.user_manager):
            text = self.help_for(user, campaigns)
            self.assertNotIn("Create the first campaign", text)
            self.assertIn("No campaign yet", text)
            self.assertIn("198/KH-SNgV", text, "the paragraphs for everyone stay")
        classifications = "emulation_exemplar.action_emulation_classification"
        self.assertIn("Record an annual", self.help_for(self.user_officer, classifications))
        self.assertNotIn("Record an annual", self.help_for(self.user_plain, classifications))
        self.assertIn("Your own classifications", self.help_for(self.user_plain, classifications))
        criteria = "emulation_exemplar.action_emulation_criteria_set"
        self.assertIn("Define the criteria", self.help_for(self.user_admin, criteria))
        self.assertNotIn("Define the criteria", self.help_for(self.user_officer, criteria))


class TestRunningCampaign(OfficerListsCase):
    def test_new_nomination_takes_the_running_campaign_and_a_year_in_it(self):
        other_company = self.env["res.company"].create({"name": "Another department"})
        self.env["emulation.campaign"].create(
            {
                "name": "Another company's plan",
                "year_from": 2036,
                "year_to": 2040,
                "company_id": other_company.id,
                "state": "running",
            }
        )
        draft = self.env["emulation.campaign"].create(
            {"name": "Next plan", "year_from": 2036, "year_to": 2040}
        )
        for today, year in (("2033-05-05", 2033), ("2041-02-01", 2035)):
            with freeze_time(today):
                form = Form(self.Nomination.with_user(self.user_officer))
                self.assertEqual(form.campaign_id, self.campaign, today)
                self.assertEqual(form.year, year, today)
        with freeze_time("2041-02-01"):
            form = Form(self.Nomination.with_user(self.user_manager))
            self.assertEqual(form.campaign_id, self.campaign, "a unit head proposes in it too")
            # another campaign chosen in the form: the year follows its period
            form.campaign_id = draft
            self.assertEqual(form.year, 2040)
        with freeze_time("2033-05-05"):
            milestone = Form(self.Milestone.with_user(self.user_officer))
            self.assertEqual(milestone.campaign_id, self.campaign)
            self.assertEqual(milestone.year, 2033)

    def test_milestone_calendar_opens_on_the_campaign_years(self):
        roadmap = self.env.ref("emulation_exemplar.action_emulation_campaign_milestone_roadmap")
        for today, initial in (
            ("2033-05-05", "2033-05-05 12:00:00"),
            ("2041-02-01", "2035-12-30 12:00:00"),  # the campaign is over: its last year
            ("2030-12-31", "2031-01-02 12:00:00"),  # not yet started: its first year
        ):
            with freeze_time(today):
                for user in (self.user_plain, self.user_officer):
                    action = roadmap.with_user(user).run()
                    self.assertEqual(action["res_model"], "emulation.campaign.milestone")
                    self.assertEqual(
                        action["context"]["initial_date"], initial, (today, user.login)
                    )
                action = self.campaign.with_user(self.user_officer).action_view_milestones()
                self.assertEqual(action["context"]["initial_date"], initial)
                self.assertEqual(action["context"]["default_campaign_id"], self.campaign.id)


class TestNotesInTheirLanguage(OfficerListsCase):
    """The daily check runs as the system user: its notes are written in the language of the
    responsible they address (or of the company), not in the system user's English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")

    def milestone(self, user, name):
        return self.Milestone.create(
            {
                "campaign_id": self.campaign.id,
                "name": name,
                "kind": "preliminary_review",
                "year": 2033,
                "deadline": date(2033, 7, 31),
                "user_id": user.id,
            }
        )

    def note(self, milestone):
        messages = self.env["mail.message"].search(
            [
                ("model", "=", milestone._name),
                ("res_id", "=", milestone.id),
                ("message_type", "=", "notification"),
            ]
        )
        self.assertEqual(len(messages), 1)
        return str(messages.body)

    def run_cron(self):
        self.env["emulation.campaign"].with_user(self.env.ref("base.user_root")).with_context(
            lang="en_US"
        )._cron_milestone_reminders()

    def test_reminder_and_overdue_in_the_responsible_language(self):
        self.user_officer.lang = "vi_VN"
        self.user_admin.lang = "en_US"
        self.user_manager.lang = False
        self.company.partner_id.lang = "vi_VN"
        vietnamese = self.milestone(self.user_officer, "Sơ kết")
        english = self.milestone(self.user_admin, "Review")
        company = self.milestone(self.user_manager, "Sơ kết 2")
        with freeze_time("2033-07-20"):
            self.run_cron()
        self.assertIn("Nhắc việc", self.note(vietnamese))
        self.assertNotIn("Reminder", self.note(vietnamese))
        self.assertIn("Reminder: the milestone", self.note(english))
        self.assertIn("Nhắc việc", self.note(company), "no language: the company's")
        (vietnamese | english).message_ids.unlink()
        with freeze_time("2033-08-02"):
            self.run_cron()
        self.assertIn("đã quá hạn", self.note(vietnamese))
        self.assertIn("is overdue", self.note(english))


@tagged("demo", "at_install")
class TestDemoInVietnamese(DemoCase, TransactionCase):
    """The demo is loaded in Vietnamese: the history an officer reads does not open in English."""

    def test_chatter_of_the_demo_records(self):
        for xmlid in (
            "emulation_exemplar.campaign_plan198",
            "emulation_exemplar.nomination_plan198_office",
            "emulation_exemplar.milestone_plan198_2021_register",
            "emulation_exemplar.dep_office_inspectorate",
        ):
            record = self.env.ref(xmlid)
            notes = self.env["mail.message"].search(
                [("model", "=", record._name), ("res_id", "=", record.id)]
            )
            bodies = " ".join(str(body) for body in notes.mapped("body"))
            self.assertIn("được tạo", bodies, xmlid)
            self.assertNotIn(" created", bodies, xmlid)
        award = self.env["emulation.award"].search(
            [("employee_id", "!=", False)], order="id", limit=1
        )
        self.assertIn("được tạo", str(award.message_ids[-1:].body))
