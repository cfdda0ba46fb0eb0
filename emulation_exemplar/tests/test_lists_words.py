"""The officer's December, lists and words (issue 25): the criteria sets' short name in the
people list and its side panel, the units of individuals' awards and classifications shown, the
criteria sets' "created" note in the reader's language, and the emulation app as the first app
its users see."""

from unittest.mock import patch

from lxml import etree

from odoo.tests import tagged
from odoo.tools.translate import code_translations

from .common import EmulationCase

CREATED = "Criteria set created"
CREATED_VI = "Đã tạo bộ tiêu chí"


def _columns(env, model, xmlid, user):
    """{field name: column node} of a list view, as ``user`` gets it."""
    view = env.ref(xmlid)
    arch = etree.fromstring(env[model].with_user(user).get_view(view.id, "list")["arch"])
    return {node.get("name"): node for node in arch.xpath("/list/field")}


@tagged("at_install", "-post_install")
class TestCriteriaSetShortName(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Set = cls.env["emulation.criteria.set"]
        values = {"recipient_kind": "individual", "year_from": 2031, "year_to": 2035}
        cls.set_soldier = Set.create(
            dict(
                values,
                name="Law 06/2022 – Grassroots emulation soldier (test)",
                award_type_id=cls.type_soldier.id,
                active=False,
            )
        )
        cls.set_merit = Set.create(
            dict(
                values,
                name="Law 06/2022 – Provincial certificate of merit (test)",
                award_type_id=cls.type_prov.id,
                active=False,
            )
        )
        cls.set_plan = Set.create(dict(values, name="Plan 31 – key cadres", active=False))

    def test_short_name_is_the_title_s_name_or_the_set_s(self):
        self.assertEqual(self.set_soldier.short_name, self.type_soldier.name)
        self.assertEqual(self.set_merit.short_name, self.type_prov.name)
        self.assertEqual(self.set_plan.short_name, "Plan 31 – key cadres")
        # the two Law sets begin with the same words; their short names tell them apart
        self.assertNotEqual(self.set_soldier.short_name, self.set_merit.short_name)
        self.assertFalse(self.set_soldier.short_name.startswith("Law 06/2022"))

    def test_short_name_follows_the_reader_s_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.type_soldier.with_context(lang="vi_VN").name = "Chiến sĩ thi đua cơ sở"
        self.assertEqual(
            self.set_soldier.with_context(lang="vi_VN").short_name, "Chiến sĩ thi đua cơ sở"
        )

    def test_display_name_short_only_where_asked(self):
        self.assertEqual(
            self.set_soldier.display_name,
            "Law 06/2022 – Grassroots emulation soldier (test) (2031–2035)",
        )
        self.assertEqual(
            self.set_soldier.with_context(emulation_short_name=True).display_name,
            self.type_soldier.name,
        )

    def test_people_list_shows_the_short_name(self):
        column = _columns(
            self.env,
            "emulation.eligibility",
            "emulation_exemplar.emulation_eligibility_view_list",
            self.user_officer,
        )["criteria_set_id"]
        self.assertIn("emulation_short_name", column.get("context"))

    def test_side_panel_shows_the_short_name(self):
        law_set = self.env.ref("emulation_exemplar.criteria_law_grassroots_soldier")
        Eligibility = self.env["emulation.eligibility"]
        # the engine gives the fixtures' people a row of the Law's set
        self.assertTrue(Eligibility.search_count([("criteria_set_id", "=", law_set.id)]))
        panel = Eligibility.search_panel_select_range("criteria_set_id")
        names = {value["id"]: value["display_name"] for value in panel["values"]}
        self.assertEqual(names[law_set.id], law_set.award_type_id.name)
        self.assertFalse(any(name.startswith("Law 06/2022") for name in names.values()), names)

    def test_side_panel_counts_what_the_caller_reads(self):
        """The panel is the web client's, under the caller's record rules: a plain user's
        counts are their own rows, not everyone's."""
        law_set = self.env.ref("emulation_exemplar.criteria_law_grassroots_soldier")
        self.emp_a.user_id = self.user_plain
        Eligibility = self.env["emulation.eligibility"]
        domain = [("criteria_set_id", "=", law_set.id)]
        everyone = Eligibility.search_count(domain)
        own = Eligibility.with_user(self.user_plain).search_count(domain)
        self.assertLess(own, everyone)
        panel = Eligibility.with_user(self.user_plain).search_panel_select_range(
            "criteria_set_id", enable_counters=True
        )
        counts = {value["id"]: value.get("__count") for value in panel["values"]}
        self.assertEqual(counts.get(law_set.id), own)


@tagged("at_install", "-post_install")
class TestUnitsShown(EmulationCase):
    def test_awards_and_classifications_lists_show_the_unit(self):
        for model, xmlid in (
            ("emulation.award", "emulation_exemplar.emulation_award_view_list"),
            ("emulation.classification", "emulation_exemplar.emulation_classification_view_list"),
        ):
            columns = _columns(self.env, model, xmlid, self.user_officer)
            unit = columns["unit_id"]
            self.assertEqual(unit.get("optional"), "show", model)
            self.assertNotEqual(unit.get("column_invisible"), "True", model)
            # the unit's own name, not its path from the Board of Directors
            self.assertIn("'hierarchical_naming': False", unit.get("context"), model)
            # the collective recipient, empty for individuals, is no longer a column by default
            self.assertEqual(columns["department_id"].get("optional"), "hide", model)

    def test_an_individual_s_unit_is_filled(self):
        parent = self.env["hr.department"].create({"name": "Board of Directors"})
        self.unit_office.parent_id = parent
        award = self.award(self.emp_a, self.type_soldier, 2025)
        classification = self.classify(self.emp_a, 2025, "good")
        for record in (award, classification):
            self.assertFalse(record.department_id)
            self.assertEqual(record.unit_id, self.unit_office)
            unit = record.with_context(hierarchical_naming=False).unit_id
            self.assertEqual(unit.display_name, "Office–Inspectorate")


@tagged("at_install", "-post_install")
class TestCreatedNoteLanguage(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        # notes are wanted here (the shared fixtures disable tracking)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))

    def setUp(self):
        super().setUp()
        # the Vietnamese of the note, whether or not vi.po has it yet
        translations = dict(
            code_translations.get_python_translations("emulation_exemplar", "vi_VN")
        )
        translations.setdefault(CREATED, CREATED_VI)
        self.expected_vi = translations[CREATED]
        patcher = patch.dict(
            code_translations.python_translations,
            {("emulation_exemplar", "vi_VN"): translations},
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def _create(self, context):
        Set = self.env["emulation.criteria.set"].with_env(self.env(context=context))
        return Set.create(
            {
                "name": "Plan 31 – staff",
                "recipient_kind": "individual",
                "year_from": 2031,
                "year_to": 2035,
                "active": False,
            }
        )

    def _notes(self, criteria_set):
        return criteria_set.message_ids.filtered(lambda m: m.message_type == "notification").mapped(
            "body"
        )

    def test_a_user_s_set_notes_in_the_user_s_language(self):
        criteria_set = self._create({"lang": "vi_VN"})
        self.assertEqual(len(self._notes(criteria_set)), 1)
        self.assertIn(self.expected_vi, self._notes(criteria_set)[0])
        criteria_set = self._create({"lang": "en_US"})
        self.assertIn(CREATED, self._notes(criteria_set)[0])

    def test_a_data_file_s_set_notes_in_the_database_s_language(self):
        """While the module installs, records are created without a language: the note is
        written in the administrator's (the language the database was created in)."""
        self.env.ref("base.user_admin").lang = "vi_VN"
        criteria_set = self._create({"install_module": "emulation_exemplar"})
        self.assertIn(self.expected_vi, self._notes(criteria_set)[0])
        self.assertNotIn(CREATED, self._notes(criteria_set)[0])
        self.env.ref("base.user_admin").lang = "en_US"
        criteria_set = self._create({"install_module": "emulation_exemplar"})
        self.assertIn(CREATED, self._notes(criteria_set)[0])


@tagged("at_install", "-post_install")
class TestLanding(EmulationCase):
    def test_emulation_users_land_on_the_emulation_app(self):
        """The web client opens the first app of the menu when no action is asked for: every
        internal user is an emulation user (base.group_user implies it)."""
        root = self.env.ref("emulation_exemplar.menu_emulation_root")
        for user in (self.user_plain, self.user_manager, self.user_officer, self.user_admin):
            self.assertTrue(user.has_group("emulation_exemplar.group_emulation_user"))
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
            self.assertEqual(menus["root"]["children"][0], root.id, user.login)
