"""Small leaks and crashes (issue 22), each tried through the call a JSON-RPC client makes
(``call_kw``, then the flush that ends the request), as the role that tried it: the emulation
category stays a personnel matter on every path, searching followers agrees with reading them,
and what used to end in a traceback answers with a message."""

import datetime

from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.base import INTEGER_MAX
from .test_access import AccessCase
from .test_import import OPTIONS

# the web client's onchange spec of a nomination's nominee and criteria set
NOMINATION_SPEC = {
    "campaign_id": {},
    "nominee_kind": {},
    "employee_id": {},
    "criteria_set_id": {"fields": {"display_name": {}}},
}


class LeaksCase(AccessCase):
    def rpc(self, user, model, method, *args, **kwargs):
        """``method`` of ``model`` called as a JSON-RPC client calls it, as ``user``; the
        request's end flushes what it wrote (where a value too large for its column used to
        fail)."""
        result = call_kw(self.env[model].with_user(user), method, list(args), kwargs)
        self.env.flush_all()
        return result


@tagged("post_install", "-at_install")
class TestCategoryIsPrivate(LeaksCase):
    """The emulation category is a personnel matter: the awards' recipient category (which says
    "leader" for a key cadre) and the criteria set a nomination picks do not tell it to whoever
    may not see it on the profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_b.emulation_category = "key_cadre"
        cls.leader_award = cls.award(cls.emp_b, cls.type_prov, 2023)
        cls.env.flush_all()

    def test_recipient_category_is_for_officers(self):
        self.assertEqual(self.leader_award.recipient_category, "leader")
        domain = [("recipient_category", "=", "leader"), ("employee_id", "=", self.emp_b.id)]
        found = self.rpc(
            self.user_officer,
            "emulation.award",
            "read_group",
            domain,
            ["recipient_category"],
            ["recipient_category"],
        )
        self.assertEqual([group["recipient_category_count"] for group in found], [1])
        for user in (self.user_plain, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.rpc(
                        user,
                        "emulation.award",
                        "read_group",
                        domain,
                        ["recipient_category"],
                        ["recipient_category"],
                    )
                with self.assertRaises(AccessError):
                    self.rpc(user, "emulation.award", "search", domain)
                with self.assertRaises(AccessError):
                    self.rpc(
                        user,
                        "emulation.award",
                        "read",
                        self.leader_award.ids,
                        ["recipient_category"],
                    )
                described = self.rpc(user, "emulation.award", "fields_get")
                self.assertNotIn("recipient_category", described)
                self.assertIn("award_type_id", described)
                # the award itself stays a public honour
                values = self.rpc(user, "emulation.award", "read", self.leader_award.ids)[0]
                self.assertEqual(values["employee_id"][0], self.emp_b.id)
                self.assertNotIn("recipient_category", values)

    def test_statistics_by_category_is_an_officers_menu(self):
        menu = self.env.ref("emulation_exemplar.menu_emulation_award_category_statistics")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.user_officer)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.user_plain)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.user_manager)._visible_menu_ids())

    def nomination_onchange(self, user, employee):
        values = {
            "campaign_id": self.campaign.id,
            "nominee_kind": "individual",
            "employee_id": employee.id,
        }
        result = self.rpc(
            user, "emulation.nomination", "onchange", [], values, ["employee_id"], NOMINATION_SPEC
        )
        return result["value"].get("criteria_set_id")

    def test_nomination_onchange_tells_no_category(self):
        officers = self.nomination_onchange(self.user_officer, self.emp_b)
        self.assertTrue(officers, "an officer's form picks the key cadres' set")
        key_cadre_set = self.env["emulation.criteria.set"].browse(officers["id"])
        self.assertEqual(key_cadre_set.recipient_kind, "key_cadre")
        # Bình's unit manager may see her category, on her profile as in the form
        self.assertEqual(self.nomination_onchange(self.user_manager, self.emp_b), officers)
        profile = self.env["hr.employee.public"].with_user(self.user_manager).browse(self.emp_b.id)
        self.assertEqual(profile.emulation_category, "key_cadre")
        # a colleague may not: the profile shows no category, the form picks no set
        profile = self.env["hr.employee.public"].with_user(self.user_plain).browse(self.emp_b.id)
        self.assertFalse(profile.emulation_category)
        self.assertFalse(self.nomination_onchange(self.user_plain, self.emp_b))
        # one's own category is one's own
        own = self.nomination_onchange(self.user_plain, self.emp_a)
        self.assertTrue(own)
        self.assertEqual(
            self.env["emulation.criteria.set"].browse(own["id"]).recipient_kind, "staff"
        )


@tagged("post_install", "-at_install")
class TestFollowersSearch(LeaksCase):
    def test_search_on_followers_agrees_with_reading_them(self):
        officer = self.user_officer.partner_id
        self.nom_b.message_subscribe(officer.ids)
        self.cl_b.message_subscribe(officer.ids)
        self.awards[:1].message_subscribe(officer.ids)
        followed = [("message_partner_ids", "in", officer.ids)]
        # the officer sees their own following
        self.assertIn(
            self.nom_b.id, self.rpc(self.user_officer, "emulation.nomination", "search", followed)
        )
        # Bình's unit manager reads her nomination, but not who follows it ...
        values = self.rpc(
            self.user_manager,
            "emulation.nomination",
            "read",
            self.nom_b.ids,
            ["message_follower_ids", "message_partner_ids"],
        )[0]
        self.assertNotIn(officer.id, values["message_partner_ids"])
        self.assertFalse(values["message_follower_ids"])
        # ... and cannot find it by its followers either
        for model, record in (
            ("emulation.nomination", self.nom_b),
            ("emulation.classification", self.cl_b),
        ):
            with self.subTest(model=model):
                self.assertIn(
                    record.id,
                    self.rpc(self.user_manager, model, "search", [("id", "=", record.id)]),
                )
                self.assertNotIn(record.id, self.rpc(self.user_manager, model, "search", followed))
                not_followed = [("message_partner_ids", "not in", officer.ids)]
                self.assertIn(record.id, self.rpc(self.user_manager, model, "search", not_followed))
        # their own following they find
        self.nom_b.message_subscribe(self.user_manager.partner_id.ids)
        self.assertIn(
            self.nom_b.id,
            self.rpc(
                self.user_manager,
                "emulation.nomination",
                "search",
                [("message_partner_ids", "in", self.user_manager.partner_id.ids)],
            ),
        )
        # the followers of public honours stay searchable, as they are readable
        self.assertIn(
            self.awards[0].id, self.rpc(self.user_plain, "emulation.award", "search", followed)
        )


@tagged("post_install", "-at_install")
class TestClearMessages(LeaksCase):
    """Requests that used to end in a traceback (KeyError, NotImplementedError, TypeError,
    ValueError, a database error) answer with a message."""

    def test_eligibility_onchange(self):
        row = self.env["emulation.eligibility"].search(
            [("employee_id", "=", self.emp_b.id), ("award_type_id", "=", False)], limit=1
        )
        self.assertTrue(row.explanation, "Bình has a result with an explanation")
        spec = {
            fname: {}
            for fname in (
                "criteria_set_id",
                "year",
                "recipient_type",
                "employee_id",
                "explanation",
                "missing_text",
                "recipient_name",
            )
        }
        spec["award_ids"] = {"fields": {"display_name": {}}}
        values = {
            "criteria_set_id": row.criteria_set_id.id,
            "year": row.year,
            "recipient_type": "individual",
            "employee_id": self.emp_b.id,
        }
        for user in (self.user_officer, self.user_plain):
            with self.subTest(user=user.login):
                for changed in (["employee_id"], ["criteria_set_id"], []):
                    result = self.rpc(
                        user, "emulation.eligibility", "onchange", [], values, changed, spec
                    )["value"]
                    # a row being edited is no result: it explains nothing (nor tells a
                    # colleague's eligibility)
                    self.assertFalse(result.get("explanation"))
                    self.assertFalse(result.get("missing_text"))

    def test_search_on_private_access(self):
        own, other = self.emp_a.id, self.emp_b.id
        Public = "hr.employee.public"
        for domain, present, absent in (
            ([("emulation_private_access", "in", [True])], own, other),
            ([("emulation_private_access", "not in", [True])], other, own),
            ([("emulation_private_access", "in", [False])], other, own),
            ([("emulation_private_access", "in", [True, True])], own, other),
            ([("emulation_private_access", "=", True)], own, other),
            ([("emulation_private_access", "!=", True)], other, own),
        ):
            with self.subTest(domain=domain):
                found = self.rpc(self.user_plain, Public, "search", domain)
                self.assertIn(present, found)
                self.assertNotIn(absent, found)
        both = self.rpc(
            self.user_plain, Public, "search", [("emulation_private_access", "in", [True, False])]
        )
        self.assertLessEqual({own, other}, set(both))
        self.assertFalse(
            self.rpc(self.user_plain, Public, "search", [("emulation_private_access", "in", [])])
        )
        for term in ((">", 1), ("in", ["x"]), ("in", [[True]]), ("=", "yes")):
            with self.assertRaisesRegex(UserError, "yes or no"):
                self.rpc(self.user_plain, Public, "search", [("emulation_private_access", *term)])

    def test_set_category_with_a_list(self):
        for category in (["key_cadre"], {"a": 1}, 7):
            with self.subTest(category=category):
                with self.assertRaisesRegex(UserError, "Unknown emulation category"):
                    self.rpc(
                        self.user_officer,
                        "hr.employee.public",
                        "action_set_emulation_category",
                        self.emp_b.ids,
                        context={"emulation_category": category},
                    )
        self.assertFalse(self.emp_b.emulation_category_manual_ids)
        self.rpc(
            self.user_officer,
            "hr.employee.public",
            "action_set_emulation_category",
            self.emp_b.ids,
            context={"emulation_category": "key_cadre"},
        )
        self.assertEqual(self.emp_b.emulation_category_manual_ids.category, "key_cadre")

    def test_propose_candidates_on_two_campaigns(self):
        other = self.campaign.copy({"name": "Other plan"})
        Campaign = "emulation.campaign"
        with self.assertRaisesRegex(UserError, "Open one campaign"):
            self.rpc(
                self.user_officer,
                Campaign,
                "action_propose_candidates_wizard",
                (self.campaign | other).ids,
            )
        with self.assertRaisesRegex(UserError, "Open one campaign"):
            self.rpc(self.user_officer, Campaign, "action_view_nominations", [])
        action = self.rpc(
            self.user_officer, Campaign, "action_propose_candidates_wizard", self.campaign.ids
        )
        self.assertEqual(action["context"]["default_campaign_id"], self.campaign.id)

    def test_award_with_a_recipient_that_is_no_id(self):
        Award = "emulation.award"
        count = self.env[Award].search_count([])
        for value in ("abc", [self.emp_b.id], 1.5, -3):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "choose the person or unit"):
                    self.rpc(
                        self.user_officer,
                        Award,
                        "create",
                        {"award_type_id": self.type_prov.id, "employee_id": value, "year": 2023},
                    )
        with self.assertRaisesRegex(ValidationError, "choose the person or unit"):
            self.rpc(
                self.user_officer,
                Award,
                "create",
                {"award_type_id": self.type_flag.id, "year": 2023},
                context={"default_recipient_type": "collective", "default_department_id": "x"},
            )
        self.assertEqual(self.env[Award].search_count([]), count)

    def test_numbers_past_the_column_range(self):
        # every stored Integer field of the module is bounded, present and future
        checked = set()
        for model_name in self.env.registry:
            Model = self.env[model_name]
            for fname, field in Model._fields.items():
                if (
                    field.type == "integer"
                    and field.store
                    and "emulation_exemplar" in (field._modules or ())
                ):
                    checked.add((model_name, fname))
                    with self.assertRaises(ValidationError):
                        Model._emulation_check_integers({fname: INTEGER_MAX + 1})
                    with self.assertRaises(ValidationError):
                        Model._emulation_check_integers({fname: -INTEGER_MAX - 2})
                    Model._emulation_check_integers({fname: INTEGER_MAX})
        self.assertLessEqual(
            {
                ("emulation.award", "year"),
                ("emulation.campaign", "year_to"),
                ("emulation.campaign.target", "min_count"),
                ("emulation.council.session", "member_count"),
                ("emulation.council.session", "present_count"),
                ("emulation.proposal.line", "vote_yes"),
                ("emulation.decision", "year"),
                ("emulation.criteria.condition", "min_count"),
            },
            checked,
        )
        # the requests themselves, as an officer sends them
        too_large = 2**31
        cases = [
            (
                "emulation.award",
                "create",
                [
                    {
                        "award_type_id": self.type_prov.id,
                        "employee_id": self.emp_b.id,
                        "year": too_large,
                    }
                ],
                {},
            ),
            (
                "emulation.award",
                "create",
                [{"award_type_id": self.type_prov.id, "employee_id": self.emp_b.id}],
                {"context": {"default_year": too_large}},
            ),
            ("emulation.award", "write", [self.awards[:1].ids, {"year": too_large}], {}),
            (
                "emulation.council.session",
                "create",
                [{"year": 2024, "member_count": too_large}],
                {},
            ),
            ("emulation.campaign", "write", [self.campaign.ids, {"year_to": too_large}], {}),
            (
                "emulation.campaign.target",
                "create",
                [{"campaign_id": self.campaign.id, "min_count": too_large}],
                {},
            ),
        ]
        for model, method, args, kwargs in cases:
            with self.subTest(model=model, method=method, args=args):
                with self.assertRaisesRegex(ValidationError, str(too_large)):
                    self.rpc(self.user_officer, model, method, *args, **kwargs)
        with self.assertRaisesRegex(ValidationError, "not a whole number"):
            self.rpc(
                self.user_officer,
                "emulation.council.session",
                "create",
                {"year": 2024, "member_count": "many"},
            )
        self.assertEqual(self.awards[0].year, 2022)
        self.assertEqual(self.campaign.year_to, 2025)

    def test_decision_number_and_date_bounds(self):
        Decision = "emulation.decision"
        values = {
            "award_type_id": self.type_prov.id,
            "year": 2023,
            "number": "12/QĐ-UBND",
            "date": "2024-03-01",
        }
        next_year = datetime.date.today() + datetime.timedelta(days=366 + 1)
        for changed, message in (
            ({"number": "1" * 100000}, "too long"),
            ({"date": "9999-12-31"}, "not valid"),
            ({"date": "1900-01-01"}, "01/01/1900"),
            ({"date": next_year.isoformat()}, "not valid"),
        ):
            with self.subTest(changed=str(changed)[:40]):
                with self.assertRaisesRegex(ValidationError, message):
                    self.rpc(self.user_officer, Decision, "create", dict(values, **changed))
        decision_id = self.rpc(self.user_officer, Decision, "create", values)
        with self.assertRaisesRegex(ValidationError, "too long"):
            self.rpc(self.user_officer, Decision, "write", [decision_id], {"number": "9" * 65})
        self.rpc(self.user_officer, Decision, "write", [decision_id], {"number": "9" * 64})
        self.assertEqual(self.env[Decision].browse(decision_id).number, "9" * 64)


@tagged("post_install", "-at_install")
class TestCsvInWrongEncoding(LeaksCase):
    def import_record(self, content):
        return (
            self.env["base_import.import"]
            .with_user(self.user_officer)
            .create(
                {
                    "res_model": "emulation.award",
                    "file": content,
                    "file_name": "awards.csv",
                    "file_type": "text/csv",
                }
            )
        )

    def test_utf16_file_read_as_utf8(self):
        content = "Employee,Award type,Year\nTrần Thị Bình,BK_UBND,2023\n".encode("utf-16")
        options = dict(OPTIONS, encoding="utf-8")
        record = self.import_record(content)
        preview = self.rpc(
            self.user_officer, "base_import.import", "parse_preview", record.ids, options
        )
        self.assertIn("cannot be read as UTF-8", preview["error"])
        self.assertIn("UTF-16", preview["error"])
        count = self.env["emulation.award"].search_count([])
        for dryrun in (True, False):
            result = self.rpc(
                self.user_officer,
                "base_import.import",
                "execute_import",
                record.ids,
                ["employee_id", "award_type_id", "year"],
                ["Employee", "Award type", "Year"],
                options,
                dryrun=dryrun,
            )
            self.assertFalse(result.get("ids"))
            messages = [message["message"] for message in result["messages"]]
            self.assertEqual(len(messages), 1, messages)
            self.assertIn("cannot be read as UTF-8", messages[0])
        self.assertEqual(self.env["emulation.award"].search_count([]), count)
        # read in its encoding, the same file imports
        record = self.import_record(content)
        result = self.rpc(
            self.user_officer,
            "base_import.import",
            "execute_import",
            record.ids,
            ["employee_id", "award_type_id", "year"],
            ["Employee", "Award type", "Year"],
            dict(options, encoding="utf-16"),
        )
        self.assertEqual(len(result["ids"]), 1, result.get("messages"))

    def test_message_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["emulation_exemplar"], ["vi_VN"])
        self.user_officer.lang = "vi_VN"
        record = self.import_record("a,b\n1,2\n".encode("utf-16"))
        result = self.rpc(
            self.user_officer,
            "base_import.import",
            "execute_import",
            record.ids,
            ["year", False],
            ["a", "b"],
            dict(OPTIONS, encoding="utf-8"),
            context={"lang": "vi_VN"},
        )
        message = result["messages"][0]["message"]
        self.assertNotIn("cannot be read", message)
        self.assertIn("UTF-8", message)
        with self.assertRaises(ValidationError) as caught:
            self.rpc(
                self.user_officer,
                "emulation.council.session",
                "create",
                {"year": 2024, "member_count": 2**31},
                context={"lang": "vi_VN"},
            )
        self.assertNotIn("out of range", str(caught.exception))
