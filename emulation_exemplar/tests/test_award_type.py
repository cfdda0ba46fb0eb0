from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EmulationCase


@tagged("at_install")
class TestAwardType(EmulationCase):
    def test_create_and_name_search_by_code(self):
        award_type = self.env["emulation.award.type"].create(
            {
                "name": "Special merit",
                "code": "SPECIAL",
                "level": "provincial",
                "kind": "commendation",
            }
        )
        self.assertEqual(award_type.display_name, "Special merit")
        found = self.env["emulation.award.type"].name_search("SPECIAL")
        self.assertIn(award_type.id, [rec_id for rec_id, _name in found])
        found = self.env["emulation.award.type"].name_search("BK_UBND")
        self.assertEqual([rec_id for rec_id, _name in found], [self.type_prov.id])

    def test_code_unique_global(self):
        with self.assertRaisesRegex(ValidationError, "bk_ubnd.*Provincial People"):
            self.env["emulation.award.type"].create({"name": "Copy", "code": "bk_ubnd"})

    def test_code_unique_per_company(self):
        other = self.env["res.company"].create({"name": "Other department"})
        Type = self.env["emulation.award.type"]
        Type.create({"name": "Local A", "code": "LOCAL", "company_id": self.company.id})
        # the same code in another company is fine
        Type.create({"name": "Local B", "code": "LOCAL", "company_id": other.id})
        # a case variant is refused by the Python check with a clear message
        with self.assertRaisesRegex(ValidationError, "already used"):
            Type.create({"name": "Local C", "code": "local", "company_id": other.id})
        # a global code clashes with every company's
        with self.assertRaisesRegex(ValidationError, "already used"):
            Type.create({"name": "Local D", "code": "LOCAL"})

    def test_code_unique_sql(self):
        Type = self.env["emulation.award.type"]
        Type.create({"name": "Sql A", "code": "SQLX", "company_id": self.company.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            # bypass the Python check to prove the database constraint too
            self.env.cr.execute(
                "INSERT INTO emulation_award_type"
                " (name, code, company_id, kind, level, recipient_scope, active, sequence)"
                " VALUES ('{\"en_US\": \"Sql B\"}', 'SQLX', %s, 'title', 'grassroots', 'both',"
                " true, 1)",
                [self.company.id],
            )

    def test_access(self):
        Type = self.env["emulation.award.type"]
        # every internal user reads the catalogue
        self.assertTrue(Type.with_user(self.user_plain).search_count([]) >= 17)
        self.assertEqual(self.type_prov.with_user(self.user_plain).name, self.type_prov.name)
        # ... but only administrators manage it
        for user in (self.user_plain, self.user_manager, self.user_officer):
            with self.assertRaises(AccessError):
                Type.with_user(user).create({"name": "Nope", "code": "NOPE"})
            with self.assertRaises(AccessError):
                self.type_prov.with_user(user).write({"name": "Changed"})
        created = Type.with_user(self.user_admin).create({"name": "Yes", "code": "YES"})
        self.assertTrue(created.exists())
        created.with_user(self.user_admin).write({"active": False})
        self.assertFalse(created.active)
