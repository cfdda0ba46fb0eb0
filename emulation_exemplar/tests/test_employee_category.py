"""The emulation category set by hand has a model of its own (``emulation.employee.category``):
who reads and sets it, per role, with no override of ``hr.employee``'s reads and no ``sudo()``
write; and the upgrade that moves the old column into it."""

import importlib.util
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_access import AccessCase

MIGRATION = Path(__file__).resolve().parents[1] / "migrations" / "18.0.3.0.0" / "post-category.py"


def load_migration():
    spec = importlib.util.spec_from_file_location("emulation_post_category", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("at_install")
class TestEmployeeCategoryHome(AccessCase):
    def test_no_override_of_the_employee_reads(self):
        Employee = type(self.env["hr.employee"])
        own = [
            cls for cls in Employee.__mro__ if cls.__module__.startswith("odoo.addons.emulation")
        ]
        for cls in own:
            for name in ("fetch", "search_fetch", "read", "_search"):
                self.assertNotIn(name, vars(cls), "%s overrides %s" % (cls.__module__, name))

    def test_access_per_role(self):
        self.emp_b.emulation_category = "key_cadre"
        line = self.emp_b.emulation_category_manual_ids
        self.assertEqual(line.category, "key_cadre")
        for user in (self.user_plain, self.user_manager):
            Manual = self.env["emulation.employee.category"].with_user(user)
            profile = self.env["hr.employee.public"].with_user(user).browse(self.emp_b.id)
            with self.subTest(user=user.login):
                self.assertFalse(Manual.has_access("read"))
                with self.assertRaises(AccessError):
                    Manual.browse(line.id).read(["category"])
                with self.assertRaises(AccessError):
                    Manual.create({"employee_id": self.emp_a.id, "category": "key_cadre"})
                with self.assertRaises(AccessError):
                    profile.with_context(emulation_category="staff").action_set_emulation_category()
                self.assertFalse(profile.emulation_category_by_hand)
        self.assertEqual(line.category, "key_cadre")
        for user in (self.user_officer, self.user_admin):
            Manual = self.env["emulation.employee.category"].with_user(user)
            profile = self.env["hr.employee.public"].with_user(user).browse(self.emp_a.id)
            with self.subTest(user=user.login):
                self.assertEqual(Manual.search([("employee_id", "=", self.emp_b.id)]), line)
                self.assertTrue(
                    self.env["hr.employee.public"]
                    .with_user(user)
                    .browse(self.emp_b.id)
                    .emulation_category_by_hand
                )
                profile.with_context(emulation_category="key_cadre").action_set_emulation_category()
                mine = Manual.search([("employee_id", "=", self.emp_a.id)])
                self.assertEqual(mine.category, "key_cadre")
                # written as the officer, not the superuser: no sudo() write
                self.assertEqual(mine.create_uid, user)
                self.assertEqual(self.emp_a.emulation_category, "key_cadre")
                profile.with_context(emulation_category=False).action_set_emulation_category()
                self.assertFalse(Manual.search([("employee_id", "=", self.emp_a.id)]))
                self.assertEqual(self.emp_a.emulation_category, "staff")

    def test_officer_of_another_company(self):
        company_2 = self.env["res.company"].create({"name": "Sở Tư pháp"})
        officer_2 = new_test_user(
            self.env,
            "emu_officer_cat_2",
            groups="base.group_user,emulation_exemplar.group_emulation_officer",
            company_id=company_2.id,
            company_ids=[(6, 0, company_2.ids)],
        )
        self.emp_b.emulation_category = "key_cadre"
        Manual = self.env["emulation.employee.category"].with_user(officer_2)
        self.assertFalse(Manual.search([]))
        with self.assertRaises(AccessError):
            Manual.browse(self.emp_b.emulation_category_manual_ids.id).unlink()
        self.assertEqual(self.emp_b.emulation_category, "key_cadre")

    def test_the_category_queues_the_person(self):
        """The category decides which sets apply: setting it by hand evaluates the person
        again, in the same transaction."""
        Eligibility = self.env["emulation.eligibility"]
        domain = [("employee_id", "=", self.emp_b.id), ("award_type_id", "=", False)]
        self.assertEqual(Eligibility.search(domain).criteria_set_id.recipient_kind, "staff")
        self.env["hr.employee.public"].with_user(self.user_officer).browse(
            self.emp_b.id
        ).with_context(emulation_category="key_cadre").action_set_emulation_category()
        self.assertEqual(Eligibility.search(domain).criteria_set_id.recipient_kind, "key_cadre")

    def test_upgrade_moves_the_old_column(self):
        cr = self.env.cr
        archived = self.env["hr.employee"].create(
            {"name": "Người đã nghỉ", "department_id": self.unit_office.id, "active": False}
        )
        self.emp_c.emulation_category = "staff"  # already in the new home: kept as it is
        cr.execute("ALTER TABLE hr_employee ADD COLUMN emulation_category_manual varchar")
        cr.execute(
            "UPDATE hr_employee SET emulation_category_manual = v.category "
            "FROM (VALUES (%s, 'key_cadre'), (%s, 'staff'), (%s, 'key_cadre'), (%s, 'key_cadre'))"
            " AS v(id, category) WHERE hr_employee.id = v.id",
            [self.emp_a.id, self.emp_b.id, archived.id, self.emp_c.id],
        )
        with self.assertLogs("odoo.addons.emulation_exemplar.migrations") as logs:
            moved = load_migration().move_manual_categories(self.env)
        self.assertEqual(moved, 3)
        self.assertIn("moved to their own model: 3", "\n".join(logs.output))
        lines = self.env["emulation.employee.category"].search(
            [("employee_id", "in", (self.emp_a | self.emp_b | archived | self.emp_c).ids)]
        )
        self.assertEqual(
            {(line.employee_id.id, line.category) for line in lines},
            {
                (self.emp_a.id, "key_cadre"),
                (self.emp_b.id, "staff"),
                (archived.id, "key_cadre"),
                (self.emp_c.id, "staff"),
            },
        )
        cr.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'hr_employee' AND column_name = 'emulation_category_manual'"
        )
        self.assertFalse(cr.fetchall(), "the old column is dropped")
        self.assertEqual(load_migration().move_manual_categories(self.env), 0, "once only")
